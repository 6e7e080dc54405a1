import { useTranslation } from 'react-i18next';
import { CampaignStatusBadge } from '@/features/campaigns/components/status-badge.tsx';
import type { CampaignDetail } from '@/hooks/api/campaigns/types.ts';
import { formatDateTime } from '@/lib/format.ts';
import { CampaignActions } from './campaign-actions.tsx';
import { PauseReason } from './pause-reason.tsx';

// Name, status in words, when it starts or started, the actions; why it is paused, when it is.
export function CampaignHeader({ campaign }: { campaign: CampaignDetail }) {
  const { t, i18n } = useTranslation('campaign');
  const started = campaign.startedAt ?? campaign.sendTime;
  return (
    <div className="grid gap-4">
      <div className="flex flex-col gap-4 lg:flex-row lg:items-start lg:justify-between">
        <div className="grid min-w-0 gap-2">
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="min-w-0 break-words text-2xl font-semibold tracking-tight">{campaign.name}</h1>
            <p className="flex items-center gap-2 text-sm">
              <span className="sr-only">{t('statusLabel')}</span>
              <CampaignStatusBadge status={campaign.status} className="text-sm" />
            </p>
          </div>
          <p className="text-sm text-muted-foreground">
            {t(campaign.startedAt ? 'startedAt' : 'startsAt', { at: formatDateTime(started, campaign.timeZone, i18n.language) })}
          </p>
        </div>
        <CampaignActions campaign={campaign} />
      </div>
      {campaign.status === 'paused' && <PauseReason reason={campaign.pauseReason} detail={campaign.pauseDetail} />}
    </div>
  );
}
