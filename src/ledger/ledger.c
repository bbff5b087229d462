/* ledger.c: appending entries, the store-backed tree, checkpoints, verification. */
#include "ledger/ledger.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "core/crypto.h"
#include "core/log.h"

/* The process's checkpoint signer: set once at start-up, before threads, then read. */
static struct checkpoint_signer *g_signer;

/* Each thread's append context, made on first use and kept for the thread's life:
 * its hashers, one per algorithm (making one fetches the digest from OpenSSL's
 * provider store, which costs more than hashing an entry), the buffers an entry is
 * built in (so an append allocates nothing once warm) and a pool of salt bytes.
 * Freed when the thread ends. */
static pthread_key_t hasher_key;
static pthread_once_t hasher_once = PTHREAD_ONCE_INIT;
static int hasher_key_ok;

enum { SALT_POOL = 4096 };

struct hashers {
	struct merkle_hasher *h[2];
	struct buf canon, leaf;
	size_t salt_left;
	uint8_t salt_pool[SALT_POOL];
};

static void hashers_free(void *p)
{
	struct hashers *hs = p;

	merkle_hasher_free(&hs->h[0]);
	merkle_hasher_free(&hs->h[1]);
	buf_release(&hs->canon);
	buf_release(&hs->leaf);
	OPENSSL_cleanse(hs->salt_pool, sizeof(hs->salt_pool));
	free(hs);
}

static void hasher_key_make(void)
{
	hasher_key_ok = pthread_key_create(&hasher_key, hashers_free) == 0;
}

static struct hashers *thread_ctx(void)
{
	struct hashers *hs;

	pthread_once(&hasher_once, hasher_key_make);
	if (!hasher_key_ok)
		return NULL;
	hs = pthread_getspecific(hasher_key);
	if (!hs) {
		hs = calloc(1, sizeof(*hs));
		if (!hs || pthread_setspecific(hasher_key, hs) != 0) {
			free(hs);
			return NULL;
		}
		buf_init(&hs->canon, (size_t)1 << 28);
		buf_init(&hs->leaf, (size_t)1 << 20);
	}
	return hs;
}

static struct merkle_hasher *ctx_hasher(struct hashers *hs, enum merkle_alg alg)
{
	unsigned i = alg == MERKLE_SM3 ? 1 : 0;

	if (!hs->h[i])
		hs->h[i] = merkle_hasher_new(alg);
	return hs->h[i];
}

/* This thread's hasher for alg (do not free it); NULL when out of memory. */
static struct merkle_hasher *thread_hasher(enum merkle_alg alg)
{
	struct hashers *hs = thread_ctx();

	return hs ? ctx_hasher(hs, alg) : NULL;
}

/* A fresh 16-byte salt from the CSPRNG. RAND_bytes has a fixed cost per call (locks,
 * reseed checks) far above that of 16 bytes, so each thread draws SALT_POOL bytes at
 * a time and hands them out once each, wiping what it hands out. */
static int salt_new(struct hashers *hs, uint8_t salt[16])
{
	if (hs->salt_left < 16) {
		if (crypto_random(hs->salt_pool, sizeof(hs->salt_pool)) < 0)
			return -1;
		hs->salt_left = sizeof(hs->salt_pool);
	}
	hs->salt_left -= 16;
	memcpy(salt, hs->salt_pool + hs->salt_left, 16);
	OPENSSL_cleanse(hs->salt_pool + hs->salt_left, 16);
	return 0;
}

static enum merkle_alg alg_parse(const char *s)
{
	return s && strcmp(s, "sm3") == 0 ? MERKLE_SM3 : MERKLE_SHA256;
}

static int state_digest(struct merkle_hasher *h, const uint8_t salt[16], const char *canonical,
			size_t len, char out[65])
{
	uint8_t d[MERKLE_HASH_LEN];

	if (!h || merkle_hash_raw(h, salt, 16, canonical, len, d) < 0)
		return -1;
	merkle_hex(d, out);
	return 0;
}

