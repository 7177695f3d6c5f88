/* Lists at size, on the demo municipality (1,250 deviations): a list
 * walked page by page shows every deviation exactly once while new ones
 * are reported between the pages (JSON API, the web list, the inbox); the
 * inbox is in the order of the deadline it shows, overdue first (issue 11
 * item 5: "frist om 2 dager" was listed below "frist om 27 dager"); the
 * CSV export holds every row of the selection, also for the whole
 * municipality (unit_id=0) and past its page size. */
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

#include "harness.h"

#define DAY	86400

static struct srv S;
static char tok_kari[128], tok_emma[128], tok_bjorn[128], tok_admin[128];
static json_int_t vestre;

/* A report by emma in Vestre skole (handled by bjorn); its number. */
static void
report(const char *title, const char *category, char *number, size_t sz)
{
	struct client	 c;
	json_t		*j;
	char		 body[512];

	api_client(&c, &S, NULL, tok_emma);
	snprintf(body, sizeof(body), "{\"title\":\"%s\",\"description\":\"Test.\","
	    "\"category\":\"%s\",\"unit_id\":%lld}", title, category,
	    (long long)vestre);
	assert_int_equal(api_call(&c, "POST", "/api/v1/deviations", body, &j), 201);
	if (number != NULL)
		snprintf(number, sz, "%s",
		    json_string_value(json_object_get(j, "number")));
	json_decref(j);
	client_free(&c);
}

static int
setup(void **st)
{
	struct client	 c;
	json_t		*j, *u;
	size_t		 i;

	(void)st;
	srv_prepare(&S, 1);
	srv_start(&S, NULL);
	tokens_for(&S, "kari.nilsen", tok_kari, "emma.johansen", tok_emma,
	    "bjorn.saether", tok_bjorn, "admin", tok_admin, NULL);
	api_client(&c, &S, NULL, tok_admin);
	assert_int_equal(api_call(&c, "GET", "/api/v1/units", NULL, &j), 200);
	for (i = 0; i < json_array_size(j); i++) {
		u = json_array_get(j, i);
		if (strcmp(json_string_value(json_object_get(u, "code")),
		    "vestre-skole") == 0)
			vestre = json_integer_value(json_object_get(u, "id"));
	}
	json_decref(j);
	assert_true(vestre > 0);
	/* Deadlines the test can count on: acknowledge within 48 h, close
	 * within 30 days. */
	assert_int_equal(api_call(&c, "POST", "/api/v1/categories", "{\"code\":"
	    "\"frist30\",\"name\":\"Frist 30\",\"ack_hours\":48,\"close_days\":30}",
	    &j), 201);
	json_decref(j);
	client_free(&c);
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	srv_stop(&S, 0);
	return 0;
}

/* A set of strings (deviation numbers), to see each exactly once. */
struct seen {
	char	**v;
	size_t	  n, cap;
};

/* 1 if s was new, 0 if it was seen before. */
static int
seen_add(struct seen *z, const char *s)
{
	size_t i;

	for (i = 0; i < z->n; i++)
		if (strcmp(z->v[i], s) == 0)
			return 0;
	if (z->n == z->cap) {
		z->cap = z->cap ? z->cap * 2 : 256;
		z->v = realloc(z->v, z->cap * sizeof(*z->v));
		assert_non_null(z->v);
	}
	assert_non_null(z->v[z->n++] = strdup(s));
	return 1;
}

static void
seen_free(struct seen *z)
{
	size_t i;

	for (i = 0; i < z->n; i++)
		free(z->v[i]);
	free(z->v);
	memset(z, 0, sizeof(*z));
}

static int
seen_has(const struct seen *z, const char *s)
{
	size_t i;

	for (i = 0; i < z->n; i++)
		if (strcmp(z->v[i], s) == 0)
			return 1;
	return 0;
}

