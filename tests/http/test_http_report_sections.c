/* The tertial report's written part (issue 16) on the demo municipality:
 * the reporting groups the quality adviser keeps (the demo has the seed's
 * Grunnskoler, Mestring og inkludering and Barnehager), the four sections
 * the leaders of a group write (every save a version, "ready"), and the
 * approval that freezes the numbers; who may and who may not, by the JSON
 * API and by the web forms. */
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
#include <unistd.h>

#include "harness.h"

static struct srv S;
static char tok_quality[128], tok_bjorn[128], tok_mona[128], tok_trine[128],
	    tok_emma[128];
static json_int_t oo, ho, vestre, ppt, sykehjem;
static int year;

static int
setup(void **st)
{
	struct client	 c;
	json_t		*j;

	(void)st;
	srv_prepare(&S, 1);
	srv_start(&S, NULL);
	token_for(&S, NULL, "ingrid.haugen", tok_quality, sizeof(tok_quality));
	token_for(&S, NULL, "bjorn.saether", tok_bjorn, sizeof(tok_bjorn));
	token_for(&S, NULL, "mona.helland", tok_mona, sizeof(tok_mona));
	token_for(&S, NULL, "trine.larsen", tok_trine, sizeof(tok_trine));
	token_for(&S, NULL, "emma.johansen", tok_emma, sizeof(tok_emma));
	api_client(&c, &S, NULL, tok_quality);
	oo = unit_id_of(&c, "oo");
	ho = unit_id_of(&c, "ho");
	vestre = unit_id_of(&c, "vestre-skole");
	ppt = unit_id_of(&c, "ppt");
	sykehjem = unit_id_of(&c, "sentrum-sykehjem");
	j = api_get_ok(&c, "/api/v1/reports/tertial");
	year = (int)json_integer_value(json_object_get(j, "year"));
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

static json_t *
group_named(json_t *groups, const char *name)
{
	size_t i;

	for (i = 0; i < json_array_size(groups); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(groups,
		    i), "name")), name) == 0)
			return json_array_get(groups, i);
	return NULL;
}

static int
has_id(json_t *ids, json_int_t id)
{
	size_t i;

	for (i = 0; i < json_array_size(ids); i++)
		if (json_integer_value(json_array_get(ids, i)) == id)
			return 1;
	return 0;
}

/* The key of the group named name in the report of oo for T1. */
static void
key_of(const char *token, const char *name, char *out, size_t outsz)
{
	char	 path[256];
	json_t	*j, *g;

	snprintf(path, sizeof(path), "/api/v1/reports/tertial?year=%d&tertial=1"
	    "&unit_id=%lld", year, (long long)oo);
	assert_int_equal(api_as(&S, NULL, token, "GET", path, NULL, &j), 200);
	assert_non_null(g = group_named(json_object_get(j, "groups"), name));
	snprintf(out, outsz, "%s", json_string_value(json_object_get(g, "key")));
	json_decref(j);
}

/* The demo keeps the seed's groups; the report uses them, and an area
 * without kept groups says its groups are derived. */
static void
test_kept_groups_used(void **st)
{
	char	 path[256];
	json_t	*j, *g;

	(void)st;
	snprintf(path, sizeof(path), "/api/v1/reports/groups?area_id=%lld", (long long)oo);
	assert_int_equal(api_as(&S, NULL, tok_quality, "GET", path, NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "groups")), 3);
	g = group_named(json_object_get(j, "groups"), "Mestring og inkludering");
	assert_non_null(g);
	assert_true(has_id(json_object_get(g, "unit_ids"), ppt));
	json_decref(j);

	snprintf(path, sizeof(path), "/api/v1/reports/tertial?unit_id=%lld", (long long)oo);
	assert_int_equal(api_as(&S, NULL, tok_quality, "GET", path, NULL, &j), 200);
	assert_true(json_is_false(json_object_get(j, "groups_derived")));
	g = group_named(json_object_get(j, "groups"), "Mestring og inkludering");
	assert_non_null(g);
	assert_true(has_id(json_object_get(g, "unit_ids"), ppt));
	assert_null(group_named(json_object_get(j, "groups"), "PPT"));
	json_decref(j);

	snprintf(path, sizeof(path), "/api/v1/reports/tertial?unit_id=%lld", (long long)ho);
	assert_int_equal(api_as(&S, NULL, tok_quality, "GET", path, NULL, &j), 200);
	assert_true(json_is_true(json_object_get(j, "groups_derived")));
	json_decref(j);
}

