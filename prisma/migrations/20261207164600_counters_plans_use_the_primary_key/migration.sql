-- The counters' triggers plan their statements once per connection: they have no parameters, so
-- PL/pgSQL keeps one plan for the life of the connection (until an ANALYZE of a table they read
-- invalidates it). Planned while campaigns was still small (a fresh deployment, a test database,
-- or anywhere autovacuum is off, as on the CI machine), the lock of the changed campaigns stays a
-- sequential scan of every campaign however the table grows: auto_explain in the timing bench
-- (1,000 campaigns) showed `Seq Scan on campaigns ... Rows Removed by Filter: 1200`, 161 buffers a
-- firing, for a set of zero or one campaign. With sequential scans off for these functions only,
-- their plans take the primary key whatever the table's size at planning time.
-- A later CREATE OR REPLACE of one of these functions must repeat the SET clause.
ALTER FUNCTION "count_campaign_numbers"() SET enable_seqscan = off;
ALTER FUNCTION "count_batches"() SET enable_seqscan = off;
ALTER FUNCTION "count_call_attempts"() SET enable_seqscan = off;
