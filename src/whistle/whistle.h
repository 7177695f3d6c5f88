/* whistle.h: varsling (whistleblowing) cases, routed by the municipality's
 * four procedures (seeds/004, Vestby's varslingsreglement) and confidential
 * by construction (src/vault/vault.h, docs/SECURITY.md).
 *
 * What is stored in clear: the case number, procedure, state, dates,
 * reporter category, flags (anonymous, on behalf of others, account or not),
 * outcome code, archive reference and exemption basis, and who handles it.
 * Everything a person wrote or that identifies a person (what, why, when,
 * where, involved, the accused, the reporter's identity, messages, the
 * handlers' dated steps, report and conclusion) is encrypted under the case
 * key. No plaintext of a case ever reaches a log, the audit detail, a
 * notification text or an e-mail.
 *
 * Strings in results live in ctx->arena. Functions that change data run in
 * the caller's transaction when one is open, else their own; on error they
 * change nothing. Every read of a case's content is audited
 * ("whistle_read"). Access is decided in authz/ (AZ_WB_*): these functions
 * also refuse (WB_ERR_NOTFOUND) anyone who is not a current handler, the
 * case's own reporter, or its receipt session, so that a mistake in a
 * handler cannot leak a case. */
#ifndef ORDEN_WHISTLE_H
#define ORDEN_WHISTLE_H

#include <stddef.h>
#include <stdint.h>

#include "util/upload.h"
#include "vault/vault.h"

struct ctx;
struct org_wb_hold;

#define WB_ERR_INVALID	-20	/* bad input; *err_field names it */
#define WB_ERR_STATE	-21	/* not allowed in this state (409) */
#define WB_ERR_NOTFOUND	-22	/* no such case for this person (404) */
#define WB_ERR_LOCKED	-23	/* this person's key cannot open it (yet): declare
				   impartiality first, or the case key was not
				   sealed to them (403 with an explanation) */
#define WB_ERR_NOHANDLER -24	/* nobody to route it to: configure roles */
#define WB_ERR_THROTTLED -26	/* too many searches: wait *retry_after */

enum wb_concerns { WB_CONCERNS_EMPLOYEE, WB_CONCERNS_CHIEF_EXECUTIVE, WB_CONCERNS_ELECTED, WB_CONCERNS_MAX };
enum wb_state {
	WB_RECEIVED, WB_ACKNOWLEDGED, WB_INVESTIGATING, WB_CONCLUDED, WB_CLOSED,
	WB_NOT_WHISTLEBLOWING, WB_STATE_MAX
};
/* Who may report (the exhaustive list, AML § 2 A-1 and § 1-6); OTHER is
 * registered as "not a whistleblowing case" with a reason. */
enum wb_reporter {
	WB_REP_EMPLOYEE, WB_REP_HIRED, WB_REP_ELECTED, WB_REP_STUDENT, WB_REP_PATIENT,
	WB_REP_TRAINEE, WB_REP_CONSCRIPT, WB_REP_OTHER, WB_REP_MAX
};
/* "employee", "chief_executive", "elected"; "received", "acknowledged",
 * "investigating", "concluded", "closed", "not_whistleblowing"; "employee",
 * "hired", "elected", "student", "patient", "trainee", "conscript", "other". */
const char	*wb_concerns_name(enum wb_concerns);
int		 wb_concerns_parse(const char *, enum wb_concerns *);
const char	*wb_state_name(enum wb_state);
int		 wb_state_parse(const char *, enum wb_state *);
const char	*wb_reporter_name(enum wb_reporter);
int		 wb_reporter_parse(const char *, enum wb_reporter *);

/* A file of evidence going in (borrowed; name already cleaned by http/ or
 * cleaned here). */
struct wb_attachment {
	const char		*name, *content_type;
	const unsigned char	*data;
	size_t			 len;
};
/* The limits every upload shares (util/upload.h). */
#define WB_ATTACH_MAX	UPLOAD_FILES_MAX	/* files per report (or per action) */
#define WB_ATTACH_BYTES	UPLOAD_BYTES_MAX	/* their bytes together */
#define WB_ATTACH_NAME_MAX	UPLOAD_NAME_MAX	/* bytes of a cleaned file name */

