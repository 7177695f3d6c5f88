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
#include "i18n/i18n.h"
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
	if (required && text_blank(s))
		return -1;
	return s == NULL || strlen(s) <= max ? 0 : -1;
}

static int
validate(struct ctx *ctx, const struct wb_report *r, const char **err)
{
	struct unit	 u;
	const char	*canon;
	int		 rc;

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
	else if (check_text(r->accused_party, WB_SHORT_MAX, 0) != 0)
		*err = "accused_party";
	/* About an elected official, the accused's party decides who
	 * receives it (seeds/004 vedlegg 3 and 4). Asked unless the person
	 * was picked (from the search, or from the people list a signed-in
	 * reporter sees): whether a typed name matched must not change the
	 * answer (no oracle of who exists). */
	else if (r->concerns == WB_CONCERNS_ELECTED && r->accused_id <= 0 &&
	    (ctx->user == NULL || text_blank(r->accused_login)) &&
	    text_blank(r->accused_party))
		*err = "accused_party";
	else if (check_text(r->reporter_name, WB_SHORT_MAX, 0) != 0)
		*err = "reporter_name";
	else if (check_text(r->reporter_contact, WB_SHORT_MAX, 0) != 0)
		*err = "reporter_contact";
	else if (check_text(r->direct_reason, WB_SHORT_MAX, 0) != 0)
		*err = "direct_reason";
	else if (wb_attach_check(r->attachments, r->nattachments) != 0)
		*err = "attachments";
	else if (!text_blank(r->direct_to) && (r->concerns != WB_CONCERNS_EMPLOYEE ||
	    (strcmp(r->direct_to, "hr") != 0 && strcmp(r->direct_to, "finance") != 0)))
		*err = "direct_to";
	else if (!text_blank(r->direct_to) && text_blank(r->direct_reason))
		*err = "direct_reason";
	else if (r->unit_id < 0 || (r->unit_id > 0 &&
	    org_unit_get(ctx, r->unit_id, &u) != 0))
		*err = "unit_id";
	else if (r->oral && !authz_can(ctx, AZ_WB_REGISTER_ORAL, 0))
		*err = "oral";
	else if (r->accused_id < 0)
		*err = "accused_id";
	else if (r->concerns == WB_CONCERNS_ELECTED &&
	    !text_blank(r->accused_party) &&
	    (rc = wb_party_known(ctx, r->accused_party, &canon)) <= 0) {
		if (rc < 0)
			return rc;
		*err = "accused_party";
	}
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
	if (text_blank(r->accused_login))
		r->accused_login = NULL;
	if (text_blank(r->accused_name))
		r->accused_name = NULL;
	/* The party matters only about an elected official (a form sends
	 * its select whatever was chosen above it). */
	if (text_blank(r->accused_party) || r->concerns != WB_CONCERNS_ELECTED)
		r->accused_party = NULL;
	if (text_blank(r->direct_to)) {
		r->direct_to = NULL;
		r->direct_reason = NULL;
	}
	if (text_blank(r->when))
		r->when = NULL;
	if (text_blank(r->where))
		r->where = NULL;
	if (text_blank(r->involved))
		r->involved = NULL;
	/* Anonymous means anonymous, even if a name was typed. */
	if (r->anonymous) {
		r->reporter_name = NULL;
		r->reporter_contact = NULL;
	}
}

/* One report on its way in: what the steps below hand each other. The
 * key, the receipt secret and the sealed content are wiped by
 * whistle_report() on every path. */
struct intake {
	struct wb_report	 r;		/* normalised */
	struct wb_content	 content;
	struct wb_route		 route;
	struct buf		 enc, rwrap;
	unsigned char		 key[VAULT_KEY], pk[VAULT_PK];
	unsigned char		 sealed[VAULT_SEALED], rec_sealed[VAULT_SEALED];
	char			 handle[VAULT_HANDLE_LEN + 1];
	char			 secret[VAULT_RECEIPT_MAX], rhash[256];
	int64_t			 reporter_id;	/* routing only; 0: none */
	int64_t			 actor_id;	/* named in events/audit; 0 */
	int			 account;	/* sealed to the reporter */
	int			 other;		/* reporter category "other" */
};

