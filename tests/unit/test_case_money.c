/* The late fee (加处罚款) of 行政处罚法 Arts 72 and 73, in integer fen. */
#include "case_fixture.h"
#include "domain/case_money.h"

static const char *ds(struct zdate d)
{
	static char s[ZDATE_STRLEN];

	return zdate_format(d, s);
}

TEST(penalty_law_art72_one_day_late_costs_three_percent)
{
	struct late_fee_input in = { 100000, { 2026, 4, 15 }, { 2026, 4, 16 }, NULL, 0 };
	struct late_fee f;
	struct zerr e = ZERR_INIT;

	CHECK_INT(late_fee_compute(&in, &f, &e), 0);
	CHECK_INT(f.days, 1);
	CHECK_INT(f.fee_fen, 3000);
	CHECK_INT(f.capped, 0);
	/* paying on the last day of the period costs nothing */
	in.as_of = in.due;
	CHECK_INT(late_fee_compute(&in, &f, &e), 0);
	CHECK_INT(f.days, 0);
	CHECK_INT(f.fee_fen, 0);
}

TEST(penalty_law_art72_three_percent_of_333_fen_rounds_down_on_the_total)
{
	struct late_fee_input in = { 333, { 2026, 4, 15 }, { 2026, 4, 16 }, NULL, 0 };
	struct late_fee f;
	struct zerr e = ZERR_INIT;

	CHECK_INT(late_fee_compute(&in, &f, &e), 0);
	CHECK_INT(f.fee_fen, 9);    /* 9.99 */
	in.as_of = D(2026, 4, 18);
	CHECK_INT(late_fee_compute(&in, &f, &e), 0);
	CHECK_INT(f.fee_fen, 29);   /* 29.97, not 3 x 9 = 27 */
}

TEST(penalty_law_art72_thirty_fourth_day_reaches_the_cap)
{
	struct late_fee_input in = { 333, { 2026, 4, 15 }, { 2026, 5, 18 }, NULL, 0 };
	struct late_fee f;
	struct zerr e = ZERR_INIT;

	/* 33 days: 333 x 99% = 329.67 → 329 */
	CHECK_INT(late_fee_compute(&in, &f, &e), 0);
	CHECK_INT(f.days, 33);
	CHECK_INT(f.fee_fen, 329);
	CHECK_INT(f.capped, 0);
	/* the 34th day (05-19): 102% → the fine itself */
	in.as_of = D(2026, 5, 19);
	CHECK_INT(late_fee_compute(&in, &f, &e), 0);
	CHECK_INT(f.days, 34);
	CHECK_INT(f.fee_fen, 333);
	CHECK_INT(f.capped, 1);
	CHECK_STR(ds(f.cap_day), "2026-05-19");
	/* and it stays there */
	in.as_of = D(2027, 5, 19);
	CHECK_INT(late_fee_compute(&in, &f, &e), 0);
	CHECK_INT(f.fee_fen, 333);
	CHECK_STR(ds(f.cap_day), "2026-05-19");
}

TEST(penalty_law_art73_late_fee_paused_during_litigation)
{
	/* a lawsuit ran 04-20 .. 05-10 (21 days), then the court upheld the decision */
	struct late_fee_pause lawsuit[] = { { { 2026, 4, 20 }, { 2026, 5, 10 } } };
	struct late_fee_input in = { 100000, { 2026, 4, 15 }, { 2026, 5, 12 }, lawsuit, 1 };
	struct late_fee f;
	struct zerr e = ZERR_INIT;

	CHECK_INT(late_fee_compute(&in, &f, &e), 0);
	/* 04-16..04-19 (4) + 05-11, 05-12 (2) */
	CHECK_INT(f.days, 6);
	CHECK_INT(f.fee_fen, 18000);
	/* the cap moves by the paused days too: 34th counted day is 05-10 + 30 = 06-09 */
	in.as_of = D(2026, 6, 30);
	CHECK_INT(late_fee_compute(&in, &f, &e), 0);
	CHECK_INT(f.capped, 1);
	CHECK_STR(ds(f.cap_day), "2026-06-09");
	/* still pending: nothing counts after it began */
	lawsuit[0].to = CASE_DATE_NONE;
	CHECK_INT(late_fee_compute(&in, &f, &e), 0);
	CHECK_INT(f.days, 4);
	CHECK_INT(f.fee_fen, 12000);
}

