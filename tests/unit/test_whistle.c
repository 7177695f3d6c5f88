/* test_whistle.c: handling a whistleblowing case. The state machine and its
 * refusals, the impartiality lock, recusal, messages both ways (receipt
 * code and account), receipt login throttling, the closing notice as the
 * only news a reporter gets, reminders, and statistics with "<3". */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "wb_fixture.h"

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

static int64_t
report_as(struct wbfx *x, int who, struct wb_report *r, struct wb_receipt *rec)
{
	const char	*err = NULL;
	int		 rc;

	wbfx_as(x, who);
	rc = whistle_report(&x->c, r, rec, &err);
	if (rc != 0)
		fail_msg("report: %d (%s)", rc, err ? err : "-");
	wbfx_as(x, -1);
	return rec->id;
}

static int
act_in(struct wbfx *x, int who, int64_t id, const struct wb_action_input *in)
{
	const char	*err = NULL;
	int		 rc;

	wbfx_as(x, who);
	rc = whistle_act(&x->c, id, x->sk[who], in, &err);
	wbfx_as(x, -1);
	return rc;
}

static int
act(struct wbfx *x, int who, int64_t id, enum wb_action a, const char *text)
{
	struct wb_action_input in;

	memset(&in, 0, sizeof(in));
	in.action = a;
	in.text = text;
	in.reason = text;
	return act_in(x, who, id, &in);
}

static enum wb_state
state_of(struct wbfx *x, int who, int64_t id)
{
	struct wb_case c;

	wbfx_as(x, who);
	assert_int_equal(whistle_case_get(&x->c, id, &c), 0);
	wbfx_as(x, -1);
	return c.state;
}

/* A report at 00:30 on 1 January in Oslo (23:30 UTC the day before) is
 * numbered in the new year. */
static void
number_takes_the_local_year(void **state)
{
	struct wbfx		*x = *state;
	struct wb_report	 r;
	struct wb_receipt	 rec;

	x->c.now = 1767223800;		/* 2025-12-31T23:30:00Z */
	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "emp2");
	(void)report_as(x, WP_EMP, &r, &rec);
	assert_string_equal(rec.number, "VA-2026-0001");
}

