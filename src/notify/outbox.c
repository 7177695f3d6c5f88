/* outbox.c: the mail_outbox and mail_prefs tables (mail.h): rows written
 * with the notification, the choices people make, and what the admin
 * sees. The sender's own statements are in sender.c. */
#include "notify/mail.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "audit/audit.h"
#include "authz/authz.h"
#include "ctx.h"
#include "notify/mail_int.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "util/date.h"

static const char SQL_MODE_GET[] =
    "SELECT mode, lang FROM mail_prefs WHERE tenant_id = $1 AND person_id = $2";
static const char SQL_MODE_DEL[] =
    "DELETE FROM mail_prefs WHERE tenant_id = $1 AND person_id = $2";
static const char SQL_MODE_ADD[] =
    "INSERT INTO mail_prefs (tenant_id, person_id, mode, lang)"
    " VALUES ($1, $2, $3, $4)";
/* A notification's e-mail as one write once the person is known to be
 * mailable (org's, read first: people belong to org/): whether it goes
 * at all (mail_prefs.mode 'off') and whether in the digest (no choice, or
 * one this build does not know: MAIL_MODE_DEFAULT, at once) are decided in
 * the statement, so it has no answer to wait for: on PostgreSQL it
 * travels with the next statement (store.h's deferred writes) instead of
 * a read of the choice and a write. $5 the Message-ID, $6 created_at and
 * due at once, $7 the digest's due time, $8 1 for a notice about history
 * (ctx->mail_digest: to the digest whatever the choice, unless off), $9
 * the kind of report it is about (NULL: none). */
static const char SQL_ENQUEUE_FOR[] =
    "INSERT INTO mail_outbox (tenant_id, person_id, kind, deviation_id,"
    " digest, message_id, created_at, due_at, report_kind)"
    " SELECT $1, $2, $3, $4,"
    " CASE WHEN m.mode = 'digest' OR $8 = 1 THEN 1 ELSE 0 END, $5, $6,"
    " CASE WHEN m.mode = 'digest' OR $8 = 1 THEN $7 ELSE $6 END, $9"
    " FROM (SELECT 1 AS one) AS o LEFT JOIN mail_prefs m"
    " ON m.tenant_id = $1 AND m.person_id = $2"
    " WHERE m.mode IS NULL OR m.mode <> 'off'";
static const char SQL_ENQUEUE_RESET[] =
    "INSERT INTO mail_outbox (tenant_id, person_id, kind, digest, message_id,"
    " created_at, due_at, secret) VALUES ($1, $2, $3, 0, $4, $5, $5, $6)";
static const char SQL_SETTLE[] =
    "UPDATE mail_outbox SET sent_at = created_at"
    " WHERE tenant_id = $1 AND sent_at IS NULL";
static const char SQL_COUNTS[] =
    "SELECT COUNT(CASE WHEN sent_at IS NULL AND failed_at IS NULL THEN 1 END),"
    " COUNT(CASE WHEN failed_at IS NOT NULL THEN 1 END),"
    " COUNT(CASE WHEN sent_at IS NOT NULL THEN 1 END)"
    " FROM mail_outbox WHERE tenant_id = $1";
/* Not a whistleblowing one: to whom and when one was mailed would tell
 * the administrator (who may be the one it concerns) that a case exists
 * and who handles it (docs/SECURITY.md §10). They are counted, and sent
 * again with the rest; the handler sees the case in Orden anyway. */
static const char SQL_FAILURES[] =
    "SELECT id, created_at, failed_at, tries, kind, last_error, person_id"
    " FROM mail_outbox WHERE tenant_id = $1 AND failed_at IS NOT NULL"
    " AND kind <> 'whistle'"
    " ORDER BY failed_at DESC, id DESC LIMIT $2";
static const char SQL_RETRY[] =
    "UPDATE mail_outbox SET failed_at = NULL, tries = 0, due_at = $2"
    " WHERE tenant_id = $1 AND failed_at IS NOT NULL"
    " AND kind <> 'password_reset'";

