/* demo_deviations.c: a year of deviations and improvement proposals for the
 * demo municipality, shaped like the tertial report of seeds/001: each area
 * with its own categories (schools heavy on tjenesteproduksjon and violence,
 * kindergartens on children and staffing, health and care on violence,
 * medicines and falls, property on buildings with indoor climate in summer
 * and pests in spring, HR with improvement proposals and personal data),
 * seasons, an open/closed mix that follows from how long handling takes,
 * a few transfers, returns and reclassifications with reasons, and two
 * units that report unusually little for their size.
 *
 * Everything is replayed through the model as it would have happened:
 * ctx->now is each event's time and ctx->user its actor, inside the
 * caller's one transaction. A fixed seed makes it repeatable (for a given
 * day: the year ends now). */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "deviation/deviation.h"
#include "i18n/i18n.h"
#include "notify/notify.h"
#include "org/org.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/rng.h"

#define CMD		"demo"
#define DAY		86400
#define HOUR		3600
#define DEMO_SEED	0x4f7264656e2026ull	/* "Orden" 2026 */
#define ROW_ARENA_MAX	(4u * 1024u * 1024u)
#define READ_AFTER	(7 * DAY)	/* older notifications have been read */


/* --- seasons: relative weight per month (January first) ------------------- */
enum season { S_ALL, S_SUMMER, S_SPRING, S_WINTER, S_HEAT, S_SCHOOL, S_MAX };
static const int season_w[S_MAX][12] = {
	[S_ALL]    = { 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10 },
	[S_SUMMER] = {  3,  3,  4,  6,  9, 14, 16, 14,  8,  5,  3,  3 },
	[S_SPRING] = {  0,  0,  3, 12, 16, 12,  5,  2,  0,  0,  0,  0 },
	[S_WINTER] = { 16, 15, 11,  4,  0,  0,  0,  0,  0,  4, 10, 15 },
	/* ventilation without cooling: warm days */
	[S_HEAT]   = {  0,  0,  1,  3,  8, 16, 12, 16, 10,  2,  0,  0 },
	/* schools and kindergartens: quiet in July and at Christmas */
	[S_SCHOOL] = { 10, 11, 11,  9, 11,  9,  1,  7, 12, 11, 11,  8 },
};

/* Category codes (deviation.h's defaults); NULL = an improvement proposal. */
#define BRU	"bruker"
#define BYG	"bygg"
#define HMS	"hms"
#define VOL	"vold"
#define TJE	"tjenesteproduksjon"
#define PER	"personvern"
#define LEG	"legemiddel"
#define FAL	"fall"
#define IMP	NULL

struct tpl {
	const char	*cat;		/* code, or IMP */
	int		 weight;
	enum season	 season;
	int		 severity;	/* typical, 1..4 */
	int		 personal;	/* personal data */
	const char	*transfer_to;	/* unit code it is often transferred to */
	const char	*title;
	const char	*desc[3];	/* variants; at least one */
	const char	*action;	/* immediate action, or NULL */
};

/* --- the templates per kind of unit ---------------------------------------- */

static const struct tpl t_school[] = {
	{ TJE, 14, S_ALL, 2, 0, NULL, "Elev mistet spesialpedagogisk ressurs",
	  { "Spesialpedagog var syk, og det var ikke mulig å skaffe vikar. Eleven mistet tre timer med spesialundervisning.",
	    "Ressursen ble brukt til å dekke fravær i en annen klasse. Eleven fikk ikke timene etter vedtaket i dag.",
	    "Assistent ble tatt ut for å dekke vakt i friminuttet. Eleven mistet oppfølgingen i to økter." },
	  "Kontaktlærer er informert, timene forsøkes tatt igjen." },
	{ TJE, 9, S_ALL, 2, 0, NULL, "Manglende vikar – klassen uten lærer",
	  { "Ingen vikar tilgjengelig ved korttidsfravær. Klassen ble slått sammen med parallellklassen i to timer.",
	    "Lærer sykmeldt på kort varsel. Elevene fikk selvstudium under tilsyn av assistent." }, NULL },
	{ TJE, 7, S_ALL, 2, 0, NULL, "Mistet ITO-timer",
	  { "Eleven fikk ikke individuelt tilrettelagt opplæring i dag på grunn av mangel på personell.",
	    "ITO-timene ble avlyst fordi lærer måtte følge opp en konflikt i en annen klasse." }, NULL },
	{ TJE, 5, S_ALL, 2, 0, NULL, "Særskilt norskopplæring (NO2) ikke gitt",
	  { "Elevene med vedtak om særskilt norskopplæring fikk ikke undervisning denne uken fordi læreren var på kurs.",
	    "NO2-timene falt bort på grunn av sykefravær." }, NULL },
	{ TJE, 3, S_ALL, 1, 0, NULL, "Feide-bruker mistet",
	  { "Elev har mistet tilgang til Feide-brukeren sin og fikk ikke logget på heldagsprøven.",
	    "Flere elever i 6. trinn fikk ikke logget inn med Feide etter passordbytte." }, NULL },
	{ TJE, 3, S_ALL, 1, 0, NULL, "Visma fungerer ikke",
	  { "Fravær kunne ikke føres i Visma InSchool hele formiddagen.",
	    "Timeplanen i Visma viste feil rom, og to klasser møtte i samme rom." }, NULL },
	{ TJE, 2, S_ALL, 1, 0, "renhold", "Ufullstendig renhold i klasserom",
	  { "Klasserommet var ikke vasket etter helgen. Det lå søppel på gulvet og pultene var skitne.",
	    "Toalettene i 2. etasje er ikke rengjort siden torsdag." }, NULL },
	{ BRU, 6, S_ALL, 2, 0, NULL, "Elev slo medelev i friminuttet",
	  { "To elever kom i konflikt under fotballspill. Den ene slo den andre i ansiktet. Ingen synlige skader.",
	    "Elev slo medelev med knyttneve i friminuttet. Inspiserende lærer grep inn.",
	    "Elev sparket og slo en yngre elev ved sykkelstativet." },
	  "Elevene ble skilt og fulgt opp, foresatte kontaktet." },
	{ BRU, 4, S_ALL, 2, 0, NULL, "Konflikt mellom elever i garderoben",
	  { "Konflikt i garderoben etter gymtimen utviklet seg til dytting og slag.",
	    "Flere elever ertet en medelev i garderoben. Eleven gikk hjem." }, NULL },
	{ BRU, 4, S_ALL, 2, 0, NULL, "Frustrert elev utagerte i timen",
	  { "Elev ble frustrert over en oppgave, kastet stol og forlot klasserommet.",
	    "Elev utagerte og veltet pulter. Resten av klassen ble tatt ut av rommet." },
	  "Klassen ble flyttet, eleven fulgt av voksen." },
	{ BRU, 3, S_ALL, 1, 0, NULL, "Krenkende språkbruk mellom elever",
	  { "Elever brukte nedsettende ord om en medelev i timen og på skoleveien.",
	    "Krenkende kommentarer i klassens chat ble vist til lærer." }, NULL },
	{ BRU, 2, S_ALL, 3, 0, NULL, "Elev forlot skolens område",
	  { "Elev forlot skoleområdet i storefri uten å si fra. Eleven ble funnet hjemme etter en halvtime.",
	    "Elev på 2. trinn gikk fra SFO uten å bli hentet. Foresatte fant eleven." },
	  "Ledelsen og foresatte varslet straks." },
	{ VOL, 6, S_ALL, 3, 0, NULL, "Ansatt ble slått av elev",
	  { "Elev slo assistent i armen og brystet under en konfliktsituasjon.",
	    "Lærer ble slått i ansiktet da hun forsøkte å skille to elever." },
	  "Situasjonen ble roet, ansatt fikk debrief med leder." },
	{ VOL, 4, S_ALL, 2, 0, NULL, "Trusler fra elev mot ansatt",
	  { "Elev truet lærer med å ta henne etter skoletid.",
	    "Elev truet med å knivstikke en ansatt. Ingen våpen ble funnet." }, NULL },
	{ VOL, 2, S_ALL, 2, 0, NULL, "Ansatt ble bitt av elev",
	  { "Elev på forsterket avdeling bet assistent i hånden under av- og påkledning." }, NULL },
	{ HMS, 3, S_ALL, 2, 0, NULL, "Alene med to klasser uten vikar",
	  { "Lærer måtte ha ansvar for to klasser samtidig i to timer. Uforsvarlig med tanke på sikkerhet.",
	    "Ingen vikar for lærer, og en ansatt var alene med 48 elever på tur." }, NULL },
	{ HMS, 2, S_ALL, 2, 0, NULL, "Brannskade i mat og helse",
	  { "Elev brant seg på stekeplaten i mat og helse-timen. Kjølt med vann, foresatte kontaktet." },
	  "Kjølt med vann i 20 minutter." },
	{ HMS, 2, S_HEAT, 1, 0, "eiendom", "Feil temperatur i klasserom",
	  { "Det var 29 grader i klasserommet ved lunsj. Elever og ansatte fikk hodepine.",
	    "For kaldt i klasserommet om morgenen, 15 grader. Elevene satt med jakke på." }, NULL },
	{ BYG, 3, S_HEAT, 1, 0, "eiendom", "Feil temperatur på bygg",
	  { "Ventilasjonen klarer ikke å holde temperaturen nede i sørvendte rom.",
	    "Radiatorene i fløy B er kalde. Temperaturen er under 17 grader." }, NULL },
	{ BYG, 1, S_ALL, 2, 0, "eiendom", "Defekt høyttaler for hørselstilpasning",
	  { "Teleslyngen og høyttaleranlegget i klasserommet virker ikke. Elev med hørselstap får ikke med seg undervisningen." }, NULL },
	{ BYG, 1, S_ALL, 2, 0, "eiendom", "Heisen står",
	  { "Heisen har stått siden mandag. Elev i rullestol kommer seg ikke til 2. etasje." }, NULL },
	{ BYG, 2, S_SPRING, 1, 0, "eiendom", "Maur på skolekjøkkenet",
	  { "Det er maur langs benken og i skapene på skolekjøkkenet.",
	    "Mye maur i skolekjøkkenet igjen. Matvarer er kastet." }, NULL },
	{ BYG, 1, S_ALL, 1, 0, "eiendom", "Knust vindu i gymsalen",
	  { "Vindu i gymsalen er knust etter ballspill. Glasskår på gulvet." },
	  "Området sperret av." },
	{ PER, 1, S_ALL, 2, 1, NULL, "Elevopplysninger sendt til feil foresatt",
	  { "Melding med opplysninger om en elevs oppfølging ble sendt til feil foresatt i Visma.",
	    "Referat fra ansvarsgruppemøte ble sendt til feil e-postadresse." }, NULL },
	{ IMP, 2, S_ALL, 0, 0, NULL, "Forslag: felles rutine for vikarinnleie",
	  { "Vi bruker mye tid på å ringe rundt etter vikar om morgenen. Forslag: en felles vikarliste for skolene i kommunen." }, NULL },
	{ IMP, 1, S_ALL, 0, 0, NULL, "Forslag: flere voksne ute i friminuttene",
	  { "De fleste konfliktene starter i storefri. Forslag: to inspiserende på fotballbanen." }, NULL },
};

