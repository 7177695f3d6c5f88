/* gen.c: the benchmark's data (bench/README.md). N municipalities, each
 * with a unit tree under four sector areas, a leader and staff per unit,
 * the default categories, and years of deviations and improvement
 * proposals that look like a municipality's own: categories by kind of
 * service, seasons, more reports in recent years, most closed after a
 * realistic handling time, recent ones new or in progress, a few returned
 * to the reporter, with their events, measures, legal clocks, reminders
 * and escalations as the application would have recorded them.
 *
 * The same --seed gives the same data on the same day: the history ends at
 * 00:00 UTC today, so what the benchmark submits today never collides with
 * it. Everything goes through the store API (db_open with a file path,
 * sqlite:PATH or postgres://), the org through org/ and deviation/ as the
 * application writes it; the deviations and what hangs on them through
 * INSERTs of many rows each (one on SQLite, see main), ten thousand
 * deviations per transaction, because replaying a million reports through
 * deviation_report would take hours.
 *
 * For bench/run.sh it prints one line per municipality:
 *   BENCH host=H tenant=ID top=LOGIN inbox=LOGIN submitter=LOGIN
 *         submit_unit=ID list_unit=ID deviations=N
 * Every person's password is BENCH_PASSWORD. */
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/auth.h"
#include "ctx.h"
#include "deviation/counts.h"
#include "deviation/deviation.h"
#include "org/org.h"
#include "store/store.h"
#include "totp/totp.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/num.h"
#include "util/rng.h"

#include "gen_data.h"

#define BENCH_PASSWORD	"bench-passord-2026"
#define DAY		86400
#define HOUR		3600
#define TX_ROWS		10000	/* deviations per transaction */
#define ORG_ARENA_MAX	(256u * 1024u * 1024u)
#define SQL_MAX		(256u * 1024u)
#define TRIES		200	/* rejection sampling of a report day */
#define ID_STRIDE	10000000	/* deviation ids per tenant index */

/* --- multi-row INSERTs ------------------------------------------------------ */

/* One value of a row: NULL, an integer, or text that lives at least until
 * the batch is flushed (string constants, or batch_text). */
struct cell {
	enum { C_NULL, C_INT, C_TEXT } t;
	int64_t		 i;
	const char	*s;
};

/* Rows of one table, written max at a time as one statement
 * "INSERT INTO t (tenant_id, cols...) VALUES ($1, ...), ($1, ...)".
 * A batch with a parent flushes the parent first, so a row never reaches
 * the database before the row its foreign key names. */
struct batch {
	const char	*head;		/* "INSERT INTO t (tenant_id, a, b)" */
	int		 ncols;		/* columns after tenant_id */
	int		 max;		/* rows per statement */
	int		 n;		/* rows held */
	struct cell	*cells;		/* max * ncols; owned */
	char		(*text)[40];	/* per row scratch text; owned */
	struct batch	*parent;	/* flushed before this one; may be NULL */
	struct dbconn	*conn;		/* borrowed */
	int64_t		 tenant_id;
	int64_t		 written;
	struct buf	 sql;		/* a partial batch's statement */
	char		*full;		/* the statement of a full batch; owned */
};

/* "head VALUES ($1, $2, ...), ($1, ...)" for nrows rows into sql. */
static int
batch_sql(struct buf *sql, const char *head, int ncols, int nrows)
{
	int r, c, k;

	buf_reset(sql);
	buf_printf(sql, "%s VALUES ", head);
	for (r = 0, k = 2; r < nrows; r++) {
		buf_puts(sql, r > 0 ? ", ($1" : "($1");
		for (c = 0; c < ncols; c++)
			buf_printf(sql, ", $%d", k++);
		buf_putc(sql, ')');
	}
	return buf_failed(sql) ? -1 : 0;
}

static int
batch_init(struct batch *b, const char *head, int ncols, int max,
    struct batch *parent)
{
	memset(b, 0, sizeof(*b));
	b->head = head;
	b->ncols = ncols;
	b->max = max;
	b->parent = parent;
	buf_init(&b->sql, SQL_MAX);
	b->cells = calloc((size_t)max * (size_t)ncols, sizeof(*b->cells));
	b->text = calloc((size_t)max, sizeof(*b->text));
	if (b->cells == NULL || b->text == NULL ||
	    batch_sql(&b->sql, head, ncols, max) != 0)
		return -1;
	b->full = buf_detach(&b->sql);
	return 0;
}

static void
batch_free(struct batch *b)
{
	free(b->cells);
	free(b->text);
	free(b->full);
	buf_free(&b->sql);
	memset(b, 0, sizeof(*b));
}

/* Write the rows held. 0, or a negative db_rc (logged by the store). */
static int
batch_flush(struct batch *b)
{
	struct dbstmt	*st;
	int		 r, c, k, rc;

	if (b->parent != NULL && (rc = batch_flush(b->parent)) != 0)
		return rc;
	if (b->n == 0)
		return 0;
	/* The SQL is made of the program's own names and placeholders only,
	 * never data. A full batch's statement is prepared once per
	 * connection and cached: b->full lives until after db_close, as the
	 * store's statement cache (keyed by the pointer) needs. A partial
	 * batch, once per transaction, gets a statement of its own shape. */
	if (b->n == b->max)
		rc = db_prepare_tenant(b->conn, b->tenant_id, b->full, &st);
	else if (batch_sql(&b->sql, b->head, b->ncols, b->n) != 0)
		return DB_ERR;
	else
		rc = db_prepare_dynamic(b->conn, b->tenant_id, buf_cstr(&b->sql),
		    &st);
	if (rc != DB_OK)
		return rc;
	for (r = 0, k = 2; r < b->n; r++)
		for (c = 0; c < b->ncols; c++, k++) {
			const struct cell *x = &b->cells[r * b->ncols + c];

			if (x->t == C_INT)
				db_bind_int(st, k, x->i);
			else if (x->t == C_TEXT)
				db_bind_text(st, k, x->s);
			else
				db_bind_null(st, k);
		}
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	b->written += b->n;
	b->n = 0;
	return 0;
}

/* A fresh row of NULLs in *row (flushing first when full). 0 or negative. */
static int
batch_row(struct batch *b, struct cell **row)
{
	int rc;

	if (b->n == b->max && (rc = batch_flush(b)) != 0)
		return rc;
	*row = &b->cells[b->n * b->ncols];
	memset(*row, 0, (size_t)b->ncols * sizeof(**row));
	b->n++;
	return 0;
}

/* Scratch text of the row batch_row just gave. */
static char *
batch_text(struct batch *b)
{
	return b->text[b->n - 1];
}

