/* Governing documents (issue 14) against a real server, on both backends:
 * the register's lifecycle (draft -> pending -> current), versions and the
 * read-confirmation rules (a significant version asks again, a minor one
 * does not), coverage against a recount, the leader's go-through, bad
 * input refused with the field named and nothing stored (a renamed EXE, a
 * path in a file name, an ID in use, dates in the wrong order), script in
 * the text rendered inert, search, the permanent link and a public
 * document, drafts hidden from others, and revision reminders with the
 * clock moved (`orden tick`). Each action through the JSON API and the web
 * form. */
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

#define DAY	86400

static struct srv S;
static char tok_q[128], tok_emma[128], tok_bjorn[128], tok_knut[128];
static json_int_t process;

/* A PDF (its header is what counts) and a Windows program. */
#define PDF_B64	"JVBERi0xLjQKJXRlc3QK"
#define EXE_B64	"TVqQAAMAAABUaGlzIHByb2dyYW0gY2Fubm90IGJlIHJ1biBpbiBET1MgbW9kZQ=="

static long
call(const char *token, const char *method, const char *path, const char *body,
    json_t **out)
{
	struct client	c;
	long		st;

	api_client(&c, &S, NULL, token);
	st = api_call(&c, method, path, body, out);
	client_free(&c);
	return st;
}

static json_t *
ok(const char *token, const char *method, const char *path, const char *body,
    long want)
{
	json_t	*j = NULL;
	long	 st = call(token, method, path, body, &j);

	if (st != want) {
		char *s = j != NULL ? json_dumps(j, 0) : NULL;

		fail_msg("%s %s: %ld, want %ld: %s", method, path, st, want,
		    s != NULL ? s : "");
	}
	return j;
}

static void
expect(const char *token, const char *method, const char *path,
    const char *body, long want, const char *field)
{
	json_t *j = ok(token, method, path, body, want);

	if (field != NULL)
		assert_string_equal(json_err_field(j), field);
	json_decref(j);
}

static int64_t
count(const char *sql, const char *arg)
{
	return srv_db_int(&S, sql, arg);
}

static int
setup(void **st)
{
	json_t *j;

	(void)st;
	srv_prepare(&S, 1);
	token_for(&S, NULL, "ingrid.haugen", tok_q, sizeof(tok_q));
	token_for(&S, NULL, "emma.johansen", tok_emma, sizeof(tok_emma));
	token_for(&S, NULL, "bjorn.saether", tok_bjorn, sizeof(tok_bjorn));
	token_for(&S, NULL, "knut.holm", tok_knut, sizeof(tok_knut));
	srv_start(&S, NULL);
	j = ok(tok_q, "GET", "/api/v1/document-processes", NULL, 200);
	/* The three top groups of a new municipality. */
	assert_true(json_array_size(j) >= 3);
	process = json_integer_value(json_object_get(json_array_get(j, 0), "id"));
	json_decref(j);
	/* The bodies of test_bad_input name process 1: the first one made. */
	assert_int_equal(process, 1);
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	srv_stop(&S, 0);
	return 0;
}

/* Create a document through the API (as quality), 201; its id. */
static json_int_t
create(const char *code, const char *extra)
{
	char		 body[2048];
	json_t		*j;
	json_int_t	 id;

	snprintf(body, sizeof(body), "{\"code\":\"%s\",\"title\":\"Rutine %s\","
	    "\"type\":\"routine\",\"process_id\":%lld%s}", code, code,
	    (long long)process, extra);
	j = ok(tok_q, "POST", "/api/v1/documents", body, 201);
	id = json_integer_value(json_object_get(j, "id"));
	assert_string_equal(json_string_value(json_object_get(j, "status")), "draft");
	json_decref(j);
	return id;
}

static void
act(const char *token, json_int_t id, const char *body, long want,
    const char *field)
{
	char path[96];

	snprintf(path, sizeof(path), "/api/v1/documents/%lld/actions", (long long)id);
	expect(token, "POST", path, body, want, field);
}

static void
approve(json_int_t id)
{
	act(tok_q, id, "{\"action\":\"submit\"}", 200, NULL);
	act(tok_q, id, "{\"action\":\"approve\",\"approval_body\":\"AMU\","
	    "\"approval_case\":\"K.sak 69/2025\"}", 200, NULL);
}

/* Whether code is on the token's "to read" list. */
static int
to_read(const char *token, const char *code)
{
	json_t	*j = ok(token, "GET", "/api/v1/documents/to-read", NULL, 200), *e;
	size_t	 i;
	int	 found = 0;

	json_array_foreach(j, i, e)
		if (strcmp(json_string_value(json_object_get(e, "code")), code) == 0)
			found = 1;
	json_decref(j);
	return found;
}

/* The notices that T2128 waits to be read. */
#define TOLD_T2128 "SELECT COUNT(*) FROM notifications WHERE kind = 'doc_to_read'" \
    " AND text = 'T2128'"

