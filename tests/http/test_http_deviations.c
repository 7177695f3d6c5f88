/* Reporting deviations over the API in the demo municipality, and who gets
 * to see them: numbers, legal clocks, bad input stored nowhere, employees
 * apart from each other, leaders over their subtree only, and a deviation
 * about a leader going to the leader above. */
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

/* Tokens of the demo people these tests act as. */
static char tok_emma[128], tok_lars[128], tok_bjorn[128], tok_lise[128],
    tok_trine[128], tok_geir[128], tok_ingrid[128];

static int
setup(void **st)
{
	(void)st;
	srv_prepare(&S, 1);
	tokens_for(&S, "emma.johansen", tok_emma, "lars.eriksen", tok_lars,
	    "bjorn.saether", tok_bjorn, "lise.aasen", tok_lise,
	    "trine.larsen", tok_trine, "geir.solberg", tok_geir,
	    "ingrid.haugen", tok_ingrid, NULL);
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

/* RFC 3339 UTC ("2026-03-05T10:00:00Z") as seconds. */
static int64_t
utc(const char *s)
{
	struct tm	tm;
	const char	*end;

	assert_non_null(s);
	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	assert_non_null(end);
	assert_int_equal(*end, '\0');
	return (int64_t)timegm(&tm);
}

static int64_t
unit_id_by_code(const char *code)
{
	struct client	 c;
	json_t		*j;
	size_t		 i;
	int64_t		 id = 0;

	api_client(&c, &S, NULL, tok_ingrid);
	assert_int_equal(api_call(&c, "GET", "/api/v1/units", NULL, &j), 200);
	for (i = 0; i < json_array_size(j); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(j, i), "code")), code) == 0)
			id = json_integer_value(json_object_get(json_array_get(j, i), "id"));
	json_decref(j);
	client_free(&c);
	assert_true(id > 0);
	return id;
}

/* POST a report as token; asserts 201 and returns the body (caller decrefs). */
static json_t *
report(const char *token, const char *body)
{
	json_t *j;

	(void)dev_report_as(&S, NULL, token, body, &j);
	return j;
}

static json_int_t
total_for(const char *token)
{
	struct client	 c;
	json_t		*j;
	json_int_t	 n;

	api_client(&c, &S, NULL, token);
	assert_int_equal(api_call(&c, "GET", "/api/v1/deviations?limit=1", NULL, &j), 200);
	n = json_integer_value(json_object_get(j, "total"));
	json_decref(j);
	client_free(&c);
	return n;
}

static const char *
authority_due(json_t *dev, const char *authority)
{
	json_t	*a = json_object_get(dev, "legal_deadlines");
	size_t	 i;

	assert_true(json_is_array(a));
	for (i = 0; i < json_array_size(a); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(a, i),
		    "authority")), authority) == 0)
			return json_string_value(json_object_get(json_array_get(a, i), "due_at"));
	return NULL;
}

static void
test_create_gets_number_and_defaults(void **st)
{
	json_t		*j;
	const char	*num, *reported;
	char		 want[32];
	int		 i;

	(void)st;
	j = report(tok_emma, "{\"kind\":\"deviation\",\"title\":\"Glatt i skolegården\","
	    "\"description\":\"Elev falt på isen ved inngangen.\",\"category\":\"bruker\","
	    "\"occurred_at\":\"2026-01-05T10:00:00+01:00\",\"severity\":2,"
	    "\"place\":\"Skolegården\",\"immediate_action\":\"Strødde sand\"}");
	num = json_string_value(json_object_get(j, "number"));
	reported = json_string_value(json_object_get(j, "reported_at"));
	assert_non_null(num);
	assert_non_null(reported);
	/* AV-<year of reporting>-NNNNNN */
	snprintf(want, sizeof(want), "AV-%.4s-", reported);
	assert_int_equal(strncmp(num, want, 8), 0);
	assert_int_equal(strlen(num), 14);
	for (i = 8; i < 14; i++)
		assert_true(num[i] >= '0' && num[i] <= '9');
	assert_string_equal(json_string_value(json_object_get(j, "status")), "new");
	assert_string_equal(json_string_value(json_object_get(j, "kind")), "deviation");
	assert_string_equal(json_string_value(json_object_get(j, "category")), "bruker");
	/* No unit given: the reporter's own. */
	assert_int_equal(json_integer_value(json_object_get(j, "unit_id")),
	    unit_id_by_code("vestre-skole"));
	/* The offset is understood and the time comes back in UTC. */
	assert_string_equal(json_string_value(json_object_get(j, "occurred_at")),
	    "2026-01-05T09:00:00Z");
	assert_true(utc(json_string_value(json_object_get(j, "due_at"))) > utc(reported));
	assert_int_equal(json_array_size(json_object_get(j, "legal_deadlines")), 0);
	assert_int_equal(json_integer_value(json_object_get(j, "severity")), 2);
	json_decref(j);

	/* An improvement proposal needs no category. */
	j = report(tok_emma, "{\"kind\":\"improvement\",\"title\":\"Flere benker\","
	    "\"description\":\"Vi trenger flere benker i gården.\"}");
	assert_string_equal(json_string_value(json_object_get(j, "kind")), "improvement");
	assert_true(json_is_null(json_object_get(j, "category")));
	assert_string_equal(json_string_value(json_object_get(j, "status")), "new");
	json_decref(j);
}

