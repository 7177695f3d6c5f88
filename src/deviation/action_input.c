/* action_input.c: the one declaration of a handling action's fields and
 * its reading into struct dev_action_input (dev_input.h). The bounds here
 * are the only ones a face applies; the module's own checks (actions.c)
 * are the last word on what each action needs. */
#include "deviation/dev_input.h"

#include <string.h>

#include "i18n/i18n.h"

/* Order = enum dev_action_field. Limits in bytes (fields.c); the module
 * counts characters after this (DEV_TEXT_MAX, DEV_TITLE_MAX). */
const struct field dev_action_fields[DAF_MAX + 1] = {
	[DAF_ACTION]		= { "action", F_CODE, 1, 1, 32 },
	[DAF_REASON]		= { "reason", F_TEXT, 0, 0, 4000 },
	[DAF_UNIT_ID]		= { "unit_id", F_INT, 0, 1, INT64_MAX },
	[DAF_CATEGORY]		= { "category", F_CODE, 0, 1, 64 },
	[DAF_KIND]		= { "kind", F_CODE, 0, 1, 32 },
	/* 0: unchanged (the form's "Not given"). */
	[DAF_SEVERITY]		= { "severity", F_INT, 0, 0, 4 },
	[DAF_CAUSE]		= { "cause", F_TEXT, 0, 0, 10000 },
	[DAF_CONSEQUENCE]	= { "consequence", F_TEXT, 0, 0, 10000 },
	[DAF_MEASURE]		= { "measure", F_TEXT, 0, 1, 4000 },
	/* A line, not a code: the web form takes a name to look up too. */
	[DAF_RESPONSIBLE_LOGIN]	= { "responsible_login", F_LINE, 0, 1, 200 },
	[DAF_DUE_AT]		= { "due_at", F_LINE, 0, 1, 64 },
	[DAF_DUE_DATE]		= { "due_date", F_LINE, 0, 1, 64 },
	[DAF_MEASURE_ID]	= { "measure_id", F_INT, 0, 1, INT64_MAX },
	[DAF_SUMMARY]		= { "summary", F_TEXT, 0, 0, 10000 },
	[DAF_TEXT]		= { "text", F_TEXT, 0, 0, 10000 },
	[DAF_TITLE]		= { "title", F_LINE, 0, 1, 200 },
	[DAF_DESCRIPTION]	= { "description", F_TEXT, 0, 1, 10000 },
	[DAF_NEXT]		= { "next", F_LINE, 0, 0, 400 },
	[DAF_AUTHORITY]		= { "authority", F_CODE, 0, 1, 32 },
	[DAF_MAX]		= { NULL, 0, 0, 0, 0 }
};

static const char *
text(const struct field_value *vals, enum dev_action_field f)
{
	return vals != NULL && vals[f].present ? vals[f].s : NULL;
}

static int64_t
num(const struct field_value *vals, enum dev_action_field f)
{
	return vals != NULL && vals[f].present ? vals[f].i : 0;
}

static void
bad(struct dev_action_input *out, const char *field, const char *why)
{
	/* The first one is the one the user hears of. */
	if (out->bad_field == NULL) {
		out->bad_field = field;
		out->bad_why = why;
	}
}

void
dev_action_read(const struct field_value *vals,
    const struct dev_date_format *due, struct dev_action_input *out)
{
	enum dev_kind	 k;
	const char	*s;

	memset(out, 0, sizeof(*out));
	out->kind = -1;
	if ((s = text(vals, DAF_ACTION)) == NULL ||
	    dev_action_parse(s, &out->action) != 0)
		out->action = DA_MAX;
	out->reason = text(vals, DAF_REASON);
	out->unit_id = num(vals, DAF_UNIT_ID);
	out->category = text(vals, DAF_CATEGORY);
	if ((s = text(vals, DAF_KIND)) != NULL) {
		if (dev_kind_parse(s, &k) == 0)
			out->kind = (int)k;
		else
			bad(out, "kind", N_("must be deviation or improvement"));
	}
	out->severity = (int)num(vals, DAF_SEVERITY);
	out->cause = text(vals, DAF_CAUSE);
	out->consequence = text(vals, DAF_CONSEQUENCE);
	out->measure = text(vals, DAF_MEASURE);
	out->responsible_login = text(vals, DAF_RESPONSIBLE_LOGIN);
	if ((s = text(vals, DAF_DUE_AT)) == NULL)
		s = text(vals, DAF_DUE_DATE);
	if (s != NULL && (due == NULL || due->parse(s, &out->due_at) != 0))
		bad(out, "due_at", due != NULL ? due->why : N_("is not valid"));
	out->measure_id = num(vals, DAF_MEASURE_ID);
	out->summary = text(vals, DAF_SUMMARY);
	out->text = text(vals, DAF_TEXT);
	out->title = text(vals, DAF_TITLE);
	out->description = text(vals, DAF_DESCRIPTION);
	out->authority = text(vals, DAF_AUTHORITY);
}