static void
full_flow_and_refusals(void **state)
{
	struct wbfx		*x = *state;
	struct wb_report	 r;
	struct wb_receipt	 rec;
	struct wb_action_input	 in;
	struct wb_case		 c;
	struct wb_event		*ev;
	size_t			 n, i;
	int64_t			 id;
	int			 saw_step = 0, saw_report = 0;

	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "emp2");
	id = report_as(x, WP_EMP, &r, &rec);
	assert_true(strncmp(rec.number, "VA-2026-", 8) == 0);
	assert_int_equal(strlen(rec.number), strlen("VA-2026-0001"));
	assert_string_equal(rec.code, "");	/* an account: no receipt code */
	/* The handler got a notification with the number only. */
	assert_int_equal(fixture_int(x->f.conn, "SELECT COUNT(*) FROM notifications"
	    " WHERE kind = 'whistle' AND text LIKE '%VA-2026-0001%'"), 1);

	/* Locked before the declaration of impartiality. */
	wbfx_as(x, WP_VSL);
	assert_int_equal(whistle_case_open(&x->c, id, x->sk[WP_VSL], &c),
	    WB_ERR_LOCKED);
	assert_int_equal(whistle_events(&x->c, id, x->sk[WP_VSL], &ev, &n),
	    WB_ERR_LOCKED);
	wbfx_as(x, -1);
	assert_int_equal(act(x, WP_VSL, id, WA_ACKNOWLEDGE, NULL), WB_ERR_LOCKED);
	assert_int_equal(act(x, WP_VSL, id, WA_DECLARE_IMPARTIAL, NULL), 0);
	wbfx_as(x, WP_VSL);
	assert_int_equal(whistle_case_open(&x->c, id, x->sk[WP_VSL], &c), 0);
	assert_non_null(c.content);
	assert_string_equal(c.content->what, "Det som skjedde");
	assert_string_equal(c.content->reporter_name, "Erle Ansatt");
	assert_int_equal(c.my_impartiality, 1);
	/* A wrong secret key does not open it. */
	assert_int_equal(whistle_case_open(&x->c, id, x->sk[WP_EMP], &c),
	    WB_ERR_LOCKED);
	wbfx_as(x, -1);

	/* Order is enforced. */
	assert_int_equal(act(x, WP_VSL, id, WA_INVESTIGATE, NULL), WB_ERR_STATE);
	assert_int_equal(act(x, WP_VSL, id, WA_ACKNOWLEDGE, NULL), 0);
	assert_int_equal(state_of(x, WP_VSL, id), WB_ACKNOWLEDGED);
	assert_int_equal(act(x, WP_VSL, id, WA_ACKNOWLEDGE, NULL), WB_ERR_STATE);
	assert_int_equal(act(x, WP_VSL, id, WA_INVESTIGATE, NULL), 0);
	memset(&in, 0, sizeof(in));
	in.action = WA_LOG_STEP;
	in.kind = "care";
	in.text = "Samtale med varsler om hvordan det går";
	assert_int_equal(act_in(x, WP_VSL, id, &in), 0);
	in.kind = "nonsense";
	assert_int_equal(act_in(x, WP_VSL, id, &in), WB_ERR_INVALID);
	/* No conclusion before the accused was heard. */
	memset(&in, 0, sizeof(in));
	in.action = WA_CONCLUDE;
	in.report = "Rapport";
	in.conclusion = "Konklusjon";
	in.outcome = "partly";
	assert_int_equal(act_in(x, WP_VSL, id, &in), WB_ERR_STATE);
	assert_int_equal(act(x, WP_VSL, id, WA_ACCUSED_HEARD,
	    "Den det varsles på har gitt sin versjon"), 0);
	in.outcome = "maybe";
	assert_int_equal(act_in(x, WP_VSL, id, &in), WB_ERR_INVALID);
	in.outcome = "partly";
	assert_int_equal(act_in(x, WP_VSL, id, &in), 0);
	/* No closing before archiving. */
	assert_int_equal(act(x, WP_VSL, id, WA_CLOSE, NULL), WB_ERR_STATE);
	memset(&in, 0, sizeof(in));
	in.action = WA_ARCHIVE;
	assert_int_equal(act_in(x, WP_VSL, id, &in), WB_ERR_INVALID);
	in.archive_ref = "2026/123-4";
	assert_int_equal(act_in(x, WP_VSL, id, &in), 0);
	assert_int_equal(act(x, WP_VSL, id, WA_CLOSE, NULL), 0);
	wbfx_as(x, WP_VSL);
	assert_int_equal(whistle_case_get(&x->c, id, &c), 0);
	assert_int_equal(c.state, WB_CLOSED);
	assert_string_equal(c.outcome, "partly");
	assert_string_equal(c.archive_ref, "2026/123-4");
	assert_string_equal(c.exemption_basis, "Offl. § 13 jf. fvl. § 13");
	assert_true(c.closed_at > 0);
	/* The dated log, decrypted. */
	assert_int_equal(whistle_events(&x->c, id, x->sk[WP_VSL], &ev, &n), 0);
	for (i = 0; i < n; i++) {
		if (strcmp(ev[i].type, "step_care") == 0) {
			saw_step = 1;
			assert_string_equal(ev[i].text,
			    "Samtale med varsler om hvordan det går");
		}
		if (strcmp(ev[i].type, "report") == 0)
			saw_report = ev[i].text != NULL &&
			    strcmp(ev[i].text, "Rapport") == 0;
	}
	assert_true(saw_step);
	assert_true(saw_report);
	wbfx_as(x, -1);
	/* Nothing more once closed. */
	assert_int_equal(act(x, WP_VSL, id, WA_MESSAGE, "Hei"), WB_ERR_STATE);
	/* Every content read was audited, without detail. */
	assert_true(fixture_int(x->f.conn, "SELECT COUNT(*) FROM audit_log"
	    " WHERE action = 'whistle_read' AND object_type = 'whistle_case'"
	    " AND detail IS NULL") >= 2);
}

