/* form.c: labelled form controls. Every control has a visible <label>, and
 * an error is printed next to its field and tied to it with
 * aria-describedby, so screen readers announce it with the control. */
#include "html/html.h"
#include "html/form.h"

#include <string.h>

/* Password fields only ever ask for the user's own password: say which
 * one, so that password managers fill the current and offer a new one. */
static const char *
autocomplete_for(const char *name, const char *type)
{
	if (strcmp(type, "password") != 0)
		return NULL;
	return strcmp(name, "password") == 0 || strcmp(name, "current") == 0 ?
	    "current-password" : "new-password";
}

void
html_input_ac(struct buf *b, const char *name, const char *label,
    const char *type, const char *value, int required, const char *error,
    const char *ac)
{
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

void
html_input(struct buf *b, const char *name, const char *label,
    const char *type, const char *value, int required, const char *error)
{
	html_input_ac(b, name, label, type, value, required, error,
	    autocomplete_for(name, type));
}
