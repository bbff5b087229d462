#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"

/* Bytes of the well-formed UTF-8 sequence at s (1..4), or 0 when there is none there:
 * a stray continuation byte, a sequence cut short, an overlong form, a surrogate or a
 * code point past U+10FFFF (what jansson refuses to put in a string). */
static size_t utf8_seq(const unsigned char *s)
{
	unsigned long cp;
	size_t n, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		cp = s[0] & 0x1fu;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		cp = s[0] & 0x0fu;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		cp = s[0] & 0x07u;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) { /* stops at the NUL, which is no continuation byte */
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3fu);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

void utf8_repair(char *s)
{
	size_t n;

	while (*s) {
		n = utf8_seq((const unsigned char *)s);
		if (n == 0)
			*s++ = '?';
		else
			s += n;
	}
}

int zerr_set(struct zerr *e, int status, const char *code, const char *fmt, ...)
{
	va_list ap;

	e->status = status;
	snprintf(e->code, sizeof(e->code), "%s", code);
	va_start(ap, fmt);
	vsnprintf(e->detail, sizeof(e->detail), fmt, ap);
	va_end(ap);
	/* cut at the buffer's end, or quoting the client's bytes: either may break a character */
	utf8_repair(e->detail);
	return -1;
}

int zerr_field(struct zerr *e, const char *field, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	utf8_repair(msg);
	if (!e->status) {
		e->status = 400;
		snprintf(e->code, sizeof(e->code), "invalid_field");
		snprintf(e->detail, sizeof(e->detail), "请求中有字段不合法 (invalid fields)");
	}
	if (!e->errors)
		e->errors = json_array();
	json_array_append_new(e->errors, json_pack("{s:s, s:s}", "field", field, "message", msg));
	return -1;
}

int zerr_isset(const struct zerr *e)
{
	return e->status != 0;
}

void zerr_clear(struct zerr *e)
{
	json_decref(e->errors);
	json_decref(e->extra);
	memset(e, 0, sizeof(*e));
}

int zerr_oom(struct zerr *e)
{
	return zerr_set(e, 503, "out_of_memory", "服务器内存不足，请稍后重试 (out of memory)");
}

int zerr_internal(struct zerr *e, const char *what)
{
	log_error("internal error: %s", what);
	return zerr_set(e, 500, "internal", "服务器内部错误 (internal error)");
}

int zerr_not_found(struct zerr *e, const char *what)
{
	return zerr_set(e, 404, "not_found", "未找到%s (not found)", what);
}
