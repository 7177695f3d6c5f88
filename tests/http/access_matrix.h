/* access_matrix.h: who may use which route (issue 6). One row per route
 * (its `name` in src/routes.c) and object scope; one column per role. */
#ifndef ORDEN_ACCESS_MATRIX_H
#define ORDEN_ACCESS_MATRIX_H

enum am_role {
	AM_ANON,	/* no session */
	AM_EMPLOYEE,	/* emma.johansen, Vestre skole */
	AM_LEADER_IN,	/* bjorn.saether, leader of Vestre skole */
	AM_LEADER_OUT,	/* knut.holm, leader of Østbyen skole */
	AM_QUALITY,	/* ingrid.haugen */
	AM_ADMIN,	/* admin */
	AM_CSR,		/* tone.myhre, chief safety representative */
	AM_RECEIPT,	/* a whistleblower signed in by receipt code */
	AM_OTHER_TENANT,	/* admin of "Annen kommune", Host other.test */
	AM_NROLES
};

enum am_scope { AM_NOOBJ, AM_IN, AM_OUT, AM_OTHER };

/* 303 to /login (an anonymous HTML page) is written 302 to tell it from a
 * 303 that is success. 0: not checked. Other statuses are the server's. */
#define AM_TO_LOGIN	302

struct am_row {
	const char	*route;
	enum am_scope	 scope;
	short		 expect[AM_NROLES];
};

/* Columns:	anon, employee, leader_in, leader_out, quality, admin,
 *		chief_safety_rep, receipt, other_tenant
 * Scopes:	in = Vestre skole's unit, person (ole.vik), emma's deviation,
 *		the whistle case in Vestre; out = Sentrum skole's; other = an
 *		object of "Annen kommune". For other_tenant (Host other.test),
 *		in/out are the demo tenant's ids: 404 (or 403 where its admin
 *		may not use the route at all). */