/* The intake. Text fields are encrypted before they reach the store. */
struct wb_report {
	enum wb_concerns concerns;
	enum wb_reporter reporter_category;
	int64_t		 accused_id;		/* picked from whistle_people_search, or 0 */
	const char	*accused_login;		/* a person of the tenant, or NULL; an
						   unknown one is taken like a name that
						   matches nobody (no oracle) */
	const char	*accused_name;		/* free text, matched against names */
	const char	*accused_party;		/* concerns elected: the accused's party,
						   one of whistle_parties (any case);
						   required unless accused_id is given,
						   since the party decides who receives
						   it (seeds/004 vedlegg 3 and 4) */
	int		 about_nearest_leader;	/* procedure 1: the accused is my nearest leader */
	const char	*direct_to;		/* NULL, "hr" or "finance" (procedure 1) */
	const char	*direct_reason;		/* required with direct_to */
	int64_t		 unit_id;		/* reporter's unit when there is no account; 0: unknown */
	int		 anonymous;
	int		 on_behalf_of_others;
	int		 meant_as_whistleblowing;	/* the reporter says it is meant as varsling */
	const char	*what;			/* required */
	const char	*why_censurable;	/* required */
	const char	*when;			/* free text ("mars 2026", a date) */
	const char	*where;
	const char	*involved;		/* who was involved or saw it */
	const char	*reporter_name;		/* when not anonymous and without account */
	const char	*reporter_contact;	/* idem (e-mail or phone) */
	int		 oral;			/* registered by a handler from an oral report */
	/* Evidence (whistle_attach_*): at most WB_ATTACH_MAX files, at most
	 * WB_ATTACH_BYTES together; encrypted like the rest. */
	const struct wb_attachment *attachments;
	size_t		 nattachments;
};

struct wb_receipt {
	char	number[32];			/* VA-2026-0007 */
	char	code[VAULT_RECEIPT_MAX];	/* receipt code, "" when the reporter has an account */
	int64_t	id;
	int	procedure;			/* 1..4, as routed */
};

/* Take a report. ctx->user (logged in, not oral) is the reporter: routing
 * never makes them a handler, also when the report is anonymous; then
 * nothing links the case to them (no id, no unit, no actor anywhere) but a
 * tag only the case key can test, so later routing skips them too. The
 * accused is resolved by wb_accused_resolve; a name that matches nobody
 * (or several) leaves the case "accused not confirmed". The reporter's unit
 * is stored only when the reporter entered it. Not anonymous, the reporter
 * has an account: the case key is sealed to their public key and a blind tag
 * lets "mine" find it; otherwise (anonymous, no account, or oral) a receipt
 * code is made and shown once (out->code). Routes it (whistle_route), seals
 * the case key to every handler with a keypair and to the tenant's recovery
 * key (required: WB_ERR_NOHANDLER-like failure -25 when the tenant has no
 * recovery key), sets deadlines (ack: tenant setting, default 7 days;
 * feedback: 3 months), notifies handlers ("Ny varselsak VA-2026-0007", no
 * content), commits. reporter_category OTHER -> state not_whistleblowing
 * with the reason recorded. */
#define WB_ERR_NORECOVERY -25
int	whistle_report(struct ctx *, const struct wb_report *, struct wb_receipt *out,
	    const char **err_field);

/* The parties Orden knows: those of the active elected officials and
 * group leaders, each once (compared without case), sorted; in the arena.
 * What a report about an elected official may name as the accused's party
 * (accused_party). 0 or a DB_* error. */
int	whistle_parties(struct ctx *, const char ***out, size_t *n);

/* --- routing (exposed for tests and for the routing matrix) ---------------- */
struct wb_route {
	int		 procedure;	/* 1..4 */
	int64_t		*handlers;	/* person ids (arena) */
	const char	**basis;	/* per handler: "nearest_leader", "leader_above", "hr_head",
					   "finance_head", "mayor", "opposition_leader", "chief_executive",
					   "formannskap", "group_leader", "party_group" */
	size_t		 n;
	int64_t		*excluded;	/* never handlers: the accused, excluded party members */
	size_t		 nexcluded;
	int64_t		 accused_id;	/* the person it concerns, 0: unknown */
	int		 unconfirmed;	/* someone was named, but no single person matched */
};
/* Who handles a report (no side effects). reporter_id 0 = no account.
 * Rules: 1 colleague -> nearest leader of the reporter's unit (nearest unit
 * upwards with a leader); the leader above when the accused is that leader;
 * direct_to hr/finance -> hr_head/finance_head. 2 chief executive -> mayor
 * and opposition_leader. 3 elected, reporter not elected -> nearest leader
 * and chief_executive. 4 elected, reporter elected -> group_leader of the
 * accused's party (the confirmed accused's, else accused_party); the
 * party's elected members if the accused is (or could be, or is named
 * "gruppeleder") the group leader, or when the party's only group leader
 * is the reporter. Procedure 3 keeps formannskap members of that party
 * out too. A report about an elected official with neither a confirmed
 * accused with a party nor accused_party is WB_ERR_INVALID (the field
 * "accused_party"): the procedure has no receiver without it, and the
 * administration must not get it instead. The accused is never a handler, nor anyone holding admin; nor, later, members of the
 * accused's party in formannskap (procedure 3). Fallback when a rule finds
 * nobody: hr_head, then chief_executive (never the accused). */
