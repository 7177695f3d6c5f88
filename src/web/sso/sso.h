/* web/sso/sso.h: sign-in with identity providers (web/sso/sso.c) and the
 * vault passphrase page (web/sso/vault.c). */
#ifndef ORDEN_WEB_SSO_H
#define ORDEN_WEB_SSO_H

#include "http/http.h"

struct buf;

void	web_sso_begin(struct http_req *, struct http_resp *);	/* GET /login/sso/{id}?next= */
void	web_sso_callback(struct http_req *, struct http_resp *);	/* GET /login/sso/callback */
void	web_sso_admin(struct http_req *, struct http_resp *);	/* GET /admin/sso */
void	web_vault_form(struct http_req *, struct http_resp *);	/* GET /account/vault?next= */
void	web_vault_open(struct http_req *, struct http_resp *);	/* POST /account/vault */

/* The login page's buttons, one per provider of the tenant (nothing when
 * it has none). next: where to go after signing in. */
void	web_sso_buttons(struct buf *, struct http_req *, const char *next);
/* After Orden's session ended (logout): 1 and a page offering the
 * provider's end-session URL when the browser was signed in by one (its
 * cookie), else 0 and nothing written. */
int	web_sso_logout(struct http_req *, struct http_resp *);

#endif
