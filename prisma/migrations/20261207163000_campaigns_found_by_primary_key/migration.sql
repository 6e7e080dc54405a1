-- The counters' triggers lock the campaigns they change by primary key, whatever the statistics
-- say. As `id IN (SELECT campaign_id FROM deltas)` the planner estimated ~200 deltas and hashed a
-- sequential scan of every campaign instead (seen with auto_explain in the timing bench: 1,200
-- campaigns, 167 buffers a firing, ~1 firing per outcome set), which grows with the table. The ids
-- as an array computed once (an InitPlan) are probed one by one, as in lockCampaignsAndSessions.
-- Bodies otherwise as in 20261207023500 (numbers, attempts) and 20261207060000 (batches).

CREATE OR REPLACE FUNCTION "count_campaign_numbers"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH deltas AS (SELECT campaign_id, 'number:' || status AS name, count(*) AS d FROM new_rows GROUP BY 1, 2),
    locked AS (SELECT id FROM campaigns WHERE id = ANY (ARRAY(SELECT DISTINCT campaign_id FROM deltas)) ORDER BY id FOR NO KEY UPDATE)
    INSERT INTO campaign_counts (campaign_id, name, n)
    SELECT deltas.campaign_id, deltas.name, deltas.d FROM deltas JOIN locked ON locked.id = deltas.campaign_id ORDER BY 1, 2
    ON CONFLICT (campaign_id, name) DO UPDATE SET n = campaign_counts.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
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
    locked AS (SELECT id FROM campaigns WHERE id = ANY (ARRAY(SELECT DISTINCT campaign_id FROM deltas)) ORDER BY id FOR NO KEY UPDATE)
    INSERT INTO campaign_counts (campaign_id, name, n)
    SELECT deltas.campaign_id, deltas.name, deltas.d FROM deltas JOIN locked ON locked.id = deltas.campaign_id ORDER BY 1, 2
    ON CONFLICT (campaign_id, name) DO UPDATE SET n = campaign_counts.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "count_batches"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH deltas AS (
      SELECT campaign_id, 'batch:' || status AS name, count(*) AS d FROM new_rows
      WHERE status NOT IN ('claimed', 'sending') GROUP BY 1, 2
    ),
    locked AS (SELECT id FROM campaigns WHERE id = ANY (ARRAY(SELECT DISTINCT campaign_id FROM deltas)) ORDER BY id FOR NO KEY UPDATE)
    INSERT INTO campaign_counts (campaign_id, name, n)
    SELECT deltas.campaign_id, deltas.name, deltas.d FROM deltas JOIN locked ON locked.id = deltas.campaign_id ORDER BY 1, 2
    ON CONFLICT (campaign_id, name) DO UPDATE SET n = campaign_counts.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    WITH deltas AS (
      SELECT campaign_id, 'batch:' || status AS name, -count(*) AS d FROM old_rows
      WHERE status NOT IN ('claimed', 'sending') GROUP BY 1, 2
    ),
    locked AS (SELECT id FROM campaigns WHERE id = ANY (ARRAY(SELECT DISTINCT campaign_id FROM deltas)) ORDER BY id FOR NO KEY UPDATE)
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
    locked AS (SELECT id FROM campaigns WHERE id = ANY (ARRAY(SELECT DISTINCT campaign_id FROM deltas)) ORDER BY id FOR NO KEY UPDATE)
    INSERT INTO campaign_counts (campaign_id, name, n)
    SELECT deltas.campaign_id, deltas.name, deltas.d FROM deltas JOIN locked ON locked.id = deltas.campaign_id ORDER BY 1, 2
    ON CONFLICT (campaign_id, name) DO UPDATE SET n = campaign_counts.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION "count_call_attempts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH deltas AS (SELECT campaign_id, 'attempts' AS name, count(*) AS d FROM new_rows GROUP BY 1, 2),
    locked AS (SELECT id FROM campaigns WHERE id = ANY (ARRAY(SELECT DISTINCT campaign_id FROM deltas)) ORDER BY id FOR NO KEY UPDATE)
    INSERT INTO campaign_counts (campaign_id, name, n)
    SELECT deltas.campaign_id, deltas.name, deltas.d FROM deltas JOIN locked ON locked.id = deltas.campaign_id ORDER BY 1, 2
    ON CONFLICT (campaign_id, name) DO UPDATE SET n = campaign_counts.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    WITH deltas AS (SELECT campaign_id, 'attempts' AS name, -count(*) AS d FROM old_rows GROUP BY 1, 2),
    locked AS (SELECT id FROM campaigns WHERE id = ANY (ARRAY(SELECT DISTINCT campaign_id FROM deltas)) ORDER BY id FOR NO KEY UPDATE)
    INSERT INTO campaign_counts (campaign_id, name, n)
    SELECT deltas.campaign_id, deltas.name, deltas.d FROM deltas JOIN locked ON locked.id = deltas.campaign_id ORDER BY 1, 2
    ON CONFLICT (campaign_id, name) DO UPDATE SET n = campaign_counts.n + excluded.n;
  END IF;
  RETURN NULL;
END $$;
