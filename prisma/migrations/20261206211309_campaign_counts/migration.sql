-- CreateTable
CREATE TABLE "campaign_counts" (
    "campaign_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "n" BIGINT NOT NULL,

    CONSTRAINT "campaign_counts_pkey" PRIMARY KEY ("campaign_id","name")
);

-- AddForeignKey
ALTER TABLE "campaign_counts" ADD CONSTRAINT "campaign_counts_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The counters are kept by statement-level triggers: one extra statement per statement that
-- changes rows, whatever its size, and every writer (claim, "sent", outcomes, expiry, lifecycle,
-- imports) is covered without knowing about them. The campaign row is locked before its counters,
-- the order the claim and the outcomes already take, so two writers never deadlock on them.
-- A campaign being deleted (cascade) has no row left to lock, and its counters go with it.
CREATE FUNCTION "add_campaign_counts"(ids uuid[], names text[], deltas bigint[]) RETURNS void LANGUAGE sql AS $$
  WITH locked AS (
    SELECT id FROM campaigns WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE
  )
  INSERT INTO campaign_counts (campaign_id, name, n)
  SELECT d.campaign_id, d.name, d.n FROM unnest(ids, names, deltas) AS d(campaign_id, name, n)
  JOIN locked ON locked.id = d.campaign_id
  ORDER BY 1, 2
  ON CONFLICT (campaign_id, name) DO UPDATE SET n = campaign_counts.n + excluded.n;
$$;

CREATE FUNCTION "count_campaign_numbers"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "add_campaign_counts"(array_agg(campaign_id), array_agg(name), array_agg(d)) FROM (
      SELECT campaign_id, 'number:' || status AS name, count(*) AS d FROM new_rows GROUP BY 1, 2
    ) AS deltas;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "add_campaign_counts"(array_agg(campaign_id), array_agg(name), array_agg(d)) FROM (
      SELECT campaign_id, 'number:' || status AS name, -count(*) AS d FROM old_rows GROUP BY 1, 2
    ) AS deltas;
  ELSE
    PERFORM "add_campaign_counts"(array_agg(campaign_id), array_agg(name), array_agg(d)) FROM (
      SELECT campaign_id, name, sum(d) AS d FROM (
        SELECT campaign_id, 'number:' || status AS name, 1 AS d FROM new_rows
        UNION ALL SELECT campaign_id, 'number:' || status, -1 FROM old_rows
      ) AS changed GROUP BY 1, 2 HAVING sum(d) <> 0
    ) AS deltas;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "campaign_numbers_count_insert" AFTER INSERT ON "campaign_numbers" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_campaign_numbers"();
CREATE TRIGGER "campaign_numbers_count_update" AFTER UPDATE ON "campaign_numbers" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_campaign_numbers"();
CREATE TRIGGER "campaign_numbers_count_delete" AFTER DELETE ON "campaign_numbers" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_campaign_numbers"();

CREATE FUNCTION "count_batches"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "add_campaign_counts"(array_agg(campaign_id), array_agg(name), array_agg(d)) FROM (
      SELECT campaign_id, 'batch:' || status AS name, count(*) AS d FROM new_rows GROUP BY 1, 2
    ) AS deltas;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "add_campaign_counts"(array_agg(campaign_id), array_agg(name), array_agg(d)) FROM (
      SELECT campaign_id, 'batch:' || status AS name, -count(*) AS d FROM old_rows GROUP BY 1, 2
    ) AS deltas;
  ELSE
    PERFORM "add_campaign_counts"(array_agg(campaign_id), array_agg(name), array_agg(d)) FROM (
      SELECT campaign_id, name, sum(d) AS d FROM (
        SELECT campaign_id, 'batch:' || status AS name, 1 AS d FROM new_rows
        UNION ALL SELECT campaign_id, 'batch:' || status, -1 FROM old_rows
      ) AS changed GROUP BY 1, 2 HAVING sum(d) <> 0
    ) AS deltas;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "batches_count_insert" AFTER INSERT ON "batches" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_batches"();
CREATE TRIGGER "batches_count_update" AFTER UPDATE ON "batches" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_batches"();
CREATE TRIGGER "batches_count_delete" AFTER DELETE ON "batches" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_batches"();

CREATE FUNCTION "count_call_attempts"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM "add_campaign_counts"(array_agg(campaign_id), array_agg(name), array_agg(d)) FROM (
      SELECT campaign_id, 'attempts' AS name, count(*) AS d FROM new_rows GROUP BY 1, 2
    ) AS deltas;
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM "add_campaign_counts"(array_agg(campaign_id), array_agg(name), array_agg(d)) FROM (
      SELECT campaign_id, 'attempts' AS name, -count(*) AS d FROM old_rows GROUP BY 1, 2
    ) AS deltas;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER "call_attempts_count_insert" AFTER INSERT ON "call_attempts" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_call_attempts"();
CREATE TRIGGER "call_attempts_count_delete" AFTER DELETE ON "call_attempts" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "count_call_attempts"();

-- What is already there.
INSERT INTO "campaign_counts" (campaign_id, name, n)
SELECT campaign_id, 'number:' || status, count(*) FROM campaign_numbers GROUP BY 1, 2
UNION ALL SELECT campaign_id, 'batch:' || status, count(*) FROM batches GROUP BY 1, 2
UNION ALL SELECT campaign_id, 'attempts', count(*) FROM call_attempts GROUP BY 1;
