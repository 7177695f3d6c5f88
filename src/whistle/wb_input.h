/* wb_input.h: the fields of a handler's action on a whistleblowing case,
 * declared once for both faces. The case page's action forms
 * (POST /whistle/cases/{id}/action) and the JSON API
 * (POST /api/v1/whistle/cases/{id}/actions) route with wb_action_fields,
 * so the same value meets the same type and bounds in both; http/ checks
 * them before the handler runs. wb_action_read turns the checked values
 * into struct wb_action_input (whistle.h), each reached by its enum.
 *
 * A name one face spells differently is an alias next to the field it
 * stands for (step_date: the web form's date input for step_at), not a
 * second table. */
#ifndef ORDEN_WB_INPUT_H
#define ORDEN_WB_INPUT_H

#include "http/http.h"
#include "whistle/whistle.h"

/* Positions in wb_action_fields (and so in http_req.vals). */
enum wb_action_field {
	WAF_ACTION,		/* wb_action_name(); the web form also has "attach" */
	WAF_REASON,		/* recuse, not_whistleblowing, add/remove_cohandler */
	WAF_KIND,		/* log_step: investigation | care */
	WAF_STEP_AT,		/* log_step: RFC 3339 (the API) */
	WAF_STEP_DATE,		/* alias of step_at: the web form's local day */
	WAF_TEXT,		/* log_step, accused_heard, message */
	WAF_REPORT,		/* conclude */
	WAF_CONCLUSION,		/* conclude */
	WAF_OUTCOME,		/* conclude */
	WAF_DECISION,		/* decide */
	WAF_COUNCIL_REQUIRED,	/* decide */
	WAF_ARCHIVE_REF,	/* archive */
	WAF_EXEMPTION_BASIS,	/* archive */
	WAF_PERSON_ID,		/* set_accused, add/remove_cohandler */
	WAF_ACCUSED_NAME,	/* set_accused without person_id */
	WAF_MAX
};
extern const struct field wb_action_fields[WAF_MAX + 1];

/* Fill *out from vals (one per wb_action_fields entry, checked by http/;
 * NULL reads as all absent): action WA_MAX when it is not one, step_at
 * left 0. *step is the step's time as the face sent it (step_at or its
 * alias; NULL when absent), for the face to read in its own format.
 * Strings point into vals. */
void	wb_action_read(const struct field_value *vals,
	    struct wb_action_input *out, const char **step);

/* The reporter's faces: the receipt login (POST /whistle/receipt and
 * /api/v1/whistle/receipt) and a message on the reporter's own case
 * (POST /whistle/mine/{id}/message and /api/v1/whistle/reports/{id}/messages)
 * route with these tables, so the code and the text meet the same bounds
 * through either face. wb_csrf is the web form's token (checked by the
 * reporter pages' own CSRF check; the API has none and sends none). */
enum wb_receipt_field {
	WRF_RECEIPT_CODE,
	WRF_WB_CSRF,
	WRF_MAX
};
extern const struct field wb_receipt_fields[WRF_MAX + 1];

enum wb_message_field {
	WMF_TEXT,
	WMF_WB_CSRF,
	WMF_MAX
};
extern const struct field wb_message_fields[WMF_MAX + 1];

/* The checked receipt code and message text (NULL when absent, empty or
 * vals is NULL); they point into vals. */
const char	*wb_receipt_read(const struct field_value *vals);
const char	*wb_message_read(const struct field_value *vals);

/* A whistleblowing report: the public form (POST /whistle) and the API
 * (POST /api/v1/whistle/reports) route with wb_report_fields, so the same
 * text meets the same bounds through either face (the API's documented
 * ones, openapi.yaml). Two names are the form's own: find_accused (its
 * "find the person" button, which sends the form back instead of the
 * report) and wb_csrf (the reporter pages' CSRF token); the API ignores
 * them. accused_id and unit_id take 0 for "none", as the form's radio and
 * select send it. */
