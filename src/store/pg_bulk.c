/* pg_bulk.c: db_conn_bulk and db_bulk_analyze on PostgreSQL (store.h).
 *
 * A bulk connection sends its writes ahead in any transaction, as group
 * commit's savepoints do (pg_stmt.c stmt_defer): a write that answers no
 * rows travels with the next statement that needs an answer, and its
 * failure fails that one (the transaction is aborted either way on
 * PostgreSQL). The import replays each row through the model, about 15
 * statements of which 3 are such writes, and at its end writes the kept
 * counts it summed, some 3 upserts per row, which now go 64 to a round
 * trip instead of one each.
 *
 * Every statement runs with a generic plan made once per connection
 * (pg_connect.c, plan_cache_mode), and the foreign-key checks the server
 * runs for each written row keep theirs for the whole session too. A plan
 * is made again when the planner's figures of one of its tables change
 * (ANALYZE sends the invalidation), which autovacuum does after commits.
 * One transaction that fills nearly empty tables (orden import
 * deviations into a new municipality) never gets there: its plans were
 * made when the tables held nothing, where every index costs the same,
 * and the one chosen for "tenant_id = $1 AND id = $2" on deviations was
 * (tenant_id, reported_at, id, ...), which reads every row of the
 * municipality to find one. The lookup grew with the rows, and the import
 * with their square: 5,000 rows 26 s, 10,000 82 s (w14-pgwrite).
 *
 * ANALYZE inside the transaction counts the rows it has written itself,
 * so the tables it wrote are analyzed from there. The figures reach
 * pg_class in place (not undone by a rollback; autovacuum puts them right
 * again), and a table this role does not own is skipped with a warning
 * (logged). Each table analyzed stays locked against VACUUM, ANALYZE and
 * schema changes (not against reads and writes) until the transaction
 * ends: autovacuum passes over it for the import's length. */
#include "store/store.h"

#include "store/backend.h"
#include "store/pg_int.h"

/* Fixed text: the tables come from the catalog (what this transaction
 * has written so far), never from input. */
static const char SQL_ANALYZE_WRITTEN[] =
    "DO $$DECLARE r record; BEGIN"
    " FOR r IN SELECT relid FROM pg_stat_xact_user_tables"
    "  WHERE n_tup_ins + n_tup_upd + n_tup_del > 0 LOOP"
    "  EXECUTE format('ANALYZE %s', r.relid::regclass);"
    " END LOOP; END $$";

int
pg_conn_bulk(struct dbconn *conn, int on)
{
	struct pg_conn *c = PG_CONN(conn);

	c->bulk = on;
	/* Back to one round trip per statement: the answers first. */
	return on ? DB_OK : pg_flush(c, NULL, NULL);
}

int
pg_bulk_analyze(struct dbconn *conn)
{
	struct pg_conn *c = PG_CONN(conn);

	if (!c->in_tx)
		return DB_OK;
	/* With the answers of any writes sent ahead, in one round trip. */
	return pg_flush(c, SQL_ANALYZE_WRITTEN, NULL);
}
