/* web/whistle/new.c: "Send et varsel", the report form, and the receipt.
 *
 * One form serves three people: someone without an account (public), a
 * logged-in person (the report is linked to their account unless they
 * tick anonymous), and a handler registering an oral report (?oral=1,
 * AZ_WB_REGISTER_ORAL). The fields are the regulations' (seeds/004): whom
 * it concerns, the accused, the nearest-leader and HR/finance choices,
 * what, why it is censurable, when, where, who was involved, whether it
 * is meant as a whistleblowing report, who the reporter is (the
 * exhaustive list), on behalf of others, anonymous.
 *
 * The route is public and exempt from the session CSRF check, so the form
 * carries a double-submit token (web_wb_csrf_*). The receipt page is the
 * POST's own answer, never a redirect: the receipt code is shown exactly
 * once and can never be fetched again (Cache-Control: no-store). Nothing
 * written in the form is logged. */
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "html/form.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "util/arena.h"
#include "util/num.h"
#include "web/document/doc_web.h"
#include "web/labels.h"
#include "web/ui.h"
#include "web/web.h"
#include "web/whistle/pages.h"
#include "whistle/wb_input.h"
#include "whistle/whistle.h"

/* Bounded so that a long report in Norwegian still fits the body limit
 * of a request without a login (HTTP_MAX_BODY_ANON) once urlencoded. */
/* What the form needs, loaded before anything is written. */
struct wb_form {
	int		 oral;		/* a handler registers an oral report */
	int		 account;	/* logged in and not oral: linked unless anonymous */
	struct unit	*units;
	size_t		 nunits;
	struct person	*people;	/* for choosing the accused (logged in only) */
	size_t		 npeople;
	const char	**parties;	/* the accused's party, about an elected
					   official (whistle_parties; public) */
	size_t		 nparties;
	/* "Find the person": the form comes back with what was written and
	 * the people whose names match (whistle_people_search). */
	int		 searched;
	struct wb_person_hit *hits;
	size_t		 nhits;
};

static const char *
field_message(const char *field)
{
	if (strcmp(field, "concerns") == 0)
		return _("Choose whom the report concerns.");
	if (strcmp(field, "what") == 0)
		return _("Describe what happened.");
	if (strcmp(field, "why_censurable") == 0)
		return _("Say why you think it is censurable.");
	if (strcmp(field, "reporter_category") == 0)
		return _("Choose what describes you.");
	if (strcmp(field, "direct_to") == 0)
		return _("Sending directly to HR or finance is only for a report about a colleague.");
	if (strcmp(field, "direct_reason") == 0)
		return _("Say why it should go directly to HR or finance.");
	if (strcmp(field, "accused_login") == 0)
		return _("Choose a person from the list, or write the name.");
	if (strcmp(field, "accused_name") == 0)
		return _("Write the name of the person it concerns.");
	if (strcmp(field, "accused_id") == 0)
		return _("Choose one of the people found, or keep the name as written.");
	if (strcmp(field, "unit_id") == 0)
		return _("Choose a unit from the list.");
	if (strcmp(field, "accused_party") == 0)
		return _("Choose the party of the elected official it concerns: it decides who receives the report. It is needed unless you chose the person from the search and Orden knows their party.");
	if (strcmp(field, "evidence") == 0 || strcmp(field, "attachments") == 0)
		return _("Attach at most 5 files, at most 10 MB together, each with a name.");
	if (strcmp(field, "reporter_name") == 0 ||
	    strcmp(field, "reporter_contact") == 0)
		return _("You chose to be anonymous: leave your name and contact out, or untick anonymous.");
	return _("Check this field.");
}

/* The submitted value when re-rendering, else NULL. */
static const char *
again_val(struct http_req *req, int again, const char *name)
{
	return again ? http_form(req, name) : NULL;
}

static int
again_flag(struct http_req *req, int again, const char *name, int dflt)
{
	const char *s;

	if (!again)
		return dflt;
	s = http_form(req, name);
	return s != NULL && s[0] != '\0' && strcmp(s, "0") != 0;
}

