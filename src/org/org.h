/* org.h: tenants (municipalities), units (a tree), people and their roles.
 *
 * Every function that reads or writes tenant data takes the context and
 * filters by ctx->tenant_id itself. Strings in returned structs live in
 * ctx->arena (freed with the request) unless stated otherwise.
 * Writes that change the org append to the audit log in the same transaction
 * (the caller opens and commits the transaction: db_begin/db_commit on
 * ctx->conn), acting as ctx->user (NULL = the system/CLI). */
#ifndef ORDEN_ORG_H
#define ORDEN_ORG_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct ctx;
struct dbconn;
struct dbstmt;

enum role {
	ROLE_EMPLOYEE,
	ROLE_LEADER,
	ROLE_QUALITY,
	ROLE_ADMIN,
	ROLE_HR,
	ROLE_HR_HEAD,
	ROLE_FINANCE_HEAD,
	ROLE_CHIEF_EXECUTIVE,
	ROLE_MAYOR,
	ROLE_OPPOSITION_LEADER,
	ROLE_FORMANNSKAP,
	ROLE_GROUP_LEADER,
	ROLE_ELECTED,
	ROLE_SAFETY_REP,
	ROLE_CHIEF_SAFETY_REP,
	ROLE_UNION_REP,
	ROLE_AUDITOR,
	ROLE_MAX
};

/* "employee", "leader", ... (the API and CSV names). NULL if out of range. */
const char	*role_name(enum role);
/* 0 and *out on a known name; -1 otherwise. */
int		 role_parse(const char *, enum role *);
/* Whether a role is held for a unit and its subtree (leader, safety_rep,
 * union_rep, employee) or for the whole tenant (the rest). */
int		 role_is_scoped(enum role);
/* Whether a role is an office of one person: the mayor, the opposition
 * leader and the chief executive (procedure 2 of seeds/004 gives each
 * case to the one who holds it; a second holder is a mistake to name). */
int		 role_is_single(enum role);

struct tenant {
	int64_t		 id;
	int64_t		 uid;		/* identity in hashes and key bindings (ctx.h) */
	const char	*name;
	const char	*host;		/* host name that selects it; may be NULL */
};

struct unit {
	int64_t		 id;
	const char	*code;
	const char	*name;
	int64_t		 parent_id;	/* 0 for a root */
	int		 depth;		/* 0 for a root, filled by org_unit_list */
	const char	*kind;		/* NULL (not said) or an org_unit_kinds[] code */
	int64_t		 closed_at;	/* 0: open; else when it was closed (close.c) */
	int64_t		 closed_into;	/* the unit that took over; 0 while open */
};

/* The kinds of unit the legal clocks of a category may depend on:
 * "school", "kindergarten", "health_care", "other"; NULL-terminated. */
extern const char *const org_unit_kinds[];
/* 1 if s is one of org_unit_kinds. */
int	 org_unit_kind_valid(const char *s);

struct person {
	int64_t		 id;
	const char	*login;
	const char	*name;
	const char	*email;		/* may be NULL */
	int64_t		 unit_id;	/* home unit; 0 if none */
	const char	*party;		/* political party; may be NULL */
	int		 active;
	const char	*lang;		/* preferred UI language; may be NULL */
};

struct role_assignment {
	int64_t		 id;
	int64_t		 person_id;
	enum role	 role;
	int64_t		 unit_id;	/* scope; 0 = the whole tenant */
};

/* All role assignments of one person, in the arena. */
struct roleset {
	struct role_assignment	*v;
	size_t			 n;
};

/* --- tenants (not tenant-filtered: these pick the tenant) --------------- */
/* A new tenant with a random uid and the first row of its audit chain, in
 * the caller's transaction or its own. Returns the new id (> 0),
 * DB_CONSTRAINT when another tenant has the host, or a negative db_rc. */
int64_t	 tenant_create(struct dbconn *, const char *name, const char *host);
/* By host name; if host is NULL or matches none and exactly one tenant
 * exists, that one (a single-municipality installation answers on any
 * host name). 0 and *out filled (strings in arena) or -1. */
int	 tenant_resolve(struct dbconn *, struct arena *, const char *host,
	    struct tenant *out);
