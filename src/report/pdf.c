/* pdf.c: the tertial report as a PDF a council expects (report_pdf): A4,
 * the municipality's name, a table of contents, page numbers "n / N",
 * bar charts drawn as vectors with their numbers beside them, tables that
 * never break inside a row (a row that does not fit starts the next page,
 * under the table's header again), text as text (pango), so it can be
 * searched and copied.
 *
 * Laid out twice by pdf_render (src/pdf/, which also gives the page, its
 * footer, paragraphs and tables): the counting pass finds the page each
 * section starts on; the drawing pass prints them in the contents. */
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "deviation/deviation.h"
#include "i18n/i18n.h"
#include "pdf/pdf.h"
#include "util/buf.h"
#include "util/date.h"

#define MARGIN		PDF_MARGIN
#define BODY_W		PDF_BODY_W
#define NSECT		3	/* the numbers' sections */
#define NSECT_MAX	(NSECT + 4)	/* and the four written ones */

/* What the layout reads, and the page each section starts on (found by
 * the counting pass, printed in the contents by the drawing pass). */
struct doc {
	struct pdf_doc	*p;
	const struct rep_numbers *n;
	const struct rep_written *w;	/* NULL: none */
	int		 sect_page[NSECT_MAX];
	const char	*title;
};

/* Text at the current line across the body; the line moves below it by
 * its height and after. */
static void
line(struct doc *d, const char *font, const char *s, double after)
{
	pdf_skip(d->p, pdf_text(d->p, MARGIN, pdf_y(d->p), BODY_W, font, s,
	    PDF_LEFT) + after);
}

static void
heading(struct doc *d, int sect, const char *s)
{
	char	 t[256];

	/* A heading never ends a page: it keeps the start of what follows. */
	pdf_room(d->p, 220);
	d->sect_page[sect] = pdf_page(d->p);
	snprintf(t, sizeof(t), "%d  %s", sect + 1, s);
	line(d, "Sans Bold 14", t, 8);
}

/* Horizontal bars, each with its number printed beside it. */
static void
bars(struct doc *d, const char *caption, const char *const *labels,
    const int64_t *v, size_t n)
{
	double	 lw = 150, bw = BODY_W - lw - 40, bh = 14, x, y, lh;
	int64_t	 max = 0;
	size_t	 i;
	char	 s[32];

	for (i = 0; i < n; i++)
		if (v[i] > max)
			max = v[i];
	pdf_room(d->p, 30 + (double)n * (bh + 6));
	line(d, "Sans Italic 9", caption, 6);
	for (i = 0; i < n; i++) {
		/* A long label wraps: its row grows to hold it. */
		lh = pdf_measure(d->p, lw - 8, "Sans 8", labels[i]);
		pdf_room(d->p, (lh > bh ? lh : bh) + 6);
		y = pdf_y(d->p);
		pdf_text(d->p, MARGIN, y, lw - 8, "Sans 8", labels[i], PDF_RIGHT);
		x = max > 0 ? bw * (double)v[i] / (double)max : 0;
		pdf_rect(d->p, MARGIN + lw, y, x > 0 ? x : 0.5, bh - 2,
		    0.16, 0.38, 0.62);
		snprintf(s, sizeof(s), "%lld", (long long)v[i]);
		pdf_text(d->p, MARGIN + lw + x + 4, y, 0, "Sans 8", s, PDF_LEFT);
		pdf_skip(d->p, (lh > bh ? lh : bh) + 6);
	}
	pdf_skip(d->p, 10);
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
		pdf_para(d->p, "Serif 10.5", para, 0, 6);
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
			pdf_room(d->p, 60);
			line(d, "Sans Bold 11", s, 4);
			paragraphs(d, w->v[i].body);
			pdf_skip(d->p, 6);
		}
		if (any == 0)
			line(d, "Sans Italic 10", _("Not written yet."), 8);
	}
}

/* How many groups from c0 (the total after the last) the table by
 * category takes: at most eight, and no more than fit with every word of
 * their names whole at the smallest heading font beside the categories'
 * column (its longest word); at least one. */
static size_t
group_span(struct doc *d, size_t c0, size_t ncat)
{
	const struct rep_numbers *n = d->n;
	size_t	 nr = n->nrows < 63 ? n->nrows : 63, i, ng;
	double	 first = pdf_word_width(d->p, "Sans Bold 8",
	    _("Improvement proposals")), w;

	for (i = 0; i < ncat; i++)
		if ((w = pdf_word_width(d->p, "Sans Bold 8",
		    n->cats[i].name)) > first)
			first = w;
	first += 7;
	for (ng = 0; c0 + ng < nr + 1 && ng < 8; ng++) {
		w = pdf_word_width(d->p, PDF_HEAD_FONT_MIN, c0 + ng < nr ?
		    n->rows[c0 + ng].name : n->total.name) + 7;
		if (ng > 0 && first + w > PDF_BODY_W)
			break;
		first += w;
	}
	return ng;
}

