/* The guards of the penalty-case state machine against the 行政处罚法 (2021), one
 * concrete case per rule: the exact outcome and, for refusals, the exact requirement
 * codes. The calendar is the shipped one (data/calendar), so run from the repository root. */
#include "case_fixture.h"

/* ---- Art 36: limitation at filing ---- */

TEST(penalty_law_art36_discovered_on_last_day_of_two_years_may_be_filed)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.violation = D(2024, 3, 10);
	s.discovery = D(2026, 3, 10);
	s.filing = s.today = D(2026, 3, 10);
	CHECK_ACTION(&cfg, NULL, &s, CA_FILE_CASE, "");
}

TEST(penalty_law_art36_discovered_one_day_after_two_years_refused)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct case_check r;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.violation = D(2024, 3, 10);
	s.discovery = D(2026, 3, 11);
	s.filing = s.today = D(2026, 3, 11);
	CHECK_ACTION(&cfg, NULL, &s, CA_FILE_CASE, "within_limitation");
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_FILE_CASE, &r), 0);
	CHECK_STR(r.unmet[0].article, "行政处罚法第三十六条");
	CHECK_STR(r.unmet[0].detail, "2年追责期限至2026-03-10届满，发现之日为2026-03-11");
	CHECK(strstr(r.unmet[0].zh, "二年内") != NULL);
}

TEST(penalty_law_art36_without_discovery_date_the_filing_date_counts)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.violation = D(2024, 3, 10);
	s.discovery = CASE_DATE_NONE;
	s.filing = s.today = D(2026, 3, 11);
	CHECK_ACTION(&cfg, NULL, &s, CA_FILE_CASE, "within_limitation");
	s.filing = s.today = D(2026, 3, 10);
	CHECK_ACTION(&cfg, NULL, &s, CA_FILE_CASE, "");
}

TEST(penalty_law_art36_food_safety_with_harm_five_years)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.violation = D(2021, 5, 1);
	s.limitation_category = CASE_LIMIT_LIFE_HEALTH_SAFETY;
	s.harmful_consequences = 1;
	s.discovery = s.filing = s.today = D(2026, 5, 1);
	CHECK_ACTION(&cfg, NULL, &s, CA_FILE_CASE, "");
	s.discovery = s.filing = s.today = D(2026, 5, 2);
	CHECK_ACTION(&cfg, NULL, &s, CA_FILE_CASE, "within_limitation");
}

TEST(penalty_law_art36_financial_security_without_harm_stays_two_years)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct zdate last;
	int years = 0;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.violation = D(2023, 6, 1);
	s.limitation_category = CASE_LIMIT_FINANCIAL_SECURITY;
	s.harmful_consequences = 0;
	CHECK_INT(case_limitation_last_day(&s, &last, &years), 0);
	CHECK_INT(years, 2);
	CHECK_INT(zdate_cmp(last, D(2025, 6, 1)), 0);
	s.harmful_consequences = 1;
	CHECK_INT(case_limitation_last_day(&s, &last, &years), 0);
	CHECK_INT(years, 5);
	CHECK_INT(zdate_cmp(last, D(2028, 6, 1)), 0);
}

TEST(penalty_law_art36_continuing_violation_counts_from_its_end)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.violation = D(2023, 1, 1);
	s.violation_end = D(2025, 6, 30);
	s.discovery = s.filing = s.today = D(2026, 3, 1);
	CHECK_ACTION(&cfg, NULL, &s, CA_FILE_CASE, "");
	s.violation_end = CASE_DATE_NONE;
	CHECK_ACTION(&cfg, NULL, &s, CA_FILE_CASE, "within_limitation");
}

TEST(penalty_law_art36_leap_day_violation_period_ends_on_february_28)
{
	struct case_snapshot s;
	struct zdate last;

	case_fixture(&s);
	s.violation = D(2024, 2, 29);
	CHECK_INT(case_limitation_last_day(&s, &last, NULL), 0);
	CHECK_INT(zdate_cmp(last, D(2026, 2, 28)), 0);
}

TEST(penalty_law_art36_law_providing_otherwise_overrides_the_years)
{
	struct case_snapshot s;
	struct zdate last;
	int years;

	case_fixture(&s);
	s.violation = D(2020, 7, 1);
	s.limitation_years_override = 5;
	CHECK_INT(case_limitation_last_day(&s, &last, &years), 0);
	CHECK_INT(years, 5);
	CHECK_INT(zdate_cmp(last, D(2025, 7, 1)), 0);
}

TEST(case_filing_in_the_future_or_before_the_violation_refused)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.filing = D(2026, 3, 3);
	CHECK_ACTION(&cfg, NULL, &s, CA_FILE_CASE, "filing_date_valid");
	s.filing = D(2026, 2, 19);
	CHECK_ACTION(&cfg, NULL, &s, CA_FILE_CASE, "filing_date_valid");
	s.filing = CASE_DATE_NONE;
	CHECK_ACTION(&cfg, NULL, &s, CA_FILE_CASE, "filing_date_valid");
	s.violation = CASE_DATE_NONE;
	s.filing = D(2026, 3, 2);
	CHECK_ACTION(&cfg, NULL, &s, CA_FILE_CASE, "within_limitation");
}

/* ---- Arts 42, 55: two officers with valid certificates on every record ---- */

TEST(penalty_law_art42_two_certified_officers_on_every_record_end_investigation)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.state = CASE_INVESTIGATING;
	s.actor.roles = CASE_ROLE_OFFICER;
	CHECK_ACTION(&cfg, NULL, &s, CA_SUBMIT_INVESTIGATION, "");
}

TEST(penalty_law_art42_record_with_one_officer_and_an_auxiliary_refused)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct case_record rec[1];
	struct case_check r;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	memset(rec, 0, sizeof(rec));
	rec[0].kind = CASE_RECORD_INQUIRY;
	rec[0].date = D(2026, 3, 5);
	rec[0].n_officers = 2;
	rec[0].officers[0] = (struct case_officer){ 11, 1, 0 };
	rec[0].officers[1] = (struct case_officer){ 31, 0, 1 }; /* 辅助人员 */
	s.records = rec;
	s.n_records = 1;
	s.state = CASE_INVESTIGATING;
	s.actor.roles = CASE_ROLE_OFFICER;
	CHECK_ACTION(&cfg, NULL, &s, CA_SUBMIT_INVESTIGATION, "two_officers_per_record");
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_SUBMIT_INVESTIGATION, &r), 0);
	CHECK_STR(r.unmet[0].article, "行政处罚法第四十二条第一款");
	CHECK_STR(r.unmet[0].detail, "第1份笔录（2026-03-05）只有1名执法人员");
}

TEST(penalty_law_art42_certificate_invalid_on_the_record_date_refused)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	fixture_records[1].officers[1].certificate_valid = 0;
	s.state = CASE_INVESTIGATING;
	s.actor.roles = CASE_ROLE_OFFICER;
	CHECK_ACTION(&cfg, NULL, &s, CA_SUBMIT_INVESTIGATION, "officer_certificates_valid");
}

