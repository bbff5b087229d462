/* evidence_upload.c: resumable evidence uploads for phones on bad networks, the tus 1.0
 * core protocol with its creation, expiration and termination extensions
 * (docs/evidence.md §Resumable uploads). An upload is a row of evidence_uploads and a
 * partial file objects/tmp/resumable-<id>; every PATCH streams its bytes to that file
 * (never buffered), the offset moves only after an fsync, and the evidence is created
 * only when the last byte has arrived and the digests over the whole file are final
 * (and equal a declared one): nothing half-stored is ever evidence.
 *
 * The SHA-256 and SM3 states of an upload between two PATCHes are kept in memory (a
 * small cache keyed by upload and offset); after a restart, or when another process
 * served the last PATCH, the partial file is re-hashed once. */
#include <errno.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include "api/api.h"
#include "api/evidence.h"
#include "api/records.h"
#include "core/config.h"
#include "core/crypto.h"
#include "core/log.h"
#include "store/blob.h"

#define TUS_VERSION "1.0.0"
/* An upload not written to for this long expires (its file and row are swept). */
#define UPLOAD_TTL_S (24L * 3600)
/* Digest states kept between PATCHes (about 0.5 KiB each). */
#define UPLOAD_CACHE 64
/* Expired uploads removed per creation request. */
#define UPLOAD_SWEEP 16
/* Upload-Metadata: at most this many pairs, each value at most this long decoded. */
#define META_MAX 16
#define META_VALUE_MAX 2048

/* ---- digest states between PATCHes ---- */

static struct {
	char id[40];
	uint64_t offset, used;
	struct blob_hash h;
} cache[UPLOAD_CACHE];
static pthread_mutex_t cache_mu = PTHREAD_MUTEX_INITIALIZER;
static uint64_t cache_clock;

/* Takes the kept state of upload id if it covers exactly offset bytes (else *out is
 * empty and a stale state is dropped). */
static void cache_take(const char *id, uint64_t offset, struct blob_hash *out)
{
	int i;

	out->sha = out->sm3 = NULL;
	pthread_mutex_lock(&cache_mu);
	for (i = 0; i < UPLOAD_CACHE; i++) {
		if (!cache[i].h.sha || strcmp(cache[i].id, id) != 0)
			continue;
		if (cache[i].offset == offset) {
			*out = cache[i].h;
			cache[i].h.sha = cache[i].h.sm3 = NULL;
		} else {
			blob_hash_release(&cache[i].h);
		}
		cache[i].id[0] = '\0';
	}
	pthread_mutex_unlock(&cache_mu);
}

/* Keeps h (taken over) as the state of upload id after offset bytes, in place of the
 * least recently kept one when the cache is full. */
static void cache_put(const char *id, uint64_t offset, struct blob_hash *h)
{
	int i, slot = 0;

	if (!h->sha)
		return;
	pthread_mutex_lock(&cache_mu);
	for (i = 0; i < UPLOAD_CACHE; i++) {
		if (!cache[i].h.sha) {
			slot = i;
			break;
		}
		if (cache[i].used < cache[slot].used)
			slot = i;
	}
	blob_hash_release(&cache[slot].h);
	snprintf(cache[slot].id, sizeof(cache[slot].id), "%s", id);
	cache[slot].offset = offset;
	cache[slot].used = ++cache_clock;
	cache[slot].h = *h;
	h->sha = h->sm3 = NULL;
	pthread_mutex_unlock(&cache_mu);
}

/* ---- the upload row ---- */

struct tus {
	int64_t row_id;
	char pid[40], file[56], expires[32], evidence[80], declared[128], expect[65];
	uint64_t length, received;
	char *metadata;
};

static void tus_release(struct tus *t)
{
	free(t->metadata);
	t->metadata = NULL;
}

