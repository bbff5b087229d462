/* zhifa evidence: re-hash the stored evidence; verify a court package offline. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <zip.h>

#include "cli/cli.h"
#include "core/crypto.h"
#include "ledger/ledger.h"
#include "store/blob.h"

/* Re-hashes every stored file against its record; prints each one that fails. */
static int evidence_verify(const struct config *cfg)
{
	struct zerr e = ZERR_INIT;
	struct timespec t0, t1;
	long long files = 0, bytes = 0, bad = 0;
	int64_t after = 0;
	db_t *db = cli_open_db(cfg, 0);
	int ret = 2, rc, more = 1;

	if (!db)
		return 2;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	while (more) {
		db_stmt_t *st = db_prepare(db, "SELECT id, public_id, sha256, sm3, size, filename FROM evidence"
					       " WHERE id > ? ORDER BY id LIMIT 1000");
		struct row {
			int64_t id, size;
			char pid[40], sha[65], sm3[65], name[256];
		} *rows = calloc(1000, sizeof(*rows));
		int n = 0, i;

		if (!st || !rows) {
			free(rows);
			fprintf(stderr, "zhifa evidence verify: %s\n", db_errmsg(db));
			goto out;
		}
		db_bind_int(st, 1, after);
		while ((rc = db_step(st)) == DB_ROW) {
			rows[n].id = db_col_int(st, 0);
			snprintf(rows[n].pid, sizeof(rows[n].pid), "%s", db_col_text(st, 1));
			snprintf(rows[n].sha, sizeof(rows[n].sha), "%s", db_col_text(st, 2));
			snprintf(rows[n].sm3, sizeof(rows[n].sm3), "%s", db_col_text(st, 3));
			rows[n].size = db_col_int(st, 4);
			snprintf(rows[n].name, sizeof(rows[n].name), "%s",
				 db_col_isnull(st, 5) ? "" : db_col_text(st, 5));
			n++;
		}
		if (rc != DB_OK) {
			free(rows);
			fprintf(stderr, "zhifa evidence verify: %s\n", db_errmsg(db));
			goto out;
		}
		for (i = 0; i < n; i++) {
			rc = blob_check(cfg->data_dir, rows[i].sha, rows[i].sm3, rows[i].size, &e);
			if (rc < 0) {
				fprintf(stderr, "zhifa evidence verify: evidence %s: %s\n", rows[i].pid, e.detail);
				zerr_clear(&e);
				free(rows);
				goto out;
			}
			if (rc > 0) {
				printf("FAILED: evidence %s%s%s%s: stored file %s (sha256 %s)\n", rows[i].pid,
				       rows[i].name[0] ? " (" : "", rows[i].name, rows[i].name[0] ? ")" : "",
				       rc == 2 ? "is missing" : "no longer matches its digest", rows[i].sha);
				bad++;
			}
			files++;
			bytes += rows[i].size;
			after = rows[i].id;
		}
		more = n == 1000;
		free(rows);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (bad) {
		printf("%lld of %lld evidence files failed\n", bad, files);
		ret = 1;
		goto out;
	}
	printf("ok: %lld evidence files (%lld bytes) match their SHA-256 and SM3 digests in %.3f s\n", files,
	       bytes, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	ret = 0;
out:
	db_close(&db);
	return ret;
}

/* Reads a member of the package (at most max bytes) into a NUL-terminated buffer. */
static char *zip_read_all(zip_t *z, const char *name, size_t max, size_t *len_r)
{
	zip_stat_t sb;
	zip_file_t *f;
	char *buf;
	zip_int64_t k;

	if (zip_stat(z, name, 0, &sb) < 0 || !(sb.valid & ZIP_STAT_SIZE) || sb.size > max)
		return NULL;
	buf = malloc(sb.size + 1);
	f = zip_fopen(z, name, 0);
	if (!buf || !f) {
		free(buf);
		if (f)
			zip_fclose(f);
		return NULL;
	}
	k = zip_fread(f, buf, sb.size);
	zip_fclose(f);
	if (k < 0 || (zip_uint64_t)k != sb.size) {
		free(buf);
		return NULL;
	}
	buf[k] = '\0';
	if (len_r)
		*len_r = (size_t)k;
	return buf;
}

/* Checks one {index, leaf, leaf_hash, audit_path} against the checkpoint; the leaf's
 * JSON must name evidence id and action. Returns the parsed leaf, or NULL with why. */
static json_t *check_entry(struct merkle_hasher *h, const struct checkpoint *cp, json_t *ent,
			   const char *id, const char *action, char *why, size_t whylen)
{
	uint8_t lh[MERKLE_HASH_LEN], want[MERKLE_HASH_LEN], path[MERKLE_MAX_PROOF][MERKLE_HASH_LEN];
	const char *leaf = json_string_value(json_object_get(ent, "leaf"));
	json_t *ap = json_object_get(ent, "audit_path"), *j = NULL, *p;
	json_int_t index = json_integer_value(json_object_get(ent, "index"));
	size_t i;

	if (!leaf || !json_is_array(ap) || json_array_size(ap) > MERKLE_MAX_PROOF ||
	    merkle_unhex(json_string_value(json_object_get(ent, "leaf_hash")), want) < 0) {
		snprintf(why, whylen, "malformed ledger entry");
		return NULL;
	}
	if (merkle_hash_leaf(h, leaf, strlen(leaf), lh) < 0 || memcmp(lh, want, MERKLE_HASH_LEN) != 0) {
		snprintf(why, whylen, "ledger entry %lld: leaf hash does not match its bytes", (long long)index);
		return NULL;
	}
	json_array_foreach(ap, i, p) {
		if (merkle_unhex(json_string_value(p), path[i]) < 0) {
			snprintf(why, whylen, "ledger entry %lld: malformed audit path", (long long)index);
			return NULL;
		}
	}
	if (index < 0 || merkle_verify_inclusion(h, lh, (uint64_t)index, cp->size,
						 (const uint8_t (*)[MERKLE_HASH_LEN])path,
						 json_array_size(ap), cp->root) < 0) {
		snprintf(why, whylen, "ledger entry %lld: inclusion proof does not lead to the checkpoint root",
			 (long long)index);
		return NULL;
	}
	j = json_loads(leaf, 0, NULL);
	if (!j || json_integer_value(json_object_get(j, "seq")) != index ||
	    strcmp(json_string_value(json_object_get(j, "type")) ?: "", "evidence") != 0 ||
	    strcmp(json_string_value(json_object_get(j, "id")) ?: "", id) != 0 ||
	    strcmp(json_string_value(json_object_get(j, "action")) ?: "", action) != 0) {
		snprintf(why, whylen, "ledger entry %lld is not the %s of evidence %s", (long long)index,
			 action, id);
		json_decref(j);
		return NULL;
	}
	return j;
}

/* Hashes a packed file and compares it with the manifest. */
static int check_file(zip_t *z, json_t *item, char *why, size_t whylen)
{
	const char *path = json_string_value(json_object_get(item, "path"));
	struct blob_hash bh;
	char sha[65], sm3[65], *buf = NULL;
	zip_file_t *f;
	zip_int64_t k;
	long long total = 0;
	int ret = -1;

	if (!path || strncmp(path, "files/", 6) != 0 || !(f = zip_fopen(z, path, 0))) {
		snprintf(why, whylen, "%s: file missing from the package", path ? path : "?");
		return -1;
	}
	buf = malloc(1 << 20);
	if (!buf || blob_hash_init(&bh) < 0) {
		snprintf(why, whylen, "out of memory");
		goto out;
	}
	while ((k = zip_fread(f, buf, 1 << 20)) > 0) {
		blob_hash_add(&bh, buf, (size_t)k);
		total += k;
	}
	blob_hash_final(&bh, sha, sm3);
	if (k < 0)
		snprintf(why, whylen, "%s: unreadable", path);
	else if (strcmp(sha, json_string_value(json_object_get(item, "sha256")) ?: "") != 0 ||
		 strcmp(sm3, json_string_value(json_object_get(item, "sm3")) ?: "") != 0 ||
		 total != json_integer_value(json_object_get(item, "size")))
		snprintf(why, whylen, "%s: SHA-256 %s does not match the manifest", path, sha);
	else
		ret = 0;
out:
	free(buf);
	zip_fclose(f);
	return ret;
}

static int verify_package(const char *file)
{
	struct zerr e = ZERR_INIT;
	struct checkpoint_verifier *v = NULL;
	struct merkle_hasher *h = NULL;
	struct checkpoint cp;
	char *mtext = NULL, *note = NULL, *vkey = NULL, why[700] = "";
	json_t *m = NULL, *items, *item;
	size_t note_len = 0, i, n;
	int zerrc = 0, ret = 2;
	zip_t *z = zip_open(file, ZIP_RDONLY, &zerrc);

	if (!z) {
		fprintf(stderr, "zhifa evidence verify-package: cannot open %s as a zip\n", file);
		return 2;
	}
	mtext = zip_read_all(z, "manifest.json", 64u << 20, NULL);
	note = zip_read_all(z, "checkpoint.txt", 64 << 10, &note_len);
	vkey = zip_read_all(z, "verifier-key.txt", 4 << 10, &n);
	if (!mtext || !note || !vkey) {
		printf("FAILED: manifest.json, checkpoint.txt or verifier-key.txt missing\n");
		ret = 1;
		goto out;
	}
	while (n && (vkey[n - 1] == '\n' || vkey[n - 1] == '\r'))
		vkey[--n] = '\0';
	m = json_loads(mtext, JSON_REJECT_DUPLICATES, NULL);
	items = json_object_get(m, "items");
	if (!json_is_array(items)) {
		printf("FAILED: manifest.json is not a package manifest\n");
		ret = 1;
		goto out;
	}
	v = checkpoint_verifier_new(vkey, &e);
	if (!v || checkpoint_open(v, NULL, note, note_len, &cp, &e) < 0) {
		printf("FAILED: checkpoint: %s\n", e.detail);
		ret = 1;
		goto out;
	}
	n = strlen(cp.origin);
	h = merkle_hasher_new(n > 4 && strcmp(cp.origin + n - 4, "/sm3") == 0 ? MERKLE_SM3 : MERKLE_SHA256);
	if (!h)
		goto out;
	json_array_foreach(items, i, item) {
		const char *id = json_string_value(json_object_get(item, "id")) ?: "?";
		json_t *ex = json_object_get(item, "exported"), *c, *st = NULL;
		const char *salt_hex = json_string_value(json_object_get(ex, "salt"));
		const char *state = json_string_value(json_object_get(ex, "state"));
		uint8_t salt[16];
		char digest[65];

		if (check_file(z, item, why, sizeof(why)) < 0)
			break;
		c = check_entry(h, &cp, json_object_get(item, "created"), id, "evidence.create", why, sizeof(why));
		if (!c)
			break;
		json_decref(c);
		c = check_entry(h, &cp, ex, id, "evidence.export", why, sizeof(why));
		if (!c)
			break;
		/* the export entry commits to the evidence's state: its digests are in it */
		if (!salt_hex || !state || hex_decode(salt_hex, salt, 16) < 0 ||
		    ledger_state_digest(merkle_hasher_alg(h), salt, state, digest) < 0 ||
		    strcmp(digest, json_string_value(json_object_get(c, "state")) ?: "") != 0 ||
		    !(st = json_loads(state, 0, NULL)) ||
		    strcmp(json_string_value(json_object_get(st, "sha256")) ?: "",
			   json_string_value(json_object_get(item, "sha256")) ?: "-") != 0 ||
		    strcmp(json_string_value(json_object_get(st, "sm3")) ?: "",
			   json_string_value(json_object_get(item, "sm3")) ?: "-") != 0 ||
		    json_integer_value(json_object_get(st, "size")) !=
			    json_integer_value(json_object_get(item, "size"))) {
			snprintf(why, sizeof(why), "evidence %s: the state committed in the ledger does not"
				 " carry the manifest's digests", id);
			json_decref(c);
			json_decref(st);
			break;
		}
		json_decref(c);
		json_decref(st);
	}
	if (why[0]) {
		printf("FAILED: %s\n", why);
		ret = 1;
		goto out;
	}
	printf("ok: %zu evidence files match the manifest; every ledger entry is included in the"
	       " checkpoint of %s at tree size %llu, signed by its key\n", json_array_size(items),
	       cp.origin, (unsigned long long)cp.size);
	ret = 0;
out:
	zerr_clear(&e);
	merkle_hasher_free(&h);
	checkpoint_verifier_free(&v);
	json_decref(m);
	free(mtext);
	free(note);
	free(vkey);
	zip_discard(z);
	return ret;
}

int cmd_evidence(int argc, char **argv)
{
	struct config cfg;
	struct cli_opts o;

	if (cli_parse(argc, argv, &cfg, &o) < 0 || o.help || o.nrest < 1 ||
	    !((strcmp(o.rest[0], "verify") == 0 && o.nrest == 1) ||
	      (strcmp(o.rest[0], "verify-package") == 0 && o.nrest == 2))) {
		fputs("usage: zhifa evidence verify --db URL [--data-dir DIR]\n"
		      "         re-hashes every stored evidence file (SHA-256 and SM3) and names each\n"
		      "         one that no longer matches its record or is missing\n"
		      "       zhifa evidence verify-package FILE\n"
		      "         checks a court package offline: every file against the manifest, every\n"
		      "         inclusion proof against the checkpoint, the checkpoint's signature\n"
		      "  Exit 0: intact; 1: a mismatch (printed); 2: could not run.\n",
		      o.help ? stdout : stderr);
		return o.help ? 0 : 2;
	}
	if (strcmp(o.rest[0], "verify") == 0)
		return evidence_verify(&cfg);
	return verify_package(o.rest[1]);
}
