/* close.c: closing (legge ned) a unit into a receiving one: a merge of
 * two units is closing one into the other. The gate asks authz/ first,
 * then refuses what would break the tree or mean nothing (the top, the
 * unit itself or one under it, a unit already closed, a receiving unit
 * that is closed), then makes the whole change in one transaction, each
 * module moving its own rows through its own function:
 *
 *   - the units right under it move under the receiving unit (their
 *     subtrees in unit_ancestors with them, org_unit_update);
 *   - people whose home unit it was get the receiving unit;
 *   - role grants held for it are ended (the receiving unit's own
 *     holders take over); who held what is handed back so that the
 *     page can say it and the administrator can grant it again there;
 *   - open deviations and proposals move as a transfer moves them
 *     (deviation_unit_closed), their measures with them; risk
 *     assessments (risk_unit_closed) and the documents that applied to
 *     it (document_unit_closed), the yearly wheel's tasks of the unit
 *     (wheel_unit_closed) and an identity provider's unit for new people
 *     (sso_unit_closed) too;
 *   - the unit is marked closed (closed_at, closed_into) and stays in the
 *     tree, so that closed cases, their history and the statistics keep
 *     it; it is no longer offered for new reports, transfers, grants,
 *     people or units (org_unit_parent_open and the checks below);
 *   - one audit row "unit_close" says what moved, beside the rows of the
 *     moves themselves (unit_update, role_revoke).
 *
 * Whistleblowing cases are routed to people when they arrive
 * (whistle_handlers), not to units, so an open case keeps its handlers;
 * a new report from someone of the closed unit now starts from the
 * receiving unit (their home unit), and one naming the closed unit walks
 * up past it, since its leaders' grants are ended. Nothing of whistle/'s
 * moves. */
#include "org/org.h"

#include <stdio.h>
#include <string.h>

#include "audit/audit.h"
#include "authz/authz.h"
#include "ctx.h"
#include "deviation/deviation.h"
#include "document/document.h"
#include "i18n/i18n.h"
#include "org/org_int.h"
#include "risk/risk.h"
#include "sso/sso.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "store/store_vals.h"
#include "util/arena.h"
#include "util/buf.h"
#include "wheel/wheel.h"

static const char SQL_CHILDREN[] =
    "SELECT id, name FROM units WHERE tenant_id = $1 AND parent_id = $2"
    " ORDER BY id";
static const char SQL_PEOPLE_MOVE[] =
    "UPDATE people SET unit_id = $3 WHERE tenant_id = $1 AND unit_id = $2";
static const char SQL_GRANTS[] =
    "SELECT r.id, r.person_id, r.role, p.name FROM role_assignments r"
    " JOIN people p ON p.id = r.person_id AND p.tenant_id = r.tenant_id"
    " WHERE r.tenant_id = $1 AND r.unit_id = $2 ORDER BY r.role, p.name, r.id";
static const char SQL_MARK[] =
    "UPDATE units SET closed_at = $3, closed_into = $4"
    " WHERE tenant_id = $1 AND id = $2 AND closed_at IS NULL";

struct child {
	int64_t		 id;
	const char	*name;
};

static int
child_fill(struct ctx *ctx, struct dbstmt *st, void *dst)
{
	struct child *c = dst;

	c->id = db_col_int(st, 0);
	c->name = arena_strdup(ctx->arena, db_col_text(st, 1));
	return c->name != NULL ? DB_OK : DB_ERR;
}

/* A grant of a role this build does not know is read as ROLE_MAX and
 * left alone (kept, not listed). */
static int
grant_fill(struct ctx *ctx, struct dbstmt *st, void *dst)
{
	struct org_ended_grant *g = dst;

	g->assignment_id = db_col_int(st, 0);
	g->person_id = db_col_int(st, 1);
	if (role_parse(db_col_text(st, 2), &g->role) != 0)
		g->role = ROLE_MAX;
	g->name = arena_strdup(ctx->arena, db_col_text(st, 3));
	return g->name != NULL ? DB_OK : DB_ERR;
}

/* The grants held for unit id that this build knows, in place. */
static int
grants(struct ctx *ctx, int64_t id, struct org_ended_grant **out, size_t *n)
{
	void	*raw = NULL;
	size_t	 len = 0, i, k = 0;
	int	 rc;

	*out = NULL;
	*n = 0;
	if ((rc = org_rows_of(ctx, SQL_GRANTS, id, sizeof(**out), grant_fill,
	    &raw, &len)) != DB_OK)
		return rc;
	*out = raw;
	for (i = 0; i < len; i++)
		if ((*out)[i].role != ROLE_MAX)
			(*out)[k++] = (*out)[i];
	*n = k;
	return DB_OK;
}

/* The whole change, in the caller's transaction. */
static int
close_tx(struct ctx *ctx, const struct unit *u, const struct unit *into,
    struct org_closing *out)
{
	struct child	*ch;
	struct buf	 d;
	char		 text[512];
	void		*raw = NULL;
	size_t		 nch = 0, i;
	int		 rc;

