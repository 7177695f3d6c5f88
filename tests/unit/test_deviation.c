/* test_deviation.c: reporting, numbering, routing, deadlines, legal
 * clocks, the handling state machine, the timeline and who sees what. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "authz/authz.h"
#include "dev_fixture.h"
#include "deviation/dev_input.h"
#include "deviation/dev_int.h"

#define T0	1767225600	/* 2026-01-01T00:00:00Z, fixture_ctx's now */
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

static int64_t
count_rows(struct devfx *x, const char *sql)
{
	return fixture_int(x->f.conn, sql);
}

static void
test_numbering_per_tenant_and_year(void **state)
{
	struct devfx		*x = *state;
	struct deviation	 a, b, c;
	struct dev_report	 r;
	const char		*field;

	assert_int_equal(devfx_report(x, P_EMP, U_VS, "bygg", 2, 0, &a), 0);
	assert_int_equal(devfx_report(x, P_EMP, U_VS, "bygg", 2, 0, &b), 0);
	assert_string_equal(a.number, "AV-2026-000001");
	assert_string_equal(b.number, "AV-2026-000002");
	assert_int_equal(a.status, DEV_NEW);
	/* An imported one from last year starts that year's series. */
	memset(&r, 0, sizeof(r));
	r.kind = DEV_DEVIATION;
	r.title = "Gammel";
	r.description = "Fra det gamle systemet";
	r.category = "hms";
	r.unit_id = x->unit[U_VS];
	r.reported_at = T0 - 30 * DAY;
	r.occurred_at = T0 - 31 * DAY;
	devfx_as(x, -1);
	assert_int_equal(deviation_report(&x->c, &r, &c, &field), 0);
	assert_string_equal(c.number, "AV-2025-000001");
	assert_int_equal(c.reported_at, T0 - 30 * DAY);
	assert_int_equal(c.reporter_id, 0);
	assert_int_equal(devfx_report(x, P_EMP, U_VS, "bygg", 2, 0, &c), 0);
	assert_string_equal(c.number, "AV-2026-000003");

	/* Another tenant counts from 1. */
	{
		struct ctx	 c2 = x->c;
		struct deviation d;
		int64_t		 t2, u2;

		t2 = tenant_create(x->f.conn, "Annenvik", NULL);
		c2.tenant_id = t2;
		c2.user = NULL;
		assert_int_equal(dev_categories_seed(&c2), 0);
		u2 = org_unit_create(&c2, "K", "Kommune", 0);
		memset(&r, 0, sizeof(r));
		r.kind = DEV_DEVIATION;
		r.title = "t";
		r.description = "d";
		r.category = "bygg";
		r.unit_id = u2;
		assert_int_equal(deviation_report(&c2, &r, &d, &field), 0);
		assert_string_equal(d.number, "AV-2026-000001");
		/* And cannot be read from the first tenant. */
		assert_int_equal(deviation_get(&x->c, d.id, &a), DEV_ERR_NOTFOUND);
	}
}

static void
test_report_validation_stores_nothing(void **state)
{
	struct devfx		*x = *state;
	struct dev_report	 r, base;
	struct deviation	 d;
	const char		*field;
	int64_t			 other_unit;
	struct ctx		 c2;

	memset(&base, 0, sizeof(base));
	base.kind = DEV_DEVIATION;
	base.title = "Tittel";
	base.description = "Beskrivelse";
	base.category = "hms";
	base.unit_id = x->unit[U_VS];
	devfx_as(x, P_EMP);

#define BAD(mut, want) do { \
	r = base; \
	mut; \
	field = NULL; \
	assert_int_equal(deviation_report(&x->c, &r, &d, &field), DEV_ERR_INVALID); \
	assert_non_null(field); \
	assert_string_equal(field, want); \
} while (0)
	BAD(r.title = "", "title");
	BAD(r.title = "   ", "title");
	BAD(r.description = NULL, "description");
	BAD(r.category = NULL, "category");
	BAD(r.category = "finnes-ikke", "category");
	BAD(r.unit_id = 0, "unit_id");
	BAD(r.unit_id = 999999, "unit_id");
	BAD(r.occurred_at = T0 + DAY, "occurred_at");
	BAD(r.severity = 5, "severity");
	BAD(r.kind = DEV_KIND_MAX, "kind");
	/* A unit of another tenant is not a unit here. */
	c2 = x->c;
	c2.tenant_id = tenant_create(x->f.conn, "Annenvik", NULL);
	c2.user = NULL;
	other_unit = org_unit_create(&c2, "X", "X", 0);
	BAD(r.unit_id = other_unit, "unit_id");
#undef BAD
	assert_int_equal(count_rows(x, "SELECT COUNT(*) FROM deviations"), 0);
	assert_int_equal(count_rows(x, "SELECT COUNT(*) FROM deviation_counters"), 0);
	assert_int_equal(count_rows(x, "SELECT COUNT(*) FROM notifications"), 0);

	/* An improvement needs no category. */
	r = base;
	r.kind = DEV_IMPROVEMENT;
	r.category = NULL;
	assert_int_equal(deviation_report(&x->c, &r, &d, &field), 0);
	assert_int_equal(d.kind, DEV_IMPROVEMENT);
	assert_null(d.category_code);
}

static void
test_routing_to_unit_leader(void **state)
{
	struct devfx		*x = *state;
	struct deviation	 d;

	assert_int_equal(devfx_report(x, P_EMP, U_VS, "bygg", 2, 0, &d), 0);
	assert_int_equal(d.unit_id, x->unit[U_VS]);
	assert_int_equal(d.handler_unit_id, x->unit[U_VS]);
	assert_int_equal(devfx_notes(x, P_VSL, "new", d.id), 1);
	assert_int_equal(devfx_notes(x, P_SECTOR, NULL, d.id), 0);
	assert_int_equal(devfx_notes(x, P_EMP, NULL, d.id), 0);
	assert_int_equal(notification_unread_count(&x->c, x->p[P_VSL].id), 1);

	/* A unit without a leader: handled there, its nearest leader told. */
	assert_int_equal(devfx_report(x, P_EMP, U_AV, "fall", 2, 0, &d), 0);
	assert_int_equal(d.handler_unit_id, x->unit[U_AV]);
	assert_int_equal(devfx_notes(x, P_SHL, "new", d.id), 1);
	assert_int_equal(devfx_notes(x, P_HOL, "new", d.id), 0);
}

static void
test_concerns_leader_goes_above(void **state)
{
	struct devfx		*x = *state;
	struct deviation	 d, *v;
	struct dev_filter	 f;
	size_t			 n;
	int64_t			 total;

	assert_int_equal(devfx_report(x, P_EMP, U_VS, "hms", 2, 1, &d), 0);
	assert_int_equal(d.unit_id, x->unit[U_VS]);
	assert_int_equal(d.handler_unit_id, x->unit[U_OO]);
	assert_true(d.concerns_leader);
	/* The sector head hears of it; the school's leader does not. */
	assert_int_equal(devfx_notes(x, P_SECTOR, "new", d.id), 1);
	assert_int_equal(devfx_notes(x, P_VSL, NULL, d.id), 0);

	/* The leader below neither sees nor handles it, in any view. */
	devfx_as(x, P_VSL);
	assert_false(authz_dev_can(&x->c, AZ_DEV_VIEW, &d));
	assert_false(authz_dev_can(&x->c, AZ_DEV_HANDLE, &d));
	memset(&f, 0, sizeof(f));
	f.kind = -1;
	f.scope = authz_dev_scope(&x->c);
	assert_int_equal(f.scope, DEV_SCOPE_MINE_AND_LED);
	assert_int_equal(deviation_list(&x->c, &f, &v, &n, &total), 0);
	assert_int_equal(total, 0);
	f.inbox = 1;
	assert_int_equal(deviation_list(&x->c, &f, &v, &n, &total), 0);
	assert_int_equal(total, 0);

	devfx_as(x, P_SECTOR);
	assert_true(authz_dev_can(&x->c, AZ_DEV_VIEW, &d));
	assert_true(authz_dev_can(&x->c, AZ_DEV_HANDLE, &d));
	f.scope = authz_dev_scope(&x->c);
	assert_int_equal(deviation_list(&x->c, &f, &v, &n, &total), 0);
	assert_int_equal(total, 1);
	assert_int_equal(v[0].id, d.id);

	/* Concerning the sector head: to the chief executive's unit. */
	assert_int_equal(devfx_report(x, P_VSL, U_OO, "hms", 2, 1, &d), 0);
	assert_int_equal(d.handler_unit_id, x->unit[U_K]);
	assert_int_equal(devfx_notes(x, P_CE, "new", d.id), 1);
	assert_int_equal(devfx_notes(x, P_SECTOR, NULL, d.id), 0);
	devfx_as(x, P_SECTOR);
	assert_false(authz_dev_can(&x->c, AZ_DEV_VIEW, &d));

	/* Concerning the leader of a unit without one: the nearest leader
	 * (Sykehjem) is passed over for Helse. */
	assert_int_equal(devfx_report(x, P_EMP, U_AV, "fall", 2, 1, &d), 0);
	assert_int_equal(d.handler_unit_id, x->unit[U_HO]);
	assert_int_equal(devfx_notes(x, P_HOL, "new", d.id), 1);
	assert_int_equal(devfx_notes(x, P_SHL, NULL, d.id), 0);
	devfx_as(x, P_SHL);
	assert_false(authz_dev_can(&x->c, AZ_DEV_VIEW, &d));
}

