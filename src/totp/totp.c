/* totp.c: the second factor's secrets, codes and rule (see totp.h). */
#include "totp/totp.h"

#include <liboath/oath.h>
#include <pthread.h>
#include <qrencode.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit/audit.h"
#include "auth/auth.h"
#include "authz/authz.h"
#include "ctx.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "util/buf.h"

static const char SQL_SETTINGS_GET[] =
    "SELECT required, roles FROM totp_settings WHERE tenant_id = $1";
static const char SQL_SETTINGS_SET[] =
    "INSERT INTO totp_settings (tenant_id, required, roles) VALUES ($1, $2, $3)"
    " ON CONFLICT (tenant_id) DO UPDATE SET required = $2, roles = $3";
static const char SQL_GET[] =
    "SELECT secret, enabled, last_step FROM totp_secrets"
    " WHERE tenant_id = $1 AND person_id = $2";
static const char SQL_NEW[] =
    "INSERT INTO totp_secrets (tenant_id, person_id, secret, enabled, created_at)"
    " VALUES ($1, $2, $3, 0, $4)";
static const char SQL_ENABLE[] =
    "UPDATE totp_secrets SET enabled = 1, last_step = $3"
    " WHERE tenant_id = $1 AND person_id = $2 AND enabled = 0";
/* Only forward: a code of an older or the same step cannot be used again,
 * also by two logins at once (the second changes no row). */
static const char SQL_STEP[] =
    "UPDATE totp_secrets SET last_step = $3"
    " WHERE tenant_id = $1 AND person_id = $2 AND enabled = 1 AND last_step < $3";
static const char SQL_DEL[] =
    "DELETE FROM totp_secrets WHERE tenant_id = $1 AND person_id = $2";
static const char SQL_REC_DEL[] =
    "DELETE FROM totp_recovery_codes WHERE tenant_id = $1 AND person_id = $2";
static const char SQL_REC_ADD[] =
    "INSERT INTO totp_recovery_codes (tenant_id, person_id, code_hash)"
    " VALUES ($1, $2, $3)";
static const char SQL_REC_USE[] =
    "UPDATE totp_recovery_codes SET used_at = $4 WHERE tenant_id = $1"
    " AND person_id = $2 AND code_hash = $3 AND used_at IS NULL";

/* liboath wants oath_init once per process before any use. */
static pthread_once_t	oath_once = PTHREAD_ONCE_INIT;
static int		oath_ready;

static void
oath_start(void)
{
	oath_ready = oath_init() == OATH_OK;
}

/* One statement with a person ($2) and up to two more values: blob b
 * ($3, when b is not NULL) then integer i ($3 or $4). Rows changed, or a
 * negative DB_* error. */
static int64_t
run(struct ctx *ctx, const char *sql, int64_t pid, const void *b, size_t blen,
    int has_i, int64_t i)
{
	struct dbstmt	*st;
	int		 rc, idx = 3;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	rc = db_bind_int(st, 2, pid);
	if (rc == DB_OK && b != NULL)
		rc = db_bind_blob(st, idx++, b, blen);
	if (rc == DB_OK && has_i)
		rc = db_bind_int(st, idx, i);
	if (rc == DB_OK)
		rc = db_step(st) == DB_DONE ? DB_OK : DB_ERR;
	db_reset(st);
	return rc == DB_OK ? db_changes(ctx->conn) : rc;
}

/* The person's secret: 0 with the fields, 1 when none, negative. */
static int
secret_get(struct ctx *ctx, int64_t pid, unsigned char key[TOTP_SECRET_BYTES],
    int *enabled, int64_t *last_step)
{
	struct dbstmt	*st;
	const void	*p;
	size_t		 n = 0;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_GET, &st)) != DB_OK)
		return rc;
	if ((rc = db_bind_int(st, 2, pid)) == DB_OK)
		rc = db_step(st);
	if (rc == DB_ROW) {
		p = db_col_blob(st, 0, &n);
		if (p == NULL || n != TOTP_SECRET_BYTES)
			rc = DB_ERR;
		else {
			memcpy(key, p, n);
			*enabled = db_col_int(st, 1) != 0;
			*last_step = db_col_int(st, 2);
			rc = 0;
		}
	} else if (rc == DB_DONE)
		rc = 1;
	db_reset(st);
	return rc;
}

