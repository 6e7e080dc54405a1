import { toNestErrors } from '@hookform/resolvers';
import type { FieldError as FormFieldError, Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { callAgainSchema, campaignInputSchema, campaignSettingsSchema, resolveSendTime } from '@autocall/domain/schemas';
import type { WizardValues } from './form-values.ts';
import { messageKey } from './messages.ts';
import { callAgainBody, createBody, sendTimeOf, settingsBody } from './to-body.ts';

type Issue = z.core.$ZodIssue;

const NUMBER_FIELDS = new Set(['numberCallPerTime', 'durationOfEachCall', 'maxRetryOfDetail', 'retryAfterSeconds']);

/** Where an API field (or a schema issue's path) is on the form: `sendTime` is the start date, etc. */
export function formFieldOf(path: readonly PropertyKey[] | string): string {
  const [head = '', ...rest] = (typeof path === 'string' ? path.split('.') : path).map(String);
  switch (head) {
    case 'phoneNumbers':
    case 'phones':
    case 'phone_number_list':
      return 'phoneText';
    case 'sendTime':
      return 'startDate';
    case 'numberCallOuts':
      return rest.length > 0 ? `numberCallOuts.${rest[0]}.value` : 'numberCallOuts';
    case 'callWindows':
    case 'skipDates':
      return head;
    case 'scripts':
      if (rest.length >= 2) return `scripts.${rest[0]}.${rest[1]}`;
      return rest.length === 1 ? `scripts.${rest[0]}.targetType` : 'scripts';
    default:
      return [head, ...rest].join('.');
  }
}

const num = (value: number | bigint) => Number(value);

/** A schema issue as a message descriptor for the field it is on (worded in the `wizard` namespace). */
export function issueMessage(issue: Issue, field: string): string {
  const leaf = field.split('.').at(-1)!;
  switch (issue.code) {
    case 'invalid_type':
      if (field === 'startDate') return messageKey('errors.startRequired');
      if (NUMBER_FIELDS.has(field)) return messageKey('errors.wholeNumber');
      if (leaf === 'speed') return messageKey('errors.number');
      return messageKey('errors.required');
    case 'too_small':
      if (issue.origin === 'array') {
        if (field === 'phoneText') return messageKey('errors.phonesRequired');
        if (field === 'scripts') return messageKey('errors.scriptsRequired');
        if (field === 'statuses') return messageKey('errors.statusesRequired');
        return messageKey('errors.minItems', { min: num(issue.minimum) });
      }
      if (issue.origin === 'string') return num(issue.minimum) <= 1 ? messageKey('errors.required') : messageKey('errors.tooShort', { min: num(issue.minimum) });
      return messageKey('errors.min', { min: num(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'array') {
        if (field === 'phoneText') return messageKey('errors.phonesTooMany', { max: num(issue.maximum) });
        return messageKey('errors.maxItems', { max: num(issue.maximum) });
      }
      if (issue.origin === 'string') return messageKey('errors.tooLong', { max: num(issue.maximum) });
      return messageKey('errors.max', { max: num(issue.maximum) });
    default:
      if (field === 'callWindows') return messageKey('errors.windowsEmpty');
      if (field === 'timeZone') return messageKey('errors.timeZone');
      if (field === 'skipDates') return messageKey('errors.date');
      return messageKey('errors.invalid');
  }
}

export type ResolverOptions = {
  maxCallsPerBatch: number;
  /** Call-again mode: the numbers come from the source campaign, chosen by status. */
  callAgain: boolean;
  now: () => number;
};

/**
 * Validates the whole form with the API's own schemas, as the request the wizard would send:
 * create (pasted numbers), the upload's settings (a file), or call-again. Each issue lands on the
 * form field it is about; the start time also gets the API's "not more than a day ago" rule.
 */
export function wizardResolver({ maxCallsPerBatch, callAgain, now }: ResolverOptions): Resolver<WizardValues> {
  const input = campaignInputSchema({ maxCallsPerBatch });
  const settings = campaignSettingsSchema({ maxCallsPerBatch });
  const again = callAgainSchema({ maxCallsPerBatch });
  return async (values, _context, options) => {
    const result = callAgain
      ? again.safeParse(callAgainBody(values))
      : values.file
        ? settings.safeParse(settingsBody(values))
        : input.safeParse(createBody(values));
    const flat: Record<string, FormFieldError> = {};
    for (const issue of result.error?.issues ?? []) {
      const field = formFieldOf(issue.path);
      flat[field] ??= { type: issue.code, message: issueMessage(issue, field) };
    }
    const sendTime = sendTimeOf(values);
    if (sendTime !== undefined && !Number.isNaN(sendTime)) {
      const start = resolveSendTime(sendTime, now());
      if (!start.ok) flat.startDate ??= { type: start.code, message: messageKey('errors.startTooOld') };
    }
    if (Object.keys(flat).length === 0) return { values, errors: {} };
    return { values: {}, errors: toNestErrors(flat, options) };
  };
}
