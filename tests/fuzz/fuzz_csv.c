/* fuzz_csv.c: the streaming CSV reader (used by the people and deviation
 * imports) over an in-memory file. The first input byte picks the limits:
 * the defaults, or small ones so that the over-limit paths are reached with
 * short inputs. */
#include "fuzz.h"

#include "util/csv.h"

#define MAX_RECORDS 100000

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv	 c;
	FILE		*fp;
	char		*copy;
	size_t		 fmax = 0, rmax = 0, i, total;
	long		 records = 0, last_line = 0;
	int		 rc;

	if (size < 1 || size > FUZZ_MAX_INPUT)
		return 0;
	if (data[0] & 1) {
		fmax = 1 + (data[0] >> 4);	/* 1..16 bytes a field */
		rmax = fmax + 2 * ((data[0] >> 1) & 7);
	}
	data++;
	size--;
	/* fmemopen needs a writable buffer of at least one byte. */
	if ((copy = malloc(size ? size : 1)) == NULL)
		return 0;
	if (size > 0)
		memcpy(copy, data, size);
	else
		copy[0] = '\0';
	if ((fp = fmemopen(copy, size ? size : 1, "r")) == NULL) {
		free(copy);
		return 0;
	}
	if (size == 0)
		(void)fgetc(fp);	/* an empty file: at its end at once */
	if (csv_init(&c, fp, fmax, rmax) != 0) {
		fclose(fp);
		free(copy);
		return 0;
	}
	while ((rc = csv_read(&c)) == 1 && ++records < MAX_RECORDS) {
		FUZZ_CHECK(c.nfield >= 1 && c.nfield <= CSV_FIELDS_MAX);
		FUZZ_CHECK(c.rec_line > last_line);
		last_line = c.rec_line;
		for (i = 0, total = 0; i < c.nfield; i++) {
			FUZZ_CHECK(c.field[i] != NULL);
			FUZZ_CHECK(strlen(c.field[i]) <= c.field_max);
			total += strlen(c.field[i]);
		}
		FUZZ_CHECK(total <= c.record_max);
	}
	if (rc == -1) {
		FUZZ_CHECK(c.err != NULL);
		FUZZ_CHECK(c.err_line >= 1 && c.err_col >= 0);
	}
	csv_free(&c);
	fclose(fp);
	free(copy);
	return 0;
}
