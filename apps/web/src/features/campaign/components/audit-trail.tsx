import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { CampaignStatusBadge } from '@/features/campaigns/components/status-badge.tsx';
import { useCampaignEvents } from '@/hooks/api/campaigns/queries.ts';
import type { CampaignEvent } from '@/hooks/api/campaigns/types.ts';
import { formatDateTime } from '@/lib/format.ts';

// Who did what and when: every status change and edit, oldest first.
export function AuditTrail({ campaignId, timeZone, live }: { campaignId: string; timeZone: string; live: boolean }) {
  const { t, i18n } = useTranslation('campaign');
  const events = useCampaignEvents(campaignId, live);
  const actor = (event: CampaignEvent) => {
    if (event.actor.startsWith('api-key:')) return t('audit.actor.apiKey', { id: event.actor.slice('api-key:'.length, 'api-key:'.length + 8) });
    if (event.actor === 'worker' || event.actor === 'provider') return t(`audit.actor.${event.actor}`);
    return event.actor;
  };
  const what = (event: CampaignEvent) => {
    if (event.from === null) return t('audit.created');
    if (event.from === event.to) return t('audit.edited');
    return t('audit.changed');
  };
  return (
    <section aria-labelledby="audit-title" className="grid gap-4">
      <h2 id="audit-title" className="text-lg font-semibold">
        {t('audit.title')}
      </h2>
      {events.isError && <ApiErrorAlert error={events.error} />}
      {events.isPending && <Skeleton className="h-24 w-full" />}
      {events.data && (
        <ol className="grid gap-0 rounded-xl border bg-card">
          {events.data.items.map((event, index) => (
            <li key={`${event.at}-${index}`} className="grid gap-1 border-b px-4 py-3 text-sm last:border-b-0 sm:grid-cols-[16rem_1fr]">
              <span className="text-muted-foreground">{formatDateTime(event.at, timeZone, i18n.language)}</span>
              <span className="flex flex-wrap items-center gap-2">
                <span>{what(event)}</span>
                {event.from !== null && event.from !== event.to && <CampaignStatusBadge status={event.from} />}
                {event.from !== null && event.from !== event.to && <span aria-hidden>→</span>}
                {event.from !== event.to && <CampaignStatusBadge status={event.to} />}
                <span className="text-muted-foreground">{t('audit.by', { actor: actor(event) })}</span>
                {event.reason && <span className="text-muted-foreground">{t('audit.reason', { reason: event.reason })}</span>}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
