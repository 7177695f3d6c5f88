/* ical.c: a person's wheel as an RFC 5545 calendar (wheel.h), written with
 * libical so that folding at 75 octets, CRLF line ends, the escaping of
 * , ; \ and newlines, and DATE values are the library's, not ours.
 *
 * What goes in is what the wheel shows ctx->user as theirs: the
 * occurrences of their tasks (by person, or by a role they hold for the
 * task's unit) and the other modules' dates they are reminded of. Only
 * titles: no notes, no descriptions, no names of who did what, nothing
 * from deviations or whistleblowing cases. Every event is all-day (the
 * wheel's days are civil dates in Europe/Oslo); its UID is the tenant,
 * the source and the day, so a calendar sees the same event on every
 * refresh. */
#include "wheel/wheel.h"

#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "i18n/i18n.h"
#include "util/arena.h"

#define FEED_BACK	366	/* days of the past in the feed */
#define FEED_AHEAD	400	/* days ahead: a year and the next lead time */

static struct icaltimetype
as_date(int64_t day)
{
	struct icaltimetype	t = icaltime_null_date();
	int			y, m, d;

	wheel_civil_from_days(day, &y, &m, &d);
	t.year = y;
	t.month = m;
	t.day = d;
	return t;
}

/* One all-day event. 0, or -1 when libical could not make it. */
static int
event(icalcomponent *cal, struct ctx *ctx, const char *uid, int64_t day,
    const char *summary, const char *desc, const char *url, int cancelled)
{
	icalcomponent	*ev;

	if ((ev = icalcomponent_new(ICAL_VEVENT_COMPONENT)) == NULL)
		return -1;
	icalcomponent_add_property(ev, icalproperty_new_uid(uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(
	    icaltime_from_timet_with_zone((time_t)ctx->now, 0,
	    icaltimezone_get_utc_timezone())));
	icalcomponent_add_property(ev, icalproperty_new_dtstart(as_date(day)));
	icalcomponent_add_property(ev, icalproperty_new_dtend(as_date(day + 1)));
	icalcomponent_add_property(ev, icalproperty_new_summary(summary));
	if (desc != NULL)
		icalcomponent_add_property(ev, icalproperty_new_description(desc));
	if (url != NULL)
		icalcomponent_add_property(ev, icalproperty_new_url(url));
	icalcomponent_add_property(ev, icalproperty_new_transp(
	    ICAL_TRANSP_TRANSPARENT));
	icalcomponent_add_property(ev, icalproperty_new_status(cancelled ?
	    ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED));
	icalcomponent_add_component(cal, ev);
	return 0;
}

static const char *
href_at(struct ctx *ctx, const char *base, const char *href)
{
	return base != NULL ? arena_printf(ctx->arena, "%s%s", base, href) : NULL;
}

static int
tasks(icalcomponent *cal, struct ctx *ctx, const char *base, int64_t from,
    int64_t to)
{
	struct wheel_item	*v;
	size_t			 n, i;
	char			 due[11];
	const char		*summary, *uid;
	int			 rc;

	if ((rc = wheel_items(ctx, WS_MINE, 0, from, to, &v, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		wheel_day_iso(v[i].due_on, due);
		uid = arena_printf(ctx->arena, "wheel-%lld-%lld-%s@orden",
		    (long long)ctx->tenant_id, (long long)v[i].task->id, due);
		summary = v[i].outcome == WO_DONE ? arena_printf(ctx->arena,
		    _("Done: %s"), v[i].task->title) : v[i].task->title;
		if (uid == NULL || summary == NULL ||
		    event(cal, ctx, uid, v[i].due_on, summary,
		    _("A task of the yearly wheel."), href_at(ctx, base,
		    arena_printf(ctx->arena, "/wheel/tasks/%lld",
		    (long long)v[i].task->id)), v[i].outcome == WO_SKIPPED) != 0)
			return -1;
	}
	return 0;
}

static int
others(icalcomponent *cal, struct ctx *ctx, const char *base, int64_t from,
    int64_t to)
{
	struct wheel_other	*v;
	size_t			 n, i, k;
	char			 due[11], *src;
	const char		*summary, *uid;
	int			 rc;

	if ((rc = wheel_others(ctx, 1, from, to, &v, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		/* A whistleblowing case and a deviation stay in Orden: a
		 * feed is read by other programs and often shared, and even
		 * a number with a deadline tells that there is one. */
		if (v[i].kind == WX_WB_FEEDBACK || v[i].kind == WX_DEV_LEGAL)
			continue;
		wheel_day_iso(v[i].due_on, due);
		/* "/documents/12" -> "documents-12": the source in the UID. */
		if ((src = arena_printf(ctx->arena, "%s", v[i].href + 1)) == NULL)
			return -1;
		for (k = 0; src[k] != '\0'; k++)
			if (src[k] == '/')
				src[k] = '-';
		uid = arena_printf(ctx->arena, "%s-%lld-%s@orden", src,
		    (long long)ctx->tenant_id, due);
		summary = v[i].kind == WX_DOC_REVISION ? arena_printf(ctx->arena,
		    _("Revision due: %s"), v[i].title) : v[i].kind ==
		    WX_RISK_REVIEW ? arena_printf(ctx->arena,
		    _("Risk review due: %s"), v[i].title) : v[i].kind ==
		    WX_FOLLOWUP_DEADLINE ? arena_printf(ctx->arena,
		    _("Written status due: %s"), v[i].title) : v[i].title;
		if (uid == NULL || summary == NULL ||
		    event(cal, ctx, uid, v[i].due_on, summary, NULL,
		    href_at(ctx, base, v[i].href), 0) != 0)
			return -1;
	}
	return 0;
}

int
wheel_ical(struct ctx *ctx, const char *base, const char **out, size_t *len)
{
	icalcomponent	*cal;
	icalproperty	*p;
	char		*text = NULL, *copy;
	int64_t		 today = wheel_day_of(ctx->now);
	int		 rc = -1;

	*out = NULL;
	*len = 0;
	if (ctx->user == NULL)
		return -1;
	if ((cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT)) == NULL)
		return -1;
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_prodid(
	    "-//Orden//Yearly wheel//EN"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	/* The name and zone calendar programs show for a subscription. */
	p = icalproperty_new_x(_("Yearly wheel"));
	icalproperty_set_x_name(p, "X-WR-CALNAME");
	icalcomponent_add_property(cal, p);
	p = icalproperty_new_x("Europe/Oslo");
	icalproperty_set_x_name(p, "X-WR-TIMEZONE");
	icalcomponent_add_property(cal, p);
	if ((rc = tasks(cal, ctx, base, today - FEED_BACK, today + FEED_AHEAD))
	    != 0 || (rc = others(cal, ctx, base, today - FEED_BACK,
	    today + FEED_AHEAD)) != 0)
		goto out;
	rc = -1;
	if ((text = icalcomponent_as_ical_string_r(cal)) == NULL)
		goto out;
	*len = strlen(text);
	if ((copy = arena_alloc(ctx->arena, *len + 1)) == NULL)
		goto out;
	memcpy(copy, text, *len + 1);
	*out = copy;
	rc = 0;
out:
	free(text);
	icalcomponent_free(cal);
	return rc;
}
