/* The ledger on a real SQLite database: appends, cached nodes, proofs, verification. */
#include <unistd.h>

#include "ledger/ledger.h"
#include "t.h"

static db_t *fresh_db(char *path, size_t len)
{
	struct zerr e = ZERR_INIT;
	char url[300];
	db_t *db;
	int fd;

	snprintf(path, len, "/tmp/zhifa-unit-XXXXXX");
	fd = mkstemp(path);
	if (fd < 0)
		return NULL;
	close(fd);
	snprintf(url, sizeof(url), "sqlite:%s", path);
	db = db_open(url, NULL);
	if (db && db_migrate(db, &e) < 0)
		db_close(&db);
	zerr_clear(&e);
	return db;
}

static void drop_db(db_t **db, const char *path)
{
	char p[300];

	db_close(db);
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

/* Appends entries i = from .. from + n - 1, entry i recording {"n": i} for "obj-(i % 7)". */
static int append_from(db_t *db, int from, int n)
{
	struct principal who = { .user_id = 1 };
	struct zerr e = ZERR_INIT;
	char id[32];
	int i, rc = 0;

	snprintf(who.username, sizeof(who.username), "unit");
	if (db_begin(db, 1) != DB_OK)
		return -1;
	for (i = from; i < from + n && rc == 0; i++) {
		json_t *st = json_pack("{s:i}", "n", i);

		snprintf(id, sizeof(id), "obj-%d", i % 7);
		rc = ledger_append(db, &who, "test.write", "unit", id, st, NULL, &e);
		json_decref(st);
	}
	if (rc == 0 && db_commit(db) != DB_OK)
		rc = -1;
	if (rc)
		db_rollback(db);
	zerr_clear(&e);
	return rc;
}

static int append_n(db_t *db, int n)
{
	return append_from(db, 0, n);
}

static int64_t count(db_t *db, const char *sql)
{
	db_stmt_t *st = db_prepare(db, sql);
	int64_t n = -1;

	if (st && db_step(st) == DB_ROW) {
		n = db_col_int(st, 0);
		db_run(st);
	}
	return n;
}

static int appended; /* how many entries append_n wrote in the test that runs */

/* The state append_n left for "obj-k": {"n": the last i < appended with i % 7 == k}. */
static int no_objects(db_t *db, const char *type, const char *id, json_t **state_r, struct zerr *e)
{
	long k = strtol(id + 4, NULL, 10), i = appended - 1;

	(void)db;
	(void)type;
	(void)e;
	while (i >= 0 && i % 7 != k)
		i--;
	*state_r = json_pack("{s:i}", "n", (int)i);
	return 0;
}

TEST(ledger_store_root_matches_an_in_memory_tree_across_cached_levels)
{
	char path[64];
	db_t *db = fresh_db(path, sizeof(path));
	struct merkle_hasher *h = merkle_hasher_new(MERKLE_SHA256);
	struct merkle_mem *mem = merkle_mem_new(h);
	struct zerr e = ZERR_INIT;
	uint8_t a[MERKLE_HASH_LEN], b[MERKLE_HASH_LEN];
	db_stmt_t *st;
	int64_t n, size;
	int ok = 1;

	CHECK(db && h && mem);
	CHECK_INT(append_n(db, 300), 0); /* 300 leaves: levels 4 and 8 are cached */
	CHECK_INT(ledger_size(db, &n, &e), 0);
	CHECK_INT(n, 300);
	st = db_prepare(db, "SELECT leaf FROM ledger_entries ORDER BY seq");
	while (db_step(st) == DB_ROW)
		merkle_mem_append_entry(mem, db_col_text(st, 0), strlen(db_col_text(st, 0)));
	for (size = 0; size <= 300 && ok; size += 1) {
		struct merkle_src src = merkle_mem_src(mem);

		if (ledger_root(db, size, a, &e) < 0 || merkle_root(h, &src, (uint64_t)size, b) < 0 ||
		    memcmp(a, b, MERKLE_HASH_LEN) != 0)
			ok = 0;
	}
	CHECK(ok);
	st = db_prepare(db, "SELECT count(*) FROM ledger_nodes WHERE level = 4");
	CHECK_INT(db_step(st), DB_ROW);
	CHECK_INT(db_col_int(st, 0), 300 / 16);
	db_run(st);
	merkle_mem_free(&mem);
	merkle_hasher_free(&h);
	zerr_clear(&e);
	drop_db(&db, path);
}

TEST(ledger_store_proofs_verify_for_every_index)
{
	char path[64];
	db_t *db = fresh_db(path, sizeof(path));
	struct merkle_hasher *h = merkle_hasher_new(MERKLE_SHA256);
	uint8_t path_[MERKLE_MAX_PROOF][MERKLE_HASH_LEN], root[MERKLE_HASH_LEN], r1[MERKLE_HASH_LEN];
	uint8_t lh[MERKLE_HASH_LEN];
	struct zerr e = ZERR_INIT;
	db_stmt_t *st;
	size_t n;
	int64_t i, m;
	int ok = 1;

	CHECK(db && h);
	CHECK_INT(append_n(db, 70), 0);
	CHECK_INT(ledger_root(db, 70, root, &e), 0);
	for (i = 0; i < 70 && ok; i++) {
		st = db_prepare(db, "SELECT leaf_hash FROM ledger_entries WHERE seq = ?");
		db_bind_int(st, 1, i);
		db_step(st);
		merkle_unhex(db_col_text(st, 0), lh);
		db_run(st);
		if (ledger_inclusion(db, i, 70, path_, &n, &e) < 0 ||
		    merkle_verify_inclusion(h, lh, (uint64_t)i, 70, (const uint8_t(*)[MERKLE_HASH_LEN])path_, n, root) < 0)
			ok = 0;
	}
	CHECK(ok);
	for (m = 1; m <= 70 && ok; m++) {
		if (ledger_root(db, m, r1, &e) < 0 || ledger_consistency(db, m, 70, path_, &n, &e) < 0 ||
		    merkle_verify_consistency(h, (uint64_t)m, 70, r1, root, (const uint8_t(*)[MERKLE_HASH_LEN])path_, n) < 0)
			ok = 0;
	}
	CHECK(ok);
	CHECK_INT(ledger_inclusion(db, 70, 70, path_, &n, &e), -1);
	CHECK_STR(e.code, "invalid_field");
	merkle_hasher_free(&h);
	zerr_clear(&e);
	drop_db(&db, path);
}

TEST(ledger_verify_names_a_tampered_cached_node_and_a_missing_entry)
{
	char path[64];
	db_t *db = fresh_db(path, sizeof(path));
	struct ledger_report rep;
	struct zerr e = ZERR_INIT;

	CHECK(db);
	CHECK_INT(append_n(db, 40), 0);
	appended = 40;
	CHECK_INT(ledger_verify(db, no_objects, &rep, &e), 0);
	CHECK_INT(rep.entries, 40);
	CHECK_INT(rep.nodes, 2);
	CHECK_INT(rep.objects, 7);
	appended = 39; /* the state of obj-4 now differs from its latest entry */
	CHECK_INT(ledger_verify(db, no_objects, &rep, &e), 1);
	CHECK(strstr(rep.first_bad, "unit/obj-4") != NULL);
	appended = 40;
	CHECK_INT(db_exec(db, "UPDATE ledger_nodes SET hash = '00000000000000000000000000000000"
			      "00000000000000000000000000000000' WHERE level = 4 AND idx = 1"), DB_OK);
	CHECK_INT(ledger_verify(db, no_objects, &rep, &e), 1);
	CHECK(strstr(rep.first_bad, "level 4 idx 1") != NULL);
	CHECK_INT(db_exec(db, "DELETE FROM ledger_nodes"), DB_OK);
	CHECK_INT(db_exec(db, "DELETE FROM ledger_entries WHERE seq = 39"), DB_OK);
	CHECK_INT(ledger_verify(db, no_objects, &rep, &e), 1);
	CHECK(strstr(rep.first_bad, "level 4") != NULL); /* the cache no longer matches either */
	zerr_clear(&e);
	drop_db(&db, path);
}

/* Entries removed from the end between checkpoints, even with the cached nodes that
 * covered them: the newest remaining entry lacks the tail mark, the head's floor
 * catches a log emptied entirely, and no append continues a cut log (it would close
 * the gap the cut left). */
TEST(ledger_verify_catches_entries_cut_from_the_end)
{
	char path[64];
	db_t *db = fresh_db(path, sizeof(path));
	struct ledger_report rep;
	struct principal who = { .user_id = 1 };
	struct zerr e = ZERR_INIT;
	int64_t n = 0, floor = 0;

	CHECK(db);
	snprintf(who.username, sizeof(who.username), "unit");
	CHECK_INT(append_n(db, 40), 0);
	appended = 40;
	CHECK_INT(ledger_extent(db, &n, &floor, &e), 0);
	CHECK_INT(n, 40);
	CHECK_INT(floor, 1); /* raised at the first entry; next at LEDGER_CHECKPOINT_EVERY */
	CHECK_INT(db_exec(db, "CREATE TABLE cut AS SELECT * FROM ledger_entries WHERE seq >= 38"), DB_OK);
	CHECK_INT(db_exec(db, "DELETE FROM ledger_entries WHERE seq >= 38"), DB_OK);
	CHECK_INT(ledger_verify(db, no_objects, &rep, &e), 1);
	CHECK(strstr(rep.first_bad, "37") != NULL);
	CHECK(strstr(rep.first_bad, "removed from the end") != NULL);
	/* an append refuses: taking index 38 would hide the cut */
	CHECK_INT(db_begin(db, 1), DB_OK);
	CHECK_INT(ledger_append(db, &who, "test.write", "unit", "obj-1", NULL, NULL, &e), -1);
	CHECK_STR(e.code, "ledger_damaged");
	db_rollback(db);
	zerr_clear(&e);
	/* put back, the log verifies again; a mark on an inner entry is reported */
	CHECK_INT(db_exec(db, "INSERT INTO ledger_entries SELECT * FROM cut"), DB_OK);
	CHECK_INT(ledger_verify(db, no_objects, &rep, &e), 0);
	CHECK_INT(db_exec(db, "UPDATE ledger_entries SET tail = 1 WHERE seq = 20"), DB_OK);
	CHECK_INT(ledger_verify(db, no_objects, &rep, &e), 1);
	CHECK(strstr(rep.first_bad, "20") != NULL && strstr(rep.first_bad, "tail mark") != NULL);
	CHECK_INT(db_exec(db, "UPDATE ledger_entries SET tail = NULL WHERE seq = 20"), DB_OK);
	/* the whole log removed: the head's floor still says there was an entry */
	CHECK_INT(db_exec(db, "DELETE FROM ledger_entries; DELETE FROM ledger_nodes"), DB_OK);
	CHECK_INT(ledger_verify(db, no_objects, &rep, &e), 1);
	CHECK(strstr(rep.first_bad, "removed from the end") != NULL);
	CHECK_INT(db_begin(db, 1), DB_OK);
	CHECK_INT(ledger_append(db, &who, "test.write", "unit", "obj-1", NULL, NULL, &e), -1);
	CHECK_STR(e.code, "ledger_damaged");
	db_rollback(db);
	zerr_clear(&e);
	drop_db(&db, path);
}

/* The per-object index (migration 006) covers every entry before the last block of
 * LEDGER_OBJ_BATCH; look-ups by object add the newest, unindexed entries; verify
 * checks objects whose latest entry is in either part, and names an entry taken out
 * of the index (it would be hidden from look-ups by object). */
TEST(ledger_object_index_is_batched_and_checked)
{
	char path[64];
	db_t *db = fresh_db(path, sizeof(path));
	struct ledger_report rep;
	struct zerr e = ZERR_INIT;
	db_stmt_t *st;
	int64_t n, last;

	CHECK(db);
	CHECK_INT(append_n(db, 2 * LEDGER_OBJ_BATCH), 0);
	appended = 2 * LEDGER_OBJ_BATCH; /* every entry in the index, none after it */
	CHECK_INT(count(db, "SELECT count(*) FROM ledger_entries WHERE obj_indexed IS NULL"), 0);
	CHECK_INT(ledger_verify(db, no_objects, &rep, &e), 0);
	CHECK_INT(rep.objects, 7);
	CHECK_INT(append_from(db, 2 * LEDGER_OBJ_BATCH, 500), 0);
	appended = 2 * LEDGER_OBJ_BATCH + 500;
	CHECK_INT(count(db, "SELECT count(*) FROM ledger_entries WHERE obj_indexed IS NULL"), 500);
	CHECK_INT(count(db, "SELECT min(seq) FROM ledger_entries WHERE obj_indexed IS NULL"), 2 * LEDGER_OBJ_BATCH);
	CHECK_INT(ledger_verify(db, no_objects, &rep, &e), 0);
	CHECK_INT(rep.objects, 7);
	/* obj-3: every entry i with i % 7 == 3, from both parts */
	st = db_prepare(db, "SELECT count(*), max(seq) FROM " LEDGER_OBJ_ENTRIES " o");
	CHECK(st);
	db_bind_text(st, 1, "unit");
	db_bind_text(st, 2, "obj-3");
	db_bind_text(st, 3, "unit");
	db_bind_text(st, 4, "obj-3");
	CHECK_INT(db_step(st), DB_ROW);
	n = db_col_int(st, 0);
	last = db_col_int(st, 1);
	db_run(st);
	CHECK_INT(n, (2 * LEDGER_OBJ_BATCH + 500 - 3 + 6) / 7);
	CHECK_INT(last, 2495);
	/* an object whose latest entry is unindexed, edited: caught */
	appended--;
	CHECK_INT(ledger_verify(db, no_objects, &rep, &e), 1);
	CHECK(strstr(rep.first_bad, "unit/obj-") != NULL);
	appended++;
	/* an old entry taken out of the index */
	CHECK_INT(db_exec(db, "UPDATE ledger_entries SET obj_indexed = NULL WHERE seq = 1500"), DB_OK);
	CHECK_INT(ledger_verify(db, no_objects, &rep, &e), 1);
	CHECK(strstr(rep.first_bad, "1500") != NULL && strstr(rep.first_bad, "object index") != NULL);
	zerr_clear(&e);
	drop_db(&db, path);
}
