import * as RadioGroupPrimitive from '@radix-ui/react-radio-group';
import type { ComponentProps, ReactNode } from 'react';
import { useId } from 'react';
import { cn } from '@/lib/utils.ts';

// A group of radio buttons (role="radiogroup"; arrow keys move and choose, Tab leaves the group).
// Name the group with `aria-label` or `aria-labelledby`: a <label for> does not name a group.
export function RadioGroup({ className, ...props }: ComponentProps<typeof RadioGroupPrimitive.Root>) {
  return <RadioGroupPrimitive.Root className={cn('grid gap-2', className)} {...props} />;
}

export function RadioGroupItem({ className, ...props }: ComponentProps<typeof RadioGroupPrimitive.Item>) {
  return (
    <RadioGroupPrimitive.Item
      className={cn(
        'grid size-5 shrink-0 place-content-center rounded-full border border-input bg-card shadow-xs transition-colors disabled:cursor-not-allowed disabled:opacity-60 aria-invalid:border-destructive data-[state=checked]:border-primary',
        className,
      )}
      {...props}
    >
      <RadioGroupPrimitive.Indicator className="block size-2.5 rounded-full bg-primary" />
    </RadioGroupPrimitive.Item>
  );
}

// One choice with its label (and an optional line under it), the whole row clickable. The label
// alone names the radio (aria-labelledby, so the line under it is not part of the name); the line describes it.
export function RadioGroupOption({
  value,
  label,
  description,
  disabled,
  className,
}: {
  value: string;
  label: ReactNode;
  description?: ReactNode;
  disabled?: boolean;
  className?: string;
}) {
  const id = useId();
  const labelId = `${id}-label`;
  const descriptionId = description ? `${id}-description` : undefined;
  return (
    <label
      htmlFor={id}
      className={cn(
        'flex cursor-pointer items-start gap-3 rounded-lg border bg-card p-3 text-sm transition-colors hover:bg-accent/50 has-[[data-state=checked]]:border-primary has-[[data-state=checked]]:bg-accent/40',
        disabled && 'cursor-not-allowed opacity-60',
        className,
      )}
    >
      <RadioGroupItem id={id} value={value} disabled={disabled} aria-labelledby={labelId} aria-describedby={descriptionId} className="mt-0.5" />
      <span className="grid gap-0.5">
        <span id={labelId} className="font-medium leading-5">
          {label}
        </span>
        {description && (
          <span id={descriptionId} className="text-muted-foreground">
            {description}
          </span>
        )}
      </span>
    </label>
  );
}