static void
test_deadlines_from_category_and_settings(void **state)
{
	struct devfx		*x = *state;
	struct deviation	 d;
	struct dev_settings	 s;

	assert_int_equal(devfx_report(x, P_EMP, U_VS, "hms", 2, 0, &d), 0);
	assert_int_equal(d.reported_at, T0);
	assert_int_equal(d.ack_due_at, T0 + 48 * HOUR);
	assert_int_equal(d.due_at, T0 + 30 * DAY);
	assert_int_equal(devfx_report(x, P_EMP, U_VS, "personvern", 1, 0, &d), 0);
	assert_int_equal(d.ack_due_at, T0 + 24 * HOUR);
	assert_int_equal(d.due_at, T0 + 14 * DAY);
	assert_int_equal(devfx_report(x, P_EMP, U_VS, NULL, 0, 0, &d), 0);
	assert_int_equal(d.ack_due_at, T0 + 168 * HOUR);
	assert_int_equal(d.due_at, T0 + 60 * DAY);

	devfx_as(x, P_QUALITY);
	assert_int_equal(dev_settings_get(&x->c, &s), 0);
	s.improvement_ack_hours = 24;
	s.improvement_close_days = 10;
	s.remind_hours = 6;
	assert_int_equal(dev_settings_set(&x->c, &s), 0);
	s.remind_hours = -1;
	assert_int_equal(dev_settings_set(&x->c, &s), DEV_ERR_INVALID);
	assert_int_equal(dev_settings_get(&x->c, &s), 0);
	assert_int_equal(s.remind_hours, 6);
	assert_int_equal(devfx_report(x, P_EMP, U_VS, NULL, 0, 0, &d), 0);
	assert_int_equal(d.ack_due_at, T0 + 24 * HOUR);
	assert_int_equal(d.due_at, T0 + 10 * DAY);

	/* Overdue: still new after the acknowledge deadline. */
	assert_false(d.overdue);
	x->c.now = T0 + 24 * HOUR + 1;
	assert_int_equal(deviation_get(&x->c, d.id, &d), 0);
	assert_true(d.overdue);
}

static const struct legal_deadline *
legal_of(const struct deviation *d, const char *authority)
{
	size_t i;

	for (i = 0; i < d->nlegal; i++)
		if (strcmp(d->legal[i].authority, authority) == 0)
			return &d->legal[i];
	return NULL;
}

static void
act_ok(struct devfx *x, int who, int64_t id, struct dev_action_input *in)
{
	const char *field = NULL;
	int rc;

	devfx_as(x, who);
	rc = deviation_act(&x->c, id, in, &field);
	if (rc != 0)
		fail_msg("%s: rc %d field %s", dev_action_name(in->action), rc,
		    field ? field : "-");
}

static void
input_init(struct dev_action_input *in, enum dev_action a)
{
	memset(in, 0, sizeof(*in));
	in->action = a;
	in->kind = -1;
}

static void
test_legal_clocks(void **state)
{
	struct devfx			*x = *state;
	struct deviation		 d;
	struct dev_action_input		 in;
	const struct legal_deadline	*l;
	struct dev_report		 r;
	const char			*field;

	/* Personvern: Datatilsynet within 72 h, any severity. */
	assert_int_equal(devfx_report(x, P_EMP, U_VS, "personvern", 1, 0, &d), 0);
	assert_int_equal(d.nlegal, 1);
	assert_non_null(l = legal_of(&d, "datatilsynet"));
	assert_int_equal(l->due_at, T0 + 72 * HOUR);
	assert_int_equal(l->done_at, 0);

	/* A serious work accident: Arbeidstilsynet and police at once. */
	assert_int_equal(devfx_report(x, P_EMP, U_VS, "hms", 4, 0, &d), 0);
	assert_int_equal(d.nlegal, 2);
	assert_non_null(l = legal_of(&d, "arbeidstilsynet"));
	assert_int_equal(l->due_at, T0);
	assert_non_null(l = legal_of(&d, "politiet"));
	assert_int_equal(l->due_at, T0);
	/* Less serious: none. */
	assert_int_equal(devfx_report(x, P_EMP, U_VS, "vold", 3, 0, &d), 0);
	assert_int_equal(d.nlegal, 0);
	/* Serious in health and care: Helsetilsynet at once. */
	assert_int_equal(devfx_report(x, P_EMP, U_SH, "legemiddel", 4, 0, &d), 0);
	assert_int_equal(d.nlegal, 1);
	assert_non_null(l = legal_of(&d, "helsetilsyn"));
	assert_int_equal(l->due_at, T0);
	/* An improvement proposal never starts a clock. */
	memset(&r, 0, sizeof(r));
	r.kind = DEV_IMPROVEMENT;
	r.title = "Forslag";
	r.description = "Bedre rutine";
	r.category = "personvern";
	r.unit_id = x->unit[U_VS];
	r.personal_data = 1;
	assert_int_equal(deviation_report(&x->c, &r, &d, &field), 0);
	assert_int_equal(d.nlegal, 0);

	/* Reclassified a day later into personvern: the clock counts from
	 * the original report. Raising severity later starts AML too. */
	assert_int_equal(devfx_report(x, P_EMP, U_VS, "bygg", 3, 0, &d), 0);
	assert_int_equal(d.nlegal, 0);
	x->c.now = T0 + DAY;
	input_init(&in, DA_CLASSIFY);
	in.category = "personvern";
	act_ok(x, P_VSL, d.id, &in);
	assert_int_equal(deviation_get(&x->c, d.id, &d), 0);
	assert_string_equal(d.category_code, "personvern");
	assert_non_null(l = legal_of(&d, "datatilsynet"));
	assert_int_equal(l->due_at, T0 + 72 * HOUR);
	/* Moving it on to hms with severity 4: AML applies, Datatilsynet stays. */
	input_init(&in, DA_CLASSIFY);
	in.category = "hms";
	in.severity = 4;
	act_ok(x, P_VSL, d.id, &in);
	assert_int_equal(deviation_get(&x->c, d.id, &d), 0);
	assert_int_equal(d.nlegal, 3);
	assert_non_null(legal_of(&d, "datatilsynet"));
	assert_non_null(l = legal_of(&d, "politiet"));
	assert_int_equal(l->due_at, T0);
}

/* A deviation reported by emp in VS brought to state s by vsl. */
static int64_t
in_state(struct devfx *x, enum dev_status s)
{
	struct deviation	 d;
	struct dev_action_input	 in;

	x->c.now = T0;
	assert_int_equal(devfx_report(x, P_EMP, U_VS, "bygg", 2, 0, &d), 0);
	switch (s) {
	case DEV_ACKNOWLEDGED:
		input_init(&in, DA_ACKNOWLEDGE);
		act_ok(x, P_VSL, d.id, &in);
		break;
	case DEV_RETURNED:
		input_init(&in, DA_RETURN);
		in.reason = "Feil kategori";
		act_ok(x, P_VSL, d.id, &in);
		break;
	case DEV_CLOSED:
		input_init(&in, DA_CLOSE);
		in.summary = "Ryddet";
		act_ok(x, P_VSL, d.id, &in);
		break;
	default:
		break;
	}
	assert_int_equal(deviation_get(&x->c, d.id, &d), 0);
	assert_int_equal(d.status, s);
	return d.id;
}