TEST(penalty_law_art55_investigation_without_any_record_refused)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.n_records = 0;
	s.state = CASE_INVESTIGATING;
	s.actor.roles = CASE_ROLE_OFFICER;
	CHECK_ACTION(&cfg, NULL, &s, CA_SUBMIT_INVESTIGATION, "records_made");
}

TEST(penalty_law_art42_investigation_needs_two_certified_investigators)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.state = CASE_FILED;
	CHECK_ACTION(&cfg, NULL, &s, CA_START_INVESTIGATION, "");
	s.investigators[1].certificate_valid = 0;
	CHECK_ACTION(&cfg, NULL, &s, CA_START_INVESTIGATION, "investigators_qualified");
}

/* ---- Art 56: preservation of evidence ---- */

TEST(penalty_law_art56_preservation_needs_the_heads_approval_and_a_decision)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.state = CASE_INVESTIGATING;
	s.actor.roles = CASE_ROLE_OFFICER;
	CHECK_ACTION(&cfg, NULL, &s, CA_PRESERVE_EVIDENCE, "preservation_approved");
	s.preservation_approved = 1;
	CHECK_ACTION(&cfg, NULL, &s, CA_PRESERVE_EVIDENCE, "");
	s.preservation_on = D(2026, 3, 4);
	CHECK_ACTION(&cfg, NULL, &s, CA_SUBMIT_INVESTIGATION, "preservation_decided");
	s.actor.roles = CASE_ROLE_HEAD;
	CHECK_ACTION(&cfg, NULL, &s, CA_DECIDE_PRESERVED_EVIDENCE, "");
	s.preservation_decided = 1;
	CHECK_ACTION(&cfg, NULL, &s, CA_DECIDE_PRESERVED_EVIDENCE, "preservation_open");
	s.actor.roles = CASE_ROLE_OFFICER;
	CHECK_ACTION(&cfg, NULL, &s, CA_SUBMIT_INVESTIGATION, "");
}

/* ---- Arts 44, 45, 62: prior notice, statement and defence, no heavier penalty ---- */

TEST(penalty_law_art44_no_decision_before_the_prior_notice)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct case_check r;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.state = CASE_REVIEW;
	s.today = D(2026, 3, 20);
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_DECIDE_PENALTY, &r), 0);
	CHECK_STR(unmet_codes(&r), "state_allows_action");
	CHECK_INT(r.state_ok, 0);
	CHECK_STR(r.unmet[0].detail, "当前状态“案件审查”不能“作出行政处罚决定”");
}

TEST(penalty_law_art44_notified_state_without_notice_data_refused)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();

	CHECK(cal);
	case_fixture_cfg(&cfg);
	case_fixture_notified(&s);
	s.notice = CASE_DATE_NONE;
	s.notified = (struct case_penalty){ 0, 0, 0 };
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY,
		     "prior_notice_given,statement_heard_or_waived");
	calendar_free(&cal);
}

TEST(penalty_law_art45_decision_inside_the_statement_period_refused)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();
	struct case_check r;

	CHECK(cal);
	case_fixture_cfg(&cfg);
	case_fixture_notified(&s);
	/* notice Tue 03-10; five working days end Tue 03-17 */
	s.today = D(2026, 3, 17);
	CHECK_INT(case_check_action(&cfg, cal, &s, CA_DECIDE_PENALTY, &r), 0);
	CHECK_STR(unmet_codes(&r), "statement_heard_or_waived");
	CHECK_STR(r.unmet[0].detail, "陈述申辩期限至2026-03-17届满");
	CHECK_INT(r.provisional, 0);
	s.today = D(2026, 3, 18);
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "");
	calendar_free(&cal);
}

TEST(penalty_law_art62_express_waiver_allows_the_decision_at_once)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();

	CHECK(cal);
	case_fixture_cfg(&cfg);
	case_fixture_notified(&s);
	s.today = D(2026, 3, 11);
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "statement_heard_or_waived");
	s.statement_waived = 1;
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "");
	calendar_free(&cal);
}

TEST(penalty_law_art45_statement_received_allows_the_decision)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();

	CHECK(cal);
	case_fixture_cfg(&cfg);
	case_fixture_notified(&s);
	s.today = D(2026, 3, 12);
	s.statement_received = 1;
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "");
	calendar_free(&cal);
}

TEST(penalty_law_art45_fine_higher_than_notified_refused)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();
	struct case_check r;

	CHECK(cal);
	case_fixture_cfg(&cfg);
	case_fixture_notified(&s);
	s.intended.fine_fen = 500001;
	CHECK_INT(case_check_action(&cfg, cal, &s, CA_DECIDE_PENALTY, &r), 0);
	CHECK_STR(unmet_codes(&r), "not_heavier_than_notified");
	CHECK_STR(r.unmet[0].article, "行政处罚法第四十五条第二款");
	CHECK_STR(r.unmet[0].detail, "告知：罚款500000分、没收0分；拟决定：罚款500001分、没收0分");
	s.intended.fine_fen = 400000;
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "");
	calendar_free(&cal);
}

TEST(penalty_law_art45_added_heavier_type_refused_and_needs_review)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();

	CHECK(cal);
	case_fixture_cfg(&cfg);
	case_fixture_notified(&s);
	s.intended.types |= CASE_PT_SUSPEND_BUSINESS;
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY,
		     "not_heavier_than_notified,legal_review_passed");
	calendar_free(&cal);
}

TEST(penalty_law_art45_higher_confiscation_refused)
{
	struct case_penalty notified = { CASE_PT_FINE | CASE_PT_CONFISCATE_GAINS, 100000, 50000 };
	struct case_penalty decided = notified;

	decided.confiscation_fen = 50001;
	CHECK_INT(case_penalty_heavier(&decided, &notified), 1);
	decided.confiscation_fen = 50000;
	CHECK_INT(case_penalty_heavier(&decided, &notified), 0);
}

TEST(penalty_law_art45_warning_instead_of_a_fine_is_lighter)
{
	struct case_penalty notified = { CASE_PT_FINE, 100000, 0 };
	struct case_penalty warning = { CASE_PT_WARNING, 0, 0 };
	struct case_penalty criticism_for_warning = { CASE_PT_CRITICISM, 0, 0 };

	CHECK_INT(case_penalty_heavier(&warning, &notified), 0);
	/* a type of the same group that was not notified counts as heavier */
	CHECK_INT(case_penalty_heavier(&criticism_for_warning, &warning), 1);
	CHECK_INT(case_penalty_heavier(&notified, &warning), 1);
}

/* ---- Arts 63, 64: hearing ---- */

