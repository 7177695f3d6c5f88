/* sqlite_ref.c: the SQLite references of the benchmark (bench/README.md),
 * measured on the same machine in the same run as the server.
 *
 *   sqlite_ref commit DIR SECONDS
 *	One row per transaction (BEGIN IMMEDIATE; INSERT; COMMIT) into a
 *	fresh database in DIR with the server's durability settings
 *	(src/store/sqlite.c: WAL, synchronous=FULL), one writer, for
 *	SECONDS. What a server without group commit can do at best.
 *
 *   sqlite_ref groupby DB TENANT FROM TO SECONDS
 *	The naive GROUP BY of the questions the statistics API and the
 *	dashboard answer, straight from the deviations table of the
 *	benchmark's database: counts by category with the status totals
 *	and overdue (the API, over the whole history: FROM = TO = 0), and
 *	by category, month and unit over [FROM, TO] (the dashboard's year).
 *	Repeated for SECONDS (at least three times).
 *
 * Prints one line: "REF kind=... runs=N per_s=X p50_ms=X p99_ms=X". */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

#include "util/num.h"

#define RUNS_MAX	1000000

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void
report(const char *kind, double *lat, size_t n, double total_ms)
{
	size_t p99;

	if (n == 0) {
		printf("REF kind=%s runs=0\n", kind);
		return;
	}
	qsort(lat, n, sizeof(*lat), cmp_double);
	p99 = (n * 99 + 99) / 100;
	if (p99 > 0)
		p99--;
	printf("REF kind=%s runs=%zu per_s=%.1f p50_ms=%.3f p99_ms=%.3f\n",
	    kind, n, (double)n * 1e3 / total_ms, lat[n / 2], lat[p99]);
}

