/* routes.c: every route Orden serves, in one table. The access-matrix test
 * walks this table, so a route cannot exist without a row there. */
#include "api/api.h"
#include "http/http.h"
#include "web/web.h"

const struct route app_routes[] = {
	{ HTTP_GET,  "/healthz", api_healthz, ROUTE_PUBLIC | ROUTE_NOTENANT, NULL, "healthz" },
	{ HTTP_GET,  "/metrics", api_metrics, ROUTE_PUBLIC | ROUTE_NOTENANT, NULL, "metrics" },

	{ HTTP_GET,  "/", web_home, 0, NULL, "home" },
	{ HTTP_GET,  "/login", web_login_form, ROUTE_PUBLIC, NULL, "login_form" },
	{ HTTP_POST, "/login", web_login, ROUTE_PUBLIC | ROUTE_NOCSRF, web_login_fields, "login" },
	{ HTTP_POST, "/logout", web_logout, 0, NULL, "logout" },
	{ HTTP_GET,  "/lang", web_lang, ROUTE_PUBLIC, NULL, "lang" },
	{ HTTP_GET,  "/account/password", web_password_form, 0, NULL, "password_form" },
	{ HTTP_POST, "/account/password", web_password, 0, web_password_fields, "password" },
	{ HTTP_GET,  "/admin/units", web_units, 0, NULL, "admin_units" },
	{ HTTP_POST, "/admin/units", web_unit_create, 0, web_unit_fields, "admin_unit_create" },
	{ HTTP_GET,  "/admin/units/{id}", web_unit_edit, 0, NULL, "admin_unit_edit" },
	{ HTTP_POST, "/admin/units/{id}", web_unit_update, 0, web_unit_fields, "admin_unit_update" },
	{ HTTP_GET,  "/admin/people", web_people, 0, NULL, "admin_people" },
	{ HTTP_POST, "/admin/people", web_person_create, 0, web_person_fields, "admin_person_create" },
	{ HTTP_GET,  "/admin/people/{id}", web_person_edit, 0, NULL, "admin_person_edit" },
	{ HTTP_POST, "/admin/people/{id}", web_person_update, 0, web_person_fields, "admin_person_update" },
	{ HTTP_POST, "/admin/people/{id}/roles", web_role_grant, 0, web_role_fields, "admin_role_grant" },
	{ HTTP_POST, "/admin/people/{id}/roles/{rid}/delete", web_role_revoke, 0, NULL, "admin_role_revoke" },
	{ HTTP_POST, "/admin/people/{id}/password", web_person_reset_password, 0, NULL, "admin_person_password" },
	{ HTTP_GET,  "/admin/audit", web_audit, 0, NULL, "admin_audit" },

	{ HTTP_GET,  "/deviations/new", web_dev_new, 0, NULL, "dev_new" },
	{ HTTP_GET,  "/deviations/mine", web_dev_mine, 0, NULL, "dev_mine" },
	{ HTTP_GET,  "/deviations/inbox", web_dev_inbox, 0, NULL, "dev_inbox" },
	{ HTTP_GET,  "/deviations", web_dev_list, 0, NULL, "dev_list" },
	{ HTTP_POST, "/deviations", web_dev_create, 0, web_dev_fields, "dev_create" },
	{ HTTP_GET,  "/deviations/{id}", web_dev_view, 0, NULL, "dev_view" },
	{ HTTP_POST, "/deviations/{id}/action", web_dev_action, 0, web_dev_action_fields, "dev_action" },
	{ HTTP_GET,  "/dashboard", web_dev_dashboard, 0, NULL, "dashboard" },
	{ HTTP_GET,  "/admin/categories", web_categories, 0, NULL, "admin_categories" },
	{ HTTP_POST, "/admin/categories", web_category_create, 0, web_category_fields, "admin_category_create" },
	{ HTTP_POST, "/admin/categories/settings", web_dev_settings, 0, web_dev_settings_fields, "admin_dev_settings" },
	{ HTTP_GET,  "/admin/categories/{id}", web_category_edit, 0, NULL, "admin_category_edit" },
	{ HTTP_POST, "/admin/categories/{id}", web_category_update, 0, web_category_fields, "admin_category_update" },
	{ HTTP_GET,  "/notifications", web_notifications, 0, NULL, "notifications" },
	{ HTTP_POST, "/notifications/read", web_notifications_read, 0, NULL, "notifications_read" },

	{ HTTP_GET,    "/api/v1/me", api_me, ROUTE_API, NULL, "api_me" },
	{ HTTP_GET,    "/api/v1/units", api_units_list, ROUTE_API, NULL, "api_units" },
	{ HTTP_POST,   "/api/v1/units", api_unit_create, ROUTE_API, api_unit_fields, "api_unit_create" },
	{ HTTP_GET,    "/api/v1/units/{id}", api_unit_get, ROUTE_API, NULL, "api_unit" },
	{ HTTP_GET,    "/api/v1/people", api_people_list, ROUTE_API, NULL, "api_people" },
	{ HTTP_POST,   "/api/v1/people", api_person_create, ROUTE_API, api_person_fields, "api_person_create" },
	{ HTTP_GET,    "/api/v1/people/{id}", api_person_get, ROUTE_API, NULL, "api_person" },
	{ HTTP_POST,   "/api/v1/people/{id}/roles", api_role_grant, ROUTE_API, api_role_fields, "api_role_grant" },
	{ HTTP_DELETE, "/api/v1/people/{id}/roles", api_role_revoke, ROUTE_API, api_role_fields, "api_role_revoke" },

	{ HTTP_GET,   "/api/v1/categories", api_categories_list, ROUTE_API, NULL, "api_categories" },
	{ HTTP_POST,  "/api/v1/categories", api_category_create, ROUTE_API, api_category_fields, "api_category_create" },
	{ HTTP_PATCH, "/api/v1/categories/{id}", api_category_update, ROUTE_API, api_category_fields, "api_category_update" },
	{ HTTP_GET,   "/api/v1/deviations", api_deviations_list, ROUTE_API, NULL, "api_deviations" },
	{ HTTP_GET,   "/api/v1/deviations.csv", api_deviations_csv, ROUTE_API, NULL, "api_deviations_csv" },
	{ HTTP_POST,  "/api/v1/deviations", api_deviation_create, ROUTE_API, api_dev_fields, "api_deviation_create" },
	{ HTTP_GET,   "/api/v1/deviations/{id}", api_deviation_get, ROUTE_API, NULL, "api_deviation" },
	{ HTTP_POST,  "/api/v1/deviations/{id}/actions", api_deviation_action, ROUTE_API, api_dev_action_fields, "api_deviation_action" },
	{ HTTP_GET,   "/api/v1/stats/deviations", api_deviation_stats, ROUTE_API, NULL, "api_deviation_stats" },
	{ HTTP_GET,   "/api/v1/notifications", api_notifications, ROUTE_API, NULL, "api_notifications" },
	{ HTTP_POST,  "/api/v1/notifications/read", api_notifications_read, ROUTE_API, NULL, "api_notifications_read" },
	{ 0, NULL, NULL, 0, NULL, NULL }
};