/* Who is at the keyboard, for routing only (their unit, and they never
 * handle their own report), and whether the report is sealed to their
 * account. An oral report is the reporter's, not the registering
 * handler's; only that handler is ever named as an actor. */
static void
identify(struct ctx *ctx, struct intake *in)
{
	in->reporter_id = ctx->user != NULL && !in->r.oral ? ctx->user->id : 0;
	in->actor_id = in->r.oral && ctx->user != NULL ? ctx->user->id : 0;
	in->account = in->reporter_id > 0 && !in->r.anonymous &&
	    vault_person_public(ctx, in->reporter_id, in->pk) == 0;
	in->other = in->r.reporter_category == WB_REP_OTHER;
}

/* The handlers and the procedure; at least one handler. */
static int
route(struct ctx *ctx, struct intake *in, const char **err_field)
{
	int rc;

	if ((rc = whistle_route(ctx, &in->r, in->reporter_id, &in->route)) != 0) {
		if (rc == WB_ERR_INVALID)
			*err_field = !text_blank(in->r.direct_to) &&
			    text_blank(in->r.direct_reason) ? "direct_reason" :
			    in->r.concerns == WB_CONCERNS_ELECTED ?
			    "accused_party" : "concerns";
		return rc;
	}
	return in->route.n == 0 ? WB_ERR_NOHANDLER : 0;
}

/* A new case key, sealed to the tenant's recovery key and to the
 * reporter's account, or wrapped under a new receipt code (out->code). */
static int
seal(struct ctx *ctx, struct intake *in, struct wb_receipt *out)
{
	unsigned char rpk[VAULT_PK];

	if (vault_recovery_public(ctx, rpk) != 0)
		return WB_ERR_NORECOVERY;
	vault_key_new(in->key);
	if (vault_seal(rpk, in->key, in->rec_sealed) != 0)
		return DB_ERR;
	if (in->account) {
		if (vault_seal(in->pk, in->key, in->sealed) != 0)
			return DB_ERR;
		in->content.reporter_id = in->reporter_id;
		in->content.reporter_login = ctx->user->login;
		in->r.reporter_name = ctx->user->name;
		in->r.reporter_contact = ctx->user->email;
		return 0;
	}
	/* Signed in and not anonymous, but with no key to seal the case to
	 * (an API token of someone who has never signed in with a password,
	 * or a provider's login with the vault not yet opened): the case
	 * names them to its handlers, as they chose, and the receipt code
	 * below is their way to follow it, since their account cannot. */
	if (in->reporter_id > 0 && !in->r.anonymous) {
		in->r.reporter_name = ctx->user->name;
		if (ctx->user->email != NULL && !text_blank(ctx->user->email))
			in->r.reporter_contact = ctx->user->email;
	}
	/* argon2id twice: done before the write lock is taken. */
	vault_receipt_new(out->code);
	if (vault_receipt_split(out->code, in->handle, in->secret,
	    sizeof(in->secret)) != 0 ||
	    vault_receipt_hash(in->secret, in->rhash, sizeof(in->rhash)) != 0 ||
	    vault_receipt_wrap(in->secret, in->key, &in->rwrap) != 0)
		return DB_ERR;
	return 0;
}

