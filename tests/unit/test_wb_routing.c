/* test_wb_routing.c: the routing matrix of Vestby's four procedures, with
 * every edge case: the accused as nearest leader, direct to HR or finance,
 * reporters without accounts, fallbacks, party exclusion in formannskap,
 * group leaders and party groups, and the accused never a handler at intake
 * or later (recusal, forward, decide). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "authz/authz.h"
#include "wb_fixture.h"
#include "whistle/wb_authz.h"

static int
setup(void **state)
{
	static struct wbfx x;

	if (wbfx_open(&x) != 0)
		return -1;
	*state = &x;
	return 0;
}

static int
teardown(void **state)
{
	wbfx_close(*state);
	return 0;
}

/* The route's handlers are exactly the people listed (fixture indices, -1
 * ends), each with the given basis when basis is not NULL. */
static void
expect_handlers(struct wbfx *x, const struct wb_route *r, const char *basis,
    const int *who)
{
	size_t	i, n = 0;
	int	k, found;

	for (k = 0; who[k] >= 0; k++) {
		found = 0;
		for (i = 0; i < r->n; i++)
			if (r->handlers[i] == x->p[who[k]].id) {
				found = 1;
				if (basis != NULL)
					assert_string_equal(r->basis[i], basis);
			}
		if (!found)
			fail_msg("expected handler %s missing", x->p[who[k]].login);
		n++;
	}
	if (r->n != n) {
		for (i = 0; i < r->n; i++)
			print_message("# got %s (%s)\n",
			    x->p[wbfx_who(x, r->handlers[i])].login, r->basis[i]);
		fail_msg("expected %zu handlers, got %zu", n, r->n);
	}
}

static int
excluded(const struct wb_route *r, int64_t id)
{
	size_t i;

	for (i = 0; i < r->nexcluded; i++)
		if (r->excluded[i] == id)
			return 1;
	return 0;
}

static void
p1_colleague_goes_to_nearest_leader(void **state)
{
	struct wbfx	*x = *state;
	struct wb_report r;
	struct wb_route	 rt;

	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "emp2");
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_EMP].id, &rt), 0);
	assert_int_equal(rt.procedure, 1);
	expect_handlers(x, &rt, "nearest_leader", (int[]){ WP_VSL, -1 });
	assert_true(excluded(&rt, x->p[WP_EMP2].id));
}

static void
p1_accused_nearest_leader_goes_above(void **state)
{
	struct wbfx	*x = *state;
	struct wb_report r;
	struct wb_route	 rt;

	/* Named by login ... */
	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "vsl");
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_EMP].id, &rt), 0);
	expect_handlers(x, &rt, "leader_above", (int[]){ WP_SECTOR, -1 });
	assert_true(excluded(&rt, x->p[WP_VSL].id));
	/* ... or only by "it is my nearest leader" with a free-text name. */
	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, NULL);
	r.accused_name = "sjefen min";
	r.about_nearest_leader = 1;
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_EMP].id, &rt), 0);
	expect_handlers(x, &rt, "leader_above", (int[]){ WP_SECTOR, -1 });
	assert_true(excluded(&rt, x->p[WP_VSL].id));
	/* ... or by the leader's title alone, the box left unticked: the
	 * rector must not receive a case about "rektor". */
	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, NULL);
	r.accused_name = "Rektor";
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_EMP].id, &rt), 0);
	expect_handlers(x, &rt, "leader_above", (int[]){ WP_SECTOR, -1 });
	assert_true(excluded(&rt, x->p[WP_VSL].id));
	r.accused_name = "enhetslederen vår";
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_EMP].id, &rt), 0);
	expect_handlers(x, &rt, "leader_above", (int[]){ WP_SECTOR, -1 });
	/* A colleague named by a word that is no title stays with the
	 * nearest leader. */
	r.accused_name = "en kollega på kjøkkenet";
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_EMP].id, &rt), 0);
	expect_handlers(x, &rt, "nearest_leader", (int[]){ WP_VSL, -1 });
	/* A unit without its own leader: the nearest led unit above it,
	 * and when that leader is accused, the one above again. */
	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "shl");
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_NURSE].id, &rt), 0);
	expect_handlers(x, &rt, "leader_above", (int[]){ WP_HOL, -1 });
	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, NULL);
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_NURSE].id, &rt), 0);
	expect_handlers(x, &rt, "nearest_leader", (int[]){ WP_SHL, -1 });
}

