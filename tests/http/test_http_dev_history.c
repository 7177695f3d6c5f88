/* test_http_dev_history.c: ten years of a small municipality (50,000
 * deviations, seeded) and every dashboard and statistics route answers 200
 * for every period asked, ten years and all time included, with figures
 * equal to a recount the test makes from what it generated (issue 13).
 *
 * The history is written through the store in one transaction (INSERTs
 * of the rows the application would have written, then the kept counts
 * rebuilt with dev_counts_rebuild, as bench/gen does): replaying 50,000
 * reports through deviation_report would take minutes under ASan. The
 * property test (test_dev_counts) covers the counts kept on write; this
 * covers reading them at size. Local dates are recounted with the C
 * library's Europe/Oslo zone, independently of the server's own rule. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/auth.h"
#include "ctx.h"
#include "deviation/counts.h"
#include "deviation/deviation.h"
#include "dash_links.h"
#include "harness.h"
#include "org/org.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/rng.h"

#define NDEV	50000
#define YEARS	10
#define DAY	86400

enum { U_ROOT, U_A, U_B, NU };
#define NCAT	6
static const char *const cat_codes[NCAT] = { "bruker", "bygg", "hms", "vold",
    "fall", "personvern" };

struct gdev {
	int64_t	reported_at, closed_at, due_at, ack_due_at;
	int	unit, handler, cat;	/* cat -1: an improvement without one */
	int	status;			/* enum dev_status */
	char	day[11];		/* local date of reported_at */
	char	cday[11];		/* closed: local date of closed_at */
	int	month;			/* local month, months since 2000-01 */
};

#define MONTHS	(40 * 12)	/* 2000-01 .. 2039-12 */

static struct srv		 S;
static struct fixture_tenant	 T;
static struct gdev		*G;
static int64_t			 unit_id[NU], cat_id[NCAT], now0;
static char			 tok_qa[128];

static const char SQL_INSERT[] =
    "INSERT INTO deviations (tenant_id, number, kind, title, description,"
    " category_id, unit_id, handler_unit_id, reported_at, status, ack_due_at,"
    " due_at, acknowledged_at, closed_at, summary, concerns_leader, updated_at)"
    " VALUES ($1, $2, $3, 'Historikk', 'Fra ti år med avvik.', $4, $5, $6, $7,"
    " $8, $9, $10, $11, $12, $13, $14, $15)";

/* "YYYY-MM" as months since January 2000. */
static int
month_index(const char *ym)
{
	long y = strtol(ym, NULL, 10), m = strtol(ym + 5, NULL, 10);

	return (int)((y - 2000) * 12 + m - 1);
}

/* The local (Europe/Oslo) date of t as YYYY-MM-DD and its month YYYY-MM. */
static void
local_date(int64_t t, char day[11], char month[8])
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	localtime_r(&tt, &tm);
	if (day != NULL)
		strftime(day, 11, "%Y-%m-%d", &tm);
	if (month != NULL)
		strftime(month, 8, "%Y-%m", &tm);
}

static void
generate(void)
{
	struct rng	r = { 20130101 };
	int64_t		span = (int64_t)YEARS * 365 * DAY - 20 * DAY;
	size_t		i;

	assert_non_null(G = calloc(NDEV, sizeof(*G)));
	for (i = 0; i < NDEV; i++) {
		struct gdev	*g = &G[i];
		int64_t		 age;

		/* Nothing younger than 20 days: every deadline has passed, so
		 * "overdue" cannot change while the test runs. */
		g->reported_at = now0 - 20 * DAY - rng_below(&r, span);
		g->unit = (int)rng_below(&r, NU);
		g->handler = g->unit;
		/* Some concern the leader of A and went above him. */
		if (g->unit != U_ROOT && rng_pct(&r, 3))
			g->handler = U_ROOT;
		g->cat = rng_pct(&r, 10) ? -1 : (int)rng_below(&r, NCAT);
		g->ack_due_at = g->reported_at + 2 * DAY;
		g->due_at = g->reported_at + 14 * DAY;
		age = now0 - g->reported_at;
		if (rng_pct(&r, age > 120 * DAY ? 94 : 50)) {
			g->status = DEV_CLOSED;
			g->closed_at = g->reported_at + rng_below(&r, 90 * DAY);
			if (g->closed_at > now0 - DAY)
				g->closed_at = now0 - DAY;
		} else
			g->status = (int)rng_below(&r, 3);	/* new, acknowledged, returned */
		{
			char month[8];

			local_date(g->reported_at, g->day, month);
			g->month = month_index(month);
			if (g->status == DEV_CLOSED)
				local_date(g->closed_at, g->cday, NULL);
		}
	}
}