TEST(penalty_law_art63_person_fine_at_the_threshold_gives_a_hearing_right)
{
	struct case_config cfg;
	struct case_penalty p = { CASE_PT_FINE, 200000, 0 };

	case_fixture_cfg(&cfg);
	CHECK_INT(case_hearing_right(&cfg, CASE_PARTY_PERSON, &p), 1);
	p.fine_fen = 199999;
	CHECK_INT(case_hearing_right(&cfg, CASE_PARTY_PERSON, &p), 0);
	p.fine_fen = 999999;
	CHECK_INT(case_hearing_right(&cfg, CASE_PARTY_ORG, &p), 0);
	p.fine_fen = 1000000;
	CHECK_INT(case_hearing_right(&cfg, CASE_PARTY_ORG, &p), 1);
	cfg.hearing_fine_org_fen = 3000000; /* an agency's own threshold */
	CHECK_INT(case_hearing_right(&cfg, CASE_PARTY_ORG, &p), 0);
}

TEST(penalty_law_art63_heavy_types_always_give_a_hearing_right)
{
	struct case_config cfg;
	static const unsigned heavy[] = { CASE_PT_DOWNGRADE, CASE_PT_REVOKE_PERMIT,
					  CASE_PT_SUSPEND_BUSINESS, CASE_PT_CLOSE,
					  CASE_PT_BAN_OCCUPATION };
	struct case_penalty p = { 0, 0, 0 };
	size_t i;

	case_fixture_cfg(&cfg);
	for (i = 0; i < sizeof(heavy) / sizeof(heavy[0]); i++) {
		p.types = heavy[i];
		CHECK_INT(case_hearing_right(&cfg, CASE_PARTY_PERSON, &p), 1);
	}
	p.types = CASE_PT_WARNING;
	CHECK_INT(case_hearing_right(&cfg, CASE_PARTY_PERSON, &p), 0);
	p.types = CASE_PT_CONFISCATE_GAINS;
	p.confiscation_fen = 200000;
	CHECK_INT(case_hearing_right(&cfg, CASE_PARTY_PERSON, &p), 1);
}

TEST(penalty_law_art63_request_without_a_hearing_right_refused)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();

	CHECK(cal);
	case_fixture_cfg(&cfg);
	case_fixture_notified(&s);
	s.actor.roles = CASE_ROLE_OFFICER;
	s.today = s.hearing_requested_on = D(2026, 3, 12);
	CHECK_ACTION(&cfg, cal, &s, CA_REQUEST_HEARING, "hearing_right");
	calendar_free(&cal);
}

/* A person fined 3,000 yuan, notified on Thursday 2026-04-02, before 清明 (04-04..06). */
static void hearing_case(struct case_snapshot *s)
{
	case_fixture_notified(s);
	s->party_type = CASE_PARTY_PERSON;
	s->intended = s->notified = (struct case_penalty){ CASE_PT_FINE, 300000, 0 };
	s->notice = D(2026, 4, 2);
	s->actor.roles = CASE_ROLE_OFFICER;
}

TEST(penalty_law_art64_hearing_request_on_the_fifth_working_day_allowed)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();

	CHECK(cal);
	case_fixture_cfg(&cfg);
	hearing_case(&s);
	/* 04-03 (1), 清明 04-04..06, 04-07 (2), 04-08 (3), 04-09 (4), 04-10 (5) */
	s.today = s.hearing_requested_on = D(2026, 4, 10);
	CHECK_ACTION(&cfg, cal, &s, CA_REQUEST_HEARING, "");
	calendar_free(&cal);
}

TEST(penalty_law_art64_hearing_request_after_five_working_days_refused)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();
	struct case_check r;

	CHECK(cal);
	case_fixture_cfg(&cfg);
	hearing_case(&s);
	s.today = s.hearing_requested_on = D(2026, 4, 13);
	CHECK_INT(case_check_action(&cfg, cal, &s, CA_REQUEST_HEARING, &r), 0);
	CHECK_STR(unmet_codes(&r), "hearing_request_in_time");
	CHECK_STR(r.unmet[0].article, "行政处罚法第六十四条第一项");
	CHECK_STR(r.unmet[0].detail, "申请期限至2026-04-10届满，申请日期为2026-04-13");
	calendar_free(&cal);
}

TEST(penalty_law_art64_decision_waits_for_the_hearing_request_period)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();

	CHECK(cal);
	case_fixture_cfg(&cfg);
	hearing_case(&s);
	s.actor.roles = CASE_ROLE_HEAD;
	s.statement_received = 1;
	s.today = D(2026, 4, 10);
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "hearing_request_window_closed");
	s.today = D(2026, 4, 13);
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "");
	s.today = D(2026, 4, 7);
	s.hearing_waived = 1;
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "");
	calendar_free(&cal);
}

TEST(penalty_law_art64_hearing_notice_seven_working_days_before)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();
	struct case_check r;

	CHECK(cal);
	case_fixture_cfg(&cfg);
	hearing_case(&s);
	s.state = CASE_HEARING_REQUESTED;
	s.actor.roles = CASE_ROLE_HEAD;
	s.hearing_requested_on = D(2026, 3, 9);
	s.hearing_presiding_user_id = 21;
	s.hearing_date = D(2026, 3, 20);         /* Friday */
	s.today = s.hearing_notified_on = D(2026, 3, 11);
	CHECK_ACTION(&cfg, cal, &s, CA_SCHEDULE_HEARING, "");
	s.today = s.hearing_notified_on = D(2026, 3, 12);
	CHECK_INT(case_check_action(&cfg, cal, &s, CA_SCHEDULE_HEARING, &r), 0);
	CHECK_STR(unmet_codes(&r), "hearing_notice_seven_days");
	CHECK_STR(r.unmet[0].detail, "2026-03-12通知的，听证最早可安排在2026-03-23，拟定日期为2026-03-20");
	calendar_free(&cal);
}

TEST(penalty_law_art64_investigator_may_not_preside)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();

	CHECK(cal);
	case_fixture_cfg(&cfg);
	hearing_case(&s);
	s.state = CASE_HEARING_REQUESTED;
	s.actor.roles = CASE_ROLE_HEAD;
	s.hearing_date = D(2026, 3, 20);
	s.hearing_notified_on = s.today = D(2026, 3, 11);
	s.hearing_presiding_user_id = 12; /* investigator */
	CHECK_ACTION(&cfg, cal, &s, CA_SCHEDULE_HEARING, "presiding_not_investigator");
	s.n_investigators = 0;            /* still on the records */
	CHECK_ACTION(&cfg, cal, &s, CA_SCHEDULE_HEARING, "presiding_not_investigator");
	s.hearing_presiding_user_id = 0;
	CHECK_ACTION(&cfg, cal, &s, CA_SCHEDULE_HEARING, "presiding_not_investigator");
	calendar_free(&cal);
}

