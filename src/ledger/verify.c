/* verify.c: `zhifa ledger verify` — recompute everything and name the first mismatch.
 * One pass over the entries in seq order (in batches, so memory stays flat on both
 * engines), a streaming tree that also checks each cached subtree as it completes,
 * the checkpoints at their sizes, then one pass over the objects' latest entries. */
#include <pthread.h>
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

	if (ledger_setting(v->db, "ledger.vkey", vkey, sizeof(vkey)) < 0)
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

/* One batch of the entries pass: the rows with seq in [first, first + count), each
 * rebuilt from its columns, compared with its stored leaf, hashed and compared with
 * its stored leaf hash; the hashes go to hs[]. Independent of the tree, so that two
 * threads can check alternate batches. 0; 1 with bad[] naming the first mismatch;
 * -1 with e set. *got_r: rows checked. */
struct batch_job {
	db_t *db;
	struct merkle_hasher *h;
	struct buf leaf;
	int64_t first, count, got, last; /* last: the index of the log's newest entry */
	int64_t indexed_below; /* entries below this must carry obj_indexed = 1 */
	uint8_t (*hs)[MERKLE_HASH_LEN];
	int rc;
	char bad[sizeof(((struct ledger_report *)0)->first_bad)];
	struct zerr e;
};

#define JBAD(j, ...) (snprintf((j)->bad, sizeof((j)->bad), __VA_ARGS__), 1)

static int batch_check(struct batch_job *j)
{
	db_stmt_t *st = db_prepare(j->db, "SELECT seq, at, actor, agency, action, obj_type, obj_id,"
					  " state_digest, leaf, leaf_hash, tail, obj_indexed FROM ledger_entries"
					  " WHERE seq >= ? AND seq < ? ORDER BY seq");
	uint8_t stored[MERKLE_HASH_LEN];
	int64_t seq = j->first;
	int rc;

	j->got = 0;
	if (!st)
		return zerr_internal(&j->e, db_errmsg(j->db));
	db_bind_int(st, 1, j->first);
	db_bind_int(st, 2, j->first + j->count);
	while ((rc = db_step(st)) == DB_ROW) {
		if (db_col_int(st, 0) != seq) {
			db_run(st);
			return JBAD(j, "账本条目 %lld 缺失 (entry missing)", (long long)seq);
		}
		if (ledger_leaf_build(&j->leaf, seq, db_col_text(st, 1), db_col_text(st, 2),
				      db_col_isnull(st, 3) ? NULL : db_col_text(st, 3), db_col_text(st, 4),
				      db_col_text(st, 5), db_col_text(st, 6), db_col_text(st, 7)) < 0) {
			db_run(st);
			return zerr_oom(&j->e);
		}
		if (strcmp(j->leaf.data, db_col_text(st, 8)) != 0) {
			db_run(st);
			return JBAD(j, "账本条目 %lld 的字段与叶子内容不符 (entry columns altered)", (long long)seq);
		}
		if (merkle_hash_leaf(j->h, j->leaf.data, j->leaf.len, j->hs[seq - j->first]) < 0 ||
		    merkle_unhex(db_col_text(st, 9), stored) < 0 ||
		    memcmp(j->hs[seq - j->first], stored, MERKLE_HASH_LEN) != 0) {
			db_run(st);
			return JBAD(j, "账本条目 %lld 的叶子哈希不符 (leaf hash altered)", (long long)seq);
		}
		/* the newest entry, and only it, carries the tail mark: a last entry without
		 * it means entries were removed from the end of the log */
		if (seq == j->last ? db_col_isnull(st, 10) || db_col_int(st, 10) != 1 : !db_col_isnull(st, 10)) {
			db_run(st);
			return seq == j->last
				       ? JBAD(j, "账本末尾条目 %lld 缺少末尾标记，其后的条目被删除 (entries removed from the end)",
					      (long long)seq)
				       : JBAD(j, "账本条目 %lld 不是最后一条却带末尾标记 (tail mark moved)", (long long)seq);
		}
		/* every entry before the newest block boundary is in the per-object index
		 * (migration 006): one taken out would be hidden from look-ups by object */
		if (seq < j->indexed_below && (db_col_isnull(st, 11) || db_col_int(st, 11) != 1)) {
			db_run(st);
			return JBAD(j, "账本条目 %lld 缺少对象索引标记 (entry taken out of the object index)",
				    (long long)seq);
		}
		seq++;
		j->got++;
	}
	if (rc != DB_OK)
		return db_zerr(j->db, rc, &j->e);
	return 0;
}