/* Only the tenant whose host is host (case-insensitive), never a fallback:
 * for a command that named one. 0 and *out filled, 1 when none has it,
 * negative on a database error. */
int	 tenant_by_host(struct dbconn *, struct arena *, const char *host,
	    struct tenant *out);
int	 tenant_get(struct dbconn *, struct arena *, int64_t id, struct tenant *out);
int	 tenant_count(struct dbconn *);
/* 1 if a tenant of this name exists, 0 if not, negative on error. */
int	 tenant_name_exists(struct dbconn *, const char *name);
/* Every tenant, by id; *out in arena. 0 or negative. */
int	 tenant_list(struct dbconn *, struct arena *, struct tenant **out,
	    size_t *n);
/* ctx->tenant_uid; when a context was built without it, read from the
 * tenant's row and kept in ctx. > 0, or negative when there is no such
 * tenant or the database fails. */
int64_t	 tenant_uid(struct ctx *);

/* --- units ---------------------------------------------------------------- */
/* Units of the tenant in tree order (parent before children, siblings by
 * name), depth filled. *out in arena. 0 or negative. */
int	 org_unit_list(struct ctx *, struct unit **out, size_t *n);
/* org_unit_list in two halves, so that its read may go with others
 * (db_run_together): the statement prepared, not stepped (DB_OK or a
 * DB_* error), then its rows as org_unit_list's, the statement reset
 * whatever the outcome. */
int	 org_unit_list_begin(struct ctx *, struct dbstmt **st);
int	 org_unit_list_end(struct ctx *, struct dbstmt *st, struct unit **out,
	    size_t *n);
int	 org_unit_get(struct ctx *, int64_t id, struct unit *out);	/* -1 if none */
int	 org_unit_by_code(struct ctx *, const char *code, struct unit *out);
/* Create; returns new id > 0, DB_CONSTRAINT on a duplicate code or a parent
 * not in this tenant, other negative on error. Audited. */
int64_t	 org_unit_create(struct ctx *, const char *code, const char *name,
	    int64_t parent_id);
/* Update name and parent. Refuses (-2) a parent that would make a cycle. */
int	 org_unit_update(struct ctx *, int64_t id, const char *name, int64_t parent_id);
/* The unit's parent: its id, 0 for a root, -1 when id is not a unit of
 * the tenant. The one walk up the tree other modules build on. */
int64_t	 org_unit_parent(struct ctx *, int64_t id);
/* org_unit_parent for a unit that may receive something new (a report,
 * a transfer, a role): -1 also when the unit is closed. Same one
 * statement (or the batch's kept answer: only open units' are kept). */
int64_t	 org_unit_parent_open(struct ctx *, int64_t id);
/* 1 when unit id is a unit of the tenant and closed, 0 when open or no
 * such unit, a DB_* error (< 0) otherwise. */
int	 org_unit_is_closed(struct ctx *, int64_t id);
/* Set a unit's kind (NULL or "": not said); audited as a unit_update.
 * -1 for an unknown kind or unit. */
int	 org_unit_set_kind(struct ctx *, int64_t id, const char *kind);
/* Whether unit `inner` is `outer` or lies under it (one probe of
 * unit_ancestors, ancestry.c). */
int	 org_unit_within(struct ctx *, int64_t inner, int64_t outer);
/* The units at or under unit `outer`, ascending, into *ids (ctx's arena)
 * and *n: what org_unit_within answers for every inner at once, in one
 * statement. 0 or a DB_* error (*n 0). */
int	 org_units_under(struct ctx *, int64_t outer, int64_t **ids, size_t *n);
/* The kind (org_unit_kinds) of unit id, else of its nearest ancestor that
 * has one, into kind (kindsz bytes; "" when none has, or no such unit):
 * one statement on unit_ancestors. 0 or a DB_* error. */
int	 org_unit_kind_of(struct ctx *, int64_t id, char *kind, size_t kindsz);
/* 1 when unit id exists and has no unit under it, 0 when it has (or there
 * is no such unit), a DB_* error (< 0) otherwise (one probe of
 * unit_ancestors, ancestry.c). */
int	 org_unit_is_leaf(struct ctx *, int64_t id);
/* Recount unit_ancestors (the closure of the tree, org/ancestry.h) from
 * units.parent_id: the number of rows that differ (missing, extra or at
 * another depth; 0 when it agrees), or a negative DB_* error. */
