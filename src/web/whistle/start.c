/* web/whistle/start.c: the public front door of whistleblowing (varsling). What it
 * is, who may report (the exhaustive list of the regulations), that one
 * may be anonymous, that retaliation is forbidden, how a case is handled
 * and what the reporter will and will not be told. Written for someone
 * who may be afraid: plain words, no login needed, two clear ways on. */
#include "ctx.h"
#include "html/html.h"
#include "http/http.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "web/document/doc_web.h"
#include "web/ui.h"
#include "web/web.h"

void
web_wb_alias(struct http_req *req, struct http_resp *resp)
{
	(void)req;
	http_redirect(resp, "/whistle");
}

static void
put_who(struct buf *b)
{
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"who-h\">"
	    "<h2 id=\"who-h\">%s</h2><p>%s</p><ul>", _("Who may report"),
	    _("The list is exhaustive: only these may report under the whistleblowing rules."));
	html_fmt(b, "<li>%s</li>", _("Employees of the municipality, and hired workers"));
	html_fmt(b, "<li>%s<ul>", _("While they work in the municipality (Working Environment Act section 1-6):"));
	html_fmt(b, "<li>%s</li>", _("pupils and students at institutions for teaching or research"));
	html_fmt(b, "<li>%s</li>", _("conscripts, and people in civilian service or the civil defence"));
	html_fmt(b, "<li>%s</li>", _("patients in health institutions, rehabilitation institutions and the like"));
	html_fmt(b, "<li>%s</li>", _("people placed for training or in job-related measures, and participants in labour-market measures"));
	html_fmt(b, "</ul></li><li>%s</li></ul>", _("Elected officials in the municipality (by the municipality's own regulations)"));
	html_fmt(b, "<p>%s</p></section>\n", _("Former employees may be protected against retaliation when they report something they learned of while employed."));
}

static void
put_what(struct buf *b)
{
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"what-h\">"
	    "<h2 id=\"what-h\">%s</h2><p>%s</p>", _("Censurable conditions"),
	    _("Censurable conditions are things that break the law or regulations, the municipality's ethical guidelines, or ethical norms that are widely shared in society. Examples: harassment or discrimination, danger to life or health, corruption, misuse of public money, breaches of the duty of confidentiality."));
	html_fmt(b, "<p>%s</p>", _("Professional or political disagreement is normally not a censurable condition; nor is dissatisfaction with workload, how tasks are shared, personal conflicts, or being led – unless it breaks the law."));
	html_fmt(b, "<p>%s</p></section>\n", _("A suspicion or a concern is enough: you do not have to prove anything. Write about the matter, not about the person, and do not break a duty of confidentiality."));
}

static void
put_safe(struct buf *b, struct ctx *ctx)
{
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"safe-h\">"
	    "<h2 id=\"safe-h\">%s</h2>", _("You are protected"));
	html_fmt(b, "<p>%s</p>", _("Retaliation against anyone who reports is forbidden (Working Environment Act section 2 A-4). That means any unfavourable act, practice or omission because you reported."));
	html_fmt(b, "<p>%s</p>", _("Only those who handle the case learn who you are. What you write is encrypted, so that not even the system's operators can read it."));
	html_fmt(b, "<p>%s</p>", _("You may report anonymously. You then get a receipt code: with it you can read messages from those who handle the case and answer them, without anyone knowing who you are."));
	if (ctx->user != NULL)
		html_fmt(b, "<p class=\"notice\">%s</p>", _("You are logged in. Your report will be linked to your account, so that you can follow it here, unless you choose to send it anonymously."));
	html_fmt(b, "</section>\n");
}

static void
put_how(struct buf *b)
{
	html_fmt(b, "<section class=\"card\" aria-labelledby=\"how-h\">"
	    "<h2 id=\"how-h\">%s</h2><ol class=\"steps\">", _("What happens next"));
	html_fmt(b, "<li>%s</li>", _("The report goes to those who shall handle it, by whom it concerns: about a colleague, your nearest leader (or the leader above, when it is about your nearest leader); about the chief executive, the mayor and the leader of the largest opposition party; about an elected official, your nearest leader with the chief executive, or the party's group leader when you are elected yourself."));
	html_fmt(b, "<li>%s</li>", _("They confirm that they have received it, normally within 7 days."));
	html_fmt(b, "<li>%s</li>", _("Everyone who handles the case first declares whether they are impartial. Someone who is not leaves the case and never sees it."));
	html_fmt(b, "<li>%s</li>", _("The case is investigated as thoroughly as it needs. The person it concerns is always heard before anything is concluded, and those involved are looked after."));
	html_fmt(b, "<li>%s</li></ol>", _("You are told when the case is closed, and you should hear from them within 3 months."));
	html_fmt(b, "<p>%s</p>", _("You will not be told what consequences the case had for others: that is their private matter. If you report on behalf of others, you are not a party to the case and are only told that it is closed."));
	html_fmt(b, "<p>%s</p></section>\n", _("The case is archived exempt from public access."));
}

void
web_wb_start(struct http_req *req, struct http_resp *resp)
{
	struct buf	*b = &resp->body;
	struct ctx	*ctx = req->ctx;

	resp->status = 200;
	html_page_begin(b, req, _("Whistleblowing"), "wb_start");
	html_fmt(b, "<h1>%s</h1>\n<p class=\"lead\">%s</p>\n",
	    _("Whistleblowing"),
	    _("Have you seen something in the municipality that is not right? Here you can report censurable conditions, safely, and anonymously if you wish."));
	html_fmt(b, "<ul class=\"actions big-links wb-choices\">"
	    "<li><a class=\"button-link\" href=\"/whistle/new\">%s</a></li>"
	    "<li><a href=\"/whistle/receipt\">%s</a></li>",
	    _("Send a report"), _("Follow up with a receipt code"));
	if (ctx->user != NULL)
		html_fmt(b, "<li><a href=\"/whistle/mine\">%s</a></li>",
		    _("Your whistleblowing reports"));
	html_fmt(b, "</ul>\n");
	put_what(b);
	put_who(b);
	put_safe(b, ctx);
	put_how(b);
	web_doc_public_links(b, ctx);
	html_fmt(b, "<p>%s</p>\n", _("You may also report orally, or on paper, to your leader, a safety representative or a union representative. A leader registers an oral report here, and you get a receipt code from them."));
	html_fmt(b, "<p class=\"cta-line\"><a class=\"button-link\" "
	    "href=\"/whistle/new\">%s</a></p>\n", _("Send a report"));
	html_page_end(b, req);
}
