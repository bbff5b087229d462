/* Claims, coverage (三不管 / 多头管) and the reform indicators (domain.md §A):
 * domain/coverage.c and domain/indicators.c. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "domain/coverage.h"
#include "domain/indicators.h"
#include "t.h"

static struct claim_facts good_county(void)
{
	struct claim_facts f = {
		.item_level = "county", .item_agency_kind = "departmental", .item_domain = "市场监管",
		.item_mode = "departmental", .agency_kind = "departmental", .agency_domain = "市场监管",
		.agency_region = "330802", .region_code = "330802", .region_level = "county",
	};
	return f;
}

TEST(claim_departmental_item_by_its_domain_in_its_county)
{
	struct claim_facts f = good_county();
	struct zerr e = ZERR_INIT;

	CHECK_INT(claim_check(&f, &e), 0);
	zerr_clear(&e);
}

TEST(claim_refused_wrong_kind_wrong_domain_outside_region_wrong_level)
{
	struct claim_facts f = good_county();
	struct zerr e = ZERR_INIT;

	f.agency_kind = "comprehensive";
	CHECK_INT(claim_check(&f, &e), -1);
	CHECK_STR(json_string_value(json_object_get(json_array_get(e.errors, 0), "field")), "agency_id");
	zerr_clear(&e);
	f = good_county();
	f.agency_domain = "生态环境";
	CHECK_INT(claim_check(&f, &e), -1);
	CHECK_STR(json_string_value(json_object_get(json_array_get(e.errors, 0), "field")), "agency_id");
	zerr_clear(&e);
	f = good_county();
	f.region_code = "330803";  /* another county */
	CHECK_INT(claim_check(&f, &e), -1);
	CHECK_STR(json_string_value(json_object_get(json_array_get(e.errors, 0), "field")), "region_code");
	zerr_clear(&e);
	f = good_county();
	f.region_code = "330802001000";  /* a township of the county: a county item is claimed for the county */
	f.region_level = "township";
	CHECK_INT(claim_check(&f, &e), -1);
	CHECK_STR(json_string_value(json_object_get(json_array_get(e.errors, 0), "field")), "region_code");
	zerr_clear(&e);
	/* a township item claimed by the township for itself; not for its neighbour */
	f = (struct claim_facts){ .item_level = "township", .item_agency_kind = "township", .item_domain = "城市管理",
				  .item_mode = "comprehensive", .agency_kind = "township", .agency_domain = "",
				  .agency_region = "330802001000", .region_code = "330802001000",
				  .region_level = "township" };
	CHECK_INT(claim_check(&f, &e), 0);
	f.region_code = "330802002000";
	CHECK_INT(claim_check(&f, &e), -1);
	zerr_clear(&e);
}

struct tally {
	char buf[512];
	size_t len;
	struct cov_item *items;
	struct cov_region *regions;
	struct cov_claim *claims;
};

static int on_unclaimed(void *ctx, size_t i, size_t r)
{
	struct tally *t = ctx;

	t->len += (size_t)snprintf(t->buf + t->len, sizeof(t->buf) - t->len, "U:%s@%s ", t->items[i].code,
				   t->regions[r].code);
	return 0;
}

static int on_overclaimed(void *ctx, size_t i, size_t r, size_t first, size_t n)
{
	struct tally *t = ctx;
	size_t k;

	t->len += (size_t)snprintf(t->buf + t->len, sizeof(t->buf) - t->len, "O:%s@%s", t->items[i].code,
				   t->regions[r].code);
	for (k = first; k < first + n; k++)
		t->len += (size_t)snprintf(t->buf + t->len, sizeof(t->buf) - t->len, ":%lld",
					   (long long)t->claims[k].agency);
	t->len += (size_t)snprintf(t->buf + t->len, sizeof(t->buf) - t->len, " ");
	return 0;
}

TEST(coverage_two_townships_one_county_unclaimed_and_overclaimed_exactly)
{
	struct cov_item items[] = { { "CG000002", 3 }, { "SC000001", 2 }, { "CG000001", 3 } };
	struct cov_region regions[] = { { "330802002000", 3 }, { "330802", 2 }, { "330802001000", 3 } };
	struct cov_claim claims[] = {
		{ "CG000001", "330802001000", 7 }, { "CG000001", "330802002000", 8 },
		{ "CG000002", "330802001000", 7 }, { "CG000002", "330802001000", 9 },
		{ "CG000002", "330802001000", 7 },  /* the same agency twice is not 多头管 by itself */
		{ "SC000009", "330802", 3 },        /* an item not given: ignored */
	};
	struct tally t = { .items = items, .regions = regions, .claims = claims };
	struct cov_sink sink = { &t, on_unclaimed, on_overclaimed };

	CHECK_INT(coverage_run(items, 3, regions, 3, claims, 6, &sink), 0);
	CHECK_STR(t.buf, "O:CG000002@330802001000:7:7:9 U:CG000002@330802002000 U:SC000001@330802 ");
}

