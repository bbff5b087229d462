/* cn.c: amounts in Chinese capitals and dates in Chinese numerals, as instruments
 * print them. Hand-written: no Debian library converts to 大写金额. */
#include "doc/doc.h"

#include <stdio.h>
#include <string.h>

static const char *const DIGIT[10] = { "零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖" };
static const char *const POS[4] = { "", "拾", "佰", "仟" };
static const char *const GROUP[4] = { "", "万", "亿", "万亿" };

/* Appends s; -1 when it does not fit (out stays NUL-terminated). */
static int put(char *out, size_t n, size_t *len, const char *s)
{
	size_t k = strlen(s);

	if (*len + k + 1 > n)
		return -1;
	memcpy(out + *len, s, k + 1);
	*len += k;
	return 0;
}

/* One group of four digits (1..9999): internal runs of zeros become one 零, trailing
 * zeros nothing. */
static int put_group(char *out, size_t n, size_t *len, int v)
{
	int p, d, zero = 0, started = 0;

	for (p = 3; p >= 0; p--) {
		int div = p == 3 ? 1000 : p == 2 ? 100 : p == 1 ? 10 : 1;

		d = v / div % 10;
		if (!d) {
			zero = started;
			continue;
		}
		if (zero && put(out, n, len, DIGIT[0]) < 0)
			return -1;
		zero = 0;
		started = 1;
		if (put(out, n, len, DIGIT[d]) < 0 || put(out, n, len, POS[p]) < 0)
			return -1;
	}
	return 0;
}

int doc_money_upper(long long fen, char *out, size_t n)
{
	long long yuan;
	int jiao, f, g, groups[4], written = 0, pending_zero = 0;
	size_t len = 0;

	if (n == 0 || fen < 0 || fen > DOC_FEN_MAX)
		return -1;
	out[0] = '\0';
	yuan = fen / 100;
	jiao = (int)(fen / 10 % 10);
	f = (int)(fen % 10);
	for (g = 0; g < 4; g++) {
		groups[g] = (int)(yuan % 10000);
		yuan /= 10000;
	}
	if (put(out, n, &len, "人民币") < 0)
		return -1;
	for (g = 3; g >= 0; g--) {
		if (!groups[g]) {
			pending_zero = written;
			continue;
		}
		/* 壹拾万柒仟 but 壹拾万零柒佰 and 壹亿零壹万: a 零 where a group has a gap. */
		if (written && (pending_zero || groups[g] < 1000) && put(out, n, &len, DIGIT[0]) < 0)
			return -1;
		if (put_group(out, n, &len, groups[g]) < 0 || put(out, n, &len, GROUP[g]) < 0)
			return -1;
		written = 1;
		pending_zero = 0;
	}
	if (!written && !jiao && !f)
		return put(out, n, &len, "零元整");
	if (written && put(out, n, &len, "元") < 0)
		return -1;
	if (!jiao && !f)
		return put(out, n, &len, "整");
	if (jiao && (put(out, n, &len, DIGIT[jiao]) < 0 || put(out, n, &len, "角") < 0))
		return -1;
	/* ¥325.04 is 叁佰贰拾伍元零肆分: the 零 is required when only the jiao is 0. */
	if (!jiao && written && put(out, n, &len, DIGIT[0]) < 0)
		return -1;
	if (f && (put(out, n, &len, DIGIT[f]) < 0 || put(out, n, &len, "分") < 0))
		return -1;
	return 0;
}

int doc_money_figures(long long fen, char *out, size_t n)
{
	char digits[32], grouped[48];
	long long yuan;
	size_t nd, i, k = 0;
	int r;

	if (n == 0 || fen < 0 || fen > DOC_FEN_MAX)
		return -1;
	yuan = fen / 100;
	nd = (size_t)snprintf(digits, sizeof(digits), "%lld", yuan);
	for (i = 0; i < nd; i++) {
		if (i && (nd - i) % 3 == 0)
			grouped[k++] = ',';
		grouped[k++] = digits[i];
	}
	grouped[k] = '\0';
	r = snprintf(out, n, "¥%s.%02lld", grouped, fen % 100);
	return r < 0 || (size_t)r >= n ? -1 : 0;
}

int doc_date_cn(struct zdate d, char *out, size_t n)
{
	static const char *const NUM[10] = { "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	char y[4][8];
	char md[2][16];
	int vals[2] = { d.m, d.d }, i, r;

	for (i = 0; i < 4; i++) {
		int div = i == 0 ? 1000 : i == 1 ? 100 : i == 2 ? 10 : 1;

		snprintf(y[i], sizeof(y[i]), "%s", NUM[d.y / div % 10]);
	}
	/* 十一, 二十, 三十一: tens as 十 with the multiplier only above one. */
	for (i = 0; i < 2; i++) {
		int t = vals[i] / 10, u = vals[i] % 10;

		snprintf(md[i], sizeof(md[i]), "%s%s%s", t > 1 ? NUM[t] : "", t ? "十" : "",
			 u ? NUM[u] : "");
	}
	r = snprintf(out, n, "%s%s%s%s年%s月%s日", y[0], y[1], y[2], y[3], md[0], md[1]);
	return r < 0 || (size_t)r >= n ? -1 : 0;
}
