/* A list whose scope is several arms (src/deviation/list.c: own reports,
 * those handled in a led unit, those routed to a role held), read as one
 * statement an index serves per arm and merged: the head of HR (leader of
 * the HR unit, and hr_head, to whom reports about the chief executive go)
 * pages through her list and her inbox, and every row she may open is on
 * exactly one page, in the page's order, with the count equal to the rows
 * walked. Fails if an arm is dropped (its rows missing), if rows in two
 * arms (her own reports in the unit she leads) come twice or are counted
 * twice, or if the merge breaks the order. */
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

#define ROUNDS	3	/* of the five kinds of report below */
#define NMADE	(5 * ROUNDS)

static struct srv S;
static char tok_bente[128], tok_emma[128], tok_ingrid[128];

/* The reports the test makes, oldest first, and which arms hold them. */
static struct made {
	json_int_t	 id;
	char		 number[64];
	int		 led, routed, own;
} made[NMADE];

static json_int_t
report(const char *token, json_int_t unit, int about_leader, struct made *m)
{
	json_t	*j;
	char	 body[512];

	snprintf(body, sizeof(body), "{\"title\":\"Armer\",\"description\":"
	    "\"Test.\",\"category\":\"hms\",\"unit_id\":%lld%s}", (long long)unit,
	    about_leader ? ",\"concerns_leader\":true" : "");
	m->id = dev_report_as(&S, NULL, token, body, &j);
	snprintf(m->number, sizeof(m->number), "%s",
	    json_string_value(json_object_get(j, "number")));
	json_decref(j);
	return m->id;
}

static int
setup(void **st)
{
	struct client	 c;
	json_t		*j;
	json_int_t	 hr, kd, vestre;
	size_t		 i, k = 0;

	(void)st;
	srv_prepare(&S, 1);
	srv_start(&S, NULL);
	tokens_for(&S, "bente.ronning", tok_bente, "emma.johansen", tok_emma,
	    "ingrid.haugen", tok_ingrid, NULL);
	/* Reports about the chief executive go to the head of HR. */
	assert_int_equal(api_as(&S, NULL, tok_ingrid, "PATCH",
	    "/api/v1/deviation-settings", "{\"top_route\":\"hr_head\"}", &j), 200);
	json_decref(j);
	api_client(&c, &S, NULL, tok_ingrid);
	hr = unit_id_of(&c, "hr");
	kd = unit_id_of(&c, "kd");
	vestre = unit_id_of(&c, "vestre-skole");
	client_free(&c);
	/* Interleaved, so that every page mixes the arms. */
	for (i = 0; i < ROUNDS; i++) {
		report(tok_emma, hr, 0, &made[k]);
		made[k++].led = 1;
		report(tok_emma, kd, 1, &made[k]);
		made[k++].routed = 1;
		report(tok_bente, vestre, 0, &made[k]);
		made[k++].own = 1;
		report(tok_bente, hr, 0, &made[k]);
		made[k].own = made[k].led = 1;
		k++;
		report(tok_bente, kd, 1, &made[k]);
		made[k].own = made[k].routed = 1;
		k++;
	}
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	srv_stop(&S, 0);
	return 0;
}

/* The deadline the inbox sorts by (deviation_deadline), as the API's
 * RFC 3339 text; none sorts last. Borrowed from o. */
static const char *
deadline(json_t *o)
{
	const char	*ack = json_string_value(json_object_get(o, "ack_due_at"));
	const char	*due = json_string_value(json_object_get(o, "due_at"));

	if (strcmp(json_string_value(json_object_get(o, "status")), "new") == 0 &&
	    ack != NULL && (due == NULL || strcmp(ack, due) < 0))
		return ack;
	return due != NULL ? due : "~";
}

/* Walks query limit rows at a time as the head of HR; ids[] (cap) gets
 * the ids in the order listed, each asserted new; returns how many, and
 * asserts the list's total is that many and the order is the page's. */