static void
account_reporter_sees_ack_and_close_only(void **state)
{
	struct wbfx		*x = *state;
	struct wb_report	 r;
	struct wb_receipt	 rec;
	struct wb_reporter_view	*v;
	struct wb_action_input	 in;
	unsigned char		 key[VAULT_KEY];
	size_t			 n, i;
	int64_t			 id;

	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "emp2");
	id = report_as(x, WP_EMP, &r, &rec);
	assert_int_equal(act(x, WP_VSL, id, WA_DECLARE_IMPARTIAL, NULL), 0);
	assert_int_equal(act(x, WP_VSL, id, WA_ACKNOWLEDGE, NULL), 0);
	assert_int_equal(act(x, WP_VSL, id, WA_MESSAGE,
	    "Kan du si mer om når det skjedde?"), 0);

	/* The reporter finds it by their own key; others find nothing. */
	wbfx_as(x, WP_EMP2);
	assert_int_equal(whistle_reporter_cases(&x->c, x->sk[WP_EMP2], &v, &n), 0);
	assert_int_equal(n, 0);
	wbfx_as(x, WP_EMP);
	assert_int_equal(whistle_reporter_cases(&x->c, x->sk[WP_EMP], &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].number, rec.number);
	assert_string_equal(v[0].state, "acknowledged");
	assert_int_equal(v[0].nmessages, 2);
	assert_int_equal(v[0].messages[0].from_reporter, 0);
	assert_string_equal(v[0].messages[1].text, "Kan du si mer om når det skjedde?");
	/* The reporter answers. */
	assert_int_equal(whistle_reporter_key(&x->c, id, x->sk[WP_EMP], key), 0);
	assert_int_equal(whistle_reporter_message(&x->c, id, key,
	    "Det var i februar"), 0);
	wbfx_as(x, WP_EMP2);
	assert_int_equal(whistle_reporter_key(&x->c, id, x->sk[WP_EMP2], key),
	    WB_ERR_NOTFOUND);
	wbfx_as(x, -1);

	/* Handling to the end. */
	assert_int_equal(act(x, WP_VSL, id, WA_INVESTIGATE, NULL), 0);
	assert_int_equal(act(x, WP_VSL, id, WA_LOG_STEP, NULL), WB_ERR_INVALID);
	assert_int_equal(act(x, WP_VSL, id, WA_ACCUSED_HEARD, "Hørt"), 0);
	memset(&in, 0, sizeof(in));
	in.action = WA_CONCLUDE;
	in.report = "HEMMELIG-RAPPORT";
	in.conclusion = "HEMMELIG-KONKLUSJON";
	in.outcome = "substantiated";
	assert_int_equal(act_in(x, WP_VSL, id, &in), 0);
	wbfx_as(x, WP_EMP);
	assert_int_equal(whistle_reporter_cases(&x->c, x->sk[WP_EMP], &v, &n), 0);
	assert_string_equal(v[0].state, "in_progress");
	wbfx_as(x, -1);
	memset(&in, 0, sizeof(in));
	in.action = WA_ARCHIVE;
	in.archive_ref = "2026/1";
	assert_int_equal(act_in(x, WP_VSL, id, &in), 0);
	assert_int_equal(act(x, WP_VSL, id, WA_CLOSE, NULL), 0);

	wbfx_as(x, WP_EMP);
	assert_int_equal(whistle_reporter_cases(&x->c, x->sk[WP_EMP], &v, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(v[0].state, "closed");
	assert_int_equal(v[0].nmessages, 4);
	assert_string_equal(v[0].messages[2].text, "Det var i februar");
	assert_int_equal(v[0].messages[2].from_reporter, 1);
	assert_string_equal(v[0].messages[3].text, "Saken er avsluttet.");
	/* Never the outcome, report or conclusion. */
	for (i = 0; i < v[0].nmessages; i++) {
		assert_null(strstr(v[0].messages[i].text, "HEMMELIG"));
		assert_null(strstr(v[0].messages[i].text, "substantiated"));
	}
	/* Closed: no more messages from the reporter either. */
	assert_int_equal(whistle_reporter_key(&x->c, id, x->sk[WP_EMP], key), 0);
	assert_int_equal(whistle_reporter_message(&x->c, id, key, "Hallo?"),
	    WB_ERR_STATE);
	wbfx_as(x, -1);
	/* The reporter's reads are audited as the system, never by name. */
	assert_int_equal(fixture_int(x->f.conn, "SELECT COUNT(*) FROM audit_log"
	    " WHERE object_type = 'whistle_case' AND actor_id = (SELECT id FROM"
	    " people WHERE login = 'emp')"), 0);
	/* The reporter's message was stored without an author. */
	assert_int_equal(fixture_int(x->f.conn, "SELECT COUNT(*) FROM"
	    " whistle_messages WHERE from_reporter = 1 AND author_id IS NULL"), 1);
}

static void
on_behalf_of_others_gets_no_messages(void **state)
{
	struct wbfx		*x = *state;
	struct wb_report	 r;
	struct wb_receipt	 rec;
	int64_t			 id;

	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "emp2");
	r.on_behalf_of_others = 1;
	id = report_as(x, WP_EMP, &r, &rec);
	assert_int_equal(act(x, WP_VSL, id, WA_DECLARE_IMPARTIAL, NULL), 0);
	assert_int_equal(act(x, WP_VSL, id, WA_ACKNOWLEDGE, NULL), 0);
	assert_int_equal(act(x, WP_VSL, id, WA_MESSAGE, "Detaljer"), WB_ERR_STATE);
}

