import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table.tsx';
import { useDeliveries } from '@/hooks/api/webhooks/queries.ts';
import type { WebhookDelivery } from '@/hooks/api/webhooks/types.ts';
import { browserTimeZone } from '@/lib/browser-zone.ts';
import { formatDateTime } from '@/lib/format.ts';
import { DeliveryStatusBadge } from './delivery-status-badge.tsx';

// The newest deliveries to one endpoint, polled while the page is open.
export function DeliveryTable({ endpointId, url }: { endpointId: string; url: string }) {
  const { t } = useTranslation('webhooks');
  const deliveries = useDeliveries(endpointId);
  if (deliveries.isPending) return <Skeleton className="h-24 w-full" />;
  if (deliveries.isError) return <ApiErrorAlert error={deliveries.error} />;
  const items = deliveries.data.items;
  if (items.length === 0) return <p className="rounded-lg border border-dashed p-6 text-center text-sm text-muted-foreground">{t('deliveries.empty')}</p>;
  return (
    <Table label={t('deliveries.caption', { url })}>
      <TableHeader>
        <TableRow>
          <TableHead>{t('deliveries.event')}</TableHead>
          <TableHead>{t('deliveries.status')}</TableHead>
          <TableHead className="text-right">{t('deliveries.attempts')}</TableHead>
          <TableHead>{t('deliveries.lastError')}</TableHead>
          <TableHead>{t('deliveries.time')}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((delivery) => (
          <DeliveryRow key={delivery.id} delivery={delivery} />
        ))}
      </TableBody>
    </Table>
  );
}

function DeliveryRow({ delivery }: { delivery: WebhookDelivery }) {
  const { t, i18n } = useTranslation('webhooks');
  const zone = browserTimeZone();
  const error = [delivery.lastStatus !== null && delivery.status !== 'delivered' ? t('deliveries.httpStatus', { status: delivery.lastStatus }) : null, delivery.lastError]
    .filter(Boolean)
    .join(' · ');
  return (
    <TableRow>
      <TableCell className="whitespace-nowrap font-mono text-[13px]">{delivery.event}</TableCell>
      <TableCell>
        <div className="grid justify-items-start gap-1">
          <DeliveryStatusBadge status={delivery.status} />
          {delivery.nextAttemptAt !== null && (
            <span className="whitespace-nowrap text-xs text-muted-foreground">
              {t('deliveries.nextAttempt', { at: formatDateTime(delivery.nextAttemptAt, zone, i18n.language) })}
            </span>
          )}
        </div>
      </TableCell>
      <TableCell className="text-right tabular-nums">{delivery.attempts}</TableCell>
      <TableCell className="min-w-40 break-words text-muted-foreground">{error || t('deliveries.noError')}</TableCell>
      <TableCell className="whitespace-nowrap text-muted-foreground">{formatDateTime(delivery.deliveredAt ?? delivery.createdAt, zone, i18n.language)}</TableCell>
    </TableRow>
  );
}
