/* demo_copy.c: see demo_copy.h. */
#include "demo_copy.h"

#include <errno.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define URL_MAX		512
#define NAME_MAX_PG	64
#define COPY_TRIES	50	/* 100 ms each: the template busy for 5 s at most */

/* This program's own template, when the runner made none: a directory
 * (SQLite) or a database name (PostgreSQL), removed at exit. */
static char	own_dir[32];
static char	own_pg[NAME_MAX_PG];

/* base (ORDEN_TEST_PG) with the word DBNAME replaced by name. */
static int
pg_url_for(const char *name, char *out, size_t outsz)
{
	const char	*base = getenv("ORDEN_TEST_PG"), *at;
	int		 n;

	if (base == NULL || (at = strstr(base, "DBNAME")) == NULL)
		return -1;
	n = snprintf(out, outsz, "%.*s%s%s", (int)(at - base), base, name, at + 6);
	return n > 0 && (size_t)n < outsz ? 0 : -1;
}

/* The database name in url, a URL made from ORDEN_TEST_PG. */
static int
pg_name_of(const char *url, char *out, size_t outsz)
{
	const char	*base = getenv("ORDEN_TEST_PG"), *at;
	size_t		 pre, post, len = strlen(url);

	if (base == NULL || (at = strstr(base, "DBNAME")) == NULL)
		return -1;
	pre = (size_t)(at - base);
	post = strlen(at + 6);
	if (len < pre + post + 1 || len - pre - post >= outsz ||
	    strncmp(url, base, pre) != 0 || strcmp(url + len - post, at + 6) != 0)
		return -1;
	memcpy(out, url + pre, len - pre - post);
	out[len - pre - post] = '\0';
	return 0;
}

/* Run one statement on the cluster's maintenance database. 0 done, 1 the
 * template was in use (SQLSTATE 55006: try again), -1 failed. */
static int
pg_exec(const char *sql)
{
	char		 url[URL_MAX];
	PGconn		*m;
	PGresult	*r;
	const char	*state;
	int		 rc = -1;

	if (pg_url_for("postgres", url, sizeof(url)) != 0)
		return -1;
	m = PQconnectdb(url);
	if (PQstatus(m) != CONNECTION_OK) {
		fprintf(stderr, "demo_copy: %s", PQerrorMessage(m));
		PQfinish(m);
		return -1;
	}
	r = PQexec(m, sql);
	state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	if (PQresultStatus(r) == PGRES_COMMAND_OK)
		rc = 0;
	else if (state != NULL && strcmp(state, "55006") == 0)
		rc = 1;
	else
		fprintf(stderr, "demo_copy: %s: %s", sql, PQerrorMessage(m));
	PQclear(r);
	PQfinish(m);
	return rc;
}

static void
drop_own(void)
{
	char cmd[128];

	if (own_pg[0] != '\0') {
		snprintf(cmd, sizeof(cmd), "DROP DATABASE IF EXISTS %s", own_pg);
		(void)pg_exec(cmd);
	}
	if (own_dir[0] != '\0') {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", own_dir);
		if (system(cmd) < 0) {}
	}
}

/* The template's SQLite path or PostgreSQL name, made now if the runner
 * made none. NULL when it cannot be made. */
static const char *
template(int pg)
{
	static char	 path[URL_MAX];
	const char	*env = getenv(pg ? "ORDEN_TEST_DEMO_PG" : "ORDEN_TEST_DEMO_DB");
	char		 url[URL_MAX], name[NAME_MAX_PG];

	if (env != NULL && *env != '\0')
		return env;
	if (pg) {
		if (own_pg[0] != '\0')
			return own_pg;
		snprintf(name, sizeof(name), "orden_demo_%ld", (long)getpid());
		if (pg_url_for(name, url, sizeof(url)) != 0 ||
		    orden_run(NULL, "demo", "--db", url, NULL) != 0)
			return NULL;
		snprintf(own_pg, sizeof(own_pg), "%s", name);
		return atexit(drop_own) == 0 ? own_pg : NULL;
	}
	if (path[0] != '\0')
		return path;
	if (own_dir[0] == '\0') {
		snprintf(own_dir, sizeof(own_dir), "/tmp/orden-demo-XXXXXX");
		if (mkdtemp(own_dir) == NULL || atexit(drop_own) != 0) {
			own_dir[0] = '\0';
			return NULL;
		}
	}
	snprintf(url, sizeof(url), "%s/orden.db", own_dir);
	if (orden_run(NULL, "demo", "--db", url, NULL) != 0)
		return NULL;
	snprintf(path, sizeof(path), "%s", url);
	return path;
}

/* Copy the file from to to (made 0600). 0, 1 when from does not exist,
 * -1 on error. */
static int
copy_file(const char *from, const char *to)
{
	char	 chunk[1 << 16];
	ssize_t	 r;
	int	 in, out, rc = -1;

	if ((in = open(from, O_RDONLY)) < 0)
		return errno == ENOENT ? 1 : -1;
	if ((out = open(to, O_WRONLY | O_CREAT | O_EXCL, 0600)) < 0)
		goto done;
	while ((r = read(in, chunk, sizeof(chunk))) > 0)
		if (write(out, chunk, (size_t)r) != r)
			break;
	rc = r == 0 ? 0 : -1;
	if (close(out) != 0)
		rc = -1;
done:
	close(in);
	return rc;
}

static int
copy_sqlite(const char *tmpl, const char *db)
{
	const char	*ext[] = { "", "-wal", ".audit-key" };
	char		 from[512], to[512];
	size_t		 i;
	int		 rc;

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		snprintf(from, sizeof(from), "%s%s", tmpl, ext[i]);
		snprintf(to, sizeof(to), "%s%s", db, ext[i]);
		/* The database itself must be there; the rest may not. */
		if ((rc = copy_file(from, to)) < 0 || (rc == 1 && i == 0))
			return -1;
	}
	return 0;
}

static int
copy_pg(const char *tmpl, const char *db)
{
	struct timespec	 nap = { 0, 100 * 1000 * 1000 };
	char		 name[NAME_MAX_PG], sql[256];
	int		 i, rc = -1;

	if (pg_name_of(db, name, sizeof(name)) != 0)
		return -1;
	/* Both names are ours (lower-case letters, digits, '_'): no quoting. */
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s TEMPLATE %s", name, tmpl);
	/* Only autovacuum may still be in the template after it was made;
	 * CREATE DATABASE stops it, but may give up first. */
	for (i = 0; i < COPY_TRIES && (rc = pg_exec(sql)) == 1; i++)
		nanosleep(&nap, NULL);
	return rc;
}

int
demo_copy(const char *db)
{
	int		 pg = srv_is_pg();
	const char	*tmpl = template(pg);

	if (tmpl == NULL)
		return -1;
	return pg ? copy_pg(tmpl, db) : copy_sqlite(tmpl, db);
}
