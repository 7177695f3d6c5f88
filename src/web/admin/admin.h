/* admin.h: what the admin pages of the organisation share. */
#ifndef ORDEN_WEB_ADMIN_H
#define ORDEN_WEB_ADMIN_H

#include <stddef.h>

#include "http/http.h"
#include "org/org.h"

/* org_directory for a page: 0 with the tree (and everyone, when people
 * is not NULL), or -1 with the answer (403 or 500) given. (units.c) */
int	web_org_directory(struct http_req *, struct http_resp *,
	    struct unit **units, size_t *nu, struct person **people, size_t *np);

struct buf;
struct ctx;
/* An audit event's detail as the audit page shows it: its key=value pairs
 * in words ("Login: ole.vik; Role: HR"), free text as written; escaped,
 * appended to b. (audit_words.c) */
void	web_audit_detail(struct ctx *, struct buf *b, const char *detail);

#endif
