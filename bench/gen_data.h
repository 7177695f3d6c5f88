/* gen_data.h: the tables bench/gen.c draws a municipality from: kinds of
 * unit with their share of the org and how much they report, place names,
 * and per kind of service the deviations it typically reports, shaped like
 * the tertial reports of seeds/001 (schools heavy on tjenesteproduksjon and
 * violence, kindergartens on children and staffing, health and care on
 * falls, medicines and violence, property on buildings with indoor climate
 * in summer and pests in spring, offices on personal data). Data only;
 * included by gen.c alone. */
#ifndef BENCH_GEN_DATA_H
#define BENCH_GEN_DATA_H

/* Relative weight per month (January first) of a season. */
enum season { S_ALL, S_SUMMER, S_SPRING, S_WINTER, S_HEAT, S_SCHOOL, S_MAX };
static const int season_w[S_MAX][12] = {
	[S_ALL]    = { 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10 },
	[S_SUMMER] = {  3,  3,  4,  6,  9, 14, 16, 14,  8,  5,  3,  3 },
	[S_SPRING] = {  1,  1,  3, 12, 16, 12,  5,  2,  1,  1,  1,  1 },
	[S_WINTER] = { 16, 15, 11,  4,  1,  1,  1,  1,  1,  4, 10, 15 },
	[S_HEAT]   = {  1,  1,  1,  3,  8, 16, 12, 16, 10,  2,  1,  1 },
	/* schools and kindergartens: quiet in July and at Christmas */
	[S_SCHOOL] = { 10, 11, 11,  9, 11,  9,  1,  7, 12, 11, 11,  8 },
};

/* The default category codes (src/deviation/category.c); NULL: an
 * improvement proposal. cat_index() maps them to the rows of the handling
 * texts below. */
#define BRU	"bruker"
#define BYG	"bygg"
#define HMS	"hms"
#define VOL	"vold"
#define TJE	"tjenesteproduksjon"
#define PER	"personvern"
#define LEG	"legemiddel"
#define FAL	"fall"
#define IMP	NULL
static const char *const cat_codes[] = { BRU, BYG, HMS, VOL, TJE, PER, LEG, FAL };
#define NCAT	9	/* the eight codes, and improvement proposals last */

struct tpl {
	const char	*cat;
	int		 weight;
	enum season	 season;
	int		 severity;	/* typical, 1..4; 0 for proposals */
	int		 personal;	/* holds personal data */
	const char	*title;
	const char	*desc[2];
	const char	*action;	/* immediate action, or NULL */
};

enum prof { P_SCHOOL, P_KINDERGARTEN, P_CARE, P_HEALTH, P_PROPERTY,
	P_TECHNICAL, P_OFFICE, P_CULTURE, P_MAX };

