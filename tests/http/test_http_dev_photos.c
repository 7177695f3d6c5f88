/* Photos on deviations (issue 11 item 8), from the outside: a photo sent
 * with "Meld avvik" (multipart, as a phone's browser sends it) and one
 * sent over the API (base64) are stored without the camera's metadata
 * (the GPS position in EXIF, a comment, PNG text), shown on the deviation
 * page and in "My reports" to those who may read the deviation, served as
 * the image type their bytes are with nosniff and a Content-Disposition,
 * and 404 to everyone else; a file that is not a JPEG or PNG (an SVG or
 * HTML page named .jpg) is refused with 400 naming the field, and nothing
 * is reported. */
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
static struct client emma, bjorn, knut, admin;
static char tok_emma[128], tok_knut[128];

#define GPS_MARK	"GPS-59.9127N-10.7461E"
#define PNG_MARK	"Author-Kari-Nordmann"

/* A tiny JPEG with EXIF (orientation 1 and the GPS mark), a comment and
 * a video after EOI. */
static const unsigned char jpeg[] = {
	0xff, 0xd8,
	0xff, 0xe1, 0x00, 0x37, 'E', 'x', 'i', 'f', 0, 0,
	'I', 'I', 0x2a, 0x00, 0x08, 0x00, 0x00, 0x00,
	0x01, 0x00,
	0x12, 0x01, 0x03, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00,
	'G', 'P', 'S', '-', '5', '9', '.', '9', '1', '2', '7', 'N', '-', '1',
	'0', '.', '7', '4', '6', '1', 'E',
	0xff, 0xfe, 0x00, 0x07, 'P', 'h', 'o', 'n', 'e',
	0xff, 0xdb, 0x00, 0x04, 0x00, 0x01,
	0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11, 0x00,
	0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00,
	0x12, 0xff, 0x00, 0x34, 0x56,
	0xff, 0xd9,
	'V', 'I', 'D', 'E', 'O',
};

static int
setup(void **st)
{
	(void)st;
	srv_prepare(&S, 1);
	srv_start(&S, NULL);
	session_client(&emma, &S, "emma.johansen");
	session_client(&bjorn, &S, "bjorn.saether");
	session_client(&knut, &S, "knut.holm");
	session_client(&admin, &S, "admin");
	tokens_for(&S, "emma.johansen", tok_emma, "knut.holm", tok_knut, NULL);
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	client_free(&emma);
	client_free(&bjorn);
	client_free(&knut);
	client_free(&admin);
	srv_stop(&S, 0);
	return 0;
}

static void
part(struct buf *b, const char *name, const char *value)
{
	buf_printf(b, "--Ph0t0B0und\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n",
	    name, value);
}

static void
file_part(struct buf *b, const char *filename, const char *ctype,
    const void *data, size_t len)
{
	buf_printf(b, "--Ph0t0B0und\r\nContent-Disposition: form-data; name=\"photos\"; "
	    "filename=\"%s\"\r\nContent-Type: %s\r\n\r\n", filename, ctype);
	buf_append(b, data, len);
	buf_puts(b, "\r\n");
}

/* POST "Meld avvik" as emma with the given file parts already in files. */
static void
post_form(const struct buf *files, struct resp *r)
{
	struct resp	 f;
	struct buf	 b;
	char		 unit[32];

	client_req(&emma, "GET", "/deviations/new", NULL, NULL, &f);
	assert_int_equal(f.status, 200);
	assert_true(resp_has(&f, "enctype=\"multipart/form-data\""));
	assert_true(resp_has(&f, "type=\"file\" id=\"f-photos\" name=\"photos\" accept=\"image/*\""));
	assert_true(resp_has(&f, "<label for=\"f-photos\">"));
	resp_free(&f);
	snprintf(unit, sizeof(unit), "%lld", (long long)unit_id_of(&emma, "vestre-skole"));
	buf_init(&b, 1u << 20);
	part(&b, "csrf", emma.csrf);
	part(&b, "kind", "deviation");
	part(&b, "title", "Knust rekkverk i trappa");
	part(&b, "description", "Rekkverket i 2. etasje er løst.");
	part(&b, "unit_id", unit);
	part(&b, "category", "hms");
	buf_append(&b, files->data, files->len);
	buf_puts(&b, "--Ph0t0B0und--\r\n");
	client_req_bytes(&emma, "POST", "/deviations", b.data, b.len,
	    "multipart/form-data; boundary=Ph0t0B0und", r);
	buf_free(&b);
}

static int64_t
deviations(void)
{
	return srv_db_int(&S, "SELECT COUNT(*) FROM deviations", NULL);
}

/* A NUL in a text part of "Meld avvik" (typed or pasted on a phone) gives
 * the form back with the field marked and the rest of what was typed,
 * not a bare "could not be read" page that loses the report; nothing is
 * stored. Without the form's CSRF token it is still the 403. */
