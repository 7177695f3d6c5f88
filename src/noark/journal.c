/* journal.c: loependeJournal.xml and offentligJournal.xml (noark.h), the
 * running and the public journal of the extract's journalposter, as
 * Arkivverket's loependeJournal.xsd and offentligJournal.xsd describe them.
 *
 * Both files begin with a journalhode that counts the journalposter and
 * gives their first and last day, which are known only when every case
 * has been written. So each journal's registreringer are streamed as they
 * come into a part file beside it (DIR/.NAME.part), and noark_journal_end
 * writes the head and then copies the part in, 64 KiB at a time: memory
 * stays at one page of cases, as for arkivstruktur.xml.
 *
 * The public journal shows what offentleglova lets anyone see: no title of
 * a skjermet case or post (its offentligTittel names only the number), the
 * access restriction and its legal basis, and as the report's sender the
 * unit it came from, never the employee who reported. */
#include "noark/noark.h"
#include "noark/noark_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlwriter.h>

#include "util/date.h"

#define NS_LJ	"http://www.arkivverket.no/standarder/noark5/loependeJournal"
#define NS_OJ	"http://www.arkivverket.no/standarder/noark5/offentligJournal"
#define NS_XSI	"http://www.w3.org/2001/XMLSchema-instance"
#define SKJERMING_KODE	"13"

enum { J_RUNNING, J_PUBLIC, J_N };

static const char *const j_name[J_N] = { "loependeJournal", "offentligJournal" };
static const char *const j_ns[J_N] = { NS_LJ, NS_OJ };

/* DIR/NAME.xml or DIR/.NAME.xml.part; malloc'd, the caller frees. */
static char *
j_path(const char *dir, int which, int part)
{
	size_t	 len = strlen(dir) + strlen(j_name[which]) + sizeof("/..xml.part");
	char	*p;

	if ((p = malloc(len)) != NULL)
		snprintf(p, len, part ? "%s/.%s.xml.part" : "%s/%s.xml", dir,
		    j_name[which]);
	return p;
}

int
noark_journal_open(struct noark_journal *j, const char *dir)
{
	char	*path = NULL;
	int	 i, rc = -1;

	memset(j, 0, sizeof(*j));
	for (i = 0; i < J_N; i++) {
		if ((path = j_path(dir, i, 1)) == NULL ||
		    (j->part[i] = xmlNewTextWriterFilename(path, 0)) == NULL ||
		    xmlTextWriterSetIndent(j->part[i], 1) < 0)
			goto out;
		free(path);
		path = NULL;
	}
	rc = 0;
out:
	free(path);
	return rc;
}

/* A skjermet case or post: the restriction and its legal basis. */
static int
restricted(xmlTextWriterPtr w, const struct noark_jpost *p)
{
	if (!p->skjermet)
		return 0;
	if (nx_el(w, "tilgangsrestriksjon", SKJERMING_KODE) != 0 ||
	    nx_el(w, "skjermingshjemmel", NOARK_SKJERMING_HJEMMEL) != 0)
		return -1;
	return 0;
}

/* The post's one korrespondansepart, and the post's end. */
static int
sender_end(xmlTextWriterPtr w, const char *name)
{
	if (nx_start(w, "korrespondansepart") != 0 ||
	    nx_el(w, "korrespondanseparttype", "Intern avsender") != 0 ||
	    nx_el(w, "korrespondansepartNavn", name) != 0 ||
	    nx_end(w) != 0 || nx_end(w) != 0)
		return -1;
	return 0;
}

/* The saksmappe of a journalregistrering, in the running journal. */
static int
running_case(xmlTextWriterPtr w, const struct noark_jpost *p)
{
	if (nx_start(w, "saksmappe") != 0 ||
	    nx_el(w, "mappeID", p->mappe_id) != 0 ||
	    nx_int(w, "saksaar", p->saksaar) != 0 ||
	    nx_int(w, "sakssekvensnummer", p->sakssekvensnummer) != 0 ||
	    nx_el(w, "tittel", p->case_title) != 0)
		return -1;
	if (p->skjermet && (nx_el(w, "offentligTittel", p->public_case_title) != 0 ||
	    nx_el(w, "skjermingMetadata", "Tittel mappe") != 0))
		return -1;
	if (nx_el(w, "administrativEnhet", p->unit) != 0 ||
	    nx_el(w, "saksansvarlig", p->responsible) != 0 ||
	    nx_end(w) != 0)
		return -1;
	return 0;
}

