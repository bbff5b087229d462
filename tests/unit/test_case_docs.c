/* The case layer's document helpers that need no database (api/case_docs.h). */
#include <jansson.h>
#include <string.h>

#include "api/case_docs.h"
#include "core/crypto.h"
#include "t.h"

TEST(case_docs_time_of_day)
{
	CHECK(case_doc_time_ok("00:00"));
	CHECK(case_doc_time_ok("09:30"));
	CHECK(case_doc_time_ok("23:59"));
	CHECK(!case_doc_time_ok("24:00"));
	CHECK(!case_doc_time_ok("9:30"));
	CHECK(!case_doc_time_ok("09:60"));
	CHECK(!case_doc_time_ok("09-30"));
	CHECK(!case_doc_time_ok(""));
	CHECK(!case_doc_time_ok(NULL));
}

TEST(case_docs_preserved_item)
{
	json_t *ok = json_pack("{s:s, s:s, s:s, s:s}", "name", "遮阳棚", "spec", "3m×5m", "quantity", "1座", "note", "旧");
	json_t *bare = json_pack("{s:s}", "name", "桌椅");
	json_t *noname = json_pack("{s:s}", "spec", "x"), *empty = json_pack("{s:s}", "name", "");
	json_t *extra = json_pack("{s:s, s:s}", "name", "桌椅", "price", "10");
	json_t *num = json_pack("{s:s, s:i}", "name", "桌椅", "quantity", 6), *text = json_string("桌椅");

	CHECK(case_doc_item_ok(ok));
	CHECK(case_doc_item_ok(bare));
	CHECK(!case_doc_item_ok(noname));
	CHECK(!case_doc_item_ok(empty));
	CHECK(!case_doc_item_ok(extra));
	CHECK(!case_doc_item_ok(num));
	CHECK(!case_doc_item_ok(text));
	json_decref(ok);
	json_decref(bare);
	json_decref(noname);
	json_decref(empty);
	json_decref(extra);
	json_decref(num);
	json_decref(text);
}

TEST(case_docs_citation_as_printed)
{
	json_t *c = json_pack("{s:s, s:s, s:s, s:s}", "law", "中华人民共和国食品安全法", "article", "第一百二十四条",
			      "paragraph", "第一款", "item", "第一项");
	json_t *a = json_pack("{s:s, s:s}", "law", "城市道路管理条例", "article", "第四十二条");
	char out[256];

	case_doc_citation(c, out, sizeof(out));
	CHECK_STR(out, "《中华人民共和国食品安全法》第一百二十四条第一款第一项");
	case_doc_citation(a, out, sizeof(out));
	CHECK_STR(out, "《城市道路管理条例》第四十二条");
	json_decref(c);
	json_decref(a);
	CHECK_STR(case_doc_record_template("inquiry"), "inquiry_record");
	CHECK_STR(case_doc_record_template("inspection"), "inspection_record");
	CHECK(case_doc_record_template("photo") == NULL);
}

/* 证据清单: a digest as its first 16 hex digits in groups of four. */
TEST(case_docs_evidence_digest_prefix)
{
	char out[32];

	case_doc_digest_prefix("9f2c4e1ab37d05c8e0aa000000000000000000000000000000000000000000ff", out, sizeof(out));
	CHECK_STR(out, "9f2c 4e1a b37d 05c8");
	case_doc_digest_prefix("9f2c4e1ab37d05c", out, sizeof(out));
	CHECK_STR(out, "—");
	case_doc_digest_prefix(NULL, out, sizeof(out));
	CHECK_STR(out, "—");
}

/* A 笔录's digest: SHA-256 over the canonical JSON of its state (keys sorted, no
 * spaces, raw UTF-8), whatever order the members were set in. */
TEST(case_docs_record_digest_is_sha256_of_canonical_state)
{
	json_t *a = json_pack("{s:s, s:s, s:n, s:s}", "summary", "现场检查", "kind", "inspection", "place", "id", "r1");
	json_t *b = json_pack("{s:s, s:n, s:s, s:s}", "id", "r1", "place", "kind", "inspection", "summary", "现场检查");
	const char *canon = "{\"id\":\"r1\",\"kind\":\"inspection\",\"place\":null,\"summary\":\"现场检查\"}";
	char ha[65], hb[65], want[65];
	uint8_t h[32];

	crypto_sha256(canon, strlen(canon), h);
	hex_encode(h, sizeof(h), want);
	CHECK_INT(case_doc_state_sha256(a, ha), 0);
	CHECK_INT(case_doc_state_sha256(b, hb), 0);
	CHECK_STR(ha, want);
	CHECK_STR(hb, want);
	json_object_set_new(b, "summary", json_string("现场检查。"));
	CHECK_INT(case_doc_state_sha256(b, hb), 0);
	CHECK(strcmp(ha, hb) != 0);
	CHECK_INT(case_doc_state_sha256(NULL, hb), -1);
	CHECK_STR(hb, "");
	json_decref(a);
	json_decref(b);
}

/* A collection instant is stored in UTC and printed in China time, across midnight
 * and across a month's and a year's end. */
TEST(case_docs_evidence_instant_in_china_time)
{
	char out[64];

	CHECK_INT(case_doc_instant_cn("2026-05-01T08:30:00Z", out, sizeof(out)), 0);
	CHECK_STR(out, "2026年5月1日16时30分");
	CHECK_INT(case_doc_instant_cn("2026-03-05T16:20:00Z", out, sizeof(out)), 0);
	CHECK_STR(out, "2026年3月6日0时20分");
	CHECK_INT(case_doc_instant_cn("2026-12-31T23:05Z", out, sizeof(out)), 0);
	CHECK_STR(out, "2027年1月1日7时05分");
	CHECK_INT(case_doc_instant_cn("2028-02-28T20:00:00Z", out, sizeof(out)), 0);
	CHECK_STR(out, "2028年2月29日4时00分");
	CHECK_INT(case_doc_instant_cn("2026-05-01T08:30:00", out, sizeof(out)), -1);
	CHECK_STR(out, "");
	CHECK_INT(case_doc_instant_cn("2026-05-01T24:30:00Z", out, sizeof(out)), -1);
	CHECK_INT(case_doc_instant_cn("2026-02-30T08:30:00Z", out, sizeof(out)), -1);
	CHECK_INT(case_doc_instant_cn("", out, sizeof(out)), -1);
	CHECK_INT(case_doc_instant_cn(NULL, out, sizeof(out)), -1);
}

/* A long description is cut at a character, never inside one. */
TEST(case_docs_clip_counts_characters_not_bytes)
{
	char out[64];

	case_doc_clip("现场照片", 10, out, sizeof(out));
	CHECK_STR(out, "现场照片");
	case_doc_clip("文二路88号门前遮阳棚", 5, out, sizeof(out));
	CHECK_STR(out, "文二路88…");
	case_doc_clip("abc", 3, out, sizeof(out));
	CHECK_STR(out, "abc");
	case_doc_clip(NULL, 3, out, sizeof(out));
	CHECK_STR(out, "");
	case_doc_clip("照片照片照片", 6, out, 8); /* the buffer, not the count, ends it: no torn character */
	CHECK(strlen(out) <= 7);
}
