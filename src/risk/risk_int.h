/* risk_int.h: what the files of src/risk/ share (not for other modules). */
#ifndef ORDEN_RISK_INT_H
#define ORDEN_RISK_INT_H

#include "risk/risk.h"

int	risk_scope_parse(const char *, enum risk_scope *out);
struct dbstmt;
/* Column col as text copied to the arena; NULL for SQL NULL (store.c). */
const char	*risk_opt_text(struct ctx *, struct dbstmt *st, int col);

/* The gate's answers inside its transaction (gate.c): refused before
 * input is read. */
#define RISK_GATE_DENIED	-90
struct risk_result;
struct risk_input;
/* Name field and its sentence in *out; RISK_ERR_INVALID. */
int	risk_invalid(struct risk_result *out, const char *field);
/* Step st to its end (or its one returned id into *id). */
int	risk_run(struct dbstmt *st, int64_t *id);
void	risk_bind_opt_int(struct dbstmt *st, int i, int64_t v);
void	risk_bind_opt_text(struct dbstmt *st, int i, const char *s);
/* Bind description, cause, consequence, barriers, probability and
 * impact to $i..$i+5 (a risk and a template's risk alike). */
void	risk_bind_risk(struct dbstmt *st, int i, const struct risk_input *in);
/* Scores 1..5 (need: the two main ones required), the residual both or
 * neither; 0 or RISK_ERR_INVALID with the field in *out. */
int	risk_scores_ok(const struct risk_input *in, int need,
	    struct risk_result *out);
/* The quality adviser's actions (settings.c), in the gate's transaction. */
int	risk_settings_in_tx(struct ctx *, int64_t id,
	    const struct risk_input *, struct risk_result *out);
/* Copy the risks of template_id into assessment_id (template.c). */
int	risk_template_copy(struct ctx *, int64_t template_id,
	    int64_t assessment_id);
/* The ids in the first column of the tenant's statement sql with $2 =
 * arg, in the arena (*ids NULL when none), before anything else is
 * prepared: the callers then load each one. 0 or a DB_ code. */
int	risk_ids(struct ctx *, const char *sql, int64_t arg, int64_t **ids,
	    size_t *n);

#endif
