/* report.c: a new deviation or improvement proposal: validated, numbered
 * (AV-<year>-<6 digits>, improvement proposals FF-<year>-<6 digits>; one
 * counter per tenant and year), routed, given its deadlines
 * and legal clocks, announced to the handling leaders, in one transaction. */
#include "deviation/deviation.h"

#include <string.h>
#include <time.h>

#include "ctx.h"
#include "deviation/counts.h"
#include "deviation/dev_int.h"
#include "document/document.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/date.h"

static const char SQL_COUNTER_NEXT[] =
    "UPDATE deviation_counters SET last = last + 1"
    " WHERE tenant_id = $1 AND year = $2 RETURNING last";
static const char SQL_COUNTER_FIRST[] =
    "INSERT INTO deviation_counters (tenant_id, year, last) VALUES ($1, $2, 1)";
static const char SQL_DEV_INSERT[] =
    "INSERT INTO deviations (tenant_id, number, kind, title, description,"
    " category_id, unit_id, handler_unit_id, place, occurred_at, reported_at,"
    " reporter_id, severity, immediate_action, concerns_leader, personal_data,"
    " status, ack_due_at, due_at, updated_at, handler_role, document_id)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,"
    " $15, $16, 'new', $17, $18, $19, $20, $21)"
    " RETURNING id";

/* The next number of the tenant's year: AV-2026-000123 for a deviation,
 * FF-2026-000124 for an improvement proposal (forbedringsforslag); the two
 * share the year's counter, so a number is never given twice (arena). */
static int
dev_number_next(struct ctx *ctx, enum dev_kind kind, int64_t reported_at,
    const char **out)
{
	struct dbstmt	*st;
	int64_t		 year = date_year(reported_at), last = 0;
	int		 rc;

	/* In a batch, after its first report: no statement (numbers.c). */
	if ((last = dev_number_kept(ctx, year)) > 0)
		goto format;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_COUNTER_NEXT,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, year);
	rc = db_step(st);
	if (rc == DB_ROW)
		last = db_col_int(st, 0);
	/* Step to the end so the UPDATE is complete before the reset. */
	if (rc == DB_ROW)
		rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	if (last == 0) {
		if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
		    SQL_COUNTER_FIRST, &st)) != DB_OK)
			return rc;
		db_bind_int(st, 2, year);
		rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE)
			return rc < 0 ? rc : DB_ERR;
		last = 1;
	}
	dev_number_read(ctx, year, last);
format:
	*out = arena_printf(ctx->arena, "%s-%04lld-%06lld",
	    kind == DEV_IMPROVEMENT ? "FF" : "AV", (long long)year,
	    (long long)last);
	return *out != NULL ? 0 : DB_ERR;
}

/* Whether a chief executive leads unit l (their own unit: nobody above). */
static int
ce_leads(struct ctx *ctx, int64_t l)
{
	int64_t	*ce, *ld;
	size_t	 nce, nld, i, j;
	int	 rc;

	if ((rc = dev_role_holders(ctx, "chief_executive", 0, &ce, &nce)) != 0 ||
	    (rc = dev_role_holders(ctx, "leader", l, &ld, &nld)) != 0)
		return rc;
	for (i = 0; i < nce; i++)
		for (j = 0; j < nld; j++)
			if (ce[i] == ld[j])
				return 1;
	return 0;
}

/* Where a report is handled: its own unit, or for one that concerns the
 * leader, the unit of the nearest leader above the reporter's nearest
 * leader. At the top there is no leader above: when the leader it
 * concerns is the chief executive (or leads the root, or there is no
 * leader at all), it goes to the role the municipality chose
 * (dev_settings.top_route, *role) and stays in the concerned unit, whose
 * leaders and the chief executive are kept from it. With no leader above a
 * lower leader, the root, where the chief executive handles it.
 * *concerned: the unit whose leaders it is kept from (0: none). */