/* n decimal digits at s, or -1. */
static int digits(const char *s, int n)
{
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* Upload-Expires: the RFC 9110 date of an ISO 8601 UTC time (YYYY-MM-DDTHH:MM:SS...). */
static void http_date(const char *iso, char *out, size_t outlen)
{
	static const char *const wd[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const mo[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
					  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	if (strlen(iso) < 19 || (tm.tm_year = digits(iso, 4)) < 0 || (tm.tm_mon = digits(iso + 5, 2)) < 1 ||
	    (tm.tm_mday = digits(iso + 8, 2)) < 1 || (tm.tm_hour = digits(iso + 11, 2)) < 0 ||
	    (tm.tm_min = digits(iso + 14, 2)) < 0 || (tm.tm_sec = digits(iso + 17, 2)) < 0) {
		snprintf(out, outlen, "%s", iso);
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	snprintf(out, outlen, "%s, %02d %s %04d %02d:%02d:%02d GMT", wd[tm.tm_wday], tm.tm_mday,
		 mo[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* The tus headers every answer about upload t carries. */
static void tus_headers(struct req *r, const struct tus *t)
{
	char d[40];

	http_add_header(r, "Tus-Resumable", TUS_VERSION);
	http_add_header(r, "Upload-Offset", "%llu", (unsigned long long)t->received);
	http_add_header(r, "Upload-Length", "%llu", (unsigned long long)t->length);
	http_date(t->expires, d, sizeof(d));
	http_add_header(r, "Upload-Expires", "%s", d);
}

static json_t *tus_json(const struct tus *t)
{
	return json_pack("{s:s, s:I, s:I, s:s, s:s?}", "id", t->pid, "offset", (json_int_t)t->received,
			 "length", (json_int_t)t->length, "expires_at", t->expires, "evidence_id",
			 t->evidence[0] ? t->evidence : NULL);
}

/* Loads upload pid of the caller's agency into t: 404 for none (another agency's
 * included), 410 upload_expired past its expiry. */
static int tus_load(struct req *r, const char *pid, struct tus *t)
{
	char now[32];
	db_stmt_t *st;
	int rc;

	memset(t, 0, sizeof(*t));
	st = db_prepare(r->db, "SELECT id, public_id, length, received, metadata, declared_type,"
			       " expect_sha256, evidence_id, expires_at FROM evidence_uploads"
			       " WHERE public_id = ? AND agency_id = ?");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_text(st, 1, pid);
	db_bind_int(st, 2, r->who.agency_id);
	rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_OK ? zerr_not_found(&r->err, "上传 (upload)") : db_zerr(r->db, rc, &r->err);
	t->row_id = db_col_int(st, 0);
	snprintf(t->pid, sizeof(t->pid), "%s", db_col_text(st, 1));
	snprintf(t->file, sizeof(t->file), "resumable-%s", t->pid);
	t->length = (uint64_t)db_col_int(st, 2);
	t->received = (uint64_t)db_col_int(st, 3);
	t->metadata = strdup(db_col_text(st, 4));
	snprintf(t->declared, sizeof(t->declared), "%s", db_col_isnull(st, 5) ? "" : db_col_text(st, 5));
	snprintf(t->expect, sizeof(t->expect), "%s", db_col_isnull(st, 6) ? "" : db_col_text(st, 6));
	snprintf(t->evidence, sizeof(t->evidence), "%s", db_col_isnull(st, 7) ? "" : db_col_text(st, 7));
	snprintf(t->expires, sizeof(t->expires), "%s", db_col_text(st, 8));
	db_run(st);
	if (!t->metadata)
		return zerr_oom(&r->err);
	utc_now_iso(now, sizeof(now), 0);
	if (strcmp(t->expires, now) < 0) {
		tus_release(t);
		return zerr_set(&r->err, 410, "upload_expired",
				"该上传已过期（%ld 小时未续传），请重新上传 (upload expired)", UPLOAD_TTL_S / 3600);
	}
	return 0;
}

/* Deletes the row of upload row_id (ended: terminated, expired or failed). */
static void tus_delete(db_t *db, int64_t row_id)
{
	db_stmt_t *st = db_prepare(db, "DELETE FROM evidence_uploads WHERE id = ?");

	if (st) {
		db_bind_int(st, 1, row_id);
		if (db_run(st) != DB_OK)
			log_warn("evidence upload %lld: delete failed: %s", (long long)row_id, db_errmsg(db));
	}
}

/* Refuses another protocol version than 1.0.0 (412); a missing header is accepted. */
static int tus_version(struct req *r)
{
	const char *v = http_header(r, "Tus-Resumable");

	if (v && strcmp(v, TUS_VERSION) != 0) {
		http_add_header(r, "Tus-Version", TUS_VERSION);
		return zerr_set(&r->err, 412, "tus_version",
				"只支持 tus 协议 1.0.0 版 (only tus 1.0.0 is supported)");
	}
	return 0;
}

/* Removes up to UPLOAD_SWEEP expired uploads (of any agency) that no request holds. */
static void tus_sweep(struct req *r)
{
	char now[32], pids[UPLOAD_SWEEP][40];
	int64_t ids[UPLOAD_SWEEP];
	struct zerr e = { 0 };
	db_stmt_t *st;
	int n = 0, i;

	utc_now_iso(now, sizeof(now), 0);
	st = db_prepare(r->db, "SELECT id, public_id FROM evidence_uploads WHERE expires_at < ?"
			       " ORDER BY expires_at LIMIT ?");
	if (!st)
		return;
	db_bind_text(st, 1, now);
	db_bind_int(st, 2, UPLOAD_SWEEP);
	while (n < UPLOAD_SWEEP && db_step(st) == DB_ROW) {
		ids[n] = db_col_int(st, 0);
		snprintf(pids[n], sizeof(pids[n]), "%s", db_col_text(st, 1));
		n++;
	}
	for (i = 0; i < n; i++) {
		char file[56];
		int fd;

		snprintf(file, sizeof(file), "resumable-%.40s", pids[i]);
		fd = blob_partial_open(r->cfg->data_dir, file, 0, &e);
		if (fd < 0 && e.status == 423) {
			zerr_clear(&e);
			continue; /* a PATCH still writes it */
		}
		zerr_clear(&e);
		if (fd >= 0) {
			blob_partial_unlink(r->cfg->data_dir, file);
			close(fd);
		}
		tus_delete(r->db, ids[i]);
	}
}

/* ---- creation ---- */

struct meta {
	int n;
	char key[META_MAX][32];
	char *val[META_MAX];
};

static void meta_release(struct meta *m)
{
	int i;

	for (i = 0; i < m->n; i++)
		free(m->val[i]);
	m->n = 0;
}

static const char *meta_get(void *ctx, const char *name)
{
	struct meta *m = ctx;
	int i;

	for (i = 0; i < m->n; i++)
		if (strcmp(m->key[i], name) == 0)
			return m->val[i];
	return NULL;
}

/* Keys of Upload-Metadata besides the evidence members evidence_meta_decode reads. */
static const char *const meta_keys[] = { "kind", "case_id", "inspection_id", "filename",
					 "description", "collected_at", "place_address", "device",
					 "lat_e6", "lng_e6", "collectors", "sha256", "filetype", NULL };

/* Whether p[0..n) is UTF-8 text without NUL. */
static int utf8_text(const char *p, size_t n)
{
	json_t *j;

	if (memchr(p, '\0', n))
		return 0;
	j = json_stringn(p, n);
	json_decref(j);
	return j != NULL;
}

/* Parses tus Upload-Metadata: "key base64,key base64" (a key alone: empty value).
 * Keys must be known and appear once; values UTF-8 without NUL. Errors in e. */
static int meta_parse(const char *h, struct meta *m, struct zerr *e)
{
	const char *p = h;

	m->n = 0;
	while (p && *p) {
		const char *end = strchr(p, ','), *sp;
		size_t klen, vlen, i;
		char b64[META_VALUE_MAX * 4 / 3 + 8];
		long dn;

		if (!end)
			end = p + strlen(p);
		while (*p == ' ')
			p++;
		sp = memchr(p, ' ', (size_t)(end - p));
		klen = (size_t)((sp ? sp : end) - p);
		for (i = 0; meta_keys[i]; i++)
			if (strlen(meta_keys[i]) == klen && strncmp(meta_keys[i], p, klen) == 0)
				break;
		if (!meta_keys[i])
			return zerr_field(e, "Upload-Metadata", "不认识的元数据键 %.*s (unknown key)",
					  (int)(klen < 32 ? klen : 32), p);
		if (meta_get(m, meta_keys[i]))
			return zerr_field(e, "Upload-Metadata", "元数据键 %s 重复 (key twice)", meta_keys[i]);
		if (m->n == META_MAX)
			return zerr_field(e, "Upload-Metadata", "元数据过多 (too many keys)");
		vlen = sp ? (size_t)(end - sp - 1) : 0;
		if (vlen >= sizeof(b64))
			return zerr_field(e, "Upload-Metadata", "%s 的值过长 (value too long)", meta_keys[i]);
		memcpy(b64, sp ? sp + 1 : "", vlen);
		b64[vlen] = '\0';
		m->val[m->n] = malloc(META_VALUE_MAX + 1);
		if (!m->val[m->n])
			return zerr_oom(e);
		snprintf(m->key[m->n], sizeof(m->key[m->n]), "%s", meta_keys[i]);
		m->n++;
		dn = vlen ? base64_decode(b64, m->val[m->n - 1], META_VALUE_MAX) : 0;
		if (dn < 0)
			return zerr_field(e, "Upload-Metadata", "%s 的值不是 base64 (not base64)", meta_keys[i]);
		m->val[m->n - 1][dn] = '\0';
		if (!utf8_text(m->val[m->n - 1], (size_t)dn))
			return zerr_field(e, "Upload-Metadata", "%s 的值不是 UTF-8 文本 (not UTF-8 text)",
					  meta_keys[i]);
		p = *end ? end + 1 : end;
	}
	return 0;
}

/* Reads a non-negative decimal header; 0 when absent (*v_r untouched), 1 when read,
 * -1 with a field error. */
static int header_u64(struct req *r, const char *name, uint64_t *v_r)
{
	const char *v = http_header(r, name);
	char *end;

	if (!v)
		return 0;
	errno = 0;
	*v_r = strtoull(v, &end, 10);
	if (!*v || *end || errno || *v == '-' || *v == '+' || *v == ' ')
		return zerr_field(&r->err, name, "%s 应为非负整数 (non-negative integer)", name);
	return 1;
}

int api_evidence_uploads_create(struct req *r)
{
	struct meta m = { 0 };
	json_t *clean = NULL;
	char pid[40], now[32], expires[32], expect[65] = "", declared[128] = "";
	const char *v;
	char *md = NULL;
	uint64_t length = 0;
	db_stmt_t *st;
	int rc, ret = -1;

	if (!r->who.agency_id) {
		zerr_set(&r->err, 403, "forbidden",
			 "只有执法机关的人员可以上传证据 (only an agency's staff may upload evidence)");
		goto out;
	}
	if (tus_version(r) < 0)
		goto out;
	if (http_header(r, "Upload-Defer-Length")) {
		zerr_field(&r->err, "Upload-Defer-Length", "须在创建时给出 Upload-Length (length must be known)");
		goto out;
	}
	rc = header_u64(r, "Upload-Length", &length);
	if (rc == 0)
		zerr_field(&r->err, "Upload-Length", "缺少 Upload-Length (required)");
	if (rc <= 0)
		goto out;
	if (length == 0) {
		zerr_set(&r->err, 400, "empty_upload", "上传内容为空 (empty upload)");
		goto out;
	}
	if (length > r->cfg->max_upload) {
		http_add_header(r, "Tus-Max-Size", "%llu", r->cfg->max_upload);
		zerr_set(&r->err, 413, "upload_too_large",
			 "上传文件超过 %llu 字节上限 (upload larger than the configured limit)",
			 r->cfg->max_upload);
		goto out;
	}
	if (meta_parse(http_header(r, "Upload-Metadata"), &m, &r->err) < 0)
		goto out;
	evidence_meta_decode(r, meta_get, &m, &clean);
	if ((v = meta_get(&m, "sha256")))
		evidence_hex_digest(v, "sha256", expect, &r->err);
	if (zerr_isset(&r->err))
		goto out;
	evidence_media_essence(meta_get(&m, "filetype"), declared, sizeof(declared));
	md = json_dumps(clean, JSON_COMPACT);
	if (!md || uuid7(pid) < 0) {
		zerr_oom(&r->err);
		goto out;
	}
	tus_sweep(r);
	utc_now_iso(now, sizeof(now), 0);
	utc_now_iso(expires, sizeof(expires), UPLOAD_TTL_S);
	st = db_prepare(r->db, "INSERT INTO evidence_uploads (public_id, agency_id, length, received,"
			       " metadata, declared_type, expect_sha256, expires_at, created_by, created_at,"
			       " updated_at) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?)");
	if (!st) {
		zerr_internal(&r->err, db_errmsg(r->db));
		goto out;
	}
	db_bind_text(st, 1, pid);
	db_bind_int(st, 2, r->who.agency_id);
	db_bind_int(st, 3, (int64_t)length);
	db_bind_text(st, 4, md);
	db_bind_text(st, 5, declared[0] ? declared : NULL);
	db_bind_text(st, 6, expect[0] ? expect : NULL);
	db_bind_text(st, 7, expires);
	db_bind_text(st, 8, r->who.username);
	db_bind_text(st, 9, now);
	db_bind_text(st, 10, now);
	rc = db_run(st);
	if (rc != DB_OK) {
		db_zerr(r->db, rc, &r->err);
		goto out;
	}
	{
		struct tus t = { 0 };

		snprintf(t.pid, sizeof(t.pid), "%s", pid);
		snprintf(t.expires, sizeof(t.expires), "%s", expires);
		t.length = length;
		tus_headers(r, &t);
		snprintf(r->location, sizeof(r->location), "/api/v1/evidence-uploads/%s", pid);
		ret = http_reply(r, 201, tus_json(&t));
	}
out:
	free(md);
	json_decref(clean);
	meta_release(&m);
	return ret;
}

/* HEAD (tus) and GET: the upload's offset, length, expiry and, once complete, its
 * evidence (Location). */
int api_evidence_uploads_get(struct req *r)
{
	struct tus t;

	if (tus_version(r) < 0 || tus_load(r, r->params[0], &t) < 0)
		return -1;
	tus_headers(r, &t);
	if (t.evidence[0])
		snprintf(r->location, sizeof(r->location), "/api/v1/evidence/%s", t.evidence);
	tus_release(&t);
	return http_reply(r, 200, tus_json(&t));
}

/* tus termination: ends an upload and removes its bytes (423 while a PATCH writes). */
int api_evidence_uploads_delete(struct req *r)
{
	struct tus t;
	int fd;

	if (tus_version(r) < 0 || tus_load(r, r->params[0], &t) < 0)
		return -1;
	tus_release(&t);
	fd = blob_partial_open(r->cfg->data_dir, t.file, 0, &r->err);
	if (fd < 0 && r->err.status != 404)
		return -1;
	zerr_clear(&r->err);
	if (fd >= 0) {
		blob_partial_unlink(r->cfg->data_dir, t.file);
		close(fd);
	}
	tus_delete(r->db, t.row_id);
	http_add_header(r, "Tus-Resumable", TUS_VERSION);
	r->status = 204;
	return 0;
}

/* ---- PATCH: one chunk, streamed ---- */

struct patch {
	struct tus t;
	struct blob_writer w;
	uint64_t start;   /* the offset this PATCH began at */
	int handled;      /* the handler ran: the body arrived whole */
	int refused;      /* a chunk was refused: nothing of this PATCH is kept */
};

/* Moves the acknowledged offset to what p's writer holds: fsync first, then the row
 * (with a fresh expiry), all under the file's lock. */
static int patch_save(struct req *r, struct patch *p, struct zerr *e)
{
	char now[32], expires[32];
	db_stmt_t *st;
	int rc;

	if (blob_writer_sync(&p->w, e) < 0)
		return -1;
	utc_now_iso(now, sizeof(now), 0);
	utc_now_iso(expires, sizeof(expires), UPLOAD_TTL_S);
	st = db_prepare(r->db, "UPDATE evidence_uploads SET received = ?, expires_at = ?, updated_at = ?"
			       " WHERE id = ? AND received = ?");
	if (!st)
		return zerr_internal(e, db_errmsg(r->db));
	db_bind_int(st, 1, (int64_t)p->w.size);
	db_bind_text(st, 2, expires);
	db_bind_text(st, 3, now);
	db_bind_int(st, 4, p->t.row_id);
	db_bind_int(st, 5, (int64_t)p->start);
	rc = db_run(st);
	if (rc != DB_OK)
		return db_zerr(r->db, rc, e);
	p->t.received = p->w.size;
	snprintf(p->t.expires, sizeof(p->t.expires), "%s", expires);
	return 0;
}

/* Ends p's hold on the file, keeping the digest state for the next PATCH when it
 * covers exactly the acknowledged offset. */
static void patch_suspend(struct patch *p)
{
	struct blob_hash h = { NULL, NULL };

	if (p->w.fd < 0)
		return;
	if (p->refused || p->w.size != p->t.received) {
		blob_writer_suspend(&p->w, NULL);
		return;
	}
	blob_writer_suspend(&p->w, &h);
	cache_put(p->t.pid, p->t.received, &h);
}

static int patch_begin(struct req *r)
{
	struct patch *p = calloc(1, sizeof(*p));
	struct blob_hash h;
	char type[64];
	uint64_t off = 0, cl = 0;
	int fd, rc;

	if (!p)
		return zerr_oom(&r->err);
	p->w.fd = -1;
	r->state = p;
	if (tus_version(r) < 0)
		return -1;
	evidence_media_essence(http_header(r, "Content-Type"), type, sizeof(type));
	if (strcmp(type, "application/offset+octet-stream") != 0)
		return zerr_set(&r->err, 415, "unsupported_media_type",
				"续传内容的类型须为 application/offset+octet-stream (tus PATCH)");
	rc = header_u64(r, "Upload-Offset", &off);
	if (rc == 0)
		zerr_field(&r->err, "Upload-Offset", "缺少 Upload-Offset (required)");
	if (rc <= 0 || header_u64(r, "Content-Length", &cl) < 0)
		return -1;
	if (tus_load(r, r->params[0], &p->t) < 0)
		return -1;
	if (p->t.evidence[0]) {
		tus_headers(r, &p->t);
		return zerr_set(&r->err, 409, "upload_complete",
				"该上传已完成，证据编号 %s (upload complete)", p->t.evidence);
	}
	/* the lock first, then the offset as it stands under the lock */
	fd = blob_partial_open(r->cfg->data_dir, p->t.file, p->t.received == 0, &r->err);
	if (fd < 0)
		return -1;
	tus_release(&p->t);
	if (tus_load(r, r->params[0], &p->t) < 0) {
		close(fd);
		return -1;
	}
	if (p->t.evidence[0]) {
		close(fd);
		tus_headers(r, &p->t);
		return zerr_set(&r->err, 409, "upload_complete",
				"该上传已完成，证据编号 %s (upload complete)", p->t.evidence);
	}
	if (off != p->t.received) {
		close(fd);
		tus_headers(r, &p->t);
		return zerr_set(&r->err, 409, "upload_offset_mismatch",
				"Upload-Offset %llu 与已接收的 %llu 字节不符，请从 %llu 续传 (offset mismatch)",
				(unsigned long long)off, (unsigned long long)p->t.received,
				(unsigned long long)p->t.received);
	}
	if (cl > p->t.length - p->t.received) {
		close(fd);
		return zerr_set(&r->err, 413, "upload_past_length",
				"本次续传超出声明的长度 %llu 字节 (chunk past Upload-Length)",
				(unsigned long long)p->t.length);
	}
	p->start = p->t.received;
	cache_take(p->t.pid, p->t.received, &h);
	return blob_writer_resume(&p->w, r->cfg->data_dir, p->t.file, fd, p->t.received, p->t.length,
				  &h, &r->err);
}

static int patch_chunk(struct req *r, const char *d, size_t n)
{
	struct patch *p = r->state;

	if (n > p->t.length - p->w.size) {
		p->refused = 1;
		return zerr_set(&r->err, 413, "upload_past_length",
				"本次续传超出声明的长度 %llu 字节 (chunk past Upload-Length)",
				(unsigned long long)p->t.length);
	}
	if (blob_writer_add(&p->w, d, n, &r->err) < 0) {
		p->refused = 1;
		return -1;
	}
	return 0;
}

/* The last byte arrived: the digests are final; the evidence row and the upload's
 * completion are one transaction. */
static int patch_complete(struct req *r, struct patch *p)
{
	json_error_t jerr;
	json_t *clean = json_loads(p->t.metadata, 0, &jerr), *out = NULL;
	char key[80];
	db_stmt_t *st;
	int ret = -1;

	if (!clean) {
		zerr_internal(&r->err, "upload metadata unreadable");
		goto fail;
	}
	if (evidence_complete(r, &p->w, clean, p->t.declared, p->t.expect) < 0)
		goto fail; /* the partial file is gone: the upload ends */
	if (db_begin(r->db, 1) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto fail;
	}
	if (api_insert_logged(r, &rec_evidence, clean, NULL, "create", key, sizeof(key), &r->err) < 0)
		goto rollback;
	st = db_prepare(r->db, "UPDATE evidence_uploads SET received = length, evidence_id = ?, updated_at = ?"
			       " WHERE id = ?");
	if (!st) {
		zerr_internal(&r->err, db_errmsg(r->db));
		goto rollback;
	}
	{
		char now[32];

		utc_now_iso(now, sizeof(now), 0);
		db_bind_text(st, 1, key);
		db_bind_text(st, 2, now);
		db_bind_int(st, 3, p->t.row_id);
	}
	if (db_run(st) != DB_OK) {
		db_zerr(r->db, DB_ERROR, &r->err);
		goto rollback;
	}
	if (db_commit(r->db) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto fail;
	}
	p->t.received = p->t.length;
	snprintf(p->t.evidence, sizeof(p->t.evidence), "%s", key);
	if (api_fetch(r, &rec_evidence, key, &out) == 0) {
		tus_headers(r, &p->t);
		snprintf(r->location, sizeof(r->location), "/api/v1/evidence/%s", key);
		ret = http_reply(r, 201, out);
	}
	json_decref(clean);
	return ret;
rollback:
	db_rollback(r->db);
fail:
	/* a digest mismatch or a failed insert ends the upload: a blob already renamed
	 * and not referenced is never served */
	blob_partial_unlink(r->cfg->data_dir, p->t.file);
	blob_writer_abort(&p->w);
	tus_delete(r->db, p->t.row_id);
	json_decref(clean);
	return -1;
}

int api_evidence_uploads_patch(struct req *r)
{
	struct patch *p = r->state;

	p->handled = 1;
	if (p->w.size < p->t.length) {
		if (p->w.size > p->start && patch_save(r, p, &r->err) < 0)
			return -1;
		tus_headers(r, &p->t);
		patch_suspend(p);
		r->status = 204;
		return 0;
	}
	return patch_complete(r, p);
}

/* Every PATCH ends here. One cut off by the network (the client gone mid-body) keeps
 * the bytes that arrived: a phone resumes from there. */
static void patch_release(struct req *r)
{
	struct patch *p = r->state;
	struct zerr e = { 0 };

	if (!p)
		return;
	if (!p->handled && !p->refused && p->w.fd >= 0 && p->w.size > p->start) {
		if (patch_save(r, p, &e) < 0)
			log_warn("evidence upload %s: progress not saved: %s", p->t.pid, e.detail);
		zerr_clear(&e);
	}
	patch_suspend(p);
	blob_writer_abort(&p->w);
	tus_release(&p->t);
	free(p);
	r->state = NULL;
}

const struct http_stream api_evidence_uploads_stream = {
	.begin = patch_begin, .chunk = patch_chunk, .release = patch_release,
};