/* Roles named in s (';' or ',' separated) into extra[ROLE_MAX]. */
static void
roles_parse(const char *s, unsigned char extra[ROLE_MAX])
{
	char		 tok[64];
	size_t		 n;
	enum role	 r;

	memset(extra, 0, ROLE_MAX);
	while (s != NULL && *s != '\0') {
		n = strcspn(s, ";,");
		if (n > 0 && n < sizeof(tok)) {
			memcpy(tok, s, n);
			tok[n] = '\0';
			if (role_parse(tok, &r) == 0)
				extra[r] = 1;
		}
		s += n;
		if (*s != '\0')
			s++;
	}
}

int
totp_settings_get(struct ctx *ctx, int *required, const char **roles)
{
	struct dbstmt	*st;
	int		 rc;

	/* Without a row the rule is on: a municipality that never chose
	 * has its admins and handlers behind a second factor. Off is only
	 * ever a saved, audited choice (totp_settings_set). */
	*required = 1;
	*roles = NULL;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_SETTINGS_GET,
	    &st)) != DB_OK)
		return rc;
	if ((rc = db_step(st)) == DB_ROW) {
		*required = db_col_int(st, 0) != 0;
		*roles = arena_strdup(ctx->arena, db_col_text(st, 1));
		rc = 0;
	} else if (rc == DB_DONE)
		rc = 0;
	db_reset(st);
	return rc;
}

int
totp_settings_set(struct ctx *ctx, int required, const char *roles)
{
	struct dbstmt	*st;
	int		 rc, own;

	if ((rc = db_tx_join(ctx->conn, &own)) != DB_OK)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_SETTINGS_SET,
	    &st)) == DB_OK) {
		if ((rc = db_bind_int(st, 2, required ? 1 : 0)) == DB_OK &&
		    (rc = db_bind_text(st, 3, roles != NULL && *roles != '\0' ?
		    roles : NULL)) == DB_OK)
			rc = db_step(st) == DB_DONE ? DB_OK : DB_ERR;
		db_reset(st);
	}
	if (rc == DB_OK && audit_append(ctx, "totp_settings", "tenant",
	    ctx->tenant_id, arena_printf(ctx->arena, "required=%d roles=%s",
	    required ? 1 : 0, roles != NULL ? roles : "")) != 0)
		rc = DB_ERR;
	return db_tx_finish(ctx->conn, own, rc);
}

int
totp_enabled(struct ctx *ctx, int64_t pid)
{
	unsigned char	k[TOTP_SECRET_BYTES];
	int64_t		last;
	int		en = 0, rc;

	rc = secret_get(ctx, pid, k, &en, &last);
	sodium_memzero(k, sizeof(k));
	return rc < 0 ? rc : rc == 0 && en;
}

int
totp_needed(struct ctx *ctx, int64_t pid)
{
	struct roleset	 rs;
	unsigned char	 extra[ROLE_MAX];
	const char	*roles;
	int		 required, rc;

	if ((rc = totp_enabled(ctx, pid)) != 0)
		return rc;
	if ((rc = totp_settings_get(ctx, &required, &roles)) != 0 || !required)
		return rc;
	if ((rc = org_roles_of(ctx, pid, &rs)) != 0)
		return rc;
	roles_parse(roles, extra);
	return authz_second_factor_required(&rs, required, extra);
}

int
totp_enrol_secret(struct ctx *ctx, int64_t pid, char *b32, size_t b32sz)
{
	unsigned char	 k[TOTP_SECRET_BYTES];
	char		*out = NULL;
	size_t		 outlen = 0;
	int64_t		 last;
	int		 en, rc;

	if ((rc = secret_get(ctx, pid, k, &en, &last)) < 0)
		return rc;
	if (rc == 0 && en) {
		sodium_memzero(k, sizeof(k));
		return DB_ERR;	/* enabled: never shown again */
	}
	if (rc == 1) {
		randombytes_buf(k, sizeof(k));
		if ((rc = (int)run(ctx, SQL_NEW, pid, k, sizeof(k), 1, ctx->now)) < 0)
			goto out;
	}
	rc = -1;
	pthread_once(&oath_once, oath_start);
	if (!oath_ready)
		goto out;
	if (oath_base32_encode((const char *)k, sizeof(k), &out, &outlen) != OATH_OK ||
	    outlen + 1 > b32sz)
		goto out;
	memcpy(b32, out, outlen);
	b32[outlen] = '\0';
	rc = 0;
out:
	if (out != NULL) {
		sodium_memzero(out, outlen);
		free(out);
	}
	sodium_memzero(k, sizeof(k));
	return rc;
}

