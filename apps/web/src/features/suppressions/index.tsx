import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header.tsx';
import { AddNumbersCard } from './components/add-numbers-card.tsx';
import { SuppressionBrowser } from './components/suppression-browser.tsx';
import { SuppressionCount } from './components/suppression-count.tsx';

// The tenant's do-not-call list: its size, adding (paste or file), searching, removing.
export function SuppressionsPage() {
  const { t } = useTranslation('suppressions');
  return (
    <div className="grid gap-6">
      <PageHeader title={t('title')} description={t('intro')} />
      <SuppressionCount />
      <div className="grid items-start gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <AddNumbersCard />
        <SuppressionBrowser />
      </div>
    </div>
  );
}