TEST(penalty_law_art64_only_the_presiding_officer_holds_the_hearing_on_its_day)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	hearing_case(&s);
	s.state = CASE_HEARING_SCHEDULED;
	s.hearing_presiding_user_id = 21;
	s.hearing_date = D(2026, 3, 20);
	s.today = D(2026, 3, 19);
	s.actor = (struct case_actor){ 21, CASE_ROLE_LEGAL, 1, 1, 0, { 0, 0, 0 } };
	CHECK_ACTION(&cfg, NULL, &s, CA_HOLD_HEARING, "hearing_date_reached");
	s.today = D(2026, 3, 20);
	CHECK_ACTION(&cfg, NULL, &s, CA_HOLD_HEARING, "");
	s.actor.user_id = 22;
	CHECK_ACTION(&cfg, NULL, &s, CA_HOLD_HEARING, "actor_is_presiding");
}

TEST(penalty_law_art65_requested_hearing_must_be_held_before_review)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();

	CHECK(cal);
	case_fixture_cfg(&cfg);
	hearing_case(&s);
	s.hearing_requested_on = D(2026, 4, 3);
	s.today = D(2026, 4, 20);
	CHECK_ACTION(&cfg, cal, &s, CA_SUBMIT_LEGAL_REVIEW, "hearing_held_if_requested");
	s.hearing_waived = 1;
	CHECK_ACTION(&cfg, cal, &s, CA_SUBMIT_LEGAL_REVIEW, "");
	calendar_free(&cal);
}

/* ---- Art 58: legal review ---- */

TEST(penalty_law_art58_decision_after_a_hearing_needs_legal_review)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();
	struct case_check r;

	CHECK(cal);
	case_fixture_cfg(&cfg);
	hearing_case(&s);
	s.state = CASE_HEARD;
	s.actor.roles = CASE_ROLE_HEAD;
	s.hearing_requested_on = D(2026, 4, 3);
	s.hearing_held = 1;
	s.today = D(2026, 4, 30);
	CHECK_INT(case_check_action(&cfg, cal, &s, CA_DECIDE_PENALTY, &r), 0);
	CHECK_STR(unmet_codes(&r), "legal_review_passed");
	CHECK_STR(r.unmet[0].article, "行政处罚法第五十八条第一款");
	CHECK_STR(r.unmet[0].detail, "须审核：经过听证程序；");
	CHECK_INT(case_legal_review_triggers(&cfg, &s), CASE_REVIEW_AFTER_HEARING);
	s.legal_review_done = s.legal_review_passed = s.legal_reviewer_qualified = 1;
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "");
	calendar_free(&cal);
}

TEST(penalty_law_art58_review_not_passed_or_by_unqualified_reviewer_blocks)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();

	CHECK(cal);
	case_fixture_cfg(&cfg);
	case_fixture_notified(&s);
	s.state = CASE_LEGAL_REVIEW;
	s.major_public_interest = 1;
	s.legal_review_done = 1;
	s.legal_reviewer_qualified = 1;
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "legal_review_passed");
	s.legal_review_passed = 1;
	s.legal_reviewer_qualified = 0;
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "reviewer_legally_qualified");
	calendar_free(&cal);
}

TEST(penalty_law_art58_amount_in_the_agency_catalogue_requires_review)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();

	CHECK(cal);
	case_fixture_cfg(&cfg);
	case_fixture_notified(&s);
	s.intended = s.notified = (struct case_penalty){ CASE_PT_FINE, 10000000, 0 };
	s.hearing_waived = 1;
	CHECK_INT(case_legal_review_triggers(&cfg, &s), CASE_REVIEW_AMOUNT);
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "legal_review_passed");
	s.intended.fine_fen = s.notified.fine_fen = 9999999;
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "");
	cfg.review_fine_org_fen = 0; /* an agency without an amount in its catalogue */
	s.intended.fine_fen = s.notified.fine_fen = 50000000;
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "");
	calendar_free(&cal);
}

TEST(penalty_law_art58_first_time_reviewer_needs_the_legal_qualification)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct case_check r;

	case_fixture_cfg(&cfg);
	case_fixture_notified(&s);
	s.state = CASE_LEGAL_REVIEW;
	s.actor = (struct case_actor){ 41, CASE_ROLE_LEGAL, 0, 0, 0, { 0, 0, 0 } };
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_RECORD_LEGAL_REVIEW, &r), 0);
	CHECK_STR(unmet_codes(&r), "reviewer_legally_qualified");
	CHECK_STR(r.unmet[0].article, "行政处罚法第五十八条第二款");
	s.actor.legal_qualification = 1;
	CHECK_ACTION(&cfg, NULL, &s, CA_RECORD_LEGAL_REVIEW, "");
	s.actor.legal_qualification = 0;
	s.actor.experienced_reviewer = 1;
	CHECK_ACTION(&cfg, NULL, &s, CA_RECORD_LEGAL_REVIEW, "");
	s.actor.legal_qualification = 1; /* both: still fine */
	CHECK_ACTION(&cfg, NULL, &s, CA_RECORD_LEGAL_REVIEW, "");
	s.actor.roles = CASE_ROLE_OFFICER;
	CHECK_ACTION(&cfg, NULL, &s, CA_RECORD_LEGAL_REVIEW, "role_permitted");
}

/* Art 58(2) "初次从事": one who did legal review before the revised law took effect
 * (2021-07-15, Art 86) is not doing it for the first time under the new law. */
TEST(penalty_law_art58_reviewer_experienced_before_2021_07_15)
{
	struct zdate none = { 0, 0, 0 };

	CHECK_INT(case_reviewer_experienced(D(2021, 7, 14)), 1);
	CHECK_INT(case_reviewer_experienced(D(2021, 7, 15)), 0);
	CHECK_INT(case_reviewer_experienced(D(2021, 7, 16)), 0);
	CHECK_INT(case_reviewer_experienced(D(2008, 3, 1)), 1);
	CHECK_INT(case_reviewer_experienced(none), 0);
}

TEST(penalty_law_art58_unmet_detail_names_what_is_missing)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct case_check r;

	case_fixture_cfg(&cfg);
	case_fixture_notified(&s);
	s.state = CASE_LEGAL_REVIEW;
	s.actor = (struct case_actor){ 41, CASE_ROLE_LEGAL, 0, 0, 0, { 0, 0, 0 } };
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_RECORD_LEGAL_REVIEW, &r), 0);
	CHECK_STR(unmet_codes(&r), "reviewer_legally_qualified");
	CHECK_STR(r.unmet[0].detail, "未登记法律职业资格，也未登记2021年7月15日前从事法制审核的经历");
	/* experience registered, but from the day the law took effect: no exemption */
	s.actor.legal_review_since = D(2021, 7, 15);
	s.actor.experienced_reviewer = case_reviewer_experienced(s.actor.legal_review_since);
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_RECORD_LEGAL_REVIEW, &r), 0);
	CHECK_STR(unmet_codes(&r), "reviewer_legally_qualified");
	CHECK_STR(r.unmet[0].detail, "未登记法律职业资格；登记的首次从事法制审核日期2021-07-15不早于2021年7月15日"
				     "（修订后的行政处罚法施行之日），不能免除");
	/* one day earlier: the exemption holds */
	s.actor.legal_review_since = D(2021, 7, 14);
	s.actor.experienced_reviewer = case_reviewer_experienced(s.actor.legal_review_since);
	CHECK_ACTION(&cfg, NULL, &s, CA_RECORD_LEGAL_REVIEW, "");
}