static const struct tpl t_school[] = {
	{ TJE, 14, S_ALL, 2, 0, "Elev mistet spesialundervisning",
	  { "Spesialpedagog var syk og det fantes ingen vikar. Eleven mistet tre timer etter vedtaket.",
	    "Assistenten ble satt til å dekke fravær i en annen klasse. Eleven fikk ikke oppfølgingen i dag." },
	  "Kontaktlærer er informert, timene forsøkes tatt igjen." },
	{ TJE, 8, S_ALL, 2, 0, "Klassen uten lærer – ingen vikar",
	  { "Ingen vikar ved korttidsfravær. Klassen ble slått sammen med parallellklassen i to timer.",
	    "Lærer sykmeldt på kort varsel. Elevene hadde selvstudium under tilsyn av assistent." }, NULL },
	{ BRU, 10, S_ALL, 2, 0, "Elev slo medelev i friminuttet",
	  { "To elever kom i konflikt under fotballspill. Den ene slo den andre i ansiktet.",
	    "Elev sparket og slo en yngre elev ved sykkelstativet. Inspiserende lærer grep inn." },
	  "Elevene ble skilt og fulgt opp, foresatte kontaktet." },
	{ BRU, 5, S_ALL, 2, 0, "Elev utagerte i timen",
	  { "Elev ble frustrert over en oppgave, kastet stol og forlot klasserommet.",
	    "Elev veltet pulter. Resten av klassen ble tatt ut av rommet." }, NULL },
	{ VOL, 7, S_ALL, 3, 0, "Ansatt slått av elev",
	  { "Elev slo assistent i armen og brystet under en konfliktsituasjon.",
	    "Lærer ble slått i ansiktet da hun forsøkte å skille to elever." },
	  "Situasjonen ble roet, ansatt fikk samtale med leder." },
	{ VOL, 4, S_ALL, 2, 0, "Trusler fra elev mot ansatt",
	  { "Elev truet lærer med å ta henne etter skoletid.",
	    "Elev truet en ansatt med kniv. Ingen våpen ble funnet." }, NULL },
	{ HMS, 3, S_HEAT, 1, 0, "For høy temperatur i klasserommet",
	  { "Det var 29 grader i klasserommet ved lunsj. Elever og ansatte fikk hodepine.",
	    "Sørvendte rom blir for varme. Vinduene kan ikke åpnes." }, NULL },
	{ BYG, 3, S_ALL, 1, 0, "Knust vindu i gymsalen",
	  { "Vindu i gymsalen er knust etter ballspill. Glasskår på gulvet.",
	    "Ruten i døra til garderoben er knust." }, "Området sperret av." },
	{ BYG, 2, S_SPRING, 1, 0, "Maur på skolekjøkkenet",
	  { "Det er maur langs benken og i skapene på skolekjøkkenet.",
	    "Mye maur i skolekjøkkenet igjen. Matvarer er kastet." }, NULL },
	{ PER, 1, S_ALL, 2, 1, "Elevopplysninger sendt til feil foresatt",
	  { "Melding om en elevs oppfølging ble sendt til feil foresatt.",
	    "Referat fra ansvarsgruppemøte ble sendt til feil e-postadresse." }, NULL },
	{ IMP, 2, S_ALL, 0, 0, "Forslag: felles vikarliste for skolene",
	  { "Vi bruker mye tid på å ringe etter vikar om morgenen. En felles liste for skolene i kommunen vil spare tid.",
	    "Forslag om at skolene deler vikarer gjennom én felles ordning." }, NULL },
};

static const struct tpl t_kindergarten[] = {
	{ BRU, 6, S_ALL, 2, 0, "Barn falt fra klatrestativet",
	  { "Barn falt fra klatrestativet og slo hodet. Observert, foresatte kontaktet.",
	    "Barn falt ned fra sklia og fikk skrubbsår i ansiktet." }, "Såret renset, barnet observert." },
	{ BRU, 4, S_ALL, 1, 0, "Barn bet et annet barn",
	  { "Barn bet et annet barn i armen under lek. Synlige tannmerker.",
	    "Barn bet en venn i kinnet i garderoben." }, NULL },
	{ BRU, 2, S_SUMMER, 3, 0, "Barn åpnet porten og gikk ut",
	  { "Barn åpnet porten og var på vei mot veien før en voksen så det.",
	    "Porten sto åpen etter henting, og et barn gikk ut." }, "Porten sikret med ekstra lås." },
	{ HMS, 8, S_SCHOOL, 2, 0, "Bemanningsnormen ikke oppfylt",
	  { "På grunn av sykdom var det tre voksne på 24 barn hele formiddagen.",
	    "Avdelingen var underbemannet fra klokka 14, ingen vikar tilgjengelig." }, NULL },
	{ HMS, 2, S_ALL, 2, 0, "Ansatt bitt av barn",
	  { "Ansatt ble bitt i hånden av et barn under påkledning.",
	    "Ansatt ble bitt i armen i stellesituasjon." }, NULL },
	{ BYG, 2, S_WINTER, 2, 0, "Manglende utelys ved henting",
	  { "Lysene på uteområdet virker ikke. Det er mørkt ved henting.",
	    "Lyset ved porten har vært ute i en uke." }, NULL },
	{ BYG, 2, S_ALL, 2, 0, "Løs stubbe på lekeplassen",
	  { "En gammel stubbe har løsnet og vipper når barna klatrer på den.",
	    "Planke i sandkassa har løsnet, stikker ut spiker." }, "Området sperret av." },
	{ PER, 1, S_ALL, 2, 1, "Bilde av barn delt i feil foreldregruppe",
	  { "Bilde fra turdagen ble lagt ut i foreldregruppen til en annen avdeling.",
	    "Bilde av barn uten samtykke ble delt med alle foresatte." }, NULL },
	{ IMP, 1, S_ALL, 0, 0, "Forslag: ny dørpumpe på avdelingen",
	  { "Døra smeller igjen og går ikke i lås. Forslag om å bytte dørpumpe før noen klemmer seg.",
	    "Forslag om dørstopper på alle dører ved garderoben." }, NULL },
};