static void
receipt_flow_and_throttling(void **state)
{
	struct wbfx		*x = *state;
	struct wb_report	 r;
	struct wb_receipt	 rec, rec2;
	struct wb_reporter_view	 v;
	unsigned char		 key[VAULT_KEY];
	char			 token[64], wrong[VAULT_RECEIPT_MAX];
	int64_t			 id, id2, cid, wait = 0;
	int			 i;

	/* Anonymous from a logged-in employee: a receipt code, not linked. */
	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "emp2");
	r.anonymous = 1;
	id = report_as(x, WP_EMP, &r, &rec);
	assert_true(strlen(rec.code) >= 16);
	assert_int_equal(fixture_int(x->f.conn, "SELECT has_account + "
	    "(reporter_sealed IS NOT NULL) FROM whistle_cases"), 0);
	/* Without an account at all. */
	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, NULL);
	r.reporter_category = WB_REP_HIRED;
	r.unit_id = x->unit[W_VS];
	r.reporter_name = "Vikar Vera";
	id2 = report_as(x, -1, &r, &rec2);
	assert_true(strlen(rec2.code) >= 16);
	assert_string_not_equal(rec.code, rec2.code);

	/* Log in with the code: the session opens that case only. */
	assert_int_equal(whistle_receipt_login(&x->c, rec.code, token, &wait), 0);
	assert_int_equal(whistle_receipt_resume(&x->c, token, &cid, key), 0);
	assert_int_equal(cid, id);
	assert_int_equal(whistle_reporter_view(&x->c, id, key, &v), 0);
	assert_string_equal(v.state, "received");
	assert_string_equal(v.content->what, "Det som skjedde");
	assert_int_equal(whistle_reporter_view(&x->c, id2, key, &v), WB_ERR_NOTFOUND);
	assert_int_equal(whistle_reporter_message(&x->c, id2, key, "x"),
	    WB_ERR_NOTFOUND);
	/* Messages both ways. */
	assert_int_equal(whistle_reporter_message(&x->c, id, key,
	    "Jeg vil legge til noe"), 0);
	assert_int_equal(act(x, WP_VSL, id, WA_DECLARE_IMPARTIAL, NULL), 0);
	assert_int_equal(act(x, WP_VSL, id, WA_ACKNOWLEDGE, "Takk, vi ser på det"), 0);
	assert_int_equal(whistle_reporter_view(&x->c, id, key, &v), 0);
	assert_string_equal(v.state, "acknowledged");
	assert_int_equal(v.nmessages, 2);
	assert_int_equal(v.messages[0].from_reporter, 1);
	assert_string_equal(v.messages[1].text, "Takk, vi ser på det");
	/* Logout ends the session; a tampered token never resumes. */
	assert_int_equal(whistle_receipt_logout(&x->c, token), 0);
	assert_int_equal(whistle_receipt_resume(&x->c, token, &cid, key), -1);
	/* Sessions expire when idle. */
	assert_int_equal(whistle_receipt_login(&x->c, rec.code, token, &wait), 0);
	x->c.now += 31 * 60;
	assert_int_equal(whistle_receipt_resume(&x->c, token, &cid, key), -1);
	x->c.now -= 31 * 60;

	/* Wrong codes: the same handle with a wrong secret; after a few the
	 * next try from that address waits, even with the right code. */
	memcpy(wrong, rec.code, sizeof(wrong));
	wrong[strlen(wrong) - 1] = wrong[strlen(wrong) - 1] == '2' ? '3' : '2';
	for (i = 0; i < AUTH_THROTTLE_PAIR_FREE; i++)
		assert_int_equal(whistle_receipt_login(&x->c, wrong, token, &wait), -1);
	assert_int_equal(whistle_receipt_login(&x->c, rec.code, token, &wait), -2);
	assert_true(wait > 0 && wait <= AUTH_THROTTLE_PAIR_CAP);
	/* Another address is only delayed per handle later: the reporter
	 * elsewhere gets in; garbage is simply wrong. */
	x->c.remote_addr = "192.0.2.7";
	assert_int_equal(whistle_receipt_login(&x->c, "not a code", token, &wait), -1);
	assert_int_equal(whistle_receipt_login(&x->c, rec.code, token, &wait), 0);
	/* Once the delay has passed it works from the first address too. */
	x->c.remote_addr = "127.0.0.1";
	x->c.now += AUTH_THROTTLE_PAIR_CAP + 1;
	assert_int_equal(whistle_receipt_login(&x->c, rec.code, token, &wait), 0);
	assert_int_equal(whistle_receipt_login(&x->c, rec2.code, token, &wait), 0);
	x->c.remote_addr = "127.0.0.1";
}

