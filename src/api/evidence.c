/* evidence.c: the online evidence center (网上证据中心, architecture §6): streaming
 * upload into the content-addressed store, metadata, downloads with ranges, chain of
 * custody, sharing between agencies (条例 Art 18), preservation (行政处罚法 Art 56).
 *
 * Custody: every view and download appends an entry about the evidence itself
 * ("evidence.view", "evidence.download", "evidence.export") committing to its current
 * state, which such an access does not change, so the latest entry of every evidence
 * still matches its row and `zhifa ledger verify` keeps holding. Grants, attachments
 * and preservations are ledger objects of their own; the custody history gathers the
 * entries of the evidence and of those objects. */
#include <errno.h>
#include <fcntl.h>
#include <magic.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "api/api.h"
#include "api/evidence.h"
#include "api/records.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/crypto.h"
#include "core/date.h"
#include "core/log.h"
#include "domain/calendar_store.h"
#include "ledger/ledger.h"
#include "store/blob.h"

/* Working days for the disposal decision after 先行登记保存 (行政处罚法 Art 56, 85). */
#define PRESERVATION_WORKING_DAYS 7
/* Full downloads up to this size are re-hashed before the answer starts. */
#define EVIDENCE_PRECHECK_MAX (1 << 20)

void evidence_today(char out[ZDATE_STRLEN])
{
	struct zdate d;

	if (zdate_today(&d) < 0)
		snprintf(out, ZDATE_STRLEN, "1970-01-01");
	else
		zdate_format(d, out);
}

/* Whether the caller's agency holds a grant for evidence row_id today: 1, 0, -1. */
static int granted(struct req *r, int64_t row_id)
{
	char today[ZDATE_STRLEN];
	db_stmt_t *st;
	int rc;

	if (!r->who.agency_id)
		return 0;
	evidence_today(today);
	st = db_prepare(r->db, "SELECT 1 FROM evidence_grants WHERE evidence_id = ? AND agency_id = ?"
			       " AND revoked_at IS NULL AND until >= ?");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_int(st, 1, row_id);
	db_bind_int(st, 2, r->who.agency_id);
	db_bind_text(st, 3, today);
	rc = db_step(st);
	if (rc == DB_ROW) {
		db_run(st);
		return 1;
	}
	return rc == DB_OK ? 0 : db_zerr(r->db, rc, &r->err);
}

int evidence_load(struct req *r, const char *pid, struct ev *ev)
{
	db_stmt_t *st;
	int rc, g;

	memset(ev, 0, sizeof(*ev));
	st = db_prepare(r->db, "SELECT e.id, e.public_id, a.public_id, a.region_code, e.agency_id,"
			       " e.sha256, e.sm3, e.size, e.media_type, e.filename, e.kind"
			       " FROM evidence e JOIN agencies a ON a.id = e.agency_id WHERE e.public_id = ?");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_text(st, 1, pid);
	rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_OK ? zerr_not_found(&r->err, "证据 (evidence)") : db_zerr(r->db, rc, &r->err);
	ev->row_id = db_col_int(st, 0);
	snprintf(ev->pid, sizeof(ev->pid), "%s", db_col_text(st, 1));
	snprintf(ev->owner_pid, sizeof(ev->owner_pid), "%s", db_col_text(st, 2));
	snprintf(ev->owner_region, sizeof(ev->owner_region), "%s", db_col_text(st, 3));
	ev->owner_id = db_col_int(st, 4);
	snprintf(ev->sha, sizeof(ev->sha), "%s", db_col_text(st, 5));
	snprintf(ev->sm3, sizeof(ev->sm3), "%s", db_col_text(st, 6));
	ev->size = db_col_int(st, 7);
	snprintf(ev->media, sizeof(ev->media), "%s", db_col_text(st, 8));
	snprintf(ev->filename, sizeof(ev->filename), "%s",
		 db_col_isnull(st, 9) ? "" : db_col_text(st, 9));
	snprintf(ev->kind, sizeof(ev->kind), "%s", db_col_text(st, 10));
	db_run(st);
	ev->own = r->who.agency_id && r->who.agency_id == ev->owner_id;
	if (ev->own || principal_sees_agency(&r->who, ev->owner_pid, ev->owner_region))
		return 0;
	g = granted(r, ev->row_id);
	if (g < 0)
		return -1;
	ev->granted = g;
	/* another agency's evidence without a grant does not exist for the caller */
	return g ? 0 : zerr_not_found(&r->err, "证据 (evidence)");
}

int evidence_custody_note(struct req *r, const char *pid, const char *action, int64_t *seq_r,
			  struct zerr *e)
{
	json_t *state = NULL;
	int ret;

	ret = record_load_state(r->db, &rec_evidence, pid, &state, e) < 0 ||
	      ledger_append(r->db, &r->who, action, "evidence", pid, state, seq_r, e) < 0 ? -1 : 0;
	json_decref(state);
	return ret;
}

/* Appends one custody entry in its own transaction. */
static int custody_log(struct req *r, const char *pid, const char *action)
{
	if (db_begin(r->db, 1) != DB_OK)
		return db_zerr(r->db, DB_RETRY, &r->err);
	if (evidence_custody_note(r, pid, action, NULL, &r->err) < 0) {
		db_rollback(r->db);
		return -1;
	}
	return db_commit(r->db) == DB_OK ? 0 : db_zerr(r->db, DB_RETRY, &r->err);
}

