/* test_wb_confidential.c: a copy of the database reveals nothing of a
 * whistleblowing case. After reports, messages, steps and a conclusion
 * with distinctive text, the bytes of the database file and of its WAL
 * hold none of the text, the accused's name, the reporter's name or the
 * receipt code; the whistle tables, audit log and notifications hold no
 * login or name of the accused or the reporter; and a non-handler (the
 * accused, an admin, a quality adviser) gets WB_ERR_NOTFOUND everywhere. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>

#include "wb_fixture.h"

#define SECRET_TEXT	"Blåbærsyltetøy-7731"
#define ACCUSED_NAME	"Bjørnulf Tindeklatrer"
#define REPORTER_NAME	"Vikar Vera Vestlund-5520"

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

/* The whole file (caller frees); *len. NULL if it cannot be read. */
static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE		*f;
	unsigned char	*p = NULL;
	long		 n;

	*len = 0;
	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (p = malloc((size_t)n + 1)) != NULL &&
	    fread(p, 1, (size_t)n, f) == (size_t)n)
		*len = (size_t)n;
	fclose(f);
	return p;
}

static int
contains(const unsigned char *hay, size_t n, const char *needle)
{
	return memmem(hay, n, needle, strlen(needle)) != NULL;
}

/* Bytes of the db and its WAL, both scanned for every needle. */
static void
assert_nowhere_in_files(struct wbfx *x, const char *const *needles,
    const char *present)
{
	char		 wal[200];
	unsigned char	*db, *w;
	size_t		 ndb, nw, i;

	snprintf(wal, sizeof(wal), "%s-wal", x->f.path);
	db = slurp(x->f.path, &ndb);
	w = slurp(wal, &nw);
	assert_non_null(db);
	assert_non_null(w);
	/* The scan sees the data: clear metadata is there. */
	assert_true(contains(db, ndb, present) || contains(w, nw, present));
	for (i = 0; needles[i] != NULL; i++) {
		if (contains(db, ndb, needles[i]))
			fail_msg("\"%s\" found in the database file", needles[i]);
		if (contains(w, nw, needles[i]))
			fail_msg("\"%s\" found in the WAL", needles[i]);
	}
	free(db);
	free(w);
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

static void
act(struct wbfx *x, int who, int64_t id, struct wb_action_input *in)
{
	const char *err = NULL;

	wbfx_as(x, who);
	if (whistle_act(&x->c, id, x->sk[who], in, &err) != 0)
		fail_msg("act %s failed (%s)", wb_action_name(in->action),
		    err ? err : "-");
	wbfx_as(x, -1);
}

static void
database_copy_reveals_nothing(void **state)
{
	struct wbfx		*x = *state;
	struct wb_report	 r;
	struct wb_receipt	 rec1, rec2;
	struct wb_action_input	 in;
	unsigned char		 key[VAULT_KEY];
	char			 token[64], handle[VAULT_HANDLE_LEN + 1];
	char			 secret[VAULT_RECEIPT_MAX];
	int64_t			 id1, id2, cid, wait;

	/* 1: a logged-in employee about a colleague (a person). */
	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "emp2");
	r.what = "Hva: " SECRET_TEXT;
	r.why_censurable = "Hvorfor: " SECRET_TEXT;
	r.when = "Når: " SECRET_TEXT;
	r.where = "Hvor: " SECRET_TEXT;
	r.involved = "Involvert: " SECRET_TEXT;
	id1 = report_as(x, WP_EMP, &r, &rec1);
	/* 2: without an account, named, about someone by name only. */
	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, NULL);
	r.reporter_category = WB_REP_HIRED;
	r.unit_id = x->unit[W_VS];
	r.accused_name = ACCUSED_NAME;
	r.reporter_name = REPORTER_NAME;
	r.reporter_contact = "vera-5520@example.org";
	r.what = SECRET_TEXT " i garderoben";
	r.why_censurable = SECRET_TEXT;
	id2 = report_as(x, -1, &r, &rec2);

	/* Handling with texts. */
	memset(&in, 0, sizeof(in));
	in.action = WA_DECLARE_IMPARTIAL;
	act(x, WP_VSL, id1, &in);
	act(x, WP_VSL, id2, &in);
	in.action = WA_ACKNOWLEDGE;
	in.text = "Kvittering: " SECRET_TEXT;
	act(x, WP_VSL, id1, &in);
	act(x, WP_VSL, id2, &in);
	in.action = WA_MESSAGE;
	in.text = "Spørsmål: " SECRET_TEXT;
	act(x, WP_VSL, id2, &in);
	in.action = WA_INVESTIGATE;
	act(x, WP_VSL, id1, &in);
	in.action = WA_LOG_STEP;
	in.kind = "investigation";
	in.text = "Steg: " SECRET_TEXT;
	act(x, WP_VSL, id1, &in);
	in.action = WA_ACCUSED_HEARD;
	in.text = "Kontradiksjon: " SECRET_TEXT;
	act(x, WP_VSL, id1, &in);
	memset(&in, 0, sizeof(in));
	in.action = WA_CONCLUDE;
	in.report = "Rapport: " SECRET_TEXT;
	in.conclusion = "Konklusjon: " SECRET_TEXT;
	in.outcome = "substantiated";
	act(x, WP_VSL, id1, &in);
	/* The receipt reporter answers. */
	assert_int_equal(whistle_receipt_login(&x->c, rec2.code, token, &wait), 0);
	assert_int_equal(whistle_receipt_resume(&x->c, token, &cid, key), 0);
	assert_int_equal(whistle_reporter_message(&x->c, cid, key,
	    "Svar: " SECRET_TEXT), 0);
	/* The account reporter answers. */
	wbfx_as(x, WP_EMP);
	assert_int_equal(whistle_reporter_key(&x->c, id1, x->sk[WP_EMP], key), 0);
	assert_int_equal(whistle_reporter_message(&x->c, id1, key,
	    "Svar: " SECRET_TEXT), 0);
	wbfx_as(x, -1);

	assert_int_equal(vault_receipt_split(rec2.code, handle, secret,
	    sizeof(secret)), 0);
	{
		/* The account reporter's name ("Erle Ansatt") and the
		 * accused's login are in the people table in clear, so they
		 * are checked per table below, not in the raw bytes. */
		const char *const needles[] = {
			SECRET_TEXT, "Blåbærsyltetøy", "7731", ACCUSED_NAME,
			"Tindeklatrer", REPORTER_NAME, "Vestlund", "vera-5520",
			rec2.code, secret, token, NULL
		};

		assert_nowhere_in_files(x, needles, rec1.number);
	}
	/* Names and logins of people involved, in the whistle tables, the
	 * audit log and the notifications (where the people table is not). */
	assert_int_equal(fixture_int(x->f.conn,
	    "SELECT COUNT(*) FROM whistle_cases WHERE instr(content, CAST('emp2' AS BLOB))"
	    " OR instr(content, CAST('Eirik' AS BLOB)) OR instr(content, CAST('Erle' AS BLOB))"
	    " OR number || state || reporter_category || COALESCE(outcome, '') ||"
	    " COALESCE(receipt_hash, '') || COALESCE(receipt_handle, '') LIKE '%emp2%'"), 0);
	assert_int_equal(fixture_int(x->f.conn,
	    "SELECT COUNT(*) FROM audit_log WHERE object_type = 'whistle_case' AND"
	    " (detail LIKE '%emp2%' OR detail LIKE '%Erle%' OR detail LIKE '%Eirik%'"
	    " OR detail LIKE '%7731%' OR actor_id = (SELECT id FROM people WHERE login = 'emp'))"), 0);
	assert_int_equal(fixture_int(x->f.conn,
	    "SELECT COUNT(*) FROM notifications WHERE text LIKE '%emp2%' OR"
	    " text LIKE '%Erle%' OR text LIKE '%Eirik%' OR text LIKE '%7731%'"
	    " OR text LIKE '%Vestlund%'"), 0);
	assert_int_equal(fixture_int(x->f.conn,
	    "SELECT COUNT(*) FROM whistle_handlers WHERE person_id IN (SELECT id"
	    " FROM people WHERE login IN ('emp', 'emp2'))"), 0);
	assert_int_equal(fixture_int(x->f.conn,
	    "SELECT COUNT(*) FROM whistle_messages WHERE author_id = (SELECT id"
	    " FROM people WHERE login = 'emp')"), 0);
	sodium_memzero(secret, sizeof(secret));
	sodium_memzero(key, sizeof(key));
}

