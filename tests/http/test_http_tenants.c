/* Two municipalities on one installation never see each other's objects:
 * same unit codes and logins in both, selected by the Host header. And
 * the operator's side: `orden tenant add|list`, and --tenant HOST. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

static struct srv S;
static struct fixture_tenant A, B;

static int
setup(void **st)
{
	(void)st;
	srv_prepare(&S, 0);
	fixture_tenant(&S, "a.test", &A);
	fixture_tenant(&S, "b.test", &B);
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

static json_t *
get_json(const char *host, const char *token, const char *path, long *status)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j;

	client_init(&c, &S);
	c.host = host;
	c.bearer = token;
	client_req(&c, "GET", path, NULL, NULL, &r);
	*status = r.status;
	j = json_loads(buf_cstr(&r.body), 0, NULL);
	resp_free(&r);
	client_free(&c);
	return j;
}

static void
ids_of(json_t *arr, json_int_t *ids, size_t *n)
{
	size_t i;

	*n = json_array_size(arr);
	for (i = 0; i < *n && i < 64; i++)
		ids[i] = json_integer_value(json_object_get(json_array_get(arr, i), "id"));
}

static void
test_lists_show_only_own_tenant(void **st)
{
	json_t		*ua, *ub, *pa, *pb;
	json_int_t	 ia[64], ib[64];
	size_t		 na, nb, i, k;
	long		 s;

	(void)st;
	ua = get_json("a.test", A.admin_token, "/api/v1/units", &s);
	assert_int_equal(s, 200);
	ub = get_json("b.test", B.admin_token, "/api/v1/units", &s);
	assert_int_equal(s, 200);
	ids_of(ua, ia, &na);
	ids_of(ub, ib, &nb);
	assert_true(na >= 3);
	assert_int_equal(na, nb);	/* same shape */
	for (i = 0; i < na; i++)
		for (k = 0; k < nb; k++)
			assert_true(ia[i] != ib[k]);
	pa = get_json("a.test", A.admin_token, "/api/v1/people", &s);
	pb = get_json("b.test", B.admin_token, "/api/v1/people", &s);
	ids_of(pa, ia, &na);
	ids_of(pb, ib, &nb);
	assert_true(na >= 4);
	for (i = 0; i < na; i++)
		for (k = 0; k < nb; k++)
			assert_true(ia[i] != ib[k]);
	json_decref(ua); json_decref(ub); json_decref(pa); json_decref(pb);
}

static void
test_other_tenants_ids_are_not_found(void **st)
{
	json_t		*ub, *pb, *j;
	json_int_t	 ids[64];
	size_t		 n, i;
	long		 s;
	char		 path[64];

	(void)st;
	ub = get_json("b.test", B.admin_token, "/api/v1/units", &s);
	ids_of(ub, ids, &n);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/api/v1/units/%lld", (long long)ids[i]);
		j = get_json("a.test", A.admin_token, path, &s);
		assert_int_equal(s, 404);
		json_decref(j);
	}
	pb = get_json("b.test", B.admin_token, "/api/v1/people", &s);
	ids_of(pb, ids, &n);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "/api/v1/people/%lld", (long long)ids[i]);
		j = get_json("a.test", A.admin_token, path, &s);
		assert_int_equal(s, 404);
		json_decref(j);
		/* Nor may A's admin give B's people roles. */
		snprintf(path, sizeof(path), "/api/v1/people/%lld/roles", (long long)ids[i]);
		{
			struct client c;
			struct resp r;
			client_init(&c, &S);
			c.host = "a.test";
			c.bearer = A.admin_token;
			client_req(&c, "POST", path, "{\"role\":\"admin\"}", "application/json", &r);
			assert_int_equal(r.status, 404);
			resp_free(&r);
			client_free(&c);
		}
	}
	json_decref(ub);
	json_decref(pb);
}

static void
test_token_only_works_in_its_tenant(void **st)
{
	json_t	*j;
	long	 s;

	(void)st;
	j = get_json("b.test", A.admin_token, "/api/v1/me", &s);
	assert_int_equal(s, 401);
	json_decref(j);
	j = get_json("a.test", A.employee_token, "/api/v1/me", &s);
	assert_int_equal(s, 200);
	assert_string_equal(json_string_value(json_object_get(j, "login")), "emp1");
	json_decref(j);
}

static void
test_unknown_host_is_not_served(void **st)
{
	json_t	*j;
	long	 s;

	(void)st;
	j = get_json("c.test", A.admin_token, "/api/v1/me", &s);
	assert_int_equal(s, 404);
	json_decref(j);
	/* A browser at an address no municipality has (127.0.0.1 after a
	 * second `orden demo --host`): in plain words what is wrong and how
	 * an operator puts it right, and nothing of which ones exist. */
	{
		struct client	c;
		struct resp	r;

		client_init(&c, &S);
		c.host = "127.0.0.1";
		client_req(&c, "GET", "/", NULL, NULL, &r);
		assert_int_equal(r.status, 404);
		assert_true(resp_has(&r, "Ingen kommune er satt opp på denne adressen."));
		assert_true(resp_has(&r, "orden tenant add"));
		assert_false(resp_has(&r, "a.test"));
		assert_false(resp_has(&r, "b.test"));
		resp_free(&r);
		client_free(&c);
	}
}

/* `orden ARGS...` into out (emptied first); the exit status. */
#define run(out, ...)	(buf_reset(out), orden_run((out), __VA_ARGS__, NULL))

