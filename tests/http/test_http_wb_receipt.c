/* Following a report with a receipt code: an anonymous reporter gets the
 * code once, signs in with it to a session limited to that one report,
 * reads the handler's messages and answers. Wrong codes all get the same
 * 401, guessing is throttled (429 with Retry-After), and the receipt
 * session cannot reach another case. An anonymous report from a signed-in
 * person is not linked to their account. */
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
static struct client bjorn, emma;
static json_int_t vestre;

static int
setup(void **st)
{
	(void)st;
	srv_prepare(&S, 1);
	srv_start(&S, NULL);
	session_client(&bjorn, &S, "bjorn.saether");
	session_client(&emma, &S, "emma.johansen");
	vestre = unit_id_of(&bjorn, "vestre-skole");
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	client_free(&bjorn);
	client_free(&emma);
	srv_stop(&S, 0);
	return 0;
}

/* An anonymous report from someone without an account: its id, and the
 * receipt code into code. */
static json_int_t
anon_report(struct client *c, const char *what, char *code, size_t codesz)
{
	char		 body[1024];
	json_t		*j;
	json_int_t	 id;

	snprintf(body, sizeof(body), "{\"concerns\":\"employee\",\"reporter_category\":\"hired\","
	    "\"anonymous\":true,\"unit_id\":%lld,\"accused_name\":\"En kollega\","
	    "\"what\":\"%s\",\"why_censurable\":\"Farlig.\"}", (long long)vestre, what);
	id = wb_report_ok(c, body, &j);
	assert_string_equal(json_string_value(json_object_get(j, "state")), "received");
	assert_int_equal(json_integer_value(json_object_get(j, "procedure")), 1);
	assert_non_null(json_string_value(json_object_get(j, "receipt_code")));
	snprintf(code, codesz, "%s", json_string_value(json_object_get(j, "receipt_code")));
	/* At least 80 bits: 16 secret symbols of base32 after the handle. */
	assert_true(strlen(code) >= 24);
	json_decref(j);
	return id;
}

static long
receipt_login(struct client *c, const char *code, struct resp *r)
{
	char body[256];

	snprintf(body, sizeof(body), "{\"receipt_code\":\"%s\"}", code);
	client_req(c, "POST", "/api/v1/whistle/receipt", body, "application/json", r);
	return r->status;
}

static int
messages_have(json_t *view, int from_reporter, const char *needle)
{
	json_t		*m = json_object_get(view, "messages"), *e;
	const char	*t;
	size_t		 i;

	for (i = 0; i < json_array_size(m); i++) {
		e = json_array_get(m, i);
		t = json_string_value(json_object_get(e, "text"));
		if (json_boolean_value(json_object_get(e, "from_reporter")) == from_reporter &&
		    (needle == NULL || (t && strstr(t, needle))))
			return 1;
	}
	return 0;
}

