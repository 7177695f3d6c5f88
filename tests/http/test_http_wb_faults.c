/* The promise "Den det gjelder, ser aldri saken", played as an attacker
 * would on the demo municipality (issue 10): the accused named in free
 * text on the public form, an administrator making himself a handler, a
 * leader's own anonymous report, the anonymous reporter's unit and id, an
 * API that told whether a login exists. Each test failed on the code
 * before the fix. The same through the web form where it has one. */
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

static struct client pub;	/* nobody signed in: the public form */

/* The session client of login (harness: session_as). */
static struct client *
as(const char *login)
{
	return session_as(&S, login);
}

static int
setup(void **st)
{
	(void)st;
	srv_prepare(&S, 1);
	srv_start(&S, NULL);
	client_init(&pub, &S);
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	session_as_free();
	client_free(&pub);
	srv_stop(&S, 0);
	return 0;
}

#define BODY(extra) "{\"what\":\"Hendelse.\",\"why_censurable\":\"Brudd på rutiner.\"," extra "}"

static json_int_t
person_id(const char *login)
{
	return srv_db_int(&S, "SELECT id FROM people WHERE login = $1", login);
}

/* login neither lists case id, nor opens it, nor acts on it, nor holds a
 * copy of its key. */
static void
never_handles(const char *login, json_int_t id)
{
	char	 sql[256], arg[32];
	json_t	*j;
	long	 st;

	if (wb_cases_has(as(login), id))
		fail_msg("%s lists case %lld", login, (long long)id);
	if ((st = wb_case_get(as(login), id, &j)) != 404)
		fail_msg("%s got %ld on case %lld", login, st, (long long)id);
	json_decref(j);
	if ((st = wb_act(as(login), id, "{\"action\":\"declare_impartial\"}", &j)) != 404)
		fail_msg("%s could act (%ld) on case %lld", login, st, (long long)id);
	json_decref(j);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM whistle_handlers WHERE"
	    " case_id = %lld AND sealed_key IS NOT NULL AND person_id ="
	    " (SELECT id FROM people WHERE login = $1)", (long long)id);
	snprintf(arg, sizeof(arg), "%s", login);
	if (srv_db_int(&S, sql, arg) != 0)
		fail_msg("%s holds a key copy of case %lld", login, (long long)id);
}

static void
handles(const char *login, json_int_t id)
{
	json_t *j;

	if (!wb_cases_has(as(login), id))
		fail_msg("%s should handle case %lld", login, (long long)id);
	assert_int_equal(wb_case_get(as(login), id, &j), 200);
	json_decref(j);
}

/* A public (no account) report; returns the case id, *procedure set. */
static json_int_t
public_report(const char *body, int *procedure)
{
	json_t		*j;
	json_int_t	 id = wb_report_ok(&pub, body, &j);

	if (procedure != NULL)
		*procedure = (int)json_integer_value(json_object_get(j, "procedure"));
	assert_non_null(json_string_value(json_object_get(j, "receipt_code")));
	json_decref(j);
	return id;
}

/* concerns.name and concerns.confirmed as login sees the case (before or
 * after declaring impartiality). */
static void
expect_concerns(const char *login, json_int_t id, const char *name, int confirmed)
{
	json_t *j, *c;

	assert_int_equal(wb_case_get(as(login), id, &j), 200);
	c = json_object_get(j, "concerns");
	if (!json_is_object(c))
		fail_msg("no concerns for %s: %s", login, json_dumps(j, 0));
	if (name != NULL)
		assert_string_equal(json_string_value(json_object_get(c, "name")), name);
	assert_int_equal(json_is_true(json_object_get(c, "confirmed")), confirmed);
	json_decref(j);
}

/* Fault 1, procedure 1: the accused named in free text on the public
 * form was the handler. Now the name is matched (case and diacritics do
 * not matter) and the report goes above him. */
static void
test_p1_free_text_accused_never_handles(void **st)
{
	static const char *const names[] = { "Bjørn Sæther", "bjorn saether",
	    "SÆTHER, Bjørn" };
	char	 body[512];
	size_t	 i;
	int	 proc;
	json_int_t id, vestre = unit_id_of(as("emma.johansen"), "vestre-skole");

	(void)st;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(body, sizeof(body), BODY("\"concerns\":\"employee\","
		    "\"reporter_category\":\"hired\",\"unit_id\":%lld,"
		    "\"accused_name\":\"%s\",\"anonymous\":true"),
		    (long long)vestre, names[i]);
		id = public_report(body, &proc);
		assert_int_equal(proc, 1);
		never_handles("bjorn.saether", id);
		handles("trine.larsen", id);
		/* Before declaring impartiality, the handler sees whom it
		 * concerns (the name only) and that it is confirmed. */
		expect_concerns("trine.larsen", id, NULL, 1);
	}
}

