/* tx.c: joining the caller's transaction (store_tx.h), over any backend. */
#include "store/store.h"
#include "store/store_tx.h"

int
db_tx_join(struct dbconn *c, int *own)
{
	int rc;

	*own = 0;
	if (db_in_tx(c))
		return 0;
	if ((rc = db_begin(c)) != DB_OK)
		return rc;
	*own = 1;
	return 0;
}

int
db_tx_finish(struct dbconn *c, int own, int rc)
{
	int crc;

	if (!own)
		return rc;
	if (rc >= 0) {
		if ((crc = db_commit(c)) == DB_OK)
			return rc;
		db_rollback(c);
		return crc < 0 ? crc : DB_ERR;
	}
	db_rollback(c);
	return rc;
}
