#include "domain/discretion.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/err.h"

enum in_type { IN_BOOL, IN_ENUM, IN_INT };

struct input {
	char name[DISCRETION_CODE_LEN];
	enum in_type type;
	int nvalues;                                      /* enum only */
	char values[DISCRETION_MAX_VALUES][DISCRETION_CODE_LEN];
};

/* One input's condition. Absent means any. bool and enum: bit i of mask allows value i
 * (bool: 0 false, 1 true). int: the half-open interval [lo, hi) of integers. */
struct cond {
	int present;
	uint32_t mask;
	long long lo, hi;
};

struct rule {
	char id[DISCRETION_CODE_LEN];
	struct cond when[DISCRETION_MAX_INPUTS];
	enum discretion_outcome outcome;
	long long min_fen, max_fen;
	int multiple_of;                 /* input index, or -1 for a fixed range */
	long long mult_min, mult_max;
	char other[DISCRETION_TEXT_LEN];
	char basis[DISCRETION_TEXT_LEN];
	char expl[DISCRETION_EXPL_LEN];
};

struct discretion_table {
	char item_code[DISCRETION_CODE_LEN];
	char version[DISCRETION_VERSION_LEN];
	struct zdate from, to;
	int has_to;
	char law[DISCRETION_TEXT_LEN];
	char benchmark[DISCRETION_TEXT_LEN];
	int ninputs;
	struct input inputs[DISCRETION_MAX_INPUTS];
	int nrules;
	struct rule *rules;
	size_t ntests;
	json_t *doc;
};

struct discretion_set {
	size_t n, cap;
	struct discretion_table **t;
};

/* Collects a refusal's errors[] up to DISCRETION_MAX_ERRORS and counts the rest. */
struct problems {
	struct zerr *e;
	int n;
	char first[512];
};

static void problem(struct problems *p, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void problem(struct problems *p, const char *field, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (p->n == 0)
		snprintf(p->first, sizeof(p->first), "%.200s：%.255s", field, msg);
	if (p->n < DISCRETION_MAX_ERRORS)
		zerr_field(p->e, field, "%s", msg);
	p->n++;
}

/* Turns the collected problems into the refusal; -1. */
static int refuse(struct problems *p, const char *code, const char *what)
{
	if (p->n > DISCRETION_MAX_ERRORS)
		return zerr_set(p->e, 400, code, "%s：%s；共 %d 处问题，仅列出前 %d 处 (%s)", what,
				p->first, p->n, DISCRETION_MAX_ERRORS, code);
	return zerr_set(p->e, 400, code, "%s：%s (%s)", what, p->first, code);
}

static const char *const outcome_names[] = { "no_penalty", "mitigated", "lighter", "ordinary",
					     "heavier" };
static const char *const outcome_zh[] = { "不予处罚", "减轻处罚", "从轻处罚", "一般处罚",
					  "从重处罚" };

const char *discretion_outcome_name(enum discretion_outcome o)
{
	return (unsigned)o < 5 ? outcome_names[o] : "?";
}

const char *discretion_outcome_zh(enum discretion_outcome o)
{
	return (unsigned)o < 5 ? outcome_zh[o] : "?";
}

int discretion_outcome_parse(const char *s, enum discretion_outcome *o_r)
{
	int i;

	for (i = 0; i < 5; i++) {
		if (s && strcmp(s, outcome_names[i]) == 0) {
			*o_r = (enum discretion_outcome)i;
			return 0;
		}
	}
	return -1;
}

const char *discretion_amount_name(enum discretion_amount a)
{
	switch (a) {
	case DISCRETION_AMOUNT_INSIDE:
		return "inside";
	case DISCRETION_AMOUNT_BELOW:
		return "below";
	case DISCRETION_AMOUNT_ABOVE:
		return "above";
	}
	return "?";
}

/* ---- parsing ---- */

/* Copies the string member key of obj into out. Missing: 0 when optional (out ""),
 * else a problem. Returns 0 or -1 (problem recorded). */
static int get_str(struct problems *p, const json_t *obj, const char *key, const char *field,
		   char *out, size_t cap, int required)
{
	json_t *v = json_object_get(obj, key);
	const char *s;

	out[0] = '\0';
	if (!v) {
		if (!required)
			return 0;
		problem(p, field, "缺少 %s (missing)", key);
		return -1;
	}
	if (!json_is_string(v)) {
		problem(p, field, "%s 须为字符串 (must be a string)", key);
		return -1;
	}
	s = json_string_value(v);
	if (s[0] == '\0' && required) {
		problem(p, field, "%s 不能为空 (empty)", key);
		return -1;
	}
	if (strlen(s) >= cap) {
		problem(p, field, "%s 过长，至多 %zu 字节 (too long)", key, cap - 1);
		return -1;
	}
	snprintf(out, cap, "%s", s);
	return 0;
}

/* Refuses members of obj not in the NULL-terminated list allowed. */
static void check_keys(struct problems *p, const json_t *obj, const char *field,
		       const char *const *allowed)
{
	const char *k;
	json_t *v;
	size_t i;

	json_object_foreach((json_t *)obj, k, v) {
		for (i = 0; allowed[i]; i++)
			if (strcmp(k, allowed[i]) == 0)
				break;
		if (!allowed[i])
			problem(p, field, "未知字段 %s (unknown field)", k);
	}
}

/* Identifiers: ASCII letters, digits, '_', '-', '.'; so they are safe in fields. */
static int ident_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' || *s == '.'))
			return 0;
	return 1;
}

/* An integer JSON value in [0, max]; -1 with a problem otherwise. */
static int get_amount(struct problems *p, const json_t *v, const char *field, const char *what,
		      long long max, long long *out)
{
	json_int_t n;

	if (!json_is_integer(v)) {
		problem(p, field, "%s 须为整数 (must be an integer)", what);
		return -1;
	}
	n = json_integer_value(v);
	if (n < 0) {
		problem(p, field, "%s 不能为负数 (negative)", what);
		return -1;
	}
	if (n > max) {
		problem(p, field, "%s 超过上限 %lld (too large)", what, max);
		return -1;
	}
	*out = (long long)n;
	return 0;
}

static int find_input(const struct discretion_table *t, const char *name)
{
	int i;

	for (i = 0; i < t->ninputs; i++)
		if (strcmp(t->inputs[i].name, name) == 0)
			return i;
	return -1;
}

