/* file.c: what an attached file is, found from its content, never from
 * its name or the type the browser said: a PDF by its header, DOCX, XLSX
 * and ODT (zip containers) by the members their formats require, read
 * from the zip's central directory. Anything else (an EXE renamed .pdf, a
 * zip of something else) is none of them. */
#include "document/document.h"

#include <string.h>

static unsigned
le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long
le32(const unsigned char *p)
{
	return (unsigned long)p[0] | (unsigned long)p[1] << 8 |
	    (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24;
}

/* The names in a zip's central directory: 1 when one equals want. */
static int
zip_has(const unsigned char *d, size_t len, const char *want)
{
	size_t		 i, off, end, wl = strlen(want);
	unsigned long	 cd_off, cd_size;
	unsigned	 entries, k;

	if (len < 22)
		return 0;
	/* The end record is within the last 22 + 65535 bytes. */
	for (i = len - 22;; i--) {
		if (memcmp(d + i, "PK\5\6", 4) == 0)
			break;
		if (i == 0 || len - i > 22 + 65535)
			return 0;
	}
	entries = le16(d + i + 10);
	cd_size = le32(d + i + 12);
	cd_off = le32(d + i + 16);
	if (cd_off > len || cd_size > len - cd_off)
		return 0;
	off = cd_off;
	end = cd_off + cd_size;
	for (k = 0; k < entries; k++) {
		size_t nl, xl, cl;

		if (off + 46 > end || memcmp(d + off, "PK\1\2", 4) != 0)
			return 0;
		nl = le16(d + off + 28);
		xl = le16(d + off + 30);
		cl = le16(d + off + 32);
		if (off + 46 + nl > end)
			return 0;
		if (nl == wl && memcmp(d + off + 46, want, wl) == 0)
			return 1;
		off += 46 + nl + xl + cl;
	}
	return 0;
}

const char *
doc_file_sniff(const unsigned char *d, size_t len)
{
	static const char odt[] = "mimetypeapplication/vnd.oasis.opendocument.text";

	if (d == NULL || len < 8)
		return NULL;
	if (memcmp(d, "%PDF-", 5) == 0)
		return "pdf";
	if (memcmp(d, "PK\3\4", 4) != 0)
		return NULL;
	/* ODF: the first member is "mimetype", stored, holding the type. */
	if (len > 30 + sizeof(odt) - 1 && le16(d + 26) == 8 &&
	    memcmp(d + 30, odt, sizeof(odt) - 1) == 0 &&
	    zip_has(d, len, "content.xml"))
		return "odt";
	if (zip_has(d, len, "[Content_Types].xml")) {
		if (zip_has(d, len, "word/document.xml"))
			return "docx";
		if (zip_has(d, len, "xl/workbook.xml"))
			return "xlsx";
	}
	return NULL;
}

static const struct {
	const char *type, *ext, *mime;
} kinds[] = {
	{ "pdf", ".pdf", "application/pdf" },
	{ "docx", ".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
	{ "xlsx", ".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
	{ "odt", ".odt", "application/vnd.oasis.opendocument.text" },
};

const char *
doc_file_ext(const char *type)
{
	size_t i;

	for (i = 0; type != NULL && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].type, type) == 0)
			return kinds[i].ext;
	return NULL;
}

const char *
doc_file_mime(const char *type)
{
	size_t i;

	for (i = 0; type != NULL && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].type, type) == 0)
			return kinds[i].mime;
	return "application/octet-stream";
}
