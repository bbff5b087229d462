/* Tests of the ledger's Merkle tree: the transparency-dev/merkle known answers, a naive
 * reference written straight from RFC 9162 §2.1 for every size up to 256, and
 * mutations of every proof that must fail. */
#include "ledger/merkle.h"

#include <openssl/evp.h>
#include <stdlib.h>

#include "t.h"

#define H MERKLE_HASH_LEN

static void unhex_any(const char *hex, uint8_t *out, size_t *len_r)
{
	size_t i, n = strlen(hex) / 2;

	for (i = 0; i < n; i++) {
		unsigned v;

		sscanf(hex + 2 * i, "%2x", &v);
		out[i] = (uint8_t)v;
	}
	*len_r = n;
}

static void unhex32(const char *hex, uint8_t out[H])
{
	size_t n;

	unhex_any(hex, out, &n);
}

/* ---- transparency-dev/merkle testonly/constants.go and proof/verify_test.go ---- */

static const char *const kat_leaves[8] = {
	"", "00", "10", "2021", "3031", "40414243", "5051525354555657",
	"606162636465666768696a6b6c6d6e6f",
};

static const char *const kat_nodes[4][8] = {
	{ "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
	  "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
	  "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
	  "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
	  "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
	  "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
	  "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
	  "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1" },
	{ "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
	  "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
	  "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
	  "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0" },
	{ "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
	  "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" },
	{ "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328" },
};

static const char *const kat_roots[9] = {
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	"6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
	"fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
	"aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
	"d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
	"4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
	"76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
	"ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
	"5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
};

struct kat_proof {
	uint64_t a, b; /* inclusion: leaf index (0-based), size; consistency: m, n */
	size_t n;
	const char *hash[3];
};

static const struct kat_proof kat_inclusion[] = {
	{ 0, 1, 0, { NULL } },
	{ 0, 8, 3, { "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
		     "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
		     "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" } },
	{ 5, 8, 3, { "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
		     "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
		     "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" } },
	{ 2, 3, 1, { "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125" } },
	{ 1, 5, 3, { "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
		     "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
		     "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" } },
};

static const struct kat_proof kat_consistency[] = {
	{ 1, 1, 0, { NULL } },
	{ 1, 8, 3, { "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
		     "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
		     "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4" } },
	{ 6, 8, 3, { "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
		     "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
		     "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" } },
	{ 2, 5, 2, { "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
		     "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b" } },
	{ 6, 7, 3, { "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
		     "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
		     "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7" } },
};

static struct merkle_mem *kat_tree(struct merkle_hasher *h)
{
	struct merkle_mem *t = merkle_mem_new(h);
	uint8_t data[16];
	size_t i, n;

	for (i = 0; t && i < 8; i++) {
		unhex_any(kat_leaves[i], data, &n);
		if (merkle_mem_append_entry(t, data, n) < 0)
			merkle_mem_free(&t);
	}
	return t;
}

TEST(merkle_kat_leaf_and_node_hashes)
{
	struct merkle_hasher *h = merkle_hasher_new(MERKLE_SHA256);
	struct merkle_mem *t = kat_tree(h);
	struct merkle_src src;
	uint8_t got[H], want[H];
	unsigned level;
	uint64_t i;

	CHECK(t);
	src = merkle_mem_src(t);
	for (i = 0; i < 8; i++) {
		CHECK_INT(src.leaf_hash(src.ctx, i, got), 0);
		unhex32(kat_nodes[0][i], want);
		CHECK(memcmp(got, want, H) == 0);
	}
	for (level = 1; level <= 3; level++) {
		for (i = 0; i < (8u >> level); i++) {
			CHECK_INT(src.subtree_hash(src.ctx, level, i, got), 1);
			unhex32(kat_nodes[level][i], want);
			CHECK(memcmp(got, want, H) == 0);
		}
	}
	merkle_mem_free(&t);
	merkle_hasher_free(&h);
}

/* A source with no subtree cache that reads the in-memory tree's leaves only. */
static int leaves_only(void *ctx, uint64_t index, uint8_t out[H])
{
	struct merkle_src s = merkle_mem_src(ctx);

	return s.leaf_hash(s.ctx, index, out);
}

