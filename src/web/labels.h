/* labels.h: translated names for codes the pages show (roles, audit
 * actions). The codes themselves stay English in the database and the API. */
#ifndef ORDEN_WEB_LABELS_H
#define ORDEN_WEB_LABELS_H

#include "deviation/deviation.h"
#include "org/org.h"
#include "whistle/whistle.h"

/* "Medarbeider", "Leder", ... in the thread's language. Borrowed (static or
 * the gettext catalogue); "?" when out of range. */
const char	*web_role_label(enum role);
/* A readable label for an audit action code ("login" -> "Logget inn"); the
 * code itself when it is not one we know. Borrowed. */
const char	*web_action_label(const char *action);

/* "Person", "Enhet", ... for an audit object type; the code itself when
 * unknown. Borrowed. */
const char	*web_object_label(const char *type);

/* Deviation words as people read them; codes stay English in the API. */
const char	*web_dev_status_label(enum dev_status);	/* "Ny", "Under behandling", ... */
const char	*web_dev_group_label(const char *group);	/* open, in_progress, closed */
const char	*web_dev_kind_label(enum dev_kind);		/* "Avvik", "Forbedringsforslag" */
const char	*web_dev_severity_label(int);		/* "4 – Kritisk"; "Not given" for 0 */
const char	*web_dev_event_label(const char *type);	/* timeline entries */
const char	*web_dev_action_label(enum dev_action);	/* the action's button */
/* The authority a legal clock reports to ("Datatilsynet"). */
const char	*web_dev_authority_label(const char *authority);
/* What a category's legal clock means, for people (NULL legal: NULL). */
const char	*web_dev_legal_label(const char *legal);
/* The role a deviation about the chief executive goes to ("mayor"). */
const char	*web_top_route_label(const char *role);
/* A kind of unit (org_unit_kinds: "school" -> "Skole"); "" for NULL. */
const char	*web_unit_kind_label(const char *kind);
/* A notification kind ("new", "reminder", ...). */
const char	*web_notification_label(const char *kind);

/* Whistleblowing (varsling) words. Codes stay English in the API. */
const char	*web_wb_state_label(enum wb_state);		/* "Mottatt", "Bekreftet mottatt", ... */
/* The state as the reporter is told it ("received", "acknowledged",
 * "in_progress", "closed"); the code itself when unknown. */
const char	*web_wb_reporter_state_label(const char *state);
const char	*web_wb_reporter_label(enum wb_reporter);	/* "Ansatt", "Innleid", ... */
const char	*web_wb_concerns_label(enum wb_concerns);	/* "En kollega", ... */
/* "1 – Varsling mellom medarbeidere" ... for procedure 1..4. */
const char	*web_wb_procedure_label(int procedure);
/* Why a person handles a case ("nearest_leader" -> "Nærmeste leder"). */
const char	*web_wb_basis_label(const char *basis);
/* A case log entry's type; the code itself when unknown. */
const char	*web_wb_event_label(const char *type);
/* An outcome code ("substantiated", ...); "" for NULL. */
const char	*web_wb_outcome_label(const char *outcome);

#endif
