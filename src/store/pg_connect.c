/* pg_connect.c: connecting to PostgreSQL for the pool, creating the
 * database the URL names when it does not exist yet, and the settings every
 * connection gets.
 *
 * Messages name the database and the server's reason, never the URL: it
 * may carry a password. libpq's own messages never contain one. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/pg_int.h"
#include "util/log.h"

#define LOCK_TIMEOUT	"5s"	/* like SQLite's busy timeout: then DB_BUSY */
#define MAINT_DB	"postgres"

/* libpq prints notices ("relation ... already exists, skipping") to
 * stderr by default. Warnings are worth a log line; notices are not. */
static void
notice_log(void *arg, const char *msg)
{
	char	line[256];
	size_t	i;

	(void)arg;
	if (strncmp(msg, "WARNING:", 8) != 0)
		return;
	for (i = 0; i + 1 < sizeof(line) && msg[i] != '\0'; i++)
		line[i] = msg[i] == '\n' ? ' ' : msg[i];
	line[i] = '\0';
	log_event("db_warning", "msg", line, NULL);
}

/* msg folded onto one line (libpq's messages end with, and may contain,
 * newlines). */
static void
one_line(char *dst, size_t dsz, const char *msg)
{
	size_t	i, n = 0;
	int	space = 0;

	for (i = 0; msg != NULL && msg[i] != '\0' && n + 1 < dsz; i++) {
		if (msg[i] == '\n' || msg[i] == '\t' || msg[i] == ' ') {
			space = 1;
			continue;
		}
		if (space && n > 0 && n + 2 < dsz)
			dst[n++] = ' ';
		space = 0;
		dst[n++] = msg[i];
	}
	dst[n] = '\0';
}

/* Connect to the server's maintenance database with the URL's other
 * settings (host, user, password, ...): later keywords override what the
 * expanded URL says. */
static PGconn *
connect_maint(const char *url)
{
	const char *const keys[] = { "dbname", "dbname", NULL };
	const char *const vals[] = { url, MAINT_DB, NULL };

	return PQconnectdbParams(keys, vals, 1);
}

/* Create database name. 1 created (here or by someone else meanwhile),
 * 0 it already existed or the server cannot be reached this way either
 * (the first connection's error is the one to show), -1 could not, with
 * the reason in err. */
static int
create_db(const char *url, const char *name, char *err, size_t errsz)
{
	const char	*params[1] = { name };
	PGconn		*m;
	PGresult	*r = NULL;
	char		*id = NULL, *sql = NULL;
	const char	*state;
	size_t		 n;
	int		 rc = -1;

	m = connect_maint(url);
	if (PQstatus(m) != CONNECTION_OK) {
		/* No server, or no way in: the first error says it best. */
		rc = 0;
		goto out;
	}
	PQsetNoticeProcessor(m, notice_log, NULL);
	r = PQexecParams(m, "SELECT 1 FROM pg_database WHERE datname = $1",
	    1, NULL, params, NULL, NULL, 0);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		one_line(err, errsz, PQerrorMessage(m));
		goto out;
	}
	if (PQntuples(r) > 0) {
		rc = 0;
		goto out;
	}
	PQclear(r);
	r = NULL;
	/* The name is quoted as an identifier: it comes from the operator's
	 * URL and must not be read as SQL. template0 and UTF8 so that the new
	 * database is UTF-8 whatever template1 was made with. */
	if ((id = PQescapeIdentifier(m, name, strlen(name))) == NULL) {
		one_line(err, errsz, PQerrorMessage(m));
		goto out;
	}
	n = strlen(id) + 64;
	if ((sql = malloc(n)) == NULL ||
	    snprintf(sql, n, "CREATE DATABASE %s TEMPLATE template0 "
	    "ENCODING 'UTF8'", id) >= (int)n) {
		one_line(err, errsz, "out of memory");
		goto out;
	}
	r = PQexec(m, sql);
	state = PQresultErrorField(r, PG_DIAG_SQLSTATE);
	if (PQresultStatus(r) == PGRES_COMMAND_OK ||
	    (state != NULL && strcmp(state, "42P04") == 0))	/* raced */
		rc = 1;
	else
		one_line(err, errsz, PQerrorMessage(m));
