/* api.h: handlers, one file per resource, and the helpers they share. */
#ifndef ZHIFA_API_H
#define ZHIFA_API_H

#include "api/record.h"
#include "http/http.h"

/* meta.c */
int api_healthz(struct req *r);
int api_metrics(struct req *r);
int api_openapi(struct req *r);
/* auth.c */
int api_login(struct req *r);
int api_logout(struct req *r);
int api_me(struct req *r);
/* org.c */
int api_regions_list(struct req *r);
int api_regions_create(struct req *r);
int api_regions_get(struct req *r);
int api_agencies_list(struct req *r);
int api_agencies_create(struct req *r);
int api_agencies_get(struct req *r);
int api_agencies_patch(struct req *r);
int api_agencies_import(struct req *r);
int api_officers_list(struct req *r);
int api_officers_create(struct req *r);
int api_officers_get(struct req *r);
int api_officers_patch(struct req *r);
int api_officers_import(struct req *r);
/* The database-free first step of an import: reads body as a CSV file of rec (agencies
 * or officers), checks its header and makes each data row a JSON object as a client
 * would have sent it. 0 with *rows_r = [[line, {member: value}], ...] (the caller's
 * reference) when the file could be read; rows whose cells cannot be values are left
 * out and reported in e as invalid_csv row errors. -1 with e set (and *rows_r NULL)
 * when the file as a whole is bad. */
int import_parse(const struct record *rec, const char *body, size_t len, json_t **rows_r,
		 struct zerr *e);

/* users.c */
int api_users_list(struct req *r);
int api_users_create(struct req *r);
int api_users_get(struct req *r);
int api_users_patch(struct req *r);
int api_users_apikey(struct req *r);

/* calendar.c */
int api_calendar_deadline(struct req *r);
int api_calendar_years(struct req *r);
int api_calendar_put_year(struct req *r);

/* ledger.c */
int api_ledger_checkpoint(struct req *r);
int api_ledger_entry(struct req *r);
int api_ledger_inclusion(struct req *r);
int api_ledger_consistency(struct req *r);

/* Creates a record from clean inside a write transaction, appends its ledger entry
 * ("<rec>.create") and answers 201 with the stored record. key is set to the new
 * record's key (public id, or the value of the FF_KEY field). */
int api_create(struct req *r, const struct record *rec, json_t *clean, const char *key_value);
/* Inside the caller's write transaction: inserts clean as a new rec and appends its
 * ledger entry "<rec>.<verb>" committing to the stored state. Copies the new record's
 * key (key_value, or the new public id) to key_r. 0, or -1 with e set. */
int api_insert_logged(struct req *r, const struct record *rec, json_t *clean, const char *key_value,
		      const char *verb, char *key_r, size_t key_len, struct zerr *e);
/* Reads the record whose key is key as the caller may see it (ID numbers masked
 * unless P_OFFICER_PII): 0 with *out_r, or -1 with e set (404 when there is none). */
int api_lookup(struct req *r, const struct record *rec, const char *key, json_t **out_r,
	       struct zerr *e);
/* api_lookup with the request's own error. */
int api_fetch(struct req *r, const struct record *rec, const char *key, json_t **out_r);
/* Answers a page from a list statement that fetched limit + 1 rows and whose first
 * column is the cursor key: {items, next_cursor} (next_cursor null on the last page). */
int api_list_reply(struct req *r, const struct record *rec, db_stmt_t *st, int limit);

/* The organisation rules that every write path (single record, CSV import, users)
 * shares. Each adds field errors to e (400) and returns -1; a database failure puts
 * its own status into e instead. */
/* The region exists and lies inside the caller's region scope. */
int org_region_usable(struct req *r, const char *code, const char *field, struct zerr *e);
/* An agency's decoded fields pass the registry's rules (its region is usable). */
int org_agency_check(struct req *r, json_t *clean, struct zerr *e);
/* clean's agency_id (a public id) names an agency the caller may manage officers of
 * (admins inside their scope, agency heads their own agency); replaces it by the
 * internal id. */
int org_officer_agency(struct req *r, json_t *clean, struct zerr *e);
/* Loads an agency that the caller may see: its internal id and JSON (either may be
 * NULL). 404 (never 403) for one outside the caller's scope. */
int org_agency_visible(struct req *r, const char *pid, int64_t *row_id_r, json_t **out_r,
		       struct zerr *e);

/* Personal data (ID numbers) is masked in every answer unless the request asks
 * ?reveal=id_number and the role holds P_OFFICER_PII: 1 reveal, 0 mask, -1 refused
 * (400 for another value, 403 for a role without the permission). */
int api_reveal(struct req *r);

/* Binds the caller's scope as two parameters (idx, idx + 1) for
 * "(a.public_id = ? OR a.region_code LIKE ?)": its own agency, or its region. */
void api_bind_scope(struct req *r, db_stmt_t *st, int idx);

/* parties.c */
int api_parties_list(struct req *r);
int api_parties_create(struct req *r);
int api_parties_get(struct req *r);
/* case_http.c */
int api_cases_list(struct req *r);
int api_cases_create(struct req *r);
int api_cases_summary(struct req *r);
int api_cases_worklist(struct req *r);
int api_cases_get(struct req *r);
int api_cases_action(struct req *r);
int api_cases_record(struct req *r);
int api_cases_documents(struct req *r);
int api_cases_document(struct req *r);

/* The LIKE pattern for a free-text filter: %q% with % _ \ escaped (ESCAPE '\'). */
char *api_like(const char *q);

#endif
