/* Tests of the discretion engine (行政处罚法 Arts 30, 32–34, 37; docs/discretion.md).
 * The demo tables are read from data/discretion, so run the test binary from the
 * repository root (as `make` and the brief do). */
#include "core/buf.h"
#include "core/err.h"
#include "domain/discretion.h"
#include "t.h"

static struct zdate D(int y, int m, int d)
{
	struct zdate r = { y, m, d };

	return r;
}

/* Loads text as a table; NULL with e filled when refused. */
static struct discretion_table *load(const char *text, struct zerr *e)
{
	struct discretion_table *t = NULL;

	discretion_table_load_text(text, strlen(text), &t, e);
	return t;
}

/* True when some errors[] message of e contains s. */
static int has_error(const struct zerr *e, const char *field, const char *s)
{
	size_t i;
	json_t *o;

	json_array_foreach(e->errors, i, o) {
		const char *f = json_string_value(json_object_get(o, "field"));
		const char *m = json_string_value(json_object_get(o, "message"));

		if ((!field || (f && strcmp(f, field) == 0)) && m && strstr(m, s))
			return 1;
	}
	return 0;
}

static int eval(const struct discretion_table *t, const char *circ,
		struct discretion_result *r, struct zerr *e)
{
	json_t *c = json_loads(circ, 0, NULL);
	int rc = discretion_table_eval(t, c, r, e);

	json_decref(c);
	return rc;
}

/* A two-input table with one int input split at 10000 fen; the rule conditions on
 * "amount" are spliced in, so each test can move one boundary. */
#define HEAD(ver, from, to)                                                              \
	"{\"item_code\":\"test.item\",\"version\":\"" ver "\",\"effective_from\":\"" from \
	"\"" to ",\"hit_policy\":\"unique\","                                              \
	"\"basis\":{\"law\":\"中华人民共和国测试法\",\"article\":\"第一条\","              \
	"\"benchmark\":\"测试基准\"},"                                                      \
	"\"inputs\":[{\"name\":\"corrected\",\"type\":\"bool\",\"zh\":\"及时改正\"},"        \
	"{\"name\":\"harm\",\"type\":\"enum\",\"values\":[\"none\",\"slight\",\"serious\"],\"zh\":\"后果\"}," \
	"{\"name\":\"amount\",\"type\":\"int\",\"zh\":\"金额（分）\"}],"
#define RULE(id, when, outcome, lo, hi)                                                  \
	"{\"id\":\"" id "\",\"when\":" when ",\"outcome\":\"" outcome "\","              \
	"\"fine_min_fen\":" #lo ",\"fine_max_fen\":" #hi ","                              \
	"\"basis\":\"第一条\",\"explanation_zh\":\"说明\"}"
#define NOTEST "\"tests\":[{\"name\":\"t\",\"circumstances\":{\"corrected\":true,\"harm\":\"none\",\"amount\":0}," \
	"\"expect\":{\"rule\":\"np\",\"outcome\":\"no_penalty\",\"min_fen\":0,\"max_fen\":0}}]}"

/* The base rules: np covers corrected+none; the rest split on harm and amount. */
#define BASE_RULES(lt_small, ge_big)                                                     \
	"\"rules\":["                                                                    \
	RULE("np", "{\"corrected\":true,\"harm\":{\"in\":[\"none\"]}}", "no_penalty", 0, 0) "," \
	RULE("ord-none", "{\"corrected\":false,\"harm\":{\"in\":[\"none\"]}}", "ordinary", 1000, 2000) "," \
	RULE("small", "{\"harm\":{\"in\":[\"slight\",\"serious\"]},\"amount\":" lt_small "}", "lighter", 500, 1000) "," \
	RULE("big", "{\"harm\":{\"in\":[\"slight\",\"serious\"]},\"amount\":" ge_big "}", "heavier", 3000, 5000) \
	"],"

TEST(discretion_proven_table_loads_and_evaluates)
{
	struct zerr e = ZERR_INIT;
	struct discretion_table *t = load(HEAD("1", "2024-01-01", "")
					  BASE_RULES("{\"lt\":10000}", "{\"ge\":10000}") NOTEST, &e);
	struct discretion_result r;

	CHECK_STR(e.detail, "");
	CHECK(t);
	CHECK_INT(discretion_table_nrules(t), 4);
	CHECK_INT(discretion_table_ntests(t), 1);
	CHECK_INT(eval(t, "{\"corrected\":false,\"harm\":\"slight\",\"amount\":9999}", &r, &e), 0);
	CHECK_STR(r.rule, "small");
	CHECK_INT(r.outcome, DISCRETION_LIGHTER);
	CHECK_INT(eval(t, "{\"corrected\":false,\"harm\":\"slight\",\"amount\":10000}", &r, &e), 0);
	CHECK_STR(r.rule, "big");
	CHECK_INT(r.min_fen, 3000);
	CHECK_STR(r.law, "《中华人民共和国测试法》第一条");
	discretion_table_free(&t);
	CHECK(t == NULL);
	zerr_clear(&e);
}

TEST(discretion_overlap_is_refused_with_its_witness)
{
	struct zerr e = ZERR_INIT;
	/* lt 10001 against ge 10000: both rules match 10000 fen exactly. */
	struct discretion_table *t = load(HEAD("1", "2024-01-01", "")
					  BASE_RULES("{\"lt\":10001}", "{\"ge\":10000}") NOTEST, &e);

	CHECK(t == NULL);
	CHECK_INT(e.status, 400);
	CHECK_STR(e.code, "discretion_overlap");
	CHECK(has_error(&e, "rules/small+big",
			"规则 small 与 big 同时适用于 corrected=false, harm=slight, amount=10000"));
	CHECK(strstr(e.detail, "规则 small 与 big 同时适用于") != NULL);
	/* One entry per pair of rules, not one per combination. */
	CHECK_INT(json_array_size(e.errors), 1);
	zerr_clear(&e);
}

