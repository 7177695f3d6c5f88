/* run.c: db_run (store.h), the step-to-the-end every write repeats. */
#include "store/store.h"

int
db_run(struct dbstmt *st, int64_t *id)
{
	int rc = db_step(st);

	if (rc == DB_ROW && id != NULL)
		*id = db_col_int(st, 0);
	db_reset(st);
	if (rc == DB_ROW || rc == DB_DONE)
		return 0;
	return rc < 0 ? rc : DB_ERR;
}
