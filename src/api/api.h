/* api.h: the JSON API under /api/v1/ (docs/openapi.yaml). Bodies in and
 * out are JSON (jansson); errors are {"error":{"code","message"}}. */
#ifndef ORDEN_API_H
#define ORDEN_API_H

#include "http/http.h"

void	api_healthz(struct http_req *, struct http_resp *);	/* GET /healthz */
void	api_metrics(struct http_req *, struct http_resp *);	/* GET /metrics */
/* The bearer token /metrics asks for (trailing newline and spaces
 * ignored; at least API_METRICS_TOKEN_MIN bytes), or NULL: /metrics 404.
 * 0, or -1 when too short. Only its digest is kept. Call before serving. */
#define API_METRICS_TOKEN_MIN	16
int	api_metrics_set_token(const char *);

/* Files in a JSON body: "<field>": [{"name", "content_type", "data"
 * (base64)}], decoded into the arena within util/upload.h's limits. 0
 * (also when absent; *n 0), or -1 with *why (gettext'd) to answer 400
 * naming the field. */
struct upload_file;
int	api_upload_parse(struct http_req *, const char *field,
	    struct upload_file **out, size_t *n, const char **why);
void	api_me(struct http_req *, struct http_resp *);
void	api_units_list(struct http_req *, struct http_resp *);
void	api_unit_create(struct http_req *, struct http_resp *);
void	api_unit_get(struct http_req *, struct http_resp *);
void	api_unit_close(struct http_req *, struct http_resp *);
void	api_people_list(struct http_req *, struct http_resp *);
void	api_person_create(struct http_req *, struct http_resp *);
void	api_person_get(struct http_req *, struct http_resp *);
void	api_role_grant(struct http_req *, struct http_resp *);
void	api_role_revoke(struct http_req *, struct http_resp *);

/* Deviations: src/api/deviations*.c, categories.c, stats.c, notifications.c */
extern const struct field api_category_fields[];

extern const struct field api_dev_settings_fields[];
void	api_dev_settings_get(struct http_req *, struct http_resp *);	/* GET /api/v1/deviation-settings */
void	api_dev_settings_update(struct http_req *, struct http_resp *);	/* PATCH /api/v1/deviation-settings */
void	api_categories_list(struct http_req *, struct http_resp *);	/* GET /api/v1/categories */
void	api_category_create(struct http_req *, struct http_resp *);	/* POST /api/v1/categories */
void	api_category_update(struct http_req *, struct http_resp *);	/* PATCH /api/v1/categories/{id} */
void	api_deviations_list(struct http_req *, struct http_resp *);	/* GET /api/v1/deviations */
void	api_deviations_csv(struct http_req *, struct http_resp *);	/* GET /api/v1/deviations.csv */
void	api_deviation_create(struct http_req *, struct http_resp *);	/* POST /api/v1/deviations */
void	api_deviation_get(struct http_req *, struct http_resp *);	/* GET /api/v1/deviations/{id} */
void	api_deviation_attachment(struct http_req *, struct http_resp *);	/* GET /api/v1/deviations/{id}/attachments/{aid} */
void	api_deviation_action(struct http_req *, struct http_resp *);	/* POST /api/v1/deviations/{id}/actions */
void	api_deviation_stats(struct http_req *, struct http_resp *);	/* GET /api/v1/stats/deviations */
void	api_report_tertial(struct http_req *, struct http_resp *);	/* GET /api/v1/reports/tertial */
void	api_report_tertial_xlsx(struct http_req *, struct http_resp *);	/* GET /api/v1/reports/tertial.xlsx */
void	api_report_tertial_pdf(struct http_req *, struct http_resp *);	/* GET /api/v1/reports/tertial.pdf */
void	api_notifications(struct http_req *, struct http_resp *);	/* GET /api/v1/notifications */
void	api_notifications_read(struct http_req *, struct http_resp *);	/* POST /api/v1/notifications/read */
/* E-mail (api/notify/mail.c). */
void	api_mail_prefs(struct http_req *, struct http_resp *);		/* GET /api/v1/me/mail */
void	api_mail_prefs_update(struct http_req *, struct http_resp *);	/* PATCH /api/v1/me/mail */
void	api_mail_outbox(struct http_req *, struct http_resp *);	/* GET /api/v1/mail/outbox */
void	api_mail_retry(struct http_req *, struct http_resp *);		/* POST /api/v1/mail/retry */

/* Whistleblowing: src/api/whistle*.c */

