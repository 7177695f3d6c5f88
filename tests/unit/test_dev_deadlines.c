/* test_dev_deadlines.c: reminders, escalation and legal notices fire at the
 * right moments of a moved clock, once each. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "dev_fixture.h"

#define T0	1767225600	/* 2026-01-01T00:00:00Z */
#define HOUR	3600
#define DAY	86400

static int
setup(void **state)
{
	struct devfx *x;

	if ((x = calloc(1, sizeof(*x))) == NULL || devfx_open(x) != 0)
		return -1;
	*state = x;
	return 0;
}

static int
teardown(void **state)
{
	struct devfx *x = *state;

	devfx_close(x);
	free(x);
	return 0;
}

/* Tick as the system at t; returns the count of notifications made. */
static int
tick_at(struct devfx *x, int64_t t)
{
	devfx_as(x, -1);
	x->c.now = t;
	return deviation_tick(&x->c);
}

static int
count_events(struct devfx *x, int64_t id, const char *type)
{
	struct dev_event	*ev;
	size_t			 n, i;
	int			 c = 0;

	assert_int_equal(deviation_events(&x->c, id, 0, &ev, &n), 0);
	for (i = 0; i < n; i++)
		if (strcmp(ev[i].type, type) == 0) {
			c++;
			assert_int_equal(ev[i].actor_id, 0);
			assert_false(ev[i].public);
		}
	return c;
}

static void
test_ack_reminder_then_escalation(void **state)
{
	struct devfx		*x = *state;
	struct deviation	 d;

	/* hms: acknowledge within 48 h, close within 30 days; remind 24 h before. */
	assert_int_equal(devfx_report(x, P_EMP, U_VS, "hms", 2, 0, &d), 0);
	assert_int_equal(tick_at(x, T0), 0);
	assert_int_equal(tick_at(x, T0 + 24 * HOUR - 1), 0);
	/* The reminder goes to the handler, once. */
	assert_int_equal(tick_at(x, T0 + 24 * HOUR), 1);
	assert_int_equal(devfx_notes(x, P_VSL, "reminder", d.id), 1);
	assert_int_equal(tick_at(x, T0 + 24 * HOUR), 0);
	assert_int_equal(tick_at(x, T0 + 30 * HOUR), 0);
	assert_int_equal(count_events(x, d.id, "reminder"), 1);
	/* At the acknowledge deadline: escalated to the leader above, once. */
	assert_int_equal(tick_at(x, T0 + 48 * HOUR - 1), 0);
	assert_int_equal(tick_at(x, T0 + 48 * HOUR), 1);
	assert_int_equal(devfx_notes(x, P_SECTOR, "escalation", d.id), 1);
	assert_int_equal(devfx_notes(x, P_VSL, "escalation", d.id), 0);
	assert_int_equal(tick_at(x, T0 + 48 * HOUR + 1), 0);
	assert_int_equal(tick_at(x, T0 + 5 * DAY), 0);
	assert_int_equal(count_events(x, d.id, "escalated"), 1);
	x->c.now = T0 + 5 * DAY;
	assert_int_equal(deviation_get(&x->c, d.id, &d), 0);
	assert_true(d.overdue);
}

static void
test_close_deadline_after_acknowledge(void **state)
{
	struct devfx		*x = *state;
	struct deviation	 d;
	struct dev_action_input	 in;
	const char		*field;

	assert_int_equal(devfx_report(x, P_EMP, U_VS, "bygg", 2, 0, &d), 0);
	memset(&in, 0, sizeof(in));
	in.action = DA_ACKNOWLEDGE;
	in.kind = -1;
	devfx_as(x, P_VSL);
	x->c.now = T0 + HOUR;
	assert_int_equal(deviation_act(&x->c, d.id, &in, &field), 0);
	/* Acknowledged in time: no acknowledge reminder or escalation. */
	assert_int_equal(tick_at(x, T0 + 3 * DAY), 0);
	assert_int_equal(tick_at(x, T0 + 29 * DAY - 1), 0);
	assert_int_equal(tick_at(x, T0 + 29 * DAY), 1);
	assert_int_equal(devfx_notes(x, P_VSL, "reminder", d.id), 1);
	assert_int_equal(tick_at(x, T0 + 29 * DAY + HOUR), 0);
	assert_int_equal(tick_at(x, T0 + 30 * DAY + 1), 1);
	assert_int_equal(devfx_notes(x, P_SECTOR, "escalation", d.id), 1);
	assert_int_equal(tick_at(x, T0 + 31 * DAY), 0);

	/* A closed one is left alone. */
	assert_int_equal(devfx_report(x, P_EMP, U_VS, "bygg", 2, 0, &d), 0);
	memset(&in, 0, sizeof(in));
	in.action = DA_CLOSE;
	in.kind = -1;
	in.summary = "Ordnet";
	devfx_as(x, P_VSL);
	assert_int_equal(deviation_act(&x->c, d.id, &in, &field), 0);
	assert_int_equal(tick_at(x, T0 + 100 * DAY), 0);
}