/* Write G through the store in one transaction, then the kept counts. */
static void
store_history(void)
{
	struct db	*db;
	struct ctx	 ctx;
	struct tenant	 t;
	struct category	 cat;
	struct person	 p;
	struct dbstmt	*st;
	char		 number[32], hash[AUTH_HASH_MAX];
	const char	*login[] = { "qa", "leader1" };
	size_t		 i;

	assert_int_equal(db_open(&db, S.db, 1), 0);
	memset(&ctx, 0, sizeof(ctx));
	ctx.db = db;
	ctx.conn = db_acquire(db);
	assert_non_null(ctx.arena = arena_new(64u * 1024 * 1024));
	ctx.lang = "nb";
	ctx.now = now0;
	assert_int_equal(tenant_by_host(ctx.conn, ctx.arena, T.host, &t), 0);
	ctx.tenant_id = t.id;
	ctx.tenant_uid = t.uid;
	for (i = 0; i < NCAT; i++) {
		assert_int_equal(dev_category_by_code(&ctx, cat_codes[i], &cat), 0);
		cat_id[i] = cat.id;
	}
	/* Passwords for the browser sessions the dashboards need. */
	assert_int_equal(auth_password_hash(DEMO_PASSWORD, hash), 0);
	for (i = 0; i < 2; i++) {
		assert_int_equal(org_person_by_login(&ctx, login[i], &p), 0);
		assert_int_equal(org_password_set(&ctx, p.id, hash, 0), 0);
	}
	assert_int_equal(db_begin(ctx.conn), DB_OK);
	for (i = 0; i < NDEV; i++) {
		const struct gdev *g = &G[i];

		assert_int_equal(db_prepare_tenant(ctx.conn, ctx.tenant_id,
		    SQL_INSERT, &st), DB_OK);
		snprintf(number, sizeof(number), "AV-H-%06zu", i + 1);
		db_bind_text(st, 2, number);
		db_bind_text(st, 3, g->cat < 0 ? "improvement" : "deviation");
		if (g->cat < 0)
			db_bind_null(st, 4);
		else
			db_bind_int(st, 4, cat_id[g->cat]);
		db_bind_int(st, 5, unit_id[g->unit]);
		db_bind_int(st, 6, unit_id[g->handler]);
		db_bind_int(st, 7, g->reported_at);
		db_bind_text(st, 8, dev_status_name((enum dev_status)g->status));
		db_bind_int(st, 9, g->ack_due_at);
		db_bind_int(st, 10, g->due_at);
		if (g->status == DEV_NEW)
			db_bind_null(st, 11);
		else
			db_bind_int(st, 11, g->reported_at + DAY);
		if (g->status == DEV_CLOSED) {
			db_bind_int(st, 12, g->closed_at);
			db_bind_text(st, 13, "Lærdom");
		} else {
			db_bind_null(st, 12);
			db_bind_null(st, 13);
		}
		db_bind_int(st, 14, g->handler != g->unit);
		db_bind_int(st, 15, g->reported_at);
		assert_int_equal(db_step(st), DB_DONE);
		db_reset(st);
	}
	assert_int_equal(dev_counts_rebuild(&ctx), 0);
	assert_int_equal(db_commit(ctx.conn), DB_OK);
	assert_int_equal(dev_counts_check(&ctx, NULL, NULL), 0);
	arena_free(ctx.arena);
	db_release(db, ctx.conn);
	db_close(db);
}

