/* labels.c: role and audit-action names as people read them. */
#include "web/labels.h"

#include <string.h>

#include "i18n/i18n.h"

/* A stored code and its label, marked for translation with N_(). */
struct code_label {
	const char *code, *label;
};

#define NLABELS(t) (sizeof(t) / sizeof((t)[0]))

/* The translated label of code in t[0..n), the code itself when t has
 * none (a new code still shows), "" for NULL. */
static const char *
code_label(const struct code_label *t, size_t n, const char *code)
{
	size_t i;

	if (code == NULL)
		return "";
	for (i = 0; i < n; i++)
		if (strcmp(code, t[i].code) == 0)
			return _(t[i].label);
	return code;
}

/* The translated label of t[i] (an enum's table of n), "?" outside it. */
static const char *
indexed_label(const char *const *t, size_t n, int i)
{
	if (i < 0 || (size_t)i >= n || t[i] == NULL)
		return "?";
	return _(t[i]);
}

static const char *const role_labels[ROLE_MAX] = {
	[ROLE_EMPLOYEE]		 = N_("Employee"),
	[ROLE_LEADER]		 = N_("Leader"),
	[ROLE_QUALITY]		 = N_("Quality adviser"),
	[ROLE_ADMIN]		 = N_("Administrator"),
	[ROLE_HR]		 = N_("HR"),
	[ROLE_HR_HEAD]		 = N_("Head of HR"),
	[ROLE_FINANCE_HEAD]	 = N_("Head of finance"),
	[ROLE_CHIEF_EXECUTIVE]	 = N_("Chief executive"),
	[ROLE_MAYOR]		 = N_("Mayor"),
	[ROLE_OPPOSITION_LEADER] = N_("Leader of the largest opposition party"),
	[ROLE_FORMANNSKAP]	 = N_("Member of the executive committee"),
	[ROLE_GROUP_LEADER]	 = N_("Party group leader"),
	[ROLE_ELECTED]		 = N_("Elected official"),
	[ROLE_SAFETY_REP]	 = N_("Safety representative"),
	[ROLE_CHIEF_SAFETY_REP]	 = N_("Chief safety representative"),
	[ROLE_UNION_REP]	 = N_("Union representative"),
	[ROLE_AUDITOR]		 = N_("Auditor"),
};

const char *
web_role_label(enum role r)
{
	return indexed_label(role_labels, NLABELS(role_labels), (int)r);
}

