/* policy.c: the one access policy, as a table. A request is allowed when
 * the user is logged in and active, and some row grants the action: either
 * to everyone logged in, or to a role the user holds in the row's scope.
 *
 * Later modules add their actions to enum az_action (authz.h), a name to
 * action_names[] and their rows to policy[]. Nothing else changes. */
#include "authz/authz.h"

#include <stdlib.h>
#include <string.h>

#include "ctx.h"
#include "deviation/deviation.h"
#include "org/org.h"
#include "org/tree.h"
#include "whistle/wb_authz.h"

/* Where the user must hold the role for the row to apply. */
enum az_scope {
	AZS_ANYONE,	/* every active, logged-in person; role unused */
	AZS_ANYWHERE,	/* the role held for any unit or the whole tenant */
	AZS_UNIT,	/* the role held for the object's unit or an ancestor;
			   for a tenant-wide object (unit 0) only a tenant-wide
			   grant of the role counts */
};

struct az_rule {
	enum az_action	action;
	enum az_scope	scope;
	enum role	role;
};

static const char *const action_names[AZ_MAX] = {
	[AZ_HOME_VIEW]		= "home_view",
	[AZ_ORG_VIEW]		= "org_view",
	[AZ_ORG_MANAGE]		= "org_manage",
	[AZ_ROLES_MANAGE]	= "roles_manage",
	[AZ_PERSON_VIEW]	= "person_view",
	[AZ_AUDIT_VIEW]		= "audit_view",
	[AZ_ADMIN_VIEW]		= "admin_view",
	[AZ_DEV_REPORT]		= "dev_report",
	[AZ_DEV_VIEW]		= "dev_view",
	[AZ_DEV_HANDLE]		= "dev_handle",
	[AZ_DEV_RESUBMIT]	= "dev_resubmit",
	[AZ_DEV_CONFIGURE]	= "dev_configure",
	[AZ_DEV_SAMPLE]		= "dev_sample",
	[AZ_DEV_MEASURE]	= "dev_measure",
	[AZ_DEV_STATS]		= "dev_stats",
	[AZ_WB_HANDLE]		= "wb_handle",
	[AZ_WB_REGISTER_ORAL]	= "wb_register_oral",
	[AZ_WB_STATS]		= "wb_stats",
	[AZ_WB_ROUTING]		= "wb_routing",
	[AZ_AUDIT_WB_CASES]	= "audit_wb_cases",
	[AZ_RISK_VIEW]		= "risk_view",
	[AZ_RISK_MANAGE]	= "risk_manage",
	[AZ_WHEEL_VIEW]		= "wheel_view",
	[AZ_WHEEL_MANAGE]	= "wheel_manage",
	[AZ_WHEEL_DO]		= "wheel_do",
	[AZ_FOLLOWUP_VIEW]	= "followup_view",
	[AZ_FOLLOWUP_MANAGE]	= "followup_manage",
	[AZ_FOLLOWUP_COMMENT]	= "followup_comment",
	[AZ_SECOND_FACTOR_RESET] = "second_factor_reset",
	[AZ_REPORT_VIEW]	= "report_view",
	[AZ_MAIL_PREFS]		= "mail_prefs",
	[AZ_MAIL_ADMIN]		= "mail_admin",
	[AZ_DOC_CREATE]		= "doc_create",
	[AZ_DOC_MANAGE]		= "doc_manage",
	[AZ_DOC_APPROVE]	= "doc_approve",
	[AZ_DOC_PROCESSES]	= "doc_processes",
	[AZ_DOC_COVERAGE]	= "doc_coverage",
	[AZ_DOC_DRAFTS]		= "doc_drafts",
	[AZ_DOC_READ]		= "doc_read",
	[AZ_DOC_EDIT]		= "doc_edit",
	[AZ_REPORT_GROUPS]	= "report_groups",
	[AZ_REPORT_WRITE]	= "report_write",
	[AZ_REPORT_APPROVE]	= "report_approve",
	[AZ_WEBHOOK_ADMIN]	= "webhook_admin",
	[AZ_RISK_CONFIGURE]	= "risk_configure",
	[AZ_WHEEL_FEED]		= "wheel_feed",
};