/* The decision reads the stored qualification of the reviewer (either ground). */
TEST(penalty_law_art58_decision_reads_the_reviewers_stored_qualification)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct case_check r;
	struct calendar *cal = case_calendar();
	size_t i;
	int found = 0;

	CHECK(cal);
	case_fixture_cfg(&cfg);
	case_fixture_notified(&s);
	s.intended = s.notified = (struct case_penalty){ CASE_PT_FINE, 10000000, 0 };
	s.hearing_waived = 1; /* the amount in the agency's catalogue requires review */
	s.legal_review_done = 1;
	s.legal_review_passed = 1;
	s.legal_reviewer_qualified = 0;
	CHECK_INT(case_check_action(&cfg, cal, &s, CA_DECIDE_PENALTY, &r), 0);
	for (i = 0; i < r.n_unmet; i++)
		if (strcmp(r.unmet[i].code, "reviewer_legally_qualified") == 0) {
			found = 1;
			CHECK_STR(r.unmet[i].detail,
				  "出具法制审核意见的人员既未登记法律职业资格，也未登记2021年7月15日前从事法制审核的经历");
		}
	CHECK_INT(found, 1);
	s.legal_reviewer_qualified = 1;
	CHECK_INT(case_check_action(&cfg, cal, &s, CA_DECIDE_PENALTY, &r), 0);
	for (i = 0; i < r.n_unmet; i++)
		CHECK(strcmp(r.unmet[i].code, "reviewer_legally_qualified") != 0);
	calendar_free(&cal);
}

/* ---- Art 57: collective discussion ---- */

TEST(penalty_law_art57_major_violation_is_decided_collectively)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();

	CHECK(cal);
	case_fixture_cfg(&cfg);
	case_fixture_notified(&s);
	s.major_violation = 1;
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "collective_discussion_held");
	s.collective_discussion_held = 1;
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "");
	/* a complex case needs both legal review (58(3)) and collective discussion */
	s.major_violation = 0;
	s.collective_discussion_held = 0;
	s.complex_case = 1;
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY,
		     "legal_review_passed,collective_discussion_held");
	calendar_free(&cal);
}

/* ---- Art 51: summary procedure ---- */

static void street_case(struct case_snapshot *s, enum case_party_type t, unsigned types,
			int64_t fine)
{
	case_fixture(s);
	s->procedure = CASE_PROC_SUMMARY;
	s->party_type = t;
	s->violation = s->today = D(2026, 3, 2);
	s->discovery = s->filing = CASE_DATE_NONE;
	s->intended = (struct case_penalty){ types, fine, 0 };
	s->actor = (struct case_actor){ 11, CASE_ROLE_OFFICER, 1, 0, 0, { 0, 0, 0 } };
}

TEST(penalty_law_art51_person_fined_200_yuan_on_the_spot_allowed)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	street_case(&s, CASE_PARTY_PERSON, CASE_PT_FINE, 20000);
	CHECK_ACTION(&cfg, NULL, &s, CA_DECIDE_ON_THE_SPOT, "");
}

TEST(penalty_law_art51_person_fine_one_fen_over_200_yuan_refused)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct case_check r;

	case_fixture_cfg(&cfg);
	street_case(&s, CASE_PARTY_PERSON, CASE_PT_FINE, 20001);
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_DECIDE_ON_THE_SPOT, &r), 0);
	CHECK_STR(unmet_codes(&r), "summary_fine_limit");
	CHECK_STR(r.unmet[0].article, "行政处罚法第五十一条");
	CHECK_STR(r.unmet[0].detail, "上限20000分，拟罚款20001分");
}

TEST(penalty_law_art51_organisation_fined_3000_yuan_on_the_spot_allowed_one_fen_over_refused)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	street_case(&s, CASE_PARTY_ORG, CASE_PT_FINE, 300000);
	CHECK_ACTION(&cfg, NULL, &s, CA_DECIDE_ON_THE_SPOT, "");
	s.intended.fine_fen = 300001;
	CHECK_ACTION(&cfg, NULL, &s, CA_DECIDE_ON_THE_SPOT, "summary_fine_limit");
}

TEST(penalty_law_art51_warning_allowed_other_types_refused)
{
	struct case_config cfg;
	struct case_snapshot s;
	enum case_req why = CR_NONE;

	case_fixture_cfg(&cfg);
	street_case(&s, CASE_PARTY_PERSON, CASE_PT_WARNING, 0);
	CHECK_ACTION(&cfg, NULL, &s, CA_DECIDE_ON_THE_SPOT, "");
	s.intended.types = CASE_PT_CRITICISM;
	CHECK_ACTION(&cfg, NULL, &s, CA_DECIDE_ON_THE_SPOT, "summary_penalty_type");
	s.intended = (struct case_penalty){ CASE_PT_FINE | CASE_PT_CONFISCATE_PROPERTY, 5000, 3000 };
	CHECK_ACTION(&cfg, NULL, &s, CA_DECIDE_ON_THE_SPOT, "summary_penalty_type");
	CHECK_INT(case_summary_eligible(&cfg, CASE_PARTY_PERSON, &s.intended, &why), 0);
	CHECK_INT(why, CR_SUMMARY_PENALTY_TYPE);
	s.intended = (struct case_penalty){ CASE_PT_WARNING | CASE_PT_FINE, 10000, 0 };
	CHECK_INT(case_summary_eligible(&cfg, CASE_PARTY_PERSON, &s.intended, &why), 1);
}

TEST(penalty_law_art52_officer_shows_a_valid_certificate)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	street_case(&s, CASE_PARTY_PERSON, CASE_PT_FINE, 5000);
	s.actor.certificate_valid = 0;
	CHECK_ACTION(&cfg, NULL, &s, CA_DECIDE_ON_THE_SPOT, "actor_certificate_valid");
	s.actor.certificate_valid = 1;
	s.actor.roles = CASE_ROLE_LEGAL;
	CHECK_ACTION(&cfg, NULL, &s, CA_DECIDE_ON_THE_SPOT, "role_permitted");
}

TEST(penalty_law_art68_on_the_spot_collection_up_to_100_yuan)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	street_case(&s, CASE_PARTY_PERSON, CASE_PT_FINE, 10000);
	s.state = CASE_SERVED;
	CHECK_ACTION(&cfg, NULL, &s, CA_COLLECT_ON_THE_SPOT, "");
	s.intended.fine_fen = 10001;
	CHECK_ACTION(&cfg, NULL, &s, CA_COLLECT_ON_THE_SPOT, "on_spot_collection_allowed");
	s.hard_to_enforce_later = 1;
	CHECK_ACTION(&cfg, NULL, &s, CA_COLLECT_ON_THE_SPOT, "");
	s.procedure = CASE_PROC_ORDINARY;
	CHECK_ACTION(&cfg, NULL, &s, CA_COLLECT_ON_THE_SPOT, "on_spot_collection_allowed");
}

