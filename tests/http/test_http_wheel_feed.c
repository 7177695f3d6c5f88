/* The yearly wheel's calendar feed (/cal/<token>.ics) on the demo
 * municipality and a second one at another host: the feed, fetched without
 * a session, is read back by a real parser (Debian's python3-icalendar)
 * and holds the person's tasks as all-day events with stable UIDs, a title
 * with , ; \ and one of 200 characters round-tripping, folded CRLF lines of
 * at most 75 octets; a risk review of theirs is there, and nothing of a
 * whistleblowing case or a deviation; a new link revokes the old, "off"
 * revokes it, and another tenant's link at this host is 404, all through
 * the JSON API and the web form; a closed account's link opens nothing;
 * wrong links are throttled like logins; a server with --public-url
 * links under it, in the feed, on the page and in the API's "url".
 * And the file that may come with "done": through the API (base64) and
 * the web form (multipart), shown on the task and downloadable by those
 * who may see it with its SHA-256; a file that is not what its name says,
 * or of no allowed kind, is 400 naming "file" and nothing is stored. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "harness.h"

#define HOST		"localhost"	/* the demo's */
#define OTHER_HOST	"annen.test"
#define OTHER_NAME	"Annen kommune"

static struct srv	S;
static char		tok_q[TOKEN_MAX], tok_bjorn[TOKEN_MAX], tok_emma[TOKEN_MAX],
			tok_other[TOKEN_MAX];
static json_int_t	vestre;

/* A title of exactly 200 characters (æøå are one each), and one with
 * the characters RFC 5545 escapes. */
static char		long_title[512];
static const char	odd_title[] = "Komma, semikolon; skr\xc3\xa5strek \\ slutt";

static int
setup(void **st)
{
	struct client	c;
	struct buf	out;
	size_t		i, k = 0;

	(void)st;
	srv_prepare(&S, 1);
	tokens_for(&S, "ingrid.haugen", tok_q, "bjorn.saether", tok_bjorn,
	    "emma.johansen", tok_emma, NULL);
	buf_init(&out, 1u << 16);
	if (orden_run(&out, "demo", "--db", S.db, "--host", OTHER_HOST, "--name",
	    OTHER_NAME, "--no-deviations", NULL) != 0)
		fail_msg("second demo: %s", buf_cstr(&out));
	buf_free(&out);
	token_for(&S, OTHER_HOST, "bjorn.saether", tok_other, sizeof(tok_other));
	srv_start(&S, NULL);
	api_client(&c, &S, HOST, tok_q);
	vestre = unit_id_of(&c, "vestre-skole");
	client_free(&c);
	for (i = 0; i < 200; i++) {
		const char *piece = i % 10 == 0 ? "\xc3\xa6" : i % 10 == 5 ?
		    "\xc3\xb8" : "x";

		memcpy(long_title + k, piece, strlen(piece));
		k += strlen(piece);
	}
	long_title[k] = '\0';
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	srv_stop(&S, 0);
	return 0;
}

static long
call(const char *host, const char *tok, const char *method, const char *path,
    const char *body, json_t **out)
{
	return api_as(&S, host, tok, method, path, body, out);
}

/* A new feed link for tok's person (POST /api/v1/wheel/feed): its path. */
static void
new_link(const char *host, const char *tok, char *path, size_t sz)
{
	json_t	*j;
	long	 st = call(host, tok, "POST", "/api/v1/wheel/feed",
	    "{\"action\":\"new\"}", &j);

	if (st != 201)
		fail_msg("feed new: %ld %s", st, json_dumps(j, 0));
	assert_non_null(json_string_value(json_object_get(j, "path")));
	snprintf(path, sz, "%s", json_string_value(json_object_get(j, "path")));
	/* The whole URL to paste into a calendar app, not only the path:
	 * without --public-url, https:// and the municipality's host. */
	assert_non_null(json_string_value(json_object_get(j, "url")));
	assert_true(strncmp(json_string_value(json_object_get(j, "url")),
	    "https://", 8) == 0);
	assert_non_null(strstr(json_string_value(json_object_get(j, "url")),
	    host));
	assert_non_null(strstr(json_string_value(json_object_get(j, "url")),
	    path));
	json_decref(j);
	assert_true(strncmp(path, "/cal/", 5) == 0);
}

