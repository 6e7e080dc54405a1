import { Controller, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import type { WizardValues } from '../model/form-values.ts';
import { weeklyWindows } from '../model/week-grid.ts';
import { WeekGrid } from './week-grid.tsx';
import { GroupError, errorAt } from './wizard-field.tsx';

const PRESETS = {
  anyTime: null,
  officeHours: weeklyWindows(['mon', 'tue', 'wed', 'thu', 'fri'], 8, 17),
  daytime: weeklyWindows(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], 8, 20),
  none: {},
} as const;

// Call windows on a week grid, with a few presets; hours are read in the campaign's zone.
export function CallWindowsEditor({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation('wizard');
  const { control, formState } = useFormContext<WizardValues>();
  const invalid = errorAt(formState.errors, 'callWindows') !== undefined;
  return (
    <section aria-labelledby="call-windows-title" className="grid gap-3">
      <div className="grid gap-1">
        <h3 id="call-windows-title" className="text-base font-semibold">
          {t('when.windows')}
        </h3>
        <p id="call-windows-help" className="text-sm text-muted-foreground">
          {t('when.windowsHelp', { zone: timeZone })}
        </p>
      </div>
      <Controller
        control={control}
        name="callWindows"
        render={({ field }) => (
          <>
            <div className="flex flex-wrap gap-2" role="group" aria-label={t('when.presets')}>
              {(Object.keys(PRESETS) as (keyof typeof PRESETS)[]).map((preset) => (
                <Button key={preset} type="button" variant="outline" size="sm" onClick={() => field.onChange(PRESETS[preset])}>
                  {t(`when.preset.${preset}`)}
                </Button>
              ))}
            </div>
            <WeekGrid
              value={field.value}
              onChange={field.onChange}
              labelledBy="call-windows-title"
              describedBy={invalid ? 'call-windows-help call-windows-error' : 'call-windows-help'}
              invalid={invalid}
            />
          </>
        )}
      />
      <div className="flex flex-wrap items-center gap-4 text-xs text-muted-foreground" aria-hidden>
        <span className="flex items-center gap-1.5">
          <span className="size-3 rounded-[3px] bg-primary" /> {t('grid.allowed')}
        </span>
        <span className="flex items-center gap-1.5">
          <span className="size-3 rounded-[3px] bg-primary/45" /> {t('grid.partial')}
        </span>
        <span className="flex items-center gap-1.5">
          <span className="size-3 rounded-[3px] border bg-muted" /> {t('grid.blocked')}
        </span>
      </div>
      <GroupError id="call-windows-error" name="callWindows" />
    </section>
  );
}
