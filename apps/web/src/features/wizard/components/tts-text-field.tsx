import { useId } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { MAX_TTS_CHARACTERS } from '@autocall/domain/schemas';
import { Label } from '@/components/ui/label.tsx';
import { Textarea } from '@/components/ui/textarea.tsx';
import { cn } from '@/lib/utils.ts';
import type { WizardValues } from '../model/form-values.ts';
import { useErrorText } from '../use-error-text.ts';
import { errorAt } from './wizard-field.tsx';

// "Text to speak" with a live counter against the provider's limit; past it the counter turns to
// an error (the API refuses more, as OMICALL does). Counted as the API counts: string length.
export function TtsTextField({ index }: { index: number }) {
  const { t } = useTranslation('wizard');
  const id = useId();
  const { register, control, formState } = useFormContext<WizardValues>();
  const text = useWatch({ control, name: `scripts.${index}.targetValue` }) ?? '';
  const error = useErrorText()(errorAt(formState.errors, `scripts.${index}.targetValue`));
  const over = text.length > MAX_TTS_CHARACTERS;
  return (
    <div className="grid gap-2">
      <Label htmlFor={id}>{t('script.text')}</Label>
      <Textarea
        id={id}
        rows={4}
        aria-invalid={error || over ? true : undefined}
        aria-describedby={`${id}-count${error ? ` ${id}-error` : ''}`}
        {...register(`scripts.${index}.targetValue`)}
      />
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-1 text-sm">
        <p id={`${id}-error`} aria-live="polite" className="font-medium text-destructive">
          {error}
        </p>
        <p id={`${id}-count`} className={cn('ml-auto tabular-nums', over ? 'font-semibold text-destructive' : 'text-muted-foreground')}>
          {t('script.counter', { count: text.length, max: MAX_TTS_CHARACTERS })}
        </p>
      </div>
    </div>
  );
}
