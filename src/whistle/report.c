/* report.c: taking a whistleblowing report. Validates, routes, makes the
 * case key, encrypts everything a person wrote, seals the key to the
 * handlers, the tenant recovery key and the reporter (or wraps it under a
 * receipt code), notifies the handlers with the number only, and commits.
 *
 * What the server holds in memory here (the plaintext, the case key) is
 * unavoidable without client-side crypto; it is wiped before returning. */
#include "whistle/wb_int.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

#include "audit/audit.h"
#include "authz/authz.h"
#include "ctx.h"
#include "i18n.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/log.h"

static const char SQL_COUNTER_NEXT[] =
    "INSERT INTO whistle_counters (tenant_id, year, last) VALUES ($1, $2, 1)"
    " ON CONFLICT (tenant_id, year) DO UPDATE SET last = whistle_counters.last + 1"
    " RETURNING last";
static const char SQL_CASE_INSERT[] =
    "INSERT INTO whistle_cases (tenant_id, number, procedure, state,"
    " reporter_category, anonymous, on_behalf_of_others, has_account, oral,"
    " meant_as_whistleblowing, received_at, ack_due_at, feedback_due_at,"
    " outcome, closed_at, content, recovery_sealed, updated_at)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,"
    " $15, $17, $16, $11) RETURNING id";	/* $17: empty until sealed */
static const char SQL_CASE_SECRETS[] =
    "UPDATE whistle_cases SET content = $3, reporter_sealed = $4,"
    " receipt_handle = $5, receipt_hash = $6, receipt_wrapped = $7"
    " WHERE tenant_id = $1 AND id = $2";

/* A text field: within max bytes; required ones not blank. */
static int
check_text(const char *s, size_t max, int required)
{
	if (required && wb_blank(s))
		return -1;
	return s == NULL || strlen(s) <= max ? 0 : -1;
}

static int
validate(struct ctx *ctx, const struct wb_report *r, const char **err)
{
	struct unit u;

	*err = NULL;
	if ((int)r->concerns < 0 || r->concerns >= WB_CONCERNS_MAX)
		*err = "concerns";
	else if ((int)r->reporter_category < 0 || r->reporter_category >= WB_REP_MAX)
		*err = "reporter_category";
	else if (check_text(r->what, WB_TEXT_MAX, 1) != 0)
		*err = "what";
	else if (check_text(r->why_censurable, WB_TEXT_MAX, 1) != 0)
		*err = "why_censurable";
	else if (check_text(r->involved, WB_TEXT_MAX, 0) != 0)
		*err = "involved";
	else if (check_text(r->when, WB_SHORT_MAX, 0) != 0)
		*err = "when";
	else if (check_text(r->where, WB_SHORT_MAX, 0) != 0)
		*err = "where";
	else if (check_text(r->accused_login, WB_SHORT_MAX, 0) != 0)
		*err = "accused_login";
	else if (check_text(r->accused_name, WB_SHORT_MAX, 0) != 0)
		*err = "accused_name";
	else if (check_text(r->reporter_name, WB_SHORT_MAX, 0) != 0)
		*err = "reporter_name";
	else if (check_text(r->reporter_contact, WB_SHORT_MAX, 0) != 0)
		*err = "reporter_contact";
	else if (check_text(r->direct_reason, WB_SHORT_MAX, 0) != 0)
		*err = "direct_reason";
	else if (wb_attach_check(r->attachments, r->nattachments) != 0)
		*err = "attachments";
	else if (!wb_blank(r->direct_to) && (r->concerns != WB_CONCERNS_EMPLOYEE ||
	    (strcmp(r->direct_to, "hr") != 0 && strcmp(r->direct_to, "finance") != 0)))
		*err = "direct_to";
	else if (!wb_blank(r->direct_to) && wb_blank(r->direct_reason))
		*err = "direct_reason";
	else if (r->unit_id < 0 || (r->unit_id > 0 &&
	    org_unit_get(ctx, r->unit_id, &u) != 0))
		*err = "unit_id";
	else if (r->oral && !authz_can(ctx, AZ_WB_REGISTER_ORAL, 0))
		*err = "oral";
	else if (r->accused_id < 0)
		*err = "accused_id";
	/* An accused_login that is nobody's is no error: that answer would
	 * tell anyone whether a login exists. */
	return *err != NULL ? WB_ERR_INVALID : 0;
}

static int
next_number(struct ctx *ctx, char out[32])
{
	struct dbstmt	*st;
	int64_t		 last;
	int		 rc, n, year = date_year(ctx->now);

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_COUNTER_NEXT,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, year);
	rc = db_step(st);
	last = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	n = snprintf(out, 32, "VA-%d-%04lld", year, (long long)last);
	return n > 0 && n < 32 ? 0 : DB_ERR;
}

/* A copy of the report with blank optional fields dropped and the fields
 * a reporter with an account does not type filled from the account. */
