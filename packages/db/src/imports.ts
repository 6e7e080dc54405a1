// Bulk number imports: rows are streamed with COPY into a temporary staging table (no indexes, no
// WAL), then moved into campaign_numbers with one set-based INSERT per kind, all in the same
// transaction as the campaign row, so a failed import leaves nothing behind.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { NewCampaign } from './campaigns.ts';

export type ImportCampaign = Omit<NewCampaign, 'accepted' | 'invalid' | 'duplicateCount'>;

export type ImportTarget =
  | { kind: 'create'; campaign: ImportCampaign }
  | { kind: 'append'; tenantId: string; campaignId: string; nowMs: number };

export type StagedCounts = {
  // Valid rows written to staging (unique among themselves unless `mayRepeat`).
  valid: number;
  invalid: number;
  // Duplicates the caller already dropped before staging.
  duplicatesDropped: number;
  // The caller stopped de-duplicating (a very large file): staging may repeat a number.
  mayRepeat: boolean;
};

export type ImportOutcome =
  | { kind: 'stored'; campaignId: string; status: string; sendTimeMs: number; accepted: number; duplicated: number; invalid: number; suppressed: number; firstPosition: number }
  | { kind: 'not_found' }
  | { kind: 'not_editable'; status: string };

export type NumberImport = {
  /** Staging rows in COPY text format (see stagingRow); resolves once the stream can take more. */
  write(rows: string): Promise<void> | undefined;
  /** Moves the staged rows into the target campaign (created here, or locked and checked) and commits. */
  commit(target: ImportTarget, counts: StagedCounts): Promise<ImportOutcome>;
  /** Throws the import away (idempotent); the connection is discarded, so the server rolls back. */
  abort(): Promise<void>;
};

// Numbers can only be added before a campaign has dialled anyone.
const APPENDABLE = new Set(['scheduled', 'paused']);

/** One staging row in COPY text format; `phone` is escaped as it may be raw user input. */
export function stagingRow(position: number, phone: string, invalidReason: string | null): string {
  return `${position}\t${escapeCopy(phone)}\t${invalidReason === null ? '\\N' : invalidReason}\n`;
}

/** Opens a transaction on a dedicated connection and starts the COPY into a fresh staging table. */
export async function openNumberImport(pool: pg.Pool): Promise<NumberImport> {
  const client = await pool.connect();
  let done = false;
  let stream: ReturnType<typeof copyFrom>;
  try {
    await client.query('BEGIN');
    await client.query('CREATE TEMP TABLE import_staging (position int NOT NULL, phone text NOT NULL, invalid_reason text) ON COMMIT DROP');
    stream = client.query(copyFrom('COPY import_staging (position, phone, invalid_reason) FROM STDIN'));
  } catch (error) {
    client.release(true);
    throw error;
  }
  let streamError: unknown = null;
  stream.on('error', (error) => (streamError = error));

  const abort = async () => {
    if (done) return;
    done = true;
    stream.destroy();
    // Dropping the connection is the one rollback that works in every state, mid-COPY included.
    client.release(true);
  };

  return {
    write(rows) {
      if (streamError) throw streamError;
      return stream.write(rows) ? undefined : once(stream, 'drain').then(() => undefined);
    },
    async commit(target, counts) {
      try {
        stream.end();
        await finished(stream);
        const outcome = await moveStagedRows(client, target, counts);
        if (outcome.kind !== 'stored') {
          await abort();
          return outcome;
        }
        await client.query('COMMIT');
        done = true;
        client.release();
        return outcome;
      } catch (error) {
        await abort();
        throw error;
      }
    },
    abort,
  };
}

type Locked = { id: string; tenantId: string; status: string; sendTime: Date; base: number };

