-- 0015 (PostgreSQL): the same as migrations/sqlite/0015: the unit tree's
-- ancestry as a closure table (src/org/ancestry.c), one row per (ancestor,
-- unit) pair, depth 0 for the unit itself.
CREATE TABLE unit_ancestors (
	tenant_id	BIGINT NOT NULL REFERENCES tenants(id) DEFERRABLE INITIALLY IMMEDIATE,
	ancestor_id	BIGINT NOT NULL,
	unit_id		BIGINT NOT NULL,
	depth		BIGINT NOT NULL,
	PRIMARY KEY (tenant_id, ancestor_id, unit_id),
	FOREIGN KEY (tenant_id, ancestor_id) REFERENCES units (tenant_id, id) DEFERRABLE INITIALLY IMMEDIATE,
	FOREIGN KEY (tenant_id, unit_id) REFERENCES units (tenant_id, id) DEFERRABLE INITIALLY IMMEDIATE
);
-- A unit's ancestors, nearest first (re-parenting, the recount).
CREATE UNIQUE INDEX unit_ancestors_up ON unit_ancestors(tenant_id, unit_id, depth);
-- Deviations routed to a role (deviations.handler_role, NULL for most):
-- the other half of an inbox or list term "handled in a unit I lead, or
-- routed to a role I hold", so that an OR of the two is two index reads,
-- not a scan; and the few a leader may not see (src/deviation/list.c).
-- Partial, so that it never looks like the better index for the common
-- "handler_role IS NULL AND handler_unit_id IN (...)".
CREATE INDEX deviations_role ON deviations(tenant_id, handler_role,
	handler_unit_id) WHERE handler_role IS NOT NULL;

WITH RECURSIVE up(tenant_id, ancestor_id, unit_id, depth) AS (
	SELECT tenant_id, id, id, 0 FROM units
	UNION ALL
	SELECT up.tenant_id, u.parent_id, up.unit_id, up.depth + 1
	FROM up JOIN units u ON u.tenant_id = up.tenant_id AND u.id = up.ancestor_id
	WHERE u.parent_id IS NOT NULL AND up.depth < 64
)
INSERT INTO unit_ancestors (tenant_id, ancestor_id, unit_id, depth)
SELECT tenant_id, ancestor_id, unit_id, MIN(depth) FROM up
GROUP BY tenant_id, ancestor_id, unit_id;

ALTER TABLE unit_ancestors ENABLE ROW LEVEL SECURITY;
ALTER TABLE unit_ancestors FORCE ROW LEVEL SECURITY;
CREATE POLICY unit_ancestors_tenant ON unit_ancestors
	USING (tenant_id = CASE WHEN current_setting('orden.tenant', true) <> '*'
		THEN nullif(current_setting('orden.tenant', true), '')::bigint END
	    OR current_setting('orden.tenant', true) = '*')
	WITH CHECK (tenant_id = CASE WHEN current_setting('orden.tenant', true) <> '*'
		THEN nullif(current_setting('orden.tenant', true), '')::bigint END
	    OR current_setting('orden.tenant', true) = '*');
