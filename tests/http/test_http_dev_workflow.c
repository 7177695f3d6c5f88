/* The deviation workflow as each role walks it (issue 11): a deviation
 * about the chief executive, the measure owner, the leader after a
 * transfer, and what the reporter is told. Each test fails on the code
 * before the fix; each entry point (JSON API, web form) is tried. */
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
static char tok_eva[128];
static char tok_trine[128];
static char tok_admin[128], tok_kari[128], tok_arne[128], tok_bente[128],
    tok_emma[128], tok_lars[128], tok_bjorn[128], tok_lise[128], tok_ingrid[128];

static int
setup(void **st)
{
	(void)st;
	srv_prepare(&S, 1);
	tokens_for(&S, "admin", tok_admin, "kari.nilsen", tok_kari,
	    "arne.brattli", tok_arne, "bente.ronning", tok_bente,
	    "emma.johansen", tok_emma, "lars.eriksen", tok_lars,
	    "bjorn.saether", tok_bjorn, "lise.aasen", tok_lise,
	    "ingrid.haugen", tok_ingrid, "eva.strom", tok_eva,
	    "trine.larsen", tok_trine, NULL);
	srv_start(&S, NULL);
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	srv_stop(&S, 0);
	return 0;
}

static json_int_t
unit_of(const char *code)
{
	return unit_id_as(&S, NULL, tok_admin, code);
}

/* POST /api/v1/deviations as token; must answer 201; the id. */
static json_int_t
report_api(const char *token, const char *body)
{
	json_t		*j;
	json_int_t	 id;
	long		 st = api_as(&S, NULL, token, "POST", "/api/v1/deviations", body, &j);

	if (st != 201)
		fail_msg("report: %ld %s", st, json_dumps(j, 0));
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

static json_t *
act_ok(const char *token, json_int_t id, const char *body)
{
	json_t	*j;
	long	 st = dev_act_as(&S, NULL, token, id, body, &j);

	if (st != 200)
		fail_msg("%s: %ld %s", body, st, json_dumps(j, 0));
	return j;
}

/* Whether token has a notification of kind about deviation id. */
static int
notified(const char *token, json_int_t id, const char *kind)
{
	json_t		*j, *items, *n;
	size_t		 i;
	int		 found = 0;

	assert_int_equal(api_as(&S, NULL, token, "GET", "/api/v1/notifications", NULL, &j), 200);
	items = json_object_get(j, "items");
	for (i = 0; i < json_array_size(items); i++) {
		n = json_array_get(items, i);
		if (json_integer_value(json_object_get(n, "deviation_id")) == id &&
		    strcmp(json_string_value(json_object_get(n, "kind")), kind) == 0)
			found = 1;
	}
	json_decref(j);
	return found;
}

/* GET path as a signed-in browser; status, body in out (caller frees). */
static long
web_get(struct client *c, const char *path, struct resp *out)
{
	client_req(c, "GET", path, NULL, NULL, out);
	return out->status;
}

/* The id at the end of a Location header ".../deviations/123?..." */
static json_int_t
location_id(const struct resp *r)
{
	char	loc[256], *p;

	assert_int_equal(resp_header(r, "location", loc, sizeof(loc)), 0);
	p = strstr(loc, "/deviations/");
	assert_non_null(p);
	return strtoll(p + strlen("/deviations/"), NULL, 10);
}

/* Item 1: reported from the root unit with "concerns my leader": not to
 * the chief executive (she is the leader there, with nobody above), but to
 * the role the municipality chose; the reporter is told so. */
static void
check_top_routed(json_int_t id, const char *handler_tok, const char *other_tok)
{
	json_t *j;

	/* The chief executive neither sees nor handles it... */
	assert_int_equal(dev_get_as(&S, NULL, tok_kari, id, &j), 404);
	json_decref(j);
	assert_false(dev_listed_as(&S, NULL, tok_kari, "", id));
	assert_false(dev_listed_as(&S, NULL, tok_kari, "&inbox=1", id));
	assert_int_equal(dev_act_as(&S, NULL, tok_kari, id, "{\"action\":\"acknowledge\"}", &j), 404);
	json_decref(j);
	/* ...the chosen role's holder does, in their inbox, and was told. */
	assert_true(dev_listed_as(&S, NULL, handler_tok, "&inbox=1", id));
	assert_true(notified(handler_tok, id, "new"));
	assert_false(notified(tok_kari, id, "new"));
	assert_int_equal(dev_get_as(&S, NULL, handler_tok, id, &j), 200);
	json_decref(j);
	/* The other roles one could have chosen do not. */
	assert_false(dev_listed_as(&S, NULL, other_tok, "&inbox=1", id));
	j = act_ok(handler_tok, id, "{\"action\":\"acknowledge\"}");
	json_decref(j);
}

static void
test_chief_executive_top_route_api(void **st)
{
	json_t		*j;
	json_int_t	 kd = unit_of("kd"), id;
	char		 body[512];

	(void)st;
	snprintf(body, sizeof(body), "{\"title\":\"Kommunedirektøren truer ansatte\","
	    "\"description\":\"På møtet i går.\",\"category\":\"hms\",\"unit_id\":%lld,"
	    "\"concerns_leader\":true}", (long long)kd);
	id = report_api(tok_admin, body);
	check_top_routed(id, tok_arne, tok_bente);
	/* The reporter sees it, with the truth about who has it. */
	assert_int_equal(dev_get_as(&S, NULL, tok_admin, id, &j), 200);
	assert_true(dev_has_event(j, "acknowledged", NULL));
	json_decref(j);
}

/* The chief executive reporting about herself does not handle it either. */
static void
test_chief_executive_reports_herself(void **st)
{
	json_t		*j;
	json_int_t	 kd = unit_of("kd"), id;
	char		 body[512];

	(void)st;
	snprintf(body, sizeof(body), "{\"title\":\"Jeg glemte å melde inhabilitet\","
	    "\"description\":\"Beskrivelse.\",\"category\":\"tjenesteproduksjon\","
	    "\"unit_id\":%lld,\"concerns_leader\":true}", (long long)kd);
	id = report_api(tok_kari, body);
	/* She follows her report, but may not handle it. */
	assert_int_equal(dev_get_as(&S, NULL, tok_kari, id, &j), 200);
	json_decref(j);
	assert_int_equal(dev_act_as(&S, NULL, tok_kari, id, "{\"action\":\"close\",\"summary\":\"Ferdig\"}", &j), 403);
	json_decref(j);
	assert_false(dev_listed_as(&S, NULL, tok_kari, "&inbox=1", id));
	assert_true(dev_listed_as(&S, NULL, tok_arne, "&inbox=1", id));
}

/* The import: an old system's row that concerns the chief executive goes
 * the same way; a bad concerns_leader value names the line and column. */
static void
test_chief_executive_top_route_import(void **st)
{
	struct buf	 out;
	json_t		*j, *items;
	json_int_t	 id = 0;
	char		 path[400];
	size_t		 i;

	(void)st;
	write_file(&S, "bad.csv", "number,kind,reported_at,occurred_at,unit_code,category,"
	    "title,description,status,closed_at,reporter_login,concerns_leader\n"
	    ",deviation,2026-11-02,,kd,hms,Importert,Fra gamle system,new,,admin,ja\n",
	    path, sizeof(path));
	buf_init(&out, 4096);
	assert_int_not_equal(orden_run(&out, "import", "deviations", "--db", S.db, path,
	    NULL), 0);
	assert_non_null(strstr(buf_cstr(&out), ":2:"));
	assert_non_null(strstr(buf_cstr(&out), "concerns_leader"));
	buf_free(&out);

	write_file(&S, "top.csv", "number,kind,reported_at,occurred_at,unit_code,category,"
	    "title,description,status,closed_at,reporter_login,concerns_leader\n"
	    ",deviation,2026-11-02,,kd,hms,Importert om direktøren,Fra gamle system,new,,admin,1\n",
	    path, sizeof(path));
	buf_init(&out, 4096);
	if (orden_run(&out, "import", "deviations", "--db", S.db, path, NULL) != 0)
		fail_msg("import: %s", buf_cstr(&out));
	buf_free(&out);
	assert_int_equal(api_as(&S, NULL, tok_admin, "GET", "/api/v1/deviations?mine=1&limit=1000",
	    NULL, &j), 200);
	items = json_object_get(j, "items");
	for (i = 0; i < json_array_size(items); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(items, i),
		    "title")), "Importert om direktøren") == 0)
			id = json_integer_value(json_object_get(json_array_get(items, i), "id"));
	json_decref(j);
	assert_true(id > 0);
	check_top_routed(id, tok_arne, tok_bente);
}

/* The CLI and the API set the same setting, audited; bad values are
 * refused naming the field, and change nothing. */
