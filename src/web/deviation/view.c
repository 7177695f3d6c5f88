/* web/deviation/view.c: one deviation. Everyone who may see it gets the facts and
 * the public timeline; handlers (and quality, the chief executive) get
 * the internal parts too, and handlers the action forms the state allows.
 * A reporter who is not a handler sees only the public parts: never
 * internal notes, cause or measures. Right after reporting, the reporter
 * gets the receipt instead (?receipt=1). */
#include <stdint.h>
#include <string.h>

#include "ctx.h"
#include "deviation/deviation.h"
#include "deviation/dev_input.h"
#include "deviation/view.h"
#include "document/document.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "util/arena.h"
#include "util/num.h"
#include "web/deviation/pages.h"
#include "web/risk/risk_web.h"
#include "web/labels.h"
#include "web/ui.h"
#include "web/web.h"

/* Everything the page shows, loaded before anything is written. */
struct view {
	const struct deviation	*d;
	int			 handle;	/* may act on it */
	int			 public_only;	/* the reporter's view */
	int			 mine;		/* ctx->user reported it */
	int			 resubmit;	/* may correct and send in again */
	struct dev_event	*ev;
	size_t			 nev;
	struct measure		*ms;
	size_t			 nms;
	struct unit		*units;
	size_t			 nunits;
	struct category		*cats;
	size_t			 ncats;
	const char		*handler_unit;
};

static int
view_load(struct http_req *req, const struct deviation *d, struct view *v)
{
	struct ctx	*ctx = req->ctx;
	struct unit	 u;

	memset(v, 0, sizeof(*v));
	v->d = d;
	v->handle = deviation_may(ctx, d, DEV_MAY_HANDLE);
	v->resubmit = deviation_may(ctx, d, DEV_MAY_RESUBMIT);
	v->mine = d->reporter_id == ctx->user->id;
	/* Only handlers, quality and the chief executive read the internal
	 * parts; the reporter and a safety representative (who reads HMS
	 * reports of their area) see what the reporter is told. */
	v->public_only = !v->handle && !deviation_may(ctx, d, DEV_MAY_INTERNAL);
	if (deviation_events(ctx, d->id, v->public_only, &v->ev, &v->nev) != 0)
		return -1;
	if (!v->public_only &&
	    deviation_measures(ctx, d->id, &v->ms, &v->nms) != 0)
		return -1;
	if ((v->handle || v->resubmit) &&
	    dev_category_list(ctx, 0, &v->cats, &v->ncats) != 0)
		return -1;
	if (v->handle && org_unit_list(ctx, &v->units, &v->nunits) != 0)
		return -1;
	memset(&u, 0, sizeof(u));
	if (org_unit_get(ctx, d->handler_unit_id, &u) == 0)
		v->handler_unit = u.name;
	return 0;
}

/* --- pieces of action forms: ids are prefixed by the action, so several
 * forms on one page can each have a "reason" ----------------------------- */

static void
a_open(struct buf *b, struct http_req *req, const struct deviation *d,
    const char *act, const char *summary, const struct web_form_err *e)
{
	int open = e != NULL && e->action != NULL && strcmp(e->action, act) == 0;

	html_fmt(b, "<details class=\"action\" id=\"act-%s\"%R><summary>%s"
	    "</summary>\n<form method=\"post\" action=\"/deviations/%D/action\" "
	    "class=\"stack\">", act, open ? " open" : "", summary, d->id);
	html_csrf(b, req);
	html_fmt(b, "<input type=\"hidden\" name=\"action\" value=\"%s\">", act);
}

static void
a_close(struct buf *b, const char *button)
{
	html_fmt(b, "<button type=\"submit\">%s</button></form></details>\n",
	    button);
}

static void
a_area(struct buf *b, const char *act, const char *name, const char *label,
    const char *value, int required, const char *error)
{
	web_act_field_begin(b, act, name, label, error);
	html_fmt(b, "<textarea id=\"a-%s-%s\" name=\"%s\" rows=\"3\"%R", act,
	    name, name, required ? " required" : "");
	web_act_described(b, act, name, error);
	html_fmt(b, ">%s</textarea></div>", value != NULL ? value : "");
}

static void
a_category(struct buf *b, const char *act, const struct view *v,
    const char *selected, const char *none_label, const char *error)
{
	size_t i;

	web_act_field_begin(b, act, "category", _("Category"), error);
	html_fmt(b, "<select id=\"a-%s-category\" name=\"category\"", act);
	web_act_described(b, act, "category", error);
	html_fmt(b, ">");
	if (none_label != NULL)
		html_fmt(b, "<option value=\"\">%s</option>", none_label);
	for (i = 0; i < v->ncats; i++)
		html_fmt(b, "<option value=\"%s\"%R>%s</option>", v->cats[i].code,
		    selected != NULL && strcmp(selected, v->cats[i].code) == 0 ?
		    " selected" : "", v->cats[i].name);
	html_fmt(b, "</select></div>");
}

/* --- the action forms --------------------------------------------------- */

