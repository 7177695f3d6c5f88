/* person.c: people of a tenant. Logins are unique per tenant only: two
 * municipalities may both have "kari". */
#include "org/org.h"

#include <string.h>
#include <strings.h>

#include "audit/audit.h"
#include "ctx.h"
#include "org/org_int.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"

#define PERSON_COLS "id, login, name, email, unit_id, party, active, lang"

static const char SQL_PERSON_COUNT[] =
    "SELECT COUNT(*) FROM people WHERE tenant_id = $1";
/* Active people by home unit (statistics per employee). */
/* The active people of each home unit (0, unit, count) and the active
 * holders of role $2 with their unit (1, unit, person, name), by unit
 * then person: the two reads of a dashboard's tables in one round trip. */
static const char SQL_UNIT_STAFF_HOLDERS[] =
    "SELECT 0, unit_id, COUNT(*), CAST(NULL AS TEXT) FROM people"
    " WHERE tenant_id = $1 AND active = 1 AND unit_id IS NOT NULL"
    " GROUP BY unit_id"
    " UNION ALL SELECT 1, r.unit_id, p.id, p.name FROM role_assignments r"
    " JOIN people p ON p.id = r.person_id AND p.tenant_id = r.tenant_id"
    " WHERE r.tenant_id = $1 AND r.role = $2 AND p.active = 1"
    " ORDER BY 1, 2, 3";
static const char SQL_PERSON_LIST[] =
    "SELECT " PERSON_COLS " FROM people WHERE tenant_id = $1"
    " ORDER BY name, id";
/* Active people whose name or login contains $2 (lower case, LIKE
 * wildcards escaped), at most $3, by name. */
static const char SQL_PERSON_SEARCH[] =
    "SELECT " PERSON_COLS " FROM people WHERE tenant_id = $1 AND active = 1"
    " AND (lower(name) LIKE $2 ESCAPE '\\' OR lower(login) LIKE $2 ESCAPE '\\')"
    " ORDER BY name, id LIMIT $3";
static const char SQL_PERSON_GET[] =
    "SELECT " PERSON_COLS " FROM people WHERE tenant_id = $1 AND id = $2";
static const char SQL_PERSON_BY_LOGIN[] =
    "SELECT " PERSON_COLS " FROM people WHERE tenant_id = $1 AND login = $2";
/* The people whose login is $2 without case (at most two: one is the
 * answer, two are a pair made before such twins were refused). */
static const char SQL_PERSON_BY_LOGIN_CI[] =
    "SELECT " PERSON_COLS " FROM people WHERE tenant_id = $1"
    " AND lower(login) = lower($2) ORDER BY id LIMIT 2";
/* Another person whose login differs from $2 only in case: the two would
 * be one to a sign-in by SSO (org_person_by_sso_name compares without
 * case), so a new or changed login may not be such a twin. */
static const char SQL_PERSON_LOGIN_TWIN[] =
    "SELECT 1 FROM people WHERE tenant_id = $1 AND lower(login) = lower($2)"
    " AND id <> $3";
static const char SQL_PERSON_INSERT[] =
    "INSERT INTO people (tenant_id, login, name, email, unit_id, party,"
    " active, lang, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
    " RETURNING id";
static const char SQL_PERSON_UPDATE[] =
    "UPDATE people SET login = $3, name = $4, email = $5, unit_id = $6,"
    " party = $7, active = $8, lang = $9 WHERE tenant_id = $1 AND id = $2";

static int
person_fill(struct ctx *ctx, struct dbstmt *st, void *dst)
{
	struct person *p = dst;

	memset(p, 0, sizeof(*p));
	p->id = db_col_int(st, 0);
	p->login = arena_strdup(ctx->arena, db_col_text(st, 1));
	p->name = arena_strdup(ctx->arena, db_col_text(st, 2));
	p->email = arena_strdup(ctx->arena, db_col_text(st, 3));
	p->unit_id = db_col_is_null(st, 4) ? 0 : db_col_int(st, 4);
	p->party = arena_strdup(ctx->arena, db_col_text(st, 5));
	p->active = db_col_int(st, 6) != 0;
	p->lang = arena_strdup(ctx->arena, db_col_text(st, 7));
	return (p->login == NULL || p->name == NULL) ? DB_ERR : DB_OK;
}

int
org_person_list(struct ctx *ctx, struct person **out, size_t *n)
{
	void	*v = NULL;
	int	 rc;

	rc = org_rows(ctx, SQL_PERSON_LIST, sizeof(**out), person_fill, &v, n);
	*out = v;
	return rc;
}

int
org_person_get(struct ctx *ctx, int64_t id, struct person *out)
{
	int rc;

	if (org_memo_person(ctx, id, out))
		return DB_OK;
	if ((rc = org_row_by(ctx, SQL_PERSON_GET, id, NULL, person_fill, out))
	    == DB_OK)
		org_memo_person_keep(ctx, out);
	return rc;
}

