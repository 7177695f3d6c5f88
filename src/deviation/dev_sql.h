/* dev_sql.h: the columns and joins every statement that reads whole
 * deviations shares (one deviation, the keyset lists), so that
 * dev_row_fill reads them in one order. Only string literals: the
 * statements built from them are still static constants (store.h keys its
 * cache by the pointer). Which deviations a person may see is list.c's
 * (its scope terms) and authz/'s. */
#ifndef ORDEN_DEV_SQL_H
#define ORDEN_DEV_SQL_H

#include "org/ancestry.h"

/* The names DEV_SQL_COLS reads beside d's own columns. */
#define DEV_SQL_JOINS \
    " LEFT JOIN categories c ON c.id = d.category_id AND c.tenant_id = d.tenant_id" \
    " LEFT JOIN units u ON u.id = d.unit_id AND u.tenant_id = d.tenant_id" \
    " LEFT JOIN people p ON p.id = d.reporter_id AND p.tenant_id = d.tenant_id"
#define DEV_SQL_FROM \
    " FROM deviations d" DEV_SQL_JOINS

struct ctx;
struct dbstmt;
struct deviation;

/* The columns dev_row_fill reads, in order, from DEV_SQL_FROM's aliases. */
#define DEV_SQL_COLS \
    "d.id, d.number, d.kind, d.title, d.description, d.category_id, c.code," \
    " c.name, d.unit_id, u.name, d.handler_unit_id, d.place, d.occurred_at," \
    " d.reported_at, d.reporter_id, p.name, d.severity, d.immediate_action," \
    " d.concerns_leader, d.personal_data, d.status, d.ack_due_at, d.due_at," \
    " d.acknowledged_at, d.closed_at, d.cause, d.consequence, d.summary," \
    " d.return_reason, d.handler_role, d.document_id, c.safety_rep"
#define DEV_SQL_NCOLS 32
/* The same columns for a page shown as a table (dev_filter.table): d's
 * own, without its long texts (the description read as '', the others
 * NULL), and no joined name (the caller has the units and categories,
 * the table shows no reporter): read from deviations d alone. */
#define DEV_SQL_COLS_TABLE \
    "d.id, d.number, d.kind, d.title, '', d.category_id, NULL, NULL," \
    " d.unit_id, NULL, d.handler_unit_id, NULL, d.occurred_at," \
    " d.reported_at, d.reporter_id, NULL, d.severity, NULL," \
    " d.concerns_leader, d.personal_data, d.status, d.ack_due_at, d.due_at," \
    " d.acknowledged_at, d.closed_at, NULL, NULL, NULL, NULL," \
    " d.handler_role, d.document_id, NULL"
int	dev_row_fill(struct ctx *, struct dbstmt *, struct deviation *);

#endif