static const char *const mode_names[MAIL_MODE_MAX] = {
	[MAIL_NOW] = "now",
	[MAIL_DIGEST] = "digest",
	[MAIL_OFF] = "off",
};

const char *
mail_mode_name(enum mail_mode m)
{
	return (int)m >= 0 && m < MAIL_MODE_MAX ? mode_names[m] : "now";
}

int
mail_mode_parse(const char *s, enum mail_mode *out)
{
	int i;

	for (i = 0; s != NULL && i < MAIL_MODE_MAX; i++)
		if (strcmp(s, mode_names[i]) == 0) {
			*out = (enum mail_mode)i;
			return 0;
		}
	return -1;
}

int
mail_lang_valid(const char *s)
{
	return s != NULL && (strcmp(s, "nb") == 0 || strcmp(s, "nn") == 0 ||
	    strcmp(s, "en") == 0);
}

int
mail_mode_get(struct ctx *ctx, int64_t person_id, char lang[3])
{
	struct dbstmt	*st;
	enum mail_mode	 m = MAIL_MODE_DEFAULT;
	const char	*l;
	int		 rc;

	if (lang != NULL)
		lang[0] = '\0';

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_MODE_GET,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, person_id);
	rc = db_step(st);
	if (rc == DB_ROW && mail_mode_parse(db_col_text(st, 0), &m) != 0)
		m = MAIL_MODE_DEFAULT;
	if (rc == DB_ROW && lang != NULL && !db_col_is_null(st, 1) &&
	    mail_lang_valid(l = db_col_text(st, 1)))
		memcpy(lang, l, 3);
	db_reset(st);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	return (int)m;
}

/* Run sql with the tenant as $1, a as $2 (when a >= 0) and text t as $3
 * (when not NULL). 0 or a DB_* error. */
static int
run(struct ctx *ctx, const char *sql, int64_t a, const char *t)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st))
	    != DB_OK)
		return rc;
	if (a >= 0)
		db_bind_int(st, 2, a);
	if (t != NULL)
		db_bind_text(st, 3, t);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

int
mail_mode_set(struct ctx *ctx, enum mail_mode m, const char *lang)
{
	struct dbstmt	*st;
	int		 own = 0, rc;

	if (ctx->user == NULL || !authz_can(ctx, AZ_MAIL_PREFS, 0))
		return MAIL_FORBIDDEN;
	if (lang == NULL)
		lang = mail_lang_valid(ctx->lang) ? ctx->lang : "nb";
	if ((int)m < 0 || m >= MAIL_MODE_MAX || !mail_lang_valid(lang))
		return MAIL_INVALID;
	if (db_tx_join(ctx->conn, &own) != 0)
		return MAIL_ERROR;
	/* Delete and insert: one statement set for both backends. */
	rc = run(ctx, SQL_MODE_DEL, ctx->user->id, NULL);
	if (rc == 0 && (rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_MODE_ADD, &st)) == DB_OK) {
		db_bind_int(st, 2, ctx->user->id);
		db_bind_text(st, 3, mail_mode_name(m));
		db_bind_text(st, 4, lang);
		rc = db_step(st) == DB_DONE ? 0 : DB_ERR;
		db_reset(st);
	}
	if (rc == 0)
		rc = audit_append(ctx, "mail_prefs_set", "person", ctx->user->id,
		    mail_mode_name(m));
	rc = db_tx_finish(ctx->conn, own, rc);
	return rc == 0 ? MAIL_OK : MAIL_ERROR;
}

int64_t
mail_digest_due(int64_t now)
{
	int64_t t = date_start_of(now, DATE_DAY) + MAIL_DIGEST_HOUR * 3600;

	/* The first digest hour after now (a day of a change to or from
	 * summer time shifts it by the hour; a digest needs no more). */
	if (t <= now)
		t = date_next(now, DATE_DAY) + MAIL_DIGEST_HOUR * 3600;
	return t;
}

