/* subjects.c: how "Mine tiltak" names the subject of a measure, and
 * whose unit answers for it — one function per kind, each in its own module (a module adds its line). */
#include "measure/measure.h"

#include "deviation/deviation.h"
#include "followup/followup.h"
#include "risk/risk.h"

const measure_subject_fn measure_subjects[MS_MAX] = {
	[MS_DEVIATION]	= deviation_measure_subject,
	[MS_RISK]	= risk_measure_subject,
	[MS_AUDIT_RECOMMENDATION] = followup_measure_subject,
};

/* An audit recommendation names no unit here yet: when the owner of one
 * of its measures has left, nobody is reminded (tick.c). */
const measure_unit_fn measure_units[MS_MAX] = {
	[MS_DEVIATION]	= deviation_measure_unit,
	[MS_RISK]	= risk_measure_unit,
};
