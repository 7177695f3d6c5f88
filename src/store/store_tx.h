/* store_tx.h: transaction state of a connection, for code that must know
 * whether its caller already opened a transaction (audit_append opens its
 * own only when none is open). Kept apart from store.h, which is a shared
 * contract; every backend implements it. */
#ifndef ORDEN_STORE_TX_H
#define ORDEN_STORE_TX_H

struct dbconn;

/* 1 while a transaction is open on the connection (db_begin without its
 * db_commit/db_rollback yet), 0 otherwise. */
int	db_in_tx(struct dbconn *);

#endif
