/* The ledger's canonical state bytes (src/ledger/canon.c) must equal, byte for byte,
 * what jansson's sorted compact dump wrote for every entry already in a log. */
#include <stdlib.h>

#include "ledger/ledger.h"
#include "t.h"

static char *jansson_form(json_t *v)
{
	return json_dumps(v, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENCODE_ANY);
}

/* 1 when both writers agree on v (both refusing counts as agreeing). */
static int same(json_t *v)
{
	char *a = ledger_canonical(v), *b = jansson_form(v);
	int ok = (!a && !b) || (a && b && strcmp(a, b) == 0);

	if (!ok)
		fprintf(stderr, "canon: ours %s\n       jansson %s\n", a ? a : "(null)", b ? b : "(null)");
	free(a);
	free(b);
	return ok;
}

TEST(canon_matches_jansson_on_a_real_state)
{
	json_t *v = json_pack("{s:s, s:s, s:I, s:n, s:b, s:b, s:s, s:[i,s,{s:i,s:s}], s:{}, s:[], s:f}",
			      "name", "市场监督管理局 \"执法\" 大队\\", "region_code", "330106",
			      "id", (json_int_t)-9223372036854775807LL - 1, "parent", "active", 1,
			      "deleted", 0, "note", "tab\there\nline\r\b\f\x01\x1f\x7f/", "list", 1,
			      "二", "z", 3, "a", "é😀", "empty", "none", "real", 0.1);

	CHECK(v != NULL);
	CHECK(same(v));
	{ /* the exact bytes, as the first entries were written */
		json_t *w = json_pack("{s:s, s:i, s:s}", "b", "x\x01", "a", 2, "ab", "\xe4\xb8\x80");
		char *s = ledger_canonical(w);

		CHECK_STR(s, "{\"a\":2,\"ab\":\"\xe4\xb8\x80\",\"b\":\"x\\u0001\"}");
		free(s);
		json_decref(w);
	}
	json_decref(v);
}

TEST(canon_sorts_keys_by_bytes_and_length)
{
	json_t *v = json_object();
	const char *keys[] = { "b", "a", "aa", "A", "_", "a_", "é", "z", "Z", "ab", "a0", "" };
	size_t i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		json_object_set_new(v, keys[i], json_integer((json_int_t)i));
	/* a key with a NUL inside sorts by its bytes, like jansson */
	json_object_setn_new(v, "a\0b", 3, json_true());
	CHECK(same(v));
	json_decref(v);
}

TEST(canon_scalars_and_nesting)
{
	json_t *vals[] = { json_null(), json_true(), json_false(), json_integer(0),
			   json_integer(-1), json_integer(9223372036854775807LL), json_string(""),
			   json_real(1e300), json_real(-0.0), json_real(3.0), json_stringn("a\0b", 3),
			   json_pack("[[[[{}]]],{s:[{s:n}]}]", "k", "j") };
	size_t i;

	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++) {
		CHECK(vals[i] != NULL);
		CHECK(same(vals[i]));
		json_decref(vals[i]);
	}
}

TEST(canon_refuses_invalid_utf8_as_jansson_does)
{
	/* strings that bypassed jansson's check: overlong, surrogate, beyond U+10FFFF, cut */
	const char *bad[] = { "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe4\xb8", "\x80" };
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		json_t *v = json_pack("{s:o}", "k", json_stringn_nocheck(bad[i], strlen(bad[i])));
		char *s = ledger_canonical(v);

		CHECK(s == NULL);
		CHECK(same(v));
		json_decref(v);
	}
}

/* Random objects of random strings (all bytes 1..255 as valid UTF-8 code points,
 * control characters included) and values: both writers must agree on every one. */
TEST(canon_matches_jansson_on_random_values)
{
	unsigned seed = 12345;
	int round;

	for (round = 0; round < 2000; round++) {
		json_t *v = json_object();
		int n = (int)(seed % 40), k;

		for (k = 0; k < n; k++) {
			char key[16], val[64];
			int len = 0, j;

			seed = seed * 1103515245u + 12345u;
			snprintf(key, sizeof(key), "%c%u", 'a' + (int)(seed >> 16) % 26, (seed >> 8) % 50);
			for (j = 0; j < (int)((seed >> 4) % 20); j++) {
				unsigned c;

				seed = seed * 1103515245u + 12345u;
				c = 1 + (seed >> 16) % 0x7ff; /* 1-byte and 2-byte code points */
				if (c < 0x80) {
					val[len++] = (char)c;
				} else {
					val[len++] = (char)(0xC0 | c >> 6);
					val[len++] = (char)(0x80 | (c & 0x3F));
				}
			}
			val[len] = '\0';
			switch (seed % 5) {
			case 0: json_object_set_new(v, key, json_string(val)); break;
			case 1: json_object_set_new(v, key, json_integer((json_int_t)seed - 0x7fffffff)); break;
			case 2: json_object_set_new(v, key, json_null()); break;
			case 3: json_object_set_new(v, key, json_pack("[s,b]", val, (int)(seed & 1))); break;
			default: json_object_set_new(v, key, json_pack("{s:s}", val, key)); break;
			}
		}
		CHECK(same(v));
		json_decref(v);
	}
}
