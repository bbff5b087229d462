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
extern const struct record rec_catalog_claim;
extern const struct record rec_township_list_item;
extern const struct record rec_catalog_dispute;

/* Every record type, ended by NULL. */
extern const struct record *const record_types[];

/* The record type whose ledger name (record.name) is name, or NULL. */
const struct record *record_by_name(const char *name);

#endif
