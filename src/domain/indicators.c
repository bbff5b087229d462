/* indicators.c: the reform's indicators and the township-list match (indicators.h). */
#include "domain/indicators.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct indicator_def indicator_defs[IND__COUNT] = {
	[IND_CITY_COUNTY_PENALTY] = { "city_county_penalty_share", 2000, "市县两级综合执法处罚事项占比" },
	[IND_TOWNSHIP_PENALTY] = { "township_penalty_share", 2500, "乡镇（街道）综合执法处罚事项占比" },
	[IND_TOWNSHIP_MATCH] = { "township_match_rate", 8000, "乡镇赋权事项与权力清单、审批事项匹配率" },
	[IND_STAFF_COUNTY_BELOW] = { "staff_county_and_below_share", 8500, "县级及以下执法人员占比" },
	[IND_STAFF_TOWNSHIP] = { "staff_township_share", 5000, "乡镇（街道）执法人员占比" },
};

const char *const township_den_names[] = { "county", "all", NULL };

int indicator_parse(const char *key)
{
	int i;

	for (i = 0; key && i < IND__COUNT; i++)
		if (strcmp(indicator_defs[i].key, key) == 0)
			return i;
	return -1;
}

int township_den_parse(const char *s)
{
	int i;

	for (i = 0; s && township_den_names[i]; i++)
		if (strcmp(township_den_names[i], s) == 0)
			return i;
	return -1;
}

void indicator_eval(int which, long long num, long long den, struct indicator_value *out)
{
	int bp = indicator_defs[which].target_bp;

	out->num = num;
	out->den = den;
	out->value = den > 0 ? (double)num / (double)den : 0.0;
	out->target = bp / 10000.0;
	/* num/den >= bp/10000 without rounding: 1999/10000 is not met, 2000/10000 is */
	out->met = den > 0 && num * 10000 >= (long long)bp * den;
}

enum { L_PROVINCE, L_CITY, L_COUNTY, L_TOWNSHIP };

void indicator_city_county_penalty(const struct penalty_counts *c, struct indicator_value *out)
{
	long long num = c->pen[L_CITY][0] + c->pen[L_COUNTY][0];
	long long den = num + c->pen[L_CITY][1] + c->pen[L_COUNTY][1];

	indicator_eval(IND_CITY_COUNTY_PENALTY, num, den, out);
	out->formula = "市、县级综合执法处罚事项数 ÷ 市、县级处罚事项数 (city + county penalty items, mode comprehensive"
		       " ÷ city + county penalty items, in force on the date)";
}

void indicator_township_penalty(const struct penalty_counts *c, int den_kind, struct indicator_value *out)
{
	long long num = c->pen[L_TOWNSHIP][0] + c->pen[L_TOWNSHIP][1], den = num;
	int l;

	if (den_kind == TDEN_ALL) {
		for (l = L_PROVINCE; l < L_TOWNSHIP; l++)
			den += c->pen[l][0] + c->pen[l][1];
		out->formula = "乡镇（街道）处罚事项数 ÷ 全部处罚事项数 (township penalty items ÷ every penalty item"
			       " in force; denominator=all)";
	} else {
		den += c->pen[L_COUNTY][0] + c->pen[L_COUNTY][1];
		out->formula = "乡镇（街道）处罚事项数 ÷ 县域内行使的处罚事项数（县级 + 乡镇级）(township penalty items"
			       " ÷ penalty items exercised in the county: county + township level; denominator=county)";
	}
	indicator_eval(IND_TOWNSHIP_PENALTY, num, den, out);
}

void indicator_staff_county_below(const long long staff[5], struct indicator_value *out)
{
	long long num = staff[2] + staff[3] + staff[4], den = num + staff[0] + staff[1];

	indicator_eval(IND_STAFF_COUNTY_BELOW, num, den, out);
	out->formula = "县级及以下主体的在岗持证执法人员 ÷ 辖区内全部在岗持证执法人员 (officers of agencies at county"
		       " level and below ÷ all officers of agencies in the region; active, certificate valid on the date)";
}

void indicator_staff_township(const long long staff[5], struct indicator_value *out)
{
	long long num = staff[3] + staff[4], den = num + staff[0] + staff[1] + staff[2];

	indicator_eval(IND_STAFF_TOWNSHIP, num, den, out);
	out->formula = "乡镇（街道）区划内主体（含派驻中队）的在岗持证执法人员 ÷ 辖区内全部在岗持证执法人员 (officers of"
		       " agencies registered at township level, stationed squads included ÷ all officers in the region)";
}