static const struct tpl t_care[] = {
	{ FAL, 14, S_ALL, 2, 0, "Beboer falt",
	  { "Beboer falt på badet om natten. Funnet på gulvet ved tilsyn, ingen synlige skader.",
	    "Bruker falt ved forflytning fra seng til rullestol. Lege tilkalt." },
	  "Beboer undersøkt, pårørende varslet." },
	{ LEG, 10, S_ALL, 2, 0, "Feil dose utdelt",
	  { "Beboer fikk morgendosen to ganger. Lege kontaktet, beboer observert.",
	    "Legemiddel ble gitt til feil beboer. Avvik oppdaget ved kveldsrunden." },
	  "Lege kontaktet." },
	{ LEG, 5, S_ALL, 1, 0, "Multidose mangler i leveransen",
	  { "Multidosen for en bruker manglet i ukens leveranse fra apoteket.",
	    "Leveransen fra apoteket kom en dag for sent." }, NULL },
	{ VOL, 7, S_ALL, 3, 0, "Ansatt slått av beboer",
	  { "Beboer med demens slo ansatt i ansiktet under morgenstell.",
	    "Bruker kløp og slo ansatt ved forflytning." }, NULL },
	{ VOL, 3, S_ALL, 2, 0, "Trusler fra pårørende",
	  { "Pårørende truet ansatt på telefon etter et besøk.",
	    "Pårørende ble sint og truende i gangen." }, NULL },
	{ BRU, 6, S_ALL, 2, 0, "Bruker fikk ikke tilsyn som planlagt",
	  { "Planlagt tilsyn ble ikke gjennomført på grunn av sykefravær.",
	    "Besøket ble glemt etter endring i kjørelisten." }, NULL },
	{ TJE, 8, S_SUMMER, 2, 0, "Underbemanning på kveldsvakt",
	  { "To ansatte på vakt for 24 beboere. Tilsyn og måltider ble forsinket.",
	    "Ingen vikar for sykefravær, vakt ble gått alene." }, NULL },
	{ HMS, 3, S_ALL, 2, 0, "Ryggskade ved forflytning",
	  { "Ansatt fikk vondt i ryggen ved forflytning uten løftehjelp.",
	    "Taklift var i stykker, forflytning ble gjort manuelt." }, NULL },
	{ PER, 2, S_ALL, 2, 1, "Pasientopplysninger i åpen e-post",
	  { "Opplysninger om en pasient ble sendt i vanlig e-post til legekontoret.",
	    "Pasientliste ble liggende på vaktrommet." }, NULL },
	{ BYG, 2, S_ALL, 3, 0, "Pasientvarslingsanlegget falt ut",
	  { "Anlegget for pasientvarsling var ute i to timer om natten.",
	    "Alarmen på rom 12 virket ikke ved test." }, "Ekstra runder hver halvtime." },
	{ IMP, 2, S_ALL, 0, 0, "Forslag: fast tid for legemiddelgjennomgang",
	  { "Forslag om fast ukentlig tid med lege for gjennomgang av legemidler.",
	    "Forslag om sjekkliste ved mottak av multidose." }, NULL },
};

static const struct tpl t_health[] = {
	{ TJE, 5, S_SCHOOL, 2, 0, "Vaksine ikke satt til rett tid",
	  { "Barn fikk ikke vaksine etter programmet fordi innkallingen ikke ble sendt.",
	    "Timen ble avlyst og ikke satt opp på nytt." }, NULL },
	{ PER, 3, S_ALL, 2, 1, "Journalnotat ført på feil barn",
	  { "Notat fra konsultasjon ble ført i journalen til et søsken.",
	    "Journalnotat ble lagt på feil barn med samme navn." }, NULL },
	{ LEG, 2, S_ALL, 2, 0, "Vaksiner oppbevart for varmt",
	  { "Kjøleskapet viste 12 grader om morgenen. Vaksinene ble satt til side.",
	    "Temperaturloggen viser brudd på kjølekjeden over helgen." }, NULL },
	{ HMS, 1, S_ALL, 2, 0, "Truende forelder på helsestasjonen",
	  { "Forelder ble sint og truende etter en samtale om barnets vekt.",
	    "Forelder slo i bordet og kom med trusler." }, NULL },
	{ IMP, 1, S_ALL, 0, 0, "Forslag: digital timebestilling",
	  { "Forslag om at foreldre kan bestille og flytte timer selv.",
	    "Forslag om SMS-påminnelse dagen før timen." }, NULL },
};

