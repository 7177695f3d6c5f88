/* matrix.c: the 5 x 5 risk matrix as an accessible SVG. Probability runs
 * up, consequence to the right; every cell shows its count as text (not
 * colour alone), says in words what it is, and links to its risks. The
 * colour bands (low, medium, high) are named in a legend too. */
#include "web/risk/risk_matrix.h"

#include <string.h>

#include "html/html.h"
#include "i18n/i18n.h"

#define CELL	56
#define LEFT	44	/* room for the probability steps' numbers and title */
#define BOTTOM	44	/* and the consequence steps' */
#define AXIS_FONT	16	/* at a phone's 360 px the SVG is drawn at about
				 * 0.9 of its size: about 14 px on the screen */

/* The band of a score p x c: 0 low (1-4), 1 medium (5-12), 2 high. */
static int
band(int p, int c)
{
	int s = p * c;

	return s <= 4 ? 0 : (s <= 12 ? 1 : 2);
}

static const char *const band_fill[3] = { "#cfe8cf", "#fbe3a6", "#f4b6b0" };
static const char *const band_name[3] = {
	N_("low"), N_("medium"), N_("high")
};

/* An axis's steps in the municipality's words ("4 Ofte"), as text
 * that wraps and zooms with the page. */
static void
scale_words(struct buf *b, const struct risk_scale *s, enum risk_axis ax,
    const char *name)
{
	int	i;

	html_fmt(b, "<div class=\"risk-scale\"><p>%s</p><ul>", name);
	for (i = 1; i <= RISK_SCALE; i++)
		html_fmt(b, "<li>%d %s</li>", i, risk_scale_word(s, ax, i));
	html_fmt(b, "</ul></div>");
}

void
web_risk_matrix(struct buf *b, const struct risk_matrix *m,
    const struct risk_scale *s, const char *href_base, const char *id)
{
	int	p, c, x, y, w = LEFT + RISK_SCALE * CELL + 8,
		h = RISK_SCALE * CELL + BOTTOM;

	html_fmt(b, "<figure class=\"risk-matrix\"><svg id=\"%s\" "
	    "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" role=\"group\" "
	    "aria-labelledby=\"%s-cap\">", id, w, h, w, h, id);
	for (p = RISK_SCALE; p >= 1; p--)
		for (c = 1; c <= RISK_SCALE; c++) {
			x = LEFT + (c - 1) * CELL;
			y = (RISK_SCALE - p) * CELL;
			html_fmt(b, "<a href=\"%H%sp=%d&amp;c=%d#risks\" "
			    "aria-label=\"%s %d (%s), %s %d (%s): %d %s (%s)\">",
			    href_base, strchr(href_base, '?') != NULL ? "&" : "?",
			    p, c, _("Probability"), p,
			    risk_scale_word(s, RAX_PROBABILITY, p),
			    _("consequence"), c,
			    risk_scale_word(s, RAX_IMPACT, c), m->cell[p - 1][c - 1],
			    m->cell[p - 1][c - 1] == 1 ? _("risk") : _("risks"),
			    _(band_name[band(p, c)]));
			html_fmt(b, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
			    "height=\"%d\" fill=\"%s\" stroke=\"#333\"/>",
			    x, y, CELL, CELL, band_fill[band(p, c)]);
			html_fmt(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
			    "font-size=\"18\" fill=\"#000\">%d</text></a>",
			    x + CELL / 2, y + CELL / 2 + 6, m->cell[p - 1][c - 1]);
		}
	/* The axes: each step's number and the axis's name. The
	 * municipality's words for the steps are text below the figure, not
	 * in the drawing: scaled down to a phone's width, words drawn beside
	 * the cells were about 6 px high (the cells' labels say the same to
	 * a screen reader). */
	for (p = 1; p <= RISK_SCALE; p++)
		html_fmt(b, "<text class=\"axis-p\" x=\"%d\" y=\"%d\" "
		    "text-anchor=\"end\" font-size=\"%d\" aria-hidden=\"true\" "
		    "fill=\"#000\">%d</text>", LEFT - 6,
		    (RISK_SCALE - p) * CELL + CELL / 2 + AXIS_FONT / 3,
		    AXIS_FONT, p);
	for (c = 1; c <= RISK_SCALE; c++)
		html_fmt(b, "<text class=\"axis-c\" x=\"%d\" y=\"%d\" "
		    "text-anchor=\"middle\" font-size=\"%d\" "
		    "aria-hidden=\"true\" fill=\"#000\">%d</text>",
		    LEFT + (c - 1) * CELL + CELL / 2,
		    RISK_SCALE * CELL + AXIS_FONT + 2, AXIS_FONT, c);
	html_fmt(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
	    "font-size=\"%d\" transform=\"rotate(-90 %d %d)\" "
	    "aria-hidden=\"true\" fill=\"#000\">%s \u2191</text>",
	    AXIS_FONT, RISK_SCALE * CELL / 2, AXIS_FONT, AXIS_FONT,
	    RISK_SCALE * CELL / 2, _("Probability"));
	html_fmt(b, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
	    "font-size=\"%d\" aria-hidden=\"true\" fill=\"#000\">%s "
	    "\u2192</text>", LEFT + RISK_SCALE * CELL / 2,
	    RISK_SCALE * CELL + 2 * AXIS_FONT + 8, AXIS_FONT, _("Consequence"));
	html_fmt(b, "</svg>");
	scale_words(b, s, RAX_PROBABILITY, _("Probability"));
	scale_words(b, s, RAX_IMPACT, _("Consequence"));
	html_fmt(b, "<figcaption id=\"%s-cap\">%s %d. %s</figcaption>"
	    "<p class=\"hint\">%s: %s (1–4), %s (5–12), %s (15–25).</p>"
	    "</figure>\n", id, _("Risk matrix: probability (up) by consequence "
	    "(across); the number in each cell is how many risks are there. "
	    "Risks in all:"), m->total, _("Choose a cell to see its risks."),
	    _("Score bands"), _(band_name[0]), _(band_name[1]), _(band_name[2]));
}