TEST(merkle_kat_roots_sizes_0_to_8_every_way)
{
	struct merkle_hasher *h = merkle_hasher_new(MERKLE_SHA256);
	struct merkle_mem *t = merkle_mem_new(h), *full = kat_tree(h);
	struct merkle_src plain = { leaves_only, NULL, full }, cached;
	struct merkle_stream st;
	uint8_t got[H], want[H], data[16];
	char hex[2 * H + 1];
	size_t n;
	uint64_t size;

	CHECK(t && full);
	cached = merkle_mem_src(full);
	merkle_stream_init(&st, h);
	for (size = 0; size <= 8; size++) {
		unhex32(kat_roots[size], want);
		CHECK_INT(merkle_mem_root(t, got), 0);
		CHECK(memcmp(got, want, H) == 0);
		CHECK_INT(merkle_stream_root(&st, got), 0);
		merkle_hex(got, hex);
		CHECK_STR(hex, kat_roots[size]);
		CHECK_INT(merkle_root(h, &plain, size, got), 0);
		CHECK(memcmp(got, want, H) == 0);
		CHECK_INT(merkle_root(h, &cached, size, got), 0);
		CHECK(memcmp(got, want, H) == 0);
		if (size < 8) {
			unhex_any(kat_leaves[size], data, &n);
			CHECK_INT(merkle_mem_append_entry(t, data, n), 0);
			CHECK_INT(merkle_stream_push_entry(&st, data, n), 0);
		}
	}
	merkle_mem_free(&t);
	merkle_mem_free(&full);
	merkle_hasher_free(&h);
}

static void load_proof(const struct kat_proof *k, uint8_t (*p)[H])
{
	size_t i;

	for (i = 0; i < k->n; i++)
		unhex32(k->hash[i], p[i]);
}

TEST(merkle_kat_inclusion_proofs_generated_and_verified)
{
	struct merkle_hasher *h = merkle_hasher_new(MERKLE_SHA256);
	struct merkle_mem *t = kat_tree(h);
	struct merkle_src src;
	uint8_t want[MERKLE_MAX_PROOF][H], got[MERKLE_MAX_PROOF][H], root[H], leaf[H];
	size_t i, n;

	CHECK(t);
	src = merkle_mem_src(t);
	for (i = 0; i < sizeof(kat_inclusion) / sizeof(kat_inclusion[0]); i++) {
		const struct kat_proof *k = &kat_inclusion[i];

		load_proof(k, want);
		CHECK_INT(merkle_inclusion_proof(h, &src, k->a, k->b, got, MERKLE_MAX_PROOF, &n), 0);
		CHECK_INT(n, k->n);
		CHECK(n == 0 || memcmp(got, want, n * H) == 0);
		unhex32(kat_roots[k->b], root);
		unhex32(kat_nodes[0][k->a], leaf);
		CHECK_INT(merkle_verify_inclusion(h, leaf, k->a, k->b,
						  (const uint8_t (*)[H])want, k->n, root), 0);
	}
	/* Index 0 of the empty tree has no proof. */
	CHECK_INT(merkle_inclusion_proof(h, &src, 0, 0, got, MERKLE_MAX_PROOF, &n), -1);
	merkle_mem_free(&t);
	merkle_hasher_free(&h);
}

TEST(merkle_kat_consistency_proofs_generated_and_verified)
{
	struct merkle_hasher *h = merkle_hasher_new(MERKLE_SHA256);
	struct merkle_mem *t = kat_tree(h);
	struct merkle_src src;
	uint8_t want[MERKLE_MAX_PROOF][H], got[MERKLE_MAX_PROOF][H], r1[H], r2[H];
	size_t i, n;

	CHECK(t);
	src = merkle_mem_src(t);
	for (i = 0; i < sizeof(kat_consistency) / sizeof(kat_consistency[0]); i++) {
		const struct kat_proof *k = &kat_consistency[i];

		load_proof(k, want);
		CHECK_INT(merkle_consistency_proof(h, &src, k->a, k->b, got, MERKLE_MAX_PROOF, &n), 0);
		CHECK_INT(n, k->n);
		CHECK(n == 0 || memcmp(got, want, n * H) == 0);
		unhex32(kat_roots[k->a], r1);
		unhex32(kat_roots[k->b], r2);
		CHECK_INT(merkle_verify_consistency(h, k->a, k->b, r1, r2,
						    (const uint8_t (*)[H])want, k->n), 0);
	}
	merkle_mem_free(&t);
	merkle_hasher_free(&h);
}

