/* schemas.c: Arkivverket's XML schemas written into the extract beside the
 * files they describe (noark.h), as an arkivuttrekk carries them. They ship
 * inside the binary (src/noark/schemas/, embedded by scripts/embed.sh), so
 * an extract is complete wherever orden runs. */
#include "noark/noark.h"
#include "noark/noark_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const struct { const char *name; const char *text; } noark_schemas[];

/* DIR/name from the embedded copy. 0 or -1. */
static int
write_one(const char *dir, const char *name)
{
	FILE	*fp = NULL;
	char	*path = NULL;
	size_t	 i, len, n;
	int	 rc = -1;

	for (i = 0; noark_schemas[i].name != NULL; i++)
		if (strcmp(noark_schemas[i].name, name) == 0)
			break;
	if (noark_schemas[i].name == NULL)
		return -1;
	len = strlen(dir) + strlen(name) + 2;
	if ((path = malloc(len)) == NULL)
		return -1;
	snprintf(path, len, "%s/%s", dir, name);
	n = strlen(noark_schemas[i].text);
	if ((fp = fopen(path, "wb")) == NULL ||
	    fwrite(noark_schemas[i].text, 1, n, fp) != n)
		goto out;
	rc = 0;
out:
	if (fp != NULL && fclose(fp) != 0)
		rc = -1;
	free(path);
	return rc;
}

int
noark_schemas_write(const char *dir, const struct noark_result *res)
{
	static const char *const always[] = { "arkivstruktur.xsd",
	    "metadatakatalog.xsd", "addml.xsd", NULL };
	size_t i;

	for (i = 0; always[i] != NULL; i++)
		if (write_one(dir, always[i]) != 0)
			return -1;
	if (res->endringer > 0 && write_one(dir, "endringslogg.xsd") != 0)
		return -1;
	if (res->journalposter > 0 &&
	    (write_one(dir, "loependeJournal.xsd") != 0 ||
	    write_one(dir, "offentligJournal.xsd") != 0))
		return -1;
	return 0;
}
