/* The tertial report (issue 16) on the demo municipality: its numbers in
 * the JSON and in the XLSX (read back with python3-openpyxl) equal a
 * recount of the rows the CSV export lists for the same area and period;
 * who may take it and who may not; bad parameters name the field. */
#define _DEFAULT_SOURCE	/* mkstemps */
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
#include <unistd.h>

#include "harness.h"

static struct srv S;
static char tok_quality[128];
static json_int_t oo, vestre;

static int
setup(void **st)
{
	struct client c;

	(void)st;
	srv_prepare(&S, 1);
	srv_start(&S, NULL);
	token_for(&S, NULL, "ingrid.haugen", tok_quality, sizeof(tok_quality));
	api_client(&c, &S, NULL, tok_quality);
	oo = unit_id_of(&c, "oo");
	vestre = unit_id_of(&c, "vestre-skole");
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

/* The next RFC 4180 field of *p into out; 1 when the record goes on. */
static int
field(const char **p, char *out, size_t outsz)
{
	const char	*s = *p;
	size_t		 n = 0;
	int		 q = 0;

	if (*s == '"') {
		q = 1;
		s++;
	}
	for (;; s++) {
		if (q && *s == '"' && s[1] == '"') {
			s++;
		} else if (q && *s == '"') {
			q = 0;
			continue;
		} else if (!q && (*s == ',' || *s == '\r' || *s == '\0'))
			break;
		if (n + 1 < outsz)
			out[n++] = *s;
	}
	out[n] = '\0';
	if (*s == ',') {
		*p = s + 1;
		return 1;
	}
	*p = s[0] == '\r' ? s + 2 : s;
	return 0;
}

/* The group a demo unit under Oppvekst og opplæring reports in: the
 * groups the demo keeps (seeds/001), src/report/demo.c. */
static const char *
group_of(json_t *units, const char *unit_name)
{
	json_t		*u;
	const char	*code;
	size_t		 i;

	for (i = 0; i < json_array_size(units); i++) {
		u = json_array_get(units, i);
		if (strcmp(json_string_value(json_object_get(u, "name")),
		    unit_name) != 0)
			continue;
		code = json_string_value(json_object_get(u, "code"));
		if (strstr(code, "skole") != NULL)
			return "Grunnskoler";
		if (strstr(code, "barnehage") != NULL)
			return "Barnehager";
		if (strcmp(code, "ppt") == 0 || strcmp(code, "barnevern") == 0 ||
		    strcmp(code, "mestring") == 0 || strcmp(code, "nav") == 0)
			return "Mestring og inkludering";
		return unit_name;
	}
	fail_msg("no unit %s", unit_name);
	return NULL;
}

struct recount {
	char	 group[600];
	long	 dev, impr, closed;
	long	 cat[32];
	char	 code[32][600];
	size_t	 ncat;
};

static struct recount *
rc_of(struct recount *r, size_t *n, const char *group)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if (strcmp(r[i].group, group) == 0)
			return &r[i];
	assert_true(*n < 40);
	memset(&r[*n], 0, sizeof(r[*n]));
	snprintf(r[*n].group, sizeof(r[*n].group), "%s", group);
	return &r[(*n)++];
}

static void
rc_cat(struct recount *g, const char *code)
{
	size_t i;

	for (i = 0; i < g->ncat; i++)
		if (strcmp(g->code[i], code) == 0) {
			g->cat[i]++;
			return;
		}
	assert_true(g->ncat < 32);
	snprintf(g->code[g->ncat], sizeof(g->code[0]), "%s", code);
	g->cat[g->ncat++] = 1;
}

static long
rc_cat_get(const struct recount *g, const char *code)
{
	size_t i;

	for (i = 0; g != NULL && i < g->ncat; i++)
		if (strcmp(g->code[i], code) == 0)
			return g->cat[i];
	return 0;
}

/* Recount the area's rows in [from, to] from the CSV export, by group. */
static size_t
recount(struct client *c, json_t *units, json_int_t area, const char *from,
    const char *to, struct recount *r)
{
	struct resp	 resp;
	const char	*p;
	char		 path[512], f[11][512];

	size_t		 n = 0, k;
	struct recount	*g;

	snprintf(path, sizeof(path), "/api/v1/deviations.csv?sep=comma&unit_id=%lld"
	    "&from=%s&to=%s", (long long)area, from, to);
	client_req(c, "GET", path, NULL, NULL, &resp);
	assert_int_equal(resp.status, 200);
	assert_non_null(p = strstr(buf_cstr(&resp.body), "\r\n"));
	for (p += 2; *p != '\0';) {
		for (k = 0; k < 11; k++)
			if (!field(&p, f[k], sizeof(f[k])))
				break;
		assert_int_equal(k, 10);
		g = rc_of(r, &n, group_of(units, f[4]));
		if (strcmp(f[1], "improvement") == 0) {
			g->impr++;
			continue;
		}
		g->dev++;
		if (strcmp(f[2], "closed") == 0)
			g->closed++;
		rc_cat(g, f[3]);
	}
	resp_free(&resp);
	return n;
}

static long
num(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	if (!json_is_integer(v))
		fail_msg("%s is not an integer", k);
	return (long)json_integer_value(v);
}

static const struct recount *
find(const struct recount *r, size_t n, const char *group)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(r[i].group, group) == 0)
			return &r[i];
	return NULL;
}

/* The whole year of Oppvekst og opplæring, as the quality adviser takes
 * it: every group's numbers equal a recount of the rows. */
