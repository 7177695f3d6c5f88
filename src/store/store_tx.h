/* store_tx.h: transaction state of a connection, for code that must know
 * whether its caller already opened a transaction (audit_append opens its
 * own only when none is open). Kept apart from store.h, which is a shared
 * contract; every backend implements it. */
#ifndef ORDEN_STORE_TX_H
#define ORDEN_STORE_TX_H

#include <stdint.h>

struct dbconn;

/* 1 while a transaction is open on the connection (db_begin without its
 * db_commit/db_rollback yet), 0 otherwise. */
int	db_in_tx(struct dbconn *);

/* Model functions run inside their caller's transaction when one is open,
 * else in their own. db_tx_join opens one only when none is open and says
 * so in *own (0 or a db_rc). db_tx_finish ends what it began: with own, it
 * commits when rc >= 0 (returning rc, or the commit's error after a
 * rollback) and rolls back otherwise; without own it returns rc and leaves
 * the transaction to the caller. */
int	db_tx_join(struct dbconn *, int *own);
int	db_tx_finish(struct dbconn *, int own, int rc);

/* The generation of tenant_id's data (migrations/sqlite/0045): larger
 * after every commit that wrote in the tenant, or wrote naming no tenant;
 * unchanged by writes that change no answer (sessions, login throttles:
 * store.c). For the cache of whole answers (src/http/cache.c). DB_OK with
 * *gen, or a db_rc. */
int	db_cache_gen(struct dbconn *, int64_t tenant_id, int64_t *gen);
/* The same and, read in the same statement, the identity generation of
 * tenant_id (migrations/sqlite/0049): larger after every commit that
 * wrote something authenticating a request reads (a session ended, a
 * token revoked, a person, role, password or second factor changed, a
 * tenant changed: store.c). For the cache of who is asking
 * (src/http/ident.c). DB_OK with both, or a db_rc. */
int	db_gens(struct dbconn *, int64_t tenant_id, int64_t *gen,
	    int64_t *ident);
/* How often db_gens, since the process started, answered from what it
 * kept (no statement) and how often it read: for /metrics, where a
 * backend whose mark does not work shows as reads only. */
void	db_gens_counts(uint64_t *kept, uint64_t *read);

#endif