static int
layout(struct pdf_doc *p, void *arg)
{
	struct doc	*d = arg;
	const struct rep_numbers *n = d->n;
	const char	*sect[NSECT_MAX] = { _("Number of deviations"),
	    _("Status of closing deviations"), _("The same period last year") };
	size_t		 nsect = NSECT;
	const char	*labels[64], *cells[(64 + 1) * 16];
	char		(*buf)[CELL];
	int64_t		 v[64];
	size_t		 nr = n->nrows < 63 ? n->nrows : 63, i, j, k, ncat, c0, ng;
	struct pdf_table t;
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
	d->p = p;
	/* The title page: municipality, area, period, contents. */
	line(d, "Sans 12", n->tenant_name, 120);
	line(d, "Sans Bold 24", d->title, 8);
	from[0] = to[0] = '\0';
	if (date_local(n->period.from, &tm) == 0)
		strftime(from, sizeof(from), "%d.%m.%Y", &tm);
	if (date_local(n->period.to, &tm) == 0)
		strftime(to, sizeof(to), "%d.%m.%Y", &tm);
	snprintf(s, sizeof(s), "%s, %s–%s", n->area_name ? n->area_name : "", from, to);
	line(d, "Sans 13", s, 12);
	line(d, "Sans Bold 11", d->w != NULL && d->w->approved != NULL ?
	    d->w->approved : _("Draft, not approved"), 48);
	line(d, "Sans Bold 13", _("Contents"), 8);
	for (i = 0; i < nsect; i++) {
		snprintf(s, sizeof(s), "%zu  %s", i + 1, sect[i]);
		pdf_text(p, MARGIN, pdf_y(p), BODY_W - 40, "Sans 11", s, PDF_LEFT);
		snprintf(s, sizeof(s), "%d", d->sect_page[i]);
		pdf_skip(p, pdf_text(p, MARGIN + BODY_W - 40, pdf_y(p), 40,
		    "Sans 11", s, PDF_RIGHT) + 6);
	}
	pdf_new_page(p);

	/* 1: counts, a chart and the table by category. */
	heading(d, 0, sect[0]);
	for (i = 0; i < nr; i++) {
		labels[i] = n->rows[i].name;
		v[i] = n->rows[i].deviations;
	}
	bars(d, _("Deviations by group"), labels, v, nr);
	/* Categories down, groups across (a category's name is long, a
	 * group's short), at most eight groups to a table, fewer when their
	 * names' words would not fit whole (group_span); the total in the
	 * last. */
	ncat = n->ncat < 12 ? n->ncat : 12;
	for (c0 = 0; c0 < nr + 1; c0 += ng) {
		ng = group_span(d, c0, ncat);

		t.caption = _("Deviations by category and group");
		t.ncol = ng + 1;
		t.first_w = 150;
		/* "Deviations", the categories' total, under them. */
		t.total_row = ncat + 1;
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
		pdf_table(p, &t, cells, ncat + 2);
	}

	/* 2: open and closed, days to close. */
	heading(d, 1, sect[1]);
	for (i = 0; i < nr; i++)
		v[i] = n->rows[i].closed;
	bars(d, _("Closed deviations by group"), labels, v, nr);
	t.caption = sect[1];
	t.ncol = 6;
	t.first_w = 150;
	t.total_row = nr + 1;
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
	pdf_table(p, &t, cells, nr + 1);
	pdf_skip(p, -8);
	line(d, "Sans Italic 8",
	    _("Days to close are whole days from report to close, of what was closed in the period; for a group of several units, of all its units together."),
	    16);

	/* 3: the same period last year. */
	heading(d, 2, sect[2]);
	t.caption = sect[2];
	t.ncol = 5;
	t.first_w = 150;
	t.total_row = nr + 1;
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
	pdf_table(p, &t, cells, nr + 1);
	written(d);
	free(buf);
	return 0;
}

int
report_pdf(const struct rep_numbers *n, const struct rep_written *w,
    const char *title, struct buf *out)
{
	struct doc	 d;

	memset(&d, 0, sizeof(d));
	d.n = n;
	d.w = w;
	d.title = title;
	return pdf_render(title, n->tenant_name, layout, &d, out);
}
