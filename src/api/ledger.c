/* ledger.c: the full-process record over HTTP, in the shapes RFC 6962 verifiers use. */
#include <errno.h>
#include <string.h>

#include "api/api.h"
#include "core/crypto.h"
#include "ledger/ledger.h"

/* Reads a non-negative decimal query parameter into *v; field error otherwise. */
static int query_index(struct req *r, const char *name, int64_t *v)
{
	const char *s = http_query(r, name);
	char *end;
	long long n;

	if (!s || !*s || *s == '-' || *s == '+' || *s == ' ')
		return zerr_field(&r->err, name, "%s 应为非负整数 (non-negative integer)", name);
	errno = 0;
	n = strtoll(s, &end, 10);
	if (*end || errno)
		return zerr_field(&r->err, name, "%s 应为非负整数 (non-negative integer)", name);
	*v = n;
	return 0;
}

static json_t *hex_array(uint8_t (*hs)[MERKLE_HASH_LEN], size_t n)
{
	json_t *a = json_array();
	char hex[65];
	size_t i;

	for (i = 0; i < n; i++) {
		merkle_hex(hs[i], hex);
		json_array_append_new(a, json_string(hex));
	}
	return a;
}

int api_ledger_checkpoint(struct req *r)
{
	char root[65], *note = NULL;
	int64_t size;

	if (ledger_checkpoint(r->db, &size, root, &note, &r->err) < 0)
		return -1;
	http_reply(r, 200, json_pack("{s:I, s:s, s:s}", "tree_size", (json_int_t)size, "root_hash",
				     root, "note", note));
	free(note);
	return 0;
}

int api_ledger_entry(struct req *r)
{
	const char *p = r->params[0];
	char *end, *b64 = NULL;
	db_stmt_t *st;
	long long idx;
	int rc, ret = -1;

	errno = 0;
	idx = strtoll(p, &end, 10);
	if (*end || errno || idx < 0 || *p == '+' || *p == ' ')
		return zerr_field(&r->err, "index", "index 应为非负整数 (non-negative integer)");
	st = db_prepare(r->db, "SELECT e.leaf, e.leaf_hash, e.agency, a.region_code FROM ledger_entries e"
			       " LEFT JOIN agencies a ON a.public_id = e.agency WHERE e.seq = ?");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_int(st, 1, idx);
	rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_OK ? zerr_not_found(&r->err, "账本条目 (ledger entry)") : db_zerr(r->db, rc, &r->err);
	/* an entry names an agency's object: only those who may see that agency read it;
	 * entries of the system (no agency) are open to every ledger reader */
	if (!db_col_isnull(st, 2) &&
	    !principal_sees_agency(&r->who, db_col_text(st, 2), db_col_text(st, 3))) {
		zerr_not_found(&r->err, "账本条目 (ledger entry)");
		goto out;
	}
	{
		const char *leaf = db_col_text(st, 0);
		size_t n = strlen(leaf);

		b64 = malloc(4 * ((n + 2) / 3) + 1);
		if (!b64) {
			zerr_oom(&r->err);
			goto out;
		}
		base64_encode(leaf, n, b64);
		ret = http_reply(r, 200, json_pack("{s:I, s:s, s:s}", "index", (json_int_t)idx,
						   "leaf_hash", db_col_text(st, 1), "leaf", b64));
	}
out:
	free(b64);
	db_run(st);
	return ret;
}

int api_ledger_inclusion(struct req *r)
{
	uint8_t path[MERKLE_MAX_PROOF][MERKLE_HASH_LEN];
	int64_t index = 0, size = 0;
	size_t n = 0;

	query_index(r, "index", &index);
	query_index(r, "tree_size", &size);
	if (zerr_isset(&r->err) || ledger_inclusion(r->db, index, size, path, &n, &r->err) < 0)
		return -1;
	return http_reply(r, 200, json_pack("{s:I, s:I, s:o}", "index", (json_int_t)index,
					    "tree_size", (json_int_t)size, "audit_path", hex_array(path, n)));
}

int api_ledger_consistency(struct req *r)
{
	uint8_t proof[MERKLE_MAX_PROOF][MERKLE_HASH_LEN];
	int64_t first = 0, second = 0;
	size_t n = 0;

	query_index(r, "first", &first);
	query_index(r, "second", &second);
	if (zerr_isset(&r->err) || ledger_consistency(r->db, first, second, proof, &n, &r->err) < 0)
		return -1;
	return http_reply(r, 200, json_pack("{s:I, s:I, s:o}", "first", (json_int_t)first, "second",
					    (json_int_t)second, "proof", hex_array(proof, n)));
}
