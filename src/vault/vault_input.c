/* vault_input.c: the vault passphrase form's fields (vault_input.h). */
#include "vault/vault_input.h"

#include <stddef.h>

#include "auth/auth.h"

const struct field vault_open_fields[VOF_MAX + 1] = {
	[VOF_PASSPHRASE] = { "passphrase", F_LINE, 1, 1, AUTH_PASSWORD_MAX },
	[VOF_CONFIRM]	= { "confirm", F_LINE, 0, 0, AUTH_PASSWORD_MAX },
	[VOF_NEXT]	= { "next", F_LINE, 0, 0, 1024 },
	[VOF_MAX]	= { NULL, 0, 0, 0, 0 }
};
