/* The municipality's words for the risk score steps and the simplified
 * ROS templates (issue 15) on a real server, through both faces: the
 * default words in nb, nn and en; the quality adviser sets the words
 * (empty, too long and a sixth step refused with the field named and
 * nothing stored) and they show in the matrix axes, the risk form's
 * selects and the risk page; templates kept by the quality adviser only,
 * and a leader starting an assessment from one gets copies of its risks
 * that stay the assessment's own. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static struct srv S;
static char tok_bjorn[TOKEN_MAX], tok_emma[TOKEN_MAX], tok_ingrid[TOKEN_MAX];
static json_int_t vestre;

static int
setup(void **st)
{
	struct client c;

	(void)st;
	srv_prepare(&S, 1);
	tokens_for(&S, "bjorn.saether", tok_bjorn, "emma.johansen", tok_emma,
	    "ingrid.haugen", tok_ingrid, NULL);
	srv_start(&S, NULL);
	api_client(&c, &S, NULL, tok_ingrid);
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

static int64_t
count_sql(const char *sql)
{
	return srv_db_int(&S, sql, NULL);
}

static const char *
word(json_t *scale, const char *axis, int step)
{
	return json_string_value(json_object_get(json_array_get(
	    json_object_get(scale, axis), (size_t)(step - 1)), "word"));
}

/* A page as a session client in lang (NULL: the default, bokmål). */
static void
page_in(const char *login, const char *lang, const char *path,
    struct resp *r)
{
	struct client	c;
	struct resp	l;
	char		q[128];

	session_client(&c, &S, login);
	if (lang != NULL) {
		snprintf(q, sizeof(q), "/lang?set=%s&next=/", lang);
		client_req(&c, "GET", q, NULL, NULL, &l);
		resp_free(&l);
	}
	client_req(&c, "GET", path, NULL, NULL, r);
	client_free(&c);
}

/* Before anyone sets them: the words of common ROS practice, in the
 * reader's language, on the matrix and the forms. */
static void
test_default_words(void **st)
{
	struct resp	 r;
	json_t		*j = NULL;

	(void)st;
	assert_int_equal(api_as(&S, NULL, tok_bjorn, "GET", "/api/v1/risks/scale",
	    NULL, &j), 200);
	assert_false(json_is_true(json_object_get(j, "custom")));
	assert_string_equal(word(j, "probability", 1), "Svært lite sannsynlig");
	assert_string_equal(word(j, "probability", 5), "Svært sannsynlig");
	assert_string_equal(word(j, "impact", 1), "Ubetydelig");
	assert_string_equal(word(j, "impact", 5), "Katastrofal");
	json_decref(j);

	page_in("bjorn.saether", NULL, "/risk-assessments", &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "5 Svært sannsynlig"));
	assert_true(resp_has(&r, "5 Katastrofal"));
	resp_free(&r);
	page_in("bjorn.saether", "nn", "/risk-assessments", &r);
	assert_true(resp_has(&r, "5 Svært sannsynleg"));
	assert_true(resp_has(&r, "1 Ubetydeleg"));
	resp_free(&r);
	page_in("bjorn.saether", "en", "/risk-assessments", &r);
	assert_true(resp_has(&r, "5 Very likely"));
	assert_true(resp_has(&r, "5 Catastrophic"));
	resp_free(&r);
}

#define WORDS_OK \
    "\"probability_1\":\"Nesten utenkelig\",\"probability_2\":\"Sjelden\"," \
    "\"probability_3\":\"Av og til\",\"probability_4\":\"Ofte\"," \
    "\"probability_5\":\"Hver uke\",\"impact_1\":\"Bagatell\"," \
    "\"impact_2\":\"Merkbar\",\"impact_3\":\"Stor\",\"impact_4\":\"Svært stor\"," \
    "\"impact_5\":\"Livstruende\""

