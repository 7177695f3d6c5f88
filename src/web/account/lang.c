/* web/account/lang.c: the language switch. Plain links (no form, no JavaScript): the
 * choice is kept in a cookie for a year and the reader goes back to the
 * page they were on. */
#include <string.h>

#include "auth/auth_input.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "web/ui.h"
#include "web/web.h"

#define LANG_COOKIE	"orden_lang"
#define LANG_MAX_AGE	(365 * 24 * 60 * 60)

void
web_lang(struct http_req *req, struct http_resp *resp)
{
	const char *set = http_qtext(req, AQF_SET);

	/* The message names the parameter, never echoes the value. */
	if (set != NULL && !auth_lang_known(set)) {
		http_html_error(req, resp, 400, _("set: must be nb, nn or en"));
		return;
	}
	if (set != NULL)
		http_cookie(req, resp, LANG_COOKIE, set, LANG_MAX_AGE);
	http_redirect(resp, web_local_next(http_qtext(req, AQF_NEXT)));
}
