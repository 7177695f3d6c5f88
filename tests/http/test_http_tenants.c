/* Two municipalities on one installation never see each other's objects:
 * same unit codes and logins in both, selected by the Host header. */
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
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lists_show_only_own_tenant),
		cmocka_unit_test(test_other_tenants_ids_are_not_found),
		cmocka_unit_test(test_token_only_works_in_its_tenant),
		cmocka_unit_test(test_unknown_host_is_not_served),
	};
	return cmocka_run_group_tests_name("http_tenants", tests, setup, teardown);
}
