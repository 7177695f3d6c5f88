/* letter.c: the written answer to the control committee ("Svar –
 * oppfølging av forvaltningsrevisjon …") as a PDF, from the register: per
 * recommendation its text, the answer and the status as written. The
 * same content as the page to print (web/followup/pages.c); laid out by
 * src/pdf/ (A4, the municipality's name, page numbers, text as text). */
#include "followup/followup.h"

#include "ctx.h"
#include "i18n/i18n.h"
#include "pdf/pdf.h"
#include "util/arena.h"
#include "wheel/rule.h"

static const char *const status_labels[FS_MAX] = {
	[FS_NOT_STARTED] = N_("Not started"),
	[FS_IN_PROGRESS] = N_("In progress"),
	[FS_IMPLEMENTED] = N_("Implemented"),
	[FS_ASSESSED] = N_("Assessed"),
	[FS_CLOSED] = N_("Closed"),
};

const char *
followup_status_label(int s)
{
	return s >= 0 && s < FS_MAX ? _(status_labels[s]) : "";
}

const char *
followup_status_line(struct arena *a, int status, const char *note)
{
	const char *s = NULL;

	if (note != NULL && *note != '\0')
		s = arena_printf(a, "%s – %s", followup_status_label(status), note);
	return s != NULL ? s : followup_status_label(status);
}

const char *
followup_day(struct arena *a, int64_t d)
{
	int y, m, dd;

	if (d < 0)
		return "–";
	wheel_civil_from_days(d, &y, &m, &dd);
	return arena_printf(a, "%02d.%02d.%04d", dd, m, y);
}

struct letter {
	struct ctx			*ctx;
	const struct followup_report	*r;
	struct followup_rec		*v;
	size_t				 n;
	const char			*title;
};

static int
layout(struct pdf_doc *d, void *arg)
{
	const struct letter	*l = arg;
	struct arena		*a = l->ctx->arena;
	const char		*s;
	size_t			 i;

	pdf_para(d, "Sans 11", l->ctx->tenant_name != NULL ?
	    l->ctx->tenant_name : "", 0, 24);
	pdf_para(d, "Sans Bold 16", l->title, 0, 14);
	s = arena_printf(a, _("The chief executive was asked to give a written "
	    "status on the follow-up of the audit report (%s) by %s."),
	    l->r->case_no != NULL ? l->r->case_no : l->r->auditor,
	    followup_day(a, l->r->status_due_on));
	if (s == NULL)
		return -1;
	pdf_para(d, "Sans 10", s, 0, 8);
	if (l->r->late)
		pdf_para(d, "Sans 10", l->r->late_reason != NULL ?
		    l->r->late_reason : _("The deadline was missed."), 0, 8);
	for (i = 0; i < l->n; i++) {
		const struct followup_rec *c = &l->v[i];

		/* A heading keeps the start of what follows on its page. */
		pdf_room(d, 90);
		pdf_skip(d, 8);
		if ((s = arena_printf(a, "%s) %s", c->letter, c->text)) == NULL)
			return -1;
		pdf_para(d, "Sans Bold 11", s, 0, 6);
		if ((s = arena_printf(a, "%s %s", _("Answer:"), c->answer != NULL ?
		    c->answer : "")) == NULL)
			return -1;
		pdf_para(d, "Sans 10", s, 12, 4);
		if ((s = arena_printf(a, "%s %s", _("Status:"),
		    followup_status_line(a, c->status, c->status_note))) == NULL)
			return -1;
		pdf_para(d, "Sans 10", s, 12, 4);
	}
	return 0;
}

int
followup_letter_title(struct ctx *ctx, const struct followup_report *r,
    const char **out)
{
	*out = arena_printf(ctx->arena, "%s – %s", _("Answer – follow-up of "
	    "the performance audit"), r->title);
	return *out != NULL ? 0 : -1;
}

int
followup_letter_pdf(struct ctx *ctx, int64_t id, struct buf *out)
{
	struct followup_report	 r;
	struct letter		 l;
	int			 rc;

	if ((rc = followup_get(ctx, id, &r)) != 0)
		return rc;
	l.ctx = ctx;
	l.r = &r;
	if ((rc = followup_recs(ctx, id, &l.v, &l.n))
	    != 0)
		return rc;
	if (followup_letter_title(ctx, &r, &l.title) != 0)
		return -1;
	return pdf_render(l.title, ctx->tenant_name, layout, &l, out);
}
