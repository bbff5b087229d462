/* The penalty-case state machine as a table: its integrity, the steps back, the whole
 * ordinary and summary procedures walked as the API would, remedies, case numbers, and
 * docs/cases.md kept equal to the table. */
#include <stdlib.h>

#include "case_fixture.h"
#include "core/err.h"
#include "domain/case_body.h"
#include "domain/case_deadline.h"

TEST(case_table_every_action_has_a_row_and_no_state_matches_twice)
{
	size_t n, i, j;
	const struct case_transition *t = case_transitions(&n);
	int a, s;

	CHECK(n > 40);
	for (a = 1; a < CASE_ACTION__COUNT; a++) {
		int rows = 0;

		for (i = 0; i < n; i++)
			rows += t[i].action == (enum case_action)a;
		if (!rows)
			t_fail(__FILE__, __LINE__, "no row for %s", case_action_name(a));
		CHECK(rows > 0);
	}
	for (i = 0; i < n; i++) {
		CHECK(t[i].from != 0);
		CHECK(t[i].roles != 0);
		CHECK(t[i].article && t[i].article[0]);
		CHECK(t[i].to == CASE_TO_SAME || t[i].to == CASE_TO_PREVIOUS ||
		      (t[i].to > CASE_STATE_NONE && t[i].to < CASE_STATE__COUNT));
		for (j = i + 1; j < n; j++)
			CHECK(t[i].action != t[j].action || (t[i].from & t[j].from) == 0);
	}
	/* every state but the start is reachable, and only archived is a dead end */
	for (s = CASE_LEAD + 1; s < CASE_STATE__COUNT; s++) {
		int in = 0, out = 0;

		for (i = 0; i < n; i++) {
			in += t[i].to == (enum case_state)s;
			out += (t[i].from >> s) & 1;
		}
		if (!in && s != CASE_SUSPENDED)
			t_fail(__FILE__, __LINE__, "nothing leads to %s", case_state_name(s));
		CHECK(in || s == CASE_SUSPENDED);
		CHECK(out || s == CASE_ARCHIVED);
	}
}

TEST(case_names_round_trip_and_every_requirement_is_explained)
{
	int i;

	for (i = 1; i < CASE_STATE__COUNT; i++) {
		CHECK(case_state_zh(i) != NULL);
		CHECK_INT(case_state_parse(case_state_name(i)), i);
	}
	for (i = 1; i < CASE_ACTION__COUNT; i++) {
		CHECK(case_action_zh(i) != NULL);
		CHECK_INT(case_action_parse(case_action_name(i)), i);
	}
	for (i = 1; i < CR__COUNT; i++) {
		CHECK(case_req_code(i) && case_req_zh(i) && case_req_en(i) && case_req_article(i));
		CHECK(strlen(case_req_zh(i)) > 10);
	}
	CHECK(case_state_name(CASE_STATE__COUNT) == NULL);
	CHECK(case_action_name(CASE_ACTION_NONE) == NULL);
	CHECK(case_req_code(CR__COUNT) == NULL);
	CHECK_INT(case_state_parse("nope"), CASE_STATE_NONE);
	CHECK_INT(case_action_parse(NULL), CASE_ACTION_NONE);
	CHECK_INT(case_role_from_name("agency_head"), CASE_ROLE_HEAD);
	CHECK_INT(case_role_from_name("auditor"), 0);
	CHECK_INT(case_penalty_type_parse("revoke_permit"), CASE_PT_REVOKE_PERMIT);
	CHECK_STR(case_penalty_type_zh(CASE_PT_BAN_OCCUPATION), "限制从业");
	CHECK(case_penalty_type_name(CASE_PT_FINE | CASE_PT_WARNING) == NULL);
}

