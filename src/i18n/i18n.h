/* i18n.h: every user-visible string goes through gettext. msgids are
 * English; po/nb.po (the default), po/nn.po and po/en.po translate.
 * The language is per thread (uselocale), set by http/ for each request
 * and by cli/ once. */
#ifndef ORDEN_I18N_H
#define ORDEN_I18N_H

#include <libintl.h>

#define _(s)	gettext(s)
#define N_(s)	(s)	/* mark for extraction; translate where used */

/* Bind the text domain to localedir (the build's locale tree). 0 or -1. */
int		 i18n_init(const char *localedir);
/* Switch this thread to "nb", "nn" or "en" (anything else: "nb").
 * Returns the language actually in use. */
const char	*i18n_use(const char *lang);
/* Pick from the language cookie (the person's explicit choice, which wins)
 * and Accept-Language, which may only choose between nb and nn: English is
 * never picked for someone who did not ask for it. Default "nb". Returns a
 * static string. */
const char	*i18n_pick(const char *cookie, const char *accept_language);

#endif
