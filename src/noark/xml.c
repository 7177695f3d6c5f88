/* xml.c: the smallest writers of the extract's XML files (noark_int.h). */
#include "noark/noark_int.h"

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
