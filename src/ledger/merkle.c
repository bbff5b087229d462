/* merkle.c: RFC 9162 §2.1 Merkle tree hashing, proofs and verifiers over a merkle_src,
 * a streaming compact range and an in-memory tree. */
#include "ledger/merkle.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

struct merkle_hasher {
	enum merkle_alg alg;
	EVP_MD *md;
	EVP_MD_CTX *ctx;
};

struct merkle_hasher *merkle_hasher_new(enum merkle_alg alg)
{
	struct merkle_hasher *h = calloc(1, sizeof(*h));

	if (!h)
		return NULL;
	h->alg = alg;
	h->md = EVP_MD_fetch(NULL, alg == MERKLE_SM3 ? "SM3" : "SHA256", NULL);
	h->ctx = EVP_MD_CTX_new();
	if (!h->md || !h->ctx || EVP_MD_get_size(h->md) != MERKLE_HASH_LEN)
		merkle_hasher_free(&h);
	return h;
}

void merkle_hasher_free(struct merkle_hasher **h)
{
	if (!*h)
		return;
	EVP_MD_CTX_free((*h)->ctx);
	EVP_MD_free((*h)->md);
	free(*h);
	*h = NULL;
}

enum merkle_alg merkle_hasher_alg(const struct merkle_hasher *h)
{
	return h->alg;
}

const char *merkle_alg_name(enum merkle_alg alg)
{
	return alg == MERKLE_SM3 ? "sm3" : "sha256";
}

/* One Init/Update/Final on the hasher's reused context: with the md already fetched,
 * OpenSSL 3 re-initialises the provider context in place, so no allocation per hash. */
static int digest(struct merkle_hasher *h, const void *a, size_t alen, const void *b,
		  size_t blen, uint8_t out[MERKLE_HASH_LEN])
{
	if (!EVP_DigestInit_ex(h->ctx, h->md, NULL))
		return -1;
	if (alen && !EVP_DigestUpdate(h->ctx, a, alen))
		return -1;
	if (blen && !EVP_DigestUpdate(h->ctx, b, blen))
		return -1;
	if (!EVP_DigestFinal_ex(h->ctx, out, NULL))
		return -1;
	return 0;
}

int merkle_hash_raw(struct merkle_hasher *h, const void *a, size_t alen, const void *b,
		    size_t blen, uint8_t out[MERKLE_HASH_LEN])
{
	return digest(h, a, alen, b, blen, out);
}

int merkle_hash_leaf(struct merkle_hasher *h, const void *data, size_t len,
		     uint8_t out[MERKLE_HASH_LEN])
{
	static const uint8_t zero = 0x00;

	return digest(h, &zero, 1, data, len, out);
}

int merkle_hash_children(struct merkle_hasher *h, const uint8_t left[MERKLE_HASH_LEN],
			 const uint8_t right[MERKLE_HASH_LEN], uint8_t out[MERKLE_HASH_LEN])
{
	uint8_t in[1 + 2 * MERKLE_HASH_LEN];

	/* One contiguous update is measurably faster than three small ones. */
	in[0] = 0x01;
	memcpy(in + 1, left, MERKLE_HASH_LEN);
	memcpy(in + 1 + MERKLE_HASH_LEN, right, MERKLE_HASH_LEN);
	return digest(h, in, sizeof(in), NULL, 0, out);
}

int merkle_hash_empty(struct merkle_hasher *h, uint8_t out[MERKLE_HASH_LEN])
{
	return digest(h, NULL, 0, NULL, 0, out);
}

/* The largest power of two strictly below n (n >= 2): RFC 9162's k. */
static uint64_t split_point(uint64_t n)
{
	return (uint64_t)1 << (63 - __builtin_clzll(n - 1));
}

/* MTH(D[start:start+len]), len >= 1. Every complete subtree that the RFC recursion
 * reaches is aligned (start is a multiple of its width), so it can come from the
 * source's cache when there is one. */
static int subtree(struct merkle_hasher *h, const struct merkle_src *src, uint64_t start,
		   uint64_t len, uint8_t out[MERKLE_HASH_LEN])
{
	uint8_t left[MERKLE_HASH_LEN], right[MERKLE_HASH_LEN];
	uint64_t k;

	if (len == 1)
		return src->leaf_hash(src->ctx, start, out) < 0 ? -1 : 0;
	if (src->subtree_hash && (len & (len - 1)) == 0 && start % len == 0) {
		unsigned level = (unsigned)__builtin_ctzll(len);
		int rc = src->subtree_hash(src->ctx, level, start >> level, out);

		if (rc < 0)
			return -1;
		if (rc == 1)
			return 0;
	}
	k = split_point(len);
	if (subtree(h, src, start, k, left) < 0 || subtree(h, src, start + k, len - k, right) < 0)
		return -1;
	return merkle_hash_children(h, left, right, out);
}