/* The quality adviser makes a group by picking units; the report of the
 * area uses it at once; a unit outside the area is refused by name; a
 * leader may not keep groups; removing it brings the derived groups back. */
static void
test_group_create_edit_remove(void **st)
{
	char	 body[512], path[256];
	json_t	*j, *g;
	json_int_t id;

	(void)st;
	snprintf(body, sizeof(body), "{\"area_id\":%lld,\"name\":\"Institusjoner\","
	    "\"unit_ids\":\"%lld\"}", (long long)ho, (long long)sykehjem);
	assert_int_equal(api_as(&S, NULL, tok_bjorn, "POST", "/api/v1/reports/groups",
	    body, NULL), 403);
	assert_int_equal(api_as(&S, NULL, tok_quality, "POST", "/api/v1/reports/groups",
	    body, &j), 201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);

	snprintf(path, sizeof(path), "/api/v1/reports/tertial?unit_id=%lld", (long long)ho);
	assert_int_equal(api_as(&S, NULL, tok_quality, "GET", path, NULL, &j), 200);
	assert_true(json_is_false(json_object_get(j, "groups_derived")));
	g = group_named(json_object_get(j, "groups"), "Institusjoner");
	assert_non_null(g);
	assert_true(has_id(json_object_get(g, "unit_ids"), sykehjem));
	json_decref(j);

	/* A unit of another sector: refused, naming the field; nothing changed. */
	snprintf(body, sizeof(body), "{\"action\":\"group_update\",\"group_id\":%lld,"
	    "\"name\":\"Institusjoner\",\"unit_ids\":\"%lld\"}", (long long)id,
	    (long long)vestre);
	assert_int_equal(api_as(&S, NULL, tok_quality, "POST", "/api/v1/reports/groups",
	    body, &j), 400);
	assert_string_equal(json_err_field(j), "unit_ids");
	json_decref(j);
	snprintf(body, sizeof(body), "{\"action\":\"group_update\",\"group_id\":%lld,"
	    "\"name\":\"Sykehjem\",\"unit_kind\":\"health_care\"}", (long long)id);
	assert_int_equal(api_as(&S, NULL, tok_quality, "POST", "/api/v1/reports/groups",
	    body, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "name")), "Sykehjem");
	json_decref(j);

	snprintf(body, sizeof(body), "{\"action\":\"group_remove\",\"group_id\":%lld}",
	    (long long)id);
	assert_int_equal(api_as(&S, NULL, tok_quality, "POST", "/api/v1/reports/groups",
	    body, NULL), 200);
	snprintf(path, sizeof(path), "/api/v1/reports/tertial?unit_id=%lld", (long long)ho);
	assert_int_equal(api_as(&S, NULL, tok_quality, "GET", path, NULL, &j), 200);
	assert_true(json_is_true(json_object_get(j, "groups_derived")));
	json_decref(j);
}

/* The same by the web form: checkboxes of units, then the page lists it. */
static void
test_group_web_form(void **st)
{
	struct client	 c;
	struct resp	 r;
	char		 form[512], path[256];

	(void)st;
	client_init(&c, &S);
	assert_int_equal(client_login(&c, "ingrid.haugen", DEMO_PASSWORD), 303);
	snprintf(path, sizeof(path), "/reports/groups?area_id=%lld", (long long)ho);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	snprintf(form, sizeof(form), "action=group_create&area_id=%lld&name=Webgruppe"
	    "&unit_ids=%lld&position=4", (long long)ho, (long long)sykehjem);
	client_post_form(&c, "/reports/groups", form, &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Webgruppe"));
	resp_free(&r);
	/* No name: 400 naming the field by its label, nothing kept. */
	snprintf(form, sizeof(form), "action=group_create&area_id=%lld&name="
	    "&unit_ids=%lld", (long long)ho, (long long)sykehjem);
	client_post_form(&c, "/reports/groups", form, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "role=\"alert\">Navn: "));
	assert_false(resp_has(&r, "name: "));
	resp_free(&r);
	client_free(&c);
	/* A leader has no groups page. */
	client_init(&c, &S);
	assert_int_equal(client_login(&c, "bjorn.saether", DEMO_PASSWORD), 303);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	client_free(&c);
}

