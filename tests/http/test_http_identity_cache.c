/* The cache of who is asking (src/http/ident.c, issue 13): a signed-in
 * request is answered from a kept identity, but never one the database
 * would not give now. With the identity kept (a hit counted right before),
 * each change is seen on the very next request: a logout, a password
 * change that ends the other sessions, a reset by `orden user
 * reset-password` in another process, a person deactivated, a role
 * granted and removed (API) or granted by `orden import people`, a name
 * changed by the import, a token revoked by `orden token revoke`, a second
 * factor reset by `orden totp reset`, a municipality added by `orden
 * init`. Reading changes no generation. Two municipalities never share a
 * kept identity: a session or token of one is unknown at the other's host.
 * Every check runs on both backends. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "http/http.h"

#define METRICS_TOKEN	"ident-metrics-token-0123456789abcdef"
#define DEMO_HOST	"localhost"

static struct srv S;
static char tokenfile[300], env_token[340];

static int
setup(void **st)
{
	const char *env[] = { env_token, NULL };

	(void)st;
	srv_prepare(&S, 1);
	write_file(&S, "metrics-token", METRICS_TOKEN "\n", tokenfile,
	    sizeof(tokenfile));
	snprintf(env_token, sizeof(env_token), "ORDEN_METRICS_TOKEN_FILE=%s",
	    tokenfile);
	srv_start(&S, env);
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	srv_stop(&S, 0);
	return 0;
}

#define HITS	srv_metric(&S, METRICS_TOKEN, \
	"orden_http_ident_requests_total{outcome=\"hit\"}")
#define STALE	srv_metric(&S, METRICS_TOKEN, \
	"orden_http_ident_requests_total{outcome=\"stale\"}")

static int64_t
ident_gen(void)
{
	return srv_db_int(&S, "SELECT COALESCE(SUM(ident_gen), 0) FROM cache_gen",
	    NULL);
}

/* GET / as c: 200 signed in, 303 to the login page when not. */
static long
home(struct client *c)
{
	struct resp	r;
	long		st;

	client_req(c, "GET", "/", NULL, NULL, &r);
	st = r.status;
	resp_free(&r);
	return st;
}

/* GET /api/v1/me as c: the status, and the body into *out when 200
 * (caller decrefs). */
static long
me(struct client *c, json_t **out)
{
	return api_call(c, "GET", "/api/v1/me", NULL, out);
}

/* c is signed in, from the kept identity: the second request is a hit. */
static void
kept_session(struct client *c)
{
	long hits;

	assert_int_equal(home(c), 200);
	hits = HITS;
	assert_int_equal(home(c), 200);
	assert_int_equal(HITS, hits + 1);
}

/* The same for a bearer token's client. */
static void
kept_token(struct client *c)
{
	long hits;

	assert_int_equal(me(c, NULL), 200);
	hits = HITS;
	assert_int_equal(me(c, NULL), 200);
	assert_int_equal(HITS, hits + 1);
}

/* Whether me() of c lists role. */
static int
has_role(struct client *c, const char *role)
{
	json_t	*j = NULL, *r;
	size_t	 i;
	int	 found = 0;

	assert_int_equal(me(c, &j), 200);
	json_array_foreach(json_object_get(j, "roles"), i, r)
		if (strcmp(json_string_value(json_object_get(r, "role")),
		    role) == 0)
			found = 1;
	json_decref(j);
	return found;
}

/* The session cookie c's jar holds, as "orden_session=..." in out. */
static void
cookie_of(struct client *c, char *out, size_t outsz)
{
	struct curl_slist	*list = NULL, *l;
	const char		*v;

	out[0] = '\0';
	assert_int_equal(curl_easy_getinfo(c->curl, CURLINFO_COOKIELIST,
	    &list), CURLE_OK);
	for (l = list; l != NULL; l = l->next)
		if ((v = strstr(l->data, "\torden_session\t")) != NULL)
			snprintf(out, outsz, "Cookie: orden_session=%s",
			    v + strlen("\torden_session\t"));
	curl_slist_free_all(list);
	assert_true(out[0] != '\0');
}

/* A client that sends the saved cookie header and nothing else. */
static void
replay(struct client *c, const char *cookie_header)
{
	client_init(c, &S);
	c->host = DEMO_HOST;
	c->extra_header = cookie_header;
}

