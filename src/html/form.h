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

/* The hint and error paragraphs of the control whose element id is `id`
 * ("<id>-hint", "<id>-error"), and the aria-describedby attribute that ties
 * them to it: written one way for every control. NULL hint/error: none. */
void	html_hint_error(struct buf *, const char *id, const char *hint,
	    const char *error);
void	html_describedby(struct buf *, const char *id, const char *hint,
	    const char *error);
/* html_textarea with an explicit element id (forms with several actions on
 * one page need distinct ids for the same field name). */
void	html_textarea_id(struct buf *, const char *id, const char *name,
	    const char *label, const char *value, int required,
	    const char *hint, const char *error);
/* A labelled <textarea> (id f-<name>) with an optional hint and error tied
 * by aria-describedby. value may be NULL. */
void	html_textarea(struct buf *, const char *name, const char *label,
	    const char *value, int required, const char *hint,
	    const char *error);
/* html_textarea whose label has n wordings, each in a span of its class
 * (labels[i] in classes[i]): the style sheet shows the one that fits the
 * form's state (the report form: a deviation's or a proposal's words),
 * without JavaScript. The hidden ones (display: none) are no part of the
 * label's accessible name. */
void	html_textarea_worded(struct buf *, const char *name,
	    const char *const *labels, const char *const *classes, size_t n,
	    const char *value, int required, const char *hint,
	    const char *error);
/* A labelled checkbox (value 1) with an optional hint. */
void	html_checkbox(struct buf *, const char *name, const char *label,
	    int checked, const char *hint);
/* A labelled <input type="date"> (or "time") that is not required. */
void	html_date_input(struct buf *, const char *name, const char *type,
	    const char *label, const char *value, const char *error);

#endif
