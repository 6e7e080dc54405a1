import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { changeCampaignStatus } from '@autocall/db';
import { seedCampaign } from '@autocall/db/test-fixtures';
import { scheduleCampaignWakes } from '@autocall/jobs';
import { createLogger } from '@autocall/logger';
import { createOmicallClient, type DispatchResult, type OmicallClient } from '@autocall/omicall';
// Test-only: a real provider to come back to (no mocks), as in packages/omicall's client tests.
import { buildSimulator, simOptions, type Simulator } from '../../omicall-sim/src/index.ts';
import { advanceCampaign, PROVIDER_UNAVAILABLE, type AdvanceDeps } from './advance-campaign.ts';
import { useDbAndQueues } from './test-support.ts';

const env = useDbAndQueues();
const MAX_ATTEMPTS = 3;

// A port with nothing listening: every connection to it is refused.
async function refusingPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function worker(client: OmicallClient, clock: { ms: number }) {
  const results: DispatchResult[] = [];
  const deps: AdvanceDeps = {
    prisma: env.db.prisma,
    queues: env.queues,
    // The real client: every result comes from a real connection attempt.
    provider: { executeByPhone: async (request) => results[results.push(await client.executeByPhone(request)) - 1]! },
    logger: createLogger({ level: 'silent' }),
    now: () => clock.ms,
    workerId: 'w-unreachable',
    leaseMs: 30_000,
    outcomeTimeoutMs: 600_000,
    budgetMs: 60_000,
    maxRequestAttempts: MAX_ATTEMPTS,
  };
  return { deps, results };
}

// Runs the campaign as the queue would, each wake at the time the last one asked for, until `done`.
async function runWakes(deps: AdvanceDeps, clock: { ms: number }, campaignId: string, done: (row: { status: string }) => Promise<boolean> | boolean) {
  for (let wake = 0; wake < 20; wake++) {
    await advanceCampaign(deps, campaignId);
    const row = await env.db.prisma.campaign.findUniqueOrThrow({ where: { id: campaignId } });
    if (await done(row)) return row;
    if (row.nextWakeAt === null) throw new Error(`no next wake; the campaign is ${row.status}`);
    clock.ms = Math.max(clock.ms, row.nextWakeAt.getTime());
  }
  throw new Error('the campaign never got there');
}
const stopped = (row: { status: string }) => row.status !== 'running';

const wakesOf = async (campaignId: string) =>
  (await env.queues.campaignWake.getJobs(['delayed', 'waiting'])).filter((j) => j.data.campaignId === campaignId);

async function startSimulator(port: number): Promise<Simulator> {
  const sim = await buildSimulator(simOptions());
  await sim.listen(port);
  cleanups.push(() => sim.close());
  return sim;
}