/* Free text that names him without being exactly his name ("rektor
 * Bjørn Sæther", his surname alone, an initial) matched nobody uniquely,
 * so the report went to him, the nearest leader, and he could declare
 * himself impartial and read it. Whoever the text could name is kept out
 * of handling; the case stays "not confirmed" until a handler sets it.
 * His first name among other words ("rektor-Bjørn på Vestre") names him
 * as "Bjørn" alone does (the head of HR got "HR-sjefen Bente" so). 
 * The same from the public web form. */
static void
test_p1_loose_free_text_never_handles(void **st)
{
	static const char *const names[] = { "rektor Bjørn Sæther",
	    "Sæther", "B. Sæther", "Bjørn Sæther (rektor på Vestre)",
	    "rektor-Bjørn på Vestre" };
	struct client	 c;
	struct resp	 r;
	struct buf	 f;
	char		 body[512], tok[128], *p;
	size_t		 i, k;
	json_int_t	 id, vestre = unit_id_of(as("emma.johansen"), "vestre-skole");

	(void)st;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(body, sizeof(body), BODY("\"concerns\":\"employee\","
		    "\"reporter_category\":\"hired\",\"unit_id\":%lld,"
		    "\"accused_name\":\"%s\",\"anonymous\":true"),
		    (long long)vestre, names[i]);
		id = public_report(body, NULL);
		never_handles("bjorn.saether", id);
		handles("trine.larsen", id);
		expect_concerns("trine.larsen", id, names[i], 0);
	}
	/* The public web form, no JavaScript. */
	client_init(&c, &S);
	client_req(&c, "GET", "/whistle/new", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	p = strstr(buf_cstr(&r.body), "name=\"wb_csrf\" value=\"");
	assert_non_null(p);
	p += strlen("name=\"wb_csrf\" value=\"");
	for (k = 0; p[k] != '"' && k + 1 < sizeof(tok); k++)
		tok[k] = p[k];
	tok[k] = '\0';
	resp_free(&r);
	buf_init(&f, 4096);
	buf_printf(&f, "wb_csrf=%s&concerns=employee&reporter_category=hired"
	    "&unit_id=%lld&anonymous=1&accused_name=rektor+Bj%%C3%%B8rn+S%%C3%%A6ther"
	    "&what=Hendelse.&why_censurable=Brudd+p%%C3%%A5+rutiner.", tok,
	    (long long)vestre);
	client_req(&c, "POST", "/whistle", buf_cstr(&f),
	    "application/x-www-form-urlencoded", &r);
	buf_free(&f);
	assert_true(r.status == 200 || r.status == 303);
	resp_free(&r);
	client_free(&c);
	id = srv_db_int(&S, "SELECT MAX(id) FROM whistle_cases WHERE number <> $1", "x");
	never_handles("bjorn.saether", id);
	handles("trine.larsen", id);
}

/* A name that matches nobody (and is no leader's title: "rektor" routes
 * as about the nearest leader, test_wb_routing): the case says so to its
 * handlers, and a handler who sets who it concerns removes the accused at
 * once, key copy and all, and the case is routed on. */
static void
test_unconfirmed_then_set_accused(void **st)
{
	char		 body[512];
	json_t		*j;
	json_int_t	 id, vestre = unit_id_of(as("emma.johansen"), "vestre-skole");

	(void)st;
	snprintf(body, sizeof(body), BODY("\"concerns\":\"employee\","
	    "\"reporter_category\":\"hired\",\"unit_id\":%lld,"
	    "\"accused_name\":\"Kari på kjøkkenet\",\"anonymous\":true"),
	    (long long)vestre);
	id = public_report(body, NULL);
	handles("bjorn.saether", id);
	expect_concerns("bjorn.saether", id, "Kari på kjøkkenet", 0);
	j = wb_act_ok(as("bjorn.saether"), id, "{\"action\":\"declare_impartial\"}");
	json_decref(j);
	expect_concerns("bjorn.saether", id, "Kari på kjøkkenet", 0);
	/* It turns out to be about him: he says so, and is out. */
	snprintf(body, sizeof(body), "{\"action\":\"set_accused\",\"person_id\":%lld}",
	    (long long)person_id("bjorn.saether"));
	assert_int_equal(wb_act(as("bjorn.saether"), id, body, &j), 404);
	json_decref(j);
	never_handles("bjorn.saether", id);
	/* Routed on (fallback: the head of HR), and confirmed now. */
	handles("bente.ronning", id);
	expect_concerns("bente.ronning", id, "Bjørn Sæther", 1);
	/* Set by name, too, after which the same rules hold. */
	j = wb_act_ok(as("bente.ronning"), id, "{\"action\":\"declare_impartial\"}");
	json_decref(j);
	assert_int_equal(wb_act(as("bente.ronning"), id,
	    "{\"action\":\"set_accused\"}", &j), 400);
	assert_string_equal(json_err_field(j), "person_id");
	json_decref(j);
}

