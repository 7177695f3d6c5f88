-- 0041 (PostgreSQL): the row-level security policies read orden.tenant
-- once per statement instead of three times per row (issue 13).
--
-- Every policy since 0001 is
--   tenant_id = CASE WHEN current_setting('orden.tenant', true) <> '*'
--       THEN nullif(current_setting('orden.tenant', true), '')::bigint END
--     OR current_setting('orden.tenant', true) = '*'
-- current_setting is STABLE, but an OR cannot be an index condition, so
-- the planner keeps the whole expression as a filter and evaluates it on
-- every row a scan passes: three calls per row, on every table of a join
-- (the dashboard's 6,000 close-day cells, a list's 1,000 candidate rows,
-- the categories and units joined to each row of a page). Measured with
-- pgbench at 3 x 20,000 deviations: the close-day read took 3.9-4.5 ms
-- with it and 2.7-3.7 ms with the form below, about what it takes with
-- no policy at all (a superuser); bench/why.md.
--
-- The same test with each side in a scalar subquery: the planner makes
-- each an InitPlan, evaluated once when the statement runs (so a cached
-- generic plan still reads the setting of each execution), and the
-- per-row filter is an integer comparison "tenant_id = $0 OR $1". The
-- answers are the same: '' gives NULL (no row), '*' every row, an id that
-- tenant's rows. WITH CHECK changes the same way.
--
-- A policy made after this migration should use this form:
--   tenant_id = (SELECT CASE WHEN current_setting('orden.tenant', true)
--       <> '*' THEN nullif(current_setting('orden.tenant', true),
--       '')::bigint END)
--     OR (SELECT current_setting('orden.tenant', true) = '*')
-- (the old form stays correct, only slower). Only policies whose USING
-- and WITH CHECK are exactly 0001's expression (as units_tenant has it)
-- are changed; any other policy is left as it is.
DO $$
DECLARE
	p	record;
	old	text;
	expr	text := '(tenant_id = (SELECT CASE WHEN '
	    'current_setting(''orden.tenant'', true) <> ''*'' THEN '
	    'nullif(current_setting(''orden.tenant'', true), '''')::bigint END)'
	    ' OR (SELECT current_setting(''orden.tenant'', true) = ''*''))';
BEGIN
	SELECT qual INTO STRICT old FROM pg_policies
	    WHERE schemaname = current_schema() AND tablename = 'units'
	      AND policyname = 'units_tenant';
	FOR p IN
		SELECT schemaname, tablename, policyname, qual, with_check
		FROM pg_policies
		WHERE schemaname = current_schema() AND qual = old
		  AND (with_check IS NULL OR with_check = old)
	LOOP
		IF p.with_check IS NOT NULL THEN
			EXECUTE format('ALTER POLICY %I ON %I.%I USING %s'
			    ' WITH CHECK %s', p.policyname, p.schemaname,
			    p.tablename, expr, expr);
		ELSE
			EXECUTE format('ALTER POLICY %I ON %I.%I USING %s',
			    p.policyname, p.schemaname, p.tablename, expr);
		END IF;
	END LOOP;
END
$$;