TEST(case_penalty_amounts_are_whole_non_negative_fen_tied_to_their_type)
{
	struct case_penalty p = { CASE_PT_FINE, 100, 0 };

	CHECK_INT(case_penalty_valid(&p), 1);
	p.fine_fen = -1;
	CHECK_INT(case_penalty_valid(&p), 0);
	p.fine_fen = 0;
	CHECK_INT(case_penalty_valid(&p), 0);
	p = (struct case_penalty){ CASE_PT_WARNING, 100, 0 };
	CHECK_INT(case_penalty_valid(&p), 0);
	p = (struct case_penalty){ 0, 0, 0 };
	CHECK_INT(case_penalty_valid(&p), 0);
	p = (struct case_penalty){ 0x8000u, 0, 0 };
	CHECK_INT(case_penalty_valid(&p), 0);
}

TEST(case_wrong_role_is_reported_apart_from_the_law)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct case_check r;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.actor.roles = CASE_ROLE_OFFICER;
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_FILE_CASE, &r), 0);
	CHECK_STR(unmet_codes(&r), "role_permitted");
	CHECK_INT(r.role_ok, 0);
	CHECK_INT(r.state_ok, 1);
	CHECK_INT(r.to, CASE_FILED);
	CHECK_STR(r.article, "行政处罚法第五十四条第二款");
	/* all requirements are reported at once */
	s.discovery = D(2030, 1, 1);
	s.filing = D(2030, 1, 1);
	CHECK_ACTION(&cfg, NULL, &s, CA_FILE_CASE, "role_permitted,filing_date_valid,within_limitation");
	CHECK_INT(case_check_action(NULL, NULL, &s, CA_FILE_CASE, &r), -1);
	CHECK_INT(case_check_action(&cfg, NULL, &s, CASE_ACTION__COUNT, &r), -1);
}

TEST(case_return_goes_back_one_step_with_a_reason)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct case_check r;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.state = CASE_LEGAL_REVIEW;
	s.previous_state = CASE_HEARD;
	s.actor = (struct case_actor){ 41, CASE_ROLE_LEGAL, 0, 1, 0, { 0, 0, 0 } };
	CHECK_ACTION(&cfg, NULL, &s, CA_RETURN_PREVIOUS, "reason_given");
	s.reason = "  ";
	CHECK_ACTION(&cfg, NULL, &s, CA_RETURN_PREVIOUS, "reason_given");
	s.reason = "证据链不完整：缺少进货台账";
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_RETURN_PREVIOUS, &r), 0);
	CHECK_INT(r.allowed, 1);
	CHECK_INT(r.to, CASE_HEARD);
	s.previous_state = CASE_STATE_NONE;
	CHECK_ACTION(&cfg, NULL, &s, CA_RETURN_PREVIOUS, "previous_step_known");
}

TEST(case_withdraw_only_ones_own_submission_before_it_is_acted_on)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.state = CASE_REVIEW;
	s.previous_state = CASE_INVESTIGATING;
	s.submitted_by = 11;
	s.reason = "补充现场照片";
	s.actor = (struct case_actor){ 11, CASE_ROLE_OFFICER, 1, 0, 0, { 0, 0, 0 } };
	CHECK_ACTION(&cfg, NULL, &s, CA_WITHDRAW_SUBMISSION, "");
	s.actor.user_id = 12;
	CHECK_ACTION(&cfg, NULL, &s, CA_WITHDRAW_SUBMISSION, "actor_is_submitter");
	s.actor.user_id = 11;
	s.submission_acted_on = 1;
	CHECK_ACTION(&cfg, NULL, &s, CA_WITHDRAW_SUBMISSION, "submission_not_acted_on");
}