int merkle_root(struct merkle_hasher *h, const struct merkle_src *src, uint64_t size,
		uint8_t root[MERKLE_HASH_LEN])
{
	if (size == 0)
		return merkle_hash_empty(h, root);
	return subtree(h, src, 0, size, root);
}

struct proof_out {
	struct merkle_hasher *h;
	const struct merkle_src *src;
	uint8_t (*out)[MERKLE_HASH_LEN];
	size_t cap, n;
};

static int emit_subtree(struct proof_out *p, uint64_t start, uint64_t len)
{
	if (p->n == p->cap)
		return -1;
	if (subtree(p->h, p->src, start, len, p->out[p->n]) < 0)
		return -1;
	p->n++;
	return 0;
}

/* PATH(m, D[start:start+n]): the deeper levels first, then this level's sibling. */
static int path_rec(struct proof_out *p, uint64_t m, uint64_t start, uint64_t n)
{
	uint64_t k;

	if (n == 1)
		return 0;
	k = split_point(n);
	if (m < k) {
		if (path_rec(p, m, start, k) < 0)
			return -1;
		return emit_subtree(p, start + k, n - k);
	}
	if (path_rec(p, m - k, start + k, n - k) < 0)
		return -1;
	return emit_subtree(p, start, k);
}

int merkle_inclusion_proof(struct merkle_hasher *h, const struct merkle_src *src,
			   uint64_t index, uint64_t size,
			   uint8_t (*path)[MERKLE_HASH_LEN], size_t cap, size_t *n_r)
{
	struct proof_out p = { h, src, path, cap, 0 };

	*n_r = 0;
	if (index >= size)
		return -1;
	if (path_rec(&p, index, 0, size) < 0)
		return -1;
	*n_r = p.n;
	return 0;
}

/* SUBPROOF(m, D[start:start+n], b). */
static int subproof_rec(struct proof_out *p, uint64_t m, uint64_t start, uint64_t n, int b)
{
	uint64_t k;

	if (m == n)
		return b ? 0 : emit_subtree(p, start, n);
	k = split_point(n);
	if (m <= k) {
		if (subproof_rec(p, m, start, k, b) < 0)
			return -1;
		return emit_subtree(p, start + k, n - k);
	}
	if (subproof_rec(p, m - k, start + k, n - k, 0) < 0)
		return -1;
	return emit_subtree(p, start, k);
}

int merkle_consistency_proof(struct merkle_hasher *h, const struct merkle_src *src,
			     uint64_t m, uint64_t n,
			     uint8_t (*proof)[MERKLE_HASH_LEN], size_t cap, size_t *count_r)
{
	struct proof_out p = { h, src, proof, cap, 0 };

	*count_r = 0;
	if (m > n)
		return -1;
	if (m == 0 || m == n)
		return 0;
	if (subproof_rec(&p, m, 0, n, 1) < 0)
		return -1;
	*count_r = p.n;
	return 0;
}

int merkle_verify_inclusion(struct merkle_hasher *h, const uint8_t leaf_hash[MERKLE_HASH_LEN],
			    uint64_t index, uint64_t size,
			    const uint8_t (*path)[MERKLE_HASH_LEN], size_t n,
			    const uint8_t root[MERKLE_HASH_LEN])
{
	uint8_t r[MERKLE_HASH_LEN];
	uint64_t fn, sn;
	size_t i;

	if (index >= size || n > MERKLE_MAX_PROOF)
		return -1;
	fn = index;
	sn = size - 1;
	memcpy(r, leaf_hash, MERKLE_HASH_LEN);
	for (i = 0; i < n; i++) {
		if (sn == 0)
			return -1;
		if ((fn & 1) || fn == sn) {
			if (merkle_hash_children(h, path[i], r, r) < 0)
				return -1;
			if (!(fn & 1)) {
				while (fn != 0 && !(fn & 1)) {
					fn >>= 1;
					sn >>= 1;
				}
			}
		} else if (merkle_hash_children(h, r, path[i], r) < 0) {
			return -1;
		}
		fn >>= 1;
		sn >>= 1;
	}
	if (sn != 0 || memcmp(r, root, MERKLE_HASH_LEN) != 0)
		return -1;
	return 0;
}