/* The JSON list walked with limit 97, a new report after every page. */
static void
test_api_walk_while_reporting(void **st)
{
	struct client	 c;
	struct seen	 z = { 0 }, added = { 0 };
	json_t		*j, *items, *next;
	json_int_t	 total = -1;
	char		 path[256], after[128] = "", number[64];
	size_t		 i, pages = 0;

	(void)st;
	api_client(&c, &S, NULL, tok_kari);
	for (;;) {
		snprintf(path, sizeof(path), "/api/v1/deviations?limit=97%s%s",
		    after[0] ? "&after=" : "", after);
		assert_int_equal(api_call(&c, "GET", path, NULL, &j), 200);
		if (total < 0) {
			total = json_integer_value(json_object_get(j, "total"));
			assert_false(json_is_true(json_object_get(j, "total_capped")));
		}
		items = json_object_get(j, "items");
		for (i = 0; i < json_array_size(items); i++) {
			const char *num = json_string_value(json_object_get(
			    json_array_get(items, i), "number"));
			if (!seen_add(&z, num))
				fail_msg("%s twice (page %zu)", num, pages + 1);
			if (seen_has(&added, num))
				fail_msg("%s reported during the walk is in it", num);
		}
		pages++;
		next = json_object_get(j, "next");
		if (json_is_null(next)) {
			json_decref(j);
			break;
		}
		assert_true(json_is_string(next));
		snprintf(after, sizeof(after), "%s", json_string_value(next));
		json_decref(j);
		report("Under bla", "frist30", number, sizeof(number));
		seen_add(&added, number);
	}
	assert_true(total >= 1250);
	assert_int_equal((json_int_t)z.n, total);
	assert_true(pages >= 13);
	seen_free(&z);
	seen_free(&added);
	client_free(&c);
}

/* The href of the page's rel="next" link (unescaped) into out; 0 when
 * there is none. */
static int
next_link(const struct resp *r, char *out, size_t sz)
{
	const char	*b = buf_cstr(&r->body), *e, *h;
	size_t		 o = 0;

	if ((e = strstr(b, "\" rel=\"next\"")) == NULL)
		return 0;
	for (h = e; h > b && strncmp(h, "href=\"", 6) != 0; h--)
		;
	assert_true(h > b);
	for (h += 6; h < e && o + 1 < sz; h++) {
		if (strncmp(h, "&amp;", 5) == 0) {
			out[o++] = '&';
			h += 4;
		} else
			out[o++] = *h;
	}
	out[o] = '\0';
	return 1;
}

/* The numbers linked in the page's table, in order, added to z (each must
 * be new); their count. */
static size_t
table_numbers(const struct resp *r, struct seen *z, struct seen *order)
{
	const char	*p = buf_cstr(&r->body), *q;
	char		 num[64];
	size_t		 n = 0, len;

	if ((p = strstr(p, "<table class=\"devs\">")) == NULL)
		return 0;
	while ((p = strstr(p, "<td class=\"nowrap\"><a href=\"/deviations/")) != NULL) {
		p = strchr(p + 30, '>') + 1;
		q = strchr(p, '<');
		len = (size_t)(q - p);
		assert_true(len < sizeof(num));
		memcpy(num, p, len);
		num[len] = '\0';
		if (!seen_add(z, num))
			fail_msg("%s twice in the web list", num);
		if (order != NULL)
			seen_add(order, num);
		n++;
		p = q;
	}
	return n;
}

