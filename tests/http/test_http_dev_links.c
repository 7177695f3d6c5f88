/* test_http_dev_links.c: every figure of the dashboard leads to the list
 * of exactly the reports it counts (w15, issue 13). On the demo
 * municipality, as the chief executive, the quality adviser, a sector
 * head and a school's leader, for this year, five years and the units
 * under them: each linked figure is followed as a user would, and the
 * list's count must be the figure. The statistics count what the person
 * may count and the list shows what they may read: this is where the two
 * must agree. */
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

#include "dash_links.h"
#include "harness.h"
#include "util/buf.h"

static struct srv	S;
static json_int_t	oo, vestre, kd;
static char		today[11], five[24], jan1[24];

static int
setup(void **st)
{
	struct client	c;
	char		tok[128];
	time_t		now = time(NULL);
	struct tm	tm;

	(void)st;
	setenv("TZ", "Europe/Oslo", 1);
	tzset();
	localtime_r(&now, &tm);
	strftime(today, sizeof(today), "%Y-%m-%d", &tm);
	snprintf(five, sizeof(five), "%04d-01-01", tm.tm_year + 1900 - 4);
	snprintf(jan1, sizeof(jan1), "%04d-01-01", tm.tm_year + 1900);
	srv_prepare(&S, 1);
	srv_start(&S, NULL);
	token_for(&S, NULL, "ingrid.haugen", tok, sizeof(tok));
	api_client(&c, &S, NULL, tok);
	oo = unit_id_of(&c, "oo");
	vestre = unit_id_of(&c, "vestre-skole");
	kd = unit_id_of(&c, "kd");
	client_free(&c);
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	srv_stop(&S, 0);
	return 0;
}

/* The dashboards of login: the default one (this year), five years, and
 * each of units (0 ends) for this year and five years. Returns the number
 * of figures followed. */
static size_t
check_as(const char *login, const json_int_t *units)
{
	struct client	c;
	char		path[256];
	size_t		n = 0, i;

	session_client(&c, &S, login);
	n += dash_links_check(&c, "/dashboard");
	snprintf(path, sizeof(path), "/dashboard?from=%s&to=%s", five, today);
	n += dash_links_check(&c, path);
	for (i = 0; units[i] != 0; i++) {
		snprintf(path, sizeof(path), "/dashboard?unit_id=%lld",
		    (long long)units[i]);
		n += dash_links_check(&c, path);
		snprintf(path, sizeof(path), "/dashboard?unit_id=%lld&from=%s&to=%s",
		    (long long)units[i], five, today);
		n += dash_links_check(&c, path);
	}
	client_free(&c);
	return n;
}

static void
test_chief_executive_figures_lead_to_their_reports(void **st)
{
	json_int_t units[] = { kd, oo, vestre, 0 };

	(void)st;
	/* Every figure of five years of a municipality is a link. */
	assert_true(check_as("kari.nilsen", units) > 100);
}

static void
test_quality_adviser_figures_lead_to_their_reports(void **st)
{
	json_int_t units[] = { oo, vestre, 0 };

	(void)st;
	assert_true(check_as("ingrid.haugen", units) > 100);
}

static void
test_sector_head_figures_lead_to_their_reports(void **st)
{
	json_int_t units[] = { oo, vestre, 0 };

	(void)st;
	assert_true(check_as("trine.larsen", units) > 50);
}

static void
test_leader_figures_lead_to_their_reports(void **st)
{
	json_int_t units[] = { vestre, 0 };

	(void)st;
	assert_true(check_as("bjorn.saether", units) > 20);
}

/* "Forfalt" counts the period's reports only (stats.c): the page says so,
 * and its link's list is of the period's reports. */
static void
test_overdue_says_it_is_of_the_period(void **st)
{
	struct client	c;
	struct resp	r;

	(void)st;
	session_client(&c, &S, "kari.nilsen");
	client_req(&c, "GET", "/dashboard", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Forfalt (av meldt i perioden)"));
	resp_free(&r);
	client_free(&c);
}

/* A safety representative, a union representative and the auditor count
 * what is handled in their units, but their list shows them only their
 * own reports, the HMS ones of their area or the closed ones: their
 * figures stay numbers, with no link that would promise more than the
 * list then shows. A leader's figures link (above). */
static void
test_figures_of_other_roles_are_not_links(void **st)
{
	static const char *const who[] = { "emma.johansen", "ole.vik",
	    "eva.strom" };
	struct client	c;
	struct resp	r;
	char		path[128];
	size_t		i, k;

	(void)st;
	for (i = 0; i < sizeof(who) / sizeof(who[0]); i++) {
		session_client(&c, &S, who[i]);
		for (k = 0; k < 2; k++) {
			if (k == 0)
				snprintf(path, sizeof(path), "/dashboard");
			else
				snprintf(path, sizeof(path), "/dashboard?"
				    "unit_id=%lld&from=%s&to=%s",
				    (long long)vestre, five, today);
			client_req(&c, "GET", path, NULL, NULL, &r);
			if (r.status != 200 ||
			    !resp_has(&r, "Forfalt (av meldt i perioden)") ||
			    resp_has(&r, "class=\"fig\""))
				fail_msg("%s %s: %ld, or a figure links to the "
				    "list", who[i], path, (long)r.status);
			resp_free(&r);
		}
		client_free(&c);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chief_executive_figures_lead_to_their_reports),
		cmocka_unit_test(test_quality_adviser_figures_lead_to_their_reports),
		cmocka_unit_test(test_sector_head_figures_lead_to_their_reports),
		cmocka_unit_test(test_leader_figures_lead_to_their_reports),
		cmocka_unit_test(test_overdue_says_it_is_of_the_period),
		cmocka_unit_test(test_figures_of_other_roles_are_not_links),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
