/* Tenant isolation (issue 5): two municipalities of the same shape in one
 * database, "A kommune" (host a.test) and "B kommune" (host b.test), both
 * made by `orden demo`, so the same logins exist in both as different
 * people. B gets marker objects whose text holds a random marker: a unit, a
 * person with a role, a category, a deviation with a measure and a comment,
 * an improvement proposal, an anonymous whistleblowing case with a file.
 *
 * Then, signed in to A as admin, quality, a leader and an employee, and
 * with an API token of A, every route of the router's table (app_routes)
 * is called with B's ids in every id parameter, and with B's ids in the
 * bodies of the forms that create things; the lists, dashboards,
 * statistics, CSV and notifications of A also with B's unit as a filter.
 * No answer may carry B's marker, no call on B's objects may succeed, B's
 * objects are unchanged afterwards, and A's numbers are what they were
 * before B existed. Tokens, session cookies, passwords and receipt codes of
 * one municipality are worth nothing at the other's host.
 *
 * Only the harness (orden_run, srv_*, client_*, api_*) is used, never the
 * database file, so the test runs on either store. */
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
#include <unistd.h>

#include <sodium.h>

#include "harness.h"
#include "http/http.h"

#define HOST_A	"a.test"
#define HOST_B	"b.test"

static struct srv	S;
static char		marker[48];

/* A's side: four people signed in and an API token. */
enum { A_ADMIN, A_QUALITY, A_LEADER, A_EMPLOYEE, A_TOKEN, A_N };
static const char *const a_logins[A_N] = {
	"admin", "ingrid.haugen", "bjorn.saether", "emma.johansen", "admin",
};
static struct client	A[A_N];
static char		tok_a[128];

/* B's marker objects, by the kind of id a route pattern takes. */
enum kind { K_NONE, K_UNIT, K_PERSON, K_DEV, K_CAT, K_WB, K_MAX };
static int64_t		b_id[K_MAX];
static int64_t		b_improvement, b_rid, b_aid, b_notification, b_unit_vestre;
static char		b_receipt[128];
static char		tok_b_admin[128], tok_b_quality[128], tok_b_emma[128],
			tok_b_bjorn[128];
static struct client	b_handler;	/* bjorn in B, by session: the case's key */

/* A's numbers and lists before B existed (GET path as A[client]). */
struct snap {
	const char	*path;
	int		 client;
	char		*before;
};
static struct snap	a_snaps[] = {
	{ "/api/v1/stats/deviations?by=category", A_QUALITY, NULL },
	{ "/api/v1/stats/deviations?by=status", A_QUALITY, NULL },
	{ "/api/v1/stats/deviations?by=month", A_QUALITY, NULL },
	{ "/api/v1/stats/deviations?by=unit", A_QUALITY, NULL },
	{ "/api/v1/stats/deviations?by=kind", A_QUALITY, NULL },
	{ "/api/v1/deviations?limit=1000", A_QUALITY, NULL },
	{ "/api/v1/deviations?limit=1000&kind=improvement", A_ADMIN, NULL },
	{ "/api/v1/deviations.csv", A_QUALITY, NULL },
	{ "/api/v1/units", A_ADMIN, NULL },
	{ "/api/v1/people", A_ADMIN, NULL },
	{ "/api/v1/categories", A_ADMIN, NULL },
	{ "/api/v1/whistle/cases", A_LEADER, NULL },
	{ "/api/v1/deviations?limit=1000", A_EMPLOYEE, NULL },
};

/* --- helpers ----------------------------------------------------------------- */

static void
login_at(struct client *c, const char *host, const char *login, const char *pw)
{
	long st;

	client_init(c, &S);
	c->host = host;
	if ((st = client_login(c, login, pw)) != 303)
		fail_msg("login as %s at %s: %ld", login, host, st);
	if (c->csrf[0] == '\0')
		fail_msg("login as %s at %s: no CSRF token", login, host);
	c->csrf_header = 1;
}

static int64_t
id_of(json_t *j)
{
	int64_t id = json_integer_value(json_object_get(j, "id"));

	if (id <= 0)
		fail_msg("no id in the answer");
	return id;
}

/* POST that must create (201); returns the new id. */
static int64_t
create(struct client *c, const char *path, const char *body)
{
	json_t	*j = api_json(c, "POST", path, body, 201);
	int64_t	 id = id_of(j);

	json_decref(j);
	return id;
}

/* The id of the object whose key field equals value in the list at path. */
static int64_t
find_in(struct client *c, const char *path, const char *key, const char *value)
{
	json_t		*j = api_json(c, "GET", path, NULL, 200), *o;
	int64_t		 id = 0;
	size_t		 i;

	for (i = 0; i < json_array_size(j); i++) {
		o = json_array_get(j, i);
		if (json_is_string(json_object_get(o, key)) &&
		    strcmp(json_string_value(json_object_get(o, key)), value) == 0)
			id = json_integer_value(json_object_get(o, "id"));
	}
	json_decref(j);
	if (id <= 0)
		fail_msg("%s has no %s = %s", path, key, value);
	return id;
}

