#include "core/buf.h"
#include "t.h"

TEST(buf_cap_refuses_and_keeps_contents)
{
	struct buf b = BUF_INIT(8);

	CHECK_INT(buf_adds(&b, "12345678"), 0);
	CHECK_INT(buf_addc(&b, '9'), -1);
	CHECK_STR(buf_str(&b), "12345678");
	buf_release(&b);
}

TEST(buf_json_escape)
{
	struct buf b = BUF_INIT(64);

	CHECK_INT(buf_add_json_escaped(&b, "a\"b\\\n\x01"), 0);
	CHECK_STR(buf_str(&b), "a\\\"b\\\\\\n\\u0001");
	buf_release(&b);
}
