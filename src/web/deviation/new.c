/* web/deviation/new.c: "Meld avvik", the report form. Made for a phone and for
 * under a minute: the two kinds as big choices first, then what, where,
 * when, category and consequence; everything but the title and the
 * description has a sensible default or may stay empty. On success the
 * browser is sent to the receipt (POST, redirect, GET: a reload never
 * reports twice). */
#include <stdint.h>
#include <string.h>

#include "ctx.h"
#include "deviation/dev_input.h"
#include "document/document.h"
#include "html/form.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/num.h"
#include "util/upload.h"
#include "web/deviation/pages.h"
#include "web/labels.h"
#include "web/ui.h"
#include "web/web.h"

/* A report may say when it happened up to this far ahead of the server's
 * clock (a phone's clock runs a little fast). */
#define FUTURE_SLACK	300

/* The classes of a deviation's and a proposal's words on the form. */
static const char *const kind_class[] = { "k-dev", "k-imp" };

/* The message beside a field the model refused. */
static const char *
field_message(const char *field)
{
	if (strcmp(field, "title") == 0)
		return _("Write a short title (at most 200 characters).");
	if (strcmp(field, "description") == 0)
		return _("Describe what happened.");
	if (strcmp(field, "category") == 0)
		return _("Choose a category.");
	if (strcmp(field, "unit_id") == 0)
		return _("Choose a unit from the list.");
	if (strcmp(field, "date") == 0)
		return _("Give a date and time that are not in the future.");
	if (strcmp(field, "severity") == 0)
		return _("Choose the consequence.");
	if (strcmp(field, "kind") == 0)
		return _("Choose deviation or improvement proposal.");
	if (strcmp(field, "attachments") == 0)
		return _("Photos must be JPEG or PNG pictures: at most 5, 10 MB together.");
	if (strcmp(field, "document") == 0)
		return _("No such document: give the ID of a governing document, or leave it empty.");
	return _("Check this field.");
}

/* The governing document it concerns (issue 14): a text input for the
 * municipality's document ID, with the current documents the reporter may
 * read offered as a datalist (a plain text field without JavaScript). */
static void
put_document(struct ctx *ctx, struct buf *b, const char *value,
    const char *error)
{
	struct doc_filter	 f;
	struct document		*docs = NULL;
	size_t			 n = 0, i;
	const char		*hint = _("Its ID in the document register, e.g. 2128, if the report is about a routine or other governing document (optional).");

	memset(&f, 0, sizeof(f));
	f.status = -1;
	if (document_list(ctx, &f, &docs, &n) != 0)
		n = 0;	/* the field works without suggestions */
	html_fmt(b, "<div class=\"field%R\"><label for=\"f-document\">%s</label>",
	    error != NULL ? " invalid" : "", _("Governing document (optional)"));
	html_hint_error(b, "f-document", hint, error);
	html_fmt(b, "<input id=\"f-document\" name=\"document\" type=\"text\""
	    " inputmode=\"text\" autocomplete=\"off\"%R", n > 0 ?
	    " list=\"f-document-list\"" : "");
	if (value != NULL)
		html_fmt(b, " value=\"%s\"", value);
	if (error != NULL)
		html_fmt(b, " aria-invalid=\"true\"");
	html_describedby(b, "f-document", hint, error);
	html_fmt(b, ">");
	if (n > 0) {
		html_fmt(b, "<datalist id=\"f-document-list\">");
		for (i = 0; i < n; i++)
			html_fmt(b, "<option value=\"%s\">%s</option>",
			    docs[i].code != NULL ? docs[i].code : "",
			    docs[i].title != NULL ? docs[i].title : "");
		html_fmt(b, "</datalist>");
	}
	html_fmt(b, "</div>\n");
}

