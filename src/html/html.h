/* html.h: the HTML writer. Escaping is by context and automatic, so that a
 * handler cannot forget it:
 *
 *   html_fmt(b, "<a href=\"%H\">%s</a>", url, name);
 *
 *   %s   text or a double-quoted attribute value: & < > " ' escaped
 *   %H   an href/src/action value: must be a local path ("/...", not "//")
 *        or http(s) URL, else "#" is written; then escaped as %s
 *   %U   one URL component (query value or path segment): percent-encoded
 *   %d   int            %D   int64_t
 *   %R   raw markup: ONLY for markup produced by this writer or literals
 *   %%   a percent sign
 *
 * Attribute values must always be double-quoted in the format string. */
#ifndef ORDEN_HTML_H
#define ORDEN_HTML_H

#include <stdint.h>

#include "util/buf.h"

struct http_req;
struct ctx;

void	html_fmt(struct buf *, const char *fmt, ...);
void	html_text(struct buf *, const char *);	/* same escaping as %s */

/* Layout: <!doctype html>, head (title, stylesheet, viewport), skip link,
 * header with the municipality's name, navigation by role, language switch,
 * logout form; html_page_end closes <main> and the document.
 * `title` is already translated. `active` names the nav item to mark
 * (aria-current): "home", "admin_units", "admin_people", ... or NULL. */
void	html_page_begin(struct buf *, struct http_req *, const char *title,
	    const char *active);
void	html_page_end(struct buf *, struct http_req *);

/* <input type="hidden" name="csrf" value="..."> for the request's session. */
void	html_csrf(struct buf *, struct http_req *);

/* A labelled form control with its error message tied by aria-describedby.
 * type: "text", "email", "password", ...; value may be NULL. */
void	html_input(struct buf *, const char *name, const char *label,
	    const char *type, const char *value, int required, const char *error);

#endif
