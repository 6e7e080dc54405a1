import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@autocall/logger';
import { bearer, buildTestApp, campaignBody, type TestApp } from '../test-app.ts';
import { createNumberStatistics, LARGE_LIST_NUMBERS } from './number-statistics.ts';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

// What the planner expects `campaign_id = <id>` to match in campaign_numbers.
async function plannedNumbers(campaignId: string): Promise<number> {
  const [row] = await t.db.prisma.$queryRawUnsafe<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }[]>(
    `EXPLAIN (FORMAT JSON) SELECT 1 FROM campaign_numbers WHERE campaign_id = '${campaignId}'::uuid`,
  );
  return row!['QUERY PLAN'][0].Plan['Plan Rows'];
}

async function analyseCount(): Promise<number> {
  const [row] = await t.db.prisma.$queryRaw<{ n: number }[]>`
    SELECT analyze_count::int AS n FROM pg_stat_user_tables WHERE relname = 'campaign_numbers'`;
  return row!.n;
}

const phones = (count: number, first: number) => Array.from({ length: count }, (_, i) => `09${String(first + i).padStart(8, '0')}`);

describe('campaign_numbers statistics after a large list', () => {
  it('lets the planner know a large campaign soon after it is stored through the API', async () => {
    // The statistics know a small campaign only; the large one arrives after them.
    const small = await t.app.inject({ method: 'POST', url: '/v1/campaigns', headers: bearer(t.adminKey), payload: campaignBody({ phoneNumbers: phones(50, 10_000_000) }) });
    expect(small.statusCode).toBe(201);
    await t.db.prisma.$executeRawUnsafe('ANALYZE campaign_numbers');
    const analysed = await analyseCount();

    const large = await t.app.inject({
      method: 'POST',
      url: '/v1/campaigns',
      headers: bearer(t.adminKey),
      payload: campaignBody({ phoneNumbers: phones(LARGE_LIST_NUMBERS, 20_000_000) }),
    });
    expect(large.statusCode).toBe(201);
    const id = large.json().id as string;
    // Behind the reply: wait for it (at most 15 s). analyze_count counts ANALYZE commands only, not
    // autovacuum's analyses.
    for (let waited = 0; waited < 15_000 && (await analyseCount()) === analysed; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await analyseCount()).toBe(analysed + 1);
    expect(await plannedNumbers(id)).toBeGreaterThan(LARGE_LIST_NUMBERS / 2);
  });

  it('analyses only for lists of the threshold and more, once at a time, and once more for lists stored meanwhile', async () => {
    const statistics = createNumberStatistics({ prisma: t.db.prisma, logger: createLogger({ level: 'silent' }) }, { minNumbers: 100 });
    const before = await analyseCount();
    statistics.stored(99);
    await statistics.idle();
    expect(await analyseCount()).toBe(before);

    statistics.stored(100);
    // Three more lists while the first ANALYZE runs: one more ANALYZE covers them all.
    statistics.stored(500);
    statistics.stored(500);
    statistics.stored(500);
    await statistics.idle();
    expect(await analyseCount()).toBe(before + 2);
  });
});
