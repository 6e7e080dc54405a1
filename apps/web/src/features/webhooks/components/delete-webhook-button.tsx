import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/dialog.tsx';
import { useDeleteWebhook } from '@/hooks/api/webhooks/mutations.ts';

export function DeleteWebhookButton({ id, url }: { id: string; url: string }) {
  const { t } = useTranslation('webhooks');
  const remove = useDeleteWebhook();
  const [open, setOpen] = useState(false);
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={(next) => {
        if (!next) remove.reset();
        setOpen(next);
      }}
      trigger={
        <Button variant="outline" size="sm" aria-label={t('delete.button', { url })}>
          <Trash2 aria-hidden />
          {t('delete.label')}
        </Button>
      }
      title={t('delete.title')}
      description={<span className="break-all">{t('delete.description', { url })}</span>}
      confirmLabel={remove.isPending ? t('delete.deleting') : t('delete.confirm')}
      cancelLabel={t('cancel')}
      destructive
      pending={remove.isPending}
      onConfirm={() => remove.mutate(id, { onSuccess: () => setOpen(false) })}
    >
      {remove.error && <ApiErrorAlert error={remove.error} />}
    </ConfirmDialog>
  );
}