/* Art 42: evidence is collected by at least two enforcement officers; the collectors
 * named must be distinct active officers of the owner agency with a certificate valid
 * today. Adds field errors to e. */
static int collectors_check(struct req *r, json_t *clean, int64_t agency_id, struct zerr *e)
{
	json_t *list = json_object_get(clean, "collectors"), *item;
	char today[ZDATE_STRLEN];
	size_t i, j;
	int bad = 0;

	if (!list || json_is_null(list))
		return 0;
	if (json_array_size(list) < 2)
		return zerr_field(e, "collectors",
				  "收集证据的执法人员不得少于两人（行政处罚法第四十二条）(at least two officers)");
	evidence_today(today);
	json_array_foreach(list, i, item) {
		const char *pid = json_string_value(item);
		db_stmt_t *st;
		int rc;

		for (j = 0; j < i; j++)
			if (strcmp(pid, json_string_value(json_array_get(list, j))) == 0)
				break;
		if (j < i) {
			bad = zerr_field(e, "collectors", "收集人重复：%s (the same officer twice)", pid);
			continue;
		}
		st = db_prepare(r->db, "SELECT agency_id, status, cert_issued, cert_expires, name"
				       " FROM officers WHERE public_id = ?");
		if (!st)
			return zerr_internal(e, db_errmsg(r->db));
		db_bind_text(st, 1, pid);
		rc = db_step(st);
		if (rc != DB_ROW && rc != DB_OK)
			return db_zerr(r->db, rc, e);
		if (rc == DB_OK || db_col_int(st, 0) != agency_id)
			bad = zerr_field(e, "collectors", "%s 不是本机关的执法人员 (not an officer of this agency)",
					 pid);
		else if (strcmp(db_col_text(st, 1), "active") != 0)
			bad = zerr_field(e, "collectors", "执法人员%s的执法证状态为 %s，不能收集证据 (certificate not active)",
					 db_col_text(st, 4), db_col_text(st, 1));
		else if (strcmp(db_col_text(st, 2), today) > 0 ||
			 (!db_col_isnull(st, 3) && strcmp(db_col_text(st, 3), today) < 0))
			bad = zerr_field(e, "collectors", "执法人员%s的执法证不在有效期内 (certificate not valid today)",
					 db_col_text(st, 4));
		if (rc == DB_ROW)
			db_run(st);
	}
	return bad;
}

/* ---- streaming upload ---- */

struct upload {
	struct blob_writer w;
	json_t *clean;           /* the metadata from the query, decoded */
	char declared[128];      /* Content-Type essence, or "" */
	char expect[65];         /* a client-declared SHA-256, or "" */
};

/* Text members the upload takes from the query string. */
static const char *const upload_text[] = { "kind", "case_id", "inspection_id", "filename",
					   "description", "collected_at", "place_address", "device",
					   NULL };
static const char *const upload_int[] = { "lat_e6", "lng_e6", NULL };

/* The metadata read through get as a JSON object (collectors comma-separated); bad
 * numbers are field errors in e. */
static json_t *meta_object(evidence_meta_get get, void *ctx, struct zerr *e)
{
	json_t *in = json_object();
	const char *v;
	size_t i;

	for (i = 0; upload_text[i]; i++)
		if ((v = get(ctx, upload_text[i])))
			json_object_set_new(in, upload_text[i], json_string(v));
	for (i = 0; upload_int[i]; i++) {
		char *end;
		long long n;

		if (!(v = get(ctx, upload_int[i])))
			continue;
		errno = 0;
		n = strtoll(v, &end, 10);
		if (!*v || *end || errno)
			zerr_field(e, upload_int[i], "%s 应为整数 (integer)", upload_int[i]);
		else
			json_object_set_new(in, upload_int[i], json_integer(n));
	}
	if ((v = get(ctx, "collectors"))) {
		json_t *list = json_array();
		const char *p = v;

		while (*p) {
			const char *c = strchr(p, ',');
			size_t n = c ? (size_t)(c - p) : strlen(p);

			json_array_append_new(list, json_stringn(p, n));
			p += n + (c ? 1 : 0);
		}
		json_object_set_new(in, "collectors", list);
	}
	return in;
}

int evidence_meta_decode(struct req *r, evidence_meta_get get, void *ctx, json_t **clean_r)
{
	json_t *in = meta_object(get, ctx, &r->err);

	*clean_r = NULL;
	record_decode_all(&rec_evidence, in, 0, clean_r, &r->err);
	collectors_check(r, *clean_r, r->who.agency_id, &r->err);
	json_decref(in);
	return zerr_isset(&r->err) ? -1 : 0;
}

int evidence_hex_digest(const char *h, const char *field, char out[65], struct zerr *e)
{
	unsigned char bin[32];
	size_t i;

	out[0] = '\0';
	if (strlen(h) != 64 || hex_decode(h, bin, 32) < 0)
		return zerr_field(e, field, "应为 64 位十六进制 SHA-256 (64 hex digits)");
	for (i = 0; i < 64; i++)
		out[i] = (char)((h[i] >= 'A' && h[i] <= 'F') ? h[i] + 32 : h[i]);
	out[64] = '\0';
	return 0;
}

/* The digest the client declares: X-Content-SHA256: <hex> or Digest: sha-256=<base64>. */
static int declared_digest(struct req *r, char out[65], struct zerr *e)
{
	const char *h = http_header(r, "X-Content-SHA256"), *d = http_header(r, "Digest");
	unsigned char bin[40];

	out[0] = '\0';
	if (h)
		return evidence_hex_digest(h, "X-Content-SHA256", out, e);
	if (d) {
		if (strncasecmp(d, "sha-256=", 8) != 0 || strchr(d, ',') ||
		    base64_decode(d + 8, bin, sizeof(bin)) != 32)
			return zerr_field(e, "Digest", "只支持 sha-256=<base64> (only sha-256)");
		hex_encode(bin, 32, out);
	}
	return 0;
}