static void
put_actions(struct buf *b, struct http_req *req, const struct view *v,
    const struct web_form_err *e)
{
	const struct deviation	*d = v->d;
	int			 open = d->status == DEV_NEW ||
				    d->status == DEV_ACKNOWLEDGED;
	int			 closed = d->status == DEV_CLOSED;
	const char		*s, *t;
	int64_t			 sel;
	int			 k;

	html_fmt(b, "<section class=\"card\" aria-labelledby=\"handle-h\">"
	    "<h2 id=\"handle-h\">%s</h2>\n", _("Handle the report"));
	if (d->status == DEV_NEW) {
		html_fmt(b, "<form method=\"post\" action=\"/deviations/%D/action\" "
		    "class=\"stack\">", d->id);
		html_csrf(b, req);
		html_fmt(b, "<input type=\"hidden\" name=\"action\" "
		    "value=\"acknowledge\"><p class=\"hint\">%s</p>"
		    "<button type=\"submit\">%s</button></form>\n",
		    _("Tell the reporter that you have received it and will handle it."),
		    web_dev_action_label(DA_ACKNOWLEDGE));
	}
	if (d->status == DEV_RETURNED)
		html_fmt(b, "<p>%s</p>\n",
		    _("It has been returned to the reporter for correction. You can still record the analysis and measures."));
	if (!closed) {
		a_open(b, req, d, "analyse", web_dev_action_label(DA_ANALYSE), e);
		a_area(b, "analyse", "cause", _("Cause"),
		    web_act_val(req, e, "analyse", "cause", d->cause), 0,
		    web_act_err(e, "analyse", "cause"));
		a_area(b, "analyse", "consequence", _("Consequence"),
		    web_act_val(req, e, "analyse", "consequence", d->consequence), 0,
		    web_act_err(e, "analyse", "consequence"));
		a_close(b, _("Save"));

		a_open(b, req, d, "add_measure",
		    web_dev_action_label(DA_ADD_MEASURE), e);
		a_area(b, "add_measure", "measure", _("Measure"),
		    web_act_val(req, e, "add_measure", "measure", NULL), 1,
		    web_act_err(e, "add_measure", "measure"));
		/* A search, not a list: a municipality has thousands of
		 * people. The server finds the one the name or username
		 * points to, or says which ones it could be. */
		s = web_act_val(req, e, "add_measure", "responsible_login", NULL);
		t = web_act_err(e, "add_measure", "responsible_login");
		web_act_field_begin(b, "add_measure", "responsible_login",
		    _("Responsible"), t);
		html_fmt(b, "<p class=\"hint\" id=\"a-add_measure-responsible_login-hint\">"
		    "%s</p><input id=\"a-add_measure-responsible_login\" "
		    "name=\"responsible_login\" type=\"search\" autocomplete=\"off\" "
		    "aria-describedby=\"a-add_measure-responsible_login-hint%R\"%R",
		    _("Write a name or a username."), t != NULL ?
		    " a-add_measure-responsible_login-error" : "",
		    t != NULL ? " aria-invalid=\"true\"" : "");
		if (s != NULL)
			html_fmt(b, " value=\"%s\"", s);
		html_fmt(b, "></div>");
		web_act_input(b, "add_measure", "due_date", _("Due date"), "date",
		    web_act_val(req, e, "add_measure", "due_date", NULL), 1,
		    web_act_err(e, "add_measure", "due_date"));
		a_close(b, web_dev_action_label(DA_ADD_MEASURE));

		a_open(b, req, d, "classify", web_dev_action_label(DA_CLASSIFY), e);
		a_category(b, "classify", v, web_act_val(req, e, "classify", "category",
		    d->category_code), _("No category"),
		    web_act_err(e, "classify", "category"));
		s = web_act_val(req, e, "classify", "kind", dev_kind_name(d->kind));
		web_act_field_begin(b, "classify", "kind", _("Kind"), NULL);
		html_fmt(b, "<select id=\"a-classify-kind\" name=\"kind\">");
		for (k = 0; k < DEV_KIND_MAX; k++)
			html_fmt(b, "<option value=\"%s\"%R>%s</option>",
			    dev_kind_name((enum dev_kind)k), s != NULL &&
			    strcmp(s, dev_kind_name((enum dev_kind)k)) == 0 ?
			    " selected" : "", web_dev_kind_label((enum dev_kind)k));
		html_fmt(b, "</select></div>");
		sel = d->severity;
		if ((s = web_act_val(req, e, "classify", "severity", NULL)) != NULL)
			(void)num_parse_i64(s, 0, 4, &sel);
		web_act_field_begin(b, "classify", "severity", _("Consequence"),
		    web_act_err(e, "classify", "severity"));
		html_fmt(b, "<select id=\"a-classify-severity\" name=\"severity\">"
		    "<option value=\"0\">%s</option>", _("Not given"));
		for (k = 1; k <= 4; k++)
			html_fmt(b, "<option value=\"%d\"%R>%s</option>", k,
			    sel == k ? " selected" : "", web_dev_severity_label(k));
		html_fmt(b, "</select></div>");
		a_area(b, "classify", "reason", _("Reason (optional)"),
		    web_act_val(req, e, "classify", "reason", NULL), 0,
		    web_act_err(e, "classify", "reason"));
		a_close(b, web_dev_action_label(DA_CLASSIFY));
	}
	if (open) {
		a_open(b, req, d, "transfer", web_dev_action_label(DA_TRANSFER), e);
		sel = 0;
		if ((s = web_act_val(req, e, "transfer", "unit_id", NULL)) != NULL)
			(void)num_parse_i64(s, 0, INT64_MAX, &sel);
		web_unit_select_open(b, "a-transfer-unit_id", "unit_id",
		    _("Transfer to"), v->units, v->nunits, sel,
		    _("Choose a unit"), 0, 0, web_act_err(e, "transfer", "unit_id"));
		a_area(b, "transfer", "reason",
		    _("Reason (the reporter sees it)"),
		    web_act_val(req, e, "transfer", "reason", NULL), 1,
		    web_act_err(e, "transfer", "reason"));
		a_close(b, web_dev_action_label(DA_TRANSFER));

		a_open(b, req, d, "return", web_dev_action_label(DA_RETURN), e);
		a_area(b, "return", "reason",
		    _("What should the reporter correct? (the reporter sees it)"),
		    web_act_val(req, e, "return", "reason", NULL), 1,
		    web_act_err(e, "return", "reason"));
		a_close(b, web_dev_action_label(DA_RETURN));

		a_open(b, req, d, "close", web_dev_action_label(DA_CLOSE), e);
		a_area(b, "close", "summary",
		    _("What have we learned? (the reporter sees it)"),
		    web_act_val(req, e, "close", "summary", NULL), 1,
		    web_act_err(e, "close", "summary"));
		a_close(b, web_dev_action_label(DA_CLOSE));
	}
	if (closed) {
		a_open(b, req, d, "reopen", web_dev_action_label(DA_REOPEN), e);
		a_area(b, "reopen", "reason", _("Reason"),
		    web_act_val(req, e, "reopen", "reason", NULL), 1,
		    web_act_err(e, "reopen", "reason"));
		a_close(b, web_dev_action_label(DA_REOPEN));
	}
	a_open(b, req, d, "comment", web_dev_action_label(DA_COMMENT), e);
	a_area(b, "comment", "text", _("Note (only handlers see it)"),
	    web_act_val(req, e, "comment", "text", NULL), 1,
	    web_act_err(e, "comment", "text"));
	a_close(b, _("Save the note"));
	html_fmt(b, "</section>\n");
}

