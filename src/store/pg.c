/* pg.c: the PostgreSQL driver behind db.h, on libpq.
 *
 * Statements are prepared once per connection (PQprepare under a generated name) and
 * kept in a bounded cache keyed by their SQL text; `?` placeholders become $1..$n at
 * that moment. Parameters go out natively: text and decimal integers in text format,
 * blobs in binary format. Results come back in text format; bytea columns are decoded
 * from their hex form when read as blobs. SQLSTATE classes map onto enum db_rc. */
#include "store/db.h"

#include <assert.h>
#include <inttypes.h>
#include <limits.h>

#include <libpq-fe.h>

#include "core/buf.h"
#include "core/log.h"

enum {
	PG_CACHE_MAX = 512,       /* prepared statements kept per connection */
	PG_SQL_MAX = 1024 * 1024, /* longest SQL text after rewriting */
	PG_PARAM_MAX = 65535,     /* the protocol's limit on parameters */
	PG_BYTEAOID = 17
};

struct pg_param {
	char *data; /* owned; text values are NUL-terminated */
	size_t cap;
	int len;
	int format; /* 0 text, 1 binary */
	unsigned char set, isnull;
};

enum pg_state { PG_READY, PG_ROWS, PG_DONE };

/* The statement. Every driver's struct db_stmt starts with the owning connection, so
 * the generic layer can reach the driver table as st->db->drv. */
struct db_stmt {
	struct db *db;
	char *sql;     /* the cache key, as the caller wrote it */
	uint64_t hash; /* of sql */
	uint64_t used; /* connection tick of the last prepare, for eviction */
	char name[32]; /* server-side name */
	int nparams;
	struct pg_param *params;
	const char **values; /* PQexecPrepared's arrays, filled at the first step */
	int *lengths;
	int *formats;
	int bind_rc; /* DB_OK, or why a bind failed (reported by the first step) */
	enum pg_state state;
	int done_rc; /* what step keeps answering once the statement is done */
	PGresult *res;
	int row, nrows;
	int64_t changes;
	unsigned char **blobs; /* per column: decoded bytea of the current row */
	size_t *blob_lens;
	int nblobs;
};

struct pg_db {
	struct db base; /* first: the generic layer sees a db_t */
	PGconn *conn;
	struct db_stmt **cache; /* PG_CACHE_MAX slots, sorted by (hash, sql) */
	size_t ncache;
	uint64_t tick;
	unsigned long next_id;
	char errmsg[1024];
};

static struct pg_db *pg_of(const db_t *db)
{
	assert(db && db->drv == &db_driver_postgres);
	return (struct pg_db *)db;
}

/* Keeps msg on one line, as the log wants it. */
static void pg_seterr(struct pg_db *pg, const char *msg)
{
	char *p;

	if (!msg || !*msg)
		msg = "unknown PostgreSQL error";
	snprintf(pg->errmsg, sizeof(pg->errmsg), "%s", msg);
	for (p = pg->errmsg; *p; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	while (p > pg->errmsg && p[-1] == ' ')
		*--p = '\0';
}

static void pg_seterr_res(struct pg_db *pg, const PGresult *res)
{
	const char *m = res ? PQresultErrorMessage(res) : "";

	pg_seterr(pg, *m ? m : PQerrorMessage(pg->conn));
}

/* Maps a failed result (or none) to a db_rc by its SQLSTATE class. */
static int pg_rc(struct pg_db *pg, const PGresult *res)
{
	const char *s = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;

	if (PQstatus(pg->conn) == CONNECTION_BAD)
		return DB_CONN;
	if (!s || strlen(s) != 5)
		return DB_ERROR;
	if (!strncmp(s, "23", 2))
		return DB_CONSTRAINT;
	if (!strcmp(s, "40001") || !strcmp(s, "40P01"))
		return DB_RETRY;
	/* 57P01..57P03: the server is shutting down or not yet up; the session is gone */
	if (!strncmp(s, "08", 2) || !strcmp(s, "57P01") || !strcmp(s, "57P02") ||
	    !strcmp(s, "57P03"))
		return DB_CONN;
	if (!strncmp(s, "42", 2))
		return DB_MISUSE;
	return DB_ERROR;
}

static void pg_notice(void *arg, const char *msg)
{
	(void)arg;
	log_debug("postgres: %.*s", (int)strcspn(msg, "\n"), msg);
}

static uint64_t pg_hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

static int pg_identc(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

/* Length of the dollar-quote tag ($$ or $tag$) that starts at p, or 0 if none does. */
static size_t pg_dollar_tag(const char *sql, const char *p)
{
	const char *q = p + 1;

	if (p > sql && pg_identc(p[-1]))
		return 0; /* a $ inside an identifier */
	if (*q != '$') {
		if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || *q == '_' ||
		      (unsigned char)*q >= 0x80))
			return 0; /* $1 and the like */
		while (pg_identc(*q) && *q != '$')
			q++;
		if (*q != '$')
			return 0;
	}
	return (size_t)(q - p) + 1;
}

