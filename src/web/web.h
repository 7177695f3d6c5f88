/* web.h: the HTML pages. Server-rendered, work without JavaScript, every
 * string through gettext, every value through the html/ writer, every
 * access decision through authz/. */
#ifndef ORDEN_WEB_H
#define ORDEN_WEB_H

#include "http/http.h"

/* Form field declarations (validated by http/ before the handler runs). */
extern const struct field web_login_fields[];
extern const struct field web_unit_fields[];
extern const struct field web_person_fields[];
extern const struct field web_role_fields[];
extern const struct field web_password_fields[];

void	web_home(struct http_req *, struct http_resp *);		/* GET / */
void	web_login_form(struct http_req *, struct http_resp *);		/* GET /login */
void	web_login(struct http_req *, struct http_resp *);		/* POST /login */
void	web_logout(struct http_req *, struct http_resp *);		/* POST /logout */
void	web_lang(struct http_req *, struct http_resp *);		/* GET /lang?set=en&next=/ */
void	web_password_form(struct http_req *, struct http_resp *);	/* GET /account/password */
void	web_password(struct http_req *, struct http_resp *);		/* POST /account/password */
void	web_units(struct http_req *, struct http_resp *);		/* GET /admin/units */
void	web_unit_create(struct http_req *, struct http_resp *);		/* POST /admin/units */
void	web_unit_edit(struct http_req *, struct http_resp *);		/* GET /admin/units/{id} */
void	web_unit_update(struct http_req *, struct http_resp *);		/* POST /admin/units/{id} */
void	web_people(struct http_req *, struct http_resp *);		/* GET /admin/people[?q=] */
void	web_person_create(struct http_req *, struct http_resp *);	/* POST /admin/people */
void	web_person_edit(struct http_req *, struct http_resp *);		/* GET /admin/people/{id} */
void	web_person_update(struct http_req *, struct http_resp *);	/* POST /admin/people/{id} */
void	web_role_grant(struct http_req *, struct http_resp *);		/* POST /admin/people/{id}/roles */
void	web_role_revoke(struct http_req *, struct http_resp *);		/* POST /admin/people/{id}/roles/{rid}/delete */
void	web_person_reset_password(struct http_req *, struct http_resp *); /* POST /admin/people/{id}/password */
void	web_audit(struct http_req *, struct http_resp *);		/* GET /admin/audit */

#endif
