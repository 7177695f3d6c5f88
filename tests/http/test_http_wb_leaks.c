/* Small leaks around whistleblowing (issue 10, items 6 and 7, and the
 * statistics for the chief executive and quality), played as an attacker
 * would against the real server:
 *   - the access log holds no client address of a page a reporter's
 *     browser loads (static files, 404s, /lang, the whistle pages); by
 *     default none at all; "full" and "hashed" only for signed-in pages;
 *   - /metrics needs a token and never counts whistleblowing routes;
 *   - statistics cells below 3 cannot be recovered by subtracting the
 *     shown cells from the total (secondary suppression), in the API and
 *     on the web page, for every role that gets them;
 *   - the audit page names no handler of a case, and shows the case only
 *     to the auditor;
 *   - one view of a case is one whistle_read row. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"

static struct srv S;
static struct client bjorn, admin, tone, kari, ingrid, eva;
static json_int_t vestre;

#define METRICS_TOKEN "metrics-token-0123456789abcdef"

static void
start(const char *const *env)
{
	srv_start(&S, env);
}

static void
restart(const char *const *env)
{
	srv_stop(&S, 1);
	assert_int_equal(truncate(S.log, 0), 0);
	start(env);
}

static int
setup(void **st)
{
	(void)st;
	srv_prepare(&S, 1);
	start(NULL);
	session_client(&bjorn, &S, "bjorn.saether");
	session_client(&admin, &S, "admin");
	session_client(&tone, &S, "tone.myhre");
	session_client(&kari, &S, "kari.nilsen");
	session_client(&ingrid, &S, "ingrid.haugen");
	session_client(&eva, &S, "eva.strom");
	vestre = unit_id_of(&bjorn, "vestre-skole");
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	client_free(&bjorn);
	client_free(&admin);
	client_free(&tone);
	client_free(&kari);
	client_free(&ingrid);
	client_free(&eva);
	srv_stop(&S, 0);
	return 0;
}

static void
get(struct client *c, const char *path, long want)
{
	struct resp r;

	client_req(c, "GET", path, NULL, NULL, &r);
	if (r.status != want)
		fail_msg("GET %s: %ld, want %ld", path, r.status, want);
	resp_free(&r);
}

/* An anonymous report about an employee of Vestre skole (handler: its
 * leader, bjorn.saether) by a reporter of category cat. */
static json_int_t
report(const char *cat)
{
	struct client	pub;
	char		body[512];
	json_int_t	id;

	client_init(&pub, &S);
	snprintf(body, sizeof(body), "{\"concerns\":\"employee\","
	    "\"reporter_category\":\"%s\",\"anonymous\":true,\"unit_id\":%lld,"
	    "\"accused_name\":\"En kollega\",\"what\":\"Noe skjedde.\","
	    "\"why_censurable\":\"Det er farlig.\"}", cat, (long long)vestre);
	id = wb_report_ok(&pub, body, NULL);
	client_free(&pub);
	return id;
}

/* What a reporter's browser does around a report, and what a signed-in
 * administrator does. */
static void
browse(void)
{
	struct client pub;

	client_init(&pub, &S);
	get(&pub, "/whistle", 200);
	get(&pub, "/whistle/new", 200);
	get(&pub, "/static/style.css", 200);
	get(&pub, "/favicon.ico", 404);
	get(&pub, "/lang?set=en&next=/whistle", 303);
	client_free(&pub);
	(void)report("employee");
	get(&admin, "/admin/people", 200);
}

/* The addr="..." of the first access-log line of route, into out. */
static int
log_addr_of(const char *route, char *out, size_t outsz)
{
	FILE		*f = fopen(S.log, "r");
	char		 line[4096], pat[96];
	const char	*p;
	size_t		 i;
	int		 found = -1;

	assert_non_null(f);
	snprintf(pat, sizeof(pat), "route=\"%s\"", route);
	while (found != 0 && fgets(line, sizeof(line), f) != NULL) {
		if (strstr(line, "event=\"http_request\"") == NULL ||
		    strstr(line, pat) == NULL ||
		    (p = strstr(line, " addr=\"")) == NULL)
			continue;
		p += 7;
		for (i = 0; p[i] && p[i] != '"' && i + 1 < outsz; i++)
			out[i] = p[i];
		out[i] = '\0';
		found = 0;
	}
	fclose(f);
	return found;
}

