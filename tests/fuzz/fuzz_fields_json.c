/* fuzz_fields_json.c: JSON request bodies through http_fields_validate,
 * with the declared fields of the application's own routes (the first
 * input byte picks the route; a new deviation's fields are route 0). The
 * same bytes are also decoded as an urlencoded form and validated against
 * the same fields, as the server does for HTML forms. The routes' declared
 * query parameters (app_queries) follow the routes' fields in the first
 * byte's choice: the server checks a query as it does a form. */
#include "fuzz.h"

#include "api/api.h"
#include "deviation/dev_input.h"
#include "http/http.h"
#include "util/arena.h"

static void
check_vals(const struct field *fields, const struct field_value *vals)
{
	const struct field	*f;
	size_t			 i;

	for (f = fields, i = 0; f->name != NULL; f++, i++) {
		if (!vals[i].present) {
			FUZZ_CHECK(!f->required || f->type == F_BOOL);
			continue;
		}
		if (f->type == F_INT)
			FUZZ_CHECK(vals[i].i >= f->min && vals[i].i <= f->max);
		if (f->type == F_BOOL)
			FUZZ_CHECK(vals[i].i == 0 || vals[i].i == 1);
		if (f->type == F_BOOL || f->type == F_INT)
			continue;
		FUZZ_CHECK(vals[i].s != NULL);
		FUZZ_CHECK((int64_t)strlen(vals[i].s) <= f->max);
		if (f->type != F_TEXT)
			FUZZ_CHECK(strpbrk(vals[i].s, "\r\n") == NULL);
		if (f->type == F_CODE)
			FUZZ_CHECK(strspn(vals[i].s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
			    "abcdefghijklmnopqrstuvwxyz0123456789_.-") ==
			    strlen(vals[i].s));
	}
}

static void
validate(const struct field *fields, const char *body, size_t len)
{
	struct arena		*a;
	struct field_value	*vals;
	struct kv		*form;
	size_t			 nform;
	const char		*bad, *msg;

	if ((a = arena_new(8 * 1024 * 1024)) == NULL)
		return;
	if (http_fields_validate(a, fields, NULL, 0, body, 1, &vals, &bad,
	    &msg) == 0)
		check_vals(fields, vals);
	else
		FUZZ_CHECK(msg != NULL);
	if (http_parse_urlencoded(a, body, len, &form, &nform) == 0) {
		if (http_fields_validate(a, fields, form, nform, NULL, 0, &vals,
		    &bad, &msg) == 0)
			check_vals(fields, vals);
		else
			FUZZ_CHECK(msg != NULL && bad != NULL);
	}
	arena_free(a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct field	*pick = dev_report_fields;
	const struct route	*r;
	const struct route_query *q;
	size_t			 nroutes = 0, nqueries = 0, want;
	char			*body;

	if (size < 1 || size > FUZZ_MAX_INPUT)
		return 0;
	for (r = app_routes; r->pattern != NULL; r++)
		if (r->fields != NULL)
			nroutes++;
	for (q = app_queries; q->route != NULL; q++)
		if (q->query != NULL)
			nqueries++;
	if (data[0] != 0 && nroutes + nqueries > 0) {
		want = (size_t)(data[0] - 1) % (nroutes + nqueries);
		for (r = app_routes; r->pattern != NULL; r++)
			if (r->fields != NULL && want-- == 0) {
				pick = r->fields;
				break;
			}
		for (q = app_queries; r->pattern == NULL && q->route != NULL; q++)
			if (q->query != NULL && want-- == 0) {
				pick = q->query;
				break;
			}
	}
	if ((body = fuzz_cstr(data + 1, size - 1)) == NULL)
		return 0;
	validate(pick, body, size - 1);
	free(body);
	return 0;
}