static void
test_numbers_equal_a_recount(void **st)
{
	struct client		 c;
	static struct recount	 rc[40];
	const struct recount	*g;
	json_t			*j, *units, *groups, *cats, *o, *v;
	size_t			 n, i, k;
	long			 dev = 0, sum;
	char			 path[256];
	const char		*name;

	(void)st;
	api_client(&c, &S, NULL, tok_quality);
	assert_int_equal(api_call(&c, "GET", "/api/v1/units", NULL, &units), 200);
	snprintf(path, sizeof(path), "/api/v1/reports/tertial?unit_id=%lld&tertial=year",
	    (long long)oo);
	assert_int_equal(api_call(&c, "GET", path, NULL, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "area")),
	    "Oppvekst og opplæring");
	assert_true(json_is_null(json_object_get(j, "tertial")));
	groups = json_object_get(j, "groups");
	cats = json_object_get(j, "categories");
	n = recount(&c, units, oo, json_string_value(json_object_get(j, "from")),
	    json_string_value(json_object_get(j, "to")), rc);
	/* The seed's groups: every school in one, every kindergarten in one,
	 * Mestring og inkludering on its own. */
	assert_true(json_array_size(groups) >= 3);
	assert_string_equal(json_string_value(json_object_get(
	    json_array_get(groups, 0), "name")), "Grunnskoler");
	for (i = 0; i < json_array_size(groups); i++) {
		o = json_array_get(groups, i);
		name = json_string_value(json_object_get(o, "name"));
		g = find(rc, n, name);
		if (strcmp(name, "Oppvekst og opplæring") == 0 && g == NULL)
			g = NULL;	/* the sector's own reports: maybe none */
		assert_int_equal(num(o, "deviations"), g ? g->dev : 0);
		assert_int_equal(num(o, "improvements"), g ? g->impr : 0);
		assert_int_equal(num(o, "closed"), g ? g->closed : 0);
		assert_int_equal(num(o, "open"), g ? g->dev - g->closed : 0);
		sum = 0;
		for (k = 0; k < json_array_size(cats); k++) {
			const char *code = json_string_value(json_object_get(
			    json_array_get(cats, k), "code"));

			v = json_object_get(json_object_get(o, "by_category"), code);
			assert_int_equal(json_integer_value(v), rc_cat_get(g, code));
			sum += (long)json_integer_value(v);
		}
		assert_int_equal(sum, num(o, "deviations"));
		dev += num(o, "deviations");
	}
	/* Every recounted group is in the report. */
	for (i = 0; i < n; i++) {
		int found = 0;

		for (k = 0; k < json_array_size(groups); k++)
			if (strcmp(json_string_value(json_object_get(
			    json_array_get(groups, k), "name")), rc[i].group) == 0)
				found = 1;
		if (!found)
			fail_msg("group %s missing", rc[i].group);
	}
	assert_true(dev > 0);
	assert_int_equal(num(json_object_get(j, "total"), "deviations"), dev);
	/* Days to close of the one-unit groups are their own. */
	for (i = 0; i < json_array_size(groups); i++) {
		o = json_array_get(groups, i);
		if (json_is_integer(json_object_get(o, "unit_id")) &&
		    num(o, "closed") > 0)
			assert_true(json_is_number(json_object_get(o,
			    "median_days_to_close")));
	}
	/* Last year's column is last year's report. */
	{
		json_t	*l;
		int	 y = (int)json_integer_value(json_object_get(j, "year"));

		snprintf(path, sizeof(path), "/api/v1/reports/tertial?unit_id=%lld"
		    "&year=%d", (long long)oo, y - 1);
		assert_int_equal(api_call(&c, "GET", path, NULL, &l), 200);
		assert_int_equal(num(json_object_get(json_object_get(j, "total"),
		    "last_year"), "deviations"),
		    num(json_object_get(l, "total"), "deviations"));
		json_decref(l);
	}
	json_decref(units);
	json_decref(j);
	client_free(&c);
}

/* RFC 3339 UTC "YYYY-MM-DDTHH:MM:SSZ" to seconds (timegm). */
static int64_t
utc_secs(const char *s)
{
	struct tm	tm;
	int		y, mo, d, h, mi, se;

	memset(&tm, 0, sizeof(tm));
	assert_int_equal(sscanf(s, "%d-%d-%dT%d:%d:%dZ", &y, &mo, &d, &h, &mi, &se), 6);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	return (int64_t)timegm(&tm);
}

/* Days to close as the report counts them (counts.c dev_close_bucket). */
static long
bucket(long d)
{
	if (d < 63)
		return d;
	if (d < 189)
		return 63 + (d - 63) / 7 * 7;
	if (d < 369)
		return 189 + (d - 189) / 30 * 30;
	if (d < 3650)
		return 369 + (d - 369) / 365 * 365;
	return 3650;
}

static int
cmp_long(const void *a, const void *b)
{
	long x = *(const long *)a, y = *(const long *)b;

	return x < y ? -1 : x > y;
}

/* Issue 16 item 2: a group of several units (every school of Oppvekst og
 * opplæring in "Grunnskoler") has its median and 90th percentile of days
 * to close, equal to a recount by hand of the deviations its units closed
 * in the period (whole days, read as their bucket); it was "–". */
static void
test_group_median_equals_a_recount(void **st)
{
	struct client	 c;
	static long	 days[20000];
	json_t		*j, *units, *o = NULL, *page, *items, *d, *u;
	size_t		 i, k, n = 0;
	char		 path[512], next[128] = "";
	const char	*code;
	int64_t		 from, to, cl;
	double		 median;

	(void)st;
	api_client(&c, &S, NULL, tok_quality);
	assert_int_equal(api_call(&c, "GET", "/api/v1/units", NULL, &units), 200);
	snprintf(path, sizeof(path), "/api/v1/reports/tertial?unit_id=%lld&tertial=year",
	    (long long)oo);
	assert_int_equal(api_call(&c, "GET", path, NULL, &j), 200);
	for (i = 0; i < json_array_size(json_object_get(j, "groups")); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(
		    json_object_get(j, "groups"), i), "name")), "Grunnskoler") == 0)
			o = json_array_get(json_object_get(j, "groups"), i);
	assert_non_null(o);
	assert_true(json_is_null(json_object_get(o, "unit_id")) ||
	    json_object_get(o, "unit_id") == NULL);
	from = utc_secs(json_string_value(json_object_get(j, "from")));
	to = utc_secs(json_string_value(json_object_get(j, "to")));
	/* Every closed deviation under the sector, page by page. */
	for (;;) {
		snprintf(path, sizeof(path), "/api/v1/deviations?unit_id=%lld"
		    "&status=closed&kind=deviation&limit=1000%s%s",
		    (long long)oo, next[0] ? "&after=" : "", next);
		assert_int_equal(api_call(&c, "GET", path, NULL, &page), 200);
		items = json_object_get(page, "items");
		for (i = 0; i < json_array_size(items); i++) {
			d = json_array_get(items, i);
			cl = utc_secs(json_string_value(json_object_get(d, "closed_at")));
			if (cl < from || cl > to)
				continue;
			code = NULL;
			for (k = 0; k < json_array_size(units); k++) {
				u = json_array_get(units, k);
				if (json_integer_value(json_object_get(u, "id")) ==
				    json_integer_value(json_object_get(d, "unit_id")))
					code = json_string_value(json_object_get(u, "code"));
			}
			assert_non_null(code);
			if (strstr(code, "skole") == NULL)
				continue;
			assert_true(n < sizeof(days) / sizeof(days[0]));
			days[n++] = bucket((long)((cl - utc_secs(json_string_value(
			    json_object_get(d, "reported_at")))) / 86400));
		}
		if (json_is_null(json_object_get(page, "next"))) {
			json_decref(page);
			break;
		}
		snprintf(next, sizeof(next), "%s",
		    json_string_value(json_object_get(page, "next")));
		json_decref(page);
	}
	/* The demo closes deviations in several schools this year. */
	assert_true(n >= 2);
	qsort(days, n, sizeof(days[0]), cmp_long);
	median = n % 2 ? (double)days[n / 2] :
	    (days[n / 2 - 1] + days[n / 2]) / 2.0;
	if (!json_is_number(json_object_get(o, "median_days_to_close")))
		fail_msg("Grunnskoler has no median (\"–\")");
	assert_true(json_number_value(json_object_get(o, "median_days_to_close")) ==
	    median);
	assert_int_equal(json_integer_value(json_object_get(o, "p90_days_to_close")),
	    days[(n * 9 + 9) / 10 - 1]);
	json_decref(units);
	json_decref(j);
	client_free(&c);
}

