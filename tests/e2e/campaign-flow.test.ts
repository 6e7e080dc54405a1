import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '@autocall/testing';
import type { RequestRecord } from '../../apps/omicall-sim/src/index.ts';
import { simJson, startStack, type Stack } from '../support/stack.ts';

const EXECUTE = '/api/v2/autoCall/executeByPhone';
let stack: Stack;

beforeAll(async () => {
  // Ring times of 100-400 ms and a 40 % answer rate give every path (answered, retried, failed).
  stack = await startStack({ seed: 11, faults: { answerRate: 0.4, ringMinMs: 100, ringMaxMs: 400 } });
});
afterAll(async () => stack?.close());

const phones = Array.from({ length: 20 }, (_, i) => `09${String(12_340_000 + i * 7).padStart(8, '0')}`);

describe('a campaign through the public API, against the OMICALL simulator', () => {
  it('runs to completed with paced batches, our own retries and every number accounted for', async () => {
    const sendTime = Date.now() + 1_000;
    const created = await stack.client.POST('/v1/campaigns', {
      body: {
        name: 'e2e',
        sendTime,
        scripts: [{ targetType: 'callBotTextVariable', targetValue: 'Xin chào', voice: 'northern_female_ngocanh' }],
        numberCallPerTime: 5,
        durationOfEachCall: 1,
        maxRetryOfDetail: 2,
        retryAfterSeconds: 1,
        // Same numbers written three other ways are duplicates; two entries are not numbers at all.
        phoneNumbers: [...phones, `+84${phones[0]!.slice(1)}`, `84${phones[1]!.slice(1)}`, phones[2]!, 'abc', '12345'],
      },
    });
    expect(created.response.status).toBe(201);
    expect(created.data?.phones).toMatchObject({ accepted: 20, duplicated: 3, invalid: 2 });
    const id: string = created.data!.id;

    const done = await waitFor(
      async () => {
        const { data } = await stack.client.GET('/v1/campaigns/{id}', { params: { path: { id } } });
        return data?.status === 'completed' ? data : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 250, message: 'campaign did not complete' },
    );

    // The provider's own record is the judge of what was dialled.
    const requests = (await simJson<RequestRecord[]>(stack, `/_sim/requests?path=${encodeURIComponent(EXECUTE)}`)).filter((r) => r.dialled);
    const slotIndexes = requests.map((r) => (r.sendTime! - sendTime) / 1_000);
    for (const [i, request] of requests.entries()) {
      expect(request.phoneNumbers.length).toBeGreaterThan(0);
      expect(request.phoneNumbers.length).toBeLessThanOrEqual(5);
      expect(new Set(request.phoneNumbers).size).toBe(request.phoneNumbers.length);
      expect(request.maxRetryOfDetail).toBe(0);
      expect(request.retryAfterSeconds).toBe(0);
      // Slots sit on the absolute grid sendTime + k * durationOfEachCall, one batch per slot,
      // and no batch leaves before its slot.
      expect(Number.isInteger(slotIndexes[i])).toBe(true);
      if (i > 0) expect(slotIndexes[i]!).toBeGreaterThan(slotIndexes[i - 1]!);
      expect(request.receivedAt).toBeGreaterThanOrEqual(request.sendTime!);
    }
    // The first slots carry fresh numbers in list order, a full batch each.
    expect(requests[0]!.phoneNumbers).toEqual(phones.slice(0, 5));
    expect(slotIndexes[0]).toBe(0);

    const dialsByPhone = new Map<string, number[]>();
    for (const r of requests) for (const p of r.phoneNumbers) dialsByPhone.set(p, [...(dialsByPhone.get(p) ?? []), r.receivedAt]);

    const calls = await stack.client.GET('/v1/campaigns/{id}/calls', { params: { path: { id }, query: { limit: 100 } } });
    const valid = calls.data!.items.filter((c: { status: string }) => c.status !== 'invalid');
    expect(valid).toHaveLength(20);
    for (const call of valid) {
      expect(['answered', 'failed']).toContain(call.status);
      // What we recorded matches what the provider received.
      expect(dialsByPhone.get(call.phone)?.length).toBe(call.attempts);
      expect(call.history).toHaveLength(call.attempts);
      if (call.status === 'failed') {
        expect(call.attempts).toBe(3);
        expect(call.history.every((h: { outcome: string }) => h.outcome === 'not_answered')).toBe(true);
      }
      if (call.status === 'answered') expect(call.history.at(-1)!.outcome).toBe('answered');
      for (let i = 1; i < call.history.length; i++) {
        // A retry goes out no sooner than retryAfterSeconds after the previous outcome.
        expect(call.history[i]!.dialedAt).toBeGreaterThanOrEqual(call.history[i - 1]!.outcomeAt! + 1_000);
      }
    }
    const answered = valid.filter((c: { status: string }) => c.status === 'answered').length;
    const failed = valid.filter((c: { status: string }) => c.status === 'failed').length;
    expect(answered).toBeGreaterThan(0);
    expect(failed).toBeGreaterThan(0);
    expect(done.counts.numbers).toEqual({ answered, failed, invalid: 2 });
    expect(done.counts.batches).toEqual({ sent: requests.length });
    expect(done.counts.attempts).toBe(requests.reduce((n, r) => n + r.phoneNumbers.length, 0));
    expect(done.nextBatchAt).toBeNull();
  });
});