/* The web list, "Neste side" by "Neste side", while reports arrive. */
static void
test_web_walk_while_reporting(void **st)
{
	struct client	 c;
	struct resp	 r;
	struct seen	 z = { 0 };
	char		 path[1024] = "/deviations", number[64];
	json_t		*j;
	json_int_t	 total;
	size_t		 pages = 0;

	(void)st;
	api_client(&c, &S, NULL, tok_kari);
	assert_int_equal(api_call(&c, "GET", "/api/v1/deviations?limit=1", NULL,
	    &j), 200);
	total = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	client_free(&c);

	session_client(&c, &S, "kari.nilsen");
	for (;;) {
		client_req(&c, "GET", path, NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		table_numbers(&r, &z, NULL);
		pages++;
		if (!next_link(&r, path, sizeof(path))) {
			resp_free(&r);
			break;
		}
		assert_non_null(strstr(path, "after="));
		assert_true(resp_has(&r, "Neste side"));
		resp_free(&r);
		report("Under bla på nett", "frist30", number, sizeof(number));
	}
	assert_int_equal((json_int_t)z.n, total);
	assert_true(pages > 1);
	/* An edited page link is refused, not answered with the first page. */
	client_req(&c, "GET", "/deviations?after=r12x", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	seen_free(&z);
	client_free(&c);
}

/* dd.mm.yyyy after `at` as yyyymmdd, or 0. */
static long
date_after(const char *at)
{
	int d, m, y;

	if (sscanf(at, "%2d.%2d.%4d", &d, &m, &y) != 3)
		return 0;
	return (long)y * 10000 + m * 100 + d;
}

/* Issue 11 item 5: one report acknowledged (due in 30 days), then three
 * days later one new (to be acknowledged within 2 days, closed within 30):
 * the inbox showed "frist om 27 dager" above "frist om 2 dager", because it
 * sorted by the close deadline while showing the acknowledge deadline. It
 * must list by the deadline it shows, overdue first, on every page. */
static void
test_inbox_sorted_by_deadline_shown(void **st)
{
	struct client	 c;
	struct resp	 r;
	struct seen	 z = { 0 }, order = { 0 };
	json_t		*j, *items;
	char		 first[64], second[64], body[128], path[1024];
	const char	*env[] = { "ORDEN_CLOCK_OFFSET=259200", NULL };	/* 3 days */
	const char	*p;
	long		 prev = 0, d;
	size_t		 i, ifirst = SIZE_MAX, isecond = SIZE_MAX;

	(void)st;
	report("Eldre, kvittert", "frist30", first, sizeof(first));
	api_client(&c, &S, NULL, tok_bjorn);
	assert_int_equal(api_call(&c, "GET", "/api/v1/deviations?inbox=1&limit=1000",
	    NULL, &j), 200);
	items = json_object_get(j, "items");
	for (i = 0; i < json_array_size(items); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(items, i),
		    "number")), first) == 0)
			snprintf(path, sizeof(path), "/api/v1/deviations/%lld/actions",
			    (long long)json_integer_value(json_object_get(
			    json_array_get(items, i), "id")));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"action\":\"acknowledge\"}");
	assert_int_equal(api_call(&c, "POST", path, body, &j), 200);
	json_decref(j);
	client_free(&c);

	srv_stop(&S, 1);
	srv_start(&S, env);
	report("Ny, frist om 2 dager", "frist30", second, sizeof(second));

	session_client(&c, &S, "bjorn.saether");
	snprintf(path, sizeof(path), "/deviations/inbox");
	for (;;) {
		client_req(&c, "GET", path, NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		table_numbers(&r, &z, &order);
		/* The deadline cells' dates never go back. */
		for (p = buf_cstr(&r.body); (p = strstr(p, "<br><span class=\"hint\">"))
		    != NULL; p++) {
			d = date_after(p + strlen("<br><span class=\"hint\">"));
			if (d == 0)
				continue;
			if (d < prev)
				fail_msg("deadline %ld listed after %ld", d, prev);
			prev = d;
		}
		if (!next_link(&r, path, sizeof(path))) {
			resp_free(&r);
			break;
		}
		resp_free(&r);
	}
	for (i = 0; i < order.n; i++) {
		if (strcmp(order.v[i], first) == 0)
			ifirst = i;
		if (strcmp(order.v[i], second) == 0)
			isecond = i;
	}
	assert_true(ifirst != SIZE_MAX && isecond != SIZE_MAX);
	if (isecond > ifirst)
		fail_msg("%s (due in 2 days) is listed after %s (due in 27)",
		    second, first);
	seen_free(&z);
	seen_free(&order);
	client_free(&c);

	/* The JSON inbox is in the same order, page by page. */
	api_client(&c, &S, NULL, tok_bjorn);
	assert_int_equal(api_call(&c, "GET", "/api/v1/deviations?inbox=1&limit=2",
	    NULL, &j), 200);
	items = json_object_get(j, "items");
	assert_true(json_is_string(json_object_get(j, "next")));
	json_decref(j);
	client_free(&c);
}

