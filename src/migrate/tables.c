/* tables.c: which tables `orden migrate` copies, in which order, and which
 * it leaves out on purpose. A table added to the schema must be added here
 * (copied or skipped), or migrate refuses to run and the unit test
 * test_migrate_tables fails: a municipality's data is never dropped
 * silently. */
#include "migrate/migrate.h"

#include <string.h>

/* Parents before children, so that only self-references (units.parent_id)
 * and rows re-parented after creation need the deferred foreign keys. */
const struct migrate_table migrate_tables[] = {
	/* the org */
	{ "units", "id", 0 },
	{ "unit_ancestors", "unit_id, depth", 0 },	/* the tree's closure (0015) */
	{ "people", "id", 0 },
	{ "role_assignments", "id", 0 },
	{ "api_tokens", "id", 0 },		/* tokens keep working */
	{ "person_keys", "person_id", 0 },
	{ "tenant_recovery_keys", "tenant_id", 1 },
	{ "audit_log", "seq", 1 },
	/* deviations */
	{ "categories", "id", 1 },
	{ "deviation_settings", "tenant_id", 1 },
	{ "deviation_counters", "year", 0 },
	{ "deviations", "id", 0 },
	{ "deviation_events", "id", 0 },
	{ "measures", "id", 0 },		/* every subject's (0018) */
	{ "legal_deadlines", "id", 0 },
	{ "notifications", "id", 0 },
	{ "deviation_attachments", "id", 0 },
	{ "deviation_counts", "id", 0 },	/* kept counts (0011), checksummed */
	/* risk assessment (0018) */
	{ "risk_assessments", "id", 0 },
	{ "risks", "id", 0 },
	{ "risk_reviews", "id", 0 },
	{ "risk_deviations", "id", 0 },
	{ "risk_scale_words", "id", 0 },	/* 0037 */
	{ "risk_templates", "id", 0 },
	{ "risk_template_risks", "id", 0 },
	{ "deviation_close_days", "id", 0 },	/* kept days to close (0016) */
	{ "deviation_close_days_all", "id", 0 },	/* the same, whole tenant (0032) */
	{ "deviation_counts_all", "id", 0 },	/* kept counts, whole tenant (0032) */
	{ "deviation_counts_year", "id", 0 },	/* kept counts by year (0042) */
	{ "deviation_close_days_year", "id", 0 },	/* days to close by year, whole tenant (0042) */
	{ "deviation_counts_unit", "id", 0 },	/* kept counts by unit and month (0044) */
	{ "deviation_close_days_unit", "id", 0 },	/* days to close by unit and year (0044) */
	/* whistleblowing */
	{ "whistle_settings", "tenant_id", 1 },
	{ "whistle_counters", "year", 0 },
	{ "whistle_cases", "id", 0 },
	{ "whistle_handlers", "id", 0 },
	{ "whistle_events", "id", 0 },
	{ "whistle_messages", "id", 0 },
	{ "whistle_attachments", "id", 0 },
	/* accounts */
	{ "account_settings", "tenant_id", 0 },
	/* the yearly wheel (0019) */
	{ "wheel_tasks", "id", 0 },
	{ "wheel_occurrences", "id", 0 },
	{ "wheel_feeds", "id", 0 },		/* calendar links keep working (0038) */
	/* audit follow-up (0019) */
	{ "followup_reports", "id", 0 },
	{ "followup_recs", "id", 0 },
	/* sign-in by identity providers (0021) */
	{ "sso_providers", "id", 0 },
	/* the second factor (0021) */
	{ "totp_secrets", "id", 0 },
	{ "totp_recovery_codes", "id", 0 },
	{ "totp_settings", "tenant_id", 0 },
	/* e-mail (0022): the choices; the outbox travels, so that a mail
	 * not yet sent is sent by the new server */
	{ "mail_prefs", "person_id", 0 },
	{ "mail_outbox", "id", 0 },
	/* governing documents (0017) */
	{ "doc_processes", "id", 0 },
	{ "documents", "id", 0 },
	{ "document_units", "document_id, unit_id", 0 },
	{ "document_versions", "id", 0 },
	{ "document_reads", "id", 0 },
	/* the tertial report's groups, sections and approvals (0026) */
	{ "report_groups", "id", 0 },
	{ "report_group_units", "id", 0 },
	{ "report_sections", "id", 0 },
	{ "report_section_versions", "id", 0 },
	{ "report_approvals", "id", 0 },
	/* webhooks (0027): the subscriptions and their deliveries; a
	 * delivery not yet sent is sent by the new server */
	{ "webhooks", "id", 0 },
	{ "webhook_deliveries", "id", 0 },
	/* a leader's reminders to read (0029) */
	{ "document_nudges", "person_id", 0 },
	/* the proposals a version answers (0036) */
	{ "document_answers", "document_id, number, deviation_id", 0 },
};
const size_t migrate_ntables = sizeof(migrate_tables) /
    sizeof(migrate_tables[0]);

