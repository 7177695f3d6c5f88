/* mail_input.h: the field of a person's e-mail choice, declared once for
 * both faces: the form POST /account/notifications and the JSON API
 * PATCH /api/v1/me/mail route with mail_pref_fields, and mail_pref_read
 * turns the checked value into the enum mail_mode_set takes. */
#ifndef ORDEN_NOTIFY_MAIL_INPUT_H
#define ORDEN_NOTIFY_MAIL_INPUT_H

#include "http/http.h"
#include "notify/mail.h"

/* Positions in mail_pref_fields (and so in http_req.vals). */
enum mail_pref_field {
	MPF_MODE,	/* now | digest | off; required */
	MPF_LANG,	/* nb | nn | en; absent: the request's language */
	MPF_MAX
};
extern const struct field mail_pref_fields[];

/* The checked mode of req into *out and the language (NULL when absent)
 * into *lang. 0, or -1 with *bad the field that is none of its words. */
int	mail_pref_read(const struct http_req *, enum mail_mode *out,
	    const char **lang, const char **bad);

/* The banner flag of the mail pages' query, at position 0: saved=1 on
 * GET /account/notifications, retried=1 on GET /admin/mail (app_queries,
 * src/routes.c; read with http_qint). */
enum mail_flag_query { MFQ_FLAG, MFQ_MAX };
extern const struct field mail_prefs_query_fields[MFQ_MAX + 1];
extern const struct field mail_admin_query_fields[MFQ_MAX + 1];

#endif
