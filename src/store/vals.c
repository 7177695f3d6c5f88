/* vals.c: see store_vals.h. */
#include "store/store_vals.h"

#include "store/store.h"

void
db_bind_vals(struct dbstmt *st, int first, const struct db_val *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		int idx = first + (int)i;

		if (v[i].t == DB_V_INT)
			(void)db_bind_int(st, idx, v[i].i);
		else if (v[i].t == DB_V_TEXT)
			(void)db_bind_text(st, idx, v[i].s);
		else
			(void)db_bind_null(st, idx);
	}
}

int
db_run_tenant(struct dbconn *c, int64_t tenant_id, const char *sql,
    const struct db_val *v, size_t n)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(c, tenant_id, sql, &st)) != DB_OK)
		return rc;
	db_bind_vals(st, 2, v, n);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}
