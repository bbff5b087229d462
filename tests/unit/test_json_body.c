#include "http/http.h"
#include "t.h"

/* Nests depth containers: {"a":{"a":...{}...}} */
static void nest(char *out, size_t depth)
{
	size_t i, n = 0;

	for (i = 0; i + 1 < depth; i++, n += 5)
		memcpy(out + n, "{\"a\":", 5);
	out[n++] = '{';
	out[n++] = '}';
	for (i = 0; i + 1 < depth; i++)
		out[n++] = '}';
	out[n] = '\0';
}

static int decode(const char *s, size_t max_depth, struct zerr *e)
{
	json_t *j = NULL;
	int rc = request_json_object(s, strlen(s), max_depth, &j, e);

	json_decref(j);
	return rc;
}

TEST(request_json_nesting_up_to_the_configured_depth_is_accepted)
{
	struct zerr e = ZERR_INIT;
	char s[4096];

	nest(s, 16);
	CHECK_INT(decode(s, 16, &e), 0);
	CHECK(!zerr_isset(&e));
	CHECK_INT(decode("{\"a\":[[1,[2]],{\"b\":[]}]}", 4, &e), 0);
}

TEST(request_json_nested_one_deeper_than_configured_is_400_invalid_json)
{
	struct zerr e = ZERR_INIT;
	char s[4096];

	nest(s, 17);
	CHECK_INT(decode(s, 16, &e), -1);
	CHECK_INT(e.status, 400);
	CHECK_STR(e.code, "invalid_json");
	CHECK(strstr(e.detail, "16") != NULL);
	zerr_clear(&e);
	/* arrays count as containers too, and the deepest branch decides */
	CHECK_INT(decode("{\"a\":1,\"b\":[[[[1]]]]}", 4, &e), -1);
	CHECK_STR(e.code, "invalid_json");
	zerr_clear(&e);
}

TEST(request_json_refuses_empty_malformed_non_object_and_repeated_members)
{
	static const char *bad[] = { "", "{", "[1]", "\"x\"", "null", "{\"a\":1,\"a\":2}", "{} {}" };
	struct zerr e = ZERR_INIT;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_INT(decode(bad[i], 16, &e), -1);
		CHECK_INT(e.status, 400);
		CHECK_STR(e.code, "invalid_json");
		zerr_clear(&e);
	}
}