static void
put_kind_choices(struct buf *b, const char *kind, const char *error)
{
	int imp = kind != NULL && strcmp(kind, "improvement") == 0;

	html_fmt(b, "<fieldset class=\"field choices%R\"%R><legend>%s</legend>",
	    error != NULL ? " invalid" : "", error != NULL ?
	    " aria-describedby=\"f-kind-error\"" : "",
	    _("What do you want to report?"));
	if (error != NULL)
		html_fmt(b, "<p class=\"error\" id=\"f-kind-error\">%s</p>", error);
	html_fmt(b, "<div class=\"choice\"><input type=\"radio\" name=\"kind\" "
	    "id=\"f-kind-deviation\" value=\"deviation\"%R>"
	    "<label for=\"f-kind-deviation\"><strong>%s</strong>"
	    "<span class=\"hint\">%s</span></label></div>",
	    imp ? "" : " checked", _("Deviation"),
	    _("Something went wrong, or could have gone wrong."));
	html_fmt(b, "<div class=\"choice\"><input type=\"radio\" name=\"kind\" "
	    "id=\"f-kind-improvement\" value=\"improvement\"%R>"
	    "<label for=\"f-kind-improvement\"><strong>%s</strong>"
	    "<span class=\"hint\">%s</span></label></div>",
	    imp ? " checked" : "", _("Improvement proposal"),
	    _("An idea for how we can do things better."));
	html_fmt(b, "</fieldset>\n");
}

static void
put_severity(struct buf *b, int64_t sel, const char *error)
{
	int i;

	html_fmt(b, "<fieldset class=\"field radios row severity%R\" "
	    "aria-describedby=\"f-severity-hint%R\"><legend>%s</legend>"
	    "<p class=\"hint\" id=\"f-severity-hint\">%s</p>",
	    error != NULL ? " invalid" : "", error != NULL ?
	    " f-severity-error" : "", _("Consequence"),
	    _("How serious was it, or could it have been? Leave it if you are unsure."));
	if (error != NULL)
		html_fmt(b, "<p class=\"error\" id=\"f-severity-error\">%s</p>",
		    error);
	for (i = 1; i <= 4; i++)
		html_fmt(b, "<div class=\"radio\"><input type=\"radio\" "
		    "name=\"severity\" id=\"f-severity-%d\" value=\"%d\"%R>"
		    "<label for=\"f-severity-%d\">%s</label></div>", i, i,
		    sel == i ? " checked" : "", i, web_dev_severity_label(i));
	html_fmt(b, "</fieldset>\n");
}

/* Photos from the phone: accept="image/..." (any image) lets a phone offer its camera
 * as well as its pictures (no capture attribute, which would allow only
 * the camera). */
static void
put_photos(struct buf *b, int again, const char *err)
{
	html_fmt(b, "<div class=\"field%s\"><label for=\"f-photos\">%s</label>"
	    "<p class=\"hint\" id=\"f-photos-hint\">%s</p>",
	    err != NULL ? " invalid" : "", _("Photos (optional)"),
	    _("Take or choose photos of what happened: JPEG or PNG, at most 5, 10 MB together. The position and other data the camera stores in a photo are removed."));
	if (again)
		html_fmt(b, "<p class=\"hint\">%s</p>",
		    _("Photos you chose before must be chosen again."));
	if (err != NULL)
		html_fmt(b, "<p class=\"error\" id=\"f-photos-err\">%s</p>", err);
	html_fmt(b, "<input type=\"file\" id=\"f-photos\" name=\"photos\" "
	    "accept=\"image/*\" multiple aria-describedby=\"f-photos-hint%s\"%R>"
	    "</div>\n", err != NULL ? " f-photos-err" : "",
	    err != NULL ? " aria-invalid=\"true\"" : "");
}

/* The files of the "photos" input (the empty part a browser sends when
 * none was chosen is skipped by http/). */
static int
photos_of(struct http_req *req, struct upload_file **out, size_t *n)
{
	struct upload_file	*v;
	size_t			 i;

	*out = NULL;
	*n = 0;
	if (req->nfiles == 0)
		return 0;
	if ((v = arena_alloc(req->ctx->arena, req->nfiles * sizeof(*v))) == NULL)
		return -1;
	for (i = 0; i < req->nfiles; i++) {
		if (strcmp(req->files[i].field, "photos") != 0)
			continue;
		v[*n].name = req->files[i].filename;
		v[*n].content_type = req->files[i].content_type;
		v[*n].data = req->files[i].data;
		v[*n].len = req->files[i].len;
		(*n)++;
	}
	*out = v;
	return 0;
}

/* The form; e (may be NULL) says which field failed. Values come back
 * from the request when re-rendering after an error. */
