/* web/wheel/feed.c: the calendar feed of the yearly wheel. GET
 * /cal/{token}.ics answers without a session: the token is the only key,
 * and it opens this one feed of one person and nothing else. POST
 * /wheel/feed ("new" or "off") makes or removes the signed-in person's
 * link through wheel_feed_do; a new link is shown once, on the answer to
 * that POST, and can only be replaced, not shown again. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "auth/auth.h"
#include "ctx.h"
#include "html/html.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "util/linkbase.h"
#include "web/ui.h"
#include "web/wheel/wheel_web.h"
#include "wheel/wheel_input.h"

#define ICS_SUFFIX	".ics"

/* Where the feed's links point (util/linkbase.h: --public-url, else
 * https:// and the request's host), or NULL when neither is known. */
static const char *
base_of(struct http_req *req)
{
	const char *b = linkbase_get(req->ctx->arena, req->host);

	return b != NULL && *b != '\0' ? b : NULL;
}

void
web_wheel_feed_section(struct buf *b, struct http_req *req, const char *token)
{
	struct ctx	*ctx = req->ctx;
	int64_t		 since;
	int		 has;

	if (!wheel_right(ctx, WHEEL_RIGHT_FEED))
		return;
	has = wheel_feed_exists(ctx, &since);
	html_fmt(b, "<section aria-labelledby=\"feed-h\"><h2 id=\"feed-h\">%s</h2>\n",
	    _("Calendar feed"));
	html_fmt(b, "<p>%s</p>\n", _("Subscribe to your tasks from the yearly "
	    "wheel in Outlook or on your phone. The link is secret: anyone who "
	    "has it sees the titles and dates of your tasks."));
	if (token != NULL) {
		const char *url = arena_printf(ctx->arena, "%s/cal/%s" ICS_SUFFIX,
		    base_of(req) != NULL ? base_of(req) : "", token);

		html_fmt(b, "<p><label for=\"feed-url\">%s</label>"
		    "<input type=\"text\" id=\"feed-url\" readonly value=\"%s\"></p>\n",
		    _("Your new link (shown only now; copy it into your calendar):"),
		    url);
	} else if (has == 1)
		html_fmt(b, "<p>%s</p>\n", _("You have a calendar link. Make a new "
		    "one if the old one went astray: the old one stops working."));
	else
		html_fmt(b, "<p>%s</p>\n", _("You have no calendar link."));
	html_fmt(b, "<form method=\"post\" action=\"/wheel/feed\" class=\"actions\">");
	html_csrf(b, req);
	html_fmt(b, "<button type=\"submit\" name=\"action\" value=\"new\">%s</button>",
	    _("Make a new link"));
	if (has == 1 || token != NULL)
		html_fmt(b, " <button type=\"submit\" name=\"action\" value=\"off\""
		    " class=\"secondary\">%s</button>", _("Turn off"));
	html_fmt(b, "</form></section>\n");
}

void
web_wheel_feed(struct http_req *req, struct http_resp *resp)
{
	struct ctx		*ctx = req->ctx;
	struct buf		*b = &resp->body;
	enum wheel_feed_action	 a;
	const char		*s;
	char			 token[WHEEL_FEED_TOKEN_SIZE];
	int			 rc;

	if (web_gate(req, resp, AZ_WHEEL_FEED) != 0)
		return;
	s = http_text(req, WFF_ACTION);
	if (req->form_error != NULL || s == NULL ||
	    wheel_feed_action_parse(s, &a) != 0) {
		http_html_error(req, resp, 400, _("action: choose new or off."));
		return;
	}
	switch ((rc = wheel_feed_do(ctx, a, token))) {
	case WR_OK:
		break;
	case WR_FORBIDDEN:
		web_forbidden(req, resp);
		return;
	default:
		web_failed(req, resp);
		return;
	}
	resp->status = 200;
	html_page_begin(b, req, _("Calendar feed"), "wheel");
	html_fmt(b, "<p><a href=\"/wheel/mine\">%s</a></p><h1>%s</h1>\n",
	    _("My tasks"), _("Calendar feed"));
	web_notice(b, a == WFA_NEW ? _("A new link was made; the old one no "
	    "longer works.") : _("The calendar link is turned off."));
	web_wheel_feed_section(b, req, a == WFA_NEW ? token : NULL);
	html_page_end(b, req);
	sodium_memzero(token, sizeof(token));
}

void
web_wheel_ical(struct http_req *req, struct http_resp *resp)
{
	struct ctx	*ctx = req->ctx;
	const char	*p = req->params[0], *ics;
	char		*token, *key;
	size_t		 n, len;
	int64_t		 wait;
	char		 retry[24];

	/* A link that cannot be one (not 43 base64url characters and
	 * ".ics") is no guess at a token: 404 at once, nothing counted. */
	n = p != NULL ? strlen(p) : 0;
	token = n > strlen(ICS_SUFFIX) && strcmp(p + n - strlen(ICS_SUFFIX),
	    ICS_SUFFIX) == 0 ? arena_printf(ctx->arena, "%.*s",
	    (int)(n - strlen(ICS_SUFFIX)), p) : NULL;
	if (token == NULL || !auth_token_wellformed(token)) {
		web_not_found(req, resp);
		return;
	}
	key = arena_printf(ctx->arena, "ical %s", ctx->remote_addr != NULL ?
	    ctx->remote_addr : "");
	if (key == NULL) {
		web_failed(req, resp);
		return;
	}
	/* Wrong links from one address wait longer and longer, like wrong
	 * passwords (auth throttle, keyed by the address alone so one
	 * address's guesses slow no one else). */
	if ((wait = auth_throttle_wait(ctx, key, ctx->remote_addr)) > 0) {
		snprintf(retry, sizeof(retry), "%lld", (long long)wait);
		http_header(resp, "Retry-After", retry);
		http_html_error(req, resp, 429,
		    _("Too many attempts. Wait a while and try again."));
		return;
	}
	/* Read as the link's person (wheel_feed_read), with nothing of a
	 * session: no cookie, no CSRF token, no other page. */
	switch (wheel_feed_read(ctx, token, base_of(req), &ics, &len)) {
	case 0:
		break;
	case WHEEL_ERR_NOTFOUND:
		auth_throttle_fail(ctx, key, ctx->remote_addr);
		web_not_found(req, resp);
		return;
	case WHEEL_ERR_STATE:
		web_not_found(req, resp);
		return;
	default:
		web_failed(req, resp);
		return;
	}
	buf_append(&resp->body, ics, len);
	resp->content_type = "text/calendar; charset=utf-8";
	http_header(resp, "Cache-Control", "private, no-store");
	http_header(resp, "X-Content-Type-Options", "nosniff");
	resp->status = 200;
}
