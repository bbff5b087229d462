#include "core/calendar.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/err.h"

#define NYEARS (ZDATE_MAX_YEAR - ZDATE_MIN_YEAR + 1)
#define MAX_NAMES 64
#define MAX_LINE_ERRORS 20

enum mark { MARK_NONE, MARK_HOLIDAY, MARK_WORKDAY };

/* One year's table; immutable once published in struct calendar. */
struct cal_year {
	unsigned char mark[366]; /* enum mark, by day of year - 1 */
	unsigned char name[366]; /* index + 1 into names, 0 for none */
	size_t nnames;
	char names[MAX_NAMES][CALENDAR_NAME_MAX];
};

struct calendar {
	pthread_rwlock_t lock;
	struct cal_year *years[NYEARS]; /* NULL: not loaded */
};

struct calendar *calendar_new(void)
{
	struct calendar *cal = calloc(1, sizeof(*cal));

	if (!cal)
		return NULL;
	if (pthread_rwlock_init(&cal->lock, NULL) != 0) {
		free(cal);
		return NULL;
	}
	return cal;
}

void calendar_free(struct calendar **cal)
{
	size_t i;

	if (!cal || !*cal)
		return;
	for (i = 0; i < NYEARS; i++)
		free((*cal)->years[i]);
	pthread_rwlock_destroy(&(*cal)->lock);
	free(*cal);
	*cal = NULL;
}

/* ---- loading ---- */

struct load_ctx {
	int year;
	int nerr;
	struct zerr *e;
};