TEST(penalty_law_art66_deferral_moves_the_start_of_the_late_fee)
{
	/* payment period ended 04-15; the head approved deferral until 06-30 */
	struct late_fee_input in = { 100000, { 2026, 6, 30 }, { 2026, 6, 30 }, NULL, 0 };
	struct late_fee f;
	struct zerr e = ZERR_INIT;

	CHECK_INT(late_fee_compute(&in, &f, &e), 0);
	CHECK_INT(f.fee_fen, 0);
	in.as_of = D(2026, 7, 2);
	CHECK_INT(late_fee_compute(&in, &f, &e), 0);
	CHECK_INT(f.fee_fen, 6000);
}

TEST(penalty_law_art66_instalments_are_charged_one_by_one)
{
	struct instalment v[] = {
		{ 50000, { 2026, 5, 15 }, { 2026, 5, 15 } }, /* on time */
		{ 50000, { 2026, 6, 15 }, { 2026, 6, 17 } }, /* 2 days late: 3,000 */
		{ 50000, { 2026, 7, 15 }, { 0, 0, 0 } },     /* unpaid, 10 days late on 07-25: 15,000 */
	};
	int64_t total = -1;
	struct zerr e = ZERR_INIT;

	CHECK_INT(late_fee_instalments(v, 3, D(2026, 7, 25), NULL, 0, &total, &e), 0);
	CHECK_INT(total, 18000);
}

TEST(penalty_law_art72_refuses_negative_or_huge_fines_and_bad_dates)
{
	struct late_fee_input in = { -1, { 2026, 4, 15 }, { 2026, 4, 16 }, NULL, 0 };
	struct late_fee_pause bad[] = { { { 2026, 5, 2 }, { 2026, 5, 1 } } };
	struct late_fee f;
	struct zerr e = ZERR_INIT;

	CHECK_INT(late_fee_compute(&in, &f, &e), -1);
	CHECK_STR(e.code, "invalid_late_fee");
	zerr_clear(&e);
	in.fine_fen = CASE_FEN_MAX + 1;
	CHECK_INT(late_fee_compute(&in, &f, &e), -1);
	zerr_clear(&e);
	in.fine_fen = CASE_FEN_MAX;
	in.as_of = D(2026, 5, 18);
	CHECK_INT(late_fee_compute(&in, &f, &e), 0);
	CHECK_INT(f.fee_fen, CASE_FEN_MAX / 100 * 99);
	in.due = CASE_DATE_NONE;
	CHECK_INT(late_fee_compute(&in, &f, &e), -1);
	zerr_clear(&e);
	in.due = D(2026, 4, 15);
	in.pauses = bad;
	in.n_pauses = 1;
	CHECK_INT(late_fee_compute(&in, &f, &e), -1);
	zerr_clear(&e);
}

/* Arts 67, 72(1): paid on the 15th day of the Art 67 period nothing, on
 * the 16th day (the first day after it) 3 %. A fine of 2,000 yuan served 2026-03-02: the
 * period's last day is 03-17. */
