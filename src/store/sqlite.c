/* sqlite.c: the SQLite driver. WAL, synchronous=FULL, foreign keys, busy timeout,
 * and a per-connection cache of prepared statements keyed by SQL text. */
#include <assert.h>
#include <sqlite3.h>
#include <stdint.h>
#include <string.h>

#include "store/db.h"

#define STMT_CACHE 512 /* slots; open addressing, so at most STMT_CACHE-1 statements */

struct db_stmt {
	struct db_stmt_head h;
	sqlite3_stmt *s;
	const char *sql;  /* owned copy of the key */
	int nparams;
	uint64_t bound;   /* bit i set when param i+1 was bound (up to 64 params checked) */
	int started, done;
	int64_t changes;
};

struct sqlite_db {
	struct db base;
	sqlite3 *conn;
	struct db_stmt *cache[STMT_CACHE];
	char err[256];
};

static uint64_t fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

static int map_rc(struct sqlite_db *d, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
		return DB_OK;
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_CONSTRAINT:
		rc = DB_CONSTRAINT;
		break;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		rc = DB_RETRY;
		break;
	case SQLITE_MISUSE:
	case SQLITE_RANGE:
		rc = DB_MISUSE;
		break;
	default:
		rc = DB_ERROR;
	}
	snprintf(d->err, sizeof(d->err), "%s", sqlite3_errmsg(d->conn));
	return rc;
}

static db_t *sq_open(const char *url, char **err_r)
{
	struct sqlite_db *d = calloc(1, sizeof(*d));
	const char *path = url + strlen("sqlite:");

	if (!d)
		goto fail;
	d->base.drv = &db_driver_sqlite;
	if (sqlite3_open_v2(path, &d->conn,
			    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK)
		goto fail;
	sqlite3_busy_timeout(d->conn, 10000);
	sqlite3_extended_result_codes(d->conn, 1);
	/* A legal record that vanishes on power loss is not a record: WAL + FULL. */
	if (sqlite3_exec(d->conn,
			 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
			 "PRAGMA temp_store=MEMORY;",
			 NULL, NULL, NULL) != SQLITE_OK)
		goto fail;
	return &d->base;
fail:
	if (err_r)
		*err_r = strdup(d && d->conn ? sqlite3_errmsg(d->conn) : "cannot open SQLite database");
	if (d) {
		sqlite3_close(d->conn);
		free(d);
	}
	return NULL;
}

static void sq_close(db_t *db)
{
	struct sqlite_db *d = (struct sqlite_db *)db;
	size_t i;

	for (i = 0; i < STMT_CACHE; i++) {
		if (!d->cache[i])
			continue;
		sqlite3_finalize(d->cache[i]->s);
		free((char *)d->cache[i]->sql);
		free(d->cache[i]);
	}
	sqlite3_close(d->conn);
	free(d);
}

static int sq_exec(db_t *db, const char *sql)
{
	struct sqlite_db *d = (struct sqlite_db *)db;

	return map_rc(d, sqlite3_exec(d->conn, sql, NULL, NULL, NULL));
}

static db_stmt_t *sq_prepare(db_t *db, const char *sql)
{
	struct sqlite_db *d = (struct sqlite_db *)db;
	size_t i = fnv1a(sql) % STMT_CACHE, n;
	struct db_stmt *st;

	for (n = 0; n < STMT_CACHE - 1; n++, i = (i + 1) % STMT_CACHE) {
		st = d->cache[i];
		if (!st)
			break;
		if (strcmp(st->sql, sql) == 0) {
			sqlite3_reset(st->s);
			sqlite3_clear_bindings(st->s);
			st->bound = 0;
			st->started = st->done = 0;
			st->changes = 0;
			return st;
		}
	}
	assert(n < STMT_CACHE - 1 && "statement cache full: raise STMT_CACHE");
	st = calloc(1, sizeof(*st));
	if (!st)
		return NULL;
	st->h.db = db;
	if (sqlite3_prepare_v3(d->conn, sql, -1, SQLITE_PREPARE_PERSISTENT, &st->s, NULL) !=
	    SQLITE_OK) {
		map_rc(d, sqlite3_errcode(d->conn));
		free(st);
		return NULL;
	}
	st->sql = strdup(sql);
	if (!st->sql) {
		sqlite3_finalize(st->s);
		free(st);
		return NULL;
	}
	st->nparams = sqlite3_bind_parameter_count(st->s);
	d->cache[i] = st;
	return st;
}

static void sq_bind(db_stmt_t *st, int idx, int type, const void *p, size_t n, int64_t v)
{
	assert(idx >= 1 && idx <= st->nparams && "bind index out of range");
	assert(!st->started && "bind after step");
	switch (type) {
	case DB_T_INT: sqlite3_bind_int64(st->s, idx, v); break;
	case DB_T_TEXT: sqlite3_bind_text(st->s, idx, p, (int)n, SQLITE_TRANSIENT); break;
	case DB_T_BLOB: sqlite3_bind_blob(st->s, idx, n ? p : "", (int)n, SQLITE_TRANSIENT); break;
	default: sqlite3_bind_null(st->s, idx);
	}
	if (idx <= 64)
		st->bound |= 1ULL << (idx - 1);
}

static int sq_step(db_stmt_t *st)
{
	struct sqlite_db *d = (struct sqlite_db *)st->h.db;
	int rc;

	if (st->done)
		return DB_OK;
	if (!st->started) {
		int lim = st->nparams < 64 ? st->nparams : 64;

		assert(st->bound == (lim == 64 ? ~0ULL : (1ULL << lim) - 1) && "missing bind");
		(void)lim;
		st->started = 1;
	}
	rc = sqlite3_step(st->s);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	st->done = 1;
	if (rc == SQLITE_DONE)
		st->changes = sqlite3_changes64(d->conn);
	rc = map_rc(d, rc);
	if (rc != DB_OK)
		sqlite3_reset(st->s);
	return rc;
}

static int64_t sq_changes(db_stmt_t *st)
{
	return st->changes;
}

static int sq_col_count(db_stmt_t *st)
{
	return sqlite3_column_count(st->s);
}

static int sq_col_isnull(db_stmt_t *st, int col)
{
	return sqlite3_column_type(st->s, col) == SQLITE_NULL;
}

static int64_t sq_col_int(db_stmt_t *st, int col)
{
	return sqlite3_column_int64(st->s, col);
}

static const char *sq_col_text(db_stmt_t *st, int col)
{
	return (const char *)sqlite3_column_text(st->s, col);
}

static const void *sq_col_blob(db_stmt_t *st, int col, size_t *len_r)
{
	const void *p = sqlite3_column_blob(st->s, col);

	*len_r = (size_t)sqlite3_column_bytes(st->s, col);
	return p;
}

static const char *sq_errmsg(const db_t *db)
{
	return ((const struct sqlite_db *)db)->err;
}

const struct db_driver db_driver_sqlite = {
	.name = "sqlite",
	.dialect = DB_SQLITE,
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.prepare = sq_prepare,
	.bind = sq_bind,
	.step = sq_step,
	.changes = sq_changes,
	.col_count = sq_col_count,
	.col_isnull = sq_col_isnull,
	.col_int = sq_col_int,
	.col_text = sq_col_text,
	.col_blob = sq_col_blob,
	.errmsg = sq_errmsg,
};
