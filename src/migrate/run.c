/* run.c: one run of `orden migrate`, from checking the URLs to the audit
 * chain verified in the target (see migrate.h for the whole design). */
#include "migrate/mig_int.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "audit/audit.h"
#include "document/document.h"
#include "i18n/i18n.h"
#include "util/arena.h"

#define MIG_ARENA_MAX	(4u * 1024u * 1024u)

/* Checks that need no database: the URLs and the source's existence. */
static enum migrate_rc
check_urls(struct mig *m)
{
	const struct migrate_opts	*o = m->o;
	const char			*sp, *tp;
	char				 a[PATH_MAX], b[PATH_MAX];
	struct stat			 sb;

	if (migrate_url_known(o->from) != 0)
		return mig_say(m, MIGRATE_REFUSED, _("unknown kind of database: "
		    "%s (give a file path, sqlite:PATH or postgres://...)"),
		    m->from_shown);
	if (migrate_url_known(o->to) != 0)
		return mig_say(m, MIGRATE_REFUSED, _("unknown kind of database: "
		    "%s (give a file path, sqlite:PATH or postgres://...)"),
		    m->to_shown);
	if (strcmp(o->from, o->to) == 0)
		return mig_say(m, MIGRATE_REFUSED,
		    _("the source and the target are the same database"));
	/* Opening a SQLite path that does not exist would create an empty
	 * database there: a typo must not look like a municipality with no
	 * data. */
	if ((sp = migrate_url_sqlite_path(o->from)) != NULL &&
	    stat(sp, &sb) == -1)
		return mig_say(m, MIGRATE_REFUSED, _("cannot open the source "
		    "%s: no such file"), m->from_shown);
	tp = migrate_url_sqlite_path(o->to);
	if (sp != NULL && tp != NULL && realpath(sp, a) != NULL &&
	    realpath(tp, b) != NULL && strcmp(a, b) == 0)
		return mig_say(m, MIGRATE_REFUSED,
		    _("the source and the target are the same database"));
	return MIGRATE_OK;
}

static enum migrate_rc
open_both(struct mig *m)
{
	struct buf	u;
	int		n;

	if (db_open(&m->sdb, m->o->from, 1) != DB_OK) {
		m->sdb = NULL;
		return mig_say(m, MIGRATE_FAILED,
		    _("cannot open the source database %s"), m->from_shown);
	}
	if (db_open(&m->tdb, m->o->to, 1) != DB_OK) {
		m->tdb = NULL;
		return mig_say(m, MIGRATE_FAILED,
		    _("cannot open the target database %s"), m->to_shown);
	}
	m->src = db_acquire(m->sdb);
	m->dst = db_acquire(m->tdb);
	/* Both were migrated by this program when opened; a difference means
	 * one is newer than it knows. */
	if (db_schema_version(m->sdb) != db_schema_version(m->tdb))
		return mig_say(m, MIGRATE_REFUSED, _("the source is at schema "
		    "version %d and the target at %d"),
		    db_schema_version(m->sdb), db_schema_version(m->tdb));
	buf_init(&u, 4096);
	if ((n = migrate_schema_check(m->src, &u)) == 0)
		n = migrate_schema_check(m->dst, &u);
	if (n != 0) {
		if (n > 0)
			mig_say(m, MIGRATE_REFUSED, _("orden migrate does not know "
			    "the table(s) %s: it would leave them behind. A newer "
			    "orden may; otherwise they must be added to "
			    "src/migrate/tables.c"), buf_cstr(&u));
		else
			mig_say(m, MIGRATE_FAILED,
			    _("cannot list the tables of the databases"));
		buf_free(&u);
		return n > 0 ? MIGRATE_REFUSED : MIGRATE_FAILED;
	}
	buf_free(&u);
	return MIGRATE_OK;
}

static enum migrate_rc
source_tenant(struct mig *m)
{
	int rc;

	if (m->o->tenant != NULL) {
		rc = tenant_by_host(m->src, m->arena, m->o->tenant, &m->st);
		if (rc < 0)
			return mig_say(m, MIGRATE_FAILED,
			    _("cannot read the tenants of the source"));
		if (rc > 0)
			return mig_say(m, MIGRATE_REFUSED, _("the source has no "
			    "municipality with host %s"), m->o->tenant);
	} else if (tenant_resolve(m->src, m->arena, NULL, &m->st) != 0)
		return mig_say(m, MIGRATE_REFUSED, _("the source has several "
		    "municipalities (or none); choose one with --tenant HOST"));
	if (m->st.uid <= 0)
		return mig_say(m, MIGRATE_FAILED,
		    _("the source's municipality has no uid"));
	m->host = m->o->to_host != NULL ? m->o->to_host : m->st.host;
	return MIGRATE_OK;
}

