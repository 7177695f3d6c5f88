/* export.c: arkivstruktur.xml (noark.h). Written with libxml2's
 * xmlTextWriter, which escapes every text and attribute itself; nothing
 * here builds XML by hand. The element order is the schema's: it is a
 * sequence, and in an extension (saksmappe, journalpost) the extension's
 * own elements come after the base's, the nested registreringer included.
 *
 * The values of code lists (saksstatus "Avsluttet", journalstatus
 * "Arkivert", …) are Noark 5's own Norwegian words, read by archive
 * systems, not text for people: they are not translated. */
#include "noark/noark.h"
#include "noark/noark_int.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include "deviation/deviation.h"
#include "org/org.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/date.h"

#define NS_ARKIV	"http://www.arkivverket.no/standarder/noark5/arkivstruktur"
#define NS_LOG		"http://www.arkivverket.no/standarder/noark5/endringslogg"
#define NS_XSI		"http://www.w3.org/2001/XMLSchema-instance"
#define NOARK_PAGE	250
/* One page of 250 deviations with their events and units. */
#define NOARK_PAGE_ARENA	(16u * 1024 * 1024)
/* Who made the extract's own levels (arkiv, arkivdel) and archived the
 * registreringer: the system, not a person. */
#define NOARK_SYSTEM	"Orden"
/* One document's text: a report's fields are bounded (title 200,
 * description and the rest a few KiB each). */
#define NOARK_DOC_MAX		(256u * 1024)

void
noark_uuid(int64_t tenant_uid, const char *kind, int64_t id,
    char out[NOARK_UUID_MAX])
{
	crypto_generichash_state	st;
	unsigned char			h[16];
	char				num[48];
	int				len;

	crypto_generichash_init(&st, NULL, 0, sizeof(h));
	crypto_generichash_update(&st, (const unsigned char *)"orden-noark5",
	    sizeof("orden-noark5"));
	len = snprintf(num, sizeof(num), "%" PRId64 ":", tenant_uid);
	crypto_generichash_update(&st, (const unsigned char *)num, (size_t)len);
	/* The kind with its NUL, so "a" + id 12 and "a1" + id 2 differ. */
	crypto_generichash_update(&st, (const unsigned char *)kind,
	    strlen(kind) + 1);
	len = snprintf(num, sizeof(num), "%" PRId64, id);
	crypto_generichash_update(&st, (const unsigned char *)num, (size_t)len);
	crypto_generichash_final(&st, h, sizeof(h));
	h[6] = (unsigned char)((h[6] & 0x0f) | 0x80);	/* version 8 */
	h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);	/* variant 10 */
	snprintf(out, NOARK_UUID_MAX,
	    "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
	    h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9],
	    h[10], h[11], h[12], h[13], h[14], h[15]);
}

/* --- small writers: each returns 0 or -1 ---------------------------------- */

static int
start_typed(xmlTextWriterPtr w, const char *name, const char *type)
{
	if (nx_start(w, name) != 0 ||
	    xmlTextWriterWriteAttributeNS(w, BAD_CAST "xsi", BAD_CAST "type",
	    NULL, BAD_CAST type) < 0)
		return -1;
	return 0;
}

static int
nonblank(const char *s)
{
	return s != NULL && s[strspn(s, " \t\r\n")] != '\0';
}

/* The skjerming of a deviation with personal data: access restricted by
 * offentleglova § 13 (duty of confidentiality, forvaltningsloven § 13);
 * what is hidden is named by what (the title of the level). */
static int
skjerming(xmlTextWriterPtr w, const char *what)
{
	if (nx_start(w, "skjerming") != 0 ||
	    nx_el(w, "tilgangsrestriksjon", "13") != 0 ||
	    nx_el(w, "skjermingshjemmel", NOARK_SKJERMING_HJEMMEL) != 0 ||
	    nx_el(w, "skjermingMetadata", what) != 0 ||
	    nx_el(w, "skjermingDokument", "Hele dokumentet") != 0 ||
	    nx_end(w) != 0)
		return -1;
	return 0;
}