/* Remove the members whose value depends on the clock, recursively. */
static void
strip_clock(json_t *j)
{
	static const char *const keys[] = { "overdue", "from", "to", "last_used",
	    "ack_due_in", "due_in" };
	const char	*k;
	json_t		*v;
	void		*tmp;
	size_t		 i;

	if (json_is_object(j)) {
		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			json_object_del(j, keys[i]);
		json_object_foreach_safe(j, tmp, k, v)
			strip_clock(v);
	} else if (json_is_array(j)) {
		json_array_foreach(j, i, v)
			strip_clock(v);
	}
}

/* The answer to GET path as c, canonical: sorted keys and no clock-bound
 * members (the deadline ticker may run meanwhile); a list as the ids of
 * its objects; CSV as its line count. Caller frees. */
static char *
snapshot(struct client *c, const char *path)
{
	struct resp	 r;
	json_t		*j;
	char		*s, num[64];
	const char	*p;
	long		 lines = 0;

	client_req(c, "GET", path, NULL, NULL, &r);
	if (r.status != 200)
		fail_msg("GET %s at %s: %ld", path, c->host, r.status);
	if (strstr(path, ".csv") != NULL) {
		for (p = buf_cstr(&r.body); *p; p++)
			lines += *p == '\n';
		snprintf(num, sizeof(num), "%ld lines", lines);
		resp_free(&r);
		return strdup(num);
	}
	if ((j = json_loads(buf_cstr(&r.body), 0, NULL)) == NULL)
		fail_msg("GET %s: not JSON", path);
	resp_free(&r);
	if (json_is_array(j)) {
		json_t	*ids = json_array(), *o;
		size_t	 i;

		json_array_foreach(j, i, o)
			json_array_append(ids, json_is_object(o) ?
			    json_object_get(o, "id") : o);
		json_decref(j);
		j = ids;
	}
	strip_clock(j);
	s = json_dumps(j, JSON_SORT_KEYS | JSON_COMPACT);
	json_decref(j);
	assert_non_null(s);
	return s;
}

static void
token(const char *host, const char *login, char *out, size_t outsz)
{
	token_for(&S, host, login, out, outsz);
	assert_true(strncmp(out, "orden_", 6) == 0);
}

/* --- B's marker objects ---------------------------------------------------------- */