int	 org_ancestry_check(struct ctx *);

/* --- people --------------------------------------------------------------- */
int	 org_person_list(struct ctx *, struct person **out, size_t *n);
int	 org_person_get(struct ctx *, int64_t id, struct person *out);
/* How many people the tenant has (active or not), or -1. */
int64_t	 org_person_count(struct ctx *);
/* 1 when id is a person of the tenant, else 0. */
int	 org_person_exists(struct ctx *, int64_t id);
int	 org_person_by_login(struct ctx *, const char *login, struct person *out);
/* The person a sign-in form's login names: the login as typed, else the
 * one person whose login it is without case ("Emma.Johansen" typed on a
 * phone or with caps); -1 when none, or two differ only in case and
 * neither is typed exactly. */
int	 org_person_by_login_typed(struct ctx *, const char *login,
	    struct person *out);
/* Active people whose name or login contains query (case-insensitive for
 * ASCII), at most limit, by name: the measure-owner search. *out in the
 * arena. */
int	 org_person_search(struct ctx *, const char *query, int limit,
	    struct person **out, size_t *n);
/* 1 when s may be stored as a person's e-mail address: one "@" with text
 * on both sides, at most 254 bytes, and no space, control character, "<"
 * or ">": it is written into the To: header and the SMTP RCPT of every
 * e-mail to the person (notify/compose.c), so a line break in it would add
 * headers or recipients. Looser than the forms' and the import's checks,
 * which stay the user-facing ones; this is the last line, at the owner. */
int	 org_email_ok(const char *s);
/* Returns new id > 0, DB_CONSTRAINT on duplicate login or an e-mail
 * address org_email_ok refuses. Audited. */
int64_t	 org_person_create(struct ctx *, const struct person *);
int	 org_person_update(struct ctx *, const struct person *);	/* by id; audited */

/* --- roles ---------------------------------------------------------------- */
int	 org_roles_of(struct ctx *, int64_t person_id, struct roleset *out);
/* Returns the assignment id > 0 (existing one if already held). Audited.
 * ORG_ERR_FORBIDDEN when authz_role_grant_ok refuses (nobody grants
 * themselves a role that routes whistleblowing cases), whatever the entry
 * point (API, web, import). */
#define ORG_ERR_FORBIDDEN	-40

/* The whistleblowing hold (hold.c): an account whose password someone
 * else reset gets no case keys until the chief safety representative
 * confirms. by: the person who reset it, 0 for the operator's CLI.
 * Each returns 0 (hold_clear: 1 when a hold was lifted, 0 when there was
 * none; hold_by and barred: 1 / 0) or a DB_* error. Barred: on hold or an
 * administrator, the two kinds of account that never handle a case. */
struct org_wb_hold {
	int64_t		 person_id, by_id, at;
	const char	*name, *by_name;	/* by_name NULL: the operator */
};
int	 org_wb_hold_set(struct ctx *, int64_t person_id, int64_t by);
int	 org_wb_hold_clear(struct ctx *, int64_t person_id);
int	 org_wb_hold_by(struct ctx *, int64_t person_id, int64_t *by);
int	 org_wb_barred(struct ctx *, int64_t person_id);
int	 org_wb_holds(struct ctx *, struct org_wb_hold **out, size_t *n);
int64_t	 org_role_grant(struct ctx *, int64_t person_id, enum role, int64_t unit_id);
/* -1 if no such assignment for that person. Audited. ORG_ERR_FORBIDDEN
 * when authz_role_revoke_ok refuses (nobody takes away their own
 * administrator role), whatever the entry point. */
int	 org_role_revoke(struct ctx *, int64_t person_id, int64_t assignment_id);
/* The active people holding role for exactly unit_id (0: the tenant-wide
 * grants; -1: any unit), by id, each once, in the arena; with their
 * parties when party is not NULL. 0 or a DB_* error. */
int	 org_role_holders(struct ctx *, enum role, int64_t unit_id,
	    int64_t **ids, const char ***party, size_t *n);