/* The XLSX has the JSON's numbers, as numbers; the header row frozen;
 * the period's days as dates. */
static void
test_xlsx_reads_back(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j, *groups;
	char		 path[256], file[] = "/tmp/orden-test-XXXXXX.xlsx", cmd[1024];
	char		 line[1024], want[1024], ct[256];
	FILE		*fp, *py;
	size_t		 i;
	int		 fd;

	(void)st;
	api_client(&c, &S, NULL, tok_quality);
	snprintf(path, sizeof(path), "/api/v1/reports/tertial?unit_id=%lld", (long long)oo);
	assert_int_equal(api_call(&c, "GET", path, NULL, &j), 200);
	snprintf(path, sizeof(path), "/api/v1/reports/tertial.xlsx?unit_id=%lld", (long long)oo);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(resp_header(&r, "content-type", ct, sizeof(ct)), 0);
	assert_string_equal(ct, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	assert_true((fd = mkstemps(file, 5)) >= 0);
	assert_non_null(fp = fdopen(fd, "wb"));
	assert_int_equal(fwrite(r.body.data, 1, r.body.len, fp), r.body.len);
	fclose(fp);
	resp_free(&r);
	/* The Debian python that python3-openpyxl is installed for. */
	snprintf(cmd, sizeof(cmd), "/usr/bin/python3 -c '"
	    "import sys, openpyxl, datetime\n"
	    "wb = openpyxl.load_workbook(sys.argv[1])\n"
	    "print(\"|\".join(wb.sheetnames))\n"
	    "ws = wb.worksheets[0]\n"
	    "print(ws.freeze_panes)\n"
	    "n = ws.max_column\n"
	    "for row in ws.iter_rows(min_row=2, values_only=True):\n"
	    "    assert all(isinstance(v, (int, float)) for v in row[1:]), row\n"
	    "    print(\"%%s=%%d/%%d\" %% (row[0], row[n - 2], row[n - 1]))\n"
	    "a = wb.worksheets[-1]\n"
	    "print(isinstance(a[\"B4\"].value, datetime.datetime), a[\"B4\"].value.strftime(\"%%Y-%%m-%%d\"))\n"
	    "' %s", file);
	assert_non_null(py = popen(cmd, "r"));
	assert_non_null(fgets(line, sizeof(line), py));
	assert_string_equal(line, "Etter kategori|Status|I fjor|Tekstdeler|Om\n");
	assert_non_null(fgets(line, sizeof(line), py));
	assert_string_equal(line, "A2\n");
	groups = json_object_get(j, "groups");
	for (i = 0; i < json_array_size(groups); i++) {
		json_t *o = json_array_get(groups, i);

		assert_non_null(fgets(line, sizeof(line), py));
		snprintf(want, sizeof(want), "%s=%lld/%lld\n",
		    json_string_value(json_object_get(o, "name")),
		    (long long)json_integer_value(json_object_get(o, "deviations")),
		    (long long)json_integer_value(json_object_get(o, "improvements")));
		assert_string_equal(line, want);
	}
	assert_non_null(fgets(line, sizeof(line), py));	/* the total */
	snprintf(want, sizeof(want), "Totalt=%lld/%lld\n",
	    (long long)json_integer_value(json_object_get(json_object_get(j, "total"), "deviations")),
	    (long long)json_integer_value(json_object_get(json_object_get(j, "total"), "improvements")));
	assert_string_equal(line, want);
	assert_non_null(fgets(line, sizeof(line), py));
	snprintf(want, sizeof(want), "True %.10s\n",
	    json_string_value(json_object_get(j, "from")));
	/* The first day of the period, an Oslo date (from is UTC: the day
	 * before, 23:00). */
	assert_int_equal(strncmp(line, "True ", 5), 0);
	assert_int_equal(strncmp(line + 5 + 5, "01-01", 5), 0);
	assert_int_equal(pclose(py), 0);
	unlink(file);
	json_decref(j);
	client_free(&c);
}

static long
status_as(const char *login, const char *query)
{
	struct client	 c;
	struct resp	 r;
	char		 tok[128], path[256];
	long		 st;

	token_for(&S, NULL, login, tok, sizeof(tok));
	api_client(&c, &S, NULL, tok);
	snprintf(path, sizeof(path), "/api/v1/reports/tertial%s", query);
	client_req(&c, "GET", path, NULL, NULL, &r);
	st = r.status;
	resp_free(&r);
	client_free(&c);
	return st;
}

/* Who may take the report, of the municipality and of an area; the XLSX
 * the same. */
static void
test_who_may_take_it(void **st)
{
	char	 q_oo[64], q_vestre[64], q_x[64];

	(void)st;
	snprintf(q_oo, sizeof(q_oo), "?unit_id=%lld", (long long)oo);
	snprintf(q_vestre, sizeof(q_vestre), "?unit_id=%lld", (long long)vestre);
	snprintf(q_x, sizeof(q_x), ".xlsx?unit_id=%lld", (long long)oo);
	assert_int_equal(status_as("ingrid.haugen", ""), 200);	/* quality */
	assert_int_equal(status_as("kari.nilsen", ""), 200);	/* chief executive */
	assert_int_equal(status_as("eva.strom", ""), 200);	/* auditor */
	assert_int_equal(status_as("eva.strom", q_x), 200);
	assert_int_equal(status_as("admin", ""), 403);
	assert_int_equal(status_as("emma.johansen", ""), 403);	/* employee */
	assert_int_equal(status_as("emma.johansen", q_vestre), 403);
	assert_int_equal(status_as("emma.johansen", q_x), 403);
	/* The leader of Vestre skole: his school, not the sector. */
	assert_int_equal(status_as("bjorn.saether", q_vestre), 200);
	assert_int_equal(status_as("bjorn.saether", q_oo), 403);
	assert_int_equal(status_as("bjorn.saether", "?unit_id=0"), 403);
}

/* The unit_id of the report login gets when asking with query (JSON). */
static json_int_t
area_as(const char *login, const char *query)
{
	struct client	 c;
	json_t		*j;
	json_int_t	 u;
	char		 tok[128], path[256];

	token_for(&S, NULL, login, tok, sizeof(tok));
	api_client(&c, &S, NULL, tok);
	snprintf(path, sizeof(path), "/api/v1/reports/tertial%s", query);
	assert_int_equal(api_call(&c, "GET", path, NULL, &j), 200);
	u = json_integer_value(json_object_get(j, "unit_id"));
	json_decref(j);
	client_free(&c);
	return u;
}

/* Without unit_id the API (and its PDF and XLSX) gives the report the
 * tertial page opens on: the sector head's sector, the school leader's
 * school, the municipality for quality. It used to refuse all but those
 * who may see the whole municipality (403). */
static void
test_no_unit_is_the_callers_area(void **st)
{
	(void)st;
	assert_int_equal(area_as("trine.larsen", ""), oo);
	assert_int_equal(area_as("bjorn.saether", "?tertial=1"), vestre);
	assert_int_equal(area_as("ingrid.haugen", ""), 0);
	assert_int_equal(status_as("trine.larsen", ".pdf"), 200);
	assert_int_equal(status_as("trine.larsen", ".xlsx?tertial=2"), 200);
	assert_int_equal(status_as("emma.johansen", ".pdf"), 403);
}

static void
test_bad_parameters_name_the_field(void **st)
{
	struct client	 c, w;
	struct resp	 r;
	json_t		*j;
	static const struct { const char *q, *field; } bad[] = {
		{ "?year=1999", "year" },
		{ "?year=abc", "year" },
		{ "?tertial=4", "tertial" },
		{ "?unit_id=999999", "unit_id" },
		{ "?unit_id=-1", "unit_id" },
	};
	char		 path[128];
	size_t		 i;

	(void)st;
	api_client(&c, &S, NULL, tok_quality);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(path, sizeof(path), "/api/v1/reports/tertial%s", bad[i].q);
		assert_int_equal(api_call(&c, "GET", path, NULL, &j), 400);
		assert_string_equal(json_err_field(j), bad[i].field);
		json_decref(j);
	}
	/* The page names the field by the label its form shows. */
	session_client(&w, &S, "ingrid.haugen");
	client_req(&w, "GET", "/reports/tertial?year=1999", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "År: "));
	assert_false(resp_has(&r, "year: "));
	resp_free(&r);
	client_free(&w);
	/* T2 of a year: May to August, on the Oslo clock. */
	assert_int_equal(api_call(&c, "GET", "/api/v1/reports/tertial?year=2026&tertial=2",
	    NULL, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "from")),
	    "2026-04-30T22:00:00Z");
	assert_string_equal(json_string_value(json_object_get(j, "to")),
	    "2026-08-31T21:59:59Z");
	json_decref(j);
	client_free(&c);
}

