/* doc_helpers.h: what the governing-document suites (test_http_doc_*)
 * do to put the register where a test starts: a document made current,
 * a deviation about it, a shared template published (doc_helpers.c).
 * Each goes through the same doors a person or the operator uses (the
 * JSON API, `orden template publish`) and fails the test when one does
 * not answer as it should. */
#ifndef ORDEN_TEST_DOC_HELPERS_H
#define ORDEN_TEST_DOC_HELPERS_H

#include <stdint.h>

#include "harness.h"

/* The first main process (a top group) c sees: GET /api/v1/document-processes. */
json_int_t	doc_first_process(struct client *c);
/* As c (quality): a document code, title, owned by owner (a login; NULL:
 * c), with body as its first version, under doc_first_process; 201.
 * Its id. */
json_int_t	doc_create(struct client *c, const char *code, const char *title,
		    const char *owner, const char *body);
/* As c (quality): the newest draft of document id sent for approval and
 * approved (approval_body "AMU"), both 200. */
void		doc_approve(struct client *c, json_int_t id);
/* As login in the unit with code unit: a deviation or proposal (kind)
 * titled title about the document with the municipality's ID doc,
 * through POST /api/v1/deviations; 201. Its id. */
json_int_t	doc_report_about(struct srv *s, const char *login, const char *unit,
		    const char *kind, const char *title, const char *doc);
/* `orden template publish kind --name name --file file extra` on s's
 * database, which must succeed. */
void		doc_template_publish(const struct srv *s, const char *kind,
		    const char *name, const char *file, const char *extra);
/* The id of the shared template named name (0: none). */
int64_t		doc_template_id(struct srv *s, const char *name);

#endif
