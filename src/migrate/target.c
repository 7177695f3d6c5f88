/* target.c: the tenant a municipality moves into. A new tenant row, or an
 * existing one with the same host that holds no data yet (only what a new
 * tenant is seeded with: categories, settings, a recovery key, the audit
 * rows of its creation); never one with units, people or anything else.
 * Either way it gets the source's row: name, created_at, uid, audit_seq,
 * audit_head and whatever else the tenants table holds, so the audit chain
 * and the wrapped keys, which name the tenant by uid, still verify and
 * open. Only id (this database's) and host (maybe --to-host) differ. */
#include "migrate/mig_int.h"

#include <string.h>

#include "i18n/i18n.h"
#include "util/arena.h"

#define SQL_MAX		(16u * 1024u)

static const char SQL_TENANT_ROW[] =
    "SELECT * FROM tenants WHERE id = $1";
/* The same municipality must not be in one database twice: its uid is
 * its identity. */
static const char SQL_UID_TAKEN[] =
    "SELECT host FROM tenants WHERE COALESCE(uid, id) = $1 AND id <> $2";

/* The tenant row's columns compared and copied: not this database's id,
 * and host is set on its own. */
static const char *const skip_tenant_row[] = { "id", "host", NULL };

/* The first table that holds rows of tenant tid other than the seeds a new
 * tenant starts with, into *table and *n; *table NULL when none. */
static int
holds_data(struct mig *m, int64_t tid, const char **table, int64_t *n)
{
	struct dbstmt	*st;
	struct buf	 sql;
	size_t		 i;
	int		 rc = DB_OK;

	*table = NULL;
	*n = 0;
	buf_init(&sql, SQL_MAX);
	for (i = 0; i < migrate_ntables && *table == NULL; i++) {
		if (migrate_tables[i].seed)
			continue;
		buf_reset(&sql);
		buf_printf(&sql, "SELECT COUNT(*) FROM %s WHERE tenant_id = $1",
		    migrate_tables[i].name);
		if (buf_failed(&sql) || (rc = db_prepare_dynamic(m->dst, tid,
		    buf_cstr(&sql), &st)) != DB_OK) {
			rc = rc < 0 ? rc : DB_ERR;
			break;
		}
		if ((rc = db_step(st)) == DB_ROW) {
			if ((*n = db_col_int(st, 0)) > 0)
				*table = migrate_tables[i].name;
			rc = DB_OK;
		} else
			rc = rc < 0 ? rc : DB_ERR;
		db_reset(st);
		if (rc != DB_OK)
			break;
	}
	buf_free(&sql);
	return rc;
}

static int
delete_rows(struct mig *m, struct buf *sql, int64_t tid, const char *table)
{
	struct dbstmt	*st;
	int		 rc;

	buf_reset(sql);
	buf_printf(sql, "DELETE FROM %s WHERE tenant_id = $1", table);
	if (buf_failed(sql))
		return DB_ERR;
	if ((rc = db_prepare_dynamic(m->dst, tid, buf_cstr(sql), &st)) != DB_OK)
		return rc;
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? DB_OK : (rc < 0 ? rc : DB_ERR);
}

/* An empty tenant keeps nothing of its own: its seeds (categories,
 * settings, its recovery key, the audit rows of its creation) give way to
 * the source's, which the municipality's cases and chain are bound to;
 * its ephemeral rows (a failed login) go too. */
static int
clear_seeds(struct mig *m, int64_t tid)
{
	struct buf	 sql;
	size_t		 i;
	int		 rc = DB_OK;

	buf_init(&sql, SQL_MAX);
	for (i = 0; i < migrate_ntables && rc == DB_OK; i++) {
		if (!migrate_tables[i].seed)
			continue;
		rc = delete_rows(m, &sql, tid, migrate_tables[i].name);
		if (rc == DB_OK && strcmp(migrate_tables[i].name,
		    "audit_log") == 0)
			m->replaced_audit = db_changes(m->dst);
	}
	for (i = 0; migrate_skipped[i] != NULL && rc == DB_OK; i++)
		rc = delete_rows(m, &sql, tid, migrate_skipped[i]);
	buf_free(&sql);
	return rc;
}