int
mail_enqueue(struct ctx *ctx, int64_t person_id, int64_t dev_id,
    const char *kind, const char *report_kind)
{
	struct dbstmt	*st;
	unsigned char	 rnd[16];
	char		 mid[sizeof(rnd) * 2 + 1];
	struct person	 p;
	int		 rc;

	/* The person exists (the notification's foreign key): -1 is the
	 * store failing. */
	if ((rc = org_person_get(ctx, person_id, &p)) != 0)
		return DB_ERR;
	if (!p.active || p.email == NULL || strchr(p.email, '@') == NULL)
		return 0;
	/* The left part of the Message-ID; the sender adds "@" and the
	 * sender's domain. Random, so that it says nothing. */
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(mid, sizeof(mid), rnd, sizeof(rnd));
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ENQUEUE_FOR,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, person_id);
	db_bind_text(st, 3, kind);
	if (dev_id > 0)
		db_bind_int(st, 4, dev_id);
	else
		db_bind_null(st, 4);
	db_bind_text(st, 5, mid);
	db_bind_int(st, 6, ctx->now);
	db_bind_int(st, 7, mail_digest_due(ctx->mail_digest > 0 ?
	    ctx->mail_digest : ctx->now));
	db_bind_int(st, 8, ctx->mail_digest > 0 ? 1 : 0);
	if (report_kind != NULL)
		db_bind_text(st, 9, report_kind);
	else
		db_bind_null(st, 9);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

/* The key that seals a reset link's token in the outbox: random for each
 * run of the process and never written anywhere, so the token the database
 * (and its WAL, backups, free pages) holds opens only in this process. A
 * restart before the e-mail went out makes the link "expired": the person
 * asks again. */
static unsigned char	seal_key[crypto_secretbox_KEYBYTES];
static pthread_once_t	seal_once = PTHREAD_ONCE_INIT;

static void
seal_init(void)
{
	randombytes_buf(seal_key, sizeof(seal_key));
}

/* token sealed as base64url text into out. 0 or -1. */
static int
seal(const char *token, char *out, size_t outsz)
{
	unsigned char	 box[crypto_secretbox_NONCEBYTES + MAIL_SECRET_MAX +
	    crypto_secretbox_MACBYTES];
	size_t		 n = strlen(token);

	if (n > MAIL_SECRET_MAX || outsz < sodium_base64_ENCODED_LEN(
	    crypto_secretbox_NONCEBYTES + n + crypto_secretbox_MACBYTES,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING))
		return -1;
	pthread_once(&seal_once, seal_init);
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES,
	    (const unsigned char *)token, n, box, seal_key);
	sodium_bin2base64(out, outsz, box, crypto_secretbox_NONCEBYTES + n +
	    crypto_secretbox_MACBYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return 0;
}

