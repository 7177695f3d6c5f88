/* form.c: labelled form controls. Every control has a visible <label>, and
 * an error is printed next to its field and tied to it with
 * aria-describedby, so screen readers announce it with the control. */
#include "html/html.h"
#include "html/form.h"

#include <stdio.h>
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
	/* A login is matched as typed: a phone's keyboard must not make
	 * "emma.johansen" into "Emma.johansen", nor correct its spelling. */
	if (strcmp(name, "login") == 0 ||
	    (ac != NULL && strcmp(ac, "username") == 0))
		html_fmt(b, " autocapitalize=\"none\" spellcheck=\"false\"");
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

/* --- labelled controls with hint and error ------------------------------ */

void
html_hint_error(struct buf *b, const char *id, const char *hint,
    const char *error)
{
	if (hint != NULL)
		html_fmt(b, "<p class=\"hint\" id=\"%s-hint\">%s</p>", id, hint);
	if (error != NULL)
		html_fmt(b, "<p class=\"error\" id=\"%s-error\">%s</p>", id, error);
}

void
html_describedby(struct buf *b, const char *id, const char *hint,
    const char *error)
{
	if (hint == NULL && error == NULL)
		return;
	html_fmt(b, " aria-describedby=\"");
	if (hint != NULL)
		html_fmt(b, "%s-hint", id);
	if (error != NULL)
		html_fmt(b, "%R%s-error", hint != NULL ? " " : "", id);
	html_fmt(b, "\"");
}

/* The field's start up to its label's end; the label's words are n
 * wordings, each in a span of its class when classes is not NULL. */
static void
textarea_start(struct buf *b, const char *id, const char *const *labels,
    const char *const *classes, size_t n, const char *error)
{
	size_t	i;

	html_fmt(b, "<div class=\"field%R\"><label for=\"%s\">",
	    error != NULL ? " invalid" : "", id);
	for (i = 0; i < n; i++)
		if (classes != NULL)
			html_fmt(b, "<span class=\"%s\">%s</span>", classes[i],
			    labels[i]);
		else
			html_fmt(b, "%s", labels[i]);
	html_fmt(b, "</label>");
}

static void
textarea_rest(struct buf *b, const char *id, const char *name,
    const char *value, int required, const char *hint, const char *error)
{
	html_hint_error(b, id, hint, error);
	html_fmt(b, "<textarea id=\"%s\" name=\"%s\" rows=\"4\"%R", id, name,
	    required ? " required" : "");
	if (error != NULL)
		html_fmt(b, " aria-invalid=\"true\"");
	html_describedby(b, id, hint, error);
	html_fmt(b, ">%s</textarea></div>\n", value != NULL ? value : "");
}

void
html_textarea_id(struct buf *b, const char *id, const char *name,
    const char *label, const char *value, int required, const char *hint,
    const char *error)
{
	textarea_start(b, id, &label, NULL, 1, error);
	textarea_rest(b, id, name, value, required, hint, error);
}

void
html_textarea_worded(struct buf *b, const char *name,
    const char *const *labels, const char *const *classes, size_t n,
    const char *value, int required, const char *hint, const char *error)
{
	char id[80];

	snprintf(id, sizeof(id), "f-%s", name);
	textarea_start(b, id, labels, classes, n, error);
	textarea_rest(b, id, name, value, required, hint, error);
}

void
html_textarea(struct buf *b, const char *name, const char *label,
    const char *value, int required, const char *hint, const char *error)
{
	char id[80];

	snprintf(id, sizeof(id), "f-%s", name);
	html_textarea_id(b, id, name, label, value, required, hint, error);
}

void
html_checkbox(struct buf *b, const char *name, const char *label, int checked,
    const char *hint)
{
	html_fmt(b, "<div class=\"field check\"><input type=\"checkbox\" "
	    "id=\"f-%s\" name=\"%s\" value=\"1\"%R", name, name,
	    checked ? " checked" : "");
	if (hint != NULL)
		html_fmt(b, " aria-describedby=\"f-%s-hint\"", name);
	html_fmt(b, "><div><label for=\"f-%s\">%s</label>", name, label);
	if (hint != NULL)
		html_fmt(b, "<p class=\"hint\" id=\"f-%s-hint\">%s</p>", name,
		    hint);
	html_fmt(b, "</div></div>\n");
}

void
html_date_input(struct buf *b, const char *name, const char *type,
    const char *label, const char *value, const char *error)
{
	html_fmt(b, "<div class=\"field%R\"><label for=\"f-%s\">%s</label>",
	    error != NULL ? " invalid" : "", name, label);
	if (error != NULL)
		html_fmt(b, "<p class=\"error\" id=\"f-%s-error\">%s</p>",
		    name, error);
	html_fmt(b, "<input id=\"f-%s\" name=\"%s\" type=\"%s\" "
	    "class=\"short\"", name, name, type);
	if (value != NULL)
		html_fmt(b, " value=\"%s\"", value);
	if (error != NULL)
		html_fmt(b, " aria-invalid=\"true\" aria-describedby=\"f-%s-error\"",
		    name);
	html_fmt(b, "></div>\n");
}