/* Signed in as login at the demo's host (curl keeps the cookie for the
 * Host header it was set with). */
static void
demo_session(struct client *c, const char *login)
{
	long st;

	client_init(c, &S);
	c->host = DEMO_HOST;
	if ((st = client_login(c, login, DEMO_PASSWORD)) != 303)
		fail_msg("login as %s: %ld", login, st);
	c->csrf_header = 1;
}

/* `orden ARGS...` must succeed; its output into out (caller frees). */
#define ORDEN(out, ...) do {						\
	buf_init((out), 1u << 16);					\
	if (orden_run((out), __VA_ARGS__, NULL) != 0)			\
		fail_msg("orden: %s", buf_cstr(out));			\
} while (0)

static int64_t
person_id(const char *login)
{
	return srv_db_int(&S, "SELECT id FROM people WHERE login = $1", login);
}

/* A logout ends the session at once: its cookie, sent again, is unknown. */
static void
test_logout(void **st)
{
	struct client	c, again;
	struct resp	r;
	char		cookie[300];

	(void)st;
	demo_session(&c, "emma.johansen");
	cookie_of(&c, cookie, sizeof(cookie));
	replay(&again, cookie);
	kept_session(&again);
	client_post_form(&c, "/logout", "", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	assert_int_equal(home(&again), 303);
	client_free(&again);
	client_free(&c);
}

/* A password change on the web ends the person's other sessions. */
static void
test_password_change_ends_others(void **st)
{
	struct client	here, there;
	struct resp	r;

	(void)st;
	demo_session(&here, "ole.vik");
	demo_session(&there, "ole.vik");
	kept_session(&there);
	client_req(&here, "GET", "/account/password", NULL, NULL, &r);
	resp_free(&r);
	client_post_form(&here, "/account/password", "current=" DEMO_PASSWORD
	    "&new=Et+nytt+og+langt+passord&repeat=Et+nytt+og+langt+passord",
	    &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	assert_int_equal(home(&here), 200);
	assert_int_equal(home(&there), 303);
	client_free(&here);
	client_free(&there);
}

/* `orden user reset-password`, in another process, ends every session
 * of the person at once. */
static void
test_cli_reset(void **st)
{
	struct client	c;
	struct buf	out;

	(void)st;
	demo_session(&c, "lars.eriksen");
	kept_session(&c);
	ORDEN(&out, "user", "reset-password", "--db", S.db, "--tenant",
	    DEMO_HOST, "--login", "lars.eriksen");
	buf_free(&out);
	assert_int_equal(home(&c), 303);
	client_free(&c);
}

/* A person deactivated by an administrator is out at once, by session
 * and by token. */
static void
test_deactivated(void **st)
{
	struct client	 p, api, admin;
	struct resp	 r;
	json_t		*j;
	char		 tok[128], form[300], path[64];
	int64_t		 id = person_id("nora.pedersen");

	(void)st;
	token_for(&S, DEMO_HOST, "nora.pedersen", tok, sizeof(tok));
	api_client(&api, &S, DEMO_HOST, tok);
	demo_session(&p, "nora.pedersen");
	kept_session(&p);
	kept_token(&api);
	assert_int_equal(me(&api, &j), 200);
	snprintf(form, sizeof(form), "login=nora.pedersen&name=Nora+Pedersen&unit_id=%lld",
	    (long long)json_integer_value(json_object_get(j, "unit_id")));
	json_decref(j);

	demo_session(&admin, "admin");
	snprintf(path, sizeof(path), "/admin/people/%lld", (long long)id);
	client_req(&admin, "GET", path, NULL, NULL, &r);
	resp_free(&r);
	client_post_form(&admin, path, form, &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	assert_int_equal(srv_db_int(&S, "SELECT active FROM people WHERE "
	    "login = $1", "nora.pedersen"), 0);

	assert_int_equal(home(&p), 303);
	assert_int_equal(me(&api, NULL), 401);
	client_free(&admin);
	client_free(&api);
	client_free(&p);
}

/* Roles granted and removed through the API, and granted by `orden
 * import people` in another process, show on the next request. */
static void
test_roles(void **st)
{
	struct client	 api;
	struct buf	 out;
	json_t		*j = NULL;
	char		 tok[128], admin[128], path[64], file[400];
	int64_t		 id = person_id("emma.johansen");

	(void)st;
	token_for(&S, DEMO_HOST, "emma.johansen", tok, sizeof(tok));
	token_for(&S, DEMO_HOST, "admin", admin, sizeof(admin));
	api_client(&api, &S, DEMO_HOST, tok);
	kept_token(&api);
	assert_false(has_role(&api, "quality"));

	snprintf(path, sizeof(path), "/api/v1/people/%lld/roles", (long long)id);
	assert_int_equal(api_as(&S, DEMO_HOST, admin, "POST", path,
	    "{\"role\":\"quality\"}", &j), 201);
	json_decref(j);
	assert_true(has_role(&api, "quality"));
	kept_token(&api);
	assert_int_equal(api_as(&S, DEMO_HOST, admin, "DELETE", path,
	    "{\"role\":\"quality\"}", &j), 200);
	json_decref(j);
	assert_false(has_role(&api, "quality"));

	kept_token(&api);
	assert_false(has_role(&api, "auditor"));
	write_file(&S, "people.csv", "login,name,email,unit_code,roles,party\n"
	    "emma.johansen,Emma Johansen,,vestre-skole,auditor,\n", file,
	    sizeof(file));
	ORDEN(&out, "import", "people", "--db", S.db, "--tenant", DEMO_HOST,
	    file);
	buf_free(&out);
	assert_true(has_role(&api, "auditor"));
	client_free(&api);
}

/* A person's name changed by `orden import people` (another process)
 * is what the next request says. */
static void
test_person_changed_by_cli(void **st)
{
	struct client	 api;
	struct buf	 out;
	json_t		*j = NULL;
	char		 tok[128], file[400];

	(void)st;
	token_for(&S, DEMO_HOST, "bjorn.saether", tok, sizeof(tok));
	api_client(&api, &S, DEMO_HOST, tok);
	kept_token(&api);
	write_file(&S, "people.csv", "login,name,email,unit_code,roles,party\n"
	    "bjorn.saether,Bjørn Nytt-Navn,,vestre-skole,,\n", file,
	    sizeof(file));
	ORDEN(&out, "import", "people", "--db", S.db, "--tenant", DEMO_HOST,
	    file);
	buf_free(&out);
	assert_int_equal(me(&api, &j), 200);
	assert_string_equal(json_string_value(json_object_get(j, "name")),
	    "Bjørn Nytt-Navn");
	json_decref(j);
	client_free(&api);
}

/* `orden token revoke` (another process): the token fails at once. */
static void
test_token_revoked_by_cli(void **st)
{
	struct client	api;
	struct buf	out;
	char		tok[128], id[32];

	(void)st;
	token_for(&S, DEMO_HOST, "kari.nilsen", tok, sizeof(tok));
	snprintf(id, sizeof(id), "%lld", (long long)srv_db_int(&S,
	    "SELECT MAX(id) FROM api_tokens", NULL));
	api_client(&api, &S, DEMO_HOST, tok);
	kept_token(&api);
	ORDEN(&out, "token", "revoke", "--db", S.db, "--tenant", DEMO_HOST,
	    "--id", id);
	buf_free(&out);
	assert_int_equal(me(&api, NULL), 401);
	client_free(&api);
}

/* `orden totp reset` (another process) changes a second factor: the kept
 * identity of that municipality is read afresh, not given again. */
static void
test_second_factor_reset_by_cli(void **st)
{
	struct client	 admin;
	struct buf	 out;
	int64_t		 gen;
	long		 stale;

	(void)st;
	demo_session(&admin, "admin");
	kept_session(&admin);
	gen = ident_gen();
	stale = STALE;
	ORDEN(&out, "totp", "reset", "--db", S.db, "--tenant", DEMO_HOST,
	    "--login", "admin");
	buf_free(&out);
	assert_true(ident_gen() > gen);
	assert_int_equal(home(&admin), 200);
	assert_int_equal(STALE, stale + 1);
	client_free(&admin);
}

/* Reading, signed in or by token, changes neither generation: a GET
 * would otherwise empty the cache it is served from. */
static void
test_reading_bumps_nothing(void **st)
{
	struct client	 api, c;
	char		 tok[128];
	int64_t		 gen, data;
	int		 i;

	(void)st;
	token_for(&S, DEMO_HOST, "ingrid.haugen", tok, sizeof(tok));
	api_client(&api, &S, DEMO_HOST, tok);
	demo_session(&c, "ingrid.haugen");
	gen = ident_gen();
	data = srv_db_int(&S, "SELECT COALESCE(SUM(gen), 0) FROM cache_gen",
	    NULL);
	for (i = 0; i < 3; i++) {
		assert_int_equal(home(&c), 200);
		assert_int_equal(me(&api, NULL), 200);
	}
	assert_int_equal(ident_gen(), gen);
	assert_int_equal(srv_db_int(&S, "SELECT COALESCE(SUM(gen), 0) FROM "
	    "cache_gen", NULL), data);
	client_free(&c);
	client_free(&api);
}

/* A single municipality answers on any host name; once `orden init`
 * (another process) adds a second, a host that names neither is unknown
 * at once, though its tenant was kept. */
static void
test_tenant_added_by_cli(void **st)
{
	struct client	api;
	char		tok[128];
	long		hits;

	(void)st;
	token_for(&S, DEMO_HOST, "lise.aasen", tok, sizeof(tok));
	api_client(&api, &S, "anything.test", tok);
	assert_int_equal(me(&api, NULL), 200);
	hits = HITS;
	assert_int_equal(me(&api, NULL), 200);
	assert_int_equal(HITS, hits + 1);
	{
		struct fixture_tenant t;

		fixture_tenant(&S, "nabo.test", &t);
	}
	assert_int_equal(me(&api, NULL), 404);
	client_free(&api);
}

/* Two municipalities on one server: each one's kept identities are its
 * own; a session or token of one is unknown at the other's host, warm or
 * not, and its owner's is still theirs. */
static void
test_tenants_never_share(void **st)
{
	struct fixture_tenant	 t;
	struct client		 a, b, a_at_b, b_at_a, s_at_b;
	struct client		 c;
	json_t			*j = NULL;
	char			 tok_a[128], cookie[300];
	int			 i;

	(void)st;
	fixture_tenant(&S, "fjell.test", &t);
	token_for(&S, DEMO_HOST, "lise.aasen", tok_a, sizeof(tok_a));
	api_client(&a, &S, DEMO_HOST, tok_a);
	api_client(&b, &S, t.host, t.admin_token);
	api_client(&a_at_b, &S, t.host, tok_a);
	api_client(&b_at_a, &S, DEMO_HOST, t.admin_token);
	demo_session(&c, "lise.aasen");
	cookie_of(&c, cookie, sizeof(cookie));
	client_init(&s_at_b, &S);
	s_at_b.host = t.host;
	s_at_b.extra_header = cookie;
	kept_token(&a);
	kept_token(&b);
	kept_session(&c);
	for (i = 0; i < 2; i++) {
		assert_int_equal(me(&a_at_b, NULL), 401);
		assert_int_equal(me(&b_at_a, NULL), 401);
		assert_int_equal(home(&s_at_b), 303);
		assert_int_equal(me(&b, &j), 200);
		assert_string_equal(json_string_value(json_object_get(
		    json_object_get(j, "tenant"), "name")), "fjell.test");
		json_decref(j);
		assert_int_equal(me(&a, &j), 200);
		assert_string_equal(json_string_value(json_object_get(j,
		    "login")), "lise.aasen");
		assert_string_not_equal(json_string_value(json_object_get(
		    json_object_get(j, "tenant"), "name")), "fjell.test");
		json_decref(j);
	}
	client_free(&a);
	client_free(&b);
	client_free(&a_at_b);
	client_free(&b_at_a);
	client_free(&s_at_b);
	client_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reading_bumps_nothing),
		cmocka_unit_test(test_logout),
		cmocka_unit_test(test_password_change_ends_others),
		cmocka_unit_test(test_cli_reset),
		cmocka_unit_test(test_deactivated),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(test_person_changed_by_cli),
		cmocka_unit_test(test_token_revoked_by_cli),
		cmocka_unit_test(test_second_factor_reset_by_cli),
		/* These two add municipalities: last. */
		cmocka_unit_test(test_tenant_added_by_cli),
		cmocka_unit_test(test_tenants_never_share),
	};

	return cmocka_run_group_tests_name(srv_is_pg() ? "postgres" : "sqlite",
	    tests, setup, teardown);
}
