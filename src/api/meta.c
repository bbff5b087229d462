/* meta.c: health, metrics, the OpenAPI document. */
#include <string.h>

#include "api/api.h"
#include "core/embed.h"
#include "http/metrics.h"

int api_healthz(struct req *r)
{
	return http_reply(r, 200, json_pack("{s:s}", "status", "ok"));
}

int api_metrics(struct req *r)
{
	struct buf b = BUF_INIT(1 << 20);

	if (metrics_render(&b) < 0) {
		buf_release(&b);
		return zerr_oom(&r->err);
	}
	r->raw = buf_detach(&b, &r->raw_len);
	r->raw_type = "text/plain; version=0.0.4; charset=utf-8";
	r->status = 200;
	return 0;
}

int api_openapi(struct req *r)
{
	const struct embedded *doc = embedded_find(embedded_docs, "openapi.yaml");

	if (!doc)
		return zerr_not_found(&r->err, "接口文档 (OpenAPI document)");
	r->raw = malloc(doc->len ? doc->len : 1);
	if (!r->raw)
		return zerr_oom(&r->err);
	memcpy(r->raw, doc->data, doc->len);
	r->raw_len = doc->len;
	r->raw_type = "application/yaml; charset=utf-8";
	r->status = 200;
	return 0;
}
