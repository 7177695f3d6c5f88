/* mig_int.h: what the files of src/migrate/ share. Private to the module. */
#ifndef ORDEN_MIG_INT_H
#define ORDEN_MIG_INT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "migrate/migrate.h"
#include "org/org.h"

struct arena;

#define MIG_URL_MAX	1024
/* A table's order is at most this many columns of at most this length. */
#define MIG_KEYS_MAX	4
#define MIG_KEY_NAME	64
/* Rows read per statement (migrate_opts.page of 0). */
#define MIG_PAGE	1000
/* Rows one INSERT writes on PostgreSQL, and the parameters it may bind
 * (the protocol allows 65,535). */
#define MIG_CHUNK_ROWS		100
#define MIG_CHUNK_PARAMS	8000

/* One run of orden migrate. */
struct mig {
	const struct migrate_opts *o;
	FILE		*out;
	char		*msg;		/* the caller's, msgsz long */
	size_t		 msgsz;
	char		 from_shown[MIG_URL_MAX];	/* without password */
	char		 to_shown[MIG_URL_MAX];
	struct db	*sdb, *tdb;
	struct dbconn	*src, *dst;
	struct arena	*arena;
	struct tenant	 st;		/* the source tenant */
	int64_t		 dst_tid;	/* the tenant's id in the target */
	const char	*host;		/* its host in the target; may be NULL */
	int		 filled;	/* an existing empty tenant was filled */
	int64_t		 replaced_audit;	/* that tenant's own audit rows */
	int64_t		 rows;		/* rows copied in all */
	int64_t		 audit_rows;	/* of them, the audit log's */
	size_t		 page;		/* rows read per statement */
};

/* One table's verification. */
struct mig_result {
	int64_t		 src_rows, dst_rows;
	unsigned char	 src_sum[MIGRATE_SUM_LEN], dst_sum[MIGRATE_SUM_LEN];
};

/* Set m->msg; always returns rc, so that "return mig_say(...)" reads. */
int	mig_say(struct mig *, int rc, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* Bind v as parameter idx. DB_OK or an error. */
int	mig_bind(struct dbstmt *, int idx, const struct migrate_value *);

/* "INSERT INTO table (first, cols...) VALUES ($1, $2, ...), ($1, ...)"
 * for rows rows of the columns of cols (first, if not NULL, is $1 in
 * every row), into b. 0 or -1. */
int	mig_insert_sql(struct buf *b, const char *table, const char *first,
	    const struct migrate_cols *cols, size_t rows);

/* target.c: inside the target's transaction, find or make the tenant the
 * municipality goes into (m->dst_tid, m->host, m->filled), copying the
 * source's tenant row (name, created_at, uid, audit_seq, audit_head, ...)
 * and verifying it into r. MIGRATE_OK, or REFUSED/FAILED with m->msg. */
enum migrate_rc	 mig_target_tenant(struct mig *, struct mig_result *r);

/* copy.c: copy one table of the list and read it back (r). MIGRATE_OK, or
 * FAILED with m->msg set (a mismatch is not a failure here: the caller
 * compares r). */
enum migrate_rc	 mig_copy_table(struct mig *, const struct migrate_table *,
		    struct mig_result *r);

/* Print one line of the verification table; 1 when source and target
 * agree. */
int	mig_report_line(struct mig *, const char *table,
	    const struct mig_result *);

#endif
