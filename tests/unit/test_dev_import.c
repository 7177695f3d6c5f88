/* test_dev_import.c: importing the old system's deviation history against
 * a real SQLite database. What an operator notices: a good file lands with
 * its numbers, dates and statuses and takes part in deadlines; a bad row
 * names its line and why, and changes nothing at all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "ctx.h"
#include "deviation/deviation.h"
#include "fixture_db.h"
#include "org/org.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"

#define HEADER "number,kind,reported_at,occurred_at,unit_code,category,title,description,status,closed_at,reporter_login\n"
#define NOW	1780315200	/* 2026-06-01T12:00:00Z */

struct fix {
	struct fixture	 f;
	struct ctx	 ctx;
	char		 csv[160];
	int64_t		 school, leader;
};

/* Row counts of every table an import may touch. */
struct snap {
	int64_t	devs, events, notes, counters, audit, measures, legal;
};

static void
snap_take(struct fix *x, struct snap *s)
{
	s->devs = fixture_int(x->f.conn, "SELECT COUNT(*) FROM deviations");
	s->events = fixture_int(x->f.conn, "SELECT COUNT(*) FROM deviation_events");
	s->notes = fixture_int(x->f.conn, "SELECT COUNT(*) FROM notifications");
	s->counters = fixture_int(x->f.conn, "SELECT COALESCE(SUM(last), 0) FROM deviation_counters");
	s->audit = fixture_int(x->f.conn, "SELECT COUNT(*) FROM audit_log");
	s->measures = fixture_int(x->f.conn, "SELECT COUNT(*) FROM measures");
	s->legal = fixture_int(x->f.conn, "SELECT COUNT(*) FROM legal_deadlines");
}

static int
setup(void **state)
{
	struct fix *x = calloc(1, sizeof(*x));
	struct person p;
	int64_t tid, root, pid;

	assert_non_null(x);
	assert_int_equal(fixture_open(&x->f, 1), 0);
	tid = tenant_create(x->f.conn, "Testkommune", "test.example");
	assert_true(tid > 0);
	fixture_ctx(&x->f, &x->ctx, tid, NULL);
	x->ctx.now = NOW;
	assert_int_equal(db_begin(x->f.conn), DB_OK);
	root = org_unit_create(&x->ctx, "oo", "Oppvekst og opplæring", 0);
	assert_true(root > 0);
	x->school = org_unit_create(&x->ctx, "skole", "Vestre skole", root);
	assert_true(x->school > 0);
	memset(&p, 0, sizeof(p));
	p.login = "bjorn";
	p.name = "Bjørn Sæther";
	p.unit_id = x->school;
	p.active = 1;
	assert_true((x->leader = org_person_create(&x->ctx, &p)) > 0);
	assert_true(org_role_grant(&x->ctx, x->leader, ROLE_LEADER, x->school) > 0);
	p.login = "emma";
	p.name = "Emma Johansen";
	assert_true((pid = org_person_create(&x->ctx, &p)) > 0);
	assert_true(org_role_grant(&x->ctx, pid, ROLE_EMPLOYEE, x->school) > 0);
	/* The sector head, whom escalation reaches. */
	p.login = "trine";
	p.name = "Trine Larsen";
	p.unit_id = root;
	assert_true((pid = org_person_create(&x->ctx, &p)) > 0);
	assert_true(org_role_grant(&x->ctx, pid, ROLE_LEADER, root) > 0);
	assert_int_equal(dev_categories_seed(&x->ctx), 0);
	assert_int_equal(db_commit(x->f.conn), DB_OK);
	snprintf(x->csv, sizeof(x->csv), "%s/dev.csv", x->f.dir);
	*state = x;
	return 0;
}

static int
teardown(void **state)
{
	struct fix *x = *state;

	unlink(x->csv);
	fixture_close(&x->f);
	free(x);
	return 0;
}

static void
write_file(struct fix *x, const char *text)
{
	FILE *fp = fopen(x->csv, "w");

	assert_non_null(fp);
	assert_int_equal(fputs(text, fp) >= 0, 1);
	assert_int_equal(fclose(fp), 0);
}

/* Import text; where it failed as "LINE:COL: reason" in msg (":COL"
 * left out when the error names no column). */
