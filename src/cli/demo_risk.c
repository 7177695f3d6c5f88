/* demo_risk.c: risk assessments in the demo municipality (issue 15). The
 * leader group's ROS of the main process "helhetlig virksomhetsstyring",
 * made after the yearly evaluation (Levanger's answer to the control
 * committee, seeds/003), and a school's simplified HMS assessment with a
 * review and a measure; the quality adviser's simplified templates for
 * schools and kindergartens (the standard risks of such a unit, which a
 * leader starts from). Made through the gate, as the people would. */
#include "cli/cli.h"

#include <string.h>

#include "ctx.h"
#include "org/org.h"
#include "risk/risk.h"
#include "util/date.h"

struct demo_risk {
	const char	*description, *cause, *consequence, *barriers;
	int		 p, c, rp, rc;
};

static const struct demo_risk top_risks[] = {
	{ "Avvik meldes ikke, og kommunen lærer ikke av dem",
	  "Lav meldekultur, frykt for å bli sett på som illojal",
	  "Samme feil gjentas; tilsyn finner svikt vi ikke kjente til",
	  "Avviksrutine, opplæring av nye ledere", 4, 4, 3, 3 },
	{ "Rutiner er utdaterte og ikke kjent",
	  "Ingen fast revisjon; mange dokumenter på ulike steder",
	  "Ansatte handler ulikt; brudd på lov og forskrift",
	  "Kvalitetssystem, årshjul for revisjon", 3, 4, 2, 3 },
	{ "Tertialrapporter gir ikke et riktig bilde av virksomheten",
	  "Manuell telling, ulike kategorier i sektorene",
	  "Kommunestyret styrer på feil grunnlag",
	  "Felles kategorier, dashbord", 2, 3, 0, 0 },
	{ "Varsler blir ikke fulgt opp innen rimelig tid",
	  "Uklare roller, få som kan behandle saker",
	  "Varsleren mister tillit; gjengjeldelse",
	  "Varslingsrutine, varslingskanal", 2, 5, 0, 0 },
};

/* The standard risks of a school (the simplified template). */
static const struct demo_risk school_risks[] = {
	{ "Vold og trusler mot ansatte", "Elever i krise", "Skade, sykefravær",
	  "Handlingsplan, to voksne i utsatte situasjoner", 3, 4, 0, 0 },
	{ "Elev forsvinner fra skolens område", "Uoversiktlige friminutt",
	  "Elev skades", "Inspeksjonsplan", 2, 5, 0, 0 },
	{ "Fall på glatt skolegård", "Is om vinteren", "Brudd og forstuinger",
	  "Strøing om morgenen", 4, 2, 0, 0 },
	{ "Personopplysninger på avveie", "E-post til feil mottaker",
	  "Brudd på personvernet", "Opplæring, merking i arkivet", 2, 3, 0, 0 },
};

/* The simplified templates (forenklet ROS): the risks most schools and
 * kindergartens assess in their HMS work, with suggested barriers. */
static const struct demo_risk tpl_school[] = {
	{ "Vold og trusler mot ansatte",
	  "Elever i krise, konflikter som eskalerer",
	  "Fysisk og psykisk skade, sykefravær",
	  "Handlingsplan mot vold og trusler, alarm, to voksne i utsatte situasjoner, avvik meldes", 3, 4, 0, 0 },
	{ "Brann i skolebygget", "Elektrisk feil, påsatt brann",
	  "Personskade, tap av bygg og undervisning",
	  "Brannvarsling, rømningsplan, brannøvelse to ganger i året", 1, 5, 0, 0 },
	{ "Smitte (utbrudd av sykdom)", "Mange i tett kontakt, svikt i hygiene",
	  "Sykdom hos elever og ansatte, stengt skole",
	  "Hygienerutiner, smittevernveileder, kontakt med kommuneoverlegen", 3, 3, 0, 0 },
	{ "Fall og klemskader", "Glatt skolegård, lekeapparater, trapper",
	  "Brudd, hodeskader",
	  "Strøing, årlig kontroll av lekeapparater, inspeksjon", 4, 2, 0, 0 },
	{ "Personopplysninger på avveie", "E-post til feil mottaker, ulåste skap",
	  "Brudd på personvernet, tap av tillit",
	  "Opplæring, sikker sak/arkiv, låste arkivskap", 2, 3, 0, 0 },
	{ "Elev forsvinner fra skolens område", "Uoversiktlige friminutt, turer",
	  "Elev skades eller kommer bort", "Inspeksjonsplan, rutine for turer", 2, 5, 0, 0 },
};

static const struct demo_risk tpl_kindergarten[] = {
	{ "Vold og trusler mot ansatte", "Foreldre i konflikt, barn med utfordrende atferd",
	  "Skade, utrygghet, sykefravær",
	  "Rutine for vanskelige samtaler, to ansatte til stede, avvik meldes", 2, 3, 0, 0 },
	{ "Brann i barnehagen", "Elektrisk feil, matlaging",
	  "Personskade; små barn kan ikke rømme selv",
	  "Brannvarsling, rømningsplan med ansvar per barnegruppe, øvelser", 1, 5, 0, 0 },
	{ "Smitte (utbrudd av sykdom)", "Bleieskift, måltider, tett lek",
	  "Sykdom hos barn og ansatte",
	  "Hygienerutiner, håndvask, smittevernveileder", 4, 2, 0, 0 },
	{ "Fall og klemskader", "Klatring, dører, lekeapparater",
	  "Brudd, klemte fingre",
	  "Fingerlister på dører, daglig sjekk av uteområdet", 4, 2, 0, 0 },
	{ "Barn kommer bort på tur", "Mange barn per voksen, trafikk",
	  "Barn skades eller blir borte", "Telling ved avgang og ankomst, refleksvester", 2, 5, 0, 0 },
	{ "Personopplysninger på avveie", "Bilder delt uten samtykke, lister på oppslagstavla",
	  "Brudd på personvernet", "Samtykkerutine, opplæring", 3, 2, 0, 0 },
};

