/* case_due.h: a case's stored "next due" (docs/cases.md §10): the due day of its
 * earliest running, unpaused deadline and whether that day is provisional (computed
 * with a calendar year not loaded yet). Deadlines stay budgets (case_deadlines); this
 * is a cache of one derived date, so that the list's `deadline` filter and the
 * worklist are index range scans on (agency_id, next_due) instead of computing every
 * row's deadlines. It is refreshed in the transaction of every step that changes a
 * deadline, and recomputed for every case when a calendar year is loaded.
 *
 * Why one date suffices: a deadline's status on a day is monotone in its due day
 * (overdue after it; due soon when at most N working days remain up to it), so the
 * case's most urgent deadline is the one due first; a paused deadline (open
 * suspension) is neither overdue nor due soon, and is left out. */
#ifndef ZHIFA_CASE_DUE_H
#define ZHIFA_CASE_DUE_H

#include <stdint.h>

#include "core/calendar.h"
#include "core/err.h"
#include "domain/case.h"
#include "domain/case_deadline.h"
#include "store/db.h"

/* Makes d from a stored case_deadlines row (kind, start_date, length, suspensions and
 * extensions as JSON text). 0, or -1 with e (500: the row is not one we wrote). */
int case_deadline_from_row(const struct case_config *cfg, const char *kind, const char *start,
			   int64_t length, const char *susp, const char *ext, struct deadline *d,
			   struct zerr *e);

/* Recomputes cases.next_due / next_due_provisional of case_id from its running
 * deadlines with cfg, the case's agency's configuration (its roll-over flags decide D2's
 * and D6's last day; NULL = the defaults), inside the caller's transaction. 0 or -1. */
int case_next_due_refresh(db_t *db, struct calendar *cal, const struct case_config *cfg, int64_t case_id,
			  struct zerr *e);

/* Where refresh_all finds an agency's configuration: the API layer registers
 * case_config_for_agency once at startup (main.c); unset, the defaults apply. */
typedef int (*case_due_cfg_fn)(db_t *db, int64_t agency_id, struct case_config *c, struct zerr *e);
void case_due_set_config_source(case_due_cfg_fn fn);

/* Recomputes the next due of agency_id's cases that have one (the only ones a change of
 * the roll-over flags can move: a case without a next due has no computable running
 * deadline) with cfg, the agency's new configuration, in the caller's transaction; a
 * range of the (agency_id, next_due) index, writing only the rows that change.
 * *changed_r (may be NULL): how many did. 0 or -1 with e. */
int case_next_due_refresh_agency(db_t *db, struct calendar *cal, const struct case_config *cfg,
				 int64_t agency_id, long *changed_r, struct zerr *e);

/* Recomputes every case's next due with cal and its agency's configuration (a calendar
 * year was loaded or replaced, or the column is new), in the caller's transaction; writes only the rows whose
 * value changes. *changed_r (may be NULL): how many did. Marks the column filled
 * (settings cases.next_due = 1). */
int case_next_due_refresh_all(db_t *db, struct calendar *cal, long *changed_r, struct zerr *e);

/* case_next_due_refresh_all in its own transaction, once: when the column has never
 * been filled on this database (after migration 033). */
int case_next_due_backfill(db_t *db, struct calendar *cal, struct zerr *e);

/* The first day on which a deadline due on or after it is no longer "due soon" as of
 * today with due_soon_working_days: the (N+1)th working day after today. A case is
 * due soon or overdue iff next_due < this day, overdue iff next_due < today.
 * 0 or -1 with e. */
int case_due_soon_bound(struct calendar *cal, struct zdate today, int due_soon_working_days,
			struct zdate *bound_r, struct zerr *e);

#endif