static const struct tpl t_kindergarten[] = {
	{ BRU, 4, S_ALL, 2, 0, NULL, "Barn falt fra klatrestativet",
	  { "Barn falt fra klatrestativet og slo hodet. Observert, foresatte kontaktet.",
	    "Barn falt ned fra sklia og fikk skrubbsår på kinnet." }, "Såret renset, barnet observert." },
	{ BRU, 3, S_ALL, 2, 0, NULL, "Steinkasting på uteområdet",
	  { "Barn kastet stein mot andre barn ved sandkassa. Ett barn fikk et kutt i pannen." }, NULL },
	{ BRU, 3, S_ALL, 1, 0, NULL, "Barn bet annet barn",
	  { "Barn bet et annet barn i armen under lek. Synlige tannmerker.",
	    "Barn bet en venn i kinnet i garderoben." }, NULL },
	{ BRU, 2, S_ALL, 3, 0, NULL, "Barn åpnet porten",
	  { "Barn klarte å åpne porten og var på vei ut mot veien før en voksen så det." }, "Porten sikret med ekstra lås." },
	{ TJE, 1, S_SUMMER, 3, 0, NULL, "Barn klatret over gjerdet",
	  { "Barn klatret over gjerdet bak lekehuset og ble funnet på parkeringsplassen." }, NULL },
	{ HMS, 7, S_SCHOOL, 2, 0, NULL, "Bemanningsnorm ikke oppfylt",
	  { "På grunn av sykdom var det tre voksne på 24 barn hele formiddagen.",
	    "Bemanningsnormen ble ikke oppfylt i åpningstiden, ingen vikar tilgjengelig.",
	    "Avdelingen var underbemannet fra klokka 14, ansatte gikk i vakt." }, NULL },
	{ HMS, 2, S_ALL, 2, 0, NULL, "Ansatt bitt av barn",
	  { "Ansatt ble bitt i hånden av et barn under påkledning." }, NULL },
	{ HMS, 2, S_ALL, 3, 0, NULL, "Barn gikk ut porten",
	  { "Porten sto åpen etter henting, og et barn gikk ut. Barnet ble hentet inn straks." }, NULL },
	{ HMS, 1, S_ALL, 1, 0, NULL, "Bruk av snus i arbeidstiden",
	  { "Ansatt brukte snus sammen med barna på uteområdet." }, NULL },
	{ HMS, 1, S_HEAT, 1, 0, "eiendom", "Feil temperatur på avdelingen",
	  { "Over 28 grader på soverommet til de minste barna." }, NULL },
	{ BYG, 2, S_ALL, 2, 0, "eiendom", "Løs stubbe på lekeplassen",
	  { "En gammel stubbe har løsnet og vipper når barna klatrer på den." }, "Området sperret av." },
	{ BYG, 2, S_WINTER, 2, 0, "eiendom", "Manglende utelys",
	  { "Lysene på uteområdet virker ikke. Det er mørkt ved henting." }, NULL },
	{ BYG, 1, S_ALL, 2, 0, "eiendom", "Ødelagt brannslange",
	  { "Brannslangen på kjøkkenet lekker og ruller seg ikke ut." }, NULL },
	{ BYG, 1, S_ALL, 1, 0, "eiendom", "Vannlekkasje på stellerommet",
	  { "Vann renner fra taket på stellerommet når det regner." }, NULL },
	{ IMP, 1, S_ALL, 0, 0, NULL, "Forslag: reparere døra til avdeling Bjørnehiet",
	  { "Døra går ikke i lås og smeller igjen. Forslag om å bytte dørpumpe før noen klemmer seg." }, NULL },
};

static const struct tpl t_ppt[] = {
	{ TJE, 5, S_SCHOOL, 2, 0, NULL, "Fristbrudd sakkyndig vurdering",
	  { "Sakkyndig vurdering ble ikke ferdig innen fristen på tre måneder. Barnet var ikke tilgjengelig i skoleferien.",
	    "Utredningen ble forsinket fordi tilbakemeldingsmøtet ble avlyst av foresatte.",
	    "Fristen for sakkyndig vurdering ble brutt med to uker på grunn av kapasitet." }, NULL },
	{ TJE, 1, S_ALL, 1, 0, NULL, "Tilbakemeldingsmøte ikke gjennomført",
	  { "Foresatte meldte forfall til oppsatt møte for andre gang, og saken står stille." }, NULL },
};

static const struct tpl t_childwelfare[] = {
	{ TJE, 6, S_ALL, 3, 1, NULL, "Fristbrudd i undersøkelsessak",
	  { "Undersøkelsen ble ikke avsluttet innen fristen på tre måneder på grunn av sykefravær.",
	    "Fristen for å gjennomgå bekymringsmelding innen en uke ble ikke overholdt." }, NULL },
	{ TJE, 4, S_ALL, 2, 1, NULL, "Planlagt oppfølgingsbesøk ikke gjennomført",
	  { "Oppfølgingsbesøk i fosterhjem ble ikke gjennomført som planlagt.",
	    "Lovpålagt tilsynsbesøk ble utsatt for andre gang." }, NULL },
	{ TJE, 3, S_ALL, 2, 1, NULL, "Tiltaksplan ikke evaluert",
	  { "Tiltaksplanen ble ikke evaluert innen fristen fordi saksbehandler er sykmeldt." }, NULL },
	{ TJE, 2, S_ALL, 2, 0, NULL, "Saker uten saksbehandler",
	  { "Sju saker står uten saksbehandler etter at en ansatt sluttet. Rekruttering pågår." }, NULL },
	{ VOL, 3, S_ALL, 3, 0, NULL, "Trusler mot saksbehandler",
	  { "Far truet saksbehandler på telefon etter vedtak om tiltak.",
	    "Saksbehandler ble truet av forelder i møte på kontoret." }, "Leder kontaktet, møtet avbrutt." },
	{ HMS, 2, S_ALL, 2, 0, NULL, "Personangrep i sosiale medier",
	  { "Ansatt er hengt ut med navn og bilde i en lukket gruppe på Facebook." }, NULL },
	{ PER, 1, S_ALL, 3, 1, NULL, "Brev sendt til feil adresse",
	  { "Vedtak med sensitive opplysninger ble sendt til tidligere adresse." }, NULL },
};

static const struct tpl t_nav[] = {
	{ VOL, 6, S_ALL, 2, 0, NULL, "Trusler mot ansatt i mottaket",
	  { "Bruker truet veileder etter avslag på søknad om økonomisk sosialhjelp.",
	    "Bruker sa at han visste hvor veilederen bodde." }, "Vekter tilkalt, bruker bortvist." },
	{ VOL, 4, S_ALL, 2, 0, NULL, "Utskjelling i publikumsmottaket",
	  { "Bruker skjelte ut ansatte i mottaket i flere minutter.",
	    "Sjikanøse og truende kommentarer på telefon." }, NULL },
	{ VOL, 2, S_ALL, 3, 1, NULL, "Bruker truet med selvmord",
	  { "Bruker ga uttrykk for selvmordstanker i samtale. Legevakt kontaktet." },
	  "Legevakt kontaktet, bruker fulgt opp samme dag." },
	{ TJE, 2, S_ALL, 2, 0, NULL, "Sak ikke fanget opp mellom avvikssystemene",
	  { "Hendelsen ble meldt i statlig system og ble ikke fulgt opp i det kommunale." }, NULL },
	{ TJE, 1, S_ALL, 2, 1, NULL, "Utbetaling forsinket",
	  { "Utbetaling av sosialhjelp ble forsinket en uke på grunn av manglende attestasjon." }, NULL },
};

