import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useWebhooks } from '@/hooks/api/webhooks/queries.ts';
import { EndpointCard } from './endpoint-card.tsx';

export function EndpointList() {
  const { t } = useTranslation('webhooks');
  const endpoints = useWebhooks();
  return (
    <section aria-labelledby="webhook-endpoints-title" className="grid content-start gap-4">
      <div className="flex items-baseline justify-between gap-2">
        <h2 id="webhook-endpoints-title" className="text-lg font-semibold tracking-tight">
          {t('list.title')}
        </h2>
        {endpoints.data && <p className="text-sm text-muted-foreground">{t('list.count', { count: endpoints.data.items.length })}</p>}
      </div>
      <p className="text-sm text-muted-foreground">{t('deliveries.refreshing')}</p>
      {endpoints.isPending && <Skeleton className="h-40 w-full" />}
      {endpoints.isError && <ApiErrorAlert error={endpoints.error} />}
      {endpoints.data?.items.length === 0 && <p className="rounded-xl border border-dashed p-8 text-center text-sm text-muted-foreground">{t('list.empty')}</p>}
      {endpoints.data?.items.map((endpoint) => <EndpointCard key={endpoint.id} endpoint={endpoint} />)}
    </section>
  );
}