static long
save_as(const char *token, const char *key, const char *section,
    const char *text, int ready, json_t **out)
{
	char body[1024];

	snprintf(body, sizeof(body), "{\"year\":%d,\"tertial\":1,\"area_id\":%lld,"
	    "\"group_key\":\"%s\",\"section\":\"%s\",\"body\":\"%s\","
	    "\"ready\":%s}", year, (long long)oo, key, section, text,
	    ready ? "true" : "false");
	return api_as(&S, NULL, token, "POST", "/api/v1/reports/tertial/sections",
	    body, out);
}

/* A school's leader writes Grunnskoler's causes: every save a version,
 * the last one ready; he sees only his group; a kindergarten's leader
 * may not write it; an employee reads no drafts. */
static void
test_write_versions_ready(void **st)
{
	char	 key[64], path[512];
	json_t	*j, *g, *v;

	(void)st;
	key_of(tok_quality, "Grunnskoler", key, sizeof(key));
	assert_int_equal(save_as(tok_bjorn, key, "causes", "Første utkast.", 0, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "version")), 1);
	json_decref(j);
	assert_int_equal(save_as(tok_bjorn, key, "causes",
	    "39 avvik i kategoriene barn/elev.", 1, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "version")), 2);
	json_decref(j);

	/* Another group's leader: refused, nothing kept. */
	assert_int_equal(save_as(tok_mona, key, "causes", "Ikke min.", 0, &j), 403);
	json_decref(j);
	/* An unknown section: named. */
	assert_int_equal(save_as(tok_bjorn, key, "summary", "x", 0, &j), 400);
	assert_string_equal(json_err_field(j), "section");
	json_decref(j);

	snprintf(path, sizeof(path), "/api/v1/reports/tertial/sections?year=%d"
	    "&tertial=1&unit_id=%lld", year, (long long)oo);
	assert_int_equal(api_as(&S, NULL, tok_bjorn, "GET", path, NULL, &j), 200);
	/* His group only: the numbers of others are not his. */
	assert_int_equal(json_array_size(json_object_get(j, "groups")), 1);
	g = group_named(json_object_get(j, "groups"), "Grunnskoler");
	assert_non_null(g);
	v = json_array_get(json_object_get(g, "sections"), 0);
	assert_string_equal(json_string_value(json_object_get(v, "body")),
	    "39 avvik i kategoriene barn/elev.");
	assert_true(json_is_true(json_object_get(v, "ready")));
	assert_int_equal(json_integer_value(json_object_get(v, "version")), 2);
	json_decref(j);
	/* The sector head compiles: every group. */
	assert_int_equal(api_as(&S, NULL, tok_trine, "GET", path, NULL, &j), 200);
	assert_true(json_array_size(json_object_get(j, "groups")) >= 3);
	json_decref(j);
	/* An employee reads no drafts. */
	assert_int_equal(api_as(&S, NULL, tok_emma, "GET", path, NULL, &j), 403);
	json_decref(j);

	snprintf(path, sizeof(path), "/api/v1/reports/tertial/versions?year=%d"
	    "&tertial=1&unit_id=%lld&group_key=%s&section=causes", year,
	    (long long)oo, key);
	assert_int_equal(api_as(&S, NULL, tok_bjorn, "GET", path, NULL, &j), 200);
	v = json_object_get(j, "versions");
	assert_int_equal(json_array_size(v), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(v, 1),
	    "body")), "Første utkast.");
	json_decref(j);
	assert_int_equal(api_as(&S, NULL, tok_emma, "GET", path, NULL, &j), 403);
	json_decref(j);
}

