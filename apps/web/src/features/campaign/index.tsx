import { Link, useParams } from '@tanstack/react-router';
import { ArrowLeft } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { PlaceholderPage } from '@/components/layout/placeholder-page.tsx';

export function CampaignPage() {
  const { t } = useTranslation('campaign');
  const { id } = useParams({ from: '/app/campaigns/$id' });
  return (
    <div className="grid gap-4">
      <Link to="/campaigns" className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft aria-hidden className="size-4" />
        {t('back')}
      </Link>
      <PlaceholderPage title={`${t('title')} ${id}`} />
    </div>
  );
}
