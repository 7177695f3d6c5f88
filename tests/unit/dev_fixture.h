/* dev_fixture.h: a small municipality for the deviation tests (header-only,
 * like fixture_db.h):
 *
 *   Kommune (K)            ce: chief executive, leader of K
 *   ├─ Oppvekst (OO)       sector: leader
 *   │  └─ Vestre skole (VS)  vsl: leader; emp, emp2: employees
 *   └─ Helse (HO)          hol: leader
 *      └─ Sykehjem (SH)    shl: leader
 *         └─ Avdeling (AV) no leader of its own
 *   quality: quality adviser; admin: admin
 * and the default categories. */
#ifndef ORDEN_DEV_FIXTURE_H
#define ORDEN_DEV_FIXTURE_H

#include "deviation/deviation.h"
#include "fixture_db.h"
#include "notify/notify.h"
#include "org/org.h"

enum { U_K, U_OO, U_VS, U_HO, U_SH, U_AV, DU_MAX };
enum { P_CE, P_SECTOR, P_VSL, P_EMP, P_EMP2, P_HOL, P_SHL, P_QUALITY, P_ADMIN,
	DP_MAX };

struct devfx {
	struct fixture	f;
	struct ctx	c;
	int64_t		tenant;
	int64_t		unit[DU_MAX];
	struct person	p[DP_MAX];
};

static inline int
devfx_person(struct devfx *x, int i, const char *login, int unit,
    enum role role, int role_unit)
{
	x->p[i].login = login;
	x->p[i].name = login;
	x->p[i].active = 1;
	x->p[i].unit_id = unit >= 0 ? x->unit[unit] : 0;
	if ((x->p[i].id = org_person_create(&x->c, &x->p[i])) <= 0)
		return -1;
	if (org_role_grant(&x->c, x->p[i].id, role,
	    role_unit >= 0 ? x->unit[role_unit] : 0) <= 0)
		return -1;
	return 0;
}

/* The fixture in the database at url (NULL: a fresh SQLite file; else
 * e.g. a fresh PostgreSQL database, for tests that run on both). */
static inline int
devfx_open_at(struct devfx *x, const char *url)
{
	memset(x, 0, sizeof(*x));
	if (fixture_open(&x->f, 1) != 0)
		return -1;
	if (url != NULL && (snprintf(x->f.path, sizeof(x->f.path), "%s", url) >=
	    (int)sizeof(x->f.path) || fixture_reopen(&x->f, 1) != 0))
		return -1;
	x->tenant = tenant_create(x->f.conn, "Testvik", NULL);
	fixture_ctx(&x->f, &x->c, x->tenant, NULL);
	x->unit[U_K] = org_unit_create(&x->c, "K", "Kommune", 0);
	x->unit[U_OO] = org_unit_create(&x->c, "OO", "Oppvekst", x->unit[U_K]);
	x->unit[U_VS] = org_unit_create(&x->c, "VS", "Vestre skole", x->unit[U_OO]);
	x->unit[U_HO] = org_unit_create(&x->c, "HO", "Helse", x->unit[U_K]);
	x->unit[U_SH] = org_unit_create(&x->c, "SH", "Sykehjem", x->unit[U_HO]);
	x->unit[U_AV] = org_unit_create(&x->c, "AV", "Avdeling", x->unit[U_SH]);
	if (devfx_person(x, P_CE, "ce", U_K, ROLE_CHIEF_EXECUTIVE, -1) != 0 ||
	    org_role_grant(&x->c, x->p[P_CE].id, ROLE_LEADER, x->unit[U_K]) <= 0 ||
	    devfx_person(x, P_SECTOR, "sector", U_OO, ROLE_LEADER, U_OO) != 0 ||
	    devfx_person(x, P_VSL, "vsl", U_VS, ROLE_LEADER, U_VS) != 0 ||
	    devfx_person(x, P_EMP, "emp", U_VS, ROLE_EMPLOYEE, U_VS) != 0 ||
	    devfx_person(x, P_EMP2, "emp2", U_VS, ROLE_EMPLOYEE, U_VS) != 0 ||
	    devfx_person(x, P_HOL, "hol", U_HO, ROLE_LEADER, U_HO) != 0 ||
	    devfx_person(x, P_SHL, "shl", U_SH, ROLE_LEADER, U_SH) != 0 ||
	    devfx_person(x, P_QUALITY, "quality", -1, ROLE_QUALITY, -1) != 0 ||
	    devfx_person(x, P_ADMIN, "admin", -1, ROLE_ADMIN, -1) != 0)
		return -1;
	if (dev_categories_seed(&x->c) != 0)
		return -1;
	return 0;
}

static inline int
devfx_open(struct devfx *x)
{
	return devfx_open_at(x, NULL);
}

static inline void
devfx_close(struct devfx *x)
{
	fixture_close(&x->f);
}

/* Act as person i (-1: the system). */
static inline void
devfx_as(struct devfx *x, int i)
{
	if (i < 0) {
		x->c.user = NULL;
		x->c.roles.v = NULL;
		x->c.roles.n = 0;
		return;
	}
	x->c.user = &x->p[i];
	if (org_roles_of(&x->c, x->p[i].id, &x->c.roles) != 0)
		abort();
}

/* Report as person `who` in unit u; 0 on success with *out filled. */
static inline int
devfx_report(struct devfx *x, int who, int u, const char *category,
    int severity, int concerns_leader, struct deviation *out)
{
	struct dev_report	 r;
	const char		*field = NULL;

	memset(&r, 0, sizeof(r));
	r.kind = category != NULL ? DEV_DEVIATION : DEV_IMPROVEMENT;
	r.title = "Noe skjedde";
	r.description = "Beskrivelse av hendelsen.";
	r.category = category;
	r.unit_id = x->unit[u];
	r.severity = severity;
	r.concerns_leader = concerns_leader;
	devfx_as(x, who);
	return deviation_report(&x->c, &r, out, &field);
}

/* Notifications of kind for person i about deviation id (0: any). */
static inline int
devfx_notes(struct devfx *x, int i, const char *kind, int64_t id)
{
	struct notification	*v;
	size_t			 n, k;
	int			 c = 0;

	if (notification_list(&x->c, x->p[i].id, 0, &v, &n) != 0)
		return -1;
	for (k = 0; k < n; k++)
		if ((kind == NULL || strcmp(v[k].kind, kind) == 0) &&
		    (id == 0 || v[k].deviation_id == id))
			c++;
	return c;
}

#endif