/* Another tenant of the target with the source's uid: its host (arena) in
 * *host, or *host NULL. */
static int
uid_taken(struct mig *m, int64_t except, const char **host, int *taken)
{
	struct dbstmt	*st;
	int		 rc;

	*host = NULL;
	*taken = 0;
	if ((rc = db_prepare_global(m->dst, SQL_UID_TAKEN, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 1, m->st.uid);
	db_bind_int(st, 2, except);
	if ((rc = db_step(st)) == DB_ROW) {
		*taken = 1;
		*host = arena_strdup(m->arena, db_col_text(st, 0));
		rc = DB_OK;
	} else if (rc == DB_DONE)
		rc = DB_OK;
	db_reset(st);
	return rc;
}

/* The source's tenant row into the target: UPDATE the empty tenant, or
 * INSERT a new one (m->dst_tid set). ss is on the source row. */
static int
write_row(struct mig *m, struct dbstmt *ss, const struct migrate_cols *c)
{
	struct migrate_value	 v;
	struct dbstmt		*ts;
	struct buf		 sql;
	size_t			 i;
	int			 rc;

	buf_init(&sql, SQL_MAX);
	if (m->filled) {
		buf_puts(&sql, "UPDATE tenants SET ");
		for (i = 0; i < c->n; i++)
			buf_printf(&sql, "%s%s = $%zu", i > 0 ? ", " : "",
			    c->name[i], i + 2);
		buf_puts(&sql, " WHERE id = $1");
	} else {
		mig_insert_sql(&sql, "tenants", "host", c, 1);
		buf_puts(&sql, " RETURNING id");
	}
	rc = DB_ERR;
	if (buf_failed(&sql) || (rc = db_prepare_dynamic(m->dst,
	    m->filled ? m->dst_tid : 0, buf_cstr(&sql), &ts)) != DB_OK)
		goto out;
	if (!m->filled)
		rc = db_bind_text(ts, 1, m->host);
	for (i = 0; i < c->n && rc == DB_OK; i++) {
		migrate_value_get(ss, c->idx[i], &v);
		rc = mig_bind(ts, (int)i + 2, &v);
	}
	if (rc == DB_OK) {
		rc = db_step(ts);
		if (m->filled && rc == DB_DONE)
			rc = DB_OK;
		else if (!m->filled && rc == DB_ROW) {
			m->dst_tid = db_col_int(ts, 0);
			rc = m->dst_tid > 0 ? DB_OK : DB_ERR;
		} else if (rc >= 0)
			rc = DB_ERR;
	}
	db_reset(ts);
out:
	buf_free(&sql);
	return rc;
}

/* Checksum of the tenant row of id in c's database (without id and host). */
static int
row_sum(struct dbconn *c, int64_t id, struct migrate_sum *sum)
{
	struct migrate_cols	 cols;
	struct dbstmt		*st;
	int			 rc;

	migrate_sum_init(sum, "tenants");
	if ((rc = db_prepare_global(c, SQL_TENANT_ROW, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 1, id);
	if ((rc = db_step(st)) == DB_ROW) {
		if (migrate_cols_from(&cols, st, skip_tenant_row) == 0) {
			migrate_sum_row(sum, &cols, st);
			migrate_cols_free(&cols);
			rc = DB_OK;
		} else
			rc = DB_ERR;
	} else
		rc = DB_ERR;	/* the row must be there */
	db_reset(st);
	return rc;
}

enum migrate_rc
mig_target_tenant(struct mig *m, struct mig_result *r)
{
	struct migrate_cols	 c;
	struct migrate_sum	 sum;
	struct tenant		 t;
	struct dbstmt		*ss = NULL;
	const char		*table, *other;
	int64_t			 n;
	int			 rc, taken, ntenants;
	enum migrate_rc		 ret = MIGRATE_FAILED;

	memset(&c, 0, sizeof(c));
	memset(r, 0, sizeof(*r));
	m->dst_tid = 0;
	m->filled = 0;
	if (m->host != NULL) {
		if ((rc = tenant_by_host(m->dst, m->arena, m->host, &t)) < 0)
			return mig_say(m, MIGRATE_FAILED,
			    _("cannot read the tenants of the target"));
		if (rc == 0) {
			if (holds_data(m, t.id, &table, &n) != DB_OK)
				return mig_say(m, MIGRATE_FAILED,
				    _("cannot read the target"));
			if (table != NULL)
				return mig_say(m, MIGRATE_REFUSED,
				    _("the target already has a municipality "
				    "with host %s that holds data (%s: %lld "
				    "rows); nothing was changed"), m->host,
				    table, (long long)n);
			m->dst_tid = t.id;
			m->filled = 1;
		}
	} else {
		/* Without a host a second municipality could not be told
		 * apart from the others by the requests' host name. */
		if ((ntenants = tenant_count(m->dst)) < 0)
			return mig_say(m, MIGRATE_FAILED,
			    _("cannot read the tenants of the target"));
		if (ntenants > 0)
			return mig_say(m, MIGRATE_REFUSED,
			    _("the municipality has no host name and the target "
			    "already holds others; give it one with "
			    "--to-host HOST"));
	}
	if (uid_taken(m, m->dst_tid, &other, &taken) != DB_OK)
		return mig_say(m, MIGRATE_FAILED,
		    _("cannot read the tenants of the target"));
	if (taken)
		return mig_say(m, MIGRATE_REFUSED, _("the target already holds "
		    "this municipality (the same uid), with host %s; nothing "
		    "was changed"), other != NULL ? other : "-");
	if (m->filled && clear_seeds(m, m->dst_tid) != DB_OK)
		return mig_say(m, MIGRATE_FAILED,
		    _("cannot clear the empty municipality in the target"));

	migrate_sum_init(&sum, "tenants");
	if ((rc = db_prepare_global(m->src, SQL_TENANT_ROW, &ss)) != DB_OK) {
		ss = NULL;
		mig_say(m, MIGRATE_FAILED, _("cannot read the source's tenant"));
		goto out;
	}
	db_bind_int(ss, 1, m->st.id);
	if (db_step(ss) != DB_ROW ||
	    migrate_cols_from(&c, ss, skip_tenant_row) != 0) {
		mig_say(m, MIGRATE_FAILED, _("cannot read the source's tenant"));
		goto out;
	}
	migrate_sum_row(&sum, &c, ss);
	if ((rc = write_row(m, ss, &c)) != DB_OK) {
		if (rc == DB_CONSTRAINT)
			mig_say(m, MIGRATE_REFUSED, _("the target refused the "
			    "municipality's tenant row (another one there has "
			    "its host %s or its name?); nothing was changed"),
			    m->host != NULL ? m->host : "-");
		else
			mig_say(m, MIGRATE_FAILED,
			    _("cannot write the tenant into the target"));
		ret = rc == DB_CONSTRAINT ? MIGRATE_REFUSED : MIGRATE_FAILED;
		goto out;
	}
	db_reset(ss);
	ss = NULL;
	r->src_rows = sum.rows;
	migrate_sum_final(&sum, r->src_sum);
	if (row_sum(m->dst, m->dst_tid, &sum) != DB_OK) {
		mig_say(m, MIGRATE_FAILED,
		    _("cannot read the tenant back from the target"));
		goto out;
	}
	r->dst_rows = sum.rows;
	migrate_sum_final(&sum, r->dst_sum);
	ret = MIGRATE_OK;
out:
	if (ss != NULL)
		db_reset(ss);
	migrate_cols_free(&c);
	return ret;
}
