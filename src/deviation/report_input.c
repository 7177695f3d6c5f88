/* report_input.c: the one declaration of a new report's fields
 * (dev_input.h) and their reading into struct dev_report. The bounds are
 * the only ones either face applies; deviation_report's own checks are
 * the last word. */
#include "deviation/dev_input.h"

#include <string.h>

const struct field dev_report_fields[DRF_MAX + 1] = {
	[DRF_KIND]		= { "kind", F_CODE, 0, 1, 32 },
	[DRF_TITLE]		= { "title", F_LINE, 1, 1, 200 },
	[DRF_DESCRIPTION]	= { "description", F_TEXT, 1, 1, 10000 },
	[DRF_CATEGORY]		= { "category", F_CODE, 0, 1, 64 },
	[DRF_UNIT_ID]		= { "unit_id", F_INT, 0, 1, INT64_MAX },
	[DRF_OCCURRED_AT]	= { "occurred_at", F_LINE, 0, 1, 64 },
	[DRF_DATE]		= { "date", F_LINE, 0, 0, 10 },
	[DRF_TIME]		= { "time", F_LINE, 0, 0, 8 },
	[DRF_PLACE]		= { "place", F_LINE, 0, 0, 200 },
	[DRF_SEVERITY]		= { "severity", F_INT, 0, 0, 4 },
	[DRF_IMMEDIATE_ACTION]	= { "immediate_action", F_TEXT, 0, 0, 4000 },
	[DRF_CONCERNS_LEADER]	= { "concerns_leader", F_BOOL, 0, 0, 1 },
	[DRF_PERSONAL_DATA]	= { "personal_data", F_BOOL, 0, 0, 1 },
	[DRF_DOCUMENT]		= { "document", F_LINE, 0, 0, 64 },
	[DRF_MAX]		= { NULL, 0, 0, 0, 0 }
};

static const struct field_value none[DRF_MAX];

static const char *
str(const struct field_value *v)
{
	return v->present && v->s != NULL && v->s[0] != '\0' ? v->s : NULL;
}

void
dev_report_read(const struct field_value *v, struct dev_report *out,
    const char **kind, const char **when, const char **hhmm)
{
	if (v == NULL)
		v = none;
	memset(out, 0, sizeof(*out));
	out->kind = DEV_DEVIATION;
	out->title = str(&v[DRF_TITLE]);
	out->description = str(&v[DRF_DESCRIPTION]);
	out->category = str(&v[DRF_CATEGORY]);
	out->unit_id = v[DRF_UNIT_ID].present ? v[DRF_UNIT_ID].i : 0;
	out->place = str(&v[DRF_PLACE]);
	out->severity = v[DRF_SEVERITY].present ? (int)v[DRF_SEVERITY].i : 0;
	out->immediate_action = str(&v[DRF_IMMEDIATE_ACTION]);
	out->concerns_leader = v[DRF_CONCERNS_LEADER].present &&
	    v[DRF_CONCERNS_LEADER].i != 0;
	out->personal_data = v[DRF_PERSONAL_DATA].present &&
	    v[DRF_PERSONAL_DATA].i != 0;
	out->document = str(&v[DRF_DOCUMENT]);
	*kind = str(&v[DRF_KIND]);
	*when = str(&v[DRF_DATE]) != NULL ? str(&v[DRF_DATE]) :
	    str(&v[DRF_OCCURRED_AT]);
	*hhmm = str(&v[DRF_TIME]);
}