void evidence_media_essence(const char *ct, char *out, size_t outlen)
{
	size_t i;

	for (i = 0; ct && ct[i] && ct[i] != ';' && ct[i] != ' ' && i + 1 < outlen; i++)
		out[i] = (char)((ct[i] >= 'A' && ct[i] <= 'Z') ? ct[i] + 32 : ct[i]);
	out[i] = '\0';
}

static const char *query_get(void *ctx, const char *name)
{
	return http_query(ctx, name);
}

static int upload_begin(struct req *r)
{
	struct upload *u = calloc(1, sizeof(*u));
	const char *ct = http_header(r, "Content-Type"), *cl = http_header(r, "Content-Length");
	int ret = -1;

	if (!u)
		return zerr_oom(&r->err);
	u->w.fd = -1;
	r->state = u;
	if (!r->who.agency_id) {
		zerr_set(&r->err, 403, "forbidden",
			 "只有执法机关的人员可以上传证据 (only an agency's staff may upload evidence)");
		goto out;
	}
	evidence_meta_decode(r, query_get, r, &u->clean);
	declared_digest(r, u->expect, &r->err);
	if (zerr_isset(&r->err))
		goto out;
	if (cl && strtoull(cl, NULL, 10) > r->cfg->max_upload) {
		zerr_set(&r->err, 413, "upload_too_large",
			 "上传文件超过 %llu 字节上限 (upload larger than the configured limit)",
			 r->cfg->max_upload);
		goto out;
	}
	evidence_media_essence(ct, u->declared, sizeof(u->declared));
	ret = blob_writer_open(&u->w, r->cfg->data_dir, r->cfg->max_upload, &r->err);
out:
	return ret;
}

static int upload_chunk(struct req *r, const char *p, size_t n)
{
	struct upload *u = r->state;

	if (blob_writer_add(&u->w, p, n, &r->err) < 0) {
		blob_writer_abort(&u->w); /* nothing of a refused upload stays on disk */
		return -1;
	}
	return 0;
}

static void upload_release(struct req *r)
{
	struct upload *u = r->state;

	if (u) {
		blob_writer_abort(&u->w);
		json_decref(u->clean);
		free(u);
	}
	r->state = NULL;
}

const struct http_stream api_evidence_upload_stream = {
	.begin = upload_begin, .chunk = upload_chunk, .release = upload_release,
};

void evidence_sniff(const void *p, size_t n, char *out, size_t outlen)
{
	magic_t m = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
	const char *t = NULL;

	if (m && magic_load(m, NULL) == 0)
		t = magic_buffer(m, p, n);
	snprintf(out, outlen, "%s", t ? t : "application/octet-stream");
	if (m)
		magic_close(m);
}

int evidence_complete(struct req *r, struct blob_writer *w, json_t *clean, const char *declared,
		      const char *expect)
{
	char sha[65], sm3[65], media[128];

	evidence_sniff(w->head, w->head_len, media, sizeof(media));
	json_object_set_new(clean, "size", json_integer((json_int_t)w->size));
	if (blob_writer_finish(w, expect && expect[0] ? expect : NULL, sha, sm3, &r->err) < 0)
		return -1;
	json_object_set_new(clean, "agency_id", json_integer(r->who.agency_id));
	json_object_set_new(clean, "media_type", json_string(media));
	json_object_set_new(clean, "declared_type", declared && declared[0] ? json_string(declared) : json_null());
	json_object_set_new(clean, "sha256", json_string(sha));
	json_object_set_new(clean, "sm3", json_string(sm3));
	json_object_set_new(clean, "created_by", json_string(r->who.username));
	return 0;
}

int api_evidence_upload(struct req *r)
{
	struct upload *u = r->state;

	if (u->w.size == 0) {
		blob_writer_abort(&u->w);
		return zerr_set(&r->err, 400, "empty_upload", "上传内容为空 (empty upload)");
	}
	if (evidence_complete(r, &u->w, u->clean, u->declared, u->expect) < 0)
		return -1;
	/* a failed insert leaves an unreferenced blob, which nothing serves */
	return api_create(r, &rec_evidence, u->clean, NULL);
}

/* ---- reading ---- */

/* The case public id and case number of case_id (either one) when it is a case of the
 * caller's agency; both are case_id otherwise. */
static void case_keys(struct req *r, const char *case_id, char pid[64], char no[64])
{
	db_stmt_t *st;

	snprintf(pid, 64, "%s", case_id ? case_id : "");
	snprintf(no, 64, "%s", case_id ? case_id : "");
	if (!case_id || !r->who.agency_id)
		return;
	st = db_prepare(r->db, "SELECT public_id, case_no FROM cases WHERE agency_id = ? AND (public_id = ? OR case_no = ?)");
	if (!st)
		return;
	db_bind_int(st, 1, r->who.agency_id);
	db_bind_text(st, 2, case_id);
	db_bind_text(st, 3, case_id);
	if (db_step(st) == DB_ROW) {
		snprintf(pid, 64, "%s", db_col_text(st, 0));
		if (!db_col_isnull(st, 1) && *db_col_text(st, 1))
			snprintf(no, 64, "%s", db_col_text(st, 1));
		db_run(st);
	}
}

