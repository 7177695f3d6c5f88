/* input.c: the one declaration of the fields of every risk action, used
 * by the web forms and the JSON API routes alike, and their reading into
 * struct risk_input. Bounds here are what http/ checks; the gate's own
 * checks (gate.c) are the last word. Scores outside 1..5 are refused
 * here, by both faces, before anything is read. */
#include "risk/risk.h"
#include "util/text.h"

#include <string.h>

const struct field risk_fields[RF_MAX + 1] = {
	[RF_ACTION]		= { "action", F_CODE, 0, 1, 32 },
	[RF_UNIT_ID]		= { "unit_id", F_INT, 0, 1, INT64_MAX },
	[RF_TITLE]		= { "title", F_LINE, 0, 0, 200 },
	[RF_SCOPE]		= { "scope", F_CODE, 0, 1, 16 },
	[RF_SCOPE_ID]		= { "scope_id", F_INT, 0, 0, INT64_MAX },
	[RF_SCOPE_TEXT]		= { "scope_text", F_LINE, 0, 0, 200 },
	[RF_ASSESSED_ON]	= { "assessed_on", F_LINE, 0, 0, 10 },
	[RF_PARTICIPANTS]	= { "participants", F_TEXT, 0, 0, 2000 },
	[RF_REVIEW_DUE]		= { "review_due", F_LINE, 0, 0, 10 },
	[RF_DESCRIPTION]	= { "description", F_TEXT, 0, 0, 4000 },
	[RF_CAUSE]		= { "cause", F_TEXT, 0, 0, 4000 },
	[RF_CONSEQUENCE]	= { "consequence", F_TEXT, 0, 0, 4000 },
	[RF_BARRIERS]		= { "barriers", F_TEXT, 0, 0, 4000 },
	[RF_PROBABILITY]	= { "probability", F_INT, 0, 1, 5 },
	[RF_IMPACT]		= { "impact", F_INT, 0, 1, 5 },
	/* 0: not assessed (the form's "not given"). */
	[RF_RES_PROBABILITY]	= { "residual_probability", F_INT, 0, 0, 5 },
	[RF_RES_IMPACT]		= { "residual_impact", F_INT, 0, 0, 5 },
	[RF_NO_CHANGE]		= { "no_change", F_BOOL, 0, 0, 1 },
	[RF_NOTE]		= { "note", F_TEXT, 0, 0, 4000 },
	[RF_MEASURE]		= { "measure", F_TEXT, 0, 0, 4000 },
	[RF_RESPONSIBLE_LOGIN]	= { "responsible_login", F_LINE, 0, 0, 200 },
	[RF_DUE_DATE]		= { "due_date", F_LINE, 0, 0, 10 },
	[RF_MEASURE_ID]		= { "measure_id", F_INT, 0, 1, INT64_MAX },
	[RF_DEVIATION_ID]	= { "deviation_id", F_INT, 0, 1, INT64_MAX },
	[RF_DEVIATION_NUMBER]	= { "deviation_number", F_LINE, 0, 0, 40 },
	/* The words of each step: short enough for a matrix axis. */
	[RF_PROBABILITY_1]	= { "probability_1", F_LINE, 0, 0, RISK_WORD_MAX },
	[RF_PROBABILITY_2]	= { "probability_2", F_LINE, 0, 0, RISK_WORD_MAX },
	[RF_PROBABILITY_3]	= { "probability_3", F_LINE, 0, 0, RISK_WORD_MAX },
	[RF_PROBABILITY_4]	= { "probability_4", F_LINE, 0, 0, RISK_WORD_MAX },
	[RF_PROBABILITY_5]	= { "probability_5", F_LINE, 0, 0, RISK_WORD_MAX },
	[RF_IMPACT_1]		= { "impact_1", F_LINE, 0, 0, RISK_WORD_MAX },
	[RF_IMPACT_2]		= { "impact_2", F_LINE, 0, 0, RISK_WORD_MAX },
	[RF_IMPACT_3]		= { "impact_3", F_LINE, 0, 0, RISK_WORD_MAX },
	[RF_IMPACT_4]		= { "impact_4", F_LINE, 0, 0, RISK_WORD_MAX },
	[RF_IMPACT_5]		= { "impact_5", F_LINE, 0, 0, RISK_WORD_MAX },
	[RF_TEMPLATE_ID]	= { "template_id", F_INT, 0, 0, INT64_MAX },
	[RF_NAME]		= { "name", F_LINE, 0, 0, 200 },
	[RF_UNIT_KIND]		= { "unit_kind", F_LINE, 0, 0, 32 },
	[RF_TEMPLATE_RISK_ID]	= { "template_risk_id", F_INT, 0, 1, INT64_MAX },
	[RF_MAX]		= { NULL, 0, 0, 0, 0 }
};