static void
set_int(struct cell *c, int64_t v)
{
	c->t = C_INT;
	c->i = v;
}

/* 0 stands for "none": NULL. */
static void
set_opt(struct cell *c, int64_t v)
{
	if (v != 0)
		set_int(c, v);
}

static void
set_text(struct cell *c, const char *s)
{
	if (s != NULL) {
		c->t = C_TEXT;
		c->s = s;
	}
}

/* --- one municipality ------------------------------------------------------- */

struct gunit {
	int64_t		 id;
	const char	*code;
	int		 kind;		/* index into kinds, -1 for root and sectors */
	int64_t		 leader;	/* person id of its leader */
	int64_t		*staff;		/* person ids */
	int		 nstaff;
	int64_t		 weight;	/* relative reports */
};

struct gcat {
	int64_t		 id;
	int		 ack_hours, close_days;
	const char	*legal;
};

/* One report's place in the history before its details are drawn. */
struct item {
	int64_t		 at;
	uint64_t	 seed;
	uint32_t	 unit;
	uint16_t	 tpl;
};

struct gen {
	struct ctx		 ctx;
	struct rng		 rng;
	const char		*hash;		/* the password hash, for everyone */
	int64_t			 end;		/* the history ends here */
	int			 years;
	struct gunit		*units;
	size_t			 nunits;
	int64_t			*cum;		/* cumulative unit weights */
	struct gcat		 cats[NCAT];	/* by cat_index; [NCAT-1] unused */
	struct dev_settings	 set;
	int64_t			 sector_ids[NSECTORS];
	struct batch		 dev, ev, legal, meas;
	int64_t			 counters[64];	/* per year since first_year */
	int			 first_year;
	int			 index;		/* the tenant's: host k<index>.bench */
	FILE			*csv;		/* --csv: the history goes here */
};

static int
cat_index(const char *code)
{
	size_t i;

	if (code == NULL)
		return NCAT - 1;
	for (i = 0; i < NCAT - 1; i++)
		if (strcmp(cat_codes[i], code) == 0)
			return (int)i;
	return 2;
}

static int
year_of(int64_t t)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	if (gmtime_r(&tt, &tm) == NULL)
		return 1970;
	return tm.tm_year + 1900;
}

/* A person with roles, the bench password and a random name. Returns the
 * id, or 0 after a message. */
static int64_t
person_add(struct gen *g, const char *login, int64_t unit,
    const enum role *roles, const int64_t *scopes, int nroles)
{
	struct person	 p;
	char		 name[96], email[160];
	int64_t		 pid;
	int		 k;

	snprintf(name, sizeof(name), "%s %s",
	    first_names[rng_below(&g->rng, NFIRST)],
	    last_names[rng_below(&g->rng, NLAST)]);
	snprintf(email, sizeof(email), "%s@bench.example", login);
	memset(&p, 0, sizeof(p));
	p.login = login;
	p.name = name;
	p.email = email;
	p.unit_id = unit;
	p.active = 1;
	if ((pid = org_person_create(&g->ctx, &p)) <= 0) {
		fprintf(stderr, "gen: cannot create the person %s\n", login);
		return 0;
	}
	for (k = 0; k < nroles; k++)
		if (org_role_grant(&g->ctx, pid, roles[k], scopes[k]) <= 0) {
			fprintf(stderr, "gen: cannot grant %s to %s\n",
			    role_name(roles[k]), login);
			return 0;
		}
	if (org_password_set(&g->ctx, pid, g->hash, 0) != 0) {
		fprintf(stderr, "gen: cannot set the password of %s\n", login);
		return 0;
	}
	return pid;
}

/* How many units of each kind: shares of nunits by largest remainder,
 * every kind at least one when there is room. */
static void
kind_counts(size_t n, int *count)
{
	size_t	i, given = 0, total = 0, best;
	long	rem[NKINDS];

	for (i = 0; i < NKINDS; i++)
		total += (size_t)kinds[i].share;
	for (i = 0; i < NKINDS; i++) {
		count[i] = (int)(n * (size_t)kinds[i].share / total);
		if (count[i] == 0 && n >= NKINDS)
			count[i] = 1;
		rem[i] = (long)(n * (size_t)kinds[i].share % total);
		given += (size_t)count[i];
	}
	while (given < n) {
		for (i = 1, best = 0; i < NKINDS; i++)
			if (rem[i] > rem[best])
				best = i;
		count[best]++;
		rem[best] = -1;
		given++;
	}
	while (given > n) {	/* the minimum of one pushed it over */
		for (i = 1, best = 0; i < NKINDS; i++)
			if (count[i] > count[best])
				best = i;
		count[best]--;
		given--;
	}
}

/* The org: root, sectors, units of every kind with a leader and staff,
 * the top people, the categories. Inside the caller's transaction.
 * 0 or -1 after a message. */
