/* Discretion benchmarks on a real SQLite database (domain/discretion_store.h): storing
 * proves and writes one immutable row with its ledger entry, the process's set follows
 * the stored rows, a set in use survives a swap, and the ledger state commits to the
 * stored document. Run from the repository root (reads data/discretion). */
#include <unistd.h>

#include "domain/discretion_store.h"
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

/* Stores data/discretion/NAME; the return of discretion_store_add. */
static int add_file(db_t *db, const char *name, unsigned flags, struct zerr *e)
{
	struct principal who = { .user_id = 1 };
	char path[200], key[DISCRETION_KEY_LEN], *buf = malloc(DISCRETION_TEXT_MAX);
	size_t n = 0;
	FILE *f;
	int rc = -1;

	snprintf(who.username, sizeof(who.username), "unit");
	snprintf(path, sizeof(path), "data/discretion/%s", name);
	f = fopen(path, "rb");
	if (f && buf) {
		n = fread(buf, 1, DISCRETION_TEXT_MAX, f);
		rc = discretion_store_add(db, buf, n, &who, flags, key, e);
	}
	if (f)
		fclose(f);
	free(buf);
	return rc;
}

static long long count(db_t *db, const char *sql)
{
	db_stmt_t *st = db_prepare(db, sql);
	long long n = -1;

	if (st && db_step(st) == DB_ROW) {
		n = db_col_int(st, 0);
		db_run(st);
	}
	return n;
}

/* Evaluates the cooking-fume case of art 37 (violation 2025-06-01, decision 2026-03-01)
 * on set s; 0 with *r, or -1. */
static int fume_case(const struct discretion_set *s, struct discretion_result *r)
{
	struct zerr e = ZERR_INIT;
	json_t *c = json_pack("{s:b, s:b, s:s, s:b, s:b, s:b, s:i}", "first_violation", 0,
			      "corrected", 0, "harm", "none", "repeat", 0, "art32", 0, "minor", 0,
			      "excess_pct", 50);
	struct zdate v = { 2025, 6, 1 }, d = { 2026, 3, 1 };
	int rc = discretion_evaluate(s, "CG000041", v, d, c, r, &e);

	json_decref(c);
	zerr_clear(&e);
	return rc;
}

TEST(discretion_store_add_writes_one_row_and_one_entry_and_refuses_the_version_again)
{
	char path[64];
	db_t *db = fresh_db(path, sizeof(path));
	struct zerr e = ZERR_INIT;

	CHECK(db != NULL);
	CHECK_INT(add_file(db, "CG000041-2023.1.json", 0, &e), 0);
	CHECK_INT((int)count(db, "SELECT COUNT(*) FROM discretion_tables"), 1);
	CHECK_INT((int)count(db, "SELECT COUNT(*) FROM ledger_entries WHERE obj_type = 'discretion_table'"), 1);
	CHECK_INT(add_file(db, "CG000041-2023.1.json", 0, &e), -1);
	CHECK_INT(e.status, 409);
	CHECK_STR(e.code, "discretion_version_exists");
	zerr_clear(&e);
	CHECK_INT(add_file(db, "CG000041-2023.1.json", DISCRETION_SAME_OK, &e), 1);
	CHECK_INT((int)count(db, "SELECT COUNT(*) FROM ledger_entries"), 1);
	zerr_clear(&e);
	drop_db(&db, path);
}

TEST(discretion_store_set_follows_the_rows_and_a_set_in_use_survives_a_swap)
{
	char path[64];
	db_t *db = fresh_db(path, sizeof(path));
	struct zerr e = ZERR_INIT;
	struct discretion_ref *a = NULL, *b = NULL;
	struct discretion_result r;

	CHECK(db != NULL);
	CHECK_INT(add_file(db, "CG000041-2023.1.json", 0, &e), 0);
	a = discretion_acquire(db);
	CHECK(a != NULL);
	CHECK_INT(fume_case(discretion_ref_set(a), &r), 0);
	CHECK_STR(r.version, "2023.1");
	CHECK_INT(r.applied_newer, 0);
	/* a new version stored by this process is used at once; a still holds the old set */
	CHECK_INT(add_file(db, "CG000041-2026.1.json", 0, &e), 0);
	b = discretion_acquire(db);
	CHECK(b != NULL && b != a);
	CHECK_INT(fume_case(discretion_ref_set(b), &r), 0);
	CHECK_STR(r.version, "2026.1"); /* 行政处罚法 Art 37: the lighter new version */
	CHECK_INT(r.applied_newer, 1);
	CHECK_INT((int)r.min_fen, 1000000);
	CHECK_INT(fume_case(discretion_ref_set(a), &r), 0);
	CHECK_STR(r.version, "2023.1");
	discretion_release(&a);
	discretion_release(&b);
	CHECK(a == NULL && b == NULL);
	zerr_clear(&e);
	drop_db(&db, path);
}

TEST(discretion_store_state_commits_to_the_stored_document)
{
	char path[64];
	db_t *db = fresh_db(path, sizeof(path));
	struct zerr e = ZERR_INIT;
	json_t *before = NULL, *after = NULL, *none = NULL;

	CHECK(db != NULL);
	CHECK_INT(add_file(db, "SC000027-2024.1.json", 0, &e), 0);
	CHECK_INT(discretion_store_state(db, "SC000027/2024.1", &before, &e), 0);
	CHECK_STR(json_string_value(json_object_get(before, "item_code")), "SC000027");
	CHECK_INT((int)strlen(json_string_value(json_object_get(before, "sha256"))), 64);
	CHECK_INT(db_exec(db, "UPDATE discretion_tables SET document = document || ' '"), DB_OK);
	CHECK_INT(discretion_store_state(db, "SC000027/2024.1", &after, &e), 0);
	CHECK(!json_equal(before, after));
	CHECK_INT(discretion_store_state(db, "SC000027/1999", &none, &e), 1);
	CHECK_INT(discretion_store_state(db, "no-slash", &none, &e), 1);
	json_decref(before);
	json_decref(after);
	zerr_clear(&e);
	drop_db(&db, path);
}