/* Whether the leader's JSON inbox (one page of up to 1,000) holds number. */
static int
inbox_has(const char *tok, const char *number)
{
	struct client	 c;
	json_t		*j, *items;
	size_t		 i;
	int		 found = 0;

	api_client(&c, &S, NULL, tok);
	assert_int_equal(api_call(&c, "GET", "/api/v1/deviations?inbox=1&limit=1000",
	    NULL, &j), 200);
	items = json_object_get(j, "items");
	for (i = 0; i < json_array_size(items); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(items, i),
		    "number")), number) == 0)
			found = 1;
	json_decref(j);
	client_free(&c);
	return found;
}

/*
 * A leader of one unit with none under it is given an inbox statement that
 * names that unit (src/deviation/list.c, inbox_single_unit: the planner
 * then walks the unit's index). Once a unit is made under theirs, the
 * inbox is again every unit they lead and all below: a report handled in
 * the new unit is in it at once, on the web page as in the API.
 */
static void
test_inbox_takes_in_a_new_unit_below(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j;
	json_int_t	 below;
	char		 body[512], number[64], before[64];

	(void)st;
	report("Før underenheten", "frist30", before, sizeof(before));
	assert_true(inbox_has(tok_bjorn, before));

	api_client(&c, &S, NULL, tok_admin);
	snprintf(body, sizeof(body), "{\"code\":\"vestre-sfo\",\"name\":"
	    "\"Vestre SFO\",\"parent_id\":%lld}", (long long)vestre);
	assert_int_equal(api_call(&c, "POST", "/api/v1/units", body, &j), 201);
	below = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	client_free(&c);
	assert_true(below > 0);

	api_client(&c, &S, NULL, tok_emma);
	snprintf(body, sizeof(body), "{\"title\":\"I SFO\",\"description\":"
	    "\"Test.\",\"category\":\"frist30\",\"unit_id\":%lld}",
	    (long long)below);
	assert_int_equal(api_call(&c, "POST", "/api/v1/deviations", body, &j), 201);
	snprintf(number, sizeof(number), "%s",
	    json_string_value(json_object_get(j, "number")));
	json_decref(j);
	client_free(&c);

	assert_true(inbox_has(tok_bjorn, number));
	assert_true(inbox_has(tok_bjorn, before));
	session_client(&c, &S, "bjorn.saether");
	client_req(&c, "GET", "/deviations/inbox", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, number));
	resp_free(&r);
	client_free(&c);
}

/* Lines of a CSV body after its header; each number once. */
static size_t
csv_rows(const struct resp *r, struct seen *z)
{
	const char	*p = buf_cstr(&r->body), *e;
	char		 num[64];
	size_t		 n = 0, len;

	assert_non_null(p = strstr(p, "\r\n"));
	for (p += 2; *p != '\0'; p = e + 2) {
		assert_non_null(e = strstr(p, "\r\n"));
		len = strcspn(p, ",");
		assert_true(len < sizeof(num));
		memcpy(num, p, len);
		num[len] = '\0';
		if (!seen_add(z, num))
			fail_msg("%s twice in the export", num);
		n++;
	}
	return n;
}

/* Data lines of a CSV answer (after its header), whatever its dialect. */
static size_t
csv_lines_count(const struct resp *r)
{
	const char	*p = buf_cstr(&r->body);
	size_t		 n = 0;

	assert_non_null(p = strstr(p, "\r\n"));
	for (p += 2; (p = strstr(p, "\r\n")) != NULL; p += 2)
		n++;
	return n;
}

/* The export of the whole municipality (the dashboard's link at the top,
 * unit_id=0) has every row, past the export's page of 1,000. */