static int find_value(const struct input *in, const char *v)
{
	int i;

	for (i = 0; i < in->nvalues; i++)
		if (strcmp(in->values[i], v) == 0)
			return i;
	return -1;
}

static void parse_inputs(struct problems *p, struct discretion_table *t, const json_t *arr)
{
	static const char *const keys[] = { "name", "type", "values", "zh", NULL };
	char field[128], type[16], zh[DISCRETION_TEXT_LEN];
	struct input *in;
	json_t *o, *v;
	size_t i, j;

	if (!json_is_array(arr) || json_array_size(arr) == 0) {
		problem(p, "inputs", "inputs 须为非空数组 (must be a non-empty array)");
		return;
	}
	if (json_array_size(arr) > DISCRETION_MAX_INPUTS) {
		problem(p, "inputs", "输入项至多 %d 个 (too many inputs)", DISCRETION_MAX_INPUTS);
		return;
	}
	json_array_foreach(arr, i, o) {
		in = &t->inputs[t->ninputs];
		snprintf(field, sizeof(field), "inputs/%zu", i);
		if (!json_is_object(o)) {
			problem(p, field, "须为对象 (must be an object)");
			continue;
		}
		check_keys(p, o, field, keys);
		if (get_str(p, o, "name", field, in->name, sizeof(in->name), 1) != 0)
			continue;
		snprintf(field, sizeof(field), "inputs/%s", in->name);
		get_str(p, o, "zh", field, zh, sizeof(zh), 1);
		if (!ident_ok(in->name)) {
			problem(p, field, "名称只能含字母、数字、_-. (bad name)");
			continue;
		}
		if (find_input(t, in->name) >= 0) {
			problem(p, field, "输入项重复 (duplicate input)");
			continue;
		}
		if (get_str(p, o, "type", field, type, sizeof(type), 1) != 0)
			continue;
		v = json_object_get(o, "values");
		if (strcmp(type, "bool") == 0) {
			in->type = IN_BOOL;
		} else if (strcmp(type, "int") == 0) {
			in->type = IN_INT;
		} else if (strcmp(type, "enum") == 0) {
			in->type = IN_ENUM;
			if (!json_is_array(v) || json_array_size(v) < 2 ||
			    json_array_size(v) > DISCRETION_MAX_VALUES) {
				problem(p, field, "enum 须有 2 至 %d 个取值 (values)",
					DISCRETION_MAX_VALUES);
				continue;
			}
			for (j = 0; j < json_array_size(v); j++) {
				const char *s = json_string_value(json_array_get(v, j));

				if (!s || !ident_ok(s) || strlen(s) >= DISCRETION_CODE_LEN) {
					problem(p, field, "取值 %zu 不合法 (bad value)", j);
					break;
				}
				if (find_value(in, s) >= 0) {
					problem(p, field, "取值 %s 重复 (duplicate value)", s);
					break;
				}
				snprintf(in->values[in->nvalues++], DISCRETION_CODE_LEN, "%s", s);
			}
			if (j < json_array_size(v))
				continue;
		} else {
			problem(p, field, "未知类型 %s，只能是 bool、enum、int (unknown type)", type);
			continue;
		}
		if (in->type != IN_ENUM && v) {
			problem(p, field, "只有 enum 有 values (values only for enum)");
			continue;
		}
		t->ninputs++;
	}
}

/* Parses one condition of rule field on input in. */
static void parse_cond(struct problems *p, const struct input *in, const json_t *v,
		       const char *field, struct cond *c)
{
	const char *k;
	json_t *n;
	long long x;
	int lower = 0, upper = 0, eq = 0;

	memset(c, 0, sizeof(*c));
	if (json_is_string(v) && strcmp(json_string_value(v), "any") == 0)
		return;
	c->present = 1;
	switch (in->type) {
	case IN_BOOL:
		if (!json_is_boolean(v)) {
			problem(p, field, "bool 条件只能是 true、false 或 \"any\" (bad condition)");
			return;
		}
		c->mask = json_is_true(v) ? 2u : 1u;
		return;
	case IN_ENUM:
		if (!json_is_object(v) || json_object_size(v) != 1 ||
		    !json_is_array(json_object_get(v, "in")) ||
		    json_array_size(json_object_get(v, "in")) == 0) {
			problem(p, field, "enum 条件须为 {\"in\": [取值…]} (bad condition)");
			return;
		}
		{
			json_t *arr = json_object_get(v, "in"), *s;
			size_t i;
			int vi;

			json_array_foreach(arr, i, s) {
				if (!json_is_string(s) ||
				    (vi = find_value(in, json_string_value(s))) < 0) {
					problem(p, field, "未知取值 %s (unknown value)",
						json_is_string(s) ? json_string_value(s) : "?");
					return;
				}
				if (c->mask & (1u << vi)) {
					problem(p, field, "取值 %s 重复 (duplicate value)",
						json_string_value(s));
					return;
				}
				c->mask |= 1u << vi;
			}
		}
		return;
	case IN_INT:
		break;
	}
	if (!json_is_object(v) || json_object_size(v) == 0) {
		problem(p, field, "int 条件须为 {\"ge\": a, \"lt\": b} 等 (bad condition)");
		return;
	}
	c->lo = 0;
	c->hi = DISCRETION_INT_MAX + 1;
	json_object_foreach((json_t *)v, k, n) {
		if (get_amount(p, n, field, k, DISCRETION_INT_MAX, &x) != 0)
			return;
		if (strcmp(k, "ge") == 0 || strcmp(k, "gt") == 0) {
			lower++;
			c->lo = k[1] == 'e' ? x : x + 1;
		} else if (strcmp(k, "lt") == 0 || strcmp(k, "le") == 0) {
			upper++;
			c->hi = k[1] == 't' ? x : x + 1;
		} else if (strcmp(k, "eq") == 0) {
			eq++;
			c->lo = x;
			c->hi = x + 1;
		} else {
			problem(p, field, "未知运算符 %s，只能是 lt、le、gt、ge、eq (unknown operator)",
				k);
			return;
		}
	}
	if (lower > 1 || upper > 1 || (eq && (lower || upper))) {
		problem(p, field, "运算符组合不合法：至多一个下界和一个上界，eq 单独使用 "
			"(bad operator combination)");
		return;
	}
	if (c->lo >= c->hi)
		problem(p, field, "区间为空 (empty range)");
}

