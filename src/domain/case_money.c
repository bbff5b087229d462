/* case_money.c: the Art 72 late fee in integer fen. */
#include "domain/case_money.h"

#include "core/err.h"

static int paused(const struct late_fee_pause *p, size_t n, struct zdate day, struct zdate as_of)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct zdate to = p[i].to.y ? p[i].to : as_of;

		if (zdate_cmp(day, p[i].from) >= 0 && zdate_cmp(day, to) <= 0)
			return 1;
	}
	return 0;
}

int late_fee_compute(const struct late_fee_input *in, struct late_fee *r, struct zerr *e)
{
	struct zdate day;
	size_t i;
	long guard = 0;

	r->fee_fen = 0;
	r->days = 0;
	r->capped = 0;
	r->cap_day = (struct zdate){ 0, 0, 0 };
	if (in->fine_fen < 0 || in->fine_fen > CASE_FEN_MAX)
		return zerr_set(e, 400, "invalid_late_fee",
				"罚款金额须为 0 至 10^15 分的整数 (fine out of range)");
	if (!zdate_valid(in->due) || !zdate_valid(in->as_of))
		return zerr_set(e, 400, "invalid_late_fee", "日期无效 (invalid date)");
	for (i = 0; i < in->n_pauses; i++)
		if (!zdate_valid(in->pauses[i].from) ||
		    (in->pauses[i].to.y && (!zdate_valid(in->pauses[i].to) ||
					    zdate_cmp(in->pauses[i].to, in->pauses[i].from) < 0)))
			return zerr_set(e, 400, "invalid_late_fee",
					"复议或诉讼期间无效 (invalid remedy period)");
	day = in->due;
	while (zdate_cmp(day, in->as_of) < 0 && guard++ < 200000) {
		if (zdate_add_days(day, 1, &day) != 0)
			break;
		if (paused(in->pauses, in->n_pauses, day, in->as_of))
			continue;
		r->days++;
		if (r->days == LATE_FEE_CAP_DAYS)
			r->cap_day = day;
	}
	if (r->days >= LATE_FEE_CAP_DAYS) {
		r->fee_fen = in->fine_fen;
		r->capped = in->fine_fen > 0;
		if (!r->capped)
			r->cap_day = (struct zdate){ 0, 0, 0 };
	} else {
		r->fee_fen = in->fine_fen * 3 * r->days / 100;
		r->cap_day = (struct zdate){ 0, 0, 0 };
	}
	return 0;
}

int late_fee_instalments(const struct instalment *v, size_t n, struct zdate as_of,
			 const struct late_fee_pause *pauses, size_t n_pauses,
			 int64_t *total_r, struct zerr *e)
{
	int64_t total = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		struct late_fee_input in = { v[i].amount_fen, v[i].due,
					     v[i].paid_on.y ? v[i].paid_on : as_of, pauses, n_pauses };
		struct late_fee f;

		if (late_fee_compute(&in, &f, e) != 0)
			return -1;
		total += f.fee_fen;
	}
	*total_r = total;
	return 0;
}
