/* Deadlines as budgets with a suspension ledger (domain.md §1.9, D1-D17), on the
 * shipped working-day calendar. */
#include "case_fixture.h"
#include "domain/case_deadline.h"

static const char *ds(struct zdate d)
{
	static char s[ZDATE_STRLEN];

	return zdate_format(d, s);
}

/* Initialises a deadline of kind k from start with the default configuration and checks
 * its due day. */
#define CHECK_DUE(cal, k, start, want)                                                 \
	do {                                                                           \
		struct deadline d_;                                                    \
		struct zdate due_;                                                     \
		struct zerr e_ = ZERR_INIT;                                            \
		int p_ = -1;                                                           \
		CHECK_INT(deadline_init(&d_, (k), (start), NULL, &e_), 0);             \
		CHECK_INT(deadline_due((cal), &d_, &due_, &p_, &e_), 0);               \
		CHECK_STR(ds(due_), (want));                                           \
		CHECK_INT(p_, 0);                                                      \
	} while (0)

TEST(penalty_law_art60_decision_due_90_calendar_days_after_filing)
{
	struct calendar *cal = case_calendar();

	CHECK(cal);
	/* filed Monday 2026-03-02: the 90th day is Sunday 05-31, which does not roll over */
	CHECK_DUE(cal, DEADLINE_DECISION, D(2026, 3, 2), "2026-05-31");
	calendar_free(&cal);
}

TEST(penalty_law_art60_hearing_suspension_moves_the_due_day_by_exactly_the_suspended_days)
{
	struct calendar *cal = case_calendar();
	struct deadline d;
	struct deadline_status before, after, during;
	struct zdate due;
	struct zerr e = ZERR_INIT;

	CHECK(cal);
	CHECK_INT(deadline_init(&d, DEADLINE_DECISION, D(2026, 3, 2), NULL, &e), 0);
	CHECK_INT(deadline_eval(cal, &d, D(2026, 3, 31), 3, &before, &e), 0);
	CHECK_STR(ds(before.due), "2026-05-31");
	CHECK_INT(before.remaining, 61);
	/* hearing from 04-01 to 04-20, both days excluded: 20 days */
	CHECK_INT(deadline_suspend(&d, D(2026, 4, 1), DEADLINE_REASON_HEARING, &e), 0);
	CHECK_INT(deadline_due(cal, &d, &due, NULL, &e), -1);
	CHECK_STR(e.code, "deadline_paused");
	zerr_clear(&e);
	CHECK_INT(deadline_eval(cal, &d, D(2026, 4, 10), 3, &during, &e), 0);
	CHECK_INT(during.status, DEADLINE_PAUSED);
	CHECK_INT(during.remaining, 61);
	CHECK_STR(ds(during.due), "2026-06-10");
	CHECK_INT(deadline_resume(&d, D(2026, 4, 20), &e), 0);
	CHECK_INT(deadline_due(cal, &d, &due, NULL, &e), 0);
	CHECK_STR(ds(due), "2026-06-20");
	CHECK_INT(zdate_days_between(before.due, due), 20);
	/* the day after the hearing the budget is exactly where it was the day before it */
	CHECK_INT(deadline_eval(cal, &d, D(2026, 4, 20), 3, &after, &e), 0);
	CHECK_INT(after.remaining, before.remaining);
	CHECK_INT(after.status, DEADLINE_OK);
	calendar_free(&cal);
}

