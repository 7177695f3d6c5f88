/* pdf.h: an A4 document laid out with pango on cairo's PDF surface, for
 * the letters and reports modules print: text stays text (it can be
 * searched, copied and read back with pdftotext), a footer with a title
 * and "Page n of N" on every page, paragraphs that start a new page when
 * they do not fit. Laid out twice: a counting pass (a PDF surface that
 * writes nowhere, so the metrics are the real ones) gives N, the second
 * draws. A font map of its own per document, freed at the end. */
#ifndef ORDEN_PDF_H
#define ORDEN_PDF_H

#include <stddef.h>

#include "util/buf.h"

#define PDF_PAGE_W	595.28	/* A4 in points */
#define PDF_PAGE_H	841.89
#define PDF_MARGIN	56.0
#define PDF_BODY_W	(PDF_PAGE_W - 2 * PDF_MARGIN)

struct pdf_doc;

/* Lays out the whole document on d (called twice); 0 or -1. */
typedef int (*pdf_layout_fn)(struct pdf_doc *d, void *arg);

/* Render layout(arg) into out (appended) as a PDF whose metadata and
 * footer carry title, and author (may be NULL). 0, or -1 with out
 * possibly partly written. */
int	pdf_render(const char *title, const char *author, pdf_layout_fn layout,
	    void *arg, struct buf *out);

enum pdf_align { PDF_LEFT, PDF_RIGHT, PDF_CENTER };

/* Text at (x, y) in width w (0: no wrap) in a pango font ("Sans 10");
 * its height in points. Draws only in the drawing pass. */
double	pdf_text(struct pdf_doc *, double x, double y, double w,
	    const char *font, const char *s, enum pdf_align);
/* A paragraph at the current line across the body's width, on a new
 * page when it does not fit on this one; the line moves below it by its
 * height and after. */
void	pdf_para(struct pdf_doc *, const char *font, const char *s,
	    double indent, double after);
/* The height pdf_text would take, without drawing. */
double	pdf_measure(struct pdf_doc *, double w, const char *font,
	    const char *s);
/* The width of s on one line, unwrapped, in points. */
double	pdf_width(struct pdf_doc *, const char *font, const char *s);
/* The width of the widest word of s (split at spaces, hyphens and new
 * lines, where a line may break), unwrapped, in points. */
double	pdf_word_width(struct pdf_doc *, const char *font, const char *s);
/* Room for h more points on this page, else a new page; 1 when new. */
int	pdf_room(struct pdf_doc *, double h);
/* End this page (its footer) and start the next. */
void	pdf_new_page(struct pdf_doc *);
/* The page being laid out, from 1. */
int	pdf_page(const struct pdf_doc *);
/* The current line (points from the top) and moving it. */
double	pdf_y(const struct pdf_doc *);
void	pdf_skip(struct pdf_doc *, double dy);
/* A filled rectangle in colour (r, g, b: 0-1), and a line of width lw in
 * grey (0 black, 1 white); drawn only in the drawing pass. */
void	pdf_rect(struct pdf_doc *, double x, double y, double w, double h,
	    double r, double g, double b);
void	pdf_line(struct pdf_doc *, double x0, double y0, double x1, double y1,
	    double lw, double grey);

/* A table across the body's width (table.c): a caption, a header row,
 * then each row on the page it fits on whole; a row that does not fit
 * starts the next page under the header again. Column 0 (the row heads)
 * is first_w wide and left-aligned, the rest share what is left and are
 * right-aligned; a column whose heading has a long word is widened for it
 * (column 0 giving up room), so headings wrap between words. At most
 * PDF_TABLE_COLS columns (PDF_HEAD_FONT_MIN: the smallest heading font,
 * for a caller deciding how many columns fit). */
#define PDF_TABLE_COLS		16
#define PDF_HEAD_FONT_MIN	"Sans Bold 6"
struct pdf_table {
	const char		*caption;
	size_t			 ncol;
	const char *const	*head;		/* ncol headings */
	double			 first_w;
	/* The row that sums those above it, set in bold, counted from 1
	 * (0: none). Not always the last: the table by category has its
	 * deviations' total and then the improvement proposals apart. */
	size_t			 total_row;
};
/* cells: nrows rows of t->ncol strings. */
void	pdf_table(struct pdf_doc *, const struct pdf_table *t,
	    const char *const *cells, size_t nrows);

#endif
