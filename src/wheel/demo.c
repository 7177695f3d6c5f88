/* demo.c: the demo municipality's yearly wheel, from the seeds: Levanger's
 * answer to its control committee (seeds/003_…: the yearly evaluation
 * with all leaders on 12 December, management review at sector and chief
 * executive level, status in the annual report) and Rana's follow-up
 * letter (seeds/000_…: leader training in deviations and whistleblowing,
 * yearly revision of routines with a system reminder, routines reviewed
 * with every employee, reports to AMU). The year so far is done, except
 * one monthly review left overdue, so the pages show every state. */
#include "wheel/wheel.h"

#include <string.h>

#include "ctx.h"
#include "org/org.h"
#include "store/store.h"
#include "wheel/wheel_int.h"

static const char SQL_INSERT[] =
    "INSERT INTO wheel_tasks (tenant_id, title, description, freq, month, day,"
    " week, weekday, unit_id, role, person_id, lead_days, starts_on, active,"
    " created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,"
    " $11, $12, $13, 1, NULL, $14) RETURNING id";
static const char SQL_DONE[] =
    "INSERT INTO wheel_occurrences (tenant_id, task_id, due_on, outcome,"
    " done_by, done_at, note, reminded_at) VALUES ($1, $2, $3, 'done', $4, $5,"
    " $6, $5)";

static const struct demo_task {
	const char	*title, *description;
	struct wheel_rule rule;
	const char	*unit, *role;	/* unit code (NULL: the municipality) */
	int		 lead;
	const char	*note;		/* on the done ones */
} tasks[] = {
	{ "Årlig evaluering av internkontrollen med alle ledere",
	  "Evaluering av året som gikk med alle ledere; grunnlag for ROS per hovedprosess.",
	  { WF_YEARLY_DATE, 12, 12, 0, 0 }, NULL, "chief_executive", 30, NULL },
	{ "Ledelsens gjennomgang – kommunedirektørnivå",
	  "Kvalitetssystemet, avvikssystemet og effekten av tiltak vurderes.",
	  { WF_YEARLY_WEEK, 0, 0, 48, 3 }, NULL, "chief_executive", 21, NULL },
	{ "Ledelsens gjennomgang – Oppvekst og opplæring", NULL,
	  { WF_YEARLY_WEEK, 0, 0, 45, 1 }, "oo", "leader", 21, NULL },
	{ "Ledelsens gjennomgang – Helse og omsorg", NULL,
	  { WF_YEARLY_WEEK, 0, 0, 45, 2 }, "ho", "leader", 21, NULL },
	{ "Ledelsens gjennomgang – Økonomistyring og infrastruktur", NULL,
	  { WF_YEARLY_WEEK, 0, 0, 45, 3 }, "oi", "leader", 21, NULL },
	{ "Ledelsens gjennomgang – Kultur, samfunn og organisasjon", NULL,
	  { WF_YEARLY_WEEK, 0, 0, 45, 4 }, "kso", "leader", 21, NULL },
	{ "Status internkontroll i årsberetningen",
	  "Status rapporteres i årsberetningen under emnet internkontroll.",
	  { WF_LAST_WORKDAY, 3, 0, 0, 0 }, NULL, "chief_executive", 30, NULL },
	{ "Opplæring for ledere i avvik og varsling",
	  "Lavterskelsesjon i oppfølging og håndtering av avvik og varsling i kvalitetssystemet.",
	  { WF_TERTIAL, 2, 15, 0, 0 }, NULL, "quality", 21, "Gjennomført, 14 deltakere." },
	{ "Årlig revisjon av rutine for avvik og kvalitetsmelding",
	  "Rutinen vurderes og oppdateres med vekt på klart språk.",
	  { WF_YEARLY_DATE, 10, 1, 0, 0 }, NULL, "quality", 30, "Revidert, ingen vesentlige endringer." },
	{ "Årlig revisjon av varslingsrutinen",
	  "Behovet for oppdatering vurderes mot gjeldende regelverk.",
	  { WF_YEARLY_DATE, 10, 15, 0, 0 }, NULL, "hr_head", 30, NULL },
	{ "Avviksrapport til AMU",
	  "Avvik per enhet og kategori for tertialet, med årsaker og tiltak.",
	  { WF_TERTIAL, 1, 20, 0, 0 }, NULL, "quality", 14, NULL },
	{ "Varslingsstatistikk til AMU og hovedverneombud", NULL,
	  { WF_YEARLY_DATE, 2, 15, 0, 0 }, NULL, "hr_head", 21, NULL },
	{ "Tertialrapport til kommunestyret", NULL,
	  { WF_TERTIAL, 2, 31, 0, 0 }, NULL, "chief_executive", 21, NULL },
	{ "Skriftlig status til kontrollutvalget",
	  "Status på oppfølging av forvaltningsrevisjonens anbefalinger.",
	  { WF_YEARLY_DATE, 12, 31, 0, 0 }, NULL, "chief_executive", 30, NULL },
	{ "Gjennomgang av varslingsrutine og rutine for kvalitetsmelding med ansatte",
	  "Krav i oppdragsbrevet: alle ledere går gjennom rutinene med sine ansatte.",
	  { WF_YEARLY_WEEK, 0, 0, 35, 2 }, "vestre-skole", "leader", 21, NULL },
	{ "Månedlig gjennomgang av åpne avvik", NULL,
	  { WF_LAST_WORKDAY, 0, 0, 0, 0 }, "vestre-skole", "leader", 5, NULL },
};