/* The corrupted probes of transparency-dev/merkle proof/verify_test.go. */
TEST(merkle_kat_corrupted_inclusion_probes_fail)
{
	struct merkle_hasher *h = merkle_hasher_new(MERKLE_SHA256);
	uint8_t p[MERKLE_MAX_PROOF][H], q[MERKLE_MAX_PROOF][H], root[H], leaf[H], empty[H], some[H];
	size_t i, j;

	unhex32("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", empty);
	unhex32("abacaba000000000000000000000000000000000000000000060061e00123456", some);
	for (i = 1; i < sizeof(kat_inclusion) / sizeof(kat_inclusion[0]); i++) {
		const struct kat_proof *k = &kat_inclusion[i];
		const uint8_t (*cp)[H] = (const uint8_t (*)[H])p;
		uint64_t x = k->a, s = k->b;

		load_proof(k, p);
		unhex32(kat_roots[s], root);
		unhex32(kat_nodes[0][x], leaf);
		CHECK_INT(merkle_verify_inclusion(h, leaf, x, s, cp, k->n, root), 0);
		CHECK_INT(merkle_verify_inclusion(h, leaf, x - 1, s, cp, k->n, root), -1);
		CHECK_INT(merkle_verify_inclusion(h, leaf, x + 1, s, cp, k->n, root), -1);
		CHECK_INT(merkle_verify_inclusion(h, leaf, x ^ 2, s, cp, k->n, root), -1);
		CHECK_INT(merkle_verify_inclusion(h, leaf, x, s * 2, cp, k->n, root), -1);
		CHECK_INT(merkle_verify_inclusion(h, leaf, x, s / 2, cp, k->n, root), -1);
		CHECK_INT(merkle_verify_inclusion(h, some, x, s, cp, k->n, root), -1);
		CHECK_INT(merkle_verify_inclusion(h, leaf, x, s, cp, k->n, empty), -1);
		CHECK_INT(merkle_verify_inclusion(h, leaf, x, s, cp, k->n, some), -1);
		/* trailing / preceding root, removed and inserted components */
		memcpy(q, p, k->n * H);
		memcpy(q[k->n], root, H);
		CHECK_INT(merkle_verify_inclusion(h, leaf, x, s, (const uint8_t (*)[H])q, k->n + 1, root), -1);
		memcpy(q[0], root, H);
		memcpy(q + 1, p, k->n * H);
		CHECK_INT(merkle_verify_inclusion(h, leaf, x, s, (const uint8_t (*)[H])q, k->n + 1, root), -1);
		CHECK_INT(merkle_verify_inclusion(h, leaf, x, s, cp, k->n - 1, root), -1);
		for (j = 0; j < k->n; j++) {
			memcpy(q, p, k->n * H);
			q[j][0] ^= 8;
			CHECK_INT(merkle_verify_inclusion(h, leaf, x, s, (const uint8_t (*)[H])q, k->n, root), -1);
		}
	}
	merkle_hasher_free(&h);
}