static void
p1_reporter_leader_goes_above(void **state)
{
	struct wbfx	*x = *state;
	struct wb_report r;
	struct wb_route	 rt;

	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "emp");
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_VSL].id, &rt), 0);
	expect_handlers(x, &rt, "leader_above", (int[]){ WP_SECTOR, -1 });
}

static void
p1_without_account(void **state)
{
	struct wbfx	*x = *state;
	struct wb_report r;
	struct wb_route	 rt;

	/* The unit they name decides. */
	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, NULL);
	r.reporter_category = WB_REP_HIRED;
	r.unit_id = x->unit[W_VS];
	assert_int_equal(whistle_route(&x->c, &r, 0, &rt), 0);
	expect_handlers(x, &rt, "nearest_leader", (int[]){ WP_VSL, -1 });
	/* No unit: the fallback, HR's head. */
	r.unit_id = 0;
	assert_int_equal(whistle_route(&x->c, &r, 0, &rt), 0);
	expect_handlers(x, &rt, "hr_head", (int[]){ WP_HRH, -1 });
}

static void
p1_direct_to_hr_or_finance(void **state)
{
	struct wbfx	*x = *state;
	struct wb_report r;
	struct wb_route	 rt;
	struct wb_receipt rec;
	const char	*err;

	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "emp2");
	r.direct_to = "hr";
	r.direct_reason = "Arbeidsmiljøsak, lederen er nær venn";
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_EMP].id, &rt), 0);
	expect_handlers(x, &rt, "hr_head", (int[]){ WP_HRH, -1 });
	r.direct_to = "finance";
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_EMP].id, &rt), 0);
	expect_handlers(x, &rt, "finance_head", (int[]){ WP_FIN, -1 });
	/* A reason is required. */
	r.direct_reason = "  ";
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_EMP].id, &rt),
	    WB_ERR_INVALID);
	wbfx_as(x, WP_EMP);
	assert_int_equal(whistle_report(&x->c, &r, &rec, &err), WB_ERR_INVALID);
	assert_string_equal(err, "direct_reason");
	/* Directly to HR about HR's head: never to the accused; the chief
	 * executive is next in the chain. */
	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "hrh");
	r.direct_to = "hr";
	r.direct_reason = "Gjelder personalsjefen";
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_EMP].id, &rt), 0);
	expect_handlers(x, &rt, "chief_executive", (int[]){ WP_CE, -1 });
	wbfx_as(x, -1);
}

/* An unknown login is taken like a name that matches nobody: the report
 * is taken (no answer tells whether a login exists), routed as if nobody
 * were named, and marked "accused not confirmed". */
static void
unknown_accused_login_is_unconfirmed(void **state)
{
	struct wbfx	*x = *state;
	struct wb_report r;
	struct wb_route	 rt;
	struct wb_receipt rec;
	const char	*err = NULL;

	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "finnes.ikke");
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_EMP].id, &rt), 0);
	assert_int_equal(rt.unconfirmed, 1);
	assert_int_equal(rt.accused_id, 0);
	wbfx_as(x, WP_EMP);
	assert_int_equal(whistle_report(&x->c, &r, &rec, &err), 0);
	assert_int_equal(fixture_int(x->f.conn,
	    "SELECT COUNT(*) FROM whistle_cases"), 1);
	wbfx_as(x, -1);
}

static void
p2_chief_executive_goes_to_mayor_and_opposition(void **state)
{
	struct wbfx	*x = *state;
	struct wb_report r;
	struct wb_route	 rt;

	wbfx_report(&r, WB_CONCERNS_CHIEF_EXECUTIVE, NULL);
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_EMP].id, &rt), 0);
	assert_int_equal(rt.procedure, 2);
	expect_handlers(x, &rt, NULL, (int[]){ WP_MAYOR, WP_OPP, -1 });
	assert_true(excluded(&rt, x->p[WP_CE].id));
}

/* The accused named by office rather than by name (w18-probe, playing the
 * demo as its people): a rector's report about "kommunalsjefen" went to
 * the sector head, and a sector head's about "rådmannen" to the chief
 * executive, the accused each time. The sector head of the reporter's line
 * is kept out; the chief executive's title goes by procedure 2 (seeds/004
 * vedlegg 2: to the mayor). */
