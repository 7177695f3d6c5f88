/* util.c: the small helpers the deviation files share: transactions that
 * join the caller's, arena vectors, text checks, and the walks up the unit
 * tree that routing, escalation and visibility are built on. */
#include "deviation/dev_int.h"

#include <ctype.h>
#include <string.h>

#include "ctx.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"


/* The arena vector helper, under the name the deviation files use. */
int
dev_vec_grow(struct ctx *ctx, void **v, size_t len, size_t *cap, size_t sz)
{
	return arena_grow(ctx->arena, v, len, cap, sz);
}

size_t
dev_utf8_len(const char *s)
{
	size_t n = 0;

	for (; s != NULL && *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

int
dev_blank(const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		if (!isspace((unsigned char)*s))
			return 0;
	return 1;
}

int64_t
dev_unit_parent(struct ctx *ctx, int64_t unit_id)
{
	return org_unit_parent(ctx, unit_id);
}

int64_t
dev_unit_parent_open(struct ctx *ctx, int64_t unit_id)
{
	return org_unit_parent_open(ctx, unit_id);
}

int64_t
dev_unit_root(struct ctx *ctx, int64_t unit_id)
{
	int64_t	cur = unit_id, p;
	int	i;

	for (i = 0; i < DEV_DEPTH_MAX; i++) {
		if ((p = dev_unit_parent(ctx, cur)) < 0)
			return -1;
		if (p == 0)
			return cur;
		cur = p;
	}
	return -1;
}

/* A leader is an active person holding the role for exactly that unit
 * (org_role_holders). */
int
dev_unit_has_leader(struct ctx *ctx, int64_t unit_id)
{
	int64_t	*ids;
	size_t	 n;
	int	 rc;

	if ((rc = org_role_holders(ctx, ROLE_LEADER, unit_id, &ids, NULL, &n))
	    != 0)
		return rc;
	return n > 0;
}

/* dev_nearest_led, with the leaders it found there in *ids (arena; *n of
 * them, none when it found no led unit): whoever asks for the leaders
 * next has them without reading them again. */
static int64_t
nearest_led_leaders(struct ctx *ctx, int64_t from, int strictly_above,
    int64_t **ids, size_t *n)
{
	int64_t	cur = from;
	int	i, rc;

	*ids = NULL;
	*n = 0;
	if (strictly_above && (cur = dev_unit_parent(ctx, from)) <= 0)
		return cur < 0 ? DB_ERR : 0;
	for (i = 0; i < DEV_DEPTH_MAX && cur > 0; i++) {
		if ((rc = org_role_holders(ctx, ROLE_LEADER, cur, ids, NULL,
		    n)) != 0)
			return rc;
		if (*n > 0)
			return cur;
		if ((cur = dev_unit_parent(ctx, cur)) < 0)
			return DB_ERR;
	}
	return 0;
}

int64_t
dev_nearest_led(struct ctx *ctx, int64_t from, int strictly_above)
{
	int64_t	*ids;
	size_t	 n;

	return nearest_led_leaders(ctx, from, strictly_above, &ids, &n);
}

int64_t
deviation_concerned_unit(struct ctx *ctx, int64_t unit_id)
{
	int64_t l = dev_nearest_led(ctx, unit_id, 0);

	return l < 0 ? 0 : l;
}

int
dev_role_holders(struct ctx *ctx, const char *role, int64_t unit_id,
    int64_t **ids, size_t *n)
{
	enum role r;

	*ids = NULL;
	*n = 0;
	if (role_parse(role, &r) != 0)
		return DB_ERR;
	return org_role_holders(ctx, r, unit_id < 0 ? 0 : unit_id, ids, NULL, n);
}

int
dev_drop_leaders(struct ctx *ctx, int64_t unit_id, int64_t *ids, size_t *n)
{
	int64_t	*k;
	size_t	 nk, i, j, m;
	int	 rc;

	if (unit_id <= 0)
		return 0;
	if ((rc = dev_role_holders(ctx, "leader", unit_id, &k, &nk)) != 0)
		return rc;
	for (i = m = 0; i < *n; i++) {
		for (j = 0; j < nk && k[j] != ids[i]; j++)
			;
		if (j == nk)
			ids[m++] = ids[i];
	}
	*n = m;
	return 0;
}

/* Leaders of the led unit found from `from`, else the chief executives;
 * `except` removed. */
static int
leaders_or_ce(struct ctx *ctx, int64_t from, int strictly_above, int64_t except,
    int64_t **ids, size_t *n)
{
	int64_t	led;
	size_t	i, k;
	int	rc;

	if ((led = nearest_led_leaders(ctx, from, strictly_above, ids,
	    n)) < 0)
		return (int)led;
	if (led == 0 && (rc = dev_role_holders(ctx, "chief_executive", 0, ids,
	    n)) != 0)
		return rc;
	for (i = k = 0; i < *n; i++)
		if ((*ids)[i] != except || except == 0)
			(*ids)[k++] = (*ids)[i];
	*n = k;
	return 0;
}

int
dev_handlers(struct ctx *ctx, int64_t handler_unit, int64_t except,
    int64_t **ids, size_t *n)
{
	return leaders_or_ce(ctx, handler_unit, 0, except, ids, n);
}

int
dev_escalation_targets(struct ctx *ctx, int64_t handler_unit, int64_t **ids,
    size_t *n)
{
	return leaders_or_ce(ctx, handler_unit, 1, 0, ids, n);
}

/* Remove from ids (n of them) every id in drop (nd of them). */
static void
ids_without(int64_t *ids, size_t *n, const int64_t *drop, size_t nd)
{
	size_t i, j, m;

	for (i = m = 0; i < *n; i++) {
		for (j = 0; j < nd && drop[j] != ids[i]; j++)
			;
		if (j == nd)
			ids[m++] = ids[i];
	}
	*n = m;
}

int
dev_top_handlers(struct ctx *ctx, const char *role, int64_t handler_unit,
    int64_t except, int64_t **ids, size_t *n)
{
	int64_t		*v = NULL, *drop;
	size_t		 len = 0, nd;
	enum role	 r;
	int		 rc;

	*ids = NULL;
	*n = 0;
	/* Holders of the role for any unit or the whole tenant. */
	if (role_parse(role, &r) != 0)
		return DB_ERR;
	if ((rc = org_role_holders(ctx, r, -1, &v, NULL, &len)) != 0)
		return rc;
	/* Never the person it concerns: the chief executive, and whoever
	 * leads the unit it was kept from. */
	if ((rc = dev_role_holders(ctx, "chief_executive", 0, &drop, &nd)) != 0)
		return rc;
	ids_without(v, &len, drop, nd);
	if ((rc = dev_role_holders(ctx, "leader", handler_unit, &drop, &nd)) != 0)
		return rc;
	ids_without(v, &len, drop, nd);
	ids_without(v, &len, &except, except > 0 ? 1 : 0);
	*ids = v;
	*n = len;
	return 0;
}

int
dev_handlers_for(struct ctx *ctx, int64_t handler_unit, const char *handler_role,
    int64_t except, int64_t **ids, size_t *n)
{
	if (handler_role != NULL && *handler_role != '\0')
		return dev_top_handlers(ctx, handler_role, handler_unit, except,
		    ids, n);
	return dev_handlers(ctx, handler_unit, except, ids, n);
}

int
dev_is_overdue(const struct deviation *d, int64_t now)
{
	if (d->status == DEV_CLOSED)
		return 0;
	if (d->due_at > 0 && now > d->due_at)
		return 1;
	return d->status == DEV_NEW && d->ack_due_at > 0 && now > d->ack_due_at;
}
