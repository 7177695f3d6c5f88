/* xlsx.c: the tertial report as an Excel workbook (report_xlsx).
 *
 * libxlsxwriter writes to a named file only (1.1.4 has no memory
 * target): a private directory from mkdtemp holds the workbook and, in
 * constant-memory mode, the library's row files; the finished file is read
 * into out and everything removed. Constant memory: each row is written
 * out as it is finished, so a large export needs no more memory than one
 * row (the rows are written in order, as that mode requires). */
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "deviation/deviation.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/date.h"

struct book {
	lxw_workbook	*wb;
	lxw_format	*head, *date, *num1;
};

/* A header row, frozen, with the columns' widths. */
static lxw_worksheet *
sheet(struct book *k, const char *name, const char *const *cols,
    const double *widths, size_t ncol)
{
	lxw_worksheet	*ws;
	size_t		 i;

	if ((ws = workbook_add_worksheet(k->wb, name)) == NULL)
		return NULL;
	for (i = 0; i < ncol; i++) {
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL);
		worksheet_write_string(ws, 0, (lxw_col_t)i, cols[i], k->head);
	}
	worksheet_freeze_panes(ws, 1, 0);
	return ws;
}

static void
days(lxw_worksheet *ws, struct book *k, lxw_row_t r, lxw_col_t c, double v)
{
	if (v >= 0)
		worksheet_write_number(ws, r, c, v, k->num1);
	else
		worksheet_write_blank(ws, r, c, NULL);
}

/* Row j + 1 of a sheet: the name of group j (past the groups: the total,
 * in bold) in column 0. The group's (or the total's) numbers. */
static const struct rep_row *
name_cell(lxw_worksheet *ws, const struct book *k, const struct rep_numbers *n,
    size_t j)
{
	const struct rep_row *r = j < n->nrows ? &n->rows[j] : &n->total;

	worksheet_write_string(ws, (lxw_row_t)(j + 1), 0, r->name,
	    j < n->nrows ? NULL : k->head);
	return r;
}

/* The counts v[0..nv-1] as numbers in row j + 1 from column col on. */
static void
number_cells(lxw_worksheet *ws, size_t j, size_t col, const int64_t *v,
    size_t nv)
{
	size_t i;

	for (i = 0; i < nv; i++)
		worksheet_write_number(ws, (lxw_row_t)(j + 1),
		    (lxw_col_t)(col + i), (double)v[i], NULL);
}

static int
by_category(struct book *k, const struct rep_numbers *n)
{
	lxw_worksheet	*ws;
	const char	**cols;
	double		*w;
	size_t		 ncol = n->ncat + 3, i, j;
	const struct rep_row *r;
	int		 rc = -1;

	cols = calloc(ncol, sizeof(*cols));
	w = calloc(ncol, sizeof(*w));
	if (cols == NULL || w == NULL)
		goto out;
	cols[0] = _("Group");
	w[0] = 36;
	for (i = 0; i < n->ncat; i++) {
		cols[i + 1] = n->cats[i].name;
		w[i + 1] = 14;
	}
	cols[n->ncat + 1] = _("Deviations");
	cols[n->ncat + 2] = _("Improvement proposals");
	w[n->ncat + 1] = 12;
	w[n->ncat + 2] = 18;
	if ((ws = sheet(k, _("By category"), cols, w, ncol)) == NULL)
		goto out;
	for (j = 0; j <= n->nrows; j++) {
		r = name_cell(ws, k, n, j);
		number_cells(ws, j, 1, r->by_cat, n->ncat);
		number_cells(ws, j, n->ncat + 1, (const int64_t[]){ r->deviations,
		    r->improvements }, 2);
	}
	rc = 0;
out:
	free(cols);
	free(w);
	return rc;
}

static int
status(struct book *k, const struct rep_numbers *n)
{
	const char *const cols[] = { _("Group"), _("Deviations"),
	    _("Still open"), _("Closed"), _("Median days to close"),
	    _("Days to close, 90th percentile") };
	static const double w[] = { 36, 12, 14, 12, 22, 28 };
	lxw_worksheet	*ws;
	const struct rep_row *r;
	lxw_row_t	 row;
	size_t		 j;

	if ((ws = sheet(k, _("Status"), cols, w, 6)) == NULL)
		return -1;
	for (j = 0; j <= n->nrows; j++) {
		r = name_cell(ws, k, n, j);
		row = (lxw_row_t)(j + 1);
		number_cells(ws, j, 1, (const int64_t[]){ r->deviations, r->open,
		    r->closed }, 3);
		days(ws, k, row, 4, r->median_days);
		days(ws, k, row, 5, r->p90_days < 0 ? -1 : (double)r->p90_days);
	}
	return 0;
}

static int
last_year(struct book *k, const struct rep_numbers *n)
{
	const char *const cols[] = { _("Group"), _("Deviations"),
	    _("Same period last year"), _("Improvement proposals"),
	    _("Proposals the same period last year") };
	static const double w[] = { 36, 12, 22, 18, 30 };
	lxw_worksheet	*ws;
	const struct rep_row *r;
	size_t		 j;

	if ((ws = sheet(k, _("Last year"), cols, w, 5)) == NULL)
		return -1;
	for (j = 0; j <= n->nrows; j++) {
		r = name_cell(ws, k, n, j);
		number_cells(ws, j, 1, (const int64_t[]){ r->deviations,
		    r->last_deviations, r->improvements, r->last_improvements }, 4);
	}
	return 0;
}