static int
org_make(struct gen *g, size_t nunits, int staff)
{
	struct ctx	*ctx = &g->ctx;
	struct category	*cv;
	struct arena	*a = ctx->arena;
	enum role	 r[3];
	int64_t		 s[3], root, id;
	int		 count[NKINDS], k, j, quiet = 0;
	size_t		 i, ncv, u = 0, nplace;
	char		 code[64], name[160], login[128];

	if ((root = org_unit_create(ctx, "kd", "Kommunedirektøren", 0)) <= 0)
		goto fail;
	for (i = 0; i < NSECTORS; i++)
		if ((g->sector_ids[i] = org_unit_create(ctx, sectors[i].code,
		    sectors[i].name, root)) <= 0)
			goto fail;
	kind_counts(nunits, count);
	if ((g->units = arena_alloc(a, nunits * sizeof(*g->units))) == NULL ||
	    (g->cum = arena_alloc(a, nunits * sizeof(*g->cum))) == NULL)
		goto fail;
	for (k = 0; k < (int)NKINDS; k++)
		for (j = 0; j < count[k]; j++) {
			struct gunit *x = &g->units[u];

			nplace = (size_t)j % NPLACES;
			snprintf(code, sizeof(code), "%s-%03d", kinds[k].code, j + 1);
			if ((size_t)j < NPLACES)
				snprintf(name, sizeof(name), kinds[k].name,
				    places[nplace]);
			else {
				char place[64];

				snprintf(place, sizeof(place), "%s %d",
				    places[nplace], j / (int)NPLACES + 1);
				snprintf(name, sizeof(name), kinds[k].name, place);
			}
			if ((x->id = org_unit_create(ctx, code, name,
			    g->sector_ids[kinds[k].sector])) <= 0)
				goto fail;
			x->code = arena_strdup(a, code);
			x->kind = k;
			/* Units of a kind differ; two large ones hardly report
			 * (the dashboard should make them stand out). */
			x->weight = (int64_t)kinds[k].rate *
			    (50 + rng_below(&g->rng, 100));
			if (j == 1 && (k == 0 || k == 1) && quiet++ < 2)
				x->weight /= 8;
			g->cum[u] = (u > 0 ? g->cum[u - 1] : 0) + x->weight;
			u++;
		}
	g->nunits = u;

	r[0] = ROLE_ADMIN; s[0] = 0;
	r[1] = ROLE_EMPLOYEE; s[1] = root;
	if (person_add(g, "admin", root, r, s, 2) == 0)
		goto fail;
	r[0] = ROLE_CHIEF_EXECUTIVE; s[0] = 0;
	r[1] = ROLE_LEADER; s[1] = root;
	r[2] = ROLE_EMPLOYEE; s[2] = root;
	if (person_add(g, "direktor", root, r, s, 3) == 0)
		goto fail;
	r[0] = ROLE_QUALITY; s[0] = 0;
	r[1] = ROLE_EMPLOYEE; s[1] = root;
	if (person_add(g, "kvalitet", root, r, s, 2) == 0)
		goto fail;
	for (i = 0; i < NSECTORS; i++) {
		snprintf(login, sizeof(login), "leder.%s", sectors[i].code);
		r[0] = ROLE_LEADER; s[0] = g->sector_ids[i];
		r[1] = ROLE_EMPLOYEE; s[1] = g->sector_ids[i];
		if (person_add(g, login, g->sector_ids[i], r, s, 2) == 0)
			goto fail;
	}
	for (u = 0; u < g->nunits; u++) {
		struct gunit *x = &g->units[u];

		snprintf(login, sizeof(login), "leder.%s", x->code);
		r[0] = ROLE_LEADER; s[0] = x->id;
		r[1] = ROLE_EMPLOYEE; s[1] = x->id;
		if ((x->leader = person_add(g, login, x->id, r, s, 2)) == 0)
			goto fail;
		if ((x->staff = arena_alloc(a, (size_t)staff *
		    sizeof(*x->staff))) == NULL)
			goto fail;
		for (k = 0; k < staff; k++) {
			snprintf(login, sizeof(login), "ansatt.%s.%d", x->code,
			    k + 1);
			r[0] = ROLE_EMPLOYEE; s[0] = x->id;
			if ((id = person_add(g, login, x->id, r, s, 1)) == 0)
				goto fail;
			x->staff[x->nstaff++] = id;
		}
	}

	if (dev_categories_seed(ctx) < 0 ||
	    dev_category_list(ctx, 1, &cv, &ncv) != 0 ||
	    dev_settings_get(ctx, &g->set) != 0)
		goto fail;
	for (i = 0; i < ncv; i++) {
		int ci = cat_index(cv[i].code);

		if (ci == NCAT - 1 || strcmp(cat_codes[ci], cv[i].code) != 0)
			continue;
		g->cats[ci].id = cv[i].id;
		g->cats[ci].ack_hours = cv[i].ack_hours;
		g->cats[ci].close_days = cv[i].close_days;
		g->cats[ci].legal = cv[i].legal != NULL ?
		    arena_strdup(a, cv[i].legal) : NULL;
	}
	for (i = 0; i < NCAT - 1; i++)
		if (g->cats[i].id == 0) {
			fprintf(stderr, "gen: category %s is missing\n",
			    cat_codes[i]);
			return -1;
		}
	return 0;
fail:
	fprintf(stderr, "gen: cannot create the organisation\n");
	return -1;
}

/* --- the history ------------------------------------------------------------ */

struct day {
	int	 month, weekday;
	int	 growth;	/* percent: the early years report less */
};

static int
item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return (x->seed > y->seed) - (x->seed < y->seed);
}

