#include "core/err.h"
#include "http/http.h"
#include "t.h"

TEST(utf8_repair_keeps_good_text_and_marks_each_bad_byte)
{
	char good[] = "请求体不是合法的 JSON (ok) \xf0\x9f\x98\x80";
	char cut[] = "near '\"西\\\xe6\xb9'";            /* a character cut after 2 of 3 bytes */
	char stray[] = "a\x80" "b\xc0\xaf" "c\xed\xa0\x80" "d\xf4\x90\x80\x80";
	/* stray continuation, overlong '/', surrogate U+D800, past U+10FFFF */

	utf8_repair(good);
	CHECK_STR(good, "请求体不是合法的 JSON (ok) \xf0\x9f\x98\x80");
	utf8_repair(cut);
	CHECK_STR(cut, "near '\"西\\?\?'");
	utf8_repair(stray);
	CHECK_STR(stray, "a?b??c???d????");
}

TEST(zerr_detail_quoting_a_broken_character_still_makes_a_problem_document)
{
	struct zerr e = ZERR_INIT;
	json_t *p;
	char *s;

	zerr_set(&e, 400, "invalid_json", "请求体不是合法的 JSON：%s", "near '\xe6\xb9'");
	zerr_field(&e, "name", "名称%s", "\xe8\xa5");
	p = http_problem_json(&e, "/api/v1/regions");
	CHECK(p != NULL);
	s = json_dumps(p, JSON_COMPACT);
	CHECK(s != NULL);
	CHECK(strstr(s, "near '?\?'") != NULL);
	CHECK_INT(json_array_size(json_object_get(p, "errors")), 1);
	free(s);
	json_decref(p);
	zerr_clear(&e);
}