static const struct code_label action_labels[] = {
	{ "login", N_("Logged in") },
	{ "login_password", N_("Password accepted, second factor asked") },
	{ "login_failed", N_("Failed login") },
	{ "login_throttled", N_("Login delayed (too many attempts)") },
	{ "logout", N_("Logged out") },
	{ "unit_create", N_("Unit created") },
	{ "unit_update", N_("Unit changed") },
	{ "person_create", N_("Person created") },
	{ "person_update", N_("Person changed") },
	{ "role_grant", N_("Role granted") },
	{ "role_revoke", N_("Role revoked") },
	{ "password_set", N_("Password set") },
	{ "password_change", N_("Password changed") },
	{ "password_reset", N_("Password reset") },
	{ "token_create", N_("API token created") },
	{ "token_revoke", N_("API token revoked") },
	{ "sessions_ended", N_("Sessions ended") },
	{ "password_check_failed", N_("Wrong current password") },
	{ "admin_contact_set", N_("Contact for forgotten passwords changed") },
	{ "tenant_create", N_("Municipality created") },
	{ "category_create", N_("Category created") },
	{ "category_update", N_("Category changed") },
	{ "dev_settings_update", N_("Deviation settings changed") },
	{ "deviation_read", N_("Deviation with personal data read") },
	{ "deviations_import", N_("Deviations imported") },
	{ "vault_key_dropped", N_("Encryption key removed") },
	{ "vault_recovery_key_created", N_("Recovery key created") },
	{ "whistle_act", N_("Whistleblowing case handled") },
	{ "whistle_deadlines_set", N_("Whistleblowing deadlines changed") },
	{ "whistle_read", N_("Whistleblowing case read") },
	{ "whistle_received", N_("Whistleblowing report received") },
	{ "whistle_received_oral", N_("Oral whistleblowing report registered") },
	{ "sso_login", N_("Logged in with a sign-in service") },
	{ "sso_login_first", N_("Signed in by a sign-in service, second factor asked") },
	{ "sso_login_failed", N_("Failed sign-in with a sign-in service") },
	{ "sso_provider_add", N_("Sign-in service added") },
	{ "sso_provider_remove", N_("Sign-in service removed") },
	{ "vault_open", N_("Whistleblowing key opened") },
	{ "vault_open_failed", N_("Wrong vault passphrase") },
	{ "totp_enabled", N_("Second factor set up") },
	{ "totp_reset", N_("Second factor removed") },
	{ "totp_recovery_used", N_("Recovery code used") },
	{ "totp_failed", N_("Wrong second-factor code") },
	{ "totp_settings", N_("Second-factor rule changed") },
	{ "mail_prefs_set", N_("E-mail notifications chosen") },
	{ "mail_retry", N_("Failed e-mails tried again") },
	{ "password_reset_requested", N_("New password asked for by e-mail") },
	{ "password_reset_mail", N_("Password set with a link by e-mail") },
	{ "doc_create", N_("Document created") },
	{ "doc_edit", N_("Document details changed") },
	{ "doc_version", N_("Document version drafted") },
	{ "doc_submit", N_("Document sent for approval") },
	{ "doc_approve", N_("Document approved") },
	{ "doc_review", N_("Document reviewed, no change") },
	{ "doc_retire", N_("Document retired") },
	{ "doc_confirm", N_("Document read and confirmed") },
	{ "doc_gothrough", N_("Go-through with staff registered") },
	{ "doc_process_add", N_("Main process added") },
	{ "doc_remind", N_("Reminded to read documents") },
	{ "risk_assessment_created", N_("Risk assessment created") },
	{ "risk_added", N_("Risk added") },
	{ "risk_reviewed", N_("Risk reviewed") },
	{ "risk_measure_added", N_("Measure added to a risk") },
	{ "risk_measure_completed", N_("Measure on a risk completed") },
	{ "risk_deviation_linked", N_("Deviation linked to a risk") },
	{ "risk_scale_set", N_("Words of the risk score steps changed") },
	{ "risk_template_created", N_("Risk template created") },
	{ "risk_template_risk_added", N_("Risk added to a template") },
	{ "risk_template_risk_removed", N_("Risk removed from a template") },
	{ "wheel_task_create", N_("Yearly wheel task created") },
	{ "wheel_done", N_("Yearly wheel task done") },
	{ "wheel_skip", N_("Yearly wheel task skipped") },
	{ "wheel_task_stop", N_("Yearly wheel task stopped") },
	{ "wheel_feed_new", N_("Calendar link made") },
	{ "wheel_feed_off", N_("Calendar link turned off") },
	{ "followup_create", N_("Audit report registered") },
	{ "followup_recommendation", N_("Audit recommendation added") },
	{ "followup_answer", N_("Recommendation answered") },
	{ "followup_status", N_("Recommendation status changed") },
	{ "followup_comment", N_("Comment on a recommendation") },
	{ "followup_sent", N_("Written status sent") },
	{ "followup_explain", N_("Late status explained") },
	{ "followup_measure", N_("Measure added to a recommendation") },
	{ "followup_measure_done", N_("Measure on a recommendation done") },
	{ "wb_hold_released", N_("Account taken off hold") },
	{ "doc_import", N_("Documents imported") },
	{ "doc_template_adopt", N_("Shared template adopted") },
};

const char *
web_action_label(const char *action)
{
	return code_label(action_labels, NLABELS(action_labels), action);
}

static const struct code_label object_labels[] = {
	{ "person", N_("Person") },
	{ "unit", N_("Unit") },
	{ "tenant", N_("Municipality") },
	{ "api_token", N_("API token") },
	{ "category", N_("Category") },
	{ "deviation", N_("Deviation") },
	{ "whistle_case", N_("Whistleblowing case") },
	{ "whistle", N_("Whistleblowing") },
	{ "risk_review", N_("Risk review due") },
	{ "risk_deviations", N_("More deviations on a risk") },
	{ "wheel", N_("Yearly wheel: task due") },
	{ "wheel_overdue", N_("Yearly wheel: task overdue") },
	{ "followup", N_("Audit follow-up: status due") },
	{ "document", N_("Document") },
	{ "doc_process", N_("Main process") },
	{ "wheel_task", N_("Yearly wheel task") },
	{ "risk_assessment", N_("Risk assessment") },
	{ "risk", N_("Risk") },
	{ "followup_report", N_("Audit report") },
	{ "followup_rec", N_("Recommendation") },
	{ "sso_provider", N_("Sign-in service") },
};

