/* by_number.c: a deviation found by the number people see and say
 * ("AV-2026-000042", or just "2026-42"), for the forms of other modules
 * that tie something to a deviation (risk/). */
#include "deviation/deviation.h"

#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "store/store.h"
#include "util/num.h"

static const char SQL_BY_NUMBER[] =
    "SELECT id FROM deviations WHERE tenant_id = $1 AND number = $2";

static int
lookup(struct ctx *ctx, const char *number, int64_t *id)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_BY_NUMBER,
	    &st)) != DB_OK)
		return rc;
	db_bind_text(st, 2, number);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*id = db_col_int(st, 0);
		rc = 0;
	} else if (rc == DB_DONE)
		rc = DEV_ERR_NOTFOUND;
	db_reset(st);
	return rc;
}

int
deviation_id_by_number(struct ctx *ctx, const char *number, int64_t *id)
{
	char		 y[5], full[64];
	const char	*s = number, *dash;
	int64_t		 year, seq;
	int		 rc;

	*id = 0;
	if (s == NULL || *s == '\0' || strlen(s) > 40)
		return DEV_ERR_NOTFOUND;
	if ((rc = lookup(ctx, s, id)) != DEV_ERR_NOTFOUND)
		return rc;
	/* Short forms: [AV-|FF-]YYYY-N, N without its leading zeros. */
	if (strncmp(s, "AV-", 3) == 0 || strncmp(s, "av-", 3) == 0)
		s += 3;
	else if (strncmp(s, "FF-", 3) == 0 || strncmp(s, "ff-", 3) == 0) {
		s += 3;
		number = "FF";
	} else
		number = NULL;
	dash = strchr(s, '-');
	if (dash == NULL || dash - s != 4)
		return DEV_ERR_NOTFOUND;
	memcpy(y, s, 4);
	y[4] = '\0';
	if (num_parse_i64(y, 1900, 9999, &year) != 0 ||
	    num_parse_i64(dash + 1, 1, 999999, &seq) != 0)
		return DEV_ERR_NOTFOUND;
	snprintf(full, sizeof(full), "%s-%04lld-%06lld",
	    number != NULL ? "FF" : "AV", (long long)year, (long long)seq);
	if ((rc = lookup(ctx, full, id)) != DEV_ERR_NOTFOUND || number != NULL)
		return rc;
	/* Without a prefix: an improvement proposal of that number too. */
	full[0] = 'F';
	full[1] = 'F';
	return lookup(ctx, full, id);
}
