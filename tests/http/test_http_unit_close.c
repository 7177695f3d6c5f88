/* Closing (legge ned) a unit into another, as an administrator merges two
 * home-care zones into one: what each person sees afterwards, and what is
 * refused without changing anything. Both backends.
 *
 * The demo's Hjemmetjenesten nord (leader Heidi Grønning, employee Maria
 * Solli) is closed into Hjemmetjenesten sør (leader Vidar Strøm), with a
 * sub-unit made for it, two open deviations (one acknowledged) and a
 * closed one. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "http/http.h"
#include "util/buf.h"

static struct srv S;
static char tok_admin[TOKEN_MAX], tok_heidi[TOKEN_MAX], tok_vidar[TOKEN_MAX],
    tok_maria[TOKEN_MAX], tok_quality[TOKEN_MAX];

static int
setup(void **st)
{
	(void)st;
	srv_prepare(&S, 1);
	tokens_for(&S, "admin", tok_admin, "heidi.gronning", tok_heidi,
	    "vidar.strom", tok_vidar, "maria.solli", tok_maria,
	    "ingrid.haugen", tok_quality, NULL);
	srv_start(&S, NULL);
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	session_as_free();
	srv_stop(&S, 0);
	return 0;
}

static json_int_t
unit_of(const char *code)
{
	return unit_id_as(&S, NULL, tok_admin, code);
}

/* A field of GET path as the admin. */
static json_int_t
int_at(const char *path, const char *field)
{
	json_t		*j = NULL;
	json_int_t	 v;

	assert_int_equal(api_as(&S, NULL, tok_admin, "GET", path, NULL, &j), 200);
	v = json_integer_value(json_object_get(j, field));
	json_decref(j);
	return v;
}

static json_int_t
person_id(const char *login)
{
	return srv_db_int(&S, "SELECT id FROM people WHERE login = $1", login);
}

/* How many deviations of unit id the statistics count (as the quality
 * adviser, who sees the whole municipality), and how many are open. */
static json_int_t
stats_total(json_int_t unit, json_int_t *open)
{
	char		 path[160];
	json_t		*j = NULL, *g;
	json_int_t	 total;
	size_t		 i;

	snprintf(path, sizeof(path), "/api/v1/stats/deviations?by=status"
	    "&unit_id=%lld&from=2000-01-01", (long long)unit);
	assert_int_equal(api_as(&S, NULL, tok_quality, "GET", path, NULL, &j),
	    200);
	total = json_integer_value(json_object_get(j, "total"));
	*open = 0;
	g = json_object_get(j, "groups");
	for (i = 0; i < json_array_size(g); i++) {
		json_t *r = json_array_get(g, i);

		if (strcmp(json_string_value(json_object_get(r, "key")),
		    "closed") != 0)
			*open += json_integer_value(json_object_get(r, "count"));
	}
	json_decref(j);
	return total;
}

/* POST /api/v1/units/{id}/close as token, into into: the status, *out. */
static long
close_unit(const char *token, json_int_t id, json_int_t into, json_t **out)
{
	char path[96], body[64];

	snprintf(path, sizeof(path), "/api/v1/units/%lld/close", (long long)id);
	snprintf(body, sizeof(body), "{\"into_id\":%lld}", (long long)into);
	return api_as(&S, NULL, token, "POST", path, body, out);
}

static int
notified(const char *token, json_int_t dev, const char *kind)
{
	struct client	 c;
	json_t		*j, *items, *n;
	size_t		 i;
	int		 k = 0;

	api_client(&c, &S, NULL, token);
	assert_int_equal(api_call(&c, "GET", "/api/v1/notifications", NULL, &j),
	    200);
	items = json_object_get(j, "items");
	for (i = 0; i < json_array_size(items); i++) {
		n = json_array_get(items, i);
		if (json_integer_value(json_object_get(n, "deviation_id")) == dev &&
		    strcmp(json_string_value(json_object_get(n, "kind")), kind) == 0)
			k++;
	}
	json_decref(j);
	client_free(&c);
	return k;
}

