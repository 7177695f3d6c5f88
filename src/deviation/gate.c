/* gate.c: deviation_do, the one door a person's handling action goes
 * through (deviation.h says the order of the answers). The faces (web/,
 * api/) translate HTTP to this call and its dev_result to a page or JSON;
 * no access decision, state check or input rule is written there.
 *
 *	action -> authz_dev_act -> input -> transaction (change + event
 *	+ counts) -> dev_result
 *
 * A new domain module copies this shape: one gate per action family, its
 * fields declared once beside it (dev_input.h), its answers a result
 * code. */
#include "deviation/deviation.h"

#include <string.h>

#include "authz/authz.h"
#include "ctx.h"
#include "deviation/dev_int.h"
#include "i18n/i18n.h"
#include "store/store.h"

/* Internal: visible but not this person's to do (rolled back like any
 * refusal; never leaves this file). */
#define GATE_DENIED	-90

/* What the user is told about a field the module refused: one sentence
 * each, the same through both faces (the web form shows it by the field,
 * the API after "field: "). */
static const struct {
	const char	*field, *why;
} field_why[] = {
	{ "action",		N_("Unknown action.") },
	{ "reason",		N_("Give a reason.") },
	{ "unit_id",		N_("Choose a unit from the list.") },
	{ "category",		N_("Choose a category from the list.") },
	{ "kind",		N_("must be deviation or improvement") },
	{ "measure",		N_("Describe the measure.") },
	{ "responsible_login",	N_("Choose a person from the list.") },
	{ "due_at",		N_("Give the measure a due date, today or later; its owner is reminded when it comes.") },
	{ "measure_id",		N_("That measure does not belong to this report.") },
	{ "summary",		N_("Write what was learned.") },
	{ "text",		N_("Write the note.") },
	{ "title",		N_("Write a short title (at most 200 characters).") },
	{ "description",	N_("Describe what happened.") },
	{ "authority",		N_("That legal deadline is not open on this report.") },
};

static const char *
why_of(const char *field)
{
	size_t i;

	for (i = 0; field != NULL && i < sizeof(field_why) / sizeof(field_why[0]);
	    i++)
		if (strcmp(field_why[i].field, field) == 0)
			return field_why[i].why;
	return N_("Check this field.");
}

static void
invalid(struct dev_result *out, const char *field, const char *why)
{
	out->outcome = DEV_INVALID;
	out->field = field;
	out->why = why != NULL ? why : why_of(field);
}

/* Access, the parser's complaints, then the act; in the open transaction. */
static int
gate_in_tx(struct ctx *ctx, int64_t id, const struct dev_action_input *in,
    struct dev_result *out)
{
	struct measure	 m, *mp = NULL;
	const char	*field = NULL;
	int		 rc;

	if ((rc = deviation_get(ctx, id, &out->dev)) != 0)
		return rc;
	if (in->action == DA_COMPLETE_MEASURE && in->measure_id > 0) {
		rc = deviation_measure_get(ctx, id, in->measure_id, &m);
		if (rc == 0)
			mp = &m;
		else if (rc != DEV_ERR_NOTFOUND)
			return rc;
	}
	switch (authz_dev_act(ctx, &out->dev, (int)in->action, mp)) {
	case AZ_DEV_HIDDEN:
		return DEV_ERR_NOTFOUND;
	case AZ_DEV_DENIED:
		return GATE_DENIED;
	case AZ_DEV_ALLOWED:
		break;
	}
	if ((int)in->action < 0 || in->action >= DA_MAX) {
		invalid(out, "action", NULL);
		return DEV_ERR_INVALID;
	}
	if (in->bad_field != NULL) {
		invalid(out, in->bad_field, in->bad_why);
		return DEV_ERR_INVALID;
	}
	rc = dev_act_in_tx(ctx, &out->dev, in, &field);
	if (rc == DEV_ERR_INVALID)
		invalid(out, field != NULL ? field : "action", NULL);
	return rc;
}

int
deviation_do(struct ctx *ctx, int64_t id, const struct dev_action_input *in,
    struct dev_result *out)
{
	int rc, own;

	if (out == NULL)
		return -1;
	memset(out, 0, sizeof(*out));
	out->outcome = DEV_FAILED;
	if (in == NULL)
		return 0;
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return 0;
	rc = gate_in_tx(ctx, id, in, out);
	rc = db_tx_finish(ctx->conn, own, rc);
	switch (rc) {
	case 0:
		out->outcome = DEV_OK;
		break;
	case DEV_ERR_NOTFOUND:
		out->outcome = DEV_NOT_FOUND;
		return 0;
	case GATE_DENIED:
		out->outcome = DEV_FORBIDDEN;
		return 0;
	case DEV_ERR_INVALID:
		return 0;	/* invalid() said which field */
	case DEV_ERR_STATE:
		out->outcome = DEV_CONFLICT;
		break;
	default:
		out->outcome = DEV_FAILED;
		return 0;
	}
	/* As it stands now: after the act, or as someone else left it. */
	if (deviation_get(ctx, id, &out->dev) != 0) {
		out->outcome = DEV_FAILED;
		return 0;
	}
	out->visible = authz_dev_can(ctx, AZ_DEV_VIEW, &out->dev);
	return 0;
}