/* Length of the literal, identifier or comment that starts at p, or 0 if p starts
 * none. Unterminated ones run to the end; the server will complain about them. */
static size_t pg_skip(const char *sql, const char *p)
{
	const char *q = p;

	if (*p == '\'') {
		/* E'...' strings take backslash escapes; standard ones do not */
		int esc = p > sql && (p[-1] == 'E' || p[-1] == 'e') &&
			  (p - 1 == sql || !pg_identc(p[-2]));

		for (q++; *q; q++) {
			if (esc && *q == '\\' && q[1]) {
				q++;
			} else if (*q == '\'') {
				if (q[1] != '\'')
					return (size_t)(q - p) + 1;
				q++;
			}
		}
	} else if (*p == '"') {
		for (q++; *q; q++) {
			if (*q == '"') {
				if (q[1] != '"')
					return (size_t)(q - p) + 1;
				q++;
			}
		}
	} else if (p[0] == '-' && p[1] == '-') {
		q += strcspn(q, "\n");
	} else if (p[0] == '/' && p[1] == '*') {
		int depth = 1; /* PostgreSQL nests block comments */

		for (q += 2; *q && depth; q++) {
			if (q[0] == '/' && q[1] == '*')
				depth++, q++;
			else if (q[0] == '*' && q[1] == '/')
				depth--, q++;
		}
	} else if (*p == '$') {
		size_t tag = pg_dollar_tag(sql, p);

		if (!tag)
			return 0;
		for (q = p + tag; *q; q++)
			if (!strncmp(q, p, tag))
				return (size_t)(q - p) + tag;
	} else {
		return 0;
	}
	return (size_t)(q - p);
}

/* Copies sql into out with each `?` placeholder numbered $1..$n, leaving string
 * literals, quoted identifiers, dollar quotes and comments as they are. 0 and the
 * count in *n_r, or -1 when out's cap or the parameter limit is passed. */
static int pg_rewrite(const char *sql, struct buf *out, int *n_r)
{
	const char *p = sql;
	int n = 0;

	while (*p) {
		size_t len = pg_skip(sql, p);

		if (len) {
			if (buf_add(out, p, len) < 0)
				return -1;
			p += len;
		} else if (*p == '?') {
			if (n == PG_PARAM_MAX || buf_addf(out, "$%d", ++n) < 0)
				return -1;
			p++;
		} else {
			len = strcspn(p + 1, "'\"-/$?") + 1;
			if (buf_add(out, p, len) < 0)
				return -1;
			p += len;
		}
	}
	if (buf_add(out, "", 0) < 0)
		return -1;
	*n_r = n;
	return 0;
}

static void pg_blobs_clear(struct db_stmt *st)
{
	int i;

	if (!st->blobs)
		return;
	for (i = 0; i < st->nblobs; i++) {
		PQfreemem(st->blobs[i]);
		st->blobs[i] = NULL;
	}
}

static void pg_stmt_reset(struct db_stmt *st)
{
	int i;

	PQclear(st->res);
	st->res = NULL;
	pg_blobs_clear(st);
	st->row = -1;
	st->nrows = 0;
	st->state = PG_READY;
	st->done_rc = DB_OK;
	st->changes = 0;
	st->bind_rc = DB_OK;
	for (i = 0; i < st->nparams; i++)
		st->params[i].set = 0;
}