TEST(penalty_law_art60_two_suspensions_and_an_approved_extension)
{
	struct calendar *cal = case_calendar();
	struct deadline d;
	struct zdate due;
	struct zerr e = ZERR_INIT;

	CHECK(cal);
	CHECK_INT(deadline_init(&d, DEADLINE_DECISION, D(2026, 3, 2), NULL, &e), 0);
	CHECK_INT(deadline_suspend(&d, D(2026, 3, 10), "appraisal", &e), 0);
	CHECK_INT(deadline_resume(&d, D(2026, 3, 19), &e), 0); /* 10 days */
	CHECK_INT(deadline_suspend(&d, D(2026, 3, 19), "announcement", &e), -1);
	CHECK_STR(e.code, "deadline_suspension");
	zerr_clear(&e);
	CHECK_INT(deadline_suspend(&d, D(2026, 4, 1), "announcement", &e), 0);
	CHECK_INT(deadline_suspend(&d, D(2026, 4, 5), "hearing", &e), -1);
	zerr_clear(&e);
	CHECK_INT(deadline_resume(&d, D(2026, 4, 30), &e), 0); /* 30 days */
	CHECK_INT(deadline_resume(&d, D(2026, 5, 1), &e), -1);
	zerr_clear(&e);
	CHECK_INT(deadline_extend(&d, 30, 1, &e), 0);
	CHECK_INT(deadline_due(cal, &d, &due, NULL, &e), 0);
	/* 05-31 + 10 + 30 + 30 = 08-intervals: 2026-08-residue computed by days */
	CHECK_INT(zdate_days_between(D(2026, 5, 31), due), 70);
	CHECK_STR(ds(due), "2026-08-09");
	CHECK_INT(deadline_extend(&d, 10, 0, &e), -1);
	CHECK_STR(e.code, "invalid_extension");
	zerr_clear(&e);
	CHECK_INT(deadline_extend(&d, 0, 1, &e), -1);
	zerr_clear(&e);
	calendar_free(&cal);
}

TEST(penalty_law_art60_roll_over_is_configurable)
{
	struct calendar *cal = case_calendar();
	struct case_config cfg;
	struct deadline d;
	struct zdate due;
	struct zerr e = ZERR_INIT;

	CHECK(cal);
	case_config_default(&cfg);
	cfg.decision_rolls_over = 1;
	CHECK_INT(deadline_init(&d, DEADLINE_DECISION, D(2026, 3, 2), &cfg, &e), 0);
	CHECK_INT(deadline_due(cal, &d, &due, NULL, &e), 0);
	CHECK_STR(ds(due), "2026-06-01");
	calendar_free(&cal);
}

TEST(penalty_law_art56_preservation_decision_within_7_working_days_across_qingming)
{
	struct calendar *cal = case_calendar();

	CHECK(cal);
	/* Wed 04-01: 04-02, 04-03, (清明 04-04..06), 04-07 .. 04-10, 04-13 */
	CHECK_DUE(cal, DEADLINE_PRESERVATION, D(2026, 4, 1), "2026-04-13");
	calendar_free(&cal);
}

TEST(penalty_law_art61_service_within_7_working_days_across_may_day)
{
	struct calendar *cal = case_calendar();

	CHECK(cal);
	/* Thu 04-30: 劳动节 05-01..05, Sat 05-09 is worked */
	CHECK_DUE(cal, DEADLINE_SERVICE, D(2026, 4, 30), "2026-05-13");
	calendar_free(&cal);
}

TEST(penalty_law_art64_hearing_request_5_and_notice_7_working_days)
{
	struct calendar *cal = case_calendar();

	CHECK(cal);
	CHECK_DUE(cal, DEADLINE_HEARING_REQUEST, D(2026, 4, 2), "2026-04-10");
	/* latest notice for a hearing on Friday 03-20 */
	CHECK_DUE(cal, DEADLINE_HEARING_NOTICE, D(2026, 3, 20), "2026-03-11");
	/* a hearing on Tuesday 04-07, after 清明: back over the holiday */
	CHECK_DUE(cal, DEADLINE_HEARING_NOTICE, D(2026, 4, 7), "2026-03-26");
	calendar_free(&cal);
}

TEST(penalty_law_art67_payment_15_days_rolls_over_national_day)
{
	struct calendar *cal = case_calendar();
	struct case_config cfg;
	struct deadline d;
	struct zdate due;
	struct zerr e = ZERR_INIT;

	CHECK(cal);
	/* received 09-20: the 15th day, 10-05, is in 国庆 (10-01..07) → 10-08 */
	CHECK_DUE(cal, DEADLINE_PAYMENT, D(2026, 9, 20), "2026-10-08");
	case_config_default(&cfg);
	cfg.payment_rolls_over = 0;
	CHECK_INT(deadline_init(&d, DEADLINE_PAYMENT, D(2026, 9, 20), &cfg, &e), 0);
	CHECK_INT(deadline_due(cal, &d, &due, NULL, &e), 0);
	CHECK_STR(ds(due), "2026-10-05");
	calendar_free(&cal);
}

TEST(penalty_law_art48_withdraw_published_information_within_3_working_days)
{
	struct calendar *cal = case_calendar();

	CHECK(cal);
	/* 国庆 10-01..07; 10-08, 10-09 and Saturday 10-10 (调休上班) */
	CHECK_DUE(cal, DEADLINE_WITHDRAW_PUBLISHED, D(2026, 9, 30), "2026-10-10");
	calendar_free(&cal);
}

