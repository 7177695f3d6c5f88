/* noark.h: the Noark 5 archive extract (arkivuttrekk) of a municipality's
 * closed deviations and improvement proposals, for its sak-/arkivsystem:
 * arkivstruktur.xml as Arkivverket's arkivstruktur.xsd (version 5.0)
 * describes it.
 *
 * arkiv → arkivdel → one saksmappe per deviation closed in the period
 * (mappeID its number, saksstatus "Avsluttet") → two journalposter: the
 * report and its closing. A deviation with personal data is skjermet
 * (Offl. § 13, jf. fvl. § 13) on the saksmappe and both journalposter.
 * Each journalpost's document is a UTF-8 text file in dir/DOKUMENT/,
 * named by its dokumentobjekt's systemID, with its SHA-256 in the XML.
 * Every systemID is a UUID derived from the tenant's uid and the row's id
 * (noark_uuid), so exporting the same case twice gives the same ids.
 *
 * dir/endringslogg.xml logs the changes of that metadata while the case was
 * handled: each transfer to another unit (administrativEnhet), from the
 * deviation's events; the schema needs at least one, so an extract
 * without any has no endringslogg.xml.
 *
 * dir/loependeJournal.xml and dir/offentligJournal.xml are the running and
 * the public journal of those journalposter (journal.c): the public one
 * without the titles of skjermet cases and without who reported. Their
 * schemas need at least one journalpost, so an empty extract has neither.
 *
 * Whistleblowing cases are not exported: their content is encrypted per
 * case and the system cannot read it. */
#ifndef ORDEN_NOARK_H
#define ORDEN_NOARK_H

#include <stdint.h>

#include "ctx.h"

#define NOARK_UUID_MAX	37	/* 8-4-4-4-12 hex + NUL */

/* A stable UUID (RFC 9562 version 8: vendor-defined) for the entity of
 * kind ("arkiv", "saksmappe", "journalpost-report", …) with id in the
 * tenant tenant_uid: BLAKE2b of the three, so the same inputs always give
 * the same UUID and different tenants never share one. */
void	noark_uuid(int64_t tenant_uid, const char *kind, int64_t id,
	    char out[NOARK_UUID_MAX]);

struct noark_result {
	int64_t	 mapper;	/* saksmapper written */
	int64_t	 skjermet;	/* of those, skjermet for personal data */
	int64_t	 endringer;	/* changes in endringslogg.xml */
	int64_t	 journalposter;	/* in each of the two journals */
};

/* Write dir/arkivstruktur.xml, dir/DOKUMENT/ and the journals for ctx's tenant (acting as the system,
 * ctx->user NULL): the deviations closed in [from, to) (UTC seconds; 0
 * = open end). dir must exist. The deviations are read a page at a time
 * through the list's keyset (deviation_list_page), each page in its own
 * arena, and written out through libxml2's streaming writer, so memory
 * stays at one page however many there are. ctx->arena is used only for
 * the tenant's own strings; ctx->arena is restored before returning.
 * 0, or -1 (the file may then be incomplete; the caller says so). */
int	noark_export(struct ctx *, const char *tenant_name, const char *dir,
	    int64_t from, int64_t to, struct noark_result *res);

/* After noark_export: dir/arkivuttrekk.xml, the ADDML description of the
 * extract (Arkivverket's addml.xsd): the municipality, the system, the
 * period, arkivstruktur.xml with its SHA-256 and the number of saksmapper,
 * journalposter and documents in res, endringslogg.xml with its SHA-256
 * and number of changes when res has any, and the two journals with theirs
 * and their number of journalposter when res has any. 0 or -1. */
int	noark_addml(const char *dir, const char *tenant_name, int64_t from,
	    int64_t to, const struct noark_result *res);

#endif
