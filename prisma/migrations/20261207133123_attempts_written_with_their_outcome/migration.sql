-- A call's attempt row is written once, with its outcome, instead of inserted by the claim and
-- updated by the outcome: one row write per dialled number fewer (issue 12's "writes per number"),
-- and the claim statement, which holds the campaign row, no longer inserts a row and three index
-- entries per number. Until its outcome a call is its number (stored 'calling', last_batch_id) and
-- its batch: the batch keeps when its calls were dialled (`dialed_at`, the outcome clock's start,
-- which every attempt of the batch carries) and how many still wait (`open_calls`). Readers show a
-- waiting call as a 'pending' attempt, as before. The two partial indexes of pending attempts give
-- way to one of open batches (the oldest waiting call) and one of calling numbers by batch (a
-- batch's waiting calls; the claim's update of the number writes that entry with the others).

-- AlterTable
ALTER TABLE "batches" ADD COLUMN     "dialed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "open_calls" INTEGER NOT NULL DEFAULT 0;

-- Rows from before: numbers stored 'dialing' (before 20261207 the claim wrote it) are 'calling' in
-- a batch not yet accepted; calls waiting for their outcome move from their pending attempt to
-- their batch; pending attempts go.
UPDATE "campaign_numbers" SET "status" = 'calling' WHERE "status" = 'dialing';
UPDATE "batches" SET "dialed_at" = "created_at";
UPDATE "batches" b SET "open_calls" = p.n, "dialed_at" = p.dialed_at
FROM (
  SELECT a.campaign_id, a.batch_id, count(*)::int AS n, min(a.dialed_at) AS dialed_at
  FROM "call_attempts" a JOIN "campaign_numbers" n ON n.campaign_id = a.campaign_id AND n.id = a.number_id
  WHERE a.outcome = 'pending' AND n.status = 'calling' AND n.last_batch_id = a.batch_id
  GROUP BY 1, 2
) p
WHERE b.campaign_id = p.campaign_id AND b.id = p.batch_id;
DELETE FROM "call_attempts" WHERE "outcome" = 'pending';

-- DropIndex
DROP INDEX "call_attempts_batch_id_idx";

-- DropIndex
DROP INDEX "call_attempts_campaign_id_dialed_at_idx";

-- CreateIndex
CREATE INDEX "campaign_numbers_open_calls_idx" ON "campaign_numbers"("campaign_id", "last_batch_id") WHERE (status = 'calling');

-- CreateIndex
CREATE INDEX "batches_open_calls_idx" ON "batches"("campaign_id", "dialed_at") WHERE (open_calls > 0);

-- claim_state as before, with the oldest waiting call read from the open batches.
CREATE OR REPLACE FUNCTION "claim_state"(p_campaign uuid, p_tenant uuid, p_capped boolean, p_hint_at timestamptz, p_hint_position int)
RETURNS TABLE (
  unsent_id bigint, unsent_slot_index int, unsent_slot_time timestamptz, unsent_status text,
  unsent_retry_at timestamptz, unsent_request_attempts int,
  earliest_due timestamptz, earliest_pending_dial timestamptz, screen boolean, pending_hinted boolean
) LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
DECLARE
  v_pending timestamptz;
  v_hinted boolean := false;
BEGIN
  IF p_hint_at IS NOT NULL THEN
    SELECT min(n.next_attempt_at) INTO v_pending FROM campaign_numbers n
    WHERE n.campaign_id = p_campaign AND n.status = 'pending' AND (n.next_attempt_at, n.position) >= (p_hint_at, p_hint_position);
    v_hinted := v_pending IS NOT NULL;
  END IF;
  IF v_pending IS NULL AND EXISTS (SELECT 1 FROM campaign_counts k WHERE k.campaign_id = p_campaign AND k.name = 'number:pending' AND k.n > 0) THEN
    SELECT min(n.next_attempt_at) INTO v_pending FROM campaign_numbers n WHERE n.campaign_id = p_campaign AND n.status = 'pending';
  END IF;
  RETURN QUERY
  SELECT u.id, u.slot_index, u.slot_time::timestamptz, u.status::text, u.retry_at::timestamptz, u.request_attempts,
    LEAST((SELECT min(n.next_attempt_at) FROM campaign_numbers n WHERE n.campaign_id = p_campaign AND n.status = 'retry'), v_pending)::timestamptz,
    (SELECT min(b.dialed_at) FROM batches b WHERE b.campaign_id = p_campaign AND b.open_calls > 0)::timestamptz,
    (p_capped OR EXISTS (SELECT 1 FROM suppressed_numbers s WHERE s.tenant_id = p_tenant)),
    v_hinted
  FROM (SELECT 1) AS one
  LEFT JOIN LATERAL (
    SELECT b.id, b.slot_index, b.slot_time, b.status, b.retry_at, b.request_attempts FROM batches b
    WHERE b.campaign_id = p_campaign AND b.status IN ('claimed', 'sending') ORDER BY b.slot_index LIMIT 1
  ) u ON true;
END $$;
