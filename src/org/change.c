/* change.c: changing units, people and roles as gates (org.h): access
 * through authz/, then the input, then the change and its audit row in
 * one transaction, and an outcome for the face to translate. The admin
 * pages and the JSON API come here, so both ask the same questions in
 * the same order. */
#include "org/org.h"

#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "org/org_int.h"
#include "store/store.h"
#include "store/store_tx.h"

/* The outcome of a change that returned rc in the transaction `own`
 * says whether to finish: rc 0 commits, anything else rolls back. */
static void
finish(struct ctx *ctx, int own, int rc, struct org_result *out)
{
	rc = db_tx_finish(ctx->conn, own, rc);
	if (rc != 0 && out->outcome == ORG_OK)
		org_said(out, ORG_FAILED, NULL, NULL);
}

/* The unit's new name, parent and kind; the tree is read again in the
 * transaction (a parent under the unit itself is refused). */
static int
unit_change_tx(struct ctx *ctx, const struct org_unit_change *in,
    const struct unit *u, struct org_result *out)
{
	int rc;

	rc = org_unit_update(ctx, in->id, in->name, in->parent_id);
	if (rc == -2 || rc == DB_CONSTRAINT) {
		org_said(out, ORG_INVALID, "parent_id", rc == -2 ?
		    N_("A unit cannot be placed under itself or one of its own units.") :
		    N_("no such unit"));
		return rc;
	}
	if (rc != 0)
		return rc;
	if (!in->kind_given || (in->kind != NULL ? u->kind != NULL &&
	    strcmp(in->kind, u->kind) == 0 : u->kind == NULL))
		return 0;
	return org_unit_set_kind(ctx, in->id, in->kind) == 0 ? 0 : DB_ERR;
}

void
org_unit_change(struct ctx *ctx, const struct org_unit_change *in,
    struct org_result *out)
{
	struct unit	u, p;
	int		rc, own;

	memset(out, 0, sizeof(*out));
	if (ctx->user != NULL && !authz_can(ctx, AZ_ORG_MANAGE, 0)) {
		org_said(out, ORG_DENIED, NULL, NULL);
		return;
	}
	if ((rc = org_unit_get(ctx, in->id, &u)) != 0) {
		org_said(out, rc == -1 ? ORG_NOT_FOUND : ORG_FAILED, NULL, NULL);
		return;
	}
	if (in->name == NULL || in->name[0] == '\0')
		org_said(out, ORG_INVALID, "name", N_("is required"));
	else if (in->kind != NULL && !org_unit_kind_valid(in->kind))
		org_said(out, ORG_INVALID, "kind", N_("Choose a kind from the list."));
	else if (in->parent_id < 0 || (in->parent_id != 0 &&
	    org_unit_get(ctx, in->parent_id, &p) != 0))
		org_said(out, ORG_INVALID, "parent_id", N_("no such unit"));
	else if (in->parent_id != 0 && p.closed_at != 0 &&
	    p.id != u.parent_id)
		org_said(out, ORG_INVALID, "parent_id", N_("This unit is closed "
		    "(nedlagt); choose one that is not."));
	else if (in->parent_id != 0 && org_unit_within(ctx, in->parent_id, in->id))
		org_said(out, ORG_INVALID, "parent_id",
		    N_("A unit cannot be placed under itself or one of its own units."));
	if (out->outcome != ORG_OK)
		return;
	if ((rc = db_tx_join(ctx->conn, &own)) != DB_OK) {
		org_said(out, ORG_FAILED, NULL, NULL);
		return;
	}
	rc = unit_change_tx(ctx, in, &u, out);
	finish(ctx, own, rc, out);
	if (out->outcome == ORG_OK)
		out->id = in->id;
}

void
org_person_change(struct ctx *ctx, const struct person *in,
    struct org_result *out)
{
	struct person	p;
	struct unit	u;
	int		rc, own, was_active;

	memset(out, 0, sizeof(*out));
	if (ctx->user != NULL && !authz_can(ctx, AZ_ORG_MANAGE, 0)) {
		org_said(out, ORG_DENIED, NULL, NULL);
		return;
	}
	if ((rc = org_person_get(ctx, in->id, &p)) != 0) {
		org_said(out, rc == -1 ? ORG_NOT_FOUND : ORG_FAILED, NULL, NULL);
		return;
	}
	if (!authz_person_change_ok(ctx, p.id, p.unit_id, 1)) {
		org_said(out, ORG_DENIED, NULL, NULL);
		return;
	}
	if (in->name == NULL || in->name[0] == '\0')
		org_said(out, ORG_INVALID, "name", N_("is required"));
	else if (in->unit_id < 0 || (in->unit_id != 0 &&
	    org_unit_get(ctx, in->unit_id, &u) != 0))
		org_said(out, ORG_INVALID, "unit_id", N_("no such unit"));
	else if (in->unit_id != 0 && u.closed_at != 0 &&
	    in->unit_id != p.unit_id)
		org_said(out, ORG_INVALID, "unit_id", N_("This unit is closed "
		    "(nedlagt); choose one that is not."));
	else if (!authz_person_change_ok(ctx, p.id, p.unit_id, in->active))
		org_said(out, ORG_DENIED, "active",
		    N_("You cannot make yourself inactive."));
	if (out->outcome != ORG_OK)
		return;
	p.name = in->name;
	p.email = in->email;
	p.unit_id = in->unit_id;
	p.party = in->party;
	was_active = p.active;
	p.active = in->active;
	if ((rc = db_tx_join(ctx->conn, &own)) != DB_OK) {
		org_said(out, ORG_FAILED, NULL, NULL);
		return;
	}
	/* Asked in the transaction that makes the change, so that no case
	 * is routed to the person alone between the question and it. The
	 * refusal names no case and says what to do instead. */
	if (was_active && !p.active && !authz_person_deactivate_ok(ctx, p.id)) {
		org_said(out, ORG_DENIED, "active", N_("This person is still "
		    "the only handler of open whistleblowing cases and cannot be "
		    "made inactive yet: the cases would be lost. Ask them first to "
		    "give each case another receiver on the case's page: \"Involve "
		    "HR as co-handler\", or \"I am disqualified (inhabil)\" so that "
		    "the case is routed on. If nobody else would receive it, change "
		    "the whistleblowing routing first (who holds the roles that "
		    "receive such cases)."));
		rc = -1;
	} else
		rc = org_person_update(ctx, &p);
	finish(ctx, own, rc, out);
	if (out->outcome == ORG_OK)
		out->id = p.id;
}

