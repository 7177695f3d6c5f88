/* form.h: form controls beyond html.h's html_input. */
#ifndef ORDEN_HTML_FORM_H
#define ORDEN_HTML_FORM_H

#include "util/buf.h"

/* html_input with an explicit autocomplete token ("username", "email",
 * "off", ...; NULL for none). Use it for a person's own details, so that
 * browsers can fill them in (WCAG 1.3.5); never for fields about someone
 * else, which a browser would fill with the user's own data. */
void	html_input_ac(struct buf *, const char *name, const char *label,
	    const char *type, const char *value, int required,
	    const char *error, const char *autocomplete);

#endif
