/* demo.c: the demo municipality's register of governing documents (issue
 * 14 item 10): sub-processes under the three top groups, 44 documents
 * approved by the bodies that approve such things, a few whose yearly
 * revision is overdue, and the deviation routine with a significant
 * second version that about half of the staff have confirmed. Made
 * through document_do as the quality adviser, at past times (ctx->now
 * moved back), so the audit log tells the same story. */
#include "document/document.h"

#include <stdio.h>
#include <string.h>

#include "ctx.h"
#include "document/doc_int.h"
#include "org/org.h"
#include "util/arena.h"

#define DAY	86400

/* A service-specific routine is for the staff of its sector (unit code,
 * and the words its text uses for them); the rest are for everyone. A
 * teacher is not asked to confirm the nursing homes' procedure for
 * coercion. */
static const struct {
	const char	*name;
	int		 group;	/* 0 sektorovergripende, 1 tjenestespesifikke, 2 støtte */
	const char	*unit;	/* NULL: every unit */
	const char	*staff;
} subs[] = {
	{ "Helhetlig virksomhetsstyring", 0, NULL, "kommunen" },
	{ "HMS og arbeidsmiljø", 0, NULL, "kommunen" },
	{ "Informasjonssikkerhet og personvern", 0, NULL, "kommunen" },
	{ "Beredskap og samfunnssikkerhet", 0, NULL, "kommunen" },
	{ "Oppvekst og opplæring", 1, "oo", "oppvekst og opplæring" },
	{ "Helse og omsorg", 1, "ho", "helse og omsorg" },
	{ "Teknisk drift og eiendom", 1, "oi", "økonomistyring og infrastruktur" },
	{ "Økonomistyring", 2, NULL, "kommunen" },
	{ "HR og personal", 2, NULL, "kommunen" },
	{ "Innkjøp", 2, NULL, "kommunen" },
	{ "Arkiv og dokumentasjon", 2, NULL, "kommunen" },
};

