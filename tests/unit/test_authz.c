/* test_authz.c: the access policy as a table of who may do what where. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "authz/authz.h"
#include "deviation/deviation.h"
#include "fixture_db.h"
#include "org/org.h"

/* The org: Kommune > Helse > Sykehjem, Kommune > Skole. */
enum { U_NONE, U_KOMMUNE, U_HELSE, U_SYKEHJEM, U_SKOLE, U_MAX };

struct authz_fx {
	struct fixture	f;
	struct ctx	c;
	int64_t		unit[U_MAX];	/* U_NONE -> 0 */
	struct person	user;
};

static int
setup(void **state)
{
	struct authz_fx	*x;
	int64_t		 t;

	if ((x = calloc(1, sizeof(*x))) == NULL || fixture_open(&x->f, 1) != 0)
		return -1;
	t = tenant_create(x->f.conn, "T", NULL);
	fixture_ctx(&x->f, &x->c, t, NULL);
	x->unit[U_KOMMUNE] = org_unit_create(&x->c, "K", "Kommune", 0);
	x->unit[U_HELSE] = org_unit_create(&x->c, "H", "Helse", x->unit[U_KOMMUNE]);
	x->unit[U_SYKEHJEM] = org_unit_create(&x->c, "S", "Sykehjem", x->unit[U_HELSE]);
	x->unit[U_SKOLE] = org_unit_create(&x->c, "SK", "Skole", x->unit[U_KOMMUNE]);
	x->user.login = "u";
	x->user.name = "U";
	x->user.active = 1;
	x->user.id = org_person_create(&x->c, &x->user);
	if (x->user.id <= 0)
		return -1;
	*state = x;
	return 0;
}

static int
teardown(void **state)
{
	struct authz_fx *x = *state;

	fixture_close(&x->f);
	free(x);
	return 0;
}

/* Give the user exactly one role (at grant_unit) and log them in: 1, or 0
 * when the org refuses that grant (a role held only for the whole
 * municipality, or only at a unit). */
static int
try_become(struct authz_fx *x, enum role role, int grant_unit)
{
	struct roleset rs;
	size_t i;

	/* The grants are the operator's (no user): nobody grants themselves
	 * a role that routes whistleblowing cases. */
	x->c.user = NULL;
	assert_int_equal(org_roles_of(&x->c, x->user.id, &rs), 0);
	for (i = 0; i < rs.n; i++)
		assert_int_equal(org_role_revoke(&x->c, x->user.id, rs.v[i].id), 0);
	if (org_role_grant(&x->c, x->user.id, role, x->unit[grant_unit]) <= 0)
		return 0;
	assert_int_equal(org_roles_of(&x->c, x->user.id, &x->c.roles), 0);
	x->c.user = &x->user;
	return 1;
}

static void
become(struct authz_fx *x, enum role role, int grant_unit)
{
	assert_true(try_become(x, role, grant_unit));
}

struct row {
	enum role	role;
	int		grant_unit;
	enum az_action	action;
	int		object_unit;
	int		allowed;
};

