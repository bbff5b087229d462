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

/* A list entry under a sort key (its code or its normalised name). */
struct keyed {
	const char *key;
	size_t i;
};

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct keyed *)a)->key, ((const struct keyed *)b)->key);
}

/* Marks every entry of v[0..n) whose key is key, and returns 1 when there was one. */
static int mark_run(const struct keyed *v, size_t n, const char *key, struct match_entry *list)
{
	struct keyed k = { key, 0 };
	const struct keyed *hit = n ? bsearch(&k, v, n, sizeof(*v), by_key) : NULL;
	size_t lo, hi;

	if (!hit)
		return 0;
	lo = (size_t)(hit - v);
	for (hi = lo; hi < n && strcmp(v[hi].key, key) == 0; hi++)
		list[v[hi].i].matched = 1;
	while (lo > 0 && strcmp(v[lo - 1].key, key) == 0)
		list[v[--lo].i].matched = 1;
	return 1;
}

#define NORM_MAX 800

int township_match(struct match_entry *delegated, size_t nd, struct match_entry *list, size_t nl,
		   size_t *matched_r)
{
	struct keyed *coded = NULL, *named = NULL;
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
			coded[nc++] = (struct keyed){ list[i].code, i };
		} else {
			match_normalise(list[i].name, buf, sizeof(buf));
			if (!(list[i].norm = strdup(buf)))
				goto out;
			named[nn++] = (struct keyed){ list[i].norm, i };
		}
	}
	qsort(coded, nc, sizeof(*coded), by_key);
	qsort(named, nn, sizeof(*named), by_key);
	for (i = 0; i < nd; i++) {
		int hit = delegated[i].code && mark_run(coded, nc, delegated[i].code, list);

		if (nn) { /* no entry without a code: no name to compare */
			match_normalise(delegated[i].name, buf, sizeof(buf));
			hit |= mark_run(named, nn, buf, list);
		}
		delegated[i].matched = hit;
		matched += (size_t)hit;
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

/* ---- stamped results ---- */

/* The index of key in t, or where it goes (*found_r 0). */
static size_t stamped_find(const struct stamped_set *t, const char *key, int *found_r)
{
	size_t lo = 0, hi = t->n;

	*found_r = 0;
	if (hi && strcmp(t->v[hi - 1].key, key) < 0)
		return hi; /* the common case: keys put in ascending order */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(t->v[mid].key, key);

		if (c == 0) {
			*found_r = 1;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct stamped *stamped_get(const struct stamped_set *t, const char *key, long long stamp)
{
	int found;
	size_t i = stamped_find(t, key, &found);

	return found && t->v[i].stamp == stamp ? &t->v[i] : NULL;
}

const struct stamped *stamped_get_on(const struct stamped_set *t, const char *key, long long stamp,
				     const char *date)
{
	const struct stamped *e = stamped_get(t, key, stamp);

	if (!e || (e->from[0] && strcmp(date, e->from) < 0) || (e->to[0] && strcmp(date, e->to) >= 0))
		return NULL;
	return e;
}

void span_narrow(char from[11], char to[11], const char *date, const char *b)
{
	if (!b || !b[0])
		return;
	if (strcmp(b, date) <= 0) {
		if (!from[0] || strcmp(b, from) > 0)
			snprintf(from, 11, "%.10s", b);
	} else if (!to[0] || strcmp(b, to) < 0) {
		snprintf(to, 11, "%.10s", b);
	}
}

int stamped_put_span(struct stamped_set *t, const char *key, long long stamp, long long v0, long long v1,
		     const char *from, const char *to, long long dep)
{
	int found;
	size_t i;

	if (stamped_put(t, key, stamp, v0, v1) < 0)
		return -1;
	i = stamped_find(t, key, &found);
	snprintf(t->v[i].from, sizeof(t->v[i].from), "%.10s", from ? from : "");
	snprintf(t->v[i].to, sizeof(t->v[i].to), "%.10s", to ? to : "");
	t->v[i].dep = dep;
	return 0;
}

int stamped_put(struct stamped_set *t, const char *key, long long stamp, long long v0, long long v1)
{
	int found;
	size_t i;

	if (strlen(key) >= sizeof(t->v[0].key))
		return -1;
	i = stamped_find(t, key, &found);
	if (!found) {
		if (t->n == t->cap) {
			size_t cap = t->cap ? t->cap * 2 : 256;
			struct stamped *v = realloc(t->v, cap * sizeof(*v));

			if (!v)
				return -1;
			t->v = v;
			t->cap = cap;
		}
		memmove(&t->v[i + 1], &t->v[i], (t->n - i) * sizeof(*t->v));
		t->n++;
		snprintf(t->v[i].key, sizeof(t->v[i].key), "%s", key);
	}
	t->v[i].stamp = stamp;
	t->v[i].from[0] = t->v[i].to[0] = '\0';
	t->v[i].dep = 0;
	t->v[i].v[0] = v0;
	t->v[i].v[1] = v1;
	return 0;
}

void stamped_release(struct stamped_set *t)
{
	free(t->v);
	t->v = NULL;
	t->n = t->cap = 0;
}