static void
recuse_and_reseal(void **state)
{
	struct wbfx		*x = *state;
	struct wb_report	 r;
	struct wb_receipt	 rec;
	struct wb_case		 c;
	int64_t			 id;

	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "emp2");
	r.direct_to = "hr";
	r.direct_reason = "Arbeidsmiljø";
	/* HR's head has no keypair yet: stored without a sealed copy. */
	assert_int_equal(vault_person_forget(&x->c, x->p[WP_HRH].id), 0);
	id = report_as(x, WP_EMP, &r, &rec);
	assert_int_equal(act(x, WP_HRH, id, WA_DECLARE_IMPARTIAL, NULL), 0);
	assert_int_equal(vault_person_unlock(&x->c, x->p[WP_HRH].id, WB_PW,
	    x->sk[WP_HRH]), 0);
	wbfx_as(x, WP_HRH);
	assert_int_equal(whistle_case_open(&x->c, id, x->sk[WP_HRH], &c),
	    WB_ERR_LOCKED);
	wbfx_as(x, -1);
	/* The operator's recovery key seals it to the new keypair. */
	assert_int_equal(whistle_reseal(&x->c, x->sk[WP_EMP]), -1);
	assert_int_equal(whistle_reseal(&x->c, x->recovery_sk), 1);
	wbfx_as(x, WP_HRH);
	assert_int_equal(whistle_case_open(&x->c, id, x->sk[WP_HRH], &c), 0);
	assert_string_equal(c.content->direct_reason, "Arbeidsmiljø");
	wbfx_as(x, -1);
}

