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

static int
add(struct ctx *ctx, struct wheel_other **v, size_t *len, size_t *cap,
    enum wheel_other_kind kind, const char *title, const char *href,
    int64_t due_on)
{
	struct wheel_other *o;

	if (title == NULL || href == NULL ||
	    arena_grow(ctx->arena, (void **)v, *len, cap, sizeof(**v)) != 0)
		return -1;
	o = &(*v)[(*len)++];
	o->kind = kind;
	o->title = title;
	o->href = href;
	o->due_on = due_on;
	o->overdue = due_on < wheel_day_of(ctx->now);
	return 0;
}

static int
documents(struct ctx *ctx, int mine, int64_t from, int64_t to,
    struct wheel_other **v, size_t *len, size_t *cap)
{
	struct doc_filter	 f;
	struct document		*d;
	size_t			 n, i;
	int64_t			 day;
	int			 rc;

	memset(&f, 0, sizeof(f));
	f.status = -1;
	if ((rc = document_list(ctx, &f, &d, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (d[i].next_revision == 0 || d[i].status != DOC_CURRENT)
			continue;
		/* The owner is the one document_tick reminds. */
		if (mine && d[i].owner_id != ctx->user->id)
			continue;
		day = wheel_day_of(d[i].next_revision);
		if (day < from || day > to)
			continue;
		if (add(ctx, v, len, cap, WX_DOC_REVISION, arena_printf(ctx->arena,
		    "%s %s", d[i].code, d[i].title), arena_printf(ctx->arena,
		    "/documents/%lld", (long long)d[i].id), day) != 0)
			return -1;
	}
	return 0;
}

static int
risks(struct ctx *ctx, int mine, int64_t from, int64_t to,
    struct wheel_other **v, size_t *len, size_t *cap)
{
	struct risk_assessment	*a;
	size_t			 n, i;
	int64_t			 day;
	int			 rc;

	if ((rc = risk_assessment_list(ctx, &a, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (a[i].review_due == 0)
			continue;
		day = wheel_day_of(a[i].review_due);
		if (day < from || day > to)
			continue;
		if (mine && (rc = risk_review_reminded(ctx, a[i].unit_id)) != 1) {
			if (rc < 0)
				return rc;
			continue;
		}
		if (add(ctx, v, len, cap, WX_RISK_REVIEW, a[i].title,
		    arena_printf(ctx->arena, "/risk-assessments/%lld",
		    (long long)a[i].id), day) != 0)
			return -1;
	}
	return 0;
}

/* The written status to the control committee, while not sent: on the
 * year's wheel for those who may see the register, in "my tasks" for those
 * followup_tick reminds. */
static int
followups(struct ctx *ctx, int mine, int64_t from, int64_t to,
    struct wheel_other **v, size_t *len, size_t *cap)
{
	struct followup_report	*r;
	size_t			 n, i;
	int			 rc;

	if (mine)
		rc = followup_reminded(ctx);
	else
		rc = followup_right(ctx, FOLLOWUP_RIGHT_VIEW);
	if (rc != 1)
		return rc < 0 ? rc : 0;
	if ((rc = followup_list(ctx, &r, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (r[i].status_due_on < 0 || r[i].status_sent_on >= 0 ||
		    r[i].status_due_on < from || r[i].status_due_on > to)
			continue;
		if (add(ctx, v, len, cap, WX_FOLLOWUP_DEADLINE, r[i].title,
		    arena_printf(ctx->arena, "/followup/%lld", (long long)r[i].id),
		    r[i].status_due_on) != 0)
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
legal(struct ctx *ctx, int64_t from, int64_t to, struct wheel_other **v,
    size_t *len, size_t *cap)
{
	struct dev_legal_open	*l;
	size_t			 n, i;
	int64_t			 day;
	int			 rc;

	if ((rc = deviation_legal_open(ctx, &l, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		day = wheel_day_of(l[i].due_at);
		if (day < from || day > to)
			continue;
		if (add(ctx, v, len, cap, WX_DEV_LEGAL, arena_printf(ctx->arena,
		    _("%s: notice to %s"), l[i].number, authority(l[i].authority)),
		    /* One deviation may have two clocks on a day (the
		     * police and Arbeidstilsynet): the fragment keeps their
		     * feed UIDs apart. */
		    arena_printf(ctx->arena, "/deviations/%lld#legal-%s",
		    (long long)l[i].dev_id, l[i].authority), day) != 0)
			return -1;
	}
	return 0;
}

/* The feedback to the reporter, to the case's current handlers only
 * (whistle_cases_mine), in both views: the number and nothing of the
 * content. */
static int
feedback(struct ctx *ctx, int64_t from, int64_t to, struct wheel_other **v,
    size_t *len, size_t *cap)
{
	struct wb_case	*c;
	size_t		 n, i;
	int64_t		 day;
	int		 rc;

	if ((rc = whistle_cases_mine(ctx, &c, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (c[i].state == WB_CLOSED || c[i].state == WB_NOT_WHISTLEBLOWING ||
		    c[i].feedback_due_at <= 0)
			continue;
		day = wheel_day_of(c[i].feedback_due_at);
		if (day < from || day > to)
			continue;
		if (add(ctx, v, len, cap, WX_WB_FEEDBACK, arena_printf(ctx->arena,
		    _("Feedback to the whistleblower, case %s"), c[i].number),
		    arena_printf(ctx->arena, "/whistle/cases/%lld",
		    (long long)c[i].id), day) != 0)
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
	struct wheel_other	*v = NULL;
	size_t			 len = 0, cap = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	if (ctx->user == NULL)
		return 0;
	if ((rc = documents(ctx, mine, from, to, &v, &len, &cap)) != 0 ||
	    (rc = risks(ctx, mine, from, to, &v, &len, &cap)) != 0 ||
	    (rc = followups(ctx, mine, from, to, &v, &len, &cap)) != 0 ||
	    (rc = legal(ctx, from, to, &v, &len, &cap)) != 0 ||
	    (rc = feedback(ctx, from, to, &v, &len, &cap)) != 0)
		return rc;
	if (len > 1)
		qsort(v, len, sizeof(*v), by_day);
	*out = v;
	*n = len;
	return 0;
}