/* The case's content as handlers will read it. */
static int
describe(struct ctx *ctx, struct intake *in)
{
	struct person	 p;
	size_t		 i;

	/* Signed in but anonymous (or an oral report's registering handler
	 * is not the reporter, so nothing then): a tag under the case key lets
	 * later routing skip the reporter; their id is not stored. */
	if (in->reporter_id > 0 && !in->account) {
		if (wb_reporter_tag(in->key, in->reporter_id, in->content.rtag) != 0)
			return DB_ERR;
		in->content.has_rtag = 1;
	}
	in->content.accused_id = in->route.accused_id;
	in->content.unconfirmed = in->route.unconfirmed;
	if (in->route.accused_id > 0) {
		in->r.accused_id = in->route.accused_id;
		/* Handlers see whom it concerns by name, also when picked. */
		if (in->r.accused_name == NULL &&
		    org_person_get(ctx, in->route.accused_id, &p) == 0)
			in->r.accused_name = p.name;
	}
	/* "Nearest leader" would tell every handler of an anonymous report
	 * which unit the reporter belongs to. */
	if (in->r.anonymous)
		for (i = 0; i < in->route.n; i++)
			if (strcmp(in->route.basis[i], "nearest_leader") == 0 ||
			    strcmp(in->route.basis[i], "leader_above") == 0)
				in->route.basis[i] = "leader";
	in->content.r = in->r;
	in->content.excluded = in->route.excluded;
	in->content.nexcluded = in->route.nexcluded;
	return 0;
}

/* The case row with its number and deadlines; *id set. In the caller's
 * transaction. */
static int
store_case(struct ctx *ctx, struct intake *in, struct wb_receipt *out,
    int64_t *id)
{
	struct wb_settings	 set;
	struct dbstmt		*st;
	int			 rc;

	if ((rc = wb_settings_get(ctx, &set)) != 0 ||
	    (rc = next_number(ctx, out->number)) != 0 ||
	    (rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_CASE_INSERT, &st)) != DB_OK)
		return rc;
	db_bind_text(st, 2, out->number);
	db_bind_int(st, 3, in->route.procedure);
	db_bind_text(st, 4, wb_state_name(in->other ? WB_NOT_WHISTLEBLOWING :
	    WB_RECEIVED));
	db_bind_text(st, 5, wb_reporter_name(in->r.reporter_category));
	db_bind_int(st, 6, in->r.anonymous ? 1 : 0);
	db_bind_int(st, 7, in->r.on_behalf_of_others ? 1 : 0);
	db_bind_int(st, 8, in->account ? 1 : 0);
	db_bind_int(st, 9, in->r.oral ? 1 : 0);
	db_bind_int(st, 10, in->r.meant_as_whistleblowing ? 1 : 0);
	db_bind_int(st, 11, ctx->now);
	db_bind_int(st, 12, ctx->now + (int64_t)set.ack_days * WB_DAY);
	db_bind_int(st, 13, wb_add_months(ctx->now, 3));
	if (in->other) {
		db_bind_text(st, 14, "not_whistleblowing");
		db_bind_int(st, 15, ctx->now);
	} else {
		db_bind_null(st, 14);
		db_bind_null(st, 15);
	}
	db_bind_blob(st, 16, in->rec_sealed, sizeof(in->rec_sealed));
	/* Bound, not written x'': that is a bit string on PostgreSQL. */
	db_bind_blob(st, 17, "", 0);
	rc = db_step(st);
	*id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (*id <= 0)
		return rc < 0 ? rc : DB_ERR;
	return 0;
}

/* The sealed content and the reporter's way back in (their account's
 * seal, or the receipt's handle, hash and wrapped key), bound to the case
 * id, known only now. */
