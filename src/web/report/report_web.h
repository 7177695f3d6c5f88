/* report_web.h: the tertial report's pages (src/web/report/). */
#ifndef ORDEN_REPORT_WEB_H
#define ORDEN_REPORT_WEB_H

#include <stdint.h>

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

/* group.c */
void	web_report_group(struct http_req *, struct http_resp *);	/* GET /reports/group */
/* The link to the view of area's group key for the period p, in the
 * context's arena; NULL when it failed (the group is then shown without
 * its link). */
struct ctx;
struct rep_period;
const char	*web_report_group_href(struct ctx *, int64_t area,
		    const char *key, const struct rep_period *p);
/* The tertial report's groups of area (0: the municipality) with their
 * figures n (report_tally_begin .. report_tally_end over the dashboard's
 * period), each a link to its view, as a section of the dashboard;
 * nothing when n has no groups. 0, or -1 when it failed. */
struct rep_numbers;
int	web_report_dash_groups(struct buf *, struct http_req *, int64_t area,
	    const struct rep_numbers *n);

/* A refusal of report_do that is a whole page (not found, forbidden, a
 * store failure) answered in resp: 1; 0 for the others (ok, invalid,
 * conflict), which the form's page says. */
struct rep_result;
int	web_report_refused(struct http_req *, struct http_resp *,
	    const struct rep_result *);

/* Text as paragraphs (escaped): a blank line parts them, a newline
 * breaks a line. */
void	web_report_paragraphs(struct buf *, struct arena *, const char *);

#endif