int	whistle_route(struct ctx *, const struct wb_report *, int64_t reporter_id,
	    struct wb_route *out);

/* --- what handlers and reporters see --------------------------------------- */
struct wb_case {
	int64_t		 id;
	const char	*number;
	int		 procedure;
	enum wb_state	 state;
	enum wb_reporter reporter_category;
	int		 anonymous, on_behalf_of_others, has_account, oral, meant_as_whistleblowing;
	int64_t		 received_at, ack_due_at, feedback_due_at, acknowledged_at, closed_at;
	const char	*outcome;		/* NULL, "substantiated", "partly", "not_substantiated",
						   "not_whistleblowing" */
	const char	*archive_ref, *exemption_basis;
	int		 council_required;	/* procedure 2: decisions for the council */
	int		 accused_heard;		/* kontradiksjon recorded */
	int		 my_impartiality;	/* 1 declared impartial, 0 not yet (handler view) */
	int		 accused_unconfirmed;	/* whistle_case_open: the name given matched
						   no single person (content's record) */
	/* Decrypted content: NULL unless opened. */
	const struct wb_report *content;
};
struct wb_handler {
	int64_t		 person_id;
	const char	*name, *basis;
	int64_t		 impartial_at;		/* 0: not declared */
	int		 sealed;		/* the case key is sealed to them */
};

/* Cases ctx->user currently handles (not recused), newest first. Metadata
 * only. All of them: for a list shown to someone, page it instead. */
int	whistle_cases_mine(struct ctx *, struct wb_case **out, size_t *n);
/* One page of the same list, by keyset (received, id), never skipping or
 * repeating a case when others arrive between pages: up to limit cases
 * after the cursor `after` (NULL or "": from the newest). next gets the
 * cursor of the following page, or "" when this is the last. 0, or
 * WB_ERR_INVALID for a cursor that is not one of ours. */
#define WB_CURSOR_MAX	48	/* CURSOR_MAX of util/cursor.h */
#define WB_PAGE_DEFAULT	100
#define WB_PAGE_MAX	500
int	whistle_cases_page(struct ctx *, const char *after, size_t limit,
	    struct wb_case **out, size_t *n, char next[WB_CURSOR_MAX]);
/* Metadata of one case for a current handler (WB_ERR_NOTFOUND otherwise). */
int	whistle_case_get(struct ctx *, int64_t id, struct wb_case *out);
int	whistle_case_handlers(struct ctx *, int64_t id, struct wb_handler **out, size_t *n);
/* Who the case concerns, for a current handler before (or after) they
 * declare impartiality: the name only (arena), so that they can judge
 * their own impartiality; *confirmed 0 when the reporter's words matched
 * no single person ("accused not confirmed"), 1 when it is a person of the
 * tenant or nobody was named (*name NULL). Needs their key; audited. */
int	whistle_case_concerns(struct ctx *, int64_t id, const unsigned char sk[VAULT_SK],
	    const char **name, int *confirmed);

/* Search the tenant's active people and elected officials for the public
 * report form: q at least WB_SEARCH_MIN characters (WB_ERR_INVALID), at
 * most WB_SEARCH_MAX hits (name, unit name or party: no login, no e-mail),
 * and WB_SEARCH_BUDGET searches per client (ctx->user, else
 * ctx->remote_addr; kept only in memory as a keyed hash) per 10 minutes (WB_ERR_THROTTLED and
 * *retry_after). Case and diacritics do not matter ("saether" finds
 * Sæther); q matches the start of a word of the name. */
#define WB_SEARCH_MIN		3
#define WB_SEARCH_MAX		10
#define WB_SEARCH_BUDGET	30
struct wb_person_hit {
	int64_t		 id;
	const char	*name, *unit, *party;	/* unit or party may be NULL */
};
int	whistle_people_search(struct ctx *, const char *q,
	    struct wb_person_hit **out, size_t *n, int64_t *retry_after);

