/* web/whistle/case.c: one whistleblowing case, for its handlers, and the actions
 * on it.
 *
 * Only a current, non-recused handler gets anything (whistle_case_get asks
 * authz_wb_can); all
 * others get the same 404 as for a case that does not exist, so that
 * existence is not revealed. Before a handler has declared impartiality
 * the page shows the metadata, the handlers and the declaration form, and
 * no content. After it, the content is opened with the handler's secret
 * key, which the session carries (web_wb_secret); when it cannot be opened
 * the page says why (no key in this session, or the case key not yet
 * shared with this handler). Every opening is audited by the model. */
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "html/form.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "vault/vault.h"
#include "web/labels.h"
#include "web/ui.h"
#include "web/web.h"
#include "web/whistle/pages.h"
#include "whistle/wb_input.h"

#define WB_DEFAULT_EXEMPTION	"Offl. § 13 jf. fvl. § 13"

/* Why the content is not shown to a handler who declared impartiality. */
enum locked { OPEN, LOCKED_NO_SESSION_KEY, LOCKED_NOT_SHARED };

struct case_view {
	struct wb_case		 c;
	struct wb_handler	*h;
	size_t			 nh;
	struct wb_event		*ev;
	size_t			 nev;
	struct wb_attachment_info *att;	/* evidence (names, sizes) */
	size_t			 natt;
	int			 declared;	/* I declared impartiality */
	enum locked		 locked;
	/* Whom it concerns (the name only), shown before the declaration;
	 * confirmed 0: the name given matched no single person. */
	const char		*concerns;
	int			 known, confirmed;
	struct person		*people;	/* for set_accused */
	size_t			 npeople;
	int64_t			*hr;		/* for add_cohandler: whom it accepts */
	size_t			 nhr;
};

/* Load the case of path parameter 0 for a handler. 0, or -1 with the
 * answer given (404 for anyone else, 500). */
static int
case_load(struct http_req *req, struct http_resp *resp, struct case_view *v)
{
	struct ctx	*ctx = req->ctx;
	unsigned char	 sk[VAULT_SK];
	int64_t		 id;
	int		 rc;

	memset(v, 0, sizeof(*v));
	/* whistle_case_get refuses anyone who is not a handler, with the
	 * answer of a case that does not exist. */
	if (http_param_id(req, 0, &id) != 0) {
		web_not_found(req, resp);
		return -1;
	}
	rc = whistle_case_get(ctx, id, &v->c);
	if (rc == 0)
		rc = whistle_case_handlers(ctx, id, &v->h, &v->nh);
	if (rc == WB_ERR_NOTFOUND) {
		web_not_found(req, resp);
		return -1;
	}
	if (rc != 0) {
		web_failed(req, resp);
		return -1;
	}
	v->declared = v->c.my_impartiality != 0;
	v->confirmed = 1;
	if (!v->declared) {
		/* Nobody can judge their impartiality without knowing whom the
		 * case concerns: the name, nothing of the content. */
		if (web_wb_secret(req, sk) == 0) {
			rc = whistle_case_concerns(ctx, id, sk, &v->concerns,
			    &v->confirmed);
			sodium_memzero(sk, sizeof(sk));
			v->known = rc == 0;
			if (rc == WB_ERR_NOTFOUND) {
				web_not_found(req, resp);
				return -1;
			}
		}
		return 0;
	}
	if (web_wb_secret(req, sk) != 0) {
		v->locked = LOCKED_NO_SESSION_KEY;
		return 0;
	}
	rc = whistle_case_open(ctx, id, sk, &v->c);
	if (rc == 0)
		rc = whistle_events(ctx, id, sk, &v->ev, &v->nev);
	if (rc == 0)
		rc = whistle_attachments(ctx, id, sk, &v->att, &v->natt);
	if (rc == 0)
		rc = whistle_cohandler_choices(ctx, id, sk, &v->hr, &v->nhr);
	sodium_memzero(sk, sizeof(sk));
	if (rc == 0) {
		v->known = 1;
		v->confirmed = !v->c.accused_unconfirmed;
		if (org_person_list(ctx, &v->people, &v->npeople) != 0)
			rc = -1;
	}
	if (rc == WB_ERR_LOCKED) {
		v->locked = LOCKED_NOT_SHARED;
		v->c.content = NULL;
		return 0;
	}
	if (rc == WB_ERR_NOTFOUND) {
		web_not_found(req, resp);
		return -1;
	}
	if (rc != 0) {
		web_failed(req, resp);
		return -1;
	}
	return 0;
}

/* --- action forms (ids prefixed by the action, as on the deviation page) */

/* A form for one action; `open` = shown at once (a plain form) rather
 * than folded in a <details>. */
static void
a_open(struct buf *b, struct http_req *req, int64_t id, const char *act,
    const char *summary, int plain, const struct web_form_err *e)
{
	int open = e != NULL && e->action != NULL && strcmp(e->action, act) == 0;

	if (plain)
		html_fmt(b, "<div class=\"action-plain\" id=\"act-%s\">", act);
	else
		html_fmt(b, "<details class=\"action\" id=\"act-%s\"%R><summary>%s"
		    "</summary>\n", act, open ? " open" : "", summary);
	html_fmt(b, "<form method=\"post\" action=\"/whistle/cases/%D/action\" "
	    "class=\"stack\">", id);
	html_csrf(b, req);
	html_fmt(b, "<input type=\"hidden\" name=\"action\" value=\"%s\">", act);
	if (e != NULL && e->action != NULL && strcmp(e->action, act) == 0 &&
	    e->field == NULL && e->msg != NULL)
		web_error(b, e->msg);
}

static void
a_close(struct buf *b, const char *button, int plain)
{
	html_fmt(b, "<button type=\"submit\">%s</button></form>%R\n", button,
	    plain ? "</div>" : "</details>");
}

