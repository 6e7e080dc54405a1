import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallStatus } from '@autocall/domain/schemas';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { Pagination } from '@/components/ui/pagination.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useCursorPages } from '@/features/campaigns/use-cursor-pages.ts';
import { useCalls } from '@/hooks/api/calls/queries.ts';
import type { CallFilter } from '@/hooks/api/calls/types.ts';
import { useDebouncedValue } from '../use-debounced-value.ts';
import { ExportCsvLink } from './export-csv-link.tsx';
import { NumberFilters, searchTooShort } from './number-filters.tsx';
import { NumbersTable } from './numbers-table.tsx';

// The campaign's numbers, a page at a time from the server, filtered by status and searched by
// number; the export carries the same filter.
export function NumbersSection({ campaignId, timeZone, live }: { campaignId: string; timeZone: string; live: boolean }) {
  const { t } = useTranslation('campaign');
  const [status, setStatus] = useState<CallStatus | undefined>();
  const [typed, setTyped] = useState('');
  const settled = useDebouncedValue(typed, 300);
  const phone = searchTooShort(settled) ? '' : settled.trim();
  const filter: CallFilter = { statuses: status ? [status] : [], phone };
  const pages = useCursorPages(`${status ?? ''}|${phone}`);
  const calls = useCalls(campaignId, filter, pages.cursor, live);
  const items = calls.data?.items ?? [];
  const nextCursor = calls.data?.nextCursor ?? null;

  return (
    <section aria-labelledby="numbers-title" className="grid gap-4">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <h2 id="numbers-title" className="text-lg font-semibold">
          {t('numbers.title')}
        </h2>
        <ExportCsvLink campaignId={campaignId} filter={filter} />
      </div>
      <NumberFilters status={status} onStatus={setStatus} phone={typed} onPhone={setTyped} />
      {calls.isError && <ApiErrorAlert error={calls.error} />}
      {calls.isPending && <Skeleton className="h-48 w-full" />}
      <div aria-live="polite" className="sr-only">
        {calls.isSuccess && !calls.isPlaceholderData && t('numbers.shown', { count: items.length })}
      </div>
      {calls.isSuccess && items.length === 0 && <p className="rounded-xl border bg-card p-6 text-sm text-muted-foreground">{t('numbers.empty')}</p>}
      {items.length > 0 && <NumbersTable calls={items} timeZone={timeZone} />}
      {(pages.hasPrevious || nextCursor) && (
        <Pagination
          hasPrevious={pages.hasPrevious}
          hasNext={nextCursor !== null}
          onPrevious={pages.previous}
          onNext={() => nextCursor && pages.next(nextCursor)}
          summary={t('numbers.page', { page: pages.page })}
          label={t('numbers.pages')}
        />
      )}
    </section>
  );
}
