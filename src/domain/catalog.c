#include "domain/catalog.h"

#include <string.h>

#include "core/buf.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

const char *const catalog_kinds[] = { "penalty", "inspection", "coercion", "other", NULL };
const char *const catalog_levels[] = { "province", "city", "county", "township", NULL };
const char *const catalog_modes[] = { "comprehensive", "departmental", NULL };
const char *const catalog_agency_kinds[] = { "comprehensive", "departmental", "township", NULL };
const char *const catalog_actions[] = { "add", "amend", "transfer", "delegate", "repeal", NULL };
const char *const catalog_statuses[] = { "proposed", "approved", "rejected", NULL };

/* The domains and their code prefixes (拼音 initials), one row each. */
static const struct {
	const char *name, *prefix;
} domains[] = {
	{ "市场监管", "SC" }, { "生态环境", "HJ" }, { "城市管理", "CG" }, { "交通运输", "JT" },
	{ "卫生健康", "WJ" }, { "应急管理", "YJ" }, { "农业", "NY" },     { "文化市场", "WH" },
	{ "自然资源", "ZR" }, { "住房城建", "JS" }, { "水利", "SL" },     { "林业", "LY" },
	{ "商务", "SW" },     { "民政", "MZ" },     { "教育", "JY" },     { "人力社保", "RS" },
	{ "其他", "QT" },
};

const char *const catalog_domains[] = {
	"市场监管", "生态环境", "城市管理", "交通运输", "卫生健康", "应急管理", "农业", "文化市场",
	"自然资源", "住房城建", "水利", "林业", "商务", "民政", "教育", "人力社保", "其他", NULL,
};

/* 行政处罚法 Art 9, in the article's order. */
const char *const catalog_penalty_types[] = {
	"warning", "circulated_criticism", "fine", "confiscate_gains", "confiscate_property",
	"suspend_permit", "downgrade_qualification", "revoke_permit", "restrict_business",
	"stop_business", "order_closure", "occupational_ban", "detention", "other", NULL,
};
const char *const catalog_penalty_types_zh[] = {
	"警告", "通报批评", "罚款", "没收违法所得", "没收非法财物", "暂扣许可证件", "降低资质等级",
	"吊销许可证件", "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业", "行政拘留",
	"其他", NULL,
};

const char *const catalog_content_fields[] = {
	"name", "kind", "domain", "legal_basis", "level", "mode", "agency_kind", "penalty_types",
	"fine_min_fen", "fine_max_fen", "scope", NULL,
};

const char *catalog_domain_prefix(const char *domain)
{
	size_t i;

	for (i = 0; domain && i < N(domains); i++)
		if (strcmp(domains[i].name, domain) == 0)
			return domains[i].prefix;
	return NULL;
}

int catalog_code_valid(const char *code)
{
	size_t i;

	if (!code || strlen(code) != 8)
		return 0;
	for (i = 2; i < 8; i++)
		if (code[i] < '0' || code[i] > '9')
			return 0;
	for (i = 0; i < N(domains); i++)
		if (strncmp(domains[i].prefix, code, 2) == 0)
			return 1;
	return 0;
}

/* ---- legal basis ---- */

static const char *const numerals[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八",
					"九", "十", "百", "千" };

/* Skips Chinese or Arabic numerals at p; returns the end (p when there are none). */
static const char *skip_numerals(const char *p)
{
	size_t i;

	for (;;) {
		if (*p >= '0' && *p <= '9') {
			p++;
			continue;
		}
		for (i = 0; i < N(numerals); i++)
			if (strncmp(p, numerals[i], strlen(numerals[i])) == 0)
				break;
		if (i == N(numerals))
			return p;
		p += strlen(numerals[i]);
	}
}

/* Reads "第<numerals><unit>" (and for 条 an optional "之<numerals>") at p; returns the
 * end, or NULL when p does not start so. */