static void
fill_b(void)
{
	struct client	 admin, quality, emma, bjorn, anon;
	json_t		*j, *roles;
	char		 body[1024], path[128];
	int64_t		 vestre;
	size_t		 i;

	token(HOST_B, "admin", tok_b_admin, sizeof(tok_b_admin));
	token(HOST_B, "ingrid.haugen", tok_b_quality, sizeof(tok_b_quality));
	token(HOST_B, "emma.johansen", tok_b_emma, sizeof(tok_b_emma));
	token(HOST_B, "bjorn.saether", tok_b_bjorn, sizeof(tok_b_bjorn));
	api_client(&admin, &S, HOST_B, tok_b_admin);
	api_client(&quality, &S, HOST_B, tok_b_quality);
	api_client(&emma, &S, HOST_B, tok_b_emma);
	api_client(&bjorn, &S, HOST_B, tok_b_bjorn);

	vestre = b_unit_vestre = find_in(&admin, "/api/v1/units", "code", "vestre-skole");
	snprintf(body, sizeof(body), "{\"code\":\"marker\",\"name\":\"Enhet %s\","
	    "\"parent_id\":%lld}", marker, (long long)vestre);
	b_id[K_UNIT] = create(&admin, "/api/v1/units", body);
	snprintf(body, sizeof(body), "{\"login\":\"marker.person\",\"name\":\"Person %s\","
	    "\"email\":\"marker@b.example\",\"unit_id\":%lld}", marker,
	    (long long)b_id[K_UNIT]);
	b_id[K_PERSON] = create(&admin, "/api/v1/people", body);
	snprintf(path, sizeof(path), "/api/v1/people/%lld/roles", (long long)b_id[K_PERSON]);
	snprintf(body, sizeof(body), "{\"role\":\"safety_rep\",\"unit_id\":%lld}",
	    (long long)b_id[K_UNIT]);
	j = api_json(&admin, "POST", path, body, 201);
	roles = json_object_get(j, "roles");
	for (i = 0; i < json_array_size(roles); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(roles, i),
		    "role")), "safety_rep") == 0)
			b_rid = json_integer_value(json_object_get(json_array_get(roles, i), "id"));
	json_decref(j);
	assert_true(b_rid > 0);
	snprintf(body, sizeof(body), "{\"code\":\"marker\",\"name\":\"Kategori %s\","
	    "\"ack_hours\":24,\"close_days\":7}", marker);
	b_id[K_CAT] = create(&admin, "/api/v1/categories", body);

	/* A deviation in Vestre skole (its leader, bjorn, handles it) with a
	 * measure and a comment; an improvement proposal. */
	snprintf(body, sizeof(body), "{\"title\":\"Avvik %s\",\"description\":\"Beskrivelse %s\","
	    "\"category\":\"hms\",\"unit_id\":%lld}", marker, marker, (long long)vestre);
	b_id[K_DEV] = create(&emma, "/api/v1/deviations", body);
	snprintf(body, sizeof(body), "{\"kind\":\"improvement\",\"title\":\"Forslag %s\","
	    "\"description\":\"Bedre %s\",\"unit_id\":%lld}", marker, marker, (long long)vestre);
	b_improvement = create(&emma, "/api/v1/deviations", body);
	snprintf(path, sizeof(path), "/api/v1/deviations/%lld/actions", (long long)b_id[K_DEV]);
	json_decref(api_json(&bjorn, "POST", path, "{\"action\":\"acknowledge\"}", 200));
	snprintf(body, sizeof(body), "{\"action\":\"add_measure\",\"measure\":\"Tiltak %s\","
	    "\"responsible_login\":\"bjorn.saether\",\"due_at\":\"2030-06-30\"}", marker);
	json_decref(api_json(&bjorn, "POST", path, body, 200));
	snprintf(body, sizeof(body), "{\"action\":\"comment\",\"text\":\"Kommentar %s\"}", marker);
	json_decref(api_json(&bjorn, "POST", path, body, 200));

	/* An anonymous whistleblowing report with a file, routed to bjorn. */
	client_init(&anon, &S);
	anon.host = HOST_B;
	snprintf(body, sizeof(body), "{\"concerns\":\"employee\",\"reporter_category\":\"employee\","
	    "\"anonymous\":true,\"unit_id\":%lld,\"accused_name\":\"En kollega\","
	    "\"what\":\"Varsel %s\",\"why_censurable\":\"Farlig %s\","
	    "\"attachments\":[{\"name\":\"marker.txt\",\"content_type\":\"text/plain\","
	    "\"data\":\"aGVp\"}]}", (long long)vestre, marker, marker);
	j = api_json(&anon, "POST", "/api/v1/whistle/reports", body, 201);
	b_id[K_WB] = id_of(j);
	snprintf(b_receipt, sizeof(b_receipt), "%s",
	    json_string_value(json_object_get(j, "receipt_code")));
	json_decref(j);
	client_free(&anon);
	login_at(&b_handler, HOST_B, "bjorn.saether", DEMO_PASSWORD);
	snprintf(path, sizeof(path), "/api/v1/whistle/cases/%lld/actions", (long long)b_id[K_WB]);
	j = api_json(&b_handler, "POST", path, "{\"action\":\"declare_impartial\"}", 200);
	b_aid = json_integer_value(json_object_get(json_array_get(
	    json_object_get(j, "attachments"), 0), "id"));
	json_decref(j);
	assert_true(b_aid > 0);

	/* bjorn in B has an unread notification (the new deviation). */
	j = api_json(&bjorn, "GET", "/api/v1/notifications?unread=1", NULL, 200);
	b_notification = json_integer_value(json_object_get(json_array_get(
	    json_object_get(j, "items"), 0), "id"));
	json_decref(j);
	assert_true(b_notification > 0);

	client_free(&admin);
	client_free(&quality);
	client_free(&emma);
	client_free(&bjorn);
}

/* B's objects as B sees them, for "unchanged" after the walk. */
static char *
b_state(void)
{
	struct client	 admin, quality, bjorn;
	struct buf	 b;
	char		 path[128], *s;
	int		 k;

	api_client(&admin, &S, HOST_B, tok_b_admin);
	api_client(&quality, &S, HOST_B, tok_b_quality);
	api_client(&bjorn, &S, HOST_B, tok_b_bjorn);
	buf_init(&b, 8u << 20);
	for (k = 0; k < 5; k++) {
		struct client *c = &admin;

		switch (k) {
		case 0:
			snprintf(path, sizeof(path), "/api/v1/units/%lld", (long long)b_id[K_UNIT]);
			break;
		case 1:
			snprintf(path, sizeof(path), "/api/v1/people/%lld", (long long)b_id[K_PERSON]);
			break;
		case 2:
			snprintf(path, sizeof(path), "/api/v1/categories");
			break;
		case 3:
			c = &quality;
			snprintf(path, sizeof(path), "/api/v1/deviations/%lld", (long long)b_id[K_DEV]);
			break;
		default:
			c = &b_handler;
			snprintf(path, sizeof(path), "/api/v1/whistle/cases/%lld", (long long)b_id[K_WB]);
			break;
		}
		s = snapshot(c, path);
		buf_puts(&b, s);
		buf_putc(&b, '\n');
		free(s);
	}
	/* bjorn's notification of the new deviation is still unread. */
	{
		json_t	*j = api_json(&bjorn, "GET", "/api/v1/notifications?unread=1",
			    NULL, 200), *o;
		size_t	 i;
		int	 unread = 0;

		json_array_foreach(json_object_get(j, "items"), i, o)
			if (json_integer_value(json_object_get(o, "id")) == b_notification)
				unread = 1;
		json_decref(j);
		buf_puts(&b, unread ? "unread" : "read");
	}
	client_free(&admin);
	client_free(&quality);
	client_free(&bjorn);
	s = strdup(buf_cstr(&b));
	buf_free(&b);
	return s;
}

/* --- setup ----------------------------------------------------------------------- */

