/* accused.c: who a report is about. The reporter picks a person from a
 * search of the municipality's people and elected officials, or types a
 * name; a typed name is matched against the people (case and diacritics
 * do not matter), and only a unique match counts. Anything else leaves the
 * case "accused not confirmed", which its handlers are shown until one of
 * them sets who it concerns.
 *
 * The search is open to the public form, so it is built against
 * enumeration: at least WB_SEARCH_MIN characters, at most WB_SEARCH_MAX
 * answers, only a name and a unit or party to tell people apart, and a
 * budget of searches per client kept in memory (never on disk: the
 * addresses of people searching the whistleblowing form must not be
 * stored). */
#include "whistle/wb_int.h"

#include <pthread.h>
#include <sodium.h>
#include <string.h>

#include "ctx.h"
#include "i18n.h"
#include "store/store.h"
#include "util/arena.h"

/* U+00C0..U+00FF folded to ASCII (NULL: not a letter, kept as a space).
 * Hand-written because the letters that matter are few and a Norwegian
 * name must match whether typed as "Sæther" or "Saether"; glibc's iconv
 * transliteration depends on the process locale, which a server does not
 * set. */
static const char *const latin1[64] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y",
};

char *
wb_name_fold(struct ctx *ctx, const char *s)
{
	struct buf	 b;
	const unsigned char *p;
	const char	*f;
	char		*out, *w, *r;
	int		 space = 1;

	if (s == NULL)
		return NULL;
	buf_init(&b, 4 * WB_SHORT_MAX);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		f = NULL;
		if (*p < 0x80) {
			if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
				buf_putc(&b, (char)*p);
				space = 0;
			} else if (*p >= 'A' && *p <= 'Z') {
				buf_putc(&b, (char)(*p - 'A' + 'a'));
				space = 0;
			} else if (!space) {
				buf_putc(&b, ' ');
				space = 1;
			}
			continue;
		}
		if ((p[0] == 0xc3) && p[1] >= 0x80 && p[1] <= 0xbf) {
			f = latin1[p[1] - 0x80];
			p++;
		} else {
			/* Another letter: kept as its bytes. */
			while ((p[1] & 0xc0) == 0x80) {
				buf_putc(&b, (char)*p);
				p++;
			}
			buf_putc(&b, (char)*p);
			space = 0;
			continue;
		}
		if (f != NULL) {
			buf_puts(&b, f);
			space = 0;
		} else if (!space) {
			buf_putc(&b, ' ');
			space = 1;
		}
	}
	if (buf_failed(&b) || (out = arena_strdup(ctx->arena, buf_cstr(&b))) == NULL) {
		buf_free(&b);
		return NULL;
	}
	buf_free(&b);
	/* "aa" is the old spelling of "å" (Aasen, Åsen): both become "a". */
	for (r = w = out; *r != '\0'; r++) {
		if (r[0] == 'a' && r[1] == 'a')
			r++;
		*w++ = *r;
	}
	*w = '\0';
	if (w > out && w[-1] == ' ')
		w[-1] = '\0';
	return out;
}

/* "Sæther, Bjørn" is "Bjørn Sæther". */
static char *
swap_comma(struct ctx *ctx, const char *s)
{
	const char *c = strchr(s, ',');

	if (c == NULL)
		return NULL;
	return arena_printf(ctx->arena, "%s %.*s", c + 1, (int)(c - s), s);
}