static const struct tpl t_property[] = {
	{ BYG, 10, S_ALL, 2, 0, "Vannlekkasje i tak",
	  { "Vann renner fra taket i gangen når det regner.",
	    "Fuktskjold og drypp fra himlingen i møterommet." }, "Bøtte satt ut, rommet stengt." },
	{ BYG, 6, S_HEAT, 1, 0, "Ventilasjonen holder ikke temperaturen",
	  { "Ventilasjonen klarer ikke å holde temperaturen nede i sørvendte rom.",
	    "Over 28 grader på kontorene om ettermiddagen." }, NULL },
	{ BYG, 5, S_WINTER, 2, 0, "Glatt inngangsparti – ikke strødd",
	  { "Inngangspartiet var ikke strødd om morgenen. En ansatt holdt på å falle.",
	    "Is ved varemottaket, ikke strødd på to dager." }, NULL },
	{ HMS, 5, S_ALL, 2, 0, "Nestenulykke på stige",
	  { "Stigen skled ut under arbeid med lysarmatur. Ingen skade.",
	    "Ansatt sto på øverste trinn uten sikring." }, NULL },
	{ HMS, 3, S_SPRING, 1, 0, "Skadedyr i kjelleren",
	  { "Spor etter mus i kjelleren og i lageret.",
	    "Rotter observert ved avfallsrommet." }, NULL },
	{ BYG, 3, S_ALL, 2, 0, "Heisen står",
	  { "Heisen har stått siden mandag. Rullestolbrukere kommer seg ikke opp.",
	    "Heisen stopper mellom etasjene." }, NULL },
	{ IMP, 1, S_ALL, 0, 0, "Forslag: felles nøkkelsystem",
	  { "Forslag om elektroniske nøkler i alle kommunale bygg.",
	    "Forslag om felles oversikt over nøkler og kort." }, NULL },
};

static const struct tpl t_technical[] = {
	{ HMS, 8, S_ALL, 2, 0, "Kutt i hånden ved arbeid",
	  { "Ansatt kuttet seg på en plate uten hansker. Sydd på legevakten.",
	    "Kutt i hånden ved bytte av kniv på maskin." }, "Førstehjelp gitt." },
	{ HMS, 4, S_WINTER, 3, 0, "Kjøretøy skled av veien under brøyting",
	  { "Brøytebilen skled av veien i en sving. Ingen personskade.",
	    "Traktor med strøutstyr havnet i grøfta." }, NULL },
	{ BYG, 4, S_ALL, 2, 0, "Defekt utstyr i bilparken",
	  { "Bremsene på varebilen tar dårlig. Bilen er satt på verksted.",
	    "Løfteplattformen har lekkasje i hydraulikken." }, NULL },
	{ TJE, 5, S_SUMMER, 3, 0, "Vannprøve over grenseverdi",
	  { "Prøve fra høydebassenget viste koliforme bakterier.",
	    "Turbiditet over grenseverdi etter kraftig regn." }, "Kokevarsel sendt til abonnentene." },
	{ TJE, 3, S_WINTER, 2, 0, "Abonnenter uten vann",
	  { "Vannlekkasje førte til at 40 abonnenter var uten vann i seks timer.",
	    "Frosset ledning, gaten uten vann over natten." }, NULL },
	{ VOL, 2, S_ALL, 3, 0, "Truet av publikum under utrykning",
	  { "Mannskap ble truet av beruset person under utrykning.",
	    "Tilskuer kastet gjenstander mot mannskapet." }, NULL },
	{ IMP, 1, S_ALL, 0, 0, "Forslag: ny rutine for verneutstyr",
	  { "Forslag om fast sjekk av verneutstyr hver mandag.",
	    "Forslag om utlånsliste for verneutstyr." }, NULL },
};