static int
setup(void **state)
{
	struct client	 c;
	json_t		*j;
	json_int_t	 qa;
	char		 path[128];

	(void)state;
	setenv("TZ", "Europe/Oslo", 1);
	tzset();
	now0 = (int64_t)time(NULL);
	srv_prepare(&S, 0);
	fixture_tenant(&S, "historie.test", &T);
	srv_start(&S, NULL);
	api_client(&c, &S, T.host, T.admin_token);
	unit_id[U_ROOT] = unit_id_of(&c, "ROOT");
	unit_id[U_A] = unit_id_of(&c, "A");
	unit_id[U_B] = unit_id_of(&c, "B");
	assert_int_equal(api_call(&c, "POST", "/api/v1/people",
	    "{\"login\":\"qa\",\"name\":\"Kvalitet\"}", &j), 201);
	qa = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/people/%lld/roles", (long long)qa);
	assert_int_equal(api_call(&c, "POST", path, "{\"role\":\"quality\"}", &j), 201);
	json_decref(j);
	client_free(&c);
	token_for(&S, T.host, "qa", tok_qa, sizeof(tok_qa));
	generate();
	store_history();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	srv_stop(&S, 0);
	free(G);
	return 0;
}

/* What the test expects for one period, unit subtree and scope. */
struct expect {
	int64_t	total, group[3], overdue, kind[2], cat[NCAT + 1], unit[NU];
	int64_t	month[MONTHS];
	int64_t	closed_days_n;
	int	*days;
	double	median;
	int64_t	p90;
	int64_t	hopen[NU], hover[NU];	/* by handler unit */
};

static int
cmp_int(const void *a, const void *b)
{
	return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

static int
under(int unit, int top)
{
	/* ROOT > A > B */
	return top < 0 || unit >= top;
}

/* Recount: reported on a local day in [from, to] ("" open), in the subtree
 * of top (-1: all), handled where the caller counts (leader_of_a: A, B). */
static void
recount(const char *from, const char *to, int top, int leader_of_a,
    struct expect *e)
{
	size_t	i;

	memset(e, 0, sizeof(*e));
	assert_non_null(e->days = malloc(NDEV * sizeof(*e->days)));
	for (i = 0; i < NDEV; i++) {
		const struct gdev *g = &G[i];
		int grp = g->status == DEV_NEW ? 0 : g->status == DEV_CLOSED ? 2 : 1;

		if ((from[0] != '\0' && strcmp(g->day, from) < 0) ||
		    (to[0] != '\0' && strcmp(g->day, to) > 0) || !under(g->unit, top) ||
		    (leader_of_a && g->handler == U_ROOT))
			continue;
		e->total++;
		e->group[grp]++;
		e->kind[g->cat < 0]++;
		e->cat[g->cat < 0 ? NCAT : g->cat]++;
		e->unit[g->unit]++;
		e->month[g->month]++;
		if (g->status != DEV_CLOSED)
			e->hopen[g->handler]++;
		if (g->status != DEV_CLOSED &&
		    (g->due_at < now0 || (g->status == DEV_NEW && g->ack_due_at < now0))) {
			e->overdue++;
			e->hover[g->handler]++;
		}
	}
	/* Days to close: of those closed in the period, in buckets. */
	for (i = 0; i < NDEV; i++) {
		const struct gdev *g = &G[i];

		if (g->status != DEV_CLOSED ||
		    (from[0] != '\0' && strcmp(g->cday, from) < 0) ||
		    (to[0] != '\0' && strcmp(g->cday, to) > 0) || !under(g->unit, top) ||
		    (leader_of_a && g->handler == U_ROOT))
			continue;
		e->days[e->closed_days_n++] =
		    dev_close_bucket((g->closed_at - g->reported_at) / DAY);
	}
	e->median = -1;
	e->p90 = -1;
	if (e->closed_days_n > 0) {
		int64_t n = e->closed_days_n;

		qsort(e->days, (size_t)n, sizeof(*e->days), cmp_int);
		e->median = n % 2 ? e->days[n / 2] :
		    (e->days[n / 2 - 1] + e->days[n / 2]) / 2.0;
		e->p90 = e->days[(n * 9 + 9) / 10 - 1];
	}
}

static json_int_t
group_of(json_t *j, const char *key)
{
	json_t	*g = json_object_get(j, "groups");
	size_t	 i;

	for (i = 0; i < json_array_size(g); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(g, i),
		    "key")), key) == 0)
			return json_integer_value(json_object_get(json_array_get(g, i),
			    "count"));
	return 0;
}

