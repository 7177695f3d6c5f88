/* util.c: the small pieces the whistle files share: transactions that
 * join the caller's, person lists, role holders, settings, loading a case's
 * metadata, events, messages, notifications and the read audit. */
#include "whistle/wb_int.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

#include "audit/audit.h"
#include "ctx.h"
#include "notify/notify.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "util/date.h"
#include "whistle/wb_authz.h"

static const char SQL_IS_HANDLER[] =
    "SELECT 1 FROM whistle_handlers WHERE tenant_id = $1 AND case_id = $2"
    " AND person_id = $3 AND recused_at IS NULL";
static const char SQL_SETTINGS[] =
    "SELECT ack_days, remind_ack_days, remind_feedback_days"
    " FROM whistle_settings WHERE tenant_id = $1";
static const char SQL_CASE_LOAD[] =
    "SELECT id, number, procedure, state, reporter_category, anonymous,"
    " on_behalf_of_others, has_account, oral, meant_as_whistleblowing,"
    " received_at, ack_due_at, feedback_due_at, acknowledged_at, closed_at,"
    " outcome, archive_ref, exemption_basis, council_required, accused_heard"
    " FROM whistle_cases WHERE tenant_id = $1 AND id = $2";
static const char SQL_EVENT_INSERT[] =
    "INSERT INTO whistle_events (tenant_id, case_id, at, created_at, actor_id,"
    " type, body) VALUES ($1, $2, $3, $4, $5, $6, $7)";
static const char SQL_MESSAGE_INSERT[] =
    "INSERT INTO whistle_messages (tenant_id, case_id, at, from_reporter,"
    " author_id, body) VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_CURRENT_HANDLERS[] =
    "SELECT person_id FROM whistle_handlers WHERE tenant_id = $1"
    " AND case_id = $2 AND recused_at IS NULL ORDER BY person_id";

int
wb_list_has(const struct wb_list *l, int64_t id)
{
	unsigned char	tag[32];
	size_t		i;
	int		hit;

	for (i = 0; l != NULL && i < l->n; i++)
		if (l->v[i] == id)
			return 1;
	if (l == NULL || l->rtag == NULL || l->tag_key == NULL || id <= 0)
		return 0;
	if (wb_reporter_tag(l->tag_key, id, tag) != 0)
		return 1;	/* cannot tell: skip rather than risk it */
	hit = sodium_memcmp(tag, l->rtag, sizeof(tag)) == 0;
	sodium_memzero(tag, sizeof(tag));
	return hit;
}

int
wb_barred(struct ctx *ctx, int64_t person_id)
{
	return org_wb_barred(ctx, person_id);
}

int
wb_list_add(struct ctx *ctx, struct wb_list *l, int64_t id, const char *basis)
{
	int64_t		 *nv;
	const char	**nb;
	size_t		  ncap;

	if (id <= 0 || wb_list_has(l, id))
		return 0;
	if (l->n == l->cap) {
		ncap = l->cap ? l->cap * 2 : 8;
		nv = arena_alloc(ctx->arena, ncap * sizeof(*nv));
		nb = arena_alloc(ctx->arena, ncap * sizeof(*nb));
		if (nv == NULL || nb == NULL)
			return -1;
		if (l->n > 0) {
			memcpy(nv, l->v, l->n * sizeof(*nv));
			memcpy(nb, l->basis, l->n * sizeof(*nb));
		}
		l->v = nv;
		l->basis = nb;
		l->cap = ncap;
	}
	l->v[l->n] = id;
	l->basis[l->n] = basis;
	l->n++;
	return 1;
}

int
whistle_is_handler(struct ctx *ctx, int64_t case_id, int64_t person_id)
{
	struct dbstmt	*st;
	int		 rc;

	if (ctx == NULL || case_id <= 0 || person_id <= 0)
		return 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_IS_HANDLER,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, case_id);
	db_bind_int(st, 3, person_id);
	rc = db_step(st);
	db_reset(st);
	if (rc == DB_ROW)
		return 1;
	return rc == DB_DONE ? 0 : rc;
}

