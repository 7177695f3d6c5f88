/* pdf.c: the tertial report as a PDF a council expects (report_pdf): A4,
 * the municipality's name, a table of contents, page numbers "n / N",
 * bar charts drawn as vectors with their numbers beside them, tables that
 * never break inside a row (a row that does not fit starts the next page,
 * under the table's header again), text as text (pango), so it can be
 * searched and copied.
 *
 * Laid out twice: a first pass on a PDF surface that writes nowhere counts
 * the pages and finds the page each section starts on; the second draws
 * with the contents and "of N" known. A font map of our own per
 * document, freed at the end, so no font state outlives the request. */
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "deviation/deviation.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/date.h"

#define PAGE_W		595.28	/* A4 in points */
#define PAGE_H		841.89
#define MARGIN		56.0
#define BODY_W		(PAGE_W - 2 * MARGIN)
#define FOOT_Y		(PAGE_H - 34.0)
#define BOTTOM		(PAGE_H - 60.0)
#define NSECT		3	/* the numbers' sections */
#define NSECT_MAX	(NSECT + 4)	/* and the four written ones */

struct doc {
	cairo_t		*cr;
	PangoContext	*pc;
	const struct rep_numbers *n;
	const struct rep_written *w;	/* NULL: none */
	int		 draw;		/* 0: the counting pass */
	int		 page, pages;	/* pages: of the counting pass */
	int		 sect_page[NSECT_MAX];
	double		 y;
	const char	*title;
};

