import { Ban, Pause, Play } from 'lucide-react';
import { applyCampaignAction, type CampaignAction } from '@autocall/domain/schemas';
import { useCancelCampaign, usePauseCampaign, useResumeCampaign } from '@/hooks/api/campaigns/mutations.ts';
import type { CampaignDetail } from '@/hooks/api/campaigns/types.ts';
import { CallAgainDialog } from './call-again-dialog.tsx';
import { EditCampaignDialog } from './edit-campaign-dialog.tsx';
import { LifecycleAction } from './lifecycle-action.tsx';

// The buttons the campaign's state allows (the domain's transition rules decide), nothing else.
export function CampaignActions({ campaign }: { campaign: CampaignDetail }) {
  const pause = usePauseCampaign();
  const resume = useResumeCampaign();
  const cancel = useCancelCampaign();
  const allows = (action: CampaignAction) => applyCampaignAction(campaign.status, action).ok;
  // Call again needs outcomes: a campaign that has started (running, paused or finished).
  const canCallAgain = campaign.status !== 'scheduled';
  return (
    <div className="flex flex-wrap gap-2">
      {allows('edit') && <EditCampaignDialog campaign={campaign} />}
      {allows('pause') && <LifecycleAction kind="pause" icon={Pause} campaignId={campaign.id} mutation={pause} />}
      {allows('resume') && <LifecycleAction kind="resume" icon={Play} campaignId={campaign.id} mutation={resume} />}
      {canCallAgain && <CallAgainDialog campaignId={campaign.id} counts={campaign.counts.numbers} />}
      {allows('cancel') && <LifecycleAction kind="cancel" icon={Ban} campaignId={campaign.id} mutation={cancel} />}
    </div>
  );
}