static void
assert_no_address(const char *route)
{
	char a[64];

	if (log_addr_of(route, a, sizeof(a)) != 0)
		fail_msg("no access-log line for %s", route);
	if (strcmp(a, "-") != 0)
		fail_msg("the access log has address \"%s\" for %s", a, route);
}

static const char *const reporter_pages[] = { "static", "none", "lang",
	"wb_start", "wb_new", "api_wb_report" };

/* By default not one request line carries the client's address. */
static void
test_log_has_no_address_by_default(void **st)
{
	size_t i;

	(void)st;
	browse();
	for (i = 0; i < sizeof(reporter_pages) / sizeof(reporter_pages[0]); i++)
		assert_no_address(reporter_pages[i]);
	assert_no_address("admin_people");
	assert_int_equal(file_has(S.log, "127.0.0.1\""), 0);
}

/* An operator who wants addresses gets them for signed-in pages only;
 * hashed, they are a tag, never the address. */
static void
test_log_address_modes(void **st)
{
	static const char *const full[] = { "ORDEN_LOG_ADDRESSES=full", NULL };
	static const char *const hashed[] = { "ORDEN_LOG_ADDRESSES=hashed", NULL };
	struct buf	 out;
	char		 a[64];
	size_t		 i;

	(void)st;
	restart(full);
	browse();
	for (i = 0; i < sizeof(reporter_pages) / sizeof(reporter_pages[0]); i++)
		assert_no_address(reporter_pages[i]);
	assert_int_equal(log_addr_of("admin_people", a, sizeof(a)), 0);
	assert_string_equal(a, "127.0.0.1");

	restart(hashed);
	browse();
	for (i = 0; i < sizeof(reporter_pages) / sizeof(reporter_pages[0]); i++)
		assert_no_address(reporter_pages[i]);
	assert_int_equal(log_addr_of("admin_people", a, sizeof(a)), 0);
	assert_int_equal(strncmp(a, "h:", 2), 0);
	assert_int_equal(strlen(a), 2 + 16);
	assert_int_equal(file_has(S.log, "127.0.0.1\""), 0);
	restart(NULL);

	/* A wrong mode is a usage error naming the flag. */
	buf_init(&out, 1 << 16);
	assert_int_not_equal(orden_run(&out, "serve", "--db", S.db,
	    "--log-addresses", "some", NULL), 0);
	assert_non_null(strstr(buf_cstr(&out), "--log-addresses"));
	buf_free(&out);
}

/* /metrics: 404 without a configured token, 401 without or with a wrong
 * one, and never a whistleblowing route in what it counts. */
static void
test_metrics_need_token_and_count_no_whistle(void **st)
{
	char		 path[300], env[400];
	const char	*envv[2];
	struct client	 m;
	struct resp	 r;

	(void)st;
	client_init(&m, &S);
	client_req(&m, "GET", "/metrics", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	client_free(&m);

	write_file(&S, "metrics-token", METRICS_TOKEN "\n", path, sizeof(path));
	snprintf(env, sizeof(env), "ORDEN_METRICS_TOKEN_FILE=%s", path);
	envv[0] = env;
	envv[1] = NULL;
	restart(envv);
	browse();
	{
		struct client pub;
		json_t *j;

		client_init(&pub, &S);
		assert_int_equal(api_call(&pub, "POST", "/api/v1/whistle/receipt",
		    "{\"receipt_code\":\"AAAA-AAAA-AAAA-AAAA-AAAA-AAAA\"}", &j), 401);
		json_decref(j);
		client_free(&pub);
	}
	client_init(&m, &S);
	client_req(&m, "GET", "/metrics", NULL, NULL, &r);
	assert_int_equal(r.status, 401);
	assert_false(resp_has(&r, "orden_http"));
	resp_free(&r);
	m.bearer = "metrics-token-0123456789abcdeX";
	client_req(&m, "GET", "/metrics", NULL, NULL, &r);
	assert_int_equal(r.status, 401);
	resp_free(&r);
	m.bearer = METRICS_TOKEN;
	client_req(&m, "GET", "/metrics", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "route=\"admin_people\""));
	assert_false(resp_has(&r, "wb_"));
	resp_free(&r);
	client_free(&m);
	restart(NULL);

	/* A token too short to be a secret is refused at start. */
	write_file(&S, "short-token", "kort\n", path, sizeof(path));
	{
		struct buf out;

		buf_init(&out, 1 << 16);
		assert_int_not_equal(orden_run(&out, "serve", "--db", S.db,
		    "--metrics-token-file", path, NULL), 0);
		buf_free(&out);
	}
}