static const struct tpl t_nursinghome[] = {
	{ VOL, 10, S_ALL, 2, 0, NULL, "Beboer slo ansatt under stell",
	  { "Beboer med demens slo ansatt i ansiktet under morgenstell.",
	    "Beboer slo og kløp ansatt under dusjing.",
	    "Ansatt ble slått i magen av beboer ved leggetid." }, "Trakk seg unna, fikk hjelp av kollega." },
	{ VOL, 6, S_ALL, 2, 0, NULL, "Verbal utagering fra beboer",
	  { "Beboer ropte, truet og kastet ting mot ansatte på ettermiddagsvakt.",
	    "Beboer truet medbeboer og ansatte med stokken." }, NULL },
	{ HMS, 4, S_ALL, 2, 0, NULL, "Ansatt lugget og kløpet",
	  { "Ansatt ble lugget og kløpet i armen under forflytning." }, NULL },
	{ HMS, 3, S_ALL, 2, 0, NULL, "Alene på vakt med for mange beboere",
	  { "Sykefravær på natt. En ansatt alene med 16 beboere i tre timer." }, NULL },
	{ LEG, 7, S_ALL, 2, 0, NULL, "Legemiddel gitt til feil tid",
	  { "Morgenmedisinen ble gitt to timer for sent på grunn av mye uro i avdelingen.",
	    "Kveldsmedisin gitt klokka 23 i stedet for 20.",
	    "Smertestillende ble ikke gitt til avtalt tid før sårstell." }, NULL },
	{ LEG, 4, S_ALL, 3, 0, NULL, "Feil dose gitt",
	  { "Beboer fikk dobbel dose blodtrykksmedisin. Lege kontaktet.",
	    "Feil styrke på tablett ble gitt. Oppdaget ved kontroll av kurve." }, "Lege kontaktet, beboer observert." },
	{ LEG, 3, S_ALL, 2, 0, NULL, "Manglende signatur i kurve",
	  { "Det mangler signatur for utdelt medisin på to vakter." }, NULL },
	{ LEG, 2, S_ALL, 2, 0, NULL, "Legemiddelrommet sto ulåst",
	  { "Døra til medisinrommet sto ulåst og åpen på kveldsvakt." }, NULL },
	{ FAL, 7, S_ALL, 2, 0, NULL, "Fall på badet",
	  { "Beboer falt på badet om natten. Ingen synlige skader, observeres.",
	    "Beboer skled på badegulvet og slo hoften. Lege tilkalt.",
	    "Beboer falt mellom toalett og rullator." }, "Beboer undersøkt og observert." },
	{ FAL, 4, S_ALL, 2, 0, NULL, "Beboer funnet på gulvet",
	  { "Beboer ble funnet på gulvet ved siden av sengen ved tilsyn klokka 03.",
	    "Beboer funnet sittende på gulvet i stua. Usikkert hvor lenge." }, NULL },
	{ TJE, 3, S_ALL, 2, 0, NULL, "Tilsyn ikke gjennomført som planlagt",
	  { "Planlagt tilsyn hver time ble ikke gjennomført på natt på grunn av lav bemanning." }, NULL },
	{ TJE, 2, S_ALL, 1, 0, NULL, "Manglende rapport ved vaktskifte",
	  { "Viktig informasjon om endret medisinering ble ikke gitt videre ved vaktskifte." }, NULL },
	{ BYG, 2, S_ALL, 2, 0, NULL, "Personløfter virket ikke",
	  { "Takheisen på rom 12 stoppet midt i forflytning. Beboer måtte løftes manuelt." }, NULL },
	{ BYG, 1, S_ALL, 3, 0, NULL, "Sykesignalanlegget falt ut",
	  { "Sykesignalanlegget var ute av drift i 40 minutter på natt." }, "Ekstra runder til alle rom." },
	{ PER, 1, S_ALL, 2, 1, NULL, "Pasientopplysninger sendt til feil mottaker",
	  { "Epikrise ble sendt til feil fastlege i meldingssystemet." }, NULL },
	{ IMP, 1, S_ALL, 0, 0, NULL, "Forslag: fast rutine for debrief etter vold",
	  { "Vi ønsker en fast samtale med leder innen et døgn etter voldshendelser." }, NULL },
};

static const struct tpl t_homecare[] = {
	{ LEG, 7, S_ALL, 2, 0, NULL, "Dosett ikke tatt",
	  { "Ved kveldsbesøk lå både morgen- og dagsdosen igjen i dosetten.",
	    "Bruker hadde ikke tatt medisinene sine siden i går." }, NULL },
	{ LEG, 5, S_ALL, 2, 0, NULL, "Legemiddel gitt til feil tid",
	  { "Insulin ble gitt to timer for sent fordi besøket ble forsinket.",
	    "Medisin gitt for tidlig på grunn av omlagt kjørerute." }, NULL },
	{ LEG, 2, S_ALL, 2, 0, NULL, "Multidose manglet",
	  { "Multidoseposer for uken var ikke levert fra apoteket." }, NULL },
	{ FAL, 5, S_WINTER, 2, 0, NULL, "Bruker funnet på gulvet ved besøk",
	  { "Bruker lå på gulvet da vi kom på morgenbesøk. Ambulanse tilkalt.",
	    "Bruker hadde falt i gangen og kom seg ikke opp. Trygghetsalarmen var ikke på." }, NULL },
	{ FAL, 3, S_ALL, 2, 0, NULL, "Fall i dusjen",
	  { "Bruker falt i dusjen under hjelp til personlig hygiene. Ingen brudd." }, NULL },
	{ HMS, 3, S_WINTER, 2, 0, NULL, "Glatt innkjørsel hos bruker",
	  { "Innkjørselen var ikke strødd, og ansatt falt på isen på vei inn." }, NULL },
	{ VOL, 3, S_ALL, 2, 0, NULL, "Truende bruker ved hjemmebesøk",
	  { "Bruker var ruset og truet ansatt. Besøket ble avbrutt." }, "Besøket avbrutt, leder varslet." },
	{ HMS, 1, S_SUMMER, 1, 0, NULL, "Løs hund ved besøk",
	  { "Hunden til bruker var løs og glefset etter ansatt." }, NULL },
	{ TJE, 5, S_ALL, 2, 0, NULL, "Besøk utført for sent",
	  { "Morgenbesøket ble utført tre timer for sent på grunn av sykefravær.",
	    "Kjøreruten ble for lang, og tre brukere fikk besøk langt etter avtalt tid." }, NULL },
	{ TJE, 2, S_ALL, 3, 0, NULL, "Besøk glemt",
	  { "Bruker fikk ikke kveldsbesøk. Oppdaget neste morgen." }, NULL },
	{ TJE, 2, S_ALL, 1, 0, NULL, "Nøkkel manglet i nøkkelboksen",
	  { "Nøkkelen var ikke i nøkkelboksen, og vi kom ikke inn til bruker." }, NULL },
	{ BYG, 2, S_ALL, 2, 0, NULL, "Trygghetsalarm virket ikke",
	  { "Trygghetsalarmen hos bruker ga ikke signal ved test." }, NULL },
	{ PER, 1, S_ALL, 2, 1, NULL, "Arbeidsliste med pasientdata mistet",
	  { "Utskrevet arbeidsliste med navn og adresser ble glemt i tjenestebilen på offentlig parkering." }, NULL },
};

static const struct tpl t_disability[] = {
	{ VOL, 10, S_ALL, 3, 0, NULL, "Beboer utagerte mot ansatt",
	  { "Beboer slo og sparket to ansatte under morgenrutinen.",
	    "Beboer kastet gjenstander mot ansatt og slo etter henne.",
	    "Beboer utagerte på tur og slo ansatt i hodet." }, "Skjermet beboer, ansatte fikk debrief." },
	{ HMS, 5, S_ALL, 2, 0, NULL, "Verbal utagering og trusler",
	  { "Beboer truet ansatte gjentatte ganger i løpet av kvelden." }, NULL },
	{ TJE, 4, S_ALL, 3, 1, NULL, "Tvangsbruk ikke dokumentert",
	  { "Skadeavvergende tiltak etter kapittel 9 ble brukt uten at det ble skrevet protokoll." }, NULL },
	{ TJE, 3, S_ALL, 2, 0, NULL, "Aktivitet avlyst på grunn av bemanning",
	  { "Planlagt aktivitet ble avlyst fordi det manglet to på vakt." }, NULL },
	{ BRU, 3, S_ALL, 2, 1, NULL, "Beboer skadet seg selv",
	  { "Beboer slo hodet i veggen flere ganger og fikk et kutt." }, "Såret stelt, lege kontaktet." },
	{ LEG, 3, S_ALL, 2, 0, NULL, "Legemiddel ikke gitt",
	  { "Kveldsmedisin ble ikke gitt. Oppdaget ved morgenvakt." }, NULL },
	{ FAL, 1, S_ALL, 2, 0, NULL, "Fall ved forflytning",
	  { "Beboer gled ut av rullestolen under forflytning til seng." }, NULL },
};

