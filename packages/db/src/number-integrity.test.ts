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
});
