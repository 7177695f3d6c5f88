/* The access matrix (issue 6): every route of app_routes × every role ×
 * object in scope / out of scope / of another tenant, against the real
 * server. The expected answers are the table in access_matrix.h; a route
 * without a row there fails this test, so a new route cannot ship without
 * saying who may use it.
 *
 * Setup: the demo municipality (host localhost) and a second one, "Annen
 * kommune" (host other.test), in the same database. Objects made here:
 * deviations reported by emma in Vestre skole and by nora in Sentrum skole,
 * one in the other tenant, whistleblowing cases in Vestre skole (with an
 * attachment, handled by bjorn) and in Sentrum skole, a role grant to
 * revoke. Run with AM_DUMP=1 to print what the server answered as rows. */
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
#include "http/http.h"
#include "access_matrix.h"

#define DEMO_HOST	"localhost"
#define OTHER_HOST	"other.test"
#define OTHER_PASSWORD	"Et nytt og langt passord"

static struct srv	S;
static struct client	C[AM_NROLES];

/* Objects by kind and scope (AM_IN, AM_OUT, AM_OTHER). */
enum kind { K_NONE, K_UNIT, K_PERSON, K_DEV, K_CAT, K_WB, K_RA, K_RISK, K_TASK, K_FU,
    K_DOC, K_HOOK, K_TPL, K_NKINDS };
static int64_t	obj[K_NKINDS][4];
static int64_t	rid[4];		/* a role grant of obj[K_PERSON][scope] */
static int64_t	aid[4];		/* an attachment of obj[K_WB][scope] */

static const char *const role_names[AM_NROLES] = {
	"anon", "employee", "leader_in", "leader_out", "quality", "admin",
	"chief_safety_rep", "receipt", "other_tenant",
};
static const char *const scope_names[] = { "-", "in", "out", "other" };

/* --- ids straight from the database (read-only) --------------------------- */

static int64_t
db_id(const char *sql, const char *arg)
{
	int64_t id = srv_db_int(&S, sql, arg);

	if (id <= 0)
		fail_msg("no id for %s (%s)", sql, arg ? arg : "");
	return id;
}

#define DEMO_T	"(SELECT id FROM tenants WHERE host = 'localhost')"
#define OTHER_T	"(SELECT id FROM tenants WHERE host = 'other.test')"

static int64_t
unit_of(const char *tenant_sql, const char *code)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "SELECT id FROM units WHERE tenant_id = %s AND code = $1", tenant_sql);
	return db_id(sql, code);
}

static int64_t
person_of(const char *tenant_sql, const char *login)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "SELECT id FROM people WHERE tenant_id = %s AND login = $1", tenant_sql);
	return db_id(sql, login);
}

/* --- clients --------------------------------------------------------------- */

static void
login_as(struct client *c, const char *host, const char *login, const char *pw)
{
	long st;

	client_init(c, &S);
	c->host = host;
	if ((st = client_login(c, login, pw)) != 303)
		fail_msg("login as %s@%s: %ld", login, host, st);
	if (c->csrf[0] == '\0')
		fail_msg("login as %s: no CSRF token", login);
	c->csrf_header = 1;
}

static json_t *
call(struct client *c, const char *method, const char *path, const char *body, long want)
{
	struct resp	 r;
	json_t		*j;

	client_req(c, method, path, body, body ? "application/json" : NULL, &r);
	if (r.status != want)
		fail_msg("%s %s: %ld, want %ld: %s", method, path, r.status, want, buf_cstr(&r.body));
	j = json_loads(buf_cstr(&r.body), 0, NULL);
	resp_free(&r);
	return j;
}

static int64_t
created_id(struct client *c, const char *path, const char *body)
{
	json_t	*j = call(c, "POST", path, body, 201);
	int64_t	 id;

	assert_non_null(j);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	assert_true(id > 0);
	return id;
}