TEST(case_supplementary_investigation_and_suspension_resume_where_they_left)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct case_check r;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.state = CASE_COLLECTIVE_DISCUSSION;
	s.reason = "集体讨论认为需补充鉴定意见";
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_SUPPLEMENTARY_INVESTIGATION, &r), 0);
	CHECK_INT(r.allowed, 1);
	CHECK_INT(r.to, CASE_INVESTIGATING);
	s.state = CASE_NOTIFIED;
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_SUSPEND_CASE, &r), 0);
	CHECK_INT(r.to, CASE_SUSPENDED);
	s.state = CASE_SUSPENDED;
	s.previous_state = CASE_NOTIFIED;
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_RESUME_CASE, &r), 0);
	CHECK_INT(r.allowed, 1);
	CHECK_INT(r.to, CASE_NOTIFIED);
	CHECK_ACTION(&cfg, NULL, &s, CA_DECIDE_PENALTY, "state_allows_action");
}

TEST(case_next_actions_lists_each_applicable_action_with_its_unmet_requirements)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();
	struct case_check *out = calloc(64, sizeof(*out));
	int n, i, seen_decide = 0, seen_request = 0;

	CHECK(cal && out);
	case_fixture_cfg(&cfg);
	case_fixture_notified(&s);
	s.today = D(2026, 3, 12);
	n = case_next_actions(&cfg, cal, &s, out, 64);
	CHECK(n >= 10 && n <= 64);
	for (i = 0; i < n; i++) {
		CHECK_INT(out[i].state_ok, 1);
		if (out[i].action == CA_DECIDE_PENALTY) {
			seen_decide = 1;
			CHECK_STR(unmet_codes(&out[i]), "statement_heard_or_waived");
		}
		if (out[i].action == CA_REQUEST_HEARING) {
			seen_request = 1;
			CHECK_STR(unmet_codes(&out[i]), "role_permitted,hearing_right");
		}
	}
	CHECK(seen_decide && seen_request);
	CHECK_INT(case_next_actions(&cfg, cal, &s, NULL, 0), n);
	CHECK_INT(case_next_actions(&cfg, cal, &s, out, 2), n);
	free(out);
	calendar_free(&cal);
}

/* A person, fined 3,000 yuan for running an unlicensed stall, asks for a hearing: the
 * whole ordinary procedure from the lead to the archive, step by step. */
TEST(case_ordinary_procedure_with_hearing_from_lead_to_archive)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct calendar *cal = case_calendar();
	const struct case_actor head = { 1, CASE_ROLE_HEAD, 1, 0, 0 };
	const struct case_actor officer = { 11, CASE_ROLE_OFFICER, 1, 0, 0 };
	const struct case_actor reviewer = { 41, CASE_ROLE_LEGAL, 0, 1, 0 };

	CHECK(cal);
	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.party_type = CASE_PARTY_PERSON;
	s.intended = (struct case_penalty){ CASE_PT_FINE, 300000, 0 };
	s.actor = head;
	STEP(&cfg, cal, &s, CA_FILE_CASE);
	CHECK_INT(s.state, CASE_FILED);
	s.actor = officer;
	STEP(&cfg, cal, &s, CA_START_INVESTIGATION);
	s.today = D(2026, 3, 6);
	STEP(&cfg, cal, &s, CA_SUBMIT_INVESTIGATION);
	CHECK_INT(s.state, CASE_REVIEW);
	s.today = s.notice = D(2026, 3, 10);
	STEP(&cfg, cal, &s, CA_ISSUE_PRIOR_NOTICE);
	s.notified = s.intended;
	s.today = s.hearing_requested_on = D(2026, 3, 13);
	STEP(&cfg, cal, &s, CA_REQUEST_HEARING);
	s.actor = head;
	s.hearing_presiding_user_id = 41;
	s.today = s.hearing_notified_on = D(2026, 3, 16);
	s.hearing_date = D(2026, 3, 25);
	STEP(&cfg, cal, &s, CA_SCHEDULE_HEARING);
	s.actor = reviewer;
	s.today = D(2026, 3, 25);
	STEP(&cfg, cal, &s, CA_HOLD_HEARING);
	s.hearing_held = 1;
	CHECK_INT(s.state, CASE_HEARD);
	s.actor = officer;
	STEP(&cfg, cal, &s, CA_SUBMIT_LEGAL_REVIEW);
	s.actor = reviewer;
	STEP(&cfg, cal, &s, CA_RECORD_LEGAL_REVIEW);
	s.legal_review_done = s.legal_review_passed = s.legal_reviewer_qualified = 1;
	CHECK_INT(s.state, CASE_LEGAL_REVIEW);
	s.actor = head;
	s.today = D(2026, 3, 30);
	STEP(&cfg, cal, &s, CA_DECIDE_PENALTY);
	s.decision = s.today;
	s.actor = officer;
	s.today = s.service = D(2026, 3, 31);
	STEP(&cfg, cal, &s, CA_SERVE_DECISION);
	s.payment_due = D(2026, 4, 15);
	s.today = D(2026, 4, 10);
	STEP(&cfg, cal, &s, CA_RECORD_PAYMENT);
	s.fine_paid = 1;
	s.actor = head;
	STEP(&cfg, cal, &s, CA_CLOSE_CASE);
	STEP(&cfg, cal, &s, CA_ARCHIVE_CASE);
	CHECK_INT(s.state, CASE_ARCHIVED);
	calendar_free(&cal);
}

