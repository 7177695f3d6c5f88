/* report_api.h: internal to src/api/report/. */
#ifndef ORDEN_REPORT_API_H
#define ORDEN_REPORT_API_H

struct http_req;
struct http_resp;
struct rep_numbers;
struct rep_approval;

/* The report the request's year, tertial and unit_id name, or a 400
 * naming the parameter already in resp (-1). */
struct rep_key;
int	api_report_key(struct http_req *, struct http_resp *, struct rep_key *);

/* The numbers the request's year, tertial and unit_id ask for (frozen
 * when the report is approved: *a says by whom), or an error answer
 * already in resp (-1). */
int	api_report_numbers(struct http_req *, struct http_resp *,
	    struct rep_numbers *, struct rep_approval *a);

/* The same for report k; writer 1: also for a group's writer, as
 * report_numbers_for. */
int	api_report_numbers_for(struct http_req *, struct http_resp *,
	    const struct rep_key *k, int writer, struct rep_numbers *,
	    struct rep_approval *a);

/* The written part of the report n is of, for the exports. 0 or -1. */
struct rep_written;
int	api_report_written(struct http_req *, const struct rep_numbers *n,
	    const struct rep_approval *a, struct rep_written *w);

/* Answer the export in resp->body as a download named
 * tertialrapport-<year>[-T<n>].<ext> of type content_type. */
void	api_report_download(struct http_resp *, const struct rep_numbers *n,
	    const char *ext, const char *content_type);

/* written.c: groups, written sections, versions, approval. */
void	api_report_groups(struct http_req *, struct http_resp *);	/* GET /api/v1/reports/groups?area_id= */
void	api_report_groups_post(struct http_req *, struct http_resp *);	/* POST /api/v1/reports/groups */
void	api_report_sections(struct http_req *, struct http_resp *);	/* GET /api/v1/reports/tertial/sections */
void	api_report_sections_post(struct http_req *, struct http_resp *);	/* POST /api/v1/reports/tertial/sections */
void	api_report_versions(struct http_req *, struct http_resp *);	/* GET /api/v1/reports/tertial/versions */
/* Gates: who may use the POST routes at all (report_right:
 * REP_RIGHT_GROUPS_SOMEWHERE, REP_RIGHT_WRITE_SOMEWHERE). 0, or -1 with
 * the 403 given. */
int	api_gate_report_groups(struct http_req *, struct http_resp *);
int	api_gate_report_write(struct http_req *, struct http_resp *);

#endif