/* A complete, valid input for each action. */
static void
valid_input(struct devfx *x, enum dev_action a, int64_t id,
    struct dev_action_input *in)
{
	struct measure	*m;
	size_t		 n;

	input_init(in, a);
	in->reason = "Fordi";
	in->unit_id = x->unit[U_SH];
	in->category = "hms";
	in->cause = "Årsak";
	in->measure = "Nytt tiltak";
	in->responsible_login = "emp2";
	in->due_at = T0 + 10 * DAY;
	in->summary = "Lærdom";
	in->text = "Notat";
	in->authority = "datatilsynet";
	if (a == DA_COMPLETE_MEASURE || a == DA_ASSIGN_MEASURE) {
		/* Added while the deviation was open, straight in the table. */
		assert_int_equal(deviation_measures(&x->c, id, &m, &n), 0);
		in->measure_id = n > 0 ? m[0].id : 0;
	}
}

static void
test_state_machine(void **state)
{
	struct devfx		*x = *state;
	/* want[action][status]: 1 allowed, 0 DEV_ERR_STATE. */
	static const int want[DA_MAX][DEV_STATUS_MAX] = {
		/*                       new ack ret closed */
		[DA_ACKNOWLEDGE]	= { 1, 0, 0, 0 },
		[DA_TRANSFER]		= { 1, 1, 0, 0 },
		[DA_RETURN]		= { 1, 1, 0, 0 },
		[DA_RESUBMIT]		= { 0, 0, 1, 0 },
		[DA_CLASSIFY]		= { 1, 1, 1, 0 },
		[DA_ANALYSE]		= { 1, 1, 1, 0 },
		[DA_ADD_MEASURE]	= { 1, 1, 1, 0 },
		[DA_COMPLETE_MEASURE]	= { 1, 1, 1, 0 },
		[DA_CLOSE]		= { 1, 1, 0, 0 },
		[DA_REOPEN]		= { 0, 0, 0, 1 },
		[DA_COMMENT]		= { 1, 1, 1, 1 },
		[DA_LEGAL_DONE]		= { 1, 1, 1, 1 },
		[DA_ASSIGN_MEASURE]	= { 1, 1, 1, 0 },
	};
	/* The state after a successful action, plus one (0: unchanged). */
	static const int after[DA_MAX] = {
		[DA_ACKNOWLEDGE] = DEV_ACKNOWLEDGED + 1, [DA_TRANSFER] = DEV_NEW + 1,
		[DA_RETURN] = DEV_RETURNED + 1, [DA_RESUBMIT] = DEV_NEW + 1,
		[DA_CLOSE] = DEV_CLOSED + 1, [DA_REOPEN] = DEV_ACKNOWLEDGED + 1,
	};
	struct dev_action_input	 in;
	struct deviation	 before, d;
	const char		*field;
	int			 a, s, rc;

	for (a = 0; a < DA_MAX; a++)
		for (s = 0; s < DEV_STATUS_MAX; s++) {
			int64_t id = in_state(x, (enum dev_status)s);

			if (a == DA_LEGAL_DONE) {
				/* Give it a legal clock to record. */
				struct dbstmt *st;

				assert_int_equal(db_prepare(x->f.conn,
				    "INSERT INTO legal_deadlines (tenant_id,"
				    " deviation_id, authority, due_at)"
				    " VALUES ($1, $2, 'datatilsynet', 0)", &st), 0);
				db_bind_int(st, 1, x->tenant);
				db_bind_int(st, 2, id);
				assert_int_equal(db_step(st), DB_DONE);
				db_reset(st);
			}
			if (a == DA_COMPLETE_MEASURE || a == DA_ASSIGN_MEASURE) {
				/* Give it a measure to complete or to give. */
				{
					struct dbstmt *st;

					assert_int_equal(db_prepare(x->f.conn,
					    "INSERT INTO measures (tenant_id, subject_kind,"
					    " subject_id, text, created_at)"
					    " VALUES ($1, 'deviation', $2, 'm', 0)",
					    &st), 0);
					db_bind_int(st, 1, x->tenant);
					db_bind_int(st, 2, id);
					assert_int_equal(db_step(st), DB_DONE);
					db_reset(st);
				}
			}
			valid_input(x, (enum dev_action)a, id, &in);
			assert_int_equal(deviation_get(&x->c, id, &before), 0);
			devfx_as(x, a == DA_RESUBMIT ? P_EMP : P_VSL);
			field = NULL;
			rc = deviation_act(&x->c, id, &in, &field);
			assert_int_equal(deviation_get(&x->c, id, &d), 0);
			if (want[a][s]) {
				if (rc != 0)
					fail_msg("%s from %s: rc %d field %s",
					    dev_action_name((enum dev_action)a),
					    dev_status_name((enum dev_status)s), rc,
					    field ? field : "-");
				assert_int_equal(d.status, after[a] ? after[a] - 1 : s);
			} else {
				if (rc != DEV_ERR_STATE)
					fail_msg("%s from %s: rc %d, want refusal",
					    dev_action_name((enum dev_action)a),
					    dev_status_name((enum dev_status)s), rc);
				assert_int_equal(d.status, before.status);
			}
		}
}

static void
test_action_input_checked(void **state)
{
	struct devfx		*x = *state;
	struct dev_action_input	 in;
	struct deviation	 d;
	struct measure		*m;
	size_t			 n;
	const char		*field;
	int64_t			 id = in_state(x, DEV_NEW), other;
	struct ctx		 c2;

#define BAD(act, mut, want) do { \
	input_init(&in, act); \
	mut; \
	devfx_as(x, P_VSL); \
	field = NULL; \
	assert_int_equal(deviation_act(&x->c, id, &in, &field), DEV_ERR_INVALID); \
	assert_non_null(field); \
	assert_string_equal(field, want); \
} while (0)
	BAD(DA_TRANSFER, in.unit_id = x->unit[U_SH], "reason");
	BAD(DA_TRANSFER, (in.unit_id = 0, in.reason = "r"), "unit_id");
	c2 = x->c;
	c2.tenant_id = tenant_create(x->f.conn, "Annenvik", NULL);
	c2.user = NULL;
	other = org_unit_create(&c2, "X", "X", 0);
	BAD(DA_TRANSFER, (in.unit_id = other, in.reason = "r"), "unit_id");
	BAD(DA_RETURN, in.reason = " ", "reason");
	BAD(DA_CLASSIFY, in.category = "ukjent", "category");
	BAD(DA_CLASSIFY, in.severity = 7, "severity");
	BAD(DA_CLASSIFY, (void)0, "category");
	BAD(DA_ADD_MEASURE, (void)0, "measure");
	BAD(DA_ADD_MEASURE, (in.measure = "m", in.responsible_login = "nobody"),
	    "responsible_login");
	BAD(DA_ADD_MEASURE, (in.measure = "m", in.responsible_login = "emp2"),
	    "due_at");
	BAD(DA_COMPLETE_MEASURE, in.measure_id = 12345, "measure_id");
	BAD(DA_CLOSE, (void)0, "summary");
	BAD(DA_COMMENT, (void)0, "text");
