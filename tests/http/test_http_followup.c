/* The follow-up of audit recommendations through both faces, on the demo
 * municipality: the seeded Rana audit (a–j, its missed deadline and the
 * explanation); registering a report and its recommendations with bad
 * input refused by field; answers, statuses and measures by the quality
 * adviser; the auditor's comment and nothing else; a written status sent
 * after its deadline only with the explanation; the letter to print. */
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
#include <unistd.h>

#include "harness.h"

static struct srv	S;
static char		tok_q[128], tok_emma[128], tok_eva[128];

static int
setup(void **st)
{
	(void)st;
	srv_prepare(&S, 1);
	srv_start(&S, NULL);
	token_for(&S, NULL, "ingrid.haugen", tok_q, sizeof(tok_q));
	token_for(&S, NULL, "emma.johansen", tok_emma, sizeof(tok_emma));
	token_for(&S, NULL, "eva.strom", tok_eva, sizeof(tok_eva));
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	srv_stop(&S, 0);
	return 0;
}

static long
call(const char *tok, const char *method, const char *path, const char *body,
    json_t **out)
{
	struct client	c;
	long		st;

	api_client(&c, &S, NULL, tok);
	st = api_call(&c, method, path, body, out);
	client_free(&c);
	return st;
}

static json_t *
ok(const char *tok, const char *method, const char *path, const char *body,
    long want)
{
	json_t	*j;
	long	 st = call(tok, method, path, body, &j);

	if (st != want) {
		char *s = json_dumps(j, 0);

		fprintf(stderr, "%s %s %s: %ld %s\n", method, path, body ? body : "",
		    st, s ? s : "");
		free(s);
		json_decref(j);
		fail_msg("want %ld", want);
	}
	return j;
}

static void
refused(const char *tok, const char *path, const char *body, long status,
    const char *field)
{
	json_t *j = ok(tok, "POST", path, body, status);

	if (field != NULL) {
		const char *f = json_err_field(j);

		if (f == NULL || strcmp(f, field) != 0) {
			json_decref(j);
			fail_msg("%s: field %s, want %s", body, f ? f : "-", field);
		}
	}
	json_decref(j);
}

static json_int_t demo_id;

/* The status of a recommendation as a reader of the letter sees it in
 * bokmål: its status in words, and the status as written beside it. */
static const char *
status_nb(const char *status)
{
	static const char *const nb[][2] = {
		{ "not_started", "Ikke startet" }, { "in_progress", "Under behandling" },
		{ "implemented", "Iverksatt" }, { "assessed", "Vurdert" },
		{ "closed", "Lukket" },
	};
	size_t i;

	for (i = 0; i < sizeof(nb) / sizeof(nb[0]); i++)
		if (strcmp(status, nb[i][0]) == 0)
			return nb[i][1];
	fail_msg("status %s", status);
	return "";
}

static void
status_line(char *out, size_t sz, json_t *rec)
{
	const char *sn = json_string_value(json_object_get(rec, "status_note"));

	snprintf(out, sz, "Status: %s%s%s", status_nb(json_string_value(
	    json_object_get(rec, "status"))), sn != NULL ? " – " : "",
	    sn != NULL ? sn : "");
}

