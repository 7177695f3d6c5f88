/* totp_input.c: the second login step's field (totp_input.h). */
#include "totp/totp_input.h"

#include <stddef.h>

const struct field totp_fields[TOF_MAX + 1] = {
	[TOF_CODE]	= { "code", F_LINE, 1, 1, 64 },
	[TOF_MAX]	= { NULL, 0, 0, 0, 0 }
};