#undef BAD
	assert_int_equal(deviation_get(&x->c, id, &d), 0);
	assert_int_equal(d.status, DEV_NEW);
	assert_int_equal(deviation_get(&x->c, 999999, &d), DEV_ERR_NOTFOUND);
	input_init(&in, DA_ACKNOWLEDGE);
	assert_int_equal(deviation_act(&x->c, 999999, &in, &field),
	    DEV_ERR_NOTFOUND);

	/* A closed one gets no measures until reopened; a measure is done once. */
	input_init(&in, DA_CLOSE);
	in.summary = "Ferdig";
	act_ok(x, P_VSL, id, &in);
	input_init(&in, DA_ADD_MEASURE);
	in.measure = "Etterpå";
	assert_int_equal(deviation_act(&x->c, id, &in, &field), DEV_ERR_STATE);
	input_init(&in, DA_REOPEN);
	assert_int_equal(deviation_act(&x->c, id, &in, &field), DEV_ERR_INVALID);
	assert_string_equal(field, "reason");
	in.reason = "Ikke ferdig likevel";
	act_ok(x, P_VSL, id, &in);
	input_init(&in, DA_ADD_MEASURE);
	in.measure = "Etterpå";
	in.responsible_login = "emp2";
	in.due_at = T0 + 5 * DAY;
	act_ok(x, P_VSL, id, &in);
	assert_int_equal(deviation_measures(&x->c, id, &m, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(m[0].text, "Etterpå");
	assert_int_equal(m[0].responsible_id, x->p[P_EMP2].id);
	assert_int_equal(m[0].due_at, T0 + 5 * DAY);
	assert_int_equal(m[0].done_at, 0);
	assert_int_equal(devfx_notes(x, P_EMP2, "measure", id), 1);
	input_init(&in, DA_COMPLETE_MEASURE);
	in.measure_id = m[0].id;
	act_ok(x, P_VSL, id, &in);
	assert_int_equal(deviation_act(&x->c, id, &in, &field), DEV_ERR_STATE);
	assert_int_equal(deviation_measures(&x->c, id, &m, &n), 0);
	assert_int_equal(m[0].done_at, x->c.now);
}

static void
test_flow_events_and_notifications(void **state)
{
	struct devfx		*x = *state;
	struct dev_action_input	 in;
	struct deviation	 d;
	struct dev_event	*ev;
	size_t			 n, i;
	/* "acknowledged" is public: the reporter is told it was received. */
	static const char *const pub[] = { "created", "acknowledged", "transferred",
	    "returned", "resubmitted", "closed", "reopened" };
	static const char *const all[] = { "created", "acknowledged", "comment",
	    "transferred", "returned", "resubmitted", "analysed", "closed",
	    "reopened" };

	assert_int_equal(devfx_report(x, P_EMP, U_VS, "bygg", 2, 0, &d), 0);
	input_init(&in, DA_ACKNOWLEDGE);
	act_ok(x, P_VSL, d.id, &in);
	input_init(&in, DA_COMMENT);
	in.text = "Intern merknad";
	act_ok(x, P_VSL, d.id, &in);
	input_init(&in, DA_TRANSFER);
	in.unit_id = x->unit[U_SH];
	in.reason = "Gjelder sykehjemmet";
	act_ok(x, P_VSL, d.id, &in);
	assert_int_equal(deviation_get(&x->c, d.id, &d), 0);
	assert_int_equal(d.status, DEV_NEW);
	assert_int_equal(d.unit_id, x->unit[U_SH]);
	assert_int_equal(d.handler_unit_id, x->unit[U_SH]);
	/* The deadlines stay. */
	assert_int_equal(d.due_at, T0 + 30 * DAY);
	assert_int_equal(devfx_notes(x, P_SHL, "transferred", d.id), 1);
	/* The old leader no longer sees it; the new one does. */
	devfx_as(x, P_VSL);
	assert_false(authz_dev_can(&x->c, AZ_DEV_VIEW, &d));
	devfx_as(x, P_SHL);
	assert_true(authz_dev_can(&x->c, AZ_DEV_HANDLE, &d));

	input_init(&in, DA_RETURN);
	in.reason = "Mangler beskrivelse";
	act_ok(x, P_SHL, d.id, &in);
	assert_int_equal(devfx_notes(x, P_EMP, "returned", d.id), 1);
	assert_int_equal(deviation_get(&x->c, d.id, &d), 0);
	assert_string_equal(d.return_reason, "Mangler beskrivelse");
	devfx_as(x, P_EMP);
	assert_true(authz_dev_can(&x->c, AZ_DEV_RESUBMIT, &d));
	devfx_as(x, P_EMP2);
	assert_false(authz_dev_can(&x->c, AZ_DEV_RESUBMIT, &d));
	assert_false(authz_dev_can(&x->c, AZ_DEV_VIEW, &d));

	input_init(&in, DA_RESUBMIT);
	in.description = "Bedre beskrivelse";
	act_ok(x, P_EMP, d.id, &in);
	assert_int_equal(deviation_get(&x->c, d.id, &d), 0);
	assert_string_equal(d.description, "Bedre beskrivelse");
	assert_null(d.return_reason);
	assert_int_equal(d.status, DEV_NEW);

	input_init(&in, DA_ANALYSE);
	in.cause = "Slitasje";
	in.consequence = "Ingen skade";
	act_ok(x, P_SHL, d.id, &in);
	input_init(&in, DA_CLOSE);
	in.summary = "Byttet utstyr";
	act_ok(x, P_SHL, d.id, &in);
	assert_int_equal(devfx_notes(x, P_EMP, "closed", d.id), 1);
	assert_int_equal(deviation_get(&x->c, d.id, &d), 0);
	assert_string_equal(d.cause, "Slitasje");
	assert_string_equal(d.summary, "Byttet utstyr");
	assert_int_equal(d.closed_at, x->c.now);
	input_init(&in, DA_REOPEN);
	in.reason = "Skjedde igjen";
	act_ok(x, P_SHL, d.id, &in);

	/* The reporter's view: only the public events, with the reasons. */
	assert_int_equal(deviation_events(&x->c, d.id, 1, &ev, &n), 0);
	assert_int_equal(n, sizeof(pub) / sizeof(pub[0]));
	for (i = 0; i < n; i++) {
		assert_string_equal(ev[i].type, pub[i]);
		assert_true(ev[i].public);
	}
	assert_string_equal(ev[2].text, "Gjelder sykehjemmet");
	assert_string_equal(ev[3].text, "Mangler beskrivelse");
	assert_string_equal(ev[5].text, "Byttet utstyr");
	/* The handler's view: everything, in order, with the actors. */
	assert_int_equal(deviation_events(&x->c, d.id, 0, &ev, &n), 0);
	assert_int_equal(n, sizeof(all) / sizeof(all[0]));
	for (i = 0; i < n; i++)
		assert_string_equal(ev[i].type, all[i]);
	assert_true(ev[1].public);	/* acknowledged: the reporter is told */
	assert_false(ev[2].public);
	assert_string_equal(ev[2].text, "Intern merknad");
	assert_false(ev[6].public);
	assert_int_equal(ev[0].actor_id, x->p[P_EMP].id);
	assert_string_equal(ev[1].actor_name, "vsl");

	/* Notifications are marked read one by one or all at once. */
	{
		struct notification	*v;
		size_t			 k;

		assert_int_equal(notification_list(&x->c, x->p[P_EMP].id, 1, &v,
		    &k), 0);
		/* acknowledged, transferred, returned, closed, reopened */
		assert_int_equal(k, 5);
		assert_string_equal(v[0].number, d.number);
		assert_int_equal(notification_mark_read(&x->c, x->p[P_EMP].id,
		    v[0].id), 0);
		assert_int_equal(notification_unread_count(&x->c, x->p[P_EMP].id), 4);
		/* Someone else's id marks nothing. */
		assert_int_equal(notification_mark_read(&x->c, x->p[P_EMP2].id,
		    v[1].id), 0);
		assert_int_equal(notification_unread_count(&x->c, x->p[P_EMP].id), 4);
		assert_int_equal(notification_mark_read(&x->c, x->p[P_EMP].id, 0), 0);
		assert_int_equal(notification_unread_count(&x->c, x->p[P_EMP].id), 0);
	}
}

/* Ids visible to person who in a list with the scope authz gives. */
static size_t
visible(struct devfx *x, int who, int64_t *ids, size_t max)
{
	struct dev_filter	 f;
	struct deviation	*v;
	size_t			 n, i;
	int64_t			 total;

	devfx_as(x, who);
	memset(&f, 0, sizeof(f));
	f.kind = -1;
	f.scope = authz_dev_scope(&x->c);
	assert_int_equal(deviation_list(&x->c, &f, &v, &n, &total), 0);
	assert_int_equal((int64_t)n, total);
	for (i = 0; i < n && i < max; i++) {
		ids[i] = v[i].id;
		/* The list and the single-object rule agree. */
		assert_true(authz_dev_can(&x->c, AZ_DEV_VIEW, &v[i]));
	}
	return n;
}

static void
test_visibility_in_lists(void **state)
{
	struct devfx		*x = *state;
	struct deviation	 vs1, vs2, sh, oo;
	int64_t			 ids[16];

	assert_int_equal(devfx_report(x, P_EMP, U_VS, "bygg", 2, 0, &vs1), 0);
	x->c.now++;
	assert_int_equal(devfx_report(x, P_EMP2, U_VS, "hms", 2, 0, &vs2), 0);
	x->c.now++;
	assert_int_equal(devfx_report(x, P_SHL, U_SH, "fall", 2, 0, &sh), 0);
	x->c.now++;
	assert_int_equal(devfx_report(x, P_VSL, U_OO, "bygg", 2, 0, &oo), 0);

	/* An employee: their own only, never a colleague's. */
	assert_int_equal(visible(x, P_EMP, ids, 16), 1);
	assert_int_equal(ids[0], vs1.id);
	assert_int_equal(visible(x, P_EMP2, ids, 16), 1);
	assert_int_equal(ids[0], vs2.id);
	devfx_as(x, P_EMP2);
	assert_false(authz_dev_can(&x->c, AZ_DEV_VIEW, &vs1));
	assert_false(authz_dev_can(&x->c, AZ_DEV_HANDLE, &vs2));
	/* The school's leader: the school's, and their own report, newest first. */
	assert_int_equal(visible(x, P_VSL, ids, 16), 3);
	assert_int_equal(ids[0], oo.id);
	assert_int_equal(ids[1], vs2.id);
	assert_int_equal(ids[2], vs1.id);
	/* The sector head: the sector's subtree. */
	assert_int_equal(visible(x, P_SECTOR, ids, 16), 3);
	/* Another sector's leader: only theirs. */
	assert_int_equal(visible(x, P_HOL, ids, 16), 1);
	assert_int_equal(ids[0], sh.id);
	devfx_as(x, P_HOL);
	assert_false(authz_dev_can(&x->c, AZ_DEV_VIEW, &vs1));
	/* Quality and the chief executive: everything. */
	assert_int_equal(visible(x, P_QUALITY, ids, 16), 4);
	assert_int_equal(visible(x, P_CE, ids, 16), 4);
	devfx_as(x, P_QUALITY);
	assert_false(authz_dev_can(&x->c, AZ_DEV_HANDLE, &vs1));
	/* Admin manages the org, not its cases. */
	devfx_as(x, P_ADMIN);
	assert_false(authz_dev_can(&x->c, AZ_DEV_VIEW, &vs1));
	assert_int_equal(visible(x, P_ADMIN, ids, 16), 0);
	/* Anonymous: nothing. */
	devfx_as(x, -1);
	assert_int_equal(authz_dev_scope(&x->c), DEV_SCOPE_NONE);
	assert_false(authz_dev_can(&x->c, AZ_DEV_VIEW, &vs1));
}

static void
test_list_filters_and_pages(void **state)
{
	struct devfx		*x = *state;
	struct dev_filter	 f;
	struct deviation	*v, d;
	struct dev_action_input	 in;
	size_t			 n;
	int64_t			 total;
	int			 i;

	for (i = 0; i < 5; i++) {
		x->c.now = T0 + i;
		assert_int_equal(devfx_report(x, P_EMP, U_VS, i < 3 ? "bygg" : "hms",
		    2, 0, &d), 0);
	}
	x->c.now = T0 + 10;
	assert_int_equal(devfx_report(x, P_EMP, U_SH, "fall", 2, 0, &d), 0);
	input_init(&in, DA_ACKNOWLEDGE);
	act_ok(x, P_SHL, d.id, &in);
	devfx_as(x, P_QUALITY);
	memset(&f, 0, sizeof(f));
	f.kind = -1;
	f.scope = DEV_SCOPE_ALL;
	f.limit = 2;
	assert_int_equal(deviation_list(&x->c, &f, &v, &n, &total), 0);
	assert_int_equal(total, 6);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, d.id);
	assert_string_equal(v[0].unit_name, "Sykehjem");
	assert_string_equal(v[0].category_code, "fall");
	assert_string_equal(v[0].reporter_name, "emp");
	/* Page by page after the cursor: every row once, the last page
	 * without a next; a cursor of another order is refused. */
	{
		char	next[DEV_CURSOR_MAX], after[DEV_CURSOR_MAX];
		int64_t	seen[8];
		size_t	ns = 0, k;

		f.after = NULL;
		do {
			assert_int_equal(deviation_list_page(&x->c, &f, &v, &n,
			    NULL, next), 0);
			for (k = 0; k < n; k++) {
				assert_true(ns < 8);
				seen[ns++] = v[k].id;
			}
			memcpy(after, next, sizeof(after));
			f.after = after;
		} while (next[0] != '\0');
		assert_int_equal(ns, 6);
		for (k = 1; k < ns; k++)
			assert_true(seen[k] < seen[k - 1]);
		f.inbox = 1;
		f.after = "r1.1";
		assert_int_equal(deviation_list_page(&x->c, &f, &v, &n, NULL,
		    next), DEV_ERR_INVALID);
		f.inbox = 0;
		f.after = "r1.x";
		assert_int_equal(deviation_list_page(&x->c, &f, &v, &n, NULL,
		    next), DEV_ERR_INVALID);
		f.after = NULL;
	}
	f.limit = 0;
	f.category = "hms";
	assert_int_equal(deviation_list(&x->c, &f, &v, &n, &total), 0);
	assert_int_equal(total, 2);
	f.category = NULL;
	f.unit_id = x->unit[U_HO];	/* the subtree */
	assert_int_equal(deviation_list(&x->c, &f, &v, &n, &total), 0);
	assert_int_equal(total, 1);
	f.unit_id = 0;
	f.status = "in_progress";
	assert_int_equal(deviation_list(&x->c, &f, &v, &n, &total), 0);
	assert_int_equal(total, 1);
	f.status = "new";
	assert_int_equal(deviation_list(&x->c, &f, &v, &n, &total), 0);
	assert_int_equal(total, 5);
	f.status = NULL;
	f.from = T0 + 2;
	f.to = T0 + 4;
	assert_int_equal(deviation_list(&x->c, &f, &v, &n, &total), 0);
	assert_int_equal(total, 3);
	f.from = f.to = 0;
	f.kind = DEV_IMPROVEMENT;
	assert_int_equal(deviation_list(&x->c, &f, &v, &n, &total), 0);
	assert_int_equal(total, 0);
	f.kind = -1;
	/* Overdue after the acknowledge deadline: the five still new. */
	x->c.now = T0 + 49 * HOUR;
	f.overdue = 1;
	assert_int_equal(deviation_list(&x->c, &f, &v, &n, &total), 0);
	assert_int_equal(total, 5);
	assert_true(v[0].overdue);
	/* The inbox: overdue first. */
	memset(&f, 0, sizeof(f));
	f.kind = -1;
	f.inbox = 1;
	devfx_as(x, P_SECTOR);
	f.scope = authz_dev_scope(&x->c);
	assert_int_equal(deviation_list(&x->c, &f, &v, &n, &total), 0);
	assert_int_equal(total, 5);
	f.mine = 1;
	assert_int_equal(deviation_list(&x->c, &f, &v, &n, &total), 0);
	assert_int_equal(total, 0);
}

