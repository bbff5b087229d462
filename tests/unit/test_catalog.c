/* The catalog's rules (domain/catalog.c): item codes, legal-basis citations, penalty
 * types of 行政处罚法 Art 9, and effective periods that never overlap (条例 Art 10). */
#include "domain/catalog.h"
#include "t.h"

TEST(catalog_code_domain_prefix_and_six_digits)
{
	CHECK(catalog_code_valid("SC000122"));
	CHECK(catalog_code_valid("CG000034"));
	CHECK(catalog_code_valid("HJ999999"));
	CHECK(!catalog_code_valid("XX000122"));  /* no such domain */
	CHECK(!catalog_code_valid("sc000122"));  /* prefixes are upper case */
	CHECK(!catalog_code_valid("SC00012"));   /* five digits */
	CHECK(!catalog_code_valid("SC0001222")); /* seven */
	CHECK(!catalog_code_valid("SC00012A"));
	CHECK(!catalog_code_valid(""));
	CHECK(!catalog_code_valid(NULL));
	CHECK_STR(catalog_domain_prefix("市场监管"), "SC");
	CHECK_STR(catalog_domain_prefix("城市管理"), "CG");
	CHECK(catalog_domain_prefix("公安") == NULL);
}

TEST(catalog_basis_parse_food_safety_law_art124_para1_item1_and_a_second_citation)
{
	json_t *b = catalog_basis_parse("《中华人民共和国食品安全法》第一百二十四条第一款第一项；《浙江省食品小作坊小餐饮店小食杂店管理办法》第40条");
	char msg[300];

	CHECK(b != NULL);
	CHECK_INT(json_array_size(b), 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(b, 0), "law")), "中华人民共和国食品安全法");
	CHECK_STR(json_string_value(json_object_get(json_array_get(b, 0), "article")), "第一百二十四条");
	CHECK_STR(json_string_value(json_object_get(json_array_get(b, 0), "paragraph")), "第一款");
	CHECK_STR(json_string_value(json_object_get(json_array_get(b, 0), "item")), "第一项");
	CHECK_STR(json_string_value(json_object_get(json_array_get(b, 1), "article")), "第40条");
	CHECK(json_object_get(json_array_get(b, 1), "paragraph") == NULL);
	CHECK(catalog_basis_valid(b, msg, sizeof(msg)));
	json_decref(b);
}

TEST(catalog_basis_article_with_zhi_yi_and_bad_citations)
{
	json_t *b = catalog_basis_parse("《中华人民共和国行政处罚法》第二十四条之一");

	CHECK(b != NULL);
	json_decref(b);
	CHECK(catalog_basis_parse("食品安全法第124条") == NULL);      /* no 《》 */
	CHECK(catalog_basis_parse("《食品安全法》") == NULL);          /* no article */
	CHECK(catalog_basis_parse("《食品安全法》第条") == NULL);      /* no number */
	CHECK(catalog_basis_parse("《食品安全法》第一款") == NULL);    /* paragraph without article */
	CHECK(catalog_basis_parse("《食品安全法》第一条附则") == NULL); /* trailing text */
	CHECK(catalog_basis_parse("《》第一条") == NULL);
	CHECK(catalog_basis_parse("") == NULL);
}

TEST(catalog_basis_valid_refuses_an_item_with_no_legal_basis)
{
	char msg[300] = "";
	json_t *empty = json_array(), *bad = json_loads("[{\"law\":\"《食品安全法》\",\"article\":\"第一条\"}]", 0, NULL),
	       *extra = json_loads("[{\"law\":\"食品安全法\",\"article\":\"第一条\",\"x\":1}]", 0, NULL),
	       *ok = json_loads("[{\"law\":\"食品安全法\",\"article\":\"第一条\",\"text\":\"为了保证食品安全\"}]", 0, NULL);

	CHECK(!catalog_basis_valid(empty, msg, sizeof(msg)));
	CHECK(strstr(msg, "法律依据") != NULL);
	CHECK(!catalog_basis_valid(bad, msg, sizeof(msg)));
	CHECK(!catalog_basis_valid(extra, msg, sizeof(msg)));
	CHECK(catalog_basis_valid(ok, msg, sizeof(msg)));
	json_decref(empty);
	json_decref(bad);
	json_decref(extra);
	json_decref(ok);
}

TEST(catalog_penalty_types_art9_by_code_or_chinese_name)
{
	json_t *t = catalog_penalty_types_parse("警告、罚款;没收违法所得|revoke_permit");
	char msg[300];

	CHECK(t != NULL);
	CHECK_INT(json_array_size(t), 4);
	CHECK_STR(json_string_value(json_array_get(t, 0)), "warning");
	CHECK_STR(json_string_value(json_array_get(t, 3)), "revoke_permit");
	CHECK(catalog_penalty_types_valid(t, msg, sizeof(msg)));
	json_array_append_new(t, json_string("fine"));
	CHECK(!catalog_penalty_types_valid(t, msg, sizeof(msg))); /* repeated */
	json_decref(t);
	CHECK(catalog_penalty_types_parse("打板子") == NULL);
}