TEST(penalty_law_art36_limitation_deadline_in_years)
{
	struct calendar *cal = case_calendar();
	struct deadline d;
	struct zerr e = ZERR_INIT;

	CHECK(cal);
	CHECK_DUE(cal, DEADLINE_LIMITATION, D(2024, 2, 29), "2026-02-28");
	CHECK_INT(deadline_init(&d, DEADLINE_LIMITATION, D(2024, 3, 10), NULL, &e), 0);
	CHECK_INT(deadline_suspend(&d, D(2025, 1, 1), "x", &e), -1);
	zerr_clear(&e);
	CHECK_INT(deadline_extend(&d, 1, 1, &e), -1);
	zerr_clear(&e);
	calendar_free(&cal);
}

TEST(transfer_rules_art5_three_days_calendar_by_default_working_when_configured)
{
	struct calendar *cal = case_calendar();
	struct case_config cfg;
	struct deadline d;
	struct zdate due;
	struct zerr e = ZERR_INIT;

	CHECK(cal);
	CHECK_DUE(cal, DEADLINE_TRANSFER_DECISION, D(2026, 9, 30), "2026-10-03");
	CHECK_DUE(cal, DEADLINE_TRANSFER_HANDOVER, D(2026, 9, 30), "2026-10-01");
	case_config_default(&cfg);
	cfg.crime_transfer_unit = CASE_UNIT_WORKING_DAYS;
	CHECK_INT(deadline_init(&d, DEADLINE_TRANSFER_DECISION, D(2026, 9, 30), &cfg, &e), 0);
	CHECK_INT(deadline_due(cal, &d, &due, NULL, &e), 0);
	CHECK_STR(ds(due), "2026-10-10");
	calendar_free(&cal);
}

TEST(administrative_coercion_law_art54_demand_10_working_days)
{
	struct calendar *cal = case_calendar();

	CHECK(cal);
	CHECK_DUE(cal, DEADLINE_DEMAND, D(2026, 9, 11), "2026-09-24");
	calendar_free(&cal);
}

TEST(case_deadline_status_ok_due_soon_and_overdue)
{
	struct calendar *cal = case_calendar();
	struct deadline d;
	struct deadline_status st;
	struct zerr e = ZERR_INIT;

	CHECK(cal);
	/* D3 from Tue 03-10: due Thu 03-19 */
	CHECK_INT(deadline_init(&d, DEADLINE_SERVICE, D(2026, 3, 10), NULL, &e), 0);
	CHECK_INT(deadline_eval(cal, &d, D(2026, 3, 13), 3, &st, &e), 0);
	CHECK_STR(ds(st.due), "2026-03-19");
	CHECK_INT(st.remaining, 4);
	CHECK_INT(st.status, DEADLINE_OK);
	CHECK_STR(deadline_status_name(st.status), "ok");
	CHECK_INT(deadline_eval(cal, &d, D(2026, 3, 16), 3, &st, &e), 0);
	CHECK_INT(st.remaining, 3);
	CHECK_INT(st.status, DEADLINE_DUE_SOON);
	CHECK_INT(deadline_eval(cal, &d, D(2026, 3, 19), 3, &st, &e), 0);
	CHECK_INT(st.remaining, 0);
	CHECK_INT(st.status, DEADLINE_DUE_SOON);
	CHECK_INT(deadline_eval(cal, &d, D(2026, 3, 23), 3, &st, &e), 0);
	CHECK_INT(st.status, DEADLINE_OVERDUE);
	CHECK_INT(st.remaining, -2); /* Fri 03-20 and Mon 03-23 */
	CHECK_STR(deadline_status_name(st.status), "overdue");
	calendar_free(&cal);
}