/* SQLite's plan of the list statement of f (count: its capped count), the
 * detail of every step joined by "; ", into buf. */
static void
list_plan(struct devfx *x, const struct dev_filter *f, int count, char *buf,
    size_t len)
{
	static char	 sql[20000];
	struct dbstmt	*st;
	size_t		 used = 0;
	const char	*d;
	int		 rc;

	memcpy(sql, "EXPLAIN QUERY PLAN ", 19);
	assert_int_equal(dev_list_sql(&x->c, f, count, sql + 19,
	    sizeof(sql) - 19), 0);
	assert_int_equal(db_prepare_dynamic(x->c.conn, x->tenant, sql, &st),
	    DB_OK);
	buf[0] = '\0';
	while ((rc = db_step(st)) == DB_ROW) {
		d = db_col_text(st, 3);
		used += (size_t)snprintf(buf + used, len - used, "%s; ",
		    d != NULL ? d : "");
		assert_true(used < len);
	}
	assert_int_equal(rc, DB_DONE);
	db_reset(st);
}

/* The deadline a list shows and sorts by (list.c DEV_SQL_DEADLINE). */
#define DEV_TEST_DEADLINE \
    "(CASE WHEN d.status = 'new' AND d.ack_due_at > 0 AND (d.due_at IS NULL" \
    " OR d.due_at <= 0 OR d.ack_due_at < d.due_at) THEN d.ack_due_at" \
    " WHEN d.due_at > 0 THEN d.due_at ELSE 9223372036854775807 END)"