/* A 400 naming field, and no word stored or changed. */
static void
scale_refused(const char *body, const char *field)
{
	json_t	*j = NULL;
	int64_t	 n = count_sql("SELECT COUNT(*) FROM risk_scale_words");

	assert_int_equal(api_as(&S, NULL, tok_ingrid, "PUT", "/api/v1/risks/scale",
	    body, &j), 400);
	assert_non_null(json_err_field(j));
	assert_string_equal(json_err_field(j), field);
	json_decref(j);
	assert_int_equal(count_sql("SELECT COUNT(*) FROM risk_scale_words"), n);
}

static void
test_set_words_api(void **st)
{
	char	 body[1024], longw[80];
	json_t	*j = NULL;

	(void)st;
	/* Only the quality adviser keeps the words. */
	snprintf(body, sizeof(body), "{" WORDS_OK "}");
	assert_int_equal(api_as(&S, NULL, tok_bjorn, "PUT", "/api/v1/risks/scale",
	    body, NULL), 403);
	assert_int_equal(count_sql("SELECT COUNT(*) FROM risk_scale_words"), 0);
	/* Empty, too long, a sixth step, a step 0, one missing. */
	scale_refused("{\"probability_1\":\"A\",\"probability_2\":\"B\","
	    "\"probability_3\":\"C\",\"probability_4\":\"D\",\"probability_5\":\"E\","
	    "\"impact_1\":\"A\",\"impact_2\":\"B\",\"impact_3\":\"\","
	    "\"impact_4\":\"D\",\"impact_5\":\"E\"}", "impact_3");
	memset(longw, 'x', 61);
	longw[61] = '\0';
	/* (a key twice is refused as JSON, so the long word is the only one) */
	snprintf(body, sizeof(body), "{\"probability_2\":\"%s\","
	    "\"probability_1\":\"A\",\"probability_3\":\"C\",\"probability_4\":\"D\","
	    "\"probability_5\":\"E\",\"impact_1\":\"A\",\"impact_2\":\"B\","
	    "\"impact_3\":\"C\",\"impact_4\":\"D\",\"impact_5\":\"E\"}", longw);
	scale_refused(body, "probability_2");
	snprintf(body, sizeof(body), "{" WORDS_OK ",\"probability_6\":\"Alltid\"}");
	scale_refused(body, "probability_6");
	snprintf(body, sizeof(body), "{" WORDS_OK ",\"impact_0\":\"Ingen\"}");
	scale_refused(body, "impact_0");
	scale_refused("{\"probability_1\":\"A\"}", "probability_2");
	/* All ten: kept, and everyone reads them. */
	snprintf(body, sizeof(body), "{" WORDS_OK "}");
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "PUT", "/api/v1/risks/scale",
	    body, &j), 200);
	assert_true(json_is_true(json_object_get(j, "custom")));
	assert_string_equal(word(j, "probability", 3), "Av og til");
	json_decref(j);
	assert_int_equal(count_sql("SELECT COUNT(*) FROM risk_scale_words"), 10);
	assert_int_equal(api_as(&S, NULL, tok_bjorn, "GET", "/api/v1/risks/scale",
	    NULL, &j), 200);
	assert_string_equal(word(j, "impact", 5), "Livstruende");
	json_decref(j);
	assert_int_equal(count_sql("SELECT COUNT(*) FROM audit_log WHERE action"
	    " = 'risk_scale_set'"), 1);
}

/* The municipality's words where scores are shown: the matrix axes and
 * cells, the risk form's selects, the risk page (any language: they are
 * the municipality's). */
/* An assessment of Vestre called title, made by tok, with one risk (risk,
 * a JSON body): the assessment's id to *a, the risk's returned. */