/* Foreign keys are checked at commit, not per row: units refer to units
 * (a parent may have a larger id than its child after a move in the
 * tree). Backend-specific: PostgreSQL defers its DEFERRABLE constraints
 * for this transaction; SQLite has a pragma that ends with it. */
static int
defer_foreign_keys(struct dbconn *c)
{
	if (strcmp(db_conn_backend(c), "postgres") == 0)
		return db_exec(c, "SET CONSTRAINTS ALL DEFERRED");
	return db_exec(c, "PRAGMA defer_foreign_keys = ON");
}

/* The copy, inside the target's transaction: the tenant, then every table;
 * each verified and printed. MIGRATE_OK only when all agree. */
static enum migrate_rc
copy_all(struct mig *m)
{
	struct mig_result	r;
	enum migrate_rc		rc;
	size_t			i;

	if ((rc = mig_target_tenant(m, &r)) != MIGRATE_OK)
		return rc;
	if (m->filled)
		fprintf(m->out, _("Into the empty municipality with host %s in "
		    "the target (id %lld); its seeded categories, settings, "
		    "recovery key and %lld audit rows give way to the "
		    "source's.\n"), m->host, (long long)m->dst_tid,
		    (long long)m->replaced_audit);
	else
		fprintf(m->out, _("Into a new municipality in the target "
		    "(id %lld, host %s).\n"), (long long)m->dst_tid,
		    m->host != NULL ? m->host : "-");
	fprintf(m->out, "\n%-26s %9s  %-16s  %s\n", _("table"), _("rows"),
	    _("checksum"), "");
	if (!mig_report_line(m, "tenants", &r))
		return mig_say(m, MIGRATE_FAILED, _("the tenant row differs in "
		    "the target; nothing was changed"));
	for (i = 0; i < migrate_ntables; i++) {
		if ((rc = mig_copy_table(m, &migrate_tables[i], &r))
		    != MIGRATE_OK)
			return rc;
		if (!mig_report_line(m, migrate_tables[i].name, &r))
			return mig_say(m, MIGRATE_FAILED, _("%s differs in the "
			    "target after the copy (rows or checksum); nothing "
			    "was changed"), migrate_tables[i].name);
		if (strcmp(migrate_tables[i].name, "audit_log") == 0)
			m->audit_rows = r.dst_rows;
	}
	/* The search index is not copied (tables.c): built from the rows. */
	if (document_search_rebuild(m->dst, m->dst_tid) != 0)
		return mig_say(m, MIGRATE_FAILED, "%s", _("cannot build the "
		    "document search index in the target; nothing was changed"));
	return MIGRATE_OK;
}

static void
print_skipped(struct mig *m)
{
	size_t i;

	fprintf(m->out, "%s", _("Not copied, on purpose:"));
	for (i = 0; migrate_skipped[i] != NULL; i++)
		fprintf(m->out, "%s%s", i > 0 ? ", " : " ", migrate_skipped[i]);
	fprintf(m->out, ".\n%s\n", _("Everyone signs in again at the new "
	    "address; reporters open their cases again with their receipt "
	    "code."));
}

/* After the commit: the chain as the target now holds it. */
static enum migrate_rc
verify_audit(struct mig *m)
{
	char audit_msg[512];

	audit_msg[0] = '\0';
	if (audit_verify(m->dst, audit_msg, sizeof(audit_msg)) != 0)
		return mig_say(m, MIGRATE_AUDIT, _("the municipality was moved "
		    "and committed, but the target's audit chain does not "
		    "verify: %s"), audit_msg[0] != '\0' ? audit_msg :
		    _("cannot read it"));
	fprintf(m->out, _("Audit chain in the target: intact (%lld rows of "
	    "this municipality).\n"), (long long)m->audit_rows);
	return MIGRATE_OK;
}