/* The overdue list's count is read from the open rows' index alone
 * (deviations_open_rows, every column it filters on), where on the
 * deadline index each overdue row was looked up in the table; its page
 * still seeks the deadline index and stops, and the inbox keeps its own
 * index (a wider deadline index that served the count drew the inbox off
 * deviations_inbox, migration 0072). SQLite's plans here have no
 * statistics to go by (no ANALYZE), so they are the same at any size. */
static void
test_overdue_count_plan(void **state)
{
	struct devfx		*x = *state;
	struct dev_filter	 f;
	char			 plan[4096];

	devfx_as(x, P_CE);
	memset(&f, 0, sizeof(f));
	f.kind = -1;
	f.scope = authz_dev_scope(&x->c);
	f.overdue = 1;
	list_plan(x, &f, 1, plan, sizeof(plan));
	assert_non_null(strstr(plan,
	    "USING COVERING INDEX deviations_open_rows"));
	assert_null(strstr(plan, "deviations_open_deadline"));
	list_plan(x, &f, 0, plan, sizeof(plan));
	assert_non_null(strstr(plan, "deviations_open_deadline (tenant_id=? AND"
	    " <expr><?)"));
	/* A sector's (a unit filter) and a category's, too. */
	f.unit_id = x->unit[U_OO];
	f.category = "fall";
	list_plan(x, &f, 1, plan, sizeof(plan));
	assert_non_null(strstr(plan,
	    "USING COVERING INDEX deviations_open_rows"));
	/* A unit leader's inbox: page and count on deviations_inbox. */
	devfx_as(x, P_VSL);
	memset(&f, 0, sizeof(f));
	f.kind = -1;
	f.scope = authz_dev_scope(&x->c);
	f.inbox = 1;
	list_plan(x, &f, 0, plan, sizeof(plan));
	assert_non_null(strstr(plan, "INDEX deviations_inbox"));
	list_plan(x, &f, 1, plan, sizeof(plan));
	assert_non_null(strstr(plan, "INDEX deviations_inbox"));
	assert_null(strstr(plan, "deviations_open_rows"));
}

/* A page shown as a table (dev_filter.table, the web list) reads the
 * deviations alone, no category, unit or reporter joined and none of the
 * long texts (PostgreSQL's page read three lookups a row, bench/why.md
 * w21-pgread), and its rows still carry the names the table shows, from
 * the lists the page read; a unit or category missing from those (made
 * since) is asked for. */
static void
test_table_page_reads_deviations_alone(void **state)
{
	struct devfx		*x = *state;
	struct dev_filter	 f;
	struct dev_filter_known	 known, none;
	struct unit		*units;
	struct category		*cats;
	struct deviation	*full, *v;
	size_t			 nunits, ncats, nfull, n, i;
	int64_t			 total, t;
	int			 round;
	struct deviation	 d;
	static char		 sql[20000];

	assert_int_equal(devfx_report(x, P_EMP, U_VS, "bygg", 2, 0, &d), 0);
	assert_int_equal(devfx_report(x, P_EMP, U_AV, "hms", 2, 1, &d), 0);
	assert_int_equal(devfx_report(x, P_VSL, U_OO, "fall", 2, 0, &d), 0);
	devfx_as(x, P_CE);
	assert_int_equal(dev_units_categories(&x->c, NULL, 0, &units, &nunits, &cats,
	    &ncats), 0);
	assert_true(nunits > 0 && ncats > 0);
	known.units = units;
	known.nunits = nunits;
	known.cats = cats;
	known.ncats = ncats;
	memset(&f, 0, sizeof(f));
	f.kind = -1;
	f.scope = authz_dev_scope(&x->c);
	assert_int_equal(dev_list_sql(&x->c, &f, 0, sql, sizeof(sql)), 0);
	assert_non_null(strstr(sql, "JOIN categories"));
	assert_int_equal(deviation_list(&x->c, &f, &full, &nfull, &total), 0);
	assert_true(nfull > 1);

	f.table = &known;
	assert_int_equal(dev_list_sql(&x->c, &f, 0, sql, sizeof(sql)), 0);
	assert_null(strstr(sql, "JOIN categories"));
	assert_null(strstr(sql, "JOIN units"));
	assert_null(strstr(sql, "JOIN people"));
	assert_null(strstr(sql, "d.description"));
	none = known;
	none.nunits = none.ncats = 0;
	for (round = 0; round < 2; round++) {
		f.table = round == 0 ? &known : &none;
		assert_int_equal(deviation_list(&x->c, &f, &v, &n, &t), 0);
		assert_int_equal(n, nfull);
		assert_int_equal(t, total);
		for (i = 0; i < n; i++) {
			assert_int_equal(v[i].id, full[i].id);
			assert_string_equal(v[i].number, full[i].number);
			assert_string_equal(v[i].title, full[i].title);
			assert_string_equal(v[i].unit_name, full[i].unit_name);
			if (full[i].category_name == NULL)
				assert_null(v[i].category_name);
			else {
				assert_string_equal(v[i].category_name,
				    full[i].category_name);
				assert_string_equal(v[i].category_code,
				    full[i].category_code);
			}
			assert_int_equal(v[i].category_safety,
			    full[i].category_safety);
			assert_int_equal(v[i].status, full[i].status);
			assert_int_equal(v[i].overdue, full[i].overdue);
			assert_string_equal(v[i].description, "");
			assert_null(v[i].reporter_name);
		}
	}
}

/* The chief executive's inbox page: the arm of what is routed to their
 * role reads the open rows' index (it holds the role) and sorts the few
 * it finds; before, it walked every open deviation by deadline, reading
 * each row for its role (70-97 ms at 1,000,000, bench/why.md). The arm
 * of the units led keeps its walk by deadline, which stops at the page. */
static void
test_inbox_routed_arm_plan(void **state)
{
	struct devfx		*x = *state;
	struct dev_filter	 f;
	char			 plan[8192];

	devfx_as(x, P_CE);
	memset(&f, 0, sizeof(f));
	f.kind = -1;
	f.scope = authz_dev_scope(&x->c);
	f.inbox = 1;
	list_plan(x, &f, 0, plan, sizeof(plan));
	assert_non_null(strstr(plan, "INDEX deviations_open_rows (tenant_id=? AND"
	    " status=?)"));
	assert_non_null(strstr(plan, "deviations_open_deadline"));
	/* Once: the led arm's, not the routed one's too. */
	assert_null(strstr(strstr(plan, "deviations_open_deadline") + 1,
	    "deviations_open_deadline"));
}

/*
 * A unit leader's overdue list (the leader of one unit with none under
 * it): the arm of the unit seeks the inbox's index by unit and deadline,
 * the arm of their own reports reads the open rows' index; before, both
 * walked every overdue row of the municipality by deadline
 * (deviations_open_deadline) and kept the leader's, 35-45 ms at 1,000,000
 * (bench/why.md, w18-dash and w19-read). The rows, their order, the cursor
 * and the count are those of a recount in SQL: their own reports in any
 * unit, the unit's rows (not those routed to a role), no closed one, none
 * whose deadline has not passed.
 */
