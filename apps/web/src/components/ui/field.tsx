import { useId, type ReactElement } from 'react';
import { Slot } from '@radix-ui/react-slot';
import { Label } from './label.tsx';

// A labelled control with its hint and error, wired for screen readers: the label names the
// control, the hint and error describe it, and an error marks it invalid.
export function Field({ label, hint, error, children }: { label: string; hint?: string; error?: string; children: ReactElement }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{label}</Label>
      <Slot id={id} aria-invalid={error ? true : undefined} aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}>
        {children}
      </Slot>
      {hint && (
        <p id={hintId} className="text-sm text-muted-foreground">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-sm font-medium text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}