/* ---- Arts 30, 31, 33, 40: no penalty ---- */

TEST(penalty_law_art33_minor_corrected_harmless_must_not_be_penalised)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();

	CHECK(cal);
	case_fixture_cfg(&cfg);
	case_fixture_notified(&s);
	s.minor_violation = 1;
	s.corrected_promptly = 1;
	s.harm = CASE_HARM_NONE;
	CHECK_INT(case_no_penalty_grounds(&s), CASE_NP_MINOR_CORRECTED);
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "not_minor_corrected_harmless");
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_NO_PENALTY, "");
	calendar_free(&cal);
}

TEST(penalty_law_art33_first_violation_with_minor_harm_may_go_either_way)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();

	CHECK(cal);
	case_fixture_cfg(&cfg);
	case_fixture_notified(&s);
	s.first_violation = 1;
	s.corrected_promptly = 1;
	s.harm = CASE_HARM_MINOR;
	CHECK_INT(case_no_penalty_grounds(&s), CASE_NP_FIRST_MINOR_HARM);
	CHECK_INT(case_no_penalty_grounds(&s) & CASE_NP_MUST, 0);
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "");
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_NO_PENALTY, "");
	s.corrected_promptly = 0;
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_NO_PENALTY, "no_penalty_ground");
	calendar_free(&cal);
}

TEST(penalty_law_art33_no_fault_proven_and_art40_facts_unclear_bar_a_penalty)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();

	CHECK(cal);
	case_fixture_cfg(&cfg);
	case_fixture_notified(&s);
	s.no_fault_proven = 1;
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "fault_not_disproved");
	s.no_fault_proven = 0;
	s.facts_not_established = 1;
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "facts_established");
	s.state = CASE_REVIEW;
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_NO_PENALTY, "");
	calendar_free(&cal);
}

TEST(penalty_law_art30_thirteen_year_old_is_not_penalised_fourteen_is_mitigated)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	street_case(&s, CASE_PARTY_PERSON, CASE_PT_FINE, 5000);
	s.violation = s.today = D(2026, 5, 31);
	s.party_birth = D(2012, 6, 1); /* 13 on the day */
	CHECK_ACTION(&cfg, NULL, &s, CA_DECIDE_ON_THE_SPOT, "party_age_14_or_over");
	CHECK_INT(case_no_penalty_grounds(&s), CASE_NP_UNDER_14);
	CHECK_INT(case_must_mitigate_minor(&s), 0);
	s.party_birth = D(2012, 5, 31); /* 14th birthday */
	CHECK_ACTION(&cfg, NULL, &s, CA_DECIDE_ON_THE_SPOT, "");
	CHECK_INT(case_must_mitigate_minor(&s), 1);
	s.party_birth = D(2008, 5, 31); /* 18 */
	CHECK_INT(case_must_mitigate_minor(&s), 0);
}

TEST(penalty_law_art31_person_lacking_capacity_is_not_penalised)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	street_case(&s, CASE_PARTY_PERSON, CASE_PT_WARNING, 0);
	s.lacks_capacity = 1;
	CHECK_ACTION(&cfg, NULL, &s, CA_DECIDE_ON_THE_SPOT, "party_has_capacity");
}

TEST(penalty_law_art36_expired_limitation_is_a_no_penalty_ground)
{
	struct case_snapshot s;

	case_fixture(&s);
	s.violation = D(2023, 1, 1);
	CHECK_INT(case_no_penalty_grounds(&s), CASE_NP_LIMITATION);
}

/* ---- Art 29: same act, one fine ---- */

static const struct case_prior_fine prior[] = {
	{ "柯综执罚〔2025〕7号", "91330621MA2BXXXX1X", "SC-01", { 2025, 11, 1 }, { 2025, 11, 30 }, 300000 },
	{ "绍市监罚〔2026〕3号", "91330621MA2BXXXX1X", "SC-02", { 2026, 1, 5 }, { 0, 0, 0 }, 100000 },
};

TEST(penalty_law_art29_same_act_overlapping_period_barred_and_names_the_case)
{
	const struct case_prior_fine *p;

	p = case_same_act_fine(prior, 2, "91330621MA2BXXXX1X", "SC-01", D(2025, 11, 30), D(2025, 12, 10));
	CHECK(p != NULL);
	CHECK_STR(p->case_no, "柯综执罚〔2025〕7号");
	p = case_same_act_fine(prior, 2, "91330621MA2BXXXX1X", "SC-02", D(2026, 1, 1), D(2026, 1, 5));
	CHECK(p != NULL);
	CHECK_STR(p->case_no, "绍市监罚〔2026〕3号");
}

TEST(penalty_law_art29_other_item_period_or_party_is_not_barred)
{
	CHECK(case_same_act_fine(prior, 2, "91330621MA2BXXXX1X", "SC-03", D(2025, 11, 5), CASE_DATE_NONE) == NULL);
	CHECK(case_same_act_fine(prior, 2, "91330621MA2BXXXX1X", "SC-01", D(2025, 12, 1), D(2025, 12, 31)) == NULL);
	CHECK(case_same_act_fine(prior, 2, "330621199001011234", "SC-01", D(2025, 11, 5), CASE_DATE_NONE) == NULL);
	CHECK(case_same_act_fine(prior, 2, "91330621MA2BXXXX1X", "SC-02", D(2026, 1, 6), CASE_DATE_NONE) == NULL);
	CHECK(case_same_act_fine(NULL, 0, "x", "y", D(2026, 1, 6), CASE_DATE_NONE) == NULL);
}

TEST(penalty_law_art29_second_fine_refused_but_a_warning_is_not)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();
	struct case_check r;

	CHECK(cal);
	case_fixture_cfg(&cfg);
	case_fixture_notified(&s);
	s.same_act_fine_case = "柯综执罚〔2025〕7号";
	CHECK_INT(case_check_action(&cfg, cal, &s, CA_DECIDE_PENALTY, &r), 0);
	CHECK_STR(unmet_codes(&r), "one_fine_per_act");
	CHECK_STR(r.unmet[0].detail, "已由柯综执罚〔2025〕7号处以罚款");
	CHECK_STR(r.unmet[0].article, "行政处罚法第二十九条");
	s.intended = s.notified = (struct case_penalty){ CASE_PT_SUSPEND_PERMIT, 0, 0 };
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "");
	calendar_free(&cal);
}

/* ---- payment, enforcement, closing ---- */

TEST(penalty_law_art72_overdue_only_after_the_payment_period)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.state = CASE_SERVED;
	s.actor.roles = CASE_ROLE_SYSTEM;
	s.payment_due = D(2026, 4, 20);
	s.today = D(2026, 4, 20);
	CHECK_ACTION(&cfg, NULL, &s, CA_MARK_OVERDUE, "payment_deadline_passed");
	s.today = D(2026, 4, 21);
	CHECK_ACTION(&cfg, NULL, &s, CA_MARK_OVERDUE, "");
	s.intended = (struct case_penalty){ CASE_PT_WARNING, 0, 0 };
	CHECK_ACTION(&cfg, NULL, &s, CA_MARK_OVERDUE, "fine_imposed");
}

