/* csv.h: a streaming RFC 4180 reader with hard limits.
 *
 * Records are read one at a time from a FILE; memory is bounded by the
 * limits given at creation, never by the input. Quoted fields may hold
 * commas, doubled quotes and line breaks. A UTF-8 byte-order mark at the
 * start is skipped; CRLF and LF both end a record. Errors name the physical
 * line (1-based, counting line breaks inside quoted fields) and the column
 * (1-based, in UTF-8 characters) where the input went wrong.
 */
#ifndef ORDEN_CSV_H
#define ORDEN_CSV_H

#include <stddef.h>
#include <stdio.h>

#define CSV_FIELD_MAX_DEFAULT	1024	/* bytes in one field */
#define CSV_RECORD_MAX_DEFAULT	8192	/* bytes in one record, all fields */
#define CSV_FIELDS_MAX		64	/* fields in one record */

struct csv {
	FILE		*fp;		/* borrowed */
	size_t		 field_max;
	size_t		 record_max;
	long		 line;		/* physical line of the next byte */
	long		 col;		/* column of the last byte read */
	int		 started;	/* the BOM check has been done */
	int		 pending;	/* bytes pushed back by the BOM check */
	/* The field separator: ',' from csv_init; a caller may set ';'
	 * (what a Norwegian spreadsheet saves) before the first read. */
	int		 sep;
	char		*rec;		/* owned: fields, NUL-separated */
	size_t		 reclen;
	/* The record just read: fields point into rec, valid until the next
	 * csv_read or csv_free. */
	const char	*field[CSV_FIELDS_MAX];
	size_t		 nfield;
	long		 rec_line;	/* physical line the record starts on */
	/* After csv_read returned -1. */
	long		 err_line;
	long		 err_col;
	const char	*err;		/* static English text (msgid) */
};

/* Set up a reader on fp (borrowed; the caller closes it). field_max and
 * record_max of 0 take the defaults. 0, or -1 when out of memory. Free with
 * csv_free even after an error. */
int	csv_init(struct csv *, FILE *fp, size_t field_max, size_t record_max);
/* Read the next record: 1 with field/nfield/rec_line set, 0 at the end of
 * the input, -1 on malformed or over-limit input (err, err_line, err_col
 * set; reading further is not meaningful). An empty line is a record with
 * one empty field. */
int	csv_read(struct csv *);
void	csv_free(struct csv *);

/* The separator a file's header line uses: ';' when one comes before any
 * ',' (what a Norwegian spreadsheet saves as CSV), else ','. fp is read
 * from its start and rewound; one that cannot be rewound (a pipe) is left
 * alone and gets ','. Set it as c->sep before the first csv_read. */
int	csv_sniff_sep(FILE *fp);

struct arena;
#define CSV_SHOW_MAX	64	/* bytes of a bad value echoed back */
/* A value from a file made safe to echo in an error message: control
 * bytes become '?', cut at CSV_SHOW_MAX bytes. In the arena ("?" when it
 * is full). */
const char *csv_show(struct arena *, const char *s);
/* The first column (from 1) of the record c holds (a header line) that is
 * not the one header ("a,b,c") names there: a name that differs, one
 * missing, or one too many; 0 when they are the same. */
long	csv_header_col(const struct csv *c, const char *header);

#endif