/* Every grouping in bys (NULL-terminated). */
static const char *const all_bys[] = { "category", "status", "month", "unit", "kind", NULL };
static const char *const unit_by[] = { "unit", NULL };
static const char *const leader_bys[] = { "category", "month", NULL };

static void
check_api(const char *token, const char *from, const char *to, int top,
    const char *const *bys, const struct expect *e)
{
	struct client	 c;
	json_t		*j, *m;
	char		 path[256], unit[40], prev[8] = "";
	size_t		 b, i;

	unit[0] = '\0';
	if (top >= 0)
		snprintf(unit, sizeof(unit), "&unit_id=%lld", (long long)unit_id[top]);
	api_client(&c, &S, T.host, token);
	for (b = 0; bys[b] != NULL; b++) {
		snprintf(path, sizeof(path), "/api/v1/stats/deviations?by=%s%s%s%s%s%s",
		    bys[b], unit, from[0] ? "&from=" : "", from, to[0] ? "&to=" : "", to);
		if (api_call(&c, "GET", path, NULL, &j) != 200)
			fail_msg("%s: not 200", path);
		assert_int_equal(json_integer_value(json_object_get(j, "total")), e->total);
		assert_int_equal(json_integer_value(json_object_get(j, "open")), e->group[0]);
		assert_int_equal(json_integer_value(json_object_get(j, "in_progress")), e->group[1]);
		assert_int_equal(json_integer_value(json_object_get(j, "closed")), e->group[2]);
		assert_int_equal(json_integer_value(json_object_get(j, "overdue")), e->overdue);
		m = json_object_get(j, "median_days_to_close");
		if (e->median < 0)
			assert_true(json_is_null(m));
		else
			assert_true(json_real_value(m) > e->median - 0.01 &&
			    json_real_value(m) < e->median + 0.01);
		m = json_object_get(j, "p90_days_to_close");
		if (e->p90 < 0)
			assert_true(m == NULL || json_is_null(m));
		else
			assert_int_equal(json_integer_value(m), e->p90);
		if (strcmp(bys[b], "category") == 0) {
			for (i = 0; i < NCAT; i++)
				assert_int_equal(group_of(j, cat_codes[i]), e->cat[i]);
			assert_int_equal(group_of(j, "improvement"), e->cat[NCAT]);
		} else if (strcmp(bys[b], "kind") == 0) {
			assert_int_equal(group_of(j, "deviation"), e->kind[0]);
			assert_int_equal(group_of(j, "improvement"), e->kind[1]);
		} else if (strcmp(bys[b], "unit") == 0 && top == U_ROOT) {
			char key[32];

			/* ROOT's own, and A with B rolled up into it. */
			snprintf(key, sizeof(key), "%lld", (long long)unit_id[U_ROOT]);
			assert_int_equal(group_of(j, key), e->unit[U_ROOT]);
			snprintf(key, sizeof(key), "%lld", (long long)unit_id[U_A]);
			assert_int_equal(group_of(j, key), e->unit[U_A] + e->unit[U_B]);
		} else if (strcmp(bys[b], "month") == 0) {
			/* Every month's count equals a recount of that month. */
			json_t	*g = json_object_get(j, "groups");
			int64_t	 sum = 0;

			for (i = 0; i < json_array_size(g); i++) {
				const char	*k = json_string_value(json_object_get(json_array_get(g, i), "key"));
				int64_t		 n;

				assert_true(strcmp(k, prev) > 0);	/* in order */
				snprintf(prev, sizeof(prev), "%s", k);
				n = e->month[month_index(k)];
				assert_int_equal(json_integer_value(json_object_get(json_array_get(g, i), "count")), n);
				sum += n;
			}
			assert_int_equal(sum, e->total);
		}
		json_decref(j);
	}
	client_free(&c);
}

/* "YYYY-MM-DD" a year earlier, the 29th of February as the 28th. */
static void
year_before(const char *day, char out[11])
{
	long y = strtol(day, NULL, 10);

	snprintf(out, 11, "%04u%s", (unsigned)(y - 1) % 10000u, day + 4);
	if (strcmp(out + 4, "-02-29") == 0)
		out[9] = '8';
}

