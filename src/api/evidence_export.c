/* evidence_export.c: the court package of one case's evidence (docs/court-export.md).
 *
 * A zip holding files/<id>-<name> (the bytes, stored), manifest.json (each file's
 * name, kind, size, SHA-256 and SM3, and two ledger entries with their inclusion
 * proofs: the evidence's creation, and the export entry that commits to its current
 * state, given in full with its salt so that the digest is bound to the log),
 * checkpoint.txt (the signed checkpoint the proofs lead to) and verifier-key.txt.
 * Every file is re-hashed before it is packed; a file that no longer matches stops
 * the export. */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "api/api.h"
#include "api/evidence.h"
#include "api/records.h"
#include "core/config.h"
#include "core/log.h"
#include "ledger/ledger.h"
#include "store/blob.h"

#define EXPORT_MAX_ITEMS 10000

/* A ledger setting that must be there (init made it): 500 when absent. */
static int setting(db_t *db, const char *k, char *out, size_t outlen, struct zerr *e)
{
	int rc = ledger_setting(db, k, out, outlen);

	if (rc < 0)
		return zerr_internal(e, db_errmsg(db));
	return rc == 1 ? 0 : zerr_internal(e, "ledger not set up");
}

/* {index, leaf, leaf_hash, audit_path} of entry seq in the tree of size leaves; with
 * salt when want_salt. */
static json_t *entry_proof(db_t *db, int64_t seq, int64_t size, int want_salt, struct zerr *e)
{
	uint8_t path[MERKLE_MAX_PROOF][MERKLE_HASH_LEN];
	json_t *o = NULL, *ap;
	db_stmt_t *st;
	char hex[65];
	size_t n = 0, i;
	int rc;

	st = db_prepare(db, "SELECT leaf, leaf_hash, salt FROM ledger_entries WHERE seq = ?");
	if (!st) {
		zerr_internal(e, db_errmsg(db));
		return NULL;
	}
	db_bind_int(st, 1, seq);
	rc = db_step(st);
	if (rc != DB_ROW) {
		db_zerr(db, rc == DB_OK ? DB_ERROR : rc, e);
		return NULL;
	}
	o = json_pack("{s:I, s:s, s:s}", "index", (json_int_t)seq, "leaf", db_col_text(st, 0),
		      "leaf_hash", db_col_text(st, 1));
	if (want_salt)
		json_object_set_new(o, "salt", json_string(db_col_text(st, 2)));
	db_run(st);
	if (ledger_inclusion(db, seq, size, path, &n, e) < 0) {
		json_decref(o);
		return NULL;
	}
	ap = json_array();
	for (i = 0; i < n; i++) {
		merkle_hex(path[i], hex);
		json_array_append_new(ap, json_string(hex));
	}
	json_object_set_new(o, "audit_path", ap);
	return o;
}

/* The ids of the evidence of case_id for the caller's agency: its own evidence of that
 * case and the evidence attached to it. */
static json_t *case_evidence(struct req *r, const char *case_id)
{
	json_t *ids = json_array();
	db_stmt_t *st;
	int rc;

	st = db_prepare(r->db, "SELECT e.public_id FROM evidence e WHERE e.agency_id = ? AND e.case_id = ?"
			       " UNION SELECT e.public_id FROM evidence_attachments t"
			       " JOIN evidence e ON e.id = t.evidence_id WHERE t.agency_id = ? AND t.case_id = ?"
			       " ORDER BY 1");
	if (!st) {
		zerr_internal(&r->err, db_errmsg(r->db));
		json_decref(ids);
		return NULL;
	}
	db_bind_int(st, 1, r->who.agency_id);
	db_bind_text(st, 2, case_id);
	db_bind_int(st, 3, r->who.agency_id);
	db_bind_text(st, 4, case_id);
	while ((rc = db_step(st)) == DB_ROW)
		if (json_array_size(ids) < EXPORT_MAX_ITEMS)
			json_array_append_new(ids, json_string(db_col_text(st, 0)));
	if (rc != DB_OK) {
		db_zerr(r->db, rc, &r->err);
		json_decref(ids);
		return NULL;
	}
	return ids;
}

/* Adds len bytes as name; p must stay valid until zip_close. 0 or -1. */
static int zip_add_bytes(zip_t *z, const char *name, const char *p, size_t len)
{
	zip_source_t *src = zip_source_buffer(z, p, len, 0);

	if (!src)
		return -1;
	if (zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE) < 0) {
		zip_source_free(src);
		return -1;
	}
	return 0;
}