static int
import(struct fix *x, const char *text, int64_t *line, char *msg, size_t msgsz)
{
	char	reason[256];
	int64_t	col = -1;
	int	rc;

	write_file(x, text);
	reason[0] = '\0';
	rc = deviation_import(&x->ctx, x->csv, line, &col, reason,
	    sizeof(reason));
	assert_true(col >= 0);
	if (col > 0)
		snprintf(msg, msgsz, "%lld:%lld: %s", (long long)*line,
		    (long long)col, reason);
	else
		snprintf(msg, msgsz, "%lld: %s", (long long)*line, reason);
	return rc;
}

/* The deviation with this number, or fail. */
static void
get_by_number(struct fix *x, const char *number, struct deviation *d)
{
	struct dbstmt *st;
	int64_t id = 0;

	assert_int_equal(db_prepare(x->f.conn,
	    "SELECT id FROM deviations WHERE number = $1", &st), DB_OK);
	db_bind_text(st, 1, number);
	if (db_step(st) == DB_ROW)
		id = db_col_int(st, 0);
	db_reset(st);
	assert_true(id > 0);
	assert_int_equal(deviation_get(&x->ctx, id, d), 0);
}

static const char good_file[] = HEADER
    "AV-2025-000100,deviation,2025-03-04,2025-03-03,skole,vold,Elev slo lærer,\"Elev slo lærer i armen, ingen skade.\",closed,2025-03-20,emma\n"
    ",avvik,2025-11-02T09:15:00+01:00,2025-11-02T08:30:00+01:00,skole,tjenesteproduksjon,Manglende vikar,Klassen sto uten lærer.,under behandling,,\n"
    ",forbedringsforslag,2026-05-30,,skole,,Forslag: vikarliste,Felles vikarliste for skolene.,ny,,bjorn\n"
    "GAMMEL-17,improvement,2024-12-01,,skole,,Forslag: ny dør,Døra smeller.,lukket,2025-01-15T10:00:00Z,\n";

static void
test_good_file(void **state)
{
	struct fix *x = *state;
	struct deviation d;
	struct dev_event *ev;
	size_t nev, i;
	char msg[256];
	int64_t line = -1;
	int closed_events = 0;

	assert_int_equal(import(x, good_file, &line, msg, sizeof(msg)), 4);
	assert_int_equal(fixture_int(x->f.conn, "SELECT COUNT(*) FROM deviations"), 4);

	/* A given number is kept; the row is closed at its closed_at with a
	 * "created" and a "closed" event, and with the reporter it names. */
	get_by_number(x, "AV-2025-000100", &d);
	assert_int_equal(d.status, DEV_CLOSED);
	assert_int_equal(d.kind, DEV_DEVIATION);
	assert_string_equal(d.category_code, "vold");
	assert_int_equal(d.reported_at, 1741089600);	/* 2025-03-04T12:00Z */
	assert_int_equal(d.occurred_at, 1741003200);
	assert_int_equal(d.closed_at, 1742472000);	/* 2025-03-20T12:00Z */
	assert_int_equal(d.reporter_id, x->leader + 1);	/* emma */
	assert_true(d.due_at > d.reported_at);	/* deadlines from its category */
	assert_int_equal(deviation_events(&x->ctx, d.id, 0, &ev, &nev), 0);
	assert_true(nev >= 2);
	assert_string_equal(ev[0].type, "created");
	assert_int_equal(ev[0].at, d.reported_at);
	for (i = 0; i < nev; i++)
		if (strcmp(ev[i].type, "closed") == 0 && ev[i].at == d.closed_at)
			closed_events++;
	assert_int_equal(closed_events, 1);
	/* History closed long ago bothers no one's notification list. */
	assert_int_equal(fixture_int(x->f.conn,
	    "SELECT COUNT(*) FROM notifications n JOIN deviations d ON d.id = n.deviation_id WHERE d.number = 'AV-2025-000100'"), 0);

	/* A row without a number gets the next after every imported number
	 * of its year, and the counter stays above it. */
	get_by_number(x, "AV-2025-000101", &d);
	assert_int_equal(d.status, DEV_ACKNOWLEDGED);
	assert_int_equal(d.reported_at, 1762071300);	/* 08:15Z */
	assert_int_equal(d.reporter_id, 0);
	/* Open and long past its deadline: overdue like any other. */
	assert_int_equal(d.overdue, 1);
	assert_int_equal(fixture_int(x->f.conn,
	    "SELECT last FROM deviation_counters WHERE year = 2025"), 101);

	/* An improvement proposal is FF-. */
	get_by_number(x, "FF-2026-000001", &d);
	assert_int_equal(d.kind, DEV_IMPROVEMENT);
	assert_int_equal(d.status, DEV_NEW);
	assert_int_equal(d.category_id, 0);
	assert_int_equal(d.reporter_id, x->leader);

	get_by_number(x, "GAMMEL-17", &d);
	assert_int_equal(d.status, DEV_CLOSED);
	assert_int_equal(d.closed_at, 1736935200);
	/* A number that is not AV-YEAR-N leaves the counters alone. */
	assert_int_equal(fixture_int(x->f.conn,
	    "SELECT COALESCE(MAX(last), 0) FROM deviation_counters WHERE year = 2024"), 0);

	/* The overdue imported one takes part in escalation: it is marked,
	 * and the sector head is told, in one summary of the deadlines that
	 * passed long ago (not a notice per row). */
	assert_true(deviation_tick(&x->ctx) > 0);
	assert_int_equal(fixture_int(x->f.conn, "SELECT COUNT(*) FROM deviations"
	    " WHERE number = 'AV-2025-000101' AND due_escalated_at IS NOT NULL"), 1);
	assert_int_equal(fixture_int(x->f.conn,
	    "SELECT COUNT(*) FROM notifications n JOIN people p ON p.id = n.person_id WHERE p.login = 'trine' AND n.kind = 'overdue_summary' AND n.deviation_id IS NULL"), 1);
	assert_int_equal(fixture_int(x->f.conn,
	    "SELECT COUNT(*) FROM notifications n JOIN people p ON p.id = n.person_id WHERE p.login = 'trine' AND n.kind = 'escalation'"), 0);
	/* Importing the same numbered rows again is refused as a whole. */
	line = 0;
	assert_true(import(x, good_file, &line, msg, sizeof(msg)) < 0);
	assert_int_equal(line, 2);
	assert_string_equal(msg, "2:1: number AV-2025-000100 is already in the database");
}