TEST(penalty_law_art66_deferral_needs_the_partys_application_and_the_head)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.state = CASE_SERVED;
	CHECK_ACTION(&cfg, NULL, &s, CA_APPROVE_DEFERRAL, "party_applied");
	s.party_applied_deferral = 1;
	CHECK_ACTION(&cfg, NULL, &s, CA_APPROVE_INSTALMENTS, "");
	s.actor.roles = CASE_ROLE_OFFICER;
	CHECK_ACTION(&cfg, NULL, &s, CA_APPROVE_DEFERRAL, "role_permitted");
}

TEST(administrative_coercion_law_art53_54_enforcement_after_demand_and_remedy_periods)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();

	CHECK(cal);
	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.state = CASE_OVERDUE;
	s.service = D(2026, 3, 31);
	s.today = D(2026, 9, 30);
	CHECK_ACTION(&cfg, cal, &s, CA_APPLY_ENFORCEMENT,
		     "demand_period_passed,remedy_periods_expired");
	/* demand served Fri 09-11: ten working days end Thu 09-24 (Sun 09-20 is a 调休 workday) */
	s.demand_served = D(2026, 9, 11);
	s.today = D(2026, 9, 24);
	CHECK_ACTION(&cfg, cal, &s, CA_APPLY_ENFORCEMENT,
		     "demand_period_passed,remedy_periods_expired");
	/* the six-month litigation period from service on 03-31 ends 09-30 */
	s.today = D(2026, 9, 25);
	CHECK_ACTION(&cfg, cal, &s, CA_APPLY_ENFORCEMENT, "remedy_periods_expired");
	s.today = D(2026, 10, 1);
	CHECK_ACTION(&cfg, cal, &s, CA_APPLY_ENFORCEMENT, "");
	s.remedy_pending = 1;
	CHECK_ACTION(&cfg, cal, &s, CA_APPLY_ENFORCEMENT, "remedy_periods_expired");
	calendar_free(&cal);
}

TEST(penalty_law_art72_case_closes_only_when_fine_and_late_fee_are_paid)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.state = CASE_PAID;
	s.fine_paid = 1;
	s.late_fee_due_fen = 15000;
	CHECK_ACTION(&cfg, NULL, &s, CA_CLOSE_CASE, "fully_performed");
	s.late_fee_paid = 1;
	CHECK_ACTION(&cfg, NULL, &s, CA_CLOSE_CASE, "");
	s.state = CASE_SERVED;
	s.fine_paid = 0;
	CHECK_ACTION(&cfg, NULL, &s, CA_CLOSE_CASE, "no_fine_outstanding");
	s.intended = (struct case_penalty){ CASE_PT_SUSPEND_PERMIT, 0, 0 };
	CHECK_ACTION(&cfg, NULL, &s, CA_CLOSE_CASE, "");
}

/* ---- crime transfer ---- */

TEST(transfer_rules_art5_suspected_crime_needs_a_report_and_a_receipt_to_close)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.state = CASE_INVESTIGATING;
	s.reason = "涉嫌生产、销售不符合安全标准的食品罪";
	CHECK_ACTION(&cfg, NULL, &s, CA_TRANSFER_CRIMINAL, "transfer_report_made");
	s.transfer_report_made = 1;
	CHECK_ACTION(&cfg, NULL, &s, CA_TRANSFER_CRIMINAL, "");
	s.state = CASE_TRANSFERRED_CRIMINAL;
	CHECK_ACTION(&cfg, NULL, &s, CA_CLOSE_CASE, "transfer_receipt_recorded");
	CHECK_ACTION(&cfg, NULL, &s, CA_RESUME_AFTER_TRANSFER, "transfer_receipt_recorded");
	s.transfer_receipt_recorded = 1;
	CHECK_ACTION(&cfg, NULL, &s, CA_CLOSE_CASE, "");
	CHECK_ACTION(&cfg, NULL, &s, CA_RESUME_AFTER_TRANSFER, "");
}

/* ---- calendar: provisional and missing ---- */

TEST(penalty_law_art64_request_period_into_a_year_without_holiday_data_is_provisional)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();
	struct case_check r;

	CHECK(cal);
	case_fixture_cfg(&cfg);
	hearing_case(&s);
	s.notice = D(2026, 12, 30);
	s.today = s.hearing_requested_on = D(2027, 1, 6);
	CHECK_INT(case_check_action(&cfg, cal, &s, CA_REQUEST_HEARING, &r), 0);
	CHECK_STR(unmet_codes(&r), "");
	CHECK_INT(r.provisional, 1);
	s.today = s.hearing_requested_on = D(2027, 1, 7);
	CHECK_INT(case_check_action(&cfg, cal, &s, CA_REQUEST_HEARING, &r), 0);
	CHECK_STR(unmet_codes(&r), "hearing_request_in_time");
	CHECK_STR(r.unmet[0].detail, "申请期限至2027-01-06届满，申请日期为2027-01-07");
	CHECK_INT(r.provisional, 1);
	calendar_free(&cal);
}

TEST(case_guard_needing_working_days_without_a_calendar_is_unmet)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct case_check r;

	case_fixture_cfg(&cfg);
	hearing_case(&s);
	s.today = s.hearing_requested_on = D(2026, 4, 3);
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_REQUEST_HEARING, &r), 0);
	CHECK_STR(unmet_codes(&r), "hearing_request_in_time");
	CHECK_STR(r.unmet[0].detail, "calendar missing");
}

TEST(penalty_law_art44_notice_with_negative_fine_or_future_date_refused)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.state = CASE_REVIEW;
	s.actor.roles = CASE_ROLE_OFFICER;
	s.today = s.notice = D(2026, 3, 10);
	CHECK_ACTION(&cfg, NULL, &s, CA_ISSUE_PRIOR_NOTICE, "");
	s.intended.fine_fen = -500000;
	CHECK_ACTION(&cfg, NULL, &s, CA_ISSUE_PRIOR_NOTICE, "intended_penalty_set");
	s.intended.fine_fen = 500000;
	s.notice = D(2026, 3, 11);
	CHECK_ACTION(&cfg, NULL, &s, CA_ISSUE_PRIOR_NOTICE, "notice_date_valid");
	s.notice = D(2026, 3, 1); /* before filing */
	CHECK_ACTION(&cfg, NULL, &s, CA_ISSUE_PRIOR_NOTICE, "notice_date_valid");
}

