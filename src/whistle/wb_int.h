/* wb_int.h: what the files of src/whistle/ share. Not a public face:
 * other modules use whistle.h (and authz/ uses wb_authz.h).
 *
 * The content of a case (struct wb_content) is one JSON document encrypted
 * under the case key with associated data "orden:whistle:<id>:content";
 * events, messages and reasons are each encrypted with their own field
 * name in the associated data, so no ciphertext can be moved to another
 * case or field without failing authentication. */
#ifndef ORDEN_WB_INT_H
#define ORDEN_WB_INT_H

#include <stddef.h>
#include <stdint.h>

#include "org/org.h"
#include "util/buf.h"
#include "store/store_tx.h"
#include "util/text.h"	/* text_blank: every handler field is checked with it */
#include "whistle/whistle.h"

struct ctx;

/* Limits, in bytes, before anything is encrypted or stored. */
#define WB_TEXT_MAX	20000	/* what, why, involved, messages, steps, report */
#define WB_SHORT_MAX	1000	/* when, where, names, contact, reasons, refs */
#define WB_DEPTH_MAX	64	/* unit walks; also stops a corrupt cycle */
#define WB_DAY		86400
/* Ciphertext of the content is padded to a multiple of this, so its length
 * tells little about how much was written. */
#define WB_PAD		512
/* Receipt sessions: idle and absolute lifetime. */
#define WB_RECEIPT_IDLE		(30 * 60)
#define WB_RECEIPT_ABSOLUTE	(4 * 60 * 60)

/* What the reporter (or the registering handler) wrote, plus the facts
 * routing found that must stay secret: who is accused and who is
 * excluded. Lives only encrypted at rest. */
struct wb_content {
	struct wb_report r;
	int64_t		 accused_id;	/* 0: not a person of the tenant */
	int64_t		 reporter_id;	/* account reporter (not anonymous); 0 otherwise */
	const char	*reporter_login;
	int64_t		*excluded;	/* never handlers (accused, implied accused, party) */
	size_t		 nexcluded;
	int		 unconfirmed;	/* a name was given that matched no single person */
	/* An anonymous (or oral) reporter who was signed in: a keyed hash of
	 * their person id under the case key (wb_reporter_tag), so that later
	 * routing can skip them without their id being stored anywhere. */
	unsigned char	 rtag[32];
	int		 has_rtag;
};

/* A growable list of people with the basis they were chosen on. */
struct wb_list {
	int64_t		*v;
	const char	**basis;
	size_t		 n, cap;
	/* A skip list may also skip the person whose tag (wb_reporter_tag
	 * under tag_key) is rtag. */
	const unsigned char *tag_key;
	const unsigned char *rtag;
};
int	wb_list_add(struct ctx *, struct wb_list *, int64_t id, const char *basis);
int	wb_list_has(const struct wb_list *, int64_t id);

/* The reporter tag: BLAKE2b keyed by the case key over a fixed label and
 * the person id. */
int	wb_reporter_tag(const unsigned char key[VAULT_KEY], int64_t person_id,
	    unsigned char out[32]);

/* Who the report is about (accused.c): the picked id, else the login,
 * else a unique match of the name among active people; *accused_id 0 when
 * none. *named: the reporter named someone at all. */
int	wb_accused_resolve(struct ctx *, const struct wb_report *, int64_t *accused_id,
	    int *named);
/* Everyone a typed name could be (accused.c), added to out: each active
 * person whose name has every word of the text (a one-letter word: as an
 * initial), or whose whole name of two or more words is in the text
 * ("rektor Bjørn Sæther", "Sæther", "B. Sæther"). For keeping people out
 * of handling a case whose accused is not confirmed: a wrong guess only
 * sends the case one step further. Each is added as wb_exclude_for adds
 * an accused for procedure (3: their party's formannskap members too;
 * 0: only them). 0 or a DB_* error. */
int	wb_accused_possible(struct ctx *, int procedure, const char *name,
	    struct wb_list *out);