describe('a provider that cannot be reached', () => {
  it('pauses the campaign with provider_unavailable after the configured attempts, gives the numbers back, and resumes once it is back', async () => {
    const port = await refusingPort();
    const client = createOmicallClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'sim-api-key', timeoutMs: 2_000 });
    cleanups.push(() => client.close());
    const clock = { ms: Date.now() };
    const campaign = await seedCampaign(env.db.prisma, { nowMs: clock.ms, count: 6, numberCallPerTime: 4 });
    const { deps, results } = worker(client, clock);
    // A wake queued earlier for later (the worker's own, or the sweep's) must not outlive the pause.
    await scheduleCampaignWakes(env.queues, [{ campaignId: campaign.id, atMs: clock.ms + 600_000 }], clock.ms);

    const paused = await runWakes(deps, clock, campaign.id, stopped);

    // The token fetch was refused every time: counted like a 5xx, then the campaign paused with why.
    expect(results).toEqual(Array.from({ length: MAX_ATTEMPTS }, () => expect.objectContaining({ kind: 'retryable', code: 'auth_connection_refused' })));
    expect(paused).toMatchObject({ status: 'paused', pauseReason: PROVIDER_UNAVAILABLE, pauseDetail: `${MAX_ATTEMPTS} attempts failed, last: auth_connection_refused`, nextWakeAt: null });
    const events = await env.db.prisma.campaignEvent.findMany({ where: { campaignId: campaign.id }, orderBy: { id: 'asc' } });
    expect(events.at(-1)).toMatchObject({ fromStatus: 'running', toStatus: 'paused', actor: 'provider', reason: PROVIDER_UNAVAILABLE });
    // Nothing was dialled and nothing is lost: the batch is refused and its numbers wait, undialled.
    const batches = await env.db.prisma.batch.findMany({ where: { campaignId: campaign.id } });
    expect(batches).toEqual([expect.objectContaining({ status: 'rejected', requestAttempts: MAX_ATTEMPTS, lastError: 'auth_connection_refused' })]);
    const numbers = await env.db.prisma.campaignNumber.findMany({ where: { campaignId: campaign.id } });
    expect(numbers.map((n) => [n.status, n.attempts])).toEqual(Array.from({ length: 6 }, () => ['pending', 0]));
    expect(await env.db.prisma.callAttempt.count({ where: { campaignId: campaign.id } })).toBe(0);
    expect(await env.db.prisma.dialLog.count({ where: { tenantId: campaign.tenantId } })).toBe(0);
    expect(await wakesOf(campaign.id)).toEqual([]);

    // The provider comes back on the same address; a resume sends every number, each once.
    const sim = await startSimulator(port);
    clock.ms += 60_000;
    const resumed = await changeCampaignStatus(env.db.prisma, 'resume', { tenantId: campaign.tenantId, campaignId: campaign.id, actor: 'test', nowMs: clock.ms });
    expect(resumed).toMatchObject({ ok: true, status: 'running' });
    const nothingPending = async () => (await env.db.prisma.campaignNumber.count({ where: { campaignId: campaign.id, status: 'pending' } })) === 0;
    await runWakes(deps, clock, campaign.id, nothingPending);
    const after = await env.db.prisma.campaign.findUniqueOrThrow({ where: { id: campaign.id } });
    expect(after).toMatchObject({ status: 'running', pauseReason: null });
    const dialled = sim.state.records.listRequests({ path: '/api/v2/autoCall/executeByPhone' }).filter((r) => r.dialled).flatMap((r) => r.phoneNumbers);
    expect(dialled.toSorted()).toEqual(campaign.phones.toSorted());
    expect(await env.db.prisma.campaignNumber.count({ where: { campaignId: campaign.id, status: 'calling', attempts: 1 } })).toBe(6);
  });

  it('counts a send refused after the provider went away the same way', async () => {
    const port = await refusingPort();
    const sim = await startSimulator(port);
    const client = createOmicallClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'sim-api-key', timeoutMs: 2_000 });
    cleanups.push(() => client.close());
    const clock = { ms: Date.now() };
    const campaign = await seedCampaign(env.db.prisma, { nowMs: clock.ms, count: 8, numberCallPerTime: 4, durationOfEachCall: 10 });
    const { deps, results } = worker(client, clock);

    // Slot 0 goes out (the client now holds a token); then the provider goes away.
    await advanceCampaign(deps, campaign.id);
    expect(results).toEqual([expect.objectContaining({ kind: 'accepted' })]);
    await sim.close();
    clock.ms += 10_000;

    const paused = await runWakes(deps, clock, campaign.id, stopped);
    expect(results.slice(1)).toEqual(Array.from({ length: MAX_ATTEMPTS }, () => expect.objectContaining({ kind: 'retryable', code: 'connection_refused' })));
    expect(paused).toMatchObject({ status: 'paused', pauseReason: PROVIDER_UNAVAILABLE, pauseDetail: `${MAX_ATTEMPTS} attempts failed, last: connection_refused` });
    // The first four are with the provider; the other four were given back, undialled.
    const numbers = await env.db.prisma.campaignNumber.findMany({ where: { campaignId: campaign.id }, orderBy: { position: 'asc' } });
    expect(numbers.map((n) => [n.status, n.attempts])).toEqual([...Array.from({ length: 4 }, () => ['calling', 1]), ...Array.from({ length: 4 }, () => ['pending', 0])]);
    expect(await wakesOf(campaign.id)).toEqual([]);
  });
});
