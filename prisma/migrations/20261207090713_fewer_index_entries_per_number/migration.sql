-- Fewer index entries for every row version of the two tables written per dialled number. Each
-- number's row is written three times (stored, claimed, settled) and its attempt twice (dialled,
-- settled), and none of those writes is HOT (status and outcome are indexed), so every index of
-- the table takes an entry each time.
--
-- * `id` alone was unique on both tables besides the (campaign_id, id) primary key. Ids come from a
--   sequence, and every statement that finds a row by id names its campaign, so the primary key
--   serves them (and Citus allows no unique index without the distribution key anyway).
-- * The attempts' (batch_id) and (campaign_id, outcome, dialed_at) indexes are read only for calls
--   still waiting for their outcome: a batch's open calls (a resend, a give-back, a lost batch, the
--   calls page's "dialing") and the campaign's oldest one (the outcome clock, expiry, the clean-up
--   of cancelled campaigns). As partial indexes on those, an attempt gets an entry in each when it
--   is dialled and none when its outcome is written. The call timeline and the export, which read
--   settled attempts, find them by the primary key and by (campaign_id, number_id).
--
-- Index entries per dialled number (create, dispatch, one cdr): the number's three row versions one
-- fewer each, the attempt's insert one fewer and its settle three fewer: 29 -> 22.

-- DropIndex
DROP INDEX "campaign_numbers_id_key";

-- DropIndex
DROP INDEX "call_attempts_id_key";

-- DropIndex
DROP INDEX "call_attempts_batch_id_idx";

-- DropIndex
DROP INDEX "call_attempts_campaign_id_outcome_dialed_at_idx";

-- CreateIndex
CREATE INDEX "call_attempts_batch_id_idx" ON "call_attempts"("batch_id") WHERE (outcome = 'pending');

-- CreateIndex
CREATE INDEX "call_attempts_campaign_id_dialed_at_idx" ON "call_attempts"("campaign_id", "dialed_at") WHERE (outcome = 'pending');
