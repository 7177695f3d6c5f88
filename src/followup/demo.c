/* demo.c: the demo municipality's audit follow-up: the performance audit
 * of deviation reporting and whistleblowing in seeds/000_… (Rana), its
 * recommendations a–j with the chief executive's answers and statuses,
 * the written status due 31.12.2025 and sent late, with the explanation
 * the letter gives ("som følge av en inkurie"). Written as the system.
 * A point whose status says "Avvik lukket" is closed in the register too:
 * the list counts closed points by status, the letter prints the note,
 * and the control committee must not read two different answers. */
#include "followup/followup.h"

#include <string.h>

#include "ctx.h"
#include "store/store.h"
#include "wheel/rule.h"

static const char SQL_REPORT[] =
    "INSERT INTO followup_reports (tenant_id, title, auditor, report_on, case_no,"
    " status_due_on, status_sent_on, late_reason, created_at) VALUES ($1, $2,"
    " $3, $4, $5, $6, $7, $8, $9) RETURNING id";
static const char SQL_REC[] =
    "INSERT INTO followup_recs (tenant_id, report_id, letter, text, answer,"
    " status, status_note, status_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";

static const struct {
	const char *letter, *text, *answer, *status, *note;
} recs[] = {
	{ "a", "Iverksette tiltak for å bedre ytringskultur i kommunen slik at ledere og ansatte i enda større grad melder om avvik og kritikkverdige forhold.",
	  "Arbeidet med arbeidsmiljø og ytringskultur skjer systematisk gjennom etablerte verktøy og strukturer. Rapport og oppfølgingstiltak er behandlet i AMU; verktøykassa er oppdatert; ny medarbeiderundersøkelse fra 2026; opplæring av ledere; alle ledere skal gjennomgå varslingsrutine og rutine for kvalitetsmelding med sine ansatte.",
	  "closed", "Tiltak iverksatt. Avvik lukket. Følges opp som del av ordinær virksomhetsstyring." },
	{ "b", "Sikre systematisk opplæring av ansatte i melding av avvik.",
	  "Krav i oppdragsbrevet om at ledere gjennomgår rutiner og bruk av systemet med sine ansatte. E-læring for ansatte og kvalitetsnettverk med representanter fra alle sektorer.",
	  "closed", "Iverksatt. Avvik lukket. Følges opp kontinuerlig." },
	{ "c", "Sikre dokumentasjon av kommunens oppfølging av registrerte avvik for å sikre at hensiktsmessige tiltak blir iverksatt.",
	  "Dokumentasjon og oppfølging ivaretas i kvalitetssystemet, med styringsdata på alle nivå. Vurderes årlig ved ledelsens gjennomgang på sektor- og kommunedirektørnivå; status i årsberetningen.",
	  "closed", "Iverksatt. Avvik lukket." },
	{ "d", "Sikre tydelige beskrivelser knyttet til oppfølging av avvik i kommunens rutine (for eksempel frister for oppfølging, krav til oppfølging mm.).",
	  "Rutinen sist revidert 03.12.25 og fastsetter hvordan avvik skal følges opp.",
	  "closed", "Iverksatt. Avvik lukket. Rutinene vurderes årlig ved revisjon (systemvarsel)." },
	{ "e", "Sikre tilstrekkelig opplæringstiltak for ledere for oppfølging av og håndtering av avvik.",
	  "Systematisk opplæring for ledere innarbeidet i årshjul for opplæring; tre sesjoner i 2025 og e-læringsvideo for ledere.",
	  "closed", "Iverksatt tiltak. Avvik lukket." },
	{ "f", "Vurdere om det bør gjennomføres mer systematiske analyser av årsakene til avvik i alle sektorer og sikre tilstrekkelig involvering av ansatte og AMU.",
	  "Årsaker vurderes løpende som del av avvikshåndteringen; rapportmalen til AMU endres fra 2026 etter bestilling fra AMU.",
	  "closed", "Vurdert. Avvik lukket." },
	{ "g", "Sørge for at kommunen har tilstrekkelig oversikt over varslingssaker etter arbeidsmiljølovens kap. 2 A for å sikre at de håndteres i samsvar med regelverket.",
	  "Varslingssaker registreres og håndteres etter varslingsrutinen, med krav om registrering og arkivering i sak/arkivsystemet.",
	  "closed", "Etablert. Avvik lukket." },
	{ "h", "Vurdere om det er behov for å spesifisere kommunens varslingsrutiner på utvalgte punkter i samsvar med Arbeidstilsynets anbefalinger.",
	  "Varslingsrutinen revideres årlig; i 2025 etablert rutine for varsling mot folkevalgte.",
	  "closed", "Vurdert. Avvik lukket. Følges opp ved årlig internkontroll." },
	{ "i", "Sikre tilstrekkelig med opplæring i håndtering av varslingssaker hvor informasjon om lederstøtte og veiledning i håndtering inngår.",
	  "Lederstøtte gis gjennom HR og kommuneadvokat. Opplæring i varsling for ledere er etablert som fast tiltak i årshjulet.",
	  "closed", "Avvik lukket." },
	{ "j", "Sikre tilstrekkelig oppfølging av varslere og at de får tilstrekkelig informasjon om oppfølging av sakene.",
	  "Varslingsrutinene ivaretar både varsler og påvarslede; avtale med bedriftshelsetjenesten; intensivert opplæring og støtte til ledere.",
	  "in_progress", "Iverksatt. Følges opp." },
};

int
followup_demo(struct ctx *ctx)
{
	struct dbstmt	*st;
	int64_t		 id;
	size_t		 i;
	int		 rc;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_REPORT, &st))
	    != DB_OK)
		return rc;
	db_bind_text(st, 2, "Forvaltningsrevisjon: melding om avvik og varsling");
	db_bind_text(st, 3, "Deloitte");
	db_bind_text(st, 4, "2025-03-20");
	db_bind_text(st, 5, "K.sak 71/2025");
	db_bind_text(st, 6, "2025-12-31");
	db_bind_text(st, 7, "2026-01-20");
	db_bind_text(st, 8, "Fristen ble dessverre ikke overholdt som følge av en inkurie.");
	db_bind_int(st, 9, ctx->now);
	rc = db_step(st);
	id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (id <= 0)
		return rc < 0 ? rc : DB_ERR;
	for (i = 0; i < sizeof(recs) / sizeof(recs[0]); i++) {
		if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_REC, &st))
		    != DB_OK)
			return rc;
		db_bind_int(st, 2, id);
		db_bind_text(st, 3, recs[i].letter);
		db_bind_text(st, 4, recs[i].text);
		db_bind_text(st, 5, recs[i].answer);
		db_bind_text(st, 6, recs[i].status);
		db_bind_text(st, 7, recs[i].note);
		db_bind_int(st, 8, ctx->now);
		rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE)
			return rc < 0 ? rc : DB_ERR;
	}
	return 0;
}