static void pg_stmt_free(struct db_stmt *st)
{
	int i;

	if (!st)
		return;
	pg_stmt_reset(st);
	for (i = 0; i < st->nparams && st->params; i++)
		free(st->params[i].data);
	free(st->params);
	free(st->values);
	free(st->lengths);
	free(st->formats);
	free(st->blobs);
	free(st->blob_lens);
	free(st->sql);
	free(st);
}

static struct db_stmt *pg_stmt_new(struct pg_db *pg, const char *sql, uint64_t h, int nparams)
{
	struct db_stmt *st = calloc(1, sizeof(*st));
	size_t n = nparams ? (size_t)nparams : 1;

	if (!st)
		return NULL;
	st->db = &pg->base;
	st->hash = h;
	st->nparams = nparams;
	st->row = -1;
	st->sql = strdup(sql);
	st->params = calloc(n, sizeof(*st->params));
	st->values = calloc(n, sizeof(*st->values));
	st->lengths = calloc(n, sizeof(*st->lengths));
	st->formats = calloc(n, sizeof(*st->formats));
	if (!st->sql || !st->params || !st->values || !st->lengths || !st->formats) {
		pg_stmt_free(st);
		return NULL;
	}
	snprintf(st->name, sizeof(st->name), "zhifa_%lu", ++pg->next_id);
	return st;
}

static int pg_cmp(uint64_t h, const char *sql, const struct db_stmt *st)
{
	if (h != st->hash)
		return h < st->hash ? -1 : 1;
	return strcmp(sql, st->sql);
}

/* Index of sql in the cache (*found_r = 1) or where it belongs (*found_r = 0). */
static size_t pg_find(const struct pg_db *pg, uint64_t h, const char *sql, int *found_r)
{
	size_t lo = 0, hi = pg->ncache;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = pg_cmp(h, sql, pg->cache[mid]);

		if (!c) {
			*found_r = 1;
			return mid;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	*found_r = 0;
	return lo;
}

/* Drops the least recently prepared statement that is not being read from. -1 when
 * every one is. */
static int pg_evict(struct pg_db *pg)
{
	size_t i, victim = SIZE_MAX;
	char sql[64];
	PGresult *res;

	for (i = 0; i < pg->ncache; i++)
		if (pg->cache[i]->state != PG_ROWS &&
		    (victim == SIZE_MAX || pg->cache[i]->used < pg->cache[victim]->used))
			victim = i;
	if (victim == SIZE_MAX)
		return -1;
	/* the name is ours, never user input; a failure (say, inside an aborted
	 * transaction) only leaves an unused statement on the server until disconnect */
	snprintf(sql, sizeof(sql), "DEALLOCATE %s", pg->cache[victim]->name);
	res = PQexec(pg->conn, sql);
	PQclear(res);
	pg_stmt_free(pg->cache[victim]);
	memmove(&pg->cache[victim], &pg->cache[victim + 1],
		(pg->ncache - victim - 1) * sizeof(*pg->cache)); /* NOLINT(bugprone-sizeof-expression): an array of pointers */
	pg->ncache--;
	return 0;
}

static void pg_free(struct pg_db *pg)
{
	size_t i;

	if (!pg)
		return;
	for (i = 0; i < pg->ncache; i++)
		pg_stmt_free(pg->cache[i]);
	free(pg->cache);
	PQfinish(pg->conn);
	free(pg);
}

static char *pg_dupmsg(const char *prefix, const char *msg)
{
	size_t n = strlen(prefix) + strlen(msg) + 1;
	char *s = malloc(n);

	if (s) {
		snprintf(s, n, "%s%s", prefix, msg);
		n = strlen(s);
		while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
			s[--n] = '\0';
	}
	return s;
}

/* Connects to url (a libpq URI) and sets the session to UTF-8, UTC and READ
 * COMMITTED. NULL with *err_r set (free() it) on failure; the message never holds
 * the URL, which may carry a password. */
static db_t *pg_open(const char *url, char **err_r)
{
	struct pg_db *pg = calloc(1, sizeof(*pg));
	PGresult *res = NULL;
	db_t *ret = NULL;

	*err_r = NULL;
	if (!pg || !(pg->cache = calloc(PG_CACHE_MAX, sizeof(*pg->cache)))) { /* NOLINT(bugprone-sizeof-expression) */
		*err_r = pg_dupmsg("postgres: ", "out of memory");
		goto out;
	}
	pg->base.drv = &db_driver_postgres;
	pg->conn = PQconnectdb(url);
	if (!pg->conn) {
		*err_r = pg_dupmsg("postgres: ", "out of memory");
		goto out;
	}
	if (PQstatus(pg->conn) != CONNECTION_OK) {
		*err_r = pg_dupmsg("postgres: ", PQerrorMessage(pg->conn));
		goto out;
	}
	PQsetNoticeProcessor(pg->conn, pg_notice, NULL);
	res = PQexec(pg->conn, "SET client_encoding = 'UTF8';"
			       "SET TimeZone = 'UTC';"
			       "SET default_transaction_isolation = 'read committed'");
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		*err_r = pg_dupmsg("postgres: ", res ? PQresultErrorMessage(res)
						     : PQerrorMessage(pg->conn));
		goto out;
	}
	ret = &pg->base;
	pg = NULL;
out:
	PQclear(res);
	pg_free(pg);
	return ret;
}

