#include "core/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"

int zerr_set(struct zerr *e, int status, const char *code, const char *fmt, ...)
{
	va_list ap;

	e->status = status;
	snprintf(e->code, sizeof(e->code), "%s", code);
	va_start(ap, fmt);
	vsnprintf(e->detail, sizeof(e->detail), fmt, ap);
	va_end(ap);
	return -1;
}

int zerr_field(struct zerr *e, const char *field, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
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
