import { Plus, X } from 'lucide-react';
import { useFieldArray, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button.tsx';
import { Input } from '@/components/ui/input.tsx';
import { emptyScript, type WizardValues } from '../model/form-values.ts';
import { ScriptCard } from './script-card.tsx';
import { GroupError, WizardField } from './wizard-field.tsx';

// The API plays at most this many steps (scriptSchema's list max); the button stops there.
const MAX_STEPS = 20;

export function ScriptStep() {
  const { t } = useTranslation('wizard');
  const { control, register } = useFormContext<WizardValues>();
  const scripts = useFieldArray({ control, name: 'scripts' });
  const callers = useFieldArray({ control, name: 'numberCallOuts' });
  return (
    <div className="grid gap-6">
      <p className="text-sm text-muted-foreground">{t('script.intro')}</p>
      <ol className="grid gap-4">
        {scripts.fields.map((field, index) => (
          <li key={field.id}>
            <ScriptCard index={index} count={scripts.fields.length} onMove={(to) => scripts.move(index, to)} onRemove={() => scripts.remove(index)} />
          </li>
        ))}
      </ol>
      <GroupError name="scripts" />
      <div>
        <Button type="button" variant="outline" onClick={() => scripts.append(emptyScript())} disabled={scripts.fields.length >= MAX_STEPS}>
          <Plus aria-hidden />
          {t('script.add')}
        </Button>
      </div>

      <section aria-labelledby="wizard-callers" className="grid gap-3 rounded-xl border bg-card p-4 sm:p-5">
        <h3 id="wizard-callers" className="text-base font-semibold">
          {t('callers.title')}
        </h3>
        <p className="text-sm text-muted-foreground">{t('callers.hint')}</p>
        {callers.fields.length > 0 && (
          <ul className="grid gap-3">
            {callers.fields.map((field, index) => (
              <li key={field.id} className="flex items-end gap-2">
                <div className="min-w-0 flex-1">
                  <WizardField name={`numberCallOuts.${index}.value`} label={t('callers.number', { n: index + 1 })}>
                    <Input inputMode="tel" autoComplete="off" {...register(`numberCallOuts.${index}.value`)} />
                  </WizardField>
                </div>
                <Button type="button" variant="ghost" size="icon" aria-label={t('callers.remove', { n: index + 1 })} onClick={() => callers.remove(index)}>
                  <X aria-hidden />
                </Button>
              </li>
            ))}
          </ul>
        )}
        <div>
          <Button type="button" variant="outline" size="sm" onClick={() => callers.append({ value: '' })}>
            <Plus aria-hidden />
            {t('callers.add')}
          </Button>
        </div>
      </section>
    </div>
  );
}
