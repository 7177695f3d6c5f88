/* actions.c: the handling state machine. Each action is allowed in some
 * states (allowed[] below, the one place that says which), checks its
 * input, changes the row, records an event and notifies, in one
 * transaction. Access is the gate's (gate.c, deviation_do). */
#include "deviation/deviation.h"

#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "deviation/counts.h"
#include "deviation/dev_int.h"
#include "store/store.h"
#include "store/store_vals.h"
#include "util/arena.h"
#include "util/buf.h"

#define S(x)	(1u << (x))
#define NOT_CLOSED	(S(DEV_NEW) | S(DEV_ACKNOWLEDGED) | S(DEV_RETURNED))

/* In which states each action is allowed. */
static const unsigned allowed[DA_MAX] = {
	[DA_ACKNOWLEDGE]	= S(DEV_NEW),
	[DA_TRANSFER]		= S(DEV_NEW) | S(DEV_ACKNOWLEDGED),
	[DA_RETURN]		= S(DEV_NEW) | S(DEV_ACKNOWLEDGED),
	[DA_RESUBMIT]		= S(DEV_RETURNED),
	[DA_CLASSIFY]		= NOT_CLOSED,
	[DA_ANALYSE]		= NOT_CLOSED,
	[DA_ADD_MEASURE]	= NOT_CLOSED,
	[DA_COMPLETE_MEASURE]	= NOT_CLOSED,
	[DA_CLOSE]		= S(DEV_NEW) | S(DEV_ACKNOWLEDGED),
	[DA_REOPEN]		= S(DEV_CLOSED),
	[DA_COMMENT]		= NOT_CLOSED | S(DEV_CLOSED),
	/* A notice sent is recorded whenever it was sent, also after the
	 * deviation was closed. */
	[DA_LEGAL_DONE]		= NOT_CLOSED | S(DEV_CLOSED),
	[DA_ASSIGN_MEASURE]	= NOT_CLOSED,
};

static const char SQL_ACK[] =
    "UPDATE deviations SET status = 'acknowledged', acknowledged_at = $3,"
    " updated_at = $3 WHERE tenant_id = $1 AND id = $2";
static const char SQL_TRANSFER[] =
    "UPDATE deviations SET status = 'new', unit_id = $3, handler_unit_id = $3,"
    " handler_role = NULL, updated_at = $4 WHERE tenant_id = $1 AND id = $2";
static const char SQL_RETURN[] =
    "UPDATE deviations SET status = 'returned', return_reason = $3,"
    " updated_at = $4 WHERE tenant_id = $1 AND id = $2";
static const char SQL_RESUBMIT[] =
    "UPDATE deviations SET status = 'new', title = $3, description = $4,"
    " category_id = $5, return_reason = NULL, updated_at = $6"
    " WHERE tenant_id = $1 AND id = $2";
static const char SQL_CLASSIFY[] =
    "UPDATE deviations SET category_id = $3, kind = $4, severity = $5,"
    " updated_at = $6 WHERE tenant_id = $1 AND id = $2";
static const char SQL_ANALYSE[] =
    "UPDATE deviations SET cause = $3, consequence = $4, updated_at = $5"
    " WHERE tenant_id = $1 AND id = $2";
static const char SQL_CLOSE[] =
    "UPDATE deviations SET status = 'closed', summary = $3, closed_at = $4,"
    " updated_at = $4 WHERE tenant_id = $1 AND id = $2";
static const char SQL_REOPEN[] =
    "UPDATE deviations SET status = 'acknowledged', closed_at = NULL,"
    " acknowledged_at = COALESCE(acknowledged_at, $3), updated_at = $3"
    " WHERE tenant_id = $1 AND id = $2";
static const char SQL_TOUCH[] =
    "UPDATE deviations SET updated_at = $3 WHERE tenant_id = $1 AND id = $2";
/* The values bound from $2 on (store/store_vals.h). */
#define BI(x)	DB_I(x)
#define BT(x)	DB_T(x)
#define BOPT(x)	DB_OPT(x)

static int
exec_bound(struct ctx *ctx, const char *sql, const struct db_val *v, size_t n)
{
	int rc;

	if ((rc = db_run_tenant(ctx->conn, ctx->tenant_id, sql, v, n)) != 0)
		return rc;
	/* Each statement here changes exactly one row; none is a bug. */
	return db_changes(ctx->conn) == 1 ? 0 : DB_ERR;
}
#define EXEC(ctx, sql, ...) \
	exec_bound((ctx), (sql), (const struct db_val[]){ __VA_ARGS__ }, \
	    sizeof((const struct db_val[]){ __VA_ARGS__ }) / sizeof(struct db_val))