/* The same by the web form, without JavaScript: "Lagre" keeps a version;
 * the page shows the text back; an employee gets 403. */
static void
test_write_web_form(void **st)
{
	struct client	 c;
	struct resp	 r;
	char		 key[64], form[1024], path[256];

	(void)st;
	key_of(tok_quality, "Grunnskoler", key, sizeof(key));
	client_init(&c, &S);
	assert_int_equal(client_login(&c, "bjorn.saether", DEMO_PASSWORD), 303);
	snprintf(path, sizeof(path), "/reports/tertial/sections?year=%d&tertial=1"
	    "&unit_id=%lld", year, (long long)oo);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "<textarea"));
	resp_free(&r);
	snprintf(form, sizeof(form), "action=section_save&year=%d&tertial=1&area_id=%lld"
	    "&group_key=%s&section=patterns&body=Flere+avvik+i+januar+%%3Cb%%3E&ready=1",
	    year, (long long)oo, key);
	client_post_form(&c, "/reports/tertial/sections", form, &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Flere avvik i januar &lt;b&gt;"));
	resp_free(&r);
	client_free(&c);

	client_init(&c, &S);
	assert_int_equal(client_login(&c, "emma.johansen", DEMO_PASSWORD), 303);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	client_free(&c);
}

/* The report pages' and API's query parameters are declared
 * (report/written.h): a bad one is a 400 that names it on both faces (a
 * banner flag, an area or a tertial the pages silently took), and good
 * ones still work. */
static void
test_query_parameters_declared(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j;
	char		 path[512], key[64];
	size_t		 i;
	static const struct { const char *path, *field; } api_bad[] = {
		{ "/api/v1/reports/groups?area_id=x", "area_id" },
		{ "/api/v1/reports/groups?area_id=-1", "area_id" },
		{ "/api/v1/reports/tertial/sections?year=20x6", "year" },
		{ "/api/v1/reports/tertial/sections?tertial=T1", "tertial" },
		{ "/api/v1/reports/tertial.xlsx?unit_id=abc", "unit_id" },
		{ "/api/v1/reports/tertial.pdf?year=1800", "year" },
		{ "/api/v1/reports/tertial/versions?section=a%20b", "section" },
		{ "/api/v1/reports/tertial/versions?group_key=%3Cb%3E", "group_key" },
	};
	static const struct { const char *path, *field; } web_bad[] = {
		{ "/reports/groups?saved=kanskje", "saved" },
		{ "/reports/groups?area_id=x", "area_id" },
		{ "/reports/tertial/sections?approved=2", "approved" },
		{ "/reports/tertial/sections?year=abc", "year" },
		{ "/reports/tertial/versions?section=a%20b", "section" },
		{ "/reports/group?from=1.1.2026%20kl", "from" },
		{ "/reports/group?group=%3Cb%3E", "group" },
		{ "/reports/tertial?tertial=%3Cb%3E", "tertial" },
		{ "/reports/tertial?unit_id=oo", "unit_id" },
	};

	(void)st;
	for (i = 0; i < sizeof(api_bad) / sizeof(api_bad[0]); i++) {
		assert_int_equal(api_as(&S, NULL, tok_quality, "GET", api_bad[i].path,
		    NULL, &j), 400);
		assert_string_equal(json_err_field(j), api_bad[i].field);
		json_decref(j);
	}
	client_init(&c, &S);
	assert_int_equal(client_login(&c, "ingrid.haugen", DEMO_PASSWORD), 303);
	for (i = 0; i < sizeof(web_bad) / sizeof(web_bad[0]); i++) {
		client_req(&c, "GET", web_bad[i].path, NULL, NULL, &r);
		if (r.status != 400)
			fail_msg("%s: %ld", web_bad[i].path, (long)r.status);
		assert_true(resp_has(&r, web_bad[i].field));
		resp_free(&r);
	}
	/* Good values: the banners show, the lists answer. */
	snprintf(path, sizeof(path), "/reports/groups?area_id=%lld&saved=1",
	    (long long)ho);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Lagret."));
	resp_free(&r);
	snprintf(path, sizeof(path), "/reports/tertial/sections?year=%d&tertial=1"
	    "&unit_id=%lld&saved=1", year, (long long)oo);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "role=\"status\""));
	resp_free(&r);
	snprintf(path, sizeof(path), "/reports/tertial?year=%d&tertial=year",
	    year);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	client_free(&c);
	snprintf(path, sizeof(path), "/api/v1/reports/groups?area_id=%lld",
	    (long long)ho);
	assert_int_equal(api_as(&S, NULL, tok_quality, "GET", path, NULL, &j), 200);
	json_decref(j);
	key_of(tok_quality, "Grunnskoler", key, sizeof(key));
	snprintf(path, sizeof(path), "/api/v1/reports/tertial/versions?year=%d"
	    "&tertial=1&unit_id=%lld&group_key=%s&section=causes", year,
	    (long long)oo, key);
	assert_int_equal(api_as(&S, NULL, tok_quality, "GET", path, NULL, &j), 200);
	json_decref(j);
}