static const char *read_numbered(const char *p, const char *unit)
{
	const char *q;

	if (strncmp(p, "第", 3) != 0)
		return NULL;
	q = skip_numerals(p + 3);
	if (q == p + 3 || strncmp(q, unit, strlen(unit)) != 0)
		return NULL;
	q += strlen(unit);
	if (strcmp(unit, "条") == 0 && strncmp(q, "之", 3) == 0) {
		const char *z = skip_numerals(q + 3);

		if (z != q + 3)
			q = z;
	}
	return q;
}

/* 1 when s is exactly one numbered unit ("第十条", "第二款"). */
static int numbered(const char *s, const char *unit)
{
	const char *e = read_numbered(s, unit);

	return e && !*e;
}

static int text_member(json_t *c, const char *k, int required, size_t maxlen, const char **s_r)
{
	json_t *v = json_object_get(c, k);

	*s_r = NULL;
	if (!v || json_is_null(v))
		return !required;
	if (!json_is_string(v) || json_string_length(v) == 0 || json_string_length(v) > maxlen ||
	    strlen(json_string_value(v)) != json_string_length(v))
		return 0;
	*s_r = json_string_value(v);
	return 1;
}

int catalog_basis_valid(json_t *v, char *msg, size_t len)
{
	const char *law, *article, *para, *item, *text, *k;
	json_t *c, *x;
	size_t i;

	if (!json_is_array(v) || json_array_size(v) == 0) {
		snprintf(msg, len, "至少要有一项法律依据（法律、法规名称和条款） (at least one legal basis)");
		return 0;
	}
	if (json_array_size(v) > 20) {
		snprintf(msg, len, "法律依据最多 20 项 (at most 20 citations)");
		return 0;
	}
	json_array_foreach(v, i, c) {
		if (!json_is_object(c)) {
			snprintf(msg, len, "第 %zu 项法律依据应为对象 {law, article, …} (citation must be an object)", i + 1);
			return 0;
		}
		json_object_foreach(c, k, x) {
			if (strcmp(k, "law") != 0 && strcmp(k, "article") != 0 && strcmp(k, "paragraph") != 0 &&
			    strcmp(k, "item") != 0 && strcmp(k, "text") != 0) {
				snprintf(msg, len, "第 %zu 项法律依据有未知字段 %s (unknown member)", i + 1, k);
				return 0;
			}
		}
		if (!text_member(c, "law", 1, 200, &law) || strstr(law, "《") || strstr(law, "》")) {
			snprintf(msg, len, "第 %zu 项法律依据缺少法律、法规名称（不带书名号） (law name required, without 《》)", i + 1);
			return 0;
		}
		if (!text_member(c, "article", 1, 40, &article) || !numbered(article, "条")) {
			snprintf(msg, len, "第 %zu 项法律依据的条应写作“第N条” (article: 第N条)", i + 1);
			return 0;
		}
		if (!text_member(c, "paragraph", 0, 40, &para) || (para && !numbered(para, "款"))) {
			snprintf(msg, len, "第 %zu 项法律依据的款应写作“第N款” (paragraph: 第N款)", i + 1);
			return 0;
		}
		if (!text_member(c, "item", 0, 40, &item) || (item && !numbered(item, "项"))) {
			snprintf(msg, len, "第 %zu 项法律依据的项应写作“第N项” (item: 第N项)", i + 1);
			return 0;
		}
		if (!text_member(c, "text", 0, 4000, &text)) {
			snprintf(msg, len, "第 %zu 项法律依据的条文应为 1–4000 字的文本 (text: 1-4000 characters)", i + 1);
			return 0;
		}
	}
	return 1;
}

