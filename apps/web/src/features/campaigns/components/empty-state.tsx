import { Link } from '@tanstack/react-router';
import { Megaphone, Plus } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';

// No campaign at all: say what a campaign is and offer to create the first one.
export function CampaignsEmptyState() {
  const { t } = useTranslation('campaigns');
  return (
    <section aria-labelledby="campaigns-empty" className="grid justify-items-center gap-3 rounded-xl border border-dashed bg-card px-6 py-14 text-center">
      <Megaphone aria-hidden className="size-10 text-muted-foreground" />
      <h2 id="campaigns-empty" className="text-lg font-semibold">
        {t('empty.title')}
      </h2>
      <p className="max-w-md text-sm text-muted-foreground">{t('empty.body')}</p>
      <Button asChild>
        <Link to="/campaigns/new">
          <Plus aria-hidden />
          {t('empty.action')}
        </Link>
      </Button>
    </section>
  );
}