static void parse_rule(struct problems *p, struct discretion_table *t, const json_t *o,
		       size_t idx)
{
	static const char *const keys[] = { "id", "when", "outcome", "fine_min_fen",
					     "fine_max_fen", "fine_multiple", "other_penalties",
					     "basis", "explanation_zh", NULL };
	static const char *const mkeys[] = { "of", "min", "max", NULL };
	struct rule *r = &t->rules[t->nrules];
	char field[160], outcome[32], of[DISCRETION_CODE_LEN];
	const json_t *when, *mult, *fmin, *fmax;
	const char *k;
	json_t *v;
	int i, bad = p->n;

	memset(r, 0, sizeof(*r));
	snprintf(field, sizeof(field), "rules/%zu", idx);
	if (!json_is_object(o)) {
		problem(p, field, "须为对象 (must be an object)");
		return;
	}
	if (get_str(p, o, "id", field, r->id, sizeof(r->id), 1) != 0)
		return;
	snprintf(field, sizeof(field), "rules/%s", r->id);
	if (!ident_ok(r->id))
		problem(p, field, "规则编号只能含字母、数字、_-. (bad id)");
	for (i = 0; i < t->nrules; i++)
		if (strcmp(t->rules[i].id, r->id) == 0)
			problem(p, field, "规则编号重复 (duplicate rule id)");
	check_keys(p, o, field, keys);
	get_str(p, o, "other_penalties", field, r->other, sizeof(r->other), 0);
	get_str(p, o, "basis", field, r->basis, sizeof(r->basis), 1);
	get_str(p, o, "explanation_zh", field, r->expl, sizeof(r->expl), 1);
	if (get_str(p, o, "outcome", field, outcome, sizeof(outcome), 1) == 0 &&
	    discretion_outcome_parse(outcome, &r->outcome) != 0)
		problem(p, field, "未知处理结果 %s (unknown outcome)", outcome);

	when = json_object_get(o, "when");
	if (!json_is_object(when)) {
		problem(p, field, "when 须为对象 (when must be an object)");
	} else {
		json_object_foreach((json_t *)when, k, v) {
			char cf[240];

			i = find_input(t, k);
			snprintf(cf, sizeof(cf), "rules/%s/when/%s", r->id, k);
			if (i < 0) {
				problem(p, cf, "未知输入项 %s (unknown input)", k);
				continue;
			}
			parse_cond(p, &t->inputs[i], v, cf, &r->when[i]);
		}
	}

	r->multiple_of = -1;
	fmin = json_object_get(o, "fine_min_fen");
	fmax = json_object_get(o, "fine_max_fen");
	mult = json_object_get(o, "fine_multiple");
	if (mult && (fmin || fmax)) {
		problem(p, field, "fine_multiple 与 fine_min_fen/fine_max_fen 只能二选一 "
			"(either a multiple or a fixed range)");
	} else if (mult) {
		if (!json_is_object(mult)) {
			problem(p, field, "fine_multiple 须为对象 (must be an object)");
		} else {
			check_keys(p, mult, field, mkeys);
			if (get_str(p, mult, "of", field, of, sizeof(of), 1) == 0) {
				r->multiple_of = find_input(t, of);
				if (r->multiple_of < 0 || t->inputs[r->multiple_of].type != IN_INT)
					problem(p, field, "fine_multiple.of 须为 int 输入项：%s "
						"(must name an int input)", of);
			}
			if (!json_object_get(mult, "min") || !json_object_get(mult, "max"))
				problem(p, field, "fine_multiple 须有 min 和 max (min and max)");
			else if (get_amount(p, json_object_get(mult, "min"), field, "fine_multiple.min",
					    DISCRETION_MULTIPLE_MAX, &r->mult_min) == 0 &&
				 get_amount(p, json_object_get(mult, "max"), field, "fine_multiple.max",
					    DISCRETION_MULTIPLE_MAX, &r->mult_max) == 0 &&
				 r->mult_min > r->mult_max)
				problem(p, field, "倍数下限大于上限 (min > max)");
		}
	} else if (!fmin || !fmax) {
		problem(p, field, "须有 fine_min_fen 和 fine_max_fen，或 fine_multiple "
			"(fine range missing)");
	} else if (get_amount(p, fmin, field, "fine_min_fen", DISCRETION_INT_MAX, &r->min_fen) ==
			   0 &&
		   get_amount(p, fmax, field, "fine_max_fen", DISCRETION_INT_MAX, &r->max_fen) == 0 &&
		   r->min_fen > r->max_fen) {
		problem(p, field, "罚款下限 %lld 分大于上限 %lld 分 (fine_min_fen > fine_max_fen)",
			r->min_fen, r->max_fen);
	}
	if (p->n == bad && r->outcome == DISCRETION_NO_PENALTY &&
	    (r->multiple_of >= 0 || r->max_fen != 0))
		problem(p, field, "不予处罚的罚款幅度须为 0 (no_penalty carries no fine)");
	if (p->n == bad)
		t->nrules++;
}

static void parse_date(struct problems *p, const json_t *doc, const char *key, struct zdate *d,
		       int required, int *has)
{
	char s[32];

	if (has)
		*has = 0;
	if (get_str(p, doc, key, key, s, sizeof(s), required) != 0 || !s[0])
		return;
	if (zdate_parse(s, d) != 0) {
		problem(p, key, "日期须为 YYYY-MM-DD (bad date)");
		return;
	}
	if (has)
		*has = 1;
}

/* ---- proving ---- */

#define WORDS (DISCRETION_MAX_RULES / 64)

struct dim {
	int n;              /* cells of this input */
	long long *bounds;  /* int: n + 1 sorted boundaries; cell c is [bounds[c], bounds[c+1]) */
	uint64_t *match;    /* n * WORDS: rules matching cell c */
};

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return (x > y) - (x < y);
}

static int cond_matches_cell(const struct input *in, const struct cond *c, const struct dim *d,
			     int cell)
{
	if (!c->present)
		return 1;
	if (in->type == IN_INT)
		return c->lo <= d->bounds[cell] && d->bounds[cell + 1] <= c->hi;
	return (c->mask >> cell) & 1u;
}

