/* category.c: the categories of a tenant and their deadlines. Names are
 * stored data in bokmål (a municipality edits them); the default codes are
 * fixed because integrations rely on them. */
#include "deviation/deviation.h"

#include <string.h>

#include "audit/audit.h"
#include "ctx.h"
#include "deviation/dev_int.h"
#include "org/org.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"

#define CODE_MAX	40
#define NAME_MAX_CHARS	200
#define ACK_HOURS_MAX	8760	/* a year */
#define CLOSE_DAYS_MAX	3650

struct cat_default {
	const char	*code, *name, *description;
	int		 ack_hours, close_days;
	const char	*legal;
	int		 safety_rep;
};

/* From the seeds (seeds/000_, seeds/001_): the categories the reports use. */
static const struct cat_default defaults[] = {
	{ "bruker", "Barn/elev/bruker",
	  "Hendelser som rammer barn, elever, pasienter eller brukere.",
	  48, 30, "helsetilsyn", 0 },
	{ "bygg", "Bygg og utstyr",
	  "Feil og mangler ved bygg, inventar, utstyr og kjøretøy.",
	  48, 30, NULL, 0 },
	{ "hms", "Helse, miljø og sikkerhet (HMS)",
	  "Skader, nestenulykker og arbeidsmiljø for ansatte.",
	  48, 30, "aml52", 1 },
	{ "vold", "Vold og trusler",
	  "Vold, trusler og trakassering mot ansatte.",
	  48, 30, "aml52", 1 },
	{ "tjenesteproduksjon", "Tjenesteproduksjon",
	  "Svikt i tjenestene: rutiner som ikke følges, forsinkelser, kvalitet.",
	  48, 30, NULL, 0 },
	{ "personvern", "Informasjonssikkerhet og personvern",
	  "Brudd på personopplysningssikkerheten og informasjonssikkerheten.",
	  24, 14, "gdpr33", 0 },
	{ "legemiddel", "Legemiddel",
	  "Feil ved forskrivning, utlevering eller håndtering av legemidler.",
	  48, 30, "helsetilsyn", 0 },
	{ "fall", "Fall",
	  "Fall og fallskader hos pasienter og brukere.",
	  48, 30, "helsetilsyn", 0 },
};

static const char SQL_CAT_SEED[] =
    "INSERT INTO categories (tenant_id, code, name, description, ack_hours,"
    " close_days, legal, active, sort, legal_kinds, safety_rep) VALUES ($1,"
    " $2, $3, $4, $5, $6, $7, 1, $8, $9, $10)"
    " ON CONFLICT (tenant_id, code) DO NOTHING";
static const char SQL_SETTINGS_SEED[] =
    "INSERT INTO deviation_settings (tenant_id) VALUES ($1)"
    " ON CONFLICT (tenant_id) DO NOTHING";
#define CAT_COLS \
    "SELECT id, code, name, description, ack_hours, close_days, legal, active," \
    " sort, legal_kinds, safety_rep FROM categories WHERE tenant_id = $1"
static const char SQL_CAT_LIST[] =
    CAT_COLS " AND ($2 = 1 OR active = 1) ORDER BY sort, name, id";
static const char SQL_CAT_GET[] = CAT_COLS " AND id = $2";
static const char SQL_CAT_BY_CODE[] = CAT_COLS " AND code = $2";
static const char SQL_CAT_INSERT[] =
    "INSERT INTO categories (tenant_id, code, name, description, ack_hours,"
    " close_days, legal, active, sort, legal_kinds, safety_rep) VALUES ($1,"
    " $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id";
static const char SQL_CAT_UPDATE[] =
    "UPDATE categories SET code = $3, name = $4, description = $5,"
    " ack_hours = $6, close_days = $7, legal = $8, active = $9, sort = $10,"
    " legal_kinds = $11, safety_rep = $12 WHERE tenant_id = $1 AND id = $2";

