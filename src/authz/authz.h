/* authz.h: the one access policy. Every "may this user do X to Y" in Orden
 * is answered here and nowhere else; handlers ask, they never decide.
 * Later modules (deviation/, whistle/, ...) add their actions to the enum
 * and their rules to policy.c. */
#ifndef ORDEN_AUTHZ_H
#define ORDEN_AUTHZ_H

#include <stddef.h>
#include <stdint.h>

struct ctx;

enum az_action {
	AZ_HOME_VIEW,		/* any logged-in person */
	AZ_ORG_VIEW,		/* see the unit tree and the people list */
	AZ_ORG_MANAGE,		/* create/update units and people */
	AZ_ROLES_MANAGE,	/* grant/revoke roles */
	AZ_PERSON_VIEW,		/* see one person's details (object: person's unit) */
	AZ_AUDIT_VIEW,		/* read the audit log */
	AZ_ADMIN_VIEW,		/* the admin pages at all */
	/* deviations (avvik) and improvement proposals */
	AZ_DEV_REPORT,		/* report one: every active person */
	AZ_DEV_VIEW,		/* see one (authz_dev_can): its reporter, leaders over its
				   handler unit, quality, chief_executive */
	AZ_DEV_HANDLE,		/* handling actions (authz_dev_can): leaders over its handler unit */
	AZ_DEV_RESUBMIT,	/* correct and resubmit a returned one: its reporter */
	AZ_DEV_CONFIGURE,	/* categories, deadlines: quality, admin */
	AZ_DEV_SAMPLE,		/* read a closed deviation without personal data, to
				   sample the handling (authz_dev_can): auditor */
	AZ_DEV_MEASURE,		/* see a deviation as far as one's measures need (no
				   personal data) and mark them done (authz_dev_can,
				   authz_measure_can): the measure's responsible person */
	AZ_DEV_STATS,		/* statistics and dashboard for a unit's subtree */
	/* whistleblowing (varsling) */
	AZ_WB_HANDLE,		/* act on a case (authz_wb_can): its current, non-recused
				   handlers only; never the accused or excluded; never
				   admin or quality by role */
	AZ_WB_REGISTER_ORAL,	/* register an oral report: leader, hr, hr_head,
				   finance_head, chief_executive, mayor */
	AZ_WB_STATS,		/* counts only: chief_safety_rep, hr, hr_head,
				   chief_executive, quality */
	AZ_WB_ROUTING,		/* who holds roles that route cases, and who granted
				   them: chief_safety_rep */
	AZ_AUDIT_WB_CASES,	/* in the audit log, which whistleblowing case an event
				   is about (never who did it): the auditor, who
				   samples that reads are logged */
	AZ_RISK_VIEW,		/* risk assessments (ROS) of a unit and its subtree:
				   leaders, quality, chief executive, auditor,
				   safety representatives */
	AZ_RISK_MANAGE,		/* create and change them: leaders of the unit,
				   quality, chief executive */
	/* the yearly wheel (årshjul) */
	AZ_WHEEL_VIEW,		/* read the wheel: every logged-in person */
	AZ_WHEEL_MANAGE,	/* create and stop tasks (object: the task's unit):
				   quality, chief_executive tenant-wide; leaders
				   for the units they lead */
	AZ_WHEEL_DO,		/* mark an occurrence done or skipped
				   (authz_wheel_can): whom the task is assigned to,
				   and those who may manage it */
	/* the follow-up of audit recommendations (not the audit log) */
	AZ_FOLLOWUP_VIEW,	/* read the register and the letter: quality,
				   chief_executive, auditor */
	AZ_FOLLOWUP_MANAGE,	/* register reports, recommendations, answers,
				   statuses, the deadline's explanation: quality,
				   chief_executive */
	AZ_FOLLOWUP_COMMENT,	/* the control committee's view of a status:
				   auditor (the committee's secretariat); never
				   answers or statuses */
	AZ_SECOND_FACTOR_RESET,	/* remove another person's second factor (they enrol
				   again at their next login): admin over their unit;
				   never one's own (authz_second_factor_reset_ok) */
	/* the tertial report (src/report/) */
	AZ_REPORT_VIEW,		/* the report's numbers and exports for an area
				   (unit 0: the municipality): the leader over the
				   area, quality, chief_executive, auditor */
	AZ_MAIL_PREFS,		/* one's own e-mail choice: any logged-in person */
	AZ_MAIL_ADMIN,		/* the e-mail outbox, its failures and the relay's
				   state: admin (tenant-wide) */
	/* governing documents (styrende dokumenter, src/document/) */
	AZ_DOC_CREATE,		/* add a document to the register: quality, admin */
	AZ_DOC_MANAGE,		/* edit any document (not see drafts): quality, admin */
	AZ_DOC_APPROVE,		/* record an approval: quality, chief_executive */
	AZ_DOC_PROCESSES,	/* keep the main-process tree: quality, admin */
	AZ_DOC_COVERAGE,	/* who in a unit's subtree has read what, go-throughs
				   with staff: leader (unit), quality, chief_executive */
	AZ_DOC_DRAFTS,		/* see every draft and pending version: quality */
	AZ_DOC_READ,		/* read one document (authz_doc_can) */
	AZ_DOC_EDIT,		/* change one document (authz_doc_can): its owner,
				   AZ_DOC_MANAGE */
	/* the tertial report's groups and written sections (src/report/) */
	AZ_REPORT_GROUPS,	/* keep the reporting groups of an area (unit 0: the
				   municipality's): quality */
	AZ_REPORT_WRITE,	/* write the sections of a group (authz_report_group_can):
				   the leaders of a unit in the group, and those
				   who may approve the area's report */
	AZ_REPORT_APPROVE,	/* compile, edit and approve an area's report: the
				   leader over the area (the sector head), quality,
				   chief_executive */
	AZ_WEBHOOK_ADMIN,	/* webhooks: subscribe URLs to events, see the
				   deliveries: admin (tenant-wide) */
	AZ_RISK_CONFIGURE,	/* the words of the score steps and the simplified
				   ROS templates: quality (tenant-wide) */
	AZ_WHEEL_FEED,		/* make or turn off one's own calendar feed of the
				   yearly wheel: everyone logged in */
	AZ_MAX
};

