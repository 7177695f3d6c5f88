/* accused.c: who a report is about. The reporter picks a person from a
 * search of the municipality's people and elected officials, or types a
 * name; a typed name is matched against the people (case and diacritics
 * do not matter), and only a unique match counts. Anything else leaves the
 * case "accused not confirmed", which its handlers are shown until one of
 * them sets who it concerns.
 *
 * The search itself is in search.c. */
#include "whistle/wb_int.h"

#include <sodium.h>
#include <string.h>

#include "ctx.h"
#include "i18n/i18n.h"
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
	*named = r->accused_id > 0 || !text_blank(r->accused_login) ||
	    !text_blank(r->accused_name);
	if (r->accused_id > 0) {
		if (org_person_get(ctx, r->accused_id, &p) == 0 && p.active)
			*accused_id = p.id;
		return 0;
	}
	if (!text_blank(r->accused_login) &&
	    org_person_by_login(ctx, r->accused_login, &p) == 0 && p.active) {
		*accused_id = p.id;
		return 0;
	}
	if (text_blank(r->accused_name))
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

/* Whether every word of folded text is a word of folded name (a word of
 * one letter: the first letter of one), at least one a whole word. */
static int
words_in(const char *text, const char *name)
{
	const char	*t, *nw;
	size_t		 tl, nl;
	int		 whole = 0, hit;

	for (t = text; *t != '\0'; t += tl + (t[tl] == ' ')) {
		tl = strcspn(t, " ");
		if (tl == 0)
			return 0;
		hit = 0;
		for (nw = name; *nw != '\0' && !hit; nw += nl + (nw[nl] == ' ')) {
			nl = strcspn(nw, " ");
			if (nl == 0)
				break;
			if (tl == nl && strncmp(t, nw, tl) == 0) {
				hit = 1;
				whole = 1;
			} else if (tl == 1 && *t == *nw)
				hit = 1;
		}
		if (!hit)
			return 0;
	}
	return whole;
}

/* Whether a whole word of folded name (two letters or more) is a whole
 * word of folded text: "HR-sjefen Bente" could name every Bente, as
 * "Bente" alone does, so a word around the name must not let her handle. */
static int
shares_word(const char *text, const char *name)
{
	const char	*t, *nw;
	size_t		 tl, nl;

	for (nw = name; *nw != '\0'; nw += nl + (nw[nl] == ' ')) {
		if ((nl = strcspn(nw, " ")) == 0)
			return 0;
		if (nl < 2)
			continue;
		for (t = text; *t != '\0'; t += tl + (t[tl] == ' ')) {
			if ((tl = strcspn(t, " ")) == 0)
				break;
			if (tl == nl && strncmp(t, nw, tl) == 0)
				return 1;
		}
	}
	return 0;
}

int
wb_accused_possible(struct ctx *ctx, int procedure, const char *name,
    struct wb_list *out)
{
	struct person	*v;
	const char	*want, *f;
	size_t		 n, i;
	int		 rc;

	if (text_blank(name))
		return 0;
	if ((want = wb_name_fold(ctx, name)) == NULL)
		return DB_ERR;
	if ((rc = org_person_list(ctx, &v, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (!v[i].active || (f = wb_name_fold(ctx, v[i].name)) == NULL)
			continue;
		if (!words_in(want, f) && (strchr(f, ' ') == NULL ||
		    !words_in(f, want)) && !shares_word(want, f))
			continue;
		if ((rc = wb_exclude_for(ctx, procedure, v[i].id, out)) != 0)
			return rc;
	}
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
	} else if (!text_blank(name) && strlen(name) <= WB_SHORT_MAX) {
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
	if ((rc = wb_exclude_for(ctx, meta->procedure, aid, &ex)) != 0 ||
	    (aid == 0 && (rc = wb_accused_possible(ctx, meta->procedure, name,
	    &ex)) != 0))
		return rc;
	c->excluded = ex.v;
	c->nexcluded = ex.n;
	if ((rc = wb_content_store(ctx, key, case_id, c)) != 0)
		return rc;
	/* Recusal at once: those now excluded leave, their copies wiped. */
	if ((rc = current_handlers(ctx, case_id, &cur)) != 0)
		return rc;
	for (i = 0; i < cur.n; i++) {
		admin = wb_barred(ctx, cur.v[i]);
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
