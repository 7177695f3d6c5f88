/* act.c: what a handler does to a case, and the state machine:
 *
 *   received --acknowledge--> acknowledged --investigate--> investigating
 *   investigating --conclude (after accused_heard)--> concluded
 *   concluded --archive--> (archive_ref set) --close--> closed
 *   received | acknowledged --not_whistleblowing--> not_whistleblowing
 *
 * Every action but declare_impartial and recuse needs the handler's
 * declaration of impartiality first (WB_ERR_LOCKED). Texts are encrypted
 * under the case key; the audit records the action's name only. */
#include "whistle/wb_int.h"

#include <sodium.h>
#include <string.h>

#include "audit/audit.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "util/arena.h"

/* Shown to the reporter. Norwegian on purpose: this is the municipality's
 * letter to the reporter, in the language of the case, whatever the
 * handler's interface language. Closing says this and nothing more
 * (seeds/004: never the consequences). */
static const char CLOSED_NOTICE[] = "Saken er avsluttet.";
static const char ACK_NOTICE[] =
    "Varselet er mottatt. Det blir behandlet etter kommunens"
    " varslingsrutiner, og du får beskjed når saken er avsluttet.";
#define DEFAULT_EXEMPTION "Offl. § 13 jf. fvl. § 13"
#define STEP_SKEW 300	/* a step may be dated this far ahead (clock skew) */

static const char SQL_IMPARTIAL[] =
    "UPDATE whistle_handlers SET impartial_at = $4 WHERE tenant_id = $1"
    " AND case_id = $2 AND person_id = $3 AND recused_at IS NULL"
    " AND impartial_at IS NULL";
static const char SQL_RECUSE[] =
    "UPDATE whistle_handlers SET recused_at = $4, sealed_key = NULL"
    " WHERE tenant_id = $1 AND case_id = $2 AND person_id = $3"
    " AND recused_at IS NULL";
static const char SQL_SET_REROUTE[] =
    "UPDATE whistle_cases SET reroute = 1, updated_at = $3"
    " WHERE tenant_id = $1 AND id = $2";
static const char SQL_SET_STATE[] =
    "UPDATE whistle_cases SET state = $3, updated_at = $4,"
    " acknowledged_at = CASE WHEN $3 = 'acknowledged' THEN $4 ELSE acknowledged_at END,"
    " closed_at = CASE WHEN $3 IN ('closed', 'not_whistleblowing') THEN $4 ELSE closed_at END,"
    " outcome = COALESCE($5, outcome)"
    " WHERE tenant_id = $1 AND id = $2";
static const char SQL_SET_HEARD[] =
    "UPDATE whistle_cases SET accused_heard = 1, updated_at = $3"
    " WHERE tenant_id = $1 AND id = $2";
static const char SQL_SET_COUNCIL[] =
    "UPDATE whistle_cases SET council_required = $3, updated_at = $4"
    " WHERE tenant_id = $1 AND id = $2";
static const char SQL_SET_FORWARDED[] =
    "UPDATE whistle_cases SET forwarded = 1, updated_at = $3"
    " WHERE tenant_id = $1 AND id = $2 AND forwarded = 0";
static const char SQL_SET_ARCHIVE[] =
    "UPDATE whistle_cases SET archive_ref = $3, exemption_basis = $4,"
    " updated_at = $5 WHERE tenant_id = $1 AND id = $2";

/* Run one of the UPDATEs above: $1 tenant, $2 case, then ints/texts. */
static int
run(struct ctx *ctx, const char *sql, int64_t id, const char *t3,
    int64_t i3, const char *t4, int64_t i4, int nargs)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	if (nargs >= 1) {
		if (t3 != NULL)
			db_bind_text(st, 3, t3);
		else
			db_bind_int(st, 3, i3);
	}
	if (nargs >= 2) {
		if (t4 != NULL)
			db_bind_text(st, 4, t4);
		else
			db_bind_int(st, 4, i4);
	}
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

static int
set_state(struct ctx *ctx, int64_t id, enum wb_state s, const char *outcome)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_SET_STATE,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	db_bind_text(st, 3, wb_state_name(s));
	db_bind_int(st, 4, ctx->now);
	db_bind_text(st, 5, outcome);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

static int
handler_update(struct ctx *ctx, const char *sql, int64_t id)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, ctx->user->id);
	db_bind_int(st, 4, ctx->now);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

static int
text_ok(const char *s, size_t max)
{
	return !text_blank(s) && strlen(s) <= max;
}

