#include <string.h>

#include "cli/demo.h"
#include "core/valid.h"
#include "t.h"

static const struct zdate today = { 2026, 11, 26 };

TEST(demo_rng_is_deterministic_and_seed_dependent)
{
	struct demo_rng a, b, c;
	int i;

	demo_rng_seed(&a, 42);
	demo_rng_seed(&b, 42);
	demo_rng_seed(&c, 43);
	for (i = 0; i < 100; i++) {
		uint64_t x = demo_rng_next(&a);

		CHECK(x == demo_rng_next(&b));
		CHECK(x != demo_rng_next(&c));
	}
	for (i = 0; i < 1000; i++)
		CHECK(demo_rng_below(&a, 7) < 7);
}

TEST(demo_uscc_check_matches_gb32100_test_vector)
{
	/* domain.md §5.1: 91350100M000100Y43 is valid with check character 3 */
	CHECK_INT(demo_uscc_check("91350100M000100Y4"), '3');
	CHECK_INT(demo_uscc_check("91350100M000100I4"), '\0'); /* I is not in the alphabet */
}

TEST(demo_uscc_every_generated_code_is_valid_distinct_and_deterministic)
{
	char code[19], again[19], prev[19] = "";
	unsigned i;

	for (i = 0; i < 2000; i++) {
		CHECK_INT(demo_uscc(DEMO_COUNTY, i, code), 0);
		CHECK(valid_uscc(code));
		CHECK(code[0] == '1' && code[1] == '1'); /* 机构编制, 机关 */
		CHECK(strncmp(code + 2, DEMO_COUNTY, 6) == 0);
		CHECK(strcmp(code, prev) != 0);
		CHECK_INT(demo_uscc(DEMO_COUNTY, i, again), 0);
		CHECK_STR(again, code);
		memcpy(prev, code, sizeof(prev));
	}
	CHECK_INT(demo_uscc("33080", 1, code), -1);
	CHECK_INT(demo_uscc("3308AB", 1, code), -1);
}

