/* The whistleblowing pages as people use them, without JavaScript: the
 * public front door and form (no account needed), its double-submit
 * protection, errors that keep what was written, the receipt code shown
 * once and never cached, following up with it, the handler's
 * declaration of impartiality before any content, 404 for everyone who
 * is not a handler, and statistics only for those who may see them. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

static struct srv S;

static int
setup(void **st)
{
	(void)st;
	srv_prepare(&S, 1);
	srv_start(&S, NULL);
	return 0;
}

static int
teardown(void **st)
{
	(void)st;
	srv_stop(&S, 0);
	return 0;
}

/* The option value of the unit named name in a <select>. */
static long long
unit_option(const struct resp *r, const char *name)
{
	const char	*body = buf_cstr(&r->body), *end, *p;
	char		 pat[128];

	snprintf(pat, sizeof(pat), "%s</option>", name);
	if ((end = strstr(body, pat)) == NULL)
		return -1;
	for (p = end; p > body && strncmp(p, "value=\"", 7) != 0; p--)
		continue;
	return strtoll(p + 7, NULL, 10);
}

/* Text between the first `start` after `after` and the next '<'. */
static int
text_after(const struct resp *r, const char *start, char *out, size_t outsz)
{
	const char	*p = strstr(buf_cstr(&r->body), start);
	size_t		 i;

	if (p == NULL)
		return -1;
	p += strlen(start);
	for (i = 0; p[i] && p[i] != '<' && i + 1 < outsz; i++)
		out[i] = p[i];
	out[i] = '\0';
	return 0;
}

/* Whether the server's log so far holds needle anywhere. */
static int
log_has(const char *needle)
{
	FILE	*f = fopen(S.log, "r");
	char	 line[4096];
	int	 found = 0;

	assert_non_null(f);
	while (!found && fgets(line, sizeof(line), f) != NULL)
		found = strstr(line, needle) != NULL;
	fclose(f);
	return found;
}

/* An anonymous report on the form: 200 with the receipt, number and code
 * filled. what is the report's text. A public visitor picks the unit; c
 * signed in (signed_in) picks none: routing uses the account, then
 * forgets it. */
