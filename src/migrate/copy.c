/* copy.c: copy one table's rows of the municipality from the source to the
 * target, and read them back for the checksum.
 *
 * The SQL is built here from the table list (tables.c) and the column
 * names the source database reports for that table: names the program
 * owns, never input; every value is bound. Each row is inserted with
 * explicit ids, its tenant_id rewritten to the target's tenant ($1, bound
 * by db_prepare_dynamic, which also sets the tenant for PostgreSQL's
 * row-level security). */
#include "migrate/mig_int.h"

#include <stdarg.h>
#include <string.h>

#include "i18n/i18n.h"

#define SQL_MAX		(64u * 1024u)

static const char *const skip_tenant[] = { "tenant_id", NULL };

int
mig_say(struct mig *m, int rc, const char *fmt, ...)
{
	va_list ap;

	if (m->msgsz > 0) {
		va_start(ap, fmt);
		vsnprintf(m->msg, m->msgsz, fmt, ap);
		va_end(ap);
	}
	return rc;
}

int
mig_bind(struct dbstmt *st, int idx, const struct migrate_value *v)
{
	switch (v->type) {
	case DB_T_INT:
		return db_bind_int(st, idx, v->i);
	case DB_T_TEXT:
		return db_bind_text(st, idx, v->p);
	case DB_T_BLOB:
		return db_bind_blob(st, idx, v->p, v->len);
	default:
		return db_bind_null(st, idx);
	}
}

int
mig_insert_sql(struct buf *b, const char *table, const char *first,
    const struct migrate_cols *cols)
{
	size_t	i;
	int	p = 1;

	buf_printf(b, "INSERT INTO %s (", table);
	if (first != NULL)
		buf_printf(b, "%s%s", first, cols->n > 0 ? ", " : "");
	for (i = 0; i < cols->n; i++)
		buf_printf(b, "%s%s", i > 0 ? ", " : "", cols->name[i]);
	buf_puts(b, ") VALUES (");
	if (first != NULL)
		buf_printf(b, "$%d%s", p++, cols->n > 0 ? ", " : "");
	for (i = 0; i < cols->n; i++)
		buf_printf(b, "%s$%d", i > 0 ? ", " : "", p++);
	buf_puts(b, ")");
	return buf_failed(b) ? -1 : 0;
}

static int
has_column(const struct migrate_cols *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->name[i], name) == 0)
			return 1;
	return 0;
}

/* The value of the table's key in the current row, for a message. */
static long long
row_key(struct dbstmt *st, const struct migrate_cols *c, const char *key)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (strcmp(c->name[i], key) == 0)
			return (long long)db_col_int(st, c->idx[i]);
	return 0;
}

/* Insert the current row of ss into the target. */
static int
insert_row(struct mig *m, const char *sql, const struct migrate_cols *c,
    struct dbstmt *ss)
{
	struct migrate_value	 v;
	struct dbstmt		*is;
	size_t			 i;
	int			 rc;

	if ((rc = db_prepare_dynamic(m->dst, m->dst_tid, sql, &is)) != DB_OK)
		return rc;
	for (i = 0; i < c->n && rc == DB_OK; i++) {
		migrate_value_get(ss, c->idx[i], &v);
		rc = mig_bind(is, (int)i + 2, &v);
	}
	if (rc == DB_OK && (rc = db_step(is)) == DB_DONE)
		rc = DB_OK;
	else if (rc >= 0)
		rc = DB_ERR;
	db_reset(is);
	return rc;
}

/* Checksum of the table as the target now holds it, inside the open
 * transaction. */
static enum migrate_rc
read_back(struct mig *m, const char *table, const char *sel,
    struct mig_result *r)
{
	struct migrate_cols	 c;
	struct migrate_sum	 sum;
	struct dbstmt		*ts;
	int			 rc, have = 0;

	memset(&c, 0, sizeof(c));
	migrate_sum_init(&sum, table);
	if ((rc = db_prepare_dynamic(m->dst, m->dst_tid, sel, &ts)) != DB_OK)
		return mig_say(m, MIGRATE_FAILED,
		    _("cannot read %s back from the target"), table);
	while ((rc = db_step(ts)) == DB_ROW) {
		if (!have && migrate_cols_from(&c, ts, skip_tenant) != 0) {
			rc = DB_ERR;
			break;
		}
		have = 1;
		migrate_sum_row(&sum, &c, ts);
	}
	db_reset(ts);
	migrate_cols_free(&c);
	if (rc != DB_DONE)
		return mig_say(m, MIGRATE_FAILED,
		    _("cannot read %s back from the target"), table);
	r->dst_rows = sum.rows;
	migrate_sum_final(&sum, r->dst_sum);
	return MIGRATE_OK;
}