int api_evidence_list(struct req *r)
{
	const char *cursor, *case_id = http_query(r, "case_id"), *kind = http_query(r, "kind");
	char today[ZDATE_STRLEN], cpid[64], cno[64];
	db_stmt_t *st;
	int limit;

	if (http_page(r, 50, 500, &limit, &cursor) < 0)
		return -1;
	evidence_today(today);
	/* a case's evidence: filed under its public id or its number, or attached to it by
	 * the caller's agency (the same set as its 证据清单, whatever was added later) */
	case_keys(r, case_id, cpid, cno);
	/* lists are descriptors; opening one (GET /evidence/{id}) is the custody event */
	st = record_prepare_select(r->db, &rec_evidence,
				   "WHERE ((a.public_id = ? OR a.region_code LIKE ?)"
				   " OR EXISTS (SELECT 1 FROM evidence_grants x WHERE x.evidence_id = e.id"
				   " AND x.agency_id = ? AND x.revoked_at IS NULL AND x.until >= ?))"
				   " AND (CAST(? AS TEXT) IS NULL OR e.case_id IN (?, ?)"
				   " OR EXISTS (SELECT 1 FROM evidence_attachments t WHERE t.evidence_id = e.id"
				   " AND t.agency_id = ? AND t.case_id IN (?, ?)))"
				   " AND (CAST(? AS TEXT) IS NULL OR e.kind = ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR e.public_id > ?)"
				   " ORDER BY e.public_id LIMIT ?");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	api_bind_scope(r, st, 1);
	db_bind_int(st, 3, r->who.agency_id);
	db_bind_text(st, 4, today);
	db_bind_text(st, 5, case_id);
	db_bind_text(st, 6, cpid);
	db_bind_text(st, 7, cno);
	db_bind_int(st, 8, r->who.agency_id);
	db_bind_text(st, 9, cpid);
	db_bind_text(st, 10, cno);
	db_bind_text(st, 11, kind);
	db_bind_text(st, 12, kind);
	db_bind_text(st, 13, cursor);
	db_bind_text(st, 14, cursor);
	db_bind_int(st, 15, limit + 1);
	return api_list_reply(r, &rec_evidence, st, limit);
}

int api_evidence_get(struct req *r)
{
	struct ev ev;
	json_t *out = NULL;

	if (evidence_load(r, r->params[0], &ev) < 0 || custody_log(r, ev.pid, "evidence.view") < 0 ||
	    api_fetch(r, &rec_evidence, ev.pid, &out) < 0)
		return -1;
	return http_reply(r, 200, out);
}

/* Evidence may be described until it is sealed: shared, attached to a case or
 * preserved. Only its owner agency changes it. */
int api_evidence_patch(struct req *r)
{
	json_t *in = NULL, *clean = NULL, *cur = NULL;
	struct ev ev;
	int ret = -1;

	if (evidence_load(r, r->params[0], &ev) < 0)
		goto out;
	if (!ev.own) {
		zerr_set(&r->err, 403, "forbidden", "只有收集证据的机关可以修改证据信息 (only the owner agency)");
		goto out;
	}
	if (api_fetch(r, &rec_evidence, ev.pid, &cur) < 0)
		goto out;
	if (json_is_true(json_object_get(cur, "sealed"))) {
		zerr_set(&r->err, 409, "evidence_sealed",
			 "证据已共享、附卷或登记保存，信息不能再修改 (sealed: shared, attached or preserved)");
		goto out;
	}
	if (http_json_body(r, &in) < 0)
		goto out;
	record_decode_all(&rec_evidence, in, 1, &clean, &r->err);
	collectors_check(r, clean, ev.owner_id, &r->err);
	if (zerr_isset(&r->err))
		goto out;
	ret = api_update(r, &rec_evidence, clean, ev.row_id, ev.pid);
out:
	json_decref(in);
	json_decref(clean);
	json_decref(cur);
	return ret;
}

/* ---- download ---- */

struct dl {
	int fd;
	uint64_t start, len;
	int full;                /* the whole file: re-hashed on the way out */
	struct blob_hash h;
	char expect[65], pid[40];
};

static long dl_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct dl *d = cls;
	size_t want;
	ssize_t k;

	if (pos >= d->len)
		return HTTP_READER_END;
	want = max < d->len - pos ? max : (size_t)(d->len - pos);
	do
		k = pread(d->fd, buf, want, (off_t)(d->start + pos));
	while (k < 0 && errno == EINTR);
	if (k <= 0) {
		log_error("evidence %s: read failed at %llu", d->pid, (unsigned long long)(d->start + pos));
		return HTTP_READER_ERROR;
	}
	if (d->full) {
		blob_hash_add(&d->h, buf, (size_t)k);
		if (pos + (uint64_t)k == d->len) {
			char sha[65];

			blob_hash_final(&d->h, sha, NULL);
			if (strcmp(sha, d->expect) != 0) {
				/* the last piece is withheld: the client sees a broken transfer */
				log_error("evidence %s: stored file no longer matches its digest"
					  " (sha256 %s, file now %s): download aborted", d->pid, d->expect, sha);
				return HTTP_READER_ERROR;
			}
		}
	}
	return k;
}

static void dl_free(void *cls)
{
	struct dl *d = cls;

	blob_hash_release(&d->h);
	if (d->fd >= 0)
		close(d->fd);
	free(d);
}