int ledger_state_digest(enum merkle_alg alg, const uint8_t salt[16], const char *canonical,
			char out[65])
{
	/* this thread's hasher: no fetch per digest */
	return state_digest(thread_hasher(alg), salt, canonical, strlen(canonical), out);
}

static int add_member(struct buf *b, const char *key, const char *val, int first)
{
	int rc = 0;

	rc |= buf_adds(b, first ? "\"" : ",\"");
	rc |= buf_adds(b, key);
	rc |= buf_adds(b, "\":\"");
	rc |= buf_add_json_escaped(b, val);
	rc |= buf_addc(b, '"');
	return rc ? -1 : 0;
}

int ledger_leaf_build(struct buf *b, int64_t seq, const char *at, const char *actor,
		      const char *agency, const char *action, const char *type, const char *id,
		      const char *state_hex)
{
	int rc = 0;

	/* members in code-point order of their keys, as RFC 8785 sorts them */
	buf_clear(b);
	rc |= buf_addc(b, '{');
	rc |= add_member(b, "action", action, 1);
	rc |= add_member(b, "actor", actor, 0);
	if (agency)
		rc |= add_member(b, "agency", agency, 0);
	rc |= add_member(b, "at", at, 0);
	rc |= add_member(b, "id", id, 0);
	{ /* ",\"seq\":N" without printf: verification builds every leaf */
		char num[32], *q = num + sizeof(num);
		uint64_t u = seq < 0 ? (uint64_t)0 - (uint64_t)seq : (uint64_t)seq;

		do
			*--q = (char)('0' + u % 10);
		while ((u /= 10) != 0);
		if (seq < 0)
			*--q = '-';
		rc |= buf_add(b, ",\"seq\":", 7);
		rc |= buf_add(b, q, (size_t)(num + sizeof(num) - q));
	}
	rc |= add_member(b, "state", state_hex, 0);
	rc |= add_member(b, "type", type, 0);
	rc |= buf_addc(b, '}');
	return rc ? -1 : 0;
}

/* The log's size (max(seq) + 1: the entries themselves say where the log ends, their
 * last one carrying the tail mark), its hash algorithm and ledger_head.next (on
 * PostgreSQL the size itself, on SQLite a lower bound: see ledger_append). */
static int head_read(db_t *db, int64_t *size_r, int64_t *floor_r, enum merkle_alg *alg_r,
		     struct zerr *e)
{
	db_stmt_t *st = db_prepare(db, "SELECT (SELECT coalesce(max(seq) + 1, 0) FROM ledger_entries),"
				       " next, hash_alg FROM ledger_head WHERE id = 1");
	int rc;

	if (!st)
		return zerr_internal(e, db_errmsg(db));
	rc = db_step(st);
	if (rc != DB_ROW)
		return db_zerr(db, rc == DB_OK ? DB_ERROR : rc, e);
	if (size_r)
		*size_r = db_col_int(st, 0);
	if (floor_r)
		*floor_r = db_col_int(st, 1);
	if (alg_r)
		*alg_r = alg_parse(db_col_text(st, 2));
	db_run(st);
	return 0;
}

int ledger_size(db_t *db, int64_t *size_r, struct zerr *e)
{
	return head_read(db, size_r, NULL, NULL, e);
}

int ledger_extent(db_t *db, int64_t *size_r, int64_t *floor_r, struct zerr *e)
{
	return head_read(db, size_r, floor_r, NULL, e);
}

int ledger_hash_alg(db_t *db, enum merkle_alg *alg_r, struct zerr *e)
{
	return head_read(db, NULL, NULL, alg_r, e);
}

/* ---- the store as a merkle_src ---- */

struct store_src {
	db_t *db;
	struct merkle_hasher *h;
};

