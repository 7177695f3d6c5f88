/* written.h: what people keep in the tertial report (seeds/001), beside
 * the numbers report.h computes: the reporting groups the quality adviser
 * defines, the four sections the leaders of each group write (Årsaker til
 * avvik, Konsekvenser av avvik, Håndtering og tiltak, Mønstre og trender)
 * with every saved version, and the approval that freezes a report with
 * its numbers.
 *
 * Changes go through one gate, report_do (gate.c), the shape of
 * deviation_do: access in src/authz/ (AZ_REPORT_GROUPS, AZ_REPORT_WRITE
 * through authz_report_group_can, AZ_REPORT_APPROVE), input declared once
 * (report_fields, input.c) for the web forms and the JSON API, the change
 * and its audit row in one transaction, a result code. This folder owns
 * report_groups, report_group_units, report_sections,
 * report_section_versions and report_approvals. */
#ifndef ORDEN_REPORT_WRITTEN_H
#define ORDEN_REPORT_WRITTEN_H

#include <stddef.h>
#include <stdint.h>

#include "http/http.h"
#include "report/report.h"

struct ctx;

/* --- groups ----------------------------------------------------------- */

/* A kept group of area_id (0: the municipality): the area's direct
 * children of one unit kind (unit_kind), or those picked (unit_ids). */
struct rep_group {
	int64_t		 id, area_id;
	const char	*name;
	const char	*unit_kind;	/* NULL: unit_ids */
	int		 position;
	int64_t		*unit_ids;	/* picked; nunits of them */
	size_t		 nunits;
};
/* The kept groups of area_id in their order (no access check; the faces
 * ask authz). 0 or a DB_* error. */
int	report_groups_list(struct ctx *, int64_t area_id, struct rep_group **out,
	    size_t *n);
/* One group; REP_ERR_NOTFOUND when none. */
int	report_group_get(struct ctx *, int64_t id, struct rep_group *out);

#define REP_ERR_NOTFOUND	-12
#define REP_ERR_STATE		-11	/* approved already: nothing changes */

/* --- sections --------------------------------------------------------- */

enum rep_section { RS_CAUSES, RS_CONSEQUENCES, RS_HANDLING, RS_PATTERNS, RS_MAX };
const char	*report_section_name(enum rep_section);	/* "causes" */
const char	*report_section_title(enum rep_section);	/* translated heading */
int		 report_section_parse(const char *, enum rep_section *out);

/* Which report: its period and area. */
struct rep_key {
	int	 year, tertial;
	int64_t	 area_id;		/* 0: the municipality */
};

struct rep_text {
	int64_t		 id;
	const char	*group_key;
	enum rep_section section;
	const char	*body;
	int		 ready;
	int		 version;
	int64_t		 updated_at;
	const char	*updated_by;	/* a name; NULL: unknown */
};
/* The report a request's checked query asks for (positions RQF_YEAR,
 * RQF_TERTIAL, RQF_UNIT_ID of its route's table; req NULL: all absent):
 * year (default: this year at ctx->now), tertial ("1".."3"; "0", "year"
 * or none: the whole year) and unit_id (0 or none: the municipality). 0,
 * or REP_ERR_INVALID with *field the parameter and *why a translated
 * reason. */
int	report_query_read(struct ctx *, const struct http_req *,
	    struct rep_period *p, int64_t *area_id, const char **field,
	    const char **why);
/* The same into *k; with no unit_id in req, the area is the top one
 * ctx->user may view (the municipality when they may view all), as the
 * tertial page opens on. 0, REP_ERR_INVALID as above, or a store error. */
int	report_key_read(struct ctx *, const struct http_req *,
	    struct rep_key *k, const char **field, const char **why);

/* Every section written for the report, newest version of each. */
int	report_texts(struct ctx *, const struct rep_key *, struct rep_text **out,
	    size_t *n);
/* Every saved version of one section, newest first (version, body,
 * ready, updated_at/by); *n 0 when none. */
