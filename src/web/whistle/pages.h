/* web/whistle/pages.h: what the whistleblowing pages (src/web/whistle/)
 * share, and the start page borrows (web_wb_has_cases). Not a public
 * interface: the module's own is whistle/whistle.h. */
#ifndef ORDEN_WEB_WHISTLE_PAGES_H
#define ORDEN_WEB_WHISTLE_PAGES_H

#include <stdint.h>

#include "http/http.h"
#include "util/buf.h"

struct ctx;

/* The receipt session of a reporter without an account (whistle.h). */
#define WEB_WB_RECEIPT_COOKIE	"orden_receipt"
/* Public whistleblowing forms are posted without a session (ROUTE_NOCSRF):
 * like the login form they carry a double-submit token, a random value in
 * a SameSite=Strict cookie repeated in the hidden field "wb_csrf". The
 * token of the request's cookie is reused while it is well formed, so two
 * forms on one page (or two tabs) share it. Arena; NULL on exhaustion. */
const char	*web_wb_csrf_token(struct http_req *, struct http_resp *);
/* The hidden fields of a public form: wb_csrf, and the session's csrf
 * when logged in. */
void		 web_wb_csrf_fields(struct buf *, struct http_req *, const char *tok);
/* 1 when the posted wb_csrf matches the cookie (constant time) and, when
 * the form carries the session's csrf too, that one matches the session. */
int		 web_wb_csrf_ok(struct http_req *);
/* The logged-in person's secret key from their session (auth/), for
 * opening cases. 0, or -1 when not logged in or the session carries none.
 * The caller wipes sk (sodium_memzero) before returning. */
int		 web_wb_secret(struct http_req *, unsigned char sk[32]);
/* The receipt session of the request's cookie: 0 with *case_id and the
 * case key (wipe it after use), or -1 when there is none. */
int		 web_wb_receipt_session(struct http_req *, int64_t *case_id,
		    unsigned char key[32]);
/* A whistleblowing case's state badge. */
void		 web_wb_state_tag(struct buf *, int state);
/* Users who may see the handler's case list in the menu: handlers of some
 * case, and those who may register an oral report. */
int		 web_wb_has_cases(struct ctx *);

#endif
