/* web/admin/accounts.h: the administrator's account settings page (web/admin/accounts.c). */
#ifndef ORDEN_WEB_ACCOUNTS_H
#define ORDEN_WEB_ACCOUNTS_H

struct field;
struct http_req;
struct http_resp;

extern const struct field web_accounts_contact_fields[];

void	web_accounts(struct http_req *, struct http_resp *);		/* GET /admin/accounts */
void	web_accounts_contact(struct http_req *, struct http_resp *);	/* POST /admin/accounts/contact */
void	web_token_revoke(struct http_req *, struct http_resp *);	/* POST /admin/accounts/tokens/{id}/revoke */

#endif