static json_t *version(const char *kind, const char *level, const char *mode, const char *types)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:o}", "code", "CG000034", "name", "对乱涂乱画的行政处罚",
			 "kind", kind, "domain", "城市管理", "level", level, "mode", mode, "penalty_types",
			 json_loads(types, 0, NULL), "legal_basis",
			 json_loads("[{\"law\":\"城市市容和环境卫生管理条例\",\"article\":\"第三十四条\"}]", 0, NULL));
}

TEST(catalog_version_rules_art9_types_art18_detention_and_township_delegation)
{
	struct zerr e = ZERR_INIT;
	json_t *v = version("penalty", "county", "comprehensive", "[\"fine\"]");

	CHECK_INT(catalog_version_check(v, &e), 0);
	CHECK_STR(json_string_value(json_object_get(v, "agency_kind")), "comprehensive");
	CHECK(strstr(json_string_value(json_object_get(v, "search_text")), "《城市市容和环境卫生管理条例》第三十四条") != NULL);
	json_decref(v);

	v = version("penalty", "county", "departmental", "[]"); /* a penalty item names its types */
	CHECK_INT(catalog_version_check(v, &e), -1);
	CHECK_STR(json_string_value(json_object_get(json_array_get(e.errors, 0), "field")), "penalty_types");
	zerr_clear(&e);
	json_decref(v);

	v = version("penalty", "county", "departmental", "[\"detention\"]"); /* Art 18 para 3 */
	CHECK_INT(catalog_version_check(v, &e), -1);
	zerr_clear(&e);
	json_decref(v);

	v = version("inspection", "township", "departmental", "[]"); /* 条例 Art 9 */
	CHECK_INT(catalog_version_check(v, &e), -1);
	CHECK_STR(json_string_value(json_object_get(json_array_get(e.errors, 0), "field")), "mode");
	zerr_clear(&e);
	json_decref(v);

	v = version("inspection", "township", "comprehensive", "[]");
	CHECK_INT(catalog_version_check(v, &e), 0);
	CHECK_STR(json_string_value(json_object_get(v, "agency_kind")), "township");
	json_decref(v);
}

static struct catalog_period P(const char *from, const char *to)
{
	struct catalog_period p;

	snprintf(p.from, sizeof(p.from), "%s", from);
	snprintf(p.to, sizeof(p.to), "%s", to);
	return p;
}

TEST(catalog_periods_are_half_open_so_end_and_next_start_may_share_a_day)
{
	struct catalog_period a = P("2023-01-01", "2030-03-01"), b = P("2030-03-01", ""),
			      c = P("2030-02-28", "2030-03-02"), open = P("2020-01-01", "");

	CHECK(!catalog_periods_overlap(&a, &b));
	CHECK(!catalog_periods_overlap(&b, &a));
	CHECK(catalog_periods_overlap(&a, &c));
	CHECK(catalog_periods_overlap(&b, &c));
	CHECK(catalog_periods_overlap(&open, &b));
	CHECK(catalog_periods_overlap(&open, &a));
	CHECK_INT(catalog_period_overlaps((struct catalog_period[]){ a, b }, 2, &c, -1), 0);
	CHECK_INT(catalog_period_overlaps((struct catalog_period[]){ a, b }, 2, &c, 0), 1);
}

TEST(catalog_plan_amend_closes_the_version_in_force_and_opens_the_next)
{
	struct catalog_period v[] = { P("2023-01-01", "") };
	struct catalog_plan plan;
	struct zerr e = ZERR_INIT;

	CHECK_INT(catalog_plan_change(CATALOG_AMEND, v, 1, "2030-03-01", &plan, &e), 0);
	CHECK_INT(plan.close, 0);
	CHECK_INT(plan.create, 1);
	CHECK_INT(catalog_plan_change(CATALOG_REPEAL, v, 1, "2030-03-01", &plan, &e), 0);
	CHECK_INT(plan.close, 0);
	CHECK_INT(plan.create, 0);
	/* the same day as the version in force: the two would overlap */
	CHECK_INT(catalog_plan_change(CATALOG_AMEND, v, 1, "2023-01-01", &plan, &e), -1);
	CHECK_STR(e.code, "version_overlap");
	zerr_clear(&e);
	CHECK_INT(catalog_plan_change(CATALOG_ADD, v, 1, "2030-03-01", &plan, &e), -1);
	CHECK_STR(e.code, "item_exists");
	zerr_clear(&e);
	CHECK_INT(catalog_plan_change(CATALOG_AMEND, v, 0, "2030-03-01", &plan, &e), -1);
	CHECK_STR(e.code, "item_unknown");
	zerr_clear(&e);
}