static int64_t
dev_route(struct ctx *ctx, int64_t unit_id, int concerns_leader,
    int64_t *concerned, const char **role)
{
	struct dev_settings	set;
	int64_t			l, above, root;
	int			rc;

	*concerned = 0;
	*role = NULL;
	if (!concerns_leader)
		return unit_id;
	if ((l = dev_nearest_led(ctx, unit_id, 0)) < 0)
		return l;
	if ((root = dev_unit_root(ctx, unit_id)) < 0)
		return root;
	*concerned = l;
	above = 0;
	if (l > 0 && (above = dev_nearest_led(ctx, l, 1)) < 0)
		return above;
	if (above > 0 && (rc = ce_leads(ctx, l)) <= 0) {
		if (rc < 0)
			return rc;
		return above;
	}
	if (l > 0 && l != root && (rc = ce_leads(ctx, l)) <= 0) {
		if (rc < 0)
			return rc;
		return root;
	}
	if ((rc = dev_settings_get(ctx, &set)) != 0)
		return rc;
	*role = set.top_route;
	return l > 0 ? l : root;
}

static int
opt_text_ok(const char *s, size_t max)
{
	return s == NULL || dev_utf8_len(s) <= max;
}

static int
validate(struct ctx *ctx, const struct dev_report *r, struct category *cat,
    int *has_cat, int64_t *doc_id, const char **err_field)
{
	struct document	doc;
	int		rc;

	*has_cat = 0;
	if ((int)r->kind < 0 || r->kind >= DEV_KIND_MAX) {
		*err_field = "kind";
		return DEV_ERR_INVALID;
	}
	if (dev_blank(r->title) || dev_utf8_len(r->title) > DEV_TITLE_MAX) {
		*err_field = "title";
		return DEV_ERR_INVALID;
	}
	if (dev_blank(r->description) ||
	    dev_utf8_len(r->description) > DEV_TEXT_MAX) {
		*err_field = "description";
		return DEV_ERR_INVALID;
	}
	if (r->category != NULL && *r->category != '\0') {
		rc = dev_category_by_code(ctx, r->category, cat);
		if (rc == DEV_ERR_NOTFOUND || (rc == 0 && !cat->active)) {
			*err_field = "category";
			return DEV_ERR_INVALID;
		}
		if (rc != 0)
			return rc;
		*has_cat = 1;
	} else if (r->kind == DEV_DEVIATION) {
		*err_field = "category";
		return DEV_ERR_INVALID;
	}
	/* The same one statement as before: a closed unit reads as none. */
	if (r->unit_id <= 0 || dev_unit_parent_open(ctx, r->unit_id) < 0) {
		*err_field = "unit_id";
		return DEV_ERR_INVALID;
	}
	if (r->occurred_at < 0 ||
	    r->occurred_at > (r->reported_at ? r->reported_at : ctx->now) +
	    DEV_CLOCK_SKEW) {
		*err_field = "occurred_at";
		return DEV_ERR_INVALID;
	}
	if (r->severity < 0 || r->severity > 4) {
		*err_field = "severity";
		return DEV_ERR_INVALID;
	}
	if (!opt_text_ok(r->place, DEV_PLACE_MAX)) {
		*err_field = "place";
		return DEV_ERR_INVALID;
	}
	if (!opt_text_ok(r->immediate_action, DEV_TEXT_MAX)) {
		*err_field = "immediate_action";
		return DEV_ERR_INVALID;
	}
	if (r->reported_at < 0) {
		*err_field = "reported_at";
		return DEV_ERR_INVALID;
	}
	/* The document module finds it by the municipality's ID, as the
	 * reporter may read it (an import has no user: the operator's file
	 * may name any document); only its id is kept here. */
	*doc_id = 0;
	if (r->document != NULL && *r->document != '\0') {
		rc = ctx->user != NULL ? document_by_code(ctx, r->document, &doc) :
		    document_load_code(ctx, r->document, &doc);
		if (rc == DOC_ERR_NOTFOUND) {
			*err_field = "document";
			return DEV_ERR_INVALID;
		}
		if (rc != 0)
			return rc;
		*doc_id = doc.id;
	}
	return 0;
}

/* Tell the handlers; never the reporter, nor (when it concerns the leader)
 * the leader it concerns: if that leaves nobody, the chief executive. */