static void
dev_form_render(struct http_req *req, struct http_resp *resp, int status,
    const struct unit *units, size_t nunits, const struct category *cats,
    size_t ncats, const struct web_form_err *e)
{
	struct ctx	*ctx = req->ctx;
	struct buf	*b = &resp->body;
	int		 again = status != 200;
	int64_t		 unit = ctx->user->unit_id, sev = 0;
	const char	*s, *date, *time;

	resp->status = status;
	html_page_begin(b, req, _("Report a deviation"), "dev_new");
	html_fmt(b, "<h1>%s</h1>\n", _("Report a deviation"));
	if (again)
		web_error(b, e != NULL && e->field == NULL && e->msg != NULL ?
		    e->msg : _("The report was not sent. Check the field marked below."));
	else
		html_fmt(b, "<p class=\"lead\">%s</p>\n",
		    _("Tell us what happened. It takes about a minute; your leader gets it at once."));
	html_fmt(b, "<form method=\"post\" action=\"/deviations\" "
	    "enctype=\"multipart/form-data\" class=\"stack report\">\n");
	html_csrf(b, req);
	put_kind_choices(b, again ? http_form(req, "kind") : NULL,
	    web_form_err_for(req, e, "kind"));

	/* The words follow the kind chosen above (style.css: k-dev, k-imp),
	 * so that a proposal is not asked "what happened". */
	html_fmt(b, "<fieldset class=\"group\"><legend><span class=\"k-dev\">"
	    "%s</span><span class=\"k-imp\">%s</span></legend>",
	    _("What happened?"), _("What is your proposal?"));
	html_input(b, "title", _("Short title"), "text",
	    again ? http_form(req, "title") : NULL, 1,
	    web_form_err_for(req, e, "title"));
	html_textarea_worded(b, "description", (const char *[]){
	    _("Describe what happened"), _("Describe your proposal") },
	    kind_class, 2, again ? http_form(req, "description") : NULL, 1,
	    _("No names are needed. Write what happened, not who did it."),
	    web_form_err_for(req, e, "description"));
	html_fmt(b, "</fieldset>\n");

	html_fmt(b, "<fieldset class=\"group\"><legend>%s</legend>", _("Where?"));
	if (again && (s = http_form(req, "unit_id")) != NULL)
		(void)num_parse_i64(s, 0, INT64_MAX, &unit);
	web_unit_select_open(b, "f-unit_id", "unit_id", _("Unit"), units, nunits,
	    unit, unit == 0 ? _("Choose a unit") : NULL, 0, 0,
	    web_form_err_for(req, e, "unit_id"));
	html_input(b, "place", _("Place (optional)"), "text",
	    again ? http_form(req, "place") : NULL, 0,
	    web_form_err_for(req, e, "place"));
	html_fmt(b, "</fieldset>\n");

	html_fmt(b, "<fieldset class=\"group when\"><legend>%s</legend>",
	    _("When?"));
	date = again ? http_form(req, "date") : web_iso_date(ctx->arena, ctx->now);
	time = again ? http_form(req, "time") : web_iso_time(ctx->arena, ctx->now);
	html_date_input(b, "date", "date", _("Date"), date,
	    web_form_err_for(req, e, "date"));
	html_date_input(b, "time", "time", _("Time"), time,
	    web_form_err_for(req, e, "time"));
	html_fmt(b, "</fieldset>\n");

	web_dev_category_radios(b, _("Category"), cats, ncats,
	    again ? http_form(req, "category") : NULL, NULL,
	    _("Not needed for an improvement proposal."),
	    web_form_err_for(req, e, "category"));
	if (again && (s = http_form(req, "severity")) != NULL)
		(void)num_parse_i64(s, 0, 4, &sev);
	put_severity(b, sev, web_form_err_for(req, e, "severity"));
	html_textarea(b, "immediate_action", _("What was done at once? (optional)"),
	    again ? http_form(req, "immediate_action") : NULL, 0, NULL,
	    web_form_err_for(req, e, "immediate_action"));
	put_document(ctx, b, again ? http_form(req, "document") : NULL,
	    web_form_err_for(req, e, "document"));
	put_photos(b, again, web_form_err_for(req, e, "attachments"));
	html_checkbox(b, "concerns_leader", _("This concerns my leader"),
	    again && http_form(req, "concerns_leader") != NULL,
	    _("Then the report goes to the leader above your leader, not to your own leader."));
	html_checkbox(b, "personal_data", _("The report contains personal data"),
	    again && http_form(req, "personal_data") != NULL,
	    _("Tick this if someone can be recognised. Fewer people can then read it, and every reading is logged."));
	html_fmt(b, "<button type=\"submit\" class=\"big\">%s</button>\n"
	    "</form>\n", _("Send the report"));
	html_page_end(b, req);
}