const struct field risk_query_fields[RISKQ_MAX + 1] = {
	[RISKQ_P]		= { "p", F_INT, 0, 0, RISK_SCALE },
	[RISKQ_C]		= { "c", F_INT, 0, 0, RISK_SCALE },
	[RISKQ_UNIT_ID]	= { "unit_id", F_INT, 0, 0, INT64_MAX },
	[RISKQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field risk_cell_query_fields[RISKQ_CELL_MAX + 1] = {
	[RISKQ_P]		= { "p", F_INT, 0, 0, RISK_SCALE },
	[RISKQ_C]		= { "c", F_INT, 0, 0, RISK_SCALE },
	[RISKQ_CELL_MAX]	= { NULL, 0, 0, 0, 0 }
};

static const char *const action_names[RK_MAX] = {
	[RK_CREATE]		= "create",
	[RK_ADD_RISK]		= "add_risk",
	[RK_REVIEW]		= "review",
	[RK_ADD_MEASURE]	= "add_measure",
	[RK_COMPLETE_MEASURE]	= "complete_measure",
	[RK_LINK_DEVIATION]	= "link_deviation",
	[RK_SET_SCALE]		= "set_scale",
	[RK_TEMPLATE_CREATE]	= "template_create",
	[RK_TEMPLATE_ADD_RISK]	= "template_add_risk",
	[RK_TEMPLATE_REMOVE_RISK] = "template_remove_risk",
};

const char *
risk_action_name(enum risk_action a)
{
	return (int)a >= 0 && a < RK_MAX ? action_names[a] : "";
}

int
risk_action_parse(const char *s, enum risk_action *out)
{
	int i = text_index(action_names, RK_MAX, s);

	if (i < 0)
		return -1;
	*out = (enum risk_action)i;
	return 0;
}

static const char *
text(const struct field_value *vals, enum risk_field f)
{
	return vals != NULL && vals[f].present ? vals[f].s : NULL;
}

static int64_t
num(const struct field_value *vals, enum risk_field f)
{
	return vals != NULL && vals[f].present ? vals[f].i : 0;
}

void
risk_read(const struct field_value *vals, enum risk_action action_default,
    struct risk_input *in)
{
	const char	*a;
	int		 i;

	memset(in, 0, sizeof(*in));
	a = text(vals, RF_ACTION);
	in->action = action_default;
	if (a != NULL && risk_action_parse(a, &in->action) != 0)
		in->action = RK_MAX;
	in->unit_id = num(vals, RF_UNIT_ID);
	in->title = text(vals, RF_TITLE);
	in->scope = text(vals, RF_SCOPE);
	in->scope_id = num(vals, RF_SCOPE_ID);
	in->scope_text = text(vals, RF_SCOPE_TEXT);
	in->assessed_on = text(vals, RF_ASSESSED_ON);
	in->participants = text(vals, RF_PARTICIPANTS);
	in->review_due = text(vals, RF_REVIEW_DUE);
	in->description = text(vals, RF_DESCRIPTION);
	in->cause = text(vals, RF_CAUSE);
	in->consequence = text(vals, RF_CONSEQUENCE);
	in->barriers = text(vals, RF_BARRIERS);
	in->probability = (int)num(vals, RF_PROBABILITY);
	in->impact = (int)num(vals, RF_IMPACT);
	in->res_probability = (int)num(vals, RF_RES_PROBABILITY);
	in->res_impact = (int)num(vals, RF_RES_IMPACT);
	in->no_change = num(vals, RF_NO_CHANGE) != 0;
	in->note = text(vals, RF_NOTE);
	in->measure = text(vals, RF_MEASURE);
	in->responsible_login = text(vals, RF_RESPONSIBLE_LOGIN);
	in->due_date = text(vals, RF_DUE_DATE);
	in->measure_id = num(vals, RF_MEASURE_ID);
	in->deviation_id = num(vals, RF_DEVIATION_ID);
	in->deviation_number = text(vals, RF_DEVIATION_NUMBER);
	for (i = 0; i < RISK_SCALE; i++) {
		in->words[RAX_PROBABILITY][i] = text(vals,
		    (enum risk_field)(RF_PROBABILITY_1 + i));
		in->words[RAX_IMPACT][i] = text(vals,
		    (enum risk_field)(RF_IMPACT_1 + i));
	}
	in->template_id = num(vals, RF_TEMPLATE_ID);
	in->name = text(vals, RF_NAME);
	in->unit_kind = text(vals, RF_UNIT_KIND);
	in->template_risk_id = num(vals, RF_TEMPLATE_RISK_ID);
}