static void
form_report(struct client *c, int signed_in, const char *what, char *number,
    size_t nsz, char *code, size_t csz)
{
	struct resp	r;
	struct buf	f;
	char		tok[128], unit[32], h[256];
	long long	vestre = 0;

	client_req(c, "GET", "/whistle/new", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(resp_hidden(&r, "wb_csrf", tok, sizeof(tok)), 0);
	if (!signed_in) {
		vestre = unit_option(&r, "Vestre skole");
		assert_true(vestre > 0);
		/* The public form never lists the municipality's staff. */
		assert_false(resp_has(&r, "name=\"accused_login\""));
	}
	resp_free(&r);
	snprintf(unit, sizeof(unit), "%lld", vestre);
	buf_init(&f, 1u << 16);
	form_kv(&f, "wb_csrf", tok);
	form_kv(&f, "concerns", "employee");
	form_kv(&f, "accused_name", "En kollega");
	form_kv(&f, "direct_to", "no");
	form_kv(&f, "what", what);
	form_kv(&f, "why_censurable", "Det er farlig for elevene.");
	form_kv(&f, "when", "mars 2026");
	form_kv(&f, "meant_as_whistleblowing", "1");
	form_kv(&f, "reporter_category", signed_in ? "employee" : "hired");
	if (!signed_in)
		form_kv(&f, "unit_id", unit);
	form_kv(&f, "anonymous", "1");
	client_req(c, "POST", "/whistle", buf_cstr(&f),
	    "application/x-www-form-urlencoded", &r);
	buf_free(&f);
	if (r.status != 200)
		fail_msg("report: %ld\n%s", r.status, buf_cstr(&r.body));
	assert_int_equal(resp_header(&r, "Cache-Control", h, sizeof(h)), 0);
	assert_non_null(strstr(h, "no-store"));
	assert_int_equal(text_after(&r, "<strong class=\"number\">", number, nsz), 0);
	assert_true(strncmp(number, "VA-", 3) == 0);
	assert_int_equal(text_after(&r, "id=\"receipt-code\">", code, csz), 0);
	assert_true(strlen(code) >= 20);
	assert_true(resp_has(&r, "Skriv den ned nå"));
	/* What was written is not echoed back. */
	assert_false(resp_has(&r, what));
	resp_free(&r);
}

/* Log in with the receipt code: the status of the POST. */
static long
receipt_login(struct client *c, const char *code, struct resp *out)
{
	struct resp	r;
	struct buf	f;
	char		tok[128];

	client_req(c, "GET", "/whistle/receipt", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(resp_hidden(&r, "wb_csrf", tok, sizeof(tok)), 0);
	resp_free(&r);
	buf_init(&f, 4096);
	form_kv(&f, "wb_csrf", tok);
	form_kv(&f, "receipt_code", code);
	client_req(c, "POST", "/whistle/receipt", buf_cstr(&f),
	    "application/x-www-form-urlencoded", out);
	buf_free(&f);
	return out->status;
}

/* The id of the case with this number on a handler's list, or -1. */
static long long
case_id_on_list(struct client *c, const char *number)
{
	struct resp	 r;
	char		 pat[128];
	const char	*body, *p;
	long long	 id = -1;

	client_req(c, "GET", "/whistle/cases", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	body = buf_cstr(&r.body);
	snprintf(pat, sizeof(pat), "\">%s</a>", number);
	if ((p = strstr(body, pat)) != NULL) {
		while (p > body && strncmp(p, "/whistle/cases/", 15) != 0)
			p--;
		id = strtoll(p + 15, NULL, 10);
	}
	resp_free(&r);
	return id;
}

static void
test_front_door_is_public(void **st)
{
	struct client	c;
	struct resp	r;
	char		h[256];

	(void)st;
	client_init(&c, &S);
	client_req(&c, "GET", "/varsling", NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	assert_int_equal(resp_header(&r, "Location", h, sizeof(h)), 0);
	assert_string_equal(h, "/whistle");
	resp_free(&r);
	client_req(&c, "GET", "/whistle", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "<h1>Varsling</h1>"));
	assert_true(resp_has(&r, "href=\"/whistle/new\""));
	assert_true(resp_has(&r, "href=\"/whistle/receipt\""));
	assert_true(resp_has(&r, "2 A-4"));
	assert_true(resp_has(&r, "Kritikkverdige forhold"));
	resp_free(&r);
	/* The way there is on the login page too. */
	client_req(&c, "GET", "/login", NULL, NULL, &r);
	assert_true(resp_has(&r, "href=\"/whistle\""));
	resp_free(&r);
	client_free(&c);
}

static void
test_public_form_needs_its_token(void **st)
{
	struct client	c;
	struct resp	r;
	struct buf	f;

	(void)st;
	client_init(&c, &S);
	client_req(&c, "GET", "/whistle/new", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	buf_init(&f, 4096);
	form_kv(&f, "wb_csrf", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");	/* not the cookie's */
	form_kv(&f, "concerns", "employee");
	form_kv(&f, "reporter_category", "hired");
	form_kv(&f, "what", "Forfalsket skjema");
	form_kv(&f, "why_censurable", "x");
	client_req(&c, "POST", "/whistle", buf_cstr(&f),
	    "application/x-www-form-urlencoded", &r);
	buf_free(&f);
	assert_int_equal(r.status, 403);
	assert_false(resp_has(&r, "id=\"receipt-code\""));
	/* What was typed is still there to send again. */
	assert_true(resp_has(&r, "Forfalsket skjema"));
	resp_free(&r);
	client_free(&c);
}

static void
test_errors_keep_what_was_written(void **st)
{
	struct client	c;
	struct resp	r;
	struct buf	f;
	char		tok[128];

	(void)st;
	client_init(&c, &S);
	client_req(&c, "GET", "/whistle/new", NULL, NULL, &r);
	assert_int_equal(resp_hidden(&r, "wb_csrf", tok, sizeof(tok)), 0);
	resp_free(&r);
	/* Anonymous, but a name typed out of habit: refused, not stored. */
	buf_init(&f, 4096);
	form_kv(&f, "wb_csrf", tok);
	form_kv(&f, "concerns", "employee");
	form_kv(&f, "reporter_category", "student");
	form_kv(&f, "what", "Læreren <b>truer</b> elever");
	form_kv(&f, "why_censurable", "Trusler");
	form_kv(&f, "anonymous", "1");
	form_kv(&f, "reporter_name", "Ola Nordmann");
	client_req(&c, "POST", "/whistle", buf_cstr(&f),
	    "application/x-www-form-urlencoded", &r);
	buf_free(&f);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "Læreren &lt;b&gt;truer&lt;/b&gt; elever"));
	assert_true(resp_has(&r, "id=\"f-reporter_name-error\""));
	assert_true(resp_has(&r, "value=\"student\" checked"));
	assert_false(resp_has(&r, "id=\"receipt-code\""));
	resp_free(&r);
	/* A required field left out. */
	buf_init(&f, 4096);
	form_kv(&f, "wb_csrf", tok);
	form_kv(&f, "concerns", "employee");
	form_kv(&f, "reporter_category", "student");
	form_kv(&f, "what", "Noe skjedde i gymtimen");
	client_req(&c, "POST", "/whistle", buf_cstr(&f),
	    "application/x-www-form-urlencoded", &r);
	buf_free(&f);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "Noe skjedde i gymtimen"));
	assert_true(resp_has(&r, "id=\"f-why_censurable-error\""));
	resp_free(&r);
	client_free(&c);
}

static void
test_the_whole_way_without_javascript(void **st)
{
	struct client	visitor, bjorn, emma, admin;
	struct resp	r;
	struct buf	f;
	char		number[64], code[64], tok[128], path[128], h[256];
	const char	*what = "Vaktmesteren lar giftige stoffer stå åpent i skolegården.";
	long long	id;

	(void)st;
	client_init(&visitor, &S);
	form_report(&visitor, 0, what, number, sizeof(number), code,
	    sizeof(code));

	/* The receipt page cannot be fetched again. */
	client_req(&visitor, "GET", "/whistle/mine", NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);

	/* Its nearest leader handles it; the content waits for the
	 * declaration of impartiality. */
	client_init(&bjorn, &S);
	assert_int_equal(client_login(&bjorn, "bjorn.saether", DEMO_PASSWORD), 303);
	id = case_id_on_list(&bjorn, number);
	assert_true(id > 0);
	snprintf(path, sizeof(path), "/whistle/cases/%lld", id);
	client_req(&bjorn, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "value=\"declare_impartial\""));
	assert_false(resp_has(&r, "giftige stoffer"));
	resp_free(&r);
	snprintf(path, sizeof(path), "/whistle/cases/%lld/action", id);
	client_post_form(&bjorn, path, "action=declare_impartial", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	snprintf(path, sizeof(path), "/whistle/cases/%lld", id);
	client_req(&bjorn, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "giftige stoffer"));
	assert_true(resp_has(&r, "value=\"acknowledge\""));
	resp_free(&r);
	snprintf(path, sizeof(path), "/whistle/cases/%lld/action", id);
	client_post_form(&bjorn, path, "action=acknowledge", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	/* Concluding before the accused is heard is refused. */
	client_post_form(&bjorn, path, "action=investigate", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_post_form(&bjorn, path, "action=conclude&report=R&conclusion=C&outcome=partly", &r);
	assert_int_equal(r.status, 409);
	assert_true(resp_has(&r, "kontradiksjon"));
	resp_free(&r);
	client_post_form(&bjorn, path, "action=message&text=Takk%2C+vi+ser+p%C3%A5+saken.", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);

	/* Nobody else sees that it exists: not a colleague, not the admin. */
	client_init(&emma, &S);
	assert_int_equal(client_login(&emma, "emma.johansen", DEMO_PASSWORD), 303);
	snprintf(path, sizeof(path), "/whistle/cases/%lld", id);
	client_req(&emma, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	assert_false(resp_has(&r, number));
	resp_free(&r);
	snprintf(path, sizeof(path), "/whistle/cases/%lld/action", id);
	client_post_form(&emma, path, "action=declare_impartial", &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);
	client_init(&admin, &S);
	assert_int_equal(client_login(&admin, "admin", DEMO_PASSWORD), 303);
	snprintf(path, sizeof(path), "/whistle/cases/%lld", id);
	client_req(&admin, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 404);
	resp_free(&r);

	/* The visitor follows up with the code: sees the receipt confirmed
	 * and the message, and answers. */
	assert_int_equal(receipt_login(&visitor, code, &r), 303);
	assert_int_equal(resp_header(&r, "Location", h, sizeof(h)), 0);
	assert_string_equal(h, "/whistle/mine");
	resp_free(&r);
	client_req(&visitor, "GET", "/whistle/mine", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, number));
	assert_true(resp_has(&r, "giftige stoffer"));
	assert_true(resp_has(&r, "Takk, vi ser på saken."));
	assert_true(resp_has(&r, "Under behandling") || resp_has(&r, "Bekreftet mottatt"));
	assert_int_equal(resp_hidden(&r, "wb_csrf", tok, sizeof(tok)), 0);
	resp_free(&r);
	/* The page's banner flag is declared (wb_mine_query_fields): a value
	 * that is no flag is a 400 naming it, which shows nothing of the
	 * case, and the value is written nowhere in the log. */
	client_req(&visitor, "GET", "/whistle/mine?sent=kanskjeQ7", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "sent:"));
	assert_false(resp_has(&r, number));
	assert_false(resp_has(&r, "giftige"));
	assert_false(resp_has(&r, "Takk, vi ser"));
	assert_false(resp_has(&r, "kanskjeQ7"));
	resp_free(&r);
	assert_false(log_has("kanskjeQ7"));
	client_req(&visitor, "GET", "/whistle/mine?sent=1", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, number));
	resp_free(&r);
	buf_init(&f, 4096);
	form_kv(&f, "wb_csrf", tok);
	form_kv(&f, "text", "Det skjedde igjen i dag.");
	snprintf(path, sizeof(path), "/whistle/mine/%lld/message", id);
	client_req(&visitor, "POST", path, buf_cstr(&f),
	    "application/x-www-form-urlencoded", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	/* Without the token it is refused. */
	client_req(&visitor, "POST", path, "text=forfalsket",
	    "application/x-www-form-urlencoded", &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	buf_free(&f);
	client_req(&visitor, "GET", "/whistle/mine", NULL, NULL, &r);
	assert_true(resp_has(&r, "Det skjedde igjen i dag."));
	assert_false(resp_has(&r, "forfalsket"));
	resp_free(&r);
	snprintf(path, sizeof(path), "/whistle/cases/%lld", id);
	client_req(&bjorn, "GET", path, NULL, NULL, &r);
	assert_true(resp_has(&r, "Det skjedde igjen i dag."));
	resp_free(&r);

	/* Logging out of the case ends the receipt session. */
	buf_init(&f, 4096);
	form_kv(&f, "wb_csrf", tok);
	client_req(&visitor, "POST", "/whistle/receipt/logout", buf_cstr(&f),
	    "application/x-www-form-urlencoded", &r);
	buf_free(&f);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_req(&visitor, "GET", "/whistle/mine", NULL, NULL, &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	/* The receipt page's out=1 banner, and a value that is no flag. */
	client_req(&visitor, "GET", "/whistle/receipt?out=1", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "role=\"status\""));
	resp_free(&r);
	client_req(&visitor, "GET", "/whistle/receipt?out=ja%20takk", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "out:"));
	assert_false(resp_has(&r, "ja takk"));
	resp_free(&r);
	/* The form's oral flag, for a visitor too. */
	client_req(&visitor, "GET", "/whistle/new?oral=muntlig", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "oral:"));
	resp_free(&r);
	assert_false(log_has("muntlig"));
	client_free(&visitor);
	client_free(&bjorn);
	client_free(&emma);
	client_free(&admin);
}