static const struct tpl t_office[] = {
	{ PER, 6, S_ALL, 2, 1, "E-post med personopplysninger til feil mottaker",
	  { "E-post med lønnsopplysninger ble sendt til feil mottaker.",
	    "Vedtak med helseopplysninger ble sendt til en annen søker." }, NULL },
	{ PER, 2, S_ALL, 1, 1, "Saksdokumenter lå åpent på skriver",
	  { "Utskrift med personnummer ble liggende på fellesskriveren over natten.",
	    "Saksmappe ble glemt i møterommet." }, NULL },
	{ VOL, 4, S_ALL, 2, 0, "Truende oppførsel i skranken",
	  { "Innbygger ble truende i skranken etter avslag på søknad.",
	    "Bruker slo i glasset og truet saksbehandler." }, NULL },
	{ TJE, 5, S_ALL, 2, 0, "Frist i saksbehandling oversittet",
	  { "Saken ble liggende uten behandling i fem uker etter fristen.",
	    "Svar på klage ble ikke sendt innen fristen." }, NULL },
	{ HMS, 3, S_ALL, 2, 0, "Høyt arbeidspress",
	  { "Tre av seks saksbehandlere er sykmeldt. Restansene øker.",
	    "Arbeidsmengden er for stor over tid, flere jobber kveld." }, NULL },
	{ BYG, 1, S_HEAT, 1, 0, "Dårlig inneklima på kontoret",
	  { "Tung luft og hodepine på kontorene om ettermiddagen.",
	    "Kaldt trekk fra vinduene, 17 grader om morgenen." }, NULL },
	{ IMP, 3, S_ALL, 0, 0, "Forslag: digitalt skjema for reiseregninger",
	  { "Forslag om å ta i bruk digitalt skjema i stedet for papir.",
	    "Forslag om felles mal for svarbrev." }, NULL },
};

static const struct tpl t_culture[] = {
	{ BRU, 4, S_SUMMER, 2, 0, "Deltaker skadet på arrangement",
	  { "Deltaker falt fra scenekanten under øving og skadet ankelen.",
	    "Barn skadet seg på trampolinen under sommeraktiviteten." }, NULL },
	{ HMS, 3, S_ALL, 2, 0, "Tungt løft ved rigging av scene",
	  { "To ansatte løftet scenepodier uten hjelpemidler.",
	    "Rigging gjort alene om kvelden." }, NULL },
	{ BYG, 3, S_ALL, 3, 0, "Nødlys virker ikke i salen",
	  { "Nødlyset over to utganger i salen virker ikke.",
	    "Ledelyset i trappen er ute." }, "Forestillingen flyttet." },
	{ VOL, 2, S_ALL, 2, 0, "Beruset publikum truet vakt",
	  { "Beruset gjest truet vakten ved inngangen.",
	    "Publikum ble voldelig i køen." }, NULL },
	{ TJE, 2, S_ALL, 1, 0, "Billettsystemet nede før forestilling",
	  { "Billettsystemet var nede en time før forestillingen.",
	    "Dobbeltbookede seter etter feil i systemet." }, NULL },
	{ IMP, 2, S_ALL, 0, 0, "Forslag: frivillighetsportal",
	  { "Forslag om en felles portal der lag og foreninger kan melde seg.",
	    "Forslag om felles kalender for arrangementer." }, NULL },
};

struct profile {
	const struct tpl	*t;
	size_t			 n;
	enum season		 season;	/* the unit's own rhythm */
	int			 office_hours;	/* reports mostly on weekdays */
};
#define PROFILE(a, s, o) { a, sizeof(a) / sizeof(a[0]), s, o }
static const struct profile profiles[P_MAX] = {
	[P_SCHOOL] = PROFILE(t_school, S_SCHOOL, 1),
	[P_KINDERGARTEN] = PROFILE(t_kindergarten, S_SCHOOL, 1),
	[P_CARE] = PROFILE(t_care, S_ALL, 0),
	[P_HEALTH] = PROFILE(t_health, S_SCHOOL, 1),
	[P_PROPERTY] = PROFILE(t_property, S_ALL, 1),
	[P_TECHNICAL] = PROFILE(t_technical, S_ALL, 0),
	[P_OFFICE] = PROFILE(t_office, S_ALL, 1),
	[P_CULTURE] = PROFILE(t_culture, S_ALL, 0),
};

/* The four sector areas under the chief executive, as in the demo. */
static const struct {
	const char	*code, *name;
} sectors[] = {
	{ "oo", "Oppvekst og opplæring" },
	{ "ho", "Helse og omsorg" },
	{ "oi", "Økonomistyring og infrastruktur" },
	{ "kso", "Kultur, samfunn og organisasjon" },
};
#define NSECTORS	(sizeof(sectors) / sizeof(sectors[0]))