static const struct row table[] = {
	/* Everyone logged in: home and the org tree, nothing else. */
	{ ROLE_EMPLOYEE, U_SKOLE, AZ_HOME_VIEW, U_NONE, 1 },
	{ ROLE_EMPLOYEE, U_SKOLE, AZ_ORG_VIEW, U_NONE, 1 },
	{ ROLE_EMPLOYEE, U_SKOLE, AZ_ORG_VIEW, U_HELSE, 1 },
	{ ROLE_EMPLOYEE, U_SKOLE, AZ_PERSON_VIEW, U_SKOLE, 0 },
	{ ROLE_EMPLOYEE, U_SKOLE, AZ_ORG_MANAGE, U_NONE, 0 },
	{ ROLE_EMPLOYEE, U_SKOLE, AZ_ADMIN_VIEW, U_NONE, 0 },
	{ ROLE_EMPLOYEE, U_SKOLE, AZ_AUDIT_VIEW, U_NONE, 0 },
	{ ROLE_MAYOR, U_NONE, AZ_HOME_VIEW, U_NONE, 1 },
	{ ROLE_MAYOR, U_NONE, AZ_ORG_MANAGE, U_NONE, 0 },
	{ ROLE_MAYOR, U_NONE, AZ_PERSON_VIEW, U_HELSE, 0 },

	/* admin (tenant-wide): everything org-related, everywhere. */
	{ ROLE_ADMIN, U_NONE, AZ_ORG_VIEW, U_NONE, 1 },
	{ ROLE_ADMIN, U_NONE, AZ_ORG_MANAGE, U_NONE, 1 },
	{ ROLE_ADMIN, U_NONE, AZ_ORG_MANAGE, U_SYKEHJEM, 1 },
	{ ROLE_ADMIN, U_NONE, AZ_ROLES_MANAGE, U_NONE, 1 },
	{ ROLE_ADMIN, U_NONE, AZ_PERSON_VIEW, U_SKOLE, 1 },
	{ ROLE_ADMIN, U_NONE, AZ_PERSON_VIEW, U_NONE, 1 },
	{ ROLE_ADMIN, U_NONE, AZ_ADMIN_VIEW, U_NONE, 1 },
	{ ROLE_ADMIN, U_NONE, AZ_AUDIT_VIEW, U_NONE, 1 },
	/* admin stored for a sector: that subtree only. */
	{ ROLE_ADMIN, U_HELSE, AZ_ORG_MANAGE, U_SYKEHJEM, 1 },
	{ ROLE_ADMIN, U_HELSE, AZ_ORG_MANAGE, U_SKOLE, 0 },
	{ ROLE_ADMIN, U_HELSE, AZ_ORG_MANAGE, U_NONE, 0 },
	{ ROLE_ADMIN, U_HELSE, AZ_ADMIN_VIEW, U_NONE, 1 },

	/* quality: reads, never writes. */
	{ ROLE_QUALITY, U_NONE, AZ_ORG_VIEW, U_NONE, 1 },
	{ ROLE_QUALITY, U_NONE, AZ_PERSON_VIEW, U_SYKEHJEM, 1 },
	{ ROLE_QUALITY, U_NONE, AZ_ADMIN_VIEW, U_NONE, 1 },
	{ ROLE_QUALITY, U_NONE, AZ_AUDIT_VIEW, U_NONE, 1 },
	{ ROLE_QUALITY, U_NONE, AZ_ORG_MANAGE, U_NONE, 0 },
	{ ROLE_QUALITY, U_NONE, AZ_ROLES_MANAGE, U_NONE, 0 },

	/* leader of Helse: people in Helse and below, no one else. */
	{ ROLE_LEADER, U_HELSE, AZ_PERSON_VIEW, U_HELSE, 1 },
	{ ROLE_LEADER, U_HELSE, AZ_PERSON_VIEW, U_SYKEHJEM, 1 },
	{ ROLE_LEADER, U_HELSE, AZ_PERSON_VIEW, U_SKOLE, 0 },
	{ ROLE_LEADER, U_HELSE, AZ_PERSON_VIEW, U_KOMMUNE, 0 },
	{ ROLE_LEADER, U_HELSE, AZ_PERSON_VIEW, U_NONE, 0 },
	{ ROLE_LEADER, U_HELSE, AZ_ORG_VIEW, U_NONE, 1 },
	{ ROLE_LEADER, U_HELSE, AZ_ORG_MANAGE, U_SYKEHJEM, 0 },
	{ ROLE_LEADER, U_HELSE, AZ_ADMIN_VIEW, U_NONE, 0 },
	{ ROLE_LEADER, U_HELSE, AZ_AUDIT_VIEW, U_NONE, 0 },

	/* auditor: the audit log only. */
	{ ROLE_AUDITOR, U_NONE, AZ_AUDIT_VIEW, U_NONE, 1 },
	{ ROLE_AUDITOR, U_NONE, AZ_ADMIN_VIEW, U_NONE, 0 },
	{ ROLE_AUDITOR, U_NONE, AZ_PERSON_VIEW, U_HELSE, 0 },
	{ ROLE_AUDITOR, U_NONE, AZ_ORG_MANAGE, U_NONE, 0 },

	/* Deviations: everyone reports; quality and admin configure; counts
	 * for those who answer for (or watch over) a subtree. */
	{ ROLE_EMPLOYEE, U_SKOLE, AZ_DEV_REPORT, U_NONE, 1 },
	{ ROLE_MAYOR, U_NONE, AZ_DEV_REPORT, U_NONE, 1 },
	{ ROLE_EMPLOYEE, U_SKOLE, AZ_DEV_CONFIGURE, U_NONE, 0 },
	{ ROLE_EMPLOYEE, U_SKOLE, AZ_DEV_STATS, U_SKOLE, 0 },
	{ ROLE_EMPLOYEE, U_SKOLE, AZ_DEV_VIEW, U_SKOLE, 0 },
	{ ROLE_QUALITY, U_NONE, AZ_DEV_CONFIGURE, U_NONE, 1 },
	{ ROLE_QUALITY, U_NONE, AZ_DEV_VIEW, U_NONE, 1 },
	{ ROLE_QUALITY, U_NONE, AZ_DEV_HANDLE, U_NONE, 0 },
	{ ROLE_ADMIN, U_NONE, AZ_DEV_CONFIGURE, U_NONE, 1 },
	{ ROLE_ADMIN, U_NONE, AZ_DEV_VIEW, U_NONE, 0 },
	{ ROLE_ADMIN, U_NONE, AZ_DEV_STATS, U_NONE, 1 },
	{ ROLE_CHIEF_EXECUTIVE, U_NONE, AZ_DEV_VIEW, U_NONE, 1 },
	{ ROLE_CHIEF_EXECUTIVE, U_NONE, AZ_DEV_HANDLE, U_NONE, 1 },
	{ ROLE_CHIEF_EXECUTIVE, U_NONE, AZ_DEV_STATS, U_NONE, 1 },
	{ ROLE_LEADER, U_HELSE, AZ_DEV_CONFIGURE, U_NONE, 0 },
	{ ROLE_LEADER, U_HELSE, AZ_DEV_STATS, U_HELSE, 1 },
	{ ROLE_LEADER, U_HELSE, AZ_DEV_STATS, U_SYKEHJEM, 1 },
	{ ROLE_LEADER, U_HELSE, AZ_DEV_STATS, U_SKOLE, 0 },
	{ ROLE_LEADER, U_HELSE, AZ_DEV_STATS, U_NONE, 0 },
	{ ROLE_AUDITOR, U_NONE, AZ_DEV_STATS, U_NONE, 1 },
	{ ROLE_AUDITOR, U_NONE, AZ_DEV_VIEW, U_NONE, 0 },
	{ ROLE_CHIEF_SAFETY_REP, U_NONE, AZ_DEV_STATS, U_SKOLE, 1 },
	{ ROLE_SAFETY_REP, U_HELSE, AZ_DEV_STATS, U_SYKEHJEM, 1 },
	{ ROLE_SAFETY_REP, U_HELSE, AZ_DEV_STATS, U_SKOLE, 0 },
	{ ROLE_UNION_REP, U_SKOLE, AZ_DEV_STATS, U_SKOLE, 1 },
	{ ROLE_UNION_REP, U_SKOLE, AZ_DEV_STATS, U_NONE, 0 },
	{ ROLE_MAYOR, U_NONE, AZ_DEV_STATS, U_NONE, 0 },
	{ ROLE_HR, U_NONE, AZ_DEV_STATS, U_NONE, 0 },
	/* The second factor: only an admin resets someone's. */
	{ ROLE_ADMIN, U_NONE, AZ_SECOND_FACTOR_RESET, U_SKOLE, 1 },
	{ ROLE_QUALITY, U_NONE, AZ_SECOND_FACTOR_RESET, U_SKOLE, 0 },
	{ ROLE_LEADER, U_SKOLE, AZ_SECOND_FACTOR_RESET, U_SKOLE, 0 },
};

