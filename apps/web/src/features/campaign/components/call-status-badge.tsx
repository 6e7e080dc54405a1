import { useTranslation } from 'react-i18next';
import type { CallStatus } from '@autocall/domain/schemas';
import { Badge } from '@/components/ui/badge.tsx';
import { CALL_STATUS_TONES } from '../call-statuses.ts';

export function CallStatusBadge({ status }: { status: CallStatus }) {
  const { t } = useTranslation('campaign');
  return <Badge tone={CALL_STATUS_TONES[status]}>{t(`callStatus.${status}`)}</Badge>;
}