/* --- statistics -------------------------------------------------------- */

static long
cases(void)
{
	return (long)srv_db_int(&S, "SELECT COUNT(*) FROM whistle_cases", NULL);
}

/* A cell's value: n >= 0, or -1 when hidden ("<3", "hidden", "x"). */
static long
cell_value(const char *s)
{
	char *end;
	long  v = strtol(s, &end, 10);

	return end != s && *end == '\0' ? v : -1;
}

/* The subtraction attack on one dimension: the cells shown as numbers
 * taken from the total leave what the hidden cells hold together. It
 * must not pin one cell: at least two are hidden, holding at least 3. */
static void
attack(const char *who, const char *dim, const long *v, size_t n, long total)
{
	size_t	i, hidden = 0;
	long	rest = total;

	for (i = 0; i < n; i++) {
		if (v[i] < 0)
			hidden++;
		else
			rest -= v[i];
	}
	/* Nothing left (the API shows 0 as "<3" too): nobody to point at. */
	if (hidden == 0 || total < 0 || rest == 0)
		return;
	if (hidden < 2 || rest < 3)
		fail_msg("%s: %s: %zu hidden cell(s) hold %ld case(s) together: "
		    "worked out from the total", who, dim, hidden, rest);
}

static void
attack_api(struct client *c, const char *who)
{
	json_t		*j, *dim, *cell;
	const char	*dname, *key;
	long		 v[16], total;
	size_t		 n;
	char		 s[32];

	assert_int_equal(api_call(c, "GET", "/api/v1/whistle/stats?year=all",
	    NULL, &j), 200);
	assert_true(json_is_integer(json_object_get(j, "total")));
	total = (long)json_integer_value(json_object_get(j, "total"));
	assert_int_equal(total, cases());
	json_object_foreach(json_object_get(j, "counts"), dname, dim) {
		n = 0;
		json_object_foreach(dim, key, cell) {
			if (json_is_integer(cell))
				snprintf(s, sizeof(s), "%lld",
				    (long long)json_integer_value(cell));
			else
				snprintf(s, sizeof(s), "%s", json_string_value(cell));
			v[n++] = cell_value(s);
		}
		attack(who, dname, v, n, total);
	}
	dim = json_object_get(json_object_get(j, "counts"), "reporter_category");
	assert_string_equal(json_string_value(json_object_get(dim, "student")), "<3");
	assert_string_equal(json_string_value(json_object_get(dim, "employee")), "hidden");
	json_decref(j);
}

/* The same attack on the web page: each table's <td class="num"> cells
 * against "Cases in all". */
