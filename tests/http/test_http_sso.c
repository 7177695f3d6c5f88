/* Sign-in by an identity provider, the routes that need no real provider
 * (issue 17, item 4), and a provider whose discovery fails (item 5). A
 * stand-in provider (tests/http/oidc_static.py) publishes a discovery
 * document and refuses every code; the whole sign-in against a real
 * provider is tests/oidc/run.mjs. Covered: the login page's buttons; the
 * way out with state, nonce and PKCE and a state cookie only /login/sso
 * sees; every refusal of the callback (no state, a wrong one, a replayed
 * one, the provider's error, a code the provider refuses, an unknown
 * provider), none of which makes a session; logout offering the
 * provider's end-session URL; and a provider that does not answer,
 * reported on the admin page and in the log, while the rest of Orden
 * (another provider, passwords) goes on. Both backends. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <curl/curl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "harness.h"

#define GOOD	"Testpålogging"
#define DOWN	"Nede-IdP"

static struct srv	S;
static pid_t		idp_pid;
static int		idp_port;
static int64_t		good_id, down_id;

static const char *
python(void)
{
	const char *p = getenv("ORDEN_TEST_PYTHON");

	return p != NULL && *p != '\0' ? p : "/usr/bin/python3";
}

static void
idp_start(void)
{
	char	 pfile[400];
	FILE	*f;
	int	 i;

	snprintf(pfile, sizeof(pfile), "%s/idp.port", S.dir);
	idp_pid = fork();
	assert_true(idp_pid >= 0);
	if (idp_pid == 0) {
		execl(python(), python(), "tests/http/oidc_static.py",
		    "--port-file", pfile, (char *)NULL);
		_exit(127);
	}
	for (i = 0; i < 1200 && idp_port == 0; i++) {
		struct timespec ts = { 0, 50 * 1000 * 1000 };

		if ((f = fopen(pfile, "r")) != NULL) {
			if (fscanf(f, "%d", &idp_port) != 1)
				idp_port = 0;
			fclose(f);
		}
		if (idp_port == 0)
			nanosleep(&ts, NULL);
	}
	if (idp_port == 0)
		fail_msg("the stand-in provider did not start (%s)", python());
}

static void
sso_add(const char *name, const char *issuer)
{
	const char *const	env[] = { "ORDEN_SSO_CLIENT_SECRET=hemmelig-klient", NULL };
	struct buf		out;

	buf_init(&out, 1 << 16);
	if (orden_run_env(&out, env, "sso", "add", "--db", S.db, "--name", name,
	    "--issuer", issuer, "--client-id", "orden", "--redirect-uri",
	    "http://127.0.0.1/login/sso/callback", NULL) != 0)
		fail_msg("orden sso add %s: %s", name, buf_cstr(&out));
	buf_free(&out);
}

static int
setup(void **st)
{
	char iss[64];

	(void)st;
	srv_prepare(&S, 1);
	idp_start();
	snprintf(iss, sizeof(iss), "http://127.0.0.1:%d", idp_port);
	sso_add(GOOD, iss);
	/* Port 1: nobody answers there. */
	sso_add(DOWN, "http://127.0.0.1:1");
	good_id = srv_db_int(&S, "SELECT id FROM sso_providers WHERE name = $1", GOOD);
	down_id = srv_db_int(&S, "SELECT id FROM sso_providers WHERE name = $1", DOWN);
	assert_true(good_id > 0 && down_id > 0);
	srv_start(&S, NULL);
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	srv_stop(&S, 0);
	if (idp_pid > 0) {
		kill(idp_pid, SIGTERM);
		waitpid(idp_pid, NULL, 0);
	}
	return 0;
}

/* Whether the client's cookie jar holds a cookie called name. */
static int
has_cookie(struct client *c, const char *name)
{
	struct curl_slist	*l = NULL, *p;
	char			 pat[80];
	int			 found = 0;

	snprintf(pat, sizeof(pat), "\t%s\t", name);
	curl_easy_getinfo(c->curl, CURLINFO_COOKIELIST, &l);
	for (p = l; p != NULL; p = p->next)
		if (strstr(p->data, pat) != NULL)
			found = 1;
	curl_slist_free_all(l);
	return found;
}

/* Put a cookie into c's jar, as a browser that kept it would send it. */
static void
put_cookie(struct client *c, const char *path, const char *name,
    const char *value)
{
	char line[512];

	snprintf(line, sizeof(line), "127.0.0.1\tFALSE\t%s\tFALSE\t0\t%s\t%s",
	    path, name, value);
	curl_easy_setopt(c->curl, CURLOPT_COOKIELIST, line);
}

