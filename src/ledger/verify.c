/* verify.c: `zhifa ledger verify` — recompute everything and name the first mismatch.
 * One pass over the entries in seq order (in batches, so memory stays flat on both
 * engines), a streaming tree that also checks each cached subtree as it completes,
 * the checkpoints at their sizes, then one pass over the objects' latest entries. */
#include <string.h>

#include "core/crypto.h"
#include "ledger/ledger.h"

#define BATCH 65536

struct level_cache {
	uint8_t (*h)[MERKLE_HASH_LEN];
	uint64_t n;
};

struct cp {
	int64_t size;
	uint8_t root[MERKLE_HASH_LEN];
};

struct verifier {
	db_t *db;
	struct merkle_hasher *h;
	struct ledger_report *rep;
	struct level_cache lv[64 / LEDGER_NODE_STRIDE + 1];
	struct cp *cps;
	size_t ncps, next_cp;
	struct merkle_stream st;
};

#define BAD(v, ...) (snprintf((v)->rep->first_bad, sizeof((v)->rep->first_bad), __VA_ARGS__), 1)

static int setting(db_t *db, const char *k, char *out, size_t outlen)
{
	db_stmt_t *st = db_prepare(db, "SELECT v FROM settings WHERE k = ?");
	int rc;

	out[0] = '\0';
	if (!st)
		return -1;
	db_bind_text(st, 1, k);
	rc = db_step(st);
	if (rc == DB_ROW) {
		snprintf(out, outlen, "%s", db_col_text(st, 0));
		db_run(st);
	}
	return rc == DB_ROW || rc == DB_OK ? 0 : -1;
}

/* Loads every cached node, checking that each level holds exactly n >> k nodes
 * numbered 0.. in order. 0, 1 (bad), -1 (error). */
static int load_nodes(struct verifier *v, uint64_t n, struct zerr *e)
{
	unsigned k;

	for (k = LEDGER_NODE_STRIDE; k < 64; k += LEDGER_NODE_STRIDE) {
		struct level_cache *l = &v->lv[k / LEDGER_NODE_STRIDE];
		uint64_t want = n >> k, got = 0;
		db_stmt_t *st;
		int rc;

		l->n = want;
		l->h = want ? calloc(want, MERKLE_HASH_LEN) : NULL;
		if (want && !l->h)
			return zerr_oom(e);
		st = db_prepare(v->db, "SELECT idx, hash FROM ledger_nodes WHERE level = ? ORDER BY idx");
		if (!st)
			return zerr_internal(e, db_errmsg(v->db));
		db_bind_int(st, 1, k);
		while ((rc = db_step(st)) == DB_ROW) {
			if ((uint64_t)db_col_int(st, 0) != got || got >= want ||
			    merkle_unhex(db_col_text(st, 1), l->h[got]) < 0) {
				db_run(st);
				return BAD(v, "缓存节点 level %u idx %lld 多余或损坏 (cached node altered)", k,
					   (long long)got);
			}
			got++;
		}
		if (rc != DB_OK)
			return db_zerr(v->db, rc, e);
		if (got != want)
			return BAD(v, "缓存节点 level %u 缺少 idx %llu (cached node missing)", k,
				   (unsigned long long)got);
		v->rep->nodes += (int64_t)got;
	}
	return 0;
}

/* Loads the checkpoints and checks each note's signature and its body against the row. */
static int load_checkpoints(struct verifier *v, struct zerr *e)
{
	char vkey[512];
	struct checkpoint_verifier *cv = NULL;
	db_stmt_t *st;
	int rc, ret = -1;

	if (setting(v->db, "ledger.vkey", vkey, sizeof(vkey)) < 0)
		return zerr_internal(e, db_errmsg(v->db));
	st = db_prepare(v->db, "SELECT tree_size, root_hash, note FROM ledger_checkpoints ORDER BY tree_size");
	if (!st)
		return zerr_internal(e, db_errmsg(v->db));
	if (vkey[0]) {
		cv = checkpoint_verifier_new(vkey, e);
		if (!cv) {
			db_run(st);
			return -1;
		}
	}
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t size = db_col_int(st, 0);
		const char *note = db_col_text(st, 2);
		struct zerr ce = ZERR_INIT;
		struct checkpoint c;
		struct cp *grown;

		if (!cv) {
			ret = BAD(v, "有检查点但没有验证公钥 (checkpoints without a verifier key)");
			goto drain;
		}
		if (checkpoint_open(cv, NULL, note, strlen(note), &c, &ce) < 0) {
			ret = BAD(v, "检查点 %lld 的签名无效: %s (bad checkpoint signature)", (long long)size,
				  ce.detail);
			zerr_clear(&ce);
			goto drain;
		}
		grown = realloc(v->cps, (v->ncps + 1) * sizeof(*v->cps));
		if (!grown) {
			ret = zerr_oom(e);
			goto drain;
		}
		v->cps = grown;
		v->cps[v->ncps].size = size;
		if (merkle_unhex(db_col_text(st, 1), v->cps[v->ncps].root) < 0 || c.size != (uint64_t)size ||
		    memcmp(c.root, v->cps[v->ncps].root, MERKLE_HASH_LEN) != 0) {
			ret = BAD(v, "检查点 %lld 的记录与签名内容不符 (checkpoint row altered)", (long long)size);
			goto drain;
		}
		v->ncps++;
	}
	ret = rc == DB_OK ? 0 : db_zerr(v->db, rc, e);
	goto out;