struct bad {
	const char	*row;		/* the bad row, on line 3 */
	const char	*msg;
};

static const struct bad bad_rows[] = {
	{ ",deviation,2025-03-04,,nope,vold,T,D,new,,",
	  "3:5: unknown unit \"nope\"" },
	{ ",deviation,2025-03-04,,skole,storm,T,D,new,,",
	  "3:6: unknown category \"storm\"" },
	{ ",deviation,2025-02-30,,skole,vold,T,D,new,,",
	  "3:3: reported_at \"2025-02-30\" is not a date (YYYY-MM-DD or RFC 3339)" },
	{ ",deviation,04.03.2025,,skole,vold,T,D,new,,",
	  "3:3: reported_at \"04.03.2025\" is not a date (YYYY-MM-DD or RFC 3339)" },
	{ ",deviation,2025-03-04,2025-03-05,skole,vold,T,D,new,,",
	  "3:4: occurred_at is after reported_at" },
	{ ",deviation,2027-03-04,,skole,vold,T,D,new,,",
	  "3:3: reported_at \"2027-03-04\" is in the future" },
	{ ",deviation,2025-03-04,,skole,vold,T,D,closed,,",
	  "3:10: the status is closed but closed_at is empty" },
	{ ",deviation,2025-03-04,,skole,vold,T,D,closed,2025-03-01,",
	  "3:10: closed_at is before reported_at" },
	{ ",deviation,2025-03-04,,skole,vold,T,D,new,2025-03-10,",
	  "3:10: closed_at is given but the status is not closed" },
	{ "AV-2025-000007,deviation,2025-03-04,,skole,vold,T,D,new,,",
	  "3:1: number AV-2025-000007 is already on line 2" },
	{ ",deviation,2025-03-04,,skole,vold,T,D,new,,nobody",
	  "3:11: unknown reporter_login \"nobody\"" },
	{ ",incident,2025-03-04,,skole,vold,T,D,new,,",
	  "3:2: kind \"incident\": use deviation or improvement (avvik or forbedringsforslag)" },
	{ ",deviation,2025-03-04,,skole,vold,T,D,returned,,",
	  "3:9: status \"returned\": use new, acknowledged or closed (ny, under behandling, lukket)" },
	{ ",deviation,2025-03-04,,skole,,T,D,new,,",
	  "3:6: category is empty; a deviation needs one (only improvements may leave it empty)" },
	{ ",deviation,2025-03-04,,skole,vold,,D,new,,",
	  "3:7: title is empty" },
	{ ",deviation,2025-03-04,,skole,vold,T,,new,,",
	  "3:8: description is empty" },
	{ ",deviation,2025-03-04,,skole,vold,T,D,new",
	  "3:10: expected 11 columns, found 9" },
	{ "AV 2025 1,deviation,2025-03-04,,skole,vold,T,D,new,,",
	  "3:1: number \"AV 2025 1\": use 1-40 letters, digits, '-', '_', '.' or '/'" },
};

