import { useQuery } from '@tanstack/react-query';
import { FileText, X } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { formatNumber } from '@/lib/format.ts';
import { fileFingerprint } from '../model/phone-text.ts';

// Only the head of the file is read in the page, whatever its size: the numbers themselves go to
// the API as the file (dry run, then upload).
const HEAD_BYTES = 16 * 1024;
const HEAD_LINES = 5;

function useFileHead(file: File) {
  return useQuery({
    queryKey: ['file-head', fileFingerprint(file)],
    queryFn: async () => {
      const text = await file.slice(0, HEAD_BYTES).text();
      const lines = text.split(/\r?\n/);
      // The last line of a cut-off head may be cut too.
      if (file.size > HEAD_BYTES) lines.pop();
      return lines.filter((line) => line.trim() !== '').slice(0, HEAD_LINES);
    },
    staleTime: Infinity,
  });
}

function fileSize(bytes: number, locale: string): string {
  if (bytes < 1_000_000) return formatNumber(bytes / 1000, locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 1 });
  return formatNumber(bytes / 1_000_000, locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 });
}

export function ChosenFile({ file, onRemove }: { file: File; onRemove: () => void }) {
  const { t, i18n } = useTranslation('wizard');
  const head = useFileHead(file);
  return (
    <section aria-label={t('numbers.fileLabel')} className="grid gap-3 rounded-xl border bg-card p-4">
      <div className="flex items-start gap-3">
        <FileText aria-hidden className="mt-0.5 size-5 shrink-0 text-muted-foreground" />
        <div className="grid min-w-0 flex-1 gap-0.5">
          <p className="truncate font-medium">{file.name}</p>
          <p className="text-sm text-muted-foreground">{fileSize(file.size, i18n.language)}</p>
        </div>
        <Button type="button" variant="ghost" size="sm" onClick={onRemove}>
          <X aria-hidden />
          {t('numbers.removeFile')}
        </Button>
      </div>
      {head.data && head.data.length > 0 && (
        <div className="grid gap-1">
          <p className="text-xs font-medium text-muted-foreground">{t('numbers.fileHead')}</p>
          <pre className="overflow-x-auto rounded-md bg-muted px-3 py-2 font-mono text-xs">{head.data.join('\n')}</pre>
        </div>
      )}
    </section>
  );
}
