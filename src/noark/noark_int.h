/* noark_int.h: what the files of src/noark/ share (not for other modules):
 * the smallest writers over libxml2's xmlTextWriter, each 0 or -1, so that
 * arkivstruktur.xml and arkivuttrekk.xml are written the same way. */
#ifndef ORDEN_NOARK_INT_H
#define ORDEN_NOARK_INT_H

#include <libxml/xmlwriter.h>

int	nx_start(xmlTextWriterPtr, const char *name);
int	nx_end(xmlTextWriterPtr);
/* <name>text</name>, text escaped by libxml2. */
int	nx_el(xmlTextWriterPtr, const char *name, const char *text);

#endif