static void
fieldset_begin(struct buf *b, const char *name, const char *legend,
    const char *hint, const char *error, const char *cls)
{
	char id[80];

	snprintf(id, sizeof(id), "f-%s", name);
	html_fmt(b, "<fieldset class=\"field %s%R\"", cls,
	    error != NULL ? " invalid" : "");
	html_describedby(b, id, hint, error);
	html_fmt(b, "><legend>%s</legend>", legend);
	html_hint_error(b, id, hint, error);
}

/* One radio button with an optional hint under its label. */
static void
radio(struct buf *b, const char *name, const char *value, const char *label,
    const char *hint, int checked)
{
	html_fmt(b, "<div class=\"choice\"><input type=\"radio\" name=\"%s\" "
	    "id=\"f-%s-%s\" value=\"%s\"%R><label for=\"f-%s-%s\">", name, name,
	    value, value, checked ? " checked" : "", name, value);
	if (hint != NULL)
		html_fmt(b, "<strong>%s</strong><span class=\"hint\">%s</span>",
		    label, hint);
	else
		html_fmt(b, "%s", label);
	html_fmt(b, "</label></div>");
}

static void
put_concerns(struct buf *b, const char *sel, const char *error)
{
	static const char *const hints[WB_CONCERNS_MAX] = {
		N_("An employee of the municipality, also your own leader."),
		N_("The municipality's top leader (kommunedirektør / rådmann)."),
		N_("A member of the council, the executive committee or another political body."),
	};
	int i;

	fieldset_begin(b, "concerns", _("Whom does it concern?"), NULL, error,
	    "choices");
	for (i = 0; i < WB_CONCERNS_MAX; i++)
		radio(b, "concerns", wb_concerns_name((enum wb_concerns)i),
		    web_wb_concerns_label((enum wb_concerns)i), _(hints[i]),
		    sel != NULL && strcmp(sel, wb_concerns_name(
		    (enum wb_concerns)i)) == 0);
	html_fmt(b, "</fieldset>\n");
}

/* About an elected official the accused's party decides who receives
 * the report (seeds/004 vedlegg 3 and 4), so it is asked when the person
 * is not picked: a choice among the parties Orden knows, on the public
 * form too (party names are public; nobody's name is shown). */
static void
put_party(struct buf *b, struct http_req *req, const struct wb_form *f,
    int again, const struct web_form_err *e)
{
	const char	*sel = again_val(req, again, "accused_party");
	const char	*err = web_form_err_for(req, e, "accused_party");
	size_t		 i;

	html_fmt(b, "<div class=\"field%R\"><label for=\"f-accused_party\">%s"
	    "</label><p class=\"hint\" id=\"f-accused_party-hint\">%s</p>",
	    err != NULL ? " invalid" : "",
	    _("Party of the person it concerns (about an elected official)"),
	    _("Needed when the report concerns an elected official and you have not chosen the person from the search: from an elected official it goes to that party's group leader, and the party's members of the executive committee step aside."));
	if (err != NULL)
		html_fmt(b, "<p class=\"error\" id=\"f-accused_party-error\">"
		    "%s</p>", err);
	html_fmt(b, "<select id=\"f-accused_party\" name=\"accused_party\" "
	    "aria-describedby=\"f-accused_party-hint%R\"%R><option value=\"\">"
	    "%s</option>", err != NULL ? " f-accused_party-error" : "",
	    err != NULL ? " aria-invalid=\"true\"" : "",
	    _("Not about an elected official, or I chose the person"));
	for (i = 0; i < f->nparties; i++)
		html_fmt(b, "<option value=\"%s\"%R>%s</option>", f->parties[i],
		    sel != NULL && strcmp(sel, f->parties[i]) == 0 ?
		    " selected" : "", f->parties[i]);
	html_fmt(b, "</select></div>\n");
}