static void
a_area(struct buf *b, const char *act, const char *name, const char *label,
    const char *hint, const char *value, int required, const char *error)
{
	char id[96];

	snprintf(id, sizeof(id), "a-%s-%s", act, name);
	html_textarea_id(b, id, name, label, value, required, hint, error);
}

/* Radio buttons named `name` in a fieldset; codes and labels in pairs. */
static void
a_radios(struct buf *b, const char *act, const char *name, const char *legend,
    const char *const *codes, const char *const *labels, size_t n,
    const char *sel, const char *error)
{
	size_t i;

	html_fmt(b, "<fieldset class=\"field radios%R\"%R><legend>%s</legend>",
	    error != NULL ? " invalid" : "", error != NULL ?
	    " aria-describedby=\"a-err-radios\"" : "", legend);
	if (error != NULL)
		html_fmt(b, "<p class=\"error\" id=\"a-err-radios\">%s</p>", error);
	for (i = 0; i < n; i++)
		html_fmt(b, "<div class=\"radio\"><input type=\"radio\" name=\"%s\" "
		    "id=\"a-%s-%s-%s\" value=\"%s\"%R><label for=\"a-%s-%s-%s\">%s"
		    "</label></div>", name, act, name, codes[i], codes[i],
		    sel != NULL && strcmp(sel, codes[i]) == 0 ? " checked" :
		    sel == NULL && i == 0 ? " checked" : "", act, name, codes[i],
		    _(labels[i]));
	html_fmt(b, "</fieldset>");
}

/* --- the page ------------------------------------------------------------ */

static void
put_fact(struct buf *b, const char *dt, const char *dd)
{
	if (dd != NULL && dd[0] != '\0')
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>", dt, dd);
}

static void
put_facts(struct buf *b, struct http_req *req, const struct wb_case *c)
{
	struct arena	*a = req->ctx->arena;
	struct ctx	*ctx = req->ctx;
	int		 open = c->state != WB_CLOSED &&
			    c->state != WB_NOT_WHISTLEBLOWING;

	html_fmt(b, "<dl class=\"facts\">");
	put_fact(b, _("Procedure"), web_wb_procedure_label(c->procedure));
	put_fact(b, _("Received"), web_datetime(a, c->received_at));
	put_fact(b, _("Reporter"), web_wb_reporter_label(c->reporter_category));
	html_fmt(b, "<dt>%s</dt><dd>", _("How it was sent"));
	html_fmt(b, "%s", c->oral ? _("Oral report, registered by a handler") :
	    c->has_account ? _("Written, by a logged-in person") :
	    _("Written, without an account"));
	if (c->anonymous)
		html_fmt(b, " · %s", _("anonymous"));
	if (c->on_behalf_of_others)
		html_fmt(b, " · %s", _("on behalf of others (not a party)"));
	if (!c->meant_as_whistleblowing)
		html_fmt(b, " · %s", _("not said to be meant as a whistleblowing report"));
	html_fmt(b, "</dd>");
	if (c->state == WB_RECEIVED && c->ack_due_at != 0)
		html_fmt(b, "<dt>%s</dt><dd%R>%s (%s)</dd>", _("Confirm receipt by"),
		    c->ack_due_at < ctx->now ? " class=\"late\"" : "",
		    web_date(a, c->ack_due_at),
		    web_deadline_text(a, ctx->now, c->ack_due_at));
	if (c->acknowledged_at != 0)
		put_fact(b, _("Receipt confirmed"), web_datetime(a, c->acknowledged_at));
	if (open && c->feedback_due_at != 0)
		html_fmt(b, "<dt>%s</dt><dd%R>%s (%s)</dd>", _("Feedback to the reporter by"),
		    c->feedback_due_at < ctx->now ? " class=\"late\"" : "",
		    web_date(a, c->feedback_due_at),
		    web_deadline_text(a, ctx->now, c->feedback_due_at));
	html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("Right to be heard (kontradiksjon)"),
	    c->accused_heard ? _("The accused has been heard") : _("Not yet"));
	if (c->procedure == 2 && c->council_required)
		put_fact(b, _("Council"), _("Decisions in this case need the council"));
	put_fact(b, _("Outcome"), web_wb_outcome_label(c->outcome));
	if (c->archive_ref != NULL)
		html_fmt(b, "<dt>%s</dt><dd>%s – %s</dd>", _("Archived as"),
		    c->archive_ref, c->exemption_basis != NULL ?
		    c->exemption_basis : WB_DEFAULT_EXEMPTION);
	put_fact(b, _("Closed"), web_datetime(a, c->closed_at));
	html_fmt(b, "</dl>\n");
}

static void
put_handlers(struct buf *b, struct http_req *req, const struct case_view *v)
{
	struct arena	*a = req->ctx->arena;
	size_t		 i;

	html_fmt(b, "<section aria-labelledby=\"h-h\"><h2 id=\"h-h\">%s</h2>"
	    "<ul class=\"plain handlers\">", _("Handlers"));
	for (i = 0; i < v->nh; i++) {
		html_fmt(b, "<li><strong>%s</strong> – %s<br><span class=\"hint\">",
		    v->h[i].name != NULL ? v->h[i].name : "?",
		    web_wb_basis_label(v->h[i].basis));
		if (v->h[i].impartial_at != 0)
			html_fmt(b, "%s %s", _("Declared impartial"),
			    web_date(a, v->h[i].impartial_at));
		else
			html_fmt(b, "%s", _("Has not declared impartiality yet"));
		if (!v->h[i].sealed)
			html_fmt(b, " · %s", _("the case key is not shared with them yet"));
		html_fmt(b, "</span></li>");
	}
	html_fmt(b, "</ul></section>\n");
}