TEST(penalty_law_art67_day_15_costs_nothing_day_16_three_percent)
{
	struct late_fee_input in = { 200000, { 2026, 3, 17 }, { 2026, 3, 17 }, NULL, 0 };
	struct late_fee f;
	struct zerr e = ZERR_INIT;

	CHECK_INT(late_fee_compute(&in, &f, &e), 0);
	CHECK_INT(f.fee_fen, 0);
	in.as_of = D(2026, 3, 18);
	CHECK_INT(late_fee_compute(&in, &f, &e), 0);
	CHECK_INT(f.days, 1);
	CHECK_INT(f.fee_fen, 6000);
	/* day 34 after the period (04-20) reaches the cap for any fine; day 33 does not */
	in.as_of = D(2026, 4, 19);
	CHECK_INT(late_fee_compute(&in, &f, &e), 0);
	CHECK_INT(f.fee_fen, 198000);
	in.as_of = D(2026, 4, 20);
	CHECK_INT(late_fee_compute(&in, &f, &e), 0);
	CHECK_INT(f.fee_fen, 200000);
	CHECK_STR(ds(f.cap_day), "2026-04-20");
	in.fine_fen = 1; /* even one fen: 34 x 3 % > 100 % */
	CHECK_INT(late_fee_compute(&in, &f, &e), 0);
	CHECK_INT(f.fee_fen, 1);
	CHECK_INT(f.capped, 1);
}

/* Art 66(1), 72(1): the principal paid alone stops the fee and leaves it owed; closing
 * is refused naming the amount (in yuan) and the article until it is paid. */
TEST(penalty_law_art72_principal_paid_alone_leaves_the_late_fee_owed)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct case_check r;
	int64_t p = -1, f = -1;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.state = CASE_PAID;
	s.intended = (struct case_penalty){ CASE_PT_FINE, 100000, 0 };
	s.fine_paid = 1;
	s.late_fee_due_fen = 3000;
	CHECK_INT((int)case_money_owed(&s, &p, &f), 3000);
	CHECK_INT((int)p, 0);
	CHECK_INT((int)f, 3000);
	CHECK_INT(case_money_settled(&s), 0);
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_CLOSE_CASE, &r), 0);
	CHECK_STR(unmet_codes(&r), "fully_performed");
	CHECK_STR(r.unmet[0].detail, "加处罚款30.00元未缴纳（行政处罚法第七十二条第一款）");
	/* the fee can be paid later (record_payment from paid), or demanded and enforced */
	s.actor.roles = CASE_ROLE_OFFICER;
	CHECK_ACTION(&cfg, NULL, &s, CA_RECORD_PAYMENT, "");
	CHECK_ACTION(&cfg, NULL, &s, CA_ISSUE_DEMAND, "");
	/* paid: nothing owed, closing allowed, no further payment or demand */
	s.late_fee_paid = 1;
	CHECK_INT((int)case_money_owed(&s, NULL, NULL), 0);
	CHECK_ACTION(&cfg, NULL, &s, CA_RECORD_PAYMENT, "money_owed");
	CHECK_ACTION(&cfg, NULL, &s, CA_ISSUE_DEMAND, "money_owed");
	s.actor.roles = CASE_ROLE_HEAD;
	CHECK_ACTION(&cfg, NULL, &s, CA_CLOSE_CASE, "");
	/* nothing paid at all: both amounts named */
	s.state = CASE_ENFORCEMENT_APPLIED;
	s.fine_paid = 0;
	s.late_fee_paid = 0;
	s.late_fee_due_fen = 123456789;
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_CLOSE_CASE, &r), 0);
	CHECK_STR(unmet_codes(&r), "enforcement_concluded");
	CHECK_STR(r.unmet[0].detail, "罚款（没收）款项1,000.00元、加处罚款1,234,567.89元未缴纳"
				     "（行政处罚法第六十六条第一款、第七十二条第一款）");
}

TEST(money_in_yuan_is_grouped_with_two_decimals)
{
	char b[48];

	CHECK_STR(case_fen_yuan(0, b, sizeof(b)), "0.00元");
	CHECK_STR(case_fen_yuan(1, b, sizeof(b)), "0.01元");
	CHECK_STR(case_fen_yuan(100000, b, sizeof(b)), "1,000.00元");
	CHECK_STR(case_fen_yuan(-99999, b, sizeof(b)), "-999.99元");
	CHECK_STR(case_fen_yuan(CASE_FEN_MAX, b, sizeof(b)), "10,000,000,000,000.00元");
}