static json_int_t
risk_made(const char *tok, const char *title, const char *risk, json_int_t *a)
{
	json_t		*j = NULL;
	char		 body[256], path[128];
	json_int_t	 id;

	snprintf(body, sizeof(body), "{\"unit_id\":%lld,\"title\":\"%s\"}",
	    (long long)vestre, title);
	assert_int_equal(api_as(&S, NULL, tok, "POST",
	    "/api/v1/risk-assessments", body, &j), 201);
	*a = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/risk-assessments/%lld/actions",
	    (long long)*a);
	assert_int_equal(api_as(&S, NULL, tok, "POST", path, risk, &j), 201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

static void
test_words_shown(void **st)
{
	struct resp	 r;
	char		 path[128];
	json_int_t	 a, rk;

	(void)st;
	rk = risk_made(tok_bjorn, "Ordene",
	    "{\"description\":\"Glatt gulv\",\"probability\":4,\"impact\":2}", &a);

	snprintf(path, sizeof(path), "/risk-assessments/%lld", (long long)a);
	page_in("bjorn.saether", "en", path, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "4 Ofte"));			/* the axis */
	assert_true(resp_has(&r, "5 Livstruende"));
	assert_true(resp_has(&r, "(Ofte)"));			/* a cell's label */
	assert_true(resp_has(&r, ">3 – Av og til</option>"));	/* the select */
	assert_true(resp_has(&r, ">5 – Livstruende</option>"));
	resp_free(&r);
	snprintf(path, sizeof(path), "/risks/%lld", (long long)rk);
	page_in("bjorn.saether", NULL, path, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "4 – Ofte"));
	assert_true(resp_has(&r, "2 – Merkbar"));
	resp_free(&r);
}

static void
test_settings_page(void **st)
{
	struct client	c;
	struct resp	r;
	char		form[1024];

	(void)st;
	/* The employee: not theirs. The leader: reads the words. */
	page_in("emma.johansen", NULL, "/risks/settings", &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	page_in("bjorn.saether", NULL, "/risks/settings", &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "<li>Av og til</li>"));
	assert_false(resp_has(&r, "name=\"probability_1\""));
	assert_true(resp_has(&r, "Forenklet ROS – skole"));
	resp_free(&r);
	session_client(&c, &S, "bjorn.saether");
	client_req(&c, "GET", "/risks/settings", NULL, NULL, &r);
	resp_free(&r);
	client_post_form(&c, "/risks/settings", "action=set_scale&probability_1=X",
	    &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	client_free(&c);

	/* The quality adviser: an empty word named, nothing changed. */
	session_client(&c, &S, "ingrid.haugen");
	client_req(&c, "GET", "/risks/settings", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "name=\"probability_1\""));
	resp_free(&r);
	client_post_form(&c, "/risks/settings", "action=set_scale"
	    "&probability_1=A&probability_2=B&probability_3=C&probability_4=D"
	    "&probability_5=E&impact_1=&impact_2=B&impact_3=C&impact_4=D"
	    "&impact_5=E", &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "scale-impact_1-error"));
	resp_free(&r);
	assert_int_equal(count_sql("SELECT COUNT(*) FROM risk_scale_words"
	    " WHERE label = 'Nesten utenkelig'"), 1);
	snprintf(form, sizeof(form), "action=set_scale&probability_1=%s"
	    "&probability_2=B&probability_3=C&probability_4=D&probability_5=E"
	    "&impact_1=A&impact_2=B&impact_3=C&impact_4=D&impact_5=E",
	    "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
	client_post_form(&c, "/risks/settings", form, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "scale-probability_1-error"));
	resp_free(&r);
	assert_int_equal(count_sql("SELECT COUNT(*) FROM risk_scale_words"
	    " WHERE label = 'Nesten utenkelig'"), 1);
	client_post_form(&c, "/risks/settings", "action=set_scale"
	    "&probability_1=Utenkelig&probability_2=Sjelden&probability_3=Av+og+til"
	    "&probability_4=Ofte&probability_5=Hver+uke&impact_1=Bagatell"
	    "&impact_2=Merkbar&impact_3=Stor&impact_4=Sv%C3%A6rt+stor"
	    "&impact_5=Livstruende", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	assert_int_equal(count_sql("SELECT COUNT(*) FROM risk_scale_words"
	    " WHERE label = 'Utenkelig'"), 1);
	assert_int_equal(count_sql("SELECT COUNT(*) FROM risk_scale_words"), 10);
	client_free(&c);
}