static void
test_demo_audit(void **st)
{
	json_t	*j, *r, *recs;
	char	 path[64];

	(void)st;
	j = ok(tok_q, "GET", "/api/v1/followup", NULL, 200);
	r = json_array_get(json_object_get(j, "items"), 0);
	demo_id = json_integer_value(json_object_get(r, "id"));
	assert_true(json_is_true(json_object_get(r, "late")));
	assert_non_null(strstr(json_string_value(json_object_get(r, "late_reason")),
	    "inkurie"));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/followup/%lld", (long long)demo_id);
	j = ok(tok_eva, "GET", path, NULL, 200);
	recs = json_object_get(j, "recommendations");
	assert_int_equal(json_array_size(recs), 10);
	assert_string_equal(json_string_value(json_object_get(json_array_get(recs, 9),
	    "letter")), "j");
	/* What the letter says ("Avvik lukket") is what the register and its
	 * count say: no point reads closed in one and open in the other. */
	{
		size_t		i;
		json_int_t	closed = 0;

		for (i = 0; i < json_array_size(recs); i++) {
			json_t		*rec = json_array_get(recs, i);
			const char	*sn = json_string_value(json_object_get(rec,
			    "status_note"));
			int		 said = sn != NULL && strstr(sn, "Avvik lukket") != NULL;
			int		 is = strcmp(json_string_value(json_object_get(rec,
			    "status")), "closed") == 0;

			if (said != is)
				fail_msg("%s) the letter says \"%s\", the status is %s",
				    json_string_value(json_object_get(rec, "letter")),
				    sn != NULL ? sn : "", json_string_value(
				    json_object_get(rec, "status")));
			closed += is;
		}
		json_decref(j);
		j = ok(tok_q, "GET", "/api/v1/followup", NULL, 200);
		assert_int_equal(json_integer_value(json_object_get(json_array_get(
		    json_object_get(j, "items"), 0), "closed_count")), closed);
	}
	json_decref(j);
	/* The letter to print names each point's status, with the note
	 * beside it: j) is open, and its note "Iverksatt. Følges opp." must
	 * not read as its status (the note once stood in for it). */
	{
		struct client	 c;
		struct resp	 res;
		char		 want[2048], line[1024];
		size_t		 i;

		j = ok(tok_eva, "GET", path, NULL, 200);
		recs = json_object_get(j, "recommendations");
		snprintf(path, sizeof(path), "/followup/%lld/letter", (long long)demo_id);
		session_client(&c, &S, "ingrid.haugen");
		client_req(&c, "GET", path, NULL, NULL, &res);
		assert_int_equal(res.status, 200);
		for (i = 0; i < json_array_size(recs); i++) {
			status_line(line, sizeof(line), json_array_get(recs, i));
			snprintf(want, sizeof(want), "<strong>Status:</strong>%s",
			    line + strlen("Status:"));
			if (!resp_has(&res, want))
				fail_msg("not in the letter: %s", want);
		}
		assert_true(resp_has(&res, "<strong>Status:</strong> Under behandling – "
		    "Iverksatt. Følges opp."));
		resp_free(&res);
		client_free(&c);
		json_decref(j);
		snprintf(path, sizeof(path), "/api/v1/followup/%lld", (long long)demo_id);
	}
	/* An employee reads none of it. */
	json_decref(ok(tok_emma, "GET", "/api/v1/followup", NULL, 403));
	json_decref(ok(tok_emma, "GET", path, NULL, 403));
	refused(tok_emma, "/api/v1/followup", "{}", 403, NULL);
}

