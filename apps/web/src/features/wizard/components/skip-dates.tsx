import { DateTime } from 'luxon';
import { Plus, X } from 'lucide-react';
import { useId, useState } from 'react';
import { Controller, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { Label } from '@/components/ui/label.tsx';
import type { WizardValues } from '../model/form-values.ts';
import { GroupError } from './wizard-field.tsx';

// Dates with no calling at all (public holidays), as local dates in the campaign's zone.
export function SkipDates() {
  const { t, i18n } = useTranslation('wizard');
  const id = useId();
  const { control } = useFormContext<WizardValues>();
  const [draft, setDraft] = useState('');
  const longDate = (date: string) => DateTime.fromISO(date, { locale: i18n.language }).toLocaleString(DateTime.DATE_HUGE);
  return (
    <Controller
      control={control}
      name="skipDates"
      render={({ field }) => {
        const add = () => {
          if (!draft || field.value.includes(draft)) return;
          field.onChange([...field.value, draft].toSorted());
          setDraft('');
        };
        return (
          <section aria-labelledby={`${id}-title`} className="grid gap-3">
            <div className="grid gap-1">
              <h3 id={`${id}-title`} className="text-base font-semibold">
                {t('when.skipDates')}
              </h3>
              <p className="text-sm text-muted-foreground">{t('when.skipDatesHint')}</p>
            </div>
            <div className="flex flex-wrap items-end gap-2">
              <div className="grid gap-2">
                <Label htmlFor={`${id}-date`}>{t('when.skipDate')}</Label>
                <Input
                  id={`${id}-date`}
                  type="date"
                  value={draft}
                  onChange={(event) => setDraft(event.target.value)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter') {
                      event.preventDefault();
                      add();
                    }
                  }}
                  className="w-44"
                />
              </div>
              <Button type="button" variant="outline" onClick={add} disabled={!draft}>
                <Plus aria-hidden />
                {t('when.addDate')}
              </Button>
            </div>
            {field.value.length > 0 && (
              <ul className="flex flex-wrap gap-2" aria-label={t('when.skipDates')}>
                {field.value.map((date) => (
                  <li key={date} className="flex items-center gap-1 rounded-full border bg-card py-1 pl-3 pr-1 text-sm">
                    <time dateTime={date}>{longDate(date)}</time>
                    <Button
                      type="button"
                      variant="ghost"
                      size="icon"
                      className="size-7"
                      aria-label={t('when.removeDate', { date: longDate(date) })}
                      onClick={() => field.onChange(field.value.filter((d) => d !== date))}
                    >
                      <X aria-hidden />
                    </Button>
                  </li>
                ))}
              </ul>
            )}
            <GroupError name="skipDates" />
          </section>
        );
      }}
    />
  );
}