int merkle_verify_consistency(struct merkle_hasher *h, uint64_t m, uint64_t n,
			      const uint8_t root1[MERKLE_HASH_LEN],
			      const uint8_t root2[MERKLE_HASH_LEN],
			      const uint8_t (*proof)[MERKLE_HASH_LEN], size_t count)
{
	uint8_t fr[MERKLE_HASH_LEN], sr[MERKLE_HASH_LEN];
	const uint8_t *c;
	uint64_t fn, sn;
	size_t i, total;
	int prepend;

	if (m > n || count > MERKLE_MAX_PROOF)
		return -1;
	if (m == n)
		return count == 0 && memcmp(root1, root2, MERKLE_HASH_LEN) == 0 ? 0 : -1;
	if (m == 0)
		return count == 0 ? 0 : -1;
	/* Step 1: an empty proof never proves 0 < m < n. */
	if (count == 0)
		return -1;
	/* Step 2: when m is a power of two, first_hash is the implied first element. */
	prepend = (m & (m - 1)) == 0;
	total = count + (size_t)prepend;
	fn = m - 1;
	sn = n - 1;
	while (fn & 1) {
		fn >>= 1;
		sn >>= 1;
	}
	c = prepend ? root1 : proof[0];
	memcpy(fr, c, MERKLE_HASH_LEN);
	memcpy(sr, c, MERKLE_HASH_LEN);
	for (i = 1; i < total; i++) {
		c = proof[i - (size_t)prepend];
		if (sn == 0)
			return -1;
		if ((fn & 1) || fn == sn) {
			if (merkle_hash_children(h, c, fr, fr) < 0 ||
			    merkle_hash_children(h, c, sr, sr) < 0)
				return -1;
			if (!(fn & 1)) {
				while (fn != 0 && !(fn & 1)) {
					fn >>= 1;
					sn >>= 1;
				}
			}
		} else if (merkle_hash_children(h, sr, c, sr) < 0) {
			return -1;
		}
		fn >>= 1;
		sn >>= 1;
	}
	if (sn != 0 || memcmp(fr, root1, MERKLE_HASH_LEN) != 0 ||
	    memcmp(sr, root2, MERKLE_HASH_LEN) != 0)
		return -1;
	return 0;
}

/* ---- streaming compact range ---- */

void merkle_stream_init(struct merkle_stream *s, struct merkle_hasher *h)
{
	s->h = h;
	s->size = 0;
}

int merkle_stream_push(struct merkle_stream *s, const uint8_t leaf_hash[MERKLE_HASH_LEN])
{
	uint8_t carry[MERKLE_HASH_LEN];
	unsigned k = 0;

	if (s->size == UINT64_MAX)
		return -1;
	memcpy(carry, leaf_hash, MERKLE_HASH_LEN);
	/* Each set low bit is a complete left sibling that the new node now completes. */
	while ((s->size >> k) & 1) {
		if (merkle_hash_children(s->h, s->node[k], carry, carry) < 0)
			return -1;
		k++;
	}
	memcpy(s->node[k], carry, MERKLE_HASH_LEN);
	s->size++;
	return 0;
}

int merkle_stream_push_entry(struct merkle_stream *s, const void *data, size_t len)
{
	uint8_t lh[MERKLE_HASH_LEN];

	if (merkle_hash_leaf(s->h, data, len, lh) < 0)
		return -1;
	return merkle_stream_push(s, lh);
}

/* Folds the complete subtrees of a compact range [0, size), smallest (rightmost)
 * first: the right edge of an RFC 6962 tree is exactly this chain. */
static int fold_range(struct merkle_hasher *h, uint64_t size,
		      const uint8_t *(*node)(const void *, unsigned), const void *ctx,
		      uint8_t root[MERKLE_HASH_LEN])
{
	unsigned k = (unsigned)__builtin_ctzll(size);

	memcpy(root, node(ctx, k), MERKLE_HASH_LEN);
	for (k++; k < 64; k++) {
		if (((size >> k) & 1) && merkle_hash_children(h, node(ctx, k), root, root) < 0)
			return -1;
	}
	return 0;
}

static const uint8_t *stream_node(const void *ctx, unsigned k)
{
	return ((const struct merkle_stream *)ctx)->node[k];
}

int merkle_stream_root(const struct merkle_stream *s, uint8_t root[MERKLE_HASH_LEN])
{
	if (s->size == 0)
		return merkle_hash_empty(s->h, root);
	return fold_range(s->h, s->size, stream_node, s, root);
}

/* ---- in-memory tree ---- */

struct merkle_level {
	uint8_t (*hash)[MERKLE_HASH_LEN];
	size_t len, cap;
};

struct merkle_mem {
	struct merkle_hasher *h;
	uint64_t size;
	struct merkle_level lv[64];
};

struct merkle_mem *merkle_mem_new(struct merkle_hasher *h)
{
	struct merkle_mem *t = calloc(1, sizeof(*t));

	if (t)
		t->h = h;
	return t;
}

void merkle_mem_free(struct merkle_mem **t)
{
	unsigned k;

	if (!*t)
		return;
	for (k = 0; k < 64; k++)
		free((*t)->lv[k].hash);
	free(*t);
	*t = NULL;
}

