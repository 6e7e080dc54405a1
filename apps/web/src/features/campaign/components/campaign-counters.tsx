import { useTranslation } from 'react-i18next';
import { CALL_STATUSES } from '@autocall/domain/schemas';
import { CampaignProgress } from '@/features/campaigns/components/campaign-progress.tsx';
import type { CampaignDetail } from '@/hooks/api/campaigns/types.ts';
import { formatDateTime, formatNumber, formatPercent } from '@/lib/format.ts';
import { CallStatusBadge } from './call-status-badge.tsx';
import { Stat } from './stat.tsx';

// Numbers the campaign set out to call: all but the invalid and suppressed ones.
const NOT_CALLED = new Set(['invalid', 'suppressed']);

// Where the campaign stands: progress, calls in flight against the batch size, answer rate,
// batches, attempts, the next batch and the finish estimate, and the numbers per status.
export function CampaignCounters({ campaign }: { campaign: CampaignDetail }) {
  const { t, i18n } = useTranslation('campaign');
  const n = (value: number) => formatNumber(value, i18n.language);
  const at = (ms: number | null) => (ms == null ? t('none') : formatDateTime(ms, campaign.timeZone, i18n.language));
  const { progress } = campaign;
  const numbers = campaign.counts.numbers as Partial<Record<string, number>>;
  const total = Object.entries(numbers).reduce((sum, [status, count]) => (NOT_CALLED.has(status) ? sum : sum + (count ?? 0)), 0);
  const present = CALL_STATUSES.filter((status) => (numbers[status] ?? 0) > 0);

  return (
    <section aria-labelledby="counters-title" className="grid gap-4">
      <h2 id="counters-title" className="text-lg font-semibold">
        {t('counters.title')}
      </h2>
      <CampaignProgress finished={progress.finished} total={total} />
      <dl className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <Stat
          label={t('counters.inFlight')}
          value={t('counters.inFlightValue', { inFlight: n(progress.inFlight), perBatch: n(campaign.numberCallPerTime) })}
          hint={t('counters.inFlightHint')}
        />
        <Stat label={t('counters.answerRate')} value={progress.answerRate == null ? t('none') : formatPercent(progress.answerRate, i18n.language)} />
        <Stat
          label={t('counters.batches')}
          value={t('counters.batchesValue', { sent: n(progress.batchesSent), planned: n(progress.batchesPlanned) })}
        />
        <Stat label={t('counters.attempts')} value={n(progress.attempts)} hint={t('counters.toDial', { count: progress.toDial, formatted: n(progress.toDial) })} />
        <Stat label={t('counters.nextBatch')} value={<span className="text-base">{at(campaign.nextBatchAt)}</span>} />
        {campaign.completedAt == null ? (
          <Stat label={t('counters.finish')} value={<span className="text-base">{at(progress.estimatedFinishAt)}</span>} hint={t('counters.finishHint')} />
        ) : (
          <Stat label={t('counters.finished')} value={<span className="text-base">{at(campaign.completedAt)}</span>} />
        )}
      </dl>
      <div className="grid gap-2">
        <h3 className="text-sm font-medium">{t('counters.byStatus')}</h3>
        <ul className="flex flex-wrap gap-2">
          {present.map((status) => (
            <li key={status} className="flex items-center gap-2 rounded-lg border bg-card px-3 py-1.5 text-sm">
              <CallStatusBadge status={status} />
              <span className="font-medium tabular-nums">{n(numbers[status] ?? 0)}</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
