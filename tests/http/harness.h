/* harness.h: end-to-end tests against the real server. Each test file
 * starts `orden serve` on a free loopback port with a fresh temporary
 * database, talks HTTP to it with libcurl, and stops it with SIGTERM
 * (which must drain and exit 0). */
#ifndef ORDEN_TEST_HARNESS_H
#define ORDEN_TEST_HARNESS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "util/buf.h"

#define DEMO_PASSWORD	"demo-passord-2026"

struct srv {
	pid_t	pid;
	int	port;
	char	dir[256];	/* temporary directory, removed by srv_stop */
	char	db[300];
	char	log[300];
	int64_t	clock_offset;	/* ORDEN_CLOCK_OFFSET the server was started with */
};

/* 1 when the suite runs against PostgreSQL: ORDEN_TEST_BACKEND=postgres,
 * with ORDEN_TEST_PG the base URL (the word DBNAME is replaced by a fresh
 * database name for each srv_prepare) and ORDEN_TEST_PG_DATA the cluster's
 * data directory. tests/run.sh sets them for its second pass. */
int	srv_is_pg(void);
/* Run `orden ARGS...` (NULL-terminated) with the test environment; output
 * (stdout+stderr) into out if not NULL. Returns the exit status, or -1. */
int	orden_run(struct buf *out, const char *arg, ...) __attribute__((sentinel));
/* Make a temp dir and database. demo: 1 = a copy of what `orden demo`
 * makes (demo_copy.h), 0 = empty. */
void	srv_prepare(struct srv *, int demo);
/* Start serving s->db; extra environment "K=V" entries (NULL-terminated) may be given. */
void	srv_start(struct srv *, const char *const *env);
/* SIGTERM, wait; asserts a clean exit 0. keep: do not remove the directory. */
void	srv_stop(struct srv *, int keep);

struct resp {
	long		status;
	struct buf	body;
	struct buf	headers;	/* raw header block, lower-case search with resp_header */
};

struct client {
	struct srv	*srv;
	void		*curl;		/* CURL *, with its own cookie jar */
	const char	*host;		/* Host header to send, or NULL */
	const char	*bearer;	/* Authorization: Bearer ..., or NULL */
	char		 csrf[128];	/* last session CSRF token seen in a page */
	char		 login_csrf[128];	/* last login-form token seen */
	int		 csrf_header;	/* send X-CSRF-Token: csrf (session API calls) */
	const char	*extra_header;	/* one more "Name: value" line, or NULL */
};

void	client_init(struct client *, struct srv *);
void	client_free(struct client *);
/* One request. body may be NULL; ctype e.g. "application/json".
 * Does not follow redirects. Remembers a csrf token found in the body. */
void	client_req(struct client *, const char *method, const char *path,
	    const char *body, const char *ctype, struct resp *out);
/* The same with a body of any len bytes (NUL included: multipart). */
void	client_req_bytes(struct client *, const char *method,
	    const char *path, const void *body, size_t len, const char *ctype,
	    struct resp *out);
/* The value of the first name="<name>" value="..." in the page (a hidden
 * form field), into out; 0, or -1 when there is none. */
int	resp_hidden(const struct resp *, const char *name, char *out,
	    size_t outsz);
void	resp_free(struct resp *);
/* The value of a /metrics counter in r's body (its own line, not its
 * HELP or TYPE line), or -1. */
long	resp_metric(const struct resp *, const char *name);
/* A counter of s's /metrics, read with the metrics token (the server was
 * started with ORDEN_METRICS_TOKEN_FILE holding it), or -1. */
long	srv_metric(struct srv *, const char *token, const char *name);
/* Value of response header (case-insensitive name), copied into out; 0 or -1. */
int	resp_header(const struct resp *, const char *name, char *out, size_t outsz);
int	resp_has(const struct resp *, const char *needle);	/* body contains */

/* GET /login then POST the form (with its login CSRF token). Returns the
 * status of the POST (303 on success). */
/* The login form body for login/password with the remembered login token. */
void	login_form(struct client *, struct buf *, const char *login, const char *password);
/* Append "key=value" to a form body, urlencoded, after a '&' when b is not
 * empty; nothing when value is NULL (a field left out). */
