/* test_i18n.c: the UI speaks bokmål by default, English or nynorsk when
 * chosen, per thread: two requests at once each get their own language. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "i18n/i18n.h"

#ifndef ORDEN_LOCALE_DIR
#error "ORDEN_LOCALE_DIR must point at the built .mo files"
#endif

static int
setup(void **state)
{
	(void)state;
	return i18n_init(ORDEN_LOCALE_DIR);
}

static void
test_pick_cookie_wins(void **state)
{
	(void)state;
	assert_string_equal(i18n_pick("en", "nb-NO,nb;q=0.9"), "en");
	assert_string_equal(i18n_pick("nn", "en-US"), "nn");
	assert_string_equal(i18n_pick("nb", "en"), "nb");
	/* A cookie we do not speak is ignored, not trusted. */
	assert_string_equal(i18n_pick("de", "en-US,en;q=0.9"), "nb");
	assert_string_equal(i18n_pick("<script>", NULL), "nb");
}

static void
test_pick_accept_language(void **state)
{
	(void)state;
	assert_string_equal(i18n_pick(NULL, NULL), "nb");
	assert_string_equal(i18n_pick(NULL, ""), "nb");
	/* English is a choice the person makes, not the browser. */
	assert_string_equal(i18n_pick(NULL, "en-US,en;q=0.9"), "nb");
	assert_string_equal(i18n_pick(NULL,
	    "nb-NO,nb;q=0.9,no;q=0.8,nn;q=0.7,en-US;q=0.6,en;q=0.5"), "nb");
	assert_string_equal(i18n_pick(NULL, "no"), "nb");
	assert_string_equal(i18n_pick(NULL, "NO-no"), "nb");
	assert_string_equal(i18n_pick(NULL, "nn-NO,nn;q=0.9,nb;q=0.8"), "nn");
	/* Languages we do not speak are skipped. */
	assert_string_equal(i18n_pick(NULL, "de-DE,de;q=0.9,en;q=0.5"), "nb");
	assert_string_equal(i18n_pick(NULL, "de-DE,sv;q=0.9"), "nb");
	/* q-values decide, not only the order. */
	assert_string_equal(i18n_pick(NULL, "en;q=0.5, nn;q=0.7"), "nn");
	assert_string_equal(i18n_pick(NULL, "en;q=0, sv"), "nb");
	/* Garbage does not crash or pick something odd. */
	assert_string_equal(i18n_pick(NULL, ",,;;q=,e,enn,-en,*"), "nb");
	assert_string_equal(i18n_pick(NULL, "*;q=1.0, en;q=0.1"), "nb");
	assert_string_equal(i18n_pick(NULL, "en-US, nn;q=0.2"), "nn");
}

static void
test_use_falls_back_to_bokmal(void **state)
{
	(void)state;
	assert_string_equal(i18n_use("de"), "nb");
	assert_string_equal(i18n_use(NULL), "nb");
	assert_string_equal(_("Log in"), "Logg inn");
	assert_string_equal(i18n_use("en"), "en");
	assert_string_equal(_("Log in"), "Log in");
	assert_string_equal(i18n_use("nn"), "nn");
	assert_string_equal(_("Units"), "Einingar");
	assert_string_equal(i18n_use("nb"), "nb");
	assert_string_equal(_("Units"), "Enheter");
	assert_string_equal(_("Wrong username or password."),
	    "Feil brukernavn eller passord.");
}

static void
test_plural_forms(void **state)
{
	(void)state;
	i18n_use("nb");
	assert_string_equal(ngettext(
	    "Too many failed attempts. Try again in %d minute.",
	    "Too many failed attempts. Try again in %d minutes.", 1),
	    "For mange mislykkede forsøk. Prøv igjen om %d minutt.");
	assert_string_equal(ngettext(
	    "Too many failed attempts. Try again in %d minute.",
	    "Too many failed attempts. Try again in %d minutes.", 5),
	    "For mange mislykkede forsøk. Prøv igjen om %d minutter.");
}

struct worker {
	const char		*lang;
	const char		*want_login, *want_mayor;
	pthread_barrier_t	*barrier;
	int			 wrong;
};

static void *
worker_run(void *arg)
{
	struct worker	*w = arg;
	int		 i;

	i18n_use(w->lang);
	pthread_barrier_wait(w->barrier);
	for (i = 0; i < 20000; i++) {
		if (strcmp(_("Log in"), w->want_login) != 0 ||
		    strcmp(_("Mayor"), w->want_mayor) != 0)
			w->wrong++;
		/* Switching back and forth must not leak to the other thread. */
		if (i % 1000 == 0)
			i18n_use(w->lang);
	}
	return NULL;
}

static void
test_two_threads_two_languages(void **state)
{
	pthread_barrier_t	barrier;
	pthread_t		t[2];
	struct worker		w[2] = {
		{ "nb", "Logg inn", "Ordfører", NULL, 0 },
		{ "en", "Log in", "Mayor", NULL, 0 },
	};
	int			i;

	(void)state;
	assert_int_equal(pthread_barrier_init(&barrier, NULL, 2), 0);
	for (i = 0; i < 2; i++) {
		w[i].barrier = &barrier;
		assert_int_equal(pthread_create(&t[i], NULL, worker_run, &w[i]), 0);
	}
	for (i = 0; i < 2; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	pthread_barrier_destroy(&barrier);
	assert_int_equal(w[0].wrong, 0);
	assert_int_equal(w[1].wrong, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pick_cookie_wins),
		cmocka_unit_test(test_pick_accept_language),
		cmocka_unit_test(test_use_falls_back_to_bokmal),
		cmocka_unit_test(test_plural_forms),
		cmocka_unit_test(test_two_threads_two_languages),
	};

	return cmocka_run_group_tests(tests, setup, NULL);
}
