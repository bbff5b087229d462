/* routes.c: the routing table. Every route names the permission it needs; the
 * server checks it before the handler runs. Literal paths come before {param} ones. */
#include "api/api.h"

const struct route http_routes[] = {
	{ "GET", "/healthz", P_PUBLIC, api_healthz, "Liveness" },
	{ "GET", "/metrics", P_METRICS, api_metrics, "Prometheus metrics" },
	{ "GET", "/api/v1/openapi.yaml", P_PUBLIC, api_openapi, "This API's OpenAPI document" },

	{ "POST", "/api/v1/auth/login", P_PUBLIC, api_login, "Sign in" },
	{ "POST", "/api/v1/auth/logout", P_AUTH, api_logout, "Sign out" },
	{ "GET", "/api/v1/me", P_AUTH, api_me, "The signed-in user" },

	{ "GET", "/api/v1/regions", P_REGION_READ, api_regions_list, "List regions" },
	{ "POST", "/api/v1/regions", P_REGION_WRITE, api_regions_create, "Add a region" },
	{ "GET", "/api/v1/regions/{code}", P_REGION_READ, api_regions_get, "One region" },

	{ "GET", "/api/v1/agencies", P_AGENCY_READ, api_agencies_list, "List agencies" },
	{ "POST", "/api/v1/agencies", P_AGENCY_WRITE, api_agencies_create, "Add an agency" },
	{ "POST", "/api/v1/agencies/import", P_AGENCY_WRITE, api_agencies_import, "Import agencies (CSV)" },
	{ "GET", "/api/v1/agencies/{id}", P_AGENCY_READ, api_agencies_get, "One agency" },
	{ "PATCH", "/api/v1/agencies/{id}", P_AGENCY_WRITE, api_agencies_patch, "Change an agency" },

	{ "GET", "/api/v1/officers", P_OFFICER_READ, api_officers_list, "List officers" },
	{ "POST", "/api/v1/officers", P_OFFICER_WRITE, api_officers_create, "Add an officer" },
	{ "POST", "/api/v1/officers/import", P_OFFICER_WRITE, api_officers_import, "Import officers (CSV)" },
	{ "GET", "/api/v1/officers/{id}", P_OFFICER_READ, api_officers_get, "One officer" },
	{ "PATCH", "/api/v1/officers/{id}", P_OFFICER_WRITE, api_officers_patch, "Change an officer" },

	{ "GET", "/api/v1/users", P_USER_ADMIN, api_users_list, "List accounts" },
	{ "POST", "/api/v1/users", P_USER_ADMIN, api_users_create, "Add an account" },
	{ "GET", "/api/v1/users/{username}", P_USER_ADMIN, api_users_get, "One account" },
	{ "PATCH", "/api/v1/users/{username}", P_USER_ADMIN, api_users_patch,
	  "Change an account: name, role, disabled, password, unlock" },
	{ "POST", "/api/v1/users/{username}/api-keys", P_USER_ADMIN, api_users_apikey,
	  "Make an API key for a machine client (shown once)" },

	{ "GET", "/api/v1/calendar/deadline", P_AUTH, api_calendar_deadline, "A statutory deadline" },
	{ "GET", "/api/v1/calendar/years", P_AUTH, api_calendar_years, "Years with holiday data" },
	{ "PUT", "/api/v1/calendar/years/{year}", P_CALENDAR_WRITE, api_calendar_put_year,
	  "Load a year's holidays and adjusted working days (text)" },

	{ "GET", "/api/v1/ledger/checkpoint", P_LEDGER_READ, api_ledger_checkpoint,
	  "The latest signed checkpoint (C2SP tlog-checkpoint)" },
	{ "GET", "/api/v1/ledger/entries/{index}", P_LEDGER_READ, api_ledger_entry,
	  "One ledger entry: its exact leaf bytes and leaf hash" },
	{ "GET", "/api/v1/ledger/proof/inclusion", P_LEDGER_READ, api_ledger_inclusion,
	  "RFC 9162 inclusion proof" },
	{ "GET", "/api/v1/ledger/proof/consistency", P_LEDGER_READ, api_ledger_consistency,
	  "RFC 9162 consistency proof" },

	{ "GET", "/api/v1/parties", P_CASE_READ, api_parties_list, "List parties (当事人)" },
	{ "POST", "/api/v1/parties", P_CASE_WRITE, api_parties_create, "Register a party" },
	{ "GET", "/api/v1/parties/{id}", P_CASE_READ, api_parties_get,
	  "One party with its earlier cases and penalties (all agencies)" },

	{ "GET", "/api/v1/cases", P_CASE_READ, api_cases_list, "List cases" },
	{ "POST", "/api/v1/cases", P_CASE_WRITE, api_cases_create, "Register a lead (线索)" },
	{ "POST", "/api/v1/cases/summary", P_CASE_WRITE, api_cases_summary,
	  "Summary procedure: a case decided on the spot (Arts 51-52)" },
	{ "GET", "/api/v1/cases/worklist", P_CASE_READ, api_cases_worklist,
	  "The caller's cases near or past a deadline" },
	{ "GET", "/api/v1/cases/{id}", P_CASE_READ, api_cases_get,
	  "One case with its deadlines and next actions" },
	{ "POST", "/api/v1/cases/{id}/actions/{action}", P_CASE_WRITE, api_cases_action,
	  "Take a step of the procedure" },
	{ "POST", "/api/v1/cases/{id}/records", P_CASE_WRITE, api_cases_record,
	  "Add an inquiry or inspection record (笔录)" },
	{ "GET", "/api/v1/cases/{id}/documents", P_CASE_READ, api_cases_documents, "The case's documents" },
	{ "GET", "/api/v1/cases/{id}/documents/{doc_id}", P_CASE_READ, api_cases_document,
	  "One document (PDF)" },

	{ NULL, NULL, P_PUBLIC, NULL, NULL }
};