/* The reporter's correct-and-resubmit form for a returned report. act
 * prefixes the element ids (several forms can share a page). */
static void
put_resubmit(struct buf *b, struct http_req *req, const struct view *v,
    const struct web_form_err *e, const char *act, const char *next)
{
	const struct deviation *d = v->d;

	html_fmt(b, "<form method=\"post\" action=\"/deviations/%D/action\" "
	    "class=\"stack resubmit\">", d->id);
	html_csrf(b, req);
	html_fmt(b, "<input type=\"hidden\" name=\"action\" value=\"resubmit\">");
	if (next != NULL)
		html_fmt(b, "<input type=\"hidden\" name=\"next\" value=\"%s\">",
		    next);
	web_act_input(b, act, "title", _("Short title"), "text",
	    web_act_val(req, e, act, "title", d->title), 1, web_act_err(e, act, "title"));
	a_area(b, act, "description", _("Describe what happened"),
	    web_act_val(req, e, act, "description", d->description), 1,
	    web_act_err(e, act, "description"));
	a_category(b, act, v, web_act_val(req, e, act, "category", d->category_code),
	    d->kind == DEV_IMPROVEMENT ? _("No category") : NULL,
	    web_act_err(e, act, "category"));
	html_fmt(b, "<button type=\"submit\">%s</button></form>\n",
	    web_dev_action_label(DA_RESUBMIT));
}

/* The legal basis of an authority's clock, as web_dev_legal_label
 * names it. */
static const char *
legal_basis(const char *authority)
{
	return strcmp(authority, "datatilsynet") == 0 ? "gdpr33" :
	    strcmp(authority, "helsetilsyn") == 0 ? "helsetilsyn" : "aml52";
}

/* Whether an authority before the i-th of d has the same legal basis:
 * its sentence was printed there (Arbeidstilsynet and the police both
 * stand on AML § 5-2, and the sentence came twice). */
static int
legal_said_before(const struct deviation *d, size_t i)
{
	const char	*basis = legal_basis(d->legal[i].authority);
	size_t		 k;

	for (k = 0; k < i; k++)
		if (strcmp(legal_basis(d->legal[k].authority), basis) == 0)
			return 1;
	return 0;
}

/* "Notify Datatilsynet within 71 hours" / "at once" / "passed". */
static void
put_legal(struct buf *b, struct http_req *req, const struct deviation *d,
    int handle)
{
	struct ctx			*ctx = req->ctx;
	const struct legal_deadline	*l;
	const char			*who, *s;
	int64_t				 left;
	size_t				 i;

	if (d->nlegal == 0)
		return;
	html_fmt(b, "<section class=\"card legal\" aria-labelledby=\"legal-h\">"
	    "<h2 id=\"legal-h\">%s</h2>\n<ul class=\"plain\">", _("Legal deadlines"));
	for (i = 0; i < d->nlegal; i++) {
		l = &d->legal[i];
		who = web_dev_authority_label(l->authority);
		/* The yearly wheel links here (wheel/others.c). */
		html_fmt(b, "<li id=\"legal-%s\">", l->authority);
		if (l->done_at != 0) {
			s = arena_printf(ctx->arena, _("%s was notified %s."),
			    who, web_datetime(ctx->arena, l->done_at));
			html_fmt(b, "<strong>%s</strong>", s != NULL ? s : "");
		} else if (l->due_at <= d->reported_at) {
			s = arena_printf(ctx->arena, _("Notify %s at once."), who);
			html_fmt(b, "<strong class=\"late\">%s</strong>",
			    s != NULL ? s : "");
		} else if (l->due_at > ctx->now) {
			left = (l->due_at - ctx->now + 3599) / 3600;
			s = arena_printf(ctx->arena, ngettext(
			    "Notify %s within %lld hour", "Notify %s within %lld hours",
			    (unsigned long)left), who, (long long)left);
			html_fmt(b, "<strong>%s</strong> <span class=\"hint\">(%s)"
			    "</span>", s != NULL ? s : "",
			    web_datetime(ctx->arena, l->due_at));
		} else {
			s = arena_printf(ctx->arena, _("Notify %s: the deadline has passed (%s)."),
			    who, web_datetime(ctx->arena, l->due_at));
			html_fmt(b, "<strong class=\"late\">%s</strong>",
			    s != NULL ? s : "");
		}
		if (!legal_said_before(d, i))
			html_fmt(b, "<p class=\"hint\">%s</p>",
			    web_dev_legal_label(legal_basis(l->authority)));
		/* The handler records the notice once it is sent: until then
		 * the clock stays open here and in the yearly wheel. */
		if (handle && l->done_at == 0) {
			html_fmt(b, "<form method=\"post\" action=\"/deviations/%D/"
			    "action\" class=\"inline\">", d->id);
			html_csrf(b, req);
			html_fmt(b, "<input type=\"hidden\" name=\"action\" "
			    "value=\"legal_done\"><input type=\"hidden\" "
			    "name=\"authority\" value=\"%s\"><button type=\"submit\" "
			    "class=\"secondary\">%s</button></form>", l->authority,
			    web_dev_action_label(DA_LEGAL_DONE));
		}
		html_fmt(b, "</li>");
	}
	html_fmt(b, "</ul></section>\n");
}

