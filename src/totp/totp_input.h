/* totp_input.h: the field of the second login step (POST /login/2fa),
 * declared beside the code that checks it; the page (web/totp/totp.c)
 * reaches it by its enum (http_text). */
#ifndef ORDEN_TOTP_INPUT_H
#define ORDEN_TOTP_INPUT_H

#include "http/http.h"

enum totp_field {
	TOF_CODE,	/* six digits, or a recovery code */
	TOF_MAX
};
extern const struct field totp_fields[TOF_MAX + 1];

#endif