static void
test_top_route_cli_and_api(void **st)
{
	struct buf	 out;
	json_t		*j;
	json_int_t	 id;
	int64_t		 audited;

	(void)st;
	audited = srv_db_int(&S, "SELECT COUNT(*) FROM audit_log WHERE action = $1",
	    "dev_settings_update");
	buf_init(&out, 4096);
	assert_int_equal(orden_run(&out, "settings", "--db", S.db, "--top-route",
	    "kari", NULL), 2);
	assert_non_null(strstr(buf_cstr(&out), "--top-route"));
	buf_reset(&out);
	if (orden_run(&out, "settings", "--db", S.db, "--top-route", "quality", NULL) != 0)
		fail_msg("settings: %s", buf_cstr(&out));
	assert_non_null(strstr(buf_cstr(&out), "top_route=quality"));
	buf_free(&out);
	id = report_api(tok_admin, "{\"title\":\"Via CLI-innstilling\",\"description\":\"D.\","
	    "\"category\":\"hms\",\"concerns_leader\":true}");
	check_top_routed(id, tok_ingrid, tok_arne);

	/* The API: quality reads and sets it; an employee may not. */
	assert_int_equal(api_as(&S, NULL, tok_emma, "GET", "/api/v1/deviation-settings", NULL, &j), 403);
	json_decref(j);
	assert_int_equal(api_as(&S, NULL, tok_emma, "PATCH", "/api/v1/deviation-settings",
	    "{\"top_route\":\"mayor\"}", &j), 403);
	json_decref(j);
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "GET", "/api/v1/deviation-settings", NULL, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "top_route")), "quality");
	json_decref(j);
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "PATCH", "/api/v1/deviation-settings",
	    "{\"top_route\":\"kari\"}", &j), 400);
	assert_string_equal(json_err_field(j), "top_route");
	json_decref(j);
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "PATCH", "/api/v1/deviation-settings",
	    "{\"top_route\":\"mayor\"}", &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "top_route")), "mayor");
	json_decref(j);
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM audit_log WHERE action = $1",
	    "dev_settings_update"), audited + 2);
	id = report_api(tok_admin, "{\"title\":\"Via API-innstilling\",\"description\":\"D.\","
	    "\"category\":\"hms\",\"concerns_leader\":true}");
	check_top_routed(id, tok_arne, tok_ingrid);
}

/* A leader reporting about himself in the unit he leads: the leader above
 * has it, he does not handle it. */
static void
test_leader_reports_himself(void **st)
{
	json_t		*j;
	json_int_t	 id;

	(void)st;
	id = report_api(tok_bjorn, "{\"title\":\"Jeg glemte tilsynet\",\"description\":\"B.\","
	    "\"category\":\"tjenesteproduksjon\",\"concerns_leader\":true}");
	assert_int_equal(dev_act_as(&S, NULL, tok_bjorn, id, "{\"action\":\"acknowledge\"}", &j), 403);
	json_decref(j);
	assert_false(dev_listed_as(&S, NULL, tok_bjorn, "&inbox=1", id));
}

/* The web form and the receipt; then the setting changed on the admin
 * page sends the next one to the HR head. */
