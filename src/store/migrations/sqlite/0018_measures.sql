-- 0018: one measure model (tiltak) for every subject. A measure belonged to
-- a deviation (measures.deviation_id); now it belongs to a subject named by
-- kind and id — 'deviation', 'risk', 'audit_recommendation' — owned by
-- src/measure/. It gains a status (open | started | done) and who marked
-- it done. Existing rows are carried over as the deviations' measures,
-- done when done_at is set. The subject has no foreign key (it is one of
-- several tables); its module checks it exists before adding a measure.
ALTER TABLE measures RENAME TO measures_old;
CREATE TABLE measures (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	subject_kind	TEXT NOT NULL,
	subject_id	INTEGER NOT NULL,
	text		TEXT NOT NULL,
	responsible_id	INTEGER REFERENCES people(id),
	due_at		INTEGER,
	status		TEXT NOT NULL DEFAULT 'open',
	done_at		INTEGER,
	done_note	TEXT,
	done_by		INTEGER REFERENCES people(id),
	created_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES people(id)
) STRICT;
INSERT INTO measures (id, tenant_id, subject_kind, subject_id, text,
    responsible_id, due_at, status, done_at, done_note, done_by, created_at,
    created_by)
SELECT id, tenant_id, 'deviation', deviation_id, text, responsible_id, due_at,
    CASE WHEN done_at IS NULL THEN 'open' ELSE 'done' END, done_at, done_note,
    NULL, created_at, created_by
FROM measures_old;
DROP TABLE measures_old;
CREATE INDEX measures_subject ON measures(tenant_id, subject_kind, subject_id);
CREATE INDEX measures_owner ON measures(tenant_id, responsible_id, done_at);

-- Risk assessment (ROS), owned by src/risk/. An assessment belongs to a
-- unit (its leaders keep it) and covers a scope: the unit, a main process,
-- a document (scope_id: that module's id, when it has one) or free text.
-- Dates are local midnights. review_noticed: the tick told the leaders of
-- the coming yearly review (reset when the date moves).
CREATE TABLE risk_assessments (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	unit_id		INTEGER NOT NULL REFERENCES units(id),
	title		TEXT NOT NULL,
	scope_kind	TEXT NOT NULL,		-- unit | process | document | other
	scope_id	INTEGER,
	scope_text	TEXT,
	assessed_on	INTEGER NOT NULL,
	participants	TEXT,
	review_due	INTEGER,
	review_noticed	INTEGER NOT NULL DEFAULT 0,
	created_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES people(id)
) STRICT;
CREATE INDEX risk_assessments_unit ON risk_assessments(tenant_id, unit_id);

-- A risk: probability and consequence (impact) 1-5, the residual scores
-- after its measures (NULL: not assessed). review_deviations: how many
-- deviations were tied to it at its last review (the level a rise is told
-- against). owner_id: who is told.
CREATE TABLE risks (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	assessment_id	INTEGER NOT NULL REFERENCES risk_assessments(id),
	description	TEXT NOT NULL,
	cause		TEXT,
	consequence	TEXT,
	barriers	TEXT,
	probability	INTEGER NOT NULL CHECK (probability BETWEEN 1 AND 5),
	impact		INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
	res_probability	INTEGER CHECK (res_probability BETWEEN 1 AND 5),
	res_impact	INTEGER CHECK (res_impact BETWEEN 1 AND 5),
	owner_id	INTEGER REFERENCES people(id),
	reviewed_at	INTEGER,
	review_deviations INTEGER NOT NULL DEFAULT 0,
	created_at	INTEGER NOT NULL,
	created_by	INTEGER REFERENCES people(id)
) STRICT;
CREATE INDEX risks_assessment ON risks(tenant_id, assessment_id);

-- The history of scores: one row per review, "no change" or new scores.
CREATE TABLE risk_reviews (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	risk_id		INTEGER NOT NULL REFERENCES risks(id),
	at		INTEGER NOT NULL,
	by_id		INTEGER REFERENCES people(id),
	no_change	INTEGER NOT NULL DEFAULT 0,
	probability	INTEGER NOT NULL,
	impact		INTEGER NOT NULL,
	res_probability	INTEGER,
	res_impact	INTEGER,
	note		TEXT
) STRICT;
CREATE INDEX risk_reviews_risk ON risk_reviews(tenant_id, risk_id, at);

-- Deviations tied to a risk (the deviation by id; deviation/ owns it).
CREATE TABLE risk_deviations (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	risk_id		INTEGER NOT NULL REFERENCES risks(id),
	deviation_id	INTEGER NOT NULL REFERENCES deviations(id),
	linked_at	INTEGER NOT NULL,
	linked_by	INTEGER REFERENCES people(id),
	UNIQUE (tenant_id, risk_id, deviation_id)
) STRICT;
