/* pg_col.c: reading the columns of the current row of a PostgreSQL
 * statement (pg_stmt.c fetched the whole result at its first step).
 *
 * Where PostgreSQL differs from SQLite, and what this file does about it:
 * results come as text. db_col_int parses integers, 't'/'f' booleans (1/0)
 * and numerics (truncated toward zero, as SQLite converts a real);
 * db_col_blob decodes bytea, kept until the next step or reset, and reads
 * a zero-length blob as NULL with length 0, as sqlite3_column_blob does. */
#include "store/store.h"

#include <ctype.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"
#include "util/log.h"

/* The value at col of the current row, or NULL (SQL NULL, no row, no
 * such column). */
static const char *
value(struct pg_stmt *s, int col)
{
	if (s->res == NULL || s->row < 0 || s->row >= PQntuples(s->res) ||
	    col < 0 || col >= PQnfields(s->res) ||
	    PQgetisnull(s->res, s->row, col))
		return NULL;
	return PQgetvalue(s->res, s->row, col);
}

int
pg_col_is_null(struct dbstmt *st, int col)
{
	return value(PG_STMT(st), col) == NULL;
}

/* Text to integer the way SQLite converts: leading integer digits, a
 * fraction truncated toward zero; 't'/'f' are PostgreSQL's booleans;
 * anything else is 0. */
static int64_t
parse_int(const char *v)
{
	const char	*p = v;
	uint64_t	 n = 0;
	double		 d;
	int		 neg = 0, any = 0;

	if (strcmp(v, "t") == 0)
		return 1;
	if (strcmp(v, "f") == 0)
		return 0;
	if (*p == '-' || *p == '+')
		neg = *p++ == '-';
	for (; isdigit((unsigned char)*p); p++) {
		any = 1;
		if (n > (UINT64_MAX - 9) / 10) {
			n = UINT64_MAX;	/* clamped below */
			continue;
		}
		n = n * 10 + (uint64_t)(*p - '0');
	}
	if (*p == 'e' || *p == 'E' || !any) {
		/* A float8 in exponent form, or Infinity/NaN. */
		d = strtod(v, NULL);
		if (isnan(d))
			return 0;
		if (d >= 9223372036854775807.0)
			return INT64_MAX;
		if (d <= -9223372036854775808.0)
			return INT64_MIN;
		return (int64_t)d;
	}
	if (neg)
		return n > (uint64_t)INT64_MAX ? INT64_MIN : -(int64_t)n;
	return n > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)n;
}

int64_t
pg_col_int(struct dbstmt *st, int col)
{
	const char *v = value(PG_STMT(st), col);

	return v != NULL ? parse_int(v) : 0;
}

const char *
pg_col_text(struct dbstmt *st, int col)
{
	return value(PG_STMT(st), col);
}

const void *
pg_col_blob(struct dbstmt *st, int col, size_t *len)
{
	struct pg_stmt	*s = PG_STMT(st);
	const char	*v;
	size_t		 n = 0;
	const void	*p = NULL;

	if ((v = value(s, col)) == NULL)
		goto out;
	if (PQftype(s->res, col) != PG_OID_BYTEA) {
		/* Like SQLite: a text value read as a blob is its bytes. */
		n = (size_t)PQgetlength(s->res, s->row, col);
		p = n > 0 ? v : NULL;
		goto out;
	}
	if (s->blobs[col].p == NULL &&
	    (s->blobs[col].p = PQunescapeBytea((const unsigned char *)v,
	    &s->blobs[col].n)) == NULL) {
		log_event("db_error", "op", "col_blob", "msg", "out of memory",
		    "sql", s->sql, NULL);
		goto out;
	}
	p = s->blobs[col].p;
	n = s->blobs[col].n;
out:
	if (len != NULL)
		*len = n;
	return n > 0 ? p : NULL;
}

int
pg_col_count(struct dbstmt *st)
{
	const PGresult *r = pg_stmt_shape(PG_STMT(st));

	return r != NULL ? PQnfields(r) : 0;
}

const char *
pg_col_name(struct dbstmt *st, int col)
{
	const PGresult *r = pg_stmt_shape(PG_STMT(st));

	if (r == NULL || col < 0 || col >= PQnfields(r))
		return NULL;
	return PQfname(r, col);
}

enum db_type
pg_col_type(struct dbstmt *st, int col)
{
	struct pg_stmt *s = PG_STMT(st);

	if (value(s, col) == NULL)
		return DB_T_NULL;
	switch (PQftype(s->res, col)) {
	case PG_OID_BOOL:
	case PG_OID_INT2:
	case PG_OID_INT4:
	case PG_OID_INT8:
	case PG_OID_OID:
	case PG_OID_NUMERIC:
	case PG_OID_FLOAT4:	/* the schema has none; an aggregate may */
	case PG_OID_FLOAT8:
		return DB_T_INT;
	case PG_OID_BYTEA:
		return DB_T_BLOB;
	default:
		return DB_T_TEXT;
	}
}