static void
test_form_nul_in_a_field_is_marked(void **st)
{
	struct resp	 f, r;
	struct buf	 b;
	char		 unit[32];
	int64_t		 before = deviations();
	int		 forged;
	static const char title_nul[] = "--Ph0t0B0und\r\nContent-Disposition: "
	    "form-data; name=\"title\"\r\n\r\nKnust\0rekkverk\r\n";

	(void)st;
	for (forged = 0; forged < 2; forged++) {
		client_req(&emma, "GET", "/deviations/new", NULL, NULL, &f);
		resp_free(&f);
		snprintf(unit, sizeof(unit), "%lld",
		    (long long)unit_id_of(&emma, "vestre-skole"));
		buf_init(&b, 1u << 20);
		part(&b, "csrf", forged ? "forged" : emma.csrf);
		part(&b, "kind", "deviation");
		buf_append(&b, title_nul, sizeof(title_nul) - 1);
		part(&b, "description", "Rekkverket QZP1 er l\xc3\xb8st.");
		part(&b, "unit_id", unit);
		part(&b, "category", "hms");
		buf_puts(&b, "--Ph0t0B0und--\r\n");
		client_req_bytes(&emma, "POST", "/deviations", b.data, b.len,
		    "multipart/form-data; boundary=Ph0t0B0und", &r);
		buf_free(&b);
		if (forged) {
			assert_int_equal(r.status, 403);
		} else {
			assert_int_equal(r.status, 400);
			assert_true(resp_has(&r, "id=\"f-title-error\">Inneholder kontrolltegn"));
			assert_true(resp_has(&r, "Rekkverket QZP1 er l\xc3\xb8st."));
		}
		resp_free(&r);
	}
	assert_int_equal(deviations(), before);
}

static json_int_t web_dev;
static char web_photo[128];