/* The same through the handler's web page: whom it concerns and that it
 * is not confirmed, before the declaration; setting it from the form. */
static void
test_web_set_accused(void **st)
{
	char		 body[512], path[96], form[96];
	struct resp	 r;
	json_t		*j;
	json_int_t	 id, vestre = unit_id_of(as("emma.johansen"), "vestre-skole");

	(void)st;
	snprintf(body, sizeof(body), BODY("\"concerns\":\"employee\","
	    "\"reporter_category\":\"hired\",\"unit_id\":%lld,"
	    "\"accused_name\":\"Vaktmesteren\",\"anonymous\":true"), (long long)vestre);
	id = public_report(body, NULL);
	snprintf(path, sizeof(path), "/whistle/cases/%lld", (long long)id);
	client_req(as("bjorn.saether"), "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Vaktmesteren"));
	assert_true(resp_has(&r, "ikke bekreftet"));
	assert_false(resp_has(&r, "Hendelse."));
	resp_free(&r);
	j = wb_act_ok(as("bjorn.saether"), id, "{\"action\":\"declare_impartial\"}");
	json_decref(j);
	client_req(as("bjorn.saether"), "GET", path, NULL, NULL, &r);
	assert_true(resp_has(&r, "name=\"action\" value=\"set_accused\""));
	resp_free(&r);
	snprintf(path, sizeof(path), "/whistle/cases/%lld/action", (long long)id);
	snprintf(form, sizeof(form), "action=set_accused&person_id=%lld",
	    (long long)person_id("bjorn.saether"));
	client_post_form(as("bjorn.saether"), path, form, &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	never_handles("bjorn.saether", id);
	handles("bente.ronning", id);
}

/* Fault 1, procedure 3: after the chief executive forwards to the
 * formannskap, neither the mayor (the accused, named in free text) nor
 * his party colleagues get it. */
static void
test_p3_public_forward_excludes_party(void **st)
{
	static const char *const out[] = { "arne.brattli", "per.moe",
	    "randi.foss", "admin", NULL };
	const char *const *p;
	json_t	*j;
	int	 proc;
	json_int_t id;

	(void)st;
	id = public_report(BODY("\"concerns\":\"elected\",\"reporter_category\":"
	    "\"employee\",\"accused_name\":\"Arne Brattli\",\"accused_party\":\"Ap\","
	    "\"anonymous\":true"), &proc);
	assert_int_equal(proc, 3);
	handles("kari.nilsen", id);
	j = wb_act_ok(as("kari.nilsen"), id, "{\"action\":\"declare_impartial\"}");
	json_decref(j);
	j = wb_act_ok(as("kari.nilsen"), id, "{\"action\":\"acknowledge\"}");
	json_decref(j);
	j = wb_act_ok(as("kari.nilsen"), id, "{\"action\":\"forward\"}");
	json_decref(j);
	handles("hilde.sandvik", id);
	handles("marit.lie", id);
	for (p = out; *p != NULL; p++)
		never_handles(*p, id);
}

/* The same with the mayor named loosely ("ordføreren Arne Brattli"): the
 * accused is not confirmed, yet after the forward to formannskap neither
 * he nor a party colleague of his handles it. */
static void
test_p3_loose_name_forward_excludes_party(void **st)
{
	static const char *const out[] = { "arne.brattli", "per.moe",
	    "randi.foss", "admin", NULL };
	const char *const *p;
	json_t	*j;
	int	 proc;
	json_int_t id;

	(void)st;
	id = public_report(BODY("\"concerns\":\"elected\",\"reporter_category\":"
	    "\"employee\",\"accused_name\":\"ordføreren Arne Brattli\","
	    "\"accused_party\":\"Ap\",\"anonymous\":true"), &proc);
	assert_int_equal(proc, 3);
	handles("kari.nilsen", id);
	j = wb_act_ok(as("kari.nilsen"), id, "{\"action\":\"declare_impartial\"}");
	json_decref(j);
	j = wb_act_ok(as("kari.nilsen"), id, "{\"action\":\"acknowledge\"}");
	json_decref(j);
	j = wb_act_ok(as("kari.nilsen"), id, "{\"action\":\"forward\"}");
	json_decref(j);
	handles("hilde.sandvik", id);
	for (p = out; *p != NULL; p++)
		never_handles(*p, id);
}

