/* gate.c: document_do, the one door every change to the register goes
 * through (document.h). The faces translate HTTP to this call and its
 * doc_result to a page or JSON; no access decision, state check or input
 * rule is written there.
 *
 *	action -> authz (authz_doc_can / authz_can) -> input -> transaction
 *	(change + audit row) -> doc_result
 */
#include "document/document.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "audit/audit.h"
#include "authz/authz.h"
#include "ctx.h"
#include "deviation/deviation.h"
#include "document/doc_int.h"
#include "i18n/i18n.h"
#include "org/org.h"
#include "store/store.h"
#include "store/store_tx.h"
#include "util/arena.h"
#include "util/date.h"
#include "util/num.h"
#include "util/text.h"

#define GATE_DENIED	-90
#define GATE_INVALID	-91

static const char *const action_names[DOC_A_MAX] = {
	[DOC_A_CREATE] = "create", [DOC_A_EDIT] = "edit",
	[DOC_A_VERSION] = "version", [DOC_A_SUBMIT] = "submit",
	[DOC_A_APPROVE] = "approve", [DOC_A_REVIEW] = "review",
	[DOC_A_RETIRE] = "retire", [DOC_A_CONFIRM] = "confirm",
	[DOC_A_GOTHROUGH] = "go_through",
};

const char *
doc_action_name(enum doc_action a)
{
	return (int)a >= 0 && a < DOC_A_MAX ? action_names[a] : NULL;
}

int
doc_action_parse(const char *s, enum doc_action *out)
{
	int i = text_index(action_names, DOC_A_MAX, s);

	if (i < 0)
		return -1;
	*out = (enum doc_action)i;
	return 0;
}

/* The open transaction's state while one action runs. */
struct act {
	struct ctx		*ctx;
	const struct doc_input	*in;
	struct doc_result	*out;
	struct document		 d;
	int64_t			 units[DOC_UNITS_MAX];	/* unit_ok's answer */
	size_t			 nunits;
};

static int
invalid(struct act *a, const char *field, const char *why)
{
	a->out->field = field;
	a->out->why = why;
	return GATE_INVALID;
}