static void line_error(struct load_ctx *c, size_t lineno, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void line_error(struct load_ctx *c, size_t lineno, const char *fmt, ...)
{
	char msg[256], field[32];
	va_list ap;

	c->nerr++;
	if (c->nerr > MAX_LINE_ERRORS)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (c->nerr == 1)
		zerr_set(c->e, 400, "invalid_calendar", "%d年日历数据第%zu行有误：%s", c->year,
			 lineno, msg);
	snprintf(field, sizeof(field), "line:%zu", lineno);
	zerr_field(c->e, field, "第%zu行：%s", lineno, msg);
}

static int is_blank(char ch)
{
	return ch == ' ' || ch == '\t';
}

/* Index + 1 of name in y->names, adding it; 0 for an empty name, -1 when full. */
static int intern_name(struct cal_year *y, const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return 0;
	for (i = 0; i < y->nnames; i++)
		if (strlen(y->names[i]) == n && memcmp(y->names[i], s, n) == 0)
			return (int)i + 1;
	if (y->nnames == MAX_NAMES)
		return -1;
	memcpy(y->names[y->nnames], s, n);
	y->names[y->nnames][n] = '\0';
	return (int)++y->nnames;
}

static const char *mark_zh(int m)
{
	return m == MARK_HOLIDAY ? "放假" : "调休上班";
}

/* Parses one non-empty, comment-free, trimmed line into y. */
static void parse_line(struct load_ctx *c, struct cal_year *y, size_t lineno, const char *s,
		       size_t n)
{
	const char *tok = s, *kind, *name;
	size_t toklen = 0, kindlen = 0, namelen, i;
	struct zdate first, last, d;
	char buf[ZDATE_STRLEN];
	int mark, nidx;
	long k, span;

	while (toklen < n && !is_blank(tok[toklen]))
		toklen++;
	kind = tok + toklen;
	while (kind < s + n && is_blank(*kind))
		kind++;
	while (kind + kindlen < s + n && !is_blank(kind[kindlen]))
		kindlen++;
	name = kind + kindlen;
	while (name < s + n && is_blank(*name))
		name++;
	namelen = (size_t)(s + n - name);

	if (toklen == 10) {
		if (zdate_parse_n(tok, 10, &first) != 0) {
			line_error(c, lineno, "日期 “%.*s” 不合法 (invalid date)", (int)toklen, tok);
			return;
		}
		last = first;
	} else if (toklen == 22 && tok[10] == '.' && tok[11] == '.') {
		if (zdate_parse_n(tok, 10, &first) != 0 || zdate_parse_n(tok + 12, 10, &last) != 0) {
			line_error(c, lineno, "日期范围 “%.*s” 不合法 (invalid date range)", (int)toklen,
				   tok);
			return;
		}
	} else {
		line_error(c, lineno,
			   "无法识别 “%.*s”，应为 YYYY-MM-DD 或 YYYY-MM-DD..YYYY-MM-DD "
			   "(expected a date or a date range)",
			   (int)(toklen > 40 ? 40 : toklen), tok);
		return;
	}
	if (first.y != c->year || last.y != c->year) {
		line_error(c, lineno, "日期 “%.*s” 不在 %d 年内 (date outside the year %d)",
			   (int)toklen, tok, c->year, c->year);
		return;
	}
	if (zdate_cmp(first, last) > 0) {
		line_error(c, lineno, "日期范围 “%.*s” 起日晚于止日 (range ends before it starts)",
			   (int)toklen, tok);
		return;
	}
	if (kindlen == 7 && memcmp(kind, "holiday", 7) == 0) {
		mark = MARK_HOLIDAY;
	} else if (kindlen == 7 && memcmp(kind, "workday", 7) == 0) {
		mark = MARK_WORKDAY;
	} else {
		line_error(c, lineno, "类型应为 holiday 或 workday (kind must be holiday or workday)");
		return;
	}
	if (namelen >= CALENDAR_NAME_MAX) {
		line_error(c, lineno, "名称过长，最多 %d 字节 (name too long)", CALENDAR_NAME_MAX - 1);
		return;
	}
	for (i = 0; i < namelen; i++) {
		if ((unsigned char)name[i] < 0x20 || name[i] == 0x7f) {
			line_error(c, lineno, "名称含控制字符 (control character in name)");
			return;
		}
	}
	nidx = intern_name(y, name, namelen);
	if (nidx < 0) {
		line_error(c, lineno, "名称种类过多，最多 %d 个 (too many names)", MAX_NAMES);
		return;
	}

	span = zdate_days_between(first, last);
	for (k = 0; k <= span; k++) {
		int doy;

		if (zdate_add_days(first, k, &d) != 0)
			break;
		doy = zdate_day_of_year(d) - 1;
		if (y->mark[doy] != MARK_NONE) {
			if (y->mark[doy] != mark)
				line_error(c, lineno,
					   "%s 同时被列为放假和调休上班 (day is both holiday and workday)",
					   zdate_format(d, buf));
			else
				line_error(c, lineno, "%s 重复列为%s (day listed twice)",
					   zdate_format(d, buf), mark_zh(mark));
			return;
		}
		if (mark == MARK_WORKDAY && !zdate_is_weekend(d)) {
			line_error(c, lineno,
				   "%s 不是周末，不能列为调休上班 (a workday must be a Saturday or Sunday)",
				   zdate_format(d, buf));
			return;
		}
		y->mark[doy] = (unsigned char)mark;
		y->name[doy] = (unsigned char)nidx;
	}
}

static int parse_year(struct load_ctx *c, struct cal_year *y, const char *text, size_t len)
{
	size_t pos = 0, lineno = 0, i, nholiday = 0;

	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	while (pos < len) {
		const char *line = text + pos, *nl = memchr(line, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - line) : len - pos;
		const char *hash;

		pos += n + (nl ? 1 : 0);
		lineno++;
		if (memchr(line, '\0', n)) {
			line_error(c, lineno, "含有 NUL 字节 (NUL byte in line)");
			continue;
		}
		hash = memchr(line, '#', n);
		if (hash)
			n = (size_t)(hash - line);
		while (n > 0 && (is_blank(line[n - 1]) || line[n - 1] == '\r'))
			n--;
		while (n > 0 && is_blank(*line)) {
			line++;
			n--;
		}
		if (n == 0)
			continue;
		parse_line(c, y, lineno, line, n);
	}
	for (i = 0; i < 366; i++)
		nholiday += y->mark[i] == MARK_HOLIDAY;
	if (c->nerr == 0 && nholiday == 0) {
		zerr_set(c->e, 400, "invalid_calendar",
			 "%d年日历数据没有任何放假日期 (no holiday listed)", c->year);
		zerr_field(c->e, "file", "没有任何 holiday 行 (no holiday lines)");
		c->nerr++;
	}
	return c->nerr ? -1 : 0;
}

int calendar_load_year(struct calendar *cal, int year, const char *text, size_t len,
		       struct zerr *e)
{
	struct load_ctx c = { year, 0, e };
	struct cal_year *y = NULL, *old;
	int rc = -1;

	if (year < ZDATE_MIN_YEAR || year > ZDATE_MAX_YEAR) {
		zerr_set(e, 400, "invalid_calendar", "年份 %d 超出范围 %d..%d (year out of range)",
			 year, ZDATE_MIN_YEAR, ZDATE_MAX_YEAR);
		goto out;
	}
	if (!text && len) {
		zerr_internal(e, "calendar_load_year: NULL text");
		goto out;
	}
	y = calloc(1, sizeof(*y));
	if (!y) {
		zerr_oom(e);
		goto out;
	}
	if (parse_year(&c, y, text ? text : "", len) != 0)
		goto out;

	pthread_rwlock_wrlock(&cal->lock);
	old = cal->years[year - ZDATE_MIN_YEAR];
	cal->years[year - ZDATE_MIN_YEAR] = y;
	pthread_rwlock_unlock(&cal->lock);
	y = old;
	rc = 0;
out:
	free(y);
	return rc;
}

/* Year of a base name "YYYY.txt", or -1. */
static int year_of_name(const char *base)
{
	int y = 0, i;

	if (strlen(base) != 8 || strcmp(base + 4, ".txt") != 0)
		return -1;
	for (i = 0; i < 4; i++) {
		if (base[i] < '0' || base[i] > '9')
			return -1;
		y = y * 10 + (base[i] - '0');
	}
	return y;
}

int calendar_load_file(struct calendar *cal, const char *path, struct zerr *e)
{
	const char *slash = strrchr(path, '/');
	const char *base = slash ? slash + 1 : path;
	int year = year_of_name(base), rc = -1;
	char *text = NULL;
	size_t len = 0;
	FILE *f = NULL;

	if (year < 0) {
		zerr_set(e, 400, "invalid_calendar", "日历文件名应为 YYYY.txt：%s (bad file name)",
			 base);
		goto out;
	}
	f = fopen(path, "rb");
	if (!f) {
		zerr_set(e, 500, "calendar_io", "无法打开日历文件 %s：%s (cannot open)", path,
			 strerror(errno));
		goto out;
	}
	text = malloc(CALENDAR_FILE_MAX + 1);
	if (!text) {
		zerr_oom(e);
		goto out;
	}
	len = fread(text, 1, CALENDAR_FILE_MAX + 1, f);
	if (ferror(f)) {
		zerr_set(e, 500, "calendar_io", "读取日历文件 %s 失败 (read error)", path);
		goto out;
	}
	if (len > CALENDAR_FILE_MAX) {
		zerr_set(e, 400, "invalid_calendar", "日历文件 %s 超过 %d 字节 (file too large)",
			 path, CALENDAR_FILE_MAX);
		goto out;
	}
	rc = calendar_load_year(cal, year, text, len, e);
out:
	if (f)
		fclose(f);
	free(text);
	return rc;
}

int calendar_load_dir(struct calendar *cal, const char *dir, struct zerr *e)
{
	char present[NYEARS] = { 0 }, path[4096];
	struct dirent *de;
	DIR *d = opendir(dir);
	int rc = -1, y;

	if (!d) {
		zerr_set(e, 500, "calendar_io", "无法打开日历目录 %s：%s (cannot open)", dir,
			 strerror(errno));
		goto out;
	}
	while ((de = readdir(d)) != NULL) {
		y = year_of_name(de->d_name);
		if (y >= ZDATE_MIN_YEAR && y <= ZDATE_MAX_YEAR)
			present[y - ZDATE_MIN_YEAR] = 1;
	}
	for (y = ZDATE_MIN_YEAR; y <= ZDATE_MAX_YEAR; y++) {
		if (!present[y - ZDATE_MIN_YEAR])
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%d.txt", dir, y) >= sizeof(path)) {
			zerr_set(e, 500, "calendar_io", "日历目录路径过长 (path too long)");
			goto out;
		}
		if (calendar_load_file(cal, path, e) != 0)
			goto out;
	}
	rc = 0;
out:
	if (d)
		closedir(d);
	return rc;
}