static void witness(const struct discretion_table *t, const struct dim *dims, const int *idx,
		    char *out, size_t cap)
{
	struct buf b = BUF_INIT(cap > 0 ? cap - 1 : 0);
	const struct input *in;
	int i;

	for (i = 0; i < t->ninputs; i++) {
		in = &t->inputs[i];
		buf_addf(&b, "%s%s=", i ? ", " : "", in->name);
		if (in->type == IN_BOOL)
			buf_adds(&b, idx[i] ? "true" : "false");
		else if (in->type == IN_ENUM)
			buf_adds(&b, in->values[idx[i]]);
		else
			buf_addf(&b, "%lld", dims[i].bounds[idx[i]]);
	}
	snprintf(out, cap, "%s", buf_str(&b));
	buf_release(&b);
}

/* Records that rules a and b both match the cell idx; copies the message to first. */
static void report_overlap(const struct discretion_table *t, const struct dim *dims,
			   const int *idx, int a, int b, struct problems *p, char *first,
			   size_t first_cap)
{
	char field[2 * DISCRETION_CODE_LEN + 16], wit[256];

	witness(t, dims, idx, wit, sizeof(wit));
	snprintf(field, sizeof(field), "rules/%s+%s", t->rules[a].id, t->rules[b].id);
	problem(p, field, "重叠：规则 %s 与 %s 同时适用于 %s (overlap)", t->rules[a].id,
		t->rules[b].id, wit);
	if (first)
		snprintf(first, first_cap, "规则 %s 与 %s 同时适用于 %s", t->rules[a].id,
			 t->rules[b].id, wit);
}

/* Checks that every combination of input cells matches exactly one rule. */
static int prove(struct discretion_table *t, struct zerr *e)
{
	struct dim dims[DISCRETION_MAX_INPUTS] = { { 0 } };
	struct problems p = { e, 0, "" };
	int idx[DISCRETION_MAX_INPUTS] = { 0 };
	unsigned char *pair = NULL;
	long long *tmp = NULL, cells = 1;
	long noverlap = 0, ngap = 0;
	int i, j, r, rc = -1, nb, done;
	char wit[256], first_overlap[512] = "";

	for (i = 0; i < t->ninputs; i++) {
		const struct input *in = &t->inputs[i];

		if (in->type == IN_BOOL) {
			dims[i].n = 2;
		} else if (in->type == IN_ENUM) {
			dims[i].n = in->nvalues;
		} else {
			tmp = malloc(sizeof(*tmp) * (2 * (size_t)t->nrules + 2));
			if (!tmp) {
				zerr_oom(e);
				goto out;
			}
			nb = 0;
			tmp[nb++] = 0;
			tmp[nb++] = DISCRETION_INT_MAX + 1;
			for (r = 0; r < t->nrules; r++) {
				if (!t->rules[r].when[i].present)
					continue;
				tmp[nb++] = t->rules[r].when[i].lo;
				tmp[nb++] = t->rules[r].when[i].hi;
			}
			qsort(tmp, (size_t)nb, sizeof(*tmp), cmp_ll);
			for (j = 1, r = 1; j < nb; j++)
				if (tmp[j] != tmp[r - 1])
					tmp[r++] = tmp[j];
			dims[i].bounds = tmp;
			dims[i].n = r - 1;
			tmp = NULL;
		}
		if (dims[i].n < 1) { /* parse_inputs and the int bounds guarantee at least one */
			zerr_internal(e, "discretion input without cells");
			goto out;
		}
		cells *= dims[i].n; /* at most (MAX_CELLS + 1) * (2 * MAX_RULES + 1) */
		if (cells > DISCRETION_MAX_CELLS)
			cells = DISCRETION_MAX_CELLS + 1;
		dims[i].match = calloc((size_t)dims[i].n * WORDS, sizeof(uint64_t));
		if (!dims[i].match) {
			zerr_oom(e);
			goto out;
		}
		for (j = 0; j < dims[i].n; j++)
			for (r = 0; r < t->nrules; r++)
				if (cond_matches_cell(in, &t->rules[r].when[i], &dims[i], j))
					dims[i].match[j * WORDS + r / 64] |= 1ull << (r % 64);
	}
	if (cells > DISCRETION_MAX_CELLS) {
		zerr_set(e, 400, "discretion_too_complex",
			 "裁量基准表的输入组合超过 %ld 个，无法逐一验证，请拆分表格或减少区间 "
			 "(too many combinations to prove)", DISCRETION_MAX_CELLS);
		goto out;
	}
	pair = calloc((size_t)t->nrules * (size_t)t->nrules, 1);
	if (!pair) {
		zerr_oom(e);
		goto out;
	}
	for (done = 0; !done;) {
		uint64_t acc[WORDS];
		int first = -1, second = -1;

		for (j = 0; j < WORDS; j++)
			acc[j] = ~0ull;
		for (i = 0; i < t->ninputs; i++)
			for (j = 0; j < WORDS; j++)
				acc[j] &= dims[i].match[idx[i] * WORDS + j];
		for (j = 0; j < WORDS && second < 0; j++) {
			uint64_t w = acc[j];

			while (w && second < 0) {
				r = j * 64 + __builtin_ctzll(w);
				w &= w - 1;
				if (r >= t->nrules)
					break;
				if (first < 0)
					first = r;
				else
					second = r;
			}
		}
		if (first < 0) {
			ngap++;
			if (p.n < DISCRETION_MAX_ERRORS) {
				witness(t, dims, idx, wit, sizeof(wit));
				problem(&p, "rules", "遗漏：没有规则适用于 %s (gap)", wit);
			} else {
				p.n++;
			}
		} else if (second >= 0) {
			/* Every pair of the rules matching here, each pair reported once. */
			int a, b;

			for (a = 0; a < t->nrules; a++) {
				if (!((acc[a / 64] >> (a % 64)) & 1u))
					continue;
				for (b = a + 1; b < t->nrules; b++) {
					if (!((acc[b / 64] >> (b % 64)) & 1u) || pair[a * t->nrules + b])
						continue;
					pair[a * t->nrules + b] = 1;
					report_overlap(t, dims, idx, a, b, &p, ++noverlap == 1 ?
						       first_overlap : NULL, sizeof(first_overlap));
				}
			}
		}
		for (i = t->ninputs - 1; i >= 0; i--) {
			if (++idx[i] < dims[i].n)
				break;
			idx[i] = 0;
		}
		done = i < 0;
	}
	if (noverlap) {
		/* The detail names an overlap even when a gap was found first. */
		snprintf(p.first, sizeof(p.first), "%.500s", first_overlap);
		refuse(&p, "discretion_overlap",
		       "裁量基准表的规则重叠，命中策略 unique 要求恰好一条规则适用");
	} else if (ngap) {
		refuse(&p, "discretion_gap", "裁量基准表有未覆盖的情形组合");
	} else {
		rc = 0;
	}
out:
	for (i = 0; i < t->ninputs; i++) {
		free(dims[i].bounds);
		free(dims[i].match);
	}
	free(tmp);
	free(pair);
	return rc;
}