static void
test_bad_rows(void **state)
{
	struct fix *x = *state;
	struct snap before, after;
	struct buf b;
	char msg[256];
	int64_t line;
	size_t i;

	snap_take(x, &before);
	for (i = 0; i < sizeof(bad_rows) / sizeof(bad_rows[0]); i++) {
		buf_init(&b, 4096);
		buf_puts(&b, HEADER);
		buf_puts(&b, "AV-2025-000007,deviation,2025-03-01,,skole,hms,Good,A good row,closed,2025-03-02,\n");
		buf_puts(&b, bad_rows[i].row);
		buf_puts(&b, "\n");
		line = -1;
		msg[0] = '\0';
		assert_true(import(x, buf_cstr(&b), &line, msg, sizeof(msg)) < 0);
		buf_free(&b);
		if (line != 3 || strcmp(msg, bad_rows[i].msg) != 0)
			fail_msg("row %zu: got %lld: \"%s\", want 3: \"%s\"", i,
			    (long long)line, msg, bad_rows[i].msg);
		snap_take(x, &after);
		assert_memory_equal(&before, &after, sizeof(before));
	}
}

static void
test_bad_header(void **state)
{
	struct fix *x = *state;
	char msg[256];
	int64_t line = -1;

	assert_true(import(x, "number,kind,reported\n,deviation,2025-01-01\n",
	    &line, msg, sizeof(msg)) < 0);
	assert_int_equal(line, 1);
	/* At the first column that is not the one expected. */
	assert_string_equal(msg, "1:3: the first line must be exactly \"number,kind,reported_at,occurred_at,unit_code,category,title,description,status,closed_at,reporter_login\"");
	line = -1;
	assert_true(import(x, HEADER ",deviation,2025-01-01,,skole,vold,\"unterminated,D,new,,\n",
	    &line, msg, sizeof(msg)) < 0);
	assert_int_equal(line, 2);
	assert_int_equal(fixture_int(x->f.conn, "SELECT COUNT(*) FROM deviations"), 0);
	/* An empty file (header only) imports nothing and succeeds. */
	assert_int_equal(import(x, HEADER, &line, msg, sizeof(msg)), 0);
}

/* What Norwegian Excel saves: semicolons, a BOM, CRLF; a description
 * with a ';' is quoted. Read as the comma file is. */
static void
test_semicolon_file(void **state)
{
	struct fix *x = *state;
	struct deviation d;
	char msg[256];
	int64_t line = -1;

	assert_int_equal(import(x, "\xef\xbb\xbf"
	    "number;kind;reported_at;occurred_at;unit_code;category;title;description;status;closed_at;reporter_login\r\n"
	    "AV-2025-000100;avvik;2025-03-04;;skole;vold;Elev slo lærer;\"Slag i armen; ingen skade, meldt verneombud.\";lukket;2025-03-20;emma\r\n",
	    &line, msg, sizeof(msg)), 1);
	get_by_number(x, "AV-2025-000100", &d);
	assert_string_equal(d.category_code, "vold");
	assert_string_equal(d.title, "Elev slo lærer");
	assert_int_equal(d.status, DEV_CLOSED);
}

/* What the progress callback saw. */
struct seen {
	int64_t	checked, imported;
	int	calls_imported;
};

static void
seen_progress(void *arg, enum dev_import_phase phase, int64_t rows)
{
	struct seen *s = arg;

	if (phase == DEV_IMPORT_CHECKED)
		s->checked = rows;
	else {
		s->imported = rows;
		s->calls_imported++;
	}
}

/* A bad field in the last row of a long file is found by the first pass,
 * which checks every field of every row before any is replayed: the
 * progress an operator sees never reaches "imported", and the error names
 * the line and the column. (Before, the first pass read only the CSV
 * syntax, and a bad unit on the last line came after every row before it
 * had been replayed: 90 s for 200,000 rows.) */
