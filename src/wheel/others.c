/* others.c: what other modules put on the wheel without copying it here —
 * documents' revision dates (document/), risk assessments' yearly
 * reviews (risk/), audit reports' deadlines for the written status
 * (followup/), deviations' legal clocks (deviation/) and whistleblowing
 * cases' feedback deadlines (whistle/), read through those modules' own
 * functions, which also decide what ctx->user may see. Nothing of theirs
 * is stored in the wheel's tables; they are settled on their own pages. */
#include "wheel/wheel.h"

#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "deviation/deviation.h"
#include "document/document.h"
#include "followup/followup.h"
#include "i18n/i18n.h"
#include "risk/risk.h"
#include "util/arena.h"
#include "wheel/wheel_int.h"
#include "whistle/whistle.h"

/* What is being gathered: the span asked for, whose view, and the list. */
struct gather {
	struct ctx		*ctx;
	int			 mine;		/* "my tasks": only one's own */
	int64_t			 from, to;	/* day numbers */
	struct wheel_other	*v;
	size_t			 len, cap;
};

/* One more date due on day (number), linked to href: nothing when the day
 * is outside the span asked for. 0, or -1 when out of memory (title or
 * href NULL too: the arena's answer). */
static int
add(struct gather *g, enum wheel_other_kind kind, int64_t day,
    const char *title, const char *href)
{
	struct wheel_other *o;

	if (day < g->from || day > g->to)
		return 0;
	if (title == NULL || href == NULL ||
	    arena_grow(g->ctx->arena, (void **)&g->v, g->len, &g->cap,
	    sizeof(*g->v)) != 0)
		return -1;
	o = &g->v[g->len++];
	o->kind = kind;
	o->title = title;
	o->href = href;
	o->due_on = day;
	o->overdue = day < wheel_day_of(g->ctx->now);
	return 0;
}

/* "/prefix<id>" in the arena. */
static const char *
link_to(struct gather *g, const char *prefix, int64_t id)
{
	return arena_printf(g->ctx->arena, "%s%lld", prefix, (long long)id);
}