static int
lines(const struct buf *b)
{
	const char	*p;
	int		 n = 0;

	for (p = buf_cstr(b); *p; p++)
		n += *p == '\n';
	return n;
}

/* `tenant add` makes a third municipality as init makes the first: it
 * answers at its host, where its admin signs in with the printed one-time
 * password (which is nothing at another host); `tenant list` shows all
 * three. */
static void
test_tenant_add_serves_at_its_host(void **st)
{
	struct buf	 out;
	struct client	 c;
	const char	*p;
	char		 pw[128];
	size_t		 i = 0;

	(void)st;
	buf_init(&out, 1u << 16);
	assert_int_equal(run(&out, "tenant", "add", "--db", S.db, "--name",
	    "C kommune", "--host", "c.test"), 0);
	assert_non_null(p = strstr(buf_cstr(&out), "One-time password:"));
	assert_non_null(strstr(buf_cstr(&out), "RECOVERY KEY"));
	for (p += strlen("One-time password:"); *p == ' '; p++)
		;
	while (p[i] != '\0' && p[i] != '\n' && i + 1 < sizeof(pw)) {
		pw[i] = p[i];
		i++;
	}
	pw[i] = '\0';

	client_init(&c, &S);
	c.host = "a.test";
	assert_int_not_equal(client_login(&c, "admin", pw), 303);
	client_free(&c);
	client_init(&c, &S);
	c.host = "c.test";
	assert_int_equal(client_login(&c, "admin", pw), 303);
	client_free(&c);

	assert_int_equal(run(&out, "tenant", "list", "--db", S.db), 0);
	assert_int_equal(lines(&out), 4);	/* a header and three */
	assert_non_null(strstr(buf_cstr(&out), "a.test"));
	assert_non_null(strstr(buf_cstr(&out), "b.test"));
	assert_non_null(p = strstr(buf_cstr(&out), "c.test"));
	/* C has its admin and nothing else yet: 1 person, 0 deviations. */
	assert_non_null(strstr(p, " 1 "));
	assert_non_null(strstr(p, "C kommune"));
	buf_free(&out);
}

/* The mistakes an operator makes: a host in use (whatever its case), no
 * host, a host with a port; each refused with one line, nothing made. */
static void
test_tenant_add_refusals(void **st)
{
	struct buf	 out, before, after;

	(void)st;
	buf_init(&out, 1u << 16);
	buf_init(&before, 1u << 16);
	buf_init(&after, 1u << 16);
	assert_int_equal(run(&before, "tenant", "list", "--db", S.db), 0);
	assert_int_equal(run(&out, "tenant", "add", "--db", S.db, "--name",
	    "Ny kommune", "--host", "A.Test"), 1);
	assert_non_null(strstr(buf_cstr(&out), "A.Test is already used"));
	assert_int_equal(lines(&out), 1);
	assert_int_equal(run(&out, "tenant", "add", "--db", S.db, "--name",
	    "Ny kommune"), 2);
	assert_non_null(strstr(buf_cstr(&out), "--host HOST is required"));
	assert_int_equal(lines(&out), 1);
	assert_int_equal(run(&out, "tenant", "add", "--db", S.db, "--name",
	    "Ny kommune", "--host", "ny.test:8080"), 2);
	assert_int_equal(lines(&out), 1);
	assert_int_equal(run(&out, "tenant", "add", "--db", S.db, "--host",
	    "ny.test"), 2);
	assert_int_equal(lines(&out), 1);
	assert_int_equal(run(&out, "tenant", "rename", "--db", S.db), 2);
	assert_int_equal(run(&after, "tenant", "list", "--db", S.db), 0);
	assert_string_equal(buf_cstr(&before), buf_cstr(&after));
	buf_free(&out);
	buf_free(&before);
	buf_free(&after);
}

/* With several municipalities a command inside one needs --tenant HOST,
 * which must name one exactly. */
static void
test_tenant_flag_chooses(void **st)
{
	struct buf out;

	(void)st;
	buf_init(&out, 1u << 16);
	assert_int_equal(run(&out, "token", "create", "--db", S.db, "--login",
	    "emp1"), 1);
	assert_non_null(strstr(buf_cstr(&out), "--tenant HOST"));
	assert_int_equal(run(&out, "user", "list", "--db", S.db, "--tenant",
	    "no.such.test"), 1);
	assert_non_null(strstr(buf_cstr(&out), "no.such.test"));
	assert_int_equal(run(&out, "user", "list", "--db", S.db, "--tenant",
	    "B.TEST"), 0);
	assert_non_null(strstr(buf_cstr(&out), "leader1"));
	assert_int_equal(run(&out, "whistle", "settings", "--db", S.db,
	    "--tenant", "b.test"), 0);
	assert_int_equal(run(&out, "tick", "--db", S.db, "--tenant", "b.test"), 0);
	assert_int_equal(run(&out, "tick", "--db", S.db, "--tenant",
	    "no.such.test"), 1);
	buf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lists_show_only_own_tenant),
		cmocka_unit_test(test_other_tenants_ids_are_not_found),
		cmocka_unit_test(test_token_only_works_in_its_tenant),
		cmocka_unit_test(test_unknown_host_is_not_served),
		cmocka_unit_test(test_tenant_flag_chooses),
		cmocka_unit_test(test_tenant_add_refusals),
		cmocka_unit_test(test_tenant_add_serves_at_its_host),
	};
	return cmocka_run_group_tests_name("http_tenants", tests, setup, teardown);
}
