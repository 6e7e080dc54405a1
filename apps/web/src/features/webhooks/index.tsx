import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '@/components/layout/placeholder-page.tsx';

export function WebhooksPage() {
  const { t } = useTranslation('webhooks');
  return <PlaceholderPage title={t('title')} />;
}
