import { TriangleAlert } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardHeader } from '@/components/ui/card.tsx';
import { Field } from '@/components/ui/field.tsx';
import { Textarea } from '@/components/ui/textarea.tsx';
import { CopyButton } from './copy-button.tsx';

type SecretOnceProps = { title: string; label: string; warning: string; value: string; doneLabel: string; onDone: () => void };

// A secret the API returns once (a new API key, a webhook's signing secret): shown in a read-only
// box with a copy button and a warning that it will not be shown again. The heading takes focus
// when it appears, so keyboard and screen-reader users land on it; "done" forgets it for good.
export function SecretOnce({ title, label, warning, value, doneLabel, onDone }: SecretOnceProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <Card className="border-warning/60 bg-warning/5">
      <CardHeader>
        <h2 ref={heading} tabIndex={-1} className="text-lg font-semibold tracking-tight outline-none">
          {title}
        </h2>
        <p className="flex gap-2 text-sm">
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-warning" />
          <span>{warning}</span>
        </p>
      </CardHeader>
      <CardContent className="grid gap-4">
        <Field label={label}>
          {/* A text area, not an input: it wraps a long secret and draws "_" in full. */}
          <Textarea
            readOnly
            rows={2}
            value={value}
            spellCheck={false}
            className="resize-none break-all font-mono leading-6"
            onFocus={(event) => event.currentTarget.select()}
          />
        </Field>
        <div className="flex flex-wrap items-center justify-between gap-3">
          <CopyButton value={value} name={label} />
          <Button type="button" onClick={onDone}>
            {doneLabel}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
