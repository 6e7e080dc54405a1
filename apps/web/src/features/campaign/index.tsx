import { Link, useParams } from '@tanstack/react-router';
import { ArrowLeft } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { isLive, useCampaign, useRefreshWhenSettled } from '@/hooks/api/campaigns/queries.ts';
import { ActivitySection } from './components/activity-section.tsx';
import { AuditTrail } from './components/audit-trail.tsx';
import { CampaignCounters } from './components/campaign-counters.tsx';
import { CampaignHeader } from './components/campaign-header.tsx';
import { NumbersSection } from './components/numbers-section.tsx';

// A campaign: where it stands, how calls went over time, its numbers and its history. Refreshed
// while the campaign is live (polling stops while the tab is hidden).
export function CampaignPage() {
  const { t } = useTranslation('campaign');
  const { id } = useParams({ from: '/app/campaigns/$id' });
  const campaign = useCampaign(id);
  const live = campaign.data ? isLive(campaign.data) : false;
  useRefreshWhenSettled(id, live);

  return (
    <div className="grid gap-8">
      <Link to="/campaigns" className="inline-flex w-fit items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeft aria-hidden className="size-4" />
        {t('back')}
      </Link>
      {campaign.isError && (
        <div className="grid gap-4">
          <h1 className="text-2xl font-semibold tracking-tight">{t('title')}</h1>
          <ApiErrorAlert error={campaign.error} />
        </div>
      )}
      {campaign.isPending && (
        <div aria-busy className="grid gap-4">
          <h1 className="sr-only">{t('title')}</h1>
          <Skeleton className="h-9 w-72" />
          <Skeleton className="h-32 w-full" />
        </div>
      )}
      {campaign.data && (
        <>
          <CampaignHeader campaign={campaign.data} />
          <CampaignCounters campaign={campaign.data} />
          <ActivitySection campaignId={id} timeZone={campaign.data.timeZone} live={live} />
          <NumbersSection campaignId={id} timeZone={campaign.data.timeZone} live={live} />
          <AuditTrail campaignId={id} timeZone={campaign.data.timeZone} live={live} />
        </>
      )}
    </div>
  );
}