/* A required text: present, not blank, not too long. */
static int
need_text(const char *s, const char *field, const char **err_field)
{
	if (dev_blank(s) || dev_utf8_len(s) > DEV_TEXT_MAX) {
		*err_field = field;
		return DEV_ERR_INVALID;
	}
	return 0;
}

static int64_t
actor(struct ctx *ctx)
{
	return ctx->user != NULL ? ctx->user->id : 0;
}

static int
notify_reporter(struct ctx *ctx, const struct deviation *d, const char *kind)
{
	if (d->reporter_id <= 0 || d->reporter_id == actor(ctx))
		return 0;
	return dev_notify(ctx, d->reporter_id, d->id, d->kind, kind, d->title);
}

/* An action that needs a text (return: the reason, close: the summary):
 * sql ($2 id, $3 the text, $4 now) changes the state, the event (public,
 * with the text) records it, and the reporter is told. */
static int
act_told(struct ctx *ctx, const struct deviation *d, const char *text,
    const char *field, const char **err_field, const char *sql,
    const char *event)
{
	int rc;

	if ((rc = need_text(text, field, err_field)) != 0 ||
	    (rc = EXEC(ctx, sql, BI(d->id), BT(text), BI(ctx->now))) != 0 ||
	    (rc = dev_event_add(ctx, d->id, event, 1, text, NULL)) != 0)
		return rc;
	return notify_reporter(ctx, d, event);
}

static int
act_transfer(struct ctx *ctx, const struct deviation *d,
    const struct dev_action_input *in, const char **err_field)
{
	char	 detail[64];
	int64_t	*ids;
	size_t	 n;
	int	 rc;

	if (in->unit_id <= 0 || dev_unit_parent_open(ctx, in->unit_id) < 0) {
		*err_field = "unit_id";
		return DEV_ERR_INVALID;
	}
	if ((rc = need_text(in->reason, "reason", err_field)) != 0)
		return rc;
	if ((rc = EXEC(ctx, SQL_TRANSFER, BI(d->id), BI(in->unit_id),
	    BI(ctx->now))) != 0)
		return rc;
	snprintf(detail, sizeof(detail), "from=%lld to=%lld",
	    (long long)d->unit_id, (long long)in->unit_id);
	if ((rc = dev_event_add(ctx, d->id, "transferred", 1, in->reason,
	    detail)) != 0)
		return rc;
	if ((rc = dev_handlers(ctx, in->unit_id, actor(ctx), &ids, &n)) != 0)
		return rc;
	if ((rc = dev_notify_many(ctx, ids, n, d->id, d->kind, "transferred",
	    d->title)) < 0)
		return rc;
	/* The receipt promises the reporter to hear of a transfer. */
	return notify_reporter(ctx, d, "transferred");
}

static int
act_resubmit(struct ctx *ctx, const struct deviation *d,
    const struct dev_action_input *in, const char **err_field)
{
	struct category	 cat;
	int64_t		 cat_id = d->category_id, *ids;
	size_t		 n;
	int		 rc;

	if (in->title != NULL && (dev_blank(in->title) ||
	    dev_utf8_len(in->title) > DEV_TITLE_MAX)) {
		*err_field = "title";
		return DEV_ERR_INVALID;
	}
	if (in->description != NULL &&
	    (rc = need_text(in->description, "description", err_field)) != 0)
		return rc;
	if (in->category != NULL && *in->category != '\0') {
		rc = dev_category_by_code(ctx, in->category, &cat);
		if (rc == DEV_ERR_NOTFOUND || (rc == 0 && !cat.active)) {
			*err_field = "category";
			return DEV_ERR_INVALID;
		}
		if (rc != 0)
			return rc;
		cat_id = cat.id;
	}
	if ((rc = EXEC(ctx, SQL_RESUBMIT, BI(d->id),
	    BT(in->title != NULL ? in->title : d->title),
	    BT(in->description != NULL ? in->description : d->description),
	    BOPT(cat_id), BI(ctx->now))) != 0)
		return rc;
	if ((rc = dev_legal_start(ctx, d->id, d->kind, cat_id, d->unit_id,
	    d->severity, d->personal_data, d->reported_at)) != 0)
		return rc;
	if ((rc = dev_event_add(ctx, d->id, "resubmitted", 1, in->reason,
	    NULL)) != 0)
		return rc;
	if ((rc = dev_handlers_for(ctx, d->handler_unit_id, d->handler_role,
	    actor(ctx), &ids, &n)) != 0)
		return rc;
	rc = dev_notify_many(ctx, ids, n, d->id, d->kind, "new",
	    in->title != NULL ? in->title : d->title);
	return rc < 0 ? rc : 0;
}

