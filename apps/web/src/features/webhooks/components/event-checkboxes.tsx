import { WEBHOOK_EVENTS, type WebhookEvent } from '@autocall/domain/schemas';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { Checkbox } from '@/components/ui/checkbox.tsx';
import { Label } from '@/components/ui/label.tsx';

// One checkbox per event, named by the event itself (what a receiver switches on) and described
// in words. A fieldset groups them under "Events"; its error is announced with the group.
export function EventCheckboxes({ value, onChange, error }: { value: readonly WebhookEvent[]; onChange: (events: WebhookEvent[]) => void; error?: string }) {
  const { t } = useTranslation('webhooks');
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  const toggle = (event: WebhookEvent, on: boolean) =>
    onChange(WEBHOOK_EVENTS.filter((e) => (e === event ? on : value.includes(e))));
  const all = value.length === WEBHOOK_EVENTS.length;
  return (
    <fieldset className="min-w-0" aria-describedby={errorId} aria-invalid={error ? true : undefined}>
      {/* The legend must be the fieldset's first child to name the group; it floats so the
          select-all button sits on its line. */}
      <legend className="float-left text-sm font-medium leading-9">{t('register.events')}</legend>
      <Button type="button" variant="link" size="sm" className="float-right px-0" onClick={() => onChange(all ? [] : [...WEBHOOK_EVENTS])}>
        {all ? t('register.clearAll') : t('register.selectAll')}
      </Button>
      <ul className="clear-both grid gap-2 pt-2 sm:grid-cols-2 lg:grid-cols-3">
        {WEBHOOK_EVENTS.map((event) => (
          <li key={event} className="flex items-start gap-3 rounded-lg border bg-card p-3">
            <Checkbox
              id={`${id}-${event}`}
              checked={value.includes(event)}
              onCheckedChange={(checked) => toggle(event, checked === true)}
              aria-describedby={`${id}-${event}-hint`}
              aria-invalid={error ? true : undefined}
              className="mt-0.5"
            />
            <div className="grid gap-1">
              <Label htmlFor={`${id}-${event}`} className="font-mono text-[13px]">
                {event}
              </Label>
              <p id={`${id}-${event}-hint`} className="text-sm text-muted-foreground">
                {t(`events.${event}`)}
              </p>
            </div>
          </li>
        ))}
      </ul>
      {error && (
        <p id={errorId} className="mt-2 text-sm font-medium text-destructive">
          {error}
        </p>
      )}
    </fieldset>
  );
}