/* A local (Oslo) day as an Excel date. */
static void
local_date(lxw_worksheet *ws, struct book *k, lxw_row_t r, int64_t t)
{
	lxw_datetime	 dt;
	struct tm	 tm;

	if (date_local(t, &tm) != 0) {
		worksheet_write_blank(ws, r, 1, NULL);
		return;
	}
	memset(&dt, 0, sizeof(dt));
	dt.year = tm.tm_year + 1900;
	dt.month = tm.tm_mon + 1;
	dt.day = tm.tm_mday;
	worksheet_write_datetime(ws, r, 1, &dt, k->date);
}

static int
about(struct book *k, const struct rep_numbers *n, const struct rep_written *wr)
{
	const char *const cols[] = { _("About the report"), "" };
	static const double w[] = { 24, 44 };
	lxw_worksheet	*ws;

	if ((ws = sheet(k, _("About"), cols, w, 2)) == NULL)
		return -1;
	worksheet_write_string(ws, 1, 0, _("Municipality"), NULL);
	worksheet_write_string(ws, 1, 1, n->tenant_name ? n->tenant_name : "", NULL);
	worksheet_write_string(ws, 2, 0, _("Area"), NULL);
	worksheet_write_string(ws, 2, 1, n->area_name ? n->area_name : "", NULL);
	worksheet_write_string(ws, 3, 0, _("From"), NULL);
	local_date(ws, k, 3, n->period.from);
	worksheet_write_string(ws, 4, 0, _("To"), NULL);
	local_date(ws, k, 4, n->period.to);
	worksheet_write_string(ws, 5, 0, _("Status"), NULL);
	worksheet_write_string(ws, 5, 1, wr != NULL && wr->approved != NULL ?
	    wr->approved : _("Draft"), NULL);
	return 0;
}

/* The written sections: one row per group and section, the text in a
 * wrapped cell. */
static int
written(struct book *k, const struct rep_written *w)
{
	const char *const cols[] = { _("Section"), _("Group"), _("Text"),
	    _("Status") };
	static const double wd[] = { 28, 26, 90, 14 };
	lxw_worksheet	*ws;
	lxw_format	*wrap;
	size_t		 i;

	if (w == NULL)
		return 0;
	if ((ws = sheet(k, _("Written sections"), cols, wd, 4)) == NULL ||
	    (wrap = workbook_add_format(k->wb)) == NULL)
		return -1;
	format_set_text_wrap(wrap);
	format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
	for (i = 0; i < w->n; i++) {
		lxw_row_t r = (lxw_row_t)(i + 1);

		worksheet_write_string(ws, r, 0, w->v[i].section < w->nsections ?
		    w->section_titles[w->v[i].section] : "", NULL);
		worksheet_write_string(ws, r, 1, w->v[i].group, NULL);
		worksheet_write_string(ws, r, 2, w->v[i].body, wrap);
		worksheet_write_string(ws, r, 3, w->approved != NULL ? _("Approved") :
		    w->v[i].ready ? _("Ready") : _("Draft"), NULL);
	}
	if (w->approved != NULL)
		worksheet_write_string(ws, (lxw_row_t)(w->n + 2), 0, w->approved, NULL);
	return 0;
}

static int
slurp(const char *path, struct buf *out)
{
	FILE	*fp;
	char	 b[8192];
	size_t	 got;
	int	 rc = 0;

	if ((fp = fopen(path, "rb")) == NULL)
		return -1;
	while ((got = fread(b, 1, sizeof(b), fp)) > 0)
		if (buf_append(out, b, got) != 0)
			rc = -1;
	if (ferror(fp))
		rc = -1;
	fclose(fp);
	return rc;
}

int
report_xlsx(const struct rep_numbers *n, const struct rep_written *w,
    struct buf *out)
{
	lxw_workbook_options	 opt;
	struct book		 k;
	const char		*tmp = getenv("TMPDIR");
	char			 dir[512], path[600];
	int			 rc = -1;

	snprintf(dir, sizeof(dir), "%s/orden-xlsx-XXXXXX",
	    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/report.xlsx", dir);
	memset(&opt, 0, sizeof(opt));
	opt.constant_memory = LXW_TRUE;
	opt.tmpdir = dir;
	memset(&k, 0, sizeof(k));
	if ((k.wb = workbook_new_opt(path, &opt)) == NULL)
		goto out;
	k.head = workbook_add_format(k.wb);
	format_set_bold(k.head);
	k.date = workbook_add_format(k.wb);
	format_set_num_format(k.date, "dd.mm.yyyy");
	k.num1 = workbook_add_format(k.wb);
	format_set_num_format(k.num1, "0.0");
	rc = by_category(&k, n) == 0 && status(&k, n) == 0 &&
	    last_year(&k, n) == 0 && written(&k, w) == 0 &&
	    about(&k, n, w) == 0 ? 0 : -1;
	if (workbook_close(k.wb) != LXW_NO_ERROR)
		rc = -1;
	if (rc == 0)
		rc = slurp(path, out);
out:
	unlink(path);
	rmdir(dir);
	return rc;
}