static void
put_accused(struct buf *b, struct http_req *req, const struct wb_form *f,
    int again, const struct web_form_err *e)
{
	const char	*sel = again_val(req, again, "accused_login");
	const char	*err;
	size_t		 i;

	html_fmt(b, "<fieldset class=\"group\"><legend>%s</legend>",
	    _("Who is it about?"));
	html_fmt(b, "<p class=\"hint\">%s</p>", _("Optional, but it helps those who investigate. The person it concerns never sees the case."));
	if (f->people != NULL) {
		err = web_form_err_for(req, e, "accused_login");
		html_fmt(b, "<div class=\"field%R\"><label for=\"f-accused_login\">"
		    "%s</label>", err != NULL ? " invalid" : "",
		    _("Choose the person"));
		if (err != NULL)
			html_fmt(b, "<p class=\"error\" id=\"f-accused_login-error\">"
			    "%s</p>", err);
		html_fmt(b, "<select id=\"f-accused_login\" name=\"accused_login\"%R>"
		    "<option value=\"\">%s</option>", err != NULL ?
		    " aria-invalid=\"true\" aria-describedby=\"f-accused_login-error\"" :
		    "", _("Not in the list, or I do not want to say"));
		for (i = 0; i < f->npeople; i++) {
			if (!f->people[i].active)
				continue;
			html_fmt(b, "<option value=\"%s\"%R>%s</option>",
			    f->people[i].login, sel != NULL &&
			    strcmp(sel, f->people[i].login) == 0 ? " selected" : "",
			    f->people[i].name);
		}
		html_fmt(b, "</select></div>\n");
	}
	/* autocomplete="off": a browser would fill in the reporter's own name. */
	html_input_ac(b, "accused_name", f->people != NULL ?
	    _("Or write the name") : _("Name of the person it concerns"), "text",
	    again_val(req, again, "accused_name"), 0,
	    web_form_err_for(req, e, "accused_name"), "off");
	/* Without JavaScript: the button sends the form back to be shown
	 * again with the people whose names match; nothing is sent yet. */
	html_fmt(b, "<p class=\"hint\">%s</p><button type=\"submit\" "
	    "name=\"find_accused\" value=\"1\" formnovalidate "
	    "class=\"secondary\">%s</button>\n",
	    _("Write at least 3 letters of the name and find the person, so that the report surely does not reach them. You may also just write the name."),
	    _("Find the person"));
	if (f->searched) {
		const char *picked = again_val(req, again, "accused_id");

		html_fmt(b, "<fieldset class=\"field radios\" id=\"f-accused_id\">"
		    "<legend>%s</legend>", f->nhits > 0 ?
		    _("Is it one of these?") : _("Nobody by that name was found."));
		for (i = 0; i < f->nhits; i++) {
			char val[32], label[600];

			snprintf(val, sizeof(val), "%lld", (long long)f->hits[i].id);
			snprintf(label, sizeof(label), "%s%s%s", f->hits[i].name,
			    f->hits[i].unit != NULL || f->hits[i].party != NULL ?
			    " – " : "", f->hits[i].unit != NULL ? f->hits[i].unit :
			    f->hits[i].party != NULL ? f->hits[i].party : "");
			radio(b, "accused_id", val, label, NULL, picked != NULL &&
			    strcmp(picked, val) == 0);
		}
		radio(b, "accused_id", "0", _("None of these: use the name as I wrote it"),
		    NULL, f->nhits == 0 || picked == NULL || strcmp(picked, "0") == 0);
		html_fmt(b, "</fieldset>\n");
	} else if (again && (sel = http_form(req, "accused_id")) != NULL &&
	    strcmp(sel, "0") != 0 && sel[0] != '\0')
		html_fmt(b, "<input type=\"hidden\" name=\"accused_id\" value=\"%s\">",
		    sel);
	put_party(b, req, f, again, e);
	html_checkbox(b, "about_nearest_leader", _("This is my nearest leader"),
	    again_flag(req, again, "about_nearest_leader", 0),
	    _("Then the report goes to the leader above your leader, not to your leader."));
	html_fmt(b, "</fieldset>\n");
}

