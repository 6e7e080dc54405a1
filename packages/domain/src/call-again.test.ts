import { describe, expect, it } from 'vitest';
import { callAgainSchema } from './call-again.ts';

const schema = callAgainSchema({ maxCallsPerBatch: 50 });

describe('callAgainSchema', () => {
  it('needs only the statuses, and fills in no default (the source campaign supplies them)', () => {
    expect(schema.parse({ statuses: ['failed', 'no_result'] })).toEqual({ statuses: ['failed', 'no_result'] });
  });

  it('validates the settings as create does', () => {
    const ok = schema.parse({ statuses: ['failed'], name: ' Again ', numberCallPerTime: 50, callWindows: null, scripts: [{ targetType: 'recording', targetValue: 'a.mp3' }] });
    expect(ok).toMatchObject({ name: 'Again', numberCallPerTime: 50, callWindows: null });
    expect(schema.safeParse({ statuses: ['failed'], numberCallPerTime: 51 }).success).toBe(false);
    expect(schema.safeParse({ statuses: ['failed'], scripts: [] }).success).toBe(false);
    expect(schema.safeParse({ statuses: ['failed'], timeZone: 'Mars/Olympus' }).success).toBe(false);
  });

  it('refuses missing, empty or unknown statuses, a phone list and unknown fields', () => {
    expect(schema.safeParse({}).success).toBe(false);
    expect(schema.safeParse({ statuses: [] }).success).toBe(false);
    expect(schema.safeParse({ statuses: ['pending'] }).success).toBe(false);
    expect(schema.safeParse({ statuses: ['failed'], phoneNumbers: ['0395187319'] }).success).toBe(false);
    const typo = schema.safeParse({ statuses: ['failed'], sendtime: 1 });
    expect(typo.success).toBe(false);
    expect(typo.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['sendtime'] });
  });
});