TEST(discretion_gap_is_refused_with_its_witness)
{
	struct zerr e = ZERR_INIT;
	/* lt 10000 and gt 10000: exactly 10000 fen matches no rule (超过/不足 both exclude it). */
	struct discretion_table *t = load(HEAD("1", "2024-01-01", "")
					  BASE_RULES("{\"lt\":10000}", "{\"gt\":10000}") NOTEST, &e);

	CHECK(t == NULL);
	CHECK_STR(e.code, "discretion_gap");
	CHECK(has_error(&e, "rules", "没有规则适用于 corrected=false, harm=slight, amount=10000"));
	CHECK(has_error(&e, "rules", "corrected=true, harm=serious, amount=10000"));
	zerr_clear(&e);
}

TEST(discretion_int_edges_lt_le_one_fen_over)
{
	struct zerr e = ZERR_INIT;
	struct discretion_table *t = load(HEAD("1", "2024-01-01", "")
					  BASE_RULES("{\"le\":10000}", "{\"gt\":10000}") NOTEST, &e);
	struct discretion_result r;

	CHECK(t);
	CHECK_INT(eval(t, "{\"corrected\":true,\"harm\":\"serious\",\"amount\":10000}", &r, &e), 0);
	CHECK_STR(r.rule, "small");
	CHECK_INT(eval(t, "{\"corrected\":true,\"harm\":\"serious\",\"amount\":10001}", &r, &e), 0);
	CHECK_STR(r.rule, "big");
	CHECK_INT(eval(t, "{\"corrected\":true,\"harm\":\"serious\",\"amount\":0}", &r, &e), 0);
	CHECK_STR(r.rule, "small");
	CHECK_INT(eval(t, "{\"corrected\":true,\"harm\":\"serious\",\"amount\":1000000000000000}",
		       &r, &e), 0);
	CHECK_STR(r.rule, "big");
	discretion_table_free(&t);
	/* A range {"ge": a, "lt": b} and eq cut cells too. */
	t = load(HEAD("1", "2024-01-01", "") "\"rules\":["
		 RULE("np", "{\"corrected\":true,\"harm\":{\"in\":[\"none\"]}}", "no_penalty", 0, 0) ","
		 RULE("ord-none", "{\"corrected\":false,\"harm\":{\"in\":[\"none\"]}}", "ordinary", 1000, 2000) ","
		 RULE("zero", "{\"harm\":{\"in\":[\"slight\",\"serious\"]},\"amount\":{\"eq\":0}}", "lighter", 100, 200) ","
		 RULE("mid", "{\"harm\":{\"in\":[\"slight\",\"serious\"]},\"amount\":{\"ge\":1,\"lt\":500}}", "lighter", 500, 1000) ","
		 RULE("top", "{\"harm\":{\"in\":[\"slight\",\"serious\"]},\"amount\":{\"ge\":500}}", "heavier", 3000, 5000)
		 "]," NOTEST, &e);
	CHECK(t);
	CHECK_INT(eval(t, "{\"corrected\":true,\"harm\":\"slight\",\"amount\":499}", &r, &e), 0);
	CHECK_STR(r.rule, "mid");
	CHECK_INT(eval(t, "{\"corrected\":true,\"harm\":\"slight\",\"amount\":500}", &r, &e), 0);
	CHECK_STR(r.rule, "top");
	CHECK_INT(eval(t, "{\"corrected\":true,\"harm\":\"slight\",\"amount\":0}", &r, &e), 0);
	CHECK_STR(r.rule, "zero");
	discretion_table_free(&t);
	zerr_clear(&e);
}

