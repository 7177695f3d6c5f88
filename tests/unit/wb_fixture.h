/* wb_fixture.h: a small municipality for the whistleblowing tests
 * (header-only, like dev_fixture.h):
 *
 *   Kommune (K)               ce: chief executive, leader of K
 *   ├─ Oppvekst (OO)          sector: leader
 *   │  └─ Vestre skole (VS)   vsl: leader; emp, emp2: employees
 *   └─ Helse (HO)             hol: leader
 *      └─ Sykehjem (SH)       shl: leader
 *         └─ Avdeling (AV)    no leader; nurse: employee
 *   hrh: hr_head   fin: finance_head   hr: hr   safety: chief_safety_rep
 *   mayor (A): mayor, formannskap, elected     opp (B): opposition_leader, formannskap, elected
 *   fa1 (A), fb1 (B), fc1 (C): formannskap, elected
 *   gla (A): group_leader, elected    ela1, ela2 (A): elected
 *   glb (B): group_leader, elected    elb1 (B): elected
 *   quality: quality adviser          admin: admin
 * Everyone has a keypair (the secret key kept in sk[]), and the tenant has
 * a recovery key (its secret in recovery_sk). */
#ifndef ORDEN_WB_FIXTURE_H
#define ORDEN_WB_FIXTURE_H

#include <sodium.h>

#include "auth/auth.h"
#include "fixture_db.h"
#include "org/org.h"
#include "vault/vault.h"
#include "whistle/whistle.h"

enum { W_K, W_OO, W_VS, W_HO, W_SH, W_AV, WU_MAX };
enum {
	WP_CE, WP_SECTOR, WP_VSL, WP_EMP, WP_EMP2, WP_HOL, WP_SHL, WP_NURSE,
	WP_HRH, WP_FIN, WP_HR, WP_SAFETY, WP_MAYOR, WP_OPP, WP_FA1, WP_FB1, WP_FC1,
	WP_GLA, WP_ELA1, WP_ELA2, WP_GLB, WP_ELB1, WP_QUALITY, WP_ADMIN, WP_MAX
};

#define WB_PW "et-passord-for-test"

struct wbfx {
	struct fixture	f;
	struct ctx	c;
	int64_t		tenant;
	int64_t		unit[WU_MAX];
	struct person	p[WP_MAX];
	struct roleset	roles[WP_MAX];
	unsigned char	sk[WP_MAX][VAULT_SK];
	unsigned char	recovery_sk[VAULT_SK];
};

static inline int
wbfx_person(struct wbfx *x, int i, const char *login, const char *name,
    int unit, const char *party)
{
	x->p[i].login = login;
	x->p[i].name = name;
	x->p[i].active = 1;
	x->p[i].party = party;
	x->p[i].unit_id = unit >= 0 ? x->unit[unit] : 0;
	return (x->p[i].id = org_person_create(&x->c, &x->p[i])) > 0 ? 0 : -1;
}

static inline int
wbfx_grant(struct wbfx *x, int i, enum role role, int unit)
{
	return org_role_grant(&x->c, x->p[i].id, role,
	    unit >= 0 ? x->unit[unit] : 0) > 0 ? 0 : -1;
}

/* Act as person i (NULL-safe roles loaded), or as nobody with i < 0. */
static inline void
wbfx_as(struct wbfx *x, int i)
{
	x->c.user = i >= 0 ? &x->p[i] : NULL;
	/* A new person acting is a new request: its first view of a case is
	 * audited again (one whistle_read row per view). */
	x->c.wb_read_audited = 0;
	memset(&x->c.roles, 0, sizeof(x->c.roles));
	if (i >= 0)
		x->c.roles = x->roles[i];
}