static int
running_post(xmlTextWriterPtr w, const struct noark_jpost *p)
{
	if (nx_start(w, "journalpost") != 0 ||
	    nx_el(w, "systemID", p->system_id) != 0 ||
	    nx_int(w, "journalaar", p->journalaar) != 0 ||
	    nx_int(w, "journalsekvensnummer", p->sekvensnummer) != 0 ||
	    nx_int(w, "journalpostnummer", p->postnummer) != 0 ||
	    nx_el(w, "tittel", p->title) != 0)
		return -1;
	if (p->skjermet && (nx_el(w, "offentligTittel", p->public_title) != 0 ||
	    nx_el(w, "skjermingMetadata", "Tittel registrering") != 0))
		return -1;
	if (nx_day(w, "journaldato", p->journaldato) != 0 ||
	    nx_day(w, "dokumentetsDato", p->journaldato) != 0 ||
	    nx_int(w, "antallVedlegg", 0) != 0 ||
	    nx_el(w, "administrativEnhet", p->unit) != 0 ||
	    nx_el(w, "saksbehandler", p->responsible) != 0 ||
	    restricted(w, p) != 0)
		return -1;
	return sender_end(w, p->sender);
}

/* The public journal: only what offentleglova lets anyone see. */
static int
public_case(xmlTextWriterPtr w, const struct noark_jpost *p)
{
	if (nx_start(w, "saksmappe") != 0 ||
	    nx_el(w, "mappeID", p->mappe_id) != 0 ||
	    nx_int(w, "saksaar", p->saksaar) != 0 ||
	    nx_int(w, "sakssekvensnummer", p->sakssekvensnummer) != 0 ||
	    nx_el(w, "offentligTittel", p->skjermet ? p->public_case_title :
	    p->case_title) != 0 ||
	    nx_el(w, "administrativEnhet", p->unit) != 0 ||
	    nx_el(w, "saksansvarlig", p->responsible) != 0 ||
	    restricted(w, p) != 0)
		return -1;
	return nx_end(w);
}

static int
public_post(xmlTextWriterPtr w, const struct noark_jpost *p)
{
	if (nx_start(w, "journalpost") != 0 ||
	    nx_el(w, "systemID", p->system_id) != 0 ||
	    nx_int(w, "journalaar", p->journalaar) != 0 ||
	    nx_int(w, "journalsekvensnummer", p->sekvensnummer) != 0 ||
	    nx_int(w, "journalpostnummer", p->postnummer) != 0 ||
	    nx_el(w, "offentligTittel", p->skjermet ? p->public_title :
	    p->title) != 0)
		return -1;
	if (p->skjermet && nx_el(w, "skjermingMetadata", "Tittel registrering") != 0)
		return -1;
	if (nx_day(w, "journaldato", p->journaldato) != 0 ||
	    nx_day(w, "dokumentetsDato", p->journaldato) != 0 ||
	    nx_el(w, "administrativEnhet", p->unit) != 0 ||
	    nx_el(w, "saksbehandler", p->responsible) != 0 ||
	    restricted(w, p) != 0)
		return -1;
	return sender_end(w, p->public_sender);
}

int
noark_journal_post(struct noark_journal *j, const struct noark_jpost *p)
{
	xmlTextWriterPtr r = j->part[J_RUNNING], o = j->part[J_PUBLIC];

	if (nx_start(r, "journalregistrering") != 0 ||
	    running_case(r, p) != 0 || running_post(r, p) != 0 ||
	    nx_end(r) != 0 ||
	    nx_start(o, "journalregistrering") != 0 ||
	    public_case(o, p) != 0 || public_post(o, p) != 0 ||
	    nx_end(o) != 0)
		return -1;
	if (j->posts == 0 || p->journaldato < j->first)
		j->first = p->journaldato;
	if (j->posts == 0 || p->journaldato > j->last)
		j->last = p->journaldato;
	j->posts++;
	return 0;
}

