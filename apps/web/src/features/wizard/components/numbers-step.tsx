import { useMemo } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Input } from '@/components/ui/input.tsx';
import { Textarea } from '@/components/ui/textarea.tsx';
import { formatNumber } from '@/lib/format.ts';
import { numbersCheckRequest } from '../model/check-request.ts';
import type { WizardValues } from '../model/form-values.ts';
import { splitPhoneText } from '../model/phone-text.ts';
import { usePasteLines } from '../use-paste-lines.ts';
import { useDebounced } from '../use-debounced.ts';
import { ChosenFile } from './chosen-file.tsx';
import { NumbersPreview } from './numbers-preview.tsx';
import { PhoneFileInput } from './phone-file-input.tsx';
import { GroupError, WizardField } from './wizard-field.tsx';

// Step 1: the name and the numbers, pasted or as a file, with the dry run's counts as they change.
export function NumbersStep() {
  const { t } = useTranslation('wizard');
  const { register, setValue, control } = useFormContext<WizardValues>();
  const [phoneText, file] = useWatch({ control, name: ['phoneText', 'file'] });
  const settled = useDebounced(phoneText, 500);
  const request = useMemo(() => numbersCheckRequest({ phoneText: settled, file }), [settled, file]);
  const lineOf = usePasteLines(file ? null : settled);
  return (
    <div className="grid gap-6">
      <WizardField name="name" label={t('numbers.name')} hint={t('numbers.nameHint')}>
        <Input autoComplete="off" {...register('name')} />
      </WizardField>
      <div className="grid gap-4">
        {file ? (
          <ChosenFile file={file} onRemove={() => setValue('file', null, { shouldValidate: true })} />
        ) : (
          <PhoneText />
        )}
        <PhoneFileInput onFile={(chosen) => setValue('file', chosen, { shouldValidate: true, shouldDirty: true })} />
        <GroupError name="file" />
      </div>
      <NumbersPreview request={request} settling={!file && settled !== phoneText} lineOf={lineOf} />
    </div>
  );
}

function PhoneText() {
  const { t, i18n } = useTranslation('wizard');
  const { register, control } = useFormContext<WizardValues>();
  const text = useWatch({ control, name: 'phoneText' });
  const entries = useMemo(() => splitPhoneText(text).length, [text]);
  return (
    <div className="grid gap-1">
      <WizardField name="phoneText" label={t('numbers.phones')} hint={t('numbers.phonesHint')}>
        <Textarea rows={8} spellCheck={false} autoComplete="off" className="font-mono" {...register('phoneText')} />
      </WizardField>
      <p className="text-sm text-muted-foreground tabular-nums">{t('numbers.entries', { count: entries, formatted: formatNumber(entries, i18n.language) })}</p>
    </div>
  );
}