static size_t
pick_unit(const struct gen *g, int64_t x)
{
	size_t lo = 0, hi = g->nunits - 1, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (g->cum[mid] > x)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

static int
pick_tpl(struct rng *r, const struct profile *pf, int month)
{
	int64_t	total = 0, x;
	size_t	i;

	for (i = 0; i < pf->n; i++)
		total += pf->t[i].weight * season_w[pf->t[i].season][month];
	x = rng_below(r, total);
	for (i = 0; i < pf->n; i++) {
		int64_t w = pf->t[i].weight * season_w[pf->t[i].season][month];

		if (x < w)
			return (int)i;
		x -= w;
	}
	return 0;
}

/* When and where each of n reports happened, sorted by time. Caller frees
 * *out. 0 or -1. */
static int
plan_items(struct gen *g, int64_t n, struct item **out)
{
	struct item	*v;
	struct day	*days;
	int64_t		 ndays = (int64_t)g->years * 365, start, i, d = 0;
	int		 tries, hour;

	*out = NULL;
	start = g->end - ndays * DAY;
	if ((v = calloc((size_t)n, sizeof(*v))) == NULL ||
	    (days = calloc((size_t)ndays, sizeof(*days))) == NULL) {
		free(v);
		return -1;
	}
	for (i = 0; i < ndays; i++) {
		time_t		tt = (time_t)(start + i * DAY);
		struct tm	tm;

		gmtime_r(&tt, &tm);
		days[i].month = tm.tm_mon;
		days[i].weekday = tm.tm_wday;
		days[i].growth = 60 + (int)(40 * i / ndays);
	}
	for (i = 0; i < n; i++) {
		struct gunit		*u;
		const struct profile	*pf;

		v[i].unit = (uint32_t)pick_unit(g,
		    rng_below(&g->rng, g->cum[g->nunits - 1]));
		u = &g->units[v[i].unit];
		pf = &profiles[kinds[u->kind].profile];
		for (tries = 0; tries < TRIES; tries++) {
			d = rng_below(&g->rng, ndays);
			if (rng_below(&g->rng, 100) >= days[d].growth ||
			    rng_below(&g->rng, 16) >=
			    season_w[pf->season][days[d].month])
				continue;
			if (pf->office_hours && (days[d].weekday == 0 ||
			    days[d].weekday == 6) && !rng_pct(&g->rng, 5))
				continue;
			break;
		}
		hour = pf->office_hours ? 8 + (int)rng_below(&g->rng, 8) :
		    (int)rng_below(&g->rng, 24);
		v[i].at = start + d * DAY + hour * HOUR +
		    rng_below(&g->rng, HOUR);
		v[i].tpl = (uint16_t)pick_tpl(&g->rng, pf, days[d].month);
		v[i].seed = rng_next(&g->rng);
	}
	free(days);
	qsort(v, (size_t)n, sizeof(*v), item_cmp);
	*out = v;
	return 0;
}

/* Acknowledged after: mostly within a day or two, now and then late. */
static int64_t
ack_delay(struct rng *r)
{
	int64_t x = rng_below(r, 100);

	if (x < 70)
		return HOUR / 2 + rng_below(r, 30 * HOUR);
	if (x < 90)
		return 2 * DAY + rng_below(r, 4 * DAY);
	return 5 * DAY + rng_below(r, 7 * DAY);
}

/* Closed this long after acknowledging; 0: forgotten, never closed. */
static int64_t
close_delay(struct rng *r)
{
	int64_t x = rng_below(r, 1000);

	if (x < 380)
		return DAY + rng_below(r, 6 * DAY);
	if (x < 740)
		return 7 * DAY + rng_below(r, 14 * DAY);
	if (x < 920)
		return 21 * DAY + rng_below(r, 20 * DAY);
	if (x < 997)
		return 40 * DAY + rng_below(r, 60 * DAY);
	return 0;
}

/* Columns of deviations after tenant_id, in the order of SQL_DEV_HEAD. */
enum {
	D_ID, D_NUMBER, D_KIND, D_TITLE, D_DESC, D_CAT, D_UNIT, D_HANDLER,
	D_PLACE, D_OCCURRED, D_REPORTED, D_REPORTER, D_SEVERITY, D_ACTION,
	D_CONCERNS, D_PERSONAL, D_STATUS, D_ACK_DUE, D_DUE, D_ACKED, D_CLOSED,
	D_CAUSE, D_CONSEQ, D_SUMMARY, D_RETURN, D_ACK_REM, D_DUE_REM,
	D_ACK_ESC, D_DUE_ESC, D_UPDATED, D_NCOLS
};
static const char SQL_DEV_HEAD[] =
    "INSERT INTO deviations (tenant_id, id, number, kind, title, description,"
    " category_id, unit_id, handler_unit_id, place, occurred_at, reported_at,"
    " reporter_id, severity, immediate_action, concerns_leader, personal_data,"
    " status, ack_due_at, due_at, acknowledged_at, closed_at, cause,"
    " consequence, summary, return_reason, ack_reminded_at, due_reminded_at,"
    " ack_escalated_at, due_escalated_at, updated_at)";
static const char SQL_EV_HEAD[] =
    "INSERT INTO deviation_events (tenant_id, deviation_id, at, actor_id,"
    " type, public, text, detail)";
static const char SQL_LEGAL_HEAD[] =
    "INSERT INTO legal_deadlines (tenant_id, deviation_id, authority, due_at,"
    " done_at)";
static const char SQL_MEAS_HEAD[] =
    "INSERT INTO measures (tenant_id, subject_kind, subject_id, text,"
    " responsible_id, due_at, done_at, status, done_by, created_at, created_by)";
static const char SQL_COUNTER[] =
    "INSERT INTO deviation_counters (tenant_id, year, last) VALUES ($1, $2, $3)";
static const char SQL_MAX_ID[] =
    "SELECT COALESCE(MAX(id), 0) FROM deviations";

/* What one report's handling left behind, gathered before any of it is
 * written: the deviation row must be complete before a child batch can
 * flush it (batch.parent). */
#define ROW_EVENTS	16
struct rowdata {
	struct cell	 d[D_NCOLS];
	struct {
		int64_t		 at, actor;
		const char	*type, *text, *detail;
		int		 public;
	}		 ev[ROW_EVENTS];
	int		 nev;
	struct {
		const char	*authority;
		int64_t		 due, done;
	}		 legal[2];
	int		 nlegal;
	int		 measure;	/* 1: one measure, below */
	const char	*m_text;
	int64_t		 m_due, m_done, m_made, m_by;
};

static void
ev_note(struct rowdata *rd, int64_t at, int64_t actor, const char *type,
    int public, const char *text, const char *detail)
{
	if (rd->nev >= ROW_EVENTS)
		return;		/* cannot happen: a row makes at most ten */
	rd->ev[rd->nev].at = at;
	rd->ev[rd->nev].actor = actor;
	rd->ev[rd->nev].type = type;
	rd->ev[rd->nev].public = public;
	rd->ev[rd->nev].text = text;
	rd->ev[rd->nev].detail = detail;
	rd->nev++;
}

static void
legal_note(struct rowdata *rd, const char *authority, int64_t due,
    int64_t done)
{
	rd->legal[rd->nlegal].authority = authority;
	rd->legal[rd->nlegal].due = due;
	rd->legal[rd->nlegal].done = done;
	rd->nlegal++;
}

/* The reminder (before) and escalation (at) of one deadline, as the
 * minute tick would have made them while the deadline was open, that is
 * until `until`; into the cells rem and esc and the events. */
static void
deadline_marks(const struct gen *g, struct rowdata *rd, int64_t from,
    int64_t due, int64_t until, const char *which, int rem, int esc)
{
	int64_t	lead = (int64_t)g->set.remind_hours * HOUR, t;

	t = due - lead > from ? due - lead : from;
	if (t < due && t < until) {
		set_int(&rd->d[rem], t + 30);
		ev_note(rd, t + 30, 0, "reminder", 0, NULL, which);
	}
	if (due < until) {
		set_int(&rd->d[esc], due + 30);
		ev_note(rd, due + 30, 0, "escalated", 0, NULL, which);
	}
}

/* Write a gathered row: the deviation, then its children. */
static int
row_write(struct gen *g, const struct rowdata *rd, int64_t id,
    const char *number)
{
	struct cell	*c;
	char		*num;
	int		 k, rc;

	if ((rc = batch_row(&g->dev, &c)) != 0)
		return rc;
	memcpy(c, rd->d, sizeof(rd->d));
	num = batch_text(&g->dev);
	snprintf(num, sizeof(*g->dev.text), "%s", number);
	set_text(&c[D_NUMBER], num);
	for (k = 0; k < rd->nev; k++) {
		if ((rc = batch_row(&g->ev, &c)) != 0)
			return rc;
		set_int(&c[0], id);
		set_int(&c[1], rd->ev[k].at);
		set_opt(&c[2], rd->ev[k].actor);
		set_text(&c[3], rd->ev[k].type);
		set_int(&c[4], rd->ev[k].public);
		set_text(&c[5], rd->ev[k].text);
		set_text(&c[6], rd->ev[k].detail);
	}
	for (k = 0; k < rd->nlegal; k++) {
		if ((rc = batch_row(&g->legal, &c)) != 0)
			return rc;
		set_int(&c[0], id);
		set_text(&c[1], rd->legal[k].authority);
		set_int(&c[2], rd->legal[k].due);
		set_opt(&c[3], rd->legal[k].done);
	}
	if (rd->measure) {
		if ((rc = batch_row(&g->meas, &c)) != 0)
			return rc;
		/* The measure model of src/measure/ (migration 0018). */
		set_text(&c[0], "deviation");
		set_int(&c[1], id);
		set_text(&c[2], rd->m_text);
		set_int(&c[3], rd->m_by);
		set_int(&c[4], rd->m_due);
		set_opt(&c[5], rd->m_done);
		set_text(&c[6], rd->m_done > 0 ? "done" : "open");
		set_opt(&c[7], rd->m_done > 0 ? rd->m_by : 0);
		set_int(&c[8], rd->m_made);
		set_int(&c[9], rd->m_by);
	}
	return 0;
}

/* One report and everything its handling left behind. */
static int
row_make(struct gen *g, const struct item *it, int64_t id)
{
	const struct gunit	*u = &g->units[it->unit];
	const struct tpl	*tp = &profiles[kinds[u->kind].profile].t[it->tpl];
	const struct gcat	*cat;
	struct rowdata		 rd;
	struct cell		*c = rd.d;
	struct rng		 r = { it->seed };
	int			 ci = cat_index(tp->cat), imp = tp->cat == NULL;
	int			 sev, year, returned = 0;
	int64_t			 t = it->at, reporter, leader = u->leader;
	int64_t			 ack_due, due, last, ret_at = 0, ack_at = 0;
	int64_t			 close_at = 0, cd, first_action, legal_done = 0;
	char			 num[40];
	const char		*status = "new";

	memset(&rd, 0, sizeof(rd));
	cat = imp ? NULL : &g->cats[ci];
	reporter = u->nstaff > 0 && !rng_pct(&r, 8) ?
	    u->staff[rng_below(&r, u->nstaff)] : leader;
	sev = tp->severity == 0 ? 0 : tp->severity + (rng_pct(&r, 15) ? 1 : 0) -
	    (rng_pct(&r, 15) ? 1 : 0);
	if (sev > 4)
		sev = 4;
	if (sev < 1 && !imp)
		sev = 1;
	if (imp) {
		ack_due = t + (int64_t)g->set.improvement_ack_hours * HOUR;
		due = t + (int64_t)g->set.improvement_close_days * DAY;
	} else {
		ack_due = t + (int64_t)cat->ack_hours * HOUR;
		due = t + (int64_t)cat->close_days * DAY;
	}
	year = year_of(t);
	if (year - g->first_year < 0 || year - g->first_year >= 64)
		return DB_ERR;
	snprintf(num, sizeof(num), "AV-%04d-%06lld", year,
	    (long long)++g->counters[year - g->first_year]);

	set_int(&c[D_ID], id);
	set_text(&c[D_KIND], imp ? "improvement" : "deviation");
	set_text(&c[D_TITLE], tp->title);
	set_text(&c[D_DESC], tp->desc[rng_below(&r, 2)]);
	set_opt(&c[D_CAT], imp ? 0 : cat->id);
	set_int(&c[D_UNIT], u->id);
	set_int(&c[D_HANDLER], u->id);
	if (rng_pct(&r, 30))
		set_text(&c[D_PLACE], rng_pct(&r, 50) ? "Hovedbygget" : "Fløy B");
	set_opt(&c[D_OCCURRED], imp ? 0 : t - rng_below(&r, 3 * HOUR));
	set_int(&c[D_REPORTED], t);
	set_int(&c[D_REPORTER], reporter);
	set_opt(&c[D_SEVERITY], sev);
	set_text(&c[D_ACTION], tp->action);
	set_int(&c[D_CONCERNS], 0);
	set_int(&c[D_PERSONAL], tp->personal);
	set_int(&c[D_ACK_DUE], ack_due);
	set_int(&c[D_DUE], due);
	ev_note(&rd, t, reporter, "created", 1, NULL, NULL);
	last = t;

	/* Sent back for missing facts; most come back corrected. */
	if (rng_pct(&r, 2) && (ret_at = t + 2 * HOUR +
	    rng_below(&r, 20 * HOUR)) < g->end) {
		int64_t resub = ret_at + DAY + rng_below(&r, 2 * DAY);

		ev_note(&rd, ret_at, leader, "returned", 1, RETURN_REASON, NULL);
		last = ret_at;
		/* A fifth of the recent ones still wait for the reporter. */
		if ((rng_pct(&r, 20) && ret_at > g->end - 30 * DAY) ||
		    resub >= g->end) {
			status = "returned";
			set_text(&c[D_RETURN], RETURN_REASON);
			returned = 1;
		} else {
			ev_note(&rd, resub, reporter, "resubmitted", 1, NULL, NULL);
			last = resub;
		}
	} else
		ret_at = 0;

	if (!returned && (ack_at = last + ack_delay(&r)) < g->end) {
		status = "acknowledged";
		set_int(&c[D_ACKED], ack_at);
		ev_note(&rd, ack_at, leader, "acknowledged", 0, NULL, NULL);
		last = ack_at;
		cd = close_delay(&r);
		if (cd > 0 && ack_at + cd < g->end)
			close_at = ack_at + cd;
		if (cd == 0)
			cd = 30 * DAY;
		if (!imp && rng_pct(&r, 55) && ack_at + cd / 4 < g->end) {
			set_text(&c[D_CAUSE], causes[ci][rng_below(&r, 2)]);
			set_text(&c[D_CONSEQ], consequences[ci][rng_below(&r, 2)]);
			ev_note(&rd, ack_at + cd / 4, leader, "analysed", 0,
			    c[D_CAUSE].s, c[D_CONSEQ].s);
			last = ack_at + cd / 4;
		}
		if (rng_pct(&r, 30) && ack_at + cd / 3 < g->end) {
			rd.measure = 1;
			rd.m_text = measure_texts[ci];
			rd.m_by = leader;
			rd.m_made = ack_at + cd / 3;
			rd.m_due = ack_at + cd / 2 + 14 * DAY;
			ev_note(&rd, rd.m_made, leader, "measure_added", 0,
			    rd.m_text, NULL);
			last = rd.m_made;
			if (close_at > 0) {
				rd.m_done = close_at - HOUR;
				ev_note(&rd, rd.m_done, leader,
				    "measure_completed", 0, rd.m_text, NULL);
			}
		}
		if (close_at > 0) {
			status = "closed";
			set_int(&c[D_CLOSED], close_at);
			set_text(&c[D_SUMMARY], summaries[ci][rng_below(&r, 2)]);
			ev_note(&rd, close_at, leader, "closed", 1,
			    c[D_SUMMARY].s, NULL);
			last = close_at;
		}
		legal_done = ack_at + rng_below(&r, DAY);
		if (legal_done >= g->end)
			legal_done = 0;
	} else
		ack_at = 0;
	set_text(&c[D_STATUS], status);

	/* The tick's marks while each deadline was open: the acknowledge
	 * deadline until the first action on the report. */
	first_action = ret_at > 0 ? ret_at : (ack_at > 0 ? ack_at : g->end);
	deadline_marks(g, &rd, t, ack_due, first_action, "ack", D_ACK_REM,
	    D_ACK_ESC);
	deadline_marks(g, &rd, t, due, close_at > 0 ? close_at : g->end, "due",
	    D_DUE_REM, D_DUE_ESC);

	/* Legal clocks (src/deviation/legal.c), reported when acknowledged. */
	if (!imp && cat->legal != NULL) {
		if (strcmp(cat->legal, "gdpr33") == 0)
			legal_note(&rd, "datatilsynet", t + 72 * HOUR, legal_done);
		else if (strcmp(cat->legal, "aml52") == 0 && sev == 4) {
			legal_note(&rd, "arbeidstilsynet", t, legal_done);
			legal_note(&rd, "politiet", t, legal_done);
		} else if (strcmp(cat->legal, "helsetilsyn") == 0 && sev == 4)
			legal_note(&rd, "helsetilsyn", t, legal_done);
	}
	set_int(&c[D_UPDATED], last);
	return row_write(g, &rd, id, num);
}

static int
flush_all(struct gen *g)
{
	int rc;

	if ((rc = batch_flush(&g->dev)) != 0 ||
	    (rc = batch_flush(&g->ev)) != 0 ||
	    (rc = batch_flush(&g->legal)) != 0 ||
	    (rc = batch_flush(&g->meas)) != 0)
		return rc;
	return 0;
}

static int64_t
max_dev_id(struct dbconn *conn)
{
	struct dbstmt	*st;
	int64_t		 v = -1;

	/* Ids are given here so events can name them before the rows are
	 * read back; across every tenant, since id is the table's key. */
	if (db_prepare_global(conn, SQL_MAX_ID, &st) != DB_OK)
		return -1;
	if (db_step(st) == DB_ROW)
		v = db_col_int(st, 0);
	db_reset(st);
	return v;
}

/* n reports for the tenant in g->ctx, in transactions of TX_ROWS. */
static int
history_make(struct gen *g, int64_t n)
{
	struct dbconn	*conn = g->ctx.conn;
	struct dbstmt	*st;
	struct item	*items = NULL;
	int64_t		 base, i, t0 = clock_now();
	int		 rc = DB_ERR, intx = 0, y;

	if (plan_items(g, n, &items) != 0) {
		fprintf(stderr, "gen: out of memory\n");
		return -1;
	}
	/* Above every id in the table, and in a range of the tenant's own, so
	 * that two generators filling different tenants of one PostgreSQL
	 * database at once never hand out the same id. */
	if ((base = max_dev_id(conn)) < 0)
		goto out;
	if (base < (int64_t)(g->index - 1) * ID_STRIDE)
		base = (int64_t)(g->index - 1) * ID_STRIDE;
	g->first_year = year_of(g->end) - g->years - 1;
	memset(g->counters, 0, sizeof(g->counters));
	for (i = 0; i < n; i++) {
		if (!intx) {
			if ((rc = db_begin(conn)) != DB_OK)
				goto out;
			intx = 1;
		}
		if ((rc = row_make(g, &items[i], base + i + 1)) != 0)
			goto out;
		if ((i + 1) % TX_ROWS == 0 || i + 1 == n) {
			if ((rc = flush_all(g)) != 0 ||
			    (rc = db_commit(conn)) != DB_OK)
				goto out;
			intx = 0;
		}
		if ((i + 1) % 100000 == 0)
			fprintf(stderr, "gen: %lld deviations (%lld s)\n",
			    (long long)(i + 1), (long long)(clock_now() - t0));
	}
	if ((rc = db_begin(conn)) != DB_OK)
		goto out;
	intx = 1;
	for (y = 0; y < 64; y++) {
		if (g->counters[y] == 0)
			continue;
		if ((rc = db_prepare_tenant(conn, g->ctx.tenant_id, SQL_COUNTER,
		    &st)) != DB_OK)
			goto out;
		db_bind_int(st, 2, g->first_year + y);
		db_bind_int(st, 3, g->counters[y]);
		rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE) {
			rc = DB_ERR;
			goto out;
		}
	}
	if ((rc = db_ids_sync(conn, "deviations")) != DB_OK ||
	    (rc = db_commit(conn)) != DB_OK)
		goto out;
	intx = 0;
	rc = 0;
out:
	if (intx)
		db_rollback(conn);
	free(items);
	if (rc != 0)
		fprintf(stderr, "gen: writing deviations failed (%d)\n", rc);
	return rc;
}

