/* case_deadline.h: deadlines as budgets with a suspension ledger (docs/cases.md §3).
 *
 * A deadline is never stored as a due date. It is a start, a length in a unit, whether a
 * last day on a rest day rolls over, and two ledgers: suspensions (days that do not
 * count: hearing, expert appraisal, announcement, a suspended case) and approved
 * extensions. The due date, the remaining time and the status are computed on the
 * working-day calendar whenever they are asked for, so a suspension and its resumption
 * keep the remaining time exactly and a newly published holiday schedule is picked up.
 *
 * Counting: the start day is not counted (民事诉讼法 Art 85); counting begins the next
 * day. A suspension {from, to} is inclusive at both ends: from .. to do not count, so
 * a calendar-day deadline moves by exactly to - from + 1 days and a working-day deadline
 * by the working days in from .. to. */
#ifndef ZHIFA_CASE_DEADLINE_H
#define ZHIFA_CASE_DEADLINE_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "domain/case.h"

struct buf;
struct calendar;
struct zerr;

enum deadline_kind {
	DEADLINE_NONE = 0,
	DEADLINE_PRESERVATION,      /* D1: 7 working days from preservation, Art 56 */
	DEADLINE_DECISION,          /* D2: 90 calendar days from filing, Art 60 */
	DEADLINE_SERVICE,           /* D3: 7 working days from the decision, Art 61 */
	DEADLINE_HEARING_REQUEST,   /* D4: 5 working days from the prior notice, Art 64(1) */
	DEADLINE_HEARING_NOTICE,    /* D5: latest notice day, 7 working days before the hearing, Art 64(2) */
	DEADLINE_PAYMENT,           /* D6: 15 calendar days from receipt, Art 67 */
	DEADLINE_WITHDRAW_PUBLISHED,/* D9: 3 working days from the change, Art 48 */
	DEADLINE_LIMITATION,        /* D10: 2 years from the violation, Art 36 (5 via length) */
	DEADLINE_TRANSFER_DECISION, /* D11: 3 days from the report, 移送规定 Art 5 (unit configurable) */
	DEADLINE_TRANSFER_HANDOVER, /* D11: 24 hours from approval: the next calendar day */
	DEADLINE_DEMAND,            /* D17: 10 working days after the 催告 is served, 行政强制法 54, 69 */
	DEADLINE_STATEMENT,         /* statement/defence period, ⚠️ configurable (case_config) */
	DEADLINE_DEFERRAL,          /* end of an approved deferral, Art 66(2): runs to a fixed day */
	DEADLINE_INSTALMENT,        /* the next unpaid instalment's last day, Art 66(2): a fixed day */
	DEADLINE_KIND__COUNT
};

/* Stable name ("decision") and Chinese name ("作出处罚决定期限"); NULL out of range. */
const char *deadline_kind_name(enum deadline_kind k);
const char *deadline_kind_zh(enum deadline_kind k);

/* Reasons for suspensions of D2 (Art 60; sector rules decide which apply). */
#define DEADLINE_REASON_HEARING "hearing"           /* 听证 */
#define DEADLINE_REASON_APPRAISAL "appraisal"       /* 检测、检验、检疫、鉴定 */
#define DEADLINE_REASON_ANNOUNCEMENT "announcement" /* 公告 */
#define DEADLINE_REASON_SUSPENDED "case_suspended"  /* 案件中止 */

#define DEADLINE_SUSPENSIONS_MAX 16
#define DEADLINE_EXTENSIONS_MAX 4
#define DEADLINE_REASON_MAX 32

struct deadline_suspension {
	struct zdate from;               /* first day that does not count */
	struct zdate to;                 /* last day that does not count; unset = still suspended */
	char reason[DEADLINE_REASON_MAX]; /* "hearing", "appraisal", "announcement", "case_suspended" ... */
};

struct deadline_extension {
	int days;                        /* in the deadline's unit, > 0 */
	int64_t approved_by;             /* user id of the approving head, > 0 */
};

struct deadline {
	enum deadline_kind kind;
	const char *basis;               /* "行政处罚法第六十条" */
	struct zdate start;              /* event day (not counted); for D5 the hearing day */
	int length;
	enum case_unit unit;
	int rolls_over;                  /* last day on a rest day → next working day */
	int before;                      /* 1 for D5: the due day lies `length` units before start */
	size_t n_suspensions;
	struct deadline_suspension suspensions[DEADLINE_SUSPENSIONS_MAX];
	size_t n_extensions;
	struct deadline_extension extensions[DEADLINE_EXTENSIONS_MAX];
};

/* Initialises d as the standard deadline of kind k starting at start, with length,
 * unit, roll-over and basis from the law and cfg (D10 gets 2 years; set d->length = 5
 * for the Art 36 categories, or use case_limitation_last_day). 0, or -1 with e filled
 * (400 invalid_deadline) for an unknown kind or an invalid start. */
int deadline_init(struct deadline *d, enum deadline_kind k, struct zdate start,
		  const struct case_config *cfg, struct zerr *e);