enum migrate_rc
mig_copy_table(struct mig *m, const struct migrate_table *t,
    struct mig_result *r)
{
	struct migrate_cols	 c;
	struct migrate_sum	 sum;
	struct buf		 sel, ins;
	struct dbstmt		*ss = NULL;
	enum migrate_rc		 ret = MIGRATE_FAILED;
	int			 rc, have = 0, with_id = 0;

	memset(r, 0, sizeof(*r));
	memset(&c, 0, sizeof(c));
	buf_init(&sel, SQL_MAX);
	buf_init(&ins, SQL_MAX);
	buf_printf(&sel, "SELECT * FROM %s WHERE tenant_id = $1 ORDER BY %s",
	    t->name, t->order);
	if (buf_failed(&sel)) {
		mig_say(m, MIGRATE_FAILED, _("out of memory"));
		goto out;
	}
	migrate_sum_init(&sum, t->name);
	if ((rc = db_prepare_dynamic(m->src, m->st.id, buf_cstr(&sel), &ss))
	    != DB_OK) {
		ss = NULL;
		mig_say(m, MIGRATE_FAILED, _("cannot read %s in the source"),
		    t->name);
		goto out;
	}
	while ((rc = db_step(ss)) == DB_ROW) {
		if (!have) {
			if (migrate_cols_from(&c, ss, skip_tenant) != 0 ||
			    mig_insert_sql(&ins, t->name, "tenant_id", &c) != 0) {
				mig_say(m, MIGRATE_FAILED,
				    _("cannot read the columns of %s"), t->name);
				goto out;
			}
			with_id = has_column(&c, "id");
			have = 1;
		}
		migrate_sum_row(&sum, &c, ss);
		if ((rc = insert_row(m, buf_cstr(&ins), &c, ss)) != DB_OK) {
			if (rc == DB_CONSTRAINT && strcmp(db_conn_backend(m->dst),
			    "sqlite") == 0)
				mig_say(m, MIGRATE_FAILED, _("%s: the row with "
				    "%s %lld conflicts with a row already in the "
				    "target. All municipalities in one SQLite "
				    "database share one range of ids, and a moved "
				    "municipality keeps its ids: move it into "
				    "PostgreSQL, or into a SQLite database that "
				    "does not use these ids"), t->name, t->order,
				    row_key(ss, &c, t->order));
			else if (rc == DB_CONSTRAINT)
				mig_say(m, MIGRATE_FAILED, _("%s: the row with "
				    "%s %lld conflicts with a row already in the "
				    "target"), t->name, t->order,
				    row_key(ss, &c, t->order));
			else
				mig_say(m, MIGRATE_FAILED, _("%s: cannot write "
				    "the row with %s %lld into the target"),
				    t->name, t->order, row_key(ss, &c, t->order));
			goto out;
		}
	}
	if (rc != DB_DONE) {
		mig_say(m, MIGRATE_FAILED, _("cannot read %s in the source"),
		    t->name);
		goto out;
	}
	db_reset(ss);
	ss = NULL;
	r->src_rows = sum.rows;
	migrate_sum_final(&sum, r->src_sum);
	m->rows += r->src_rows;
	/* New rows made in the target later must get ids above the copied
	 * ones (a sequence on PostgreSQL). Only tables keyed by an id have
	 * a generator; an empty table leaves it as it was. */
	if (with_id && db_ids_sync(m->dst, t->name) != DB_OK) {
		mig_say(m, MIGRATE_FAILED,
		    _("%s: cannot move the id generator past the copied ids"),
		    t->name);
		goto out;
	}
	ret = read_back(m, t->name, buf_cstr(&sel), r);
out:
	if (ss != NULL)
		db_reset(ss);
	migrate_cols_free(&c);
	buf_free(&sel);
	buf_free(&ins);
	return ret;
}

int
mig_report_line(struct mig *m, const char *table, const struct mig_result *r)
{
	char	hex[MIGRATE_SUM_LEN * 2 + 1];
	int	ok;

	ok = r->src_rows == r->dst_rows &&
	    sodium_memcmp(r->src_sum, r->dst_sum, MIGRATE_SUM_LEN) == 0;
	sodium_bin2hex(hex, sizeof(hex), r->src_sum, MIGRATE_SUM_LEN);
	hex[16] = '\0';		/* a prefix is enough to compare by eye */
	if (ok)
		fprintf(m->out, "%-26s %9lld  %s  %s\n", table,
		    (long long)r->src_rows, hex, _("ok"));
	else {
		fprintf(m->out, "%-26s %9lld  %s  %s\n", table,
		    (long long)r->src_rows, hex, _("DIFFERS"));
		sodium_bin2hex(hex, sizeof(hex), r->dst_sum, MIGRATE_SUM_LEN);
		hex[16] = '\0';
		fprintf(m->out, "%-26s %9lld  %s  %s\n", _("  in the target"),
		    (long long)r->dst_rows, hex, "");
	}
	return ok;
}