TEST(merkle_kat_consistency_edge_cases_and_probes)
{
	struct merkle_hasher *h = merkle_hasher_new(MERKLE_SHA256);
	uint8_t a[H] = "don't care 1", b[H] = "don't care 2", empty[H];
	uint8_t p[MERKLE_MAX_PROOF][H], q[MERKLE_MAX_PROOF][H], r1[H], r2[H];
	const uint8_t (*ep)[H] = (const uint8_t (*)[H])&empty;
	size_t i, j;

	unhex32(kat_roots[0], empty);
	CHECK_INT(merkle_verify_consistency(h, 0, 0, a, b, NULL, 0), -1);
	CHECK_INT(merkle_verify_consistency(h, 1, 1, a, b, NULL, 0), -1);
	CHECK_INT(merkle_verify_consistency(h, 0, 0, a, a, NULL, 0), 0);
	CHECK_INT(merkle_verify_consistency(h, 0, 1, a, b, NULL, 0), 0);
	CHECK_INT(merkle_verify_consistency(h, 1, 1, b, b, NULL, 0), 0);
	CHECK_INT(merkle_verify_consistency(h, 1, 0, a, b, NULL, 0), -1);
	CHECK_INT(merkle_verify_consistency(h, 2, 1, a, b, NULL, 0), -1);
	CHECK_INT(merkle_verify_consistency(h, 1, 2, a, b, NULL, 0), -1);
	CHECK_INT(merkle_verify_consistency(h, 0, 0, empty, b, NULL, 0), -1);
	CHECK_INT(merkle_verify_consistency(h, 1, 1, empty, b, NULL, 0), -1);
	CHECK_INT(merkle_verify_consistency(h, 0, 0, empty, empty, ep, 1), -1);
	CHECK_INT(merkle_verify_consistency(h, 0, 1, empty, empty, ep, 1), -1);
	CHECK_INT(merkle_verify_consistency(h, 1, 1, empty, empty, ep, 1), -1);

	for (i = 1; i < sizeof(kat_consistency) / sizeof(kat_consistency[0]); i++) {
		const struct kat_proof *k = &kat_consistency[i];
		const uint8_t (*cp)[H] = (const uint8_t (*)[H])p;
		const uint8_t (*cq)[H] = (const uint8_t (*)[H])q;
		uint64_t m = k->a, n = k->b;

		load_proof(k, p);
		unhex32(kat_roots[m], r1);
		unhex32(kat_roots[n], r2);
		CHECK_INT(merkle_verify_consistency(h, m, n, r1, r2, cp, k->n), 0);
		CHECK_INT(merkle_verify_consistency(h, m - 1, n, r1, r2, cp, k->n), -1);
		CHECK_INT(merkle_verify_consistency(h, m + 1, n, r1, r2, cp, k->n), -1);
		CHECK_INT(merkle_verify_consistency(h, m ^ 2, n, r1, r2, cp, k->n), -1);
		CHECK_INT(merkle_verify_consistency(h, m, n * 2, r1, r2, cp, k->n), -1);
		CHECK_INT(merkle_verify_consistency(h, m, n / 2, r1, r2, cp, k->n), -1);
		CHECK_INT(merkle_verify_consistency(h, m, n, a, r2, cp, k->n), -1);
		CHECK_INT(merkle_verify_consistency(h, m, n, r1, a, cp, k->n), -1);
		CHECK_INT(merkle_verify_consistency(h, m, n, r2, r1, cp, k->n), -1);
		CHECK_INT(merkle_verify_consistency(h, m, n, r1, r2, cp, 0), -1);
		CHECK_INT(merkle_verify_consistency(h, m, n, r1, r2, cp, k->n - 1), -1);
		memcpy(q, p, k->n * H);
		memcpy(q[k->n], r1, H);
		CHECK_INT(merkle_verify_consistency(h, m, n, r1, r2, cq, k->n + 1), -1);
		memcpy(q[k->n], r2, H);
		CHECK_INT(merkle_verify_consistency(h, m, n, r1, r2, cq, k->n + 1), -1);
		memcpy(q[0], r1, H);
		memcpy(q + 1, p, k->n * H);
		CHECK_INT(merkle_verify_consistency(h, m, n, r1, r2, cq, k->n + 1), -1);
		memcpy(q[0], r2, H);
		CHECK_INT(merkle_verify_consistency(h, m, n, r1, r2, cq, k->n + 1), -1);
		memcpy(q[0], p[0], H);
		CHECK_INT(merkle_verify_consistency(h, m, n, r1, r2, cq, k->n + 1), -1);
		for (j = 0; j < k->n; j++) {
			memcpy(q, p, k->n * H);
			q[j][0] ^= 16;
			CHECK_INT(merkle_verify_consistency(h, m, n, r1, r2, cq, k->n), -1);
		}
	}
	merkle_hasher_free(&h);
}

/* ---- a naive reference, straight from RFC 9162 §2.1, over 256 fixed leaves ---- */

#define REF_N 256

struct ref {
	uint8_t leaf[REF_N][H];
	uint8_t mth[REF_N + 1][REF_N + 1][H]; /* memo of MTH(D[start:start+len]) */
	uint8_t known[REF_N + 1][REF_N + 1];
};

struct ref_proof {
	size_t n;
	uint8_t h[MERKLE_MAX_PROOF][H];
};

static void sha256_cat(const uint8_t *a, size_t alen, const uint8_t *b, size_t blen,
		       const uint8_t *c, size_t clen, uint8_t out[H])
{
	uint8_t buf[1 + 2 * H + 32];

	memcpy(buf, a, alen);
	memcpy(buf + alen, b, blen);
	if (clen)
		memcpy(buf + alen + blen, c, clen);
	EVP_Digest(buf, alen + blen + clen, out, NULL, EVP_sha256(), NULL);
}