/* Add handlers found by a rule after intake; never the excluded, accused,
 * reporter or anyone who handles or handled it. Returns how many. */
static int
add_more(struct ctx *ctx, int64_t id, const struct wb_case *meta,
    const struct wb_content *c, enum role role, const char *basis,
    const char *not_party, const unsigned char key[VAULT_KEY])
{
	struct wb_list	 skip, add;
	char		*msg;
	size_t		 i;
	int		 rc, added = 0;

	memset(&add, 0, sizeof(add));
	if ((rc = wb_skip_list(ctx, id, c, key, &skip)) != 0)
		return rc;
	if ((rc = wb_add_role(ctx, role, basis, &skip, NULL, not_party, &add)) < 0)
		return rc;
	msg = arena_printf(ctx->arena, _("New whistleblowing case %s"), meta->number);
	for (i = 0; i < add.n; i++) {
		if ((rc = wb_handler_add(ctx, id, add.v[i], add.basis[i], key)) < 0)
			return rc;
		if (rc == 1) {
			added++;
			if (msg != NULL && (rc = wb_notify(ctx, add.v[i], msg)) != 0)
				return rc;
		}
	}
	return added;
}

static int
forwarded(struct ctx *ctx, int64_t id)
{
	static const char sql[] =
	    "SELECT forwarded FROM whistle_cases WHERE tenant_id = $1 AND id = $2";
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	rc = db_step(st) == DB_ROW ? (int)db_col_int(st, 0) : DB_ERR;
	db_reset(st);
	return rc;
}

static int
needs_key(enum wb_action a)
{
	return a != WA_DECLARE_IMPARTIAL && a != WA_RECUSE && a != WA_INVESTIGATE &&
	    a != WA_ARCHIVE;
}

/* Input checks that need no state: err names the field. */
static int
check_input(const struct wb_action_input *in, const char **err)
{
	switch (in->action) {
	case WA_RECUSE:
		if (in->reason != NULL && strlen(in->reason) > WB_SHORT_MAX)
			*err = "reason";
		break;
	case WA_NOT_WHISTLEBLOWING:
		if (!text_ok(in->reason, WB_SHORT_MAX))
			*err = "reason";
		break;
	case WA_LOG_STEP:
		if (in->kind == NULL || (strcmp(in->kind, "investigation") != 0 &&
		    strcmp(in->kind, "care") != 0))
			*err = "kind";
		else if (!text_ok(in->text, WB_TEXT_MAX))
			*err = "text";
		break;
	case WA_ACCUSED_HEARD:
	case WA_MESSAGE:
		if (!text_ok(in->text, WB_TEXT_MAX))
			*err = "text";
		break;
	case WA_ACKNOWLEDGE:
		if (in->text != NULL && strlen(in->text) > WB_TEXT_MAX)
			*err = "text";
		break;
	case WA_DECIDE:
		if (in->decision == NULL ||
		    (strcmp(in->decision, "administrative") != 0 &&
		    strcmp(in->decision, "personal_conduct") != 0))
			*err = "decision";
		break;
	case WA_CONCLUDE:
		if (!text_ok(in->report, WB_TEXT_MAX))
			*err = "report";
		else if (!text_ok(in->conclusion, WB_TEXT_MAX))
			*err = "conclusion";
		else if (in->outcome == NULL ||
		    (strcmp(in->outcome, "substantiated") != 0 &&
		    strcmp(in->outcome, "partly") != 0 &&
		    strcmp(in->outcome, "not_substantiated") != 0))
			*err = "outcome";
		break;
	case WA_SET_ACCUSED:
		if (in->person_id < 0 || (in->person_id == 0 &&
		    !text_ok(in->accused_name, WB_SHORT_MAX)))
			*err = in->person_id < 0 ? "person_id" : "accused_name";
		break;
	case WA_ADD_COHANDLER:
	case WA_REMOVE_COHANDLER:
		if (in->person_id <= 0)
			*err = "person_id";
		else if (!text_ok(in->reason, WB_SHORT_MAX))
			*err = "reason";
		break;
	case WA_ARCHIVE:
		if (!text_ok(in->archive_ref, WB_SHORT_MAX))
			*err = "archive_ref";
		else if (in->exemption_basis != NULL &&
		    strlen(in->exemption_basis) > WB_SHORT_MAX)
			*err = "exemption_basis";
		break;
	default:
		break;
	}
	return *err != NULL ? WB_ERR_INVALID : 0;
}

