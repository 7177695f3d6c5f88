-- 0043 (PostgreSQL): the twin of migrations/sqlite/0043 (see there): the
-- role index carries the person, so "the holders of role R for unit U"
-- (org_role_holders, asked several times by every report) is an index-only
-- scan. The key is unchanged.
DROP INDEX role_assignments_role;
CREATE INDEX role_assignments_role ON role_assignments(tenant_id, role,
    unit_id, person_id);
