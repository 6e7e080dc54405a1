import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { CampaignInputBody, campaignSettingsSchema } from '@autocall/domain/schemas';
import { splitPhoneText } from './phone-text.ts';
import type { ScriptValues, WizardValues } from './form-values.ts';

// The form's values as the API's request bodies. Blank optional fields are left out (the API's
// default applies); what is wrong is sent as it is, so the schema names the problem.
export type SettingsBody = z.input<ReturnType<typeof campaignSettingsSchema>>;
type ScriptBody = SettingsBody['scripts'][number];

const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());

export function scriptBody(script: ScriptValues): ScriptBody {
  switch (script.targetType) {
    case 'recording':
      return { targetType: 'recording', targetValue: script.targetValue.trim(), targetId: optional(script.targetId) };
    case 'callBotTextVariable':
      return {
        targetType: 'callBotTextVariable',
        targetValue: script.targetValue,
        voice: optional(script.voice),
        speed: Number.isNaN(script.speed) ? undefined : script.speed,
      };
    case 'ivrMenu':
    case 'ringGroup':
      return { targetType: script.targetType, targetId: script.targetId.trim(), targetValue: script.targetValue.trim() };
  }
}

/** The start as epoch ms: undefined for now (the API's default), NaN for a date or time not given. */
export function sendTimeOf(values: Pick<WizardValues, 'startMode' | 'startDate' | 'startTime' | 'timeZone'>): number | undefined {
  if (values.startMode === 'now') return undefined;
  const at = DateTime.fromISO(`${values.startDate}T${values.startTime}`, { zone: values.timeZone });
  return at.isValid ? at.toMillis() : Number.NaN;
}

export function settingsBody(values: WizardValues): SettingsBody {
  return {
    name: optional(values.name),
    sendTime: sendTimeOf(values),
    scripts: values.scripts.map(scriptBody),
    numberCallOuts: values.numberCallOuts.map((entry) => entry.value),
    numberCallPerTime: values.numberCallPerTime,
    durationOfEachCall: values.durationOfEachCall,
    maxRetryOfDetail: values.maxRetryOfDetail,
    retryAfterSeconds: values.retryAfterSeconds,
    timeZone: values.timeZone,
    callWindows: values.callWindows,
    skipDates: values.skipDates,
  };
}

/** POST /v1/campaigns (and its dry run) with the pasted numbers. */
export function createBody(values: WizardValues): CampaignInputBody {
  return { ...settingsBody(values), phoneNumbers: splitPhoneText(values.phoneText) };
}

/** POST /v1/campaigns/:id/call-again: the statuses and every setting as the wizard shows it. */
export function callAgainBody(values: WizardValues) {
  return { statuses: values.statuses, ...settingsBody(values) };
}