static int
setup(void **st)
{
	struct buf	out;
	unsigned char	r[8];
	size_t		i;

	(void)st;
	assert_int_equal(sodium_init() >= 0, 1);
	randombytes_buf(r, sizeof(r));
	snprintf(marker, sizeof(marker), "ISO%02x%02x%02x%02x%02x%02x%02x%02xMARK",
	    r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]);

	srv_prepare(&S, 0);
	buf_init(&out, 1u << 20);
	if (orden_run(&out, "demo", "--db", S.db, "--host", HOST_A, "--name",
	    "A kommune", NULL) != 0)
		fail_msg("demo A: %s", buf_cstr(&out));
	token(HOST_A, "admin", tok_a, sizeof(tok_a));

	/* A alone: its numbers. */
	srv_start(&S, NULL);
	for (i = 0; i < A_TOKEN; i++)
		login_at(&A[i], HOST_A, a_logins[i], DEMO_PASSWORD);
	api_client(&A[A_TOKEN], &S, HOST_A, tok_a);
	for (i = 0; i < sizeof(a_snaps) / sizeof(a_snaps[0]); i++)
		a_snaps[i].before = snapshot(&A[a_snaps[i].client], a_snaps[i].path);
	srv_stop(&S, 1);

	/* B: the same shape, in the same database. */
	buf_reset(&out);
	if (orden_run(&out, "demo", "--db", S.db, "--host", HOST_B, "--name",
	    "B kommune", NULL) != 0)
		fail_msg("demo B: %s", buf_cstr(&out));
	buf_reset(&out);
	/* Idempotent per host: a second run changes nothing. */
	assert_int_equal(orden_run(&out, "demo", "--db", S.db, "--host", HOST_B,
	    "--name", "B kommune", NULL), 0);
	assert_non_null(strstr(buf_cstr(&out), "nothing changed"));
	buf_free(&out);
	srv_start(&S, NULL);
	/* The sessions of A survive the restart (they live in the store). */
	fill_b();
	return 0;
}

static int
teardown(void **st)
{
	size_t i;

	(void)st;
	for (i = 0; i < A_N; i++)
		if (A[i].curl != NULL)
			client_free(&A[i]);
	if (b_handler.curl != NULL)
		client_free(&b_handler);
	for (i = 0; i < sizeof(a_snaps) / sizeof(a_snaps[0]); i++)
		free(a_snaps[i].before);
	srv_stop(&S, 0);
	return 0;
}

/* --- the walk ---------------------------------------------------------------------- */

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
	return K_NONE;
}

