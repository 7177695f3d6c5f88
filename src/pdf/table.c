/* table.c: pdf_table (pdf.h), a table whose rows never break across a
 * page, drawn with pdf.c's text, rectangles and lines. */
#include "pdf/pdf.h"

#include <string.h>

#define ROW_FONT	"Sans 8"
#define TOTAL_FONT	"Sans Bold 8"
#define PAD		3.0

static double
col_w(const struct pdf_table *t, size_t i)
{
	return i == 0 ? t->first_w :
	    (PDF_BODY_W - t->first_w) / (double)(t->ncol - 1);
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
	{ 6.5, "Sans Bold 6.5" }, { 6.0, "Sans Bold 6" },
};
#define NHEADS	(sizeof(heads) / sizeof(heads[0]))

/* The largest size (at most heads[0]'s) at which no word of s (split at
 * spaces and hyphens, where pango may break anyway) is wider than w. */
static double
words_size(struct pdf_doc *d, double w, const char *s)
{
	char	 word[128];
	double	 size = heads[0].size, ww;
	size_t	 len;

	while (s != NULL && *s != '\0') {
		len = strcspn(s, " -\n");
		if (len > 0 && len < sizeof(word)) {
			memcpy(word, s, len);
			word[len] = '\0';
			ww = pdf_width(d, heads[0].font, word);
			if (ww > w && heads[0].size * w / ww < size)
				size = heads[0].size * w / ww;
		}
		s += len;
		if (*s != '\0')
			s++;
	}
	return size;
}

/* The header's font for t (static storage). */
static const char *
head_font(struct pdf_doc *d, const struct pdf_table *t)
{
	double	 need = heads[0].size, s;
	size_t	 f, i;

	for (i = 0; i < t->ncol; i++)
		if ((s = words_size(d, col_w(t, i) - 2 * PAD, t->head[i])) < need)
			need = s;
	for (f = 0; f + 1 < NHEADS && heads[f].size > need; f++)
		;
	return heads[f].font;
}

/* The height of one row: its tallest cell, padded. */
static double
row_height(struct pdf_doc *d, const struct pdf_table *t,
    const char *const *cells, const char *font)
{
	double	 h, m = 0;
	size_t	 i;

	for (i = 0; i < t->ncol; i++) {
		h = pdf_measure(d, col_w(t, i) - 2 * PAD, font, cells[i]);
		if (h > m)
			m = h;
	}
	return m + 2 * PAD;
}

static void
row(struct pdf_doc *d, const struct pdf_table *t, const char *const *cells,
    const char *font, int shade)
{
	double	 x = PDF_MARGIN, y = pdf_y(d);
	double	 h = row_height(d, t, cells, font);
	size_t	 i;

	if (shade)
		pdf_rect(d, PDF_MARGIN, y, PDF_BODY_W, h, 0.92, 0.94, 0.97);
	for (i = 0; i < t->ncol; i++) {
		pdf_text(d, x + PAD, y + PAD, col_w(t, i) - 2 * PAD, font,
		    cells[i], i == 0 ? PDF_LEFT : PDF_RIGHT);
		x += col_w(t, i);
	}
	pdf_line(d, PDF_MARGIN, y + h, PDF_MARGIN + PDF_BODY_W, y + h, 0.4, 0.6);
	pdf_skip(d, h);
}

void
pdf_table(struct pdf_doc *d, const struct pdf_table *t,
    const char *const *cells, size_t nrows)
{
	const char *hf = head_font(d, t);
	double	 hh = row_height(d, t, t->head, hf);
	size_t	 r;

	pdf_room(d, hh + 40);
	pdf_skip(d, pdf_text(d, PDF_MARGIN, pdf_y(d), PDF_BODY_W, "Sans Italic 9",
	    t->caption, PDF_LEFT) + 4);
	row(d, t, t->head, hf, 1);
	for (r = 0; r < nrows; r++) {
		const char *const *c = cells + r * t->ncol;

		if (pdf_room(d, row_height(d, t, c, ROW_FONT)))
			row(d, t, t->head, hf, 1);
		row(d, t, c, r + 1 == t->total_row ? TOTAL_FONT : ROW_FONT, 0);
	}
	pdf_skip(d, 14);
}
