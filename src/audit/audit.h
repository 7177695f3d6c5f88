/* audit.h: the append-only, hash-chained audit log.
 *
 * Each row carries seq (1, 2, ... per tenant) and
 *   hash = BLAKE2b-256(prev_hash || canonical(tenant, seq, at, actor, action,
 *                      object_type, object_id, detail))
 * and the tenant row keeps the head (last seq and hash), so editing,
 * deleting or truncating any row breaks the chain where it happened.
 *
 * Whoever can write the database could recompute all of that, so from a
 * municipality's first event after its audit key exists the hash is keyed:
 *   hash = BLAKE2b-256 keyed with the municipality's key (prev_hash ||
 *          "orden-audit-v2" || the same canonical fields)
 * The key lives outside the database, in the audit key file (key.c):
 * beside a SQLite database as DB.audit-key, or where $ORDEN_AUDIT_KEY
 * says (required for PostgreSQL; without it the chain stays unkeyed). The
 * file also pins the last unkeyed hash, so the older rows cannot be
 * rewritten either. `orden migrate` copies the municipality's line to the
 * target's key file. */
#ifndef ORDEN_AUDIT_H
#define ORDEN_AUDIT_H

#include <stddef.h>
#include <stdint.h>

struct ctx;
struct dbconn;

#define AUDIT_KEY_LEN	32

/* One municipality's line of the audit key file. */
struct audit_key {
	int64_t		uid;			/* tenants.uid */
	int64_t		from_seq;		/* first keyed row */
	unsigned char	anchor[AUDIT_KEY_LEN];	/* hash of row from_seq - 1 */
	unsigned char	key[AUDIT_KEY_LEN];
};

/* The audit key file this process uses (copied; NULL: none, unkeyed). */
int		 audit_key_use(const char *path);
/* The file in use into out: 0, 1 when none, -1 when out is too small. */
int		 audit_key_current(char *out, size_t outsz);
/* $ORDEN_AUDIT_KEY, else DB.audit-key for a SQLite path (into out), else
 * NULL (PostgreSQL without the variable). */
const char	*audit_key_default(const char *db, char *out, size_t outsz);
/* uid's key: 0 found, 1 none in the file, 2 no file in use, -1 error. */
int		 audit_key_get(int64_t uid, struct audit_key *);
/* Give uid a new key from from_seq on (anchor: the hash before it), unless
 * the file has one already; *k is the key in the file. 0 or -1. */
int		 audit_key_create(int64_t uid, int64_t from_seq,
		    const unsigned char anchor[AUDIT_KEY_LEN], struct audit_key *k);
/* Copy uid's line from one key file to another (orden migrate): 0, 1 when
 * from_path has none, -1 on error or when to_path has another key for it. */
int		 audit_key_copy(const char *from_path, const char *to_path,
		    int64_t uid);
/* Give every municipality in the database that has none a key, from its
 * next event on (serve, init and tenant do this at start). 0 or negative. */
int		 audit_keys_ensure(struct dbconn *);

/* Append one event as ctx->user (NULL = system) at ctx->now, inside the
 * caller's transaction if one is open (or its own otherwise). detail is
 * short, never secret. 0 or negative. */
int	audit_append(struct ctx *, const char *action, const char *object_type,
	    int64_t object_id, const char *detail);
/* The same with the actor given: actor_id 0 writes no actor (the system,
 * or a reporter who must not be named: an anonymous whistleblowing report
 * made while signed in), without changing ctx->user for the rest of the
 * request. */
int	audit_append_as(struct ctx *, int64_t actor_id, const char *action,
	    const char *object_type, int64_t object_id, const char *detail);

/* An event of a whistleblowing reporter about their case (a report
 * received, the reporter reading the case or their receipt): no actor, no
 * detail, and the time cut to the start of its local day (util/date.h).
 * A reporter may be signed in as an employee while they report; an exact
 * time would sit between their own login and page views. The readers keep
 * these rows out of the timeline and count them by day
 * (audit_reporter_days), so neither the time nor the row's place in the
 * chain links them to a person. 0 or negative. */
int	audit_append_reporter(struct ctx *, const char *action, int64_t case_id);

/* The newest events of the tenant, newest first, at most max, with the
 * actor's name (NULL for the system) in the arena, leaving out the
 * reporters' events (audit_append_reporter), as ctx->user may read them:
 * which whistleblowing case an event is about (has_object) only for the
 * auditor, who samples that every read is logged (AZ_AUDIT_WB_CASES).
 * 0 or negative. */
struct audit_entry {
	int64_t		 seq, at, object_id;
	int		 has_object, has_actor;
	int		 wb;	/* about a whistleblowing case: no actor, no detail */
	const char	*actor, *action, *object_type, *detail;
};
int	audit_latest(struct ctx *, size_t max, struct audit_entry **out,
	    size_t *n);
/* The reporters' events (audit_append_reporter, and the whistleblowing
 * rows without an actor written before it) among the tenant's newest max
 * rows of that kind, counted by local day and action, newest day first,
 * in the arena. 0 or negative. */
struct audit_day {
	char		 day[16];	/* "2026-12-06" */
	const char	*action;
	int64_t		 n;
};
int	audit_reporter_days(struct ctx *, size_t max, struct audit_day **out,
	    size_t *n);
/* The newest grants and revocations of roles (actions role_grant and
 * role_revoke), newest first, at most max, with the actor's name (NULL for
 * the system) in the arena: whistle/'s routing view. 0 or negative. */
struct audit_role_change {
	int64_t		 at;
	int		 granted;	/* role_grant; 0 for role_revoke */
	const char	*actor, *detail;
};
int	audit_role_changes(struct ctx *, size_t max,
	    struct audit_role_change **out, size_t *n);
/* Rows in the whole database's log (every tenant), or negative. */
int64_t	audit_count(struct dbconn *);

/* Verify every tenant's chain. 0 when intact; otherwise 1, and the first
 * broken row described in msg ("tenant 1 seq 42: hash mismatch"). */
int	audit_verify(struct dbconn *, char *msg, unsigned long msgsz);

/* The audit head exported, signed (head.c): after verifying every chain,
 * write each municipality's last seq and hash to out (0600), signed with
 * the Ed25519 key in KEYFILE.sign beside the audit key file (made 0600 at
 * the first export). 0; 1 with msg (a broken chain, no key file, cannot
 * write); negative on a database error. */
int	audit_head_export(struct dbconn *, const char *keyfile, const char *out,
	    char *msg, size_t msgsz);
/* Check that the head file's signature verifies with KEYFILE.sign, that
 * every chain still holds the exported row with the exported hash (a log
 * cut back behind it fails), and that every chain verifies. 0; 1 with msg;
 * negative on a database error. */
int	audit_head_verify(struct dbconn *, const char *keyfile, const char *path,
	    char *msg, size_t msgsz);

#endif
