/* filter_input.c: the one declaration of a deviation list's query
 * parameters (dev_input.h) and their reading into struct dev_filter, for
 * the list and CSV API, the statistics API, the web list and the
 * dashboard. What differs between the faces is said in their struct
 * dev_filter_face below, not in a second parser. */
#include "deviation/dev_input.h"

#include <string.h>

#include "ctx.h"
#include "deviation/counts.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "util/arena.h"
#include "util/date.h"

/* Order = enum dev_filter_field. Limits in bytes (http/fields.c); the
 * meaning of each value is checked below. */
const struct field dev_filter_fields[DFF_MAX + 1] = {
	[DFF_UNIT_ID]	= { "unit_id", F_INT, 0, 0, INT64_MAX },
	[DFF_STATUS]	= { "status", F_CODE, 0, 1, 32 },
	[DFF_CATEGORY]	= { "category", F_CODE, 0, 1, 64 },
	[DFF_KIND]	= { "kind", F_CODE, 0, 1, 32 },
	[DFF_FROM]	= { "from", F_LINE, 0, 1, 40 },
	[DFF_TO]	= { "to", F_LINE, 0, 1, 40 },
	[DFF_DATE]	= { "date", F_CODE, 0, 1, 16 },
	[DFF_OVERDUE]	= { "overdue", F_BOOL, 0, 0, 1 },
	[DFF_MINE]	= { "mine", F_BOOL, 0, 0, 1 },
	[DFF_INBOX]	= { "inbox", F_BOOL, 0, 0, 1 },
	[DFF_LIMIT]	= { "limit", F_INT, 0, 1, 1000 },
	[DFF_OFFSET]	= { "offset", F_LINE, 0, 0, 40 },
	[DFF_AFTER]	= { "after", F_LINE, 0, 1, DEV_CURSOR_MAX - 1 },
	[DFF_BY]	= { "by", F_CODE, 0, 1, 16 },
	[DFF_HANDLER_UNIT_ID] = { "handler_unit_id", F_INT, 0, 0, INT64_MAX },
	[DFF_OWN_UNIT]	= { "own_unit", F_BOOL, 0, 0, 1 },
	[DFF_MAX]	= { NULL, 0, 0, 0, 0 }
};

/* What a client is told when a value does not read, whether its type
 * (http/fields.c) or its meaning (below) is wrong; from and to are the
 * face's. */
static const char *const field_why[DFF_MAX] = {
	[DFF_UNIT_ID]	= N_("no such unit"),
	[DFF_STATUS]	= N_("must be new, acknowledged, returned, closed, open, in_progress or not_closed"),
	[DFF_CATEGORY]	= N_("no such category"),
	[DFF_KIND]	= N_("must be deviation or improvement"),
	[DFF_DATE]	= N_("must be reported or occurred"),
	[DFF_OVERDUE]	= N_("must be 1 or 0"),
	[DFF_MINE]	= N_("must be 1 or 0"),
	[DFF_INBOX]	= N_("must be 1 or 0"),
	[DFF_LIMIT]	= N_("must be a whole number from 1 to 1000"),
	/* Pages follow a cursor; an offset would be ignored, and a client
	 * looping on it would never see the second page: refused. */
	[DFF_OFFSET]	= N_("is not supported: ask for the next page with after, the value of next"),
	[DFF_AFTER]	= N_("is not a page cursor of this list"),
	[DFF_BY]	= N_("must be category, status, month, unit, kind or unit_own"),
	[DFF_HANDLER_UNIT_ID] = N_("no such unit"),
	[DFF_OWN_UNIT]	= N_("must be 1 or 0"),
};

static const char *const groupings[] = { "category", "status", "month", "unit", "kind",
    "unit_own" };

