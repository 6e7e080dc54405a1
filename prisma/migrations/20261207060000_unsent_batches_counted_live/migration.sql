-- Batches still on their way out (`claimed`, `sending`) are no longer counted by the trigger: a
-- campaign has at most one or two such batches, and readers count them live from the
-- (campaign_id, status) index on batches. What this buys: the "sending" mark (claimed -> sending)
-- and the claim's batch insert change no counter, so neither writes a campaign_counts row nor
-- locks the campaign row, and the mark no longer waits for an outcome applier holding that row.
-- Every other move writes one counter instead of two (sending -> sent: +1 sent).
CREATE OR REPLACE FUNCTION "count_batches"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH deltas AS (
      SELECT campaign_id, 'batch:' || status AS name, count(*) AS d FROM new_rows
      WHERE status NOT IN ('claimed', 'sending') GROUP BY 1, 2
    ),
    locked AS (SELECT id FROM campaigns WHERE id IN (SELECT campaign_id FROM deltas) ORDER BY id FOR NO KEY UPDATE)
    INSERT INTO campaign_counts (campaign_id, name, n)
    SELECT deltas.campaign_id, deltas.name, deltas.d FROM deltas JOIN locked ON locked.id = deltas.campaign_id ORDER BY 1, 2
    ON CONFLICT (campaign_id, name) DO UPDATE SET n = campaign_counts.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    WITH deltas AS (
      SELECT campaign_id, 'batch:' || status AS name, -count(*) AS d FROM old_rows
      WHERE status NOT IN ('claimed', 'sending') GROUP BY 1, 2
    ),
    locked AS (SELECT id FROM campaigns WHERE id IN (SELECT campaign_id FROM deltas) ORDER BY id FOR NO KEY UPDATE)
    INSERT INTO campaign_counts (campaign_id, name, n)
    SELECT deltas.campaign_id, deltas.name, deltas.d FROM deltas JOIN locked ON locked.id = deltas.campaign_id ORDER BY 1, 2
    ON CONFLICT (campaign_id, name) DO UPDATE SET n = campaign_counts.n + excluded.n;
  ELSE
    WITH deltas AS (
      SELECT campaign_id, name, sum(d) AS d FROM (
        SELECT campaign_id, 'batch:' || status AS name, 1 AS d FROM new_rows WHERE status NOT IN ('claimed', 'sending')
        UNION ALL SELECT campaign_id, 'batch:' || status, -1 FROM old_rows WHERE status NOT IN ('claimed', 'sending')
      ) AS changed GROUP BY 1, 2 HAVING sum(d) <> 0
    ),
    locked AS (SELECT id FROM campaigns WHERE id IN (SELECT campaign_id FROM deltas) ORDER BY id FOR NO KEY UPDATE)
    INSERT INTO campaign_counts (campaign_id, name, n)
    SELECT deltas.campaign_id, deltas.name, deltas.d FROM deltas JOIN locked ON locked.id = deltas.campaign_id ORDER BY 1, 2
    ON CONFLICT (campaign_id, name) DO UPDATE SET n = campaign_counts.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;

-- The counters of unsent batches kept until now are dropped (readers count those batches live).
DELETE FROM "campaign_counts" WHERE "name" IN ('batch:claimed', 'batch:sending');
