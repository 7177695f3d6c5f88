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

/* A field's name in the module's field table and the msgid (N_()) of the
 * label its form shows; a table ends with { NULL, NULL }. */
struct web_label {
	const char	*field;
	const char	*label;
};
/* The line above a form saying what was wrong: "Label: reason", the field
 * named by the label the user sees, never by its internal name (http/'s
 * "field: reason" wording is trimmed to the reason first). The reason
 * alone when field is NULL or not in labels. Arena memory or msg. */
const char	*web_error_line(const struct http_req *,
		    const struct web_label *labels, const char *field,
		    const char *msg);

/* A labelled <select> of units in tree order, indented by depth.
 * none_label: when not NULL, a first option with value "0". skip_from and
 * skip_to: indexes [from, to) of units left out (a unit and its subtree, so
 * that it cannot become its own ancestor); equal values leave none out.
 * id must be unique on the page. */
void		 web_unit_select(struct buf *, const char *id, const char *name,
		    const char *label, const struct unit *units, size_t n,
		    int64_t selected, const char *none_label, size_t skip_from,
		    size_t skip_to, const char *error);
/* The same without the closed units (org/close.c): for what makes
 * something new there (a report, a transfer, a person's unit, a role, a
 * parent). web_unit_select shows a closed unit marked "(nedlagt)", so
 * that lists and statistics can still pick it. */
void		 web_unit_select_open(struct buf *, const char *id,
		    const char *name, const char *label,
		    const struct unit *units, size_t n, int64_t selected,
		    const char *none_label, size_t skip_from, size_t skip_to,
		    const char *error);
/* The unit's name from a list, or NULL. Borrowed from units. */
const char	*web_unit_name(const struct unit *units, size_t n, int64_t id);
/* The same marked "(nedlagt)" when the unit is closed (org_unit_label):
 * for headings and chart labels. Borrowed, or in the arena. */
const char	*web_unit_label(struct arena *, const struct unit *units,
		    size_t n, int64_t id);

/* Whether the person must change their password before going on: 1, 0, or
 * negative on a database error (org_password_must_change). */
int		 web_must_change_password(struct ctx *, int64_t person_id);

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
/* Appends " <strong class="late">Forfalt</strong>" for a measure not
 * done whose due date has passed at ctx->now, else nothing: every page
 * that lists measures marks the late ones the same way. */
struct measure;
void		 web_measure_late(struct buf *, const struct ctx *,
		    const struct measure *);
/* Local "YYYY-MM-DD" and optional "HH:MM" (NULL or "": 00:00) to UTC
 * seconds. 0 and *out, or -1 on anything else. */
int		 web_parse_local(const char *date, const char *hhmm, int64_t *out);
/* "overdue by 2 days" / "due in 3 days" (hours when under a day; days
 * counted between the local dates, so they agree with the date shown
 * beside), in the thread's language. Arena. */
const char	*web_deadline_text(struct arena *, int64_t now, int64_t due);

/* --- form controls ------------------------------------------------------------
 * The markup widgets have no request; they live in src/html/form.h as
 * html_*. Pages get them with this header. */
#include "html/form.h"

/* --- posted forms ------------------------------------------------------------ */
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

/* Pieces of the action forms of a deviation's and a whistleblowing case's
 * page (action_form.c). Several forms on one page may each have a
 * "reason", so a field's id is "a-<action>-<field>". */
/* e's message when it is about field of action act, else NULL. */
const char	*web_act_err(const struct web_form_err *e, const char *act,
		    const char *field);
/* A measure's owner typed as a name or username (a deviation's and a
 * risk's forms): a username as it is, else the one active person whose
 * name or username contains the text. 0 with *login set (arena); 1 with
 * *msg saying why not (nobody, or which ones); -1 on a store error. Asked
 * only after the module's gate let the person act. */
int		 web_person_find(struct http_req *, const char **login,
		    const char **msg);
/* The value typed before an error in action act's form, else dflt. */
const char	*web_act_val(struct http_req *, const struct web_form_err *e,
		    const char *act, const char *field, const char *dflt);
/* A field's wrapper and label (and its error) up to the control ... */
void		 web_act_field_begin(struct buf *, const char *act,
		    const char *name, const char *label, const char *error);
/* ... the control's ARIA attributes that tie it to the error ... */
void		 web_act_described(struct buf *, const char *act,
		    const char *name, const char *error);
/* ... or a whole one-line input. */
void		 web_act_input(struct buf *, const char *act, const char *name,
		    const char *label, const char *type, const char *value,
		    int required, const char *error);

#endif
