/* pending.c: what a session may reach while its person still has a
 * one-time password to replace. Decided here, for every route at once,
 * before any handler runs (http/server.c asks): a handler that forgets to
 * check cannot let such a session through. */
#include "authz/authz.h"

#include <string.h>

/* The change itself, leaving, and choosing the language of the page that
 * asks for the change. Everything else waits. */
static const char *const open_routes[] = {
	"password_form",
	"password",
	"logout",
	"lang",
	NULL
};

int
authz_route_open_while_password_pending(const char *route_name)
{
	size_t i;

	if (route_name == NULL)
		return 0;
	for (i = 0; open_routes[i] != NULL; i++)
		if (strcmp(open_routes[i], route_name) == 0)
			return 1;
	return 0;
}
