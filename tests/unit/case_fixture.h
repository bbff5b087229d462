/* case_fixture.h: shared fixtures for the penalty-case tests: the shipped calendar and
 * a concrete case (an organisation, a restaurant, that sold expired food), filed on
 * 2026-03-02 and investigated by officers 11 and 12. */
#ifndef ZHIFA_CASE_FIXTURE_H
#define ZHIFA_CASE_FIXTURE_H

#include <stdio.h>
#include <string.h>

#include "core/buf.h"
#include "core/calendar.h"
#include "core/err.h"
#include "domain/case.h"
#include "t.h"

static inline struct zdate D(int y, int m, int d)
{
	struct zdate r = { y, m, d };

	return r;
}

/* The shipped 2025 and 2026 calendars (run from the repository root), or NULL. */
static inline struct calendar *case_calendar(void)
{
	struct calendar *cal = calendar_new();
	struct zerr e = ZERR_INIT;

	if (cal && calendar_load_dir(cal, "data/calendar", &e) != 0)
		calendar_free(&cal);
	zerr_clear(&e);
	return cal;
}

/* Two inspection records, each with officers 11 and 12 whose certificates were valid. */
static struct case_record fixture_records[2];

/* The defaults plus the agency's own facts a decision names (bank, account, the
 * 复议机关 and the court): without them a decision is refused (Art 59). */
static inline void case_fixture_cfg(struct case_config *c)
{
	case_config_default(c);
	snprintf(c->pay_bank, sizeof(c->pay_bank), "%s", "中国农业银行衢州柯城支行");
	snprintf(c->pay_account_name, sizeof(c->pay_account_name), "%s", "衢州市柯城区财政局");
	snprintf(c->pay_account_no, sizeof(c->pay_account_no), "%s", "19701101040000100");
	snprintf(c->reconsideration_body, sizeof(c->reconsideration_body), "%s", "衢州市柯城区人民政府");
	snprintf(c->court, sizeof(c->court), "%s", "衢州市柯城区人民法院");
}

static inline void case_fixture(struct case_snapshot *s)
{
	size_t i;

	case_snapshot_init(s);
	for (i = 0; i < 2; i++) {
		memset(&fixture_records[i], 0, sizeof(fixture_records[i]));
		fixture_records[i].kind = i ? CASE_RECORD_INQUIRY : CASE_RECORD_INSPECTION;
		fixture_records[i].date = D(2026, 3, 3 + (int)i);
		fixture_records[i].n_officers = 2;
		fixture_records[i].officers[0] = (struct case_officer){ 11, 1, 0 };
		fixture_records[i].officers[1] = (struct case_officer){ 12, 1, 0 };
	}
	s->state = CASE_LEAD;
	s->party_type = CASE_PARTY_ORG;
	s->today = D(2026, 3, 2);
	s->violation = D(2026, 2, 20);
	s->discovery = D(2026, 3, 1);
	s->filing = D(2026, 3, 2);
	s->records = fixture_records;
	s->n_records = 2;
	s->n_investigators = 2;
	s->investigators[0] = (struct case_officer){ 11, 1, 0 };
	s->investigators[1] = (struct case_officer){ 12, 1, 0 };
	/* 5,000 yuan: below the organisation's hearing and legal-review thresholds */
	s->intended = (struct case_penalty){ CASE_PT_FINE, 500000, 0 };
	s->actor = (struct case_actor){ 1, CASE_ROLE_HEAD, 1, 0, 0, { 0, 0, 0 } };
}

/* The fixture after the prior notice, served on Tuesday 2026-03-10. */
static inline void case_fixture_notified(struct case_snapshot *s)
{
	case_fixture(s);
	s->state = CASE_NOTIFIED;
	s->previous_state = CASE_REVIEW;
	s->notice = D(2026, 3, 10);
	s->notified = s->intended;
	s->today = D(2026, 3, 18);
}

/* The unmet codes of r joined by commas ("" when allowed). */
static inline const char *unmet_codes(const struct case_check *r)
{
	static char s[1024];
	size_t i, off = 0;

	s[0] = '\0';
	for (i = 0; i < r->n_unmet && off < sizeof(s); i++)
		off += (size_t)snprintf(s + off, sizeof(s) - off, "%s%s", i ? "," : "",
					r->unmet[i].code);
	return s;
}

/* Checks action a on s and compares the unmet codes with want ("" = allowed). */
#define CHECK_ACTION(cfg, cal, s, a, want)                                            \
	do {                                                                          \
		struct case_check r_;                                                 \
		CHECK_INT(case_check_action((cfg), (cal), (s), (a), &r_), 0);         \
		CHECK_STR(unmet_codes(&r_), (want));                                  \
		CHECK_INT(r_.allowed, (want)[0] == '\0');                             \
	} while (0)

/* Performs a as the API would: check, then move the state (and remember the old one). */
#define STEP(cfg, cal, s, a)                                                          \
	do {                                                                          \
		struct case_check r_;                                                 \
		CHECK_INT(case_check_action((cfg), (cal), (s), (a), &r_), 0);         \
		CHECK_STR(unmet_codes(&r_), "");                                      \
		if (r_.to != (s)->state)                                              \
			(s)->previous_state = (s)->state;                             \
		(s)->state = r_.to;                                                   \
	} while (0)

#endif
