import { Duration } from 'luxon';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { formatDateTime, formatNumber } from '@/lib/format.ts';
import { usePlan, type PlanInput, type PlanState } from '../use-plan.ts';

export type PlanFacts = 'pacing' | 'when' | 'all';

/** "2 hr, 5 min" in the page's language; seconds only under a minute. */
export function formatDuration(seconds: number, locale: string): string {
  const units = seconds >= 60 ? (['days', 'hours', 'minutes'] as const) : (['seconds'] as const);
  const parts = Duration.fromObject({ seconds }).shiftTo(...units).toObject();
  const kept = Object.fromEntries(Object.entries(parts).map(([unit, n]) => [unit, Math.floor(n ?? 0)]).filter(([, n]) => n !== 0));
  if (Object.keys(kept).length === 0) return Duration.fromObject({ [units.at(-1)!]: 0 }, { locale }).toHuman({ unitDisplay: 'short' });
  return Duration.fromObject(kept, { locale }).toHuman({ unitDisplay: 'short' });
}

// What the plan says: on the pacing step, batches, duration and finish; on the "when" step, the
// first and last batch in the campaign's zone (named).
export function PlanSummary({ state, timeZone, facts }: { state: PlanState; timeZone: string; facts: PlanFacts }) {
  const { t, i18n } = useTranslation('wizard');
  const { plan, invalid, fetching, error } = state;
  const at = (ms: number | null) => (ms === null ? t('plan.never') : formatDateTime(ms, timeZone, i18n.language));
  const rows: [string, string][] = [];
  if (plan) {
    if (facts !== 'when') {
      rows.push([t('plan.batches'), formatNumber(plan.batches, i18n.language)]);
      if (plan.retryBatches > 0) rows.push([t('plan.retryBatches'), formatNumber(plan.retryBatches, i18n.language)]);
      rows.push([t('plan.duration'), plan.durationSeconds === null ? t('plan.never') : formatDuration(plan.durationSeconds, i18n.language)]);
    }
    if (facts !== 'pacing') {
      rows.push([t('plan.firstBatch'), at(plan.firstBatchAt)]);
      rows.push([t('plan.lastBatch'), at(plan.lastBatchAt)]);
    }
    rows.push([t('plan.finish'), at(plan.estimatedFinishAt)]);
  }
  return (
    <section aria-labelledby={`plan-${facts}`} aria-busy={fetching} className="grid gap-3 rounded-xl border bg-card p-4 sm:p-5">
      <div className="flex items-baseline justify-between gap-2">
        <h3 id={`plan-${facts}`} className="text-base font-semibold">
          {t('plan.title')}
        </h3>
        {fetching && !invalid && <span className="text-sm text-muted-foreground">{t('plan.updating')}</span>}
      </div>
      {invalid ? (
        <p className="text-sm text-muted-foreground">{t('plan.invalid')}</p>
      ) : error && !fetching ? (
        <ApiErrorAlert error={error} title={t('plan.failed')} />
      ) : plan ? (
        <>
          <dl aria-live="polite" className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
            {rows.map(([term, value]) => (
              <div key={term} className="contents">
                <dt className="text-muted-foreground">{term}</dt>
                <dd className="font-medium">{value}</dd>
              </div>
            ))}
          </dl>
          {plan.firstBatchAt === null && <p className="text-sm font-medium text-destructive">{t('plan.windowsNeverOpen')}</p>}
          {plan.retryBatches > 0 && <p className="text-xs text-muted-foreground">{t('plan.retryNote')}</p>}
        </>
      ) : (
        <p className="text-sm text-muted-foreground">{t('plan.updating')}</p>
      )}
    </section>
  );
}

// The plan following the form by itself: only this re-renders as the settings change.
export function LivePlanSummary({ planInput, timeZone, facts }: { planInput: PlanInput; timeZone: string; facts: PlanFacts }) {
  return <PlanSummary state={usePlan(planInput)} timeZone={timeZone} facts={facts} />;
}