static void
test_bad_last_row_caught_before_replay(void **state)
{
	static const char *const last[] = {
	    ",deviation,2025-04-01,,nowhere,fall,Fall,Fall i gangen,new,,\n",
	    ",deviation,2025-04-01,,skole,fall,Fall,Fall i gangen,closed,2025-03-01,\n",
	    ",deviation,2025-04-01,,skole,fall,Fall,Fall i gangen,new,,ghost\n",
	    "AV-2025-000003,deviation,2025-04-01,,skole,fall,Fall,Fall i gangen,new,,\n",
	};
	static const int64_t want_col[] = { 5, 10, 11, 1 };
	static const char *const want[] = {
	    "unknown unit \"nowhere\"",
	    "closed_at is before reported_at",
	    "unknown reporter_login \"ghost\"",
	    "number AV-2025-000003 is already on line 4",
	};
	struct fix *x = *state;
	struct snap before, after;
	struct seen seen;
	struct buf b;
	char msg[256];
	int64_t line, col;
	size_t k;
	int i;

	snap_take(x, &before);
	for (k = 0; k < sizeof(last) / sizeof(last[0]); k++) {
		buf_init(&b, 1u << 22);
		buf_puts(&b, HEADER);
		for (i = 0; i < 2500; i++)
			buf_printf(&b, "AV-2025-%06d,deviation,2025-04-%02d,,skole,fall,Fall %d,Fall i gangen,closed,2025-05-01,emma\n",
			    i + 1, 1 + i % 28, i);
		buf_puts(&b, last[k]);
		write_file(x, buf_cstr(&b));
		buf_free(&b);
		memset(&seen, 0, sizeof(seen));
		line = -1;
		assert_true(deviation_import_progress(&x->ctx, x->csv, &line,
		    &col, msg, sizeof(msg), seen_progress, &seen) < 0);
		assert_int_equal(line, 2502);
		assert_int_equal(col, want_col[k]);
		assert_string_equal(msg, want[k]);
		/* Checked up to the bad row; nothing replayed. */
		assert_int_equal(seen.checked, 2000);
		assert_int_equal(seen.calls_imported, 0);
		snap_take(x, &after);
		assert_memory_equal(&before, &after, sizeof(before));
	}
	/* The same file without the bad row imports, and says so. */
	buf_init(&b, 1u << 22);
	buf_puts(&b, HEADER);
	for (i = 0; i < 2500; i++)
		buf_printf(&b, ",deviation,2025-04-%02d,,skole,fall,Fall %d,Fall i gangen,closed,2025-05-01,emma\n",
		    1 + i % 28, i);
	write_file(x, buf_cstr(&b));
	buf_free(&b);
	memset(&seen, 0, sizeof(seen));
	assert_int_equal(deviation_import_progress(&x->ctx, x->csv, &line,
	    &col, msg, sizeof(msg), seen_progress, &seen), 2500);
	assert_int_equal(seen.checked, 2500);
	assert_int_equal(seen.imported, 2500);
	assert_int_equal(fixture_int(x->f.conn, "SELECT COUNT(*) FROM deviations"), 2500);
}

/* A model refusal late in the file (after earlier rows were written) still
 * leaves nothing behind: the whole file is one transaction. */
static void
test_late_failure_rolls_back(void **state)
{
	struct fix *x = *state;
	struct snap before, after;
	struct buf b;
	char msg[256];
	int64_t line = -1;
	int i;

	snap_take(x, &before);
	buf_init(&b, 1u << 20);
	buf_puts(&b, HEADER);
	for (i = 0; i < 50; i++)
		buf_printf(&b, ",deviation,2025-04-%02d,,skole,fall,Fall %d,Fall i gangen,closed,2025-05-01,\n",
		    1 + i % 28, i);
	/* A title of 201 characters: the model's bound, checked in the
	 * first pass. */
	buf_puts(&b, ",deviation,2025-04-01,,skole,fall,");
	for (i = 0; i < 201; i++)
		buf_putc(&b, 'x');
	buf_puts(&b, ",D,new,,\n");
	assert_true(import(x, buf_cstr(&b), &line, msg, sizeof(msg)) < 0);
	buf_free(&b);
	assert_int_equal(line, 52);
	assert_string_equal(msg, "52:7: title is longer than 200 characters");
	snap_take(x, &after);
	assert_memory_equal(&before, &after, sizeof(before));
}

