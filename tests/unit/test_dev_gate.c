/* test_dev_gate.c: deviation_do, the one door a person's handling action
 * goes through, gives each answer itself and in its order (not found,
 * forbidden, invalid, conflict, ok), changing nothing unless ok; and
 * dev_action_read fills the typed input from the one declaration. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "deviation/dev_input.h"
#include "dev_fixture.h"

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

static void
input(struct dev_action_input *in, enum dev_action a)
{
	memset(in, 0, sizeof(*in));
	in->action = a;
	in->kind = -1;
}

static int
events(struct devfx *x, int64_t id, const char *type)
{
	struct dev_event	*ev;
	size_t			 n, i;
	int			 c = 0;

	devfx_as(x, -1);
	assert_int_equal(deviation_events(&x->c, id, 0, &ev, &n), 0);
	for (i = 0; i < n; i++)
		c += strcmp(ev[i].type, type) == 0;
	return c;
}

static enum dev_status
status(struct devfx *x, int64_t id)
{
	struct deviation d;

	assert_int_equal(deviation_get(&x->c, id, &d), 0);
	return d.status;
}

static void
test_not_found(void **state)
{
	struct devfx		*x = *state;
	struct deviation	 d;
	struct dev_action_input	 in;
	struct dev_result	 r;

	assert_int_equal(devfx_report(x, P_EMP, U_VS, "hms", 2, 0, &d), 0);
	input(&in, DA_ACKNOWLEDGE);
	devfx_as(x, P_VSL);
	assert_int_equal(deviation_do(&x->c, 999999, &in, &r), 0);
	assert_int_equal(r.outcome, DEV_NOT_FOUND);
	/* A colleague who may not see it hears the same, whatever the
	 * input: even an unknown action or a bad field is "not found". */
	devfx_as(x, P_EMP2);
	assert_int_equal(deviation_do(&x->c, d.id, &in, &r), 0);
	assert_int_equal(r.outcome, DEV_NOT_FOUND);
	in.action = DA_MAX;
	in.bad_field = "kind";
	assert_int_equal(deviation_do(&x->c, d.id, &in, &r), 0);
	assert_int_equal(r.outcome, DEV_NOT_FOUND);
	assert_int_equal(status(x, d.id), DEV_NEW);
	assert_int_equal(events(x, d.id, "acknowledged"), 0);
}

static void
test_forbidden_before_invalid(void **state)
{
	struct devfx		*x = *state;
	struct deviation	 d;
	struct dev_action_input	 in;
	struct dev_result	 r;

	assert_int_equal(devfx_report(x, P_EMP, U_VS, "hms", 2, 0, &d), 0);
	/* The reporter sees it but does not handle it; a missing summary
	 * is not what they hear. */
	input(&in, DA_CLOSE);
	devfx_as(x, P_EMP);
	assert_int_equal(deviation_do(&x->c, d.id, &in, &r), 0);
	assert_int_equal(r.outcome, DEV_FORBIDDEN);
	in.summary = "Ordnet";
	assert_int_equal(deviation_do(&x->c, d.id, &in, &r), 0);
	assert_int_equal(r.outcome, DEV_FORBIDDEN);
	assert_int_equal(status(x, d.id), DEV_NEW);
	/* Nor may the handler resubmit in the reporter's place. */
	input(&in, DA_RESUBMIT);
	devfx_as(x, P_VSL);
	assert_int_equal(deviation_do(&x->c, d.id, &in, &r), 0);
	assert_int_equal(r.outcome, DEV_FORBIDDEN);
}

static void
test_invalid_names_the_field(void **state)
{
	struct devfx		*x = *state;
	struct deviation	 d;
	struct dev_action_input	 in;
	struct dev_result	 r;

	assert_int_equal(devfx_report(x, P_EMP, U_VS, "hms", 2, 0, &d), 0);
	devfx_as(x, P_VSL);
	input(&in, DA_CLOSE);
	assert_int_equal(deviation_do(&x->c, d.id, &in, &r), 0);
	assert_int_equal(r.outcome, DEV_INVALID);
	assert_string_equal(r.field, "summary");
	assert_string_equal(r.why, "Write what was learned.");
	assert_int_equal(r.dev.id, d.id);
	/* An unknown action, and a value the parser could not read. */
	input(&in, DA_MAX);
	assert_int_equal(deviation_do(&x->c, d.id, &in, &r), 0);
	assert_int_equal(r.outcome, DEV_INVALID);
	assert_string_equal(r.field, "action");
	input(&in, DA_CLASSIFY);
	in.bad_field = "kind";
	in.bad_why = "must be deviation or improvement";
	assert_int_equal(deviation_do(&x->c, d.id, &in, &r), 0);
	assert_int_equal(r.outcome, DEV_INVALID);
	assert_string_equal(r.field, "kind");
	/* A category that does not exist. */
	input(&in, DA_CLASSIFY);
	in.category = "finnes_ikke";
	assert_int_equal(deviation_do(&x->c, d.id, &in, &r), 0);
	assert_int_equal(r.outcome, DEV_INVALID);
	assert_string_equal(r.field, "category");
	assert_string_equal(r.why, "Choose a category from the list.");
	assert_int_equal(status(x, d.id), DEV_NEW);
	assert_int_equal(events(x, d.id, "closed"), 0);
	assert_int_equal(events(x, d.id, "classified"), 0);
}

