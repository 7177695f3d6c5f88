/* subject.c: how "Mine tiltak" (measure/) names the recommendation a
 * measure belongs to: "b)" and the report's title, linking to the report.
 * A closed recommendation's measures are left off. */
#include "followup/followup.h"

#include <string.h>

#include "ctx.h"
#include "measure/measure.h"
#include "store/store.h"
#include "util/arena.h"

static const char SQL_REC[] =
    "SELECT r.letter, r.status, p.id, p.title FROM followup_recs r"
    " JOIN followup_reports p ON p.tenant_id = r.tenant_id AND p.id = r.report_id"
    " WHERE r.tenant_id = $1 AND r.id = $2";

int
followup_measure_subject(struct ctx *ctx, int64_t rec_id, struct my_measure *m)
{
	struct dbstmt	*st;
	const char	*status;
	int		 rc, open = 0;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_REC, &st))
	    != DB_OK)
		return rc;
	db_bind_int(st, 2, rec_id);
	if ((rc = db_step(st)) == DB_ROW) {
		m->number = arena_printf(ctx->arena, "%s)", db_col_text(st, 0));
		status = db_col_text(st, 1);
		open = status == NULL || strcmp(status, "closed") != 0;
		m->href = arena_printf(ctx->arena, "/followup/%lld",
		    (long long)db_col_int(st, 2));
		m->title = arena_strdup(ctx->arena, db_col_text(st, 3));
		rc = m->number != NULL && m->href != NULL && m->title != NULL ?
		    0 : DB_ERR;
	} else if (rc == DB_DONE)
		rc = MEASURE_ERR_NOTFOUND;
	db_reset(st);
	return rc < 0 ? rc : open;
}

int
followup_measure_owner(struct ctx *ctx, int64_t report_id, int64_t person_id)
{
	struct followup_rec	*v;
	size_t			 n, i, k;
	int			 rc;

	if (person_id <= 0)
		return 0;
	/* The report's recommendations carry their measures (measure/). */
	if ((rc = followup_recs(ctx, report_id, &v, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		for (k = 0; k < v[i].nmeasures; k++)
			if (v[i].measures[k].responsible_id == person_id)
				return 1;
	return 0;
}