static void
p1_accused_named_by_office(void **state)
{
	struct wbfx	*x = *state;
	struct wb_report r;
	struct wb_route	 rt;

	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, NULL);
	r.accused_name = "kommunalsjefen";
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_VSL].id, &rt), 0);
	assert_int_equal(rt.procedure, 1);
	expect_handlers(x, &rt, "leader_above", (int[]){ WP_CE, -1 });
	assert_true(excluded(&rt, x->p[WP_SECTOR].id));
	r.accused_name = "Sektorlederen vår";
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_VSL].id, &rt), 0);
	expect_handlers(x, &rt, "leader_above", (int[]){ WP_CE, -1 });
	/* An employee's own leader is no sector head: the rector handles
	 * it, the sector head stays out also later. */
	r.accused_name = "Kommunalsjef";
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_EMP].id, &rt), 0);
	expect_handlers(x, &rt, "nearest_leader", (int[]){ WP_VSL, -1 });
	assert_true(excluded(&rt, x->p[WP_SECTOR].id));
	r.accused_name = "rådmannen";
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_SECTOR].id, &rt), 0);
	assert_int_equal(rt.procedure, 2);
	expect_handlers(x, &rt, NULL, (int[]){ WP_MAYOR, WP_OPP, -1 });
	assert_true(excluded(&rt, x->p[WP_CE].id));
	r.accused_name = "Kommunedirektøren";
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_EMP].id, &rt), 0);
	assert_int_equal(rt.procedure, 2);
	expect_handlers(x, &rt, NULL, (int[]){ WP_MAYOR, WP_OPP, -1 });
	/* Sent directly to HR about the head of HR (or to finance about
	 * its head): not to them; the fallback's chief executive. */
	r.direct_to = "hr";
	r.direct_reason = "Lederen min er venn med henne.";
	r.accused_name = "personalsjefen";
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_EMP].id, &rt), 0);
	expect_handlers(x, &rt, NULL, (int[]){ WP_CE, -1 });
	assert_true(excluded(&rt, x->p[WP_HRH].id));
	r.direct_to = "finance";
	r.accused_name = "Økonomisjefen";
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_EMP].id, &rt), 0);
	expect_handlers(x, &rt, NULL, (int[]){ WP_HRH, -1 });
	assert_true(excluded(&rt, x->p[WP_FIN].id));
	/* ... and about the chief executive too: neither handles it. */
	r.direct_to = "hr";
	r.accused_name = "personalsjefen og rådmannen";
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_EMP].id, &rt), 0);
	assert_true(excluded(&rt, x->p[WP_HRH].id));
	assert_true(excluded(&rt, x->p[WP_CE].id));
	/* The mayor, the chief executive's superior, with the opposition
	 * leader: not nobody (the report was refused, 503). */
	expect_handlers(x, &rt, NULL, (int[]){ WP_MAYOR, WP_OPP, -1 });
}

static void
p3_elected_from_employee(void **state)
{
	struct wbfx	*x = *state;
	struct wb_report r;
	struct wb_route	 rt;

	wbfx_report(&r, WB_CONCERNS_ELECTED, "fa1");
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_EMP].id, &rt), 0);
	assert_int_equal(rt.procedure, 3);
	expect_handlers(x, &rt, NULL, (int[]){ WP_VSL, WP_CE, -1 });
	/* The accused and formannskap members of the accused's party. */
	assert_true(excluded(&rt, x->p[WP_FA1].id));
	assert_true(excluded(&rt, x->p[WP_MAYOR].id));
	assert_false(excluded(&rt, x->p[WP_OPP].id));
}