static void
test_close_moves_open_keeps_closed(void **st)
{
	json_int_t	 nord, sor, sub, d_new, d_ack, d_closed, total_nord,
			 open_nord, open_sor, total_after, open_after, heidi,
			 maria;
	json_t		*j = NULL, *ended, *moved;
	char		 path[96], body[160];
	size_t		 i;
	int		 heidi_leader = 0;

	(void)st;
	nord = unit_of("hjemmetjeneste-nord");
	sor = unit_of("hjemmetjeneste-sor");
	heidi = person_id("heidi.gronning");
	maria = person_id("maria.solli");
	/* A sub-unit of the zone. */
	snprintf(body, sizeof(body), "{\"code\":\"nord-natt\",\"name\":"
	    "\"Nattpatruljen nord\",\"parent_id\":%lld}", (long long)nord);
	assert_int_equal(api_as(&S, NULL, tok_admin, "POST", "/api/v1/units",
	    body, &j), 201);
	sub = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	/* Maria reports three; Heidi acknowledges one and closes one. */
	d_new = dev_report_in(&S, NULL, tok_maria, nord, "Glemt medisin",
	    "Medisinen ble ikke gitt til rett tid.");
	d_ack = dev_report_in(&S, NULL, tok_maria, nord, "Manglende hansker",
	    "Tomt for hansker i bilen.");
	d_closed = dev_report_in(&S, NULL, tok_maria, nord, "Feil nokkel",
	    "Nokkelboksen hadde feil nokkel.");
	assert_int_equal(dev_act_as(&S, NULL, tok_heidi, d_ack,
	    "{\"action\":\"acknowledge\"}", NULL), 200);
	assert_int_equal(dev_act_as(&S, NULL, tok_heidi, d_closed,
	    "{\"action\":\"close\",\"summary\":\"Byttet.\"}", NULL), 200);
	assert_true(dev_listed_as(&S, NULL, tok_heidi, "", d_new));
	assert_false(dev_listed_as(&S, NULL, tok_vidar, "", d_new));
	total_nord = stats_total(nord, &open_nord);
	(void)stats_total(sor, &open_sor);
	assert_true(open_nord >= 2);

	assert_int_equal(close_unit(tok_admin, nord, sor, &j), 200);
	moved = json_object_get(j, "moved");
	assert_int_equal(json_integer_value(json_object_get(moved, "cases")),
	    open_nord);
	assert_int_equal(json_integer_value(json_object_get(moved, "units")), 1);
	assert_true(json_integer_value(json_object_get(moved, "people")) >= 2);
	ended = json_object_get(j, "ended_grants");
	for (i = 0; i < json_array_size(ended); i++)
		if (json_integer_value(json_object_get(json_array_get(ended, i),
		    "person_id")) == heidi && strcmp(json_string_value(
		    json_object_get(json_array_get(ended, i), "role")),
		    "leader") == 0)
			heidi_leader = 1;
	assert_true(heidi_leader);
	assert_true(json_is_string(json_object_get(json_object_get(j, "unit"),
	    "closed_at")));
	assert_int_equal(json_integer_value(json_object_get(
	    json_object_get(j, "unit"), "closed_into")), sor);
	json_decref(j);

	/* The sub-unit and the people now belong to the receiving unit. */
	snprintf(path, sizeof(path), "/api/v1/units/%lld", (long long)sub);
	assert_int_equal(int_at(path, "parent_id"), sor);
	snprintf(path, sizeof(path), "/api/v1/people/%lld", (long long)maria);
	assert_int_equal(int_at(path, "unit_id"), sor);
	snprintf(path, sizeof(path), "/api/v1/people/%lld", (long long)heidi);
	assert_int_equal(int_at(path, "unit_id"), sor);

	/* The receiving leader's inbox has the open cases, in their state. */
	assert_true(dev_listed_as(&S, NULL, tok_vidar, "", d_new));
	assert_true(dev_listed_as(&S, NULL, tok_vidar, "", d_ack));
	assert_int_equal(dev_get_as(&S, NULL, tok_vidar, d_ack, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "status")),
	    "acknowledged");
	assert_int_equal(json_integer_value(json_object_get(j, "unit_id")), sor);
	assert_true(dev_has_event(j, "transferred", "Hjemmetjenesten nord"));
	json_decref(j);
	/* Vidar was told, and so was Maria, who reported them. */
	assert_int_equal(notified(tok_vidar, d_new, "transferred"), 1);
	assert_int_equal(notified(tok_maria, d_new, "transferred"), 1);
	/* Heidi no longer leads anything: the open cases are not hers. */
	assert_false(dev_listed_as(&S, NULL, tok_heidi, "", d_new));
	assert_int_not_equal(dev_get_as(&S, NULL, tok_heidi, d_new, NULL), 200);
	/* The closed case stays where it was; the statistics still count it
	 * under the closed unit, where nothing is open any more, and the
	 * receiving unit counts the open ones. */
	assert_int_equal(dev_get_as(&S, NULL, tok_quality, d_closed, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "unit_id")), nord);
	json_decref(j);
	total_after = stats_total(nord, &open_after);
	assert_int_equal(open_after, 0);
	assert_int_equal(total_after, total_nord - open_nord);
	assert_true(total_after >= 1);
	(void)stats_total(sor, &open_after);
	assert_int_equal(open_after, open_sor + open_nord);

	/* The closed unit is offered for nothing new: a report, a transfer,
	 * a role. */
	snprintf(body, sizeof(body), "{\"title\":\"Ny\",\"description\":\"x\","
	    "\"category\":\"hms\",\"unit_id\":%lld}", (long long)nord);
	assert_int_equal(api_as(&S, NULL, tok_maria, "POST", "/api/v1/deviations",
	    body, &j), 400);
	assert_string_equal(json_err_field(j), "unit_id");
	json_decref(j);
	snprintf(body, sizeof(body), "{\"action\":\"transfer\",\"unit_id\":%lld,"
	    "\"reason\":\"tilbake\"}", (long long)nord);
	assert_int_equal(dev_act_as(&S, NULL, tok_vidar, d_new, body, &j), 400);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/people/%lld/roles",
	    (long long)heidi);
	snprintf(body, sizeof(body), "{\"role\":\"leader\",\"unit_id\":%lld}",
	    (long long)nord);
	assert_int_equal(api_as(&S, NULL, tok_admin, "POST", path, body, &j),
	    400);
	assert_string_equal(json_err_field(j), "unit_id");
	json_decref(j);
	/* Nor a risk assessment, nor a task of the yearly wheel for its
	 * (ended) role holders. */
	snprintf(body, sizeof(body), "{\"unit_id\":%lld,\"title\":\"ROS\","
	    "\"assessed_on\":\"2026-11-02\"}", (long long)nord);
	assert_int_equal(api_as(&S, NULL, tok_quality, "POST",
	    "/api/v1/risk-assessments", body, &j), 400);
	assert_string_equal(json_err_field(j), "unit_id");
	json_decref(j);
	snprintf(body, sizeof(body), "{\"title\":\"Vernerunde\","
	    "\"freq\":\"weekly\",\"weekday\":1,\"role\":\"leader\","
	    "\"unit_id\":%lld}", (long long)nord);
	assert_int_equal(api_as(&S, NULL, tok_quality, "POST",
	    "/api/v1/wheel/tasks", body, &j), 400);
	assert_string_equal(json_err_field(j), "unit_id");
	json_decref(j);
	assert_int_equal(srv_db_int(&S, "SELECT count(*) FROM audit_log WHERE "
	    "action = 'unit_close'", NULL), 1);
}