static void
other_tenant(void)
{
	struct buf	 out;
	struct client	*c = &C[AM_OTHER_TENANT];
	struct resp	 r;
	const char	*p;
	char		 pw[128], form[512];
	size_t		 i = 0;

	buf_init(&out, 1u << 16);
	if (orden_run(&out, "init", "--db", S.db, "--tenant", "Annen kommune",
	    "--host", OTHER_HOST, NULL) != 0)
		fail_msg("init: %s", buf_cstr(&out));
	assert_non_null(p = strstr(buf_cstr(&out), "One-time password:"));
	p += strlen("One-time password:");
	while (*p == ' ')
		p++;
	while (p[i] && p[i] != '\n' && i + 1 < sizeof(pw)) {
		pw[i] = p[i];
		i++;
	}
	pw[i] = '\0';
	buf_free(&out);
	/* First login: the one-time password must be changed. */
	client_init(c, &S);
	c->host = OTHER_HOST;
	assert_int_equal(client_login(c, "admin", pw), 303);
	client_req(c, "GET", "/account/password", NULL, NULL, &r);
	resp_free(&r);
	snprintf(form, sizeof(form), "current=%s&new=Et+nytt+og+langt+passord"
	    "&repeat=Et+nytt+og+langt+passord", pw);
	client_post_form(c, "/account/password", form, &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_free(c);
	login_as(c, OTHER_HOST, "admin", OTHER_PASSWORD);
}

static int64_t
wb_case(struct client *c, int64_t unit, int attach, char *code, size_t codesz)
{
	char	 body[1024];
	json_t	*j;
	int64_t	 id;

	snprintf(body, sizeof(body), "{\"concerns\":\"employee\",\"reporter_category\":\"employee\","
	    "\"anonymous\":true,\"unit_id\":%lld,\"accused_name\":\"En kollega\","
	    "\"what\":\"Tilgangsmatrise.\",\"why_censurable\":\"Farlig.\"%s}", (long long)unit,
	    attach ? ",\"attachments\":[{\"name\":\"a.txt\",\"content_type\":\"text/plain\","
	    "\"data\":\"aGVp\"}]" : "");
	j = call(c, "POST", "/api/v1/whistle/reports", body, 201);
	id = json_integer_value(json_object_get(j, "id"));
	if (code != NULL)
		snprintf(code, codesz, "%s", json_string_value(json_object_get(j, "receipt_code")));
	json_decref(j);
	return id;
}

static int
setup(void **st)
{
	struct client	 anon, nora;
	json_t		*j;
	char		 body[512], code[128];
	int64_t		 vestre, sentrum, pid;

	(void)st;
	srv_prepare(&S, 1);
	srv_start(&S, NULL);
	other_tenant();

	login_as(&C[AM_EMPLOYEE], DEMO_HOST, "emma.johansen", DEMO_PASSWORD);
	login_as(&C[AM_LEADER_IN], DEMO_HOST, "bjorn.saether", DEMO_PASSWORD);
	login_as(&C[AM_LEADER_OUT], DEMO_HOST, "knut.holm", DEMO_PASSWORD);
	login_as(&C[AM_QUALITY], DEMO_HOST, "ingrid.haugen", DEMO_PASSWORD);
	login_as(&C[AM_ADMIN], DEMO_HOST, "admin", DEMO_PASSWORD);
	login_as(&C[AM_CSR], DEMO_HOST, "tone.myhre", DEMO_PASSWORD);
	client_init(&C[AM_ANON], &S);
	C[AM_ANON].host = DEMO_HOST;

	vestre = unit_of(DEMO_T, "vestre-skole");
	sentrum = unit_of(DEMO_T, "sentrum-skole");
	obj[K_UNIT][AM_IN] = vestre;
	obj[K_UNIT][AM_OUT] = sentrum;
	obj[K_UNIT][AM_OTHER] = db_id("SELECT id FROM units WHERE tenant_id = " OTHER_T, NULL);
	obj[K_PERSON][AM_IN] = person_of(DEMO_T, "ole.vik");
	obj[K_PERSON][AM_OUT] = person_of(DEMO_T, "nora.pedersen");
	j = call(&C[AM_OTHER_TENANT], "POST", "/api/v1/people", "{\"login\":\"per.annen\","
	    "\"name\":\"Per Annen\"}", 201);
	json_decref(j);
	obj[K_PERSON][AM_OTHER] = person_of(OTHER_T, "per.annen");
	obj[K_CAT][AM_IN] = db_id("SELECT id FROM categories WHERE tenant_id = " DEMO_T, NULL);
	obj[K_CAT][AM_OUT] = obj[K_CAT][AM_IN];
	obj[K_CAT][AM_OTHER] = db_id("SELECT id FROM categories WHERE tenant_id = " OTHER_T, NULL);
	/* The demo's yearly wheel: Vestre skole's monthly review (its
	 * leader's task), and Helse og omsorg's management review; the other
	 * tenant has no wheel, so its "task" is an id that exists nowhere.
	 * The follow-up: the demo's audit report (tenant-wide). */
	obj[K_TASK][AM_IN] = db_id("SELECT id FROM wheel_tasks WHERE tenant_id = " DEMO_T
	    " AND freq = 'last_workday' AND unit_id IS NOT NULL", NULL);
	obj[K_TASK][AM_OUT] = db_id("SELECT id FROM wheel_tasks WHERE tenant_id = " DEMO_T
	    " AND title = $1", "Ledelsens gjennomgang – Helse og omsorg");
	obj[K_TASK][AM_OTHER] = obj[K_TASK][AM_OUT] + 100000;
	obj[K_FU][AM_IN] = db_id("SELECT id FROM followup_reports WHERE tenant_id = " DEMO_T, NULL);
	obj[K_FU][AM_OUT] = obj[K_FU][AM_IN];
	obj[K_FU][AM_OTHER] = obj[K_FU][AM_IN] + 100000;

	/* Role grants to revoke (the admin's row removes them). */
	for (int s = AM_IN; s <= AM_OTHER; s++) {
		struct client *c = s == AM_OTHER ? &C[AM_OTHER_TENANT] : &C[AM_ADMIN];
		int64_t u = obj[K_UNIT][s];

		pid = obj[K_PERSON][s];
		snprintf(body, sizeof(body), "/api/v1/people/%lld/roles", (long long)pid);
		snprintf(code, sizeof(code), "{\"role\":\"safety_rep\",\"unit_id\":%lld}", (long long)u);
		j = call(c, "POST", body, code, 201);
		json_decref(j);
		snprintf(body, sizeof(body), "SELECT id FROM role_assignments WHERE person_id = %lld "
		    "AND role = 'safety_rep' AND unit_id = %lld", (long long)pid, (long long)u);
		rid[s] = db_id(body, NULL);
	}

	/* Deviations: emma's in Vestre skole, nora's in Sentrum skole, and
	 * one in the other tenant. */
	snprintf(body, sizeof(body), "{\"title\":\"Matrise inne\",\"description\":\"d\",\"category\":\"hms\",\"unit_id\":%lld}",
	    (long long)vestre);
	obj[K_DEV][AM_IN] = created_id(&C[AM_EMPLOYEE], "/api/v1/deviations", body);
	login_as(&nora, DEMO_HOST, "nora.pedersen", DEMO_PASSWORD);
	snprintf(body, sizeof(body), "{\"title\":\"Matrise ute\",\"description\":\"d\",\"category\":\"hms\",\"unit_id\":%lld}",
	    (long long)sentrum);
	obj[K_DEV][AM_OUT] = created_id(&nora, "/api/v1/deviations", body);
	client_free(&nora);
	snprintf(body, sizeof(body), "{\"title\":\"Annen\",\"description\":\"d\",\"category\":\"hms\",\"unit_id\":%lld}",
	    (long long)obj[K_UNIT][AM_OTHER]);
	obj[K_DEV][AM_OTHER] = created_id(&C[AM_OTHER_TENANT], "/api/v1/deviations", body);

	/* Governing documents: a current one for Vestre skole, one for
	 * Sentrum skole (made and approved by quality), and a draft of the
	 * other tenant's admin. The first read makes the process tree. */
	json_decref(call(&C[AM_QUALITY], "GET", "/api/v1/document-processes", NULL, 200));
	for (int s = AM_IN; s <= AM_OUT; s++) {
		char path[128];

		snprintf(body, sizeof(body), "{\"code\":\"am-%d\",\"title\":\"Matrise\","
		    "\"type\":\"routine\",\"process_id\":%lld,\"unit_id\":%lld,\"body\":\"x\"}",
		    s, (long long)db_id("SELECT MIN(id) FROM doc_processes WHERE tenant_id = "
		    DEMO_T, NULL), (long long)obj[K_UNIT][s]);
		obj[K_DOC][s] = created_id(&C[AM_QUALITY], "/api/v1/documents", body);
		snprintf(path, sizeof(path), "/api/v1/documents/%lld/actions", (long long)obj[K_DOC][s]);
		json_decref(call(&C[AM_QUALITY], "POST", path, "{\"action\":\"submit\"}", 200));
		json_decref(call(&C[AM_QUALITY], "POST", path,
		    "{\"action\":\"approve\",\"approval_body\":\"AMU\"}", 200));
	}
	json_decref(call(&C[AM_OTHER_TENANT], "GET", "/api/v1/document-processes", NULL, 200));
	snprintf(body, sizeof(body), "{\"code\":\"am-3\",\"title\":\"Annen\","
	    "\"type\":\"routine\",\"process_id\":%lld,\"body\":\"x\"}",
	    (long long)db_id("SELECT MIN(id) FROM doc_processes WHERE tenant_id = " OTHER_T, NULL));
	obj[K_DOC][AM_OTHER] = created_id(&C[AM_OTHER_TENANT], "/api/v1/documents", body);

	/* Whistleblowing: an anonymous report in Vestre skole with a file
	 * (its receipt code is the receipt role), one in Sentrum skole. The
	 * other tenant has no leader to route to: its "case" is an id that
	 * exists only there, the demo case ids being the demo tenant's. */
	client_init(&anon, &S);
	anon.host = DEMO_HOST;
	obj[K_WB][AM_IN] = wb_case(&anon, vestre, 1, code, sizeof(code));
	obj[K_WB][AM_OUT] = wb_case(&anon, sentrum, 1, NULL, 0);
	client_free(&anon);
	obj[K_WB][AM_OTHER] = obj[K_WB][AM_OUT] + 1000;
	{
		char path[128];

		/* bjorn, its handler, declares impartiality to open it. */
		snprintf(path, sizeof(path), "/api/v1/whistle/cases/%lld/actions", (long long)obj[K_WB][AM_IN]);
		j = call(&C[AM_LEADER_IN], "POST", path, "{\"action\":\"declare_impartial\"}", 200);
		aid[AM_IN] = json_integer_value(json_object_get(
		    json_array_get(json_object_get(j, "attachments"), 0), "id"));
		json_decref(j);
		assert_true(aid[AM_IN] > 0);
		aid[AM_OUT] = aid[AM_IN] + 1;	/* the Sentrum case's file */
		aid[AM_OTHER] = aid[AM_IN];
	}
	/* Risk assessments (issue 15): bjorn's of Vestre skole, the quality
	 * adviser's of Sentrum skole, each with a risk; the other tenant's
	 * are ids that exist only here. */
	snprintf(body, sizeof(body), "{\"unit_id\":%lld,\"title\":\"ROS inne\"}",
	    (long long)vestre);
	obj[K_RA][AM_IN] = created_id(&C[AM_LEADER_IN], "/api/v1/risk-assessments", body);
	snprintf(body, sizeof(body), "{\"unit_id\":%lld,\"title\":\"ROS ute\"}",
	    (long long)sentrum);
	obj[K_RA][AM_OUT] = created_id(&C[AM_QUALITY], "/api/v1/risk-assessments", body);
	obj[K_RA][AM_OTHER] = obj[K_RA][AM_OUT] + 1000;
	for (int s = AM_IN; s <= AM_OUT; s++) {
		char path[128];

		snprintf(path, sizeof(path), "/api/v1/risk-assessments/%lld/actions",
		    (long long)obj[K_RA][s]);
		obj[K_RISK][s] = created_id(s == AM_IN ? &C[AM_LEADER_IN] :
		    &C[AM_QUALITY], path, "{\"description\":\"Risiko\","
		    "\"probability\":2,\"impact\":3}");
	}
	obj[K_RISK][AM_OTHER] = obj[K_RISK][AM_OUT] + 1000;

	/* ROS templates (tenant-wide): the demo's school and kindergarten
	 * templates; the other tenant's an id that exists only here. */
	obj[K_TPL][AM_IN] = db_id("SELECT MIN(id) FROM risk_templates WHERE tenant_id = "
	    DEMO_T, NULL);
	obj[K_TPL][AM_OUT] = db_id("SELECT MAX(id) FROM risk_templates WHERE tenant_id = "
	    DEMO_T, NULL);
	obj[K_TPL][AM_OTHER] = obj[K_TPL][AM_OUT] + 1000;

	/* Webhooks: two of the demo tenant (its admin's), one of the other. */
	obj[K_HOOK][AM_IN] = created_id(&C[AM_ADMIN], "/api/v1/webhooks",
	    "{\"url\":\"https://hooks.example/in\",\"events\":\"deviation.closed\"}");
	obj[K_HOOK][AM_OUT] = created_id(&C[AM_ADMIN], "/api/v1/webhooks",
	    "{\"url\":\"https://hooks.example/out\",\"events\":\"deviation.closed\"}");
	obj[K_HOOK][AM_OTHER] = created_id(&C[AM_OTHER_TENANT], "/api/v1/webhooks",
	    "{\"url\":\"https://hooks.example/other\",\"events\":\"deviation.closed\"}");

	client_init(&C[AM_RECEIPT], &S);
	C[AM_RECEIPT].host = DEMO_HOST;
	snprintf(body, sizeof(body), "{\"receipt_code\":\"%s\"}", code);
	j = call(&C[AM_RECEIPT], "POST", "/api/v1/whistle/receipt", body, 200);
	json_decref(j);
	return 0;
}

static int
teardown(void **st)
{
	int i;

	(void)st;
	for (i = 0; i < AM_NROLES; i++)
		if (C[i].curl != NULL)
			client_free(&C[i]);
	srv_stop(&S, 0);
	return 0;
}

/* --- one cell -------------------------------------------------------------- */

static enum kind
kind_of(const char *pattern)
{
	if (strstr(pattern, "/units/{id}"))
		return K_UNIT;
	if (strstr(pattern, "/people/{id}"))
		return K_PERSON;
	if (strstr(pattern, "/deviations/{id}"))
		return K_DEV;
	if (strstr(pattern, "/categories/{id}"))
		return K_CAT;
	if (strstr(pattern, "/whistle/") && strstr(pattern, "{id}"))
		return K_WB;
	if (strstr(pattern, "/risk-assessments/{id}"))
		return K_RA;
	if (strstr(pattern, "/risks/{id}"))
		return K_RISK;
	if (strstr(pattern, "/wheel/tasks/{id}"))
		return K_TASK;
	if (strstr(pattern, "/followup/{id}"))
		return K_FU;
	if (strstr(pattern, "/documents/{id}"))
		return K_DOC;
	if (strstr(pattern, "/webhooks/{id}"))
		return K_HOOK;
	if (strstr(pattern, "/risk-templates/{id}"))
		return K_TPL;
	return K_NONE;
}

/* Minimal bodies. API bodies pass the declared fields (else the server
 * answers 400 before the handler decides) and then fail in the handler
 * (unknown unit, action, role...), so nothing changes for a role that may
 * act; form bodies are empty (the handler shows the form error). */
static const struct { const char *route, *body; } bodies[] = {
	{ "login", "login=ingen.slik&password=feil" },
	{ "api_unit_create", "{\"code\":\"am-x\",\"name\":\"X\",\"parent_id\":999999999}" },
	{ "api_person_create", "{\"login\":\"am.x\",\"name\":\"X\",\"unit_id\":999999999}" },
	{ "api_role_grant", "{\"role\":\"no_such_role\"}" },
	{ "api_role_revoke", "{\"role\":\"no_such_role\"}" },
	{ "api_category_create", "{\"code\":\"am-x\",\"name\":\"X\",\"legal\":\"no_such_law\"}" },
	{ "api_category_update", "{\"legal\":\"no_such_law\"}" },
	{ "api_dev_settings_update", "{\"top_route\":\"no_such_role\"}" },
	{ "api_deviation_create", "{\"title\":\"t\",\"description\":\"d\",\"category\":\"hms\",\"unit_id\":999999999}" },
	{ "api_deviation_action", "{\"action\":\"no_such_action\"}" },
	{ "api_wb_report", "{\"concerns\":\"no_such\",\"reporter_category\":\"employee\"}" },
	{ "api_wb_receipt", "{\"receipt_code\":\"bogus\"}" },
	{ "api_wb_message", "{\"text\":\"Tilgangsmatrise.\"}" },
	{ "api_wb_action", "{\"action\":\"no_such_action\"}" },
	{ "api_wheel_task_create", "{\"unit_id\":999999999}" },
};

static const char *
body_of(const struct route *rt)
{
	size_t i;

	for (i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++)
		if (strcmp(bodies[i].route, rt->name) == 0)
			return bodies[i].body;
	return (rt->flags & ROUTE_API) ? "{}" : "";
}

static void
make_path(const struct route *rt, int scope, char *out, size_t outsz)
{
	const char	*p = rt->pattern;
	enum kind	 k = kind_of(rt->pattern);
	size_t		 n = 0;
	int64_t		 v;

	while (*p && n + 24 < outsz) {
		if (*p != '{') {
			out[n++] = *p++;
			continue;
		}
		if (strncmp(p, "{id}", 4) == 0)
			v = obj[k][scope];
		else if (strncmp(p, "{rid}", 5) == 0)
			v = rid[scope];
		else
			v = aid[scope];
		n += (size_t)snprintf(out + n, outsz - n, "%lld", (long long)v);
		p = strchr(p, '}') + 1;
	}
	out[n] = '\0';
}

static const char *const method_names[] = { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE" };

static long
cell(const struct route *rt, int role, int scope)
{
	struct client	*c = &C[role];
	struct resp	 r;
	char		 path[256];
	long		 st;

	make_path(rt, scope, path, sizeof(path));
	if (rt->method == HTTP_GET)
		client_req(c, "GET", path, NULL, NULL, &r);
	else if (rt->flags & ROUTE_API)
		client_req(c, method_names[rt->method], path, body_of(rt), "application/json", &r);
	else
		client_post_form(c, path, body_of(rt), &r);
	st = r.status;
	if (st == 303) {
		char loc[512];

		/* Anonymous HTML pages go to the login page: 303 to /login
		 * is written as 302 in the matrix to tell it from success. */
		if (resp_header(&r, "location", loc, sizeof(loc)) == 0 &&
		    strncmp(loc, "/login", 6) == 0 && strcmp(rt->name, "login") != 0 &&
		    strcmp(rt->name, "logout") != 0)
			st = AM_TO_LOGIN;
	}
	resp_free(&r);
	return st;
}

static const struct route *
route_named(const char *name)
{
	const struct route *rt;

	for (rt = app_routes; rt->pattern != NULL; rt++)
		if (strcmp(rt->name, name) == 0)
			return rt;
	return NULL;
}

static int
deferred(const char *name)
{
	return strcmp(name, "logout") == 0 || strcmp(name, "wb_receipt_logout") == 0;
}

/* Every route has a row for every object scope its pattern needs, and
 * every row names a route. */
static void
test_every_route_has_rows(void **st)
{
	const struct route	*rt;
	size_t			 i, nrows = sizeof(access_matrix) / sizeof(access_matrix[0]);
	int			 missing = 0, s, found;

	(void)st;
	for (rt = app_routes; rt->pattern != NULL; rt++) {
		for (s = AM_NOOBJ; s <= AM_OTHER; s++) {
			if ((s == AM_NOOBJ) != (strchr(rt->pattern, '{') == NULL))
				continue;
			found = 0;
			for (i = 0; i < nrows; i++)
				if (strcmp(access_matrix[i].route, rt->name) == 0 &&
				    (int)access_matrix[i].scope == s)
					found = 1;
			if (!found) {
				printf("# no access-matrix row for route %s (%s %s), scope %s\n",
				    rt->name, method_names[rt->method], rt->pattern, scope_names[s]);
				missing++;
			}
		}
	}
	for (i = 0; i < nrows; i++)
		if (route_named(access_matrix[i].route) == NULL) {
			printf("# access-matrix row for unknown route %s\n", access_matrix[i].route);
			missing++;
		}
	assert_int_equal(missing, 0);
}

static void
test_matrix(void **st)
{
	size_t			 i, nrows = sizeof(access_matrix) / sizeof(access_matrix[0]);
	int			 pass, role, bad = 0, cells = 0;
	int			 dump = getenv("AM_DUMP") != NULL;
	long			 got[AM_NROLES];

	(void)st;
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < nrows; i++) {
			const struct am_row	*row = &access_matrix[i];
			const struct route	*rt = route_named(row->route);

			if (rt == NULL || deferred(row->route) != pass)
				continue;
			for (role = 0; role < AM_NROLES; role++) {
				got[role] = 0;
				if (row->expect[role] == 0 && !dump)
					continue;
				got[role] = cell(rt, role, row->scope);
				cells++;
				if (row->expect[role] != 0 && got[role] != row->expect[role]) {
					printf("# %s %s [%s] as %s: got %ld, want %d\n",
					    method_names[rt->method], rt->pattern,
					    scope_names[row->scope], role_names[role],
					    got[role], row->expect[role]);
					bad++;
				}
			}
			if (dump) {
				printf("#D\t{ \"%s\", %s, {", row->route,
				    (const char *[]){ "AM_NOOBJ", "AM_IN", "AM_OUT", "AM_OTHER" }[row->scope]);
				for (role = 0; role < AM_NROLES; role++)
					printf(" %ld%s", got[role], role + 1 < AM_NROLES ? "," : "");
				printf(" } },\n");
			}
		}
	}
	printf("# access matrix: %zu rows, %d cells checked, %d wrong\n", nrows, cells, bad);
	assert_int_equal(bad, 0);
}