/* A name folded for matching (arena): lower case ASCII, Latin-1 letters
 * without diacritics (æ -> ae, ø -> o, å and aa -> a), one space between
 * words. NULL on allocation failure. */
char	*wb_name_fold(struct ctx *, const char *);
/* Add to excluded whoever the procedure excludes for this accused: the
 * accused; in procedure 3 the formannskap members of their party. */
int	wb_exclude_for(struct ctx *, int procedure, int64_t accused_id,
	    struct wb_list *excluded);
/* Whether person may never handle a case nor get a key copy: an admin
 * anywhere, or an account on the hold after someone else reset its
 * password (org/hold.c). 1, 0 or negative. */
int	wb_barred(struct ctx *, int64_t person_id);

/* Active holders of a role (unit_id < 0: any grant; else exactly that
 * unit), with their party (arena). */
int	wb_role_holders(struct ctx *, enum role, int64_t unit_id,
	    int64_t **ids, const char ***party, size_t *n);
/* The party of a person (arena) or NULL. */
const char *wb_person_party(struct ctx *, int64_t person_id);

/* Whether party is one of whistle_parties (compared without case): 1 with
 * *canon its spelling there (arena), 0 when not or blank, or a DB_* error. */
int	wb_party_known(struct ctx *, const char *party, const char **canon);

/* Routing pieces the actions reuse after intake. skip: people never to add
 * (excluded, reporter, current and former handlers). Each adds to out and
 * returns how many it added. wb_add_role: holders of role, only those of
 * only_party when given, none of not_party when given. */
int	wb_add_fallback(struct ctx *, const struct wb_list *skip, struct wb_list *out);
int	wb_add_role(struct ctx *, enum role, const char *basis,
	    const struct wb_list *skip, const char *only_party, const char *not_party,
	    struct wb_list *out);

/* The settings of the tenant (defaults when it has no row). */
struct wb_settings { int ack_days, remind_ack_days, remind_feedback_days; };
int	wb_settings_get(struct ctx *, struct wb_settings *);
int64_t	wb_add_months(int64_t t, int months);

/* Case metadata without any access check (callers check). */
int	wb_case_load(struct ctx *, int64_t id, struct wb_case *out);
int	wb_state_code(const char *);	/* wb_state from its name, -1 */

/* Encrypt text under the case key for case_id/field into out (caller frees
 * the buf). Decrypt a stored blob into the arena; -1 forged or wrong key. */
int	wb_encrypt(const unsigned char key[VAULT_KEY], int64_t case_id,
	    const char *field, const char *text, struct buf *out);
int	wb_decrypt(struct ctx *, const unsigned char key[VAULT_KEY], int64_t case_id,
	    const char *field, const void *blob, size_t len, char **text);

/* Content as padded JSON, encrypted (out: caller frees); and back. */
int	wb_content_seal(struct ctx *, const unsigned char key[VAULT_KEY], int64_t case_id,
	    const struct wb_content *, struct buf *out);
int	wb_content_open(struct ctx *, const unsigned char key[VAULT_KEY], int64_t case_id,
	    struct wb_content *out);
/* Is person in the content's never-a-handler set (accused, excluded)? */
int	wb_content_excludes(const struct wb_content *, int64_t person_id);
/* The skip list for adding handlers later: excluded, accused, account
 * reporter, and everyone who handles or handled the case. */
int	wb_skip_list(struct ctx *, int64_t case_id, const struct wb_content *,
	    const unsigned char *key, struct wb_list *skip);
/* Whom add_cohandler accepts (act.c): the holders of hr and hr_head who
 * are not on the case's skip list (the accused, the excluded, the
 * reporter, a handler now or before), in hr (the arena). 0 or an error. */
int	wb_cohandler_pool(struct ctx *, int64_t case_id, const struct wb_content *,
	    const unsigned char *key, struct wb_list *hr);

/* The case key through ctx->user's sealed copy and sk. WB_ERR_LOCKED when
 * there is no copy for them or it does not open. */
int	wb_handler_key(struct ctx *, int64_t case_id, const unsigned char sk[VAULT_SK],
	    unsigned char key[VAULT_KEY]);
