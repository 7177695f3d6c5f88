/* provider.c: the sso_providers table: a municipality's identity
 * providers, and the check of them all at start. */
#include "sso/sso.h"
#include "sso/sso_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit/audit.h"
#include "ctx.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "util/clock.h"
#include "util/log.h"

static const char *const claim_names[SSO_CLAIM_MAX] = {
	[SSO_CLAIM_EMAIL] = "email",
	[SSO_CLAIM_UPN] = "upn",
	[SSO_CLAIM_PREFERRED_USERNAME] = "preferred_username",
	[SSO_CLAIM_EPPN] = "eduPersonPrincipalName",
};

const char *
sso_claim_name(enum sso_claim c)
{
	return (int)c >= 0 && c < SSO_CLAIM_MAX ? claim_names[c] : NULL;
}

int
sso_claim_parse(const char *s, enum sso_claim *out)
{
	int i;

	for (i = 0; s != NULL && i < SSO_CLAIM_MAX; i++)
		if (strcmp(s, claim_names[i]) == 0) {
			*out = (enum sso_claim)i;
			return 0;
		}
	return -1;
}

#define COLS "id, name, issuer, client_id, client_secret, redirect_uri, claim," \
    " create_unit_id, amr_mfa, scope"
static const char SQL_LIST[] =
    "SELECT " COLS " FROM sso_providers WHERE tenant_id = $1 ORDER BY name, id";
static const char SQL_GET[] =
    "SELECT " COLS " FROM sso_providers WHERE tenant_id = $1 AND id = $2";
static const char SQL_ADD[] =
    "INSERT INTO sso_providers (tenant_id, name, issuer, client_id,"
    " client_secret, redirect_uri, claim, create_unit_id, amr_mfa, created_at,"
    " scope) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";
static const char SQL_FIND[] =
    "SELECT id FROM sso_providers WHERE tenant_id = $1 AND name = $2";
static const char SQL_DEL_LOGINS[] =
    "DELETE FROM sso_logins WHERE tenant_id = $1 AND provider_id = $2";
static const char SQL_DEL[] =
    "DELETE FROM sso_providers WHERE tenant_id = $1 AND id = $2";

static int
row(struct ctx *ctx, struct dbstmt *st, struct sso_provider *p)
{
	struct arena *a = ctx->arena;

	memset(p, 0, sizeof(*p));
	p->id = db_col_int(st, 0);
	p->name = arena_strdup(a, db_col_text(st, 1));
	p->issuer = arena_strdup(a, db_col_text(st, 2));
	p->client_id = arena_strdup(a, db_col_text(st, 3));
	p->client_secret = arena_strdup(a, db_col_text(st, 4));
	p->redirect_uri = arena_strdup(a, db_col_text(st, 5));
	if (sso_claim_parse(db_col_text(st, 6), &p->claim) != 0)
		p->claim = SSO_CLAIM_EMAIL;
	p->create_unit_id = db_col_is_null(st, 7) ? 0 : db_col_int(st, 7);
	p->amr_mfa = db_col_int(st, 8) != 0;
	p->scope = arena_strdup(a, db_col_text(st, 9));
	return p->scope && p->name && p->issuer && p->client_id && p->client_secret &&
	    p->redirect_uri ? 0 : DB_ERR;
}

int
sso_provider_list(struct ctx *ctx, struct sso_provider **v, size_t *n)
{
	struct dbstmt		*st;
	struct sso_provider	*out = NULL;
	size_t			 cap = 0;
	int			 rc;

	*v = NULL;
	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_LIST, &st)) != DB_OK)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (arena_grow(ctx->arena, (void **)&out, *n, &cap,
		    sizeof(*out)) != 0) {
			rc = DB_ERR;
			break;
		}
		if ((rc = row(ctx, st, &out[*n])) != 0)
			break;
		(*n)++;
	}
	db_reset(st);
	*v = out;
	return rc == DB_DONE ? 0 : rc < 0 ? rc : DB_ERR;
}

int
sso_provider_get(struct ctx *ctx, int64_t id, struct sso_provider *out)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_GET, &st)) != DB_OK)
		return rc;
	if ((rc = db_bind_int(st, 2, id)) == DB_OK)
		rc = db_step(st);
	if (rc == DB_ROW)
		rc = row(ctx, st, out);
	else if (rc == DB_DONE)
		rc = 1;
	db_reset(st);
	return rc;
}