/* Fault 1, procedure 4: an elected official about an elected official
 * from the public form goes to the accused's party group leader. The
 * party is asked of everyone who does not pick the person (w20), so a
 * typed name that matches tells nothing more than one that does not. */
static void
test_p4_public_to_group_leader(void **st)
{
	int		 proc;
	json_int_t	 id;

	(void)st;
	id = public_report(BODY("\"concerns\":\"elected\",\"reporter_category\":"
	    "\"elected\",\"accused_name\":\"Jon Berg\",\"accused_party\":\"Sp\""), &proc);
	assert_int_equal(proc, 4);
	handles("marit.lie", id);
	never_handles("jon.berg", id);
	never_handles("bente.ronning", id);
}

/* The search the public form uses: a name and a unit or party, nothing
 * more; at least 3 characters; at most 10 hits. A pick by id routes. */
/* A public report of no unit naming the Oppvekst sector head (picked in
 * the search): it follows her service line to the leader above her, the
 * chief executive (seeds/004 vedlegg 1, "dennes overordnede"); it went to
 * the head of HR, the fallback for a report nobody can place. An ordinary
 * employee named so goes to the leader of their unit. */
static void
test_public_no_unit_follows_accused_line(void **st)
{
	char		 body[512], cid[32];
	json_int_t	 id;

	(void)st;
	snprintf(body, sizeof(body), BODY("\"concerns\":\"employee\","
	    "\"reporter_category\":\"hired\",\"accused_id\":%lld,"
	    "\"anonymous\":true"), (long long)person_id("trine.larsen"));
	id = public_report(body, NULL);
	never_handles("trine.larsen", id);
	handles("kari.nilsen", id);
	/* The chief executive alone: not the head of HR besides. */
	snprintf(cid, sizeof(cid), "%lld", (long long)id);
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM whistle_handlers h"
	    " JOIN people p ON p.id = h.person_id WHERE h.case_id = $1"
	    " AND p.login <> 'kari.nilsen'", cid), 0);
	snprintf(body, sizeof(body), BODY("\"concerns\":\"employee\","
	    "\"reporter_category\":\"hired\",\"accused_id\":%lld"),
	    (long long)person_id("emma.johansen"));
	id = public_report(body, NULL);
	never_handles("emma.johansen", id);
	handles("bjorn.saether", id);
}

static void
test_search_and_pick(void **st)
{
	json_t		*j, *p;
	json_int_t	 bjorn = 0, id;
	char		 body[512];
	size_t		 i;
	const char	*k;
	json_t		*v;

	(void)st;
	assert_int_equal(api_call(&pub, "GET", "/api/v1/whistle/people?q=s%C3%A6t",
	    NULL, &j), 200);
	json_array_foreach(json_object_get(j, "people"), i, p) {
		json_object_foreach(p, k, v)
			if (strcmp(k, "id") != 0 && strcmp(k, "name") != 0 &&
			    strcmp(k, "unit") != 0 && strcmp(k, "party") != 0)
				fail_msg("search gives away %s", k);
		if (strcmp(json_string_value(json_object_get(p, "name")),
		    "Bjørn Sæther") == 0) {
			bjorn = json_integer_value(json_object_get(p, "id"));
			assert_string_equal(json_string_value(json_object_get(p,
			    "unit")), "Vestre skole");
		}
	}
	json_decref(j);
	assert_int_equal(bjorn, person_id("bjorn.saether"));
	assert_int_equal(api_call(&pub, "GET", "/api/v1/whistle/people?q=sa",
	    NULL, &j), 400);
	assert_string_equal(json_err_field(j), "q");
	json_decref(j);
	/* q is declared (wb_people_query_fields): one line of text. */
	assert_int_equal(api_call(&pub, "GET", "/api/v1/whistle/people?q=s%C3%A6%0At",
	    NULL, &j), 400);
	assert_string_equal(json_err_field(j), "q");
	json_decref(j);
	/* "e" and "n" are in most names: still at most 10. */
	assert_int_equal(api_call(&pub, "GET", "/api/v1/whistle/people?q=ber",
	    NULL, &j), 200);
	assert_true(json_array_size(json_object_get(j, "people")) <= 10);
	json_decref(j);
	snprintf(body, sizeof(body), BODY("\"concerns\":\"employee\","
	    "\"reporter_category\":\"hired\",\"unit_id\":%lld,\"accused_id\":%lld"),
	    (long long)unit_id_of(as("emma.johansen"), "vestre-skole"),
	    (long long)bjorn);
	id = public_report(body, NULL);
	never_handles("bjorn.saether", id);
	handles("trine.larsen", id);
}

