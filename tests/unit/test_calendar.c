/* Tests of the working-day calendar against domain.md §1.0, §1.8 and §6.
 * They read data/calendar/{2025,2026}.txt, so run the test binary from the repository
 * root (as `make` and the brief do). */
#include <pthread.h>

#include "core/calendar.h"
#include "core/err.h"
#include "t.h"

static struct zdate D(int y, int m, int d)
{
	struct zdate r = { y, m, d };

	return r;
}

static const char *ds(struct zdate d)
{
	static char s[ZDATE_STRLEN];

	return zdate_format(d, s);
}

/* A calendar with the shipped 2025 and 2026 files, or NULL. */
static struct calendar *shipped(void)
{
	struct calendar *cal = calendar_new();
	struct zerr e = ZERR_INIT;

	if (cal && calendar_load_dir(cal, "data/calendar", &e) != 0) {
		fprintf(stdout, "    load: %s\n", e.detail);
		calendar_free(&cal);
	}
	zerr_clear(&e);
	return cal;
}

/* A made-up 2027 schedule, for tests only: not the State Council's. */
static const char fake_2027[] =
	"# 2027 测试数据（虚构） / made-up test data\n"
	"2027-01-01 holiday 元旦\n"
	"2027-02-06..2027-02-12 holiday 春节\n"
	"2027-02-20 workday 春节调休\n"
	"2027-03-15 holiday 虚构假日\n";

/* Runs add_working_days and checks the result and the provisional flag. */
#define CHECK_WORKDAYS(cal, start, n, want, want_prov)                              \
	do {                                                                        \
		struct zdate r_;                                                    \
		int p_ = -1;                                                        \
		CHECK_INT(calendar_add_working_days((cal), (start), (n), &r_, &p_), 0); \
		CHECK_STR(ds(r_), (want));                                          \
		CHECK_INT(p_, (want_prov));                                         \
	} while (0)

#define CHECK_CALDAYS(cal, start, n, want, want_prov)                               \
	do {                                                                        \
		struct zdate r_;                                                    \
		int p_ = -1;                                                        \
		CHECK_INT(calendar_add_calendar_days((cal), (start), (n), &r_, &p_), 0); \
		CHECK_STR(ds(r_), (want));                                          \
		CHECK_INT(p_, (want_prov));                                         \
	} while (0)

/* ---- the shipped data ---- */

TEST(calendar_shipped_years_are_2025_and_2026)
{
	struct calendar *cal = shipped();
	int years[4] = { 0 };

	CHECK(cal);
	CHECK_INT(calendar_years(cal, years, 4), 2);
	CHECK_INT(years[0], 2025);
	CHECK_INT(years[1], 2026);
	CHECK_INT(calendar_years(cal, NULL, 0), 2);
	CHECK_INT(calendar_has_year(cal, 2026), 1);
	CHECK_INT(calendar_has_year(cal, 2027), 0);
	CHECK_INT(calendar_has_year(cal, 1066), 0);
	calendar_free(&cal);
	CHECK(cal == NULL);
	calendar_free(&cal);
}

TEST(calendar_2025_has_248_working_days)
{
	struct calendar *cal = shipped();
	int n = -1, prov = -1;

	CHECK(cal);
	CHECK_INT(calendar_count_working_days(cal, D(2025, 1, 1), D(2025, 12, 31), &n, &prov), 0);
	calendar_free(&cal);
	CHECK_INT(n, 248);
	CHECK_INT(prov, 0);
}

TEST(calendar_2026_has_248_working_days)
{
	struct calendar *cal = shipped();
	int n = -1, prov = -1;

	CHECK(cal);
	CHECK_INT(calendar_count_working_days(cal, D(2026, 1, 1), D(2026, 12, 31), &n, &prov), 0);
	calendar_free(&cal);
	CHECK_INT(n, 248);
	CHECK_INT(prov, 0);
}

