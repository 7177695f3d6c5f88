/* gate.c: creating units and people as gates (org.h): access through
 * authz/, then the input, then the change and its audit row in one
 * transaction, and an outcome for the face to translate. The admin pages
 * and the JSON API both come here, so both ask the same questions in the
 * same order: someone who may not manage the organisation learns nothing
 * about which codes or logins exist. */
#include "org/org.h"

#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "org/org_int.h"
#include "store/store.h"
#include "store/store_tx.h"

void
org_said(struct org_result *out, enum org_outcome o, const char *field,
    const char *why)
{
	out->outcome = o;
	out->field = field;
	out->why = why;
}

/* The system (the operator's CLI) may; a person needs AZ_ORG_MANAGE. */
static int
may_manage(struct ctx *ctx)
{
	return ctx->user == NULL || authz_can(ctx, AZ_ORG_MANAGE, 0);
}

/* Run the create in the caller's transaction or one of its own: the new
 * id (> 0), DB_CONSTRAINT, or another negative. */
static int64_t
in_tx(struct ctx *ctx, int64_t (*create)(struct ctx *, const void *),
    const void *arg)
{
	int64_t	id;
	int	own, rc;

	if ((rc = db_tx_join(ctx->conn, &own)) != DB_OK)
		return rc;
	id = create(ctx, arg);
	rc = db_tx_finish(ctx->conn, own, id > 0 ? 0 : (int)id);
	return rc < 0 ? (id > 0 ? rc : id) : id;
}

/* What both creates check, in this order: may the user; the key (a code
 * or a login) and the name given; the unit there (0: none). 0 when all
 * hold, else -1 with *out said. */
static int
checked(struct ctx *ctx, struct org_result *out, const char *key_field,
    const char *key, const char *name, const char *unit_field, int64_t unit_id)
{
	struct unit u;

	memset(out, 0, sizeof(*out));
	if (!may_manage(ctx))
		org_said(out, ORG_DENIED, NULL, NULL);
	else if (key == NULL || key[0] == '\0')
		org_said(out, ORG_INVALID, key_field, N_("is required"));
	else if (name == NULL || name[0] == '\0')
		org_said(out, ORG_INVALID, "name", N_("is required"));
	else if (unit_id < 0 || (unit_id != 0 && org_unit_get(ctx, unit_id, &u) != 0))
		org_said(out, ORG_INVALID, unit_field, N_("no such unit"));
	else if (unit_id != 0 && u.closed_at != 0)
		org_said(out, ORG_INVALID, unit_field, N_("This unit is closed "
		    "(nedlagt); choose one that is not."));
	else
		return 0;
	return -1;
}

/* The outcome of a create that returned id (in_tx). */
static void
created(struct org_result *out, int64_t id, const char *key_field)
{
	if (id > 0)
		out->id = id;
	else if (id == DB_CONSTRAINT)
		org_said(out, ORG_CONFLICT, key_field, NULL);
	else
		org_said(out, ORG_FAILED, NULL, NULL);
}

struct unit_arg {
	const char	*code, *name;
	int64_t		 parent_id;
};

static int64_t
unit_create(struct ctx *ctx, const void *arg)
{
	const struct unit_arg *u = arg;

	return org_unit_create(ctx, u->code, u->name, u->parent_id);
}

void
org_unit_add(struct ctx *ctx, const char *code, const char *name,
    int64_t parent_id, struct org_result *out)
{
	struct unit_arg	 a = { code, name, parent_id };
	struct unit	 u;

	if (checked(ctx, out, "code", code, name, "parent_id", parent_id) != 0)
		return;
	if (org_unit_by_code(ctx, code, &u) == 0) {
		org_said(out, ORG_CONFLICT, "code", NULL);
		return;
	}
	created(out, in_tx(ctx, unit_create, &a), "code");
}

static int64_t
person_create(struct ctx *ctx, const void *arg)
{
	return org_person_create(ctx, arg);
}

void
org_person_add(struct ctx *ctx, const struct person *p, struct org_result *out)
{
	struct person existing;

	if (checked(ctx, out, "login", p->login, p->name, "unit_id", p->unit_id) != 0)
		return;
	if (org_person_by_login(ctx, p->login, &existing) == 0) {
		org_said(out, ORG_CONFLICT, "login", NULL);
		return;
	}
	created(out, in_tx(ctx, person_create, p), "login");
}