/* Fault 7 (part): an unknown accused_login got 400 naming the field, so
 * the public API told who has a login. Now it is answered like any name. */
static void
test_no_login_oracle(void **st)
{
	json_t		*a, *b;
	const char	*k;
	json_t		*v;

	(void)st;
	(void)wb_report_ok(&pub, BODY("\"concerns\":\"employee\",\"reporter_category\":"
	    "\"hired\",\"accused_login\":\"no.such.person\""), &a);
	(void)wb_report_ok(&pub, BODY("\"concerns\":\"employee\",\"reporter_category\":"
	    "\"hired\",\"accused_login\":\"lars.eriksen\""), &b);
	/* The same keys either way. */
	json_object_foreach(a, k, v)
		assert_non_null(json_object_get(b, k));
	json_object_foreach(b, k, v)
		assert_non_null(json_object_get(a, k));
	json_decref(a);
	json_decref(b);
}

/* Fault 3: a leader's anonymous report went to himself. */
static void
test_leader_anonymous_not_own_handler(void **st)
{
	json_t		*j;
	json_int_t	 id;

	(void)st;
	id = wb_report_ok(as("bjorn.saether"), BODY("\"concerns\":\"employee\","
	    "\"reporter_category\":\"employee\",\"accused_login\":\"lars.eriksen\","
	    "\"anonymous\":true"), &j);
	assert_non_null(json_string_value(json_object_get(j, "receipt_code")));
	json_decref(j);
	never_handles("bjorn.saether", id);
	handles("trine.larsen", id);
}

/* Faults 4 and 5: the anonymous reporter's unit was copied into the
 * content and named by "nearest leader"; a reporter's id was the actor of
 * the "received" event. */
static void
test_reporter_unit_and_id_not_stored(void **st)
{
	json_t		*j, *h;
	json_int_t	 id, id2, emma = person_id("emma.johansen"),
			 vestre = unit_id_of(as("emma.johansen"), "vestre-skole");
	char		 sql[256], needle[64];
	size_t		 i;

	(void)st;
	/* Procedure 2: routing does not need the unit. */
	id = wb_report_ok(as("emma.johansen"), BODY("\"concerns\":\"chief_executive\","
	    "\"reporter_category\":\"employee\",\"anonymous\":true"), NULL);
	j = wb_act_ok(as("arne.brattli"), id, "{\"action\":\"declare_impartial\"}");
	json_decref(j);
	assert_int_equal(wb_case_get(as("arne.brattli"), id, &j), 200);
	assert_true(json_is_object(json_object_get(j, "content")));
	assert_null(json_object_get(json_object_get(j, "content"), "unit_id"));
	json_decref(j);
	/* Procedure 1: the leader it went to is not called "nearest". */
	id2 = wb_report_ok(as("emma.johansen"), BODY("\"concerns\":\"employee\","
	    "\"reporter_category\":\"employee\",\"anonymous\":true"), NULL);
	assert_int_equal(wb_case_get(as("bjorn.saether"), id2, &j), 200);
	json_array_foreach(json_object_get(j, "handlers"), i, h)
		assert_string_not_equal(json_string_value(json_object_get(h,
		    "basis")), "nearest_leader");
	json_decref(j);
	/* Nowhere in the whistle tables or the audit log of these cases. */
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM whistle_events WHERE"
	    " case_id IN (%lld, %lld) AND actor_id = %lld", (long long)id,
	    (long long)id2, (long long)emma);
	assert_int_equal(srv_db_int(&S, sql, NULL), 0);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM audit_log WHERE"
	    " object_type = 'whistle_case' AND object_id IN (%lld, %lld) AND"
	    " actor_id = %lld", (long long)id, (long long)id2, (long long)emma);
	assert_int_equal(srv_db_int(&S, sql, NULL), 0);
	snprintf(needle, sizeof(needle), "\"unit_id\":%lld", (long long)vestre);
	assert_int_equal(srv_store_has(&S, needle), 0);
	snprintf(needle, sizeof(needle), "\"reporter_id\":%lld", (long long)emma);
	assert_int_equal(srv_store_has(&S, needle), 0);
	/* Nor does a handler's basis in clear tell the reporter's unit. */
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM whistle_handlers h"
	    " JOIN whistle_cases c ON c.id = h.case_id AND c.tenant_id = h.tenant_id"
	    " WHERE c.anonymous = 1 AND h.basis IN ('nearest_leader', $1)",
	    "leader_above"), 0);
	/* Not anonymous: she is named in the content, still never an actor. */
	id = wb_report_ok(as("emma.johansen"), BODY("\"concerns\":\"employee\","
	    "\"reporter_category\":\"employee\""), NULL);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM whistle_events WHERE"
	    " case_id = %lld AND actor_id IS NOT NULL", (long long)id);
	assert_int_equal(srv_db_int(&S, sql, NULL), 0);
}