/* --- --csv: the history as an import file --------------------------------- */

/* One field, quoted when it must be (RFC 4180). */
static void
csv_field(FILE *fp, const char *s, int last)
{
	const char *p;

	if (s != NULL && strpbrk(s, ",\"\r\n") != NULL) {
		fputc('"', fp);
		for (p = s; *p != '\0'; p++) {
			if (*p == '"')
				fputc('"', fp);
			fputc(*p, fp);
		}
		fputc('"', fp);
	} else if (s != NULL)
		fputs(s, fp);
	fputc(last ? '\n' : ',', fp);
}

/* t as the old system would have written it: a day alone now and then
 * (taken as 12:00 UTC), else RFC 3339 in Norwegian summer or winter time
 * or UTC. */
static const char *
csv_time(char *out, size_t outsz, int64_t t, int form)
{
	time_t		tt = (time_t)t;
	struct tm	tm;

	if (form == 0) {
		gmtime_r(&tt, &tm);
		strftime(out, outsz, "%Y-%m-%d", &tm);
	} else if (form == 1) {
		tt += HOUR;
		gmtime_r(&tt, &tm);
		strftime(out, outsz, "%Y-%m-%dT%H:%M:%S+01:00", &tm);
	} else {
		gmtime_r(&tt, &tm);
		strftime(out, outsz, "%Y-%m-%dT%H:%M:%SZ", &tm);
	}
	return out;
}