int
dev_categories_seed(struct ctx *ctx)
{
	struct dbstmt	*st;
	size_t		 i;
	int		 rc, own;

	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	for (i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++) {
		const struct cat_default *d = &defaults[i];

		if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
		    SQL_CAT_SEED, &st)) != DB_OK)
			goto out;
		db_bind_text(st, 2, d->code);
		db_bind_text(st, 3, d->name);
		db_bind_text(st, 4, d->description);
		db_bind_int(st, 5, d->ack_hours);
		db_bind_int(st, 6, d->close_days);
		db_bind_text(st, 7, d->legal);
		db_bind_int(st, 8, (int64_t)(i + 1) * 10);
		/* Statens helsetilsyn's clock belongs to health and care
		 * services, not to a school or kindergarten (legal.c). */
		db_bind_text(st, 9, d->legal != NULL &&
		    strcmp(d->legal, "helsetilsyn") == 0 ? "health_care" : NULL);
		db_bind_int(st, 10, d->safety_rep);
		rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE) {
			rc = rc < 0 ? rc : DB_ERR;
			goto out;
		}
	}
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_SETTINGS_SEED,
	    &st)) != DB_OK)
		goto out;
	rc = db_step(st);
	db_reset(st);
	rc = rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
out:
	return db_tx_finish(ctx->conn, own, rc);
}

static int
cat_fill(struct ctx *ctx, struct dbstmt *st, struct category *c)
{
	c->id = db_col_int(st, 0);
	c->code = arena_strdup(ctx->arena, db_col_text(st, 1));
	c->name = arena_strdup(ctx->arena, db_col_text(st, 2));
	c->description = arena_strdup(ctx->arena, db_col_text(st, 3));
	c->ack_hours = (int)db_col_int(st, 4);
	c->close_days = (int)db_col_int(st, 5);
	c->legal = arena_strdup(ctx->arena, db_col_text(st, 6));
	c->active = (int)db_col_int(st, 7);
	c->sort = (int)db_col_int(st, 8);
	c->legal_kinds = db_col_is_null(st, 9) ? NULL :
	    arena_strdup(ctx->arena, db_col_text(st, 9));
	c->safety_rep = db_col_int(st, 10) != 0;
	return (c->code == NULL || c->name == NULL) ? DB_ERR : 0;
}

int
dev_category_list(struct ctx *ctx, int include_inactive, struct category **out,
    size_t *n)
{
	struct dbstmt	*st;
	int		 rc;

	*out = NULL;
	*n = 0;
	if ((rc = dev_category_list_begin(ctx, include_inactive, &st)) != DB_OK)
		return rc;
	return dev_category_list_end(ctx, st, out, n);
}

int
dev_category_list_begin(struct ctx *ctx, int include_inactive,
    struct dbstmt **st)
{
	int rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_CAT_LIST,
	    st)) != DB_OK)
		return rc;
	db_bind_int(*st, 2, include_inactive ? 1 : 0);
	return DB_OK;
}

int
dev_category_list_end(struct ctx *ctx, struct dbstmt *st,
    struct category **out, size_t *n)
{
	struct category	*v = NULL;
	size_t		 len = 0, cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		if (dev_vec_grow(ctx, (void **)&v, len, &cap, sizeof(*v)) != 0 ||
		    cat_fill(ctx, st, &v[len++]) != 0) {
			rc = DB_ERR;
			goto out;
		}
	}
	if (rc != DB_DONE)
		goto out;
	rc = 0;
	*out = v;
	*n = len;
out:
	db_reset(st);
	return rc;
}

static int
cat_get_by(struct ctx *ctx, const char *sql, int64_t id, const char *code,
    struct category *out)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	if (code != NULL)
		db_bind_text(st, 2, code);
	else
		db_bind_int(st, 2, id);
	rc = db_step(st);
	if (rc == DB_ROW)
		rc = cat_fill(ctx, st, out);
	else if (rc == DB_DONE)
		rc = DEV_ERR_NOTFOUND;
	db_reset(st);
	return rc;
}

int
dev_category_get(struct ctx *ctx, int64_t id, struct category *out)
{
	return cat_get_by(ctx, SQL_CAT_GET, id, NULL, out);
}

int
dev_category_by_code(struct ctx *ctx, const char *code, struct category *out)
{
	if (code == NULL)
		return DEV_ERR_NOTFOUND;
	return cat_get_by(ctx, SQL_CAT_BY_CODE, 0, code, out);
}

static int
code_valid(const char *s)
{
	size_t i;

	if (s == NULL || *s == '\0' || strlen(s) > CODE_MAX)
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') ||
		    s[i] == '_' || s[i] == '-'))
			return 0;
	return 1;
}

