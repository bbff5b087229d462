/* merkle.h: the ledger's Merkle tree, exactly as RFC 6962 / RFC 9162 §2.1 define it.
 *
 *   leaf hash  = H(0x00 || entry bytes)
 *   node hash  = H(0x01 || left || right)
 *   empty tree = H("")
 *
 * H is SHA-256 by default or SM3; both give 32 bytes. One log uses one algorithm for
 * its whole life (the algorithm is part of the log's name), so a hasher is made once
 * per log and handed to every call.
 *
 * Storage-independent: the tree's leaves (and, optionally, cached hashes of complete
 * subtrees) are reached through `struct merkle_src`, which a store or the in-memory
 * tree below supplies. Nothing here allocates per leaf. */
#ifndef ZHIFA_LEDGER_MERKLE_H
#define ZHIFA_LEDGER_MERKLE_H

#include <stddef.h>
#include <stdint.h>

#define MERKLE_HASH_LEN 32
/* Longest inclusion or consistency proof for any tree of up to 2^64-1 leaves
 * (an inclusion path has at most 64 hashes, a consistency proof at most 65). */
#define MERKLE_MAX_PROOF 66

enum merkle_alg {
	MERKLE_SHA256 = 0,
	MERKLE_SM3 = 1
};

/* One hash algorithm and one reusable digest context. Not thread-safe: one per thread. */
struct merkle_hasher;

/* Makes a hasher for alg; NULL when out of memory or the algorithm is unavailable. */
struct merkle_hasher *merkle_hasher_new(enum merkle_alg alg);
/* Frees *h and sets it to NULL; harmless on NULL. */
void merkle_hasher_free(struct merkle_hasher **h);
enum merkle_alg merkle_hasher_alg(const struct merkle_hasher *h);
/* "sha256" or "sm3". */
const char *merkle_alg_name(enum merkle_alg alg);

/* out = H(a || b) with the hasher's algorithm, no domain prefix (for digests that are
 * not tree nodes, such as the ledger's state digest). 0 or -1. */
int merkle_hash_raw(struct merkle_hasher *h, const void *a, size_t alen, const void *b,
		    size_t blen, uint8_t out[MERKLE_HASH_LEN]);
/* out = H(0x00 || data). 0, or -1 on a digest failure. */
int merkle_hash_leaf(struct merkle_hasher *h, const void *data, size_t len,
		     uint8_t out[MERKLE_HASH_LEN]);
/* out = H(0x01 || left || right); out may alias left or right. 0 or -1. */
int merkle_hash_children(struct merkle_hasher *h, const uint8_t left[MERKLE_HASH_LEN],
			 const uint8_t right[MERKLE_HASH_LEN], uint8_t out[MERKLE_HASH_LEN]);
/* out = H(""), the root of the empty tree. 0 or -1. */
int merkle_hash_empty(struct merkle_hasher *h, uint8_t out[MERKLE_HASH_LEN]);

/* Where the tree's hashes come from.
 * leaf_hash (required): the leaf hash of leaf `index`; 0, or -1 on error.
 * subtree_hash (optional, may be NULL): the hash of the complete subtree at `level`,
 *   position `index`, covering leaves [index*2^level, (index+1)*2^level); 1 when it
 *   was supplied, 0 when not known (the caller then computes it from below), -1 on
 *   error. It is only asked for level >= 1 and for subtrees inside the tree size of
 *   the call. With it, a proof on a large log costs O(log^2 n) look-ups instead of
 *   rehashing O(n) leaves. */
struct merkle_src {
	int (*leaf_hash)(void *ctx, uint64_t index, uint8_t out[MERKLE_HASH_LEN]);
	int (*subtree_hash)(void *ctx, unsigned level, uint64_t index,
			    uint8_t out[MERKLE_HASH_LEN]);
	void *ctx;
};

/* The root (MTH) of the first `size` leaves of src; H("") when size is 0. 0 or -1. */
int merkle_root(struct merkle_hasher *h, const struct merkle_src *src, uint64_t size,
		uint8_t root[MERKLE_HASH_LEN]);

/* The inclusion proof PATH(index, D[size]) of RFC 9162 §2.1.3.1, leaf-side first,
 * into path[0..*n_r). Needs index < size; -1 when not, on a source error, or when
 * cap (the rows of path) is too small. MERKLE_MAX_PROOF rows always suffice. */
int merkle_inclusion_proof(struct merkle_hasher *h, const struct merkle_src *src,
			   uint64_t index, uint64_t size,
			   uint8_t (*path)[MERKLE_HASH_LEN], size_t cap, size_t *n_r);

