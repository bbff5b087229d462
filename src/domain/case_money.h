/* case_money.h: the late fee (加处罚款) of 行政处罚法 Art 72(1) and Art 73, in integer fen.
 *
 * 3% of the fine for each day from the day after the payment deadline, the total never
 * above the fine (Art 72(1); 行政强制法 Art 45). Days inside a reconsideration or
 * litigation period (Art 73) do not count. An approved deferral moves the deadline
 * (pass its end as `due`); approved instalments are charged one by one.
 *
 * Rounding: the total is floor(fine_fen * 3 * days / 100), computed on the total and
 * never day by day, so no rounding error accumulates; the fraction of a fen goes to the
 * party. 333 fen one day late: 9 fen (9.99 rounded down); 33 days: 329 fen; the 34th
 * counted day reaches the cap for every fine (3 * 34 = 102 >= 100), 33 never does. */
#ifndef ZHIFA_CASE_MONEY_H
#define ZHIFA_CASE_MONEY_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

struct zerr;

/* Largest fine the arithmetic accepts (10^13 yuan): no overflow below it. */
#define CASE_FEN_MAX ((int64_t)1000000000000000LL)
/* Counted days at which the late fee reaches the fine. */
#define LATE_FEE_CAP_DAYS 34

/* A period that does not count (复议 or 诉讼): from .. to inclusive; to unset = ongoing. */
struct late_fee_pause {
	struct zdate from, to;
};

struct late_fee_input {
	int64_t fine_fen;          /* the fine (or the instalment), 0..CASE_FEN_MAX */
	struct zdate due;          /* last day of the payment period (D6), or of the deferral */
	struct zdate as_of;        /* the payment day, or today */
	const struct late_fee_pause *pauses;
	size_t n_pauses;
};

struct late_fee {
	int64_t fee_fen;           /* the late fee owed as of as_of */
	long days;                 /* counted days: due + 1 .. as_of, outside pauses */
	int capped;                /* 1 when fee_fen == fine_fen because of the cap */
	struct zdate cap_day;      /* the day the cap was reached (set when capped) */
};

/* Computes the late fee. 0, or -1 with e filled (400 invalid_late_fee) for a negative or
 * too large fine, an unset or invalid date, or a pause that ends before it starts. */
int late_fee_compute(const struct late_fee_input *in, struct late_fee *r, struct zerr *e);

/* One approved instalment (Art 66(2)). */
struct instalment {
	int64_t amount_fen;
	struct zdate due;          /* its last day */
	struct zdate paid_on;      /* unset = not paid yet */
};

/* The late fee over approved instalments: each instalment is charged on its own amount
 * from the day after its own due day up to its payment (or as_of), capped at its amount,
 * so the total cap is the fine. ⚠️ An interpretation: Art 72 does not speak of
 * instalments. 0 or -1 with e filled. *total_r is the sum. */
int late_fee_instalments(const struct instalment *v, size_t n, struct zdate as_of,
			 const struct late_fee_pause *pauses, size_t n_pauses,
			 int64_t *total_r, struct zerr *e);

#endif