/* Closes the connection and frees every cached statement. */
static void pg_close(db_t *db)
{
	if (db)
		pg_free(pg_of(db));
}

/* Runs parameterless SQL, possibly several statements; rows are discarded. */
static int pg_exec(db_t *db, const char *sql)
{
	struct pg_db *pg = pg_of(db);
	PGresult *res = PQexec(pg->conn, sql);
	int rc = DB_OK;

	switch (PQresultStatus(res)) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
	case PGRES_EMPTY_QUERY:
		break;
	default:
		rc = pg_rc(pg, res);
		pg_seterr_res(pg, res);
	}
	PQclear(res);
	return rc;
}

/* The cached statement for sql, reset with no binds; prepared on the server on first
 * use. NULL with the message in errmsg on failure (bad SQL, lost connection). */
static db_stmt_t *pg_prepare(db_t *db, const char *sql)
{
	struct pg_db *pg = pg_of(db);
	struct buf text = BUF_INIT(PG_SQL_MAX);
	struct db_stmt *st = NULL, *ret = NULL;
	PGresult *res = NULL;
	uint64_t h = pg_hash(sql);
	int found, n;
	size_t at = pg_find(pg, h, sql, &found);

	if (found) {
		ret = pg->cache[at];
		pg_stmt_reset(ret);
		ret->used = ++pg->tick;
		goto out;
	}
	if (pg_rewrite(sql, &text, &n) < 0) {
		pg_seterr(pg, "postgres: SQL text too long or too many parameters");
		goto out;
	}
	if (!(st = pg_stmt_new(pg, sql, h, n))) {
		pg_seterr(pg, "postgres: out of memory");
		goto out;
	}
	res = PQprepare(pg->conn, st->name, buf_str(&text), n, NULL);
	if (PQresultStatus(res) != PGRES_COMMAND_OK) {
		pg_seterr_res(pg, res);
		goto out;
	}
	if (pg->ncache == PG_CACHE_MAX) {
		if (pg_evict(pg) < 0) {
			char dealloc[64];

			snprintf(dealloc, sizeof(dealloc), "DEALLOCATE %s", st->name);
			PQclear(PQexec(pg->conn, dealloc));
			pg_seterr(pg, "postgres: statement cache full of statements being read");
			goto out;
		}
		at = pg_find(pg, h, sql, &found);
	}
	memmove(&pg->cache[at + 1], &pg->cache[at], (pg->ncache - at) * sizeof(*pg->cache)); /* NOLINT(bugprone-sizeof-expression) */
	pg->cache[at] = st;
	pg->ncache++;
	st->used = ++pg->tick;
	ret = st;
	st = NULL;
out:
	PQclear(res);
	pg_stmt_free(st);
	buf_release(&text);
	return ret;
}

