/* web/admin/audit_words.c: an audit event's detail in words for the audit
 * page. The log keeps what the code wrote ("login=ole.vik role=hr
 * unit=hr"), chained and unchanged; a leader or auditor reads "Login:
 * ole.vik; Role: HR; Unit: hr". Only the page translates: the stored row,
 * and so the hash chain, stays as it was.
 *
 * A detail is words separated by spaces, new lines or '&'. A word
 * "key=value" starts a pair; a known key gets its label, a role its name
 * and "a->b" an arrow. A word without '=' after a pair is the rest of that
 * value (a name with spaces), unless it is a known flag ("inactive"). A
 * detail that does not start with a pair is free text, shown as written.
 * Everything goes through the HTML writer's escaping. */
#include "web/admin/admin.h"

#include <string.h>

#include "ctx.h"
#include "html/html.h"
#include "i18n/i18n.h"
#include "util/arena.h"
#include "util/buf.h"
#include "web/labels.h"

struct audit_word {
	const char	*word;
	const char	*label;
};

/* The keys the code writes (audit_append's callers), as a reader says them. */
static const struct audit_word keys[] = {
	{ "login",	N_("Login") },
	{ "old_login",	N_("Former login") },
	{ "role",	N_("Role") },
	{ "unit",	N_("Unit") },
	{ "code",	N_("Code") },
	{ "parent",	N_("Parent unit") },
	{ "into",	N_("Receiving unit") },
	{ "units",	N_("Units moved") },
	{ "people",	N_("People moved") },
	{ "grants",	N_("Roles ended") },
	{ "cases",	N_("Cases moved") },
	{ "risks",	N_("Risk assessments moved") },
	{ "documents",	N_("Documents moved") },
	{ "tasks",	N_("Tasks moved") },
	{ "token",	N_("Token") },
	{ "expires",	N_("Expires") },
	{ "name",	N_("Name") },
	{ "provider",	N_("Identity provider") },
	{ "reason",	N_("Reason") },
	{ "kind",	N_("Kind") },
	{ "category",	N_("Category") },
	{ "severity",	N_("Severity") },
	{ "was",	N_("Was") },
	{ "n",		N_("How many") },
};

/* Words that stand alone. */
static const struct audit_word flags[] = {
	{ "inactive",	N_("inactive") },
	{ "unit_closed", N_("because the unit was closed") },
};

static const char *
word_label(const struct audit_word *v, size_t n, const char *w)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].word, w) == 0)
			return _(v[i].label);
	return NULL;
}

static int
is_sep(char c)
{
	return c == ' ' || c == '\n' || c == '&';
}

/* A value: a role by its name, "a->b" with an arrow, else as written. */
static void
put_value(struct ctx *ctx, struct buf *b, const char *key, const char *v)
{
	const char	*arrow;
	enum role	 role;

	if (strcmp(key, "role") == 0 && role_parse(v, &role) == 0) {
		html_fmt(b, "%s", web_role_label(role));
		return;
	}
	if ((arrow = strstr(v, "->")) != NULL) {
		html_fmt(b, "%s \xe2\x86\x92 %s",
		    arena_strndup(ctx->arena, v, (size_t)(arrow - v)), arrow + 2);
		return;
	}
	html_fmt(b, "%s", v);
}

void
web_audit_detail(struct ctx *ctx, struct buf *b, const char *detail)
{
	const char	*p, *end, *eq, *label, *key = NULL;
	char		*w, *val = NULL;
	int		 first = 1;

	if (detail == NULL)
		return;
	for (p = detail; is_sep(*p); p++)
		;
	end = p;
	while (*end != '\0' && !is_sep(*end))
		end++;
	eq = memchr(p, '=', (size_t)(end - p));
	if (eq == NULL || eq == p) {
		html_fmt(b, "%s", detail);	/* free text */
		return;
	}
	for (; *p != '\0'; p = end) {
		while (is_sep(*p))
			p++;
		for (end = p; *end != '\0' && !is_sep(*end); end++)
			;
		if (end == p)
			break;
		if ((w = arena_strndup(ctx->arena, p, (size_t)(end - p))) == NULL)
			return;
		eq = strchr(w, '=');
		if (eq == NULL && key != NULL &&
		    word_label(flags, sizeof(flags) / sizeof(flags[0]), w) == NULL) {
			/* The rest of a value with spaces. */
			val = arena_printf(ctx->arena, "%s %s", val, w);
			if (val == NULL)
				return;
			continue;
		}
		if (key != NULL) {
			put_value(ctx, b, key, val);
			key = NULL;
		}
		html_fmt(b, "%R", first ? "" : "; ");
		first = 0;
		if (eq == NULL) {
			label = word_label(flags, sizeof(flags) / sizeof(flags[0]), w);
			html_fmt(b, "%s", label != NULL ? label : w);
			continue;
		}
		w[eq - w] = '\0';
		key = w;
		val = w + (eq - w) + 1;
		label = word_label(keys, sizeof(keys) / sizeof(keys[0]), key);
		html_fmt(b, "%s: ", label != NULL ? label : key);
	}
	if (key != NULL)
		put_value(ctx, b, key, val);
}