static void
not_whistleblowing_and_category_other(void **state)
{
	struct wbfx		*x = *state;
	struct wb_report	 r;
	struct wb_receipt	 rec;
	int64_t			 id;

	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "emp2");
	r.reporter_category = WB_REP_OTHER;
	id = report_as(x, WP_EMP, &r, &rec);
	assert_int_equal(state_of(x, WP_VSL, id), WB_NOT_WHISTLEBLOWING);
	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "emp2");
	id = report_as(x, WP_EMP, &r, &rec);
	assert_int_equal(act(x, WP_VSL, id, WA_DECLARE_IMPARTIAL, NULL), 0);
	assert_int_equal(act(x, WP_VSL, id, WA_NOT_WHISTLEBLOWING, NULL),
	    WB_ERR_INVALID);
	assert_int_equal(act(x, WP_VSL, id, WA_NOT_WHISTLEBLOWING,
	    "Personkonflikt, ikke kritikkverdig"), 0);
	assert_int_equal(state_of(x, WP_VSL, id), WB_NOT_WHISTLEBLOWING);
	assert_int_equal(act(x, WP_VSL, id, WA_INVESTIGATE, NULL), WB_ERR_STATE);
}

static void
required_fields_and_recovery(void **state)
{
	struct wbfx		*x = *state;
	struct wb_report	 r;
	struct wb_receipt	 rec;
	const char		*err;

	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, NULL);
	r.what = " ";
	wbfx_as(x, WP_EMP);
	assert_int_equal(whistle_report(&x->c, &r, &rec, &err), WB_ERR_INVALID);
	assert_string_equal(err, "what");
	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, NULL);
	r.why_censurable = NULL;
	assert_int_equal(whistle_report(&x->c, &r, &rec, &err), WB_ERR_INVALID);
	assert_string_equal(err, "why_censurable");
	/* Oral registration needs the right. */
	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, NULL);
	r.oral = 1;
	assert_int_equal(whistle_report(&x->c, &r, &rec, &err), WB_ERR_INVALID);
	assert_string_equal(err, "oral");
	wbfx_as(x, WP_HRH);
	r.unit_id = x->unit[W_VS];
	assert_int_equal(whistle_report(&x->c, &r, &rec, &err), 0);
	assert_true(strlen(rec.code) > 0);	/* for the reporter */
	wbfx_as(x, -1);
	/* Without a tenant recovery key nothing is taken. */
	assert_int_equal(fixture_int(x->f.conn, "SELECT COUNT(*) FROM whistle_cases"), 1);
	{
		struct dbstmt *st;

		assert_int_equal(db_prepare(x->f.conn,
		    "DELETE FROM tenant_recovery_keys", &st), DB_OK);
		(void)db_step(st);
		db_reset(st);
	}
	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, NULL);
	wbfx_as(x, WP_EMP);
	assert_int_equal(whistle_report(&x->c, &r, &rec, &err), WB_ERR_NORECOVERY);
	wbfx_as(x, -1);
	assert_int_equal(fixture_int(x->f.conn, "SELECT COUNT(*) FROM whistle_cases"), 1);
}