/* Copies [p, e) without surrounding ASCII or ideographic spaces into a new string. */
static json_t *trimmed(const char *p, const char *e)
{
	for (;;) {
		if (p < e && (*p == ' ' || *p == '\t'))
			p++;
		else if (e - p >= 3 && strncmp(p, "　", 3) == 0)
			p += 3;
		else
			break;
	}
	for (;;) {
		if (e > p && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		else if (e - p >= 3 && strncmp(e - 3, "　", 3) == 0)
			e -= 3;
		else
			break;
	}
	return json_stringn(p, (size_t)(e - p));
}

/* One citation "《law》第N条[第N款][第N项]" in [p, e); NULL when it does not read. */
static json_t *parse_citation(const char *p, const char *e)
{
	json_t *seg = trimmed(p, e), *c = NULL;
	const char *s, *close, *q, *r;

	if (!seg)
		return NULL;
	s = json_string_value(seg);
	if (strncmp(s, "《", 3) != 0 || !(close = strstr(s + 3, "》")) || close == s + 3)
		goto out;
	q = close + 3;
	if (!(r = read_numbered(q, "条")))
		goto out;
	c = json_pack("{s:s%, s:s%}", "law", s + 3, (size_t)(close - s - 3), "article", q, (size_t)(r - q));
	q = r;
	if ((r = read_numbered(q, "款"))) {
		json_object_set_new(c, "paragraph", json_stringn(q, (size_t)(r - q)));
		q = r;
	}
	if ((r = read_numbered(q, "项"))) {
		json_object_set_new(c, "item", json_stringn(q, (size_t)(r - q)));
		q = r;
	}
	if (*q) {
		json_decref(c);
		c = NULL;
	}
out:
	json_decref(seg);
	return c;
}

/* The next separator at or after p: "；" (3 bytes) or ";" ; NULL for none. len_r: its size. */
static const char *next_sep(const char *p, const char *const *seps, size_t *len_r)
{
	const char *best = NULL, *x;
	size_t i;

	for (i = 0; seps[i]; i++) {
		x = strstr(p, seps[i]);
		if (x && (!best || x < best)) {
			best = x;
			*len_r = strlen(seps[i]);
		}
	}
	return best;
}

json_t *catalog_basis_parse(const char *s)
{
	static const char *const seps[] = { "；", ";", NULL };
	json_t *out = json_array(), *c;
	const char *p = s, *e;
	size_t n = 0;

	for (;;) {
		e = next_sep(p, seps, &n);
		c = parse_citation(p, e ? e : p + strlen(p));
		if (!c) {
			json_decref(out);
			return NULL;
		}
		json_array_append_new(out, c);
		if (!e)
			break;
		p = e + n;
	}
	return out;
}

static long penalty_index(const char *s)
{
	long i;

	for (i = 0; catalog_penalty_types[i]; i++)
		if (strcmp(catalog_penalty_types[i], s) == 0 || strcmp(catalog_penalty_types_zh[i], s) == 0)
			return i;
	return -1;
}

int catalog_penalty_types_valid(json_t *v, char *msg, size_t len)
{
	json_t *x, *y;
	size_t i, k;

	if (!json_is_array(v)) {
		snprintf(msg, len, "处罚种类应为数组 (penalty types: an array)");
		return 0;
	}
	json_array_foreach(v, i, x) {
		/* stored by code only: a Chinese name is read from CSV text, never from JSON */
		if (!json_is_string(x) || penalty_index(json_string_value(x)) < 0 ||
		    strcmp(catalog_penalty_types[penalty_index(json_string_value(x))], json_string_value(x)) != 0) {
			snprintf(msg, len, "第 %zu 个处罚种类不是行政处罚法第九条规定的种类 (unknown penalty type; one of warning, fine, …)", i + 1);
			return 0;
		}
		for (k = 0; k < i; k++) {
			y = json_array_get(v, k);
			if (json_equal(x, y)) {
				snprintf(msg, len, "处罚种类 %s 重复 (repeated)", json_string_value(x));
				return 0;
			}
		}
	}
	return 1;
}

json_t *catalog_penalty_types_parse(const char *s)
{
	static const char *const seps[] = { "；", ";", "、", "|", NULL };
	json_t *out = json_array(), *seg;
	const char *p = s, *e;
	size_t n = 0;
	long k;

	if (!*s)
		return out;
	for (;;) {
		e = next_sep(p, seps, &n);
		seg = trimmed(p, e ? e : p + strlen(p));
		k = seg ? penalty_index(json_string_value(seg)) : -1;
		json_decref(seg);
		if (k < 0) {
			json_decref(out);
			return NULL;
		}
		json_array_append_new(out, json_string(catalog_penalty_types[k]));
		if (!e)
			break;
		p = e + n;
	}
	return out;
}

/* ---- a version's rules ---- */

const char *catalog_agency_kind(const char *level, const char *mode)
{
	if (level && strcmp(level, "township") == 0)
		return "township";
	return mode && strcmp(mode, "comprehensive") == 0 ? "comprehensive" : "departmental";
}

static const char *str(json_t *v, const char *k)
{
	return json_string_value(json_object_get(v, k));
}

static int has_type(json_t *types, const char *code)
{
	json_t *x;
	size_t i;

	json_array_foreach(types, i, x)
		if (strcmp(json_string_value(x), code) == 0)
			return 1;
	return 0;
}

/* The text that search reads: the name, then each citation's law, article and text. */
static char *search_text(json_t *v)
{
	struct buf b = BUF_INIT(1 << 20);
	json_t *c;
	size_t i;

	buf_adds(&b, str(v, "name") ? str(v, "name") : "");
	json_array_foreach(json_object_get(v, "legal_basis"), i, c) {
		buf_addf(&b, " 《%s》%s%s%s", str(c, "law"), str(c, "article"),
			 str(c, "paragraph") ? str(c, "paragraph") : "", str(c, "item") ? str(c, "item") : "");
		if (str(c, "text"))
			buf_addf(&b, " %s", str(c, "text"));
	}
	return buf_detach(&b, NULL);
}

/* Length in bytes of the UTF-8 character at s (1 for a stray byte), never past the end. */
static size_t u8len(const char *s)
{
	unsigned char c = (unsigned char)s[0];
	size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1, i;

	for (i = 1; i < n; i++)
		if (!s[i])
			return i;
	return n;
}

static int gram_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char *catalog_search_grams(const char *text)
{
	struct buf b = BUF_INIT(1 << 22);
	size_t n = 0, cap = 0, i, k, l1, l2;
	char **g = NULL, *one, *out;
	const char *p;

	for (p = text ? text : ""; *p; p += l1) {
		l1 = u8len(p);
		l2 = p[l1] ? u8len(p + l1) : 0;
		for (k = 0; k < (l2 ? 2u : 1u); k++) {
			size_t len = k ? l1 + l2 : l1;

			if (n + 1 > cap) {
				char **ng = realloc(g, (cap = cap ? cap * 2 : 64) * sizeof(*g));

				if (!ng)
					goto oom;
				g = ng;
			}
			if (!(one = strndup(p, len)))
				goto oom;
			for (i = 0; i < len; i++)
				if (one[i] >= 'A' && one[i] <= 'Z')
					one[i] = (char)(one[i] - 'A' + 'a');
			g[n++] = one;
		}
	}
	if (n)
		qsort(g, n, sizeof(*g), gram_cmp);
	for (i = 0; i < n; i++)
		if (i == 0 || strcmp(g[i], g[i - 1]) != 0)
			buf_addf(&b, "%s%s", b.len ? " " : "", g[i]);
	out = buf_detach(&b, NULL);
	for (i = 0; i < n; i++)
		free(g[i]);
	free(g);
	return out;
oom:
	for (i = 0; i < n; i++)
		free(g[i]);
	free(g);
	buf_release(&b);
	return NULL;
}

int catalog_version_check(json_t *v, struct zerr *e)
{
	const char *code = str(v, "code"), *domain = str(v, "domain"), *kind = str(v, "kind"),
		   *level = str(v, "level"), *mode = str(v, "mode"), *prefix;
	json_t *types = json_object_get(v, "penalty_types"), *fmin = json_object_get(v, "fine_min_fen"),
	       *fmax = json_object_get(v, "fine_max_fen");
	int penalty = kind && strcmp(kind, "penalty") == 0, bad = 0, ntypes;
	char *text, *grams;

	ntypes = json_is_array(types) ? (int)json_array_size(types) : 0;
	prefix = catalog_domain_prefix(domain);
	if (code && prefix && strncmp(code, prefix, 2) != 0)
		bad |= zerr_field(e, "code", "%s领域的事项编码应以 %s 开头 (code prefix must be %s)", domain,
				  prefix, prefix);
	if (penalty && ntypes == 0)
		bad |= zerr_field(e, "penalty_types",
				  "处罚事项应列明行政处罚法第九条规定的处罚种类 (a penalty item names its penalty types)");
	if (kind && !penalty && ntypes > 0)
		bad |= zerr_field(e, "penalty_types", "只有处罚事项才有处罚种类 (only penalty items have penalty types)");
	if (json_is_array(types) && has_type(types, "detention"))
		bad |= zerr_field(e, "penalty_types",
				  "行政拘留只能由公安机关实施（行政处罚法第十八条第三款），不属于综合执法目录 (detention: public security only, Art 18)");
	if ((json_is_integer(fmin) || json_is_integer(fmax)) && !(json_is_array(types) && has_type(types, "fine")))
		bad |= zerr_field(e, "fine_min_fen", "只有处罚种类含罚款的事项才有罚款幅度 (a fine range needs the penalty type fine)");
	if (json_is_integer(fmin) && json_is_integer(fmax) && json_integer_value(fmin) > json_integer_value(fmax))
		bad |= zerr_field(e, "fine_max_fen", "罚款上限不能低于下限 (fine_max_fen < fine_min_fen)");
	if (level && mode && strcmp(level, "township") == 0 && strcmp(mode, "comprehensive") != 0)
		bad |= zerr_field(e, "mode",
				  "下放乡镇（街道）的事项由乡镇统一的综合行政执法队伍行使（浙江省综合行政执法条例第九条），方式应为 comprehensive (township items are comprehensive, 条例 Art 9)");
	if (bad)
		return -1;
	json_object_set_new(v, "agency_kind", json_string(catalog_agency_kind(level, mode)));
	text = search_text(v);
	json_object_set_new(v, "search_text", json_string(text ? text : ""));
	grams = catalog_search_grams(text);
	json_object_set_new(v, "search_grams", json_string(grams ? grams : ""));
	free(text);
	free(grams);
	return 0;
}

/* ---- periods and changes ---- */

int catalog_periods_overlap(const struct catalog_period *a, const struct catalog_period *b)
{
	/* [a.from, a.to) and [b.from, b.to) meet when each begins before the other ends */
	int a_before_b_ends = !b->to[0] || strcmp(a->from, b->to) < 0;
	int b_before_a_ends = !a->to[0] || strcmp(b->from, a->to) < 0;

	return a_before_b_ends && b_before_a_ends;
}

long catalog_period_overlaps(const struct catalog_period *v, size_t n,
			     const struct catalog_period *p, long skip)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((long)i != skip && catalog_periods_overlap(&v[i], p))
			return (long)i;
	return -1;
}