TEST(calendar_unloaded_year_counts_weekdays_provisionally)
{
	struct calendar *cal = shipped();
	int n = -1, prov = -1;

	CHECK(cal);
	/* 2027 starts on a Friday: 261 weekdays, no holidays known */
	CHECK_INT(calendar_count_working_days(cal, D(2027, 1, 1), D(2027, 12, 31), &n, &prov), 0);
	CHECK_INT(n, 261);
	CHECK_INT(prov, 1);
	CHECK_INT(calendar_count_working_days(cal, D(2026, 1, 2), D(2026, 1, 1), &n, &prov), 0);
	CHECK_INT(n, 0);
	CHECK_INT(prov, 0);
	calendar_free(&cal);
}

TEST(calendar_describe_day_names_the_holiday)
{
	struct calendar *cal = shipped();
	struct calendar_day r;

	CHECK(cal);
	CHECK_INT(calendar_describe_day(cal, D(2026, 2, 14), &r), 0);
	CHECK_INT(r.kind, CALENDAR_ADJUSTED_WORKDAY);
	CHECK_INT(r.working, 1);
	CHECK_STR(r.name, "春节调休");
	CHECK_INT(calendar_describe_day(cal, D(2025, 10, 6), &r), 0);
	CHECK_INT(r.kind, CALENDAR_HOLIDAY);
	CHECK_INT(r.working, 0);
	CHECK_STR(r.name, "国庆节、中秋节");
	CHECK_INT(calendar_describe_day(cal, D(2026, 3, 7), &r), 0);
	CHECK_INT(r.kind, CALENDAR_WEEKEND);
	CHECK_STR(r.name, "");
	CHECK_INT(r.provisional, 0);
	CHECK_INT(calendar_describe_day(cal, D(2027, 1, 1), &r), 0);
	CHECK_INT(r.kind, CALENDAR_WORKDAY);
	CHECK_INT(r.provisional, 1);
	CHECK_INT(calendar_describe_day(cal, D(2026, 2, 30), &r), -1);
	calendar_free(&cal);
}

TEST(calendar_is_working_day_follows_the_2026_schedule)
{
	struct calendar *cal = shipped();
	int prov = -1;

	CHECK(cal);
	CHECK_INT(calendar_is_working_day(cal, D(2026, 1, 4), &prov), 1);  /* Sunday, 调休 */
	CHECK_INT(prov, 0);
	CHECK_INT(calendar_is_working_day(cal, D(2026, 1, 2), NULL), 0);   /* Friday, 元旦 */
	CHECK_INT(calendar_is_working_day(cal, D(2026, 2, 23), NULL), 0);  /* Monday, 春节 */
	CHECK_INT(calendar_is_working_day(cal, D(2026, 2, 24), NULL), 1);
	CHECK_INT(calendar_is_working_day(cal, D(2026, 10, 10), NULL), 1); /* Saturday, 调休 */
	CHECK_INT(calendar_is_working_day(cal, D(2026, 10, 11), NULL), 0);
	CHECK_INT(calendar_is_working_day(cal, D(2026, 6, 19), NULL), 0);  /* 端午 */
	CHECK_INT(calendar_is_working_day(cal, D(2027, 1, 1), &prov), 1);  /* unknown 元旦 */
	CHECK_INT(prov, 1);
	CHECK_INT(calendar_is_working_day(cal, D(2026, 2, 29), &prov), -1);
	calendar_free(&cal);
}

/* ---- 行政处罚法 Art 85: 2-, 3-, 5- and 7-day periods are working days (§6 examples) ---- */

TEST(penalty_law_art85_7_working_days_over_spring_festival_2025)
{
	struct calendar *cal = shipped();

	CHECK(cal);
	/* 01-26 and 02-08 are 调休 working days */
	CHECK_WORKDAYS(cal, D(2025, 1, 24), 7, "2025-02-10", 0);
	calendar_free(&cal);
}