/* The body of a GET as quality, into a temporary file (its path in
 * file, suffix kept). */
static void
download(const char *path, char *file, int suffix)
{
	struct client	 c;
	struct resp	 r;
	FILE		*fp;
	int		 fd;

	api_client(&c, &S, NULL, tok_quality);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true((fd = mkstemps(file, suffix)) >= 0);
	assert_non_null(fp = fdopen(fd, "wb"));
	assert_int_equal(fwrite(r.body.data, 1, r.body.len, fp), r.body.len);
	fclose(fp);
	resp_free(&r);
	client_free(&c);
}

/* The output of cmd, whole. */
static void
run_out(const char *cmd, struct buf *out)
{
	FILE	*fp;
	char	 chunk[4096];
	size_t	 got;

	assert_non_null(fp = popen(cmd, "r"));
	buf_init(out, 1u << 20);
	while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_append(out, chunk, got);
	assert_int_equal(pclose(fp), 0);
}

/* The PDF and the XLSX carry the sections' text, in their order, under
 * the sections' headings (pdftotext; openpyxl reads the sheet back). */
static void
test_exports_have_the_text(void **st)
{
	char		 path[256], pdf[] = "/tmp/orden-test-XXXXXX.pdf",
			 xlsx[] = "/tmp/orden-test-XXXXXX.xlsx", cmd[1024];
	struct buf	 txt;
	const char	*a, *b;

	(void)st;
	snprintf(path, sizeof(path), "/api/v1/reports/tertial.pdf?year=%d&tertial=1"
	    "&unit_id=%lld", year, (long long)oo);
	download(path, pdf, 4);
	snprintf(cmd, sizeof(cmd), "pdftotext %s -", pdf);
	run_out(cmd, &txt);
	unlink(pdf);
	assert_non_null(a = strstr(buf_cstr(&txt), "Årsaker til avvik"));
	assert_non_null(strstr(a, "39 avvik i kategoriene barn/elev."));
	assert_non_null(b = strstr(a, "Mønstre og trender"));
	assert_non_null(strstr(b, "Flere avvik i januar <b>"));
	assert_non_null(strstr(buf_cstr(&txt), "Utkast, ikke godkjent"));
	buf_free(&txt);

	snprintf(path, sizeof(path), "/api/v1/reports/tertial.xlsx?year=%d&tertial=1"
	    "&unit_id=%lld", year, (long long)oo);
	download(path, xlsx, 5);
	snprintf(cmd, sizeof(cmd), "/usr/bin/python3 -c '"
	    "import openpyxl,sys\n"
	    "wb = openpyxl.load_workbook(sys.argv[1])\n"
	    "ws = wb[\"Tekstdeler\"]\n"
	    "for r in ws.iter_rows(min_row=2, values_only=True):\n"
	    "  print(\"|\".join(str(x) for x in r))\n' %s", xlsx);
	run_out(cmd, &txt);
	unlink(xlsx);
	assert_non_null(strstr(buf_cstr(&txt),
	    "Årsaker til avvik|Grunnskoler|39 avvik i kategoriene barn/elev.|Klar"));
	buf_free(&txt);
}