static void
p4_elected_from_elected(void **state)
{
	struct wbfx	*x = *state;
	struct wb_report r;
	struct wb_route	 rt;
	struct wb_receipt rec;
	const char	*err = NULL;

	wbfx_report(&r, WB_CONCERNS_ELECTED, "ela2");
	r.reporter_category = WB_REP_ELECTED;
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_ELA1].id, &rt), 0);
	assert_int_equal(rt.procedure, 4);
	expect_handlers(x, &rt, "group_leader", (int[]){ WP_GLA, -1 });
	/* Another party's member: that party's group leader. */
	wbfx_report(&r, WB_CONCERNS_ELECTED, "elb1");
	r.reporter_category = WB_REP_ELECTED;
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_ELA1].id, &rt), 0);
	expect_handlers(x, &rt, "group_leader", (int[]){ WP_GLB, -1 });
	/* About the group leader: the party group, without the accused and
	 * without the reporter. */
	wbfx_report(&r, WB_CONCERNS_ELECTED, "gla");
	r.reporter_category = WB_REP_ELECTED;
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_ELA1].id, &rt), 0);
	expect_handlers(x, &rt, "party_group",
	    (int[]){ WP_MAYOR, WP_FA1, WP_ELA2, -1 });
	assert_true(excluded(&rt, x->p[WP_GLA].id));
	/* No known party (a name only): the reporter is asked, never the
	 * administration (vedlegg 4 keeps it out). */
	wbfx_report(&r, WB_CONCERNS_ELECTED, NULL);
	r.accused_name = "en representant";
	r.reporter_category = WB_REP_ELECTED;
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_ELA1].id, &rt),
	    WB_ERR_INVALID);
	/* The party said: that party's group leader. */
	r.accused_party = "b";
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_ELA1].id, &rt), 0);
	assert_int_equal(rt.procedure, 4);
	expect_handlers(x, &rt, "group_leader", (int[]){ WP_GLB, -1 });
	/* A confirmed elected official with no party recorded: the procedure
	 * names only the party's group leader, so the reporter is asked for
	 * the party as when nobody is confirmed, not the administration. */
	x->p[WP_ELB1].party = NULL;
	assert_int_equal(org_person_update(&x->c, &x->p[WP_ELB1]), 0);
	wbfx_report(&r, WB_CONCERNS_ELECTED, "elb1");
	r.reporter_category = WB_REP_ELECTED;
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_ELA1].id, &rt),
	    WB_ERR_INVALID);
	wbfx_as(x, WP_ELA1);
	assert_int_equal(whistle_report(&x->c, &r, &rec, &err), WB_ERR_INVALID);
	assert_string_equal(err, "accused_party");
	wbfx_as(x, -1);
	r.accused_party = "B";
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_ELA1].id, &rt), 0);
	expect_handlers(x, &rt, "group_leader", (int[]){ WP_GLB, -1 });
	assert_true(excluded(&rt, x->p[WP_ELB1].id));
}

/* Intake as emp; returns the case id. */
static int64_t
report_as(struct wbfx *x, int who, struct wb_report *r)
{
	struct wb_receipt rec;
	const char	*err = NULL;
	int		 rc;

	wbfx_as(x, who);
	rc = whistle_report(&x->c, r, &rec, &err);
	if (rc != 0)
		fail_msg("report: %d (%s)", rc, err ? err : "-");
	wbfx_as(x, -1);
	return rec.id;
}

static int
handles(struct wbfx *x, int64_t id, int who)
{
	return whistle_is_handler(&x->c, id, x->p[who].id) == 1;
}

static void
act(struct wbfx *x, int who, int64_t id, enum wb_action a, const char *text,
    int expect)
{
	struct wb_action_input in;
	const char *err = NULL;

	memset(&in, 0, sizeof(in));
	in.action = a;
	in.text = text;
	in.reason = text;
	in.decision = text;
	wbfx_as(x, who);
	assert_int_equal(whistle_act(&x->c, id, x->sk[who], &in, &err), expect);
	wbfx_as(x, -1);
}

static void
p3_forward_excludes_accused_party(void **state)
{
	struct wbfx	*x = *state;
	struct wb_report r;
	int64_t		 id;
	int		 i;

	wbfx_report(&r, WB_CONCERNS_ELECTED, "fa1");
	id = report_as(x, WP_EMP, &r);
	assert_true(handles(x, id, WP_VSL));
	assert_true(handles(x, id, WP_CE));
	/* Forwarding needs impartiality first. */
	act(x, WP_VSL, id, WA_FORWARD, NULL, WB_ERR_LOCKED);
	act(x, WP_VSL, id, WA_DECLARE_IMPARTIAL, NULL, 0);
	act(x, WP_VSL, id, WA_FORWARD, NULL, 0);
	assert_true(handles(x, id, WP_OPP));
	assert_true(handles(x, id, WP_FB1));
	assert_true(handles(x, id, WP_FC1));
	/* Party A (the accused's) steps aside; the accused never handles. */
	assert_false(handles(x, id, WP_MAYOR));
	assert_false(handles(x, id, WP_FA1));
	/* Once only. */
	act(x, WP_VSL, id, WA_FORWARD, NULL, WB_ERR_STATE);
	/* Nobody else got it. */
	for (i = 0; i < WP_MAX; i++)
		if (i != WP_VSL && i != WP_CE && i != WP_OPP && i != WP_FB1 &&
		    i != WP_FC1)
			assert_false(handles(x, id, i));
	/* Forward is procedure 3 only. */
	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "emp2");
	id = report_as(x, WP_EMP, &r);
	act(x, WP_VSL, id, WA_DECLARE_IMPARTIAL, NULL, 0);
	act(x, WP_VSL, id, WA_FORWARD, NULL, WB_ERR_STATE);
}

