import { describe, expect, it } from 'vitest';
import { defaultValues, valuesFromCampaign, type WizardValues } from './form-values.ts';
import { readMessage } from './messages.ts';
import { callAgainBody, createBody, sendTimeOf } from './to-body.ts';
import { formFieldOf, wizardResolver } from './validation.ts';

const NOW = Date.UTC(2030, 5, 12, 2, 0, 0);
const valid = (): WizardValues => ({
  ...defaultValues(50),
  phoneText: '0912345678',
  scripts: [{ targetType: 'callBotTextVariable', targetId: '', targetValue: 'Xin chào', voice: '', speed: 1 }],
});

async function errorsOf(values: WizardValues, options: { callAgain?: boolean; max?: number } = {}) {
  const resolve = wizardResolver({ maxCallsPerBatch: options.max ?? 50, callAgain: options.callAgain ?? false, now: () => NOW });
  const result = await resolve(values, undefined, { fields: {}, shouldUseNativeValidation: false });
  const flat: Record<string, unknown> = {};
  const walk = (node: unknown, path: string[]) => {
    if (node && typeof node === 'object' && 'message' in node && typeof (node as { message: unknown }).message === 'string') {
      flat[path.join('.')] = readMessage((node as { message: string }).message);
      return;
    }
    if (node && typeof node === 'object') for (const [key, child] of Object.entries(node)) if (key !== 'ref') walk(child, [...path, key]);
  };
  walk(result.errors, []);
  return flat;
}

describe('the wizard’s validation (the API’s schemas on the form’s fields)', () => {
  it('passes a valid campaign', async () => {
    expect(await errorsOf(valid())).toEqual({});
  });

  it('puts each rule on the field the user sees', async () => {
    const errors = await errorsOf({
      ...valid(),
      phoneText: '',
      scripts: [{ targetType: 'callBotTextVariable', targetId: '', targetValue: 'x'.repeat(301), voice: '', speed: 3 }],
      numberCallOuts: [{ value: ' ' }],
      numberCallPerTime: 51,
      durationOfEachCall: Number.NaN,
      callWindows: {},
    });
    expect(errors).toEqual({
      phoneText: { key: 'errors.phonesRequired' },
      'scripts.0.targetValue': { key: 'errors.tooLong', params: { max: 300 } },
      'scripts.0.speed': { key: 'errors.max', params: { max: 2 } },
      'numberCallOuts.0.value': { key: 'errors.required' },
      numberCallPerTime: { key: 'errors.max', params: { max: 50 } },
      durationOfEachCall: { key: 'errors.wholeNumber' },
      callWindows: { key: 'errors.windowsEmpty' },
    });
  });

  it('checks the start like the API: a date and time needed, not more than a day ago', async () => {
    expect(await errorsOf({ ...valid(), startMode: 'later' })).toEqual({ startDate: { key: 'errors.startRequired' } });
    expect(await errorsOf({ ...valid(), startMode: 'later', startDate: '2030-06-10', startTime: '09:00' })).toEqual({ startDate: { key: 'errors.startTooOld' } });
    expect(await errorsOf({ ...valid(), startMode: 'later', startDate: '2030-06-13', startTime: '09:00' })).toEqual({});
    // 09:00 in Ho Chi Minh City is 02:00 UTC.
    expect(sendTimeOf({ startMode: 'later', startDate: '2030-06-12', startTime: '09:00', timeZone: 'Asia/Ho_Chi_Minh' })).toBe(NOW);
  });

  it('in call-again mode needs statuses, not a phone list', async () => {
    expect(await errorsOf({ ...valid(), phoneText: '', statuses: [] }, { callAgain: true })).toEqual({ statuses: { key: 'errors.statusesRequired' } });
    expect(await errorsOf({ ...valid(), phoneText: '', statuses: ['failed'] }, { callAgain: true })).toEqual({});
  });

  it('maps API fields to form fields', () => {
    expect(formFieldOf('sendTime')).toBe('startDate');
    expect(formFieldOf('phoneNumbers')).toBe('phoneText');
    expect(formFieldOf('numberCallOuts.2')).toBe('numberCallOuts.2.value');
    expect(formFieldOf('callWindows.mon.0')).toBe('callWindows');
    expect(formFieldOf('scripts.1.targetId')).toBe('scripts.1.targetId');
    expect(formFieldOf('statuses')).toBe('statuses');
  });
});

describe('request bodies', () => {
  it('leaves blank optional fields out and sends the pasted list', () => {
    const body = createBody({ ...valid(), name: '  ', phoneText: '0912345678, 0987654321' });
    expect(body).toMatchObject({ name: undefined, sendTime: undefined, phoneNumbers: ['0912345678', '0987654321'] });
    expect(body.scripts).toEqual([{ targetType: 'callBotTextVariable', targetValue: 'Xin chào', voice: undefined, speed: 1 }]);
  });

  it('call again: the source’s settings read through the schema, statuses, no phone list', () => {
    const values = valuesFromCampaign(
      {
        id: 'x',
        name: 'Spring',
        status: 'completed',
        scripts: [{ targetType: 'ivrMenu', targetId: 'menu-1', targetValue: '728341' }],
        numberCallPerTime: 7,
        callWindows: null,
        skipDates: [],
        counts: {},
      },
      { maxCallsPerBatch: 50, name: 'Spring — call again', statuses: ['failed'] },
    );
    expect(values.scripts).toEqual([{ targetType: 'ivrMenu', targetId: 'menu-1', targetValue: '728341', voice: '', speed: 1 }]);
    expect(values.numberCallPerTime).toBe(7);
    const body = callAgainBody(values);
    expect(body).toMatchObject({ statuses: ['failed'], name: 'Spring — call again', numberCallPerTime: 7, callWindows: null });
    expect(body).not.toHaveProperty('phoneNumbers');
  });
});