out:
	PQclear(r);
	PQfreemem(id);
	free(sql);
	PQfinish(m);
	return rc;
}

PGconn *
pg_connect(const char *url, int create)
{
	PGconn	*h;
	char	 name[128], err[512], cerr[512];
	int	 made;

	h = PQconnectdb(url);
	if (h == NULL) {
		fprintf(stderr, "orden: cannot connect to PostgreSQL: "
		    "out of memory\n");
		return NULL;
	}
	if (PQstatus(h) == CONNECTION_OK)
		goto ok;
	one_line(err, sizeof(err), PQerrorMessage(h));
	one_line(name, sizeof(name), PQdb(h));
	if (create && name[0] != '\0') {
		made = create_db(url, name, cerr, sizeof(cerr));
		if (made == 1) {
			PQfinish(h);
			if ((h = PQconnectdb(url)) != NULL &&
			    PQstatus(h) == CONNECTION_OK)
				goto ok;
			one_line(err, sizeof(err),
			    h != NULL ? PQerrorMessage(h) : "out of memory");
		} else if (made == -1) {
			fprintf(stderr, "orden: cannot connect to PostgreSQL "
			    "database \"%s\": %s (creating it failed: %s)\n",
			    name, err, cerr);
			PQfinish(h);
			return NULL;
		}
	}
	fprintf(stderr, "orden: cannot connect to PostgreSQL database "
	    "\"%s\": %s\n", name, err);
	PQfinish(h);
	return NULL;
ok:
	if (pg_conn_setup(h) == -1) {
		PQfinish(h);
		return NULL;
	}
	return h;
}

int
pg_conn_setup(PGconn *h)
{
	PGresult	*r;
	const char	*enc;
	char		 err[512];
	int		 ok;

	PQsetNoticeProcessor(h, notice_log, NULL);
	if (PQserverVersion(h) < 100000) {	/* identity columns */
		fprintf(stderr, "orden: PostgreSQL %d is too old (need 10 or "
		    "newer)\n", PQserverVersion(h) / 10000);
		return -1;
	}
	enc = PQparameterStatus(h, "server_encoding");
	if (enc == NULL || strcmp(enc, "UTF8") != 0) {
		fprintf(stderr, "orden: PostgreSQL database \"%s\" has encoding "
		    "%s; Orden needs UTF8\n", PQdb(h), enc != NULL ? enc : "?");
		return -1;
	}
	if (PQsetClientEncoding(h, "UTF8") != 0) {
		one_line(err, sizeof(err), PQerrorMessage(h));
		fprintf(stderr, "orden: PostgreSQL: %s\n", err);
		return -1;
	}
	/* lock_timeout turns a long wait for a lock (the per-tenant advisory
	 * lock, a row lock) into 55P03, which is DB_BUSY.
	 *
	 * plan_cache_mode: every statement is prepared once per connection
	 * (pg_stmt.c) and its text names only the filters that are set, with
	 * the tenant and the values bound (deviation/list.c, stats.c), so one
	 * plan per text serves every execution. Left to itself the server
	 * planned some of them again at every execution (the statistics' edge
	 * days by reported_at and closed_at: 0.2-0.3 ms of planning for 0.02
	 * ms of work, twice per dashboard; pg_stat_statements, bench/why.md)
	 * because a generic plan's estimate of a range looked dearer than the
	 * custom plans'. Their generic plans use the same indexes.
	 *
	 * No tenant yet: a statement sees no tenant-owned row until one is
	 * set. */
	r = PQexec(h, "SET lock_timeout = '" LOCK_TIMEOUT "'; "
	    "SET plan_cache_mode = force_generic_plan; "
	    "SELECT set_config('orden.tenant', '', false)");
	ok = PQresultStatus(r) == PGRES_TUPLES_OK;
	PQclear(r);
	if (!ok) {
		one_line(err, sizeof(err), PQerrorMessage(h));
		fprintf(stderr, "orden: PostgreSQL: %s\n", err);
		return -1;
	}
	return 0;
}