TEST(penalty_law_art85_5_working_days_over_national_day_2025)
{
	struct calendar *cal = shipped();

	CHECK(cal);
	CHECK_WORKDAYS(cal, D(2025, 9, 26), 5, "2025-10-10", 0);
	calendar_free(&cal);
}

TEST(penalty_law_art85_3_working_days_over_spring_festival_2026)
{
	struct calendar *cal = shipped();

	CHECK(cal);
	CHECK_WORKDAYS(cal, D(2026, 2, 12), 3, "2026-02-24", 0);
	calendar_free(&cal);
}

TEST(penalty_law_art56_7_working_days_from_2026_09_30)
{
	struct calendar *cal = shipped();

	CHECK(cal);
	CHECK_WORKDAYS(cal, D(2026, 9, 30), 7, "2026-10-15", 0);
	calendar_free(&cal);
}

TEST(disclosure_20_working_days_across_new_year_2026)
{
	struct calendar *cal = shipped();

	CHECK(cal);
	CHECK_WORKDAYS(cal, D(2025, 12, 31), 20, "2026-01-29", 0);
	calendar_free(&cal);
}

TEST(penalty_law_art85_start_day_not_counted)
{
	struct calendar *cal = shipped();

	CHECK(cal);
	CHECK_WORKDAYS(cal, D(2026, 3, 2), 1, "2026-03-03", 0);  /* Monday → Tuesday */
	CHECK_WORKDAYS(cal, D(2026, 3, 6), 1, "2026-03-09", 0);  /* Friday → Monday */
	CHECK_WORKDAYS(cal, D(2026, 3, 7), 1, "2026-03-09", 0);  /* Saturday → Monday */
	CHECK_WORKDAYS(cal, D(2026, 2, 13), 1, "2026-02-14", 0); /* → 调休 Saturday */
	calendar_free(&cal);
}

TEST(calendar_working_days_zero_returns_start_and_negative_is_refused)
{
	struct calendar *cal = shipped();
	struct zdate r = D(1999, 9, 9);
	int prov = 7;

	CHECK(cal);
	/* n == 0 returns start even when it is a holiday, and is never provisional */
	CHECK_WORKDAYS(cal, D(2026, 10, 1), 0, "2026-10-01", 0);
	CHECK_WORKDAYS(cal, D(2030, 6, 1), 0, "2030-06-01", 0);
	CHECK_INT(calendar_add_working_days(cal, D(2026, 10, 1), -1, &r, &prov), -1);
	CHECK_INT(r.y, 1999);
	CHECK_INT(prov, 7);
	CHECK_INT(calendar_add_working_days(cal, D(2026, 2, 30), 1, &r, &prov), -1);
	CHECK_INT(calendar_add_working_days(cal, D(2199, 12, 31), 1, &r, &prov), -1);
	CHECK_INT(r.y, 1999);
	calendar_free(&cal);
}

/* ---- calendar-day periods, rolled past rest days (民事诉讼法 Art 85) ---- */

TEST(penalty_law_art60_90_days_ending_in_national_day_2026_rolls_to_oct_8)
{
	struct calendar *cal = shipped();

	CHECK(cal);
	/* filed 2026-07-03; day 90 is 2026-10-01, a holiday through 10-07 */
	CHECK_CALDAYS(cal, D(2026, 7, 3), 90, "2026-10-08", 0);
	calendar_free(&cal);
}

TEST(penalty_law_art60_90_days_ending_in_national_day_2025_rolls_to_oct_9)
{
	struct calendar *cal = shipped();

	CHECK(cal);
	/* filed 2025-07-05; day 90 is 2025-10-03; the holiday runs to 10-08 */
	CHECK_CALDAYS(cal, D(2025, 7, 5), 90, "2025-10-09", 0);
	/* filed 2025-07-11; day 90 is 2025-10-09, a working day: no roll */
	CHECK_CALDAYS(cal, D(2025, 7, 11), 90, "2025-10-09", 0);
	calendar_free(&cal);
}

