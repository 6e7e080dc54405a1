import { TriangleAlert } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { Card, CardContent, CardHeader } from '@/components/ui/card.tsx';
import { Field } from '@/components/ui/field.tsx';
import { Textarea } from '@/components/ui/textarea.tsx';
import { CopyButton } from './copy-button.tsx';

// The texts come from the feature's namespace (`ns`), under `secret.title`, `secret.label`,
// `secret.warning` and `secret.done`.
type SecretOnceProps = { ns: string; value: string; onDone: () => void };

// What a create form keeps while its new secret is on screen. When the secret is put away the form
// comes back: `focusForm` puts focus on its first field rather than losing it with "done".
export function useCreatedSecret<T>(focusForm: () => void) {
  const [created, setCreated] = useState<T | null>(null);
  const shown = useRef(false);
  const focus = useRef(focusForm);
  focus.current = focusForm;
  useEffect(() => {
    if (created) shown.current = true;
    else if (shown.current) focus.current();
  }, [created]);
  return [created, setCreated] as const;
}

// A secret the API returns once (a new API key, a webhook's signing secret): shown in a read-only
// box with a copy button and a warning that it will not be shown again. The heading takes focus
// when it appears, so keyboard and screen-reader users land on it; "done" forgets it for good.
export function SecretOnce({ ns, value, onDone }: SecretOnceProps) {
  const { t } = useTranslation(ns);
  const [title, label, warning, doneLabel] = [t('secret.title'), t('secret.label'), t('secret.warning'), t('secret.done')];
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
