import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useCampaignTimeline } from '@/hooks/api/campaigns/queries.ts';
import { formatNumber } from '@/lib/format.ts';
import { BatchesTimeline } from './batches-timeline.tsx';

const CallsChart = lazy(() => import('./calls-chart.tsx').then((m) => ({ default: m.CallsChart })));

// Calls over time (a chart, with its totals in words for those who cannot see it) and the batches
// planned against sent.
export function ActivitySection({ campaignId, timeZone, live }: { campaignId: string; timeZone: string; live: boolean }) {
  const { t, i18n } = useTranslation('campaign');
  const timeline = useCampaignTimeline(campaignId, live);
  const calls = timeline.data?.calls ?? [];
  const sum = (key: 'dialled' | 'answered' | 'notAnswered' | 'noResult' | 'retries') =>
    formatNumber(calls.reduce((total, bucket) => total + bucket[key], 0), i18n.language);

  return (
    <section aria-labelledby="activity-title" className="grid gap-4">
      <h2 id="activity-title" className="text-lg font-semibold">
        {t('chart.title')}
      </h2>
      {timeline.isError && <ApiErrorAlert error={timeline.error} />}
      {timeline.isPending && <Skeleton className="h-64 w-full" />}
      {timeline.data && (
        <div className="grid gap-6 lg:grid-cols-2">
          <figure className="grid min-w-0 gap-2 rounded-xl border bg-card p-4 shadow-sm">
            <figcaption className="text-sm text-muted-foreground">
              {t('chart.summary', { dialled: sum('dialled'), answered: sum('answered'), notAnswered: sum('notAnswered'), noResult: sum('noResult'), retries: sum('retries') })}
            </figcaption>
            {calls.length === 0 ? (
              <p className="py-16 text-center text-sm text-muted-foreground">{t('chart.empty')}</p>
            ) : (
              <div aria-hidden className="min-w-0">
                <Suspense fallback={<Skeleton className="h-64 w-full" />}>
                  <CallsChart calls={calls} bucketSeconds={timeline.data.bucketSeconds} timeZone={timeZone} />
                </Suspense>
              </div>
            )}
          </figure>
          <BatchesTimeline batches={timeline.data.batches} olderBatches={timeline.data.olderBatches} timeZone={timeZone} />
        </div>
      )}
    </section>
  );
}
