/* compose.c: one e-mail as text (mail_int.h). A mail says that something
 * waits and where: the subject and one sentence come from the kind (and
 * whether the report is a deviation or an improvement proposal), the link
 * from the deviation's id. Nothing of the notification's text,
 * the deviation's title or a whistleblowing case is read here, so nothing
 * of it can reach a mailbox. */
#include "notify/mail.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "i18n/i18n.h"
#include "notify/mail_int.h"
#include "util/buf.h"

struct kind_text {
	const char	*kind;
	const char	*subject;	/* N_(): translated when used */
	const char	*line;
	int		 to_deviation;	/* link to the deviation, else `path` */
	const char	*path;
	/* The same for an improvement proposal (mail_what.improvement);
	 * NULL: the kind is never about one. */
	const char	*imp_subject;
	const char	*imp_line;
};

static const struct kind_text kinds[] = {
	{ "new", N_("A deviation waits for you"),
	  N_("A new deviation waits for you in Orden."), 1, NULL,
	  N_("An improvement proposal waits for you"),
	  N_("A new improvement proposal waits for you in Orden.") },
	{ "reminder", N_("Reminder: a deviation waits for you"),
	  N_("A deadline for a deviation is near."), 1, NULL,
	  N_("Reminder: an improvement proposal waits for you"),
	  N_("A deadline for an improvement proposal is near.") },
	{ "escalation", N_("A deviation has been passed to you"),
	  N_("A deadline for a deviation has passed, and it now waits for you."), 1, NULL,
	  N_("An improvement proposal has been passed to you"),
	  N_("A deadline for an improvement proposal has passed, and it now waits for you.") },
	{ "transferred", N_("A deviation was transferred"),
	  N_("A deviation you follow was transferred to another unit."), 1, NULL,
	  N_("An improvement proposal was transferred"),
	  N_("An improvement proposal you follow was transferred to another unit.") },
	{ "returned", N_("A deviation was returned to you"),
	  N_("A deviation you reported was returned to you."), 1, NULL,
	  N_("An improvement proposal was returned to you"),
	  N_("An improvement proposal you made was returned to you.") },
	{ "acknowledged", N_("A deviation was acknowledged"),
	  N_("A deviation you reported was acknowledged."), 1, NULL,
	  N_("An improvement proposal was acknowledged"),
	  N_("An improvement proposal you made was acknowledged.") },
	{ "closed", N_("A deviation was closed"),
	  N_("A deviation you follow was closed."), 1, NULL,
	  N_("An improvement proposal was closed"),
	  N_("An improvement proposal you follow was closed.") },
	{ "reopened", N_("A deviation was reopened"),
	  N_("A deviation you reported was reopened."), 1, NULL,
	  N_("An improvement proposal was reopened"),
	  N_("An improvement proposal you made was reopened.") },
	{ "measure", N_("A measure waits for you"),
	  N_("A measure for a deviation is yours to carry out."), 1, NULL,
	  N_("A measure waits for you"),
	  N_("A measure for an improvement proposal is yours to carry out.") },
	/* A risk's measure (risk/gate.c): "measure" said "for a deviation"
	 * and linked no page. The start page lists one's measures. */
	{ "risk_measure", N_("A measure waits for you"),
	  N_("A measure for a risk assessment is yours to carry out."), 0, "/",
	  NULL, NULL },
	/* measure/tick.c, a few days before the due date: the start page
	 * lists one's measures; a deviation's opens the deviation. */
	{ "measure_due", N_("A measure of yours is due soon"),
	  N_("A measure you are responsible for is due in a few days."), 1, "/",
	  NULL, NULL },
	/* The same when its owner has been made inactive: to the leaders of
	 * the unit that answers for the measure. */
	{ "measure_due_left", N_("A measure whose owner has left is due soon"),
	  N_("A measure in your unit is due in a few days, and the person responsible for it is no longer active."),
	  1, "/", NULL, NULL },
	{ "measure_done", N_("A measure is done"),
	  N_("A measure for a deviation you handle is done."), 1, NULL,
	  N_("A measure is done"),
	  N_("A measure for an improvement proposal you handle is done.") },
	/* A legal clock starts by a deviation's category; an improvement
	 * proposal has none. */
	{ "legal", N_("A legal deadline is near"),
	  N_("A legal deadline for a deviation is near."), 1, NULL, NULL, NULL },
	/* One notice for many deadlines of history passed in one tick
	 * (deviation/tick.c): the overdue list, which shows what the reader
	 * may see. */
	{ "overdue_summary", N_("Old deadlines have passed"),
	  N_("Deadlines of deviations passed more than a week ago; the overdue ones are in one list."),
	  0, "/deviations?overdue=1", NULL, NULL },
	/* The other modules' kinds: a link to their list, never the
	 * notification's text (it may name a document, a task or a risk). */
	{ "risk_review", N_("A risk assessment is due for review"),
	  N_("A risk assessment you are responsible for is due for review."), 0,
	  "/risk-assessments", NULL, NULL },
	{ "risk_deviations", N_("New deviations concern a risk assessment"),
	  N_("New deviations concern a risk assessment you are responsible for."),
	  0, "/risk-assessments", NULL, NULL },
	{ "doc_revision_due", N_("A document is due for revision"),
	  N_("A governing document you own is due for revision soon."), 0,
	  "/documents", NULL, NULL },
	{ "doc_revision_overdue", N_("A document is overdue for revision"),
	  N_("A governing document you own is past its revision date."), 0,
	  "/documents", NULL, NULL },
	/* A leader's reminder to read (document/coverage.c): which
	 * documents is in Orden, not here. */
	{ "doc_read_reminder", N_("Documents wait for you to read"),
	  N_("Governing documents wait for you to read and confirm."), 0,
	  "/documents/to-read", NULL, NULL },
	/* An approved version that asks anew (document/gate.c): which
	 * document is in Orden, not here. */
	{ "doc_to_read", N_("A document waits for you to read"),
	  N_("A governing document that applies to you was approved; read it and confirm."),
	  0, "/documents/to-read", NULL, NULL },
	{ "wheel", N_("A task in the yearly wheel waits for you"),
	  N_("A task of yours in the yearly wheel is coming up."), 0,
	  "/wheel/mine", NULL, NULL },
	{ "wheel_overdue", N_("A task in the yearly wheel is overdue"),
	  N_("A task of yours in the yearly wheel is past its date."), 0,
	  "/wheel/mine", NULL, NULL },
	{ "followup", N_("An audit follow-up waits for you"),
	  N_("A follow-up of an audit or supervision waits for you."), 0,
	  "/followup", NULL, NULL },
	/* Nothing about the case: not its number, not its state. */
	{ "whistle", N_("A whistleblowing case needs you"),
	  N_("A whistleblowing case needs you."), 0, "/whistle/cases", NULL, NULL },
};

