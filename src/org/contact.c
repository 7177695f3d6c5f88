/* contact.c: the forgotten-password contact of a municipality
 * (account_settings.admin_contact). */
#include "org/contact.h"

#include <string.h>

#include "audit/audit.h"
#include "ctx.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"

static const char SQL_CONTACT_GET[] =
    "SELECT admin_contact FROM account_settings WHERE tenant_id = $1";
static const char SQL_CONTACT_SET[] =
    "INSERT INTO account_settings (tenant_id, admin_contact) VALUES ($1, $2)"
    " ON CONFLICT (tenant_id) DO UPDATE SET admin_contact = excluded.admin_contact";

int
org_admin_contact_get(struct ctx *ctx, const char **out)
{
	struct dbstmt	*st;
	int		 rc;

	*out = NULL;
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_CONTACT_GET,
	    &st) != DB_OK)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW && !db_col_is_null(st, 0) &&
	    (*out = arena_strdup(ctx->arena, db_col_text(st, 0))) == NULL)
		rc = DB_ERR;
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : -1;
}

int
org_admin_contact_set(struct ctx *ctx, const char *text)
{
	struct dbstmt	*st;
	int		 own = 0, rc = -1;

	if (text != NULL && *text == '\0')
		text = NULL;
	if (text != NULL && strlen(text) > ORG_CONTACT_MAX)
		return -1;
	if (db_tx_join(ctx->conn, &own) != 0)
		return -1;
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_CONTACT_SET,
	    &st) != DB_OK)
		goto out;
	if ((text != NULL ? db_bind_text(st, 2, text) : db_bind_null(st, 2))
	    == DB_OK && db_step(st) == DB_DONE)
		rc = 0;
	db_reset(st);
	/* That it changed; the text itself is on the login page. */
	if (rc == 0 && audit_append(ctx, "admin_contact_set", "tenant",
	    ctx->tenant_id, text != NULL ? "set" : "cleared") != 0)
		rc = -1;
out:
	return db_tx_finish(ctx->conn, own, rc) < 0 ? -1 : rc;
}