static const struct {
	const char	*code, *title, *type;
	int		 sub;		/* index in subs */
	const char	*body, *case_no;
	int		 age_days;	/* approved this long ago */
} docs[] = {
	{ "2128", "Rutine for melding og behandling av avvik", "routine", 0, "kommunedirektøren", "KD-sak 12/2025", 200 },
	{ "2129", "Rutine for forbedringsforslag", "routine", 0, "kommunedirektøren", "KD-sak 13/2025", 200 },
	{ "2001", "Internkontroll – overordnet system", "regulation", 0, "kommunestyret", "K.sak 69/2025", 300 },
	{ "2002", "Årshjul for internkontroll og ROS", "plan", 0, "kommunedirektøren", NULL, 150 },
	{ "2003", "Delegeringsreglement", "regulation", 0, "kommunestyret", "K.sak 41/2024", 420 },
	{ "2004", "Mal for risiko- og sårbarhetsanalyse (ROS)", "template", 0, "kommunedirektøren", NULL, 90 },
	{ "2101", "HMS-håndbok", "guideline", 1, "AMU", "AMU-sak 8/2025", 250 },
	{ "2102", "Rutine for varsling av kritikkverdige forhold", "routine", 1, "AMU", "AMU-sak 3/2025", 320 },
	{ "2103", "Rutine ved vold og trusler mot ansatte", "routine", 1, "AMU", "AMU-sak 9/2025", 100 },
	{ "2104", "Rutine for oppfølging av sykefravær", "routine", 1, "AMU", "AMU-sak 11/2024", 390 },
	{ "2105", "Skjema for vernerunde", "form", 1, "AMU", NULL, 60 },
	{ "2106", "Retningslinje for rusmiddelpolitikk", "guideline", 1, "AMU", "AMU-sak 4/2025", 180 },
	{ "2201", "Rutine ved brudd på personopplysningssikkerheten", "routine", 2, "kommunedirektøren", NULL, 140 },
	{ "2202", "Informasjonssikkerhetspolicy", "regulation", 2, "kommunestyret", "K.sak 22/2025", 260 },
	{ "2203", "Rutine for tilgangsstyring", "procedure", 2, "kommunedirektøren", NULL, 380 },
	{ "2204", "Mal for databehandleravtale", "template", 2, "kommunedirektøren", NULL, 45 },
	{ "2301", "Overordnet beredskapsplan", "plan", 3, "kommunestyret", "K.sak 70/2025", 30 },
	{ "2302", "Plan for kriseledelse", "plan", 3, "formannskapet", "F.sak 15/2025", 120 },
	{ "2303", "Evakueringsplan rådhuset", "plan", 3, "kommunedirektøren", NULL, 210 },
	{ "3101", "Rutine for skolemiljø (opplæringslova kap. 12)", "routine", 4, "kommunalsjef oppvekst", NULL, 160 },
	{ "3102", "Rutine for bekymringsmelding til barnevernet", "routine", 4, "kommunalsjef oppvekst", NULL, 230 },
	{ "3103", "Plan for overgang barnehage–skole", "plan", 4, "kommunalsjef oppvekst", NULL, 70 },
	{ "3104", "Rutine for fravær i grunnskolen", "routine", 4, "kommunalsjef oppvekst", NULL, 400 },
	{ "3105", "Skjema for tilsyn i barnehage", "form", 4, "kommunalsjef oppvekst", NULL, 50 },
	{ "3201", "Rutine for legemiddelhåndtering", "procedure", 5, "kommunalsjef helse", NULL, 110 },
	{ "3202", "Prosedyre for fallforebygging", "procedure", 5, "kommunalsjef helse", NULL, 170 },
	{ "3203", "Rutine for smittevern i institusjon", "routine", 5, "kommunalsjef helse", NULL, 290 },
	{ "3204", "Prosedyre for bruk av tvang (pasient- og brukerrettighetsloven kap. 4A)", "procedure", 5, "kommunalsjef helse", NULL, 80 },
	{ "3205", "Rutine for dokumentasjon i pasientjournal", "routine", 5, "kommunalsjef helse", NULL, 410 },
	{ "3206", "Skjema for avviksgjennomgang i helse og omsorg", "form", 5, "kommunalsjef helse", NULL, 40 },
	{ "3301", "Rutine for internkontroll drikkevann", "routine", 6, "kommunalsjef teknisk", NULL, 190 },
	{ "3302", "Prosedyre for brøyting og strøing", "procedure", 6, "kommunalsjef teknisk", NULL, 240 },
	{ "3303", "Rutine for vedlikehold av kommunale bygg", "routine", 6, "kommunalsjef teknisk", NULL, 130 },
	{ "4101", "Økonomireglement", "regulation", 7, "kommunestyret", "K.sak 12/2025", 270 },
	{ "4102", "Finansreglement", "regulation", 7, "kommunestyret", "K.sak 13/2025", 270 },
	{ "4103", "Rutine for attestasjon og anvisning", "routine", 7, "kommunedirektøren", NULL, 95 },
	{ "4201", "Arbeidsreglement", "regulation", 8, "AMU", "AMU-sak 2/2025", 310 },
	{ "4202", "Rutine for rekruttering og ansettelse", "routine", 8, "kommunedirektøren", NULL, 220 },
	{ "4203", "Retningslinje for medarbeidersamtaler", "guideline", 8, "kommunedirektøren", NULL, 160 },
	{ "4301", "Innkjøpsreglement", "regulation", 9, "kommunestyret", "K.sak 33/2025", 200 },
	{ "4302", "Mal for konkurransegrunnlag", "template", 9, "kommunedirektøren", NULL, 85 },
	{ "4401", "Arkivplan", "plan", 10, "kommunedirektøren", NULL, 140 },
	{ "4402", "Rutine for journalføring", "routine", 10, "kommunedirektøren", NULL, 375 },
	{ "4403", "Rutine for innsyn etter offentleglova", "routine", 10, "kommunedirektøren", NULL, 65 },
};

static int
act(struct ctx *ctx, int64_t id, struct doc_input *in, int64_t *out_id)
{
	struct doc_result r;

	document_do(ctx, id, in, &r);
	if (r.outcome != DOC_OK)
		return -1;
	if (out_id != NULL)
		*out_id = r.id;
	return 0;
}

static int
publish(struct ctx *ctx, int64_t id, const char *body_, const char *case_no,
    int significant, int first)
{
	struct doc_input in;

	if (!first) {
		memset(&in, 0, sizeof(in));
		in.action = DOC_A_VERSION;
		in.body = "## Formål\nRutinen sikrer at avvik meldes straks og "
		    "følges opp.\n\n## Slik gjør du det\n1. Meld i Orden (Meld avvik).\n"
		    "2. Nærmeste leder bekrefter mottak innen fristen.\n"
		    "3. Leder lukker avviket med læringspunkter.\n\n"
		    "| Hvem | Hva |\n|---|---|\n| Alle ansatte | Melder |\n"
		    "| Leder | Behandler og lukker |\n";
		in.change_note = "Ny behandlingsflyt i Orden";
		in.significant = significant;
		if (act(ctx, id, &in, NULL) != 0)
			return -1;
	}
	memset(&in, 0, sizeof(in));
	in.action = DOC_A_SUBMIT;
	if (act(ctx, id, &in, NULL) != 0)
		return -1;
	memset(&in, 0, sizeof(in));
	in.action = DOC_A_APPROVE;
	in.approval_body = body_;
	in.approval_case = case_no;
	return act(ctx, id, &in, NULL);
}

