/* db.h: zhifa's one storage interface, two drivers (SQLite, PostgreSQL via libpq),
 * in the shape of dovecot's lib-sql: a driver is a constant table of function pointers,
 * capabilities are flags, errors are one small enum.
 *
 * SQL in the source is portable: `?` placeholders (the PostgreSQL driver rewrites them
 * to $1..$n once at prepare time), INTEGER/BIGINT ids, TEXT, JSON as TEXT, booleans as
 * integers, RETURNING, ON CONFLICT. Statements are always prepared and cached per
 * connection; no SQL text is ever built from user input.
 *
 * A connection belongs to one thread at a time. */
#ifndef ZHIFA_DB_H
#define ZHIFA_DB_H

#include <stddef.h>
#include <stdint.h>

#include "core/err.h"

enum db_rc {
	DB_OK = 0,      /* done, no (more) rows */
	DB_ROW = 1,     /* db_step: a row is ready */
	DB_CONSTRAINT = -1, /* unique / foreign key / check violated */
	DB_RETRY = -2,  /* busy, serialization failure, deadlock: run the transaction again */
	DB_CONN = -3,   /* connection lost */
	DB_MISUSE = -4, /* programmer error: bad SQL, wrong bind count */
	DB_ERROR = -5   /* anything else */
};

enum db_dialect { DB_SQLITE, DB_POSTGRES };

typedef struct db db_t;
typedef struct db_stmt db_stmt_t;

/* Opens a connection for url ("sqlite:PATH" or "postgres://..."/"postgresql://...").
 * SQLite connections run in WAL mode with synchronous=FULL, foreign keys on and a
 * busy timeout. Returns NULL with *err_r set (free() it) on failure. */
db_t *db_open(const char *url, char **err_r);
void db_close(db_t **db);
enum db_dialect db_dialect(const db_t *db);
/* The last driver message, for logs; never NULL. */
const char *db_errmsg(const db_t *db);

/* Runs SQL text that has no parameters and returns no rows (may hold several
 * statements). For migrations and fixed statements only, never user input. */
int db_exec(db_t *db, const char *sql);

/* Returns the prepared statement for sql, prepared once per connection and then
 * taken from the connection's cache; sql must be a string constant (the cache is
 * keyed by its text). Resets it and clears old binds. NULL on error (see db_errmsg). */
db_stmt_t *db_prepare(db_t *db, const char *sql);

/* Binds are 1-based like SQLite's. text is copied. Binding an index that does not
 * exist in the statement is a programmer error and asserts. */
void db_bind_int(db_stmt_t *st, int idx, int64_t v);
void db_bind_text(db_stmt_t *st, int idx, const char *s); /* NULL binds NULL */
void db_bind_blob(db_stmt_t *st, int idx, const void *p, size_t n);
void db_bind_null(db_stmt_t *st, int idx);

/* Executes (first call) and advances: DB_ROW while rows remain, then DB_OK, or an
 * error rc. All binds must be set before the first step (asserts otherwise). */
int db_step(db_stmt_t *st);
/* Steps a statement that must not return rows; DB_OK or an error rc. */
int db_run(db_stmt_t *st);
/* Rows changed by the last db_run/db_step of st (INSERT/UPDATE/DELETE). */
int64_t db_changes(db_stmt_t *st);

/* Column access for the current row, 0-based. Text is valid until the next step
 * or prepare of this statement. NULL columns read as 0 / NULL. */
int db_col_count(db_stmt_t *st);
int db_col_isnull(db_stmt_t *st, int col);
int64_t db_col_int(db_stmt_t *st, int col);
const char *db_col_text(db_stmt_t *st, int col);
const void *db_col_blob(db_stmt_t *st, int col, size_t *len_r);

/* Transactions. db_begin(db, 1) starts a write transaction (SQLite: BEGIN IMMEDIATE,
 * so that two writers never deadlock; PostgreSQL: BEGIN at READ COMMITTED).
 * Nesting is a programmer error. db_rollback is harmless outside a transaction. */
int db_begin(db_t *db, int write);
int db_commit(db_t *db);
void db_rollback(db_t *db);
int db_in_tx(const db_t *db);

/* Applies the embedded numbered migrations not yet recorded in schema_migrations,
 * each in its own transaction. In a migration, {{ID}} becomes the dialect's
 * auto-increment integer primary key, {{BLOB}} its byte type and {{NOW}} its current
 * UTC instant as ISO-8601 text; a file NNN_name.sqlite.sql or NNN_name.pg.sql is
 * applied on that engine only. */
int db_migrate(db_t *db, struct zerr *e);

/* Turns a driver rc into a problem: constraint → 409 conflict, retry → 503,
 * others → 500. Returns -1. */
int db_zerr(db_t *db, int rc, struct zerr *e);

/* ---- driver side ---- */
struct db_driver {
	const char *name;
	enum db_dialect dialect;
	db_t *(*open)(const char *url, char **err_r);
	void (*close)(db_t *db);
	int (*exec)(db_t *db, const char *sql);
	db_stmt_t *(*prepare)(db_t *db, const char *sql);
	void (*bind)(db_stmt_t *st, int idx, int type, const void *p, size_t n, int64_t v);
	int (*step)(db_stmt_t *st);
	int64_t (*changes)(db_stmt_t *st);
	int (*col_count)(db_stmt_t *st);
	int (*col_isnull)(db_stmt_t *st, int col);
	int64_t (*col_int)(db_stmt_t *st, int col);
	const char *(*col_text)(db_stmt_t *st, int col);
	const void *(*col_blob)(db_stmt_t *st, int col, size_t *len_r);
	const char *(*errmsg)(const db_t *db);
};

enum { DB_T_NULL, DB_T_INT, DB_T_TEXT, DB_T_BLOB };

/* Every connection struct starts with this header. */
struct db {
	const struct db_driver *drv;
	int in_tx;
};

/* Every driver's statement struct starts with this header (as its first member),
 * so that db.c can reach the connection and its driver. */
struct db_stmt_head {
	db_t *db;
};

extern const struct db_driver db_driver_sqlite;
extern const struct db_driver db_driver_postgres;

#endif