int calendar_has_year(struct calendar *cal, int year)
{
	int has;

	if (year < ZDATE_MIN_YEAR || year > ZDATE_MAX_YEAR)
		return 0;
	pthread_rwlock_rdlock(&cal->lock);
	has = cal->years[year - ZDATE_MIN_YEAR] != NULL;
	pthread_rwlock_unlock(&cal->lock);
	return has;
}

size_t calendar_years(struct calendar *cal, int *years_r, size_t max)
{
	size_t i, n = 0;

	pthread_rwlock_rdlock(&cal->lock);
	for (i = 0; i < NYEARS; i++) {
		if (!cal->years[i])
			continue;
		if (n < max)
			years_r[n] = ZDATE_MIN_YEAR + (int)i;
		n++;
	}
	pthread_rwlock_unlock(&cal->lock);
	return n;
}

/* ---- queries; the read lock is held by the caller ---- */

static void describe(const struct calendar *cal, struct zdate d, struct calendar_day *r)
{
	const struct cal_year *y = cal->years[d.y - ZDATE_MIN_YEAR];
	int doy = zdate_day_of_year(d) - 1;
	int weekend = zdate_is_weekend(d);
	int mark = y ? y->mark[doy] : MARK_NONE;

	r->name[0] = '\0';
	r->provisional = y == NULL;
	if (mark == MARK_HOLIDAY)
		r->kind = CALENDAR_HOLIDAY;
	else if (mark == MARK_WORKDAY)
		r->kind = CALENDAR_ADJUSTED_WORKDAY;
	else
		r->kind = weekend ? CALENDAR_WEEKEND : CALENDAR_WORKDAY;
	r->working = r->kind == CALENDAR_WORKDAY || r->kind == CALENDAR_ADJUSTED_WORKDAY;
	if (y && y->name[doy])
		snprintf(r->name, sizeof(r->name), "%s", y->names[y->name[doy] - 1]);
}

