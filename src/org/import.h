/* import.h: bulk import of the org tree and people from CSV.
 *
 *   units:  code,name,parent_code
 *   people: login,name,email,unit_code,roles,party
 *
 * All or nothing: every row is validated before anything is written, and
 * everything is written in one transaction. Re-importing updates by code or
 * login (units: name and parent; people: name, email, unit, party, and the
 * listed roles are added; roles not listed are kept). Used by `orden import`
 * and meant for the admin UI as well. */
#ifndef ORDEN_ORG_IMPORT_H
#define ORDEN_ORG_IMPORT_H

#include <stdio.h>

struct ctx;

#define IMPORT_ERROR_MAX 512
#define IMPORT_ROWS_MAX 100000	/* data rows in one file */

struct import_result {
	int	created;
	int	updated;	/* existing rows where something changed */
	/* On a rejected file: "FILE:LINE: reason" or "FILE:LINE:COL: reason"
	 * for CSV syntax errors (LINE physical and 1-based, header = 1). */
	char	error[IMPORT_ERROR_MAX];
	/* On success, what was imported but should be looked at, each
	 * "FILE:LINE:COL: warning: reason" (in ctx->arena, valid until it is
	 * freed): a row that gives an office of one person (role_is_single)
	 * that someone else also holds now. */
	const char **warnings;
	size_t	nwarnings;
};

/* Import from fp (borrowed; read to the end) named fname in messages, into
 * ctx->tenant as ctx->user (NULL = system), audited through org/.
 * Opens, commits or rolls back its own transaction on ctx->conn, so the
 * caller must not have one open.
 * 0 on success with counts set; -1 when the file was rejected (error set,
 * nothing changed); -2 on a database error (error set, nothing changed). */
int	org_import_units(struct ctx *, FILE *fp, const char *fname,
	    struct import_result *);
int	org_import_people(struct ctx *, FILE *fp, const char *fname,
	    struct import_result *);

/* The rules the import applies, for other tools to share (cli/). 1 when s
 * is a valid unit code or login ([A-Za-z0-9_.-], 1-64 bytes); 1 when s is
 * a plausible e-mail address. */
int	import_is_code(const char *s);
int	import_is_email(const char *s);

#endif
