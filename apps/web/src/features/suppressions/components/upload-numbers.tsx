import { Upload } from 'lucide-react';
import { useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { buttonVariants } from '@/components/ui/button.tsx';
import { Label } from '@/components/ui/label.tsx';
import { useUploadSuppressions } from '@/hooks/api/suppressions/mutations.ts';
import type { SuppressionReport } from '@/hooks/api/suppressions/types.ts';
import { cn } from '@/lib/utils.ts';

// Choosing a file sends it at once (streamed by the API, so it may be large); the input is cleared
// afterwards so the same file can be sent again. The native input stays the control (focusable,
// named "Upload a file", Enter opens the file chooser); the box drawn over it only gives it words
// in the page's language, where the browser's own "Choose File" would not follow the switch.
export function UploadNumbers({ reason, onUploaded }: { reason: () => string; onUploaded: (report: SuppressionReport, name: string) => void }) {
  const { t } = useTranslation('suppressions');
  const upload = useUploadSuppressions();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

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
  const uploading = upload.isPending && upload.variables ? upload.variables.file.name : null;

  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{t('upload.file')}</Label>
      <input
        ref={input}
        id={id}
        type="file"
        accept=".csv,.txt,text/csv,text/plain"
        aria-describedby={`${id}-hint`}
        aria-busy={upload.isPending || undefined}
        disabled={upload.isPending}
        className="peer sr-only"
        onChange={(event) => send(event.currentTarget.files?.[0])}
      />
      <div
        aria-hidden
        className="flex min-w-0 cursor-pointer items-center gap-3 rounded-md border border-input bg-card p-1.5 pr-3 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-ring peer-disabled:cursor-wait peer-disabled:opacity-60"
        onClick={() => input.current?.click()}
      >
        <span className={cn(buttonVariants({ variant: 'outline', size: 'sm' }), 'pointer-events-none')}>
          <Upload aria-hidden />
          {t('upload.choose')}
        </span>
        <span className="truncate text-sm text-muted-foreground">{uploading ?? t('upload.none')}</span>
      </div>
      <p id={`${id}-hint`} className="text-sm text-muted-foreground">
        {t('upload.hint')}
      </p>
      <p role="status" className="text-sm text-muted-foreground empty:hidden">
        {uploading ? t('upload.uploading', { name: uploading }) : ''}
      </p>
      {upload.error && <ApiErrorAlert error={upload.error} />}
    </div>
  );
}