static size_t
walk(const char *query, int limit, json_int_t *ids, size_t cap, int inbox)
{
	struct client	 c;
	json_t		*j, *items, *o, *next;
	json_int_t	 total = -1, id, prev_id = 0;
	char		 path[512], after[128] = "", prev_key[64] = "";
	const char	*key;
	size_t		 n = 0, i, k;

	api_client(&c, &S, NULL, tok_bente);
	for (;;) {
		snprintf(path, sizeof(path), "/api/v1/deviations?%s%slimit=%d%s%s",
		    query, query[0] ? "&" : "", limit, after[0] ? "&after=" : "", after);
		assert_int_equal(api_call(&c, "GET", path, NULL, &j), 200);
		if (total < 0)
			total = json_integer_value(json_object_get(j, "total"));
		items = json_object_get(j, "items");
		assert_true(json_array_size(items) <= (size_t)limit);
		for (i = 0; i < json_array_size(items); i++) {
			o = json_array_get(items, i);
			id = json_integer_value(json_object_get(o, "id"));
			for (k = 0; k < n; k++)
				if (ids[k] == id)
					fail_msg("%s: %lld listed twice", query,
					    (long long)id);
			key = inbox ? deadline(o) : json_string_value(
			    json_object_get(o, "reported_at"));
			/* Inbox: (deadline, id) ascending; list:
			 * (reported_at, id) descending. */
			if (n > 0 && (inbox ?
			    (strcmp(key, prev_key) < 0 ||
			    (strcmp(key, prev_key) == 0 && id < prev_id)) :
			    (strcmp(key, prev_key) > 0 ||
			    (strcmp(key, prev_key) == 0 && id > prev_id))))
				fail_msg("%s: %lld (%s) listed after %lld (%s)",
				    query, (long long)id, key,
				    (long long)prev_id, prev_key);
			snprintf(prev_key, sizeof(prev_key), "%s", key);
			prev_id = id;
			assert_true(n < cap);
			ids[n++] = id;
		}
		next = json_object_get(j, "next");
		if (json_is_null(next)) {
			json_decref(j);
			break;
		}
		snprintf(after, sizeof(after), "%s", json_string_value(next));
		json_decref(j);
	}
	client_free(&c);
	assert_int_equal(total, (json_int_t)n);
	return n;
}

static int
has(const json_int_t *ids, size_t n, json_int_t id)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (ids[i] == id)
			return 1;
	return 0;
}

/* Her list, 4 at a time: the reports just made first, newest first, each
 * once whichever arms hold it; each listed exactly when she may open it. */
static void
test_list_pages_through_every_arm(void **st)
{
	static json_int_t	 ids[4096];
	json_t			*j;
	size_t			 n, i;
	long			 code;

	(void)st;
	n = walk("", 4, ids, sizeof(ids) / sizeof(ids[0]), 0);
	assert_true(n >= NMADE);
	for (i = 0; i < NMADE; i++) {
		if (ids[i] != made[NMADE - 1 - i].id)
			fail_msg("row %zu is %lld, not %s (led %d, routed %d, own %d)",
			    i, (long long)ids[i], made[NMADE - 1 - i].number,
			    made[NMADE - 1 - i].led, made[NMADE - 1 - i].routed,
			    made[NMADE - 1 - i].own);
		/* Listed, so she may open it: the list shows no more than
		 * authz/ lets her see. */
		code = dev_get_as(&S, NULL, tok_bente, made[i].id, &j);
		json_decref(j);
		assert_int_equal(code, 200);
	}
	/* The same rows in one page as in pages of 4. */
	assert_int_equal(walk("", 1000, ids,
	    sizeof(ids) / sizeof(ids[0]), 0), n);
}

/* Her inbox, 3 at a time: the open ones of the unit she leads and those
 * routed to her role, merged in the order of the deadline shown. */
static void
test_inbox_pages_through_both_arms(void **st)
{
	static json_int_t	 ids[4096];
	size_t			 n, i, led = 0, routed = 0;

	(void)st;
	n = walk("inbox=1", 3, ids, sizeof(ids) / sizeof(ids[0]), 1);
	for (i = 0; i < NMADE; i++) {
		if (!made[i].led && !made[i].routed)
			continue;
		if (!has(ids, n, made[i].id))
			fail_msg("%s (led %d, routed %d) not in the inbox",
			    made[i].number, made[i].led, made[i].routed);
		led += made[i].led;
		routed += made[i].routed;
	}
	assert_int_equal(led, 2 * ROUNDS);
	assert_int_equal(routed, 2 * ROUNDS);
	assert_int_equal(walk("inbox=1", 1000, ids,
	    sizeof(ids) / sizeof(ids[0]), 1), n);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list_pages_through_every_arm),
		cmocka_unit_test(test_inbox_pages_through_both_arms),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