/* Who may touch roles at all, then the person: 0 and *p, or -1 with
 * *out said. */
static int
role_person(struct ctx *ctx, int64_t person_id, struct person *p,
    struct org_result *out)
{
	int rc;

	memset(out, 0, sizeof(*out));
	if (ctx->user != NULL && !authz_can(ctx, AZ_ROLES_MANAGE, 0)) {
		org_said(out, ORG_DENIED, NULL, NULL);
		return -1;
	}
	if ((rc = org_person_get(ctx, person_id, p)) != 0) {
		org_said(out, rc == -1 ? ORG_NOT_FOUND : ORG_FAILED, NULL, NULL);
		return -1;
	}
	return 0;
}

/* The role and scope in, read against person p: 0, or -1 with *out said. */
static int
role_scope(struct ctx *ctx, const struct person *p,
    const struct org_role_input *in, enum role *role, int64_t *unit_id,
    struct org_result *out)
{
	struct unit u;

	if (in->role == NULL || role_parse(in->role, role) != 0) {
		org_said(out, ORG_INVALID, "role", N_("unknown role"));
		return -1;
	}
	*unit_id = in->unit_id;
	/* A tenant-wide role held "for a unit" would mean nothing: the
	 * policy reads those roles for the whole municipality. */
	if (!role_is_scoped(*role))
		*unit_id = 0;
	else if (*unit_id == ORG_UNIT_UNSAID)
		*unit_id = p->unit_id;
	if (*unit_id < 0 || (*unit_id != 0 &&
	    org_unit_get(ctx, *unit_id, &u) != 0)) {
		org_said(out, ORG_INVALID, "unit_id", N_("no such unit"));
		return -1;
	}
	if (*unit_id != 0 && u.closed_at != 0) {
		org_said(out, ORG_INVALID, "unit_id", N_("This unit is closed "
		    "(nedlagt); choose one that is not."));
		return -1;
	}
	return 0;
}

void
org_role_add(struct ctx *ctx, int64_t person_id,
    const struct org_role_input *in, struct org_result *out)
{
	struct person	p;
	enum role	role;
	int64_t		unit_id, id;
	int		rc, own;

	if (role_person(ctx, person_id, &p, out) != 0 ||
	    role_scope(ctx, &p, in, &role, &unit_id, out) != 0)
		return;
	if ((rc = db_tx_join(ctx->conn, &own)) != DB_OK) {
		org_said(out, ORG_FAILED, NULL, NULL);
		return;
	}
	id = org_role_grant(ctx, p.id, role, unit_id);
	if (id == ORG_ERR_FORBIDDEN)
		org_said(out, ORG_DENIED, "role", N_("Nobody may grant themselves "
		    "a role that receives whistleblowing cases. Another "
		    "administrator must do it."));
	finish(ctx, own, id > 0 ? 0 : (int)id, out);
	if (out->outcome == ORG_OK)
		out->id = id;
}

void
org_role_remove(struct ctx *ctx, int64_t person_id, int64_t assignment_id,
    const struct org_role_input *in, struct org_result *out)
{
	struct person	p;
	struct roleset	rs;
	enum role	role;
	int64_t		unit_id;
	size_t		i;
	int		rc, own;

	if (role_person(ctx, person_id, &p, out) != 0)
		return;
	if (assignment_id == 0) {
		if (role_scope(ctx, &p, in, &role, &unit_id, out) != 0)
			return;
		if (org_roles_of(ctx, p.id, &rs) != 0) {
			org_said(out, ORG_FAILED, NULL, NULL);
			return;
		}
		for (i = 0; i < rs.n; i++)
			if (rs.v[i].role == role && rs.v[i].unit_id == unit_id)
				assignment_id = rs.v[i].id;
		if (assignment_id == 0) {
			org_said(out, ORG_NOT_FOUND, "role", NULL);
			return;
		}
	}
	if ((rc = db_tx_join(ctx->conn, &own)) != DB_OK) {
		org_said(out, ORG_FAILED, NULL, NULL);
		return;
	}
	rc = org_role_revoke(ctx, p.id, assignment_id);
	if (rc == -1)
		org_said(out, ORG_NOT_FOUND, "role", NULL);
	else if (rc == ORG_ERR_FORBIDDEN)
		org_said(out, ORG_DENIED, "role", N_("You cannot remove your own "
		    "administrator role. Ask another administrator."));
	finish(ctx, own, rc, out);
}