static void
put_declaration(struct buf *b, struct http_req *req, const struct case_view *v,
    const struct web_form_err *e)
{
	int64_t id = v->c.id;

	html_fmt(b, "<section class=\"card\" aria-labelledby=\"decl-h\">"
	    "<h2 id=\"decl-h\">%s</h2>", _("Are you impartial?"));
	html_fmt(b, "<p>%s</p><p>%s</p>",
	    _("Before the content opens to you, declare whether you are impartial (habil). You are disqualified (inhabil) if, for example, you are close to the reporter or the person it concerns, are involved yourself, or have an interest in the outcome. Ask HR or the municipality's lawyer when unsure."),
	    _("The content is encrypted, and is opened with your key only after you have declared that you are impartial."));
	a_open(b, req, id, "declare_impartial", NULL, 1, e);
	html_fmt(b, "<p class=\"hint\">%s</p>", _("I know of nothing that makes me disqualified in this case."));
	a_close(b, _("I am impartial (habil)"), 1);
	a_open(b, req, id, "recuse", _("I am disqualified (inhabil)"), 0, e);
	a_area(b, "recuse", "reason", _("Why are you disqualified?"),
	    _("You leave the case and never see its content. The case is routed on to someone else."),
	    web_act_val(req, e, "recuse", "reason", NULL), 1,
	    web_act_err(e, "recuse", "reason"));
	a_close(b, _("Leave the case"), 0);
	html_fmt(b, "</section>\n");
}

/* Whom the case concerns, and a warning while that is not confirmed. */
static void
put_concerns(struct buf *b, const struct case_view *v)
{
	if (!v->known)
		return;
	if (!v->confirmed)
		web_error(b, _("Accused not confirmed: the name the reporter gave matches no single person in the municipality, so routing could not make sure that person does not handle the case. Set who the case concerns as soon as you know."));
	if (v->declared)
		return;
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"conc-h\">"
	    "<h2 id=\"conc-h\">%s</h2><p class=\"concerns\">%s</p></section>\n",
	    _("Whom the case concerns"), v->concerns != NULL ? v->concerns :
	    _("The reporter named nobody."));
}

/* Whether id is one of only[0..n). */
static int
id_in(const int64_t *only, size_t n, int64_t id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (only[i] == id)
			return 1;
	return 0;
}

/* A select of the tenant's active people, for set_accused; for HR (only
 * not NULL) those of only[0..nonly) alone, the ones add_cohandler takes. */
static void
person_select(struct buf *b, const struct case_view *v, const char *act,
    const char *label, const char *error, const int64_t *only, size_t nonly)
{
	size_t i;

	html_fmt(b, "<div class=\"field%R\"><label for=\"a-%s-person_id\">%s</label>",
	    error != NULL ? " invalid" : "", act, label);
	if (error != NULL)
		html_fmt(b, "<p class=\"error\" id=\"a-%s-person_id-error\">%s</p>",
		    act, error);
	html_fmt(b, "<select id=\"a-%s-person_id\" name=\"person_id\"%R>"
	    "<option value=\"0\">%s</option>", act, error != NULL ?
	    " aria-invalid=\"true\"" : "", _("Choose a person"));
	for (i = 0; i < v->npeople; i++)
		if (v->people[i].active && (only == NULL ||
		    id_in(only, nonly, v->people[i].id)))
			html_fmt(b, "<option value=\"%D\">%s</option>",
			    v->people[i].id, v->people[i].name);
	html_fmt(b, "</select></div>");
}

/* Set who the case concerns; involve HR (procedure 1). */
static void
put_routing_actions(struct buf *b, struct http_req *req,
    const struct case_view *v, const struct web_form_err *e)
{
	const struct wb_case	*c = &v->c;
	size_t			 i, nco = 0;

	if (c->state == WB_CLOSED)
		return;
	a_open(b, req, c->id, "set_accused", _("Set who the case concerns"), 0, e);
	html_fmt(b, "<p class=\"hint\">%s</p>", _("Handlers who are the person concerned, or who must step aside because of them, leave the case at once, and their copy of the case key is deleted."));
	person_select(b, v, "set_accused", _("The person it concerns"),
	    web_act_err(e, "set_accused", "person_id"), NULL, 0);
	web_act_input(b, "set_accused", "accused_name", _("Or write the name"), "text",
	    web_act_val(req, e, "set_accused", "accused_name", NULL), 0,
	    web_act_err(e, "set_accused", "accused_name"));
	a_close(b, _("Set who it concerns"), 0);
	if (c->procedure != 1 || c->state == WB_NOT_WHISTLEBLOWING)
		return;
	/* Only those add_cohandler takes; none left (all of HR handles it
	 * already, or is excluded): no form that could only be refused. */
	if (v->nhr > 0) {
		a_open(b, req, c->id, "add_cohandler",
		    _("Involve HR as co-handler"), 0, e);
		person_select(b, v, "add_cohandler", _("From HR"),
		    web_act_err(e, "add_cohandler", "person_id"), v->hr, v->nhr);
		a_area(b, "add_cohandler", "reason", _("Why?"), NULL,
		    web_act_val(req, e, "add_cohandler", "reason", NULL), 1,
		    web_act_err(e, "add_cohandler", "reason"));
		a_close(b, _("Add the co-handler"), 0);
	}
	for (i = 0; i < v->nh; i++)
		if (v->h[i].basis != NULL && strcmp(v->h[i].basis, "hr_cohandler") == 0)
			nco++;
	if (nco == 0)
		return;
	a_open(b, req, c->id, "remove_cohandler", _("Remove a co-handler"), 0, e);
	html_fmt(b, "<div class=\"field\"><label for=\"a-remove_cohandler-person_id\">%s"
	    "</label><select id=\"a-remove_cohandler-person_id\" name=\"person_id\">",
	    _("Co-handler"));
	for (i = 0; i < v->nh; i++)
		if (v->h[i].basis != NULL && strcmp(v->h[i].basis, "hr_cohandler") == 0)
			html_fmt(b, "<option value=\"%D\">%s</option>",
			    v->h[i].person_id, v->h[i].name);
	html_fmt(b, "</select></div>");
	a_area(b, "remove_cohandler", "reason", _("Why?"), NULL,
	    web_act_val(req, e, "remove_cohandler", "reason", NULL), 1,
	    web_act_err(e, "remove_cohandler", "reason"));
	a_close(b, _("Remove the co-handler"), 0);
}

