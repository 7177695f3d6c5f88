/* report.h: the tertial report (tertialrapport) a municipality hands its
 * council (seeds/001): for a period and an area (the municipality or a
 * sector), per group of units the deviations by category, the improvement
 * proposals apart, still open and closed, days to close and the same
 * period last year. Numbers come from the kept counts (deviation_stats,
 * counts.h), never from a recount of the history row by row.
 *
 * Groups: the ones the quality adviser keeps for the area (written.h,
 * report_groups); a child of the area in none of them is a group of its
 * own. Where none are kept they are derived: a kind of unit is one group
 * (every school is "Grunnskoler", every kindergarten "Barnehager"), any
 * other unit under the area a group of its own; for the whole
 * municipality the groups are its sectors. */
#ifndef ORDEN_REPORT_H
#define ORDEN_REPORT_H

#include <stddef.h>
#include <stdint.h>

struct ctx;
struct category;

#define REP_ERR_INVALID		-10	/* bad period or area; *field names it */
#define REP_ERR_FORBIDDEN	-13	/* ctx->user may not take this report */

/* A period: a tertial (1 January-April, 2 May-August, 3 September-
 * December) or the whole year (tertial 0), in Europe/Oslo days. */
struct rep_period {
	int	 year, tertial;
	int64_t	 from, to;	/* first and last second, UTC */
};
/* Fill p->from/to from year and tertial; -1 when out of range
 * (years 2000-9998, tertial 0-3). */
int	report_period(int year, int tertial, struct rep_period *p);
/* A period of whole local days [from, to] that is no tertial (the
 * dashboard's): tertial -1, year the year of from; the same days a year
 * before are its last year. -1 when from > to or out of range. */
int	report_period_days(int64_t from, int64_t to, struct rep_period *p);

/* The numbers of one group (or the total). by_cat[i] counts deviations of
 * the report's category i; deviations + improvements = all reported. */
struct rep_row {
	const char	*name;
	/* The group as the written sections name it: "g<id>" a kept group,
	 * "u<id>" a unit of its own, "k<kind>" a derived kind. */
	const char	*key;
	int64_t		*unit_ids;	/* the area's children it gathers */
	size_t		 nunits;
	int64_t		 unit_id;	/* the group's unit when it is one; else 0 */
	const char	*kind;		/* the unit kind the group gathers; NULL */
	int64_t		 deviations, improvements;
	int64_t		 open, closed;	/* deviations still open, and closed */
	int64_t		*by_cat;	/* ncat counts */
	int64_t		 last_deviations, last_improvements;	/* a year before */
	/* Whole days from report to close of the closed deviations;
	 * median < 0 when none. */
	double		 median_days;
	int64_t		 p90_days;
};

struct rep_numbers {
	struct rep_period	 period, last;	/* last: the same a year before */
	int64_t			 area_id;	/* 0: the whole municipality */
	const char		*area_name, *tenant_name;
	struct category		*cats;		/* the categories, in their order */
	size_t			 ncat;
	struct rep_row		*rows;		/* groups, in the tree's order */
	size_t			 nrows;
	struct rep_row		 total;
	int			 derived;	/* 1: no kept groups for the area */
	int			 frozen;	/* 1: as approved (report_numbers_for) */
	int			 partial;	/* 1: a writer's view, counting only
						   what their statistics may */
};

/* The numbers for area_id (0: the municipality) and period, as ctx->user
 * may count them (authz_dev_stats_scope), in ctx->arena. 0,
 * REP_ERR_FORBIDDEN (no AZ_REPORT_VIEW there), REP_ERR_INVALID (no such
 * unit: *field "unit_id"), or a DB_* error. */
int	report_numbers(struct ctx *, int64_t area_id, const struct rep_period *,
	    struct rep_numbers *out, const char **field);

/* The same, and with writer 1 also for one who may write a section of a
 * group of the area without taking its report (authz_report_group_can):
 * then counted as authz_report_writer_scope says, out->partial 1. */
int	report_numbers_as(struct ctx *, int64_t area_id,
	    const struct rep_period *, int writer, struct rep_numbers *out,
	    const char **field);

