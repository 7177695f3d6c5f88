/* mail_input.c: the e-mail choice's field (mail_input.h). */
#include "notify/mail_input.h"

#include <stddef.h>

const struct field mail_pref_fields[] = {
	[MPF_MODE] = { "mode", F_CODE, 1, 2, 6 },
	[MPF_LANG] = { "lang", F_CODE, 0, 2, 2 },
	[MPF_MAX] = { NULL, 0, 0, 0, 0 }
};

int
mail_pref_read(const struct http_req *req, enum mail_mode *out,
    const char **lang, const char **bad)
{
	const struct field_value *v = &req->vals[MPF_MODE];
	const struct field_value *l = &req->vals[MPF_LANG];

	*lang = NULL;
	*bad = "mode";
	if (!v->present || v->s == NULL || mail_mode_parse(v->s, out) != 0)
		return -1;
	if (l->present && l->s != NULL && *l->s != '\0') {
		*bad = "lang";
		if (!mail_lang_valid(l->s))
			return -1;
		*lang = l->s;
	}
	*bad = NULL;
	return 0;
}

const struct field mail_prefs_query_fields[MFQ_MAX + 1] = {
	[MFQ_FLAG]	= { "saved", F_BOOL, 0, 0, 1 },
	[MFQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field mail_admin_query_fields[MFQ_MAX + 1] = {
	[MFQ_FLAG]	= { "retried", F_BOOL, 0, 0, 1 },
	[MFQ_MAX]	= { NULL, 0, 0, 0, 0 }
};