/* GET path without a session or token at host; the status, the body in
 * *body (caller frees) when 200. */
static long
fetch(const char *host, const char *path, char **body)
{
	struct client	c;
	struct resp	r;
	long		st;
	char		ct[128];

	client_init(&c, &S);
	c.host = host;
	client_req(&c, "GET", path, NULL, NULL, &r);
	st = r.status;
	if (body != NULL)
		*body = NULL;
	if (st == 200) {
		assert_int_equal(resp_header(&r, "content-type", ct, sizeof(ct)), 0);
		assert_non_null(strstr(ct, "text/calendar"));
		assert_int_equal(resp_has(&r, "Set-Cookie"), 0);
		if (body != NULL)
			*body = strdup(buf_cstr(&r.body));
	}
	resp_free(&r);
	client_free(&c);
	return st;
}

/* The feed read back by python3-icalendar: one line per event,
 * "UID\tDTSTART\tis-a-date\tSUMMARY", after the raw lines were checked
 * for CRLF and 75 octets. The output into out (caller frees). */
static char *
parse_feed(const char *ics)
{
	char	 file[400], cmd[1600];
	FILE	*fp;
	struct buf out;
	char	 line[4096], *res;
	int	 rc;

	snprintf(file, sizeof(file), "%s/feed.ics", S.dir);
	assert_non_null(fp = fopen(file, "wb"));
	assert_int_equal(fwrite(ics, 1, strlen(ics), fp), strlen(ics));
	fclose(fp);
	/* The Debian python that python3-icalendar is installed for. */
	snprintf(cmd, sizeof(cmd), "/usr/bin/python3 -c '"
	    "import sys, datetime, icalendar\n"
	    "raw = open(sys.argv[1], \"rb\").read()\n"
	    "assert raw.endswith(b\"\\r\\n\"), \"no CRLF at the end\"\n"
	    "for l in raw.split(b\"\\r\\n\")[:-1]:\n"
	    "    assert b\"\\n\" not in l and b\"\\r\" not in l, \"bare LF/CR\"\n"
	    "    assert len(l) <= 75, \"line of %%d octets\" %% len(l)\n"
	    "    l.decode(\"utf-8\")\n"
	    "cal = icalendar.Calendar.from_ical(raw)\n"
	    "assert cal.get(\"VERSION\") == \"2.0\"\n"
	    "for ev in cal.walk(\"VEVENT\"):\n"
	    "    d = ev.decoded(\"DTSTART\")\n"
	    "    e = ev.decoded(\"DTEND\")\n"
	    "    assert ev.get(\"DTSTAMP\") is not None\n"
	    "    date = type(d) is datetime.date and type(e) is datetime.date\n"
	    "    print(\"%%s\\t%%s\\t%%d\\t%%s\" %% (ev[\"UID\"], d.isoformat(),"
	    " date, str(ev[\"SUMMARY\"])))\n"
	    "' %s 2>&1", file);
	buf_init(&out, 1u << 16);
	assert_non_null(fp = popen(cmd, "r"));
	while (fgets(line, sizeof(line), fp) != NULL)
		buf_append(&out, line, strlen(line));
	rc = pclose(fp);
	if (rc != 0)
		fail_msg("python3-icalendar: %s", buf_cstr(&out));
	res = strdup(buf_cstr(&out));
	buf_free(&out);
	return res;
}

/* Whether the parsed feed has an all-day event with exactly summary. */
static int
has_event(const char *parsed, const char *summary)
{
	const char	*p = parsed, *nl, *tab;
	size_t		 n = strlen(summary);

	for (; *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		/* The fourth field, after the is-a-date flag. */
		tab = strstr(p, "\t1\t");
		if (tab != NULL && tab < nl && (size_t)(nl - tab - 3) == n &&
		    memcmp(tab + 3, summary, n) == 0)
			return 1;
		if (*nl == '\0')
			break;
	}
	return 0;
}

