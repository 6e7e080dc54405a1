import { useTranslation } from 'react-i18next';
import { Badge, type BadgeTone } from '@/components/ui/badge.tsx';
import type { DeliveryStatus } from '@/hooks/api/webhooks/types.ts';

const TONES: Record<DeliveryStatus, BadgeTone> = { delivered: 'success', pending: 'warning', failed: 'danger' };

export function DeliveryStatusBadge({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation('webhooks');
  return <Badge tone={TONES[status]}>{t(`deliveries.statuses.${status}`)}</Badge>;
}
