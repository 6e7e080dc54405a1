import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreateCampaignRequest } from '@autocall/sdk';
import { waitFor } from '@autocall/testing';
import type { RequestRecord } from '../../apps/omicall-sim/src/index.ts';
import { simJson, startStack, type Stack } from '../support/stack.ts';

const EXECUTE = '/api/v2/autoCall/executeByPhone';
let stack: Stack;

beforeAll(async () => {
  stack = await startStack({ seed: 5, faults: { answerRate: 1, ringMinMs: 50, ringMaxMs: 100 } });
});
afterAll(async () => stack?.close());

const numbers = (base: number, count: number) => Array.from({ length: count }, (_, i) => `09${String(base + i * 13).padStart(8, '0')}`);
const body = (phones: string[], sendTime: number): CreateCampaignRequest => ({
  name: 'control',
  sendTime,
  scripts: [{ targetType: 'recording', targetValue: 'hello.mp3' }],
  numberCallPerTime: 2,
  durationOfEachCall: 1,
  phoneNumbers: phones,
});

// What the provider received for one campaign: the simulator is the judge.
async function providerRequests(campaignId: string): Promise<RequestRecord[]> {
  const all = await simJson<RequestRecord[]>(stack, `/_sim/requests?path=${encodeURIComponent(EXECUTE)}`);
  return all.filter((r) => r.name?.includes(campaignId));
}

const getCampaign = async (id: string) => (await stack.client.GET('/v1/campaigns/{id}', { params: { path: { id } } })).data;

// Absence can only be shown by waiting: long enough for several slots to have come due.
const quietPeriod = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A batch the worker had already marked as sending when the reply went out may still arrive just
// after it (it was handed over before the change); nothing claimed later may.
function sentAfter(requests: RequestRecord[], replyAt: number): RequestRecord[] {
  const late = requests.filter((r) => r.receivedAt > replyAt);
  return late.length === 1 && late[0]!.sendTime! <= replyAt ? [] : late;
}

describe('campaign control through the API, against the OMICALL simulator', () => {
  it('never sends a suppressed number, whether suppressed before the campaign or after it was created', async () => {
    const phones = numbers(31_000_000, 6);
    await stack.client.POST('/v1/suppressions', { body: { phones: [phones[1]!], reason: 'asked before' } });
    const created = await stack.client.POST('/v1/campaigns', { body: body(phones, Date.now() + 1_500) });
    expect(created.response.status).toBe(201);
    expect(created.data?.phones).toMatchObject({ accepted: 5, suppressed: 1 });
    // Added while the campaign waits for its send time: dispatch still skips it.
    expect((await stack.client.POST('/v1/suppressions', { body: { phones: [`+84${phones[4]!.slice(1)}`] } })).data).toMatchObject({ added: 1 });

    const id: string = created.data!.id;
    await waitFor(async () => ((await getCampaign(id))?.status === 'completed' ? true : undefined), {
      timeoutMs: 30_000,
      intervalMs: 200,
      message: 'campaign did not complete',
    });
    const sent = (await providerRequests(id)).flatMap((r) => r.phoneNumbers);
    expect(sent.sort()).toEqual([phones[0], phones[2], phones[3], phones[5]].sort());
    const calls = await stack.client.GET('/v1/campaigns/{id}/calls', { params: { path: { id }, query: { status: 'suppressed' } } });
    expect(calls.data?.items.map((c: { phone: string }) => c.phone)).toEqual([phones[1], phones[4]]);
  });

  it('sends no batch after a pause reply, continues after resume from the next slot, and dials nothing after cancel', async () => {
    const phones = numbers(32_000_000, 40);
    const sendTime = Date.now() + 500;
    const created = await stack.client.POST('/v1/campaigns', { body: body(phones, sendTime) });
    const id: string = created.data!.id;
    await waitFor(async () => ((await providerRequests(id)).length >= 2 ? true : undefined), { timeoutMs: 15_000, intervalMs: 50, message: 'no batch sent' });

    const paused = await stack.client.POST('/v1/campaigns/{id}/pause', { params: { path: { id } }, body: { reason: 'e2e' } });
    const pausedAt = Date.now();
    expect(paused.data?.status).toBe('paused');
    await quietPeriod(2_500);
    expect(sentAfter(await providerRequests(id), pausedAt)).toEqual([]);

    const resumed = await stack.client.POST('/v1/campaigns/{id}/resume', { params: { path: { id } } });
    const resumedAt = Date.now();
    expect(resumed.data?.status).toBe('running');
    const afterResume = await waitFor(
      async () => {
        const fresh = (await providerRequests(id)).filter((r) => r.receivedAt > resumedAt);
        return fresh.length > 0 ? fresh : undefined;
      },
      { timeoutMs: 15_000, intervalMs: 50, message: 'no batch after resume' },
    );
    // Slots that passed while paused were not sent late: the first one after resume is on the grid after the resume.
    expect(afterResume[0]!.sendTime!).toBeGreaterThan(resumedAt - 1_000);
    expect((afterResume[0]!.sendTime! - sendTime) % 1_000).toBe(0);

    const cancelled = await stack.client.POST('/v1/campaigns/{id}/cancel', { params: { path: { id } } });
    const cancelledAt = Date.now();
    expect(cancelled.data?.status).toBe('cancelled');
    await quietPeriod(2_500);
    const requests = await providerRequests(id);
    expect(sentAfter(requests, cancelledAt)).toEqual([]);
    const dialled = new Set(requests.flatMap((r) => r.phoneNumbers));
    const detail = await getCampaign(id);
    expect(detail?.counts.numbers.cancelled).toBe(40 - dialled.size);

    const trail = await stack.client.GET('/v1/campaigns/{id}/events', { params: { path: { id } } });
    expect(trail.data?.items.map((e: { to: string; actor: string }) => [e.to, e.actor.split(':')[0]])).toEqual([
      ['scheduled', 'api-key'],
      ['running', 'worker'],
      ['paused', 'api-key'],
      ['running', 'api-key'],
      ['cancelled', 'api-key'],
    ]);
  });
});