const char *
web_object_label(const char *type)
{
	return code_label(object_labels, NLABELS(object_labels), type);
}

static const char *const status_labels[DEV_STATUS_MAX] = {
	[DEV_NEW]		= N_("New"),
	[DEV_ACKNOWLEDGED]	= N_("In progress"),
	[DEV_RETURNED]		= N_("Returned to the reporter"),
	[DEV_CLOSED]		= N_("Closed"),
};

const char *
web_dev_status_label(enum dev_status st)
{
	return indexed_label(status_labels, NLABELS(status_labels), (int)st);
}

static const struct code_label group_labels[] = {
	/* Only the new ones: "Open" means every one not closed elsewhere
	 * (the inbox, the start page). */
	{ "open", N_("New, not yet acknowledged") },
	{ "in_progress", N_("In progress") },
	{ "closed", N_("Closed") },
	{ "not_closed", N_("Not closed") },
};

const char *
web_dev_group_label(const char *group)
{
	return code_label(group_labels, NLABELS(group_labels), group);
}

const char *
web_dev_kind_label(enum dev_kind k)
{
	switch (k) {
	case DEV_DEVIATION:
		return _("Deviation");
	case DEV_IMPROVEMENT:
		return _("Improvement proposal");
	default:
		return "?";
	}
}

const char *
web_dev_severity_label(int s)
{
	switch (s) {
	case 1:
		return _("1 – Small");
	case 2:
		return _("2 – Moderate");
	case 3:
		return _("3 – Serious");
	case 4:
		return _("4 – Critical");
	default:
		return _("Not given");
	}
}

static const struct code_label event_labels[] = {
	{ "created", N_("Reported") },
	{ "acknowledged", N_("Receipt acknowledged") },
	{ "classified", N_("Reclassified") },
	{ "transferred", N_("Transferred to another unit") },
	{ "returned", N_("Returned to the reporter") },
	{ "resubmitted", N_("Corrected and sent in again") },
	{ "analysed", N_("Cause and consequence recorded") },
	{ "measure_added", N_("Measure added") },
	{ "measure_completed", N_("Measure completed") },
	{ "measure_assigned", N_("Measure given to another owner") },
	{ "closed", N_("Closed") },
	{ "reopened", N_("Reopened") },
	{ "comment", N_("Internal note") },
	{ "legal_done", N_("Authority notified") },
	{ "reminder", N_("Reminder sent") },
	{ "escalated", N_("Escalated to the leader above") },
};

const char *
web_dev_event_label(const char *type)
{
	return code_label(event_labels, NLABELS(event_labels), type);
}

static const char *const dev_action_labels[DA_MAX] = {
	[DA_ACKNOWLEDGE]	= N_("Acknowledge receipt"),
	[DA_TRANSFER]		= N_("Transfer to another unit"),
	[DA_RETURN]		= N_("Return to the reporter"),
	[DA_RESUBMIT]		= N_("Send in again"),
	[DA_CLASSIFY]		= N_("Reclassify"),
	[DA_ANALYSE]		= N_("Cause and consequence"),
	[DA_ADD_MEASURE]	= N_("Add a measure"),
	[DA_COMPLETE_MEASURE]	= N_("Mark the measure done"),
	[DA_CLOSE]		= N_("Close"),
	[DA_REOPEN]		= N_("Reopen"),
	[DA_COMMENT]		= N_("Internal note"),
	[DA_LEGAL_DONE]		= N_("Mark as notified"),
	[DA_ASSIGN_MEASURE]	= N_("Give the measure to"),
};

const char *
web_dev_action_label(enum dev_action a)
{
	return indexed_label(dev_action_labels, NLABELS(dev_action_labels),
	    (int)a);
}

static const struct code_label authority_labels[] = {
	/* The authorities' own names; translated so that English readers
	 * are told what they are. */
	{ "datatilsynet", N_("the Data Protection Authority (Datatilsynet)") },
	{ "arbeidstilsynet", N_("the Labour Inspection Authority (Arbeidstilsynet)") },
	{ "politiet", N_("the police") },
	{ "helsetilsyn", N_("the Norwegian Board of Health Supervision (Statens helsetilsyn)") },
};

const char *
web_dev_authority_label(const char *authority)
{
	return code_label(authority_labels, NLABELS(authority_labels), authority);
}