/* An elected official reports about another without naming them (or by a
 * name that matches nobody): the accused's party, as the reporter says
 * it, decides (seeds/004 vedlegg 4), at intake through every face alike. */
static void
p4_party_given_nobody_named(void **state)
{
	struct wbfx	*x = *state;
	struct wb_report r;
	struct wb_route	 rt;
	struct wb_receipt rec;
	const char	*err = NULL;
	size_t		 i;

	wbfx_report(&r, WB_CONCERNS_ELECTED, NULL);
	r.reporter_category = WB_REP_ELECTED;
	r.anonymous = 1;
	r.accused_party = "A";
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_ELB1].id, &rt), 0);
	expect_handlers(x, &rt, "group_leader", (int[]){ WP_GLA, -1 });
	/* "Gruppelederen" is the group leader: the party group without them. */
	r.accused_name = "gruppelederen";
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_ELB1].id, &rt), 0);
	expect_handlers(x, &rt, "party_group",
	    (int[]){ WP_MAYOR, WP_FA1, WP_ELA1, WP_ELA2, -1 });
	/* A name that could be one of party A: they stay out. */
	r.accused_name = "Egil";
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_ELB1].id, &rt), 0);
	expect_handlers(x, &rt, "group_leader", (int[]){ WP_GLA, -1 });
	assert_true(excluded(&rt, x->p[WP_ELA1].id));
	/* The group leader reports about their own party: the party group. */
	r.accused_name = NULL;
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_GLA].id, &rt), 0);
	expect_handlers(x, &rt, "party_group",
	    (int[]){ WP_MAYOR, WP_FA1, WP_ELA1, WP_ELA2, -1 });
	/* A party Orden does not know is refused, naming the field. */
	r.accused_party = "Ukjent parti";
	wbfx_as(x, WP_ELB1);
	assert_int_equal(whistle_report(&x->c, &r, &rec, &err), WB_ERR_INVALID);
	assert_string_equal(err, "accused_party");
	/* Neither person nor party: refused, naming the field, nothing
	 * sent to HR; a typed name that matches somebody changes nothing
	 * (the answer must not tell who exists). */
	r.accused_party = NULL;
	r.accused_name = NULL;
	err = NULL;
	assert_int_equal(whistle_report(&x->c, &r, &rec, &err), WB_ERR_INVALID);
	assert_string_equal(err, "accused_party");
	r.accused_name = "Egil A";
	err = NULL;
	assert_int_equal(whistle_report(&x->c, &r, &rec, &err), WB_ERR_INVALID);
	assert_string_equal(err, "accused_party");
	/* Picked from the search: the person's own party, no question. */
	r.accused_name = NULL;
	r.accused_id = x->p[WP_ELA1].id;
	err = NULL;
	assert_int_equal(whistle_report(&x->c, &r, &rec, &err), 0);
	wbfx_as(x, -1);
	assert_int_equal(rec.procedure, 4);
	assert_true(handles(x, rec.id, WP_GLA));
	for (i = 0; i < WP_MAX; i++)
		if (i != WP_GLA)
			assert_false(handles(x, rec.id, (int)i));
	/* The party with the report, nobody named: only its group leader. */
	r.accused_id = 0;
	r.accused_party = "a";
	wbfx_as(x, WP_ELB1);
	assert_int_equal(whistle_report(&x->c, &r, &rec, &err), 0);
	wbfx_as(x, -1);
	assert_true(handles(x, rec.id, WP_GLA));
	for (i = 0; i < WP_MAX; i++)
		if (i != WP_GLA)
			assert_false(handles(x, rec.id, (int)i));
}

