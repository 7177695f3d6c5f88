/* noark_int.h: what the files of src/noark/ share (not for other modules):
 * the smallest writers over libxml2's xmlTextWriter, each 0 or -1, so that
 * arkivstruktur.xml and arkivuttrekk.xml are written the same way. */
#ifndef ORDEN_NOARK_INT_H
#define ORDEN_NOARK_INT_H

#include <libxml/xmlwriter.h>

int	nx_start(xmlTextWriterPtr, const char *name);
int	nx_end(xmlTextWriterPtr);
/* <name>text</name>, text escaped by libxml2. */
int	nx_el(xmlTextWriterPtr, const char *name, const char *text);

#include <stdint.h>

/* <name>v</name> */
int	nx_int(xmlTextWriterPtr, const char *name, int64_t v);
/* xs:dateTime in UTC. */
int	nx_time(xmlTextWriterPtr, const char *name, int64_t t);
/* xs:date: the civil day in Oslo, as the municipality counts its days. */
int	nx_day(xmlTextWriterPtr, const char *name, int64_t t);

/* The legal basis of a case skjermet for personal data, the same in
 * arkivstruktur.xml and both journals. */
#define NOARK_SKJERMING_HJEMMEL	"Offl. § 13, jf. fvl. § 13"

/* The two journals (journal.c): their registreringer are streamed into a
 * part file each while the cases are written, and the files made with
 * their heads at the end. */
struct noark_journal {
	xmlTextWriterPtr	 part[2];	/* owned; freed by noark_journal_end */
	int64_t			 posts;		/* journalposter written */
	int64_t			 first, last;	/* their first and last journaldato */
};

/* One journalpost with its saksmappe, as both journals show it. The
 * strings are the caller's, read only during noark_journal_post. */
struct noark_jpost {
	const char	*mappe_id;		/* the case's number */
	int64_t		 saksaar, sakssekvensnummer;
	const char	*case_title, *public_case_title;
	const char	*unit;			/* administrativEnhet */
	const char	*responsible;		/* saksansvarlig, saksbehandler */
	const char	*system_id;		/* the journalpost's, as in arkivstruktur.xml */
	int64_t		 journalaar, sekvensnummer, postnummer;
	int64_t		 journaldato;		/* UTC seconds; the day in Oslo */
	const char	*title, *public_title;	/* public_*: when skjermet */
	const char	*sender;		/* the running journal's sender */
	const char	*public_sender;		/* the public one's: never a reporter */
	int		 skjermet;
};

struct noark_result;

/* Write the schemas of the extract's files into dir (schemas.c):
 * arkivstruktur.xsd, metadatakatalog.xsd and addml.xsd, endringslogg.xsd
 * when res has changes, the journals' when it has journalposter. 0 or -1. */
int	noark_schemas_write(const char *dir, const struct noark_result *res);

/* 0 or -1 (then call noark_journal_end with ok 0). */
int	noark_journal_open(struct noark_journal *, const char *dir);
int	noark_journal_post(struct noark_journal *, const struct noark_jpost *);
/* Write dir/loependeJournal.xml and dir/offentligJournal.xml when ok and
 * there were posts, remove the part files, and with ok 0 (or no posts)
 * the journals too. 0 or -1. */
int	noark_journal_end(struct noark_journal *, const char *dir, int ok,
	    int64_t tuid, const char *tenant_name, int64_t from, int64_t to);

#endif