static void
put_direct(struct buf *b, struct http_req *req, int again,
    const struct web_form_err *e)
{
	const char *sel = again_val(req, again, "direct_to");

	if (sel == NULL)
		sel = "";
	fieldset_begin(b, "direct_to", _("Send it directly to HR or finance?"),
	    _("Normally the report goes to your nearest leader. With weighty reasons, a report about the working environment can go directly to the head of HR, and one about finances to the head of finance. Then you must say why."),
	    web_form_err_for(req, e, "direct_to"), "radios");
	radio(b, "direct_to", "no", _("No, the normal way"), NULL,
	    strcmp(sel, "hr") != 0 && strcmp(sel, "finance") != 0);
	radio(b, "direct_to", "hr", _("Directly to the head of HR (working environment)"),
	    NULL, strcmp(sel, "hr") == 0);
	radio(b, "direct_to", "finance", _("Directly to the head of finance (finances)"),
	    NULL, strcmp(sel, "finance") == 0);
	html_textarea(b, "direct_reason", _("Why directly? (needed if you chose HR or finance)"),
	    again_val(req, again, "direct_reason"), 0, NULL,
	    web_form_err_for(req, e, "direct_reason"));
	html_fmt(b, "</fieldset>\n");
}

static void
put_what(struct buf *b, struct http_req *req, int again,
    const struct web_form_err *e)
{
	html_fmt(b, "<fieldset class=\"group\"><legend>%s</legend>",
	    _("What happened?"));
	html_textarea(b, "what", _("What happened"),
	    again_val(req, again, "what"), 1,
	    _("Tell it in your own words. A suspicion or a concern is enough."),
	    web_form_err_for(req, e, "what"));
	html_textarea(b, "why_censurable", _("Why is it censurable?"),
	    again_val(req, again, "why_censurable"), 1,
	    _("For example: it breaks a law or the ethical guidelines, or puts someone in danger."),
	    web_form_err_for(req, e, "why_censurable"));
	html_input_ac(b, "when", _("When did it happen? (optional)"), "text",
	    again_val(req, again, "when"), 0, web_form_err_for(req, e, "when"),
	    "off");
	html_input_ac(b, "where", _("Where did it happen? (optional)"), "text",
	    again_val(req, again, "where"), 0, web_form_err_for(req, e, "where"),
	    "off");
	html_textarea(b, "involved", _("Who was involved, or saw it? (optional)"),
	    again_val(req, again, "involved"), 0,
	    _("Only if it does not break a duty of confidentiality."),
	    web_form_err_for(req, e, "involved"));
	html_checkbox(b, "meant_as_whistleblowing",
	    _("I mean this as a whistleblowing report"),
	    again_flag(req, again, "meant_as_whistleblowing", 1),
	    _("Saying so avoids misunderstandings. Untick it if you only want to tell us something."));
	html_fmt(b, "</fieldset>\n");
}