static void
make_path(const struct route *rt, char *out, size_t outsz)
{
	const char	*p = rt->pattern;
	enum kind	 k = kind_of(rt->pattern);
	size_t		 n = 0;
	int64_t		 v = 0;

	while (*p && n + 24 < outsz) {
		if (*p != '{') {
			out[n++] = *p++;
			continue;
		}
		if (strncmp(p, "{id}", 4) == 0)
			v = b_id[k];
		else if (strncmp(p, "{rid}", 5) == 0)
			v = b_rid;
		else if (strncmp(p, "{aid}", 5) == 0)
			v = b_aid;
		else if (strncmp(p, "{token}", 7) == 0) {
			/* A calendar link: well formed and nobody's here, so
			 * the lookup runs and must find nothing of B's. */
			if (outsz - n < 48)
				break;
			n += (size_t)snprintf(out + n, outsz - n, "%s.ics",
			    "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
			p += 7;
			continue;
		} else
			fail_msg("route %s: unknown parameter in %s", rt->name, rt->pattern);
		n += (size_t)snprintf(out + n, outsz - n, "%lld", (long long)v);
		p = strchr(p, '}') + 1;
	}
	out[n] = '\0';
}

/* Bodies that would do something to B (or make A point into B) if the
 * tenant were not checked; B's ids go in. Routes not named get an empty
 * body (they take no id, so nothing of B's can be named in them). */
static void
body_of(const struct route *rt, char *out, size_t outsz)
{
	long long	 u = (long long)b_id[K_UNIT], v = (long long)b_unit_vestre;
	const char	*n = rt->name;

	out[0] = '\0';
	if (strcmp(n, "login") == 0)
		snprintf(out, outsz, "login=admin&password=%s", DEMO_PASSWORD);
	else if (strcmp(n, "admin_unit_create") == 0)
		snprintf(out, outsz, "code=iso-x&name=Iso&parent=%lld", u);
	else if (strcmp(n, "admin_unit_update") == 0)
		snprintf(out, outsz, "name=Hacked+%s", "unit");
	else if (strcmp(n, "admin_person_create") == 0)
		snprintf(out, outsz, "login=iso.x&name=Iso&unit=%lld", u);
	else if (strcmp(n, "admin_person_update") == 0)
		snprintf(out, outsz, "name=Hacked&unit=%lld&active=1", u);
	else if (strcmp(n, "admin_role_grant") == 0)
		snprintf(out, outsz, "role=employee&unit=%lld", u);
	else if (strcmp(n, "dev_create") == 0)
		snprintf(out, outsz, "kind=deviation&title=Iso&description=d&unit_id=%lld"
		    "&category=hms", v);
	else if (strcmp(n, "dev_action") == 0)
		snprintf(out, outsz, "action=comment&text=Hacked");
	else if (strcmp(n, "admin_category_update") == 0)
		snprintf(out, outsz, "name=Hacked&ack_hours=24&close_days=7");
	else if (strcmp(n, "wb_create") == 0)
		snprintf(out, outsz, "concerns=employee&unit_id=%lld&what=w&why_censurable=w", v);
	else if (strcmp(n, "wb_receipt_login") == 0)
		snprintf(out, outsz, "receipt_code=%s", b_receipt);
	else if (strcmp(n, "wb_reporter_message") == 0)
		snprintf(out, outsz, "text=Hacked");
	else if (strcmp(n, "wb_action") == 0)
		snprintf(out, outsz, "action=declare_impartial");
	else if (strcmp(n, "api_unit_create") == 0)
		snprintf(out, outsz, "{\"code\":\"iso-x\",\"name\":\"Iso\",\"parent_id\":%lld}", u);
	else if (strcmp(n, "api_person_create") == 0)
		snprintf(out, outsz, "{\"login\":\"iso.x\",\"name\":\"Iso\",\"unit_id\":%lld}", u);
	else if (strcmp(n, "api_role_grant") == 0)
		snprintf(out, outsz, "{\"role\":\"employee\",\"unit_id\":%lld}", u);
	else if (strcmp(n, "api_role_revoke") == 0)
		snprintf(out, outsz, "{\"role\":\"safety_rep\",\"unit_id\":%lld}", u);
	else if (strcmp(n, "api_category_update") == 0)
		snprintf(out, outsz, "{\"name\":\"Hacked\"}");
	else if (strcmp(n, "api_deviation_create") == 0)
		snprintf(out, outsz, "{\"title\":\"Iso\",\"description\":\"d\",\"category\":\"hms\","
		    "\"unit_id\":%lld}", v);
	else if (strcmp(n, "api_deviation_action") == 0)
		snprintf(out, outsz, "{\"action\":\"comment\",\"text\":\"Hacked\"}");
	else if (strcmp(n, "api_notifications_read") == 0)
		snprintf(out, outsz, "{\"id\":%lld}", (long long)b_notification);
	else if (strcmp(n, "api_wb_report") == 0)
		snprintf(out, outsz, "{\"concerns\":\"employee\",\"reporter_category\":\"employee\","
		    "\"anonymous\":true,\"unit_id\":%lld,\"what\":\"w\",\"why_censurable\":\"w\"}", v);
	else if (strcmp(n, "api_wb_receipt") == 0)
		snprintf(out, outsz, "{\"receipt_code\":\"%s\"}", b_receipt);
	else if (strcmp(n, "api_wb_message") == 0)
		snprintf(out, outsz, "{\"text\":\"Hacked\"}");
	else if (strcmp(n, "api_wb_action") == 0)
		snprintf(out, outsz, "{\"action\":\"declare_impartial\"}");
	else if (rt->flags & ROUTE_API)
		snprintf(out, outsz, "{}");
}

/* Routes whose success touches only the caller's own things in A
 * (admin_accounts_contact: A's own forgotten-password text; the mail
 * retries: A's own failed e-mails, sent again; they name no object that
 * could be B's, and B's state is compared after every call). */
static int
may_succeed(const char *name)
{
	static const char *const ok[] = { "logout", "notifications_read",
	    "api_notifications_read", "lang", "login_form", "wb_alias",
	    "admin_accounts_contact", "admin_mail_retry", "api_mail_retry" };
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strcmp(name, ok[i]) == 0)
			return 1;
	return 0;
}

static const char *const method_names[] = { "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE" };

/* A success: 2xx, or a 303 that is not the way to a sign-in page (the
 * login form, or the whistleblower's receipt-code form). */
static int
succeeded(const struct resp *r)
{
	char loc[512];

	if (r->status >= 200 && r->status < 300)
		return 1;
	if (r->status == 303)
		return resp_header(r, "location", loc, sizeof(loc)) != 0 ||
		    (strncmp(loc, "/login", 6) != 0 &&
		    strncmp(loc, "/whistle/receipt", 16) != 0);
	return 0;
}

/* One call; counts what is wrong (printed). */
static int
check_call(int who, const char *method, const char *path, const char *body,
    const char *ctype, int id_route, const char *name)
{
	struct client	*c = &A[who];
	struct resp	 r;
	int		 bad = 0;

	client_req(c, method, path, body, ctype, &r);
	if (r.status < 0)
		fail_msg("%s %s: no answer", method, path);
	if (resp_has(&r, marker) || strstr(buf_cstr(&r.headers), marker) != NULL) {
		printf("# %s %s as %s (%d): B's marker in the answer (%ld)\n",
		    method, path, a_logins[who], who, r.status);
		bad++;
	}
	if (succeeded(&r) && (id_route || (strcmp(method, "GET") != 0 &&
	    !may_succeed(name)))) {
		char loc[256] = "";

		(void)resp_header(&r, "location", loc, sizeof(loc));
		printf("# %s %s as %s (%d): %ld %s on B's object\n", method, path,
		    a_logins[who], who, r.status, loc);
		bad++;
	}
	resp_free(&r);
	return bad;
}

