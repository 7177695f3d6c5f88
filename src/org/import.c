/* import.c: CSV import of units and people (see import.h).
 *
 * Three phases, so that a bad row can never leave half a file behind:
 * read every row (CSV syntax, header, column count), validate every row
 * against the file and the database (inside the write transaction, so the
 * database cannot change under the check), then apply, and commit once. */
#include "org/import.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/csv.h"

#define IMPORT_CODE_MAX		64
#define IMPORT_NAME_MAX		200
#define IMPORT_EMAIL_MAX	254
#define IMPORT_PARTY_MAX	64

static const char units_header[] = "code,name,parent_code";
/* Optional: the kind of unit (school, kindergarten, health_care, other). */
static const char units_kind_col[] = ",kind";
static const char people_header[] = "login,name,email,unit_code,roles,party";

/* One data row as read: ncol fields, copied into the arena. */
struct rawrow {
	long	  line;
	char	**f;
};

struct rawfile {
	struct rawrow	*v;
	size_t		 n;
};

/* The columns of units.csv and people.csv, counted from 1 as an error
 * names them ("FILE:LINE:COLUMN: reason"). */
enum { U_CODE = 1, U_NAME, U_PARENT, U_KIND };
enum { P_LOGIN = 1, P_NAME, P_EMAIL, P_UNIT, P_ROLES, P_PARTY };

/* --- messages ------------------------------------------------------------ */

static int
import_fail(struct import_result *r, int rc, const char *fname, long line,
    long col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Fill r->error with "FILE:LINE[:COL]: reason" and return rc. */
static int
import_fail(struct import_result *r, int rc, const char *fname, long line,
    long col, const char *fmt, ...)
{
	struct buf b;
	va_list ap;
	size_t n;

	buf_init(&b, IMPORT_ERROR_MAX);
	if (col > 0)
		buf_printf(&b, "%s:%ld:%ld: ", fname, line, col);
	else
		buf_printf(&b, "%s:%ld: ", fname, line);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	/* A message too long for the buffer is still better cut than lost. */
	n = b.len < IMPORT_ERROR_MAX - 1 ? b.len : IMPORT_ERROR_MAX - 1;
	if (n > 0)
		memcpy(r->error, b.data, n);
	r->error[n] = '\0';
	buf_free(&b);
	return rc;
}

/* --- field checks ---------------------------------------------------------- */

/* Codes and logins: [A-Za-z0-9_.-]{1,64}, the same rule as F_CODE. */
int
import_is_code(const char *s)
{
	size_t n;

	for (n = 0; s[n] != '\0'; n++) {
		char c = s[n];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-'))
			return 0;
	}
	return n >= 1 && n <= IMPORT_CODE_MAX;
}

/* Well-formed UTF-8 (no overlongs, surrogates or values past U+10FFFF)
 * without control characters. */
static int
import_is_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	uint32_t cp;
	int i, n;

	while (*p != '\0') {
		if (*p < 0x80) {
			if (*p < 0x20 || *p == 0x7f)
				return 0;
			p++;
			continue;
		}
		if ((*p & 0xE0) == 0xC0) {
			n = 1;
			cp = *p & 0x1F;
		} else if ((*p & 0xF0) == 0xE0) {
			n = 2;
			cp = *p & 0x0F;
		} else if ((*p & 0xF8) == 0xF0) {
			n = 3;
			cp = *p & 0x07;
		} else
			return 0;
		for (i = 1; i <= n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (p[i] & 0x3F);
		}
		if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) ||
		    (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF) ||
		    (cp >= 0x80 && cp < 0xA0))	/* C1 controls */
			return 0;
		p += n + 1;
	}
	return 1;
}

/* A unit's or a person's name: required, bounded, UTF-8 text. 0, or the
 * import_fail status with the line's message. */
static int
check_name(struct import_result *r, const char *fname, long line, long col,
    const char *name)
{
	if (name[0] == '\0')
		return import_fail(r, -1, fname, line, col, "%s",
		    _("name is required"));
	if (strlen(name) > IMPORT_NAME_MAX)
		return import_fail(r, -1, fname, line, col,
		    _("name is too long (at most %d bytes)"), IMPORT_NAME_MAX);
	if (!import_is_text(name))
		return import_fail(r, -1, fname, line, col, "%s",
		    _("name must be UTF-8 text without control characters"));
	return 0;
}