static void
put_receipt(struct buf *b, struct http_req *req, const struct view *v)
{
	struct ctx		*ctx = req->ctx;
	const struct deviation	*d = v->d;
	const char		*s;
	struct unit		 u;
	int64_t			 led;
	/* A proposal ("forslaget") is neuter: the sentences that say "it"
	 * of a report ("den", "ho") name the proposal instead. */
	int			 imp = d->kind == DEV_IMPROVEMENT;

	html_fmt(b, "<h1>%s</h1>\n", imp ?
	    _("Thank you for the proposal") : _("Thank you – the report is received"));
	html_fmt(b, "<p class=\"receipt\">%s<strong class=\"number\">%s"
	    "</strong></p>\n", _("Its number is"), d->number);
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"next-h\">"
	    "<h2 id=\"next-h\">%s</h2>\n<ul>", _("What happens now"));
	if (d->handler_role != NULL)
		s = arena_printf(ctx->arena, _("Because it concerns the chief executive, who has no leader above, it has gone to the municipality's choice: %s. The chief executive does not see it."),
		    web_top_route_label(d->handler_role));
	else if (d->concerns_leader)
		s = arena_printf(ctx->arena, _("Because it concerns your leader, it has gone to the leader of %s, who handles it."),
		    v->handler_unit != NULL ? v->handler_unit : "");
	else {
		/* A unit whose leader has left (or that has none yet) is
		 * handled by the nearest leader above, who is the one told of
		 * the report: the reporter is told that, not of a leader of a
		 * unit that has none. */
		led = deviation_concerned_unit(ctx, d->handler_unit_id);
		memset(&u, 0, sizeof(u));
		if (led > 0 && led != d->handler_unit_id &&
		    org_unit_get(ctx, led, &u) == 0 && u.name != NULL)
			s = arena_printf(ctx->arena, imp ?
			    _("%s has no leader in Orden at the moment, so the leader of %s handles the proposal.") :
			    _("%s has no leader in Orden at the moment, so the leader of %s handles it."),
			    v->handler_unit != NULL ? v->handler_unit : "", u.name);
		else
			s = arena_printf(ctx->arena, imp ?
			    _("The leader of %s handles the proposal.") :
			    _("The leader of %s handles it."),
			    v->handler_unit != NULL ? v->handler_unit : "");
	}
	html_fmt(b, "<li>%s</li>", s != NULL ? s : "");
	if (d->ack_due_at != 0) {
		s = arena_printf(ctx->arena, _("The leader is to acknowledge it by %s."),
		    web_datetime(ctx->arena, d->ack_due_at));
		html_fmt(b, "<li>%s</li>", s != NULL ? s : "");
	}
	if (d->due_at != 0) {
		s = arena_printf(ctx->arena, imp ?
		    _("The proposal is to be handled and closed by %s.") :
		    _("It is to be handled and closed by %s."),
		    web_date(ctx->arena, d->due_at));
		html_fmt(b, "<li>%s</li>", s != NULL ? s : "");
	}
	html_fmt(b, "<li>%s</li></ul></section>\n", imp ?
	    _("You are told if the proposal is transferred or returned, and when it is closed, with what was learned.") :
	    _("You are told if it is transferred or returned, and when it is closed, with what was learned."));
	put_legal(b, req, d, 0);
	html_fmt(b, "<ul class=\"actions big-links\"><li><a href=\"/deviations/mine\">"
	    "%s</a></li><li><a href=\"/deviations/new\">%s</a></li></ul>\n",
	    _("My reports"), imp ? _("Make another proposal") :
	    _("Report another deviation"));
}

static void
put_fact(struct buf *b, const char *dt, const char *dd)
{
	if (dd != NULL && dd[0] != '\0')
		html_fmt(b, "<dt>%s</dt><dd>%s</dd>", dt, dd);
}

/* The governing document the report concerns, linked by its ID (/d/ID),
 * when the viewer may read it (document_get checks), and the approved
 * versions of it that say they answer this one ("Besvart i versjon 3 av
 * 2128", issue 14 item 6). */