/* n reports for `orden import deviations` instead of the database: the same
 * plan of when, where and what as history_make, with the three states an
 * import knows (new, acknowledged, closed). Half keep the old system's
 * number AV-YEAR-NNNNNN (unique: the year's counter runs over every row,
 * numbered or not); one in a hundred concerns the unit's leader; a few
 * have no reporter. 0 or -1 after a message. */
static int
csv_make(struct gen *g, int64_t n)
{
	struct item	*items = NULL;
	FILE		*fp = g->csv;
	int64_t		 i;
	int		 rc = -1;

	if (plan_items(g, n, &items) != 0) {
		fprintf(stderr, "gen: out of memory\n");
		return -1;
	}
	g->first_year = year_of(g->end) - g->years - 1;
	memset(g->counters, 0, sizeof(g->counters));
	fputs("number,kind,reported_at,occurred_at,unit_code,category,title,"
	    "description,status,closed_at,reporter_login,concerns_leader\n", fp);
	for (i = 0; i < n; i++) {
		const struct item	*it = &items[i];
		const struct gunit	*u = &g->units[it->unit];
		const struct tpl	*tp =
		    &profiles[kinds[u->kind].profile].t[it->tpl];
		struct rng		 r = { it->seed };
		int64_t			 t = it->at, ack_at, cd, close_at = 0;
		int			 year = year_of(t), imp = tp->cat == NULL;
		int			 form = (int)rng_below(&r, 3);
		const char		*status = "new";
		char			 num[40], rep[40], occ[40], clo[40];
		char			 who[128];

		if (year - g->first_year < 0 || year - g->first_year >= 64)
			goto out;
		snprintf(num, sizeof(num), "AV-%04d-%06lld", year,
		    (long long)++g->counters[year - g->first_year]);
		ack_at = t + ack_delay(&r);
		if (ack_at < g->end) {
			status = "acknowledged";
			cd = close_delay(&r);
			if (cd > 0 && ack_at + cd < g->end) {
				status = "closed";
				close_at = ack_at + cd;
			}
		}
		if (rng_pct(&r, 3))
			who[0] = '\0';
		else if (u->nstaff > 0 && !rng_pct(&r, 8))
			snprintf(who, sizeof(who), "ansatt.%s.%d", u->code,
			    1 + (int)rng_below(&r, (uint64_t)u->nstaff));
		else
			snprintf(who, sizeof(who), "leder.%s", u->code);
		csv_field(fp, rng_pct(&r, 50) ? num : NULL, 0);
		csv_field(fp, imp ? "improvement" : "deviation", 0);
		csv_field(fp, csv_time(rep, sizeof(rep), t, form), 0);
		csv_field(fp, imp ? NULL : csv_time(occ, sizeof(occ),
		    t - rng_below(&r, 3 * HOUR), form), 0);
		csv_field(fp, u->code, 0);
		csv_field(fp, tp->cat, 0);
		csv_field(fp, tp->title, 0);
		csv_field(fp, tp->desc[rng_below(&r, 2)], 0);
		csv_field(fp, status, 0);
		csv_field(fp, close_at > 0 ? csv_time(clo, sizeof(clo),
		    close_at, form) : NULL, 0);
		csv_field(fp, who, 0);
		csv_field(fp, rng_pct(&r, 1) ? "1" : "", 1);
	}
	rc = fflush(fp) == 0 && !ferror(fp) ? 0 : -1;
	if (rc != 0)
		fprintf(stderr, "gen: cannot write the CSV file\n");
out:
	free(items);
	return rc;
}

