/* reporter_input.c: the reporter's report, receipt login and message
 * fields (wb_input.h), one table each for the public pages and the API. */
#include "whistle/wb_input.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

const struct field wb_receipt_fields[WRF_MAX + 1] = {
	[WRF_RECEIPT_CODE]	= { "receipt_code", F_LINE, 1, 1, 80 },
	[WRF_WB_CSRF]		= { "wb_csrf", F_CODE, 0, 0, 64 },
	[WRF_MAX]		= { NULL, 0, 0, 0, 0 }
};

/* 10000: the bound the API has always documented (openapi.yaml); the
 * public form had 6000 of its own, which left the same message valid on
 * one face and not the other. */
const struct field wb_message_fields[WMF_MAX + 1] = {
	[WMF_TEXT]		= { "text", F_TEXT, 1, 1, 10000 },
	[WMF_WB_CSRF]		= { "wb_csrf", F_CODE, 0, 0, 64 },
	[WMF_MAX]		= { NULL, 0, 0, 0, 0 }
};

/* The API's documented bounds (openapi.yaml); the form once had smaller
 * ones of its own for the texts, so a report the API took could be
 * refused on the page. */
const struct field wb_report_fields[WRPF_MAX + 1] = {
	[WRPF_CONCERNS]			= { "concerns", F_CODE, 1, 1, 32 },
	[WRPF_REPORTER_CATEGORY]	= { "reporter_category", F_CODE, 1, 1, 32 },
	[WRPF_ACCUSED_ID]		= { "accused_id", F_INT, 0, 0, INT64_MAX },
	/* A line, as the form had it: a login that is no code is taken
	 * like any unknown one (no error, no oracle), never refused. */
	[WRPF_ACCUSED_LOGIN]		= { "accused_login", F_LINE, 0, 1, 200 },
	[WRPF_ACCUSED_NAME]		= { "accused_name", F_LINE, 0, 1, 200 },
	/* A party's name as org/ keeps it (100: the person form's bound). */
	[WRPF_ACCUSED_PARTY]		= { "accused_party", F_LINE, 0, 1, 100 },
	[WRPF_ABOUT_NEAREST_LEADER]	= { "about_nearest_leader", F_BOOL, 0, 0, 1 },
	[WRPF_DIRECT_TO]		= { "direct_to", F_CODE, 0, 1, 16 },
	[WRPF_DIRECT_REASON]		= { "direct_reason", F_TEXT, 0, 1, 4000 },
	[WRPF_UNIT_ID]			= { "unit_id", F_INT, 0, 0, INT64_MAX },
	[WRPF_ANONYMOUS]		= { "anonymous", F_BOOL, 0, 0, 1 },
	[WRPF_ON_BEHALF_OF_OTHERS]	= { "on_behalf_of_others", F_BOOL, 0, 0, 1 },
	[WRPF_MEANT_AS_WHISTLEBLOWING]	= { "meant_as_whistleblowing", F_BOOL, 0, 0, 1 },
	[WRPF_WHAT]			= { "what", F_TEXT, 1, 1, 20000 },
	[WRPF_WHY_CENSURABLE]		= { "why_censurable", F_TEXT, 1, 1, 20000 },
	[WRPF_WHEN]			= { "when", F_LINE, 0, 0, 200 },
	[WRPF_WHERE]			= { "where", F_LINE, 0, 0, 200 },
	[WRPF_INVOLVED]			= { "involved", F_TEXT, 0, 0, 4000 },
	[WRPF_REPORTER_NAME]		= { "reporter_name", F_LINE, 0, 1, 200 },
	[WRPF_REPORTER_CONTACT]		= { "reporter_contact", F_LINE, 0, 1, 200 },
	[WRPF_ORAL]			= { "oral", F_BOOL, 0, 0, 1 },
	[WRPF_FIND_ACCUSED]		= { "find_accused", F_BOOL, 0, 0, 1 },
	[WRPF_WB_CSRF]			= { "wb_csrf", F_CODE, 0, 0, 64 },
	[WRPF_MAX]			= { NULL, 0, 0, 0, 0 }
};

static const char *
str(const struct field_value *vals, int i)
{
	const struct field_value *v;

	if (vals == NULL)
		return NULL;
	v = &vals[i];
	return v->present && v->s != NULL && v->s[0] != '\0' ? v->s : NULL;
}

static int64_t
num(const struct field_value *vals, int i, int64_t dflt)
{
	return vals != NULL && vals[i].present ? vals[i].i : dflt;
}

const char *
wb_report_read(const struct field_value *vals, struct wb_report *out)
{
	memset(out, 0, sizeof(*out));
	out->accused_id = num(vals, WRPF_ACCUSED_ID, 0);
	out->accused_login = str(vals, WRPF_ACCUSED_LOGIN);
	out->accused_name = str(vals, WRPF_ACCUSED_NAME);
	out->accused_party = str(vals, WRPF_ACCUSED_PARTY);
	out->about_nearest_leader = num(vals, WRPF_ABOUT_NEAREST_LEADER, 0) != 0;
	out->direct_to = str(vals, WRPF_DIRECT_TO);
	out->direct_reason = str(vals, WRPF_DIRECT_REASON);
	out->unit_id = num(vals, WRPF_UNIT_ID, 0);
	out->anonymous = num(vals, WRPF_ANONYMOUS, 0) != 0;
	out->on_behalf_of_others = num(vals, WRPF_ON_BEHALF_OF_OTHERS, 0) != 0;
	out->meant_as_whistleblowing =
	    num(vals, WRPF_MEANT_AS_WHISTLEBLOWING, 1) != 0;
	out->what = str(vals, WRPF_WHAT);
	out->why_censurable = str(vals, WRPF_WHY_CENSURABLE);
	out->when = str(vals, WRPF_WHEN);
	out->where = str(vals, WRPF_WHERE);
	out->involved = str(vals, WRPF_INVOLVED);
	out->reporter_name = str(vals, WRPF_REPORTER_NAME);
	out->reporter_contact = str(vals, WRPF_REPORTER_CONTACT);
	out->oral = num(vals, WRPF_ORAL, 0) != 0;
	if (wb_concerns_parse(str(vals, WRPF_CONCERNS), &out->concerns) != 0)
		return wb_report_fields[WRPF_CONCERNS].name;
	if (wb_reporter_parse(str(vals, WRPF_REPORTER_CATEGORY),
	    &out->reporter_category) != 0)
		return wb_report_fields[WRPF_REPORTER_CATEGORY].name;
	return NULL;
}

const char *
wb_receipt_read(const struct field_value *vals)
{
	return str(vals, WRF_RECEIPT_CODE);
}

const char *
wb_message_read(const struct field_value *vals)
{
	return str(vals, WMF_TEXT);
}