/* Write text at (x, y) in width w (0: no wrap); its height. */
static double
text(struct doc *d, double x, double y, double w, const char *font,
    const char *s, PangoAlignment align)
{
	PangoLayout		*l;
	PangoFontDescription	*fd;
	int			 pw, ph;

	l = pango_layout_new(d->pc);
	fd = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (w > 0) {
		pango_layout_set_width(l, (int)(w * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_alignment(l, align);
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

/* The height text would take, without drawing it. */
static double
measure(struct doc *d, double w, const char *font, const char *s)
{
	int	draw = d->draw;
	double	h;

	d->draw = 0;
	h = text(d, 0, 0, w, font, s, PANGO_ALIGN_LEFT);
	d->draw = draw;
	return h;
}

static void
footer(struct doc *d)
{
	char	 s[64];

	if (!d->draw)
		return;
	snprintf(s, sizeof(s), _("Page %d of %d"), d->page, d->pages);
	cairo_set_source_rgb(d->cr, 0.35, 0.35, 0.35);
	text(d, MARGIN, FOOT_Y, BODY_W / 2, "Sans 8", d->title, PANGO_ALIGN_LEFT);
	text(d, MARGIN + BODY_W / 2, FOOT_Y, BODY_W / 2, "Sans 8", s,
	    PANGO_ALIGN_RIGHT);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
}

static void
new_page(struct doc *d)
{
	footer(d);
	if (d->draw)
		cairo_show_page(d->cr);
	d->page++;
	d->y = MARGIN;
}

/* Room for h more points on this page, else a new one; 1 when new. */
static int
room(struct doc *d, double h)
{
	if (d->y + h <= BOTTOM)
		return 0;
	new_page(d);
	return 1;
}

static void
heading(struct doc *d, int sect, const char *s)
{
	char	 t[256];

	/* A heading never ends a page: it keeps the start of what follows. */
	room(d, 220);
	d->sect_page[sect] = d->page;
	snprintf(t, sizeof(t), "%d  %s", sect + 1, s);
	d->y += text(d, MARGIN, d->y, BODY_W, "Sans Bold 14", t, PANGO_ALIGN_LEFT) + 8;
}

/* A table: cols[0] is the row heads' column (wider), the rest numbers. */
struct table {
	const char	*caption;
	size_t		 ncol;
	const char	**head;
	double		 first_w;
	int		 bold_last;	/* the last row is a total */
};

static double
row_height(struct doc *d, const struct table *t, const char *const *cells,
    const char *font)
{
	double	 w = (BODY_W - t->first_w) / (double)(t->ncol - 1), h, m = 0;
	size_t	 i;
	int	 was = d->draw;

	d->draw = 0;
	for (i = 0; i < t->ncol; i++) {
		h = text(d, 0, 0, (i == 0 ? t->first_w : w) - 6, font, cells[i],
		    PANGO_ALIGN_RIGHT);
		if (h > m)
			m = h;
	}
	d->draw = was;
	return m + 6;
}

static void
table_row(struct doc *d, const struct table *t, const char *const *cells,
    const char *font, int shade)
{
	double	 w = (BODY_W - t->first_w) / (double)(t->ncol - 1), x = MARGIN;
	double	 h = row_height(d, t, cells, font);
	size_t	 i;

	if (d->draw && shade) {
		cairo_set_source_rgb(d->cr, 0.92, 0.94, 0.97);
		cairo_rectangle(d->cr, MARGIN, d->y, BODY_W, h);
		cairo_fill(d->cr);
		cairo_set_source_rgb(d->cr, 0, 0, 0);
	}
	for (i = 0; i < t->ncol; i++) {
		text(d, x + 3, d->y + 3, (i == 0 ? t->first_w : w) - 6, font,
		    cells[i], i == 0 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
		x += i == 0 ? t->first_w : w;
	}
	if (d->draw) {
		cairo_set_line_width(d->cr, 0.4);
		cairo_set_source_rgb(d->cr, 0.6, 0.6, 0.6);
		cairo_move_to(d->cr, MARGIN, d->y + h);
		cairo_line_to(d->cr, MARGIN + BODY_W, d->y + h);
		cairo_stroke(d->cr);
		cairo_set_source_rgb(d->cr, 0, 0, 0);
	}
	d->y += h;
}

/* The header, then each row on the page it fits on whole; a new page
 * repeats the header. cells: nrows rows of t->ncol strings. */
static void
table(struct doc *d, const struct table *t, const char *const *cells, size_t nrows)
{
	double	 hh = row_height(d, t, t->head, "Sans Bold 7.5");
	size_t	 r;

	room(d, hh + 40);
	d->y += text(d, MARGIN, d->y, BODY_W, "Sans Italic 9", t->caption,
	    PANGO_ALIGN_LEFT) + 4;
	table_row(d, t, t->head, "Sans Bold 7.5", 1);
	for (r = 0; r < nrows; r++) {
		const char *const *c = cells + r * t->ncol;

		if (room(d, row_height(d, t, c, "Sans 8")))
			table_row(d, t, t->head, "Sans Bold 7.5", 1);
		table_row(d, t, c, r + 1 == nrows && t->bold_last ? "Sans Bold 8" :
		    "Sans 8", 0);
	}
	d->y += 14;
}

/* Horizontal bars, each with its number printed beside it. */
static void
bars(struct doc *d, const char *caption, const char *const *labels,
    const int64_t *v, size_t n)
{
	double	 lw = 150, bw = BODY_W - lw - 40, bh = 14, x;
	int64_t	 max = 0;
	size_t	 i;
	char	 s[32];

	for (i = 0; i < n; i++)
		if (v[i] > max)
			max = v[i];
	room(d, 30 + (double)n * (bh + 6));
	d->y += text(d, MARGIN, d->y, BODY_W, "Sans Italic 9", caption,
	    PANGO_ALIGN_LEFT) + 6;
	for (i = 0; i < n; i++) {
		int	 was = d->draw;
		double	 lh;

		/* A long label wraps: its row grows to hold it. */
		d->draw = 0;
		lh = text(d, 0, 0, lw - 8, "Sans 8", labels[i], PANGO_ALIGN_RIGHT);
		d->draw = was;
		room(d, (lh > bh ? lh : bh) + 6);
		text(d, MARGIN, d->y, lw - 8, "Sans 8", labels[i], PANGO_ALIGN_RIGHT);
		x = max > 0 ? bw * (double)v[i] / (double)max : 0;
		if (d->draw) {
			cairo_set_source_rgb(d->cr, 0.16, 0.38, 0.62);
			cairo_rectangle(d->cr, MARGIN + lw, d->y, x > 0 ? x : 0.5, bh - 2);
			cairo_fill(d->cr);
			cairo_set_source_rgb(d->cr, 0, 0, 0);
		}
		snprintf(s, sizeof(s), "%lld", (long long)v[i]);
		text(d, MARGIN + lw + x + 4, d->y, 0, "Sans 8", s, PANGO_ALIGN_LEFT);
		d->y += (lh > bh ? lh : bh) + 6;
	}
	d->y += 10;
}

static const char *
num(struct doc *d, int64_t v, char *s, size_t sz)
{
	(void)d;
	snprintf(s, sz, "%lld", (long long)v);
	return s;
}

static void
days(char *s, size_t sz, double v, int comma)
{
	char	*dot;

	if (v < 0) {
		snprintf(s, sz, "–");
		return;
	}
	snprintf(s, sz, "%.1f", v);
	if (comma && (dot = strchr(s, '.')) != NULL)
		*dot = ',';
}

#define CELL	24

/* One written text: its paragraphs (parted by blank lines), each kept
 * whole on a page when it fits one. */
static void
paragraphs(struct doc *d, const char *body)
{
	const char	*p = body, *e;
	char		*para;
	double		 h;
	size_t		 len;

	while (p != NULL && *p != '\0') {
		while (*p == '\n' || *p == '\r')
			p++;
		if (*p == '\0')
			break;
		e = strstr(p, "\n\n");
		if (e == NULL)
			e = strstr(p, "\r\n\r\n");
		len = e != NULL ? (size_t)(e - p) : strlen(p);
		if ((para = strndup(p, len)) == NULL)
			return;
		h = measure(d, BODY_W, "Serif 10.5", para);
		room(d, h < BOTTOM - MARGIN ? h : 40);
		d->y += text(d, MARGIN, d->y, BODY_W, "Serif 10.5", para,
		    PANGO_ALIGN_LEFT) + 6;
		free(para);
		p += len;
	}
}

/* The four written sections, each with what every group wrote. */
static void
written(struct doc *d)
{
	const struct rep_written *w = d->w;
	char	 s[512];
	size_t	 sec, i, any;

	for (sec = 0; w != NULL && sec < w->nsections && sec < 4; sec++) {
		heading(d, NSECT + (int)sec, w->section_titles[sec]);
		for (i = 0, any = 0; i < w->n; i++) {
			if (w->v[i].section != sec)
				continue;
			any++;
			snprintf(s, sizeof(s), "%s%s", w->v[i].group,
			    w->approved == NULL && !w->v[i].ready &&
			    w->draft_mark != NULL ? w->draft_mark : "");
			room(d, 60);
			d->y += text(d, MARGIN, d->y, BODY_W, "Sans Bold 11", s,
			    PANGO_ALIGN_LEFT) + 4;
			paragraphs(d, w->v[i].body);
			d->y += 6;
		}
		if (any == 0)
			d->y += text(d, MARGIN, d->y, BODY_W, "Sans Italic 10",
			    _("Not written yet."), PANGO_ALIGN_LEFT) + 8;
	}
}

static int
layout(struct doc *d)
{
	const struct rep_numbers *n = d->n;
	const char	*sect[NSECT_MAX] = { _("Number of deviations"),
	    _("Status of closing deviations"), _("The same period last year") };
	size_t		 nsect = NSECT;
	const char	*labels[64], *cells[(64 + 1) * 16];
	char		(*buf)[CELL];
	int64_t		 v[64];
	size_t		 nr = n->nrows < 63 ? n->nrows : 63, i, j, k, ncat, c0;
	struct table	 t;
	const char	*head[16];
	char		 s[256], from[16], to[16];
	struct tm	 tm;
	/* A decimal comma unless the catalogue is English (whose
	 * translations are the msgids themselves). */
	int		 comma = strcmp(_("Page %d of %d"), "Page %d of %d") != 0;

	if ((buf = calloc((64 + 1) * 16, CELL)) == NULL)
		return -1;
	for (i = 0; d->w != NULL && i < d->w->nsections && i < 4; i++)
		sect[nsect++] = d->w->section_titles[i];
	d->page = 1;
	d->y = MARGIN;
	/* The title page: municipality, area, period, contents. */
	d->y += text(d, MARGIN, d->y, BODY_W, "Sans 12",
	    n->tenant_name, PANGO_ALIGN_LEFT) + 120;
	d->y += text(d, MARGIN, d->y, BODY_W, "Sans Bold 24", d->title,
	    PANGO_ALIGN_LEFT) + 8;
	from[0] = to[0] = '\0';
	if (date_local(n->period.from, &tm) == 0)
		strftime(from, sizeof(from), "%d.%m.%Y", &tm);
	if (date_local(n->period.to, &tm) == 0)
		strftime(to, sizeof(to), "%d.%m.%Y", &tm);
	snprintf(s, sizeof(s), "%s, %s–%s", n->area_name ? n->area_name : "", from, to);
	d->y += text(d, MARGIN, d->y, BODY_W, "Sans 13", s, PANGO_ALIGN_LEFT) + 12;
	d->y += text(d, MARGIN, d->y, BODY_W, "Sans Bold 11",
	    d->w != NULL && d->w->approved != NULL ? d->w->approved :
	    _("Draft, not approved"), PANGO_ALIGN_LEFT) + 48;
	d->y += text(d, MARGIN, d->y, BODY_W, "Sans Bold 13", _("Contents"),
	    PANGO_ALIGN_LEFT) + 8;
	for (i = 0; i < nsect; i++) {
		snprintf(s, sizeof(s), "%zu  %s", i + 1, sect[i]);
		text(d, MARGIN, d->y, BODY_W - 40, "Sans 11", s, PANGO_ALIGN_LEFT);
		snprintf(s, sizeof(s), "%d", d->sect_page[i]);
		d->y += text(d, MARGIN + BODY_W - 40, d->y, 40, "Sans 11", s,
		    PANGO_ALIGN_RIGHT) + 6;
	}
	new_page(d);

	/* 1: counts, a chart and the table by category. */
	heading(d, 0, sect[0]);
	for (i = 0; i < nr; i++) {
		labels[i] = n->rows[i].name;
		v[i] = n->rows[i].deviations;
	}
	bars(d, _("Deviations by group"), labels, v, nr);
	/* Categories down, groups across (a category's name is long, a
	 * group's short), eight groups to a table; the total in the last. */
	ncat = n->ncat < 12 ? n->ncat : 12;
	for (c0 = 0; c0 < nr + 1; c0 += 8) {
		size_t	 ng = nr + 1 - c0 < 8 ? nr + 1 - c0 : 8;

		t.caption = _("Deviations by category and group");
		t.ncol = ng + 1;
		t.first_w = 150;
		t.bold_last = 0;
		head[0] = _("Category");
		for (i = 0; i < ng; i++)
			head[i + 1] = c0 + i < nr ? n->rows[c0 + i].name : n->total.name;
		t.head = head;
		for (j = 0; j < ncat + 2; j++) {
			k = j * t.ncol;
			cells[k] = j < ncat ? n->cats[j].name : j == ncat ?
			    _("Deviations") : _("Improvement proposals");
			for (i = 0; i < ng; i++) {
				const struct rep_row *r = c0 + i < nr ?
				    &n->rows[c0 + i] : &n->total;

				cells[k + i + 1] = num(d, j < ncat ? r->by_cat[j] :
				    j == ncat ? r->deviations : r->improvements,
				    buf[k + i + 1], CELL);
			}
		}
		table(d, &t, cells, ncat + 2);
	}

	/* 2: open and closed, days to close. */
	heading(d, 1, sect[1]);
	for (i = 0; i < nr; i++)
		v[i] = n->rows[i].closed;
	bars(d, _("Closed deviations by group"), labels, v, nr);
	t.caption = sect[1];
	t.ncol = 6;
	t.first_w = 150;
	t.bold_last = 1;
	head[0] = _("Group");
	head[1] = _("Deviations");
	head[2] = _("Still open");
	head[3] = _("Closed");
	head[4] = _("Median days to close");
	head[5] = _("Days to close, 90th percentile");
	for (j = 0; j <= nr; j++) {
		const struct rep_row *r = j < nr ? &n->rows[j] : &n->total;

		k = j * t.ncol;
		cells[k] = r->name;
		cells[k + 1] = num(d, r->deviations, buf[k + 1], CELL);
		cells[k + 2] = num(d, r->open, buf[k + 2], CELL);
		cells[k + 3] = num(d, r->closed, buf[k + 3], CELL);
		days(buf[k + 4], CELL, r->median_days, comma);
		days(buf[k + 5], CELL, r->p90_days < 0 ? -1 : (double)r->p90_days, comma);
		cells[k + 4] = buf[k + 4];
		cells[k + 5] = buf[k + 5];
	}
	table(d, &t, cells, nr + 1);
	d->y += text(d, MARGIN, d->y - 8, BODY_W, "Sans Italic 8",
	    _("Days to close are whole days from report to close, of what was closed in the period; for a group of several units, of all its units together."),
	    PANGO_ALIGN_LEFT) + 8;

	/* 3: the same period last year. */
	heading(d, 2, sect[2]);
	t.caption = sect[2];
	t.ncol = 5;
	t.first_w = 150;
	t.bold_last = 1;
	head[0] = _("Group");
	head[1] = _("Deviations");
	head[2] = _("Same period last year");
	head[3] = _("Improvement proposals");
	head[4] = _("Proposals the same period last year");
	for (j = 0; j <= nr; j++) {
		const struct rep_row *r = j < nr ? &n->rows[j] : &n->total;

		k = j * t.ncol;
		cells[k] = r->name;
		cells[k + 1] = num(d, r->deviations, buf[k + 1], CELL);
		cells[k + 2] = num(d, r->last_deviations, buf[k + 2], CELL);
		cells[k + 3] = num(d, r->improvements, buf[k + 3], CELL);
		cells[k + 4] = num(d, r->last_improvements, buf[k + 4], CELL);
	}
	table(d, &t, cells, nr + 1);
	written(d);
	footer(d);
	free(buf);
	return 0;
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

int
report_pdf(const struct rep_numbers *n, const struct rep_written *w,
    const char *title, struct buf *out)
{
	struct doc	 d;
	cairo_surface_t	*s;
	PangoFontMap	*fm;
	int		 rc = -1;

	memset(&d, 0, sizeof(d));
	d.n = n;
	d.w = w;
	d.title = title;
	if ((fm = pango_cairo_font_map_new()) == NULL)
		return -1;
	d.pc = pango_font_map_create_context(fm);
	/* Pass 1: count the pages and where the sections start, on a PDF
	 * surface that writes nowhere (a recording surface would measure
	 * text with other font metrics, and break pages elsewhere). */
	s = cairo_pdf_surface_create_for_stream(to_nowhere, NULL, PAGE_W, PAGE_H);
	d.cr = cairo_create(s);
	pango_cairo_update_context(d.cr, d.pc);
	rc = layout(&d);
	d.pages = d.page;
	cairo_destroy(d.cr);
	cairo_surface_destroy(s);
	/* Pass 2: draw. */
	s = cairo_pdf_surface_create_for_stream(to_buf, out, PAGE_W, PAGE_H);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR,
	    n->tenant_name != NULL ? n->tenant_name : "");
	d.cr = cairo_create(s);
	pango_cairo_update_context(d.cr, d.pc);
	d.draw = 1;
	if (rc == 0)
		rc = layout(&d);
	cairo_destroy(d.cr);
	cairo_surface_finish(s);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS || buf_failed(out))
		rc = -1;
	cairo_surface_destroy(s);
	g_object_unref(d.pc);
	g_object_unref(fm);
	return rc;
}