/* The time step a six-digit code matches (within one step either side),
 * or -1. */
static int64_t
code_step(const unsigned char k[TOTP_SECRET_BYTES], int64_t now, const char *code)
{
	int	pos = 0, rc;
	size_t	i;

	pthread_once(&oath_once, oath_start);
	if (!oath_ready || code == NULL || strlen(code) != TOTP_DIGITS)
		return -1;
	for (i = 0; i < TOTP_DIGITS; i++)
		if (code[i] < '0' || code[i] > '9')
			return -1;
	rc = oath_totp_validate2((const char *)k, TOTP_SECRET_BYTES, (time_t)now,
	    TOTP_STEP, 0, 1, &pos, code);
	if (rc < 0)
		return -1;
	return now / TOTP_STEP + pos;
}

/* A recovery code as typed: lower case, no spaces or dashes; its hash. */
static int
recovery_hash(const char *code, unsigned char h[AUTH_HASH_BYTES])
{
	char	norm[32];
	size_t	i, n = 0;

	for (i = 0; code[i] != '\0'; i++) {
		char c = code[i];

		if (c == '-' || c == ' ')
			continue;
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if (n + 1 >= sizeof(norm))
			return -1;
		norm[n++] = c;
	}
	norm[n] = '\0';
	if (n != 16)
		return -1;
	auth_token_digest(norm, h);
	sodium_memzero(norm, sizeof(norm));
	return 0;
}

int
totp_enrol_finish(struct ctx *ctx, int64_t pid, const char *code,
    char codes[TOTP_RECOVERY_N][TOTP_RECOVERY_MAX])
{
	unsigned char	k[TOTP_SECRET_BYTES], h[AUTH_HASH_BYTES];
	int64_t		last, step;
	int		en, rc, own, i;

	if ((rc = secret_get(ctx, pid, k, &en, &last)) != 0 || en) {
		sodium_memzero(k, sizeof(k));
		return rc < 0 ? rc : 1;
	}
	step = code_step(k, ctx->now, code);
	sodium_memzero(k, sizeof(k));
	if (step < 0)
		return 1;
	if ((rc = db_tx_join(ctx->conn, &own)) != DB_OK)
		return rc;
	if ((rc = (int)run(ctx, SQL_ENABLE, pid, NULL, 0, 1, step)) != 1) {
		rc = rc < 0 ? rc : DB_ERR;
		goto out;
	}
	if ((rc = (int)run(ctx, SQL_REC_DEL, pid, NULL, 0, 0, 0)) < 0)
		goto out;
	for (i = 0; i < TOTP_RECOVERY_N; i++) {
		auth_password_generate(codes[i], TOTP_RECOVERY_MAX);
		if (recovery_hash(codes[i], h) != 0 ||
		    (rc = (int)run(ctx, SQL_REC_ADD, pid, h, sizeof(h), 0, 0)) < 0)
			goto out;
	}
	/* Enrolled at the second step of a login: that is the login (the
	 * password step recorded login_password, auth_login). */
	rc = audit_append(ctx, "totp_enabled", "person", pid, NULL) == 0 &&
	    audit_append_as(ctx, pid, "login", "person", pid, NULL) == 0 ? 0 :
	    DB_ERR;
out:
	if (rc < 0)
		sodium_memzero(codes, sizeof(codes[0]) * TOTP_RECOVERY_N);
	return db_tx_finish(ctx->conn, own, rc);
}

int
totp_check(struct ctx *ctx, int64_t pid, const char *code)
{
	unsigned char	k[TOTP_SECRET_BYTES], h[AUTH_HASH_BYTES];
	int64_t		last, step, changed;
	int		en, rc, own;

	if ((rc = secret_get(ctx, pid, k, &en, &last)) != 0 || !en) {
		sodium_memzero(k, sizeof(k));
		return rc < 0 ? rc : 1;
	}
	step = code_step(k, ctx->now, code);
	sodium_memzero(k, sizeof(k));
	if ((rc = db_tx_join(ctx->conn, &own)) != DB_OK)
		return rc;
	if (step >= 0) {
		changed = run(ctx, SQL_STEP, pid, NULL, 0, 1, step);
		rc = changed < 0 ? (int)changed : changed == 1 ? 0 : 1;
	} else if (code != NULL && recovery_hash(code, h) == 0) {
		/* $3 the hash, $4 the time: run binds the blob first. */
		changed = run(ctx, SQL_REC_USE, pid, h, sizeof(h), 1, ctx->now);
		rc = changed < 0 ? (int)changed : changed == 1 ? 0 : 1;
		if (rc == 0 && audit_append(ctx, "totp_recovery_used", "person",
		    pid, NULL) != 0)
			rc = DB_ERR;
	} else
		rc = 1;
	if (rc == 1 && audit_append(ctx, "totp_failed", "person", pid, NULL) != 0)
		rc = DB_ERR;
	/* Past the second step: the login itself (auth_login recorded only
	 * that the password was right). */
	if (rc == 0 && audit_append_as(ctx, pid, "login", "person", pid,
	    NULL) != 0)
		rc = DB_ERR;
	/* A wrong code is recorded (audit) and the transaction kept. */
	return db_tx_finish(ctx->conn, own, rc);
}

