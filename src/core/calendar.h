/* calendar.h: the working-day calendar (domain.md §1.0, §1.8, §6).
 *
 * A calendar holds, per year, the statutory rest days (放假) and the adjusted working
 * days (调休上班) published by the State Council. A day is a working day when it is
 * (Monday–Friday and not a rest day) or an adjusted working day. For a year with no
 * loaded data only weekends are known; every answer that depended on such a year is
 * marked provisional so that the caller can show it as "to be confirmed".
 *
 * Data format (one UTF-8 text file per year, data/calendar/YYYY.txt):
 *
 *     # comment: '#' starts a comment anywhere on a line; blank lines are ignored
 *     2026-02-15..2026-02-23 holiday 春节
 *     2026-02-14 workday 春节调休
 *
 *   - field 1: a date YYYY-MM-DD or an inclusive range YYYY-MM-DD..YYYY-MM-DD
 *     (start <= end); every day must lie in the file's year;
 *   - field 2: "holiday" (放假, a rest day) or "workday" (调休上班, must be a Saturday
 *     or Sunday);
 *   - the rest of the line, optional: a name for people (at most 63 bytes).
 *   Fields are separated by spaces or tabs; CRLF line ends and a UTF-8 BOM are accepted.
 *   A day may be listed only once. A file must list at least one holiday.
 *
 * Thread safety: a calendar carries a pthread read-write lock. Every query takes the
 * read lock for its whole computation, so it sees one consistent set of years;
 * calendar_load_year parses and validates without the lock, then takes the write lock
 * only to swap the year's table in. Queries may run from any number of threads while an
 * administrator loads a year. calendar_free must not race with anything.
 * The calendar is the only mutable state here and it lives in the object.
 */
#ifndef ZHIFA_CALENDAR_H
#define ZHIFA_CALENDAR_H

#include <stddef.h>

#include "core/date.h"

struct zerr;
struct calendar;

/* Largest calendar file calendar_load_file accepts. */
#define CALENDAR_FILE_MAX (64 * 1024)
/* Longest day name, including the NUL. */
#define CALENDAR_NAME_MAX 64

enum calendar_day_kind {
	CALENDAR_WORKDAY = 1,      /* Monday–Friday, not a rest day */
	CALENDAR_WEEKEND,          /* Saturday or Sunday, not an adjusted working day */
	CALENDAR_HOLIDAY,          /* 放假: a statutory rest day (may fall on a weekend) */
	CALENDAR_ADJUSTED_WORKDAY, /* 调休上班: a weekend day that is worked */
};

struct calendar_day {
	enum calendar_day_kind kind;
	int working;                    /* 1 for CALENDAR_WORKDAY and _ADJUSTED_WORKDAY */
	int provisional;                /* 1 when the day's year has no loaded data */
	char name[CALENDAR_NAME_MAX];   /* from the data file ("春节"), or "" */
};

/* A new, empty calendar (every year provisional); NULL when out of memory. */
struct calendar *calendar_new(void);
/* Frees the calendar and sets *cal to NULL; NULL or *cal == NULL is fine. */
void calendar_free(struct calendar **cal);

/* Parses text (len bytes, need not be NUL-terminated) in the format above as the data
 * of year (ZDATE_MIN_YEAR..ZDATE_MAX_YEAR) and, only if the whole text is valid,
 * replaces that year atomically. On error returns -1, leaves the calendar unchanged and
 * fills e: status 400, code "invalid_calendar", detail naming the first problem with
 * its line number ("第3行：..."), and errors[] with one {"field": "line:3", "message"}
 * per problem (at most 20). e must not be NULL. */
int calendar_load_year(struct calendar *cal, int year, const char *text, size_t len,
		       struct zerr *e);
/* Reads the file at path, whose base name must be YYYY.txt, and loads it as year YYYY.
 * At most CALENDAR_FILE_MAX bytes. 0 or -1 with e filled (as calendar_load_year, or
 * 500 "calendar_io" when the file cannot be read). */
int calendar_load_file(struct calendar *cal, const char *path, struct zerr *e);
/* Loads every YYYY.txt in dir (other names are ignored) in ascending year order.
 * Stops at the first bad file and returns -1 with e filled; years loaded before it
 * stay loaded. */
int calendar_load_dir(struct calendar *cal, const char *dir, struct zerr *e);

/* True (1) when year's data is loaded, else 0. */
int calendar_has_year(struct calendar *cal, int year);
/* Writes up to max loaded years in ascending order into years_r and returns how many
 * years are loaded in all (which may exceed max). years_r may be NULL when max is 0. */
size_t calendar_years(struct calendar *cal, int *years_r, size_t max);

/* Describes day d. 0, or -1 when d is not a valid date. */
int calendar_describe_day(struct calendar *cal, struct zdate d, struct calendar_day *r);
/* 1 when d is a working day, 0 when it is a rest day, -1 when d is not a valid date.
 * *provisional_r (may be NULL) is set to 1 when d's year has no loaded data, else 0. */
int calendar_is_working_day(struct calendar *cal, struct zdate d, int *provisional_r);

/* The day on which a period of n working days (工作日, 行政处罚法 Art 85) that starts
 * on event day start ends: start itself is not counted (民事诉讼法 Art 85), counting
 * begins on start + 1 and the n-th working day is the result. n == 0 returns start
 * unchanged (it need not be a working day) and is never provisional.
 * n < 0, an invalid start, or a result after ZDATE_MAX_YEAR return -1 with *result_r
 * and *provisional_r untouched; callers must reject negative periods before calling.
 * *provisional_r (may be NULL) is 1 when any day examined (start + 1 .. result) lies in
 * a year with no loaded data, in which case only weekends were treated as rest days there;
 * else 0. */
int calendar_add_working_days(struct calendar *cal, struct zdate start, int n,
			      struct zdate *result_r, int *provisional_r);

/* The day on which a period of n calendar days (自然日) that starts on start ends:
 * start is not counted, so the last day is start + n; if that day is a rest day (a
 * holiday, or a weekend day that is not 调休上班) the period ends on the next working
 * day (民事诉讼法 Art 85). n == 0 returns start unchanged, not rolled, never
 * provisional. Errors as calendar_add_working_days. *provisional_r (may be NULL) is 1
 * when the last day or any day it was rolled over lies in a year with no loaded data.
 * Whether a given period rolls over (e.g. the Art 67 payment period, domain.md §1.8)
 * is the caller's configuration: for a period that does not roll, use zdate_add_days. */
int calendar_add_calendar_days(struct calendar *cal, struct zdate start, int n,
			       struct zdate *result_r, int *provisional_r);

/* Counts the working days from first to last, both included (0 when last < first).
 * *provisional_r as above for every day in the range. -1 on an invalid date. */
int calendar_count_working_days(struct calendar *cal, struct zdate first, struct zdate last,
				int *count_r, int *provisional_r);

#endif