static int
store_secrets(struct ctx *ctx, struct intake *in, int64_t id)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = wb_content_seal(ctx, in->key, id, &in->content, &in->enc)) != 0 ||
	    (rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_CASE_SECRETS, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	db_bind_blob(st, 3, in->enc.data, in->enc.len);
	if (in->account) {
		db_bind_blob(st, 4, in->sealed, sizeof(in->sealed));
		db_bind_null(st, 5);
		db_bind_null(st, 6);
		db_bind_null(st, 7);
	} else {
		db_bind_null(st, 4);
		db_bind_text(st, 5, in->handle);
		db_bind_text(st, 6, in->rhash);
		db_bind_blob(st, 7, in->rwrap.data, in->rwrap.len);
	}
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

/* Attachments, the handlers' key copies and the first events. */
static int
store_parts(struct ctx *ctx, struct intake *in, const struct wb_report *orig,
    int64_t id)
{
	size_t	i;
	int	rc;

	if ((rc = wb_attach_store(ctx, in->key, id, 1, orig->attachments,
	    orig->nattachments)) != 0)
		return rc;
	for (i = 0; i < in->route.n; i++)
		if ((rc = wb_handler_add(ctx, id, in->route.handlers[i],
		    in->route.basis[i], in->key)) < 0)
			return rc;
	/* The reporter is never the actor of an event (SECURITY.md):
	 * only a handler registering an oral report is named. */
	if ((rc = wb_event_add_as(ctx, in->actor_id, id, 0,
	    in->r.oral ? "received_oral" : "received", NULL, NULL)) != 0)
		return rc;
	if (in->other && (rc = wb_event_add_as(ctx, in->actor_id, id, 0,
	    "not_whistleblowing", in->key, "reporter_category: other")) != 0)
		return rc;
	return 0;
}

/* The handlers learn the number, nothing more. */
static int
notify(struct ctx *ctx, const struct intake *in, const char *number)
{
	char	*msg;
	size_t	 i;
	int	 rc;

	msg = arena_printf(ctx->arena, _("New whistleblowing case %s"), number);
	for (i = 0; i < in->route.n && msg != NULL; i++)
		if ((rc = wb_notify(ctx, in->route.handlers[i], msg)) != 0)
			return rc;
	return 0;
}

/* Only a registering handler is named; a reporter never is (the audit
 * log is readable by admins), and the reporter's row has only the day, not
 * the time, which would sit between their own rows if they are signed in. */
static int
audit(struct ctx *ctx, const struct intake *in, int64_t id)
{
	const char *action = in->r.oral ? "whistle_received_oral" :
	    "whistle_received";

	if (in->actor_id == 0)
		return audit_append_reporter(ctx, action, id);
	return audit_append_as(ctx, in->actor_id, action, "whistle_case", id,
	    NULL);
}

/* Everything that is written, in one transaction. */
static int
store(struct ctx *ctx, struct intake *in, const struct wb_report *orig,
    struct wb_receipt *out)
{
	int64_t	id = 0;
	int	rc, own = 0;

	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	if ((rc = store_case(ctx, in, out, &id)) == 0 &&
	    (rc = store_secrets(ctx, in, id)) == 0 &&
	    (rc = store_parts(ctx, in, orig, id)) == 0 &&
	    (rc = notify(ctx, in, out->number)) == 0)
		rc = audit(ctx, in, id);
	if ((rc = db_tx_finish(ctx->conn, own, rc)) == 0) {
		out->id = id;
		out->procedure = in->route.procedure;
	}
	return rc;
}

int
whistle_report(struct ctx *ctx, const struct wb_report *orig,
    struct wb_receipt *out, const char **err_field)
{
	struct intake	 intake, *in = &intake;
	const char	*dummy;
	int		 rc;

	if (err_field == NULL)
		err_field = &dummy;
	*err_field = NULL;
	memset(out, 0, sizeof(*out));
	if (orig == NULL)
		return WB_ERR_INVALID;
	memset(in, 0, sizeof(*in));
	buf_init(&in->enc, 8 * WB_TEXT_MAX + 4096);
	buf_init(&in->rwrap, 1024);
	if ((rc = validate(ctx, orig, err_field)) != 0)
		goto out;
	normalise(orig, &in->r);
	identify(ctx, in);
	if ((rc = route(ctx, in, err_field)) == 0 &&
	    (rc = seal(ctx, in, out)) == 0 &&
	    (rc = describe(ctx, in)) == 0)
		rc = store(ctx, in, orig, out);
out:
	if (rc != 0)
		sodium_memzero(out, sizeof(*out));
	if (in->account)
		out->code[0] = '\0';
	if (in->enc.data != NULL)
		sodium_memzero(in->enc.data, in->enc.len);
	buf_free(&in->enc);
	buf_free(&in->rwrap);
	sodium_memzero(in, sizeof(*in));
	return rc;
}