TEST(case_summary_procedure_on_the_spot_to_archive)
{
	struct case_config cfg;
	struct case_snapshot s;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.procedure = CASE_PROC_SUMMARY;
	s.party_type = CASE_PARTY_PERSON;
	s.violation = s.today = D(2026, 3, 2);
	s.intended = (struct case_penalty){ CASE_PT_FINE, 5000, 0 };
	s.actor = (struct case_actor){ 11, CASE_ROLE_OFFICER, 1, 0, 0, { 0, 0, 0 } };
	STEP(&cfg, NULL, &s, CA_DECIDE_ON_THE_SPOT);
	CHECK_INT(s.state, CASE_SERVED);
	STEP(&cfg, NULL, &s, CA_COLLECT_ON_THE_SPOT);
	CHECK_INT(s.state, CASE_PAID);
	s.fine_paid = 1;
	s.actor.roles = CASE_ROLE_HEAD;
	STEP(&cfg, NULL, &s, CA_CLOSE_CASE);
	STEP(&cfg, NULL, &s, CA_ARCHIVE_CASE);
	CHECK_INT(s.state, CASE_ARCHIVED);
}

TEST(case_remedy_outcomes_need_a_pending_remedy_and_revocation_ends_the_decision)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct case_check r;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.state = CASE_PAID;
	s.actor.roles = CASE_ROLE_OFFICER;
	CHECK_ACTION(&cfg, NULL, &s, CA_REMEDY_UPHELD, "remedy_pending");
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_RECORD_REMEDY_FILED, &r), 0);
	CHECK_INT(r.allowed, 1);
	CHECK_INT(r.to, CASE_PAID);
	s.remedy_pending = 1;
	CHECK_ACTION(&cfg, NULL, &s, CA_RECORD_REMEDY_FILED, "remedy_not_pending");
	CHECK_ACTION(&cfg, NULL, &s, CA_REMEDY_CHANGED, "");
	CHECK_ACTION(&cfg, NULL, &s, CA_REMEDY_CONFIRMED_ILLEGAL, "");
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_REMEDY_REVOKED, &r), 0);
	CHECK_INT(r.to, CASE_REVOKED);
	/* 行政复议法 (2023) Art 67, 行政诉讼法 Art 75: confirmed void, the decision ends too */
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_REMEDY_CONFIRMED_VOID, &r), 0);
	CHECK_INT(r.allowed, 1);
	CHECK_INT(r.to, CASE_REVOKED);
	CHECK_STR(case_action_name(CA_REMEDY_CONFIRMED_VOID), "remedy_confirmed_void");
	CHECK_INT(case_action_parse("remedy_confirmed_void"), CA_REMEDY_CONFIRMED_VOID);
	s.remedy_pending = 0;
	CHECK_ACTION(&cfg, NULL, &s, CA_REMEDY_CONFIRMED_VOID, "remedy_pending");
	s.state = CASE_REVOKED;
	s.actor.roles = CASE_ROLE_HEAD;
	CHECK_ACTION(&cfg, NULL, &s, CA_CLOSE_CASE, "");
	s.state = CASE_LEAD;
	CHECK_ACTION(&cfg, NULL, &s, CA_REMEDY_UPHELD, "state_allows_action");
}