static void
test_chief_executive_top_route_web(void **st)
{
	struct client	 c, q;
	struct resp	 r;
	json_int_t	 kd = unit_of("kd"), id;
	char		 form[512];

	(void)st;
	session_client(&c, &S, "admin");
	snprintf(form, sizeof(form), "kind=deviation&title=Direkt%%C3%%B8ren+kjefter"
	    "&description=Igjen.&unit_id=%lld&category=hms&concerns_leader=1",
	    (long long)kd);
	client_post_form(&c, "/deviations", form, &r);
	assert_int_equal(r.status, 303);
	id = location_id(&r);
	resp_free(&r);
	check_top_routed(id, tok_arne, tok_bente);
	/* The receipt tells the truth: the mayor, not "the leader above". */
	{
		char path[80];

		snprintf(path, sizeof(path), "/deviations/%lld?receipt=1", (long long)id);
		assert_int_equal(web_get(&c, path, &r), 200);
		assert_true(resp_has(&r, "Ordfører"));
		assert_false(resp_has(&r, "gått til lederen for"));
		resp_free(&r);
		/* The page's query is declared (dev_input.h): a bad flag, or a
		 * done that names no action, is a 400 naming it. */
		snprintf(path, sizeof(path), "/deviations/%lld?receipt=kanskje", (long long)id);
		assert_int_equal(web_get(&c, path, &r), 400);
		assert_true(resp_has(&r, "receipt"));
		resp_free(&r);
		snprintf(path, sizeof(path), "/deviations/%lld?done=fly", (long long)id);
		assert_int_equal(web_get(&c, path, &r), 400);
		assert_true(resp_has(&r, "done"));
		resp_free(&r);
		snprintf(path, sizeof(path), "/deviations/%lld?done=comment", (long long)id);
		assert_int_equal(web_get(&c, path, &r), 200);
		resp_free(&r);
		assert_int_equal(web_get(&c, "/deviations/mine?resubmitted=kanskje", &r), 400);
		assert_true(resp_has(&r, "resubmitted"));
		resp_free(&r);
		assert_int_equal(web_get(&c, "/deviations/mine?resubmitted=1", &r), 200);
		resp_free(&r);
	}
	assert_int_equal(web_get(&c, "/deviations/mine", &r), 200);
	assert_true(resp_has(&r, "Ordfører"));
	resp_free(&r);

	/* The quality adviser sets it to the HR head (a bad value: 400). */
	session_client(&q, &S, "ingrid.haugen");
	assert_int_equal(web_get(&q, "/admin/categories", &r), 200);
	assert_true(resp_has(&r, "name=\"top_route\""));
	resp_free(&r);
	client_post_form(&q, "/admin/categories/settings", "improvement_ack_hours=168"
	    "&improvement_close_days=60&remind_hours=24&top_route=kari", &r);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	client_post_form(&q, "/admin/categories/settings", "improvement_ack_hours=168"
	    "&improvement_close_days=60&remind_hours=24&top_route=hr_head", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_free(&q);

	/* The admin's own unit is the root: the API's default unit. */
	id = report_api(tok_admin, "{\"title\":\"Igjen\",\"description\":\"D.\","
	    "\"category\":\"hms\",\"concerns_leader\":true}");
	check_top_routed(id, tok_bente, tok_arne);
	client_free(&c);
	/* Put it back for the other tests. */
	session_client(&q, &S, "ingrid.haugen");
	client_post_form(&q, "/admin/categories/settings", "improvement_ack_hours=168"
	    "&improvement_close_days=60&remind_hours=24&top_route=mayor", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_free(&q);
}

/* Item 2: the measure owner sees the measure (not the report's personal
 * parts), marks it done with a note, the leader is told; "Mine tiltak". */
static void
test_measure_owner(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j, *m;
	json_int_t	 id, mid, mid2;
	char		 body[256], path[80], form[256];
	char		*dump;

	(void)st;
	id = report_api(tok_emma, "{\"title\":\"Ødelagt stol\",\"description\":\"Eleven Per H. falt.\","
	    "\"category\":\"bygg\"}");
	j = act_ok(tok_bjorn, id, "{\"action\":\"add_measure\",\"measure\":\"Bytt alle stoler i 5B\","
	    "\"responsible_login\":\"lars.eriksen\",\"due_at\":\"2030-06-30\"}");
	mid = json_integer_value(json_object_get(json_array_get(json_object_get(j, "measures"), 0), "id"));
	json_decref(j);
	j = act_ok(tok_bjorn, id, "{\"action\":\"add_measure\",\"measure\":\"Sjekk stolene i 6A\","
	    "\"responsible_login\":\"lars.eriksen\",\"due_at\":\"2030-07-31\"}");
	mid2 = json_integer_value(json_object_get(json_array_get(json_object_get(j, "measures"), 1), "id"));
	json_decref(j);
	assert_true(notified(tok_lars, id, "measure"));

	/* API: the measure, not the description or the reporter. */
	assert_int_equal(dev_get_as(&S, NULL, tok_lars, id, &j), 200);
	dump = json_dumps(j, 0);
	assert_non_null(strstr(dump, "Bytt alle stoler i 5B"));
	assert_null(strstr(dump, "Per H."));
	assert_null(strstr(dump, "Emma"));
	free(dump);
	json_decref(j);
	/* Not the leader's actions. */
	assert_int_equal(dev_act_as(&S, NULL, tok_lars, id, "{\"action\":\"close\",\"summary\":\"x\"}", &j), 403);
	json_decref(j);
	/* Another's measure is not theirs to mark. */
	assert_int_equal(dev_act_as(&S, NULL, tok_lise, id, "{\"action\":\"complete_measure\",\"measure_id\":1}", &j), 404);
	json_decref(j);
	snprintf(body, sizeof(body), "{\"action\":\"complete_measure\",\"measure_id\":%lld,"
	    "\"text\":\"Nye stoler levert\"}", (long long)mid);
	j = act_ok(tok_lars, id, body);
	m = json_array_get(json_object_get(j, "measures"), 0);
	assert_true(json_is_true(json_object_get(m, "done")));
	assert_string_equal(json_string_value(json_object_get(m, "done_note")), "Nye stoler levert");
	json_decref(j);
	assert_true(notified(tok_bjorn, id, "measure_done"));
	assert_int_equal(dev_get_as(&S, NULL, tok_bjorn, id, &j), 200);
	dump = json_dumps(j, 0);
	assert_non_null(strstr(dump, "Nye stoler levert"));
	free(dump);
	json_decref(j);

	/* Web: the start page lists "Mine tiltak"; the link (the
	 * notification's) answers with the measure; the form marks it done. */
	session_client(&c, &S, "lars.eriksen");
	assert_int_equal(web_get(&c, "/", &r), 200);
	assert_true(resp_has(&r, "Mine tiltak"));
	assert_true(resp_has(&r, "Sjekk stolene i 6A"));
	assert_false(resp_has(&r, "Bytt alle stoler i 5B"));	/* done */
	resp_free(&r);
	snprintf(path, sizeof(path), "/deviations/%lld", (long long)id);
	assert_int_equal(web_get(&c, path, &r), 200);
	assert_true(resp_has(&r, "Sjekk stolene i 6A"));
	assert_false(resp_has(&r, "Per H."));
	resp_free(&r);
	snprintf(path, sizeof(path), "/deviations/%lld/action", (long long)id);
	snprintf(form, sizeof(form), "action=complete_measure&measure_id=%lld"
	    "&text=Sjekket%%2C+alt+i+orden", (long long)mid2);
	client_post_form(&c, path, form, &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_post_form(&c, path, "action=close&summary=x", &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	assert_int_equal(web_get(&c, "/", &r), 200);
	assert_false(resp_has(&r, "Sjekk stolene i 6A"));
	resp_free(&r);
	client_free(&c);
	assert_int_equal(dev_get_as(&S, NULL, tok_bjorn, id, &j), 200);
	dump = json_dumps(j, 0);
	assert_non_null(strstr(dump, "Sjekket, alt i orden"));
	free(dump);
	json_decref(j);
}

/* The reporter made responsible for a measure of her own report (a
 * common choice: she knows the place) finds it where "Mine tiltak" sends
 * her: her report's page shows her measure with its "done" form, not the
 * other measures; the API's detail lists hers alone. */
static void
test_reporter_owns_measure(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j, *ms;
	json_int_t	 id, mid;
	char		 path[80], form[160];

	(void)st;
	id = report_api(tok_emma, "{\"title\":\"Glatt trapp\",\"description\":\"Ved inngang B.\","
	    "\"category\":\"bygg\"}");
	j = act_ok(tok_bjorn, id, "{\"action\":\"add_measure\",\"measure\":\"Strø trappen hver morgen\","
	    "\"responsible_login\":\"emma.johansen\",\"due_at\":\"2030-06-30\"}");
	mid = json_integer_value(json_object_get(json_array_get(json_object_get(j, "measures"), 0), "id"));
	json_decref(j);
	j = act_ok(tok_bjorn, id, "{\"action\":\"add_measure\",\"measure\":\"Bestill ny matte\","
	    "\"responsible_login\":\"lars.eriksen\",\"due_at\":\"2030-06-30\"}");
	json_decref(j);

	session_client(&c, &S, "emma.johansen");
	assert_int_equal(web_get(&c, "/", &r), 200);
	assert_true(resp_has(&r, "Strø trappen hver morgen"));
	resp_free(&r);
	snprintf(path, sizeof(path), "/deviations/%lld", (long long)id);
	assert_int_equal(web_get(&c, path, &r), 200);
	assert_true(resp_has(&r, "Ved inngang B."));		/* her report, whole */
	assert_true(resp_has(&r, "Dine tiltak"));
	assert_true(resp_has(&r, "Strø trappen hver morgen"));
	assert_true(resp_has(&r, "value=\"complete_measure\""));
	assert_false(resp_has(&r, "Bestill ny matte"));	/* not hers */
	resp_free(&r);
	snprintf(path, sizeof(path), "/deviations/%lld/action", (long long)id);
	snprintf(form, sizeof(form), "action=complete_measure&measure_id=%lld"
	    "&text=Str%%C3%%B8dd", (long long)mid);
	client_post_form(&c, path, form, &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_free(&c);

	assert_int_equal(dev_get_as(&S, NULL, tok_emma, id, &j), 200);
	ms = json_object_get(j, "measures");
	assert_int_equal(json_array_size(ms), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(ms, 0), "id")), mid);
	assert_true(json_is_true(json_object_get(json_array_get(ms, 0), "done")));
	json_decref(j);
	assert_true(notified(tok_bjorn, id, "measure_done"));
}

/* The reporter who was told her report was closed, with what was learned,
 * hears when it is opened again: a notification (and its e-mail kind),
 * shown on the notifications page; the reason is on her report's page. */
static void
test_reporter_told_of_reopen(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j;
	json_int_t	 id;
	char		 path[80];

	(void)st;
	id = report_api(tok_emma, "{\"title\":\"Manglende vikar\",\"description\":\"7B alene.\","
	    "\"category\":\"tjenesteproduksjon\"}");
	j = act_ok(tok_bjorn, id, "{\"action\":\"close\",\"summary\":\"Vikarlisten er utvidet.\"}");
	json_decref(j);
	assert_true(notified(tok_emma, id, "closed"));
	assert_false(notified(tok_emma, id, "reopened"));
	j = act_ok(tok_bjorn, id, "{\"action\":\"reopen\",\"reason\":\"Skjedde igjen i dag\"}");
	json_decref(j);
	assert_true(notified(tok_emma, id, "reopened"));
	assert_false(notified(tok_bjorn, id, "reopened"));	/* not the one who did it */

	session_client(&c, &S, "emma.johansen");
	assert_int_equal(web_get(&c, "/notifications", &r), 200);
	assert_true(resp_has(&r, "Gjenåpnet"));
	resp_free(&r);
	snprintf(path, sizeof(path), "/deviations/%lld", (long long)id);
	assert_int_equal(web_get(&c, path, &r), 200);
	assert_true(resp_has(&r, "Skjedde igjen i dag"));
	resp_free(&r);
	client_free(&c);
}

/* A personal-data breach starts Datatilsynet's 72-hour clock. The leader
 * who has notified records it ("Merk som varslet"): the page says when,
 * the history says it, the yearly wheel no longer lists it as due, and
 * it cannot be recorded twice. Before, nothing could mark a clock met, so
 * every clock ever started stayed "Forfalt" in the wheel for good. Only a
 * handler records it; an authority the report has no open clock for is a
 * 400 naming the field. */
static void
test_legal_notice_recorded(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j, *l;
	json_int_t	 id;
	const char	*number;
	char		 path[80], num[40];

	(void)st;
	id = report_api(tok_emma, "{\"title\":\"Elevliste på avveie\",\"description\":\"Sendt til feil foresatt.\","
	    "\"category\":\"personvern\",\"personal_data\":true}");
	assert_int_equal(dev_get_as(&S, NULL, tok_bjorn, id, &j), 200);
	number = json_string_value(json_object_get(j, "number"));
	snprintf(num, sizeof(num), "%s", number);
	l = json_array_get(json_object_get(j, "legal_deadlines"), 0);
	assert_string_equal(json_string_value(json_object_get(l, "authority")), "datatilsynet");
	assert_true(json_is_null(json_object_get(l, "done_at")));
	json_decref(j);

	/* An action's answer holds the report, personal data and all: the
	 * read is audited as a GET's is. */
	{
		int64_t reads = srv_db_int(&S, "SELECT COUNT(*) FROM audit_log"
		    " WHERE action = $1", "deviation_read");

		j = act_ok(tok_bjorn, id, "{\"action\":\"comment\",\"text\":\"Ringt foresatt\"}");
		json_decref(j);
		assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM audit_log"
		    " WHERE action = $1", "deviation_read"), reads + 1);
	}
	/* The reporter sees the clock but does not record it. */
	assert_int_equal(dev_act_as(&S, NULL, tok_emma, id,
	    "{\"action\":\"legal_done\",\"authority\":\"datatilsynet\"}", &j), 403);
	json_decref(j);
	assert_int_equal(dev_act_as(&S, NULL, tok_bjorn, id,
	    "{\"action\":\"legal_done\",\"authority\":\"politiet\"}", &j), 400);
	assert_string_equal(json_err_field(j), "authority");
	json_decref(j);

	session_client(&c, &S, "bjorn.saether");
	assert_int_equal(web_get(&c, "/wheel", &r), 200);
	assert_true(resp_has(&r, num));
	resp_free(&r);
	snprintf(path, sizeof(path), "/deviations/%lld", (long long)id);
	assert_int_equal(web_get(&c, path, &r), 200);
	assert_true(resp_has(&r, "value=\"legal_done\""));
	assert_true(resp_has(&r, "Merk som varslet"));
	assert_true(resp_has(&r, "id=\"legal-datatilsynet\""));	/* the wheel's link */
	resp_free(&r);
	snprintf(path, sizeof(path), "/deviations/%lld/action", (long long)id);
	client_post_form(&c, path, "action=legal_done&authority=datatilsynet", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	snprintf(path, sizeof(path), "/deviations/%lld", (long long)id);
	assert_int_equal(web_get(&c, path, &r), 200);
	assert_true(resp_has(&r, "ble varslet"));
	assert_true(resp_has(&r, "Myndigheten er varslet"));
	assert_false(resp_has(&r, "value=\"legal_done\""));
	resp_free(&r);
	assert_int_equal(web_get(&c, "/wheel", &r), 200);
	assert_false(resp_has(&r, num));
	resp_free(&r);
	client_free(&c);

	assert_int_equal(dev_get_as(&S, NULL, tok_bjorn, id, &j), 200);
	l = json_array_get(json_object_get(j, "legal_deadlines"), 0);
	assert_true(json_is_string(json_object_get(l, "done_at")));
	json_decref(j);
	/* Once: a second record is refused. */
	assert_int_equal(dev_act_as(&S, NULL, tok_bjorn, id,
	    "{\"action\":\"legal_done\",\"authority\":\"datatilsynet\"}", &j), 400);
	assert_string_equal(json_err_field(j), "authority");
	json_decref(j);
}

/* Items 3 and 4: the leader transfers on the web and lands on the inbox
 * with "Overført til ..."; the reporter is told of acknowledgement and
 * transfer (notification, "Mine meldinger", the API). */
static void
test_transfer_web_and_reporter_told(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j;
	json_int_t	 id, sentrum = unit_of("sentrum-skole");
	char		 path[80], form[256], loc[256];

	(void)st;
	id = report_api(tok_emma, "{\"title\":\"Lekker tak\",\"description\":\"I gangen.\","
	    "\"category\":\"bygg\"}");
	j = act_ok(tok_bjorn, id, "{\"action\":\"acknowledge\"}");
	json_decref(j);
	assert_true(notified(tok_emma, id, "acknowledged"));
	assert_int_equal(dev_get_as(&S, NULL, tok_emma, id, &j), 200);
	assert_true(dev_has_event(j, "acknowledged", NULL));
	json_decref(j);

	session_client(&c, &S, "bjorn.saether");
	snprintf(path, sizeof(path), "/deviations/%lld", (long long)id);
	assert_int_equal(web_get(&c, path, &r), 200);
	resp_free(&r);
	snprintf(path, sizeof(path), "/deviations/%lld/action", (long long)id);
	snprintf(form, sizeof(form), "action=transfer&unit_id=%lld&reason=Hører+til+Sentrum",
	    (long long)sentrum);
	client_post_form(&c, path, form, &r);
	assert_int_equal(r.status, 303);
	assert_int_equal(resp_header(&r, "location", loc, sizeof(loc)), 0);
	assert_non_null(strstr(loc, "/deviations/inbox"));
	resp_free(&r);
	assert_int_equal(web_get(&c, loc, &r), 200);
	assert_true(resp_has(&r, "Overført til Sentrum skole"));
	resp_free(&r);
	/* The inbox's query is declared (dev_input.h): a unit that is not a
	 * number, or a cursor longer than any, is a 400 naming it. */
	assert_int_equal(web_get(&c, "/deviations/inbox?transferred=Sentrum", &r), 400);
	assert_true(resp_has(&r, "transferred"));
	resp_free(&r);
	assert_int_equal(web_get(&c, "/deviations/inbox?after="
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", &r), 400);
	assert_true(resp_has(&r, "after"));
	resp_free(&r);
	client_free(&c);

	assert_true(notified(tok_emma, id, "transferred"));
	session_client(&c, &S, "emma.johansen");
	assert_int_equal(web_get(&c, "/deviations/mine", &r), 200);
	assert_true(resp_has(&r, "Mottak bekreftet") || resp_has(&r, "mottak bekreftet"));
	assert_true(resp_has(&r, "Hører til Sentrum"));
	resp_free(&r);
	client_free(&c);
}

/* The closing lesson is printed once in "Mine meldinger". */
static void
test_lesson_once(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j;
	json_int_t	 id;
	const char	*p, *needle = "Vi sjekker takene hver høst";
	int		 count = 0;

	(void)st;
	id = report_api(tok_lars, "{\"title\":\"Takras\",\"description\":\"D.\","
	    "\"category\":\"bygg\"}");
	j = act_ok(tok_bjorn, id, "{\"action\":\"close\",\"summary\":\"Vi sjekker takene hver høst\"}");
	json_decref(j);
	session_client(&c, &S, "lars.eriksen");
	assert_int_equal(web_get(&c, "/deviations/mine", &r), 200);
	for (p = buf_cstr(&r.body); (p = strstr(p, needle)) != NULL; p++)
		count++;
	assert_int_equal(count, 1);
	resp_free(&r);
	client_free(&c);
}

/* Item 7's words: improvement proposals are FF-, deviations AV-; audit
 * codes are translated; the receipt-code example has six groups; the
 * dashboard's "open" group (the new ones) is not called "Åpne". */
static void
test_words(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j;
	long		 code;

	(void)st;
	code = api_as(&S, NULL, tok_emma, "POST", "/api/v1/deviations", "{\"kind\":\"improvement\","
	    "\"title\":\"Flere benker\",\"description\":\"I skolegården.\"}", &j);
	assert_int_equal(code, 201);
	assert_int_equal(strncmp(json_string_value(json_object_get(j, "number")), "FF-", 3), 0);
	json_decref(j);
	code = api_as(&S, NULL, tok_emma, "POST", "/api/v1/deviations", "{\"title\":\"Glatt\","
	    "\"description\":\"Is.\",\"category\":\"hms\"}", &j);
	assert_int_equal(code, 201);
	assert_int_equal(strncmp(json_string_value(json_object_get(j, "number")), "AV-", 3), 0);
	json_decref(j);

	/* The settings changes of the earlier tests are in the log. */
	session_client(&c, &S, "admin");
	assert_int_equal(web_get(&c, "/admin/audit", &r), 200);
	assert_true(resp_has(&r, "Avviksinnstillinger endret"));
	assert_false(resp_has(&r, ">dev_settings_update<"));
	resp_free(&r);
	client_free(&c);

	client_init(&c, &S);
	assert_int_equal(web_get(&c, "/whistle/receipt", &r), 200);
	assert_true(resp_has(&r, "ABCD-EFGH-JKMN-PQRS-TVWX-YZ23"));
	resp_free(&r);
	client_free(&c);

	session_client(&c, &S, "ingrid.haugen");
	assert_int_equal(web_get(&c, "/dashboard", &r), 200);
	assert_true(resp_has(&r, "Nye, ikke bekreftet"));
	resp_free(&r);
	client_free(&c);
}

/* The measure-owner picker is a search answered by the server (no list of
 * every person): a unique name is taken, an ambiguous one lists the
 * candidates, an unknown one says so; nothing is saved until it is clear. */
static void
test_measure_owner_search(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j;
	json_int_t	 id;
	char		 path[80];
	size_t		 nm;

	(void)st;
	id = report_api(tok_emma, "{\"title\":\"Løs rekkverk\",\"description\":\"Trappa.\","
	    "\"category\":\"bygg\"}");
	session_client(&c, &S, "bjorn.saether");
	snprintf(path, sizeof(path), "/deviations/%lld", (long long)id);
	assert_int_equal(web_get(&c, path, &r), 200);
	assert_false(resp_has(&r, "<select id=\"a-add_measure-responsible_login\""));
	assert_true(resp_has(&r, "name=\"responsible_login\" type=\"search\""));
	resp_free(&r);
	snprintf(path, sizeof(path), "/deviations/%lld/action", (long long)id);
	/* "lars" is Lars Eriksen and Trine Larsen. */
	client_post_form(&c, path, "action=add_measure&measure=Skru+fast&responsible_login=lars", &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "Lars Eriksen (lars.eriksen)"));
	assert_true(resp_has(&r, "Trine Larsen (trine.larsen)"));
	resp_free(&r);
	client_post_form(&c, path, "action=add_measure&measure=Skru+fast&responsible_login=ingen+slik", &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "Fant ingen"));
	resp_free(&r);
	assert_int_equal(dev_get_as(&S, NULL, tok_bjorn, id, &j), 200);
	nm = json_array_size(json_object_get(j, "measures"));
	json_decref(j);
	assert_int_equal(nm, 0);
	/* The web form, like the API, wants a due date, and says so by the
	 * field. */
	client_post_form(&c, path, "action=add_measure&measure=Skru+fast&responsible_login=Lars+Eriksen", &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "Gi tiltaket en frist"));
	assert_true(resp_has(&r, "id=\"a-add_measure-due_date\""));
	resp_free(&r);
	/* A due date before today is refused the same way, on the form and
	 * over the API, and nothing is kept (w19-probe: "01.01.2020" was). */
	client_post_form(&c, path, "action=add_measure&measure=Skru+fast&responsible_login=Lars+Eriksen"
	    "&due_date=2020-01-01", &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "i dag eller senere"));
	resp_free(&r);
	assert_int_equal(dev_act_as(&S, NULL, tok_bjorn, id, "{\"action\":\"add_measure\","
	    "\"measure\":\"Skru fast\",\"due_at\":\"2020-01-01\"}", &j), 400);
	assert_string_equal(json_err_field(j), "due_at");
	json_decref(j);
	assert_int_equal(dev_get_as(&S, NULL, tok_bjorn, id, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "measures")), 0);
	json_decref(j);
	client_post_form(&c, path, "action=add_measure&measure=Skru+fast&responsible_login=Lars+Eriksen"
	    "&due_date=2030-06-30", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_free(&c);
	assert_int_equal(dev_get_as(&S, NULL, tok_bjorn, id, &j), 200);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(j, "measures"), 0), "responsible_name")), "Lars Eriksen");
	json_decref(j);
	/* Not overdue yet; once its date has passed (set back in the store,
	 * as time would), the handler's page and the owner's start page say
	 * "Forfalt" by it. */
	session_client(&c, &S, "bjorn.saether");
	snprintf(path, sizeof(path), "/deviations/%lld", (long long)id);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(resp_has(&r, "class=\"late\">Forfalt"));
	resp_free(&r);
	assert_true(srv_db_int(&S, "UPDATE measures SET due_at = 86400"
	    " WHERE text = $1 RETURNING id", "Skru fast") > 0);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "class=\"late\">Forfalt"));
	resp_free(&r);
	client_free(&c);
	session_client(&c, &S, "lars.eriksen");
	client_req(&c, "GET", "/", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Skru fast"));
	assert_true(resp_has(&r, "class=\"late\">Forfalt"));
	resp_free(&r);
	client_free(&c);
}

