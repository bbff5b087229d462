/* date.h: civil dates without time zones (proleptic Gregorian calendar).
 * A struct zdate is a plain value. Every date zhifa accepts from outside lies in
 * ZDATE_MIN_YEAR..ZDATE_MAX_YEAR; functions that produce a date refuse to leave that
 * range. No global state; every function here is safe to call from any thread. */
#ifndef ZHIFA_DATE_H
#define ZHIFA_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define ZDATE_MIN_YEAR 1900
#define ZDATE_MAX_YEAR 2199
/* "YYYY-MM-DD" plus the NUL. */
#define ZDATE_STRLEN 11

struct zdate {
	int y; /* 1900..2199 */
	int m; /* 1..12 */
	int d; /* 1..days in month */
};

/* True for Gregorian leap years (any y). */
bool zdate_is_leap(int y);
/* Days in month m of year y; 0 when m is not 1..12. */
int zdate_days_in_month(int y, int m);
/* True when d is a real date within ZDATE_MIN_YEAR..ZDATE_MAX_YEAR. */
bool zdate_valid(struct zdate d);
/* Builds a date; -1 (d_r untouched) unless zdate_valid. */
int zdate_make(int y, int m, int d, struct zdate *d_r);

/* Parses exactly "YYYY-MM-DD": ASCII digits, zero-padded, nothing before or after,
 * a real date, year in range. 0 on success; -1 (d_r untouched) otherwise.
 * s is NUL-terminated; zdate_parse_n reads exactly n bytes (no NUL needed). */
int zdate_parse(const char *s, struct zdate *d_r);
int zdate_parse_n(const char *s, size_t n, struct zdate *d_r);
/* Writes "YYYY-MM-DD" into out (at least ZDATE_STRLEN bytes) and returns out.
 * d must be valid. */
char *zdate_format(struct zdate d, char out[ZDATE_STRLEN]);

/* Day number: days since 1970-01-01 (negative before). d need only be a real date. */
long zdate_to_days(struct zdate d);
/* Inverse of zdate_to_days; -1 (d_r untouched) when the date would leave the range. */
int zdate_from_days(long days, struct zdate *d_r);
/* ISO weekday: 1 = Monday ... 7 = Sunday. */
int zdate_weekday(struct zdate d);
/* True on Saturday and Sunday. */
bool zdate_is_weekend(struct zdate d);
/* Day of the year, 1..366. */
int zdate_day_of_year(struct zdate d);
/* d + n days (n may be negative); -1 (d_r untouched) when the result leaves the range. */
int zdate_add_days(struct zdate d, long n, struct zdate *d_r);
/* <0, 0, >0 as a is before, equal to, after b. */
int zdate_cmp(struct zdate a, struct zdate b);
/* b - a in days: 2026-01-01 to 2026-01-02 is 1. */
long zdate_days_between(struct zdate a, struct zdate b);
/* Today in China (UTC+8): the day every date of law is counted from. The environment
 * variable ZHIFA_TODAY=YYYY-MM-DD moves it, for tests and drills only (the server logs a
 * warning at start when it is set). 0, or -1 when the clock is out of range. */
int zdate_today(struct zdate *d_r);

/* The civil date at instant t in a zone utc_offset_s seconds east of UTC
 * (China: 8 * 3600). -1 when out of range. */
int zdate_from_time(time_t t, long utc_offset_s, struct zdate *d_r);

#endif
