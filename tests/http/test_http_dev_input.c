/* A new report's fields are declared once (deviation/dev_input.h:
 * dev_report_fields, issue 12 item 2): the form and the API refuse the
 * same over-long value, naming the same field, and store nothing. Both
 * backends. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
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
	srv_stop(&S, 0);
	return 0;
}

/* n copies of c in b, after what b has. */
static void
repeat(struct buf *b, const char *c, size_t n)
{
	while (n-- > 0)
		buf_puts(b, c);
}

/* The new-report form and the API both refuse n copies of fill as the
 * value of field, after the other fields (form: the urlencoded fields
 * ending in "field="; api: the JSON object up to the field's opening
 * quote), each naming field. */
static void
refused_both(struct client *c, const char *form, const char *api,
    const char *field, const char *fill, size_t n)
{
	struct resp	 r;
	struct buf	 f;
	json_t		*j;
	char		 id[64];

	buf_init(&f, 1024);
	buf_puts(&f, form);
	repeat(&f, fill, n);
	client_post_form(c, "/deviations", buf_cstr(&f), &r);
	assert_int_equal(r.status, 400);
	snprintf(id, sizeof(id), "f-%s-error", field);
	assert_true(resp_has(&r, id));
	resp_free(&r);
	buf_reset(&f);
	buf_puts(&f, api);
	repeat(&f, fill, n);
	buf_puts(&f, "\"}");
	j = api_json(c, "POST", "/api/v1/deviations", buf_cstr(&f), 400);
	assert_string_equal(json_err_field(j), field);
	json_decref(j);
	buf_free(&f);
}

static void
test_same_limits_form_and_api(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_int_t	 vestre;
	char		 form[160], api[160];

	(void)st;
	session_client(&c, &S, "emma.johansen");
	vestre = unit_id_of(&c, "vestre-skole");
	client_req(&c, "GET", "/deviations/new", NULL, NULL, &r);	/* CSRF */
	assert_int_equal(r.status, 200);
	resp_free(&r);

	/* A title of 201 characters. */
	snprintf(form, sizeof(form), "kind=deviation&description=D."
	    "&category=hms&unit_id=%lld&title=", (long long)vestre);
	snprintf(api, sizeof(api), "{\"description\":\"D.\",\"category\":"
	    "\"hms\",\"unit_id\":%lld,\"title\":\"", (long long)vestre);
	refused_both(&c, form, api, "title", "T", 201);

	/* A category code of 65 characters (the form took 40, the API 64). */
	snprintf(form, sizeof(form), "kind=deviation&description=D.&title=Lang"
	    "&unit_id=%lld&category=", (long long)vestre);
	snprintf(api, sizeof(api), "{\"description\":\"D.\",\"title\":\"Lang\","
	    "\"unit_id\":%lld,\"category\":\"", (long long)vestre);
	refused_both(&c, form, api, "category", "c", 65);

	assert_int_equal(srv_db_int(&S, "SELECT count(*) FROM deviations "
	    "WHERE title = $1", "Lang"), 0);
	client_free(&c);
}

/* A proposal has no consequence: the form keeps the hidden severity a
 * reporter picked before switching to "forbedringsforslag" (w21-probe:
 * the proposal then read "Konsekvens 4 – Kritisk"), and an integration
 * may send one. Neither is kept, from either entry point. */
static void
test_proposal_keeps_no_severity(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j;
	long long	 vestre;
	char		 form[200], api[200];

	(void)st;
	session_client(&c, &S, "emma.johansen");
	vestre = (long long)unit_id_of(&c, "vestre-skole");
	client_req(&c, "GET", "/deviations/new", NULL, NULL, &r);	/* CSRF */
	resp_free(&r);
	snprintf(form, sizeof(form), "kind=improvement&title=Skjema+med+konsekvens"
	    "&description=D.&severity=4&unit_id=%lld", vestre);
	client_post_form(&c, "/deviations", form, &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	snprintf(api, sizeof(api), "{\"kind\":\"improvement\",\"title\":"
	    "\"API med konsekvens\",\"description\":\"D.\",\"severity\":4,"
	    "\"unit_id\":%lld}", vestre);
	j = api_json(&c, "POST", "/api/v1/deviations", api, 201);
	assert_true(json_is_null(json_object_get(j, "severity")));
	json_decref(j);
	assert_int_equal(srv_db_int(&S, "SELECT count(*) FROM deviations "
	    "WHERE kind = 'improvement' AND severity IS NULL AND title IN "
	    "('Skjema med konsekvens', 'API med konsekvens')", NULL), 2);
	/* A deviation keeps its own. */
	snprintf(api, sizeof(api), "{\"title\":\"Avvik med konsekvens\","
	    "\"description\":\"D.\",\"severity\":4,\"category\":\"hms\","
	    "\"unit_id\":%lld}", vestre);
	j = api_json(&c, "POST", "/api/v1/deviations", api, 201);
	assert_int_equal(json_integer_value(json_object_get(j, "severity")), 4);
	json_decref(j);
	client_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_limits_form_and_api),
		cmocka_unit_test(test_proposal_keeps_no_severity),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