/* Whether the case page of id, as login sees it, offers person login in
 * the select of action act ("add_cohandler"): 1, 0, or -1 when the page
 * has no such select. */
static int
offers(const char *login, json_int_t id, const char *act, const char *who)
{
	struct resp	 r;
	char		 path[64], sel[64], opt[64];
	const char	*from, *to;
	int		 rc = -1;

	snprintf(path, sizeof(path), "/whistle/cases/%lld", (long long)id);
	snprintf(sel, sizeof(sel), "id=\"a-%s-person_id\"", act);
	snprintf(opt, sizeof(opt), "<option value=\"%lld\">",
	    (long long)person_id(who));
	client_req(as(login), "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	if ((from = strstr(buf_cstr(&r.body), sel)) != NULL &&
	    (to = strstr(from, "</select>")) != NULL) {
		const char *o = strstr(from, opt);

		rc = o != NULL && o < to;
	}
	resp_free(&r);
	return rc;
}

/* HR as co-handler in procedure 1: added with a reason, sealed, declares
 * impartiality like any handler; only HR; removed with a reason. The
 * page offers whom the action takes: HR not already in the case, not the
 * accused, the reporter or anyone else (it listed the whole staff, of
 * whom all but HR were refused). */
static void
test_hr_cohandler(void **st)
{
	json_t		*j;
	json_int_t	 id;
	char		 body[256];

	(void)st;
	id = wb_report_ok(as("lars.eriksen"), BODY("\"concerns\":\"employee\","
	    "\"reporter_category\":\"employee\",\"accused_name\":\"Ole Vik\""), NULL);
	j = wb_act_ok(as("bjorn.saether"), id, "{\"action\":\"declare_impartial\"}");
	json_decref(j);
	assert_int_equal(offers("bjorn.saether", id, "add_cohandler", "silje.eide"), 1);
	assert_int_equal(offers("bjorn.saether", id, "add_cohandler", "bente.ronning"), 1);
	assert_int_equal(offers("bjorn.saether", id, "add_cohandler", "ole.vik"), 0);
	assert_int_equal(offers("bjorn.saether", id, "add_cohandler", "lars.eriksen"), 0);
	assert_int_equal(offers("bjorn.saether", id, "add_cohandler", "emma.johansen"), 0);
	assert_int_equal(offers("bjorn.saether", id, "add_cohandler", "bjorn.saether"), 0);
	/* Whom it concerns may still be anyone. */
	assert_int_equal(offers("bjorn.saether", id, "set_accused", "emma.johansen"), 1);
	snprintf(body, sizeof(body), "{\"action\":\"add_cohandler\",\"person_id\":%lld,"
	    "\"reason\":\"Personalsak\"}", (long long)person_id("ole.vik"));
	assert_int_equal(wb_act(as("bjorn.saether"), id, body, &j), 400);
	assert_string_equal(json_err_field(j), "person_id");
	json_decref(j);
	snprintf(body, sizeof(body), "{\"action\":\"add_cohandler\",\"person_id\":%lld}",
	    (long long)person_id("silje.eide"));
	assert_int_equal(wb_act(as("bjorn.saether"), id, body, &j), 400);
	assert_string_equal(json_err_field(j), "reason");
	json_decref(j);
	snprintf(body, sizeof(body), "{\"action\":\"add_cohandler\",\"person_id\":%lld,"
	    "\"reason\":\"Personalsak\"}", (long long)person_id("silje.eide"));
	j = wb_act_ok(as("bjorn.saether"), id, body);
	json_decref(j);
	handles("silje.eide", id);
	assert_int_equal(offers("bjorn.saether", id, "add_cohandler", "silje.eide"), 0);
	expect_concerns("silje.eide", id, "Ole Vik", 1);
	assert_int_equal(wb_case_get(as("silje.eide"), id, &j), 200);
	assert_true(json_is_null(json_object_get(j, "content")));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"action\":\"remove_cohandler\",\"person_id\":%lld,"
	    "\"reason\":\"Ikke lenger nødvendig\"}", (long long)person_id("silje.eide"));
	j = wb_act_ok(as("bjorn.saether"), id, body);
	json_decref(j);
	never_handles("silje.eide", id);
}