static void
test_receipt_flow(void **st)
{
	struct client	 anon, other;
	struct resp	 r;
	json_t		*j, *v;
	json_int_t	 id, id2;
	char		 code[64], code2[64], hdr[512], path[96];

	(void)st;
	client_init(&anon, &S);
	id = anon_report(&anon, "Kvittering-hva-4401", code, sizeof(code));

	/* Nothing to see without signing in with the code. */
	assert_int_equal(api_call(&anon, "GET", "/api/v1/whistle/reports/mine", NULL, &j), 401);
	json_decref(j);

	/* Sign in: an HttpOnly, SameSite=Strict session cookie for that report. */
	assert_int_equal(receipt_login(&anon, code, &r), 200);
	assert_int_equal(resp_header(&r, "set-cookie", hdr, sizeof(hdr)), 0);
	assert_non_null(strstr(hdr, "orden_receipt="));
	assert_non_null(strstr(hdr, "HttpOnly"));
	assert_non_null(strstr(hdr, "SameSite=Strict"));
	assert_null(strstr(buf_cstr(&r.body), code));
	resp_free(&r);

	assert_int_equal(api_call(&anon, "GET", "/api/v1/whistle/reports/mine", NULL, &j), 200);
	assert_int_equal(json_array_size(j), 1);
	v = json_array_get(j, 0);
	assert_int_equal(json_integer_value(json_object_get(v, "id")), id);
	assert_string_equal(json_string_value(json_object_get(v, "state")), "received");
	assert_string_equal(json_string_value(json_object_get(json_object_get(v, "content"),
	    "what")), "Kvittering-hva-4401");
	{
		/* The code is shown once, at intake, and never again. */
		char *d = json_dumps(j, 0);

		assert_null(strstr(d, code));
		assert_null(strstr(d, code + 10));
		free(d);
	}
	json_decref(j);

	/* The handler acknowledges and asks; the reporter reads and answers. */
	json_decref(wb_act_ok(&bjorn, id, "{\"action\":\"declare_impartial\"}"));
	json_decref(wb_act_ok(&bjorn, id, "{\"action\":\"acknowledge\"}"));
	json_decref(wb_act_ok(&bjorn, id, "{\"action\":\"message\",\"text\":\"Hvem-var-der-4402\"}"));
	assert_int_equal(api_call(&anon, "GET", "/api/v1/whistle/reports/mine", NULL, &j), 200);
	v = json_array_get(j, 0);
	assert_string_equal(json_string_value(json_object_get(v, "state")), "acknowledged");
	assert_true(messages_have(v, 0, "Hvem-var-der-4402"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/whistle/reports/%lld/messages", (long long)id);
	assert_int_equal(api_call(&anon, "POST", path, "{\"text\":\"Vaktmester-4403\"}", &j), 201);
	assert_true(messages_have(j, 1, "Vaktmester-4403"));
	json_decref(j);
	assert_int_equal(wb_case_get(&bjorn, id, &j), 200);
	{
		char *d = json_dumps(j, 0);

		assert_non_null(strstr(d, "Vaktmester-4403"));
		free(d);
	}
	json_decref(j);

	/* Another report: the first receipt session cannot reach it. */
	client_init(&other, &S);
	id2 = anon_report(&other, "Annen-sak-4404", code2, sizeof(code2));
	assert_string_not_equal(code, code2);
	snprintf(path, sizeof(path), "/api/v1/whistle/reports/%lld/messages", (long long)id2);
	assert_int_equal(api_call(&anon, "POST", path, "{\"text\":\"Inntrenger\"}", &j), 404);
	json_decref(j);
	assert_int_equal(api_call(&anon, "GET", "/api/v1/whistle/reports/mine", NULL, &j), 200);
	assert_int_equal(json_array_size(j), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(j, 0), "id")), id);
	{
		char *d = json_dumps(j, 0);

		assert_null(strstr(d, "Annen-sak-4404"));
		free(d);
	}
	json_decref(j);
	/* Nor can a receipt session act as a handler. */
	assert_int_equal(wb_case_get(&anon, id, &j), 401);
	json_decref(j);
	client_free(&other);
	client_free(&anon);
}

/* Anonymous from a signed-in employee: a receipt code, and no trace in
 * their account's own list. */
static void
test_anonymous_from_account_is_unlinked(void **st)
{
	json_t		*j;
	json_int_t	 id;
	size_t		 i;

	(void)st;
	id = wb_report_ok(&emma, "{\"concerns\":\"employee\",\"reporter_category\":\"employee\","
	    "\"anonymous\":true,\"accused_login\":\"lars.eriksen\",\"what\":\"Uten-navn-4405\","
	    "\"why_censurable\":\"x\"}", &j);
	assert_non_null(json_string_value(json_object_get(j, "receipt_code")));
	json_decref(j);
	/* Routed by her unit as usual. */
	assert_true(wb_cases_has(&bjorn, id));
	assert_int_equal(api_call(&emma, "GET", "/api/v1/whistle/reports/mine", NULL, &j), 200);
	for (i = 0; i < json_array_size(j); i++)
		assert_int_not_equal(json_integer_value(json_object_get(json_array_get(j, i), "id")), id);
	json_decref(j);
	/* The handler is not told who it was. */
	json_decref(wb_act_ok(&bjorn, id, "{\"action\":\"declare_impartial\"}"));
	assert_int_equal(wb_case_get(&bjorn, id, &j), 200);
	{
		char *d = json_dumps(j, 0);

		assert_null(strstr(d, "emma.johansen"));
		assert_null(strstr(d, "Emma Johansen"));
		assert_true(json_is_true(json_object_get(j, "anonymous")));
		assert_false(json_is_true(json_object_get(j, "has_account")));
		free(d);
	}
	json_decref(j);
}