drain:
	db_run(st);
out:
	checkpoint_verifier_free(&cv);
	return ret;
}

/* Pushes one leaf hash; checks every cached node it completes. 0, 1 bad, -1 error. */
static int push(struct verifier *v, const uint8_t lh[MERKLE_HASH_LEN])
{
	struct merkle_stream *s = &v->st;
	uint8_t cur[MERKLE_HASH_LEN];
	unsigned k = 0;

	memcpy(cur, lh, MERKLE_HASH_LEN);
	while (s->size >> k & 1) {
		if (merkle_hash_children(v->h, s->node[k], cur, cur) < 0)
			return -1;
		k++;
		if (k % LEDGER_NODE_STRIDE == 0) {
			struct level_cache *l = &v->lv[k / LEDGER_NODE_STRIDE];
			uint64_t idx = ((s->size + 1) >> k) - 1;

			if (idx >= l->n || memcmp(l->h[idx], cur, MERKLE_HASH_LEN) != 0)
				return BAD(v, "缓存节点 level %u idx %llu 与重算结果不符 (cached node altered)",
					   k, (unsigned long long)idx);
		}
	}
	memcpy(s->node[k], cur, MERKLE_HASH_LEN);
	s->size++;
	return 0;
}

/* Checks the checkpoints whose size the stream has just reached. */
static int check_cps(struct verifier *v)
{
	uint8_t root[MERKLE_HASH_LEN];

	while (v->next_cp < v->ncps && (uint64_t)v->cps[v->next_cp].size == v->st.size) {
		if (merkle_stream_root(&v->st, root) < 0)
			return -1;
		if (memcmp(root, v->cps[v->next_cp].root, MERKLE_HASH_LEN) != 0)
			return BAD(v, "检查点 %lld 的根与重算结果不符 (checkpoint root does not match the log)",
				   (long long)v->cps[v->next_cp].size);
		v->rep->checkpoints++;
		v->next_cp++;
	}
	return 0;
}

static int entries(struct verifier *v, int64_t n, struct zerr *e)
{
	struct buf leaf = BUF_INIT(1 << 20);
	uint8_t lh[MERKLE_HASH_LEN], stored[MERKLE_HASH_LEN];
	int64_t seq = 0;
	int rc, ret = -1;

	ret = check_cps(v); /* a checkpoint of the empty tree */
	if (ret != 0)
		goto out;
	ret = -1;
	while (seq < n) {
		int64_t got = 0;
		db_stmt_t *st = db_prepare(v->db, "SELECT seq, at, actor, agency, action, obj_type, obj_id,"
						  " state_digest, leaf, leaf_hash FROM ledger_entries"
						  " WHERE seq >= ? ORDER BY seq LIMIT ?");

		if (!st) {
			zerr_internal(e, db_errmsg(v->db));
			goto out;
		}
		db_bind_int(st, 1, seq);
		db_bind_int(st, 2, BATCH);
		while ((rc = db_step(st)) == DB_ROW) {
			const char *stored_leaf = db_col_text(st, 8);

			got++;
			if (db_col_int(st, 0) != seq) {
				db_run(st);
				ret = BAD(v, "账本条目 %lld 缺失 (entry missing)", (long long)seq);
				goto out;
			}
			if (ledger_leaf_build(&leaf, seq, db_col_text(st, 1), db_col_text(st, 2),
					      db_col_isnull(st, 3) ? NULL : db_col_text(st, 3),
					      db_col_text(st, 4), db_col_text(st, 5), db_col_text(st, 6),
					      db_col_text(st, 7)) < 0) {
				db_run(st);
				ret = zerr_oom(e);
				goto out;
			}
			if (strcmp(leaf.data, stored_leaf) != 0) {
				db_run(st);
				ret = BAD(v, "账本条目 %lld 的字段与叶子内容不符 (entry columns altered)",
					  (long long)seq);
				goto out;
			}
			if (merkle_hash_leaf(v->h, leaf.data, leaf.len, lh) < 0 ||
			    merkle_unhex(db_col_text(st, 9), stored) < 0 ||
			    memcmp(lh, stored, MERKLE_HASH_LEN) != 0) {
				db_run(st);
				ret = BAD(v, "账本条目 %lld 的叶子哈希不符 (leaf hash altered)", (long long)seq);
				goto out;
			}
			if ((rc = push(v, lh)) != 0 || (rc = check_cps(v)) != 0) {
				db_run(st);
				ret = rc < 0 ? zerr_internal(e, "hash") : 1;
				goto out;
			}
			seq++;
		}
		if (rc != DB_OK) {
			ret = db_zerr(v->db, rc, e);
			goto out;
		}
		if (got == 0)
			break;
	}
	v->rep->entries = seq;
	if (seq != n) {
		ret = BAD(v, "账本应有 %lld 条，实有 %lld 条 (entries missing)", (long long)n, (long long)seq);
		goto out;
	}
	if (v->next_cp != v->ncps) {
		ret = BAD(v, "检查点 %lld 超出账本长度 (checkpoint beyond the log)",
			  (long long)v->cps[v->next_cp].size);
		goto out;
	}
	ret = 0;
out:
	buf_release(&leaf);
	return ret;
}

