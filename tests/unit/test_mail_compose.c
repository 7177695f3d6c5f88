/* test_mail_compose.c: every notification kind the modules send has an
 * e-mail subject and sentence of its own, in the person's language, and a
 * link to a list, never the notification's text (issue 17, item 3). Before,
 * the yearly wheel, documents, risk assessments and follow-ups all got
 * "Something waits for you", and a risk measure (no deviation) printed a
 * NULL link. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "i18n/i18n.h"
#include "notify/mail.h"
#include "notify/mail_int.h"
#include "util/buf.h"

#ifndef ORDEN_LOCALE_DIR
#error "ORDEN_LOCALE_DIR must point at the built .mo files"
#endif

static const struct {
	const char	*kind, *path, *nb_subject;
} kinds[] = {
	{ "risk_review", "/risk-assessments", "En risikovurdering skal gjennomgås" },
	{ "risk_deviations", "/risk-assessments", "Nye avvik gjelder en risikovurdering" },
	{ "doc_revision_due", "/documents", "Et dokument skal revideres" },
	{ "doc_revision_overdue", "/documents", "Et dokument har passert revisjonsdatoen" },
	/* It was missing: a leader's reminder to read mailed "Noe venter på
	 * deg i Orden" with a link to the notifications. */
	{ "doc_read_reminder", "/documents/to-read", "Dokumenter venter på at du leser dem" },
	{ "doc_to_read", "/documents/to-read", "Et dokument venter på at du leser det" },
	{ "wheel", "/wheel/mine", "En oppgave i årshjulet venter på deg" },
	{ "wheel_overdue", "/wheel/mine", "En oppgave i årshjulet er forfalt" },
	{ "followup", "/followup", "En oppfølging av et tilsyn venter på deg" },
};

static int
setup(void **st)
{
	(void)st;
	return i18n_init(ORDEN_LOCALE_DIR);
}

/* The decoded subject and body of message m, into subj and body. */
static void
decode(const char *m, char *subj, size_t subjsz, char *body, size_t bodysz)
{
	const char	*s = strstr(m, "Subject: =?UTF-8?B?"), *e, *bl;
	char		 enc[4096];
	size_t		 n = 0, i, k;

	assert_non_null(s);
	s += strlen("Subject: =?UTF-8?B?");
	assert_non_null(e = strstr(s, "?="));
	memcpy(enc, s, (size_t)(e - s));
	enc[e - s] = '\0';
	assert_int_equal(sodium_base642bin((unsigned char *)subj, subjsz - 1,
	    enc, strlen(enc), NULL, &n, NULL, sodium_base64_VARIANT_ORIGINAL), 0);
	subj[n] = '\0';
	assert_non_null(bl = strstr(m, "\r\n\r\n"));
	for (bl += 4, i = 0, k = 0; bl[i] != '\0' && k + 1 < sizeof(enc); i++)
		if (bl[i] != '\r' && bl[i] != '\n')
			enc[k++] = bl[i];
	enc[k] = '\0';
	assert_int_equal(sodium_base642bin((unsigned char *)body, bodysz - 1,
	    enc, k, NULL, &n, NULL, sodium_base64_VARIANT_ORIGINAL), 0);
	body[n] = '\0';
}

static void
compose_about(const char *lang, const char *kind, int64_t dev, int improvement,
    char *subj, size_t subjsz, char *body, size_t bodysz)
{
	struct mail_config	cfg = { 0 };
	struct mail_what	w = { kind, dev, 0, NULL, improvement };
	struct buf		b;

	cfg.from = "orden@kommune.example";
	i18n_use(lang);
	buf_init(&b, 64 * 1024);
	assert_int_equal(mail_compose(&b, &cfg, "leder@kommune.example", lang,
	    &w, "https://orden.kommune.example", "x@kommune.example", 0), 0);
	decode(buf_cstr(&b), subj, subjsz, body, bodysz);
	buf_free(&b);
}

static void
compose(const char *lang, const char *kind, int64_t dev, char *subj,
    size_t subjsz, char *body, size_t bodysz)
{
	compose_about(lang, kind, dev, 0, subj, subjsz, body, bodysz);
}

