/* test_dev_counts.c: the counts kept on write (src/deviation/counts.h)
 * equal a recount, whatever happens. A seeded random sequence of 2,400
 * actions of every kind that moves a deviation between cells (report,
 * acknowledge, transfer, return, resubmit, classify, close, reopen,
 * import, and at the end a unit closed into another; and comments, analyses and refused actions that must not move
 * anything), with the clock moving over three years so that months and
 * days-to-close vary; after every 100, the kept counts and the kept
 * days-to-close histogram equal a recount (dev_counts_check) and the
 * statistics of a random ragged period (counts, median and p90 days to
 * close of what was closed in it) equal a recount over the deviations. On SQLite, and on PostgreSQL when
 * ORDEN_TEST_PG names a cluster. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "deviation/counts.h"
#include "dev_fixture.h"
#include "util/rng.h"

#define STEPS		2400
#define CHECK_EVERY	100
#define START		1704067200	/* 2024-01-01T00:00:00Z */
#define MAXDEV		4096

static const char *const cats[] = { "bygg", "hms", "vold", "fall", "bruker",
    "personvern", NULL /* an improvement */ };
#define NCATS	(sizeof(cats) / sizeof(cats[0]))
static const char *const unit_codes[DU_MAX] = { "K", "OO", "VS", "HO", "SH", "AV" };

struct pfx {
	struct devfx	 x;
	struct rng	 r;
	int64_t		 ids[MAXDEV];
	size_t		 nids;
	char		 csv[200];
	int		 moves[16];	/* how often each kind of step changed something */
	int64_t		 closed_seen;	/* closed in the periods stats_agree asked */
};

static int
pick(struct pfx *p, int n)
{
	return (int)(rng_next(&p->r) % (uint64_t)n);
}

/* One integer from a tenant statement with $2, $3 bound. */
static int64_t
count2(struct pfx *p, const char *sql, int64_t a, int64_t b)
{
	struct dbstmt	*st;
	int64_t		 v = -1;

	if (db_prepare_tenant(p->x.c.conn, p->x.c.tenant_id, sql, &st) != DB_OK)
		return -1;
	db_bind_int(st, 2, a);
	db_bind_int(st, 3, b);
	if (db_step(st) == DB_ROW)
		v = db_col_int(st, 0);
	db_reset(st);
	return v;
}

static const char SQL_TOTAL[] =
    "SELECT COUNT(*) FROM deviations WHERE tenant_id = $1"
    " AND reported_at >= $2 AND reported_at <= $3";
static const char SQL_CLOSED[] =
    "SELECT COUNT(*) FROM deviations WHERE tenant_id = $1"
    " AND reported_at >= $2 AND reported_at <= $3 AND status = 'closed'";
static const char SQL_NEW[] =
    "SELECT COUNT(*) FROM deviations WHERE tenant_id = $1"
    " AND reported_at >= $2 AND reported_at <= $3 AND status = 'new'";

static const char SQL_CLOSED_IN[] =
    "SELECT reported_at, closed_at FROM deviations WHERE tenant_id = $1"
    " AND closed_at >= $2 AND closed_at <= $3 AND status = 'closed'";