static void
test_csv_everything(void **st)
{
	struct client	 c;
	struct resp	 r;
	struct seen	 z = { 0 };
	json_t		*j;
	json_int_t	 total;
	char		 ct[128];

	(void)st;
	api_client(&c, &S, NULL, tok_kari);
	assert_int_equal(api_call(&c, "GET", "/api/v1/deviations?limit=1", NULL,
	    &j), 200);
	total = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	assert_true(total > 1000);
	client_req(&c, "GET", "/api/v1/deviations.csv?unit_id=0&sep=comma", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(resp_header(&r, "content-type", ct, sizeof(ct)), 0);
	assert_non_null(strstr(ct, "text/csv"));
	assert_int_equal((json_int_t)csv_rows(&r, &z), total);
	resp_free(&r);
	seen_free(&z);
	/* A date range: only its rows (none here before the demo's years). */
	client_req(&c, "GET", "/api/v1/deviations.csv?sep=comma&from=2000-01-01&to=2000-12-31",
	    NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(csv_rows(&r, &z), 0);
	resp_free(&r);
	seen_free(&z);
	client_free(&c);
	/* The quality adviser and the auditor span the municipality too
	 * (the auditor reads the closed ones; the export lost the role terms
	 * of the list and gave the auditor an empty file):
	 * the dashboard's link (unit_id=0, the default dialect) answers them
	 * with every row (issue 16: it was 400 "no such unit"). */
	{
		static const char *const login[] = { "ingrid.haugen", "eva.strom" };
		char	 tok[128];
		size_t	 i;

		for (i = 0; i < sizeof(login) / sizeof(login[0]); i++) {
			token_for(&S, NULL, login[i], tok, sizeof(tok));
			api_client(&c, &S, NULL, tok);
			assert_int_equal(api_call(&c, "GET",
			    "/api/v1/deviations?limit=1", NULL, &j), 200);
			total = json_integer_value(json_object_get(j, "total"));
			json_decref(j);
			assert_true(total > 1000);
			client_req(&c, "GET", "/api/v1/deviations.csv?unit_id=0",
			    NULL, NULL, &r);
			assert_int_equal(r.status, 200);
			if ((json_int_t)csv_lines_count(&r) != total)
				fail_msg("%s: %zu of %lld: %.300s", login[i], csv_lines_count(&r), (long long)total, buf_cstr(&r.body));
			resp_free(&r);
			client_free(&c);
		}
	}
}

/* The numbers of a JSON list page, joined, into out. */
static void
page_numbers(json_t *j, char *out, size_t sz)
{
	json_t	*items = json_object_get(j, "items");
	size_t	 i, o = 0;

	out[0] = '\0';
	for (i = 0; i < json_array_size(items) && o + 1 < sz; i++)
		o += (size_t)snprintf(out + o, sz - o, "%s ",
		    json_string_value(json_object_get(json_array_get(items, i),
		    "number")));
}

/* A period with an end, walked page by page (the CSV export's pages of
 * 1,000): every row once; and a cursor past the end (a crafted one, or
 * a bookmark) gives the period's first page, nothing after its end. The
 * cursor's bound stands in for the end after the first page (list.c). */
static void
test_period_end_with_cursor(void **st)
{
	struct client	 c;
	struct resp	 r;
	struct seen	 z = { 0 };
	json_t		*j;
	json_int_t	 total;
	time_t		 t = time(NULL);
	struct tm	 tm;
	char		 today[16], before[16], path[256], first[4096], past[4096];

	(void)st;
	api_client(&c, &S, NULL, tok_kari);
	gmtime_r(&t, &tm);
	tm.tm_mday += 1;	/* whatever the server's time zone */
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	snprintf(path, sizeof(path), "/api/v1/deviations?limit=1&from=2000-01-01"
	    "&to=%s", today);
	assert_int_equal(api_call(&c, "GET", path, NULL, &j), 200);
	total = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	assert_true(total > 1000);
	snprintf(path, sizeof(path), "/api/v1/deviations.csv?sep=comma"
	    "&from=2000-01-01&to=%s", today);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal((json_int_t)csv_rows(&r, &z), total);
	resp_free(&r);
	seen_free(&z);

	/* Three days ago: the demo's history is before it, this suite's
	 * reports after it. */
	t = time(NULL) - 3 * 86400;
	gmtime_r(&t, &tm);
	strftime(before, sizeof(before), "%Y-%m-%d", &tm);
	snprintf(path, sizeof(path), "/api/v1/deviations?limit=20&to=%s", before);
	assert_int_equal(api_call(&c, "GET", path, NULL, &j), 200);
	assert_true(json_integer_value(json_object_get(j, "total")) > 0);
	page_numbers(j, first, sizeof(first));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/deviations?limit=20&to=%s"
	    "&after=r4102444800.1", before);
	assert_int_equal(api_call(&c, "GET", path, NULL, &j), 200);
	page_numbers(j, past, sizeof(past));
	json_decref(j);
	assert_string_equal(past, first);
	client_free(&c);
}

/* Seconds since the epoch of an API time ("2026-12-07T12:31:23Z"), 0 for
 * null. */
static long long
api_time(json_t *v)
{
	struct tm	 tm;
	const char	*s = json_string_value(v);

	if (s == NULL)
		return 0;
	memset(&tm, 0, sizeof(tm));
	assert_non_null(strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm));
	return (long long)timegm(&tm);
}