static int
walk_route(const struct route *rt, int who)
{
	char		 path[256], body[1024];
	const char	*m = method_names[rt->method];

	make_path(rt, path, sizeof(path));
	body_of(rt, body, sizeof(body));
	if (rt->method == HTTP_GET)
		return check_call(who, "GET", path, NULL, NULL,
		    strchr(rt->pattern, '{') != NULL, rt->name);
	if (rt->flags & ROUTE_API)
		return check_call(who, m, path, body, "application/json",
		    strchr(rt->pattern, '{') != NULL, rt->name);
	{
		/* A form with the session's CSRF token, as a browser sends it. */
		struct buf	 f;
		int		 bad;
		char		*e;

		buf_init(&f, 1u << 16);
		buf_puts(&f, "csrf=");
		buf_puts(&f, A[who].csrf);
		if (body[0] != '\0') {
			buf_putc(&f, '&');
			buf_puts(&f, body);
		}
		e = strdup(buf_cstr(&f));
		buf_free(&f);
		bad = check_call(who, m, path, e, "application/x-www-form-urlencoded",
		    strchr(rt->pattern, '{') != NULL, rt->name);
		free(e);
		return bad;
	}
}

/* The control: B itself sees every marker object, with the marker, where
 * the walk looks for it (so its absence at A means something). */
static void
test_b_sees_its_markers(void **st)
{
	struct client	 admin, quality, qs;
	char		 path[128];
	struct resp	 r;
	size_t		 i;
	struct {
		struct client	*c;
		const char	*fmt;
		int64_t		 id;
		const char	*what;
	} seen[] = {
		{ &admin, "/api/v1/units/%lld", b_id[K_UNIT], "Enhet" },
		{ &admin, "/api/v1/people/%lld", b_id[K_PERSON], "Person" },
		{ &admin, "/api/v1/categories?x=%lld", 0, "Kategori" },
		{ &quality, "/api/v1/deviations/%lld", b_id[K_DEV], "Avvik" },
		{ &quality, "/api/v1/deviations/%lld", b_id[K_DEV], "Tiltak" },
		{ &quality, "/api/v1/deviations/%lld", b_id[K_DEV], "Kommentar" },
		{ &quality, "/api/v1/deviations/%lld", b_improvement, "Forslag" },
		{ &quality, "/api/v1/deviations.csv?x=%lld", 0, "Avvik" },
		{ &qs, "/deviations?x=%lld", 0, "Avvik" },
		{ &qs, "/deviations/%lld", b_id[K_DEV], "Tiltak" },
		{ &qs, "/admin/people?x=%lld", 0, "Person" },
		{ &b_handler, "/api/v1/whistle/cases/%lld", b_id[K_WB], "Varsel" },
		{ &b_handler, "/whistle/cases/%lld", b_id[K_WB], "Varsel" },
	};

	(void)st;
	api_client(&admin, &S, HOST_B, tok_b_admin);
	api_client(&quality, &S, HOST_B, tok_b_quality);
	login_at(&qs, HOST_B, "ingrid.haugen", DEMO_PASSWORD);
	for (i = 0; i < sizeof(seen) / sizeof(seen[0]); i++) {
		char want[96];

		snprintf(path, sizeof(path), seen[i].fmt, (long long)seen[i].id);
		snprintf(want, sizeof(want), "%s %s", seen[i].what, marker);
		client_req(seen[i].c, "GET", path, NULL, NULL, &r);
		if (r.status != 200 || !resp_has(&r, want))
			fail_msg("B does not see \"%s\" at %s (%ld)", want, path, r.status);
		resp_free(&r);
	}
	client_free(&admin);
	client_free(&quality);
	client_free(&qs);
}

static int
deferred(const char *name)
{
	return strcmp(name, "logout") == 0 || strcmp(name, "wb_receipt_logout") == 0;
}

static void
test_every_route_with_b_ids(void **st)
{
	const struct route	*rt;
	char			*b_before, *b_after;
	int			 pass, who, bad = 0, calls = 0;

	(void)st;
	b_before = b_state();
	for (pass = 0; pass < 2; pass++)
		for (rt = app_routes; rt->pattern != NULL; rt++) {
			if (deferred(rt->name) != pass)
				continue;
			for (who = 0; who < A_N; who++) {
				bad += walk_route(rt, who);
				calls++;
			}
		}
	printf("# %d calls on %s's routes with %s's ids, %d wrong\n", calls,
	    HOST_A, HOST_B, bad);
	/* Sign A in again for the tests after this: the walk ended with
	 * logout. */
	for (who = 0; who < A_TOKEN; who++) {
		client_free(&A[who]);
		login_at(&A[who], HOST_A, a_logins[who], DEMO_PASSWORD);
	}
	/* Nothing of B's changed. */
	b_after = b_state();
	assert_int_equal(bad, 0);
	assert_string_equal(b_before, b_after);
	free(b_before);
	free(b_after);
}

/* A's lists, dashboards, statistics and CSV, filtered by B's unit or
 * category: nothing of B's, and no count of it. */
