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
 * action (unit 0) and may go on; otherwise the answer is given (403, or a
 * redirect to /account/password while a one-time password is still in use,
 * so that whoever set it cannot keep acting as the person) and -1. */
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
 * negative on a database error. Reads people.must_change_password itself
 * because org.h has no getter for it. */
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

#endif
