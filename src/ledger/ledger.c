#include "ledger/ledger.h"

#include <string.h>

#include "core/buf.h"
#include "core/crypto.h"

char *ledger_canonical(json_t *v)
{
	return json_dumps(v, JSON_SORT_KEYS | JSON_COMPACT | JSON_ENCODE_ANY);
}

/* Reads the hash of node (level, idx) as 32 bytes: level 0 from the entries. */
static int node_get(db_t *db, int64_t level, int64_t idx, uint8_t out[32])
{
	db_stmt_t *st = level == 0
		? db_prepare(db, "SELECT leaf_hash FROM ledger_entries WHERE seq = ?")
		: db_prepare(db, "SELECT hash FROM ledger_nodes WHERE level = ? AND idx = ?");
	int rc, ret = -1;

	if (!st)
		return -1;
	if (level == 0) {
		db_bind_int(st, 1, idx);
	} else {
		db_bind_int(st, 1, level);
		db_bind_int(st, 2, idx);
	}
	rc = db_step(st);
	if (rc == DB_ROW && hex_decode(db_col_text(st, 0), out, 32) == 0)
		ret = 0;
	if (rc == DB_ROW)
		db_run(st);
	return ret;
}

/* After leaf n is stored, stores every complete subtree that it closes. */
static int nodes_close(db_t *db, int64_t n)
{
	int64_t level = 0, idx = n;
	uint8_t buf[65], h[32];
	char hex[65];

	while (idx & 1) {
		buf[0] = 0x01;
		if (node_get(db, level, idx - 1, buf + 1) < 0 || node_get(db, level, idx, buf + 33) < 0)
			return -1;
		crypto_sha256(buf, sizeof(buf), h);
		hex_encode(h, 32, hex);
		level++;
		idx >>= 1;
		{
			db_stmt_t *st = db_prepare(db, "INSERT INTO ledger_nodes (level, idx, hash) VALUES (?, ?, ?)");

			if (!st)
				return -1;
			db_bind_int(st, 1, level);
			db_bind_int(st, 2, idx);
			db_bind_text(st, 3, hex);
			if (db_run(st) != DB_OK)
				return -1;
		}
	}
	return 0;
}

int ledger_append(db_t *db, const struct principal *who, const char *action,
		  const char *obj_type, const char *obj_id, json_t *state, int64_t *seq_r,
		  struct zerr *e)
{
	char now[32], salt_hex[33], digest_hex[65], lh_hex[65];
	uint8_t salt[16], digest[32], lh[32];
	char *canon = NULL, *leaf = NULL;
	struct buf pre = BUF_INIT(1 << 24);
	json_t *entry = NULL;
	db_stmt_t *st;
	int64_t seq;
	int rc, ret = -1;

	utc_now_iso(now, sizeof(now), 0);
	st = db_prepare(db, "UPDATE ledger_head SET next = next + 1 WHERE id = 1 RETURNING next - 1");
	if (!st || (rc = db_step(st)) != DB_ROW) {
		db_zerr(db, st ? (rc == DB_OK ? DB_ERROR : rc) : DB_ERROR, e);
		goto out;
	}
	seq = db_col_int(st, 0);
	db_run(st);

	if (crypto_random(salt, sizeof(salt)) < 0) {
		zerr_internal(e, "random");
		goto out;
	}
	hex_encode(salt, sizeof(salt), salt_hex);
	canon = state ? ledger_canonical(state) : strdup("null");
	if (!canon || buf_add(&pre, salt, sizeof(salt)) < 0 || buf_adds(&pre, canon) < 0) {
		zerr_oom(e);
		goto out;
	}
	crypto_sha256(pre.data, pre.len, digest);
	hex_encode(digest, sizeof(digest), digest_hex);

	entry = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "seq", (json_int_t)seq, "at", now,
			  "actor", who->username[0] ? who->username : "system", "action", action,
			  "type", obj_type, "id", obj_id, "state", digest_hex);
	if (!entry) {
		zerr_oom(e);
		goto out;
	}
	if (who->agency_pid[0])
		json_object_set_new(entry, "agency", json_string(who->agency_pid));
	leaf = ledger_canonical(entry);
	if (!leaf) {
		zerr_oom(e);
		goto out;
	}
	buf_clear(&pre);
	buf_addc(&pre, 0x00);
	buf_adds(&pre, leaf);
	crypto_sha256(pre.data, pre.len, lh);
	hex_encode(lh, sizeof(lh), lh_hex);

	st = db_prepare(db, "INSERT INTO ledger_entries (seq, at, actor, agency_id, action, obj_type,"
			    " obj_id, salt, state_digest, leaf, leaf_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (!st) {
		zerr_internal(e, db_errmsg(db));
		goto out;
	}
	db_bind_int(st, 1, seq);
	db_bind_text(st, 2, now);
	db_bind_text(st, 3, who->username[0] ? who->username : "system");
	if (who->agency_id)
		db_bind_int(st, 4, who->agency_id);
	else
		db_bind_null(st, 4);
	db_bind_text(st, 5, action);
	db_bind_text(st, 6, obj_type);
	db_bind_text(st, 7, obj_id);
	db_bind_text(st, 8, salt_hex);
	db_bind_text(st, 9, digest_hex);
	db_bind_text(st, 10, leaf);
	db_bind_text(st, 11, lh_hex);
	if ((rc = db_run(st)) != DB_OK) {
		db_zerr(db, rc, e);
		goto out;
	}
	if (nodes_close(db, seq) < 0) {
		zerr_internal(e, db_errmsg(db));
		goto out;
	}
	if (seq_r)
		*seq_r = seq;
	ret = 0;
out:
	free(canon);
	free(leaf);
	json_decref(entry);
	buf_release(&pre);
	return ret;
}

int ledger_size(db_t *db, int64_t *size_r, struct zerr *e)
{
	db_stmt_t *st = db_prepare(db, "SELECT next FROM ledger_head WHERE id = 1");
	int rc;

	if (!st)
		return zerr_internal(e, db_errmsg(db));
	rc = db_step(st);
	if (rc != DB_ROW)
		return db_zerr(db, rc == DB_OK ? DB_ERROR : rc, e);
	*size_r = db_col_int(st, 0);
	db_run(st);
	return 0;
}
