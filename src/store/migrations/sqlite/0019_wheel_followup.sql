-- 0019: the yearly wheel (årshjul, src/wheel/) and the follow-up of audit
-- recommendations (src/followup/; not the audit LOG of src/audit/).
--
-- A wheel task is a rule (src/wheel/rule.h: freq and its month, day, week,
-- weekday), assigned to a person or to the holders of a role in a unit,
-- with a lead time in days for the reminder. Its occurrences are computed
-- from the rule, never stored in advance; a row in wheel_occurrences
-- exists only once something happened to one: a reminder was sent, it was
-- done, or it was skipped (with the reason, so a skipped one stays
-- visible). due_on is the civil date "YYYY-MM-DD" in Europe/Oslo.
CREATE TABLE wheel_tasks (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	title		TEXT NOT NULL,
	description	TEXT,
	freq		TEXT NOT NULL,
	month		INTEGER NOT NULL DEFAULT 0,
	day		INTEGER NOT NULL DEFAULT 0,
	week		INTEGER NOT NULL DEFAULT 0,
	weekday		INTEGER NOT NULL DEFAULT 0,
	unit_id		INTEGER REFERENCES units(id),	-- NULL: the municipality
	role		TEXT,				-- role_name(); NULL: person_id
	person_id	INTEGER REFERENCES people(id),
	lead_days	INTEGER NOT NULL DEFAULT 14,
	starts_on	TEXT NOT NULL,			-- nothing due before
	active		INTEGER NOT NULL DEFAULT 1,
	created_by	INTEGER REFERENCES people(id),	-- NULL: a tool (demo)
	created_at	INTEGER NOT NULL
) STRICT;
CREATE INDEX wheel_tasks_unit ON wheel_tasks(tenant_id, unit_id);
CREATE INDEX wheel_tasks_person ON wheel_tasks(tenant_id, person_id);

CREATE TABLE wheel_occurrences (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	task_id		INTEGER NOT NULL REFERENCES wheel_tasks(id),
	due_on		TEXT NOT NULL,
	outcome		TEXT,				-- NULL open | done | skipped
	done_by		INTEGER REFERENCES people(id),
	done_at		INTEGER,
	note		TEXT,
	reminded_at	INTEGER,				-- the reminder at the lead time
	overdue_at	INTEGER,				-- the notice when it was not done
	UNIQUE (tenant_id, task_id, due_on)
) STRICT;

-- An audit report (forvaltningsrevisjon) and its recommendations a, b, c
-- ... Each recommendation carries the chief executive's answer, a status
-- code with its wording ("Iverksatt. Avvik lukket.") and who set it when,
-- and the control committee's view. status_due_on is the deadline for the
-- written status to the committee; status_sent_on when it went; a missed
-- deadline keeps its explanation (late_reason).
CREATE TABLE followup_reports (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	title		TEXT NOT NULL,
	auditor		TEXT NOT NULL,
	report_on	TEXT NOT NULL,
	case_no		TEXT,
	status_due_on	TEXT,
	status_sent_on	TEXT,
	late_reason	TEXT,
	reminded_at	INTEGER,
	created_by	INTEGER REFERENCES people(id),
	created_at	INTEGER NOT NULL
) STRICT;

CREATE TABLE followup_recs (
	id		INTEGER PRIMARY KEY,
	tenant_id	INTEGER NOT NULL REFERENCES tenants(id),
	report_id	INTEGER NOT NULL REFERENCES followup_reports(id),
	letter		TEXT NOT NULL,
	text		TEXT NOT NULL,
	answer		TEXT,
	status		TEXT NOT NULL DEFAULT 'not_started',
	status_note	TEXT,
	status_by	INTEGER REFERENCES people(id),
	status_at	INTEGER,
	committee_view	TEXT,
	committee_by	INTEGER REFERENCES people(id),
	committee_at	INTEGER,
	UNIQUE (tenant_id, report_id, letter)
) STRICT;
