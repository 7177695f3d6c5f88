/* form.c: labelled form controls. Every control has a visible <label>, and
 * an error is printed next to its field and tied to it with
 * aria-describedby, so screen readers announce it with the control. */
#include "html/html.h"

#include <string.h>

/* What browsers and password managers should fill in, by field name; NULL
 * when the field has no natural autocomplete token. */
static const char *
autocomplete_for(const char *name, const char *type)
{
	if (strcmp(name, "login") == 0)
		return "username";
	if (strcmp(type, "password") == 0)
		return strcmp(name, "password") == 0 ||
		    strcmp(name, "current") == 0 ? "current-password" :
		    "new-password";
	return NULL;
}

void
html_input(struct buf *b, const char *name, const char *label,
    const char *type, const char *value, int required, const char *error)
{
	const char *ac = autocomplete_for(name, type);

	html_fmt(b, "<div class=\"field%R\"><label for=\"f-%s\">%s</label>",
	    error != NULL ? " invalid" : "", name, label);
	if (error != NULL)
		html_fmt(b, "<p class=\"error\" id=\"f-%s-error\">%s</p>",
		    name, error);
	html_fmt(b, "<input id=\"f-%s\" name=\"%s\" type=\"%s\"", name, name,
	    type);
	/* A password is never sent back to the browser. */
	if (value != NULL && strcmp(type, "password") != 0)
		html_fmt(b, " value=\"%s\"", value);
	if (ac != NULL)
		html_fmt(b, " autocomplete=\"%s\"", ac);
	if (required)
		html_fmt(b, " required");
	if (error != NULL)
		html_fmt(b, " aria-invalid=\"true\" aria-describedby=\"f-%s-error\"",
		    name);
	html_fmt(b, "></div>\n");
}