int
wb_accused_resolve(struct ctx *ctx, const struct wb_report *r, int64_t *accused_id,
    int *named)
{
	struct person	 p, *v;
	const char	*want, *alt;
	size_t		 n, i;
	int64_t		 found = 0;
	int		 rc, hits = 0;

	*accused_id = 0;
	*named = r->accused_id > 0 || !wb_blank(r->accused_login) ||
	    !wb_blank(r->accused_name);
	if (r->accused_id > 0) {
		if (org_person_get(ctx, r->accused_id, &p) == 0 && p.active)
			*accused_id = p.id;
		return 0;
	}
	if (!wb_blank(r->accused_login) &&
	    org_person_by_login(ctx, r->accused_login, &p) == 0 && p.active) {
		*accused_id = p.id;
		return 0;
	}
	if (wb_blank(r->accused_name))
		return 0;
	if ((want = wb_name_fold(ctx, r->accused_name)) == NULL)
		return DB_ERR;
	alt = swap_comma(ctx, r->accused_name);
	alt = alt != NULL ? wb_name_fold(ctx, alt) : NULL;
	if ((rc = org_person_list(ctx, &v, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		const char *f;

		if (!v[i].active || (f = wb_name_fold(ctx, v[i].name)) == NULL)
			continue;
		if (strcmp(f, want) == 0 || (alt != NULL && strcmp(f, alt) == 0)) {
			hits++;
			found = v[i].id;
		}
	}
	if (hits == 1)
		*accused_id = found;
	return 0;
}

/* --- the search ------------------------------------------------------------ */

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
		hits[len].party = v[i].party != NULL && !wb_blank(v[i].party) ?
		    v[i].party : NULL;
		len++;
	}
	*out = hits;
	*n = len;
	return 0;
}

/* --- setting who it concerns, after intake ---------------------------------- */

static const char SQL_CURRENT[] =
    "SELECT person_id, basis FROM whistle_handlers WHERE tenant_id = $1"
    " AND case_id = $2 AND recused_at IS NULL ORDER BY id";

/* Current handlers and their basis (arena lists). */
static int
current_handlers(struct ctx *ctx, int64_t case_id, struct wb_list *out)
{
	struct dbstmt	*st;
	int		 rc;

	memset(out, 0, sizeof(*out));
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_CURRENT,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, case_id);
	while ((rc = db_step(st)) == DB_ROW)
		if (wb_list_add(ctx, out, db_col_int(st, 0),
		    arena_strdup(ctx->arena, db_col_text(st, 1))) < 0) {
			rc = DB_ERR;
			break;
		}
	db_reset(st);
	return rc == DB_DONE ? 0 : (rc < 0 ? rc : DB_ERR);
}

/* Procedure 4 once the accused is known: their party's group leader (the
 * party's elected members when the accused leads the group), unless such
 * a handler is already on the case. */