static const struct kind_text other = {
	"", N_("Something waits for you in Orden"),
	N_("Something waits for you in Orden."), 0, "/notifications", NULL, NULL
};

static const struct kind_text *
kind_text(const char *kind)
{
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kind != NULL && strcmp(kind, kinds[i].kind) == 0)
			return &kinds[i];
	return &other;
}

/* 1 when s could end a header line early or break an address. */
static int
unsafe(const char *s)
{
	return s == NULL || *s == '\0' || strpbrk(s, "\r\n<>\"") != NULL;
}

const char *
mail_from_domain(const struct mail_config *cfg)
{
	const char *at = cfg->from != NULL ? strrchr(cfg->from, '@') : NULL;

	return at != NULL && at[1] != '\0' && !unsafe(at + 1) ? at + 1 :
	    "orden.invalid";
}

/* RFC 2047 encoded-word for a UTF-8 header text (always encoded: the
 * translations have æ, ø and å). */
static int
put_encoded(struct buf *b, const char *s)
{
	size_t	 n = strlen(s), m = sodium_base64_ENCODED_LEN(n,
	    sodium_base64_VARIANT_ORIGINAL);
	char	*e;
	int	 rc;

	if ((e = malloc(m)) == NULL)
		return -1;
	sodium_bin2base64(e, m, (const unsigned char *)s, n,
	    sodium_base64_VARIANT_ORIGINAL);
	rc = buf_printf(b, "=?UTF-8?B?%s?=", e);
	free(e);
	return rc;
}