static void
test_overdue_led_unit(void **state)
{
	struct devfx		*x = *state;
	struct dev_filter	 f;
	struct deviation	*v, d;
	struct dev_action_input	 in;
	struct dbstmt		*st;
	char			 plan[8192], next[DEV_CURSOR_MAX], after[DEV_CURSOR_MAX];
	int64_t			 want[64], total;
	size_t			 n, nwant = 0, ns = 0, k;
	int			 i;

	for (i = 0; i < 24; i++) {
		x->c.now = T0 + i * 3600;
		/* Rows of VS (emp's), vsl's own elsewhere, and others'
		 * elsewhere; acknowledged (the deadline to close), closed,
		 * and of two deadlines to acknowledge (24 h and 48 h). */
		assert_int_equal(devfx_report(x, i % 3 == 1 ? P_VSL : P_EMP,
		    i % 3 == 0 ? U_VS : U_SH, i % 2 ? "personvern" : "bygg",
		    2, 0, &d), 0);
		if (i % 4 == 3) {
			input_init(&in, DA_ACKNOWLEDGE);
			act_ok(x, i % 3 == 0 ? P_VSL : P_SHL, d.id, &in);
		} else if (i % 8 == 6) {
			input_init(&in, DA_CLOSE);
			in.summary = "Ryddet";
			act_ok(x, i % 3 == 0 ? P_VSL : P_SHL, d.id, &in);
		}
	}
	/* Past every deadline to acknowledge, before any to close. */
	x->c.now = T0 + 4 * DAY;
	devfx_as(x, P_VSL);
	memset(&f, 0, sizeof(f));
	f.kind = -1;
	f.scope = authz_dev_scope(&x->c);
	f.overdue = 1;
	list_plan(x, &f, 0, plan, sizeof(plan));
	assert_non_null(strstr(plan, "INDEX deviations_inbox (tenant_id=? AND"
	    " handler_unit_id=? AND <expr><?)"));
	assert_non_null(strstr(plan, "INDEX deviations_open_rows"));
	assert_null(strstr(plan, "deviations_open_deadline"));
	list_plan(x, &f, 1, plan, sizeof(plan));
	assert_null(strstr(plan, "deviations_open_deadline"));

	assert_int_equal(db_prepare(x->c.conn, "SELECT d.id FROM deviations d"
	    " WHERE d.tenant_id = $1 AND d.status <> 'closed'"
	    " AND (d.reporter_id = $2 OR (d.handler_role IS NULL"
	    " AND d.handler_unit_id = $3)) AND " DEV_TEST_DEADLINE " < $4"
	    " ORDER BY " DEV_TEST_DEADLINE ", d.id", &st), DB_OK);
	db_bind_int(st, 1, x->tenant);
	db_bind_int(st, 2, x->p[P_VSL].id);
	db_bind_int(st, 3, x->unit[U_VS]);
	db_bind_int(st, 4, x->c.now);
	while (db_step(st) == DB_ROW) {
		assert_true(nwant < 64);
		want[nwant++] = db_col_int(st, 0);
	}
	db_reset(st);
	/* Both arms and both deadlines. */
	assert_true(nwant >= 8);
	assert_true(nwant < 24);

	f.limit = 3;
	f.after = NULL;
	do {
		assert_int_equal(deviation_list_page(&x->c, &f, &v, &n, &total,
		    next), 0);
		assert_int_equal(total, (int64_t)nwant);
		for (k = 0; k < n; k++) {
			assert_true(ns < nwant);
			assert_int_equal(v[k].id, want[ns]);
			assert_true(v[k].overdue);
			ns++;
		}
		memcpy(after, next, sizeof(after));
		f.after = after;
	} while (next[0] != '\0');
	assert_int_equal(ns, nwant);
}

/*
 * The inbox count of a set of led units (the chief executive's, a sector
 * head's) is read from indexes alone: the open rows' index for the arm of
 * the units led, and the rows about a leader hidden from the person as a
 * set from deviations_concerns_leader (migration 0082); before, each open
 * row of the units led was read from the table for concerns_leader
 * (45-130 ms for the chief executive at 1,000,000, bench/why.md). The
 * count is the page's: a row about a leader routed to the unit above is
 * hidden from the leader it concerns who also leads that unit, and shown
 * to the chief executive.
 */
static void
test_inbox_led_count_plan(void **state)
{
	struct devfx		*x = *state;
	struct dev_filter	 f;
	struct deviation	*v, d;
	char			 plan[8192];
	size_t			 n;
	int64_t			 total;
	int			 i;

	/* vsl also heads the sector above (acting): a set of units. */
	assert_true(org_role_grant(&x->c, x->p[P_VSL].id, ROLE_LEADER,
	    x->unit[U_OO]) > 0);
	for (i = 0; i < 3; i++)
		assert_int_equal(devfx_report(x, P_EMP, U_VS, "bygg", 2, 0, &d), 0);
	assert_int_equal(devfx_report(x, P_EMP, U_VS, "bygg", 2, 1, &d), 0);
	assert_int_equal(d.handler_unit_id, x->unit[U_OO]);
	assert_int_equal(devfx_report(x, P_EMP, U_SH, "bygg", 2, 0, &d), 0);

	devfx_as(x, P_CE);
	memset(&f, 0, sizeof(f));
	f.kind = -1;
	f.scope = authz_dev_scope(&x->c);
	f.inbox = 1;
	list_plan(x, &f, 1, plan, sizeof(plan));
	assert_non_null(strstr(plan, "COVERING INDEX deviations_open_rows"));
	assert_non_null(strstr(plan, "COVERING INDEX deviations_concerns_leader"));
	assert_null(strstr(plan, "deviations_inbox"));
	assert_int_equal(deviation_list(&x->c, &f, &v, &n, &total), 0);
	assert_int_equal(total, 5);
	assert_int_equal(n, 5);

	devfx_as(x, P_VSL);
	memset(&f, 0, sizeof(f));
	f.kind = -1;
	f.scope = authz_dev_scope(&x->c);
	f.inbox = 1;
	list_plan(x, &f, 1, plan, sizeof(plan));
	assert_non_null(strstr(plan, "deviations_concerns_leader"));
	assert_int_equal(deviation_list(&x->c, &f, &v, &n, &total), 0);
	assert_int_equal(total, 3);
	assert_int_equal(n, 3);
}

/* The next step of a plan from list_plan that reads deviations d (a SEARCH
 * or SCAN of d), cut out of *cur in place; NULL after the last. */
static char *
d_step(char **cur)
{
	char	*step, *next;

	for (step = *cur; step != NULL && *step != '\0'; step = next) {
		if ((next = strstr(step, "; ")) != NULL) {
			*next = '\0';
			next += 2;
		}
		*cur = next;
		if (strncmp(step, "SEARCH d ", 9) == 0 ||
		    strcmp(step, "SCAN d") == 0 ||
		    strncmp(step, "SCAN d ", 7) == 0)
			return step;
	}
	*cur = NULL;
	return NULL;
}

/*
 * A list's capped count with a status filter seeks the status in an
 * index, for every status form and every kind of reader: the whole
 * municipality's (chief executive, quality) by (tenant_id, status) on
 * deviations_due, the arm of the units a leader leads by (tenant_id,
 * handler_unit_id, status) on deviations_handler, a person's own reports
 * by reporter, a unit filter by its units. Without those two indexes the
 * count walks the municipality's or each led unit's rows for the few of
 * a status: 14-58 ms at 200,000 where the seek took 0.02-8 ms
 * (bench/why.md, w20-idx). They looked unused to a scan of the fixed
 * statements; this says which statements need them. SQLite's plans here
 * have no statistics (no ANALYZE), so they are the plans at any size.
 */
static void
test_status_count_plans(void **state)
{
	static const char *const statuses[] = { "new", "acknowledged",
	    "returned", "closed", "open", "in_progress", "not_closed" };
	static const int	 people[] = { P_CE, P_QUALITY, P_SECTOR, P_VSL,
	    P_EMP };
	struct devfx		*x = *state;
	struct dev_filter	 f;
	char			 plan[16384], *step, *next;
	size_t			 i, j, u, n = 0;

	for (i = 0; i < sizeof(people) / sizeof(people[0]); i++)
	for (j = 0; j < sizeof(statuses) / sizeof(statuses[0]); j++)
	for (u = 0; u < 2; u++) {
		devfx_as(x, people[i]);
		memset(&f, 0, sizeof(f));
		f.kind = -1;
		f.scope = authz_dev_scope(&x->c);
		f.status = statuses[j];
		/* No unit, or a sector (its units' rows). */
		f.unit_id = u ? x->unit[U_OO] : 0;
		list_plan(x, &f, 1, plan, sizeof(plan));
		/* Each step that reads deviations d seeks on the status, on
		 * the reporter (one's own reports: few), or on the unit
		 * filter's units; not on the municipality, a handler unit
		 * or a set of them alone, keeping the few of a status. */
		for (next = plan; (step = d_step(&next)) != NULL;) {
			if (strstr(step, "status=") == NULL &&
			    strstr(step, "reporter_id=") == NULL &&
			    (!u || strstr(step, "AND unit_id=?") == NULL))
				fail_msg("person %d, status %s, filter %zu: %s",
				    people[i], statuses[j], u, step);
			n++;
		}
	}
	assert_true(n >= sizeof(people) / sizeof(people[0]) *
	    sizeof(statuses) / sizeof(statuses[0]) * 2);
}