static void
normalise(const struct wb_report *in, struct wb_report *r)
{
	*r = *in;
	if (wb_blank(r->accused_login))
		r->accused_login = NULL;
	if (wb_blank(r->accused_name))
		r->accused_name = NULL;
	if (wb_blank(r->direct_to)) {
		r->direct_to = NULL;
		r->direct_reason = NULL;
	}
	if (wb_blank(r->when))
		r->when = NULL;
	if (wb_blank(r->where))
		r->where = NULL;
	if (wb_blank(r->involved))
		r->involved = NULL;
	/* Anonymous means anonymous, even if a name was typed. */
	if (r->anonymous) {
		r->reporter_name = NULL;
		r->reporter_contact = NULL;
	}
}

int
whistle_report(struct ctx *ctx, const struct wb_report *in,
    struct wb_receipt *out, const char **err_field)
{
	struct wb_report r;
	struct wb_content content;
	struct wb_route	 route;
	struct dbstmt	*st;
	struct buf	 enc, rwrap;
	unsigned char	 key[VAULT_KEY], pk[VAULT_PK], sealed[VAULT_SEALED];
	unsigned char	 rec_sealed[VAULT_SEALED];
	char		 handle[VAULT_HANDLE_LEN + 1], secret[VAULT_RECEIPT_MAX];
	char		 rhash[256], *msg;
	int64_t		 reporter_id, id = 0;
	size_t		 i;
	int		 rc, own = 0, account = 0, has_reporter_seal = 0;
	const char	*dummy;

