/* table.c: pdf_table (pdf.h), a table whose rows never break across a
 * page, drawn with pdf.c's text, rectangles and lines. */
#include "pdf/pdf.h"

#include <string.h>

#define ROW_FONT	"Sans 8"
#define TOTAL_FONT	"Sans Bold 8"
#define PAD		3.0

/* The columns' widths of one table: t->first_w and equal shares unless
 * a heading's longest word needs more (col_widths). */
struct cols {
	size_t	n;
	double	w[PDF_TABLE_COLS];
};

static double
col_w(const struct cols *c, size_t i)
{
	return c->w[i];
}

/* The header's font: the largest size at which every word of every
 * heading fits its column whole, so that a narrow column reads "Under
 * behandling" and not "behandlin-g"; the smallest when none does. Each
 * word is measured once, at the largest size: its width grows in
 * proportion to the size. */
static const struct {
	double		 size;
	const char	*font;	/* written out: no decimal comma of a locale */
} heads[] = {
	{ 7.5, "Sans Bold 7.5" }, { 7.0, "Sans Bold 7" },
	{ 6.5, "Sans Bold 6.5" }, { 6.0, PDF_HEAD_FONT_MIN },
};
#define NHEADS	(sizeof(heads) / sizeof(heads[0]))

double
pdf_word_width(struct pdf_doc *d, const char *font, const char *s)
{
	char	 word[128];
	double	 m = 0, ww;
	size_t	 len;

	while (s != NULL && *s != '\0') {
		len = strcspn(s, " -\n");
		if (len > 0 && len < sizeof(word)) {
			memcpy(word, s, len);
			word[len] = '\0';
			if ((ww = pdf_width(d, font, word)) > m)
				m = ww;
		}
		s += len;
		if (*s != '\0')
			s++;
	}
	return m;
}

/* The largest size (at most heads[0]'s) at which no word of s (split at
 * spaces and hyphens, where pango may break anyway) is wider than w. */
static double
words_size(struct pdf_doc *d, double w, const char *s)
{
	double	 ww = pdf_word_width(d, heads[0].font, s);

	return ww > w ? heads[0].size * w / ww : heads[0].size;
}

/* Each column as wide as its heading's longest word needs at the smallest
 * header font, so that a narrow column's heading wraps between words
 * ("Forbedrings|forslag" is not one), the space left shared evenly; the
 * first column gives up room down to its own longest word when the
 * others need it. When even that is not enough, equal shares as before
 * (and pango breaks the word). */
static void
col_widths(struct pdf_doc *d, const struct pdf_table *t,
    const char *const *cells, size_t nrows, struct cols *c)
{
	double	 need[PDF_TABLE_COLS], sum = 0, first = t->first_w, floor, ww;
	size_t	 i, r;

	c->n = t->ncol < PDF_TABLE_COLS ? t->ncol : PDF_TABLE_COLS;
	for (i = 0; i < c->n; i++)
		c->w[i] = i == 0 ? t->first_w :
		    (PDF_BODY_W - t->first_w) / (double)(c->n - 1);
	for (i = 1; i < c->n; i++) {
		need[i] = pdf_word_width(d, heads[NHEADS - 1].font, t->head[i]) +
		    2 * PAD + 1;
		sum += need[i];
	}
	if (c->n < 2)
		return;
	if (sum > PDF_BODY_W - first) {
		floor = pdf_word_width(d, heads[NHEADS - 1].font, t->head[0]);
		for (r = 0; r < nrows; r++)
			if ((ww = pdf_word_width(d, TOTAL_FONT,
			    cells[r * t->ncol])) > floor)
				floor = ww;
		floor += 2 * PAD + 1;
		if (PDF_BODY_W - sum < floor)
			return;	/* cannot: equal shares */
		first = PDF_BODY_W - sum;
	}
	c->w[0] = first;
	for (i = 1; i < c->n; i++)
		c->w[i] = need[i] + (PDF_BODY_W - first - sum) / (double)(c->n - 1);
}

/* The header's font for t (static storage). */
static const char *
head_font(struct pdf_doc *d, const struct pdf_table *t, const struct cols *c)
{
	double	 need = heads[0].size, s;
	size_t	 f, i;

	for (i = 0; i < c->n; i++)
		if ((s = words_size(d, col_w(c, i) - 2 * PAD, t->head[i])) < need)
			need = s;
	for (f = 0; f + 1 < NHEADS && heads[f].size > need; f++)
		;
	return heads[f].font;
}

/* The height of one row: its tallest cell, padded. */
static double
row_height(struct pdf_doc *d, const struct cols *c, const char *const *cells,
    const char *font)
{
	double	 h, m = 0;
	size_t	 i;

	for (i = 0; i < c->n; i++) {
		h = pdf_measure(d, col_w(c, i) - 2 * PAD, font, cells[i]);
		if (h > m)
			m = h;
	}
	return m + 2 * PAD;
}

static void
row(struct pdf_doc *d, const struct cols *c, const char *const *cells,
    const char *font, int shade)
{
	double	 x = PDF_MARGIN, y = pdf_y(d);
	double	 h = row_height(d, c, cells, font);
	size_t	 i;

	if (shade)
		pdf_rect(d, PDF_MARGIN, y, PDF_BODY_W, h, 0.92, 0.94, 0.97);
	for (i = 0; i < c->n; i++) {
		pdf_text(d, x + PAD, y + PAD, col_w(c, i) - 2 * PAD, font,
		    cells[i], i == 0 ? PDF_LEFT : PDF_RIGHT);
		x += col_w(c, i);
	}
	pdf_line(d, PDF_MARGIN, y + h, PDF_MARGIN + PDF_BODY_W, y + h, 0.4, 0.6);
	pdf_skip(d, h);
}

void
pdf_table(struct pdf_doc *d, const struct pdf_table *t,
    const char *const *cells, size_t nrows)
{
	struct cols	 c;
	const char	*hf;
	double		 hh;
	size_t		 r;

	col_widths(d, t, cells, nrows, &c);
	hf = head_font(d, t, &c);
	hh = row_height(d, &c, t->head, hf);
	pdf_room(d, hh + 40);
	pdf_skip(d, pdf_text(d, PDF_MARGIN, pdf_y(d), PDF_BODY_W, "Sans Italic 9",
	    t->caption, PDF_LEFT) + 4);
	row(d, &c, t->head, hf, 1);
	for (r = 0; r < nrows; r++) {
		const char *const *rc = cells + r * t->ncol;

		if (pdf_room(d, row_height(d, &c, rc, ROW_FONT)))
			row(d, &c, t->head, hf, 1);
		row(d, &c, rc, r + 1 == t->total_row ? TOTAL_FONT : ROW_FONT, 0);
	}
	pdf_skip(d, 14);
}