/* The whistleblowing routine, public and linked from the whistleblowing
 * pages: a new user reads it first, so it is a whole routine (after
 * Vestby's regulations, seeds/004), not the placeholder of the others. */
static const char WB_ROUTINE[] =
    "## Formål\n"
    "Rutinen sier hvordan du varsler om kritikkverdige forhold i "
    "kommunen, og hvordan varselet blir behandlet, slik at både den "
    "som varsler og den det varsles om blir behandlet rettferdig. Den"
    " bygger på arbeidsmiljøloven kapittel 2 A og er laget i "
    "samarbeid med tillitsvalgte og verneombud gjennom AMU. Den "
    "revideres minst én gang i året.\n"
    "\n"
    "## Hvem kan varsle\n"
    "- Ansatte har rett til å varsle (arbeidsmiljøloven § 2 A-1), og "
    "plikt til å si fra om trakassering, diskriminering eller fare "
    "for liv og helse.\n"
    "- Innleide arbeidstakere, lærlinger, elever og andre under "
    "opplæring, tidligere ansatte og jobbsøkere.\n"
    "- Folkevalgte varsler etter vedlegg 4 nedenfor; "
    "arbeidsmiljølovens regler gjelder ikke for dem.\n"
    "\n"
    "## Hva er kritikkverdige forhold\n"
    "Forhold i strid med lov og forskrift, kommunens etiske "
    "retningslinjer eller etiske normer det er bred tilslutning om i "
    "samfunnet: for eksempel fare for liv og helse, korrupsjon og "
    "misbruk av midler, trakassering og diskriminering, brudd på "
    "taushetsplikt og personvern.\n"
    "- Faglig og politisk uenighet er som utgangspunkt ikke "
    "kritikkverdige forhold.\n"
    "- Misnøye med egen arbeidssituasjon er en personalsak, ikke et "
    "varsel.\n"
    "\n"
    "## Å varsle i Orden\n"
    "1. Bruk [Varsle](/whistle) i Orden (også uten å logge inn, fra "
    "kommunens nettside). Du kan varsle anonymt.\n"
    "2. Skriv hva som har skjedd, når og hvor, hvem som er involvert,"
    " og om andre vet om det.\n"
    "3. Velg hvem varselet gjelder fra listen over ansatte, eller "
    "skriv navnet. Den det varsles om får aldri se eller behandle "
    "saken.\n"
    "4. Ta vare på kvitteringskoden. Med den kan du følge saken, "
    "svare på spørsmål og sende mer informasjon, også når du er "
    "anonym.\n"
    "\n"
    "Du kan også varsle muntlig til nærmeste leder, verneombud eller "
    "tillitsvalgt. Det er innholdet, ikke formen, som avgjør om noe "
    "er et varsel.\n"
    "\n"
    "## Hvem behandler varselet\n"
    "| Varselet gjelder | Går til |\n"
    "|---|---|\n"
    "| En medarbeider (vedlegg 1) | Nærmeste leder, eller lederen "
    "over når varselet gjelder nærmeste leder |\n"
    "| Kommunedirektøren (vedlegg 2) | Ordføreren, som vurderer saken"
    " sammen med leder av det største opposisjonspartiet; "
    "formannskapet behandler |\n"
    "| En folkevalgt, fra en ansatt (vedlegg 3) | Nærmeste leder, som"
    " vurderer saken med kommunedirektøren; formannskapet behandler, "
    "uten medlemmer fra samme parti som den det varsles om |\n"
    "| En folkevalgt, fra en folkevalgt (vedlegg 4) | Gruppelederen i"
    " partiet til den det varsles om, eller partigruppen når det "
    "gjelder gruppelederen selv |\n"
    "\n"
    "HR kan trekkes inn som medbehandler. Hovedverneombudet ser hvem "
    "som mottar varsler, men ikke sakene.\n"
    "\n"
    "## Aktivitetsplikt\n"
    "- Undersøkelsesplikt: varselet skal undersøkes tilstrekkelig "
    "innen rimelig tid.\n"
    "- Omsorgsplikt: den som varsler skal følges opp. Gjengjeldelse "
    "mot den som varsler er forbudt.\n"
    "- Den det varsles om skal få vite hva varselet gjelder og få "
    "uttale seg før saken konkluderes (kontradiksjon).\n"
    "\n"
    "## Habilitet\n"
    "Den som behandler saken skal være habil og erklærer det i Orden "
    "før saken åpnes. En inhabil behandler gir saken videre, og saken"
    " rutes til neste i linjen.\n"
    "\n"
    "## Taushetsplikt og arkiv\n"
    "Varslerens identitet er taushetsbelagt. Innholdet er kryptert, "
    "og bare behandlerne og den som varslet kan lese det. Saken "
    "arkiveres unntatt offentlighet (offentleglova § 13 og "
    "forvaltningsloven § 13).\n"
    "\n"
    "## Hva den som varsler får vite\n"
    "At varselet er mottatt, hvem som behandler det, og når saken er "
    "avsluttet. Den som varsler har ikke krav på å få vite utfallet "
    "for den det er varslet om.\n"
    "\n"
    "## Statistikk\n"
    "Hvert år får AMU og hovedverneombudet antall varsler etter type "
    "og utfall, uten navn eller andre opplysninger som kan "
    "identifisere noen.\n"
    "\n"
    "## Lover og lenker\n"
    "- Arbeidsmiljøloven kapittel 2 A (varsling) og § 2 A-6 (rutiner "
    "for intern varsling)\n"
    "- Likestillings- og diskrimineringsloven\n"
    "- Diskrimineringsnemnda og Tvisteløsningsnemnda kan være et "
    "alternativ eller et supplement til varsling internt.\n";