/* --- one deviation ---------------------------------------------------------- */

/* What a saksmappe needs beyond the list's row: who closed it (the last
 * "closed" event) and the name of the unit that handled it. */
struct closing {
	const char	*by;
	const char	*summary;
	int64_t		 at;
	const char	*unit;
	struct dev_event *ev;	/* the timeline, for the change log */
	size_t		 nev;
};

static int
closing_read(struct ctx *ctx, const struct deviation *d, struct closing *c)
{
	struct dev_event	*ev = NULL;
	struct unit		 u;
	size_t			 n = 0, i;

	c->by = NULL;
	c->summary = d->summary;
	c->at = d->closed_at;
	c->unit = d->unit_name;
	if (deviation_events(ctx, d->id, 0, &ev, &n) != 0)
		return -1;
	c->ev = ev;
	c->nev = n;
	for (i = 0; i < n; i++)
		if (strcmp(ev[i].type, "closed") == 0) {
			c->by = ev[i].actor_name;
			if (ev[i].at > 0)
				c->at = ev[i].at;
		}
	if (c->by == NULL)
		c->by = NOARK_SYSTEM;	/* closed by the system, or imported closed */
	if (d->handler_unit_id > 0 && org_unit_get(ctx, d->handler_unit_id, &u) == 0)
		c->unit = u.name;
	if (c->unit == NULL)
		c->unit = NOARK_SYSTEM;
	return 0;
}

/* Case year and sequence from a number "AV-2026-000123"; an imported
 * number of another shape gives the year it was reported and its id. */
static void
case_number(const struct deviation *d, int64_t *year, int64_t *seq)
{
	const char	*p = d->number != NULL ? strchr(d->number, '-') : NULL;
	long long	 y, s;
	char		 tail;

	*year = date_year(d->reported_at);
	*seq = d->id;
	if (p != NULL && sscanf(p, "-%4lld-%lld%c", &y, &s, &tail) == 2 &&
	    y > 0 && s > 0) {
		*year = y;
		*seq = s;
	}
}

/* --- the documents ------------------------------------------------------------ */

/* The text of a journalpost's document: the report as the reporter gave
 * it, or the closing as the handler wrote it. Plain UTF-8 text, one of
 * Arkivverket's archival formats. Its words are the archive's language
 * (bokmål), whatever the operator's locale, like the code values. */
static void
doc_text(struct buf *b, const struct deviation *d, int closing_post,
    const struct closing *c)
{
	char day[DATE_KEY_MAX];

	if (!closing_post) {
		buf_printf(b, "%s %s\n%s\n\n", d->kind == DEV_IMPROVEMENT ?
		    "Forbedringsforslag" : "Avvik", d->number, d->title);
		if (date_key(d->reported_at, DATE_DAY, day) == 0)
			buf_printf(b, "Meldt: %s av %s\n", day,
			    d->reporter_name != NULL ? d->reporter_name : NOARK_SYSTEM);
		if (d->occurred_at > 0 && date_key(d->occurred_at, DATE_DAY, day) == 0)
			buf_printf(b, "Hendt: %s\n", day);
		if (d->unit_name != NULL)
			buf_printf(b, "Enhet: %s\n", d->unit_name);
		if (d->category_name != NULL)
			buf_printf(b, "Kategori: %s\n", d->category_name);
		if (nonblank(d->place))
			buf_printf(b, "Sted: %s\n", d->place);
		if (nonblank(d->description))
			buf_printf(b, "\nBeskrivelse:\n%s\n", d->description);
		if (nonblank(d->immediate_action))
			buf_printf(b, "\nStrakstiltak:\n%s\n", d->immediate_action);
		return;
	}
	buf_printf(b, "Avslutning av %s\n%s\n\n", d->number, d->title);
	if (date_key(c->at, DATE_DAY, day) == 0)
		buf_printf(b, "Lukket: %s av %s\n", day, c->by);
	buf_printf(b, "Behandlet av: %s\n", c->unit);
	if (nonblank(d->cause))
		buf_printf(b, "\nÅrsak:\n%s\n", d->cause);
	if (nonblank(d->consequence))
		buf_printf(b, "\nKonsekvens:\n%s\n", d->consequence);
	if (nonblank(c->summary))
		buf_printf(b, "\nOppsummering:\n%s\n", c->summary);
}

