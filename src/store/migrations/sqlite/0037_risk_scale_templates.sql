-- 0037: risk assessment (src/risk/) — the municipality's words for the
-- steps of probability and consequence (none stored: the defaults of
-- common Norwegian ROS practice, in the reader's language), and the
-- simplified templates the quality adviser keeps: a name, the kind of
-- unit it is for (org_unit_kinds; NULL: any) and its standard risks,
-- which are copied into an assessment started from it.
CREATE TABLE risk_scale_words (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	axis		TEXT NOT NULL CHECK (axis IN ('probability', 'impact')),
	step		INTEGER NOT NULL CHECK (step BETWEEN 1 AND 5),
	label		TEXT NOT NULL,
	set_at		INTEGER NOT NULL,
	set_by		INTEGER REFERENCES people(id),
	UNIQUE (tenant_id, axis, step)
) STRICT;

CREATE TABLE risk_templates (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	name		TEXT NOT NULL,
	unit_kind	TEXT,
	created_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES people(id)
) STRICT;
CREATE INDEX risk_templates_tenant ON risk_templates(tenant_id, name);

CREATE TABLE risk_template_risks (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	template_id	INTEGER NOT NULL REFERENCES risk_templates(id),
	description	TEXT NOT NULL,
	cause		TEXT,
	consequence	TEXT,
	barriers	TEXT,
	probability	INTEGER NOT NULL CHECK (probability BETWEEN 1 AND 5),
	impact		INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5)
) STRICT;
CREATE INDEX risk_template_risks_template
	ON risk_template_risks(tenant_id, template_id);