#define API_READS	(DFF_BIT(DFF_UNIT_ID) | DFF_BIT(DFF_STATUS) | \
	DFF_BIT(DFF_CATEGORY) | DFF_BIT(DFF_KIND) | DFF_BIT(DFF_FROM) | \
	DFF_BIT(DFF_TO) | DFF_BIT(DFF_DATE) | DFF_BIT(DFF_OVERDUE) | \
	DFF_BIT(DFF_MINE) | DFF_BIT(DFF_INBOX) | DFF_BIT(DFF_LIMIT) | \
	DFF_BIT(DFF_OFFSET) | DFF_BIT(DFF_AFTER) | \
	DFF_BIT(DFF_HANDLER_UNIT_ID) | DFF_BIT(DFF_OWN_UNIT))

const struct dev_filter_face dev_filter_api = {
	API_READS, 0, NULL, 0,
	N_("must be a date (YYYY-MM-DD) or an RFC 3339 time"), 50
};
/* Counts, not a page: the inbox is a worklist, not a selection; the
 * handler unit and a unit without its subtree are the dashboard's links
 * into the list, which the counts have no cells for. */
const struct dev_filter_face dev_filter_stats = {
	API_READS | DFF_BIT(DFF_BY), DFF_BIT(DFF_INBOX) |
	DFF_BIT(DFF_HANDLER_UNIT_ID) | DFF_BIT(DFF_OWN_UNIT),
	N_("is not a statistics filter"), 1,
	N_("must be a date (YYYY-MM-DD): statistics count whole days"), 0
};
/* The web list's form (list.c) has these inputs, dates as local days. */
const struct dev_filter_face dev_filter_web = {
	DFF_BIT(DFF_UNIT_ID) | DFF_BIT(DFF_STATUS) | DFF_BIT(DFF_CATEGORY) |
	DFF_BIT(DFF_KIND) | DFF_BIT(DFF_FROM) | DFF_BIT(DFF_TO) |
	DFF_BIT(DFF_OVERDUE) | DFF_BIT(DFF_AFTER) |
	DFF_BIT(DFF_HANDLER_UNIT_ID) | DFF_BIT(DFF_OWN_UNIT), 0, NULL, 1,
	N_("Give a date as dd.mm.yyyy."), 50
};
const struct dev_filter_face dev_filter_dashboard = {
	DFF_BIT(DFF_UNIT_ID) | DFF_BIT(DFF_FROM) | DFF_BIT(DFF_TO), 0, NULL, 1,
	N_("Give a date as dd.mm.yyyy."), 0
};

/* The API has always refused years before 1900. */
static int
year_ok(const char *s)
{
	return s != NULL && strlen(s) >= 4 && strncmp(s, "1900", 4) >= 0;
}

int
dev_time_parse(const char *s, int64_t *out)
{
	if (!year_ok(s))
		return -1;
	return date_parse_rfc3339(s, out);
}

int
dev_bound_parse(const char *s, int end, int64_t *out)
{
	int y, m, d;

	if (s == NULL)
		return -1;
	if (strlen(s) == 10) {
		/* A day in UTC, unlike the web's local days: clients (and
		 * due dates shown as ...T23:59:59Z) rely on it. */
		if (!year_ok(s) || date_parse_day(s, &y, &m, &d) != 0)
			return -1;
		return date_from_utc(y, m, d, end ? 23 : 0, end ? 59 : 0,
		    end ? 59 : 0, out);
	}
	return dev_time_parse(s, out);
}

/* A whole local day YYYY-MM-DD: its first second, or its last when end
 * (not start + 24 h: the day summer time ends has 25 hours). */
static int
local_day(const char *s, int end, int64_t *out)
{
	int y, m, d;

	if (date_parse_day(s, &y, &m, &d) != 0 || y < 1970)
		return -1;
	*out = dev_local_day_start(y, m, d + (end ? 1 : 0));
	if (*out < 0)
		return -1;
	if (end)
		(*out)--;
	return 0;
}

