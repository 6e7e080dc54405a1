import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { EndpointList } from './components/endpoint-list.tsx';
import { RegisterWebhookCard } from './components/register-webhook-card.tsx';

// Outbound webhooks: register a URL for some events, see each endpoint's recent deliveries.
export function WebhooksPage() {
  const { t } = useTranslation('webhooks');
  return (
    <div className="grid gap-6">
      <PageHeader title={t('title')} description={t('intro')} />
      <RegisterWebhookCard />
      <EndpointList />
    </div>
  );
}
