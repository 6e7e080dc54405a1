import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { Field } from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { useUploadSuppressions } from '@/hooks/api/suppressions/mutations.ts';
import type { SuppressionReport } from '@/hooks/api/suppressions/types.ts';

// Choosing a file sends it at once (streamed by the API, so it may be large); the input is cleared
// afterwards so the same file can be sent again.
export function UploadNumbers({ reason, onUploaded }: { reason: () => string; onUploaded: (report: SuppressionReport, name: string) => void }) {
  const { t } = useTranslation('suppressions');
  const upload = useUploadSuppressions();
  const input = useRef<HTMLInputElement>(null);
  const statusId = useId();

  const send = (file: File | undefined) => {
    if (!file) return;
    const why = reason();
    upload.mutate(
      { file, ...(why ? { reason: why } : {}) },
      {
        onSuccess: (report) => onUploaded(report, file.name),
        onSettled: () => {
          if (input.current) input.current.value = '';
        },
      },
    );
  };

  return (
    <div className="grid gap-3">
      <Field label={t('upload.file')} hint={t('upload.hint')}>
        <Input
          ref={input}
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          disabled={upload.isPending}
          aria-busy={upload.isPending || undefined}
          className="h-auto cursor-pointer py-1.5 file:mr-3 file:cursor-pointer file:rounded file:border-0 file:bg-accent file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-accent-foreground"
          onChange={(event) => send(event.currentTarget.files?.[0])}
        />
      </Field>
      <p id={statusId} role="status" className="text-sm text-muted-foreground">
        {upload.isPending && upload.variables ? t('upload.uploading', { name: upload.variables.file.name }) : ''}
      </p>
      {upload.error && <ApiErrorAlert error={upload.error} />}
    </div>
  );
}