/* The consistency proof PROOF(m, D[n]) of RFC 9162 §2.1.4.1 into proof[0..*count_r).
 * Needs m <= n; for m == 0 or m == n the proof is empty (count 0). -1 on bad sizes,
 * a source error or too small a cap (MERKLE_MAX_PROOF rows always suffice). */
int merkle_consistency_proof(struct merkle_hasher *h, const struct merkle_src *src,
			     uint64_t m, uint64_t n,
			     uint8_t (*proof)[MERKLE_HASH_LEN], size_t cap, size_t *count_r);

/* RFC 9162 §2.1.3.2: 0 when path proves that leaf_hash is leaf `index` of the tree of
 * `size` leaves whose root is `root`; -1 otherwise (including index >= size). */
int merkle_verify_inclusion(struct merkle_hasher *h, const uint8_t leaf_hash[MERKLE_HASH_LEN],
			    uint64_t index, uint64_t size,
			    const uint8_t (*path)[MERKLE_HASH_LEN], size_t n,
			    const uint8_t root[MERKLE_HASH_LEN]);

/* RFC 9162 §2.1.4.2: 0 when proof shows that the tree of m leaves with root root1 is a
 * prefix of the tree of n leaves with root root2; -1 otherwise. The edge cases follow
 * the reference verifier of transparency-dev/merkle: m > n fails; m == n needs an
 * empty proof and root1 == root2; m == 0 needs an empty proof (any roots). */
int merkle_verify_consistency(struct merkle_hasher *h, uint64_t m, uint64_t n,
			      const uint8_t root1[MERKLE_HASH_LEN],
			      const uint8_t root2[MERKLE_HASH_LEN],
			      const uint8_t (*proof)[MERKLE_HASH_LEN], size_t count);

/* A streaming tree ("compact range" [0, size)): takes leaf hashes in order and keeps
 * only the roots of its complete subtrees, one per set bit of size. O(1) amortised
 * hashing per leaf, no allocation; used by `zhifa ledger verify` to recompute the
 * root of a whole log. Plain struct: initialise in place. */
struct merkle_stream {
	struct merkle_hasher *h;
	uint64_t size;
	uint8_t node[64][MERKLE_HASH_LEN]; /* node[k] valid when bit k of size is set */
};

/* Initialises s empty, hashing with h (which must outlive s). */
void merkle_stream_init(struct merkle_stream *s, struct merkle_hasher *h);
/* Appends one leaf by its leaf hash. 0, or -1 on a digest failure or when full. */
int merkle_stream_push(struct merkle_stream *s, const uint8_t leaf_hash[MERKLE_HASH_LEN]);
/* Appends one leaf by its entry bytes (hashes them as a leaf first). 0 or -1. */
int merkle_stream_push_entry(struct merkle_stream *s, const void *data, size_t len);
/* The root of the leaves pushed so far; s is unchanged and may keep growing. 0 or -1. */
int merkle_stream_root(const struct merkle_stream *s, uint8_t root[MERKLE_HASH_LEN]);

/* An in-memory tree that keeps every complete node (about 2n hashes for n leaves).
 * Appending is O(log n) hashing worst case, O(1) amortised; the root of the current
 * size is O(log n); its merkle_src answers every complete subtree from memory, so
 * proofs cost O(log^2 n) hashes at most. For tests, caches and small logs. */
struct merkle_mem;

/* A new empty tree hashing with h (which must outlive it); NULL when out of memory. */
struct merkle_mem *merkle_mem_new(struct merkle_hasher *h);
/* Frees *t and sets it to NULL; harmless on NULL. */
void merkle_mem_free(struct merkle_mem **t);
/* Appends a leaf by its leaf hash. 0, or -1 when out of memory (t unchanged). */
int merkle_mem_append(struct merkle_mem *t, const uint8_t leaf_hash[MERKLE_HASH_LEN]);
/* Appends a leaf by its entry bytes. 0 or -1. */
int merkle_mem_append_entry(struct merkle_mem *t, const void *data, size_t len);
uint64_t merkle_mem_size(const struct merkle_mem *t);
/* The root of the current size. 0 or -1. */
int merkle_mem_root(struct merkle_mem *t, uint8_t root[MERKLE_HASH_LEN]);
/* A source over t for the proof functions (valid while t lives and for sizes up to
 * merkle_mem_size(t)). */
struct merkle_src merkle_mem_src(struct merkle_mem *t);

/* Writes the 64 lowercase hex digits of a hash and a NUL into out. */
void merkle_hex(const uint8_t hash[MERKLE_HASH_LEN], char out[2 * MERKLE_HASH_LEN + 1]);
/* Parses exactly 64 hex digits (either case) into hash. 0, or -1 when malformed. */
int merkle_unhex(const char *hex, uint8_t hash[MERKLE_HASH_LEN]);

#endif