/* ---- case numbers ---- */

TEST(case_number_in_the_official_form)
{
	char out[96];
	struct zerr e = ZERR_INIT;

	CHECK_INT(case_number_format("柯综执", CASE_NO_PENALTY_DECISION, 2026, 12, out, sizeof(out), &e), 0);
	CHECK_STR(out, "柯综执罚〔2026〕12号");
	CHECK_INT(case_number_format("柯综执", CASE_NO_SUMMARY, 2026, 1, out, sizeof(out), &e), 0);
	CHECK_STR(out, "柯综执简罚〔2026〕1号");
	CHECK_INT(case_number_format("柯综执", CASE_NO_FILING, 2025, 307, out, sizeof(out), &e), 0);
	CHECK_STR(out, "柯综执立〔2025〕307号");
	CHECK_INT(case_number_format("柯综执", CASE_NO_NO_PENALTY, 2026, 9, out, sizeof(out), &e), 0);
	CHECK_STR(out, "柯综执不罚〔2026〕9号");
	zerr_clear(&e);
}

TEST(case_number_refuses_bad_parts)
{
	char out[96], tiny[8];
	struct zerr e = ZERR_INIT;

	CHECK_INT(case_number_format("", CASE_NO_PENALTY_DECISION, 2026, 1, out, sizeof(out), &e), -1);
	CHECK_STR(e.code, "invalid_case_number");
	CHECK_STR(out, "");
	zerr_clear(&e);
	CHECK_INT(case_number_format("柯 综执", CASE_NO_PENALTY_DECISION, 2026, 1, out, sizeof(out), &e), -1);
	zerr_clear(&e);
	CHECK_INT(case_number_format("柯〔综", CASE_NO_PENALTY_DECISION, 2026, 1, out, sizeof(out), &e), -1);
	zerr_clear(&e);
	CHECK_INT(case_number_format("柯综执", CASE_NO_PENALTY_DECISION, 2026, 0, out, sizeof(out), &e), -1);
	zerr_clear(&e);
	CHECK_INT(case_number_format("柯综执", CASE_NO_PENALTY_DECISION, 1899, 1, out, sizeof(out), &e), -1);
	zerr_clear(&e);
	CHECK_INT(case_number_format("柯综执", (enum case_number_kind)9, 2026, 1, out, sizeof(out), &e), -1);
	zerr_clear(&e);
	CHECK_INT(case_number_format(NULL, CASE_NO_PENALTY_DECISION, 2026, 1, out, sizeof(out), &e), -1);
	zerr_clear(&e);
	CHECK_INT(case_number_format("柯综执", CASE_NO_PENALTY_DECISION, 2026, 1, tiny, sizeof(tiny), &e), -1);
	CHECK_STR(tiny, "");
	zerr_clear(&e);
}

/* ---- docs/cases.md carries the generated tables and names every action ---- */

#define GEN_END "<!-- END GENERATED -->"

/* Reads docs/cases.md into a new string (free it), or NULL. */
static char *read_file_at(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *doc = NULL;
	long len;

	if (!f)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (len = ftell(f)) > 0 && fseek(f, 0, SEEK_SET) == 0 &&
	    (doc = calloc(1, (size_t)len + 1)) != NULL && fread(doc, 1, (size_t)len, f) != (size_t)len) {
		free(doc);
		doc = NULL;
	}
	fclose(f);
	return doc;
}

static char *read_doc(void)
{
	return read_file_at("docs/cases.md");
}

/* 1 when doc holds want between "<!-- BEGIN GENERATED: name -->\n" and GEN_END; else
 * writes want to build/<name>.md for copying and returns 0. */