static void
put_locked(struct buf *b, const struct case_view *v)
{
	html_fmt(b, "<section class=\"card locked\" aria-labelledby=\"lock-h\">"
	    "<h2 id=\"lock-h\">%s</h2>", _("The content cannot be opened"));
	if (v->locked == LOCKED_NO_SESSION_KEY)
		html_fmt(b, "<p>%s</p><p><a class=\"button\" href=\"/account/vault?next=/whistle/cases/%D\">%s</a></p>",
		    _("Your key is not open in this session (for example, you signed in with the municipality's sign-in service). Open it with your own password or vault passphrase."),
		    v->c.id, _("Open your key"));
	else
		html_fmt(b, "<p>%s</p><p>%s</p>",
		    _("The case key has not been shared with you yet. Every case has its own key, and it is shared only with handlers who have a personal key. Yours was made at your first login, or anew after your password was reset."),
		    _("The key is shared with you the next time another handler opens the case, or by the operator with the municipality's recovery key. Until then, nobody can open it for you: that is what keeps the case confidential."));
	html_fmt(b, "<p class=\"hint\">%s</p></section>\n",
	    _("The content of a whistleblowing case is encrypted, so that a copy of the database reveals nothing."));
}

static void
put_content(struct buf *b, const struct wb_report *r)
{
	html_fmt(b, "<section aria-labelledby=\"c-h\"><h2 id=\"c-h\">%s</h2>"
	    "<dl class=\"facts content\">", _("The report"));
	html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("Whom it concerns"),
	    web_wb_concerns_label(r->concerns));
	if (r->accused_name != NULL || r->accused_login != NULL)
		html_fmt(b, "<dt>%s</dt><dd>%s%R%s%R</dd>", _("The accused"),
		    r->accused_name != NULL ? r->accused_name : "",
		    r->accused_name != NULL && r->accused_login != NULL ? " (" : "",
		    r->accused_login != NULL ? r->accused_login : "",
		    r->accused_name != NULL && r->accused_login != NULL ? ")" : "");
	if (r->accused_party != NULL)
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("The accused's party"),
		    r->accused_party);
	if (r->about_nearest_leader)
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("Nearest leader"),
		    _("The report concerns the reporter's nearest leader"));
	if (r->direct_to != NULL)
		html_fmt(b, "<dt>%s</dt><dd>%s</dd><dt>%s</dt><dd class=\"pre\">%s</dd>",
		    _("Sent directly to"), strcmp(r->direct_to, "hr") == 0 ?
		    _("Head of HR") : _("Head of finance"), _("Why directly"),
		    r->direct_reason != NULL ? r->direct_reason : "");
	html_fmt(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>", _("What happened"),
	    r->what != NULL ? r->what : "");
	html_fmt(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>", _("Why it is censurable"),
	    r->why_censurable != NULL ? r->why_censurable : "");
	if (r->when != NULL)
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("When"), r->when);
	if (r->where != NULL)
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>", _("Where"), r->where);
	if (r->involved != NULL)
		html_fmt(b, "<dt>%s</dt><dd class=\"pre\">%s</dd>",
		    _("Who was involved or saw it"), r->involved);
	html_fmt(b, "<dt>%s</dt><dd>", _("The reporter"));
	if (r->anonymous)
		html_fmt(b, "%s", _("Anonymous"));
	else if (r->reporter_name != NULL || r->reporter_contact != NULL)
		html_fmt(b, "%s%R%s", r->reporter_name != NULL ? r->reporter_name : "",
		    r->reporter_name != NULL && r->reporter_contact != NULL ? " – " : "",
		    r->reporter_contact != NULL ? r->reporter_contact : "");
	else
		html_fmt(b, "%s", _("Not given"));
	html_fmt(b, "</dd></dl></section>\n");
}

static void
put_log(struct buf *b, struct http_req *req, const struct case_view *v)
{
	struct arena	*a = req->ctx->arena;
	size_t		 i;

	html_fmt(b, "<section aria-labelledby=\"log-h\"><h2 id=\"log-h\">%s</h2>",
	    _("Log of the case"));
	html_fmt(b, "<p class=\"hint\">%s</p>", _("Steps of investigation and care, the accused's statement, messages with the reporter, report and conclusion, dated."));
	if (v->nev == 0) {
		html_fmt(b, "<p>%s</p></section>\n", _("Nothing logged yet."));
		return;
	}
	html_fmt(b, "<ol class=\"timeline\">");
	for (i = 0; i < v->nev; i++) {
		html_fmt(b, "<li><p><strong>%s</strong> <span class=\"hint\">%s",
		    web_wb_event_label(v->ev[i].type), web_datetime(a, v->ev[i].at));
		if (v->ev[i].actor_name != NULL)
			html_fmt(b, " · %s", v->ev[i].actor_name);
		html_fmt(b, "</span></p>");
		if (v->ev[i].text != NULL && v->ev[i].text[0] != '\0')
			html_fmt(b, "<p class=\"pre\">%s</p>", v->ev[i].text);
		html_fmt(b, "</li>\n");
	}
	html_fmt(b, "</ol></section>\n");
}

static const char *const step_codes[] = { "investigation", "care" };
static const char *const step_labels[] = {
	N_("Investigation (undersøkelse)"), N_("Care (omsorg)") };
static const char *const outcome_codes[] = {
	"substantiated", "partly", "not_substantiated" };
static const char *const outcome_labels[] = {
	N_("Censurable conditions found"), N_("Partly substantiated"),
	N_("Not substantiated") };
static const char *const decision_codes[] = { "administrative", "personal_conduct" };
static const char *const decision_labels[] = {
	N_("Administrative matter: handled by the administration"),
	N_("The chief executive's personal conduct: to the executive committee") };