static int src_leaf(void *ctx, uint64_t index, uint8_t out[MERKLE_HASH_LEN])
{
	struct store_src *s = ctx;
	db_stmt_t *st = db_prepare(s->db, "SELECT leaf_hash FROM ledger_entries WHERE seq = ?");
	int rc, ret = -1;

	if (!st)
		return -1;
	db_bind_int(st, 1, (int64_t)index);
	rc = db_step(st);
	if (rc == DB_ROW) {
		ret = merkle_unhex(db_col_text(st, 0), out);
		db_run(st);
	}
	return ret;
}

/* Reads count consecutive hashes at level (0: leaves) from first, into hs. */
static int read_level(struct store_src *s, unsigned level, uint64_t first, uint64_t count,
		      uint8_t (*hs)[MERKLE_HASH_LEN])
{
	db_stmt_t *st;
	uint64_t n = 0;
	int rc;

	if (level == 0) {
		st = db_prepare(s->db, "SELECT leaf_hash FROM ledger_entries WHERE seq >= ? AND seq < ?"
				       " ORDER BY seq");
		if (!st)
			return -1;
		db_bind_int(st, 1, (int64_t)first);
		db_bind_int(st, 2, (int64_t)(first + count));
	} else {
		st = db_prepare(s->db, "SELECT hash FROM ledger_nodes WHERE level = ? AND idx >= ? AND idx < ?"
				       " ORDER BY idx");
		if (!st)
			return -1;
		db_bind_int(st, 1, level);
		db_bind_int(st, 2, (int64_t)first);
		db_bind_int(st, 3, (int64_t)(first + count));
	}
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == count || merkle_unhex(db_col_text(st, 0), hs[n]) < 0) {
			db_run(st);
			return -1;
		}
		n++;
	}
	return rc == DB_OK && n == count ? 0 : -1;
}

/* Folds count (a power of two) hashes into the root of their perfect tree, in place. */
static int fold_perfect(struct merkle_hasher *h, uint8_t (*hs)[MERKLE_HASH_LEN], uint64_t count)
{
	uint64_t w, i;

	for (w = count; w > 1; w /= 2)
		for (i = 0; i < w / 2; i++)
			if (merkle_hash_children(h, hs[2 * i], hs[2 * i + 1], hs[i]) < 0)
				return -1;
	return 0;
}

static int src_subtree(void *ctx, unsigned level, uint64_t index, uint8_t out[MERKLE_HASH_LEN])
{
	struct store_src *s = ctx;
	uint8_t hs[1 << LEDGER_NODE_STRIDE][MERKLE_HASH_LEN];
	unsigned base = level - level % LEDGER_NODE_STRIDE;
	uint64_t count;

	if (level % LEDGER_NODE_STRIDE == 0) {
		if (read_level(s, level, index, 1, hs) < 0)
			return 0; /* not cached: computed from below */
		memcpy(out, hs[0], MERKLE_HASH_LEN);
		return 1;
	}
	count = (uint64_t)1 << (level - base);
	if (read_level(s, base, index * count, count, hs) < 0 || fold_perfect(s->h, hs, count) < 0)
		return -1;
	memcpy(out, hs[0], MERKLE_HASH_LEN);
	return 1;
}

static struct merkle_src store_src_of(struct store_src *s)
{
	return (struct merkle_src){ src_leaf, src_subtree, s };
}

/* After leaf seq is stored, stores each cached level's subtree that it completes. */
static int nodes_close(db_t *db, struct merkle_hasher *h, int64_t seq)
{
	struct store_src s = { db, h };
	uint8_t hs[1 << LEDGER_NODE_STRIDE][MERKLE_HASH_LEN];
	uint64_t size = (uint64_t)seq + 1;
	unsigned k;
	char hex[65];

	for (k = LEDGER_NODE_STRIDE; k < 64 && size % ((uint64_t)1 << k) == 0; k += LEDGER_NODE_STRIDE) {
		uint64_t idx = (size >> k) - 1;
		uint64_t n = (uint64_t)1 << LEDGER_NODE_STRIDE;
		db_stmt_t *st;

		if (read_level(&s, k - LEDGER_NODE_STRIDE, idx * n, n, hs) < 0 ||
		    fold_perfect(h, hs, n) < 0)
			return -1;
		merkle_hex(hs[0], hex);
		st = db_prepare(db, "INSERT INTO ledger_nodes (level, idx, hash) VALUES (?, ?, ?)");
		if (!st)
			return -1;
		db_bind_int(st, 1, k);
		db_bind_int(st, 2, (int64_t)idx);
		db_bind_text(st, 3, hex);
		if (db_run(st) != DB_OK)
			return -1;
	}
	return 0;
}