/* An employee reports about an elected official without naming them:
 * the party said keeps its formannskap members out, forward too
 * (vedlegg 3); without a party the reporter is asked. */
static void
p3_party_given_nobody_named(void **state)
{
	struct wbfx	*x = *state;
	struct wb_report r;
	struct wb_route	 rt;
	struct wb_receipt rec;
	const char	*err = NULL;
	int		 i;

	wbfx_report(&r, WB_CONCERNS_ELECTED, NULL);
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_EMP].id, &rt),
	    WB_ERR_INVALID);
	r.accused_party = "A";
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_EMP].id, &rt), 0);
	assert_int_equal(rt.procedure, 3);
	expect_handlers(x, &rt, NULL, (int[]){ WP_VSL, WP_CE, -1 });
	assert_true(excluded(&rt, x->p[WP_MAYOR].id));
	assert_true(excluded(&rt, x->p[WP_FA1].id));
	assert_false(excluded(&rt, x->p[WP_FB1].id));
	r.accused_party = NULL;
	wbfx_as(x, WP_EMP);
	assert_int_equal(whistle_report(&x->c, &r, &rec, &err), WB_ERR_INVALID);
	assert_string_equal(err, "accused_party");
	wbfx_as(x, -1);
	r.accused_party = "a";
	rec.id = report_as(x, WP_EMP, &r);
	act(x, WP_VSL, rec.id, WA_DECLARE_IMPARTIAL, NULL, 0);
	act(x, WP_VSL, rec.id, WA_FORWARD, NULL, 0);
	assert_true(handles(x, rec.id, WP_OPP));
	assert_true(handles(x, rec.id, WP_FB1));
	assert_true(handles(x, rec.id, WP_FC1));
	for (i = 0; i < WP_MAX; i++)
		if (x->p[i].party != NULL && strcmp(x->p[i].party, "A") == 0)
			assert_false(handles(x, rec.id, i));
}

/* Cases left with no active handler (their last handler made inactive
 * before that was refused): whistle_unhandled names them by number, and
 * reseal with the recovery key routes them through their procedure again:
 * in procedure 1 to the leader above the one who left (seeds/004 vedlegg
 * 1), not the head of HR; in procedure 4 to the party group, never the
 * administration. */