/* Fault 2: an administrator made himself head of HR and received
 * reports. Nobody grants themselves a routing role, from the API or the
 * admin pages; an account holding admin never handles, whatever else it
 * holds. Granting a routing role to someone else is audited. */
static void
test_admin_never_handler(void **st)
{
	json_t		*j;
	struct resp	 r;
	char		 path[128], form[128];
	json_int_t	 admin = person_id("admin"), bente = person_id("bente.ronning"),
			 id;

	(void)st;
	snprintf(path, sizeof(path), "/api/v1/people/%lld/roles", (long long)admin);
	assert_int_equal(api_call(as("admin"), "POST", path,
	    "{\"role\":\"hr_head\"}", &j), 403);
	assert_string_equal(json_err_field(j), "role");
	json_decref(j);
	assert_int_equal(api_call(as("admin"), "POST", path,
	    "{\"role\":\"leader\"}", &j), 403);
	json_decref(j);
	snprintf(path, sizeof(path), "/admin/people/%lld", (long long)admin);
	client_req(as("admin"), "GET", path, NULL, NULL, &r);
	resp_free(&r);
	snprintf(path, sizeof(path), "/admin/people/%lld/roles", (long long)admin);
	snprintf(form, sizeof(form), "role=mayor&unit=0");
	client_post_form(as("admin"), path, form, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM role_assignments"
	    " WHERE person_id = (SELECT id FROM people WHERE login = $1)"
	    " AND role IN ('hr_head', 'leader', 'mayor')", "admin"), 0);
	/* Granting admin to the head of HR: allowed, but then she handles
	 * nothing; a direct_to hr report goes to the fallback. */
	snprintf(path, sizeof(path), "/api/v1/people/%lld/roles", (long long)bente);
	assert_int_equal(api_call(as("admin"), "POST", path,
	    "{\"role\":\"admin\"}", &j), 201);
	json_decref(j);
	id = wb_report_ok(as("lars.eriksen"), BODY("\"concerns\":\"employee\","
	    "\"reporter_category\":\"employee\",\"direct_to\":\"hr\","
	    "\"direct_reason\":\"Gjelder lederen\""), NULL);
	never_handles("bente.ronning", id);
	never_handles("admin", id);
	handles("kari.nilsen", id);
	assert_int_equal(api_call(as("admin"), "DELETE", path,
	    "{\"role\":\"admin\"}", &j), 200);
	json_decref(j);
	/* A routing role granted to another is audited. */
	snprintf(path, sizeof(path), "/api/v1/people/%lld/roles",
	    (long long)person_id("ole.vik"));
	assert_int_equal(api_call(as("admin"), "POST", path,
	    "{\"role\":\"hr\"}", &j), 201);
	json_decref(j);
	assert_true(srv_db_int(&S, "SELECT COUNT(*) FROM audit_log WHERE"
	    " action = 'role_grant' AND detail = $1", "login=ole.vik role=hr") == 1);
	/* ... and shown to the chief safety representative, with who did it;
	 * the administrator-and-head-of-HR episode too. */
	client_req(as("tone.myhre"), "GET", "/whistle/routing", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "login=ole.vik role=hr"));
	assert_true(resp_has(&r, "login=bente.ronning role=admin") == 0);
	assert_true(resp_has(&r, "Tor Aune"));
	resp_free(&r);
	/* Its banner word is declared (wb_routing_query_fields): the one it
	 * knows shows the banner, any other is a 400 naming it. */
	client_req(as("tone.myhre"), "GET", "/whistle/routing?saved=released", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "role=\"status\""));
	resp_free(&r);
	client_req(as("tone.myhre"), "GET", "/whistle/routing?saved=gone", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "saved:"));
	resp_free(&r);
	client_req(as("tone.myhre"), "GET", "/whistle/routing?saved=%3Cb%3E", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "saved:"));
	resp_free(&r);
	client_req(as("admin"), "GET", "/whistle/routing", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
}

/* The web form: "Find the person" shows the matches without sending, the
 * pick routes like the API. No JavaScript. */
