/* chart.c: inline SVG bar and column charts with their data table.
 * Integer geometry only (no floating point formatting in the markup), a
 * fixed viewBox that the browser scales to the container, so the same
 * chart fits a 360 px phone and a desktop. The viewBox is about as wide
 * as a phone's content and the stylesheet keeps a chart from growing much
 * wider (.chart-svg), so its words are drawn near their size everywhere:
 * at 600 units wide they were about 8 px on a phone. */
#include "html/chart.h"

#include <string.h>

#include "html/html.h"

#define BAR_ROW		44	/* label line + bar */
#define BAR_H		16
#define VIEW_W		400
#define COL_TOP		24	/* room for the value above the tallest column */
#define COL_BASE	(COL_TOP + CHART_COL_MAX)
#define COL_H		(COL_BASE + 28)
#define LABEL_CHARS	48	/* SVG text does not wrap: longer labels are cut */

#define FILL_BAR	"#0b57a3"	/* 7:1 on white: well over the 3:1 for graphics */
#define FILL_TEXT	"#1b1b1b"
#define FILL_AXIS	"#505a5f"

int64_t
html_chart_scale(int64_t value, int64_t max, int64_t full)
{
	int64_t v;

	if (max <= 0 || value <= 0)
		return 0;
	if (value > max)
		value = max;
	v = value * full / max;
	return v > 0 ? v : 1;
}

/* label cut to at most LABEL_CHARS characters (UTF-8 aware) with an
 * ellipsis, into out (escaped later by the writer). */
static const char *
cut_label(const char *s, char *out, size_t outsz)
{
	size_t	i = 0, chars = 0, n;

	if (s == NULL)
		return "";
	n = strlen(s);
	while (i < n) {
		if (((unsigned char)s[i] & 0xc0) != 0x80) {
			if (chars == LABEL_CHARS)
				break;
			chars++;
		}
		i++;
	}
	if (i == n || i + 4 > outsz)
		return i == n ? s : "";
	memcpy(out, s, i);
	memcpy(out + i, "\xe2\x80\xa6", 4);	/* "…" and the NUL */
	return out;
}

static int64_t
max_value(const struct chart_item *it, size_t n)
{
	int64_t	m = 0;
	size_t	i;

	for (i = 0; i < n; i++)
		if (it[i].value > m)
			m = it[i].value;
	return m;
}

static void
put_bars(struct buf *b, const char *id, const char *caption,
    const struct chart_item *it, size_t n, int64_t max)
{
	char	cut[LABEL_CHARS * 4 + 4];
	size_t	i;
	int64_t	y, w;

	html_fmt(b, "<svg class=\"chart-svg\" viewBox=\"0 0 %d %D\" "
	    "role=\"img\" aria-labelledby=\"%s-t\" "
	    "xmlns=\"http://www.w3.org/2000/svg\">"
	    "<title id=\"%s-t\">%s</title>", VIEW_W, (int64_t)n * BAR_ROW + 4,
	    id, id, caption);
	for (i = 0; i < n; i++) {
		y = (int64_t)i * BAR_ROW;
		w = html_chart_scale(it[i].value, max, CHART_BAR_MAX);
		html_fmt(b, "<text x=\"0\" y=\"%D\" font-size=\"15\" fill=\""
		    FILL_TEXT "\">%s</text>", y + 16,
		    cut_label(it[i].label, cut, sizeof(cut)));
		html_fmt(b, "<rect class=\"chart-bar\" x=\"0\" y=\"%D\" "
		    "width=\"%D\" height=\"%d\" fill=\"" FILL_BAR "\"/>",
		    y + 22, w, BAR_H);
		html_fmt(b, "<text x=\"%D\" y=\"%D\" font-size=\"15\" "
		    "font-weight=\"bold\" fill=\"" FILL_TEXT "\">%D</text>",
		    w + 6, y + 36, it[i].value > 0 ? it[i].value : 0);
	}
	html_fmt(b, "</svg>");
}