/* The page of an improvement proposal speaks of a proposal: "Forslaget"
 * over its text, not "Hva skjedde", and no "Når det skjedde" or
 * "Konsekvens: Ikke oppgitt" that its proposer never gave (they were
 * there, a deviation's facts on a proposal); a deviation's page keeps
 * them. Read by the proposer and by the leader who handles it. */
static void
test_proposal_page_speaks_of_a_proposal(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j;
	char		 path[64], dpath[64], rpath[80];
	const char	*who[] = { "emma.johansen", "bjorn.saether" };
	size_t		 i;

	(void)st;
	j = report(tok_emma, "{\"kind\":\"improvement\",\"title\":\"Felles "
	    "vikarkalender\",\"description\":\"En kalender alle vikarer ser.\"}");
	snprintf(path, sizeof(path), "/deviations/%lld",
	    (long long)json_integer_value(json_object_get(j, "id")));
	json_decref(j);
	j = report(tok_emma, "{\"title\":\"Glatt trapp\",\"description\":"
	    "\"Is p\u00e5 trappen.\",\"category\":\"bygg\"}");
	snprintf(dpath, sizeof(dpath), "/deviations/%lld",
	    (long long)json_integer_value(json_object_get(j, "id")));
	json_decref(j);
	for (i = 0; i < sizeof(who) / sizeof(who[0]); i++) {
		session_client(&c, &S, who[i]);
		client_req(&c, "GET", path, NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		assert_true(resp_has(&r, "En kalender alle vikarer ser."));
		assert_true(resp_has(&r, ">Forslaget</h2>"));
		assert_false(resp_has(&r, "Hva skjedde"));
		assert_false(resp_has(&r, "Når det skjedde"));
		assert_false(resp_has(&r, "<dt>Konsekvens</dt>"));
		resp_free(&r);
		client_req(&c, "GET", dpath, NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		assert_true(resp_has(&r, ">Hva skjedde</h2>"));
		assert_true(resp_has(&r, "Når det skjedde"));
		assert_true(resp_has(&r, "<dt>Konsekvens</dt>"));
		assert_false(resp_has(&r, ">Forslaget</h2>"));
		resp_free(&r);
		client_free(&c);
	}
	/* The receipt after "send": "forslaget" is neuter, so it does not
	 * say "den" of it (w21-probe: "Takk for forslaget … Lederen for
	 * Vestre skole behandler den"), and it offers another proposal. */
	session_client(&c, &S, "emma.johansen");
	snprintf(rpath, sizeof(rpath), "%s?receipt=1", path);
	client_req(&c, "GET", rpath, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Takk for forslaget"));
	assert_true(resp_has(&r, "Lederen for Vestre skole behandler forslaget."));
	assert_true(resp_has(&r, "Forslaget skal være behandlet og lukket innen"));
	assert_true(resp_has(&r, "Du får beskjed hvis forslaget blir overført"));
	assert_true(resp_has(&r, "Kom med et nytt forslag"));
	if (resp_has(&r, "behandler den") || resp_has(&r, "Den skal være"))
		fail_msg("the proposal's receipt calls it \"den\"");
	resp_free(&r);
	snprintf(rpath, sizeof(rpath), "%s?receipt=1", dpath);
	client_req(&c, "GET", rpath, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Lederen for Vestre skole behandler den."));
	assert_true(resp_has(&r, "Meld et nytt avvik"));
	resp_free(&r);
	client_free(&c);
}

/* How many times needle is in r's body. */
static int
times_in(const struct resp *r, const char *needle)
{
	const char	*p = buf_cstr(&r->body);
	int		 n = 0;

	while (p != NULL && (p = strstr(p, needle)) != NULL) {
		n++;
		p += strlen(needle);
	}
	return n;
}

static void
test_legal_clocks(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j;
	const char	*due, *rep;
	char		 path[64];

	(void)st;
	/* Personal-data breach: Datatilsynet within 72 hours (GDPR art. 33). */
	j = report(tok_emma, "{\"title\":\"Karakterliste sendt til feil foresatt\","
	    "\"description\":\"E-post med karakterer gikk til feil mottaker.\","
	    "\"category\":\"personvern\",\"personal_data\":true,\"severity\":3}");
	rep = json_string_value(json_object_get(j, "reported_at"));
	due = authority_due(j, "datatilsynet");
	assert_non_null(due);
	assert_int_equal(utc(due) - utc(rep), 72 * 3600);
	assert_null(authority_due(j, "arbeidstilsynet"));
	json_decref(j);

	/* Serious work accident: Arbeidstilsynet and police at once (AML § 5-2). */
	j = report(tok_emma, "{\"title\":\"Ansatt skadet av stige\","
	    "\"description\":\"Stigen veltet, brudd i armen.\",\"category\":\"hms\","
	    "\"severity\":4}");
	rep = json_string_value(json_object_get(j, "reported_at"));
	assert_non_null(due = authority_due(j, "arbeidstilsynet"));
	assert_true(utc(due) - utc(rep) <= 3600);
	assert_non_null(due = authority_due(j, "politiet"));
	assert_true(utc(due) - utc(rep) <= 3600);
	assert_null(authority_due(j, "datatilsynet"));
	/* Its page says the law once, not once per authority (w19-probe). */
	snprintf(path, sizeof(path), "/deviations/%lld",
	    (long long)json_integer_value(json_object_get(j, "id")));
	json_decref(j);
	session_client(&c, &S, "emma.johansen");
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(times_in(&r, "<li id=\"legal-"), 2);
	assert_int_equal(times_in(&r, "arbeidsmiljøloven § 5-2"), 1);
	resp_free(&r);
	client_free(&c);

	/* The same category, not serious: no legal clock. */
	j = report(tok_emma, "{\"title\":\"Løs ledning\",\"description\":\"Skjøteledning "
	    "over gangen.\",\"category\":\"hms\",\"severity\":1}");
	assert_int_equal(json_array_size(json_object_get(j, "legal_deadlines")), 0);
	json_decref(j);
}

static void
test_bad_input_names_field_stores_nothing(void **st)
{
	static const struct { const char *body, *field; } cases[] = {
		{ "{\"description\":\"d\",\"category\":\"bruker\"}", "title" },
		{ "{\"title\":\"t\",\"category\":\"bruker\"}", "description" },
		{ "{\"title\":\"t\",\"description\":\"d\",\"category\":\"bruker\",\"severity\":\"x\"}", "severity" },
		{ "{\"title\":\"t\",\"description\":\"d\",\"category\":\"bruker\",\"severity\":5}", "severity" },
		{ "{\"title\":\"t\",\"description\":\"d\",\"category\":\"bruker\",\"kind\":\"complaint\"}", "kind" },
		{ "{\"title\":\"t\",\"description\":\"d\",\"category\":\"finnesikke\"}", "category" },
		{ "{\"title\":\"t\",\"description\":\"d\"}", "category" },
		{ "{\"title\":\"t\",\"description\":\"d\",\"category\":\"bruker\",\"unit_id\":99999999}", "unit_id" },
		{ "{\"title\":\"t\",\"description\":\"d\",\"category\":\"bruker\",\"unit_id\":\"x\"}", "unit_id" },
		{ "{\"title\":\"t\",\"description\":\"d\",\"category\":\"bruker\",\"occurred_at\":\"i går\"}", "occurred_at" },
		{ "{\"title\":\"t\",\"description\":\"d\",\"category\":\"bruker\",\"occurred_at\":\"2026-02-30T10:00:00Z\"}", "occurred_at" },
		{ "{\"title\":\"t\",\"description\":\"d\",\"category\":\"bruker\",\"occurred_at\":\"2099-01-01T10:00:00Z\"}", "occurred_at" },
		{ "{\"title\":\"t\",\"description\":\"d\",\"category\":\"bruker\",\"concerns_leader\":\"ja\"}", "concerns_leader" },
		{ "{\"title\":\"t\",\"description\":\"d\",\"category\":\"bruker\",\"personal_data\":1}", "personal_data" },
		{ "{\"title\":\"line\\none\",\"description\":\"d\",\"category\":\"bruker\"}", "title" },
	};
	struct client	 c;
	json_t		*j;
	json_int_t	 before_mine, before_all;
	size_t		 i;
	long		 status;

	(void)st;
	before_mine = total_for(tok_emma);
	before_all = total_for(tok_ingrid);
	api_client(&c, &S, NULL, tok_emma);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		status = api_call(&c, "POST", "/api/v1/deviations", cases[i].body, &j);
		if (status != 400 || json_err_field(j) == NULL ||
		    strcmp(json_err_field(j), cases[i].field) != 0)
			fail_msg("case %zu (%s): %ld %s", i, cases[i].field, status,
			    json_dumps(j, 0));
		json_decref(j);
	}
	/* Not JSON at all. */
	assert_int_equal(api_call(&c, "POST", "/api/v1/deviations", "{\"title\":", &j), 400);
	assert_string_equal(json_err_code(j), "invalid_json");
	json_decref(j);
	client_free(&c);
	assert_int_equal(total_for(tok_emma), before_mine);
	assert_int_equal(total_for(tok_ingrid), before_all);
}

/* GET path must answer 400 naming param. */
static void
refused_naming(struct client *c, const char *path, const char *param)
{
	json_t	*j;
	long	 status = api_call(c, "GET", path, NULL, &j);

	if (status != 400 || json_err_field(j) == NULL ||
	    strcmp(json_err_field(j), param) != 0)
		fail_msg("%s: %ld %s", path, status, json_dumps(j, 0));
	json_decref(j);
}

static void
test_bad_filters_name_parameter(void **st)
{
	static const struct { const char *query, *param; } cases[] = {
		{ "?status=pending", "status" },
		{ "?kind=x", "kind" },
		{ "?category=finnesikke", "category" },
		{ "?unit_id=abc", "unit_id" },
		{ "?from=2026-13-01", "from" },
		{ "?to=yesterday", "to" },
		{ "?from=2026-05-01&to=2026-04-01", "to" },
		{ "?overdue=maybe", "overdue" },
		{ "?limit=0", "limit" },
		{ "?limit=1001", "limit" },
		{ "?offset=-1", "offset" },
		/* Pages follow a cursor: an offset would be ignored. */
		{ "?offset=50", "offset" },
		{ "?after=garbage", "after" },
		{ "?after=r1.1&inbox=1", "after" },
	};
	struct client	 c;
	json_t		*j;
	char		 path[128];
	size_t		 i;

	(void)st;
	api_client(&c, &S, NULL, tok_ingrid);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(path, sizeof(path), "/api/v1/deviations%s", cases[i].query);
		refused_naming(&c, path, cases[i].param);
	}
	/* Good ones work, and limit comes back with the next page's cursor
	 * (or null on the last page). unit_id=0 is every unit. */
	assert_int_equal(api_call(&c, "GET", "/api/v1/deviations?status=open&kind=deviation"
	    "&from=2025-01-01&to=2030-12-31&limit=5&unit_id=0", NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "limit")), 5);
	assert_non_null(json_object_get(j, "next"));
	assert_true(json_is_string(json_object_get(j, "next")) ||
	    json_is_null(json_object_get(j, "next")));
	assert_true(json_is_boolean(json_object_get(j, "total_capped")));
	assert_true(json_array_size(json_object_get(j, "items")) <= 5);
	json_decref(j);
	client_free(&c);
}

/* The query of a list is declared once (dev_filter_fields): the same bad
 * value is refused, naming the parameter, by the CSV export, the
 * statistics and the web list too, and nothing is listed or counted. The
 * web list used to ignore a bad status, kind or unit and show everything,
 * and the statistics answered an empty period for to before from. */
static void
test_bad_filters_same_in_every_face(void **st)
{
	/* csv, stats, web: whether that face reads the parameter (the
	 * export is the whole selection: no page cursor). */
	static const struct {
		const char	*query, *param;
		int		 csv, stats, web;
	} cases[] = {
		{ "status=pending", "status", 1, 1, 1 },
		{ "kind=x", "kind", 1, 1, 1 },
		{ "category=finnesikke", "category", 1, 1, 1 },
		{ "unit_id=abc", "unit_id", 1, 1, 1 },
		{ "unit_id=999999", "unit_id", 1, 1, 1 },
		{ "from=2026-13-01", "from", 1, 1, 1 },
		{ "to=yesterday", "to", 1, 1, 1 },
		{ "from=2026-05-01&to=2026-04-01", "to", 1, 1, 1 },
		{ "overdue=maybe", "overdue", 1, 1, 1 },
		{ "date=closed", "date", 1, 1, 0 },
		{ "limit=0", "limit", 1, 1, 0 },
		{ "offset=50", "offset", 1, 1, 0 },
		{ "after=garbage", "after", 0, 0, 1 },
	};
	struct client	 api, web;
	struct resp	 r;
	json_t		*j;
	char		 path[160];
	size_t		 i;

	(void)st;
	api_client(&api, &S, NULL, tok_ingrid);
	session_client(&web, &S, "ingrid.haugen");
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (cases[i].csv) {
			snprintf(path, sizeof(path), "/api/v1/deviations.csv?%s",
			    cases[i].query);
			refused_naming(&api, path, cases[i].param);
		}
		if (cases[i].stats) {
			snprintf(path, sizeof(path),
			    "/api/v1/stats/deviations?by=status&%s", cases[i].query);
			refused_naming(&api, path, cases[i].param);
		}
		if (cases[i].web) {
			snprintf(path, sizeof(path), "/deviations?%s", cases[i].query);
			client_req(&web, "GET", path, NULL, NULL, &r);
			if (r.status != 400 || resp_has(&r, "<table"))
				fail_msg("%s: %ld", path, r.status);
			resp_free(&r);
		}
	}
	/* What only the statistics refuse, and what they group by. */
	refused_naming(&api, "/api/v1/stats/deviations?inbox=1", "inbox");
	refused_naming(&api, "/api/v1/stats/deviations?by=week", "by");
	/* The web list names the field it could not read. */
	client_req(&web, "GET", "/deviations?status=pending", NULL, NULL, &r);
	assert_true(resp_has(&r, "status:"));
	resp_free(&r);
	/* Good ones read the same way everywhere. */
	client_req(&web, "GET", "/deviations?status=open&kind=deviation&"
	    "from=2025-01-01&to=2030-12-31&overdue=true&unit_id=0", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	assert_int_equal(api_call(&api, "GET", "/api/v1/stats/deviations?by=kind&"
	    "status=open&from=2025-01-01&to=2030-12-31&unit_id=0", NULL, &j), 200);
	json_decref(j);
	client_free(&web);
	client_free(&api);
}

static void
test_employee_never_sees_another(void **st)
{
	json_t		*j;
	json_int_t	 id;

	(void)st;
	j = report(tok_emma, "{\"title\":\"Emma sin melding\",\"description\":\"Privat.\","
	    "\"category\":\"tjenesteproduksjon\"}");
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);

	assert_true(dev_listed_as(&S, NULL, tok_emma, "&mine=1", id));
	assert_int_equal(dev_get_as(&S, NULL, tok_emma, id, &j), 200);
	json_decref(j);

	/* A colleague in the same unit: not in any list, and GET says "no
	 * such deviation", as for one that does not exist. */
	assert_false(dev_listed_as(&S, NULL, tok_lars, "", id));
	assert_false(dev_listed_as(&S, NULL, tok_lars, "&status=new", id));
	assert_int_equal(dev_get_as(&S, NULL, tok_lars, id, &j), 404);
	assert_string_equal(json_err_code(j), "not_found");
	json_decref(j);
	assert_int_equal(dev_get_as(&S, NULL, tok_lars, 99999999, &j), 404);
	json_decref(j);
}