/* Name for logs and the access matrix ("org_manage"). */
const char	*authz_action_name(enum az_action);

/* 1 if ctx->user may do `action` on an object in unit `unit_id` (0 = the
 * tenant as a whole, or no unit), 0 otherwise. Anonymous (ctx->user NULL)
 * is always 0 here; public routes do not ask. */
int	authz_can(struct ctx *, enum az_action, int64_t unit_id);
/* authz_can for each of the n units in units (each > 0): out[i] 1 or 0.
 * The same rules, asked with one statement per role assignment that could
 * grant the action (a leader's dashboard asked once per unit of the
 * municipality before). 0, or a DB_* error with out all 0. */
int	authz_can_units(struct ctx *, enum az_action, const int64_t *units,
	    size_t n, unsigned char *out);
/* Whether some row grants action to ctx->user for some unit (a leader of
 * any unit for a per-unit action): the door of a form that takes the unit
 * in its body. */
int	authz_can_somewhere(struct ctx *, enum az_action);

/* Deviation decisions need more than a unit (the reporter, the handler
 * unit). 1 if allowed. Leaders over the unit a deviation concerns do NOT see
 * it when it concerns the leader and was routed above them. */
struct deviation;
int	authz_dev_can(struct ctx *, enum az_action, const struct deviation *);
/* Whether ctx->user may mark measure m of d done: a handler of d, or the
 * person responsible for m. */
struct measure;
int	authz_measure_can(struct ctx *, const struct deviation *, const struct measure *);
/* The answer to a handling action (deviation_do asks; the faces never
 * do): AZ_DEV_HIDDEN when ctx->user may not see d at all (the same answer
 * as no such deviation), AZ_DEV_DENIED when they see it but the action is
 * not theirs, AZ_DEV_ALLOWED. action is an enum dev_action; an unknown one
 * is allowed as far as seeing goes (the module then refuses it). m: the
 * measure complete_measure names when it is one of d's, else NULL. */
enum az_dev_answer { AZ_DEV_ALLOWED, AZ_DEV_HIDDEN, AZ_DEV_DENIED };
enum az_dev_answer authz_dev_act(struct ctx *, const struct deviation *d,
	    int action, const struct measure *m);
/* Which deviations lists may show ctx->user: DEV_SCOPE_ALL (quality,
 * chief_executive), DEV_SCOPE_MINE_AND_LED (everyone else logged in: their
 * own reports, those handled in units they lead or routed to a role they
 * hold, HMS and violence reports in a safety representative's area (AML
 * section 6-2; not those about a leader), and for an auditor the closed
 * ones, shown without personal data: AZ_DEV_SAMPLE), DEV_SCOPE_NONE. The
 * list SQL (deviation/dev_sql.h) follows the same rules. */
int	authz_dev_scope(struct ctx *);
/* Which deviations the statistics of unit_id's subtree (0: the tenant) may
 * count for ctx->user: DEV_SCOPE_NONE without AZ_DEV_STATS there;
 * DEV_SCOPE_ALL for those who may read every deviation (quality, the chief
 * executive); else DEV_SCOPE_HANDLED: only deviations handled in units
 * where they hold AZ_DEV_STATS (authz_dev_stats_handlers). Statistics leave
 * out what the list hides: a deviation that concerns a leader is handled
 * above his unit, so his counts do not reveal it (issue 11 item 6). */