static const char readme[] =
	"zhifa 证据包 (court evidence package)\n"
	"\n"
	"files/          证据文件原件 (the evidence files, byte for byte)\n"
	"manifest.json   清单：每个文件的名称、种类、大小、SHA-256、SM3 和账本包含证明\n"
	"checkpoint.txt  签名的账本检查点 (C2SP signed note)\n"
	"verifier-key.txt 检查点验证公钥\n"
	"\n"
	"离线核验方法见 docs/court-export.md；参考核验程序：zhifa evidence verify-package FILE\n";

int api_evidence_export(struct req *r)
{
	const char *case_id = http_query(r, "case_id");
	json_t *ids = NULL, *items = NULL, *manifest = NULL, *states = NULL, *seqs = NULL, *v;
	char root[65], vkey[512], origin[256], now[32], tmp[1100] = "", name[600], path[1100];
	char *note = NULL, *mtext = NULL;
	enum merkle_alg alg;
	zip_t *z = NULL;
	struct stat sb;
	int64_t size = 0;
	size_t i;
	int fd = -1, zerr_code = 0, ret = -1;

	if (!case_id || !*case_id || strlen(case_id) > 64)
		return zerr_field(&r->err, "case_id", "需要案件编号 case_id (required, at most 64 characters)");
	if (!r->who.agency_id)
		return zerr_set(&r->err, 403, "forbidden", "只有执法机关可以导出本机关案件的证据 (agency staff only)");
	ids = case_evidence(r, case_id);
	if (!ids)
		goto out;
	items = json_array();
	states = json_array();
	seqs = json_array();
	/* only evidence the agency may still use, each file checked before it is packed */
	json_array_foreach(ids, i, v) {
		struct ev ev;
		int rc;

		if (evidence_load(r, json_string_value(v), &ev) < 0) {
			if (r->err.status != 404)
				goto out;
			zerr_clear(&r->err); /* attached under a grant that has run out since */
			continue;
		}
		rc = blob_check(r->cfg->data_dir, ev.sha, ev.sm3, ev.size, &r->err);
		if (rc != 0) {
			if (rc > 0) {
				log_error("evidence %s: stored file %s (sha256 %s): export refused", ev.pid,
					  rc == 2 ? "missing" : "no longer matches its digest", ev.sha);
				zerr_set(&r->err, 500, "evidence_corrupt",
					 "证据 %s 的存储文件与摘要不符或缺失，已停止导出 (stored file does not match)",
					 ev.pid);
			}
			goto out;
		}
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:I, s:s, s:s, s:s, s:s}", "id", ev.pid,
			"kind", ev.kind, "filename", ev.filename, "size", (json_int_t)ev.size, "sha256", ev.sha,
			"sm3", ev.sm3, "media_type", ev.media, "owner_agency_id", ev.owner_pid));
	}
	if (json_array_size(items) == 0) {
		zerr_not_found(&r->err, "该案件的证据 (evidence of this case)");
		goto out;
	}
	/* the export entries, each committing to the evidence's state as packed */
	if (db_begin(r->db, 1) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	json_array_foreach(items, i, v) {
		const char *pid = json_string_value(json_object_get(v, "id"));
		json_t *state = NULL;
		int64_t seq = 0;
		char *canon;

		if (record_load_state(r->db, &rec_evidence, pid, &state, &r->err) < 0 ||
		    ledger_append(r->db, &r->who, "evidence.export", "evidence", pid, state, &seq, &r->err) < 0) {
			json_decref(state);
			db_rollback(r->db);
			goto out;
		}
		canon = ledger_canonical(state);
		json_decref(state);
		json_array_append_new(states, json_string(canon ? canon : "null"));
		free(canon);
		json_array_append_new(seqs, json_integer(seq));
	}
	if (db_commit(r->db) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	if (ledger_checkpoint(r->db, &size, root, &note, &r->err) < 0 ||
	    ledger_hash_alg(r->db, &alg, &r->err) < 0 ||
	    setting(r->db, "ledger.vkey", vkey, sizeof(vkey), &r->err) < 0 ||
	    setting(r->db, "ledger.origin", origin, sizeof(origin), &r->err) < 0)
		goto out;
	json_array_foreach(items, i, v) {
		const char *pid = json_string_value(json_object_get(v, "id"));
		json_t *created, *exported;
		db_stmt_t *st;
		int64_t cseq;
		int rc;

		st = db_prepare(r->db, "SELECT seq FROM " LEDGER_OBJ_ENTRIES " o WHERE action = 'evidence.create'");
		if (!st) {
			zerr_internal(&r->err, db_errmsg(r->db));
			goto out;
		}
		db_bind_text(st, 1, "evidence");
		db_bind_text(st, 2, pid);
		db_bind_text(st, 3, "evidence");
		db_bind_text(st, 4, pid);
		rc = db_step(st);
		if (rc != DB_ROW) {
			db_zerr(r->db, rc == DB_OK ? DB_ERROR : rc, &r->err);
			goto out;
		}
		cseq = db_col_int(st, 0);
		db_run(st);
		created = entry_proof(r->db, cseq, size, 0, &r->err);
		if (!created)
			goto out;
		exported = entry_proof(r->db, json_integer_value(json_array_get(seqs, i)), size, 1, &r->err);
		if (!exported) {
			json_decref(created);
			goto out;
		}
		json_object_set(exported, "state", json_array_get(states, i));
		snprintf(name, sizeof(name), "files/%s%s%s", pid,
			 *json_string_value(json_object_get(v, "filename")) ? "-" : "",
			 json_string_value(json_object_get(v, "filename")));
		json_object_set_new(v, "path", json_string(name));
		json_object_set_new(v, "ledger_index", json_integer(cseq));
		json_object_set_new(v, "created", created);
		json_object_set_new(v, "exported", exported);
	}
	utc_now_iso(now, sizeof(now), 0);
	manifest = json_pack("{s:s, s:s, s:s, s:s, s:s, s:{s:s, s:s, s:I, s:s, s:s, s:s}, s:O}",
			     "format", "zhifa-evidence-package/1", "case_id", case_id,
			     "agency_id", r->who.agency_pid, "exported_at", now, "exported_by", r->who.username,
			     "log", "origin", origin, "hash_alg", merkle_alg_name(alg),
			     "tree_size", (json_int_t)size, "root_hash", root,
			     "checkpoint", "checkpoint.txt", "verifier_key", "verifier-key.txt",
			     "items", items);
	mtext = manifest ? json_dumps(manifest, JSON_INDENT(2) | JSON_PRESERVE_ORDER) : NULL;
	if (!mtext) {
		zerr_oom(&r->err);
		goto out;
	}
	/* built beside the store (same file system), served, and gone when closed */
	snprintf(tmp, sizeof(tmp), "%s/objects/tmp", r->cfg->data_dir);
	mkdir(tmp, 0750);
	snprintf(tmp, sizeof(tmp), "%s/objects/tmp/export-XXXXXX", r->cfg->data_dir);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		zerr_internal(&r->err, "cannot make the export file");
		goto out;
	}
	close(fd);
	fd = -1;
	z = zip_open(tmp, ZIP_CREATE | ZIP_TRUNCATE, &zerr_code);
	if (!z)
		goto zip_failed;
	json_array_foreach(items, i, v) {
		zip_source_t *src;
		zip_int64_t idx;

		blob_path(r->cfg->data_dir, json_string_value(json_object_get(v, "sha256")), path, sizeof(path));
		src = zip_source_file(z, path, 0, -1);
		if (!src)
			goto zip_failed;
		idx = zip_file_add(z, json_string_value(json_object_get(v, "path")), src,
				   ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
		if (idx < 0) {
			zip_source_free(src);
			goto zip_failed;
		}
		zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	}
	snprintf(name, sizeof(name), "%s\n", vkey);
	if (zip_add_bytes(z, "manifest.json", mtext, strlen(mtext)) < 0 ||
	    zip_add_bytes(z, "checkpoint.txt", note, strlen(note)) < 0 ||
	    zip_add_bytes(z, "verifier-key.txt", name, strlen(name)) < 0 ||
	    zip_add_bytes(z, "README.txt", readme, sizeof(readme) - 1) < 0)
		goto zip_failed;
	if (zip_close(z) < 0)
		goto zip_failed;
	z = NULL;
	fd = open(tmp, O_RDONLY | O_CLOEXEC);
	unlink(tmp);
	tmp[0] = '\0';
	if (fd < 0 || fstat(fd, &sb) < 0) {
		zerr_internal(&r->err, "cannot read the export file");
		goto out;
	}
	r->raw_type = "application/zip";
	snprintf(name, sizeof(name), "evidence-%s.zip", case_id);
	evidence_disposition(r, name);
	r->status = 200;
	ret = evidence_serve_fd(r, fd, 0, (uint64_t)sb.st_size, NULL, case_id);
	fd = -1;
	goto out;
zip_failed:
	log_error("export of case %s: %s", case_id, z ? zip_strerror(z) : "zip_open failed");
	zerr_internal(&r->err, "building the package failed");
out:
	if (z)
		zip_discard(z);
	if (fd >= 0)
		close(fd);
	if (tmp[0] && ret < 0 && strstr(tmp, "export-"))
		unlink(tmp);
	free(note);
	free(mtext);
	json_decref(manifest);
	json_decref(ids);
	json_decref(items);
	json_decref(states);
	json_decref(seqs);
	return ret;
}
