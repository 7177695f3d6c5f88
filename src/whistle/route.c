/* route.c: whom a report goes to, by Vestby's four procedures (seeds/004,
 * vedlegg 1-4), and routing on after a handler recuses.
 *
 * The one invariant everything here keeps: the accused, and whoever a rule
 * excludes (members of the accused's party in formannskap, the leaders a
 * report about "my nearest leader" concerns), are never handlers. The
 * excluded set is returned to the caller, stored only inside the encrypted
 * content, and read back whenever handlers are added later. */
#include "whistle/wb_int.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ctx.h"
#include "i18n/i18n.h"
#include "store/store.h"
#include "util/arena.h"

static const char SQL_REROUTE_GET[] =
    "SELECT reroute, number, procedure FROM whistle_cases"
    " WHERE tenant_id = $1 AND id = $2";
static const char SQL_REROUTE_CLEAR[] =
    "UPDATE whistle_cases SET reroute = 0, updated_at = $3"
    " WHERE tenant_id = $1 AND id = $2";

static int
same_party(const char *a, const char *b)
{
	return a != NULL && b != NULL && strcasecmp(a, b) == 0;
}

int
wb_add_role(struct ctx *ctx, enum role role, const char *basis,
    const struct wb_list *skip, const char *only_party, const char *not_party,
    struct wb_list *out)
{
	int64_t		 *ids;
	const char	**party;
	size_t		  n, i;
	int		  rc, added = 0;

