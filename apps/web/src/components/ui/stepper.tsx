import { Check } from 'lucide-react';
import { cn } from '@/lib/utils.ts';

export type StepState = 'complete' | 'current' | 'upcoming';

type StepperProps = {
  /** Names the navigation landmark, e.g. "Steps". */
  label: string;
  steps: readonly { id: string; label: string }[];
  current: number;
  /** Said by screen readers when the step changes, e.g. "Step 2 of 5: Script". */
  currentText: string;
  /** Words read after a step's name, e.g. { complete: 'done', current: 'current step' }. */
  stateText: Record<Exclude<StepState, 'upcoming'>, string>;
  /** Makes the steps before the current one buttons that go back to them. */
  onSelect?: (index: number) => void;
};

// The steps of a multi-step form as an ordered list: the current one is aria-current="step", and a
// polite live region announces each change. On phones only the current step shows its name.
export function Stepper({ label, steps, current, currentText, stateText, onSelect }: StepperProps) {
  return (
    <nav aria-label={label} className="grid gap-2">
      <p role="status" className="sr-only">
        {currentText}
      </p>
      <ol className="flex items-center gap-1 sm:gap-2">
        {steps.map((step, index) => {
          const state: StepState = index < current ? 'complete' : index === current ? 'current' : 'upcoming';
          const body = (
            <>
              <span
                aria-hidden
                className={cn(
                  'grid size-7 shrink-0 place-content-center rounded-full border text-xs font-semibold',
                  state === 'complete' && 'border-primary bg-primary text-primary-foreground',
                  state === 'current' && 'border-primary text-primary ring-2 ring-primary/30',
                  state === 'upcoming' && 'text-muted-foreground',
                )}
              >
                {state === 'complete' ? <Check className="size-4" /> : index + 1}
              </span>
              <span className={cn('truncate text-sm', state === 'current' ? 'font-medium' : 'sr-only text-muted-foreground md:not-sr-only')}>
                {step.label}
              </span>
              {state !== 'upcoming' && <span className="sr-only">, {stateText[state]}</span>}
            </>
          );
          return (
            <li
              key={step.id}
              aria-current={state === 'current' ? 'step' : undefined}
              className={cn('flex min-w-0 items-center gap-1 sm:gap-2', state === 'current' ? 'flex-1 md:flex-initial' : 'shrink-0')}
            >
              {state === 'complete' && onSelect ? (
                <button
                  type="button"
                  onClick={() => onSelect(index)}
                  className="flex min-w-0 items-center gap-2 rounded-md p-0.5 hover:text-primary"
                >
                  {body}
                </button>
              ) : (
                <span className="flex min-w-0 items-center gap-2 p-0.5">{body}</span>
              )}
              {index < steps.length - 1 && <span aria-hidden className="hidden h-px w-6 bg-border sm:block lg:w-10" />}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