static const struct tpl t_healthstation[] = {
	{ TJE, 4, S_SCHOOL, 2, 1, NULL, "Helsekontroll ikke gjennomført i tide",
	  { "Fireårskontroll ble utsatt to måneder på grunn av sykefravær.",
	    "Skolehelsetjenesten var ikke til stede på skolen denne uken." }, NULL },
	{ LEG, 2, S_ALL, 2, 0, NULL, "Vaksine oppbevart ved feil temperatur",
	  { "Vaksinekjøleskapet viste 12 grader om morgenen. Vaksinene ble satt til side." }, NULL },
	{ PER, 1, S_ALL, 2, 1, NULL, "Journalnotat ført på feil barn",
	  { "Notat fra helsekontroll ble ført i journalen til et søsken." }, NULL },
};

static const struct tpl t_property[] = {
	{ BYG, 9, S_HEAT, 2, 0, NULL, "For varmt i arbeidslokalene",
	  { "Ventilasjonsanlegget har ikke kjøling. Over 28 grader i kontorfløyen.",
	    "Sørvendte klasserom holder over 27 grader. Portable aircondition er bestilt." }, NULL },
	{ BYG, 7, S_SPRING, 1, 0, NULL, "Maur på kjøkkenet",
	  { "Maur på kjøkkenet i barnehagen igjen. Skadedyrfirma må tilkalles.",
	    "Store mengder maur i personalrommet." }, NULL },
	{ BYG, 2, S_ALL, 1, 0, NULL, "Skjeggkre i kjelleren",
	  { "Skjeggkre funnet i lageret i kjelleren. Papp fjernet." }, NULL },
	{ BYG, 4, S_ALL, 2, 0, NULL, "Vannlekkasje i tak",
	  { "Vann drypper fra taket i gangen etter kraftig regn.",
	    "Lekkasje fra taket over gymsalen. Bøtter satt ut." }, NULL },
	{ BYG, 4, S_ALL, 2, 0, NULL, "Ventilasjonsanlegget stanset",
	  { "Ventilasjonsanlegget stanset i helgen. Dårlig luft i hele bygget mandag morgen." }, NULL },
	{ BYG, 2, S_ALL, 2, 0, NULL, "Heis ute av drift",
	  { "Heisen på rådhuset har vært ute av drift i fire dager." }, NULL },
	{ BYG, 2, S_WINTER, 1, 0, NULL, "Dør lukker ikke",
	  { "Ytterdøra går ikke i lås og blåser opp i vinden." }, NULL },
	{ HMS, 4, S_WINTER, 2, 0, NULL, "Glatt inngangsparti",
	  { "Inngangspartiet var ikke strødd, og flere har sklidd.",
	    "Is på trappa ved personalinngangen." }, NULL },
	{ HMS, 2, S_ALL, 3, 0, NULL, "Fall fra stige",
	  { "Driftsoperatør falt fra stige ved lyspærebytte. Vond ankel." }, NULL },
	{ HMS, 2, S_ALL, 1, 0, NULL, "Støv og dårlig luft etter arbeid",
	  { "Boring i vegg uten avskjerming ga mye støv i klasserommet." }, NULL },
	{ TJE, 2, S_ALL, 1, 0, NULL, "Arbeidsordre ikke fulgt opp",
	  { "Arbeidsordre om ødelagt lås har ligget i tre uker uten at noen har tatt den." }, NULL },
};

static const struct tpl t_cleaning[] = {
	{ TJE, 8, S_ALL, 1, 0, NULL, "Rom ikke rengjort etter plan",
	  { "På grunn av sykefravær ble ikke alle rom i 2. etasje rengjort i dag.",
	    "Renholder syk, ingen vikar. Garderobene ble nedprioritert." }, NULL },
	{ TJE, 3, S_ALL, 1, 0, NULL, "Dårlig renhold på toalettene",
	  { "Toalettene ble vasket bare annenhver dag denne uken." }, NULL },
	{ HMS, 2, S_ALL, 2, 0, NULL, "Hudplager etter vaskemiddel",
	  { "Renholder fikk utslett på hendene etter nytt vaskemiddel." }, NULL },
	{ HMS, 2, S_ALL, 2, 0, NULL, "Tunge løft ved tømming av avfall",
	  { "Avfallssekkene i kantina er for tunge. Renholder fikk vondt i ryggen." }, NULL },
	{ IMP, 1, S_ALL, 0, 0, NULL, "Forslag: renholdsplan på oppslagstavla",
	  { "Brukerne vet ikke hvilke rom som vaskes hvilke dager. Forslag: heng opp planen." }, NULL },
};

static const struct tpl t_water[] = {
	{ TJE, 2, S_ALL, 3, 0, NULL, "Utslipp av avløpsvann",
	  { "Overløp i pumpestasjon førte til utslipp av urenset avløpsvann til bekken." }, "Statsforvalteren varslet." },
	{ BYG, 4, S_ALL, 2, 0, NULL, "Pumpestasjon stanset",
	  { "Pumpestasjonen stanset på grunn av en feil i styringen." }, NULL },
	{ TJE, 3, S_ALL, 1, 0, NULL, "Prøvetaking ikke gjennomført",
	  { "Ukentlig prøvetaking av drikkevann ble ikke gjort på grunn av ferieavvikling." }, NULL },
	{ HMS, 2, S_ALL, 2, 0, NULL, "Arbeid i kum uten verneutstyr",
	  { "Ansatt gikk ned i kum uten gassmåler og sikringsline." }, NULL },
	{ BYG, 2, S_WINTER, 2, 0, NULL, "Vannlekkasje på hovedledning",
	  { "Brudd på hovedledning. Seks husstander uten vann i fire timer." }, NULL },
};

static const struct tpl t_roads[] = {
	{ BYG, 4, S_ALL, 2, 0, NULL, "Hydraulikklekkasje på hjullaster",
	  { "Hjullasteren lekker hydraulikkolje. Maskinen er 22 år gammel." }, NULL },
	{ BYG, 3, S_WINTER, 2, 0, NULL, "Brøytebil startet ikke",
	  { "Brøytebilen startet ikke klokka 04. Brøyting av sentrum ble forsinket to timer." }, NULL },
	{ BYG, 2, S_ALL, 1, 0, NULL, "Lekkasje i garasjetak",
	  { "Taket i den gamle garasjen lekker over verkstedet." }, NULL },
	{ HMS, 2, S_SUMMER, 2, 0, NULL, "Kuttskade ved gressklipping",
	  { "Ansatt kuttet seg på kniven på gressklipperen ved rensing." }, NULL },
	{ TJE, 2, S_WINTER, 2, 0, NULL, "Strøing ikke utført",
	  { "Gangveien til skolen ble ikke strødd før skolestart." }, NULL },
};

static const struct tpl t_fire[] = {
	{ BYG, 4, S_ALL, 2, 0, NULL, "Feil på røykdykkerutstyr",
	  { "Ventil på røykdykkerapparat lekket ved månedlig kontroll." }, "Apparatet tatt ut av bruk." },
	{ BYG, 2, S_ALL, 2, 0, NULL, "Pumpe på tankbil sviktet",
	  { "Pumpen på tankbilen ga ikke trykk under øvelse." }, NULL },
	{ HMS, 3, S_ALL, 2, 0, NULL, "Instruks ikke fulgt under øvelse",
	  { "Mannskap gikk inn i bygget uten at sikkerhetsvakt var på plass." }, NULL },
	{ BYG, 2, S_ALL, 2, 0, NULL, "Radiosamband falt ut",
	  { "Nødnettradio mistet dekning i kjelleren under innsats." }, NULL },
};

static const struct tpl t_hr[] = {
	{ TJE, 7, S_ALL, 2, 0, NULL, "Feil i arbeidsavtale fra Visma HRM",
	  { "Arbeidsavtale generert i ny flyt hadde feil stillingsprosent.",
	    "Ny flyt for arbeidsavtaler sendte avtalen til feil leder for godkjenning.",
	    "Arbeidsavtale manglet lønnsansiennitet etter overgang til ny flyt." }, NULL },
	{ TJE, 3, S_ALL, 2, 0, NULL, "Feil i avlønning",
	  { "Tillegg for helgevakter ble ikke utbetalt for mars.",
	    "Ansatt fikk utbetalt lønn etter feil sats." }, NULL },
	{ TJE, 2, S_ALL, 1, 0, NULL, "Årsturnus i Visma Ressursstyring",
	  { "Ved overgang til årsturnus ble ferieuker lagt inn feil i forsystemet." }, NULL },
	{ TJE, 1, S_ALL, 1, 0, NULL, "EasyCruit sendte ikke svar til søkere",
	  { "Søkere fikk ikke beskjed om at stillingen var besatt, på grunn av en teknisk feil i EasyCruit." }, NULL },
	{ PER, 2, S_ALL, 1, 1, NULL, "Lønnsslipp sendt til feil person",
	  { "Lønnsslipp ble sendt til en tidligere ansatt med samme navn.",
	    "Personalopplysninger ble lagt i feil personalmappe." }, NULL },
	{ FAL, 1, S_WINTER, 2, 0, NULL, "Fall på glatt fortau i arbeidstiden",
	  { "Ansatt falt på glatt fortau på vei til møte. Meldt til personalforsikringen." }, NULL },
	{ IMP, 7, S_ALL, 0, 0, NULL, "Forslag: enklere flyt for arbeidsavtaler",
	  { "Leder må i dag godkjenne samme avtale to ganger. Forslag: ett godkjenningssteg.",
	    "Forslag: ferdig utfylte maler for sommervikarer i Visma HRM.",
	    "Forslag: varsel til leder når en arbeidsavtale mangler signatur." }, NULL },
	{ IMP, 2, S_ALL, 0, 0, NULL, "Forslag: forenkle fakturaflyten",
	  { "Fakturaer går via tre attestanter. Forslag: attestasjon direkte hos budsjettansvarlig." }, NULL },
};