/* Add a handler (sealing key to them when key is given and they have a
 * keypair). 1 added, 0 already there (or recused: never re-added), or
 * holding admin (never a handler). */
int	wb_handler_add(struct ctx *, int64_t case_id, int64_t person_id,
	    const char *basis, const unsigned char *key);
/* Seal the key to every current handler that lacks a copy and has a
 * keypair now. Returns how many, or negative. */
int	wb_seal_missing(struct ctx *, int64_t case_id, const unsigned char key[VAULT_KEY]);
/* Finish a pending recusal (reroute = 1) now that the key is at hand. */
int	wb_reroute(struct ctx *, int64_t case_id, const unsigned char key[VAULT_KEY]);
/* Give a case with no active handler left new receivers, whether or not
 * a recusal waits: procedure 1-3 through the procedure again as a new
 * report of it would be routed, procedure 4 the party's group leader or
 * party group; the fallback only when that gives nobody. The accused and
 * the excluded stay out. How many were added, or negative. */
int	wb_route_on(struct ctx *, int64_t case_id, const unsigned char key[VAULT_KEY]);
/* The ids of the open cases with no current handler who is an active
 * person (sole.c), oldest first, with their numbers (arena). 0 or a DB_*
 * error. */
int	wb_unhandled(struct ctx *, int64_t **ids, const char ***numbers, size_t *n);

/* Log an event (body encrypted when text is given and key is not NULL),
 * as ctx->user; _as names the actor explicitly (0: nobody, as for a
 * reporter, who is never named). */
int	wb_event_add(struct ctx *, int64_t case_id, int64_t at, const char *type,
	    const unsigned char *key, const char *text);
int	wb_event_add_as(struct ctx *, int64_t actor_id, int64_t case_id, int64_t at,
	    const char *type, const unsigned char *key, const char *text);
/* Replace the case's encrypted content (after set_accused). */
int	wb_content_store(struct ctx *, const unsigned char key[VAULT_KEY], int64_t case_id,
	    const struct wb_content *);
/* Take a handler off the case now (recused_at set, key copy wiped). */
int	wb_handler_remove(struct ctx *, int64_t case_id, int64_t person_id);
/* set_accused, add/remove_cohandler (accused.c / cohandler in act.c). */
int	wb_set_accused(struct ctx *, int64_t case_id, const struct wb_case *meta,
	    struct wb_content *c, const unsigned char key[VAULT_KEY],
	    int64_t person_id, const char *name, const char **err);
/* A message to or from the reporter (encrypted). */
int	wb_message_add(struct ctx *, int64_t case_id, int from_reporter,
	    const unsigned char key[VAULT_KEY], const char *text);
/* Notify people (kind "whistle"); the text carries the number only. */
int	wb_notify(struct ctx *, int64_t person_id, const char *text);
/* Every current handler of the case, whoever acts (its callers are the
 * reporter and the system). Number told, or negative. */
int	wb_notify_handlers(struct ctx *, int64_t case_id, const char *text);
/* The person ids (column 0) that sql ($1 tenant, $2 case_id) yields, the
 * first max of them, into ids. 0 or a DB_* error. */
int	wb_case_ids(struct ctx *, const char *sql, int64_t case_id,
	    int64_t *ids, size_t max, size_t *n);

/* Check a set of attachments against the limits (count, total bytes,
 * non-empty name); WB_ERR_INVALID otherwise. */
int	wb_attach_check(const struct wb_attachment *, size_t n);
/* Store attachments encrypted under key, in the caller's transaction. */
int	wb_attach_store(struct ctx *, const unsigned char key[VAULT_KEY], int64_t case_id,
	    int from_reporter, const struct wb_attachment *, size_t n);

/* Audit a read of content. Reporter reads are recorded as the system
 * (actor NULL): the audit log is readable by admins and quality, and an
 * actor there would name the reporter. */
int	wb_audit_read(struct ctx *, int64_t case_id, int as_reporter);

#endif
