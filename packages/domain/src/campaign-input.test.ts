import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { campaignInputSchema, pickPhoneList } from './campaign-input.ts';
import { zodIssuesToFieldErrors } from './zod-issues.ts';

const schema = campaignInputSchema({ maxCallsPerBatch: 10 });
const script = { targetType: 'recording', targetValue: 'hello.mp3' } as const;

function errorsOf(body: unknown) {
  const result = schema.safeParse(body);
  expect(result.success).toBe(false);
  return result.success ? [] : zodIssuesToFieldErrors(result.error.issues, body);
}

describe('campaignInputSchema', () => {
  it('applies defaults and strips unknown fields', () => {
    const result = schema.parse({ scripts: [script], phones: ['0395187319'], tenant: 'x' });
    expect(result).toEqual({
      scripts: [script],
      phones: ['0395187319'],
      numberCallOuts: [],
      numberCallPerTime: 10,
      durationOfEachCall: 30,
      maxRetryOfDetail: 0,
      retryAfterSeconds: 60,
    });
    expect(campaignInputSchema({ maxCallsPerBatch: 100 }).parse({ scripts: [script], phones: [1] }).numberCallPerTime).toBe(15);
  });

  it('takes the OMICALL example scripts', () => {
    const scripts = [
      { targetId: '60e79bf81b20043c4e7a68d0', targetType: 'recording', targetValue: '1e942ee5.mp3' },
      { speed: 1, targetType: 'callBotTextVariable', targetValue: 'Chào bạn', voice: 'northern_female_ngocanh' },
      { targetId: '6491781136826a5f9ce62910', targetType: 'ivrMenu', targetValue: '728341' },
      { targetType: 'ringGroup', targetId: '65af2e9cc567a1128d92ffcc', targetValue: '79149' },
    ];
    const result = schema.parse({ name: 'Promo', sendTime: 1_750_000_000_000, scripts, phone_number_list: [84395187319] });
    expect(result.scripts).toEqual(scripts);
    expect(pickPhoneList(result)).toEqual([84395187319]);
  });

  it('requires exactly one phone list', () => {
    expect(errorsOf({ scripts: [script] })).toEqual([
      { field: 'phoneNumbers', code: 'required', message: 'One of phoneNumbers, phones, phone_number_list is required.' },
    ]);
    expect(errorsOf({ scripts: [script], phones: ['1'], phoneNumbers: ['2'] })).toEqual([
      { field: 'phones', code: 'conflict', message: 'Give only one phone list; got phoneNumbers and phones.' },
    ]);
  });

  it('reports every problem with stable codes and dotted fields', () => {
    const errors = errorsOf({
      name: '',
      scripts: [{ targetType: 'callBotTextVariable', targetValue: 'x'.repeat(301), speed: 3 }, { targetType: 'fax' }, { targetType: 'ivrMenu', targetValue: '1' }],
      numberCallPerTime: 11,
      maxRetryOfDetail: -1,
      retryAfterSeconds: '60',
    });
    expect(errors).toEqual([
      { field: 'name', code: 'too_short', message: 'name must not be empty.' },
      { field: 'scripts.0.targetValue', code: 'too_long', message: 'scripts.0.targetValue must be at most 300 characters long.' },
      { field: 'scripts.0.speed', code: 'too_big', message: 'scripts.0.speed must be at most 2.' },
      {
        field: 'scripts.1.targetType',
        code: 'invalid_value',
        message: 'scripts.1.targetType must be one of "recording", "callBotTextVariable", "ivrMenu", "ringGroup".',
      },
      { field: 'scripts.2.targetId', code: 'required', message: 'scripts.2.targetId is required.' },
      { field: 'numberCallPerTime', code: 'too_big', message: 'numberCallPerTime must be at most 10.' },
      { field: 'maxRetryOfDetail', code: 'too_small', message: 'maxRetryOfDetail must be at least 0.' },
      { field: 'retryAfterSeconds', code: 'invalid_type', message: 'retryAfterSeconds must be a number.' },
      { field: 'phoneNumbers', code: 'required', message: 'One of phoneNumbers, phones, phone_number_list is required.' },
    ]);
  });

  it('refuses a fractional sendTime', () => {
    expect(errorsOf({ sendTime: 1.5, scripts: [script], phones: ['1'] })).toEqual([
      { field: 'sendTime', code: 'invalid_type', message: 'sendTime must be an integer.' },
    ]);
  });

  it('limits the sizes of lists', () => {
    const small = campaignInputSchema({ maxCallsPerBatch: 10, maxPhones: 2 });
    const result = small.safeParse({ scripts: [], phones: ['1', '2', '3'] });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(zodIssuesToFieldErrors(result.error.issues)).toEqual([
      { field: 'scripts', code: 'too_small', message: 'scripts must have at least 1 items.' },
      { field: 'phones', code: 'too_big', message: 'phones must have at most 2 items.' },
    ]);
  });

  it('says required without the input too, and names the body when it is not an object', () => {
    const result = schema.safeParse('nope');
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(zodIssuesToFieldErrors(result.error.issues)).toEqual([
      { field: 'body', code: 'invalid_type', message: 'body must be an object.' },
    ]);
    const missing = schema.safeParse({ phones: ['1'] });
    expect(missing.success || zodIssuesToFieldErrors(missing.error.issues)).toEqual([
      { field: 'scripts', code: 'required', message: 'scripts is required.' },
    ]);
  });

  it('describes its fields for OpenAPI', () => {
    const json = z.toJSONSchema(schema, { io: 'input' }) as { properties: Record<string, { description?: string }> };
    for (const [key, property] of Object.entries(json.properties)) expect(property.description, key).toBeTruthy();
  });
});

describe('pickPhoneList', () => {
  it('returns whichever list was given', () => {
    expect(pickPhoneList({ phoneNumbers: ['1'] })).toEqual(['1']);
    expect(pickPhoneList({ phones: [2] })).toEqual([2]);
    expect(pickPhoneList({})).toEqual([]);
  });
});