/* The report's group whose field is value, or NULL. Borrowed from groups. */
static json_t *
group_by(json_t *groups, const char *field, const char *value)
{
	size_t i;

	for (i = 0; i < json_array_size(groups); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(groups,
		    i), field)), value) == 0)
			return json_array_get(groups, i);
	return NULL;
}

/* The tertial report of the year for area ho as the quality adviser. */
static json_t *
tertial_of(json_int_t ho)
{
	char	 path[96];
	json_t	*j = NULL;

	snprintf(path, sizeof(path), "/api/v1/reports/tertial?unit_id=%lld"
	    "&tertial=year", (long long)ho);
	assert_int_equal(api_as(&S, NULL, tok_quality, "GET", path, NULL, &j),
	    200);
	return j;
}

/* The page at path names the closed zone marked, the open one not. */
static void
page_marks_nord(struct client *q, const char *path)
{
	struct resp r;

	client_req(q, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Hjemmetjenesten nord (nedlagt)"));
	assert_true(resp_has(&r, "Hjemmetjenesten sør"));
	assert_false(resp_has(&r, "Hjemmetjenesten sør (nedlagt)"));
	resp_free(&r);
}

/* After the close: the closed unit's history still counts under it, and
 * wherever it is a label (the tertial report's groups, a kept group's
 * units, the dashboard's chart by unit, the groups page) it says
 * "(nedlagt)", so nobody takes it for a unit still running. A group that
 * picked it keeps it, with the figures of its units added up. */
static void
test_closed_unit_marked(void **st)
{
	struct client	*q;
	json_int_t	 nord, sor, ho, gid, n_nord, n_sor;
	json_t		*j, *g;
	char		 path[160], body[160], key[32];

	(void)st;
	nord = unit_of("hjemmetjeneste-nord");
	sor = unit_of("hjemmetjeneste-sor");
	ho = unit_of("ho");
	j = tertial_of(ho);
	snprintf(key, sizeof(key), "u%lld", (long long)nord);
	assert_non_null(g = group_by(json_object_get(j, "groups"), "key", key));
	assert_string_equal(json_string_value(json_object_get(g, "name")),
	    "Hjemmetjenesten nord (nedlagt)");
	n_nord = json_integer_value(json_object_get(g, "deviations"));
	assert_true(n_nord >= 1);
	snprintf(key, sizeof(key), "u%lld", (long long)sor);
	assert_non_null(g = group_by(json_object_get(j, "groups"), "key", key));
	assert_string_equal(json_string_value(json_object_get(g, "name")),
	    "Hjemmetjenesten sør");
	n_sor = json_integer_value(json_object_get(g, "deviations"));
	json_decref(j);

	/* A kept group of both zones. */
	snprintf(body, sizeof(body), "{\"area_id\":%lld,\"name\":"
	    "\"Hjemmetjenestene\",\"unit_ids\":\"%lld,%lld\"}", (long long)ho,
	    (long long)nord, (long long)sor);
	assert_int_equal(api_as(&S, NULL, tok_quality, "POST",
	    "/api/v1/reports/groups", body, &j), 201);
	gid = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	j = tertial_of(ho);
	assert_non_null(g = group_by(json_object_get(j, "groups"), "name",
	    "Hjemmetjenestene"));
	assert_int_equal(json_integer_value(json_object_get(g, "deviations")),
	    n_nord + n_sor);
	json_decref(j);

	q = session_as(&S, "ingrid.haugen");
	snprintf(path, sizeof(path), "/reports/group?unit_id=%lld&group=g%lld"
	    "&tertial=year", (long long)ho, (long long)gid);
	page_marks_nord(q, path);
	snprintf(path, sizeof(path), "/reports/groups?area_id=%lld",
	    (long long)ho);
	page_marks_nord(q, path);
	snprintf(path, sizeof(path), "/dashboard?unit_id=%lld&from=2000-01-01",
	    (long long)ho);
	page_marks_nord(q, path);
	snprintf(body, sizeof(body), "{\"action\":\"group_remove\","
	    "\"group_id\":%lld}", (long long)gid);
	assert_int_equal(api_as(&S, NULL, tok_quality, "POST",
	    "/api/v1/reports/groups", body, NULL), 200);
}

/* What is refused changes nothing, and says why. */
static void
test_refusals(void **st)
{
	json_int_t	 root, sor, nord, sub, ho;
	json_t		*j = NULL;

	(void)st;
	root = unit_of("kd");
	ho = unit_of("ho");
	sor = unit_of("hjemmetjeneste-sor");
	nord = unit_of("hjemmetjeneste-nord");	/* closed above */
	sub = unit_of("nord-natt");		/* now under sor */
	assert_int_equal(close_unit(tok_admin, root, ho, &j), 400);
	json_decref(j);
	assert_int_equal(close_unit(tok_admin, sor, sor, &j), 400);
	assert_string_equal(json_err_field(j), "into_id");
	json_decref(j);
	assert_int_equal(close_unit(tok_admin, sor, sub, &j), 400);
	assert_string_equal(json_err_field(j), "into_id");
	json_decref(j);
	assert_int_equal(close_unit(tok_admin, nord, ho, &j), 400);
	json_decref(j);
	assert_int_equal(close_unit(tok_admin, sub, nord, &j), 400);
	assert_string_equal(json_err_field(j), "into_id");
	json_decref(j);
	assert_int_equal(close_unit(tok_admin, sub, 999999, &j), 400);
	json_decref(j);
	/* Someone who may not change the organisation. */
	assert_int_equal(close_unit(tok_vidar, sub, ho, &j), 403);
	json_decref(j);
	assert_int_equal(srv_db_int(&S, "SELECT count(*) FROM units WHERE "
	    "closed_at IS NOT NULL", NULL), 1);
	assert_int_equal(srv_db_int(&S, "SELECT count(*) FROM audit_log WHERE "
	    "action = 'unit_close'", NULL), 1);
}

/* The admin page: the close form on a unit's page, and the page after
 * it says who held what; the tree marks the unit closed. */
static void
test_admin_page(void **st)
{
	struct client	*a;
	struct resp	 r;
	json_int_t	 vestre, sentrum, tasks;
	char		 path[96], form[64];

	(void)st;
	vestre = unit_of("vestre-skole");
	sentrum = unit_of("sentrum-skole");
	snprintf(form, sizeof(form), "%lld", (long long)vestre);
	/* The demo school has tasks in the yearly wheel for its leader. */
	tasks = srv_db_int(&S, "SELECT count(*) FROM wheel_tasks WHERE "
	    "unit_id = CAST($1 AS INTEGER)", form);
	assert_true(tasks > 0);
	a = session_as(&S, "admin");
	snprintf(path, sizeof(path), "/admin/units/%lld", (long long)vestre);
	client_req(a, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "/close\""));
	resp_free(&r);
	snprintf(path, sizeof(path), "/admin/units/%lld/close",
	    (long long)vestre);
	client_post_form(a, path, "into=", &r);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	snprintf(form, sizeof(form), "into=%lld", (long long)sentrum);
	client_post_form(a, path, form, &r);
	assert_int_equal(r.status, 200);
	/* Emma Johansen was the safety representative of Vestre skole. */
	assert_true(resp_has(&r, "Emma Johansen"));
	resp_free(&r);
	snprintf(form, sizeof(form), "%lld", (long long)vestre);
	assert_int_equal(srv_db_int(&S, "SELECT count(*) FROM wheel_tasks "
	    "WHERE unit_id = CAST($1 AS INTEGER)", form), 0);
	snprintf(form, sizeof(form), "%lld", (long long)sentrum);
	assert_true(srv_db_int(&S, "SELECT count(*) FROM wheel_tasks "
	    "WHERE unit_id = CAST($1 AS INTEGER)", form) >= tasks);
	client_req(a, "GET", "/admin/units", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Vestre skole</a> <span class=\"tag\">"));
	resp_free(&r);
	/* The report form no longer offers it. */
	client_req(session_as(&S, "emma.johansen"), "GET", "/deviations/new",
	    NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	snprintf(form, sizeof(form), "<option value=\"%lld\"", (long long)vestre);
	assert_false(resp_has(&r, form));
	resp_free(&r);
	/* Nor the forms that make a risk assessment, a governing document,
	 * a task of the yearly wheel or a whistleblowing report there (their
	 * gates refuse it); the risk list's filter still has it, marked. */
	{
		static const struct {
			const char	*path, *select;
		} forms[] = {
			{ "/risk-assessments", "id=\"create-unit_id\"" },
			{ "/documents/new", "id=\"f-unit_id\"" },
			{ "/wheel/tasks/new", "id=\"f-unit_id\"" },
			{ "/whistle/new", "id=\"f-unit_id\"" },
		};
		const char	*sel, *end, *at;
		size_t		 i;

		for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
			if (i == 3) {
				/* The public form: the unit is asked only
				 * of one without an account. */
				struct client	anon;

				client_init(&anon, &S);
				client_req(&anon, "GET", forms[i].path, NULL,
				    NULL, &r);
				client_free(&anon);
			} else
				client_req(session_as(&S, "ingrid.haugen"),
				    "GET", forms[i].path, NULL, NULL, &r);
			assert_int_equal(r.status, 200);
			/* The risk list's filter: every unit, history too. */
			if (i == 0)
				assert_true(resp_has(&r, form));
			sel = strstr(buf_cstr(&r.body), forms[i].select);
			if (sel == NULL)
				fail_msg("%s has no %s", forms[i].path,
				    forms[i].select);
			end = strstr(sel, "</select>");
			assert_non_null(end);
			at = strstr(sel, form);
			if (at != NULL && at < end)
				fail_msg("%s offers the closed unit",
				    forms[i].path);
			resp_free(&r);
		}
	}
}

