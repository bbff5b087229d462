#include "core/valid.h"
#include "t.h"

static const struct zdate today = { 2026, 11, 26 };

/* ---- USCC, GB 32100-2015 ---- */

TEST(gb32100_known_valid_codes)
{
	CHECK(valid_uscc("91350100M000100Y43"));
	CHECK(valid_uscc("91330106MA2K000050")); /* check character 0 (S mod 31 == 0) */
	/* unknown registration authority and entity type characters are not refused */
	CHECK(valid_uscc("N2330106MA2H00001X"));
	CHECK(valid_uscc("A1330106MA2H00001D"));
}

TEST(gb32100_check_character_covers_zero)
{
	/* search the last character for the one that makes each body valid: exactly one */
	static const char *bodies[] = { "91350100M000100Y4", "12330000470000000", "00000000000000000",
					"YYYYYYYYYYYYYYYYY", "A1B2C3D4E5F6G7H8J" };
	static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	char code[19];
	size_t b, i;
	int hits;

	for (b = 0; b < sizeof(bodies) / sizeof(bodies[0]); b++) {
		hits = 0;
		memcpy(code, bodies[b], 17);
		code[18] = '\0';
		for (i = 0; i < 31; i++) {
			code[17] = alphabet[i];
			hits += valid_uscc(code);
		}
		CHECK_INT(hits, 1);
	}
	CHECK(valid_uscc("000000000000000000"));
}

TEST(gb32100_every_single_character_mutation_is_refused)
{
	const char *good = "91350100M000100Y43";
	char code[19];
	int pos, c;

	for (pos = 0; pos < 18; pos++) {
		for (c = 1; c < 256; c++) {
			if (c == (unsigned char)good[pos])
				continue;
			memcpy(code, good, 19);
			code[pos] = (char)c;
			if (valid_uscc(code)) {
				t_fail(__FILE__, __LINE__, "accepted %s (position %d = 0x%02x)", code,
				       pos + 1, c);
				return;
			}
		}
	}
}

TEST(gb32100_wrong_lengths_and_excluded_letters_are_refused)
{
	CHECK(!valid_uscc(NULL));
	CHECK(!valid_uscc(""));
	CHECK(!valid_uscc("91350100M000100Y4"));
	CHECK(!valid_uscc("91350100M000100Y430"));
	CHECK(!valid_uscc(" 91350100M000100Y43"));
	CHECK(!valid_uscc("91350100M000100Y43 "));
	/* I O S V Z are not in the alphabet even where the sum would work out */
	CHECK(!valid_uscc("91350100M000100I43"));
	CHECK(!valid_uscc("91350100M000100O43"));
}

TEST(gb32100_lower_case_is_refused_until_normalised)
{
	char out[VALID_USCC_LEN + 1];

	CHECK(!valid_uscc("91350100m000100y43"));
	CHECK_INT(valid_uscc_normalize("  91350100m000100y43\t\n", out, sizeof(out)), 0);
	CHECK_STR(out, "91350100M000100Y43");
	CHECK(valid_uscc(out));
	CHECK_INT(valid_uscc_normalize("91350100M000100Y4", out, sizeof(out)), -1);
	CHECK_STR(out, "");
	CHECK_INT(valid_uscc_normalize("91350100M000100Y43", out, 18), -1);
	CHECK_INT(valid_uscc_normalize(NULL, out, sizeof(out)), -1);
	CHECK_INT(valid_uscc_normalize("9135 0100M000100Y4", out, sizeof(out)), 0);
	CHECK(!valid_uscc(out)); /* inner spaces are kept, and then refused */
}

/* ---- citizen ID number, GB 11643-1999 ---- */

