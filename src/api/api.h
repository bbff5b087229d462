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
/* Reads the record whose key is key and answers 200 with it, or 404. */
int api_fetch(struct req *r, const struct record *rec, const char *key, json_t **out_r);

/* Personal data (ID numbers) is masked in every answer unless the request asks
 * ?reveal=id_number and the role holds P_OFFICER_PII: 1 reveal, 0 mask, -1 refused
 * (400 for another value, 403 for a role without the permission). */
int api_reveal(struct req *r);

/* The LIKE pattern for a free-text filter: %q% with % _ \ escaped (ESCAPE '\'). */
char *api_like(const char *q);

#endif