static void
unhandled_found_and_routed_on(void **state)
{
	struct wbfx	*x = *state;
	struct wb_report r;
	struct wb_receipt rec1, rec2;
	const char	*err = NULL, **numbers;
	size_t		 n;

	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "emp2");
	wbfx_as(x, WP_EMP);
	assert_int_equal(whistle_report(&x->c, &r, &rec1, &err), 0);
	wbfx_report(&r, WB_CONCERNS_ELECTED, NULL);
	r.reporter_category = WB_REP_ELECTED;
	r.accused_id = x->p[WP_ELA2].id;
	wbfx_as(x, WP_ELA1);
	assert_int_equal(whistle_report(&x->c, &r, &rec2, &err), 0);
	wbfx_as(x, -1);
	assert_true(handles(x, rec1.id, WP_VSL));
	assert_true(handles(x, rec2.id, WP_GLA));
	assert_int_equal(whistle_unhandled(&x->c, &numbers, &n), 0);
	assert_int_equal(n, 0);
	/* Their handlers leave, as they could before w19. */
	x->p[WP_VSL].active = 0;
	x->p[WP_GLA].active = 0;
	assert_int_equal(org_person_update(&x->c, &x->p[WP_VSL]), 0);
	assert_int_equal(org_person_update(&x->c, &x->p[WP_GLA]), 0);
	assert_int_equal(whistle_unhandled(&x->c, &numbers, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(numbers[0], rec1.number);
	assert_string_equal(numbers[1], rec2.number);
	assert_true(whistle_reseal(&x->c, x->recovery_sk) >= 2);
	assert_true(handles(x, rec1.id, WP_SECTOR));
	assert_false(handles(x, rec1.id, WP_HRH));
	assert_false(handles(x, rec1.id, WP_CE));
	assert_false(handles(x, rec1.id, WP_EMP2));
	/* The party group, without the accused and the reporter. */
	assert_true(handles(x, rec2.id, WP_MAYOR));
	assert_true(handles(x, rec2.id, WP_FA1));
	assert_false(handles(x, rec2.id, WP_ELA2));
	assert_false(handles(x, rec2.id, WP_ELA1));
	assert_false(handles(x, rec2.id, WP_HRH));
	assert_false(handles(x, rec2.id, WP_CE));
	assert_int_equal(whistle_unhandled(&x->c, &numbers, &n), 0);
	assert_int_equal(n, 0);
}

/* A second mayor (imported by mistake): routing cannot tell the real one,
 * so both receive procedure 2's cases, and whistle_offices_shared names
 * the office and both holders for the chief safety representative and
 * the operator; nobody else may ask. */
static void
second_mayor_is_reported(void **state)
{
	struct wbfx	*x = *state;
	struct wb_office_shared *v;
	struct wb_report r;
	struct wb_route	 rt;
	size_t		 n;

	wbfx_as(x, WP_SAFETY);
	assert_int_equal(whistle_offices_shared(&x->c, &v, &n), 0);
	assert_int_equal(n, 0);
	wbfx_as(x, -1);
	assert_int_equal(wbfx_grant(x, WP_FC1, ROLE_MAYOR, -1), 0);
	wbfx_as(x, WP_SAFETY);
	assert_int_equal(whistle_offices_shared(&x->c, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].role, "mayor");
	assert_int_equal(v[0].n, 2);
	assert_true((strcmp(v[0].names[0], "Marit Ordfører") == 0 &&
	    strcmp(v[0].names[1], "Finn C") == 0) ||
	    (strcmp(v[0].names[1], "Marit Ordfører") == 0 &&
	    strcmp(v[0].names[0], "Finn C") == 0));
	wbfx_as(x, WP_QUALITY);
	assert_int_equal(whistle_offices_shared(&x->c, &v, &n), WB_ERR_NOTFOUND);
	wbfx_as(x, -1);
	assert_int_equal(whistle_offices_shared(&x->c, &v, &n), 0);
	assert_int_equal(n, 1);
	wbfx_report(&r, WB_CONCERNS_CHIEF_EXECUTIVE, "ce");
	assert_int_equal(whistle_route(&x->c, &r, x->p[WP_EMP].id, &rt), 0);
	expect_handlers(x, &rt, NULL, (int[]){ WP_MAYOR, WP_FC1, WP_OPP, -1 });
}

static void
p2_decide(void **state)
{
	struct wbfx	*x = *state;
	struct wb_report r;
	int64_t		 id;

	wbfx_report(&r, WB_CONCERNS_CHIEF_EXECUTIVE, "ce");
	id = report_as(x, WP_EMP, &r);
	assert_true(handles(x, id, WP_MAYOR));
	assert_true(handles(x, id, WP_OPP));
	assert_false(handles(x, id, WP_CE));
	act(x, WP_MAYOR, id, WA_DECLARE_IMPARTIAL, NULL, 0);
	act(x, WP_MAYOR, id, WA_DECIDE, "nonsense", WB_ERR_INVALID);
	act(x, WP_MAYOR, id, WA_DECIDE, "personal_conduct", 0);
	assert_true(handles(x, id, WP_FA1));
	assert_true(handles(x, id, WP_FB1));
	assert_true(handles(x, id, WP_FC1));
	assert_false(handles(x, id, WP_CE));
	assert_false(handles(x, id, WP_HRH));

	id = report_as(x, WP_EMP, &r);
	act(x, WP_OPP, id, WA_DECLARE_IMPARTIAL, NULL, 0);
	act(x, WP_OPP, id, WA_DECIDE, "administrative", 0);
	assert_true(handles(x, id, WP_HRH));
	assert_false(handles(x, id, WP_FA1));
	assert_false(handles(x, id, WP_CE));
}

static void
recuse_routes_on_never_to_accused(void **state)
{
	struct wbfx	*x = *state;
	struct wb_report r;
	int64_t		 id;

	/* A colleague-case about HR's head: vsl handles; on recusal the next
	 * in the fallback chain would be the hr_head, who is accused, so the
	 * chief executive takes it. */
	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "hrh");
	id = report_as(x, WP_EMP, &r);
	assert_true(handles(x, id, WP_VSL));
	act(x, WP_VSL, id, WA_RECUSE, "Jeg er i slekt med den det gjelder", 0);
	assert_false(handles(x, id, WP_VSL));
	assert_false(handles(x, id, WP_HRH));
	assert_true(handles(x, id, WP_CE));
	/* The recused one is out for good: no metadata, no actions. */
	{
		struct wb_case c;

		wbfx_as(x, WP_VSL);
		assert_int_equal(whistle_case_get(&x->c, id, &c), WB_ERR_NOTFOUND);
		wbfx_as(x, -1);
	}
	act(x, WP_VSL, id, WA_DECLARE_IMPARTIAL, NULL, WB_ERR_NOTFOUND);

	/* Another: a colleague-case; vsl recuses -> hr_head. */
	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "emp2");
	id = report_as(x, WP_EMP, &r);
	act(x, WP_VSL, id, WA_RECUSE, "Inhabil", 0);
	assert_true(handles(x, id, WP_HRH));
	assert_false(handles(x, id, WP_EMP2));
}