static int
documents(struct gather *g)
{
	struct ctx		*ctx = g->ctx;
	struct doc_filter	 f;
	struct document		*d;
	size_t			 n, i;
	int			 rc;

	memset(&f, 0, sizeof(f));
	f.status = -1;
	if ((rc = document_list(ctx, &f, &d, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		/* The owner is the one document_tick reminds. */
		if (d[i].next_revision == 0 || d[i].status != DOC_CURRENT ||
		    (g->mine && d[i].owner_id != ctx->user->id))
			continue;
		if (add(g, WX_DOC_REVISION, wheel_day_of(d[i].next_revision),
		    arena_printf(ctx->arena, "%s %s", d[i].code, d[i].title),
		    link_to(g, "/documents/", d[i].id)) != 0)
			return -1;
	}
	return 0;
}

static int
risks(struct gather *g)
{
	struct risk_assessment	*a;
	size_t			 n, i;
	int64_t			 day;
	int			 rc;

	if ((rc = risk_assessment_list(g->ctx, 0, &a, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		day = wheel_day_of(a[i].review_due);
		/* Out of the span: not worth asking whom it reminds. */
		if (a[i].review_due == 0 || day < g->from || day > g->to)
			continue;
		if (g->mine && (rc = risk_review_reminded(g->ctx,
		    a[i].unit_id)) != 1) {
			if (rc < 0)
				return rc;
			continue;
		}
		if (add(g, WX_RISK_REVIEW, day, a[i].title,
		    link_to(g, "/risk-assessments/", a[i].id)) != 0)
			return -1;
	}
	return 0;
}

/* The written status to the control committee, while not sent: on the
 * year's wheel for those who may see the register, in "my tasks" for those
 * followup_tick reminds. */
static int
followups(struct gather *g)
{
	struct followup_report	*r;
	size_t			 n, i;
	int			 rc;

	if (g->mine)
		rc = followup_reminded(g->ctx);
	else
		rc = followup_right(g->ctx, FOLLOWUP_RIGHT_VIEW);
	if (rc != 1)
		return rc < 0 ? rc : 0;
	if ((rc = followup_list(g->ctx, &r, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (r[i].status_due_on < 0 || r[i].status_sent_on >= 0)
			continue;
		if (add(g, WX_FOLLOWUP_DEADLINE, r[i].status_due_on, r[i].title,
		    link_to(g, "/followup/", r[i].id)) != 0)
			return -1;
	}
	return 0;
}

/* The authorities a legal clock runs towards, by their names in the
 * deviation's page (web/labels.c), so no new words are needed. */
static const char *
authority(const char *code)
{
	static const struct { const char *code, *label; } names[] = {
		{ "datatilsynet", N_("the Data Protection Authority (Datatilsynet)") },
		{ "arbeidstilsynet", N_("the Labour Inspection Authority (Arbeidstilsynet)") },
		{ "politiet", N_("the police") },
		{ "helsetilsyn", N_("the Norwegian Board of Health Supervision (Statens helsetilsyn)") },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i].code, code) == 0)
			return _(names[i].label);
	return code;
}

/* The deadlines a handler must meet by law, for the deviations ctx->user
 * handles, in both views. The title is the number and the authority: no
 * free text, no one's name. */
static int
legal(struct gather *g)
{
	struct ctx		*ctx = g->ctx;
	struct dev_legal_open	*l;
	size_t			 n, i;
	int			 rc;

	if ((rc = deviation_legal_open(ctx, &l, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if (add(g, WX_DEV_LEGAL, wheel_day_of(l[i].due_at),
		    arena_printf(ctx->arena, _("%s: notice to %s"), l[i].number,
		    authority(l[i].authority)),
		    /* One deviation may have two clocks on a day (the
		     * police and Arbeidstilsynet): the fragment keeps their
		     * feed UIDs apart. */
		    arena_printf(ctx->arena, "/deviations/%lld#legal-%s",
		    (long long)l[i].dev_id, l[i].authority)) != 0)
			return -1;
	return 0;
}

/* The feedback to the reporter, to the case's current handlers only
 * (whistle_cases_mine), in both views: the number and nothing of the
 * content. */
static int
feedback(struct gather *g)
{
	struct wb_case	*c;
	size_t		 n, i;
	int		 rc;

	if ((rc = whistle_cases_mine(g->ctx, &c, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (c[i].state == WB_CLOSED || c[i].state == WB_NOT_WHISTLEBLOWING ||
		    c[i].feedback_due_at <= 0)
			continue;
		if (add(g, WX_WB_FEEDBACK, wheel_day_of(c[i].feedback_due_at),
		    arena_printf(g->ctx->arena,
		    _("Feedback to the whistleblower, case %s"), c[i].number),
		    link_to(g, "/whistle/cases/", c[i].id)) != 0)
			return -1;
	}
	return 0;
}

static int
by_day(const void *a, const void *b)
{
	const struct wheel_other *x = a, *y = b;

	return x->due_on < y->due_on ? -1 : x->due_on > y->due_on;
}

int
wheel_others(struct ctx *ctx, int mine, int64_t from, int64_t to,
    struct wheel_other **out, size_t *n)
{
	struct gather	g = { ctx, mine, from, to, NULL, 0, 0 };
	int		rc;

	*out = NULL;
	*n = 0;
	if (ctx->user == NULL)
		return 0;
	if ((rc = documents(&g)) != 0 || (rc = risks(&g)) != 0 ||
	    (rc = followups(&g)) != 0 || (rc = legal(&g)) != 0 ||
	    (rc = feedback(&g)) != 0)
		return rc;
	if (g.len > 1)
		qsort(g.v, g.len, sizeof(*g.v), by_day);
	*out = g.v;
	*n = g.len;
	return 0;
}