void indicator_township_match(long long matched, long long delegated, struct indicator_value *out)
{
	indicator_eval(IND_TOWNSHIP_MATCH, matched, delegated, out);
	out->formula = "与权力清单或审批许可事项相匹配的乡镇赋权事项数 ÷ 乡镇赋权事项数 (delegated township items that"
		       " match the township's power or approval list ÷ delegated township items, summed over the"
		       " townships in the region)";
}

/* ---- match ---- */

static const char *const cjk_punct[] = { "《", "》", "（", "）", "、", "，", "。", "：", "；", "“", "”",
					 "‘", "’", "【", "】", "—", "　", "〈", "〉", "·", NULL };

void match_normalise(const char *name, char *out, size_t len)
{
	size_t o = 0, i, n;
	const char *s = name ? name : "";

	while (*s && o + 1 < len) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x80) {
			if (!(c <= ' ' || (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
			      (c >= '{' && c <= 0x7f)))
				out[o++] = (char)c;
			s++;
			continue;
		}
		for (i = 0; cjk_punct[i]; i++) {
			n = strlen(cjk_punct[i]);
			if (strncmp(s, cjk_punct[i], n) == 0)
				break;
		}
		if (cjk_punct[i]) {
			s += strlen(cjk_punct[i]);
			continue;
		}
		/* copy one whole UTF-8 sequence or stop */
		n = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
		if (o + n >= len)
			break;
		for (i = 0; i < n && s[i]; i++)
			out[o++] = s[i];
		s += i;
	}
	out[o] = '\0';
}

static int by_code(const void *a, const void *b)
{
	const struct match_entry *x = *(struct match_entry *const *)a, *y = *(struct match_entry *const *)b;

	return strcmp(x->code, y->code);
}

static int by_norm(const void *a, const void *b)
{
	const struct match_entry *x = *(struct match_entry *const *)a, *y = *(struct match_entry *const *)b;

	return strcmp(x->norm, y->norm);
}

#define NORM_MAX 800

int township_match(struct match_entry *delegated, size_t nd, struct match_entry *list, size_t nl,
		   size_t *matched_r)
{
	struct match_entry **coded = NULL, **named = NULL, key, *kp = &key, **hit;
	size_t i, nc = 0, nn = 0, matched = 0;
	char buf[NORM_MAX];
	int ret = -1;

	*matched_r = 0;
	coded = malloc((nl ? nl : 1) * sizeof(*coded));
	named = malloc((nl ? nl : 1) * sizeof(*named));
	if (!coded || !named)
		goto out;
	for (i = 0; i < nl; i++) {
		list[i].matched = 0;
		list[i].norm = NULL;
		if (list[i].code && list[i].code[0]) {
			coded[nc++] = &list[i];
		} else {
			match_normalise(list[i].name, buf, sizeof(buf));
			if (!(list[i].norm = strdup(buf)))
				goto out;
			named[nn++] = &list[i];
		}
	}
	qsort(coded, nc, sizeof(*coded), by_code);
	qsort(named, nn, sizeof(*named), by_norm);
	for (i = 0; i < nd; i++) {
		size_t lo, hi;

		delegated[i].matched = 0;
		key.code = delegated[i].code;
		hit = nc ? bsearch(&kp, coded, nc, sizeof(*coded), by_code) : NULL;
		/* every list entry with that code matches: walk the run around the hit */
		if (hit) {
			lo = (size_t)(hit - coded);
			for (hi = lo; hi < nc && strcmp(coded[hi]->code, key.code) == 0; hi++)
				coded[hi]->matched = 1;
			while (lo > 0 && strcmp(coded[lo - 1]->code, key.code) == 0)
				coded[--lo]->matched = 1;
			delegated[i].matched = 1;
		}
		match_normalise(delegated[i].name, buf, sizeof(buf));
		key.norm = buf;
		hit = nn ? bsearch(&kp, named, nn, sizeof(*named), by_norm) : NULL;
		if (hit) {
			lo = (size_t)(hit - named);
			for (hi = lo; hi < nn && strcmp(named[hi]->norm, buf) == 0; hi++)
				named[hi]->matched = 1;
			while (lo > 0 && strcmp(named[lo - 1]->norm, buf) == 0)
				named[--lo]->matched = 1;
			delegated[i].matched = 1;
		}
		matched += (size_t)delegated[i].matched;
	}
	*matched_r = matched;
	ret = 0;
out:
	for (i = 0; i < nl; i++) {
		free(list[i].norm);
		list[i].norm = NULL;
	}
	free(coded);
	free(named);
	return ret;
}