int
org_person_by_login(struct ctx *ctx, const char *login, struct person *out)
{
	if (login == NULL)
		return -1;
	return org_row_by(ctx, SQL_PERSON_BY_LOGIN, 0, login, person_fill,
	    out);
}

int
org_person_by_login_typed(struct ctx *ctx, const char *login,
    struct person *out)
{
	struct dbstmt	*st;
	struct person	 second;
	int		 rc;

	if ((rc = org_person_by_login(ctx, login, out)) != -1 || login == NULL)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_PERSON_BY_LOGIN_CI, &st)) != DB_OK)
		return rc;
	db_bind_text(st, 2, login);
	rc = db_step(st);
	if (rc == DB_ROW && (rc = person_fill(ctx, st, out)) == DB_OK) {
		rc = db_step(st);
		if (rc == DB_ROW && person_fill(ctx, st, &second) == DB_OK)
			rc = -1;	/* twins: only the exact case names one */
		else
			rc = rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
	} else if (rc == DB_DONE)
		rc = -1;
	db_reset(st);
	return rc;
}

int
org_email_ok(const char *s)
{
	const unsigned char	*u;
	const char		*at;

	if (s == NULL || strlen(s) > 254 || (at = strchr(s, '@')) == NULL ||
	    at == s || at[1] == '\0' || strchr(at + 1, '@') != NULL)
		return 0;
	for (u = (const unsigned char *)s; *u != '\0'; u++)
		if (*u <= 0x20 || *u == 0x7f || *u == '<' || *u == '>')
			return 0;
	return 1;
}

static int
person_valid(struct ctx *ctx, const struct person *p)
{
	int rc;

	if (p->login == NULL || *p->login == '\0' || p->name == NULL ||
	    *p->name == '\0' || p->unit_id < 0)
		return DB_ERR;
	if (p->email != NULL && *p->email != '\0' && !org_email_ok(p->email))
		return DB_CONSTRAINT;
	/* The home unit must be this tenant's. */
	if (p->unit_id != 0 && (rc = org_unit_exists(ctx, p->unit_id)) != 1)
		return rc < 0 ? rc : DB_CONSTRAINT;
	return DB_OK;
}

/* Binds $3.. of insert ($2 login ...) and update ($3 login ...) alike:
 * first is the index of login. */
static void
person_bind(struct dbstmt *st, int first, const struct person *p)
{
	db_bind_text(st, first, p->login);
	db_bind_text(st, first + 1, p->name);
	db_bind_text(st, first + 2,
	    p->email != NULL && *p->email != '\0' ? p->email : NULL);
	if (p->unit_id != 0)
		db_bind_int(st, first + 3, p->unit_id);
	else
		db_bind_null(st, first + 3);
	db_bind_text(st, first + 4,
	    p->party != NULL && *p->party != '\0' ? p->party : NULL);
	db_bind_int(st, first + 5, p->active != 0);
	db_bind_text(st, first + 6,
	    p->lang != NULL && *p->lang != '\0' ? p->lang : NULL);
}

/* DB_OK, DB_CONSTRAINT when another person than self has login in
 * another case, or a DB_* error. */
static int
login_twin(struct ctx *ctx, const char *login, int64_t self)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_PERSON_LOGIN_TWIN, &st)) != DB_OK)
		return rc;
	db_bind_text(st, 2, login);
	db_bind_int(st, 3, self);
	rc = db_step(st);
	rc = rc == DB_ROW ? DB_CONSTRAINT : rc == DB_DONE ? DB_OK : rc;
	db_reset(st);
	return rc;
}

int64_t
org_person_create(struct ctx *ctx, const struct person *p)
{
	struct dbstmt	*st;
	struct buf	 d;
	int64_t		 id;
	int		 rc;

	if ((rc = person_valid(ctx, p)) != DB_OK ||
	    (rc = login_twin(ctx, p->login, 0)) != DB_OK)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_PERSON_INSERT, &st)) != DB_OK)
		return rc;
	person_bind(st, 2, p);
	db_bind_int(st, 9, ctx->now);
	rc = db_step(st);
	id = rc == DB_ROW ? db_col_int(st, 0) : (rc < 0 ? rc : DB_ERR);
	db_reset(st);
	if (id < 0)
		return id;

	buf_init(&d, 512);
	buf_printf(&d, "login=%s", p->login);
	if (!p->active)
		buf_puts(&d, " inactive");
	rc = audit_append(ctx, "person_create", "person", id, buf_cstr(&d));
	buf_free(&d);
	return rc < 0 ? rc : id;
}