/* Who did a done occurrence: the first holder of the role there. */
static int64_t
doer(struct ctx *ctx, enum role r, int64_t unit_id)
{
	int64_t	*ids;
	size_t	 n;

	if (org_role_holders(ctx, r, unit_id, &ids, NULL, &n) != 0 || n == 0)
		return 0;
	return ids[0];
}

static int
one(struct ctx *ctx, const struct demo_task *d, int64_t year_start,
    int64_t today)
{
	struct dbstmt		*st;
	struct wheel_task	 t;
	struct unit		 u;
	enum role		 r;
	int64_t			 id, unit_id = 0, days[64], by;
	char			 iso[11];
	long			 n, i;
	int			 rc;

	if (d->unit != NULL) {
		if (org_unit_by_code(ctx, d->unit, &u) != 0)
			return 0;	/* not this organisation */
		unit_id = u.id;
	}
	if (role_parse(d->role, &r) != 0)
		return DB_ERR;
	wheel_day_iso(year_start, iso);
	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_INSERT, &st))
	    != DB_OK)
		return rc;
	memset(&t, 0, sizeof(t));
	t.title = d->title;
	t.description = d->description;
	t.rule = d->rule;
	t.unit_id = unit_id;
	t.role = (int)r;
	t.lead_days = d->lead;
	wheel_task_bind(st, 2, &t);
	db_bind_text(st, 13, iso);
	db_bind_int(st, 14, ctx->now);
	rc = db_step(st);
	id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (id <= 0)
		return rc < 0 ? rc : DB_ERR;
	by = doer(ctx, r, unit_id);
	n = wheel_rule_between(&d->rule, year_start, today - 1, days, 64);
	for (i = 0; i < n && i < 64; i++) {
		/* The latest monthly review is left undone: overdue. */
		if (d->rule.freq == WF_LAST_WORKDAY && d->rule.month == 0 &&
		    i == n - 1)
			break;
		wheel_day_iso(days[i], iso);
		if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_DONE,
		    &st)) != DB_OK)
			return rc;
		db_bind_int(st, 2, id);
		db_bind_text(st, 3, iso);
		if (by != 0)
			db_bind_int(st, 4, by);
		else
			db_bind_null(st, 4);
		db_bind_int(st, 5, wheel_day_end(days[i]) - 4 * 3600);
		db_bind_text(st, 6, d->note);
		rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE)
			return rc < 0 ? rc : DB_ERR;
	}
	return 0;
}

int
wheel_demo(struct ctx *ctx)
{
	int64_t	today = wheel_day_of(ctx->now), start;
	int	y, m, d, rc;
	size_t	i;

	wheel_civil_from_days(today, &y, &m, &d);
	start = wheel_days_from_civil(y, 1, 1);
	for (i = 0; i < sizeof(tasks) / sizeof(tasks[0]); i++)
		if ((rc = one(ctx, &tasks[i], start, today)) != 0)
			return rc;
	return 0;
}