static void
test_escalation_from_the_top_reaches_chief_executive(void **state)
{
	struct devfx		*x = *state;
	struct deviation	 d;

	/* Handled in Helse: escalates to the root's leader (the chief
	 * executive). Handled at the root: nobody above; the chief executive. */
	assert_int_equal(devfx_report(x, P_EMP, U_HO, "bygg", 2, 0, &d), 0);
	assert_int_equal(tick_at(x, T0 + 49 * HOUR), 1);
	assert_int_equal(devfx_notes(x, P_CE, "escalation", d.id), 1);
	assert_int_equal(devfx_report(x, P_EMP, U_K, "bygg", 2, 0, &d), 0);
	assert_int_equal(tick_at(x, T0 + 100 * HOUR), 1);
	assert_int_equal(devfx_notes(x, P_CE, "escalation", d.id), 1);
}

static void
test_legal_notice_once(void **state)
{
	struct devfx		*x = *state;
	struct deviation	 d, p;

	/* Serious work accident: both authorities at once. */
	assert_int_equal(devfx_report(x, P_EMP, U_VS, "hms", 4, 0, &d), 0);
	/* Personvern: 72 h. */
	assert_int_equal(devfx_report(x, P_EMP, U_VS, "personvern", 2, 0, &p), 0);
	/* Two legal notices for the accident. The personvern one gives 24 h
	 * to acknowledge: its reminder (24 h before, the default) comes
	 * halfway instead, not with the report. */
	assert_int_equal(tick_at(x, T0), 2);
	assert_int_equal(devfx_notes(x, P_VSL, "legal", d.id), 2);
	assert_int_equal(devfx_notes(x, P_VSL, "reminder", p.id), 0);
	assert_int_equal(tick_at(x, T0 + 1), 0);
	assert_int_equal(tick_at(x, T0 + 12 * HOUR - 1), 0);
	assert_int_equal(tick_at(x, T0 + 12 * HOUR), 1);
	assert_int_equal(devfx_notes(x, P_VSL, "reminder", p.id), 1);
	/* Both escalated for not being acknowledged; Datatilsynet not yet due. */
	assert_int_equal(tick_at(x, T0 + 72 * HOUR - 1), 2);
	assert_int_equal(devfx_notes(x, P_VSL, "legal", p.id), 0);
	assert_int_equal(tick_at(x, T0 + 72 * HOUR), 1);
	assert_int_equal(devfx_notes(x, P_VSL, "legal", p.id), 1);
	assert_int_equal(tick_at(x, T0 + 80 * HOUR), 0);
}

static void
test_remind_hours_setting(void **state)
{
	struct devfx		*x = *state;
	struct deviation	 d;
	struct dev_settings	 s;

	assert_int_equal(dev_settings_get(&x->c, &s), 0);
	s.remind_hours = 2;
	assert_int_equal(dev_settings_set(&x->c, &s), 0);
	assert_int_equal(devfx_report(x, P_EMP, U_VS, "hms", 2, 0, &d), 0);
	assert_int_equal(tick_at(x, T0 + 24 * HOUR), 0);
	assert_int_equal(tick_at(x, T0 + 46 * HOUR), 1);
	assert_int_equal(tick_at(x, T0 + 46 * HOUR), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ack_reminder_then_escalation, setup, teardown),
		cmocka_unit_test_setup_teardown(test_close_deadline_after_acknowledge, setup, teardown),
		cmocka_unit_test_setup_teardown(test_escalation_from_the_top_reaches_chief_executive, setup, teardown),
		cmocka_unit_test_setup_teardown(test_legal_notice_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_remind_hours_setting, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