static int
notify_new(struct ctx *ctx, int64_t id, enum dev_kind kind, int64_t handler,
    const char *role, int64_t reporter, int64_t concerned, const char *title)
{
	int64_t	*ids;
	size_t	 n;
	int	 rc;

	if (ctx->notify_quiet)
		return 0;	/* nobody to tell: no need to look for them */
	if (role != NULL) {
		if ((rc = dev_top_handlers(ctx, role, handler, reporter, &ids,
		    &n)) != 0)
			return rc;
		return dev_notify_many(ctx, ids, n, id, kind, "new", title);
	}
	if ((rc = dev_handlers(ctx, handler, reporter, &ids, &n)) != 0 ||
	    (rc = dev_drop_leaders(ctx, concerned, ids, &n)) != 0)
		return rc;
	if (n == 0 && concerned > 0) {
		if ((rc = dev_role_holders(ctx, "chief_executive", 0, &ids, &n)) != 0 ||
		    (rc = dev_drop_leaders(ctx, concerned, ids, &n)) != 0)
			return rc;
	}
	return dev_notify_many(ctx, ids, n, id, kind, "new", title);
}

int
dev_report_check(struct ctx *ctx, const struct dev_report *r,
    struct dev_report_pre *pre, const char **err_field)
{
	const char *dummy;

	if (err_field == NULL)
		err_field = &dummy;
	*err_field = NULL;
	memset(pre, 0, sizeof(*pre));
	return validate(ctx, r, &pre->cat, &pre->has_cat, &pre->doc_id,
	    err_field);
}

/* The report written in ctx's transaction (joined or its own), checked
 * here first when pre is NULL. */