static const struct az_rule policy[] = {
	/* Everyone logged in: the start page and the org tree (not secret
	 * inside the municipality). */
	{ AZ_HOME_VIEW,		AZS_ANYONE,	0 },
	{ AZ_ORG_VIEW,		AZS_ANYONE,	0 },

	/* admin: the org, people and roles; the admin pages; the audit log. */
	{ AZ_ORG_MANAGE,	AZS_UNIT,	ROLE_ADMIN },
	{ AZ_ROLES_MANAGE,	AZS_UNIT,	ROLE_ADMIN },
	{ AZ_PERSON_VIEW,	AZS_UNIT,	ROLE_ADMIN },
	{ AZ_ADMIN_VIEW,	AZS_ANYWHERE,	ROLE_ADMIN },
	{ AZ_AUDIT_VIEW,	AZS_UNIT,	ROLE_ADMIN },

	/* quality adviser: reads what admin manages, and the audit log. */
	{ AZ_PERSON_VIEW,	AZS_UNIT,	ROLE_QUALITY },
	{ AZ_ADMIN_VIEW,	AZS_ANYWHERE,	ROLE_QUALITY },
	{ AZ_AUDIT_VIEW,	AZS_UNIT,	ROLE_QUALITY },

	/* leader: the people of the units they lead. */
	{ AZ_PERSON_VIEW,	AZS_UNIT,	ROLE_LEADER },

	/* auditor (control committee's auditor): the audit log. */
	{ AZ_AUDIT_VIEW,	AZS_UNIT,	ROLE_AUDITOR },

	/* Deviations. Everyone reports. Seeing and handling one case depends
	 * on more than its unit (authz_dev_can below); these rows are the
	 * tenant-wide part of it: quality and the chief executive see every
	 * case, the chief executive handles those nobody else can. Admins
	 * manage the org, not its cases: no AZ_DEV_VIEW for admin. */
	{ AZ_DEV_REPORT,	AZS_ANYONE,	0 },
	{ AZ_DEV_VIEW,		AZS_ANYWHERE,	ROLE_QUALITY },
	{ AZ_DEV_VIEW,		AZS_ANYWHERE,	ROLE_CHIEF_EXECUTIVE },
	{ AZ_DEV_HANDLE,	AZS_ANYWHERE,	ROLE_CHIEF_EXECUTIVE },
	{ AZ_DEV_CONFIGURE,	AZS_UNIT,	ROLE_QUALITY },
	{ AZ_DEV_CONFIGURE,	AZS_UNIT,	ROLE_ADMIN },
	/* The auditor samples closed cases, without personal data. */
	{ AZ_DEV_SAMPLE,	AZS_ANYWHERE,	ROLE_AUDITOR },
	/* Statistics for a unit's subtree (unit 0: the whole tenant): counts,
	 * never cases. */
	{ AZ_DEV_STATS,		AZS_UNIT,	ROLE_LEADER },
	{ AZ_DEV_STATS,		AZS_UNIT,	ROLE_QUALITY },
	{ AZ_DEV_STATS,		AZS_UNIT,	ROLE_CHIEF_EXECUTIVE },
	{ AZ_DEV_STATS,		AZS_UNIT,	ROLE_ADMIN },
	{ AZ_DEV_STATS,		AZS_UNIT,	ROLE_AUDITOR },
	{ AZ_DEV_STATS,		AZS_UNIT,	ROLE_CHIEF_SAFETY_REP },
	{ AZ_DEV_STATS,		AZS_UNIT,	ROLE_SAFETY_REP },
	{ AZ_DEV_STATS,		AZS_UNIT,	ROLE_UNION_REP },

	/* Whistleblowing. AZ_WB_HANDLE has no rows on purpose: no role hands
	 * out a case, only routing does (authz_wb_can reads the case's
	 * handlers). Admin appears nowhere below; quality only for counts. Registering an
	 * oral report is for those a whistleblower may speak to. */
	{ AZ_WB_REGISTER_ORAL,	AZS_ANYWHERE,	ROLE_LEADER },
	{ AZ_WB_REGISTER_ORAL,	AZS_ANYWHERE,	ROLE_HR },
	{ AZ_WB_REGISTER_ORAL,	AZS_ANYWHERE,	ROLE_HR_HEAD },
	{ AZ_WB_REGISTER_ORAL,	AZS_ANYWHERE,	ROLE_FINANCE_HEAD },
	{ AZ_WB_REGISTER_ORAL,	AZS_ANYWHERE,	ROLE_CHIEF_EXECUTIVE },
	{ AZ_WB_REGISTER_ORAL,	AZS_ANYWHERE,	ROLE_MAYOR },
	/* Statistics: counts by procedure, category, state and outcome for
	 * the chief safety representative and HR (the yearly AMU report). */
	{ AZ_WB_STATS,		AZS_ANYWHERE,	ROLE_CHIEF_SAFETY_REP },
	{ AZ_WB_STATS,		AZS_ANYWHERE,	ROLE_HR },
	{ AZ_WB_STATS,		AZS_ANYWHERE,	ROLE_HR_HEAD },
	/* Who may receive cases, and who gave them the role: for the chief
	 * safety representative, who is no administrator (issue 10). */
	{ AZ_WB_ROUTING,	AZS_ANYWHERE,	ROLE_CHIEF_SAFETY_REP },
	/* The chief executive and the quality adviser need an overview of
	 * the cases (internal control, forskrift om ledelse og
	 * kvalitetsforbedring): the same suppressed counts, never a case. */
	{ AZ_WB_STATS,		AZS_ANYWHERE,	ROLE_CHIEF_EXECUTIVE },
	{ AZ_WB_STATS,		AZS_ANYWHERE,	ROLE_QUALITY },
	/* The audit log names no handler of a whistleblowing case to anyone
	 * (web/admin/audit.c); the auditor alone sees which case an event is
	 * about, to check that every read is logged. Admin and quality see
	 * only that whistleblowing events happened. */
	{ AZ_AUDIT_WB_CASES,	AZS_ANYWHERE,	ROLE_AUDITOR },

	/* Risk assessment (ROS, issue 15): the leaders keep their units'
	 * (and the subtree's); quality and the chief executive all of them
	 * (a tenant-wide grant covers every unit). The auditor and the
	 * safety representatives read them. */
	{ AZ_RISK_VIEW,		AZS_UNIT,	ROLE_LEADER },
	{ AZ_RISK_VIEW,		AZS_UNIT,	ROLE_QUALITY },
	{ AZ_RISK_VIEW,		AZS_UNIT,	ROLE_CHIEF_EXECUTIVE },
	{ AZ_RISK_VIEW,		AZS_UNIT,	ROLE_AUDITOR },
	{ AZ_RISK_VIEW,		AZS_UNIT,	ROLE_CHIEF_SAFETY_REP },
	{ AZ_RISK_VIEW,		AZS_UNIT,	ROLE_SAFETY_REP },
	{ AZ_RISK_MANAGE,	AZS_UNIT,	ROLE_LEADER },
	{ AZ_RISK_MANAGE,	AZS_UNIT,	ROLE_QUALITY },
	{ AZ_RISK_MANAGE,	AZS_UNIT,	ROLE_CHIEF_EXECUTIVE },
	/* The yearly wheel is the municipality's plan: everyone reads it.
	 * The quality adviser and the chief executive keep the common tasks
	 * (unit 0: only their tenant-wide grants count); a leader adds the
	 * tasks of the units he leads. Who does an occurrence is data (the
	 * task's assignee): authz_wheel_can (authz/wheel.c). */
	{ AZ_WHEEL_VIEW,	AZS_ANYONE,	0 },
	{ AZ_WHEEL_MANAGE,	AZS_UNIT,	ROLE_QUALITY },
	{ AZ_WHEEL_MANAGE,	AZS_UNIT,	ROLE_CHIEF_EXECUTIVE },
	{ AZ_WHEEL_MANAGE,	AZS_UNIT,	ROLE_LEADER },
	/* Audit follow-up: the chief executive answers the control
	 * committee, with the quality adviser; the auditor and the
	 * committee's secretariat read all of it and comment, never change
	 * an answer or a status. */
	{ AZ_FOLLOWUP_VIEW,	AZS_ANYWHERE,	ROLE_QUALITY },
	{ AZ_FOLLOWUP_VIEW,	AZS_ANYWHERE,	ROLE_CHIEF_EXECUTIVE },
	{ AZ_FOLLOWUP_VIEW,	AZS_ANYWHERE,	ROLE_AUDITOR },
	{ AZ_FOLLOWUP_MANAGE,	AZS_ANYWHERE,	ROLE_QUALITY },
	{ AZ_FOLLOWUP_MANAGE,	AZS_ANYWHERE,	ROLE_CHIEF_EXECUTIVE },
	{ AZ_FOLLOWUP_COMMENT,	AZS_ANYWHERE,	ROLE_AUDITOR },
	/* The second factor: an admin resets another's (never sees it). */
	{ AZ_SECOND_FACTOR_RESET, AZS_UNIT,	ROLE_ADMIN },
	/* The tertial report of an area: those who answer for it (the
	 * leader over it) and those who compile or check it for the whole
	 * municipality. Counts only, by the statistics' scope. Not admin:
	 * the org's keeper, not a reader of its deviations. */
	{ AZ_REPORT_VIEW,	AZS_UNIT,	ROLE_LEADER },
	{ AZ_REPORT_VIEW,	AZS_UNIT,	ROLE_QUALITY },
	{ AZ_REPORT_VIEW,	AZS_UNIT,	ROLE_CHIEF_EXECUTIVE },
	{ AZ_REPORT_VIEW,	AZS_UNIT,	ROLE_AUDITOR },
	/* E-mail (issue 17): everyone chooses how their own notifications
	 * come; the outbox and the relay's state are the administrator's
	 * (tenant-wide: asked with unit 0). The outbox holds no content. */
	{ AZ_MAIL_PREFS,	AZS_ANYONE,	0 },
	{ AZ_MAIL_ADMIN,	AZS_UNIT,	ROLE_ADMIN },
	/* Governing documents. The quality adviser keeps the register and
	 * the process tree; admins may edit; approving is recorded by
	 * whoever holds the approving role (quality, the chief executive);
	 * leaders follow read-confirmation in their units. Reading one
	 * document is authz_doc_can (authz/document.c). */
	{ AZ_DOC_CREATE,	AZS_ANYWHERE,	ROLE_QUALITY },
	{ AZ_DOC_CREATE,	AZS_ANYWHERE,	ROLE_ADMIN },
	{ AZ_DOC_MANAGE,	AZS_ANYWHERE,	ROLE_QUALITY },
	{ AZ_DOC_MANAGE,	AZS_ANYWHERE,	ROLE_ADMIN },
	{ AZ_DOC_APPROVE,	AZS_ANYWHERE,	ROLE_QUALITY },
	{ AZ_DOC_APPROVE,	AZS_ANYWHERE,	ROLE_CHIEF_EXECUTIVE },
	{ AZ_DOC_PROCESSES,	AZS_ANYWHERE,	ROLE_QUALITY },
	{ AZ_DOC_PROCESSES,	AZS_ANYWHERE,	ROLE_ADMIN },
	{ AZ_DOC_COVERAGE,	AZS_UNIT,	ROLE_LEADER },
	{ AZ_DOC_COVERAGE,	AZS_UNIT,	ROLE_QUALITY },
	{ AZ_DOC_COVERAGE,	AZS_UNIT,	ROLE_CHIEF_EXECUTIVE },
	{ AZ_DOC_DRAFTS,	AZS_ANYWHERE,	ROLE_QUALITY },
	/* The tertial report's written part (seeds/001): the quality adviser
	 * keeps the groups; the leaders of a group's units write its
	 * sections (authz_report_group_can: a leader of any unit in the
	 * group); the sector head (leader over the area), the quality
	 * adviser and the chief executive compile and approve. */
	{ AZ_REPORT_GROUPS,	AZS_UNIT,	ROLE_QUALITY },
	{ AZ_REPORT_WRITE,	AZS_UNIT,	ROLE_LEADER },
	{ AZ_REPORT_WRITE,	AZS_UNIT,	ROLE_QUALITY },
	{ AZ_REPORT_WRITE,	AZS_UNIT,	ROLE_CHIEF_EXECUTIVE },
	{ AZ_REPORT_APPROVE,	AZS_UNIT,	ROLE_LEADER },
	{ AZ_REPORT_APPROVE,	AZS_UNIT,	ROLE_QUALITY },
	{ AZ_REPORT_APPROVE,	AZS_UNIT,	ROLE_CHIEF_EXECUTIVE },
	/* Webhooks (issue 17): which systems outside hear what happens is
	 * the administrator's (tenant-wide: asked with unit 0). */
	{ AZ_WEBHOOK_ADMIN,	AZS_UNIT,	ROLE_ADMIN },
	{ AZ_RISK_CONFIGURE,	AZS_ANYWHERE,	ROLE_QUALITY },
	/* The yearly wheel's calendar feed: everyone their own (the feed
	 * holds only what the wheel shows them). */
	{ AZ_WHEEL_FEED,	AZS_ANYONE,	0 },
};

