/* contact.h: whom to ask when a password is forgotten (per municipality;
 * shown on the login page until Orden can send e-mail). */
#ifndef ORDEN_ORG_CONTACT_H
#define ORDEN_ORG_CONTACT_H

struct ctx;

#define ORG_CONTACT_MAX 500	/* bytes of the text */

/* The tenant's text (arena) into *out, or NULL when none is set (the page
 * then says something sensible of its own). 0 or -1. */
int	org_admin_contact_get(struct ctx *, const char **out);
/* Set it (NULL or "" clears it), audited "admin_contact_set", in the
 * caller's transaction or its own. 0 or -1. */
int	org_admin_contact_set(struct ctx *, const char *text);

#endif
