/* calendar.c: deadlines on the working-day calendar, and the yearly holiday data. */
#include <errno.h>
#include <string.h>

#include "api/api.h"
#include "core/calendar.h"
#include "domain/calendar_store.h"
#include "ledger/ledger.h"

/* Parses a non-negative decimal count (at most 100000); -1 otherwise. */
static long parse_count(const char *s)
{
	char *end;
	long v;

	if (!s || !*s || *s == '-' || *s == '+' || *s == ' ')
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	return *end || errno || v > 100000 ? -1 : v;
}

int api_calendar_deadline(struct req *r)
{
	const char *start = http_query(r, "start"), *days = http_query(r, "days"),
		   *unit = http_query(r, "unit");
	struct zdate d = { 0, 0, 0 }, res;
	char out[ZDATE_STRLEN];
	int prov = 0, rc, working = unit && strcmp(unit, "working") == 0;
	long n;

	if (!start || zdate_parse(start, &d) < 0)
		zerr_field(&r->err, "start", "start 应为 YYYY-MM-DD 格式的有效日期 (invalid date)");
	n = parse_count(days);
	if (n < 0)
		zerr_field(&r->err, "days", "days 应为 0 到 100000 的整数 (non-negative integer)");
	if (!working && !(unit && strcmp(unit, "calendar") == 0))
		zerr_field(&r->err, "unit", "unit 只能是 working（工作日）或 calendar（自然日）");
	if (zerr_isset(&r->err) || !start || !unit)
		return -1;
	if (working)
		rc = calendar_add_working_days(calendar_for(r->db), d, (int)n, &res, &prov);
	else
		rc = calendar_add_calendar_days(calendar_for(r->db), d, (int)n, &res, &prov);
	if (rc < 0)
		return zerr_field(&r->err, "days", "期限超出可计算的日期范围 (out of range)");
	return http_reply(r, 200, json_pack("{s:s, s:b, s:s, s:s, s:I}", "deadline",
					    zdate_format(res, out), "provisional", prov, "start", start,
					    "unit", unit, "days", (json_int_t)n));
}

int api_calendar_years(struct req *r)
{
	int years[256];
	size_t n = calendar_years(calendar_for(r->db), years, 256), i;
	json_t *items = json_array();

	for (i = 0; i < n && i < 256; i++)
		json_array_append_new(items, json_pack("{s:i}", "year", years[i]));
	return http_reply(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

int api_calendar_put_year(struct req *r)
{
	const char *y = r->params[0];
	long year = parse_count(y);

	if (year < ZDATE_MIN_YEAR || year > ZDATE_MAX_YEAR || strlen(y) != 4)
		return zerr_field(&r->err, "year", "年份无效 (invalid year)");
	if (calendar_store_put(r->db, calendar_shared(), (int)year, r->body.data ? r->body.data : "",
			       r->body.len, &r->who, &r->err) < 0)
		return -1;
	return http_reply(r, 200, json_pack("{s:i, s:b}", "year", (int)year, "loaded", 1));
}
