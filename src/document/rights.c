/* rights.c: what the governing-document faces may offer a person — a
 * link, a form, an early refusal — asked of the module, so that no face
 * writes an access decision (scripts/check-banned.sh). The decisions are
 * authz/'s (authz/document.c, policy.c); the actions (document_do,
 * doc_process_add, document_template_adopt) check again inside, so a
 * face that forgot to ask still refuses. */
#include "document/document.h"

#include "authz/authz.h"
#include "ctx.h"

int
document_may(struct ctx *ctx, const struct document *d, enum doc_may what)
{
	switch (what) {
	case DOC_MAY_EDIT:
		return authz_doc_can(ctx, AZ_DOC_EDIT, d);
	case DOC_MAY_APPROVE:
		return authz_doc_can(ctx, AZ_DOC_APPROVE, d);
	case DOC_MAY_COVERAGE:
		return authz_doc_can(ctx, AZ_DOC_COVERAGE, d);
	}
	return 0;
}

int
document_right(struct ctx *ctx, enum doc_right what)
{
	/* Anonymous has none of these, as authz_can would answer. */
	if (ctx == NULL || ctx->user == NULL)
		return 0;
	switch (what) {
	case DOC_RIGHT_CREATE:
		return authz_can(ctx, AZ_DOC_CREATE, 0);
	case DOC_RIGHT_PROCESSES:
		return authz_can(ctx, AZ_DOC_PROCESSES, 0);
	}
	return 0;
}

int
document_public(struct ctx *ctx, const char *code, struct document *out)
{
	int rc = document_load_code(ctx, code, out);

	if (rc == 0 && (!out->public_ || out->status != DOC_CURRENT))
		rc = DOC_ERR_NOTFOUND;
	return rc;
}