static json_int_t
template_of(const char *name, int *nrisks)
{
	json_t		*j = NULL, *t;
	json_int_t	 id = 0;
	size_t		 i;

	assert_int_equal(api_as(&S, NULL, tok_bjorn, "GET",
	    "/api/v1/risk-templates", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "templates"), i, t)
		if (strcmp(json_string_value(json_object_get(t, "name")), name)
		    == 0) {
			id = json_integer_value(json_object_get(t, "id"));
			*nrisks = (int)json_integer_value(json_object_get(t,
			    "risk_count"));
		}
	json_decref(j);
	return id;
}

static void
test_templates_api(void **st)
{
	json_t		*j = NULL;
	json_int_t	 tid, school, a;
	char		 path[128], body[256];
	int		 n = 0, nschool = 0;
	int64_t		 before;

	(void)st;
	/* The demo's templates, read by a leader; not by an employee. */
	school = template_of("Forenklet ROS – skole", &nschool);
	assert_true(school > 0);
	assert_true(nschool >= 5);
	assert_true(template_of("Forenklet ROS – barnehage", &n) > 0);
	assert_int_equal(api_as(&S, NULL, tok_emma, "GET", "/api/v1/risk-templates",
	    NULL, NULL), 403);
	snprintf(path, sizeof(path), "/api/v1/risk-templates/%lld", (long long)school);
	assert_int_equal(api_as(&S, NULL, tok_emma, "GET", path, NULL, NULL), 404);
	assert_int_equal(api_as(&S, NULL, tok_bjorn, "GET", path, NULL, &j), 200);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(j, "risks"), 0), "description")),
	    "Vold og trusler mot ansatte");
	json_decref(j);

	/* Kept by the quality adviser only; bad input named, nothing stored. */
	before = count_sql("SELECT COUNT(*) FROM risk_templates");
	assert_int_equal(api_as(&S, NULL, tok_bjorn, "POST", "/api/v1/risk-templates",
	    "{\"name\":\"Min mal\"}", NULL), 403);
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "POST", "/api/v1/risk-templates",
	    "{\"name\":\"Mal\",\"unit_kind\":\"zoo\"}", &j), 400);
	assert_string_equal(json_err_field(j), "unit_kind");
	json_decref(j);
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "POST", "/api/v1/risk-templates",
	    "{\"name\":\"\"}", &j), 400);
	assert_string_equal(json_err_field(j), "name");
	json_decref(j);
	assert_int_equal(count_sql("SELECT COUNT(*) FROM risk_templates"), before);
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "POST", "/api/v1/risk-templates",
	    "{\"name\":\"Forenklet ROS – kontor\",\"unit_kind\":\"other\"}", &j), 201);
	tid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/risk-templates/%lld/actions",
	    (long long)tid);
	assert_int_equal(api_as(&S, NULL, tok_bjorn, "POST", path,
	    "{\"action\":\"template_add_risk\",\"description\":\"X\","
	    "\"probability\":2,\"impact\":2}", NULL), 403);
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "POST", path,
	    "{\"action\":\"template_add_risk\",\"description\":\"Brann\","
	    "\"probability\":6,\"impact\":2}", &j), 400);
	assert_string_equal(json_err_field(j), "probability");
	json_decref(j);
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "POST", path,
	    "{\"action\":\"template_add_risk\",\"description\":\"\","
	    "\"probability\":2,\"impact\":2}", &j), 400);
	assert_string_equal(json_err_field(j), "description");
	json_decref(j);
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "POST", path,
	    "{\"action\":\"template_remove_risk\",\"template_risk_id\":1}", &j), 400);
	assert_string_equal(json_err_field(j), "template_risk_id");
	json_decref(j);
	snprintf(body, sizeof(body), "SELECT COUNT(*) FROM risk_template_risks"
	    " WHERE template_id = %lld", (long long)tid);
	assert_int_equal(count_sql(body), 0);
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "POST", path,
	    "{\"action\":\"template_add_risk\",\"description\":\"Brann\","
	    "\"cause\":\"Kaffetrakter\",\"barriers\":\"Brannvarsler\","
	    "\"probability\":2,\"impact\":4}", &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "risks")), 1);
	json_decref(j);
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "POST", path,
	    "{\"action\":\"template_add_risk\",\"description\":\"Ryggskade\","
	    "\"probability\":3,\"impact\":2}", &j), 200);
	json_decref(j);

	/* A leader starts from it: the risks are copied, title its name. */
	before = count_sql("SELECT COUNT(*) FROM risk_assessments");
	snprintf(body, sizeof(body), "{\"unit_id\":%lld,\"template_id\":999999}",
	    (long long)vestre);
	assert_int_equal(api_as(&S, NULL, tok_bjorn, "POST",
	    "/api/v1/risk-assessments", body, &j), 400);
	assert_string_equal(json_err_field(j), "template_id");
	json_decref(j);
	assert_int_equal(count_sql("SELECT COUNT(*) FROM risk_assessments"), before);
	snprintf(body, sizeof(body), "{\"unit_id\":%lld,\"template_id\":%lld}",
	    (long long)vestre, (long long)tid);
	assert_int_equal(api_as(&S, NULL, tok_bjorn, "POST",
	    "/api/v1/risk-assessments", body, &j), 201);
	a = json_integer_value(json_object_get(j, "id"));
	assert_string_equal(json_string_value(json_object_get(j, "title")),
	    "Forenklet ROS – kontor");
	assert_int_equal(json_integer_value(json_object_get(j, "risk_count")), 2);
	json_decref(j);
	/* Then the template changes; the assessment's risks are its own. */
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "POST", path,
	    "{\"action\":\"template_add_risk\",\"description\":\"Innbrudd\","
	    "\"probability\":1,\"impact\":3}", &j), 200);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/risk-assessments/%lld", (long long)a);
	assert_int_equal(api_as(&S, NULL, tok_bjorn, "GET", path, NULL, &j), 200);
	assert_int_equal(json_array_size(json_object_get(j, "risks")), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(
	    json_object_get(j, "risks"), 0), "cause")), "Kaffetrakter");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
	    json_object_get(j, "risks"), 0), "impact")), 4);
	json_decref(j);
}

