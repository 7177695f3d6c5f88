/* vault_input.h: the fields of opening (or first setting) one's
 * whistleblowing vault with a passphrase, after a single sign-on login.
 * The page (web/sso/vault.c) routes with this table and reaches each
 * value by its enum (http_text). */
#ifndef ORDEN_VAULT_INPUT_H
#define ORDEN_VAULT_INPUT_H

#include "http/http.h"

enum vault_open_field {
	VOF_PASSPHRASE,
	VOF_CONFIRM,	/* setting it the first time: typed twice */
	VOF_NEXT,	/* where to go after; web_local_next() keeps it local */
	VOF_MAX
};
extern const struct field vault_open_fields[VOF_MAX + 1];

#endif