static const struct am_row access_matrix[] = {
	{ "healthz", AM_NOOBJ, { 200, 200, 200, 200, 200, 200, 200, 200, 200 } },
	/* metrics: 404 while no --metrics-token-file is given (test_http_wb_leaks) */
	{ "metrics", AM_NOOBJ, { 404, 404, 404, 404, 404, 404, 404, 404, 404 } },
	{ "home", AM_NOOBJ, { 302, 200, 200, 200, 200, 200, 200, 302, 200 } },
	{ "login_form", AM_NOOBJ, { 200, 303, 303, 303, 303, 303, 303, 200, 303 } },
	/* login: without the login form token every POST is 403 (no state change) */
	{ "login", AM_NOOBJ, { 403, 403, 403, 403, 403, 403, 403, 403, 403 } },
	{ "lang", AM_NOOBJ, { 303, 303, 303, 303, 303, 303, 303, 303, 303 } },
	{ "password_form", AM_NOOBJ, { 302, 200, 200, 200, 200, 200, 200, 302, 200 } },
	/* password, *_create, *_update, dev_action, wb_action: an empty form is 400 where the role may act */
	{ "password", AM_NOOBJ, { 302, 400, 400, 400, 400, 400, 400, 302, 400 } },
	{ "admin_units", AM_NOOBJ, { 302, 403, 403, 403, 200, 200, 403, 302, 200 } },
	{ "admin_unit_create", AM_NOOBJ, { 302, 403, 403, 403, 403, 400, 403, 302, 400 } },
	{ "admin_unit_edit", AM_IN, { 302, 403, 403, 403, 200, 200, 403, 302, 404 } },
	{ "admin_unit_edit", AM_OUT, { 302, 403, 403, 403, 200, 200, 403, 302, 404 } },
	{ "admin_unit_edit", AM_OTHER, { 302, 403, 403, 403, 404, 404, 403, 302, 200 } },
	{ "admin_unit_update", AM_IN, { 302, 403, 403, 403, 403, 400, 403, 302, 404 } },
	{ "admin_unit_update", AM_OUT, { 302, 403, 403, 403, 403, 400, 403, 302, 404 } },
	{ "admin_unit_update", AM_OTHER, { 302, 403, 403, 403, 403, 404, 403, 302, 400 } },
	/* closing a unit: the empty form names no receiving unit (400) */
	{ "admin_unit_close", AM_IN, { 302, 403, 403, 403, 403, 400, 403, 302, 404 } },
	{ "admin_unit_close", AM_OUT, { 302, 403, 403, 403, 403, 400, 403, 302, 404 } },
	{ "admin_unit_close", AM_OTHER, { 302, 403, 403, 403, 403, 404, 403, 302, 400 } },
	{ "admin_people", AM_NOOBJ, { 302, 403, 403, 403, 200, 200, 403, 302, 200 } },
	{ "admin_person_create", AM_NOOBJ, { 302, 403, 403, 403, 403, 400, 403, 302, 400 } },
	{ "admin_person_edit", AM_IN, { 302, 403, 403, 403, 200, 200, 403, 302, 404 } },
	{ "admin_person_edit", AM_OUT, { 302, 403, 403, 403, 200, 200, 403, 302, 404 } },
	{ "admin_person_edit", AM_OTHER, { 302, 403, 403, 403, 404, 404, 403, 302, 200 } },
	{ "admin_person_update", AM_IN, { 302, 403, 403, 403, 403, 400, 403, 302, 404 } },
	{ "admin_person_update", AM_OUT, { 302, 403, 403, 403, 403, 400, 403, 302, 404 } },
	{ "admin_person_update", AM_OTHER, { 302, 403, 403, 403, 403, 404, 403, 302, 400 } },
	{ "admin_role_grant", AM_IN, { 302, 403, 403, 403, 403, 400, 403, 302, 404 } },
	{ "admin_role_grant", AM_OUT, { 302, 403, 403, 403, 403, 400, 403, 302, 404 } },
	{ "admin_role_grant", AM_OTHER, { 302, 403, 403, 403, 403, 404, 403, 302, 400 } },
	/* admin_role_revoke: the admin's 303 removes a grant made for this test */
	{ "admin_role_revoke", AM_IN, { 302, 403, 403, 403, 403, 303, 403, 302, 404 } },
	{ "admin_role_revoke", AM_OUT, { 302, 403, 403, 403, 403, 303, 403, 302, 404 } },
	{ "admin_role_revoke", AM_OTHER, { 302, 403, 403, 403, 403, 404, 403, 302, 303 } },
	{ "admin_person_password", AM_IN, { 302, 403, 403, 403, 403, 200, 403, 302, 404 } },
	{ "admin_person_password", AM_OUT, { 302, 403, 403, 403, 403, 200, 403, 302, 404 } },
	{ "admin_person_password", AM_OTHER, { 302, 403, 403, 403, 403, 404, 403, 302, 200 } },
	{ "admin_audit", AM_NOOBJ, { 302, 403, 403, 403, 200, 200, 403, 302, 200 } },
	/* accounts (issue 11): the administrator only. An empty contact form
	 * clears the contact (303); token id 0 is no token (404). */
	{ "admin_accounts", AM_NOOBJ, { 302, 403, 403, 403, 403, 200, 403, 302, 200 } },
	{ "admin_accounts_contact", AM_NOOBJ, { 302, 403, 403, 403, 403, 303, 403, 302, 303 } },
	{ "admin_token_revoke", AM_IN, { 302, 403, 403, 403, 403, 404, 403, 302, 404 } },
	{ "admin_token_revoke", AM_OUT, { 302, 403, 403, 403, 403, 404, 403, 302, 404 } },
	{ "admin_token_revoke", AM_OTHER, { 302, 403, 403, 403, 403, 404, 403, 302, 404 } },
	{ "dev_new", AM_NOOBJ, { 302, 200, 200, 200, 200, 200, 200, 302, 200 } },
	{ "dev_mine", AM_NOOBJ, { 302, 200, 200, 200, 200, 200, 200, 302, 200 } },
	{ "dev_inbox", AM_NOOBJ, { 302, 200, 200, 200, 200, 200, 200, 302, 200 } },
	{ "dev_list", AM_NOOBJ, { 302, 200, 200, 200, 200, 200, 200, 302, 200 } },
	{ "dev_create", AM_NOOBJ, { 302, 400, 400, 400, 400, 400, 400, 302, 400 } },
	/* deviations: 404, never 403, for cases the user may not see; admin and the chief safety rep see none */
	/* The chief safety representative reads HMS and violence reports
	 * (AML section 6-2; the in/out deviations are HMS): like quality, a
	 * reader, whose empty action form is a 400 before the 403. */
	{ "dev_view", AM_IN, { 302, 200, 200, 404, 200, 404, 200, 302, 404 } },
	{ "dev_view", AM_OUT, { 302, 404, 404, 404, 200, 404, 200, 302, 404 } },
	{ "dev_view", AM_OTHER, { 302, 404, 404, 404, 404, 404, 404, 302, 200 } },
	{ "dev_action", AM_IN, { 302, 400, 400, 404, 400, 404, 400, 302, 404 } },
	{ "dev_action", AM_OUT, { 302, 404, 404, 404, 400, 404, 400, 302, 404 } },
	{ "dev_action", AM_OTHER, { 302, 404, 404, 404, 404, 404, 404, 302, 400 } },
	/* dev_attachment: {aid} is a whistleblowing attachment's id, never one
	 * of this deviation's photos: 404 even where the deviation is visible
	 * (photos themselves: test_http_dev_photos) */
	{ "dev_attachment", AM_IN, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "dev_attachment", AM_OUT, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "dev_attachment", AM_OTHER, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "dashboard", AM_NOOBJ, { 302, 200, 200, 200, 200, 200, 200, 302, 200 } },
	/* the tertial report's page: those who may take it of some area
	 * (a leader: of the unit they lead) */
	{ "report_tertial", AM_NOOBJ, { 302, 403, 200, 200, 200, 403, 403, 302, 403 } },
	/* its written sections (of the caller's top area when none is asked
	 * for, as the page): those who take the report or write one of its groups (a
	 * school's leader writes for the area over his school:
	 * test_http_report_sections); the forms: those who write or
	 * approve somewhere (an empty form names its field); the groups:
	 * the quality adviser */
	{ "report_sections", AM_NOOBJ, { 302, 403, 200, 200, 200, 403, 403, 302, 403 } },
	{ "report_sections_post", AM_NOOBJ, { 302, 403, 400, 400, 400, 403, 403, 302, 403 } },
	{ "report_versions", AM_NOOBJ, { 302, 403, 404, 404, 404, 403, 403, 302, 403 } },
	{ "report_groups", AM_NOOBJ, { 302, 403, 403, 403, 200, 403, 403, 302, 403 } },
	{ "report_groups_post", AM_NOOBJ, { 302, 403, 403, 403, 400, 403, 403, 302, 403 } },
	/* A group of the municipality's report: no group named, 400 for the
	 * one who takes the report; nobody else takes it. */
	{ "report_group", AM_NOOBJ, { 302, 403, 403, 403, 400, 403, 403, 302, 403 } },
	{ "admin_categories", AM_NOOBJ, { 302, 403, 403, 403, 200, 200, 403, 302, 200 } },
	{ "admin_category_create", AM_NOOBJ, { 302, 403, 403, 403, 400, 400, 403, 302, 400 } },
	{ "admin_dev_settings", AM_NOOBJ, { 302, 403, 403, 403, 400, 400, 403, 302, 400 } },
	{ "admin_category_edit", AM_IN, { 302, 403, 403, 403, 200, 200, 403, 302, 404 } },
	{ "admin_category_edit", AM_OUT, { 302, 403, 403, 403, 200, 200, 403, 302, 404 } },
	{ "admin_category_edit", AM_OTHER, { 302, 403, 403, 403, 404, 404, 403, 302, 200 } },
	{ "admin_category_update", AM_IN, { 302, 403, 403, 403, 400, 400, 403, 302, 404 } },
	{ "admin_category_update", AM_OUT, { 302, 403, 403, 403, 400, 400, 403, 302, 404 } },
	{ "admin_category_update", AM_OTHER, { 302, 403, 403, 403, 404, 404, 403, 302, 400 } },
	{ "notifications", AM_NOOBJ, { 302, 200, 200, 200, 200, 200, 200, 302, 200 } },
	{ "notifications_read", AM_NOOBJ, { 302, 303, 303, 303, 303, 303, 303, 302, 303 } },
	{ "wb_alias", AM_NOOBJ, { 303, 303, 303, 303, 303, 303, 303, 303, 303 } },
	{ "wb_start", AM_NOOBJ, { 200, 200, 200, 200, 200, 200, 200, 200, 200 } },
	{ "wb_new", AM_NOOBJ, { 200, 200, 200, 200, 200, 200, 200, 200, 200 } },
	/* reporter forms: 403 for every role without the reporter form token (not exercised further here) */
	{ "wb_create", AM_NOOBJ, { 403, 403, 403, 403, 403, 403, 403, 403, 403 } },
	{ "wb_receipt_form", AM_NOOBJ, { 200, 200, 200, 200, 200, 200, 200, 200, 200 } },
	{ "wb_receipt_login", AM_NOOBJ, { 400, 400, 400, 400, 400, 400, 400, 400, 400 } },
	{ "wb_mine", AM_NOOBJ, { 303, 200, 200, 200, 200, 200, 200, 200, 200 } },
	{ "wb_reporter_message", AM_IN, { 303, 403, 403, 403, 403, 403, 403, 403, 403 } },
	{ "wb_reporter_message", AM_OUT, { 303, 403, 403, 403, 403, 403, 403, 403, 403 } },
	{ "wb_reporter_message", AM_OTHER, { 303, 403, 403, 403, 403, 403, 403, 403, 403 } },
	{ "wb_cases", AM_NOOBJ, { 302, 200, 200, 200, 200, 200, 200, 302, 200 } },
	/* whistleblowing cases: only the routed handler (bjorn for Vestre skole) sees one; 404 for everybody else */
	{ "wb_case", AM_IN, { 302, 404, 200, 404, 404, 404, 404, 302, 404 } },
	{ "wb_case", AM_OUT, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "wb_case", AM_OTHER, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "wb_action", AM_IN, { 302, 404, 400, 404, 404, 404, 404, 302, 404 } },
	{ "wb_action", AM_OUT, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "wb_action", AM_OTHER, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "wb_attachment", AM_IN, { 302, 404, 200, 404, 404, 404, 404, 302, 404 } },
	{ "wb_attachment", AM_OUT, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "wb_attachment", AM_OTHER, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "wb_stats", AM_NOOBJ, { 302, 403, 403, 403, 200, 403, 200, 302, 403 } },
	{ "wb_routing", AM_NOOBJ, { 302, 403, 403, 403, 403, 403, 200, 302, 403 } },
	/* wb_hold_release: {id} is nobody on hold, so the one who may act gets 404 */
	{ "wb_hold_release", AM_IN, { 302, 403, 403, 403, 403, 403, 404, 302, 403 } },
	{ "wb_hold_release", AM_OUT, { 302, 403, 403, 403, 403, 403, 404, 302, 403 } },
	{ "wb_hold_release", AM_OTHER, { 302, 403, 403, 403, 403, 403, 404, 302, 403 } },
	/* sign-in by identity providers (issue 17): the demo has none, so a
	 * provider id is unknown to everyone; the callback without a state is
	 * refused for everyone; the vault page sends a session that has its
	 * key (a password login) straight on, and an empty form is 400 */
	{ "sso_callback", AM_NOOBJ, { 400, 400, 400, 400, 400, 400, 400, 400, 400 } },
	{ "sso_begin", AM_IN, { 404, 404, 404, 404, 404, 404, 404, 404, 404 } },
	{ "sso_begin", AM_OUT, { 404, 404, 404, 404, 404, 404, 404, 404, 404 } },
	{ "sso_begin", AM_OTHER, { 404, 404, 404, 404, 404, 404, 404, 404, 404 } },
	{ "admin_sso", AM_NOOBJ, { 302, 403, 403, 403, 200, 200, 403, 302, 200 } },
	{ "vault_form", AM_NOOBJ, { 302, 303, 303, 303, 303, 303, 303, 302, 303 } },
	{ "vault_open", AM_NOOBJ, { 302, 400, 400, 400, 400, 400, 400, 302, 400 } },
	/* the second step of a login: without a ticket cookie, to the login page
	 * for everyone; resetting another's second factor: admin */
	{ "totp_form", AM_NOOBJ, { 302, 302, 302, 302, 302, 302, 302, 302, 302 } },
	{ "totp", AM_NOOBJ, { 302, 302, 302, 302, 302, 302, 302, 302, 302 } },
	{ "admin_person_second_factor", AM_IN, { 302, 403, 403, 403, 403, 303, 403, 302, 404 } },
	{ "admin_person_second_factor", AM_OUT, { 302, 403, 403, 403, 403, 303, 403, 302, 404 } },
	{ "admin_person_second_factor", AM_OTHER, { 302, 403, 403, 403, 403, 404, 403, 302, 303 } },
	{ "api_me", AM_NOOBJ, { 401, 200, 200, 200, 200, 200, 200, 401, 200 } },
	{ "api_units", AM_NOOBJ, { 401, 200, 200, 200, 200, 200, 200, 401, 200 } },
	/* API POSTs: bodies pass the declared fields and fail in the handler (400) where the role may act */
	{ "api_unit_create", AM_NOOBJ, { 401, 403, 403, 403, 403, 400, 403, 401, 400 } },
	{ "api_unit", AM_IN, { 401, 200, 200, 200, 200, 200, 200, 401, 404 } },
	{ "api_unit", AM_OUT, { 401, 200, 200, 200, 200, 200, 200, 401, 404 } },
	{ "api_unit", AM_OTHER, { 401, 404, 404, 404, 404, 404, 404, 401, 200 } },
	{ "api_unit_close", AM_IN, { 401, 403, 403, 403, 403, 400, 403, 401, 404 } },
	{ "api_unit_close", AM_OUT, { 401, 403, 403, 403, 403, 400, 403, 401, 404 } },
	{ "api_unit_close", AM_OTHER, { 401, 403, 403, 403, 403, 404, 403, 401, 400 } },
	{ "api_people", AM_NOOBJ, { 401, 200, 200, 200, 200, 200, 200, 401, 200 } },
	{ "api_person_create", AM_NOOBJ, { 401, 403, 403, 403, 403, 400, 403, 401, 400 } },
	{ "api_person", AM_IN, { 401, 404, 200, 404, 200, 200, 404, 401, 404 } },
	{ "api_person", AM_OUT, { 401, 404, 404, 404, 200, 200, 404, 401, 404 } },
	{ "api_person", AM_OTHER, { 401, 404, 404, 404, 404, 404, 404, 401, 200 } },
	{ "api_role_grant", AM_IN, { 401, 403, 403, 403, 403, 400, 403, 401, 404 } },
	{ "api_role_grant", AM_OUT, { 401, 403, 403, 403, 403, 400, 403, 401, 404 } },
	{ "api_role_grant", AM_OTHER, { 401, 403, 403, 403, 403, 404, 403, 401, 400 } },
	{ "api_role_revoke", AM_IN, { 401, 403, 403, 403, 403, 400, 403, 401, 404 } },
	{ "api_role_revoke", AM_OUT, { 401, 403, 403, 403, 403, 400, 403, 401, 404 } },
	{ "api_role_revoke", AM_OTHER, { 401, 403, 403, 403, 403, 404, 403, 401, 400 } },
	{ "api_categories", AM_NOOBJ, { 401, 200, 200, 200, 200, 200, 200, 401, 200 } },
	{ "api_category_create", AM_NOOBJ, { 401, 403, 403, 403, 400, 400, 403, 401, 400 } },
	{ "api_dev_settings", AM_NOOBJ, { 401, 403, 403, 403, 200, 200, 403, 401, 200 } },
	{ "api_dev_settings_update", AM_NOOBJ, { 401, 403, 403, 403, 400, 400, 403, 401, 400 } },
	{ "api_category_update", AM_IN, { 401, 403, 403, 403, 400, 400, 403, 401, 404 } },
	{ "api_category_update", AM_OUT, { 401, 403, 403, 403, 400, 400, 403, 401, 404 } },
	{ "api_category_update", AM_OTHER, { 401, 403, 403, 403, 404, 404, 403, 401, 400 } },
	{ "api_deviations", AM_NOOBJ, { 401, 200, 200, 200, 200, 200, 200, 401, 200 } },
	{ "api_deviations_csv", AM_NOOBJ, { 401, 200, 200, 200, 200, 200, 200, 401, 200 } },
	{ "api_deviation_create", AM_NOOBJ, { 401, 400, 400, 400, 400, 400, 400, 401, 400 } },
	{ "api_deviation", AM_IN, { 401, 200, 200, 404, 200, 404, 200, 401, 404 } },
	{ "api_deviation", AM_OUT, { 401, 404, 404, 404, 200, 404, 200, 401, 404 } },
	{ "api_deviation", AM_OTHER, { 401, 404, 404, 404, 404, 404, 404, 401, 200 } },
	{ "api_deviation_action", AM_IN, { 401, 400, 400, 404, 400, 404, 400, 401, 404 } },
	{ "api_deviation_action", AM_OUT, { 401, 404, 404, 404, 400, 404, 400, 401, 404 } },
	{ "api_deviation_action", AM_OTHER, { 401, 404, 404, 404, 404, 404, 404, 401, 400 } },
	{ "api_deviation_attachment", AM_IN, { 401, 404, 404, 404, 404, 404, 404, 401, 404 } },
	{ "api_deviation_attachment", AM_OUT, { 401, 404, 404, 404, 404, 404, 404, 401, 404 } },
	{ "api_deviation_attachment", AM_OTHER, { 401, 404, 404, 404, 404, 404, 404, 401, 404 } },
	{ "api_deviation_stats", AM_NOOBJ, { 401, 403, 403, 403, 200, 200, 200, 401, 200 } },
	/* the tertial report: with no unit_id, of the top area the caller may
	 * take (the page's): the municipality for quality, the chief executive
	 * and the auditor (not in the matrix's roles), a leader's own area
	 * (test_http_report test_no_unit_is_the_callers_area); never admin */
	{ "api_report_tertial", AM_NOOBJ, { 401, 403, 200, 200, 200, 403, 403, 401, 403 } },
	{ "api_report_tertial_xlsx", AM_NOOBJ, { 401, 403, 200, 200, 200, 403, 403, 401, 403 } },
	{ "api_report_tertial_pdf", AM_NOOBJ, { 401, 403, 200, 200, 200, 403, 403, 401, 403 } },
	/* the written sections, versions and groups: as their pages */
	{ "api_report_sections", AM_NOOBJ, { 401, 403, 200, 200, 200, 403, 403, 401, 403 } },
	{ "api_report_sections_post", AM_NOOBJ, { 401, 403, 400, 400, 400, 403, 403, 401, 403 } },
	{ "api_report_versions", AM_NOOBJ, { 401, 403, 400, 400, 400, 403, 403, 401, 403 } },
	{ "api_report_groups", AM_NOOBJ, { 401, 403, 403, 403, 200, 403, 403, 401, 403 } },
	{ "api_report_groups_post", AM_NOOBJ, { 401, 403, 403, 403, 400, 403, 403, 401, 403 } },
	{ "api_notifications", AM_NOOBJ, { 401, 200, 200, 200, 200, 200, 200, 401, 200 } },
	{ "api_notifications_read", AM_NOOBJ, { 401, 200, 200, 200, 200, 200, 200, 401, 200 } },
	{ "api_wb_report", AM_NOOBJ, { 400, 400, 400, 400, 400, 400, 400, 400, 400 } },
	/* the public search: no q (fewer than 3 letters) is 400 for everyone */
	{ "api_wb_people", AM_NOOBJ, { 400, 400, 400, 400, 400, 400, 400, 400, 400 } },
	/* api_wb_receipt: a bad code is 401; later tries from the same address are throttled (429), so only anon is checked */
	{ "api_wb_receipt", AM_NOOBJ, { 401, 0, 0, 0, 0, 0, 0, 0, 0 } },
	{ "api_wb_mine", AM_NOOBJ, { 401, 200, 200, 200, 200, 200, 200, 200, 200 } },
	{ "api_wb_message", AM_IN, { 404, 404, 404, 404, 404, 404, 404, 201, 404 } },
	{ "api_wb_message", AM_OUT, { 404, 404, 404, 404, 404, 404, 404, 404, 404 } },
	{ "api_wb_message", AM_OTHER, { 404, 404, 404, 404, 404, 404, 404, 404, 404 } },
	{ "api_wb_cases", AM_NOOBJ, { 401, 200, 200, 200, 200, 200, 200, 401, 200 } },
	{ "api_wb_case", AM_IN, { 401, 404, 200, 404, 404, 404, 404, 401, 404 } },
	{ "api_wb_case", AM_OUT, { 401, 404, 404, 404, 404, 404, 404, 401, 404 } },
	{ "api_wb_case", AM_OTHER, { 401, 404, 404, 404, 404, 404, 404, 401, 404 } },
	{ "api_wb_attachment", AM_IN, { 401, 404, 200, 404, 404, 404, 404, 401, 404 } },
	{ "api_wb_attachment", AM_OUT, { 401, 404, 404, 404, 404, 404, 404, 401, 404 } },
	{ "api_wb_attachment", AM_OTHER, { 401, 404, 404, 404, 404, 404, 404, 401, 404 } },
	{ "api_wb_action", AM_IN, { 401, 404, 400, 404, 404, 404, 404, 401, 404 } },
	{ "api_wb_action", AM_OUT, { 401, 404, 404, 404, 404, 404, 404, 401, 404 } },
	{ "api_wb_action", AM_OTHER, { 401, 404, 404, 404, 404, 404, 404, 401, 404 } },
	{ "api_wb_stats", AM_NOOBJ, { 401, 403, 403, 403, 200, 403, 200, 401, 403 } },
	{ "api_wb_holds", AM_NOOBJ, { 401, 403, 403, 403, 403, 403, 200, 401, 403 } },
	{ "api_wb_hold_release", AM_IN, { 401, 403, 403, 403, 403, 403, 404, 401, 403 } },
	{ "api_wb_hold_release", AM_OUT, { 401, 403, 403, 403, 403, 403, 404, 401, 403 } },
	{ "api_wb_hold_release", AM_OTHER, { 401, 403, 403, 403, 403, 403, 404, 401, 403 } },
	/* Risk assessment (issue 15): leaders of the unit (and above),
	 * quality, the chief safety representative and the unit's safety
	 * representative (emma, in Vestre) read; leaders and
	 * quality change (csr: 403). An empty form or {} is 400 where the role
	 * may act. */
	{ "risk_list", AM_NOOBJ, { 302, 200, 200, 200, 200, 403, 200, 302, 403 } },
	{ "risk_create", AM_NOOBJ, { 302, 403, 400, 400, 400, 403, 403, 302, 403 } },
	{ "risk_assessment", AM_IN, { 302, 200, 200, 404, 200, 404, 200, 302, 404 } },
	{ "risk_assessment", AM_OUT, { 302, 404, 404, 404, 200, 404, 200, 302, 404 } },
	{ "risk_assessment", AM_OTHER, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "risk_assessment_action", AM_IN, { 302, 403, 400, 404, 400, 404, 403, 302, 404 } },
	{ "risk_assessment_action", AM_OUT, { 302, 404, 404, 404, 400, 404, 403, 302, 404 } },
	{ "risk_assessment_action", AM_OTHER, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "risk_view", AM_IN, { 302, 200, 200, 404, 200, 404, 200, 302, 404 } },
	{ "risk_view", AM_OUT, { 302, 404, 404, 404, 200, 404, 200, 302, 404 } },
	{ "risk_view", AM_OTHER, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "risk_action", AM_IN, { 302, 403, 400, 404, 400, 404, 403, 302, 404 } },
	{ "risk_action", AM_OUT, { 302, 404, 404, 404, 400, 404, 403, 302, 404 } },
	{ "risk_action", AM_OTHER, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "api_risk_assessments", AM_NOOBJ, { 401, 200, 200, 200, 200, 403, 200, 401, 403 } },
	{ "api_risk_assessment_create", AM_NOOBJ, { 401, 403, 400, 400, 400, 403, 403, 401, 403 } },
	{ "api_risk_assessment", AM_IN, { 401, 200, 200, 404, 200, 404, 200, 401, 404 } },
	{ "api_risk_assessment", AM_OUT, { 401, 404, 404, 404, 200, 404, 200, 401, 404 } },
	{ "api_risk_assessment", AM_OTHER, { 401, 404, 404, 404, 404, 404, 404, 401, 404 } },
	{ "api_risk_assessment_action", AM_IN, { 401, 403, 400, 404, 400, 404, 403, 401, 404 } },
	{ "api_risk_assessment_action", AM_OUT, { 401, 404, 404, 404, 400, 404, 403, 401, 404 } },
	{ "api_risk_assessment_action", AM_OTHER, { 401, 404, 404, 404, 404, 404, 404, 401, 404 } },
	{ "api_risk", AM_IN, { 401, 200, 200, 404, 200, 404, 200, 401, 404 } },
	{ "api_risk", AM_OUT, { 401, 404, 404, 404, 200, 404, 200, 401, 404 } },
	{ "api_risk", AM_OTHER, { 401, 404, 404, 404, 404, 404, 404, 401, 404 } },
	{ "api_risk_action", AM_IN, { 401, 403, 400, 404, 400, 404, 403, 401, 404 } },
	{ "api_risk_action", AM_OUT, { 401, 404, 404, 404, 400, 404, 403, 401, 404 } },
	{ "api_risk_action", AM_OTHER, { 401, 404, 404, 404, 404, 404, 404, 401, 404 } },
	/* The words of the score steps and the ROS templates: kept by the
	 * quality adviser; leaders read them and start from a template. */
	{ "risk_settings", AM_NOOBJ, { 302, 403, 200, 200, 200, 403, 403, 302, 403 } },
	{ "risk_settings_action", AM_NOOBJ, { 302, 403, 403, 403, 400, 403, 403, 302, 403 } },
	{ "risk_template", AM_IN, { 302, 404, 200, 200, 200, 404, 404, 302, 404 } },
	{ "risk_template", AM_OUT, { 302, 404, 200, 200, 200, 404, 404, 302, 404 } },
	{ "risk_template", AM_OTHER, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "risk_template_action", AM_IN, { 302, 404, 403, 403, 400, 404, 404, 302, 404 } },
	{ "risk_template_action", AM_OUT, { 302, 404, 403, 403, 400, 404, 404, 302, 404 } },
	{ "risk_template_action", AM_OTHER, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "api_risk_scale", AM_NOOBJ, { 401, 200, 200, 200, 200, 403, 200, 401, 403 } },
	{ "api_risk_scale_set", AM_NOOBJ, { 401, 403, 403, 403, 400, 403, 403, 401, 403 } },
	{ "api_risk_templates", AM_NOOBJ, { 401, 403, 200, 200, 200, 403, 403, 401, 403 } },
	{ "api_risk_template_create", AM_NOOBJ, { 401, 403, 403, 403, 400, 403, 403, 401, 403 } },
	{ "api_risk_template", AM_IN, { 401, 404, 200, 200, 200, 404, 404, 401, 404 } },
	{ "api_risk_template", AM_OUT, { 401, 404, 200, 200, 200, 404, 404, 401, 404 } },
	{ "api_risk_template", AM_OTHER, { 401, 404, 404, 404, 404, 404, 404, 401, 404 } },
	{ "api_risk_template_action", AM_IN, { 401, 404, 403, 403, 400, 404, 404, 401, 404 } },
	{ "api_risk_template_action", AM_OUT, { 401, 404, 403, 403, 400, 404, 404, 401, 404 } },
	{ "api_risk_template_action", AM_OTHER, { 401, 404, 404, 404, 404, 404, 404, 401, 404 } },
	/* e-mail (issue 17): everyone chooses for themselves (an empty form
	 * or body is 400: mode is required); the outbox and its retry are
	 * the administrator's. */
	{ "mail_prefs_form", AM_NOOBJ, { 302, 200, 200, 200, 200, 200, 200, 302, 200 } },
	{ "mail_prefs", AM_NOOBJ, { 302, 400, 400, 400, 400, 400, 400, 302, 400 } },
	{ "admin_mail", AM_NOOBJ, { 302, 403, 403, 403, 403, 200, 403, 302, 200 } },
	{ "admin_mail_retry", AM_NOOBJ, { 302, 403, 403, 403, 403, 303, 403, 302, 303 } },
	{ "api_mail_prefs", AM_NOOBJ, { 401, 200, 200, 200, 200, 200, 200, 401, 200 } },
	{ "api_mail_prefs_update", AM_NOOBJ, { 401, 400, 400, 400, 400, 400, 400, 401, 400 } },
	{ "api_mail_outbox", AM_NOOBJ, { 401, 403, 403, 403, 403, 200, 403, 401, 200 } },
	{ "api_mail_retry", AM_NOOBJ, { 401, 403, 403, 403, 403, 200, 403, 401, 200 } },
	/* forgotten password by e-mail: public; an empty form is 400, the
	 * reset page without a token too */
	{ "password_forgot_form", AM_NOOBJ, { 200, 200, 200, 200, 200, 200, 200, 200, 200 } },
	{ "password_forgot", AM_NOOBJ, { 400, 400, 400, 400, 400, 400, 400, 400, 400 } },
	{ "password_reset_form", AM_NOOBJ, { 400, 400, 400, 400, 400, 400, 400, 400, 400 } },
	{ "password_reset", AM_NOOBJ, { 400, 400, 400, 400, 400, 400, 400, 400, 400 } },
	/* run last: they end the sessions */
	{ "logout", AM_NOOBJ, { 303, 303, 303, 303, 303, 303, 303, 303, 303 } },
	{ "wb_receipt_logout", AM_NOOBJ, { 403, 403, 403, 403, 403, 403, 403, 403, 403 } },
	/* The yearly wheel (issue 15): everyone reads it; tasks are made by
	 * those who manage some unit's (quality tenant-wide, leaders for their
	 * own: a leader's empty form asks for the whole municipality, 403);
	 * an occurrence is settled by whom the task is for (bjorn leads
	 * Vestre skole: in) and by managers. Empty forms/bodies are 400 where
	 * the role may act. out: Helse og omsorg's task; other: no such task. */
	{ "wheel", AM_NOOBJ, { 302, 200, 200, 200, 200, 200, 200, 302, 200 } },
	{ "wheel_mine", AM_NOOBJ, { 302, 200, 200, 200, 200, 200, 200, 302, 200 } },
	{ "wheel_new", AM_NOOBJ, { 302, 403, 200, 200, 200, 403, 403, 302, 403 } },
	{ "wheel_create", AM_NOOBJ, { 302, 403, 403, 403, 400, 403, 403, 302, 403 } },
	{ "wheel_task", AM_IN, { 302, 200, 200, 200, 200, 200, 200, 302, 404 } },
	{ "wheel_task", AM_OUT, { 302, 200, 200, 200, 200, 200, 200, 302, 404 } },
	{ "wheel_task", AM_OTHER, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "wheel_action", AM_IN, { 302, 403, 400, 403, 400, 403, 403, 302, 404 } },
	{ "wheel_action", AM_OUT, { 302, 403, 403, 403, 400, 403, 403, 302, 404 } },
	{ "wheel_action", AM_OTHER, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	/* Audit follow-up: quality (and the chief executive, the auditor:
	 * not columns here) only; other: no such report (quality 404). */
	{ "followup", AM_NOOBJ, { 302, 403, 403, 403, 200, 403, 403, 302, 403 } },
	{ "followup_create", AM_NOOBJ, { 302, 403, 403, 403, 400, 403, 403, 302, 403 } },
	{ "followup_view", AM_IN, { 302, 403, 403, 403, 200, 403, 403, 302, 403 } },
	{ "followup_view", AM_OUT, { 302, 403, 403, 403, 200, 403, 403, 302, 403 } },
	{ "followup_view", AM_OTHER, { 302, 403, 403, 403, 404, 403, 403, 302, 403 } },
	{ "followup_action", AM_IN, { 302, 403, 403, 403, 400, 403, 403, 302, 403 } },
	{ "followup_action", AM_OUT, { 302, 403, 403, 403, 400, 403, 403, 302, 403 } },
	{ "followup_action", AM_OTHER, { 302, 403, 403, 403, 404, 403, 403, 302, 403 } },
	{ "followup_letter", AM_IN, { 302, 403, 403, 403, 200, 403, 403, 302, 403 } },
	{ "followup_letter", AM_OUT, { 302, 403, 403, 403, 200, 403, 403, 302, 403 } },
	{ "followup_letter", AM_OTHER, { 302, 403, 403, 403, 404, 403, 403, 302, 403 } },
	{ "followup_letter_pdf", AM_IN, { 302, 403, 403, 403, 200, 403, 403, 302, 403 } },
	{ "followup_letter_pdf", AM_OUT, { 302, 403, 403, 403, 200, 403, 403, 302, 403 } },
	{ "followup_letter_pdf", AM_OTHER, { 302, 403, 403, 403, 404, 403, 403, 302, 403 } },
	/* wheel_file: the file of a done occurrence; due_on is a required,
	 * declared query parameter (wheel_file_query_fields): without it, a
	 * 400 naming it to everyone signed in. */
	{ "wheel_file", AM_IN, { 302, 400, 400, 400, 400, 400, 400, 302, 400 } },
	{ "wheel_file", AM_OUT, { 302, 400, 400, 400, 400, 400, 400, 302, 400 } },
	{ "wheel_file", AM_OTHER, { 302, 400, 400, 400, 400, 400, 400, 302, 400 } },
	{ "api_wheel_file", AM_IN, { 401, 400, 400, 400, 400, 400, 400, 401, 400 } },
	{ "api_wheel_file", AM_OUT, { 401, 400, 400, 400, 400, 400, 400, 401, 400 } },
	{ "api_wheel_file", AM_OTHER, { 401, 400, 400, 400, 400, 400, 400, 401, 400 } },
	/* The calendar feed (issue 15): everyone makes or turns off their
	 * own link (an empty form or body: 400); /cal/{token} answers without
	 * a session, and a path that is no token is 404 to everyone. */
	{ "wheel_feed", AM_NOOBJ, { 302, 400, 400, 400, 400, 400, 400, 302, 400 } },
	{ "wheel_ical", AM_IN, { 404, 404, 404, 404, 404, 404, 404, 404, 404 } },
	{ "wheel_ical", AM_OUT, { 404, 404, 404, 404, 404, 404, 404, 404, 404 } },
	{ "wheel_ical", AM_OTHER, { 404, 404, 404, 404, 404, 404, 404, 404, 404 } },
	{ "api_wheel_feed", AM_NOOBJ, { 401, 400, 400, 400, 400, 400, 400, 401, 400 } },
	{ "api_wheel", AM_NOOBJ, { 401, 200, 200, 200, 200, 200, 200, 401, 200 } },
	/* api_wheel_task_create: the body names no unit there is (400 for
	 * those who may manage some unit's tasks). */
	{ "api_wheel_task_create", AM_NOOBJ, { 401, 403, 400, 400, 400, 403, 403, 401, 403 } },
	{ "api_wheel_task", AM_IN, { 401, 200, 200, 200, 200, 200, 200, 401, 404 } },
	{ "api_wheel_task", AM_OUT, { 401, 200, 200, 200, 200, 200, 200, 401, 404 } },
	{ "api_wheel_task", AM_OTHER, { 401, 404, 404, 404, 404, 404, 404, 401, 404 } },
	{ "api_wheel_task_action", AM_IN, { 401, 403, 400, 403, 400, 403, 403, 401, 404 } },
	{ "api_wheel_task_action", AM_OUT, { 401, 403, 403, 403, 400, 403, 403, 401, 404 } },
	{ "api_wheel_task_action", AM_OTHER, { 401, 404, 404, 404, 404, 404, 404, 401, 404 } },
	{ "api_followup", AM_NOOBJ, { 401, 403, 403, 403, 200, 403, 403, 401, 403 } },
	{ "api_followup_create", AM_NOOBJ, { 401, 403, 403, 403, 400, 403, 403, 401, 403 } },
	{ "api_followup_get", AM_IN, { 401, 403, 403, 403, 200, 403, 403, 401, 403 } },
	{ "api_followup_get", AM_OUT, { 401, 403, 403, 403, 200, 403, 403, 401, 403 } },
	{ "api_followup_get", AM_OTHER, { 401, 403, 403, 403, 404, 403, 403, 401, 403 } },
	{ "api_followup_action", AM_IN, { 401, 403, 403, 403, 400, 403, 403, 401, 403 } },
	{ "api_followup_action", AM_OUT, { 401, 403, 403, 403, 400, 403, 403, 401, 403 } },
	{ "api_followup_action", AM_OTHER, { 401, 403, 403, 403, 404, 403, 403, 401, 403 } },
	/* Governing documents (issue 14). in: a current document for Vestre
	 * skole, out: one for Sentrum skole, other: the other tenant's draft.
	 * Readers are those it applies to (emma, bjorn), quality and admin
	 * (managers); knut leads another school. Coverage: leaders over its
	 * unit and quality, not admin. An empty action is 400 for a reader (a
	 * reader may confirm). doc_file: these have no file (404). /d/{id}
	 * gets no code here (/d/0): 404, the anonymous reader to the login. */
	{ "documents", AM_NOOBJ, { 302, 200, 200, 200, 200, 200, 200, 302, 200 } },
	{ "doc_to_read", AM_NOOBJ, { 302, 200, 200, 200, 200, 200, 200, 302, 200 } },
	{ "doc_new", AM_NOOBJ, { 302, 403, 403, 403, 200, 200, 403, 302, 200 } },
	{ "doc_create", AM_NOOBJ, { 302, 403, 403, 403, 400, 400, 403, 302, 400 } },
	{ "doc_processes", AM_NOOBJ, { 302, 200, 200, 200, 200, 200, 200, 302, 200 } },
	{ "doc_process_add", AM_NOOBJ, { 302, 403, 403, 403, 400, 400, 403, 302, 400 } },
	{ "doc_revision", AM_NOOBJ, { 302, 200, 200, 200, 200, 200, 200, 302, 200 } },
	/* Coverage through the unit tree and "Påminn": those who follow a
	 * unit (leaders, quality); an empty reminder names no unit (400). */
	{ "doc_reading", AM_NOOBJ, { 302, 403, 200, 200, 200, 403, 403, 302, 403 } },
	{ "doc_remind", AM_NOOBJ, { 302, 403, 400, 400, 400, 403, 403, 302, 403 } },
	/* Shared templates (item 7): who keeps the main processes (quality,
	 * admin); no template 0 to adopt (404). */
	{ "doc_templates", AM_NOOBJ, { 302, 403, 403, 403, 200, 200, 403, 302, 200 } },
	{ "doc_template_adopt", AM_IN, { 302, 403, 403, 403, 404, 404, 403, 302, 404 } },
	{ "doc_template_adopt", AM_OUT, { 302, 403, 403, 403, 404, 404, 403, 302, 404 } },
	{ "doc_template_adopt", AM_OTHER, { 302, 403, 403, 403, 404, 404, 403, 302, 404 } },
	{ "api_documents", AM_NOOBJ, { 401, 200, 200, 200, 200, 200, 200, 401, 200 } },
	{ "api_document_create", AM_NOOBJ, { 401, 403, 403, 403, 400, 400, 403, 401, 400 } },
	{ "api_documents_to_read", AM_NOOBJ, { 401, 200, 200, 200, 200, 200, 200, 401, 200 } },
	{ "api_documents_reading", AM_NOOBJ, { 401, 403, 200, 200, 200, 403, 403, 401, 403 } },
	{ "api_documents_remind", AM_NOOBJ, { 401, 403, 400, 400, 400, 403, 403, 401, 403 } },
	{ "api_document_processes", AM_NOOBJ, { 401, 200, 200, 200, 200, 200, 200, 401, 200 } },
	{ "api_document_process_add", AM_NOOBJ, { 401, 403, 403, 403, 400, 400, 403, 401, 400 } },
	{ "doc_view", AM_IN, { 302, 200, 200, 404, 200, 200, 404, 302, 404 } },
	{ "doc_view", AM_OUT, { 302, 404, 404, 404, 200, 200, 404, 302, 404 } },
	{ "doc_view", AM_OTHER, { 302, 404, 404, 404, 404, 404, 404, 302, 200 } },
	{ "doc_action", AM_IN, { 302, 400, 400, 404, 400, 400, 404, 302, 404 } },
	{ "doc_action", AM_OUT, { 302, 404, 404, 404, 400, 400, 404, 302, 404 } },
	{ "doc_action", AM_OTHER, { 302, 404, 404, 404, 404, 404, 404, 302, 400 } },
	{ "doc_file", AM_IN, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "doc_file", AM_OUT, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "doc_file", AM_OTHER, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "doc_coverage", AM_IN, { 302, 403, 200, 404, 200, 403, 404, 302, 404 } },
	{ "doc_coverage", AM_OUT, { 302, 404, 404, 404, 200, 403, 404, 302, 404 } },
	{ "doc_coverage", AM_OTHER, { 302, 404, 404, 404, 404, 404, 404, 302, 200 } },
	{ "doc_link", AM_IN, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "doc_link", AM_OUT, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "doc_link", AM_OTHER, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "doc_link_file", AM_IN, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "doc_link_file", AM_OUT, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "doc_link_file", AM_OTHER, { 302, 404, 404, 404, 404, 404, 404, 302, 404 } },
	{ "api_document", AM_IN, { 401, 200, 200, 404, 200, 200, 404, 401, 404 } },
	{ "api_document", AM_OUT, { 401, 404, 404, 404, 200, 200, 404, 401, 404 } },
	{ "api_document", AM_OTHER, { 401, 404, 404, 404, 404, 404, 404, 401, 200 } },
	{ "api_document_versions", AM_IN, { 401, 200, 200, 404, 200, 200, 404, 401, 404 } },
	{ "api_document_versions", AM_OUT, { 401, 404, 404, 404, 200, 200, 404, 401, 404 } },
	{ "api_document_versions", AM_OTHER, { 401, 404, 404, 404, 404, 404, 404, 401, 200 } },
	{ "api_document_action", AM_IN, { 401, 400, 400, 404, 400, 400, 404, 401, 404 } },
	{ "api_document_action", AM_OUT, { 401, 404, 404, 404, 400, 400, 404, 401, 404 } },
	{ "api_document_action", AM_OTHER, { 401, 404, 404, 404, 404, 404, 404, 401, 400 } },
	/* A new version ({} has no text: 400 for who may write it): its
	 * owner (quality made these) and the managers; a reader 403. */
	{ "api_document_version_add", AM_IN, { 401, 403, 403, 404, 400, 400, 404, 401, 404 } },
	{ "api_document_version_add", AM_OUT, { 401, 404, 404, 404, 400, 400, 404, 401, 404 } },
	{ "api_document_version_add", AM_OTHER, { 401, 404, 404, 404, 404, 404, 404, 401, 400 } },
	{ "api_document_coverage", AM_IN, { 401, 403, 200, 404, 200, 403, 404, 401, 404 } },
	{ "api_document_coverage", AM_OUT, { 401, 404, 404, 404, 200, 403, 404, 401, 404 } },
	{ "api_document_coverage", AM_OTHER, { 401, 404, 404, 404, 404, 404, 404, 401, 200 } },
	/* webhooks (issue 17): the administrator's, tenant-wide; an empty
	 * form or body is 400 where the role may act */
	{ "admin_webhooks", AM_NOOBJ, { 302, 403, 403, 403, 403, 200, 403, 302, 200 } },
	{ "admin_webhook_add", AM_NOOBJ, { 302, 403, 403, 403, 403, 400, 403, 302, 400 } },
	{ "admin_webhook_action", AM_IN, { 302, 403, 403, 403, 403, 400, 403, 302, 404 } },
	{ "admin_webhook_action", AM_OUT, { 302, 403, 403, 403, 403, 400, 403, 302, 404 } },
	{ "admin_webhook_action", AM_OTHER, { 302, 403, 403, 403, 403, 404, 403, 302, 400 } },
	{ "api_webhooks", AM_NOOBJ, { 401, 403, 403, 403, 403, 200, 403, 401, 200 } },
	{ "api_webhook_add", AM_NOOBJ, { 401, 403, 403, 403, 403, 400, 403, 401, 400 } },
	{ "api_webhook_action", AM_IN, { 401, 403, 403, 403, 403, 400, 403, 401, 404 } },
	{ "api_webhook_action", AM_OUT, { 401, 403, 403, 403, 403, 400, 403, 401, 404 } },
	{ "api_webhook_action", AM_OTHER, { 401, 403, 403, 403, 403, 404, 403, 401, 400 } },
	{ "api_webhook_deliveries", AM_IN, { 401, 403, 403, 403, 403, 200, 403, 401, 404 } },
	{ "api_webhook_deliveries", AM_OUT, { 401, 403, 403, 403, 403, 200, 403, 401, 404 } },
	{ "api_webhook_deliveries", AM_OTHER, { 401, 403, 403, 403, 403, 404, 403, 401, 200 } },
};

#endif