/* A month's recount; 0 outside the months kept (before 2000). */
static int64_t
month_of(const struct expect *e, int mi)
{
	return mi < 0 || mi >= MONTHS ? 0 : e->month[mi];
}

/* The number in the cell whose text starts at p (after <td...>): the
 * text of the figure's link when it is one; -1 when empty. */
static int64_t
cell_number(const char *p)
{
	if (strncmp(p, "<a ", 3) == 0 && (p = strchr(p, '>')) != NULL)
		p++;
	return p == NULL || *p < '0' || *p > '9' ? -1 : strtoll(p, NULL, 10);
}

/* The numbers of the cells of the HTML table of class cls, in order (an
 * empty cell is -1): how many, at most max. */
static size_t
table_cells(const struct resp *r, const char *cls, int64_t *v, size_t max)
{
	char		 open[64];
	const char	*p, *end;
	size_t		 n = 0;

	snprintf(open, sizeof(open), "<table class=\"%s\">", cls);
	if ((p = strstr(buf_cstr(&r->body), open)) == NULL ||
	    (end = strstr(p, "</table>")) == NULL)
		return 0;
	while (n < max && (p = strstr(p, "<td>")) != NULL && p < end) {
		p += 4;
		v[n++] = cell_number(p);
	}
	return n;
}

/* The numbers of the n cells after the row's head prefix: its figures. */
static int
row_cells(const struct resp *r, const char *prefix, int64_t *v, size_t n)
{
	const char	*p = strstr(buf_cstr(&r->body), prefix);
	size_t		 i;

	if (p == NULL)
		return -1;
	p += strlen(prefix);
	for (i = 0; i < n; i++) {
		if ((p = strstr(p, "<td")) == NULL || (p = strchr(p, '>')) == NULL)
			return -1;
		v[i] = cell_number(++p);
	}
	return 0;
}

/* The dashboard: 200 and the "Reported" figure (the first KPI); the 90th
 * percentile of days to close; each month beside the same month a year
 * before; the seasonal table of five years: each against a recount. */
static void
check_dashboard(struct client *c, const char *from, const char *to, int top,
    const struct expect *e)
{
	struct resp	 r;
	struct expect	 p;
	char		 path[256], want[96], pf[11], pt[11], y0[11], today[11];
	int64_t		 v[200];
	size_t		 n, i;
	int		 leader = top == U_A, mi, m0, y, m, ylast, mlast;

	if (top >= 0)
		snprintf(path, sizeof(path), "/dashboard?unit_id=%lld&from=%s&to=%s",
		    (long long)unit_id[top], from, to);
	else
		snprintf(path, sizeof(path), "/dashboard?from=%s&to=%s", from, to);
	client_req(c, "GET", path, NULL, NULL, &r);
	if (r.status != 200)
		fail_msg("%s: %ld", path, r.status);
	snprintf(want, sizeof(want), "<span class=\"kpi-value\">%lld</span>",
	    (long long)e->total);
	if (!resp_has(&r, want))
		fail_msg("%s: no %s", path, want);
	if (e->p90 >= 0)
		snprintf(want, sizeof(want), "<span class=\"kpi-value\">%lld</span>"
		    "<span class=\"kpi-label\">Ni av ti", (long long)e->p90);
	else
		snprintf(want, sizeof(want), "<span class=\"kpi-value\">–</span>"
		    "<span class=\"kpi-label\">Ni av ti");
	if (!resp_has(&r, want))
		fail_msg("%s: no %s", path, want);
	/* Open and overdue by the unit that handles them, with its leader. */
	{
		static const char *const uname[NU] = { "Rot", "Avdeling A", "Avdeling B" };
		static const char *const lname[NU] = { "–", "Lise Leder", "–" };
		int u;

		for (u = 0; u < NU; u++) {
			char	row[256];
			int64_t	fig[2];

			if (e->hopen[u] == 0)
				continue;
			snprintf(row, sizeof(row), "<tr><th scope=\"row\">%s</th><td>%s</td>",
			    uname[u], lname[u]);
			if (row_cells(&r, row, fig, 2) != 0 || fig[0] != e->hopen[u] ||
			    fig[1] != e->hover[u])
				fail_msg("%s: no %s with %lld and %lld", path, row,
				    (long long)e->hopen[u], (long long)e->hover[u]);
		}
	}
	/* Month by month beside the year before, when both ends are given
	 * (the page shows up to 36 months). */
	n = table_cells(&r, "yoy", v, 200);
	if (from[0] != '\0' && to[0] != '\0' && month_index(to) - month_index(from) < 36) {
		year_before(from, pf);
		year_before(to, pt);
		recount(pf, pt, top >= 0 ? top : -1, leader, &p);
		m0 = month_index(from);
		assert_int_equal(n, 2 * (size_t)(month_index(to) - m0 + 1));
		for (i = 0; i < n / 2; i++) {
			mi = m0 + (int)i;
			assert_int_equal(v[2 * i], month_of(e, mi));
			assert_int_equal(v[2 * i + 1], month_of(&p, mi - 12));
		}
		free(p.days);
	} else
		assert_int_equal(n, 0);
	/* Five years, January to December, from the first of January four
	 * years ago to today; months still to come are empty. */
	local_date(now0, today, NULL);
	snprintf(y0, sizeof(y0), "%04u-01-01",
	    (unsigned)(strtol(today, NULL, 10) - 4) % 10000u);
	recount(y0, today, top >= 0 ? top : -1, leader, &p);
	n = table_cells(&r, "seasons", v, 200);
	assert_int_equal(n, 60);
	m0 = month_index(y0);
	ylast = (int)strtol(today, NULL, 10);
	mlast = (int)strtol(today + 5, NULL, 10);
	for (i = 0; i < n; i++) {
		y = ylast - 4 + (int)i / 12;
		m = (int)i % 12 + 1;
		if (y == ylast && m > mlast)
			assert_int_equal(v[i], -1);
		else
			assert_int_equal(v[i], month_of(&p, m0 + (int)i));
	}
	free(p.days);
	resp_free(&r);
}

