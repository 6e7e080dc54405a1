import { Users } from 'lucide-react';
import { useId } from 'react';
import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CALL_AGAIN_STATUSES, type CallAgainStatus } from '@autocall/domain/schemas';
import { Checkbox } from '@/components/ui/checkbox.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import { formatNumber } from '@/lib/format.ts';
import type { SourceCampaign } from '@/hooks/api/new-campaign/types.ts';
import type { WizardValues } from '../model/form-values.ts';
import { GroupError, WizardField } from './wizard-field.tsx';

/** How many numbers of the source campaign ended in the chosen statuses. */
export function callAgainCount(source: SourceCampaign, statuses: readonly CallAgainStatus[]): number {
  return statuses.reduce((sum, status) => sum + (source.counts.numbers[status] ?? 0), 0);
}

// Step 1 in call-again mode: the numbers are the source campaign's, chosen by how they ended.
export function CallAgainNumbers({ source }: { source: SourceCampaign }) {
  const { t, i18n } = useTranslation('wizard');
  const id = useId();
  const { control, register } = useFormContext<WizardValues>();
  const statuses = useWatch({ control, name: 'statuses' });
  const count = callAgainCount(source, statuses);
  const statusList = statuses.map((status) => t(`statuses.${status}`)).join(', ');
  return (
    <div className="grid gap-6">
      <WizardField name="name" label={t('numbers.name')} hint={t('numbers.nameHint')}>
        <Input autoComplete="off" {...register('name')} />
      </WizardField>
      <div className="flex items-start gap-3 rounded-xl border bg-card p-4">
        <Users aria-hidden className="mt-0.5 size-5 shrink-0 text-primary" />
        <p aria-live="polite" className="font-medium">
          {t('callAgain.summary', { count, formatted: formatNumber(count, i18n.language), name: source.name, statuses: statusList || '—' })}
        </p>
      </div>
      <div role="group" aria-labelledby={`${id}-legend`} aria-describedby={`${id}-error`} className="grid gap-3">
        <p id={`${id}-legend`} className="text-sm font-medium">
          {t('callAgain.statusesLabel')}
        </p>
        <Controller
          control={control}
          name="statuses"
          render={({ field }) => (
            <ul className="grid gap-2 sm:grid-cols-2">
              {CALL_AGAIN_STATUSES.map((status) => {
                const checked = field.value.includes(status);
                return (
                  <li key={status} className="flex items-center gap-3 rounded-lg border bg-card px-3 py-2.5">
                    <Checkbox
                      id={`${id}-${status}`}
                      checked={checked}
                      onCheckedChange={(on) =>
                        field.onChange(CALL_AGAIN_STATUSES.filter((s) => (s === status ? on === true : field.value.includes(s))))
                      }
                    />
                    <Label htmlFor={`${id}-${status}`} className="flex-1 cursor-pointer font-normal">
                      {t(`statuses.${status}`)}
                    </Label>
                    <span className="text-sm tabular-nums text-muted-foreground">{formatNumber(source.counts.numbers[status] ?? 0, i18n.language)}</span>
                  </li>
                );
              })}
            </ul>
          )}
        />
        <GroupError id={`${id}-error`} name="statuses" />
      </div>
    </div>
  );
}