/* ---- evaluation of one table ---- */

/* Reads the circumstance value of every input of t into v. Keys are checked elsewhere. */
static int read_values(const struct discretion_table *t, const json_t *circ, long long *v,
		       struct problems *p)
{
	const struct input *in;
	json_t *x;
	int i, bad = p->n;

	for (i = 0; i < t->ninputs; i++) {
		char field[DISCRETION_CODE_LEN + 16];

		in = &t->inputs[i];
		snprintf(field, sizeof(field), "circumstances/%s", in->name);
		x = json_object_get(circ, in->name);
		if (!x) {
			problem(p, field, "缺少情节 %s (missing circumstance)", in->name);
			continue;
		}
		if (in->type == IN_BOOL) {
			if (!json_is_boolean(x))
				problem(p, field, "须为 true 或 false (must be a bool)");
			else
				v[i] = json_is_true(x);
		} else if (in->type == IN_ENUM) {
			int k = json_is_string(x) ? find_value(in, json_string_value(x)) : -1;

			if (k < 0)
				problem(p, field, "未知取值 (unknown value)");
			else
				v[i] = k;
		} else {
			get_amount(p, x, field, in->name, DISCRETION_INT_MAX, &v[i]);
		}
	}
	return p->n == bad ? 0 : -1;
}

static int rule_matches(const struct discretion_table *t, const struct rule *r, const long long *v)
{
	int i;

	for (i = 0; i < t->ninputs; i++) {
		const struct cond *c = &r->when[i];

		if (!c->present)
			continue;
		if (t->inputs[i].type == IN_INT) {
			if (v[i] < c->lo || v[i] >= c->hi)
				return 0;
		} else if (!((c->mask >> v[i]) & 1u)) {
			return 0;
		}
	}
	return 1;
}

/* Fills r from the rule of t that matches v (the proof guarantees exactly one). */
static int eval_values(const struct discretion_table *t, const long long *v,
		       struct discretion_result *res, struct zerr *e)
{
	const struct rule *r = NULL;
	int i;

	for (i = 0; i < t->nrules && !r; i++)
		if (rule_matches(t, &t->rules[i], v))
			r = &t->rules[i];
	if (!r)
		return zerr_internal(e, "proven discretion table without a matching rule");
	memset(res, 0, sizeof(*res));
	res->outcome = r->outcome;
	if (r->multiple_of >= 0) {
		res->min_fen = v[r->multiple_of] * r->mult_min;
		res->max_fen = v[r->multiple_of] * r->mult_max;
	} else {
		res->min_fen = r->min_fen;
		res->max_fen = r->max_fen;
	}
	snprintf(res->item_code, sizeof(res->item_code), "%s", t->item_code);
	snprintf(res->rule, sizeof(res->rule), "%s", r->id);
	snprintf(res->version, sizeof(res->version), "%s", t->version);
	snprintf(res->violation_version, sizeof(res->violation_version), "%s", t->version);
	res->effective_from = t->from;
	snprintf(res->law, sizeof(res->law), "%s", t->law);
	snprintf(res->benchmark, sizeof(res->benchmark), "%s", t->benchmark);
	snprintf(res->rule_basis, sizeof(res->rule_basis), "%s", r->basis);
	snprintf(res->other_penalties, sizeof(res->other_penalties), "%s", r->other);
	snprintf(res->explanation, sizeof(res->explanation), "%s", r->expl);
	return 0;
}

/* Refuses keys of circ that are inputs of neither a nor b (b may be NULL). */
static void check_circ_keys(const struct discretion_table *a, const struct discretion_table *b,
			    const json_t *circ, struct problems *p)
{
	const char *k;
	json_t *v;

	json_object_foreach((json_t *)circ, k, v) {
		char field[DISCRETION_CODE_LEN + 16];

		if (find_input(a, k) >= 0 || (b && find_input(b, k) >= 0))
			continue;
		snprintf(field, sizeof(field), "circumstances/%.*s", DISCRETION_CODE_LEN - 1, k);
		problem(p, field, "裁量基准表没有此情节 (unknown circumstance)");
	}
}

static int eval_circ(const struct discretion_table *t, const struct discretion_table *other,
		     const json_t *circ, struct discretion_result *res, struct zerr *e)
{
	long long v[DISCRETION_MAX_INPUTS] = { 0 };
	struct problems p = { e, 0, "" };

	memset(res, 0, sizeof(*res));
	if (!json_is_object(circ)) {
		problem(&p, "circumstances", "须为对象 (must be an object)");
		return refuse(&p, "invalid_circumstances", "情节不合法");
	}
	check_circ_keys(t, other, circ, &p);
	read_values(t, circ, v, &p);
	if (p.n)
		return refuse(&p, "invalid_circumstances", "情节不合法");
	return eval_values(t, v, res, e);
}

int discretion_table_eval(const struct discretion_table *t, const json_t *circumstances,
			  struct discretion_result *r, struct zerr *e)
{
	return eval_circ(t, NULL, circumstances, r, e);
}

/* ---- embedded tests ---- */