static void
put_reporter(struct buf *b, struct http_req *req, const struct wb_form *f,
    int again, const struct web_form_err *e)
{
	const char	*sel = again_val(req, again, "reporter_category"), *s;
	int64_t		 unit = 0;
	int		 i;

	html_fmt(b, "<fieldset class=\"group\"><legend>%s</legend>",
	    f->oral ? _("About the person who reported") : _("About you"));
	fieldset_begin(b, "reporter_category", f->oral ?
	    _("The person who reported is") : _("I am"),
	    _("Only these may report under the whistleblowing rules. If none fits, the report is still read, but registered as not a whistleblowing case."),
	    web_form_err_for(req, e, "reporter_category"), "radios");
	for (i = 0; i < WB_REP_MAX; i++)
		radio(b, "reporter_category", wb_reporter_name((enum wb_reporter)i),
		    web_wb_reporter_label((enum wb_reporter)i), NULL,
		    sel != NULL ? strcmp(sel, wb_reporter_name(
		    (enum wb_reporter)i)) == 0 : (!f->oral && f->account &&
		    i == WB_REP_EMPLOYEE));
	html_fmt(b, "</fieldset>\n");
	if (!f->account) {
		if (again && (s = http_form(req, "unit_id")) != NULL)
			(void)num_parse_i64(s, 0, INT64_MAX, &unit);
		web_unit_select_open(b, "f-unit_id", "unit_id", f->oral ?
		    _("Where does the person work or belong?") :
		    _("Where do you work or belong?"), f->units, f->nunits, unit,
		    _("I do not know, or it does not fit"), 0, 0,
		    web_form_err_for(req, e, "unit_id"));
	}
	html_checkbox(b, "on_behalf_of_others", f->oral ?
	    _("Reported on behalf of others") : _("I report on behalf of others"),
	    again_flag(req, again, "on_behalf_of_others", 0),
	    _("Make sure they agree. Someone who reports on behalf of others is not a party to the case, and is only told when it is closed."));
	html_checkbox(b, "anonymous", f->oral ? _("The person wants to be anonymous") :
	    f->account ? _("Send it anonymously, not linked to my account") :
	    _("I want to be anonymous"),
	    again_flag(req, again, "anonymous", 0),
	    f->account ? _("You then get a receipt code instead, and nobody can see that the report came from you.") :
	    _("Then leave your name and contact out. With the receipt code you can still read answers and reply."));
	if (!f->account) {
		html_input_ac(b, "reporter_name", f->oral ?
		    _("Name of the person who reported (unless anonymous)") :
		    _("Your name (unless anonymous)"), "text",
		    again_val(req, again, "reporter_name"), 0,
		    web_form_err_for(req, e, "reporter_name"),
		    f->oral ? "off" : "name");
		html_input_ac(b, "reporter_contact", f->oral ?
		    _("How to reach the person: e-mail or phone (unless anonymous)") :
		    _("How can we reach you? E-mail or phone (unless anonymous)"),
		    "text", again_val(req, again, "reporter_contact"), 0,
		    web_form_err_for(req, e, "reporter_contact"), "off");
	}
	html_fmt(b, "</fieldset>\n");
}

/* Evidence: files go with the report, encrypted like the text. A browser
 * cannot refill a file input, so after an error the hint says so. */
static void
put_evidence(struct buf *b, struct http_req *req, int again,
    const struct web_form_err *e)
{
	const char *err = web_form_err_for(req, e, "evidence");

	html_fmt(b, "<div class=\"field%s\"><label for=\"f-evidence\">%s</label>"
	    "<p class=\"hint\" id=\"f-evidence-hint\">%s</p>",
	    err != NULL ? " invalid" : "", _("Evidence (optional)"),
	    _("Documents, pictures, e-mails or other files that show what happened. At most 5 files, 10 MB together. The files are encrypted, and only those who handle the case can open them. File names can reveal who you are: rename a file first if needed."));
	if (again)
		html_fmt(b, "<p class=\"hint\">%s</p>",
		    _("Files you chose before must be chosen again."));
	if (err != NULL)
		html_fmt(b, "<p class=\"error\" id=\"f-evidence-err\">%s</p>", err);
	html_fmt(b, "<input type=\"file\" id=\"f-evidence\" name=\"evidence\" multiple "
	    "aria-describedby=\"f-evidence-hint%s\"%s></div>\n",
	    err != NULL ? " f-evidence-err" : "",
	    err != NULL ? " aria-invalid=\"true\"" : "");
}

