/* api/whistle/whistle_api.h: what the whistleblowing API files (whistle_*.c) share.
 * Private to src/api/; the public face is api.h.
 *
 * Everything a person wrote comes from the model's decrypted data
 * (src/whistle/whistle.h) and is only ever put into a JSON answer: never
 * logged, never in an error message, never echoed back at intake. */
#ifndef ORDEN_API_WHISTLE_API_H
#define ORDEN_API_WHISTLE_API_H

#include <stdint.h>

#include <jansson.h>

#include "http/http.h"
#include "whistle/whistle.h"

/* The cookie of a receipt-code session (a reporter without an account). */
#define WB_RECEIPT_COOKIE	"orden_receipt"

/* The signed-in person's secret key, from the session cookie. 0 and sk
 * filled, or -1 (bearer token, no session, or a session without a key).
 * The caller wipes sk (sodium_memzero) whether or not this succeeded. */
int	 api_wb_session_sk(struct http_req *, unsigned char sk[VAULT_SK]);

/* 403 {"error":{"code":"locked",...}}: content needs a signed-in session. */
void	 api_wb_locked_session(struct http_resp *);
/* Map a whistle module status to an API answer (400 naming err_field,
 * 404, 403 locked, 409, 503 when nobody can receive it, else 500). */
void	 api_wb_error(struct http_resp *, int rc, const char *err_field);
/* 400 {"error":{"code":"invalid_field","field":field,...}} "field: why". */
void	 api_wb_invalid(struct http_resp *, const char *field, const char *why);

/* JSON of what the reporter wrote (decrypted), of the reporter's view, of
 * a case's metadata (list entry). New references. */
json_t	*api_wb_report_json(const struct wb_report *);
json_t	*api_wb_view_json(const struct wb_reporter_view *);
json_t	*api_wb_case_json(const struct wb_case *);
/* The next deadline of a case: acknowledgement while received, feedback
 * while acknowledged or investigating, else 0. */
int64_t	 api_wb_due_at(const struct wb_case *);

#endif