/* Write the document of one journalpost to dir/DOKUMENT/<its
 * dokumentobjekt's systemID>.txt and describe it: dokumentbeskrivelse
 * with one dokumentobjekt carrying the file's SHA-256 and size. */
static int
dokument(xmlTextWriterPtr w, const char *dir, int64_t tuid,
    const struct deviation *d, int closing_post, const struct closing *c,
    int64_t at, const char *by)
{
	struct buf	 b;
	FILE		*fp = NULL;
	char		 did[NOARK_UUID_MAX], oid[NOARK_UUID_MAX], *path = NULL,
			 hex[crypto_hash_sha256_BYTES * 2 + 1], rel[64];
	unsigned char	 h[crypto_hash_sha256_BYTES];
	int		 rc = -1;

	buf_init(&b, NOARK_DOC_MAX);
	noark_uuid(tuid, closing_post ? "dokument-closing" : "dokument-report",
	    d->id, did);
	noark_uuid(tuid, closing_post ? "dokumentobjekt-closing" :
	    "dokumentobjekt-report", d->id, oid);
	snprintf(rel, sizeof(rel), "DOKUMENT/%s.txt", oid);
	doc_text(&b, d, closing_post, c);
	if (buf_failed(&b) || (path = malloc(strlen(dir) + sizeof(rel) + 2)) == NULL)
		goto out;
	snprintf(path, strlen(dir) + sizeof(rel) + 2, "%s/%s", dir, rel);
	crypto_hash_sha256(h, (const unsigned char *)buf_cstr(&b), b.len);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	if ((fp = fopen(path, "wb")) == NULL ||
	    (b.len > 0 && fwrite(b.data, 1, b.len, fp) != b.len))
		goto out;
	if (fclose(fp) != 0) {
		fp = NULL;
		goto out;
	}
	fp = NULL;
	if (nx_start(w, "dokumentbeskrivelse") != 0 ||
	    nx_el(w, "systemID", did) != 0 ||
	    nx_el(w, "dokumenttype", closing_post ? "Avslutning" :
	    d->kind == DEV_IMPROVEMENT ? "Forbedringsforslag" : "Avviksmelding") != 0 ||
	    nx_el(w, "dokumentstatus", "Dokumentet er ferdigstilt") != 0 ||
	    nx_el(w, "tittel", closing_post ? "Avslutning" : d->title) != 0 ||
	    nx_time(w, "opprettetDato", at) != 0 || nx_el(w, "opprettetAv", by) != 0 ||
	    nx_el(w, "tilknyttetRegistreringSom", "Hoveddokument") != 0 ||
	    nx_int(w, "dokumentnummer", 1) != 0 ||
	    nx_time(w, "tilknyttetDato", at) != 0 ||
	    nx_el(w, "tilknyttetAv", NOARK_SYSTEM) != 0)
		goto out;
	if (d->personal_data && skjerming(w, "Tittel dokument") != 0)
		goto out;
	if (nx_start(w, "dokumentobjekt") != 0 ||
	    nx_el(w, "systemID", oid) != 0 ||
	    nx_int(w, "versjonsnummer", 1) != 0 ||
	    nx_el(w, "variantformat", "Arkivformat") != 0 ||
	    nx_el(w, "format", "x-fmt/111") != 0 ||	/* PRONOM: plain text */
	    nx_el(w, "formatDetaljer", "UTF-8") != 0 ||
	    nx_time(w, "opprettetDato", at) != 0 || nx_el(w, "opprettetAv", by) != 0 ||
	    nx_el(w, "referanseDokumentfil", rel) != 0 ||
	    nx_el(w, "sjekksum", hex) != 0 ||
	    nx_el(w, "sjekksumAlgoritme", "SHA256") != 0 ||
	    nx_int(w, "filstoerrelse", (int64_t)b.len) != 0 ||
	    nx_end(w) != 0 || nx_end(w) != 0)
		goto out;
	rc = 0;
out:
	if (fp != NULL)
		fclose(fp);
	free(path);
	buf_free(&b);
	return rc;
}

