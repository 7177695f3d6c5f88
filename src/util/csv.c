/* csv.c: the streaming RFC 4180 reader (see csv.h).
 *
 * One byte at a time through getc: the files are small (an org chart), and
 * byte-wise reading keeps line/column tracking exact without a second pass. */
#include "util/csv.h"

#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "util/arena.h"

/* The byte-order-mark check may read up to 3 bytes that turn out to be
 * data; they wait in the 3 spare bytes at the end of rec (pending of them). */
static int
csv_raw_getc(struct csv *c)
{
	int ch;

	if (c->pending > 0) {
		unsigned char *back = (unsigned char *)c->rec + c->record_max +
		    CSV_FIELDS_MAX;
		ch = back[0];
		memmove(back, back + 1, 2);
		c->pending--;
		return ch;
	}
	return getc(c->fp);
}

/* Next byte with the position of that byte in line/col. */
static int
csv_getc(struct csv *c, int *after_nl)
{
	int ch;

	ch = csv_raw_getc(c);
	if (ch == EOF)
		return EOF;
	if (*after_nl) {
		c->line++;
		c->col = 0;
		*after_nl = 0;
	}
	/* Columns count characters: UTF-8 continuation bytes do not advance. */
	if ((ch & 0xC0) != 0x80)
		c->col++;
	if (ch == '\n')
		*after_nl = 1;
	return ch;
}

int
csv_init(struct csv *c, FILE *fp, size_t field_max, size_t record_max)
{
	memset(c, 0, sizeof(*c));
	c->fp = fp;
	c->field_max = field_max ? field_max : CSV_FIELD_MAX_DEFAULT;
	c->record_max = record_max ? record_max : CSV_RECORD_MAX_DEFAULT;
	c->line = 1;
	c->col = 0;
	c->sep = ',';
	/* record bytes + one NUL per field + 3 bytes of push-back */
	c->rec = malloc(c->record_max + CSV_FIELDS_MAX + 3);
	if (c->rec == NULL)
		return -1;
	return 0;
}

void
csv_free(struct csv *c)
{
	free(c->rec);
	c->rec = NULL;
}

static int
csv_fail(struct csv *c, const char *msg, long line, long col)
{
	c->err = msg;
	c->err_line = line;
	c->err_col = col;
	return -1;
}

/* Skip a UTF-8 byte-order mark; anything else is pushed back. */
static void
csv_skip_bom(struct csv *c)
{
	unsigned char *back = (unsigned char *)c->rec + c->record_max +
	    CSV_FIELDS_MAX;
	int ch, n = 0;
	static const unsigned char bom[3] = { 0xEF, 0xBB, 0xBF };

	while (n < 3) {
		if ((ch = getc(c->fp)) == EOF)
			break;
		back[n++] = (unsigned char)ch;
		if (back[n - 1] != bom[n - 1])
			break;
	}
	if (n == 3 && memcmp(back, bom, 3) == 0)
		n = 0;
	c->pending = n;
}

/* Append one byte of the current field. */
static int
csv_put(struct csv *c, size_t field_start, int ch)
{
	if (ch == 0)
		return csv_fail(c, N_("NUL byte in input"), c->line, c->col);
	if (c->reclen - field_start >= c->field_max)
		return csv_fail(c, N_("field too long"), c->line, c->col);
	if (c->reclen >= c->record_max + c->nfield)
		return csv_fail(c, N_("line too long"), c->line, c->col);
	c->rec[c->reclen++] = (char)ch;
	return 0;
}

/* End the current field; more = another field follows on this record. */
static int
csv_end_field(struct csv *c, size_t field_start)
{
	if (c->nfield >= CSV_FIELDS_MAX)
		return csv_fail(c, N_("too many fields"), c->line, c->col);
	c->rec[c->reclen++] = '\0';
	c->field[c->nfield++] = c->rec + field_start;
	return 0;
}