/* The same from the command line, as the operator would; afterwards the
 * kept counts agree with a recount (orden check counts). */
static void
test_cli_close_and_counts(void **st)
{
	struct buf	 out;
	json_int_t	 sub, ho;
	char		 path[96], file[400];

	(void)st;
	sub = unit_of("nord-natt");
	ho = unit_of("ho");
	buf_init(&out, 1u << 16);
	/* A refusal fails (1) and changes nothing. */
	assert_int_equal(orden_run(&out, "unit", "close", "--db", S.db,
	    "kd", "--into", "ho", NULL), 1);
	buf_reset(&out);
	assert_int_equal(orden_run(&out, "unit", "close", "--db", S.db,
	    "nord-natt", "--into", "ho", NULL), 0);
	assert_non_null(strstr(buf_cstr(&out), "nord-natt"));
	snprintf(path, sizeof(path), "/api/v1/units/%lld", (long long)sub);
	assert_int_equal(int_at(path, "closed_into"), ho);
	/* A people file from before the reorganisation is refused. */
	write_file(&S, "people.csv", "login,name,email,unit_code,roles,party\n"
	    "maria.solli,Maria Solli,,hjemmetjeneste-nord,employee,\n",
	    file, sizeof(file));
	buf_reset(&out);
	assert_int_equal(orden_run(&out, "import", "people", "--db", S.db, file,
	    NULL), 1);
	assert_non_null(strstr(buf_cstr(&out), "hjemmetjeneste-nord"));
	/* So is a units file that puts a unit under a closed one. */
	write_file(&S, "units.csv", "code,name,parent_code\n"
	    "nord-dag,Nord dag,hjemmetjeneste-nord\n", file, sizeof(file));
	buf_reset(&out);
	assert_int_equal(orden_run(&out, "import", "units", "--db", S.db, file,
	    NULL), 1);
	assert_non_null(strstr(buf_cstr(&out), "hjemmetjeneste-nord"));
	buf_reset(&out);
	if (orden_run(&out, "check", "counts", "--db", S.db, NULL) != 0)
		fail_msg("check counts after a close: %s", buf_cstr(&out));
	buf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_close_moves_open_keeps_closed),
		cmocka_unit_test(test_closed_unit_marked),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_admin_page),
		cmocka_unit_test(test_cli_close_and_counts),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