	if ((rc = wb_role_holders(ctx, role, -1, &ids, &party, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++) {
		if (wb_list_has(skip, ids[i]))
			continue;
		if (only_party != NULL && !same_party(party[i], only_party))
			continue;
		if (not_party != NULL && same_party(party[i], not_party))
			continue;
		if ((rc = wb_list_add(ctx, out, ids[i], basis)) < 0)
			return rc;
		added += rc;
	}
	return added;
}

int
wb_add_fallback(struct ctx *ctx, const struct wb_list *skip, struct wb_list *out)
{
	int rc, added;

	if ((rc = wb_add_role(ctx, ROLE_HR_HEAD, "hr_head", skip, NULL, NULL,
	    out)) != 0)
		return rc;
	if ((rc = wb_add_role(ctx, ROLE_CHIEF_EXECUTIVE, "chief_executive",
	    skip, NULL, NULL, out)) != 0)
		return rc;
	/* The chief executive kept out as well ("personalsjefen og
	 * rådmannen" sent to HR): the mayor, the chief executive's nearest
	 * superior, with the opposition leader, as procedure 2 (seeds/004
	 * vedlegg 2), rather than nobody and a refused report. */
	if ((rc = wb_add_role(ctx, ROLE_MAYOR, "mayor", skip, NULL, NULL,
	    out)) < 0)
		return rc;
	added = rc;
	if ((rc = wb_add_role(ctx, ROLE_OPPOSITION_LEADER, "opposition_leader",
	    skip, NULL, NULL, out)) < 0)
		return rc;
	return added + rc;
}

static int
party_cmp(const void *a, const void *b)
{
	return strcasecmp(*(const char *const *)a, *(const char *const *)b);
}

int
whistle_parties(struct ctx *ctx, const char ***out, size_t *n)
{
	static const enum role roles[] = { ROLE_ELECTED, ROLE_GROUP_LEADER };
	int64_t		 *ids;
	const char	**party, **v = NULL;
	size_t		  cap = 0, len = 0, k, i, j, nh;
	int		  rc;

	*out = NULL;
	*n = 0;
	/* org's holders, not wb_role_holders: a party is known whoever of
	 * it may handle cases, and the per-holder check of the latter cost
	 * the public form 30 % more CPU per view. */
	for (k = 0; k < sizeof(roles) / sizeof(roles[0]); k++) {
		if ((rc = org_role_holders(ctx, roles[k], -1, &ids, &party,
		    &nh)) != 0)
			return rc;
		for (i = 0; i < nh; i++) {
			if (party[i] == NULL || text_blank(party[i]))
				continue;
			for (j = 0; j < len && !same_party(v[j], party[i]); j++)
				;
			if (j < len)
				continue;
			if (arena_grow(ctx->arena, (void **)&v, len, &cap,
			    sizeof(*v)) != 0)
				return DB_ERR;
			v[len++] = party[i];
		}
	}
	if (len > 1)
		qsort(v, len, sizeof(*v), party_cmp);
	*out = v;
	*n = len;
	return 0;
}

int
wb_party_known(struct ctx *ctx, const char *party, const char **canon)
{
	const char	**v;
	size_t		  n, i;
	int		  rc;

	*canon = NULL;
	if (party == NULL || text_blank(party))
		return 0;
	if ((rc = whistle_parties(ctx, &v, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if (same_party(v[i], party)) {
			*canon = v[i];
			return 1;
		}
	return 0;
}

/* Procedure 4's receivers for party (seeds/004 vedlegg 4): its group
 * leader, or the party group (its elected members) when a group leader
 * of the party is excluded (the accused, or whom the words could name) or
 * when every group leader of it is to be skipped (the reporter). skip:
 * excluded and the reporter. Returns how many were added. */
static int
add_party_receivers(struct ctx *ctx, const char *party,
    const struct wb_list *excluded, const struct wb_list *skip,
    struct wb_list *out)
{
	int64_t		 *ids;
	const char	**parties;
	size_t		  n, i;
	int		  rc, gl_out = 0, added = 0;

	if ((rc = wb_role_holders(ctx, ROLE_GROUP_LEADER, -1, &ids, &parties,
	    &n)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if (same_party(parties[i], party) && wb_list_has(excluded, ids[i]))
			gl_out = 1;
	if (!gl_out && (added = wb_add_role(ctx, ROLE_GROUP_LEADER,
	    "group_leader", skip, party, NULL, out)) != 0)
		return added;
	return wb_add_role(ctx, ROLE_ELECTED, "party_group", skip, party, NULL,
	    out);
}

/* The leaders of the nearest unit at or above `unit` that has leaders,
 * climbing past a level whose leaders include the accused (or, with
 * about_nearest, the first level: those leaders are the accused and join
 * `excluded`) and past a level where every leader is to be skipped (the
 * reporter leading their own unit). Returns how many were added. */
static int
add_nearest_leader(struct ctx *ctx, int64_t unit, int64_t accused_id,
    int about_nearest, const struct wb_list *skip, struct wb_list *excluded,
    struct wb_list *out)
{
	int64_t		 *ids, cur = unit;
	const char	**party;
	size_t		  n, i;
	int		  rc, level = 0, depth, accused_here, added;

	for (depth = 0; depth < WB_DEPTH_MAX && cur > 0; depth++) {
		if ((rc = wb_role_holders(ctx, ROLE_LEADER, cur, &ids, &party,
		    &n)) != 0)
			return rc;
		if (n > 0) {
			accused_here = level == 0 && about_nearest;
			for (i = 0; i < n; i++)
				if (accused_id > 0 && ids[i] == accused_id)
					accused_here = 1;
			if (level == 0 && about_nearest)
				for (i = 0; i < n; i++)
					if (wb_list_add(ctx, excluded, ids[i], "") < 0)
						return DB_ERR;
			if (!accused_here) {
				added = 0;
				for (i = 0; i < n; i++) {
					if (wb_list_has(skip, ids[i]) ||
					    wb_list_has(excluded, ids[i]))
						continue;
					if ((rc = wb_list_add(ctx, out, ids[i],
					    level == 0 ? "nearest_leader" :
					    "leader_above")) < 0)
						return rc;
					added += rc;
				}
				if (added > 0)
					return added;
			}
			level++;
		}
		if ((cur = org_unit_parent(ctx, cur)) < 0)
			return 0;
	}
	return 0;
}

/* The holders of role in party join excluded. 0 or negative. */
static int
exclude_in_party(struct ctx *ctx, enum role role, const char *party,
    struct wb_list *excluded)
{
	int64_t		 *ids;
	const char	**parties;
	size_t		  n, i;
	int		  rc;

	if ((rc = wb_role_holders(ctx, role, -1, &ids, &parties, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if (same_party(parties[i], party) &&
		    wb_list_add(ctx, excluded, ids[i], "") < 0)
			return DB_ERR;
	return 0;
}

/* Procedure 3: the formannskap members of party step aside (vedlegg 3). */
static int
exclude_party(struct ctx *ctx, const char *party, struct wb_list *excluded)
{
	return exclude_in_party(ctx, ROLE_FORMANNSKAP, party, excluded);
}

/* Procedure 4, the group leader named by title: they are the accused. */
static int
exclude_group_leaders(struct ctx *ctx, const char *party,
    struct wb_list *excluded)
{
	return exclude_in_party(ctx, ROLE_GROUP_LEADER, party, excluded);
}

int
wb_exclude_for(struct ctx *ctx, int procedure, int64_t accused_id,
    struct wb_list *excluded)
{
	const char *party;

	if (accused_id <= 0)
		return 0;
	if (wb_list_add(ctx, excluded, accused_id, "") < 0)
		return DB_ERR;
	if (procedure != 3 || (party = wb_person_party(ctx, accused_id)) == NULL)
		return 0;
	return exclude_party(ctx, party, excluded);
}

/* 1 when the len bytes at w are word (lower case) in any case: ASCII
 * folded, and the capitals of Latin-1 in UTF-8 (Æ Ø Å: 0xC3 then
 * 0x80-0x9E) folded to their small letters (0xC3 then +0x20), so that
 * "Økonomisjefen" at the start of a sentence is "økonomisjefen". */
static int
word_eq(const char *w, size_t len, const char *word)
{
	const unsigned char	*a = (const unsigned char *)w;
	const unsigned char	*b = (const unsigned char *)word;
	size_t			 i;
	unsigned char		 c;

	if (strlen(word) != len)
		return 0;
	for (i = 0; i < len; i++) {
		c = a[i];
		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		else if (i > 0 && a[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E &&
		    c != 0x97)
			c = (unsigned char)(c + 0x20);
		if (c != b[i])
			return 0;
	}
	return 1;
}

/* 1 when one of the words of name (split on space, comma and full stop)
 * is one of words, or ends in one of tails (and is longer), in any case
 * (word_eq; words and tails are listed in lower case). */
static int
names_word(const char *name, const char *const *words, size_t nwords,
    const char *const *tails, size_t ntails)
{
	const char	*p = name, *w;
	size_t		 len, i, tl;

	while (p != NULL && *p != '\0') {
		while (*p == ' ' || *p == ',' || *p == '.')
			p++;
		w = p;
		while (*p != '\0' && *p != ' ' && *p != ',' && *p != '.')
			p++;
		if ((len = (size_t)(p - w)) == 0)
			continue;
		for (i = 0; i < nwords; i++)
			if (word_eq(w, len, words[i]))
				return 1;
		for (i = 0; i < ntails; i++) {
			tl = strlen(tails[i]);
			if (len > tl && word_eq(w + len - tl, tl, tails[i]))
				return 1;
		}
	}
	return 0;
}

/* 1 when a name that matched nobody is the chief executive's title: a
 * report about "rådmannen" is one about the chief executive, whoever the
 * reporter said it concerns, and goes by procedure 2 (seeds/004 vedlegg 2:
 * "varsel sendes til ordfører"), never up the reporter's line, which ends
 * at the chief executive. */
static int
names_the_chief_executive(const char *name)
{
	static const char *const words[] = { "rådmann", "rådmannen",
	    "radmann", "radmannen", "kommunedirektør", "kommunedirektøren",
	    "kommunedirektor", "kommunedirektoren", "administrasjonssjef",
	    "administrasjonssjefen" };

	return names_word(name, words, sizeof(words) / sizeof(words[0]),
	    NULL, 0);
}

/* 1 when a name that matched nobody is the title of a sector's head
 * ("kommunalsjefen", "sektorlederen"): the head of the reporter's own
 * sector, who must not receive it (before names_a_leader, which would take
 * "sektorleder" for the nearest leader and send it to the one above: the
 * sector head, when a unit leader reports). */
static int
names_a_sector_head(const char *name)
{
	static const char *const words[] = { "kommunalsjef",
	    "kommunalsjefen", "sektorsjef", "sektorsjefen", "sektorleder",
	    "sektorlederen", "sektorleiar", "sektorleiaren", "områdesjef",
	    "områdesjefen", "omradesjef", "omradesjefen", "områdeleder",
	    "områdelederen", "områdeleiar", "områdeleiaren", "etatsjef",
	    "etatsjefen" };

	return names_word(name, words, sizeof(words) / sizeof(words[0]),
	    NULL, 0);
}

/* The holders of role (unit_id < 0: any grant; else exactly that unit)
 * join excluded. 0 or negative. */
static int
exclude_role(struct ctx *ctx, enum role role, int64_t unit_id,
    struct wb_list *excluded)
{
	int64_t		 *ids;
	const char	**party;
	size_t		  n, i;
	int		  rc;

	if ((rc = wb_role_holders(ctx, role, unit_id, &ids, &party, &n)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if (wb_list_add(ctx, excluded, ids[i], "") < 0)
			return DB_ERR;
	return 0;
}

/* The leaders of the reporter's sector join excluded: the unit of unit's
 * line just below the top of the tree (the municipality, led by the chief
 * executive), as the org tree of a municipality is drawn. Nothing when
 * unit is the top itself. 0 or negative. */
static int
exclude_sector_head(struct ctx *ctx, int64_t unit, struct wb_list *excluded)
{
	int64_t		 cur = unit, below = 0, parent;
	int		 depth;

	for (depth = 0; depth < WB_DEPTH_MAX && cur > 0; depth++) {
		if ((parent = org_unit_parent(ctx, cur)) < 0)
			return DB_ERR;
		if (parent == 0)
			break;
		below = cur;
		cur = parent;
	}
	return below > 0 ? exclude_role(ctx, ROLE_LEADER, below, excluded) : 0;
}

/* 1 when a name that matched nobody is the title of the head of HR
 * ("personalsjefen") or, with finance, of the head of finance
 * ("økonomisjefen"): the one a report sent directly to HR or finance
 * would otherwise go to. */
static int
names_a_staff_head(const char *name, int finance)
{
	static const char *const hr[] = { "personalsjef", "personalsjefen",
	    "hr-sjef", "hr-sjefen", "hr-leder", "hr-lederen", "hr-leiar",
	    "hr-leiaren", "personalleder", "personallederen", "personalleiar",
	    "personalleiaren" };
	static const char *const fin[] = { "økonomisjef", "økonomisjefen",
	    "okonomisjef", "okonomisjefen", "finanssjef", "finanssjefen",
	    "økonomileder", "økonomilederen", "økonomileiar", "økonomileiaren",
	    "regnskapssjef", "regnskapssjefen" };

	return finance ? names_word(name, fin, sizeof(fin) / sizeof(fin[0]),
	    NULL, 0) : names_word(name, hr, sizeof(hr) / sizeof(hr[0]), NULL, 0);
}

/* A procedure-1 report whose accused matched nobody, named by office:
 * the chief executive's title sets *concerns to procedure 2 (or, sent
 * directly to HR or finance, keeps the chief executive out); a sector
 * head's keeps the reporter's sector's leaders out (*sector_title set);
 * the head of HR's or of finance's keeps them out. 0 or negative. */
static int
exclude_offices(struct ctx *ctx, const struct wb_report *r, int64_t unit,
    struct wb_list *excluded, enum wb_concerns *concerns, int *sector_title)
{
	int rc;

	if (names_the_chief_executive(r->accused_name)) {
		if (text_blank(r->direct_to)) {
			*concerns = WB_CONCERNS_CHIEF_EXECUTIVE;
			return 0;
		}
		if ((rc = exclude_role(ctx, ROLE_CHIEF_EXECUTIVE, -1, excluded)) != 0)
			return rc;
	}
	if (names_a_sector_head(r->accused_name)) {
		*sector_title = 1;
		if (unit > 0 && (rc = exclude_sector_head(ctx, unit,
		    excluded)) != 0)
			return rc;
	}
	if (names_a_staff_head(r->accused_name, 0) &&
	    (rc = exclude_role(ctx, ROLE_HR_HEAD, -1, excluded)) != 0)
		return rc;
	if (names_a_staff_head(r->accused_name, 1) &&
	    (rc = exclude_role(ctx, ROLE_FINANCE_HEAD, -1, excluded)) != 0)
		return rc;
	return 0;
}

/* 1 when a name that matched nobody is a leader's title ("rektor",
 * "sjefen min", "enhetsleder", "styreren", "lederen vår"): a reporter who
 * names the accused by their office means their own leader, who must not
 * receive it even when the box "this is my nearest leader" was left
 * unticked (seeds/004: "dennes overordnede"). Words compared in ASCII
 * lower case; the titles are ASCII in bokmål and nynorsk. */
static int
names_a_leader(const char *name)
{
	static const char *const whole[] = { "rektor", "rektoren", "styrer",
	    "styreren", "sjef", "sjefen", "leder", "lederen", "leiar",
	    "leiaren" };
	/* "...sjef" is left out: "kommunalsjefen" is the leader above, who
	 * would then receive it. */
	static const char *const tails[] = { "leder", "lederen", "leiar",
	    "leiaren" };

	return names_word(name, whole, sizeof(whole) / sizeof(whole[0]),
	    tails, sizeof(tails) / sizeof(tails[0]));
}

/* 1 when a name that matched nobody is a group leader's title
 * ("gruppelederen"): procedure 4's "partigruppen dersom varselet gjelder
 * gruppeleder selv" (seeds/004 vedlegg 4). */
static int
names_a_group_leader(const char *name)
{
	static const char *const words[] = { "gruppeleder", "gruppelederen",
	    "gruppeleiar", "gruppeleiaren" };

	return names_word(name, words, sizeof(words) / sizeof(words[0]),
	    NULL, 0);
}

/* whistle_route with more people to skip (also, may be NULL: its ids and
 * its reporter tag), for routing an existing case again: they are passed
 * over as the reporter is, so a leader walk climbs past them. */
static int
route_report(struct ctx *ctx, const struct wb_report *r, int64_t reporter_id,
    const struct wb_list *also, struct wb_route *out)
{
	struct wb_list	 handlers, excluded, skip;
	struct person	 accused, reporter;
	int64_t		 accused_id = 0, unit = 0;
	const char	*party = NULL, *given = NULL;
	size_t		 n, i;
	int		 rc, procedure, named, sector_title = 0;
	enum wb_concerns concerns;

	memset(out, 0, sizeof(*out));
	memset(&handlers, 0, sizeof(handlers));
	memset(&excluded, 0, sizeof(excluded));
	memset(&skip, 0, sizeof(skip));
	memset(&accused, 0, sizeof(accused));
	if (r == NULL || (int)r->concerns < 0 || r->concerns >= WB_CONCERNS_MAX ||
	    (int)r->reporter_category < 0 || r->reporter_category >= WB_REP_MAX)
		return WB_ERR_INVALID;
	/* A login or name that matches nobody is not an error: the answer
	 * must not tell whether a person exists (the case is "accused not
	 * confirmed" instead). */
	if ((rc = wb_accused_resolve(ctx, r, &accused_id, &named)) != 0)
		return rc;
	/* The accused's party as the reporter said it, in the spelling Orden
	 * knows; one it does not know is refused (the form offers them). */
	if (r->concerns == WB_CONCERNS_ELECTED && r->accused_party != NULL &&
	    !text_blank(r->accused_party) &&
	    (rc = wb_party_known(ctx, r->accused_party, &given)) <= 0)
		return rc < 0 ? rc : WB_ERR_INVALID;
	if (accused_id > 0) {
		if (org_person_get(ctx, accused_id, &accused) == 0)
			party = accused.party != NULL && !text_blank(accused.party) ?
			    accused.party : NULL;
		if (wb_list_add(ctx, &excluded, accused_id, "") < 0)
			return DB_ERR;
	} else if ((rc = wb_accused_possible(ctx, 0, r->accused_name,
	    &excluded)) != 0)
		return rc;	/* not confirmed: whoever it could be stays out */
	if (reporter_id > 0 && org_person_get(ctx, reporter_id, &reporter) == 0)
		unit = reporter.unit_id;
	if (unit <= 0)
		unit = r->unit_id > 0 ? r->unit_id : 0;
	/* A reporter of no known unit (the public form, no unit chosen)
	 * naming a confirmed person: the service line is the accused's, so
	 * the leader of their unit, or the one above when they lead it
	 * (seeds/004 vedlegg 1: "dennes overordnede"), rather than the
	 * fallback. The accused is climbed past as always. */
	if (unit <= 0 && accused_id > 0 && accused.unit_id > 0)
		unit = accused.unit_id;
	/* The reporter never handles their own report. */
	if (reporter_id > 0 && wb_list_add(ctx, &skip, reporter_id, "") < 0)
		return DB_ERR;
	for (i = 0; also != NULL && i < also->n; i++)
		if (wb_list_add(ctx, &skip, also->v[i], "") < 0)
			return DB_ERR;
	if (also != NULL) {
		skip.tag_key = also->tag_key;
		skip.rtag = also->rtag;
	}

	/* Named by office, not by name: the chief executive goes by
	 * procedure 2 (kept out, when the report was sent directly to HR or
	 * finance, which keeps that choice); a sector head, the head of HR
	 * and the head of finance are kept out like the accused. */
	concerns = r->concerns;
	if (concerns == WB_CONCERNS_EMPLOYEE && accused_id == 0 &&
	    (rc = exclude_offices(ctx, r, unit, &excluded, &concerns,
	    &sector_title)) != 0)
		return rc;

	switch (concerns) {
	case WB_CONCERNS_EMPLOYEE:
		procedure = 1;
		if (r->direct_to != NULL && !text_blank(r->direct_to)) {
			if (text_blank(r->direct_reason))
				return WB_ERR_INVALID;
			if (strcmp(r->direct_to, "hr") == 0)
				rc = wb_add_role(ctx, ROLE_HR_HEAD, "hr_head",
				    &excluded, NULL, NULL, &handlers);
			else if (strcmp(r->direct_to, "finance") == 0)
				rc = wb_add_role(ctx, ROLE_FINANCE_HEAD,
				    "finance_head", &excluded, NULL, NULL, &handlers);
			else
				return WB_ERR_INVALID;
		} else
			rc = unit > 0 ? add_nearest_leader(ctx, unit, accused_id,
			    r->about_nearest_leader || (accused_id == 0 &&
			    !sector_title && names_a_leader(r->accused_name)),
			    &skip, &excluded,
			    &handlers) : 0;
		break;
	case WB_CONCERNS_CHIEF_EXECUTIVE:
		procedure = 2;
		/* Whoever holds the office is the one it concerns. */
		if ((rc = exclude_role(ctx, ROLE_CHIEF_EXECUTIVE, -1, &excluded)) != 0)
			return rc;
		if ((rc = wb_add_role(ctx, ROLE_MAYOR, "mayor", &excluded, NULL,
		    NULL, &handlers)) >= 0)
			rc = wb_add_role(ctx, ROLE_OPPOSITION_LEADER,
			    "opposition_leader", &excluded, NULL, NULL, &handlers);
		break;
	case WB_CONCERNS_ELECTED:
	default:
		if (r->reporter_category != WB_REP_ELECTED) {
			procedure = 3;
			/* Formannskap members of the accused's party step
			 * aside if the case is forwarded to formannskap. */
			if ((rc = wb_exclude_for(ctx, 3, accused_id,
			    &excluded)) != 0 || (accused_id == 0 &&
			    (rc = wb_accused_possible(ctx, 3, r->accused_name,
			    &excluded)) != 0))
				return rc;
			/* The party the reporter said: its formannskap
			 * members step aside too (vedlegg 3), also beside
			 * a confirmed accused's own party. */
			if (given != NULL && (rc = exclude_party(ctx, given,
			    &excluded)) != 0)
				return rc;
			/* Nobody confirmed and no party: forwarding could
			 * not know whom to keep out (the accused may sit in
			 * formannskap), so the reporter is asked. */
			if (accused_id == 0 && given == NULL)
				return WB_ERR_INVALID;
			rc = unit > 0 ? add_nearest_leader(ctx, unit, accused_id,
			    0, &skip, &excluded, &handlers) : 0;
			if (rc >= 0)
				rc = wb_add_role(ctx, ROLE_CHIEF_EXECUTIVE,
				    "chief_executive", &excluded, NULL, NULL,
				    &handlers);
			break;
		}
		procedure = 4;
		/* The accused's own party decides; the one the reporter
		 * said only when the accused is no confirmed person of a
		 * party. Without either there is nobody the procedure
		 * sends it to (vedlegg 4 names only the party's group
		 * leader or group, also for a confirmed official with no
		 * party recorded): the reporter is asked (WB_ERR_INVALID),
		 * never the administration instead. */
		if (party == NULL)
			party = given;
		if (party == NULL)
			return WB_ERR_INVALID;
		if (accused_id == 0 && names_a_group_leader(r->accused_name) &&
		    (rc = exclude_group_leaders(ctx, party, &excluded)) != 0)
			return rc;
		for (i = 0; i < excluded.n; i++)
			if (wb_list_add(ctx, &skip, excluded.v[i], "") < 0)
				return DB_ERR;
		rc = add_party_receivers(ctx, party, &excluded, &skip,
		    &handlers);
		break;
	}
	if (rc < 0)
		return rc;
	/* The reporter is dropped everywhere, not only from leader walks. */
	for (i = n = 0; i < handlers.n; i++)
		if (!wb_list_has(&skip, handlers.v[i])) {
			handlers.v[n] = handlers.v[i];
			handlers.basis[n++] = handlers.basis[i];
		}
	handlers.n = n;
	if (handlers.n == 0) {
		/* skip joins the excluded only here, never the stored set: an
		 * anonymous reporter's id must not reach even the handlers. */
		for (i = 0; i < excluded.n; i++)
			if (wb_list_add(ctx, &skip, excluded.v[i], "") < 0)
				return DB_ERR;
		if ((rc = wb_add_fallback(ctx, &skip, &handlers)) < 0)
			return rc;
	}
	out->procedure = procedure;
	out->handlers = handlers.v;
	out->basis = handlers.basis;
	out->n = handlers.n;
	out->excluded = excluded.v;
	out->nexcluded = excluded.n;
	out->accused_id = accused_id;
	out->unconfirmed = named && accused_id == 0 && procedure != 2;
	return 0;
}

int
whistle_route(struct ctx *ctx, const struct wb_report *r, int64_t reporter_id,
    struct wb_route *out)
{
	return route_report(ctx, r, reporter_id, NULL, out);
}

/* A case of procedure 1-3 left with no active handler: routed as a new
 * report of it would be now (seeds/004: who receives depends on whom it
 * concerns), passing over skip (the accused, the excluded, the reporter
 * and every handler it had); the fallback only when the procedure gives
 * nobody. A report that no longer routes (its party gone) takes the
 * fallback. 0 or negative. */
static int
route_again(struct ctx *ctx, const struct wb_content *c,
    const struct wb_list *skip, struct wb_list *add)
{
	struct wb_report r = c->r;
	struct wb_route	 rt;
	size_t		 i;
	int		 rc;

	if (c->accused_id > 0)
		r.accused_id = c->accused_id;
	if ((rc = route_report(ctx, &r, c->reporter_id, skip, &rt)) != 0)
		return rc == WB_ERR_INVALID ? 0 : rc;
	for (i = 0; i < rt.n; i++)
		if (!wb_list_has(skip, rt.handlers[i]) &&
		    wb_list_add(ctx, add, rt.handlers[i], rt.basis[i]) < 0)
			return DB_ERR;
	return 0;
}

/* Add receivers to a case whose handlers left (recusal) or are gone (lost:
 * no active handler, `orden whistle reseal`): in procedure 4 the accused's
 * party's group leader or party group first (vedlegg 4 keeps the
 * administration out); a lost case of procedure 1-3 through its procedure
 * again (route_again); else the fallback; never anyone on the skip list.
 * Each new handler gets the key and a notice. How many were added, or
 * negative. */
static int
route_on(struct ctx *ctx, int64_t case_id, const char *number, int procedure,
    int lost, const unsigned char key[VAULT_KEY])
{
	struct wb_content c;
	struct wb_list	 skip, add, ex;
	const char	*party;
	char		*msg;
	size_t		 i;
	int		 rc, added = 0;

	memset(&add, 0, sizeof(add));
	memset(&ex, 0, sizeof(ex));
	if ((rc = wb_content_open(ctx, key, case_id, &c)) != 0 ||
	    (rc = wb_skip_list(ctx, case_id, &c, key, &skip)) != 0)
		return rc;
	/* The party as at intake: the accused's, else the one said. */
	party = procedure == 4 ? wb_person_party(ctx, c.accused_id) : NULL;
	if (procedure == 4 && party == NULL)
		party = c.r.accused_party;
	for (i = 0; i < c.nexcluded; i++)
		if (wb_list_add(ctx, &ex, c.excluded[i], "") < 0)
			return DB_ERR;
	if (party != NULL && (rc = add_party_receivers(ctx, party, &ex, &skip,
	    &add)) < 0)
		return rc;
	if (lost && procedure >= 1 && procedure <= 3 &&
	    (rc = route_again(ctx, &c, &skip, &add)) < 0)
		return rc;
	if (add.n == 0 && (rc = wb_add_fallback(ctx, &skip, &add)) < 0)
		return rc;
	msg = arena_printf(ctx->arena, _("New whistleblowing case %s"),
	    number != NULL ? number : "");
	for (i = 0; i < add.n; i++) {
		if ((rc = wb_handler_add(ctx, case_id, add.v[i], add.basis[i],
		    key)) < 0)
			return rc;
		if (rc == 1) {
			added++;
			if (msg != NULL && (rc = wb_notify(ctx, add.v[i], msg)) != 0)
				return rc;
		}
	}
	if (added > 0 && (rc = wb_event_add(ctx, case_id, 0, "routed_on", NULL,
	    NULL)) != 0)
		return rc;
	return added;
}

/* The case's number and procedure, and whether a recusal waits. */
static int
reroute_get(struct ctx *ctx, int64_t case_id, int *pending,
    const char **number, int *procedure)
{
	struct dbstmt	*st;
	int		 rc;

	*pending = 0;
	*number = NULL;
	*procedure = 0;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_REROUTE_GET,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, case_id);
	if ((rc = db_step(st)) == DB_ROW) {
		*pending = (int)db_col_int(st, 0);
		*number = arena_strdup(ctx->arena, db_col_text(st, 1));
		*procedure = (int)db_col_int(st, 2);
	}
	db_reset(st);
	if (rc != DB_ROW)
		return rc == DB_DONE ? WB_ERR_NOTFOUND : rc;
	return 0;
}

int
wb_reroute(struct ctx *ctx, int64_t case_id, const unsigned char key[VAULT_KEY])
{
	struct dbstmt	*st;
	const char	*number;
	int		 rc, pending, procedure, added;

	if ((rc = reroute_get(ctx, case_id, &pending, &number,
	    &procedure)) != 0)
		return rc;
	if (!pending)
		return 0;
	if ((added = route_on(ctx, case_id, number, procedure, 0, key)) < 0)
		return added;
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_REROUTE_CLEAR,
	    &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, case_id);
	db_bind_int(st, 3, ctx->now);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? added : (rc < 0 ? rc : DB_ERR);
}

int
wb_route_on(struct ctx *ctx, int64_t case_id, const unsigned char key[VAULT_KEY])
{
	const char	*number;
	int		 rc, pending, procedure;

	if ((rc = reroute_get(ctx, case_id, &pending, &number,
	    &procedure)) != 0)
		return rc;
	return route_on(ctx, case_id, number, procedure, 1, key);
}
