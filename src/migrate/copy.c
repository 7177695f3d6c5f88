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
/* An INSERT of a chunk: MIG_CHUNK_PARAMS placeholders of up to 7 bytes. */
#define INS_MAX		(256u * 1024u)

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
    const struct migrate_cols *cols, size_t rows)
{
	size_t	i, r;
	int	p = first != NULL ? 2 : 1;

	buf_printf(b, "INSERT INTO %s (", table);
	if (first != NULL)
		buf_printf(b, "%s%s", first, cols->n > 0 ? ", " : "");
	for (i = 0; i < cols->n; i++)
		buf_printf(b, "%s%s", i > 0 ? ", " : "", cols->name[i]);
	buf_puts(b, ") VALUES ");
	for (r = 0; r < rows; r++) {
		buf_puts(b, r > 0 ? ", (" : "(");
		/* first is the same value in every row: $1. */
		if (first != NULL)
			buf_printf(b, "$1%s", cols->n > 0 ? ", " : "");
		for (i = 0; i < cols->n; i++)
			buf_printf(b, "%s$%d", i > 0 ? ", " : "", p++);
		buf_puts(b, ")");
	}
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

/* Rows of the source held for one INSERT of several. On PostgreSQL a
 * statement per row cost a round trip, a parse and a plan each, more than
 * the row's own work (80,000 deviations, 640,000 rows in all: 173 s);
 * SQLite runs in process and looks its parameters up by name, so there it
 * stays one row a statement. The values are copied: a source row's are
 * borrowed only until its next step. */
struct chunk {
	size_t			 n, max;	/* rows held; rows a statement */
	size_t			 ncols;
	struct migrate_value	*v;		/* max × ncols; owned, and so are
						   their text and blobs */
	long long		 first, last;	/* keys of the first and last row
						   held, for a message */
};

static void
chunk_clear(struct chunk *ch)
{
	size_t i;

	for (i = 0; i < ch->n * ch->ncols; i++)
		if (ch->v[i].type == DB_T_TEXT || ch->v[i].type == DB_T_BLOB)
			free((void *)ch->v[i].p);
	ch->n = 0;
}

static void
chunk_free(struct chunk *ch)
{
	chunk_clear(ch);
	free(ch->v);
	memset(ch, 0, sizeof(*ch));
}

/* Rows a statement for ncols columns on the target (see struct chunk). */
static int
chunk_init(struct chunk *ch, struct dbconn *dst, size_t ncols)
{
	memset(ch, 0, sizeof(*ch));
	ch->ncols = ncols;
	ch->max = 1;
	if (strcmp(db_conn_backend(dst), "sqlite") != 0 && ncols > 0)
		ch->max = MIG_CHUNK_PARAMS / ncols < MIG_CHUNK_ROWS ?
		    MIG_CHUNK_PARAMS / ncols : MIG_CHUNK_ROWS;
	if (ch->max == 0)
		ch->max = 1;
	if ((ch->v = calloc(ch->max * (ncols > 0 ? ncols : 1),
	    sizeof(*ch->v))) == NULL)
		return -1;
	return 0;
}

/* Hold the current row of ss. 0, or -1 when out of memory (what was
 * copied of the row is freed with the chunk). */
static int
chunk_hold(struct chunk *ch, const struct migrate_cols *c, struct dbstmt *ss,
    long long key)
{
	struct migrate_value	*row = ch->v + ch->n * ch->ncols;
	void			*copy;
	size_t			 i;

	memset(row, 0, ch->ncols * sizeof(*row));
	ch->n++;
	for (i = 0; i < ch->ncols; i++) {
		migrate_value_get(ss, c->idx[i], &row[i]);
		if (row[i].type != DB_T_TEXT && row[i].type != DB_T_BLOB)
			continue;
		/* Text keeps its terminator; an empty blob stays a blob. */
		if ((copy = malloc(row[i].len + 1)) == NULL) {
			row[i].type = DB_T_NULL;
			return -1;
		}
		memcpy(copy, row[i].p, row[i].len);
		((char *)copy)[row[i].len] = '\0';
		row[i].p = copy;
	}
	if (ch->n == 1)
		ch->first = key;
	ch->last = key;
	return 0;
}

/* Insert the rows held into the target as one statement, and forget
 * them. DB_OK or the statement's error. */
static int
chunk_flush(struct mig *m, struct chunk *ch, const struct migrate_table *t,
    const struct migrate_cols *c, struct buf *sql)
{
	struct dbstmt	*is;
	size_t		 i;
	int		 rc;

	if (ch->n == 0)
		return DB_OK;
	buf_reset(sql);
	if (mig_insert_sql(sql, t->name, "tenant_id", c, ch->n) != 0)
		return DB_ERR;
	if ((rc = db_prepare_dynamic(m->dst, m->dst_tid, buf_cstr(sql), &is))
	    != DB_OK)
		return rc;
	for (i = 0; i < ch->n * ch->ncols && rc == DB_OK; i++)
		rc = mig_bind(is, (int)i + 2, &ch->v[i]);
	if (rc == DB_OK && (rc = db_step(is)) == DB_DONE)
		rc = DB_OK;
	else if (rc >= 0)
		rc = DB_ERR;
	db_reset(is);
	return rc;
}

/* The keyset a table is read by: the columns of its order but tenant_id,
 * which is the same in every row read. None left (a table of one row per
 * municipality) reads it in one statement. */
struct keyset {
	int	 n;
	char	 name[MIG_KEYS_MAX][MIG_KEY_NAME];
	int	 col[MIG_KEYS_MAX];	/* in the result, found at the first row */
	int64_t	 last[MIG_KEYS_MAX];	/* of the last row read */
};

static int
keyset_parse(struct keyset *k, const char *order)
{
	const char	*p = order, *e;
	size_t		 len;

	memset(k, 0, sizeof(*k));
	while (*p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		if (*p == '\0')
			break;
		for (e = p; *e != '\0' && *e != ',' && *e != ' '; e++)
			;
		len = (size_t)(e - p);
		if (len >= MIG_KEY_NAME || k->n == MIG_KEYS_MAX)
			return -1;
		if (len != strlen("tenant_id") ||
		    strncmp(p, "tenant_id", len) != 0) {
			memcpy(k->name[k->n], p, len);
			k->name[k->n++][len] = '\0';
		}
		p = e;
	}
	return 0;
}

/* The columns of the first row, and where the keys are among them. */
static int
keyset_cols(struct keyset *k, struct migrate_cols *c, struct dbstmt *st)
{
	size_t	i;
	int	j;

	if (migrate_cols_from(c, st, skip_tenant) != 0)
		return -1;
	for (j = 0; j < k->n; j++) {
		k->col[j] = -1;
		for (i = 0; i < c->n; i++)
			if (strcmp(c->name[i], k->name[j]) == 0)
				k->col[j] = c->idx[i];
		if (k->col[j] < 0)
			return -1;
	}
	return 0;
}

/* "SELECT * … WHERE tenant_id = $1 [AND (k…) > ($2…)] ORDER BY … LIMIT n"
 * into b: the page after the last row read (the first page: after
 * nothing). Names from the table list, never input. 0 or -1.
 *
 * Every page must start where an index puts it, or the walk reads the
 * table once per page. On PostgreSQL the keys lead with tenant_id. On
 * SQLite a table keyed by id has it as the rowid, and its planner would
 * take an index on tenant_id and sort the whole municipality for every
 * page (80,000 deviations: 3 × the CPU of one read): the unary + keeps
 * tenant_id out of the index choice, so the page is a range of rowids. */
static int
page_sql(struct buf *b, struct dbconn *conn, const struct migrate_table *t,
    const struct keyset *k, int first, size_t page)
{
	int	j, by_rowid;

	by_rowid = k->n == 1 && strcmp(k->name[0], "id") == 0 &&
	    strcmp(db_conn_backend(conn), "sqlite") == 0;
	buf_reset(b);
	buf_printf(b, "SELECT * FROM %s WHERE %stenant_id = $1", t->name,
	    by_rowid ? "+" : "");
	if (!first) {
		buf_puts(b, " AND (");
		for (j = 0; j < k->n; j++)
			buf_printf(b, "%s%s", j > 0 ? ", " : "", k->name[j]);
		buf_puts(b, ") > (");
		for (j = 0; j < k->n; j++)
			buf_printf(b, "%s$%d", j > 0 ? ", " : "", j + 2);
		buf_puts(b, ")");
	}
	buf_printf(b, " ORDER BY %s", t->order);
	if (k->n > 0)
		buf_printf(b, " LIMIT %zu", page);
	return buf_failed(b) ? -1 : 0;
}

/* What to do with each row read (the insert, the checksum). MIGRATE_OK,
 * or FAILED with m->msg set. */
typedef enum migrate_rc (*row_fn)(struct mig *, struct dbstmt *,
    const struct migrate_cols *, void *arg);

/* Read the municipality's rows of t on conn (the source, or the target
 * when back is set) in key order, a page of m->page rows to a statement,
 * and hand each to fn. Paged because PostgreSQL hands a statement's whole
 * result over at once: one statement over a table of millions of rows
 * would hold them all in memory; a page keeps it at a page whatever the
 * municipality's size. The source is read in one transaction, so its
 * pages are one view. c gets the columns at the first row (caller frees
 * with migrate_cols_free). */
static enum migrate_rc
walk(struct mig *m, struct dbconn *conn, int64_t tid, int back,
    const struct migrate_table *t, struct migrate_cols *c, row_fn fn,
    void *arg)
{
	struct keyset		 k;
	struct buf		 sql;
	struct dbstmt		*st;
	enum migrate_rc		 ret = MIGRATE_OK;
	size_t			 got;
	int			 rc = DB_OK, first = 1, have = 0, j;

	buf_init(&sql, SQL_MAX);
	if (keyset_parse(&k, t->order) != 0) {
		ret = mig_say(m, MIGRATE_FAILED,
		    _("cannot read the columns of %s"), t->name);
		goto out;
	}
	do {
		if (page_sql(&sql, conn, t, &k, first, m->page) != 0) {
			ret = mig_say(m, MIGRATE_FAILED, _("out of memory"));
			goto out;
		}
		if ((rc = db_prepare_dynamic(conn, tid, buf_cstr(&sql), &st))
		    != DB_OK)
			break;
		for (j = 0; j < k.n && !first && rc == DB_OK; j++)
			rc = db_bind_int(st, j + 2, k.last[j]);
		got = 0;
		while (rc == DB_OK && (rc = db_step(st)) == DB_ROW) {
			if (!have && keyset_cols(&k, c, st) != 0) {
				db_reset(st);
				ret = mig_say(m, MIGRATE_FAILED,
				    _("cannot read the columns of %s"), t->name);
				goto out;
			}
			have = 1;
			got++;
			for (j = 0; j < k.n; j++)
				k.last[j] = db_col_int(st, k.col[j]);
			if ((ret = fn(m, st, c, arg)) != MIGRATE_OK) {
				db_reset(st);
				goto out;
			}
			rc = DB_OK;
		}
		db_reset(st);
		if (rc != DB_DONE)
			break;
		rc = DB_OK;
		first = 0;
	} while (k.n > 0 && got == m->page);
	if (rc != DB_OK)
		ret = back ? mig_say(m, MIGRATE_FAILED,
		    _("cannot read %s back from the target"), t->name) :
		    mig_say(m, MIGRATE_FAILED,
		    _("cannot read %s in the source"), t->name);
out:
	buf_free(&sql);
	return ret;
}

/* The copy of one table: its inserts, its checksum. */
struct copying {
	const struct migrate_table	*t;
	struct buf			 ins;
	struct chunk			 ch;
	struct migrate_sum		 sum;
	int				 started, with_id;
};

/* Why the rows held could not be written, in m->msg. */
static enum migrate_rc
write_failed(struct mig *m, const struct copying *cp, int rc)
{
	const struct migrate_table	*t = cp->t;
	const struct chunk		*ch = &cp->ch;

	if (rc == DB_CONSTRAINT && strcmp(db_conn_backend(m->dst),
	    "sqlite") == 0)
		return mig_say(m, MIGRATE_FAILED, _("%s: the row with "
		    "%s %lld conflicts with a row already in the "
		    "target. All municipalities in one SQLite "
		    "database share one range of ids, and a moved "
		    "municipality keeps its ids: move it into "
		    "PostgreSQL, or into a SQLite database that "
		    "does not use these ids"), t->name, t->order, ch->last);
	if (rc == DB_CONSTRAINT && ch->n == 1)
		return mig_say(m, MIGRATE_FAILED, _("%s: the row with "
		    "%s %lld conflicts with a row already in the "
		    "target"), t->name, t->order, ch->last);
	if (rc == DB_CONSTRAINT)
		return mig_say(m, MIGRATE_FAILED, _("%s: one of the rows "
		    "with %s from %lld to %lld conflicts with a row already "
		    "in the target"), t->name, t->order, ch->first, ch->last);
	if (ch->n == 1)
		return mig_say(m, MIGRATE_FAILED, _("%s: cannot write "
		    "the row with %s %lld into the target"),
		    t->name, t->order, ch->last);
	return mig_say(m, MIGRATE_FAILED, _("%s: cannot write the rows "
	    "with %s from %lld to %lld into the target"), t->name, t->order,
	    ch->first, ch->last);
}

static enum migrate_rc
copy_row(struct mig *m, struct dbstmt *ss, const struct migrate_cols *c,
    void *arg)
{
	struct copying			*cp = arg;
	const struct migrate_table	*t = cp->t;
	int				 rc;

	if (!cp->started) {
		if (chunk_init(&cp->ch, m->dst, c->n) != 0)
			return mig_say(m, MIGRATE_FAILED, _("out of memory"));
		cp->with_id = has_column(c, "id");
		cp->started = 1;
	}
	migrate_sum_row(&cp->sum, c, ss);
	if (chunk_hold(&cp->ch, c, ss, row_key(ss, c, t->order)) != 0)
		return mig_say(m, MIGRATE_FAILED, _("out of memory"));
	if (cp->ch.n < cp->ch.max)
		return MIGRATE_OK;
	rc = chunk_flush(m, &cp->ch, t, c, &cp->ins);
	if (rc != DB_OK)
		return write_failed(m, cp, rc);
	chunk_clear(&cp->ch);
	return MIGRATE_OK;
}

static enum migrate_rc
sum_row(struct mig *m, struct dbstmt *ts, const struct migrate_cols *c,
    void *arg)
{
	(void)m;
	migrate_sum_row(arg, c, ts);
	return MIGRATE_OK;
}

/* Checksum of the table as the target now holds it, inside the open
 * transaction. */
static enum migrate_rc
read_back(struct mig *m, const struct migrate_table *t, struct mig_result *r)
{
	struct migrate_cols	 c;
	struct migrate_sum	 sum;
	enum migrate_rc		 ret;

	memset(&c, 0, sizeof(c));
	migrate_sum_init(&sum, t->name);
	ret = walk(m, m->dst, m->dst_tid, 1, t, &c, sum_row, &sum);
	migrate_cols_free(&c);
	if (ret != MIGRATE_OK)
		return ret;
	r->dst_rows = sum.rows;
	migrate_sum_final(&sum, r->dst_sum);
	return MIGRATE_OK;
}

enum migrate_rc
mig_copy_table(struct mig *m, const struct migrate_table *t,
    struct mig_result *r)
{
	struct migrate_cols	 c;
	struct copying		 cp;
	enum migrate_rc		 ret;
	int			 rc;

	memset(r, 0, sizeof(*r));
	memset(&c, 0, sizeof(c));
	memset(&cp, 0, sizeof(cp));
	cp.t = t;
	buf_init(&cp.ins, INS_MAX);
	migrate_sum_init(&cp.sum, t->name);
	if ((ret = walk(m, m->src, m->st.id, 0, t, &c, copy_row, &cp))
	    != MIGRATE_OK)
		goto out;
	if (cp.started && (rc = chunk_flush(m, &cp.ch, t, &c, &cp.ins))
	    != DB_OK) {
		ret = write_failed(m, &cp, rc);
		goto out;
	}
	r->src_rows = cp.sum.rows;
	migrate_sum_final(&cp.sum, r->src_sum);
	m->rows += r->src_rows;
	/* New rows made in the target later must get ids above the copied
	 * ones (a sequence on PostgreSQL). Only tables keyed by an id have
	 * a generator; an empty table leaves it as it was. */
	if (cp.with_id && db_ids_sync(m->dst, t->name) != DB_OK) {
		ret = mig_say(m, MIGRATE_FAILED,
		    _("%s: cannot move the id generator past the copied ids"),
		    t->name);
		goto out;
	}
	ret = read_back(m, t, r);
out:
	migrate_cols_free(&c);
	chunk_free(&cp.ch);
	buf_free(&cp.ins);
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
