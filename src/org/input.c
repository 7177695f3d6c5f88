/* input.c: the organisation's declared fields (org_input.h) and their
 * readers: one table per action family for the admin pages and the API. */
#include "org/org_input.h"

#include <stddef.h>
#include <string.h>

const struct field org_unit_fields[OUF_MAX + 1] = {
	[OUF_CODE]	= { "code", F_CODE, 0, 1, 64 },
	[OUF_NAME]	= { "name", F_LINE, 1, 1, 200 },
	[OUF_PARENT_ID]	= { "parent_id", F_INT, 0, 0, INT64_MAX },
	[OUF_PARENT]	= { "parent", F_INT, 0, 0, INT64_MAX },
	[OUF_KIND]	= { "kind", F_CODE, 0, 0, 20 },
	[OUF_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field org_close_fields[OCF_MAX + 1] = {
	[OCF_INTO_ID]	= { "into_id", F_INT, 0, 0, INT64_MAX },
	[OCF_INTO]	= { "into", F_INT, 0, 0, INT64_MAX },
	[OCF_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field org_person_fields[OPF_MAX + 1] = {
	[OPF_LOGIN]	= { "login", F_CODE, 0, 2, 64 },
	[OPF_NAME]	= { "name", F_LINE, 1, 1, 200 },
	[OPF_EMAIL]	= { "email", F_EMAIL, 0, 3, 254 },
	[OPF_UNIT_ID]	= { "unit_id", F_INT, 0, 0, INT64_MAX },
	[OPF_UNIT]	= { "unit", F_INT, 0, 0, INT64_MAX },
	[OPF_PARTY]	= { "party", F_LINE, 0, 0, 100 },
	[OPF_ACTIVE]	= { "active", F_BOOL, 0, 0, 1 },
	[OPF_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field org_role_fields[ORF_MAX + 1] = {
	[ORF_ROLE]	= { "role", F_CODE, 1, 1, 40 },
	[ORF_UNIT_ID]	= { "unit_id", F_INT, 0, 0, INT64_MAX },
	[ORF_UNIT]	= { "unit", F_INT, 0, 0, INT64_MAX },
	[ORF_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field org_saved_flag_query[OSQ_MAX + 1] = {
	[OSQ_SAVED]	= { "saved", F_BOOL, 0, 0, 1 },
	[OSQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

const struct field org_saved_word_query[OSQ_MAX + 1] = {
	[OSQ_SAVED]	= { "saved", F_CODE, 0, 0, 16 },
	[OSQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

/* The search box's words: a name or login is at most 200 bytes. */
const struct field org_people_query[OPQ_MAX + 1] = {
	[OPQ_Q]		= { "q", F_LINE, 0, 0, 200 },
	[OPQ_MAX]	= { NULL, 0, 0, 0, 0 }
};

int
org_saved_known(enum org_saved_page page, const char *word)
{
	static const char *const accounts[] = { "contact", "revoked", NULL };
	static const char *const person[] = { "created", "role", "1", NULL };
	const char *const *w = page == OSP_ACCOUNTS ? accounts : person;

	for (; word != NULL && *w != NULL; w++)
		if (strcmp(*w, word) == 0)
			return 1;
	return 0;
}

static const struct field_value none[OPF_MAX + OUF_MAX + ORF_MAX];

static const char *
str(const struct field_value *v)
{
	return v->present && v->s != NULL && v->s[0] != '\0' ? v->s : NULL;
}

/* The value of a field or of its alias (the alias wins: a face sends
 * one name, and only the web form sends the alias). */
static const struct field_value *
either(const struct field_value *name, const struct field_value *alias)
{
	return alias->present ? alias : name;
}

void
org_unit_read(const struct field_value *v, struct org_unit_input *out)
{
	const struct field_value *p;

	if (v == NULL)
		v = none;
	p = either(&v[OUF_PARENT_ID], &v[OUF_PARENT]);
	out->code = str(&v[OUF_CODE]);
	out->name = str(&v[OUF_NAME]);
	out->kind = str(&v[OUF_KIND]);
	out->parent_id = p->present ? p->i : 0;
}

int64_t
org_close_read(const struct field_value *v)
{
	const struct field_value *p;

	if (v == NULL)
		v = none;
	p = either(&v[OCF_INTO_ID], &v[OCF_INTO]);
	return p->present ? p->i : 0;
}

void
org_person_read(const struct field_value *v, struct person *out)
{
	const struct field_value *u;

	if (v == NULL)
		v = none;
	u = either(&v[OPF_UNIT_ID], &v[OPF_UNIT]);
	out->id = 0;
	out->login = str(&v[OPF_LOGIN]);
	out->name = str(&v[OPF_NAME]);
	out->email = str(&v[OPF_EMAIL]);
	out->unit_id = u->present ? u->i : 0;
	out->party = str(&v[OPF_PARTY]);
	out->active = v[OPF_ACTIVE].present && v[OPF_ACTIVE].i != 0;
	out->lang = NULL;
}

void
org_role_read(const struct field_value *v, struct org_role_input *out)
{
	const struct field_value *u;

	if (v == NULL)
		v = none;
	u = either(&v[ORF_UNIT_ID], &v[ORF_UNIT]);
	out->role = str(&v[ORF_ROLE]);
	out->unit_id = u->present ? u->i : ORG_UNIT_UNSAID;
}