static int checkpoint_store(db_t *db, struct merkle_hasher *h, int64_t size, struct zerr *e);

int ledger_append(db_t *db, const struct principal *who, const char *action,
		  const char *obj_type, const char *obj_id, json_t *state, int64_t *seq_r,
		  struct zerr *e)
{
	char now[32], salt_hex[33], digest_hex[65], lh_hex[65];
	const char *actor = who->username[0] ? who->username : "system";
	const char *agency = who->agency_pid[0] ? who->agency_pid : NULL;
	struct hashers *ctx = thread_ctx();
	struct merkle_hasher *h;
	uint8_t salt[16], lh[MERKLE_HASH_LEN];
	enum merkle_alg alg = MERKLE_SHA256;
	db_stmt_t *st;
	int64_t seq = 0;
	int rc;

	if (!ctx)
		return zerr_oom(e);
	if (!db_in_tx(db)) /* the index, the tail mark and the entry move together or not at all */
		return zerr_internal(e, "ledger_append outside a write transaction");
	utc_now_iso(now, sizeof(now), 0);
	if (db_dialect(db) == DB_POSTGRES) {
		/* the head's row lock orders concurrent appenders until they commit */
		st = db_prepare(db, "UPDATE ledger_head SET next = next + 1 WHERE id = 1"
				    " RETURNING next - 1, hash_alg");
		if (!st || (rc = db_step(st)) != DB_ROW)
			return db_zerr(db, st ? (rc == DB_OK ? DB_ERROR : rc) : DB_ERROR, e);
		seq = db_col_int(st, 0);
		alg = alg_parse(db_col_text(st, 1));
		db_run(st);
	} else {
		/* the write transaction (BEGIN IMMEDIATE) is the only writer: the next index
		 * is one past the newest entry, read from the page this append writes anyway */
		int64_t floor = 0;

		if (head_read(db, &seq, &floor, &alg, e) < 0)
			return -1;
		if (seq < floor)
			return zerr_set(e, 500, "ledger_damaged",
					"账本条目少于已记录的 %lld 条，拒绝追加 (entries removed from the end)",
					(long long)floor);
	}
	if (seq > 0) { /* the previous entry must be the marked end of the log */
		st = db_prepare(db, "UPDATE ledger_entries SET tail = NULL WHERE seq = ? AND tail = 1");
		if (!st)
			return zerr_internal(e, db_errmsg(db));
		db_bind_int(st, 1, seq - 1);
		if ((rc = db_run(st)) != DB_OK)
			return db_zerr(db, rc, e);
		if (db_changes(st) != 1)
			return zerr_set(e, 500, "ledger_damaged",
					"账本条目 %lld 不是带末尾标记的最后一条，拒绝追加 (the log's end is damaged)",
					(long long)(seq - 1));
	}

	h = ctx_hasher(ctx, alg);
	buf_clear(&ctx->canon);
	if (!h || (state ? ledger_canonical_buf(&ctx->canon, state) : buf_add(&ctx->canon, "null", 4)) < 0 ||
	    salt_new(ctx, salt) < 0 ||
	    state_digest(h, salt, ctx->canon.data, ctx->canon.len, digest_hex) < 0 ||
	    ledger_leaf_build(&ctx->leaf, seq, now, actor, agency, action, obj_type, obj_id, digest_hex) < 0 ||
	    merkle_hash_leaf(h, ctx->leaf.data, ctx->leaf.len, lh) < 0)
		return zerr_internal(e, "ledger entry");
	hex_encode(salt, sizeof(salt), salt_hex);
	merkle_hex(lh, lh_hex);
	if (ctx->canon.cap > ((size_t)64 << 10)) /* an odd large state: do not keep its memory */
		buf_release(&ctx->canon);