static void
put_document_fact(struct buf *b, struct ctx *ctx, const struct deviation *d)
{
	struct document	 doc;
	int		*nums;
	size_t		 n, i;

	if (d->document_id <= 0 || document_get(ctx, d->document_id, &doc) != 0 ||
	    doc.code == NULL)
		return;
	html_fmt(b, "<dt>%s</dt><dd><a href=\"/d/%U\">%s %s</a></dd>",
	    _("Governing document"), doc.code, doc.code,
	    doc.title != NULL ? doc.title : "");
	if (document_answered_in(ctx, doc.id, d->id, &nums, &n) != 0)
		return;
	for (i = 0; i < n; i++)
		html_fmt(b, "<dt>%s</dt><dd><a href=\"/documents/%D?v=%d\">%s</a></dd>",
		    _("Answered"), doc.id, nums[i], arena_printf(ctx->arena,
		    _("Answered in version %d of %s"), nums[i], doc.code));
}

static void
put_timeline(struct buf *b, struct ctx *ctx, const struct view *v)
{
	size_t i;

	html_fmt(b, "<section aria-labelledby=\"tl-h\"><h2 id=\"tl-h\">%s</h2>\n"
	    "<ol class=\"timeline\">", _("History"));
	for (i = 0; i < v->nev; i++) {
		html_fmt(b, "<li><p><strong>%s</strong> <span class=\"hint\">"
		    "%s – %s</span></p>", web_dev_event_label(v->ev[i].type),
		    web_datetime(ctx->arena, v->ev[i].at),
		    v->ev[i].actor_name != NULL ? v->ev[i].actor_name :
		    _("Orden (automatic)"));
		if (v->ev[i].text != NULL && v->ev[i].text[0] != '\0')
			html_fmt(b, "<p class=\"pre\">%s</p>",
			    strcmp(v->ev[i].type, "legal_done") == 0 ?
			    web_dev_authority_label(v->ev[i].text) : v->ev[i].text);
		html_fmt(b, "</li>\n");
	}
	html_fmt(b, "</ol></section>\n");
}

static void
put_measures(struct buf *b, struct http_req *req, const struct view *v)
{
	struct ctx	*ctx = req->ctx;
	size_t		 i;

	html_fmt(b, "<section aria-labelledby=\"ms-h\"><h2 id=\"ms-h\">%s</h2>\n",
	    _("Measures"));
	if (v->nms == 0) {
		html_fmt(b, "<p>%s</p></section>\n", _("No measures yet."));
		return;
	}
	html_fmt(b, "<ul class=\"measures\">");
	for (i = 0; i < v->nms; i++) {
		/* An owner who has left is named so: the handler sees that
		 * nobody will carry the measure out and gives it to someone. */
		html_fmt(b, "<li><p class=\"pre\">%s</p><p class=\"hint\">%s: %s%s",
		    v->ms[i].text, _("Responsible"),
		    v->ms[i].responsible_name != NULL ?
		    v->ms[i].responsible_name : "–",
		    v->ms[i].responsible_name != NULL &&
		    !v->ms[i].responsible_active ? _(" (deactivated)") : "");
		if (v->ms[i].due_at != 0)
			html_fmt(b, " · %s: %s", _("Due"),
			    web_date(ctx->arena, v->ms[i].due_at));
		web_measure_late(b, ctx, &v->ms[i]);
		html_fmt(b, "</p>");
		if (v->ms[i].done_at != 0) {
			html_fmt(b, "<p><span class=\"status st-closed\">%s</span> %s</p>",
			    _("Done"), web_date(ctx->arena, v->ms[i].done_at));
			if (v->ms[i].done_note != NULL)
				html_fmt(b, "<p class=\"pre\">%s</p>",
				    v->ms[i].done_note);
		}
		else if (v->handle && v->d->status != DEV_CLOSED) {
			html_fmt(b, "<form method=\"post\" action=\"/deviations/%D/action\" "
			    "class=\"inline\">", v->d->id);
			html_csrf(b, req);
			html_fmt(b, "<input type=\"hidden\" name=\"action\" "
			    "value=\"complete_measure\"><input type=\"hidden\" "
			    "name=\"measure_id\" value=\"%D\"><button type=\"submit\" "
			    "class=\"secondary\">%s</button></form>", v->ms[i].id,
			    web_dev_action_label(DA_COMPLETE_MEASURE));
			/* Another owner: one who left, or the wrong one. A
			 * name or a username, as when the measure was made. */
			html_fmt(b, "<form method=\"post\" action=\"/deviations/%D/action\" "
			    "class=\"inline\">", v->d->id);
			html_csrf(b, req);
			html_fmt(b, "<input type=\"hidden\" name=\"action\" "
			    "value=\"assign_measure\"><input type=\"hidden\" "
			    "name=\"measure_id\" value=\"%D\"><label for=\"ma-%D\">%s"
			    "</label> <input id=\"ma-%D\" name=\"responsible_login\" "
			    "type=\"text\" autocomplete=\"off\" maxlength=\"200\"> "
			    "<button type=\"submit\" class=\"secondary\">%s</button>"
			    "</form>", v->ms[i].id, v->ms[i].id,
			    web_dev_action_label(DA_ASSIGN_MEASURE), v->ms[i].id,
			    _("Save"));
		}
		html_fmt(b, "</li>\n");
	}
	html_fmt(b, "</ul></section>\n");
}

/* The measures of ms[0..nms) that ctx->user is responsible for, each with
 * a "done" form and a note while the deviation is open: for a measure
 * owner who may not otherwise see the deviation, and for one who sees
 * only what the reporter is told (the reporter, a safety representative),
 * whom the start page's "Mine tiltak" sends here too. Nothing when they
 * own none. */
