/* addml.c: arkivuttrekk.xml, the ADDML 8.3 description of the extract
 * (noark.h): who made it, from which system, the period, and each XML file
 * with its SHA-256 and how many saksmapper, journalposter and documents it
 * holds, and endringslogg.xml likewise when there is one, so the archive
 * can check what it received. Written with libxml2's
 * xmlTextWriter like arkivstruktur.xml; the names are those of
 * Arkivverket's Noark 5 extracts. */
#include "noark/noark.h"
#include "noark/noark_int.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>
#include <sodium.h>

#include "util/date.h"

#define NS_ADDML	"http://www.arkivverket.no/standarder/addml"

/* The SHA-256 of the file at path, in hex, read 64 KiB at a time. 0 or -1. */
static int
file_sha256(const char *path, char hex[crypto_hash_sha256_BYTES * 2 + 1])
{
	crypto_hash_sha256_state	 st;
	unsigned char			 h[crypto_hash_sha256_BYTES], *chunk;
	FILE				*fp;
	size_t				 n;
	int				 rc = -1;

	if ((chunk = malloc(65536)) == NULL)
		return -1;
	if ((fp = fopen(path, "rb")) == NULL)
		goto out;
	crypto_hash_sha256_init(&st);
	while ((n = fread(chunk, 1, 65536, fp)) > 0)
		crypto_hash_sha256_update(&st, chunk, n);
	if (ferror(fp))
		goto out;
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(hex, crypto_hash_sha256_BYTES * 2 + 1, h, sizeof(h));
	rc = 0;
out:
	if (fp != NULL)
		fclose(fp);
	free(chunk);
	return rc;
}

/* <el name="name">: ADDML names its elements by attribute. */
static int
start(xmlTextWriterPtr w, const char *el, const char *name)
{
	if (nx_start(w, el) != 0)
		return -1;
	if (name != NULL && xmlTextWriterWriteAttribute(w, BAD_CAST "name",
	    BAD_CAST name) < 0)
		return -1;
	return 0;
}

/* <el name="name"><value>value</value></el> */
static int
named_value(xmlTextWriterPtr w, const char *el, const char *name,
    const char *value)
{
	if (start(w, el, name) != 0 ||
	    nx_el(w, "value", value) != 0 ||
	    nx_end(w) != 0)
		return -1;
	return 0;
}

/* <property name="numberOfOccurrences"><value>what</value><properties>
 * <property name="value"><value>n</value></property></properties></property> */
static int
occurrences(xmlTextWriterPtr w, const char *what, int64_t n)
{
	char s[24];

	snprintf(s, sizeof(s), "%" PRId64, n);
	if (start(w, "property", "numberOfOccurrences") != 0 ||
	    nx_el(w, "value", what) != 0 ||
	    start(w, "properties", NULL) != 0 ||
	    named_value(w, "property", "value", s) != 0 ||
	    nx_end(w) != 0 || nx_end(w) != 0)
		return -1;
	return 0;
}

static int
period(xmlTextWriterPtr w, int64_t from, int64_t to)
{
	char s[DATE_KEY_MAX];

	if (from <= 0 && to <= 0)
		return 0;
	if (start(w, "additionalElement", "archivalPeriod") != 0 ||
	    start(w, "properties", NULL) != 0)
		return -1;
	if (from > 0 && (date_key(from, DATE_DAY, s) != 0 ||
	    named_value(w, "property", "startDate", s) != 0))
		return -1;
	if (to > 0 && (date_key(to - 1, DATE_DAY, s) != 0 ||
	    named_value(w, "property", "endDate", s) != 0))
		return -1;
	return nx_end(w) != 0 || nx_end(w) != 0 ? -1 : 0;
}

/* <property name="file">: a file of the extract by name, with its format
 * and its SHA-256. 0 or -1. */
static int
file_prop(xmlTextWriterPtr w, const char *dir, const char *file,
    const char *format)
{
	char	*path, hex[crypto_hash_sha256_BYTES * 2 + 1];
	size_t	 len = strlen(dir) + strlen(file) + 2;
	int	 rc = -1;

	if ((path = malloc(len)) == NULL)
		return -1;
	snprintf(path, len, "%s/%s", dir, file);
	if (file_sha256(path, hex) != 0 ||
	    start(w, "property", "file") != 0 ||
	    start(w, "properties", NULL) != 0 ||
	    named_value(w, "property", "name", file) != 0 ||
	    named_value(w, "property", "format", format) != 0 ||
	    start(w, "property", "checksum") != 0 ||
	    start(w, "properties", NULL) != 0 ||
	    named_value(w, "property", "algorithm", "SHA256") != 0 ||
	    named_value(w, "property", "value", hex) != 0 ||
	    nx_end(w) != 0 || nx_end(w) != 0 ||		/* checksum */
	    nx_end(w) != 0 || nx_end(w) != 0)		/* file */
		goto out;
	rc = 0;
out:
	free(path);
	return rc;
}

/* One XML file of the extract as a dataObject: DIR/NAME.xml with its
 * SHA-256, the schemas it is written to (in the extract too, with theirs)
 * and how many of what it holds. 0 or -1. */
