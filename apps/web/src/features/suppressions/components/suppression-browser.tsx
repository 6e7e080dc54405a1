import { Search } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiErrorAlert } from '@/components/api-error-alert.tsx';
import { Field } from '@/components/ui/field.tsx';
import { Input } from '@/components/ui/input.tsx';
import { currentCursor, nextTrail, Pagination, previousTrail, type CursorTrail } from '@/components/ui/pagination.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useSuppressions } from '@/hooks/api/suppressions/queries.ts';
import { isApiError } from '@/lib/api-error.ts';
import { MIN_SEARCH_DIGITS, searchDigits } from '../schema.ts';
import { useDebouncedValue } from '../use-debounced-value.ts';
import { SuppressionTable } from './suppression-table.tsx';

const PAGE_SIZE = 25;

// Search, the page of numbers, and Previous / Next over the API's cursors. A new search starts
// again from the first page.
export function SuppressionBrowser() {
  const { t } = useTranslation('suppressions');
  const [search, setSearch] = useState('');
  const [trail, setTrail] = useState<CursorTrail>([]);
  const [removed, setRemoved] = useState<string | null>(null);
  const settled = useDebouncedValue(search.trim());
  const tooShort = settled !== '' && searchDigits(settled) < MIN_SEARCH_DIGITS;
  const phone = settled !== '' && !tooShort ? settled : undefined;
  const cursor = currentCursor(trail);
  const page = useSuppressions({ limit: PAGE_SIZE, ...(phone ? { phone } : {}), ...(cursor ? { cursor } : {}) });
  const searchRefused = isApiError(page.error) && page.error.statusCode === 400;

  return (
    <section aria-labelledby="suppression-list-title" className="grid content-start gap-4">
      <h2 id="suppression-list-title" className="sr-only">
        {t('table.caption')}
      </h2>
      <div className="relative">
        <Field label={t('search.label')} hint={t('search.hint')} error={tooShort ? t('search.tooShort') : searchRefused ? t('search.invalid') : undefined}>
          <Input
            type="search"
            inputMode="tel"
            autoComplete="off"
            value={search}
            className="pl-9"
            onChange={(event) => {
              setSearch(event.currentTarget.value);
              setTrail([]);
            }}
          />
        </Field>
        <Search aria-hidden className="pointer-events-none absolute left-3 top-[34px] size-4 text-muted-foreground" />
      </div>
      <p role="status" className="text-sm text-muted-foreground empty:hidden">
        {removed ? t('remove.done', { phone: removed }) : ''}
      </p>
      {page.error && !searchRefused && <ApiErrorAlert error={page.error} />}
      {page.isPending && <Skeleton className="h-48 w-full" />}
      {page.data && page.data.items.length === 0 && (
        <p className="rounded-lg border border-dashed p-8 text-center text-sm text-muted-foreground">
          {phone ? t('table.noMatch', { search: phone }) : t('table.empty')}
        </p>
      )}
      {page.data && page.data.items.length > 0 && (
        <div aria-busy={page.isPlaceholderData || undefined} className="grid gap-3">
          <SuppressionTable items={page.data.items} onRemoved={setRemoved} />
          {(trail.length > 0 || page.data.nextCursor) && (
            <Pagination
              hasPrevious={trail.length > 0}
              hasNext={page.data.nextCursor !== null && !page.isPlaceholderData}
              onPrevious={() => setTrail(previousTrail)}
              onNext={() => page.data?.nextCursor && setTrail(nextTrail(trail, page.data.nextCursor))}
              summary={t('page', { page: trail.length + 1 })}
            />
          )}
        </div>
      )}
    </section>
  );
}
