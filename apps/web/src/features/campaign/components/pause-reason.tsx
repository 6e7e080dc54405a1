import { PauseCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Alert, AlertDescription, AlertTitle } from '@/components/ui/alert.tsx';

// Codes the worker pauses a campaign with: provider_unavailable, or the provider's own refusal code.
const KNOWN_REASONS = new Set([
  'provider_unavailable',
  'balance_is_not_enough',
  'limit_service',
  'number_call_out_invalid',
  'api_key_invalid',
  'tenant_invalid',
  'tenant_disabled',
  'individual_package_expired',
  'permission_denied',
  'limit_word',
  'limit_word_session',
  'data_is_required',
  'request_body_required',
  'invalid_phone_number',
  'rate_limit_exceeded',
]);

// Why a paused campaign waits: a sentence per known reason, else the code itself; nothing for a
// pause someone asked for (the audit trail says who).
export function PauseReason({ reason, detail }: { reason: string | null; detail: string | null }) {
  const { t } = useTranslation('campaign');
  if (!reason) return null;
  const sentence = KNOWN_REASONS.has(reason) ? t(`pauseReason.${reason}`) : t('pauseReason.other', { code: reason });
  return (
    <Alert role="status" className="border-warning/50 bg-warning/10">
      <AlertTitle className="flex items-center gap-2">
        <PauseCircle aria-hidden className="size-4" />
        {t('pauseReason.title')}
      </AlertTitle>
      <AlertDescription>
        <p>{sentence}</p>
        {detail && detail !== reason && <p className="mt-1 font-mono text-xs">{detail}</p>}
      </AlertDescription>
    </Alert>
  );
}
