import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { createTenant } from './api-keys.ts';
import { seedCampaign, useTestDb } from './test-fixtures.ts';

const shared = useTestDb();
const pool = () => shared.db.pool;

// campaign_numbers has no foreign key to campaigns (schema.prisma says why); these are the rules
// the key enforced, now kept per statement by triggers (migration 20261207222141).
async function numbersOf(campaignId: string): Promise<number> {
  const { rows } = await pool().query<{ n: number }>(`SELECT count(*)::int AS n FROM campaign_numbers WHERE campaign_id = $1::uuid`, [campaignId]);
  return rows[0]!.n;
}

async function countersOf(campaignId: string): Promise<Record<string, number>> {
  const { rows } = await pool().query<{ name: string; n: string }>(`SELECT name, n FROM campaign_counts WHERE campaign_id = $1::uuid AND n <> 0`, [campaignId]);
  return Object.fromEntries(rows.map((r) => [r.name, Number(r.n)]));
}

function insertNumbers(rows: { campaignId: string; position: number; phone: string }[]) {
  return pool().query(
    `INSERT INTO campaign_numbers (campaign_id, position, phone) SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[])`,
    [rows.map((r) => r.campaignId), rows.map((r) => r.position), rows.map((r) => r.phone)],
  );
}

// Until the backend is waiting for a row lock (polled, not slept: the second statement must have
// reached the lock before the first transaction ends).
async function blockedOnLock(pid: number): Promise<void> {
  for (let i = 0; i < 500; i += 1) {
    const { rows } = await pool().query<{ wait: string | null }>(`SELECT wait_event_type AS wait FROM pg_stat_activity WHERE pid = $1`, [pid]);
    if (rows[0]?.wait === 'Lock') return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`backend ${pid} never waited for a lock`);
}

describe('numbers belong to a campaign that exists', () => {
  it('refuses a statement whose rows name a missing campaign, as the foreign key did, and writes none of its rows', async () => {
    const c = await seedCampaign(shared.db.prisma, { count: 3 });
    const missing = randomUUID();
    await expect(insertNumbers([{ campaignId: missing, position: 0, phone: '0912345678' }])).rejects.toMatchObject({
      code: '23503',
      detail: `Key (campaign_id)=(${missing}) is not present in table "campaigns".`,
    });
    // One bad row among good ones: the whole statement fails.
    await expect(
      insertNumbers([
        { campaignId: c.id, position: 10, phone: '0912345601' },
        { campaignId: missing, position: 0, phone: '0912345602' },
      ]),
    ).rejects.toMatchObject({ code: '23503' });
    expect(await numbersOf(c.id)).toBe(3);
    expect(await numbersOf(missing)).toBe(0);
    expect(await countersOf(c.id)).toEqual({ 'number:pending': 3 });
  });

  it('refuses moving a number to a missing campaign, and a change of a campaign id', async () => {
    const c = await seedCampaign(shared.db.prisma, { count: 2 });
    await expect(pool().query(`UPDATE campaign_numbers SET campaign_id = $2::uuid WHERE campaign_id = $1::uuid`, [c.id, randomUUID()])).rejects.toMatchObject({
      code: '23503',
    });
    await expect(pool().query(`UPDATE campaigns SET id = $2::uuid WHERE id = $1::uuid`, [c.id, randomUUID()])).rejects.toMatchObject({ code: '23503' });
    expect(await numbersOf(c.id)).toBe(2);
    // Other updates of the campaign row are untouched by the guard.
    await pool().query(`UPDATE campaigns SET name = 'renamed' WHERE id = $1::uuid`, [c.id]);
  });

  it('deleting a campaign deletes its numbers and no other campaign\'s; deleting a tenant deletes its campaigns\' numbers', async () => {
    const tenant = await createTenant(shared.db.prisma, 'integrity');
    const kept = await seedCampaign(shared.db.prisma, { count: 4 });
    const gone = await seedCampaign(shared.db.prisma, { count: 5, tenantId: tenant.id });
    const alsoGone = await seedCampaign(shared.db.prisma, { count: 6, tenantId: tenant.id });
    await pool().query(`DELETE FROM campaigns WHERE id = $1::uuid`, [gone.id]);
    expect(await numbersOf(gone.id)).toBe(0);
    expect(await numbersOf(alsoGone.id)).toBe(6);
    await pool().query(`DELETE FROM tenants WHERE id = $1::uuid`, [tenant.id]);
    expect(await numbersOf(alsoGone.id)).toBe(0);
    expect(await numbersOf(kept.id)).toBe(4);
    expect(await countersOf(kept.id)).toEqual({ 'number:pending': 4 });
    // Nothing of the deleted campaigns is left counted either.
    const { rows } = await pool().query(`SELECT 1 FROM campaign_counts WHERE campaign_id = ANY($1::uuid[])`, [[gone.id, alsoGone.id]]);
    expect(rows).toEqual([]);
  });

  it('a campaign deleted while numbers are added to it keeps none of them, whichever commits first', async () => {
    const inserter = await pool().connect();
    const deleter = await pool().connect();
    try {
      const pidOf = async (c: typeof inserter) => (await c.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const [insertPid, deletePid] = await Promise.all([pidOf(inserter), pidOf(deleter)]);
      const add = (campaignId: string) =>
        inserter.query(`INSERT INTO campaign_numbers (campaign_id, position, phone) SELECT $1::uuid, g, '09' || (20000000 + g) FROM generate_series(10, 12) g`, [
          campaignId,
        ]);

      // The insert first: the delete waits for the campaign row it locked, then removes what it committed.
      const first = await seedCampaign(shared.db.prisma, { count: 2 });
      await inserter.query('BEGIN');
      await add(first.id);
      const deleting = deleter.query(`DELETE FROM campaigns WHERE id = $1::uuid`, [first.id]);
      await blockedOnLock(deletePid);
      await inserter.query('COMMIT');
      await deleting;
      expect(await numbersOf(first.id)).toBe(0);

      // The delete first: the insert waits for it, then fails as the foreign key made it fail.
      const second = await seedCampaign(shared.db.prisma, { count: 2 });
      await deleter.query('BEGIN');
      await deleter.query(`DELETE FROM campaigns WHERE id = $1::uuid`, [second.id]);
      const adding = add(second.id);
      const refused = expect(adding).rejects.toMatchObject({ code: '23503' });
      await blockedOnLock(insertPid);
      await deleter.query('COMMIT');
      await refused;
      expect(await numbersOf(second.id)).toBe(0);
    } finally {
      inserter.release(true);
      deleter.release(true);
    }
  });
});