static int
legal_valid(const char *s)
{
	return s == NULL || strcmp(s, "gdpr33") == 0 || strcmp(s, "aml52") == 0 ||
	    strcmp(s, "helsetilsyn") == 0;
}

int
dev_legal_kinds_valid(const char *s)
{
	size_t	i, n;
	int	last = -1;

	if (s == NULL)
		return 1;
	/* Known kinds, each once, in org_unit_kinds' order. */
	while (*s != '\0') {
		n = strcspn(s, ",");
		for (i = 0; org_unit_kinds[i] != NULL; i++)
			if (strlen(org_unit_kinds[i]) == n &&
			    strncmp(org_unit_kinds[i], s, n) == 0)
				break;
		if (org_unit_kinds[i] == NULL || (int)i <= last)
			return 0;
		last = (int)i;
		s += n;
		if (*s == ',' && *++s == '\0')
			return 0;
	}
	return last >= 0;
}

int64_t
dev_category_save(struct ctx *ctx, const struct category *c)
{
	struct dbstmt	*st;
	struct category	 old;
	struct buf	 d;
	const char	*legal, *kinds;
	int64_t		 id = 0;
	int		 rc, own;

	legal = (c->legal != NULL && *c->legal != '\0') ? c->legal : NULL;
	kinds = (c->legal_kinds != NULL && *c->legal_kinds != '\0') ?
	    c->legal_kinds : NULL;
	if (!code_valid(c->code) || dev_blank(c->name) ||
	    dev_utf8_len(c->name) > NAME_MAX_CHARS ||
	    dev_utf8_len(c->description) > DEV_TEXT_MAX ||
	    c->ack_hours < 1 || c->ack_hours > ACK_HOURS_MAX ||
	    c->close_days < 1 || c->close_days > CLOSE_DAYS_MAX ||
	    !legal_valid(legal) || !dev_legal_kinds_valid(kinds) || c->id < 0)
		return DEV_ERR_INVALID;
	if ((rc = db_tx_join(ctx->conn, &own)) != 0)
		return rc;
	if (c->id > 0 && (rc = dev_category_get(ctx, c->id, &old)) != 0)
		goto out;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    c->id > 0 ? SQL_CAT_UPDATE : SQL_CAT_INSERT, &st)) != DB_OK)
		goto out;
	/* Both statements bind the same values, the update one place later. */
	{
		int k = c->id > 0 ? 1 : 0;

		if (k)
			db_bind_int(st, 2, c->id);
		db_bind_text(st, 2 + k, c->code);
		db_bind_text(st, 3 + k, c->name);
		db_bind_text(st, 4 + k, c->description);
		db_bind_int(st, 5 + k, c->ack_hours);
		db_bind_int(st, 6 + k, c->close_days);
		db_bind_text(st, 7 + k, legal);
		db_bind_int(st, 8 + k, c->active ? 1 : 0);
		db_bind_int(st, 9 + k, c->sort);
		db_bind_text(st, 10 + k, kinds);
		db_bind_int(st, 11 + k, c->safety_rep ? 1 : 0);
	}
	rc = db_step(st);
	if (c->id == 0 && rc == DB_ROW) {
		id = db_col_int(st, 0);
		rc = 0;
	} else if (c->id > 0 && rc == DB_DONE) {
		id = c->id;
		rc = 0;
	} else if (rc >= 0)
		rc = DB_ERR;
	db_reset(st);
	if (rc != 0)
		goto out;
	buf_init(&d, 512);
	buf_printf(&d, "code=%s ack_hours=%d close_days=%d legal=%s active=%d"
	    " legal_kinds=%s safety_rep=%d", c->code, c->ack_hours,
	    c->close_days, legal ? legal : "-", c->active ? 1 : 0,
	    kinds ? kinds : "-", c->safety_rep ? 1 : 0);
	if (c->id > 0 && strcmp(old.code, c->code) != 0)
		buf_printf(&d, " was=%s", old.code);
	rc = audit_append(ctx, c->id > 0 ? "category_update" : "category_create",
	    "category", id, buf_cstr(&d));
	buf_free(&d);
out:
	rc = db_tx_finish(ctx->conn, own, rc);
	return rc < 0 ? rc : id;
}