static int section_matches(const char *doc, const char *name, const struct buf *want)
{
	char begin[128], path[128];
	const char *b, *e;
	FILE *o;

	snprintf(begin, sizeof(begin), "<!-- BEGIN GENERATED: %s -->\n", name);
	b = strstr(doc, begin);
	e = b ? strstr(b, GEN_END) : NULL;
	if (b && e && (size_t)(e - b - strlen(begin)) == want->len &&
	    memcmp(b + strlen(begin), want->data, want->len) == 0)
		return 1;
	snprintf(path, sizeof(path), "build/%s.md", name);
	o = fopen(path, "wb");
	if (o) {
		fwrite(want->data, 1, want->len, o);
		fclose(o);
	}
	return 0;
}

TEST(case_docs_carry_the_generated_transition_and_requirement_tables)
{
	struct buf want = BUF_INIT(1 << 20), eff = BUF_INIT(1 << 20);
	char *doc = read_doc();
	int i, ok;

	CHECK(doc != NULL);
	ok = case_table_markdown(&want) == 0 && case_deadline_effects_markdown(&eff) == 0;
	if (ok && !section_matches(doc, "case_table_markdown", &want)) {
		t_fail(__FILE__, __LINE__, "docs/cases.md differs from the transition table; "
		       "the expected section is in build/case_table_markdown.md");
		ok = 0;
	}
	if (ok && !section_matches(doc, "case_deadline_effects_markdown", &eff)) {
		t_fail(__FILE__, __LINE__, "docs/cases.md differs from the effects table; "
		       "the expected section is in build/case_deadline_effects_markdown.md");
		ok = 0;
	}
	for (i = 1; ok && i < CASE_ACTION__COUNT; i++) {
		char needle[64];

		snprintf(needle, sizeof(needle), "`%s`", case_action_name(i));
		if (!strstr(doc, needle)) {
			t_fail(__FILE__, __LINE__, "docs/cases.md lacks %s", needle);
			ok = 0;
		}
	}
	free(doc);
	buf_release(&want);
	buf_release(&eff);
	CHECK(ok);
}

/* The body-member table (case_body.h) is docs/cases.md §4 and openapi.yaml's
 * ActionBody x-action-members, and the API refuses what it does not list. */
