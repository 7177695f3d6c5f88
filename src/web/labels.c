/* labels.c: role and audit-action names as people read them. */
#include "web/labels.h"

#include <string.h>

#include "i18n.h"

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
	if ((int)r < 0 || r >= ROLE_MAX || role_labels[r] == NULL)
		return "?";
	return _(role_labels[r]);
}

static const struct {
	const char *code, *label;
} action_labels[] = {
	{ "login", N_("Logged in") },
	{ "login_failed", N_("Failed login") },
	{ "login_throttled", N_("Login blocked (too many attempts)") },
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
	{ "tenant_create", N_("Municipality created") },
};

const char *
web_action_label(const char *action)
{
	size_t i;

	if (action == NULL)
		return "";
	for (i = 0; i < sizeof(action_labels) / sizeof(action_labels[0]); i++)
		if (strcmp(action, action_labels[i].code) == 0)
			return _(action_labels[i].label);
	return action;
}

static const struct {
	const char *code, *label;
} object_labels[] = {
	{ "person", N_("Person") },
	{ "unit", N_("Unit") },
	{ "tenant", N_("Municipality") },
};

const char *
web_object_label(const char *type)
{
	size_t i;

	if (type == NULL)
		return "";
	for (i = 0; i < sizeof(object_labels) / sizeof(object_labels[0]); i++)
		if (strcmp(type, object_labels[i].code) == 0)
			return _(object_labels[i].label);
	return type;
}