TEST(discretion_malformed_tables_name_the_problem)
{
	static const struct {
		const char *rules;
		const char *field, *msg;
	} cases[] = {
		{ RULE("x", "{\"colour\":true}", "ordinary", 0, 1), "rules/x/when/colour", "未知输入项" },
		{ RULE("x", "{\"amount\":{\"ne\":5}}", "ordinary", 0, 1), "rules/x/when/amount", "未知运算符 ne" },
		{ RULE("x", "{\"harm\":{\"in\":[\"fatal\"]}}", "ordinary", 0, 1), "rules/x/when/harm", "未知取值 fatal" },
		{ RULE("x", "{\"corrected\":\"yes\"}", "ordinary", 0, 1), "rules/x/when/corrected", "bool 条件" },
		{ RULE("x", "{}", "ordinary", 2000, 1000), "rules/x", "大于上限" },
		{ RULE("x", "{}", "ordinary", -1, 1000), "rules/x", "不能为负数" },
		{ RULE("x", "{}", "ordinary", 10.5, 1000), "rules/x", "须为整数" },
		{ RULE("x", "{}", "severe", 0, 1), "rules/x", "未知处理结果 severe" },
		{ RULE("x", "{}", "no_penalty", 0, 100), "rules/x", "不予处罚的罚款幅度须为 0" },
		{ RULE("x", "{\"amount\":{\"ge\":5,\"lt\":5}}", "ordinary", 0, 1), "rules/x/when/amount", "区间为空" },
		{ RULE("x", "{\"amount\":{\"eq\":5,\"lt\":9}}", "ordinary", 0, 1), "rules/x/when/amount", "运算符组合" },
		{ RULE("x", "{\"amount\":{\"lt\":1.5}}", "ordinary", 0, 1), "rules/x/when/amount", "须为整数" },
		{ RULE("x", "{}", "ordinary", 0, 1) "," RULE("x", "{}", "ordinary", 0, 1), "rules/x", "规则编号重复" },
		{ "{\"id\":\"m\",\"when\":{},\"outcome\":\"ordinary\",\"fine_multiple\":{\"of\":"
		  "\"harm\",\"min\":1,\"max\":2},\"basis\":\"b\",\"explanation_zh\":\"e\"}",
		  "rules/m", "须为 int 输入项：harm" },
		{ "{\"id\":\"m\",\"when\":{},\"outcome\":\"ordinary\",\"fine_multiple\":{\"of\":"
		  "\"amount\",\"min\":3,\"max\":2},\"basis\":\"b\",\"explanation_zh\":\"e\"}",
		  "rules/m", "倍数下限大于上限" },
		{ "{\"id\":\"m\",\"when\":{},\"outcome\":\"ordinary\",\"fine_min_fen\":0,"
		  "\"fine_multiple\":{\"of\":\"amount\",\"min\":1,\"max\":2},\"basis\":\"b\","
		  "\"explanation_zh\":\"e\"}", "rules/m", "只能二选一" },
		{ "{\"id\":\"m\",\"when\":{},\"outcome\":\"ordinary\",\"fine_min_fen\":0,"
		  "\"basis\":\"b\",\"explanation_zh\":\"e\"}", "rules/m", "须有 fine_min_fen" },
		{ "{\"id\":\"m\",\"when\":{},\"outcome\":\"ordinary\",\"fine_min_fen\":0,"
		  "\"fine_max_fen\":\"100\",\"basis\":\"b\",\"explanation_zh\":\"e\"}", "rules/m",
		  "fine_max_fen 须为整数" },
		{ "{\"id\":\"m\",\"when\":{},\"outcome\":\"ordinary\",\"fine_min_fen\":0,"
		  "\"fine_max_fen\":1,\"explanation_zh\":\"e\",\"colour\":1}", "rules/m", "未知字段 colour" },
	};
	char text[4096];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct zerr e = ZERR_INIT;
		struct discretion_table *t;

		snprintf(text, sizeof(text), "%s\"rules\":[%s],%s", HEAD("1", "2024-01-01", ""),
			 cases[i].rules, NOTEST);
		t = load(text, &e);
		if (t || strcmp(e.code, "invalid_discretion_table") != 0 ||
		    !has_error(&e, cases[i].field, cases[i].msg)) {
			t_fail(__FILE__, __LINE__, "case %zu: code %s, detail %s", i, e.code, e.detail);
			discretion_table_free(&t);
			zerr_clear(&e);
			return;
		}
		zerr_clear(&e);
	}
}

TEST(discretion_fine_multiple_of_an_int_input)
{
	struct zerr e = ZERR_INIT;
	struct discretion_table *t = load(HEAD("1", "2024-01-01", "") "\"rules\":["
		RULE("np", "{\"corrected\":true,\"harm\":{\"in\":[\"none\"]}}", "no_penalty", 0, 0) ","
		RULE("ord-none", "{\"corrected\":false,\"harm\":{\"in\":[\"none\"]}}", "ordinary", 1000, 2000) ","
		"{\"id\":\"x\",\"when\":{\"harm\":{\"in\":[\"slight\",\"serious\"]}},\"outcome\":"
		"\"ordinary\",\"fine_multiple\":{\"of\":\"amount\",\"min\":2,\"max\":10},"
		"\"basis\":\"b\",\"explanation_zh\":\"e\"}],"
		"\"tests\":[{\"name\":\"gains_2001\",\"circumstances\":{\"corrected\":true,"
		"\"harm\":\"slight\",\"amount\":2001},\"expect\":{\"rule\":\"x\",\"outcome\":"
		"\"ordinary\",\"min_fen\":4002,\"max_fen\":20010}}]}", &e);
	struct discretion_result r;

	CHECK_STR(e.detail, "");
	CHECK(t);
	CHECK_INT(eval(t, "{\"corrected\":true,\"harm\":\"serious\",\"amount\":1000000000000000}",
		       &r, &e), 0);
	CHECK_INT(r.min_fen, 2000000000000000LL);
	CHECK_INT(r.max_fen, 10000000000000000LL);
	CHECK_INT(discretion_check_amount(&r, 1999999999999999LL), DISCRETION_AMOUNT_BELOW);
	discretion_table_free(&t);
	zerr_clear(&e);
}

TEST(discretion_bad_documents_are_refused)
{
	struct zerr e = ZERR_INIT;
	struct discretion_table *t;

	t = load("{\"item_code\":", &e);
	CHECK(!t);
	CHECK_STR(e.code, "invalid_discretion_table");
	zerr_clear(&e);
	t = load(HEAD("1", "2024-01-01", ",\"effective_to\":\"2023-12-31\"")
		 BASE_RULES("{\"lt\":10000}", "{\"ge\":10000}") NOTEST, &e);
	CHECK(!t);
	CHECK(has_error(&e, "effective_to", "失效日期早于生效日期"));
	zerr_clear(&e);
	/* hit_policy other than unique, an unknown top-level field, duplicate keys. */
	t = load("{\"item_code\":\"a\",\"item_code\":\"b\"}", &e);
	CHECK(!t);
	zerr_clear(&e);
	t = load("{\"item_code\":\"a\",\"version\":\"1\",\"effective_from\":\"2024-01-01\","
		 "\"hit_policy\":\"first\",\"colour\":1,\"basis\":{\"law\":\"l\",\"article\":\"a\","
		 "\"benchmark\":\"b\"},\"inputs\":[{\"name\":\"x\",\"type\":\"float\",\"zh\":\"x\"}],"
		 "\"rules\":[],\"tests\":[]}", &e);
	CHECK(!t);
	CHECK(has_error(&e, "hit_policy", "只能是 unique"));
	CHECK(has_error(&e, "table", "未知字段 colour"));
	CHECK(has_error(&e, "inputs/x", "未知类型 float"));
	zerr_clear(&e);
}

