/* checksum.c: the per-table checksum `orden migrate` compares between the
 * source and the target, over a canonical encoding of every row (see
 * migrate.h). Columns are taken in order of name, so the physical column
 * order of either database does not matter; the tenant's id in this
 * database is left out by the caller (it is what differs on purpose). */
#include "migrate/migrate.h"

#include <stdlib.h>
#include <string.h>

#define SUM_DOMAIN	"orden-migrate-v1"

enum { TAG_NULL = 0, TAG_INT = 1, TAG_TEXT = 2, TAG_BLOB = 3 };

/* Where encoded bytes go: a buffer (for tests and callers that keep the
 * bytes) or straight into a hash (no copy of large blobs). */
typedef void	(*sink_fn)(void *, const void *, size_t);

static void
be64(unsigned char b[8], uint64_t v)
{
	int i;

	for (i = 7; i >= 0; i--) {
		b[i] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
}

static void
put_u64(sink_fn put, void *arg, uint64_t v)
{
	unsigned char b[8];

	be64(b, v);
	put(arg, b, sizeof(b));
}

static void
encode_value(sink_fn put, void *arg, const struct migrate_value *v)
{
	unsigned char	tag, num[8];

	switch (v->type) {
	case DB_T_INT:
		tag = TAG_INT;
		put(arg, &tag, 1);
		put_u64(put, arg, sizeof(num));
		be64(num, (uint64_t)v->i);
		put(arg, num, sizeof(num));
		break;
	case DB_T_TEXT:
	case DB_T_BLOB:
		tag = v->type == DB_T_TEXT ? TAG_TEXT : TAG_BLOB;
		put(arg, &tag, 1);
		put_u64(put, arg, (uint64_t)v->len);
		if (v->len > 0)
			put(arg, v->p, v->len);
		break;
	default:
		tag = TAG_NULL;
		put(arg, &tag, 1);
		put_u64(put, arg, 0);
		break;
	}
}

static void
encode_row(sink_fn put, void *arg, const struct migrate_value *v, size_t n)
{
	size_t i;

	put_u64(put, arg, (uint64_t)n);
	for (i = 0; i < n; i++)
		encode_value(put, arg, &v[i]);
}

static void
sink_buf(void *arg, const void *p, size_t len)
{
	buf_append(arg, p, len);	/* sticky failure, checked by the caller */
}

static void
sink_hash(void *arg, const void *p, size_t len)
{
	crypto_generichash_update(arg, p, len);
}

int
migrate_row_encode(struct buf *out, const struct migrate_value *v, size_t n)
{
	encode_row(sink_buf, out, v, n);
	return buf_failed(out) ? -1 : 0;
}

void
migrate_value_get(struct dbstmt *st, int col, struct migrate_value *v)
{
	static const unsigned char empty[1];

	memset(v, 0, sizeof(*v));
	v->type = db_col_type(st, col);
	switch (v->type) {
	case DB_T_INT:
		v->i = db_col_int(st, col);
		break;
	case DB_T_TEXT:
		v->p = db_col_text(st, col);
		v->len = v->p != NULL ? strlen(v->p) : 0;
		break;
	case DB_T_BLOB:
		v->p = db_col_blob(st, col, &v->len);
		/* An empty blob may come back as NULL: keep it an empty blob,
		 * which binds as one (a NULL pointer would bind SQL NULL). */
		if (v->p == NULL || v->len == 0) {
			v->p = empty;
			v->len = 0;
		}
		break;
	default:
		v->type = DB_T_NULL;
		break;
	}
}

int
migrate_cols_from(struct migrate_cols *c, struct dbstmt *st,
    const char *const *skip)
{
	const char	*name, *const *s;
	char		*tn;
	int		 n, i, k;

	memset(c, 0, sizeof(*c));
	if ((n = db_col_count(st)) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if ((name = db_col_name(st, i)) == NULL || *name == '\0')
			goto fail;
		for (s = skip; s != NULL && *s != NULL; s++)
			if (strcmp(*s, name) == 0)
				break;
		if (s != NULL && *s != NULL)
			continue;
		if (c->n == MIGRATE_COLS_MAX)
			goto fail;
		if ((tn = strdup(name)) == NULL)
			goto fail;
		/* Insertion sort by name: a table has a few dozen columns. */
		for (k = (int)c->n; k > 0 && strcmp(c->name[k - 1], tn) > 0; k--) {
			c->name[k] = c->name[k - 1];
			c->idx[k] = c->idx[k - 1];
		}
		c->name[k] = tn;
		c->idx[k] = i;
		c->n++;
	}
	/* Two columns of one name would make the order ambiguous. */
	for (k = 1; k < (int)c->n; k++)
		if (strcmp(c->name[k - 1], c->name[k]) == 0)
			goto fail;
	return 0;
fail:
	migrate_cols_free(c);
	return -1;
}

void
migrate_cols_free(struct migrate_cols *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->name[i]);
	memset(c, 0, sizeof(*c));
}

void
migrate_sum_init(struct migrate_sum *s, const char *table)
{
	memset(s, 0, sizeof(*s));
	crypto_generichash_init(&s->h, NULL, 0, MIGRATE_SUM_LEN);
	crypto_generichash_update(&s->h, (const unsigned char *)SUM_DOMAIN,
	    sizeof(SUM_DOMAIN));
	put_u64(sink_hash, &s->h, (uint64_t)strlen(table));
	crypto_generichash_update(&s->h, (const unsigned char *)table,
	    strlen(table));
}

/* The column names, once, before the first row: a column renamed or
 * missing on one side changes the sum even when the values agree. */
static void
sum_names(struct migrate_sum *s, const char *const *names, size_t n)
{
	size_t i;

	if (s->named)
		return;
	s->named = 1;
	put_u64(sink_hash, &s->h, (uint64_t)n);
	for (i = 0; i < n; i++) {
		put_u64(sink_hash, &s->h, (uint64_t)strlen(names[i]));
		crypto_generichash_update(&s->h,
		    (const unsigned char *)names[i], strlen(names[i]));
	}
}

void
migrate_sum_values(struct migrate_sum *s, const char *const *names,
    const struct migrate_value *v, size_t n)
{
	sum_names(s, names, n);
	encode_row(sink_hash, &s->h, v, n);
	s->rows++;
}

void
migrate_sum_row(struct migrate_sum *s, const struct migrate_cols *c,
    struct dbstmt *st)
{
	struct migrate_value	v[MIGRATE_COLS_MAX];
	size_t			i;

	for (i = 0; i < c->n; i++)
		migrate_value_get(st, c->idx[i], &v[i]);
	migrate_sum_values(s, (const char *const *)c->name, v, c->n);
}

void
migrate_sum_final(struct migrate_sum *s, unsigned char out[MIGRATE_SUM_LEN])
{
	put_u64(sink_hash, &s->h, (uint64_t)s->rows);
	crypto_generichash_final(&s->h, out, MIGRATE_SUM_LEN);
}
