/* doc_helpers.c: the governing-document suites' shared steps
 * (doc_helpers.h), kept out of each suite so that a test reads as what it
 * proves. */
#include "doc_helpers.h"

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>

json_int_t
doc_first_process(struct client *c)
{
	json_t		*j = api_json(c, "GET", "/api/v1/document-processes", NULL, 200);
	json_int_t	 id;

	id = json_integer_value(json_object_get(json_array_get(j, 0), "id"));
	json_decref(j);
	assert_true(id > 0);
	return id;
}

json_int_t
doc_create(struct client *c, const char *code, const char *title,
    const char *owner, const char *body)
{
	char		 req[2048], own[256] = "";
	json_t		*j;
	json_int_t	 id;

	if (owner != NULL)
		snprintf(own, sizeof(own), ",\"owner\":\"%s\"", owner);
	snprintf(req, sizeof(req), "{\"code\":\"%s\",\"title\":\"%s\","
	    "\"type\":\"routine\",\"process_id\":%lld%s,\"body\":\"%s\"}", code,
	    title, (long long)doc_first_process(c), own, body);
	j = api_json(c, "POST", "/api/v1/documents", req, 201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	assert_true(id > 0);
	return id;
}

void
doc_approve(struct client *c, json_int_t id)
{
	char path[96];

	snprintf(path, sizeof(path), "/api/v1/documents/%lld/actions", (long long)id);
	json_decref(api_json(c, "POST", path, "{\"action\":\"submit\"}", 200));
	json_decref(api_json(c, "POST", path,
	    "{\"action\":\"approve\",\"approval_body\":\"AMU\"}", 200));
}

json_int_t
doc_report_about(struct srv *s, const char *login, const char *unit,
    const char *kind, const char *title, const char *doc)
{
	struct client	 c;
	json_t		*j;
	json_int_t	 id;
	char		 body[512];

	session_client(&c, s, login);
	snprintf(body, sizeof(body), "{\"kind\":\"%s\",\"description\":\"D.\","
	    "\"category\":\"hms\",\"unit_id\":%lld,\"title\":\"%s\","
	    "\"document\":\"%s\"}", kind, (long long)unit_id_of(&c, unit),
	    title, doc);
	j = api_json(&c, "POST", "/api/v1/deviations", body, 201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	client_free(&c);
	assert_true(id > 0);
	return id;
}

void
doc_template_publish(const struct srv *s, const char *kind, const char *name,
    const char *file, const char *extra)
{
	char	cmd[2048];
	int	rc;

	snprintf(cmd, sizeof(cmd), "%s template publish %s --db '%s' --name '%s'"
	    " --file '%s' %s >/dev/null 2>&1", getenv("ORDEN_BIN"), kind,
	    s->db, name, file, extra);
	rc = system(cmd);
	assert_int_equal(rc, 0);
}

int64_t
doc_template_id(struct srv *s, const char *name)
{
	return srv_db_int(s, "SELECT id FROM doc_templates WHERE name = $1", name);
}