const char *
authz_action_name(enum az_action a)
{
	if ((int)a < 0 || a >= AZ_MAX || action_names[a] == NULL)
		return "unknown";
	return action_names[a];
}

/* Whether the roleset holds role in any unit or tenant-wide. */
static int
holds_anywhere(const struct roleset *rs, enum role role)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (rs->v[i].role == role)
			return 1;
	return 0;
}

/* Whether the roleset holds role tenant-wide (unit_id 0). */
static int
holds_tenant_wide(const struct roleset *rs, enum role role)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (rs->v[i].role == role && rs->v[i].unit_id == 0)
			return 1;
	return 0;
}

static int
rule_applies(struct ctx *ctx, const struct az_rule *r, int64_t unit_id)
{
	switch (r->scope) {
	case AZS_ANYONE:
		return 1;
	case AZS_ANYWHERE:
		return org_has_role(ctx, &ctx->roles, r->role, 0);
	case AZS_UNIT:
		if (unit_id == 0)
			return holds_tenant_wide(&ctx->roles, r->role);
		return org_has_role(ctx, &ctx->roles, r->role, unit_id);
	}
	return 0;
}

int
authz_can(struct ctx *ctx, enum az_action action, int64_t unit_id)
{
	size_t i;

	if (ctx == NULL || ctx->user == NULL || !ctx->user->active ||
	    (int)action < 0 || action >= AZ_MAX || unit_id < 0)
		return 0;
	for (i = 0; i < sizeof(policy) / sizeof(policy[0]); i++)
		if (policy[i].action == action &&
		    rule_applies(ctx, &policy[i], unit_id))
			return 1;
	return 0;
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* Mark in out the units that lie at or under assignment unit `at`. */
static int
mark_under(struct ctx *ctx, int64_t at, const int64_t *units, size_t n,
    unsigned char *out)
{
	int64_t	*under;
	size_t	 m, i;
	int	 rc;

	if ((rc = org_units_under(ctx, at, &under, &m)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if (!out[i] && m > 0 &&
		    bsearch(&units[i], under, m, sizeof(*under), cmp_id) != NULL)
			out[i] = 1;
	return 0;
}

int
authz_can_units(struct ctx *ctx, enum az_action action, const int64_t *units,
    size_t n, unsigned char *out)
{
	const struct role_assignment	*ra;
	size_t				 i, j;
	int				 rc = 0;

	memset(out, 0, n);
	if (ctx == NULL || ctx->user == NULL || !ctx->user->active ||
	    (int)action < 0 || action >= AZ_MAX)
		return 0;
	for (i = 0; i < sizeof(policy) / sizeof(policy[0]); i++) {
		if (policy[i].action != action)
			continue;
		switch (policy[i].scope) {
		case AZS_ANYONE:
			memset(out, 1, n);
			return 0;
		case AZS_ANYWHERE:
			if (org_has_role(ctx, &ctx->roles, policy[i].role, 0)) {
				memset(out, 1, n);
				return 0;
			}
			break;
		case AZS_UNIT:
			/* org_has_role's rule: held for the whole tenant, or
			 * for the unit or one above it. */
			for (j = 0; j < ctx->roles.n; j++) {
				ra = &ctx->roles.v[j];
				if (ra->role != policy[i].role)
					continue;
				if (ra->unit_id == 0) {
					memset(out, 1, n);
					return 0;
				}
				if ((rc = mark_under(ctx, ra->unit_id, units, n,
				    out)) != 0) {
					memset(out, 0, n);
					return rc;
				}
			}
			break;
		}
	}
	return 0;
}

int
authz_can_somewhere(struct ctx *ctx, enum az_action action)
{
	size_t i;

	if (ctx == NULL || ctx->user == NULL || !ctx->user->active ||
	    (int)action < 0 || action >= AZ_MAX)
		return 0;
	for (i = 0; i < sizeof(policy) / sizeof(policy[0]); i++)
		if (policy[i].action == action &&
		    (policy[i].scope == AZS_ANYONE ||
		    org_has_role(ctx, &ctx->roles, policy[i].role, 0)))
			return 1;
	return 0;
}

/* Whether the user is the leader a deviation concerns and it was routed
 * above them: they hold the leader role at the nearest led unit of the
 * deviation's unit, and the handler unit lies strictly above that unit.
 * (After a transfer the handler unit is the new unit, and its leaders
 * handle it whatever the flag says.) */
static int
is_concerned_leader(struct ctx *ctx, const struct deviation *d)
{
	int64_t	l;
	size_t	i;
	int	holds = 0;

	if (!d->concerns_leader)
		return 0;
	for (i = 0; i < ctx->roles.n; i++)
		if (ctx->roles.v[i].role == ROLE_LEADER)
			holds = 1;
	if (!holds || (l = deviation_concerned_unit(ctx, d->unit_id)) <= 0)
		return 0;
	if (l == d->handler_unit_id || !org_unit_within(ctx, l, d->handler_unit_id))
		return 0;
	for (i = 0; i < ctx->roles.n; i++)
		if (ctx->roles.v[i].role == ROLE_LEADER &&
		    ctx->roles.v[i].unit_id == l)
			return 1;
	return 0;
}

/* For a deviation routed to a role because it concerns the chief
 * executive (d->handler_role): whether the user is one it is kept from, a
 * chief executive or a leader of the unit it stays in. */
static int
is_concerned_top(struct ctx *ctx, const struct deviation *d)
{
	size_t i;

	if (d->handler_role == NULL)
		return 0;
	for (i = 0; i < ctx->roles.n; i++)
		if (ctx->roles.v[i].role == ROLE_CHIEF_EXECUTIVE ||
		    (ctx->roles.v[i].role == ROLE_LEADER &&
		    ctx->roles.v[i].unit_id == d->handler_unit_id))
			return 1;
	return 0;
}

/* Who handles it: a leader over the handler unit who is not the leader it
 * concerns, or, for one routed to a role, a holder of that role who is not
 * concerned. A reporter never handles their own report about their
 * leader: a leader reporting about himself would otherwise judge himself. */
static int
leads_handler_unit(struct ctx *ctx, const struct deviation *d)
{
	enum role r;

	if (d->concerns_leader && d->reporter_id == ctx->user->id)
		return 0;
	if (d->handler_role != NULL)
		return role_parse(d->handler_role, &r) == 0 &&
		    org_has_role(ctx, &ctx->roles, r, 0) &&
		    !is_concerned_top(ctx, d);
	return d->handler_unit_id > 0 &&
	    org_has_role(ctx, &ctx->roles, ROLE_LEADER, d->handler_unit_id) &&
	    !is_concerned_leader(ctx, d);
}

/* A safety representative (verneombud, AML section 6-2) reads the
 * working-environment reports of their area (the categories marked so:
 * HMS and violence by default, and any a municipality adds): the unit they
 * represent and below. Not one about a leader: that stays between the
 * reporter and the leader above. */
static int
safety_rep_reads(struct ctx *ctx, const struct deviation *d)
{
	if (d->concerns_leader || !d->category_safety)
		return 0;
	return org_has_role(ctx, &ctx->roles, ROLE_SAFETY_REP, d->unit_id) ||
	    org_has_role(ctx, &ctx->roles, ROLE_CHIEF_SAFETY_REP, d->unit_id);
}

int
authz_dev_can(struct ctx *ctx, enum az_action action, const struct deviation *d)
{
	int reporter;

	if (ctx == NULL || ctx->user == NULL || !ctx->user->active || d == NULL)
		return 0;
	reporter = d->reporter_id > 0 && d->reporter_id == ctx->user->id;
	switch (action) {
	case AZ_DEV_VIEW:
		return reporter || ((authz_can(ctx, AZ_DEV_VIEW, 0) ||
		    safety_rep_reads(ctx, d)) && !is_concerned_top(ctx, d)) ||
		    leads_handler_unit(ctx, d);
	case AZ_DEV_SAMPLE:
		return d->status == DEV_CLOSED && authz_can(ctx, AZ_DEV_SAMPLE, 0);
	case AZ_DEV_HANDLE:
		if (reporter && d->concerns_leader)
			return 0;
		return (authz_can(ctx, AZ_DEV_HANDLE, 0) &&
		    !is_concerned_top(ctx, d)) || leads_handler_unit(ctx, d);
	case AZ_DEV_MEASURE:
		/* Being made responsible for a measure is the grant (data,
		 * like a whistleblowing handler); an error is a refusal. */
		return deviation_measure_owner(ctx, d->id, ctx->user->id) == 1;
	case AZ_DEV_RESUBMIT:
		return reporter;
	default:
		return authz_can(ctx, action, d->unit_id);
	}
}

int
authz_measure_can(struct ctx *ctx, const struct deviation *d,
    const struct measure *m)
{
	if (ctx == NULL || ctx->user == NULL || !ctx->user->active || d == NULL ||
	    m == NULL)
		return 0;
	return authz_dev_can(ctx, AZ_DEV_HANDLE, d) ||
	    (m->responsible_id > 0 && m->responsible_id == ctx->user->id);
}

enum az_dev_answer
authz_dev_act(struct ctx *ctx, const struct deviation *d, int action,
    const struct measure *m)
{
	int ok;

	/* Who sees it at all: the same three ways in as its page. */
	if (!authz_dev_can(ctx, AZ_DEV_VIEW, d) &&
	    !authz_dev_can(ctx, AZ_DEV_MEASURE, d) &&
	    !authz_dev_can(ctx, AZ_DEV_SAMPLE, d))
		return AZ_DEV_HIDDEN;
	switch (action) {
	case DA_RESUBMIT:
		ok = authz_dev_can(ctx, AZ_DEV_RESUBMIT, d);
		break;
	case DA_COMPLETE_MEASURE:
		/* A handler, or the measure's own responsible person. */
		ok = m != NULL ? authz_measure_can(ctx, d, m) :
		    authz_dev_can(ctx, AZ_DEV_HANDLE, d);
		break;
	default:
		if (action < 0 || action >= DA_MAX)
			return AZ_DEV_ALLOWED;
		ok = authz_dev_can(ctx, AZ_DEV_HANDLE, d);
		break;
	}
	return ok ? AZ_DEV_ALLOWED : AZ_DEV_DENIED;
}

int
authz_dev_stats_scope(struct ctx *ctx, int64_t unit_id)
{
	if (!authz_can(ctx, AZ_DEV_STATS, unit_id))
		return DEV_SCOPE_NONE;
	return authz_can(ctx, AZ_DEV_VIEW, 0) ? DEV_SCOPE_ALL : DEV_SCOPE_HANDLED;
}

int
authz_dev_top_hidden(struct ctx *ctx, int64_t handler_unit_id,
    int64_t reporter_id)
{
	struct deviation d;

	if (ctx == NULL || ctx->user == NULL)
		return 1;
	if (reporter_id > 0 && reporter_id == ctx->user->id)
		return 0;
	memset(&d, 0, sizeof(d));
	d.handler_role = "";	/* routed to a role: which one does not matter */
	d.handler_unit_id = handler_unit_id;
	return is_concerned_top(ctx, &d);
}

int
authz_dev_top_kept_from(struct ctx *ctx)
{
	if (ctx == NULL || ctx->user == NULL)
		return 0;
	return holds_anywhere(&ctx->roles, ROLE_CHIEF_EXECUTIVE) ||
	    holds_anywhere(&ctx->roles, ROLE_LEADER);
}

/* Whether a policy row grants AZ_DEV_STATS to role in a unit's subtree. */
static int
stats_role(enum role role)
{
	size_t i;

	for (i = 0; i < sizeof(policy) / sizeof(policy[0]); i++)
		if (policy[i].action == AZ_DEV_STATS && policy[i].role == role &&
		    policy[i].scope == AZS_UNIT)
			return 1;
	return 0;
}

int
authz_dev_stats_listed(struct ctx *ctx)
{
	size_t i;

	switch (authz_dev_scope(ctx)) {
	case DEV_SCOPE_ALL:
		return 1;
	case DEV_SCOPE_NONE:
		return 0;
	default:
		break;
	}
	for (i = 0; i < ctx->roles.n; i++)
		if (ctx->roles.v[i].role != ROLE_LEADER &&
		    stats_role(ctx->roles.v[i].role))
			return 0;
	return 1;
}

void
authz_dev_stats_handlers(struct ctx *ctx, const struct org_tree *t,
    unsigned char *ok)
{
	size_t	i;
	long	j;
	int	depth;

	for (i = 0; i < t->n; i++)
		ok[i] = 0;
	if (ctx == NULL || ctx->user == NULL || !ctx->user->active)
		return;
	/* Mark where a granting role is held; a tenant-wide one covers all. */
	for (i = 0; i < ctx->roles.n; i++) {
		if (!stats_role(ctx->roles.v[i].role))
			continue;
		if (ctx->roles.v[i].unit_id == 0) {
			for (j = 0; j < (long)t->n; j++)
				ok[j] = 1;
			return;
		}
		if ((j = org_tree_find(t, ctx->roles.v[i].unit_id)) >= 0)
			ok[j] = 2;
	}
	/* A unit counts when it or a unit above it is marked. */
	for (i = 0; i < t->n; i++)
		for (j = (long)i, depth = 0; j >= 0 && depth < ORG_TREE_DEPTH_MAX;
		    j = t->par[j], depth++)
			if (ok[j] == 2) {
				ok[i] = ok[i] == 2 ? 2 : 1;
				break;
			}
}

int
authz_dev_scope(struct ctx *ctx)
{
	if (ctx == NULL || ctx->user == NULL || !ctx->user->active)
		return DEV_SCOPE_NONE;
	if (authz_can(ctx, AZ_DEV_VIEW, 0))
		return DEV_SCOPE_ALL;
	return DEV_SCOPE_MINE_AND_LED;
}

int
authz_wb_hold_release_ok(struct ctx *ctx, int64_t person_id, int64_t by)
{
	if (ctx == NULL || ctx->user == NULL || !authz_can(ctx, AZ_WB_ROUTING, 0))
		return 0;
	/* An account on the hold itself (or an administrator's) confirms
	 * nobody: else an administrator makes two accounts, one of them a
	 * chief safety representative, and that one lifts the other's
	 * hold. */
	if (org_wb_barred(ctx, ctx->user->id) != 0)
		return 0;
	return ctx->user->id != person_id && ctx->user->id != by;
}

int
authz_wb_can(struct ctx *ctx, enum az_action action, int64_t case_id)
{
	if (ctx == NULL || ctx->user == NULL || !ctx->user->active)
		return 0;
	switch (action) {
	case AZ_WB_HANDLE:
		/* Being routed a case is the only grant; a database error
		 * (negative) is a refusal. An administrator never handles,
		 * even if a row says so (granted a routing role later), nor
		 * an account on the hold (org/hold.c). */
		if (org_has_role(ctx, &ctx->roles, ROLE_ADMIN, 0) ||
		    org_wb_barred(ctx, ctx->user->id) != 0)
			return 0;
		return case_id > 0 &&
		    whistle_is_handler(ctx, case_id, ctx->user->id) == 1;
	case AZ_WB_REGISTER_ORAL:
	case AZ_WB_STATS:
	case AZ_WB_ROUTING:
		return authz_can(ctx, action, 0);
	default:
		return 0;
	}
}

int
authz_wb_stats_without_own_procedure(struct ctx *ctx)
{
	if (ctx == NULL || ctx->user == NULL)
		return 0;
	return holds_anywhere(&ctx->roles, ROLE_CHIEF_EXECUTIVE);
}

int
authz_role_routes_whistle(int role)
{
	switch (role) {
	case ROLE_LEADER:
	case ROLE_HR:
	case ROLE_HR_HEAD:
	case ROLE_FINANCE_HEAD:
	case ROLE_CHIEF_EXECUTIVE:
	case ROLE_MAYOR:
	case ROLE_OPPOSITION_LEADER:
	case ROLE_FORMANNSKAP:
	case ROLE_GROUP_LEADER:
	case ROLE_ELECTED:
		return 1;
	default:
		return 0;
	}
}

/* 1 when role opens whistleblowing cases or decides about them: it routes
 * cases to its holder, or a rule gives it a whistleblowing action (the
 * chief safety representative lifts holds and sets routing, quality sees
 * the statistics, the auditor reads the cases' audit trail). */
static int
role_whistle_power(int role)
{
	size_t i;

	if (authz_role_routes_whistle(role))
		return 1;
	for (i = 0; i < sizeof(policy) / sizeof(policy[0]); i++)
		if ((int)policy[i].role == role &&
		    (policy[i].action == AZ_WB_REGISTER_ORAL ||
		    policy[i].action == AZ_WB_STATS ||
		    policy[i].action == AZ_WB_ROUTING ||
		    policy[i].action == AZ_AUDIT_WB_CASES))
			return 1;
	return 0;
}

int
authz_role_grant_ok(struct ctx *ctx, int64_t person_id, int role)
{
	if (ctx == NULL)
		return 0;
	if (ctx->user == NULL)
		return 1;	/* the operator's CLI, init and demo */
	if (!authz_can(ctx, AZ_ROLES_MANAGE, 0))
		return 0;
	return !(person_id == ctx->user->id && role_whistle_power(role));
}

int
authz_role_revoke_ok(struct ctx *ctx, int64_t person_id, int role)
{
	if (ctx == NULL)
		return 0;
	if (ctx->user == NULL)
		return 1;	/* the operator's CLI */
	if (!authz_can(ctx, AZ_ROLES_MANAGE, 0))
		return 0;
	return !(person_id == ctx->user->id && role == ROLE_ADMIN);
}

int
authz_person_change_ok(struct ctx *ctx, int64_t person_id, int64_t unit_id,
    int active)
{
	if (ctx == NULL)
		return 0;
	if (ctx->user == NULL)
		return 1;	/* the operator's CLI and the import */
	if (!authz_can(ctx, AZ_ORG_MANAGE, 0) ||
	    !authz_can(ctx, AZ_PERSON_VIEW, unit_id))
		return 0;
	return active || person_id != ctx->user->id;
}

int
authz_person_deactivate_ok(struct ctx *ctx, int64_t person_id)
{
	if (ctx == NULL)
		return 0;
	return whistle_sole_handler_open(ctx, person_id) == 0;
}