/* The second checker: takes the odd batches on its own connection. */
struct helper {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct batch_job job;
	int state; /* 0 idle, 1 job posted, 2 job done, 3 quit */
};

static void *helper_main(void *arg)
{
	struct helper *hp = arg;

	pthread_mutex_lock(&hp->mu);
	for (;;) {
		while (hp->state == 0 || hp->state == 2)
			pthread_cond_wait(&hp->cv, &hp->mu);
		if (hp->state == 3)
			break;
		pthread_mutex_unlock(&hp->mu);
		hp->job.rc = batch_check(&hp->job);
		pthread_mutex_lock(&hp->mu);
		hp->state = 2;
		pthread_cond_broadcast(&hp->cv);
	}
	pthread_mutex_unlock(&hp->mu);
	return NULL;
}

static void helper_post(struct helper *hp, int64_t first, int64_t count)
{
	pthread_mutex_lock(&hp->mu);
	hp->job.first = first;
	hp->job.count = count;
	hp->state = 1;
	pthread_cond_broadcast(&hp->cv);
	pthread_mutex_unlock(&hp->mu);
}

static void helper_wait(struct helper *hp)
{
	pthread_mutex_lock(&hp->mu);
	while (hp->state == 1)
		pthread_cond_wait(&hp->cv, &hp->mu);
	hp->state = 0;
	pthread_mutex_unlock(&hp->mu);
}

/* Pushes a checked batch into the tree in order; 0, 1 bad, -1 error. */
static int batch_take(struct verifier *v, struct batch_job *j, int64_t *seq, struct zerr *e)
{
	int64_t i;
	int rc;

	for (i = 0; i < j->got; i++) {
		if ((rc = push(v, j->hs[i])) != 0 || (rc = check_cps(v)) != 0)
			return rc < 0 ? zerr_internal(e, "hash") : 1;
		(*seq)++;
	}
	if (j->rc == 1) {
		snprintf(v->rep->first_bad, sizeof(v->rep->first_bad), "%s", j->bad);
		return 1;
	}
	if (j->rc < 0) {
		*e = j->e;
		j->e = (struct zerr)ZERR_INIT;
		return -1;
	}
	return 0;
}