TEST(discretion_failing_embedded_test_refuses_the_table)
{
	struct zerr e = ZERR_INIT;
	struct discretion_table *t = load(HEAD("1", "2024-01-01", "")
		BASE_RULES("{\"lt\":10000}", "{\"ge\":10000}")
		"\"tests\":[{\"name\":\"edge_10000_is_small\",\"circumstances\":{\"corrected\":false,"
		"\"harm\":\"slight\",\"amount\":10000},\"expect\":{\"rule\":\"small\",\"outcome\":"
		"\"lighter\",\"min_fen\":500,\"max_fen\":1000}}]}", &e);

	CHECK(!t);
	CHECK_STR(e.code, "discretion_test_failed");
	CHECK(has_error(&e, "tests/edge_10000_is_small", "期望规则 small"));
	CHECK(has_error(&e, "tests/edge_10000_is_small", "实际规则 big（heavier，3000–5000 分）"));
	zerr_clear(&e);
	/* A test whose circumstances miss an input fails too, naming the input. */
	t = load(HEAD("1", "2024-01-01", "") BASE_RULES("{\"lt\":10000}", "{\"ge\":10000}")
		 "\"tests\":[{\"name\":\"no_amount\",\"circumstances\":{\"corrected\":true,"
		 "\"harm\":\"none\"},\"expect\":{\"rule\":\"np\",\"outcome\":\"no_penalty\","
		 "\"min_fen\":0,\"max_fen\":0}}]}", &e);
	CHECK(!t);
	CHECK_STR(e.code, "discretion_test_failed");
	CHECK(has_error(&e, "tests/no_amount", "缺少情节 amount"));
	zerr_clear(&e);
	/* No tests at all: refused. */
	t = load(HEAD("1", "2024-01-01", "") BASE_RULES("{\"lt\":10000}", "{\"ge\":10000}")
		 "\"tests\":[]}", &e);
	CHECK(!t);
	CHECK(has_error(&e, "tests", "至少有一个测试用例"));
	zerr_clear(&e);
}

TEST(discretion_too_many_combinations_is_refused)
{
	struct buf b = BUF_INIT(1 << 20);
	struct zerr e = ZERR_INIT;
	struct discretion_table *t = NULL;
	int i;

	/* 13 int inputs, each cut into 3 intervals by one rule: 3^13 > 1,000,000 cells. */
	buf_adds(&b, "{\"item_code\":\"big\",\"version\":\"1\",\"effective_from\":\"2024-01-01\","
		     "\"hit_policy\":\"unique\",\"basis\":{\"law\":\"l\",\"article\":\"a\","
		     "\"benchmark\":\"b\"},\"inputs\":[");
	for (i = 0; i < 13; i++)
		buf_addf(&b, "%s{\"name\":\"n%d\",\"type\":\"int\",\"zh\":\"n\"}", i ? "," : "", i);
	buf_adds(&b, "],\"rules\":[{\"id\":\"r\",\"when\":{");
	for (i = 0; i < 13; i++)
		buf_addf(&b, "%s\"n%d\":{\"ge\":1,\"lt\":9}", i ? "," : "", i);
	buf_adds(&b, "},\"outcome\":\"ordinary\",\"fine_min_fen\":0,\"fine_max_fen\":1,"
		     "\"basis\":\"a\",\"explanation_zh\":\"e\"}],\"tests\":[]}");
	CHECK_INT(discretion_table_load_text(b.data, b.len, &t, &e), -1);
	CHECK_STR(e.code, "discretion_too_complex");
	buf_release(&b);
	zerr_clear(&e);
}

TEST(discretion_circumstances_missing_or_unknown_name_the_input)
{
	struct zerr e = ZERR_INIT;
	struct discretion_table *t = load(HEAD("1", "2024-01-01", "")
					  BASE_RULES("{\"lt\":10000}", "{\"ge\":10000}") NOTEST, &e);
	struct discretion_result r;

	CHECK(t);
	CHECK_INT(eval(t, "{\"corrected\":true,\"harm\":\"none\"}", &r, &e), -1);
	CHECK_STR(e.code, "invalid_circumstances");
	CHECK(has_error(&e, "circumstances/amount", "缺少情节 amount"));
	zerr_clear(&e);
	CHECK_INT(eval(t, "{\"corrected\":true,\"harm\":\"fatal\",\"amount\":1}", &r, &e), -1);
	CHECK(has_error(&e, "circumstances/harm", "未知取值"));
	zerr_clear(&e);
	CHECK_INT(eval(t, "{\"corrected\":1,\"harm\":\"none\",\"amount\":1.5,\"colour\":1}", &r, &e), -1);
	CHECK(has_error(&e, "circumstances/corrected", "true 或 false"));
	CHECK(has_error(&e, "circumstances/amount", "须为整数"));
	CHECK(has_error(&e, "circumstances/colour", "没有此情节"));
	zerr_clear(&e);
	CHECK_INT(eval(t, "{\"corrected\":true,\"harm\":\"none\",\"amount\":-1}", &r, &e), -1);
	CHECK(has_error(&e, "circumstances/amount", "不能为负数"));
	zerr_clear(&e);
	discretion_table_free(&t);
}

