/* xml.c: the smallest writers of the extract's XML files (noark_int.h). */
#include "noark/noark_int.h"

#include <inttypes.h>
#include <stdio.h>

#include "util/date.h"

int
nx_start(xmlTextWriterPtr w, const char *name)
{
	return xmlTextWriterStartElement(w, BAD_CAST name) < 0 ? -1 : 0;
}

int
nx_end(xmlTextWriterPtr w)
{
	return xmlTextWriterEndElement(w) < 0 ? -1 : 0;
}

int
nx_el(xmlTextWriterPtr w, const char *name, const char *text)
{
	return xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST text) < 0 ?
	    -1 : 0;
}

int
nx_int(xmlTextWriterPtr w, const char *name, int64_t v)
{
	char s[24];

	snprintf(s, sizeof(s), "%" PRId64, v);
	return nx_el(w, name, s);
}

int
nx_time(xmlTextWriterPtr w, const char *name, int64_t t)
{
	char s[DATE_RFC3339_MAX];

	date_rfc3339(t, s);
	return nx_el(w, name, s);
}

int
nx_day(xmlTextWriterPtr w, const char *name, int64_t t)
{
	char s[DATE_KEY_MAX];

	if (date_key(t, DATE_DAY, s) != 0)
		return -1;
	return nx_el(w, name, s);
}