static const uint8_t *ref_mth(struct ref *r, uint64_t start, uint64_t n)
{
	static const uint8_t one = 0x01;
	uint64_t k = 1;

	if (!r->known[start][n]) {
		if (n == 1) {
			memcpy(r->mth[start][n], r->leaf[start], H);
		} else {
			while (k * 2 < n)
				k *= 2;
			sha256_cat(&one, 1, ref_mth(r, start, k), H, ref_mth(r, start + k, n - k), H,
				   r->mth[start][n]);
		}
		r->known[start][n] = 1;
	}
	return r->mth[start][n];
}

static void ref_push(struct ref_proof *p, const uint8_t *h)
{
	memcpy(p->h[p->n++], h, H);
}

static void ref_path(struct ref *r, uint64_t m, uint64_t start, uint64_t n, struct ref_proof *p)
{
	uint64_t k = 1;

	if (n == 1)
		return;
	while (k * 2 < n)
		k *= 2;
	if (m < k) {
		ref_path(r, m, start, k, p);
		ref_push(p, ref_mth(r, start + k, n - k));
	} else {
		ref_path(r, m - k, start + k, n - k, p);
		ref_push(p, ref_mth(r, start, k));
	}
}

static void ref_subproof(struct ref *r, uint64_t m, uint64_t start, uint64_t n, int b,
			 struct ref_proof *p)
{
	uint64_t k = 1;

	if (m == n) {
		if (!b)
			ref_push(p, ref_mth(r, start, n));
		return;
	}
	while (k * 2 < n)
		k *= 2;
	if (m <= k) {
		ref_subproof(r, m, start, k, b, p);
		ref_push(p, ref_mth(r, start + k, n - k));
	} else {
		ref_subproof(r, m - k, start + k, n - k, 0, p);
		ref_push(p, ref_mth(r, start, k));
	}
}

static void ref_inclusion(struct ref *r, uint64_t m, uint64_t n, struct ref_proof *p)
{
	p->n = 0;
	ref_path(r, m, 0, n, p);
}

static void ref_consistency(struct ref *r, uint64_t m, uint64_t n, struct ref_proof *p)
{
	p->n = 0;
	if (m > 0 && m < n)
		ref_subproof(r, m, 0, n, 1, p);
}

static const uint8_t *ref_root(struct ref *r, uint64_t n, uint8_t empty[H])
{
	if (n == 0) {
		EVP_Digest("", 0, empty, NULL, EVP_sha256(), NULL);
		return empty;
	}
	return ref_mth(r, 0, n);
}

static int same_proof(const struct ref_proof *p, const uint8_t (*q)[H], size_t n)
{
	return p->n == n && (n == 0 || memcmp(p->h, q, n * H) == 0);
}

static struct ref *ref_new(void)
{
	static const uint8_t zero = 0x00;
	struct ref *r = calloc(1, sizeof(*r));
	char data[32];
	int i, n;

	for (i = 0; r && i < REF_N; i++) {
		n = snprintf(data, sizeof(data), "zhifa ledger entry %d", i);
		sha256_cat(&zero, 1, (const uint8_t *)data, (size_t)n, NULL, 0, r->leaf[i]);
	}
	return r;
}

static struct merkle_mem *ref_tree(struct merkle_hasher *h, struct ref *r)
{
	struct merkle_mem *t = merkle_mem_new(h);
	int i;

	for (i = 0; t && i < REF_N; i++) {
		if (merkle_mem_append(t, r->leaf[i]) < 0)
			merkle_mem_free(&t);
	}
	return t;
}