static int
bad(struct ctx *ctx, struct dev_filter_input *out, enum dev_filter_field f,
    const char *why)
{
	out->bad_field = dev_filter_fields[f].name;
	out->bad_why = _(why);
	out->bad_msg = arena_printf(ctx->arena, "%s: %s", out->bad_field,
	    out->bad_why);
	if (out->bad_msg == NULL)
		out->bad_msg = out->bad_why;
	return DEV_ERR_INVALID;
}

/* vals[f] from the query, checked against its declaration; the read
 * fields only, so a parameter this face ignores cannot fail it. */
static int
declared(struct ctx *ctx, const struct kv *query, size_t n,
    const struct dev_filter_face *face, struct field_value *vals,
    struct dev_filter_input *out)
{
	struct field		 one[2];
	struct field_value	*v;
	const char		*badf, *msg;
	size_t			 i;

	memset(&one[1], 0, sizeof(one[1]));
	for (i = 0; i < DFF_MAX; i++) {
		if (!(face->reads & DFF_BIT(i)))
			continue;
		one[0] = dev_filter_fields[i];
		if (http_fields_validate(ctx->arena, one, query, n, NULL, 0,
		    &v, &badf, &msg) != 0)
			return bad(ctx, out, (enum dev_filter_field)i,
			    i == DFF_FROM || i == DFF_TO ? face->bound_why :
			    field_why[i]);
		vals[i] = v[0];
	}
	return 0;
}

/* Whether unit id is the tenant's: in known's list when it has one. */
static int
unit_known(struct ctx *ctx, const struct dev_filter_known *known, int64_t id)
{
	struct unit	u;
	size_t		i;

	if (known == NULL || known->units == NULL)
		return org_unit_get(ctx, id, &u) == 0;
	for (i = 0; i < known->nunits; i++)
		if (known->units[i].id == id)
			return 1;
	return 0;
}

/* Whether a category of the tenant has code: in known's list when it has
 * one. */
static int
category_known(struct ctx *ctx, const struct dev_filter_known *known,
    const char *code)
{
	struct category	cat;
	size_t		i;

	if (known == NULL || known->cats == NULL)
		return dev_category_by_code(ctx, code, &cat) == 0;
	for (i = 0; i < known->ncats; i++)
		if (known->cats[i].code != NULL &&
		    strcmp(known->cats[i].code, code) == 0)
			return 1;
	return 0;
}

int
dev_filter_read(struct ctx *ctx, const struct kv *query, size_t n,
    const struct dev_filter_face *face, struct dev_filter_input *out)
{
	return dev_filter_read_known(ctx, query, n, face, NULL, out);
}

int
dev_filter_read_known(struct ctx *ctx, const struct kv *query, size_t n,
    const struct dev_filter_face *face, const struct dev_filter_known *known,
    struct dev_filter_input *out)
{
	struct field_value	*vals;
	enum dev_status		 st;
	enum dev_kind		 k;
	const char		*s;
	size_t			 i;
	int			 rc, ok;

