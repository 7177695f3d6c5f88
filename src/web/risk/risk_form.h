/* risk_form.h: the form controls the risk pages share (web/risk/ only). */
#ifndef ORDEN_RISK_FORM_H
#define ORDEN_RISK_FORM_H

#include "http/http.h"
#include "risk/risk.h"
#include "util/buf.h"

/* A failed form: which field (NULL: the form) and the sentence. */
struct rerr {
	const char	*form;	/* the action whose form it was */
	const char	*field;
	const char	*msg;
};

/* The sentence for field of form when e is that form's refusal, else NULL. */
const char	*web_risk_err_for(const struct rerr *e, const char *form,
		    const char *field);
/* A text input with the form's own id prefix (several forms on a page). */
void	web_risk_input(struct buf *, const char *form, const char *name,
	    const char *label, const char *type, const char *value,
	    int required, const char *extra, const struct rerr *e);
void	web_risk_textarea(struct buf *, const char *form, const char *name,
	    const char *label, int required, const struct rerr *e);
/* A 1-5 select, each step with the municipality's word (impact* names
 * the consequence axis); none_label: a first "not given" option, 0. */
void	web_risk_score_select(struct buf *, const struct risk_scale *scale,
	    const char *form, const char *name, const char *label,
	    const char *none_label, int selected, const struct rerr *e);

/* risk_do's answer as a page: 0 when done; 1 when *e is filled (form: the
 * form it came from) for the page to be shown again, 400 or 409 (a
 * conflict); -1 when the answer is given (404, 403, 500). */
int	web_risk_outcome(struct http_req *, struct http_resp *,
	    const struct risk_result *, const char *form, struct rerr *e);
/* The posted form for risk_do (dflt: the action when it names none); a
 * field http/ refused goes to the gate as bad_field, answered after
 * access, with the action the form named still said. */
void	web_risk_read_form(struct http_req *, enum risk_action dflt,
	    struct risk_input *);
/* A posted action form: signed in (the route's door), the path's {id}
 * (id NULL: the route has none; 404 without one), the form read (dflt
 * when it names no action), its action one of ok[0..nok) or else ok[0]
 * with "action" refused, and risk_do. 0 with *in and *res for
 * web_risk_outcome, or -1 when the answer is given. */
int	web_risk_post(struct http_req *, struct http_resp *, int64_t *id,
	    enum risk_action dflt, const enum risk_action *ok, size_t nok,
	    struct risk_input *, struct risk_result *);
/* A read of the path's object (rc of risk_view, risk_assessment_view): 0,
 * or -1 with 404 (none, or not theirs to see) or 500 given. */
int	web_risk_view_answer(struct http_req *, struct http_resp *, int rc);

#endif