int	report_text_versions(struct ctx *, const struct rep_key *,
	    const char *group_key, enum rep_section, struct rep_text **out,
	    size_t *n);

/* --- approval --------------------------------------------------------- */

struct rep_approval {
	int64_t		 approved_at;	/* 0: not approved */
	const char	*approved_by;	/* a name */
	const char	*numbers;	/* the JSON frozen at approval */
};
int	report_approval_get(struct ctx *, const struct rep_key *,
	    struct rep_approval *out);

/* The numbers a report shows: frozen at approval (out->frozen, from the
 * kept JSON), else counted now. Access as report_numbers_as (writer: also
 * a group's writer, while the report is not approved). */
int	report_numbers_for(struct ctx *, const struct rep_key *, int writer,
	    struct rep_numbers *out, struct rep_approval *appr, const char **field);
/* The written part of report k for the PDF and XLSX (n: its numbers, a:
 * its approval), in ctx->arena. 0 or a DB_* error. */
int	report_written_for(struct ctx *, const struct rep_key *,
	    const struct rep_numbers *n, const struct rep_approval *a,
	    struct rep_written *out);
/* The numbers back from report_numbers_json (in ctx->arena). 0 or -1. */
int	report_numbers_from_json(struct ctx *, const char *json,
	    struct rep_numbers *out);

/* 1 when ctx->user may read (AZ_REPORT_VIEW) or write (AZ_REPORT_WRITE)
 * the sections of row r of area_id (authz_report_group_can). */
int	report_row_can(struct ctx *, int action, int64_t area_id,
	    const struct rep_row *r);

/* --- what a face may offer (rights.c) ---------------------------------- */

/* What ctx->user may do with the reports of area_id (0: the
 * municipality), for which links, forms and areas a page offers; the
 * faces ask these and name no az_action (scripts/check-banned.sh). The
 * rules are authz/'s; report_do and report_numbers* ask again inside. */
enum rep_right {
	REP_RIGHT_VIEW,		/* take the area's report: its numbers, exports
				   and every group's drafts */
	REP_RIGHT_GROUPS,	/* keep the area's reporting groups */
	REP_RIGHT_GROUPS_READ,	/* read the area's groups: who keeps them or
				   takes the report */
	REP_RIGHT_APPROVE,	/* approve the area's report */
	REP_RIGHT_SECTIONS,	/* open the area's written sections: take its
				   report, or write for a unit right under it */
	REP_RIGHT_GROUPS_SOMEWHERE,	/* keep the groups of some area (area_id
					   not asked): the group pages' door */
	REP_RIGHT_WRITE_SOMEWHERE	/* write a section or approve a report
					   somewhere (area_id not asked): the
					   section forms' door */
};
/* 1 if allowed, else 0 (also on a store error). */
int	report_right(struct ctx *, enum rep_right, int64_t area_id);

/* The units ctx->user has right what (REP_RIGHT_VIEW, _GROUPS or
 * _SECTIONS) over, in the tree's order, in ctx->arena, for a page's area
 * select; *whole 1 when they have it over the whole municipality too.
 * 0 or a DB_* error. */
struct unit;
int	report_areas(struct ctx *, enum rep_right what, struct unit **out,
	    size_t *n, int *whole);

/* What ctx->user may do with the written sections of row r of area_id's
 * report (authz_report_group_can). 1 if allowed, else 0. */
enum rep_row_right {
	REP_ROW_READ,		/* read them, drafts too */
	REP_ROW_WRITE		/* write them (while not approved) */
};
int	report_row_right(struct ctx *, enum rep_row_right, int64_t area_id,
	    const struct rep_row *r);

/* --- the gate --------------------------------------------------------- */

