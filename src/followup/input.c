/* input.c: the one declaration of the follow-up's fields (followup.h),
 * used by the web forms and the JSON API alike, and their reading into
 * struct followup_input. followup_do (gate.c) has the last word. */
#include "followup/followup.h"

#include <string.h>

#include "i18n/i18n.h"
#include "wheel/rule.h"

const struct field followup_fields[FF_MAX + 1] = {
	[FF_ACTION]		= { "action", F_CODE, 0, 1, 32 },
	[FF_TITLE]		= { "title", F_LINE, 0, 0, 1000 },
	[FF_AUDITOR]		= { "auditor", F_LINE, 0, 0, 400 },
	[FF_REPORT_ON]		= { "report_on", F_LINE, 0, 0, 32 },
	[FF_CASE_NO]		= { "case_no", F_LINE, 0, 0, 100 },
	[FF_STATUS_DUE_ON]	= { "status_due_on", F_LINE, 0, 0, 32 },
	[FF_STATUS_SENT_ON]	= { "status_sent_on", F_LINE, 0, 0, 32 },
	[FF_LATE_REASON]	= { "late_reason", F_TEXT, 0, 0, 4000 },
	[FF_REC_ID]		= { "rec_id", F_INT, 0, 1, INT64_MAX },
	[FF_LETTER]		= { "letter", F_LINE, 0, 0, 8 },
	[FF_TEXT]		= { "text", F_TEXT, 0, 0, 4000 },
	[FF_ANSWER]		= { "answer", F_TEXT, 0, 0, 20000 },
	[FF_STATUS]		= { "status", F_CODE, 0, 1, 32 },
	[FF_STATUS_NOTE]	= { "status_note", F_TEXT, 0, 0, 2000 },
	[FF_COMMENT]		= { "comment", F_TEXT, 0, 0, 4000 },
	[FF_MEASURE]		= { "measure", F_TEXT, 0, 0, 4000 },
	[FF_RESPONSIBLE]	= { "responsible", F_LINE, 0, 0, 200 },
	[FF_DUE_ON]		= { "due_on", F_LINE, 0, 0, 32 },
	[FF_MEASURE_ID]		= { "measure_id", F_INT, 0, 1, INT64_MAX },
	[FF_NOTE]		= { "note", F_TEXT, 0, 0, 4000 },
	[FF_NEXT]		= { "next", F_LINE, 0, 0, 400 },
	[FF_MAX]		= { NULL, 0, 0, 0, 0 }
};

const struct field followup_query_fields[FQF_MAX + 1] = {
	[FQF_SAVED]	= { "saved", F_BOOL, 0, 0, 1 },
	[FQF_MAX]	= { NULL, 0, 0, 0, 0 }
};

static const char *
text(const struct field_value *v, enum followup_field f)
{
	return v != NULL && v[f].present && v[f].s != NULL && v[f].s[0] != '\0' ?
	    v[f].s : NULL;
}

static void
bad(struct followup_input *in, const char *field, const char *why)
{
	if (in->bad_field == NULL) {
		in->bad_field = field;
		in->bad_why = why;
	}
}

static int64_t
day(const struct field_value *v, enum followup_field f, const char *name,
    struct followup_input *in)
{
	const char	*s = text(v, f);
	int64_t		 d;

	if (s == NULL)
		return -1;
	if (wheel_day_parse(s, &d) != 0) {
		bad(in, name, N_("Write a date that exists, as YYYY-MM-DD."));
		return -1;
	}
	return d;
}

void
followup_read(const struct field_value *v, struct followup_input *in)
{
	enum followup_status	 st;
	const char		*s;

	memset(in, 0, sizeof(*in));
	if ((s = text(v, FF_ACTION)) == NULL ||
	    followup_action_parse(s, &in->action) != 0)
		in->action = FA_MAX;
	in->title = text(v, FF_TITLE);
	in->auditor = text(v, FF_AUDITOR);
	in->case_no = text(v, FF_CASE_NO);
	in->late_reason = text(v, FF_LATE_REASON);
	in->report_on = day(v, FF_REPORT_ON, "report_on", in);
	in->status_due_on = day(v, FF_STATUS_DUE_ON, "status_due_on", in);
	in->status_sent_on = day(v, FF_STATUS_SENT_ON, "status_sent_on", in);
	in->rec_id = v != NULL && v[FF_REC_ID].present ? v[FF_REC_ID].i : 0;
	in->measure_id = v != NULL && v[FF_MEASURE_ID].present ?
	    v[FF_MEASURE_ID].i : 0;
	in->letter = text(v, FF_LETTER);
	in->text = text(v, FF_TEXT);
	in->answer = text(v, FF_ANSWER);
	in->status = -1;
	if ((s = text(v, FF_STATUS)) != NULL) {
		if (followup_status_parse(s, &st) == 0)
			in->status = (int)st;
		else
			bad(in, "status", N_("Choose a status from the list."));
	}
	in->status_note = text(v, FF_STATUS_NOTE);
	in->comment = text(v, FF_COMMENT);
	in->measure = text(v, FF_MEASURE);
	in->responsible = text(v, FF_RESPONSIBLE);
	in->due_on = day(v, FF_DUE_ON, "due_on", in);
	in->note = text(v, FF_NOTE);
}
