/* A whistleblowing case is never left without a handler (issue 13, w19):
 * making the last active handler of an open case inactive is refused on
 * the admin page, says what to do instead, names no case, and changes
 * nothing; the case stays with its handler. The demo's walk: Kjell
 * (finance) leaves, a report sent directly to finance reaches Bente (HR),
 * and then Bente may not leave until the case has another receiver. */
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

/* s percent-encoded for a form into out. */
static void
form_enc(char *out, size_t outsz, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t	n = 0;

	for (; s != NULL && *s != '\0' && n + 4 < outsz; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_')
			out[n++] = (char)c;
		else {
			out[n++] = '%';
			out[n++] = hex[c >> 4];
			out[n++] = hex[c & 15];
		}
	}
	out[n] = '\0';
}

/* The person's id, and whether they are active, from the store. */
static json_int_t
id_of(const char *login)
{
	return srv_db_int(&S, "SELECT id FROM people WHERE login = $1", login);
}

static int
is_active(const char *login)
{
	return srv_db_int(&S, "SELECT active FROM people WHERE login = $1",
	    login) != 0;
}

/* The admin page's form for login, its details kept, active unticked;
 * the page's answer into r. */
static void
deactivate(const char *login, struct resp *r)
{
	struct client	*c = session_as(&S, "admin");
	json_t		*p;
	char		 path[64], name[256], email[512], party[256], form[1200];
	const char	*em, *pa;

	snprintf(path, sizeof(path), "/api/v1/people/%lld", (long long)id_of(login));
	p = api_get_ok(c, path);
	form_enc(name, sizeof(name), json_string_value(json_object_get(p, "name")));
	em = json_string_value(json_object_get(p, "email"));
	pa = json_string_value(json_object_get(p, "party"));
	form_enc(email, sizeof(email), em);
	form_enc(party, sizeof(party), pa);
	snprintf(form, sizeof(form), "name=%s&email=%s&party=%s&unit_id=%lld",
	    name, email, party,
	    (long long)json_integer_value(json_object_get(p, "unit_id")));
	json_decref(p);
	snprintf(path, sizeof(path), "/admin/people/%lld", (long long)id_of(login));
	client_req(c, "GET", path, NULL, NULL, r);	/* a CSRF token */
	assert_int_equal(r->status, 200);
	resp_free(r);
	client_post_form(c, path, form, r);
}

static void
test_last_handler_stays(void **st)
{
	struct client	 anon;
	struct resp	 r;
	json_t		*j;
	json_int_t	 id;
	int64_t		 audits;
	char		 number[64];

	(void)st;
	/* Kjell handles no open case alone: he may leave. */
	deactivate("kjell.fossum", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	assert_false(is_active("kjell.fossum"));

	client_init(&anon, &S);
	id = wb_report_ok(&anon, "{\"concerns\":\"employee\","
	    "\"reporter_category\":\"hired\",\"anonymous\":true,"
	    "\"accused_name\":\"En innkjøper\",\"direct_to\":\"finance\","
	    "\"direct_reason\":\"Innkjøp.\",\"what\":\"Hendelse-7731.\","
	    "\"why_censurable\":\"Brudd på rutiner.\"}", &j);
	snprintf(number, sizeof(number), "%s",
	    json_string_value(json_object_get(j, "number")));
	json_decref(j);
	client_free(&anon);
	assert_true(wb_cases_has(session_as(&S, "bente.ronning"), id));

	/* Bente is its only active handler: refused by the check box, with
	 * what to do, nothing of the case, and nothing changed. */
	audits = srv_db_int(&S, "SELECT count(*) FROM audit_log WHERE action = $1",
	    "person_update");
	deactivate("bente.ronning", &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "f-active-error"));
	assert_true(resp_has(&r, "eneste behandler av åpne varslingssaker"));
	assert_true(resp_has(&r, "Trekk inn HR som medbehandler"));
	assert_false(resp_has(&r, number));
	assert_false(resp_has(&r, "Hendelse-7731"));
	assert_false(resp_has(&r, "En innkjøper"));
	resp_free(&r);
	assert_true(is_active("bente.ronning"));
	assert_int_equal(srv_db_int(&S, "SELECT count(*) FROM audit_log WHERE action = $1",
	    "person_update"), audits);
	assert_true(wb_cases_has(session_as(&S, "bente.ronning"), id));
	assert_int_equal(wb_case_get(session_as(&S, "bente.ronning"), id, &j), 200);
	json_decref(j);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_last_handler_stays),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