int
totp_reset_right(struct ctx *ctx, int64_t person_id, int64_t unit_id)
{
	return authz_second_factor_reset_ok(ctx, person_id, unit_id);
}

int
totp_reset(struct ctx *ctx, int64_t pid)
{
	int64_t	n;
	int	rc, own;

	if ((rc = db_tx_join(ctx->conn, &own)) != DB_OK)
		return rc;
	if ((n = run(ctx, SQL_DEL, pid, NULL, 0, 0, 0)) >= 0 &&
	    run(ctx, SQL_REC_DEL, pid, NULL, 0, 0, 0) >= 0)
		rc = n == 0 ? 1 : audit_append(ctx, "totp_reset", "person", pid,
		    NULL) == 0 ? 0 : DB_ERR;
	else
		rc = DB_ERR;
	return db_tx_finish(ctx->conn, own, rc);
}

const char *
totp_uri(struct ctx *ctx, const char *login, const char *b32)
{
	struct buf	 b;
	const char	*issuer = ctx->tenant_name != NULL ? ctx->tenant_name : "Orden";
	const char	*s, *out;

	buf_init(&b, 2048);
	buf_puts(&b, "otpauth://totp/Orden:");
	/* Percent-encode the label and issuer (letters, digits, -._~ kept). */
	for (s = login; *s != '\0'; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || strchr("-._~", *s) != NULL)
			buf_putc(&b, *s);
		else
			buf_printf(&b, "%%%02X", (unsigned char)*s);
	buf_printf(&b, "?secret=%s&issuer=", b32);
	for (s = issuer; *s != '\0'; s++)
		if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9'))
			buf_putc(&b, *s);
		else
			buf_printf(&b, "%%%02X", (unsigned char)*s);
	buf_printf(&b, "&algorithm=SHA1&digits=%d&period=%d", TOTP_DIGITS, TOTP_STEP);
	out = buf_failed(&b) ? NULL : arena_strdup(ctx->arena, buf_cstr(&b));
	sodium_memzero(b.data, b.cap);
	buf_free(&b);
	return out;
}

const char *
totp_qr_svg(struct ctx *ctx, const char *text, const char *labelledby)
{
	QRcode		*q;
	struct buf	 b;
	const char	*out = NULL;
	int		 x, y, w;

	/* The id goes into an attribute unescaped: only a plain one. */
	if (labelledby != NULL && (*labelledby == '\0' || labelledby[strspn(
	    labelledby, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789-")] != '\0'))
		return NULL;
	if ((q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) == NULL)
		return NULL;
	w = q->width;
	buf_init(&b, 512 * 1024);
	/* One path of unit squares, a quiet zone of 4 around. */
	buf_printf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\""
	    " width=\"240\" height=\"240\" role=\"img\"%s%s%s shape-rendering=\"crispEdges\">"
	    "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
	    w + 8, w + 8, labelledby != NULL ? " aria-labelledby=\"" : "",
	    labelledby != NULL ? labelledby : "", labelledby != NULL ? "\"" : "");
	for (y = 0; y < w; y++)
		for (x = 0; x < w; x++)
			if (q->data[y * w + x] & 1)
				buf_printf(&b, "M%d %dh1v1h-1z", x + 4, y + 4);
	buf_puts(&b, "\"/></svg>");
	if (!buf_failed(&b))
		out = arena_strdup(ctx->arena, buf_cstr(&b));
	sodium_memzero(b.data, b.cap);
	buf_free(&b);
	QRcode_free(q);
	return out;
}