TEST(case_working_day_deadline_suspension_moves_by_the_working_days_suspended)
{
	struct calendar *cal = case_calendar();
	struct deadline d;
	struct zdate due;
	struct zerr e = ZERR_INIT;

	CHECK(cal);
	/* D1 from Mon 03-02 is due Wed 03-11; suspended Fri 03-06 .. Mon 03-09 (2 working days) */
	CHECK_INT(deadline_init(&d, DEADLINE_PRESERVATION, D(2026, 3, 2), NULL, &e), 0);
	CHECK_INT(deadline_suspend(&d, D(2026, 3, 6), "appraisal", &e), 0);
	CHECK_INT(deadline_resume(&d, D(2026, 3, 9), &e), 0);
	CHECK_INT(deadline_due(cal, &d, &due, NULL, &e), 0);
	CHECK_STR(ds(due), "2026-03-13");
	calendar_free(&cal);
}

TEST(case_deadline_in_a_year_without_calendar_data_is_provisional)
{
	struct calendar *cal = case_calendar();
	struct deadline d;
	struct zdate due;
	struct deadline_status st;
	struct zerr e = ZERR_INIT;
	int p = 0;

	CHECK(cal);
	CHECK_INT(deadline_init(&d, DEADLINE_SERVICE, D(2026, 12, 28), NULL, &e), 0);
	CHECK_INT(deadline_due(cal, &d, &due, &p, &e), 0);
	CHECK_STR(ds(due), "2027-01-06");
	CHECK_INT(p, 1);
	CHECK_INT(deadline_eval(cal, &d, D(2026, 12, 28), 3, &st, &e), 0);
	CHECK_INT(st.provisional, 1);
	calendar_free(&cal);
}

TEST(case_deadline_refuses_bad_input)
{
	struct deadline d;
	struct zdate due;
	struct zerr e = ZERR_INIT;

	CHECK_INT(deadline_init(&d, DEADLINE_NONE, D(2026, 3, 2), NULL, &e), -1);
	CHECK_STR(e.code, "invalid_deadline");
	zerr_clear(&e);
	CHECK_INT(deadline_init(&d, DEADLINE_DECISION, D(2026, 2, 30), NULL, &e), -1);
	zerr_clear(&e);
	CHECK_INT(deadline_init(&d, DEADLINE_SERVICE, D(2026, 3, 2), NULL, &e), 0);
	CHECK_INT(deadline_due(NULL, &d, &due, NULL, &e), -1);
	CHECK_STR(e.code, "calendar_missing");
	zerr_clear(&e);
	CHECK_INT(deadline_suspend(&d, D(2026, 3, 2), "x", &e), -1);
	zerr_clear(&e);
	CHECK_INT(deadline_resume(&d, D(2026, 3, 5), &e), -1);
	zerr_clear(&e);
	CHECK_INT(deadline_init(&d, DEADLINE_HEARING_NOTICE, D(2026, 3, 20), NULL, &e), 0);
	CHECK_INT(deadline_suspend(&d, D(2026, 3, 21), "x", &e), -1);
	zerr_clear(&e);
	CHECK_STR(deadline_kind_name(DEADLINE_DECISION), "decision");
	CHECK_STR(deadline_kind_zh(DEADLINE_PAYMENT), "罚款缴纳期限");
	CHECK(deadline_kind_name(DEADLINE_KIND__COUNT) == NULL);
}

/* ---- effects: which deadlines an action starts, stops, suspends or resumes ---- */

#define CHECK_EFFECT(ef, k, op_, date_)                                               \
	do {                                                                          \
		CHECK_INT((ef).kind, (k));                                            \
		CHECK_INT((ef).op, (op_));                                            \
		CHECK_STR(ds((ef).date), (date_));                                    \
	} while (0)