static void
dump_has_not(json_t *j, const char *needle)
{
	char *dump = json_dumps(j, 0);

	assert_null(strstr(dump, needle));
	free(dump);
}

/* Item 7: the safety representative (emma, Vestre skole) reads the HMS
 * and violence reports of her area, not others, not another unit's, not
 * one about a leader. */
static void
test_safety_rep_reads_hms(void **st)
{
	json_t		*j;
	json_int_t	 hms, bygg, other, about, sentrum = unit_of("sentrum-skole");
	char		 body[512];

	(void)st;
	hms = report_api(tok_lars, "{\"title\":\"Truck uten sikring\",\"description\":\"D.\","
	    "\"category\":\"hms\"}");
	bygg = report_api(tok_lars, "{\"title\":\"Dør henger\",\"description\":\"D.\","
	    "\"category\":\"bygg\"}");
	snprintf(body, sizeof(body), "{\"title\":\"Glatt gulv\",\"description\":\"D.\","
	    "\"category\":\"hms\",\"unit_id\":%lld}", (long long)sentrum);
	other = report_api(tok_lars, body);
	about = report_api(tok_lars, "{\"title\":\"Rektor og verneutstyr\",\"description\":\"D.\","
	    "\"category\":\"vold\",\"concerns_leader\":true}");
	assert_int_equal(dev_get_as(&S, NULL, tok_emma, hms, &j), 200);
	json_decref(j);
	assert_true(dev_listed_as(&S, NULL, tok_emma, "", hms));
	assert_int_equal(dev_get_as(&S, NULL, tok_emma, bygg, &j), 404);
	json_decref(j);
	assert_false(dev_listed_as(&S, NULL, tok_emma, "", bygg));
	assert_int_equal(dev_get_as(&S, NULL, tok_emma, other, &j), 404);
	json_decref(j);
	assert_false(dev_listed_as(&S, NULL, tok_emma, "", other));
	assert_int_equal(dev_get_as(&S, NULL, tok_emma, about, &j), 404);
	json_decref(j);
	assert_false(dev_listed_as(&S, NULL, tok_emma, "", about));
	/* Reading is not handling, and not the handlers' internal notes. */
	assert_int_equal(dev_act_as(&S, NULL, tok_emma, hms, "{\"action\":\"acknowledge\"}", &j), 403);
	json_decref(j);
	j = act_ok(tok_bjorn, hms, "{\"action\":\"comment\",\"text\":\"Internt: samtale med Per\"}");
	json_decref(j);
	{
		struct client	 c;
		struct resp	 r;
		char		 path[80];

		session_client(&c, &S, "emma.johansen");
		snprintf(path, sizeof(path), "/deviations/%lld", (long long)hms);
		assert_int_equal(web_get(&c, path, &r), 200);
		assert_true(resp_has(&r, "Truck uten sikring"));
		assert_false(resp_has(&r, "samtale med Per"));
		resp_free(&r);
		client_free(&c);
	}
	assert_int_equal(dev_get_as(&S, NULL, tok_emma, hms, &j), 200);
	dump_has_not(j, "samtale med Per");
	json_decref(j);
}