TEST(merkle_roots_match_reference_for_every_size_to_256)
{
	struct merkle_hasher *h = merkle_hasher_new(MERKLE_SHA256);
	struct ref *r = ref_new();
	struct merkle_mem *t = merkle_mem_new(h), *full = NULL;
	struct merkle_src plain = { leaves_only, NULL, NULL };
	struct merkle_stream st;
	uint8_t got[H], empty[H];
	uint64_t n;

	CHECK(r && t);
	full = ref_tree(h, r);
	CHECK(full);
	plain.ctx = full;
	merkle_stream_init(&st, h);
	for (n = 0; n <= REF_N; n++) {
		const uint8_t *want = ref_root(r, n, empty);

		CHECK_INT(merkle_mem_size(t), n);
		CHECK_INT(merkle_mem_root(t, got), 0);
		CHECK(memcmp(got, want, H) == 0);
		CHECK_INT(merkle_stream_root(&st, got), 0);
		CHECK(memcmp(got, want, H) == 0);
		CHECK_INT(merkle_root(h, &plain, n, got), 0);
		CHECK(memcmp(got, want, H) == 0);
		if (n < REF_N) {
			CHECK_INT(merkle_mem_append(t, r->leaf[n]), 0);
			CHECK_INT(merkle_stream_push(&st, r->leaf[n]), 0);
		}
	}
	merkle_mem_free(&t);
	merkle_mem_free(&full);
	free(r);
	merkle_hasher_free(&h);
}

/* Every (index, size) up to 256: the proof equals the reference, verifies, and any
 * other index, or another size unless the reference proof there is the same, fails. */
TEST(merkle_inclusion_matches_reference_every_index_every_size_to_256)
{
	struct merkle_hasher *h = merkle_hasher_new(MERKLE_SHA256);
	struct ref *r = ref_new();
	struct merkle_mem *t = NULL;
	struct merkle_src src, plain = { leaves_only, NULL, NULL };
	struct ref_proof want, other;
	uint8_t got[MERKLE_MAX_PROOF][H], empty[H];
	uint64_t n, i;
	size_t cnt, j;

	CHECK(r);
	t = ref_tree(h, r);
	CHECK(t);
	src = merkle_mem_src(t);
	plain.ctx = t;
	for (n = 1; n <= REF_N; n++) {
		const uint8_t *root = ref_root(r, n, empty);

		for (i = 0; i < n; i++) {
			const uint8_t (*g)[H] = (const uint8_t (*)[H])got;
			uint64_t alt[4] = { n - 1, n + 1, n * 2, n / 2 };

			ref_inclusion(r, i, n, &want);
			CHECK_INT(merkle_inclusion_proof(h, &src, i, n, got, MERKLE_MAX_PROOF, &cnt), 0);
			CHECK(same_proof(&want, g, cnt));
			if (n <= 64) {
				CHECK_INT(merkle_inclusion_proof(h, &plain, i, n, got, MERKLE_MAX_PROOF, &cnt), 0);
				CHECK(same_proof(&want, g, cnt));
			}
			CHECK_INT(merkle_verify_inclusion(h, r->leaf[i], i, n, g, cnt, root), 0);
			/* wrong leaf */
			CHECK_INT(merkle_verify_inclusion(h, r->leaf[(i + 1) % REF_N], i, n, g, cnt, root), -1);
			/* wrong index: every other index for small trees, neighbours for large */
			for (j = 0; j < n; j++) {
				if (j == i || (n > 64 && j + 1 != i && j != i + 1 && j != (i ^ 2)))
					continue;
				CHECK_INT(merkle_verify_inclusion(h, r->leaf[i], j, n, g, cnt, root), -1);
			}
			/* wrong size, with that size's real root */
			for (j = 0; j < 4; j++) {
				uint64_t s = alt[j];

				if (s <= i || s > REF_N || s == n)
					continue;
				ref_inclusion(r, i, s, &other);
				CHECK_INT(merkle_verify_inclusion(h, r->leaf[i], i, s, g, cnt,
								  ref_root(r, s, empty)),
					  same_proof(&other, g, cnt) ? 0 : -1);
			}
			/* a truncated path or an extra element */
			if (cnt > 0)
				CHECK_INT(merkle_verify_inclusion(h, r->leaf[i], i, n, g, cnt - 1, root), -1);
			memcpy(got[cnt], root, H);
			CHECK_INT(merkle_verify_inclusion(h, r->leaf[i], i, n, g, cnt + 1, root), -1);
		}
	}
	CHECK_INT(merkle_inclusion_proof(h, &src, 5, 5, got, MERKLE_MAX_PROOF, &cnt), -1);
	CHECK_INT(merkle_inclusion_proof(h, &src, 0, 256, got, 7, &cnt), -1);
	merkle_mem_free(&t);
	free(r);
	merkle_hasher_free(&h);
}