static void
put_actions(struct buf *b, struct http_req *req, const struct case_view *v,
    const struct web_form_err *e)
{
	const struct wb_case	*c = &v->c;
	int64_t			 id = c->id;
	enum wb_state		 st = c->state;
	int			 active = st == WB_ACKNOWLEDGED || st == WB_INVESTIGATING;

	html_fmt(b, "<section class=\"card\" aria-labelledby=\"act-h\">"
	    "<h2 id=\"act-h\">%s</h2>\n", _("Handle the case"));
	if (st == WB_RECEIVED) {
		a_open(b, req, id, "acknowledge", NULL, 1, e);
		html_fmt(b, "<p class=\"hint\">%s</p>", _("The reporter is told that the report has been received and will be handled."));
		a_close(b, _("Confirm receipt"), 1);
	}
	if (st == WB_ACKNOWLEDGED) {
		a_open(b, req, id, "investigate", NULL, 1, e);
		html_fmt(b, "<p class=\"hint\">%s</p>", _("The duty to act: investigate the report and look after those involved, as soon as possible."));
		a_close(b, _("Start the investigation"), 1);
	}
	if (st == WB_INVESTIGATING) {
		a_open(b, req, id, "log_step", _("Log a step of investigation or care"), 0, e);
		a_radios(b, "log_step", "kind", _("Kind of step"), step_codes,
		    step_labels, 2, web_act_val(req, e, "log_step", "kind", NULL),
		    web_act_err(e, "log_step", "kind"));
		web_act_input(b, "log_step", "step_date", _("Date it was done (empty: today)"),
		    "date", web_act_val(req, e, "log_step", "step_date", NULL), 0,
		    web_act_err(e, "log_step", "step_date"));
		a_area(b, "log_step", "text", _("What was done"), NULL,
		    web_act_val(req, e, "log_step", "text", NULL), 1,
		    web_act_err(e, "log_step", "text"));
		a_close(b, _("Log the step"), 0);
		a_open(b, req, id, "accused_heard", _("The accused's statement (kontradiksjon)"), 0, e);
		a_area(b, "accused_heard", "text", _("What the accused said"),
		    _("The person it concerns must always be heard before anything is concluded."),
		    web_act_val(req, e, "accused_heard", "text", NULL), 1,
		    web_act_err(e, "accused_heard", "text"));
		a_close(b, _("Record the statement"), 0);
		if (c->accused_heard) {
			a_open(b, req, id, "conclude", _("Report and conclusion"), 0, e);
			a_area(b, "conclude", "report", _("Report"),
			    _("What was looked into, and what was found."),
			    web_act_val(req, e, "conclude", "report", NULL), 1,
			    web_act_err(e, "conclude", "report"));
			a_area(b, "conclude", "conclusion", _("Conclusion"), NULL,
			    web_act_val(req, e, "conclude", "conclusion", NULL), 1,
			    web_act_err(e, "conclude", "conclusion"));
			a_radios(b, "conclude", "outcome", _("Outcome"), outcome_codes,
			    outcome_labels, 3, web_act_val(req, e, "conclude", "outcome", NULL),
			    web_act_err(e, "conclude", "outcome"));
			a_close(b, _("Conclude"), 0);
		} else
			html_fmt(b, "<p class=\"hint\">%s</p>", _("A conclusion can be written once the accused's statement is recorded."));
	}
	if (active && c->procedure == 2) {
		a_open(b, req, id, "decide", _("Decide how the case is handled"), 0, e);
		a_radios(b, "decide", "decision", _("The case is"), decision_codes,
		    decision_labels, 2, web_act_val(req, e, "decide", "decision", NULL),
		    web_act_err(e, "decide", "decision"));
		html_fmt(b, "<div class=\"field check\"><input type=\"checkbox\" "
		    "id=\"a-decide-council_required\" name=\"council_required\" "
		    "value=\"1\"%R><div><label for=\"a-decide-council_required\">%s"
		    "</label></div></div>", c->council_required ? " checked" : "",
		    _("Decisions in this case need the council (external investigation, or costs beyond the mandate)"));
		a_area(b, "decide", "reason", _("Reasons"), NULL,
		    web_act_val(req, e, "decide", "reason", NULL), 0,
		    web_act_err(e, "decide", "reason"));
		a_close(b, _("Record the decision"), 0);
	}
	if (active && c->procedure == 3) {
		a_open(b, req, id, "forward", _("Send to the executive committee"), 0, e);
		html_fmt(b, "<p class=\"hint\">%s</p>", _("Members of the same party as the accused step aside and never see the case."));
		a_area(b, "forward", "reason", _("Recommendation"), NULL,
		    web_act_val(req, e, "forward", "reason", NULL), 0,
		    web_act_err(e, "forward", "reason"));
		a_close(b, _("Send to the executive committee"), 0);
	}
	if (st == WB_CONCLUDED && c->archive_ref == NULL) {
		a_open(b, req, id, "archive", NULL, 1, e);
		html_fmt(b, "<h3>%s</h3><p class=\"hint\">%s</p>", _("Archive"),
		    _("File all documents of the case in the municipality's archive system, exempt from public access (unntatt offentlighet)."));
		web_act_input(b, "archive", "archive_ref", _("Archive reference (case number)"),
		    "text", web_act_val(req, e, "archive", "archive_ref", NULL), 1,
		    web_act_err(e, "archive", "archive_ref"));
		web_act_input(b, "archive", "exemption_basis", _("Basis for the exemption"),
		    "text", web_act_val(req, e, "archive", "exemption_basis",
		    WB_DEFAULT_EXEMPTION), 0, web_act_err(e, "archive", "exemption_basis"));
		a_close(b, _("Record the archiving"), 1);
	}
	if (st == WB_CONCLUDED && c->archive_ref != NULL) {
		a_open(b, req, id, "close", NULL, 1, e);
		html_fmt(b, "<p class=\"hint\">%s</p>", _("The reporter and those involved are told that the case is closed, and nothing more: never the consequences."));
		a_close(b, _("Close the case"), 1);
	}
	if (st == WB_RECEIVED || st == WB_ACKNOWLEDGED) {
		a_open(b, req, id, "not_whistleblowing", _("Not a whistleblowing case"), 0, e);
		a_area(b, "not_whistleblowing", "reason", _("Why is it not a whistleblowing case?"),
		    _("For example: it is a personal conflict or disagreement, not a censurable condition. The reporter is told."),
		    web_act_val(req, e, "not_whistleblowing", "reason", NULL), 1,
		    web_act_err(e, "not_whistleblowing", "reason"));
		a_close(b, _("Register as not a whistleblowing case"), 0);
	}
	put_routing_actions(b, req, v, e);
	if (st != WB_CLOSED && st != WB_NOT_WHISTLEBLOWING) {
		if (c->on_behalf_of_others)
			html_fmt(b, "<p class=\"hint\">%s</p>", _("The reporter reported on behalf of others and is not a party: they are only told when the case is closed."));
		else {
			a_open(b, req, id, "message", _("Message to the reporter"), 0, e);
			a_area(b, "message", "text", _("Message"),
			    _("The reporter reads it with their receipt code or account. Never tell them the consequences for others."),
			    web_act_val(req, e, "message", "text", NULL), 1,
			    web_act_err(e, "message", "text"));
			a_close(b, _("Send the message"), 0);
		}
		a_open(b, req, id, "recuse", _("I am disqualified (inhabil)"), 0, e);
		a_area(b, "recuse", "reason", _("Why are you disqualified?"),
		    _("You leave the case and can no longer see it."),
		    web_act_val(req, e, "recuse", "reason", NULL), 1,
		    web_act_err(e, "recuse", "reason"));
		a_close(b, _("Leave the case"), 0);
	}
	html_fmt(b, "</section>\n");
}