static inline int
wbfx_open(struct wbfx *x)
{
	char	secret[256];
	int	i, rc = 0;

	memset(x, 0, sizeof(*x));
	if (sodium_init() < 0)
		return -1;
	auth_set_cost(AUTH_COST_TEST);
	if (fixture_open(&x->f, 1) != 0)
		return -1;
	x->tenant = tenant_create(x->f.conn, "Testvik", NULL);
	fixture_ctx(&x->f, &x->c, x->tenant, NULL);
	x->unit[W_K] = org_unit_create(&x->c, "K", "Kommune", 0);
	x->unit[W_OO] = org_unit_create(&x->c, "OO", "Oppvekst", x->unit[W_K]);
	x->unit[W_VS] = org_unit_create(&x->c, "VS", "Vestre skole", x->unit[W_OO]);
	x->unit[W_HO] = org_unit_create(&x->c, "HO", "Helse", x->unit[W_K]);
	x->unit[W_SH] = org_unit_create(&x->c, "SH", "Sykehjem", x->unit[W_HO]);
	x->unit[W_AV] = org_unit_create(&x->c, "AV", "Avdeling", x->unit[W_SH]);
	rc |= wbfx_person(x, WP_CE, "ce", "Cecilie Eng", W_K, NULL);
	rc |= wbfx_grant(x, WP_CE, ROLE_CHIEF_EXECUTIVE, -1);
	rc |= wbfx_grant(x, WP_CE, ROLE_LEADER, W_K);
	rc |= wbfx_person(x, WP_SECTOR, "sector", "Siri Sektor", W_OO, NULL);
	rc |= wbfx_grant(x, WP_SECTOR, ROLE_LEADER, W_OO);
	rc |= wbfx_person(x, WP_VSL, "vsl", "Viggo Skoleleder", W_VS, NULL);
	rc |= wbfx_grant(x, WP_VSL, ROLE_LEADER, W_VS);
	rc |= wbfx_person(x, WP_EMP, "emp", "Erle Ansatt", W_VS, NULL);
	rc |= wbfx_grant(x, WP_EMP, ROLE_EMPLOYEE, W_VS);
	rc |= wbfx_person(x, WP_EMP2, "emp2", "Eirik Kollega", W_VS, NULL);
	rc |= wbfx_grant(x, WP_EMP2, ROLE_EMPLOYEE, W_VS);
	rc |= wbfx_person(x, WP_HOL, "hol", "Hanne Helseleder", W_HO, NULL);
	rc |= wbfx_grant(x, WP_HOL, ROLE_LEADER, W_HO);
	rc |= wbfx_person(x, WP_SHL, "shl", "Sofie Sykehjemsleder", W_SH, NULL);
	rc |= wbfx_grant(x, WP_SHL, ROLE_LEADER, W_SH);
	rc |= wbfx_person(x, WP_NURSE, "nurse", "Nina Sykepleier", W_AV, NULL);
	rc |= wbfx_grant(x, WP_NURSE, ROLE_EMPLOYEE, W_AV);
	rc |= wbfx_person(x, WP_HRH, "hrh", "Helge Personalsjef", W_K, NULL);
	rc |= wbfx_grant(x, WP_HRH, ROLE_HR_HEAD, -1);
	rc |= wbfx_person(x, WP_FIN, "fin", "Frida Finans", W_K, NULL);
	rc |= wbfx_grant(x, WP_FIN, ROLE_FINANCE_HEAD, -1);
	rc |= wbfx_person(x, WP_HR, "hr", "Hugo HR", W_K, NULL);
	rc |= wbfx_grant(x, WP_HR, ROLE_HR, -1);
	rc |= wbfx_person(x, WP_SAFETY, "safety", "Sverre Verneombud", W_K, NULL);
	rc |= wbfx_grant(x, WP_SAFETY, ROLE_CHIEF_SAFETY_REP, -1);
	rc |= wbfx_person(x, WP_MAYOR, "mayor", "Marit Ordfører", -1, "A");
	rc |= wbfx_grant(x, WP_MAYOR, ROLE_MAYOR, -1);
	rc |= wbfx_grant(x, WP_MAYOR, ROLE_FORMANNSKAP, -1);
	rc |= wbfx_grant(x, WP_MAYOR, ROLE_ELECTED, -1);
	rc |= wbfx_person(x, WP_OPP, "opp", "Ola Opposisjon", -1, "B");
	rc |= wbfx_grant(x, WP_OPP, ROLE_OPPOSITION_LEADER, -1);
	rc |= wbfx_grant(x, WP_OPP, ROLE_FORMANNSKAP, -1);
	rc |= wbfx_grant(x, WP_OPP, ROLE_ELECTED, -1);
	rc |= wbfx_person(x, WP_FA1, "fa1", "Fredrik A", -1, "A");
	rc |= wbfx_grant(x, WP_FA1, ROLE_FORMANNSKAP, -1);
	rc |= wbfx_grant(x, WP_FA1, ROLE_ELECTED, -1);
	rc |= wbfx_person(x, WP_FB1, "fb1", "Fia B", -1, "B");
	rc |= wbfx_grant(x, WP_FB1, ROLE_FORMANNSKAP, -1);
	rc |= wbfx_grant(x, WP_FB1, ROLE_ELECTED, -1);
	rc |= wbfx_person(x, WP_FC1, "fc1", "Finn C", -1, "C");
	rc |= wbfx_grant(x, WP_FC1, ROLE_FORMANNSKAP, -1);
	rc |= wbfx_grant(x, WP_FC1, ROLE_ELECTED, -1);
	rc |= wbfx_person(x, WP_GLA, "gla", "Gro Gruppeleder A", -1, "A");
	rc |= wbfx_grant(x, WP_GLA, ROLE_GROUP_LEADER, -1);
	rc |= wbfx_grant(x, WP_GLA, ROLE_ELECTED, -1);
	rc |= wbfx_person(x, WP_ELA1, "ela1", "Egil A", -1, "A");
	rc |= wbfx_grant(x, WP_ELA1, ROLE_ELECTED, -1);
	rc |= wbfx_person(x, WP_ELA2, "ela2", "Elin A", -1, "A");
	rc |= wbfx_grant(x, WP_ELA2, ROLE_ELECTED, -1);
	rc |= wbfx_person(x, WP_GLB, "glb", "Geir Gruppeleder B", -1, "B");
	rc |= wbfx_grant(x, WP_GLB, ROLE_GROUP_LEADER, -1);
	rc |= wbfx_grant(x, WP_GLB, ROLE_ELECTED, -1);
	rc |= wbfx_person(x, WP_ELB1, "elb1", "Eva B", -1, "B");
	rc |= wbfx_grant(x, WP_ELB1, ROLE_ELECTED, -1);
	rc |= wbfx_person(x, WP_QUALITY, "quality", "Kari Kvalitet", W_K, NULL);
	rc |= wbfx_grant(x, WP_QUALITY, ROLE_QUALITY, -1);
	rc |= wbfx_person(x, WP_ADMIN, "admin", "Arne Admin", W_K, NULL);
	rc |= wbfx_grant(x, WP_ADMIN, ROLE_ADMIN, -1);
	if (rc != 0)
		return -1;
	for (i = 0; i < WP_MAX; i++) {
		if (org_roles_of(&x->c, x->p[i].id, &x->roles[i]) != 0)
			return -1;
		if (vault_person_unlock(&x->c, x->p[i].id, WB_PW, x->sk[i]) != 0)
			return -1;
	}
	if (vault_recovery_create(&x->c, secret, sizeof(secret)) != 0 ||
	    vault_recovery_parse(secret, x->recovery_sk) != 0)
		return -1;
	sodium_memzero(secret, sizeof(secret));
	return 0;
}

static inline void
wbfx_close(struct wbfx *x)
{
	fixture_close(&x->f);
}

/* A minimal valid report. */
static inline void
wbfx_report(struct wb_report *r, enum wb_concerns concerns, const char *accused)
{
	memset(r, 0, sizeof(*r));
	r->concerns = concerns;
	r->reporter_category = WB_REP_EMPLOYEE;
	r->accused_login = accused;
	r->meant_as_whistleblowing = 1;
	r->what = "Det som skjedde";
	r->why_censurable = "Det bryter med reglene";
}

/* Index of person id in the fixture, or -1. */
static inline int
wbfx_who(const struct wbfx *x, int64_t id)
{
	int i;

	for (i = 0; i < WP_MAX; i++)
		if (x->p[i].id == id)
			return i;
	return -1;
}

#endif