static int
report(struct ctx *ctx, const struct dev_report *r,
    const struct dev_report_pre *pre, struct deviation *out,
    const char **err_field)
{
	struct dev_report_pre	 mine;
	struct category		 cat;
	struct dev_settings	 set;
	struct dbstmt		*st;
	const char		*number, *dummy, *role;
	int64_t			 reported_at, reporter, handler, concerned, id = 0;
	int64_t			 ack_due, due, doc_id = 0;
	struct dev_cell		 cell;
	int			 rc, own, has_cat, nlegal;
	/* A proposal has no consequence: a form that hid the field still
	 * sends what was picked before the kind changed. */
	int			 severity = r->kind == DEV_IMPROVEMENT ? 0 :
	    r->severity;

	if (err_field == NULL)
		err_field = &dummy;
	*err_field = NULL;
	memset(out, 0, sizeof(*out));
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	if (pre == NULL) {
		if ((rc = dev_report_check(ctx, r, &mine, err_field)) != 0)
			goto out;
		pre = &mine;
	}
	cat = pre->cat;
	has_cat = pre->has_cat;
	doc_id = pre->doc_id;
	reported_at = r->reported_at > 0 ? r->reported_at : ctx->now;
	reporter = r->reporter_id > 0 ? r->reporter_id :
	    (ctx->user != NULL ? ctx->user->id : 0);

	if (r->kind == DEV_IMPROVEMENT || !has_cat) {
		if ((rc = dev_settings_get(ctx, &set)) != 0)
			goto out;
		ack_due = reported_at + (int64_t)set.improvement_ack_hours * 3600;
		due = reported_at + (int64_t)set.improvement_close_days * 86400;
	} else {
		ack_due = reported_at + (int64_t)cat.ack_hours * 3600;
		due = reported_at + (int64_t)cat.close_days * 86400;
	}
	if ((handler = dev_route(ctx, r->unit_id, r->concerns_leader,
	    &concerned, &role)) <= 0) {
		rc = handler < 0 ? (int)handler : DB_ERR;
		goto out;
	}
	if (r->number != NULL)
		number = r->number;
	else if ((rc = dev_number_next(ctx, r->kind, reported_at, &number)) != 0)
		goto out;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_DEV_INSERT,
	    &st)) != DB_OK)
		goto out;
	db_bind_text(st, 2, number);
	db_bind_text(st, 3, dev_kind_name(r->kind));
	db_bind_text(st, 4, r->title);
	db_bind_text(st, 5, r->description);
	if (has_cat)
		db_bind_int(st, 6, cat.id);
	else
		db_bind_null(st, 6);
	db_bind_int(st, 7, r->unit_id);
	db_bind_int(st, 8, handler);
	db_bind_text(st, 9, (r->place != NULL && *r->place != '\0') ? r->place : NULL);
	if (r->occurred_at > 0)
		db_bind_int(st, 10, r->occurred_at);
	else
		db_bind_null(st, 10);
	db_bind_int(st, 11, reported_at);
	if (reporter > 0)
		db_bind_int(st, 12, reporter);
	else
		db_bind_null(st, 12);
	if (severity > 0)
		db_bind_int(st, 13, severity);
	else
		db_bind_null(st, 13);
	db_bind_text(st, 14, (r->immediate_action != NULL &&
	    *r->immediate_action != '\0') ? r->immediate_action : NULL);
	db_bind_int(st, 15, r->concerns_leader ? 1 : 0);
	db_bind_int(st, 16, r->personal_data ? 1 : 0);
	db_bind_int(st, 17, ack_due);
	db_bind_int(st, 18, due);
	db_bind_int(st, 19, ctx->now);
	db_bind_text(st, 20, role);
	if (doc_id > 0)
		db_bind_int(st, 21, doc_id);
	else
		db_bind_null(st, 21);
	rc = db_step(st);
	if (rc == DB_ROW) {
		id = db_col_int(st, 0);
		rc = 0;
	} else
		rc = rc < 0 ? rc : DB_ERR;
	db_reset(st);
	if (rc != 0)
		goto out;

	if ((nlegal = dev_legal_start_cat(ctx, id, r->kind, has_cat ? &cat :
	    NULL, r->unit_id, severity, r->personal_data, reported_at)) < 0) {
		rc = nlegal;
		goto out;
	}
	if ((rc = dev_event_add(ctx, id, "created", 1, NULL, NULL)) != 0)
		goto out;
	/* The cell of the values just written: the row is not read back. */
	if (dev_cell_make(dev_kind_name(r->kind), "new", r->unit_id, handler,
	    has_cat ? cat.id : 0, reported_at, 0, &cell) != 0) {
		rc = DB_ERR;
		goto out;
	}
	if ((rc = dev_counts_added(ctx, &cell)) != 0)
		goto out;

	if ((rc = notify_new(ctx, id, r->kind, handler, role, reporter,
	    concerned, r->title)) < 0)
		goto out;
	rc = 0;
	out->id = id;
	out->number = number;
	out->kind = r->kind;
	out->title = r->title;
	out->description = r->description;
	out->category_id = has_cat ? cat.id : 0;
	out->category_code = has_cat ? cat.code : NULL;
	out->category_name = has_cat ? cat.name : NULL;
	out->category_safety = has_cat && cat.safety_rep;
	out->unit_id = r->unit_id;
	out->handler_unit_id = handler;
	out->handler_role = role;
	out->place = (r->place != NULL && *r->place != '\0') ? r->place : NULL;
	out->occurred_at = r->occurred_at > 0 ? r->occurred_at : 0;
	out->reported_at = reported_at;
	out->reporter_id = reporter > 0 ? reporter : 0;
	out->severity = severity > 0 ? severity : 0;
	out->immediate_action = (r->immediate_action != NULL &&
	    *r->immediate_action != '\0') ? r->immediate_action : NULL;
	out->concerns_leader = r->concerns_leader ? 1 : 0;
	out->personal_data = r->personal_data ? 1 : 0;
	out->status = DEV_NEW;
	out->ack_due_at = ack_due;
	out->due_at = due;
	out->document_id = doc_id;
	out->overdue = dev_is_overdue(out, ctx->now);
	/* Read only when a clock started: their order is the list's. */
	if (nlegal > 0)
		rc = dev_legal_list(ctx, id, &out->legal, &out->nlegal);
out:
	if (rc != 0)
		memset(out, 0, sizeof(*out));
	return db_tx_finish(ctx->conn, own, rc);
}

int
deviation_report(struct ctx *ctx, const struct dev_report *r,
    struct deviation *out, const char **err_field)
{
	return report(ctx, r, NULL, out, err_field);
}

int
dev_report_checked(struct ctx *ctx, const struct dev_report *r,
    const struct dev_report_pre *pre, struct deviation *out,
    const char **err_field)
{
	return report(ctx, r, pre, out, err_field);
}
