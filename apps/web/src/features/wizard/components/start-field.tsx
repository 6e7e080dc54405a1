import { useId } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Input } from '@/components/ui/input.tsx';
import { RadioGroup, RadioGroupOption } from '@/components/ui/radio-group.tsx';
import type { StartMode, WizardValues } from '../model/form-values.ts';
import { WizardField } from './wizard-field.tsx';

// Start now, or at a local date and time in the campaign's zone (named beside the fields).
export function StartField() {
  const { t } = useTranslation('wizard');
  const id = useId();
  const { control, register, trigger } = useFormContext<WizardValues>();
  const [mode, timeZone] = useWatch({ control, name: ['startMode', 'timeZone'] });
  return (
    <div className="grid gap-3">
      <span id={`${id}-label`} className="text-sm font-medium leading-none">
        {t('when.start')}
      </span>
      <Controller
        control={control}
        name="startMode"
        render={({ field }) => (
          <RadioGroup
            aria-labelledby={`${id}-label`}
            value={field.value}
            onValueChange={(value) => {
              field.onChange(value as StartMode);
              void trigger('startDate');
            }}
            className="grid-cols-1 sm:grid-cols-2"
          >
            <RadioGroupOption value="now" label={t('when.now')} description={t('when.nowHint')} />
            <RadioGroupOption value="later" label={t('when.later')} description={t('when.laterHint', { zone: timeZone })} />
          </RadioGroup>
        )}
      />
      {mode === 'later' && (
        <div className="grid gap-4 sm:grid-cols-2">
          <WizardField name="startDate" label={t('when.date')} hint={t('when.inZone', { zone: timeZone })}>
            <Input type="date" {...register('startDate', { onChange: () => void trigger('startDate') })} />
          </WizardField>
          <WizardField name="startTime" label={t('when.time')} hint={t('when.inZone', { zone: timeZone })}>
            <Input type="time" {...register('startTime', { onChange: () => void trigger('startDate') })} />
          </WizardField>
        </div>
      )}
    </div>
  );
}
