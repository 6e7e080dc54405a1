import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '@/components/layout/placeholder-page.tsx';

export function WizardPage() {
  const { t } = useTranslation('wizard');
  return <PlaceholderPage title={t('title')} />;
}
