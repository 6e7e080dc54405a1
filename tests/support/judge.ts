// The chaos suite's verdict. The simulator's request log (what the provider actually received) is
// the judge of "sent twice"; our database only has to agree with it.
import type pg from 'pg';
import { CHAOS_SEED } from './chaos-seed.ts';

const EXECUTE = '/api/v2/autoCall/executeByPhone';
const TERMINAL = new Set(['answered', 'failed', 'invalid', 'no_result', 'unknown', 'cancelled', 'suppressed']);

type SimRequest = { name: string | null; dialled: boolean; phoneNumbers: string[]; autocallId: string | null };
type SimDialed = { items: { phone: string; count: number }[] };

export type Verdict = {
  campaigns: number;
  numbers: number;
  batchesSent: number;
  providerRequests: number;
  dials: number;
  unknown: number;
  noResult: number;
  lost: number;
  duplicated: number;
  violations: string[];
};

export type JudgeOptions = {
  pool: pg.Pool;
  simUrl: string;
  campaignIds: string[];
  // Campaigns expected to end paused instead of completed (a provider refusal).
  expectStatus?: string;
};

export function slotOf(name: string | null): { campaignId: string; slot: number } | null {
  const match = name?.match(/\[([0-9a-f-]{36})#(\d+)\]$/);
  return match ? { campaignId: match[1]!, slot: Number(match[2]) } : null;
}

export async function judge(options: JudgeOptions): Promise<Verdict> {
  const { pool, campaignIds } = options;
  const violations: string[] = [];
  const ids = new Set(campaignIds);
  const requests = (await (await fetch(`${options.simUrl}/_sim/requests?path=${encodeURIComponent(EXECUTE)}`)).json()) as SimRequest[];
  const dialed = (await (await fetch(`${options.simUrl}/_sim/dialed?limit=1000000`)).json()) as SimDialed;
  const simCount = new Map(dialed.items.map((d) => [d.phone, d.count]));

  const { rows: campaigns } = await pool.query<{ id: string; status: string; lease_owner: string | null; max_retry_of_detail: number }>(
    `SELECT id, status, lease_owner, max_retry_of_detail FROM campaigns WHERE id = ANY($1::uuid[])`,
    [campaignIds],
  );
  const maxRetry = new Map(campaigns.map((c) => [c.id, c.max_retry_of_detail]));
  for (const c of campaigns) {
    if (c.status !== (options.expectStatus ?? 'completed')) violations.push(`campaign ${c.id} ended ${c.status}`);
    if (c.lease_owner) violations.push(`campaign ${c.id} still leased by ${c.lease_owner}`);
  }
  if (campaigns.length !== campaignIds.length) violations.push(`only ${campaigns.length} of ${campaignIds.length} campaigns exist`);

  const { rows: openBatches } = await pool.query<{ id: string; status: string }>(
    `SELECT id::text, status FROM batches WHERE campaign_id = ANY($1::uuid[]) AND status IN ('claimed', 'sending')`,
    [campaignIds],
  );
  for (const b of openBatches) violations.push(`batch ${b.id} left ${b.status}`);

  const { rows: numbers } = await pool.query<{ campaign_id: string; phone: string; status: string; attempts: number }>(
    `SELECT campaign_id, phone, status, attempts FROM campaign_numbers WHERE campaign_id = ANY($1::uuid[])`,
    [campaignIds],
  );
  const { rows: attempts } = await pool.query<{ campaign_id: string; phone: string; slot_index: number; outcome: string }>(
    // Every call the database records (attempt rows, final calls on their numbers, calls waiting).
    `SELECT a.campaign_id, n.phone, b.slot_index, a.outcome FROM call_history($1::uuid[]) a
     JOIN campaign_numbers n ON n.campaign_id = a.campaign_id AND n.id = a.number_id JOIN batches b ON b.id = a.batch_id`,
    [campaignIds],
  );
  const { rows: sent } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM batches WHERE campaign_id = ANY($1::uuid[]) AND status = 'sent'`,
    [campaignIds],
  );

  // What the provider dialled, per (campaign, slot) and per (campaign, slot, phone).
  const dialledSlots = new Map<string, number>();
  const dialledKeys = new Map<string, number>();
  const dialsPerPhone = new Map<string, number>();
  let providerRequests = 0;
  for (const r of requests) {
    const at = slotOf(r.name);
    if (!at || !ids.has(at.campaignId)) continue;
    providerRequests++;
    if (!r.dialled) continue;
    const slotKey = `${at.campaignId}#${at.slot}`;
    dialledSlots.set(slotKey, (dialledSlots.get(slotKey) ?? 0) + 1);
    for (const phone of r.phoneNumbers) {
      const key = `${slotKey}#${phone}`;
      dialledKeys.set(key, (dialledKeys.get(key) ?? 0) + 1);
      dialsPerPhone.set(phone, (dialsPerPhone.get(phone) ?? 0) + 1);
    }
  }
  let duplicated = 0;
  for (const [slot, n] of dialledSlots) if (n > 1) (duplicated++, violations.push(`batch ${slot} dialled ${n} times`));

  const attemptKeys = new Map<string, string>();
  const unknownAttempts = new Map<string, number>();
  for (const a of attempts) {
    const key = `${a.campaign_id}#${a.slot_index}#${a.phone}`;
    if (attemptKeys.has(key)) violations.push(`attempt ${key} recorded twice`);
    attemptKeys.set(key, a.outcome);
    if (a.outcome === 'unknown') unknownAttempts.set(a.phone, (unknownAttempts.get(a.phone) ?? 0) + 1);
    // An attempt that is not ambiguous must have reached the provider.
    if (a.outcome !== 'unknown' && !dialledKeys.has(key)) violations.push(`attempt ${key} (${a.outcome}) never reached the provider`);
  }
  for (const key of dialledKeys.keys()) if (!attemptKeys.has(key)) violations.push(`provider dialled ${key} without an attempt of ours`);

  let lost = 0;
  for (const n of numbers) {
    if (!TERMINAL.has(n.status)) (lost++, violations.push(`number ${n.phone} left ${n.status}`));
    if (n.status === 'invalid') continue;
    const dials = dialsPerPhone.get(n.phone) ?? 0;
    if ((simCount.get(n.phone) ?? 0) !== dials) violations.push(`simulator dial registry disagrees for ${n.phone}`);
    const ambiguous = unknownAttempts.get(n.phone) ?? 0;
    if (dials > n.attempts) (duplicated++, violations.push(`${n.phone} dialled ${dials} times for ${n.attempts} attempts`));
    if (dials < n.attempts - ambiguous) violations.push(`${n.phone}: ${n.attempts} attempts but only ${dials} dials`);
    if (n.attempts > 1 + maxRetry.get(n.campaign_id)!) violations.push(`${n.phone}: ${n.attempts} attempts exceed 1 + maxRetry`);
  }
  return {
    campaigns: campaigns.length,
    numbers: numbers.length,
    batchesSent: sent[0]!.n,
    providerRequests,
    dials: [...dialsPerPhone.values()].reduce((a, b) => a + b, 0),
    unknown: numbers.filter((n) => n.status === 'unknown').length,
    noResult: numbers.filter((n) => n.status === 'no_result').length,
    lost,
    duplicated,
    violations,
  };
}

// One line per scenario for the issue note's figures (printed to the test output).
export function report(scenario: string, verdict: Verdict, faults: Record<string, number>): void {
  const { violations, ...figures } = verdict;
  process.stdout.write(`[chaos] ${scenario} ${JSON.stringify({ chaosSeed: CHAOS_SEED, faults, ...figures, violations: violations.length })}\n`);
}
