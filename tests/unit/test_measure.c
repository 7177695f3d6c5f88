/* test_measure.c: the one measure model (src/measure/): a measure belongs
 * to a subject by kind and id, is started and done once, keeps who marked
 * it done; "Mine tiltak" lists a person's open measures whatever the
 * subject and leaves off closed deviations' and unknown subjects'. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "dev_fixture.h"
#include "measure/measure.h"

#define T0	1767225600	/* 2026-01-01T00:00:00Z, fixture_ctx's now */
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

static void
test_subjects_apart(void **state)
{
	struct devfx	*x = *state;
	struct measure	*v, m;
	size_t		 n;
	int64_t		 a, b, c;

	devfx_as(x, P_VSL);
	/* The same id under two kinds: two different subjects. */
	assert_int_equal(measure_add(&x->c, MS_DEVIATION, 5, "Dev-tiltak",
	    x->p[P_EMP].id, T0 + 3 * DAY, &a), 0);
	/* No due date, no measure: nothing would ever remind of it. */
	assert_int_equal(measure_add(&x->c, MS_RISK, 5, "Uten frist",
	    x->p[P_EMP].id, 0, &b), MEASURE_ERR_DUE);
	assert_int_equal(measure_add(&x->c, MS_RISK, 5, "Risiko-tiltak",
	    x->p[P_EMP].id, T0 + 4 * DAY, &b), 0);
	assert_int_equal(measure_add(&x->c, MS_AUDIT_RECOMMENDATION, 5,
	    "Svar", 0, T0 + 5 * DAY, &c), 0);
	assert_int_equal(measure_list(&x->c, MS_RISK, 5, &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].text, "Risiko-tiltak");
	assert_int_equal(v[0].subject, MS_RISK);
	assert_int_equal(v[0].status, MEASURE_OPEN);
	assert_string_equal(v[0].responsible_name, "emp");
	assert_int_equal(measure_get(&x->c, MS_RISK, 5, a, &m),
	    MEASURE_ERR_NOTFOUND);
	assert_int_equal(measure_get(&x->c, MS_AUDIT_RECOMMENDATION, 5, c, &m),
	    0);
	assert_null(m.responsible_name);
	assert_int_equal(measure_owner(&x->c, MS_RISK, 5, x->p[P_EMP].id), 1);
	assert_int_equal(measure_owner(&x->c, MS_RISK, 6, x->p[P_EMP].id), 0);
	assert_int_equal(measure_owner(&x->c, MS_AUDIT_RECOMMENDATION, 5,
	    x->p[P_EMP].id), 0);

	/* Started, then done once, by whom and when, with the note. */
	assert_int_equal(measure_set_started(&x->c, MS_RISK, 5, b, 1), 0);
	assert_int_equal(measure_get(&x->c, MS_RISK, 5, b, &m), 0);
	assert_int_equal(m.status, MEASURE_STARTED);
	devfx_as(x, P_EMP);
	x->c.now = T0 + DAY;
	assert_int_equal(measure_complete(&x->c, MS_RISK, 5, a, "x"),
	    MEASURE_ERR_NOTFOUND);
	assert_int_equal(measure_complete(&x->c, MS_RISK, 5, b, "Gjort"), 0);
	assert_int_equal(measure_complete(&x->c, MS_RISK, 5, b, "Igjen"),
	    MEASURE_ERR_STATE);
	assert_int_equal(measure_set_started(&x->c, MS_RISK, 5, b, 0),
	    MEASURE_ERR_STATE);
	assert_int_equal(measure_get(&x->c, MS_RISK, 5, b, &m), 0);
	assert_int_equal(m.status, MEASURE_DONE);
	assert_int_equal(m.done_at, T0 + DAY);
	assert_int_equal(m.done_by, x->p[P_EMP].id);
	assert_string_equal(m.done_note, "Gjort");
	/* The deviation's measure is untouched. */
	assert_int_equal(measure_get(&x->c, MS_DEVIATION, 5, a, &m), 0);
	assert_int_equal(m.status, MEASURE_OPEN);
	assert_int_equal(m.done_at, 0);
}

static void
test_mine_across_subjects(void **state)
{
	struct devfx		*x = *state;
	struct deviation	 d1, d2;
	struct dev_action_input	 in;
	struct my_measure	*v;
	const char		*field;
	size_t			 n, i;
	int			 seen_later = 0;

	assert_int_equal(devfx_report(x, P_EMP, U_VS, "bygg", 2, 0, &d1), 0);
	assert_int_equal(devfx_report(x, P_EMP, U_VS, "bygg", 2, 0, &d2), 0);
	devfx_as(x, P_VSL);
	assert_int_equal(measure_add(&x->c, MS_DEVIATION, d1.id, "Senere",
	    x->p[P_EMP2].id, T0 + 9 * DAY, NULL), 0);
	assert_int_equal(measure_add(&x->c, MS_DEVIATION, d1.id, "Snart",
	    x->p[P_EMP2].id, T0 + 2 * DAY, NULL), 0);
	assert_int_equal(measure_add(&x->c, MS_DEVIATION, d2.id, "Lukket sak",
	    x->p[P_EMP2].id, T0 + DAY, NULL), 0);
	/* A subject that is not there (or a kind the start page cannot name)
	 * is left off rather than shown without a name. */
	assert_int_equal(measure_add(&x->c, MS_AUDIT_RECOMMENDATION, 1, "Ukjent",
	    x->p[P_EMP2].id, T0, NULL), 0);
	assert_int_equal(measure_add(&x->c, MS_DEVIATION, d1.id, "Andres",
	    x->p[P_EMP].id, T0, NULL), 0);
	memset(&in, 0, sizeof(in));
	in.action = DA_CLOSE;
	in.summary = "Ferdig";
	assert_int_equal(deviation_act(&x->c, d2.id, &in, &field), 0);

	assert_int_equal(measure_mine(&x->c, x->p[P_EMP2].id, &v, &n), 0);
	for (i = 0; i < n; i++)
		assert_int_not_equal(v[i].m.subject, MS_AUDIT_RECOMMENDATION);
	for (i = 0; i < n; i++)
		if (v[i].m.subject == MS_DEVIATION) {
			assert_int_equal(v[i].m.subject_id, d1.id);
			assert_string_equal(v[i].number, d1.number);
			assert_non_null(strstr(v[i].href, "/deviations/"));
			if (strcmp(v[i].m.text, "Senere") == 0)
				seen_later = 1;
			else
				/* Soonest due first. */
				assert_false(seen_later);
		}
	assert_true(seen_later);
	assert_int_equal(n, 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_subjects_apart, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mine_across_subjects, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