	if ((rc = org_rows_of(ctx, SQL_CHILDREN, u->id, sizeof(*ch),
	    child_fill, &raw, &nch)) != DB_OK)
		return rc;
	ch = raw;
	for (i = 0; i < nch; i++)
		if ((rc = org_unit_update(ctx, ch[i].id, ch[i].name,
		    into->id)) != 0)
			return rc < 0 ? rc : DB_ERR;
	out->units = (int64_t)nch;

	if ((rc = DB_RUN(ctx->conn, ctx->tenant_id, SQL_PEOPLE_MOVE,
	    DB_I(u->id), DB_I(into->id))) != 0)
		return rc;
	out->people = db_changes(ctx->conn);

	if ((rc = grants(ctx, u->id, &out->ended, &out->nended)) != DB_OK)
		return rc;
	for (i = 0; i < out->nended; i++)
		if ((rc = org_role_revoke(ctx, out->ended[i].person_id,
		    out->ended[i].assignment_id)) != 0)
			return rc < 0 ? rc : DB_ERR;

	/* The timeline's sentence, public: the reporter reads it too. */
	snprintf(text, sizeof(text), _("The unit %s was closed; the case "
	    "was moved to %s."), u->name, into->name);
	if ((rc = deviation_unit_closed(ctx, u->id, into->id, text,
	    &out->cases)) != 0 ||
	    (rc = risk_unit_closed(ctx, u->id, into->id, &out->risks)) != 0 ||
	    (rc = document_unit_closed(ctx, u->id, into->id,
	    &out->documents)) != 0 ||
	    (rc = wheel_unit_closed(ctx, u->id, into->id, &out->tasks)) != 0 ||
	    (rc = sso_unit_closed(ctx, u->id, into->id)) != 0)
		return rc;

	if ((rc = DB_RUN(ctx->conn, ctx->tenant_id, SQL_MARK, DB_I(u->id),
	    DB_I(ctx->now), DB_I(into->id))) != 0)
		return rc;
	if (db_changes(ctx->conn) != 1)
		return DB_ERR;	/* closed meanwhile: asked again in the tx */

	buf_init(&d, 256);
	buf_printf(&d, "code=%s into=%s units=%lld people=%lld grants=%zu"
	    " cases=%lld risks=%lld documents=%lld tasks=%lld", u->code,
	    into->code,
	    (long long)out->units, (long long)out->people, out->nended,
	    (long long)out->cases, (long long)out->risks,
	    (long long)out->documents, (long long)out->tasks);
	rc = audit_append(ctx, "unit_close", "unit", u->id, buf_cstr(&d));
	buf_free(&d);
	return rc < 0 ? rc : 0;
}

void
org_unit_close(struct ctx *ctx, int64_t id, int64_t into_id,
    struct org_closing *out)
{
	struct org_result	*r = &out->result;
	struct unit		 u, into;
	int			 rc, own;

	memset(out, 0, sizeof(*out));
	if (ctx->user != NULL && !authz_can(ctx, AZ_ORG_MANAGE, 0)) {
		org_said(r, ORG_DENIED, NULL, NULL);
		return;
	}
	if ((rc = org_unit_get(ctx, id, &u)) != 0) {
		org_said(r, rc == -1 ? ORG_NOT_FOUND : ORG_FAILED, NULL, NULL);
		return;
	}
	if (u.closed_at != 0)
		org_said(r, ORG_INVALID, "id", N_("This unit is already closed."));
	else if (u.parent_id == 0)
		org_said(r, ORG_INVALID, "id", N_("The top unit cannot be "
		    "closed: everything else lies under it."));
	else if (into_id <= 0 || org_unit_get(ctx, into_id, &into) != 0)
		org_said(r, ORG_INVALID, "into_id", N_("no such unit"));
	else if (into.closed_at != 0)
		org_said(r, ORG_INVALID, "into_id", N_("This unit is closed "
		    "(nedlagt); choose one that is not."));
	else if (org_unit_within(ctx, into_id, id))
		org_said(r, ORG_INVALID, "into_id", N_("A unit cannot be closed "
		    "into itself or into one of its own units."));
	if (r->outcome != ORG_OK)
		return;
	if ((rc = db_tx_join(ctx->conn, &own)) != DB_OK) {
		org_said(r, ORG_FAILED, NULL, NULL);
		return;
	}
	rc = close_tx(ctx, &u, &into, out);
	rc = db_tx_finish(ctx->conn, own, rc);
	if (rc != 0) {
		org_said(r, ORG_FAILED, NULL, NULL);
		out->nended = 0;
		return;
	}
	r->id = id;
}

const char *
org_unit_label(struct arena *a, const struct unit *u)
{
	const char *s;

	if (u->closed_at == 0)
		return u->name;
	s = arena_printf(a, "%s (%s)", u->name, _("closed down"));
	return s != NULL ? s : u->name;
}