TEST(case_body_members_are_one_table_in_the_docs_and_the_openapi_description)
{
	struct buf md = BUF_INIT(1 << 20), yaml = BUF_INIT(1 << 20);
	char *doc = read_doc(), *api = read_file_at("docs/openapi.yaml");
	const char *names[8];

	CHECK(doc != NULL && api != NULL);
	CHECK_INT(case_body_markdown(&md), 0);
	CHECK_INT(case_body_yaml(&yaml), 0);
	CHECK(doc && section_matches(doc, "case_body_markdown", &md));
	if (api && !strstr(api, yaml.data ? yaml.data : "")) {
		FILE *o = fopen("build/case_body_yaml.txt", "wb");

		if (o) {
			fwrite(yaml.data, 1, yaml.len, o);
			fclose(o);
		}
		t_fail(__FILE__, __LINE__, "docs/openapi.yaml lacks the x-action-members block in build/case_body_yaml.txt");
	}
	/* every member an action lists has a type: a name missing from the members table
	 * would make the API refuse the very member the action reads */
	for (int a = CASE_ACTION_NONE + 1; a < CASE_ACTION__COUNT; a++) {
		size_t n = case_body_members((enum case_action)a, names, 8);

		for (size_t j = 0; j < n; j++)
			if (case_body_member((enum case_action)a, names[j]) == CM_NONE)
				t_fail(__FILE__, __LINE__, "%s lists %s, which has no type", case_action_name((enum case_action)a),
				       names[j]);
	}
	CHECK_INT(case_body_member(CA_FILE_CASE, "filing_date"), CM_DATE);
	CHECK_INT(case_body_member(CA_FILE_CASE, "reason"), CM_TEXT);
	CHECK_INT(case_body_member(CA_FILE_CASE, "notice_date"), CM_NONE);
	CHECK_INT(case_body_member(CA_SCHEDULE_HEARING, "hearing_date"), CM_DATE_AHEAD);
	CHECK_INT(case_body_member(CA_DECIDE_PENALTY, "penalty"), CM_PENALTY);
	CHECK_INT(case_body_member(CA_RECORD_PAYMENT, "penalty"), CM_NONE);
	CHECK_INT(case_body_member(CASE_ACTION_NONE, "reason"), CM_NONE);
	CHECK_INT((int)case_body_members(CA_DECIDE_PENALTY, names, 8), 4);
	CHECK_STR(names[3], "reason");
	CHECK_INT((int)case_body_members(CA_SUBMIT_LEGAL_REVIEW, names, 8), 1);
	/* the hearing record (Art 64(7), (8)) and the decision on preserved evidence (Art 56) */
	CHECK_INT((int)case_body_members(CA_HOLD_HEARING, names, 8), 6);
	CHECK_INT(case_body_member(CA_HOLD_HEARING, "hearing_end_time"), CM_TIME);
	CHECK_INT(case_body_member(CA_HOLD_HEARING, "participants"), CM_NAMES);
	CHECK_INT(case_body_member(CA_DECIDE_PRESERVED_EVIDENCE, "disposal"), CM_DISPOSAL);
	CHECK_INT(case_body_member(CA_PRESERVE_EVIDENCE, "disposal"), CM_NONE);
	CHECK(case_body_disposal_ok("release") && case_body_disposal_ok("seizure"));
	CHECK(!case_body_disposal_ok("destroy") && !case_body_disposal_ok("") && !case_body_disposal_ok(NULL));
	free(doc);
	free(api);
	buf_release(&md);
	buf_release(&yaml);
}

/* The required flags (x-action-required) and their one check: each missing member named,
 * absent, null and blank text alike; a required member is always one the action reads. */
TEST(case_body_required_members_are_flagged_in_the_table_and_checked_in_one_place)
{
	const char *names[8];
	struct zerr e = ZERR_INIT;
	json_t *body;
	size_t n;

	for (int a = CASE_ACTION_NONE + 1; a < CASE_ACTION__COUNT; a++) {
		n = case_body_required_members((enum case_action)a, names, 8);
		for (size_t j = 0; j < n; j++) {
			if (case_body_member((enum case_action)a, names[j]) == CM_NONE)
				t_fail(__FILE__, __LINE__, "%s requires %s, which it does not read",
				       case_action_name((enum case_action)a), names[j]);
			CHECK_INT(case_body_required((enum case_action)a, names[j]), 1);
		}
	}
	/* Art 64(2): the notice names the date, time and place, and who presides */
	CHECK_INT((int)case_body_required_members(CA_SCHEDULE_HEARING, names, 8), 4);
	CHECK_STR(names[0], "hearing_date");
	CHECK_STR(names[3], "hearing_place");
	CHECK_INT(case_body_required(CA_SCHEDULE_HEARING, "hearing_clerk"), 0);
	CHECK_INT(case_body_required(CA_SCHEDULE_HEARING, "reason"), 0);
	CHECK_INT(case_body_required(CA_FILE_CASE, "filing_date"), 0);
	CHECK_INT(case_body_required(CA_DECIDE_ON_THE_SPOT, "penalty"), 1);
	CHECK_INT(case_body_required(CA_DECIDE_ON_THE_SPOT, "discretion"), 0);
	CHECK_INT(case_body_required(CASE_ACTION_NONE, "penalty"), 0);
	/* Art 64(7), (8): the hearing record's who came, the investigators' case, the defence */
	CHECK_INT((int)case_body_required_members(CA_HOLD_HEARING, names, 8), 3);
	CHECK_STR(names[0], "participants");
	CHECK_STR(names[2], "statement");
	CHECK_INT(case_body_required(CA_HOLD_HEARING, "hearing_end_time"), 0);
	CHECK_INT((int)case_body_required_members(CA_SUBMIT_INVESTIGATION, names, 8), 0);

	body = json_pack("{s:s, s:n, s:s, s:s}", "hearing_date", "2026-04-01", "hearing_time", "hearing_place", " \t",
			 "hearing_clerk", "书记员");
	CHECK_INT(case_body_check_required(CA_SCHEDULE_HEARING, body, &e), -1);
	CHECK_INT(e.status, 400);
	CHECK_INT((int)json_array_size(e.errors), 3);
	CHECK_STR(json_string_value(json_object_get(json_array_get(e.errors, 0), "field")), "presiding_officer_id");
	CHECK_STR(json_string_value(json_object_get(json_array_get(e.errors, 1), "field")), "hearing_time");
	CHECK_STR(json_string_value(json_object_get(json_array_get(e.errors, 2), "field")), "hearing_place");
	CHECK(strstr(json_string_value(json_object_get(json_array_get(e.errors, 2), "message")), "听证地点") != NULL);
	zerr_clear(&e);
	json_object_set_new(body, "hearing_time", json_string("09:30"));
	json_object_set_new(body, "hearing_place", json_string("三楼听证室"));
	json_object_set_new(body, "presiding_officer_id", json_string("o-1"));
	CHECK_INT(case_body_check_required(CA_SCHEDULE_HEARING, body, &e), 0);
	CHECK(!zerr_isset(&e));
	/* an action that requires nothing accepts an empty body */
	json_object_clear(body);
	CHECK_INT(case_body_check_required(CA_SUBMIT_INVESTIGATION, body, &e), 0);
	json_decref(body);
	zerr_clear(&e);
}