static int
act_classify(struct ctx *ctx, const struct deviation *d,
    const struct dev_action_input *in, const char **err_field)
{
	struct category	 cat;
	struct buf	 detail;
	enum dev_kind	 kind = d->kind;
	int64_t		 cat_id = d->category_id;
	const char	*code = d->category_code;
	int		 severity = d->severity, rc;

	if (in->category != NULL && *in->category != '\0') {
		rc = dev_category_by_code(ctx, in->category, &cat);
		if (rc == DEV_ERR_NOTFOUND || (rc == 0 && !cat.active)) {
			*err_field = "category";
			return DEV_ERR_INVALID;
		}
		if (rc != 0)
			return rc;
		cat_id = cat.id;
		code = cat.code;
	}
	if (in->kind != -1) {
		if (in->kind < 0 || in->kind >= DEV_KIND_MAX) {
			*err_field = "kind";
			return DEV_ERR_INVALID;
		}
		kind = (enum dev_kind)in->kind;
	}
	if (in->severity != 0) {
		if (in->severity < 1 || in->severity > 4) {
			*err_field = "severity";
			return DEV_ERR_INVALID;
		}
		severity = in->severity;
	}
	/* Nothing to change is a mistake the user should hear about; a
	 * deviation always has a category. */
	if ((cat_id == d->category_id && kind == d->kind &&
	    severity == d->severity) || (kind == DEV_DEVIATION && cat_id <= 0)) {
		*err_field = "category";
		return DEV_ERR_INVALID;
	}
	if (in->reason != NULL && dev_utf8_len(in->reason) > DEV_TEXT_MAX) {
		*err_field = "reason";
		return DEV_ERR_INVALID;
	}
	if ((rc = EXEC(ctx, SQL_CLASSIFY, BI(d->id), BOPT(cat_id),
	    BT(dev_kind_name(kind)), BOPT(severity), BI(ctx->now))) != 0)
		return rc;
	if ((rc = dev_legal_start(ctx, d->id, kind, cat_id, d->unit_id,
	    severity, d->personal_data, d->reported_at)) != 0)
		return rc;
	buf_init(&detail, 256);
	buf_printf(&detail, "category=%s kind=%s severity=%d",
	    code != NULL ? code : "-", dev_kind_name(kind), severity);
	rc = buf_failed(&detail) ? DB_ERR : dev_event_add(ctx, d->id,
	    "classified", 0, dev_blank(in->reason) ? NULL : in->reason,
	    buf_cstr(&detail));
	buf_free(&detail);
	return rc;
}

static int
act_analyse(struct ctx *ctx, const struct deviation *d,
    const struct dev_action_input *in, const char **err_field)
{
	const char	*cause = dev_blank(in->cause) ? NULL : in->cause;
	const char	*cons = dev_blank(in->consequence) ? NULL : in->consequence;
	int		 rc;

	if (cause == NULL && cons == NULL) {
		*err_field = "cause";
		return DEV_ERR_INVALID;
	}
	if (dev_utf8_len(cause) > DEV_TEXT_MAX) {
		*err_field = "cause";
		return DEV_ERR_INVALID;
	}
	if (dev_utf8_len(cons) > DEV_TEXT_MAX) {
		*err_field = "consequence";
		return DEV_ERR_INVALID;
	}
	if ((rc = EXEC(ctx, SQL_ANALYSE, BI(d->id),
	    BT(cause != NULL ? cause : d->cause),
	    BT(cons != NULL ? cons : d->consequence), BI(ctx->now))) != 0)
		return rc;
	/* The event keeps the cause as its text, the consequence as detail. */
	return dev_event_add(ctx, d->id, "analysed", 0, cause, cons);
}

static int
act_add_measure(struct ctx *ctx, const struct deviation *d,
    const struct dev_action_input *in, const char **err_field)
{
	struct person	 p;
	int64_t		 resp = 0;
	int		 rc;

	if ((rc = need_text(in->measure, "measure", err_field)) != 0)
		return rc;
	if (in->responsible_login != NULL && *in->responsible_login != '\0') {
		if (org_person_by_login(ctx, in->responsible_login, &p) != 0 ||
		    !p.active) {
			*err_field = "responsible_login";
			return DEV_ERR_INVALID;
		}
		resp = p.id;
	}
	if ((rc = measure_add(ctx, MS_DEVIATION, d->id, in->measure, resp,
	    in->due_at > 0 ? in->due_at : 0, NULL)) == MEASURE_ERR_DUE ||
	    rc == MEASURE_ERR_PAST) {
		*err_field = "due_at";
		return DEV_ERR_INVALID;
	}
	if (rc != 0)
		return rc;
	if ((rc = EXEC(ctx, SQL_TOUCH, BI(d->id), BI(ctx->now))) != 0)
		return rc;
	if ((rc = dev_event_add(ctx, d->id, "measure_added", 0, in->measure,
	    NULL)) != 0)
		return rc;
	if (resp > 0 && resp != actor(ctx))
		rc = dev_notify(ctx, resp, d->id, d->kind, "measure", d->title);
	return rc;
}

