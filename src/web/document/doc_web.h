/* doc_web.h: what the document pages (src/web/document/) share. */
#ifndef ORDEN_DOC_WEB_H
#define ORDEN_DOC_WEB_H

#include <stddef.h>
#include <stdint.h>

#include "document/document.h"
#include "util/buf.h"

struct ctx;

const char	*web_doc_status_label(enum doc_status);
const char	*web_doc_type_label(const char *type);
/* "05.03.2026" / "2026-03-05" in the arena; "" for 0. */
const char	*web_doc_day(struct ctx *, int64_t t);
const char	*web_doc_iso(struct ctx *, int64_t t);
void		 web_doc_type_select(struct buf *, const char *cur, const char *error);
void		 web_doc_process_select(struct buf *, const struct doc_process *,
		    size_t n, int64_t cur, const char *error);
/* A card linking the municipality's current public documents (the
 * whistleblowing routine) by their permanent links, for the public
 * whistleblowing pages; nothing when there are none. */
void		 web_doc_public_links(struct buf *, struct ctx *);
/* The translated reason of an invalid result. */
const char	*web_doc_why(const struct doc_result *);

#endif