static const struct tpl t_citizen[] = {
	{ FAL, 3, S_WINTER, 2, 0, NULL, "Låner falt i inngangspartiet",
	  { "En eldre låner falt i inngangspartiet til kulturhuset på grunn av snø under skoene." },
	  "Fikk hjelp opp og ble fulgt opp." },
	{ VOL, 2, S_ALL, 2, 0, NULL, "Truende besøkende på servicetorget",
	  { "Besøkende ble sint og truet ansatt ved skranken." }, NULL },
	{ TJE, 2, S_ALL, 1, 0, NULL, "Feil informasjon til innbygger",
	  { "Innbygger fikk feil svar om søknadsfrist for startlån." }, NULL },
	{ IMP, 1, S_WINTER, 0, 0, NULL, "Forslag: rist og matte i inngangen",
	  { "For å få snøen av skoene før man går inn: rist ute og lengre matte inne." }, NULL },
};

static const struct tpl t_arena[] = {
	{ BYG, 4, S_ALL, 2, 0, NULL, "Utstyr ikke i full drift",
	  { "Bølgemaskinen i bassenget virker ikke etter rehabiliteringen.",
	    "Lysanlegget i storsalen er ikke ferdig innregulert." }, NULL },
	{ TJE, 3, S_ALL, 2, 0, NULL, "Uklar rutine ved stenging",
	  { "Det var uklart hvem som skulle kontrollere garderobene ved stengetid." }, NULL },
	{ FAL, 3, S_ALL, 2, 0, NULL, "Publikum skled i garderoben",
	  { "Badegjest skled på flisene i garderoben og slo albuen." }, NULL },
	{ BRU, 2, S_SUMMER, 2, 0, NULL, "Barn kuttet seg på ødelagt flis",
	  { "Et barn kuttet seg på foten på en ødelagt flis ved barnebassenget." }, "Plaster, området sperret." },
	{ HMS, 2, S_ALL, 3, 0, NULL, "Badevakt manglet ved åpning",
	  { "Bassenget ble åpnet uten at badevakt var på plass." }, NULL },
};

static const struct tpl t_culture[] = {
	{ HMS, 1, S_ALL, 2, 0, NULL, "Alene på kveldsvakt",
	  { "Ansatt var alene på ungdomsklubben med 40 ungdommer." }, NULL },
	{ TJE, 1, S_ALL, 1, 0, NULL, "Feil i påmeldingssystemet",
	  { "Påmeldingen til sommerskolen sendte bekreftelse til feil foresatte." }, NULL },
};

struct profile {
	const struct tpl	*t;
	size_t			 n;
	enum season		 season;	/* the unit's own rhythm */
	int			 office_hours;	/* reports mostly on weekdays */
};

#define PROFILE(a, s, o) { a, sizeof(a) / sizeof(a[0]), s, o }
enum { P_SCHOOL, P_KINDERGARTEN, P_PPT, P_CHILDWELFARE, P_NAV, P_NURSINGHOME,
	P_HOMECARE, P_DISABILITY, P_HEALTHSTATION, P_PROPERTY, P_CLEANING,
	P_WATER, P_ROADS, P_FIRE, P_HR, P_CITIZEN, P_ARENA, P_CULTURE, P_MAX };
static const struct profile profiles[P_MAX] = {
	[P_SCHOOL] = PROFILE(t_school, S_SCHOOL, 1),
	[P_KINDERGARTEN] = PROFILE(t_kindergarten, S_SCHOOL, 1),
	[P_PPT] = PROFILE(t_ppt, S_SCHOOL, 1),
	[P_CHILDWELFARE] = PROFILE(t_childwelfare, S_ALL, 1),
	[P_NAV] = PROFILE(t_nav, S_ALL, 1),
	[P_NURSINGHOME] = PROFILE(t_nursinghome, S_ALL, 0),
	[P_HOMECARE] = PROFILE(t_homecare, S_ALL, 0),
	[P_DISABILITY] = PROFILE(t_disability, S_ALL, 0),
	[P_HEALTHSTATION] = PROFILE(t_healthstation, S_SCHOOL, 1),
	[P_PROPERTY] = PROFILE(t_property, S_ALL, 1),
	[P_CLEANING] = PROFILE(t_cleaning, S_ALL, 1),
	[P_WATER] = PROFILE(t_water, S_ALL, 0),
	[P_ROADS] = PROFILE(t_roads, S_ALL, 0),
	[P_FIRE] = PROFILE(t_fire, S_ALL, 0),
	[P_HR] = PROFILE(t_hr, S_ALL, 1),
	[P_CITIZEN] = PROFILE(t_citizen, S_ALL, 1),
	[P_ARENA] = PROFILE(t_arena, S_ALL, 0),
	[P_CULTURE] = PROFILE(t_culture, S_ALL, 0),
};

/* How much each unit reports in a year and how many staff the demo gives
 * it beyond its leader. Nordsiden skole and Fjellheim sykehjem are large
 * and report very little: the dashboard should make them stand out. */
struct plan {
	const char	*unit;
	int		 profile;
	int		 per_year;
	int		 staff;
	int		 returns;	/* percent sent back for missing facts */
};
static const struct plan plans[] = {
	{ "vestre-skole", P_SCHOOL, 80, 4, 0 },
	{ "sentrum-skole", P_SCHOOL, 95, 5, 0 },
	{ "ostbyen-skole", P_SCHOOL, 60, 4, 0 },
	{ "nordsiden-skole", P_SCHOOL, 6, 7, 0 },
	{ "sentrum-ungdomsskole", P_SCHOOL, 80, 5, 0 },
	{ "solsiden-barnehage", P_KINDERGARTEN, 26, 3, 0 },
	{ "furulunden-barnehage", P_KINDERGARTEN, 22, 3, 0 },
	{ "bjorkly-barnehage", P_KINDERGARTEN, 18, 2, 0 },
	{ "ppt", P_PPT, 10, 2, 0 },
	{ "barnevern", P_CHILDWELFARE, 55, 4, 0 },
	{ "mestring", P_CHILDWELFARE, 30, 3, 0 },
	{ "nav", P_NAV, 36, 3, 0 },
	{ "sentrum-sykehjem", P_NURSINGHOME, 150, 5, 0 },
	{ "fjellheim-sykehjem", P_NURSINGHOME, 9, 8, 0 },
	{ "hjemmetjeneste-nord", P_HOMECARE, 90, 4, 0 },
	{ "hjemmetjeneste-sor", P_HOMECARE, 85, 4, 0 },
	{ "bo-aktivitet", P_DISABILITY, 110, 5, 0 },
	{ "helsestasjon", P_HEALTHSTATION, 20, 2, 0 },
	{ "eiendom", P_PROPERTY, 70, 3, 10 },
	{ "renhold", P_CLEANING, 30, 3, 5 },
	{ "vann-avlop", P_WATER, 20, 2, 5 },
	{ "bydrift", P_ROADS, 20, 2, 10 },
	{ "brann", P_FIRE, 15, 2, 0 },
	{ "hr", P_HR, 60, 2, 0 },
	{ "innbyggertorg", P_CITIZEN, 10, 2, 0 },
	{ "kulturarena", P_ARENA, 15, 2, 0 },
	{ "kultur-fritid", P_CULTURE, 3, 2, 0 },
};
#define NPLANS (sizeof(plans) / sizeof(plans[0]))

/* A burst like the seed's school that registered most of its
 * tjenesteproduksjon deviations on the same day. */
#define BURST_UNIT	"sentrum-skole"
#define BURST_COUNT	22
#define BURST_DAYS_AGO	75

/* --- what handling says, per category (index as cat_index) ------------------ */
static const char *const cat_codes[] = { BRU, BYG, HMS, VOL, TJE, PER, LEG, FAL };
#define NCAT 9	/* the eight codes and improvement proposals last */