/* The table of the report's groups on the dashboard (issue 13), tallied
 * from the dashboard's own reads of the kept counts instead of two more:
 * report_tally_begin sets out's groups as report_numbers would (0,
 * REP_ERR_FORBIDDEN: no AZ_REPORT_VIEW there, REP_ERR_INVALID, or a DB_*
 * error) and says the filter and unit_top the reads must use (*base,
 * *top) for the figures to be the report's; the caller hands
 * report_tally_cell every reported cell of out->period and
 * report_tally_last_cell those of out->last (deviation_stats_groups_each),
 * then report_tally_end (0 or DB_ERR) fills open. The rows' counts are the
 * report's; days to close are not tallied (median < 0). *t lives in
 * ctx->arena. sb (borrowed; may be NULL): the dashboard's units and
 * categories of this request (deviation_stats_base), not read again. */
struct rep_tally;
struct dev_filter;
struct dev_count_cell;
struct dev_stats_base;
int	report_tally_begin(struct ctx *, int64_t area_id,
	    const struct rep_period *, const struct dev_stats_base *sb,
	    struct rep_numbers *out, struct rep_tally **t,
	    struct dev_filter *base, int64_t *top);
void	report_tally_cell(void *t, const struct dev_count_cell *, int64_t n);
void	report_tally_last_cell(void *t, const struct dev_count_cell *,
	    int64_t n);
int	report_tally_end(struct rep_tally *);

/* The numbers as JSON (the API's answer; what an approved report keeps):
 * a new reference, or NULL when out of memory. */
struct json_t;
struct json_t	*report_numbers_json(const struct rep_numbers *);

/* The written part for the exports: the approval line and each written
 * section's text, in the order of the four sections and then the rows. */
struct rep_written_text {
	size_t		 section;	/* 0..nsections-1 */
	const char	*group;		/* the group's name */
	const char	*body;
	int		 ready;
};
struct rep_written {
	const char			*approved;	/* "Approved 06.12.2026 by ..."; NULL: not */
	const char			*draft_mark;	/* said after a draft's group; NULL: none */
	const char			*section_titles[4];
	size_t				 nsections;
	const struct rep_written_text	*v;
	size_t				 n;
};

/* The numbers as an Excel workbook (libxlsxwriter, constant memory): one
 * sheet per table (by category, status and days to close, last year,
 * about, the written sections when w has any), numbers as numbers, the
 * period's days as dates, headers in the thread's language, the header
 * row frozen. w may be NULL. Appended to out. 0 or -1. */
struct buf;
int	report_xlsx(const struct rep_numbers *, const struct rep_written *,
	    struct buf *out);

/* The report as a PDF (cairo + pango): A4, title page with the
 * municipality and contents, page numbers, vector bar charts with their
 * numbers, tables that never break inside a row, then the written
 * sections (w, may be NULL) with the approval on the title page; title on
 * each page's foot. Appended to out. 0 or -1. */
int	report_pdf(const struct rep_numbers *, const struct rep_written *,
	    const char *title, struct buf *out);

/* A group of the report opened from the dashboard: its units' figures
 * and its deviations month by month beside the same month a year before,
 * from the kept counts (two reads, deviation_stats_each). */
struct rep_unit_fig {
	int64_t		 unit_id;
	const char	*name;
	int64_t		 deviations, improvements, open, closed;
	int64_t		 last_deviations;
};
struct rep_month_fig {
	int		 month;		/* YYYYMM, Europe/Oslo */
	int64_t		 deviations, last_deviations;
};
struct rep_group_view {
	struct rep_numbers	 n;	/* the area's groups (report_numbers) */
	const struct rep_row	*row;	/* the one asked for, in n.rows */
	struct rep_unit_fig	*units;	/* its units, in the tree's order */
	size_t			 nunits;
	struct rep_month_fig	*months;	/* each month of the period */
	size_t			 nmonths;
};
/* The group of key ("g<id>", "u<unit>", "k<kind>") in area_id's report
 * for p, as ctx->user may count it, in ctx->arena: 0, REP_ERR_FORBIDDEN
 * (no AZ_REPORT_VIEW there), REP_ERR_INVALID (*field "unit_id": no such
 * area; "group": no such group), or a DB_* error. */
int	report_group_view(struct ctx *, int64_t area_id,
	    const struct rep_period *p, const char *key,
	    struct rep_group_view *out, const char **field);

/* The group name of a unit kind ("school" -> "Grunnskoler"), translated;
 * NULL for a kind that is not gathered. */
const char	*report_kind_group(const char *kind);

#endif
