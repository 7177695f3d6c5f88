/* api/deviation/dev_api.h: what the deviation API files (deviations.c, dev_actions.c,
 * dev_csv.c, stats.c, notifications.c, categories.c) share. Private to
 * src/api/; the public face is api.h. */
#ifndef ORDEN_API_DEV_API_H
#define ORDEN_API_DEV_API_H

#include <stdint.h>

#include <jansson.h>

#include "deviation/deviation.h"
#include "deviation/view.h"
#include "http/http.h"

struct ctx;

/* RFC 3339 date-time ("2026-03-05T10:00:00Z", "...T10:00:00.5+01:00") to
 * seconds UTC. 0 and *out, or -1 when malformed or out of range. */
int	 api_time_parse(const char *s, int64_t *out);
/* A filter bound: a date "YYYY-MM-DD" (whole day in UTC: the start of the
 * day, or with end != 0 its last second) or an RFC 3339 date-time. */
int	 api_bound_parse(const char *s, int end, int64_t *out);
/* The deviation's photos: [{id, name, content_type, size, href}], or
 * NULL on a store error. Access is the caller's. (dev_attach.c) */
json_t	*api_dev_attachments_json(struct ctx *, int64_t dev_id);

/* The query of list, CSV or statistics as face reads it
 * (dev_filter_fields, deviation/dev_input.h) into *in. 0, or -1 with the
 * answer given: 400 naming the parameter, or 500. The scope is left for
 * the caller. */
struct dev_filter_input;
struct dev_filter_face;
int	 api_dev_filter(struct http_req *, struct http_resp *,
	    const struct dev_filter_face *, struct dev_filter_input *in);
/* The list and its CSV asked for one unit (unit_id) answer as the
 * statistics of that unit do: 0 when the reader may see its figures
 * (deviation_stats_scope), else -1 having answered 403. Not an empty list,
 * which would read as "nothing was reported there". */
struct dev_filter;
int	 api_dev_unit_may(struct http_req *, struct http_resp *,
	    const struct dev_filter *);
/* 400 naming "after": a cursor that is not one of this list's. */
void	 api_bad_after(struct ctx *, struct http_resp *);

/* The deviation as JSON. full: with handler-only fields. New reference. */
json_t	*api_dev_json(const struct deviation *, int full);
/* The deviation with legal deadlines, events (public ones unless full) and,
 * when full, measures: what GET /deviations/{id} answers. NULL on a store
 * error. New reference. */
json_t	*api_dev_json_detail(struct ctx *, const struct deviation *, int full);

/* What a measure's owner who may not otherwise see the deviation gets:
 * id, number, kind, title, category, unit, status and their own measures
 * (with done_note); never the description, reporter or history. */
json_t	*api_dev_json_owner(struct ctx *, const struct deviation *);

/* An auditor's sample of a closed deviation, without personal data: the
 * facts, dates, the lesson, the measures' texts and dates and the history's
 * types and times (no description, reporter, place, analysis, names or
 * texts). _row: the list's item (no measures or history). New reference. */
json_t	*api_dev_json_sample(struct ctx *, const struct deviation *);
json_t	*api_dev_json_sample_row(const struct deviation *);

/* Map a deviation module status to an API error answer. */
void	 api_dev_error(struct http_resp *, int rc, const char *err_field);

#endif