/* Every kind of wrong code gets the same answer; then guessing stops. */
/* Not anonymous, over the API with a token of someone who has never
 * signed in with a password (so no key to seal the case to): the receipt
 * code is the way to follow it, and the handler is told who reported, as
 * the reporter chose. The case named nobody ("Not given"). */
static void
test_token_report_names_reporter(void **st)
{
	struct client	 tok;
	char		 token[128];
	json_t		*j, *c;
	json_int_t	 id;

	(void)st;
	token_for(&S, NULL, "ole.vik", token, sizeof(token));
	api_client(&tok, &S, NULL, token);
	id = wb_report_ok(&tok, "{\"concerns\":\"employee\",\"reporter_category\":"
	    "\"employee\",\"accused_name\":\"En kollega\",\"what\":\"Med-navn-4406\","
	    "\"why_censurable\":\"x\"}", &j);
	assert_non_null(json_string_value(json_object_get(j, "receipt_code")));
	json_decref(j);
	json_decref(wb_act_ok(&bjorn, id, "{\"action\":\"declare_impartial\"}"));
	assert_int_equal(wb_case_get(&bjorn, id, &j), 200);
	c = json_object_get(j, "content");
	assert_false(json_is_true(json_object_get(j, "anonymous")));
	assert_non_null(json_string_value(json_object_get(c, "reporter_name")));
	assert_string_equal(json_string_value(json_object_get(c, "reporter_name")), "Ole Vik");
	assert_string_equal(json_string_value(json_object_get(c, "reporter_contact")),
	    "ole.vik@demokommune.example");
	json_decref(j);
	client_free(&tok);
}

static void
test_wrong_codes_and_throttle(void **st)
{
	struct client	 anon, guess;
	struct resp	 r;
	json_t		*j;
	char		 code[64], wrong[64], first_msg[512] = "", hdr[64];
	const char	*bad[3];
	size_t		 i;
	long		 stt = 0;

	(void)st;
	client_init(&anon, &S);
	(void)anon_report(&anon, "Gjetting-4406", code, sizeof(code));
	/* The right handle with a wrong secret. */
	snprintf(wrong, sizeof(wrong), "%s", code);
	for (i = 10; wrong[i]; i++)
		if (wrong[i] != '-')
			wrong[i] = wrong[i] == 'A' ? 'B' : 'A';
	bad[0] = "hello";
	bad[1] = "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ";
	bad[2] = wrong;
	client_init(&guess, &S);
	for (i = 0; i < 3; i++) {
		char body[128];

		snprintf(body, sizeof(body), "{\"receipt_code\":\"%s\"}", bad[i]);
		assert_int_equal(api_call(&guess, "POST", "/api/v1/whistle/receipt", body, &j), 401);
		if (i == 0)
			snprintf(first_msg, sizeof(first_msg), "%s", json_string_value(
			    json_object_get(json_object_get(j, "error"), "message")));
		else
			assert_string_equal(json_string_value(json_object_get(
			    json_object_get(j, "error"), "message")), first_msg);
		json_decref(j);
	}
	/* Keep guessing the same handle: throttled, with Retry-After. */
	for (i = 0; i < 30 && stt != 429; i++) {
		stt = receipt_login(&guess, wrong, &r);
		if (stt == 429) {
			assert_int_equal(resp_header(&r, "retry-after", hdr, sizeof(hdr)), 0);
			assert_true(strtol(hdr, NULL, 10) > 0);
		} else
			assert_int_equal(stt, 401);
		resp_free(&r);
	}
	assert_int_equal(stt, 429);
	/* While throttled, not even the right code gets through. */
	assert_int_equal(receipt_login(&guess, code, &r), 429);
	resp_free(&r);
	client_free(&guess);
	client_free(&anon);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_receipt_flow),
		cmocka_unit_test(test_anonymous_from_account_is_unlinked),
		cmocka_unit_test(test_token_report_names_reporter),
		cmocka_unit_test(test_wrong_codes_and_throttle),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