TEST(demo_uscc_embedded_organisation_code_passes_gb11714)
{
	static const unsigned w[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	char code[19];
	unsigned i, k, sum, c;

	for (i = 0; i < 100; i++) {
		CHECK_INT(demo_uscc(DEMO_COUNTY, i, code), 0);
		for (sum = 0, k = 0; k < 8; k++)
			sum += (unsigned)(code[8 + k] - '0') * w[k];
		c = 11 - sum % 11;
		CHECK_INT(code[16], c == 10 ? 'X' : c == 11 ? '0' : (int)('0' + c));
	}
}

TEST(demo_id_number_gb11643_standard_example)
{
	char id[19];
	struct zdate b = { 1949, 12, 31 };

	CHECK_INT(demo_id_number("110105", b, 2, id), 0);
	CHECK_STR(id, "11010519491231002X");
	CHECK_INT(demo_id_number("110105", b, 1000, id), -1);
	b.d = 32;
	CHECK_INT(demo_id_number("110105", b, 2, id), -1);
}

TEST(demo_officers_are_valid_distinct_and_deterministic)
{
	static char ids[DEMO_OFFICER_MAX][19], certs[DEMO_OFFICER_MAX][24];
	struct demo_officer o, again;
	struct zdate birth, issued, expires;
	unsigned i, k, legal = 0, stopped = 0;

	for (i = 0; i < DEMO_OFFICER_MAX; i++) {
		CHECK_INT(demo_officer_make(i, &o), 0);
		CHECK(valid_id_number(o.id_number, today));
		CHECK(strncmp(o.id_number, DEMO_COUNTY, 6) == 0);
		CHECK_INT(valid_id_number_birth(o.id_number, &birth), 0);
		CHECK(birth.y >= 1965 && birth.y <= 2000);
		CHECK_INT(zdate_parse(o.cert_issued, &issued), 0);
		CHECK(issued.y >= 2022 && issued.y <= 2025);
		if (o.cert_expires[0]) {
			CHECK_INT(zdate_parse(o.cert_expires, &expires), 0);
			CHECK(zdate_to_days(expires) > zdate_to_days(issued));
		}
		CHECK(o.training_hours >= 20 && o.training_hours <= 90);
		CHECK(strlen(o.name) == 6 || strlen(o.name) == 9); /* 2 or 3 CJK characters */
		CHECK(strlen(o.cert_no) == 13 && strncmp(o.cert_no, "33080219", 8) == 0);
		legal += (unsigned)o.legal_qualified;
		stopped += strcmp(o.status, "active") != 0;
		CHECK_INT(demo_officer_make(i, &again), 0);
		CHECK(memcmp(&o, &again, sizeof(o)) == 0);
		memcpy(ids[i], o.id_number, sizeof(ids[i]));
		memcpy(certs[i], o.cert_no, sizeof(certs[i]));
		for (k = 0; k < i; k++) {
			CHECK(strcmp(ids[k], o.id_number) != 0);
			CHECK(strcmp(certs[k], o.cert_no) != 0);
		}
	}
	CHECK_INT(demo_officer_make(DEMO_OFFICER_MAX, &o), -1);
	/* about 10% legally qualified, a few suspended or revoked */
	CHECK(legal >= DEMO_OFFICER_MAX / 20 && legal <= DEMO_OFFICER_MAX / 6);
	CHECK(stopped >= 3 && stopped <= DEMO_OFFICER_MAX / 10);
}

TEST(demo_county_townships_are_coded_by_gb_t_10114_ranges)
{
	size_t i, n, townships = 0;
	const struct demo_region *g = demo_regions(&n);
	char parent[16];

	CHECK_STR(g[0].code, "330000");
	for (i = 0; i < n; i++) {
		size_t len = strlen(g[i].name);
		int ttt;

		CHECK(region_code_level(g[i].code) != REGION_INVALID);
		if (region_code_level(g[i].code) != REGION_TOWNSHIP)
			continue;
		townships++;
		CHECK_INT(region_parent_code(g[i].code, parent, sizeof(parent)), 0);
		CHECK_STR(parent, DEMO_COUNTY);
		ttt = (g[i].code[6] - '0') * 100 + (g[i].code[7] - '0') * 10 + (g[i].code[8] - '0');
		if (len > 6 && strcmp(g[i].name + len - 6, "街道") == 0)
			CHECK(ttt >= 1 && ttt <= 99);
		else if (strcmp(g[i].name + len - 3, "镇") == 0)
			CHECK(ttt >= 100 && ttt <= 199);
		else if (strcmp(g[i].name + len - 3, "乡") == 0)
			CHECK(ttt >= 200 && ttt <= 399);
		else
			CHECK(!"a township is a 街道, 镇 or 乡");
	}
	CHECK_INT(townships, 18);
}

TEST(demo_agencies_pyramid_most_staff_at_township_level)
{
	struct demo_agency a[64];
	size_t i, n, squads = 0;
	unsigned total = 0, township = 0, comprehensive = 0;

	CHECK_INT(demo_agencies(a, 64, &n), 0);
	CHECK(n >= 10);
	for (i = 0; i < n; i++) {
		total += a[i].staff;
		if (strcmp(a[i].kind, "township") == 0) {
			squads++;
			township += a[i].staff;
			CHECK(region_code_level(a[i].region_code) == REGION_TOWNSHIP);
		}
		comprehensive += strcmp(a[i].kind, "comprehensive") == 0;
	}
	CHECK_INT(squads, 18);
	CHECK_INT(comprehensive, 1);
	CHECK(total >= 300 && total < DEMO_OFFICER_MAX);
	CHECK(township * 2 >= total); /* staff_township_share >= 50% (domain.md §A) */
	CHECK_INT(demo_agencies(a, 5, &n), -1);
}

/* A scene photo is a PNG, the same bytes for the same arguments (the demo's evidence
 * keeps its digests from run to run), and another view is another picture. */
TEST(demo_scene_photo_is_a_deterministic_png)
{
	struct buf a = BUF_INIT((size_t)1 << 22), b = BUF_INIT((size_t)1 << 22), c = BUF_INIT((size_t)1 << 22);

	CHECK_INT(demo_scene_png("衢州市柯城区坊门街12号（擅自占用城市道路堆放物品）", "2026-11-23 09:42:17",
				 "衢州市柯城区综合行政执法局 执法记录仪 KC-ZF-017", "衢州市柯城区坊门街12号", 0, &a), 0);
	CHECK_INT(demo_scene_png("衢州市柯城区坊门街12号（擅自占用城市道路堆放物品）", "2026-11-23 09:42:17",
				 "衢州市柯城区综合行政执法局 执法记录仪 KC-ZF-017", "衢州市柯城区坊门街12号", 0, &b), 0);
	CHECK_INT(demo_scene_png("衢州市柯城区坊门街12号（擅自占用城市道路堆放物品）", "2026-11-23 09:48:26",
				 "衢州市柯城区综合行政执法局 执法记录仪 KC-ZF-017", "衢州市柯城区坊门街12号", 1, &c), 0);
	CHECK(a.len > 1000 && a.len < 200000);
	CHECK(memcmp(a.data, "\x89PNG\r\n\x1a\n", 8) == 0);
	CHECK(a.len == b.len && memcmp(a.data, b.data, a.len) == 0);
	CHECK(a.len != c.len || memcmp(a.data, c.data, a.len) != 0);
	buf_release(&a);
	buf_release(&b);
	buf_release(&c);
}