/* Every UID once. */
static void
uids_unique(const char *parsed)
{
	char		*copy = strdup(parsed), *line, *save = NULL, *tab;
	char		 seen[400][160];
	size_t		 n = 0, i;

	for (line = strtok_r(copy, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if ((tab = strchr(line, '\t')) == NULL)
			continue;
		*tab = '\0';
		for (i = 0; i < n; i++)
			if (strcmp(seen[i], line) == 0)
				fail_msg("UID twice: %s", line);
		if (n < 400)
			snprintf(seen[n++], sizeof(seen[0]), "%s", line);
	}
	free(copy);
	assert_true(n > 0);
}

static char bjorn_path[200];

static void
test_feed_parses(void **st)
{
	char		 body[1024], path2[200], due[40];
	char		*ics, *ics2, *parsed, *parsed2;
	json_t		*j;
	time_t		 t = time(NULL) + 10 * 86400;
	struct tm	 tm;

	(void)st;
	snprintf(body, sizeof(body), "{\"title\":\"%s\",\"freq\":\"yearly_date\","
	    "\"month\":3,\"day\":15,\"person\":\"bjorn.saether\"}", long_title);
	assert_int_equal(call(HOST, tok_q, "POST", "/api/v1/wheel/tasks", body, &j), 201);
	json_decref(j);
	/* JSON's escape of the backslash. */
	snprintf(body, sizeof(body), "{\"title\":\"Komma, semikolon; skr\xc3\xa5strek"
	    " \\\\ slutt\",\"freq\":\"monthly\",\"day\":1,\"person\":\"bjorn.saether\"}");
	assert_int_equal(call(HOST, tok_q, "POST", "/api/v1/wheel/tasks", body, &j), 201);
	json_decref(j);
	/* A risk review of his unit, and what must never be in a feed: a
	 * whistleblowing case about his unit and a deviation naming someone. */
	gmtime_r(&t, &tm);
	snprintf(due, sizeof(due), "%04d-%02d-%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday);
	snprintf(body, sizeof(body), "{\"unit_id\":%lld,\"title\":\"ROS gymsalen\","
	    "\"scope\":\"unit\",\"assessed_on\":\"2026-01-10\",\"review_due\":"
	    "\"%s\"}", (long long)vestre, due);
	assert_int_equal(call(HOST, tok_bjorn, "POST", "/api/v1/risk-assessments",
	    body, &j), 201);
	json_decref(j);
	{
		struct client anon;

		client_init(&anon, &S);
		anon.host = HOST;
		snprintf(body, sizeof(body), "{\"concerns\":\"employee\","
		    "\"reporter_category\":\"employee\",\"anonymous\":true,"
		    "\"unit_id\":%lld,\"accused_name\":\"Per Varslet\","
		    "\"what\":\"VARSELTEKST-HEMMELIG\",\"why_censurable\":\"Farlig.\"}",
		    (long long)vestre);
		wb_report_ok(&anon, body, &j);
		json_decref(j);
		client_free(&anon);
	}
	dev_report_as(&S, HOST, tok_emma, "{\"title\":\"Glatt trapp, Kari Avviksen"
	    " falt\",\"description\":\"Kari Avviksen skadet.\",\"category\":"
	    "\"tjenesteproduksjon\",\"severity\":2}", NULL);

	new_link(HOST, tok_bjorn, bjorn_path, sizeof(bjorn_path));
	assert_int_equal(fetch(HOST, bjorn_path, &ics), 200);
	parsed = parse_feed(ics);
	assert_true(has_event(parsed, long_title));
	assert_true(has_event(parsed, odd_title));
	assert_non_null(strstr(parsed, "ROS gymsalen"));
	uids_unique(parsed);
	assert_null(strstr(ics, "VARSELTEKST"));
	assert_null(strstr(ics, "Per Varslet"));
	assert_null(strstr(ics, "Avviksen"));
	assert_null(strstr(ics, "Glatt trapp"));
	/* Not even the case's feedback deadline, which his wheel shows him:
	 * no link to it, no "varsler" in a title. */
	assert_null(strstr(ics, "whistle"));
	assert_null(strstr(ics, "varsler"));
	/* Nor the legal clock of a demo deviation he handles. */
	assert_null(strstr(ics, "/deviations/"));
	/* The same events with the same UIDs on the next fetch. */
	assert_int_equal(fetch(HOST, bjorn_path, &ics2), 200);
	parsed2 = parse_feed(ics2);
	assert_string_equal(parsed, parsed2);
	/* Emma's feed has none of his tasks. */
	free(ics);
	new_link(HOST, tok_emma, path2, sizeof(path2));
	assert_int_equal(fetch(HOST, path2, &ics), 200);
	assert_null(strstr(ics, "Komma"));
	free(ics);
	free(ics2);
	free(parsed);
	free(parsed2);
}

static void
test_feed_revoked_and_other_tenant(void **st)
{
	char	 path[200], other[200];
	json_t	*j;

	(void)st;
	/* A new link: the old one is gone (404), the new one works. (The
	 * web form made one since bjorn_path; it is as gone.) */
	new_link(HOST, tok_bjorn, path, sizeof(path));
	assert_string_not_equal(path, bjorn_path);
	assert_int_equal(fetch(HOST, bjorn_path, NULL), 404);
	assert_int_equal(fetch(HOST, path, NULL), 200);
	/* Off: nothing works. */
	assert_int_equal(call(HOST, tok_bjorn, "POST", "/api/v1/wheel/feed",
	    "{\"action\":\"off\"}", &j), 200);
	json_decref(j);
	assert_int_equal(fetch(HOST, path, NULL), 404);
	assert_int_equal(call(HOST, tok_bjorn, "POST", "/api/v1/wheel/feed",
	    "{\"action\":\"sideways\"}", &j), 400);
	assert_string_equal(json_err_field(j), "action");
	json_decref(j);
	/* The other municipality's link answers at its own host only. */
	new_link(OTHER_HOST, tok_other, other, sizeof(other));
	assert_int_equal(fetch(OTHER_HOST, other, NULL), 200);
	assert_int_equal(fetch(HOST, other, NULL), 404);
	assert_int_equal(call(HOST, NULL, "POST", "/api/v1/wheel/feed",
	    "{\"action\":\"new\"}", &j), 401);
	json_decref(j);
}

static void
test_feed_web_form(void **st)
{
	struct client	 c;
	struct resp	 r;
	const char	*p, *q;
	char		 path[200];

	(void)st;
	client_init(&c, &S);
	c.host = HOST;
	assert_int_equal(client_login(&c, "bjorn.saether", DEMO_PASSWORD), 303);
	c.csrf_header = 1;
	client_req(&c, "GET", "/wheel/mine", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Lag ny lenke"));
	resp_free(&r);
	client_post_form(&c, "/wheel/feed", "action=new", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(p = strstr(buf_cstr(&r.body), "/cal/"));
	assert_non_null(q = strstr(p, ".ics"));
	snprintf(path, sizeof(path), "%.*s", (int)(q + 4 - p), p);
	assert_true(resp_has(&r, "Slå av"));
	resp_free(&r);
	assert_int_equal(fetch(HOST, path, NULL), 200);
	client_req(&c, "GET", "/wheel/mine", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	/* Shown once: the page after holds no link. */
	assert_false(resp_has(&r, path));
	resp_free(&r);
	client_post_form(&c, "/wheel/feed", "action=bogus", &r);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	client_post_form(&c, "/wheel/feed", "action=off", &r);
	assert_int_equal(r.status, 200);
	assert_false(resp_has(&r, "Slå av"));
	resp_free(&r);
	client_free(&c);
	/* (That the link is gone is the API test's: every wrong link counts
	 * towards this address's throttle, and that test comes next.) */
}

/* Last: it leaves this address throttled. Wrong links answer 404 until
 * the free ones are used up, then 429 with Retry-After. */
static void
test_feed_throttled(void **st)
{
	struct client	c;
	struct resp	r;
	char		path[200], retry[32];
	int		i, throttled = 0;

	(void)st;
	for (i = 0; i < 6 && !throttled; i++) {
		snprintf(path, sizeof(path), "/cal/%043d.ics", i);
		client_init(&c, &S);
		c.host = HOST;
		client_req(&c, "GET", path, NULL, NULL, &r);
		if (r.status == 429) {
			throttled = 1;
			assert_int_equal(resp_header(&r, "retry-after", retry,
			    sizeof(retry)), 0);
		} else
			assert_int_equal(r.status, 404);
		resp_free(&r);
		client_free(&c);
	}
	assert_true(throttled);
}

/* --- the file with "done" ------------------------------------------------ */

static const char pdf[] = "%PDF-1.4\n% referat fra AMU-m\xc3\xb8tet\n%%EOF\n";
static const char exe[] = "MZ\x90 this program cannot be run as a pdf";

/* A task for bjorn, monthly on the 1st from 2030: its id. */
static json_int_t
monthly_task(const char *title)
{
	char		 body[512];
	json_t		*j;
	json_int_t	 id;

	snprintf(body, sizeof(body), "{\"title\":\"%s\",\"freq\":\"monthly\","
	    "\"day\":1,\"person\":\"bjorn.saether\",\"starts_on\":\"2030-01-01\"}",
	    title);
	assert_int_equal(call(HOST, tok_q, "POST", "/api/v1/wheel/tasks", body, &j), 201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

/* "done" on day with a file through the API: the status; *out the body. */
static long
done_with_file(json_int_t id, const char *day, const char *name,
    const void *data, size_t len, json_t **out)
{
	char	*b64, *body, path[96];
	size_t	 n = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
	long	 st;

	assert_non_null(b64 = malloc(n));
	sodium_bin2base64(b64, n, data, len, sodium_base64_VARIANT_ORIGINAL);
	assert_non_null(body = malloc(n + 512));
	snprintf(body, n + 512, "{\"action\":\"done\",\"due_on\":\"%s\","
	    "\"file\":[{\"name\":\"%s\",\"content_type\":\"application/pdf\","
	    "\"data\":\"%s\"}]}", day, name, b64);
	snprintf(path, sizeof(path), "/api/v1/wheel/tasks/%lld/actions", (long long)id);
	st = call(HOST, tok_bjorn, "POST", path, body, out);
	free(b64);
	free(body);
	return st;
}

/* The occurrence of day in GET /api/v1/wheel/tasks/{id}?year=2030 as
 * tok (borrowed from *task, which the caller decrefs). */
static json_t *
occurrence(const char *tok, json_int_t id, const char *day, json_t **task)
{
	char	 path[96];
	json_t	*occ;
	size_t	 i;

	snprintf(path, sizeof(path), "/api/v1/wheel/tasks/%lld?year=2030", (long long)id);
	assert_int_equal(call(HOST, tok, "GET", path, NULL, task), 200);
	occ = json_object_get(*task, "occurrences");
	for (i = 0; i < json_array_size(occ); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(occ, i),
		    "due_on")), day) == 0)
			return json_array_get(occ, i);
	fail_msg("no occurrence %s", day);
	return NULL;
}

/* GET a file path with a bearer token: the status, the body into b. */
static long
get_file(const char *tok, const char *path, struct buf *b, char *sha, size_t shasz)
{
	struct client	c;
	struct resp	r;
	long		st;

	api_client(&c, &S, HOST, tok);
	client_req(&c, "GET", path, NULL, NULL, &r);
	st = r.status;
	if (b != NULL)
		buf_append(b, r.body.data, r.body.len);
	if (sha != NULL && resp_header(&r, "x-content-sha256", sha, shasz) != 0)
		sha[0] = '\0';
	resp_free(&r);
	client_free(&c);
	return st;
}

static void
test_done_file_api(void **st)
{
	json_int_t	 id = monthly_task("AMU-m\xc3\xb8te");
	json_t		*j, *task, *occ;
	struct buf	 b;
	char		 path[128], sha[80], want[65];
	unsigned char	 h[crypto_hash_sha256_BYTES];

	(void)st;
	assert_int_equal(done_with_file(id, "2030-02-01", "referat.pdf", pdf,
	    strlen(pdf), &j), 200);
	json_decref(j);
	occ = occurrence(tok_emma, id, "2030-02-01", &task);
	assert_string_equal(json_string_value(json_object_get(json_object_get(occ,
	    "file"), "name")), "referat.pdf");
	assert_string_equal(json_string_value(json_object_get(occ, "outcome")), "done");
	json_decref(task);
	/* Whoever may see the task gets the same bytes and their SHA-256. */
	snprintf(path, sizeof(path), "/api/v1/wheel/tasks/%lld/file?due_on=2030-02-01",
	    (long long)id);
	buf_init(&b, 1u << 16);
	assert_int_equal(get_file(tok_emma, path, &b, sha, sizeof(sha)), 200);
	assert_int_equal(b.len, strlen(pdf));
	assert_memory_equal(b.data, pdf, strlen(pdf));
	crypto_hash_sha256(h, (const unsigned char *)pdf, strlen(pdf));
	sodium_bin2hex(want, sizeof(want), h, sizeof(h));
	assert_string_equal(sha, want);
	buf_free(&b);
	/* due_on is declared (wheel_file_query_fields): absent, or no day,
	 * is a 400 naming it (it was a 404 as if there were no file). */
	snprintf(path, sizeof(path), "/api/v1/wheel/tasks/%lld/file?due_on=2030-02-30",
	    (long long)id);
	assert_int_equal(api_as(&S, HOST, tok_emma, "GET", path, NULL, &j), 400);
	assert_string_equal(json_err_field(j), "due_on");
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/wheel/tasks/%lld/file", (long long)id);
	assert_int_equal(api_as(&S, HOST, tok_emma, "GET", path, NULL, &j), 400);
	assert_string_equal(json_err_field(j), "due_on");
	json_decref(j);
	/* Not a PDF under a PDF's name, or a kind not allowed: 400 naming
	 * the file, the occurrence still open and nothing to download. */
	assert_int_equal(done_with_file(id, "2030-03-01", "referat.pdf", exe,
	    strlen(exe), &j), 400);
	assert_string_equal(json_err_field(j), "file");
	json_decref(j);
	assert_int_equal(done_with_file(id, "2030-03-01", "referat.docx", pdf,
	    strlen(pdf), &j), 400);
	assert_string_equal(json_err_field(j), "file");
	json_decref(j);
	occ = occurrence(tok_q, id, "2030-03-01", &task);
	assert_string_equal(json_string_value(json_object_get(occ, "outcome")), "open");
	json_decref(task);
	snprintf(path, sizeof(path), "/api/v1/wheel/tasks/%lld/file?due_on=2030-03-01",
	    (long long)id);
	assert_int_equal(get_file(tok_q, path, NULL, NULL, 0), 404);
	assert_int_equal(srv_store_has(&S, "cannot be run as a pdf"), 0);
	/* The other municipality sees no such task. */
	snprintf(path, sizeof(path), "/api/v1/wheel/tasks/%lld/file?due_on=2030-02-01",
	    (long long)id);
	{
		struct client	c;
		struct resp	r;

		api_client(&c, &S, OTHER_HOST, tok_other);
		client_req(&c, "GET", path, NULL, NULL, &r);
		assert_int_equal(r.status, 404);
		resp_free(&r);
		client_free(&c);
	}
}

static void
test_done_file_web(void **st)
{
	json_int_t	 id = monthly_task("Vernerunde med liste");
	struct client	 c;
	struct resp	 r;
	struct buf	 b;
	char		 path[128], page[128];
	json_t		*task, *occ;

	(void)st;
	client_init(&c, &S);
	c.host = HOST;
	assert_int_equal(client_login(&c, "bjorn.saether", DEMO_PASSWORD), 303);
	snprintf(page, sizeof(page), "/wheel/tasks/%lld?year=2030", (long long)id);
	client_req(&c, "GET", page, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "enctype=\"multipart/form-data\""));
	assert_true(resp_has(&r, "type=\"file\""));
	resp_free(&r);
	snprintf(path, sizeof(path), "/wheel/tasks/%lld/action", (long long)id);
	/* A program named like a PDF: 400 naming the file, nothing done. */
	buf_init(&b, 1u << 16);
	buf_printf(&b, "--B0und\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
	    "%s\r\n--B0und\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\n"
	    "done\r\n--B0und\r\nContent-Disposition: form-data; name=\"due_on\"\r\n\r\n"
	    "2030-05-01\r\n--B0und\r\nContent-Disposition: form-data; name=\"file\";"
	    " filename=\"liste.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%s\r\n"
	    "--B0und--\r\n", c.csrf, exe);
	client_req(&c, "POST", path, buf_cstr(&b), "multipart/form-data; boundary=B0und", &r);
	assert_int_equal(r.status, 400);
	/* Named by the label the form shows, not by its internal name. */
	assert_true(resp_has(&r, "Fil til «utført» (PDF, DOCX, ODT, XLSX, PNG eller JPEG; valgfritt): "));
	resp_free(&r);
	occ = occurrence(tok_q, id, "2030-05-01", &task);
	assert_string_equal(json_string_value(json_object_get(occ, "outcome")), "open");
	json_decref(task);
	/* The real PDF: done, the file shown on the task and downloadable. */
	buf_reset(&b);
	buf_printf(&b, "--B0und\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
	    "%s\r\n--B0und\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\n"
	    "done\r\n--B0und\r\nContent-Disposition: form-data; name=\"due_on\"\r\n\r\n"
	    "2030-05-01\r\n--B0und\r\nContent-Disposition: form-data; name=\"file\";"
	    " filename=\"liste.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%s\r\n"
	    "--B0und--\r\n", c.csrf, pdf);
	client_req(&c, "POST", path, buf_cstr(&b), "multipart/form-data; boundary=B0und", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	buf_free(&b);
	client_req(&c, "GET", page, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	snprintf(path, sizeof(path), "/wheel/tasks/%lld/file?due_on=2030-05-01",
	    (long long)id);
	assert_true(resp_has(&r, path));
	assert_true(resp_has(&r, "liste.pdf"));
	resp_free(&r);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.body.len, strlen(pdf));
	assert_memory_equal(r.body.data, pdf, strlen(pdf));
	resp_free(&r);
	/* The page's link reads the same declared due_on: no day is a 400
	 * page naming it. */
	snprintf(path, sizeof(path), "/wheel/tasks/%lld/file?due_on=2030-13-01",
	    (long long)id);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "due_on:"));
	resp_free(&r);
	snprintf(path, sizeof(path), "/wheel/tasks/%lld/file", (long long)id);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "due_on:"));
	resp_free(&r);
	client_free(&c);
}

