/* web.h: the HTML pages. Server-rendered, work without JavaScript, every
 * string through gettext, every value through the html/ writer, every
 * access decision through authz/. */
#ifndef ORDEN_WEB_H
#define ORDEN_WEB_H

#include "http/http.h"

/* Form field declarations (validated by http/ before the handler runs). */

void	web_home(struct http_req *, struct http_resp *);		/* GET / */
void	web_login_form(struct http_req *, struct http_resp *);		/* GET /login */
void	web_login(struct http_req *, struct http_resp *);		/* POST /login */
void	web_logout(struct http_req *, struct http_resp *);		/* POST /logout */
void	web_lang(struct http_req *, struct http_resp *);		/* GET /lang?set=en&next=/ */
void	web_password_form(struct http_req *, struct http_resp *);	/* GET /account/password */
void	web_password(struct http_req *, struct http_resp *);		/* POST /account/password */
void	web_units(struct http_req *, struct http_resp *);		/* GET /admin/units */
void	web_unit_create(struct http_req *, struct http_resp *);		/* POST /admin/units */
void	web_unit_edit(struct http_req *, struct http_resp *);		/* GET /admin/units/{id} */
void	web_unit_update(struct http_req *, struct http_resp *);		/* POST /admin/units/{id} */
void	web_unit_close(struct http_req *, struct http_resp *);		/* POST /admin/units/{id}/close */
void	web_people(struct http_req *, struct http_resp *);		/* GET /admin/people[?q=] */
void	web_person_create(struct http_req *, struct http_resp *);	/* POST /admin/people */
void	web_person_edit(struct http_req *, struct http_resp *);		/* GET /admin/people/{id} */
void	web_person_update(struct http_req *, struct http_resp *);	/* POST /admin/people/{id} */
void	web_role_grant(struct http_req *, struct http_resp *);		/* POST /admin/people/{id}/roles */
void	web_role_revoke(struct http_req *, struct http_resp *);		/* POST /admin/people/{id}/roles/{rid}/delete */
void	web_person_reset_password(struct http_req *, struct http_resp *); /* POST /admin/people/{id}/password */
void	web_audit(struct http_req *, struct http_resp *);		/* GET /admin/audit */

/* Deviations (avvik) and improvement proposals: src/web/deviation/ */
extern const struct field web_category_fields[];
extern const struct field web_dev_settings_fields[];

void	web_dev_new(struct http_req *, struct http_resp *);		/* GET /deviations/new: "Meld avvik" */
void	web_dev_create(struct http_req *, struct http_resp *);		/* POST /deviations */
void	web_dev_list(struct http_req *, struct http_resp *);		/* GET /deviations?unit_id=&status=&category=&kind=&from=&to=&overdue= */
void	web_dev_mine(struct http_req *, struct http_resp *);		/* GET /deviations/mine: "Mine meldinger" */
void	web_dev_inbox(struct http_req *, struct http_resp *);		/* GET /deviations/inbox: the leader's inbox */
void	web_dev_view(struct http_req *, struct http_resp *);		/* GET /deviations/{id} */
void	web_dev_attachment(struct http_req *, struct http_resp *);	/* GET /deviations/{id}/attachments/{aid} */
struct deviation;
/* The deviation's photos as a section (nothing when it has none). */
void	web_dev_photos(struct buf *, struct http_req *, const struct deviation *);
/* A line of links to them, for lists such as "My reports". */
void	web_dev_photo_links(struct buf *, struct http_req *, const struct deviation *);
void	web_dev_action(struct http_req *, struct http_resp *);		/* POST /deviations/{id}/action */
void	web_dev_dashboard(struct http_req *, struct http_resp *);	/* GET /dashboard?unit_id=&from=&to= */
void	web_report_tertial(struct http_req *, struct http_resp *);	/* GET /reports/tertial?year=&tertial=&unit_id= */
void	web_categories(struct http_req *, struct http_resp *);		/* GET /admin/categories */
void	web_category_create(struct http_req *, struct http_resp *);	/* POST /admin/categories */
void	web_category_edit(struct http_req *, struct http_resp *);	/* GET /admin/categories/{id} */
void	web_category_update(struct http_req *, struct http_resp *);	/* POST /admin/categories/{id} */
void	web_dev_settings(struct http_req *, struct http_resp *);	/* POST /admin/categories/settings */
void	web_notifications(struct http_req *, struct http_resp *);	/* GET /notifications */
void	web_notifications_read(struct http_req *, struct http_resp *);	/* POST /notifications/read */
/* Forgotten password by e-mail (web/account/forgot.c). */
void	web_forgot_form(struct http_req *, struct http_resp *);	/* GET /password/forgot */
void	web_forgot(struct http_req *, struct http_resp *);		/* POST /password/forgot */
void	web_reset_form(struct http_req *, struct http_resp *);		/* GET /password/reset?token= */
void	web_reset(struct http_req *, struct http_resp *);		/* POST /password/reset */
/* E-mail (web/notify/mail.c). */
void	web_mail_prefs_form(struct http_req *, struct http_resp *);	/* GET /account/notifications */
void	web_mail_prefs(struct http_req *, struct http_resp *);		/* POST /account/notifications */
void	web_mail_admin(struct http_req *, struct http_resp *);		/* GET /admin/mail */
void	web_mail_retry(struct http_req *, struct http_resp *);		/* POST /admin/mail/retry */

