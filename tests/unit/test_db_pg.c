/* test_db_pg.c: the PostgreSQL driver's contract, spoken straight through the
 * db_driver_postgres table (no db.c needed). The tests need a server: they are
 * registered only when ZHIFA_TEST_PG_URL names a database, so `./build/test-unit`
 * alone still runs. tests/run.sh always sets it (from `scripts/pg.sh start DIR`), so
 * in `make test` they always run. By hand:
 *
 *   D=$(mktemp -d); URL=$(scripts/pg.sh start $D)
 *   ZHIFA_TEST_PG_URL=$URL ./build/test-unit-asan db_pg; scripts/pg.sh stop $D
 *
 * Every test makes its own tables (t_pg_*), dropping leftovers first. */
#include <stdint.h>

#include "store/db.h"
#include "t.h"

#define PG_TEST(name)                                                   \
	static void name(void);                                             \
	__attribute__((constructor)) static void t_reg_##name(void)         \
	{                                                                   \
		if (getenv("ZHIFA_TEST_PG_URL"))                                \
			t_register(#name, name, __FILE__);                          \
	}                                                                   \
	static void name(void)

static const struct db_driver *const D = &db_driver_postgres;

static db_t *pg_connect(void)
{
	char *err = NULL;
	db_t *db = D->open(getenv("ZHIFA_TEST_PG_URL"), &err);

	if (!db) {
		printf("    open: %s\n", err ? err : "(no message)");
		free(err);
	}
	return db; /* cppcheck-suppress returnDanglingLifetime ; err is an out-parameter, not kept */
}

static void pg_disconnect(db_t **db)
{
	if (*db)
		D->close(*db);
	*db = NULL;
}

static void b_int(db_stmt_t *st, int i, int64_t v)
{
	D->bind(st, i, DB_T_INT, NULL, 0, v);
}

static void b_text(db_stmt_t *st, int i, const char *s)
{
	D->bind(st, i, s ? DB_T_TEXT : DB_T_NULL, s, s ? strlen(s) : 0, 0);
}

static void b_blob(db_stmt_t *st, int i, const void *p, size_t n)
{
	D->bind(st, i, DB_T_BLOB, p, n, 0);
}

static void b_null(db_stmt_t *st, int i)
{
	D->bind(st, i, DB_T_NULL, NULL, 0, 0);
}

/* The first column of the only row of a parameterless query; INT64_MIN on failure. */
static int64_t q_int(db_t *db, const char *sql)
{
	db_stmt_t *st = D->prepare(db, sql);
	int64_t v;

	if (!st || D->step(st) != DB_ROW)
		return INT64_MIN;
	v = D->col_int(st, 0);
	return D->step(st) == DB_OK ? v : INT64_MIN;
}

static int contains(const char *hay, const char *needle)
{
	return hay && strstr(hay, needle) != NULL;
}

PG_TEST(pg_open_sets_utf8_utc_read_committed)
{
	db_t *db = pg_connect();
	db_stmt_t *st;

	CHECK(db);
	CHECK_INT(db->drv == D, 1);
	CHECK_INT(D->dialect, DB_POSTGRES);
	CHECK_STR(D->errmsg(db), "");
	st = D->prepare(db, "SELECT current_setting('client_encoding'), current_setting('TimeZone'),"
			    " current_setting('default_transaction_isolation')");
	CHECK(st);
	CHECK_INT(D->step(st), DB_ROW);
	CHECK_INT(D->col_count(st), 3);
	CHECK_STR(D->col_text(st, 0), "UTF8");
	CHECK_STR(D->col_text(st, 1), "UTC");
	CHECK_STR(D->col_text(st, 2), "read committed");
	CHECK_INT(D->step(st), DB_OK);
	pg_disconnect(&db);
}

PG_TEST(pg_open_refused_gives_message)
{
	char *err = NULL;
	db_t *db = D->open("postgres://postgres:secret@127.0.0.1:1/zhifa_test", &err);

	CHECK(!db);
	CHECK(err);
	CHECK(!strncmp(err, "postgres: ", 10));
	CHECK(!contains(err, "secret"));
	free(err);
}

PG_TEST(pg_prepare_rewrites_placeholders_outside_literals)
{
	db_t *db = pg_connect();
	db_stmt_t *st;

	CHECK(db);
	st = D->prepare(db, "SELECT ? AS a, '?' AS b, 'it''s ?' AS c, E'\\'?' AS d,"
			    " $$?$$ AS e, $q$ '? $q$ AS f, /* ? /* ? */ ? */ ? AS \"what?\", \"?\".x"
			    " FROM (SELECT 7 AS x) AS \"?\" -- trailing ?\n");
	CHECK(st);
	b_text(st, 1, "first");
	b_int(st, 2, 42);
	CHECK_INT(D->step(st), DB_ROW);
	CHECK_INT(D->col_count(st), 8);
	CHECK_STR(D->col_text(st, 0), "first");
	CHECK_STR(D->col_text(st, 1), "?");
	CHECK_STR(D->col_text(st, 2), "it's ?");
	CHECK_STR(D->col_text(st, 3), "'?");
	CHECK_STR(D->col_text(st, 4), "?");
	CHECK_STR(D->col_text(st, 5), " '? ");
	CHECK_STR(D->col_text(st, 6), "42");
	CHECK_INT(D->col_int(st, 7), 7);
	CHECK_INT(D->step(st), DB_OK);

	st = D->prepare(db, "SELECT CAST(? AS BIGINT) + CAST(? AS BIGINT) * 10");
	CHECK(st);
	b_int(st, 1, 1);
	b_int(st, 2, 2);
	CHECK_INT(D->step(st), DB_ROW);
	CHECK_INT(D->col_int(st, 0), 21);
	pg_disconnect(&db);
}

PG_TEST(pg_bind_round_trips_int_text_null_blob)
{
	static const char zh[] = "行政处罚决定书（黄综执罚〔2026〕第〇一号）：罚款人民币伍仟元整";
	unsigned char bytes[256 + 3];
	db_t *db = pg_connect();
	db_stmt_t *st;
	const void *p;
	size_t n, i;

	CHECK(db);
	for (i = 0; i < 256; i++)
		bytes[i] = (unsigned char)(255 - i); /* every byte, 0x80-0xff first */
	bytes[256] = 0;
	bytes[257] = 0;
	bytes[258] = 'x';
	CHECK_INT(D->exec(db, "DROP TABLE IF EXISTS t_pg_round;"
			      "CREATE TABLE t_pg_round (id INTEGER PRIMARY KEY, n BIGINT,"
			      " s TEXT, b BYTEA)"), DB_OK);
	st = D->prepare(db, "INSERT INTO t_pg_round (id, n, s, b) VALUES (?, ?, ?, ?)");
	CHECK(st);
	b_int(st, 1, 1);
	b_int(st, 2, INT64_MAX);
	b_text(st, 3, zh);
	b_blob(st, 4, bytes, sizeof(bytes));
	CHECK_INT(D->step(st), DB_OK);
	CHECK_INT(D->changes(st), 1);

	st = D->prepare(db, "INSERT INTO t_pg_round (id, n, s, b) VALUES (?, ?, ?, ?)");
	b_int(st, 1, 2);
	b_int(st, 2, INT64_MIN);
	b_text(st, 3, NULL);
	b_null(st, 4);
	CHECK_INT(D->step(st), DB_OK);

	st = D->prepare(db, "INSERT INTO t_pg_round (id, n, s, b) VALUES (?, ?, ?, ?)");
	b_int(st, 1, 3);
	b_null(st, 2);
	b_text(st, 3, "");
	b_blob(st, 4, "", 0);
	CHECK_INT(D->step(st), DB_OK);

	st = D->prepare(db, "SELECT n, s, b, length(b), octet_length(s) FROM t_pg_round"
			    " WHERE id = ?");
	b_int(st, 1, 1);
	CHECK_INT(D->step(st), DB_ROW);
	CHECK_INT(D->col_int(st, 0), INT64_MAX);
	CHECK_STR(D->col_text(st, 1), zh);
	CHECK_INT(D->col_int(st, 4), strlen(zh));
	p = D->col_blob(st, 2, &n);
	CHECK(p);
	CHECK_INT(n, sizeof(bytes));
	CHECK(!memcmp(p, bytes, n));
	CHECK_INT(D->col_int(st, 3), sizeof(bytes));
	/* a second read of the same column gives the same bytes */
	CHECK(D->col_blob(st, 2, &n) == p);
	CHECK_INT(D->step(st), DB_OK);

	st = D->prepare(db, "SELECT n, s, b, s IS NULL, b IS NULL FROM t_pg_round WHERE id = ?");
	b_int(st, 1, 2);
	CHECK_INT(D->step(st), DB_ROW);
	CHECK_INT(D->col_int(st, 0), INT64_MIN);
	CHECK_INT(D->col_isnull(st, 0), 0);
	CHECK_INT(D->col_isnull(st, 1), 1);
	CHECK(D->col_text(st, 1) == NULL);
	CHECK_INT(D->col_isnull(st, 2), 1);
	CHECK(D->col_blob(st, 2, &n) == NULL);
	CHECK_INT(n, 0);
	CHECK_INT(D->col_int(st, 3), 1);
	CHECK_INT(D->col_int(st, 4), 1);
	CHECK_INT(D->step(st), DB_OK);

	b_int(D->prepare(db, "SELECT n, s, b, s IS NULL, b IS NULL FROM t_pg_round WHERE id = ?"),
	      1, 3);
	CHECK_INT(D->step(st), DB_ROW);
	CHECK_INT(D->col_isnull(st, 0), 1);
	CHECK_INT(D->col_int(st, 0), 0);
	CHECK_STR(D->col_text(st, 1), "");
	CHECK_INT(D->col_isnull(st, 2), 0);
	D->col_blob(st, 2, &n);
	CHECK_INT(n, 0);
	CHECK_INT(D->col_int(st, 3), 0);
	CHECK_INT(D->col_int(st, 4), 0);
	CHECK_INT(D->step(st), DB_OK);

	/* Chinese text as a parameter in a comparison, not only stored */
	st = D->prepare(db, "SELECT count(*) FROM t_pg_round WHERE s = ?");
	b_text(st, 1, zh);
	CHECK_INT(D->step(st), DB_ROW);
	CHECK_INT(D->col_int(st, 0), 1);
	pg_disconnect(&db);
}

PG_TEST(pg_text_with_nul_byte_is_misuse)
{
	db_t *db = pg_connect();
	db_stmt_t *st;

	CHECK(db);
	st = D->prepare(db, "SELECT CAST(? AS TEXT)");
	CHECK(st);
	D->bind(st, 1, DB_T_TEXT, "a\0b", 3, 0);
	CHECK_INT(D->step(st), DB_MISUSE);
	CHECK(contains(D->errmsg(db), "NUL"));
	pg_disconnect(&db);
}

PG_TEST(pg_unique_violation_is_constraint)
{
	db_t *db = pg_connect();
	db_stmt_t *st;

	CHECK(db);
	CHECK_INT(D->exec(db, "DROP TABLE IF EXISTS t_pg_uniq_child; DROP TABLE IF EXISTS t_pg_uniq;"
			      "CREATE TABLE t_pg_uniq (id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE);"
			      "CREATE TABLE t_pg_uniq_child (id INTEGER PRIMARY KEY,"
			      " parent INTEGER NOT NULL REFERENCES t_pg_uniq (id))"), DB_OK);
	st = D->prepare(db, "INSERT INTO t_pg_uniq (id, code) VALUES (?, ?)");
	b_int(st, 1, 1);
	b_text(st, 2, "黄综执罚〔2026〕1号");
	CHECK_INT(D->step(st), DB_OK);

	st = D->prepare(db, "INSERT INTO t_pg_uniq (id, code) VALUES (?, ?)");
	b_int(st, 1, 2);
	b_text(st, 2, "黄综执罚〔2026〕1号");
	CHECK_INT(D->step(st), DB_CONSTRAINT);
	CHECK_INT(D->changes(st), 0);
	CHECK(contains(D->errmsg(db), "duplicate key"));
	CHECK(!strchr(D->errmsg(db), '\n'));
	/* once done, the statement keeps its answer */
	CHECK_INT(D->step(st), DB_CONSTRAINT);

	st = D->prepare(db, "INSERT INTO t_pg_uniq (id, code) VALUES (?, ?)");
	b_int(st, 1, 3);
	b_null(st, 2);
	CHECK_INT(D->step(st), DB_CONSTRAINT); /* NOT NULL, 23502 */

	st = D->prepare(db, "INSERT INTO t_pg_uniq_child (id, parent) VALUES (?, ?)");
	b_int(st, 1, 1);
	b_int(st, 2, 99);
	CHECK_INT(D->step(st), DB_CONSTRAINT); /* foreign key, 23503 */
	CHECK_INT(q_int(db, "SELECT count(*) FROM t_pg_uniq"), 1);
	pg_disconnect(&db);
}

PG_TEST(pg_bad_sql_is_misuse)
{
	db_t *db = pg_connect();

	CHECK(db);
	CHECK_INT(D->exec(db, "SELEC 1"), DB_MISUSE);
	CHECK(contains(D->errmsg(db), "syntax error"));
	CHECK_INT(D->exec(db, "SELECT * FROM t_pg_no_such_table"), DB_MISUSE);
	CHECK(contains(D->errmsg(db), "t_pg_no_such_table"));
	CHECK(D->prepare(db, "SELEC ?") == NULL);
	CHECK(contains(D->errmsg(db), "syntax error"));
	CHECK(D->prepare(db, "SELECT nope FROM t_pg_no_such_table WHERE x = ?") == NULL);
	CHECK(contains(D->errmsg(db), "does not exist"));
	/* the connection is still good */
	CHECK_INT(q_int(db, "SELECT 1"), 1);
	CHECK_INT(D->exec(db, ""), DB_OK);
	pg_disconnect(&db);
}

PG_TEST(pg_runtime_error_is_error)
{
	db_t *db = pg_connect();
	db_stmt_t *st;

	CHECK(db);
	st = D->prepare(db, "SELECT 1 / CAST(? AS INTEGER)");
	b_int(st, 1, 0);
	CHECK_INT(D->step(st), DB_ERROR); /* 22012 division_by_zero */
	CHECK(contains(D->errmsg(db), "division by zero"));
	pg_disconnect(&db);
}

PG_TEST(pg_transaction_commit_and_rollback)
{
	db_t *db = pg_connect(), *other = pg_connect();
	db_stmt_t *st;

	CHECK(db && other);
	CHECK_INT(D->exec(db, "DROP TABLE IF EXISTS t_pg_tx; CREATE TABLE t_pg_tx (id INTEGER PRIMARY KEY)"),
		  DB_OK);

	CHECK_INT(D->exec(db, "BEGIN"), DB_OK);
	st = D->prepare(db, "INSERT INTO t_pg_tx (id) VALUES (?)");
	b_int(st, 1, 1);
	CHECK_INT(D->step(st), DB_OK);
	CHECK_INT(q_int(db, "SELECT count(*) FROM t_pg_tx"), 1);
	CHECK_INT(q_int(other, "SELECT count(*) FROM t_pg_tx"), 0); /* not yet committed */
	CHECK_INT(D->exec(db, "ROLLBACK"), DB_OK);
	CHECK_INT(q_int(db, "SELECT count(*) FROM t_pg_tx"), 0);

	CHECK_INT(D->exec(db, "BEGIN"), DB_OK);
	st = D->prepare(db, "INSERT INTO t_pg_tx (id) VALUES (?)");
	b_int(st, 1, 2);
	CHECK_INT(D->step(st), DB_OK);
	CHECK_INT(D->exec(db, "COMMIT"), DB_OK);
	CHECK_INT(q_int(other, "SELECT count(*) FROM t_pg_tx"), 1);

	/* an error aborts the transaction: later statements fail until ROLLBACK */
	CHECK_INT(D->exec(db, "BEGIN"), DB_OK);
	st = D->prepare(db, "INSERT INTO t_pg_tx (id) VALUES (?)");
	b_int(st, 1, 3);
	CHECK_INT(D->step(st), DB_OK);
	st = D->prepare(db, "INSERT INTO t_pg_tx (id) VALUES (?)");
	b_int(st, 1, 2);
	CHECK_INT(D->step(st), DB_CONSTRAINT);
	st = D->prepare(db, "INSERT INTO t_pg_tx (id) VALUES (?)");
	b_int(st, 1, 4);
	CHECK_INT(D->step(st), DB_ERROR); /* 25P02 in_failed_sql_transaction */
	CHECK(contains(D->errmsg(db), "aborted"));
	D->exec(db, "ROLLBACK");
	CHECK_INT(q_int(db, "SELECT count(*) FROM t_pg_tx"), 1);
	CHECK_INT(D->exec(db, "ROLLBACK"), DB_OK); /* harmless outside a transaction */
	pg_disconnect(&other);
	pg_disconnect(&db);
}

PG_TEST(pg_serialization_failure_is_retry)
{
	db_t *a = pg_connect(), *b = pg_connect();
	db_stmt_t *st;

	CHECK(a && b);
	CHECK_INT(D->exec(a, "DROP TABLE IF EXISTS t_pg_retry;"
			     "CREATE TABLE t_pg_retry (id INTEGER PRIMARY KEY, v INTEGER);"
			     "INSERT INTO t_pg_retry VALUES (1, 0)"), DB_OK);
	CHECK_INT(D->exec(a, "BEGIN ISOLATION LEVEL REPEATABLE READ"), DB_OK);
	CHECK_INT(q_int(a, "SELECT v FROM t_pg_retry WHERE id = 1"), 0);
	CHECK_INT(D->exec(b, "UPDATE t_pg_retry SET v = 1 WHERE id = 1"), DB_OK);
	st = D->prepare(a, "UPDATE t_pg_retry SET v = ? WHERE id = 1");
	b_int(st, 1, 2);
	CHECK_INT(D->step(st), DB_RETRY); /* 40001 */
	D->exec(a, "ROLLBACK");
	pg_disconnect(&b);
	pg_disconnect(&a);
}

PG_TEST(pg_lost_connection_is_conn)
{
	db_t *a = pg_connect(), *b = pg_connect();
	db_stmt_t *st;
	int64_t pid;

	CHECK(a && b);
	pid = q_int(a, "SELECT pg_backend_pid()");
	CHECK(pid > 0);
	st = D->prepare(b, "SELECT pg_terminate_backend(CAST(? AS INTEGER))");
	b_int(st, 1, pid);
	CHECK_INT(D->step(st), DB_ROW);
	CHECK_INT(D->col_int(st, 0), 1);
	CHECK_INT(D->exec(a, "SELECT 1"), DB_CONN);
	CHECK_INT(D->exec(a, "SELECT 1"), DB_CONN);
	CHECK(D->prepare(a, "SELECT 2") == NULL);
	pg_disconnect(&b);
	pg_disconnect(&a);
}

PG_TEST(pg_changes_counts_rows)
{
	db_t *db = pg_connect();
	db_stmt_t *st;

	CHECK(db);
	CHECK_INT(D->exec(db, "DROP TABLE IF EXISTS t_pg_changes;"
			      "CREATE TABLE t_pg_changes (id INTEGER PRIMARY KEY, fen BIGINT NOT NULL)"),
		  DB_OK);
	st = D->prepare(db, "INSERT INTO t_pg_changes (id, fen) VALUES (?, ?), (?, ?), (?, ?)");
	b_int(st, 1, 1);
	b_int(st, 2, 500000);
	b_int(st, 3, 2);
	b_int(st, 4, 20000);
	b_int(st, 5, 3);
	b_int(st, 6, 20000);
	CHECK_INT(D->step(st), DB_OK);
	CHECK_INT(D->changes(st), 3);

	st = D->prepare(db, "UPDATE t_pg_changes SET fen = fen + 1 WHERE fen = ?");
	b_int(st, 1, 20000);
	CHECK_INT(D->step(st), DB_OK);
	CHECK_INT(D->changes(st), 2);

	st = D->prepare(db, "DELETE FROM t_pg_changes WHERE id = ?");
	b_int(st, 1, 99);
	CHECK_INT(D->step(st), DB_OK);
	CHECK_INT(D->changes(st), 0);

	st = D->prepare(db, "SELECT id FROM t_pg_changes ORDER BY id");
	CHECK_INT(D->step(st), DB_ROW);
	CHECK_INT(D->step(st), DB_ROW);
	CHECK_INT(D->step(st), DB_ROW);
	CHECK_INT(D->col_int(st, 0), 3);
	CHECK_INT(D->step(st), DB_OK);
	CHECK_INT(D->changes(st), 0); /* a SELECT changes nothing */
	CHECK_INT(D->col_count(st), 0);
	CHECK(D->col_text(st, 0) == NULL); /* no current row */
	CHECK_INT(D->step(st), DB_OK);
	pg_disconnect(&db);
}

PG_TEST(pg_statement_cache_reuses_and_resets)
{
	char sql[64];
	db_t *db = pg_connect();
	db_stmt_t *st, *again, *first;
	int i;

	CHECK(db);
	st = D->prepare(db, "SELECT g FROM generate_series(1, CAST(? AS INTEGER)) AS g");
	CHECK(st);
	b_int(st, 1, 3);
	CHECK_INT(D->step(st), DB_ROW);
	CHECK_INT(D->col_int(st, 0), 1);
	/* preparing the same text mid-iteration hands back the same statement, reset */
	again = D->prepare(db, "SELECT g FROM generate_series(1, CAST(? AS INTEGER)) AS g");
	CHECK(again == st);
	b_int(again, 1, 2);
	CHECK_INT(D->step(again), DB_ROW);
	CHECK_INT(D->step(again), DB_ROW);
	CHECK_INT(D->col_int(again, 0), 2);
	CHECK_INT(D->step(again), DB_OK);
	CHECK(D->prepare(db, "SELECT 1") != st);

	/* more statements than the cache holds: the oldest are dropped, all still work */
	first = D->prepare(db, "SELECT 0 AS c0");
	CHECK(first);
	for (i = 1; i < 600; i++) {
		snprintf(sql, sizeof(sql), "SELECT %d AS c%d", i, i);
		CHECK_INT(q_int(db, sql), i);
	}
	CHECK_INT(q_int(db, "SELECT 0 AS c0"), 0);
	CHECK_INT(q_int(db, "SELECT 599 AS c599"), 599);
	CHECK_INT(q_int(db, "SELECT count(*) FROM pg_prepared_statements") <= 512, 1);
	pg_disconnect(&db);
}

PG_TEST(pg_statement_being_read_survives_eviction)
{
	char sql[64];
	db_t *db = pg_connect();
	db_stmt_t *st;
	int i;

	CHECK(db);
	st = D->prepare(db, "SELECT g FROM generate_series(1, 2) AS g");
	CHECK_INT(D->step(st), DB_ROW);
	for (i = 0; i < 600; i++) {
		snprintf(sql, sizeof(sql), "SELECT %d AS e%d", i, i);
		CHECK_INT(q_int(db, sql), i);
	}
	CHECK_INT(D->col_int(st, 0), 1);
	CHECK_INT(D->step(st), DB_ROW);
	CHECK_INT(D->col_int(st, 0), 2);
	CHECK_INT(D->step(st), DB_OK);
	pg_disconnect(&db);
}

PG_TEST(pg_returning_gives_rows)
{
	db_t *db = pg_connect();
	db_stmt_t *st;
	int64_t id;

	CHECK(db);
	CHECK_INT(D->exec(db, "DROP TABLE IF EXISTS t_pg_ret;"
			      "CREATE TABLE t_pg_ret (id BIGINT GENERATED BY DEFAULT AS IDENTITY"
			      " PRIMARY KEY, name TEXT NOT NULL)"), DB_OK);
	st = D->prepare(db, "INSERT INTO t_pg_ret (name) VALUES (?) RETURNING id, name");
	b_text(st, 1, "城管执法局");
	CHECK_INT(D->step(st), DB_ROW);
	id = D->col_int(st, 0);
	CHECK(id > 0);
	CHECK_STR(D->col_text(st, 1), "城管执法局");
	CHECK_INT(D->step(st), DB_OK);
	CHECK_INT(D->changes(st), 1);

	st = D->prepare(db, "UPDATE t_pg_ret SET name = ? WHERE id = ? RETURNING name");
	b_text(st, 1, "综合行政执法局");
	b_int(st, 2, id);
	CHECK_INT(D->step(st), DB_ROW);
	CHECK_STR(D->col_text(st, 0), "综合行政执法局");
	CHECK_INT(D->step(st), DB_OK);
	CHECK_INT(D->changes(st), 1);
	pg_disconnect(&db);
}

PG_TEST(pg_on_conflict_do_nothing)
{
	db_t *db = pg_connect();
	db_stmt_t *st;
	int i;

	CHECK(db);
	CHECK_INT(D->exec(db, "DROP TABLE IF EXISTS t_pg_onc;"
			      "CREATE TABLE t_pg_onc (code TEXT PRIMARY KEY, n INTEGER NOT NULL)"), DB_OK);
	for (i = 0; i < 2; i++) {
		st = D->prepare(db, "INSERT INTO t_pg_onc (code, n) VALUES (?, ?)"
				    " ON CONFLICT (code) DO NOTHING RETURNING n");
		b_text(st, 1, "A01");
		b_int(st, 2, i + 1);
		if (i == 0) {
			CHECK_INT(D->step(st), DB_ROW);
			CHECK_INT(D->col_int(st, 0), 1);
		}
		CHECK_INT(D->step(st), DB_OK);
		CHECK_INT(D->changes(st), i == 0 ? 1 : 0);
	}
	st = D->prepare(db, "INSERT INTO t_pg_onc (code, n) VALUES (?, ?)"
			    " ON CONFLICT (code) DO UPDATE SET n = excluded.n");
	b_text(st, 1, "A01");
	b_int(st, 2, 9);
	CHECK_INT(D->step(st), DB_OK);
	CHECK_INT(D->changes(st), 1);
	CHECK_INT(q_int(db, "SELECT n FROM t_pg_onc WHERE code = 'A01'"), 9);
	pg_disconnect(&db);
}

PG_TEST(pg_booleans_read_as_integers)
{
	db_t *db = pg_connect();
	db_stmt_t *st;

	CHECK(db);
	st = D->prepare(db, "SELECT 1 = 1, 1 = 2, EXISTS (SELECT 1), CAST(NULL AS BOOLEAN)");
	CHECK_INT(D->step(st), DB_ROW);
	CHECK_INT(D->col_int(st, 0), 1);
	CHECK_INT(D->col_int(st, 1), 0);
	CHECK_INT(D->col_int(st, 2), 1);
	CHECK_INT(D->col_isnull(st, 3), 1);
	CHECK_INT(D->col_int(st, 3), 0);
	pg_disconnect(&db);
}

PG_TEST(pg_large_blob_and_text_column_as_blob)
{
	enum { N = 1024 * 1024 };
	unsigned char *big = malloc(N);
	db_t *db = pg_connect();
	db_stmt_t *st;
	const void *p;
	size_t n, i;
	uint32_t x = 2463534242u;

	CHECK(big && db);
	for (i = 0; i < N; i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		big[i] = (unsigned char)x;
	}
	CHECK_INT(D->exec(db, "DROP TABLE IF EXISTS t_pg_big;"
			      "CREATE TABLE t_pg_big (id INTEGER PRIMARY KEY, b BYTEA, s TEXT)"), DB_OK);
	st = D->prepare(db, "INSERT INTO t_pg_big (id, b, s) VALUES (1, ?, ?)");
	b_blob(st, 1, big, N);
	b_text(st, 2, "案卷");
	CHECK_INT(D->step(st), DB_OK);
	st = D->prepare(db, "SELECT b, s, md5(b) = md5(CAST(? AS BYTEA)) FROM t_pg_big WHERE id = 1");
	b_blob(st, 1, big, N);
	CHECK_INT(D->step(st), DB_ROW);
	p = D->col_blob(st, 0, &n);
	CHECK_INT(n, N);
	CHECK(!memcmp(p, big, N));
	CHECK_INT(D->col_int(st, 2), 1);
	p = D->col_blob(st, 1, &n); /* a text column reads as its UTF-8 bytes */
	CHECK_INT(n, strlen("案卷"));
	CHECK(!memcmp(p, "案卷", n));
	free(big);
	pg_disconnect(&db);
}

PG_TEST(pg_write_while_reading_another_statement)
{
	db_t *db = pg_connect();
	db_stmt_t *rd, *wr;
	int rows = 0;

	CHECK(db);
	CHECK_INT(D->exec(db, "DROP TABLE IF EXISTS t_pg_nest;"
			      "CREATE TABLE t_pg_nest (id INTEGER PRIMARY KEY, due TEXT);"
			      "INSERT INTO t_pg_nest VALUES (1, NULL), (2, NULL), (3, NULL)"), DB_OK);
	rd = D->prepare(db, "SELECT id FROM t_pg_nest ORDER BY id");
	while (D->step(rd) == DB_ROW) {
		wr = D->prepare(db, "UPDATE t_pg_nest SET due = ? WHERE id = ?");
		CHECK(wr != rd);
		b_text(wr, 1, "2026-10-09");
		b_int(wr, 2, D->col_int(rd, 0));
		CHECK_INT(D->step(wr), DB_OK);
		CHECK_INT(D->changes(wr), 1);
		rows++;
	}
	CHECK_INT(rows, 3);
	CHECK_INT(q_int(db, "SELECT count(*) FROM t_pg_nest WHERE due = '2026-10-09'"), 3);
	pg_disconnect(&db);
}

PG_TEST(pg_exec_stops_at_first_failing_statement)
{
	db_t *db = pg_connect();

	CHECK(db);
	CHECK_INT(D->exec(db, "DROP TABLE IF EXISTS t_pg_multi;"
			      "CREATE TABLE t_pg_multi (id INTEGER PRIMARY KEY)"), DB_OK);
	/* one implicit transaction: nothing of it stays */
	CHECK_INT(D->exec(db, "INSERT INTO t_pg_multi VALUES (1);"
			      "INSERT INTO t_pg_multi VALUES (1);"
			      "INSERT INTO t_pg_multi VALUES (2)"), DB_CONSTRAINT);
	CHECK_INT(q_int(db, "SELECT count(*) FROM t_pg_multi"), 0);
	pg_disconnect(&db);
}
