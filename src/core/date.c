#include "core/date.h"

#include <string.h>

/* Day numbers of 1900-01-01 and 2199-12-31, checked in the unit tests. */
#define ZDATE_MIN_DAYS (-25567L)
#define ZDATE_MAX_DAYS 84005L

bool zdate_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int zdate_days_in_month(int y, int m)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && zdate_is_leap(y))
		return 29;
	return mdays[m - 1];
}

bool zdate_valid(struct zdate d)
{
	return d.y >= ZDATE_MIN_YEAR && d.y <= ZDATE_MAX_YEAR && d.m >= 1 && d.m <= 12 &&
	       d.d >= 1 && d.d <= zdate_days_in_month(d.y, d.m);
}

int zdate_make(int y, int m, int d, struct zdate *d_r)
{
	struct zdate t = { y, m, d };

	if (!zdate_valid(t))
		return -1;
	*d_r = t;
	return 0;
}

static int digits(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int zdate_parse_n(const char *s, size_t n, struct zdate *d_r)
{
	int y, m, d;

	if (!s || n != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	y = digits(s, 4);
	m = digits(s + 5, 2);
	d = digits(s + 8, 2);
	if (y < 0 || m < 0 || d < 0)
		return -1;
	return zdate_make(y, m, d, d_r);
}

int zdate_parse(const char *s, struct zdate *d_r)
{
	if (!s)
		return -1;
	return zdate_parse_n(s, strnlen(s, 11), d_r);
}

char *zdate_format(struct zdate d, char out[ZDATE_STRLEN])
{
	int y = d.y;

	out[0] = (char)('0' + y / 1000 % 10);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + d.m / 10 % 10);
	out[6] = (char)('0' + d.m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d.d / 10 % 10);
	out[9] = (char)('0' + d.d % 10);
	out[10] = '\0';
	return out;
}

/* Howard Hinnant's days_from_civil / civil_from_days, on longs. */
long zdate_to_days(struct zdate d)
{
	long y = d.m <= 2 ? d.y - 1 : d.y;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long mp = d.m > 2 ? d.m - 3 : d.m + 9;
	long doy = (153 * mp + 2) / 5 + d.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

int zdate_from_days(long days, struct zdate *d_r)
{
	long z, era, doe, yoe, doy, mp, y, m, d;

	if (days < ZDATE_MIN_DAYS || days > ZDATE_MAX_DAYS)
		return -1;
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = yoe + era * 400 + (m <= 2);
	d_r->y = (int)y;
	d_r->m = (int)m;
	d_r->d = (int)d;
	return 0;
}

int zdate_weekday(struct zdate d)
{
	long n = zdate_to_days(d); /* 1970-01-01 was a Thursday (4) */
	long w = (n % 7 + 7 + 3) % 7;  /* 0 = Monday */

	return (int)w + 1;
}

bool zdate_is_weekend(struct zdate d)
{
	return zdate_weekday(d) >= 6;
}

int zdate_day_of_year(struct zdate d)
{
	struct zdate jan1 = { d.y, 1, 1 };

	return (int)(zdate_to_days(d) - zdate_to_days(jan1)) + 1;
}

int zdate_add_days(struct zdate d, long n, struct zdate *d_r)
{
	long base = zdate_to_days(d);

	if (n > ZDATE_MAX_DAYS - ZDATE_MIN_DAYS || n < ZDATE_MIN_DAYS - ZDATE_MAX_DAYS)
		return -1;
	return zdate_from_days(base + n, d_r);
}

int zdate_cmp(struct zdate a, struct zdate b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

long zdate_days_between(struct zdate a, struct zdate b)
{
	return zdate_to_days(b) - zdate_to_days(a);
}

int zdate_from_time(time_t t, long utc_offset_s, struct zdate *d_r)
{
	long long s = (long long)t + utc_offset_s;
	long long days = s >= 0 ? s / 86400 : -((-s + 86399) / 86400);

	if (days < ZDATE_MIN_DAYS || days > ZDATE_MAX_DAYS)
		return -1;
	return zdate_from_days((long)days, d_r);
}

int zdate_today(struct zdate *d_r)
{
	const char *env = getenv("ZHIFA_TODAY");

	if (env && zdate_parse(env, d_r) == 0)
		return 0;
	return zdate_from_time(time(NULL), 8 * 3600, d_r);
}