int
wb_role_holders(struct ctx *ctx, enum role role, int64_t unit_id,
    int64_t **ids, const char ***party, size_t *n)
{
	size_t	i, k;
	int	rc, adm;

	if ((rc = org_role_holders(ctx, role, unit_id, ids, party, n)) != 0)
		return rc;
	/* An account that holds admin never handles a case, whatever other
	 * role it has (issue 10), nor one on the hold after someone else reset
	 * its password: drop them here, the one source of routing. */
	for (i = k = 0; i < *n; i++) {
		if ((adm = wb_barred(ctx, (*ids)[i])) < 0)
			return adm;
		if (adm)
			continue;
		(*ids)[k] = (*ids)[i];
		if (party != NULL)
			(*party)[k] = (*party)[i];
		k++;
	}
	*n = k;
	return 0;
}

const char *
wb_person_party(struct ctx *ctx, int64_t person_id)
{
	struct person p;

	if (person_id <= 0 || org_person_get(ctx, person_id, &p) != 0)
		return NULL;
	return p.party != NULL && !text_blank(p.party) ? p.party : NULL;
}

int
wb_settings_get(struct ctx *ctx, struct wb_settings *s)
{
	struct dbstmt	*st;
	int		 rc;

	s->ack_days = 7;
	s->remind_ack_days = 2;
	s->remind_feedback_days = 14;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_SETTINGS,
	    &st)) != DB_OK)
		return rc;
	if ((rc = db_step(st)) == DB_ROW) {
		s->ack_days = (int)db_col_int(st, 0);
		s->remind_ack_days = (int)db_col_int(st, 1);
		s->remind_feedback_days = (int)db_col_int(st, 2);
	}
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : rc;
}

/* Calendar months on the municipality's calendar ("within 3 months" of
 * the regulations), a day past the month's end running on the way a person
 * would count it (util/date.h). */
int64_t
wb_add_months(int64_t t, int months)
{
	return date_add_months(t, months);
}

int
wb_state_code(const char *s)
{
	enum wb_state st;

	return wb_state_parse(s, &st) == 0 ? (int)st : -1;
}

int
wb_case_load(struct ctx *ctx, int64_t id, struct wb_case *c)
{
	struct dbstmt	*st;
	enum wb_reporter rep;
	int		 rc, s;

	memset(c, 0, sizeof(*c));
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_CASE_LOAD,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	if ((rc = db_step(st)) != DB_ROW) {
		db_reset(st);
		return rc == DB_DONE ? WB_ERR_NOTFOUND : rc;
	}
	c->id = db_col_int(st, 0);
	c->number = arena_strdup(ctx->arena, db_col_text(st, 1));
	c->procedure = (int)db_col_int(st, 2);
	s = wb_state_code(db_col_text(st, 3));
	c->state = s < 0 ? WB_RECEIVED : (enum wb_state)s;
	c->reporter_category = wb_reporter_parse(db_col_text(st, 4), &rep) == 0 ?
	    rep : WB_REP_OTHER;
	c->anonymous = (int)db_col_int(st, 5);
	c->on_behalf_of_others = (int)db_col_int(st, 6);
	c->has_account = (int)db_col_int(st, 7);
	c->oral = (int)db_col_int(st, 8);
	c->meant_as_whistleblowing = (int)db_col_int(st, 9);
	c->received_at = db_col_int(st, 10);
	c->ack_due_at = db_col_int(st, 11);
	c->feedback_due_at = db_col_int(st, 12);
	c->acknowledged_at = db_col_is_null(st, 13) ? 0 : db_col_int(st, 13);
	c->closed_at = db_col_is_null(st, 14) ? 0 : db_col_int(st, 14);
	c->outcome = arena_strdup(ctx->arena, db_col_text(st, 15));
	c->archive_ref = arena_strdup(ctx->arena, db_col_text(st, 16));
	c->exemption_basis = arena_strdup(ctx->arena, db_col_text(st, 17));
	c->council_required = (int)db_col_int(st, 18);
	c->accused_heard = (int)db_col_int(st, 19);
	db_reset(st);
	return c->number != NULL ? 0 : DB_ERR;
}