/* May the action run in the case's state? */
static int
state_allows(const struct wb_case *m, enum wb_action a)
{
	enum wb_state s = m->state;

	switch (a) {
	case WA_ACKNOWLEDGE:
		return s == WB_RECEIVED;
	case WA_NOT_WHISTLEBLOWING:
		return s == WB_RECEIVED || s == WB_ACKNOWLEDGED;
	case WA_INVESTIGATE:
		return s == WB_ACKNOWLEDGED;
	case WA_LOG_STEP:
	case WA_ACCUSED_HEARD:
		return s == WB_INVESTIGATING;
	case WA_CONCLUDE:
		return s == WB_INVESTIGATING && m->accused_heard;
	case WA_ARCHIVE:
		return s == WB_CONCLUDED;
	case WA_CLOSE:
		return s == WB_CONCLUDED && m->archive_ref != NULL &&
		    !text_blank(m->archive_ref);
	case WA_DECIDE:
		return m->procedure == 2 && s != WB_CONCLUDED && s != WB_CLOSED &&
		    s != WB_NOT_WHISTLEBLOWING;
	case WA_FORWARD:
		return m->procedure == 3 && s != WB_CONCLUDED && s != WB_CLOSED &&
		    s != WB_NOT_WHISTLEBLOWING;
	case WA_SET_ACCUSED:
		return s != WB_CLOSED;
	case WA_ADD_COHANDLER:
	case WA_REMOVE_COHANDLER:
		return m->procedure == 1 && s != WB_CLOSED &&
		    s != WB_NOT_WHISTLEBLOWING;
	case WA_MESSAGE:
		/* Someone who reported on behalf of others is not a party:
		 * they get the receipt and the closing notice, nothing more. */
		return s != WB_CLOSED && !m->on_behalf_of_others;
	default:
		return 1;
	}
}

static const char SQL_COHANDLER[] =
    "SELECT 1 FROM whistle_handlers WHERE tenant_id = $1 AND case_id = $2"
    " AND person_id = $3 AND recused_at IS NULL AND basis = 'hr_cohandler'";

int
wb_cohandler_pool(struct ctx *ctx, int64_t id, const struct wb_content *c,
    const unsigned char *key, struct wb_list *hr)
{
	struct wb_list	skip;
	int		rc;

	memset(hr, 0, sizeof(*hr));
	if ((rc = wb_skip_list(ctx, id, c, key, &skip)) != 0)
		return rc;
	if ((rc = wb_add_role(ctx, ROLE_HR, "hr", &skip, NULL, NULL, hr)) < 0 ||
	    (rc = wb_add_role(ctx, ROLE_HR_HEAD, "hr", &skip, NULL, NULL, hr)) < 0)
		return rc;
	return 0;
}

/* Procedure 1, vedlegg 1: the leader may involve HR. Only someone holding
 * hr or hr_head (never an admin: wb_role_holders leaves them out), never
 * the accused, an excluded person, the reporter or a former handler. */
static int
cohandler_add(struct ctx *ctx, int64_t id, const struct wb_case *meta,
    const struct wb_content *c, const unsigned char *key,
    const struct wb_action_input *in, const char **err)
{
	struct wb_list	 hr;
	char		*msg;
	int		 rc;

	if ((rc = wb_cohandler_pool(ctx, id, c, key, &hr)) != 0)
		return rc;
	if (!wb_list_has(&hr, in->person_id)) {
		*err = "person_id";
		return WB_ERR_INVALID;
	}
	if ((rc = wb_handler_add(ctx, id, in->person_id, "hr_cohandler", key)) < 0)
		return rc;
	if (rc == 0) {
		*err = "person_id";
		return WB_ERR_INVALID;
	}
	msg = arena_printf(ctx->arena, _("New whistleblowing case %s"), meta->number);
	if (msg != NULL && (rc = wb_notify(ctx, in->person_id, msg)) != 0)
		return rc;
	return wb_event_add(ctx, id, 0, "cohandler_added", key, in->reason);
}

static int
cohandler_remove(struct ctx *ctx, int64_t id, const unsigned char *key,
    const struct wb_action_input *in, const char **err)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_COHANDLER,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, id);
	db_bind_int(st, 3, in->person_id);
	rc = db_step(st);
	db_reset(st);
	if (rc == DB_DONE) {
		*err = "person_id";
		return WB_ERR_INVALID;
	}
	if (rc != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	if ((rc = wb_handler_remove(ctx, id, in->person_id)) != 0)
		return rc;
	return wb_event_add(ctx, id, 0, "cohandler_removed", key, in->reason);
}