	/* SQLite: not yet in the per-object index (ledger_obj covers obj_indexed = 1), so
	 * the append writes no page in the middle of that index; the block's last append
	 * marks the block below. PostgreSQL indexes the entry at once. */
	st = db_prepare(db, db_dialect(db) == DB_SQLITE
				    ? "INSERT INTO ledger_entries (seq, at, actor, agency, action, obj_type, obj_id,"
				      " salt, state_digest, leaf, leaf_hash, tail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
				    : "INSERT INTO ledger_entries (seq, at, actor, agency, action, obj_type, obj_id,"
				      " salt, state_digest, leaf, leaf_hash, tail, obj_indexed)"
				      " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1)");
	if (!st)
		return zerr_internal(e, db_errmsg(db));
	db_bind_int(st, 1, seq);
	db_bind_text(st, 2, now);
	db_bind_text(st, 3, actor);
	db_bind_text(st, 4, agency);
	db_bind_text(st, 5, action);
	db_bind_text(st, 6, obj_type);
	db_bind_text(st, 7, obj_id);
	db_bind_text(st, 8, salt_hex);
	db_bind_text(st, 9, digest_hex);
	db_bind_text(st, 10, ctx->leaf.data);
	db_bind_text(st, 11, lh_hex);
	if ((rc = db_run(st)) != DB_OK)
		return db_zerr(db, rc, e);
	if (nodes_close(db, h, seq) < 0)
		return zerr_internal(e, db_errmsg(db));
	/* SQLite: ledger_head.next is a floor raised at the first entry and at every
	 * checkpoint size, so that removing every entry (or more than the floor allows)
	 * is caught even though the per-entry count lives in the tail mark */
	if (db_dialect(db) == DB_SQLITE && (seq == 0 || (seq + 1) % LEDGER_CHECKPOINT_EVERY == 0)) {
		st = db_prepare(db, "UPDATE ledger_head SET next = ? WHERE id = 1 AND next < ?");
		if (!st)
			return zerr_internal(e, db_errmsg(db));
		db_bind_int(st, 1, seq + 1);
		db_bind_int(st, 2, seq + 1);
		if ((rc = db_run(st)) != DB_OK)
			return db_zerr(db, rc, e);
	}
	/* SQLite: the block of LEDGER_OBJ_BATCH entries this one completes enters the
	 * per-object index in one statement (migration 006) */
	if (db_dialect(db) == DB_SQLITE && (seq + 1) % LEDGER_OBJ_BATCH == 0) {
		st = db_prepare(db, "UPDATE ledger_entries SET obj_indexed = 1"
				    " WHERE seq > ? AND seq <= ? AND obj_indexed IS NULL");
		if (!st)
			return zerr_internal(e, db_errmsg(db));
		db_bind_int(st, 1, seq - LEDGER_OBJ_BATCH);
		db_bind_int(st, 2, seq);
		if ((rc = db_run(st)) != DB_OK)
			return db_zerr(db, rc, e);
	}
	if (g_signer && (seq + 1) % LEDGER_CHECKPOINT_EVERY == 0 &&
	    checkpoint_store(db, h, seq + 1, e) < 0)
		return -1;
	if (seq_r)
		*seq_r = seq;
	return 0;
}

/* ---- roots and proofs ---- */

enum tree_op { TREE_ROOT, TREE_INCLUSION, TREE_CONSISTENCY };

/* The one path of the tree questions: reads the head, checks the sizes against it
 * (field errors named as the API names them), then asks the store-backed tree.
 * ROOT: x = size, out[0] = root. INCLUSION: x = index, y = size. CONSISTENCY: x = first,
 * y = second. */
