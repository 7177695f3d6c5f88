-- 0015: the unit tree's ancestry kept as a closure table (src/org/ancestry.c),
-- so that "this unit and everything under it" is one indexed join instead
-- of a recursive query in every list and inbox statement (issue 13).
--
-- One row per (ancestor, unit) pair where the ancestor is the unit itself
-- (depth 0) or lies above it (depth = steps up). Changed in the same
-- transaction as units.parent_id (org_unit_create, org_unit_update);
-- `orden check` recounts it from parent_id. Derived data, but copied by
-- `orden migrate` like every other table so its checksum covers it.
CREATE TABLE unit_ancestors (
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	ancestor_id	INTEGER NOT NULL REFERENCES units(id),
	unit_id		INTEGER NOT NULL REFERENCES units(id),
	depth		INTEGER NOT NULL,
	PRIMARY KEY (tenant_id, ancestor_id, unit_id)
) STRICT, WITHOUT ROWID;
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

-- The rows for the units that exist. The depth bound (64, as
-- org_unit_within) stops a corrupt cycle from looping.
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