static void
non_handlers_get_notfound(void **state)
{
	struct wbfx		*x = *state;
	struct wb_report	 r;
	struct wb_receipt	 rec;
	struct wb_case		 c, *cases;
	struct wb_handler	*h;
	struct wb_event		*ev;
	struct wb_action_input	 in;
	const char		*err;
	size_t			 n;
	int64_t			 id;
	const int		 outsiders[] = { WP_EMP2, WP_ADMIN, WP_QUALITY,
					WP_SECTOR, WP_CE, WP_EMP, -1 };
	int			 i, who;

	wbfx_report(&r, WB_CONCERNS_EMPLOYEE, "emp2");
	r.what = SECRET_TEXT;
	id = report_as(x, WP_EMP, &r, &rec);
	memset(&in, 0, sizeof(in));
	in.action = WA_DECLARE_IMPARTIAL;
	for (i = 0; (who = outsiders[i]) >= 0; i++) {
		wbfx_as(x, who);
		assert_int_equal(whistle_case_get(&x->c, id, &c), WB_ERR_NOTFOUND);
		assert_int_equal(whistle_case_open(&x->c, id, x->sk[who], &c),
		    WB_ERR_NOTFOUND);
		assert_int_equal(whistle_events(&x->c, id, x->sk[who], &ev, &n),
		    WB_ERR_NOTFOUND);
		assert_int_equal(whistle_case_handlers(&x->c, id, &h, &n),
		    WB_ERR_NOTFOUND);
		assert_int_equal(whistle_act(&x->c, id, x->sk[who], &in, &err),
		    WB_ERR_NOTFOUND);
		assert_int_equal(whistle_cases_mine(&x->c, &cases, &n), 0);
		assert_int_equal(n, 0);
	}
	/* Nobody logged in: nothing. */
	wbfx_as(x, -1);
	assert_int_equal(whistle_case_get(&x->c, id, &c), WB_ERR_NOTFOUND);
	/* Even the accused made a handler behind routing's back (a forged
	 * row) cannot read the content: the encrypted record refuses. */
	{
		struct dbstmt *st;

		assert_int_equal(db_prepare(x->f.conn,
		    "INSERT INTO whistle_handlers (tenant_id, case_id, person_id,"
		    " basis, sealed_key, impartial_at, added_at) SELECT tenant_id,"
		    " case_id, (SELECT id FROM people WHERE login = 'emp2'), 'forged',"
		    " NULL, 1, 1 FROM whistle_handlers LIMIT 1", &st), DB_OK);
		assert_int_equal(db_step(st), DB_DONE);
		db_reset(st);
	}
	wbfx_as(x, WP_EMP2);
	assert_int_not_equal(whistle_case_open(&x->c, id, x->sk[WP_EMP2], &c), 0);
	assert_null(c.content);
	wbfx_as(x, -1);
	/* The handler sees it. */
	assert_int_equal(whistle_act(&x->c, id, NULL, &in, &err), WB_ERR_NOTFOUND);
	wbfx_as(x, WP_VSL);
	assert_int_equal(whistle_act(&x->c, id, x->sk[WP_VSL], &in, &err), 0);
	assert_int_equal(whistle_case_open(&x->c, id, x->sk[WP_VSL], &c), 0);
	assert_string_equal(c.content->what, SECRET_TEXT);
	wbfx_as(x, -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(database_copy_reveals_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(non_handlers_get_notfound, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
