import { Download } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { buttonVariants } from '@/components/ui/button.tsx';
import { callsQueryParams } from '@/hooks/api/calls/queries.ts';
import { useExportCalls } from '@/hooks/api/calls/export.ts';
import type { CallFilter } from '@/hooks/api/calls/types.ts';
import { cn } from '@/lib/utils.ts';

// A link named "Export CSV" to the filtered export. The API wants the Bearer key, which a link
// cannot send, so a click fetches the file through the SDK client and saves it (the href stays
// the export's address, for what it is worth to a reader of the page).
export function ExportCsvLink({ campaignId, filter }: { campaignId: string; filter: CallFilter }) {
  const { t } = useTranslation('campaign');
  const exporting = useExportCalls(campaignId);
  const href = `/v1/campaigns/${campaignId}/calls.csv${toSearch(callsQueryParams(filter))}`;
  return (
    <div className="grid justify-items-start gap-2">
      <a
        href={href}
        download
        aria-busy={exporting.isPending || undefined}
        className={cn(buttonVariants({ variant: 'outline' }), exporting.isPending && 'opacity-60')}
        onClick={(event) => {
          event.preventDefault();
          if (!exporting.isPending) exporting.mutate(filter);
        }}
      >
        <Download aria-hidden />
        {t('numbers.export')}
      </a>
      {exporting.isPending && (
        <p role="status" className="text-sm text-muted-foreground">
          {t('numbers.exporting')}
        </p>
      )}
      {exporting.isError && <ApiErrorAlert error={exporting.error} />}
    </div>
  );
}

function toSearch(query: Record<string, string | undefined>): string {
  const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const text = params.toString();
  return text ? `?${text}` : '';
}