/* Routes anyone may use, where what is sent decides (a wrong code or
 * password is the answer to the body): a 400 there tells nothing. */
static int
open_to_all(const struct route *rt)
{
	return (rt->flags & ROUTE_PUBLIC) && strchr(rt->pattern, '{') == NULL;
}

/* Authorisation before validation: wherever the matrix says a role may
 * not use a route (401, 403, 404, or the login page), an empty body, a
 * body of the wrong type and garbage get that same answer, never a 400
 * that would tell the route and the object are there. */
static void
test_denied_before_body(void **st)
{
	static const struct { const char *body, *ctype; } junk[] = {
		{ "", NULL },
		{ "{\"", "application/json" },
		{ "\x01\x02 garbage %zz&=&", "application/x-www-form-urlencoded" },
		{ "[1,2,3]", "text/plain" },
	};
	size_t			 i, j, nrows = sizeof(access_matrix) / sizeof(access_matrix[0]);
	int			 role, bad = 0, cells = 0;
	long			 st_got;

	(void)st;
	for (i = 0; i < nrows; i++) {
		const struct am_row	*row = &access_matrix[i];
		const struct route	*rt = route_named(row->route);
		char			 path[256];

		if (rt == NULL || rt->method == HTTP_GET || deferred(row->route) ||
		    open_to_all(rt))
			continue;
		make_path(rt, row->scope, path, sizeof(path));
		for (role = 0; role < AM_NROLES; role++) {
			int want = row->expect[role];

			if (want != 401 && want != 403 && want != 404 &&
			    want != AM_TO_LOGIN)
				continue;
			for (j = 0; j < sizeof(junk) / sizeof(junk[0]); j++) {
				struct resp r;

				client_req(&C[role], method_names[rt->method], path,
				    junk[j].body, junk[j].ctype, &r);
				st_got = r.status;
				if (st_got == 303 && want == AM_TO_LOGIN)
					st_got = AM_TO_LOGIN;
				/* A page's form without its CSRF token is refused
				 * before the object is looked at: 403 also denies. */
				if (!(rt->flags & ROUTE_API) && want == 404 &&
				    st_got == 403)
					st_got = 404;
				resp_free(&r);
				cells++;
				if (st_got != want) {
					printf("# %s %s [%s] as %s, body %zu: got %ld, want %d\n",
					    method_names[rt->method], rt->pattern,
					    scope_names[row->scope], role_names[role], j,
					    st_got, want);
					bad++;
				}
			}
		}
	}
	printf("# denied before body: %d requests, %d wrong\n", cells, bad);
	assert_int_equal(bad, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_route_has_rows),
		/* before test_matrix, whose last pass signs everyone out */
		cmocka_unit_test(test_denied_before_body),
		cmocka_unit_test(test_matrix),
	};
	return cmocka_run_group_tests_name("http_access_matrix", tests, setup, teardown);
}