static int entries(struct verifier *v, int64_t n, db_t *db2, struct zerr *e)
{
	struct batch_job mine = { .db = v->db, .h = v->h, .leaf = BUF_INIT(1 << 20), .last = n - 1,
				  .indexed_below = n / LEDGER_OBJ_BATCH * LEDGER_OBJ_BATCH, .e = ZERR_INIT };
	struct helper hp = { .state = 0 };
	int64_t seq = 0, next = 0;
	int ret = -1, helping = 0;

	mine.hs = malloc((size_t)BATCH * MERKLE_HASH_LEN);
	if (!mine.hs)
		return zerr_oom(e);
	if (db2 && n > BATCH) {
		hp.job = (struct batch_job){ .db = db2, .h = merkle_hasher_new(merkle_hasher_alg(v->h)), .last = n - 1,
					     .indexed_below = mine.indexed_below, .leaf = BUF_INIT(1 << 20), .e = ZERR_INIT };
		hp.job.hs = malloc((size_t)BATCH * MERKLE_HASH_LEN);
		pthread_mutex_init(&hp.mu, NULL);
		pthread_cond_init(&hp.cv, NULL);
		if (hp.job.h && hp.job.hs && pthread_create(&hp.th, NULL, helper_main, &hp) == 0)
			helping = 1;
		else
			pthread_mutex_destroy(&hp.mu), pthread_cond_destroy(&hp.cv);
	}
	ret = check_cps(v); /* a checkpoint of the empty tree */
	if (ret != 0)
		goto out;
	/* batch k covers [k * BATCH, (k+1) * BATCH); with a helper, this thread checks the
	 * even batches and the helper the odd ones, and the tree takes them in order */
	while (next < n) {
		int64_t c1 = n - next < BATCH ? n - next : BATCH, c2 = 0;

		if (helping && next + c1 < n) {
			c2 = n - next - c1 < BATCH ? n - next - c1 : BATCH;
			helper_post(&hp, next + c1, c2);
		}
		mine.first = next;
		mine.count = c1;
		mine.rc = batch_check(&mine);
		ret = batch_take(v, &mine, &seq, e);
		if (c2)
			helper_wait(&hp);
		if (ret != 0)
			goto out;
		if (mine.got < c1)
			break; /* the log ends early */
		if (c2) {
			ret = batch_take(v, &hp.job, &seq, e);
			if (ret != 0)
				goto out;
			if (hp.job.got < c2)
				break;
		}
		next += c1 + c2;
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
	if (helping) {
		pthread_mutex_lock(&hp.mu);
		hp.state = 3;
		pthread_cond_broadcast(&hp.cv);
		pthread_mutex_unlock(&hp.mu);
		pthread_join(hp.th, NULL);
		pthread_mutex_destroy(&hp.mu);
		pthread_cond_destroy(&hp.cv);
	}
	if (db2 && n > BATCH) {
		merkle_hasher_free(&hp.job.h);
		free(hp.job.hs);
		buf_release(&hp.job.leaf);
		zerr_clear(&hp.job.e);
	}
	free(mine.hs);
	buf_release(&mine.leaf);
	zerr_clear(&mine.e);
	return ret;
}

/* Compares one object's current state with the digest its latest entry (seq) holds.
 * 0, 1 (bad), -1 (error). */
static int object_check(struct verifier *v, ledger_state_loader load, enum merkle_alg alg,
			const char *type, const char *id, int64_t seq, struct zerr *e)
{
	char salt_hex[40] = "", digest[65] = "", now[65];
	db_stmt_t *st = db_prepare(v->db, "SELECT salt, state_digest FROM ledger_entries WHERE seq = ?");
	json_t *state = NULL;
	char *canon = NULL;
	uint8_t salt[16];
	int rc, lr;

	if (!st)
		return zerr_internal(e, db_errmsg(v->db));
	db_bind_int(st, 1, seq);
	rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_OK ? BAD(v, "账本条目 %lld 缺失 (entry missing)", (long long)seq)
				   : db_zerr(v->db, rc, e);
	snprintf(salt_hex, sizeof(salt_hex), "%s", db_col_text(st, 0));
	snprintf(digest, sizeof(digest), "%s", db_col_text(st, 1));
	db_run(st);
	lr = load(v->db, type, id, &state, e);
	if (lr < 0) {
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
		return BAD(v, "对象 %s/%s 的当前数据与账本最后一条记录不符 (record altered outside the program)",
			   type, id);
	}
	free(canon);
	v->rep->objects++;
	return 0;
}

struct obj {
	char type[64], id[128];
	int64_t seq;
	int seen;
};

static int obj_cmp(const void *a, const void *b)
{
	const struct obj *x = a, *y = b;
	int c = strcmp(x->type, y->type);

	return c ? c : strcmp(x->id, y->id);
}

/* Reads one (obj_type, obj_id, seq) row into o; 1 (bad) when an id is too long. */
static int obj_read(struct verifier *v, db_stmt_t *st, struct obj *o)
{
	if (snprintf(o->type, sizeof(o->type), "%s", db_col_text(st, 0)) >= (int)sizeof(o->type) ||
	    snprintf(o->id, sizeof(o->id), "%s", db_col_text(st, 1)) >= (int)sizeof(o->id))
		return BAD(v, "对象 %.60s/%.100s 的标识过长 (object id too long)", db_col_text(st, 0),
			   db_col_text(st, 1));
	o->seq = db_col_int(st, 2);
	o->seen = 0;
	return 0;
}

/* Compares each recorded object's current state with its latest entry. The latest
 * entry of every object comes from the per-object index alone (entries with
 * obj_indexed = 1), one row per object (a covering scan), in batches; the newest
 * entries not yet in the index (at most LEDGER_OBJ_BATCH, read first and sorted) take
 * precedence; then one look-up per object. */
static int objects(struct verifier *v, int64_t n, ledger_state_loader load, enum merkle_alg alg,
		   struct zerr *e)
{
	struct obj *batch = malloc(sizeof(*batch) * BATCH / 16), *tail = NULL, *t;
	char ltype[64] = "", lid[128] = "";
	int64_t got, i, ntail = 0;
	int rc, ret = -1, first = 1;
	db_stmt_t *st;

	if (!batch)
		return zerr_oom(e);
	st = db_prepare(v->db, "SELECT obj_type, obj_id, MAX(seq) FROM ledger_entries"
			       " WHERE seq >= ? AND obj_indexed IS NULL GROUP BY obj_type, obj_id");
	if (!st) {
		zerr_internal(e, db_errmsg(v->db));
		goto out;
	}
	db_bind_int(st, 1, n - LEDGER_OBJ_BATCH);
	tail = malloc(sizeof(*tail) * LEDGER_OBJ_BATCH);
	if (!tail) {
		db_run(st);
		zerr_oom(e);
		goto out;
	}
	ret = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		if (ntail == LEDGER_OBJ_BATCH || (ret = obj_read(v, st, &tail[ntail++])) != 0) {
			db_run(st);
			if (ret == 0)
				ret = BAD(v, "账本末尾未索引的条目过多 (entries missing from the object index)");
			goto out;
		}
	}
	ret = -1;
	if (rc != DB_OK) {
		ret = db_zerr(v->db, rc, e);
		goto out;
	}
	qsort(tail, (size_t)ntail, sizeof(*tail), obj_cmp);
	for (;;) {
		/* the batch is read completely before any object is loaded, so that the
		 * scan is never interleaved with the loader's statements */
		st = first ? db_prepare(v->db, "SELECT obj_type, obj_id, MAX(seq) FROM ledger_entries"
					       " WHERE obj_indexed = 1"
					       " GROUP BY obj_type, obj_id ORDER BY obj_type, obj_id LIMIT ?")
			   : db_prepare(v->db, "SELECT obj_type, obj_id, MAX(seq) FROM ledger_entries"
					       " WHERE obj_indexed = 1 AND (obj_type, obj_id) > (?, ?)"
					       " GROUP BY obj_type, obj_id ORDER BY obj_type, obj_id LIMIT ?");
		if (!st) {
			zerr_internal(e, db_errmsg(v->db));
			goto out;
		}
		if (!first) {
			db_bind_text(st, 1, ltype);
			db_bind_text(st, 2, lid);
		}
		db_bind_int(st, first ? 1 : 3, BATCH / 16);
		got = 0;
		while ((rc = db_step(st)) == DB_ROW) {
			if ((ret = obj_read(v, st, &batch[got++])) != 0) {
				db_run(st);
				goto out;
			}
		}
		ret = -1;
		if (rc != DB_OK) {
			ret = db_zerr(v->db, rc, e);
			goto out;
		}
		for (i = 0; i < got; i++) {
			t = ntail ? bsearch(&batch[i], tail, (size_t)ntail, sizeof(*tail), obj_cmp) : NULL;
			if (t) { /* its newest entries are not indexed yet */
				t->seen = 1;
				if (t->seq > batch[i].seq)
					batch[i].seq = t->seq;
			}
			if ((ret = object_check(v, load, alg, batch[i].type, batch[i].id, batch[i].seq, e)) != 0)
				goto out;
		}
		if (got < BATCH / 16)
			break;
		snprintf(ltype, sizeof(ltype), "%s", batch[got - 1].type);
		snprintf(lid, sizeof(lid), "%s", batch[got - 1].id);
		first = 0;
	}
	for (i = 0; i < ntail; i++) /* objects recorded only since the last block */
		if (!tail[i].seen &&
		    (ret = object_check(v, load, alg, tail[i].type, tail[i].id, tail[i].seq, e)) != 0)
			goto out;
	ret = 0;
out:
	free(batch);
	free(tail);
	return ret;
}

