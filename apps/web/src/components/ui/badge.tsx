import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils.ts';

// The tone colours a border, a tint and a dot; the text stays in the foreground colour so it reads
// in both themes, and the word itself carries the meaning (never the colour alone).
const badgeVariants = cva(
  'inline-flex items-center gap-1.5 whitespace-nowrap rounded-full border px-2.5 py-0.5 text-xs font-medium text-foreground',
  {
    variants: {
      tone: {
        neutral: 'border-border bg-muted [--dot:var(--muted-foreground)]',
        info: 'border-primary/40 bg-primary/10 [--dot:var(--primary)]',
        success: 'border-success/40 bg-success/10 [--dot:var(--success)]',
        warning: 'border-warning/50 bg-warning/15 [--dot:var(--warning)]',
        danger: 'border-destructive/40 bg-destructive/10 [--dot:var(--destructive)]',
      },
    },
    defaultVariants: { tone: 'neutral' },
  },
);

export type BadgeTone = NonNullable<VariantProps<typeof badgeVariants>['tone']>;

export function Badge({ className, tone, children, ...props }: ComponentProps<'span'> & VariantProps<typeof badgeVariants>) {
  return (
    <span className={cn(badgeVariants({ tone }), className)} {...props}>
      <span aria-hidden className="size-1.5 shrink-0 rounded-full bg-[var(--dot)]" />
      {children}
    </span>
  );
}