static const struct code_label legal_labels[] = {
	{ "gdpr33", N_("A breach of personal data security must be reported to Datatilsynet within 72 hours (GDPR article 33).") },
	{ "aml52", N_("A serious work accident must be reported to Arbeidstilsynet and the police at once (Working Environment Act section 5-2).") },
	{ "helsetilsyn", N_("A serious incident in health and care must be reported to Statens helsetilsyn at once.") },
};

const char *
web_dev_legal_label(const char *legal)
{
	if (legal == NULL || legal[0] == '\0')
		return NULL;
	return code_label(legal_labels, NLABELS(legal_labels), legal);
}

static const struct code_label notification_labels[] = {
	{ "new", N_("New report") },
	{ "reminder", N_("Reminder") },
	{ "escalation", N_("Escalated") },
	{ "transferred", N_("Transferred") },
	{ "returned", N_("Returned") },
	{ "closed", N_("Closed") },
	{ "reopened", N_("Reopened") },
	{ "measure", N_("Measure") },
	{ "legal", N_("Legal deadline") },
	{ "overdue_summary", N_("Deadlines passed long ago") },
	{ "acknowledged", N_("Receipt acknowledged") },
	{ "measure_done", N_("Measure done") },
	{ "measure_due", N_("Measure due soon") },
	{ "measure_due_left", N_("Measure due soon, its owner has left") },
	{ "risk_measure", N_("Measure") },
	{ "whistle", N_("Whistleblowing") },
	{ "risk_review", N_("Risk review due") },
	{ "risk_deviations", N_("More deviations on a risk") },
	{ "wheel", N_("Yearly wheel: task due") },
	{ "wheel_overdue", N_("Yearly wheel: task overdue") },
	{ "followup", N_("Audit follow-up: status due") },
	{ "doc_revision_due", N_("Revision due soon") },
	{ "doc_revision_overdue", N_("Revision overdue") },
	{ "doc_read_reminder", N_("Reminder: documents to read") },
	{ "doc_to_read", N_("New document to read") },
};

const char *
web_top_route_label(const char *role)
{
	enum role r;

	if (role == NULL || role_parse(role, &r) != 0)
		return role != NULL ? role : "";
	return web_role_label(r);
}

const char *
web_unit_kind_label(const char *kind)
{
	if (kind == NULL)
		return "";
	if (strcmp(kind, "school") == 0)
		return _("School");
	if (strcmp(kind, "kindergarten") == 0)
		return _("Kindergarten");
	if (strcmp(kind, "health_care") == 0)
		return _("Health and care services");
	return _("Other");
}

const char *
web_notification_label(const char *kind)
{
	return code_label(notification_labels, NLABELS(notification_labels), kind);
}

/* --- whistleblowing (varsling) ---------------------------------------------- */

static const char *const wb_state_labels[WB_STATE_MAX] = {
	[WB_RECEIVED]		= N_("Received"),
	[WB_ACKNOWLEDGED]	= N_("Receipt confirmed"),
	[WB_INVESTIGATING]	= N_("Being investigated"),
	[WB_CONCLUDED]		= N_("Concluded"),
	[WB_CLOSED]		= N_("The case is closed"),
	[WB_NOT_WHISTLEBLOWING]	= N_("Not a whistleblowing case"),
};

const char *
web_wb_state_label(enum wb_state st)
{
	return indexed_label(wb_state_labels, NLABELS(wb_state_labels), (int)st);
}

static const struct code_label wb_reporter_state_labels[] = {
	{ "received", N_("Received") },
	{ "acknowledged", N_("Receipt confirmed") },
	{ "in_progress", N_("In progress") },
	{ "closed", N_("The case is closed") },
};

const char *
web_wb_reporter_state_label(const char *state)
{
	return code_label(wb_reporter_state_labels,
	    NLABELS(wb_reporter_state_labels), state);
}

static const char *const wb_reporter_labels[WB_REP_MAX] = {
	[WB_REP_EMPLOYEE]	= N_("Employee of the municipality"),
	[WB_REP_HIRED]		= N_("Hired worker (from a staffing agency)"),
	[WB_REP_ELECTED]	= N_("Elected official in the municipality"),
	[WB_REP_STUDENT]	= N_("Pupil or student at an institution for teaching or research"),
	[WB_REP_PATIENT]	= N_("Patient in a health or rehabilitation institution"),
	[WB_REP_TRAINEE]	= N_("Trainee, or in a job or labour-market measure"),
	[WB_REP_CONSCRIPT]	= N_("Conscript, or in civilian or civil-defence service"),
	[WB_REP_OTHER]		= N_("None of these"),
};