TEST(penalty_law_art61_service_before_the_decision_or_in_the_future_refused)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.state = CASE_DECIDED;
	s.actor.roles = CASE_ROLE_OFFICER;
	s.decision = D(2026, 3, 30);
	s.today = D(2026, 3, 31);
	s.service = D(2026, 3, 29);
	CHECK_ACTION(&cfg, NULL, &s, CA_SERVE_DECISION, "service_date_valid");
	s.service = D(2026, 4, 1);
	CHECK_ACTION(&cfg, NULL, &s, CA_SERVE_DECISION, "service_date_valid");
	s.service = D(2026, 3, 30);
	CHECK_ACTION(&cfg, NULL, &s, CA_SERVE_DECISION, "");
}

TEST(penalty_law_art59_decision_dated_in_the_future_or_before_the_notice_refused)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();

	CHECK(cal);
	case_fixture_cfg(&cfg);
	case_fixture_notified(&s);
	s.statement_waived = 1;
	s.decision = D(2026, 3, 19);
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "decision_date_valid");
	s.decision = D(2026, 3, 9);
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "decision_date_valid");
	s.decision = D(2026, 3, 10);
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "");
	calendar_free(&cal);
}

TEST(penalty_law_art66_instalments_are_paid_one_by_one_the_last_with_record_payment)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.state = CASE_INSTALMENTS;
	s.actor.roles = CASE_ROLE_OFFICER;
	s.instalments_unpaid = 2;
	CHECK_ACTION(&cfg, NULL, &s, CA_PAY_INSTALMENT, "");
	s.instalments_unpaid = 1;
	CHECK_ACTION(&cfg, NULL, &s, CA_PAY_INSTALMENT, "instalment_not_last");
	CHECK_ACTION(&cfg, NULL, &s, CA_RECORD_PAYMENT, "");
	s.state = CASE_SERVED;
	CHECK_ACTION(&cfg, NULL, &s, CA_PAY_INSTALMENT, "state_allows_action");
}

TEST(penalty_law_art60_the_head_extends_the_decision_deadline_with_a_reason)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.state = CASE_INVESTIGATING;
	s.reason = "";
	CHECK_ACTION(&cfg, NULL, &s, CA_EXTEND_DEADLINE, "reason_given");
	s.reason = "案情复杂，需检测鉴定";
	CHECK_ACTION(&cfg, NULL, &s, CA_EXTEND_DEADLINE, "");
	s.state = CASE_SUSPENDED;
	CHECK_ACTION(&cfg, NULL, &s, CA_EXTEND_DEADLINE, "");
	s.actor.roles = CASE_ROLE_OFFICER;
	CHECK_ACTION(&cfg, NULL, &s, CA_EXTEND_DEADLINE, "role_permitted");
	s.actor.roles = CASE_ROLE_HEAD;
	s.state = CASE_DECIDED;
	CHECK_ACTION(&cfg, NULL, &s, CA_EXTEND_DEADLINE, "state_allows_action");
}

/* ---- Art 59(4)(5), Art 67: the agency's bank, account, 复议机关 and court ---- */

TEST(penalty_law_art59_fine_decision_needs_the_agencys_bank_and_account)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct case_check r;

	/* an agency that has set nothing: a 200-yuan on-the-spot fine is refused, naming
	 * every missing setting */
	case_config_default(&cfg);
	street_case(&s, CASE_PARTY_PERSON, CASE_PT_FINE, 20000);
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_DECIDE_ON_THE_SPOT, &r), 0);
	CHECK_STR(unmet_codes(&r), "agency_payment_settings,agency_remedy_settings");
	CHECK_STR(r.unmet[0].article, "行政处罚法第五十九条第一款第四项、第六十七条");
	CHECK_STR(r.unmet[0].detail, "未设置：代收罚款银行、收款户名、收款账号");
	CHECK_STR(r.unmet[1].detail, "未设置：行政复议机关、有管辖权的人民法院");
	/* only the account number missing */
	case_fixture_cfg(&cfg);
	cfg.pay_account_no[0] = '\0';
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_DECIDE_ON_THE_SPOT, &r), 0);
	CHECK_STR(unmet_codes(&r), "agency_payment_settings");
	CHECK_STR(r.unmet[0].detail, "未设置：收款账号");
	/* a warning names no payment place, but still the remedies */
	street_case(&s, CASE_PARTY_PERSON, CASE_PT_WARNING, 0);
	CHECK_ACTION(&cfg, NULL, &s, CA_DECIDE_ON_THE_SPOT, "");
	cfg.court[0] = '\0';
	CHECK_ACTION(&cfg, NULL, &s, CA_DECIDE_ON_THE_SPOT, "agency_remedy_settings");
}

/* ---- Art 34: a published discretion benchmark binds the deciding steps ---- */

TEST(penalty_law_art34_decision_needs_the_circumstances_where_a_benchmark_is_in_force)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct case_check r, next[64];
	struct calendar *cal = case_calendar();
	int i, n, listed = 0;

	CHECK(cal);
	case_fixture_cfg(&cfg);
	case_fixture_notified(&s);
	s.today = D(2026, 3, 11);
	s.statement_waived = 1;
	/* no benchmark for the item: nothing to give */
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "");
	s.discretion_benchmark = "";
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "");
	/* CG010310 2020.1 in force at the violation: the circumstances are required */
	s.discretion_benchmark = "CG010310 2020.1";
	CHECK_INT(case_check_action(&cfg, cal, &s, CA_DECIDE_PENALTY, &r), 0);
	CHECK_STR(unmet_codes(&r), "discretion_circumstances_given");
	CHECK_STR(r.unmet[0].article, "行政处罚法第三十四条");
	CHECK_STR(r.unmet[0].detail, "裁量基准 CG010310 2020.1 版（违法行为发生于2026-02-20）");
	/* the listing tells the same before anyone tries: one rule, one place */
	n = case_next_actions(&cfg, cal, &s, next, 64);
	CHECK(n > 0 && n <= 64);
	for (i = 0; i < n && i < 64; i++)
		if (next[i].action == CA_DECIDE_PENALTY) {
			listed = 1;
			CHECK_INT(next[i].allowed, 0);
			CHECK_STR(unmet_codes(&next[i]), "discretion_circumstances_given");
		}
	CHECK(listed);
	s.discretion_circumstances_given = 1;
	CHECK_ACTION(&cfg, cal, &s, CA_DECIDE_PENALTY, "");
	calendar_free(&cal);
}

TEST(penalty_law_art34_on_the_spot_fine_needs_the_circumstances_too_and_art51_still_caps_it)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	street_case(&s, CASE_PARTY_PERSON, CASE_PT_FINE, 20000);
	s.discretion_benchmark = "CG000001 2024.1";
	CHECK_ACTION(&cfg, NULL, &s, CA_DECIDE_ON_THE_SPOT, "discretion_circumstances_given");
	s.discretion_circumstances_given = 1;
	CHECK_ACTION(&cfg, NULL, &s, CA_DECIDE_ON_THE_SPOT, "");
	/* one fen over 200 yuan for a person: the benchmark does not lift Art 51's limit */
	s.intended.fine_fen = 20001;
	CHECK_ACTION(&cfg, NULL, &s, CA_DECIDE_ON_THE_SPOT, "summary_fine_limit");
}
