/* doc_input.h: the fields of a document action, declared once for both
 * faces. The web forms (POST /documents, POST /documents/{id}/action) and
 * the JSON API (POST /api/v1/documents, POST /api/v1/documents/{id}/actions)
 * route with doc_fields, so the same value meets the same type and bounds
 * in both; doc_read turns the checked values into the struct doc_input
 * that document_do takes, each reached by its enum, never by name. */
#ifndef ORDEN_DOC_INPUT_H
#define ORDEN_DOC_INPUT_H

#include "document/document.h"
#include "http/http.h"

enum doc_field {
	DF_ACTION,		/* doc_action_name(); the create routes imply "create" */
	DF_CODE,		/* create: the municipality's own ID */
	DF_TITLE,
	DF_TYPE,		/* doc_types[] */
	DF_PROCESS_ID,
	DF_OWNER,		/* a login */
	DF_UNIT_ID,		/* 0: every unit */
	DF_PUBLIC,
	DF_BODY,		/* create, version: the text (safe markup) */
	DF_CHANGE_NOTE,
	DF_SIGNIFICANT,
	DF_APPROVAL_BODY,	/* approve */
	DF_APPROVAL_CASE,
	DF_APPROVED_ON,		/* approve: YYYY-MM-DD */
	DF_NEXT_REVISION,	/* approve, review: YYYY-MM-DD (default +12 months) */
	DF_HELD_ON,		/* go-through: YYYY-MM-DD */
	DF_ATTENDEES,		/* go-through: logins */
	DF_UNITS,		/* create, edit: several units' codes (replaces unit_id) */
	DF_ANSWERS,		/* version: ids of the open proposals/deviations it answers */
	DF_MAX
};
extern const struct field doc_fields[DF_MAX + 1];

/* A leader's reminder (POST /documents/reading/remind, POST
 * /api/v1/documents/reading/remind): unit_id, the unit whose subtree is
 * reminded (document_remind). */
enum doc_remind_field { DRM_UNIT_ID, DRM_MAX };
extern const struct field doc_remind_fields[DRM_MAX + 1];

/* A main process added to the tree (POST /documents/processes, POST
 * /api/v1/document-processes; doc_process_add): name, and parent_id (0: a
 * top group, as the form's select sends it). Both routes ask
 * AZ_DOC_PROCESSES before this table is checked (the API through its
 * route gate, the page first thing), so a required name tells nothing to
 * someone who may not add one. */
enum doc_process_field { DPF_NAME, DPF_PARENT_ID, DPF_MAX };
extern const struct field doc_process_fields[DPF_MAX + 1];

/* A shared template adopted as the municipality's own copy (POST
 * /documents/templates/{id}/adopt; document_template_adopt): code, the
 * document's own ID (empty: the template's). */
enum doc_adopt_field { DTA_CODE, DTA_MAX };
extern const struct field doc_adopt_fields[DTA_MAX + 1];

/* The documents list's query (GET /documents, GET /api/v1/documents):
 * words q, a process (with its sub-processes), a status word, a type
 * code and due=1 (revision due). Read with doc_list_query_read. */
enum doc_list_query { DLQ_Q, DLQ_PROCESS_ID, DLQ_STATUS, DLQ_TYPE, DLQ_DUE,
	DLQ_MAX };
extern const struct field doc_list_query_fields[DLQ_MAX + 1];
/* The checked list query (req->qvals) as a filter; strings point into
 * the request. -1 with *bad the parameter when a status or type word is
 * not one of ours (the faces answer 400 naming it). */
int	doc_list_query_read(const struct http_req *, struct doc_filter *,
	    const char **bad);

/* One document's page (GET /documents/{id}): the version v to show (absent:
 * the current) and done=1, the banner after an action. Its file (GET
 * /documents/{id}/file) takes v only: doc_file_query_fields. */
enum doc_view_query { DOCQ_V, DOCQ_DONE, DOCQ_MAX };
extern const struct field doc_view_query_fields[DOCQ_MAX + 1];
extern const struct field doc_file_query_fields[DOCQ_V + 2];

/* Reading coverage (GET /documents/reading, GET /api/v1/documents/reading):
 * a unit's id (absent: what the caller leads) and, on the page, reminded,
 * the count after a reminder. */
enum doc_reading_query { DRQ_UNIT_ID, DRQ_REMINDED, DRQ_MAX };
extern const struct field doc_reading_query_fields[DRQ_MAX + 1];
extern const struct field doc_reading_api_query_fields[DRQ_UNIT_ID + 2];

/* Fill *in from vals (NULL: all absent). A date that does not parse is
 * left in in->bad_field for the gate to answer after its access check. */
void	doc_read(const struct field_value *vals, struct doc_input *in);

#endif