/* Parses a single "bytes=" range against size. 1: a satisfiable range in *start and *len;
 * 0: serve everything (no header, a malformed one, or several ranges); -1: not
 * satisfiable (416). */
int evidence_range(const char *h, uint64_t size, uint64_t *start, uint64_t *len)
{
	unsigned long long a, b;
	char *end;

	if (!h || strncmp(h, "bytes=", 6) != 0 || strchr(h, ','))
		return 0;
	h += 6;
	if (*h == '-') { /* the last b bytes */
		if (h[1] < '0' || h[1] > '9')
			return 0;
		errno = 0;
		b = strtoull(h + 1, &end, 10);
		if (*end || errno)
			return 0;
		if (b == 0 || size == 0)
			return -1;
		*len = b < size ? b : size;
		*start = size - *len;
		return 1;
	}
	if (*h < '0' || *h > '9')
		return 0;
	errno = 0;
	a = strtoull(h, &end, 10);
	if (*end != '-' || errno)
		return 0;
	h = end + 1;
	if (!*h) {
		b = size ? size - 1 : 0;
	} else {
		if (*h < '0' || *h > '9')
			return 0;
		b = strtoull(h, &end, 10);
		if (*end || errno || b < a)
			return 0;
		if (b >= size)
			b = size - 1;
	}
	if (a >= size)
		return -1;
	*start = a;
	*len = b - a + 1;
	return 1;
}

/* Content-Disposition for a stored file name (RFC 6266 / 8187). */
void evidence_disposition(struct req *r, const char *name)
{
	static const char ok[] = "!#$&+-.^_`|~";
	char enc[400];
	size_t i, n = 0;

	for (i = 0; name[i] && n + 4 < sizeof(enc); i++) {
		unsigned char c = (unsigned char)name[i];

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    (c && strchr(ok, c)))
			enc[n++] = (char)c;
		else
			n += (size_t)snprintf(enc + n, sizeof(enc) - n, "%%%02X", c);
	}
	enc[n] = '\0';
	http_add_header(r, "Content-Disposition", "attachment; filename*=UTF-8''%s",
			n ? enc : "evidence");
}

int evidence_serve_fd(struct req *r, int fd, uint64_t start, uint64_t len, const char *expect_sha256,
		      const char *pid)
{
	struct dl *d = calloc(1, sizeof(*d));

	if (!d) {
		close(fd);
		return zerr_oom(&r->err);
	}
	d->fd = fd;
	d->start = start;
	d->len = len;
	snprintf(d->pid, sizeof(d->pid), "%s", pid ? pid : "-");
	if (expect_sha256) {
		d->full = 1;
		snprintf(d->expect, sizeof(d->expect), "%s", expect_sha256);
		if (blob_hash_init(&d->h) < 0) {
			dl_free(d);
			return zerr_oom(&r->err);
		}
	}
	r->reader = dl_read;
	r->reader_free = dl_free;
	r->reader_cls = d;
	r->reader_size = len;
	return 0;
}

int api_evidence_content(struct req *r)
{
	struct ev ev;
	char path[1100];
	uint64_t start = 0, len = 0;
	int rng, fd = -1;

	if (evidence_load(r, r->params[0], &ev) < 0)
		return -1;
	if (blob_path(r->cfg->data_dir, ev.sha, path, sizeof(path)) < 0 ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		log_error("evidence %s: stored file %s is missing", ev.pid, path);
		return zerr_set(&r->err, 500, "evidence_missing", "证据文件缺失，请联系管理员 (stored file missing)");
	}
	rng = evidence_range(http_header(r, "Range"), (uint64_t)ev.size, &start, &len);
	http_add_header(r, "Accept-Ranges", "bytes");
	if (rng < 0) {
		close(fd);
		http_add_header(r, "Content-Range", "bytes */%lld", (long long)ev.size);
		return zerr_set(&r->err, 416, "range_not_satisfiable",
				"请求的范围超出文件长度 %lld 字节 (range not satisfiable)", (long long)ev.size);
	}
	/* a small file is checked whole before its answer starts, so that a mismatch is a
	 * clean 500; a large one is re-hashed on the way out (evidence_serve_fd) */
	if (rng == 0 && ev.size <= EVIDENCE_PRECHECK_MAX) {
		int rc = blob_check(r->cfg->data_dir, ev.sha, NULL, ev.size, &r->err);

		if (rc != 0) {
			close(fd);
			if (rc < 0)
				return -1;
			log_error("evidence %s: stored file no longer matches its digest (sha256 %s):"
				  " download refused", ev.pid, ev.sha);
			return zerr_set(&r->err, 500, "evidence_corrupt",
					"证据文件与其摘要不符，已拒绝下载，请联系管理员 (stored file does not match its digest)");
		}
	}
	if (custody_log(r, ev.pid, "evidence.download") < 0) {
		close(fd);
		return -1;
	}
	if (rng == 0) {
		start = 0;
		len = (uint64_t)ev.size;
		r->status = 200;
	} else {
		http_add_header(r, "Content-Range", "bytes %llu-%llu/%lld", (unsigned long long)start,
				(unsigned long long)(start + len - 1), (long long)ev.size);
		r->status = 206;
	}
	http_add_header(r, "ETag", "\"sha256:%s\"", ev.sha);
	http_add_header(r, "Content-Security-Policy", "sandbox");
	evidence_disposition(r, ev.filename[0] ? ev.filename : ev.pid);
	snprintf(r->type_buf, sizeof(r->type_buf), "%s", ev.media);
	r->raw_type = r->type_buf;
	/* every full read that leaves the system is re-hashed on the way out */
	return evidence_serve_fd(r, fd, start, len, rng == 0 ? ev.sha : NULL, ev.pid);
}

