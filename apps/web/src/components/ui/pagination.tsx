import { ChevronLeft, ChevronRight } from 'lucide-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cn } from '@/lib/utils.ts';
import { Button } from './button.tsx';

// Previous / Next for cursor pages (the API gives a next cursor; the caller keeps the trail of
// earlier cursors to go back). `summary` is shown between, e.g. "Page 2" or "51–100".
export function Pagination({
  hasPrevious,
  hasNext,
  onPrevious,
  onNext,
  summary,
  label,
  className,
}: {
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  summary?: ReactNode;
  label?: string;
  className?: string;
}) {
  const { t } = useTranslation('common');
  return (
    <nav aria-label={label ?? t('ui.pages')} className={cn('flex items-center justify-between gap-2', className)}>
      <Button variant="outline" size="sm" disabled={!hasPrevious} onClick={onPrevious}>
        <ChevronLeft aria-hidden />
        {t('ui.previous')}
      </Button>
      {summary && <p className="text-sm text-muted-foreground">{summary}</p>}
      <Button variant="outline" size="sm" disabled={!hasNext} onClick={onNext}>
        {t('ui.next')}
        <ChevronRight aria-hidden />
      </Button>
    </nav>
  );
}

// The trail of cursors behind a cursor-paged list: page 1 has none, each Next pushes the API's
// next cursor, each Previous pops. Pure so it can be kept in state or in the URL.
export type CursorTrail = readonly string[];
export const nextTrail = (trail: CursorTrail, cursor: string): CursorTrail => [...trail, cursor];
export const previousTrail = (trail: CursorTrail): CursorTrail => trail.slice(0, -1);
export const currentCursor = (trail: CursorTrail): string | undefined => trail.at(-1);