/* "12 kB": sizes people recognise. */
static const char *
size_text(struct arena *a, int64_t n)
{
	if (n < 1024)
		return arena_printf(a, _("%lld bytes"), (long long)n);
	if (n < 1024 * 1024)
		return arena_printf(a, _("%lld kB"), (long long)((n + 1023) / 1024));
	return arena_printf(a, _("%lld.%lld MB"), (long long)(n / (1024 * 1024)),
	    (long long)(n % (1024 * 1024) * 10 / (1024 * 1024)));
}

/* The evidence: a link per file (downloaded, never shown inline), and a
 * form to add more while the case is open. */
static void
put_attachments(struct buf *b, struct http_req *req, const struct case_view *v,
    const struct web_form_err *e)
{
	struct arena	*a = req->ctx->arena;
	size_t		 i;
	const char	*err = web_act_err(e, "attach", "evidence");

	html_fmt(b, "<section class=\"card\" aria-labelledby=\"att-h\"><h2 id=\"att-h\">%s</h2>\n",
	    _("Evidence"));
	if (v->natt == 0)
		html_fmt(b, "<p>%s</p>\n", _("No files are attached."));
	else {
		html_fmt(b, "<ul class=\"attachments\">");
		for (i = 0; i < v->natt; i++) {
			const char *href = arena_printf(a, "/whistle/cases/%lld/attachments/%lld",
			    (long long)v->c.id, (long long)v->att[i].id);

			html_fmt(b, "<li><a href=\"%H\" download>%s</a> <span class=\"hint\">(%s, %s)</span></li>",
			    href != NULL ? href : "/whistle/cases", v->att[i].name,
			    size_text(a, v->att[i].size),
			    v->att[i].from_reporter ? _("sent with the report") :
			    _("added by a handler"));
		}
		html_fmt(b, "</ul>\n<p class=\"hint\">%s</p>\n",
		    _("Files are downloaded, not opened in the browser. Open them with care: they come from outside."));
	}
	if (v->c.state != WB_CLOSED && v->c.state != WB_NOT_WHISTLEBLOWING) {
		html_fmt(b, "<details class=\"action\" id=\"act-attach\"%R><summary>%s</summary>\n",
		    err != NULL ? " open" : "", _("Add evidence"));
		html_fmt(b, "<form method=\"post\" action=\"/whistle/cases/%D/action\" "
		    "class=\"stack\" enctype=\"multipart/form-data\">", v->c.id);
		html_csrf(b, req);
		html_fmt(b, "<input type=\"hidden\" name=\"action\" value=\"attach\">");
		html_fmt(b, "<div class=\"field%s\"><label for=\"attach-evidence\">%s</label>"
		    "<p class=\"hint\" id=\"attach-evidence-hint\">%s</p>",
		    err != NULL ? " invalid" : "", _("Files"),
		    _("At most 5 files, 10 MB together. They are encrypted like the rest of the case."));
		if (err != NULL)
			html_fmt(b, "<p class=\"error\" id=\"attach-evidence-err\">%s</p>", err);
		html_fmt(b, "<input type=\"file\" id=\"attach-evidence\" name=\"evidence\" multiple required "
		    "aria-describedby=\"attach-evidence-hint%s\"></div>",
		    err != NULL ? " attach-evidence-err" : "");
		html_fmt(b, "<button type=\"submit\">%s</button></form></details>\n",
		    _("Attach the files"));
	}
	html_fmt(b, "</section>\n");
}