/* Characters, not bytes (UTF-8). */
static size_t
chars(const char *s)
{
	size_t n = 0;

	for (; s != NULL && *s != '\0'; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

static int
code_ok(const char *s)
{
	size_t n = 0;

	for (; s != NULL && *s != '\0'; s++, n++)
		if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_' &&
		    *s != '.')
			return 0;
	return n > 0 && n <= DOC_CODE_MAX;
}

static int
exec(struct ctx *ctx, const char *sql, const int64_t *ints, int nints,
    const char *const *texts, int ntexts)
{
	struct dbstmt	*st;
	int		 rc, i;

	if ((rc = db_prepare_tenant(ctx->conn, ctx->tenant_id, sql, &st)) != DB_OK)
		return rc;
	for (i = 0; i < nints; i++)
		db_bind_int(st, 2 + i, ints[i]);
	for (i = 0; i < ntexts; i++)
		db_bind_text(st, 2 + nints + i, texts[i]);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE || rc == DB_ROW ? 0 : rc;
}

/* --- the register fields ---------------------------------------------------- */

/* The owner: a login of this municipality (active), or the acting person
 * when none is given and none is set. */
static int
owner_of(struct act *a, int64_t *owner)
{
	struct person p;

	if (a->in->owner_login == NULL)
		return 0;
	if (org_person_by_login(a->ctx, a->in->owner_login, &p) != 0 || !p.active)
		return invalid(a, "owner", N_("No active person has that login."));
	*owner = p.id;
	return 0;
}

/* The units of a create or edit, checked, into a->units/a->nunits (no
 * duplicates; none: every unit): the codes of in->units, or unit_id. */
static int
unit_ok(struct act *a)
{
	struct unit	 u;
	const char	*p = a->in->units;
	size_t		 i;

	a->nunits = 0;
	if (p == NULL) {
		if (a->in->has_unit && a->in->unit_id > 0) {
			if (org_unit_get(a->ctx, a->in->unit_id, &u) != 0 ||
			    u.closed_at != 0)
				return invalid(a, "unit_id",
				    N_("Choose a unit from the list."));
			a->units[a->nunits++] = a->in->unit_id;
		}
		return 0;
	}
	while (*p != '\0') {
		size_t	 len = strcspn(p, " ,;\n\r\t");
		char	*code;

		if (len == 0) {
			p++;
			continue;
		}
		if ((code = arena_strndup(a->ctx->arena, p, len)) == NULL)
			return DB_ERR;
		p += len;
		if (org_unit_by_code(a->ctx, code, &u) != 0 || u.closed_at != 0)
			return invalid(a, "units",
			    N_("Write the codes of units in the unit register, separated by commas."));
		for (i = 0; i < a->nunits && a->units[i] != u.id; i++)
			;
		if (i < a->nunits)
			continue;
		if (a->nunits == DOC_UNITS_MAX)
			return invalid(a, "units",
			    N_("A document can name at most 50 units; choose a unit above them."));
		a->units[a->nunits++] = u.id;
	}
	return 0;
}

static int
process_ok(struct act *a, int required)
{
	int rc;

	if (a->in->process_id == 0)
		return required ? invalid(a, "process_id",
		    N_("Choose a main process from the list.")) : 0;
	if ((rc = doc_process_exists(a->ctx, a->in->process_id)) < 0)
		return rc;
	return rc ? 0 : invalid(a, "process_id",
	    N_("Choose a main process from the list."));
}

static int
title_type_ok(struct act *a, int required)
{
	if (a->in->title != NULL ? chars(a->in->title) > DOC_TITLE_MAX : required)
		return invalid(a, "title",
		    N_("Write a title (at most 200 characters)."));
	if (a->in->type != NULL ? !doc_type_valid(a->in->type) : required)
		return invalid(a, "type", N_("Choose a document type from the list."));
	return 0;
}

static int
set_units(struct act *a, int64_t doc)
{
	static const char SQL_DEL[] =
	    "DELETE FROM document_units WHERE tenant_id = $1 AND document_id = $2";
	static const char SQL_ADD[] =
	    "INSERT INTO document_units (tenant_id, document_id, unit_id)"
	    " VALUES ($1, $2, $3)";
	static const char SQL_ALL[] =
	    "UPDATE documents SET all_units = $3 WHERE tenant_id = $1 AND id = $2";
	int64_t	v[2] = { doc, 0 };
	int64_t	w[2] = { doc, a->nunits == 0 };
	size_t	i;
	int	rc;

	if ((rc = exec(a->ctx, SQL_DEL, v, 1, NULL, 0)) != 0)
		return rc;
	for (i = 0; i < a->nunits; i++) {
		v[1] = a->units[i];
		if ((rc = exec(a->ctx, SQL_ADD, v, 2, NULL, 0)) != 0)
			return rc;
	}
	return exec(a->ctx, SQL_ALL, w, 2, NULL, 0);
}

/* --- versions ----------------------------------------------------------------- */

/* The file of a create or version action, checked: name without a path,
 * size within DOC_FILE_MAX, its content a PDF/DOCX/XLSX/ODT whose name
 * says the same. *type NULL when there is no file. */
static int
file_ok(struct act *a, const char **type, char hex[65])
{
	const struct doc_input	*in = a->in;
	unsigned char		 h[crypto_hash_sha256_BYTES];
	const char		*ext;
	size_t			 nl, el;

	*type = NULL;
	if (in->file_len == 0 && (in->file_name == NULL || *in->file_name == '\0'))
		return 0;
	if (in->file_name == NULL || *in->file_name == '\0' ||
	    strchr(in->file_name, '/') != NULL ||
	    strchr(in->file_name, '\\') != NULL ||
	    strcmp(in->file_name, "..") == 0 ||
	    strlen(in->file_name) > DOC_FILE_NAME_MAX)
		return invalid(a, "file",
		    N_("The file name must be a plain name, without a folder."));
	if (in->file_len == 0)
		return invalid(a, "file", N_("The file is empty."));
	if (in->file_len > DOC_FILE_MAX)
		return invalid(a, "file", N_("The file is too large (at most 10 MB)."));
	if ((*type = doc_file_sniff(in->file_data, in->file_len)) == NULL)
		return invalid(a, "file",
		    N_("Only PDF, DOCX, ODT and XLSX files can be attached."));
	ext = doc_file_ext(*type);
	nl = strlen(in->file_name);
	el = strlen(ext);
	if (nl <= el || strcasecmp(in->file_name + nl - el, ext) != 0)
		return invalid(a, "file",
		    N_("The file is not what its name says."));
	crypto_hash_sha256(h, in->file_data, in->file_len);
	sodium_bin2hex(hex, 65, h, sizeof(h));
	return 0;
}

static int
content_ok(struct act *a, const char **type, char hex[65])
{
	int rc;

	if ((rc = file_ok(a, type, hex)) != 0)
		return rc;
	if (a->in->body != NULL && strlen(a->in->body) > DOC_BODY_MAX)
		return invalid(a, "body", N_("The text is too long."));
	if (a->in->body == NULL && *type == NULL)
		return invalid(a, "body",
		    N_("Write the text, or attach the document as a file."));
	return 0;
}

static int
version_insert(struct act *a, int64_t doc, int number, const char *type,
    const char *hex)
{
	static const char SQL[] =
	    "INSERT INTO document_versions (tenant_id, document_id, number,"
	    " state, body, file_name, file_type, file_size, file_sha256,"
	    " file_data, change_note, significant, created_by, created_at)"
	    " VALUES ($1, $2, $3, 'draft', $4, $5, $6, $7, $8, $9, $10, $11,"
	    " $12, $13)";
	const struct doc_input	*in = a->in;
	struct dbstmt		*st;
	int			 rc;

	if ((rc = db_prepare_tenant(a->ctx->conn, a->ctx->tenant_id, SQL, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, doc);
	db_bind_int(st, 3, number);
	db_bind_text(st, 4, in->body);
	if (type != NULL) {
		db_bind_text(st, 5, in->file_name);
		db_bind_text(st, 6, type);
		db_bind_int(st, 7, (int64_t)in->file_len);
		db_bind_text(st, 8, hex);
		db_bind_blob(st, 9, in->file_data, in->file_len);
	} else {
		db_bind_null(st, 5);
		db_bind_null(st, 6);
		db_bind_null(st, 7);
		db_bind_null(st, 8);
		db_bind_null(st, 9);
	}
	db_bind_text(st, 10, in->change_note);
	/* The first version always asks everyone to read it. */
	db_bind_int(st, 11, number == 1 || in->significant);
	if (a->ctx->user != NULL)
		db_bind_int(st, 12, a->ctx->user->id);
	else
		db_bind_null(st, 12);
	db_bind_int(st, 13, a->ctx->now);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : rc;
}

static int
touch(struct act *a, const char *status)
{
	static const char SQL[] =
	    "UPDATE documents SET status = $3, updated_at = $4"
	    " WHERE tenant_id = $1 AND id = $2";
	struct dbstmt	*st;
	int		 rc;

	if ((rc = db_prepare_tenant(a->ctx->conn, a->ctx->tenant_id, SQL, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, a->d.id);
	db_bind_text(st, 3, status);
	db_bind_int(st, 4, a->ctx->now);
	rc = db_step(st);
	db_reset(st);
	return rc == DB_DONE ? 0 : rc;
}

static int
audit(struct act *a, const char *action, const char *detail)
{
	return audit_append(a->ctx, action, "document", a->d.id,
	    detail != NULL ? detail : a->d.code) < 0 ? DB_ERR : 0;
}

/* --- the actions ---------------------------------------------------------------- */

static int
do_create(struct act *a)
{
	static const char SQL_CODE[] =
	    "SELECT COUNT(*) FROM documents WHERE tenant_id = $1 AND code = $2";
	static const char SQL_NEW[] =
	    "INSERT INTO documents (tenant_id, code, title, doc_type, process_id,"
	    " owner_id, all_units, status, public, created_at, updated_at)"
	    " VALUES ($1, $2, $3, $4, $5, $6, 1, 'draft', $7, $8, $8) RETURNING id";
	const struct doc_input	*in = a->in;
	struct dbstmt		*st;
	const char		*type;
	char			 hex[65];
	int64_t			 owner = a->ctx->user != NULL ? a->ctx->user->id : 0;
	int			 rc;

	if (!authz_doc_create(a->ctx))
		return GATE_DENIED;
	if (!code_ok(in->code))
		return invalid(a, "code",
		    N_("Give the document its ID: letters, digits, - _ or . (at most 40)."));
	if ((rc = title_type_ok(a, 1)) != 0 || (rc = process_ok(a, 1)) != 0 ||
	    (rc = owner_of(a, &owner)) != 0 || (rc = unit_ok(a)) != 0 ||
	    (rc = content_ok(a, &type, hex)) != 0)
		return rc;
	if (owner == 0)
		return invalid(a, "owner", N_("No active person has that login."));
	if ((rc = db_prepare_tenant(a->ctx->conn, a->ctx->tenant_id, SQL_CODE, &st)) != DB_OK)
		return rc;
	db_bind_text(st, 2, in->code);
	rc = db_step(st) == DB_ROW && db_col_int(st, 0) > 0;
	db_reset(st);
	if (rc)
		return invalid(a, "code", N_("Another document has that ID."));
	if ((rc = db_prepare_tenant(a->ctx->conn, a->ctx->tenant_id, SQL_NEW, &st)) != DB_OK)
		return rc;
	db_bind_text(st, 2, in->code);
	db_bind_text(st, 3, in->title);
	db_bind_text(st, 4, in->type);
	db_bind_int(st, 5, in->process_id);
	db_bind_int(st, 6, owner);
	db_bind_int(st, 7, in->public_);
	db_bind_int(st, 8, a->ctx->now);
	rc = db_step(st);
	a->d.id = rc == DB_ROW ? db_col_int(st, 0) : 0;
	db_reset(st);
	if (rc != DB_ROW)
		return rc < 0 ? rc : DB_ERR;
	a->d.code = in->code;
	a->out->id = a->d.id;
	if ((rc = set_units(a, a->d.id)) != 0 ||
	    (rc = version_insert(a, a->d.id, 1, type, hex)) != 0)
		return rc;
	return audit(a, "doc_create", NULL);
}

static int
do_edit(struct act *a)
{
	static const char SQL[] =
	    "UPDATE documents SET title = $3, doc_type = $4, process_id = $5,"
	    " owner_id = $6, public = $7, updated_at = $8"
	    " WHERE tenant_id = $1 AND id = $2";
	const struct doc_input	*in = a->in;
	struct dbstmt		*st;
	int64_t			 owner = a->d.owner_id;
	int			 rc;

	if ((rc = title_type_ok(a, 0)) != 0 || (rc = process_ok(a, 0)) != 0 ||
	    (rc = owner_of(a, &owner)) != 0 || (rc = unit_ok(a)) != 0)
		return rc;
	if ((rc = db_prepare_tenant(a->ctx->conn, a->ctx->tenant_id, SQL, &st)) != DB_OK)
		return rc;
	db_bind_int(st, 2, a->d.id);
	db_bind_text(st, 3, in->title != NULL ? in->title : a->d.title);
	db_bind_text(st, 4, in->type != NULL ? in->type : a->d.type);
	db_bind_int(st, 5, in->process_id > 0 ? in->process_id : a->d.process_id);
	db_bind_int(st, 6, owner);
	db_bind_int(st, 7, in->has_public ? in->public_ : a->d.public_);
	db_bind_int(st, 8, a->ctx->now);
	rc = db_step(st);
	db_reset(st);
	if (rc != DB_DONE)
		return rc < 0 ? rc : DB_ERR;
	if ((in->has_unit || in->units != NULL) &&
	    (rc = set_units(a, a->d.id)) != 0)
		return rc;
	return audit(a, "doc_edit", NULL);
}

/* The proposals and deviations version number answers (in->answers),
 * checked through the deviation module: each about this document, not
 * closed, and one ctx->user may see; anything else is refused the same
 * way, so nobody learns what exists. Replaces what a replaced draft of
 * the same number said. *list: "AV-..., FF-..." for the audit row. */
static int
set_answers(struct act *a, int number, const char **list)
{
	static const char SQL_DEL[] =
	    "DELETE FROM document_answers WHERE tenant_id = $1"
	    " AND document_id = $2 AND number = $3";
	static const char SQL_ADD[] =
	    "INSERT INTO document_answers (tenant_id, document_id, number,"
	    " deviation_id) VALUES ($1, $2, $3, $4)";
	const char	*p = a->in->answers;
	int64_t		 v[3] = { a->d.id, number, 0 };
	int64_t		 seen[DOC_ANSWERS_MAX];
	struct deviation dev;
	size_t		 i, n = 0;
	int		 rc;

	*list = NULL;
	if ((rc = exec(a->ctx, SQL_DEL, v, 2, NULL, 0)) != 0)
		return rc;
	while (p != NULL && *p != '\0') {
		size_t	len = strcspn(p, ",");
		char	num[24];

		if (len == 0 || len >= sizeof(num)) {
			p += len + (p[len] != '\0');
			continue;
		}
		memcpy(num, p, len);
		num[len] = '\0';
		p += len + (p[len] != '\0');
		if (num_parse_i64(num, 1, INT64_MAX, &v[2]) != 0 ||
		    a->ctx->user == NULL ||
		    deviation_get(a->ctx, v[2], &dev) != 0 ||
		    dev.document_id != a->d.id || dev.status == DEV_CLOSED ||
		    !authz_dev_can(a->ctx, AZ_DEV_VIEW, &dev))
			return invalid(a, "answers",
			    N_("Tick only open deviations and proposals about this document."));
		/* The same one ticked twice: once is what it says (a
		 * duplicate key would end the transaction on PostgreSQL). */
		for (i = 0; i < n && seen[i] != v[2]; i++)
			;
		if (i < n)
			continue;
		if (n == DOC_ANSWERS_MAX)
			return invalid(a, "answers",
			    N_("Tick only open deviations and proposals about this document."));
		seen[n++] = v[2];
		if ((rc = exec(a->ctx, SQL_ADD, v, 3, NULL, 0)) != 0)
			return rc;
		*list = *list == NULL ? dev.number :
		    arena_printf(a->ctx->arena, "%s, %s", *list, dev.number);
	}
	return 0;
}

static int
do_version(struct act *a)
{
	static const char SQL_DROP[] =
	    "DELETE FROM document_versions WHERE tenant_id = $1"
	    " AND document_id = $2 AND number = $3 AND state = 'draft'";
	const char	*type, *answers;
	char		 hex[65], num[16];
	int64_t		 v[2] = { a->d.id, a->d.latest_version };
	int		 rc, number = a->d.latest_version + 1;
	struct doc_version ver;

	if (a->d.status == DOC_RETIRED)
		return DOC_ERR_STATE;
	if ((rc = content_ok(a, &type, hex)) != 0)
		return rc;
	/* A draft not yet sent for approval is replaced by the new text;
	 * one waiting for approval is not changed under the approver. */
	if (a->d.pending) {
		if ((rc = document_version(a->ctx, &a->d, a->d.latest_version,
		    &ver, NULL)) != 0)
			return rc;
		if (strcmp(ver.state, "draft") != 0)
			return DOC_ERR_STATE;
		if ((rc = exec(a->ctx, SQL_DROP, v, 2, NULL, 0)) != 0)
			return rc;
		number = a->d.latest_version;
	}
	if ((rc = version_insert(a, a->d.id, number, type, hex)) != 0 ||
	    (rc = set_answers(a, number, &answers)) != 0 ||
	    (rc = touch(a, doc_status_name(a->d.status == DOC_PENDING ?
	    DOC_DRAFT : a->d.status))) != 0)
		return rc;
	snprintf(num, sizeof(num), "%d", number);
	return audit(a, "doc_version", answers == NULL ? num :
	    arena_printf(a->ctx->arena, "%s (%s)", num, answers));
}

static int
do_submit(struct act *a)
{
	static const char SQL[] =
	    "UPDATE document_versions SET state = 'pending' WHERE tenant_id = $1"
	    " AND document_id = $2 AND number = $3 AND state = 'draft'";
	int64_t	v[2] = { a->d.id, a->d.latest_version };
	int	rc;

	if (!a->d.pending || a->d.status == DOC_RETIRED)
		return DOC_ERR_STATE;
	if ((rc = exec(a->ctx, SQL, v, 2, NULL, 0)) != 0)
		return rc;
	if (db_changes(a->ctx->conn) != 1)
		return DOC_ERR_STATE;
	if (a->d.status == DOC_DRAFT && (rc = touch(a, "pending")) != 0)
		return rc;
	return audit(a, "doc_submit", NULL);
}

/* Today's civil day in Oslo, as the UTC second it starts. */
static int64_t
today(struct ctx *ctx)
{
	return date_start_of(ctx->now, DATE_DAY);
}

static int
do_approve(struct act *a)
{
	static const char SQL_OLD[] =
	    "UPDATE document_versions SET state = 'old' WHERE tenant_id = $1"
	    " AND document_id = $2 AND state = 'current'";
	static const char SQL_CUR[] =
	    "UPDATE document_versions SET state = 'current', approved_at = $4"
	    " WHERE tenant_id = $1 AND document_id = $2 AND number = $3"
	    " AND state = 'pending'";
	static const char SQL_DOC[] =
	    "UPDATE documents SET status = 'current', current_version = $3,"
	    " confirm_from = $4, approved_on = $5, next_revision = $6,"
	    " revised_on = $5, remind_ahead_at = NULL, remind_over_at = NULL,"
	    " updated_at = $7, approval_body = $8, approval_case = $9"
	    " WHERE tenant_id = $1 AND id = $2";
	const struct doc_input	*in = a->in;
	struct doc_version	 ver;
	int64_t			 on, next, v[3];
	const char		*t[2];
	int			 rc, confirm;

	if (!a->d.pending || a->d.status == DOC_RETIRED)
		return DOC_ERR_STATE;
	if (in->approval_body == NULL)
		return invalid(a, "approval_body",
		    N_("Say who approved it (e.g. kommunestyret, AMU, kommunedirektøren)."));
	on = in->approved_on > 0 ? in->approved_on : today(a->ctx);
	if (on > a->ctx->now)
		return invalid(a, "approved_on",
		    N_("The approval date cannot be in the future."));
	next = in->next_revision > 0 ? in->next_revision :
	    date_add_months(on, DOC_REVISION_MONTHS);
	if (next <= on)
		return invalid(a, "next_revision",
		    N_("The next revision must come after the approval date."));
	if ((rc = document_version(a->ctx, &a->d, a->d.latest_version, &ver,
	    NULL)) != 0)
		return rc;
	if (strcmp(ver.state, "pending") != 0)
		return DOC_ERR_STATE;
	v[0] = a->d.id;
	if ((rc = exec(a->ctx, SQL_OLD, v, 1, NULL, 0)) != 0)
		return rc;
	v[1] = ver.number;
	v[2] = a->ctx->now;
	if ((rc = exec(a->ctx, SQL_CUR, v, 3, NULL, 0)) != 0)
		return rc;
	/* A minor change does not ask again: the last significant one
	 * stays the one to confirm. */
	confirm = ver.significant || a->d.confirm_from == 0 ? ver.number :
	    a->d.confirm_from;
	{
		struct dbstmt *st;

		if ((rc = db_prepare_tenant(a->ctx->conn, a->ctx->tenant_id,
		    SQL_DOC, &st)) != DB_OK)
			return rc;
		db_bind_int(st, 2, a->d.id);
		db_bind_int(st, 3, ver.number);
		db_bind_int(st, 4, confirm);
		db_bind_int(st, 5, on);
		db_bind_int(st, 6, next);
		db_bind_int(st, 7, a->ctx->now);
		t[0] = in->approval_body;
		t[1] = in->approval_case;
		db_bind_text(st, 8, t[0]);
		db_bind_text(st, 9, t[1]);
		rc = db_step(st);
		db_reset(st);
		if (rc != DB_DONE)
			return rc < 0 ? rc : DB_ERR;
	}
	/* A version that asks anew is news to those it asks: told now,
	 * not only when a leader reminds them. */
	if (confirm == ver.number && !a->ctx->notify_quiet &&
	    (rc = doc_tell_readers(a->ctx, a->d.id)) < 0)
		return rc;
	if ((rc = document_webhook(a->ctx, &a->d, ver.number)) != 0)
		return rc;
	return audit(a, "doc_approve", arena_printf(a->ctx->arena, "%s v%d %s",
	    a->d.code, ver.number, ver.significant ? "significant" : "minor"));
}

static int
do_review(struct act *a)
{
	static const char SQL[] =
	    "UPDATE documents SET next_revision = $3, revised_on = $4,"
	    " remind_ahead_at = NULL, remind_over_at = NULL, updated_at = $5"
	    " WHERE tenant_id = $1 AND id = $2";
	int64_t	v[4], t = today(a->ctx);

	if (a->d.status != DOC_CURRENT)
		return DOC_ERR_STATE;
	v[0] = a->d.id;
	v[1] = a->in->next_revision > 0 ? a->in->next_revision :
	    date_add_months(t, DOC_REVISION_MONTHS);
	v[2] = t;
	v[3] = a->ctx->now;
	if (v[1] <= t)
		return invalid(a, "next_revision",
		    N_("The next revision must come after today."));
	if (exec(a->ctx, SQL, v, 4, NULL, 0) != 0)
		return DB_ERR;
	return audit(a, "doc_review", NULL);
}

static int
do_retire(struct act *a)
{
	int rc;

	if (a->d.status == DOC_RETIRED)
		return DOC_ERR_STATE;
	if ((rc = touch(a, "retired")) != 0)
		return rc;
	return audit(a, "doc_retire", NULL);
}

static int
do_confirm(struct act *a)
{
	int rc;

	if (a->d.status != DOC_CURRENT || a->ctx->user == NULL)
		return DOC_ERR_STATE;
	if (document_confirmed(a->ctx, &a->d) == 1)
		return 0;	/* once is enough; confirming again changes nothing */
	if ((rc = doc_read_record(a->ctx, &a->d, a->ctx->user->id, 0)) != 0)
		return rc;
	return audit(a, "doc_confirm", arena_printf(a->ctx->arena, "%s v%d",
	    a->d.code, a->d.current_version));
}

/* A leader's go-through with staff: every attendee (logins) must be an
 * active person in a unit the leader follows, and the document must
 * apply to them. */
static int
do_gothrough(struct act *a)
{
	const char	*p = a->in->attendees;
	int64_t		 held = a->in->held_on > 0 ? a->in->held_on : today(a->ctx);
	int64_t		 save = a->ctx->now;
	int		 rc, n = 0;

	if (a->d.status != DOC_CURRENT)
		return DOC_ERR_STATE;
	if (held > a->ctx->now)
		return invalid(a, "held_on", N_("The date cannot be in the future."));
	if (p == NULL)
		return invalid(a, "attendees", N_("Name who attended (their logins)."));
	while (*p != '\0') {
		struct person	 who;
		size_t		 len = strcspn(p, " ,;\n\r\t");
		char		*login;

		if (len == 0) {
			p++;
			continue;
		}
		login = arena_strndup(a->ctx->arena, p, len);
		p += len;
		if (login == NULL)
			return DB_ERR;
		if (org_person_by_login(a->ctx, login, &who) != 0 || !who.active ||
		    who.unit_id == 0 ||
		    !authz_can(a->ctx, AZ_DOC_COVERAGE, who.unit_id) ||
		    !document_applies_to(a->ctx, &a->d, who.unit_id))
			return invalid(a, "attendees",
			    N_("Everyone named must be an active person in your units that the document applies to."));
		/* Recorded at the day it was held. */
		a->ctx->now = held;
		rc = document_confirmed_by(a->ctx, &a->d, who.id) == 1 ? 0 :
		    doc_read_record(a->ctx, &a->d, who.id, a->ctx->user->id);
		a->ctx->now = save;
		if (rc != 0)
			return rc;
		n++;
	}
	if (n == 0)
		return invalid(a, "attendees", N_("Name who attended (their logins)."));
	return audit(a, "doc_gothrough", arena_printf(a->ctx->arena, "%s v%d: %d",
	    a->d.code, a->d.current_version, n));
}

/* Access, the parser's complaints, then the act; in the transaction. */
static int
gate_in_tx(struct act *a, int64_t id)
{
	enum doc_action	 act = a->in->action;
	enum az_action	 need;
	int		 rc;

	if (act == DOC_A_CREATE) {
		if (!authz_doc_create(a->ctx))
			return GATE_DENIED;
		if (a->in->bad_field != NULL)
			return invalid(a, a->in->bad_field, a->in->bad_why);
		if ((rc = do_create(a)) != 0)
			return rc;
		return doc_search_index(a->ctx, a->d.id);
	}
	if ((rc = document_load(a->ctx, id, &a->d)) != 0)
		return rc;
	if (!authz_doc_can(a->ctx, AZ_DOC_READ, &a->d))
		return DOC_ERR_NOTFOUND;
	a->out->id = a->d.id;
	/* Someone who may read it may act on it (confirm, at least): an
	 * unknown action is their mistake to hear about. */
	if ((int)act < 0 || act >= DOC_A_MAX)
		return invalid(a, "action", N_("Unknown action."));
	switch (act) {
	case DOC_A_APPROVE:	need = AZ_DOC_APPROVE; break;
	case DOC_A_CONFIRM:	need = AZ_DOC_READ; break;
	case DOC_A_GOTHROUGH:	need = AZ_DOC_COVERAGE; break;
	default:		need = AZ_DOC_EDIT; break;
	}
	if (!authz_doc_can(a->ctx, need, &a->d))
		return GATE_DENIED;
	if (a->in->bad_field != NULL)
		return invalid(a, a->in->bad_field, a->in->bad_why);
	switch (act) {
	case DOC_A_EDIT:	rc = do_edit(a); break;
	case DOC_A_VERSION:	return do_version(a);
	case DOC_A_SUBMIT:	return do_submit(a);
	case DOC_A_APPROVE:	rc = do_approve(a); break;
	case DOC_A_REVIEW:	return do_review(a);
	case DOC_A_RETIRE:	return do_retire(a);
	case DOC_A_CONFIRM:	return do_confirm(a);
	case DOC_A_GOTHROUGH:	return do_gothrough(a);
	default:		return invalid(a, "action", N_("Unknown action."));
	}
	/* The title or the current version changed: the search index with
	 * it, in this transaction. */
	return rc != 0 ? rc : doc_search_index(a->ctx, a->d.id);
}

int
document_do(struct ctx *ctx, int64_t id, const struct doc_input *in,
    struct doc_result *out)
{
	struct act	a;
	int		rc, own;

	if (out == NULL)
		return -1;
	memset(out, 0, sizeof(*out));
	out->outcome = DOC_FAILED;
	/* No person: only the operator at the command line gets further
	 * (authz_cli_operator, asked by each check below). */
	if (in == NULL || (ctx->user == NULL && !authz_cli_operator(ctx)))
		return 0;
	memset(&a, 0, sizeof(a));
	a.ctx = ctx;
	a.in = in;
	a.out = out;
	if (db_tx_join(ctx->conn, &own) != 0)
		return 0;
	rc = gate_in_tx(&a, id);
	/* Every refusal is rolled back: nothing half-saved. */
	rc = db_tx_finish(ctx->conn, own, rc);
	switch (rc) {
	case 0:
		out->outcome = DOC_OK;
		break;
	case DOC_ERR_NOTFOUND:
		out->outcome = DOC_NOT_FOUND;
		break;
	case GATE_DENIED:
		out->outcome = DOC_FORBIDDEN;
		break;
	case GATE_INVALID:
		out->outcome = DOC_INVALID;
		break;
	case DOC_ERR_STATE:
		out->outcome = DOC_CONFLICT;
		break;
	default:
		out->outcome = DOC_FAILED;
		break;
	}
	if (out->outcome != DOC_OK && in->action == DOC_A_CREATE)
		out->id = 0;
	return 0;
}