/* A category the municipality adds for working-environment reports is read
 * by the safety representatives when it says so (the API's safety_rep, the
 * admin form's box): before, only the codes hms and vold were, so a report
 * of a work accident in "arbeidsulykke" was hidden from emma (w20-probe).
 * Unticked on the admin page, she no longer reads it. */
static void
test_safety_rep_reads_own_category(void **st)
{
	json_t		*j;
	json_int_t	 id, cat;
	struct client	 q;
	struct resp	 r;
	char		 path[80];

	(void)st;
	assert_int_equal(api_as(&S, NULL, tok_admin, "POST", "/api/v1/categories",
	    "{\"code\":\"arbeidsulykke\",\"name\":\"Arbeidsulykke\","
	    "\"legal\":\"aml52\",\"safety_rep\":true}", &j), 201);
	assert_true(json_is_true(json_object_get(j, "safety_rep")));
	cat = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	assert_int_equal(api_as(&S, NULL, tok_admin, "GET", "/api/v1/categories",
	    NULL, &j), 200);
	{
		size_t	 i;
		json_t	*c;
		int	 hms = 0, bygg = 1;

		json_array_foreach(json_object_get(j, "categories") != NULL ?
		    json_object_get(j, "categories") : j, i, c) {
			const char *code = json_string_value(json_object_get(c, "code"));

			if (code != NULL && strcmp(code, "hms") == 0)
				hms = json_is_true(json_object_get(c, "safety_rep"));
			if (code != NULL && strcmp(code, "bygg") == 0)
				bygg = json_is_true(json_object_get(c, "safety_rep"));
		}
		assert_true(hms);
		assert_false(bygg);
	}
	json_decref(j);
	id = report_api(tok_lars, "{\"title\":\"Kuttskade i sløyden\","
	    "\"description\":\"D.\",\"category\":\"arbeidsulykke\"}");
	assert_int_equal(dev_get_as(&S, NULL, tok_emma, id, &j), 200);
	json_decref(j);
	assert_true(dev_listed_as(&S, NULL, tok_emma, "", id));
	assert_true(dev_listed_as(&S, NULL, tok_emma, "&status=new", id));

	/* The admin form unticks it: no longer hers to read. */
	session_client(&q, &S, "admin");
	snprintf(path, sizeof(path), "/admin/categories/%lld", (long long)cat);
	assert_int_equal(web_get(&q, path, &r), 200);
	assert_true(resp_has(&r, "name=\"safety_rep\""));
	resp_free(&r);
	client_post_form(&q, path, "name=Arbeidsulykke&ack_hours=48&close_days=30"
	    "&legal=aml52&sort=100&active=1", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_free(&q);
	assert_int_equal(dev_get_as(&S, NULL, tok_emma, id, &j), 404);
	json_decref(j);
	assert_false(dev_listed_as(&S, NULL, tok_emma, "", id));
}

/* Item 7: the auditor is told what she can see, and samples closed
 * reports without personal data (API and web); open ones stay hidden. */
static void
test_auditor_samples_closed(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j;
	json_int_t	 id;
	char		 path[80], *dump;

	(void)st;
	id = report_api(tok_lars, "{\"title\":\"Vikar uten opplæring\",\"description\":\"Kari B. fikk feil medisin.\","
	    "\"category\":\"tjenesteproduksjon\",\"place\":\"Rom 12\"}");
	assert_int_equal(dev_get_as(&S, NULL, tok_eva, id, &j), 404);
	json_decref(j);
	assert_false(dev_listed_as(&S, NULL, tok_eva, "", id));
	j = act_ok(tok_bjorn, id, "{\"action\":\"add_measure\",\"measure\":\"Opplæringsplan for vikarer\","
	    "\"responsible_login\":\"lars.eriksen\",\"due_at\":\"2030-06-30\"}");
	json_decref(j);
	j = act_ok(tok_bjorn, id, "{\"action\":\"close\",\"summary\":\"Vikarer får opplæring første dag\"}");
	json_decref(j);

	assert_true(dev_listed_as(&S, NULL, tok_eva, "", id));
	assert_int_equal(dev_get_as(&S, NULL, tok_eva, id, &j), 200);
	dump = json_dumps(j, 0);
	assert_non_null(strstr(dump, "Vikarer får opplæring første dag"));
	assert_non_null(strstr(dump, "Opplæringsplan for vikarer"));
	assert_null(strstr(dump, "Kari B."));
	assert_null(strstr(dump, "Rom 12"));
	assert_null(strstr(dump, "Lars"));
	free(dump);
	json_decref(j);
	assert_int_equal(dev_act_as(&S, NULL, tok_eva, id, "{\"action\":\"reopen\",\"reason\":\"x\"}", &j), 404);
	json_decref(j);

	session_client(&c, &S, "eva.strom");
	assert_int_equal(web_get(&c, "/deviations", &r), 200);
	assert_true(resp_has(&r, "Som revisor"));
	resp_free(&r);
	snprintf(path, sizeof(path), "/deviations/%lld", (long long)id);
	assert_int_equal(web_get(&c, path, &r), 200);
	assert_true(resp_has(&r, "Vikarer får opplæring første dag"));
	assert_false(resp_has(&r, "Kari B."));
	assert_false(resp_has(&r, "Lars Eriksen"));
	resp_free(&r);
	client_free(&c);
}

/* Whether the deviation JSON has a legal clock for authority. */
static int
has_clock(json_t *dev, const char *authority)
{
	json_t	*a = json_object_get(dev, "legal_deadlines");
	size_t	 i;

	for (i = 0; i < json_array_size(a); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(a, i),
		    "authority")), authority) == 0)
			return 1;
	return 0;
}

/* Report "bruker", severity 4, in the unit with this code as lars; whether
 * Statens helsetilsyn's clock started. */
