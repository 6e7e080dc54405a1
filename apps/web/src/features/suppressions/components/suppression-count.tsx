import { Ban } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Card } from '@/components/ui/card.tsx';
import { Skeleton } from '@/components/ui/skeleton.tsx';
import { useSuppressionCount } from '@/hooks/api/suppressions/queries.ts';
import { formatNumber } from '@/lib/format.ts';

// How many numbers the list holds, whatever is searched below. A polite live region, so adding or
// removing numbers announces the new size.
export function SuppressionCount() {
  const { t, i18n } = useTranslation('suppressions');
  const count = useSuppressionCount();
  const data = count.data;
  const formatted = data ? formatNumber(data.count, i18n.language) : '';
  return (
    <Card className="flex items-center gap-4 p-5">
      <span className="grid size-11 shrink-0 place-items-center rounded-lg bg-accent text-accent-foreground">
        <Ban aria-hidden className="size-5" />
      </span>
      <div aria-busy={count.isPending || undefined}>
        {count.isPending && <Skeleton className="h-8 w-40" />}
        <p role="status" className="text-xl font-semibold tracking-tight tabular-nums sm:text-2xl">
          {count.isError && <span className="text-base font-normal text-muted-foreground">{t('count.unavailable')}</span>}
          {data && (data.atLeast ? t('count.atLeast', { formatted }) : t('count.value', { count: data.count, formatted }))}
        </p>
      </div>
    </Card>
  );
}