	if (err_field == NULL)
		err_field = &dummy;
	*err_field = NULL;
	memset(out, 0, sizeof(*out));
	memset(&content, 0, sizeof(content));
	buf_init(&enc, 8 * WB_TEXT_MAX + 4096);
	buf_init(&rwrap, 1024);
	if (in == NULL)
		return WB_ERR_INVALID;
	if ((rc = validate(ctx, in, err_field)) != 0)
		goto out;
	normalise(in, &r);
	/* The person at the keyboard, for routing only (their unit, and they
	 * never handle their own report). An oral report is the reporter's,
	 * not the registering handler's. */
	reporter_id = ctx->user != NULL && !r.oral ? ctx->user->id : 0;
	account = reporter_id > 0 && !r.anonymous &&
	    vault_person_public(ctx, reporter_id, pk) == 0;
	if ((rc = whistle_route(ctx, &r, reporter_id, &route)) != 0) {
		if (rc == WB_ERR_INVALID)
			*err_field = !wb_blank(r.direct_to) && wb_blank(r.direct_reason) ?
			    "direct_reason" : "concerns";
		goto out;
	}
	if (route.n == 0) {
		rc = WB_ERR_NOHANDLER;
		goto out;
	}
	{
		unsigned char rpk[VAULT_PK];

		if (vault_recovery_public(ctx, rpk) != 0) {
			rc = WB_ERR_NORECOVERY;
			goto out;
		}
		vault_key_new(key);
		if (vault_seal(rpk, key, rec_sealed) != 0) {
			rc = DB_ERR;
			goto out;
		}
	}
	if (account) {
		if (vault_seal(pk, key, sealed) != 0) {
			rc = DB_ERR;
			goto out;
		}
		has_reporter_seal = 1;
		content.reporter_id = reporter_id;
		content.reporter_login = ctx->user->login;
		r.reporter_name = ctx->user->name;
		r.reporter_contact = ctx->user->email;
	} else {
		/* argon2id twice: done before the write lock is taken. */
		vault_receipt_new(out->code);
		if (vault_receipt_split(out->code, handle, secret, sizeof(secret)) != 0 ||
		    vault_receipt_hash(secret, rhash, sizeof(rhash)) != 0 ||
		    vault_receipt_wrap(secret, key, &rwrap) != 0) {
			rc = DB_ERR;
			goto out;
		}
	}
	/* Signed in but anonymous (or an oral report's registering handler
	 * is not the reporter, so nothing then): a tag under the case key lets
	 * later routing skip the reporter; their id is not stored. */
	if (reporter_id > 0 && !account) {
		if (wb_reporter_tag(key, reporter_id, content.rtag) != 0) {
			rc = DB_ERR;
			goto out;
		}
		content.has_rtag = 1;
	}
	content.accused_id = route.accused_id;
	content.unconfirmed = route.unconfirmed;
	if (route.accused_id > 0) {
		struct person p;

		r.accused_id = route.accused_id;
		/* Handlers see whom it concerns by name, also when picked. */
		if (r.accused_name == NULL &&
		    org_person_get(ctx, route.accused_id, &p) == 0)
			r.accused_name = p.name;
	}
	/* "Nearest leader" would tell every handler of an anonymous report
	 * which unit the reporter belongs to. */
	if (r.anonymous)
		for (i = 0; i < route.n; i++)
			if (strcmp(route.basis[i], "nearest_leader") == 0 ||
			    strcmp(route.basis[i], "leader_above") == 0)
				route.basis[i] = "leader";
	content.r = r;
	content.excluded = route.excluded;
	content.nexcluded = route.nexcluded;

	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		goto out;
	{
		struct wb_settings set;
		int other = r.reporter_category == WB_REP_OTHER;

		if ((rc = wb_settings_get(ctx, &set)) != 0 ||
		    (rc = next_number(ctx, out->number)) != 0 ||
		    (rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
		    SQL_CASE_INSERT, &st)) != DB_OK)
			goto end;
		db_bind_text(st, 2, out->number);
		db_bind_int(st, 3, route.procedure);
		db_bind_text(st, 4, wb_state_name(other ? WB_NOT_WHISTLEBLOWING :
		    WB_RECEIVED));
		db_bind_text(st, 5, wb_reporter_name(r.reporter_category));
		db_bind_int(st, 6, r.anonymous ? 1 : 0);
		db_bind_int(st, 7, r.on_behalf_of_others ? 1 : 0);
		db_bind_int(st, 8, account ? 1 : 0);
		db_bind_int(st, 9, r.oral ? 1 : 0);
		db_bind_int(st, 10, r.meant_as_whistleblowing ? 1 : 0);
		db_bind_int(st, 11, ctx->now);
		db_bind_int(st, 12, ctx->now + (int64_t)set.ack_days * WB_DAY);
		db_bind_int(st, 13, wb_add_months(ctx->now, 3));
		if (other) {
			db_bind_text(st, 14, "not_whistleblowing");
			db_bind_int(st, 15, ctx->now);
		} else {
			db_bind_null(st, 14);
			db_bind_null(st, 15);
		}
		db_bind_blob(st, 16, rec_sealed, sizeof(rec_sealed));
		/* Bound, not written x'': that is a bit string on PostgreSQL. */
		db_bind_blob(st, 17, "", 0);
		rc = db_step(st);
		id = rc == DB_ROW ? db_col_int(st, 0) : 0;
		db_reset(st);
		if (id <= 0) {
			rc = rc < 0 ? rc : DB_ERR;
			goto end;
		}
		/* The content is bound to the case id, known only now. */
		if ((rc = wb_content_seal(ctx, key, id, &content, &enc)) != 0 ||
		    (rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
		    SQL_CASE_SECRETS, &st)) != DB_OK)
			goto end;
		db_bind_int(st, 2, id);
		db_bind_blob(st, 3, enc.data, enc.len);
		if (has_reporter_seal) {
			db_bind_blob(st, 4, sealed, sizeof(sealed));
			db_bind_null(st, 5);
			db_bind_null(st, 6);
			db_bind_null(st, 7);
		} else {
			db_bind_null(st, 4);
			db_bind_text(st, 5, handle);
			db_bind_text(st, 6, rhash);
			db_bind_blob(st, 7, rwrap.data, rwrap.len);
		}
		rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE) {
			rc = rc < 0 ? rc : DB_ERR;
			goto end;
		}
		if ((rc = wb_attach_store(ctx, key, id, 1, in->attachments,
		    in->nattachments)) != 0)
			goto end;
		for (i = 0; i < route.n; i++)
			if ((rc = wb_handler_add(ctx, id, route.handlers[i],
			    route.basis[i], key)) < 0)
				goto end;
		/* The reporter is never the actor of an event (SECURITY.md):
		 * only a handler registering an oral report is named. */
		if ((rc = wb_event_add_as(ctx, r.oral ? ctx->user->id : 0, id, 0,
		    r.oral ? "received_oral" : "received", NULL, NULL)) != 0)
			goto end;
		if (other && (rc = wb_event_add_as(ctx, r.oral ? ctx->user->id : 0,
		    id, 0, "not_whistleblowing", key,
		    "reporter_category: other")) != 0)
			goto end;
		msg = arena_printf(ctx->arena, _("New whistleblowing case %s"),
		    out->number);
		for (i = 0; i < route.n && msg != NULL; i++)
			if ((rc = wb_notify(ctx, route.handlers[i], msg)) != 0)
				goto end;
		/* Only a registering handler is named; a reporter never is
		 * (the audit log is readable by admins). */
		if (!r.oral)
			rc = audit_append_as(ctx, 0, "whistle_received",
			    "whistle_case", id, NULL);
		else
			rc = audit_append(ctx, "whistle_received_oral",
			    "whistle_case", id, NULL);
		if (rc != 0)
			goto end;
		rc = 0;
	}
end:
	rc = db_tx_finish(ctx->conn, own, rc);
	if (rc == 0) {
		out->id = id;
		out->procedure = route.procedure;
	}
out:
	if (rc != 0)
		sodium_memzero(out, sizeof(*out));
	if (account)
		out->code[0] = '\0';
	sodium_memzero(key, sizeof(key));
	sodium_memzero(secret, sizeof(secret));
	if (enc.data != NULL)
		sodium_memzero(enc.data, enc.len);
	buf_free(&enc);
	buf_free(&rwrap);
	return rc;
}