/* Open the content for a handler: needs their secret key (sk, from their
 * session) and a declaration of impartiality (WB_ERR_LOCKED before it).
 * Seals the case key to co-handlers who have a keypair but no sealed copy
 * yet. Audited. */
int	whistle_case_open(struct ctx *, int64_t id, const unsigned char sk[VAULT_SK],
	    struct wb_case *out);

/* --- handling --------------------------------------------------------------- */
enum wb_action {
	WA_DECLARE_IMPARTIAL,	/* I am impartial (habil): opens the content to me */
	WA_RECUSE,		/* I am not (inhabil): I leave the case; reason; routed on */
	WA_ACKNOWLEDGE,		/* received -> acknowledged; the reporter gets a receipt message */
	WA_NOT_WHISTLEBLOWING,	/* received|acknowledged -> not_whistleblowing; reason */
	WA_INVESTIGATE,		/* acknowledged -> investigating */
	WA_LOG_STEP,		/* investigating: a dated step, kind "investigation" or "care" */
	WA_ACCUSED_HEARD,	/* investigating: the accused's statement (kontradiksjon) */
	WA_DECIDE,		/* procedure 2: decision "administrative" | "personal_conduct"; council_required */
	WA_FORWARD,		/* procedure 3: to formannskap, excluding the accused's party */
	WA_CONCLUDE,		/* investigating -> concluded; report, conclusion, outcome;
				   refused (WB_ERR_STATE) until the accused was heard */
	WA_ARCHIVE,		/* concluded: archive_ref, exemption basis
				   (default "Offl. § 13 jf. fvl. § 13") */
	WA_CLOSE,		/* concluded (archived) -> closed; reporter told "closed", never more */
	WA_MESSAGE,		/* to the reporter (not when on_behalf_of_others beyond the closing notice) */
	WA_SET_ACCUSED,		/* set or correct who the case concerns: person_id, or
				   accused_name matched like at intake; recusal runs
				   at once (handlers now excluded leave, their key
				   copies wiped, the case routed on), audited */
	WA_ADD_COHANDLER,	/* procedure 1: involve HR (person_id holding hr or
				   hr_head) as co-handler; reason; sealed like any
				   handler, declares impartiality like any */
	WA_REMOVE_COHANDLER,	/* procedure 1: a co-handler leaves; reason */
	WA_MAX
};
const char	*wb_action_name(enum wb_action);
int		 wb_action_parse(const char *, enum wb_action *);

struct wb_action_input {
	enum wb_action	 action;
	const char	*reason;
	const char	*kind;		/* log_step: "investigation" | "care" */
	int64_t		 step_at;	/* log_step: when it was done; 0 = now */
	const char	*text;		/* log_step, accused_heard, message */
	const char	*report, *conclusion, *outcome;	/* conclude */
	const char	*decision;	/* decide */
	int		 council_required;
	const char	*archive_ref, *exemption_basis;	/* archive */
	int64_t		 person_id;	/* set_accused, add/remove_cohandler */
	const char	*accused_name;	/* set_accused without person_id */
};
/* Act as a current handler. Actions that write content need sk (to get the
 * case key); DECLARE_IMPARTIAL and RECUSE do not. */
int	whistle_act(struct ctx *, int64_t id, const unsigned char sk[VAULT_SK],
	    const struct wb_action_input *, const char **err_field);

/* The people WA_ADD_COHANDLER would accept for case id, by id, in the
 * arena: what the handler's form offers (not the whole staff, of whom it
 * refuses all but HR). Needs sk and a declaration, like the content.
 * 0 or a WB_ERR_* / DB_* error. */
int	whistle_cohandler_choices(struct ctx *, int64_t id,
	    const unsigned char sk[VAULT_SK], int64_t **ids, size_t *n);

/* The case's dated log (decrypted; handlers only, needs sk). */
struct wb_event {
	int64_t		 at, actor_id;
	const char	*actor_name, *type, *text;
};
int	whistle_events(struct ctx *, int64_t id, const unsigned char sk[VAULT_SK],
	    struct wb_event **out, size_t *n);

/* --- the reporter's side ------------------------------------------------------ */
/* Receipt-code login: throttled per address and per handle (auth throttle);
 * on success a receipt session cookie value (token_out, shown to no one
 * else; only its hash is stored, with the case key wrapped under it).
 * -1 wrong code (one answer for every kind of wrong), -2 throttled
 * (*retry_after). */
int	whistle_receipt_login(struct ctx *, const char *code, char token_out[64],
	    int64_t *retry_after);