/* ---- custody ---- */

int api_evidence_custody(struct req *r)
{
	const char *cursor;
	json_t *items;
	struct ev ev;
	db_stmt_t *st;
	char *end;
	long long after = -1;
	int limit, rc, n = 0, more = 0;
	int64_t last = 0;

	if (http_page(r, 100, 1000, &limit, &cursor) < 0 || evidence_load(r, r->params[0], &ev) < 0)
		return -1;
	if (cursor) {
		errno = 0;
		after = strtoll(cursor, &end, 10);
		if (*end || errno || after < 0)
			return zerr_field(&r->err, "cursor", "cursor 无效 (bad cursor)");
	}
	st = db_prepare(r->db,
			"SELECT c.seq, c.at, c.actor, c.agency, a.name, c.action, c.obj_type, c.obj_id FROM ("
			"SELECT l.seq, l.at, l.actor, l.agency, l.action, l.obj_type, l.obj_id FROM ledger_entries l"
			" WHERE l.obj_type = 'evidence' AND l.obj_id = ? AND l.obj_indexed = 1 AND l.seq > ?"
			" UNION ALL SELECT l.seq, l.at, l.actor, l.agency, l.action, l.obj_type, l.obj_id"
			" FROM ledger_entries l WHERE l.obj_type = 'evidence_grant' AND l.obj_indexed = 1 AND l.seq > ?"
			" AND l.obj_id IN (SELECT public_id FROM evidence_grants WHERE evidence_id = ?)"
			" UNION ALL SELECT l.seq, l.at, l.actor, l.agency, l.action, l.obj_type, l.obj_id"
			" FROM ledger_entries l WHERE l.obj_type = 'evidence_attachment' AND l.obj_indexed = 1 AND l.seq > ?"
			" AND l.obj_id IN (SELECT public_id FROM evidence_attachments WHERE evidence_id = ?)"
			" UNION ALL SELECT l.seq, l.at, l.actor, l.agency, l.action, l.obj_type, l.obj_id"
			" FROM ledger_entries l WHERE l.obj_type = 'evidence_preservation' AND l.obj_indexed = 1 AND l.seq > ?"
			" AND l.obj_id IN (SELECT public_id FROM evidence_preservations WHERE evidence_id = ?)"
			/* the newest entries, not yet in the per-object index (migration 006) */
			" UNION ALL SELECT l.seq, l.at, l.actor, l.agency, l.action, l.obj_type, l.obj_id"
			" FROM ledger_entries l WHERE l.obj_indexed IS NULL AND l.seq > ?"
			" AND l.seq >= (SELECT coalesce(max(seq), -1) + 1 FROM ledger_entries) - " LEDGER_STR(LEDGER_OBJ_BATCH)
			" AND ((l.obj_type = 'evidence' AND l.obj_id = ?)"
			" OR (l.obj_type = 'evidence_grant' AND l.obj_id IN (SELECT public_id FROM evidence_grants WHERE evidence_id = ?))"
			" OR (l.obj_type = 'evidence_attachment' AND l.obj_id IN (SELECT public_id FROM evidence_attachments WHERE evidence_id = ?))"
			" OR (l.obj_type = 'evidence_preservation' AND l.obj_id IN (SELECT public_id FROM evidence_preservations WHERE evidence_id = ?)))"
			") c LEFT JOIN agencies a ON a.public_id = c.agency ORDER BY c.seq LIMIT ?");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_text(st, 1, ev.pid);
	db_bind_int(st, 2, after);
	db_bind_int(st, 3, after);
	db_bind_int(st, 4, ev.row_id);
	db_bind_int(st, 5, after);
	db_bind_int(st, 6, ev.row_id);
	db_bind_int(st, 7, after);
	db_bind_int(st, 8, ev.row_id);
	db_bind_int(st, 9, after);
	db_bind_text(st, 10, ev.pid);
	db_bind_int(st, 11, ev.row_id);
	db_bind_int(st, 12, ev.row_id);
	db_bind_int(st, 13, ev.row_id);
	db_bind_int(st, 14, limit + 1);
	items = json_array();
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == limit) {
			more = 1;
			rc = db_run(st);
			break;
		}
		last = db_col_int(st, 0);
		json_array_append_new(items, json_pack("{s:I, s:s, s:s, s:s?, s:s?, s:s, s:s, s:s}",
			"index", (json_int_t)last, "at", db_col_text(st, 1), "actor", db_col_text(st, 2),
			"agency_id", db_col_isnull(st, 3) ? NULL : db_col_text(st, 3),
			"agency_name", db_col_isnull(st, 4) ? NULL : db_col_text(st, 4),
			"action", db_col_text(st, 5), "object_type", db_col_text(st, 6),
			"object_id", db_col_text(st, 7)));
		n++;
	}
	if (rc != DB_OK) {
		json_decref(items);
		return db_zerr(r->db, rc, &r->err);
	}
	if (more) {
		char next[32];

		snprintf(next, sizeof(next), "%lld", (long long)last);
		return http_reply(r, 200, json_pack("{s:o, s:s}", "items", items, "next_cursor", next));
	}
	return http_reply(r, 200, json_pack("{s:o, s:n}", "items", items, "next_cursor"));
}

/* ---- sharing (证据互认, 条例 Art 18) ---- */