static void
test_every_kind_has_its_subject(void **st)
{
	char	subj[512], body[4096], link[128], generic[512], gbody[4096];
	size_t	i;

	(void)st;
	compose("nb", "no-such-kind", 0, generic, sizeof(generic), gbody,
	    sizeof(gbody));
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		compose("nb", kinds[i].kind, 0, subj, sizeof(subj), body,
		    sizeof(body));
		assert_string_equal(subj, kinds[i].nb_subject);
		assert_string_not_equal(subj, generic);
		snprintf(link, sizeof(link), "https://orden.kommune.example%s\n",
		    kinds[i].path);
		assert_non_null(strstr(body, link));
		/* English when the person chose it. */
		compose("en", kinds[i].kind, 0, subj, sizeof(subj), body,
		    sizeof(body));
		assert_string_not_equal(subj, kinds[i].nb_subject);
		compose("nn", kinds[i].kind, 0, subj, sizeof(subj), body,
		    sizeof(body));
		assert_string_not_equal(subj, generic);
	}
}

/* A measure of a risk assessment has no deviation: the link goes to the
 * notifications, not to "(null)". */
static void
test_measure_without_deviation(void **st)
{
	char	subj[512], body[4096];

	(void)st;
	compose("nb", "measure", 0, subj, sizeof(subj), body, sizeof(body));
	assert_null(strstr(body, "(null)"));
	assert_non_null(strstr(body, "https://orden.kommune.example/notifications\n"));
	compose("nb", "measure", 42, subj, sizeof(subj), body, sizeof(body));
	assert_non_null(strstr(body, "https://orden.kommune.example/deviations/42\n"));
}

/* Every kind a deviation's notice has, about an improvement proposal: the
 * subject and sentence name a proposal in each language and never say
 * "avvik" (they did: compose.c knew only the notification's kind); the
 * same kind about a deviation keeps its words. "legal" is for deviations
 * alone (a legal clock starts by a category, which a proposal lacks). */
static void
test_improvement_named(void **st)
{
	static const char *const dev_kinds[] = { "new", "reminder",
	    "escalation", "transferred", "returned", "acknowledged", "closed",
	    "reopened", "measure", "measure_done" };
	static const struct {
		const char *lang, *word, *not;
	} langs[] = {
		{ "nb", "forbedringsforslag", "avvik" },
		{ "nn", "forbetringsforslag", "avvik" },
		{ "en", "improvement proposal", "deviation" },
	};
	char	subj[512], body[4096], dsubj[512], dbody[4096], *end;
	size_t	i, l;

	(void)st;
	for (l = 0; l < sizeof(langs) / sizeof(langs[0]); l++)
		for (i = 0; i < sizeof(dev_kinds) / sizeof(dev_kinds[0]); i++) {
			compose_about(langs[l].lang, dev_kinds[i], 42, 1, subj,
			    sizeof(subj), body, sizeof(body));
			compose_about(langs[l].lang, dev_kinds[i], 42, 0, dsubj,
			    sizeof(dsubj), dbody, sizeof(dbody));
			/* The sentence: the body's first line. */
			if ((end = strchr(body, '\n')) != NULL)
				*end = '\0';
			if (strstr(body, langs[l].word) == NULL ||
			    strcasestr(subj, langs[l].not) != NULL ||
			    strcasestr(body, langs[l].not) != NULL)
				fail_msg("%s %s: \"%s\" / \"%s\"", langs[l].lang,
				    dev_kinds[i], subj, body);
			/* The measure's subject names no report either way. */
			if (strncmp(dev_kinds[i], "measure", 7) != 0 &&
			    strstr(subj, langs[l].word) == NULL)
				fail_msg("%s %s: subject \"%s\"", langs[l].lang,
				    dev_kinds[i], subj);
			assert_null(strstr(dsubj, langs[l].word));
			assert_non_null(strstr(dbody,
			    "https://orden.kommune.example/deviations/42\n"));
		}
	compose_about("nb", "new", 42, 1, subj, sizeof(subj), body, sizeof(body));
	assert_string_equal(subj, "Et forbedringsforslag venter på deg");
	assert_non_null(strstr(body, "https://orden.kommune.example/deviations/42\n"));
	compose_about("nb", "new", 42, 0, subj, sizeof(subj), body, sizeof(body));
	assert_string_equal(subj, "Et avvik venter på deg");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_kind_has_its_subject),
		cmocka_unit_test(test_measure_without_deviation),
		cmocka_unit_test(test_improvement_named),
	};
	return cmocka_run_group_tests_name("mail_compose", tests, setup, NULL);
}