static void
authz_only_current_handlers(void **state)
{
	struct wbfx	*x = *state;
	struct wb_report r;
	int64_t		 id;
	int		 i;

	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "emp2");
	id = report_as(x, WP_EMP, &r);
	for (i = 0; i < WP_MAX; i++) {
		wbfx_as(x, i);
		assert_int_equal(authz_wb_can(&x->c, AZ_WB_HANDLE, id),
		    i == WP_VSL);
	}
	/* Oral registration and statistics by role; never admin; quality
	 * gets the (suppressed) counts, nothing else. */
	wbfx_as(x, WP_ADMIN);
	assert_false(authz_wb_can(&x->c, AZ_WB_REGISTER_ORAL, 0));
	assert_false(authz_wb_can(&x->c, AZ_WB_STATS, 0));
	wbfx_as(x, WP_QUALITY);
	assert_false(authz_wb_can(&x->c, AZ_WB_REGISTER_ORAL, 0));
	assert_true(authz_wb_can(&x->c, AZ_WB_STATS, 0));
	wbfx_as(x, WP_VSL);
	assert_true(authz_wb_can(&x->c, AZ_WB_REGISTER_ORAL, 0));
	assert_false(authz_wb_can(&x->c, AZ_WB_STATS, 0));
	wbfx_as(x, WP_SAFETY);
	assert_true(authz_wb_can(&x->c, AZ_WB_STATS, 0));
	wbfx_as(x, WP_HR);
	assert_true(authz_wb_can(&x->c, AZ_WB_STATS, 0));
	wbfx_as(x, WP_EMP);
	assert_false(authz_wb_can(&x->c, AZ_WB_REGISTER_ORAL, 0));
	wbfx_as(x, -1);
	assert_false(authz_wb_can(&x->c, AZ_WB_HANDLE, id));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(p1_colleague_goes_to_nearest_leader, setup, teardown),
		cmocka_unit_test_setup_teardown(p1_accused_nearest_leader_goes_above, setup, teardown),
		cmocka_unit_test_setup_teardown(p1_reporter_leader_goes_above, setup, teardown),
		cmocka_unit_test_setup_teardown(p1_accused_named_by_office, setup, teardown),
		cmocka_unit_test_setup_teardown(p1_without_account, setup, teardown),
		cmocka_unit_test_setup_teardown(p1_direct_to_hr_or_finance, setup, teardown),
		cmocka_unit_test_setup_teardown(unknown_accused_login_is_unconfirmed, setup, teardown),
		cmocka_unit_test_setup_teardown(p2_chief_executive_goes_to_mayor_and_opposition, setup, teardown),
		cmocka_unit_test_setup_teardown(p3_elected_from_employee, setup, teardown),
		cmocka_unit_test_setup_teardown(p4_elected_from_elected, setup, teardown),
		cmocka_unit_test_setup_teardown(p4_party_given_nobody_named, setup, teardown),
		cmocka_unit_test_setup_teardown(p3_party_given_nobody_named, setup, teardown),
		cmocka_unit_test_setup_teardown(unhandled_found_and_routed_on, setup, teardown),
		cmocka_unit_test_setup_teardown(second_mayor_is_reported, setup, teardown),
		cmocka_unit_test_setup_teardown(p3_forward_excludes_accused_party, setup, teardown),
		cmocka_unit_test_setup_teardown(p2_decide, setup, teardown),
		cmocka_unit_test_setup_teardown(recuse_routes_on_never_to_accused, setup, teardown),
		cmocka_unit_test_setup_teardown(authz_only_current_handlers, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
