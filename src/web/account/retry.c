/* web/account/retry.c: "try again in ..." after too many failed attempts. The delay
 * is exact in Retry-After; people get seconds while it is under a minute
 * and whole minutes (rounded up) beyond, so the time they are told is
 * never too early. */
#include "web/account/retry.h"

#include "ctx.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "util/arena.h"

#define MINUTES_MAX (24 * 60)

const char *
web_retry_after(struct http_req *req, struct http_resp *resp, int64_t secs)
{
	struct arena	*a = req->ctx->arena;
	const char	*v, *msg;
	int64_t		 m;

	if (secs < 1)
		secs = 1;
	if ((v = arena_printf(a, "%lld", (long long)secs)) != NULL)
		http_header(resp, "Retry-After", v);
	if (secs < 60) {
		msg = arena_printf(a, ngettext(
		    "Too many failed attempts. Try again in %d second.",
		    "Too many failed attempts. Try again in %d seconds.",
		    (unsigned long)secs), (int)secs);
	} else {
		m = (secs + 59) / 60;
		if (m > MINUTES_MAX)
			m = MINUTES_MAX;
		msg = arena_printf(a, ngettext(
		    "Too many failed attempts. Try again in %d minute.",
		    "Too many failed attempts. Try again in %d minutes.",
		    (unsigned long)m), (int)m);
	}
	return msg != NULL ? msg :
	    _("Too many attempts. Wait a while and try again.");
}