static void
test_wrong_codes_are_refused_then_throttled(void **st)
{
	struct client	c;
	struct resp	r;
	char		h[64];
	int		i, saw401 = 0, saw429 = 0;

	(void)st;
	client_init(&c, &S);
	for (i = 0; i < 40 && !saw429; i++) {
		receipt_login(&c, "ABCD-EFGH-JKMN-PQRS-TVWX-YZ23", &r);
		if (r.status == 401) {
			saw401++;
			assert_true(resp_has(&r, "role=\"alert\""));
		} else if (r.status == 429) {
			saw429 = 1;
			assert_int_equal(resp_header(&r, "Retry-After", h, sizeof(h)), 0);
		} else
			fail_msg("unexpected %ld", r.status);
		resp_free(&r);
	}
	assert_true(saw401 > 0);
	assert_true(saw429);
	client_free(&c);
}

static void
test_statistics_and_oral_need_their_roles(void **st)
{
	struct client	emma, tone, bjorn;
	struct resp	r;

	(void)st;
	client_init(&emma, &S);
	assert_int_equal(client_login(&emma, "emma.johansen", DEMO_PASSWORD), 303);
	client_req(&emma, "GET", "/whistle/stats", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	client_req(&emma, "GET", "/whistle/new?oral=1", NULL, NULL, &r);
	assert_int_equal(r.status, 403);
	resp_free(&r);
	/* A logged-in employee chooses the accused from the staff list. */
	client_req(&emma, "GET", "/whistle/new", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "name=\"accused_login\""));
	assert_true(resp_has(&r, "knyttet til kontoen din"));
	resp_free(&r);

	client_init(&tone, &S);
	assert_int_equal(client_login(&tone, "tone.myhre", DEMO_PASSWORD), 303);
	client_req(&tone, "GET", "/whistle/stats", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "<table"));
	/* The menu offers it to her. */
	assert_true(resp_has(&r, "href=\"/whistle/stats\" aria-current=\"page\""));
	/* Earlier tests made two or three reports this year: small counts
	 * are shown as <3, never as 1 or 2. */
	assert_true(resp_has(&r, "&lt;3"));
	assert_false(resp_has(&r, "class=\"num\">1<") || resp_has(&r, "class=\"num\">2<"));
	/* Counts only: no case numbers, no text. */
	assert_false(resp_has(&r, "VA-"));
	assert_false(resp_has(&r, "giftige"));
	resp_free(&r);
	client_req(&tone, "GET", "/whistle/stats?year=abc", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "year:"));
	resp_free(&r);
	/* The year is declared (wb_stats_query_fields) for both faces: the
	 * form's 0 and the API's all are every year. */
	client_req(&tone, "GET", "/whistle/stats?year=1999", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "year:"));
	resp_free(&r);
	client_req(&tone, "GET", "/whistle/stats?year=2%2C026", NULL, NULL, &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "year:"));
	resp_free(&r);
	client_req(&tone, "GET", "/whistle/stats?year=0", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	client_req(&tone, "GET", "/whistle/stats?year=all", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);

	client_init(&bjorn, &S);
	assert_int_equal(client_login(&bjorn, "bjorn.saether", DEMO_PASSWORD), 303);
	/* A handler finds the cases in the menu. */
	client_req(&bjorn, "GET", "/", NULL, NULL, &r);
	assert_true(resp_has(&r, "href=\"/whistle/cases\""));
	resp_free(&r);
	client_req(&bjorn, "GET", "/whistle/new?oral=1", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "name=\"oral\" value=\"1\""));
	resp_free(&r);
	client_free(&emma);
	client_free(&tone);
	client_free(&bjorn);
}