static void
test_register_and_answer(void **st)
{
	json_t		*j, *rec, *ms;
	json_int_t	 id, rid, mid;
	char		 path[96], body[512];

	(void)st;
	refused(tok_q, "/api/v1/followup", "{\"title\":\"Rapport\",\"report_on\":"
	    "\"2026-03-01\"}", 400, "auditor");
	refused(tok_q, "/api/v1/followup", "{\"title\":\"Rapport\",\"auditor\":\"Revisjon\","
	    "\"report_on\":\"2026-02-30\"}", 400, "report_on");
	refused(tok_eva, "/api/v1/followup", "{\"title\":\"Rapport\",\"auditor\":\"Revisjon\","
	    "\"report_on\":\"2026-03-01\"}", 403, NULL);
	j = ok(tok_q, "POST", "/api/v1/followup", "{\"title\":\"Informasjonssikkerhet\","
	    "\"auditor\":\"KomRev\",\"report_on\":\"2026-03-01\",\"case_no\":\"K.sak 12/2026\","
	    "\"status_due_on\":\"2099-12-31\"}", 201);
	id = json_integer_value(json_object_get(j, "id"));
	assert_false(json_is_true(json_object_get(j, "late")));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/followup/%lld/actions", (long long)id);
	j = ok(tok_q, "POST", path, "{\"action\":\"add_recommendation\",\"letter\":\"a\","
	    "\"text\":\"Sikre tilgangsstyring.\"}", 200);
	rid = json_integer_value(json_object_get(json_array_get(json_object_get(j,
	    "recommendations"), 0), "id"));
	json_decref(j);
	refused(tok_q, path, "{\"action\":\"add_recommendation\",\"letter\":\"a\","
	    "\"text\":\"Igjen.\"}", 400, "letter");
	refused(tok_q, path, "{\"action\":\"add_recommendation\",\"letter\":\"aa\","
	    "\"text\":\"X\"}", 400, "letter");
	snprintf(body, sizeof(body), "{\"action\":\"answer\",\"rec_id\":%lld,"
	    "\"answer\":\"Rutine for tilgang er innført.\"}", (long long)rid);
	json_decref(ok(tok_q, "POST", path, body, 200));
	snprintf(body, sizeof(body), "{\"action\":\"status\",\"rec_id\":%lld,"
	    "\"status\":\"finished\"}", (long long)rid);
	refused(tok_q, path, body, 400, "status");
	snprintf(body, sizeof(body), "{\"action\":\"status\",\"rec_id\":%lld,"
	    "\"status\":\"implemented\",\"status_note\":\"Iverksatt. Avvik lukket.\"}",
	    (long long)rid);
	/* The auditor may comment, never answer or set a status. */
	refused(tok_eva, path, body, 403, NULL);
	json_decref(ok(tok_q, "POST", path, body, 200));
	snprintf(body, sizeof(body), "{\"action\":\"comment\",\"rec_id\":%lld,"
	    "\"comment\":\"Kontrollutvalget tar status til orientering.\"}", (long long)rid);
	json_decref(ok(tok_eva, "POST", path, body, 200));
	refused(tok_emma, path, body, 403, NULL);
	snprintf(body, sizeof(body), "{\"action\":\"comment\",\"rec_id\":%lld,"
	    "\"comment\":\"X\"}", (long long)(rid + 100000));
	refused(tok_eva, path, body, 400, "rec_id");
	/* A measure of the one measure model, done once. */
	snprintf(body, sizeof(body), "{\"action\":\"add_measure\",\"rec_id\":%lld,"
	    "\"measure\":\"Kvartalsvis tilgangskontroll\",\"responsible\":\"emma.johansen\","
	    "\"due_on\":\"2030-06-30\"}", (long long)rid);
	j = ok(tok_q, "POST", path, body, 200);
	rec = json_array_get(json_object_get(j, "recommendations"), 0);
	assert_string_equal(json_string_value(json_object_get(rec, "status")), "implemented");
	assert_string_equal(json_string_value(json_object_get(rec, "committee_view")),
	    "Kontrollutvalget tar status til orientering.");
	ms = json_object_get(rec, "measures");
	assert_int_equal(json_array_size(ms), 1);
	mid = json_integer_value(json_object_get(json_array_get(ms, 0), "id"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"action\":\"complete_measure\",\"rec_id\":%lld,"
	    "\"measure_id\":%lld,\"note\":\"Første kontroll gjort.\"}", (long long)rid,
	    (long long)mid);
	json_decref(ok(tok_q, "POST", path, body, 200));
	refused(tok_q, path, body, 409, NULL);
	/* Not late: nothing to explain. */
	refused(tok_q, path, "{\"action\":\"explain_late\",\"late_reason\":\"X\"}", 409, NULL);
}

static void
test_missed_deadline_needs_explanation(void **st)
{
	json_t		*j;
	json_int_t	 id;
	char		 path[96];

	(void)st;
	j = ok(tok_q, "POST", "/api/v1/followup", "{\"title\":\"Innkjøp\","
	    "\"auditor\":\"KomRev\",\"report_on\":\"2020-03-01\","
	    "\"status_due_on\":\"2020-12-31\"}", 201);
	id = json_integer_value(json_object_get(j, "id"));
	assert_true(json_is_true(json_object_get(j, "late")));
	assert_true(json_is_null(json_object_get(j, "late_reason")));
	json_decref(j);
	snprintf(path, sizeof(path), "/api/v1/followup/%lld/actions", (long long)id);
	refused(tok_q, path, "{\"action\":\"status_sent\",\"status_sent_on\":\"2021-01-20\"}",
	    400, "late_reason");
	j = ok(tok_q, "POST", path, "{\"action\":\"status_sent\",\"status_sent_on\":"
	    "\"2021-01-20\",\"late_reason\":\"Saken ble liggende i en innboks.\"}", 200);
	/* Sent, and still shown as late, with why. */
	assert_true(json_is_true(json_object_get(j, "late")));
	assert_string_equal(json_string_value(json_object_get(j, "status_sent_on")),
	    "2021-01-20");
	assert_string_equal(json_string_value(json_object_get(j, "late_reason")),
	    "Saken ble liggende i en innboks.");
	json_decref(j);
}

static void
test_web(void **st)
{
	struct client	c;
	struct resp	r;
	char		path[96];

	(void)st;
	session_client(&c, &S, "ingrid.haugen");
	snprintf(path, sizeof(path), "/followup/%lld", (long long)demo_id);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "inkurie"));
	resp_free(&r);
	/* Its saved banner is declared (followup_query_fields). */
	snprintf(path, sizeof(path), "/followup/%lld?saved=1", (long long)demo_id);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "role=\"status\""));
	resp_free(&r);
	snprintf(path, sizeof(path), "/followup/%lld?saved=ja", (long long)demo_id);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "saved:"));
	resp_free(&r);
	snprintf(path, sizeof(path), "/followup/%lld/letter", (long long)demo_id);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Svar – oppfølging av forvaltningsrevisjon"));
	assert_true(resp_has(&r, "Iverksatt. Avvik lukket."));
	resp_free(&r);
	client_req(&c, "GET", "/followup", NULL, NULL, &r);
	resp_free(&r);
	client_post_form(&c, "/followup", "title=Ny&auditor=&report_on=2026-01-01", &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "Revisor: "));
	assert_false(resp_has(&r, "auditor: "));
	resp_free(&r);
	client_post_form(&c, "/followup", "title=Barnevern&auditor=KomRev&"
	    "report_on=2024-01-10&status_due_on=2024-06-30", &r);
	assert_int_equal(r.status, 303);
	{
		char loc[128];

		assert_int_equal(resp_header(&r, "location", loc, sizeof(loc)), 0);
		resp_free(&r);
		*strchr(loc, '?') = '\0';
		snprintf(path, sizeof(path), "%.80s/action", loc);
	}
	client_post_form(&c, path, "action=status_sent&status_sent_on=2024-08-01", &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "Hvorfor fristen ble oversittet: "));
	assert_false(resp_has(&r, "late_reason: "));
	resp_free(&r);
	client_post_form(&c, path, "action=explain_late&late_reason=Ferieavvikling", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_free(&c);
	session_client(&c, &S, "emma.johansen");
	client_req(&c, "GET", "/followup", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	client_free(&c);
}

/* A measure's responsible person (an employee without the follow-up's
 * roles) reads that report and marks their own measure done, through the
 * API and the page; nothing else there is theirs, nor other reports. */
static void
test_measure_owner_completes(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j, *ms;
	json_int_t	 id, rid, mine = 0, theirs = 0, webm = 0;
	char		 path[96], page[64], body[512], form[256];
	size_t		 i;

	(void)st;
	j = ok(tok_q, "POST", "/api/v1/followup", "{\"title\":\"Vikarbruk\","
	    "\"auditor\":\"KomRev\",\"report_on\":\"2026-02-01\"}", 201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	snprintf(page, sizeof(page), "/api/v1/followup/%lld", (long long)id);
	snprintf(path, sizeof(path), "/api/v1/followup/%lld/actions", (long long)id);
	/* Not hers yet: hidden. */
	json_decref(ok(tok_emma, "GET", page, NULL, 403));
	j = ok(tok_q, "POST", path, "{\"action\":\"add_recommendation\",\"letter\":\"a\","
	    "\"text\":\"Rutine for vikarbruk.\"}", 200);
	rid = json_integer_value(json_object_get(json_array_get(json_object_get(j,
	    "recommendations"), 0), "id"));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"action\":\"add_measure\",\"rec_id\":%lld,"
	    "\"measure\":\"Skriv rutinen\",\"responsible\":\"emma.johansen\","
	    "\"due_on\":\"2030-06-30\"}",
	    (long long)rid);
	json_decref(ok(tok_q, "POST", path, body, 200));
	snprintf(body, sizeof(body), "{\"action\":\"add_measure\",\"rec_id\":%lld,"
	    "\"measure\":\"Godkjenn rutinen\",\"responsible\":\"ingrid.haugen\","
	    "\"due_on\":\"2030-06-30\"}",
	    (long long)rid);
	json_decref(ok(tok_q, "POST", path, body, 200));
	snprintf(body, sizeof(body), "{\"action\":\"add_measure\",\"rec_id\":%lld,"
	    "\"measure\":\"Opplæring i rutinen\",\"responsible\":\"emma.johansen\","
	    "\"due_on\":\"2030-06-30\"}",
	    (long long)rid);
	j = ok(tok_q, "POST", path, body, 200);
	ms = json_object_get(json_array_get(json_object_get(j, "recommendations"), 0),
	    "measures");
	for (i = 0; i < json_array_size(ms); i++) {
		json_t		*m = json_array_get(ms, i);
		const char	*t = json_string_value(json_object_get(m, "text"));
		json_int_t	 mid = json_integer_value(json_object_get(m, "id"));

		if (strcmp(t, "Skriv rutinen") == 0)
			mine = mid;
		else if (strcmp(t, "Godkjenn rutinen") == 0)
			theirs = mid;
		else
			webm = mid;
	}
	json_decref(j);
	assert_true(mine > 0 && theirs > 0 && webm > 0);
	/* Now she reads this report, not the others. */
	json_decref(ok(tok_emma, "GET", page, NULL, 200));
	snprintf(form, sizeof(form), "/api/v1/followup/%lld", (long long)demo_id);
	json_decref(ok(tok_emma, "GET", form, NULL, 403));
	/* Not someone else's measure, not the status. */
	snprintf(body, sizeof(body), "{\"action\":\"complete_measure\",\"rec_id\":%lld,"
	    "\"measure_id\":%lld,\"note\":\"X\"}", (long long)rid, (long long)theirs);
	refused(tok_emma, path, body, 403, NULL);
	snprintf(body, sizeof(body), "{\"action\":\"status\",\"rec_id\":%lld,"
	    "\"status\":\"closed\"}", (long long)rid);
	refused(tok_emma, path, body, 403, NULL);
	snprintf(body, sizeof(body), "{\"action\":\"complete_measure\",\"rec_id\":%lld,"
	    "\"measure_id\":%lld,\"note\":\"Rutinen er skrevet.\"}", (long long)rid,
	    (long long)mine);
	j = ok(tok_emma, "POST", path, body, 200);
	ms = json_object_get(json_array_get(json_object_get(j, "recommendations"), 0),
	    "measures");
	for (i = 0; i < json_array_size(ms); i++)
		if (json_integer_value(json_object_get(json_array_get(ms, i), "id")) == mine)
			assert_string_equal(json_string_value(json_object_get(
			    json_array_get(ms, i), "status")), "done");
	json_decref(j);
	refused(tok_emma, path, body, 409, NULL);
	/* The page: a form for her open measure only, and it works. */
	session_client(&c, &S, "emma.johansen");
	snprintf(page, sizeof(page), "/followup/%lld", (long long)id);
	client_req(&c, "GET", page, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	snprintf(form, sizeof(form), "name=\"measure_id\" value=\"%lld\"", (long long)webm);
	assert_true(resp_has(&r, form));
	snprintf(form, sizeof(form), "name=\"measure_id\" value=\"%lld\"", (long long)theirs);
	assert_false(resp_has(&r, form));
	/* The letter is the register's: no link to a page that says 403. */
	assert_false(resp_has(&r, "/letter"));
	resp_free(&r);
	snprintf(form, sizeof(form), "/followup/%lld/letter", (long long)id);
	client_req(&c, "GET", form, NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	snprintf(path, sizeof(path), "/followup/%lld/action", (long long)id);
	snprintf(form, sizeof(form), "action=complete_measure&rec_id=%lld&measure_id=%lld"
	    "&note=Holdt", (long long)rid, (long long)theirs);
	client_post_form(&c, path, form, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	snprintf(form, sizeof(form), "action=complete_measure&rec_id=%lld&measure_id=%lld"
	    "&note=Holdt", (long long)rid, (long long)webm);
	client_post_form(&c, path, form, &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_free(&c);
	/* Committed: the quality adviser sees both of hers done. */
	snprintf(page, sizeof(page), "/api/v1/followup/%lld", (long long)id);
	j = ok(tok_q, "GET", page, NULL, 200);
	ms = json_object_get(json_array_get(json_object_get(j, "recommendations"), 0),
	    "measures");
	for (i = 0; i < json_array_size(ms); i++) {
		json_t *m = json_array_get(ms, i);

		assert_string_equal(json_string_value(json_object_get(m, "status")),
		    json_integer_value(json_object_get(m, "id")) == theirs ? "open" :
		    "done");
	}
	json_decref(j);
}

/* Whitespace runs as one space (pdftotext breaks lines where pango did),
 * none leading. */
static void
squeeze(char *s)
{
	char	*start = s, *w = s;
	int	 sp = 0;

	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\f' ||
		    *s == '\r') {
			sp = 1;
			continue;
		}
		if (sp && w != start)
			*w++ = ' ';
		sp = 0;
		*w++ = *s;
	}
	*w = '\0';
}

/* The first words of s (at most about n bytes, whole words) in out,
 * squeezed: what must appear in the PDF's text. */
static void
first_words(char *out, size_t sz, const char *prefix, const char *s, size_t n)
{
	char	*sp;

	snprintf(out, sz, "%s%.*s", prefix, (int)n, s);
	squeeze(out);
	if (strlen(s) > n && (sp = strrchr(out, ' ')) != NULL &&
	    (size_t)(sp - out) > strlen(prefix))
		*sp = '\0';
}

/* The letter as a PDF: its text read back with pdftotext holds the
 * municipality, the title, page numbers and, for every recommendation of
 * the register, its letter and text, the answer and the status as written.
 * Not for an employee. */
static void
test_letter_pdf(void **st)
{
	struct client	 c;
	struct resp	 r;
	json_t		*j, *recs, *rec;
	char		 path[96], file[] = "/tmp/orden-test-XXXXXX.pdf", cmd[256];
	char		 ct[64], want[512], chunk[4096];
	struct buf	 txt;
	FILE		*fp;
	size_t		 i, got;
	int		 fd;

	(void)st;
	snprintf(path, sizeof(path), "/followup/%lld/letter.pdf", (long long)demo_id);
	session_client(&c, &S, "ingrid.haugen");
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(resp_header(&r, "content-type", ct, sizeof(ct)), 0);
	assert_non_null(strstr(ct, "application/pdf"));
	assert_true(r.body.len > 4 && memcmp(buf_cstr(&r.body), "%PDF", 4) == 0);
	assert_true((fd = mkstemps(file, 4)) >= 0);
	assert_non_null(fp = fdopen(fd, "wb"));
	assert_int_equal(fwrite(buf_cstr(&r.body), 1, r.body.len, fp), r.body.len);
	fclose(fp);
	resp_free(&r);
	client_free(&c);
	snprintf(cmd, sizeof(cmd), "pdftotext %s -", file);
	assert_non_null(fp = popen(cmd, "r"));
	buf_init(&txt, 1u << 20);
	while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		buf_append(&txt, chunk, got);
	assert_int_equal(pclose(fp), 0);
	/* ORDEN_TEST_KEEP_PDF=1 keeps it, to look at (pdftoppm). */
	if (getenv("ORDEN_TEST_KEEP_PDF") != NULL)
		fprintf(stderr, "# the letter: %s\n", file);
	else
		unlink(file);
	squeeze((char *)buf_cstr(&txt));
	assert_non_null(strstr(buf_cstr(&txt), "Demo kommune"));
	assert_non_null(strstr(buf_cstr(&txt), "Svar – oppfølging av forvaltningsrevisjon"));
	assert_non_null(strstr(buf_cstr(&txt), "Side 1 av "));
	snprintf(path, sizeof(path), "/api/v1/followup/%lld", (long long)demo_id);
	j = ok(tok_q, "GET", path, NULL, 200);
	recs = json_object_get(j, "recommendations");
	assert_int_equal(json_array_size(recs), 10);
	for (i = 0; i < json_array_size(recs); i++) {
		const char *a;

		rec = json_array_get(recs, i);
		snprintf(cmd, sizeof(cmd), "%s) ",
		    json_string_value(json_object_get(rec, "letter")));
		first_words(want, sizeof(want), cmd,
		    json_string_value(json_object_get(rec, "text")), 60);
		if (strstr(buf_cstr(&txt), want) == NULL)
			fail_msg("not in the PDF: %s", want);
		if ((a = json_string_value(json_object_get(rec, "answer"))) != NULL) {
			first_words(want, sizeof(want), "", a, 60);
			if (strstr(buf_cstr(&txt), want) == NULL)
				fail_msg("answer not in the PDF: %s", want);
		}
		/* The status always, the note beside it. */
		status_line(cmd, sizeof(cmd), rec);
		first_words(want, sizeof(want), "", cmd, 80);
		if (strstr(buf_cstr(&txt), want) == NULL)
			fail_msg("status not in the PDF: %s", want);
	}
	json_decref(j);
	buf_free(&txt);
	session_client(&c, &S, "emma.johansen");
	snprintf(path, sizeof(path), "/followup/%lld/letter.pdf", (long long)demo_id);
	client_req(&c, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	client_free(&c);
}

/* `orden tick` as if it were days after now. */
static void
tick_at(int days)
{
	struct buf	 out;
	char		 env0[64];
	const char	*env[] = { env0, NULL };

	snprintf(env0, sizeof(env0), "ORDEN_CLOCK_OFFSET=%d", days * 86400);
	buf_init(&out, 1u << 20);
	if (orden_run_env(&out, env, "tick", "--db", S.db, NULL) != 0)
		fail_msg("orden tick at +%dd failed: %s", days, buf_cstr(&out));
	buf_free(&out);
}

static int
notes(const char *tok, const char *text)
{
	json_t	*j, *items, *n;
	size_t	 i;
	int	 k = 0;

	j = ok(tok, "GET", "/api/v1/notifications", NULL, 200);
	items = json_object_get(j, "items");
	for (i = 0; i < json_array_size(items); i++) {
		n = json_array_get(items, i);
		if (strcmp(json_string_value(json_object_get(n, "kind")), "followup") == 0 &&
		    strstr(json_string_value(json_object_get(n, "text")), text) != NULL)
			k++;
	}
	json_decref(j);
	return k;
}

/* The written status is due in 20 days: reminded 14 days before, once,
 * as the clock moves; not once it is sent. */
static void
test_deadline_reminder(void **st)
{
	time_t		due = time(NULL) + 20 * 86400;
	struct tm	tm;
	char		body[256];

	(void)st;
	gmtime_r(&due, &tm);
	snprintf(body, sizeof(body), "{\"title\":\"Påminnelsesrevisjon\",\"auditor\":"
	    "\"KomRev\",\"report_on\":\"2026-01-05\",\"status_due_on\":"
	    "\"%04d-%02d-%02d\"}", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	json_decref(ok(tok_q, "POST", "/api/v1/followup", body, 201));
	tick_at(0);
	assert_int_equal(notes(tok_q, "Påminnelsesrevisjon"), 0);
	tick_at(8);
	assert_int_equal(notes(tok_q, "Påminnelsesrevisjon"), 1);
	tick_at(9);
	assert_int_equal(notes(tok_q, "Påminnelsesrevisjon"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_demo_audit),
		cmocka_unit_test(test_register_and_answer),
		cmocka_unit_test(test_missed_deadline_needs_explanation),
		cmocka_unit_test(test_web),
		cmocka_unit_test(test_measure_owner_completes),
		cmocka_unit_test(test_letter_pdf),
		cmocka_unit_test(test_deadline_reminder),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
