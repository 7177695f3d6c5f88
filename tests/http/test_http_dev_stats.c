/* Statistics equal the rows inserted: a fresh municipality gets a known set
 * of deviations through the API, and every grouping of
 * GET /api/v1/stats/deviations must count exactly those; the CSV export has
 * the byte-order mark, the header and one row per deviation, with formula
 * cells defused. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "harness.h"

static struct srv S;
static struct fixture_tenant T;
static char tok_qa[128];
static json_int_t root_id, a_id, b_id;

static json_int_t
report(const char *token, const char *body)
{
	return dev_report_as(&S, T.host, token, body, NULL);
}

static void
act(const char *token, json_int_t id, const char *body)
{
	json_t	*j = NULL;
	long	 st = dev_act_as(&S, T.host, token, id, body, &j);

	if (st != 200)
		fail_msg("%s: %ld %s", body, st, json_dumps(j, 0));
	json_decref(j);
}

static int
setup(void **st)
{
	struct client	 c;
	json_t		*j;
	json_int_t	 qa, hms;
	char		 body[512];

	(void)st;
	srv_prepare(&S, 0);
	fixture_tenant(&S, "tall.test", &T);
	srv_start(&S, NULL);

	api_client(&c, &S, T.host, T.admin_token);
	root_id = unit_id_of(&c, "ROOT");
	a_id = unit_id_of(&c, "A");
	b_id = unit_id_of(&c, "B");
	assert_int_equal(api_call(&c, "POST", "/api/v1/people",
	    "{\"login\":\"qa\",\"name\":\"Kvalitet Rådgiver\"}", &j), 201);
	qa = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(body, sizeof(body), "/api/v1/people/%lld/roles", (long long)qa);
	assert_int_equal(api_call(&c, "POST", body, "{\"role\":\"quality\"}", &j), 201);
	json_decref(j);
	client_free(&c);
	token_for(&S, T.host, "qa", tok_qa, sizeof(tok_qa));

	/* The known set: 7 reports, 6 deviations and 1 improvement.
	 *   B (emp1):    bruker, bruker (occurred 2025-06), hms, improvement
	 *   ROOT (emp2): fall (occurred 2025-06), personvern
	 *   A (leader1): bygg */
	report(T.employee_token, "{\"title\":\"=1+1, \\\"sum\\\"\",\"description\":\"d\",\"category\":\"bruker\"}");
	report(T.employee_token, "{\"title\":\"Elev slo\",\"description\":\"d\",\"category\":\"bruker\","
	    "\"occurred_at\":\"2025-06-10T08:00:00Z\"}");
	hms = report(T.employee_token, "{\"title\":\"Kuttet seg\",\"description\":\"d\",\"category\":\"hms\",\"severity\":2}");
	report(T.employee_token, "{\"kind\":\"improvement\",\"title\":\"Bedre lys\",\"description\":\"d\"}");
	report(T.leader_token, "{\"title\":\"Dør går ikke i lås\","
	    "\"description\":\"d\",\"category\":\"bygg\"}");
	{
		char tok_emp2[128];

		token_for(&S, T.host, "emp2", tok_emp2, sizeof(tok_emp2));
		report(tok_emp2, "{\"title\":\"Falt i trappa\",\"description\":\"d\",\"category\":\"fall\","
		    "\"occurred_at\":\"2025-06-20T12:00:00+02:00\"}");
		report(tok_emp2, "{\"title\":\"Liste på avveie\",\"description\":\"d\",\"category\":\"personvern\","
		    "\"personal_data\":true}");
	}
	/* One closed now; one goes in progress in the first test. */
	act(T.leader_token, hms, "{\"action\":\"close\",\"summary\":\"Hanskene byttet\"}");
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	srv_stop(&S, 0);
	return 0;
}

static long
stats(const char *token, const char *query, json_t **out)
{
	struct client	c;
	char		path[256];
	long		st;

	snprintf(path, sizeof(path), "/api/v1/stats/deviations%s", query);
	api_client(&c, &S, T.host, token);
	st = api_call(&c, "GET", path, NULL, out);
	client_free(&c);
	return st;
}