/* In one read (a page of every unit asks once, not once per unit): the
 * active people of each home unit, staff getting each unit that has any
 * with their number (statistics per employee), and every active holder
 * of role with the unit they hold it for, holder getting the unit, the
 * person and their name (valid during the call), by unit then person
 * id. 0 or a DB_* error. */
typedef void	(*org_staff_fn)(void *arg, int64_t unit_id, int64_t n);
typedef void	(*org_holder_fn)(void *arg, int64_t unit_id, int64_t person_id,
		    const char *name);
int	 org_unit_staff_holders(struct ctx *, enum role, org_staff_fn staff,
	    void *staff_arg, org_holder_fn holder, void *holder_arg);
/* 1 when the person holds admin anywhere, 0 when not, or a DB_* error. */
int	 org_is_admin(struct ctx *, int64_t person_id);
/* Every role other than leader held by an active person, with the
 * person's name and whether they also hold admin, by role then name, in
 * the arena (whistle/'s routing view for the chief safety representative).
 * 0 or a DB_* error. */
struct org_role_holding { const char *name; enum role role; int admin; };
int	 org_role_holdings(struct ctx *, struct org_role_holding **out,
	    size_t *n);
/* Does the roleset hold `role` for unit_id (through a tenant-wide grant or a
 * grant on the unit or an ancestor)? unit_id 0 asks "anywhere". */
int	 org_has_role(struct ctx *, const struct roleset *, enum role, int64_t unit_id);

/* --- credentials (auth/ uses these) ---------------------------------------- */
/* The stored argon2id hash (arena) or NULL when the person has none. */
int	 org_password_get(struct ctx *, int64_t person_id, const char **hash);
int	 org_password_set(struct ctx *, int64_t person_id, const char *hash,
	    int must_change);
/* 1 while the person still has a one-time password to replace, 0 when
 * not (or no such person), -1 on a database error. */
int	 org_password_must_change(struct ctx *, int64_t person_id);
/* The same password's hash at a new cost (auth/ at login): replaces
 * old_hash only if it is still the stored one; must_change is kept, and
 * nothing else about the account changes (not a password change). */
int	 org_password_rehash(struct ctx *, int64_t person_id, const char *old_hash,
	    const char *new_hash);

/* --- gates: creating units and people (gate.c) ------------------------------
 * The deviation pattern (deviation/gate.c): one function per action that
 * asks authz/ (AZ_ORG_MANAGE; the system, ctx->user NULL, may), checks
 * its input, makes the change with its audit row in one transaction (or
 * the caller's, when one is open), and says how it went. The faces only
 * translate: the API to 403/400/409/500 with "field: why", the admin
 * pages to the form with their own sentence by the field. */
enum org_outcome {
	ORG_OK,
	ORG_DENIED,	/* authz refused */
	ORG_INVALID,	/* field names the input, why says what is wrong */
	ORG_CONFLICT,	/* field is taken (a unit code, a login) */
	ORG_FAILED,	/* the store failed; nothing was kept */
	ORG_NOT_FOUND	/* no such unit or person (field NULL), or no such
			   role held (field "role") */
};
struct org_result {
	enum org_outcome	 outcome;
	const char		*field;	/* the API's name of the field */
	const char		*why;	/* msgid */
	int64_t			 id;	/* ORG_OK: the new row */
};
/* A unit with code, name and parent_id (0: at the top). */
void	 org_unit_add(struct ctx *, const char *code, const char *name,
	    int64_t parent_id, struct org_result *out);
/* A person as p says (id ignored; unit_id 0: no home unit). */
void	 org_person_add(struct ctx *, const struct person *p,
	    struct org_result *out);

/* --- gates: changing units, people and roles (change.c) --------------------
 * Like the creates: access through authz/ first (someone who may not
 * learns nothing about what exists), then the input, then the change
 * with its audit row in one transaction. ORG_DENIED with a field is a
 * refusal of that change only (field "active": nobody makes themselves
 * inactive, nor the last active handler of an open whistleblowing case
 * (authz_person_deactivate_ok); "role": nobody grants themselves a role that receives
 * whistleblowing cases, nor takes away their own administrator role). */
struct org_unit_change {
	int64_t		 id;
	const char	*name;
	int64_t		 parent_id;	/* 0: at the top */
	const char	*kind;		/* NULL: not said */
	int		 kind_given;	/* 0: the kind is left as it is */
};
void	 org_unit_change(struct ctx *, const struct org_unit_change *,
	    struct org_result *out);