static void
test_lifecycle_and_confirmation(void **st)
{
	json_int_t	 id;
	json_t		*j;
	char		 path[96];

	(void)st;
	id = create("T2128", ",\"body\":\"# Melding av avvik\\n- Meld straks\"");
	snprintf(path, sizeof(path), "/api/v1/documents/%lld", (long long)id);
	/* A draft is seen by its owner and quality only. */
	expect(tok_emma, "GET", path, NULL, 404, NULL);
	expect(tok_bjorn, "GET", path, NULL, 404, NULL);
	/* Nobody approves what was not sent for approval. */
	act(tok_q, id, "{\"action\":\"approve\",\"approval_body\":\"AMU\"}", 409, NULL);
	approve(id);
	j = ok(tok_emma, "GET", path, NULL, 200);
	assert_string_equal(json_string_value(json_object_get(j, "status")), "current");
	assert_int_equal(json_integer_value(json_object_get(j, "current_version")), 1);
	assert_false(json_is_true(json_object_get(j, "confirmed")));
	json_decref(j);
	/* Version 1 asks everyone it applies to, and tells each of them
	 * (the whole municipality: every active person), once. */
	assert_true(to_read(tok_emma, "T2128"));
	assert_int_equal(count(TOLD_T2128, NULL),
	    count("SELECT COUNT(*) FROM people WHERE active = 1", NULL));
	assert_int_equal(count(TOLD_T2128 " AND person_id = (SELECT id FROM"
	    " people WHERE login = 'emma.johansen')", NULL), 1);
	/* An employee may not approve or edit. */
	act(tok_emma, id, "{\"action\":\"review\"}", 403, NULL);
	act(tok_emma, id, "{\"action\":\"confirm\"}", 200, NULL);
	assert_false(to_read(tok_emma, "T2128"));
	assert_true(to_read(tok_bjorn, "T2128"));

	/* A minor version does not ask again. */
	act(tok_q, id, "{\"action\":\"version\",\"body\":\"# Melding av avvik\\n"
	    "- Meld straks, i Orden\",\"change_note\":\"Skrivefeil\","
	    "\"significant\":false}", 200, NULL);
	/* The reader still sees version 1 while 2 waits. */
	j = ok(tok_emma, "GET", path, NULL, 200);
	assert_int_equal(json_integer_value(json_object_get(
	    json_object_get(j, "version"), "number")), 1);
	json_decref(j);
	approve(id);
	assert_false(to_read(tok_emma, "T2128"));
	assert_int_equal(count(TOLD_T2128 " AND person_id = (SELECT id FROM"
	    " people WHERE login = 'emma.johansen')", NULL), 1);
	/* A significant one does, and tells her again. */
	act(tok_q, id, "{\"action\":\"version\",\"body\":\"Ny prosess.\","
	    "\"significant\":true}", 200, NULL);
	approve(id);
	assert_true(to_read(tok_emma, "T2128"));
	assert_int_equal(count(TOLD_T2128 " AND person_id = (SELECT id FROM"
	    " people WHERE login = 'emma.johansen')", NULL), 2);
	/* Every version stays readable. */
	snprintf(path, sizeof(path), "/api/v1/documents/%lld/versions", (long long)id);
	j = ok(tok_emma, "GET", path, NULL, 200);
	assert_int_equal(json_array_size(j), 3);
	json_decref(j);
	assert_int_equal(count("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'doc_%'",
	    NULL) >= 8, 1);
}

/* Coverage per unit against a recount from the database, and the
 * leader's go-through counted for those present. */
static void
test_coverage_and_go_through(void **st)
{
	json_int_t	 id, vestre;
	json_t		*j;
	char		 path[96], body[256];
	int64_t		 people;

	(void)st;
	vestre = count("SELECT id FROM units WHERE name = 'Vestre skole'", NULL);
	snprintf(body, sizeof(body), ",\"body\":\"Tekst.\",\"unit_id\":%lld",
	    (long long)vestre);
	id = create("3001", body);
	approve(id);
	people = count("SELECT COUNT(*) FROM people p WHERE p.active = 1 AND"
	    " p.unit_id IN (SELECT unit_id FROM unit_ancestors WHERE ancestor_id = "
	    "(SELECT id FROM units WHERE name = 'Vestre skole'))", NULL);
	snprintf(path, sizeof(path), "/api/v1/documents/%lld/coverage", (long long)id);
	j = ok(tok_q, "GET", path, NULL, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "asked")), people);
	assert_int_equal(json_integer_value(json_object_get(j, "confirmed")), 0);
	json_decref(j);
	/* An employee does not follow coverage; a leader elsewhere may not
	 * register a go-through for Vestre's staff. */
	expect(tok_emma, "GET", path, NULL, 403, NULL);
	expect(tok_knut, "GET", path, NULL, 404, NULL);
	act(tok_bjorn, id, "{\"action\":\"go_through\",\"attendees\":\"emma.johansen nora.pedersen\"}",
	    400, "attendees");
	act(tok_bjorn, id, "{\"action\":\"go_through\",\"held_on\":\"2099-01-01\","
	    "\"attendees\":\"emma.johansen\"}", 400, "held_on");
	act(tok_bjorn, id, "{\"action\":\"go_through\",\"attendees\":\"emma.johansen\"}",
	    200, NULL);
	j = ok(tok_bjorn, "GET", path, NULL, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "confirmed")), 1);
	json_decref(j);
	assert_int_equal(count("SELECT COUNT(*) FROM document_reads WHERE via_by IS NOT NULL",
	    NULL), 1);
	assert_false(to_read(tok_emma, "3001"));
	/* Knut's school is not under Vestre: not asked, not shown. */
	assert_false(to_read(tok_knut, "3001"));
}

/* The body of GET path for login (a session), or NULL when not 200. */
static char *
page(const char *login, const char *path)
{
	struct client	 c;
	struct resp	 r;
	char		*body = NULL;

	session_client(&c, &S, login);
	client_req(&c, "GET", path, NULL, NULL, &r);
	if (r.status == 200)
		body = strdup(buf_cstr(&r.body));
	resp_free(&r);
	client_free(&c);
	return body;
}

/* Revision status by unit: the quality adviser sees every unit, a leader
 * their subtree, an employee none; the count is a recount. */
static void
test_revision_by_unit(void **st)
{
	char	*p, want[256];
	int64_t	 n;

	(void)st;
	/* 3001 (test_coverage_and_go_through) is Vestre skole's. */
	n = count("SELECT COUNT(*) FROM documents d JOIN document_units du ON"
	    " du.document_id = d.id WHERE d.status = 'current' AND du.unit_id ="
	    " (SELECT id FROM units WHERE name = 'Vestre skole')", NULL);
	assert_true(n >= 1);
	snprintf(want, sizeof(want), "Vestre skole</th><td>%lld</td>", (long long)n);
	p = page("ingrid.haugen", "/documents/revision");
	assert_non_null(p);
	assert_non_null(strstr(p, "id=\"revu-h\""));
	assert_non_null(strstr(p, want));
	free(p);
	p = page("bjorn.saether", "/documents/revision");
	assert_non_null(p);
	assert_non_null(strstr(p, want));
	free(p);
	/* Knut leads another school: Vestre is not his to follow. */
	p = page("knut.holm", "/documents/revision");
	assert_non_null(p);
	assert_non_null(strstr(p, "id=\"revu-h\""));
	assert_null(strstr(p, "Vestre skole</th>"));
	free(p);
	p = page("emma.johansen", "/documents/revision");
	assert_non_null(p);
	assert_null(strstr(p, "id=\"revu-h\""));
	free(p);
}