int64_t
sso_provider_add(struct ctx *ctx, const struct sso_provider *p)
{
	struct dbstmt	*st = NULL;
	int64_t		 id = DB_ERR;
	int		 own, rc;
	char		 detail[SSO_NAME_MAX + 16];

	if ((rc = db_tx_join(ctx->conn, &own)) != DB_OK)
		return rc;
	if (p->create_unit_id > 0) {
		struct unit u;

		if (org_unit_get(ctx, p->create_unit_id, &u) != 0) {
			id = DB_CONSTRAINT;
			goto out;
		}
	}
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ADD, &st)) != DB_OK) {
		id = rc;
		st = NULL;
		goto out;
	}
	if ((rc = db_bind_text(st, 2, p->name)) != DB_OK ||
	    (rc = db_bind_text(st, 3, p->issuer)) != DB_OK ||
	    (rc = db_bind_text(st, 4, p->client_id)) != DB_OK ||
	    (rc = db_bind_text(st, 5, p->client_secret)) != DB_OK ||
	    (rc = db_bind_text(st, 6, p->redirect_uri)) != DB_OK ||
	    (rc = db_bind_text(st, 7, sso_claim_name(p->claim))) != DB_OK ||
	    (rc = p->create_unit_id > 0 ? db_bind_int(st, 8, p->create_unit_id) :
	    db_bind_null(st, 8)) != DB_OK ||
	    (rc = db_bind_int(st, 9, p->amr_mfa ? 1 : 0)) != DB_OK ||
	    (rc = db_bind_int(st, 10, ctx->now)) != DB_OK ||
	    (rc = db_bind_text(st, 11, p->scope != NULL ? p->scope :
	    SSO_SCOPE_DEFAULT)) != DB_OK) {
		id = rc;
		goto out;
	}
	if ((rc = db_step(st)) != DB_ROW) {
		id = rc < 0 ? rc : DB_ERR;
		goto out;
	}
	id = db_col_int(st, 0);
	db_reset(st);
	st = NULL;
	snprintf(detail, sizeof(detail), "name=%s", p->name);
	if (audit_append(ctx, "sso_provider_add", "sso_provider", id, detail) != 0)
		id = DB_ERR;
out:
	if (st != NULL)
		db_reset(st);
	rc = db_tx_finish(ctx->conn, own, id < 0 ? (int)id : 0);
	return rc < 0 ? rc : id;
}

int
sso_provider_remove(struct ctx *ctx, const char *name)
{
	struct dbstmt	*st;
	int64_t		 id = 0;
	int		 own, rc;
	char		 detail[SSO_NAME_MAX + 16];

	if ((rc = db_tx_join(ctx->conn, &own)) != DB_OK)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_FIND, &st)) != DB_OK)
		goto out;
	if ((rc = db_bind_text(st, 2, name)) == DB_OK &&
	    (rc = db_step(st)) == DB_ROW)
		id = db_col_int(st, 0);
	db_reset(st);
	if (rc == DB_DONE) {
		rc = 1;
		goto out;
	}
	if (rc != DB_ROW)
		goto out;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_DEL_LOGINS, &st)) != DB_OK)
		goto out;
	if ((rc = db_bind_int(st, 2, id)) == DB_OK)
		rc = db_step(st) == DB_DONE ? DB_OK : DB_ERR;
	db_reset(st);
	if (rc != DB_OK)
		goto out;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_DEL, &st)) != DB_OK)
		goto out;
	if ((rc = db_bind_int(st, 2, id)) == DB_OK)
		rc = db_step(st) == DB_DONE ? DB_OK : DB_ERR;
	db_reset(st);
	if (rc != DB_OK)
		goto out;
	snprintf(detail, sizeof(detail), "name=%s", name);
	rc = audit_append(ctx, "sso_provider_remove", "sso_provider", id, detail)
	    == 0 ? 0 : DB_ERR;
out:
	return db_tx_finish(ctx->conn, own, rc);
}

void
sso_check_all(struct db *db, struct dbconn *conn)
{
	struct arena		*a;
	struct tenant		*tv;
	struct sso_provider	*pv;
	struct sso_meta		 m;
	struct ctx		 ctx;
	const char		*why;
	char			*jwks;
	size_t			 nt, np, i, j;

	if ((a = arena_new(4u * 1024u * 1024u)) == NULL)
		return;
	if (tenant_list(conn, a, &tv, &nt) != 0)
		goto out;
	for (i = 0; i < nt; i++) {
		memset(&ctx, 0, sizeof(ctx));
		ctx.db = db;
		ctx.conn = conn;
		ctx.arena = a;
		ctx.tenant_id = tv[i].id;
		ctx.tenant_uid = tv[i].uid;
		ctx.tenant_name = tv[i].name;
		ctx.lang = "nb";
		ctx.now = clock_now();
		if (sso_provider_list(&ctx, &pv, &np) != 0)
			continue;
		for (j = 0; j < np; j++) {
			/* Each failure is logged (and kept for the admin
			 * page) by the fetch itself; the server starts anyway. */
			if (sso_discover(pv[j].issuer, a, &m, &why) != 0)
				continue;
			if (sso_jwks_get(pv[j].issuer, 0, &jwks, &why) == 0)
				free(jwks);
			log_event("sso_provider_ok", "tenant", tv[i].name,
			    "provider", pv[j].name, NULL);
		}
	}
out:
	arena_free(a);
}