/* --- gates: closing a unit into another (close.c) ---------------------------
 * A merge is closing one unit into the other. Refused (ORG_INVALID, nothing
 * changed): the top unit, a unit already closed (field "id"), a receiving
 * unit that does not exist, is closed, is the unit itself or lies under it
 * ("into_id"). Otherwise, in one transaction: sub-units, people, open
 * deviations and proposals, risk assessments, documents, the yearly
 * wheel's tasks and an identity provider's unit for new people move to the
 * receiving unit; the role grants held for the unit are ended and listed
 * in ended (the arena) so that a face can say who held what; the unit is
 * marked closed and stays in the tree. Audited ("unit_close"). */
struct org_ended_grant {
	int64_t		 assignment_id, person_id;
	enum role	 role;
	const char	*name;		/* the person's */
};
struct org_closing {
	struct org_result	 result;	/* id: the closed unit */
	struct org_ended_grant	*ended;
	size_t			 nended;
	int64_t			 units, people, cases, risks, documents, tasks;
};
void	 org_unit_close(struct ctx *, int64_t id, int64_t into_id,
	    struct org_closing *out);
/* The unit's name as statistics, reports and lists label it: "Name
 * (nedlagt)" when it is closed, since its history still counts there
 * while new figures land on the receiving unit; else the name. Borrowed
 * from u, or in the arena (the bare name when that fails). */
const char *org_unit_label(struct arena *, const struct unit *u);

/* p->id names the person; login and lang are kept as they are. */
void	 org_person_change(struct ctx *, const struct person *p,
	    struct org_result *out);
/* A role by name and its scope (org_input.h reads them). A role held
 * for the whole tenant is granted with unit 0 whatever unit is given;
 * a scoped one given no unit (ORG_UNIT_UNSAID) is for the person's own
 * unit. out->id: the assignment. */
#define ORG_UNIT_UNSAID	(-1)
struct org_role_input {
	const char	*role;		/* a role_name(); NULL: none given */
	int64_t		 unit_id;	/* 0: the whole tenant */
};
void	 org_role_add(struct ctx *, int64_t person_id,
	    const struct org_role_input *, struct org_result *out);
/* The assignment assignment_id of the person, or (assignment_id 0) the
 * one of the role and scope in `in`. */
void	 org_role_remove(struct ctx *, int64_t person_id, int64_t assignment_id,
	    const struct org_role_input *in, struct org_result *out);

/* --- reading the organisation, asked through authz/ (view.c) ---------------
 * What the user may do here, so that a face shows a form or a button
 * from it without an access rule of its own. */
struct org_rights {
	int	directory;	/* the admin pages of units and people */
	int	manage;		/* create and change units and people */
	int	roles;		/* grant and revoke roles */
};
void	 org_rights_of(struct ctx *, struct org_rights *out);
/* Each returns 0 with *out, ORG_ERR_FORBIDDEN, -1 when there is no such
 * row (asked after access), or a DB_* error.
 * The tree (everyone signed in): */
int	 org_units_view(struct ctx *, struct unit **out, size_t *n);
int	 org_unit_view(struct ctx *, int64_t id, struct unit *out);
/* The people the user may see (the others are left out), and one of
 * them: someone the user may not see is -1, as if there were none
 * (one's own row is always there). */
int	 org_people_view(struct ctx *, struct person **out, size_t *n);
int	 org_person_view(struct ctx *, int64_t id, struct person *out);
/* The admin pages: the tree and everyone; one person with their roles
 * (forbidden when the person's unit is not the user's to see). */
int	 org_directory(struct ctx *, struct unit **units, size_t *nu,
	    struct person **people, size_t *np);
int	 org_directory_person(struct ctx *, int64_t id, struct person *out,
	    struct roleset *roles);

/* --- sign-in by an identity provider (sso/) ------------------------------- */
/* The person whose login, or else e-mail address, is name (both without
 * case). 0 and *out; -1 when none; -2 when the address is two people's
 * (and no login matches): neither is chosen; or a DB_* error. */
int	 org_person_by_sso_name(struct ctx *, const char *name, struct person *out);

#endif
