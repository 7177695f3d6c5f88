/* wheel_int.h: what the files of src/wheel/ share and nobody else uses. */
#ifndef ORDEN_WHEEL_INT_H
#define ORDEN_WHEEL_INT_H

#include "wheel/wheel.h"

struct dbstmt;

/* The columns of a task, in the order of WHEEL_TASK_COLS. */
#define WHEEL_TASK_COLS \
	"id, title, description, freq, month, day, week, weekday, unit_id," \
	" role, person_id, lead_days, starts_on, active"
int	wheel_task_fill(struct ctx *, struct dbstmt *, struct wheel_task *);
/* Fill unit_name and person_name of n tasks (one look-up per unit list and
 * per distinct person). 0 or an error. */
int	wheel_task_names(struct ctx *, struct wheel_task *, size_t n);
/* Bind what a task is (title, description, freq, month, day, week,
 * weekday, unit_id, role, person_id, lead_days: NULL for no unit, role or
 * person) to the eleven parameters from at on, as the INSERT of gate.c and
 * demo.c and the UPDATE of an edit list them. */
void	wheel_task_bind(struct dbstmt *, int at, const struct wheel_task *);

/* The file of in (a done occurrence's), checked (file.c): none (*out
 * zeroed, 0), or its cleaned name, the type sniffed from its content (a
 * document by doc_file_sniff, a photo by img_sniff, and then stripped of
 * its metadata like a deviation's), its MIME type and SHA-256 of what is
 * kept, in the arena. WHEEL_ERR_INVALID with *why (a msgid) when it is
 * too large, empty, of another kind, or not what its name says. */
int	wheel_file_check(struct ctx *, const struct wheel_input *in,
	    struct wheel_file *out, const char **why);

#endif