int
org_person_update(struct ctx *ctx, const struct person *p)
{
	struct dbstmt	*st;
	struct person	 old;
	struct buf	 d;
	int		 rc;

	if ((rc = person_valid(ctx, p)) != DB_OK)
		return rc;
	if ((rc = org_person_get(ctx, p->id, &old)) != DB_OK)
		return rc;
	if (strcmp(old.login, p->login) != 0 &&
	    (rc = login_twin(ctx, p->login, p->id)) != DB_OK)
		return rc;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_PERSON_UPDATE, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, p->id);
	person_bind(st, 3, p);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;

	/* What changed, by field name: enough to follow, nothing personal
	 * beyond the login. */
	buf_init(&d, 512);
	buf_printf(&d, "login=%s", p->login);
	if (strcmp(old.login, p->login) != 0)
		buf_printf(&d, " old_login=%s", old.login);
	if (strcmp(old.name, p->name) != 0)
		buf_puts(&d, " name");
	if (old.unit_id != p->unit_id)
		buf_printf(&d, " unit=%lld->%lld", (long long)old.unit_id,
		    (long long)p->unit_id);
	if (old.active != (p->active != 0))
		buf_puts(&d, p->active ? " activated" : " deactivated");
	rc = audit_append(ctx, "person_update", "person", p->id, buf_cstr(&d));
	buf_free(&d);
	return rc < 0 ? rc : 0;
}

int
org_person_exists(struct ctx *ctx, int64_t id)
{
	struct person p;

	return id > 0 && org_person_get(ctx, id, &p) == 0;
}

int64_t
org_person_count(struct ctx *ctx)
{
	struct dbstmt	*st;
	int64_t		 n = -1;

	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_PERSON_COUNT, &st)
	    != DB_OK)
		return -1;
	if (db_step(st) == DB_ROW)
		n = db_col_int(st, 0);
	db_reset(st);
	return n;
}

int
org_unit_staff_holders(struct ctx *ctx, enum role role, org_staff_fn staff,
    void *staff_arg, org_holder_fn holder, void *holder_arg)
{
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_UNIT_STAFF_HOLDERS, &st)) != DB_OK)
		return rc;
	db_bind_text(st, 2, role_name(role));
	while ((rc = db_step(st)) == DB_ROW) {
		if (db_col_int(st, 0) == 0)
			staff(staff_arg, db_col_int(st, 1), db_col_int(st, 2));
		else
			holder(holder_arg, db_col_int(st, 1), db_col_int(st, 2),
			    db_col_text(st, 3) != NULL ? db_col_text(st, 3) : "");
	}
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

int
org_person_search(struct ctx *ctx, const char *query, int limit,
    struct person **out, size_t *n)
{
	struct dbstmt	*st;
	struct person	*v;
	char		*pat, *q;
	const char	*p;
	size_t		 len = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	if (query == NULL || limit <= 0)
		return DB_OK;
	/* %query%, lower-cased (ASCII here; the database lowers the rest of
	 * the column as it can), with the LIKE wildcards taken literally. */
	if ((pat = arena_alloc(ctx->arena, strlen(query) * 2 + 3)) == NULL ||
	    (v = arena_alloc(ctx->arena, (size_t)limit * sizeof(*v))) == NULL)
		return DB_ERR;
	q = pat;
	*q++ = '%';
	for (p = query; *p != '\0'; p++) {
		if (*p == '%' || *p == '_' || *p == '\\')
			*q++ = '\\';
		*q++ = (*p >= 'A' && *p <= 'Z') ? (char)(*p - 'A' + 'a') : *p;
	}
	*q++ = '%';
	*q = '\0';
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_PERSON_SEARCH,
	    &st)) != DB_OK)
		return rc;
	db_bind_text(st, 2, pat);
	db_bind_int(st, 3, limit);
	while (len < (size_t)limit) {
		if ((rc = db_step(st)) == DB_DONE)
			break;
		if (rc != DB_ROW || (rc = person_fill(ctx, st, &v[len++])) != DB_OK)
			goto out;
	}
	rc = DB_OK;
	*out = v;
	*n = len;
out:
	db_reset(st);
	return rc;
}

/* Sign-in by an identity provider (sso/) names a person by a login or an
 * e-mail address, compared without case. An address two people share
 * names neither: the query sees both and refuses. */
static const char SQL_PERSON_BY_NAME_CI[] =
    "SELECT " PERSON_COLS " FROM people WHERE tenant_id = $1"
    " AND (lower(login) = lower($2) OR lower(email) = lower($2))"
    " ORDER BY CASE WHEN lower(login) = lower($2) THEN 0 ELSE 1 END, id"
    " LIMIT 2";

int
org_person_by_sso_name(struct ctx *ctx, const char *name, struct person *out)
{
	struct dbstmt	*st;
	struct person	 second;
	int		 rc;

	if (name == NULL || *name == '\0')
		return -1;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id,
	    SQL_PERSON_BY_NAME_CI, &st)) != DB_OK)
		return rc;
	db_bind_text(st, 2, name);
	rc = db_step(st);
	if (rc == DB_ROW && (rc = person_fill(ctx, st, out)) == DB_OK) {
		rc = db_step(st);
		if (rc == DB_ROW && person_fill(ctx, st, &second) == DB_OK &&
		    strcasecmp(out->login, name) != 0)
			rc = -2;	/* two people by e-mail: ambiguous */
		else
			rc = rc == DB_ROW || rc == DB_DONE ? 0 : rc;
	} else if (rc == DB_DONE)
		rc = -1;
	db_reset(st);
	return rc;
}
