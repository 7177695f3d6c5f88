/* risk_matrix.h: the risk matrix as an SVG (web/risk/ only). */
#ifndef ORDEN_RISK_MATRIX_H
#define ORDEN_RISK_MATRIX_H

#include "risk/risk.h"
#include "util/buf.h"

/* The matrix m, its axes in the words of s; each cell links to
 * href_base?p=&c=#risks; id is unique on the page. */
void	web_risk_matrix(struct buf *, const struct risk_matrix *m,
	    const struct risk_scale *s, const char *href_base, const char *id);

#endif
