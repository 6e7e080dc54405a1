import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react';
import { useId } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { RadioGroup, RadioGroupOption } from '@/components/ui/radio-group.tsx';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select.tsx';
import { SCRIPT_TYPES, TTS_VOICES, emptyScript, type ScriptType, type WizardValues } from '../model/form-values.ts';
import { TtsTextField } from './tts-text-field.tsx';
import { WizardField } from './wizard-field.tsx';

// Radix Select has no empty value: the provider's default voice goes as this and is sent as none.
const DEFAULT_VOICE = 'default';

type ScriptCardProps = { index: number; count: number; onMove: (to: number) => void; onRemove: () => void };

// One step of the call script: its kind, then that kind's fields; moved and removed from its header.
export function ScriptCard({ index, count, onMove, onRemove }: ScriptCardProps) {
  const { t } = useTranslation('wizard');
  const id = useId();
  const { control, register, setValue } = useFormContext<WizardValues>();
  const type = useWatch({ control, name: `scripts.${index}.targetType` });
  const n = index + 1;
  return (
    <section aria-labelledby={`${id}-title`} className="grid gap-4 rounded-xl border bg-card p-4 sm:p-5">
      <div className="flex items-center justify-between gap-2">
        <h3 id={`${id}-title`} className="text-base font-semibold">
          {t('script.stepTitle', { n })}
        </h3>
        <div className="flex gap-1">
          <Button type="button" variant="ghost" size="icon" aria-label={t('script.moveUp', { n })} disabled={index === 0} onClick={() => onMove(index - 1)}>
            <ArrowUp aria-hidden />
          </Button>
          <Button type="button" variant="ghost" size="icon" aria-label={t('script.moveDown', { n })} disabled={index === count - 1} onClick={() => onMove(index + 1)}>
            <ArrowDown aria-hidden />
          </Button>
          <Button type="button" variant="ghost" size="icon" aria-label={t('script.remove', { n })} disabled={count === 1} onClick={onRemove}>
            <Trash2 aria-hidden />
          </Button>
        </div>
      </div>

      <div className="grid gap-2">
        <span id={`${id}-type`} className="text-sm font-medium leading-none">
          {t('script.type')}
        </span>
        <Controller
          control={control}
          name={`scripts.${index}.targetType`}
          render={({ field }) => (
            <RadioGroup
              aria-labelledby={`${id}-type`}
              value={field.value}
              onValueChange={(value) => {
                // Each kind has its own fields: a new kind starts blank rather than reading the old text as an id.
                const kind = value as ScriptType;
                setValue(`scripts.${index}`, emptyScript(kind), { shouldValidate: false });
                field.onChange(kind);
              }}
              className="grid-cols-1 sm:grid-cols-2"
            >
              {SCRIPT_TYPES.map((kind) => (
                <RadioGroupOption key={kind} value={kind} label={t(`script.types.${kind}`)} description={t(`script.typeHints.${kind}`)} />
              ))}
            </RadioGroup>
          )}
        />
      </div>

      {type === 'callBotTextVariable' && (
        <>
          <div className="grid gap-4 sm:grid-cols-2">
            <Controller
              control={control}
              name={`scripts.${index}.voice`}
              render={({ field }) => (
                <Select value={field.value || DEFAULT_VOICE} onValueChange={(voice) => field.onChange(voice === DEFAULT_VOICE ? '' : voice)}>
                  <WizardField name={`scripts.${index}.voice`} label={t('script.voice')}>
                    <SelectTrigger onBlur={field.onBlur}>
                      <SelectValue />
                    </SelectTrigger>
                  </WizardField>
                  <SelectContent>
                    <SelectItem value={DEFAULT_VOICE}>{t('script.voices.default')}</SelectItem>
                    {TTS_VOICES.map((voice) => (
                      <SelectItem key={voice} value={voice}>
                        {t(`script.voices.${voice}`)}
                      </SelectItem>
                    ))}
                  </SelectContent>
                </Select>
              )}
            />
            <WizardField name={`scripts.${index}.speed`} label={t('script.speed')} hint={t('script.speedHint')}>
              <Input type="number" inputMode="decimal" step={0.1} min={0.5} max={2} {...register(`scripts.${index}.speed`, { valueAsNumber: true })} />
            </WizardField>
          </div>
          <TtsTextField index={index} />
        </>
      )}
      {type === 'recording' && (
        <div className="grid gap-4 sm:grid-cols-2">
          <WizardField name={`scripts.${index}.targetValue`} label={t('script.recordingFile')} hint={t('script.recordingFileHint')}>
            <Input autoComplete="off" {...register(`scripts.${index}.targetValue`)} />
          </WizardField>
          <WizardField name={`scripts.${index}.targetId`} label={t('script.recordingId')} hint={t('script.optional')}>
            <Input autoComplete="off" {...register(`scripts.${index}.targetId`)} />
          </WizardField>
        </div>
      )}
      {(type === 'ivrMenu' || type === 'ringGroup') && (
        <div className="grid gap-4 sm:grid-cols-2">
          <WizardField name={`scripts.${index}.targetId`} label={t(`script.${type}.id`)}>
            <Input autoComplete="off" {...register(`scripts.${index}.targetId`)} />
          </WizardField>
          <WizardField name={`scripts.${index}.targetValue`} label={t(`script.${type}.value`)}>
            <Input autoComplete="off" {...register(`scripts.${index}.targetValue`)} />
          </WizardField>
        </div>
      )}
    </section>
  );
}
