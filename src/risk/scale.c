/* scale.c: the words of the score steps. A municipality that has set its
 * own words (RK_SET_SCALE, settings.c) sees them everywhere a score is
 * shown; one that has not sees the words of common Norwegian ROS practice
 * in the reader's language. */
#include "risk/risk.h"

#include <string.h>

#include "ctx.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "util/arena.h"

static const char SQL_WORDS[] =
    "SELECT axis, step, label FROM risk_scale_words WHERE tenant_id = $1";

static const char *const axis_names[RAX_MAX] = {
	[RAX_PROBABILITY]	= "probability",
	[RAX_IMPACT]		= "impact",
};

/* Svært lite sannsynlig ... svært sannsynlig; ubetydelig ... katastrofal. */
static const char *const default_words[RAX_MAX][RISK_SCALE] = {
	[RAX_PROBABILITY] = { N_("Very unlikely"), N_("Unlikely"),
	    N_("Possible"), N_("Likely"), N_("Very likely") },
	[RAX_IMPACT] = { N_("Insignificant"), N_("Less serious"),
	    N_("Serious"), N_("Very serious"), N_("Catastrophic") },
};

const char *
risk_axis_name(enum risk_axis a)
{
	return (int)a >= 0 && a < RAX_MAX ? axis_names[a] : "";
}

const char *
risk_scale_word(const struct risk_scale *s, enum risk_axis a, int step)
{
	if ((int)a < 0 || a >= RAX_MAX || step < 1 || step > RISK_SCALE ||
	    s->word[a][step - 1] == NULL)
		return "";
	return s->word[a][step - 1];
}

int
risk_scale_get(struct ctx *ctx, struct risk_scale *s)
{
	struct dbstmt	*st;
	const char	*axis;
	int64_t		 step;
	int		 a, i, rc;

	memset(s, 0, sizeof(*s));
	for (a = 0; a < RAX_MAX; a++)
		for (i = 0; i < RISK_SCALE; i++)
			s->word[a][i] = _(default_words[a][i]);
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_WORDS, &st))
	    != DB_OK)
		return rc;
	while ((rc = db_step(st)) == DB_ROW) {
		axis = db_col_text(st, 0);
		step = db_col_int(st, 1);
		if (step < 1 || step > RISK_SCALE || axis == NULL)
			continue;
		for (a = 0; a < RAX_MAX; a++)
			if (strcmp(axis, axis_names[a]) == 0 &&
			    (s->word[a][step - 1] = arena_strdup(ctx->arena,
			    db_col_text(st, 2))) != NULL)
				s->custom = 1;
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}
