/* A deviation or improvement proposal can name the governing document it
 * concerns (issue 14 item 6: "routine 2128 was not followed"): the field
 * `document` (the municipality's document ID) is taken the same by the
 * web form, the JSON API and the CSV import; an unknown ID is refused
 * naming the field, with nothing stored; the deviation page links the
 * document (/d/ID). Both backends. */
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

/* The document id kept on the deviation titled t (0: none or no such). */
static int64_t
doc_of(const char *t)
{
	return srv_db_int(&S, "SELECT COALESCE(MAX(document_id), 0) FROM"
	    " deviations WHERE title = $1", t);
}

static int64_t
count_of(const char *t)
{
	return srv_db_int(&S, "SELECT count(*) FROM deviations WHERE title = $1", t);
}

static void
test_api_takes_the_document(void **st)
{
	struct client	 c;
	json_t		*j;
	json_int_t	 vestre;
	char		 body[512];

	(void)st;
	session_client(&c, &S, "emma.johansen");
	vestre = unit_id_of(&c, "vestre-skole");
	snprintf(body, sizeof(body), "{\"description\":\"Rutinen ble ikke fulgt.\","
	    "\"category\":\"hms\",\"unit_id\":%lld,\"title\":\"API med rutine\","
	    "\"document\":\"2128\"}", (long long)vestre);
	j = api_json(&c, "POST", "/api/v1/deviations", body, 201);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j,
	    "document"), "code")), "2128");
	json_decref(j);
	assert_true(doc_of("API med rutine") > 0);

	/* An unknown ID: 400 naming the field, nothing stored. */
	snprintf(body, sizeof(body), "{\"description\":\"D.\",\"category\":\"hms\","
	    "\"unit_id\":%lld,\"title\":\"API ukjent rutine\",\"document\":\"99999\"}",
	    (long long)vestre);
	j = api_json(&c, "POST", "/api/v1/deviations", body, 400);
	assert_string_equal(json_err_field(j), "document");
	json_decref(j);
	assert_int_equal(count_of("API ukjent rutine"), 0);

	/* An improvement proposal may name one too. */
	snprintf(body, sizeof(body), "{\"kind\":\"improvement\",\"description\":"
	    "\"Endre punkt 3.\",\"unit_id\":%lld,\"title\":\"Forslag til rutine\","
	    "\"document\":\"2128\"}", (long long)vestre);
	json_decref(api_json(&c, "POST", "/api/v1/deviations", body, 201));
	assert_int_equal(doc_of("Forslag til rutine"), doc_of("API med rutine"));
	client_free(&c);
}

static void
test_form_takes_the_document(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_int_t	 vestre;
	char		 body[512], loc[256];

	(void)st;
	session_client(&c, &S, "emma.johansen");
	vestre = unit_id_of(&c, "vestre-skole");
	client_req(&c, "GET", "/deviations/new", NULL, NULL, &r);	/* CSRF */
	assert_int_equal(r.status, 200);
	/* The field, with the documents offered. */
	assert_true(resp_has(&r, "name=\"document\""));
	assert_true(resp_has(&r, "<option value=\"2128\">"));
	resp_free(&r);

	snprintf(body, sizeof(body), "kind=deviation&description=D.&category=hms"
	    "&unit_id=%lld&title=Skjema+ukjent+rutine&document=99999",
	    (long long)vestre);
	client_post_form(&c, "/deviations", body, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "f-document-error"));
	resp_free(&r);
	assert_int_equal(count_of("Skjema ukjent rutine"), 0);

	snprintf(body, sizeof(body), "kind=deviation&description=D.&category=hms"
	    "&unit_id=%lld&title=Skjema+med+rutine&document=2128",
	    (long long)vestre);
	client_post_form(&c, "/deviations", body, &r);
	assert_int_equal(r.status, 303);
	assert_true(resp_header(&r, "Location", loc, sizeof(loc)) == 0);
	resp_free(&r);
	assert_true(doc_of("Skjema med rutine") > 0);
	/* The page (not the receipt) links the document by its ID. */
	if (strchr(loc, '?') != NULL)
		*strchr(loc, '?') = '\0';
	client_req(&c, "GET", loc, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "href=\"/d/2128\""));
	resp_free(&r);
	client_free(&c);
}