/* The body in base64, in lines of 76. */
static int
put_body(struct buf *b, const char *s, size_t n)
{
	size_t	 m = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
	size_t	 len, i;
	char	*e;

	if ((e = malloc(m)) == NULL)
		return -1;
	sodium_bin2base64(e, m, (const unsigned char *)s, n,
	    sodium_base64_VARIANT_ORIGINAL);
	len = strlen(e);
	for (i = 0; i < len; i += 76) {
		buf_append(b, e + i, len - i < 76 ? len - i : 76);
		buf_puts(b, "\r\n");
	}
	free(e);
	return buf_failed(b) ? -1 : 0;
}

/* RFC 5322 date in UTC, with English names whatever the locale. */
static void
put_date(struct buf *b, int64_t now)
{
	static const char *const wd[] = { "Sun", "Mon", "Tue", "Wed", "Thu",
	    "Fri", "Sat" };
	static const char *const mo[] = { "Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	time_t		t = (time_t)now;
	struct tm	tm;

	if (gmtime_r(&t, &tm) == NULL)
		return;
	buf_printf(b, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n",
	    wd[tm.tm_wday], tm.tm_mday, mo[tm.tm_mon], tm.tm_year + 1900,
	    tm.tm_hour, tm.tm_min, tm.tm_sec);
}

int
mail_compose(struct buf *b, const struct mail_config *cfg, const char *to,
    const char *lang, const struct mail_what *w, const char *base,
    const char *msgid, int64_t now)
{
	const struct kind_text	*k = kind_text(w->kind);
	struct buf		 text;
	const char		*subject;
	int			 imp, rc = -1;

	if (unsafe(to) || unsafe(cfg->from) || unsafe(msgid) ||
	    strpbrk(base, "\r\n") != NULL)
		return -1;
	buf_init(&text, 16 * 1024);
	if (strcmp(w->kind, MAIL_RESET_KIND) == 0) {
		if (w->secret == NULL || w->secret[strspn(w->secret,
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789-_")] != '\0')
			goto out;
		subject = _("Set a new password for Orden");
		buf_printf(&text, "%s\n\n%s/password/reset?token=%s\n\n%s\n",
		    _("Someone asked for a new password for your Orden account. "
		    "This link works once, for 30 minutes:"), base, w->secret,
		    _("If it was not you, do nothing: your password stays as it is."));
		goto headers;
	}
	if (w->ndigest > 0) {
		subject = _("Things wait for you in Orden");
		buf_printf(&text, _("%zu notifications in Orden are waiting for you since the last summary."),
		    w->ndigest);
		buf_printf(&text, "\n\n%s\n%s/notifications\n",
		    _("See them in Orden:"), base);
	} else {
		/* An improvement proposal is named as one: "Et avvik venter
		 * på deg" about a proposal says what it is not. */
		imp = w->improvement && k->imp_subject != NULL;
		subject = _(imp ? k->imp_subject : k->subject);
		buf_printf(&text, "%s\n\n%s\n", _(imp ? k->imp_line : k->line),
		    _("Open it in Orden:"));
		if (k->to_deviation && w->dev_id > 0)
			buf_printf(&text, "%s/deviations/%lld\n", base,
			    (long long)w->dev_id);
		else	/* a measure of a risk assessment has no deviation */
			buf_printf(&text, "%s%s\n", base, k->path != NULL ?
			    k->path : "/notifications");
	}
	buf_printf(&text, "\n%s\n%s\n%s/account/notifications\n",
	    _("This e-mail only says that something waits. What it is about is "
	    "in Orden, after you sign in."),
	    _("Choose how you get these e-mails:"), base);
headers:
	if (buf_failed(&text))
		goto out;
	buf_printf(b, "From: Orden <%s>\r\nTo: <%s>\r\nSubject: ", cfg->from, to);
	if (put_encoded(b, subject) != 0)
		goto out;
	buf_puts(b, "\r\n");
	put_date(b, now);
	buf_printf(b, "Message-ID: <%s>\r\n"
	    "MIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n"
	    "Content-Language: %s\r\n"
	    "Auto-Submitted: auto-generated\r\n"
	    "\r\n", msgid, lang);
	if (put_body(b, buf_cstr(&text), text.len) != 0)
		goto out;
	rc = buf_failed(b) ? -1 : 0;
out:
	buf_free(&text);
	return rc;
}
