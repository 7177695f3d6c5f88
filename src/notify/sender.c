/* sender.c: the thread of `orden serve` that empties the mail outbox
 * (mail.h). Every `poll` seconds it takes the rows that are due, for all
 * municipalities, and sends each; a row is marked sent only after the
 * relay accepted it, so a server killed mid-send sends it again after
 * the restart (at least once, with the same Message-ID). A failure waits
 * `retry` seconds, doubled after each try, and after `tries` the row is
 * marked failed for the admin page. No database transaction is open
 * while the relay is talked to. */
#include "notify/mail.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ctx.h"
#include "i18n/i18n.h"
#include "notify/mail_int.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "tenant_each.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/linkbase.h"
#include "util/log.h"
#include "util/periodic.h"

#define RETRY_MAX	(6 * 3600)
#define SENDER_ARENA	(4u * 1024u * 1024u)

/* Every municipality's due rows: the one statement that crosses tenants. */
static const char SQL_DUE[] =
    "SELECT tenant_id, id FROM mail_outbox WHERE sent_at IS NULL"
    " AND failed_at IS NULL AND due_at <= $1 ORDER BY due_at, id LIMIT $2";
static const char SQL_ROW[] =
    "SELECT person_id, kind, deviation_id, digest, message_id, tries,"
    " secret, created_at, report_kind FROM mail_outbox WHERE tenant_id = $1 AND id = $2"
    " AND sent_at IS NULL AND failed_at IS NULL";
/* A digest counts every due digest row of its person, however many (an
 * import of ten years can leave thousands): how many, and the last id, so
 * that rows queued while it is sent wait for the next one. */
static const char SQL_DIGEST[] =
    "SELECT count(*), COALESCE(MAX(id), 0) FROM mail_outbox"
    " WHERE tenant_id = $1 AND person_id = $2 AND digest = 1"
    " AND sent_at IS NULL AND failed_at IS NULL AND due_at <= $3";
/* Which rows a mark touches: one row ($2 its id), or a person's digest
 * ($2 the person, the last parameter the digest's last id). */
#define BY_ID		" WHERE tenant_id = $1 AND id = $2"
#define BY_DIGEST(n)	" WHERE tenant_id = $1 AND person_id = $2 AND digest = 1" \
			" AND sent_at IS NULL AND failed_at IS NULL AND id <= $" #n
#define SENT		"UPDATE mail_outbox SET sent_at = $3, tries = tries + 1," \
			" last_error = NULL, secret = NULL"
#define AGAIN		"UPDATE mail_outbox SET tries = tries + 1, due_at = $3," \
			" last_error = $4"
/* After the last try: failed, and a reset link's token dropped. */
#define GIVE_UP		AGAIN ", failed_at = $5, secret = NULL"
static const char *const SQL_MARK[2][3] = {	/* [digest][sent, again, give up] */
	{ SENT BY_ID, AGAIN BY_ID, GIVE_UP BY_ID },
	{ SENT BY_DIGEST(4), AGAIN BY_DIGEST(5), GIVE_UP BY_DIGEST(6) },
};

static struct {
	struct mail_config	 cfg;
	char			 password[512];
	struct periodic		 loop;		/* the sender thread */
	/* The relay's state, for mail_status (under mu). */
	pthread_mutex_t		 mu;
	int			 ok;
	char			 text[256];
} S = { .mu = PTHREAD_MUTEX_INITIALIZER, .ok = -1 };

static void
status_set(int ok, const char *text)
{
	pthread_mutex_lock(&S.mu);
	S.ok = ok;
	snprintf(S.text, sizeof(S.text), "%s", text);
	pthread_mutex_unlock(&S.mu);
}

int
mail_status(char *out, size_t outsz)
{
	int ok;

	pthread_mutex_lock(&S.mu);
	ok = S.ok;
	snprintf(out, outsz, "%s", S.text);
	pthread_mutex_unlock(&S.mu);
	return ok;
}

/* Mark row `id` sent, or tried once more (failed after the last try); for
 * a digest, every due digest row of person `id` up to last_id. */
static int
mark(struct ctx *ctx, int64_t id, int64_t last_id, int ok, int64_t tries,
    const char *err)
{
	struct dbstmt	*st;
	int64_t		 wait;
	int		 rc, last = tries + 1 >= (int64_t)S.cfg.tries,
			 which = ok ? 0 : last ? 2 : 1;

	wait = (int64_t)S.cfg.retry << (tries < 20 ? tries : 20);
	if (wait > RETRY_MAX || wait <= 0)
		wait = RETRY_MAX;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_MARK[last_id > 0][which], &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	if (ok)
		db_bind_int(st, 3, ctx->now);
	else {
		db_bind_int(st, 3, ctx->now + wait);
		db_bind_text(st, 4, err);
		if (last)
			db_bind_int(st, 5, ctx->now);
	}
	if (last_id > 0)
		db_bind_int(st, 4 + which, last_id);
	rc = db_step(st) == DB_DONE ? 0 : DB_ERR;
	db_reset(st);
	return rc;
}

/* How many digest rows of person_id are due, and the last one's id. */
static int
digest_rows(struct ctx *ctx, int64_t person_id, size_t *n, int64_t *last_id)
{
	struct dbstmt	*st;
	int		 rc;

	*n = 0;
	*last_id = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_DIGEST,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, person_id);
	db_bind_int(st, 3, ctx->now);
	if ((rc = db_step(st)) == DB_ROW) {
		*n = (size_t)db_col_int(st, 0);
		*last_id = db_col_int(st, 1);
	}
	db_reset(st);
	return rc == DB_ROW ? 0 : DB_ERR;
}

/* Send outbox row id of the tenant in ctx (and, for a digest, every due
 * digest row of the same person with it). 0, or a DB_* error. */
