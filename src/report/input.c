/* input.c: the one declaration of the fields of every report action,
 * used by the web forms and the JSON API routes alike, and their reading
 * into struct rep_input. Bounds here are what http/ checks; the gate's own
 * checks (gate.c) are the last word. */
#include "report/written.h"

#include <string.h>

#include "util/text.h"

const struct field report_fields[RPF_MAX + 1] = {
	[RPF_ACTION]	= { "action", F_CODE, 0, 1, 32 },
	[RPF_AREA_ID]	= { "area_id", F_INT, 0, 0, INT64_MAX },
	[RPF_GROUP_ID]	= { "group_id", F_INT, 0, 1, INT64_MAX },
	[RPF_NAME]	= { "name", F_LINE, 0, 0, 200 },
	[RPF_UNIT_KIND]	= { "unit_kind", F_CODE, 0, 0, 32 },
	/* "3,5,8"; the web form's checkboxes are joined by its face. */
	[RPF_UNIT_IDS]	= { "unit_ids", F_LINE, 0, 0, 4000 },
	[RPF_POSITION]	= { "position", F_INT, 0, 0, 1000 },
	[RPF_YEAR]	= { "year", F_INT, 0, 2000, 9998 },
	[RPF_TERTIAL]	= { "tertial", F_INT, 0, 0, 3 },
	[RPF_GROUP_KEY]	= { "group_key", F_CODE, 0, 1, 40 },
	[RPF_SECTION]	= { "section", F_CODE, 0, 1, 32 },
	[RPF_BODY]	= { "body", F_TEXT, 0, 0, 20000 },
	[RPF_READY]	= { "ready", F_BOOL, 0, 0, 1 },
	[RPF_MAX]	= { NULL, 0, 0, 0, 0 }
};

#define PERIOD \
	[RQF_YEAR]	= { "year", F_INT, 0, 2000, 9998 }, \
	[RQF_TERTIAL]	= { "tertial", F_CODE, 0, 1, 4 }, \
	[RQF_UNIT_ID]	= { "unit_id", F_INT, 0, 0, INT64_MAX }

const struct field report_query_fields[RQF_MAX + 1] = {
	PERIOD,
	[RQF_MAX]	= { NULL, 0, 0, 0, 0 }
};

/* The tertial page says what was wrong above its own form, in the form's
 * words (report_query_read checks the year and the unit): here only that
 * each is a number. */
const struct field report_page_query_fields[RQF_MAX + 1] = {
	[RQF_YEAR]	= { "year", F_INT, 0, INT64_MIN, INT64_MAX },
	[RQF_TERTIAL]	= { "tertial", F_CODE, 0, 1, 4 },
	[RQF_UNIT_ID]	= { "unit_id", F_INT, 0, INT64_MIN, INT64_MAX },
	[RQF_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field report_sections_query_fields[RSQ_MAX + 1] = {
	PERIOD,
	[RSQ_SAVED]	= { "saved", F_BOOL, 0, 0, 1 },
	[RSQ_APPROVED]	= { "approved", F_BOOL, 0, 0, 1 },
	[RSQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field report_versions_query_fields[RVQ_MAX + 1] = {
	PERIOD,
	[RVQ_GROUP_KEY]	= { "group_key", F_CODE, 0, 1, 40 },
	[RVQ_SECTION]	= { "section", F_CODE, 0, 1, 32 },
	[RVQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

/* from and to: a day's ten characters; the face parses the date. */
const struct field report_group_query_fields[RGQ_MAX + 1] = {
	PERIOD,
	[RGQ_FROM]	= { "from", F_CODE, 0, 1, 10 },
	[RGQ_TO]	= { "to", F_CODE, 0, 1, 10 },
	[RGQ_GROUP]	= { "group", F_CODE, 0, 1, 40 },
	[RGQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field report_groups_query_fields[RGL_MAX + 1] = {
	[RGL_AREA_ID]	= { "area_id", F_INT, 0, 0, INT64_MAX },
	[RGL_SAVED]	= { "saved", F_BOOL, 0, 0, 1 },
	[RGL_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field report_groups_api_query_fields[RGL_AREA_ID + 2] = {
	[RGL_AREA_ID]	= { "area_id", F_INT, 0, 0, INT64_MAX },
	[RGL_AREA_ID + 1] = { NULL, 0, 0, 0, 0 }
};

static const char *const action_names[RA_MAX] = {
	[RA_GROUP_CREATE]	= "group_create",
	[RA_GROUP_UPDATE]	= "group_update",
	[RA_GROUP_REMOVE]	= "group_remove",
	[RA_SECTION_SAVE]	= "section_save",
	[RA_APPROVE]		= "approve",
};

const char *
report_action_name(enum rep_action a)
{
	return (int)a >= 0 && a < RA_MAX ? action_names[a] : "";
}

static const char *
text(const struct field_value *vals, enum rep_field f)
{
	return vals != NULL && vals[f].present ? vals[f].s : NULL;
}

static int64_t
num(const struct field_value *vals, enum rep_field f)
{
	return vals != NULL && vals[f].present ? vals[f].i : 0;
}

void
report_read(const struct field_value *vals, enum rep_action action_default,
    struct rep_input *in)
{
	const char	*a;
	int		 i;

	memset(in, 0, sizeof(*in));
	in->action = action_default;
	if ((a = text(vals, RPF_ACTION)) != NULL)
		in->action = (i = text_index(action_names, RA_MAX, a)) < 0 ?
		    RA_MAX : (enum rep_action)i;
	in->area_id = num(vals, RPF_AREA_ID);
	in->group_id = num(vals, RPF_GROUP_ID);
	in->name = text(vals, RPF_NAME);
	in->unit_kind = text(vals, RPF_UNIT_KIND);
	in->unit_ids = text(vals, RPF_UNIT_IDS);
	in->position = (int)num(vals, RPF_POSITION);
	in->year = (int)num(vals, RPF_YEAR);
	in->tertial = (int)num(vals, RPF_TERTIAL);
	in->group_key = text(vals, RPF_GROUP_KEY);
	in->section = text(vals, RPF_SECTION);
	in->body = text(vals, RPF_BODY);
	in->ready = num(vals, RPF_READY) != 0;
}