/* GET /login/sso/{id}: must go to the provider; the state into state. */
static void
begin(struct client *c, int64_t id, char *loc, size_t locsz, char *state,
    size_t statesz)
{
	struct resp	 r;
	char		 path[64], h[512];
	const char	*p;
	size_t		 i;

	snprintf(path, sizeof(path), "/login/sso/%lld?next=/deviations/mine",
	    (long long)id);
	client_req(c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_int_equal(resp_header(&r, "Location", loc, locsz), 0);
	assert_int_equal(resp_header(&r, "Set-Cookie", h, sizeof(h)), 0);
	assert_non_null(strstr(h, "orden_sso_state="));
	assert_non_null(strstr(h, "HttpOnly"));
	assert_non_null(strstr(h, "SameSite=Lax"));
	assert_non_null(strstr(h, "Path=/login/sso"));
	resp_free(&r);
	assert_non_null(p = strstr(loc, "state="));
	p += 6;
	for (i = 0; p[i] != '\0' && p[i] != '&' && i + 1 < statesz; i++)
		state[i] = p[i];
	state[i] = '\0';
}

/* GET /login/sso/callback?query as c: the status; no session made. */
static long
callback(struct client *c, const char *query, const char *needle)
{
	struct resp	r;
	char		path[512];
	long		st;

	snprintf(path, sizeof(path), "/login/sso/callback?%s", query);
	client_req(c, "GET", path, NULL, NULL, &r);
	st = r.status;
	if (needle != NULL && !resp_has(&r, needle))
		fail_msg("callback ?%s (%ld) does not say \"%s\": %s", query, st,
		    needle, buf_cstr(&r.body));
	resp_free(&r);
	assert_false(has_cookie(c, "orden_session"));
	return st;
}

static void
test_buttons_and_way_out(void **st)
{
	struct client	c;
	struct resp	r;
	char		loc[2048], state[128], want[128];

	(void)st;
	client_init(&c, &S);
	client_req(&c, "GET", "/login", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, GOOD));
	assert_true(resp_has(&r, DOWN));
	snprintf(want, sizeof(want), "/login/sso/%lld?next=", (long long)good_id);
	assert_true(resp_has(&r, want));
	resp_free(&r);

	begin(&c, good_id, loc, sizeof(loc), state, sizeof(state));
	snprintf(want, sizeof(want), "http://127.0.0.1:%d/authorize?", idp_port);
	assert_true(strncmp(loc, want, strlen(want)) == 0);
	assert_non_null(strstr(loc, "response_type=code"));
	assert_non_null(strstr(loc, "client_id=orden"));
	assert_non_null(strstr(loc, "redirect_uri="));
	assert_non_null(strstr(loc, "nonce="));
	assert_non_null(strstr(loc, "code_challenge="));
	assert_non_null(strstr(loc, "code_challenge_method=S256"));
	assert_true(strlen(state) >= 32);
	/* Nothing of the client secret goes to the browser. */
	assert_null(strstr(loc, "hemmelig-klient"));

	/* A provider Orden does not have. */
	client_req(&c, "GET", "/login/sso/999999", NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	client_free(&c);
}

static void
test_callback_refusals(void **st)
{
	struct client	c, other;
	char		loc[2048], state[128], q[512];

	(void)st;
	client_init(&c, &S);
	/* No sign-in started: no state cookie. */
	assert_int_equal(callback(&c, "state=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&code=x",
	    NULL), 400);
	assert_int_equal(callback(&c, "code=x", NULL), 400);

	/* Started, but the state in the answer is another one. */
	begin(&c, good_id, loc, sizeof(loc), state, sizeof(state));
	snprintf(q, sizeof(q), "state=%.*sX&code=x", (int)strlen(state) - 1, state);
	assert_int_equal(callback(&c, q, NULL), 400);

	/* Another browser with this state, without its cookie. */
	client_init(&other, &S);
	snprintf(q, sizeof(q), "state=%s&code=x", state);
	assert_int_equal(callback(&other, q, NULL), 400);
	client_free(&other);

	/* The provider says no: refused, and the state is used up (a
	 * refused state also clears the browser's cookie: start again). */
	begin(&c, good_id, loc, sizeof(loc), state, sizeof(state));
	snprintf(q, sizeof(q), "state=%s&error=access_denied", state);
	assert_int_equal(callback(&c, q, NULL), 403);
	put_cookie(&c, "/login/sso", "orden_sso_state", state);
	snprintf(q, sizeof(q), "state=%s&code=x", state);
	assert_int_equal(callback(&c, q, NULL), 400);

	/* The answer's parameters are declared (sso_input.h): a provider's
	 * error of any one line still gets the flow's page; a code that is
	 * not one line is a 400 naming it, as is a next that is not. */
	begin(&c, good_id, loc, sizeof(loc), state, sizeof(state));
	snprintf(q, sizeof(q), "state=%s&error=server%%20error", state);
	assert_int_equal(callback(&c, q, NULL), 403);
	begin(&c, good_id, loc, sizeof(loc), state, sizeof(state));
	snprintf(q, sizeof(q), "state=%s&code=a%%0Ab", state);
	assert_int_equal(callback(&c, q, "code"), 400);
	{
		struct resp	r;
		char		path[64];

		snprintf(path, sizeof(path), "/login/sso/%lld?next=/a%%0Ab",
		    (long long)good_id);
		client_req(&c, "GET", path, NULL, NULL, &r);
		assert_int_equal(r.status, 400);
		assert_true(resp_has(&r, "next"));
		resp_free(&r);
	}
	client_free(&c);

	/* A code the provider's token endpoint refuses: not signed in, and
	 * that state cannot be played again. */
	client_init(&c, &S);
	begin(&c, good_id, loc, sizeof(loc), state, sizeof(state));
	snprintf(q, sizeof(q), "state=%s&code=stolen-code", state);
	{
		long s = callback(&c, q, NULL);

		assert_true(s == 403 || s == 502);
	}
	/* Played again with the cookie, as an attacker who saw both would. */
	put_cookie(&c, "/login/sso", "orden_sso_state", state);
	assert_int_equal(callback(&c, q, NULL), 400);
	client_free(&c);
	assert_true(srv_db_int(&S, "SELECT COUNT(*) FROM audit_log WHERE"
	    " action = 'sso_login_failed'", NULL) >= 2);
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM audit_log WHERE"
	    " action = 'sso_login'", NULL), 0);
}