static void
test_filters_by_b_objects(void **st)
{
	static const char *const paths[] = {
		"/api/v1/deviations?unit_id=%lld",
		"/api/v1/deviations.csv?unit_id=%lld",
		"/api/v1/stats/deviations?by=unit&unit_id=%lld",
		"/api/v1/stats/deviations?by=category&unit_id=%lld",
		"/deviations?unit_id=%lld",
		"/dashboard?unit_id=%lld",
		"/api/v1/deviations?category=marker&x=%lld",
		"/api/v1/stats/deviations?category=marker&x=%lld",
		"/deviations?category=marker&x=%lld",
		"/admin/people?unit=%lld",
		"/api/v1/notifications?x=%lld",
		"/notifications?x=%lld",
		"/whistle/cases?x=%lld",
		"/api/v1/whistle/cases?x=%lld",
		"/whistle/stats?year=all&x=%lld",
		"/api/v1/whistle/stats?year=all&x=%lld",
		"/admin/audit?x=%lld",
	};
	char	 path[256];
	size_t	 i;
	int	 who, bad = 0, u;

	(void)st;
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		for (u = 0; u < 2; u++)
			for (who = 0; who < A_N; who++) {
				struct resp	 r;
				json_t		*j;

				snprintf(path, sizeof(path), paths[i],
				    (long long)(u ? b_unit_vestre : b_id[K_UNIT]));
				client_req(&A[who], "GET", path, NULL, NULL, &r);
				if (resp_has(&r, marker)) {
					printf("# GET %s as %d: B's marker\n", path, who);
					bad++;
				}
				/* A 200 from the API must be empty for B's unit. */
				if (r.status == 200 && strstr(path, "/api/v1/") != NULL &&
				    strstr(path, "unit_id=") != NULL &&
				    (j = json_loads(buf_cstr(&r.body), 0, NULL)) != NULL) {
					if ((json_is_array(j) && json_array_size(j) > 0) ||
					    json_integer_value(json_object_get(j, "total")) > 0) {
						printf("# GET %s as %d: B's rows counted\n", path, who);
						bad++;
					}
					json_decref(j);
				}
				if (r.status == 200 && strstr(path, ".csv") != NULL &&
				    strchr(buf_cstr(&r.body), '\n') != NULL &&
				    strchr(strchr(buf_cstr(&r.body), '\n') + 1, '\n') != NULL) {
					printf("# GET %s as %d: CSV rows of B\n", path, who);
					bad++;
				}
				resp_free(&r);
			}
	assert_int_equal(bad, 0);
}

/* A's numbers and lists are what they were before B existed. */
static void
test_a_counts_unchanged(void **st)
{
	size_t	 i;
	char	*now;
	int	 bad = 0;

	(void)st;
	for (i = 0; i < sizeof(a_snaps) / sizeof(a_snaps[0]); i++) {
		now = snapshot(&A[a_snaps[i].client], a_snaps[i].path);
		if (strcmp(now, a_snaps[i].before) != 0) {
			printf("# %s as %s changed:\n#  before %.300s\n#  after  %.300s\n",
			    a_snaps[i].path, a_logins[a_snaps[i].client],
			    a_snaps[i].before, now);
			bad++;
		}
		free(now);
	}
	assert_int_equal(bad, 0);
}

/* A token counts only at its own municipality's host, and the 401 it gets
 * elsewhere is the very answer an unknown token gets: nothing tells that
 * it exists in another municipality. */
static void
test_tokens_stay_home(void **st)
{
	struct client	 c;
	struct resp	 r1, r2;
	char		 unknown[128], h1[64], h2[64];
	json_t		*ja, *jb;

	(void)st;
	api_client(&c, &S, HOST_B, tok_a);
	client_req(&c, "GET", "/api/v1/me", NULL, NULL, &r1);
	assert_int_equal(r1.status, 401);
	/* Same shape as a real token, in no municipality. */
	snprintf(unknown, sizeof(unknown), "%s", tok_a);
	unknown[strlen(unknown) - 2] = unknown[strlen(unknown) - 2] == 'A' ? 'B' : 'A';
	c.bearer = unknown;
	client_req(&c, "GET", "/api/v1/me", NULL, NULL, &r2);
	assert_int_equal(r2.status, 401);
	assert_string_equal(buf_cstr(&r1.body), buf_cstr(&r2.body));
	assert_int_equal(resp_header(&r1, "content-type", h1, sizeof(h1)), 0);
	assert_int_equal(resp_header(&r2, "content-type", h2, sizeof(h2)), 0);
	assert_string_equal(h1, h2);
	resp_free(&r1);
	resp_free(&r2);
	/* Also on a route that changes things. */
	c.bearer = tok_a;
	client_req(&c, "POST", "/api/v1/units", "{\"code\":\"x\",\"name\":\"X\"}",
	    "application/json", &r1);
	assert_int_equal(r1.status, 401);
	resp_free(&r1);
	client_free(&c);
	/* B's token at A's host, likewise. */
	api_client(&c, &S, HOST_A, tok_b_admin);
	client_req(&c, "GET", "/api/v1/units", NULL, NULL, &r1);
	assert_int_equal(r1.status, 401);
	assert_false(resp_has(&r1, marker));
	resp_free(&r1);
	client_free(&c);
	/* At home each is its own admin: the same login, two people. */
	api_client(&c, &S, HOST_A, tok_a);
	ja = api_json(&c, "GET", "/api/v1/me", NULL, 200);
	client_free(&c);
	api_client(&c, &S, HOST_B, tok_b_admin);
	jb = api_json(&c, "GET", "/api/v1/me", NULL, 200);
	client_free(&c);
	assert_string_equal(json_string_value(json_object_get(ja, "login")), "admin");
	assert_string_equal(json_string_value(json_object_get(jb, "login")), "admin");
	assert_true(json_integer_value(json_object_get(ja, "id")) !=
	    json_integer_value(json_object_get(jb, "id")));
	json_decref(ja);
	json_decref(jb);
}