static const char *const causes[NCAT][3] = {
	{ "Uklare forventninger og for få voksne i overgangssituasjoner.", "Konflikt som hadde bygget seg opp over tid.", NULL },
	{ "Eldre anlegg og etterslep på vedlikehold.", "Feil ved komponent; ikke fanget opp i internkontrollen.", NULL },
	{ "Lav bemanning på grunn av korttidsfravær.", "Rutinen var ikke kjent for alle ansatte.", "Tidspress og mange oppgaver samtidig." },
	{ "Bruker med utfordrende atferd i en presset situasjon.", "Manglende kjennskap til brukerens signaler.", "Krevende livssituasjon og avslag på søknad." },
	{ "Sykefravær som ikke kunne erstattes.", "Mangel på personell og kapasitet.", "Teknisk feil i fagsystemet." },
	{ "Menneskelig svikt ved utsending.", "Feil i adresseregister.", NULL },
	{ "Rutinen for dobbeltkontroll ble ikke fulgt.", "Forstyrrelser under utdeling.", "Tidspress på vakt." },
	{ "Glatt underlag og manglende sklisikring.", "Bruker reiste seg uten å tilkalle hjelp.", "Manglende fallforebyggende tiltak." },
	{ NULL, NULL, NULL },
};
static const char *const consequences[NCAT][2] = {
	{ "Ingen varig skade; utrygghet i elevgruppen.", NULL },
	{ "Redusert bruk av rommet i en periode.", "Ingen personskade." },
	{ "Belastning på ansatte.", "Risiko for skade, ingen skade denne gangen." },
	{ "Ansatt fikk blåmerker og ble sykmeldt en dag.", "Belastende for ansatte; ingen fysisk skade." },
	{ "Brukere fikk ikke tjenesten de har krav på.", "Forsinket saksbehandling." },
	{ "Personopplysninger kom på avveie; lav risiko vurdert av personvernombudet.", NULL },
	{ "Ingen påviste følger for beboer.", "Beboer observert ekstra, ingen skade." },
	{ "Blåmerker, ingen brudd.", "Ingen synlige skader." },
	{ NULL, NULL },
};
static const char *const measures[NCAT][3] = {
	{ "Flere voksne ute i friminuttene", "Samtale med elevene og foresatte", "Gjennomgang av klassens ordensregler" },
	{ "Utbedring bestilt hos Eiendom", "Midlertidig løsning satt opp", "Tatt inn i vedlikeholdsplanen" },
	{ "Gjennomgang av rutinen på personalmøtet", "Vurdere bemanningen på utsatte vakter", NULL },
	{ "Oppdatert tiltaksplan for brukeren", "Debrief med ansatte innen ett døgn", "Kurs i konflikthåndtering (MAP)" },
	{ "Oversikt over vikarer oppdatert", "Rekruttering satt i gang", "Sak meldt til systemleverandøren" },
	{ "Berørte informert og personvernombudet varslet", "Opplæring i rutinen for utsending", NULL },
	{ "Dobbeltkontroll innskjerpet", "Gjennomgang av legemiddelrutinen med alle", NULL },
	{ "Sklimatte og støttehåndtak satt opp", "Fallrisikovurdering oppdatert", NULL },
	{ "Forslaget prøves ut i tre måneder", NULL, NULL },
};
static const char *const summaries[NCAT][3] = {
	{ "Fulgt opp med elevene og foresatte. Tatt opp i personalmøtet; flere voksne ute i friminuttene.", "Saken er løst. Vi har justert organiseringen av friminuttene.", NULL },
	{ "Utbedret av Eiendom.", "Feilen er rettet. Tas med i neste internkontroll.", "Midlertidig løsning på plass; varig utbedring er med i investeringsplanen." },
	{ "Tatt opp i personalmøtet. Rutinen er gjennomgått med alle ansatte.", "Bemanningen på utsatte vakter er justert.", NULL },
	{ "Ansatte har fått debrief. Tiltaksplanen er oppdatert og gjennomgått med personalgruppen.", "Fulgt opp av leder; politianmeldelse vurdert, ikke aktuelt.", NULL },
	{ "Fraværet er dekket inn så langt det var mulig. Tapt undervisning tas igjen.", "Kapasiteten er styrket, og fristene følges tettere.", "Feilen i fagsystemet er rettet av leverandøren." },
	{ "Berørte er informert, og personvernombudet har vurdert saken. Ikke meldepliktig.", "Rutinen for utsending er innskjerpet.", NULL },
	{ "Legemiddelrutinen er gjennomgått. Dobbeltkontroll innskjerpet.", "Lege informert, ingen følger for beboer. Tatt opp på fagmøte.", NULL },
	{ "Fallforebyggende tiltak er satt i verk og tiltaksplanen oppdatert.", "Beboer er vurdert av fysioterapeut; tiltak i plan.", NULL },
	{ "Forslaget er gjennomført. Takk for innspillet!", "Forslaget er vurdert og tas med i arbeidet med ny rutine.", "Forslaget kan ikke gjennomføres nå, men vurderes i budsjettet for neste år." },
};

/* --- extra demo staff ---------------------------------------------------- */
static const char *const first_names[][2] = {
	{ "Anne", "anne" }, { "Per", "per" }, { "Hanne", "hanne" }, { "Eirik", "eirik" },
	{ "Marte", "marte" }, { "Magnus", "magnus" }, { "Tuva", "tuva" }, { "Henrik", "henrik" },
	{ "Julie", "julie" }, { "Martin", "martin" }, { "Ragnhild", "ragnhild" }, { "Oddvar", "oddvar" },
	{ "Synnøve", "synnove" }, { "Øystein", "oystein" }, { "Åse", "ase" }, { "Bjørg", "bjorg" },
	{ "Kjersti", "kjersti" }, { "Torbjørn", "torbjorn" }, { "Mari", "mari" }, { "Anders", "anders" },
	{ "Stian", "stian" }, { "Line", "line" }, { "Elin", "elin" }, { "Trond", "trond" },
	{ "Vigdis", "vigdis" }, { "Arve", "arve" }, { "Kristine", "kristine" }, { "Håvard", "havard" },
	{ "Solveig", "solveig" }, { "Tobias", "tobias" }, { "Frida", "frida" }, { "Mathias", "mathias" },
	{ "Amina", "amina" }, { "Jakub", "jakub" }, { "Sara", "sara" }, { "Ali", "ali" },
};
static const char *const last_names[][2] = {
	{ "Bakke", "bakke" }, { "Fjeld", "fjeld" }, { "Gran", "gran" }, { "Haug", "haug" },
	{ "Holmen", "holmen" }, { "Hovde", "hovde" }, { "Iversen", "iversen" }, { "Jakobsen", "jakobsen" },
	{ "Karlsen", "karlsen" }, { "Nygård", "nygaard" }, { "Olsen", "olsen" }, { "Rønning", "roenning" },
	{ "Sand", "sand" }, { "Skog", "skog" }, { "Solheim", "solheim" }, { "Tangen", "tangen" },
	{ "Thorsen", "thorsen" }, { "Ulstad", "ulstad" }, { "Vang", "vang" }, { "Wold", "wold" },
	{ "Aas", "aas" }, { "Brekken", "brekken" }, { "Engen", "engen" }, { "Grønli", "gronli" },
	{ "Hammer", "hammer" }, { "Rye", "rye" }, { "Sletten", "sletten" }, { "Kowalski", "kowalski" },
	{ "Ahmadi", "ahmadi" }, { "Lervik", "lervik" }, { "Mo", "mo" },
};
#define NFIRST (sizeof(first_names) / sizeof(first_names[0]))
#define NLAST (sizeof(last_names) / sizeof(last_names[0]))

/* --- the people and units as the model sees them --------------------------- */
struct world {
	struct ctx	*ctx;
	struct arena	*keep;		/* the command's arena: people, units */
	struct unit	*units;
	size_t		 nunits;
	struct person	*people;
	size_t		 npeople;
	int64_t		*leader;	/* per unit index: person index or -1 */
	int64_t		 end;		/* the history ends here (now) */
};

static long
world_unit(const struct world *w, int64_t id)
{
	size_t i;

	for (i = 0; i < w->nunits; i++)
		if (w->units[i].id == id)
			return (long)i;
	return -1;
}

static long
world_unit_code(const struct world *w, const char *code)
{
	size_t i;

	for (i = 0; i < w->nunits; i++)
		if (strcmp(w->units[i].code, code) == 0)
			return (long)i;
	return -1;
}

/* The person who leads unit_id or, failing that, the nearest unit above. */
static struct person *
world_leader_of(const struct world *w, int64_t unit_id)
{
	long u = world_unit(w, unit_id);
	int depth;

	for (depth = 0; u >= 0 && depth < 32; depth++) {
		if (w->leader[u] >= 0)
			return &w->people[w->leader[u]];
		if (w->units[u].parent_id == 0)
			break;
		u = world_unit(w, w->units[u].parent_id);
	}
	return NULL;
}

/* Load units, people and who leads what. CLI_OK or CLI_FAIL. */
static int
world_load(struct world *w)
{
	struct ctx *ctx = w->ctx;
	struct roleset rs;
	size_t i, k;
	long u;

	if (org_unit_list(ctx, &w->units, &w->nunits) < 0 ||
	    org_person_list(ctx, &w->people, &w->npeople) < 0)
		return CLI_FAIL;
	if ((w->leader = arena_alloc(w->keep, (w->nunits + 1) *
	    sizeof(*w->leader))) == NULL)
		return CLI_FAIL;
	for (i = 0; i < w->nunits; i++)
		w->leader[i] = -1;
	for (i = 0; i < w->npeople; i++) {
		if (org_roles_of(ctx, w->people[i].id, &rs) < 0)
			return CLI_FAIL;
		for (k = 0; k < rs.n; k++) {
			if (rs.v[k].role != ROLE_LEADER ||
			    (u = world_unit(w, rs.v[k].unit_id)) < 0)
				continue;
			if (w->leader[u] < 0)
				w->leader[u] = (int64_t)i;
		}
	}
	return CLI_OK;
}

