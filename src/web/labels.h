/* labels.h: translated names for codes the pages show (roles, audit
 * actions). The codes themselves stay English in the database and the API. */
#ifndef ORDEN_WEB_LABELS_H
#define ORDEN_WEB_LABELS_H

#include "org/org.h"

/* "Medarbeider", "Leder", ... in the thread's language. Borrowed (static or
 * the gettext catalogue); "?" when out of range. */
const char	*web_role_label(enum role);
/* A readable label for an audit action code ("login" -> "Logget inn"); the
 * code itself when it is not one we know. Borrowed. */
const char	*web_action_label(const char *action);

/* "Person", "Enhet", ... for an audit object type; the code itself when
 * unknown. Borrowed. */
const char	*web_object_label(const char *type);

#endif
