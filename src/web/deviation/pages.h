/* web/deviation/pages.h: what the deviation pages (src/web/deviation/)
 * share, and the start page borrows (web_dev_status_tag). Not a public
 * interface: the module's own is deviation/deviation.h. */
#ifndef ORDEN_WEB_DEVIATION_PAGES_H
#define ORDEN_WEB_DEVIATION_PAGES_H

#include <stddef.h>
#include <stdint.h>

#include "deviation/view.h"
#include "http/http.h"
#include "util/buf.h"
#include "web/ui.h"

struct deviation;
struct category;
/* 0 if the user has the right (deviation_right, deviation/view.h), else
 * -1 with the 403 page given. */
int		 web_dev_gate(struct http_req *, struct http_resp *,
		    enum dev_right);
/* Load the deviation of path parameter 0 as the user may read it
 * (deviation_read). 0, *out and *sight (may be NULL), or -1 with the
 * answer (404, never 403, so that existence is not revealed; 500)
 * already given. */
int		 web_dev_load(struct http_req *, struct http_resp *,
		    struct deviation *out, enum dev_sight *sight);
/* The deviation page, with an error from a failed action (may be NULL). */
void		 web_dev_view_render(struct http_req *, struct http_resp *,
		    int status, const struct deviation *,
		    const struct web_form_err *);
/* The correct-and-resubmit form of a returned report, for "Mine
 * meldinger" (returns there). */
void		 web_dev_resubmit_form(struct buf *, struct http_req *,
		    const struct deviation *, const struct category *, size_t n);
/* A status badge. */
void		 web_dev_status_tag(struct buf *, int status);
/* A table of deviations (number, title, unit, category, status, and the
 * deadline when with_deadline). */
void		 web_dev_table(struct buf *, struct http_req *, const char *caption,
		    const struct deviation *, size_t n, int with_deadline);
/* The next deadline of an open deviation: the acknowledge deadline while
 * it is new, else the close deadline; 0 when closed or none. */
int64_t		 web_dev_next_deadline(const struct deviation *);
/* Category radio buttons (name "category") with a "none" choice when
 * none_label is not NULL. */
void		 web_dev_category_radios(struct buf *, const char *legend,
		    const struct category *, size_t n, const char *selected,
		    const char *none_label, const char *hint, const char *error);
/* Category <select> (name "category", id f-<idsuffix>). */
void		 web_dev_category_select(struct buf *, const char *id,
		    const char *label, const struct category *, size_t n,
		    const char *selected, const char *none_label);

#endif
