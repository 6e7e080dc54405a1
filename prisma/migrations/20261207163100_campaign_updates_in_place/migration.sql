-- Room on each page of campaigns for its rows' next versions. A campaign row is updated a few times
-- a slot (the claim's lease, the hand-back); an update that changes no indexed column can be a HOT
-- one (no new index entries; the old version pruned in place) only when the new version fits on
-- the same page, which full pages (the default fillfactor, 100) rarely allow. The claim no longer
-- moves next_wake_at when it is already due (packages/db/src/dispatch.ts, lease()), so
-- its update changes no indexed column. Pages written from now on keep 30 % free; existing pages
-- are left as they are (no rewrite during the migration).
ALTER TABLE "campaigns" SET (fillfactor = 70);
