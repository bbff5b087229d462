/* records.h: the field tables of the platform-core record types. */
#ifndef ZHIFA_RECORDS_H
#define ZHIFA_RECORDS_H

#include "api/record.h"

extern const struct record rec_region;
extern const struct record rec_agency;
extern const struct record rec_officer;
extern const struct record rec_user;
extern const struct record rec_catalog_version;
extern const struct record rec_catalog_change;
extern const struct record rec_evidence;
extern const struct record rec_evidence_grant;
extern const struct record rec_evidence_attachment;
extern const struct record rec_evidence_preservation;

/* The eight kinds of evidence of 行政处罚法 Art 46, ended by NULL. */
extern const char *const evidence_kinds[];
/* 1 when s is a bare file name: no path separator, no "..", no control character. */
int evidence_filename_ok(const char *s);
/* 1 when s is a UTC instant (YYYY-MM-DDTHH:MM:SS[.mmm]Z) not in the future. */
int evidence_instant_ok(const char *s);
extern const struct record rec_discretion_table;
extern const struct record rec_party;
extern const struct record rec_case;
extern const struct record rec_case_record;

/* The format check of an enforcement-item code (catalog.md: two letters of a domain
 * prefix and six digits, "CG010203"). The one place that decides whether a case may
 * name an item; the catalog merge adds "exists as of the violation date" here. */
int case_item_code_ok(const char *code);
#define CASE_ITEM_CODE_MSG "执法事项编码应为领域前缀（两个大写字母）加 6 位数字，如 CG010203 (invalid item code)"
extern const struct record rec_catalog_claim;
extern const struct record rec_township_list_item;
extern const struct record rec_catalog_dispute;

/* Every record type, ended by NULL. */
extern const struct record *const record_types[];

/* The record type whose ledger name (record.name) is name, or NULL. */
const struct record *record_by_name(const char *name);

#endif