static void
wb_form_render(struct http_req *req, struct http_resp *resp, int status,
    const struct wb_form *f, const struct web_form_err *e)
{
	struct buf	*b = &resp->body;
	const char	*tok, *title;
	int		 again = status != 200 || f->searched;

	if ((tok = web_wb_csrf_token(req, resp)) == NULL) {
		web_failed(req, resp);
		return;
	}
	resp->status = status;
	title = f->oral ? _("Register an oral report") : _("Send a report");
	html_page_begin(b, req, title, "wb_start");
	html_fmt(b, "<p class=\"back\"><a href=\"%H\">%s</a></p>\n<h1>%s</h1>\n",
	    f->oral ? "/whistle/cases" : "/whistle", f->oral ?
	    _("Back to the cases") : _("About whistleblowing"), title);
	if (f->searched && (e == NULL || e->msg == NULL))
		web_notice(b, _("The report is not sent yet. Choose the person below, then send it."));
	else if (again)
		web_error(b, e != NULL && e->field == NULL && e->msg != NULL ?
		    e->msg : _("The report was not sent. Check the field marked below: everything you wrote is still here."));
	else if (f->oral)
		html_fmt(b, "<p class=\"lead\">%s</p>\n", _("Write down what the person told you. They get a receipt code, which you give them: with it they can follow the case."));
	else
		html_fmt(b, "<p class=\"lead\">%s</p>\n", _("Only those who handle the case will read this. Fields marked as optional may stay empty."));
	if (!again && f->account)
		web_notice(b, _("You are logged in, so the report is linked to your account and you can follow it under your whistleblowing reports. Tick \"anonymous\" at the end if you do not want that."));
	html_fmt(b, "<form method=\"post\" action=\"/whistle\" class=\"stack report\" "
	    "enctype=\"multipart/form-data\">\n");
	web_wb_csrf_fields(b, req, tok);
	if (f->oral)
		html_fmt(b, "<input type=\"hidden\" name=\"oral\" value=\"1\">");
	put_concerns(b, again_val(req, again, "concerns"),
	    web_form_err_for(req, e, "concerns"));
	put_accused(b, req, f, again, e);
	put_direct(b, req, again, e);
	put_what(b, req, again, e);
	put_evidence(b, req, again, e);
	put_reporter(b, req, f, again, e);
	html_fmt(b, "<button type=\"submit\" class=\"big\">%s</button>\n</form>\n",
	    f->oral ? _("Register the report") : _("Send the whistleblowing report"));
	web_doc_public_links(b, req->ctx);
	html_page_end(b, req);
}

/* Load what the form shows. 0, or -1 with the answer given. */
static int
form_load(struct http_req *req, struct http_resp *resp, int oral,
    struct wb_form *f)
{
	struct ctx *ctx = req->ctx;

	memset(f, 0, sizeof(*f));
	if (oral && !whistle_right(ctx, WB_RIGHT_REGISTER_ORAL)) {
		web_forbidden(req, resp);
		return -1;
	}
	f->oral = oral;
	f->account = ctx->user != NULL && !oral;
	if (org_unit_list(ctx, &f->units, &f->nunits) != 0) {
		web_failed(req, resp);
		return -1;
	}
	if (whistle_parties(ctx, &f->parties, &f->nparties) != 0) {
		web_failed(req, resp);
		return -1;
	}
	/* The people list is the tenant's staff: shown only to someone
	 * logged in, never on the public form. */
	if (ctx->user != NULL &&
	    org_person_list(ctx, &f->people, &f->npeople) != 0) {
		web_failed(req, resp);
		return -1;
	}
	return 0;
}

void
web_wb_new(struct http_req *req, struct http_resp *resp)
{
	struct wb_form	 f;
	if (form_load(req, resp, (int)http_qint(req, WFQ_FLAG, 0), &f) != 0)
		return;
	wb_form_render(req, resp, 200, &f, NULL);
}