/* Whistleblowing (varsling): src/web/whistle/ */

void	web_wb_alias(struct http_req *, struct http_resp *);		/* GET /varsling -> /whistle */
void	web_wb_start(struct http_req *, struct http_resp *);		/* GET /whistle: what it is, how, the choices */
void	web_wb_new(struct http_req *, struct http_resp *);		/* GET /whistle/new: the report form (public) */
void	web_wb_create(struct http_req *, struct http_resp *);		/* POST /whistle: take the report; receipt page */
void	web_wb_receipt_form(struct http_req *, struct http_resp *);	/* GET /whistle/receipt */
void	web_wb_receipt_login(struct http_req *, struct http_resp *);	/* POST /whistle/receipt */
void	web_wb_mine(struct http_req *, struct http_resp *);		/* GET /whistle/mine: reporter's view */
void	web_wb_reporter_message(struct http_req *, struct http_resp *);	/* POST /whistle/mine/{id}/message */
void	web_wb_receipt_logout(struct http_req *, struct http_resp *);	/* POST /whistle/receipt/logout */
void	web_wb_cases(struct http_req *, struct http_resp *);		/* GET /whistle/cases: handler's list */
void	web_wb_case(struct http_req *, struct http_resp *);		/* GET /whistle/cases/{id} */
void	web_wb_attachment(struct http_req *, struct http_resp *);	/* GET /whistle/cases/{id}/attachments/{aid}: the bytes, to handlers */
void	web_wb_action(struct http_req *, struct http_resp *);		/* POST /whistle/cases/{id}/action */
void	web_wb_stats(struct http_req *, struct http_resp *);		/* GET /whistle/stats?year= */
void	web_wb_routing(struct http_req *, struct http_resp *);		/* GET /whistle/routing */
void	web_wb_hold_release(struct http_req *, struct http_resp *);	/* POST /whistle/routing/holds/{id}/release */

/* Governing documents (styrende dokumenter): src/web/document/ (the
 * change forms route with doc_fields, document/doc_input.h) */
void	web_documents(struct http_req *, struct http_resp *);		/* GET /documents?q=&process_id=&status=&due= */
void	web_documents_to_read(struct http_req *, struct http_resp *);	/* GET /documents/to-read: "Til lesing" */
void	web_document_new(struct http_req *, struct http_resp *);	/* GET /documents/new */
void	web_document_create(struct http_req *, struct http_resp *);	/* POST /documents */
void	web_document(struct http_req *, struct http_resp *);		/* GET /documents/{id}[?v=N] */
void	web_document_action(struct http_req *, struct http_resp *);	/* POST /documents/{id}/action */
void	web_document_file(struct http_req *, struct http_resp *);	/* GET /documents/{id}/file?v=N */
void	web_document_coverage(struct http_req *, struct http_resp *);	/* GET /documents/{id}/coverage */
void	web_document_processes(struct http_req *, struct http_resp *);	/* GET /documents/processes */
void	web_document_process_add(struct http_req *, struct http_resp *);	/* POST /documents/processes */
void	web_document_revision(struct http_req *, struct http_resp *);	/* GET /documents/revision */
void	web_document_reading(struct http_req *, struct http_resp *);	/* GET /documents/reading?unit_id=: coverage through the tree */
void	web_document_remind(struct http_req *, struct http_resp *);	/* POST /documents/reading/remind: "Påminn" */
/* GET /documents/templates, POST /documents/templates/{id}/adopt: the
 * installation's shared templates (issue 14 item 7). */
void	web_document_templates(struct http_req *, struct http_resp *);
void	web_document_template_adopt(struct http_req *, struct http_resp *);
void	web_document_link(struct http_req *, struct http_resp *);	/* GET /d/{id}, /d/{id}/file: the permanent link */
struct ctx;
/* The start page's "To read" card (nothing when there is nothing). */
void	web_doc_home_card(struct buf *, struct ctx *);

#endif