static int
journalpost(xmlTextWriterPtr w, const char *dir, int64_t tuid,
    const struct deviation *d, int closing_post, const struct closing *c,
    int64_t now)
{
	char		 id[NOARK_UUID_MAX];
	int64_t		 at = closing_post ? c->at : d->reported_at;
	const char	*by = closing_post ? c->by :
	    (d->reporter_name != NULL ? d->reporter_name : NOARK_SYSTEM);

	noark_uuid(tuid, closing_post ? "journalpost-closing" :
	    "journalpost-report", d->id, id);
	if (start_typed(w, "registrering", "journalpost") != 0 ||
	    nx_el(w, "systemID", id) != 0 || nx_time(w, "opprettetDato", at) != 0 ||
	    nx_el(w, "opprettetAv", by) != 0 || nx_time(w, "arkivertDato", now) != 0 ||
	    nx_el(w, "arkivertAv", NOARK_SYSTEM) != 0)
		return -1;
	if (d->personal_data && skjerming(w, "Tittel registrering") != 0)
		return -1;
	if (dokument(w, dir, tuid, d, closing_post, c, at, by) != 0)
		return -1;
	if (closing_post) {
		if (xmlTextWriterStartElement(w, BAD_CAST "tittel") < 0 ||
		    xmlTextWriterWriteFormatString(w, "Avslutning: %s", d->title) < 0 ||
		    nx_end(w) != 0)
			return -1;
		if (nonblank(c->summary) && nx_el(w, "beskrivelse", c->summary) != 0)
			return -1;
	} else {
		if (nx_el(w, "tittel", d->title) != 0 ||
		    (nonblank(d->description) &&
		    nx_el(w, "beskrivelse", d->description) != 0))
			return -1;
	}
	/* The journal's sequence: Orden keeps no journal of its own, so each
	 * deviation's two posts take 2·id − 1 and 2·id, unique in the
	 * municipality; journalpostnummer counts within the case. */
	if (nx_int(w, "journalaar", date_year(at)) != 0 ||
	    nx_int(w, "journalsekvensnummer", 2 * d->id - (closing_post ? 0 : 1)) != 0 ||
	    nx_int(w, "journalpostnummer", closing_post ? 2 : 1) != 0 ||
	    nx_el(w, "journalposttype", closing_post ?
	    "Organinternt dokument uten oppfølging" :
	    "Organinternt dokument for oppfølging") != 0 ||
	    nx_el(w, "journalstatus", "Arkivert") != 0 ||
	    nx_day(w, "journaldato", at) != 0 ||
	    nx_end(w) != 0)
		return -1;
	return 0;
}

/* The changes of a saksmappe's metadata into the change log (endringslogg):
 * each transfer to another unit changed its administrativEnhet. Orden's
 * other events change no metadata this extract carries. */
static int
changes(struct ctx *ctx, xmlTextWriterPtr lw, const char *mappe,
    const struct closing *c, int64_t *count)
{
	struct unit	 u;
	const char	*name[2];
	long long	 id[2];
	size_t		 i;
	int		 k;

	for (i = 0; i < c->nev; i++) {
		if (strcmp(c->ev[i].type, "transferred") != 0 ||
		    c->ev[i].detail == NULL ||
		    sscanf(c->ev[i].detail, "from=%lld to=%lld", &id[0], &id[1]) != 2)
			continue;
		for (k = 0; k < 2; k++) {
			name[k] = NULL;
			if (org_unit_get(ctx, id[k], &u) == 0)
				name[k] = u.name;
			if (name[k] == NULL)
				name[k] = arena_printf(ctx->arena, "%lld", id[k]);
			if (name[k] == NULL)
				return -1;
		}
		if (nx_start(lw, "endring") != 0 ||
		    nx_el(lw, "referanseArkivenhet", mappe) != 0 ||
		    nx_el(lw, "referanseMetadata", "administrativEnhet") != 0 ||
		    nx_time(lw, "endretDato", c->ev[i].at) != 0 ||
		    nx_el(lw, "endretAv", c->ev[i].actor_name != NULL ?
		    c->ev[i].actor_name : NOARK_SYSTEM) != 0 ||
		    nx_el(lw, "tidligereVerdi", name[0]) != 0 ||
		    nx_el(lw, "nyVerdi", name[1]) != 0 ||
		    nx_end(lw) != 0)
			return -1;
		(*count)++;
	}
	return 0;
}

