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

/* catalog.c: the enforcement-item catalog */
int api_catalog_items_list(struct req *r);
int api_catalog_item_get(struct req *r);
int api_catalog_item_versions(struct req *r);
int api_catalog_diff(struct req *r);
int api_catalog_changes_list(struct req *r);
int api_catalog_changes_create(struct req *r);
int api_catalog_change_get(struct req *r);
int api_catalog_change_approve(struct req *r);
int api_catalog_change_reject(struct req *r);
int api_catalog_export(struct req *r);
int api_catalog_export_xlsx(struct req *r);
/* Inside the caller's write transaction: writes version (a checked, complete version
 * with its derived members) as version number of its item (number 1 also makes the
 * item), made by change change_pid (NULL: imported), with its ledger entry
 * "catalog_version.<verb>"; copies the new public id to pid_r. 0, or -1 with r->err. */
int api_catalog_version_write(struct req *r, json_t *version, int number, const char *change_pid,
			      const char *verb, char *pid_r, size_t pid_len);
/* Proposes the change request in (as POST /catalog/changes takes it) in the name of
 * r->who, with its ledger entry, in its own transaction; copies its public id to id_r.
 * 0, or -1 with r->err (400 naming the fields, 404/409 from the catalog's rules). */
int api_catalog_propose(struct req *r, json_t *in, char *id_r, size_t id_len);
/* As api_catalog_propose; with in_tx inside the caller's write transaction (the checks
 * read the catalog in it; nothing is committed or rolled back here). */
int api_catalog_propose_ex(struct req *r, json_t *in, int in_tx, char *id_r, size_t id_len);
/* The catalog's as-of reading for one item: 1 when a version of code is in force on date
 * (YYYY-MM-DD), 0 when none is, -1 with e on a database error. Cases read it (Art 4: an
 * act is penalised under an item in force when it was committed). */
int api_catalog_item_in_force(db_t *db, const char *code, const char *date, struct zerr *e);
/* The region named by query parameter name: a valid, registered region code (else a
 * field error naming it, 400); absent: a field error when required, else *code_r NULL.
 * *region_r (when given): the region as JSON (the caller's reference). 0, or -1. */
int api_region_param(struct req *r, const char *name, int required, const char **code_r,
		     json_t **region_r);

/* The filters of catalog items in force that the items list and the coverage share
 * (docs/catalog.md): as_of, domain, kind, level, mode, q (the catalog search) and
 * region_code (the items that must be exercised in the region's subtree, cov_reach_of).
 * Each bad parameter is a field error naming it. */
struct item_filter {
	char as_of[11];
	const char *domain, *kind, *mode, *region_code;
	const char *levels[4];   /* the levels that pass (level ∩ the region's reach), NULL: not */
	char city[8];            /* the region's city (its extension catalogue), "" every one */
	int search;              /* which of ITEM_SEARCHES */
	int narrowed;            /* 1 when domain, kind, level, mode or q is given */
	char code_lo[16], code_hi[16];
	char *pat;
};
/* The SQL of a filter over catalog_versions v: head, its conditions (ITEM_WHERE and one
 * search's), tail; one string constant per search, indexed by item_filter.search. The
 * level is compared as `v.level || ''` so that SQLite keeps walking the code index
 * (catalog_versions_code: a page stops at its end) rather than catalog_versions_level
 * (014), whose ranges for several levels would need every match fetched and sorted. With
 * every level passing, the first parameter is NULL and the level is no condition at all:
 * PostgreSQL folds it away at planning, where its guess for the expression (a few rows)
 * made it scan and filter every version rather than walk the code index (a common
 * two-character search: 168 ms -> 4 ms on 50,000 items). */
#define ITEM_WHERE \
	"WHERE v.effective_from <= ? AND (v.effective_to IS NULL OR v.effective_to > ?)" \
	" AND (CAST(? AS TEXT) IS NULL OR v.domain = ?)" \
	" AND (CAST(? AS TEXT) IS NULL OR v.kind = ?)" \
	" AND (CAST(? AS TEXT) IS NULL OR v.mode = ?)" \
	" AND (CAST(? AS TEXT) IS NULL OR v.level || '' IN (?, ?, ?, ?))" \
	" AND (CAST(? AS TEXT) IS NULL OR v.scope IS NULL OR substr(v.scope, 1, 4) = ?)"
enum { ITEM_SEARCH_ALL, ITEM_SEARCH_FTS, ITEM_SEARCH_LIKE, ITEM_SEARCH_ILIKE, ITEM_SEARCH_CODE,
       ITEM_SEARCH_GRAMS_FTS, ITEM_SEARCH_GRAMS_GIN, ITEM_NSEARCH };
