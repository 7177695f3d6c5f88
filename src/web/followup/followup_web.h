/* web/followup/followup_web.h: the audit follow-up's pages (src/routes.c). */
#ifndef ORDEN_WEB_FOLLOWUP_H
#define ORDEN_WEB_FOLLOWUP_H

#include "http/http.h"

void	web_followup_list(struct http_req *, struct http_resp *);	/* GET /followup */
void	web_followup_create(struct http_req *, struct http_resp *);	/* POST /followup */
void	web_followup_view(struct http_req *, struct http_resp *);	/* GET /followup/{id} */
void	web_followup_action(struct http_req *, struct http_resp *);	/* POST /followup/{id}/action */
void	web_followup_letter(struct http_req *, struct http_resp *);	/* GET /followup/{id}/letter */
void	web_followup_letter_pdf(struct http_req *, struct http_resp *);	/* GET /followup/{id}/letter.pdf */

#endif