/* Issue 11 item 7: the words the model stores are shown in words, in
 * bokmål, where they appear: the logged steps on the case page
 * (step_investigation, step_care), the "whistle" notification, and the
 * audit codes of whistleblowing and login events on the audit page. */
static void
test_stored_codes_shown_in_words(void **st)
{
	struct client	visitor, bjorn, admin;
	struct resp	r;
	char		number[64], code[64], path[128];
	long long	id;
	int		i;

	(void)st;
	client_init(&visitor, &S);
	form_report(&visitor, 0, "Noen tar med seg skolens datamaskiner hjem.",
	    number, sizeof(number), code, sizeof(code));
	client_free(&visitor);
	client_init(&bjorn, &S);
	assert_int_equal(client_login(&bjorn, "bjorn.saether", DEMO_PASSWORD), 303);
	id = case_id_on_list(&bjorn, number);
	assert_true(id > 0);
	snprintf(path, sizeof(path), "/whistle/cases/%lld/action", id);
	client_post_form(&bjorn, path, "action=declare_impartial", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_post_form(&bjorn, path, "action=acknowledge", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_post_form(&bjorn, path, "action=investigate", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_post_form(&bjorn, path, "action=log_step&kind=investigation&text=Snakket+med+IT.", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	client_post_form(&bjorn, path, "action=log_step&kind=care&text=Fulgt+opp+varsleren.", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);

	snprintf(path, sizeof(path), "/whistle/cases/%lld", id);
	client_req(&bjorn, "GET", path, NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Snakket med IT."));
	assert_true(resp_has(&r, "Undersøkelse"));
	assert_true(resp_has(&r, "Omsorg"));
	assert_false(resp_has(&r, "step_investigation"));
	assert_false(resp_has(&r, "step_care"));
	resp_free(&r);

	/* The handler was told of the new case: "Varsling", not "whistle". */
	client_req(&bjorn, "GET", "/notifications", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "<strong>Varsling</strong>"));
	assert_false(resp_has(&r, ">whistle<"));
	resp_free(&r);
	client_free(&bjorn);

	/* The audit page: whistleblowing and login events in words; a login
	 * held back by the growing delays is "delayed", not "blocked". */
	client_init(&admin, &S);
	for (i = 0; i < 5; i++)
		assert_int_not_equal(client_login(&admin, "ukjent.bruker", "gjett"), 303);
	assert_int_not_equal(client_login(&admin, "admin", "not the password"), 303);
	assert_int_equal(client_login(&admin, "admin", DEMO_PASSWORD), 303);
	client_req(&admin, "GET", "/admin/audit", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_true(resp_has(&r, "Varselsak behandlet"));
	assert_true(resp_has(&r, "Varsel mottatt"));
	assert_true(resp_has(&r, "Mislykket innlogging"));
	assert_true(resp_has(&r, "Innlogging forsinket"));
	assert_false(resp_has(&r, "sperret"));
	assert_false(resp_has(&r, "login_throttled"));
	assert_false(resp_has(&r, "whistle_act"));
	assert_false(resp_has(&r, "whistle_received"));
	assert_false(resp_has(&r, "login_failed"));
	assert_false(resp_has(&r, ">whistle_case<"));
	assert_false(resp_has(&r, ">whistle<"));
	resp_free(&r);
	client_free(&admin);
}

/* One declared table for a handler's actions (whistle/wb_input.h): the
 * case page and the API refuse the same over-long value, naming the
 * same field, before anything is done. */
static void
test_action_limits_same_both_faces(void **st)
{
	struct client	 visitor, bjorn, api;
	struct resp	 r;
	struct buf	 f;
	json_t		*j;
	char		 number[64], code[64], tok[128], path[128];
	long long	 id;
	size_t		 i;

	(void)st;
	client_init(&visitor, &S);
	form_report(&visitor, 0, "Noen tar betalt for skoleplasser.", number,
	    sizeof(number), code, sizeof(code));
	client_free(&visitor);
	client_init(&bjorn, &S);
	assert_int_equal(client_login(&bjorn, "bjorn.saether", DEMO_PASSWORD), 303);
	id = case_id_on_list(&bjorn, number);
	assert_true(id > 0);
	snprintf(path, sizeof(path), "/whistle/cases/%lld", id);
	client_req(&bjorn, "GET", path, NULL, NULL, &r);	/* CSRF */
	resp_free(&r);
	snprintf(path, sizeof(path), "/whistle/cases/%lld/action", id);
	buf_init(&f, 21000);
	buf_puts(&f, "action=message&text=");
	for (i = 0; i < 20001; i++)
		buf_puts(&f, "a");
	client_post_form(&bjorn, path, buf_cstr(&f), &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "f-text") || resp_has(&r, "text"));
	resp_free(&r);

	token_for(&S, NULL, "bjorn.saether", tok, sizeof(tok));
	api_client(&api, &S, NULL, tok);
	snprintf(path, sizeof(path), "/api/v1/whistle/cases/%lld/actions", id);
	buf_reset(&f);
	buf_puts(&f, "{\"action\":\"message\",\"text\":\"");
	for (i = 0; i < 20001; i++)
		buf_puts(&f, "a");
	buf_puts(&f, "\"}");
	j = api_json(&api, "POST", path, buf_cstr(&f), 400);
	assert_string_equal(json_err_field(j), "text");
	json_decref(j);
	/* A made-up action of 41 characters: both say it is the action. */
	j = api_json(&api, "POST", path, "{\"action\":\""
	    "abcdefghijabcdefghijabcdefghijabcdefghijx\"}", 400);
	assert_string_equal(json_err_field(j), "action");
	json_decref(j);
	snprintf(path, sizeof(path), "/whistle/cases/%lld/action", id);
	client_post_form(&bjorn, path, "action="
	    "abcdefghijabcdefghijabcdefghijabcdefghijx", &r);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	buf_free(&f);
	client_free(&api);
	client_free(&bjorn);
}

/* A reporter's message meets one bound through the public page and the
 * API: 8000 characters go through both (the page once had 6000 of its
 * own), 10001 through neither, and nothing is stored then. */
static void
test_reporter_message_limits_same_both_faces(void **st)
{
	struct client	 visitor, bjorn;
	struct resp	 r;
	struct buf	 f, big;
	json_t		*j;
	char		 number[64], code[64], tok[128], path[128];
	long long	 id;
	size_t		 i;

	(void)st;
	client_init(&visitor, &S);
	form_report(&visitor, 0, "Noen kjører for fort i skolegården.", number,
	    sizeof(number), code, sizeof(code));
	client_init(&bjorn, &S);
	assert_int_equal(client_login(&bjorn, "bjorn.saether", DEMO_PASSWORD), 303);
	id = case_id_on_list(&bjorn, number);
	assert_true(id > 0);
	assert_int_equal(receipt_login(&visitor, code, &r), 303);
	resp_free(&r);
	client_req(&visitor, "GET", "/whistle/mine", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(resp_hidden(&r, "wb_csrf", tok, sizeof(tok)), 0);
	resp_free(&r);

	buf_init(&big, 10100);
	buf_puts(&big, "Lang-melding-7701 ");
	for (i = big.len; i < 8000; i++)
		buf_puts(&big, "a");
	snprintf(path, sizeof(path), "/whistle/mine/%lld/message", id);
	buf_init(&f, 12000);
	form_kv(&f, "wb_csrf", tok);
	form_kv(&f, "text", buf_cstr(&big));
	client_req(&visitor, "POST", path, buf_cstr(&f),
	    "application/x-www-form-urlencoded", &r);
	assert_int_equal(r.status, 303);
	resp_free(&r);
	snprintf(path, sizeof(path), "/api/v1/whistle/reports/%lld/messages", id);
	buf_reset(&f);
	buf_puts(&f, "{\"text\":\"Lang-melding-7702 ");
	for (i = 0; i < 7982; i++)
		buf_puts(&f, "a");
	buf_puts(&f, "\"}");
	assert_int_equal(api_call(&visitor, "POST", path, buf_cstr(&f), &j), 201);
	json_decref(j);

	/* 10001 characters: refused by both, and not stored. */
	while (big.len < 10001)
		buf_puts(&big, "b");
	memcpy(big.data, "For-lang-7703    ", 17);
	snprintf(path, sizeof(path), "/whistle/mine/%lld/message", id);
	buf_reset(&f);
	form_kv(&f, "wb_csrf", tok);
	form_kv(&f, "text", buf_cstr(&big));
	client_req(&visitor, "POST", path, buf_cstr(&f),
	    "application/x-www-form-urlencoded", &r);
	assert_int_equal(r.status, 400);
	resp_free(&r);
	snprintf(path, sizeof(path), "/api/v1/whistle/reports/%lld/messages", id);
	buf_reset(&f);
	buf_puts(&f, "{\"text\":\"For-lang-7704 ");
	for (i = 0; i < 9988; i++)
		buf_puts(&f, "b");
	buf_puts(&f, "\"}");
	j = api_json(&visitor, "POST", path, buf_cstr(&f), 400);
	assert_string_equal(json_err_field(j), "text");
	json_decref(j);

	/* What the reporter sees of the case: the two, not the refused. */
	assert_int_equal(api_call(&visitor, "GET", "/api/v1/whistle/reports/mine",
	    NULL, &j), 200);
	{
		char *d = json_dumps(j, 0);

		assert_non_null(strstr(d, "Lang-melding-7701"));
		assert_non_null(strstr(d, "Lang-melding-7702"));
		assert_null(strstr(d, "For-lang-7703"));
		assert_null(strstr(d, "For-lang-7704"));
		free(d);
	}
	json_decref(j);
	buf_free(&f);
	buf_free(&big);
	client_free(&visitor);
	client_free(&bjorn);
}

/* A report meets one table (wb_report_fields) through the public form
 * and the API: 15000 characters of what happened go through both (the
 * form once stopped at 12000 of its own), 20001 through neither, each
 * naming the field, and nothing is stored then. */
static void
test_report_limits_same_both_faces(void **st)
{
	struct client	 visitor, api;
	struct resp	 r;
	struct buf	 what, f;
	json_t		*j;
	char		 number[64], code[64], tok[128], unit[32];
	int64_t		 before;
	size_t		 i;

	(void)st;
	buf_init(&what, 21000);
	buf_puts(&what, "Langt-varsel-8801 ");
	while (what.len < 15000)
		buf_puts(&what, "a");
	client_init(&visitor, &S);
	form_report(&visitor, 0, buf_cstr(&what), number, sizeof(number), code,
	    sizeof(code));
	client_free(&visitor);
	snprintf(unit, sizeof(unit), "%lld", (long long)srv_db_int(&S,
	    "SELECT id FROM units WHERE name = $1", "Vestre skole"));
	api_client(&api, &S, NULL, NULL);
	buf_init(&f, 1u << 16);
	buf_printf(&f, "{\"concerns\":\"employee\",\"reporter_category\":"
	    "\"hired\",\"unit_id\":%s,\"anonymous\":true,\"why_censurable\":"
	    "\"Farlig.\",\"what\":\"%s\"}", unit, buf_cstr(&what));
	json_decref(api_json(&api, "POST", "/api/v1/whistle/reports",
	    buf_cstr(&f), 201));

	/* 20001: refused by both, naming what, and not stored. */
	before = srv_db_int(&S, "SELECT count(*) FROM whistle_cases", NULL);
	buf_reset(&what);
	for (i = 0; i < 20001; i++)
		buf_puts(&what, "b");
	client_init(&visitor, &S);
	client_req(&visitor, "GET", "/whistle/new", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(resp_hidden(&r, "wb_csrf", tok, sizeof(tok)), 0);
	resp_free(&r);
	buf_reset(&f);
	form_kv(&f, "wb_csrf", tok);
	form_kv(&f, "concerns", "employee");
	form_kv(&f, "direct_to", "no");
	form_kv(&f, "what", buf_cstr(&what));
	form_kv(&f, "why_censurable", "Farlig.");
	form_kv(&f, "reporter_category", "hired");
	form_kv(&f, "unit_id", unit);
	form_kv(&f, "anonymous", "1");
	client_req(&visitor, "POST", "/whistle", buf_cstr(&f),
	    "application/x-www-form-urlencoded", &r);
	assert_int_equal(r.status, 400);
	assert_true(resp_has(&r, "f-what-error"));
	resp_free(&r);
	buf_reset(&f);
	buf_printf(&f, "{\"concerns\":\"employee\",\"reporter_category\":"
	    "\"hired\",\"unit_id\":%s,\"anonymous\":true,\"why_censurable\":"
	    "\"Farlig.\",\"what\":\"%s\"}", unit, buf_cstr(&what));
	j = api_json(&api, "POST", "/api/v1/whistle/reports", buf_cstr(&f), 400);
	assert_string_equal(json_err_field(j), "what");
	json_decref(j);
	assert_int_equal(srv_db_int(&S, "SELECT count(*) FROM whistle_cases",
	    NULL), before);
	buf_free(&f);
	buf_free(&what);
	client_free(&visitor);
	client_free(&api);
}

/* How many times needle occurs in [s, e). */
static int
count_in(const char *s, const char *e, const char *needle)
{
	const char	*p;
	int		 n = 0;

	for (p = s; (p = strstr(p, needle)) != NULL && p < e; p++)
		n++;
	return n;
}

/* An employee signed in files anonymous reports (the web form and the
 * API) and follows them with the receipt (web and API), between rows of
 * their own (a login before, another after). Nothing in the audit log, as
 * admin, quality and the auditor read it, links them to the reports: the
 * reporter's rows name nobody and carry only the day, the timeline leaves
 * them out (no sequence number to show a gap), and the day table says only
 * how many. */
static void
test_audit_cannot_tell_a_signed_in_reporter(void **st)
{
	static const char *readers[] = { "admin", "ingrid.haugen", "eva.strom" };
	struct client	 lars, later, rc[3];
	struct resp	 r;
	json_t		*j;
	char		 number[32], code[128], api_code[128], body[512], sql[512];
	char		 person[64];
	const char	*b, *tb, *te, *first;
	long long	 mark, id;
	size_t		 i;

	(void)st;
	for (i = 0; i < 3; i++)
		session_client(&rc[i], &S, readers[i]);
	id = srv_db_int(&S, "SELECT id FROM people WHERE login = $1",
	    "lars.eriksen");
	snprintf(person, sizeof(person), "/admin/people/%lld\"", id);
	mark = srv_db_int(&S, "SELECT MAX(seq) FROM audit_log", NULL);

	/* Signed in: the web form, then the receipt on the web. */
	client_init(&lars, &S);
	assert_int_equal(client_login(&lars, "lars.eriksen", DEMO_PASSWORD), 303);
	form_report(&lars, 1, "Signert inn, men anonym.", number,
	    sizeof(number), code, sizeof(code));
	assert_int_equal(receipt_login(&lars, code, &r), 303);
	resp_free(&r);
	client_req(&lars, "GET", "/whistle/mine", NULL, NULL, &r);
	assert_int_equal(r.status, 200);
	resp_free(&r);
	/* The API, still signed in, and its receipt. */
	lars.csrf_header = 1;
	(void)wb_report_ok(&lars, "{\"concerns\":\"employee\","
	    "\"reporter_category\":\"employee\",\"anonymous\":true,"
	    "\"accused_name\":\"En kollega\",\"what\":\"Også via API.\","
	    "\"why_censurable\":\"Det er farlig.\"}", &j);
	snprintf(api_code, sizeof(api_code), "%s",
	    json_string_value(json_object_get(j, "receipt_code")));
	json_decref(j);
	snprintf(body, sizeof(body), "{\"receipt_code\":\"%s\"}", api_code);
	assert_int_equal(api_call(&lars, "POST", "/api/v1/whistle/receipt",
	    body, &j), 200);
	json_decref(j);
	assert_int_equal(api_call(&lars, "GET", "/api/v1/whistle/reports/mine",
	    NULL, &j), 200);
	json_decref(j);
	client_free(&lars);
	/* A row of theirs after the reports. */
	client_init(&later, &S);
	assert_int_equal(client_login(&later, "lars.eriksen", DEMO_PASSWORD), 303);
	client_free(&later);

	/* In the database: two reports and at least two reads by a reporter,
	 * none naming anyone or saying more, all timed at the start of the
	 * day, none after the reporter's first row; and no row names the
	 * reporter except their own logins. */
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM audit_log WHERE seq > %lld"
	    " AND object_type = 'whistle_case' AND actor_id IS NULL AND detail"
	    " IS NULL AND action IN ('whistle_received', 'whistle_read')", mark);
	assert_true(srv_db_int(&S, sql, NULL) >= 4);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM audit_log WHERE seq > %lld"
	    " AND object_type = 'whistle_case' AND (actor_id IS NOT NULL OR"
	    " detail IS NOT NULL OR at %% 3600 <> 0 OR at > (SELECT MIN(at)"
	    " FROM audit_log WHERE seq > %lld AND actor_id = %lld))", mark, mark,
	    id);
	assert_int_equal(srv_db_int(&S, sql, NULL), 0);
	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM audit_log WHERE seq > %lld"
	    " AND (actor_id = %lld OR (object_type = 'person' AND object_id ="
	    " %lld) OR detail LIKE '%%lars%%') AND action <> 'login'", mark, id,
	    id);
	assert_int_equal(srv_db_int(&S, sql, NULL), 0);

	for (i = 0; i < 3; i++) {
		client_req(&rc[i], "GET", "/admin/audit", NULL, NULL, &r);
		assert_int_equal(r.status, 200);
		b = buf_cstr(&r.body);
		/* The timeline, newest first, down to the reporter's first
		 * row: their two logins and nothing about whistleblowing. */
		assert_non_null(tb = strstr(b, "<tbody>"));
		assert_non_null(te = strstr(tb, "</tbody>"));
		assert_int_equal(count_in(tb, te, "Lars Eriksen"), 2);
		for (first = tb; strstr(first + 1, "Lars Eriksen") != NULL &&
		    strstr(first + 1, "Lars Eriksen") < te;)
			first = strstr(first + 1, "Lars Eriksen");
		if (count_in(tb, first, "Varsel") != 0 ||
		    count_in(tb, first, "(vises ikke: varsling)") != 0)
			fail_msg("%s: a whistleblowing row sits among the "
			    "reporter's rows", readers[i]);
		assert_null(strstr(te, "Lars"));
		/* The day table: how many, by day, nothing more. */
		assert_non_null(strstr(te, "Varsel mottatt"));
		assert_non_null(strstr(te, "Varselsak lest"));
		assert_null(strstr(b, number));
		assert_null(strstr(te, person));
		assert_null(strstr(b, "127.0.0.1"));
		assert_null(strstr(te, "/whistle/cases/"));
		resp_free(&r);
		client_free(&rc[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_front_door_is_public),
		cmocka_unit_test(test_public_form_needs_its_token),
		cmocka_unit_test(test_errors_keep_what_was_written),
		cmocka_unit_test(test_the_whole_way_without_javascript),
		cmocka_unit_test(test_wrong_codes_are_refused_then_throttled),
		cmocka_unit_test(test_statistics_and_oral_need_their_roles),
		cmocka_unit_test(test_stored_codes_shown_in_words),
		cmocka_unit_test(test_action_limits_same_both_faces),
		cmocka_unit_test(test_reporter_message_limits_same_both_faces),
		cmocka_unit_test(test_report_limits_same_both_faces),
		cmocka_unit_test(test_audit_cannot_tell_a_signed_in_reporter),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