void	form_kv(struct buf *, const char *key, const char *value);
long	client_login(struct client *, const char *login, const char *password);
/* After a login answered 303 to /login/2fa: pass the second factor as
 * login's authenticator app would (enrolling the first time; see
 * second_factor.c). The status as client_login's: 303 when signed in. */
long	client_second_step(struct client *, const char *login);
/* POST an urlencoded form, adding csrf=<token from the last page> first. */
void	client_post_form(struct client *, const char *path, const char *form,
	    struct resp *out);

#endif

#ifndef ORDEN_TEST_HARNESS_FIXTURE
#define ORDEN_TEST_HARNESS_FIXTURE
/* A tenant made through the CLI as an operator would: init, import units
 * and people from CSV, and API tokens for an admin and an employee. */
struct fixture_tenant {
	const char	*host;
	char		 admin_token[128];
	char		 employee_token[128];
	char		 leader_token[128];
};
/* Creates the tenant named name with host in s->db (init, import units
 * ROOT/A/B with A under ROOT and B under A, people "leader1" leader of A,
 * "emp1" employee in B, "emp2" employee in ROOT), tokens for admin, emp1, leader1. */
void	fixture_tenant(struct srv *, const char *name, struct fixture_tenant *);
/* Last line of a buffer (token create prints the token last). */
void	last_line(const struct buf *, char *out, size_t outsz);
/* Write text to dir/name; returns the path in out. */
void	write_file(const struct srv *, const char *name, const char *text, char *out, size_t outsz);
/* `orden import deviations` of n rows of history into s->db, as an
 * operator would: new hms deviations of the unit with code unit_code,
 * reported on days 1-28 of month ("2024-03"), titled "title_prefix i".
 * Fails the test when the import fails. */
void	import_history(struct srv *, const char *unit_code, const char *month,
	    const char *title_prefix, int n);
#endif

#ifndef ORDEN_TEST_HARNESS_API
#define ORDEN_TEST_HARNESS_API
#include <jansson.h>
/* Like orden_run, with extra environment "K=V" entries (NULL-terminated),
 * e.g. ORDEN_CLOCK_OFFSET to move the clock. */
int	orden_run_env(struct buf *out, const char *const *env, const char *arg, ...)
	    __attribute__((sentinel));
/* A client for the JSON API with a bearer token (host may be NULL). */
void	api_client(struct client *, struct srv *, const char *host, const char *token);
/* One JSON request (body sent as application/json when not NULL). Returns
 * the status; *out (if out != NULL) is the parsed body, caller decrefs;
 * fails the test when the body is not JSON. */
long	api_call(struct client *, const char *method, const char *path,
	    const char *body, json_t **out);
/* One JSON request that must answer want (else the test fails, showing
 * the body); the parsed body, caller decrefs. */
json_t	*api_json(struct client *, const char *method, const char *path,
	    const char *body, long want);
/* GET path, which must answer 200 with JSON; caller decrefs. */
json_t	*api_get_ok(struct client *, const char *path);
/* The one-time password `orden init`, `tenant add` or `user passwd`
 * printed ("One-time password:  xxxx-..."), into pw; fails the test when
 * there is none. */
void	one_time_password(const struct buf *out, char *pw, size_t pwsz);
/* error.field / error.code of an API error body, or NULL. Borrowed. */
const char *json_err_field(json_t *);
const char *json_err_code(json_t *);
/* `orden token create` for login (tenant NULL: the only one) into out. */
void	token_for(struct srv *, const char *tenant, const char *login, char *out, size_t outsz);
#endif

#ifndef ORDEN_TEST_HARNESS_WB
#define ORDEN_TEST_HARNESS_WB
/* A client signed in as login by password (a browser session: it carries
 * the person's key, which whistleblowing content needs), sending the
 * session's CSRF token with every request, as the API requires for
 * state-changing calls made with a cookie. Fails the test if login fails. */
void	session_client(struct client *, struct srv *, const char *login);
/* The session client of login on s, signed in (session_client) the first
 * time it is asked for and kept: a test reads "as(bjorn) does this".
 * Borrowed until session_as_free(), which the suite's teardown calls. */
struct client *session_as(struct srv *, const char *login);
void	session_as_free(void);
/* Make login inactive on the admin person form, as "admin" (details kept);
 * the page's answer into r: 303 when done. Caller frees r. */
