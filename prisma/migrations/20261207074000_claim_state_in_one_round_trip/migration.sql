-- Reads that must see everything committed before a row lock was granted, run inside the statement
-- that takes the lock. A subquery of that statement would read with the snapshot taken before it
-- waited; a VOLATILE function takes a fresh snapshot for each query it runs (PostgreSQL docs,
-- "Function Volatility Categories"), so the lock and the reads after it are one round trip instead
-- of two. Used on every slot: the claim (claimNextBatch) and the "sent" mark (markBatchSent).

-- What the claim needs besides the campaign row (claimNextBatch reads it as
-- `(SELECT ... FROM campaigns ... FOR UPDATE) c CROSS JOIN LATERAL claim_state(c.id, ...)`):
-- the batch claimed or sending, if any; the earliest due number (two probes of the
-- (campaign_id, status, next_attempt_at) index rather than one scan); the oldest call still
-- waiting for its outcome; whether numbers must be screened (a frequency cap, or suppressions).
CREATE FUNCTION "claim_state"(p_campaign uuid, p_tenant uuid, p_capped boolean)
RETURNS TABLE (
  unsent_id bigint, unsent_slot_index int, unsent_slot_time timestamptz, unsent_status text,
  unsent_retry_at timestamptz, unsent_request_attempts int,
  earliest_due timestamptz, earliest_pending_dial timestamptz, screen boolean
) LANGUAGE plpgsql VOLATILE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT u.id, u.slot_index, u.slot_time::timestamptz, u.status::text, u.retry_at::timestamptz, u.request_attempts,
    LEAST(
      (SELECT min(n.next_attempt_at) FROM campaign_numbers n WHERE n.campaign_id = p_campaign AND n.status = 'retry'),
      (SELECT min(n.next_attempt_at) FROM campaign_numbers n WHERE n.campaign_id = p_campaign AND n.status = 'pending')
    )::timestamptz,
    (SELECT min(a.dialed_at) FROM call_attempts a WHERE a.campaign_id = p_campaign AND a.outcome = 'pending')::timestamptz,
    (p_capped OR EXISTS (SELECT 1 FROM suppressed_numbers s WHERE s.tenant_id = p_tenant))
  FROM (SELECT 1) AS one
  LEFT JOIN LATERAL (
    SELECT b.id, b.slot_index, b.slot_time, b.status, b.retry_at, b.request_attempts FROM batches b
    WHERE b.campaign_id = p_campaign AND b.status IN ('claimed', 'sending') ORDER BY b.slot_index LIMIT 1
  ) u ON true;
END $$;

-- cdr events of a provider session that the outcome applier has already passed (or that were
-- applied where they were appended): ones it has not taken yet it matches itself. The "sent" mark
-- asks has_waiting_cdrs in its locking statement, after the session's lock, and applies the rows
-- (applyWaitingCdrs) only when there are any: with a fast provider, almost never.
CREATE FUNCTION "waiting_cdrs"(p_session text) RETURNS SETOF provider_events LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RETURN QUERY
  SELECT * FROM provider_events e
  WHERE e.autocall_id = p_session AND e.state = 'cdr' AND e.to_number IS NOT NULL
    AND (e.applied_inline OR (e.xact, e.id) <= (SELECT o.applied_xact, o.applied_id FROM outcome_applier o WHERE o.id = 1));
END $$;

CREATE FUNCTION "has_waiting_cdrs"(p_session text) RETURNS boolean LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  RETURN EXISTS (SELECT 1 FROM waiting_cdrs(p_session));
END $$;