static int
do_action(struct ctx *ctx, int64_t id, const struct wb_case *meta,
    struct wb_content *c, const unsigned char *key,
    const struct wb_action_input *in, const char **err)
{
	int	rc = 0;
	int64_t	at;

	switch (in->action) {
	case WA_DECLARE_IMPARTIAL:
		if (meta->my_impartiality)
			return 0;
		if ((rc = handler_update(ctx, SQL_IMPARTIAL, id)) == 0)
			rc = wb_event_add(ctx, id, 0, "impartial", NULL, NULL);
		return rc;
	case WA_RECUSE:
		if ((rc = handler_update(ctx, SQL_RECUSE, id)) != 0 ||
		    (rc = wb_event_add(ctx, id, 0, "recused", key,
		    key != NULL && !text_blank(in->reason) ? in->reason : NULL)) != 0)
			return rc;
		if (meta->state == WB_CLOSED || meta->state == WB_NOT_WHISTLEBLOWING)
			return 0;
		/* Routed on now if the key is at hand; otherwise at the next
		 * visit of a handler who holds it, or by the recovery key. */
		if ((rc = run(ctx, SQL_SET_REROUTE, id, NULL, ctx->now, NULL, 0, 1)) != 0)
			return rc;
		return key != NULL ? (wb_reroute(ctx, id, key) < 0 ? DB_ERR : 0) : 0;
	case WA_ACKNOWLEDGE:
		if ((rc = set_state(ctx, id, WB_ACKNOWLEDGED, NULL)) == 0 &&
		    (rc = wb_event_add(ctx, id, 0, "acknowledged", NULL, NULL)) == 0)
			rc = wb_message_add(ctx, id, 0, key,
			    !text_blank(in->text) ? in->text : ACK_NOTICE);
		return rc;
	case WA_NOT_WHISTLEBLOWING:
		if ((rc = set_state(ctx, id, WB_NOT_WHISTLEBLOWING,
		    "not_whistleblowing")) == 0)
			rc = wb_event_add(ctx, id, 0, "not_whistleblowing", key,
			    in->reason);
		return rc;
	case WA_INVESTIGATE:
		if ((rc = set_state(ctx, id, WB_INVESTIGATING, NULL)) == 0)
			rc = wb_event_add(ctx, id, 0, "investigating", NULL, NULL);
		return rc;
	case WA_LOG_STEP:
		at = in->step_at > 0 ? in->step_at : ctx->now;
		if (at > ctx->now + STEP_SKEW || at < meta->received_at - 366 * WB_DAY)
			return WB_ERR_INVALID;
		return wb_event_add(ctx, id, at, strcmp(in->kind, "care") == 0 ?
		    "step_care" : "step_investigation", key, in->text);
	case WA_ACCUSED_HEARD:
		if ((rc = run(ctx, SQL_SET_HEARD, id, NULL, ctx->now, NULL, 0, 1)) == 0)
			rc = wb_event_add(ctx, id, 0, "accused_heard", key, in->text);
		return rc;
	case WA_DECIDE:
		if ((rc = run(ctx, SQL_SET_COUNCIL, id, NULL,
		    in->council_required ? 1 : 0, NULL, ctx->now, 2)) != 0 ||
		    (rc = wb_event_add(ctx, id, 0, "decided", key, in->decision)) != 0)
			return rc;
		/* Administrative: the administration handles it (HR); personal
		 * conduct: formannskap. The chief executive stays excluded. */
		if (strcmp(in->decision, "administrative") == 0)
			rc = add_more(ctx, id, meta, c, ROLE_HR_HEAD, "hr_head", NULL, key);
		else
			rc = add_more(ctx, id, meta, c, ROLE_FORMANNSKAP, "formannskap",
			    NULL, key);
		return rc < 0 ? rc : 0;
	case WA_FORWARD: {
		const char *party = wb_person_party(ctx, c->accused_id);

		/* Nobody confirmed: the party the reporter said. */
		if (party == NULL && c->accused_id <= 0)
			party = c->r.accused_party;

		if ((rc = forwarded(ctx, id)) != 0)
			return rc < 0 ? rc : WB_ERR_STATE;
		if ((rc = run(ctx, SQL_SET_FORWARDED, id, NULL, ctx->now, NULL, 0,
		    1)) != 0 ||
		    (rc = wb_event_add(ctx, id, 0, "forwarded", NULL, NULL)) != 0)
			return rc;
		/* Every member of the accused's party steps aside (vedlegg 3),
		 * judged by the party the accused has now. */
		rc = add_more(ctx, id, meta, c, ROLE_FORMANNSKAP, "formannskap",
		    party, key);
		return rc < 0 ? rc : 0;
	}
	case WA_CONCLUDE:
		if ((rc = set_state(ctx, id, WB_CONCLUDED, in->outcome)) == 0 &&
		    (rc = wb_event_add(ctx, id, 0, "report", key, in->report)) == 0)
			rc = wb_event_add(ctx, id, 0, "conclusion", key, in->conclusion);
		return rc;
	case WA_ARCHIVE:
		{
			struct dbstmt *st;

			if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
			    SQL_SET_ARCHIVE, &st)) != DB_OK)
				return rc;
			db_bind_int(st, 2, id);
			db_bind_text(st, 3, in->archive_ref);
			db_bind_text(st, 4, !text_blank(in->exemption_basis) ?
			    in->exemption_basis : DEFAULT_EXEMPTION);
			db_bind_int(st, 5, ctx->now);
			rc = db_step(st);
			db_reset(st);
			if (rc != DB_DONE)
				return rc < 0 ? rc : DB_ERR;
		}
		return wb_event_add(ctx, id, 0, "archived", NULL, NULL);
	case WA_CLOSE:
		if ((rc = set_state(ctx, id, WB_CLOSED, NULL)) == 0 &&
		    (rc = wb_event_add(ctx, id, 0, "closed", NULL, NULL)) == 0)
			rc = wb_message_add(ctx, id, 0, key, CLOSED_NOTICE);
		return rc;
	case WA_MESSAGE:
		return wb_message_add(ctx, id, 0, key, in->text);
	case WA_SET_ACCUSED:
		return wb_set_accused(ctx, id, meta, c, key, in->person_id,
		    in->accused_name, err);
	case WA_ADD_COHANDLER:
		return cohandler_add(ctx, id, meta, c, key, in, err);
	case WA_REMOVE_COHANDLER:
		return cohandler_remove(ctx, id, key, in, err);
	default:
		return WB_ERR_INVALID;
	}
}

