/* web/totp/totp.h: the second factor's pages (web/totp/totp.c). */
#ifndef ORDEN_WEB_TOTP_H
#define ORDEN_WEB_TOTP_H

#include <stdint.h>

#include "http/http.h"

void	web_totp_form(struct http_req *, struct http_resp *);	/* GET /login/2fa */
void	web_totp(struct http_req *, struct http_resp *);		/* POST /login/2fa */
void	web_totp_reset(struct http_req *, struct http_resp *);	/* POST /admin/people/{id}/second-factor */

/* After the first step of a login (password, or provider): when person_id
 * needs a second factor, a ticket cookie and a way on to /login/2fa
 * (redirect, or a page that moves on when cross_site: the provider's
 * redirect), and 1; 0 when no second factor is needed (the caller makes the
 * session); -1 after answering an error. sk: the key the password opened
 * (NULL: none). */
int	web_totp_gate(struct http_req *, struct http_resp *, int64_t person_id,
	    const unsigned char *sk, const char *next, int cross_site);

#endif
