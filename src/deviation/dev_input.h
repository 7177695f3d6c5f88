/* dev_input.h: the fields of a handling action, declared once for both
 * faces. The web form (POST /deviations/{id}/action) and the JSON API
 * (POST /api/v1/deviations/{id}/actions) route with dev_action_fields, so
 * the same value meets the same type and bounds in both; http/ checks
 * them before the handler runs (fields.c). dev_action_read turns the
 * checked values into the typed struct dev_action_input that
 * deviation_do takes; each value is reached by its enum below, never by
 * its name as a string.
 *
 * A name one face spells differently is an alias in this table, next to
 * the field it stands for (due_date: the web form's date input for
 * due_at), not a second table. */
#ifndef ORDEN_DEV_INPUT_H
#define ORDEN_DEV_INPUT_H

#include <stdint.h>

#include "deviation/deviation.h"
#include "http/http.h"

/* Positions in dev_action_fields (and so in http_req.vals). */
enum dev_action_field {
	DAF_ACTION,		/* dev_action_name(); required */
	DAF_REASON,		/* transfer, return, reopen; classify, resubmit (optional) */
	DAF_UNIT_ID,		/* transfer */
	DAF_CATEGORY,		/* classify, resubmit: a category code */
	DAF_KIND,		/* classify: deviation | improvement */
	DAF_SEVERITY,		/* classify: 1..4; 0 unchanged */
	DAF_CAUSE,		/* analyse */
	DAF_CONSEQUENCE,	/* analyse */
	DAF_MEASURE,		/* add_measure */
	DAF_RESPONSIBLE_LOGIN,	/* add_measure (the web form also takes a name: its
				   face looks it up when the module finds no such login) */
	DAF_DUE_AT,		/* add_measure: the face's date format */
	DAF_DUE_DATE,		/* alias of due_at: the web form's <input type=date> */
	DAF_MEASURE_ID,		/* complete_measure */
	DAF_SUMMARY,		/* close */
	DAF_TEXT,		/* comment; complete_measure (a note) */
	DAF_TITLE,		/* resubmit */
	DAF_DESCRIPTION,	/* resubmit */
	DAF_NEXT,		/* web only: where to go after (a local path); not input */
	DAF_MAX
};
extern const struct field dev_action_fields[DAF_MAX + 1];

/* How a face reads a date: 0 and *out (the end of a bare day), or -1;
 * why is the msgid said when it cannot. */
struct dev_date_format {
	int		(*parse)(const char *, int64_t *);
	const char	*why;
};

/* Fill *out from vals (one per dev_action_fields entry, checked by
 * http/; NULL reads as all absent). Never fails: an unknown action leaves
 * out->action DA_MAX, and a value that does not convert (kind, the date)
 * is left in out->bad_field / bad_why for deviation_do to answer after
 * its access check. Strings point into vals. */
void	dev_action_read(const struct field_value *vals,
	    const struct dev_date_format *due, struct dev_action_input *out);

#endif