/* What the public sees of a skjermet case: its kind and number. */
static const char *
public_title(struct ctx *ctx, const struct deviation *d)
{
	return arena_printf(ctx->arena, "%s %s", d->kind == DEV_IMPROVEMENT ?
	    "Forbedringsforslag" : "Avvik", d->number);
}

/* The case's two journalposter into both journals (journal.c), with the
 * same systemIDs, numbers and days as in arkivstruktur.xml. */
static int
journal_posts(struct ctx *ctx, struct noark_journal *j,
    const struct deviation *d, const struct closing *c, int64_t year,
    int64_t seq)
{
	struct noark_jpost	p;
	char			id[NOARK_UUID_MAX];
	int			k;

	memset(&p, 0, sizeof(p));
	p.mappe_id = d->number;
	p.saksaar = year;
	p.sakssekvensnummer = seq;
	p.case_title = d->title;
	p.unit = c->unit;
	p.responsible = c->by;
	p.skjermet = d->personal_data;
	p.system_id = id;
	if ((p.public_case_title = public_title(ctx, d)) == NULL)
		return -1;
	for (k = 0; k < 2; k++) {
		noark_uuid(ctx->tenant_uid, k ? "journalpost-closing" :
		    "journalpost-report", d->id, id);
		p.journaldato = k ? c->at : d->reported_at;
		p.journalaar = date_year(p.journaldato);
		p.sekvensnummer = 2 * d->id - (k ? 0 : 1);
		p.postnummer = k ? 2 : 1;
		/* The running journal names who reported; the public one
		 * only the unit it came from. */
		p.sender = k ? c->by : d->reporter_name != NULL ?
		    d->reporter_name : d->unit_name != NULL ? d->unit_name :
		    NOARK_SYSTEM;
		p.public_sender = k ? c->by : d->unit_name != NULL ?
		    d->unit_name : NOARK_SYSTEM;
		p.title = k ? arena_printf(ctx->arena, "Avslutning: %s",
		    d->title) : d->title;
		p.public_title = k ? arena_printf(ctx->arena, "Avslutning: %s",
		    p.public_case_title) : p.public_case_title;
		if (p.title == NULL || p.public_title == NULL ||
		    noark_journal_post(j, &p) != 0)
			return -1;
	}
	return 0;
}

static int
saksmappe(struct ctx *ctx, xmlTextWriterPtr w, xmlTextWriterPtr lw,
    struct noark_journal *j, const char *dir, const struct deviation *d,
    int64_t now, int64_t *nchanges)
{
	struct closing	c;
	char		id[NOARK_UUID_MAX];
	int64_t		year, seq;

	if (closing_read(ctx, d, &c) != 0)
		return -1;
	case_number(d, &year, &seq);
	noark_uuid(ctx->tenant_uid, "saksmappe", d->id, id);
	if (changes(ctx, lw, id, &c, nchanges) != 0)
		return -1;
	if (start_typed(w, "mappe", "saksmappe") != 0 ||
	    nx_el(w, "systemID", id) != 0 ||
	    nx_el(w, "mappeID", d->number) != 0 ||
	    nx_el(w, "tittel", d->title) != 0)
		return -1;
	/* What the public journal may show of a skjermet case. */
	if (d->personal_data &&
	    nx_el(w, "offentligTittel", public_title(ctx, d)) != 0)
		return -1;
	if (nx_time(w, "opprettetDato", d->reported_at) != 0 ||
	    nx_el(w, "opprettetAv", d->reporter_name != NULL ? d->reporter_name :
	    NOARK_SYSTEM) != 0 ||
	    nx_time(w, "avsluttetDato", c.at) != 0 ||
	    nx_el(w, "avsluttetAv", c.by) != 0)
		return -1;
	if (d->personal_data && skjerming(w, "Tittel mappe") != 0)
		return -1;
	if (journalpost(w, dir, ctx->tenant_uid, d, 0, &c, now) != 0 ||
	    journalpost(w, dir, ctx->tenant_uid, d, 1, &c, now) != 0)
		return -1;
	if (nx_int(w, "saksaar", year) != 0 ||
	    nx_int(w, "sakssekvensnummer", seq) != 0 ||
	    nx_day(w, "saksdato", d->reported_at) != 0 ||
	    nx_el(w, "administrativEnhet", c.unit) != 0 ||
	    nx_el(w, "saksansvarlig", c.by) != 0 ||
	    nx_el(w, "saksstatus", "Avsluttet") != 0 ||
	    nx_end(w) != 0)
		return -1;
	return journal_posts(ctx, j, d, &c, year, seq);
}