/* The journal's head, then its part copied in. */
static int
j_write(const struct noark_journal *j, const char *dir, int which,
    int64_t tuid, const char *tenant_name, const char *seleksjon)
{
	xmlTextWriterPtr	 w = NULL;
	FILE			*fp = NULL;
	char			*path = NULL, *part = NULL, *chunk = NULL;
	size_t			 n;
	int			 rc = -1;

	if ((path = j_path(dir, which, 0)) == NULL ||
	    (part = j_path(dir, which, 1)) == NULL ||
	    (chunk = malloc(65536)) == NULL ||
	    (fp = fopen(part, "rb")) == NULL ||
	    (w = xmlNewTextWriterFilename(path, 0)) == NULL)
		goto out;
	if (xmlTextWriterSetIndent(w, 1) < 0 ||
	    xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElementNS(w, NULL, BAD_CAST j_name[which],
	    BAD_CAST j_ns[which]) < 0 ||
	    xmlTextWriterWriteAttributeNS(w, BAD_CAST "xmlns", BAD_CAST "xsi",
	    NULL, BAD_CAST NS_XSI) < 0 ||
	    xmlTextWriterWriteFormatAttributeNS(w, BAD_CAST "xsi",
	    BAD_CAST "schemaLocation", NULL, "%s %s.xsd", j_ns[which],
	    j_name[which]) < 0 ||
	    nx_start(w, "journalhode") != 0 ||
	    nx_day(w, "journalStartDato", j->first) != 0 ||
	    nx_day(w, "journalSluttDato", j->last) != 0 ||
	    nx_el(w, "seleksjon", seleksjon) != 0 ||
	    nx_int(w, "antallJournalposter", j->posts) != 0 ||
	    nx_start(w, "arkivskaper") != 0 ||
	    nx_int(w, "arkivskaperID", tuid) != 0 ||
	    nx_el(w, "arkivskaperNavn", tenant_name) != 0 ||
	    nx_end(w) != 0 || nx_end(w) != 0)
		goto out;
	while ((n = fread(chunk, 1, 65536, fp)) > 0)
		if (xmlTextWriterWriteRawLen(w, BAD_CAST chunk, (int)n) < 0)
			goto out;
	if (ferror(fp) || xmlTextWriterEndDocument(w) < 0)
		goto out;
	rc = 0;
out:
	if (w != NULL)
		xmlFreeTextWriter(w);	/* flushes and closes the file */
	if (fp != NULL)
		fclose(fp);
	if (rc != 0 && path != NULL)
		unlink(path);
	free(chunk);
	free(part);
	free(path);
	return rc;
}

int
noark_journal_end(struct noark_journal *j, const char *dir, int ok,
    int64_t tuid, const char *tenant_name, int64_t from, int64_t to)
{
	char	 sel[160], a[DATE_KEY_MAX], b[DATE_KEY_MAX], *part;
	int	 i, rc = ok ? 0 : -1;

	for (i = 0; i < J_N; i++) {
		if (j->part[i] != NULL && xmlTextWriterFlush(j->part[i]) < 0)
			rc = -1;
		if (j->part[i] != NULL)
			xmlFreeTextWriter(j->part[i]);
		j->part[i] = NULL;
	}
	/* What was selected, in the journal's words: the posts of the cases
	 * closed in the period, whenever each post was dated. */
	if (from > 0 && to > 0 && date_key(from, DATE_DAY, a) == 0 &&
	    date_key(to - 1, DATE_DAY, b) == 0)
		snprintf(sel, sizeof(sel), "Journalposter i saker avsluttet "
		    "%s–%s", a, b);
	else if (from > 0 && date_key(from, DATE_DAY, a) == 0)
		snprintf(sel, sizeof(sel), "Journalposter i saker avsluttet "
		    "fra og med %s", a);
	else if (to > 0 && date_key(to - 1, DATE_DAY, b) == 0)
		snprintf(sel, sizeof(sel), "Journalposter i saker avsluttet "
		    "til og med %s", b);
	else
		snprintf(sel, sizeof(sel), "Journalposter i alle avsluttede saker");
	/* The schemas want at least one journalregistrering: an extract
	 * without any has no journals (noark.h). */
	for (i = 0; i < J_N; i++)
		if (rc == 0 && j->posts > 0 &&
		    j_write(j, dir, i, tuid, tenant_name, sel) != 0)
			rc = -1;
	for (i = 0; i < J_N; i++)
		if ((part = j_path(dir, i, 1)) != NULL) {
			unlink(part);
			free(part);
		}
	if (rc != 0 || j->posts == 0)
		for (i = 0; i < J_N; i++)
			if ((part = j_path(dir, i, 0)) != NULL) {
				unlink(part);
				free(part);
			}
	return rc;
}