/* Sets parameter idx (1-based) of st. Text and integers travel as text, blobs as
 * bytes; everything is copied. An index the statement does not have asserts. */
static void pg_bind(db_stmt_t *st, int idx, int type, const void *p, size_t n, int64_t v)
{
	struct pg_param *pa;
	char num[24];

	assert(idx >= 1 && idx <= st->nparams);
	assert(st->state == PG_READY); /* binds come before the first step */
	if (idx < 1 || idx > st->nparams || st->state != PG_READY) { /* NDEBUG builds */
		st->bind_rc = DB_MISUSE;
		pg_seterr(pg_of(st->db), "postgres: bind index out of range or after step");
		return;
	}
	pa = &st->params[idx - 1];
	pa->set = 1;
	pa->isnull = 0;
	pa->format = 0;
	switch (type) {
	case DB_T_NULL:
		pa->isnull = 1;
		return;
	case DB_T_INT:
		n = (size_t)snprintf(num, sizeof(num), "%" PRId64, v);
		p = num;
		break;
	case DB_T_TEXT:
		if (!p) {
			pa->isnull = 1;
			return;
		}
		/* libpq sends text parameters as C strings: a NUL would cut the value */
		if (memchr(p, '\0', n)) {
			st->bind_rc = DB_MISUSE;
			pg_seterr(pg_of(st->db), "postgres: text parameter holds a NUL byte");
			return;
		}
		break;
	case DB_T_BLOB:
		pa->format = 1;
		break;
	default:
		assert(!"bind type");
		return;
	}
	if (n >= INT_MAX) {
		st->bind_rc = DB_ERROR;
		pg_seterr(pg_of(st->db), "postgres: parameter too large");
		return;
	}
	if (pa->cap < n + 1) {
		char *d = realloc(pa->data, n + 1);

		if (!d) {
			st->bind_rc = DB_ERROR;
			pg_seterr(pg_of(st->db), "postgres: out of memory");
			return;
		}
		pa->data = d;
		pa->cap = n + 1;
	}
	if (n)
		memcpy(pa->data, p, n);
	pa->data[n] = '\0';
	pa->len = (int)n;
}

/* INSERT/UPDATE/DELETE/MERGE row counts; 0 for everything else, as SQLite counts. */
static int64_t pg_cmd_changes(PGresult *res)
{
	const char *cmd = PQcmdStatus(res);

	if (!strncmp(cmd, "INSERT ", 7) || !strncmp(cmd, "UPDATE ", 7) ||
	    !strncmp(cmd, "DELETE ", 7) || !strncmp(cmd, "MERGE ", 6))
		return strtoll(PQcmdTuples(res), NULL, 10);
	return 0;
}

/* Executes st on the first call, then moves to the next row: DB_ROW while rows remain,
 * then DB_OK, or an error rc; once done, keeps answering the same. */
static int pg_step(db_stmt_t *st)
{
	struct pg_db *pg = pg_of(st->db);
	PGresult *res;
	int i;

	if (st->state == PG_DONE)
		return st->done_rc;
	if (st->state == PG_ROWS)
		goto next;
	st->state = PG_DONE;
	if (st->bind_rc != DB_OK)
		return st->done_rc = st->bind_rc;
	for (i = 0; i < st->nparams; i++) {
		struct pg_param *pa = &st->params[i];

		assert(pa->set); /* every parameter is bound before the first step */
		if (!pa->set) { /* NDEBUG builds */
			pg_seterr(pg, "postgres: a parameter was not bound");
			return st->done_rc = DB_MISUSE;
		}
		st->values[i] = pa->isnull ? NULL : pa->data ? pa->data : "";
		st->lengths[i] = pa->isnull ? 0 : pa->len;
		st->formats[i] = pa->format;
	}
	res = PQexecPrepared(pg->conn, st->name, st->nparams, st->values, st->lengths,
			     st->formats, 0);
	switch (PQresultStatus(res)) {
	case PGRES_TUPLES_OK:
		st->res = res;
		st->nrows = PQntuples(res);
		st->changes = pg_cmd_changes(res);
		st->state = PG_ROWS;
		goto next;
	case PGRES_COMMAND_OK:
		st->changes = pg_cmd_changes(res);
		PQclear(res);
		return st->done_rc = DB_OK;
	default:
		st->done_rc = pg_rc(pg, res);
		pg_seterr_res(pg, res);
		PQclear(res);
		return st->done_rc;
	}
next:
	pg_blobs_clear(st);
	if (++st->row < st->nrows)
		return DB_ROW;
	PQclear(st->res);
	st->res = NULL;
	st->state = PG_DONE;
	return st->done_rc = DB_OK;
}