/* Kinds of unit: share of the units, reports per unit relative to a
 * school, the sector index and the profile. name has one %s for a place. */
struct kind {
	const char	*code;
	const char	*name;
	int		 sector;
	enum prof	 profile;
	int		 share;
	int		 rate;		/* percent of a school's reports */
};
static const struct kind kinds[] = {
	{ "sykehjem", "%s sykehjem", 1, P_CARE, 10, 250 },
	{ "skole", "%s skole", 0, P_SCHOOL, 18, 100 },
	{ "barnehage", "%s barnehage", 0, P_KINDERGARTEN, 22, 60 },
	{ "hjemmetj", "Hjemmetjenesten %s", 1, P_CARE, 8, 200 },
	{ "bofelles", "%s bofellesskap", 1, P_CARE, 7, 180 },
	{ "ungdomsskole", "%s ungdomsskole", 0, P_SCHOOL, 5, 120 },
	{ "eiendom", "Eiendom %s", 2, P_PROPERTY, 3, 150 },
	{ "kultur", "Kultur og fritid %s", 3, P_CULTURE, 4, 40 },
	{ "helsestasjon", "Helsestasjonen %s", 1, P_HEALTH, 3, 40 },
	{ "renhold", "Renhold %s", 2, P_TECHNICAL, 3, 50 },
	{ "barnevern", "Barnevernet %s", 0, P_OFFICE, 2, 40 },
	{ "nav", "NAV %s", 0, P_OFFICE, 2, 30 },
	{ "vann", "Vann og avløp %s", 2, P_TECHNICAL, 2, 60 },
	{ "bydrift", "Bydrift %s", 2, P_TECHNICAL, 2, 60 },
	{ "brann", "Brann og redning %s", 2, P_TECHNICAL, 2, 50 },
	{ "hr", "HR og lønn %s", 3, P_OFFICE, 2, 30 },
	{ "servicetorg", "Servicetorget %s", 3, P_OFFICE, 2, 30 },
	{ "ppt", "PPT %s", 0, P_OFFICE, 1, 20 },
};
#define NKINDS	(sizeof(kinds) / sizeof(kinds[0]))

static const char *const places[] = {
	"Sentrum", "Vestre", "Østbyen", "Nordsiden", "Solsiden", "Furulunden",
	"Bjørkly", "Fjellheim", "Haugen", "Lia", "Moen", "Skogly", "Åsen",
	"Bakken", "Sletta", "Dalen", "Elvebakken", "Granly", "Heimdal",
	"Kirkebyen", "Lunden", "Myra", "Nygård", "Rosenlund", "Sjøsiden",
	"Strand", "Tangen", "Vika", "Bråten", "Eidet", "Fossum", "Hagen",
	"Holmen", "Kleiva", "Lyngstad", "Nesset", "Rønningen", "Sandbakken",
	"Tveita", "Vollen",
};
#define NPLACES	(sizeof(places) / sizeof(places[0]))

static const char *const first_names[] = {
	"Anne", "Ole", "Kari", "Lars", "Ingrid", "Per", "Marit", "Jon", "Hilde",
	"Nils", "Sofie", "Jonas", "Emma", "Ahmed", "Nora", "Sander", "Maria",
	"Thomas", "Ida", "Even", "Linn", "Geir", "Trine", "Espen", "Randi",
	"Knut", "Eli", "Svein", "Mona", "Tone", "Håkon", "Siri", "Rune", "Camilla",
	"Astrid", "Morten", "Heidi", "Vidar", "Kristin", "Anita", "Terje",
	"Wenche", "Stig", "Roar", "Frode", "Bente", "Jørn", "Guri", "Fatima",
	"Mohammed", "Aleksander", "Agnieszka", "Tomasz", "Leila",
};
#define NFIRST	(sizeof(first_names) / sizeof(first_names[0]))
static const char *const last_names[] = {
	"Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen",
	"Nilsen", "Kristiansen", "Jensen", "Karlsen", "Johnsen", "Pettersen",
	"Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen",
	"Jacobsen", "Dahl", "Jørgensen", "Halvorsen", "Henriksen", "Lund",
	"Sørensen", "Jakobsen", "Moen", "Gundersen", "Iversen", "Strand",
	"Solberg", "Svendsen", "Eide", "Knutsen", "Martinsen", "Paulsen",
	"Bakken", "Kristoffersen", "Mathisen", "Lie", "Amundsen", "Nguyen",
	"Rasmussen", "Ali", "Lunde", "Solheim", "Berge", "Moe", "Nygård",
	"Bakke", "Kowalski", "Hassan",
};
#define NLAST	(sizeof(last_names) / sizeof(last_names[0]))