TEST(penalty_law_art67_15_days_ending_on_saturday_rolls_to_monday)
{
	struct calendar *cal = shipped();

	CHECK(cal);
	/* received 2026-11-13; day 15 is Saturday 11-28 */
	CHECK_CALDAYS(cal, D(2026, 11, 13), 15, "2026-11-30", 0);
	/* day 15 is Sunday 2026-03-22 */
	CHECK_CALDAYS(cal, D(2026, 3, 7), 15, "2026-03-23", 0);
	calendar_free(&cal);
}

TEST(penalty_law_art67_15_days_ending_on_adjusted_workday_does_not_roll)
{
	struct calendar *cal = shipped();

	CHECK(cal);
	CHECK_CALDAYS(cal, D(2026, 2, 13), 15, "2026-02-28", 0); /* 调休 Saturday */
	CHECK_CALDAYS(cal, D(2026, 9, 5), 15, "2026-09-20", 0);  /* 调休 Sunday */
	calendar_free(&cal);
}

TEST(penalty_law_art67_15_days_ending_in_national_day_2025)
{
	struct calendar *cal = shipped();

	CHECK(cal);
	CHECK_CALDAYS(cal, D(2025, 9, 16), 15, "2025-10-09", 0);
	CHECK_CALDAYS(cal, D(2026, 9, 22), 15, "2026-10-08", 0);
	calendar_free(&cal);
}

TEST(calendar_days_zero_returns_start_and_negative_is_refused)
{
	struct calendar *cal = shipped();
	struct zdate r = D(1999, 9, 9);
	int prov = 7;

	CHECK(cal);
	CHECK_CALDAYS(cal, D(2026, 10, 3), 0, "2026-10-03", 0);
	CHECK_INT(calendar_add_calendar_days(cal, D(2026, 10, 3), -15, &r, &prov), -1);
	CHECK_INT(calendar_add_calendar_days(cal, D(2199, 12, 1), 90, &r, &prov), -1);
	CHECK_INT(r.y, 1999);
	CHECK_INT(prov, 7);
	calendar_free(&cal);
}

/* ---- years without data ---- */

TEST(penalty_law_art60_december_2026_filing_is_provisional_until_2027_is_loaded)
{
	struct calendar *cal = shipped();
	struct zerr e = ZERR_INIT;
	int years[4];

	CHECK(cal);
	/* filed 2026-12-15: day 90 is Monday 2027-03-15, 2027 unknown */
	CHECK_CALDAYS(cal, D(2026, 12, 15), 90, "2027-03-15", 1);
	/* 7 working days from 2026-12-25 reach into 2027 */
	CHECK_WORKDAYS(cal, D(2026, 12, 25), 7, "2027-01-05", 1);
	/* a period ending in 2026 is not provisional, even if it starts in 2024 */
	CHECK_WORKDAYS(cal, D(2024, 12, 31), 1, "2025-01-02", 0);

	CHECK_INT(calendar_load_year(cal, 2027, fake_2027, sizeof(fake_2027) - 1, &e), 0);
	CHECK(!zerr_isset(&e));
	CHECK_INT(calendar_years(cal, years, 4), 3);
	CHECK_INT(years[2], 2027);
	CHECK_CALDAYS(cal, D(2026, 12, 15), 90, "2027-03-16", 0);
	CHECK_WORKDAYS(cal, D(2026, 12, 25), 7, "2027-01-06", 0);
	CHECK_WORKDAYS(cal, D(2027, 2, 5), 1, "2027-02-15", 0);
	calendar_free(&cal);
}

TEST(calendar_unknown_year_rolls_over_weekends_only)
{
	struct calendar *cal = calendar_new();

	CHECK(cal);
	/* nothing loaded: 2026-10-01 counts as a working Thursday */
	CHECK_CALDAYS(cal, D(2026, 7, 3), 90, "2026-10-01", 1);
	CHECK_CALDAYS(cal, D(2026, 11, 13), 15, "2026-11-30", 1);
	CHECK_WORKDAYS(cal, D(2026, 9, 30), 7, "2026-10-09", 1);
	calendar_free(&cal);
}