static int tree_ask(db_t *db, enum tree_op op, int64_t x, int64_t y,
		    uint8_t (*out)[MERKLE_HASH_LEN], size_t *n_r, struct zerr *e)
{
	struct store_src s = { db, NULL };
	struct merkle_src src;
	enum merkle_alg alg = MERKLE_SHA256;
	size_t unused = 0;
	int64_t n = 0;
	int rc;

	if (!n_r)
		n_r = &unused; /* a root has no count */
	if (head_read(db, &n, NULL, &alg, e) < 0)
		return -1;
	switch (op) {
	case TREE_ROOT:
		if (x < 0 || x > n)
			zerr_field(e, "tree_size", "树大小应在 0 到 %lld 之间 (beyond the log)", (long long)n);
		break;
	case TREE_INCLUSION:
		if (y < 1 || y > n)
			zerr_field(e, "tree_size", "tree_size 应在 1 到 %lld 之间 (beyond the log)", (long long)n);
		if (x < 0 || x >= y)
			zerr_field(e, "index", "index 应小于 tree_size (index outside the tree)");
		break;
	case TREE_CONSISTENCY:
		if (y < 0 || y > n)
			zerr_field(e, "second", "second 应在 0 到 %lld 之间 (beyond the log)", (long long)n);
		if (x < 0 || x > y)
			zerr_field(e, "first", "first 应在 0 到 second 之间 (first must not exceed second)");
		break;
	}
	if (zerr_isset(e))
		return -1;
	s.h = merkle_hasher_new(alg);
	if (!s.h)
		return zerr_oom(e);
	src = store_src_of(&s);
	if (op == TREE_ROOT)
		rc = merkle_root(s.h, &src, (uint64_t)x, out[0]);
	else if (op == TREE_INCLUSION)
		rc = merkle_inclusion_proof(s.h, &src, (uint64_t)x, (uint64_t)y, out, MERKLE_MAX_PROOF, n_r);
	else
		rc = merkle_consistency_proof(s.h, &src, (uint64_t)x, (uint64_t)y, out, MERKLE_MAX_PROOF, n_r);
	merkle_hasher_free(&s.h);
	return rc < 0 ? zerr_internal(e, "ledger tree") : 0;
}

int ledger_root(db_t *db, int64_t size, uint8_t root[MERKLE_HASH_LEN], struct zerr *e)
{
	return tree_ask(db, TREE_ROOT, size, 0, (uint8_t(*)[MERKLE_HASH_LEN])root, NULL, e);
}

int ledger_inclusion(db_t *db, int64_t index, int64_t size,
		     uint8_t (*path)[MERKLE_HASH_LEN], size_t *n_r, struct zerr *e)
{
	return tree_ask(db, TREE_INCLUSION, index, size, path, n_r, e);
}

int ledger_consistency(db_t *db, int64_t first, int64_t second,
		       uint8_t (*proof)[MERKLE_HASH_LEN], size_t *n_r, struct zerr *e)
{
	return tree_ask(db, TREE_CONSISTENCY, first, second, proof, n_r, e);
}

/* ---- settings, keys, checkpoints ---- */

int ledger_setting(db_t *db, const char *k, char *out, size_t outlen)
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
		return 1;
	}
	return rc == DB_OK ? 0 : -1;
}

static int setting_put(db_t *db, const char *k, const char *v)
{
	db_stmt_t *st = db_prepare(db, "INSERT INTO settings (k, v) VALUES (?, ?)"
				       " ON CONFLICT (k) DO UPDATE SET v = excluded.v");

	if (!st)
		return -1;
	db_bind_text(st, 1, k);
	db_bind_text(st, 2, v);
	return db_run(st) == DB_OK ? 0 : -1;
}

static void key_path(const char *dir, const char *file, char *out, size_t outlen)
{
	snprintf(out, outlen, "%s/%s", dir, file);
}