/*
 * The list of one handler unit (the dashboard's "by leader" table's links)
 * seeks that unit, for its page and its count, for the whole
 * municipality's readers: SQLite took the partial index's own term
 * "handler_unit_id > 0" as a range and walked every row of the
 * municipality (the chief executive's page of one unit 146 ms, its count
 * 224 ms at 1,000,000; bench/why.md, w20-idx).
 */
static void
test_handler_filter_plan(void **state)
{
	static const int	 people[] = { P_CE, P_QUALITY, P_SECTOR };
	struct devfx		*x = *state;
	struct dev_filter	 f;
	char			 plan[16384], *step, *next;
	size_t			 i, n = 0;
	int			 count;

	for (i = 0; i < sizeof(people) / sizeof(people[0]); i++)
	for (count = 0; count < 2; count++) {
		devfx_as(x, people[i]);
		memset(&f, 0, sizeof(f));
		f.kind = -1;
		f.scope = authz_dev_scope(&x->c);
		f.handler_unit_id = x->unit[U_VS];
		list_plan(x, &f, count, plan, sizeof(plan));
		for (next = plan; (step = d_step(&next)) != NULL;) {
			/* The page's late join reads each row of the
			 * page by its id. */
			if (strstr(step, "(rowid=?)") != NULL)
				continue;
			if (strstr(step, "handler_unit_id=?") == NULL &&
			    strstr(step, "reporter_id=?") == NULL)
				fail_msg("person %d, count %d: %s", people[i],
				    count, step);
			n++;
		}
	}
	assert_true(n >= sizeof(people) / sizeof(people[0]) * 2);
}

static void
test_audit_read_personal_data(void **state)
{
	struct devfx		*x = *state;
	struct dev_report	 r;
	struct deviation	 d;
	const char		*field;
	int64_t			 before;

	memset(&r, 0, sizeof(r));
	r.kind = DEV_DEVIATION;
	r.title = "Sendt til feil mottaker";
	r.description = "E-post med personopplysninger";
	r.category = "personvern";
	r.unit_id = x->unit[U_VS];
	r.personal_data = 1;
	devfx_as(x, P_EMP);
	assert_int_equal(deviation_report(&x->c, &r, &d, &field), 0);
	before = count_rows(x, "SELECT COUNT(*) FROM audit_log WHERE action = 'deviation_read'");
	deviation_audit_read(&x->c, &d);	/* the reporter: not audited */
	assert_int_equal(count_rows(x, "SELECT COUNT(*) FROM audit_log WHERE action = 'deviation_read'"), before);
	devfx_as(x, P_VSL);
	deviation_audit_read(&x->c, &d);
	assert_int_equal(count_rows(x, "SELECT COUNT(*) FROM audit_log WHERE action = 'deviation_read'"), before + 1);
	r.personal_data = 0;
	r.category = "bygg";
	devfx_as(x, P_EMP);
	assert_int_equal(deviation_report(&x->c, &r, &d, &field), 0);
	devfx_as(x, P_VSL);
	deviation_audit_read(&x->c, &d);
	assert_int_equal(count_rows(x, "SELECT COUNT(*) FROM audit_log WHERE action = 'deviation_read'"), before + 1);
}

static void
test_categories(void **state)
{
	struct devfx	*x = *state;
	struct category	*v, c;
	size_t		 n;
	int64_t		 id;

	assert_int_equal(dev_category_list(&x->c, 0, &v, &n), 0);
	assert_int_equal(n, 8);
	assert_string_equal(v[0].code, "bruker");
	assert_string_equal(v[0].name, "Barn/elev/bruker");
	assert_int_equal(dev_category_by_code(&x->c, "personvern", &c), 0);
	assert_string_equal(c.name, "Informasjonssikkerhet og personvern");
	assert_string_equal(c.legal, "gdpr33");
	assert_int_equal(c.ack_hours, 24);
	assert_int_equal(c.close_days, 14);
	assert_int_equal(dev_category_by_code(&x->c, "hms", &c), 0);
	assert_string_equal(c.legal, "aml52");
	assert_int_equal(dev_category_by_code(&x->c, "bygg", &c), 0);
	assert_null(c.legal);

	/* A municipality renames one; seeding again keeps its name and adds
	 * nothing. */
	devfx_as(x, P_QUALITY);
	c.name = "Bygg, inventar og utstyr";
	assert_int_equal(dev_category_save(&x->c, &c), c.id);
	assert_int_equal(dev_categories_seed(&x->c), 0);
	assert_int_equal(dev_categories_seed(&x->c), 0);
	assert_int_equal(dev_category_list(&x->c, 1, &v, &n), 0);
	assert_int_equal(n, 8);
	assert_int_equal(dev_category_get(&x->c, c.id, &c), 0);
	assert_string_equal(c.name, "Bygg, inventar og utstyr");

	/* New, duplicate, invalid; an inactive one is listed only on request
	 * and cannot be reported in. */
	memset(&c, 0, sizeof(c));
	c.code = "skole-ikt";
	c.name = "IKT i skolen";
	c.ack_hours = 24;
	c.close_days = 10;
	c.active = 0;
	assert_true((id = dev_category_save(&x->c, &c)) > 0);
	assert_int_equal(dev_category_save(&x->c, &c), DB_CONSTRAINT);
	c.code = "Ugyldig kode";
	assert_int_equal(dev_category_save(&x->c, &c), DEV_ERR_INVALID);
	c.code = "ok";
	c.legal = "noe";
	assert_int_equal(dev_category_save(&x->c, &c), DEV_ERR_INVALID);
	assert_int_equal(dev_category_list(&x->c, 0, &v, &n), 0);
	assert_int_equal(n, 8);
	assert_int_equal(dev_category_list(&x->c, 1, &v, &n), 0);
	assert_int_equal(n, 9);
	{
		struct deviation d;

		assert_int_equal(devfx_report(x, P_EMP, U_VS, "skole-ikt", 1, 0,
		    &d), DEV_ERR_INVALID);
	}
	assert_true(count_rows(x, "SELECT COUNT(*) FROM audit_log WHERE action"
	    " IN ('category_create', 'category_update')") == 2);
}

static void
test_names(void **state)
{
	enum dev_kind	k;
	enum dev_status	s;
	enum dev_action	a;
	int		i;

	(void)state;
	for (i = 0; i < DA_MAX; i++) {
		assert_int_equal(dev_action_parse(dev_action_name((enum dev_action)i), &a), 0);
		assert_int_equal(a, i);
	}
	assert_int_equal(dev_action_parse("add_measure", &a), 0);
	assert_int_equal(a, DA_ADD_MEASURE);
	assert_int_equal(dev_action_parse("delete", &a), -1);
	assert_int_equal(dev_kind_parse("improvement", &k), 0);
	assert_int_equal(k, DEV_IMPROVEMENT);
	assert_int_equal(dev_kind_parse("avvik", &k), -1);
	assert_int_equal(dev_status_parse("returned", &s), 0);
	assert_string_equal(dev_status_group(s), "in_progress");
	assert_string_equal(dev_status_group(DEV_NEW), "open");
	assert_string_equal(dev_status_group(DEV_CLOSED), "closed");
	assert_null(dev_status_name(DEV_STATUS_MAX));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_numbering_per_tenant_and_year, setup, teardown),
		cmocka_unit_test_setup_teardown(test_report_validation_stores_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_routing_to_unit_leader, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concerns_leader_goes_above, setup, teardown),
		cmocka_unit_test_setup_teardown(test_deadlines_from_category_and_settings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_legal_clocks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_state_machine, setup, teardown),
		cmocka_unit_test_setup_teardown(test_action_input_checked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flow_events_and_notifications, setup, teardown),
		cmocka_unit_test_setup_teardown(test_visibility_in_lists, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_filters_and_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_audit_read_personal_data, setup, teardown),
		cmocka_unit_test_setup_teardown(test_categories, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overdue_count_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inbox_routed_arm_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overdue_led_unit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inbox_led_count_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_status_count_plans, setup, teardown),
		cmocka_unit_test_setup_teardown(test_handler_filter_plan, setup, teardown),
		cmocka_unit_test_setup_teardown(test_table_page_reads_deviations_alone, setup, teardown),
		cmocka_unit_test(test_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