static int run_tests(struct discretion_table *t, const json_t *tests, struct zerr *e)
{
	static const char *const keys[] = { "name", "circumstances", "expect", "note", NULL };
	static const char *const ekeys[] = { "rule", "outcome", "min_fen", "max_fen", NULL };
	struct problems p = { e, 0, "" };
	int nfailed = 0;
	json_t *o;
	size_t i;

	if (!json_is_array(tests) || json_array_size(tests) == 0) {
		problem(&p, "tests", "须至少有一个测试用例 (at least one test case)");
		return refuse(&p, "invalid_discretion_table", "裁量基准表不合法");
	}
	if (json_array_size(tests) > DISCRETION_MAX_TESTS) {
		problem(&p, "tests", "测试用例至多 %d 个 (too many tests)", DISCRETION_MAX_TESTS);
		return refuse(&p, "invalid_discretion_table", "裁量基准表不合法");
	}
	json_array_foreach(tests, i, o) {
		char name[DISCRETION_CODE_LEN * 2], field[DISCRETION_CODE_LEN * 2 + 16];
		char rule[DISCRETION_CODE_LEN], outcome[32];
		struct discretion_result res;
		struct zerr te = ZERR_INIT;
		enum discretion_outcome want = DISCRETION_ORDINARY;
		long long wmin = -1, wmax = -1;
		const json_t *ex;
		int bad = p.n;

		snprintf(field, sizeof(field), "tests/%zu", i);
		if (!json_is_object(o)) {
			problem(&p, field, "须为对象 (must be an object)");
			continue;
		}
		check_keys(&p, o, field, keys);
		if (get_str(&p, o, "name", field, name, sizeof(name), 1) != 0)
			continue;
		snprintf(field, sizeof(field), "tests/%s", name);
		ex = json_object_get(o, "expect");
		if (!json_is_object(ex)) {
			problem(&p, field, "缺少 expect (missing expect)");
			continue;
		}
		check_keys(&p, ex, field, ekeys);
		get_str(&p, ex, "rule", field, rule, sizeof(rule), 1);
		if (get_str(&p, ex, "outcome", field, outcome, sizeof(outcome), 1) == 0 &&
		    discretion_outcome_parse(outcome, &want) != 0)
			problem(&p, field, "未知处理结果 %s (unknown outcome)", outcome);
		if (!json_object_get(ex, "min_fen") || !json_object_get(ex, "max_fen"))
			problem(&p, field, "expect 须有 min_fen 和 max_fen (missing range)");
		else if (get_amount(&p, json_object_get(ex, "min_fen"), field, "min_fen",
				    LLONG_MAX, &wmin) == 0)
			get_amount(&p, json_object_get(ex, "max_fen"), field, "max_fen", LLONG_MAX,
				   &wmax);
		if (p.n != bad)
			continue;
		if (eval_circ(t, NULL, json_object_get(o, "circumstances"), &res, &te) != 0) {
			problem(&p, field, "测试用例未通过：%s (test failed)", te.detail);
			nfailed++;
		} else if (strcmp(res.rule, rule) != 0 || res.outcome != want ||
			   res.min_fen != wmin || res.max_fen != wmax) {
			problem(&p, field,
				"测试用例未通过：期望规则 %s（%s，%lld–%lld 分），实际规则 %s（%s，"
				"%lld–%lld 分） (test failed)",
				rule, discretion_outcome_name(want), wmin, wmax, res.rule,
				discretion_outcome_name(res.outcome), res.min_fen, res.max_fen);
			nfailed++;
		}
		zerr_clear(&te);
	}
	/* A malformed test case makes a malformed table; a well-formed one that gives
	 * another answer is a failed test. */
	if (p.n && p.n > nfailed)
		return refuse(&p, "invalid_discretion_table", "裁量基准表不合法");
	if (p.n)
		return refuse(&p, "discretion_test_failed", "裁量基准表自带的测试用例未通过");
	t->ntests = json_array_size(tests);
	return 0;
}

/* ---- loading ---- */

int discretion_table_load(const json_t *doc, struct discretion_table **t_r, struct zerr *e)
{
	static const char *const keys[] = { "item_code", "version", "effective_from",
					    "effective_to", "basis", "inputs", "hit_policy",
					    "rules", "tests", "title", "note", NULL };
	static const char *const bkeys[] = { "law", "article", "benchmark", NULL };
	struct discretion_table *t = NULL;
	struct problems p = { e, 0, "" };
	char hit[32], law[DISCRETION_TEXT_LEN], art[DISCRETION_TEXT_LEN];
	const json_t *rules, *basis;
	json_t *o;
	size_t i;
	int rc = -1;

	*t_r = NULL;
	if (!json_is_object(doc)) {
		zerr_set(e, 400, "invalid_discretion_table", "裁量基准表须为 JSON 对象 (must be an object)");
		goto out;
	}
	t = calloc(1, sizeof(*t));
	if (!t) {
		zerr_oom(e);
		goto out;
	}
	check_keys(&p, doc, "table", keys);
	if (get_str(&p, doc, "item_code", "item_code", t->item_code, sizeof(t->item_code), 1) == 0 &&
	    !ident_ok(t->item_code))
		problem(&p, "item_code", "只能含字母、数字、_-. (bad item code)");
	if (get_str(&p, doc, "version", "version", t->version, sizeof(t->version), 1) == 0 &&
	    !ident_ok(t->version))
		problem(&p, "version", "只能含字母、数字、_-. (bad version)");
	parse_date(&p, doc, "effective_from", &t->from, 1, NULL);
	parse_date(&p, doc, "effective_to", &t->to, 0, &t->has_to);
	if (t->has_to && zdate_cmp(t->to, t->from) < 0)
		problem(&p, "effective_to", "失效日期早于生效日期 (effective_to before effective_from)");
	if (get_str(&p, doc, "hit_policy", "hit_policy", hit, sizeof(hit), 1) == 0 &&
	    strcmp(hit, "unique") != 0)
		problem(&p, "hit_policy", "命中策略只能是 unique (only \"unique\")");
	basis = json_object_get(doc, "basis");
	if (!json_is_object(basis)) {
		problem(&p, "basis", "须为 {law, article, benchmark} (missing basis)");
	} else {
		check_keys(&p, basis, "basis", bkeys);
		get_str(&p, basis, "law", "basis", law, sizeof(law), 1);
		get_str(&p, basis, "article", "basis", art, sizeof(art), 1);
		get_str(&p, basis, "benchmark", "basis", t->benchmark, sizeof(t->benchmark), 1);
		if ((size_t)snprintf(t->law, sizeof(t->law), "《%s》%s", law, art) >= sizeof(t->law))
			problem(&p, "basis", "law 与 article 合计过长 (too long)");
	}
	parse_inputs(&p, t, json_object_get(doc, "inputs"));
	rules = json_object_get(doc, "rules");
	if (!json_is_array(rules) || json_array_size(rules) == 0) {
		problem(&p, "rules", "rules 须为非空数组 (must be a non-empty array)");
	} else if (json_array_size(rules) > DISCRETION_MAX_RULES) {
		problem(&p, "rules", "规则至多 %d 条 (too many rules)", DISCRETION_MAX_RULES);
	} else if (p.n == 0) {
		t->rules = calloc(json_array_size(rules), sizeof(*t->rules));
		if (!t->rules) {
			zerr_oom(e);
			goto out;
		}
		json_array_foreach(rules, i, o)
			parse_rule(&p, t, o, i);
	}
	if (p.n) {
		refuse(&p, "invalid_discretion_table", "裁量基准表不合法");
		goto out;
	}
	if (prove(t, e) != 0)
		goto out;
	if (run_tests(t, json_object_get(doc, "tests"), e) != 0)
		goto out;
	t->doc = json_deep_copy(doc);
	if (!t->doc) {
		zerr_oom(e);
		goto out;
	}
	*t_r = t;
	t = NULL;
	rc = 0;
out:
	discretion_table_free(&t);
	return rc;
}