static void
test_leader_sees_only_subtree(void **st)
{
	json_t		*j;
	json_int_t	 id;

	(void)st;
	j = report(tok_emma, "{\"title\":\"Manglende vikar\",\"description\":\"Ingen vikar i 3A.\","
	    "\"category\":\"tjenesteproduksjon\"}");
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);

	/* The unit's leader and the sector head above see it... */
	assert_int_equal(dev_get_as(&S, NULL, tok_bjorn, id, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "title")), "Manglende vikar");
	json_decref(j);
	assert_true(dev_listed_as(&S, NULL, tok_bjorn, "&inbox=1", id));
	assert_int_equal(dev_get_as(&S, NULL, tok_trine, id, &j), 200);
	json_decref(j);
	assert_true(dev_listed_as(&S, NULL, tok_trine, "", id));
	/* ...quality sees all... */
	assert_int_equal(dev_get_as(&S, NULL, tok_ingrid, id, &j), 200);
	json_decref(j);
	/* ...a leader of a sister unit and of another sector do not. */
	assert_int_equal(dev_get_as(&S, NULL, tok_lise, id, &j), 404);
	json_decref(j);
	assert_false(dev_listed_as(&S, NULL, tok_lise, "", id));
	assert_int_equal(dev_get_as(&S, NULL, tok_geir, id, &j), 404);
	json_decref(j);
	assert_false(dev_listed_as(&S, NULL, tok_geir, "", id));
}