TEST(merkle_consistency_matches_reference_every_pair_to_256)
{
	struct merkle_hasher *h = merkle_hasher_new(MERKLE_SHA256);
	struct ref *r = ref_new();
	struct merkle_mem *t = NULL;
	struct merkle_src src, plain = { leaves_only, NULL, NULL };
	struct ref_proof want, other;
	uint8_t got[MERKLE_MAX_PROOF][H], e1[H], e2[H];
	uint64_t n, m;
	size_t cnt, j;

	CHECK(r);
	t = ref_tree(h, r);
	CHECK(t);
	src = merkle_mem_src(t);
	plain.ctx = t;
	for (n = 0; n <= REF_N; n++) {
		const uint8_t *r2 = ref_root(r, n, e2);

		for (m = 0; m <= n; m++) {
			const uint8_t (*g)[H] = (const uint8_t (*)[H])got;
			const uint8_t *r1 = ref_root(r, m, e1);
			uint64_t alt[7][2] = { { m - 1, n }, { m + 1, n }, { m ^ 2, n }, { m, n - 1 },
					       { m, n + 1 }, { m, n * 2 }, { m, n / 2 } };

			ref_consistency(r, m, n, &want);
			CHECK_INT(merkle_consistency_proof(h, &src, m, n, got, MERKLE_MAX_PROOF, &cnt), 0);
			CHECK(same_proof(&want, g, cnt));
			if (n <= 64) {
				CHECK_INT(merkle_consistency_proof(h, &plain, m, n, got, MERKLE_MAX_PROOF, &cnt), 0);
				CHECK(same_proof(&want, g, cnt));
			}
			CHECK_INT(merkle_verify_consistency(h, m, n, r1, r2, g, cnt), 0);
			if (cnt == 0)
				continue;
			CHECK_INT(merkle_verify_consistency(h, m, n, r2, r1, g, cnt), -1);
			CHECK_INT(merkle_verify_consistency(h, m, n, r1, r2, g, cnt - 1), -1);
			memcpy(got[cnt], r2, H);
			CHECK_INT(merkle_verify_consistency(h, m, n, r1, r2, g, cnt + 1), -1);
			for (j = 0; j < 7; j++) {
				uint64_t m2 = alt[j][0], n2 = alt[j][1];
				uint8_t x1[H], x2[H];

				if (m2 > n2 || n2 > REF_N || (m2 == m && n2 == n))
					continue;
				ref_consistency(r, m2, n2, &other);
				CHECK_INT(merkle_verify_consistency(h, m2, n2, ref_root(r, m2, x1),
								    ref_root(r, n2, x2), g, cnt),
					  same_proof(&other, g, cnt) ? 0 : -1);
			}
		}
	}
	CHECK_INT(merkle_consistency_proof(h, &src, 6, 5, got, MERKLE_MAX_PROOF, &cnt), -1);
	merkle_mem_free(&t);
	free(r);
	merkle_hasher_free(&h);
}

/* Flipping any one bit of any proof element must fail: every bit for trees up to 16
 * leaves, one bit per element (varying) for every tree up to 256. */
TEST(merkle_any_flipped_proof_bit_fails_verification)
{
	struct merkle_hasher *h = merkle_hasher_new(MERKLE_SHA256);
	struct ref *r = ref_new();
	struct ref_proof p;
	uint8_t e1[H], e2[H];
	uint64_t n, i, m;
	size_t j, bit;

	CHECK(r);
	for (n = 1; n <= REF_N; n++) {
		const uint8_t *root = ref_root(r, n, e2);

		for (i = 0; i < n; i++) {
			ref_inclusion(r, i, n, &p);
			for (j = 0; j < p.n; j++) {
				for (bit = 0; bit < 8 * H; bit++) {
					size_t b = n <= 16 ? bit : (i * 31 + j * 7 + n) % (8 * H);

					p.h[j][b / 8] ^= (uint8_t)(1u << (b % 8));
					CHECK_INT(merkle_verify_inclusion(h, r->leaf[i], i, n,
									  (const uint8_t (*)[H])p.h, p.n, root), -1);
					p.h[j][b / 8] ^= (uint8_t)(1u << (b % 8));
					if (n > 16)
						break;
				}
			}
		}
		for (m = 1; m < n; m++) {
			const uint8_t *r1 = ref_root(r, m, e1);

			ref_consistency(r, m, n, &p);
			for (j = 0; j < p.n; j++) {
				for (bit = 0; bit < 8 * H; bit++) {
					size_t b = n <= 16 ? bit : (m * 31 + j * 7 + n) % (8 * H);

					p.h[j][b / 8] ^= (uint8_t)(1u << (b % 8));
					CHECK_INT(merkle_verify_consistency(h, m, n, r1, root,
									    (const uint8_t (*)[H])p.h, p.n), -1);
					p.h[j][b / 8] ^= (uint8_t)(1u << (b % 8));
					if (n > 16)
						break;
				}
			}
			CHECK_INT(merkle_verify_consistency(h, m, n, r1, root,
							    (const uint8_t (*)[H])p.h, p.n), 0);
		}
	}
	free(r);
	merkle_hasher_free(&h);
}