/* ---- versions and 从旧兼从轻 (Art 37) ---- */

/* One version of test.item whose "big" rule has the given outcome and range. */
static struct discretion_table *version(const char *ver, const char *from, const char *big_outcome,
					long lo, long hi)
{
	char text[4096];
	struct zerr e = ZERR_INIT;
	struct discretion_table *t = NULL;

	snprintf(text, sizeof(text),
		 "{\"item_code\":\"test.item\",\"version\":\"%s\",\"effective_from\":\"%s\","
		 "\"hit_policy\":\"unique\",\"basis\":{\"law\":\"测试法\",\"article\":\"第一条\","
		 "\"benchmark\":\"测试基准\"},\"inputs\":[{\"name\":\"big\",\"type\":\"bool\",\"zh\":\"b\"}],"
		 "\"rules\":[{\"id\":\"small\",\"when\":{\"big\":false},\"outcome\":\"lighter\","
		 "\"fine_min_fen\":100,\"fine_max_fen\":200,\"basis\":\"b\",\"explanation_zh\":\"e\"},"
		 "{\"id\":\"big\",\"when\":{\"big\":true},\"outcome\":\"%s\",\"fine_min_fen\":%ld,"
		 "\"fine_max_fen\":%ld,\"basis\":\"b\",\"explanation_zh\":\"e\"}],"
		 "\"tests\":[{\"name\":\"s\",\"circumstances\":{\"big\":false},\"expect\":{\"rule\":"
		 "\"small\",\"outcome\":\"lighter\",\"min_fen\":100,\"max_fen\":200}}]}",
		 ver, from, big_outcome, lo, hi);
	discretion_table_load_text(text, strlen(text), &t, &e);
	zerr_clear(&e);
	return t;
}

static int add(struct discretion_set *s, struct discretion_table *t)
{
	struct zerr e = ZERR_INIT;
	int rc = t ? discretion_set_add(s, &t, &e) : -1;

	discretion_table_free(&t);
	zerr_clear(&e);
	return rc;
}

static int evaluate(const struct discretion_set *s, struct zdate v, struct zdate d, const char *circ,
		    struct discretion_result *r, struct zerr *e)
{
	json_t *c = json_loads(circ, 0, NULL);
	int rc = discretion_evaluate(s, "test.item", v, d, c, r, e);

	json_decref(c);
	return rc;
}

TEST(discretion_version_is_chosen_by_violation_date)
{
	struct discretion_set *s = discretion_set_new();
	struct zerr e = ZERR_INIT;
	struct discretion_result r;

	CHECK(s);
	CHECK_INT(add(s, version("2024", "2024-01-01", "ordinary", 1000, 2000)), 0);
	CHECK_INT(add(s, version("2025", "2025-07-01", "heavier", 3000, 4000)), 0);
	/* Violation before 2025-07-01, decided after: the 2024 version, the newer is heavier. */
	CHECK_INT(evaluate(s, D(2025, 6, 30), D(2025, 8, 1), "{\"big\":true}", &r, &e), 0);
	CHECK_STR(r.version, "2024");
	CHECK_INT(r.outcome, DISCRETION_ORDINARY);
	CHECK_INT(r.applied_newer, 0);
	CHECK(strstr(r.note, "不轻于旧版") != NULL);
	/* Violation on the first day of the 2025 version. */
	CHECK_INT(evaluate(s, D(2025, 7, 1), D(2025, 8, 1), "{\"big\":true}", &r, &e), 0);
	CHECK_STR(r.version, "2025");
	CHECK_INT(r.max_fen, 4000);
	/* Before any version: 404. Decision before violation: 400. */
	CHECK_INT(evaluate(s, D(2023, 12, 31), D(2024, 2, 1), "{\"big\":true}", &r, &e), -1);
	CHECK_INT(e.status, 404);
	CHECK_STR(e.code, "discretion_not_found");
	zerr_clear(&e);
	CHECK_INT(evaluate(s, D(2025, 7, 2), D(2025, 7, 1), "{\"big\":true}", &r, &e), -1);
	CHECK_STR(e.code, "invalid_dates");
	zerr_clear(&e);
	/* A version number or a start day used twice is refused. */
	CHECK_INT(add(s, version("2025", "2025-09-01", "heavier", 3000, 4000)), -1);
	CHECK_INT(add(s, version("2025b", "2025-07-01", "heavier", 3000, 4000)), -1);
	discretion_set_free(&s);
	CHECK(s == NULL);
}

TEST(penalty_law_art37_newer_lighter_version_applies)
{
	struct discretion_set *s = discretion_set_new();
	struct zerr e = ZERR_INIT;
	struct discretion_result r;

	CHECK(s);
	CHECK_INT(add(s, version("old", "2024-01-01", "heavier", 3000, 4000)), 0);
	CHECK_INT(add(s, version("new", "2026-01-01", "ordinary", 3000, 4000)), 0);
	CHECK_INT(evaluate(s, D(2025, 12, 31), D(2026, 1, 5), "{\"big\":true}", &r, &e), 0);
	CHECK_STR(r.version, "new");
	CHECK_STR(r.violation_version, "old");
	CHECK_INT(r.applied_newer, 1);
	CHECK_INT(r.outcome, DISCRETION_ORDINARY);
	CHECK(strstr(r.note, "第三十七条") != NULL);
	/* Decided before the new version took effect: the old one. */
	CHECK_INT(evaluate(s, D(2025, 12, 31), D(2025, 12, 31), "{\"big\":true}", &r, &e), 0);
	CHECK_STR(r.version, "old");
	CHECK_INT(r.applied_newer, 0);
	/* Where both versions give the same result the old one stays. */
	CHECK_INT(evaluate(s, D(2025, 3, 1), D(2026, 3, 1), "{\"big\":false}", &r, &e), 0);
	CHECK_STR(r.version, "old");
	CHECK_INT(r.applied_newer, 0);
	discretion_set_free(&s);
}

