-- 0043: the role index carries the person (issue 13, submits).
-- Every report asks who leads its unit, walking up the tree one unit at a
-- time (src/deviation/util.c, dev_nearest_led; src/org/assign.c,
-- org_role_holders): "the active holders of role R for unit U". Without
-- statistics SQLite answered that from the covering unique index
-- (tenant_id, person_id, role, unit_id) on the tenant alone, reading every
-- role assignment of the municipality (1,215 at 200,000 deviations) each
-- time, rather than seek role_assignments_role and look each holder up:
-- 45 % of the group-commit writer's samples at 64 connections. With the
-- person after the key the seek is covering too, and the planner takes it
-- (EXPLAIN QUERY PLAN over every statement on role_assignments: the holders
-- of a unit and of any unit now seek it; the others keep their plans or
-- read the same rows from the smaller index). The key is unchanged, so
-- every seek the old index served it serves.
DROP INDEX role_assignments_role;
CREATE INDEX role_assignments_role ON role_assignments(tenant_id, role,
    unit_id, person_id);