int catalog_action_parse(const char *s)
{
	int i;

	for (i = 0; s && catalog_actions[i]; i++)
		if (strcmp(catalog_actions[i], s) == 0)
			return i;
	return -1;
}

int catalog_plan_change(enum catalog_action action, const struct catalog_period *v, size_t n,
			const char *date, struct catalog_plan *plan, struct zerr *e)
{
	const struct catalog_period *last;
	struct catalog_period next = { "", "" }, cut;

	plan->close = -1;
	plan->create = 0;
	if (action == CATALOG_ADD) {
		if (n > 0)
			return zerr_set(e, 409, "item_exists",
					"目录中已有该编码的事项，请用修改（amend）而不是新增 (the item exists: amend it)");
		plan->create = 1;
		return 0;
	}
	if (n == 0)
		return zerr_set(e, 404, "item_unknown", "目录中没有该编码的事项 (no such item)");
	last = &v[n - 1];
	if (last->to[0] && strcmp(date, last->to) >= 0)
		return zerr_set(e, 409, "item_repealed",
				"该事项已于 %s 废止，%s 没有现行有效的版本可以变更 (the item was repealed on %s: no effective version)",
				last->to, date, last->to);
	if (last->to[0])
		return zerr_set(e, 409, "version_overlap",
				"该事项已定于 %s 废止，变更会与之重叠 (a repeal on %s is already scheduled)", last->to,
				last->to);
	if (strcmp(date, last->from) <= 0)
		return zerr_set(e, 409, "version_overlap",
				"生效日期须晚于现行版本的生效日期 %s，否则有效期重叠 (must be after %s)", last->from,
				last->from);
	/* the in-force version ends on date; what follows must touch nothing else */
	cut = *last;
	snprintf(cut.to, sizeof(cut.to), "%s", date);
	snprintf(next.from, sizeof(next.from), "%s", date);
	if (catalog_period_overlaps(v, n - 1, &cut, -1) >= 0 ||
	    (action != CATALOG_REPEAL && catalog_period_overlaps(v, n - 1, &next, -1) >= 0))
		return zerr_set(e, 409, "version_overlap", "变更后的有效期与已有版本重叠 (periods would overlap)");
	plan->close = (long)(n - 1);
	plan->create = action != CATALOG_REPEAL;
	return 0;
}

