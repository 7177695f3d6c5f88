/* webhook.c: a governing document that gets a new current version is an
 * event other systems may hear (webhook/): its own ID (e.g. 2128), type,
 * the lowest unit it is for (none: every unit), the version number as its
 * status, and its permanent link. Never its title or text: a draft's
 * title may not be the municipality's to publish, and a receiver that
 * wants the text reads it through the API with its own access. */
#include "document/document.h"

#include <string.h>

#include "ctx.h"
#include "document/doc_int.h"
#include "util/arena.h"
#include "webhook/webhook.h"

int
document_webhook(struct ctx *ctx, const struct document *d, int number)
{
	struct wh_subject s;

	memset(&s, 0, sizeof(s));
	s.kind = "document";
	s.id = d->id;
	s.number = d->code;
	s.unit_id = d->unit_id;
	s.category = d->type;
	s.status = arena_printf(ctx->arena, "v%d", number);
	s.path = arena_printf(ctx->arena, "/d/%s", d->code);
	return webhook_emit(ctx, WH_DOC_PUBLISHED, &s);
}