int
csv_read(struct csv *c)
{
	/* after_nl: the previous byte ended a line, so the next one starts
	 * the following line. Kept in col == -1 between calls. */
	int after_nl, ch, quoted;
	long qline, qcol;
	size_t start;

	if (c->rec == NULL)
		return csv_fail(c, N_("out of memory"), c->line, 0);
	if (!c->started) {
		c->started = 1;
		csv_skip_bom(c);
	}
	after_nl = (c->col < 0);
	if (after_nl)
		c->col = 0;
	c->reclen = 0;
	c->nfield = 0;

	ch = csv_getc(c, &after_nl);
	if (ch == EOF) {
		if (ferror(c->fp))
			return csv_fail(c, N_("read error"), c->line, c->col);
		return 0;
	}
	c->rec_line = c->line;

	for (;;) {		/* one field per turn */
		start = c->reclen;
		quoted = (ch == '"');
		if (quoted) {
			qline = c->line;
			qcol = c->col;
			for (;;) {
				ch = csv_getc(c, &after_nl);
				if (ch == EOF)
					return csv_fail(c,
					    N_("unterminated quoted field"),
					    qline, qcol);
				if (ch == '"') {
					ch = csv_getc(c, &after_nl);
					if (ch != '"')
						break;
				}
				if (csv_put(c, start, ch) < 0)
					return -1;
			}
			/* ch is the byte after the closing quote. */
			if (ch != c->sep && ch != '\n' && ch != '\r' && ch != EOF)
				return csv_fail(c,
				    N_("unexpected character after a closing quote"),
				    c->line, c->col);
		} else {
			while (ch != c->sep && ch != '\n' && ch != '\r' &&
			    ch != EOF) {
				if (ch == '"')
					return csv_fail(c,
					    N_("quote inside an unquoted field"),
					    c->line, c->col);
				if (csv_put(c, start, ch) < 0)
					return -1;
				ch = csv_getc(c, &after_nl);
			}
		}
		if (csv_end_field(c, start) < 0)
			return -1;
		if (ch == c->sep) {
			ch = csv_getc(c, &after_nl);
			continue;
		}
		if (ch == '\r') {
			ch = csv_getc(c, &after_nl);
			if (ch != '\n')
				return csv_fail(c,
				    N_("carriage return without line feed"),
				    c->line, c->col);
		}
		if (ch == EOF && ferror(c->fp))
			return csv_fail(c, N_("read error"), c->line, c->col);
		break;
	}
	/* Remember across calls that the next byte starts a new line. */
	if (after_nl)
		c->col = -1;
	return 1;
}

const char *
csv_show(struct arena *a, const char *s)
{
	char	*o;
	size_t	 i, n;

	n = strlen(s);
	if (n > CSV_SHOW_MAX)
		n = CSV_SHOW_MAX;
	if ((o = arena_strndup(a, s, n)) == NULL)
		return "?";
	for (i = 0; i < n; i++)
		if ((unsigned char)o[i] < 0x20 || o[i] == 0x7f)
			o[i] = '?';
	return o;
}

long
csv_header_col(const struct csv *c, const char *header)
{
	const char	*h = header;
	size_t		 i, n;

	for (i = 0; i < c->nfield; i++) {
		n = strcspn(h, ",");
		if (*h == '\0' || strlen(c->field[i]) != n ||
		    strncmp(c->field[i], h, n) != 0)
			return (long)i + 1;
		h += n;
		if (*h == ',')
			h++;
	}
	return *h != '\0' || (c->nfield == 0 && *header != '\0') ?
	    (long)c->nfield + 1 : 0;
}

int
csv_sniff_sep(FILE *fp)
{
	char	 line[1024];
	char	*semi, *comma;
	int	 sep = ',';

	if (ftell(fp) != 0)
		return sep;	/* not at the start, or not seekable */
	if (fgets(line, sizeof(line), fp) != NULL) {
		semi = strchr(line, ';');
		comma = strchr(line, ',');
		if (semi != NULL && (comma == NULL || semi < comma))
			sep = ';';
	}
	rewind(fp);
	return sep;
}
