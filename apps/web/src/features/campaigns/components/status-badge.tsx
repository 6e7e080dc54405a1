import { useTranslation } from 'react-i18next';
import type { CampaignStatus } from '@autocall/domain/schemas';
import { Badge, type BadgeTone } from '@/components/ui/badge.tsx';

const TONES: Record<CampaignStatus, BadgeTone> = {
  scheduled: 'neutral',
  running: 'info',
  paused: 'warning',
  completed: 'success',
  cancelled: 'neutral',
  failed: 'danger',
};

// The campaign's status as a word (translated), its colour only a second cue.
export function CampaignStatusBadge({ status, className }: { status: CampaignStatus; className?: string }) {
  const { t } = useTranslation('campaigns');
  return (
    <Badge tone={TONES[status]} className={className}>
      {t(`status.${status}`)}
    </Badge>
  );
}
