import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils.ts';

// A grey placeholder while data loads; hidden from screen readers (announce loading elsewhere,
// e.g. aria-busy on the region).
export function Skeleton({ className, ...props }: ComponentProps<'div'>) {
  return <div aria-hidden className={cn('animate-pulse rounded-md bg-muted', className)} {...props} />;
}