static int64_t
total_deviations(const char *query)
{
	char	 path[256];
	json_t	*j;
	int64_t	 n;

	snprintf(path, sizeof(path), "/api/v1/reports/tertial?%s", query);
	assert_int_equal(api_as(&S, NULL, tok_quality, "GET", path, NULL, &j), 200);
	n = json_integer_value(json_object_get(json_object_get(j, "total"),
	    "deviations"));
	json_decref(j);
	return n;
}

/* The sector head approves the year's report of Oppvekst og opplæring: a
 * deviation reported after keeps its numbers where they were (JSON, page),
 * while the sections refuse changes; a school's leader may not approve. */
static void
test_approve_freezes(void **st)
{
	struct client	 c;
	struct resp	 r;
	char		 q[128], key[64], body[256], path[256];
	int64_t		 before, h;
	json_t		*j;

	(void)st;
	snprintf(q, sizeof(q), "year=%d&tertial=0&unit_id=%lld", year, (long long)oo);
	snprintf(body, sizeof(body), "{\"action\":\"approve\",\"year\":%d,"
	    "\"tertial\":0,\"area_id\":%lld}", year, (long long)oo);
	assert_int_equal(api_as(&S, NULL, tok_bjorn, "POST",
	    "/api/v1/reports/tertial/sections", body, NULL), 404);
	before = total_deviations(q);
	snprintf(path, sizeof(path), "year=%d&tertial=0&unit_id=%lld", year,
	    (long long)vestre);
	h = total_deviations(path);
	assert_int_equal(api_as(&S, NULL, tok_trine, "POST",
	    "/api/v1/reports/tertial/sections", body, NULL), 200);
	assert_int_equal(api_as(&S, NULL, tok_trine, "POST",
	    "/api/v1/reports/tertial/sections", body, NULL), 409);

	dev_report_as(&S, NULL, tok_emma, "{\"title\":\"Etter godkjenning\","
	    "\"description\":\"Kom etter.\",\"category\":\"tjenesteproduksjon\","
	    "\"severity\":2}", NULL);
	assert_int_equal(total_deviations(q), before);
	/* Not approved, the count moves: the school's own year. */
	snprintf(path, sizeof(path), "year=%d&tertial=0&unit_id=%lld", year,
	    (long long)vestre);
	assert_int_equal(total_deviations(path), h + 1);
	snprintf(path, sizeof(path), "/api/v1/reports/tertial?%s", q);
	assert_int_equal(api_as(&S, NULL, tok_quality, "GET", path, NULL, &j), 200);
	assert_true(json_is_true(json_object_get(j, "approved")));
	assert_string_equal(json_string_value(json_object_get(j, "approved_by")),
	    "Trine Larsen");
	json_decref(j);

	/* Frozen text: no more saves. */
	key_of(tok_quality, "Grunnskoler", key, sizeof(key));
	snprintf(body, sizeof(body), "{\"year\":%d,\"tertial\":0,\"area_id\":%lld,"
	    "\"group_key\":\"%s\",\"section\":\"causes\",\"body\":\"Sent.\"}",
	    year, (long long)oo, key);
	assert_int_equal(api_as(&S, NULL, tok_trine, "POST",
	    "/api/v1/reports/tertial/sections", body, NULL), 409);

	/* The page says who approved it. */
	client_init(&c, &S);
	assert_int_equal(client_login(&c, "trine.larsen", DEMO_PASSWORD), 303);
	snprintf(path, sizeof(path), "/reports/tertial?%s", q);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Trine Larsen"));
	resp_free(&r);
	client_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kept_groups_used),
		cmocka_unit_test(test_group_create_edit_remove),
		cmocka_unit_test(test_group_web_form),
		cmocka_unit_test(test_write_versions_ready),
		cmocka_unit_test(test_write_web_form),
		cmocka_unit_test(test_exports_have_the_text),
		cmocka_unit_test(test_approve_freezes),
		cmocka_unit_test(test_query_parameters_declared),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
