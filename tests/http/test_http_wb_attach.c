/* Evidence on whistleblowing reports, from the outside: a file sent with
 * the web form (multipart, binary with NUL bytes, a path in its name) and
 * one sent over the API (base64) come back byte for byte to the handler
 * who declared impartiality, as a download; nobody else gets them (404);
 * neither the database file nor its WAL holds the bytes or the names. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static struct srv S;
static struct client bjorn, emma, admin;

/* Distinctive strings that must never be found in clear at rest. */
#define WEB_MARK	"Sjokolade-Bevis-8842"
#define WEB_NAME	"Hemmelig-fil-5531.pdf"
#define API_MARK	"Tranebaer-Bevis-6617"
#define API_NAME	"Tranebaer-notat-4471.txt"

static const unsigned char web_file[] = "\x00\x01\x02" WEB_MARK "\r\n--notaboundary\r\n\x00\xff\xfe" WEB_MARK;
#define WEB_FILE_LEN (sizeof(web_file) - 1)
static const char api_file[] = "Notat: " API_MARK "\nmed flere linjer\n";

static json_int_t web_case, web_att, api_case, api_att;

static int
setup(void **st)
{
	(void)st;
	srv_prepare(&S, 1);
	srv_start(&S, NULL);
	session_client(&bjorn, &S, "bjorn.saether");
	session_client(&emma, &S, "emma.johansen");
	session_client(&admin, &S, "admin");
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	client_free(&bjorn);
	client_free(&emma);
	client_free(&admin);
	srv_stop(&S, 0);
	return 0;
}

static void
get(struct client *c, const char *path, struct resp *r)
{
	client_req(c, "GET", path, NULL, NULL, r);
}

static void
part(struct buf *b, const char *name, const char *value)
{
	buf_printf(b, "--XyZzy42\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n",
	    name, value);
}