int	authz_dev_stats_scope(struct ctx *, int64_t unit_id);
/* A deviation about the chief executive is routed to a role
 * (deviations.handler_role) and kept from the chief executive and the
 * leaders of the unit it stays in (handler_unit_id); they do not read it
 * unless they reported it. The statistics leave it out for them too (the
 * kept counts include it, so deviation/stats.c subtracts those few).
 * authz_dev_top_hidden: 1 if such a deviation with this handler unit and
 * reporter (0: none) is kept from ctx->user. authz_dev_top_kept_from: 1 if
 * ctx->user could be one such a deviation is kept from at all (holds
 * chief_executive or leader), so callers skip the query otherwise. */
int	authz_dev_top_hidden(struct ctx *, int64_t handler_unit_id,
	    int64_t reporter_id);
int	authz_dev_top_kept_from(struct ctx *);
/* 1 when a figure of the statistics may lead ctx->user to the list of what
 * it counts: the list shows them every deviation their statistics count.
 * So for those who read every deviation (quality, the chief executive)
 * and those whose statistics come from leading units only (the list shows
 * what is handled in the units they lead and below). Not when another
 * role grants the statistics (admin, auditor, safety and union
 * representatives): those count what is handled in their units, while
 * the list shows them their own reports, the HMS ones of their area, or
 * the closed ones; a link would promise reports the list then hides. */
int	authz_dev_stats_listed(struct ctx *);
/* For DEV_SCOPE_HANDLED: ok[i] = 1 when deviations handled in tree unit i
 * count for ctx->user (AZ_DEV_STATS held there or above), else 0. ok has
 * tree->n elements. */
struct org_tree;
void	authz_dev_stats_handlers(struct ctx *, const struct org_tree *,
	    unsigned char *ok);

/* The yearly wheel: 1 if ctx->user may do action (AZ_WHEEL_VIEW,
 * AZ_WHEEL_MANAGE, AZ_WHEEL_DO) to task t (authz/wheel.c). */
struct wheel_task;
int	authz_wheel_can(struct ctx *, enum az_action, const struct wheel_task *t);
/* 1 if ctx->user may manage the tasks of some unit (or the tenant's). */
int	authz_wheel_manages_some(struct ctx *);

/* 1 when ctx->user holds chief_executive: the whistleblowing statistics
 * leave out procedure 2 for them. Every such case is about the chief
 * executive, so its row, and the total and the other tables it is in, would
 * tell them how many cases there are against them once there are three. */
int	authz_wb_stats_without_own_procedure(struct ctx *);
/* Roles that route whistleblowing cases to their holders (leader, hr,
 * hr_head, finance_head, chief_executive, mayor, opposition_leader,
 * formannskap, group_leader, elected): 1 if role is one. */
int	authz_role_routes_whistle(int role);
/* May ctx->user grant role to person_id? AZ_ROLES_MANAGE, and never
 * themselves a role with a whistleblowing power: one that routes cases, or
 * one a rule gives a whistleblowing action (chief_safety_rep, quality,
 * auditor); an administrator could otherwise make himself a handler, read
 * the cases' trail or lift holds. The system (ctx->user NULL: the CLI
 * run by the operator, orden demo/init) may. 1 allowed, 0 not. */
int	authz_role_grant_ok(struct ctx *, int64_t person_id, int role);
/* Whether ctx->user may lift the whistleblowing hold of person_id, which
 * `by` put there by resetting the password (0: the operator): a holder of
 * AZ_WB_ROUTING (the chief safety representative, no administrator) who
 * is neither the person nor `by`, and not on the hold (nor an
 * administrator) themselves. 1 or 0. */
int	authz_wb_hold_release_ok(struct ctx *, int64_t person_id, int64_t by);
/* May ctx->user take role away from person_id? AZ_ROLES_MANAGE, and never
 * their own administrator role (it could lock every administrator out;
 * another one must do it). The system may. 1 allowed, 0 not. */
int	authz_role_revoke_ok(struct ctx *, int64_t person_id, int role);
/* May ctx->user change person_id's details (name, unit, e-mail, ...)?
 * AZ_ORG_MANAGE and AZ_PERSON_VIEW for the person's unit; and active 0
 * (making them inactive) never for themselves: they would lock
 * themselves out. The system may. 1 allowed, 0 not. */
int	authz_person_change_ok(struct ctx *, int64_t person_id,
	    int64_t unit_id, int active);
/* May person_id's access end (made inactive), whoever asks, the operator's
 * CLI and the import too? Not while they are the last active handler of
 * an open whistleblowing case: nobody else could ever open it (issue 13,
 * w19). 1 allowed, 0 not (a database error is a "not"). */
