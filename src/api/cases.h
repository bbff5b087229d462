/* cases.h: penalty cases as the API and the CLI perform them (docs/cases.md §10).
 * Each function runs one write transaction on db for principal who: it loads the case,
 * assembles the domain snapshot (domain/case.h), asks case_check_action, and only when
 * allowed writes the case, its deadlines, the step, the documents and their ledger
 * entries. Nothing is written on any failure. The HTTP handlers and `zhifa demo` call
 * these, so both take the same path. */
#ifndef ZHIFA_API_CASES_H
#define ZHIFA_API_CASES_H

#include <jansson.h>

#include "core/err.h"
#include "domain/auth.h"
#include "store/db.h"

struct case_config;

/* Registers a lead (线索, state lead) of who's agency from body (rec_case's client
 * fields). Writes the new case's public id (37 bytes) to pid_r. 0, or -1 with e
 * (400 naming the fields, nothing written). */
int case_create_lead(db_t *db, const struct principal *who, json_t *body, char *pid_r,
		     struct zerr *e);
/* Performs action (its stable name) on the case pid with the action's body (may be
 * NULL). 404 for a case outside who's agency, 400 for a bad body, 403 for a role that
 * may not act, 409 requirements_unmet with unmet[] when the law says no. */
int case_perform(db_t *db, const struct principal *who, const char *pid, const char *action,
		 json_t *body, struct zerr *e);
/* Adds an inquiry or inspection record {kind, date, officers[], summary} to the case
 * pid; writes the record's public id to rec_pid_r (37 bytes). */
int case_add_record(db_t *db, const struct principal *who, const char *pid, json_t *body,
		    char *rec_pid_r, struct zerr *e);
/* The effective case configuration of the agency (case_config_default with the
 * agency's stored overrides, case_config.c). 0, or -1 with e. */
/* The step (action name) that produces instrument tmpl (a docs/documents.md id), with its
 * Chinese name in *zh_r when zh_r is given; NULL when no step does (the records' 笔录). */
const char *case_doc_step(const char *tmpl, const char **zh_r);

int case_config_for_agency(db_t *db, int64_t agency_id, struct case_config *c, struct zerr *e);
/* Fans one complaint/hotline lead out to several agencies (浙江省综合行政执法条例 Art 12:
 * 违法线索互通): body {reference, source?, party_id, violation_date, discovery_date?,
 * place_region, place?, facts?, agencies: [{agency_id, item_code, cause}]} (2..20
 * distinct agencies inside who's region). One lead per agency, each carrying reference
 * as lead_reference, in one transaction. *out_r = {reference, leads: [{agency_id,
 * agency_name, case_id}]}. 0, or -1 with e (400 naming agencies[i].field, 409 when the
 * reference was fanned out already; nothing written). */
int case_fanout(db_t *db, const struct principal *who, json_t *body, json_t **out_r, struct zerr *e);
/* The agencies case pid may be referred to (refer_jurisdiction's checks: the place of the
 * violation lies in their region, not the case's own agency, among the item's claimants
 * there when anyone claimed it). *out_r = {items: [{id, name, kind, domain, region_code,
 * claimant}]}. 0, or -1 with e (404 unless who sees the case). */
int case_referral_targets(db_t *db, const struct principal *who, const char *pid, json_t **out_r, struct zerr *e);
/* Summary procedure (Arts 51-52): creates a case and decides it on the spot in one
 * transaction. body: {party_id, item_code, cause, violation_date, place_region, place,
 * facts, penalty {types, fine_fen}, officers[], collected_on_spot?}. */
int case_summary(db_t *db, const struct principal *who, json_t *body, char *pid_r,
		 struct zerr *e);
/* The case as who may see it: the record plus deadlines, allowed_actions and
 * next_actions. 0 with *out_r, or -1 (404 outside who's scope). */
int case_view(db_t *db, const struct principal *who, const char *pid, int reveal, json_t **out_r,
	      struct zerr *e);

/* The most urgent running deadline of the case pid: 0 none near, 1 due soon,
 * 2 overdue (for list filters and the worklist); with view_r, also the running
 * deadlines as case_view gives them (the caller owns the array). */
int case_deadline_urgency(db_t *db, const struct principal *who, const char *pid, json_t **view_r);

#endif