int discretion_table_load_text(const char *text, size_t len, struct discretion_table **t_r,
			       struct zerr *e)
{
	json_error_t jerr;
	json_t *doc;
	int rc;

	*t_r = NULL;
	if (len > DISCRETION_TEXT_MAX)
		return zerr_set(e, 400, "invalid_discretion_table",
				"裁量基准表超过 %d 字节 (document too large)", DISCRETION_TEXT_MAX);
	doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!doc)
		return zerr_set(e, 400, "invalid_discretion_table",
				"裁量基准表不是合法的 JSON：第 %d 行：%s (invalid JSON)", jerr.line,
				jerr.text);
	rc = discretion_table_load(doc, t_r, e);
	json_decref(doc);
	return rc;
}

void discretion_table_free(struct discretion_table **t)
{
	if (!t || !*t)
		return;
	free((*t)->rules);
	json_decref((*t)->doc);
	free(*t);
	*t = NULL;
}

const char *discretion_table_item_code(const struct discretion_table *t)
{
	return t->item_code;
}

const char *discretion_table_version(const struct discretion_table *t)
{
	return t->version;
}

struct zdate discretion_table_effective_from(const struct discretion_table *t)
{
	return t->from;
}

int discretion_table_effective_to(const struct discretion_table *t, struct zdate *to_r)
{
	if (t->has_to)
		*to_r = t->to;
	return t->has_to;
}

int discretion_table_in_force(const struct discretion_table *t, struct zdate d)
{
	return zdate_cmp(t->from, d) <= 0 && (!t->has_to || zdate_cmp(d, t->to) <= 0);
}

const json_t *discretion_table_json(const struct discretion_table *t)
{
	return t->doc;
}

size_t discretion_table_nrules(const struct discretion_table *t)
{
	return (size_t)t->nrules;
}

size_t discretion_table_ntests(const struct discretion_table *t)
{
	return t->ntests;
}

/* ---- sets ---- */

struct discretion_set *discretion_set_new(void)
{
	return calloc(1, sizeof(struct discretion_set));
}

void discretion_set_free(struct discretion_set **s)
{
	size_t i;

	if (!s || !*s)
		return;
	for (i = 0; i < (*s)->n; i++)
		discretion_table_free(&(*s)->t[i]);
	free((*s)->t);
	free(*s);
	*s = NULL;
}

int discretion_set_add(struct discretion_set *s, struct discretion_table **t, struct zerr *e)
{
	const struct discretion_table *o;
	char d[ZDATE_STRLEN];
	size_t i;

	if (!*t)
		return zerr_internal(e, "discretion_set_add without a table");
	for (i = 0; i < s->n; i++) {
		o = s->t[i];
		if (strcmp(o->item_code, (*t)->item_code) != 0)
			continue;
		if (strcmp(o->version, (*t)->version) == 0)
			return zerr_set(e, 409, "discretion_version_exists",
					"事项 %s 的裁量基准 %s 版已存在；新内容须用新版本号 "
					"(version exists; a new version needs a new number)",
					o->item_code, o->version);
		if (zdate_cmp(o->from, (*t)->from) == 0)
			return zerr_set(e, 409, "discretion_version_exists",
					"事项 %s 已有 %s 起施行的裁量基准（%s 版） "
					"(another version starts that day)",
					o->item_code, zdate_format(o->from, d), o->version);
	}
	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 8;
		/* NOLINTNEXTLINE(bugprone-sizeof-expression): an array of pointers */
		struct discretion_table **nt = realloc(s->t, cap * sizeof(*s->t));

		if (!nt)
			return zerr_oom(e);
		s->t = nt;
		s->cap = cap;
	}
	s->t[s->n++] = *t;
	*t = NULL;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_file(struct discretion_set *s, const char *path, struct zerr *e)
{
	struct discretion_table *t = NULL;
	struct buf b = BUF_INIT(DISCRETION_TEXT_MAX);
	char chunk[8192], detail[sizeof(e->detail)];
	FILE *f = fopen(path, "rb");
	size_t n;
	int rc = -1;

	if (!f) {
		zerr_set(e, 500, "discretion_io", "无法读取裁量基准文件 %s：%s (cannot read)", path,
			 strerror(errno));
		goto out;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (buf_add(&b, chunk, n) != 0) {
			zerr_set(e, 400, "invalid_discretion_table",
				 "裁量基准文件 %s 过大 (file too large)", path);
			goto out;
		}
	}
	if (ferror(f)) {
		zerr_set(e, 500, "discretion_io", "读取 %s 出错 (read error)", path);
		goto out;
	}
	if (discretion_table_load_text(buf_str(&b), b.len, &t, e) != 0 ||
	    discretion_set_add(s, &t, e) != 0) {
		snprintf(detail, sizeof(detail), "%s", e->detail);
		snprintf(e->detail, sizeof(e->detail), "%.150s：%.350s", path, detail);
		goto out;
	}
	rc = 0;
out:
	discretion_table_free(&t);
	buf_release(&b);
	if (f)
		fclose(f);
	return rc;
}

