-- 0087: a unit can be closed (lagt ned) into another (src/org/close.c).
--
-- A municipality reorganises: two home-care zones become one, a school
-- is closed. The closed unit keeps its row so that its closed cases,
-- their history and the statistics keep the unit they belonged to; it is
-- marked here and no longer offered for new reports, transfers or role
-- grants. closed_at: when (NULL: open); closed_into: the unit that took
-- over its sub-units, people and open cases.
ALTER TABLE units ADD COLUMN closed_at INTEGER;
ALTER TABLE units ADD COLUMN closed_into INTEGER REFERENCES units(id);
