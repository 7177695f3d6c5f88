/* matrix.c: the 5 x 5 risk matrix as an accessible SVG. Probability runs
 * up, consequence to the right; every cell shows its count as text (not
 * colour alone), says in words what it is, and links to its risks. The
 * colour bands (low, medium, high) are named in a legend too. */
#include "web/risk/risk_matrix.h"

#include <string.h>

#include "html/html.h"
#include "i18n/i18n.h"

#define CELL	56
#define LEFT	150	/* room for the words of the probability steps */
#define BOTTOM	110	/* and of the consequence steps, slanted */

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

void
web_risk_matrix(struct buf *b, const struct risk_matrix *m,
    const struct risk_scale *s, const char *href_base, const char *id)
{
	int	p, c, x, y, w = LEFT + RISK_SCALE * CELL + 10,
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
	/* The axes: each step's number and the municipality's word (the
	 * cells' labels say the same to a screen reader). */
	for (p = 1; p <= RISK_SCALE; p++)
		html_fmt(b, "<text class=\"axis-p\" x=\"%d\" y=\"%d\" "
		    "text-anchor=\"end\" font-size=\"12\" aria-hidden=\"true\" "
		    "fill=\"#000\">%d %s</text>", LEFT - 6,
		    (RISK_SCALE - p) * CELL + CELL / 2 + 4, p,
		    risk_scale_word(s, RAX_PROBABILITY, p));
	for (c = 1; c <= RISK_SCALE; c++) {
		x = LEFT + (c - 1) * CELL + CELL / 2;
		y = RISK_SCALE * CELL + 14;
		html_fmt(b, "<text class=\"axis-c\" x=\"%d\" y=\"%d\" "
		    "text-anchor=\"end\" font-size=\"12\" "
		    "transform=\"rotate(-35 %d %d)\" aria-hidden=\"true\" "
		    "fill=\"#000\">%d %s</text>", x, y, x, y, c,
		    risk_scale_word(s, RAX_IMPACT, c));
	}
	html_fmt(b, "</svg><figcaption id=\"%s-cap\">%s %d. %s</figcaption>"
	    "<p class=\"hint\">%s: %s (1–4), %s (5–12), %s (15–25).</p>"
	    "</figure>\n", id, _("Risk matrix: probability (up) by consequence "
	    "(across); the number in each cell is how many risks are there. "
	    "Risks in all:"), m->total, _("Choose a cell to see its risks."),
	    _("Score bands"), _(band_name[0]), _(band_name[1]), _(band_name[2]));
}