static int64_t pg_changes(db_stmt_t *st)
{
	return st->changes;
}

/* Columns of the current result; 0 before the first step and after the last row. */
static int pg_col_count(db_stmt_t *st)
{
	return st->res ? PQnfields(st->res) : 0;
}

/* The current row's value of col, or NULL when there is no row or it is SQL NULL. */
static const char *pg_value(db_stmt_t *st, int col, int *len_r)
{
	if (!st->res || st->row < 0 || st->row >= st->nrows)
		return NULL;
	assert(col >= 0 && col < PQnfields(st->res));
	if (PQgetisnull(st->res, st->row, col))
		return NULL;
	if (len_r)
		*len_r = PQgetlength(st->res, st->row, col);
	return PQgetvalue(st->res, st->row, col);
}

static int pg_col_isnull(db_stmt_t *st, int col)
{
	return pg_value(st, col, NULL) == NULL;
}

/* Integer columns, and booleans as 1/0 (a comparison yields one). */
static int64_t pg_col_int(db_stmt_t *st, int col)
{
	const char *v = pg_value(st, col, NULL);

	if (!v)
		return 0;
	if (v[0] == 't' && !v[1])
		return 1;
	if (v[0] == 'f' && !v[1])
		return 0;
	return strtoll(v, NULL, 10);
}

static const char *pg_col_text(db_stmt_t *st, int col)
{
	return pg_value(st, col, NULL);
}

/* bytea columns decoded from their hex text; any other column as its text bytes.
 * Valid until the next step or prepare. */
static const void *pg_col_blob(db_stmt_t *st, int col, size_t *len_r)
{
	int len = 0;
	const char *v = pg_value(st, col, &len);
	size_t n = 0;

	*len_r = 0;
	if (!v)
		return NULL;
	if (PQftype(st->res, col) != PG_BYTEAOID) {
		*len_r = (size_t)len;
		return v;
	}
	if (!st->blobs || st->nblobs < PQnfields(st->res)) {
		int cols = PQnfields(st->res);
		unsigned char **b = calloc((size_t)cols, sizeof(*b));
		size_t *l = calloc((size_t)cols, sizeof(*l));

		if (!b || !l) {
			free(b);
			free(l);
			return NULL;
		}
		pg_blobs_clear(st);
		free(st->blobs);
		free(st->blob_lens);
		st->blobs = b;
		st->blob_lens = l;
		st->nblobs = cols;
	}
	if (!st->blobs[col]) {
		st->blobs[col] = PQunescapeBytea((const unsigned char *)v, &n);
		if (!st->blobs[col])
			return NULL;
		st->blob_lens[col] = n;
	}
	*len_r = st->blob_lens[col];
	return st->blobs[col];
}

static const char *pg_errmsg(const db_t *db)
{
	return pg_of(db)->errmsg;
}

/* The PostgreSQL driver. Its statements start with `struct db *db` like every
 * driver's; col_count is 0 until the first step; a statement that is done (DB_OK or an
 * error) keeps answering the same until it is prepared again. */
const struct db_driver db_driver_postgres = {
	.name = "postgres",
	.dialect = DB_POSTGRES,
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.prepare = pg_prepare,
	.bind = pg_bind,
	.step = pg_step,
	.changes = pg_changes,
	.col_count = pg_col_count,
	.col_isnull = pg_col_isnull,
	.col_int = pg_col_int,
	.col_text = pg_col_text,
	.col_blob = pg_col_blob,
	.errmsg = pg_errmsg,
};