/* Logout ends Orden's session and, for a browser a provider signed in,
 * offers the provider's end-session URL. */
static void
test_logout_offers_the_provider(void **st)
{
	struct client	c;
	struct resp	r;
	char		cookie[128], want[128];

	(void)st;
	client_init(&c, &S);
	assert_int_equal(client_login(&c, "emma.johansen", DEMO_PASSWORD), 303);
	/* What a sign-in by the provider leaves (web/sso/sso.c). */
	snprintf(cookie, sizeof(cookie), "%lld", (long long)good_id);
	put_cookie(&c, "/", "orden_sso_idp", cookie);
	client_post_form(&c, "/logout", "", &r);
	assert_int_equal(r.status, 200);
	snprintf(want, sizeof(want), "http://127.0.0.1:%d/logout?client_id=orden",
	    idp_port);
	assert_true(resp_has(&r, want));
	assert_true(resp_has(&r, "post_logout_redirect_uri="));
	resp_free(&r);
	client_req(&c, "GET", "/", NULL, NULL, &r);
	assert_int_equal(r.status, 303);	/* Orden's session is gone */
	resp_free(&r);
	client_free(&c);
}

/* A provider that does not answer: its button gives a clear page (no
 * 500), the admin page says it is not working and why, the log names it;
 * the other provider and passwords go on. */
static void
test_provider_down_is_reported(void **st)
{
	struct client	c, admin;
	struct resp	r;
	char		path[64], loc[2048], state[128];

	(void)st;
	client_init(&c, &S);
	snprintf(path, sizeof(path), "/login/sso/%lld", (long long)down_id);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 502);
	assert_true(resp_has(&r, "/login"));
	resp_free(&r);
	begin(&c, good_id, loc, sizeof(loc), state, sizeof(state));
	assert_int_equal(client_login(&c, "emma.johansen", DEMO_PASSWORD), 303);
	client_free(&c);

	assert_int_equal(file_has(S.log, "sso_error"), 1);
	assert_int_equal(file_has(S.log, "http://127.0.0.1:1"), 1);
	session_client(&admin, &S, "admin");
	client_req(&admin, "GET", "/admin/sso", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "class=\"error\""));
	assert_true(resp_has(&r, "http://127.0.0.1:1"));
	assert_true(resp_has(&r, GOOD));
	/* In the admin menu. */
	assert_true(resp_has(&r, "href=\"/admin/sso\""));
	resp_free(&r);
	client_free(&admin);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_buttons_and_way_out),
		cmocka_unit_test(test_callback_refusals),
		cmocka_unit_test(test_logout_offers_the_provider),
		cmocka_unit_test(test_provider_down_is_reported),
	};
	return cmocka_run_group_tests_name("http_sso", tests, setup, teardown);
}