static void
test_templates_web(void **st)
{
	struct client	c;
	struct resp	r;
	char		loc[256], path[300], form[512];
	json_int_t	school;
	int		n = 0;
	int64_t		before;

	(void)st;
	school = template_of("Forenklet ROS – skole", &n);
	/* The quality adviser makes one from the settings page. */
	session_client(&c, &S, "ingrid.haugen");
	client_req(&c, "GET", "/risks/settings", NULL, NULL, &r);
	resp_free(&r);
	before = count_sql("SELECT COUNT(*) FROM risk_templates");
	client_post_form(&c, "/risks/settings", "action=template_create&name=",
	    &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "template_create-name-error"));
	resp_free(&r);
	assert_int_equal(count_sql("SELECT COUNT(*) FROM risk_templates"), before);
	client_post_form(&c, "/risks/settings",
	    "action=template_create&name=Forenklet+ROS+%E2%80%93+sykehjem"
	    "&unit_kind=health_care", &r);
	assert_int_equal(r.status, 303);
	assert_int_equal(resp_header(&r, "location", loc, sizeof(loc)), 0);
	resp_free(&r);
	snprintf(path, sizeof(path), "%s/action", loc);
	client_req(&c, "GET", loc, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	client_post_form(&c, path, "action=template_add_risk&description="
	    "&probability=3&impact=3", &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "template_add_risk-description-error"));
	resp_free(&r);
	client_post_form(&c, path, "action=template_add_risk&description=Fall"
	    "&probability=4&impact=3", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_free(&c);
	assert_int_equal(count_sql("SELECT COUNT(*) FROM risk_template_risks r"
	    " JOIN risk_templates t ON t.id = r.template_id"
	    " WHERE t.name = 'Forenklet ROS – sykehjem'"), 1);

	/* The employee: not found. The leader: starts from the school's. */
	snprintf(path, sizeof(path), "/risk-templates/%lld", (long long)school);
	page_in("emma.johansen", NULL, path, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	session_client(&c, &S, "bjorn.saether");
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Vold og trusler mot ansatte"));
	assert_true(resp_has(&r, "name=\"template_id\""));
	assert_false(resp_has(&r, "template_remove_risk"));
	resp_free(&r);
	client_req(&c, "GET", "/risk-assessments", NULL, NULL, &r);
	assert_true(resp_has(&r, "create-template_id"));
	resp_free(&r);
	snprintf(form, sizeof(form), "unit_id=%lld&template_id=%lld&title="
	    "&assessed_on=2026-09-01", (long long)vestre, (long long)school);
	client_post_form(&c, "/risk-assessments", form, &r);
	assert_int_equal(r.status, 303);
	assert_int_equal(resp_header(&r, "location", loc, sizeof(loc)), 0);
	resp_free(&r);
	client_req(&c, "GET", loc, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "<h1>Forenklet ROS – skole</h1>"));
	assert_true(resp_has(&r, "Vold og trusler mot ansatte"));
	assert_true(resp_has(&r, "Brann i skolebygget"));
	resp_free(&r);
	client_free(&c);
}

