/* search.c: the search the report form uses to pick whom a report
 * concerns (whistle_people_search). It is open to the public form, so it
 * is built against enumeration: at least WB_SEARCH_MIN characters, at most
 * WB_SEARCH_MAX answers, only a name and a unit or party to tell people
 * apart, and a budget of searches per client kept in memory (never on
 * disk: the addresses of people searching the whistleblowing form must not
 * be stored). Names are folded as for matching (wb_name_fold). */
#include "whistle/wb_int.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "store/store.h"
#include "util/arena.h"

#define SEARCH_SLOTS	512
#define SEARCH_WINDOW	(10 * 60)
struct slot {
	unsigned char	tag[16];	/* keyed hash of tenant and client */
	int64_t		start;
	int		count;
};
static struct slot	slots[SEARCH_SLOTS];
static unsigned char	slot_key[crypto_generichash_KEYBYTES];
static int		slot_key_made;
static pthread_mutex_t	slot_lock = PTHREAD_MUTEX_INITIALIZER;

/* Seconds to wait before this client may search again (0: now), counting
 * this search when it may. The client is remembered only as a keyed hash
 * with a key made at start and never stored. */
static int64_t
search_budget(struct ctx *ctx)
{
	unsigned char	 tag[16];
	char		 in[320];
	struct slot	*s, *oldest = NULL;
	int64_t		 wait = 0;
	size_t		 i;

	/* A signed-in person by account, anyone else by address. */
	if (ctx->user != NULL)
		snprintf(in, sizeof(in), "%lld/u/%lld", (long long)ctx->tenant_id,
		    (long long)ctx->user->id);
	else
		snprintf(in, sizeof(in), "%lld/a/%s", (long long)ctx->tenant_id,
		    ctx->remote_addr != NULL ? ctx->remote_addr : "");
	pthread_mutex_lock(&slot_lock);
	if (!slot_key_made) {
		randombytes_buf(slot_key, sizeof(slot_key));
		slot_key_made = 1;
	}
	crypto_generichash(tag, sizeof(tag), (const unsigned char *)in, strlen(in),
	    slot_key, sizeof(slot_key));
	for (i = 0, s = NULL; i < SEARCH_SLOTS; i++) {
		if (sodium_memcmp(slots[i].tag, tag, sizeof(tag)) == 0 &&
		    slots[i].count > 0) {
			s = &slots[i];
			break;
		}
		if (oldest == NULL || slots[i].start < oldest->start)
			oldest = &slots[i];
	}
	if (s == NULL) {
		s = oldest;
		memcpy(s->tag, tag, sizeof(tag));
		s->start = ctx->now;
		s->count = 0;
	}
	if (ctx->now - s->start >= SEARCH_WINDOW || ctx->now < s->start) {
		s->start = ctx->now;
		s->count = 0;
	}
	if (s->count >= WB_SEARCH_BUDGET)
		wait = s->start + SEARCH_WINDOW - ctx->now;
	else
		s->count++;
	pthread_mutex_unlock(&slot_lock);
	sodium_memzero(in, sizeof(in));
	return wait > 0 ? wait : 0;
}

/* Whether folded name has a word starting with folded q. */
static int
word_prefix(const char *name, const char *q)
{
	size_t		 ql = strlen(q);
	const char	*p = name;

	for (;;) {
		if (strncmp(p, q, ql) == 0)
			return 1;
		if ((p = strchr(p, ' ')) == NULL)
			return 0;
		p++;
	}
}

/* Number of characters (not bytes) in a UTF-8 string. */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

int
whistle_people_search(struct ctx *ctx, const char *q,
    struct wb_person_hit **out, size_t *n, int64_t *retry_after)
{
	struct person		*v;
	struct wb_person_hit	*hits;
	struct unit		 u;
	const char		*fq, *f;
	size_t			 np, i, len = 0;
	int			 rc;

	*out = NULL;
	*n = 0;
	*retry_after = 0;
	if (q == NULL || chars(q) < WB_SEARCH_MIN || strlen(q) > WB_SHORT_MAX)
		return WB_ERR_INVALID;
	if ((fq = wb_name_fold(ctx, q)) == NULL)
		return DB_ERR;
	if (chars(fq) < WB_SEARCH_MIN)
		return WB_ERR_INVALID;
	if ((*retry_after = search_budget(ctx)) > 0)
		return WB_ERR_THROTTLED;
	if ((rc = org_person_list(ctx, &v, &np)) != 0)
		return rc;
	if ((hits = arena_alloc(ctx->arena, WB_SEARCH_MAX * sizeof(*hits))) == NULL)
		return DB_ERR;
	for (i = 0; i < np && len < WB_SEARCH_MAX; i++) {
		if (!v[i].active || (f = wb_name_fold(ctx, v[i].name)) == NULL ||
		    !word_prefix(f, fq))
			continue;
		memset(&hits[len], 0, sizeof(hits[len]));
		hits[len].id = v[i].id;
		hits[len].name = v[i].name;
		if (v[i].unit_id > 0 && org_unit_get(ctx, v[i].unit_id, &u) == 0)
			hits[len].unit = u.name;
		hits[len].party = v[i].party != NULL && !text_blank(v[i].party) ?
		    v[i].party : NULL;
		len++;
	}
	*out = hits;
	*n = len;
	return 0;
}