/* A closed row of a history makes no notices and no e-mails (they used to
 * be made and dropped again at once, row by row); the open rows' notices
 * are there, for the next digest. */
static void
test_closed_rows_make_no_notices(void **state)
{
	struct fix	*x = *state;
	char		 msg[256];
	int64_t		 line = -1;

	assert_int_equal(import(x, good_file, &line, msg, sizeof(msg)), 4);
	assert_int_equal(fixture_int(x->f.conn, "SELECT COUNT(*) FROM mail_outbox"
	    " WHERE deviation_id IN (SELECT id FROM deviations"
	    " WHERE closed_at IS NOT NULL)"), 0);
	assert_int_equal(fixture_int(x->f.conn, "SELECT COUNT(*) FROM notifications"
	    " WHERE deviation_id IN (SELECT id FROM deviations"
	    " WHERE closed_at IS NOT NULL)"), 0);
	assert_true(fixture_int(x->f.conn, "SELECT COUNT(*) FROM notifications"
	    " WHERE deviation_id IN (SELECT id FROM deviations"
	    " WHERE closed_at IS NULL)") > 0);
}

/* A webhook hears the rows an import brings in open (they are to be
 * handled now) and nothing of those it brings in closed: history, which
 * would otherwise be one delivery per event of every row. */
static void
test_closed_rows_make_no_webhooks(void **state)
{
	struct fix	*x = *state;
	char		 msg[256];
	int64_t		 line = -1;

	assert_int_equal(db_exec(x->f.conn, "INSERT INTO webhooks (tenant_id,"
	    " url, events, secret, created_at) SELECT id, 'https://mottak.example/h',"
	    " 'deviation.reported,deviation.acknowledged,deviation.transferred,"
	    "deviation.returned,deviation.closed,deviation.reopened,deviation.due,"
	    "deviation.overdue', 'hemmelig', 1 FROM tenants"), DB_OK);
	assert_int_equal(import(x, good_file, &line, msg, sizeof(msg)), 4);
	assert_true(fixture_int(x->f.conn, "SELECT COUNT(*) FROM deviations"
	    " WHERE closed_at IS NOT NULL") > 0);
	assert_int_equal(fixture_int(x->f.conn, "SELECT COUNT(*) FROM"
	    " webhook_deliveries w JOIN deviations d ON w.payload LIKE"
	    " '%\"id\":' || d.id || ',\"kind\"%' WHERE d.closed_at IS NOT NULL"), 0);
	assert_true(fixture_int(x->f.conn, "SELECT COUNT(*) FROM"
	    " webhook_deliveries w JOIN deviations d ON w.payload LIKE"
	    " '%\"id\":' || d.id || ',\"kind\"%' WHERE d.closed_at IS NULL") > 0);
}

/* The embedded migrations (scripts/embed.sh): 0081 mends the clocks of
 * a database imported before the import met them. */
extern const struct { const char *name; const char *sql; } migrations_sqlite[];

/* Personal-data rows (the category's clock: Datatilsynet within 72 h of
 * the report): one closed the next day, one closed 19 days on, one open,
 * and one of a category without a clock. */
static const char legal_file[] = HEADER
    "PV-1,deviation,2025-03-04T08:00:00Z,,skole,personvern,Feil mottaker,Brev sendt til feil foresatt.,closed,2025-03-05T08:00:00Z,emma\n"
    "PV-2,deviation,2025-04-01T08:00:00Z,,skole,personvern,Liste på avveie,Elevliste funnet i skolegården.,closed,2025-04-20T08:00:00Z,emma\n"
    "PV-3,deviation,2026-05-30T08:00:00Z,,skole,personvern,Passord delt,Passord delt på lapp.,new,,emma\n"
    "BY-1,deviation,2025-03-04T08:00:00Z,,skole,bygg,Dør,Døra smeller.,closed,2025-03-05T08:00:00Z,emma\n";

/* The one clock of the row with number: its due_at and done_at. */
static void
clock_of(struct fix *x, const char *number, int64_t *due, int64_t *done)
{
	struct deviation d;

	get_by_number(x, number, &d);
	assert_int_equal(d.nlegal, 1);
	assert_string_equal(d.legal[0].authority, "datatilsynet");
	*due = d.legal[0].due_at;
	*done = d.legal[0].done_at;
}