int ledger_setup(db_t *db, const char *data_dir, enum checkpoint_alg sig, struct zerr *e)
{
	char vkey[512], file[128], path[1024], origin[128], idhex[9];
	enum merkle_alg alg = sig == CHECKPOINT_SM2 ? MERKLE_SM3 : MERKLE_SHA256;
	char *pem = NULL, *vk = NULL;
	uint8_t id[4];
	int64_t n = 0;
	int fd = -1, ret = -1;
	size_t len;

	if (ledger_setting(db, "ledger.vkey", vkey, sizeof(vkey)) < 0)
		return zerr_internal(e, db_errmsg(db));
	if (vkey[0]) {
		if (ledger_setting(db, "ledger.keyfile", file, sizeof(file)) < 0)
			return zerr_internal(e, db_errmsg(db));
		key_path(data_dir, file, path, sizeof(path));
		if (access(path, R_OK) != 0)
			log_warn("ledger signing key %s is missing: checkpoints cannot be signed here", path);
		return 0;
	}
	if (head_read(db, &n, NULL, NULL, e) < 0)
		return -1;
	if (n > 0 && alg != MERKLE_SHA256)
		return zerr_set(e, 409, "conflict", "账本已有记录，不能再更换算法 (the log already has entries)");
	if (crypto_random(id, sizeof(id)) < 0)
		return zerr_internal(e, "random");
	hex_encode(id, sizeof(id), idhex);
	snprintf(origin, sizeof(origin), "zhifa.ledger/%s/%s", idhex, merkle_alg_name(alg));
	snprintf(file, sizeof(file), "ledger-%s.key", idhex);
	if (checkpoint_keygen(sig, origin, &pem, &vk, e) < 0)
		goto out;
	if (mkdir(data_dir, 0700) < 0 && errno != EEXIST) {
		zerr_set(e, 500, "internal", "无法创建数据目录 %s: %s", data_dir, strerror(errno));
		goto out;
	}
	key_path(data_dir, file, path, sizeof(path));
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	len = strlen(pem);
	if (fd < 0 || write(fd, pem, len) != (ssize_t)len || fsync(fd) < 0) {
		zerr_set(e, 500, "internal", "无法写入账本签名密钥 %s: %s", path, strerror(errno));
		goto out;
	}
	if (db_begin(db, 1) != DB_OK) {
		db_zerr(db, DB_RETRY, e);
		goto out;
	}
	if (setting_put(db, "ledger.origin", origin) < 0 || setting_put(db, "ledger.vkey", vk) < 0 ||
	    setting_put(db, "ledger.keyfile", file) < 0 ||
	    setting_put(db, "ledger.sig", sig == CHECKPOINT_SM2 ? "sm2" : "ed25519") < 0) {
		db_rollback(db);
		zerr_internal(e, db_errmsg(db));
		goto out;
	}
	{
		db_stmt_t *st = db_prepare(db, "UPDATE ledger_head SET hash_alg = ? WHERE id = 1");

		if (!st) {
			db_rollback(db);
			zerr_internal(e, db_errmsg(db));
			goto out;
		}
		db_bind_text(st, 1, merkle_alg_name(alg));
		if (db_run(st) != DB_OK || db_commit(db) != DB_OK) {
			db_rollback(db);
			zerr_internal(e, db_errmsg(db));
			goto out;
		}
	}
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	if (ret < 0 && fd >= 0)
		unlink(path);
	free(pem);
	free(vk);
	return ret;
}

int ledger_load_signer(db_t *db, const char *data_dir, struct zerr *e)
{
	char file[128], origin[128], path[1024], pem[8192];
	struct checkpoint_signer *s;
	FILE *f;
	size_t n;

	if (ledger_setting(db, "ledger.keyfile", file, sizeof(file)) <= 0 ||
	    ledger_setting(db, "ledger.origin", origin, sizeof(origin)) <= 0)
		return zerr_set(e, 500, "ledger_not_set_up", "账本尚未初始化，请先运行 zhifa init");
	key_path(data_dir, file, path, sizeof(path));
	f = fopen(path, "rb");
	if (!f)
		return zerr_set(e, 500, "ledger_key_missing", "找不到账本签名密钥 %s (signing key missing)", path);
	n = fread(pem, 1, sizeof(pem) - 1, f);
	fclose(f);
	pem[n] = '\0';
	s = checkpoint_signer_new(origin, pem, e);
	OPENSSL_cleanse(pem, sizeof(pem));
	if (!s)
		return -1;
	checkpoint_signer_free(&g_signer);
	g_signer = s;
	return 0;
}

