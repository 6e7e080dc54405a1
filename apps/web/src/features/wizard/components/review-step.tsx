import { Info } from 'luxon';
import { Pencil } from 'lucide-react';
import type { ReactNode } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { WEEKDAYS, type CallWindows } from '@autocall/domain/schemas';
import { Button } from '@/components/ui/button.tsx';
import { useCampaignCheck } from '@/hooks/api/new-campaign/queries.ts';
import type { SourceCampaign } from '@/hooks/api/new-campaign/types.ts';
import { formatDateTime, formatNumber } from '@/lib/format.ts';
import { numbersCheckRequest } from '../model/check-request.ts';
import type { WizardValues } from '../model/form-values.ts';
import { splitPhoneText } from '../model/phone-text.ts';
import { STEPS, type StepId } from '../model/steps.ts';
import { sendTimeOf } from '../model/to-body.ts';
import { usePasteLines } from '../use-paste-lines.ts';
import type { PlanInput } from '../use-plan.ts';
import { callAgainCount } from './call-again-numbers.tsx';
import { PhoneCounts } from './numbers-preview.tsx';
import { LivePlanSummary } from './plan-summary.tsx';

type ReviewProps = { planInput: PlanInput; source?: SourceCampaign; onEdit: (step: number) => void };

// Step 5: everything on one page, each part with a way back to its step.
export function ReviewStep({ planInput, source, onEdit }: ReviewProps) {
  const { t, i18n } = useTranslation('wizard');
  const { control } = useFormContext<WizardValues>();
  const values = useWatch({ control }) as WizardValues;
  const numbers = useCampaignCheck(source ? null : numbersCheckRequest(values));
  const lineOf = usePasteLines(source || values.file ? null : values.phoneText);
  const n = (value: number) => formatNumber(value, i18n.language);
  const sendTime = sendTimeOf(values);
  return (
    <div className="grid gap-5">
      <Part step="numbers" onEdit={onEdit} after={numbers.data && <PhoneCounts phones={numbers.data.phones} lineOf={lineOf} />}>
        <Row term={t('numbers.name')}>{values.name.trim() || t('review.nameGenerated')}</Row>
        <Row term={t('review.numbers')}>
          {source
            ? t('callAgain.summary', {
                count: callAgainCount(source, values.statuses),
                formatted: n(callAgainCount(source, values.statuses)),
                name: source.name,
                statuses: values.statuses.map((status) => t(`statuses.${status}`)).join(', '),
              })
            : values.file
              ? t('review.file', { name: values.file.name })
              : t('numbers.entries', { count: splitPhoneText(values.phoneText).length, formatted: n(splitPhoneText(values.phoneText).length) })}
        </Row>
      </Part>
      <Part step="script" onEdit={onEdit}>
        <Row term={t('review.steps')}>
          <ol className="grid list-decimal gap-1 pl-5">
            {values.scripts.map((script, index) => (
              <li key={index} className="break-words">
                <span className="font-medium">{t(`script.types.${script.targetType}`)}</span>
                {script.targetValue && <span className="text-muted-foreground"> — {script.targetValue}</span>}
              </li>
            ))}
          </ol>
        </Row>
        <Row term={t('callers.title')}>
          {values.numberCallOuts.length > 0 ? values.numberCallOuts.map((c) => c.value).join(', ') : t('review.allCallers')}
        </Row>
      </Part>
      <Part step="pacing" onEdit={onEdit}>
        <Row term={t('pacing.numberCallPerTime')}>{n(values.numberCallPerTime)}</Row>
        <Row term={t('pacing.durationOfEachCall')}>{n(values.durationOfEachCall)}</Row>
        <Row term={t('pacing.maxRetryOfDetail')}>{n(values.maxRetryOfDetail)}</Row>
        <Row term={t('pacing.retryAfterSeconds')}>{n(values.retryAfterSeconds)}</Row>
      </Part>
      <Part step="when" onEdit={onEdit}>
        <Row term={t('when.start')}>
          {sendTime === undefined || Number.isNaN(sendTime) ? t('when.now') : formatDateTime(sendTime, values.timeZone, i18n.language)}
        </Row>
        <Row term={t('when.timeZone')}>{values.timeZone}</Row>
        <Row term={t('when.windows')}>
          <WindowsText windows={values.callWindows} />
        </Row>
        <Row term={t('when.skipDates')}>{values.skipDates.length > 0 ? values.skipDates.join(', ') : t('review.none')}</Row>
      </Part>
      <LivePlanSummary planInput={planInput} timeZone={values.timeZone} facts="all" />
    </div>
  );
}

function Part({ step, onEdit, children, after }: { step: StepId; onEdit: (step: number) => void; children: ReactNode; after?: ReactNode }) {
  const { t } = useTranslation('wizard');
  const index = STEPS.indexOf(step);
  return (
    <section aria-labelledby={`review-${step}`} className="grid gap-3 rounded-xl border bg-card p-4 sm:p-5">
      <div className="flex items-center justify-between gap-2">
        <h3 id={`review-${step}`} className="text-base font-semibold">
          {t(`steps.${step}`)}
        </h3>
        <Button type="button" variant="ghost" size="sm" onClick={() => onEdit(index)} aria-label={t('review.edit', { step: t(`steps.${step}`) })}>
          <Pencil aria-hidden />
          {t('review.editShort')}
        </Button>
      </div>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[minmax(10rem,auto)_1fr]">{children}</dl>
      {after}
    </section>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="contents">
      <dt className="text-muted-foreground">{term}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </div>
  );
}

function WindowsText({ windows }: { windows: CallWindows | null }) {
  const { t, i18n } = useTranslation('wizard');
  if (windows === null) return <>{t('when.preset.anyTime')}</>;
  const days = Info.weekdays('short', { locale: i18n.language });
  const open = WEEKDAYS.map((day, index) => [days[index], windows[day] ?? []] as const).filter(([, ranges]) => ranges.length > 0);
  if (open.length === 0) return <>{t('review.never')}</>;
  return (
    <ul className="grid gap-0.5">
      {open.map(([name, ranges]) => (
        <li key={name}>
          <span className="inline-block w-12 font-medium">{name}</span> {ranges.map(([from, to]) => `${from}–${to}`).join(', ')}
        </li>
      ))}
    </ul>
  );
}
