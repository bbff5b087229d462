#include "core/date.h"
#include "t.h"

static struct zdate D(int y, int m, int d)
{
	struct zdate r = { y, m, d };

	return r;
}

TEST(date_parse_accepts_strict_iso_dates)
{
	struct zdate d;
	char s[ZDATE_STRLEN];

	CHECK_INT(zdate_parse("2026-02-28", &d), 0);
	CHECK_INT(d.y, 2026);
	CHECK_INT(d.m, 2);
	CHECK_INT(d.d, 28);
	CHECK_STR(zdate_format(d, s), "2026-02-28");
	CHECK_INT(zdate_parse("2024-02-29", &d), 0);
	CHECK_INT(zdate_parse("2000-02-29", &d), 0);
	CHECK_INT(zdate_parse("1900-01-01", &d), 0);
	CHECK_STR(zdate_format(d, s), "1900-01-01");
	CHECK_INT(zdate_parse("2199-12-31", &d), 0);
	CHECK_STR(zdate_format(d, s), "2199-12-31");
}

TEST(date_parse_rejects_unreal_or_sloppy_dates)
{
	static const char *bad[] = {
		"2026-02-30", "2026-02-29", "1900-02-29", "2100-02-29", "2026-04-31",
		"2026-13-01", "2026-00-10", "2026-01-00", "2026-01-32", "2026-2-3",
		"2026-02-3",  "26-02-03",   "2026-02-03 ", " 2026-02-03", "2026-02-03x",
		"2026/02/03", "20260203",   "2026-02-0a", "+026-02-03", "2026-+2-03",
		"1899-12-31", "2200-01-01", "0000-01-01", "",           "2026-02",
		"２０２６-02-03",
	};
	struct zdate d = { 1, 2, 3 };
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (zdate_parse(bad[i], &d) != -1) {
			t_fail(__FILE__, __LINE__, "accepted \"%s\"", bad[i]);
			return;
		}
	}
	CHECK_INT(zdate_parse(NULL, &d), -1);
	CHECK_INT(d.y, 1); /* untouched on failure */
	CHECK_INT(zdate_parse_n("2026-02-03junk", 10, &d), 0);
	CHECK_INT(zdate_parse_n("2026-02-03junk", 11, &d), -1);
}

TEST(date_weekday_is_iso)
{
	CHECK_INT(zdate_weekday(D(1970, 1, 1)), 4);
	CHECK_INT(zdate_weekday(D(2025, 1, 24)), 5);
	CHECK_INT(zdate_weekday(D(2025, 1, 26)), 7);
	CHECK_INT(zdate_weekday(D(2026, 2, 14)), 6);
	CHECK_INT(zdate_weekday(D(2026, 10, 1)), 4);
	CHECK_INT(zdate_weekday(D(1900, 1, 1)), 1);
	CHECK_INT(zdate_weekday(D(2199, 12, 31)), 2);
	CHECK(zdate_is_weekend(D(2026, 2, 28)));
	CHECK(!zdate_is_weekend(D(2026, 2, 27)));
}

TEST(date_day_numbers_round_trip_over_the_whole_range)
{
	struct zdate d = D(1900, 1, 1), e;
	long n = zdate_to_days(d), k;

	CHECK_INT(n, -25567);
	CHECK_INT(zdate_to_days(D(2199, 12, 31)), 84005);
	for (k = n; k <= 84005; k++) {
		CHECK_INT(zdate_from_days(k, &e), 0);
		CHECK(zdate_valid(e));
		CHECK_INT(zdate_to_days(e), k);
		if (k > n)
			CHECK_INT(zdate_cmp(d, e), -1);
		d = e;
	}
	CHECK_INT(zdate_from_days(84006, &e), -1);
	CHECK_INT(zdate_from_days(-25568, &e), -1);
}

TEST(date_add_days_and_days_between)
{
	struct zdate d;
	char s[ZDATE_STRLEN];

	CHECK_INT(zdate_add_days(D(2026, 12, 31), 1, &d), 0);
	CHECK_STR(zdate_format(d, s), "2027-01-01");
	CHECK_INT(zdate_add_days(D(2024, 2, 28), 1, &d), 0);
	CHECK_STR(zdate_format(d, s), "2024-02-29");
	CHECK_INT(zdate_add_days(D(2026, 3, 1), -1, &d), 0);
	CHECK_STR(zdate_format(d, s), "2026-02-28");
	CHECK_INT(zdate_add_days(D(2026, 9, 30), 90, &d), 0);
	CHECK_STR(zdate_format(d, s), "2026-12-29");
	CHECK_INT(zdate_add_days(D(2199, 12, 31), 1, &d), -1);
	CHECK_INT(zdate_add_days(D(1900, 1, 1), -1, &d), -1);
	CHECK_INT(zdate_add_days(D(2026, 1, 1), 1L << 40, &d), -1);
	CHECK_INT(zdate_days_between(D(2026, 1, 1), D(2027, 1, 1)), 365);
	CHECK_INT(zdate_days_between(D(2024, 1, 1), D(2025, 1, 1)), 366);
	CHECK_INT(zdate_days_between(D(2026, 1, 2), D(2026, 1, 1)), -1);
	CHECK_INT(zdate_cmp(D(2026, 1, 1), D(2026, 1, 1)), 0);
	CHECK_INT(zdate_cmp(D(2026, 2, 1), D(2026, 1, 31)), 1);
	CHECK_INT(zdate_day_of_year(D(2024, 12, 31)), 366);
	CHECK_INT(zdate_day_of_year(D(2026, 3, 1)), 60);
}

TEST(date_from_time_uses_the_given_offset)
{
	struct zdate d;
	char s[ZDATE_STRLEN];

	/* 2026-11-25T16:30:00Z is already 2026-11-26 in Beijing */
	CHECK_INT(zdate_from_time((time_t)1795624200, 0, &d), 0);
	CHECK_STR(zdate_format(d, s), "2026-11-25");
	CHECK_INT(zdate_from_time((time_t)1795624200, 8 * 3600, &d), 0);
	CHECK_STR(zdate_format(d, s), "2026-11-26");
	CHECK_INT(zdate_from_time((time_t)-1, 0, &d), 0);
	CHECK_STR(zdate_format(d, s), "1969-12-31");
}
