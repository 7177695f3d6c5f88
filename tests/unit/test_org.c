/* test_org.c: tenants, the unit tree, people and roles, and above all that
 * one tenant's functions never see or touch another tenant's rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "fixture_db.h"
#include "org/org.h"

static const char SQL_AUDIT_COUNT[] = "SELECT COUNT(*) FROM audit_log";

/* The detail of the newest audit row of tenant t with this action, in
 * the arena, or NULL. */
static const char SQL_AUDIT_LAST[] =
    "SELECT detail FROM audit_log WHERE tenant_id = $1 AND action = $2"
    " ORDER BY seq DESC LIMIT 1";

static const char *
audit_last(struct ctx *ctx, const char *action)
{
	struct dbstmt	*st;
	const char	*d = NULL;

	if (db_prepare_tenant(ctx->conn, ctx->tenant_id, SQL_AUDIT_LAST, &st) != 0)
		return NULL;
	db_bind_text(st, 2, action);
	if (db_step(st) == DB_ROW)
		d = arena_strdup(ctx->arena, db_col_text(st, 0));
	db_reset(st);
	return d;
}

static int64_t
person_new(struct ctx *ctx, const char *login, const char *name, int64_t unit)
{
	struct person p = { 0 };

	p.login = login;
	p.name = name;
	p.unit_id = unit;
	p.active = 1;
	return org_person_create(ctx, &p);
}

static void
test_role_names(void **state)
{
	enum role	r;
	int		i;

	(void)state;
	assert_string_equal(role_name(ROLE_EMPLOYEE), "employee");
	assert_string_equal(role_name(ROLE_HR_HEAD), "hr_head");
	assert_string_equal(role_name(ROLE_CHIEF_SAFETY_REP), "chief_safety_rep");
	assert_string_equal(role_name(ROLE_AUDITOR), "auditor");
	assert_null(role_name(ROLE_MAX));
	for (i = 0; i < ROLE_MAX; i++) {
		assert_non_null(role_name((enum role)i));
		assert_int_equal(role_parse(role_name((enum role)i), &r), 0);
		assert_int_equal(r, i);
	}
	assert_int_equal(role_parse("Admin", &r), -1);
	assert_int_equal(role_parse("", &r), -1);
	assert_true(role_is_scoped(ROLE_LEADER));
	assert_true(role_is_scoped(ROLE_EMPLOYEE));
	assert_true(role_is_scoped(ROLE_SAFETY_REP));
	assert_true(role_is_scoped(ROLE_UNION_REP));
	assert_false(role_is_scoped(ROLE_ADMIN));
	assert_false(role_is_scoped(ROLE_MAYOR));
	assert_false(role_is_scoped(ROLE_CHIEF_SAFETY_REP));
}

static void
test_tenant_resolve(void **state)
{
	struct fixture	f;
	struct tenant	t;
	int64_t		a, b;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	assert_int_equal(tenant_count(f.conn), 0);
	assert_int_equal(tenant_resolve(f.conn, f.arena, NULL, &t), -1);
	a = tenant_create(f.conn, "Vestby kommune", "vestby.example");
	assert_true(a > 0);
	/* One tenant answers on any host. */
	assert_int_equal(tenant_resolve(f.conn, f.arena, "localhost", &t), 0);
	assert_int_equal(t.id, a);
	assert_string_equal(t.name, "Vestby kommune");
	b = tenant_create(f.conn, "Frosta kommune", "frosta.example");
	assert_true(b > a);
	assert_int_equal(tenant_count(f.conn), 2);
	/* Two: the host must pick one. */
	assert_int_equal(tenant_resolve(f.conn, f.arena, "localhost", &t), -1);
	assert_int_equal(tenant_resolve(f.conn, f.arena, NULL, &t), -1);
	assert_int_equal(tenant_resolve(f.conn, f.arena, "Frosta.Example", &t), 0);
	assert_int_equal(t.id, b);
	assert_int_equal(tenant_get(f.conn, f.arena, a, &t), 0);
	assert_string_equal(t.host, "vestby.example");
	assert_int_equal(tenant_get(f.conn, f.arena, 999, &t), -1);
	/* A duplicate host is refused. */
	assert_int_equal(tenant_create(f.conn, "X", "vestby.example"), DB_CONSTRAINT);
	assert_int_equal(tenant_count(f.conn), 2);
	fixture_close(&f);
}

