/* chart.h: charts as inline SVG, each with a table of the same numbers
 * beside it. The table is the accessible form (screen readers, copying
 * into a report); the SVG is the picture. No style attributes and no
 * script, so the strict CSP holds: colours are presentation attributes
 * and classes from static/style.css. */
#ifndef ORDEN_HTML_CHART_H
#define ORDEN_HTML_CHART_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

struct chart_item {
	const char	*label;		/* full label: table and bars */
	const char	*short_label;	/* under a column; NULL: label */
	int64_t		 value;		/* >= 0; negative counts as 0 */
	const char	*href;		/* drill-down link in the table, or NULL */
	const char	*value_href;	/* the number in the table as a link (to
					   what it counts: its row and column
					   heads name it), or NULL */
};

enum chart_kind {
	CHART_BARS,	/* horizontal bars, one per row: categories, units */
	CHART_COLUMNS,	/* vertical columns in order: months */
	CHART_KIND_MAX
};

/* Geometry, exposed so that tests can check the scaling: the longest bar
 * is CHART_BAR_MAX wide, the tallest column CHART_COL_MAX high, and every
 * other in proportion (integer arithmetic, rounded down). */
#define CHART_BAR_MAX	300
#define CHART_COL_MAX	160

/* Write a chart with its table. id must be unique on the page (used for
 * element ids); caption names both (already translated); label_head and
 * value_head are the table's column heads. With no items, or all zero,
 * empty_text is written instead of the picture (the table still shows
 * the zeros, if any). All text is escaped. */
void	html_chart(struct buf *, enum chart_kind, const char *id,
	    const char *caption, const char *label_head, const char *value_head,
	    const char *empty_text, const struct chart_item *items, size_t n);

/* The length of a bar (or column) for value against the largest value:
 * 0 when max <= 0 or value <= 0, at least 1 for a positive value. */
int64_t	html_chart_scale(int64_t value, int64_t max, int64_t full);

#endif
