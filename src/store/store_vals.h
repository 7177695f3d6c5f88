/* store_vals.h: a statement's parameters as a list of values, so that a
 * write of a few values is one call and a key of several columns is one
 * array: DB_RUN(conn, tenant_id, sql, DB_I(id), DB_T(text), DB_N).
 * Built on store.h only; kept apart from it, which is a shared contract. */
#ifndef ORDEN_STORE_VALS_H
#define ORDEN_STORE_VALS_H

#include <stddef.h>
#include <stdint.h>

struct dbconn;
struct dbstmt;

/* One bound value. */
struct db_val {
	enum { DB_V_INT, DB_V_TEXT, DB_V_NULL } t;
	int64_t		 i;
	const char	*s;	/* DB_V_TEXT: NULL binds NULL; borrowed */
};
#define DB_I(x)		{ DB_V_INT, (x), NULL }
#define DB_T(x)		{ DB_V_TEXT, 0, (x) }
#define DB_N		{ DB_V_NULL, 0, NULL }
/* An id that is absent when 0 or less: NULL then. */
#define DB_OPT(x)	((x) > 0 ? (struct db_val)DB_I(x) : (struct db_val)DB_N)

/* Bind v[0..n-1] as $first, $first + 1, ... A failed bind is kept by the
 * statement and fails its step (store.h). */
void	db_bind_vals(struct dbstmt *, int first, const struct db_val *v,
	    size_t n);
/* Prepare sql for tenant_id ($1), bind v as $2, $3, ..., and step it to
 * its end once: a write. 0, or a DB_* error (also when it yields a row). */
int	db_run_tenant(struct dbconn *, int64_t tenant_id, const char *sql,
	    const struct db_val *v, size_t n);
#define DB_RUN(conn, tenant_id, sql, ...)				\
	db_run_tenant((conn), (tenant_id), (sql),			\
	    (const struct db_val[]){ __VA_ARGS__ },			\
	    sizeof((const struct db_val[]){ __VA_ARGS__ }) /		\
	    sizeof(struct db_val))

#endif