static void
test_tenant_isolation(void **state)
{
	struct fixture		 f;
	struct ctx		 ca, cb;
	struct unit		 u, *list;
	struct person		 p, *people;
	struct roleset		 rs;
	size_t			 n, i;
	int64_t			 ta, tb, ua, ub, pa, pb, ra, rb;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	ta = tenant_create(f.conn, "A", "a.example");
	tb = tenant_create(f.conn, "B", "b.example");
	fixture_ctx(&f, &ca, ta, NULL);
	fixture_ctx(&f, &cb, tb, NULL);

	/* The same code and the same login in both tenants are independent. */
	ua = org_unit_create(&ca, "SK1", "Skole A", 0);
	ub = org_unit_create(&cb, "SK1", "Skole B", 0);
	assert_true(ua > 0);
	assert_true(ub > 0);
	assert_int_not_equal(ua, ub);
	pa = person_new(&ca, "kari", "Kari A", ua);
	pb = person_new(&cb, "kari", "Kari B", ub);
	assert_true(pa > 0);
	assert_true(pb > 0);

	assert_int_equal(org_unit_by_code(&ca, "SK1", &u), 0);
	assert_int_equal(u.id, ua);
	assert_string_equal(u.name, "Skole A");
	assert_int_equal(org_unit_by_code(&cb, "SK1", &u), 0);
	assert_int_equal(u.id, ub);
	assert_int_equal(org_person_by_login(&ca, "kari", &p), 0);
	assert_int_equal(p.id, pa);
	assert_string_equal(p.name, "Kari A");
	assert_int_equal(org_person_by_login(&cb, "kari", &p), 0);
	assert_int_equal(p.id, pb);

	/* Lists hold only the tenant's own rows. */
	assert_int_equal(org_unit_list(&ca, &list, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].id, ua);
	assert_int_equal(org_person_list(&cb, &people, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(people[0].id, pb);

	/* By id across tenants: not found. */
	assert_int_equal(org_unit_get(&ca, ub, &u), -1);
	assert_int_equal(org_person_get(&ca, pb, &p), -1);
	assert_false(org_unit_within(&ca, ub, ub));

	/* Writes across tenants are refused and change nothing. */
	assert_int_equal(org_unit_create(&ca, "SK2", "Under B", ub), DB_CONSTRAINT);
	assert_true(org_unit_update(&ca, ub, "Stolen", 0) < 0);
	assert_int_equal(org_unit_update(&ca, ua, "Skole A", ub), DB_CONSTRAINT);
	assert_int_equal(person_new(&ca, "ola", "Ola", ub), DB_CONSTRAINT);
	p.id = pb;
	p.login = "kari";
	p.name = "Renamed";
	p.unit_id = 0;
	p.active = 1;
	assert_true(org_person_update(&ca, &p) < 0);
	assert_true(org_role_grant(&ca, pb, ROLE_ADMIN, 0) < 0);
	assert_true(org_role_grant(&ca, pa, ROLE_LEADER, ub) < 0);
	assert_true(org_password_set(&ca, pb, "$argon2id$fake", 0) < 0);

	/* Roles: each tenant sees only its own assignments. */
	rb = org_role_grant(&cb, pb, ROLE_ADMIN, 0);
	assert_true(rb > 0);
	ra = org_role_grant(&ca, pa, ROLE_LEADER, ua);
	assert_true(ra > 0);
	assert_int_equal(org_roles_of(&ca, pb, &rs), 0);
	assert_int_equal(rs.n, 0);
	assert_int_equal(org_role_revoke(&ca, pb, rb), -1);
	assert_int_equal(org_role_revoke(&ca, pa, rb), -1);
	assert_int_equal(org_roles_of(&cb, pb, &rs), 0);
	assert_int_equal(rs.n, 1);

	/* B's rows are untouched by all of the above. */
	assert_int_equal(org_unit_get(&cb, ub, &u), 0);
	assert_string_equal(u.name, "Skole B");
	assert_int_equal(org_person_get(&cb, pb, &p), 0);
	assert_string_equal(p.name, "Kari B");
	assert_int_equal(p.unit_id, ub);
	{
		const char *h = "x";

		assert_int_equal(org_password_get(&cb, pb, &h), 0);
		assert_null(h);
		assert_int_equal(org_password_get(&ca, pb, &h), -1);
	}
	for (i = 0; i < 2; i++) {
		struct ctx *c = i == 0 ? &ca : &cb;

		assert_int_equal(org_unit_list(c, &list, &n), 0);
		assert_int_equal(n, 1);
	}
	fixture_close(&f);
}

static void
test_tree_order_and_depth(void **state)
{
	struct fixture	 f;
	struct ctx	 c;
	struct unit	*v;
	size_t		 n, i;
	int64_t		 t, kommune, helse, oppvekst, annet;
	static const struct { const char *name; int depth; } want[] = {
		{ "Annet", 0 },
		{ "Kommune", 0 },
		{ "Helse og omsorg", 1 },
		{ "Hjemmetjenesten", 2 },
		{ "Sykehjem B", 2 },
		{ "Oppvekst", 1 },
		{ "Alfa skole", 2 },
		{ "Zeta barnehage", 2 },
	};

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	t = tenant_create(f.conn, "T", NULL);
	fixture_ctx(&f, &c, t, NULL);
	/* Created out of order, so neither id nor insertion order is the answer. */
	kommune = org_unit_create(&c, "K", "Kommune", 0);
	oppvekst = org_unit_create(&c, "OPP", "Oppvekst", kommune);
	assert_true(org_unit_create(&c, "ZB", "Zeta barnehage", oppvekst) > 0);
	helse = org_unit_create(&c, "HO", "Helse og omsorg", kommune);
	assert_true(org_unit_create(&c, "SB", "Sykehjem B", helse) > 0);
	annet = org_unit_create(&c, "AN", "Annet", 0);
	assert_true(annet > 0);
	assert_true(org_unit_create(&c, "HJ", "Hjemmetjenesten", helse) > 0);
	assert_true(org_unit_create(&c, "AS", "Alfa skole", oppvekst) > 0);

	assert_int_equal(org_unit_list(&c, &v, &n), 0);
	assert_int_equal(n, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < n; i++) {
		assert_string_equal(v[i].name, want[i].name);
		assert_int_equal(v[i].depth, want[i].depth);
	}
	assert_int_equal(v[2].parent_id, kommune);

	/* Moving a subtree moves its depth with it. */
	assert_int_equal(org_unit_update(&c, helse, "Helse og omsorg", annet), 0);
	assert_int_equal(org_unit_list(&c, &v, &n), 0);
	assert_string_equal(v[0].name, "Annet");
	assert_string_equal(v[1].name, "Helse og omsorg");
	assert_int_equal(v[1].depth, 1);
	assert_string_equal(v[2].name, "Hjemmetjenesten");
	assert_int_equal(v[2].depth, 2);
	assert_string_equal(v[4].name, "Kommune");
	assert_int_equal(v[4].depth, 0);
	fixture_close(&f);
}

static void
test_cycle_refused(void **state)
{
	struct fixture	f;
	struct ctx	c;
	struct unit	u;
	int64_t		t, a, b, cc;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	t = tenant_create(f.conn, "T", NULL);
	fixture_ctx(&f, &c, t, NULL);
	a = org_unit_create(&c, "A", "A", 0);
	b = org_unit_create(&c, "B", "B", a);
	cc = org_unit_create(&c, "C", "C", b);
	assert_int_equal(org_unit_update(&c, a, "A", cc), -2);	/* grandchild */
	assert_int_equal(org_unit_update(&c, a, "A", b), -2);	/* child */
	assert_int_equal(org_unit_update(&c, a, "A", a), -2);	/* itself */
	assert_int_equal(org_unit_get(&c, a, &u), 0);
	assert_int_equal(u.parent_id, 0);
	/* Not a cycle: fine. */
	assert_int_equal(org_unit_update(&c, cc, "C2", a), 0);
	assert_int_equal(org_unit_get(&c, cc, &u), 0);
	assert_int_equal(u.parent_id, a);
	assert_string_equal(u.name, "C2");
	assert_true(org_unit_within(&c, cc, a));
	assert_false(org_unit_within(&c, cc, b));
	assert_false(org_unit_within(&c, a, cc));
	/* Unknown unit */
	assert_int_equal(org_unit_update(&c, 999, "X", 0), -1);
	assert_int_equal(org_unit_get(&c, 999, &u), -1);
	fixture_close(&f);
}

static void
test_duplicates_and_audit(void **state)
{
	struct fixture	 f;
	struct ctx	 c;
	struct person	 p;
	const char	*d, *h;
	int64_t		 t, u, id, before;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	t = tenant_create(f.conn, "T", NULL);
	fixture_ctx(&f, &c, t, NULL);
	u = org_unit_create(&c, "NAV", "NAV", 0);
	assert_string_equal(audit_last(&c, "unit_create"), "code=NAV");
	assert_int_equal(org_unit_create(&c, "NAV", "Again", 0), DB_CONSTRAINT);
	id = person_new(&c, "ola", "Ola Nordmann", u);
	assert_true(id > 0);
	assert_non_null(strstr(audit_last(&c, "person_create"), "login=ola"));
	assert_int_equal(person_new(&c, "ola", "Another Ola", 0), DB_CONSTRAINT);

	/* Update: fields change, the audit says what changed. */
	assert_int_equal(org_person_get(&c, id, &p), 0);
	p.name = "Ola N.";
	p.email = "ola@example.org";
	p.party = "Sp";
	p.active = 0;
	assert_int_equal(org_person_update(&c, &p), 0);
	assert_int_equal(org_person_get(&c, id, &p), 0);
	assert_string_equal(p.name, "Ola N.");
	assert_string_equal(p.email, "ola@example.org");
	assert_string_equal(p.party, "Sp");
	assert_int_equal(p.active, 0);
	assert_int_equal(p.unit_id, u);
	d = audit_last(&c, "person_update");
	assert_non_null(strstr(d, "deactivated"));
	/* An address that would break the To: header of the person's
	 * e-mail (a line break adds headers or recipients) is never stored,
	 * whichever writer brings it (the SSO provider's claim, issue 13). */
	p.email = "ola@example.org\r\nBcc: spy@evil.example";
	assert_int_equal(org_person_update(&c, &p), DB_CONSTRAINT);
	p.email = "<ola@example.org>";
	assert_int_equal(org_person_update(&c, &p), DB_CONSTRAINT);
	assert_int_equal(org_person_get(&c, id, &p), 0);
	assert_string_equal(p.email, "ola@example.org");
	assert_true(org_email_ok("ola.nordmann+avvik@kommune.no"));
	assert_false(org_email_ok("ola"));
	assert_false(org_email_ok("@kommune.no"));
	assert_false(org_email_ok("ola@"));
	assert_false(org_email_ok("a@b@c"));

	/* A password hash is stored but never written to the audit log. */
	before = fixture_int(f.conn, SQL_AUDIT_COUNT);
	assert_int_equal(org_password_set(&c, id, "$argon2id$v=19$secret", 1), 0);
	assert_int_equal(fixture_int(f.conn, SQL_AUDIT_COUNT), before + 1);
	assert_int_equal(org_password_get(&c, id, &h), 0);
	assert_string_equal(h, "$argon2id$v=19$secret");
	d = audit_last(&c, "password_set");
	assert_non_null(d);
	assert_null(strstr(d, "argon2"));
	assert_int_equal(org_password_set(&c, 999, "x", 0), -1);
	fixture_close(&f);
}

static void
test_roles_and_scope(void **state)
{
	struct fixture	f;
	struct ctx	c;
	struct roleset	rs;
	int64_t		t, kommune, helse, sykehjem, skole, pid, r1, r2, before;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	t = tenant_create(f.conn, "T", NULL);
	fixture_ctx(&f, &c, t, NULL);
	kommune = org_unit_create(&c, "K", "Kommune", 0);
	helse = org_unit_create(&c, "HO", "Helse", kommune);
	sykehjem = org_unit_create(&c, "SH", "Sykehjem", helse);
	skole = org_unit_create(&c, "SK", "Skole", kommune);
	pid = person_new(&c, "leder", "Lene Leder", helse);

	r1 = org_role_grant(&c, pid, ROLE_LEADER, helse);
	assert_true(r1 > 0);
	assert_string_equal(audit_last(&c, "role_grant"),
	    "login=leder role=leader unit=HO");
	/* Granting again returns the same assignment and audits nothing. */
	before = fixture_int(f.conn, SQL_AUDIT_COUNT);
	assert_int_equal(org_role_grant(&c, pid, ROLE_LEADER, helse), r1);
	assert_int_equal(fixture_int(f.conn, SQL_AUDIT_COUNT), before);
	r2 = org_role_grant(&c, pid, ROLE_HR, 0);
	assert_true(r2 > 0);
	assert_int_equal(org_role_grant(&c, pid, ROLE_LEADER, 4242), DB_CONSTRAINT);

	assert_int_equal(org_roles_of(&c, pid, &rs), 0);
	assert_int_equal(rs.n, 2);
	assert_int_equal(rs.v[0].role, ROLE_LEADER);	/* enum order */
	assert_int_equal(rs.v[0].unit_id, helse);
	assert_int_equal(rs.v[1].role, ROLE_HR);

	/* Scoped: the unit and its subtree, not siblings or parents. */
	assert_true(org_has_role(&c, &rs, ROLE_LEADER, helse));
	assert_true(org_has_role(&c, &rs, ROLE_LEADER, sykehjem));
	assert_false(org_has_role(&c, &rs, ROLE_LEADER, skole));
	assert_false(org_has_role(&c, &rs, ROLE_LEADER, kommune));
	assert_true(org_has_role(&c, &rs, ROLE_LEADER, 0));	/* anywhere */
	/* Tenant-wide: everywhere. */
	assert_true(org_has_role(&c, &rs, ROLE_HR, skole));
	assert_true(org_has_role(&c, &rs, ROLE_HR, 0));
	assert_false(org_has_role(&c, &rs, ROLE_ADMIN, 0));

	assert_int_equal(org_role_revoke(&c, pid, r1), 0);
	assert_string_equal(audit_last(&c, "role_revoke"),
	    "login=leder role=leader unit=HO");
	assert_int_equal(org_role_revoke(&c, pid, r1), -1);
	assert_int_equal(org_roles_of(&c, pid, &rs), 0);
	assert_int_equal(rs.n, 1);
	assert_false(org_has_role(&c, &rs, ROLE_LEADER, sykehjem));
	fixture_close(&f);
}

/* The gates (org/gate.c) ask authz/ before anything else, so someone who
 * may not manage the organisation learns nothing about which codes and
 * logins exist; the system may; a revoke of one's own administrator role
 * is refused whatever the entry point. */
static void
test_gates_ask_first(void **state)
{
	struct fixture		 f;
	struct ctx		 sys, as;
	struct person		 emp, admin, p;
	struct org_result	 r;
	int64_t			 t, top, eid, aid, rid;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	t = tenant_create(f.conn, "T", NULL);
	fixture_ctx(&f, &sys, t, NULL);
	org_unit_add(&sys, "K", "Kommune", 0, &r);
	assert_int_equal(r.outcome, ORG_OK);
	top = r.id;
	assert_string_equal(audit_last(&sys, "unit_create"), "code=K");
	org_unit_add(&sys, "K", "Again", 0, &r);
	assert_int_equal(r.outcome, ORG_CONFLICT);
	assert_string_equal(r.field, "code");
	org_unit_add(&sys, "X", "X", 4242, &r);
	assert_int_equal(r.outcome, ORG_INVALID);
	assert_string_equal(r.field, "parent_id");
	eid = person_new(&sys, "emp", "Emma Employee", top);
	aid = person_new(&sys, "adm", "Ada Admin", top);
	assert_true(org_role_grant(&sys, aid, ROLE_ADMIN, 0) > 0);

	/* An employee: denied, even for a code or login that is taken. */
	assert_int_equal(org_person_get(&sys, eid, &emp), 0);
	fixture_ctx(&f, &as, t, &emp);
	assert_int_equal(org_roles_of(&as, eid, &as.roles), 0);
	org_unit_add(&as, "K", "Kommune", 0, &r);
	assert_int_equal(r.outcome, ORG_DENIED);
	memset(&p, 0, sizeof(p));
	p.login = "adm";
	p.name = "Someone";
	p.active = 1;
	org_person_add(&as, &p, &r);
	assert_int_equal(r.outcome, ORG_DENIED);

	/* The administrator: may, and is told what is taken. */
	assert_int_equal(org_person_get(&sys, aid, &admin), 0);
	fixture_ctx(&f, &as, t, &admin);
	assert_int_equal(org_roles_of(&as, aid, &as.roles), 0);
	org_person_add(&as, &p, &r);
	assert_int_equal(r.outcome, ORG_CONFLICT);
	assert_string_equal(r.field, "login");
	p.login = "ny";
	p.unit_id = 4242;
	org_person_add(&as, &p, &r);
	assert_int_equal(r.outcome, ORG_INVALID);
	assert_string_equal(r.field, "unit_id");
	p.unit_id = top;
	org_person_add(&as, &p, &r);
	assert_int_equal(r.outcome, ORG_OK);
	assert_non_null(strstr(audit_last(&as, "person_create"), "login=ny"));

	/* Not their own administrator role; the system may. */
	rid = as.roles.v[0].id;
	assert_int_equal(as.roles.v[0].role, ROLE_ADMIN);
	assert_int_equal(org_role_revoke(&as, aid, rid), ORG_ERR_FORBIDDEN);
	assert_int_equal(org_role_revoke(&sys, aid, rid), 0);
	fixture_close(&f);
}

static void
test_caller_rollback_undoes_write_and_audit(void **state)
{
	struct fixture	f;
	struct ctx	c;
	struct unit	u;
	int64_t		t, before;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	t = tenant_create(f.conn, "T", NULL);
	fixture_ctx(&f, &c, t, NULL);
	before = fixture_int(f.conn, SQL_AUDIT_COUNT);
	assert_int_equal(db_begin(f.conn), 0);
	assert_true(org_unit_create(&c, "X", "X", 0) > 0);
	assert_int_equal(db_rollback(f.conn), 0);
	assert_int_equal(org_unit_by_code(&c, "X", &u), -1);
	assert_int_equal(fixture_int(f.conn, SQL_AUDIT_COUNT), before);
	fixture_close(&f);
}

static const char SQL_ANC_COUNT[] = "SELECT COUNT(*) FROM unit_ancestors";

/* A fixed sequence of pseudo-random numbers (xorshift64): the same units
 * and moves on every run and machine. */
static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/*
 * The closure kept on write (unit_ancestors) equals the one recounted from
 * units.parent_id after any sequence of creates and moves: subtrees moved
 * under other subtrees, to the top, refused moves into themselves, and a
 * second municipality's tree changed in between, which must not leak into
 * the first one's rows.
 */
static void
test_ancestry_property(void **state)
{
	struct fixture	f;
	struct ctx	c[2];
	int64_t		t[2], ids[2][200];
	size_t		n[2] = { 0, 0 }, k, w;
	uint64_t	seed = 0x5eed0013;
	char		code[32];
	int		i, rc, moved = 0, refused = 0;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	t[0] = tenant_create(f.conn, "T", NULL);
	t[1] = tenant_create(f.conn, "U", NULL);
	fixture_ctx(&f, &c[0], t[0], NULL);
	fixture_ctx(&f, &c[1], t[1], NULL);
	for (i = 0; i < 600; i++) {
		w = rnd(&seed) % 2;
		if (n[w] < 5 || (n[w] < 200 && rnd(&seed) % 3 == 0)) {
			/* A new unit: a root now and then, else under any. */
			snprintf(code, sizeof(code), "U%d", i);
			ids[w][n[w]] = org_unit_create(&c[w], code, code,
			    rnd(&seed) % 8 == 0 || n[w] == 0 ? 0 :
			    ids[w][rnd(&seed) % n[w]]);
			assert_true(ids[w][n[w]] > 0);
			n[w]++;
		} else {
			/* A move: under any unit (perhaps into itself or
			 * its own subtree: refused, nothing changes), or
			 * to the top. */
			k = rnd(&seed) % n[w];
			snprintf(code, sizeof(code), "M%d", i);
			rc = org_unit_update(&c[w], ids[w][k], code,
			    rnd(&seed) % 6 == 0 ? 0 : ids[w][rnd(&seed) % n[w]]);
			assert_true(rc == 0 || rc == -2);
			moved += rc == 0;
			refused += rc == -2;
		}
		if (i % 25 == 24) {
			assert_int_equal(org_ancestry_check(&c[0]), 0);
			assert_int_equal(org_ancestry_check(&c[1]), 0);
		}
	}
	/* The sequence did what it is meant to test. */
	assert_true(moved > 50);
	assert_true(refused > 0);

	/* And the recount is not blind: a row lost, or one too many, shows. */
	assert_int_equal(db_exec(f.conn, "DELETE FROM unit_ancestors WHERE"
	    " depth = 1 AND unit_id = (SELECT MAX(unit_id) FROM unit_ancestors"
	    " WHERE depth = 1)"), 0);
	assert_true(org_ancestry_check(&c[0]) + org_ancestry_check(&c[1]) == 1);
	fixture_close(&f);
}

/* A unit created or moved in a transaction the caller rolls back leaves
 * the closure as it was. */
static void
test_ancestry_rollback(void **state)
{
	struct fixture	f;
	struct ctx	c;
	int64_t		t, a, b, before;

	(void)state;
	assert_int_equal(fixture_open(&f, 1), 0);
	t = tenant_create(f.conn, "T", NULL);
	fixture_ctx(&f, &c, t, NULL);
	a = org_unit_create(&c, "A", "A", 0);
	b = org_unit_create(&c, "B", "B", a);
	assert_true(a > 0 && b > 0);
	before = fixture_int(f.conn, SQL_ANC_COUNT);
	assert_int_equal(before, 3);	/* A-A, B-B, A-B */
	assert_int_equal(db_begin(f.conn), 0);
	assert_true(org_unit_create(&c, "C", "C", b) > 0);
	assert_int_equal(org_unit_update(&c, b, "B", 0), 0);
	assert_int_equal(db_rollback(f.conn), 0);
	assert_int_equal(fixture_int(f.conn, SQL_ANC_COUNT), before);
	assert_int_equal(org_ancestry_check(&c), 0);
	fixture_close(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_role_names),
		cmocka_unit_test(test_tenant_resolve),
		cmocka_unit_test(test_tenant_isolation),
		cmocka_unit_test(test_tree_order_and_depth),
		cmocka_unit_test(test_cycle_refused),
		cmocka_unit_test(test_duplicates_and_audit),
		cmocka_unit_test(test_roles_and_scope),
		cmocka_unit_test(test_gates_ask_first),
		cmocka_unit_test(test_caller_rollback_undoes_write_and_audit),
		cmocka_unit_test(test_ancestry_property),
		cmocka_unit_test(test_ancestry_rollback),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