static void
case_render(struct http_req *req, struct http_resp *resp, int status,
    const struct case_view *v, const struct web_form_err *e)
{
	struct buf	*b = &resp->body;
	const char	*title;

	title = arena_printf(req->ctx->arena, _("Whistleblowing case %s"),
	    v->c.number);
	resp->status = status;
	html_page_begin(b, req, title != NULL ? title : v->c.number, "wb_cases");
	html_fmt(b, "<p class=\"back\"><a href=\"/whistle/cases\">%s</a></p>\n"
	    "<p class=\"number-line\">%s</p><h1>%s</h1>\n",
	    _("All your cases"), _("Whistleblowing case"), v->c.number);
	html_fmt(b, "<p class=\"status-line\">");
	web_wb_state_tag(b, (int)v->c.state);
	html_fmt(b, " <span class=\"status st-secret\">%s</span></p>\n",
	    _("Exempt from public access"));
	if (status != 200 && e != NULL && e->msg != NULL && e->action == NULL)
		web_error(b, e->msg);
	else if (status != 200 && e != NULL && e->msg != NULL)
		web_error(b, _("That was not done. See the message at the form below."));
	put_facts(b, req, &v->c);
	put_concerns(b, v);
	put_handlers(b, req, v);
	if (!v->declared)
		put_declaration(b, req, v, e);
	else if (v->locked != OPEN)
		put_locked(b, v);
	else if (v->c.content != NULL) {
		put_content(b, v->c.content);
		put_attachments(b, req, v, e);
		put_log(b, req, v);
		put_actions(b, req, v, e);
	}
	html_fmt(b, "<p class=\"hint\">%s</p>\n", _("Every reading of a whistleblowing case is logged."));
	html_page_end(b, req);
}

void
web_wb_case(struct http_req *req, struct http_resp *resp)
{
	struct case_view v;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	if (case_load(req, resp, &v) != 0)
		return;
	case_render(req, resp, 200, &v, NULL);
}

/* --- POST /whistle/cases/{id}/action ------------------------------------- */

static const char *
action_field_message(const char *act, const char *field)
{
	if (strcmp(field, "reason") == 0)
		return _("Give a reason.");
	if (strcmp(field, "text") == 0)
		return strcmp(act, "accused_heard") == 0 ?
		    _("Write what the accused said.") : strcmp(act, "message") == 0 ?
		    _("Write the message.") : _("Write what was done.");
	if (strcmp(field, "kind") == 0)
		return _("Choose investigation or care.");
	if (strcmp(field, "step_date") == 0 || strcmp(field, "step_at") == 0)
		return _("Give a date that is not in the future.");
	if (strcmp(field, "report") == 0)
		return _("Write the report.");
	if (strcmp(field, "conclusion") == 0)
		return _("Write the conclusion.");
	if (strcmp(field, "outcome") == 0)
		return _("Choose the outcome.");
	if (strcmp(field, "decision") == 0)
		return _("Choose how the case is handled.");
	if (strcmp(field, "archive_ref") == 0)
		return _("Give the archive reference.");
	if (strcmp(field, "exemption_basis") == 0)
		return _("Give the basis for the exemption.");
	if (strcmp(field, "person_id") == 0)
		return strcmp(act, "add_cohandler") == 0 ?
		    _("Choose someone from HR who is not excluded from the case.") :
		    _("Choose a person from the list.");
	if (strcmp(field, "accused_name") == 0)
		return _("Choose a person or write the name.");
	return _("Check this field.");
}

/* Form field names as the model names them. */
static const char *
form_field(const char *model_field)
{
	if (model_field != NULL && strcmp(model_field, "step_at") == 0)
		return "step_date";
	return model_field;
}

/* action=attach: the handler adds evidence (multipart). */
static void
attach(struct http_req *req, struct http_resp *resp, struct case_view *v)
{
	struct ctx		*ctx = req->ctx;
	struct web_form_err	 e = { "attach", "evidence", NULL };
	struct wb_attachment	*att;
	unsigned char		 sk[VAULT_SK];
	const char		*err_field = NULL, *loc;
	size_t			 i, n = 0;
	int			 rc;

	if ((att = arena_alloc(ctx->arena, (req->nfiles ? req->nfiles : 1) *
	    sizeof(*att))) == NULL) {
		web_failed(req, resp);
		return;
	}
	for (i = 0; i < req->nfiles; i++) {
		if (strcmp(req->files[i].field, "evidence") != 0)
			continue;
		att[n].name = req->files[i].filename;
		att[n].content_type = req->files[i].content_type;
		att[n].data = req->files[i].data;
		att[n].len = req->files[i].len;
		n++;
	}
	if (web_wb_secret(req, sk) != 0) {
		e.action = NULL;
		e.field = NULL;
		e.msg = _("Your key opens when you log in with your password, and this session does not have it. Log out and log in again, then try again.");
		case_render(req, resp, 403, v, &e);
		return;
	}
	rc = whistle_attach(ctx, v->c.id, sk, att, n, &err_field);
	sodium_memzero(sk, sizeof(sk));
	if (rc == 0) {
		loc = arena_printf(ctx->arena, "/whistle/cases/%lld#att-h",
		    (long long)v->c.id);
		http_redirect(resp, loc != NULL ? loc : "/whistle/cases");
		return;
	}
	if (rc == WB_ERR_NOTFOUND) {
		web_not_found(req, resp);
		return;
	}
	if (rc == WB_ERR_LOCKED) {
		e.action = NULL;
		e.field = NULL;
		e.msg = _("The case key has not been shared with you yet, so this cannot be done. See the explanation below.");
		case_render(req, resp, 403, v, &e);
		return;
	}
	if (rc != WB_ERR_INVALID) {
		web_failed(req, resp);
		return;
	}
	e.msg = n == 0 ? _("Choose at least one file.") :
	    _("Attach at most 5 files, at most 10 MB together, each with a name.");
	case_render(req, resp, 400, v, &e);
}

