/* action_input.c: a handler's action fields (wb_input.h), one table for
 * the case page and the API. */
#include "whistle/wb_input.h"

#include <stddef.h>
#include <string.h>

const struct field wb_action_fields[WAF_MAX + 1] = {
	[WAF_ACTION]		= { "action", F_CODE, 1, 1, 40 },
	[WAF_REASON]		= { "reason", F_TEXT, 0, 0, 4000 },
	[WAF_KIND]		= { "kind", F_CODE, 0, 0, 40 },
	[WAF_STEP_AT]		= { "step_at", F_LINE, 0, 0, 64 },
	[WAF_STEP_DATE]		= { "step_date", F_LINE, 0, 0, 10 },
	[WAF_TEXT]		= { "text", F_TEXT, 0, 0, 20000 },
	[WAF_REPORT]		= { "report", F_TEXT, 0, 0, 50000 },
	[WAF_CONCLUSION]	= { "conclusion", F_TEXT, 0, 0, 20000 },
	[WAF_OUTCOME]		= { "outcome", F_CODE, 0, 0, 40 },
	[WAF_DECISION]		= { "decision", F_CODE, 0, 0, 40 },
	[WAF_COUNCIL_REQUIRED]	= { "council_required", F_BOOL, 0, 0, 1 },
	[WAF_ARCHIVE_REF]	= { "archive_ref", F_LINE, 0, 0, 200 },
	[WAF_EXEMPTION_BASIS]	= { "exemption_basis", F_LINE, 0, 0, 200 },
	[WAF_PERSON_ID]		= { "person_id", F_INT, 0, 0, INT64_MAX },
	[WAF_ACCUSED_NAME]	= { "accused_name", F_LINE, 0, 0, 200 },
	[WAF_MAX]		= { NULL, 0, 0, 0, 0 }
};

static const struct field_value none[WAF_MAX];

static const char *
str(const struct field_value *v)
{
	return v->present && v->s != NULL && v->s[0] != '\0' ? v->s : NULL;
}

void
wb_action_read(const struct field_value *v, struct wb_action_input *out,
    const char **step)
{
	if (v == NULL)
		v = none;
	memset(out, 0, sizeof(*out));
	if (wb_action_parse(str(&v[WAF_ACTION]), &out->action) != 0)
		out->action = WA_MAX;
	out->reason = str(&v[WAF_REASON]);
	out->kind = str(&v[WAF_KIND]);
	out->text = str(&v[WAF_TEXT]);
	out->report = str(&v[WAF_REPORT]);
	out->conclusion = str(&v[WAF_CONCLUSION]);
	out->outcome = str(&v[WAF_OUTCOME]);
	out->decision = str(&v[WAF_DECISION]);
	out->council_required = v[WAF_COUNCIL_REQUIRED].present &&
	    v[WAF_COUNCIL_REQUIRED].i != 0;
	out->archive_ref = str(&v[WAF_ARCHIVE_REF]);
	out->exemption_basis = str(&v[WAF_EXEMPTION_BASIS]);
	out->person_id = v[WAF_PERSON_ID].present ? v[WAF_PERSON_ID].i : 0;
	out->accused_name = str(&v[WAF_ACCUSED_NAME]);
	*step = str(&v[WAF_STEP_DATE]) != NULL ? str(&v[WAF_STEP_DATE]) :
	    str(&v[WAF_STEP_AT]);
}