static void
test_every_period_counts_what_was_generated(void **state)
{
	struct client	 qa, leader;
	struct expect	 e;
	char		 ten[11], today[11], jan1[11], mid[11];
	size_t		 i;
	struct {
		const char *from, *to;
	} periods[16];
	size_t		 np = 0;

	(void)state;
	local_date(now0, today, NULL);
	local_date(now0 - (int64_t)YEARS * 365 * DAY, ten, NULL);
	snprintf(jan1, sizeof(jan1), "%.4s-01-01", today);
	local_date(G[NDEV / 2].reported_at, mid, NULL);
	periods[np].from = "";		periods[np++].to = "";		/* all time */
	periods[np].from = ten;		periods[np++].to = today;	/* ten years */
	periods[np].from = jan1;	periods[np++].to = today;	/* this year */
	periods[np].from = mid;		periods[np++].to = mid;		/* one day */
	periods[np].from = "2019-03-17"; periods[np++].to = "2021-11-02";	/* ragged */
	periods[np].from = "2020-02-01"; periods[np++].to = "2020-02-29";	/* a month */
	periods[np].from = "2023-03-26"; periods[np++].to = "2023-10-29";	/* DST days */
	periods[np].from = "2022-12-31"; periods[np++].to = "2023-01-01";	/* new year */
	periods[np].from = "1990-01-01"; periods[np++].to = "1990-12-31";	/* nothing */
	periods[np].from = "2018-06-15"; periods[np++].to = "";		/* open end */
	periods[np].from = "";		periods[np++].to = "2017-07-07";	/* open start */

	session_client(&qa, &S, "qa");
	session_client(&leader, &S, "leader1");
	for (i = 0; i < np; i++) {
		/* Quality: the whole municipality by every grouping, and
		 * ROOT's subtree by unit (the roll-up). */
		recount(periods[i].from, periods[i].to, -1, 0, &e);
		check_api(tok_qa, periods[i].from, periods[i].to, -1, all_bys, &e);
		if (periods[i].from[0] && periods[i].to[0])
			check_dashboard(&qa, periods[i].from, periods[i].to, -1, &e);
		free(e.days);
		recount(periods[i].from, periods[i].to, U_ROOT, 0, &e);
		check_api(tok_qa, periods[i].from, periods[i].to, U_ROOT, unit_by, &e);
		free(e.days);
		/* leader1: A's subtree, without what was routed above him. */
		recount(periods[i].from, periods[i].to, U_A, 1, &e);
		check_api(T.leader_token, periods[i].from, periods[i].to, U_A, leader_bys, &e);
		if (periods[i].from[0] && periods[i].to[0])
			check_dashboard(&leader, periods[i].from, periods[i].to, U_A, &e);
		free(e.days);
	}
	client_free(&qa);
	client_free(&leader);
}