/* The receipt: number, and the receipt code shown this once. */
static void
receipt_render(struct http_req *req, struct http_resp *resp,
    const struct wb_form *f, const struct wb_receipt *r, int not_wb)
{
	struct buf *b = &resp->body;

	resp->status = 200;
	/* The code must never come back from a cache or the history. */
	http_header(resp, "Cache-Control", "no-store");
	html_page_begin(b, req, _("The report is sent"), "wb_start");
	html_fmt(b, "<h1>%s</h1>\n", f->oral ? _("The report is registered") :
	    _("The report is sent"));
	html_fmt(b, "<p class=\"receipt\">%s<strong class=\"number\">%s</strong></p>\n",
	    _("Case number"), r->number);
	if (r->code[0] != '\0') {
		html_fmt(b, "<section class=\"card receipt-code\" "
		    "aria-labelledby=\"code-h\"><h2 id=\"code-h\">%s</h2>"
		    "<p class=\"code\" id=\"receipt-code\">%s</p>",
		    _("Receipt code"), r->code);
		html_fmt(b, "<p><strong>%s</strong></p><p>%s</p></section>\n",
		    f->oral ? _("Give this code to the person who reported, now. It is not shown again.") :
		    _("Write it down now: it is the only way to follow up."),
		    _("With the code you can read messages from those who handle the case, and answer them. We keep no copy of it, so it cannot be shown again or sent to you. Keep it where others will not find it."));
	}
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"next-h\">"
	    "<h2 id=\"next-h\">%s</h2><ul>", _("What happens now"));
	if (not_wb)
		html_fmt(b, "<li>%s</li>", _("It will be read, but it is registered as not a whistleblowing case, because the whistleblowing rules cover only the people listed on the form."));
	else
		html_fmt(b, "<li>%s</li>", _("It has gone to those who shall handle it. They confirm that they received it, normally within 7 days."));
	html_fmt(b, "<li>%s</li><li>%s</li></ul></section>\n",
	    _("Only they can read it, and everyone who handles it declares first that they are impartial."),
	    _("Retaliation because you reported is forbidden."));
	html_fmt(b, "<ul class=\"actions big-links\">");
	if (r->code[0] != '\0' && !f->oral)
		html_fmt(b, "<li><a href=\"/whistle/receipt\">%s</a></li>",
		    _("Follow up with a receipt code"));
	else if (!f->oral)
		html_fmt(b, "<li><a href=\"/whistle/mine\">%s</a></li>",
		    _("Your whistleblowing reports"));
	if (f->oral)
		html_fmt(b, "<li><a href=\"/whistle/cases\">%s</a></li>",
		    _("Whistleblowing cases"));
	html_fmt(b, "</ul>\n");
	html_page_end(b, req);
}

