import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildSimulator, type Simulator } from './app.ts';
import { simOptions, type SimFaultsPatch } from './options.ts';
import { startReceiver, type Receiver } from './test-receiver.ts';

const scripts = [{ targetType: 'recording', targetId: 'r1', targetValue: 'hello.mp3' }];
const phonesOf = (n: number, offset = 0) => Array.from({ length: n }, (_, i) => `09${String(i + offset).padStart(8, '0')}`);
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(faults: SimFaultsPatch = {}, receiverOpts: { failFirst?: number } = {}, seed = 1) {
  const receiver = await startReceiver(receiverOpts);
  cleanups.push(() => receiver.close());
  const sim = await buildSimulator(simOptions({ seed, faults: { webhookUrl: receiver.url, ...faults } }));
  cleanups.push(() => sim.close());
  return { sim, receiver };
}

async function dial(sim: Simulator, phones: string[], extra: Record<string, unknown> = {}) {
  const auth = await sim.app.inject({ method: 'GET', url: '/api/auth?apiKey=sim-api-key' });
  const res = await sim.app.inject({
    method: 'POST',
    url: '/api/v2/autoCall/executeByPhone',
    headers: { authorization: `Bearer ${auth.json().payload.access_token}` },
    payload: { name: 'w', scripts, phoneNumbers: phones, numberCallPerTime: 10, ...extra },
  });
  expect(res.statusCode).toBe(200);
  return res.json().payload.autocall_id as string;
}

const cdrs = (r: Receiver) => r.events.filter((e) => e.state === 'cdr');

describe('webhooks', () => {
  it('POSTs one cdr per number to a real receiver', async () => {
    const { sim, receiver } = await setup({ answerRate: 0.5 });
    const phones = [...phonesOf(20), '84395187319'];
    const autocallId = await dial(sim, phones, { numberCallOuts: ['02873001234'] });
    await receiver.waitFor(phones.length);
    await sim.state.webhooks.whenIdle();
    expect(cdrs(receiver).map((e) => e.to_number).sort()).toEqual([...phones].sort());
    for (const e of receiver.events) {
      expect(e).toMatchObject({ state: 'cdr', direction: 'outbound', is_auto_call: true, autocall_id: autocallId, hotline: '842873001234', from_number: '842873001234' });
      expect(typeof e.call_uuid).toBe('string');
      expect(typeof e.transaction_id).toBe('string');
      expect(typeof e.autocall_uuid).toBe('string');
      expect(e.disposition === 'answered' ? (e.answer_sec as number) > 0 : e.answer_sec === 0).toBe(true);
    }
    expect(new Set(receiver.events.map((e) => e.disposition))).toEqual(new Set(['answered', 'cancelled']));
    expect(sim.state.webhooks.stats()).toMatchObject({ sent: phones.length, failed: 0, pending: 0 });
  });

  it('sends live events when enabled', async () => {
    const { sim, receiver } = await setup({ liveEvents: true, answerRate: 1 });
    await dial(sim, ['0395187319']);
    const events = await receiver.waitFor(4);
    expect(events.map((e) => e.state)).toEqual(['ringing', 'answered', 'hangup', 'cdr']);
    expect(new Set(events.map((e) => e.call_uuid)).size).toBe(1);
  });

  it('outcomes are deterministic for a seed and depend on the dial count', async () => {
    const phones = phonesOf(100);
    const outcomes = async () => {
      const { sim, receiver } = await setup({}, {}, 5);
      await dial(sim, phones);
      await dial(sim, phones);
      await receiver.waitFor(200);
      const byCall = (id: string) => new Map(receiver.events.filter((e) => e.autocall_id === id).map((e) => [e.to_number, e.disposition]));
      const ids = [...new Set(receiver.events.map((e) => e.autocall_id as string))];
      const first = byCall(ids[0] as string);
      const second = byCall(ids[1] as string);
      return phones.map((p) => `${first.get(p)}/${second.get(p)}`);
    };
    const a = await outcomes();
    expect(await outcomes()).toEqual(a);
    expect(a.some((o) => o.split('/')[0] !== o.split('/')[1])).toBe(true);
  });

  it('duplicates cdr events', async () => {
    const { sim, receiver } = await setup({ webhookDuplicateRate: 1 });
    await dial(sim, phonesOf(5));
    await receiver.waitFor(10);
    await sim.state.webhooks.whenIdle();
    const uuids = receiver.events.map((e) => e.call_uuid);
    expect(uuids).toHaveLength(10);
    expect(new Set(uuids).size).toBe(5);
  });

  it('sends cdr events for sessions never created', async () => {
    const { sim, receiver } = await setup({ webhookUnknownRate: 1 });
    const autocallId = await dial(sim, phonesOf(5));
    await receiver.waitFor(10);
    expect(receiver.events.filter((e) => e.autocall_id !== autocallId)).toHaveLength(5);
    expect(sim.state.webhooks.stats().unknown).toBe(5);
  });

  it('shuffles delivery order', async () => {
    const { sim, receiver } = await setup({ webhookShuffle: true });
    const phones = phonesOf(200);
    await dial(sim, phones);
    await receiver.waitFor(200);
    expect(receiver.events.map((e) => e.to_number)).not.toEqual(phones);
  });

  it('delays delivery and honours a future sendTime', async () => {
    const { sim, receiver } = await setup({ webhookDelayMs: 150 });
    const started = Date.now();
    await dial(sim, ['0395187319'], { sendTime: Date.now() + 150 });
    await receiver.waitFor(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('retries a failing receiver', async () => {
    const { sim, receiver } = await setup({}, { failFirst: 2 });
    await dial(sim, ['0395187319']);
    await receiver.waitFor(1);
    // The receiver has the event before the simulator has read the reply and counted it.
    await vi.waitFor(() => expect(sim.state.webhooks.stats()).toMatchObject({ sent: 1, retried: 2 }), { timeout: 10_000 });
  });

  it('gives up on an unreachable receiver without crashing', async () => {
    const dead = await startReceiver();
    await dead.close();
    const { sim } = await setup({ webhookUrl: dead.url });
    await dial(sim, ['0395187319']);
    await sim.state.webhooks.whenIdle();
    expect(sim.state.webhooks.stats()).toMatchObject({ sent: 0, failed: 1, retried: 3, pending: 0 });
  });

  it('drops events when no webhook URL is set', async () => {
    const { sim } = await setup({ webhookUrl: null });
    await dial(sim, phonesOf(3));
    await sim.state.webhooks.whenIdle();
    expect(sim.state.webhooks.stats()).toMatchObject({ sent: 0, dropped: 3 });
  });

  // About 2 s on an idle 2-core machine; the generous timeout is for a loaded one.
  it('drains a large instant session through the bounded queue', { timeout: 180_000 }, async () => {
    const { sim, receiver } = await setup();
    const phones = phonesOf(10_000);
    await dial(sim, phones, { numberCallPerTime: 50 });
    await sim.state.webhooks.whenIdle();
    expect(receiver.events).toHaveLength(10_000);
    expect(new Set(receiver.events.map((e) => e.to_number)).size).toBe(10_000);
  });
});
