/* fixture_db.h: a fresh migrated database in a temporary directory, a
 * connection and a request-like context, for unit tests of the data layer.
 * Header-only (static inline) so each test program stays one file. */
#ifndef ORDEN_FIXTURE_DB_H
#define ORDEN_FIXTURE_DB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ctx.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/log.h"

struct fixture {
	char		 dir[64];
	char		 path[128];
	struct db	*db;
	struct dbconn	*conn;
	struct arena	*arena;
};

/* 0 or -1. The database is at f->path, open with a pool of `pool`. */
static inline int
fixture_open(struct fixture *f, int pool)
{
	memset(f, 0, sizeof(*f));
	log_set_quiet(getenv("ORDEN_TEST_LOG") == NULL);
	snprintf(f->dir, sizeof(f->dir), "/tmp/orden-test-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	if (snprintf(f->path, sizeof(f->path), "%s/orden.db", f->dir) >=
	    (int)sizeof(f->path))
		return -1;
	if (db_open(&f->db, f->path, pool) != 0)
		return -1;
	f->conn = db_acquire(f->db);
	if ((f->arena = arena_new(16u * 1024 * 1024)) == NULL)
		return -1;
	return 0;
}

/* Close and open again (e.g. to see what is durable). 0 or -1. */
static inline int
fixture_reopen(struct fixture *f, int pool)
{
	db_release(f->db, f->conn);
	db_close(f->db);
	f->db = NULL;
	f->conn = NULL;
	if (db_open(&f->db, f->path, pool) != 0)
		return -1;
	f->conn = db_acquire(f->db);
	return 0;
}

static inline void
fixture_close(struct fixture *f)
{
	char p[160];

	if (f->db != NULL) {
		if (f->conn != NULL)
			db_release(f->db, f->conn);
		db_close(f->db);
	}
	arena_free(f->arena);
	if (f->path[0] != '\0') {
		unlink(f->path);
		if (snprintf(p, sizeof(p), "%s-wal", f->path) < (int)sizeof(p))
			unlink(p);
		if (snprintf(p, sizeof(p), "%s-shm", f->path) < (int)sizeof(p))
			unlink(p);
	}
	if (f->dir[0] != '\0')
		rmdir(f->dir);
	memset(f, 0, sizeof(*f));
}

/* A context for tenant_id acting as user (NULL = the system). */
static inline void
fixture_ctx(struct fixture *f, struct ctx *c, int64_t tenant_id,
    struct person *user)
{
	memset(c, 0, sizeof(*c));
	c->db = f->db;
	c->conn = f->conn;
	c->arena = f->arena;
	c->tenant_id = tenant_id;
	c->user = user;
	c->lang = "en";
	c->now = 1767225600;	/* 2026-01-01T00:00:00Z */
	c->remote_addr = "127.0.0.1";
}

/* One integer from fixed SQL (no parameters); -999 on any failure. */
static inline int64_t
fixture_int(struct dbconn *c, const char *sql)
{
	struct dbstmt	*st;
	int64_t		 v = -999;

	if (db_prepare(c, sql, &st) != DB_OK)
		return v;
	if (db_step(st) == DB_ROW)
		v = db_col_int(st, 0);
	db_reset(st);
	return v;
}

#endif