static int
helsetilsyn_clock_in(const char *code)
{
	json_t	*j;
	char	 body[512];
	int	 has;

	snprintf(body, sizeof(body), "{\"title\":\"Bruker skadet\",\"description\":\"D.\","
	    "\"category\":\"bruker\",\"severity\":4,\"unit_id\":%lld}",
	    (long long)unit_of(code));
	assert_int_equal(api_as(&S, NULL, tok_lars, "POST", "/api/v1/deviations", body, &j), 201);
	has = has_clock(j, "helsetilsyn");
	json_decref(j);
	return has;
}

/* Item 9: the Helsetilsyn clock is for health and care services: not for
 * a school or kindergarten (the demo's units have their kinds); the admin
 * page and the units import set a unit's kind. */
static void
test_legal_clock_by_kind_of_unit(void **st)
{
	struct client	 c;
	struct resp	 r;
	struct buf	 out;
	char		 path[400], form[200];

	(void)st;
	assert_false(helsetilsyn_clock_in("vestre-skole"));
	assert_false(helsetilsyn_clock_in("solsiden-barnehage"));
	/* The demo's units have their kinds; the API shows them. */
	{
		json_t	*u, *one;
		size_t	 i;
		int	 school = 0;

		assert_int_equal(api_as(&S, NULL, tok_admin, "GET", "/api/v1/units", NULL, &u), 200);
		for (i = 0; i < json_array_size(u); i++) {
			one = json_array_get(u, i);
			if (strcmp(json_string_value(json_object_get(one, "code")),
			    "vestre-skole") == 0 && json_is_string(json_object_get(one, "kind")))
				school = strcmp(json_string_value(json_object_get(one,
				    "kind")), "school") == 0;
		}
		json_decref(u);
		assert_true(school);
	}
	assert_true(helsetilsyn_clock_in("sentrum-sykehjem"));
	/* A unit of no known kind keeps the clock: a missed one costs more. */
	assert_true(helsetilsyn_clock_in("kulturarena"));

	/* The admin page: a bad kind is refused, a good one is kept. */
	session_client(&c, &S, "admin");
	snprintf(path, sizeof(path), "/admin/units/%lld", (long long)unit_of("kulturarena"));
	assert_int_equal(web_get(&c, path, &r), 200);
	assert_true(resp_has(&r, "name=\"kind\""));
	resp_free(&r);
	snprintf(form, sizeof(form), "name=Kulturarena&parent=%lld&kind=zoo",
	    (long long)unit_of("kso"));
	client_post_form(&c, path, form, &r);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	assert_true(helsetilsyn_clock_in("kulturarena"));
	snprintf(form, sizeof(form), "name=Kulturarena&parent=%lld&kind=other",
	    (long long)unit_of("kso"));
	client_post_form(&c, path, form, &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_free(&c);
	assert_false(helsetilsyn_clock_in("kulturarena"));

	/* The units import: an optional kind column, checked. */
	write_file(&S, "units-bad.csv", "code,name,parent_code,kind\n"
	    "ny-skole,Ny skole,oo,skule\n", path, sizeof(path));
	buf_init(&out, 4096);
	assert_int_not_equal(orden_run(&out, "import", "units", "--db", S.db, path, NULL), 0);
	assert_non_null(strstr(buf_cstr(&out), ":2:4:"));
	buf_free(&out);
	write_file(&S, "units.csv", "code,name,parent_code,kind\n"
	    "ny-skole,Ny skole,oo,school\nnytt-hjem,Nytt hjem,ho,health_care\n",
	    path, sizeof(path));
	buf_init(&out, 4096);
	if (orden_run(&out, "import", "units", "--db", S.db, path, NULL) != 0)
		fail_msg("import units: %s", buf_cstr(&out));
	buf_free(&out);
	assert_false(helsetilsyn_clock_in("ny-skole"));
	assert_true(helsetilsyn_clock_in("nytt-hjem"));
}

/* The "Reported" count on the dashboard (the first key figure) for the
 * period q ("?from=..&to=..") as login sees it. */
static long long
dashboard_reported(const char *login, const char *q)
{
	struct client	 c;
	struct resp	 r;
	char		 path[128];
	const char	*p;
	long long	 n;

	session_client(&c, &S, login);
	snprintf(path, sizeof(path), "/dashboard%s", q);
	assert_int_equal(web_get(&c, path, &r), 200);
	p = strstr(buf_cstr(&r.body), "kpi-value\">");
	assert_non_null(p);
	n = strtoll(p + strlen("kpi-value\">"), NULL, 10);
	resp_free(&r);
	client_free(&c);
	return n;
}

/* GET /api/v1/stats/deviations?by=category q as token: the total, and in
 * *hms the count of the HMS category. */
static json_int_t
stats_total(const char *token, const char *q, json_int_t *hms)
{
	json_t		*j, *rows;
	json_int_t	 total;
	char		 path[160];
	size_t		 i;

	snprintf(path, sizeof(path), "/api/v1/stats/deviations?by=category&%s", q);
	assert_int_equal(api_as(&S, NULL, token, "GET", path, NULL, &j), 200);
	total = json_integer_value(json_object_get(j, "total"));
	rows = json_object_get(j, "groups");
	*hms = 0;
	for (i = 0; i < json_array_size(rows); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(rows, i),
		    "key")), "hms") == 0)
			*hms = json_integer_value(json_object_get(json_array_get(rows, i),
			    "count"));
	json_decref(j);
	return total;
}

/* Item 6: a deviation about the chief executive is hidden from her list,
 * so her statistics and dashboard do not count it either, neither in the
 * ragged days of a period (rows) nor in whole months (the kept counts);
 * the quality adviser it was routed to counts it. */
static void
test_stats_leave_out_top_routed(void **st)
{
	json_t		*j;
	json_int_t	 id, k_day, k_all, q_day, q_all, k_hms, q_hms, h;
	long long	 k_dash, q_dash;
	char		 day[64], all[64], dday[64], d1[16], d2[16];
	time_t		 t;
	struct tm	 tm;

	(void)st;
	/* Yesterday to tomorrow (UTC) hold today in Norway; the whole
	 * century is whole months, counted from the kept cells. */
	t = time(NULL) - 86400;
	gmtime_r(&t, &tm);
	strftime(d1, sizeof(d1), "%Y-%m-%d", &tm);
	t = time(NULL) + 86400;
	gmtime_r(&t, &tm);
	strftime(d2, sizeof(d2), "%Y-%m-%d", &tm);
	snprintf(day, sizeof(day), "from=%s&to=%s", d1, d2);
	snprintf(dday, sizeof(dday), "?from=%s&to=%s", d1, d2);
	snprintf(all, sizeof(all), "from=2000-01-01&to=2099-12-31");
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "PATCH", "/api/v1/deviation-settings",
	    "{\"top_route\":\"quality\"}", &j), 200);
	json_decref(j);
	k_day = stats_total(tok_kari, day, &k_hms);
	k_all = stats_total(tok_kari, all, &h);
	q_day = stats_total(tok_ingrid, day, &q_hms);
	q_all = stats_total(tok_ingrid, all, &h);
	k_dash = dashboard_reported("kari.nilsen", dday);
	q_dash = dashboard_reported("ingrid.haugen", dday);

	id = report_api(tok_admin, "{\"title\":\"Direktøren truet meg\",\"description\":\"D.\","
	    "\"category\":\"hms\",\"concerns_leader\":true}");
	/* Hidden from her (the list's own test is check_top_routed). */
	assert_int_equal(dev_get_as(&S, NULL, tok_kari, id, &j), 404);
	json_decref(j);
	assert_int_equal(dev_get_as(&S, NULL, tok_ingrid, id, &j), 200);
	json_decref(j);
	assert_int_equal(stats_total(tok_kari, day, &h), k_day);
	assert_int_equal(h, k_hms);
	assert_int_equal(stats_total(tok_kari, all, &h), k_all);
	assert_int_equal(dashboard_reported("kari.nilsen", dday), k_dash);
	assert_int_equal(stats_total(tok_ingrid, day, &h), q_day + 1);
	assert_int_equal(h, q_hms + 1);
	assert_int_equal(stats_total(tok_ingrid, all, &h), q_all + 1);
	assert_int_equal(dashboard_reported("ingrid.haugen", dday), q_dash + 1);
	/* Closed, it still is not hers to count (a new cell). */
	j = act_ok(tok_ingrid, id, "{\"action\":\"close\",\"summary\":\"Behandlet\"}");
	json_decref(j);
	assert_int_equal(stats_total(tok_kari, all, &h), k_all);
	assert_int_equal(stats_total(tok_kari, day, &h), k_day);
	assert_int_equal(stats_total(tok_ingrid, all, &h), q_all + 1);

	assert_int_equal(api_as(&S, NULL, tok_ingrid, "PATCH", "/api/v1/deviation-settings",
	    "{\"top_route\":\"mayor\"}", &j), 200);
	json_decref(j);
}

/* The same as helsetilsyn_clock_in, reported on the web form. */
static int
helsetilsyn_clock_web(const char *code)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j;
	json_int_t	 id;
	char		 form[300];
	int		 has;

	session_client(&c, &S, "lars.eriksen");
	snprintf(form, sizeof(form), "kind=deviation&title=Bruker+skadet&description=D."
	    "&unit_id=%lld&category=bruker&severity=4", (long long)unit_of(code));
	client_post_form(&c, "/deviations", form, &r);
	assert_int_equal(r.status, 303);
	id = location_id(&r);
	resp_free(&r);
	client_free(&c);
	assert_int_equal(dev_get_as(&S, NULL, tok_lars, id, &j), 200);
	has = has_clock(j, "helsetilsyn");
	json_decref(j);
	return has;
}