static void
test_concerns_leader_goes_above(void **st)
{
	json_t		*j;
	json_int_t	 id;

	(void)st;
	j = report(tok_emma, "{\"title\":\"Rektor kjefter på ansatte\",\"description\":\"Gjentatte ganger.\","
	    "\"category\":\"hms\",\"concerns_leader\":true}");
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);

	/* Not to the leader it concerns... */
	assert_int_equal(dev_get_as(&S, NULL, tok_bjorn, id, &j), 404);
	json_decref(j);
	assert_false(dev_listed_as(&S, NULL, tok_bjorn, "", id));
	assert_false(dev_listed_as(&S, NULL, tok_bjorn, "&inbox=1", id));
	/* ...but to the leader above, in her inbox. */
	assert_int_equal(dev_get_as(&S, NULL, tok_trine, id, &j), 200);
	assert_true(json_is_true(json_object_get(j, "concerns_leader")));
	json_decref(j);
	assert_true(dev_listed_as(&S, NULL, tok_trine, "&inbox=1", id));
	/* The reporter still follows it. */
	assert_true(dev_listed_as(&S, NULL, tok_emma, "&mine=1", id));
}

static void
test_categories(void **st)
{
	static const char *const codes[] = { "bruker", "bygg", "hms", "vold",
	    "tjenesteproduksjon", "personvern", "legemiddel", "fall" };
	struct client	 c;
	json_t		*j;
	size_t		 i, k;
	int		 found;
	json_int_t	 id;
	char		 path[64];

	(void)st;
	api_client(&c, &S, NULL, tok_emma);
	assert_int_equal(api_call(&c, "GET", "/api/v1/categories", NULL, &j), 200);
	for (k = 0; k < sizeof(codes) / sizeof(codes[0]); k++) {
		found = 0;
		for (i = 0; i < json_array_size(j); i++)
			if (strcmp(json_string_value(json_object_get(json_array_get(j, i), "code")), codes[k]) == 0) {
				found = 1;
				assert_true(json_integer_value(json_object_get(json_array_get(j, i), "ack_hours")) > 0);
				assert_true(json_integer_value(json_object_get(json_array_get(j, i), "close_days")) > 0);
			}
		if (!found)
			fail_msg("default category %s missing", codes[k]);
	}
	json_decref(j);
	/* An employee may not configure. */
	assert_int_equal(api_call(&c, "POST", "/api/v1/categories",
	    "{\"code\":\"skole-ute\",\"name\":\"Uteområde\"}", &j), 403);
	json_decref(j);
	client_free(&c);

	api_client(&c, &S, NULL, tok_ingrid);
	assert_int_equal(api_call(&c, "POST", "/api/v1/categories",
	    "{\"code\":\"skole-ute\",\"name\":\"Uteområde\",\"ack_hours\":24,\"close_days\":14}", &j), 201);
	id = json_integer_value(json_object_get(j, "id"));
	assert_string_equal(json_string_value(json_object_get(j, "name")), "Uteområde");
	assert_int_equal(json_integer_value(json_object_get(j, "ack_hours")), 24);
	assert_true(json_is_true(json_object_get(j, "active")));
	json_decref(j);
	assert_int_equal(api_call(&c, "POST", "/api/v1/categories",
	    "{\"code\":\"skole-ute\",\"name\":\"Igjen\"}", &j), 409);
	assert_string_equal(json_err_code(j), "conflict");
	json_decref(j);
	assert_int_equal(api_call(&c, "POST", "/api/v1/categories",
	    "{\"name\":\"Uten kode\"}", &j), 400);
	assert_string_equal(json_err_field(j), "code");
	json_decref(j);
	assert_int_equal(api_call(&c, "POST", "/api/v1/categories",
	    "{\"code\":\"x1\",\"name\":\"X\",\"ack_hours\":0}", &j), 400);
	assert_string_equal(json_err_field(j), "ack_hours");
	json_decref(j);

	snprintf(path, sizeof(path), "/api/v1/categories/%lld", (long long)id);
	assert_int_equal(api_call(&c, "PATCH", path, "{\"close_days\":7,\"legal\":\"gdpr33\"}", &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "close_days")), 7);
	assert_int_equal(json_integer_value(json_object_get(j, "ack_hours")), 24);
	assert_string_equal(json_string_value(json_object_get(j, "legal")), "gdpr33");
	json_decref(j);
	assert_int_equal(api_call(&c, "PATCH", path, "{\"legal\":\"loven\"}", &j), 400);
	assert_string_equal(json_err_field(j), "legal");
	json_decref(j);
	assert_int_equal(api_call(&c, "PATCH", path, "{\"legal\":null,\"active\":false}", &j), 200);
	assert_true(json_is_null(json_object_get(j, "legal")));
	assert_true(json_is_false(json_object_get(j, "active")));
	json_decref(j);
	assert_int_equal(api_call(&c, "PATCH", "/api/v1/categories/99999999", "{\"name\":\"x\"}", &j), 404);
	json_decref(j);
	client_free(&c);

	/* An inactive category cannot be chosen, and reporters no longer see it. */
	api_client(&c, &S, NULL, tok_emma);
	assert_int_equal(api_call(&c, "POST", "/api/v1/deviations", "{\"title\":\"t\","
	    "\"description\":\"d\",\"category\":\"skole-ute\"}", &j), 400);
	assert_string_equal(json_err_field(j), "category");
	json_decref(j);
	assert_int_equal(api_call(&c, "GET", "/api/v1/categories", NULL, &j), 200);
	for (i = 0; i < json_array_size(j); i++)
		assert_string_not_equal(json_string_value(json_object_get(json_array_get(j, i), "code")), "skole-ute");
	json_decref(j);
	client_free(&c);
}