/* The busiest unit: its leader's inbox and its staff's submissions. */
static size_t
busiest(const struct gen *g)
{
	size_t i, b = 0;

	for (i = 1; i < g->nunits; i++)
		if (g->units[i].weight > g->units[b].weight)
			b = i;
	return b;
}

/* Monotonic milliseconds, for the phase times on stderr. */
static int64_t
ms_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
tenant_make(struct gen *g, struct dbconn *conn, int index, int64_t ndev,
    size_t nunits, int staff)
{
	char		 host[64], name[96];
	int64_t		 tid, t0 = clock_now(), m0 = ms_now(), m1, m2, m3;
	int		 rc = -1, intx = 0;
	size_t		 b;

	g->index = index;
	snprintf(host, sizeof(host), "k%03d.bench", index);
	snprintf(name, sizeof(name), "Benk kommune %03d", index);
	memset(&g->ctx, 0, sizeof(g->ctx));
	g->ctx.conn = conn;
	g->ctx.lang = "nb";
	g->ctx.now = g->end;
	g->ctx.remote_addr = "bench";
	if ((g->ctx.arena = arena_new(ORG_ARENA_MAX)) == NULL)
		return -1;
	if (db_begin(conn) != DB_OK)
		goto out;
	intx = 1;
	if ((tid = tenant_create(conn, name, host)) <= 0) {
		fprintf(stderr, "gen: cannot create %s (%s)\n", host,
		    tid == DB_CONSTRAINT ? "the host exists" : "database error");
		goto out;
	}
	g->ctx.tenant_id = tid;
	g->ctx.tenant_name = name;
	/* The benchmark measures pages, not sign-in: its people sign in
	 * with a password alone (a saved, audited choice of the rule that is
	 * on by default since the second factor, issue 17), or bench/run.sh
	 * could not log in as the chief executive. */
	if (org_make(g, nunits, staff) != 0 ||
	    totp_settings_set(&g->ctx, 0, NULL) != 0 || db_commit(conn) != DB_OK)
		goto out;
	intx = 0;
	m1 = ms_now();
	if (g->csv != NULL) {
		rc = csv_make(g, ndev);
		fprintf(stderr, "gen: %s: %zu units, %lld rows for import in"
		    " %lld ms\n", host, g->nunits + 1 + NSECTORS,
		    (long long)ndev, (long long)(ms_now() - m1));
		goto out;
	}
	g->dev.tenant_id = g->ev.tenant_id = g->legal.tenant_id =
	    g->meas.tenant_id = tid;
	if (history_make(g, ndev) != 0)
		goto out;
	m2 = ms_now();
	/* The counts the dashboards read, kept on write by the application,
	 * are recounted once here from the rows written above. */
	if (dev_counts_rebuild(&g->ctx) != 0) {
		fprintf(stderr, "gen: %s: cannot build the deviation counts\n", host);
		goto out;
	}
	m3 = ms_now();
	b = busiest(g);
	printf("BENCH host=%s tenant=%lld top=direktor inbox=leder.%s"
	    " submitter=ansatt.%s.1 submit_unit=%lld list_unit=%lld"
	    " deviations=%lld\n", host, (long long)tid, g->units[b].code,
	    g->units[b].code, (long long)g->units[b].id,
	    (long long)g->sector_ids[1], (long long)ndev);
	fprintf(stderr, "gen: %s: %zu units, %lld deviations, %lld events in"
	    " %lld s (org %lld ms, history %lld ms, counts %lld ms)\n", host,
	    g->nunits + 1 + NSECTORS, (long long)ndev,
	    (long long)g->ev.written, (long long)(clock_now() - t0),
	    (long long)(m1 - m0), (long long)(m2 - m1), (long long)(m3 - m2));
	fflush(stdout);
	rc = 0;
out:
	if (intx)
		db_rollback(conn);
	arena_free(g->ctx.arena);
	g->ctx.arena = NULL;
	return rc;
}