static void
test_policy_table(void **state)
{
	struct authz_fx	*x = *state;
	size_t		 i;
	int		 got;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
		const struct row *r = &table[i];

		become(x, r->role, r->grant_unit);
		got = authz_can(&x->c, r->action, x->unit[r->object_unit]);
		if (got != r->allowed)
			fail_msg("row %zu: %s may %s on unit %d: got %d, want %d",
			    i, role_name(r->role), authz_action_name(r->action),
			    r->object_unit, got, r->allowed);
	}
}

/* authz_can_units answers for many units at once what authz_can answers
 * for each: every role, granted for the whole municipality and at each
 * unit, every action, every unit. */
static void
test_can_units_agrees(void **state)
{
	struct authz_fx	*x = *state;
	int64_t		 ids[U_MAX];
	unsigned char	 out[U_MAX];
	size_t		 n = 0, i, tried = 0;
	int		 role, grant, a;

	for (i = 0; i < U_MAX; i++)
		if (x->unit[i] > 0)
			ids[n++] = x->unit[i];
	assert_true(n >= 4);
	for (role = 0; role < ROLE_MAX; role++)
		for (grant = 0; grant < U_MAX; grant++) {
			if (!try_become(x, (enum role)role, grant))
				continue;
			tried++;
			for (a = 0; a < AZ_MAX; a++) {
				assert_int_equal(authz_can_units(&x->c,
				    (enum az_action)a, ids, n, out), 0);
				for (i = 0; i < n; i++)
					if (out[i] != authz_can(&x->c,
					    (enum az_action)a, ids[i]))
						fail_msg("%s at unit %d may %s "
						    "on unit %zu: %d at once, %d "
						    "alone", role_name((enum role)role),
						    grant, authz_action_name(
						    (enum az_action)a), i, out[i],
						    !out[i]);
			}
		}
	assert_true(tried >= ROLE_MAX);
	x->c.user = NULL;
	assert_int_equal(authz_can_units(&x->c, AZ_DEV_STATS, ids, n, out), 0);
	for (i = 0; i < n; i++)
		assert_int_equal(out[i], 0);
}