/* Units and active categories for the form. 0, or -1 with a 500 given. */
static int
form_load(struct http_req *req, struct http_resp *resp, struct unit **units,
    size_t *nunits, struct category **cats, size_t *ncats)
{
	if (org_unit_list(req->ctx, units, nunits) != 0 ||
	    dev_category_list(req->ctx, 0, cats, ncats) != 0) {
		web_failed(req, resp);
		return -1;
	}
	return 0;
}

void
web_dev_new(struct http_req *req, struct http_resp *resp)
{
	struct unit	*units = NULL;
	struct category	*cats = NULL;
	size_t		 nunits = 0, ncats = 0;

	if (web_dev_gate(req, resp, DEV_RIGHT_REPORT) != 0)
		return;
	if (form_load(req, resp, &units, &nunits, &cats, &ncats) != 0)
		return;
	dev_form_render(req, resp, 200, units, nunits, cats, ncats, NULL);
}

/* Called twice when the server can suspend the request (ctx.h struct
 * ctx_later): first to check the form and queue the report, then, once
 * its batch committed, to answer with what it came to. The units and
 * categories are read only to show the form again. */
void
web_dev_create(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct unit		*units = NULL;
	struct category		*cats = NULL;
	size_t			 nunits = 0, ncats = 0;
	struct web_form_err	 e = { NULL, NULL, NULL };
	struct web_form_err	*err = &e;
	struct dev_report	 r;
	struct deviation	 out;
	enum dev_kind		 kind;
	const char		*date, *hhmm, *ks, *err_field = NULL, *loc;
	int64_t			 occurred = 0;
	struct upload_file	*photos = NULL;
	size_t			 nphotos = 0;
	int			 rc;

	memset(&r, 0, sizeof(r));
	memset(&out, 0, sizeof(out));
	if (ctx_resumed(ctx))
		goto report;
	if (web_dev_gate(req, resp, DEV_RIGHT_REPORT) != 0)
		return;
	if (req->form_error != NULL) {
		err = NULL;
		goto render;
	}
	dev_report_read(req->vals, &r, &ks, &date, &hhmm);
	/* The form asks which kind it is; it has no default. */
	if (dev_kind_parse(ks, &kind) != 0) {
		e.field = "kind";
		goto invalid;
	}
	if (date != NULL && web_parse_local(date, hhmm, &occurred) != 0) {
		e.field = "date";
		e.msg = _("Write the date as dd.mm.yyyy and the time as hh:mm.");
		goto invalid;
	}
	if (date == NULL && hhmm != NULL) {
		e.field = "date";
		e.msg = _("Give the date too, or leave the time empty.");
		goto invalid;
	}
	if (occurred > ctx->now + FUTURE_SLACK) {
		e.field = "date";
		goto invalid;
	}
	r.kind = kind;
	r.occurred_at = occurred;
	if (kind == DEV_DEVIATION && r.category == NULL) {
		e.field = "category";
		goto invalid;
	}
	if (photos_of(req, &photos, &nphotos) != 0) {
		web_failed(req, resp);
		return;
	}
report:
	rc = deviation_report_files(ctx, &r, photos, nphotos, &out, &err_field);
	if (rc == CTX_LATER_QUEUED)
		return;		/* called again with the result */
	if (rc == DEV_ERR_INVALID) {
		e.field = err_field != NULL ? err_field : "title";
		if (strcmp(e.field, "occurred_at") == 0)
			e.field = "date";
		goto invalid;
	}
	if (rc != 0) {
		web_failed(req, resp);
		return;
	}
	loc = arena_printf(ctx->arena, "/deviations/%lld?receipt=1",
	    (long long)out.id);
	http_redirect(resp, loc != NULL ? loc : "/deviations/mine");
	return;
invalid:
	if (e.msg == NULL)
		e.msg = field_message(e.field);
render:
	if (form_load(req, resp, &units, &nunits, &cats, &ncats) != 0)
		return;
	dev_form_render(req, resp, 400, units, nunits, cats, ncats, err);
}
