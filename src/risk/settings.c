/* settings.c: the quality adviser's part of the gate — the words of the
 * score steps and the simplified templates (AZ_RISK_CONFIGURE, asked
 * tenant-wide). Called by risk_do inside its transaction, so each change
 * and its audit row are committed together or not at all. Someone who
 * may not see templates gets "not found" for one; someone who sees them
 * but does not keep them "forbidden"; only then is input checked. */
#include "risk/risk.h"

#include <string.h>

#include "audit/audit.h"
#include "authz/authz.h"
#include "ctx.h"
#include "org/org.h"
#include "risk/risk_int.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/text.h"

static const char SQL_WORDS_CLEAR[] =
    "DELETE FROM risk_scale_words WHERE tenant_id = $1";
static const char SQL_WORD_INSERT[] =
    "INSERT INTO risk_scale_words (tenant_id, axis, step, label, set_at,"
    " set_by) VALUES ($1, $2, $3, $4, $5, $6)";
static const char SQL_TPL_INSERT[] =
    "INSERT INTO risk_templates (tenant_id, name, unit_kind, created_at,"
    " created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id";
static const char SQL_TPL_RISK_INSERT[] =
    "INSERT INTO risk_template_risks (tenant_id, template_id, description,"
    " cause, consequence, barriers, probability, impact)"
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
static const char SQL_TPL_RISK_DELETE[] =
    "DELETE FROM risk_template_risks WHERE tenant_id = $1"
    " AND template_id = $2 AND id = $3 RETURNING id";

static int64_t
actor(const struct ctx *ctx)
{
	return ctx->user != NULL ? ctx->user->id : 0;
}

static int
set_scale(struct ctx *ctx, const struct risk_input *in,
    struct risk_result *out)
{
	struct dbstmt	*st;
	int		 a, i, rc;

	/* All ten or none: a scale with a gap would show a blank axis. */
	for (a = 0; a < RAX_MAX; a++)
		for (i = 0; i < RISK_SCALE; i++)
			if (text_blank(in->words[a][i]))
				return risk_invalid(out, arena_printf(ctx->arena,
				    "%s_%d", risk_axis_name((enum risk_axis)a),
				    i + 1));
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_WORDS_CLEAR,
	    &st)) != DB_OK || (rc = risk_run(st, NULL)) != 0)
		return rc;
	for (a = 0; a < RAX_MAX; a++)
		for (i = 0; i < RISK_SCALE; i++) {
			if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
			    SQL_WORD_INSERT, &st)) != DB_OK)
				return rc;
			db_bind_text(st, 2, risk_axis_name((enum risk_axis)a));
			db_bind_int(st, 3, i + 1);
			db_bind_text(st, 4, in->words[a][i]);
			db_bind_int(st, 5, ctx->now);
			risk_bind_opt_int(st, 6, actor(ctx));
			if ((rc = risk_run(st, NULL)) != 0)
				return rc;
		}
	return audit_append(ctx, "risk_scale_set", "risk_scale", 0, NULL);
}

static int
template_create(struct ctx *ctx, const struct risk_input *in,
    struct risk_result *out)
{
	struct dbstmt	*st;
	int		 rc;

	if (text_blank(in->name))
		return risk_invalid(out, "name");
	if (!text_blank(in->unit_kind) && !org_unit_kind_valid(in->unit_kind))
		return risk_invalid(out, "unit_kind");
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_TPL_INSERT,
	    &st)) != DB_OK)
		return rc;
	db_bind_text(st, 2, in->name);
	risk_bind_opt_text(st, 3, in->unit_kind);
	db_bind_int(st, 4, ctx->now);
	risk_bind_opt_int(st, 5, actor(ctx));
	if ((rc = risk_run(st, &out->id)) != 0)
		return rc;
	return audit_append(ctx, "risk_template_created", "risk_template",
	    out->id, in->name);
}

static int
template_add_risk(struct ctx *ctx, const struct risk_template *t,
    const struct risk_input *in, struct risk_result *out)
{
	struct dbstmt	*st;
	int64_t		 rid;
	int		 rc;

	if (text_blank(in->description))
		return risk_invalid(out, "description");
	if ((rc = risk_scores_ok(in, 1, out)) != 0)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_TPL_RISK_INSERT, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, t->id);
	risk_bind_risk(st, 3, in);
	if ((rc = risk_run(st, &rid)) != 0)
		return rc;
	out->id = t->id;
	return audit_append(ctx, "risk_template_risk_added", "risk_template",
	    t->id, arena_printf(ctx->arena, "risk %lld", (long long)rid));
}

static int
template_remove_risk(struct ctx *ctx, const struct risk_template *t,
    const struct risk_input *in, struct risk_result *out)
{
	struct dbstmt	*st;
	int64_t		 gone = 0;
	int		 rc;

	if (in->template_risk_id <= 0)
		return risk_invalid(out, "template_risk_id");
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_TPL_RISK_DELETE, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, t->id);
	db_bind_int(st, 3, in->template_risk_id);
	if ((rc = risk_run(st, &gone)) != 0)
		return rc;
	if (gone != in->template_risk_id)
		return risk_invalid(out, "template_risk_id");
	out->id = t->id;
	return audit_append(ctx, "risk_template_risk_removed", "risk_template",
	    t->id, arena_printf(ctx->arena, "risk %lld",
	    (long long)in->template_risk_id));
}

int
risk_settings_in_tx(struct ctx *ctx, int64_t id, const struct risk_input *in,
    struct risk_result *out)
{
	struct risk_template	t;
	int			rc;

	if (in->action == RK_TEMPLATE_ADD_RISK ||
	    in->action == RK_TEMPLATE_REMOVE_RISK) {
		if (!risk_templates_visible(ctx))
			return RISK_ERR_NOTFOUND;
		if ((rc = risk_template_get(ctx, id, &t)) != 0)
			return rc;
	}
	if (!authz_can(ctx, AZ_RISK_CONFIGURE, 0))
		return RISK_GATE_DENIED;
	if (in->bad_field != NULL)
		return risk_invalid(out, in->bad_field);
	switch (in->action) {
	case RK_SET_SCALE:
		return set_scale(ctx, in, out);
	case RK_TEMPLATE_CREATE:
		return template_create(ctx, in, out);
	case RK_TEMPLATE_ADD_RISK:
		return template_add_risk(ctx, &t, in, out);
	case RK_TEMPLATE_REMOVE_RISK:
		return template_remove_risk(ctx, &t, in, out);
	default:
		return risk_invalid(out, "action");
	}
}
