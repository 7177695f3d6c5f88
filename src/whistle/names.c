/* names.c: the wire names of the whistleblowing enums (API, forms, the
 * state column) and their parsers. One table per enum, sized by _MAX. */
#include "whistle/whistle.h"

#include "util/text.h"

static const char *const concerns_names[WB_CONCERNS_MAX] = {
	[WB_CONCERNS_EMPLOYEE]		= "employee",
	[WB_CONCERNS_CHIEF_EXECUTIVE]	= "chief_executive",
	[WB_CONCERNS_ELECTED]		= "elected",
};
static const char *const state_names[WB_STATE_MAX] = {
	[WB_RECEIVED]		= "received",
	[WB_ACKNOWLEDGED]	= "acknowledged",
	[WB_INVESTIGATING]	= "investigating",
	[WB_CONCLUDED]		= "concluded",
	[WB_CLOSED]		= "closed",
	[WB_NOT_WHISTLEBLOWING]	= "not_whistleblowing",
};
static const char *const reporter_names[WB_REP_MAX] = {
	[WB_REP_EMPLOYEE]	= "employee",
	[WB_REP_HIRED]		= "hired",
	[WB_REP_ELECTED]	= "elected",
	[WB_REP_STUDENT]	= "student",
	[WB_REP_PATIENT]	= "patient",
	[WB_REP_TRAINEE]	= "trainee",
	[WB_REP_CONSCRIPT]	= "conscript",
	[WB_REP_OTHER]		= "other",
};
static const char *const action_names[WA_MAX] = {
	[WA_DECLARE_IMPARTIAL]	= "declare_impartial",
	[WA_RECUSE]		= "recuse",
	[WA_ACKNOWLEDGE]	= "acknowledge",
	[WA_NOT_WHISTLEBLOWING]	= "not_whistleblowing",
	[WA_INVESTIGATE]	= "investigate",
	[WA_LOG_STEP]		= "log_step",
	[WA_ACCUSED_HEARD]	= "accused_heard",
	[WA_DECIDE]		= "decide",
	[WA_FORWARD]		= "forward",
	[WA_CONCLUDE]		= "conclude",
	[WA_ARCHIVE]		= "archive",
	[WA_CLOSE]		= "close",
	[WA_MESSAGE]		= "message",
	[WA_SET_ACCUSED]	= "set_accused",
	[WA_ADD_COHANDLER]	= "add_cohandler",
	[WA_REMOVE_COHANDLER]	= "remove_cohandler",
};

static const char *
name_of(const char *const *names, int n, int v)
{
	return v >= 0 && v < n ? names[v] : NULL;
}

static int
parse_in(const char *const *names, int n, const char *s, int *out)
{
	int i = text_index(names, (size_t)n, s);

	if (i < 0)
		return -1;
	*out = i;
	return 0;
}

const char *
wb_concerns_name(enum wb_concerns v)
{
	return name_of(concerns_names, WB_CONCERNS_MAX, (int)v);
}

int
wb_concerns_parse(const char *s, enum wb_concerns *out)
{
	int v;

	if (parse_in(concerns_names, WB_CONCERNS_MAX, s, &v) != 0)
		return -1;
	*out = (enum wb_concerns)v;
	return 0;
}

const char *
wb_state_name(enum wb_state v)
{
	return name_of(state_names, WB_STATE_MAX, (int)v);
}

int
wb_state_parse(const char *s, enum wb_state *out)
{
	int v;

	if (parse_in(state_names, WB_STATE_MAX, s, &v) != 0)
		return -1;
	*out = (enum wb_state)v;
	return 0;
}

const char *
wb_reporter_name(enum wb_reporter v)
{
	return name_of(reporter_names, WB_REP_MAX, (int)v);
}

int
wb_reporter_parse(const char *s, enum wb_reporter *out)
{
	int v;

	if (parse_in(reporter_names, WB_REP_MAX, s, &v) != 0)
		return -1;
	*out = (enum wb_reporter)v;
	return 0;
}

const char *
wb_action_name(enum wb_action v)
{
	return name_of(action_names, WA_MAX, (int)v);
}

int
wb_action_parse(const char *s, enum wb_action *out)
{
	int v;

	if (parse_in(action_names, WA_MAX, s, &v) != 0)
		return -1;
	*out = (enum wb_action)v;
	return 0;
}