static void
attack_web(struct client *c, const char *who)
{
	struct resp	 r;
	const char	*p, *end, *q;
	long		 v[16], total;
	size_t		 n, tables = 0;
	char		 s[32];
	size_t		 i;

	client_req(c, "GET", "/whistle/stats?year=0", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	p = strstr(buf_cstr(&r.body), "<p class=\"kpis-line\">");
	assert_non_null(p);
	p = strstr(p, "<strong>");
	assert_non_null(p);
	total = strtol(p + 8, NULL, 10);
	assert_int_equal(total, cases());
	while ((p = strstr(p, "<table class=\"wb-stats\">")) != NULL) {
		end = strstr(p, "</table>");
		assert_non_null(end);
		n = 0;
		for (q = p; (q = strstr(q, "<td class=\"num\">")) != NULL && q < end;) {
			q += strlen("<td class=\"num\">");
			for (i = 0; q[i] && q[i] != '<' && i + 1 < sizeof(s); i++)
				s[i] = q[i];
			s[i] = '\0';
			assert_true(n < 16);
			v[n++] = cell_value(s);
		}
		attack(who, "web table", v, n, total);
		tables++;
		p = end;
	}
	assert_int_equal(tables, 4);
	resp_free(&r);
}

/* Reports by employees (browse() made one per server run so far, at least
 * 3) and one by a student: the student's cell is "<3", and without
 * secondary suppression the total less the employees' count pins it. Everyone who
 * gets the statistics (the chief safety representative, the chief
 * executive, the quality adviser) gets them suppressed; admin none. */
static void
test_stats_survive_subtraction(void **st)
{
	struct client	*who[] = { &tone, &kari, &ingrid };
	const char	*names[] = { "chief_safety_rep", "chief_executive", "quality" };
	json_t		*j;
	size_t		 i;

	(void)st;
	while (srv_db_int(&S, "SELECT COUNT(*) FROM whistle_cases WHERE "
	    "reporter_category = 'employee'", NULL) < 3)
		(void)report("employee");
	(void)report("student");
	for (i = 0; i < 3; i++) {
		attack_api(who[i], names[i]);
		attack_web(who[i], names[i]);
	}
	assert_int_equal(api_call(&admin, "GET", "/api/v1/whistle/stats", NULL, &j), 403);
	json_decref(j);
	get(&admin, "/whistle/stats", 403);
	get(&bjorn, "/whistle/stats", 403);
}

/* The cell of the procedure table's row whose heading contains row, as
 * c sees /whistle/stats, into out. */
static void
stats_cell(struct client *c, const char *row, char *out, size_t outsz)
{
	struct resp	 r;
	const char	*p, *q;
	size_t		 i;

	client_req(c, "GET", "/whistle/stats?year=0", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	p = strstr(buf_cstr(&r.body), row);
	assert_non_null(p);
	q = strstr(p, "<td class=\"num\">");
	assert_non_null(q);
	q += strlen("<td class=\"num\">");
	for (i = 0; q[i] != '\0' && q[i] != '<' && i + 1 < outsz; i++)
		out[i] = q[i];
	out[i] = '\0';
	resp_free(&r);
}

/* The chief executive reads the statistics; a case against her is
 * routed away from her, and the statistics must not tell her one came:
 * the row of procedure 2 reads the same with none as with one (0 was
 * shown as 0, and 1 or 2 as <3). */
static void
test_stats_zero_reads_as_small(void **st)
{
	struct client	pub;
	char		before[32], after[32];

	(void)st;
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM whistle_cases"
	    " WHERE procedure = 2", NULL), 0);
	stats_cell(&kari, "Mot kommunedirektøren", before, sizeof(before));
	client_init(&pub, &S);
	(void)wb_report_ok(&pub, "{\"concerns\":\"chief_executive\","
	    "\"reporter_category\":\"employee\",\"anonymous\":true,"
	    "\"what\":\"Noe skjedde.\",\"why_censurable\":\"Det er farlig.\"}",
	    NULL);
	client_free(&pub);
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM whistle_cases"
	    " WHERE procedure = 2", NULL), 1);
	stats_cell(&kari, "Mot kommunedirektøren", after, sizeof(after));
	assert_string_equal(before, "&lt;3");
	assert_string_equal(after, before);
	/* Nor does any other cell read 0. */
	stats_cell(&tone, "Mellom folkevalgte", after, sizeof(after));
	assert_string_equal(after, "&lt;3");
}

/* Past two cases against her, the chief executive read their number in
 * the row of procedure 2 (w21-probe: three reports about her, and her
 * statistics said "3"), and the total less the other rows bounded it. Her
 * statistics leave procedure 2 out altogether: its row is empty and her
 * total counts the other cases; the chief safety representative still
 * counts them all. */
