/* The dashboard flags under-reporting against a hand-made case: five
 * schools, each with its people (home unit) and its reports through the
 * API; reports per employee 2, 2, 3, 1 and 0, so the median of the kind
 * is 2 and only the school under half of it (0 per employee) is flagged,
 * with its figures; the school at exactly half (1) is not. A unit of
 * another kind is not compared with the schools. by=unit_own of the
 * statistics API gives each unit's own reports, the silent one too; a
 * school moved under another between two requests counts there in the
 * second. */
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

#include "auth/auth.h"
#include "ctx.h"
#include "harness.h"
#include "org/org.h"
#include "store/store.h"
#include "util/arena.h"

#define NSCHOOL	5

static struct srv		 S;
static struct fixture_tenant	 T;
static json_int_t		 school[NSCHOOL], root_id;
static const int		 staff[NSCHOOL] = { 2, 2, 2, 2, 4 };
static const int		 reports[NSCHOOL] = { 4, 4, 6, 2, 0 };

static json_int_t
post(struct client *c, const char *path, const char *body)
{
	json_t		*j;
	json_int_t	 id;
	long		 st;

	if ((st = api_call(c, "POST", path, body, &j)) != 201)
		fail_msg("%s %s: %ld", path, body, st);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

/* Unit kinds have no API: set them, and qa's password for a browser
 * session, through org/ as the admin pages do. */
static void
store_setup(void)
{
	struct db	*db;
	struct ctx	 ctx;
	struct tenant	 t;
	struct person	 p;
	char		 hash[AUTH_HASH_MAX];
	int		 i;

	assert_int_equal(db_open(&db, S.db, 1), 0);
	memset(&ctx, 0, sizeof(ctx));
	ctx.db = db;
	ctx.conn = db_acquire(db);
	assert_non_null(ctx.arena = arena_new(4u * 1024 * 1024));
	ctx.lang = "nb";
	assert_int_equal(tenant_by_host(ctx.conn, ctx.arena, T.host, &t), 0);
	ctx.tenant_id = t.id;
	ctx.tenant_uid = t.uid;
	for (i = 0; i < NSCHOOL; i++)
		assert_int_equal(org_unit_set_kind(&ctx, school[i], "school"), 0);
	assert_int_equal(auth_password_hash(DEMO_PASSWORD, hash), 0);
	assert_int_equal(org_person_by_login(&ctx, "qa", &p), 0);
	assert_int_equal(org_password_set(&ctx, p.id, hash, 0), 0);
	arena_free(ctx.arena);
	db_release(db, ctx.conn);
	db_close(db);
}

/* Place unit id under parent through org/, as the admin page does: the
 * running server learns of it only from the database. */
static void
move_unit(json_int_t id, const char *name, json_int_t parent)
{
	struct db	*db;
	struct ctx	 ctx;
	struct tenant	 t;

	assert_int_equal(db_open(&db, S.db, 1), 0);
	memset(&ctx, 0, sizeof(ctx));
	ctx.db = db;
	ctx.conn = db_acquire(db);
	assert_non_null(ctx.arena = arena_new(1024 * 1024));
	ctx.lang = "nb";
	assert_int_equal(tenant_by_host(ctx.conn, ctx.arena, T.host, &t), 0);
	ctx.tenant_id = t.id;
	ctx.tenant_uid = t.uid;
	assert_int_equal(org_unit_update(&ctx, id, name, parent), 0);
	arena_free(ctx.arena);
	db_release(db, ctx.conn);
	db_close(db);
}

static int
setup(void **state)
{
	struct client	 c, rep;
	json_int_t	 qa;
	char		 body[256], path[80];
	int		 i, k;

	(void)state;
	srv_prepare(&S, 0);
	fixture_tenant(&S, "under.test", &T);
	srv_start(&S, NULL);
	api_client(&c, &S, T.host, T.admin_token);
	api_client(&rep, &S, T.host, T.employee_token);
	root_id = unit_id_of(&c, "ROOT");
	qa = post(&c, "/api/v1/people", "{\"login\":\"qa\",\"name\":\"Kvalitet\"}");
	snprintf(path, sizeof(path), "/api/v1/people/%lld/roles", (long long)qa);
	post(&c, path, "{\"role\":\"quality\"}");
	for (i = 0; i < NSCHOOL; i++) {
		snprintf(body, sizeof(body), "{\"code\":\"S%d\",\"name\":\"Skole %d\","
		    "\"parent_id\":%lld}", i + 1, i + 1, (long long)root_id);
		school[i] = post(&c, "/api/v1/units", body);
		for (k = 0; k < staff[i]; k++) {
			snprintf(body, sizeof(body), "{\"login\":\"s%d.%d\","
			    "\"name\":\"Lærer %d.%d\",\"unit_id\":%lld}", i + 1,
			    k + 1, i + 1, k + 1, (long long)school[i]);
			post(&c, "/api/v1/people", body);
		}
		for (k = 0; k < reports[i]; k++) {
			snprintf(body, sizeof(body), "{\"title\":\"Skade\","
			    "\"description\":\"d\",\"category\":\"bygg\","
			    "\"unit_id\":%lld}", (long long)school[i]);
			post(&rep, "/api/v1/deviations", body);
		}
	}
	client_free(&c);
	client_free(&rep);
	store_setup();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	srv_stop(&S, 0);
	return 0;
}

static void
test_dashboard_flags_the_school_that_reports_far_less(void **state)
{
	struct client	 qa;
	struct resp	 r;
	char		 path[160];

	(void)state;
	session_client(&qa, &S, "qa");
	snprintf(path, sizeof(path), "/dashboard?unit_id=%lld", (long long)root_id);
	client_req(&qa, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	/* Skole 5: 4 employees, no reports, against a median of 2. */
	if (!resp_has(&r, "<tr><th scope=\"row\">Skole 5</th><td>Skole</td>"
	    "<td>4</td><td>0</td><td>0,00</td><td>2,00</td></tr>"))
		fail_msg("Skole 5 is not flagged with its figures");
	/* Skole 4 reports exactly half the median: not flagged (the
	 * table of under-reporting units; other tables name every unit). */
	{
		const char	*t = strstr(buf_cstr(&r.body), "<table class=\"under\">");
		const char	*e = t != NULL ? strstr(t, "</table>") : NULL;
		char		*under;

		assert_non_null(e);
		under = strndup(t, (size_t)(e - t));
		assert_non_null(under);
		assert_null(strstr(under, "<th scope=\"row\">Skole 4</th>"));
		assert_null(strstr(under, "<th scope=\"row\">Skole 1</th>"));
		assert_non_null(strstr(under, "<th scope=\"row\">Skole 5</th>"));
		free(under);
	}
	resp_free(&r);
	client_free(&qa);
}

static void
test_stats_by_unit_own(void **state)
{
	struct client	 c;
	json_t		*j, *g;
	char		 path[160], key[32];
	size_t		 i;
	int		 k, seen = 0;

	(void)state;
	api_client(&c, &S, T.host, T.admin_token);
	snprintf(path, sizeof(path), "/api/v1/stats/deviations?by=unit_own&unit_id=%lld",
	    (long long)root_id);
	assert_int_equal(api_call(&c, "GET", path, NULL, &j), 200);
	g = json_object_get(j, "groups");
	for (k = 0; k < NSCHOOL; k++) {
		snprintf(key, sizeof(key), "%lld", (long long)school[k]);
		for (i = 0; i < json_array_size(g); i++)
			if (strcmp(json_string_value(json_object_get(json_array_get(g, i),
			    "key")), key) == 0) {
				assert_int_equal(json_integer_value(json_object_get(
				    json_array_get(g, i), "count")), reports[k]);
				seen++;
			}
	}
	assert_int_equal(seen, NSCHOOL);	/* the silent one too */
	json_decref(j);
	client_free(&c);
}

/* The count of key in the answer's groups, or -1 when it has no such
 * group. */
static json_int_t
group_count(json_t *j, json_int_t key)
{
	json_t	*g = json_object_get(j, "groups"), *o;
	char	 k[32];
	size_t	 i;

	snprintf(k, sizeof(k), "%lld", (long long)key);
	for (i = 0; i < json_array_size(g); i++) {
		o = json_array_get(g, i);
		if (strcmp(json_string_value(json_object_get(o, "key")), k) == 0)
			return json_integer_value(json_object_get(o, "count"));
	}
	return -1;
}

/* The answer's total (key unused). */
static json_int_t
total_of(json_t *j, json_int_t key)
{
	(void)key;
	return json_integer_value(json_object_get(j, "total"));
}

/* GET path until what(answer, key) is want: move_unit writes from
 * another process, and a PostgreSQL server sees that when the change's
 * notice reaches it (README, "Cached answers need no round trip"), not
 * necessarily by the very next request; on SQLite the first answer
 * has it. At most 5 s; the last answer (caller frees). */
static json_t *
ask_until(struct client *c, const char *path,
    json_int_t (*what)(json_t *, json_int_t), json_int_t key, json_int_t want)
{
	json_t	*j = NULL;
	int	 i;

	for (i = 0; i < 100; i++) {
		assert_int_equal(api_call(c, "GET", path, NULL, &j), 200);
		if (what(j, key) == want)
			break;
		json_decref(j);
		j = NULL;
		usleep(50 * 1000);
	}
	if (j == NULL)
		assert_int_equal(api_call(c, "GET", path, NULL, &j), 200);
	return j;
}

/* The statistics roll units up the tree as it is at the request: a unit
 * moved under another between two requests counts under its new parent
 * in the second, and in the new parent's subtree. */
static void
test_stats_follow_a_move_between_requests(void **state)
{
	struct client	 c;
	json_t		*j;
	char		 path[160];

	(void)state;
	api_client(&c, &S, T.host, T.admin_token);
	snprintf(path, sizeof(path), "/api/v1/stats/deviations?by=unit&unit_id=%lld",
	    (long long)root_id);
	assert_int_equal(api_call(&c, "GET", path, NULL, &j), 200);
	assert_int_equal(group_count(j, school[0]), reports[0]);
	assert_int_equal(group_count(j, school[1]), reports[1]);
	json_decref(j);

	move_unit(school[1], "Skole 2", school[0]);
	j = ask_until(&c, path, group_count, school[0], reports[0] + reports[1]);
	assert_int_equal(group_count(j, school[0]), reports[0] + reports[1]);
	assert_int_equal(group_count(j, school[1]), -1);
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/stats/deviations?by=category&unit_id=%lld",
	    (long long)school[0]);
	assert_int_equal(api_call(&c, "GET", path, NULL, &j), 200);
	assert_int_equal(json_integer_value(json_object_get(j, "total")),
	    reports[0] + reports[1]);
	json_decref(j);

	move_unit(school[1], "Skole 2", root_id);
	j = ask_until(&c, path, total_of, 0, reports[0]);
	assert_int_equal(json_integer_value(json_object_get(j, "total")),
	    reports[0]);
	json_decref(j);
	client_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dashboard_flags_the_school_that_reports_far_less),
		cmocka_unit_test(test_stats_by_unit_own),
		cmocka_unit_test(test_stats_follow_a_move_between_requests),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