static void
test_anonymous_and_inactive_get_nothing(void **state)
{
	struct authz_fx	*x = *state;
	int		 a;

	become(x, ROLE_ADMIN, U_NONE);
	assert_true(authz_can(&x->c, AZ_ORG_MANAGE, 0));
	x->user.active = 0;
	for (a = 0; a < AZ_MAX; a++)
		assert_false(authz_can(&x->c, (enum az_action)a, 0));
	x->user.active = 1;
	x->c.user = NULL;
	for (a = 0; a < AZ_MAX; a++)
		assert_false(authz_can(&x->c, (enum az_action)a, 0));
	/* Out of range actions are refused, not read past the table. */
	become(x, ROLE_ADMIN, U_NONE);
	assert_false(authz_can(&x->c, AZ_MAX, 0));
}

/* Which deviations lists show: everything for quality and the chief
 * executive, own and led for everyone else, nothing for the anonymous. */
static void
test_dev_scope(void **state)
{
	struct authz_fx	*x = *state;

	become(x, ROLE_QUALITY, U_NONE);
	assert_int_equal(authz_dev_scope(&x->c), DEV_SCOPE_ALL);
	become(x, ROLE_CHIEF_EXECUTIVE, U_NONE);
	assert_int_equal(authz_dev_scope(&x->c), DEV_SCOPE_ALL);
	become(x, ROLE_ADMIN, U_NONE);
	assert_int_equal(authz_dev_scope(&x->c), DEV_SCOPE_MINE_AND_LED);
	become(x, ROLE_LEADER, U_HELSE);
	assert_int_equal(authz_dev_scope(&x->c), DEV_SCOPE_MINE_AND_LED);
	become(x, ROLE_EMPLOYEE, U_SKOLE);
	assert_int_equal(authz_dev_scope(&x->c), DEV_SCOPE_MINE_AND_LED);
	x->user.active = 0;
	assert_int_equal(authz_dev_scope(&x->c), DEV_SCOPE_NONE);
	x->user.active = 1;
	x->c.user = NULL;
	assert_int_equal(authz_dev_scope(&x->c), DEV_SCOPE_NONE);
}

/* Who must pass a second factor, when the municipality requires it: admins
 * and whoever can be routed a whistleblowing case, plus the extra roles;
 * nobody when it is off. An admin never resets their own. */
static void
test_second_factor(void **state)
{
	struct authz_fx	*x = *state;
	unsigned char	 extra[ROLE_MAX];

	memset(extra, 0, sizeof(extra));
	become(x, ROLE_ADMIN, U_NONE);
	assert_true(authz_second_factor_required(&x->c.roles, 1, extra));
	assert_false(authz_second_factor_required(&x->c.roles, 0, extra));
	assert_false(authz_second_factor_reset_ok(&x->c, x->user.id, x->unit[U_SKOLE]));
	assert_true(authz_second_factor_reset_ok(&x->c, x->user.id + 1000, x->unit[U_SKOLE]));
	become(x, ROLE_LEADER, U_SKOLE);
	assert_true(authz_second_factor_required(&x->c.roles, 1, extra));
	assert_false(authz_second_factor_reset_ok(&x->c, x->user.id + 1000, x->unit[U_SKOLE]));
	become(x, ROLE_EMPLOYEE, U_SKOLE);
	assert_false(authz_second_factor_required(&x->c.roles, 1, extra));
	extra[ROLE_EMPLOYEE] = 1;
	assert_true(authz_second_factor_required(&x->c.roles, 1, extra));
	become(x, ROLE_QUALITY, U_NONE);
	assert_false(authz_second_factor_required(&x->c.roles, 1, NULL));
}

static void
test_action_names(void **state)
{
	int a, b;

	(void)state;
	assert_string_equal(authz_action_name(AZ_ORG_MANAGE), "org_manage");
	assert_string_equal(authz_action_name(AZ_MAX), "unknown");
	/* Every action has its own name (a new action without one fails). */
	for (a = 0; a < AZ_MAX; a++) {
		assert_string_not_equal(authz_action_name((enum az_action)a), "unknown");
		for (b = 0; b < a; b++)
			assert_string_not_equal(authz_action_name((enum az_action)a),
			    authz_action_name((enum az_action)b));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_policy_table, setup, teardown),
		cmocka_unit_test_setup_teardown(test_anonymous_and_inactive_get_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_can_units_agrees, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dev_scope, setup, teardown),
		cmocka_unit_test(test_action_names),
		cmocka_unit_test_setup_teardown(test_second_factor, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