int ledger_verify(db_t *db, ledger_state_loader load, struct ledger_report *rep, struct zerr *e)
{
	return ledger_verify2(db, NULL, load, rep, e);
}

int ledger_verify2(db_t *db, db_t *db2, ledger_state_loader load, struct ledger_report *rep,
		   struct zerr *e)
{
	struct verifier v = { .db = db, .rep = rep };
	enum merkle_alg alg = MERKLE_SHA256;
	int64_t n = 0, floor = 0;
	size_t i;
	int ret = -1;

	memset(rep, 0, sizeof(*rep));
	if (ledger_extent(db, &n, &floor, e) < 0 || ledger_hash_alg(db, &alg, e) < 0)
		return -1;
	if (n < floor) { /* more removed from the end than the tail mark can show */
		(void)BAD(&v, "账本应至少有 %lld 条，实有 %lld 条 (entries removed from the end)", (long long)floor,
		    (long long)n);
		return 1;
	}
	v.h = merkle_hasher_new(alg);
	if (!v.h)
		return zerr_oom(e);
	merkle_stream_init(&v.st, v.h);
	if ((ret = load_nodes(&v, (uint64_t)n, e)) != 0 || (ret = load_checkpoints(&v, e)) != 0 ||
	    (ret = entries(&v, n, db2, e)) != 0 || (ret = objects(&v, n, load, alg, e)) != 0)
		goto out;
	ret = 0;
out:
	for (i = 0; i < sizeof(v.lv) / sizeof(v.lv[0]); i++)
		free(v.lv[i].h);
	free(v.cps);
	merkle_hasher_free(&v.h);
	return ret;
}
