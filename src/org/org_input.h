/* org_input.h: the fields of the organisation's actions, declared once
 * for both faces. The admin pages (/admin/units, /admin/people) and the
 * JSON API (/api/v1/units, /api/v1/people) route with these tables, so a
 * value meets the same type and bounds through either; http/ checks them
 * before the handler runs. The readers turn the checked values into the
 * typed input the gates (org.h) take; a value is reached by its enum
 * below, never by its name as a string.
 *
 * A name one face spells differently is an alias next to the field it
 * stands for (the web form's "parent" for parent_id, "unit" for
 * unit_id), not a second table. Codes and logins have the bound the CSV
 * import has (import.c: 1-64). */
#ifndef ORDEN_ORG_INPUT_H
#define ORDEN_ORG_INPUT_H

#include <stdint.h>

#include "http/http.h"
#include "org/org.h"

/* Positions in org_unit_fields (and so in http_req.vals). */
enum org_unit_field {
	OUF_CODE,	/* creating: required (the gate says so); fixed afterwards */
	OUF_NAME,
	OUF_PARENT_ID,	/* 0 or absent: at the top */
	OUF_PARENT,	/* alias of parent_id: the web form's select */
	OUF_KIND,	/* changing: an org_unit_kinds code; absent: not said */
	OUF_MAX
};
extern const struct field org_unit_fields[OUF_MAX + 1];

/* Positions in org_close_fields: closing a unit into another (close.c). */
enum org_close_field {
	OCF_INTO_ID,	/* the receiving unit */
	OCF_INTO,	/* alias of into_id: the web form's select */
	OCF_MAX
};
extern const struct field org_close_fields[OCF_MAX + 1];
/* The receiving unit the fields give (0: none given). */
int64_t	org_close_read(const struct field_value *vals);

/* Positions in org_person_fields. */
enum org_person_field {
	OPF_LOGIN,	/* creating: required (the gate says so); fixed afterwards */
	OPF_NAME,
	OPF_EMAIL,
	OPF_UNIT_ID,	/* the home unit; 0 or absent: none */
	OPF_UNIT,	/* alias of unit_id: the web form's select */
	OPF_PARTY,
	OPF_ACTIVE,	/* changing: the web form's check box (absent: inactive) */
	OPF_MAX
};
extern const struct field org_person_fields[OPF_MAX + 1];

/* Positions in org_role_fields. */
enum org_role_field {
	ORF_ROLE,	/* a role_name() */
	ORF_UNIT_ID,	/* the scope; absent: see org_role_read */
	ORF_UNIT,	/* alias of unit_id: the web form's select */
	ORF_MAX
};
extern const struct field org_role_fields[ORF_MAX + 1];

/* The admin pages' query parameters, read with http_qtext/http_qint.
 * GET /admin/units and /admin/units/{id}: the banner after a change
 * (saved=1, org_saved_flag_query); GET /admin/accounts and
 * /admin/people/{id}: which change it was (org_saved_word_query, a word
 * org_saved_known checks); GET /admin/people: the search (q). */
enum org_saved_query { OSQ_SAVED, OSQ_MAX };
extern const struct field org_saved_flag_query[OSQ_MAX + 1];
extern const struct field org_saved_word_query[OSQ_MAX + 1];
enum org_people_query { OPQ_Q, OPQ_MAX };
extern const struct field org_people_query[OPQ_MAX + 1];
/* Which page's saved words org_saved_known takes. */
enum org_saved_page { OSP_ACCOUNTS, OSP_PERSON };
/* 1 when word is one of page's banners (accounts: contact, revoked;
 * a person: created, role, 1). */
int	org_saved_known(enum org_saved_page page, const char *word);

/* A unit as the fields give it; strings point into vals. */
struct org_unit_input {
	const char	*code, *name, *kind;	/* NULL when absent */
	int64_t		 parent_id;		/* 0: at the top */
};
void	org_unit_read(const struct field_value *vals, struct org_unit_input *out);

/* A person as the fields give it (id 0; active from the check box;
 * email and party NULL when empty); strings point into vals. */
void	org_person_read(const struct field_value *vals, struct person *out);

/* A role and its scope as the fields give them (struct org_role_input,
 * org.h); unit_id absent: ORG_UNIT_UNSAID. */
void	org_role_read(const struct field_value *vals, struct org_role_input *out);

#endif