static void
put_own_measures(struct buf *b, struct http_req *req, const struct deviation *d,
    const struct measure *ms, size_t nms)
{
	struct ctx	*ctx = req->ctx;
	size_t		 i, own = 0;

	for (i = 0; i < nms; i++)
		if (ms[i].responsible_id == ctx->user->id)
			own++;
	if (own == 0)
		return;
	html_fmt(b, "<section aria-labelledby=\"ms-h\"><h2 id=\"ms-h\">"
	    "%s</h2>\n<ul class=\"measures\">", _("Your measures"));
	for (i = 0; i < nms; i++) {
		if (ms[i].responsible_id != ctx->user->id)
			continue;
		html_fmt(b, "<li><p class=\"pre\">%s</p>", ms[i].text);
		if (ms[i].due_at != 0)
			html_fmt(b, "<p class=\"hint\">%s: %s</p>", _("Due"),
			    web_date(ctx->arena, ms[i].due_at));
		if (ms[i].done_at != 0) {
			html_fmt(b, "<p><span class=\"status st-closed\">%s</span> %s"
			    "</p>", _("Done"), web_date(ctx->arena, ms[i].done_at));
			if (ms[i].done_note != NULL)
				html_fmt(b, "<p class=\"pre\">%s</p>", ms[i].done_note);
		} else if (d->status != DEV_CLOSED) {
			html_fmt(b, "<form method=\"post\" action=\"/deviations/%D/"
			    "action\" class=\"stack\">", d->id);
			html_csrf(b, req);
			html_fmt(b, "<input type=\"hidden\" name=\"action\" "
			    "value=\"complete_measure\"><input type=\"hidden\" "
			    "name=\"measure_id\" value=\"%D\"><div class=\"field\">"
			    "<label for=\"m-%D-text\">%s</label><textarea id=\"m-%D-text\" "
			    "name=\"text\" rows=\"3\"></textarea></div><button "
			    "type=\"submit\">%s</button></form>", ms[i].id, ms[i].id,
			    _("What was done (the leader sees it)"), ms[i].id,
			    web_dev_action_label(DA_COMPLETE_MEASURE));
		}
		html_fmt(b, "</li>\n");
	}
	html_fmt(b, "</ul></section>\n");
}

/* The page of someone responsible for a measure who may not otherwise see
 * the deviation: what the measure needs (number, title, kind, category,
 * unit, status) and their own measures, each with a "done" form and a
 * note. Never the description, the reporter, the analysis or the history:
 * those may hold personal data. */
static void
render_owner(struct http_req *req, struct http_resp *resp, int status,
    const struct deviation *d, const struct web_form_err *e)
{
	struct ctx	*ctx = req->ctx;
	struct buf	*b = &resp->body;
	struct measure	*ms;
	size_t		 nms;
	const char	*title;

	if (deviation_measures(ctx, d->id, &ms, &nms) != 0) {
		web_failed(req, resp);
		return;
	}
	resp->status = status;
	title = arena_printf(ctx->arena, "%s – %s", d->number, d->title);
	html_page_begin(b, req, title != NULL ? title : d->number, "home");
	html_fmt(b, "<p class=\"back\"><a href=\"/\">%s</a></p>\n",
	    _("Back to the start page"));
	html_fmt(b, "<p class=\"number-line\">%s</p><h1>%s</h1>\n", d->number,
	    d->title);
	if (status == 200 && http_qtext(req, DVQ_DONE) != NULL)
		web_notice(b, _("Saved."));
	if (e != NULL && e->msg != NULL)
		web_error(b, e->msg);
	html_fmt(b, "<p class=\"hint\">%s</p>", _("You are responsible for a measure in this report. You see what the measure needs; the report itself is for its handlers."));
	html_fmt(b, "<p class=\"status-line\">");
	web_dev_status_tag(b, (int)d->status);
	html_fmt(b, "</p>\n<dl class=\"facts\">");
	put_fact(b, _("Kind"), web_dev_kind_label(d->kind));
	put_fact(b, _("Category"), d->category_name != NULL ? d->category_name :
	    _("None"));
	put_fact(b, _("Unit"), d->unit_name);
	html_fmt(b, "</dl>\n");
	put_own_measures(b, req, d, ms, nms);
	html_page_end(b, req);
}

/* The auditor's sample of a closed case: how it was handled, without
 * personal data: no description, reporter, place, analysis, names or
 * texts of the history; the lesson and the measures' texts and dates. */
