-- 0026: the tertial report's kept groups, written sections and approvals
-- (src/report/).
--
-- A reporting group gathers units within an area (area_id: a sector, or
-- NULL for the municipality): by a unit kind (every school under the
-- area) or by the units picked in report_group_units. position orders the
-- groups as the report lists them.
CREATE TABLE report_groups (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	area_id		INTEGER REFERENCES units(id),	-- NULL: the municipality
	name		TEXT NOT NULL,
	unit_kind	TEXT,				-- NULL: the picked units
	position	INTEGER NOT NULL DEFAULT 0,
	created_by	INTEGER REFERENCES people(id),	-- NULL: a tool (demo)
	created_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX report_groups_area ON report_groups(tenant_id, area_id);

CREATE TABLE report_group_units (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	group_id	INTEGER NOT NULL REFERENCES report_groups(id),
	unit_id		INTEGER NOT NULL REFERENCES units(id),
	UNIQUE (tenant_id, group_id, unit_id)
) STRICT;

-- One written section (cause, consequence, handling, patterns) of one
-- group of one report (year, tertial 0-3, area_id 0 for the municipality).
-- group_key names the group as the report's rows do ("g12" a kept group,
-- "u7" a unit of its own, "kschool" a kind), so that a section stays with
-- its group while groups are derived. body and ready are the newest
-- version's; every save is a row in report_section_versions.
CREATE TABLE report_sections (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	year		INTEGER NOT NULL,
	tertial		INTEGER NOT NULL,
	area_id		INTEGER NOT NULL,		-- 0: the municipality
	group_key	TEXT NOT NULL,
	section		TEXT NOT NULL,
	body		TEXT NOT NULL,
	ready		INTEGER NOT NULL DEFAULT 0,
	version		INTEGER NOT NULL,
	updated_by	INTEGER REFERENCES people(id),
	updated_at	INTEGER NOT NULL,
	UNIQUE (tenant_id, year, tertial, area_id, group_key, section)
) STRICT;

CREATE TABLE report_section_versions (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	section_id	INTEGER NOT NULL REFERENCES report_sections(id),
	version		INTEGER NOT NULL,
	body		TEXT NOT NULL,
	ready		INTEGER NOT NULL,
	saved_by	INTEGER REFERENCES people(id),
	saved_at	INTEGER NOT NULL,
	UNIQUE (tenant_id, section_id, version)
) STRICT;

-- An approved report: its numbers as approved (the JSON of
-- report_numbers_json, with the group keys), so later changes to
-- deviations do not move them. Its sections are locked from then on.
CREATE TABLE report_approvals (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	year		INTEGER NOT NULL,
	tertial		INTEGER NOT NULL,
	area_id		INTEGER NOT NULL,		-- 0: the municipality
	numbers		TEXT NOT NULL,
	approved_by	INTEGER REFERENCES people(id),
	approved_at	INTEGER NOT NULL,
	UNIQUE (tenant_id, year, tertial, area_id)
) STRICT;