TEST(coverage_reach_art7_9_items_at_the_regions_level_or_below_and_only_its_own_citys_extension)
{
	struct cov_reach r;

	/* the province: every level, every city's extension catalogue */
	CHECK_INT(cov_reach_of("330000", &r), 0);
	CHECK(cov_reaches(&r, 0, NULL) && cov_reaches(&r, 3, NULL));
	CHECK(cov_reaches(&r, 2, "330100") && cov_reaches(&r, 2, "3302"));
	/* 杭州市: city, county and township items; not the province's; 杭州's extension only */
	CHECK_INT(cov_reach_of("330100", &r), 0);
	CHECK(!cov_reaches(&r, 0, NULL));
	CHECK(cov_reaches(&r, 1, NULL) && cov_reaches(&r, 3, NULL));
	CHECK(cov_reaches(&r, 2, "330100"));
	CHECK(!cov_reaches(&r, 2, "330200"));
	/* 西湖区: county and township items, 杭州's extension items reach it */
	CHECK_INT(cov_reach_of("330106", &r), 0);
	CHECK(!cov_reaches(&r, 1, NULL));
	CHECK(cov_reaches(&r, 2, NULL) && cov_reaches(&r, 3, "3301"));
	CHECK(!cov_reaches(&r, 3, "330200"));
	/* a township: township items only; a village: nothing */
	CHECK_INT(cov_reach_of("330106001000", &r), 0);
	CHECK(!cov_reaches(&r, 2, NULL) && cov_reaches(&r, 3, NULL));
	CHECK_INT(cov_reach_of("330106001001", &r), 0);
	CHECK(!cov_reaches(&r, 3, NULL));
	CHECK_INT(cov_reach_of("33010", &r), -1);
	CHECK_INT(cov_reach_of(NULL, &r), -1);
}

TEST(coverage_extension_item_pairs_only_with_the_regions_of_its_city)
{
	struct cov_item items[] = { { "CG000001", 2, "x", "3301" } };
	struct cov_region regions[] = { { "330106", 2 }, { "330203", 2 } };
	struct tally t = { .items = items, .regions = regions };
	struct cov_sink sink = { &t, on_unclaimed, on_overclaimed };

	CHECK_INT(coverage_run(items, 1, regions, 2, NULL, 0, &sink), 0);
	CHECK_STR(t.buf, "U:CG000001@330106 ");
}

static int count_unclaimed(void *ctx, size_t i, size_t r)
{
	(void)i;
	(void)r;
	(*(size_t *)ctx)++;
	return 0;
}