static void
test_web_form_search(void **st)
{
	struct client	 c;
	struct resp	 r;
	struct buf	 f;
	char		 tok[128], *p, *q;
	char		 val[32];
	size_t		 i;

	(void)st;
	client_init(&c, &S);
	client_req(&c, "GET", "/whistle/new", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	p = strstr(buf_cstr(&r.body), "name=\"wb_csrf\" value=\"");
	assert_non_null(p);
	p += strlen("name=\"wb_csrf\" value=\"");
	for (i = 0; p[i] != '"' && i + 1 < sizeof(tok); i++)
		tok[i] = p[i];
	tok[i] = '\0';
	resp_free(&r);
	buf_init(&f, 4096);
	buf_printf(&f, "wb_csrf=%s&concerns=employee&accused_name=s%%C3%%A6ther"
	    "&find_accused=1&what=x&why_censurable=y&reporter_category=hired", tok);
	client_req(&c, "POST", "/whistle", buf_cstr(&f),
	    "application/x-www-form-urlencoded", &r);
	buf_free(&f);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Bjørn Sæther"));
	assert_false(resp_has(&r, "receipt-code"));
	/* The radio for him carries his id. */
	p = strstr(buf_cstr(&r.body), "Bjørn Sæther");
	q = p;
	while (q > buf_cstr(&r.body) && strncmp(q, "value=\"", 7) != 0)
		q--;
	for (i = 0; q[7 + i] != '"' && i + 1 < sizeof(val); i++)
		val[i] = q[7 + i];
	val[i] = '\0';
	assert_int_equal(strtoll(val, NULL, 10), person_id("bjorn.saether"));
	resp_free(&r);
	client_free(&c);
}

/* "Find the person" is the first thing a reporter does on the form: with
 * nothing else filled in yet it answered 400 "the report was not sent"
 * (the required fields) and showed no one. It searches whatever else is
 * missing, and the form keeps what was typed. */
static void
test_web_form_search_first(void **st)
{
	struct client	 c;
	struct resp	 r;
	struct buf	 f;
	char		 tok[128], *p;
	size_t		 i;

	(void)st;
	client_init(&c, &S);
	client_req(&c, "GET", "/whistle/new", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	p = strstr(buf_cstr(&r.body), "name=\"wb_csrf\" value=\"");
	assert_non_null(p);
	p += strlen("name=\"wb_csrf\" value=\"");
	for (i = 0; p[i] != '"' && i + 1 < sizeof(tok); i++)
		tok[i] = p[i];
	tok[i] = '\0';
	resp_free(&r);
	buf_init(&f, 4096);
	buf_printf(&f, "wb_csrf=%s&accused_name=s%%C3%%A6ther&find_accused=1"
	    "&where=Gymsalen", tok);
	client_req(&c, "POST", "/whistle", buf_cstr(&f),
	    "application/x-www-form-urlencoded", &r);
	buf_free(&f);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Bjørn Sæther"));
	assert_true(resp_has(&r, "Gymsalen"));
	resp_free(&r);
	client_free(&c);
}

/* Enumeration: the public search has a budget per client (last: it
 * spends this address's budget). */
static void
test_search_budget(void **st)
{
	json_t	*j;
	char	 ra[32];
	long	 code = 200;
	int	 i;

	(void)st;
	for (i = 0; i < 40 && code == 200; i++) {
		struct resp r;

		code = api_call(&pub, "GET", "/api/v1/whistle/people?q=lie", NULL, &j);
		json_decref(j);
		if (code == 429) {
			client_req(&pub, "GET", "/api/v1/whistle/people?q=lie", NULL,
			    NULL, &r);
			assert_int_equal(r.status, 429);
			assert_int_equal(resp_header(&r, "Retry-After", ra, sizeof(ra)), 0);
			assert_true(strtol(ra, NULL, 10) > 0);
			resp_free(&r);
		}
	}
	assert_int_equal(code, 429);
	assert_true(i <= 31);
	/* A signed-in person has their own budget. */
	assert_int_equal(api_call(as("emma.johansen"), "GET",
	    "/api/v1/whistle/people?q=lie", NULL, &j), 200);
	json_decref(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_p1_free_text_accused_never_handles),
		cmocka_unit_test(test_p1_loose_free_text_never_handles),
		cmocka_unit_test(test_unconfirmed_then_set_accused),
		cmocka_unit_test(test_web_set_accused),
		cmocka_unit_test(test_p3_public_forward_excludes_party),
		cmocka_unit_test(test_p3_loose_name_forward_excludes_party),
		cmocka_unit_test(test_p4_public_to_group_leader),
		cmocka_unit_test(test_public_no_unit_follows_accused_line),
		cmocka_unit_test(test_search_and_pick),
		cmocka_unit_test(test_no_login_oracle),
		cmocka_unit_test(test_leader_anonymous_not_own_handler),
		cmocka_unit_test(test_reporter_unit_and_id_not_stored),
		cmocka_unit_test(test_hr_cohandler),
		cmocka_unit_test(test_admin_never_handler),
		cmocka_unit_test(test_web_form_search),
		cmocka_unit_test(test_web_form_search_first),
		cmocka_unit_test(test_search_budget),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