/* Resume a receipt session from its cookie value: sets *case_id and the
 * case key. -1 when unknown or expired (idle 30 min, absolute 4 h). */
int	whistle_receipt_resume(struct ctx *, const char *token, int64_t *case_id,
	    unsigned char key[VAULT_KEY]);
int	whistle_receipt_logout(struct ctx *, const char *token);

/* A reporter's view: their own report, the state as the reporter may know
 * it (received / acknowledged / in progress / closed: never outcome or
 * consequences), and the messages both ways. Either by receipt (case_id +
 * key) or by account (ctx->user + sk; finds their cases by blind tag). */
struct wb_message {
	int64_t		 at;
	int		 from_reporter;
	const char	*text;
};
struct wb_reporter_view {
	int64_t			 id;
	const char		*number;
	const char		*state;		/* "received", "acknowledged", "in_progress", "closed" */
	int64_t			 received_at;
	const struct wb_report	*content;
	struct wb_message	*messages;
	size_t			 nmessages;
};
int	whistle_reporter_cases(struct ctx *, const unsigned char sk[VAULT_SK],
	    struct wb_reporter_view **out, size_t *n);
int	whistle_reporter_view(struct ctx *, int64_t case_id, const unsigned char key[VAULT_KEY],
	    struct wb_reporter_view *out);
/* The reporter answers (by receipt key or by account). */
int	whistle_reporter_message(struct ctx *, int64_t case_id, const unsigned char key[VAULT_KEY],
	    const char *text);
/* The case key for a logged-in reporter's own case (sealed to their key). */
int	whistle_reporter_key(struct ctx *, int64_t case_id, const unsigned char sk[VAULT_SK],
	    unsigned char key[VAULT_KEY]);

/* --- deadlines and statistics ------------------------------------------------ */
/* Reminders to handlers before the acknowledgement and feedback deadlines,
 * and when overdue; once each. Returns notifications made or negative. */
int	whistle_tick(struct ctx *);

/* Counts for chief_safety_rep, hr, AMU, the chief executive and quality
 * (AZ_WB_STATS): by procedure, reporter category, state, outcome, for one
 * year (0: all). No text, no identity. A count of 1 or 2 is returned as
 * WB_STAT_SMALL, to be shown as "<3"; a count hidden so that a small one
 * cannot be worked out from the total (secondary suppression) as
 * WB_STAT_HIDDEN. A total of 1 or 2 is WB_STAT_SMALL. */
#define WB_STAT_SMALL	(-1)
#define WB_STAT_HIDDEN	(-2)
struct wb_stat_cell { const char *dimension, *key; int64_t count; };
int	whistle_stats(struct ctx *, int year, struct wb_stat_cell **out, size_t *n,
	    int64_t *total);

/* The chief safety representative's view of routing (AZ_WB_ROUTING;
 * WB_ERR_NOTFOUND for anyone else): who holds a role that routes cases
 * (leaders left out: every unit has them), whether they also hold admin
 * (then they never handle), and each grant or revocation of such a role
 * from the audit log, newest first: when, by whom (NULL: the operator's
 * CLI), and the detail "login=... role=...". Arena. */
struct wb_routing_holder { const char *name, *role; int admin; };
struct wb_routing_grant { int64_t at; const char *actor, *detail; int granted; };
int	whistle_routing_view(struct ctx *, struct wb_routing_holder **, size_t *nh,
	    struct wb_routing_grant **, size_t *ng);
/* The offices procedure 2 gives one person (mayor, opposition leader,
 * chief executive) that more than one active person holds, each with the
 * holders' names (arena). Routing cannot tell which holder is the real
 * one, so every holder receives such cases (none is dropped on a guess);
 * this is how the one who must correct the roles learns of it: the
 * routing page and `orden check whistle`. For a signed-in person only
 * with AZ_WB_ROUTING (WB_ERR_NOTFOUND otherwise); the operator's CLI has
 * nobody signed in. 0 or an error. */
struct wb_office_shared { const char *role; const char **names; size_t n; };
int	whistle_offices_shared(struct ctx *, struct wb_office_shared **out,
	    size_t *n);
/* Accounts on the whistleblowing hold (a password reset by someone else,
 * org/hold.c), for the same reader (AZ_WB_ROUTING). Arena. */