/* How many times needle is in r's body. */
static int
occurrences(struct resp *r, const char *needle)
{
	const char	*p = buf_cstr(&r->body);
	int		 n = 0;

	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p += strlen(needle);
	}
	return n;
}

/* The page shows the JSON's numbers, in bokmål, nynorsk and English. */
static void
test_page_shows_the_numbers(void **st)
{
	struct client	 c, w;
	struct resp	 r;
	json_t		*j, *g;
	char		 path[256], cell[512], lang[64];
	size_t		 i;
	static const struct { const char *lang, *h; } langs[] = {
		{ "nb", "Status på lukking av avvik" },
		{ "nn", "Status på lukking av avvik" },
		{ "en", "Status of closing deviations" },
	};

	(void)st;
	api_client(&c, &S, NULL, tok_quality);
	snprintf(path, sizeof(path), "/api/v1/reports/tertial?unit_id=%lld&tertial=1",
	    (long long)oo);
	assert_int_equal(api_call(&c, "GET", path, NULL, &j), 200);
	client_free(&c);
	session_client(&w, &S, "ingrid.haugen");
	snprintf(path, sizeof(path), "/reports/tertial?unit_id=%lld&tertial=1",
	    (long long)oo);
	client_req(&w, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Tertialrapport T1"));
	assert_true(resp_has(&r, "Antall avvik"));
	assert_true(resp_has(&r, "Grunnskoler"));
	for (i = 0; i < json_array_size(json_object_get(j, "groups")); i++) {
		g = json_array_get(json_object_get(j, "groups"), i);
		/* The group's row ends in its deviations and proposals. */
		snprintf(cell, sizeof(cell), "<td class=\"num\">%lld</td><td class=\"num\">%lld</td></tr>",
		    (long long)json_integer_value(json_object_get(g, "deviations")),
		    (long long)json_integer_value(json_object_get(g, "improvements")));
		assert_true(resp_has(&r, cell));
		/* Its name opens the group's view (its units, each figure a
		 * link to its list), in the chart's table and the three others. */
		snprintf(cell, sizeof(cell), "<th scope=\"row\"><a href=\""
		    "/reports/group?unit_id=%lld&amp;group=%s&amp;year=%lld"
		    "&amp;tertial=1\">%s</a></th>", (long long)oo,
		    json_string_value(json_object_get(g, "key")),
		    (long long)json_integer_value(json_object_get(j, "year")),
		    json_string_value(json_object_get(g, "name")));
		if (occurrences(&r, cell) != 4)
			fail_msg("%d times, not 4: %s", occurrences(&r, cell), cell);
	}
	resp_free(&r);
	g = json_array_get(json_object_get(j, "groups"), 0);
	snprintf(path, sizeof(path), "/reports/group?unit_id=%lld&group=%s"
	    "&year=%lld&tertial=1", (long long)oo,
	    json_string_value(json_object_get(g, "key")),
	    (long long)json_integer_value(json_object_get(j, "year")));
	client_req(&w, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	snprintf(cell, sizeof(cell), "<h1>%s</h1>",
	    json_string_value(json_object_get(g, "name")));
	assert_true(resp_has(&r, cell));
	resp_free(&r);
	snprintf(path, sizeof(path), "/reports/tertial?unit_id=%lld&tertial=1",
	    (long long)oo);
	for (i = 0; i < sizeof(langs) / sizeof(langs[0]); i++) {
		snprintf(lang, sizeof(lang), "/lang?set=%s&next=/", langs[i].lang);
		client_req(&w, "GET", lang, NULL, NULL, &r);
		assert_int_equal(r.status, 303);
		resp_free(&r);
		client_req(&w, "GET", path, NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		if (!resp_has(&r, langs[i].h))
			fail_msg("%s: no \"%s\"", langs[i].lang, langs[i].h);
		resp_free(&r);
	}
	client_free(&w);
	json_decref(j);
}

/* The PDF in r's body read by a poppler tool writing to stdout: cmd is
 * its command line before the file's name, tail what follows the name
 * ("-" for pdftotext). Its output into out (initialised here; caller
 * frees). */
static void
pdf_through(const struct resp *r, const char *cmd, const char *tail,
    struct buf *out)
{
	char	 file[] = "/tmp/orden-test-XXXXXX.pdf", line[512], chunk[4096];
	FILE	*fp;
	size_t	 got;
	int	 fd;

	assert_true((fd = mkstemps(file, 4)) >= 0);
	assert_non_null(fp = fdopen(fd, "wb"));
	assert_int_equal(fwrite(r->body.data, 1, r->body.len, fp), r->body.len);
	fclose(fp);
	snprintf(line, sizeof(line), "%s %s %s", cmd, file, tail);
	assert_non_null(fp = popen(line, "r"));
	buf_init(out, 1u << 20);
	while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_append(out, chunk, got);
	assert_int_equal(pclose(fp), 0);
	unlink(file);
}

/* The PDF: A4 pages numbered "Side n av N", the municipality's name, the
 * contents, the tables' headings with their words whole, and every
 * group's numbers as extractable text (pdftotext) equal to the JSON's. */
static void
test_pdf_has_the_numbers(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j, *g;
	char		 path[256], ct[128], want[256];
	struct buf	 txt;
	size_t		 i;

	(void)st;
	api_client(&c, &S, NULL, tok_quality);
	snprintf(path, sizeof(path), "/api/v1/reports/tertial?unit_id=%lld&tertial=1",
	    (long long)oo);
	assert_int_equal(api_call(&c, "GET", path, NULL, &j), 200);
	snprintf(path, sizeof(path), "/api/v1/reports/tertial.pdf?unit_id=%lld&tertial=1",
	    (long long)oo);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(resp_header(&r, "content-type", ct, sizeof(ct)), 0);
	assert_string_equal(ct, "application/pdf");
	assert_int_equal(memcmp(r.body.data, "%PDF-", 5), 0);
	/* -layout keeps a table's row on one line. */
	pdf_through(&r, "pdftotext -layout", "-", &txt);
	resp_free(&r);
	assert_non_null(strstr(buf_cstr(&txt), "Tertialrapport T1"));
	assert_non_null(strstr(buf_cstr(&txt), "Demo kommune"));
	assert_non_null(strstr(buf_cstr(&txt), "Innhold"));
	assert_non_null(strstr(buf_cstr(&txt), "Side 1 av "));
	assert_non_null(strstr(buf_cstr(&txt), "Status på lukking av avvik"));
	/* A heading's word is whole in its narrow column: "Under
	 * behandling", not "behandlin-" over "g". */
	assert_non_null(strstr(buf_cstr(&txt), "behandling"));
	for (i = 0; i < json_array_size(json_object_get(j, "groups")); i++) {
		const char *line, *name;

		g = json_array_get(json_object_get(j, "groups"), i);
		name = json_string_value(json_object_get(g, "name"));
		/* The status table's row: name, deviations, open, closed. */
		snprintf(want, sizeof(want), "%lld %lld %lld",
		    (long long)json_integer_value(json_object_get(g, "deviations")),
		    (long long)json_integer_value(json_object_get(g, "open")),
		    (long long)json_integer_value(json_object_get(g, "closed")));
		for (line = buf_cstr(&txt); (line = strstr(line, name)) != NULL; line++) {
			char	 row[512], norm[512];
			size_t	 k, m = 0;
			const char *e = strchr(line, '\n');

			k = e != NULL ? (size_t)(e - line) : strlen(line);
			if (k >= sizeof(row))
				k = sizeof(row) - 1;
			memcpy(row, line, k);
			row[k] = '\0';
			/* Runs of spaces as one. */
			for (k = 0; row[k] != '\0' && m + 1 < sizeof(norm); k++)
				if (row[k] != ' ' || (m > 0 && norm[m - 1] != ' '))
					norm[m++] = row[k];
			norm[m] = '\0';
			if (strstr(norm, want) != NULL)
				break;
		}
		if (line == NULL)
			fail_msg("%s: no row with %s in the PDF", name, want);
	}
	buf_free(&txt);
	json_decref(j);
	client_free(&c);
}

/* 1 when a line of txt starts (after spaces) with head and holds word. */
static int
line_has(const char *txt, const char *head, const char *word)
{
	const char	*l, *e;
	char		 line[1024];
	size_t		 k;

	for (l = txt; l != NULL && *l != '\0'; l = e != NULL ? e + 1 : NULL) {
		e = strchr(l, '\n');
		k = e != NULL ? (size_t)(e - l) : strlen(l);
		if (k >= sizeof(line))
			k = sizeof(line) - 1;
		memcpy(line, l, k);
		line[k] = '\0';
		if (strncmp(line + strspn(line, " "), head, strlen(head)) == 0 &&
		    strstr(line, word) != NULL)
			return 1;
	}
	return 0;
}

/* The whole municipality's PDF: its sectors' long names head narrow
 * columns, and the headings keep every word whole ("Økonomistyring",
 * "Forbedringsforslag"), wrapping between words: a column is widened for
 * its heading's longest word and the table by category takes fewer
 * groups when they would not fit. Read with pdftotext -layout, where a
 * heading's first line is the line of "Kategori" or "Gruppe". */
static void
test_pdf_headings_keep_words_whole(void **st)
{
	struct client	 c;
	struct resp	 r;
	struct buf	 txt;

	(void)st;
	api_client(&c, &S, NULL, tok_quality);
	client_req(&c, "GET", "/api/v1/reports/tertial.pdf?unit_id=0&tertial=1",
	    NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	pdf_through(&r, "pdftotext -layout", "-", &txt);
	resp_free(&r);
	assert_true(line_has(buf_cstr(&txt), "Kategori", "Økonomistyring"));
	assert_true(line_has(buf_cstr(&txt), "Kategori", "Kommunedirektør"));
	assert_true(line_has(buf_cstr(&txt), "Gruppe", "Forbedringsforslag"));
	buf_free(&txt);
	client_free(&c);
}

/* The PDF's total rows are bold, each of them: "Avvik" under the
 * categories (the categories' total) as "Totalt" in the other tables,
 * while "Forbedringsforslag" under it, no total, is not. Read with
 * pdftohtml -xml, which marks text in a bold font with <b>. ("Avvik" as a
 * column heading is bold too; it was the row that was not.) */
static void
test_pdf_total_rows_bold(void **st)
{
	struct client	 c;
	struct resp	 r;
	char		 path[256];
	struct buf	 xml;
	size_t		 nbold = 0;
	const char	*p;

	(void)st;
	api_client(&c, &S, NULL, tok_quality);
	snprintf(path, sizeof(path), "/api/v1/reports/tertial.pdf?unit_id=%lld&tertial=1",
	    (long long)oo);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	pdf_through(&r, "pdftohtml -xml -i -stdout", "", &xml);
	resp_free(&r);
	client_free(&c);
	/* No "Avvik" in a regular font; in bold the two headings and the row. */
	if (strstr(buf_cstr(&xml), "\">Avvik</text>") != NULL)
		fail_msg("the total row \"Avvik\" is not bold");
	for (p = buf_cstr(&xml); (p = strstr(p, "<b>Avvik</b>")) != NULL; p++)
		nbold++;
	assert_true(nbold >= 3);
	assert_non_null(strstr(buf_cstr(&xml), "<b>Totalt</b>"));
	assert_non_null(strstr(buf_cstr(&xml), "\">Forbedringsforslag</text>"));
	buf_free(&xml);
}

/* Issue 16 item 4: the dashboard drills down into the report's groups. */

/* The JSON report of oo for the whole of year (0: this year). */
static json_t *
year_report(struct client *c, int year)
{
	json_t	*j;
	char	 path[256];

	if (year == 0)
		snprintf(path, sizeof(path), "/api/v1/reports/tertial?unit_id=%lld"
		    "&tertial=year", (long long)oo);
	else
		snprintf(path, sizeof(path), "/api/v1/reports/tertial?unit_id=%lld"
		    "&year=%d&tertial=year", (long long)oo, year);
	assert_int_equal(api_call(c, "GET", path, NULL, &j), 200);
	return j;
}

static json_t *
group_named(json_t *j, const char *name)
{
	json_t	*g = json_object_get(j, "groups");
	size_t	 i;

	for (i = 0; i < json_array_size(g); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(g, i),
		    "name")), name) == 0)
			return json_array_get(g, i);
	fail_msg("no group %s", name);
	return NULL;
}

/* One unit of the group as recounted from the CSV. */
struct unit_count {
	char	 name[600];
	long	 dev, open, closed, impr, last;
};

/* Oslo's month (1-12) of a UTC "YYYY-MM-DDTHH:MM:SSZ". */
static int
oslo_month(const char *utc)
{
	time_t		t = (time_t)utc_secs(utc);
	struct tm	tm;

	assert_non_null(localtime_r(&t, &tm));
	return tm.tm_mon + 1;
}

/* Recount the rows of oo's group `group` in [from, to] (the CSV export),
 * per unit and per Oslo month; last: into the year before's columns. */
static void
recount_group(struct client *c, json_t *units, const char *group,
    const char *from, const char *to, int last, struct unit_count *u,
    size_t *nu, long month[13], long month_last[13])
{
	struct resp	 resp;
	const char	*p;
	char		 path[512], f[11][512];
	size_t		 k, i;

	snprintf(path, sizeof(path), "/api/v1/deviations.csv?sep=comma&unit_id=%lld"
	    "&from=%s&to=%s", (long long)oo, from, to);
	client_req(c, "GET", path, NULL, NULL, &resp);
	assert_int_equal(resp.status, 200);
	assert_non_null(p = strstr(buf_cstr(&resp.body), "\r\n"));
	for (p += 2; *p != '\0';) {
		for (k = 0; k < 11; k++)
			if (!field(&p, f[k], sizeof(f[k])))
				break;
		assert_int_equal(k, 10);
		if (strcmp(group_of(units, f[4]), group) != 0)
			continue;
		for (i = 0; i < *nu; i++)
			if (strcmp(u[i].name, f[4]) == 0)
				break;
		if (i == *nu) {
			assert_true(*nu < 40);
			memset(&u[i], 0, sizeof(u[i]));
			snprintf(u[i].name, sizeof(u[i].name), "%s", f[4]);
			(*nu)++;
		}
		if (strcmp(f[1], "improvement") == 0) {
			if (!last)
				u[i].impr++;
			continue;
		}
		if (last) {
			u[i].last++;
			month_last[oslo_month(f[6])]++;
			continue;
		}
		u[i].dev++;
		*(strcmp(f[2], "closed") == 0 ? &u[i].closed : &u[i].open) += 1;
		month[oslo_month(f[6])]++;
	}
	resp_free(&resp);
}

/* The id of the unit named name in units (GET /api/v1/units). */
static long long
unit_id_named(json_t *units, const char *name)
{
	json_t	*u;
	size_t	 i;

	for (i = 0; i < json_array_size(units); i++) {
		u = json_array_get(units, i);
		if (strcmp(json_string_value(json_object_get(u, "name")), name) == 0)
			return (long long)json_integer_value(json_object_get(u, "id"));
	}
	fail_msg("no unit %s", name);
	return 0;
}

/* A unit's figure n in the group's view as the page writes it: a link to
 * the list of the unit's reports in [from, to] of what ("&amp;"-joined
 * filters) when n > 0, the number alone when 0. Into cell at its end. */
static void
unit_fig(char *cell, size_t size, long n, long long unit, const char *from,
    const char *to, const char *what)
{
	size_t len = strlen(cell);

	if (n == 0)
		snprintf(cell + len, size - len, "<td class=\"num\">0</td>");
	else
		snprintf(cell + len, size - len, "<td class=\"num\"><a href=\""
		    "/deviations?unit_id=%lld&amp;from=%s&amp;to=%s%s\">%ld</a></td>",
		    unit, from, to, what, n);
}

/* The web list of a figure's link (href as written, "&amp;") says it
 * lists n reports. */
static void
list_says(struct client *w, const char *href, long n)
{
	struct resp	 r;
	char		 path[512], want[128];
	const char	*p;
	size_t		 k = 0;

	for (p = href; *p != '\0' && k + 1 < sizeof(path); p++) {
		path[k++] = *p;
		if (strncmp(p, "&amp;", 5) == 0)
			p += 4;
	}
	path[k] = '\0';
	client_req(w, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	snprintf(want, sizeof(want), "role=\"status\">%ld %s</p>", n,
	    n == 1 ? "melding" : "meldinger");
	if (!resp_has(&r, want))
		fail_msg("%s does not say %s", path, want);
	resp_free(&r);
}

/* The group's view: each unit's figures and each month beside the same
 * month a year before equal a recount of the rows. */
static void
test_group_view_equals_a_recount(void **st)
{
	struct client		 c, w;
	struct resp		 r;
	static struct unit_count u[40];
	json_t			*j, *l, *units, *g;
	long			 month[13] = { 0 }, month_last[13] = { 0 };
	long long		 id;
	size_t			 nu = 0, i, k, linked = 0;
	int			 y, m;
	char			 path[512], cell[2048], href[512];
	char			 fday[16], tday[16];

	(void)st;
	setenv("TZ", "Europe/Oslo", 1);
	tzset();
	api_client(&c, &S, NULL, tok_quality);
	assert_int_equal(api_call(&c, "GET", "/api/v1/units", NULL, &units), 200);
	j = year_report(&c, 0);
	y = (int)json_integer_value(json_object_get(j, "year"));
	l = year_report(&c, y - 1);
	g = group_named(j, "Grunnskoler");
	recount_group(&c, units, "Grunnskoler",
	    json_string_value(json_object_get(j, "from")),
	    json_string_value(json_object_get(j, "to")), 0, u, &nu, month,
	    month_last);
	recount_group(&c, units, "Grunnskoler",
	    json_string_value(json_object_get(l, "from")),
	    json_string_value(json_object_get(l, "to")), 1, u, &nu, month,
	    month_last);
	assert_true(nu >= 2);
	session_client(&w, &S, "ingrid.haugen");
	snprintf(path, sizeof(path), "/reports/group?unit_id=%lld&group=%s"
	    "&year=%d&tertial=year", (long long)oo,
	    json_string_value(json_object_get(g, "key")), y);
	client_req(&w, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "<h1>Grunnskoler</h1>"));
	/* The report's period in whole Oslo days, as the page links it. */
	snprintf(fday, sizeof(fday), "%d-01-01", y);
	snprintf(tday, sizeof(tday), "%d-12-31", y);
	for (i = 0; i < nu; i++) {
		id = unit_id_named(units, u[i].name);
		snprintf(cell, sizeof(cell), "<tr><th scope=\"row\">%.200s</th>",
		    u[i].name);
		unit_fig(cell, sizeof(cell), u[i].dev, id, fday, tday,
		    "&amp;kind=deviation");
		unit_fig(cell, sizeof(cell), u[i].open, id, fday, tday,
		    "&amp;kind=deviation&amp;status=not_closed");
		unit_fig(cell, sizeof(cell), u[i].closed, id, fday, tday,
		    "&amp;kind=deviation&amp;status=closed");
		unit_fig(cell, sizeof(cell), u[i].impr, id, fday, tday,
		    "&amp;kind=improvement");
		snprintf(cell + strlen(cell), sizeof(cell) - strlen(cell),
		    "<td class=\"num\">%ld</td></tr>", u[i].last);
		if (!resp_has(&r, cell))
			fail_msg("no row %s", cell);
		/* Each linked figure's list says as many reports. */
		for (k = 0; k < 4; k++) {
			long n = k == 0 ? u[i].dev : k == 1 ? u[i].open :
			    k == 2 ? u[i].closed : u[i].impr;
			static const char *const what[] = { "&amp;kind=deviation",
			    "&amp;kind=deviation&amp;status=not_closed",
			    "&amp;kind=deviation&amp;status=closed",
			    "&amp;kind=improvement" };

			if (n == 0)
				continue;
			snprintf(href, sizeof(href), "/deviations?unit_id=%lld"
			    "&amp;from=%s&amp;to=%s%s", id, fday, tday, what[k]);
			list_says(&w, href, n);
			linked++;
		}
	}
	assert_true(linked >= 4);
	for (m = 1; m <= 12; m++) {
		snprintf(cell, sizeof(cell), "<tr><th scope=\"row\">%02d.%04d</th>"
		    "<td class=\"num\">%ld</td><td class=\"num\">%ld</td></tr>",
		    m, y, month[m], month_last[m]);
		if (!resp_has(&r, cell))
			fail_msg("no month %s", cell);
	}
	resp_free(&r);
	client_free(&w);
	client_free(&c);
	json_decref(units);
	json_decref(j);
	json_decref(l);
}

/* The dashboard of an area lists the report's groups with the report's
 * figures for its period, each a link to the group's view; one who does
 * not take the area's report sees no groups. */
static void
test_dashboard_lists_the_groups(void **st)
{
	struct client	 c, w;
	struct resp	 r;
	json_t		*j, *g;
	size_t		 i;
	int		 y;
	char		 path[512], cell[1024];

	(void)st;
	api_client(&c, &S, NULL, tok_quality);
	j = year_report(&c, 0);
	y = (int)json_integer_value(json_object_get(j, "year"));
	session_client(&w, &S, "ingrid.haugen");
	snprintf(path, sizeof(path), "/dashboard?unit_id=%lld&from=%d-01-01"
	    "&to=%d-12-31", (long long)oo, y, y);
	client_req(&w, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Rapportgrupper"));
	for (i = 0; i < json_array_size(json_object_get(j, "groups")); i++) {
		g = json_array_get(json_object_get(j, "groups"), i);
		snprintf(cell, sizeof(cell), "<tr><th scope=\"row\"><a href=\""
		    "/reports/group?unit_id=%lld&amp;group=%s&amp;from=%d-01-01"
		    "&amp;to=%d-12-31\">%s</a></th><td class=\"num\">%lld</td>"
		    "<td class=\"num\">%lld</td><td class=\"num\">%lld</td>"
		    "<td class=\"num\">%lld</td><td class=\"num\">%lld</td></tr>",
		    (long long)oo, json_string_value(json_object_get(g, "key")),
		    y, y, json_string_value(json_object_get(g, "name")),
		    (long long)json_integer_value(json_object_get(g, "deviations")),
		    (long long)json_integer_value(json_object_get(g, "open")),
		    (long long)json_integer_value(json_object_get(g, "closed")),
		    (long long)json_integer_value(json_object_get(g, "improvements")),
		    (long long)json_integer_value(json_object_get(json_object_get(g,
		    "last_year"), "deviations")));
		if (!resp_has(&r, cell))
			fail_msg("no group row %s", cell);
	}
	resp_free(&r);
	/* The group's link opens its view with the same figures. */
	g = group_named(j, "Barnehager");
	snprintf(path, sizeof(path), "/reports/group?unit_id=%lld&group=%s"
	    "&from=%d-01-01&to=%d-12-31", (long long)oo,
	    json_string_value(json_object_get(g, "key")), y, y);
	client_req(&w, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	snprintf(cell, sizeof(cell), "<span class=\"kpi-value\">%lld</span>",
	    (long long)json_integer_value(json_object_get(g, "deviations")));
	assert_true(resp_has(&r, "<h1>Barnehager</h1>"));
	assert_true(resp_has(&r, cell));
	resp_free(&r);
	client_free(&w);
	/* The leader of Vestre skole takes his school's report, not the
	 * sector's: his dashboard of the school shows its groups, none of
	 * the sector's. */
	session_client(&w, &S, "bjorn.saether");
	snprintf(path, sizeof(path), "/dashboard?unit_id=%lld", (long long)vestre);
	client_req(&w, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(resp_has(&r, "Grunnskoler"));
	/* The months beside last year's, in bokmål (it said "Same"). */
	assert_true(resp_has(&r, "Samme måned året før"));
	resp_free(&r);
	client_free(&w);
	client_free(&c);
	json_decref(j);
}

/* Over a period longer than the dashboard draws month by month (four
 * years: no month-by-month year before), the groups' figures are still
 * the report's: each group's the sum of its four years' reports, its
 * year before the sum of theirs (issue 13: the dashboard tallies them in
 * its own reads and reads the year before on its own only then). */
static void
test_dashboard_groups_of_a_long_period(void **st)
{
	struct client	 c, w;
	struct resp	 r;
	json_t		*j[4], *g, *o;
	size_t		 i, k;
	long long	 dev, open, closed, impr, last;
	int		 y;
	char		 path[512], cell[1024];
	const char	*key;

	(void)st;
	api_client(&c, &S, NULL, tok_quality);
	j[0] = year_report(&c, 0);
	y = (int)json_integer_value(json_object_get(j[0], "year"));
	for (k = 1; k < 4; k++)
		j[k] = year_report(&c, y - (int)k);
	session_client(&w, &S, "ingrid.haugen");
	snprintf(path, sizeof(path), "/dashboard?unit_id=%lld&from=%d-01-01"
	    "&to=%d-12-31", (long long)oo, y - 3, y);
	client_req(&w, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	for (i = 0; i < json_array_size(json_object_get(j[0], "groups")); i++) {
		g = json_array_get(json_object_get(j[0], "groups"), i);
		key = json_string_value(json_object_get(g, "key"));
		dev = open = closed = impr = last = 0;
		for (k = 0; k < 4; k++) {
			size_t m;

			for (m = 0; m < json_array_size(json_object_get(j[k],
			    "groups")); m++) {
				o = json_array_get(json_object_get(j[k], "groups"), m);
				if (strcmp(json_string_value(json_object_get(o,
				    "key")), key) != 0)
					continue;
				dev += json_integer_value(json_object_get(o, "deviations"));
				open += json_integer_value(json_object_get(o, "open"));
				closed += json_integer_value(json_object_get(o, "closed"));
				impr += json_integer_value(json_object_get(o,
				    "improvements"));
				last += json_integer_value(json_object_get(
				    json_object_get(o, "last_year"), "deviations"));
			}
		}
		snprintf(cell, sizeof(cell), "<tr><th scope=\"row\"><a href=\""
		    "/reports/group?unit_id=%lld&amp;group=%s&amp;from=%d-01-01"
		    "&amp;to=%d-12-31\">%s</a></th><td class=\"num\">%lld</td>"
		    "<td class=\"num\">%lld</td><td class=\"num\">%lld</td>"
		    "<td class=\"num\">%lld</td><td class=\"num\">%lld</td></tr>",
		    (long long)oo, key, y - 3, y,
		    json_string_value(json_object_get(g, "name")), dev, open,
		    closed, impr, last);
		if (!resp_has(&r, cell))
			fail_msg("no group row %s", cell);
	}
	resp_free(&r);
	client_free(&w);
	client_free(&c);
	for (k = 0; k < 4; k++)
		json_decref(j[k]);
}

/* Who may open a group, and bad parameters named. */
static void
test_group_view_access(void **st)
{
	struct client	 w, c;
	struct resp	 r;
	json_t		*j;
	char		 path[512], key[64];
	static const struct { const char *login; long status; } who[] = {
		{ "ingrid.haugen", 200 },	/* quality */
		{ "kari.nilsen", 200 },		/* chief executive */
		{ "emma.johansen", 403 },	/* employee */
		{ "bjorn.saether", 403 },	/* leader of one school */
	};
	size_t		 i;

	(void)st;
	api_client(&c, &S, NULL, tok_quality);
	j = year_report(&c, 0);
	snprintf(key, sizeof(key), "%s", json_string_value(json_object_get(
	    group_named(j, "Grunnskoler"), "key")));
	json_decref(j);
	client_free(&c);
	snprintf(path, sizeof(path), "/reports/group?unit_id=%lld&group=%s",
	    (long long)oo, key);
	for (i = 0; i < sizeof(who) / sizeof(who[0]); i++) {
		session_client(&w, &S, who[i].login);
		client_req(&w, "GET", path, NULL, NULL, &r);
		if (r.status != who[i].status)
			fail_msg("%s: %ld", who[i].login, (long)r.status);
		resp_free(&r);
		client_free(&w);
	}
	client_init(&w, &S);
	client_req(&w, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 303);	/* to the sign-in */
	resp_free(&r);
	client_free(&w);
	session_client(&w, &S, "ingrid.haugen");
	snprintf(path, sizeof(path), "/reports/group?unit_id=%lld&group=nope",
	    (long long)oo);
	client_req(&w, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "group: "));
	resp_free(&r);
	snprintf(path, sizeof(path), "/reports/group?unit_id=%lld&group=%s"
	    "&from=2026-13-01&to=2026-12-31", (long long)oo, key);
	client_req(&w, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "from: "));
	resp_free(&r);
	client_free(&w);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_numbers_equal_a_recount),
		cmocka_unit_test(test_group_median_equals_a_recount),
		cmocka_unit_test(test_xlsx_reads_back),
		cmocka_unit_test(test_who_may_take_it),
		cmocka_unit_test(test_no_unit_is_the_callers_area),
		cmocka_unit_test(test_bad_parameters_name_the_field),
		cmocka_unit_test(test_page_shows_the_numbers),
		cmocka_unit_test(test_pdf_has_the_numbers),
		cmocka_unit_test(test_pdf_headings_keep_words_whole),
		cmocka_unit_test(test_pdf_total_rows_bold),
		cmocka_unit_test(test_group_view_equals_a_recount),
		cmocka_unit_test(test_dashboard_lists_the_groups),
		cmocka_unit_test(test_dashboard_groups_of_a_long_period),
		cmocka_unit_test(test_group_view_access),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