TEST(merkle_sm3_log_uses_sm3_everywhere)
{
	struct merkle_hasher *h = merkle_hasher_new(MERKLE_SM3);
	struct merkle_mem *t = NULL;
	struct merkle_stream st;
	struct merkle_src src;
	uint8_t root[H], root2[H], leaf[H], want[H], path[MERKLE_MAX_PROOF][H];
	char hex[2 * H + 1];
	size_t n;
	int i;

	CHECK(h);
	CHECK_STR(merkle_alg_name(merkle_hasher_alg(h)), "sm3");
	/* GB/T 32905 SM3 of the empty string. */
	CHECK_INT(merkle_hash_empty(h, root), 0);
	merkle_hex(root, hex);
	CHECK_STR(hex, "1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b");
	/* SM3("abc"), the standard's first example, through the node/leaf framing. */
	{
		EVP_MD *md = EVP_MD_fetch(NULL, "SM3", NULL);
		uint8_t in[] = { 0x00, 'a', 'b', 'c' };

		CHECK(md);
		EVP_Digest(in, sizeof(in), want, NULL, md, NULL);
		EVP_MD_free(md);
		CHECK_INT(merkle_hash_leaf(h, "abc", 3, leaf), 0);
		CHECK(memcmp(leaf, want, H) == 0);
	}
	t = merkle_mem_new(h);
	CHECK(t);
	merkle_stream_init(&st, h);
	for (i = 0; i < 37; i++) {
		CHECK_INT(merkle_mem_append_entry(t, &i, sizeof(i)), 0);
		CHECK_INT(merkle_stream_push_entry(&st, &i, sizeof(i)), 0);
	}
	CHECK_INT(merkle_mem_root(t, root), 0);
	CHECK_INT(merkle_stream_root(&st, root2), 0);
	CHECK(memcmp(root, root2, H) == 0);
	src = merkle_mem_src(t);
	i = 20;
	CHECK_INT(merkle_hash_leaf(h, &i, sizeof(i), leaf), 0);
	CHECK_INT(merkle_inclusion_proof(h, &src, 20, 37, path, MERKLE_MAX_PROOF, &n), 0);
	CHECK_INT(merkle_verify_inclusion(h, leaf, 20, 37, (const uint8_t (*)[H])path, n, root), 0);
	merkle_mem_free(&t);
	merkle_hasher_free(&h);
	/* The same leaves under SHA-256 give another root: one log, one algorithm. */
	h = merkle_hasher_new(MERKLE_SHA256);
	merkle_stream_init(&st, h);
	for (i = 0; i < 37; i++)
		CHECK_INT(merkle_stream_push_entry(&st, &i, sizeof(i)), 0);
	CHECK_INT(merkle_stream_root(&st, root2), 0);
	CHECK(memcmp(root, root2, H) != 0);
	merkle_hasher_free(&h);
}

TEST(merkle_hex_round_trip_and_rejects)
{
	uint8_t a[H], b[H];
	char hex[2 * H + 1];
	size_t i;

	for (i = 0; i < H; i++)
		a[i] = (uint8_t)(i * 37 + 1);
	merkle_hex(a, hex);
	CHECK_INT(merkle_unhex(hex, b), 0);
	CHECK(memcmp(a, b, H) == 0);
	CHECK_INT(merkle_unhex("00", b), -1);
	hex[5] = 'g';
	CHECK_INT(merkle_unhex(hex, b), -1);
	CHECK_INT(merkle_unhex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855ff", b), -1);
	CHECK_INT(merkle_unhex("E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855", b), 0);
}
