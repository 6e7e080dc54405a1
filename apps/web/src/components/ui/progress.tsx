import * as ProgressPrimitive from '@radix-ui/react-progress';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/utils.ts';

// A progressbar with a name: pass `label` ("120 of 500 numbers final"), read out as its name and
// value text, since a bare percentage means little without what is being counted.
export function Progress({
  className,
  value,
  max = 100,
  label,
  ...props
}: Omit<ComponentProps<typeof ProgressPrimitive.Root>, 'value' | 'max'> & { value: number; max?: number; label: string }) {
  const safeMax = max > 0 ? max : 1;
  const clamped = Math.min(Math.max(value, 0), safeMax);
  return (
    <ProgressPrimitive.Root
      value={clamped}
      max={safeMax}
      aria-label={label}
      getValueLabel={() => label}
      className={cn('relative h-2 w-full overflow-hidden rounded-full bg-muted', className)}
      {...props}
    >
      <ProgressPrimitive.Indicator
        className="h-full w-full bg-primary transition-transform"
        style={{ transform: `translateX(-${100 - (clamped / safeMax) * 100}%)` }}
      />
    </ProgressPrimitive.Root>
  );
}