TEST(penalty_law_art37_lighter_compares_outcome_then_max_then_min)
{
	struct discretion_result a = { 0 }, b = { 0 };

	a.outcome = DISCRETION_HEAVIER, a.min_fen = 0, a.max_fen = 1;
	b.outcome = DISCRETION_ORDINARY, b.min_fen = 100, b.max_fen = 10000;
	CHECK(discretion_result_cmp(&b, &a) < 0);
	a.outcome = DISCRETION_NO_PENALTY;
	b.outcome = DISCRETION_MITIGATED;
	CHECK(discretion_result_cmp(&a, &b) < 0);
	a.outcome = b.outcome = DISCRETION_ORDINARY;
	a.max_fen = 5000, b.max_fen = 4999, a.min_fen = 0, b.min_fen = 4000;
	CHECK(discretion_result_cmp(&b, &a) < 0);
	b.max_fen = 5000;
	CHECK(discretion_result_cmp(&a, &b) < 0);
	b.min_fen = 0;
	CHECK_INT(discretion_result_cmp(&a, &b), 0);
}

TEST(penalty_law_art37_newer_lower_max_applies_newer_higher_does_not)
{
	struct discretion_set *s = discretion_set_new();
	struct zerr e = ZERR_INIT;
	struct discretion_result r;

	CHECK(s);
	CHECK_INT(add(s, version("old", "2024-01-01", "ordinary", 1000, 5000)), 0);
	CHECK_INT(add(s, version("new", "2026-01-01", "ordinary", 1000, 4999)), 0);
	CHECK_INT(evaluate(s, D(2025, 5, 1), D(2026, 5, 1), "{\"big\":true}", &r, &e), 0);
	CHECK_STR(r.version, "new");
	CHECK_INT(r.max_fen, 4999);
	discretion_set_free(&s);

	s = discretion_set_new();
	CHECK(s);
	CHECK_INT(add(s, version("old", "2024-01-01", "ordinary", 1000, 5000)), 0);
	CHECK_INT(add(s, version("new", "2026-01-01", "ordinary", 1001, 5000)), 0);
	CHECK_INT(evaluate(s, D(2025, 5, 1), D(2026, 5, 1), "{\"big\":true}", &r, &e), 0);
	CHECK_STR(r.version, "old");
	CHECK_INT(r.min_fen, 1000);
	discretion_set_free(&s);
}

TEST(discretion_check_amount_edges)
{
	struct discretion_result r = { 0 };

	r.min_fen = 500000;
	r.max_fen = 1000000;
	CHECK_INT(discretion_check_amount(&r, 499999), DISCRETION_AMOUNT_BELOW);
	CHECK_INT(discretion_check_amount(&r, 500000), DISCRETION_AMOUNT_INSIDE);
	CHECK_INT(discretion_check_amount(&r, 1000000), DISCRETION_AMOUNT_INSIDE);
	CHECK_INT(discretion_check_amount(&r, 1000001), DISCRETION_AMOUNT_ABOVE);
	CHECK_STR(discretion_amount_name(DISCRETION_AMOUNT_ABOVE), "above");
	/* No penalty: any fine at all is above. */
	r.min_fen = r.max_fen = 0;
	CHECK_INT(discretion_check_amount(&r, 0), DISCRETION_AMOUNT_INSIDE);
	CHECK_INT(discretion_check_amount(&r, 1), DISCRETION_AMOUNT_ABOVE);
}

/* ---- the shipped demo tables ---- */

static struct discretion_set *shipped(void)
{
	struct discretion_set *s = discretion_set_new();
	struct zerr e = ZERR_INIT;

	if (s && discretion_set_load_dir(s, "data/discretion", &e) != 0) {
		fprintf(stdout, "    load: %s\n", e.detail);
		discretion_set_free(&s);
	}
	zerr_clear(&e);
	return s;
}

static int demo(const struct discretion_set *s, const char *item, struct zdate v, struct zdate d,
		const char *circ, struct discretion_result *r)
{
	struct zerr e = ZERR_INIT;
	json_t *c = json_loads(circ, 0, NULL);
	int rc = discretion_evaluate(s, item, v, d, c, r, &e);

	if (rc)
		fprintf(stdout, "    evaluate: %s\n", e.detail);
	json_decref(c);
	zerr_clear(&e);
	return rc;
}

TEST(discretion_every_demo_table_loads_and_passes_its_tests)
{
	static const char *const items[] = { "SC000001", "CG000001",
					     "CG000041", "JT000002",
					     "SC000027" };
	struct discretion_set *s = shipped();
	const struct discretion_table *t;
	size_t i;

	CHECK(s);
	for (i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		t = discretion_set_find(s, items[i], D(2026, 6, 1));
		CHECK(t);
		CHECK(discretion_table_ntests(t) >= 4);
		CHECK(json_is_object(discretion_table_json(t)));
	}
	t = discretion_set_find(s, "CG000041", D(2025, 12, 31));
	CHECK(t);
	CHECK_STR(discretion_table_version(t), "2023.1");
	discretion_set_free(&s);
}