/* A closed account's link opens nothing: the feed is read as its person,
 * and a person who is no longer active may have none (wheel_feed_read
 * asks wheel_right, as the face once asked "active" itself). On a server
 * of its own, so that no other test's wrong links have throttled this
 * address. */
static void
test_feed_of_closed_account(void **st)
{
	struct srv	 T;
	struct client	 admin, c;
	struct resp	 r;
	char		 tok[TOKEN_MAX], path[200], page[64];
	json_int_t	 id;
	json_t		*j;

	(void)st;
	srv_prepare(&T, 1);
	token_for(&T, NULL, "per.moe", tok, sizeof(tok));
	srv_start(&T, NULL);
	assert_int_equal(api_as(&T, HOST, tok, "POST", "/api/v1/wheel/feed",
	    "{\"action\":\"new\"}", &j), 201);
	snprintf(path, sizeof(path), "%s", json_string_value(json_object_get(j,
	    "path")));
	json_decref(j);
	assert_int_equal(api_as(&T, HOST, tok, "GET", "/api/v1/me", NULL, &j), 200);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	client_init(&c, &T);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	/* The administrator closes the account: the form without "active". */
	session_client(&admin, &T, "admin");
	snprintf(page, sizeof(page), "/admin/people/%lld", (long long)id);
	client_req(&admin, "GET", page, NULL, NULL, &r);	/* a CSRF token */
	assert_int_equal(r.status, 200);
	resp_free(&r);
	client_post_form(&admin, page, "name=Per+Moe", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_free(&admin);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	client_free(&c);
	srv_stop(&T, 0);
}

/* A server started with --public-url (here through ORDEN_PUBLIC_URL, with
 * a port, a path and a trailing slash, as behind a proxy): the feed's
 * links and the link the page shows to subscribe with are under that
 * URL, not https://<Host> without its port (they were: the feed had its
 * own copy of the rule and ignored the setting); the feed still parses. */
#define PUBLIC_BASE	"https://orden.kommune.example:8443/ik"

static void
test_feed_links_follow_public_url(void **st)
{
	struct srv	 T;
	struct client	 c;
	struct resp	 r;
	const char	*env[] = { "ORDEN_PUBLIC_URL=" PUBLIC_BASE "/", NULL };
	char		 tok[TOKEN_MAX], qtok[TOKEN_MAX], path[200], body[256];
	char		*ics, *flat, *parsed, *w;
	const char	*p;
	json_t		*j;

	(void)st;
	srv_prepare(&T, 1);
	token_for(&T, NULL, "per.moe", tok, sizeof(tok));
	token_for(&T, NULL, "ingrid.haugen", qtok, sizeof(qtok));
	srv_start(&T, env);
	snprintf(body, sizeof(body), "{\"title\":\"Lenkesjekk\",\"freq\":"
	    "\"monthly\",\"day\":1,\"person\":\"per.moe\"}");
	assert_int_equal(api_as(&T, HOST, qtok, "POST", "/api/v1/wheel/tasks",
	    body, &j), 201);
	json_decref(j);
	assert_int_equal(api_as(&T, HOST, tok, "POST", "/api/v1/wheel/feed",
	    "{\"action\":\"new\"}", &j), 201);
	snprintf(path, sizeof(path), "%s", json_string_value(json_object_get(j,
	    "path")));
	/* The API's URL is under the public URL too. */
	snprintf(body, sizeof(body), "%s%s", PUBLIC_BASE, path);
	assert_string_equal(json_string_value(json_object_get(j, "url")), body);
	json_decref(j);
	client_init(&c, &T);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	ics = strdup(buf_cstr(&r.body));
	resp_free(&r);
	client_free(&c);
	parsed = parse_feed(ics);
	assert_true(has_event(parsed, "Lenkesjekk"));
	/* Unfolded (RFC 5545 3.1: CRLF and one space join a line). */
	flat = strdup(ics);
	for (p = ics, w = flat; *p != '\0'; p++) {
		if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ') {
			p += 2;
			continue;
		}
		*w++ = *p;
	}
	*w = '\0';
	assert_non_null(strstr(flat, "URL:" PUBLIC_BASE "/wheel/tasks/"));
	for (p = flat; (p = strstr(p, "URL:")) != NULL; p += 4)
		if (strncmp(p + 4, PUBLIC_BASE "/", strlen(PUBLIC_BASE) + 1) != 0)
			fail_msg("a link not under the public URL: %.80s", p);
	assert_null(strstr(flat, "https://" HOST));
	free(flat);
	free(parsed);
	free(ics);
	/* The link the page gives to copy into a calendar. */
	session_client(&c, &T, "per.moe");
	client_req(&c, "GET", "/wheel/mine", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	client_post_form(&c, "/wheel/feed", "action=new", &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "value=\"" PUBLIC_BASE "/cal/"));
	resp_free(&r);
	client_free(&c);
	srv_stop(&T, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_feed_parses),
		cmocka_unit_test(test_feed_web_form),
		cmocka_unit_test(test_feed_revoked_and_other_tenant),
		cmocka_unit_test(test_done_file_api),
		cmocka_unit_test(test_done_file_web),
		cmocka_unit_test(test_feed_of_closed_account),
		cmocka_unit_test(test_feed_links_follow_public_url),
		cmocka_unit_test(test_feed_throttled),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
