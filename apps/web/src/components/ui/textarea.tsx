import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils.ts';

// A multi-line text box with the look of Input; grows with `rows`, resizes vertically only.
export function Textarea({ className, rows = 4, ...props }: ComponentProps<'textarea'>) {
  return (
    <textarea
      rows={rows}
      className={cn(
        'flex w-full min-w-0 resize-y rounded-md border border-input bg-card px-3 py-2 text-sm shadow-xs transition-colors placeholder:text-muted-foreground disabled:opacity-60 aria-invalid:border-destructive',
        className,
      )}
      {...props}
    />
  );
}