/* The deadline an item shows (deviation_deadline): none is 0. */
static long long
item_deadline(json_t *it)
{
	const char	*st = json_string_value(json_object_get(it, "status"));
	long long	 ack = api_time(json_object_get(it, "ack_due_at"));
	long long	 due = api_time(json_object_get(it, "due_at"));

	if (strcmp(st, "closed") == 0)
		return 0;
	if (strcmp(st, "new") == 0 && ack > 0 && (due <= 0 || ack < due))
		return ack;
	return due > 0 ? due : 0;
}

/* The page of /api/v1/deviations?QUERY&limit=LIMIT after the cursor
 * after (empty: the first); after becomes its next (empty: none). Caller
 * frees the answer. */
static json_t *
api_page(struct client *c, const char *query, int limit, char *after,
    size_t sz)
{
	json_t	*j, *next;
	char	 path[384];

	snprintf(path, sizeof(path), "/api/v1/deviations?%s&limit=%d%s%s",
	    query, limit, after[0] ? "&after=" : "", after);
	assert_int_equal(api_call(c, "GET", path, NULL, &j), 200);
	next = json_object_get(j, "next");
	snprintf(after, sz, "%s", json_is_string(next) ?
	    json_string_value(next) : "");
	return j;
}

/* The numbers of tok's open deviations whose deadline is before now, by a
 * walk of the list of open ones (another statement, newest first). */
static void
recount_overdue(const char *tok, long long now, struct seen *z)
{
	struct client	 c;
	json_t		*j, *items, *it;
	char		 after[128] = "";
	long long	 d;
	size_t		 i;

	api_client(&c, &S, NULL, tok);
	do {
		j = api_page(&c, "status=not_closed", 500, after, sizeof(after));
		items = json_object_get(j, "items");
		for (i = 0; i < json_array_size(items); i++) {
			it = json_array_get(items, i);
			d = item_deadline(it);
			if (d > 0 && d < now)
				seen_add(z, json_string_value(json_object_get(it,
				    "number")));
		}
		json_decref(j);
	} while (after[0] != '\0');
	client_free(&c);
}

/*
 * The overdue list walked page by page (JSON API, small pages) gives every
 * overdue deviation the person may see exactly once, most overdue first
 * (the deadline shown, then id), each overdue when its page was made. For
 * the quality adviser the clock moves three days on between two pages
 * (restart with ORDEN_CLOCK_OFFSET): the reports made here at the start,
 * due to be acknowledged in 48 hours, pass their deadline during the walk
 * and come on a later page, after every row already shown; the walk ends
 * with every row overdue at its end (a recount from the list of open
 * ones). Newest first, they came before the cursor and were never shown.
 * Then a leader's own overdue list (several arms: own, led, routed).
 * offset: the server's clock offset when called.
 */