/* What handling says, per category (rows in cat_codes order, then
 * improvement proposals). */
static const char *const causes[NCAT][2] = {
	{ "Uforutsett situasjon, for få voksne til stede.", "Manglende kjennskap til brukerens plan." },
	{ "Slitasje, vedlikehold utsatt.", "Feil ved montering." },
	{ "Rutinen for arbeidet var ikke kjent.", "Mangel på hjelpemidler." },
	{ "Situasjonen eskalerte raskt, lite rom for å trekke seg unna.", "Kjent risiko som ikke var fulgt opp i tiltaksplan." },
	{ "Sykefravær uten vikar.", "Endring i rutine ikke formidlet." },
	{ "Feil mottaker valgt i adresselisten.", "Manglende kontroll før sending." },
	{ "Dobbeltkontroll ikke gjennomført.", "Uklar ansvarsdeling ved vaktskifte." },
	{ "Glatt gulv og dårlig belysning.", "Hjelpemiddel ikke i bruk." },
	{ "Forslag fra ansatte.", "Erfaring fra en annen enhet." },
};
static const char *const consequences[NCAT][2] = {
	{ "Bruker ble skadet eller utrygg.", "Ingen varig skade." },
	{ "Rom stengt i en periode.", "Ekstra kostnad til reparasjon." },
	{ "Ansatt sykmeldt i tre dager.", "Nestenulykke uten skade." },
	{ "Ansatt utrygg på jobb.", "Behov for oppfølging fra bedriftshelsetjenesten." },
	{ "Tjenesten ble ikke gitt som vedtatt.", "Forsinkelse for brukerne." },
	{ "Personopplysninger kom på avveie.", "Risiko for de registrerte vurdert som lav." },
	{ "Pasient observert, ingen følger.", "Legemiddel måtte bestilles på nytt." },
	{ "Bruker fikk blåmerker.", "Bruker ble sendt til legevakten." },
	{ "Bedre arbeidsflyt.", "Tidsbesparelse." },
};
static const char *const summaries[NCAT][2] = {
	{ "Gjennomgått i personalmøtet. Tiltaksplanen for eleven/brukeren er oppdatert.", "Rutinen for tilsyn er presisert for alle ansatte." },
	{ "Utbedret av Eiendom. Sjekklisten for vernerunden er utvidet.", "Utstyret er byttet og kontrollert." },
	{ "Ny opplæring i rutinen er gitt. Verneombudet er orientert.", "Hjelpemidler er kjøpt inn." },
	{ "Samtale med ansatt og bedriftshelsetjenesten. Risikovurderingen er oppdatert.", "Tiltak i handlingsplanen mot vold er fulgt opp." },
	{ "Vikarlisten er utvidet. Fulgt opp i ledermøtet.", "Rutinen er endret og gjort kjent." },
	{ "Melding til Datatilsynet vurdert og dokumentert. Ansatte minnet om kontroll av mottaker.", "Dokumentene er slettet hos feil mottaker." },
	{ "Dobbeltkontroll innført for alle doser. Lege har gjennomgått legemiddellisten.", "Rutinen for mottak av multidose er endret." },
	{ "Fallforebyggende tiltak iverksatt: sklisikre matter og lys om natten.", "Fysioterapeut har vurdert brukeren." },
	{ "Forslaget er tatt inn i rutinen.", "Forslaget er vurdert og lagt til budsjettarbeidet." },
};
static const char *const measure_texts[NCAT] = {
	"Oppdatere tiltaksplanen", "Bestille utbedring", "Gi opplæring i rutinen",
	"Oppdatere risikovurderingen", "Utvide vikarlisten",
	"Minne ansatte om kontroll av mottaker", "Innføre dobbeltkontroll",
	"Gjennomføre fallrisikovurdering", "Vurdere forslaget i ledermøtet",
};

#define RETURN_REASON	"Mangler opplysninger om hvor hendelsen skjedde. Skriv bygg og rom, og send inn på nytt."

#endif