/* Another owner for a measure not done: the one named has left, or was
 * the wrong one. The history says the measure and whom it went to; the
 * new owner is told as when a measure is made for them. */
static int
act_assign_measure(struct ctx *ctx, const struct deviation *d,
    const struct dev_action_input *in, const char **err_field)
{
	struct measure	 m;
	struct person	 p;
	const char	*text;
	int		 rc;

	if (in->measure_id <= 0 || (rc = deviation_measure_get(ctx, d->id,
	    in->measure_id, &m)) == DEV_ERR_NOTFOUND || (rc == 0 &&
	    m.done_at != 0)) {
		*err_field = "measure_id";
		return DEV_ERR_INVALID;
	}
	if (rc != 0)
		return rc;
	if (in->responsible_login == NULL || *in->responsible_login == '\0' ||
	    org_person_by_login(ctx, in->responsible_login, &p) != 0 ||
	    !p.active) {
		*err_field = "responsible_login";
		return DEV_ERR_INVALID;
	}
	if (p.id == m.responsible_id)
		return 0;
	if ((rc = measure_set_owner(ctx, MS_DEVIATION, d->id, m.id, p.id)) != 0)
		return rc;
	if ((rc = EXEC(ctx, SQL_TOUCH, BI(d->id), BI(ctx->now))) != 0)
		return rc;
	/* The history names the measure and its new owner in one line, in
	 * no language: the timeline shows an event's text, not its detail. */
	if ((text = arena_printf(ctx->arena, "%s → %s", m.text, p.name)) == NULL)
		return DB_ERR;
	if ((rc = dev_event_add(ctx, d->id, "measure_assigned", 0, text,
	    NULL)) != 0)
		return rc;
	if (p.id != actor(ctx))
		rc = dev_notify(ctx, p.id, d->id, d->kind, "measure", d->title);
	return rc;
}

static int
act_complete_measure(struct ctx *ctx, const struct deviation *d,
    const struct dev_action_input *in, const char **err_field)
{
	struct measure	 m;
	const char	*text, *note;
	int64_t		*ids;
	size_t		 n;
	int		 rc;

	if (in->measure_id <= 0) {
		*err_field = "measure_id";
		return DEV_ERR_INVALID;
	}
	note = dev_blank(in->text) ? NULL : in->text;
	if (dev_utf8_len(note) > DEV_TEXT_MAX) {
		*err_field = "text";
		return DEV_ERR_INVALID;
	}
	rc = measure_get(ctx, MS_DEVIATION, d->id, in->measure_id, &m);
	if (rc == MEASURE_ERR_NOTFOUND) {
		*err_field = "measure_id";
		return DEV_ERR_INVALID;
	}
	if (rc != 0)
		return rc;
	if (m.status == MEASURE_DONE)
		return DEV_ERR_STATE;
	text = m.text;
	if ((rc = measure_complete(ctx, MS_DEVIATION, d->id, in->measure_id,
	    note)) != 0)
		return rc == MEASURE_ERR_STATE ? DEV_ERR_STATE : rc;
	if ((rc = EXEC(ctx, SQL_TOUCH, BI(d->id), BI(ctx->now))) != 0)
		return rc;
	/* The measure as text, the owner's note as detail. */
	if ((rc = dev_event_add(ctx, d->id, "measure_completed", 0, text,
	    note)) != 0)
		return rc;
	/* The leader who handles it is told (not the one who marked it). */
	if ((rc = dev_handlers_for(ctx, d->handler_unit_id, d->handler_role,
	    actor(ctx), &ids, &n)) != 0)
		return rc;
	rc = dev_notify_many(ctx, ids, n, d->id, d->kind, "measure_done", d->title);
	return rc < 0 ? rc : 0;
}

/* The handler records that an authority was notified: one of the
 * deviation's legal clocks not yet met (d->legal, read with it). Until
 * then the clock stays open on the page and in the yearly wheel. */
