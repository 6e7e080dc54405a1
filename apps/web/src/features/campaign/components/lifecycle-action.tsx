import type { UseMutationResult } from '@tanstack/react-query';
import type { LucideIcon } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/dialog.tsx';

export type LifecycleKind = 'pause' | 'resume' | 'cancel';

// One of Pause / Resume / Cancel: the button, then a confirmation that names the effect; the
// dialog closes once the API has answered (the page refreshes from the invalidated queries).
export function LifecycleAction({
  kind,
  icon: Icon,
  campaignId,
  mutation,
}: {
  kind: LifecycleKind;
  icon: LucideIcon;
  campaignId: string;
  mutation: UseMutationResult<unknown, Error, string>;
}) {
  const { t } = useTranslation('campaign');
  const [open, setOpen] = useState(false);
  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) mutation.reset();
  };
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={onOpenChange}
      trigger={
        <Button variant={kind === 'resume' ? 'default' : 'outline'}>
          <Icon aria-hidden />
          {t(`actions.${kind}.button`)}
        </Button>
      }
      title={t(`actions.${kind}.title`)}
      description={t(`actions.${kind}.effect`)}
      confirmLabel={t(`actions.${kind}.confirm`)}
      cancelLabel={t(`actions.${kind}.dismiss`)}
      destructive={kind === 'cancel'}
      pending={mutation.isPending}
      onConfirm={() => mutation.mutate(campaignId, { onSuccess: () => setOpen(false) })}
    >
      {mutation.error && <ApiErrorAlert error={mutation.error} />}
    </ConfirmDialog>
  );
}