#define ITEM_SEARCHES(head, tail) { \
	head ITEM_WHERE " AND (CAST(? AS TEXT) IS NULL OR 1 = 1)" tail, \
	head ITEM_WHERE " AND +v.id IN (SELECT rowid FROM catalog_fts WHERE catalog_fts MATCH ?)" tail, \
	head ITEM_WHERE " AND v.search_text LIKE ? ESCAPE '\\'" tail, \
	head ITEM_WHERE " AND v.search_text ILIKE ? ESCAPE '\\'" tail, \
	head ITEM_WHERE " AND v.code >= ? AND v.code <= ?" tail, \
	head ITEM_WHERE " AND +v.id IN (SELECT rowid FROM catalog_grams WHERE catalog_grams MATCH ?)" tail, \
	head ITEM_WHERE " AND string_to_array(v.search_grams, ' ') @> ARRAY[CAST(? AS TEXT)]" tail }
/* Reads the filter's parameters (region_code required when region_required). 0, or -1
 * with r->err; release f either way. */
int api_item_filter(struct req *r, int region_required, struct item_filter *f);
/* Binds f to the parameters of ITEM_SEARCHES[f->search] from 1 on; returns the number
 * bound (the tail's parameters follow). */
int api_item_filter_bind(db_stmt_t *st, const struct item_filter *f);
void api_item_filter_release(struct item_filter *f);
/* Today's date in China (UTC+8); ZHIFA_TODAY=YYYY-MM-DD overrides it (tests, drills). */
void api_today(char out[11]);
/* A date query parameter into out (absent: today, or a field error when required).
 * 0, or -1 with a field error in r->err. */
int api_date_param(struct req *r, const char *name, int required, char out[11]);

/* claims.c: claims (认领), coverage (三不管/多头管), township lists and their match,
 * the reform indicators (docs/claims.md) */
int api_claims_list(struct req *r);
int api_claims_create(struct req *r);
int api_claim_end(struct req *r);
/* The database-reading first step of a claim: decodes in (as POST /catalog/claims takes
 * it), checks the caller may claim for the agency and region and the claim rule
 * (400 naming fields, 403); *clean_r: the record to insert (agency_id internal,
 * region_code, version_id, claimed_by set). 0, or -1 with r->err. */
int api_claim_prepare(struct req *r, json_t *in, json_t **clean_r);
/* Inside the caller's write transaction: refuses an overlapping claim (409 naming
 * effective_from) and inserts clean with its ledger entry; copies the new id. */
int api_claim_insert(struct req *r, json_t *clean, char *id_r, size_t id_len);
int api_coverage(struct req *r);
int api_coverage_xlsx(struct req *r);
int api_township_lists_list(struct req *r);
int api_township_match(struct req *r);
int api_indicators(struct req *r);
int api_indicators_breakdown(struct req *r);
int api_indicators_xlsx(struct req *r);
/* The indicators' keeper: a thread that keeps the cache warm (the top regions on today and
 * tomorrow, at start and every few seconds; docs/claims.md). ZHIFA_INDICATORS_KEEPER=0:
 * none. 0, or -1 when the thread cannot start. */
int api_indicators_keeper_start(const struct config *cfg);
void api_indicators_keeper_stop(void);
int api_disputes_list(struct req *r);
int api_disputes_create(struct req *r);
int api_dispute_get(struct req *r);
int api_dispute_parties(struct req *r);
int api_dispute_answer(struct req *r);
int api_dispute_withdraw(struct req *r);
int api_dispute_decide(struct req *r);
/* Files a dispute (as POST /catalog/disputes takes it) in its own transaction; copies its
 * id. 0, or -1 with r->err. The demo uses it. */
int api_dispute_file(struct req *r, json_t *in, char *id_r, size_t id_len);
/* import.c: township power and approval lists (CSV: region_code,name,item_code,kind) */
int api_township_lists_import(struct req *r);
/* Imports a township list CSV (all or nothing, errors in r->err). */
int api_township_lists_import_text(struct req *r, const char *data, size_t len, size_t *imported_r);

/* import.c: the columns of a catalog CSV (import and export), NULL-ended. */
extern const char *const api_catalog_columns[];
int api_catalog_import(struct req *r);
/* Imports a catalog CSV (all or nothing, errors in r->err; r needs only db and who):
 * each row a new item with its first version. skip_existing leaves out rows whose code
 * is in the catalog already (the demo's reruns). */
int api_catalog_import_text(struct req *r, const char *data, size_t len, int skip_existing,
			    size_t *imported_r, size_t *skipped_r);

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

