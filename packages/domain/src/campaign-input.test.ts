import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CAMPAIGN_EXAMPLE, campaignInputSchema, omicallCampaignInputSchema, pickPhoneList } from './campaign-input.ts';
import { zodIssuesToFieldErrors } from './zod-issues.ts';

const schema = campaignInputSchema({ maxCallsPerBatch: 10 });
const script = { targetType: 'recording', targetValue: 'hello.mp3' } as const;

function errorsOf(body: unknown) {
  const result = schema.safeParse(body);
  expect(result.success).toBe(false);
  return result.success ? [] : zodIssuesToFieldErrors(result.error.issues, body);
}

describe('campaignInputSchema', () => {
  it('applies defaults', () => {
    const result = schema.parse({ scripts: [script], phones: ['0395187319'] });
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
      { field: 'scripts', code: 'too_small', message: 'scripts must have at least 1 item.' },
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

describe('unknown fields', () => {
  const unknownErrors = (s: typeof schema, body: Record<string, unknown>) => {
    const result = s.safeParse(body);
    expect(result.success).toBe(false);
    return result.success ? [] : zodIssuesToFieldErrors(result.error.issues, body, s).filter((e) => e.code === 'unknown_field');
  };

  it('refuses each unknown field, top-level or nested, suggesting the closest known one', () => {
    const errors = unknownErrors(schema, {
      scripts: [script, { targetType: 'callBotTextVariable', targetValue: 'Xin chào', voise: 'northern_female_ngocanh' }],
      phones: ['0395187319'],
      sendtime: 1_803_866_400_000,
      callWindows: { mon: [['08:00', '12:00']], monday: [['13:00', '17:00']] },
      tenant: 'x',
    });
    expect(errors).toEqual([
      {
        field: 'scripts.1.voise',
        code: 'unknown_field',
        message: 'Unknown field "scripts.1.voise". Did you mean "scripts.1.voice"?',
        suggestion: 'scripts.1.voice',
      },
      { field: 'callWindows.monday', code: 'unknown_field', message: 'Unknown field "callWindows.monday".' },
      { field: 'sendtime', code: 'unknown_field', message: 'Unknown field "sendtime". Did you mean "sendTime"?', suggestion: 'sendTime' },
      { field: 'tenant', code: 'unknown_field', message: 'Unknown field "tenant".' },
    ]);
  });

  it('names unknown fields without a schema to suggest from', () => {
    const result = schema.safeParse({ scripts: [script], phones: ['1'], sendtime: 1 });
    expect(result.success || zodIssuesToFieldErrors(result.error.issues)).toEqual([
      { field: 'sendtime', code: 'unknown_field', message: 'Unknown field "sendtime".' },
    ]);
  });

  it('accepts its own documentation example', () => {
    expect(schema.safeParse(CAMPAIGN_EXAMPLE).success).toBe(true);
  });
});

describe('omicallCampaignInputSchema', () => {
  const omicall = omicallCampaignInputSchema({ maxCallsPerBatch: 10 });

  it("takes exactly OMICALL's documented fields plus the three phone list names", () => {
    const body = {
      name: 'Nhắc lịch',
      sendTime: 1_803_866_400_000,
      scripts: [script],
      numberCallOuts: ['842873001234'],
      numberCallPerTime: 5,
      durationOfEachCall: 30,
      maxRetryOfDetail: 1,
      retryAfterSeconds: 60,
    };
    for (const field of ['phones', 'phoneNumbers', 'phone_number_list']) {
      expect(omicall.safeParse({ ...body, [field]: ['0395187319'] }).success, field).toBe(true);
    }
    expect(Object.keys(omicall.shape).sort()).toEqual(
      ['durationOfEachCall', 'maxRetryOfDetail', 'name', 'numberCallOuts', 'numberCallPerTime', 'phoneNumbers', 'phone_number_list', 'phones', 'retryAfterSeconds', 'scripts', 'sendTime'],
    );
  });

  it('refuses native-only fields as unknown, and still requires one phone list', () => {
    const body = { scripts: [script], timeZone: 'Asia/Ho_Chi_Minh', dailyAttemptCap: 2 };
    const result = omicall.safeParse(body);
    expect(result.success || zodIssuesToFieldErrors(result.error.issues, body, omicall)).toEqual([
      { field: 'timeZone', code: 'unknown_field', message: 'Unknown field "timeZone".' },
      { field: 'dailyAttemptCap', code: 'unknown_field', message: 'Unknown field "dailyAttemptCap".' },
      { field: 'phoneNumbers', code: 'required', message: 'One of phoneNumbers, phones, phone_number_list is required.' },
    ]);
  });
});

describe('pickPhoneList', () => {
  it('returns whichever list was given', () => {
    expect(pickPhoneList({ phoneNumbers: ['1'] })).toEqual(['1']);
    expect(pickPhoneList({ phones: [2] })).toEqual([2]);
    expect(pickPhoneList({})).toEqual([]);
  });
});