static int
send_row(struct ctx *ctx, const struct tenant *t, int64_t id)
{
	struct dbstmt	*st;
	struct person	 p;
	struct mail_what w = { NULL, 0, 0, NULL, 0 };
	struct buf	 msg;
	int64_t		 person_id, tries, made, mark_id = id, last_id = 0;
	size_t		 n = 0;
	const char	*mid, *msgid, *lang, *base;
	char		 err[256], num[32], chosen[3], secret[MAIL_SECRET_MAX + 1];
	int		 rc, digest, sent;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_ROW, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		/* Gone: sent with a digest of an earlier row. */
		return rc == DB_DONE ? 0 : DB_ERR;
	}
	person_id = db_col_int(st, 0);
	w.kind = arena_strdup(ctx->arena, db_col_text(st, 1));
	w.dev_id = db_col_is_null(st, 2) ? 0 : db_col_int(st, 2);
	digest = db_col_int(st, 3) != 0;
	mid = arena_strdup(ctx->arena, db_col_text(st, 4));
	tries = db_col_int(st, 5);
	w.secret = db_col_is_null(st, 6) ||
	    mail_secret_open(db_col_text(st, 6), secret) != 0 ? NULL : secret;
	made = db_col_int(st, 7);
	w.improvement = !db_col_is_null(st, 8) &&
	    strcmp(db_col_text(st, 8), "improvement") == 0;
	db_reset(st);
	if (w.kind == NULL || mid == NULL)
		return DB_ERR;
	/* A reset link is worth sending only while it works. */
	if (strcmp(w.kind, MAIL_RESET_KIND) == 0 && (w.secret == NULL ||
	    ctx->now >= made + MAIL_RESET_LIFETIME))
		return mark(ctx, id, 0, 0, S.cfg.tries, "expired");
	if (digest) {
		if ((rc = digest_rows(ctx, person_id, &n, &last_id)) != 0)
			return DB_ERR;
		if (n == 0)
			return 0;
		w.ndigest = n;
		mark_id = person_id;
	}
	/* The address and language as they are now: a person who left or
	 * removed their address gets nothing. */
	if (org_person_get(ctx, person_id, &p) != 0 || !p.active ||
	    p.email == NULL || strchr(p.email, '@') == NULL) {
		return mark(ctx, mark_id, last_id, 0, S.cfg.tries,
		    "no e-mail address");
	}
	if (mail_mode_get(ctx, person_id, chosen) < 0)
		return DB_ERR;
	lang = i18n_use(chosen[0] != '\0' ? chosen : p.lang != NULL ? p.lang :
	    "nb");
	msgid = arena_printf(ctx->arena, "%s@%s", mid, mail_from_domain(&S.cfg));
	base = linkbase_get(ctx->arena, t->host);
	buf_init(&msg, 64 * 1024);
	if (msgid == NULL || base == NULL || mail_compose(&msg, &S.cfg, p.email,
	    lang, &w, base, msgid, ctx->now) != 0) {
		sodium_memzero(secret, sizeof(secret));
		buf_free(&msg);
		return mark(ctx, mark_id, last_id, 0, S.cfg.tries,
		    "cannot compose");
	}
	sent = mail_smtp_send(&S.cfg, p.email, buf_cstr(&msg), msg.len, err,
	    sizeof(err)) == 0;
	/* A reset link's token is in the message (base64): wipe both. */
	sodium_memzero(secret, sizeof(secret));
	if (msg.data != NULL)
		sodium_memzero(msg.data, msg.cap);
	buf_free(&msg);
	snprintf(num, sizeof(num), "%lld", (long long)id);
	if (sent)
		status_set(1, "ok");
	else {
		status_set(0, err);
		/* The row's number and the relay's reason, never the address. */
		log_event("mail_failed", "outbox", num, "error", err, NULL);
	}
	return mark(ctx, mark_id, last_id, sent, tries, err);
}

/* The outbox's look, shared with the webhook sender; db is set at start. */
static struct tenant_outbox OUTBOX = {
	.sql_due = SQL_DUE,
	.who = "mail",
	.fail_event = "mail_outbox_failed",
	.arena_max = SENDER_ARENA,
	.send = send_row,
};

int
mail_start(struct db *db, const struct mail_config *cfg)
{
	char			 err[256];

	if (cfg->smtp_url == NULL || *cfg->smtp_url == '\0') {
		status_set(-1, "");
		return 0;
	}
	S.cfg = *cfg;
	if (cfg->password != NULL) {
		snprintf(S.password, sizeof(S.password), "%s", cfg->password);
		S.cfg.password = S.password;
	}
	if (S.cfg.tries < 1)
		S.cfg.tries = MAIL_TRIES_DEFAULT;
	if (S.cfg.retry < 1)
		S.cfg.retry = MAIL_RETRY_DEFAULT;
	if (S.cfg.poll < 1)
		S.cfg.poll = MAIL_POLL_DEFAULT;
	OUTBOX.db = db;
	/* Reported at start, and kept for the admin page; a relay that
	 * refuses now may take mail later, so the sender starts anyway. */
	if (mail_smtp_check(&S.cfg, err, sizeof(err)) == 0) {
		status_set(1, "ok");
		log_event("mail_ready", NULL);
	} else {
		status_set(0, err);
		log_event("mail_relay_refused", "error", err, NULL);
		fprintf(stderr, _("orden serve: the SMTP relay does not answer as it should (%s); e-mail waits in the outbox\n"),
		    err);
	}
	return periodic_start(&S.loop, tenant_outbox_run, &OUTBOX,
	    S.cfg.poll);
}

void
mail_stop(void)
{
	periodic_stop(&S.loop);
	sodium_memzero(S.password, sizeof(S.password));
}