TEST(case_deadline_effects_of_filing_notice_and_hearing)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct deadline_effect ef[DEADLINE_EFFECTS_MAX];

	case_config_default(&cfg);
	case_fixture(&s);
	CHECK_INT(case_deadline_effects(&cfg, &s, CA_FILE_CASE, ef, DEADLINE_EFFECTS_MAX), 1);
	CHECK_EFFECT(ef[0], DEADLINE_DECISION, DEADLINE_START, "2026-03-02");
	/* 5,000 yuan for an organisation: no hearing right, so no D4 */
	s.notice = D(2026, 3, 10);
	s.notified = s.intended;
	CHECK_INT(case_deadline_effects(&cfg, &s, CA_ISSUE_PRIOR_NOTICE, ef, DEADLINE_EFFECTS_MAX), 1);
	CHECK_EFFECT(ef[0], DEADLINE_STATEMENT, DEADLINE_START, "2026-03-10");
	s.notified.fine_fen = s.intended.fine_fen = 1000000;
	CHECK_INT(case_deadline_effects(&cfg, &s, CA_ISSUE_PRIOR_NOTICE, ef, DEADLINE_EFFECTS_MAX), 2);
	CHECK_EFFECT(ef[1], DEADLINE_HEARING_REQUEST, DEADLINE_START, "2026-03-10");
	s.hearing_requested_on = D(2026, 3, 12);
	CHECK_INT(case_deadline_effects(&cfg, &s, CA_REQUEST_HEARING, ef, DEADLINE_EFFECTS_MAX), 2);
	CHECK_EFFECT(ef[0], DEADLINE_HEARING_REQUEST, DEADLINE_STOP, "2026-03-12");
	CHECK_EFFECT(ef[1], DEADLINE_DECISION, DEADLINE_SUSPEND, "2026-03-12");
	CHECK_STR(ef[1].reason, "hearing");
	CHECK_INT(case_deadline_effects(&cfg, &s, CA_ARCHIVE_CASE, ef, DEADLINE_EFFECTS_MAX), 0);
	CHECK_INT(case_deadline_effects(&cfg, &s, CA_REISSUE_PRIOR_NOTICE, NULL, 0), 4);
	CHECK_INT(case_deadline_effects(NULL, &s, CA_FILE_CASE, ef, 1), -1);
}

TEST(case_deadline_effects_payment_only_when_money_is_due_and_d9_only_when_published)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct deadline_effect ef[DEADLINE_EFFECTS_MAX];

	case_config_default(&cfg);
	case_fixture(&s);
	s.today = s.service = D(2026, 9, 20);
	CHECK_INT(case_deadline_effects(&cfg, &s, CA_SERVE_DECISION, ef, DEADLINE_EFFECTS_MAX), 2);
	CHECK_EFFECT(ef[0], DEADLINE_SERVICE, DEADLINE_STOP, "2026-09-20");
	CHECK_EFFECT(ef[1], DEADLINE_PAYMENT, DEADLINE_START, "2026-09-20");
	s.intended = (struct case_penalty){ CASE_PT_WARNING, 0, 0 };
	CHECK_INT(case_deadline_effects(&cfg, &s, CA_SERVE_DECISION, ef, DEADLINE_EFFECTS_MAX), 1);
	CHECK_INT(case_deadline_effects(&cfg, &s, CA_REMEDY_REVOKED, ef, DEADLINE_EFFECTS_MAX), 0);
	s.decision_published = 1;
	CHECK_INT(case_deadline_effects(&cfg, &s, CA_REMEDY_REVOKED, ef, DEADLINE_EFFECTS_MAX), 1);
	CHECK_EFFECT(ef[0], DEADLINE_WITHDRAW_PUBLISHED, DEADLINE_START, "2026-09-20");
	CHECK_STR(deadline_op_name(ef[0].op), "start");
	/* D9 (Art 48(2)) for a decision confirmed void as for a revoked one */
	CHECK_INT(case_deadline_effects(&cfg, &s, CA_REMEDY_CONFIRMED_VOID, ef, DEADLINE_EFFECTS_MAX), 1);
	CHECK_EFFECT(ef[0], DEADLINE_WITHDRAW_PUBLISHED, DEADLINE_START, "2026-09-20");
	s.decision_published = 0;
	CHECK_INT(case_deadline_effects(&cfg, &s, CA_REMEDY_CONFIRMED_VOID, ef, DEADLINE_EFFECTS_MAX), 0);
}

/* Applies action a's effects on d's kind to d, as the API would. */
static int apply(const struct case_config *cfg, const struct case_snapshot *s, enum case_action a,
		 struct deadline *d, struct zerr *e)
{
	struct deadline_effect ef[DEADLINE_EFFECTS_MAX];
	int n = case_deadline_effects(cfg, s, a, ef, DEADLINE_EFFECTS_MAX), i;

	for (i = 0; i < n; i++) {
		if (ef[i].kind != d->kind)
			continue;
		if (ef[i].op == DEADLINE_START && deadline_init(d, ef[i].kind, ef[i].date, cfg, e))
			return -1;
		if (ef[i].op == DEADLINE_SUSPEND && deadline_suspend(d, ef[i].date, ef[i].reason, e))
			return -1;
		if (ef[i].op == DEADLINE_RESUME && deadline_resume(d, ef[i].date, e))
			return -1;
	}
	return 0;
}

