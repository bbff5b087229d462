/* The stored next due (domain/case_due.h): the list filters compare it with today and
 * with case_due_soon_bound instead of evaluating each deadline; this checks, on the
 * shipped calendar across holidays, that the comparison gives deadline_eval's status
 * for every as-of day and every kind of deadline, and that a stored row reads back. */
#include "case_fixture.h"
#include "domain/case_due.h"

TEST(case_next_due_comparisons_equal_the_evaluated_status_on_every_day)
{
	static const enum deadline_kind kinds[] = { DEADLINE_PRESERVATION, DEADLINE_DECISION, DEADLINE_SERVICE,
						    DEADLINE_HEARING_REQUEST, DEADLINE_PAYMENT, DEADLINE_DEMAND };
	struct calendar *cal = case_calendar();
	struct case_config cfg;
	struct zerr e = ZERR_INIT;
	size_t k;
	long s, a;

	CHECK(cal);
	case_config_default(&cfg);
	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		/* starts around the Spring Festival, Qingming, May Day and National Day 2026 */
		for (s = 0; s < 300; s += 7) {
			struct deadline d;
			struct zdate start, due, asof, bound;
			int prov = 0;

			CHECK_INT(zdate_add_days(D(2026, 1, 20), s, &start), 0);
			CHECK_INT(deadline_init(&d, kinds[k], start, &cfg, &e), 0);
			if (s % 2) { /* a closed suspension of four days inside */
				struct zdate f, t;

				CHECK_INT(zdate_add_days(start, 2, &f), 0);
				CHECK_INT(zdate_add_days(start, 5, &t), 0);
				CHECK_INT(deadline_suspend(&d, f, "appraisal", &e), 0);
				CHECK_INT(deadline_resume(&d, t, &e), 0);
			}
			CHECK_INT(deadline_due(cal, &d, &due, &prov, &e), 0);
			for (a = 6; a < 120; a++) {
				struct deadline_status st;
				int overdue, soon;

				CHECK_INT(zdate_add_days(start, a, &asof), 0);
				CHECK_INT(deadline_eval(cal, &d, asof, cfg.due_soon_working_days, &st, &e), 0);
				CHECK_INT(case_due_soon_bound(cal, asof, cfg.due_soon_working_days, &bound, &e), 0);
				overdue = zdate_cmp(due, asof) < 0;
				soon = zdate_cmp(due, bound) < 0;
				if ((st.status == DEADLINE_OVERDUE) != overdue ||
				    (st.status == DEADLINE_OVERDUE || st.status == DEADLINE_DUE_SOON) != soon) {
					char b1[ZDATE_STRLEN], b2[ZDATE_STRLEN];

					t_fail(__FILE__, __LINE__, "%s from %s on %s: status %s, due %s",
					       deadline_kind_name(kinds[k]), zdate_format(start, b1), zdate_format(asof, b2),
					       deadline_status_name(st.status), zdate_format(due, b1));
					calendar_free(&cal);
					return;
				}
			}
		}
	}
	calendar_free(&cal);
}

TEST(case_deadline_from_row_reads_what_the_api_stores)
{
	struct calendar *cal = case_calendar();
	struct case_config cfg;
	struct deadline d;
	struct zdate due;
	struct zerr e = ZERR_INIT;

	CHECK(cal);
	case_config_default(&cfg);
	CHECK_INT(case_deadline_from_row(&cfg, "decision", "2026-03-02", 90, "[]", "[]", &d, &e), 0);
	CHECK_INT(d.kind, DEADLINE_DECISION);
	CHECK_INT(deadline_due(cal, &d, &due, NULL, &e), 0);
	CHECK_INT(zdate_cmp(due, D(2026, 5, 31)), 0);
	/* the hearing from 04-01 to 04-20 does not count: 20 days later */
	CHECK_INT(case_deadline_from_row(&cfg, "decision", "2026-03-02", 90,
					 "[{\"from\":\"2026-04-01\",\"to\":\"2026-04-20\",\"reason\":\"hearing\"}]", "[]", &d, &e),
		  0);
	CHECK_INT((int)d.n_suspensions, 1);
	CHECK_INT(deadline_due(cal, &d, &due, NULL, &e), 0);
	CHECK_INT(zdate_cmp(due, D(2026, 6, 20)), 0);
	/* an open suspension: paused, no due day */
	CHECK_INT(case_deadline_from_row(&cfg, "decision", "2026-03-02", 90,
					 "[{\"from\":\"2026-04-01\",\"reason\":\"case_suspended\"}]", "[]", &d, &e),
		  0);
	CHECK(deadline_due(cal, &d, &due, NULL, &e) < 0);
	zerr_clear(&e);
	CHECK(case_deadline_from_row(&cfg, "decision", "bad", 90, "[]", "[]", &d, &e) < 0);
	zerr_clear(&e);
	calendar_free(&cal);
}
