/* migrate.h: `orden migrate`: move one municipality (tenant) from one
 * database to another, any backend to any backend (the common case: from
 * the SQLite file it started in to PostgreSQL), keeping every id.
 *
 * The whole copy is one transaction on the target with its foreign keys
 * deferred. Each table of the program's own list (tables.c, parents first)
 * is read from the source in key order and inserted into the target with
 * tenant_id rewritten to the target's tenant; then the table is read back
 * inside the transaction and its row count and checksum (BLAKE2b over a
 * canonical encoding of every row, checksum.c) must equal the source's, or
 * everything is rolled back. Table and column names never come from input:
 * the tables are listed here, the columns are what the database says the
 * listed table has.
 *
 * The tenant keeps its uid (its identity in the audit chain's hashes and in
 * the associated data of wrapped person keys), audit_seq and audit_head, so
 * the chain verifies and every key opens in the target. */
#ifndef ORDEN_MIGRATE_H
#define ORDEN_MIGRATE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <sodium.h>

#include "store/store.h"
#include "util/buf.h"

/* --- the run ------------------------------------------------------------ */

struct migrate_opts {
	const char	*from;		/* source URL (sqlite:PATH, a path, postgres://...) */
	const char	*to;		/* target URL */
	const char	*tenant;	/* source tenant by host; NULL: the only one */
	const char	*to_host;	/* host in the target; NULL: the source's */
	const char	*from_key;	/* source's audit key file; NULL: the default */
	const char	*to_key;	/* target's audit key file; NULL: the default */
	size_t		 page;		/* rows read per statement; 0: 1,000 (tests
					   walk the tables in pages of a few) */
};

enum migrate_rc {
	MIGRATE_OK = 0,		/* committed and verified */
	MIGRATE_REFUSED = 1,	/* nothing done: the target or the request is wrong */
	MIGRATE_FAILED = 2,	/* a database or verification failure; rolled back */
	MIGRATE_AUDIT = 3,	/* committed, but the target's audit chain is broken */
};

/* Move the municipality. Progress and the verification table go to out;
 * on any result but MIGRATE_OK, msg says why in one line (URLs shown
 * without passwords). The target is unchanged unless MIGRATE_OK or
 * MIGRATE_AUDIT. The store logs its own errors to stderr. */
enum migrate_rc	 migrate_run(const struct migrate_opts *, FILE *out,
		    char *msg, size_t msgsz);

/* --- the tables (tables.c) ---------------------------------------------- */

struct migrate_table {
	const char	*name;
	/* ORDER BY: a key unique within a tenant, the same on both sides
	 * since ids are kept. */
	const char	*order;
	/* Rows a new municipality gets before it holds any data (seeded
	 * categories and settings, its recovery key, its first audit rows).
	 * They do not make a target tenant "not empty"; filling an empty
	 * tenant replaces them with the source's. */
	int		 seed;
};

/* Every tenant-owned table that is copied, parents before children. */
extern const struct migrate_table	 migrate_tables[];
extern const size_t			 migrate_ntables;
/* Tenant-owned tables left out on purpose, NULL-terminated: sessions,
 * login failures and receipt sessions are ephemeral (people sign in again;
 * reporters open their case again with their receipt code). */
extern const char *const		 migrate_skipped[];
/* Tables that are no municipality's data (tenants itself is written by
 * target.c; schema_migrations is each database's own bookkeeping),
 * NULL-terminated. */
extern const char *const		 migrate_not_tenant_data[];

/* Whether every table in the database at c is copied, skipped or not
 * tenant data. Names of the others, comma separated, into uncovered.
 * 0 all covered, > 0 how many are not, negative on a database error. */
int	 migrate_schema_check(struct dbconn *c, struct buf *uncovered);

/* --- checksums (checksum.c) --------------------------------------------- */

#define MIGRATE_SUM_LEN	32	/* BLAKE2b-256 */

/* One value as read from a row. p/len for TEXT and BLOB (p may be NULL
 * when len is 0), i for INT. Borrowed. */
struct migrate_value {
	enum db_type	 type;
	int64_t		 i;
	const void	*p;
	size_t		 len;
};

/* The canonical encoding of one row: the number of values as 8 bytes big
 * endian, then per value a type tag byte (NULL, INT, TEXT, BLOB), 8 bytes
 * big-endian length and the bytes (an INT as 8 bytes big endian). Every
 * value is self-delimiting and typed, so no two different rows encode
 * alike: NULL, '' and an empty blob differ, and ("ab","c") is not
 * ("a","bc"). Appended to out; 0 or -1 when out is full. */
int	 migrate_row_encode(struct buf *out, const struct migrate_value *v,
	    size_t n);

/* The columns of a result in canonical order (by name, tenant-neutral
 * columns left out), so that two databases whose tables order their
 * columns differently still agree. */
#define MIGRATE_COLS_MAX	128
struct migrate_cols {
	size_t		 n;
	int		 idx[MIGRATE_COLS_MAX];		/* result column index */
	char		*name[MIGRATE_COLS_MAX];	/* owned; migrate_cols_free */
};

/* From the current row's result shape, without the columns named in
 * skip (NULL-terminated; may be NULL). 0, or -1 (too many columns, out of
 * memory, a column without a name). */
int	 migrate_cols_from(struct migrate_cols *, struct dbstmt *,
	    const char *const *skip);
void	 migrate_cols_free(struct migrate_cols *);

/* A table's checksum: BLAKE2b-256 over a domain tag, the table name, then
 * (at the first row) the canonical column names, every row's encoding in
 * key order, and at the end the row count. */
struct migrate_sum {
	crypto_generichash_state h;
	int64_t		 rows;
	int		 named;		/* column names absorbed */
};

void	 migrate_sum_init(struct migrate_sum *, const char *table);
/* Absorb one row given as values in canonical column order. */
void	 migrate_sum_values(struct migrate_sum *, const char *const *names,
	    const struct migrate_value *v, size_t n);
/* Absorb the current row of st in the order of cols. */
void	 migrate_sum_row(struct migrate_sum *, const struct migrate_cols *,
	    struct dbstmt *);
void	 migrate_sum_final(struct migrate_sum *,
	    unsigned char out[MIGRATE_SUM_LEN]);

/* Column col of the current row of st as a value (borrowed until the next
 * db_step or db_reset). */
void	 migrate_value_get(struct dbstmt *, int col, struct migrate_value *);

/* --- URLs (url.c) ------------------------------------------------------- */

/* url with any password replaced by "***" (the user:PASSWORD@ part of a
 * URL and a password=... parameter), into out (always terminated). */
void	 migrate_url_redact(const char *url, char *out, size_t outsz);
/* 0 when url names a backend the store knows (a path, sqlite:PATH,
 * postgres:// or postgresql://), -1 otherwise. */
int	 migrate_url_known(const char *url);
/* The file path of a SQLite URL, or NULL for another backend. Borrowed
 * from url. */
const char	*migrate_url_sqlite_path(const char *url);

#endif