TEST(gb11643_known_valid_number)
{
	struct zdate b;

	CHECK(valid_id_number("11010519491231002X", today));
	CHECK_INT(valid_id_number_birth("11010519491231002X", &b), 0);
	CHECK_INT(b.y, 1949);
	CHECK_INT(b.m, 12);
	CHECK_INT(b.d, 31);
	/* one number for each check character, computed independently */
	{
		static const char *each[] = {
			"330106200001010080", "330106200001010021", "330106200001010072",
			"330106200001010013", "330106200001010064", "330106200001010005",
			"330106200001010056", "330106200001010187", "330106200001010048",
			"330106200001010099", "33010620000101003X",
		};
		size_t i;

		for (i = 0; i < sizeof(each) / sizeof(each[0]); i++)
			CHECK(valid_id_number(each[i], today));
	}
}

TEST(gb11643_every_single_character_mutation_is_refused)
{
	const char *good = "11010519491231002X";
	char id[19];
	int pos, c;

	for (pos = 0; pos < 18; pos++) {
		for (c = 1; c < 256; c++) {
			if (c == (unsigned char)good[pos])
				continue;
			memcpy(id, good, 19);
			id[pos] = (char)c;
			if (valid_id_number(id, today)) {
				t_fail(__FILE__, __LINE__, "accepted %s (position %d = 0x%02x)", id,
				       pos + 1, c);
				return;
			}
		}
	}
}

/* Makes a number with a correct check character from 17 digits. */
static void with_check(const char *body17, char out[19])
{
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int i, s = 0;

	for (i = 0; i < 17; i++)
		s += (body17[i] - '0') * w[i];
	memcpy(out, body17, 17);
	out[17] = "10X98765432"[s % 11];
	out[18] = '\0';
}

TEST(gb11643_birth_date_must_be_real)
{
	char id[19];

	with_check("33010619490230001", id); /* 1949-02-30 */
	CHECK(!valid_id_number(id, today));
	with_check("33010620010229001", id); /* 2001 is not a leap year */
	CHECK(!valid_id_number(id, today));
	with_check("33010620000229001", id);
	CHECK(valid_id_number(id, today));
	with_check("33010619491301001", id);
	CHECK(!valid_id_number(id, today));
	with_check("33010618991231001", id); /* before 1900 */
	CHECK(!valid_id_number(id, today));
}

TEST(gb11643_birth_date_may_not_be_in_the_future)
{
	char id[19];
	struct zdate tomorrow = { 2026, 11, 27 };

	with_check("33010620261126001", id); /* born today */
	CHECK(valid_id_number(id, today));
	with_check("33010620261127001", id);
	CHECK(!valid_id_number(id, today));
	CHECK(valid_id_number(id, tomorrow));
	with_check("33010621000101001", id);
	CHECK(!valid_id_number(id, today));
}

TEST(gb11643_lengths_and_lower_case_x)
{
	char out[VALID_ID_NUMBER_LEN + 1];

	CHECK(!valid_id_number(NULL, today));
	CHECK(!valid_id_number("", today));
	CHECK(!valid_id_number("110105491231002", today)); /* legacy 15 digits */
	CHECK(!valid_id_number("11010519491231002", today));
	CHECK(!valid_id_number("11010519491231002X0", today));
	CHECK(!valid_id_number("11010519491231002x", today));
	CHECK_INT(valid_id_number_normalize(" 11010519491231002x ", out, sizeof(out)), 0);
	CHECK_STR(out, "11010519491231002X");
	CHECK(valid_id_number(out, today));
	CHECK_INT(valid_id_number_normalize("110105491231002", out, sizeof(out)), -1);
}

TEST(personal_info_id_number_masking_keeps_6_and_4)
{
	char out[32];

	CHECK_INT(mask_id_number("11010519491231002X", out, sizeof(out)), 0);
	CHECK_STR(out, "110105********002X");
	CHECK_INT(mask_id_number("110105491231002", out, sizeof(out)), 0);
	CHECK_STR(out, "110105*****1002");
	CHECK_INT(mask_id_number("12345678901", out, sizeof(out)), 0);
	CHECK_STR(out, "123456*8901");
	CHECK_INT(mask_id_number("1234567890", out, sizeof(out)), 0);
	CHECK_STR(out, "**********");
	CHECK_INT(mask_id_number("", out, sizeof(out)), 0);
	CHECK_STR(out, "");
	CHECK_INT(mask_id_number("11010519491231002X", out, 18), -1);
	CHECK_STR(out, "");
	CHECK_INT(mask_id_number("11010519491231002X", out, 19), 0);
	CHECK_INT(mask_id_number(NULL, out, sizeof(out)), -1);
}