/* Opens a suspension from `from` (the first day that does not count) for reason.
 * Refused (409 deadline_suspension) when one is already open, when from is not after
 * the start, when it overlaps an earlier suspension, for D5/D10, or when the ledger is
 * full. 0 or -1 with e filled. */
int deadline_suspend(struct deadline *d, struct zdate from, const char *reason, struct zerr *e);
/* Closes the open suspension: `to` is its last day that does not count (a hearing held
 * 04-01..04-20 is suspend(04-01) then resume(04-20)); to >= from. 0 or -1 with e filled
 * (409 deadline_suspension when nothing is open). */
int deadline_resume(struct deadline *d, struct zdate to, struct zerr *e);
/* Adds an approved extension of days units. -1 with e (400 invalid_extension) when
 * days <= 0, approved_by <= 0, the ledger is full, or the deadline is D5/D10. */
int deadline_extend(struct deadline *d, int days, int64_t approved_by, struct zerr *e);

enum deadline_status_kind {
	DEADLINE_OK = 1,
	DEADLINE_DUE_SOON,  /* due_soon_working_days or fewer working days remain */
	DEADLINE_OVERDUE,   /* as_of is after the due day */
	DEADLINE_PAUSED,    /* a suspension is open on as_of */
};
const char *deadline_status_name(enum deadline_status_kind k); /* "ok", "due_soon" ... */

struct deadline_status {
	enum deadline_status_kind status;
	struct zdate due;     /* last day; when paused, the day it would be if counting resumed on as_of + 1 */
	long remaining;       /* units still to count after as_of up to due (0 = today is the last day);
				 negative when overdue: -(units counted after due up to as_of) */
	long remaining_working; /* working days in as_of + 1 .. due (not suspended), 0 when overdue */
	int provisional;      /* a year without loaded calendar data was used */
};

/* The due day of d. -1 with e (409 deadline_paused) while a suspension is open, or
 * (400) on inconsistent input. *provisional_r (may be NULL) as in calendar.h. */
int deadline_due(struct calendar *cal, const struct deadline *d, struct zdate *due_r,
		 int *provisional_r, struct zerr *e);
/* Status of d on as_of: due day, remaining time and ok / due soon / overdue / paused.
 * An open suspension counts as lasting through as_of. cal may be NULL only for a
 * calendar-day deadline that does not roll over, and then "due soon" is never reported.
 * 0 or -1 with e filled (500 calendar_missing when the calendar is needed). */
int deadline_eval(struct calendar *cal, const struct deadline *d, struct zdate as_of,
		  int due_soon_working_days, struct deadline_status *r, struct zerr *e);

/* ---- which deadlines an action starts, stops, suspends or resumes ---- */

enum deadline_op {
	DEADLINE_START = 1, /* create the deadline with start = date */
	DEADLINE_STOP,      /* the deadline is met or no longer runs (on date) */
	DEADLINE_SUSPEND,   /* deadline_suspend(date, reason) */
	DEADLINE_RESUME,    /* deadline_resume(date): date is the last day not counted */
};
const char *deadline_op_name(enum deadline_op op); /* "start", "stop" ... */

struct deadline_effect {
	enum deadline_kind kind;
	enum deadline_op op;
	struct zdate date;  /* from the snapshot (e.g. the filing date for D2), else today */
	struct zdate until; /* START of a deadline that runs to a fixed day (deferral, instalment):
			       that day before any roll-over; the length is the days from date.
			       Unset for the others. */
	const char *reason; /* for SUSPEND: a DEADLINE_REASON_*; else NULL */
};

#define DEADLINE_EFFECTS_MAX 8

/* The deadline bookkeeping that action a implies once it has been allowed on s (the
 * snapshot with the request's fields overlaid), in the order to apply them: at most max
 * into out; returns how many apply (<= DEADLINE_EFFECTS_MAX), or -1 on NULL arguments.
 * Conditional effects are filtered here: D4 only when the notified penalty gives a
 * hearing right, D6 only when money is due, D9 only when the decision was published. */
int case_deadline_effects(const struct case_config *cfg, const struct case_snapshot *s,
			  enum case_action a, struct deadline_effect *out, size_t max);
/* Initialises d as deadline_init does, with the length set so that the last day before
 * any roll-over is `until` (the deferral's end, an instalment's due day: the agency fixes
 * a day, not a number of days). -1 with e (400 invalid_deadline) when until is not after
 * start. */
int deadline_init_until(struct deadline *d, enum deadline_kind k, struct zdate start,
			struct zdate until, const struct case_config *cfg, struct zerr *e);

/* Writes the effects table as Markdown (docs/cases.md's second generated section). */
int case_deadline_effects_markdown(struct buf *b);

/* Adds n years to d: the corresponding day, or the month's last day when there is none
 * (2024-02-29 + 2 y = 2026-02-28). -1 when the result leaves the date range. */
int deadline_add_years(struct zdate d, int n, struct zdate *r);

#endif