static void
test_import_takes_the_document(void **st)
{
	struct buf	out;
	char		path[400];

	(void)st;
	write_file(&S, "bad-doc.csv", "number,kind,reported_at,occurred_at,unit_code,"
	    "category,title,description,status,closed_at,reporter_login,document\n"
	    ",deviation,2026-11-02,,kd,hms,Import ukjent rutine,Fra gamle system,new,,admin,99999\n",
	    path, sizeof(path));
	buf_init(&out, 4096);
	assert_int_not_equal(orden_run(&out, "import", "deviations", "--db", S.db, path,
	    NULL), 0);
	assert_non_null(strstr(buf_cstr(&out), ":2:"));
	assert_non_null(strstr(buf_cstr(&out), "document"));
	buf_free(&out);
	assert_int_equal(count_of("Import ukjent rutine"), 0);

	write_file(&S, "doc.csv", "number,kind,reported_at,occurred_at,unit_code,"
	    "category,title,description,status,closed_at,reporter_login,"
	    "concerns_leader,document\n"
	    ",deviation,2026-11-02,,kd,hms,Import med rutine,Fra gamle system,new,,admin,0,2128\n"
	    ",deviation,2026-11-02,,kd,hms,Import uten rutine,Fra gamle system,new,,admin,0,\n",
	    path, sizeof(path));
	buf_init(&out, 4096);
	if (orden_run(&out, "import", "deviations", "--db", S.db, path, NULL) != 0)
		fail_msg("import: %s", buf_cstr(&out));
	buf_free(&out);
	assert_true(doc_of("Import med rutine") > 0);
	assert_int_equal(doc_of("Import uten rutine"), 0);
	assert_int_equal(count_of("Import uten rutine"), 1);
}

/* The document's page lists what is tied to it for its owner and those who
 * manage documents, each as they may see it: the quality adviser sees the
 * deviation; an administrator who may not open a report with personal
 * data does not see it listed; an employee sees no list. A title is
 * escaped. */
static void
test_document_page_lists_what_the_viewer_may_see(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j;
	json_int_t	 vestre, id;
	int64_t		 doc;
	char		 body[512], path[128], tok[128];

	(void)st;
	session_client(&c, &S, "emma.johansen");
	vestre = unit_id_of(&c, "vestre-skole");
	snprintf(body, sizeof(body), "{\"description\":\"Navn på elev.\","
	    "\"category\":\"hms\",\"unit_id\":%lld,\"title\":\"Om <script>x</script>"
	    " rutine\",\"personal_data\":true,\"document\":\"2128\"}",
	    (long long)vestre);
	j = api_json(&c, "POST", "/api/v1/deviations", body, 201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	doc = doc_of("Om <script>x</script> rutine");
	assert_true(doc > 0);
	snprintf(path, sizeof(path), "/documents/%lld", (long long)doc);
	/* The reporter may read the document but not see who else reported. */
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(resp_has(&r, "Om &lt;script&gt;"));
	resp_free(&r);
	client_free(&c);

	session_client(&c, &S, "ingrid.haugen");
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Om &lt;script&gt;x&lt;/script&gt; rutine"));
	assert_false(resp_has(&r, "<script>x"));
	/* Only those tied to it. */
	assert_true(resp_has(&r, "Import med rutine"));
	assert_false(resp_has(&r, "Import uten rutine"));
	resp_free(&r);
	client_free(&c);

	/* The administrator may not open it, and does not see it listed. */
	session_client(&c, &S, "admin");
	snprintf(body, sizeof(body), "/api/v1/deviations/%lld", (long long)id);
	assert_int_equal(api_call(&c, "GET", body, NULL, &j), 404);
	json_decref(j);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(resp_has(&r, "Om &lt;script&gt;"));
	resp_free(&r);
	client_free(&c);

	/* The owner, a leader of another school, sees the list without it. */
	token_for(&S, NULL, "ingrid.haugen", tok, sizeof(tok));
	snprintf(body, sizeof(body), "/api/v1/documents/%lld/actions", (long long)doc);
	assert_int_equal(api_as(&S, NULL, tok, "POST", body,
	    "{\"action\":\"edit\",\"owner\":\"knut.holm\"}", &j), 200);
	json_decref(j);
	session_client(&c, &S, "knut.holm");
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "id=\"dv-h\""));
	assert_false(resp_has(&r, "Om &lt;script&gt;"));
	resp_free(&r);
	client_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_api_takes_the_document),
		cmocka_unit_test(test_form_takes_the_document),
		cmocka_unit_test(test_import_takes_the_document),
		cmocka_unit_test(test_document_page_lists_what_the_viewer_may_see),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