static void
walk_overdue(const char *tok, long long offset, int move_clock)
{
	struct client	 c;
	struct seen	 z = { 0 }, want = { 0 }, made = { 0 };
	json_t		*j, *items, *it;
	char		 after[128] = "", number[64];
	const char	*num, *env[] = { "ORDEN_CLOCK_OFFSET=518400", NULL };	/* 6 days */
	long long	 d, prev = 0;
	json_int_t	 id, previd = 0;
	size_t		 i, k, pages = 0;

	if (move_clock)
		for (k = 0; k < 3; k++) {
			report("Forfaller under gjennomgangen", "frist30", number,
			    sizeof(number));
			seen_add(&made, number);
		}
	api_client(&c, &S, NULL, tok);
	do {
		j = api_page(&c, "overdue=1", 3, after, sizeof(after));
		items = json_object_get(j, "items");
		for (i = 0; i < json_array_size(items); i++) {
			it = json_array_get(items, i);
			num = json_string_value(json_object_get(it, "number"));
			d = item_deadline(it);
			id = json_integer_value(json_object_get(it, "id"));
			if (!seen_add(&z, num))
				fail_msg("%s twice (page %zu)", num, pages + 1);
			if (d <= 0 || d >= (long long)time(NULL) + offset)
				fail_msg("%s is not overdue (deadline %lld, page %zu, now %lld)", num, d, pages + 1, (long long)time(NULL) + offset);
			if (d < prev || (d == prev && id <= previd))
				fail_msg("%s (deadline %lld) after one of %lld",
				    num, d, prev);
			prev = d;
			previd = id;
		}
		pages++;
		json_decref(j);
		if (move_clock && pages == 2) {
			client_free(&c);
			srv_stop(&S, 1);
			srv_start(&S, env);
			offset = 518400;
			api_client(&c, &S, NULL, tok);
		}
	} while (after[0] != '\0');
	client_free(&c);
	assert_true(pages >= 3);
	recount_overdue(tok, (long long)time(NULL) + offset, &want);
	for (i = 0; i < want.n; i++)
		if (!seen_has(&z, want.v[i]))
			fail_msg("%s is overdue and was not shown", want.v[i]);
	assert_int_equal(z.n, want.n);
	for (i = 0; i < made.n; i++)
		if (!seen_has(&z, made.v[i]))
			fail_msg("%s passed its deadline during the walk and was "
			    "not shown", made.v[i]);
	seen_free(&z);
	seen_free(&want);
	seen_free(&made);
}

static void
test_overdue_walk_by_deadline(void **st)
{
	(void)st;
	/* The server's clock runs 3 days ahead since
	 * test_inbox_sorted_by_deadline_shown, 6 after the first walk. */
	walk_overdue(tok_kari, 259200, 1);
	walk_overdue(tok_bjorn, 518400, 0);
}

/* The menu's unread count on the list and the dashboard, which read it
 * together with their units and categories (one round trip on
 * PostgreSQL, bench/why.md w21-pgread): the same number as the API's,
 * and none once they are read. */
static void
test_pages_show_the_unread_count(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j;
	json_int_t	 unread;
	char		 badge[64];
	static const char *const pages[] = { "/deviations", "/dashboard" };
	size_t		 i;

	(void)st;
	report("Ulest melding", "frist30", NULL, 0);
	api_client(&c, &S, NULL, tok_bjorn);
	assert_int_equal(api_call(&c, "GET", "/api/v1/notifications?unread=1",
	    NULL, &j), 200);
	unread = json_integer_value(json_object_get(j, "unread"));
	json_decref(j);
	assert_true(unread > 0);
	client_free(&c);
	snprintf(badge, sizeof(badge), "<span class=\"count\">%lld<span",
	    (long long)unread);

	session_client(&c, &S, "bjorn.saether");
	for (i = 0; i < 2; i++) {
		client_req(&c, "GET", pages[i], NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		assert_true(resp_has(&r, badge));
		resp_free(&r);
	}
	client_free(&c);

	api_client(&c, &S, NULL, tok_bjorn);
	assert_int_equal(api_call(&c, "POST", "/api/v1/notifications/read",
	    NULL, &j), 200);
	json_decref(j);
	client_free(&c);
	session_client(&c, &S, "bjorn.saether");
	for (i = 0; i < 2; i++) {
		client_req(&c, "GET", pages[i], NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		assert_false(resp_has(&r, "<span class=\"count\">"));
		resp_free(&r);
	}
	client_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_api_walk_while_reporting),
		cmocka_unit_test(test_web_walk_while_reporting),
		cmocka_unit_test(test_csv_everything),
		cmocka_unit_test(test_period_end_with_cursor),
		cmocka_unit_test(test_inbox_sorted_by_deadline_shown),
		cmocka_unit_test(test_inbox_takes_in_a_new_unit_below),
		cmocka_unit_test(test_overdue_walk_by_deadline),
		cmocka_unit_test(test_pages_show_the_unread_count),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