enum rep_action {
	RA_GROUP_CREATE,	/* area_id, name, unit_kind or unit_ids, position */
	RA_GROUP_UPDATE,	/* group_id; the same */
	RA_GROUP_REMOVE,	/* group_id */
	RA_SECTION_SAVE,	/* year, tertial, area_id, group_key, section, body, ready */
	RA_APPROVE,		/* year, tertial, area_id */
	RA_MAX
};
const char	*report_action_name(enum rep_action);

enum rep_field {
	RPF_ACTION, RPF_AREA_ID, RPF_GROUP_ID, RPF_NAME, RPF_UNIT_KIND,
	RPF_UNIT_IDS, RPF_POSITION, RPF_YEAR, RPF_TERTIAL, RPF_GROUP_KEY,
	RPF_SECTION, RPF_BODY, RPF_READY, RPF_MAX
};
extern const struct field report_fields[RPF_MAX + 1];

/* The query parameters of the report's pages and API (app_queries,
 * src/routes.c), read with http_qint/http_qtext by these positions. Every
 * table about one report starts with its year, tertial and unit_id
 * (report_query_read): the tertial page and the API's report, exports and
 * sections take just those. */
enum rep_query_field { RQF_YEAR, RQF_TERTIAL, RQF_UNIT_ID, RQF_MAX };
extern const struct field report_query_fields[RQF_MAX + 1];
/* The tertial page's (GET /reports/tertial): the same, numbers of any
 * size, so that the page itself names a refused one beside its form. */
extern const struct field report_page_query_fields[RQF_MAX + 1];
/* The written sections' page: saved=1 and approved=1, the banners. */
enum rep_sections_query { RSQ_SAVED = RQF_MAX, RSQ_APPROVED, RSQ_MAX };
extern const struct field report_sections_query_fields[RSQ_MAX + 1];
/* One section's saved versions (page and API): which row and section. */
enum rep_versions_query { RVQ_GROUP_KEY = RQF_MAX, RVQ_SECTION, RVQ_MAX };
extern const struct field report_versions_query_fields[RVQ_MAX + 1];
/* One group's deviations (GET /reports/group): from and to (YYYY-MM-DD)
 * instead of the tertial, and the group's key. */
enum rep_group_query { RGQ_FROM = RQF_MAX, RGQ_TO, RGQ_GROUP, RGQ_MAX };
extern const struct field report_group_query_fields[RGQ_MAX + 1];
/* The reporting groups (GET /reports/groups, GET /api/v1/reports/groups):
 * the area (0 or none: the municipality) and, on the page, saved=1. The
 * API's table is the area alone. */
enum rep_groups_query { RGL_AREA_ID, RGL_SAVED, RGL_MAX };
extern const struct field report_groups_query_fields[RGL_MAX + 1];
extern const struct field report_groups_api_query_fields[RGL_AREA_ID + 2];

struct rep_input {
	enum rep_action	 action;	/* RA_MAX: unknown */
	int64_t		 area_id, group_id;
	const char	*name, *unit_kind;
	const char	*unit_ids;	/* "3,5,8" */
	int		 position;
	int		 year, tertial;	/* tertial 0: the year */
	const char	*group_key, *section, *body;
	int		 ready;
	const char	*bad_field;	/* set by the face: refused by http/ */
};
/* Fill *in from vals (NULL: all absent); action_default when none given. */
void	report_read(const struct field_value *vals, enum rep_action action_default,
	    struct rep_input *in);

enum rep_outcome { REP_OK, REP_NOT_FOUND, REP_FORBIDDEN, REP_INVALID,
	REP_CONFLICT, REP_FAILED };
struct rep_result {
	enum rep_outcome outcome;
	const char	*field, *why;	/* REP_INVALID: the field, a msgid */
	int64_t		 id;		/* the group or section acted on */
	int		 version;	/* RA_SECTION_SAVE: the version kept */
};
void	report_do(struct ctx *, const struct rep_input *, struct rep_result *out);

/* The demo municipality's groups (seeds/001). 0 or -1. */
int	report_demo(struct ctx *);

#endif
