#!/bin/sh
# Every table has one owner folder, and only that folder's SQL names it
# (issue 12, rule 3). A table is "named in SQL" when a C string in src/
# has FROM, JOIN, INTO, UPDATE, TABLE or EXISTS right before its name.
# Other modules reach a table through its owner's functions. Prints TAP:
# one line per table, and one for the map being complete.
cd "$(dirname "$0")/.." || exit 1

# table owner-folder (under src/)
OWNERS='
tenants			org
units			org
unit_ancestors		org
people			org
role_assignments	org
account_settings	org
api_tokens		auth
sessions		auth
login_failures		auth
password_resets		auth
person_keys		vault
tenant_recovery_keys	vault
audit_log		audit
categories		deviation
deviation_settings	deviation
deviation_counters	deviation
deviations		deviation
deviation_events	deviation
measures		measure
risk_assessments	risk
risks			risk
risk_reviews		risk
risk_deviations		risk
risk_scale_words	risk
risk_templates		risk
risk_template_risks	risk
legal_deadlines		deviation
deviation_attachments	deviation
deviation_counts	deviation
deviation_close_days	deviation
deviation_close_days_all	deviation
deviation_counts_all	deviation
deviation_counts_year	deviation
deviation_close_days_year	deviation
deviation_counts_unit	deviation
deviation_close_days_unit	deviation
notifications		notify
mail_prefs		notify
mail_outbox		notify
webhooks		webhook
webhook_deliveries	webhook
whistle_settings	whistle
whistle_counters	whistle
whistle_cases		whistle
whistle_handlers	whistle
whistle_events		whistle
whistle_messages	whistle
whistle_attachments	whistle
whistle_receipt_sessions whistle
schema_migrations	store
cache_gen		store
wheel_tasks		wheel
wheel_occurrences	wheel
wheel_feeds		wheel
followup_reports	followup
followup_recs		followup
sso_providers		sso
sso_logins		sso
totp_secrets		totp
totp_recovery_codes	totp
totp_settings		totp
login_tickets		totp
doc_processes		document
documents		document
document_units		document
document_versions	document
document_reads		document
report_groups		report
report_group_units	report
report_sections		report
report_section_versions	report
report_approvals	report
document_nudges		document
document_search		document
documents_fts		document
document_answers	document
doc_templates		document
'

# Reads of another module's table that stay for now, each with its reason
# (file table). Keep this short: a new entry needs a reason as good.
EXCEPTIONS='
# migrate/ copies every table of a municipality by name: that is its job.
src/migrate/ *
# The audit chain head (audit_seq, audit_head) lives in the tenant row and
# is taken with UPDATE ... RETURNING in the statement that numbers a row.
src/audit/audit.c tenants
src/audit/head.c tenants
# Names joined into lists in the same statement (the actor of an audit row,
# of a timeline event, a measure'"'"'s responsible, a reporter, a handler),
# where a call per row would be a query per row. To become org views.
src/audit/read.c people
src/deviation/events.c people
src/measure/measure.c people
src/whistle/case.c people
src/notify/notify.c deviations
# The deviation list'"'"'s scope (units led, with their subtrees) and its
# unit and reporter names are joined in one statement.
src/deviation/dev_sql.h units
src/deviation/dev_sql.h people
src/deviation/dev_sql.h role_assignments
# The scope of a list (the leader, safety and other roles of the acting
# person) is a term of each list statement; the units under them come from
# the fragments of org/ancestry.h, so list.c names no unit table.
src/deviation/list.c role_assignments
'

n=0; rc=0
tables=$(echo "$OWNERS" | awk 'NF == 2 { print $1 }')
excepted() {	# file table
	echo "$EXCEPTIONS" | grep -v '^#' | while read -r path t; do
		[ -n "$path" ] || continue
		case $1 in "$path"*) [ "$t" = "*" ] || [ "$t" = "$2" ] && echo y ;; esac
	done | grep -q y
}
for t in $tables; do
	n=$((n + 1))
	owner=$(echo "$OWNERS" | awk -v t="$t" '$1 == t { print $2 }')
	bad=""
	hits=$(grep -rnE "\"[^\"]*\\b(FROM|JOIN|INTO|UPDATE|TABLE|EXISTS)[[:space:]]+$t\\b" \
	    --include='*.c' --include='*.h' src | grep -v "^src/$owner/")
	for h in $(echo "$hits" | cut -d: -f1 | sort -u); do
		excepted "$h" "$t" || bad="$bad $h"
	done
	if [ -n "$bad" ]; then
		echo "not ok $n - $t is named in SQL only in src/$owner/"
		echo "$hits" | while IFS= read -r l; do
			f=${l%%:*}
			case " $bad " in *" $f "*) echo "# $l" ;; esac
		done
		rc=1
	else
		echo "ok $n - $t is named in SQL only in src/$owner/"
	fi
done
# Every table the migrations create has an owner here.
n=$((n + 1))
created=$(grep -hoiE "CREATE TABLE( IF NOT EXISTS)?[[:space:]]+[a-z0-9_]+" \
    src/store/migrations/sqlite/*.sql src/store/migrations/pg/*.sql |
    awk '{ print tolower($NF) }' | sort -u)
# A table a migration builds under a working name and renames is not one.
renamed=$(grep -hoiE "ALTER TABLE[[:space:]]+[a-z0-9_]+[[:space:]]+RENAME TO" \
    src/store/migrations/sqlite/*.sql src/store/migrations/pg/*.sql |
    awk '{ print tolower($3) }' | sort -u)
missing=""
for t in $created; do
	echo "$renamed" | grep -qx "$t" && continue
	echo "$tables" | grep -qx "$t" || missing="$missing $t"
done
if [ -n "$missing" ]; then
	echo "not ok $n - every table has an owner (missing:$missing)"; rc=1
else
	echo "ok $n - every table has an owner"
fi
exit $rc