/* ---- the loader ---- */

/* Loads text as year; checks it is refused with the line's number in the detail and
 * in errors[0], and that the detail contains want. */
static int refused(struct calendar *cal, int year, const char *text, size_t line,
		   const char *want)
{
	struct zerr e = ZERR_INIT;
	char tag[32], field[32];
	json_t *first;
	int ok = 0;

	snprintf(tag, sizeof(tag), "第%zu行", line);
	snprintf(field, sizeof(field), "line:%zu", line);
	if (calendar_load_year(cal, year, text, strlen(text), &e) != -1)
		goto out;
	if (e.status != 400 || strcmp(e.code, "invalid_calendar") != 0)
		goto out;
	if (!strstr(e.detail, tag) || !strstr(e.detail, want))
		goto out;
	first = json_array_get(e.errors, 0);
	if (!first || strcmp(json_string_value(json_object_get(first, "field")), field) != 0)
		goto out;
	ok = 1;
out:
	if (!ok)
		fprintf(stdout, "    got %d %s: %s\n", e.status, e.code, e.detail);
	zerr_clear(&e);
	return ok;
}

TEST(calendar_loader_rejects_a_bad_date_with_its_line)
{
	struct calendar *cal = calendar_new();

	CHECK(cal);
	CHECK(refused(cal, 2026, "# c\n2026-01-01 holiday 元旦\n2026-02-30 holiday 春节\n", 3,
		      "日期 “2026-02-30” 不合法"));
	CHECK(refused(cal, 2026, "2026-2-3 holiday x\n", 1, "无法识别"));
	CHECK(refused(cal, 2026, "2026-02-01..2026-02-31 holiday x\n", 1, "日期范围"));
	CHECK_INT(calendar_has_year(cal, 2026), 0);
	calendar_free(&cal);
}

TEST(calendar_loader_rejects_a_day_both_holiday_and_workday)
{
	struct calendar *cal = calendar_new();

	CHECK(cal);
	CHECK(refused(cal, 2026,
		      "2026-02-15..2026-02-23 holiday 春节\n\n2026-02-21 workday 春节调休\n", 3,
		      "2026-02-21 同时被列为放假和调休上班"));
	CHECK(refused(cal, 2026, "2026-02-21 workday 调休\n2026-02-15..2026-02-23 holiday 春节\n",
		      2, "2026-02-21 同时被列为放假和调休上班"));
	CHECK(refused(cal, 2026, "2026-10-01..2026-10-07 holiday a\n2026-10-07 holiday b\n", 2,
		      "重复"));
	calendar_free(&cal);
}

TEST(calendar_loader_rejects_dates_outside_the_year)
{
	struct calendar *cal = calendar_new();
	struct zerr e = ZERR_INIT;

	CHECK(cal);
	CHECK(refused(cal, 2026, "2026-01-01 holiday 元旦\n2025-12-31 holiday x\n", 2,
		      "不在 2026 年内"));
	CHECK(refused(cal, 2026, "2026-12-31..2027-01-02 holiday 元旦\n", 1, "不在 2026 年内"));
	CHECK(refused(cal, 2026, "2026-10-07..2026-10-01 holiday 国庆节\n", 1, "起日晚于止日"));
	CHECK_INT(calendar_load_year(cal, 2200, "2200-01-01 holiday x\n", 21, &e), -1);
	CHECK_INT(e.status, 400);
	CHECK(strstr(e.detail, "超出范围") != NULL);
	zerr_clear(&e);
	calendar_free(&cal);
}

