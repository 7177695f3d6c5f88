/* web/account/lang.c: the language switch. Plain links (no form, no JavaScript): the
 * choice is kept in a cookie for a year and the reader goes back to the
 * page they were on. */
#include <string.h>

#include "http/http.h"
#include "web/ui.h"
#include "web/web.h"

#define LANG_COOKIE	"orden_lang"
#define LANG_MAX_AGE	(365 * 24 * 60 * 60)

void
web_lang(struct http_req *req, struct http_resp *resp)
{
	const char *set = http_query(req, "set");

	if (set != NULL && (strcmp(set, "nb") == 0 || strcmp(set, "nn") == 0 ||
	    strcmp(set, "en") == 0))
		http_cookie(req, resp, LANG_COOKIE, set, LANG_MAX_AGE);
	http_redirect(resp, web_local_next(http_query(req, "next")));
}