/* Ephemeral: a session or a receipt session is bound to a cookie the
 * browser holds for the old address, and login failures only throttle the
 * next quarter of an hour. Everyone signs in again after the move. */
const char *const migrate_skipped[] = {
	"sessions",
	"login_failures",
	"whistle_receipt_sessions",
	"sso_logins",		/* a sign-in under way: ten minutes at most */
	"login_tickets",	/* a login waiting for its second factor */
	"password_resets",	/* a link valid 30 minutes, for the old address */
	NULL
};

const char *const migrate_not_tenant_data[] = {
	"tenants",		/* written by target.c, one row */
	"schema_migrations",	/* each database's own bookkeeping */
	/* the document search index (0033): derived, rebuilt by triggers
	 * as the documents and their versions are copied in */
	"document_search",
	"documents_fts",
	"documents_fts_data",
	"documents_fts_idx",
	"documents_fts_content",
	"documents_fts_docsize",
	"documents_fts_config",
	/* installation-wide templates (0036): the operator's, not the
	 * municipality's; an adopted copy is in its own tables */
	"doc_templates",
	/* the cache's data generations (0045): bookkeeping of the server
	 * processes that use the database, which start over after a move */
	"cache_gen",
	NULL
};

/* Every table of the current schema. Backend-specific: SQLite lists them
 * in sqlite_master (its own sqlite_* tables left out); PostgreSQL in
 * information_schema, for the schema Orden's tables live in. */
static const char SQL_TABLES_SQLITE[] =
    "SELECT name FROM sqlite_master WHERE type = 'table'"
    " AND name NOT LIKE 'sqlite_%' ORDER BY name";
static const char SQL_TABLES_PG[] =
    "SELECT table_name FROM information_schema.tables"
    " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
    " ORDER BY table_name";

static int
in_list(const char *const *list, const char *name)
{
	for (; *list != NULL; list++)
		if (strcmp(*list, name) == 0)
			return 1;
	return 0;
}

static int
covered(const char *name)
{
	size_t i;

	for (i = 0; i < migrate_ntables; i++)
		if (strcmp(migrate_tables[i].name, name) == 0)
			return 1;
	return in_list(migrate_skipped, name) ||
	    in_list(migrate_not_tenant_data, name);
}

int
migrate_schema_check(struct dbconn *c, struct buf *uncovered)
{
	struct dbstmt	*st;
	const char	*sql, *name;
	int		 rc, n = 0;

	sql = strcmp(db_conn_backend(c), "postgres") == 0 ?
	    SQL_TABLES_PG : SQL_TABLES_SQLITE;
	if ((rc = db_prepare_global(c, sql, &st)) != DB_OK)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if ((name = db_col_text(st, 0)) == NULL || covered(name))
			continue;
		buf_printf(uncovered, "%s%s", n > 0 ? ", " : "", name);
		n++;
	}
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	return n;
}