void	api_wb_report(struct http_req *, struct http_resp *);		/* POST /api/v1/whistle/reports (auth optional) */
void	api_wb_people(struct http_req *, struct http_resp *);		/* GET /api/v1/whistle/people?q= (auth optional) */
void	api_wb_receipt(struct http_req *, struct http_resp *);		/* POST /api/v1/whistle/receipt */
void	api_wb_mine(struct http_req *, struct http_resp *);		/* GET /api/v1/whistle/reports/mine */
void	api_wb_message(struct http_req *, struct http_resp *);		/* POST /api/v1/whistle/reports/{id}/messages */
void	api_wb_cases(struct http_req *, struct http_resp *);		/* GET /api/v1/whistle/cases */
void	api_wb_case(struct http_req *, struct http_resp *);		/* GET /api/v1/whistle/cases/{id} */
void	api_wb_attachment(struct http_req *, struct http_resp *);	/* GET /api/v1/whistle/cases/{id}/attachments/{aid} */
void	api_wb_action(struct http_req *, struct http_resp *);		/* POST /api/v1/whistle/cases/{id}/actions */
void	api_wb_stats(struct http_req *, struct http_resp *);		/* GET /api/v1/whistle/stats?year= */
void	api_wb_holds(struct http_req *, struct http_resp *);		/* GET /api/v1/whistle/holds */
void	api_wb_hold_release(struct http_req *, struct http_resp *);	/* POST /api/v1/whistle/holds/{id}/release */

/* Governing documents: src/api/document/ (fields: document/doc_input.h) */
void	api_documents_list(struct http_req *, struct http_resp *);	/* GET /api/v1/documents?q=&process_id=&status=&type=&due= */
void	api_document_create(struct http_req *, struct http_resp *);	/* POST /api/v1/documents */
void	api_documents_to_read(struct http_req *, struct http_resp *);	/* GET /api/v1/documents/to-read */
void	api_document_get(struct http_req *, struct http_resp *);	/* GET /api/v1/documents/{id} */
void	api_document_versions(struct http_req *, struct http_resp *);	/* GET /api/v1/documents/{id}/versions */
void	api_document_action(struct http_req *, struct http_resp *);	/* POST /api/v1/documents/{id}/actions */
/* POST /api/v1/documents/{id}/versions: a new draft version (the action
 * "version"), with answers: [ids of the proposals it answers]. */
void	api_document_version_add(struct http_req *, struct http_resp *);
void	api_document_coverage(struct http_req *, struct http_resp *);	/* GET /api/v1/documents/{id}/coverage */
void	api_documents_reading(struct http_req *, struct http_resp *);	/* GET /api/v1/documents/reading?unit_id= */
void	api_documents_remind(struct http_req *, struct http_resp *);	/* POST /api/v1/documents/reading/remind */
void	api_document_processes(struct http_req *, struct http_resp *);	/* GET /api/v1/document-processes */
void	api_document_process_add(struct http_req *, struct http_resp *);	/* POST /api/v1/document-processes */
int	api_gate_document(struct http_req *, struct http_resp *);
int	api_gate_doc_edit(struct http_req *, struct http_resp *);	/* a new version: AZ_DOC_EDIT */
int	api_gate_doc_create(struct http_req *, struct http_resp *);
int	api_gate_doc_processes(struct http_req *, struct http_resp *);
int	api_gate_doc_remind(struct http_req *, struct http_resp *);

/* Gates (gates.c, struct route's gate): who may use the route at all,
 * decided before its body is validated. 0, or -1 with resp holding the
 * 403 or 404 the handler would give. */
int	api_gate_org_manage(struct http_req *, struct http_resp *);
int	api_gate_unit_manage(struct http_req *, struct http_resp *);
int	api_gate_roles(struct http_req *, struct http_resp *);
int	api_gate_dev_configure(struct http_req *, struct http_resp *);
int	api_gate_mail_admin(struct http_req *, struct http_resp *);
int	api_gate_category(struct http_req *, struct http_resp *);
int	api_gate_deviation(struct http_req *, struct http_resp *);
int	api_gate_wb_case(struct http_req *, struct http_resp *);
/* /api/v1/whistle/holds/{id}/release: the chief safety representative, on
 * a person who is on hold. */
int	api_gate_wb_hold(struct http_req *, struct http_resp *);
/* POST /api/v1/whistle/reports/{id}/messages: its reporter only (whistle_reporter.c). */
int	api_gate_wb_reporter(struct http_req *, struct http_resp *);

#endif