TEST(penalty_law_art60_hearing_from_request_to_hearing_day_does_not_count)
{
	struct calendar *cal = case_calendar();
	struct case_config cfg;
	struct case_snapshot s;
	struct deadline d = { 0 };
	struct zdate due;
	struct zerr e = ZERR_INIT;

	CHECK(cal);
	case_config_default(&cfg);
	case_fixture(&s);
	d.kind = DEADLINE_DECISION;
	CHECK_INT(apply(&cfg, &s, CA_FILE_CASE, &d, &e), 0);
	s.today = s.hearing_requested_on = D(2026, 4, 1);
	CHECK_INT(apply(&cfg, &s, CA_REQUEST_HEARING, &d, &e), 0);
	s.today = s.hearing_date = D(2026, 4, 20);
	CHECK_INT(apply(&cfg, &s, CA_HOLD_HEARING, &d, &e), 0);
	CHECK_INT(deadline_due(cal, &d, &due, NULL, &e), 0);
	CHECK_STR(ds(due), "2026-06-20");
	calendar_free(&cal);
}

/* Art 66(2): a deferral runs to the day the head fixed; ending in National Day it rolls
 * over to the first working day after it when payment_rolls_over (⚠️ domain.md §1.8,
 * the reading applied to D6), and stays on the day when the agency turned it off. */
TEST(penalty_law_art66_deferral_ending_in_national_day_rolls_over_like_d6)
{
	struct calendar *cal = case_calendar();
	struct case_config cfg;
	struct deadline d;
	struct deadline_status st;
	struct zdate due;
	struct zerr e = ZERR_INIT;

	CHECK(cal != NULL);
	case_config_default(&cfg);
	CHECK_INT(deadline_init_until(&d, DEADLINE_DEFERRAL, D(2026, 9, 15), D(2026, 10, 3), &cfg, &e), 0);
	CHECK_INT(d.length, 18);
	CHECK_INT(d.unit, CASE_UNIT_CALENDAR_DAYS);
	CHECK_INT(deadline_due(cal, &d, &due, NULL, &e), 0);
	CHECK_STR(ds(due), "2026-10-08");
	/* on 10-09 the deferral has been missed: overdue by one day */
	CHECK_INT(deadline_eval(cal, &d, D(2026, 10, 9), 3, &st, &e), 0);
	CHECK_INT(st.status, DEADLINE_OVERDUE);
	CHECK_INT(st.remaining, -1);
	cfg.payment_rolls_over = 0;
	CHECK_INT(deadline_init_until(&d, DEADLINE_DEFERRAL, D(2026, 9, 15), D(2026, 10, 3), &cfg, &e), 0);
	CHECK_INT(deadline_due(cal, &d, &due, NULL, &e), 0);
	CHECK_STR(ds(due), "2026-10-03");
	/* a last day not after the start is no deadline */
	CHECK_INT(deadline_init_until(&d, DEADLINE_DEFERRAL, D(2026, 9, 15), D(2026, 9, 15), &cfg, &e), -1);
	CHECK_STR(e.code, "invalid_deadline");
	zerr_clear(&e);
	calendar_free(&cal);
}

/* Each instalment's period runs from the previous one's due day to its own; a due day in
 * the Spring Festival rolls over, a due day on an adjusted working Saturday (02-28) does
 * not; the head's approval starts the first, pay_instalment the next. */
