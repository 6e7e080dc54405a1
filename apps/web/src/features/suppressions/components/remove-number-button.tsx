import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/dialog.tsx';
import { useRemoveSuppression } from '@/hooks/api/suppressions/mutations.ts';

// "Remove <number>", asked once more in a dialog naming the effect.
export function RemoveNumberButton({ phone, onRemoved }: { phone: string; onRemoved: (phone: string) => void }) {
  const { t } = useTranslation('suppressions');
  const remove = useRemoveSuppression();
  const [open, setOpen] = useState(false);
  const confirm = () =>
    remove.mutate(phone, {
      onSuccess: () => {
        setOpen(false);
        onRemoved(phone);
      },
    });
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        if (!next) remove.reset();
        setOpen(next);
      }}
      trigger={
        <Button variant="ghost" size="icon" aria-label={t('remove.button', { phone })} className="size-9 text-muted-foreground hover:text-destructive">
          <Trash2 aria-hidden />
        </Button>
      }
      title={t('remove.title', { phone })}
      description={t('remove.description')}
      confirmLabel={remove.isPending ? t('remove.removing') : t('remove.confirm')}
      cancelLabel={t('cancel')}
      destructive
      pending={remove.isPending}
      onConfirm={confirm}
    >
      {remove.error && <ApiErrorAlert error={remove.error} />}
    </ConfirmDialog>
  );
}