static void
render_sample(struct http_req *req, struct http_resp *resp,
    const struct deviation *d)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	struct dev_event	*ev;
	struct measure		*ms;
	size_t			 nev, nms, i;
	const char		*title;

	if (deviation_events(ctx, d->id, 0, &ev, &nev) != 0 ||
	    deviation_measures(ctx, d->id, &ms, &nms) != 0) {
		web_failed(req, resp);
		return;
	}
	resp->status = 200;
	title = arena_printf(ctx->arena, "%s – %s", d->number, d->title);
	html_page_begin(b, req, title != NULL ? title : d->number, "dev_list");
	html_fmt(b, "<p class=\"back\"><a href=\"/deviations\">%s</a></p>\n",
	    _("Back to the list"));
	html_fmt(b, "<p class=\"number-line\">%s</p><h1>%s</h1>\n", d->number,
	    d->title);
	html_fmt(b, "<p class=\"hint\">%s</p>", _("A closed report as the auditor samples it: how it was handled, without personal data."));
	html_fmt(b, "<p class=\"status-line\">");
	web_dev_status_tag(b, (int)d->status);
	html_fmt(b, "</p>\n<dl class=\"facts\">");
	put_fact(b, _("Kind"), web_dev_kind_label(d->kind));
	put_fact(b, _("Category"), d->category_name != NULL ? d->category_name :
	    _("None"));
	put_fact(b, _("Unit"), d->unit_name);
	put_fact(b, _("Reported"), web_datetime(ctx->arena, d->reported_at));
	if (d->kind != DEV_IMPROVEMENT || d->severity != 0)
		put_fact(b, _("Consequence"), web_dev_severity_label(d->severity));
	if (d->closed_at != 0)
		put_fact(b, _("Closed"), web_datetime(ctx->arena, d->closed_at));
	html_fmt(b, "</dl>\n");
	put_legal(b, req, d, 0);
	if (d->summary != NULL)
		html_fmt(b, "<section class=\"card\" aria-labelledby=\"sum-h\">"
		    "<h2 id=\"sum-h\">%s</h2><p class=\"pre\">%s</p></section>\n",
		    _("What have we learned?"), d->summary);
	html_fmt(b, "<section aria-labelledby=\"ms-h\"><h2 id=\"ms-h\">%s</h2>"
	    "<ul class=\"measures\">", _("Measures"));
	for (i = 0; i < nms; i++) {
		html_fmt(b, "<li><p class=\"pre\">%s</p><p class=\"hint\">", ms[i].text);
		if (ms[i].due_at != 0)
			html_fmt(b, "%s: %s ", _("Due"), web_date(ctx->arena, ms[i].due_at));
		if (ms[i].done_at != 0)
			html_fmt(b, "· %s %s", _("Done"), web_date(ctx->arena, ms[i].done_at));
		html_fmt(b, "</p></li>\n");
	}
	html_fmt(b, "</ul></section>\n<section aria-labelledby=\"tl-h\"><h2 "
	    "id=\"tl-h\">%s</h2><ol class=\"timeline\">", _("History"));
	for (i = 0; i < nev; i++)
		html_fmt(b, "<li><p><strong>%s</strong> <span class=\"hint\">%s"
		    "</span></p></li>\n", web_dev_event_label(ev[i].type),
		    web_datetime(ctx->arena, ev[i].at));
	html_fmt(b, "</ol></section>\n");
	html_page_end(b, req);
}