TEST(calendar_loader_rejects_garbage_lines)
{
	struct calendar *cal = calendar_new();
	struct zerr e = ZERR_INIT;
	static const char nul[] = "2026-01-01 holiday a\n2026\0-01-02 holiday b\n";

	CHECK(cal);
	CHECK(refused(cal, 2026, "2026-01-01 holiday 元旦\n\nhello world\n", 3, "无法识别"));
	CHECK(refused(cal, 2026, "2026-01-01 vacation 元旦\n", 1, "holiday 或 workday"));
	CHECK(refused(cal, 2026, "2026-01-01\n", 1, "holiday 或 workday"));
	CHECK(refused(cal, 2026, "2026-01-01 holiday 元旦\n2026-03-04 workday 调休\n", 2,
		      "不是周末"));
	CHECK(refused(cal, 2026, "2026-01-01 holiday a\tb\x01\n", 1, "控制字符"));
	CHECK(refused(cal, 2026,
		      "2026-01-01 holiday "
		      "0123456789012345678901234567890123456789012345678901234567890123\n",
		      1, "名称过长"));
	CHECK_INT(calendar_load_year(cal, 2026, nul, sizeof(nul) - 1, &e), -1);
	CHECK(strstr(e.detail, "第2行") != NULL);
	zerr_clear(&e);
	CHECK_INT(calendar_has_year(cal, 2026), 0);
	calendar_free(&cal);
}

TEST(calendar_loader_reports_every_bad_line)
{
	struct calendar *cal = calendar_new();
	struct zerr e = ZERR_INIT;
	const char *text = "x\n2026-01-01 holiday ok\ny\n2026-13-01 holiday z\n";

	CHECK(cal);
	CHECK_INT(calendar_load_year(cal, 2026, text, strlen(text), &e), -1);
	CHECK_INT(json_array_size(e.errors), 3);
	CHECK_STR(json_string_value(json_object_get(json_array_get(e.errors, 1), "field")),
		  "line:3");
	CHECK_STR(json_string_value(json_object_get(json_array_get(e.errors, 2), "field")),
		  "line:4");
	zerr_clear(&e);
	calendar_free(&cal);
}

TEST(calendar_loader_refuses_a_file_without_holidays)
{
	struct calendar *cal = calendar_new();
	struct zerr e = ZERR_INIT;

	CHECK(cal);
	CHECK_INT(calendar_load_year(cal, 2027, "# nothing yet\n\n", 15, &e), -1);
	CHECK_STR(e.code, "invalid_calendar");
	CHECK(strstr(e.detail, "没有任何放假日期") != NULL);
	zerr_clear(&e);
	CHECK_INT(calendar_load_year(cal, 2027, "", 0, &e), -1);
	zerr_clear(&e);
	CHECK_INT(calendar_load_year(cal, 2027, NULL, 0, &e), -1);
	zerr_clear(&e);
	CHECK_INT(calendar_has_year(cal, 2027), 0);
	calendar_free(&cal);
}

TEST(calendar_loader_accepts_bom_crlf_tabs_and_inline_comments)
{
	struct calendar *cal = calendar_new();
	struct zerr e = ZERR_INIT;
	struct calendar_day r;
	const char *text = "\xEF\xBB\xBF# 2027\r\n"
			   "  2027-01-01\tholiday\t元旦 # 不调休\r\n"
			   "2027-02-20 workday\r\n"
			   "2027-02-06..2027-02-12 holiday   春节 假期  \r\n";

	CHECK(cal);
	CHECK_INT(calendar_load_year(cal, 2027, text, strlen(text), &e), 0);
	CHECK(calendar_describe_day(cal, D(2027, 1, 1), &r) == 0);
	CHECK_INT(r.kind, CALENDAR_HOLIDAY);
	CHECK_STR(r.name, "元旦");
	CHECK(calendar_describe_day(cal, D(2027, 2, 20), &r) == 0);
	CHECK_INT(r.kind, CALENDAR_ADJUSTED_WORKDAY);
	CHECK_STR(r.name, "");
	CHECK(calendar_describe_day(cal, D(2027, 2, 8), &r) == 0);
	CHECK_STR(r.name, "春节 假期");
	calendar_free(&cal);
}