int discretion_set_load_dir(struct discretion_set *s, const char *dir, struct zerr *e)
{
	char **names = NULL, path[4096];
	size_t n = 0, cap = 0, i, len;
	struct dirent *de;
	DIR *d = opendir(dir);
	int rc = -1;

	if (!d) {
		zerr_set(e, 500, "discretion_io", "无法打开裁量基准目录 %s：%s (cannot open)", dir,
			 strerror(errno));
		goto out;
	}
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len < 6 || de->d_name[0] == '.' || strcmp(de->d_name + len - 5, ".json") != 0)
			continue;
		if (n == cap) {
			char **nn = realloc(names, (cap ? 2 * cap : 16) * sizeof(*nn));

			if (!nn) {
				zerr_oom(e);
				goto out;
			}
			names = nn;
			cap = cap ? 2 * cap : 16;
		}
		names[n] = strdup(de->d_name);
		if (!names[n]) {
			zerr_oom(e);
			goto out;
		}
		n++;
	}
	if (n)
		qsort(names, n, sizeof(*names), cmp_str);
	for (i = 0; i < n; i++) {
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, names[i]) >= sizeof(path)) {
			zerr_set(e, 500, "discretion_io", "路径过长 (path too long)");
			goto out;
		}
		if (load_file(s, path, e) != 0)
			goto out;
	}
	rc = 0;
out:
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (d)
		closedir(d);
	return rc;
}

const struct discretion_table *discretion_set_find(const struct discretion_set *s,
						   const char *item_code, struct zdate d)
{
	const struct discretion_table *best = NULL, *t;
	size_t i;

	for (i = 0; i < s->n; i++) {
		t = s->t[i];
		if (strcmp(t->item_code, item_code) != 0 || !discretion_table_in_force(t, d))
			continue;
		if (!best || zdate_cmp(t->from, best->from) > 0)
			best = t;
	}
	return best;
}

/* ---- evaluation ---- */

int discretion_result_cmp(const struct discretion_result *a, const struct discretion_result *b)
{
	if (a->outcome != b->outcome)
		return a->outcome < b->outcome ? -1 : 1;
	if (a->max_fen != b->max_fen)
		return a->max_fen < b->max_fen ? -1 : 1;
	if (a->min_fen != b->min_fen)
		return a->min_fen < b->min_fen ? -1 : 1;
	return 0;
}

int discretion_evaluate(const struct discretion_set *s, const char *item_code,
			struct zdate violation_date, struct zdate decision_date,
			const json_t *circumstances, struct discretion_result *r,
			struct zerr *e)
{
	const struct discretion_table *old, *cur;
	struct discretion_result newer;
	char dv[ZDATE_STRLEN], dd[ZDATE_STRLEN], df[ZDATE_STRLEN];

	if (zdate_cmp(decision_date, violation_date) < 0)
		return zerr_set(e, 400, "invalid_dates",
				"决定日期早于违法行为发生日期 (decision before violation)");
	old = discretion_set_find(s, item_code, violation_date);
	if (!old)
		return zerr_set(e, 404, "discretion_not_found",
				"事项 %s 在 %s 没有施行中的裁量基准 (no benchmark in force)",
				item_code, zdate_format(violation_date, dv));
	cur = discretion_set_find(s, item_code, decision_date);
	if (cur == old)
		cur = NULL;
	if (eval_circ(old, cur, circumstances, r, e) != 0)
		return -1;
	zdate_format(violation_date, dv);
	snprintf(r->note, sizeof(r->note), "适用违法行为发生时（%s）施行的 %s 版裁量基准", dv,
		 old->version);
	if (!cur)
		return 0;
	if (eval_circ(cur, old, circumstances, &newer, e) != 0)
		return -1;
	zdate_format(decision_date, dd);
	if (discretion_result_cmp(&newer, r) >= 0) {
		snprintf(r->note, sizeof(r->note),
			 "适用违法行为发生时（%s）施行的 %s 版裁量基准；作出决定时（%s）施行的 %s "
			 "版不轻于旧版，依《中华人民共和国行政处罚法》第三十七条适用旧版",
			 dv, old->version, dd, cur->version);
		return 0;
	}
	newer.applied_newer = 1;
	snprintf(newer.violation_version, sizeof(newer.violation_version), "%s", old->version);
	snprintf(newer.note, sizeof(newer.note),
		 "依《中华人民共和国行政处罚法》第三十七条（从旧兼从轻）：违法行为发生时（%s）施行 "
		 "%s 版（%s，%lld–%lld 分），作出决定时施行 %s 起的 %s 版处罚较轻（%s，%lld–%lld "
		 "分），适用新版",
		 dv, old->version, discretion_outcome_zh(r->outcome), r->min_fen, r->max_fen,
		 zdate_format(cur->from, df), cur->version, discretion_outcome_zh(newer.outcome),
		 newer.min_fen, newer.max_fen);
	*r = newer;
	return 0;
}

enum discretion_amount discretion_check_amount(const struct discretion_result *r,
					       long long fine_fen)
{
	if (fine_fen < r->min_fen)
		return DISCRETION_AMOUNT_BELOW;
	if (fine_fen > r->max_fen)
		return DISCRETION_AMOUNT_ABOVE;
	return DISCRETION_AMOUNT_INSIDE;
}

json_t *discretion_result_json(const struct discretion_result *r)
{
	char from[ZDATE_STRLEN], basis[3 * DISCRETION_TEXT_LEN + 16];

	snprintf(basis, sizeof(basis), "%s；%s；%s", r->law, r->rule_basis, r->benchmark);
	return json_pack("{s:s, s:s, s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, "
			 "s:b, s:s, s:s}",
			 "outcome", discretion_outcome_name(r->outcome), "outcome_zh",
			 discretion_outcome_zh(r->outcome), "min_fen", (json_int_t)r->min_fen,
			 "max_fen", (json_int_t)r->max_fen, "rule", r->rule, "item_code",
			 r->item_code, "version", r->version, "effective_from",
			 zdate_format(r->effective_from, from), "basis", basis, "law", r->law,
			 "benchmark", r->benchmark, "rule_basis", r->rule_basis, "other_penalties",
			 r->other_penalties, "explanation", r->explanation, "applied_newer",
			 r->applied_newer, "violation_version", r->violation_version, "note",
			 r->note);
}