	memset(out, 0, sizeof(*out));
	out->f.kind = -1;
	out->f.limit = face->limit;
	out->by = groupings[0];
	if ((vals = arena_alloc(ctx->arena, DFF_MAX * sizeof(*vals))) == NULL)
		return -1;
	memset(vals, 0, DFF_MAX * sizeof(*vals));
	out->vals = vals;
	if ((rc = declared(ctx, query, n, face, vals, out)) != 0)
		return rc;
	for (i = 0; i < DFF_MAX; i++)
		if ((face->refuses & DFF_BIT(i)) && vals[i].present &&
		    vals[i].i != 0)
			return bad(ctx, out, (enum dev_filter_field)i,
			    face->refuse_why);
	/* unit_id=0 is the whole municipality (the dashboard's export link
	 * at the top of the tree), the same as no unit_id. */
	if (vals[DFF_UNIT_ID].present && vals[DFF_UNIT_ID].i != 0) {
		if (!unit_known(ctx, known, vals[DFF_UNIT_ID].i))
			return bad(ctx, out, DFF_UNIT_ID, field_why[DFF_UNIT_ID]);
		out->f.unit_id = vals[DFF_UNIT_ID].i;
	}
	if ((s = vals[DFF_STATUS].present ? vals[DFF_STATUS].s : NULL) != NULL) {
		if (strcmp(s, "open") != 0 && strcmp(s, "in_progress") != 0 &&
		    strcmp(s, "closed") != 0 && strcmp(s, "not_closed") != 0 &&
		    dev_status_parse(s, &st) != 0)
			return bad(ctx, out, DFF_STATUS, field_why[DFF_STATUS]);
		out->f.status = s;
	}
	if ((s = vals[DFF_CATEGORY].present ? vals[DFF_CATEGORY].s : NULL) != NULL) {
		if (!category_known(ctx, known, s))
			return bad(ctx, out, DFF_CATEGORY, field_why[DFF_CATEGORY]);
		out->f.category = s;
	}
	if ((s = vals[DFF_KIND].present ? vals[DFF_KIND].s : NULL) != NULL) {
		if (dev_kind_parse(s, &k) != 0)
			return bad(ctx, out, DFF_KIND, field_why[DFF_KIND]);
		out->f.kind = (int)k;
	}
	if (vals[DFF_FROM].present && (face->local_days ?
	    local_day(vals[DFF_FROM].s, 0, &out->f.from) :
	    dev_bound_parse(vals[DFF_FROM].s, 0, &out->f.from)) != 0)
		return bad(ctx, out, DFF_FROM, face->bound_why);
	if (vals[DFF_TO].present && (face->local_days ?
	    local_day(vals[DFF_TO].s, 1, &out->f.to) :
	    dev_bound_parse(vals[DFF_TO].s, 1, &out->f.to)) != 0)
		return bad(ctx, out, DFF_TO, face->bound_why);
	if (out->f.from != 0 && out->f.to != 0 && out->f.to < out->f.from)
		return bad(ctx, out, DFF_TO, N_("is before from"));
	if ((s = vals[DFF_DATE].present ? vals[DFF_DATE].s : NULL) != NULL) {
		if (strcmp(s, "occurred") == 0)
			out->f.by_occurred = 1;
		else if (strcmp(s, "reported") != 0)
			return bad(ctx, out, DFF_DATE, field_why[DFF_DATE]);
	}
	if (vals[DFF_HANDLER_UNIT_ID].present && vals[DFF_HANDLER_UNIT_ID].i != 0) {
		if (!unit_known(ctx, known, vals[DFF_HANDLER_UNIT_ID].i))
			return bad(ctx, out, DFF_HANDLER_UNIT_ID,
			    field_why[DFF_HANDLER_UNIT_ID]);
		out->f.handler_unit_id = vals[DFF_HANDLER_UNIT_ID].i;
	}
	out->f.own_unit = vals[DFF_OWN_UNIT].present && vals[DFF_OWN_UNIT].i;
	out->f.overdue = vals[DFF_OVERDUE].present && vals[DFF_OVERDUE].i;
	out->f.mine = vals[DFF_MINE].present && vals[DFF_MINE].i;
	out->f.inbox = vals[DFF_INBOX].present && vals[DFF_INBOX].i;
	if (vals[DFF_LIMIT].present)
		out->f.limit = vals[DFF_LIMIT].i;
	if (vals[DFF_OFFSET].present)
		return bad(ctx, out, DFF_OFFSET, field_why[DFF_OFFSET]);
	if (vals[DFF_AFTER].present)
		out->f.after = vals[DFF_AFTER].s;
	if ((s = vals[DFF_BY].present ? vals[DFF_BY].s : NULL) != NULL) {
		for (i = 0, ok = 0; i < sizeof(groupings) / sizeof(groupings[0]); i++)
			if (strcmp(s, groupings[i]) == 0) {
				out->by = groupings[i];
				ok = 1;
			}
		if (!ok)
			return bad(ctx, out, DFF_BY, field_why[DFF_BY]);
	}
	return 0;
}