static int
cmp_int(const void *a, const void *b)
{
	return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

/* Median and p90 (nearest rank) of the buckets of days to close of what
 * was closed in [a, b], counted from the deviations; their number. */
static int64_t
close_recount(struct pfx *p, int64_t a, int64_t b, double *median, int64_t *p90)
{
	static int	 days[MAXDEV * 2];
	struct dbstmt	*st;
	int64_t		 n = 0;

	assert_int_equal(db_prepare_tenant(p->x.c.conn, p->x.c.tenant_id,
	    SQL_CLOSED_IN, &st), DB_OK);
	db_bind_int(st, 2, a);
	db_bind_int(st, 3, b);
	while (db_step(st) == DB_ROW && n < MAXDEV * 2)
		days[n++] = dev_close_bucket((db_col_int(st, 1) -
		    db_col_int(st, 0)) / 86400);
	db_reset(st);
	*median = -1;
	*p90 = -1;
	if (n == 0)
		return 0;
	qsort(days, (size_t)n, sizeof(days[0]), cmp_int);
	*median = n % 2 ? days[n / 2] : (days[n / 2 - 1] + days[n / 2]) / 2.0;
	*p90 = days[(n * 9 + 9) / 10 - 1];
	return n;
}

static void
report_one(struct pfx *p)
{
	struct deviation	 d;
	static const int	 who[] = { P_EMP, P_EMP2, P_VSL, P_SHL, P_HOL };
	const char		*cat = cats[pick(p, NCATS)];

	if (devfx_report(&p->x, who[pick(p, 5)], pick(p, DU_MAX), cat,
	    1 + pick(p, 4), pick(p, 5) == 0, &d) != 0)
		fail_msg("report failed");
	if (p->nids < MAXDEV)
		p->ids[p->nids++] = d.id;
}

static void
import_some(struct pfx *p)
{
	FILE		*f;
	int64_t		 line = 0, col = 0;
	char		 msg[256], day[16], closed[16];
	time_t		 t;
	struct tm	 tm;
	int		 i, n = 1 + pick(p, 3), rc;

	assert_non_null(f = fopen(p->csv, "w"));
	fputs("number,kind,reported_at,occurred_at,unit_code,category,title,"
	    "description,status,closed_at,reporter_login\n", f);
	for (i = 0; i < n; i++) {
		int		 st = pick(p, 3), c = pick(p, NCATS - 1);
		int64_t		 at = p->x.c.now - 86400 * (1 + pick(p, 700));

		t = (time_t)at;
		gmtime_r(&t, &tm);
		strftime(day, sizeof(day), "%Y-%m-%d", &tm);
		t = (time_t)(at + 86400 * pick(p, 60));
		if (t > (time_t)p->x.c.now)
			t = (time_t)p->x.c.now;
		gmtime_r(&t, &tm);
		strftime(closed, sizeof(closed), "%Y-%m-%d", &tm);
		fprintf(f, ",deviation,%s,,%s,%s,Importert,Fra det gamle systemet,%s,%s,\n",
		    day, unit_codes[pick(p, DU_MAX)], cats[c],
		    st == 0 ? "new" : st == 1 ? "acknowledged" : "closed",
		    st == 2 ? closed : "");
	}
	fclose(f);
	devfx_as(&p->x, -1);
	rc = deviation_import(&p->x.c, p->csv, &line, &col, msg, sizeof(msg));
	if (rc < 0)
		fail_msg("import: %lld:%lld: %s", (long long)line,
		    (long long)col, msg);
}

static void
act_one(struct pfx *p, int kind)
{
	struct dev_action_input	 in;
	const char		*field;
	int64_t			 id;

	if (p->nids == 0)
		return;
	id = p->ids[pick(p, (int)p->nids)];
	memset(&in, 0, sizeof(in));
	in.kind = -1;
	in.reason = "Fordi";
	switch (kind) {
	case 0: in.action = DA_ACKNOWLEDGE; break;
	case 1:
		in.action = DA_TRANSFER;
		in.unit_id = p->x.unit[pick(p, DU_MAX)];
		break;
	case 2: in.action = DA_RETURN; break;
	case 3:
		in.action = DA_RESUBMIT;
		in.category = cats[pick(p, NCATS - 1)];
		break;
	case 4:
		in.action = DA_CLASSIFY;
		in.category = cats[pick(p, NCATS - 1)];
		in.kind = pick(p, 2);
		break;
	case 5:
		in.action = DA_CLOSE;
		in.summary = "Lukket";
		break;
	case 6: in.action = DA_REOPEN; break;
	case 7:
		in.action = DA_COMMENT;
		in.text = "Notat";
		break;
	default:
		in.action = DA_ANALYSE;
		in.cause = "Årsak";
		break;
	}
	devfx_as(&p->x, P_QUALITY);
	if (deviation_act(&p->x.c, id, &in, &field) == 0)
		p->moves[kind]++;
}

static void
diff_fail(void *arg, const struct dev_cell *c, int64_t kept, int64_t recounted)
{
	(void)arg;
	print_error("cell unit %lld handler %lld cat %lld kind %d status %d month %d days %d closed %d: kept %lld recounted %lld\n",
	    (long long)c->unit_id, (long long)c->handler_unit_id,
	    (long long)c->category_id, (int)c->kind, (int)c->status, c->month,
	    c->days, c->cmonth, (long long)kept, (long long)recounted);
}

/* The statistics of a random ragged period equal a plain COUNT. */
static void
stats_agree(struct pfx *p)
{
	struct dev_filter	 f;
	struct dev_stats	 s;
	struct dev_close_days	 cd;
	int64_t			 span = p->x.c.now - START, n, p90;
	double			 median;

	memset(&f, 0, sizeof(f));
	f.scope = DEV_SCOPE_ALL;
	f.kind = -1;
	f.from = START + (int64_t)(rng_next(&p->r) % (uint64_t)(span + 1)) - 86400 * 400;
	f.to = f.from + (int64_t)(rng_next(&p->r) % (uint64_t)(86400 * 500));
	devfx_as(&p->x, P_QUALITY);
	assert_int_equal(deviation_stats(&p->x.c, &f, "month", &s), 0);
	assert_int_equal(s.total, count2(p, SQL_TOTAL, f.from, f.to));
	assert_int_equal(s.closed, count2(p, SQL_CLOSED, f.from, f.to));
	assert_int_equal(s.open, count2(p, SQL_NEW, f.from, f.to));
	/* Days to close of what was closed in the period, from the kept
	 * histogram and the ragged days, equal a recount; and the same
	 * through dev_close_days, as the tertial report reads them. */
	n = close_recount(p, f.from, f.to, &median, &p90);
	assert_int_equal(s.closed_in_period, n);
	assert_true(s.median_days_to_close > median - 0.01 &&
	    s.median_days_to_close < median + 0.01);
	assert_int_equal(s.p90_days_to_close, p90);
	assert_int_equal(dev_close_days(&p->x.c, 0, -1, f.from, f.to, &cd), 0);
	assert_int_equal(cd.n, n);
	assert_int_equal(cd.p90, p90);
	assert_true(cd.median > median - 0.01 && cd.median < median + 0.01);
	p->closed_seen += n;
}

static void
run(void **state, const char *url)
{
	struct pfx	*p;
	struct arena	*base;
	int		 i, roll;

	(void)state;
	assert_non_null(p = calloc(1, sizeof(*p)));
	assert_int_equal(devfx_open_at(&p->x, url), 0);
	p->r.s = 20261206;
	snprintf(p->csv, sizeof(p->csv), "%s/import.csv", p->x.f.dir);
	base = p->x.c.arena;
	p->x.c.now = START;
	for (i = 1; i <= STEPS; i++) {
		/* Each step in its own arena, as each request has. */
		assert_non_null(p->x.c.arena = arena_new(16u * 1024 * 1024));
		p->x.c.now += pick(p, 3 * 86400) + pick(p, 3600);
		roll = pick(p, 100);
		if (roll < 25)
			report_one(p);
		else if (roll < 28)
			import_some(p);
		else
			act_one(p, pick(p, 9));
		if (i % CHECK_EVERY == 0) {
			assert_int_equal(dev_counts_check(&p->x.c, diff_fail, NULL), 0);
			stats_agree(p);
		}
		arena_free(p->x.c.arena);
	}
	/* A reorganisation: the nursing home SH is closed into HO (org/
	 * close.c), its open deviations moving as transfers do; the kept
	 * counts still equal a recount. */
	{
		struct org_closing cl;

		assert_non_null(p->x.c.arena = arena_new(16u * 1024 * 1024));
		devfx_as(&p->x, -1);
		org_unit_close(&p->x.c, p->x.unit[U_SH], p->x.unit[U_HO], &cl);
		assert_int_equal(cl.result.outcome, ORG_OK);
		assert_true(cl.cases > 0);
		assert_int_equal(dev_counts_check(&p->x.c, diff_fail, NULL), 0);
		stats_agree(p);
		arena_free(p->x.c.arena);
	}
	p->x.c.arena = base;
	/* Every kind of move happened, not only reports. */
	for (i = 0; i < 7; i++)
		assert_true(p->moves[i] > 0);
	assert_true(p->closed_seen > 0);
	devfx_close(&p->x);
	free(p);
}

static void
test_counts_follow_every_action_sqlite(void **state)
{
	run(state, NULL);
}

/* A fresh PostgreSQL database's URL from $ORDEN_TEST_PG (DBNAME replaced). */
static void
test_counts_follow_every_action_pg(void **state)
{
	const char	*base = getenv("ORDEN_TEST_PG"), *at;
	char		 url[512];

	if (base == NULL || (at = strstr(base, "DBNAME")) == NULL) {
		skip();
		return;
	}
	assert_true((size_t)snprintf(url, sizeof(url), "%.*st_counts_%ld%s",
	    (int)(at - base), base, (long)getpid(), at + 6) < sizeof(url));
	run(state, url);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_follow_every_action_sqlite),
		cmocka_unit_test(test_counts_follow_every_action_pg),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