static int
data_file(xmlTextWriterPtr w, const char *dir, const char *name,
    const char *const *xsd, const char *const *what, const int64_t *count)
{
	char	file[64];
	size_t	i;

	snprintf(file, sizeof(file), "%s.xml", name);
	if (start(w, "dataObject", name) != 0 ||
	    start(w, "properties", NULL) != 0 ||
	    file_prop(w, dir, file, "XML") != 0)
		return -1;
	for (i = 0; xsd[i] != NULL; i++)
		if (start(w, "property", "schema") != 0 ||
		    start(w, "properties", NULL) != 0 ||
		    file_prop(w, dir, xsd[i], "XSD") != 0 ||
		    named_value(w, "property", "type", "XSD") != 0 ||
		    named_value(w, "property", "version", "5.0") != 0 ||
		    nx_end(w) != 0 || nx_end(w) != 0)
			return -1;
	if (start(w, "property", "info") != 0 ||
	    start(w, "properties", NULL) != 0)
		return -1;
	for (i = 0; what[i] != NULL; i++)
		if (occurrences(w, what[i], count[i]) != 0)
			return -1;
	if (nx_end(w) != 0 || nx_end(w) != 0 ||		/* info */
	    nx_end(w) != 0 || nx_end(w) != 0)		/* the dataObject */
		return -1;
	return 0;
}

int
noark_addml(const char *dir, const char *tenant_name, int64_t from,
    int64_t to, const struct noark_result *res)
{
	static const char *const arkiv_xsd[] = { "arkivstruktur.xsd",
				    "metadatakatalog.xsd", NULL },
				*const log_xsd[] = { "endringslogg.xsd", NULL },
				*const lj_xsd[] = { "loependeJournal.xsd", NULL },
				*const oj_xsd[] = { "offentligJournal.xsd", NULL },
				*const arkiv_what[] = { "mappe", "registrering",
				    "dokumentobjekt", NULL },
				*const log_what[] = { "endring", NULL },
				*const j_what[] = { "journalpost", NULL };
	const int64_t		 arkiv_n[] = { res->mapper, 2 * res->mapper,
				    2 * res->mapper };
	xmlTextWriterPtr	 w = NULL;
	char			*path = NULL;
	size_t			 len = strlen(dir) + sizeof("/arkivuttrekk.xml");
	int			 rc = -1;

	if (noark_schemas_write(dir, res) != 0 ||
	    (path = malloc(len)) == NULL)
		return -1;
	snprintf(path, len, "%s/arkivuttrekk.xml", dir);
	if ((w = xmlNewTextWriterFilename(path, 0)) == NULL ||
	    xmlTextWriterSetIndent(w, 1) < 0 ||
	    xmlTextWriterStartDocument(w, "1.0", "UTF-8", NULL) < 0 ||
	    xmlTextWriterStartElementNS(w, NULL, BAD_CAST "addml",
	    BAD_CAST NS_ADDML) < 0 ||
	    xmlTextWriterWriteAttribute(w, BAD_CAST "name",
	    BAD_CAST "Noark 5 arkivuttrekk") < 0 ||
	    start(w, "dataset", NULL) != 0 ||
	    start(w, "reference", NULL) != 0 ||
	    start(w, "context", NULL) != 0 ||
	    start(w, "additionalElements", NULL) != 0 ||
	    start(w, "additionalElement", "recordCreators") != 0 ||
	    start(w, "additionalElements", NULL) != 0 ||
	    start(w, "additionalElement", "recordCreator") != 0 ||
	    start(w, "properties", NULL) != 0 ||
	    named_value(w, "property", "name", tenant_name) != 0 ||
	    nx_end(w) != 0 || nx_end(w) != 0 || nx_end(w) != 0 || nx_end(w) != 0 ||
	    named_value(w, "additionalElement", "systemName", "Orden") != 0 ||
	    named_value(w, "additionalElement", "systemType", "Noark5") != 0 ||
	    nx_end(w) != 0 || nx_end(w) != 0 ||			/* context */
	    start(w, "content", NULL) != 0 ||
	    start(w, "additionalElements", NULL) != 0 ||
	    named_value(w, "additionalElement", "recordSection",
	    "Avsluttede avvikssaker") != 0 ||
	    period(w, from, to) != 0 ||
	    nx_end(w) != 0 || nx_end(w) != 0 || nx_end(w) != 0 ||	/* reference */
	    start(w, "dataObjects", NULL) != 0 ||
	    start(w, "dataObject", "Noark 5 arkivuttrekk") != 0 ||
	    start(w, "dataObjects", NULL) != 0 ||
	    data_file(w, dir, "arkivstruktur", arkiv_xsd, arkiv_what,
	    arkiv_n) != 0)
		goto out;
	if (res->endringer > 0 &&
	    data_file(w, dir, "endringslogg", log_xsd, log_what,
	    &res->endringer) != 0)
		goto out;
	if (res->journalposter > 0 &&
	    (data_file(w, dir, "loependeJournal", lj_xsd, j_what,
	    &res->journalposter) != 0 ||
	    data_file(w, dir, "offentligJournal", oj_xsd, j_what,
	    &res->journalposter) != 0))
		goto out;
	if (xmlTextWriterEndDocument(w) < 0)
		goto out;
	rc = 0;
out:
	if (w != NULL)
		xmlFreeTextWriter(w);
	free(path);
	return rc;
}