/* ---- division codes ---- */

TEST(gbt2260_levels)
{
	CHECK_INT(region_code_level("330000"), REGION_PROVINCE);
	CHECK_INT(region_code_level("110000"), REGION_PROVINCE);
	CHECK_INT(region_code_level("820000"), REGION_PROVINCE);
	CHECK_INT(region_code_level("330100"), REGION_CITY);
	CHECK_INT(region_code_level("331100"), REGION_CITY);
	CHECK_INT(region_code_level("330106"), REGION_COUNTY);
	CHECK_INT(region_code_level("330382"), REGION_COUNTY);
	CHECK_INT(region_code_level("429004"), REGION_COUNTY);
	CHECK_INT(region_code_level("330106001000"), REGION_TOWNSHIP);
	CHECK_INT(region_code_level("330106001001"), REGION_VILLAGE);
	CHECK_INT(region_code_level("330106101201"), REGION_VILLAGE);
	CHECK_INT(region_code_level("441900003000"), REGION_TOWNSHIP); /* 东莞, no counties */
}

TEST(gbt2260_invalid_codes)
{
	static const char *bad[] = {
		"",             "33",           "3301",         "33010",        "3301060",
		"330106001",    "33010600100",  "3301060010001", "000000",      "990000",
		"100000",       "330006",       "429000",       "33010a",       " 330106",
		"330106 ",      "330000001000", "330106000000", "330106000001", "330100000000",
		"-33010",       "３３０１０６",
	};
	size_t i;

	CHECK_INT(region_code_level(NULL), REGION_INVALID);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (region_code_level(bad[i]) != REGION_INVALID) {
			t_fail(__FILE__, __LINE__, "accepted \"%s\"", bad[i]);
			return;
		}
	}
}

TEST(gbt2260_parent_codes)
{
	char out[13];

	CHECK_INT(region_parent_code("330106001001", out, sizeof(out)), 0);
	CHECK_STR(out, "330106001000");
	CHECK_INT(region_parent_code("330106001000", out, sizeof(out)), 0);
	CHECK_STR(out, "330106");
	CHECK_INT(region_parent_code("330106", out, sizeof(out)), 0);
	CHECK_STR(out, "330100");
	CHECK_INT(region_parent_code("330100", out, sizeof(out)), 0);
	CHECK_STR(out, "330000");
	CHECK_INT(region_parent_code("330000", out, sizeof(out)), 1);
	CHECK_STR(out, "");
	CHECK_INT(region_parent_code("441900003000", out, sizeof(out)), 0);
	CHECK_STR(out, "441900");
}

TEST(gbt2260_county_under_province_summary_code_90)
{
	char out[13];

	/* 4290 is a summary code: 仙桃 429004 belongs directly to 湖北 420000 */
	CHECK_INT(region_parent_code("429004", out, sizeof(out)), 0);
	CHECK_STR(out, "420000");
	CHECK_INT(region_parent_code("469005", out, sizeof(out)), 0);
	CHECK_STR(out, "460000");
	CHECK_INT(region_parent_code("429004100000", out, sizeof(out)), 0);
	CHECK_STR(out, "429004");
	CHECK_INT(region_parent_code("429000", out, sizeof(out)), -1);
}

TEST(gbt2260_parent_refuses_bad_input_and_small_buffers)
{
	char out[13] = "x";

	CHECK_INT(region_parent_code("33010", out, sizeof(out)), -1);
	CHECK_STR(out, "");
	CHECK_INT(region_parent_code(NULL, out, sizeof(out)), -1);
	CHECK_INT(region_parent_code("330106", out, 6), -1);
	CHECK_STR(out, "");
	CHECK_INT(region_parent_code("330106", out, 7), 0);
	CHECK_INT(region_parent_code("330106001001", out, 12), -1);
	CHECK_INT(region_parent_code("330000", NULL, 0), 1);
}
