/* pdf.h: an A4 document laid out with pango on cairo's PDF surface, for
 * the letters and reports modules print: text stays text (it can be
 * searched, copied and read back with pdftotext), a footer with a title
 * and "Page n of N" on every page, paragraphs that start a new page when
 * they do not fit. Laid out twice: a counting pass (a PDF surface that
 * writes nowhere, so the metrics are the real ones) gives N, the second
 * draws. A font map of its own per document, freed at the end. */
#ifndef ORDEN_PDF_H
#define ORDEN_PDF_H

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
/* Room for h more points on this page, else a new page; 1 when new. */
int	pdf_room(struct pdf_doc *, double h);
/* The current line (points from the top) and moving it. */
double	pdf_y(const struct pdf_doc *);
void	pdf_skip(struct pdf_doc *, double dy);

#endif