int
document_demo(struct ctx *ctx)
{
	struct person	 q, *people;
	struct person	*save_user = ctx->user;
	struct roleset	 save_roles = ctx->roles;
	struct doc_process *pv;
	struct document	 d;
	int64_t		 now = ctx->now, sub_id[sizeof(subs) / sizeof(subs[0])];
	int64_t		 top[3], id;
	size_t		 np, i, k, n;
	int		 rc = -1, quiet = ctx->notify_quiet;

	if (org_person_by_login(ctx, "ingrid.haugen", &q) != 0)
		return -1;
	ctx->user = &q;
	/* The register's history: what is left to read is on each reader's
	 * list, not a notice from months ago. */
	ctx->notify_quiet = 1;
	if (org_roles_of(ctx, q.id, &ctx->roles) != 0)
		goto out;
	ctx->now = now - 500 * (int64_t)DAY;
	if (doc_process_list(ctx, &pv, &np) != 0 || np < 3)
		goto out;
	for (i = 0, k = 0; i < np && k < 3; i++)
		if (pv[i].parent_id == 0)
			top[k++] = pv[i].id;
	for (i = 0; i < sizeof(subs) / sizeof(subs[0]); i++)
		if ((sub_id[i] = doc_process_add(ctx, top[subs[i].group],
		    subs[i].name)) <= 0)
			goto out;
	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		struct doc_input in;
		char body[512];

		/* Written a little before it was approved. */
		ctx->now = now - (int64_t)(docs[i].age_days + 20) * DAY;
		snprintf(body, sizeof(body), "## Formål\n%s gjelder for alle "
		    "ansatte i %s.\n\n## Ansvar\n- Kommunedirektøren har det "
		    "overordnede ansvaret.\n- Ledere sørger for at rutinen er kjent.\n",
		    docs[i].title, subs[docs[i].sub].staff);
		memset(&in, 0, sizeof(in));
		in.action = DOC_A_CREATE;
		in.code = docs[i].code;
		in.title = docs[i].title;
		in.type = docs[i].type;
		in.process_id = sub_id[docs[i].sub];
		if (subs[docs[i].sub].unit != NULL) {
			in.units = subs[docs[i].sub].unit;
			in.has_unit = 1;
		}
		in.public_ = strcmp(docs[i].code, "2102") == 0;
		in.body = in.public_ ? WB_ROUTINE : body;
		in.change_note = "Første versjon";
		if (act(ctx, 0, &in, &id) != 0)
			goto out;
		ctx->now = now - (int64_t)docs[i].age_days * DAY;
		/* Approved 13 months ago or more: the revision is overdue. */
		if (publish(ctx, id, docs[i].body, docs[i].case_no, 1, 1) != 0)
			goto out;
		/* The deviation routine got a significant second version a
		 * month ago; about half of the staff have confirmed it. */
		if (strcmp(docs[i].code, "2128") == 0) {
			ctx->now = now - 30 * (int64_t)DAY;
			if (publish(ctx, id, "kommunedirektøren", "KD-sak 61/2026", 1,
			    0) != 0 || document_load(ctx, id, &d) != 0 ||
			    org_person_list(ctx, &people, &n) != 0)
				goto out;
			for (k = 0; k < n; k += 2)
				if (people[k].active && people[k].unit_id > 0 &&
				    people[k].id != q.id &&
				    doc_read_record(ctx, &d, people[k].id, 0) != 0)
					goto out;
		}
	}
	rc = 0;
out:
	ctx->now = now;
	ctx->user = save_user;
	ctx->roles = save_roles;
	ctx->notify_quiet = quiet;
	return rc;
}