/* Loads evidence the caller's agency owns: 404 when invisible, 403 when only seen. */
static int evidence_owned(struct req *r, const char *pid, struct ev *ev, const char *what)
{
	if (evidence_load(r, pid, ev) < 0)
		return -1;
	if (!ev->own)
		return zerr_set(&r->err, 403, "forbidden", "只有收集证据的机关可以%s (only the owner agency)", what);
	return 0;
}

int api_evidence_grants_list(struct req *r)
{
	const char *cursor;
	struct ev ev;
	db_stmt_t *st;
	int limit;

	if (http_page(r, 50, 500, &limit, &cursor) < 0 || evidence_load(r, r->params[0], &ev) < 0)
		return -1;
	/* a grantee sees its own grants; the owner and its overseers all of them */
	st = record_prepare_select(r->db, &rec_evidence_grant,
				   "WHERE g.evidence_id = ? AND (? = 0 OR g.agency_id = ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR g.public_id > ?)"
				   " ORDER BY g.public_id LIMIT ?");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_int(st, 1, ev.row_id);
	db_bind_int(st, 2, ev.granted);
	db_bind_int(st, 3, r->who.agency_id);
	db_bind_text(st, 4, cursor);
	db_bind_text(st, 5, cursor);
	db_bind_int(st, 6, limit + 1);
	return api_list_reply(r, &rec_evidence_grant, st, limit);
}

int api_evidence_grant(struct req *r)
{
	json_t *in = NULL, *clean = NULL;
	const char *agency, *until;
	char today[ZDATE_STRLEN];
	struct ev ev;
	int ret = -1;

	if (evidence_owned(r, r->params[0], &ev, "共享证据") < 0 || http_json_body(r, &in) < 0)
		goto out;
	record_decode_all(&rec_evidence_grant, in, 0, &clean, &r->err);
	agency = json_string_value(json_object_get(clean, "agency_id"));
	until = json_string_value(json_object_get(clean, "until"));
	evidence_today(today);
	if (until && strcmp(until, today) < 0)
		zerr_field(&r->err, "until", "有效期不能早于今天 (%s) (must not be in the past)", today);
	if (agency) {
		db_stmt_t *st = db_prepare(r->db, "SELECT id FROM agencies WHERE public_id = ?");
		int rc;

		if (!st) {
			zerr_internal(&r->err, db_errmsg(r->db));
			goto out;
		}
		db_bind_text(st, 1, agency);
		rc = db_step(st);
		if (rc == DB_ROW) {
			int64_t id = db_col_int(st, 0);

			db_run(st);
			if (id == ev.owner_id)
				zerr_field(&r->err, "agency_id", "不能授权给本机关 (the owner needs no grant)");
			else
				json_object_set_new(clean, "agency_id", json_integer(id));
		} else if (rc == DB_OK) {
			zerr_field(&r->err, "agency_id", "执法主体不存在 (unknown agency)");
		} else {
			db_zerr(r->db, rc, &r->err);
		}
	}
	if (zerr_isset(&r->err))
		goto out;
	json_object_set_new(clean, "evidence_id", json_integer(ev.row_id));
	json_object_set_new(clean, "created_by", json_string(r->who.username));
	ret = api_create(r, &rec_evidence_grant, clean, NULL);
out:
	json_decref(in);
	json_decref(clean);
	return ret;
}

