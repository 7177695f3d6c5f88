/* reporter_input.c: the reporter's receipt login and message fields
 * (wb_input.h), one table each for the public pages and the API. */
#include "whistle/wb_input.h"

#include <stddef.h>
#include <stdint.h>

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

static const char *
str(const struct field_value *vals, int i)
{
	const struct field_value *v;

	if (vals == NULL)
		return NULL;
	v = &vals[i];
	return v->present && v->s != NULL && v->s[0] != '\0' ? v->s : NULL;
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