static int
exec(sqlite3 *h, const char *sql)
{
	char *err = NULL;

	if (sqlite3_exec(h, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "sqlite_ref: %s: %s\n", sql, err ? err : "?");
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

static int
ref_commit(const char *dir, int64_t seconds)
{
	sqlite3		*h = NULL;
	sqlite3_stmt	*ins = NULL;
	double		*lat = NULL, t0, t1, end;
	size_t		 n = 0;
	char		 path[4096];
	int		 ret = 1;

	if (snprintf(path, sizeof(path), "%s/sqlite_ref.db", dir) >=
	    (int)sizeof(path))
		return 1;
	remove(path);
	if ((lat = calloc(RUNS_MAX, sizeof(*lat))) == NULL ||
	    sqlite3_open(path, &h) != SQLITE_OK) {
		fprintf(stderr, "sqlite_ref: cannot open %s\n", path);
		goto out;
	}
	/* The server's settings (src/store/sqlite.c) and a row shaped like
	 * a report: a number, a title, a description, times, a status. */
	if (exec(h, "PRAGMA journal_mode=WAL") != 0 ||
	    exec(h, "PRAGMA synchronous=FULL") != 0 ||
	    exec(h, "CREATE TABLE r (id INTEGER PRIMARY KEY, tenant_id INTEGER"
	    " NOT NULL, number TEXT NOT NULL, title TEXT NOT NULL, description"
	    " TEXT NOT NULL, reported_at INTEGER NOT NULL, status TEXT NOT NULL,"
	    " UNIQUE (tenant_id, number)) STRICT") != 0)
		goto out;
	if (sqlite3_prepare_v2(h, "INSERT INTO r (tenant_id, number, title,"
	    " description, reported_at, status) VALUES (1, ?1, ?2, ?3, ?4, 'new')",
	    -1, &ins, NULL) != SQLITE_OK)
		goto out;
	end = now_ms() + (double)seconds * 1e3;
	t0 = now_ms();
	while (n < RUNS_MAX && (t1 = now_ms()) < end) {
		char num[32];

		snprintf(num, sizeof(num), "AV-2026-%06zu", n + 1);
		if (exec(h, "BEGIN IMMEDIATE") != 0)
			goto out;
		sqlite3_bind_text(ins, 1, num, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(ins, 2, "Beboer falt i gangen", -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, "Beboer falt på vei til spisesalen."
		    " Ingen synlige skader, lege kontaktet.", -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 4, (sqlite3_int64)time(NULL));
		if (sqlite3_step(ins) != SQLITE_DONE) {
			fprintf(stderr, "sqlite_ref: insert: %s\n", sqlite3_errmsg(h));
			goto out;
		}
		sqlite3_reset(ins);
		if (exec(h, "COMMIT") != 0)
			goto out;
		lat[n++] = now_ms() - t1;
	}
	report("commit", lat, n, now_ms() - t0);
	ret = 0;
out:
	sqlite3_finalize(ins);
	sqlite3_close(h);
	free(lat);
	remove(path);
	return ret;
}

/* Step a statement to its end; -1 on error. */
static int
drain(sqlite3_stmt *st)
{
	int rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		continue;
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int
ref_groupby(const char *db, int64_t tenant, int64_t from, int64_t to,
    int64_t seconds)
{
	/* The totals and the by-category counts of one selection: what
	 * deviation_stats computes, as one GROUP BY. */
	static const char by_cat[] =
	    "SELECT c.code, c.name, COUNT(*), SUM(d.status = 'new'),"
	    " SUM(d.status IN ('acknowledged', 'returned')),"
	    " SUM(d.status = 'closed'), SUM(d.status <> 'closed' AND"
	    " (d.due_at < ?4 OR (d.status = 'new' AND d.ack_due_at < ?4)))"
	    " FROM deviations d LEFT JOIN categories c ON c.id = d.category_id"
	    " WHERE d.tenant_id = ?1 AND (?2 = 0 OR d.reported_at BETWEEN ?2 AND ?3)"
	    " GROUP BY d.category_id";
	static const char by_month[] =
	    "SELECT strftime('%Y-%m', d.reported_at, 'unixepoch'), COUNT(*)"
	    " FROM deviations d WHERE d.tenant_id = ?1"
	    " AND (?2 = 0 OR d.reported_at BETWEEN ?2 AND ?3) GROUP BY 1";
	static const char by_unit[] =
	    "SELECT d.unit_id, COUNT(*) FROM deviations d WHERE d.tenant_id = ?1"
	    " AND (?2 = 0 OR d.reported_at BETWEEN ?2 AND ?3) GROUP BY d.unit_id";
	sqlite3		*h = NULL;
	sqlite3_stmt	*st[3] = { NULL, NULL, NULL };
	double		*lat = NULL, t0, t1, end;
	size_t		 n = 0, k, nst;
	int		 ret = 1;

	if ((lat = calloc(RUNS_MAX, sizeof(*lat))) == NULL ||
	    sqlite3_open_v2(db, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		fprintf(stderr, "sqlite_ref: cannot open %s\n", db);
		goto out;
	}
	/* The whole history is the API's question (by category); a period
	 * is the dashboard's (by category, month and unit). */
	nst = from == 0 ? 1 : 3;
	if (sqlite3_prepare_v2(h, by_cat, -1, &st[0], NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, by_month, -1, &st[1], NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, by_unit, -1, &st[2], NULL) != SQLITE_OK) {
		fprintf(stderr, "sqlite_ref: %s\n", sqlite3_errmsg(h));
		goto out;
	}
	for (k = 0; k < 3; k++) {
		sqlite3_bind_int64(st[k], 1, (sqlite3_int64)tenant);
		sqlite3_bind_int64(st[k], 2, (sqlite3_int64)from);
		sqlite3_bind_int64(st[k], 3, (sqlite3_int64)to);
	}
	sqlite3_bind_int64(st[0], 4, (sqlite3_int64)time(NULL));
	end = now_ms() + (double)seconds * 1e3;
	t0 = now_ms();
	while (n < RUNS_MAX && ((t1 = now_ms()) < end || n < 3)) {
		for (k = 0; k < nst; k++)
			if (drain(st[k]) != 0) {
				fprintf(stderr, "sqlite_ref: %s\n", sqlite3_errmsg(h));
				goto out;
			}
		lat[n++] = now_ms() - t1;
	}
	report(from == 0 ? "groupby_stats" : "groupby_dashboard", lat, n,
	    now_ms() - t0);
	ret = 0;
out:
	for (k = 0; k < 3; k++)
		sqlite3_finalize(st[k]);
	sqlite3_close(h);
	free(lat);
	return ret;
}

static int
num(const char *s, int64_t *out)
{
	if (num_parse_i64(s, 0, INT64_MAX, out) != 0) {
		fprintf(stderr, "sqlite_ref: bad number %s\n", s);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	int64_t a, b, c, d;

	if (argc == 4 && strcmp(argv[1], "commit") == 0) {
		if (num(argv[3], &a) != 0)
			return 2;
		return ref_commit(argv[2], a);
	}
	if (argc == 7 && strcmp(argv[1], "groupby") == 0) {
		if (num(argv[3], &a) != 0 || num(argv[4], &b) != 0 ||
		    num(argv[5], &c) != 0 || num(argv[6], &d) != 0)
			return 2;
		return ref_groupby(argv[2], a, b, c, d);
	}
	fprintf(stderr, "usage: sqlite_ref commit DIR SECONDS\n"
	    "       sqlite_ref groupby DB TENANT FROM TO SECONDS\n");
	return 2;
}