/* The "bruker" category as the API shows it (caller decrefs); its id. */
static json_t *
bruker_category(json_int_t *id)
{
	json_t	*a, *one = NULL;
	size_t	 i;

	assert_int_equal(api_as(&S, NULL, tok_ingrid, "GET", "/api/v1/categories", NULL, &a), 200);
	for (i = 0; i < json_array_size(a); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(a, i),
		    "code")), "bruker") == 0)
			one = json_incref(json_array_get(a, i));
	json_decref(a);
	assert_non_null(one);
	*id = json_integer_value(json_object_get(one, "id"));
	return one;
}

/* "school,health_care" from the category's legal_kinds ("" for null). */
static void
kinds_of(json_t *cat, char *out, size_t outsz)
{
	json_t	*k = json_object_get(cat, "legal_kinds");
	size_t	 i, n = 0;

	out[0] = '\0';
	for (i = 0; i < json_array_size(k) && n < outsz; i++)
		n += (size_t)snprintf(out + n, outsz - n, "%s%s", i ? "," : "",
		    json_string_value(json_array_get(k, i)));
}

/* Item 9: which kinds of unit a category's legal clock covers is edited
 * where categories are: the API (POST/PATCH) and the admin page, audited;
 * bad values are refused naming the field and change nothing. A school's
 * severity-4 "Barn/elev/bruker" deviation starts no Helsetilsyn clock, a
 * health and care unit's does, on the web form and the API alike. */
static void
test_legal_kinds_editable(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j, *cat;
	json_int_t	 id;
	int64_t		 audited;
	char		 path[80], form[400], kinds[120];

	(void)st;
	cat = bruker_category(&id);
	kinds_of(cat, kinds, sizeof(kinds));
	assert_string_equal(kinds, "health_care");
	json_decref(cat);
	assert_false(helsetilsyn_clock_web("vestre-skole"));
	assert_true(helsetilsyn_clock_web("sentrum-sykehjem"));
	audited = srv_db_int(&S, "SELECT COUNT(*) FROM audit_log WHERE action = $1",
	    "category_update");

	/* The API: bad lists are refused, naming the field... */
	snprintf(path, sizeof(path), "/api/v1/categories/%lld", (long long)id);
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "PATCH", path,
	    "{\"legal_kinds\":[\"school\",\"zoo\"]}", &j), 400);
	assert_string_equal(json_err_field(j), "legal_kinds");
	json_decref(j);
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "PATCH", path, "{\"legal_kinds\":[]}", &j), 400);
	assert_string_equal(json_err_field(j), "legal_kinds");
	json_decref(j);
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "PATCH", path,
	    "{\"legal_kinds\":[\"school\",\"school\"]}", &j), 400);
	json_decref(j);
	assert_int_equal(api_as(&S, NULL, tok_emma, "PATCH", path, "{\"legal_kinds\":null}", &j), 403);
	json_decref(j);
	assert_false(helsetilsyn_clock_in("vestre-skole"));
	/* ...a good one is kept (in the kinds' own order) and audited. */
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "PATCH", path,
	    "{\"legal_kinds\":[\"health_care\",\"school\"]}", &j), 200);
	kinds_of(j, kinds, sizeof(kinds));
	assert_string_equal(kinds, "school,health_care");
	json_decref(j);
	assert_true(helsetilsyn_clock_in("vestre-skole"));
	assert_false(helsetilsyn_clock_in("solsiden-barnehage"));
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "PATCH", path, "{\"legal_kinds\":null}", &j), 200);
	assert_true(json_is_null(json_object_get(j, "legal_kinds")));
	json_decref(j);
	assert_true(helsetilsyn_clock_in("solsiden-barnehage"));
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM audit_log WHERE action = $1",
	    "category_update"), audited + 2);
	/* POST: a new category with its kinds. */
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "POST", "/api/v1/categories",
	    "{\"code\":\"smitte\",\"name\":\"Smitte\",\"legal\":\"helsetilsyn\","
	    "\"legal_kinds\":[\"kindergarten\"]}", &j), 201);
	kinds_of(j, kinds, sizeof(kinds));
	assert_string_equal(kinds, "kindergarten");
	json_decref(j);
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "POST", "/api/v1/categories",
	    "{\"code\":\"smitte2\",\"name\":\"Smitte 2\",\"legal_kinds\":\"school\"}", &j), 400);
	assert_string_equal(json_err_field(j), "legal_kinds");
	json_decref(j);

	/* The admin page: one checkbox per kind; what is ticked is kept. */
	session_client(&c, &S, "ingrid.haugen");
	snprintf(path, sizeof(path), "/admin/categories/%lld", (long long)id);
	assert_int_equal(web_get(&c, path, &r), 200);
	assert_true(resp_has(&r, "name=\"legal_kind_school\""));
	assert_true(resp_has(&r, "name=\"legal_kind_health_care\""));
	resp_free(&r);
	snprintf(form, sizeof(form), "name=Barn%%2Felev%%2Fbruker&ack_hours=48&close_days=30"
	    "&legal=helsetilsyn&active=1&sort=10&legal_kind_health_care=1");
	client_post_form(&c, path, form, &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_free(&c);
	cat = bruker_category(&id);
	kinds_of(cat, kinds, sizeof(kinds));
	assert_string_equal(kinds, "health_care");
	json_decref(cat);
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM audit_log WHERE action = $1",
	    "category_update"), audited + 3);
	assert_false(helsetilsyn_clock_web("vestre-skole"));
	assert_false(helsetilsyn_clock_in("solsiden-barnehage"));
	assert_true(helsetilsyn_clock_web("sentrum-sykehjem"));
	assert_true(helsetilsyn_clock_in("sentrum-sykehjem"));
}

/* Restart the server with its clock moved offset seconds ahead. */
static void
restart_at(int64_t offset)
{
	char		 env0[64];
	const char	*env[] = { env0, NULL };

	snprintf(env0, sizeof(env0), "ORDEN_CLOCK_OFFSET=%lld", (long long)offset);
	srv_stop(&S, 1);
	srv_start(&S, env);
}

/* The reporter's page said "frist om 1 dag (09.12.2026 12:00)" at 17:00
 * on the 7th: it counted whole days elapsed (43 h: 1) while the date
 * beside it is two days on (and the inbox, the leader's list and the
 * whistleblowing cases said the same). Reported at noon, to be
 * acknowledged within 48 h, read five hours later: "frist om 2 dager",
 * as the date says; and overdue likewise. */
static void
test_deadline_days_agree_with_date(void **st)
{
	struct client	 c;
	struct resp	 r;
	struct tm	 tm;
	json_t		*j;
	json_int_t	 id;
	time_t		 t0 = time(NULL), noon;
	char		 body[256], path[64];

	(void)st;
	/* Noon tomorrow in the server's zone, so that the test reads the same
	 * at any hour it runs. */
	setenv("TZ", "Europe/Oslo", 1);
	tzset();
	noon = t0 + 86400;
	localtime_r(&noon, &tm);
	tm.tm_hour = 12;
	tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	noon = mktime(&tm);
	assert_true(noon > t0);

	assert_int_equal(api_as(&S, NULL, tok_admin, "POST", "/api/v1/categories",
	    "{\"code\":\"frist48\",\"name\":\"Frist 48\",\"ack_hours\":48,"
	    "\"close_days\":30}", &j), 201);
	json_decref(j);
	restart_at(noon - t0);
	snprintf(body, sizeof(body), "{\"title\":\"Frist\",\"description\":"
	    "\"Test.\",\"category\":\"frist48\",\"unit_id\":%lld}",
	    (long long)unit_of("vestre-skole"));
	id = report_api(tok_emma, body);

	restart_at(noon - t0 + 5 * 3600);
	session_client(&c, &S, "emma.johansen");
	snprintf(path, sizeof(path), "/deviations/%lld", (long long)id);
	assert_int_equal(web_get(&c, path, &r), 200);
	if (strstr(buf_cstr(&r.body), "frist om 2 dager (") == NULL)
		fail_msg("the deadline two days on is not \"frist om 2 dager\": %s",
		    strstr(buf_cstr(&r.body), "frist om") != NULL ?
		    strstr(buf_cstr(&r.body), "frist om") : "(no deadline)");
	resp_free(&r);
	client_free(&c);

	/* Overdue since noon on the day after tomorrow, read at 01:00 two
	 * days later (37 h): "forfalt for 2 dager siden", not 1. */
	restart_at(noon - t0 + 3 * 86400 + 13 * 3600);
	session_client(&c, &S, "emma.johansen");
	assert_int_equal(web_get(&c, path, &r), 200);
	if (strstr(buf_cstr(&r.body), "forfalt for 2 dager siden (") == NULL)
		fail_msg("the deadline two days ago is not \"forfalt for 2 dager "
		    "siden\": %s", strstr(buf_cstr(&r.body), "forfalt for") != NULL ?
		    strstr(buf_cstr(&r.body), "forfalt for") : "(no deadline)");
	resp_free(&r);
	client_free(&c);
	restart_at(0);
}

