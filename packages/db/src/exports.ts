// The per-number results export. Read in keyset pages by list position, so a campaign of any size
// streams out with one page in memory and no connection held between pages (a slow download
// never pins a pooled connection).
import type pg from 'pg';
import { numberFilterText, type NumberFilter } from './number-filter.ts';

export type CallResultRow = {
  position: number;
  phone: string;
  status: string;
  attempts: number;
  invalid_reason: string | null;
  last_outcome: string | null;
  last_dialed_at: Date | null;
  last_outcome_at: Date | null;
  answer_sec: number | null;
  hangup_cause: string | null;
  provider_call_id: string | null;
};

export const CALL_RESULT_COLUMNS: (keyof CallResultRow)[] = [
  'position',
  'phone',
  'status',
  'attempts',
  'invalid_reason',
  'last_outcome',
  'last_dialed_at',
  'last_outcome_at',
  'answer_sec',
  'hangup_cause',
  'provider_call_id',
];

/**
 * Every number of the campaign with its latest attempt, in list order, `pageSize` rows at a time;
 * `filter` keeps some statuses or a searched number only.
 */
export async function* callResultPages(pool: pg.Pool, campaignId: string, pageSize = 5000, filter: NumberFilter = {}): AsyncGenerator<CallResultRow[]> {
  let after = -1;
  // Numbers of a batch not yet accepted show as 'dialing' (in-flight.ts).
  const unsent = (
    await pool.query<{ id: string }>(`SELECT id::text FROM batches WHERE campaign_id = $1::uuid AND status IN ('claimed', 'sending')`, [campaignId])
  ).rows.map((r) => r.id);
  const where = numberFilterText({ ...filter, unsentBatchIds: unsent.map(BigInt) }, 5);
  for (;;) {
    const { rows } = await pool.query<CallResultRow>(
      `SELECT n.position, n.phone,
              CASE WHEN n.status = 'calling' AND n.last_batch_id = ANY($4::bigint[]) THEN 'dialing' ELSE n.status::text END AS status,
              n.attempts, n.invalid_reason,
              a.outcome::text AS last_outcome, COALESCE(a.sent_at, a.dialed_at) AS last_dialed_at, a.outcome_at AS last_outcome_at,
              a.answer_sec, a.hangup_cause, a.provider_call_id
       FROM campaign_numbers n
       LEFT JOIN LATERAL (
         -- The latest call: the one a calling number waits on or that made it final is on the
         -- number's row (schema.prisma), with its batch; otherwise the last attempt row.
         SELECT n.attempts AS attempt_no,
                (CASE n.status WHEN 'answered' THEN 'answered' WHEN 'failed' THEN 'not_answered' WHEN 'no_result' THEN 'no_result'
                               WHEN 'unknown' THEN 'unknown' ELSE 'pending' END)::attempt_outcome AS outcome,
                b.dialed_at, b.sent_at, n.outcome_at, n.answer_sec, n.hangup_cause, n.provider_call_id
         FROM batches b
         WHERE n.status IN ('answered', 'failed', 'no_result', 'unknown', 'calling') AND b.campaign_id = n.campaign_id AND b.id = n.last_batch_id
         UNION ALL
         (SELECT attempt_no, outcome, call_attempts.dialed_at, b.sent_at, call_attempts.outcome_at, call_attempts.answer_sec,
                 call_attempts.hangup_cause, call_attempts.provider_call_id
          FROM call_attempts JOIN batches b ON b.campaign_id = call_attempts.campaign_id AND b.id = call_attempts.batch_id
          WHERE call_attempts.campaign_id = n.campaign_id AND number_id = n.id ORDER BY attempt_no DESC LIMIT 1)
         ORDER BY attempt_no DESC LIMIT 1
       ) a ON true
       WHERE n.campaign_id = $1::uuid AND n.position > $2 ${where.text}
       ORDER BY n.position
       LIMIT $3`,
      [campaignId, after, pageSize, unsent, ...where.values],
    );
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    after = (rows[rows.length - 1] as CallResultRow).position;
  }
}