/* A risk's route takes a risk's actions only: the quality adviser, who
 * may act on the risk and keeps the words, posting the words there got
 * them set (risk_do took the settings action), through either face. */
static void
test_settings_not_through_a_risk(void **st)
{
	struct client	 c;
	struct resp	 r;
	char		 body[1024], path[128], form[512];
	json_int_t	 a, rid;
	json_t		*j = NULL;

	(void)st;
	rid = risk_made(tok_ingrid, "ROS kantine",
	    "{\"description\":\"Glatt golv\",\"probability\":2,\"impact\":2}", &a);

	snprintf(path, sizeof(path), "/api/v1/risks/%lld/actions", (long long)rid);
	snprintf(body, sizeof(body), "{\"action\":\"set_scale\","
	    "\"probability_1\":\"Feil vei\",\"probability_2\":\"B\","
	    "\"probability_3\":\"C\",\"probability_4\":\"D\",\"probability_5\":\"E\","
	    "\"impact_1\":\"A\",\"impact_2\":\"B\",\"impact_3\":\"C\","
	    "\"impact_4\":\"D\",\"impact_5\":\"E\"}");
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "POST", path, body, &j),
	    400);
	assert_string_equal(json_err_field(j), "action");
	json_decref(j);
	assert_int_equal(count_sql("SELECT COUNT(*) FROM risk_scale_words"
	    " WHERE label = 'Feil vei'"), 0);

	session_client(&c, &S, "ingrid.haugen");
	snprintf(path, sizeof(path), "/risks/%lld", (long long)rid);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	snprintf(path, sizeof(path), "/risks/%lld/action", (long long)rid);
	snprintf(form, sizeof(form), "action=set_scale&probability_1=Feil+vei"
	    "&probability_2=B&probability_3=C&probability_4=D&probability_5=E"
	    "&impact_1=A&impact_2=B&impact_3=C&impact_4=D&impact_5=E");
	client_post_form(&c, path, form, &r);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	client_free(&c);
	assert_int_equal(count_sql("SELECT COUNT(*) FROM risk_scale_words"
	    " WHERE label = 'Feil vei'"), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_default_words),
		cmocka_unit_test(test_set_words_api),
		cmocka_unit_test(test_words_shown),
		cmocka_unit_test(test_settings_page),
		cmocka_unit_test(test_templates_api),
		cmocka_unit_test(test_templates_web),
		cmocka_unit_test(test_settings_not_through_a_risk),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
