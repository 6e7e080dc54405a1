import { DateTime } from 'luxon';
import { memo, useMemo } from 'react';
import { Controller, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DEFAULT_TIME_ZONE } from '@autocall/domain/schemas';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select.tsx';
import type { WizardValues } from '../model/form-values.ts';
import { WizardField } from './wizard-field.tsx';

// The zones the browser knows, the default and the current value first (a browser may list
// Asia/Ho_Chi_Minh under its old name, Asia/Saigon). Names only: working out 400 offsets costs
// seconds on a slow phone; the chosen zone's offset is shown under the field.
function zoneList(current: string): string[] {
  const known = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return [...new Set([DEFAULT_TIME_ZONE, current, 'UTC', ...known])];
}

const offsetNow = (zone: string) => DateTime.now().setZone(zone).toFormat("'UTC'ZZ");

export function TimeZoneSelect() {
  const { t } = useTranslation('wizard');
  const { control, trigger } = useFormContext<WizardValues>();
  return (
    <Controller
      control={control}
      name="timeZone"
      render={({ field }) => (
        <ZoneSelect
          value={field.value}
          onChange={(zone) => {
            field.onChange(zone);
            void trigger(['timeZone', 'startDate']);
          }}
          label={t('when.timeZone')}
          hint={t('when.timeZoneHint', { offset: offsetNow(field.value) })}
        />
      )}
    />
  );
}

function ZoneSelect({ value, onChange, label, hint }: { value: string; onChange: (zone: string) => void; label: string; hint: string }) {
  const zones = useMemo(() => zoneList(value), [value]);
  return (
    <Select value={value} onValueChange={onChange}>
      <WizardField name="timeZone" label={label} hint={hint}>
        <SelectTrigger className="sm:max-w-sm">
          <SelectValue />
        </SelectTrigger>
      </WizardField>
      <SelectContent>
        <ZoneItems zones={zones} />
      </SelectContent>
    </Select>
  );
}

// Radix renders a closed select's items too (to know the chosen one's text): kept out of re-renders.
const ZoneItems = memo(function ZoneItems({ zones }: { zones: string[] }) {
  return zones.map((zone) => (
    <SelectItem key={zone} value={zone}>
      {zone}
    </SelectItem>
  ));
});