int
mail_secret_open(const char *sealed, char out[MAIL_SECRET_MAX + 1])
{
	unsigned char	box[crypto_secretbox_NONCEBYTES + MAIL_SECRET_MAX +
	    crypto_secretbox_MACBYTES];
	size_t		n;

	pthread_once(&seal_once, seal_init);
	if (sealed == NULL || sodium_base642bin(box, sizeof(box), sealed,
	    strlen(sealed), NULL, &n, NULL,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    n < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES ||
	    crypto_secretbox_open_easy((unsigned char *)out,
	    box + crypto_secretbox_NONCEBYTES, n - crypto_secretbox_NONCEBYTES,
	    box, seal_key) != 0)
		return -1;
	out[n - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES] = '\0';
	return 0;
}

int
mail_enqueue_reset(struct ctx *ctx, int64_t person_id, const char *token)
{
	char		 sealed[256];
	struct person	 p;
	struct dbstmt	*st;
	unsigned char	 rnd[16];
	char		 mid[sizeof(rnd) * 2 + 1];
	int		 rc;

	if (org_person_get(ctx, person_id, &p) != 0)
		return DB_ERR;
	if (!p.active || p.email == NULL || strchr(p.email, '@') == NULL)
		return 0;
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(mid, sizeof(mid), rnd, sizeof(rnd));
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ENQUEUE_RESET,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, person_id);
	db_bind_text(st, 3, MAIL_RESET_KIND);
	db_bind_text(st, 4, mid);
	db_bind_int(st, 5, ctx->now);
	if (seal(token, sealed, sizeof(sealed)) != 0) {
		db_reset(st);
		return DB_ERR;
	}
	db_bind_text(st, 6, sealed);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

int
mail_settle(struct ctx *ctx)
{
	return run(ctx, SQL_SETTLE, -1, NULL);
}

int
mail_overview(struct ctx *ctx, struct mail_overview *out)
{
	struct dbstmt		*st;
	struct mail_failure	*v, *x;
	struct person		 p;
	size_t			 n = 0, i;
	int64_t			*pid;
	int			 rc;

	memset(out, 0, sizeof(*out));
	if (ctx->user == NULL || !authz_can(ctx, AZ_MAIL_ADMIN, 0))
		return MAIL_FORBIDDEN;
	v = arena_alloc(ctx->arena, MAIL_FAILURES_SHOWN * sizeof(*v));
	pid = arena_alloc(ctx->arena, MAIL_FAILURES_SHOWN * sizeof(*pid));
	if (v == NULL || pid == NULL)
		return MAIL_ERROR;
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_COUNTS, &st)
	    != DB_OK)
		return MAIL_ERROR;
	if ((rc = db_step(st)) == DB_ROW) {
		out->pending = db_col_int(st, 0);
		out->failed = db_col_int(st, 1);
		out->sent = db_col_int(st, 2);
	}
	db_reset(st);
	if (rc != DB_ROW)
		return MAIL_ERROR;
	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_FAILURES, &st)
	    != DB_OK)
		return MAIL_ERROR;
	db_bind_int(st, 2, MAIL_FAILURES_SHOWN);
	while ((rc = db_step(st)) == DB_ROW && n < MAIL_FAILURES_SHOWN) {
		x = &v[n];
		x->id = db_col_int(st, 0);
		x->created_at = db_col_int(st, 1);
		x->failed_at = db_col_int(st, 2);
		x->tries = db_col_int(st, 3);
		x->kind = arena_strdup(ctx->arena, db_col_text(st, 4));
		x->error = arena_strdup(ctx->arena, db_col_is_null(st, 5) ? "" :
		    db_col_text(st, 5));
		pid[n++] = db_col_int(st, 6);
	}
	db_reset(st);
	if (rc != DB_DONE && rc != DB_ROW)
		return MAIL_ERROR;
	/* The recipient's login, read through org/ after the statement is
	 * done (one statement at a time on a connection). */
	for (i = 0; i < n; i++)
		v[i].login = org_person_get(ctx, pid[i], &p) == 0 ? p.login : "?";
	out->failures = v;
	out->nfailures = n;
	return MAIL_OK;
}

int
mail_retry_failed(struct ctx *ctx)
{
	int own = 0, rc;
	int64_t n;

	if (ctx->user == NULL || !authz_can(ctx, AZ_MAIL_ADMIN, 0))
		return MAIL_FORBIDDEN;
	if (db_tx_join(ctx->conn, &own) != 0)
		return MAIL_ERROR;
	rc = run(ctx, SQL_RETRY, ctx->now, NULL);
	n = rc == 0 ? db_changes(ctx->conn) : 0;
	if (rc == 0 && n > 0)
		rc = audit_append(ctx, "mail_retry", "tenant", ctx->tenant_id,
		    NULL);
	rc = db_tx_finish(ctx->conn, own, rc);
	return rc == 0 ? (int)n : MAIL_ERROR;
}