/* Every figure of the dashboard leads to the list of what it counts: for
 * the quality adviser (every unit) and leader1 (A's subtree, handled
 * there), this year, a ragged period over DST, a month of history and ten
 * years (counts past 10 000 shown as such). */
static void
test_every_figure_leads_to_what_it_counts(void **state)
{
	struct client	 qa, leader;
	char		 today[11], jan1[11], ten[11], path[256];
	const char	*periods[][2] = { { jan1, today }, { "2023-03-26", "2023-10-29" },
	    { "2020-02-01", "2020-02-29" }, { ten, today } };
	size_t		 i, n = 0;

	(void)state;
	local_date(now0, today, NULL);
	local_date(now0 - (int64_t)YEARS * 365 * DAY, ten, NULL);
	snprintf(jan1, sizeof(jan1), "%.4s-01-01", today);
	session_client(&qa, &S, "qa");
	session_client(&leader, &S, "leader1");
	for (i = 0; i < sizeof(periods) / sizeof(periods[0]); i++) {
		snprintf(path, sizeof(path), "/dashboard?from=%s&to=%s",
		    periods[i][0], periods[i][1]);
		n += dash_links_check(&qa, path);
		snprintf(path, sizeof(path), "/dashboard?unit_id=%lld&from=%s&to=%s",
		    (long long)unit_id[U_A], periods[i][0], periods[i][1]);
		n += dash_links_check(&qa, path);
		n += dash_links_check(&leader, path);
	}
	assert_true(n > 300);
	client_free(&qa);
	client_free(&leader);
}

/* The API's list with the filters the dashboard's links use, at size:
 * the same counts as the web list (capped past 10 000); the statistics
 * refuse the filters they have no cells for. */
static void
check_api_total(struct client *c, const char *q, int64_t want)
{
	json_t	*j;
	char	 path[256];

	snprintf(path, sizeof(path), "/api/v1/deviations?limit=1&%s", q);
	if (api_call(c, "GET", path, NULL, &j) != 200)
		fail_msg("%s: not 200", path);
	if (want > DEV_COUNT_CAP)
		assert_true(json_is_true(json_object_get(j, "total_capped")));
	else if (json_integer_value(json_object_get(j, "total")) != want)
		fail_msg("%s: %lld, not %lld", path,
		    (long long)json_integer_value(json_object_get(j, "total")),
		    (long long)want);
	json_decref(j);
}

static void
test_api_list_filters_at_size(void **state)
{
	struct client	 c;
	struct expect	 e;
	json_t		*j;
	char		 q[192];
	int		 u;

	(void)state;
	api_client(&c, &S, T.host, tok_qa);
	recount("", "", -1, 0, &e);
	for (u = 0; u < NU; u++) {
		snprintf(q, sizeof(q), "handler_unit_id=%lld&status=not_closed",
		    (long long)unit_id[u]);
		check_api_total(&c, q, e.hopen[u]);
		snprintf(q, sizeof(q), "handler_unit_id=%lld&overdue=1",
		    (long long)unit_id[u]);
		check_api_total(&c, q, e.hover[u]);
		snprintf(q, sizeof(q), "unit_id=%lld&own_unit=1", (long long)unit_id[u]);
		check_api_total(&c, q, e.unit[u]);
	}
	free(e.days);
	snprintf(q, sizeof(q), "/api/v1/stats/deviations?handler_unit_id=%lld",
	    (long long)unit_id[U_A]);
	assert_int_equal(api_call(&c, "GET", q, NULL, &j), 400);
	json_decref(j);
	assert_int_equal(api_call(&c, "GET", "/api/v1/stats/deviations?own_unit=1",
	    NULL, &j), 400);
	json_decref(j);
	client_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_period_counts_what_was_generated),
		cmocka_unit_test(test_every_figure_leads_to_what_it_counts),
		cmocka_unit_test(test_api_list_filters_at_size),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
