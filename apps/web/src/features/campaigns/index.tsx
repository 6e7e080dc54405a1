import { Link } from '@tanstack/react-router';
import { Plus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { PageHeader } from '@/components/ui/page-header.tsx';

export function CampaignsPage() {
  const { t } = useTranslation('campaigns');
  return (
    <div className="grid gap-6">
      <PageHeader
        title={t('title')}
        description={t('intro')}
        actions={
          <Button asChild>
            <Link to="/campaigns/new">
              <Plus aria-hidden />
              {t('new')}
            </Link>
          </Button>
        }
      />
    </div>
  );
}