async function moveStagedRows(db: pg.PoolClient, target: ImportTarget, counts: StagedCounts): Promise<ImportOutcome> {
  const campaign = target.kind === 'create' ? await insertCampaign(db, target.campaign) : await lockForAppend(db, target);
  if ('kind' in campaign) return campaign;
  const { id, tenantId, sendTime, base } = campaign;
  // Without duplicates in staging a plain INSERT is enough (and cheaper than ON CONFLICT's
  // speculative insertion); appends and unchecked files let the unique index judge.
  const conflict = counts.mayRepeat || target.kind === 'append' ? 'ORDER BY s.position ON CONFLICT (campaign_id, phone) DO NOTHING' : '';
  const valid = await db.query(
    `INSERT INTO campaign_numbers (campaign_id, position, phone, status, next_attempt_at)
     SELECT $1::uuid, $2::int + s.position, s.phone,
            CASE WHEN d.phone IS NULL THEN 'pending'::call_status ELSE 'suppressed'::call_status END, $3::timestamptz
     FROM import_staging s
     LEFT JOIN suppressed_numbers d ON d.tenant_id = $4::uuid AND d.phone = s.phone
     WHERE s.invalid_reason IS NULL ${conflict}`,
    [id, base, sendTime, tenantId],
  );
  if (counts.invalid > 0) {
    // Invalid lines keep their raw text; the same text twice is stored once.
    await db.query(
      `INSERT INTO campaign_numbers (campaign_id, position, phone, status, invalid_reason)
       SELECT $1::uuid, $2::int + s.position, s.phone, 'invalid'::call_status, s.invalid_reason
       FROM import_staging s WHERE s.invalid_reason IS NOT NULL
       ORDER BY s.position ON CONFLICT (campaign_id, phone) DO NOTHING`,
      [id, base],
    );
  }
  const inserted = valid.rowCount ?? 0;
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM campaign_numbers WHERE campaign_id = $1::uuid AND status = 'suppressed' AND position >= $2`,
    [id, base],
  );
  const suppressed = rows[0]?.n ?? 0;
  const accepted = inserted - suppressed;
  const duplicated = counts.duplicatesDropped + (counts.valid - inserted);
  await db.query(
    `UPDATE campaigns SET accepted_count = accepted_count + $2, duplicate_count = duplicate_count + $3,
            invalid_count = invalid_count + $4, updated_at = now() WHERE id = $1::uuid`,
    [id, accepted, duplicated, counts.invalid],
  );
  return { kind: 'stored', campaignId: id, status: campaign.status, sendTimeMs: sendTime.getTime(), accepted, duplicated, invalid: counts.invalid, suppressed, firstPosition: base };
}

// The campaign row and its first audit event, written as createCampaign writes them.
async function insertCampaign(db: pg.PoolClient, c: ImportCampaign): Promise<Locked> {
  const id = randomUUID();
  const sendTime = new Date(c.sendTimeMs);
  const now = new Date(c.nowMs);
  const values: Record<string, unknown> = {
    id,
    tenant_id: c.tenantId,
    name: c.name,
    status: 'scheduled',
    send_time: sendTime,
    number_call_per_time: c.numberCallPerTime,
    duration_of_each_call: c.durationOfEachCall,
    max_retry_of_detail: c.maxRetryOfDetail,
    retry_after_seconds: c.retryAfterSeconds,
    scripts: JSON.stringify(c.scripts),
    number_call_outs: c.numberCallOuts,
    source: c.source,
    next_wake_at: sendTime,
    created_at: now,
    updated_at: now,
  };
  // Left out, the column defaults apply, as they do for createCampaign.
  if (c.timeZone !== undefined) values.time_zone = c.timeZone;
  if (c.callWindows) values.call_windows = JSON.stringify(c.callWindows);
  if (c.skipDates !== undefined) values.skip_dates = c.skipDates;
  if (c.dailyAttemptCap !== undefined) values.daily_attempt_cap = c.dailyAttemptCap;
  const columns = Object.keys(values);
  await db.query(
    `INSERT INTO campaigns (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
    Object.values(values),
  );
  await db.query(
    `INSERT INTO campaign_events (campaign_id, from_status, to_status, actor, created_at) VALUES ($1::uuid, NULL, 'scheduled', $2, $3)`,
    [id, c.actor, now],
  );
  return { id, tenantId: c.tenantId, status: 'scheduled', sendTime, base: 0 };
}

// Locks the campaign so the worker cannot start it while numbers are added, and checks it has not.
async function lockForAppend(db: pg.PoolClient, target: { tenantId: string; campaignId: string }): Promise<Locked | ImportOutcome> {
  const { rows } = await db.query<{ status: string; send_time: Date; started_at: Date | null }>(
    `SELECT status, send_time, started_at FROM campaigns WHERE id = $1::uuid AND tenant_id = $2::uuid FOR UPDATE`,
    [target.campaignId, target.tenantId],
  );
  const row = rows[0];
  if (!row) return { kind: 'not_found' };
  if (!isAppendable(row.status, row.started_at)) return { kind: 'not_editable', status: row.status };
  const max = await db.query<{ base: number }>(
    `SELECT COALESCE(max(position), -1)::int + 1 AS base FROM campaign_numbers WHERE campaign_id = $1::uuid`,
    [target.campaignId],
  );
  return { id: target.campaignId, tenantId: target.tenantId, status: row.status, sendTime: row.send_time, base: max.rows[0]?.base ?? 0 };
}

/** Numbers may be added while a campaign is scheduled, or paused before its first batch. */
export function isAppendable(status: string, startedAt: Date | null): boolean {
  return APPENDABLE.has(status) && (status === 'scheduled' || startedAt === null);
}

function escapeCopy(text: string): string {
  return /[\\\t\n\r]/.test(text) ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : text;
}