json_t *catalog_changed_fields(json_t *a, json_t *b)
{
	json_t *out = json_array();
	size_t i;

	for (i = 0; catalog_content_fields[i]; i++) {
		json_t *x = json_object_get(a, catalog_content_fields[i]),
		       *y = json_object_get(b, catalog_content_fields[i]);

		if (!(x == y || (x && y && json_equal(x, y))) &&
		    !((!x || json_is_null(x)) && (!y || json_is_null(y))))
			json_array_append_new(out, json_string(catalog_content_fields[i]));
	}
	return out;
}

int catalog_next_version(enum catalog_action action, json_t *current, json_t *proposal,
			 json_t **out_r, struct zerr *e)
{
	json_t *v, *cmp, *diff;
	size_t i, nd;

	*out_r = NULL;
	if (action == CATALOG_ADD || !current) {
		*out_r = json_deep_copy(proposal ? proposal : json_object());
		return 0;
	}
	if (action == CATALOG_TRANSFER && strcmp(str(current, "mode") ? str(current, "mode") : "", "comprehensive") == 0)
		return zerr_set(e, 409, "no_change", "该事项已由综合执法行使，无需划转 (already under comprehensive enforcement)");
	if (action == CATALOG_DELEGATE && strcmp(str(current, "level") ? str(current, "level") : "", "township") == 0)
		return zerr_set(e, 409, "no_change", "该事项已下放乡镇（街道） (already delegated to townships)");
	v = json_object();
	for (i = 0; catalog_content_fields[i]; i++) {
		json_t *x = json_object_get(current, catalog_content_fields[i]);

		if (x && strcmp(catalog_content_fields[i], "agency_kind") != 0)
			json_object_set(v, catalog_content_fields[i], x);
	}
	json_object_set(v, "code", json_object_get(current, "code"));
	if (action == CATALOG_TRANSFER)
		json_object_set_new(v, "mode", json_string("comprehensive"));
	if (action == CATALOG_DELEGATE) {
		json_object_set_new(v, "level", json_string("township"));
		json_object_set_new(v, "mode", json_string("comprehensive"));
	}
	if (proposal)
		json_object_update(v, proposal);
	json_object_set(v, "code", json_object_get(current, "code"));
	json_object_set(v, "domain", json_object_get(current, "domain"));
	if (action == CATALOG_AMEND) {
		cmp = json_deep_copy(v);
		json_object_set_new(cmp, "agency_kind", json_string(catalog_agency_kind(str(v, "level"), str(v, "mode"))));
		diff = catalog_changed_fields(current, cmp);
		nd = json_array_size(diff);
		json_decref(diff);
		json_decref(cmp);
		if (nd == 0) {
			json_decref(v);
			return zerr_set(e, 409, "no_change", "修改后的内容与现行版本相同 (the amendment changes nothing)");
		}
	}
	*out_r = v;
	return 0;
}