TEST(case_table_markdown_respects_the_buffer_cap)
{
	struct buf b = BUF_INIT(512);

	CHECK_INT(case_table_markdown(&b), -1);
	buf_release(&b);
}

TEST(case_refusal_becomes_409_requirements_unmet_with_articles)
{
	struct case_config cfg;
	struct case_snapshot s;
	struct case_check r;
	struct zerr e = ZERR_INIT;
	json_t *u;

	case_fixture_cfg(&cfg);
	case_fixture(&s);
	s.violation = D(2024, 2, 28);
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_FILE_CASE, &r), 0);
	CHECK_INT(case_check_to_zerr(&r, &e), -1);
	CHECK_INT(e.status, 409);
	CHECK_STR(e.code, "requirements_unmet");
	CHECK_STR(e.detail, "不能立案：有1项要求未满足 (requirements unmet for file_case)");
	CHECK_STR(json_string_value(json_object_get(e.extra, "action")), "file_case");
	u = json_array_get(json_object_get(e.extra, "unmet"), 0);
	CHECK_STR(json_string_value(json_object_get(u, "code")), "within_limitation");
	CHECK_STR(json_string_value(json_object_get(u, "article")), "行政处罚法第三十六条");
	CHECK_STR(json_string_value(json_object_get(u, "detail")),
		  "2年追责期限至2026-02-28届满，发现之日为2026-03-01");
	zerr_clear(&e);
	s.actor.roles = CASE_ROLE_OFFICER;
	s.violation = D(2026, 2, 20);
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_FILE_CASE, &r), 0);
	CHECK_INT(case_check_to_zerr(&r, &e), -1);
	CHECK_INT(e.status, 403);
	u = json_array_get(json_object_get(e.extra, "unmet"), 0);
	CHECK(json_object_get(u, "detail") == NULL);
	zerr_clear(&e);
	s.actor.roles = CASE_ROLE_HEAD;
	CHECK_INT(case_check_action(&cfg, NULL, &s, CA_FILE_CASE, &r), 0);
	CHECK_INT(case_check_to_zerr(&r, &e), 0);
	CHECK_INT(e.status, 0);
}