/* Signs and stores the checkpoint of the first size entries (inside or outside a
 * transaction; a concurrent identical one wins harmlessly). */
static int checkpoint_store(db_t *db, struct merkle_hasher *h, int64_t size, struct zerr *e)
{
	struct store_src s = { db, h };
	struct merkle_src src = store_src_of(&s);
	uint8_t root[MERKLE_HASH_LEN];
	char hex[65], now[32], *note = NULL;
	size_t note_len;
	db_stmt_t *st;
	int ret = -1;

	if (merkle_root(h, &src, (uint64_t)size, root) < 0)
		return zerr_internal(e, "ledger root");
	if (checkpoint_sign(g_signer, checkpoint_signer_name(g_signer), (uint64_t)size, root, NULL,
			    &note, &note_len, e) < 0)
		return -1;
	merkle_hex(root, hex);
	utc_now_iso(now, sizeof(now), 0);
	st = db_prepare(db, "INSERT INTO ledger_checkpoints (tree_size, root_hash, note, created_at)"
			    " VALUES (?, ?, ?, ?) ON CONFLICT (tree_size) DO NOTHING");
	if (!st) {
		zerr_internal(e, db_errmsg(db));
		goto out;
	}
	db_bind_int(st, 1, size);
	db_bind_text(st, 2, hex);
	db_bind_text(st, 3, note);
	db_bind_text(st, 4, now);
	if (db_run(st) != DB_OK) {
		zerr_internal(e, db_errmsg(db));
		goto out;
	}
	ret = 0;
out:
	free(note);
	return ret;
}

/* Reads the stored checkpoint of the greatest size; 1 found, 0 none, -1 error. */
static int checkpoint_latest(db_t *db, int64_t *size_r, char root_hex[65], char **note_r)
{
	db_stmt_t *st = db_prepare(db, "SELECT tree_size, root_hash, note FROM ledger_checkpoints"
				       " ORDER BY tree_size DESC LIMIT 1");
	int rc;

	if (!st)
		return -1;
	rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_OK ? 0 : -1;
	*size_r = db_col_int(st, 0);
	snprintf(root_hex, 65, "%s", db_col_text(st, 1));
	*note_r = strdup(db_col_text(st, 2));
	db_run(st);
	return *note_r ? 1 : -1;
}

int ledger_checkpoint(db_t *db, int64_t *size_r, char root_hex[65], char **note_r,
		      struct zerr *e)
{
	struct merkle_hasher *h;
	enum merkle_alg alg = MERKLE_SHA256;
	int64_t n = 0, have = -1;
	int rc;

	*note_r = NULL;
	if (head_read(db, &n, NULL, &alg, e) < 0)
		return -1;
	rc = checkpoint_latest(db, &have, root_hex, note_r);
	if (rc < 0)
		return zerr_internal(e, db_errmsg(db));
	if (rc == 1 && have == n) {
		*size_r = have;
		return 0;
	}
	if (!g_signer) {
		if (rc == 1) { /* an older signed checkpoint is still a true statement */
			*size_r = have;
			return 0;
		}
		return zerr_set(e, 503, "no_signer", "本服务未加载账本签名密钥，无法签发检查点 (no signing key)");
	}
	free(*note_r);
	*note_r = NULL;
	h = merkle_hasher_new(alg);
	if (!h)
		return zerr_oom(e);
	rc = checkpoint_store(db, h, n, e);
	merkle_hasher_free(&h);
	if (rc < 0)
		return -1;
	rc = checkpoint_latest(db, &have, root_hex, note_r);
	if (rc != 1)
		return zerr_internal(e, db_errmsg(db));
	*size_r = have;
	return 0;
}