static int
act_legal_done(struct ctx *ctx, const struct deviation *d,
    const struct dev_action_input *in, const char **err_field)
{
	size_t	i;
	int	rc;

	for (i = 0; i < d->nlegal; i++)
		if (in->authority != NULL &&
		    strcmp(d->legal[i].authority, in->authority) == 0 &&
		    d->legal[i].done_at == 0)
			break;
	if (i == d->nlegal) {
		*err_field = "authority";
		return DEV_ERR_INVALID;
	}
	if ((rc = dev_legal_done(ctx, d->id, in->authority)) != 0 ||
	    (rc = EXEC(ctx, SQL_TOUCH, BI(d->id), BI(ctx->now))) != 0)
		return rc;
	return dev_event_add(ctx, d->id, "legal_done", 0, in->authority, NULL);
}

static int
act_apply(struct ctx *ctx, const struct deviation *d,
    const struct dev_action_input *in, const char **err_field)
{
	int rc;

	switch (in->action) {
	case DA_ACKNOWLEDGE:
		/* Public: the reporter was promised to hear that it is
		 * received and being handled. */
		if ((rc = EXEC(ctx, SQL_ACK, BI(d->id), BI(ctx->now))) != 0 ||
		    (rc = dev_event_add(ctx, d->id, "acknowledged", 1, NULL,
		    NULL)) != 0)
			return rc;
		return notify_reporter(ctx, d, "acknowledged");
	case DA_TRANSFER:
		return act_transfer(ctx, d, in, err_field);
	case DA_RETURN:
		return act_told(ctx, d, in->reason, "reason", err_field,
		    SQL_RETURN, "returned");
	case DA_RESUBMIT:
		return act_resubmit(ctx, d, in, err_field);
	case DA_CLASSIFY:
		return act_classify(ctx, d, in, err_field);
	case DA_ANALYSE:
		return act_analyse(ctx, d, in, err_field);
	case DA_ADD_MEASURE:
		return act_add_measure(ctx, d, in, err_field);
	case DA_COMPLETE_MEASURE:
		return act_complete_measure(ctx, d, in, err_field);
	case DA_CLOSE:
		return act_told(ctx, d, in->summary, "summary", err_field,
		    SQL_CLOSE, "closed");
	case DA_REOPEN:
		if ((rc = need_text(in->reason, "reason", err_field)) != 0 ||
		    (rc = EXEC(ctx, SQL_REOPEN, BI(d->id), BI(ctx->now))) != 0)
			return rc;
		/* The reporter was told it was closed, with what was
		 * learned: they hear that it is open again (the reason is
		 * on their page). */
		if ((rc = dev_event_add(ctx, d->id, "reopened", 1, in->reason,
		    NULL)) != 0)
			return rc;
		return notify_reporter(ctx, d, "reopened");
	case DA_LEGAL_DONE:
		return act_legal_done(ctx, d, in, err_field);
	case DA_ASSIGN_MEASURE:
		return act_assign_measure(ctx, d, in, err_field);
	case DA_COMMENT:
		if ((rc = need_text(in->text, "text", err_field)) != 0 ||
		    (rc = EXEC(ctx, SQL_TOUCH, BI(d->id), BI(ctx->now))) != 0)
			return rc;
		return dev_event_add(ctx, d->id, "comment", 0, in->text, NULL);
	case DA_MAX:
		break;
	}
	*err_field = "action";
	return DEV_ERR_INVALID;
}

int
dev_act_in_tx(struct ctx *ctx, const struct deviation *d,
    const struct dev_action_input *in, const char **err_field)
{
	struct dev_cell	before;
	int		rc;

	*err_field = NULL;
	if (in == NULL || (int)in->action < 0 || in->action >= DA_MAX) {
		*err_field = "action";
		return DEV_ERR_INVALID;
	}
	if ((allowed[in->action] & S(d->status)) == 0)
		return DEV_ERR_STATE;
	dev_cell_of(d, &before);
	rc = act_apply(ctx, d, in, err_field);
	/* Whatever the action changed, the kept counts follow (counts.h). */
	if (rc == 0)
		rc = dev_counts_moved(ctx, d->id, &before);
	return rc;
}

int
deviation_act(struct ctx *ctx, int64_t id, const struct dev_action_input *in,
    const char **err_field)
{
	struct deviation	 d;
	const char		*dummy;
	int			 rc, own;

	if (err_field == NULL)
		err_field = &dummy;
	*err_field = NULL;
	if (in == NULL || (int)in->action < 0 || in->action >= DA_MAX) {
		*err_field = "action";
		return DEV_ERR_INVALID;
	}
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	if ((rc = deviation_get(ctx, id, &d)) == 0)
		rc = dev_act_in_tx(ctx, &d, in, err_field);
	return db_tx_finish(ctx->conn, own, rc);
}