static int
add_party_rule(struct ctx *ctx, int64_t accused_id, const struct wb_list *cur,
    const struct wb_list *skip, struct wb_list *add)
{
	int64_t		 *ids;
	const char	**parties, *party;
	size_t		  n, i;
	int		  rc, gl = 0;

	if (accused_id <= 0 || (party = wb_person_party(ctx, accused_id)) == NULL)
		return 0;
	for (i = 0; i < cur->n; i++)
		if (strcmp(cur->basis[i], "group_leader") == 0 ||
		    strcmp(cur->basis[i], "party_group") == 0)
			return 0;
	if ((rc = wb_role_holders(ctx, ROLE_GROUP_LEADER, -1, &ids, &parties,
	    &n)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if (ids[i] == accused_id)
			gl = 1;
	return gl ? wb_add_role(ctx, ROLE_ELECTED, "party_group", skip, party,
	    NULL, add) : wb_add_role(ctx, ROLE_GROUP_LEADER, "group_leader", skip,
	    party, NULL, add);
}

int
wb_set_accused(struct ctx *ctx, int64_t case_id, const struct wb_case *meta,
    struct wb_content *c, const unsigned char key[VAULT_KEY],
    int64_t person_id, const char *name, const char **err)
{
	struct wb_report probe;
	struct wb_list	 ex, cur, skip, add;
	struct person	 p;
	int64_t		 aid = 0;
	const char	*login = NULL;
	char		*msg;
	size_t		 i, left = 0;
	int		 rc, named, admin;

	memset(&ex, 0, sizeof(ex));
	memset(&add, 0, sizeof(add));
	if (person_id > 0) {
		if (org_person_get(ctx, person_id, &p) != 0 || !p.active) {
			*err = "person_id";
			return WB_ERR_INVALID;
		}
		aid = p.id;
		name = p.name;
		login = p.login;
	} else if (!wb_blank(name) && strlen(name) <= WB_SHORT_MAX) {
		memset(&probe, 0, sizeof(probe));
		probe.accused_name = name;
		if ((rc = wb_accused_resolve(ctx, &probe, &aid, &named)) != 0)
			return rc;
		if (aid > 0 && org_person_get(ctx, aid, &p) == 0)
			login = p.login;
	} else {
		*err = person_id < 0 ? "person_id" : "accused_name";
		return WB_ERR_INVALID;
	}
	c->r.accused_id = aid;
	c->r.accused_name = name;
	c->r.accused_login = login;
	c->accused_id = aid;
	c->unconfirmed = aid == 0;
	/* Whoever was excluded stays excluded: a correction never lets the
	 * person first named (or their party) in. */
	for (i = 0; i < c->nexcluded; i++)
		if (wb_list_add(ctx, &ex, c->excluded[i], "") < 0)
			return DB_ERR;
	if ((rc = wb_exclude_for(ctx, meta->procedure, aid, &ex)) != 0)
		return rc;
	c->excluded = ex.v;
	c->nexcluded = ex.n;
	if ((rc = wb_content_store(ctx, key, case_id, c)) != 0)
		return rc;
	/* Recusal at once: those now excluded leave, their copies wiped. */
	if ((rc = current_handlers(ctx, case_id, &cur)) != 0)
		return rc;
	for (i = 0; i < cur.n; i++) {
		admin = wb_is_admin(ctx, cur.v[i]);
		if (admin < 0)
			return admin;
		if (wb_content_excludes(c, cur.v[i]) || admin) {
			if ((rc = wb_handler_remove(ctx, case_id, cur.v[i])) != 0 ||
			    (rc = wb_event_add(ctx, case_id, 0, "handler_excluded",
			    NULL, NULL)) != 0)
				return rc;
			cur.basis[i] = "";
		} else
			left++;
	}
	if ((rc = wb_skip_list(ctx, case_id, c, key, &skip)) != 0)
		return rc;
	if (meta->procedure == 4 && (rc = add_party_rule(ctx, aid, &cur, &skip,
	    &add)) < 0)
		return rc;
	if (left == 0 && add.n == 0 && (rc = wb_add_fallback(ctx, &skip, &add)) < 0)
		return rc;
	msg = arena_printf(ctx->arena, _("New whistleblowing case %s"), meta->number);
	for (i = 0; i < add.n; i++) {
		if ((rc = wb_handler_add(ctx, case_id, add.v[i], add.basis[i],
		    key)) < 0)
			return rc;
		if (rc == 1 && msg != NULL && (rc = wb_notify(ctx, add.v[i], msg)) != 0)
			return rc;
	}
	if (add.n > 0 && (rc = wb_event_add(ctx, case_id, 0, "routed_on", NULL,
	    NULL)) != 0)
		return rc;
	return wb_event_add(ctx, case_id, 0, "accused_set", key, name);
}

/* --- what a handler sees before declaring impartiality ------------------------ */

int
whistle_case_concerns(struct ctx *ctx, int64_t id, const unsigned char sk[VAULT_SK],
    const char **name, int *confirmed)
{
	struct wb_case		 meta;
	struct wb_content	 c;
	unsigned char		 key[VAULT_KEY];
	int			 rc;

	*name = NULL;
	*confirmed = 1;
	if ((rc = whistle_case_get(ctx, id, &meta)) != 0)
		return rc;
	if ((rc = wb_handler_key(ctx, id, sk, key)) != 0)
		return rc;
	rc = wb_content_open(ctx, key, id, &c);
	sodium_memzero(key, sizeof(key));
	if (rc != 0)
		return rc;
	if (wb_content_excludes(&c, ctx->user->id))
		return WB_ERR_NOTFOUND;
	*name = c.r.accused_name != NULL ? c.r.accused_name : c.r.accused_login;
	*confirmed = !c.unconfirmed;
	return wb_audit_read(ctx, id, 0);
}