/* The case id of number among bjorn's cases (API). */
static json_int_t
case_by_number(struct client *c, const char *number)
{
	json_t		*j, *it;
	size_t		 i;
	json_int_t	 id = 0;

	assert_int_equal(api_call(c, "GET", "/api/v1/whistle/cases", NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items") ? json_object_get(j, "items") : j, i, it)
		if (strcmp(json_string_value(json_object_get(it, "number")), number) == 0)
			id = json_integer_value(json_object_get(it, "id"));
	json_decref(j);
	return id;
}

/* The first attachment of the case as the API lists it (after
 * impartiality), checked to have name and size. */
static json_int_t
first_attachment(struct client *c, json_int_t id, const char *name, size_t size)
{
	json_t		*j, *a, *it;
	json_int_t	 aid;

	assert_int_equal(wb_case_get(c, id, &j), 200);
	a = json_object_get(j, "attachments");
	assert_true(json_is_array(a));
	assert_int_equal(json_array_size(a), 1);
	it = json_array_get(a, 0);
	assert_string_equal(json_string_value(json_object_get(it, "name")), name);
	assert_int_equal(json_integer_value(json_object_get(it, "size")), (json_int_t)size);
	aid = json_integer_value(json_object_get(it, "id"));
	json_decref(j);
	return aid;
}

static void
test_web_form_upload(void **st)
{
	struct client	 pub;
	struct resp	 r;
	struct buf	 b;
	char		 tok[128], number[32], path[128], h[512];
	const char	*p;
	long long	 vestre;
	size_t		 i;

	(void)st;
	client_init(&pub, &S);
	get(&pub, "/whistle/new", &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "enctype=\"multipart/form-data\""));
	assert_true(resp_has(&r, "type=\"file\" id=\"f-evidence\" name=\"evidence\" multiple"));
	assert_true(resp_has(&r, "<label for=\"f-evidence\">"));
	assert_int_equal(resp_hidden(&r, "wb_csrf", tok, sizeof(tok)), 0);
	p = strstr(buf_cstr(&r.body), "Vestre skole</option>");
	assert_non_null(p);
	while (strncmp(p, "value=\"", 7) != 0)
		p--;
	vestre = strtoll(p + 7, NULL, 10);
	resp_free(&r);

	buf_init(&b, 1u << 20);
	part(&b, "wb_csrf", tok);
	part(&b, "concerns", "employee");
	part(&b, "accused_name", "En kollega");
	part(&b, "direct_to", "no");
	part(&b, "what", "Noe skjedde i gymsalen.");
	part(&b, "why_censurable", "Det er farlig for elevene.");
	part(&b, "meant_as_whistleblowing", "1");
	part(&b, "reporter_category", "hired");
	snprintf(number, sizeof(number), "%lld", vestre);
	part(&b, "unit_id", number);
	part(&b, "anonymous", "1");
	/* A browser on Windows may send a full path: only the name stays. */
	buf_printf(&b, "--XyZzy42\r\nContent-Disposition: form-data; name=\"evidence\"; "
	    "filename=\"C:\\\\Users\\\\kari\\\\" WEB_NAME "\"\r\n"
	    "Content-Type: application/pdf\r\n\r\n");
	buf_append(&b, web_file, WEB_FILE_LEN);
	/* An empty file input (nothing chosen) is skipped. */
	buf_printf(&b, "\r\n--XyZzy42\r\nContent-Disposition: form-data; name=\"evidence\"; "
	    "filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--XyZzy42--\r\n");
	assert_false(buf_failed(&b));
	client_req_bytes(&pub, "POST", "/whistle", b.data, b.len,
	    "multipart/form-data; boundary=XyZzy42", &r);
	if (r.status != 200)
		fail_msg("report: %ld\n%s", r.status, buf_cstr(&r.body));
	p = strstr(buf_cstr(&r.body), "<strong class=\"number\">");
	assert_non_null(p);
	p += strlen("<strong class=\"number\">");
	for (i = 0; p[i] && p[i] != '<' && i + 1 < sizeof(number); i++)
		number[i] = p[i];
	number[i] = '\0';
	resp_free(&r);
	buf_free(&b);
	client_free(&pub);

	web_case = case_by_number(&bjorn, number);
	assert_true(web_case > 0);
	/* Before impartiality: no list, and the download is a 404. */
	snprintf(path, sizeof(path), "/whistle/cases/%lld/attachments/1", (long long)web_case);
	get(&bjorn, path, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);

	json_decref(wb_act_ok(&bjorn, web_case, "{\"action\":\"declare_impartial\"}"));
	web_att = first_attachment(&bjorn, web_case, WEB_NAME, WEB_FILE_LEN);
	snprintf(path, sizeof(path), "/whistle/cases/%lld", (long long)web_case);
	get(&bjorn, path, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, WEB_NAME));
	snprintf(path, sizeof(path), "href=\"/whistle/cases/%lld/attachments/%lld\"",
	    (long long)web_case, (long long)web_att);
	assert_true(resp_has(&r, path));
	resp_free(&r);

	snprintf(path, sizeof(path), "/whistle/cases/%lld/attachments/%lld",
	    (long long)web_case, (long long)web_att);
	get(&bjorn, path, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.body.len, WEB_FILE_LEN);
	assert_memory_equal(r.body.data, web_file, WEB_FILE_LEN);
	assert_int_equal(resp_header(&r, "Content-Type", h, sizeof(h)), 0);
	assert_string_equal(h, "application/octet-stream");
	assert_int_equal(resp_header(&r, "Content-Disposition", h, sizeof(h)), 0);
	assert_string_equal(h, "attachment; filename*=UTF-8''" WEB_NAME);
	assert_int_equal(resp_header(&r, "X-Content-Type-Options", h, sizeof(h)), 0);
	assert_string_equal(h, "nosniff");
	assert_int_equal(resp_header(&r, "Cache-Control", h, sizeof(h)), 0);
	assert_non_null(strstr(h, "no-store"));
	resp_free(&r);

	/* Nobody else: the reporter's colleague, the admin, a wrong case. */
	get(&emma, path, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	get(&admin, path, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	snprintf(path, sizeof(path), "/whistle/cases/%lld/attachments/%lld",
	    (long long)web_case, (long long)web_att + 1000);
	get(&bjorn, path, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
}

static void
test_api_upload(void **st)
{
	struct buf	 b;
	struct resp	 r;
	char		 b64[256], path[128], h[512];
	json_t		*j;
	long		 s;
	int		 i;

	(void)st;
	sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)api_file,
	    strlen(api_file), sodium_base64_VARIANT_ORIGINAL);
	buf_init(&b, 1u << 16);
	buf_printf(&b, "{\"concerns\":\"employee\",\"reporter_category\":\"employee\","
	    "\"accused_name\":\"En kollega\",\"what\":\"Noe i kantina.\","
	    "\"why_censurable\":\"Farlig.\",\"attachments\":[{\"name\":\"" API_NAME "\","
	    "\"content_type\":\"text/plain\",\"data\":\"%s\"}]}", b64);
	api_case = wb_report_ok(&emma, buf_cstr(&b), NULL);
	buf_free(&b);

	/* Bad base64 and too many files: 400 naming the field. */
	s = api_call(&emma, "POST", "/api/v1/whistle/reports",
	    "{\"concerns\":\"employee\",\"reporter_category\":\"employee\","
	    "\"what\":\"x\",\"why_censurable\":\"y\",\"attachments\":"
	    "[{\"name\":\"a.txt\",\"data\":\"@@@not base64@@@\"}]}", &j);
	assert_int_equal(s, 400);
	assert_string_equal(json_err_field(j), "attachments");
	json_decref(j);
	buf_init(&b, 1u << 16);
	buf_puts(&b, "{\"concerns\":\"employee\",\"reporter_category\":\"employee\","
	    "\"what\":\"x\",\"why_censurable\":\"y\",\"attachments\":[");
	for (i = 0; i < 6; i++)
		buf_printf(&b, "%s{\"name\":\"f%d.txt\",\"data\":\"aGVp\"}", i ? "," : "", i);
	buf_puts(&b, "]}");
	s = api_call(&emma, "POST", "/api/v1/whistle/reports", buf_cstr(&b), &j);
	buf_free(&b);
	assert_int_equal(s, 400);
	assert_string_equal(json_err_field(j), "attachments");
	json_decref(j);

	json_decref(wb_act_ok(&bjorn, api_case, "{\"action\":\"declare_impartial\"}"));
	api_att = first_attachment(&bjorn, api_case, API_NAME, strlen(api_file));
	snprintf(path, sizeof(path), "/api/v1/whistle/cases/%lld/attachments/%lld",
	    (long long)api_case, (long long)api_att);
	get(&bjorn, path, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.body.len, strlen(api_file));
	assert_memory_equal(r.body.data, api_file, strlen(api_file));
	assert_int_equal(resp_header(&r, "Content-Disposition", h, sizeof(h)), 0);
	assert_string_equal(h, "attachment; filename*=UTF-8''" API_NAME);
	resp_free(&r);
	/* The reporter sees the name of what she sent, in her own view. */
	get(&emma, "/whistle/mine", &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, API_NAME));
	resp_free(&r);
	/* The reporter herself does not download it as a handler would. */
	get(&emma, path, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	/* Another case's attachment id under this case: 404. */
	snprintf(path, sizeof(path), "/api/v1/whistle/cases/%lld/attachments/%lld",
	    (long long)api_case, (long long)web_att);
	get(&bjorn, path, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
}

/* Names that would forge a header line, hide a path or read backwards
 * (U+202E, zero-width and other format characters) are cleaned on both
 * paths, as docs/SECURITY.md promises; a content type with CR/LF becomes
 * application/octet-stream. */
static void
test_names_cleaned_on_both_paths(void **st)
{
	struct client	 pub;
	struct resp	 r;
	struct buf	 b;
	json_int_t	 id;
	json_t		*j, *it;
	char		 tok[128], number[32], vs[32];
	const char	*p;
	size_t		 i;

	(void)st;
	/* JSON: "..\\..\\sti/ond\r\nX-Evil: 1\u202egpj.exe" */
	id = wb_report_ok(&emma, "{\"concerns\":\"employee\",\"reporter_category\":\"employee\","
	    "\"accused_name\":\"En kollega\",\"what\":\"Noe.\",\"why_censurable\":\"Farlig.\","
	    "\"attachments\":[{\"name\":\"..\\\\..\\\\sti/ond\\r\\nX-Evil: 1\\u202egpj\\u200b.exe\\u2066\","
	    "\"content_type\":\"text/html\\r\\nX-Evil: 1\",\"data\":\"aGVp\"}]}", NULL);
	json_decref(wb_act_ok(&bjorn, id, "{\"action\":\"declare_impartial\"}"));
	assert_int_equal(wb_case_get(&bjorn, id, &j), 200);
	it = json_array_get(json_object_get(j, "attachments"), 0);
	assert_non_null(it);
	assert_string_equal(json_string_value(json_object_get(it, "name")), "ondX-Evil: 1gpj.exe");
	if (json_object_get(it, "content_type") != NULL)
		assert_string_equal(json_string_value(json_object_get(it, "content_type")),
		    "application/octet-stream");
	json_decref(j);

	/* The HTML form: U+202E kept by the multipart parser is cleaned too. */
	client_init(&pub, &S);
	get(&pub, "/whistle/new", &r);
	assert_int_equal(resp_hidden(&r, "wb_csrf", tok, sizeof(tok)), 0);
	p = strstr(buf_cstr(&r.body), "Vestre skole</option>");
	assert_non_null(p);
	while (strncmp(p, "value=\"", 7) != 0)
		p--;
	snprintf(vs, sizeof(vs), "%lld", strtoll(p + 7, NULL, 10));
	resp_free(&r);
	buf_init(&b, 1u << 16);
	part(&b, "wb_csrf", tok);
	part(&b, "concerns", "employee");
	part(&b, "accused_name", "En kollega");
	part(&b, "direct_to", "no");
	part(&b, "what", "Noe skjedde.");
	part(&b, "why_censurable", "Farlig.");
	part(&b, "meant_as_whistleblowing", "1");
	part(&b, "reporter_category", "hired");
	part(&b, "unit_id", vs);
	part(&b, "anonymous", "1");
	buf_printf(&b, "--XyZzy42\r\nContent-Disposition: form-data; name=\"evidence\"; "
	    "filename=\"rapport\xe2\x80\xae" "fdp.exe\"\r\nContent-Type: text/plain\r\n\r\n"
	    "hei\r\n--XyZzy42--\r\n");
	client_req_bytes(&pub, "POST", "/whistle", b.data, b.len,
	    "multipart/form-data; boundary=XyZzy42", &r);
	assert_int_equal(r.status, 200);
	p = strstr(buf_cstr(&r.body), "<strong class=\"number\">");
	assert_non_null(p);
	p += strlen("<strong class=\"number\">");
	for (i = 0; p[i] && p[i] != '<' && i + 1 < sizeof(number); i++)
		number[i] = p[i];
	number[i] = '\0';
	resp_free(&r);
	buf_free(&b);
	client_free(&pub);
	id = case_by_number(&bjorn, number);
	json_decref(wb_act_ok(&bjorn, id, "{\"action\":\"declare_impartial\"}"));
	(void)first_attachment(&bjorn, id, "rapportfdp.exe", 3);
}

/* Multipart is refused where no handler takes files. */
static void
test_multipart_elsewhere_415(void **st)
{
	struct resp	 r;
	struct buf	 b;

	(void)st;
	buf_init(&b, 4096);
	buf_printf(&b, "--B\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n%s\r\n--B--\r\n",
	    bjorn.csrf);
	client_req_bytes(&bjorn, "POST", "/notifications/read", b.data, b.len,
	    "multipart/form-data; boundary=B", &r);
	assert_int_equal(r.status, 415);
	resp_free(&r);
	buf_free(&b);
}

static void
test_files_hold_no_evidence(void **st)
{
	const char	*const marks[] = { WEB_MARK, WEB_NAME, API_MARK, API_NAME };
	size_t		 i;
	int		 f;

	(void)st;
	assert_true(srv_store_has(&S, "whistle_attachments"));	/* really read */
	for (i = 0; i < 4; i++)
		if (file_has(S.log, marks[i]) == 1)
			fail_msg("the server log holds \"%s\"", marks[i]);
	if ((f = srv_store_find(&S, marks, 4)) >= 0)
		fail_msg("the database holds \"%s\"", marks[f]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_web_form_upload),
		cmocka_unit_test(test_api_upload),
		cmocka_unit_test(test_multipart_elsewhere_415),
		cmocka_unit_test(test_names_cleaned_on_both_paths),
		cmocka_unit_test(test_files_hold_no_evidence),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