static void
test_form_photo_is_stripped_and_shown(void **st)
{
	struct buf	 files;
	struct resp	 r;
	char		 loc[256], h[256];
	const char	*p;
	size_t		 i;

	(void)st;
	buf_init(&files, 1u << 16);
	file_part(&files, "IMG_2041.jpg", "image/jpeg", jpeg, sizeof(jpeg));
	post_form(&files, &r);
	buf_free(&files);
	if (r.status != 303)
		fail_msg("report: %ld\n%s", r.status, buf_cstr(&r.body));
	assert_int_equal(resp_header(&r, "Location", loc, sizeof(loc)), 0);
	resp_free(&r);
	web_dev = strtoll(loc + strlen("/deviations/"), NULL, 10);
	assert_true(web_dev > 0);

	/* The page shows it; the photo link is the image's own address. */
	*strchr(loc, '?') = '\0';
	client_req(&emma, "GET", loc, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "IMG_2041.jpg"));
	p = strstr(buf_cstr(&r.body), "<img src=\"");
	assert_non_null(p);
	p += strlen("<img src=\"");
	for (i = 0; p[i] && p[i] != '"' && i + 1 < sizeof(web_photo); i++)
		web_photo[i] = p[i];
	web_photo[i] = '\0';
	resp_free(&r);

	client_req(&emma, "GET", web_photo, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(resp_header(&r, "Content-Type", h, sizeof(h)), 0);
	assert_string_equal(h, "image/jpeg");
	assert_int_equal(resp_header(&r, "X-Content-Type-Options", h, sizeof(h)), 0);
	assert_string_equal(h, "nosniff");
	assert_int_equal(resp_header(&r, "Content-Disposition", h, sizeof(h)), 0);
	assert_string_equal(h, "inline; filename*=UTF-8''IMG_2041.jpg");
	assert_true(r.body.len > 20);
	assert_memory_equal(r.body.data, "\xff\xd8", 2);
	assert_false(resp_has(&r, "GPS-59"));
	assert_false(resp_has(&r, "Phone"));
	assert_false(resp_has(&r, "VIDEO"));
	assert_memory_equal(r.body.data + r.body.len - 2, "\xff\xd9", 2);
	resp_free(&r);

	/* The leader who handles it sees it; another school's leader and
	 * the admin do not (the same 404 as for no such photo). */
	client_req(&bjorn, "GET", web_photo, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	client_req(&knut, "GET", web_photo, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	client_req(&admin, "GET", web_photo, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	snprintf(loc, sizeof(loc), "%s0", web_photo);
	client_req(&emma, "GET", loc, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);

	/* "My reports" lists it. */
	client_req(&emma, "GET", "/deviations/mine", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, web_photo));
	resp_free(&r);
}

/* A measure's responsible person sees the deviation without personal
 * data: not its photos either, through the page as through the API (the
 * page once served the photo to anyone who could open the deviation at
 * all). */
static void
test_measure_owner_sees_no_photo(void **st)
{
	struct resp	 r;
	json_t		*j;
	char		 path[160];

	(void)st;
	assert_true(web_dev > 0 && web_photo[0] != '\0');
	snprintf(path, sizeof(path), "/api/v1/deviations/%lld/actions",
	    (long long)web_dev);
	assert_int_equal(api_call(&bjorn, "POST", path, "{\"action\":\"add_measure\","
	    "\"measure\":\"Sjekk rekkverket\",\"responsible_login\":\"knut.holm\","
	    "\"due_at\":\"2030-06-30\"}",
	    &j), 200);
	json_decref(j);
	snprintf(path, sizeof(path), "/deviations/%lld", (long long)web_dev);
	client_req(&knut, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Sjekk rekkverket"));
	assert_false(resp_has(&r, web_photo));
	resp_free(&r);
	client_req(&knut, "GET", web_photo, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	snprintf(path, sizeof(path), "/api/v1%s", web_photo);
	assert_int_equal(api_as(&S, NULL, tok_knut, "GET", path, NULL, NULL), 404);
	/* Its handler still does. */
	client_req(&bjorn, "GET", web_photo, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
}

/* An SVG or an HTML page named .jpg is not a photo: 400 naming the
 * field, and no deviation is made. */
static void
test_form_refuses_what_is_not_a_photo(void **st)
{
	static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>";
	struct buf	 files;
	struct resp	 r;
	int64_t		 before = deviations();

	(void)st;
	buf_init(&files, 1u << 16);
	file_part(&files, "bilde.jpg", "image/jpeg", svg, strlen(svg));
	post_form(&files, &r);
	buf_free(&files);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "id=\"f-photos-err\""));
	if (!resp_has(&r, "aria-describedby=\"f-photos-hint f-photos-err\" aria-invalid=\"true\""))
		fail_msg("%s", strstr(buf_cstr(&r.body), "f-photos-err"));
	resp_free(&r);
	assert_int_equal(deviations(), before);
}

static void
test_api_photo(void **st)
{
	struct client	 c, k;
	struct buf	 b;
	struct resp	 r;
	json_t		*j, *a;
	char		 b64[1024], path[160], h[256];
	int64_t		 before;
	long		 s;

	(void)st;
	sodium_bin2base64(b64, sizeof(b64), jpeg, sizeof(jpeg),
	    sodium_base64_VARIANT_ORIGINAL);
	api_client(&c, &S, NULL, tok_emma);
	buf_init(&b, 1u << 16);
	buf_printf(&b, "{\"kind\":\"deviation\",\"title\":\"Vannlekkasje\","
	    "\"description\":\"Det drypper fra taket.\",\"category\":\"hms\","
	    "\"attachments\":[{\"name\":\"../../tak\\u202egpj.jpg\","
	    "\"content_type\":\"image/jpeg\",\"data\":\"%s\"}]}", b64);
	assert_int_equal(api_call(&c, "POST", "/api/v1/deviations", buf_cstr(&b), &j), 201);
	buf_free(&b);
	a = json_object_get(j, "attachments");
	assert_int_equal(json_array_size(a), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(a, 0), "name")),
	    "takgpj.jpg");
	assert_string_equal(json_string_value(json_object_get(json_array_get(a, 0),
	    "content_type")), "image/jpeg");
	snprintf(path, sizeof(path), "%s", json_string_value(json_object_get(
	    json_array_get(a, 0), "href")));
	json_decref(j);

	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_false(resp_has(&r, "GPS-59"));
	assert_int_equal(resp_header(&r, "Content-Disposition", h, sizeof(h)), 0);
	assert_string_equal(h, "attachment; filename*=UTF-8''takgpj.jpg");
	resp_free(&r);
	api_client(&k, &S, NULL, tok_knut);
	client_req(&k, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	client_free(&k);

	/* Not a photo, or not base64: 400 naming the field; nothing made. */
	before = deviations();
	s = api_call(&c, "POST", "/api/v1/deviations", "{\"kind\":\"deviation\","
	    "\"title\":\"x\",\"description\":\"y\",\"category\":\"hms\","
	    "\"attachments\":[{\"name\":\"a.jpg\",\"data\":\"PGh0bWw+PC9odG1sPg==\"}]}", &j);
	assert_int_equal(s, 400);
	assert_string_equal(json_err_field(j), "attachments");
	json_decref(j);
	s = api_call(&c, "POST", "/api/v1/deviations", "{\"kind\":\"deviation\","
	    "\"title\":\"x\",\"description\":\"y\",\"category\":\"hms\","
	    "\"attachments\":[{\"name\":\"a.jpg\",\"data\":\"@@@\"}]}", &j);
	assert_int_equal(s, 400);
	assert_string_equal(json_err_field(j), "attachments");
	json_decref(j);
	assert_int_equal(deviations(), before);
	client_free(&c);
}

/* The camera's metadata never reached the database. */
static void
test_store_holds_no_metadata(void **st)
{
	(void)st;
	assert_true(srv_store_has(&S, "deviation_attachments"));
	assert_false(srv_store_has(&S, GPS_MARK));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_form_nul_in_a_field_is_marked),
		cmocka_unit_test(test_form_photo_is_stripped_and_shown),
		cmocka_unit_test(test_measure_owner_sees_no_photo),
		cmocka_unit_test(test_form_refuses_what_is_not_a_photo),
		cmocka_unit_test(test_api_photo),
		cmocka_unit_test(test_store_holds_no_metadata),
	};
	return cmocka_run_group_tests_name("http_dev_photos", tests, setup, teardown);
}