/* Add the plan's extra employees to every unit, with the demo password. */
static int
staff_add(struct ctx *ctx, const char *hash)
{
	struct person p, old;
	char login[96], name[128], email[160];
	size_t i, k = 0, tries;
	int s, n;
	int64_t pid;
	struct unit u;

	for (i = 0; i < NPLANS; i++) {
		if (org_unit_by_code(ctx, plans[i].unit, &u) != 0)
			return cli_fail(CMD, "demo data: unknown unit %s",
			    plans[i].unit);
		for (s = 0; s < plans[i].staff; s++) {
			for (tries = 0; tries < NFIRST * NLAST; tries++, k++) {
				size_t f = (k * 7) % NFIRST;
				size_t l = (k * 11 + k / NFIRST) % NLAST;

				n = snprintf(login, sizeof(login), "%s.%s",
				    first_names[f][1], last_names[l][1]);
				if (n < 0 || (size_t)n >= sizeof(login))
					continue;
				if (org_person_by_login(ctx, login, &old) != 0)
					break;
			}
			{
				size_t f = (k * 7) % NFIRST;
				size_t l = (k * 11 + k / NFIRST) % NLAST;

				n = snprintf(name, sizeof(name), "%s %s",
				    first_names[f][0], last_names[l][0]);
				if (n < 0 || (size_t)n >= sizeof(name))
					return CLI_FAIL;
			}
			k++;
			n = snprintf(email, sizeof(email),
			    "%s@demokommune.example", login);
			if (n < 0 || (size_t)n >= sizeof(email))
				return CLI_FAIL;
			memset(&p, 0, sizeof(p));
			p.login = login;
			p.name = name;
			p.email = email;
			p.unit_id = u.id;
			p.active = 1;
			if ((pid = org_person_create(ctx, &p)) <= 0 ||
			    org_role_grant(ctx, pid, ROLE_EMPLOYEE, u.id) <= 0 ||
			    org_password_set(ctx, pid, hash, 0) != 0)
				return cli_fail(CMD, _("cannot create the person %s"),
				    login);
		}
	}
	return CLI_OK;
}

/* --- planning the year -------------------------------------------------- */
struct item {
	int64_t		 at;		/* reported_at */
	int		 plan;		/* index into plans */
	int		 tpl;		/* index into the profile's templates */
	uint64_t	 seed;		/* its own stream for the rest */
};

static int
item_cmp(const void *a, const void *b)
{
	const struct item *x = a, *y = b;

	if (x->at != y->at)
		return (x->at > y->at) - (x->at < y->at);
	return (x->plan > y->plan) - (x->plan < y->plan);
}

/* The month and weekday as people in the municipality live them. */
static int
month_of(int64_t t)
{
	struct tm tm;

	return date_local(t, &tm) == 0 ? tm.tm_mon : 0;
}

static int
weekday_of(int64_t t)
{
	struct tm tm;

	return date_local(t, &tm) == 0 ? tm.tm_wday : 1;
}

/* A report time for the plan's unit within the year, following its
 * season and working week. Days are counted from the start of today, and
 * the generator's stream never depends on the time of day, so every run on
 * the same day makes the same history. */
static int64_t
pick_time(struct rng *r, const struct world *w, const struct profile *pf,
    enum season tseason)
{
	int64_t start = w->end - w->end % DAY - 364 * (int64_t)DAY, t = start;
	int tries, m, hour;

	for (tries = 0; tries < 200; tries++) {
		t = start + rng_below(r, 365) * (int64_t)DAY;
		m = month_of(t);
		if (rng_below(r, 16) >= season_w[pf->season][m])
			continue;
		if (tseason != S_ALL && rng_below(r, 16) >=
		    season_w[tseason][m])
			continue;
		if (pf->office_hours) {
			int wd = weekday_of(t);

			if ((wd == 0 || wd == 6) && !rng_pct(r, 5))
				continue;
		}
		break;
	}
	hour = pf->office_hours ? 8 + (int)rng_below(r, 8) :
	    7 + (int)rng_below(r, 16);
	t += hour * (int64_t)HOUR + rng_below(r, HOUR);
	/* Later today than now: earlier today instead. */
	if (t >= w->end)
		t = w->end - 1 - t % (w->end % DAY + 1);
	return t;
}

static int
pick_tpl(struct rng *r, const struct profile *pf, int64_t at)
{
	int total = 0, x, m = month_of(at), wgt;
	size_t i;

	for (i = 0; i < pf->n; i++)
		total += pf->t[i].weight * season_w[pf->t[i].season][m];
	x = (int)rng_below(r, total);
	for (i = 0; i < pf->n; i++) {
		wgt = pf->t[i].weight * season_w[pf->t[i].season][m];
		if (x < wgt)
			return (int)i;
		x -= wgt;
	}
	return 0;
}

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

/* One of up to n strings (NULL entries end the list). */
static const char *
pick_str(struct rng *r, const char *const *v, int n)
{
	int k = 0;

	while (k < n && v[k] != NULL)
		k++;
	return k == 0 ? NULL : v[rng_below(r, k)];
}

/* --- replaying one deviation --------------------------------------------- */

/* A reporter from the unit's staff (its leader now and then). */
static struct person *
pick_reporter(struct rng *r, const struct world *w, int64_t unit_id)
{
	struct person *cand[64];
	struct person *lead = world_leader_of(w, unit_id);
	size_t i, n = 0;

	for (i = 0; i < w->npeople && n < 64; i++)
		if (w->people[i].unit_id == unit_id &&
		    &w->people[i] != lead)
			cand[n++] = &w->people[i];
	if (n == 0 || (lead != NULL && rng_pct(r, 8)))
		return lead;
	return cand[rng_below(r, (int64_t)n)];
}

struct step {
	struct world	*w;
	int64_t		 id;
	int64_t		 t;	/* time of the last event */
	const char	*err;
};

/* Act at time t as actor. 0, or -1 when the history would pass now (the
 * step is not taken), or the model's error. */
static int
act(struct step *s, int64_t t, struct person *actor,
    struct dev_action_input *in)
{
	struct ctx *ctx = s->w->ctx;
	const char *field = NULL;
	int rc;

	if (t <= s->t)
		t = s->t + 60;
	if (t >= s->w->end)
		return 1;
	ctx->now = t;
	ctx->user = actor;
	rc = deviation_act(ctx, s->id, in, &field);
	if (rc < 0) {
		s->err = dev_action_name(in->action);
		fprintf(stderr, "orden demo: %s failed (%d, %s)\n", s->err, rc,
		    field != NULL ? field : "-");
		return rc;
	}
	s->t = t;
	return 0;
}

static void
input_init(struct dev_action_input *in, enum dev_action a)
{
	memset(in, 0, sizeof(*in));
	in->action = a;
	in->kind = -1;
}

/* Record every legal clock of the step's deviation not yet met as
 * notified, an hour before `before`: 0, 1 when the history would pass
 * now, or the model's error (as act). */
static int
record_notices(struct step *s, int64_t before, struct person *actor)
{
	struct dev_action_input	 in;
	struct deviation	 d;
	size_t			 i;
	int			 rc;

	if (deviation_get(s->w->ctx, s->id, &d) != 0)
		return -1;
	for (i = 0; i < d.nlegal; i++) {
		if (d.legal[i].done_at != 0)
			continue;
		input_init(&in, DA_LEGAL_DONE);
		in.authority = d.legal[i].authority;
		if ((rc = act(s, before - HOUR, actor, &in)) != 0)
			return rc;
	}
	return 0;
}

/* Ack delay: mostly within a day or two, now and then late, and a few
 * wait over a week (so the last days always hold some new ones). */
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

/* Close delay after acknowledging; 0 = never closed (forgotten). */
static int64_t
close_delay(struct rng *r)
{
	int64_t x = rng_below(r, 100);

	if (x < 38)
		return DAY + rng_below(r, 6 * DAY);
	if (x < 74)
		return 7 * DAY + rng_below(r, 14 * DAY);
	if (x < 92)
		return 21 * DAY + rng_below(r, 20 * DAY);
	if (x < 99)
		return 40 * DAY + rng_below(r, 60 * DAY);
	return 0;
}