/* --- the file --------------------------------------------------------------- */

static int
head(xmlTextWriterPtr w, int64_t tuid, const char *name, int64_t from,
    int64_t to, int64_t now)
{
	char id[NOARK_UUID_MAX];

	if (xmlTextWriterSetIndent(w, 1) < 0 ||
	    xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElementNS(w, NULL, BAD_CAST "arkiv",
	    BAD_CAST NS_ARKIV) < 0 ||
	    xmlTextWriterWriteAttributeNS(w, BAD_CAST "xmlns", BAD_CAST "xsi",
	    NULL, BAD_CAST NS_XSI) < 0 ||
	    xmlTextWriterWriteAttributeNS(w, BAD_CAST "xsi",
	    BAD_CAST "schemaLocation", NULL,
	    BAD_CAST NS_ARKIV " arkivstruktur.xsd") < 0)
		return -1;
	noark_uuid(tuid, "arkiv", 0, id);
	/* The arkiv and the arkivdel are made by this extract and closed
	 * with it: their dates are its time, their author the system. */
	if (nx_el(w, "systemID", id) != 0 ||
	    xmlTextWriterStartElement(w, BAD_CAST "tittel") < 0 ||
	    xmlTextWriterWriteFormatString(w, "Avvik og forbedringsforslag i %s", name) < 0 ||
	    nx_end(w) != 0 ||
	    nx_el(w, "arkivstatus", "Avsluttet") != 0 ||
	    nx_el(w, "dokumentmedium", "Elektronisk arkiv") != 0 ||
	    nx_time(w, "opprettetDato", now) != 0 ||
	    nx_el(w, "opprettetAv", NOARK_SYSTEM) != 0 ||
	    nx_time(w, "avsluttetDato", now) != 0 ||
	    nx_el(w, "avsluttetAv", NOARK_SYSTEM) != 0 ||
	    nx_start(w, "arkivskaper") != 0 ||
	    nx_int(w, "arkivskaperID", tuid) != 0 ||
	    nx_el(w, "arkivskaperNavn", name) != 0 ||
	    nx_end(w) != 0)
		return -1;
	noark_uuid(tuid, "arkivdel", 0, id);
	if (nx_start(w, "arkivdel") != 0 ||
	    nx_el(w, "systemID", id) != 0 ||
	    nx_el(w, "tittel", "Avsluttede avvikssaker") != 0 ||
	    nx_el(w, "arkivdelstatus", "Avsluttet periode") != 0 ||
	    nx_el(w, "dokumentmedium", "Elektronisk arkiv") != 0 ||
	    nx_time(w, "opprettetDato", now) != 0 ||
	    nx_el(w, "opprettetAv", NOARK_SYSTEM) != 0 ||
	    nx_time(w, "avsluttetDato", now) != 0 ||
	    nx_el(w, "avsluttetAv", NOARK_SYSTEM) != 0)
		return -1;
	/* The period's last day is the one before `to` (an open end). */
	if (from > 0 && nx_day(w, "arkivperiodeStartDato", from) != 0)
		return -1;
	if (to > 0 && nx_day(w, "arkivperiodeSluttDato", to - 1) != 0)
		return -1;
	return 0;
}