int
whistle_act(struct ctx *ctx, int64_t id, const unsigned char sk[VAULT_SK],
    const struct wb_action_input *in, const char **err_field)
{
	struct wb_case		 meta;
	struct wb_content	 c;
	unsigned char		 key[VAULT_KEY];
	const char		*dummy;
	int			 rc, own = 0, have_key = 0;

	if (err_field == NULL)
		err_field = &dummy;
	*err_field = NULL;
	memset(&c, 0, sizeof(c));
	if (in == NULL || (int)in->action < 0 || in->action >= WA_MAX) {
		*err_field = "action";
		return WB_ERR_INVALID;
	}
	if ((rc = whistle_case_get(ctx, id, &meta)) != 0)
		return rc;
	if ((rc = check_input(in, err_field)) != 0)
		return rc;
	if (in->action != WA_DECLARE_IMPARTIAL && in->action != WA_RECUSE &&
	    !meta.my_impartiality)
		return WB_ERR_LOCKED;
	if (!state_allows(&meta, in->action))
		return WB_ERR_STATE;
	/* The key: required for actions that write or route on content;
	 * taken when available for the rest (to seal to co-handlers and
	 * finish a pending recusal). */
	if (sk != NULL && wb_handler_key(ctx, id, sk, key) == 0)
		have_key = 1;
	if (needs_key(in->action) && !have_key)
		return WB_ERR_LOCKED;
	if (have_key) {
		if ((rc = wb_content_open(ctx, key, id, &c)) != 0)
			goto out;
		if (wb_content_excludes(&c, ctx->user->id)) {
			rc = WB_ERR_NOTFOUND;
			goto out;
		}
	}
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		goto out;
	rc = do_action(ctx, id, &meta, &c, have_key ? key : NULL, in, err_field);
	if (rc == WB_ERR_INVALID && in->action == WA_LOG_STEP)
		*err_field = "step_at";
	if (rc == 0 && have_key && in->action != WA_RECUSE &&
	    ((rc = wb_seal_missing(ctx, id, key)) >= 0))
		rc = wb_reroute(ctx, id, key);
	if (rc >= 0)
		rc = audit_append(ctx, "whistle_act", "whistle_case", id,
		    wb_action_name(in->action));
	rc = db_tx_finish(ctx->conn, own, rc < 0 ? rc : 0);
out:
	sodium_memzero(key, sizeof(key));
	return rc;
}
