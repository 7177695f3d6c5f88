/* demo.c: the demo municipality's reporting groups, as the tertial report
 * of seeds/001 lists them for Oppvekst og opplæring: Grunnskoler (every
 * school), Mestring og inkludering (PPT, Barnevernstjenesten, Mestring og
 * inkludering, NAV: "de fire tjenestene") and Barnehager (every
 * kindergarten). Written as the system. */
#include "report/written.h"

#include <string.h>

#include "ctx.h"
#include "org/org.h"
#include "store/store.h"

static const char SQL_GROUP[] =
    "INSERT INTO report_groups (tenant_id, area_id, name, unit_kind, position,"
    " created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
static const char SQL_UNIT[] =
    "INSERT INTO report_group_units (tenant_id, group_id, unit_id)"
    " VALUES ($1, $2, $3)";

static const struct {
	const char	*name, *kind, *units[5];
} groups[] = {
	{ "Grunnskoler", "school", { NULL } },
	{ "Mestring og inkludering", NULL,
	  { "ppt", "barnevern", "mestring", "nav", NULL } },
	{ "Barnehager", "kindergarten", { NULL } },
};

static int
step(struct dbstmt *st, int64_t *id)
{
	int rc = db_step(st);

	if (rc == DB_ROW && id != NULL)
		*id = db_col_int(st, 0);
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : -1;
}

int
report_demo(struct ctx *ctx)
{
	struct unit	 area, u;
	struct dbstmt	*st;
	int64_t		 id = 0;
	size_t		 i, j;

	if (org_unit_by_code(ctx, "oo", &area) != 0)
		return 0;	/* not the demo's tree */
	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_GROUP, &st)
		    != DB_OK)
			return -1;
		db_bind_int(st, 2, area.id);
		db_bind_text(st, 3, groups[i].name);
		db_bind_text(st, 4, groups[i].kind);
		db_bind_int(st, 5, (int64_t)i + 1);
		db_bind_int(st, 6, ctx->now);
		if (step(st, &id) != 0)
			return -1;
		for (j = 0; groups[i].units[j] != NULL; j++) {
			if (org_unit_by_code(ctx, groups[i].units[j], &u) != 0)
				continue;
			if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_UNIT,
			    &st) != DB_OK)
				return -1;
			db_bind_int(st, 2, id);
			db_bind_int(st, 3, u.id);
			if (step(st, NULL) != 0)
				return -1;
		}
	}
	return 0;
}