void
web_wb_create(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct web_form_err	 e = { NULL, NULL, NULL };
	struct wb_form		 f;
	struct wb_report	 r;
	struct wb_receipt	 out;
	const char		*err_field = NULL, *s;
	struct unit		 u;
	int			 rc, oral;

	s = http_form(req, "oral");
	oral = s != NULL && strcmp(s, "1") == 0;
	if (form_load(req, resp, oral, &f) != 0)
		return;
	/* An oral report is registered by a logged-in handler: it needs
	 * the session's own token as well. */
	if (!web_wb_csrf_ok(req) || (oral && (req->session == NULL ||
	    http_form(req, "csrf") == NULL))) {
		e.msg = _("The form had expired. Nothing was sent: check that everything is still here, then send it again.");
		wb_form_render(req, resp, 403, &f, &e);
		return;
	}
	memset(&r, 0, sizeof(r));
	memset(&out, 0, sizeof(out));
	/* "Find the person" comes first on the form, before the fields a
	 * report needs are filled in: it searches whatever else is missing. */
	s = http_form(req, "find_accused");
	if (http_int(req, WRPF_FIND_ACCUSED, 0) != 0 || (req->form_error != NULL &&
	    s != NULL && strcmp(s, "1") == 0)) {
		const char	*name;
		int64_t		 wait;

		/* The search needs only the name; what a report would miss
		 * is no error yet (the form is not sent). */
		name = req->form_error == NULL ? http_text(req, WRPF_ACCUSED_NAME) :
		    http_form(req, "accused_name");
		req->form_error = NULL;
		req->form_error_field = NULL;
		rc = whistle_people_search(ctx, name, &f.hits, &f.nhits, &wait);
		f.searched = rc == 0;
		if (rc == WB_ERR_INVALID || rc == WB_ERR_THROTTLED) {
			e.field = "accused_name";
			e.msg = rc == WB_ERR_INVALID ?
			    _("Write at least 3 letters of the name to find the person.") :
			    _("Too many searches. Wait a while, or just write the name.");
			wb_form_render(req, resp, rc == WB_ERR_INVALID ? 400 : 429,
			    &f, &e);
			return;
		}
		if (rc != 0) {
			web_failed(req, resp);
			return;
		}
		wb_form_render(req, resp, 200, &f, NULL);
		return;
	}
	if (req->form_error != NULL) {
		wb_form_render(req, resp, 400, &f, NULL);
		return;
	}
	/* The module's table (whistle/wb_input.h), the API's too. */
	if ((e.field = wb_report_read(req->vals, &r)) != NULL)
		goto invalid;
	if (f.people == NULL)
		r.accused_login = NULL;
	/* The form's "no" radio; an unticked box sends nothing, which is
	 * "no" here (the API's absent key is "yes"). */
	if (r.direct_to != NULL && strcmp(r.direct_to, "no") == 0)
		r.direct_to = NULL;
	r.meant_as_whistleblowing =
	    http_int(req, WRPF_MEANT_AS_WHISTLEBLOWING, 0) != 0;
	r.oral = oral;
	if (f.account) {
		r.reporter_name = NULL;
		r.reporter_contact = NULL;
		r.unit_id = 0;
	}
	if (r.direct_to != NULL) {
		if (strcmp(r.direct_to, "hr") != 0 &&
		    strcmp(r.direct_to, "finance") != 0) {
			e.field = "direct_to";
			goto invalid;
		}
		if (r.concerns != WB_CONCERNS_EMPLOYEE) {
			e.field = "direct_to";
			goto invalid;
		}
		if (r.direct_reason == NULL) {
			e.field = "direct_reason";
			goto invalid;
		}
	}
	/* Anonymity wins over habit: a name typed into an anonymous report
	 * is refused, not stored. */
	if (r.anonymous && r.reporter_name != NULL) {
		e.field = "reporter_name";
		goto invalid;
	}
	if (r.anonymous && r.reporter_contact != NULL) {
		e.field = "reporter_contact";
		goto invalid;
	}
	if (req->nfiles > 0) {
		struct wb_attachment *att;
		size_t i, n = 0, total = 0;

		if ((att = arena_alloc(ctx->arena, req->nfiles * sizeof(*att))) == NULL) {
			web_failed(req, resp);
			return;
		}
		for (i = 0; i < req->nfiles; i++) {
			const struct http_file *hf = &req->files[i];

			if (strcmp(hf->field, "evidence") != 0)
				continue;
			total += hf->len;
			att[n].name = hf->filename;
			att[n].content_type = hf->content_type;
			att[n].data = hf->data;
			att[n].len = hf->len;
			n++;
		}
		if (n > WB_ATTACH_MAX || total > WB_ATTACH_BYTES) {
			e.field = "evidence";
			goto invalid;
		}
		r.attachments = att;
		r.nattachments = n;
	}
	if (r.unit_id != 0 && org_unit_get(ctx, r.unit_id, &u) != 0) {
		e.field = "unit_id";
		goto invalid;
	}
	/* An anonymous report from someone logged in: the model keeps them
	 * for routing only (never their own handler) and stores nothing that
	 * links the case to them, not even their unit. */
	rc = whistle_report(ctx, &r, &out, &err_field);
	switch (rc) {
	case 0:
		break;
	case WB_ERR_INVALID:
		e.field = err_field != NULL ? err_field : "what";
		if (strcmp(e.field, "attachments") == 0)
			e.field = "evidence";
		goto invalid;
	case WB_ERR_NOHANDLER:
	case WB_ERR_NORECOVERY:
		e.msg = _("Whistleblowing is not fully set up in this municipality yet, so the report could not be sent safely. Nothing was saved. Please tell the municipality's HR, or report orally to your leader.");
		wb_form_render(req, resp, 503, &f, &e);
		return;
	default:
		e.msg = _("Something went wrong on our side. Nothing was saved: check that everything is still here, then try again.");
		wb_form_render(req, resp, 500, &f, &e);
		return;
	}
	receipt_render(req, resp, &f, &out,
	    r.reporter_category == WB_REP_OTHER);
	sodium_memzero(out.code, sizeof(out.code));
	return;
invalid:
	if (e.msg == NULL)
		e.msg = field_message(e.field);
	/* web_form_err_for shows e->msg at the field; the box above says
	 * what to do. */
	wb_form_render(req, resp, 400, &f, &e);
}