/* A's session cookie is nobody at B's host; B's passwords open nothing at
 * A's host once they differ; B's receipt code opens nothing at A's. */
static void
test_sessions_passwords_receipts_stay_home(void **st)
{
	struct client	 c;
	struct resp	 r;
	struct buf	 out;
	char		 pw[128], body[256];
	static const char *const logins[] = { "admin", "ingrid.haugen", "emma.johansen" };
	size_t		 i;
	long		 rc;

	(void)st;
	/* A's signed-in admin, sent to b.test: anonymous there. */
	A[A_ADMIN].host = HOST_B;
	A[A_ADMIN].csrf_header = 0;
	client_req(&A[A_ADMIN], "GET", "/api/v1/me", NULL, NULL, &r);
	assert_int_equal(r.status, 401);
	resp_free(&r);
	client_req(&A[A_ADMIN], "GET", "/admin/people", NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_false(resp_has(&r, marker));
	resp_free(&r);
	A[A_ADMIN].host = HOST_A;
	A[A_ADMIN].csrf_header = 1;
	client_req(&A[A_ADMIN], "GET", "/api/v1/me", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);

	/* B's people get passwords of their own; A's keep the demo's. */
	buf_init(&out, 1u << 16);
	for (i = 0; i < sizeof(logins) / sizeof(logins[0]); i++) {
		buf_reset(&out);
		if (orden_run(&out, "user", "passwd", "--db", S.db, "--tenant", HOST_B,
		    "--login", logins[i], NULL) != 0)
			fail_msg("user passwd: %s", buf_cstr(&out));
		one_time_password(&out, pw, sizeof(pw));
		client_init(&c, &S);
		c.host = HOST_A;
		assert_int_not_equal(client_login(&c, logins[i], pw), 303);
		client_free(&c);
		client_init(&c, &S);
		c.host = HOST_B;
		assert_int_not_equal(client_login(&c, logins[i], DEMO_PASSWORD), 303);
		client_free(&c);
		client_init(&c, &S);
		c.host = HOST_B;
		assert_int_equal(client_login(&c, logins[i], pw), 303);
		client_free(&c);
		client_init(&c, &S);
		c.host = HOST_A;
		assert_int_equal(client_login(&c, logins[i], DEMO_PASSWORD), 303);
		client_free(&c);
	}
	buf_free(&out);

	/* B's receipt code at A: no case (401; 429 once the walk's tries from
	 * this address are throttled); at B: the case. */
	client_init(&c, &S);
	c.host = HOST_A;
	snprintf(body, sizeof(body), "{\"receipt_code\":\"%s\"}", b_receipt);
	rc = api_call(&c, "POST", "/api/v1/whistle/receipt", body, NULL);
	assert_true(rc == 401 || rc == 429);
	client_req(&c, "GET", "/api/v1/whistle/reports/mine", NULL, NULL, &r);
	assert_false(resp_has(&r, marker));
	resp_free(&r);
	client_free(&c);
	client_init(&c, &S);
	c.host = HOST_B;
	assert_int_equal(api_call(&c, "POST", "/api/v1/whistle/receipt", body, NULL), 200);
	client_free(&c);
}

/* Both municipalities' audit chains verify (each hashed under its uid). */
static void
test_audit_chains_verify(void **st)
{
	struct buf out;

	(void)st;
	buf_init(&out, 1u << 16);
	assert_int_equal(orden_run(&out, "audit", "verify", "--db", S.db, NULL), 0);
	buf_reset(&out);
	assert_int_equal(orden_run(&out, "tenant", "list", "--db", S.db, NULL), 0);
	assert_non_null(strstr(buf_cstr(&out), HOST_A));
	assert_non_null(strstr(buf_cstr(&out), HOST_B));
	assert_non_null(strstr(buf_cstr(&out), "B kommune"));
	buf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_b_sees_its_markers),
		cmocka_unit_test(test_every_route_with_b_ids),
		cmocka_unit_test(test_filters_by_b_objects),
		cmocka_unit_test(test_a_counts_unchanged),
		cmocka_unit_test(test_tokens_stay_home),
		cmocka_unit_test(test_sessions_passwords_receipts_stay_home),
		cmocka_unit_test(test_audit_chains_verify),
	};
	return cmocka_run_group_tests_name("http_tenant_isolation", tests, setup,
	    teardown);
}