TEST(coverage_50000_items_by_1400_townships_in_under_2_seconds)
{
	size_t ni = 50000, nr = 1400, nc = 0, i, j, unclaimed = 0;
	struct cov_item *items = calloc(ni, sizeof(*items));
	struct cov_region *regions = calloc(nr, sizeof(*regions));
	struct cov_claim *claims;
	char (*codes)[12] = calloc(ni, 12), (*rcodes)[16] = calloc(nr, 16);
	struct cov_sink sink = { &unclaimed, count_unclaimed, NULL };
	struct timespec t0, t1;
	double secs;

	/* 1 item in 25 at township level (2,000 × 1,400 pairs), the rest county level;
	 * every second township-pair claimed: 1.4 million claims */
	claims = calloc(ni / 25 * nr / 2 + ni, sizeof(*claims));
	CHECK(items && regions && claims && codes && rcodes);
	for (j = 0; j < nr; j++) {
		snprintf(rcodes[j], 16, "33%04zu001000", j);
		regions[j] = (struct cov_region){ rcodes[j], 3 };
	}
	for (i = 0; i < ni; i++) {
		snprintf(codes[i], 12, "CG%06zu", i);
		items[i] = (struct cov_item){ codes[i], i % 25 == 0 ? 3 : 2 };
		if (i % 25 == 0)
			for (j = 0; j < nr; j += 2)
				claims[nc++] = (struct cov_claim){ codes[i], rcodes[j], (int64_t)j };
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	CHECK_INT(coverage_run(items, ni, regions, nr, claims, nc, &sink), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	fprintf(stderr, "  coverage 50000 items x 1400 townships, %zu claims: %.3f s\n", nc, secs);
	CHECK_INT(unclaimed, 2000 * 700);
	CHECK(secs < 2.0);
	free(items);
	free(regions);
	free(claims);
	free(codes);
	free(rcodes);
}

TEST(indicator_city_county_penalty_share_19_99_percent_not_met_20_percent_met)
{
	struct penalty_counts c = { { { 0 } } };
	struct indicator_value v;

	c.pen[1][0] = 999;  /* city comprehensive */
	c.pen[2][0] = 1000; /* county comprehensive */
	c.pen[2][1] = 8001; /* county departmental: 1999 / 10000 */
	indicator_city_county_penalty(&c, &v);
	CHECK_INT(v.num, 1999);
	CHECK_INT(v.den, 10000);
	CHECK(!v.met);
	c.pen[2][1] = 8000; /* 1999 / 9999 > 20% */
	c.pen[1][0] = 1000; /* 2000 / 10000 */
	c.pen[2][1] = 8000;
	indicator_city_county_penalty(&c, &v);
	CHECK_INT(v.num, 2000);
	CHECK_INT(v.den, 10000);
	CHECK(v.met);
	CHECK(v.value == 0.2);
	CHECK(v.target == 0.2);
}

TEST(indicator_township_penalty_share_default_denominator_is_county_plus_township)
{
	struct penalty_counts c = { { { 0 } } };
	struct indicator_value v;

	c.pen[0][1] = 10; /* province */
	c.pen[2][0] = 40;
	c.pen[2][1] = 35; /* county: 75 */
	c.pen[3][0] = 25; /* township */
	indicator_township_penalty(&c, TDEN_COUNTY, &v);
	CHECK_INT(v.num, 25);
	CHECK_INT(v.den, 100);
	CHECK(v.met);
	indicator_township_penalty(&c, TDEN_ALL, &v);
	CHECK_INT(v.den, 110);
	CHECK(!v.met);
	CHECK_INT(township_den_parse("all"), TDEN_ALL);
	CHECK_INT(township_den_parse("x"), -1);
}

TEST(indicator_staff_pyramid_85_and_50_percent_edges)
{
	long long staff[5] = { 5, 10, 35, 50, 0 }; /* 85 of 100 at county and below, 50 at township */
	struct indicator_value v;

	indicator_staff_county_below(staff, &v);
	CHECK_INT(v.num, 85);
	CHECK_INT(v.den, 100);
	CHECK(v.met);
	indicator_staff_township(staff, &v);
	CHECK_INT(v.num, 50);
	CHECK(v.met);
	staff[3] = 49;
	staff[2] = 36;
	indicator_staff_township(staff, &v);
	CHECK(!v.met);
	indicator_township_match(0, 0, &v);
	CHECK(!v.met);
	CHECK(v.value == 0.0);
	CHECK_INT(indicator_parse("township_match_rate"), IND_TOWNSHIP_MATCH);
}

TEST(township_match_by_code_else_by_normalised_name)
{
	struct match_entry d[] = { { "CG000001", "对乱涂乱画的行政处罚" }, { "CG000002", "对占道经营的行政处罚" },
				   { "CG000003", "对焚烧垃圾的行政处罚" } };
	struct match_entry l[] = { { "CG000001", "乱涂乱画" }, { NULL, "对 占道经营的 行政处罚。" },
				   { NULL, "对未办证施工的行政许可" }, { "CG999999", "别的" } };
	size_t m;
	char buf[64];

	CHECK_INT(township_match(d, 3, l, 4, &m), 0);
	CHECK_INT(m, 2);
	CHECK(d[0].matched && d[1].matched && !d[2].matched);
	CHECK(l[0].matched && l[1].matched && !l[2].matched && !l[3].matched);
	match_normalise("《浙江省》（试行） 第一条、", buf, sizeof(buf));
	CHECK_STR(buf, "浙江省试行第一条");
}

/* Spans: a township's claims from 2024-01-01 and to 2025-03-01 and a township version from
 * 2023-01-01 around 2025-01-01 give [2024-01-01, 2025-03-01): the result serves every date
 * inside, none outside, and only under its stamp; a boundary on the date itself starts
 * the span (a claim starting that day is in force that day). */
TEST(stamped_span_serves_the_dates_inside_only)
{
	struct stamped_set t = { 0 };
	char from[11] = "", to[11] = "";

	span_narrow(from, to, "2025-01-01", "2023-01-01");
	span_narrow(from, to, "2025-01-01", "2024-01-01");
	span_narrow(from, to, "2025-01-01", "2025-03-01");
	span_narrow(from, to, "2025-01-01", "2026-01-01");
	span_narrow(from, to, "2025-01-01", "");
	span_narrow(from, to, "2025-01-01", NULL);
	CHECK_STR(from, "2024-01-01");
	CHECK_STR(to, "2025-03-01");
	CHECK_INT(stamped_put_span(&t, "330106001000", 5, 2, 3, from, to, 0), 0);
	CHECK(stamped_get_on(&t, "330106001000", 5, "2025-01-01") != NULL);
	CHECK(stamped_get_on(&t, "330106001000", 5, "2024-01-01") != NULL);
	CHECK(stamped_get_on(&t, "330106001000", 5, "2025-02-28") != NULL);
	CHECK(stamped_get_on(&t, "330106001000", 5, "2025-03-01") == NULL);
	CHECK(stamped_get_on(&t, "330106001000", 5, "2023-12-31") == NULL);
	CHECK(stamped_get_on(&t, "330106001000", 6, "2025-01-01") == NULL);
	/* a boundary on the date: the span starts there */
	from[0] = to[0] = '\0';
	span_narrow(from, to, "2025-03-01", "2025-03-01");
	CHECK_STR(from, "2025-03-01");
	CHECK_STR(to, "");
	/* no boundary at all: every date; stamped_put leaves the span unbounded too */
	CHECK_INT(stamped_put_span(&t, "330106002000", 1, 0, 4, "", "", 7), 0);
	CHECK(stamped_get_on(&t, "330106002000", 1, "1999-01-01") != NULL);
	CHECK(stamped_get_on(&t, "330106002000", 1, "2999-01-01")->dep == 7);
	CHECK_INT(stamped_put(&t, "330106001000", 6, 0, 0), 0);
	CHECK(stamped_get_on(&t, "330106001000", 6, "2030-01-01") != NULL);
	CHECK(stamped_get_on(&t, "330106001000", 6, "2030-01-01")->dep == 0);
	stamped_release(&t);
}

/* The indicators' cache keeps one result per township under the township's change stamp:
 * a result is found only under the stamp it was put with, a newer one replaces it, codes
 * stay sorted whatever the order they come in. */
TEST(stamped_one_result_per_township_found_only_under_its_stamp)
{
	struct stamped_set t = { 0 };
	const struct stamped *e;
	char code[16];
	int i;

	CHECK(stamped_get(&t, "330106001000", 0) == NULL);
	CHECK_INT(stamped_put(&t, "330106002000", 7, 1, 3), 0);
	CHECK_INT(stamped_put(&t, "330106001000", 4, 2, 2), 0);
	CHECK_INT(stamped_put(&t, "330108001000", 0, 0, 1), 0);
	CHECK_INT(t.n, 3);
	CHECK_STR(t.v[0].key, "330106001000");
	CHECK_STR(t.v[2].key, "330108001000");
	e = stamped_get(&t, "330106002000", 7);
	CHECK(e && e->v[0] == 1 && e->v[1] == 3);
	/* the township written since (stamp 8): its result of stamp 7 is not an answer */
	CHECK(stamped_get(&t, "330106002000", 8) == NULL);
	CHECK_INT(stamped_put(&t, "330106002000", 8, 2, 4), 0);
	CHECK_INT(t.n, 3);
	e = stamped_get(&t, "330106002000", 8);
	CHECK(e && e->v[0] == 2 && e->v[1] == 4);
	/* a township never written has stamp 0 and is found under 0 */
	e = stamped_get(&t, "330108001000", 0);
	CHECK(e && e->v[1] == 1);
	/* a code too long for a region code is refused, nothing stored */
	CHECK_INT(stamped_put(&t, "3301060010001234", 1, 0, 0), -1);
	CHECK_INT(t.n, 3);
	/* 1,400 townships of another province in descending order, each found after */
	for (i = 1400; i > 0; i--) {
		snprintf(code, sizeof(code), "34%04d001000", i);
		CHECK_INT(stamped_put(&t, code, i, i % 7, i % 11), 0);
	}
	CHECK_INT(t.n, 1403);
	for (i = 1; i + 1 < (int)t.n; i++)
		CHECK(strcmp(t.v[i - 1].key, t.v[i].key) < 0);
	e = stamped_get(&t, "340700001000", 700);
	CHECK(e && e->v[0] == 0 && e->v[1] == 700 % 11);
	stamped_release(&t);
	CHECK(t.v == NULL && t.n == 0);
	CHECK(stamped_get(&t, "340700001000", 700) == NULL);
}