/* What documents ask of the people in Vestre skole's subtree, recounted
 * from the tables: pairs asked, pairs confirmed, people with something
 * left. */
#define VESTRE_PEOPLE \
    " FROM people p JOIN documents d ON d.tenant_id = p.tenant_id" \
    " WHERE p.active = 1 AND p.unit_id IN (SELECT unit_id FROM unit_ancestors" \
    "  WHERE ancestor_id = (SELECT id FROM units WHERE name = 'Vestre skole'))" \
    " AND d.status = 'current' AND d.confirm_from > 0 AND (d.all_units = 1" \
    "  OR EXISTS (SELECT 1 FROM document_units du WHERE du.document_id = d.id" \
    "  AND du.unit_id IN (SELECT ancestor_id FROM unit_ancestors" \
    "   WHERE unit_id = p.unit_id)))"
#define READ_IT \
    " EXISTS (SELECT 1 FROM document_reads r WHERE r.document_id = d.id" \
    " AND r.person_id = p.id AND r.version >= d.confirm_from)"

/* Coverage drill-down through the tree against a recount, and the
 * leader's reminder: to those with something left, once a week, audited;
 * through the API and the web form. */
static void
test_reading_and_remind(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j, *e;
	char		 path[128], body[96], loc[256];
	int64_t		 vestre, asked, done, left;
	size_t		 i;
	int		 emma = 0;

	(void)st;
	vestre = count("SELECT id FROM units WHERE name = 'Vestre skole'", NULL);
	asked = count("SELECT COUNT(*)" VESTRE_PEOPLE, NULL);
	done = count("SELECT COUNT(*)" VESTRE_PEOPLE " AND" READ_IT, NULL);
	left = count("SELECT COUNT(DISTINCT p.id)" VESTRE_PEOPLE " AND NOT" READ_IT,
	    NULL);
	assert_true(asked > done && done >= 1 && left >= 1);
	snprintf(path, sizeof(path), "/api/v1/documents/reading?unit_id=%lld",
	    (long long)vestre);
	j = ok(tok_bjorn, "GET", path, NULL, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "asked")), asked);
	assert_int_equal(json_integer_value(json_object_get(j, "confirmed")), done);
	json_array_foreach(json_object_get(j, "people"), i, e)
		if (strcmp(json_string_value(json_object_get(e, "name")),
		    "Emma Johansen") == 0) {
			emma = 1;
			assert_true(json_integer_value(json_object_get(e, "confirmed")) >= 1);
		}
	assert_true(emma);
	json_decref(j);
	/* The top of a leader's tree is their own unit. */
	j = ok(tok_bjorn, "GET", "/api/v1/documents/reading", NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "units")), 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(
	    json_object_get(j, "units"), 0), "asked")), asked);
	json_decref(j);
	expect(tok_knut, "GET", path, NULL, 403, NULL);
	expect(tok_emma, "GET", "/api/v1/documents/reading", NULL, 403, NULL);
	expect(tok_q, "GET", "/api/v1/documents/reading?unit_id=x", NULL, 400, "unit_id");
	expect(tok_q, "GET", "/api/v1/documents/reading?unit_id=999999", NULL, 404, NULL);

	/* The reminder. */
	snprintf(body, sizeof(body), "{\"unit_id\":%lld}", (long long)vestre);
	expect(tok_knut, "POST", "/api/v1/documents/reading/remind", body, 403, NULL);
	expect(tok_emma, "POST", "/api/v1/documents/reading/remind", body, 403, NULL);
	expect(tok_bjorn, "POST", "/api/v1/documents/reading/remind", "{}", 400, "unit_id");
	assert_int_equal(count("SELECT COUNT(*) FROM notifications WHERE kind ="
	    " 'doc_read_reminder'", NULL), 0);
	j = ok(tok_bjorn, "POST", "/api/v1/documents/reading/remind", body, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "reminded")), left);
	json_decref(j);
	assert_int_equal(count("SELECT COUNT(*) FROM notifications WHERE kind ="
	    " 'doc_read_reminder'", NULL), left);
	/* Those who have confirmed everything are left alone. */
	assert_int_equal(count("SELECT COUNT(*) FROM notifications n WHERE"
	    " n.kind = 'doc_read_reminder' AND n.person_id NOT IN (SELECT p.id"
	    VESTRE_PEOPLE " AND NOT" READ_IT ")", NULL), 0);
	/* Pressed again the same week (here: by the web form): nobody twice. */
	session_client(&c, &S, "bjorn.saether");
	snprintf(path, sizeof(path), "/documents/reading?unit_id=%lld", (long long)vestre);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "action=\"/documents/reading/remind\""));
	resp_free(&r);
	snprintf(body, sizeof(body), "unit_id=%lld", (long long)vestre);
	client_post_form(&c, "/documents/reading/remind", body, &r);
	assert_int_equal(r.status, 303);
	assert_int_equal(resp_header(&r, "location", loc, sizeof(loc)), 0);
	assert_non_null(strstr(loc, "reminded=0"));
	resp_free(&r);
	client_req(&c, "GET", loc, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Reminded: 0.") || resp_has(&r, "Påminnet: 0."));
	resp_free(&r);
	client_free(&c);
	assert_int_equal(count("SELECT COUNT(*) FROM notifications WHERE kind ="
	    " 'doc_read_reminder'", NULL), left);
	assert_int_equal(count("SELECT COUNT(*) FROM audit_log WHERE action ="
	    " 'doc_remind'", NULL), 2);
	/* A leader elsewhere gets no form either. */
	session_client(&c, &S, "knut.holm");
	client_post_form(&c, "/documents/reading/remind", body, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	client_free(&c);
}

/* Several units per document: each unit's people read it and are asked,
 * others are not; a code that is no unit is refused, nothing stored, and
 * script in it comes back inert. */
static void
test_several_units(void **st)
{
	struct client	 q;
	struct resp	 r;
	json_int_t	 id;
	json_t		*j;
	char		 path[96], form[512];
	int64_t		 people, docs;

	(void)st;
	id = create("8001", ",\"body\":\"To skoler.\",\"units\":\"vestre-skole, ostbyen-skole vestre-skole\"");
	assert_int_equal(count("SELECT COUNT(*) FROM document_units WHERE document_id ="
	    " (SELECT id FROM documents WHERE code = '8001')", NULL), 2);
	approve(id);
	assert_true(to_read(tok_emma, "8001"));
	assert_true(to_read(tok_knut, "8001"));
	snprintf(path, sizeof(path), "/api/v1/documents/%lld", (long long)id);
	j = ok(tok_knut, "GET", path, NULL, 200);
	assert_int_equal(json_array_size(json_object_get(j, "unit_ids")), 2);
	json_decref(j);
	people = count("SELECT COUNT(*) FROM people p WHERE p.active = 1 AND"
	    " p.unit_id IN (SELECT unit_id FROM unit_ancestors WHERE ancestor_id IN"
	    " (SELECT id FROM units WHERE code IN ('vestre-skole', 'ostbyen-skole')))",
	    NULL);
	snprintf(path, sizeof(path), "/api/v1/documents/%lld/coverage", (long long)id);
	j = ok(tok_q, "GET", path, NULL, 200);
	assert_int_equal(json_integer_value(json_object_get(j, "asked")), people);
	json_decref(j);
	/* Both schools' leaders follow it now. */
	expect(tok_knut, "GET", path, NULL, 200, NULL);
	expect(tok_bjorn, "GET", path, NULL, 200, NULL);
	/* Back to one unit by the edit. */
	act(tok_q, id, "{\"action\":\"edit\",\"units\":\"ostbyen-skole\"}", 200, NULL);
	assert_false(to_read(tok_emma, "8001"));
	assert_true(to_read(tok_knut, "8001"));
	/* Bad codes: refused with the field named, nothing stored. */
	docs = count("SELECT COUNT(*) FROM documents", NULL);
	expect(tok_q, "POST", "/api/v1/documents", "{\"code\":\"8002\",\"title\":\"T\","
	    "\"type\":\"routine\",\"process_id\":1,\"body\":\"x\",\"units\":\"vestre-skole nope\"}",
	    400, "units");
	act(tok_q, id, "{\"action\":\"edit\",\"units\":\"nope\"}", 400, "units");
	assert_int_equal(count("SELECT COUNT(*) FROM documents", NULL), docs);
	assert_int_equal(count("SELECT COUNT(*) FROM document_units WHERE document_id ="
	    " (SELECT id FROM documents WHERE code = '8001')", NULL), 1);
	session_client(&q, &S, "ingrid.haugen");
	client_req(&q, "GET", "/documents/new", NULL, NULL, &r);
	assert_true(resp_has(&r, "name=\"units\""));
	resp_free(&r);
	snprintf(form, sizeof(form), "code=8003&title=T&type=routine&process_id=%lld"
	    "&body=x&units=%%3Cscript%%3Ealert(1)%%3C%%2Fscript%%3E", (long long)process);
	client_post_form(&q, "/documents", form, &r);
	assert_int_equal(r.status, 400);
	assert_false(resp_has(&r, "<script>alert(1)"));
	assert_true(resp_has(&r, "&lt;script&gt;alert(1)"));
	resp_free(&r);
	client_free(&q);
	assert_int_equal(count("SELECT COUNT(*) FROM documents", NULL), docs);
}

static void
test_bad_input(void **st)
{
	json_int_t	 id;
	int64_t		 docs, vers;

	(void)st;
	id = create("4001", ",\"body\":\"x\"");
	docs = count("SELECT COUNT(*) FROM documents", NULL);
	vers = count("SELECT COUNT(*) FROM document_versions", NULL);
	/* An ID in use. */
	expect(tok_q, "POST", "/api/v1/documents", "{\"code\":\"4001\",\"title\":\"T\","
	    "\"type\":\"routine\",\"process_id\":1,\"body\":\"x\"}", 400, "code");
	/* A program renamed .pdf; a path in the name; no content at all. */
	expect(tok_q, "POST", "/api/v1/documents", "{\"code\":\"4002\",\"title\":\"T\","
	    "\"type\":\"routine\",\"process_id\":1,\"file\":[{\"name\":\"rutine.pdf\","
	    "\"content_type\":\"application/pdf\",\"data\":\"" EXE_B64 "\"}]}", 400, "file");
	expect(tok_q, "POST", "/api/v1/documents", "{\"code\":\"4002\",\"title\":\"T\","
	    "\"type\":\"routine\",\"process_id\":1,\"file\":[{\"name\":\"../../etc/rutine.pdf\","
	    "\"content_type\":\"application/pdf\",\"data\":\"" PDF_B64 "\"}]}", 400, "file");
	/* A PDF named .docx is not what its name says. */
	expect(tok_q, "POST", "/api/v1/documents", "{\"code\":\"4002\",\"title\":\"T\","
	    "\"type\":\"routine\",\"process_id\":1,\"file\":[{\"name\":\"rutine.docx\","
	    "\"content_type\":\"application/pdf\",\"data\":\"" PDF_B64 "\"}]}", 400, "file");
	expect(tok_q, "POST", "/api/v1/documents", "{\"code\":\"4002\",\"title\":\"T\","
	    "\"type\":\"routine\",\"process_id\":1}", 400, "body");
	expect(tok_q, "POST", "/api/v1/documents", "{\"code\":\"a/b\",\"title\":\"T\","
	    "\"type\":\"routine\",\"process_id\":1,\"body\":\"x\"}", 400, "code");
	expect(tok_q, "POST", "/api/v1/documents", "{\"code\":\"4002\",\"title\":\"T\","
	    "\"type\":\"bogus\",\"process_id\":1,\"body\":\"x\"}", 400, "type");
	/* Employees do not add to the register. */
	expect(tok_emma, "POST", "/api/v1/documents", "{\"code\":\"4003\"}", 403, NULL);
	assert_int_equal(count("SELECT COUNT(*) FROM documents", NULL), docs);
	assert_int_equal(count("SELECT COUNT(*) FROM document_versions", NULL), vers);
	/* Dates in the wrong order, or not a date. */
	act(tok_q, id, "{\"action\":\"submit\"}", 200, NULL);
	act(tok_q, id, "{\"action\":\"approve\",\"approval_body\":\"AMU\","
	    "\"approved_on\":\"2026-01-10\",\"next_revision\":\"2025-01-10\"}", 400,
	    "next_revision");
	act(tok_q, id, "{\"action\":\"approve\",\"approval_body\":\"AMU\","
	    "\"approved_on\":\"10.01.2026\"}", 400, "approved_on");
	act(tok_q, id, "{\"action\":\"approve\"}", 400, "approval_body");
	assert_int_equal(count("SELECT COUNT(*) FROM documents WHERE code = '4001'"
	    " AND status = 'pending'", NULL), 1);
	/* A real PDF is taken, with its SHA-256. */
	expect(tok_q, "POST", "/api/v1/documents", "{\"code\":\"4002\",\"title\":\"T\","
	    "\"type\":\"routine\",\"process_id\":1,\"file\":[{\"name\":\"rutine.pdf\","
	    "\"content_type\":\"application/pdf\",\"data\":\"" PDF_B64 "\"}]}", 201, NULL);
	assert_int_equal(count("SELECT COUNT(*) FROM document_versions WHERE"
	    " file_type = 'pdf' AND file_sha256 = "
	    "'9d636b97713c8962c840e079a81f4805526bd2e3a1333bde969230f392a410f7'", NULL), 1);
}

/* The web form: create, approve and confirm through the pages; script in
 * the text is shown as text. */
static void
test_web_forms_and_xss(void **st)
{
	struct client	 q, e;
	struct resp	 r;
	char		 loc[256], form[1024], path[128];
	json_int_t	 id;

	(void)st;
	session_client(&q, &S, "ingrid.haugen");
	snprintf(form, sizeof(form), "code=5001&title=%%3Cscript%%3Ealert(1)%%3C%%2Fscript%%3E"
	    "&type=routine&process_id=%lld&body=%%3Cimg+src%%3Dx+onerror%%3Dalert(1)%%3E%%0A"
	    "%%5Bklikk%%5D(javascript%%3Aalert(1))", (long long)process);
	client_post_form(&q, "/documents", form, &r);
	assert_int_equal(r.status, 303);
	assert_int_equal(resp_header(&r, "location", loc, sizeof(loc)), 0);
	resp_free(&r);
	id = count("SELECT id FROM documents WHERE code = '5001'", NULL);
	snprintf(path, sizeof(path), "/documents/%lld/action", (long long)id);
	client_post_form(&q, path, "action=submit", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	/* The form says which field is wrong, and nothing changes. */
	client_post_form(&q, path, "action=approve", &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "approval_body"));
	resp_free(&r);
	client_post_form(&q, path, "action=approve&approval_body=AMU", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	session_client(&e, &S, "emma.johansen");
	snprintf(path, sizeof(path), "/documents/%lld", (long long)id);
	client_req(&e, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(resp_has(&r, "<script>alert"));
	assert_false(resp_has(&r, "<img src=x"));
	assert_false(resp_has(&r, "href=\"javascript"));
	/* The address's own parentheses nest: nothing of it is left as text. */
	assert_true(resp_has(&r, "klikk</a>"));
	assert_false(resp_has(&r, "</a>)"));
	assert_true(resp_has(&r, "&lt;img src=x onerror=alert(1)&gt;"));
	assert_true(resp_has(&r, "I have read and understood") ||
	    resp_has(&r, "lest og forst"));
	/* The confirmation comes after the text it confirms, and the top of
	 * the page leads to it. */
	assert_non_null(strstr(buf_cstr(&r.body), "klikk</a>"));
	assert_non_null(strstr(buf_cstr(&r.body), "<div id=\"confirm\">"));
	assert_true(strstr(buf_cstr(&r.body), "klikk</a>") <
	    strstr(buf_cstr(&r.body), "<div id=\"confirm\">"));
	assert_true(resp_has(&r, "<a href=\"#confirm\">"));
	resp_free(&r);
	snprintf(path, sizeof(path), "/documents/%lld/action", (long long)id);
	client_post_form(&e, path, "action=confirm", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	assert_false(to_read(tok_emma, "5001"));
	/* The employee's forms cannot approve. */
	client_post_form(&e, path, "action=retire", &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	/* The permanent link opens the document. */
	client_req(&e, "GET", "/d/5001", NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_int_equal(resp_header(&r, "location", loc, sizeof(loc)), 0);
	snprintf(path, sizeof(path), "/documents/%lld", (long long)id);
	assert_string_equal(loc, path);
	resp_free(&r);
	client_free(&q);
	client_free(&e);
}

static void
test_search_public_and_file_by_web(void **st)
{
	struct client	 anon, q;
	struct resp	 r;
	json_int_t	 id;
	json_t		*j;

	(void)st;
	client_init(&anon, &S);
	/* The demo's whistleblowing routine (2102) is public; 6001 is not
	 * there yet. */
	client_req(&anon, "GET", "/whistle", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "href=\"/d/2102\""));
	assert_false(resp_has(&r, "href=\"/d/6001\""));
	resp_free(&r);
	/* A whole routine, not a placeholder: whom a report goes to and
	 * what the receipt code is for, read without logging in. */
	client_req(&anon, "GET", "/d/2102", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Hvem behandler varselet"));
	assert_true(resp_has(&r, "kvitteringskoden"));
	assert_true(resp_has(&r, "href=\"/whistle\""));
	resp_free(&r);
	id = create("6001", ",\"body\":\"Varslingsrutinen: slik varsler du.\","
	    "\"public\":true");
	/* A draft is not published. */
	client_req(&anon, "GET", "/whistle/new", NULL, NULL, &r);
	assert_false(resp_has(&r, "href=\"/d/6001\""));
	resp_free(&r);
	approve(id);
	/* The public routine is linked from the front door and the form. */
	client_req(&anon, "GET", "/whistle", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "href=\"/d/6001\""));
	resp_free(&r);
	client_req(&anon, "GET", "/whistle/new", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "href=\"/d/6001\""));
	resp_free(&r);
	j = ok(tok_emma, "GET", "/api/v1/documents?q=VARSLINGSRUTINEN%20SLIK%20VARSLER%20DU", NULL, 200);
	assert_int_equal(json_array_size(j), 1);
	json_decref(j);
	j = ok(tok_emma, "GET", "/api/v1/documents?q=ingen-slik-tekstx", NULL, 200);
	assert_int_equal(json_array_size(j), 0);
	json_decref(j);
	client_req(&anon, "GET", "/d/6001", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "slik varsler du"));
	resp_free(&r);
	/* Not public: the reader is asked to log in, and learns nothing. */
	client_req(&anon, "GET", "/d/T2128", NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_free(&anon);
	/* A file through the web form: a renamed program is refused. */
	session_client(&q, &S, "ingrid.haugen");
	client_req(&q, "GET", "/documents?q=6001", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "6001"));
	resp_free(&r);
	client_free(&q);
}

/* A public document is readable by anyone at /d/{ID}: also by someone
 * signed in whose unit it is not for (who may not open its page), as the
 * public reads it; one that is not public stays not found to them. */
static void
test_public_link_signed_in_elsewhere(void **st)
{
	struct client	 em;
	struct resp	 r;
	json_int_t	 pub, closed, ost;
	char		 body[256], path[96];

	(void)st;
	ost = count("SELECT id FROM units WHERE code = 'ostbyen-skole'", NULL);
	snprintf(body, sizeof(body), ",\"body\":\"Offentlig for Østbyen.\","
	    "\"public\":true,\"unit_id\":%lld", (long long)ost);
	pub = create("6901", body);
	approve(pub);
	snprintf(body, sizeof(body), ",\"body\":\"Bare for Østbyen.\","
	    "\"unit_id\":%lld", (long long)ost);
	closed = create("6902", body);
	approve(closed);

	/* Emma is at Vestre skole. */
	session_client(&em, &S, "emma.johansen");
	snprintf(path, sizeof(path), "/documents/%lld", (long long)pub);
	client_req(&em, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	client_req(&em, "GET", "/d/6901", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Offentlig for Østbyen."));
	resp_free(&r);
	client_req(&em, "GET", "/d/6902", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	assert_false(resp_has(&r, "Bare for Østbyen."));
	resp_free(&r);
	client_free(&em);
}

/* The codes of the documents q finds for token (a %-encoded query), as
 * " C1 C2 " to test with strstr; *n the count. */
static void
found(const char *token, const char *q, char *codes, size_t sz, size_t *n)
{
	char	 path[512];
	json_t	*j;
	size_t	 i, len = 0;

	snprintf(path, sizeof(path), "/api/v1/documents?q=%s", q);
	j = ok(token, "GET", path, NULL, 200);
	codes[0] = '\0';
	*n = json_array_size(j);
	for (i = 0; i < *n && len + 2 < sz; i++)
		len += (size_t)snprintf(codes + len, sz - len, " %s",
		    json_string_value(json_object_get(json_array_get(j, i), "code")));
	if (len + 2 < sz)
		snprintf(codes + len, sz - len, " ");
	json_decref(j);
}

/* Full-text search (migration 0033): a word of the current text, the ID,
 * a word's start; what the reader may not see stays out of the answer;
 * the query language's own characters are taken as text, never a 500. */
static void
test_full_text_search(void **st)
{
	static const char *const odd[] = {
		"%22", "AND", "*", "%22legemidler", "legemidler%20AND%20(",
		"NEAR(a%20b)", "%27", "%3A*", "%26%7C!", "a%22%20OR%20%22b",
		"%E2%80%93", "%C3%A6%C3%B8%C3%A5", "-", "%5E", "x%3A", NULL
	};
	char		 codes[4096], body[256];
	size_t		 n, i;
	json_int_t	 id, other;

	(void)st;
	id = create("6101", ",\"body\":\"Rutinen beskriver h\u00e5ndtering av"
	    " legemidler p\u00e5 sykehjemmet.\"");
	approve(id);
	/* A draft with the same word, and a current one for a unit Emma is
	 * not in. */
	create("6102", ",\"body\":\"Kladd om legemidler.\"");
	other = count("SELECT u.id FROM units u WHERE u.id NOT IN (SELECT"
	    " ancestor_id FROM unit_ancestors WHERE unit_id = (SELECT unit_id"
	    " FROM people WHERE login = $1)) ORDER BY u.id DESC LIMIT 1",
	    "emma.johansen");
	assert_true(other > 0);
	snprintf(body, sizeof(body), ",\"body\":\"Legemidler der.\","
	    "\"unit_id\":%lld", (long long)other);
	approve(create("6103", body));

	found(tok_emma, "legemidler", codes, sizeof(codes), &n);
	assert_non_null(strstr(codes, " 6101 "));
	assert_null(strstr(codes, " 6102 "));
	assert_null(strstr(codes, " 6103 "));
	/* The adviser sees the other unit's too; a draft's text is not
	 * searched (only a current version's), its ID is. */
	found(tok_q, "LEGEMIDLER", codes, sizeof(codes), &n);
	assert_non_null(strstr(codes, " 6101 "));
	assert_null(strstr(codes, " 6102 "));
	assert_non_null(strstr(codes, " 6103 "));
	found(tok_q, "6102", codes, sizeof(codes), &n);
	assert_non_null(strstr(codes, " 6102 "));
	found(tok_emma, "6102", codes, sizeof(codes), &n);
	assert_int_equal(n, 0);
	/* Several words, in any order. */
	found(tok_emma, "sykehjemmet%20rutinen%20h%C3%A5ndtering", codes,
	    sizeof(codes), &n);
	assert_non_null(strstr(codes, " 6101 "));
	found(tok_emma, "legemidler%20sykkel", codes, sizeof(codes), &n);
	assert_null(strstr(codes, " 6101 "));
	/* By ID. */
	found(tok_emma, "6101", codes, sizeof(codes), &n);
	assert_int_equal(n, 1);
	assert_non_null(strstr(codes, " 6101 "));
	/* Norwegian inflection on PostgreSQL: "rutiner" finds "Rutinen". */
	if (srv_is_pg()) {
		found(tok_emma, "rutiner%20sykehjemmene", codes, sizeof(codes), &n);
		assert_non_null(strstr(codes, " 6101 "));
	}
	for (i = 0; odd[i] != NULL; i++)
		found(tok_emma, odd[i], codes, sizeof(codes), &n);
	/* The web page too. */
	{
		struct client	q;
		struct resp	r;

		session_client(&q, &S, "emma.johansen");
		client_req(&q, "GET", "/documents?q=%22AND%20*", NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		resp_free(&r);
		client_req(&q, "GET", "/documents?q=legemidler", NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		assert_true(resp_has(&r, "6101"));
		assert_false(resp_has(&r, "6102"));
		resp_free(&r);
		client_free(&q);
	}
	/* A new version's text is found once it is current, and the old
	 * one's no longer. */
	act(tok_q, id, "{\"action\":\"version\",\"body\":\"Om vaksiner.\","
	    "\"significant\":false}", 200, NULL);
	found(tok_emma, "vaksiner", codes, sizeof(codes), &n);
	assert_null(strstr(codes, " 6101 "));
	found(tok_emma, "legemidler", codes, sizeof(codes), &n);
	assert_non_null(strstr(codes, " 6101 "));
	approve(id);
	found(tok_emma, "vaksiner", codes, sizeof(codes), &n);
	assert_non_null(strstr(codes, " 6101 "));
	found(tok_emma, "legemidler", codes, sizeof(codes), &n);
	assert_null(strstr(codes, " 6101 "));
}

/* 10,000 documents written through the store: the search answers with the
 * right one. PostgreSQL's triggers (0033) index each as it comes; on
 * SQLite the index is filled by the statement migration 0033 builds it
 * with for the documents already there. */
static void
test_search_size(void **st)
{
	char	codes[4096];
	size_t	n;

	(void)st;
	count("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n"
	    " WHERE i < 10000) INSERT INTO documents (tenant_id, code, title,"
	    " doc_type, process_id, owner_id, status, current_version,"
	    " created_at, updated_at) SELECT p.tenant_id, 'S' || CAST(n.i AS TEXT),"
	    " 'Generert rutine ' || CAST(n.i AS TEXT), 'routine', 1, p.id,"
	    " 'current', 1, 0, 0 FROM n, people p WHERE p.login = $1",
	    "ingrid.haugen");
	count("INSERT INTO document_versions (tenant_id, document_id, number,"
	    " state, body, significant, created_at, approved_at) SELECT"
	    " d.tenant_id, d.id, 1, 'current', 'Felles tekst, og merket ord'"
	    " || d.code || ' her.', 0, 0, 1 FROM documents d WHERE d.code LIKE $1",
	    "S%");
	if (!srv_is_pg())
		count("INSERT INTO documents_fts (rowid, code, title, body,"
		    " tenant_id) SELECT d.id, d.code, d.title, v.body, d.tenant_id"
		    " FROM documents d LEFT JOIN document_versions v ON v.tenant_id"
		    " = d.tenant_id AND v.document_id = d.id AND v.number ="
		    " d.current_version WHERE d.code LIKE $1", "S%");
	assert_int_equal(count("SELECT COUNT(*) FROM documents WHERE code LIKE $1",
	    "S%"), 10000);
	found(tok_emma, "ordS7777", codes, sizeof(codes), &n);
	assert_int_equal(n, 1);
	assert_string_equal(codes, " S7777 ");
	found(tok_emma, "merket%20ordS123", codes, sizeof(codes), &n);
	assert_true(n >= 1 && n <= 11);		/* S123, S1230-S1239 */
	assert_non_null(strstr(codes, " S123 "));
	found(tok_emma, "felles%20tekst", codes, sizeof(codes), &n);
	assert_int_equal(n, 500);		/* the list's limit */
}

/* The list's, a document's and the reading page's query parameters are
 * declared (document/doc_input.h): a bad one is a 400 that names it on
 * both faces (the page silently ignored a bad status, type, version or
 * banner flag), and good ones still work. */
static void
test_query_parameters_declared(void **st)
{
	struct client	 q;
	struct resp	 r;
	json_int_t	 id;
	json_t		*j;
	char		 path[128];
	static const struct { const char *q, *field; } bad[] = {
		{ "?status=bogus", "status" },
		{ "?status=a%20b", "status" },
		{ "?type=bogus", "type" },
		{ "?process_id=x", "process_id" },
		{ "?process_id=0", "process_id" },
		{ "?due=maybe", "due" },
	};
	/* A document's page when tail starts with ? or /, else the page. */
	static const struct { const char *tail; long status; const char *has; }
	    pages[] = {
		{ "?v=abc", 400, "v: " },
		{ "?done=kanskje", 400, "done" },
		{ "?v=1&done=1", 200, "Lagret." },
		{ "/file?v=0", 400, "v: " },
		{ "reading?unit_id=x", 400, "unit_id" },
		{ "reading?reminded=-1", 400, "reminded" },
		{ "reading?unit_id=0&reminded=3", 200, "Påminnet: 3." },
	};
	size_t		 i;

	(void)st;
	id = create("7301", ",\"body\":\"Spørreparametre.\"");
	session_client(&q, &S, "ingrid.haugen");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		snprintf(path, sizeof(path), "/api/v1/documents%s", bad[i].q);
		expect(tok_q, "GET", path, NULL, 400, bad[i].field);
		snprintf(path, sizeof(path), "/documents%s", bad[i].q);
		client_req(&q, "GET", path, NULL, NULL, &r);
		assert_int_equal(r.status, 400);
		assert_true(resp_has(&r, bad[i].field));
		assert_false(resp_has(&r, "7301"));
		resp_free(&r);
	}
	j = ok(tok_q, "GET", "/api/v1/documents?status=draft&type=routine&due=0&q=7301",
	    NULL, 200);
	assert_int_equal(json_array_size(j), 1);
	json_decref(j);
	client_req(&q, "GET", "/documents?status=draft&due=off&q=7301", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "7301"));
	resp_free(&r);
	/* A document's page (v, done), its file (v), the reading page
	 * (unit_id, reminded): status and a text the page must show. */
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		if (pages[i].tail[0] == '?' || pages[i].tail[0] == '/')
			snprintf(path, sizeof(path), "/documents/%lld%s",
			    (long long)id, pages[i].tail);
		else
			snprintf(path, sizeof(path), "/documents/%s", pages[i].tail);
		client_req(&q, "GET", path, NULL, NULL, &r);
		if (r.status != pages[i].status || !resp_has(&r, pages[i].has))
			fail_msg("%s: %ld", path, (long)r.status);
		resp_free(&r);
	}
	expect(tok_q, "GET", "/api/v1/documents/reading?unit_id=0", NULL, 400, "unit_id");
	expect(tok_q, "GET", "/api/v1/documents/reading?unit_id=x", NULL, 400, "unit_id");
	j = ok(tok_q, "GET", "/api/v1/documents/reading", NULL, 200);
	json_decref(j);
	client_free(&q);
}

/* Revision reminders with the clock moved: ahead, then overdue, each once. */
static void
tick_at(int days)
{
	struct buf	 out;
	char		 env0[64];
	const char	*env[2] = { env0, NULL };

	snprintf(env0, sizeof(env0), "ORDEN_CLOCK_OFFSET=%d", days * DAY);
	buf_init(&out, 1u << 20);
	if (orden_run_env(&out, env, "tick", "--db", S.db, NULL) != 0)
		fail_msg("orden tick at +%dd failed: %s", days, buf_cstr(&out));
	buf_free(&out);
}

static void
test_revision_reminders(void **st)
{
	json_int_t	id;
	int64_t		owner;
	const char	*q = "SELECT COUNT(*) FROM notifications WHERE kind = $1"
	    " AND text LIKE '7001 %'";

	(void)st;
	id = create("7001", ",\"body\":\"x\"");
	act(tok_q, id, "{\"action\":\"submit\"}", 200, NULL);
	act(tok_q, id, "{\"action\":\"approve\",\"approval_body\":\"AMU\"}", 200, NULL);
	owner = count("SELECT owner_id FROM documents WHERE code = '7001'", NULL);
	assert_true(owner > 0);
	tick_at(0);
	assert_int_equal(srv_db_int(&S, q, "doc_revision_due"), 0);
	/* 12 months after approval, less 30 days: reminded ahead, once. */
	tick_at(340);
	assert_int_equal(srv_db_int(&S, q, "doc_revision_due"), 1);
	tick_at(341);
	assert_int_equal(srv_db_int(&S, q, "doc_revision_due"), 1);
	assert_int_equal(srv_db_int(&S, q, "doc_revision_overdue"), 0);
	tick_at(370);
	assert_int_equal(srv_db_int(&S, q, "doc_revision_overdue"), 1);
	tick_at(371);
	assert_int_equal(srv_db_int(&S, q, "doc_revision_overdue"), 1);
	/* Reviewed, no change: a new date, and no reminder until it nears. */
	act(tok_q, id, "{\"action\":\"review\",\"next_revision\":\"2020-01-01\"}", 400,
	    "next_revision");
	act(tok_q, id, "{\"action\":\"review\"}", 200, NULL);
	tick_at(1);
	assert_int_equal(srv_db_int(&S, q, "doc_revision_due"), 1);
}

/* A main process's fields are one table (doc_process_fields): the page
 * and the API refuse the same over-long or missing name, the API naming
 * the name (not the parent, as it once did), and add nothing; 200
 * characters (DOC_TITLE_MAX) go through both. */
static void
test_process_fields_same_both_faces(void **st)
{
	struct client	 q;
	struct resp	 r;
	struct buf	 name, form, body;
	int64_t		 before;
	size_t		 i;

	(void)st;
	buf_init(&name, 1024);
	for (i = 0; i < 201; i++)
		buf_puts(&name, "p");
	buf_init(&form, 2048);
	buf_init(&body, 2048);
	before = count("SELECT count(*) FROM doc_processes", NULL);
	session_client(&q, &S, "ingrid.haugen");
	client_req(&q, "GET", "/documents/processes", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	buf_printf(&form, "name=%s&parent_id=0", buf_cstr(&name));
	client_post_form(&q, "/documents/processes", buf_cstr(&form), &r);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	client_post_form(&q, "/documents/processes", "parent_id=0", &r);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	buf_printf(&body, "{\"name\":\"%s\"}", buf_cstr(&name));
	expect(tok_q, "POST", "/api/v1/document-processes", buf_cstr(&body), 400,
	    "name");
	expect(tok_q, "POST", "/api/v1/document-processes", "{\"parent_id\":0}",
	    400, "name");
	assert_int_equal(count("SELECT count(*) FROM doc_processes", NULL), before);

	/* 200: taken by both. */
	buf_reset(&name);
	for (i = 0; i < 200; i++)
		buf_puts(&name, "p");
	buf_reset(&form);
	buf_printf(&form, "name=%s&parent_id=0", buf_cstr(&name));
	client_post_form(&q, "/documents/processes", buf_cstr(&form), &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	buf_reset(&name);
	for (i = 0; i < 200; i++)
		buf_puts(&name, "q");
	buf_reset(&body);
	buf_printf(&body, "{\"name\":\"%s\"}", buf_cstr(&name));
	json_decref(ok(tok_q, "POST", "/api/v1/document-processes",
	    buf_cstr(&body), 201));
	assert_int_equal(count("SELECT count(*) FROM doc_processes", NULL),
	    before + 2);
	client_free(&q);
	buf_free(&name);
	buf_free(&form);
	buf_free(&body);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lifecycle_and_confirmation),
		cmocka_unit_test(test_coverage_and_go_through),
		cmocka_unit_test(test_revision_by_unit),
		cmocka_unit_test(test_reading_and_remind),
		cmocka_unit_test(test_several_units),
		cmocka_unit_test(test_bad_input),
		cmocka_unit_test(test_web_forms_and_xss),
		cmocka_unit_test(test_search_public_and_file_by_web),
		cmocka_unit_test(test_public_link_signed_in_elsewhere),
		cmocka_unit_test(test_revision_reminders),
		cmocka_unit_test(test_full_text_search),
		cmocka_unit_test(test_search_size),
		cmocka_unit_test(test_query_parameters_declared),
		cmocka_unit_test(test_process_fields_same_both_faces),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