int	authz_person_deactivate_ok(struct ctx *, int64_t person_id);

/* Whistleblowing decisions on one case: 1 if ctx->user is a current,
 * non-recused handler of case_id (AZ_WB_HANDLE) and holds no admin role
 * (an account with admin is never a handler, whatever else it holds).
 * Being a handler is data (routing put them there); this is the one place
 * that reads it for access. */
int	authz_wb_can(struct ctx *, enum az_action, int64_t case_id);

/* Governing documents (src/document/): whether ctx->user may do action
 * (AZ_DOC_READ, AZ_DOC_EDIT, AZ_DOC_APPROVE, AZ_DOC_COVERAGE) on d. A
 * current document is read by everyone it applies to (its unit's subtree,
 * or every unit), its owner, those who manage documents and the leaders
 * above its unit; a draft or pending one only by its owner, AZ_DOC_DRAFTS
 * and (pending) the approvers; a retired one by its owner and managers.
 * 1 allowed, 0 not. (authz/document.c) */
struct document;
int	authz_doc_can(struct ctx *, enum az_action, const struct document *d);
/* Which documents a list may show ctx->user: 2 every one (AZ_DOC_DRAFTS),
 * 1 every one but drafts and pending (AZ_DOC_MANAGE), 0 those that apply
 * to their unit and their own. The list SQL (document/list.c) follows the
 * same rules. */
int	authz_doc_scope(struct ctx *);
/* The operator at the command line (no person, remote_addr "cli":
 * cli_env_open), who holds the database itself: `orden import documents`
 * and `orden template` act as them. A request is never "cli". 1 or 0. */
int	authz_cli_operator(struct ctx *);
/* Whether ctx may add a document to the register: AZ_DOC_CREATE, or the
 * operator (authz_cli_operator), who may then also read, edit and approve
 * it (authz_doc_can) but never confirm or follow coverage for anyone. */
int	authz_doc_create(struct ctx *);

/* A session whose person must still replace a one-time password reaches
 * only the routes named here (by route name: the password page, logout,
 * the language switch); 1 if route_name is one. The server sends every
 * other request to the password page (web) or answers 403
 * "password_change_required" (API) before any handler runs. */
int	authz_route_open_while_password_pending(const char *route_name);

/* --- the second factor (authz/second_factor.c) ----------------------------- */
struct roleset;
/* Whether a person with roles rs must pass a second factor at login, when
 * the municipality requires it (required), for admins, for everyone holding
 * a role that routes whistleblowing cases (authz_role_routes_whistle), and
 * for the extra roles (extra[role] = 1, ROLE_MAX entries; NULL: none). */
int	authz_second_factor_required(const struct roleset *rs, int required,
	    const unsigned char *extra);
/* May ctx->user reset person_id (of unit_id)'s second factor? Admin over
 * the unit (AZ_SECOND_FACTOR_RESET), and never their own: an administrator
 * whose session was taken must not be able to drop the factor that guards
 * it. The system (ctx->user NULL: the CLI) may. */
int	authz_second_factor_reset_ok(struct ctx *, int64_t person_id,
	    int64_t unit_id);

/* The tertial report's written sections of one group of area_id (0: the
 * municipality) whose units are unit_ids (n of them): AZ_REPORT_WRITE, 1
 * for a leader over one of the group's units or one who may approve the
 * area's report; AZ_REPORT_VIEW (read the drafts), 1 for those who may
 * write them or take the area's report. Anyone else: 0. (authz/report.c) */
int	authz_report_group_can(struct ctx *, enum az_action, int64_t area_id,
	    const int64_t *unit_ids, size_t n);
/* Which deviations the numbers beside a group's sections count for a
 * writer who does not take the area's report: those handled where they
 * may count statistics (DEV_SCOPE_HANDLED), never the others'. */
int	authz_report_writer_scope(struct ctx *);
/* Whether ctx may subscribe, remove and test webhooks and see their
 * deliveries: a person with AZ_WEBHOOK_ADMIN, or the operator at the
 * command line (no person, remote_addr "cli"). 1 or 0. */
int	authz_webhook_admin(struct ctx *);
/* --- the audit follow-up (authz/followup.c) ----------------------------- */
/* Whether ctx->user may see audit report report_id: AZ_FOLLOWUP_VIEW, or
 * being responsible for a measure of one of its recommendations (data,
 * like a deviation's measure owner). 1 or 0. */
int	authz_followup_view(struct ctx *, int64_t report_id);
/* Whether ctx->user may mark measure m of a recommendation done: those who
 * manage the follow-up (AZ_FOLLOWUP_MANAGE) and the measure's own
 * responsible person. 1 or 0. */
struct measure;
int	authz_followup_measure_can(struct ctx *, const struct measure *m);

#endif
