/* Accounts and sessions (issue 11, items 11-14): a password change or
 * reset ends the other sessions; a session with a one-time password
 * reaches nothing but the password change, on every route of the table;
 * the current-password check is throttled like the login; API tokens
 * expire, are listed and revoked (CLI and admin page), audited; the login
 * page says whom to ask about a forgotten password, and an administrator's
 * reset (web and CLI) issues a one-time password. Both backends. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "http/http.h"

#define EMMA		"emma.johansen"
#define NEW_PASSWORD	"Et nytt og langt passord"

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

/* The one-time password after `label` in text (CLI output or a page). */
static void
otp_after(const char *text, const char *label, char *pw, size_t pwsz)
{
	const char	*p = strstr(text, label);
	size_t		 i = 0;

	assert_non_null(p);
	p += strlen(label);
	while (*p == ' ')
		p++;
	while (p[i] != '\0' && p[i] != '\n' && p[i] != '<' && i + 1 < pwsz) {
		pw[i] = p[i];
		i++;
	}
	pw[i] = '\0';
	assert_true(strlen(pw) >= 10);
}

/* `orden user reset-password` for login; the one-time password into pw. */
static void
cli_reset(const char *login, char *pw, size_t pwsz)
{
	struct buf out;

	buf_init(&out, 1 << 16);
	assert_int_equal(orden_run(&out, "user", "reset-password", "--db", S.db,
	    "--login", login, NULL), 0);
	otp_after(buf_cstr(&out), "One-time password:", pw, pwsz);
	buf_free(&out);
}

/* POST /account/password as c (fresh CSRF token first); the status. */
static long
change_password(struct client *c, const char *cur, const char *nw)
{
	struct resp	r;
	struct buf	f;
	long		st;

	client_req(c, "GET", "/account/password", NULL, NULL, &r);
	resp_free(&r);
	buf_init(&f, 4096);
	buf_puts(&f, "current=");
	for (; *cur; cur++)
		buf_printf(&f, "%%%02X", (unsigned char)*cur);
	buf_puts(&f, "&new=");
	for (const char *p = nw; *p; p++)
		buf_printf(&f, "%%%02X", (unsigned char)*p);
	buf_puts(&f, "&repeat=");
	for (const char *p = nw; *p; p++)
		buf_printf(&f, "%%%02X", (unsigned char)*p);
	client_post_form(c, "/account/password", buf_cstr(&f), &r);
	st = r.status;
	resp_free(&r);
	buf_free(&f);
	return st;
}

/* Whether c's session still works: GET / answers 200 (not a redirect to
 * the login page). */
static int
signed_in(struct client *c)
{
	struct resp	r;
	long		st;

	client_req(c, "GET", "/", NULL, NULL, &r);
	st = r.status;
	resp_free(&r);
	return st == 200;
}

static int64_t
audit_count(const char *action)
{
	return srv_db_int(&S, "SELECT COUNT(*) FROM audit_log WHERE action = $1",
	    action);
}

/* Item 11: changing one's password ends one's other sessions, keeps this
 * one; API tokens are credentials of their own and keep working. */
static void
test_change_ends_other_sessions(void **st)
{
	struct client	here, there, api;
	char		tok[128], pw[64];
	int64_t		ended = audit_count("sessions_ended");

	(void)st;
	/* Emma gets a password of her own first (the demo's is shared). */
	cli_reset(EMMA, pw, sizeof(pw));
	client_init(&here, &S);
	assert_int_equal(client_login(&here, EMMA, pw), 303);
	assert_int_equal(change_password(&here, pw, NEW_PASSWORD), 303);
	client_init(&there, &S);
	assert_int_equal(client_login(&there, EMMA, NEW_PASSWORD), 303);
	assert_true(signed_in(&there));
	token_for(&S, NULL, EMMA, tok, sizeof(tok));
	api_client(&api, &S, NULL, tok);

	assert_int_equal(change_password(&here, NEW_PASSWORD,
	    "Enda et nytt langt passord"), 303);
	assert_true(signed_in(&here));
	assert_false(signed_in(&there));
	assert_int_equal(api_call(&api, "GET", "/api/v1/me", NULL, NULL), 200);
	assert_true(audit_count("sessions_ended") > ended);
	client_free(&api);
	client_free(&there);
	client_free(&here);
	cli_reset(EMMA, pw, sizeof(pw));
}

/* Nobody takes away their own administrator role, through the web or the
 * API: authz_role_revoke_ok, asked by org_role_revoke. The API used to let
 * an administrator do it (only the web page refused), which can leave a
 * municipality without one. */