/* Count of group key (0 when absent); checks the groups add up to total. */
static json_int_t
group(json_t *j, const char *key)
{
	json_t		*g = json_object_get(j, "groups");
	json_int_t	 sum = 0, n = 0;
	size_t		 i;

	assert_true(json_is_array(g));
	for (i = 0; i < json_array_size(g); i++) {
		json_t *r = json_array_get(g, i);
		sum += json_integer_value(json_object_get(r, "count"));
		assert_non_null(json_string_value(json_object_get(r, "label")));
		if (strcmp(json_string_value(json_object_get(r, "key")), key) == 0)
			n = json_integer_value(json_object_get(r, "count"));
	}
	assert_int_equal(sum, json_integer_value(json_object_get(j, "total")));
	return n;
}

static void
test_every_grouping_counts_what_was_inserted(void **st)
{
	json_t		*j;
	char		 key[32], q[128];
	time_t		 now = time(NULL);
	struct tm	 tm;

	(void)st;
	/* Put one in progress (the improvement, acknowledged by leader1),
	 * so that all three status groups occur. */
	{
		struct client	 c;
		json_t		*l;
		json_int_t	 imp;

		api_client(&c, &S, T.host, T.leader_token);
		assert_int_equal(api_call(&c, "GET", "/api/v1/deviations?kind=improvement", NULL, &l), 200);
		imp = json_integer_value(json_object_get(json_array_get(json_object_get(l, "items"), 0), "id"));
		json_decref(l);
		client_free(&c);
		act(T.leader_token, imp, "{\"action\":\"acknowledge\"}");
	}

	assert_int_equal(stats(tok_qa, "?by=kind", &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 7);
	assert_int_equal(json_integer_value(json_object_get(j, "open")), 5);
	assert_int_equal(json_integer_value(json_object_get(j, "in_progress")), 1);
	assert_int_equal(json_integer_value(json_object_get(j, "closed")), 1);
	assert_int_equal(json_integer_value(json_object_get(j, "overdue")), 0);
	assert_false(json_is_null(json_object_get(j, "median_days_to_close")));
	assert_string_equal(json_string_value(json_object_get(j, "by")), "kind");
	assert_int_equal(group(j, "deviation"), 6);
	assert_int_equal(group(j, "improvement"), 1);
	json_decref(j);

	assert_int_equal(stats(tok_qa, "", &j), 200);	/* by=category is the default */
	assert_string_equal(json_string_value(json_object_get(j, "by")), "category");
	assert_int_equal(group(j, "bruker"), 2);
	assert_int_equal(group(j, "hms"), 1);
	assert_int_equal(group(j, "fall"), 1);
	assert_int_equal(group(j, "personvern"), 1);
	assert_int_equal(group(j, "bygg"), 1);
	assert_int_equal(group(j, "vold"), 0);
	json_decref(j);

	assert_int_equal(stats(tok_qa, "?by=status", &j), 200);
	assert_int_equal(group(j, "open"), 5);
	assert_int_equal(group(j, "in_progress"), 1);
	assert_int_equal(group(j, "closed"), 1);
	json_decref(j);

	gmtime_r(&now, &tm);
	strftime(key, sizeof(key), "%Y-%m", &tm);
	assert_int_equal(stats(tok_qa, "?by=month", &j), 200);
	assert_int_equal(group(j, key), 7);
	json_decref(j);

	/* by=unit under ROOT: A with B rolled up (4 + 1), and ROOT's own 2. */
	snprintf(q, sizeof(q), "?by=unit&unit_id=%lld", (long long)root_id);
	assert_int_equal(stats(tok_qa, q, &j), 200);
	snprintf(key, sizeof(key), "%lld", (long long)a_id);
	assert_int_equal(group(j, key), 5);
	snprintf(key, sizeof(key), "%lld", (long long)root_id);
	assert_int_equal(group(j, key), 2);
	assert_int_equal(json_integer_value(json_object_get(j, "unit_id")), root_id);
	json_decref(j);

	/* A subtree: B alone. */
	snprintf(q, sizeof(q), "?by=kind&unit_id=%lld", (long long)b_id);
	assert_int_equal(stats(tok_qa, q, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 4);
	json_decref(j);
}

static void
test_periods(void **st)
{
	json_t	*j;
	char	 q[128], day[16], next[16];
	time_t	 now = time(NULL), tomorrow = now + 86400;
	struct tm tm;

	(void)st;
	/* Days are Norway's: from 23:00 UTC (22:00 in summer) the reports
	 * made just now are on the next UTC day's date. */
	setenv("TZ", "Europe/Oslo", 1);
	tzset();
	localtime_r(&now, &tm);
	strftime(day, sizeof(day), "%Y-%m-%d", &tm);
	localtime_r(&tomorrow, &tm);
	strftime(next, sizeof(next), "%Y-%m-%d", &tm);

	/* Reported today: all of them when today is inside [from, to]. */
	snprintf(q, sizeof(q), "?from=%s&to=%s", day, day);
	assert_int_equal(stats(tok_qa, q, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 7);
	json_decref(j);
	snprintf(q, sizeof(q), "?from=%s", next);
	assert_int_equal(stats(tok_qa, q, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);
	/* When it happened: two happened in June 2025, reported today. */
	assert_int_equal(stats(tok_qa, "?date=occurred&from=2025-06-01&to=2025-06-30&by=category", &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 2);
	assert_int_equal(group(j, "bruker"), 1);
	assert_int_equal(group(j, "fall"), 1);
	json_decref(j);
	assert_int_equal(stats(tok_qa, "?from=2025-06-01&to=2025-06-30", &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 0);
	json_decref(j);

	assert_int_equal(stats(tok_qa, "?by=weekday", &j), 400);
	assert_string_equal(json_err_field(j), "by");
	json_decref(j);
	assert_int_equal(stats(tok_qa, "?date=closed", &j), 400);
	assert_string_equal(json_err_field(j), "date");
	json_decref(j);
}

static void
test_stats_access(void **st)
{
	json_t	*j;
	char	 q[64];

	(void)st;
	/* A leader for their own subtree; not for the unit above; an
	 * employee not at all. */
	snprintf(q, sizeof(q), "?unit_id=%lld", (long long)a_id);
	assert_int_equal(stats(T.leader_token, q, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), 5);
	json_decref(j);
	snprintf(q, sizeof(q), "?unit_id=%lld", (long long)root_id);
	assert_int_equal(stats(T.leader_token, q, &j), 403);
	json_decref(j);
	assert_int_equal(stats(T.employee_token, "", &j), 403);
	json_decref(j);
}

/* The list and its CSV of a unit answer as its statistics do (w18-probe):
 * the leader's CSV of the unit above was 200 with a header row alone,
 * which reads as "nothing was reported there", where the statistics said
 * 403. His own subtree is still his. */
static void
test_list_and_csv_unit_as_stats(void **st)
{
	static const char *const route[] = { "/api/v1/deviations.csv",
	    "/api/v1/deviations" };
	char	path[128];
	size_t	i;

	(void)st;
	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s?unit_id=%lld", route[i],
		    (long long)root_id);
		assert_int_equal(api_as(&S, T.host, T.leader_token, "GET", path,
		    NULL, NULL), 403);
		snprintf(path, sizeof(path), "%s?unit_id=%lld", route[i],
		    (long long)a_id);
		assert_int_equal(api_as(&S, T.host, T.leader_token, "GET", path,
		    NULL, NULL), 200);
	}
	/* Without a unit, the list is one's own as before. */
	assert_int_equal(api_as(&S, T.host, T.employee_token, "GET",
	    "/api/v1/deviations.csv", NULL, NULL), 200);
}

/* Lines of a CRLF text after the BOM, into lines[]; returns the count. */
static size_t
csv_lines(const char *s, char lines[][512], size_t max)
{
	size_t		 n = 0, len;
	const char	*e;

	while (*s && n < max) {
		e = strstr(s, "\r\n");
		assert_non_null(e);	/* every line ends in CRLF */
		len = (size_t)(e - s);
		assert_true(len < 512);
		memcpy(lines[n], s, len);
		lines[n][len] = '\0';
		n++;
		s = e + 2;
	}
	return n;
}

/* The default dialect, the dashboard's download, is for Norwegian Excel
 * (issue 16): semicolons, the BOM, headers, kinds and statuses in the
 * user's language, a category by its name, times on the Oslo clock; the
 * formula guard on text. Fails on the comma/code/UTC export. */
static void
test_csv_for_excel(void)
{
	struct client	c;
	struct resp	r;
	char		lines[20][512];
	const char	*body;
	size_t		n, i;
	int		formula = 0, oslo = 0, improvement = 0;

	api_client(&c, &S, T.host, tok_qa);
	client_req(&c, "GET", "/api/v1/deviations.csv", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	body = buf_cstr(&r.body);
	assert_int_equal(memcmp(body, "\xef\xbb\xbf", 3), 0);
	n = csv_lines(body + 3, lines, 20);
	assert_int_equal(n, 8);
	assert_string_equal(lines[0], "Nummer;Type;Status;Kategori;Enhet;"
	    "Overskrift;Meldt;Inntruffet;Frist;Lukket;Alvorlighetsgrad");
	for (i = 1; i < n; i++) {
		/* Eleven cells: ten semicolons outside quotes. */
		const char	*p;
		int		 q = 0, seps = 0;

		for (p = lines[i]; *p; p++) {
			if (*p == '"')
				q = !q;
			else if (*p == ';' && !q)
				seps++;
		}
		assert_int_equal(seps, 10);
		/* A comma needs no quotes here; the formula is still defused. */
		if (strstr(lines[i], ";'=1+1, \"\"sum\"\"\";") != NULL ||
		    strstr(lines[i], ";\"'=1+1, \"\"sum\"\"\";") != NULL)
			formula = 1;
		assert_null(strstr(lines[i], ";=1+1"));
		/* 2025-06-10T08:00:00Z happened at 10:00 in Oslo (summer). */
		if (strstr(lines[i], ";2025-06-10 10:00;") != NULL)
			oslo = 1;
		if (strstr(lines[i], ";Forbedringsforslag;") != NULL)
			improvement = 1;
		assert_null(strstr(lines[i], ";bruker;"));
		assert_null(strstr(lines[i], "T08:00:00Z"));
	}
	assert_true(formula);
	assert_true(oslo);
	assert_true(improvement);
	assert_non_null(strstr(body, ";Barn/elev/bruker;"));
	assert_non_null(strstr(body, ";Lukket;"));
	resp_free(&r);
	/* Asked for by name: the same. */
	client_req(&c, "GET", "/api/v1/deviations.csv?sep=semicolon", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(buf_cstr(&r.body), "Nummer;Type;"));
	resp_free(&r);
	client_free(&c);
}

static void
test_csv_export(void **st)
{
	struct client	c;
	struct resp	r;
	char		h[256], lines[20][512];
	size_t		n, i;
	int		formula = 0;

	(void)st;
	api_client(&c, &S, T.host, tok_qa);
	/* sep=comma: the machines' dialect, as documented from the start. */
	client_req(&c, "GET", "/api/v1/deviations.csv?sep=comma", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(resp_header(&r, "Content-Type", h, sizeof(h)), 0);
	assert_string_equal(h, "text/csv; charset=utf-8");
	assert_int_equal(resp_header(&r, "Content-Disposition", h, sizeof(h)), 0);
	assert_string_equal(h, "attachment; filename=\"avvik.csv\"");
	assert_int_equal(memcmp(buf_cstr(&r.body), "\xef\xbb\xbf", 3), 0);
	n = csv_lines(buf_cstr(&r.body) + 3, lines, 20);
	assert_int_equal(n, 8);
	assert_string_equal(lines[0], "number,kind,status,category,unit,title,"
	    "reported_at,occurred_at,due_at,closed_at,severity");
	for (i = 1; i < n; i++) {
		/* Deviations are AV-, improvement proposals FF-. */
		assert_true(strncmp(lines[i], "AV-", 3) == 0 ||
		    strncmp(lines[i], "FF-", 3) == 0);
		/* The formula title: defused and quoted (it has a comma and quotes). */
		if (strstr(lines[i], "\"'=1+1, \"\"sum\"\"\"") != NULL)
			formula = 1;
		assert_null(strstr(lines[i], ",=1+1"));
	}
	assert_true(formula);
	assert_non_null(strstr(buf_cstr(&r.body), "Avdeling B"));
	resp_free(&r);

	/* The same filters as the list. */
	client_req(&c, "GET", "/api/v1/deviations.csv?sep=comma&category=bruker", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(csv_lines(buf_cstr(&r.body) + 3, lines, 20), 3);
	resp_free(&r);
	client_req(&c, "GET", "/api/v1/deviations.csv?status=bogus", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	client_req(&c, "GET", "/api/v1/deviations.csv?sep=tab", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(buf_cstr(&r.body), "\"sep\""));
	resp_free(&r);
	/* sep is declared (dev_csv_query): a value no separator word has
	 * the shape of is the server's 400 naming it. */
	client_req(&c, "GET", "/api/v1/deviations.csv?sep=%3B", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(buf_cstr(&r.body), "\"field\": \"sep\"") != NULL ?
	    "" : strstr(buf_cstr(&r.body), "\"field\":\"sep\""));
	resp_free(&r);
	client_free(&c);
	test_csv_for_excel();

	/* An employee exports only what they may see: their own four. */
	api_client(&c, &S, T.host, T.employee_token);
	client_req(&c, "GET", "/api/v1/deviations.csv?sep=comma", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(csv_lines(buf_cstr(&r.body) + 3, lines, 20), 5);
	resp_free(&r);
	client_free(&c);
}

/* Whether the caller's list (GET /api/v1/deviations) shows id. */
static int
listed(const char *token, json_int_t id)
{
	struct client	 c;
	json_t		*j, *items;
	size_t		 i;
	int		 found = 0;

	api_client(&c, &S, T.host, token);
	assert_int_equal(api_call(&c, "GET", "/api/v1/deviations?limit=1000", NULL, &j), 200);
	items = json_object_get(j, "items");
	for (i = 0; i < json_array_size(items); i++)
		if (json_integer_value(json_object_get(json_array_get(items, i), "id")) == id)
			found = 1;
	json_decref(j);
	client_free(&c);
	return found;
}

/* Issue 11 item 6: statistics leave out what the caller may not read. A
 * deviation about leader1 (reported in B, under the A he leads) goes above
 * him and is hidden from his list; his statistics of A for the day must not
 * count it either, to the day or the category. Dates are whole days: a
 * second-precision bound is refused, naming the field. */
static void
test_stats_leave_out_what_the_list_hides(void **st)
{
	json_t		*j;
	json_int_t	 id, total, bruker;
	char		 q[256], d1[16], d2[16];
	time_t		 now = time(NULL), t;
	struct tm	 tm;

	(void)st;
	/* Yesterday and tomorrow (UTC) hold today in Norway. */
	t = now - 86400;
	gmtime_r(&t, &tm);
	strftime(d1, sizeof(d1), "%Y-%m-%d", &tm);
	t = now + 86400;
	gmtime_r(&t, &tm);
	strftime(d2, sizeof(d2), "%Y-%m-%d", &tm);
	snprintf(q, sizeof(q), "?unit_id=%lld&from=%s&to=%s", (long long)a_id, d1, d2);
	assert_int_equal(stats(T.leader_token, q, &j), 200);
	total = json_integer_value(json_object_get(j, "total"));
	bruker = group(j, "bruker");
	json_decref(j);

	id = report(T.employee_token, "{\"title\":\"Lederen kjefter\",\"description\":\"d\","
	    "\"category\":\"bruker\",\"concerns_leader\":true}");
	assert_false(listed(T.leader_token, id));
	assert_true(listed(tok_qa, id));
	assert_int_equal(stats(T.leader_token, q, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), total);
	assert_int_equal(group(j, "bruker"), bruker);
	json_decref(j);
	/* Quality reads it, and counts it. */
	assert_int_equal(stats(tok_qa, q, &j), 200);
	assert_true(group(j, "bruker") >= bruker + 1);
	json_decref(j);
	/* A deviation leader1 handles still counts for him. */
	report(T.employee_token, "{\"title\":\"Vanlig\",\"description\":\"d\",\"category\":\"bruker\"}");
	assert_int_equal(stats(T.leader_token, q, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), total + 1);
	json_decref(j);

	/* To the second is refused: statistics count whole days. */
	snprintf(q, sizeof(q), "?unit_id=%lld&from=%sT10:00:00Z&to=%s", (long long)a_id, d1, d2);
	assert_int_equal(stats(T.leader_token, q, &j), 400);
	assert_string_equal(json_err_field(j), "from");
	json_decref(j);
	snprintf(q, sizeof(q), "?unit_id=%lld&from=%s&to=%sT10:00:00%%2B01:00", (long long)a_id, d1, d2);
	assert_int_equal(stats(T.leader_token, q, &j), 400);
	assert_string_equal(json_err_field(j), "to");
	json_decref(j);
}

/* Whether two answers of the statistics API hold the same figures and
 * groups (their from and to may differ). */
static void
same_figures(json_t *a, json_t *b, const char *by)
{
	static const char *const keys[] = { "total", "open", "in_progress",
	    "closed", "overdue", "median_days_to_close", "p90_days_to_close",
	    "groups" };
	size_t	i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!json_equal(json_object_get(a, keys[i]),
		    json_object_get(b, keys[i])))
			fail_msg("by=%s: %s is %s all time, %s from 1970 to 9998",
			    by, keys[i], json_dumps(json_object_get(a, keys[i]),
			    JSON_ENCODE_ANY), json_dumps(json_object_get(b, keys[i]),
			    JSON_ENCODE_ANY));
}

/*
 * Statistics without from or to are of the whole history (the server
 * bounds them by the first and last month that hold data, src/deviation/
 * stats.c data_span): the same figures as the explicit period from 1970 to
 * 9998, for every grouping, also when the last thing that happened is a
 * closing two months after the last report (the clock moved 70 days on);
 * and the closing is counted (days to close), as the list holds it.
 */
static void
test_all_time_reaches_the_last_close(void **st)
{
	static const char *const bys[] = { "status", "month", "category",
	    "unit", "kind" };
	const char	*env[] = { "ORDEN_CLOCK_OFFSET=6048000", NULL };	/* 70 days */
	json_t		*j, *k;
	json_int_t	 id, total;
	json_t		*p90;
	char		 q[128];
	size_t		 i;

	(void)st;
	assert_int_equal(stats(tok_qa, "", &j), 200);
	total = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	id = report(T.employee_token, "{\"title\":\"Lukkes sent\",\"description\":\"d\","
	    "\"category\":\"bygg\"}");
	srv_stop(&S, 1);
	srv_start(&S, env);
	act(T.leader_token, id, "{\"action\":\"close\",\"summary\":\"Reparert\"}");

	for (i = 0; i < sizeof(bys) / sizeof(bys[0]); i++) {
		snprintf(q, sizeof(q), "?by=%s", bys[i]);
		assert_int_equal(stats(tok_qa, q, &j), 200);
		snprintf(q, sizeof(q), "?by=%s&from=1970-01-02&to=9998-12-31", bys[i]);
		assert_int_equal(stats(tok_qa, q, &k), 200);
		same_figures(j, k, bys[i]);
		if (i == 0) {
			assert_int_equal(json_integer_value(json_object_get(j,
			    "total")), total + 1);
			/* 70 days to close: the slowest of the closed. */
			p90 = json_object_get(j, "p90_days_to_close");
			assert_true(json_is_integer(p90));
			assert_true(json_integer_value(p90) >= 69);
		}
		json_decref(j);
		json_decref(k);
	}
	/* Only an end, only a start: the same as the period bounded. */
	assert_int_equal(stats(tok_qa, "?by=month&from=2000-01-01", &j), 200);
	assert_int_equal(stats(tok_qa, "?by=month&from=2000-01-01&to=9998-12-31",
	    &k), 200);
	same_figures(j, k, "month (from)");
	json_decref(j);
	json_decref(k);
	assert_int_equal(stats(tok_qa, "?by=category&to=2099-12-31", &j), 200);
	assert_int_equal(stats(tok_qa, "?by=category&from=1970-01-02"
	    "&to=2099-12-31", &k), 200);
	same_figures(j, k, "category (to)");
	json_decref(j);
	json_decref(k);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_grouping_counts_what_was_inserted),
		cmocka_unit_test(test_periods),
		cmocka_unit_test(test_stats_access),
		cmocka_unit_test(test_list_and_csv_unit_as_stats),
		cmocka_unit_test(test_csv_export),
		cmocka_unit_test(test_stats_leave_out_what_the_list_hides),
		cmocka_unit_test(test_all_time_reaches_the_last_close),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
