/* calendar_store.h: the process's working-day calendar and its yearly data in the
 * database. Deadlines are never stored: they are computed from budgets on read, so
 * loading a year's data recomputes every deadline that was provisional; the one
 * derived date that is stored, each case's next due (domain/case_due.h), is
 * recomputed in the transaction that stores the year. */
#ifndef ZHIFA_CALENDAR_STORE_H
#define ZHIFA_CALENDAR_STORE_H

#include <stddef.h>

#include "core/calendar.h"
#include "core/err.h"
#include "domain/auth.h"
#include "store/db.h"

/* The calendar shared by every thread of this process (created on first use). */
struct calendar *calendar_shared(void);
/* The shared calendar, first brought up to date with the database when another
 * process may have loaded a year since (checked at most every CALENDAR_SYNC_SECONDS).
 * Every deadline computation of the server goes through this. */
struct calendar *calendar_for(db_t *db);
#define CALENDAR_SYNC_SECONDS 30

/* Loads every year stored in the database into cal. */
int calendar_store_load(db_t *db, struct calendar *cal, struct zerr *e);
/* Stores the years shipped in the binary that the database does not have yet. */
int calendar_store_seed(db_t *db, struct zerr *e);
/* Validates text as year's data, stores it (replacing an older version, with a ledger
 * entry) and loads it into cal. Nothing is stored when the text is invalid. */
int calendar_store_put(db_t *db, struct calendar *cal, int year, const char *text, size_t len,
		       const struct principal *who, struct zerr *e);

#endif
