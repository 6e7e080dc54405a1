import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/dialog.tsx';
import { useRevokeApiKey } from '@/hooks/api/api-keys/mutations.ts';

// Revoking is immediate and final: the dialog says so before anything happens.
export function RevokeKeyButton({ id, name }: { id: string; name: string }) {
  const { t } = useTranslation('api-keys');
  const revoke = useRevokeApiKey();
  const [open, setOpen] = useState(false);
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        if (!next) revoke.reset();
        setOpen(next);
      }}
      trigger={
        <Button variant="outline" size="sm" aria-label={t('revoke.button', { name })}>
          {t('revoke.label')}
        </Button>
      }
      title={t('revoke.title', { name })}
      description={t('revoke.description')}
      confirmLabel={revoke.isPending ? t('revoke.revoking') : t('revoke.confirm')}
      cancelLabel={t('cancel')}
      destructive
      pending={revoke.isPending}
      onConfirm={() => revoke.mutate(id, { onSuccess: () => setOpen(false) })}
    >
      {revoke.error && <ApiErrorAlert error={revoke.error} />}
    </ConfirmDialog>
  );
}
