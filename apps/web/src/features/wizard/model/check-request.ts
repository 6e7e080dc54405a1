import type { CheckRequest } from '@/hooks/api/new-campaign/queries.ts';
import type { WizardValues } from './form-values.ts';
import { fileFingerprint, fingerprint, splitPhoneText } from './phone-text.ts';
import { settingsBody } from './to-body.ts';

// The numbers' counts do not depend on the settings; one valid script lets the dry run answer on
// the first step, before the script is written, and keeps the counts cached while settings change.
const NUMBERS_ONLY = { scripts: [{ targetType: 'callBotTextVariable' as const, targetValue: '.' }] };

/** The dry run of the numbers alone: the pasted list or the file. null when there is nothing to check. */
export function numbersCheckRequest({ phoneText, file }: Pick<WizardValues, 'phoneText' | 'file'>): CheckRequest | null {
  if (file) return { fingerprint: `numbers:file:${fileFingerprint(file)}`, settings: NUMBERS_ONLY, file };
  const phones = splitPhoneText(phoneText);
  if (phones.length === 0) return null;
  return { fingerprint: `numbers:${fingerprint(phones.join('\n'))}`, body: { ...NUMBERS_ONLY, phoneNumbers: phones } };
}

/** The dry run of the whole campaign with the pasted list, for its plan (batches, first and last batch, finish). */
export function planCheckRequest(values: WizardValues): CheckRequest | null {
  const settings = settingsBody(values);
  const phones = splitPhoneText(values.phoneText);
  if (phones.length === 0) return null;
  return { fingerprint: `plan:${fingerprint(phones.join('\n'))}:${fingerprint(JSON.stringify(settings))}`, body: { ...settings, phoneNumbers: phones } };
}
