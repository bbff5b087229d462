/* zhifa ledger: verify the full-process record. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api/records.h"
#include "cli/cli.h"
#include "domain/discretion_store.h"
#include "core/crypto.h"
#include "ledger/ledger.h"

int cli_ledger_init(db_t *db, const struct config *cfg, const char *alg, struct zerr *e)
{
	if (alg && strcmp(alg, "ed25519") != 0 && strcmp(alg, "sm2") != 0)
		return zerr_field(e, "ledger-alg", "只能是 ed25519 或 sm2 (ed25519 or sm2)");
	return ledger_setup(db, cfg->data_dir, alg && strcmp(alg, "sm2") == 0 ? CHECKPOINT_SM2
									      : CHECKPOINT_ED25519, e);
}

/* The current state of a recorded object, as the code that wrote it computed it. */
static int load_state(db_t *db, const char *type, const char *id, json_t **state_r,
		      struct zerr *e)
{
	const struct record *rec = record_by_name(type);
	int rc;

	*state_r = NULL;
	/* a benchmark commits to its document's digest, not to its field table's columns */
	if (strcmp(type, DISCRETION_OBJ_TYPE) == 0)
		return discretion_store_state(db, id, state_r, e);
	if (rec) {
		rc = record_load_state(db, rec, id, state_r, e);
		if (rc < 0 && strcmp(e->code, "not_found") == 0) {
			zerr_clear(e);
			return 1;
		}
		return rc;
	}
	if (strcmp(type, "calendar_year") == 0) {
		db_stmt_t *st = db_prepare(db, "SELECT year, data FROM calendar_years WHERE year = ?");

		if (!st)
			return zerr_internal(e, db_errmsg(db));
		db_bind_int(st, 1, strtol(id, NULL, 10));
		rc = db_step(st);
		if (rc == DB_OK)
			return 1;
		if (rc != DB_ROW)
			return db_zerr(db, rc, e);
		*state_r = json_pack("{s:i, s:s}", "year", (int)db_col_int(st, 0), "data", db_col_text(st, 1));
		db_run(st);
		return 0;
	}
	if (strcmp(type, "case_document") == 0) {
		/* the state is recomputed from the stored bytes, so a changed PDF fails */
		db_stmt_t *st = db_prepare(db, "SELECT c.public_id, d.template, d.bytes FROM case_documents d"
					       " JOIN cases c ON c.id = d.case_id WHERE d.public_id = ?");
		const void *p;
		uint8_t h[32];
		char hex[65];
		size_t n = 0;

		if (!st)
			return zerr_internal(e, db_errmsg(db));
		db_bind_text(st, 1, id);
		rc = db_step(st);
		if (rc == DB_OK)
			return 1;
		if (rc != DB_ROW)
			return db_zerr(db, rc, e);
		p = db_col_blob(st, 2, &n);
		crypto_sha256(p, n, h);
		hex_encode(h, 32, hex);
		*state_r = json_pack("{s:s, s:s, s:s}", "case", db_col_text(st, 0), "template", db_col_text(st, 1),
				     "sha256", hex);
		db_run(st);
		return 0;
	}
	if (strcmp(type, "agency_case_config") == 0) {
		/* the agency's stored overrides, as PUT case-config (and the demo) recorded them */
		db_stmt_t *st = db_prepare(db, "SELECT case_config FROM agencies WHERE public_id = ?");

		if (!st)
			return zerr_internal(e, db_errmsg(db));
		db_bind_text(st, 1, id);
		rc = db_step(st);
		if (rc == DB_OK)
			return 1;
		if (rc != DB_ROW)
			return db_zerr(db, rc, e);
		*state_r = json_loads(db_col_text(st, 0), 0, NULL);
		db_run(st);
		return *state_r ? 0 : zerr_internal(e, "stored case_config does not parse");
	}
	return zerr_set(e, 500, "unknown_type", "unknown object type %s", type);
}

int cmd_ledger(int argc, char **argv)
{
	struct config cfg;
	struct cli_opts o;
	struct zerr e = ZERR_INIT;
	struct ledger_report rep;
	struct timespec t0, t1;
	db_t *db = NULL, *db2 = NULL;
	double secs;
	int ret = 2, rc;

	if (cli_parse(argc, argv, &cfg, &o) < 0 || o.help || o.nrest != 1 ||
	    strcmp(o.rest[0], "verify") != 0) {
		fputs("usage: zhifa ledger verify --db URL\n"
		      "  Recomputes every leaf, the Merkle tree, every cached node and checkpoint\n"
		      "  (root and signature), and checks that each recorded object's current data\n"
		      "  matches the digest of its latest entry. Exit 0: intact; 1: the first\n"
		      "  mismatch is printed; 2: could not run.\n", o.help ? stdout : stderr);
		return o.help ? 0 : 2;
	}
	db = cli_open_db(&cfg, 0);
	if (!db)
		goto out;
	/* verification reads the whole log once: map the file instead of copying every
	 * page through read(2) (SQLite only; harmless elsewhere) */
	if (db_dialect(db) == DB_SQLITE)
		db_exec(db, "PRAGMA mmap_size = 68719476736");
	/* a second connection lets a second thread check every other batch of entries */
	db2 = cli_open_db(&cfg, 0);
	if (db2 && db_dialect(db2) == DB_SQLITE)
		db_exec(db2, "PRAGMA mmap_size = 68719476736");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = ledger_verify2(db, db2, load_state, &rep, &e);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (rc < 0) {
		fprintf(stderr, "zhifa ledger verify: %s\n", e.detail);
		goto out;
	}
	if (rc == 1) {
		printf("FAILED: %s\n", rep.first_bad);
		ret = 1;
		goto out;
	}
	printf("ok: %lld entries, %lld cached nodes, %lld checkpoints, %lld objects verified"
	       " in %.3f s (%.0f entries/s)\n", (long long)rep.entries, (long long)rep.nodes,
	       (long long)rep.checkpoints, (long long)rep.objects, secs,
	       secs > 0 ? (double)rep.entries / secs : 0.0);
	ret = 0;
out:
	zerr_clear(&e);
	db_close(&db2);
	db_close(&db);
	return ret;
}
