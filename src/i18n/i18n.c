/* i18n.c: the UI language per thread. gettext picks the catalogue from the
 * thread's LC_MESSAGES locale (uselocale), so one worker can answer in
 * bokmål while the next answers in English. The locale objects are made
 * once in i18n_init and only read afterwards, so threads share them freely. */
#include "i18n/i18n.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#ifndef ORDEN_LOCALEDATA_DIR
#define ORDEN_LOCALEDATA_DIR ""
#endif

#define I18N_DOMAIN "orden"

enum lang { LANG_NB, LANG_NN, LANG_EN, LANG_MAX };

static const char *const lang_code[LANG_MAX] = { "nb", "nn", "en" };
/* The first name that loads is used; C.UTF-8 keeps English (the msgids)
 * available on a machine with no English locale at all. */
static const char *const lang_locales[LANG_MAX][3] = {
	{ "nb_NO.UTF-8", "nb_NO.utf8", NULL },
	{ "nn_NO.UTF-8", "nn_NO.utf8", NULL },
	{ "en_US.UTF-8", "C.UTF-8", NULL },
};

static locale_t	lang_loc[LANG_MAX];

static enum lang
lang_index(const char *lang)
{
	int i;

	if (lang != NULL)
		for (i = 0; i < LANG_MAX; i++)
			if (strcmp(lang, lang_code[i]) == 0)
				return (enum lang)i;
	return LANG_NB;
}

static locale_t
lang_open(enum lang l)
{
	locale_t	 loc;
	size_t		 i;

	for (i = 0; lang_locales[l][i] != NULL; i++)
		if ((loc = newlocale(LC_MESSAGES_MASK, lang_locales[l][i],
		    (locale_t)0)) != (locale_t)0)
			return loc;
	return (locale_t)0;
}

int
i18n_init(const char *localedir)
{
	const char	*locpath;
	int		 i, missing = 0;

	/* LANGUAGE outranks the locale in GNU gettext; a user's shell
	 * setting must not override the language a request asked for. */
	unsetenv("LANGUAGE");
	if (bindtextdomain(I18N_DOMAIN, localedir) == NULL ||
	    bind_textdomain_codeset(I18N_DOMAIN, "UTF-8") == NULL ||
	    textdomain(I18N_DOMAIN) == NULL)
		return -1;

	for (i = 0; i < LANG_MAX; i++)
		if (lang_loc[i] == (locale_t)0 &&
		    (lang_loc[i] = lang_open((enum lang)i)) == (locale_t)0)
			missing = 1;
	if (missing) {
		/* The machine has not generated our locales: use the ones the
		 * build made (glibc reads LOCPATH at each newlocale call). */
		locpath = getenv("ORDEN_LOCALEDATA_DIR");
		if (locpath == NULL || *locpath == '\0')
			locpath = ORDEN_LOCALEDATA_DIR;
		if (*locpath != '\0' && setenv("LOCPATH", locpath, 1) == 0)
			for (i = 0; i < LANG_MAX; i++)
				if (lang_loc[i] == (locale_t)0)
					lang_loc[i] = lang_open((enum lang)i);
	}
	return lang_loc[LANG_NB] != (locale_t)0 ? 0 : -1;
}

const char *
i18n_use(const char *lang)
{
	enum lang l = lang_index(lang);

	if (lang_loc[l] == (locale_t)0)
		l = LANG_NB;
	if (lang_loc[l] != (locale_t)0)
		uselocale(lang_loc[l]);
	return lang_code[l];
}

/* The language of one Accept-Language tag ("nb-NO" -> nb, "no" -> nb), or
 * -1 when it is not one we speak. */
static int
tag_lang(const char *tag, size_t len)
{
	char	 p[4];
	size_t	 i;

	for (i = 0; i < len && tag[i] != '-' && tag[i] != '_'; i++)
		if (i >= 3)
			return -1;
	if (i != 2)
		return -1;
	p[0] = (char)(tag[0] | 0x20);
	p[1] = (char)(tag[1] | 0x20);
	p[2] = '\0';
	if (strcmp(p, "nb") == 0 || strcmp(p, "no") == 0)
		return LANG_NB;
	if (strcmp(p, "nn") == 0)
		return LANG_NN;
	if (strcmp(p, "en") == 0)
		return LANG_EN;
	return -1;
}

/* q-value of ";q=0.8" parameters in [p, end): 0..1000; 1000 when absent. */
static int
tag_quality(const char *p, const char *end)
{
	int	 q, scale;

	while (p < end) {
		while (p < end && (*p == ';' || *p == ' ' || *p == '\t'))
			p++;
		if (end - p >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
			p += 2;
			if (p < end && *p == '1')
				return 1000;
			if (p >= end || *p != '0')
				return 0;
			p++;
			q = 0;
			scale = 100;
			if (p < end && *p == '.')
				for (p++; p < end && *p >= '0' && *p <= '9' &&
				    scale > 0; p++, scale /= 10)
					q += (*p - '0') * scale;
			return q;
		}
		while (p < end && *p != ';')
			p++;
	}
	return 1000;
}

const char *
i18n_pick(const char *cookie, const char *accept_language)
{
	const char	*p, *end, *tag;
	size_t		 taglen;
	int		 l, q, best = -1, bestq = 0;

	if (cookie != NULL && (strcmp(cookie, "nb") == 0 ||
	    strcmp(cookie, "nn") == 0 || strcmp(cookie, "en") == 0))
		return lang_code[lang_index(cookie)];
	if (accept_language == NULL)
		return lang_code[LANG_NB];
	/* The highest q among the languages we speak; on a tie the one
	 * listed first, as browsers list in order of preference. */
	for (p = accept_language; *p; p = *end ? end + 1 : end) {
		if ((end = strchr(p, ',')) == NULL)
			end = p + strlen(p);
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		tag = p;
		while (p < end && *p != ';' && *p != ' ' && *p != '\t')
			p++;
		taglen = (size_t)(p - tag);
		/* The browser may only choose between the two written forms of
		 * Norwegian: a municipality's system speaks Norwegian unless the
		 * person chooses English (many Norwegians run English browsers). */
		if ((l = tag_lang(tag, taglen)) < 0 || l == LANG_EN)
			continue;
		q = tag_quality(p, end);
		if (q > bestq) {
			best = l;
			bestq = q;
		}
	}
	return lang_code[best < 0 ? LANG_NB : best];
}

/* glibc (2.36 at least) never frees the search list newlocale builds from
 * LOCPATH: a few hundred bytes per call, only at start-up. Tell
 * LeakSanitizer so that sanitizer builds of every binary that calls
 * i18n_init (the server included) exit cleanly. */
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define I18N_LSAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_LEAK__)
#define I18N_LSAN 1
#endif
#ifdef I18N_LSAN
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
	/* fontconfig (under pango, for the report's PDF) keeps its
	 * configuration for the life of the process, not all of it
	 * reachable from its globals. */
	return "leak:argz_create_sep\nleak:argz_add_sep\n"
	    "leak:libfontconfig.so\n";
}
#endif
