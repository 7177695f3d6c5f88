/* report_web.h: the tertial report's pages (src/web/report/). */
#ifndef ORDEN_REPORT_WEB_H
#define ORDEN_REPORT_WEB_H

struct arena;
struct buf;
struct http_req;
struct http_resp;

/* sections.c */
void	web_report_sections(struct http_req *, struct http_resp *);	/* GET /reports/tertial/sections */
void	web_report_sections_post(struct http_req *, struct http_resp *);	/* POST /reports/tertial/sections */
void	web_report_versions(struct http_req *, struct http_resp *);	/* GET /reports/tertial/versions */
/* groups.c */
void	web_report_groups(struct http_req *, struct http_resp *);	/* GET /reports/groups?area_id= */
void	web_report_groups_post(struct http_req *, struct http_resp *);	/* POST /reports/groups */

/* Text as paragraphs (escaped): a blank line parts them, a newline
 * breaks a line. */
void	web_report_paragraphs(struct buf *, struct arena *, const char *);

#endif
