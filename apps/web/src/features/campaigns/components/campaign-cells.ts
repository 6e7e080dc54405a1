import { useTranslation } from 'react-i18next';
import type { CampaignListItem } from '@/hooks/api/campaigns/types.ts';
import { formatDateTime, formatPercent } from '@/lib/format.ts';

// The values a list row (or card) shows, formatted for the page language and the campaign's zone.
export function useCampaignCells() {
  const { t, i18n } = useTranslation('campaigns');
  const none = t('none');
  const at = (ms: number | null | undefined, zone: string) => (ms == null ? none : formatDateTime(ms, zone, i18n.language));
  return (campaign: CampaignListItem) => ({
    answerRate: campaign.progress.answerRate == null ? none : formatPercent(campaign.progress.answerRate, i18n.language),
    nextBatch: at(campaign.progress.nextBatchAt, campaign.timeZone),
    finish: at(campaign.progress.estimatedFinishAt, campaign.timeZone),
    created: at(campaign.createdAt, campaign.timeZone),
  });
}