/* 1 if d is a working day; ORs the provisional flag into *prov. */
static int working(const struct calendar *cal, struct zdate d, int *prov)
{
	const struct cal_year *y = cal->years[d.y - ZDATE_MIN_YEAR];
	int mark;

	if (!y) {
		*prov = 1;
		return !zdate_is_weekend(d);
	}
	mark = y->mark[zdate_day_of_year(d) - 1];
	if (mark == MARK_HOLIDAY)
		return 0;
	if (mark == MARK_WORKDAY)
		return 1;
	return !zdate_is_weekend(d);
}

int calendar_describe_day(struct calendar *cal, struct zdate d, struct calendar_day *r)
{
	if (!zdate_valid(d))
		return -1;
	pthread_rwlock_rdlock(&cal->lock);
	describe(cal, d, r);
	pthread_rwlock_unlock(&cal->lock);
	return 0;
}

int calendar_is_working_day(struct calendar *cal, struct zdate d, int *provisional_r)
{
	int prov = 0, w;

	if (!zdate_valid(d))
		return -1;
	pthread_rwlock_rdlock(&cal->lock);
	w = working(cal, d, &prov);
	pthread_rwlock_unlock(&cal->lock);
	if (provisional_r)
		*provisional_r = prov;
	return w;
}

int calendar_add_working_days(struct calendar *cal, struct zdate start, int n,
			      struct zdate *result_r, int *provisional_r)
{
	struct zdate d = start;
	int prov = 0, left = n, rc = -1;

	if (n < 0 || !zdate_valid(start))
		return -1;
	pthread_rwlock_rdlock(&cal->lock);
	while (left > 0) {
		if (zdate_add_days(d, 1, &d) != 0)
			goto out;
		if (working(cal, d, &prov))
			left--;
	}
	*result_r = d;
	if (provisional_r)
		*provisional_r = prov;
	rc = 0;
out:
	pthread_rwlock_unlock(&cal->lock);
	return rc;
}

int calendar_add_calendar_days(struct calendar *cal, struct zdate start, int n,
			       struct zdate *result_r, int *provisional_r)
{
	struct zdate d;
	int prov = 0, rc = -1;

	if (n < 0 || !zdate_valid(start))
		return -1;
	if (n == 0) {
		*result_r = start;
		if (provisional_r)
			*provisional_r = 0;
		return 0;
	}
	if (zdate_add_days(start, n, &d) != 0)
		return -1;
	pthread_rwlock_rdlock(&cal->lock);
	while (!working(cal, d, &prov)) {
		if (zdate_add_days(d, 1, &d) != 0)
			goto out;
	}
	*result_r = d;
	if (provisional_r)
		*provisional_r = prov;
	rc = 0;
out:
	pthread_rwlock_unlock(&cal->lock);
	return rc;
}

int calendar_count_working_days(struct calendar *cal, struct zdate first, struct zdate last,
				int *count_r, int *provisional_r)
{
	struct zdate d = first;
	int prov = 0, count = 0;

	if (!zdate_valid(first) || !zdate_valid(last))
		return -1;
	pthread_rwlock_rdlock(&cal->lock);
	while (zdate_cmp(d, last) <= 0) {
		count += working(cal, d, &prov);
		if (zdate_add_days(d, 1, &d) != 0)
			break;
	}
	pthread_rwlock_unlock(&cal->lock);
	*count_r = count;
	if (provisional_r)
		*provisional_r = prov;
	return 0;
}