static void
test_own_admin_role_stays_by_every_face(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*me, *j, *roles, *one;
	json_int_t	 pid, rid = 0;
	char		 path[128];
	size_t		 i;

	(void)st;
	session_client(&c, &S, "admin");
	me = api_get_ok(&c, "/api/v1/me");
	pid = json_integer_value(json_object_get(me, "id"));
	json_decref(me);
	snprintf(path, sizeof(path), "/api/v1/people/%lld", (long long)pid);
	j = api_get_ok(&c, path);
	roles = json_object_get(j, "roles");
	for (i = 0; i < json_array_size(roles); i++) {
		one = json_array_get(roles, i);
		if (strcmp(json_string_value(json_object_get(one, "role")), "admin") == 0)
			rid = json_integer_value(json_object_get(one, "id"));
	}
	json_decref(j);
	assert_true(rid > 0);

	snprintf(path, sizeof(path), "/api/v1/people/%lld/roles", (long long)pid);
	j = api_json(&c, "DELETE", path, "{\"role\":\"admin\"}", 403);
	assert_string_equal(json_err_field(j), "role");
	json_decref(j);

	client_req(&c, "GET", "/admin/people", NULL, NULL, &r);	/* a CSRF token */
	resp_free(&r);
	snprintf(path, sizeof(path), "/admin/people/%lld/roles/%lld/delete",
	    (long long)pid, (long long)rid);
	client_post_form(&c, path, "", &r);
	assert_int_equal(r.status, 400);
	resp_free(&r);

	/* Still an administrator. */
	client_req(&c, "GET", "/admin/people", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	client_free(&c);
}

/* Items 11 and 14: an administrator's reset on the person's page gives a
 * one-time password, ends every session of the person, and is audited. */
static void
test_admin_reset_on_the_web(void **st)
{
	struct client	admin, emma, again;
	struct resp	r;
	char		path[64], pw[64], h[256];
	int64_t		id = srv_db_int(&S, "SELECT id FROM people WHERE login = $1",
			    EMMA);
	int64_t		resets;

	(void)st;
	cli_reset(EMMA, pw, sizeof(pw));
	resets = audit_count("password_reset");
	client_init(&emma, &S);
	assert_int_equal(client_login(&emma, EMMA, pw), 303);
	assert_int_equal(change_password(&emma, pw, NEW_PASSWORD), 303);
	assert_true(signed_in(&emma));

	client_init(&admin, &S);
	assert_int_equal(client_login(&admin, "admin", DEMO_PASSWORD), 303);
	snprintf(path, sizeof(path), "/admin/people/%lld", (long long)id);
	client_req(&admin, "GET", path, NULL, NULL, &r);
	resp_free(&r);
	snprintf(path, sizeof(path), "/admin/people/%lld/password", (long long)id);
	client_post_form(&admin, path, "", &r);
	assert_int_equal(r.status, 200);
	otp_after(buf_cstr(&r.body), "<code>", pw, sizeof(pw));
	resp_free(&r);

	assert_false(signed_in(&emma));
	assert_int_equal(audit_count("password_reset"), resets + 1);
	/* The old password is gone; the one-time one leads to the change. */
	client_init(&again, &S);
	assert_int_equal(client_login(&again, EMMA, NEW_PASSWORD), 401);
	client_req(&again, "GET", "/login", NULL, NULL, &r);
	resp_free(&r);
	{
		struct buf f;

		buf_init(&f, 4096);
		login_form(&again, &f, EMMA, pw);
		client_req(&again, "POST", "/login", buf_cstr(&f),
		    "application/x-www-form-urlencoded", &r);
		buf_free(&f);
	}
	assert_int_equal(r.status, 303);
	assert_int_equal(resp_header(&r, "Location", h, sizeof(h)), 0);
	assert_string_equal(h, "/account/password");
	resp_free(&r);
	client_free(&again);
	client_free(&admin);
	client_free(&emma);
}

/* Items 11 and 14: `orden user reset-password` ends the sessions too. */
static void
test_cli_reset_ends_sessions(void **st)
{
	struct client	emma;
	char		pw[64];

	(void)st;
	cli_reset(EMMA, pw, sizeof(pw));
	client_init(&emma, &S);
	assert_int_equal(client_login(&emma, EMMA, pw), 303);
	cli_reset(EMMA, pw, sizeof(pw));
	/* The one-time session is gone: to the login page, not the change. */
	assert_false(signed_in(&emma));
	client_free(&emma);
}

/* The routes a session with a one-time password may still reach. */
static int
open_while_pending(const char *name)
{
	return strcmp(name, "password_form") == 0 ||
	    strcmp(name, "password") == 0 || strcmp(name, "logout") == 0 ||
	    strcmp(name, "lang") == 0;
}

/* "/x/{id}/y/{aid}" with every parameter 1. */
static void
concrete(const char *pattern, char *out, size_t outsz)
{
	size_t o = 0;

	for (; *pattern != '\0' && o + 2 < outsz; pattern++) {
		if (*pattern == '{') {
			while (*pattern != '\0' && *pattern != '}')
				pattern++;
			out[o++] = '1';
			if (*pattern == '\0')
				break;
		} else
			out[o++] = *pattern;
	}
	out[o] = '\0';
}

static const char *const method_names[] = {
	[HTTP_GET] = "GET", [HTTP_HEAD] = "HEAD", [HTTP_POST] = "POST",
	[HTTP_PUT] = "PUT", [HTTP_PATCH] = "PATCH", [HTTP_DELETE] = "DELETE",
};

/* Item 11: with a one-time password, every route of the table but the
 * change itself (and logout, language) answers the same: the web goes to
 * the change page, the API says 403 password_change_required. Before, the
 * API took a deviation (201) from such a session. */
static void
test_one_time_password_gates_every_route(void **st)
{
	const struct route	*rt;
	struct client		 c;
	struct resp		 r;
	json_t			*j;
	json_error_t		 je;
	char			 pw[64], path[256], h[256];
	int			 checked = 0;

	(void)st;
	cli_reset(EMMA, pw, sizeof(pw));
	client_init(&c, &S);
	assert_int_equal(client_login(&c, EMMA, pw), 303);
	c.csrf_header = 1;
	for (rt = app_routes; rt->pattern != NULL; rt++) {
		if ((rt->flags & ROUTE_NOTENANT) || open_while_pending(rt->name) ||
		    strcmp(rt->name, "logout") == 0)
			continue;
		concrete(rt->pattern, path, sizeof(path));
		client_req(&c, method_names[rt->method], path,
		    rt->method == HTTP_GET ? NULL : (rt->flags & ROUTE_API) ?
		    "{\"category_id\":1,\"title\":\"x\",\"description\":\"x\"}" :
		    "title=x", rt->method == HTTP_GET ? NULL :
		    (rt->flags & ROUTE_API) ? "application/json" :
		    "application/x-www-form-urlencoded", &r);
		if (rt->flags & ROUTE_API) {
			if (r.status != 403)
				fail_msg("%s %s: %ld, want 403", method_names[rt->method],
				    path, r.status);
			j = json_loads(buf_cstr(&r.body), 0, &je);
			assert_non_null(j);
			assert_string_equal(json_err_code(j), "password_change_required");
			json_decref(j);
		} else {
			if (r.status != 303)
				fail_msg("%s %s: %ld, want 303", method_names[rt->method],
				    path, r.status);
			assert_int_equal(resp_header(&r, "Location", h, sizeof(h)), 0);
			assert_string_equal(h, "/account/password");
		}
		resp_free(&r);
		checked++;
	}
	assert_true(checked > 50);
	/* The change page itself works, and after the change everything. */
	client_req(&c, "GET", "/account/password", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	c.csrf_header = 0;
	assert_int_equal(change_password(&c, pw, NEW_PASSWORD), 303);
	c.csrf_header = 1;
	assert_int_equal(api_call(&c, "GET", "/api/v1/me", NULL, NULL), 200);
	assert_true(signed_in(&c));
	client_free(&c);
	cli_reset(EMMA, pw, sizeof(pw));
}

/* Item 12: the current password on /account/password is throttled like
 * the login, counted together with it. */
static void
test_current_password_throttled(void **st)
{
	struct client	c;
	struct resp	r;
	char		pw[64], h[64];
	int		i;

	(void)st;
	cli_reset("ole.vik", pw, sizeof(pw));
	client_init(&c, &S);
	assert_int_equal(client_login(&c, "ole.vik", pw), 303);
	assert_int_equal(change_password(&c, pw, NEW_PASSWORD), 303);
	for (i = 0; i < 3; i++)
		assert_int_equal(change_password(&c, "not-my-password",
		    "Enda et nytt langt passord"), 400);
	/* Now even the right one waits, and the page says for how long. */
	client_req(&c, "GET", "/account/password", NULL, NULL, &r);
	resp_free(&r);
	{
		struct buf f;

		buf_init(&f, 4096);
		buf_printf(&f, "current=%s&new=Enda+et+nytt+langt+passord"
		    "&repeat=Enda+et+nytt+langt+passord", "Et+nytt+og+langt+passord");
		client_post_form(&c, "/account/password", buf_cstr(&f), &r);
		buf_free(&f);
	}
	assert_int_equal(r.status, 429);
	assert_int_equal(resp_header(&r, "Retry-After", h, sizeof(h)), 0);
	assert_true(strtol(h, NULL, 10) > 0);
	assert_true(resp_has(&r, "Prøv igjen om"));
	resp_free(&r);
	assert_true(audit_count("password_check_failed") >= 3);
	client_free(&c);
	/* The login form from the same address counts the same failures. */
	client_init(&c, &S);
	client_req(&c, "GET", "/login", NULL, NULL, &r);
	resp_free(&r);
	{
		struct buf f;

		buf_init(&f, 4096);
		login_form(&c, &f, "ole.vik", NEW_PASSWORD);
		client_req(&c, "POST", "/login", buf_cstr(&f),
		    "application/x-www-form-urlencoded", &r);
		buf_free(&f);
	}
	assert_int_equal(r.status, 429);
	resp_free(&r);
	client_free(&c);
}

/* Item 13: tokens expire (a year by default, --expires DAYS), are listed
 * with when they were last used, and are revoked by CLI or admin page;
 * revoked or expired ones get 401; all audited. */
static void
test_tokens_expire_list_revoke(void **st)
{
	struct client		 api, admin;
	struct resp		 r;
	struct buf		 out;
	char			 tok[128], tok2[128], id_s[32], path[96];
	const char *const	 later[] = { "ORDEN_CLOCK_OFFSET=90000", NULL };
	int64_t			 id, id2, created = audit_count("token_create");
	int64_t			 revoked = audit_count("token_revoke");

	(void)st;
	buf_init(&out, 1 << 16);
	assert_int_equal(orden_run(&out, "token", "create", "--db", S.db,
	    "--login", "admin", "--label", "kortvarig", "--expires", "1", NULL), 0);
	last_line(&out, tok, sizeof(tok));
	buf_reset(&out);
	assert_int_equal(orden_run(&out, "token", "create", "--db", S.db,
	    "--login", "admin", "--label", "integrasjon-arkiv", NULL), 0);
	last_line(&out, tok2, sizeof(tok2));
	assert_int_equal(audit_count("token_create"), created + 2);
	id = srv_db_int(&S, "SELECT id FROM api_tokens WHERE label = $1", "kortvarig");
	id2 = srv_db_int(&S, "SELECT id FROM api_tokens WHERE label = $1",
	    "integrasjon-arkiv");
	/* A year by default. */
	assert_true(srv_db_int(&S, "SELECT expires_at - created_at FROM api_tokens"
	    " WHERE label = $1", "integrasjon-arkiv") == 365 * 86400);
	/* Bad --expires is refused. */
	buf_reset(&out);
	assert_int_not_equal(orden_run(&out, "token", "create", "--db", S.db,
	    "--login", "admin", "--expires", "0", NULL), 0);
	assert_non_null(strstr(buf_cstr(&out), "--expires"));

	api_client(&api, &S, NULL, tok);
	assert_int_equal(api_call(&api, "GET", "/api/v1/me", NULL, NULL), 200);
	client_free(&api);

	/* The list names it, its label and when it was last used. */
	buf_reset(&out);
	assert_int_equal(orden_run(&out, "token", "list", "--db", S.db, NULL), 0);
	assert_non_null(strstr(buf_cstr(&out), "kortvarig"));
	assert_non_null(strstr(buf_cstr(&out), "integrasjon-arkiv"));

	/* Revoked from the CLI: 401 at once. */
	snprintf(id_s, sizeof(id_s), "%lld", (long long)id2);
	assert_int_equal(orden_run(NULL, "token", "revoke", "--db", S.db,
	    "--id", id_s, NULL), 0);
	api_client(&api, &S, NULL, tok2);
	assert_int_equal(api_call(&api, "GET", "/api/v1/me", NULL, NULL), 401);
	client_free(&api);
	/* Twice is an error that says so. */
	buf_reset(&out);
	assert_int_not_equal(orden_run(&out, "token", "revoke", "--db", S.db,
	    "--id", id_s, NULL), 0);

	/* The admin page lists them and revokes. */
	client_init(&admin, &S);
	assert_int_equal(client_login(&admin, "admin", DEMO_PASSWORD), 303);
	client_req(&admin, "GET", "/admin/accounts", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "kortvarig"));
	assert_true(resp_has(&r, "integrasjon-arkiv"));
	resp_free(&r);
	buf_reset(&out);
	assert_int_equal(orden_run(&out, "token", "create", "--db", S.db,
	    "--login", "admin", "--label", "via-admin-side", NULL), 0);
	last_line(&out, tok2, sizeof(tok2));
	id2 = srv_db_int(&S, "SELECT id FROM api_tokens WHERE label = $1",
	    "via-admin-side");
	snprintf(path, sizeof(path), "/admin/accounts/tokens/%lld/revoke",
	    (long long)id2);
	client_post_form(&admin, path, "", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	api_client(&api, &S, NULL, tok2);
	assert_int_equal(api_call(&api, "GET", "/api/v1/me", NULL, NULL), 401);
	client_free(&api);
	/* An unknown token id is 404. */
	client_req(&admin, "GET", "/admin/accounts", NULL, NULL, &r);
	resp_free(&r);
	client_post_form(&admin, "/admin/accounts/tokens/999999/revoke", "", &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	/* The admin pages' query parameters are declared (org_input.h): a
	 * word no change gives, or a bad flag or search, is a 400 naming it;
	 * the ones the redirects give still show their banner. */
	{
		static const struct { const char *path, *field; int status; } q[] = {
			{ "/admin/accounts?saved=revoked", "saved", 200 },
			{ "/admin/accounts?saved=bogus", "saved", 400 },
			{ "/admin/accounts?saved=%3Cb%3E", "saved", 400 },
			{ "/admin/units?saved=1", "saved", 200 },
			{ "/admin/units?saved=kanskje", "saved", 400 },
			{ "/admin/people?q=emma", "q", 200 },
			{ "/admin/people?q=a%0Ab", "q", 400 },
			{ "/admin/categories?saved=1", "saved", 200 },
			{ "/admin/categories?saved=ja", "saved", 400 },
		};
		size_t i;

		for (i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
			client_req(&admin, "GET", q[i].path, NULL, NULL, &r);
			assert_int_equal(r.status, q[i].status);
			if (q[i].status == 400) {
				assert_true(resp_has(&r, q[i].field));
				assert_false(resp_has(&r, "<b>"));
			}
			resp_free(&r);
		}
		snprintf(path, sizeof(path), "/admin/people/%lld?saved=role",
		    (long long)srv_db_int(&S, "SELECT id FROM people WHERE login = $1",
		    "admin"));
		client_req(&admin, "GET", path, NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		resp_free(&r);
		snprintf(path, sizeof(path), "/admin/people/%lld?saved=x",
		    (long long)srv_db_int(&S, "SELECT id FROM people WHERE login = $1",
		    "admin"));
		client_req(&admin, "GET", path, NULL, NULL, &r);
		assert_int_equal(r.status, 400);
		assert_true(resp_has(&r, "saved"));
		resp_free(&r);
	}
	client_free(&admin);
	assert_int_equal(audit_count("token_revoke"), revoked + 2);

	/* A day and more later the one-day token is expired: 401. */
	srv_stop(&S, 1);
	srv_start(&S, later);
	api_client(&api, &S, NULL, tok);
	assert_int_equal(api_call(&api, "GET", "/api/v1/me", NULL, NULL), 401);
	client_free(&api);
	buf_reset(&out);
	assert_int_equal(orden_run_env(&out, later, "token", "list", "--db", S.db,
	    NULL), 0);
	assert_non_null(strstr(buf_cstr(&out), "kortvarig"));
	srv_stop(&S, 1);
	srv_start(&S, NULL);
	(void)id;
	buf_free(&out);
}

/* Item 14: the login page says whom to ask; the municipality sets it. */
static void
test_forgot_password_contact(void **st)
{
	struct client	anon, admin;
	struct resp	r;
	char		big[700];

	(void)st;
	client_init(&anon, &S);
	client_req(&anon, "GET", "/login", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Glemt passord?"));
	assert_true(resp_has(&r, "engangspassord"));
	resp_free(&r);

	client_init(&admin, &S);
	assert_int_equal(client_login(&admin, "admin", DEMO_PASSWORD), 303);
	client_req(&admin, "GET", "/admin/accounts", NULL, NULL, &r);
	resp_free(&r);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	{
		struct buf f;

		buf_init(&f, 4096);
		buf_printf(&f, "contact=%s", big);
		client_post_form(&admin, "/admin/accounts/contact", buf_cstr(&f), &r);
		buf_free(&f);
	}
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "aria-invalid"));
	resp_free(&r);
	client_req(&admin, "GET", "/admin/accounts", NULL, NULL, &r);
	resp_free(&r);
	client_post_form(&admin, "/admin/accounts/contact",
	    "contact=IT-servicedesk%2C+tlf+12+34+56+78+%3Cb%3E", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_req(&anon, "GET", "/login", NULL, NULL, &r);
	assert_true(resp_has(&r, "IT-servicedesk, tlf 12 34 56 78 &lt;b&gt;"));
	resp_free(&r);
	assert_true(audit_count("admin_contact_set") >= 1);
	client_free(&admin);
	client_free(&anon);
}

/* Lars reports a colleague at Vestre skole (procedure 1): the case goes to
 * the unit's leader, Bjørn Sæther. Its id. */
static json_int_t
report_at_vestre(struct client *lars)
{
	return wb_report_ok(lars, "{\"what\":\"Hendelse.\",\"why_censurable\":"
	    "\"Brudd på rutiner.\",\"concerns\":\"employee\",\"reporter_category\":"
	    "\"employee\",\"accused_name\":\"Ole Vik\"}", NULL);
}

/* The chief safety representative's whistleblowing notifications. */
static int64_t
csr_told(void)
{
	return srv_db_int(&S, "SELECT COUNT(*) FROM notifications WHERE"
	    " person_id = (SELECT id FROM people WHERE login = $1)"
	    " AND kind = 'whistle'", "tone.myhre");
}

/* Whether login holds a key copy of case id. */
static int64_t
key_copies(const char *login, json_int_t id)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM whistle_handlers WHERE"
	    " case_id = %lld AND sealed_key IS NOT NULL AND person_id ="
	    " (SELECT id FROM people WHERE login = $1)", (long long)id);
	return srv_db_int(&S, sql, login);
}

/* The administrator who resets a handler's password knows the one-time
 * password and could become the handler: sign in with it, choose a new
 * password, and be sealed the cases. The reset puts the account on hold:
 * no new case, no key copy of an old one, until the chief safety
 * representative (not the administrator, not the person) confirms, on
 * the web or over the API. */
static void
test_reset_holds_whistleblowing(void **st)
{
	struct client	admin, csr, bjorn, silje, lars, mallory;
	struct resp	r;
	json_t		*j;
	char		path[96], pw[64], body[160];
	int64_t		id = srv_db_int(&S, "SELECT id FROM people WHERE login = $1",
			    "bjorn.saether");
	json_int_t	before, after, later;
	int64_t		told = csr_told();

	(void)st;
	session_client(&admin, &S, "admin");
	session_client(&csr, &S, "tone.myhre");
	session_client(&bjorn, &S, "bjorn.saether");
	session_client(&silje, &S, "silje.eide");
	session_client(&lars, &S, "lars.eriksen");
	before = report_at_vestre(&lars);
	assert_true(wb_cases_has(&bjorn, before));
	assert_int_equal(key_copies("bjorn.saether", before), 1);
	/* Silje from HR joins as co-handler: she can open it later. */
	json_decref(wb_act_ok(&bjorn, before, "{\"action\":\"declare_impartial\"}"));
	snprintf(body, sizeof(body), "{\"action\":\"add_cohandler\",\"person_id\":%lld,"
	    "\"reason\":\"Personalsak\"}", (long long)srv_db_int(&S,
	    "SELECT id FROM people WHERE login = $1", "silje.eide"));
	json_decref(wb_act_ok(&bjorn, before, body));
	client_free(&bjorn);

	/* The administrator resets, signs in as Silje, picks a password. */
	snprintf(path, sizeof(path), "/admin/people/%lld", (long long)id);
	client_req(&admin, "GET", path, NULL, NULL, &r);
	resp_free(&r);
	snprintf(path, sizeof(path), "/admin/people/%lld/password", (long long)id);
	client_post_form(&admin, path, "", &r);
	assert_int_equal(r.status, 200);
	otp_after(buf_cstr(&r.body), "<code>", pw, sizeof(pw));
	resp_free(&r);
	client_init(&mallory, &S);
	assert_int_equal(client_login(&mallory, "bjorn.saether", pw), 303);
	assert_int_equal(change_password(&mallory, pw, NEW_PASSWORD), 303);
	mallory.csrf_header = 1;

	/* Neither a new case nor the old one reaches that account, even when
	 * another handler opens the old one (which seals missing copies). */
	after = report_at_vestre(&lars);
	assert_false(wb_cases_has(&mallory, after));
	assert_int_equal(wb_case_get(&mallory, after, &j), 404);
	json_decref(j);
	assert_int_equal(wb_case_get(&mallory, before, &j), 404);
	json_decref(j);
	assert_int_equal(wb_case_get(&silje, before, &j), 200);
	json_decref(j);
	assert_int_equal(key_copies("bjorn.saether", before), 0);
	assert_int_equal(key_copies("bjorn.saether", after), 0);

	/* The chief safety representative is told and sees the hold; the
	 * administrator may not lift it, on the web or over the API. */
	assert_int_equal(csr_told(), told + 1);
	client_req(&csr, "GET", "/whistle/routing", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Bjørn Sæther"));
	resp_free(&r);
	snprintf(path, sizeof(path), "/whistle/routing/holds/%lld/release", (long long)id);
	client_post_form(&admin, path, "", &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	snprintf(path, sizeof(path), "/api/v1/whistle/holds/%lld/release", (long long)id);
	assert_int_equal(api_call(&admin, "POST", path, NULL, &j), 403);
	json_decref(j);
	assert_int_equal(api_call(&mallory, "POST", path, NULL, &j), 403);
	json_decref(j);

	/* The API lists it; the chief safety representative confirms. */
	assert_int_equal(api_call(&csr, "GET", "/api/v1/whistle/holds", NULL, &j), 200);
	{
		json_t	*it = json_object_get(j, "items"), *o;
		size_t	 k, found = 0;

		json_array_foreach(it, k, o)
			if (json_integer_value(json_object_get(o, "person_id")) == id) {
				assert_string_equal(json_string_value(json_object_get(o,
				    "reset_by")), "Tor Aune");
				found++;
			}
		assert_int_equal(found, 1);
	}
	json_decref(j);
	assert_int_equal(api_call(&csr, "POST", path, NULL, &j), 200);
	json_decref(j);
	assert_int_equal(api_call(&csr, "POST", path, NULL, &j), 404);
	json_decref(j);
	assert_int_equal(audit_count("wb_hold_released"), 1);
	later = report_at_vestre(&lars);
	assert_true(wb_cases_has(&mallory, later));
	assert_int_equal(key_copies("bjorn.saether", later), 1);

	/* The same on the web form, after the operator's reset (CLI). */
	cli_reset("bjorn.saether", pw, sizeof(pw));
	snprintf(path, sizeof(path), "/whistle/routing/holds/%lld/release", (long long)id);
	client_req(&csr, "GET", "/whistle/routing", NULL, NULL, &r);
	assert_true(resp_has(&r, path));
	resp_free(&r);
	client_post_form(&csr, path, "", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	assert_int_equal(audit_count("wb_hold_released"), 2);
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM people WHERE"
	    " login = $1 AND wb_hold_by IS NOT NULL", "bjorn.saether"), 0);
	client_free(&lars);
	client_free(&silje);
	client_free(&mallory);
	client_free(&csr);
	client_free(&admin);
}

/* A new account, made by the administrator and given a one-time password
 * (role_unit 0: a tenant-wide role). */
static json_int_t
puppet(struct client *admin, const char *login, const char *role,
    json_int_t unit, json_int_t role_unit, char *pw, size_t pwsz)
{
	struct resp	 r;
	json_t		*j;
	json_int_t	 id;
	char		 body[256], path[96];

	snprintf(body, sizeof(body), "{\"login\":\"%s\",\"name\":\"%s\","
	    "\"unit_id\":%lld}", login, login, (long long)unit);
	j = api_json(admin, "POST", "/api/v1/people", body, 201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/people/%lld/roles", (long long)id);
	if (role_unit > 0)
		snprintf(body, sizeof(body), "{\"role\":\"%s\",\"unit_id\":%lld}",
		    role, (long long)role_unit);
	else
		snprintf(body, sizeof(body), "{\"role\":\"%s\"}", role);
	json_decref(api_json(admin, "POST", path, body, 201));
	snprintf(path, sizeof(path), "/admin/people/%lld", (long long)id);
	client_req(admin, "GET", path, NULL, NULL, &r);
	resp_free(&r);
	snprintf(path, sizeof(path), "/admin/people/%lld/password", (long long)id);
	client_post_form(admin, path, "", &r);
	assert_int_equal(r.status, 200);
	otp_after(buf_cstr(&r.body), "<code>", pw, pwsz);
	resp_free(&r);
	return id;
}

/* Issue 17 item 2: an administrator who makes an account with a one-time
 * password can sign in as it, like after a reset. Such an account is on
 * the hold, so a puppet handler is sealed no case; a puppet chief safety
 * representative (on the hold too) lifts no hold, on the web or over the
 * API; and the administrator gives himself no role with a whistleblowing
 * power (chief_safety_rep, quality, auditor), on the web or over the API. */
static void
test_created_accounts_are_held(void **st)
{
	static const char *const powers[] = { "chief_safety_rep", "quality",
	    "auditor" };
	struct client	admin, lars, leader, csr;
	struct resp	r;
	json_t		*j;
	json_int_t	vestre, lid, me, cs;
	char		pw[64], path[128], body[128];
	size_t		i;
	int64_t		roles_before;

	(void)st;
	session_client(&admin, &S, "admin");
	session_client(&lars, &S, "lars.eriksen");
	vestre = unit_id_of(&admin, "vestre-skole");
	lid = puppet(&admin, "dukke.leder", "leader", vestre, vestre, pw,
	    sizeof(pw));
	client_init(&leader, &S);
	assert_int_equal(client_login(&leader, "dukke.leder", pw), 303);
	assert_int_equal(change_password(&leader, pw, NEW_PASSWORD), 303);
	leader.csrf_header = 1;
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM people WHERE"
	    " login = $1 AND wb_hold_by IS NOT NULL", "dukke.leder"), 1);
	cs = report_at_vestre(&lars);
	assert_false(wb_cases_has(&leader, cs));
	assert_int_equal(wb_case_get(&leader, cs, &j), 404);
	json_decref(j);
	assert_int_equal(key_copies("dukke.leder", cs), 0);

	/* A chief safety representative the administrator made. */
	(void)puppet(&admin, "dukke.verneombud", "chief_safety_rep", vestre, 0,
	    pw, sizeof(pw));
	client_init(&csr, &S);
	assert_int_equal(client_login(&csr, "dukke.verneombud", pw), 303);
	assert_int_equal(change_password(&csr, pw, NEW_PASSWORD), 303);
	csr.csrf_header = 1;
	snprintf(path, sizeof(path), "/api/v1/whistle/holds/%lld/release",
	    (long long)lid);
	assert_int_equal(api_call(&csr, "POST", path, NULL, &j), 403);
	json_decref(j);
	snprintf(path, sizeof(path), "/whistle/routing/holds/%lld/release",
	    (long long)lid);
	client_req(&csr, "GET", "/", NULL, NULL, &r);
	resp_free(&r);
	client_post_form(&csr, path, "", &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM people WHERE"
	    " login = $1 AND wb_hold_by IS NOT NULL", "dukke.leder"), 1);

	/* The administrator makes himself none of them. */
	j = api_get_ok(&admin, "/api/v1/me");
	me = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	roles_before = srv_db_int(&S, "SELECT COUNT(*) FROM role_assignments"
	    " WHERE person_id = (SELECT id FROM people WHERE login = $1)", "admin");
	for (i = 0; i < sizeof(powers) / sizeof(powers[0]); i++) {
		snprintf(path, sizeof(path), "/api/v1/people/%lld/roles",
		    (long long)me);
		snprintf(body, sizeof(body), "{\"role\":\"%s\"}", powers[i]);
		j = api_json(&admin, "POST", path, body, 403);
		assert_string_equal(json_err_field(j), "role");
		json_decref(j);
		snprintf(path, sizeof(path), "/admin/people/%lld", (long long)me);
		client_req(&admin, "GET", path, NULL, NULL, &r);
		resp_free(&r);
		snprintf(path, sizeof(path), "/admin/people/%lld/roles",
		    (long long)me);
		snprintf(body, sizeof(body), "role=%s", powers[i]);
		client_post_form(&admin, path, body, &r);
		assert_int_equal(r.status, 403);
		resp_free(&r);
	}
	assert_int_equal(srv_db_int(&S, "SELECT COUNT(*) FROM role_assignments"
	    " WHERE person_id = (SELECT id FROM people WHERE login = $1)",
	    "admin"), roles_before);
	client_free(&csr);
	client_free(&leader);
	client_free(&lars);
	client_free(&admin);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_change_ends_other_sessions),
		cmocka_unit_test(test_admin_reset_on_the_web),
		cmocka_unit_test(test_own_admin_role_stays_by_every_face),
		cmocka_unit_test(test_cli_reset_ends_sessions),
		cmocka_unit_test(test_one_time_password_gates_every_route),
		cmocka_unit_test(test_current_password_throttled),
		cmocka_unit_test(test_tokens_expire_list_revoke),
		cmocka_unit_test(test_forgot_password_contact),
		cmocka_unit_test(test_reset_holds_whistleblowing),
		cmocka_unit_test(test_created_accounts_are_held),
	};
	return cmocka_run_group_tests_name("http_accounts", tests, setup, teardown);
}