void
web_dev_view_render(struct http_req *req, struct http_resp *resp, int status,
    const struct deviation *d, const struct web_form_err *e)
{
	struct ctx	*ctx = req->ctx;
	struct buf	*b = &resp->body;
	struct view	 v;
	const char	*title, *reporter;
	int64_t		 due;

	switch (deviation_sight(ctx, d)) {
	case DEV_SEES_ALL:
		break;
	case DEV_SEES_MEASURES:
		render_owner(req, resp, status, d, e);
		return;
	case DEV_SEES_SAMPLE:
	case DEV_SEES_NOTHING:	/* not reached: the callers loaded it as seen */
		render_sample(req, resp, d);
		return;
	}
	if (view_load(req, d, &v) != 0) {
		web_failed(req, resp);
		return;
	}
	resp->status = status;
	if (status == 200 && http_qint(req, DVQ_RECEIPT, 0) &&
	    d->reporter_id == ctx->user->id) {
		html_page_begin(b, req, _("Report received"), "dev_new");
		put_receipt(b, req, &v);
		html_page_end(b, req);
		return;
	}
	title = arena_printf(ctx->arena, "%s – %s", d->number, d->title);
	html_page_begin(b, req, title != NULL ? title : d->number,
	    v.handle ? "dev_inbox" : v.mine ? "dev_mine" : "dev_list");
	html_fmt(b, "<p class=\"back\"><a href=\"%H\">%s</a></p>\n",
	    v.handle ? "/deviations/inbox" : v.mine ? "/deviations/mine" :
	    "/deviations", v.handle ? _("Back to the inbox") : v.mine ?
	    _("Back to my reports") : _("Back to the list"));
	html_fmt(b, "<p class=\"number-line\">%s</p><h1>%s</h1>\n", d->number,
	    d->title);
	if (status == 200 && http_qtext(req, DVQ_DONE) != NULL)
		web_notice(b, _("Saved."));
	if (e != NULL && e->msg != NULL && e->field == NULL)
		web_error(b, e->msg);
	else if (e != NULL && e->msg != NULL)
		web_error(b, _("Nothing was saved. Check the field marked below."));
	html_fmt(b, "<p class=\"status-line\">");
	web_dev_status_tag(b, (int)d->status);
	if (d->overdue)
		html_fmt(b, " <span class=\"status st-late\">%s</span>", _("Overdue"));
	html_fmt(b, "</p>\n<dl class=\"facts\">");
	put_fact(b, _("Kind"), web_dev_kind_label(d->kind));
	put_fact(b, _("Category"), d->category_name != NULL ? d->category_name :
	    _("None"));
	put_fact(b, _("Unit"), d->unit_name);
	if (d->handler_role != NULL)
		put_fact(b, _("Handled by"), web_top_route_label(d->handler_role));
	else if (d->handler_unit_id != d->unit_id)
		put_fact(b, _("Handled by"), v.handler_unit);
	put_fact(b, _("Place"), d->place);
	put_document_fact(b, ctx, d);
	/* A proposal did not happen: when and how grave are a deviation's
	 * facts, shown for a proposal only if its reporter gave them. */
	if (d->kind != DEV_IMPROVEMENT)
		put_fact(b, _("When it happened"), d->occurred_at != 0 ?
		    web_datetime(ctx->arena, d->occurred_at) : _("Not given"));
	reporter = d->reporter_name != NULL ? arena_printf(ctx->arena,
	    _("%s by %s"), web_datetime(ctx->arena, d->reported_at),
	    d->reporter_name) : web_datetime(ctx->arena, d->reported_at);
	put_fact(b, _("Reported"), reporter);
	if (d->kind != DEV_IMPROVEMENT || d->severity != 0)
		put_fact(b, _("Consequence"), web_dev_severity_label(d->severity));
	if (d->status != DEV_CLOSED && (due = web_dev_next_deadline(d)) != 0) {
		title = arena_printf(ctx->arena, "%s (%s)",
		    web_deadline_text(ctx->arena, ctx->now, due),
		    web_datetime(ctx->arena, due));
		put_fact(b, d->status == DEV_NEW && due == d->ack_due_at ?
		    _("Deadline to acknowledge") : _("Deadline"), title);
	}
	if (d->closed_at != 0)
		put_fact(b, _("Closed"), web_datetime(ctx->arena, d->closed_at));
	if (d->concerns_leader)
		put_fact(b, _("Concerns the leader"), _("Yes"));
	if (d->personal_data)
		put_fact(b, _("Personal data"), _("Yes, reading is logged"));
	html_fmt(b, "</dl>\n");

	html_fmt(b, "<section aria-labelledby=\"desc-h\"><h2 id=\"desc-h\">%s</h2>"
	    "<p class=\"pre\">%s</p>", d->kind == DEV_IMPROVEMENT ?
	    _("The proposal") : _("What happened"), d->description);
	if (d->immediate_action != NULL && d->immediate_action[0] != '\0')
		html_fmt(b, "<h3>%s</h3><p class=\"pre\">%s</p>",
		    _("What was done at once"), d->immediate_action);
	html_fmt(b, "</section>\n");
	web_dev_photos(b, req, d);
	put_legal(b, req, d, v.handle);
	if (d->status == DEV_RETURNED && d->return_reason != NULL) {
		html_fmt(b, "<section class=\"card\" aria-labelledby=\"ret-h\">"
		    "<h2 id=\"ret-h\">%s</h2><p class=\"pre\">%s</p>",
		    _("Returned for correction"), d->return_reason);
		if (v.resubmit)
			put_resubmit(b, req, &v, e, "resubmit", NULL);
		html_fmt(b, "</section>\n");
	}
	if (d->status == DEV_CLOSED && d->summary != NULL)
		html_fmt(b, "<section class=\"card\" aria-labelledby=\"sum-h\">"
		    "<h2 id=\"sum-h\">%s</h2><p class=\"pre\">%s</p></section>\n",
		    _("What have we learned?"), d->summary);
	if (!v.public_only) {
		if ((d->cause != NULL && d->cause[0] != '\0') ||
		    (d->consequence != NULL && d->consequence[0] != '\0')) {
			html_fmt(b, "<section aria-labelledby=\"an-h\"><h2 id=\"an-h\">"
			    "%s</h2><dl class=\"facts\">", _("Analysis"));
			put_fact(b, _("Cause"), d->cause);
			put_fact(b, _("Consequence"), d->consequence);
			html_fmt(b, "</dl></section>\n");
		}
		put_measures(b, req, &v);
	} else {
		/* The reporter or a safety representative made responsible
		 * for a measure: theirs, with its form, not the others'. */
		if (deviation_measures(ctx, d->id, &v.ms, &v.nms) != 0) {
			web_failed(req, resp);
			return;
		}
		put_own_measures(b, req, d, v.ms, v.nms);
	}
	/* The risks it is tied to, for those who may see them (risk/). */
	if (web_risk_tied(b, req, d->id) != 0) {
		web_failed(req, resp);
		return;
	}
	if (v.handle)
		put_actions(b, req, &v, e);
	put_timeline(b, ctx, &v);
	html_page_end(b, req);
}

void
web_dev_view(struct http_req *req, struct http_resp *resp)
{
	struct deviation	d;
	enum dev_sight		sight;
	enum dev_action		done;
	const char		*s;

	if (web_dev_gate(req, resp, DEV_RIGHT_SIGNED_IN) != 0)
		return;
	if (web_dev_load(req, resp, &d, &sight) != 0)
		return;
	if ((s = http_qtext(req, DVQ_DONE)) != NULL &&
	    dev_action_parse(s, &done) != 0) {
		http_html_error(req, resp, 400, _("done: not an action on a "
		    "report"));
		return;
	}
	/* A measure owner's page shows no personal data: no read to log. */
	if (sight == DEV_SEES_ALL)
		deviation_audit_read(req->ctx, &d);
	web_dev_view_render(req, resp, 200, &d, NULL);
}

void
web_dev_resubmit_form(struct buf *b, struct http_req *req,
    const struct deviation *d, const struct category *cats, size_t ncats)
{
	struct view	 v;
	const char	*act;

	memset(&v, 0, sizeof(v));
	v.d = d;
	/* The view only reads the categories. */
	v.cats = (struct category *)(uintptr_t)cats;
	v.ncats = ncats;
	act = arena_printf(req->ctx->arena, "resubmit-%lld", (long long)d->id);
	put_resubmit(b, req, &v, NULL, act != NULL ? act : "resubmit",
	    "/deviations/mine?resubmitted=1");
}