TEST(calendar_failed_load_keeps_the_old_year_and_a_good_one_replaces_it)
{
	struct calendar *cal = shipped();
	struct zerr e = ZERR_INIT;
	const char *bad = "2026-10-01 holiday 国庆节\n2026-02-30 holiday x\n";
	const char *moved = "2026-10-05..2026-10-09 holiday 国庆节（改）\n";

	CHECK(cal);
	CHECK_INT(calendar_load_year(cal, 2026, bad, strlen(bad), &e), -1);
	zerr_clear(&e);
	CHECK_INT(calendar_is_working_day(cal, D(2026, 2, 14), NULL), 1);
	CHECK_INT(calendar_is_working_day(cal, D(2026, 10, 2), NULL), 0);
	CHECK_INT(calendar_load_year(cal, 2026, moved, strlen(moved), &e), 0);
	CHECK_INT(calendar_is_working_day(cal, D(2026, 2, 14), NULL), 0);
	CHECK_INT(calendar_is_working_day(cal, D(2026, 10, 2), NULL), 1);
	CHECK_INT(calendar_is_working_day(cal, D(2026, 10, 9), NULL), 0);
	calendar_free(&cal);
}

TEST(calendar_load_file_needs_a_year_name)
{
	struct calendar *cal = calendar_new();
	struct zerr e = ZERR_INIT;

	CHECK(cal);
	CHECK_INT(calendar_load_file(cal, "data/calendar/2026.txt", &e), 0);
	CHECK_INT(calendar_has_year(cal, 2026), 1);
	CHECK_INT(calendar_load_file(cal, "data/calendar/holidays.txt", &e), -1);
	CHECK_STR(e.code, "invalid_calendar");
	zerr_clear(&e);
	CHECK_INT(calendar_load_file(cal, "data/calendar/1999.txt", &e), -1);
	CHECK_STR(e.code, "calendar_io");
	zerr_clear(&e);
	CHECK_INT(calendar_load_dir(cal, "data/no-such-dir", &e), -1);
	CHECK_STR(e.code, "calendar_io");
	zerr_clear(&e);
	calendar_free(&cal);
}

/* ---- readers while an administrator reloads ---- */

struct race {
	struct calendar *cal;
	int bad;
};

static void *race_reader(void *arg)
{
	struct race *r = arg;
	struct zdate got, want_a, want_b;
	int prov, i;

	/* 2026-09-30 + 7 working days: 10-15 with the real data, 10-09 with none of it */
	want_a = D(2026, 10, 15);
	want_b = D(2026, 10, 20);
	for (i = 0; i < 2000; i++) {
		if (calendar_add_working_days(r->cal, D(2026, 9, 30), 7, &got, &prov) != 0 ||
		    (zdate_cmp(got, want_a) != 0 && zdate_cmp(got, want_b) != 0) || prov != 0)
			__atomic_store_n(&r->bad, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

TEST(calendar_readers_see_whole_years_while_a_year_is_reloaded)
{
	/* the alternative 2026 makes 10-01..10-09 (Thu..Fri next week) a holiday */
	const char *alt = "2026-10-01..2026-10-09 holiday 国庆节（测试）\n";
	struct race r = { shipped(), 0 };
	struct zerr e = ZERR_INIT;
	pthread_t th[4];
	int i, started = 0, rc = 0;

	CHECK(r.cal);
	for (i = 0; i < 4; i++)
		if (pthread_create(&th[i], NULL, race_reader, &r) == 0)
			started++;
	for (i = 0; i < 200 && rc == 0; i++) {
		if (i % 2)
			rc = calendar_load_file(r.cal, "data/calendar/2026.txt", &e);
		else
			rc = calendar_load_year(r.cal, 2026, alt, strlen(alt), &e);
	}
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	zerr_clear(&e);
	calendar_free(&r.cal);
	CHECK_INT(started, 4);
	CHECK_INT(rc, 0);
	CHECK_INT(r.bad, 0);
}