static int level_reserve(struct merkle_level *l)
{
	uint8_t (*p)[MERKLE_HASH_LEN];
	size_t cap;

	if (l->len < l->cap)
		return 0;
	cap = l->cap ? l->cap * 2 : 16;
	if (cap > SIZE_MAX / MERKLE_HASH_LEN)
		return -1;
	p = realloc(l->hash, cap * MERKLE_HASH_LEN);
	if (!p)
		return -1;
	l->hash = p;
	l->cap = cap;
	return 0;
}

int merkle_mem_append(struct merkle_mem *t, const uint8_t leaf_hash[MERKLE_HASH_LEN])
{
	uint64_t idx = t->size;
	unsigned k, top;

	if (idx == UINT64_MAX)
		return -1;
	top = (unsigned)__builtin_ctzll(~idx); /* levels 0..top gain a node */
	/* Reserve every level this append writes first, so a failure changes nothing. */
	for (k = 0; k <= top; k++) {
		if (level_reserve(&t->lv[k]) < 0)
			return -1;
	}
	memcpy(t->lv[0].hash[t->lv[0].len++], leaf_hash, MERKLE_HASH_LEN);
	for (k = 0; idx & 1; k++, idx >>= 1) {
		struct merkle_level *l = &t->lv[k], *up = &t->lv[k + 1];

		if (merkle_hash_children(t->h, l->hash[idx - 1], l->hash[idx],
					 up->hash[up->len]) < 0)
			goto fail;
		up->len++;
	}
	t->size++;
	return 0;
fail:
	/* Undo the partial append: level k holds size >> k complete nodes. */
	for (k = 0; k <= top; k++)
		t->lv[k].len = (size_t)(t->size >> k);
	return -1;
}

int merkle_mem_append_entry(struct merkle_mem *t, const void *data, size_t len)
{
	uint8_t lh[MERKLE_HASH_LEN];

	if (merkle_hash_leaf(t->h, data, len, lh) < 0)
		return -1;
	return merkle_mem_append(t, lh);
}

uint64_t merkle_mem_size(const struct merkle_mem *t)
{
	return t->size;
}

static const uint8_t *mem_node(const void *ctx, unsigned k)
{
	const struct merkle_mem *t = ctx;

	return t->lv[k].hash[(t->size >> k) - 1];
}

int merkle_mem_root(struct merkle_mem *t, uint8_t root[MERKLE_HASH_LEN])
{
	if (t->size == 0)
		return merkle_hash_empty(t->h, root);
	return fold_range(t->h, t->size, mem_node, t, root);
}

static int mem_leaf_hash(void *ctx, uint64_t index, uint8_t out[MERKLE_HASH_LEN])
{
	struct merkle_mem *t = ctx;

	if (index >= t->size)
		return -1;
	memcpy(out, t->lv[0].hash[index], MERKLE_HASH_LEN);
	return 0;
}

static int mem_subtree_hash(void *ctx, unsigned level, uint64_t index,
			    uint8_t out[MERKLE_HASH_LEN])
{
	struct merkle_mem *t = ctx;

	if (level >= 64 || index >= t->lv[level].len)
		return 0;
	memcpy(out, t->lv[level].hash[index], MERKLE_HASH_LEN);
	return 1;
}

struct merkle_src merkle_mem_src(struct merkle_mem *t)
{
	struct merkle_src s = { mem_leaf_hash, mem_subtree_hash, t };

	return s;
}

void merkle_hex(const uint8_t hash[MERKLE_HASH_LEN], char out[2 * MERKLE_HASH_LEN + 1])
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < MERKLE_HASH_LEN; i++) {
		out[2 * i] = digits[hash[i] >> 4];
		out[2 * i + 1] = digits[hash[i] & 15];
	}
	out[2 * MERKLE_HASH_LEN] = '\0';
}

/* hex digit values plus one, 0 for anything else (a table: verification unhexes
 * every leaf hash) */
static const unsigned char hexval1[256] = {
	['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5, ['5'] = 6, ['6'] = 7, ['7'] = 8,
	['8'] = 9, ['9'] = 10, ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15,
	['f'] = 16, ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

int merkle_unhex(const char *hex, uint8_t hash[MERKLE_HASH_LEN])
{
	size_t i;

	for (i = 0; i < MERKLE_HASH_LEN; i++) {
		int hi = hexval1[(unsigned char)hex[2 * i]], lo;

		if (!hi)
			return -1;
		lo = hexval1[(unsigned char)hex[2 * i + 1]];
		if (!lo)
			return -1;
		hash[i] = (uint8_t)((hi - 1) << 4 | (lo - 1));
	}
	return hex[2 * MERKLE_HASH_LEN] == '\0' ? 0 : -1;
}
