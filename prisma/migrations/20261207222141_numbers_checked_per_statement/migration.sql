-- campaign_numbers keeps campaign_id without a foreign key. The key's check ran once per inserted
-- row: in a 1M-number import's INSERT ... SELECT it was about a quarter of the statement (psql,
-- 1M rows from a staging table, two runs each: 7.9 and 10.0 s with it, 6.9 and 7.2 s without), and
-- it was most of what kept the upload under 0.7 of a raw COPY. What the key did is kept, per
-- statement instead of per row:
-- * A row must name a campaign that exists. The counters' trigger below already locks the campaigns
--   of the rows a statement inserts or moves (FOR NO KEY UPDATE, which also holds off a concurrent
--   delete, as the key's FOR KEY SHARE did); a campaign it does not find now fails the statement
--   with foreign_key_violation, as the key did. No extra statement and no extra scan of the rows.
-- * Deleting a campaign deletes its numbers (ON DELETE CASCADE), by a statement-level trigger on
--   campaigns; the numbers' own delete triggers then delete their attempts. Under READ COMMITTED
--   (everything here) its DELETE sees numbers committed while the campaign row was awaited. Under
--   REPEATABLE READ it would not; the delete still fails with a serialization error then, because
--   the numbers' insert wrote the campaign's counters, whose own foreign key cascades from
--   campaigns (campaign_counts keeps it for that reason too).
-- * A campaign's id never changes (ON UPDATE CASCADE had nothing to do): a change is refused.

-- DropForeignKey
ALTER TABLE "campaign_numbers" DROP CONSTRAINT "campaign_numbers_campaign_id_fkey";

-- count_campaign_numbers as migration 20261207164600 left it, with the check: each branch's
-- statement now ends in a SELECT of the deltas whose campaign was not found (the deltas are a
-- handful of rows per campaign, already computed for the counters).
CREATE OR REPLACE FUNCTION "count_campaign_numbers"() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
DECLARE
  missing uuid;
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH deltas AS (SELECT campaign_id, 'number:' || status AS name, count(*) AS d FROM new_rows GROUP BY 1, 2),
    locked AS (SELECT id FROM campaigns WHERE id = ANY (ARRAY(SELECT DISTINCT campaign_id FROM deltas)) ORDER BY id FOR NO KEY UPDATE),
    counted AS (
      INSERT INTO campaign_counts (campaign_id, name, n)
      SELECT deltas.campaign_id, deltas.name, deltas.d FROM deltas JOIN locked ON locked.id = deltas.campaign_id ORDER BY 1, 2
      ON CONFLICT (campaign_id, name) DO UPDATE SET n = campaign_counts.n + excluded.n
    )
    SELECT deltas.campaign_id INTO missing FROM deltas WHERE deltas.campaign_id NOT IN (SELECT id FROM locked) LIMIT 1;
  ELSIF TG_OP = 'DELETE' THEN
    -- Rows leaving name no campaign to check (a deleted campaign's numbers find none to count).
    WITH deltas AS (SELECT campaign_id, 'number:' || status AS name, -count(*) AS d FROM old_rows GROUP BY 1, 2),
    locked AS (SELECT id FROM campaigns WHERE id = ANY (ARRAY(SELECT DISTINCT campaign_id FROM deltas)) ORDER BY id FOR NO KEY UPDATE)
    INSERT INTO campaign_counts (campaign_id, name, n)
    SELECT deltas.campaign_id, deltas.name, deltas.d FROM deltas JOIN locked ON locked.id = deltas.campaign_id ORDER BY 1, 2
    ON CONFLICT (campaign_id, name) DO UPDATE SET n = campaign_counts.n + excluded.n;
  ELSE
    WITH deltas AS (
      SELECT campaign_id, name, sum(d) AS d FROM (
        SELECT campaign_id, 'number:' || status AS name, 1 AS d FROM new_rows
        UNION ALL SELECT campaign_id, 'number:' || status, -1 FROM old_rows
      ) AS changed GROUP BY 1, 2 HAVING sum(d) <> 0
    ),
    locked AS (SELECT id FROM campaigns WHERE id = ANY (ARRAY(SELECT DISTINCT campaign_id FROM deltas)) ORDER BY id FOR NO KEY UPDATE),
    counted AS (
      INSERT INTO campaign_counts (campaign_id, name, n)
      SELECT deltas.campaign_id, deltas.name, deltas.d FROM deltas JOIN locked ON locked.id = deltas.campaign_id ORDER BY 1, 2
      ON CONFLICT (campaign_id, name) DO UPDATE SET n = campaign_counts.n + excluded.n
    )
    -- Only a row moved to another campaign can name a missing one (ids do not change otherwise).
    SELECT deltas.campaign_id INTO missing FROM deltas WHERE deltas.d > 0 AND deltas.campaign_id NOT IN (SELECT id FROM locked) LIMIT 1;
  END IF;
  IF missing IS NOT NULL THEN
    RAISE EXCEPTION 'insert or update on table "campaign_numbers" names a campaign that does not exist'
      USING ERRCODE = 'foreign_key_violation', DETAIL = format('Key (campaign_id)=(%s) is not present in table "campaigns".', missing),
            TABLE = 'campaign_numbers', COLUMN = 'campaign_id';
  END IF;
  RETURN NULL;
END $$;

-- enable_seqscan off as for the counters (20261207164600): a plan made while the table is small is
-- kept for the connection, and must not scan every campaign's numbers later.
CREATE FUNCTION "delete_numbers_of_campaigns"() RETURNS trigger LANGUAGE plpgsql SET enable_seqscan = off AS $$
BEGIN
  DELETE FROM campaign_numbers n USING old_rows o WHERE n.campaign_id = o.id;
  RETURN NULL;
END $$;

CREATE TRIGGER "campaigns_delete_numbers" AFTER DELETE ON "campaigns" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "delete_numbers_of_campaigns"();

CREATE FUNCTION "refuse_campaign_id_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'a campaign''s id never changes: its numbers name it' USING ERRCODE = 'foreign_key_violation', TABLE = 'campaigns', COLUMN = 'id';
END $$;

CREATE TRIGGER "campaigns_id_fixed" BEFORE UPDATE OF "id" ON "campaigns"
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION "refuse_campaign_id_change"();
