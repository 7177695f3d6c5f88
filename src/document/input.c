/* input.c: the one declaration of a document action's fields (doc_input.h)
 * and its reading into struct doc_input. Nothing is required here: the
 * gate says what each action needs, after it has asked who may act. */
#include "document/doc_input.h"

#include <stdint.h>
#include <string.h>

#include "i18n/i18n.h"
#include "util/date.h"

/* Order = enum doc_list_query. q: as many bytes as a search box sends. */
const struct field doc_list_query_fields[DLQ_MAX + 1] = {
	[DLQ_Q]		= { "q", F_LINE, 0, 0, 200 },
	[DLQ_PROCESS_ID] = { "process_id", F_INT, 0, 1, INT64_MAX },
	[DLQ_STATUS]	= { "status", F_CODE, 0, 1, 16 },
	[DLQ_TYPE]	= { "type", F_CODE, 0, 1, 32 },
	[DLQ_DUE]	= { "due", F_BOOL, 0, 0, 1 },
	[DLQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

int
doc_list_query_read(const struct http_req *req, struct doc_filter *f,
    const char **bad)
{
	enum doc_status	 s;
	const char	*p;

	memset(f, 0, sizeof(*f));
	f->status = -1;
	*bad = NULL;
	f->q = http_qtext(req, DLQ_Q);
	f->process_id = http_qint(req, DLQ_PROCESS_ID, 0);
	f->due = http_qint(req, DLQ_DUE, 0) != 0;
	if ((p = http_qtext(req, DLQ_STATUS)) != NULL) {
		if (doc_status_parse(p, &s) != 0) {
			*bad = "status";
			return -1;
		}
		f->status = (int)s;
	}
	if ((p = http_qtext(req, DLQ_TYPE)) != NULL) {
		if (!doc_type_valid(p)) {
			*bad = "type";
			return -1;
		}
		f->type = p;
	}
	return 0;
}

const struct field doc_view_query_fields[DOCQ_MAX + 1] = {
	[DOCQ_V]		= { "v", F_INT, 0, 1, INT32_MAX },
	[DOCQ_DONE]	= { "done", F_BOOL, 0, 0, 1 },
	[DOCQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field doc_file_query_fields[DOCQ_V + 2] = {
	[DOCQ_V]		= { "v", F_INT, 0, 1, INT32_MAX },
	[DOCQ_V + 1]	= { NULL, 0, 0, 0, 0 }
};

/* The page's unit_id=0 is "what I lead", as a reminder's redirect says. */
const struct field doc_reading_query_fields[DRQ_MAX + 1] = {
	[DRQ_UNIT_ID]	= { "unit_id", F_INT, 0, 0, INT64_MAX },
	[DRQ_REMINDED]	= { "reminded", F_INT, 0, 0, INT32_MAX },
	[DRQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field doc_reading_api_query_fields[DRQ_UNIT_ID + 2] = {
	[DRQ_UNIT_ID]	= { "unit_id", F_INT, 0, 1, INT64_MAX },
	[DRQ_UNIT_ID + 1] = { NULL, 0, 0, 0, 0 }
};

/* Order = enum doc_field. Limits in bytes; the module checks the rest. */
const struct field doc_fields[DF_MAX + 1] = {
	[DF_ACTION]		= { "action", F_CODE, 0, 1, 32 },
	[DF_CODE]		= { "code", F_LINE, 0, 1, DOC_CODE_MAX },
	[DF_TITLE]		= { "title", F_LINE, 0, 1, 4 * DOC_TITLE_MAX },
	[DF_TYPE]		= { "type", F_CODE, 0, 1, 32 },
	[DF_PROCESS_ID]		= { "process_id", F_INT, 0, 1, INT64_MAX },
	[DF_OWNER]		= { "owner", F_LINE, 0, 1, 200 },
	[DF_UNIT_ID]		= { "unit_id", F_INT, 0, 0, INT64_MAX },
	[DF_PUBLIC]		= { "public", F_BOOL, 0, 0, 1 },
	[DF_BODY]		= { "body", F_TEXT, 0, 0, DOC_BODY_MAX },
	[DF_CHANGE_NOTE]	= { "change_note", F_TEXT, 0, 0, 4000 },
	[DF_SIGNIFICANT]	= { "significant", F_BOOL, 0, 0, 1 },
	[DF_APPROVAL_BODY]	= { "approval_body", F_LINE, 0, 1, 200 },
	[DF_APPROVAL_CASE]	= { "approval_case", F_LINE, 0, 1, 100 },
	[DF_APPROVED_ON]	= { "approved_on", F_LINE, 0, 1, 32 },
	[DF_NEXT_REVISION]	= { "next_revision", F_LINE, 0, 1, 32 },
	[DF_HELD_ON]		= { "held_on", F_LINE, 0, 1, 32 },
	[DF_ATTENDEES]		= { "attendees", F_TEXT, 0, 1, 20000 },
	[DF_UNITS]		= { "units", F_TEXT, 0, 0, 4000 },
	[DF_ANSWERS]		= { "answers", F_IDS, 0, 0, DOC_ANSWERS_MAX },
	[DF_MAX]		= { NULL, 0, 0, 0, 0 }
};

const struct field doc_remind_fields[DRM_MAX + 1] = {
	[DRM_UNIT_ID]		= { "unit_id", F_INT, 0, 0, INT64_MAX },
	[DRM_MAX]		= { NULL, 0, 0, 0, 0 }
};

const struct field doc_adopt_fields[DTA_MAX + 1] = {
	[DTA_CODE]		= { "code", F_LINE, 0, 1, DOC_CODE_MAX },
	[DTA_MAX]		= { NULL, 0, 0, 0, 0 }
};

const struct field doc_process_fields[DPF_MAX + 1] = {
	/* doc_process_add's own bound, in bytes: both faces had 800, and
	 * a longer name passed their check only to be refused by the
	 * module as if the parent were wrong. */
	[DPF_NAME]		= { "name", F_LINE, 1, 1, DOC_TITLE_MAX },
	[DPF_PARENT_ID]		= { "parent_id", F_INT, 0, 0, INT64_MAX },
	[DPF_MAX]		= { NULL, 0, 0, 0, 0 }
};

static const char *
text(const struct field_value *vals, enum doc_field f)
{
	return vals != NULL && vals[f].present && vals[f].s != NULL &&
	    vals[f].s[0] != '\0' ? vals[f].s : NULL;
}

/* A civil day (Europe/Oslo) to the UTC second it starts; 0 when absent. */
static void
day(const struct field_value *vals, enum doc_field f, int64_t *out,
    struct doc_input *in)
{
	const char	*s = text(vals, f);
	int		 y, mo, d;

	*out = 0;
	if (s == NULL)
		return;
	if (date_parse_day(s, &y, &mo, &d) != 0 ||
	    date_from_local(y, mo, d, 0, 0, 0, out) != 0) {
		*out = 0;
		if (in->bad_field == NULL) {
			in->bad_field = doc_fields[f].name;
			in->bad_why = N_("Write the date as YYYY-MM-DD.");
		}
	}
}

void
doc_read(const struct field_value *vals, struct doc_input *in)
{
	const char *s;

	memset(in, 0, sizeof(*in));
	if ((s = text(vals, DF_ACTION)) == NULL ||
	    doc_action_parse(s, &in->action) != 0)
		in->action = DOC_A_MAX;
	in->code = text(vals, DF_CODE);
	in->title = text(vals, DF_TITLE);
	in->type = text(vals, DF_TYPE);
	in->owner_login = text(vals, DF_OWNER);
	if (vals != NULL && vals[DF_PROCESS_ID].present)
		in->process_id = vals[DF_PROCESS_ID].i;
	if (vals != NULL && vals[DF_UNIT_ID].present) {
		in->has_unit = 1;
		in->unit_id = vals[DF_UNIT_ID].i;
	}
	if (vals != NULL && vals[DF_PUBLIC].present) {
		in->has_public = 1;
		in->public_ = vals[DF_PUBLIC].i != 0;
	}
	in->body = text(vals, DF_BODY);
	in->change_note = text(vals, DF_CHANGE_NOTE);
	in->significant = vals != NULL && vals[DF_SIGNIFICANT].present &&
	    vals[DF_SIGNIFICANT].i != 0;
	in->approval_body = text(vals, DF_APPROVAL_BODY);
	in->approval_case = text(vals, DF_APPROVAL_CASE);
	day(vals, DF_APPROVED_ON, &in->approved_on, in);
	day(vals, DF_NEXT_REVISION, &in->next_revision, in);
	day(vals, DF_HELD_ON, &in->held_on, in);
	in->attendees = text(vals, DF_ATTENDEES);
	in->units = text(vals, DF_UNITS);
	in->answers = text(vals, DF_ANSWERS);
}
