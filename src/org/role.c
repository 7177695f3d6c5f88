/* role.c: the role names (as in the API, CSV import and the database) and
 * which roles are held for a unit's subtree rather than the whole tenant. */
#include "org/org.h"

#include <string.h>

struct role_def {
	const char	*name;
	int		 scoped;	/* held for a unit and its subtree */
	int		 single;	/* an office of one person */
};

/* Indexed by enum role; the names are stored in role_assignments.role, so
 * never rename one without a migration. */
static const struct role_def roles[ROLE_MAX] = {
	[ROLE_EMPLOYEE]		= { "employee", 1, 0 },
	[ROLE_LEADER]		= { "leader", 1, 0 },
	[ROLE_QUALITY]		= { "quality", 0, 0 },
	[ROLE_ADMIN]		= { "admin", 0, 0 },
	[ROLE_HR]		= { "hr", 0, 0 },
	[ROLE_HR_HEAD]		= { "hr_head", 0, 0 },
	[ROLE_FINANCE_HEAD]	= { "finance_head", 0, 0 },
	[ROLE_CHIEF_EXECUTIVE]	= { "chief_executive", 0, 1 },
	[ROLE_MAYOR]		= { "mayor", 0, 1 },
	[ROLE_OPPOSITION_LEADER] = { "opposition_leader", 0, 1 },
	[ROLE_FORMANNSKAP]	= { "formannskap", 0, 0 },
	[ROLE_GROUP_LEADER]	= { "group_leader", 0, 0 },
	[ROLE_ELECTED]		= { "elected", 0, 0 },
	[ROLE_SAFETY_REP]	= { "safety_rep", 1, 0 },
	[ROLE_CHIEF_SAFETY_REP]	= { "chief_safety_rep", 0, 0 },
	[ROLE_UNION_REP]	= { "union_rep", 1, 0 },
	[ROLE_AUDITOR]		= { "auditor", 0, 0 },
};

const char *
role_name(enum role r)
{
	if ((int)r < 0 || r >= ROLE_MAX)
		return NULL;
	return roles[r].name;
}

int
role_parse(const char *s, enum role *out)
{
	int i;

	if (s == NULL)
		return -1;
	for (i = 0; i < ROLE_MAX; i++)
		if (strcmp(s, roles[i].name) == 0) {
			*out = (enum role)i;
			return 0;
		}
	return -1;
}

int
role_is_scoped(enum role r)
{
	if ((int)r < 0 || r >= ROLE_MAX)
		return 0;
	return roles[r].scoped;
}

int
role_is_single(enum role r)
{
	if ((int)r < 0 || r >= ROLE_MAX)
		return 0;
	return roles[r].single;
}