/* What a closed row's case page and API show of its clocks (d.legal) and
 * what the yearly wheel counts as not met (legal_deadlines without
 * done_at): a row closed in the old system had its clocks met by its
 * close, on time when closed before the deadline and late when after,
 * with the handler's legal_done event; an open row's clock stays to be
 * met. */
static void
check_legal_met(struct fix *x)
{
	struct deviation d;
	int64_t due, done;

	clock_of(x, "PV-1", &due, &done);
	get_by_number(x, "PV-1", &d);
	assert_int_equal(done, d.closed_at);
	assert_true(done <= due);		/* on time */
	clock_of(x, "PV-2", &due, &done);
	get_by_number(x, "PV-2", &d);
	assert_int_equal(done, d.closed_at);
	assert_true(done > due);		/* late */
	clock_of(x, "PV-3", &due, &done);
	assert_int_equal(done, 0);		/* still to be met */
	get_by_number(x, "BY-1", &d);
	assert_int_equal(d.nlegal, 0);
	assert_int_equal(fixture_int(x->f.conn, "SELECT COUNT(*) FROM"
	    " legal_deadlines WHERE done_at IS NULL"), 1);
	assert_int_equal(fixture_int(x->f.conn, "SELECT COUNT(*) FROM"
	    " deviation_events e JOIN deviations d ON d.id = e.deviation_id"
	    " WHERE e.type = 'legal_done' AND e.text = 'datatilsynet'"
	    " AND e.at = d.closed_at AND d.number IN ('PV-1', 'PV-2')"), 2);
	assert_int_equal(fixture_int(x->f.conn, "SELECT COUNT(*) FROM"
	    " deviation_events WHERE type = 'legal_done'"), 2);
}

static void
test_closed_rows_meet_legal_clocks(void **state)
{
	struct fix	*x = *state;
	char		 msg[256];
	int64_t		 line = -1;

	assert_int_equal(import(x, legal_file, &line, msg, sizeof(msg)), 4);
	check_legal_met(x);
}

/* A database imported before: migration 0081 meets the clocks as the
 * import now does, and leaves a clock of a case closed in Orden unmet. */
static void
test_migration_mends_imported_clocks(void **state)
{
	struct fix	*x = *state;
	const char	*sql = NULL;
	char		 msg[256];
	int64_t		 line = -1;
	size_t		 i;

	for (i = 0; migrations_sqlite[i].name != NULL; i++)
		if (strncmp(migrations_sqlite[i].name, "0081_", 5) == 0)
			sql = migrations_sqlite[i].sql;
	assert_non_null(sql);
	assert_int_equal(import(x, legal_file, &line, msg, sizeof(msg)), 4);
	/* As the import left them before, and a case closed in Orden
	 * (PV-3, closed now with its own summary) whose clock was not
	 * met. */
	assert_int_equal(db_exec(x->f.conn, "DELETE FROM deviation_events"
	    " WHERE type = 'legal_done'"), DB_OK);
	assert_int_equal(db_exec(x->f.conn, "UPDATE legal_deadlines"
	    " SET done_at = NULL"), DB_OK);
	assert_int_equal(db_exec(x->f.conn, "UPDATE deviations SET"
	    " status = 'closed', closed_at = 1780315200, summary = 'Rutine"
	    " for passord gjennomgått.' WHERE number = 'PV-3'"), DB_OK);
	assert_int_equal(db_exec(x->f.conn, sql), DB_OK);
	assert_int_equal(db_exec(x->f.conn, "UPDATE deviations SET"
	    " status = 'new', closed_at = NULL, summary = NULL"
	    " WHERE number = 'PV-3'"), DB_OK);
	check_legal_met(x);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_good_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_header, setup, teardown),
		cmocka_unit_test_setup_teardown(test_semicolon_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_late_failure_rolls_back, setup, teardown),
		cmocka_unit_test_setup_teardown(test_closed_rows_make_no_notices, setup, teardown),
		cmocka_unit_test_setup_teardown(test_closed_rows_make_no_webhooks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_last_row_caught_before_replay, setup, teardown),
		cmocka_unit_test_setup_teardown(test_closed_rows_meet_legal_clocks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_migration_mends_imported_clocks, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
