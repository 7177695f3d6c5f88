/* api/risk/settings_api.c: the words of the score steps and the simplified
 * ROS templates over the API. Translations only: risk_do decides (404 not
 * visible, 403 not the caller's, 400 a field named, 200/201 done). */
#include "api/risk/risk_api.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "api/json.h"
#include "ctx.h"
#include "i18n/i18n.h"
#include "risk/risk.h"
#include "util/arena.h"

static json_t *
str_json(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

static json_t *
scale_json(const struct risk_scale *s)
{
	json_t	*o = json_object(), *a;
	int	 ax, i;

	for (ax = 0; ax < RAX_MAX; ax++) {
		a = json_array();
		for (i = 1; i <= RISK_SCALE; i++)
			json_array_append_new(a, json_pack("{s:i, s:s}", "step",
			    i, "word", risk_scale_word(s, (enum risk_axis)ax, i)));
		json_object_set_new(o, risk_axis_name((enum risk_axis)ax), a);
	}
	json_object_set_new(o, "custom", json_boolean(s->custom));
	return o;
}

void
api_risk_scale(struct http_req *req, struct http_resp *resp)
{
	struct risk_scale s;

	if (api_gate_risk_right(resp, req->ctx, RISK_RIGHT_SCALE) != 0)
		return;
	if (risk_scale_get(req->ctx, &s) != 0) {
		api_store_error(resp);
		return;
	}
	http_json(resp, 200, scale_json(&s));
}

/* A step outside the scale ("probability_6", "impact_0") is not one of
 * the declared fields, so http/ would pass it by: it is refused here,
 * named, so that no one believes a sixth step was kept. NULL: none. */
static const char *
step_outside(struct http_req *req)
{
	json_t		*root, *v;
	const char	*key, *bad = NULL;
	char		 axis[32];
	int		 step, n, i;

	if (req->body == NULL ||
	    (root = json_loads(req->body, 0, NULL)) == NULL)
		return NULL;
	json_object_foreach(root, key, v) {
		(void)v;
		for (i = 0; i < RAX_MAX && bad == NULL; i++) {
			n = 0;
			snprintf(axis, sizeof(axis), "%s_%%d%%n",
			    risk_axis_name((enum risk_axis)i));
			if (sscanf(key, axis, &step, &n) == 1 &&
			    key[n] == '\0' && (step < 1 || step > RISK_SCALE))
				bad = arena_strdup(req->ctx->arena, key);
		}
	}
	json_decref(root);
	return bad;
}

void
api_risk_scale_set(struct http_req *req, struct http_resp *resp)
{
	struct risk_input	in;
	struct risk_result	res;
	struct risk_scale	s;

	risk_read(req->vals, RK_SET_SCALE, &in);
	in.action = RK_SET_SCALE;
	in.bad_field = step_outside(req);
	risk_do(req->ctx, 0, &in, &res);
	if (api_risk_answer(resp, &res, _("No such risk template.")) != 0)
		return;
	if (risk_scale_get(req->ctx, &s) != 0) {
		api_store_error(resp);
		return;
	}
	http_json(resp, 200, scale_json(&s));
}

static json_t *
template_json(const struct risk_template *t)
{
	return json_pack("{s:I, s:s, s:o, s:i}", "id", (json_int_t)t->id,
	    "name", t->name, "unit_kind", str_json(t->unit_kind),
	    "risk_count", t->nrisks);
}

void
api_risk_templates(struct http_req *req, struct http_resp *resp)
{
	struct risk_template	*t;
	size_t			 n, i;
	json_t			*a;

	if (!risk_templates_visible(req->ctx)) {
		api_forbidden(resp);
		return;
	}
	if (risk_template_list(req->ctx, &t, &n) != 0) {
		api_store_error(resp);
		return;
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, template_json(&t[i]));
	http_json(resp, 200, json_pack("{s:o}", "templates", a));
}

/* The template with its standard risks; NULL on a store error. */
static json_t *
template_detail(struct ctx *ctx, const struct risk_template *t)
{
	struct risk_template_risk	*r;
	size_t				 n, i;
	json_t				*o, *a;

	if (risk_template_risks(ctx, t->id, &r, &n) != 0)
		return NULL;
	o = template_json(t);
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack(
		    "{s:I, s:s, s:o, s:o, s:o, s:i, s:i}",
		    "id", (json_int_t)r[i].id,
		    "description", r[i].description,
		    "cause", str_json(r[i].cause),
		    "consequence", str_json(r[i].consequence),
		    "barriers", str_json(r[i].barriers),
		    "probability", r[i].probability,
		    "impact", r[i].impact));
	json_object_set_new(o, "risks", a);
	json_object_set_new(o, "may_manage",
	    json_boolean(risk_right(ctx, RISK_RIGHT_CONFIGURE)));
	return o;
}

static void
answer_template(struct http_req *req, struct http_resp *resp, int64_t id,
    int status)
{
	struct risk_template	 t;
	json_t			*o;

	if (risk_template_get(req->ctx, id, &t) != 0 ||
	    (o = template_detail(req->ctx, &t)) == NULL) {
		api_store_error(resp);
		return;
	}
	http_json(resp, status, o);
}

void
api_risk_template_create(struct http_req *req, struct http_resp *resp)
{
	struct risk_input	in;
	struct risk_result	res;

	risk_read(req->vals, RK_TEMPLATE_CREATE, &in);
	in.action = RK_TEMPLATE_CREATE;
	risk_do(req->ctx, 0, &in, &res);
	if (api_risk_answer(resp, &res, _("No such risk template.")) != 0)
		return;
	answer_template(req, resp, res.id, 201);
}

/* The template of the path if the caller may see it, else answered 404. */
static int
template_of_path(struct http_req *req, struct http_resp *resp,
    struct risk_template *t)
{
	int64_t id;

	if (http_param_id(req, 0, &id) != 0 ||
	    !risk_templates_visible(req->ctx) ||
	    risk_template_get(req->ctx, id, t) != 0) {
		api_not_found(resp, _("No such risk template."));
		return -1;
	}
	return 0;
}

void
api_risk_template(struct http_req *req, struct http_resp *resp)
{
	struct risk_template t;

	if (template_of_path(req, resp, &t) == 0)
		answer_template(req, resp, t.id, 200);
}

void
api_risk_template_action(struct http_req *req, struct http_resp *resp)
{
	static const enum risk_action ok[] = { RK_TEMPLATE_ADD_RISK,
	    RK_TEMPLATE_REMOVE_RISK };
	struct risk_result	res;
	int64_t			id;

	if (api_risk_post(req, resp, &id, RK_MAX, ok, 2,
	    _("No such risk template."), &res) == 0)
		answer_template(req, resp, id, 200);
}

int
api_gate_risk_configure(struct http_req *req, struct http_resp *resp)
{
	return api_gate_risk_right(resp, req->ctx, RISK_RIGHT_CONFIGURE);
}

int
api_gate_risk_template(struct http_req *req, struct http_resp *resp)
{
	struct risk_template t;

	if (template_of_path(req, resp, &t) != 0)
		return -1;
	return api_gate_risk_configure(req, resp);
}
