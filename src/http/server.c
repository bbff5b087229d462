/* server.c: libmicrohttpd glue. Per-request state is made on the first callback and
 * freed only in the completion callback (as in libmicrohttpd's post_example). */
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/config.h"
#include "core/crypto.h"
#include "core/log.h"
#include "http/http.h"
#include "http/metrics.h"
#include "api/api.h"

static const struct config *g_cfg;
static pthread_key_t db_key;

static void db_key_free(void *p)
{
	db_t *db = p;

	db_close(&db);
}

/* This worker thread's connection, opened on first use. */
static db_t *thread_db(void)
{
	db_t *db = pthread_getspecific(db_key);
	char *err = NULL;

	if (db)
		return db;
	db = db_open(g_cfg->db_url, &err);
	if (!db) {
		log_error("database: %s", err ? err : "?");
		free(err);
		return NULL;
	}
	pthread_setspecific(db_key, db);
	return db;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

const char *http_query(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *http_header(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

int http_reply(struct req *r, int status, json_t *body)
{
	json_decref(r->out);
	r->status = status;
	r->out = body;
	return 0;
}

/* Depth of containers in j, counting j itself; stops counting past limit so that the
 * recursion never goes deeper than limit + 1 however deep j is. */
static size_t json_depth(json_t *j, size_t limit)
{
	size_t d, max = 0, i;
	const char *k;
	json_t *v;

	if (!json_is_object(j) && !json_is_array(j))
		return 0;
	if (limit == 0)
		return 1;
	if (json_is_object(j)) {
		json_object_foreach(j, k, v) {
			d = json_depth(v, limit - 1);
			if (d > max)
				max = d;
			if (max >= limit)
				break;
		}
	} else {
		json_array_foreach(j, i, v) {
			d = json_depth(v, limit - 1);
			if (d > max)
				max = d;
			if (max >= limit)
				break;
		}
	}
	return max + 1;
}

int request_json_object(const char *body, size_t len, size_t max_depth, json_t **obj_r,
			struct zerr *e)
{
	json_error_t jerr;
	json_t *j;

	*obj_r = NULL;
	if (len == 0)
		return zerr_set(e, 400, "invalid_json", "请求体为空，需要 JSON 对象 (empty body)");
	j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!j)
		return zerr_set(e, 400, "invalid_json",
				"请求体不是合法的 JSON：第 %d 行第 %d 列，%s (malformed JSON)", jerr.line,
				jerr.column, jerr.text);
	if (!json_is_object(j)) {
		json_decref(j);
		return zerr_set(e, 400, "invalid_json", "请求体必须是 JSON 对象 (body must be an object)");
	}
	if (json_depth(j, max_depth) > max_depth) {
		json_decref(j);
		return zerr_set(e, 400, "invalid_json", "请求体 JSON 嵌套超过 %zu 层 (nesting too deep)",
				max_depth);
	}
	*obj_r = j;
	return 0;
}

int http_json_body(struct req *r, json_t **obj_r)
{
	return request_json_object(r->body.data, r->body.len, r->cfg->max_json_depth, obj_r, &r->err);
}

int http_page(struct req *r, int def, int max, int *limit_r, const char **cursor_r)
{
	const char *l = http_query(r, "limit"), *c = http_query(r, "cursor");
	char *end;
	long v = def;

	if (l) {
		v = strtol(l, &end, 10);
		if (!*l || *end || v < 1 || v > max)
			return zerr_field(&r->err, "limit", "limit 必须是 1 到 %d 之间的整数", max);
	}
	if (c && (strlen(c) > 128 || !*c))
		return zerr_field(&r->err, "cursor", "cursor 无效 (bad cursor)");
	*limit_r = (int)v;
	*cursor_r = c;
	return 0;
}

static const struct {
	const char *code, *title;
} titles[] = {
	{ "invalid_field", "请求参数不合法" },
	{ "invalid_json", "请求体不是合法的 JSON" },
	{ "invalid_csv", "导入文件有错误，未导入任何记录" },
	{ "unauthenticated", "未登录或登录已过期" },
	{ "bad_credentials", "用户名或密码错误" },
	{ "account_locked", "账号已锁定" },
	{ "account_disabled", "账号已停用" },
	{ "forbidden", "无权执行此操作" },
	{ "not_found", "未找到" },
	{ "method_not_allowed", "不支持该请求方法" },
	{ "conflict", "与已有记录冲突" },
	{ "body_too_large", "请求体过大" },
	{ "unsupported_media_type", "不支持的内容类型" },
	{ "idempotency_conflict", "幂等键已用于另一请求" },
	{ "requirements_unmet", "不满足法定条件，暂不能执行" },
	{ "self_approval", "不能审批自己提出的申请" },
	{ "already_decided", "该申请已审批" },
	{ "effective_date_past", "生效日期已过" },
	{ "item_exists", "目录中已有该事项" },
	{ "item_unknown", "目录中没有该事项" },
	{ "item_repealed", "该事项已废止，没有现行有效的版本" },
	{ "version_overlap", "有效期与已有版本重叠" },
	{ "no_change", "变更没有改变任何内容" },
	{ "proposal_invalid", "变更申请的内容已不成立" },
	{ "upload_too_large", "上传文件过大" },
	{ "empty_upload", "上传内容为空" },
	{ "digest_mismatch", "内容与声明的摘要不符" },
	{ "range_not_satisfiable", "请求的范围无法满足" },
	{ "evidence_sealed", "证据已封存，不能修改" },
	{ "evidence_corrupt", "证据文件与摘要不符" },
	{ "evidence_missing", "证据文件缺失" },
	{ "upload_expired", "上传已过期" },
	{ "upload_locked", "上传正在写入" },
	{ "upload_complete", "上传已完成" },
	{ "upload_offset_mismatch", "续传位置不符" },
	{ "upload_past_length", "超出声明的长度" },
	{ "partial_missing", "续传的临时文件缺失" },
	{ "tus_version", "不支持的 tus 协议版本" },
	{ "not_an_image", "不是可生成缩略图的图片" },
	{ "image_too_large", "图片像素过多" },
	{ "image_unreadable", "图片无法解码" },
	{ "invalid_discretion_table", "裁量基准格式有误，未载入" },
	{ "discretion_overlap", "裁量基准规则重叠，未载入" },
	{ "discretion_gap", "裁量基准有未覆盖的情形，未载入" },
	{ "discretion_too_complex", "裁量基准情形组合过多，未载入" },
	{ "discretion_test_failed", "裁量基准内置测试未通过，未载入" },
	{ "discretion_version_exists", "该版本裁量基准已存在" },
	{ "discretion_not_found", "没有施行中的裁量基准" },
	{ "invalid_circumstances", "裁量情节不完整或有误" },
	{ "invalid_dates", "日期不合逻辑" },
	{ "case_state", "案件当前环节不能进行此项操作" },
	{ "busy", "系统繁忙" },
	{ "out_of_memory", "系统繁忙" },
	{ "internal", "服务器内部错误" },
};

json_t *http_problem_json(const struct zerr *e, const char *instance)
{
	const char *title = "请求失败";
	char type[80];
	json_t *j;
	size_t i;

	for (i = 0; i < sizeof(titles) / sizeof(titles[0]); i++)
		if (strcmp(titles[i].code, e->code) == 0)
			title = titles[i].title;
	snprintf(type, sizeof(type), "/problems/%s", e->code);
	j = json_pack("{s:s, s:s, s:i, s:s, s:s, s:O}", "type", type, "title", title, "status",
		      e->status, "code", e->code, "detail", e->detail, "errors",
		      e->errors ? e->errors : json_array());
	if (e->errors == NULL) {
		/* json_pack's O on a fresh array took a second reference: drop ours */
		json_t *arr = json_object_get(j, "errors");

		json_decref(arr);
	}
	if (instance)
		json_object_set_new(j, "instance", json_string(instance));
	if (e->extra)
		json_object_update(j, e->extra);
	return j;
}

void http_add_header(struct req *r, const char *name, const char *fmt, ...)
{
	va_list ap;

	if (r->nhdr >= HTTP_MAX_HEADERS)
		return;
	snprintf(r->hdr[r->nhdr].name, sizeof(r->hdr[r->nhdr].name), "%s", name);
	va_start(ap, fmt);
	vsnprintf(r->hdr[r->nhdr].value, sizeof(r->hdr[r->nhdr].value), fmt, ap);
	va_end(ap);
	r->nhdr++;
}

static struct MHD_Response *text_response(const char *s, size_t n)
{
	return MHD_create_response_from_buffer(n, (void *)s, MHD_RESPMEM_MUST_COPY);
}

static void finish_headers(struct req *r, struct MHD_Response *resp, const char *type)
{
	int i;

	MHD_add_response_header(resp, "Content-Type", type);
	MHD_add_response_header(resp, "X-Request-Id", r->request_id);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	if (r->location[0])
		MHD_add_response_header(resp, "Location", r->location);
	for (i = 0; i < r->nhdr; i++)
		MHD_add_response_header(resp, r->hdr[i].name, r->hdr[i].value);
}

static enum MHD_Result send_answer(struct req *r)
{
	struct MHD_Response *resp;
	const char *type = "application/json; charset=utf-8";
	enum MHD_Result ret;
	char *s = NULL;
	size_t n = 0;

	if (zerr_isset(&r->err)) {
		json_decref(r->out);
		r->out = http_problem_json(&r->err, r->path);
		r->status = r->err.status;
		type = "application/problem+json; charset=utf-8";
	}
	if (r->reader && !zerr_isset(&r->err)) {
		resp = MHD_create_response_from_callback(r->reader_size, 64 * 1024,
							 (MHD_ContentReaderCallback)r->reader,
							 r->reader_cls, r->reader_free);
		if (resp)
			r->reader_cls = NULL; /* the response owns it now */
		type = r->raw_type ? r->raw_type : "application/octet-stream";
	} else if (r->raw) {
		resp = MHD_create_response_from_buffer(r->raw_len, r->raw, MHD_RESPMEM_MUST_FREE);
		r->raw = NULL;
		type = r->raw_type ? r->raw_type : "application/octet-stream";
	} else if (r->out) {
		s = json_dumps(r->out, JSON_COMPACT | JSON_ENSURE_ASCII * 0);
		n = s ? strlen(s) : 0;
		resp = MHD_create_response_from_buffer(n, s, MHD_RESPMEM_MUST_FREE);
	} else {
		resp = text_response("", 0);
	}
	if (!resp)
		return MHD_NO;
	finish_headers(r, resp, type);
	MHD_add_response_header(resp, "Cache-Control", "no-store");
	ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* ---- static files (the web app) ---- */

static const char *mime_of(const char *path)
{
	static const struct {
		const char *ext, *type;
	} m[] = {
		{ ".html", "text/html; charset=utf-8" }, { ".js", "text/javascript; charset=utf-8" },
		{ ".css", "text/css; charset=utf-8" },   { ".svg", "image/svg+xml" },
		{ ".png", "image/png" },                 { ".ico", "image/x-icon" },
		{ ".json", "application/json" },         { ".woff2", "font/woff2" },
		{ ".woff", "font/woff" },                { ".ttf", "font/ttf" },
		{ ".yaml", "application/yaml; charset=utf-8" }, { ".txt", "text/plain; charset=utf-8" },
	};
	const char *dot = strrchr(path, '.');
	size_t i;

	for (i = 0; dot && i < sizeof(m) / sizeof(m[0]); i++)
		if (strcmp(dot, m[i].ext) == 0)
			return m[i].type;
	return "application/octet-stream";
}

static enum MHD_Result serve_static(struct req *r)
{
	char file[1024];
	struct MHD_Response *resp;
	struct stat sb;
	int fd = -1, spa = 0;
	enum MHD_Result ret;

	if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0) {
		zerr_set(&r->err, 405, "method_not_allowed", "不支持该请求方法 (method not allowed)");
		return send_answer(r);
	}
	if (strstr(r->path, "..") || strchr(r->path, '\\'))
		goto index;
	snprintf(file, sizeof(file), "%s%s", g_cfg->web_dir, r->path);
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		if (fd >= 0)
			close(fd);
index:
		spa = 1;
		snprintf(file, sizeof(file), "%s/index.html", g_cfg->web_dir);
		fd = open(file, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || fstat(fd, &sb) < 0) {
			if (fd >= 0)
				close(fd);
			r->status = 404;
			zerr_set(&r->err, 404, "not_found", "未找到网页文件 (web app not built: run make)");
			return send_answer(r);
		}
	}
	resp = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
	if (!resp) {
		close(fd);
		return MHD_NO;
	}
	r->status = 200;
	finish_headers(r, resp, mime_of(spa ? "index.html" : file));
	MHD_add_response_header(resp, "Cache-Control",
				!spa && strncmp(r->path, "/assets/", 8) == 0
					? "public, max-age=31536000, immutable" : "no-cache");
	ret = MHD_queue_response(r->conn, 200, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* ---- idempotency ---- */

/* Replays a stored answer for (user, Idempotency-Key). 1 replayed, 0 none, -1 error. */
static int idem_replay(struct req *r, const char *key)
{
	db_stmt_t *st = db_prepare(r->db, "SELECT method, path, status, body FROM idempotency"
					  " WHERE user_id = ? AND key = ?");
	int rc, hit = 0;

	if (!st)
		return -1;
	db_bind_int(st, 1, r->who.user_id);
	db_bind_text(st, 2, key);
	rc = db_step(st);
	if (rc == DB_ROW) {
		if (strcmp(db_col_text(st, 0), r->method) != 0 || strcmp(db_col_text(st, 1), r->path) != 0) {
			zerr_set(&r->err, 422, "idempotency_conflict",
				 "该 Idempotency-Key 已用于另一请求 (key reused for another request)");
		} else {
			r->status = (int)db_col_int(st, 2);
			r->out = json_loads(db_col_text(st, 3), 0, NULL);
		}
		hit = 1;
		rc = db_run(st);
	}
	return rc == DB_OK ? hit : -1;
}

static void idem_store(struct req *r, const char *key)
{
	char now[32], *s;
	db_stmt_t *st;

	if (!r->out || r->status < 200 || r->status > 299)
		return;
	s = json_dumps(r->out, JSON_COMPACT);
	st = db_prepare(r->db, "INSERT INTO idempotency (user_id, key, method, path, status, body, created_at)"
			       " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING");
	if (s && st) {
		utc_now_iso(now, sizeof(now), 0);
		db_bind_int(st, 1, r->who.user_id);
		db_bind_text(st, 2, key);
		db_bind_text(st, 3, r->method);
		db_bind_text(st, 4, r->path);
		db_bind_int(st, 5, r->status);
		db_bind_text(st, 6, s);
		db_bind_text(st, 7, now);
		if (db_run(st) != DB_OK)
			log_warn("idempotency store failed: %s", db_errmsg(r->db));
	}
	free(s);
}

/* ---- dispatch ---- */

/* Settles what the headers decide: the route, the database, the principal and the
 * permission. 0, or -1 with r->err set. */
static int preflight(struct req *r)
{
	int known = 0;

	r->route = http_route_match(r->method, r->path, r, &known);
	if (!r->route) {
		if (known)
			return zerr_set(&r->err, 405, "method_not_allowed",
					"该地址不支持 %s 方法 (method not allowed)", r->method);
		return zerr_set(&r->err, 404, "not_found", "没有这个接口 (no such endpoint)");
	}
	if (r->body_too_large)
		return zerr_set(&r->err, 413, "body_too_large", "请求体超过 %zu 字节上限 (body too large)",
				g_cfg->max_body);
	r->db = thread_db();
	if (!r->db)
		return zerr_set(&r->err, 503, "busy", "数据库不可用 (database unavailable)");
	if (r->route->perm != P_PUBLIC) {
		if (auth_resolve(r->db, http_header(r, "Authorization"), &r->who, &r->err) < 0)
			return -1;
		if (!role_can(r->who.role, r->route->perm))
			return zerr_set(&r->err, 403, "forbidden", "当前角色（%s）无权执行此操作 (forbidden)",
					role_zh(r->who.role));
	}
	r->reveal = api_reveal(r);
	return r->reveal < 0 ? -1 : 0;
}

/* Runs the route's handler; a handler's transaction never outlives it. */
static int run_handler(struct req *r)
{
	int rc;

	r->status = 200;
	rc = r->route->fn(r);
	if (r->db && db_in_tx(r->db)) { /* a handler that forgot its transaction */
		log_error("%s %s left a transaction open", r->method, r->route->pattern);
		db_rollback(r->db);
	}
	/* whatever this request changed (a session, an account, a role, an agency's
	 * region...) must be seen by the next request: drop the cached principals
	 * before answering */
	if (strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0)
		auth_changed();
	if (rc < 0 && !zerr_isset(&r->err))
		zerr_internal(&r->err, "handler failed without a reason");
	return rc;
}

static void dispatch_api(struct req *r)
{
	const char *idem;
	int rc;

	if (preflight(r) < 0)
		return;
	idem = strcmp(r->method, "POST") == 0 && r->who.user_id ? http_header(r, "Idempotency-Key") : NULL;
	if (idem) {
		if (strlen(idem) < 8 || strlen(idem) > 128) {
			zerr_field(&r->err, "Idempotency-Key", "长度须为 8–128 (length 8..128)");
			return;
		}
		rc = idem_replay(r, idem);
		if (rc != 0) {
			if (rc < 0)
				db_zerr(r->db, DB_ERROR, &r->err);
			return;
		}
	}
	rc = run_handler(r);
	if (rc == 0 && idem)
		idem_store(r, idem);
}

/* A fresh request id in the UUIDv7 layout. Unlike record ids it need not be
 * unpredictable, only unique: a per-thread splitmix64 stream seeded from the CSPRNG
 * replaces a RAND_bytes call (and its locks) per request. */
static void request_id_new(char *out)
{
	static const char hex[] = "0123456789abcdef";
	static _Thread_local uint64_t state;
	struct timespec ts;
	uint8_t b[16];
	uint64_t ms, z[2];
	int i, o = 0;

	if (!state && (crypto_random(&state, sizeof(state)) < 0 || !state)) {
		uuid7(out);
		return;
	}
	for (i = 0; i < 2; i++) {
		z[i] = (state += 0x9e3779b97f4a7c15u);
		z[i] = (z[i] ^ (z[i] >> 30)) * 0xbf58476d1ce4e5b9u;
		z[i] = (z[i] ^ (z[i] >> 27)) * 0x94d049bb133111ebu;
		z[i] ^= z[i] >> 31;
	}
	memcpy(b, z, 16);
	clock_gettime(CLOCK_REALTIME, &ts);
	ms = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
	for (i = 0; i < 6; i++)
		b[i] = (uint8_t)(ms >> (40 - 8 * i));
	b[6] = (uint8_t)(0x70 | (b[6] & 0x0f));
	b[8] = (uint8_t)(0x80 | (b[8] & 0x3f));
	for (i = 0; i < 16; i++) {
		if (i == 4 || i == 6 || i == 8 || i == 10)
			out[o++] = '-';
		out[o++] = hex[b[i] >> 4];
		out[o++] = hex[b[i] & 15];
	}
	out[o] = '\0';
}

static void request_id(struct req *r)
{
	const char *h = http_header(r, "X-Request-Id");
	size_t i, n = h ? strlen(h) : 0;

	if (n >= 8 && n < sizeof(r->request_id)) {
		for (i = 0; i < n; i++)
			if (!((h[i] >= '0' && h[i] <= '9') || (h[i] >= 'a' && h[i] <= 'z') ||
			      (h[i] >= 'A' && h[i] <= 'Z') || h[i] == '-'))
				break;
		if (i == n) {
			memcpy(r->request_id, h, n + 1);
			return;
		}
	}
	request_id_new(r->request_id);
}

/* A request for a streaming route is settled from its headers alone: refused
 * before its body is read, or handed to the route's begin hook. */
static void stream_start(struct req *r)
{
	const struct route *rt;
	int known = 0;

	if (strncmp(r->path, "/api/", 5) != 0)
		return;
	rt = http_route_match(r->method, r->path, r, &known);
	if (!rt || !rt->stream)
		return;
	r->streaming = 1;
	request_id(r);
	if (preflight(r) < 0) {
		r->stream_failed = 1;
		return;
	}
	r->stream_began = 1;
	if (r->route->stream->begin(r) < 0)
		r->stream_failed = 1;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
				  const char *method, const char *version, const char *upload,
				  size_t *upload_size, void **con_cls)
{
	struct req *r = *con_cls;

	(void)cls;
	(void)version;
	if (!r) {
		r = calloc(1, sizeof(*r));
		if (!r)
			return MHD_NO;
		r->conn = conn;
		r->method = method;
		r->path = url;
		r->cfg = g_cfg;
		r->started_ns = now_ns();
		buf_init(&r->body, g_cfg->max_body);
		*con_cls = r;
		stream_start(r);
		/* a client that waits for "100 Continue" is refused before it sends the body */
		if (r->stream_failed && http_header(r, "Expect") &&
		    strcasecmp(http_header(r, "Expect"), "100-continue") == 0)
			return send_answer(r);
		return MHD_YES;
	}
	if (r->streaming) {
		if (*upload_size) {
			if (!r->stream_failed &&
			    r->route->stream->chunk(r, upload, *upload_size) < 0)
				r->stream_failed = 1;
			*upload_size = 0;
			return MHD_YES;
		}
		if (!r->stream_failed && !zerr_isset(&r->err))
			run_handler(r);
		return send_answer(r);
	}
	if (*upload_size) {
		if (!r->body_too_large && buf_add(&r->body, upload, *upload_size) < 0) {
			r->body_too_large = 1;
			buf_release(&r->body);
		}
		*upload_size = 0;
		return MHD_YES;
	}
	request_id(r);
	if (strncmp(url, "/api/", 5) == 0 || strcmp(url, "/healthz") == 0 || strcmp(url, "/metrics") == 0) {
		dispatch_api(r);
		return send_answer(r);
	}
	return serve_static(r);
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
			 enum MHD_RequestTerminationCode toe)
{
	struct req *r = *con_cls;
	uint64_t dur;

	(void)cls;
	(void)conn;
	if (!r)
		return;
	dur = now_ns() - r->started_ns;
	metrics_observe(r->route ? (int)(r->route - http_routes) : -1, r->status, dur);
	if (g_cfg->access_log)
		log_info("%s %s %s %d %.3fms user=%s%s", r->request_id, r->method, r->path, r->status,
			 (double)dur / 1e6, r->who.username[0] ? r->who.username : "-",
			 toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
	if (r->stream_began && r->route && r->route->stream)
		r->route->stream->release(r);
	if (r->reader_cls && r->reader_free)
		r->reader_free(r->reader_cls);
	json_decref(r->out);
	free(r->raw);
	free(r->state);
	buf_release(&r->body);
	zerr_clear(&r->err);
	free(r);
	*con_cls = NULL;
}

int http_serve(const struct config *cfg)
{
	struct sockaddr_in addr;
	struct MHD_Daemon *d;
	sigset_t set;
	int sig = 0;

	g_cfg = cfg;
	if (pthread_key_create(&db_key, db_key_free) != 0)
		return -1;
	memset(&addr, 0, sizeof(addr));
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)cfg->listen_port);
	if (inet_pton(AF_INET, cfg->listen_host, &addr.sin_addr) != 1) {
		log_error("listen address %s is not an IPv4 address", cfg->listen_host);
		return -1;
	}
	signal(SIGPIPE, SIG_IGN);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &set, NULL); /* worker threads inherit the mask */
	/* poll(), not epoll: libmicrohttpd 0.9.75 registers connections edge-triggered and
	 * clears a connection's read-ready mark after any recv() shorter than its buffer.
	 * A client's FIN that arrives with (or just after) the last body bytes then makes
	 * no new edge, recv() is never called again to return 0, and a client that hung
	 * up mid-upload is noticed only at MHD_OPTION_CONNECTION_TIMEOUT: its temporary
	 * file, its partial upload's lock and its request state stay for a minute. With
	 * level-triggered poll() the next round sees the socket readable, reads 0 and
	 * ends the request (MHD_REQUEST_TERMINATED_CLIENT_ABORT) at once. */
	d = MHD_start_daemon(MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_ERROR_LOG |
				     MHD_USE_TURBO,
			     (uint16_t)cfg->listen_port, NULL, NULL, on_request, NULL,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
			     MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
			     MHD_OPTION_CONNECTION_LIMIT, 4096u,
			     MHD_OPTION_CONNECTION_TIMEOUT, 60u,
			     MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
			     MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
			     MHD_OPTION_END);
	if (!d) {
		log_error("cannot listen on %s:%d: %s", cfg->listen_host, cfg->listen_port, strerror(errno));
		return -1;
	}
	log_info("zhifa serving on http://%s:%d (%d threads, %s)", cfg->listen_host, cfg->listen_port,
		 cfg->threads, cfg->db_url);
	sigwait(&set, &sig);
	log_info("signal %d: stopping", sig);
	MHD_stop_daemon(d);
	return 0;
}