TEST(catalog_plan_repealed_item_has_no_effective_version_to_amend)
{
	struct catalog_period v[] = { P("2023-01-01", "2030-03-01"), P("2030-03-01", "2030-06-01") };
	struct catalog_plan plan;
	struct zerr e = ZERR_INIT;

	CHECK_INT(catalog_plan_change(CATALOG_AMEND, v, 2, "2030-07-01", &plan, &e), -1);
	CHECK_STR(e.code, "item_repealed");
	zerr_clear(&e);
	CHECK_INT(catalog_plan_change(CATALOG_AMEND, v, 2, "2030-06-01", &plan, &e), -1);
	CHECK_STR(e.code, "item_repealed"); /* the repeal day itself: nothing is in force */
	zerr_clear(&e);
	CHECK_INT(catalog_plan_change(CATALOG_TRANSFER, v, 2, "2030-04-01", &plan, &e), -1);
	CHECK_STR(e.code, "version_overlap"); /* before a scheduled repeal */
	zerr_clear(&e);
	CHECK_INT(catalog_plan_change(CATALOG_ADD, v, 2, "2030-07-01", &plan, &e), -1);
	CHECK_STR(e.code, "item_exists"); /* a code is never reused */
	zerr_clear(&e);
}

TEST(catalog_next_version_transfer_delegate_and_amend)
{
	struct zerr e = ZERR_INIT;
	json_t *cur = version("penalty", "county", "departmental", "[\"fine\"]"), *next = NULL,
	       *p = json_pack("{s:s}", "name", "新名称");

	json_object_set_new(cur, "agency_kind", json_string("departmental"));
	CHECK_INT(catalog_next_version(CATALOG_TRANSFER, cur, NULL, &next, &e), 0);
	CHECK_STR(json_string_value(json_object_get(next, "mode")), "comprehensive");
	CHECK(json_object_get(next, "agency_kind") == NULL); /* derived again by the check */
	json_decref(next);
	CHECK_INT(catalog_next_version(CATALOG_DELEGATE, cur, NULL, &next, &e), 0);
	CHECK_STR(json_string_value(json_object_get(next, "level")), "township");
	CHECK_STR(json_string_value(json_object_get(next, "mode")), "comprehensive");
	json_decref(next);
	CHECK_INT(catalog_next_version(CATALOG_AMEND, cur, p, &next, &e), 0);
	CHECK_STR(json_string_value(json_object_get(next, "name")), "新名称");
	CHECK_STR(json_string_value(json_object_get(next, "level")), "county");
	json_decref(next);
	json_object_set_new(p, "name", json_string("对乱涂乱画的行政处罚")); /* the same name */
	CHECK_INT(catalog_next_version(CATALOG_AMEND, cur, p, &next, &e), -1);
	CHECK_STR(e.code, "no_change");
	zerr_clear(&e);
	json_object_set_new(cur, "mode", json_string("comprehensive"));
	CHECK_INT(catalog_next_version(CATALOG_TRANSFER, cur, NULL, &next, &e), -1);
	CHECK_STR(e.code, "no_change");
	zerr_clear(&e);
	json_decref(cur);
	json_decref(p);
}

/* Whether gram g is one of the space-separated grams of s. */
static int has_gram(const char *s, const char *g)
{
	size_t n = strlen(g);
	const char *p = s;

	while ((p = strstr(p, g)) != NULL) {
		if ((p == s || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
		p++;
	}
	return 0;
}

TEST(catalog_search_grams_every_character_and_pair_once_ascii_lowered)
{
	char *g = catalog_search_grams("对销售《食品安全法》第124条 SC食品");
	size_t n = 0;
	const char *p;

	CHECK(g != NULL);
	/* a 2-character query is a pair of adjacent characters, a 1-character one a character */
	CHECK(has_gram(g, "食品"));
	CHECK(has_gram(g, "品安"));
	CHECK(has_gram(g, "销"));
	CHECK(has_gram(g, "》第"));
	CHECK(has_gram(g, "12"));
	CHECK(has_gram(g, "4条"));
	CHECK(has_gram(g, "sc")); /* ASCII lower-cased: a search is case-insensitive */
	CHECK(has_gram(g, "c食"));
	CHECK(!has_gram(g, "SC"));
	CHECK(!has_gram(g, "对食")); /* not adjacent */
	CHECK(!has_gram(g, "龙井"));
	/* "食品" occurs twice in the text and once among the grams */
	for (p = g; (p = strstr(p, "食品")) != NULL; p++)
		if ((p == g || p[-1] == ' ') && (p[6] == ' ' || p[6] == '\0'))
			n++;
	CHECK_INT(n, 1);
	free(g);
	g = catalog_search_grams("");
	CHECK_STR(g, "");
	free(g);
	g = catalog_search_grams("法");
	CHECK_STR(g, "法");
	free(g);
}