enum migrate_rc
migrate_run(const struct migrate_opts *o, FILE *out, char *msg, size_t msgsz)
{
	struct mig	 m;
	enum migrate_rc	 rc;
	int		 src_tx = 0, dst_tx = 0;
	const char	*src_key, *dst_key = NULL;
	char		 src_keybuf[4096], dst_keybuf[4096], prev_key[4096];
	int		 had_key = -1, kr = 1;

	memset(&m, 0, sizeof(m));
	m.o = o;
	m.page = o->page > 0 ? o->page : MIG_PAGE;
	m.out = out;
	m.msg = msg;
	m.msgsz = msgsz;
	if (msgsz > 0)
		msg[0] = '\0';
	migrate_url_redact(o->from, m.from_shown, sizeof(m.from_shown));
	migrate_url_redact(o->to, m.to_shown, sizeof(m.to_shown));
	if ((rc = check_urls(&m)) != MIGRATE_OK)
		return rc;
	if ((m.arena = arena_new(MIG_ARENA_MAX)) == NULL)
		return mig_say(&m, MIGRATE_FAILED, _("out of memory"));
	if ((rc = open_both(&m)) != MIGRATE_OK ||
	    (rc = source_tenant(&m)) != MIGRATE_OK)
		goto out;
	/* The audit key moves with the municipality: its line goes to the
	 * target's key file before the commit (see audit.h), or nothing
	 * moves. A keyed municipality without a target key file is refused
	 * here, before the copy: found after it, an operator following the
	 * README waited minutes (2.5 at 200,000 deviations) to be told. */
	src_key = o->from_key != NULL ? o->from_key : audit_key_default(
	    migrate_url_sqlite_path(o->from), src_keybuf, sizeof(src_keybuf));
	dst_key = o->to_key != NULL ? o->to_key : audit_key_default(
	    migrate_url_sqlite_path(o->to), dst_keybuf, sizeof(dst_keybuf));
	/* The caller's key file is given back at the end. */
	if ((had_key = audit_key_current(prev_key, sizeof(prev_key))) < 0) {
		rc = mig_say(&m, MIGRATE_FAILED, _("out of memory"));
		goto out;
	}
	if (src_key != NULL && dst_key == NULL) {
		struct audit_key k;

		kr = audit_key_use(src_key) == 0 ? audit_key_get(m.st.uid, &k) : -1;
		sodium_memzero(&k, sizeof(k));
		if (kr != 1) {
			rc = mig_say(&m, MIGRATE_REFUSED, "%s", _("the "
			    "municipality's audit chain is keyed: name the "
			    "target's audit key file (--to-audit-key or "
			    "ORDEN_AUDIT_KEY)"));
			goto out;
		}
	}
	/* One consistent view of the source: on SQLite this also keeps a
	 * running server from writing while the municipality moves. */
	if (db_begin(m.src) != DB_OK) {
		rc = mig_say(&m, MIGRATE_FAILED,
		    _("cannot start a transaction on the source"));
		goto out;
	}
	src_tx = 1;
	if (db_begin(m.dst) != DB_OK) {
		rc = mig_say(&m, MIGRATE_FAILED,
		    _("cannot start a transaction on the target"));
		goto out;
	}
	dst_tx = 1;
	if (defer_foreign_keys(m.dst) != DB_OK) {
		rc = mig_say(&m, MIGRATE_FAILED,
		    _("cannot defer the target's foreign keys"));
		goto out;
	}
	fprintf(out, _("Moving \"%s\" (host %s) from %s to %s.\n"), m.st.name,
	    m.st.host != NULL ? m.st.host : "-", m.from_shown, m.to_shown);
	if ((rc = copy_all(&m)) != MIGRATE_OK)
		goto out;
	if (src_key != NULL && dst_key != NULL &&
	    audit_key_copy(src_key, dst_key, m.st.uid) < 0) {
		rc = mig_say(&m, MIGRATE_REFUSED, _("cannot copy the "
		    "municipality's audit key to %s (or it holds another key "
		    "for it)"), dst_key);
		goto out;
	}
	/* The target's key file while this runs; the caller's after. */
	if (audit_key_use(dst_key) != 0) {
		rc = mig_say(&m, MIGRATE_FAILED, _("out of memory"));
		goto out;
	}

	/* The deferred foreign keys are checked here. */
	if (db_commit(m.dst) != DB_OK) {
		rc = mig_say(&m, MIGRATE_FAILED, _("the target refused the "
		    "commit (a row refers to one that is missing); nothing was "
		    "changed"));
		goto out;
	}
	dst_tx = 0;
	fprintf(out, _("\nCommitted: %zu tables, %lld rows; each table's row "
	    "count and checksum\nare the same in the source and the target.\n"),
	    migrate_ntables + 1, (long long)m.rows + 1);
	print_skipped(&m);
	/* A municipality that had no key yet gets one in the target. */
	if (audit_keys_ensure(m.dst) != 0) {
		rc = mig_say(&m, MIGRATE_AUDIT, _("cannot create the audit key file %s"),
		    dst_key != NULL ? dst_key : "-");
		goto out;
	}
	rc = verify_audit(&m);
out:
	if (dst_tx)
		db_rollback(m.dst);
	if (src_tx)
		db_rollback(m.src);	/* it only read */
	if (m.src != NULL)
		db_release(m.sdb, m.src);
	if (m.dst != NULL)
		db_release(m.tdb, m.dst);
	db_close(m.sdb);
	db_close(m.tdb);
	arena_free(m.arena);
	if (had_key >= 0)
		(void)audit_key_use(had_key == 0 ? prev_key : NULL);
	return rc;
}
