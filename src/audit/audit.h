/* audit.h: the append-only, hash-chained audit log.
 *
 * Each row carries seq (1, 2, ... per tenant) and
 *   hash = BLAKE2b-256(prev_hash || canonical(tenant, seq, at, actor, action,
 *                      object_type, object_id, detail))
 * and the tenant row keeps the head (last seq and hash), so editing,
 * deleting or truncating any row breaks the chain where it happened. */
#ifndef ORDEN_AUDIT_H
#define ORDEN_AUDIT_H

#include <stddef.h>
#include <stdint.h>

struct ctx;
struct dbconn;

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

/* The newest events of the tenant, newest first, at most max, with the
 * actor's name (NULL for the system) in the arena. 0 or negative. */
struct audit_entry {
	int64_t		 seq, at, object_id;
	int		 has_object, has_actor;
	int		 wb;	/* about a whistleblowing case: no actor, no detail */
	const char	*actor, *action, *object_type, *detail;
};
int	audit_latest(struct ctx *, size_t max, struct audit_entry **out,
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

#endif