static void
tick_reminds_once(void **state)
{
	struct wbfx		*x = *state;
	struct wb_report	 r;
	struct wb_receipt	 rec;
	int64_t			 t0 = x->c.now;

	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "emp2");
	(void)report_as(x, WP_EMP, &r, &rec);
	assert_int_equal(whistle_tick(&x->c), 0);
	x->c.now = t0 + 5 * 86400 + 60;		/* two days before ack due */
	assert_int_equal(whistle_tick(&x->c), 1);
	assert_int_equal(whistle_tick(&x->c), 0);
	x->c.now = t0 + 8 * 86400;		/* overdue */
	assert_int_equal(whistle_tick(&x->c), 1);
	assert_int_equal(whistle_tick(&x->c), 0);
	x->c.now = t0 + 80 * 86400;		/* feedback within 3 months */
	assert_int_equal(whistle_tick(&x->c), 1);
	x->c.now = t0 + 95 * 86400;
	assert_int_equal(whistle_tick(&x->c), 1);
	assert_int_equal(whistle_tick(&x->c), 0);
	assert_int_equal(fixture_int(x->f.conn, "SELECT COUNT(*) FROM notifications"
	    " WHERE kind = 'whistle'"), 5);
	x->c.now = t0;
}

static int64_t
cell(const struct wb_stat_cell *v, size_t n, const char *dim, const char *key)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].dimension, dim) == 0 && strcmp(v[i].key, key) == 0)
			return v[i].count;
	fail_msg("no cell %s/%s", dim, key);
	return -999;
}

static void
stats_mask_small_cells(void **state)
{
	struct wbfx		*x = *state;
	struct wb_report	 r;
	struct wb_receipt	 rec;
	struct wb_stat_cell	*v;
	size_t			 n;
	int64_t			 total;
	int			 i;

	for (i = 0; i < 4; i++) {
		wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "emp2");
		(void)report_as(x, WP_EMP, &r, &rec);
	}
	wbfx_report(&r, WB_CONCERNS_CHIEF_EXECUTIVE, NULL);
	(void)report_as(x, WP_EMP, &r, &rec);
	wbfx_as(x, WP_ADMIN);
	assert_int_equal(whistle_stats(&x->c, 2026, &v, &n, &total), WB_ERR_NOTFOUND);
	wbfx_as(x, WP_SAFETY);
	assert_int_equal(whistle_stats(&x->c, 2026, &v, &n, &total), 0);
	assert_int_equal(total, 5);
	/* 1 -> "<3"; and 4 hidden too, or 5 - 4 would give the 1 away. */
	assert_int_equal(cell(v, n, "procedure", "1"), WB_STAT_HIDDEN);
	assert_int_equal(cell(v, n, "procedure", "2"), WB_STAT_SMALL);
	assert_int_equal(cell(v, n, "procedure", "3"), 0);
	assert_int_equal(cell(v, n, "state", "received"), 5);
	assert_int_equal(cell(v, n, "reporter_category", "employee"), 5);
	assert_int_equal(cell(v, n, "outcome", "none"), 5);
	/* Another year has none. */
	assert_int_equal(whistle_stats(&x->c, 2025, &v, &n, &total), 0);
	assert_int_equal(total, 0);
	/* The quality adviser has the same suppressed counts (issue 10). */
	wbfx_as(x, WP_QUALITY);
	assert_int_equal(whistle_stats(&x->c, 2026, &v, &n, &total), 0);
	assert_int_equal(cell(v, n, "procedure", "2"), WB_STAT_SMALL);
	wbfx_as(x, -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(full_flow_and_refusals, setup, teardown),
		cmocka_unit_test_setup_teardown(number_takes_the_local_year, setup, teardown),
		cmocka_unit_test_setup_teardown(account_reporter_sees_ack_and_close_only, setup, teardown),
		cmocka_unit_test_setup_teardown(on_behalf_of_others_gets_no_messages, setup, teardown),
		cmocka_unit_test_setup_teardown(receipt_flow_and_throttling, setup, teardown),
		cmocka_unit_test_setup_teardown(recuse_and_reseal, setup, teardown),
		cmocka_unit_test_setup_teardown(not_whistleblowing_and_category_other, setup, teardown),
		cmocka_unit_test_setup_teardown(required_fields_and_recovery, setup, teardown),
		cmocka_unit_test_setup_teardown(tick_reminds_once, setup, teardown),
		cmocka_unit_test_setup_teardown(stats_mask_small_cells, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