/* The gate's input for adding r (to an assessment or a template). */
static void
risk_input_of(struct risk_input *in, enum risk_action action,
    const struct demo_risk *r)
{
	memset(in, 0, sizeof(*in));
	in->action = action;
	in->description = r->description;
	in->cause = r->cause;
	in->consequence = r->consequence;
	in->barriers = r->barriers;
	in->probability = r->p;
	in->impact = r->c;
	in->res_probability = r->rp;
	in->res_impact = r->rc;
}

/* Act as login with its roles. */
static int
as(struct ctx *ctx, const char *login, struct person *p)
{
	if (org_person_by_login(ctx, login, p) != 0 ||
	    org_roles_of(ctx, p->id, &ctx->roles) < 0)
		return -1;
	ctx->user = p;
	return 0;
}

/* Make what in says (an assessment or a template, acted on no id) and add
 * rv[0..n) to it with add; *first_risk (when not NULL) gets the first
 * risk's id. 0 or -1. */
static int
with_risks(struct ctx *ctx, struct risk_input *in, enum risk_action add,
    const struct demo_risk *rv, size_t n, int64_t *first_risk)
{
	struct risk_result	res;
	int64_t			id;
	size_t			i;

	risk_do(ctx, 0, in, &res);
	if (res.outcome != RISK_OK)
		return -1;
	id = res.id;
	for (i = 0; i < n; i++) {
		risk_input_of(in, add, &rv[i]);
		risk_do(ctx, id, in, &res);
		if (res.outcome != RISK_OK)
			return -1;
		if (i == 0 && first_risk != NULL)
			*first_risk = res.id;
	}
	return 0;
}

static int
assessment(struct ctx *ctx, const char *unit_code, const char *title,
    const char *scope, const char *scope_text, const char *on,
    const char *participants, const struct demo_risk *rv, size_t n,
    int64_t *first_risk)
{
	struct unit		 u;
	struct risk_input	 in;

	if (org_unit_by_code(ctx, unit_code, &u) != 0)
		return -1;
	memset(&in, 0, sizeof(in));
	in.action = RK_CREATE;
	in.unit_id = u.id;
	in.title = title;
	in.scope = scope;
	in.scope_text = scope_text;
	in.assessed_on = on;
	in.participants = participants;
	return with_risks(ctx, &in, RK_ADD_RISK, rv, n, first_risk);
}

/* A template made by the quality adviser (ctx->user) with its risks. */
static int
template(struct ctx *ctx, const char *name, const char *kind,
    const struct demo_risk *rv, size_t n)
{
	struct risk_input in;

	memset(&in, 0, sizeof(in));
	in.action = RK_TEMPLATE_CREATE;
	in.name = name;
	in.unit_kind = kind;
	return with_risks(ctx, &in, RK_TEMPLATE_ADD_RISK, rv, n, NULL);
}

int
cli_demo_risk(struct ctx *ctx)
{
	struct person		 ce, lead, qa;
	struct person		*user = ctx->user;
	struct roleset		 roles = ctx->roles;
	struct risk_input	 in;
	struct risk_result	 res;
	char			 due[DATE_KEY_MAX];
	int64_t			 r = 0;
	int			 ret = CLI_FAIL;

	if (as(ctx, "kari.nilsen", &ce) != 0 ||
	    assessment(ctx, "kd", "ROS helhetlig virksomhetsstyring", "process",
	    "Helhetlig virksomhetsstyring", NULL,
	    "Kommunedirektørens ledergruppe etter årsevalueringen 12. desember",
	    top_risks, sizeof(top_risks) / sizeof(top_risks[0]), NULL) != 0)
		goto out;
	if (as(ctx, "bjorn.saether", &lead) != 0 ||
	    assessment(ctx, "vestre-skole", "HMS-risikovurdering Vestre skole",
	    "unit", NULL, NULL, "Rektor, verneombud, tillitsvalgt",
	    school_risks, sizeof(school_risks) / sizeof(school_risks[0]), &r) != 0)
		goto out;
	memset(&in, 0, sizeof(in));
	in.action = RK_ADD_MEASURE;
	in.measure = "Alarmknapp i alle klasserom";
	in.responsible_login = "bjorn.saether";
	/* Every measure has a due date (measure_add): three months on. */
	if (date_key(date_add_months(ctx->now, 3), DATE_DAY, due) != 0)
		goto out;
	in.due_date = due;
	risk_do(ctx, r, &in, &res);
	if (res.outcome != RISK_OK)
		goto out;
	memset(&in, 0, sizeof(in));
	in.action = RK_REVIEW;
	in.no_change = 1;
	in.note = "Gjennomgått i arbeidsmiljøgruppen";
	risk_do(ctx, r, &in, &res);
	if (res.outcome != RISK_OK)
		goto out;
	if (as(ctx, "ingrid.haugen", &qa) != 0 ||
	    template(ctx, "Forenklet ROS – skole", "school", tpl_school,
	    sizeof(tpl_school) / sizeof(tpl_school[0])) != 0 ||
	    template(ctx, "Forenklet ROS – barnehage", "kindergarten",
	    tpl_kindergarten, sizeof(tpl_kindergarten) /
	    sizeof(tpl_kindergarten[0])) != 0)
		goto out;
	ret = CLI_OK;
out:
	ctx->user = user;
	ctx->roles = roles;
	return ret;
}
