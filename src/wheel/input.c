/* input.c: the one declaration of the wheel's fields and their reading
 * (wheel_input.h). The bounds here are the only ones a face applies;
 * wheel_do's checks (gate.c) are the last word. */
#include "wheel/wheel_input.h"

#include <string.h>

#include "i18n/i18n.h"
#include "org/org.h"

const struct field wheel_fields[WIF_MAX + 1] = {
	[WIF_ACTION]		= { "action", F_CODE, 0, 1, 32 },
	[WIF_TITLE]		= { "title", F_LINE, 0, 0, 800 },
	[WIF_DESCRIPTION]	= { "description", F_TEXT, 0, 0, 4000 },
	[WIF_FREQ]		= { "freq", F_CODE, 0, 1, 32 },
	[WIF_MONTH]		= { "month", F_INT, 0, 0, 12 },
	[WIF_DAY]		= { "day", F_INT, 0, 0, 31 },
	[WIF_WEEK]		= { "week", F_INT, 0, 0, 53 },
	[WIF_WEEKDAY]		= { "weekday", F_INT, 0, 0, 7 },
	[WIF_UNIT_ID]		= { "unit_id", F_INT, 0, 0, INT64_MAX },
	[WIF_ROLE]		= { "role", F_CODE, 0, 0, 32 },
	[WIF_PERSON]		= { "person", F_LINE, 0, 0, 200 },
	[WIF_LEAD_DAYS]		= { "lead_days", F_INT, 0, 0, WHEEL_LEAD_MAX },
	[WIF_STARTS_ON]		= { "starts_on", F_LINE, 0, 0, 32 },
	[WIF_DUE_ON]		= { "due_on", F_LINE, 0, 0, 32 },
	[WIF_NOTE]		= { "note", F_TEXT, 0, 0, 4000 },
	[WIF_NEXT]		= { "next", F_LINE, 0, 0, 400 },
	[WIF_MAX]		= { NULL, 0, 0, 0, 0 }
};

const struct field wheel_feed_fields[WFF_MAX + 1] = {
	[WFF_ACTION]	= { "action", F_CODE, 0, 1, 16 },
	[WFF_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field wheel_query_fields[WQF_MAX + 1] = {
	[WQF_YEAR]	= { "year", F_INT, 0, 1970, 2200 },
	[WQF_UNIT_ID]	= { "unit_id", F_INT, 0, 0, INT64_MAX },
	[WQF_MINE]	= { "mine", F_BOOL, 0, 0, 1 },
	[WQF_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field wheel_task_query_fields[WTQ_MAX + 1] = {
	[WTQ_YEAR]	= { "year", F_INT, 0, 1970, 2200 },
	[WTQ_SAVED]	= { "saved", F_BOOL, 0, 0, 1 },
	[WTQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field wheel_mine_query_fields[WMQ_MAX + 1] = {
	[WMQ_SAVED]	= { "saved", F_BOOL, 0, 0, 1 },
	[WMQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

/* The same bound as the task form's due_on (WIF_DUE_ON). */
const struct field wheel_file_query_fields[WFILEQ_MAX + 1] = {
	[WFILEQ_DUE_ON]	= { "due_on", F_LINE, 1, 1, 32 },
	[WFILEQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

const char wheel_due_on_why[] = N_("Write a date that exists, as YYYY-MM-DD.");

/* A present, non-empty value (an empty form field reads as absent). */
static const char *
text(const struct field_value *vals, enum wheel_field f)
{
	return vals != NULL && vals[f].present && vals[f].s != NULL &&
	    vals[f].s[0] != '\0' ? vals[f].s : NULL;
}

static int64_t
num(const struct field_value *vals, enum wheel_field f, int64_t dflt)
{
	return vals != NULL && vals[f].present && vals[f].s != NULL &&
	    vals[f].s[0] != '\0' ? vals[f].i : dflt;
}

static void
bad(struct wheel_input *in, const char *field, const char *why)
{
	if (in->bad_field == NULL) {
		in->bad_field = field;
		in->bad_why = why;
	}
}

void
wheel_read(const struct field_value *vals, struct wheel_input *in)
{
	enum wheel_freq	 f;
	enum role	 r;
	const char	*s;

	memset(in, 0, sizeof(*in));
	if ((s = text(vals, WIF_ACTION)) == NULL ||
	    wheel_action_parse(s, &in->action) != 0)
		in->action = WHA_MAX;
	in->title = text(vals, WIF_TITLE);
	in->description = text(vals, WIF_DESCRIPTION);
	in->rule.freq = WF_MAX;
	if ((s = text(vals, WIF_FREQ)) != NULL) {
		if (wheel_freq_parse(s, &f) == 0)
			in->rule.freq = f;
		else
			bad(in, "freq", N_("Choose how often the task recurs."));
	}
	in->rule.month = (int)num(vals, WIF_MONTH, 0);
	in->rule.day = (int)num(vals, WIF_DAY, 0);
	in->rule.week = (int)num(vals, WIF_WEEK, 0);
	in->rule.weekday = (int)num(vals, WIF_WEEKDAY, 0);
	in->unit_id = num(vals, WIF_UNIT_ID, 0);
	in->role = -1;
	if ((s = text(vals, WIF_ROLE)) != NULL) {
		if (role_parse(s, &r) == 0)
			in->role = (int)r;
		else
			bad(in, "role", N_("Choose a role from the list."));
	}
	in->person_login = text(vals, WIF_PERSON);
	in->lead_days = (int)num(vals, WIF_LEAD_DAYS, -1);
	in->starts_on = -1;
	if ((s = text(vals, WIF_STARTS_ON)) != NULL &&
	    wheel_day_parse(s, &in->starts_on) != 0)
		bad(in, "starts_on", N_("Write a date that exists, as YYYY-MM-DD."));
	in->due_on = -1;
	if ((s = text(vals, WIF_DUE_ON)) != NULL &&
	    wheel_day_parse(s, &in->due_on) != 0)
		bad(in, "due_on", wheel_due_on_why);
	in->note = text(vals, WIF_NOTE);
}