/* Bjørn, the only leader of Vestre skole, leaves (deactivated). Emma's
 * next report goes to the leader above, Trine (Oppvekst og opplæring),
 * who is told of it; the receipt said "Lederen for Vestre skole behandler
 * den", a leader who is not there. It names the leader who handles it.
 * The measure Bjørn had taken on himself showed him as its owner as if
 * nothing had happened; Trine now reads that he is deactivated. */
static void
test_leader_leaves(void **st)
{
	struct client	 a, e, t;
	struct resp	 r;
	json_t		*j;
	json_int_t	 bjorn, id, before, mid;
	char		 form[512], path[80];
	const char	*person = "name=Bj%%C3%%B8rn+S%%C3%%A6ther"
	    "&email=bjorn.saether%%40demokommune.example&unit=%lld&party=%s";

	(void)st;
	assert_int_equal(api_as(&S, NULL, tok_bjorn, "GET", "/api/v1/me", NULL,
	    &j), 200);
	bjorn = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	assert_true(bjorn > 0);
	before = report_api(tok_emma, "{\"title\":\"Knust vindu\",\"description\":"
	    "\"I 4A.\",\"category\":\"bygg\"}");
	json_decref(act_ok(tok_bjorn, before, "{\"action\":\"add_measure\","
	    "\"measure\":\"Bestill nytt glass\",\"responsible_login\":"
	    "\"bjorn.saether\",\"due_at\":\"2030-06-30\"}"));
	session_client(&a, &S, "admin");
	snprintf(path, sizeof(path), "/admin/people/%lld", (long long)bjorn);
	snprintf(form, sizeof(form), person, (long long)unit_of("vestre-skole"), "");
	client_post_form(&a, path, form, &r);	/* "active" left out: off */
	assert_int_equal(r.status, 303);
	resp_free(&r);

	session_client(&e, &S, "emma.johansen");
	snprintf(form, sizeof(form), "kind=deviation&title=Uten+leder"
	    "&description=Ingen+leder.&unit_id=%lld&category=hms",
	    (long long)unit_of("vestre-skole"));
	client_post_form(&e, "/deviations", form, &r);
	assert_int_equal(r.status, 303);
	id = location_id(&r);
	resp_free(&r);
	assert_true(notified(tok_trine, id, "new"));
	snprintf(path, sizeof(path), "/deviations/%lld?receipt=1", (long long)id);
	assert_int_equal(web_get(&e, path, &r), 200);
	if (resp_has(&r, "Lederen for Vestre skole behandler den"))
		fail_msg("the receipt names the leader of Vestre skole, which has none");
	assert_true(resp_has(&r, "Vestre skole har ingen leder i Orden nå, så "
	    "lederen for Oppvekst og opplæring behandler den."));
	resp_free(&r);
	client_free(&e);

	session_client(&t, &S, "trine.larsen");
	snprintf(path, sizeof(path), "/deviations/%lld", (long long)before);
	assert_int_equal(web_get(&t, path, &r), 200);
	if (!resp_has(&r, "Bjørn Sæther (deaktivert)"))
		fail_msg("the measure's owner who left is not shown as deactivated");
	if (!resp_has(&r, "value=\"assign_measure\""))
		fail_msg("the handler has no way to give the measure to someone else");
	resp_free(&r);

	/* The handler gives it to someone who is here, by name on the page;
	 * the new owner is told, the page and the history say so. */
	snprintf(path, sizeof(path), "/api/v1/deviations/%lld", (long long)before);
	assert_int_equal(api_as(&S, NULL, tok_trine, "GET", path, NULL, &j), 200);
	mid = json_integer_value(json_object_get(json_array_get(
	    json_object_get(j, "measures"), 0), "id"));
	json_decref(j);
	assert_true(mid > 0);
	snprintf(form, sizeof(form), "{\"action\":\"assign_measure\","
	    "\"measure_id\":%lld,\"responsible_login\":\"emma.johansen\"}",
	    (long long)mid);
	assert_int_equal(dev_act_as(&S, NULL, tok_emma, before, form, &j), 403);
	json_decref(j);
	assert_false(notified(tok_emma, before, "measure"));
	snprintf(path, sizeof(path), "/deviations/%lld/action", (long long)before);
	snprintf(form, sizeof(form), "action=assign_measure&measure_id=%lld"
	    "&responsible_login=Emma+Johansen", (long long)mid);
	client_post_form(&t, path, form, &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	assert_true(notified(tok_emma, before, "measure"));
	snprintf(path, sizeof(path), "/deviations/%lld", (long long)before);
	assert_int_equal(web_get(&t, path, &r), 200);
	if (resp_has(&r, "(deaktivert)"))
		fail_msg("the measure still names the owner who left");
	assert_true(resp_has(&r, "Ansvarlig: Emma Johansen"));
	assert_true(resp_has(&r, "Bestill nytt glass → Emma Johansen"));
	resp_free(&r);
	/* Nobody by that login: refused, nothing changed. */
	snprintf(form, sizeof(form), "{\"action\":\"assign_measure\","
	    "\"measure_id\":%lld,\"responsible_login\":\"ingen.slik\"}",
	    (long long)mid);
	assert_int_equal(dev_act_as(&S, NULL, tok_trine, before, form, &j), 400);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/deviations/%lld", (long long)before);
	assert_int_equal(api_as(&S, NULL, tok_trine, "GET", path, NULL, &j), 200);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(j, "measures"), 0), "responsible_name")),
	    "Emma Johansen");
	json_decref(j);
	/* Done is done: a finished measure keeps the one who did it. */
	snprintf(form, sizeof(form), "{\"action\":\"complete_measure\","
	    "\"measure_id\":%lld}", (long long)mid);
	json_decref(act_ok(tok_emma, before, form));
	snprintf(form, sizeof(form), "{\"action\":\"assign_measure\","
	    "\"measure_id\":%lld,\"responsible_login\":\"trine.larsen\"}",
	    (long long)mid);
	assert_int_equal(dev_act_as(&S, NULL, tok_trine, before, form, &j), 400);
	json_decref(j);
	client_free(&t);

	/* Back as he was, for whatever runs after. */
	snprintf(path, sizeof(path), "/admin/people/%lld", (long long)bjorn);
	snprintf(form, sizeof(form), person, (long long)unit_of("vestre-skole"),
	    "&active=1");
	client_post_form(&a, path, form, &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_free(&a);
}

/* A measure of a closed deviation is off its owner's "Mine tiltak" and
 * can no longer be marked done, so its owner is not reminded of it
 * either (w21-probe: the leader closed a needle-stick report with Lars's
 * course still to come; three days before its date Lars was told of a
 * measure he could neither find nor finish). The open one still is. */
static void
test_closed_deviation_measure_not_reminded(void **st)
{
	json_int_t	 open, closed;
	char		 body[256], due[16];
	time_t		 t = time(NULL) + 10 * DAY;
	struct tm	 tm;

	(void)st;
	localtime_r(&t, &tm);
	strftime(due, sizeof(due), "%Y-%m-%d", &tm);
	open = report_api(tok_emma, "{\"title\":\"Stikkskade\",\"description\":"
	    "\"Stakk meg på en brukt kanyle.\",\"category\":\"hms\"}");
	closed = report_api(tok_emma, "{\"title\":\"Stikkskade igjen\","
	    "\"description\":\"Kanyle i søpla.\",\"category\":\"hms\"}");
	snprintf(body, sizeof(body), "{\"action\":\"add_measure\",\"measure\":"
	    "\"Kurs i kanylebruk\",\"responsible_login\":\"lars.eriksen\","
	    "\"due_date\":\"%s\"}", due);
	json_decref(act_ok(tok_bjorn, open, body));
	json_decref(act_ok(tok_bjorn, closed, body));
	json_decref(act_ok(tok_bjorn, closed, "{\"action\":\"close\","
	    "\"summary\":\"Kanylebokser på alle rom.\"}"));
	srv_tick(&S, NULL, (int64_t)8 * DAY);
	assert_true(notified(tok_lars, open, "measure_due"));
	if (notified(tok_lars, closed, "measure_due"))
		fail_msg("reminded of a measure of a closed deviation");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chief_executive_top_route_api),
		cmocka_unit_test(test_chief_executive_reports_herself),
		cmocka_unit_test(test_chief_executive_top_route_import),
		cmocka_unit_test(test_top_route_cli_and_api),
		cmocka_unit_test(test_leader_reports_himself),
		cmocka_unit_test(test_chief_executive_top_route_web),
		cmocka_unit_test(test_measure_owner),
		cmocka_unit_test(test_reporter_owns_measure),
		cmocka_unit_test(test_reporter_told_of_reopen),
		cmocka_unit_test(test_legal_notice_recorded),
		cmocka_unit_test(test_transfer_web_and_reporter_told),
		cmocka_unit_test(test_lesson_once),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_measure_owner_search),
		cmocka_unit_test(test_safety_rep_reads_hms),
		cmocka_unit_test(test_safety_rep_reads_own_category),
		cmocka_unit_test(test_auditor_samples_closed),
		cmocka_unit_test(test_legal_clock_by_kind_of_unit),
		cmocka_unit_test(test_stats_leave_out_top_routed),
		cmocka_unit_test(test_legal_kinds_editable),
		cmocka_unit_test(test_deadline_days_agree_with_date),
		cmocka_unit_test(test_leader_leaves),
		cmocka_unit_test(test_closed_deviation_measure_not_reminded),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