/* discretion.c */
int api_discretion_tables_list(struct req *r);
int api_discretion_tables_create(struct req *r);
int api_discretion_tables_get(struct req *r);
int api_discretion_evaluate(struct req *r);
int api_discretion_check(struct req *r);

/* ledger.c */
int api_ledger_checkpoint(struct req *r);
int api_ledger_entry(struct req *r);
int api_ledger_inclusion(struct req *r);
int api_ledger_consistency(struct req *r);

/* evidence.c */
extern const struct http_stream api_evidence_upload_stream;
int api_evidence_upload(struct req *r);
int api_evidence_list(struct req *r);
int api_evidence_get(struct req *r);
int api_evidence_patch(struct req *r);
int api_evidence_content(struct req *r);
int api_evidence_custody(struct req *r);
int api_evidence_grants_list(struct req *r);
int api_evidence_grant(struct req *r);
int api_evidence_revoke(struct req *r);
int api_evidence_attach(struct req *r);
int api_evidence_preserve(struct req *r);
int api_evidence_preservations(struct req *r);
int api_evidence_export(struct req *r);
/* evidence_thumb.c */
int api_evidence_thumbnail(struct req *r);
/* evidence_upload.c: resumable uploads (tus 1.0) */
extern const struct http_stream api_evidence_uploads_stream;
int api_evidence_uploads_create(struct req *r);
int api_evidence_uploads_get(struct req *r);
int api_evidence_uploads_patch(struct req *r);
int api_evidence_uploads_delete(struct req *r);

/* Creates a record from clean inside a write transaction, appends its ledger entry
 * ("<rec>.create") and answers 201 with the stored record. key is set to the new
 * record's key (public id, or the value of the FF_KEY field). */
int api_create(struct req *r, const struct record *rec, json_t *clean, const char *key_value);
/* Inside the caller's write transaction: inserts clean as a new rec and appends its
 * ledger entry "<rec>.<verb>" committing to the stored state. Copies the new record's
 * key (key_value, or the new public id) to key_r. 0, or -1 with e set. */
int api_insert_logged(struct req *r, const struct record *rec, json_t *clean, const char *key_value,
		      const char *verb, char *key_r, size_t key_len, struct zerr *e);
/* api_insert_logged for callers without a request (the CLI's demo, shared domain
 * paths): the same insert and ledger entry, as who, on db. */
int record_insert_logged(db_t *db, const struct principal *who, const struct record *rec,
			 json_t *clean, const char *key_value, const char *verb, char *key_r,
			 size_t key_len, struct zerr *e);
/* Updates the record whose internal id is row_id (public key key) from clean in a
 * write transaction with its ledger entry "<rec>.update", and answers 200 with it. */
int api_update(struct req *r, const struct record *rec, json_t *clean, int64_t row_id,
	       const char *key);
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
/* legal_review_since (not in the future) and legal_review_note go together (行政处罚法
 * Art 58(2)); cur: the stored officer, NULL on create. 0, or -1 with field errors. */
int org_officer_review(json_t *clean, json_t *cur, struct zerr *e);
/* Loads an agency that the caller may see: its internal id and JSON (either may be
 * NULL). 404 (never 403) for one outside the caller's scope. */
int org_agency_visible(struct req *r, const char *pid, int64_t *row_id_r, json_t **out_r,
		       struct zerr *e);

/* Personal data (ID numbers) is masked in every answer unless the request asks
 * ?reveal=id_number and the role holds P_OFFICER_PII: 1 reveal, 0 mask, -1 refused
 * (400 for another value, 403 for a role without the permission). */
int api_reveal(struct req *r);

/* Binds the caller's scope as the two parameters idx, idx + 1 of
 * "(a.public_id = ? OR a.region_code LIKE ?)": its own agency, and for roles with a
 * region scope every agency inside it. */
void api_bind_scope(struct req *r, db_stmt_t *st, int idx);

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
int api_leads_fanout(struct req *r);
int api_leads_fanout_get(struct req *r);
int api_cases_referral_targets(struct req *r);
int api_case_config_get(struct req *r);
int api_case_config_put(struct req *r);
int api_case_config_patch(struct req *r);
int api_cases_worklist(struct req *r);
int api_cases_get(struct req *r);
int api_cases_action(struct req *r);
int api_cases_record(struct req *r);
int api_cases_documents(struct req *r);
int api_cases_document(struct req *r);

/* The LIKE pattern for a free-text filter: %q% with % _ \ escaped (ESCAPE '\'). */
char *api_like(const char *q);

#endif