/* Compares each recorded object's current state with its latest entry. */
static int objects(struct verifier *v, ledger_state_loader load, enum merkle_alg alg,
		   struct zerr *e)
{
	char type[64] = "", id[128] = "", salt_hex[40] = "", digest[65] = "";
	char ltype[64] = "", lid[128] = "";
	int64_t lseq = -1;
	int rc, have = 0, more = 1;

	/* walks (type, id, seq) in order in batches; the last row of a group is its state */
	while (more) {
		db_stmt_t *st = db_prepare(v->db, "SELECT obj_type, obj_id, seq, salt, state_digest"
						  " FROM ledger_entries WHERE (obj_type, obj_id, seq) > (?, ?, ?)"
						  " ORDER BY obj_type, obj_id, seq LIMIT ?");
		int64_t got = 0;

		if (!st)
			return zerr_internal(e, db_errmsg(v->db));
		db_bind_text(st, 1, ltype);
		db_bind_text(st, 2, lid);
		db_bind_int(st, 3, lseq);
		db_bind_int(st, 4, BATCH);
		while ((rc = db_step(st)) == DB_ROW || rc == DB_OK) {
			int last = rc == DB_OK;
			const char *t = last ? "" : db_col_text(st, 0), *i = last ? "" : db_col_text(st, 1);

			if (last && got == BATCH)
				break; /* more batches follow: the group may continue */
			if (have && (last || strcmp(t, type) != 0 || strcmp(i, id) != 0)) {
				json_t *state = NULL;
				char *canon = NULL, now[65];
				uint8_t salt[16];
				int lr = load(v->db, type, id, &state, e);

				if (lr < 0) {
					if (!last)
						db_run(st);
					if (strcmp(e->code, "unknown_type") == 0) {
						zerr_clear(e);
						return BAD(v, "对象 %s/%s 的类型无法核对 (unknown object type)", type, id);
					}
					return -1;
				}
				canon = lr == 1 ? strdup("null") : ledger_canonical(state);
				json_decref(state);
				if (!canon || hex_decode(salt_hex, salt, sizeof(salt)) < 0 ||
				    ledger_state_digest(alg, salt, canon, now) < 0 || strcmp(now, digest) != 0) {
					free(canon);
					if (!last)
						db_run(st);
					return BAD(v, "对象 %s/%s 的当前数据与账本最后一条记录不符 (record altered outside the program)",
						   type, id);
				}
				free(canon);
				v->rep->objects++;
			}
			if (last) {
				more = 0;
				break;
			}
			snprintf(type, sizeof(type), "%s", t);
			snprintf(id, sizeof(id), "%s", i);
			snprintf(salt_hex, sizeof(salt_hex), "%s", db_col_text(st, 3));
			snprintf(digest, sizeof(digest), "%s", db_col_text(st, 4));
			snprintf(ltype, sizeof(ltype), "%s", t);
			snprintf(lid, sizeof(lid), "%s", i);
			lseq = db_col_int(st, 2);
			have = 1;
			got++;
		}
		if (rc < 0)
			return db_zerr(v->db, rc, e);
	}
	return 0;
}

int ledger_verify(db_t *db, ledger_state_loader load, struct ledger_report *rep, struct zerr *e)
{
	struct verifier v = { .db = db, .rep = rep };
	enum merkle_alg alg = MERKLE_SHA256;
	int64_t n = 0;
	size_t i;
	int ret = -1;

	memset(rep, 0, sizeof(*rep));
	if (ledger_size(db, &n, e) < 0 || ledger_hash_alg(db, &alg, e) < 0)
		return -1;
	v.h = merkle_hasher_new(alg);
	if (!v.h)
		return zerr_oom(e);
	merkle_stream_init(&v.st, v.h);
	if ((ret = load_nodes(&v, (uint64_t)n, e)) != 0 || (ret = load_checkpoints(&v, e)) != 0 ||
	    (ret = entries(&v, n, e)) != 0 || (ret = objects(&v, load, alg, e)) != 0)
		goto out;
	ret = 0;
out:
	for (i = 0; i < sizeof(v.lv) / sizeof(v.lv[0]); i++)
		free(v.lv[i].h);
	free(v.cps);
	merkle_hasher_free(&v.h);
	return ret;
}