const char *
web_wb_reporter_label(enum wb_reporter r)
{
	return indexed_label(wb_reporter_labels, NLABELS(wb_reporter_labels), (int)r);
}

static const char *const wb_concerns_labels[WB_CONCERNS_MAX] = {
	[WB_CONCERNS_EMPLOYEE]		= N_("A colleague or a leader"),
	[WB_CONCERNS_CHIEF_EXECUTIVE]	= N_("The chief executive"),
	[WB_CONCERNS_ELECTED]		= N_("An elected official"),
};

const char *
web_wb_concerns_label(enum wb_concerns c)
{
	return indexed_label(wb_concerns_labels, NLABELS(wb_concerns_labels), (int)c);
}

const char *
web_wb_procedure_label(int procedure)
{
	switch (procedure) {
	case 1:
		return _("1 – Between employees");
	case 2:
		return _("2 – Against the chief executive");
	case 3:
		return _("3 – Against an elected official, from an employee");
	case 4:
		return _("4 – Between elected officials");
	}
	return "?";
}

static const struct code_label wb_basis_labels[] = {
	{ "nearest_leader", N_("Nearest leader") },
	{ "leader_above", N_("The leader above (the report concerns the nearest leader)") },
	{ "hr_head", N_("Head of HR") },
	{ "finance_head", N_("Head of finance") },
	{ "mayor", N_("Mayor") },
	{ "opposition_leader", N_("Leader of the largest opposition party") },
	{ "chief_executive", N_("Chief executive") },
	{ "formannskap", N_("Member of the executive committee") },
	{ "group_leader", N_("Party group leader") },
	{ "party_group", N_("Member of the party group") },
	{ "leader", N_("Leader") },
	{ "hr_cohandler", N_("HR, co-handler") },
};

const char *
web_wb_basis_label(const char *basis)
{
	return code_label(wb_basis_labels, NLABELS(wb_basis_labels), basis);
}

static const struct code_label wb_event_labels[] = {
	{ "received", N_("Report received") },
	{ "received_oral", N_("Oral report registered") },
	{ "impartial", N_("Declared impartial") },
	{ "recused", N_("Declared disqualified and left the case") },
	{ "routed_on", N_("Routed on to another handler") },
	{ "acknowledged", N_("Receipt confirmed to the reporter") },
	{ "not_whistleblowing", N_("Registered as not a whistleblowing case") },
	{ "investigating", N_("Investigation started") },
	{ "investigation", N_("Step of the investigation") },
	{ "care", N_("Step of care") },
	/* The events the model stores for logged steps. */
	{ "step_investigation", N_("Step of the investigation") },
	{ "step_care", N_("Step of care") },
	{ "accused_heard", N_("The accused's statement (right to be heard)") },
	{ "decided", N_("Decision on how the case is handled") },
	{ "forwarded", N_("Sent to the executive committee") },
	{ "report", N_("Report") },
	{ "conclusion", N_("Conclusion") },
	{ "concluded", N_("Report and conclusion") },
	{ "archived", N_("Archived, exempt from public access") },
	{ "closed", N_("The case is closed") },
	{ "message_to_reporter", N_("Message to the reporter") },
	{ "message_from_reporter", N_("Message from the reporter") },
	{ "reminder", N_("Reminder sent") },
	{ "accused_set", N_("Set who the case concerns") },
	{ "handler_excluded", N_("A handler left the case: excluded by whom it concerns") },
	{ "cohandler_added", N_("HR involved as co-handler") },
	{ "cohandler_removed", N_("A co-handler left the case") },
};

const char *
web_wb_event_label(const char *type)
{
	return code_label(wb_event_labels, NLABELS(wb_event_labels), type);
}

static const struct code_label wb_outcome_labels[] = {
	{ "substantiated", N_("Censurable conditions found") },
	{ "partly", N_("Partly substantiated") },
	{ "not_substantiated", N_("Not substantiated") },
	{ "not_whistleblowing", N_("Not a whistleblowing case") },
};

const char *
web_wb_outcome_label(const char *outcome)
{
	return code_label(wb_outcome_labels, NLABELS(wb_outcome_labels), outcome);
}