static void
put_columns(struct buf *b, const char *id, const char *caption,
    const struct chart_item *it, size_t n, int64_t max)
{
	char		 cut[LABEL_CHARS * 4 + 4];
	size_t		 i;
	int64_t		 step, cw, x, h;
	const char	*lab;

	step = (VIEW_W - 20) / (int64_t)n;
	if (step < 2)
		step = 2;
	cw = step * 7 / 10;
	if (cw < 1)
		cw = 1;
	html_fmt(b, "<svg class=\"chart-svg\" viewBox=\"0 0 %D %d\" "
	    "role=\"img\" aria-labelledby=\"%s-t\" "
	    "xmlns=\"http://www.w3.org/2000/svg\">"
	    "<title id=\"%s-t\">%s</title>", step * (int64_t)n + 20, COL_H,
	    id, id, caption);
	html_fmt(b, "<line x1=\"0\" y1=\"%d\" x2=\"%D\" y2=\"%d\" stroke=\""
	    FILL_AXIS "\" stroke-width=\"1\"/>", COL_BASE,
	    step * (int64_t)n + 20, COL_BASE);
	for (i = 0; i < n; i++) {
		x = 10 + (int64_t)i * step + (step - cw) / 2;
		h = html_chart_scale(it[i].value, max, CHART_COL_MAX);
		html_fmt(b, "<rect class=\"chart-bar\" x=\"%D\" y=\"%D\" "
		    "width=\"%D\" height=\"%D\" fill=\"" FILL_BAR "\"/>",
		    x, (int64_t)COL_BASE - h, cw, h);
		html_fmt(b, "<text x=\"%D\" y=\"%D\" font-size=\"13\" "
		    "text-anchor=\"middle\" fill=\"" FILL_TEXT "\">%D</text>",
		    x + cw / 2, (int64_t)COL_BASE - h - 6,
		    it[i].value > 0 ? it[i].value : 0);
		lab = it[i].short_label != NULL ? it[i].short_label :
		    it[i].label;
		html_fmt(b, "<text x=\"%D\" y=\"%d\" font-size=\"14\" "
		    "text-anchor=\"middle\" fill=\"" FILL_TEXT "\">%s</text>",
		    x + cw / 2, COL_BASE + 20, cut_label(lab, cut, sizeof(cut)));
	}
	html_fmt(b, "</svg>");
}

void
html_chart(struct buf *b, enum chart_kind kind, const char *id,
    const char *caption, const char *label_head, const char *value_head,
    const char *empty_text, const struct chart_item *it, size_t n)
{
	int64_t	max = max_value(it, n);
	size_t	i;

	html_fmt(b, "<div class=\"chart\" id=\"%s\">", id);
	html_fmt(b, "<div class=\"chart-fig\">");
	if (max <= 0)
		html_fmt(b, "<p class=\"chart-empty\">%s</p>",
		    empty_text != NULL ? empty_text : "");
	else if (kind == CHART_COLUMNS)
		put_columns(b, id, caption, it, n, max);
	else
		put_bars(b, id, caption, it, n, max);
	html_fmt(b, "</div>");
	if (n > 0) {
		html_fmt(b, "<div class=\"table-wrap chart-data\"><table>"
		    "<caption>%s</caption><thead><tr><th scope=\"col\">%s</th>"
		    "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
		    caption, label_head, value_head);
		for (i = 0; i < n; i++) {
			if (it[i].href != NULL)
				html_fmt(b, "<tr><th scope=\"row\"><a href=\"%H\">"
				    "%s</a></th>", it[i].href, it[i].label);
			else
				html_fmt(b, "<tr><th scope=\"row\">%s</th>",
				    it[i].label);
			if (it[i].value_href != NULL)
				html_fmt(b, "<td class=\"num\"><a class=\"fig\" "
				    "href=\"%H\">%D</a></td></tr>", it[i].value_href,
				    it[i].value > 0 ? it[i].value : 0);
			else
				html_fmt(b, "<td class=\"num\">%D</td></tr>",
				    it[i].value > 0 ? it[i].value : 0);
		}
		html_fmt(b, "</tbody></table></div>");
	}
	html_fmt(b, "</div>\n");
}