#define ADULT "\"first_violation\":false,\"repeat\":false,\"art32\":false,\"minor\":false"

TEST(penalty_law_art33_minor_violation_corrected_no_harm_is_not_penalised)
{
	struct discretion_set *s = shipped();
	struct discretion_result r;

	CHECK(s);
	CHECK_INT(demo(s, "CG000001", D(2026, 3, 2), D(2026, 3, 2),
		       "{" ADULT ",\"corrected\":true,\"harm\":\"none\",\"area_m2\":0}", &r), 0);
	CHECK_INT(r.outcome, DISCRETION_NO_PENALTY);
	CHECK_STR(r.rule, "np-33-1");
	CHECK(strstr(r.rule_basis, "第三十三条第一款") != NULL);
	CHECK_INT(discretion_check_amount(&r, 2000), DISCRETION_AMOUNT_ABOVE);
	discretion_set_free(&s);
}

TEST(penalty_law_art32_mandatory_mitigation_goes_below_the_statutory_minimum)
{
	struct discretion_set *s = shipped();
	struct discretion_result r;

	CHECK(s);
	/* 食品安全法 Art 122: value under 10,000 yuan → 50,000 to 100,000 yuan; mitigated below. */
	CHECK_INT(demo(s, "SC000001", D(2026, 3, 2), D(2026, 4, 2),
		       "{\"first_violation\":false,\"repeat\":false,\"art32\":true,\"minor\":false,"
		       "\"corrected\":false,\"harm\":\"slight\",\"goods_value_fen\":500000}", &r), 0);
	CHECK_INT(r.outcome, DISCRETION_MITIGATED);
	CHECK(r.max_fen < 5000000);
	CHECK(strstr(r.rule_basis, "第三十二条") != NULL);
	discretion_set_free(&s);
}

TEST(penalty_law_art37_demo_cooking_fume_2026_version_is_lighter)
{
	struct discretion_set *s = shipped();
	struct discretion_result r;
	json_t *j;

	CHECK(s);
	/* Violation in 2025 under the 2023.1 version, decided in 2026 under the lighter 2026.1. */
	CHECK_INT(demo(s, "CG000041", D(2025, 11, 20), D(2026, 1, 12),
		       "{" ADULT ",\"corrected\":false,\"harm\":\"none\",\"excess_pct\":50}", &r), 0);
	CHECK_STR(r.version, "2026.1");
	CHECK_STR(r.violation_version, "2023.1");
	CHECK_INT(r.applied_newer, 1);
	CHECK_INT(r.min_fen, 1000000);
	CHECK_INT(r.max_fen, 2000000);
	j = discretion_result_json(&r);
	CHECK(j);
	CHECK_STR(json_string_value(json_object_get(j, "outcome")), "ordinary");
	CHECK(json_is_true(json_object_get(j, "applied_newer")));
	CHECK_INT(json_integer_value(json_object_get(j, "max_fen")), 2000000);
	json_decref(j);
	/* Decided in 2025: the old version. */
	CHECK_INT(demo(s, "CG000041", D(2025, 11, 20), D(2025, 12, 12),
		       "{" ADULT ",\"corrected\":false,\"harm\":\"none\",\"excess_pct\":50}", &r), 0);
	CHECK_STR(r.version, "2023.1");
	CHECK_INT(r.max_fen, 3000000);
	discretion_set_free(&s);
}

TEST(discretion_demo_multiple_of_illegal_gains)
{
	struct discretion_set *s = shipped();
	struct discretion_result r;

	CHECK(s);
	/* 道路运输条例 Art 63: gains over 20,000 yuan → multiples; exactly 20,000 → fixed. */
	CHECK_INT(demo(s, "JT000002", D(2026, 3, 2), D(2026, 3, 20),
		       "{\"first_violation\":false,\"repeat\":false,\"art32\":false,"
		       "\"corrected\":false,\"harm\":\"none\",\"illegal_gains_fen\":3000000}", &r), 0);
	CHECK_INT(r.min_fen, 12000000);
	CHECK_INT(r.max_fen, 21000000);
	CHECK_INT(demo(s, "JT000002", D(2026, 3, 2), D(2026, 3, 20),
		       "{\"first_violation\":false,\"repeat\":false,\"art32\":false,"
		       "\"corrected\":false,\"harm\":\"none\",\"illegal_gains_fen\":2000000}", &r), 0);
	CHECK_INT(r.min_fen, 3000000);
	CHECK_INT(r.max_fen, 7000000);
	discretion_set_free(&s);
}

TEST(discretion_demo_table_with_a_rule_removed_is_refused_as_a_gap)
{
	struct zerr e = ZERR_INIT;
	struct discretion_table *t = NULL;
	json_t *doc = json_load_file("data/discretion/SC000001-2024.1.json", 0, NULL);
	json_t *rules = json_object_get(doc, "rules");
	size_t i;

	CHECK(doc);
	for (i = 0; i < json_array_size(rules); i++) {
		if (strcmp(json_string_value(json_object_get(json_array_get(rules, i), "id")),
			   "np-33-2") == 0)
			break;
	}
	CHECK(i < json_array_size(rules));
	/* The table as shipped loads; the caller's document may change afterwards. */
	CHECK_INT(discretion_table_load(doc, &t, &e), 0);
	json_array_remove(rules, i);
	CHECK_INT(discretion_table_nrules(t), json_array_size(rules) + 1);
	CHECK_INT(json_array_size(json_object_get(discretion_table_json(t), "rules")),
		  json_array_size(rules) + 1);
	discretion_table_free(&t);
	CHECK_INT(discretion_table_load(doc, &t, &e), -1);
	CHECK_STR(e.code, "discretion_gap");
	CHECK(has_error(&e, "rules", "first_violation=true, corrected=true, harm=slight, "
				     "repeat=false"));
	json_decref(doc);
	zerr_clear(&e);
}