static void
test_stats_keep_cases_against_her_from_her(void **st)
{
	struct client	 pub;
	char		 cell[32];
	json_t		*j;
	long long	 others;

	(void)st;
	client_init(&pub, &S);
	while (srv_db_int(&S, "SELECT COUNT(*) FROM whistle_cases"
	    " WHERE procedure = 2", NULL) < 3)
		(void)wb_report_ok(&pub, "{\"concerns\":\"chief_executive\","
		    "\"reporter_category\":\"hired\",\"anonymous\":true,"
		    "\"what\":\"Direktøren truer innleide.\","
		    "\"why_censurable\":\"Det er ulovlig.\"}", NULL);
	client_free(&pub);
	stats_cell(&tone, "Mot kommunedirektøren", cell, sizeof(cell));
	assert_string_equal(cell, "3");
	stats_cell(&kari, "Mot kommunedirektøren", cell, sizeof(cell));
	assert_string_equal(cell, "&lt;3");
	others = srv_db_int(&S, "SELECT COUNT(*) FROM whistle_cases"
	    " WHERE procedure <> 2", NULL);
	assert_true(others >= 3);
	assert_int_equal(api_call(&kari, "GET", "/api/v1/whistle/stats?year=all",
	    NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")), others);
	assert_false(json_is_integer(json_object_get(json_object_get(
	    json_object_get(j, "counts"), "procedure"), "2")));
	json_decref(j);
	assert_int_equal(api_call(&tone, "GET", "/api/v1/whistle/stats?year=all",
	    NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")),
	    others + 3);
	json_decref(j);
}

/* --- audit page and reads ---------------------------------------------- */

static long
reads(void)
{
	return (long)srv_db_int(&S, "SELECT COUNT(*) FROM audit_log WHERE "
	    "action = 'whistle_read'", NULL);
}

/* One view of a case, on the web or in the API, is one whistle_read row,
 * however many parts of the case (content, events, attachments) it opens. */
static void
test_one_read_row_per_view(void **st)
{
	json_int_t	 id;
	json_t		*j;
	long		 before;
	char		 path[96];

	(void)st;
	id = report("employee");
	json_decref(wb_act_ok(&bjorn, id, "{\"action\":\"declare_impartial\"}"));
	snprintf(path, sizeof(path), "/whistle/cases/%lld", (long long)id);
	before = reads();
	get(&bjorn, path, 200);
	assert_int_equal(reads() - before, 1);
	before = reads();
	assert_int_equal(wb_case_get(&bjorn, id, &j), 200);
	json_decref(j);
	assert_int_equal(reads() - before, 1);
}

/* The row of the audit page (a <tr>...</tr>) around the first
 * occurrence of needle, or NULL. Caller frees. */
static char *
audit_row(const struct resp *r, const char *needle)
{
	const char	*b = buf_cstr(&r->body), *p, *s, *e;

	if ((p = strstr(b, needle)) == NULL)
		return NULL;
	for (s = p; s > b && strncmp(s, "<tr>", 4) != 0; s--)
		;
	if ((e = strstr(p, "</tr>")) == NULL)
		return NULL;
	return strndup(s, (size_t)(e - s));
}

/* Admin and quality see that whistleblowing events happened, never who
 * read or acted on which case; the auditor sees which case, not who. */
static void
test_audit_page_names_no_handler(void **st)
{
	struct client	*who[] = { &admin, &ingrid, &eva };
	struct resp	 r;
	json_int_t	 id;
	char		*row, obj[64];
	size_t		 i;

	(void)st;
	id = report("employee");
	json_decref(wb_act_ok(&bjorn, id, "{\"action\":\"declare_impartial\"}"));
	get(&bjorn, "/whistle/cases", 200);
	{
		char path[96];

		snprintf(path, sizeof(path), "/whistle/cases/%lld", (long long)id);
		get(&bjorn, path, 200);
	}
	snprintf(obj, sizeof(obj), "Varselsak %lld<", (long long)id);
	for (i = 0; i < 3; i++) {
		client_req(who[i], "GET", "/admin/audit", NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		row = audit_row(&r, "Varselsak lest");	/* whistle_read, translated */
		assert_non_null(row);
		if (strstr(row, "Bj") != NULL || strstr(row, "ther") != NULL)
			fail_msg("the audit page names the handler: %s", row);
		assert_null(strstr(row, "declare_impartial"));
		if (i < 2)
			assert_null(strstr(row, obj));
		else
			assert_non_null(strstr(row, obj));
		free(row);
		row = audit_row(&r, "Varselsak behandlet");	/* whistle_act */
		assert_non_null(row);
		assert_null(strstr(row, "Bj"));
		assert_null(strstr(row, "declare_impartial"));
		free(row);
		resp_free(&r);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_log_has_no_address_by_default),
		cmocka_unit_test(test_log_address_modes),
		cmocka_unit_test(test_metrics_need_token_and_count_no_whistle),
		cmocka_unit_test(test_stats_survive_subtraction),
		cmocka_unit_test(test_stats_zero_reads_as_small),
		cmocka_unit_test(test_stats_keep_cases_against_her_from_her),
		cmocka_unit_test(test_one_read_row_per_view),
		cmocka_unit_test(test_audit_page_names_no_handler),
	};
	return cmocka_run_group_tests_name("http_wb_leaks", tests, setup, teardown);
}