int api_evidence_revoke(struct req *r)
{
	json_t *clean = NULL, *g = NULL, *state = NULL;
	char now[32];
	struct ev ev;
	db_stmt_t *st;
	int64_t gid = 0;
	int rc, ret = -1;

	if (evidence_owned(r, r->params[0], &ev, "撤销共享") < 0)
		goto out;
	st = db_prepare(r->db, "SELECT id, revoked_at FROM evidence_grants WHERE public_id = ? AND evidence_id = ?");
	if (!st) {
		zerr_internal(&r->err, db_errmsg(r->db));
		goto out;
	}
	db_bind_text(st, 1, r->params[1]);
	db_bind_int(st, 2, ev.row_id);
	rc = db_step(st);
	if (rc != DB_ROW) {
		if (rc == DB_OK)
			zerr_not_found(&r->err, "共享授权 (grant)");
		else
			db_zerr(r->db, rc, &r->err);
		goto out;
	}
	gid = db_col_int(st, 0);
	rc = db_col_isnull(st, 1);
	db_run(st);
	if (!rc) {
		zerr_set(&r->err, 409, "conflict", "该授权已撤销 (already revoked)");
		goto out;
	}
	utc_now_iso(now, sizeof(now), 0);
	clean = json_pack("{s:s}", "revoked_at", now);
	if (db_begin(r->db, 1) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	if (record_update(r->db, &rec_evidence_grant, clean, "id", gid, &r->err) < 0 ||
	    record_load_state(r->db, &rec_evidence_grant, r->params[1], &state, &r->err) < 0 ||
	    ledger_append(r->db, &r->who, "evidence_grant.revoke", rec_evidence_grant.name, r->params[1],
			  state, NULL, &r->err) < 0) {
		db_rollback(r->db);
		goto out;
	}
	if (db_commit(r->db) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	if (api_fetch(r, &rec_evidence_grant, r->params[1], &g) == 0)
		ret = http_reply(r, 200, g);
out:
	json_decref(clean);
	json_decref(state);
	return ret;
}

/* Attaches evidence to a case of the caller's agency: its own, or granted to it. */
int api_evidence_attach(struct req *r)
{
	json_t *in = NULL, *clean = NULL;
	struct ev ev;
	int ret = -1;

	if (evidence_load(r, r->params[0], &ev) < 0 || http_json_body(r, &in) < 0)
		goto out;
	if (!ev.own && !ev.granted) {
		zerr_set(&r->err, 403, "forbidden",
			 "只能把本机关的或已获授权的证据附入本机关案件 (own or granted evidence only)");
		goto out;
	}
	if (record_decode(&rec_evidence_attachment, in, 0, &clean, &r->err) < 0)
		goto out;
	json_object_set_new(clean, "evidence_id", json_integer(ev.row_id));
	json_object_set_new(clean, "agency_id", json_integer(r->who.agency_id));
	json_object_set_new(clean, "created_by", json_string(r->who.username));
	ret = api_create(r, &rec_evidence_attachment, clean, NULL);
	if (ret < 0 && strcmp(r->err.code, "conflict") == 0) {
		zerr_clear(&r->err);
		zerr_set(&r->err, 409, "conflict", "该证据已附入此案件 (already attached to this case)");
	}
out:
	json_decref(in);
	json_decref(clean);
	return ret;
}

/* ---- preservation (先行登记保存, 行政处罚法 Art 56) ---- */

/* Fills the computed members of a preservation: due_on (7 working days after
 * decided_on), provisional, overdue (today after due_on). */
static void preservation_deadline(json_t *p, const char *today)
{
	const char *on = json_string_value(json_object_get(p, "decided_on"));
	struct zdate d, due;
	char out[ZDATE_STRLEN];
	int prov = 0;

	if (!on || zdate_parse(on, &d) < 0 ||
	    calendar_add_working_days(calendar_shared(), d, PRESERVATION_WORKING_DAYS, &due, &prov) < 0)
		return;
	zdate_format(due, out);
	json_object_set_new(p, "due_on", json_string(out));
	json_object_set_new(p, "provisional", json_boolean(prov));
	json_object_set_new(p, "overdue", json_boolean(strcmp(today, out) > 0));
}

int api_evidence_preserve(struct req *r)
{
	json_t *in = NULL, *clean = NULL;
	char today[ZDATE_STRLEN];
	const char *on;
	struct ev ev;
	int ret = -1;

	if (evidence_owned(r, r->params[0], &ev, "登记保存证据") < 0 || http_json_body(r, &in) < 0 ||
	    record_decode(&rec_evidence_preservation, in, 0, &clean, &r->err) < 0)
		goto out;
	evidence_today(today);
	on = json_string_value(json_object_get(clean, "decided_on"));
	if (strcmp(on, today) > 0) {
		zerr_field(&r->err, "decided_on", "决定日期不能晚于今天 (%s) (must not be in the future)", today);
		goto out;
	}
	json_object_set_new(clean, "evidence_id", json_integer(ev.row_id));
	json_object_set_new(clean, "agency_id", json_integer(ev.owner_id));
	json_object_set_new(clean, "created_by", json_string(r->who.username));
	ret = api_create(r, &rec_evidence_preservation, clean, NULL);
	if (ret < 0 && strcmp(r->err.code, "conflict") == 0) {
		zerr_clear(&r->err);
		zerr_set(&r->err, 409, "conflict", "该证据已登记保存 (already preserved)");
	}
	if (ret == 0) {
		preservation_deadline(r->out, today);
		snprintf(r->location, sizeof(r->location), "/api/v1/evidence/preservations/%s",
			 json_string_value(json_object_get(r->out, "id")));
	}
out:
	json_decref(in);
	json_decref(clean);
	return ret;
}

int api_evidence_preservations(struct req *r)
{
	const char *cursor, *overdue = http_query(r, "overdue");
	char today[ZDATE_STRLEN], next[80] = "";
	json_t *items;
	db_stmt_t *st;
	int limit, rc, n = 0, more = 0, only_overdue;

	if (http_page(r, 50, 500, &limit, &cursor) < 0)
		return -1;
	if (overdue && strcmp(overdue, "true") != 0 && strcmp(overdue, "false") != 0)
		return zerr_field(&r->err, "overdue", "overdue 只能是 true 或 false");
	only_overdue = overdue && strcmp(overdue, "true") == 0;
	evidence_today(today);
	/* the deadline is computed on read, so the overdue filter walks the agency's
	 * preservations in key order (an agency holds few at a time) */
	st = record_prepare_select(r->db, &rec_evidence_preservation,
				   "WHERE (a.public_id = ? OR a.region_code LIKE ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR p.public_id > ?) ORDER BY p.public_id");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	api_bind_scope(r, st, 1);
	db_bind_text(st, 3, cursor);
	db_bind_text(st, 4, cursor);
	items = json_array();
	while ((rc = db_step(st)) == DB_ROW) {
		json_t *p = record_encode(&rec_evidence_preservation, st, 0);

		preservation_deadline(p, today);
		if (only_overdue && !json_is_true(json_object_get(p, "overdue"))) {
			json_decref(p);
			continue;
		}
		if (n == limit) {
			json_decref(p);
			more = 1;
			rc = db_run(st);
			break;
		}
		snprintf(next, sizeof(next), "%s", json_string_value(json_object_get(p, "id")));
		json_array_append_new(items, p);
		n++;
	}
	if (rc != DB_OK) {
		json_decref(items);
		return db_zerr(r->db, rc, &r->err);
	}
	return http_reply(r, 200, json_pack("{s:o, s:s?}", "items", items, "next_cursor",
					    more ? next : NULL));
}
