import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '@/components/layout/placeholder-page.tsx';

export function ApiKeysPage() {
  const { t } = useTranslation('api-keys');
  return <PlaceholderPage title={t('title')} />;
}