TEST(penalty_law_art66_instalments_are_deadlines_of_their_own)
{
	struct calendar *cal = case_calendar();
	struct case_config cfg;
	struct case_snapshot s;
	struct deadline_effect ef[DEADLINE_EFFECTS_MAX];
	struct deadline d;
	struct zdate due;
	struct zerr e = ZERR_INIT;

	CHECK(cal != NULL);
	case_config_default(&cfg);
	CHECK_INT(deadline_init_until(&d, DEADLINE_INSTALMENT, D(2026, 1, 20), D(2026, 2, 21), &cfg, &e), 0);
	CHECK_INT(deadline_due(cal, &d, &due, NULL, &e), 0);
	CHECK_STR(ds(due), "2026-02-24");
	CHECK_INT(deadline_init_until(&d, DEADLINE_INSTALMENT, D(2026, 2, 21), D(2026, 2, 28), &cfg, &e), 0);
	CHECK_INT(deadline_due(cal, &d, &due, NULL, &e), 0);
	CHECK_STR(ds(due), "2026-02-28");

	case_fixture(&s);
	s.today = D(2026, 1, 20);
	s.payment_period_start = s.today;
	s.payment_period_end = D(2026, 2, 21);
	CHECK_INT(case_deadline_effects(&cfg, &s, CA_APPROVE_INSTALMENTS, ef, DEADLINE_EFFECTS_MAX), 3);
	CHECK_EFFECT(ef[0], DEADLINE_PAYMENT, DEADLINE_STOP, "2026-01-20");
	CHECK_EFFECT(ef[1], DEADLINE_DEFERRAL, DEADLINE_STOP, "2026-01-20");
	CHECK_EFFECT(ef[2], DEADLINE_INSTALMENT, DEADLINE_START, "2026-01-20");
	CHECK_STR(ds(ef[2].until), "2026-02-21");
	s.payment_period_start = D(2026, 2, 21);
	s.payment_period_end = D(2026, 3, 21);
	CHECK_INT(case_deadline_effects(&cfg, &s, CA_PAY_INSTALMENT, ef, DEADLINE_EFFECTS_MAX), 1);
	CHECK_EFFECT(ef[0], DEADLINE_INSTALMENT, DEADLINE_START, "2026-02-21");
	CHECK_STR(ds(ef[0].until), "2026-03-21");
	/* record_payment ends them; D17 (the demand) only once nothing is owed */
	s.intended = (struct case_penalty){ CASE_PT_FINE, 100000, 0 };
	s.fine_paid = 1;
	s.late_fee_due_fen = 3000;
	CHECK_INT(case_deadline_effects(&cfg, &s, CA_RECORD_PAYMENT, ef, DEADLINE_EFFECTS_MAX), 3);
	CHECK_INT(ef[2].kind, DEADLINE_INSTALMENT);
	s.late_fee_paid = 1;
	CHECK_INT(case_deadline_effects(&cfg, &s, CA_RECORD_PAYMENT, ef, DEADLINE_EFFECTS_MAX), 4);
	CHECK_INT(ef[3].kind, DEADLINE_DEMAND);
	calendar_free(&cal);
}

/* 行政强制法 Arts 54, 69: "催告书送达十日后" — ten working days, the day of service not
 * counted; the court only after the 10th. The 催告书 prints the same last day
 * (case_demand_last_day), and D17 is due on it. */
TEST(administrative_coercion_law_art54_69_demand_last_day_is_the_guards_and_d17s)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();
	struct deadline d;
	struct zdate last, due;
	struct zerr e = ZERR_INIT;
	int prov = -1;

	CHECK(cal);
	case_fixture_cfg(&cfg);
	case_fixture(&s);
	/* Mon 2026-04-27: 04-28..04-30, 劳动节 05-01..05-05, 05-06..05-08, Sat 05-09 (调休
	 * workday), 05-11..05-13 */
	CHECK_INT(case_demand_last_day(cal, D(2026, 4, 27), &last, &prov), 0);
	CHECK_STR(ds(last), "2026-05-13");
	CHECK_INT(prov, 0);
	CHECK_INT(deadline_init(&d, DEADLINE_DEMAND, D(2026, 4, 27), &cfg, &e), 0);
	CHECK_INT(deadline_due(cal, &d, &due, NULL, &e), 0);
	CHECK_STR(ds(due), "2026-05-13");
	/* served in the holiday (Sat 05-02): 05-06..05-09, 05-11..05-15, 05-18 */
	CHECK_INT(case_demand_last_day(cal, D(2026, 5, 2), &last, NULL), 0);
	CHECK_STR(ds(last), "2026-05-18");
	CHECK_INT(case_demand_last_day(NULL, D(2026, 4, 27), &last, NULL), -1);
	CHECK_INT(case_demand_last_day(cal, CASE_DATE_NONE, &last, NULL), -1);

	s.state = CASE_OVERDUE;
	s.service = D(2025, 9, 16);
	s.demand_served = D(2026, 4, 27);
	s.today = D(2026, 5, 13);
	CHECK_ACTION(&cfg, cal, &s, CA_APPLY_ENFORCEMENT, "demand_period_passed");
	s.today = D(2026, 5, 14);
	CHECK_ACTION(&cfg, cal, &s, CA_APPLY_ENFORCEMENT, "");
	calendar_free(&cal);
}
