import { useTranslation } from 'react-i18next';
import { PageHeader } from '@/components/ui/page-header.tsx';

// Stands in for a page a feature engineer has not built yet; removed by the feature that fills it.
export function PlaceholderPage({ title }: { title: string }) {
  const { t } = useTranslation();
  return (
    <div className="grid gap-6">
      <PageHeader title={title} />
      <p className="rounded-xl border border-dashed p-10 text-center text-sm text-muted-foreground">{t('comingSoon')}</p>
    </div>
  );
}
