/* table.c: pdf_table (pdf.h), a table whose rows never break across a
 * page, drawn with pdf.c's text, rectangles and lines. */
#include "pdf/pdf.h"

#define HEAD_FONT	"Sans Bold 7.5"
#define ROW_FONT	"Sans 8"
#define TOTAL_FONT	"Sans Bold 8"
#define PAD		3.0

static double
col_w(const struct pdf_table *t, size_t i)
{
	return i == 0 ? t->first_w :
	    (PDF_BODY_W - t->first_w) / (double)(t->ncol - 1);
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
	double	 hh = row_height(d, t, t->head, HEAD_FONT);
	size_t	 r;

	pdf_room(d, hh + 40);
	pdf_skip(d, pdf_text(d, PDF_MARGIN, pdf_y(d), PDF_BODY_W, "Sans Italic 9",
	    t->caption, PDF_LEFT) + 4);
	row(d, t, t->head, HEAD_FONT, 1);
	for (r = 0; r < nrows; r++) {
		const char *const *c = cells + r * t->ncol;

		if (pdf_room(d, row_height(d, t, c, ROW_FONT)))
			row(d, t, t->head, HEAD_FONT, 1);
		row(d, t, c, r + 1 == nrows && t->bold_last ? TOTAL_FONT :
		    ROW_FONT, 0);
	}
	pdf_skip(d, 14);
}