void
web_wb_action(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct case_view	 v;
	struct web_form_err	 e = { NULL, NULL, NULL };
	struct wb_action_input	 in;
	struct wb_case		 after;
	enum wb_action		 act;
	unsigned char		 sk[VAULT_SK];
	const char		*err_field = NULL, *s, *loc;
	int			 rc, have_sk, status;
	int64_t			 step_at;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	if (case_load(req, resp, &v) != 0)
		return;
	s = http_form(req, "action");
	if (s != NULL && strcmp(s, "attach") == 0 && req->form_error == NULL) {
		attach(req, resp, &v);
		return;
	}
	e.action = s != NULL && wb_action_parse(s, &act) == 0 ?
	    wb_action_name(act) : NULL;
	if (req->form_error != NULL) {
		e.field = req->form_error_field;
		e.msg = web_field_error(req, req->form_error_field != NULL ?
		    req->form_error_field : "");
		if (e.msg == NULL)
			e.msg = req->form_error;
		case_render(req, resp, 400, &v, &e);
		return;
	}
	if (e.action == NULL) {
		e.msg = _("Unknown action.");
		case_render(req, resp, 400, &v, &e);
		return;
	}
	wb_action_read(req->vals, &in, &s);
	if (s != NULL) {
		/* Midday local time: the day is what matters in the log. */
		if (web_parse_local(s, "12:00", &step_at) != 0) {
			e.field = "step_date";
			e.msg = action_field_message(e.action, e.field);
			case_render(req, resp, 400, &v, &e);
			return;
		}
		in.step_at = step_at > ctx->now ? ctx->now : step_at;
	}
	have_sk = web_wb_secret(req, sk) == 0;
	if (!have_sk && act != WA_DECLARE_IMPARTIAL && act != WA_RECUSE) {
		e.action = NULL;
		e.msg = _("Your key opens when you log in with your password, and this session does not have it. Log out and log in again, then try again.");
		case_render(req, resp, 403, &v, &e);
		return;
	}
	rc = whistle_act(ctx, v.c.id, have_sk ? sk : NULL, &in, &err_field);
	sodium_memzero(sk, sizeof(sk));
	switch (rc) {
	case 0:
		/* Recused, or taken off by setting who it concerns: the
		 * case no longer opens to this person. */
		if (act == WA_RECUSE ||
		    whistle_case_get(ctx, v.c.id, &after) == WB_ERR_NOTFOUND) {
			http_redirect(resp, "/whistle/cases?left=1");
			return;
		}
		loc = arena_printf(ctx->arena, "/whistle/cases/%lld",
		    (long long)v.c.id);
		http_redirect(resp, loc != NULL ? loc : "/whistle/cases");
		return;
	case WB_ERR_NOTFOUND:
		web_not_found(req, resp);
		return;
	case WB_ERR_INVALID:
		e.field = form_field(err_field != NULL ? err_field : "text");
		e.msg = action_field_message(e.action, e.field);
		status = 400;
		break;
	case WB_ERR_STATE:
		e.action = NULL;
		e.msg = act == WA_CONCLUDE && !v.c.accused_heard ?
		    _("The accused must be heard (kontradiksjon) before the case can be concluded.") :
		    _("That cannot be done in the case's present state. The page shows what can be done now.");
		status = 409;
		break;
	case WB_ERR_LOCKED:
		e.action = NULL;
		e.msg = _("The case key has not been shared with you yet, so this cannot be done. See the explanation below.");
		status = 403;
		break;
	default:
		web_failed(req, resp);
		return;
	}
	/* Show the page as it is now (the action changed nothing). */
	if (case_load(req, resp, &v) != 0)
		return;
	case_render(req, resp, status, &v, &e);
}

/* --- GET /whistle/cases/{id}/attachments/{aid} --------------------------- */

/* RFC 5987/8187 value: every byte outside attr-char percent-encoded. */
static const char *
pct_filename(struct arena *a, const char *name)
{
	static const char hex[] = "0123456789ABCDEF";
	struct buf	 b;
	const unsigned char *p;
	char		*out;

	buf_init(&b, 4096);
	for (p = (const unsigned char *)name; *p != '\0'; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("!#$&+-.^_`|~", *p) != NULL)
			buf_putc(&b, (char)*p);
		else {
			buf_putc(&b, '%');
			buf_putc(&b, hex[*p >> 4]);
			buf_putc(&b, hex[*p & 15]);
		}
	}
	out = buf_failed(&b) ? NULL : arena_strdup(a, buf_cstr(&b));
	buf_free(&b);
	return out;
}

void
web_wb_attachment(struct http_req *req, struct http_resp *resp)
{
	struct ctx			*ctx = req->ctx;
	struct wb_attachment_info	 att;
	struct wb_case			 c;
	unsigned char			 sk[VAULT_SK];
	const char			*fn, *cd;
	int64_t				 id, aid;
	int				 rc;

	if (web_gate(req, resp, AZ_HOME_VIEW) != 0)
		return;
	/* Someone the case does not open to learns no more than from a
	 * missing one, before the key is asked for. */
	if (http_param_id(req, 0, &id) != 0 || http_param_id(req, 1, &aid) != 0 ||
	    whistle_case_get(ctx, id, &c) != 0) {
		web_not_found(req, resp);
		return;
	}
	if (web_wb_secret(req, sk) != 0) {
		http_html_error(req, resp, 403, _("Your key opens when you log in with your password, and this session does not have it. Log out and log in again, then try again."));
		return;
	}
	rc = whistle_attachment_get(ctx, id, aid, sk, &att);
	sodium_memzero(sk, sizeof(sk));
	/* Not a handler, not impartial yet, not this case's: all look alike. */
	if (rc == WB_ERR_NOTFOUND || rc == WB_ERR_LOCKED) {
		web_not_found(req, resp);
		return;
	}
	if (rc != 0) {
		web_failed(req, resp);
		return;
	}
	fn = pct_filename(ctx->arena, att.name);
	cd = arena_printf(ctx->arena, "attachment; filename*=UTF-8''%s",
	    fn != NULL ? fn : "file");
	resp->status = 200;
	resp->content_type = "application/octet-stream";
	http_header(resp, "Content-Disposition", cd != NULL ? cd : "attachment");
	http_header(resp, "X-Content-Type-Options", "nosniff");
	http_header(resp, "Cache-Control", "no-store");
	buf_reset(&resp->body);
	if (att.size > 0 && buf_append(&resp->body, att.data, (size_t)att.size) != 0) {
		web_failed(req, resp);
		return;
	}
	sodium_memzero((void *)att.data, (size_t)att.size);
}
