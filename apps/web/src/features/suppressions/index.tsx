import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '@/components/layout/placeholder-page.tsx';

export function SuppressionsPage() {
  const { t } = useTranslation('suppressions');
  return <PlaceholderPage title={t('title')} />;
}
