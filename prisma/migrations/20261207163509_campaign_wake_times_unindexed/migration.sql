-- campaigns is indexed on status alone, no longer on (status, next_wake_at). Every slot moves a
-- campaign's next_wake_at (the hand-back records the next slot's time), and an update that changes
-- an indexed column is never HOT: it adds an entry to every index of the table, and every later
-- look-up of the campaign by id steps over one more dead version until vacuum. With this and the
-- fillfactor of 20261207163100, a campaign's per-slot updates change no indexed column. What it
-- costs: the sweep (every SWEEP_INTERVAL_MS, each worker) reads every live campaign's row and
-- filters on next_wake_at, instead of a range of the index (README "Scaling out").

-- DropIndex
DROP INDEX "campaigns_status_next_wake_at_idx";

-- CreateIndex
CREATE INDEX "campaigns_status_idx" ON "campaigns"("status");