enum wb_report_field {
	WRPF_CONCERNS,
	WRPF_REPORTER_CATEGORY,
	WRPF_ACCUSED_ID,
	WRPF_ACCUSED_LOGIN,
	WRPF_ACCUSED_NAME,
	WRPF_ACCUSED_PARTY,	/* concerns elected: one of whistle_parties */
	WRPF_ABOUT_NEAREST_LEADER,
	WRPF_DIRECT_TO,
	WRPF_DIRECT_REASON,
	WRPF_UNIT_ID,
	WRPF_ANONYMOUS,
	WRPF_ON_BEHALF_OF_OTHERS,
	WRPF_MEANT_AS_WHISTLEBLOWING,
	WRPF_WHAT,
	WRPF_WHY_CENSURABLE,
	WRPF_WHEN,
	WRPF_WHERE,
	WRPF_INVOLVED,
	WRPF_REPORTER_NAME,
	WRPF_REPORTER_CONTACT,
	WRPF_ORAL,
	WRPF_FIND_ACCUSED,	/* the form's search button */
	WRPF_WB_CSRF,		/* the form's token */
	WRPF_MAX
};
extern const struct field wb_report_fields[WRPF_MAX + 1];

/* Fill *out from vals (checked by http/; NULL reads as all absent): texts
 * NULL when absent or empty, flags 0, meant_as_whistleblowing 1 (the
 * API's default; the form, whose unticked box sends nothing, sets its
 * own). Attachments are left to the face. Returns NULL, or the field
 * whose value is not one of its codes (concerns, reporter_category).
 * Strings point into vals. */
const char	*wb_report_read(const struct field_value *vals,
	    struct wb_report *out);

/* The query parameters of the whistleblowing lists and pages, declared
 * here for both faces (app_queries in src/routes.c names each route's
 * table; http/ checks them before the handler, which reads them with
 * http_qtext/http_qint by these positions). The reporter's pages (new,
 * receipt, mine) take only banner flags: a refused one is a 400 that
 * names the parameter and shows nothing of a case. */
/* The handler's case list (GET /whistle/cases, /api/v1/whistle/cases):
 * the page cursor, the page size (the API) and left=1 (the banner after
 * leaving a case). */
enum wb_cases_query { WCQ_AFTER, WCQ_LIMIT, WCQ_LEFT, WCQ_MAX };
extern const struct field wb_cases_query_fields[WCQ_MAX + 1];
/* The statistics (GET /whistle/stats, /api/v1/whistle/stats): the year,
 * or all (the web form sends 0 for all); wb_stats_year reads it. */
enum wb_stats_query { WSQ_YEAR, WSQ_MAX };
extern const struct field wb_stats_query_fields[WSQ_MAX + 1];
/* The name search (GET /api/v1/whistle/people): q. */
enum wb_people_query { WPQ_Q, WPQ_MAX };
extern const struct field wb_people_query_fields[WPQ_MAX + 1];
/* One banner flag at position 0: oral=1 (GET /whistle/new), out=1
 * (GET /whistle/receipt), sent=1 (GET /whistle/mine), saved=released
 * (GET /whistle/routing: a word, wb_routing_saved_ok). */
enum wb_flag_query { WFQ_FLAG, WFQ_MAX };
extern const struct field wb_new_query_fields[WFQ_MAX + 1];
extern const struct field wb_receipt_query_fields[WFQ_MAX + 1];
extern const struct field wb_mine_query_fields[WFQ_MAX + 1];
extern const struct field wb_routing_query_fields[WFQ_MAX + 1];

/* The statistics' year from the checked text s (NULL: this year,
 * now_year): "all" or "0" is 0 (every year), else a year 2000-2999.
 * -1 when s is neither. */
int	wb_stats_year(const char *s, int now_year, int *year);
/* Whether the routing page's saved word is one it knows (NULL: absent). */
int	wb_routing_saved_ok(const char *s);

#endif