TEST(discretion_three_rules_on_one_combination_name_every_pair)
{
	struct zerr e = ZERR_INIT;
	struct discretion_table *t = load(HEAD("1", "2024-01-01", "") "\"rules\":["
		RULE("np", "{\"corrected\":true,\"harm\":{\"in\":[\"none\"]}}", "no_penalty", 0, 0) ","
		RULE("ord-none", "{\"corrected\":false,\"harm\":{\"in\":[\"none\"]}}", "ordinary", 1000, 2000) ","
		RULE("small", "{\"harm\":{\"in\":[\"slight\",\"serious\"]},\"amount\":{\"lt\":10000}}", "lighter", 500, 1000) ","
		RULE("big", "{\"harm\":{\"in\":[\"slight\",\"serious\"]},\"amount\":{\"ge\":10000}}", "heavier", 3000, 5000) ","
		RULE("dup", "{\"harm\":{\"in\":[\"serious\"]}}", "heavier", 3000, 5000) ","
		RULE("dup2", "{\"harm\":{\"in\":[\"serious\"]},\"amount\":{\"lt\":10000}}", "heavier", 3000, 5000)
		"]," NOTEST, &e);

	CHECK(!t);
	CHECK_STR(e.code, "discretion_overlap");
	CHECK(has_error(&e, "rules/small+dup", "corrected=false, harm=serious, amount=0"));
	CHECK(has_error(&e, "rules/small+dup2", "corrected=false, harm=serious, amount=0"));
	CHECK(has_error(&e, "rules/dup+dup2", "corrected=false, harm=serious, amount=0"));
	CHECK(has_error(&e, "rules/big+dup", "corrected=false, harm=serious, amount=10000"));
	CHECK_INT(json_array_size(e.errors), 4);
	zerr_clear(&e);
}

TEST(penalty_law_art37_newer_version_with_a_new_input_needs_its_value)
{
	static const char newer[] =
		"{\"item_code\":\"test.item\",\"version\":\"new\",\"effective_from\":\"2026-01-01\","
		"\"hit_policy\":\"unique\",\"basis\":{\"law\":\"测试法\",\"article\":\"第一条\","
		"\"benchmark\":\"测试基准\"},\"inputs\":[{\"name\":\"big\",\"type\":\"bool\",\"zh\":\"b\"},"
		"{\"name\":\"online\",\"type\":\"bool\",\"zh\":\"o\"}],"
		"\"rules\":[{\"id\":\"small\",\"when\":{\"big\":false},\"outcome\":\"lighter\","
		"\"fine_min_fen\":100,\"fine_max_fen\":200,\"basis\":\"b\",\"explanation_zh\":\"e\"},"
		"{\"id\":\"big-offline\",\"when\":{\"big\":true,\"online\":false},\"outcome\":\"lighter\","
		"\"fine_min_fen\":100,\"fine_max_fen\":200,\"basis\":\"b\",\"explanation_zh\":\"e\"},"
		"{\"id\":\"big-online\",\"when\":{\"big\":true,\"online\":true},\"outcome\":\"heavier\","
		"\"fine_min_fen\":9000,\"fine_max_fen\":9000,\"basis\":\"b\",\"explanation_zh\":\"e\"}],"
		"\"tests\":[{\"name\":\"s\",\"circumstances\":{\"big\":false,\"online\":true},\"expect\":"
		"{\"rule\":\"small\",\"outcome\":\"lighter\",\"min_fen\":100,\"max_fen\":200}}]}";
	struct discretion_set *s = discretion_set_new();
	struct discretion_table *t = NULL;
	struct zerr e = ZERR_INIT;
	struct discretion_result r;

	CHECK(s);
	CHECK_INT(add(s, version("old", "2024-01-01", "ordinary", 1000, 5000)), 0);
	CHECK_INT(discretion_table_load_text(newer, strlen(newer), &t, &e), 0);
	CHECK_INT(add(s, t), 0);
	/* Decided under the new version: its input is needed, and the old one's too. */
	CHECK_INT(evaluate(s, D(2025, 5, 1), D(2026, 5, 1), "{\"big\":true}", &r, &e), -1);
	CHECK(has_error(&e, "circumstances/online", "缺少情节 online"));
	zerr_clear(&e);
	CHECK_INT(evaluate(s, D(2025, 5, 1), D(2026, 5, 1), "{\"online\":false}", &r, &e), -1);
	CHECK(has_error(&e, "circumstances/big", "缺少情节 big"));
	zerr_clear(&e);
	CHECK_INT(evaluate(s, D(2025, 5, 1), D(2026, 5, 1), "{\"big\":true,\"online\":false}", &r, &e), 0);
	CHECK_STR(r.rule, "big-offline");
	CHECK_INT(r.applied_newer, 1);
	CHECK_INT(evaluate(s, D(2025, 5, 1), D(2026, 5, 1), "{\"big\":true,\"online\":true}", &r, &e), 0);
	CHECK_STR(r.rule, "big");
	CHECK_STR(r.version, "old");
	CHECK_INT(r.applied_newer, 0);
	discretion_set_free(&s);
}