static int
replay(struct world *w, const struct item *it, int64_t *made)
{
	struct ctx *ctx = w->ctx;
	const struct plan *pl = &plans[it->plan];
	const struct profile *pf = &profiles[pl->profile];
	const struct tpl *tp = &pf->t[it->tpl];
	struct rng r = { it->seed };
	struct dev_report rep;
	struct dev_action_input in;
	struct deviation d;
	struct person *reporter, *handler;
	struct step s;
	struct measure *ms;
	size_t nms;
	const char *field = NULL, *desc;
	int ci = cat_index(tp->cat), rc, measured = 0;
	int64_t unit_id, t, tack, closes;
	long ui = world_unit_code(w, pl->unit);

	if (ui < 0)
		return cli_fail(CMD, "demo data: unknown unit %s", pl->unit);
	unit_id = w->units[ui].id;
	reporter = pick_reporter(&r, w, unit_id);
	desc = pick_str(&r, tp->desc, 3);

	memset(&rep, 0, sizeof(rep));
	rep.kind = tp->cat == IMP ? DEV_IMPROVEMENT : DEV_DEVIATION;
	rep.title = tp->title;
	rep.description = desc;
	rep.category = tp->cat;
	rep.unit_id = unit_id;
	rep.occurred_at = rep.kind == DEV_IMPROVEMENT ? 0 :
	    it->at - rng_below(&r, 3 * HOUR);
	rep.severity = tp->severity == 0 ? 0 :
	    tp->severity + (rng_pct(&r, 15) ? 1 : 0) - (rng_pct(&r, 15) ? 1 : 0);
	if (rep.severity > 4)
		rep.severity = 4;
	if (rep.severity < 0)
		rep.severity = 0;
	rep.immediate_action = tp->action;
	rep.personal_data = tp->personal;
	rep.concerns_leader = rep.kind == DEV_DEVIATION && rng_pct(&r, 1);
	ctx->now = it->at;
	ctx->user = reporter;
	memset(&d, 0, sizeof(d));
	if ((rc = deviation_report(ctx, &rep, &d, &field)) < 0) {
		fprintf(stderr, "orden demo: cannot report \"%s\" in %s (%d, %s)\n",
		    tp->title, pl->unit, rc, field != NULL ? field : "-");
		return CLI_FAIL;
	}
	(*made)++;
	memset(&s, 0, sizeof(s));
	s.w = w;
	s.id = d.id;
	s.t = it->at;
	handler = world_leader_of(w, d.handler_unit_id);
	if (handler == NULL || handler == reporter)
		handler = world_leader_of(w, w->units[ui].parent_id);
	if (handler == NULL)
		return CLI_OK;

	/* Sent back for missing facts; most are corrected and sent again. */
	if (pl->returns > 0 && rng_pct(&r, pl->returns) && reporter != NULL) {
		input_init(&in, DA_RETURN);
		in.reason = "Mangler opplysninger om hvor avviket oppstod. Skriv hvilket bygg og rom det gjelder, og send inn på nytt.";
		if ((rc = act(&s, s.t + 2 * HOUR + rng_below(&r, 20 * HOUR),
		    handler, &in)) != 0)
			return rc > 0 ? CLI_OK : CLI_FAIL;
		if (rng_pct(&r, 20))
			return CLI_OK;	/* still with the reporter */
		input_init(&in, DA_RESUBMIT);
		in.description = arena_printf(ctx->arena, "%s Gjelder %s, rom %d.",
		    desc, rng_pct(&r, 50) ? "hovedbygget" : "fløy B",
		    100 + (int)rng_below(&r, 150));
		if ((rc = act(&s, s.t + DAY + rng_below(&r, 2 * DAY), reporter,
		    &in)) != 0)
			return rc > 0 ? CLI_OK : CLI_FAIL;
	}
	/* Reported in the wrong place: the leader passes it on. */
	if (tp->transfer_to != NULL && rng_pct(&r, 30)) {
		long to = world_unit_code(w, tp->transfer_to);
		struct person *nh;

		if (to >= 0 && (nh = world_leader_of(w, w->units[to].id)) != NULL) {
			input_init(&in, DA_TRANSFER);
			in.unit_id = w->units[to].id;
			in.reason = strcmp(tp->transfer_to, "renhold") == 0 ?
			    "Gjelder renholdet; overført til Renhold, som følger opp." :
			    "Gjelder bygningsmessige forhold; overført til Eiendom, som har ansvaret for bygget.";
			if ((rc = act(&s, s.t + HOUR + rng_below(&r, 20 * HOUR),
			    handler, &in)) != 0)
				return rc > 0 ? CLI_OK : CLI_FAIL;
			handler = nh;
		}
	}
	if ((rc = act(&s, s.t + ack_delay(&r), handler,
	    (input_init(&in, DA_ACKNOWLEDGE), &in))) != 0)
		return rc > 0 ? CLI_OK : CLI_FAIL;
	/* Property: HMS or bygg? The seed's most common misclassification. */
	if (pl->profile == P_PROPERTY && tp->cat != NULL &&
	    strcmp(tp->cat, HMS) == 0 && rng_pct(&r, 30)) {
		input_init(&in, DA_CLASSIFY);
		in.category = BYG;
		in.reason = "Gjelder bygg og anlegg, ikke HMS. Riktig kategori er bygg og utstyr.";
		if ((rc = act(&s, s.t + HOUR, handler, &in)) != 0)
			return rc > 0 ? CLI_OK : CLI_FAIL;
		ci = cat_index(BYG);
	}
	tack = s.t;
	t = close_delay(&r);
	closes = t != 0;
	if (t == 0)
		t = 30 * DAY;
	if (rep.kind == DEV_DEVIATION && rng_pct(&r, 65)) {
		input_init(&in, DA_ANALYSE);
		in.cause = pick_str(&r, causes[ci], 3);
		in.consequence = pick_str(&r, consequences[ci], 2);
		if ((rc = act(&s, tack + t / 4 + HOUR, handler, &in)) != 0)
			return rc > 0 ? CLI_OK : CLI_FAIL;
	}
	if (rng_pct(&r, rep.kind == DEV_IMPROVEMENT ? 40 : 50) &&
	    handler->login != NULL) {
		input_init(&in, DA_ADD_MEASURE);
		in.measure = pick_str(&r, measures[ci], 3);
		in.responsible_login = handler->login;
		in.due_at = tack + t / 2 + 14 * DAY;
		if ((rc = act(&s, tack + t / 3 + HOUR, handler, &in)) != 0)
			return rc > 0 ? CLI_OK : CLI_FAIL;
		measured = 1;
	}
	if (rng_pct(&r, 8)) {
		input_init(&in, DA_COMMENT);
		in.text = "Tatt opp i ledermøtet.";
		if ((rc = act(&s, tack + t / 3 + 2 * HOUR, handler, &in)) != 0)
			return rc > 0 ? CLI_OK : CLI_FAIL;
	}
	if (!closes)
		return CLI_OK;
	if (measured && tack + t < w->end) {
		if (deviation_measures(ctx, s.id, &ms, &nms) == 0 && nms > 0) {
			input_init(&in, DA_COMPLETE_MEASURE);
			in.measure_id = ms[nms - 1].id;
			if ((rc = act(&s, tack + (t * 2) / 3, handler, &in)) != 0)
				return rc > 0 ? CLI_OK : CLI_FAIL;
		}
	}
	/* The leader of a well-run municipality has recorded the notices
	 * its legal clocks asked for before closing (no randomness drawn:
	 * the rest of the history stays as it was). */
	if ((rc = record_notices(&s, tack + t, handler)) != 0)
		return rc > 0 ? CLI_OK : CLI_FAIL;
	input_init(&in, DA_CLOSE);
	in.summary = pick_str(&r, summaries[ci], 3);
	if ((rc = act(&s, tack + t, handler, &in)) != 0)
		return rc > 0 ? CLI_OK : CLI_FAIL;
	return CLI_OK;
}

int
cli_demo_history(struct ctx *ctx, const char *hash, int64_t *count)
{
	struct world w;
	struct rng r = { DEMO_SEED };
	struct item *items;
	struct arena *keep = ctx->arena, *row;
	struct person *user = ctx->user;
	int64_t now = ctx->now, day0;
	size_t nitems = 0, cap = 0, i, k;
	int ret = CLI_FAIL, n;

	*count = 0;
	if (staff_add(ctx, hash) != CLI_OK)
		return CLI_FAIL;
	memset(&w, 0, sizeof(w));
	w.ctx = ctx;
	w.keep = keep;
	w.end = now;
	if (world_load(&w) != CLI_OK)
		return cli_fail(CMD, "%s", _("cannot read the demo units and people"));

	for (i = 0; i < NPLANS; i++)
		cap += (size_t)plans[i].per_year + 8;
	cap += BURST_COUNT;
	if ((items = arena_alloc(keep, cap * sizeof(*items))) == NULL)
		return cli_fail(CMD, "%s", _("out of memory"));
	for (i = 0; i < NPLANS; i++) {
		const struct profile *pf = &profiles[plans[i].profile];

		/* A little variation year to year, fixed by the seed. */
		n = plans[i].per_year + (int)rng_below(&r, 7) - 3;
		for (k = 0; k < (size_t)(n > 0 ? n : 0) && nitems < cap; k++) {
			struct item *it = &items[nitems++];
			int64_t at = pick_time(&r, &w, pf, S_ALL);

			it->plan = (int)i;
			it->tpl = pick_tpl(&r, pf, at);
			/* Seasonal templates move the date into their season. */
			if (pf->t[it->tpl].season != S_ALL)
				at = pick_time(&r, &w, pf, pf->t[it->tpl].season);
			it->at = at;
			it->seed = rng_next(&r);
		}
		if (strcmp(plans[i].unit, BURST_UNIT) == 0) {
			/* Registered in one sitting after a hard term. */
			day0 = now - BURST_DAYS_AGO * (int64_t)DAY;
			day0 -= day0 % DAY;
			while (weekday_of(day0) == 0 || weekday_of(day0) == 6)
				day0 -= DAY;
			for (k = 0; k < BURST_COUNT && nitems < cap; k++) {
				struct item *it = &items[nitems++];

				it->plan = (int)i;
				it->tpl = rng_pct(&r, 60) ? 0 : 2;
				it->at = day0 + 13 * HOUR + (int64_t)k * 240 +
				    rng_below(&r, 200);
				it->seed = rng_next(&r);
			}
		}
	}
	qsort(items, nitems, sizeof(*items), item_cmp);

	for (i = 0; i < nitems; i++) {
		/* Each deviation's strings in their own arena: the command's
		 * would otherwise hold the whole year. */
		if ((row = arena_new(ROW_ARENA_MAX)) == NULL) {
			cli_fail(CMD, "%s", _("out of memory"));
			goto out;
		}
		ctx->arena = row;
		n = replay(&w, &items[i], count);
		ctx->arena = keep;
		arena_free(row);
		if (n != CLI_OK)
			goto out;
	}
	/* The year's notifications were delivered long ago: none may reach
	 * the e-mail outbox now, and those older than a week have been read. */
	if (notify_settle(ctx, now - READ_AFTER) != 0) {
		cli_fail(CMD, "%s", _("cannot update the demo notifications"));
		goto out;
	}
	ret = CLI_OK;
out:
	ctx->arena = keep;
	ctx->now = now;
	ctx->user = user;
	return ret;
}