int
wb_event_add(struct ctx *ctx, int64_t case_id, int64_t at, const char *type,
    const unsigned char *key, const char *text)
{
	return wb_event_add_as(ctx, ctx->user != NULL ? ctx->user->id : 0,
	    case_id, at, type, key, text);
}

int
wb_event_add_as(struct ctx *ctx, int64_t actor_id, int64_t case_id, int64_t at,
    const char *type, const unsigned char *key, const char *text)
{
	struct dbstmt	*st;
	struct buf	 b;
	int		 rc;

	buf_init(&b, 2 * WB_TEXT_MAX + 1024);
	if (text != NULL && key != NULL &&
	    (rc = wb_encrypt(key, case_id, type, text, &b)) != 0)
		goto out;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_EVENT_INSERT,
	    &st)) != DB_OK)
		goto out;
	db_bind_int(st, 2, case_id);
	db_bind_int(st, 3, at > 0 ? at : ctx->now);
	db_bind_int(st, 4, ctx->now);
	if (actor_id > 0)
		db_bind_int(st, 5, actor_id);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, type);
	if (b.len > 0)
		db_bind_blob(st, 7, b.data, b.len);
	else
		db_bind_null(st, 7);
	rc = db_step(st);
	db_reset(st);
	rc = rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
out:
	buf_free(&b);
	return rc;
}

int
wb_message_add(struct ctx *ctx, int64_t case_id, int from_reporter,
    const unsigned char key[VAULT_KEY], const char *text)
{
	struct dbstmt	*st;
	struct buf	 b;
	int		 rc;

	buf_init(&b, 2 * WB_TEXT_MAX + 1024);
	if ((rc = wb_encrypt(key, case_id, "message", text, &b)) != 0)
		goto out;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_MESSAGE_INSERT,
	    &st)) != DB_OK)
		goto out;
	db_bind_int(st, 2, case_id);
	db_bind_int(st, 3, ctx->now);
	db_bind_int(st, 4, from_reporter ? 1 : 0);
	/* The reporter is never named, even when logged in. */
	if (!from_reporter && ctx->user != NULL)
		db_bind_int(st, 5, ctx->user->id);
	else
		db_bind_null(st, 5);
	db_bind_blob(st, 6, b.data, b.len);
	rc = db_step(st);
	db_reset(st);
	rc = rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
out:
	buf_free(&b);
	return rc;
}

int
wb_notify(struct ctx *ctx, int64_t person_id, const char *text)
{
	return notify_send(ctx, person_id, 0, "whistle", text);
}

int
wb_case_ids(struct ctx *ctx, const char *sql, int64_t case_id, int64_t *ids,
    size_t max, size_t *n)
{
	struct dbstmt	*st;
	int		 rc;

	*n = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, case_id);
	while ((rc = db_step(st)) == DB_ROW && *n < max)
		ids[(*n)++] = db_col_int(st, 0);
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

int
wb_notify_handlers(struct ctx *ctx, int64_t case_id, const char *text)
{
	int64_t		 ids[64];
	size_t		 n = 0, i;
	int		 rc;

	if ((rc = wb_case_ids(ctx, SQL_CURRENT_HANDLERS, case_id, ids,
	    sizeof(ids) / sizeof(ids[0]), &n)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = wb_notify(ctx, ids[i], text)) != 0)
			return rc;
	return (int)n;
}

int
wb_audit_read(struct ctx *ctx, int64_t case_id, int as_reporter)
{
	int		 rc;

	/* A view opens the case, its events and its attachments, each of
	 * which reads content: one row per view (per request), not per part. */
	if (ctx->wb_read_audited == case_id && case_id != 0)
		return 0;
	/* A reporter reading their own case is never named, nor timed
	 * closer than the day (audit_append_reporter). */
	if (as_reporter || ctx->user == NULL)
		rc = audit_append_reporter(ctx, "whistle_read", case_id);
	else
		rc = audit_append_as(ctx, ctx->user->id, "whistle_read",
		    "whistle_case", case_id, NULL);
	if (rc == 0)
		ctx->wb_read_audited = case_id;
	return rc;
}