int	whistle_holds(struct ctx *, struct org_wb_hold **out, size_t *n);
/* Lift the hold of person_id: the person has the account back. Only a
 * holder of AZ_WB_ROUTING who is neither the person nor whoever reset the
 * password (authz_wb_hold_release_ok). 0 and audited; WB_ERR_NOTFOUND
 * when the reader may not see routing; WB_ERR_STATE when the person is on
 * no hold; ORG_ERR_FORBIDDEN when this reader may not lift this hold. */
int	whistle_hold_release(struct ctx *, int64_t person_id);

/* The tenant's deadlines: days to acknowledge receipt (default 7), and how
 * many days before the acknowledgement and the 3-month feedback deadline
 * handlers are reminded (2 and 14). set: each value 1..90 (reminders
 * 0..90), audited; WB_ERR_INVALID otherwise. */
struct wb_deadlines { int ack_days, remind_ack_days, remind_feedback_days; };
int	whistle_deadlines_get(struct ctx *, struct wb_deadlines *out);
int	whistle_deadlines_set(struct ctx *, const struct wb_deadlines *);

/* --- evidence ------------------------------------------------------------------ */
/* A stored attachment. Name, content type, size and bytes are all
 * encrypted under the case key (bound to case and attachment id); in clear
 * are only id, case and created_at. Strings and data in ctx->arena. */
struct wb_attachment_info {
	int64_t		 id;
	const char	*name, *content_type;
	int64_t		 size, created_at;
	int		 from_reporter;		/* 1 sent with the report */
	const unsigned char *data;		/* whistle_attachment_get only */
};
/* The case's attachments without their bytes, for a current handler who
 * declared impartiality (WB_ERR_LOCKED before; WB_ERR_NOTFOUND for anyone
 * else). Audited ("whistle_read"). */
int	whistle_attachments(struct ctx *, int64_t case_id, const unsigned char sk[VAULT_SK],
	    struct wb_attachment_info **out, size_t *n);
/* One attachment with its decrypted bytes (same access as above; audited).
 * WB_ERR_NOTFOUND when it is not an attachment of this case. */
int	whistle_attachment_get(struct ctx *, int64_t case_id, int64_t att_id,
	    const unsigned char sk[VAULT_SK], struct wb_attachment_info *out);
/* The reporter's side: the names (and sizes) of what they sent, by the
 * case key (receipt or account). No bytes. Audited as a reporter read. */
int	whistle_reporter_attachments(struct ctx *, int64_t case_id,
	    const unsigned char key[VAULT_KEY], struct wb_attachment_info **out, size_t *n);
/* A handler adds evidence to a case (impartial, with sk): at most
 * WB_ATTACH_MAX files and WB_ATTACH_BYTES per call, 100 files in a case.
 * WB_ERR_INVALID (err_field "evidence") over the limits. Logged as an
 * event without a name. */
int	whistle_attach(struct ctx *, int64_t case_id, const unsigned char sk[VAULT_SK],
	    const struct wb_attachment *, size_t n, const char **err_field);

/* Operator recovery (orden whistle reseal): with the tenant's recovery
 * secret, seal every case key to each current handler that has a keypair
 * but no sealed copy (after a password reset), finish recusals waiting to
 * be routed on, and route on every open case left with no active handler
 * (made before a last handler's deactivation was refused; see
 * whistle_unhandled) as a recusal would. Returns how many key copies and
 * new handlers were given. */
int	whistle_reseal(struct ctx *, const unsigned char recovery_sk[VAULT_SK]);
/* The person's keypair is gone (vault_person_forget): mark every case key
 * sealed to it missing (NULL), which is what opening a case as a
 * co-handler and `orden whistle reseal` look for; left in place they would
 * look present and the person would stay locked out for good. 0 or a
 * DB_* error. */
int	whistle_forget_sealed(struct ctx *, int64_t person_id);

/* The numbers (arena) of the open cases (not closed, not "not
 * whistleblowing") with no current handler who is an active person:
 * nobody can open them, and the reporter waits in vain. For the operator
 * (`orden check whistle`): numbers only, nothing of a case's content or
 * reporter. 0 or a DB_* error. */
int	whistle_unhandled(struct ctx *, const char ***numbers, size_t *n);

/* What a face may offer (rights.c): register an oral report, read the
 * statistics, see who receives cases. 1 or 0; nobody signed in has none. */
enum wb_right { WB_RIGHT_REGISTER_ORAL, WB_RIGHT_STATS, WB_RIGHT_ROUTING };
int	whistle_right(struct ctx *, enum wb_right);
/* 1 when ctx->user is one of case_id's current handlers (who alone may
 * know the case exists), else 0. */
int	whistle_case_right(struct ctx *, int64_t case_id);

#endif