/* A row's key (a unit's code, a person's login): required, and of the
 * form import_is_code takes. 0, or the import_fail status with the line's
 * message: required, or invalid with the value shown for its %s. */
static int
check_key(struct ctx *ctx, struct import_result *r, const char *fname,
    long line, long col, const char *key, const char *required,
    const char *invalid)
{
	if (key[0] == '\0')
		return import_fail(r, -1, fname, line, col, "%s", required);
	if (!import_is_code(key))
		return import_fail(r, -1, fname, line, col, invalid,
		    csv_show(ctx->arena, key));
	return 0;
}

/* A plausible address: local@domain.tld, printable ASCII, no spaces. Mail
 * delivery is the real test; this catches typing and column mix-ups. */
int
import_is_email(const char *s)
{
	const char *at, *p, *dot = NULL;
	size_t n = strlen(s);

	if (n < 3 || n > IMPORT_EMAIL_MAX)
		return 0;
	if ((at = strchr(s, '@')) == NULL || at == s || strchr(at + 1, '@'))
		return 0;
	for (p = s; p < at; p++)
		if (*p <= 0x20 || *p >= 0x7f || strchr("\"(),:;<>[\\]", *p))
			return 0;
	for (p = at + 1; *p != '\0'; p++) {
		if (*p == '.') {
			if (p == at + 1 || p[1] == '\0' || p[1] == '.')
				return 0;
			dot = p;
		} else if (!((*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '-'))
			return 0;
	}
	return dot != NULL;
}

/* --- a small string -> index map (open addressing, arena-backed) ------------ */

struct strmap {
	size_t		  cap;		/* power of two */
	const char	**key;
	long		 *val;
};

static int
strmap_init(struct strmap *m, struct arena *a, size_t n)
{
	m->cap = 16;
	while (m->cap < 2 * n)
		m->cap *= 2;
	m->key = arena_alloc(a, m->cap * sizeof(*m->key));
	m->val = arena_alloc(a, m->cap * sizeof(*m->val));
	return (m->key == NULL || m->val == NULL) ? -1 : 0;
}

static size_t
strmap_slot(const struct strmap *m, const char *k)
{
	uint64_t h = 1469598103934665603ull;	/* FNV-1a */
	const char *p;
	size_t i;

	for (p = k; *p != '\0'; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ull;
	for (i = (size_t)h & (m->cap - 1); m->key[i] != NULL;
	    i = (i + 1) & (m->cap - 1))
		if (strcmp(m->key[i], k) == 0)
			break;
	return i;
}

/* Value for k, or -1. */
static long
strmap_get(const struct strmap *m, const char *k)
{
	size_t i = strmap_slot(m, k);

	return m->key[i] == NULL ? -1 : m->val[i];
}

/* Insert k -> v unless present; returns the existing value or -1. The map
 * never fills: it is sized at twice the most keys it will hold. */
static long
strmap_put(struct strmap *m, const char *k, long v)
{
	size_t i = strmap_slot(m, k);

	if (m->key[i] != NULL)
		return m->val[i];
	m->key[i] = k;
	m->val[i] = v;
	return -1;
}

/* A login in lower case (logins are ASCII: check_key allows nothing else),
 * in the arena; NULL when it is full. */
static const char *
login_fold(struct arena *a, const char *login)
{
	char	*s, *p;

	if ((s = arena_strdup(a, login)) == NULL)
		return NULL;
	for (p = s; *p != '\0'; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return s;
}

/* --- reading ----------------------------------------------------------------- */

/* The end of an import's transaction: committed when ret is 0 (a commit
 * that fails is reported on line 1), else rolled back; after a failure
 * the counts say nothing was made. ret, or the commit's import_fail. */
static int
import_end(struct ctx *ctx, struct import_result *r, const char *fname,
    int ret)
{
	if (ret == 0 && db_commit(ctx->conn) != DB_OK)
		ret = import_fail(r, -2, fname, 1, 0, "%s",
		    _("could not commit the import"));
	if (ret != 0)
		db_rollback(ctx->conn);
	if (ret < 0)
		r->created = r->updated = 0;
	return ret;
}

/* Read header and rows: every row must have exactly ncol fields; blank lines
 * are skipped. A header that ends in opt_col (",name"; NULL: none) brings
 * one more column, which every row then has; rows always get ncol fields,
 * plus the optional one ("" when the file has none). 0, -1 (rejected) or
 * -2 (out of memory); r->error set. */
static int
import_read(struct ctx *ctx, FILE *fp, const char *fname, const char *header,
    size_t ncol, const char *opt_col, struct rawfile *out,
    struct import_result *r)
{
	struct csv c;
	struct buf h;
	size_t cap = 0, i, hl = strlen(header), keep = ncol + (opt_col != NULL);
	int rc, ret = 0;

	memset(out, 0, sizeof(*out));
	buf_init(&h, CSV_RECORD_MAX_DEFAULT * 2);
	if (csv_init(&c, fp, 0, 0) < 0) {
		ret = import_fail(r, -2, fname, 0, 0, "%s", _("out of memory"));
		goto out;
	}
	c.sep = csv_sniff_sep(fp);
	rc = csv_read(&c);
	if (rc < 0) {
		ret = import_fail(r, -1, fname, c.err_line, c.err_col, "%s",
		    _(c.err));
		goto out;
	}
	if (rc == 0) {
		ret = import_fail(r, -1, fname, 1, 0,
		    _("the file is empty; the first line must be \"%s\""),
		    header);
		goto out;
	}
	for (i = 0; i < c.nfield; i++) {
		if (i > 0)
			buf_putc(&h, ',');
		buf_puts(&h, c.field[i]);
	}
	if (opt_col != NULL && !buf_failed(&h) &&
	    strncmp(buf_cstr(&h), header, hl) == 0 &&
	    strcmp(buf_cstr(&h) + hl, opt_col) == 0)
		ncol++;
	else if (buf_failed(&h) || strcmp(buf_cstr(&h), header) != 0) {
		ret = import_fail(r, -1, fname, 1, csv_header_col(&c, header),
		    _("the first line must be exactly \"%s\""), header);
		goto out;
	}

	while ((rc = csv_read(&c)) == 1) {
		struct rawrow *row;

		if (c.nfield == 1 && c.field[0][0] == '\0')
			continue;	/* blank line */
		if (c.nfield != ncol) {
			/* The column the row lacks, or the first too many. */
			ret = import_fail(r, -1, fname, c.rec_line,
			    (long)(c.nfield < ncol ? c.nfield : ncol) + 1,
			    _("expected %zu columns, found %zu"), ncol,
			    c.nfield);
			goto out;
		}
		if (out->n >= IMPORT_ROWS_MAX) {
			ret = import_fail(r, -1, fname, c.rec_line, 0,
			    _("too many rows (at most %d)"), IMPORT_ROWS_MAX);
			goto out;
		}
		if (arena_grow(ctx->arena, (void **)&out->v, out->n, &cap,
		    sizeof(*out->v)) != 0)
			goto oom;
		row = &out->v[out->n];
		row->line = c.rec_line;
		if ((row->f = arena_alloc(ctx->arena, keep * sizeof(char *))) ==
		    NULL)
			goto oom;
		for (i = 0; i < keep; i++)
			if ((row->f[i] = arena_strdup(ctx->arena,
			    i < ncol ? c.field[i] : "")) == NULL)
				goto oom;
		out->n++;
	}
	if (rc < 0)
		ret = import_fail(r, -1, fname, c.err_line, c.err_col, "%s",
		    _(c.err));
	goto out;
oom:
	ret = import_fail(r, -2, fname, c.rec_line, 0, "%s",
	    _("out of memory (file too large)"));
out:
	buf_free(&h);
	csv_free(&c);
	return ret;
}

/* --- units ------------------------------------------------------------------- */

struct urow {
	long		 line;
	const char	*code, *name, *parent;	/* parent "" = a root */
	const char	*kind;		/* "": not given (left as it is) */
	long		 db;		/* index into the existing units, or -1 */
	long		 prow;		/* parent's row in the file, or -1 */
	long		 pdb;		/* parent's index among existing, or -1 */
	long		 depth;		/* among file rows, for the apply order */
	int64_t		 id;
};

struct idx {
	int64_t	id;
	long	i;
};

static int
idx_cmp(const void *a, const void *b)
{
	const struct idx *x = a, *y = b;

	return (x->id > y->id) - (x->id < y->id);
}

static int
urow_cmp(const void *a, const void *b)
{
	const struct urow *x = *(const struct urow * const *)a;
	const struct urow *y = *(const struct urow * const *)b;

	if (x->depth != y->depth)
		return (x->depth > y->depth) - (x->depth < y->depth);
	return (x->line > y->line) - (x->line < y->line);
}

/* Final parent of a unit after the import, as (file row, existing index);
 * both -1 for a root. */
static void
unit_parent(const struct urow *rows, const struct unit *units,
    const struct idx *byid, size_t nunits, const long *db2row, long row,
    long dbi, long *prow, long *pdb)
{
	struct idx key, *hit;

	if (row >= 0) {
		*prow = rows[row].prow;
		*pdb = rows[row].pdb;
		return;
	}
	*prow = *pdb = -1;
	if (units[dbi].parent_id == 0)
		return;
	key.id = units[dbi].parent_id;
	hit = bsearch(&key, byid, nunits, sizeof(*byid), idx_cmp);
	if (hit == NULL)
		return;
	if (db2row[hit->i] >= 0)
		*prow = db2row[hit->i];
	else
		*pdb = hit->i;
}

int
org_import_units(struct ctx *ctx, FILE *fp, const char *fname,
    struct import_result *r)
{
	struct rawfile raw;
	struct urow *rows = NULL, **order = NULL;
	struct unit *units = NULL;
	struct idx *byid = NULL;
	struct strmap filemap, dbmap;
	long *db2row = NULL, *stack = NULL, *fparent = NULL;
	size_t nunits = 0, i;
	int ret;

	memset(r, 0, sizeof(*r));
	if ((ret = import_read(ctx, fp, fname, units_header, 3, units_kind_col, &raw, r)) < 0)
		return ret;
	if (db_begin(ctx->conn) != DB_OK)
		return import_fail(r, -2, fname, 1, 0, "%s",
		    _("could not start a database transaction"));
	if (org_unit_list(ctx, &units, &nunits) < 0) {
		ret = import_fail(r, -2, fname, 1, 0, "%s",
		    _("could not read the existing units"));
		goto out;
	}
	rows = arena_alloc(ctx->arena, (raw.n + 1) * sizeof(*rows));
	order = arena_alloc(ctx->arena, (raw.n + 1) * sizeof(*order));
	byid = arena_alloc(ctx->arena, (nunits + 1) * sizeof(*byid));
	db2row = arena_alloc(ctx->arena, (nunits + 1) * sizeof(*db2row));
	stack = arena_alloc(ctx->arena, (raw.n + 1) * sizeof(*stack));
	fparent = arena_alloc(ctx->arena, (raw.n + 1) * sizeof(*fparent));
	if (fparent == NULL || rows == NULL || order == NULL || byid == NULL || db2row == NULL ||
	    stack == NULL || strmap_init(&filemap, ctx->arena, raw.n) < 0 ||
	    strmap_init(&dbmap, ctx->arena, nunits) < 0) {
		ret = import_fail(r, -2, fname, 1, 0, "%s",
		    _("out of memory (file too large)"));
		goto out;
	}
	for (i = 0; i < nunits; i++) {
		strmap_put(&dbmap, units[i].code, (long)i);
		byid[i].id = units[i].id;
		byid[i].i = (long)i;
		db2row[i] = -1;
	}
	qsort(byid, nunits, sizeof(*byid), idx_cmp);

	/* Pass 1, row by row: fields and duplicates. */
	for (i = 0; i < raw.n; i++) {
		struct urow *u = &rows[i];
		long first;

		u->line = raw.v[i].line;
		u->code = raw.v[i].f[0];
		u->name = raw.v[i].f[1];
		u->parent = raw.v[i].f[2];
		u->kind = raw.v[i].f[3];
		if (u->kind[0] != '\0' && !org_unit_kind_valid(u->kind)) {
			ret = import_fail(r, -1, fname, u->line, U_KIND,
			    _("kind \"%s\": use school, kindergarten, health_care or other"),
			    csv_show(ctx->arena, u->kind));
			goto out;
		}
		if ((ret = check_key(ctx, r, fname, u->line, U_CODE, u->code,
		    _("code is required"),
		    _("invalid code \"%s\": use 1-64 letters a-z or A-Z (not æ, ø, å), digits, '.', '_' or '-'"))) != 0 ||
		    (ret = check_name(r, fname, u->line, U_NAME, u->name)) != 0)
			goto out;
		if (u->parent[0] != '\0' && !import_is_code(u->parent)) {
			ret = import_fail(r, -1, fname, u->line, U_PARENT,
			    _("invalid parent_code \"%s\""),
			    csv_show(ctx->arena, u->parent));
			goto out;
		}
		if ((first = strmap_put(&filemap, u->code, (long)i)) >= 0) {
			ret = import_fail(r, -1, fname, u->line, U_CODE,
			    _("duplicate code \"%s\" (first on line %ld)"),
			    u->code, rows[first].line);
			goto out;
		}
		u->db = strmap_get(&dbmap, u->code);
		if (u->db >= 0)
			db2row[u->db] = (long)i;
	}

	/* Pass 2: parents exist, in the file (before or after) or already. */
	for (i = 0; i < raw.n; i++) {
		struct urow	*u = &rows[i];
		long		 dbi;

		u->prow = u->pdb = -1;
		if (u->parent[0] == '\0')
			continue;
		if ((u->prow = strmap_get(&filemap, u->parent)) < 0 &&
		    (u->pdb = strmap_get(&dbmap, u->parent)) < 0) {
			ret = import_fail(r, -1, fname, u->line, U_PARENT,
			    _("unknown parent_code \"%s\""), u->parent);
			goto out;
		}
		/* A file from before a reorganisation would put units back
		 * under one that was closed (org/close.c). */
		if ((dbi = strmap_get(&dbmap, u->parent)) >= 0 &&
		    units[dbi].closed_at != 0) {
			ret = import_fail(r, -1, fname, u->line, U_PARENT,
			    _("parent_code \"%s\" is a closed unit"), u->parent);
			goto out;
		}
		/* An existing unit that the file also lists is a file row. */
		if (u->prow < 0 && db2row[u->pdb] >= 0) {
			u->prow = db2row[u->pdb];
			u->pdb = -1;
		}
	}

	/* The nearest file row above each file row in the tree as it will
	 * be, passing through existing units that keep their parent (such a
	 * chain always ends: the tree in the database has no cycle). */
	for (i = 0; i < raw.n; i++) {
		long row = (long)i, dbi = -1, prow, pdb;

		do {
			unit_parent(rows, units, byid, nunits, db2row, row,
			    dbi, &prow, &pdb);
			row = prow;
			dbi = pdb;
		} while (prow < 0 && pdb >= 0);
		fparent[i] = prow;
		rows[i].depth = -1;	/* -1 not seen, -2 on the current walk */
	}

	/* Pass 3: no cycles. Only file rows change parents, so any cycle is
	 * one among file rows through fparent. Each row is entered once, and
	 * the depth found is the apply order: parents before children, so a
	 * parent exists before its children are created and no update passes
	 * through a temporary cycle. */
	for (i = 0; i < raw.n; i++) {
		size_t sp = 0;
		long row = (long)i, d;

		while (row >= 0 && rows[row].depth == -1) {
			rows[row].depth = -2;
			stack[sp++] = row;
			row = fparent[row];
		}
		if (row >= 0 && rows[row].depth == -2) {
			ret = import_fail(r, -1, fname, rows[row].line, U_PARENT,
			    _("parent_code \"%s\" makes a cycle: unit \"%s\" would lie under itself"),
			    rows[row].parent, rows[row].code);
			goto out;
		}
		d = row >= 0 ? rows[row].depth : -1;
		while (sp > 0)
			rows[stack[--sp]].depth = ++d;
	}
	for (i = 0; i < raw.n; i++)
		order[i] = &rows[i];
	qsort(order, raw.n, sizeof(*order), urow_cmp);

	for (i = 0; i < raw.n; i++) {
		struct urow *u = order[i];
		int64_t pid = 0;

		if (u->prow >= 0)
			pid = rows[u->prow].id;
		else if (u->pdb >= 0)
			pid = units[u->pdb].id;
		if (u->db >= 0) {
			const struct unit *old = &units[u->db];

			u->id = old->id;
			if (u->kind[0] != '\0' && (old->kind == NULL ||
			    strcmp(old->kind, u->kind) != 0)) {
				if (org_unit_set_kind(ctx, u->id, u->kind) != 0) {
					ret = import_fail(r, -2, fname, u->line, 0,
					    "%s", _("could not update the unit"));
					goto out;
				}
				if (strcmp(old->name, u->name) == 0 &&
				    old->parent_id == pid) {
					r->updated++;
					continue;
				}
			}
			if (strcmp(old->name, u->name) == 0 &&
			    old->parent_id == pid)
				continue;
			if (org_unit_update(ctx, u->id, u->name, pid) < 0) {
				ret = import_fail(r, -2, fname, u->line, 0,
				    "%s", _("could not update the unit"));
				goto out;
			}
			r->updated++;
		} else {
			if ((u->id = org_unit_create(ctx, u->code, u->name,
			    pid)) <= 0 || (u->kind[0] != '\0' &&
			    org_unit_set_kind(ctx, u->id, u->kind) != 0)) {
				ret = import_fail(r, -2, fname, u->line, 0,
				    "%s", _("could not create the unit"));
				goto out;
			}
			r->created++;
		}
	}
	ret = 0;
out:
	return import_end(ctx, r, fname, ret);
}

/* --- people ------------------------------------------------------------------ */

struct prow {
	long		 line;
	const char	*login, *name, *email, *unit, *party;
	enum role	 roles[ROLE_MAX];
	int		 nroles;
	int64_t		 unit_id;	/* 0 without a unit */
	long		 db;		/* index into existing people, or -1 */
};

/* Parse "employee;leader" into distinct roles. 0 or -1 with *bad set to
 * the offending item (arena). Empty items (a trailing ';') are ignored. */
static int
people_parse_roles(struct arena *a, const char *s, struct prow *p,
    const char **bad)
{
	const char *item = s, *end;
	char *name;
	enum role role;
	int k;

	p->nroles = 0;
	while (*item != '\0') {
		end = strchr(item, ';');
		if (end == NULL)
			end = item + strlen(item);
		while (item < end && *item == ' ')
			item++;
		if ((name = arena_strndup(a, item, (size_t)(end - item))) ==
		    NULL)
			return -1;
		for (k = (int)strlen(name); k > 0 && name[k - 1] == ' '; k--)
			name[k - 1] = '\0';
		if (name[0] != '\0') {
			if (role_parse(name, &role) < 0) {
				*bad = name;
				return -1;
			}
			for (k = 0; k < p->nroles && p->roles[k] != role; k++)
				;
			if (k == p->nroles)
				p->roles[p->nroles++] = role;
		}
		item = *end == ';' ? end + 1 : end;
	}
	return 0;
}

static int
str_eq_null(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

/* Warn on each row that gives an office of one person (mayor, opposition
 * leader, chief executive) when, with the rows applied, more than one
 * active person holds it. A warning, not a refusal: roles an import does
 * not list are kept, so a new mayor imported before the old one's role is
 * removed is a handover, not bad data; meanwhile routing gives the cases
 * to every holder and `orden check whistle` and /whistle/routing name
 * them (whistle_offices_shared). 0, or -2 with r->error set. */
static int
people_warn_single(struct ctx *ctx, struct import_result *r,
    const char *fname, const struct prow *rows, size_t nrows)
{
	struct person	 p;
	struct buf	 names;
	int64_t		*ids;
	size_t		 nh, i, j, cap = 0;
	const char	*why, *w;
	int		 role, k, listed, rc = 0;

	buf_init(&names, IMPORT_ERROR_MAX);
	for (role = 0; role < ROLE_MAX && rc == 0; role++) {
		if (!role_is_single((enum role)role))
			continue;
		for (i = 0, listed = 0; i < nrows && !listed; i++)
			for (k = 0; k < rows[i].nroles; k++)
				if ((int)rows[i].roles[k] == role)
					listed = 1;
		if (!listed)
			continue;
		if (org_role_holders(ctx, (enum role)role, -1, &ids, NULL,
		    &nh) != 0) {
			rc = import_fail(r, -2, fname, 1, 0, "%s",
			    _("could not read who holds a role"));
			break;
		}
		if (nh < 2)
			continue;
		buf_reset(&names);
		for (j = 0; j < nh; j++)
			buf_printf(&names, "%s%s", j > 0 ? ", " : "",
			    org_person_get(ctx, ids[j], &p) == 0 ? p.name : "?");
		why = arena_printf(ctx->arena,
		    _("\"%s\" is an office of one person, and %zu active people hold it now (%s): each receives its whistleblowing cases until the role is removed from whoever does not hold the office"),
		    role_name((enum role)role), nh, buf_cstr(&names));
		for (i = 0; i < nrows && rc == 0; i++)
			for (k = 0; k < rows[i].nroles; k++) {
				if ((int)rows[i].roles[k] != role)
					continue;
				w = why == NULL ? NULL : arena_printf(ctx->arena,
				    "%s:%ld:%d: %s: %s", fname, rows[i].line,
				    P_ROLES, _("warning"), why);
				if (w == NULL || arena_grow(ctx->arena,
				    (void **)&r->warnings, r->nwarnings, &cap,
				    sizeof(*r->warnings)) != 0) {
					rc = import_fail(r, -2, fname, 1, 0,
					    "%s", _("out of memory (file too large)"));
					break;
				}
				r->warnings[r->nwarnings++] = w;
			}
	}
	buf_free(&names);
	return rc;
}

int
org_import_people(struct ctx *ctx, FILE *fp, const char *fname,
    struct import_result *r)
{
	struct rawfile raw;
	struct prow *rows = NULL;
	struct unit *units = NULL;
	struct person *people = NULL;
	struct strmap filemap, unitmap, dbmap;
	size_t nunits = 0, npeople = 0, i;
	int ret, k;

	memset(r, 0, sizeof(*r));
	if ((ret = import_read(ctx, fp, fname, people_header, 6, NULL, &raw, r)) < 0)
		return ret;
	if (db_begin(ctx->conn) != DB_OK)
		return import_fail(r, -2, fname, 1, 0, "%s",
		    _("could not start a database transaction"));
	if (org_unit_list(ctx, &units, &nunits) < 0 ||
	    org_person_list(ctx, &people, &npeople) < 0) {
		ret = import_fail(r, -2, fname, 1, 0, "%s",
		    _("could not read the existing units and people"));
		goto out;
	}
	rows = arena_alloc(ctx->arena, (raw.n + 1) * sizeof(*rows));
	if (rows == NULL || strmap_init(&filemap, ctx->arena, raw.n) < 0 ||
	    strmap_init(&unitmap, ctx->arena, nunits) < 0 ||
	    strmap_init(&dbmap, ctx->arena, npeople) < 0) {
		ret = import_fail(r, -2, fname, 1, 0, "%s",
		    _("out of memory (file too large)"));
		goto out;
	}
	for (i = 0; i < nunits; i++)
		strmap_put(&unitmap, units[i].code, (long)i);
	for (i = 0; i < npeople; i++) {
		const char *fold = login_fold(ctx->arena, people[i].login);

		if (fold == NULL) {
			ret = import_fail(r, -2, fname, 1, 0, "%s",
			    _("out of memory (file too large)"));
			goto out;
		}
		strmap_put(&dbmap, fold, (long)i);
	}

	/* Validate every row before writing anything. */
	for (i = 0; i < raw.n; i++) {
		struct prow *p = &rows[i];
		const char *bad = NULL, *fold;
		long first, u;

		p->line = raw.v[i].line;
		p->login = raw.v[i].f[0];
		p->name = raw.v[i].f[1];
		p->email = raw.v[i].f[2];
		p->unit = raw.v[i].f[3];
		p->party = raw.v[i].f[5];
		if ((ret = check_key(ctx, r, fname, p->line, P_LOGIN, p->login,
		    _("login is required"),
		    _("invalid login \"%s\": use 1-64 letters a-z or A-Z (not æ, ø, å), digits, '.', '_' or '-'"))) != 0 ||
		    (ret = check_name(r, fname, p->line, P_NAME, p->name)) != 0)
			goto out;
		if (p->email[0] != '\0' && !import_is_email(p->email)) {
			ret = import_fail(r, -1, fname, p->line, P_EMAIL,
			    _("invalid e-mail address \"%s\""),
			    csv_show(ctx->arena, p->email));
			goto out;
		}
		p->unit_id = 0;
		if (p->unit[0] != '\0') {
			if ((u = strmap_get(&unitmap, p->unit)) < 0) {
				ret = import_fail(r, -1, fname, p->line, P_UNIT,
				    _("unknown unit_code \"%s\""),
				    csv_show(ctx->arena, p->unit));
				goto out;
			}
			/* A file from before a reorganisation would put
			 * people back into a unit that no longer exists. */
			if (units[u].closed_at != 0) {
				ret = import_fail(r, -1, fname, p->line, P_UNIT,
				    _("unit_code \"%s\" is a closed unit"),
				    csv_show(ctx->arena, p->unit));
				goto out;
			}
			p->unit_id = units[u].id;
		}
		if (people_parse_roles(ctx->arena, raw.v[i].f[4], p, &bad) < 0) {
			ret = import_fail(r, -1, fname, p->line, P_ROLES,
			    _("unknown role \"%s\""),
			    csv_show(ctx->arena, bad ? bad : ""));
			goto out;
		}
		for (k = 0; k < p->nroles; k++)
			if (role_is_scoped(p->roles[k]) && p->unit_id == 0) {
				ret = import_fail(r, -1, fname, p->line, P_UNIT,
				    _("role \"%s\" applies to a unit: unit_code is required"),
				    role_name(p->roles[k]));
				goto out;
			}
		if (strlen(p->party) > IMPORT_PARTY_MAX ||
		    !import_is_text(p->party)) {
			ret = import_fail(r, -1, fname, p->line, P_PARTY,
			    _("invalid party (text of at most %d bytes)"),
			    IMPORT_PARTY_MAX);
			goto out;
		}
		/* Keyed without case: "Kari.As" beside "kari.as" would be two
		 * accounts that a sign-in by SSO (compared without case)
		 * cannot tell apart. */
		if ((fold = login_fold(ctx->arena, p->login)) == NULL) {
			ret = import_fail(r, -2, fname, 1, 0, "%s",
			    _("out of memory (file too large)"));
			goto out;
		}
		if ((first = strmap_put(&filemap, fold, (long)i)) >= 0) {
			if (strcmp(rows[first].login, p->login) == 0)
				ret = import_fail(r, -1, fname, p->line,
				    P_LOGIN,
				    _("duplicate login \"%s\" (first on line %ld)"),
				    p->login, rows[first].line);
			else
				ret = import_fail(r, -1, fname, p->line,
				    P_LOGIN,
				    _("login \"%s\" differs from \"%s\" on line %ld only in upper and lower case"),
				    p->login, rows[first].login,
				    rows[first].line);
			goto out;
		}
		p->db = strmap_get(&dbmap, fold);
		if (p->db >= 0 && strcmp(people[p->db].login, p->login) != 0) {
			ret = import_fail(r, -1, fname, p->line, P_LOGIN,
			    _("login \"%s\" differs from the existing login \"%s\" only in upper and lower case"),
			    p->login, people[p->db].login);
			goto out;
		}
	}

	for (i = 0; i < raw.n; i++) {
		struct prow *p = &rows[i];
		struct person want;
		struct roleset held = { NULL, 0 };
		int changed = 0;
		int64_t id;

		memset(&want, 0, sizeof(want));
		want.login = p->login;
		want.name = p->name;
		want.email = p->email[0] ? p->email : NULL;
		want.unit_id = p->unit_id;
		want.party = p->party[0] ? p->party : NULL;
		want.active = 1;
		if (p->db >= 0) {
			const struct person *old = &people[p->db];

			want.id = id = old->id;
			want.active = old->active;
			want.lang = old->lang;
			if (strcmp(old->name, want.name) != 0 ||
			    !str_eq_null(old->email, want.email) ||
			    old->unit_id != want.unit_id ||
			    !str_eq_null(old->party, want.party)) {
				if (org_person_update(ctx, &want) < 0) {
					ret = import_fail(r, -2, fname,
					    p->line, 0, "%s",
					    _("could not update the person"));
					goto out;
				}
				changed = 1;
			}
			if (org_roles_of(ctx, id, &held) < 0) {
				ret = import_fail(r, -2, fname, p->line, 0,
				    "%s", _("could not read the person's roles"));
				goto out;
			}
		} else {
			if ((id = org_person_create(ctx, &want)) <= 0) {
				ret = import_fail(r, -2, fname, p->line, 0,
				    "%s", _("could not create the person"));
				goto out;
			}
			changed = 1;
		}
		for (k = 0; k < p->nroles; k++) {
			int64_t scope = role_is_scoped(p->roles[k]) ?
			    p->unit_id : 0, grant;
			size_t j;

			for (j = 0; j < held.n; j++)
				if (held.v[j].role == p->roles[k] &&
				    held.v[j].unit_id == scope)
					break;
			if (j < held.n)
				continue;
			if ((grant = org_role_grant(ctx, id, p->roles[k],
			    scope)) <= 0) {
				ret = import_fail(r, -2, fname, p->line, grant ==
				    ORG_ERR_FORBIDDEN ? P_ROLES : 0,
				    "%s", grant == ORG_ERR_FORBIDDEN ?
				    _("nobody may grant themselves a role that receives whistleblowing cases") :
				    _("could not grant a role"));
				goto out;
			}
			changed = 1;
		}
		if (p->db >= 0)
			r->updated += changed;
		else
			r->created++;
	}
	if ((ret = people_warn_single(ctx, r, fname, rows, raw.n)) != 0)
		goto out;
	ret = 0;
out:
	return import_end(ctx, r, fname, ret);
}