void	person_deactivate(struct srv *, const char *login, struct resp *r);
/* Whether the file at path contains needle (bytes); -1 if unreadable. */
int	file_has(const char *path, const char *needle);
/* Whether the bytes the store keeps on disk for s hold needle: the SQLite
 * file and its WAL, or (PostgreSQL) every file of the cluster after a
 * checkpoint. 1 found, 0 not. */
int	srv_store_has(struct srv *, const char *needle);
/* The same for several needles in one pass: the index of the first found,
 * or -1. */
int	srv_store_find(struct srv *, const char *const *needles, size_t n);
/* The first column of the first row of sql (a literal from the test, $1 =
 * arg when not NULL), read through the store from s->db across tenants;
 * 0 when there is no row. For tests that need an id they cannot ask for. */
int64_t	srv_db_int(struct srv *, const char *sql, const char *arg);
/* Every case c handles, walking GET /api/v1/whistle/cases limit at a time
 * by its "next" cursor; asserts no case is on two pages. Caller decrefs. */
json_t	*wb_cases_all(struct client *c, int limit);
/* POST /api/v1/whistle/reports with body; asserts 201 and returns the
 * case id; *out (if not NULL) gets the answer (caller decrefs). */
json_int_t wb_report_ok(struct client *, const char *body, json_t **out);
/* Whether GET /api/v1/whistle/cases of this client lists case id. */
int	wb_cases_has(struct client *, json_int_t id);
/* GET /api/v1/whistle/cases/{id}; POST .../actions with body. */
long	wb_case_get(struct client *, json_int_t id, json_t **out);
long	wb_act(struct client *, json_int_t id, const char *body, json_t **out);
/* An action that must answer 200; returns the case (caller decrefs). */
json_t	*wb_act_ok(struct client *, json_int_t id, const char *body);
/* The id of the unit with this code (GET /api/v1/units as c). */
json_int_t unit_id_of(struct client *, const char *code);
/* The same as the bearer of token (a client made and freed). */
json_int_t unit_id_as(struct srv *, const char *host, const char *token,
	    const char *code);

/* --- as the bearer of a token, and deviations --------------------------------
 * Each call makes its client and frees it: a test reads as "as Emma, report
 * this; as her leader, acknowledge it". host NULL: the server's only tenant. */
/* One JSON request (as api_call) as token; *out (if not NULL) the body. */
long	api_as(struct srv *, const char *host, const char *token,
	    const char *method, const char *path, const char *body, json_t **out);
/* POST /api/v1/deviations with body, which must answer 201 (else the
 * test fails showing the answer); the new id, *out (if not NULL) the
 * answer (caller decrefs). */
json_int_t dev_report_as(struct srv *, const char *host, const char *token,
	    const char *body, json_t **out);
/* An HMS deviation with title and description (JSON-safe text) in unit
 * unit_id, through dev_report_as: the new id. */
json_int_t dev_report_in(struct srv *, const char *host, const char *token,
	    json_int_t unit_id, const char *title, const char *description);
/* GET /api/v1/deviations/{id}; POST .../actions with body: the status. */
long	dev_get_as(struct srv *, const char *host, const char *token,
	    json_int_t id, json_t **out);
long	dev_act_as(struct srv *, const char *host, const char *token,
	    json_int_t id, const char *body, json_t **out);
/* Whether GET /api/v1/deviations?limit=1000<query> (which must answer
 * 200) lists id; query starts with "&" or is "". */
int	dev_listed_as(struct srv *, const char *host, const char *token,
	    const char *query, json_int_t id);
/* Whether a deviation's JSON has an event of type (NULL: any) whose text
 * contains needle (NULL: any text). */
int	dev_has_event(json_t *dev, const char *type, const char *needle);

/* --- the clock and logins, for suites that move time ----------------------- */
/* `orden tick` on s's database as if it were offset seconds after now
 * (ORDEN_CLOCK_OFFSET; a test build's switch), for the tenant host (NULL:
 * the only one). The test fails, showing the output, if tick fails. */
void	srv_tick(struct srv *, const char *host, int64_t offset);
/* A token for each login into its buffer of TOKEN_MAX bytes: pairs of
 * (login, char *out), ended by NULL. */
#define TOKEN_MAX	128
void	tokens_for(struct srv *, const char *login, char *out, ...)
	    __attribute__((sentinel));
#endif
