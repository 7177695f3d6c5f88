/* ui.h: small pieces the pages share (web/ only; not a public interface).
 * Page handlers load everything first and render afterwards, so an error
 * found while loading can still become a clean error page. */
#ifndef ORDEN_WEB_UI_H
#define ORDEN_WEB_UI_H

#include <stddef.h>
#include <stdint.h>

#include "authz/authz.h"
#include "http/http.h"
#include "org/org.h"
#include "util/buf.h"

struct arena;
struct ctx;

/* next if it is a local path ("/x", not "//x" or "/\x", no control
 * characters), else "/". Borrowed from the argument or static. */
const char	*web_local_next(const char *next);

/* The 403 page. */
void		 web_forbidden(struct http_req *, struct http_resp *);
/* The 404 page. */
void		 web_not_found(struct http_req *, struct http_resp *);
/* The 500 page for a failed load or save (nothing was saved). */
void		 web_failed(struct http_req *, struct http_resp *);
/* The door of every page but the password page: 0 when the user may do
 * action (unit 0) and may go on; otherwise the 403 is given and -1. (A
 * one-time password still in use is sent to /account/password before any
 * handler runs, on every route: http/server.c, authz/pending.c.) */
int		 web_gate(struct http_req *, struct http_resp *, enum az_action);
/* Whether the logged-in user may do action (unit 0); a convenience for
 * authz_can that is 0 for anonymous requests. */
int		 web_can(struct http_req *, enum az_action);

/* <p role="status"> notice. msg already translated. */
void		 web_notice(struct buf *, const char *msg);
/* A form-level error (role="alert"). msg already translated. */
void		 web_error(struct buf *, const char *msg);

/* A labelled <select> of units in tree order, indented by depth.
 * none_label: when not NULL, a first option with value "0". skip_from and
 * skip_to: indexes [from, to) of units left out (a unit and its subtree, so
 * that it cannot become its own ancestor); equal values leave none out.
 * id must be unique on the page. */
void		 web_unit_select(struct buf *, const char *id, const char *name,
		    const char *label, const struct unit *units, size_t n,
		    int64_t selected, const char *none_label, size_t skip_from,
		    size_t skip_to, const char *error);
/* The unit's name from a list, or NULL. Borrowed from units. */
const char	*web_unit_name(const struct unit *units, size_t n, int64_t id);

/* Whether the person must change their password before going on: 1, 0, or
 * negative on a database error (org_password_must_change). */
int		 web_must_change_password(struct ctx *, int64_t person_id);

/* Text of declared field `name` when present and non-empty, else NULL. */
const char	*web_val_s(const struct http_req *, const char *name);
/* Integer of declared field `name`, or dflt when absent. */
int64_t		 web_val_i(const struct http_req *, const char *name, int64_t dflt);
/* The error message for field `name` of a re-rendered form, or NULL. */
const char	*web_field_error(const struct http_req *, const char *name);

/* Overwrite the submitted value of form field `name` (every copy the
 * request holds) once a password has been used. */
void		 web_wipe_field(struct http_req *, const char *name);

/* A request cookie (arena) or NULL. */
const char	*web_cookie(struct http_req *, const char *name);

/* --- time as people in Norway read it ------------------------------------ */
/* Times are stored in UTC and shown in Norwegian local time (Europe/Oslo,
 * from the system's zoneinfo through util/date.h). */
struct tm;
void		 web_local_tm(int64_t t, struct tm *out);
/* "05.03.2026 14:08" / "05.03.2026" / "2026-03-05" / "14:08" in the
 * arena; "" for t == 0 (and on out of memory). */
const char	*web_datetime(struct arena *, int64_t t);
const char	*web_date(struct arena *, int64_t t);
const char	*web_iso_date(struct arena *, int64_t t);
const char	*web_iso_time(struct arena *, int64_t t);
/* Local "YYYY-MM-DD" and optional "HH:MM" (NULL or "": 00:00) to UTC
 * seconds. 0 and *out, or -1 on anything else. */
int		 web_parse_local(const char *date, const char *hhmm, int64_t *out);
/* "overdue by 2 days" / "due in 3 days" (hours when under a day), in the
 * thread's language. Arena. */
const char	*web_deadline_text(struct arena *, int64_t now, int64_t due);

/* --- form controls the deviation pages share ------------------------------ */
/* A labelled <textarea> (id f-<name>) with an optional hint and error tied
 * by aria-describedby. value may be NULL. */
/* The hint and error paragraphs of the control whose element id is `id`
 * ("<id>-hint", "<id>-error"), and the aria-describedby attribute that ties
 * them to it: written one way for every control. NULL hint/error: none. */
void		 web_hint_error(struct buf *, const char *id, const char *hint,
		    const char *error);
void		 web_describedby(struct buf *, const char *id, const char *hint,
		    const char *error);
/* web_textarea with an explicit element id (forms with several actions on
 * one page need distinct ids for the same field name). */
void		 web_textarea_id(struct buf *, const char *id, const char *name,
		    const char *label, const char *value, int required,
		    const char *hint, const char *error);
void		 web_textarea(struct buf *, const char *name, const char *label,
		    const char *value, int required, const char *hint,
		    const char *error);
/* A labelled checkbox (value 1) with an optional hint. */
void		 web_checkbox(struct buf *, const char *name, const char *label,
		    int checked, const char *hint);
/* A labelled <input type="date"> (or "time") that is not required. */
void		 web_date_input(struct buf *, const char *name, const char *type,
		    const char *label, const char *value, const char *error);

/* --- deviation pages (src/web/deviation/) ------------------------------------ */
struct deviation;
struct category;
/* What went wrong in a posted form: field (NULL: the form as a whole) and
 * the translated message; action names the action form it belongs to
 * (deviation page), or NULL. */
struct web_form_err {
	const char	*action;
	const char	*field;
	const char	*msg;
};
/* The message for field `field` of a re-rendered form: the handler's own
 * (e) when it has one, else http/'s. */
const char	*web_form_err_for(const struct http_req *,
		    const struct web_form_err *e, const char *field);
/* Load the deviation of path parameter 0 and check that the user may see
 * it (AZ_DEV_VIEW). 0 and *out, or -1 with the answer (404, never 403,
 * so that existence is not revealed; 500) already given. */
int		 web_dev_load(struct http_req *, struct http_resp *,
		    struct deviation *out);
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

/* --- whistleblowing pages (src/web/whistle/) --------------------------------- */
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
