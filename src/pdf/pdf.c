/* pdf.c: see pdf.h. */
#include "pdf/pdf.h"

#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "i18n/i18n.h"

#define FOOT_Y	(PDF_PAGE_H - 34.0)
#define BOTTOM	(PDF_PAGE_H - 60.0)

struct pdf_doc {
	cairo_t		*cr;
	PangoContext	*pc;
	int		 draw;		/* 0: the counting pass */
	int		 page, pages;	/* pages: of the counting pass */
	double		 y;
	const char	*title;
};

/* A layout in font on d's context, without its text yet (width and
 * wrapping are set first). Caller unrefs. */
static PangoLayout *
layout_new(struct pdf_doc *d, const char *font)
{
	PangoLayout		*l;
	PangoFontDescription	*fd;

	l = pango_layout_new(d->pc);
	fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	return l;
}

double
pdf_text(struct pdf_doc *d, double x, double y, double w, const char *font,
    const char *s, enum pdf_align align)
{
	PangoLayout		*l;
	int			 pw, ph;

	l = layout_new(d, font);
	if (w > 0) {
		pango_layout_set_width(l, (int)(w * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_alignment(l, align == PDF_RIGHT ?
		    PANGO_ALIGN_RIGHT : align == PDF_CENTER ? PANGO_ALIGN_CENTER :
		    PANGO_ALIGN_LEFT);
	}
	pango_layout_set_text(l, s != NULL ? s : "", -1);
	pango_layout_get_pixel_size(l, &pw, &ph);
	if (d->draw) {
		cairo_move_to(d->cr, x, y);
		pango_cairo_show_layout(d->cr, l);
	}
	g_object_unref(l);
	return ph;
}

static void
footer(struct pdf_doc *d)
{
	char	 s[64];

	if (!d->draw)
		return;
	snprintf(s, sizeof(s), _("Page %d of %d"), d->page, d->pages);
	cairo_set_source_rgb(d->cr, 0.35, 0.35, 0.35);
	pdf_text(d, PDF_MARGIN, FOOT_Y, PDF_BODY_W * 0.7, "Sans 8", d->title,
	    PDF_LEFT);
	pdf_text(d, PDF_MARGIN + PDF_BODY_W * 0.7, FOOT_Y, PDF_BODY_W * 0.3,
	    "Sans 8", s, PDF_RIGHT);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
}

double
pdf_width(struct pdf_doc *d, const char *font, const char *s)
{
	PangoLayout	*l = layout_new(d, font);
	int		 pw, ph;

	pango_layout_set_text(l, s != NULL ? s : "", -1);
	pango_layout_get_size(l, &pw, &ph);
	g_object_unref(l);
	return (double)pw / PANGO_SCALE;
}

double
pdf_measure(struct pdf_doc *d, double w, const char *font, const char *s)
{
	int	 was = d->draw;
	double	 h;

	d->draw = 0;
	h = pdf_text(d, 0, 0, w, font, s, PDF_LEFT);
	d->draw = was;
	return h;
}

void
pdf_new_page(struct pdf_doc *d)
{
	footer(d);
	if (d->draw)
		cairo_show_page(d->cr);
	d->page++;
	d->y = PDF_MARGIN;
}

int
pdf_page(const struct pdf_doc *d)
{
	return d->page;
}

int
pdf_room(struct pdf_doc *d, double h)
{
	if (d->y + h <= BOTTOM)
		return 0;
	pdf_new_page(d);
	return 1;
}

void
pdf_rect(struct pdf_doc *d, double x, double y, double w, double h, double r,
    double g, double b)
{
	if (!d->draw)
		return;
	cairo_set_source_rgb(d->cr, r, g, b);
	cairo_rectangle(d->cr, x, y, w, h);
	cairo_fill(d->cr);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
}

void
pdf_line(struct pdf_doc *d, double x0, double y0, double x1, double y1,
    double lw, double grey)
{
	if (!d->draw)
		return;
	cairo_set_line_width(d->cr, lw);
	cairo_set_source_rgb(d->cr, grey, grey, grey);
	cairo_move_to(d->cr, x0, y0);
	cairo_line_to(d->cr, x1, y1);
	cairo_stroke(d->cr);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
}

void
pdf_para(struct pdf_doc *d, const char *font, const char *s, double indent,
    double after)
{
	double	 h;

	/* Measure first: a paragraph is not split between pages (one taller
	 * than a page runs over its bottom margin). */
	h = pdf_measure(d, PDF_BODY_W - indent, font, s);
	if (d->y > PDF_MARGIN)
		pdf_room(d, h);
	d->y += pdf_text(d, PDF_MARGIN + indent, d->y, PDF_BODY_W - indent,
	    font, s, PDF_LEFT) + after;
}

double
pdf_y(const struct pdf_doc *d)
{
	return d->y;
}

void
pdf_skip(struct pdf_doc *d, double dy)
{
	d->y += dy;
}

static cairo_status_t
to_buf(void *cls, const unsigned char *data, unsigned int len)
{
	return buf_append(cls, data, len) == 0 ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_WRITE_ERROR;
}

static cairo_status_t
to_nowhere(void *cls, const unsigned char *data, unsigned int len)
{
	(void)cls;
	(void)data;
	(void)len;
	return CAIRO_STATUS_SUCCESS;
}

/* One pass on surface s; the page count in d->page. */
static int
pass(struct pdf_doc *d, cairo_surface_t *s, pdf_layout_fn layout, void *arg)
{
	int rc;

	d->cr = cairo_create(s);
	pango_cairo_update_context(d->cr, d->pc);
	d->page = 1;
	d->y = PDF_MARGIN;
	rc = layout(d, arg);
	footer(d);
	cairo_destroy(d->cr);
	d->cr = NULL;
	return rc;
}

int
pdf_render(const char *title, const char *author, pdf_layout_fn layout,
    void *arg, struct buf *out)
{
	struct pdf_doc	 d;
	cairo_surface_t	*s;
	PangoFontMap	*fm;
	int		 rc;

	memset(&d, 0, sizeof(d));
	d.title = title != NULL ? title : "";
	if ((fm = pango_cairo_font_map_new()) == NULL)
		return -1;
	d.pc = pango_font_map_create_context(fm);
	s = cairo_pdf_surface_create_for_stream(to_nowhere, NULL, PDF_PAGE_W,
	    PDF_PAGE_H);
	rc = pass(&d, s, layout, arg);
	d.pages = d.page;
	cairo_surface_destroy(s);
	s = cairo_pdf_surface_create_for_stream(to_buf, out, PDF_PAGE_W,
	    PDF_PAGE_H);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, d.title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR,
	    author != NULL ? author : "");
	d.draw = 1;
	if (rc == 0)
		rc = pass(&d, s, layout, arg);
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS || buf_failed(out))
		rc = -1;
	cairo_surface_destroy(s);
	g_object_unref(d.pc);
	g_object_unref(fm);
	return rc;
}
