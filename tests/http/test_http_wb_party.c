/* A report about an elected official that names nobody: the accused's
 * party, as the reporter says it, decides who receives it (seeds/004
 * vedlegg 3 and 4), and without it the reporter is asked (400 naming
 * accused_party) instead of the case going to the administration. The
 * same through every entry point: the signed-in form, the public form,
 * the API signed in and the API without an account. The demo's parties:
 * Ap (arne.brattli mayor, per.moe group leader, randi.foss), Sp
 * (marit.lie group leader, jon.berg), H, SV, FrP (group leaders in
 * formannskap), KrF, V. */
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

enum face { F_WEB_SIGNED_IN, F_WEB_PUBLIC, F_API_SIGNED_IN, F_API_PUBLIC, F_MAX };
static const char *const face_name[F_MAX] = { "signed-in form", "public form",
    "API signed in", "API public" };

/* What a reporter fills in; NULL leaves a field out. */
struct rep {
	const char	*concerns, *category, *accused_name, *party, *what;
};

static int
setup(void **st)
{
	(void)st;
	srv_prepare(&S, 1);
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

/* The report on the form (signed in as login, or the public's form when
 * login is NULL): the status; the case number in number on 200, the page
 * in *page (caller frees). */
static long
send_form(const char *login, const struct rep *r, char *number, size_t nsz,
    struct resp *page)
{
	struct client	 anon, *c;
	struct resp	 g;
	struct buf	 f;
	char		 tok[128];
	const char	*p;
	size_t		 i;

	if (login != NULL)
		c = session_as(&S, login);
	else {
		client_init(&anon, &S);
		c = &anon;
	}
	client_req(c, "GET", "/whistle/new", NULL, NULL, &g);
	assert_int_equal(g.status, 200);
	assert_int_equal(resp_hidden(&g, "wb_csrf", tok, sizeof(tok)), 0);
	/* The parties Orden knows are the choice, on the public form too. */
	assert_true(resp_has(&g, "name=\"accused_party\""));
	assert_true(resp_has(&g, "<option value=\"Sp\">Sp</option>"));
	resp_free(&g);
	buf_init(&f, 1u << 16);
	form_kv(&f, "wb_csrf", tok);
	form_kv(&f, "concerns", r->concerns);
	form_kv(&f, "accused_name", r->accused_name);
	form_kv(&f, "accused_party", r->party != NULL ? r->party : "");
	form_kv(&f, "direct_to", "no");
	form_kv(&f, "what", r->what);
	form_kv(&f, "why_censurable", "Det bryter med reglementet.");
	form_kv(&f, "meant_as_whistleblowing", "1");
	form_kv(&f, "reporter_category", r->category);
	form_kv(&f, "anonymous", "1");
	client_req(c, "POST", "/whistle", buf_cstr(&f),
	    "application/x-www-form-urlencoded", page);
	buf_free(&f);
	number[0] = '\0';
	if (page->status == 200 &&
	    (p = strstr(buf_cstr(&page->body), "<strong class=\"number\">")) != NULL) {
		p += strlen("<strong class=\"number\">");
		for (i = 0; p[i] != '\0' && p[i] != '<' && i + 1 < nsz; i++)
			number[i] = p[i];
		number[i] = '\0';
	}
	if (login == NULL)
		client_free(&anon);
	return page->status;
}

/* The report through the API (signed in as login, or none): the status;
 * the number on 201, the answer in *out (caller frees). */
static long
send_api(const char *login, const struct rep *r, char *number, size_t nsz,
    json_t **out)
{
	struct client	 anon, *c;
	json_t		*body;
	char		*s;
	long		 st;

	body = json_pack("{s:s, s:s, s:s, s:s, s:b}", "concerns", r->concerns,
	    "reporter_category", r->category, "what", r->what,
	    "why_censurable", "Det bryter med reglementet.", "anonymous", 1);
	if (r->accused_name != NULL)
		json_object_set_new(body, "accused_name", json_string(r->accused_name));
	if (r->party != NULL)
		json_object_set_new(body, "accused_party", json_string(r->party));
	s = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	if (login != NULL)
		c = session_as(&S, login);
	else {
		client_init(&anon, &S);
		c = &anon;
	}
	st = api_call(c, "POST", "/api/v1/whistle/reports", s, out);
	free(s);
	if (login == NULL)
		client_free(&anon);
	number[0] = '\0';
	if (st == 201)
		snprintf(number, nsz, "%s",
		    json_string_value(json_object_get(*out, "number")));
	return st;
}

/* Send r through face as login (the public faces ignore it): the status
 * (200 and 201 both read as 201) and the number. On 400 the field named
 * is checked against want_field. */
static long
send(enum face face, const char *login, const struct rep *r, char *number,
    size_t nsz, const char *want_field)
{
	struct resp	 page;
	json_t		*j = NULL;
	char		 id[64];
	long		 st;

	if (face == F_WEB_SIGNED_IN || face == F_WEB_PUBLIC) {
		st = send_form(face == F_WEB_SIGNED_IN ? login : NULL, r, number,
		    nsz, &page);
		if (st == 400 && want_field != NULL) {
			snprintf(id, sizeof(id), "id=\"f-%s-error\"", want_field);
			if (!resp_has(&page, id))
				fail_msg("%s: no error at %s", face_name[face], want_field);
			/* Everything written is still there. */
			assert_true(resp_has(&page, r->what));
		}
		resp_free(&page);
		return st == 200 ? 201 : st;
	}
	st = send_api(face == F_API_SIGNED_IN ? login : NULL, r, number, nsz, &j);
	if (st == 400 && want_field != NULL) {
		if (json_err_field(j) == NULL ||
		    strcmp(json_err_field(j), want_field) != 0)
			fail_msg("%s: %s", face_name[face], json_dumps(j, 0));
		/* The API says which parties there are, as the form lists them. */
		if (strcmp(want_field, "accused_party") == 0)
			assert_non_null(strstr(json_string_value(json_object_get(
			    json_object_get(j, "error"), "message")), "Sp"));
	}
	json_decref(j);
	return st;
}

/* The id of the case numbered number on login's list, or 0. */
static json_int_t
case_of(const char *login, const char *number)
{
	json_t		*all = wb_cases_all(session_as(&S, login), 50), *it;
	json_int_t	 id = 0;
	size_t		 i;

	json_array_foreach(all, i, it)
		if (strcmp(json_string_value(json_object_get(it, "number")),
		    number) == 0)
			id = json_integer_value(json_object_get(it, "id"));
	json_decref(all);
	return id;
}

/* The number of cases on login's list. */
static size_t
cases_of(const char *login)
{
	json_t	*all = wb_cases_all(session_as(&S, login), 50);
	size_t	 n = json_array_size(all);

	json_decref(all);
	return n;
}

/* Case number is handled by every login of yes and by no login of no
 * (neither listed nor anything but 404). Its id. */
static json_int_t
check(const char *number, const char *const *yes, const char *const *no,
    enum face face)
{
	json_int_t	 id = 0, other;
	json_t		*j;

	for (; *yes != NULL; yes++)
		if ((other = case_of(*yes, number)) == 0)
			fail_msg("%s: %s should handle %s", face_name[face], *yes,
			    number);
		else
			id = other;
	for (; *no != NULL; no++) {
		if (case_of(*no, number) != 0)
			fail_msg("%s: %s must not see %s", face_name[face], *no,
			    number);
		assert_int_equal(wb_case_get(session_as(&S, *no), id, &j), 404);
		json_decref(j);
	}
	return id;
}

/* Vedlegg 4: an elected official about another, nobody named, party Sp:
 * Sp's group leader alone, never the administration, the mayor or Sp's
 * other member. */
static void
test_elected_party_decides(void **st)
{
	static const char *const yes[] = { "marit.lie", NULL };
	static const char *const no[] = { "jon.berg", "per.moe", "arne.brattli",
	    "bente.ronning", "kari.nilsen", "hilde.sandvik", "admin", NULL };
	char		 number[64], what[64];
	struct rep	 r = { "elected", "elected", NULL, "sp", what };
	int		 f;

	(void)st;
	for (f = 0; f < F_MAX; f++) {
		snprintf(what, sizeof(what), "Hendelse-p4-%d.", f);
		if (send((enum face)f, "randi.foss", &r, number, sizeof(number),
		    NULL) != 201)
			fail_msg("%s: not sent", face_name[f]);
		check(number, yes, no, (enum face)f);
	}
}

/* "Gruppelederen" of Sp, with the party: the party group (vedlegg 4:
 * "partigruppen dersom varselet gjelder gruppeleder selv"). */
static void
test_group_leader_by_title(void **st)
{
	static const char *const yes[] = { "jon.berg", NULL };
	static const char *const no[] = { "marit.lie", "per.moe", "bente.ronning",
	    NULL };
	char		 number[64], what[64];
	struct rep	 r = { "elected", "elected", "gruppelederen", "Sp", what };
	int		 f;

	(void)st;
	for (f = 0; f < F_MAX; f++) {
		snprintf(what, sizeof(what), "Hendelse-gl-%d.", f);
		assert_int_equal(send((enum face)f, "randi.foss", &r, number,
		    sizeof(number), NULL), 201);
		check(number, yes, no, (enum face)f);
	}
}

/* Neither the person nor the party: 400 naming accused_party, and
 * nothing reaches anyone (the administration least). A typed name that
 * is somebody's gets the same answer (it must not tell who exists); so
 * does a party Orden does not know. */
static void
test_no_party_is_asked(void **st)
{
	static const char *const watch[] = { "bente.ronning", "kari.nilsen",
	    "marit.lie", "per.moe", "bjorn.saether", NULL };
	size_t		 before[8];
	char		 number[64], what[64];
	struct rep	 r = { "elected", "elected", NULL, NULL, what };
	int		 f, k, i;

	(void)st;
	for (i = 0; watch[i] != NULL; i++)
		before[i] = cases_of(watch[i]);
	for (f = 0; f < F_MAX; f++)
		for (k = 0; k < 4; k++) {
			snprintf(what, sizeof(what), "Hendelse-ingen-%d-%d.", f, k);
			r.category = k == 3 ? "employee" : "elected";
			r.accused_name = k == 1 ? "Jon Berg" : k == 2 ?
			    "Noen i kommunestyret" : NULL;
			r.party = k == 2 ? "Ukjent parti" : NULL;
			if (send((enum face)f, "randi.foss", &r, number,
			    sizeof(number), "accused_party") != 400)
				fail_msg("%s, case %d: not refused", face_name[f], k);
		}
	for (i = 0; watch[i] != NULL; i++)
		if (cases_of(watch[i]) != before[i])
			fail_msg("%s got a case", watch[i]);
}

/* Vedlegg 3: an employee about an elected official, nobody named, party
 * Ap: the nearest leader (the signed-in reporter's) and the chief
 * executive; forwarded, formannskap without Ap (the mayor and per.moe
 * step aside). */
static void
test_employee_party_keeps_party_out(void **st)
{
	static const char *const yes_in[] = { "bjorn.saether", "kari.nilsen", NULL };
	static const char *const yes_out[] = { "kari.nilsen", NULL };
	static const char *const no[] = { "per.moe", "arne.brattli", "randi.foss",
	    "bente.ronning", "marit.lie", NULL };
	static const char *const fyes[] = { "kari.nilsen", "hilde.sandvik",
	    "marit.lie", "jon.berg", "ola.grande", "anne.kvam", NULL };
	static const char *const fno[] = { "per.moe", "arne.brattli",
	    "randi.foss", NULL };
	char		 number[64], what[64];
	struct rep	 r = { "elected", "employee", NULL, "Ap", what };
	json_int_t	 id;
	int		 f, signed_in;

	(void)st;
	for (f = 0; f < F_MAX; f++) {
		signed_in = f == F_WEB_SIGNED_IN || f == F_API_SIGNED_IN;
		r.category = signed_in ? "employee" : "hired";
		snprintf(what, sizeof(what), "Hendelse-p3-%d.", f);
		assert_int_equal(send((enum face)f, "emma.johansen", &r, number,
		    sizeof(number), NULL), 201);
		id = check(number, signed_in ? yes_in : yes_out, no, (enum face)f);
		json_decref(wb_act_ok(session_as(&S, "kari.nilsen"), id,
		    "{\"action\":\"declare_impartial\"}"));
		json_decref(wb_act_ok(session_as(&S, "kari.nilsen"), id,
		    "{\"action\":\"forward\"}"));
		check(number, fyes, fno, (enum face)f);
	}
}

/* A second mayor (granted by mistake): both receive a report about the
 * chief executive (routing cannot tell the real one), and the chief
 * safety representative's routing page names the office and both. */
static void
test_second_mayor_is_shown(void **st)
{
	static const char *const yes[] = { "arne.brattli", "marit.lie",
	    "hilde.sandvik", NULL };
	static const char *const no[] = { "kari.nilsen", "bente.ronning", NULL };
	struct resp	 r;
	json_t		*j;
	char		 path[80], number[64];
	struct rep	 rep = { "chief_executive", "employee", NULL, NULL,
	    "Hendelse-ordf." };

	(void)st;
	client_req(session_as(&S, "tone.myhre"), "GET", "/whistle/routing", NULL,
	    NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(resp_has(&r, "class=\"shared-office\""));
	resp_free(&r);
	snprintf(path, sizeof(path), "/api/v1/people/%lld/roles", (long long)
	    srv_db_int(&S, "SELECT id FROM people WHERE login = $1", "marit.lie"));
	assert_int_equal(api_call(session_as(&S, "admin"), "POST", path,
	    "{\"role\":\"mayor\"}", &j), 201);
	json_decref(j);
	client_req(session_as(&S, "tone.myhre"), "GET", "/whistle/routing", NULL,
	    NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "class=\"shared-office\"><li>"));
	assert_true(resp_has(&r, "<li>Marit Lie</li>"));
	assert_true(resp_has(&r, "<li>Arne Brattli</li>"));
	resp_free(&r);
	assert_int_equal(send(F_API_SIGNED_IN, "emma.johansen", &rep, number,
	    sizeof(number), NULL), 201);
	check(number, yes, no, F_API_SIGNED_IN);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_elected_party_decides),
		cmocka_unit_test(test_group_leader_by_title),
		cmocka_unit_test(test_no_party_is_asked),
		cmocka_unit_test(test_employee_party_keeps_party_out),
		cmocka_unit_test(test_second_mayor_is_shown),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