static void
usage(void)
{
	fprintf(stderr, "usage: gen --db URL [--tenants N] [--first K]"
	    " [--deviations M] [--units U] [--staff S] [--years Y] [--seed X]\n"
	    "           [--csv FILE]\n"
	    "  --tenants 0 only creates (migrates) the database\n"
	    "  --csv FILE: the org in the database, the M deviations as a file\n"
	    "  for `orden import deviations` (one municipality)\n"
	    "  M deviations per municipality (default 1000000) over Y years"
	    " (10),\n  U units (default M/5000, 23..400) with S staff each"
	    " (default 8, 4 below 200000),\n  hosts kK.bench, kK+1.bench, ..."
	    " (K default 1). Password: %s\n", BENCH_PASSWORD);
}

static int
opt_num(const char *s, int64_t min, int64_t max, int64_t *out)
{
	if (num_parse_i64(s, min, max, out) != 0) {
		fprintf(stderr, "gen: bad number %s\n", s);
		return -1;
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "tenants", required_argument, NULL, 't' },
		{ "first", required_argument, NULL, 'f' },
		{ "deviations", required_argument, NULL, 'm' },
		{ "units", required_argument, NULL, 'u' },
		{ "staff", required_argument, NULL, 's' },
		{ "years", required_argument, NULL, 'y' },
		{ "seed", required_argument, NULL, 'x' },
		{ "csv", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 }
	};
	struct gen	 g;
	struct db	*db = NULL;
	struct dbconn	*conn = NULL;
	const char	*url = NULL, *csv = NULL;
	char		 hash[AUTH_HASH_MAX];
	int64_t		 tenants = 1, first = 1, ndev = 1000000, units = 0;
	int64_t		 staff = 0, years = 10, seed = 1, i, v;
	int		 c, rows, ret = 1;

	while ((c = getopt_long(argc, argv, "d:t:f:m:u:s:y:x:c:", opts, NULL))
	    != -1) {
		switch (c) {
		case 'd': url = optarg; break;
		case 't': if (opt_num(optarg, 0, 999, &tenants)) return 2; break;
		case 'f': if (opt_num(optarg, 1, 999, &first)) return 2; break;
		case 'm': if (opt_num(optarg, 1, 9000000, &ndev)) return 2; break;
		case 'u': if (opt_num(optarg, NKINDS, 5000, &units)) return 2; break;
		case 's': if (opt_num(optarg, 1, 100, &staff)) return 2; break;
		case 'y': if (opt_num(optarg, 1, 50, &years)) return 2; break;
		case 'x': if (opt_num(optarg, 0, INT64_MAX, &seed)) return 2; break;
		case 'c': csv = optarg; break;
		default: usage(); return 2;
		}
	}
	if (url == NULL || optind < argc || first + tenants - 1 > 999 ||
	    ndev >= ID_STRIDE || (csv != NULL && tenants != 1)) {
		usage();
		return 2;
	}
	if (units == 0) {
		units = ndev / 5000;
		units = units < 23 ? 23 : (units > 400 ? 400 : units);
	}
	if (staff == 0)
		staff = ndev >= 200000 ? 8 : 4;
	if (auth_init() != 0 || auth_password_hash(BENCH_PASSWORD, hash) != 0) {
		fprintf(stderr, "gen: cannot hash the password\n");
		return 1;
	}
	memset(&g, 0, sizeof(g));
	g.hash = hash;
	g.years = (int)years;
	v = clock_now();
	g.end = v - v % DAY;
	if (csv != NULL && (g.csv = fopen(csv, "w")) == NULL) {
		fprintf(stderr, "gen: cannot write %s\n", csv);
		return 1;
	}
	if (db_open(&db, url, 1) != 0) {
		fprintf(stderr, "gen: cannot open the database\n");
		return 1;
	}
	conn = db_acquire(db);
	/* Rows per statement: PostgreSQL pays a round trip per statement;
	 * SQLite pays nothing for that but looks each placeholder up by name
	 * when binding (store/sqlite_stmt.c), which grows with the
	 * statement's size, so one row at a time is its fastest. */
	rows = strcmp(db_backend(db), "sqlite") == 0 ? 1 : 40;
	if (batch_init(&g.dev, SQL_DEV_HEAD, D_NCOLS, rows, NULL) != 0 ||
	    batch_init(&g.ev, SQL_EV_HEAD, 7, rows * 4, &g.dev) != 0 ||
	    batch_init(&g.legal, SQL_LEGAL_HEAD, 4, rows * 4, &g.dev) != 0 ||
	    batch_init(&g.meas, SQL_MEAS_HEAD, 10, rows * 4, &g.dev) != 0) {
		fprintf(stderr, "gen: out of memory\n");
		goto out;
	}
	g.dev.conn = g.ev.conn = g.legal.conn = g.meas.conn = conn;
	for (i = 0; i < tenants; i++) {
		/* Each municipality its own stream: adding tenants does not
		 * change the first ones. */
		g.rng.s = (uint64_t)seed * 0x2545f4914f6cdd1dull + (uint64_t)(first + i);
		g.ev.written = 0;
		if (tenant_make(&g, conn, (int)(first + i), ndev, (size_t)units,
		    (int)staff) != 0)
			goto out;
	}
	ret = 0;
out:
	if (conn != NULL)
		db_release(db, conn);
	db_close(db);
	/* After db_close: the statement cache was keyed by their SQL. */
	batch_free(&g.dev);
	batch_free(&g.ev);
	batch_free(&g.legal);
	batch_free(&g.meas);
	if (g.csv != NULL && fclose(g.csv) != 0)
		ret = 1;
	return ret;
}