int
noark_export(struct ctx *ctx, const char *tenant_name, const char *dir,
    int64_t from, int64_t to, struct noark_result *res)
{
	struct arena		*keep = ctx->arena, *page = NULL;
	struct deviation	*v;
	struct dev_filter	 f;
	struct noark_journal	 j;
	xmlTextWriterPtr	 w = NULL, lw = NULL;
	char			*path = NULL, *logpath = NULL, after[DEV_CURSOR_MAX] = "",
				 next[DEV_CURSOR_MAX];
	size_t			 n, i;
	int			 rc = -1;

	memset(res, 0, sizeof(*res));
	memset(&j, 0, sizeof(j));
	if (ctx->tenant_uid <= 0 && tenant_uid(ctx) <= 0)
		goto out;
	if (noark_journal_open(&j, dir) != 0)
		goto out;
	if ((path = arena_printf(keep, "%s/DOKUMENT", dir)) == NULL ||
	    (mkdir(path, 0700) != 0 && errno != EEXIST))
		goto out;
	if ((path = arena_printf(keep, "%s/arkivstruktur.xml", dir)) == NULL)
		goto out;
	if ((w = xmlNewTextWriterFilename(path, 0)) == NULL)
		goto out;
	if (head(w, ctx->tenant_uid, tenant_name, from, to, ctx->now) != 0)
		goto out;
	if ((logpath = arena_printf(keep, "%s/endringslogg.xml", dir)) == NULL ||
	    (lw = xmlNewTextWriterFilename(logpath, 0)) == NULL ||
	    xmlTextWriterSetIndent(lw, 1) < 0 ||
	    xmlTextWriterStartDocument(lw, "1.0", "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElementNS(lw, NULL, BAD_CAST "endringslogg",
	    BAD_CAST NS_LOG) < 0)
		goto out;

	memset(&f, 0, sizeof(f));
	f.scope = DEV_SCOPE_ALL;
	f.status = "closed";
	f.kind = -1;
	f.limit = NOARK_PAGE;
	do {
		if ((page = arena_new(NOARK_PAGE_ARENA)) == NULL)
			goto out;
		ctx->arena = page;
		f.after = after[0] != '\0' ? after : NULL;
		if (deviation_list_page(ctx, &f, &v, &n, NULL, next) != 0)
			goto out;
		for (i = 0; i < n; i++) {
			/* The period is when the case was closed; the list
			 * can only bound when it was reported. */
			if ((from > 0 && v[i].closed_at < from) ||
			    (to > 0 && v[i].closed_at >= to))
				continue;
			if (saksmappe(ctx, w, lw, &j, dir, &v[i], ctx->now,
			    &res->endringer) != 0)
				goto out;
			res->mapper++;
			if (v[i].personal_data)
				res->skjermet++;
		}
		memcpy(after, next, sizeof(after));
		ctx->arena = keep;
		arena_free(page);
		page = NULL;
	} while (after[0] != '\0');

	if (xmlTextWriterEndDocument(w) < 0 ||	/* closes arkivdel and arkiv */
	    xmlTextWriterEndDocument(lw) < 0)
		goto out;
	rc = 0;
out:
	ctx->arena = keep;
	if (page != NULL)
		arena_free(page);
	if (w != NULL)
		xmlFreeTextWriter(w);	/* flushes and closes the file */
	if (lw != NULL)
		xmlFreeTextWriter(lw);
	/* The schema wants at least one endring: with none there is no
	 * change log (noark.h). */
	if (logpath != NULL && (rc != 0 || res->endringer == 0))
		unlink(logpath);
	if (noark_journal_end(&j, dir, rc == 0, ctx->tenant_uid, tenant_name,
	    from, to) != 0)
		rc = -1;
	res->journalposter = j.posts;
	return rc;
}