static void
test_conflict_in_this_state(void **state)
{
	struct devfx		*x = *state;
	struct deviation	 d;
	struct dev_action_input	 in;
	struct dev_result	 r;

	assert_int_equal(devfx_report(x, P_EMP, U_VS, "hms", 2, 0, &d), 0);
	devfx_as(x, P_VSL);
	input(&in, DA_REOPEN);
	in.reason = "Ikke ferdig";
	assert_int_equal(deviation_do(&x->c, d.id, &in, &r), 0);
	assert_int_equal(r.outcome, DEV_CONFLICT);
	/* The face shows it as it stands now. */
	assert_int_equal(r.dev.id, d.id);
	assert_int_equal(r.dev.status, DEV_NEW);
	assert_int_equal(events(x, d.id, "reopened"), 0);
}

static void
test_ok_changes_and_records(void **state)
{
	struct devfx		*x = *state;
	struct deviation	 d;
	struct dev_action_input	 in;
	struct dev_result	 r;

	assert_int_equal(devfx_report(x, P_EMP, U_VS, "hms", 2, 0, &d), 0);
	devfx_as(x, P_VSL);
	input(&in, DA_ACKNOWLEDGE);
	assert_int_equal(deviation_do(&x->c, d.id, &in, &r), 0);
	assert_int_equal(r.outcome, DEV_OK);
	assert_int_equal(r.dev.status, DEV_ACKNOWLEDGED);
	assert_true(r.visible);
	assert_int_equal(status(x, d.id), DEV_ACKNOWLEDGED);
	assert_int_equal(events(x, d.id, "acknowledged"), 1);
	/* Transferred out of the actor's reach: ok, and no longer visible. */
	devfx_as(x, P_VSL);
	input(&in, DA_TRANSFER);
	in.unit_id = x->unit[U_SH];
	in.reason = "Hører til sykehjemmet";
	assert_int_equal(deviation_do(&x->c, d.id, &in, &r), 0);
	assert_int_equal(r.outcome, DEV_OK);
	assert_false(r.visible);
	assert_int_equal(events(x, d.id, "transferred"), 1);
}

/* The typed input comes from the one declaration, by position; the web
 * form's due_date is an alias of due_at there. */
static void
test_read_declared_fields(void **state)
{
	struct field_value	 v[DAF_MAX];
	struct dev_action_input	 in;

	(void)state;
	assert_string_equal(dev_action_fields[DAF_DUE_DATE].name, "due_date");
	assert_null(dev_action_fields[DAF_MAX].name);
	memset(v, 0, sizeof(v));
	v[DAF_ACTION] = (struct field_value){ .present = 1, .s = "classify" };
	v[DAF_KIND] = (struct field_value){ .present = 1, .s = "improvement" };
	v[DAF_SEVERITY] = (struct field_value){ .present = 1, .s = "3", .i = 3 };
	dev_action_read(v, NULL, &in);
	assert_int_equal(in.action, DA_CLASSIFY);
	assert_int_equal(in.kind, DEV_IMPROVEMENT);
	assert_int_equal(in.severity, 3);
	assert_null(in.bad_field);
	v[DAF_KIND].s = "noe";
	v[DAF_DUE_DATE] = (struct field_value){ .present = 1, .s = "2026-13-01" };
	dev_action_read(v, NULL, &in);
	assert_string_equal(in.bad_field, "kind");
	v[DAF_ACTION].s = "fly";
	v[DAF_KIND].present = 0;
	dev_action_read(v, NULL, &in);
	assert_int_equal(in.action, DA_MAX);
	assert_string_equal(in.bad_field, "due_at");
	dev_action_read(NULL, NULL, &in);
	assert_int_equal(in.action, DA_MAX);
	assert_int_equal(in.kind, -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_not_found, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forbidden_before_invalid,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_names_the_field,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_conflict_in_this_state,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_ok_changes_and_records,
		    setup, teardown),
		cmocka_unit_test(test_read_declared_fields),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
