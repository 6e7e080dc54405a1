import { useTranslation } from 'react-i18next';
import { Badge } from '@/components/ui/badge.tsx';
import { Card, CardContent, CardHeader } from '@/components/ui/card.tsx';
import type { WebhookEndpoint } from '@/hooks/api/webhooks/types.ts';
import { browserTimeZone } from '@/lib/browser-zone.ts';
import { formatDateTime } from '@/lib/format.ts';
import { DeleteWebhookButton } from './delete-webhook-button.tsx';
import { DeliveryTable } from './delivery-table.tsx';

// One endpoint: its URL, state and events, and under them its recent deliveries.
export function EndpointCard({ endpoint }: { endpoint: WebhookEndpoint }) {
  const { t, i18n } = useTranslation('webhooks');
  const headingId = `webhook-${endpoint.id}`;
  return (
    <Card aria-labelledby={headingId} role="article">
      <CardHeader className="gap-3">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="grid min-w-0 gap-1.5">
            <h3 id={headingId} className="break-all font-mono text-sm font-semibold">
              {endpoint.url}
            </h3>
            <div className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
              {/* The API lists only endpoints that are active: a deleted one is gone from the list. */}
              <Badge tone="success">{t('list.active')}</Badge>
              <span>{t('list.created', { at: formatDateTime(endpoint.createdAt, browserTimeZone(), i18n.language) })}</span>
            </div>
          </div>
          <DeleteWebhookButton id={endpoint.id} url={endpoint.url} />
        </div>
        <ul aria-label={t('list.eventsLabel')} className="flex flex-wrap gap-1.5">
          {endpoint.events.map((event) => (
            <li key={event}>
              <Badge tone="neutral" className="font-mono">
                {event}
              </Badge>
            </li>
          ))}
        </ul>
      </CardHeader>
      <CardContent className="grid gap-3">
        <h4 className="text-sm font-medium">{t('deliveries.title')}</h4>
        <DeliveryTable endpointId={endpoint.id} url={endpoint.url} />
      </CardContent>
    </Card>
  );
}