/* A unit moved to another sector takes its deviations with it: who leads
 * above it and the "this unit and below" filter follow the tree the
 * moment the move is committed, whether it came from the admin page or
 * from `orden import units`; a unit created over the API is under its
 * parent at once (the tree's closure, org/ancestry.c, kept on write). */
static void
test_moved_unit_moves_what_leaders_see(void **st)
{
	struct client	 c;
	struct resp	 r;
	struct buf	 out;
	json_t		*j;
	json_int_t	 id, id2, nu;
	char		 path[256], form[256], q[64], qho[64], qnu[64], tok_admin[128];

	(void)st;
	token_for(&S, NULL, "admin", tok_admin, sizeof(tok_admin));
	j = report(tok_emma, "{\"title\":\"Flyttet skole\",\"description\":\"Før flyttingen.\","
	    "\"category\":\"tjenesteproduksjon\"}");
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(q, sizeof(q), "&unit_id=%lld", (long long)unit_id_by_code("oo"));
	snprintf(qho, sizeof(qho), "&unit_id=%lld", (long long)unit_id_by_code("ho"));
	assert_true(dev_listed_as(&S, NULL, tok_trine, "", id));
	assert_true(dev_listed_as(&S, NULL, tok_trine, "&inbox=1", id));
	assert_false(dev_listed_as(&S, NULL, tok_geir, "", id));
	assert_true(dev_listed_as(&S, NULL, tok_ingrid, q, id));
	assert_false(dev_listed_as(&S, NULL, tok_ingrid, qho, id));

	/* The admin page moves Vestre skole from Oppvekst to Helse. */
	session_client(&c, &S, "admin");
	snprintf(path, sizeof(path), "/admin/units/%lld",
	    (long long)unit_id_by_code("vestre-skole"));
	snprintf(form, sizeof(form), "name=Vestre+skole&parent=%lld",
	    (long long)unit_id_by_code("ho"));
	client_post_form(&c, path, form, &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_free(&c);
	assert_false(dev_listed_as(&S, NULL, tok_trine, "", id));
	assert_false(dev_listed_as(&S, NULL, tok_trine, "&inbox=1", id));
	assert_true(dev_listed_as(&S, NULL, tok_geir, "", id));
	assert_true(dev_listed_as(&S, NULL, tok_geir, "&inbox=1", id));
	assert_false(dev_listed_as(&S, NULL, tok_ingrid, q, id));
	assert_true(dev_listed_as(&S, NULL, tok_ingrid, qho, id));
	/* The unit's own leader is not moved away from it. */
	assert_true(dev_listed_as(&S, NULL, tok_bjorn, "&inbox=1", id));

	/* The units import moves it back. */
	write_file(&S, "units-back.csv", "code,name,parent_code\n"
	    "vestre-skole,Vestre skole,oo\n", path, sizeof(path));
	buf_init(&out, 4096);
	if (orden_run(&out, "import", "units", "--db", S.db, path, NULL) != 0)
		fail_msg("import units: %s", buf_cstr(&out));
	buf_free(&out);
	assert_true(dev_listed_as(&S, NULL, tok_trine, "", id));
	assert_false(dev_listed_as(&S, NULL, tok_geir, "", id));
	assert_true(dev_listed_as(&S, NULL, tok_ingrid, q, id));
	assert_false(dev_listed_as(&S, NULL, tok_ingrid, qho, id));

	/* A unit created over the API, under Vestre skole: its deviations
	 * are in the sector head's list and under the sector's filter. */
	api_client(&c, &S, NULL, tok_admin);
	snprintf(form, sizeof(form), "{\"code\":\"vestre-sfo\",\"name\":\"Vestre SFO\","
	    "\"parent_id\":%lld}", (long long)unit_id_by_code("vestre-skole"));
	assert_int_equal(api_call(&c, "POST", "/api/v1/units", form, &j), 201);
	nu = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	client_free(&c);
	snprintf(form, sizeof(form), "{\"title\":\"SFO\",\"description\":\"Ny enhet.\","
	    "\"category\":\"tjenesteproduksjon\",\"unit_id\":%lld}", (long long)nu);
	j = report(tok_emma, form);
	id2 = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(qnu, sizeof(qnu), "&unit_id=%lld", (long long)nu);
	assert_true(dev_listed_as(&S, NULL, tok_ingrid, q, id2));
	assert_true(dev_listed_as(&S, NULL, tok_ingrid, qnu, id2));
	assert_false(dev_listed_as(&S, NULL, tok_ingrid, qnu, id));
	assert_true(dev_listed_as(&S, NULL, tok_trine, "", id2));
	assert_false(dev_listed_as(&S, NULL, tok_geir, "", id2));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create_gets_number_and_defaults),
		cmocka_unit_test(test_proposal_page_speaks_of_a_proposal),
		cmocka_unit_test(test_legal_clocks),
		cmocka_unit_test(test_bad_input_names_field_stores_nothing),
		cmocka_unit_test(test_bad_filters_name_parameter),
		cmocka_unit_test(test_bad_filters_same_in_every_face),
		cmocka_unit_test(test_employee_never_sees_another),
		cmocka_unit_test(test_leader_sees_only_subtree),
		cmocka_unit_test(test_moved_unit_moves_what_leaders_see),
		cmocka_unit_test(test_concerns_leader_goes_above),
		cmocka_unit_test(test_categories),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
