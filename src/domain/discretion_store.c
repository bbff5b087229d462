#include "domain/discretion_store.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

#include "core/crypto.h"
#include "core/log.h"
#include "ledger/ledger.h"

struct discretion_ref {
	struct discretion_set *set;
	unsigned refs;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct discretion_ref *current; /* holds one reference of its own */
static time_t checked;                 /* when the database was last asked */
static char seen[64];                  /* "count|max id" it answered */
static int stale = 1;                  /* this process stored a table: ask at once */
static long every = -1;                /* seconds between checks; -1 until read */

/* Lowercase hex SHA-256 of p[0..n) (out: 65 bytes). */
static void sha256_hex(const char *p, size_t n, char out[65])
{
	uint8_t h[32];

	crypto_sha256(p, n, h);
	hex_encode(h, sizeof(h), out);
}

/* Builds a set from every stored row. A row whose document no longer matches its
 * digest, or no longer proves, is left out and logged: the ledger verifier names it. */
static struct discretion_set *build(db_t *db)
{
	struct discretion_set *s = discretion_set_new();
	db_stmt_t *st;
	int rc;

	if (!s)
		return NULL;
	st = db_prepare(db, "SELECT item_code, version, document, sha256 FROM discretion_tables ORDER BY id");
	if (!st) {
		discretion_set_free(&s);
		return NULL;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		const char *doc = db_col_text(st, 2);
		struct discretion_table *t = NULL;
		struct zerr e = ZERR_INIT;
		char h[65];

		sha256_hex(doc, strlen(doc), h);
		if (strcmp(h, db_col_text(st, 3)) != 0) {
			log_error("discretion table %s/%s: document does not match its sha256; not used",
				  db_col_text(st, 0), db_col_text(st, 1));
			continue;
		}
		if (discretion_table_load_text(doc, strlen(doc), &t, &e) < 0 ||
		    discretion_set_add(s, &t, &e) < 0)
			log_error("discretion table %s/%s not used: %s", db_col_text(st, 0),
				  db_col_text(st, 1), e.detail);
		discretion_table_free(&t);
		zerr_clear(&e);
	}
	if (rc != DB_OK)
		discretion_set_free(&s);
	return s;
}

/* Drops one reference; the caller holds lock. */
static void unref(struct discretion_ref *ref)
{
	if (ref && --ref->refs == 0) {
		discretion_set_free(&ref->set);
		free(ref);
	}
}

/* Replaces current by a reference holding s (taken over); the caller holds lock. */
static int swap_in(struct discretion_set *s)
{
	struct discretion_ref *ref = calloc(1, sizeof(*ref));

	if (!ref) {
		discretion_set_free(&s);
		return -1;
	}
	ref->set = s;
	ref->refs = 1;
	unref(current);
	current = ref;
	return 0;
}

struct discretion_ref *discretion_acquire(db_t *db)
{
	struct discretion_ref *ref = NULL;
	time_t now = time(NULL);
	char sig[64] = "";
	db_stmt_t *st;

	pthread_mutex_lock(&lock);
	if (every < 0) {
		const char *v = getenv("ZHIFA_DISCRETION_SYNC_SECONDS"); /* tests shorten it */

		every = v && *v ? strtol(v, NULL, 10) : DISCRETION_SYNC_SECONDS;
	}
	if (current && !stale && now - checked < every)
		goto out;
	checked = now;
	st = db_prepare(db, "SELECT COUNT(*), MAX(id) FROM discretion_tables");
	if (st && db_step(st) == DB_ROW) {
		snprintf(sig, sizeof(sig), "%lld|%lld", (long long)db_col_int(st, 0),
			 db_col_isnull(st, 1) ? 0LL : (long long)db_col_int(st, 1));
		db_run(st);
	}
	if (sig[0] && (strcmp(sig, seen) != 0 || !current)) {
		/* rows are never changed, so a new count or id means new tables */
		struct discretion_set *s = build(db);

		if (s && swap_in(s) == 0) {
			snprintf(seen, sizeof(seen), "%s", sig);
			stale = 0;
		}
	}
	if (!current) {
		struct discretion_set *s = discretion_set_new();

		if (!s || swap_in(s) < 0)
			goto out;
	}
out:
	if (current) {
		ref = current;
		ref->refs++;
	}
	pthread_mutex_unlock(&lock);
	return ref;
}

const struct discretion_set *discretion_ref_set(const struct discretion_ref *ref)
{
	return ref->set;
}

void discretion_release(struct discretion_ref **ref)
{
	if (!ref || !*ref)
		return;
	pthread_mutex_lock(&lock);
	unref(*ref);
	pthread_mutex_unlock(&lock);
	*ref = NULL;
}

static void mark_stale(void)
{
	pthread_mutex_lock(&lock);
	stale = 1;
	pthread_mutex_unlock(&lock);
}

/* Inside the caller's transaction: the version already stored under key's item that
 * clashes with t (same version, or same effective_from). 0 none; 1 same version (its
 * sha256 in sha_r); 2 same start; -1 error. */
static int clash(db_t *db, const struct discretion_table *t, const char *from, char *other_r,
		 size_t other_len, char sha_r[65], struct zerr *e)
{
	db_stmt_t *st = db_prepare(db, "SELECT version, sha256 FROM discretion_tables"
				       " WHERE item_code = ? AND (version = ? OR effective_from = ?)"
				       " ORDER BY id LIMIT 1");
	int rc, ret;

	if (!st)
		return zerr_internal(e, db_errmsg(db));
	db_bind_text(st, 1, discretion_table_item_code(t));
	db_bind_text(st, 2, discretion_table_version(t));
	db_bind_text(st, 3, from);
	rc = db_step(st);
	if (rc == DB_OK)
		return 0;
	if (rc != DB_ROW)
		return db_zerr(db, rc, e);
	snprintf(other_r, other_len, "%s", db_col_text(st, 0));
	snprintf(sha_r, 65, "%s", db_col_text(st, 1));
	ret = strcmp(other_r, discretion_table_version(t)) == 0 ? 1 : 2;
	db_run(st);
	return ret;
}

/* Inside the caller's transaction: the row and its ledger entry. */
static int insert(db_t *db, const struct discretion_table *t, const char *doc, const char *sha,
		  const char *from, const struct principal *who, const char *key, struct zerr *e)
{
	const json_t *title = json_object_get(discretion_table_json(t), "title");
	char now[32], to[ZDATE_STRLEN];
	struct zdate d;
	json_t *state = NULL;
	db_stmt_t *st;
	int rc, has_to = discretion_table_effective_to(t, &d);

	if (has_to)
		zdate_format(d, to);
	utc_now_iso(now, sizeof(now), 0);
	st = db_prepare(db, "INSERT INTO discretion_tables (item_code, version, title, effective_from,"
			    " effective_to, nrules, ntests, document, sha256, loaded_at, loaded_by)"
			    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	if (!st)
		return zerr_internal(e, db_errmsg(db));
	db_bind_text(st, 1, discretion_table_item_code(t));
	db_bind_text(st, 2, discretion_table_version(t));
	db_bind_text(st, 3, json_is_string(title) ? json_string_value(title) : "");
	db_bind_text(st, 4, from);
	db_bind_text(st, 5, has_to ? to : NULL);
	db_bind_int(st, 6, (int64_t)discretion_table_nrules(t));
	db_bind_int(st, 7, (int64_t)discretion_table_ntests(t));
	db_bind_text(st, 8, doc);
	db_bind_text(st, 9, sha);
	db_bind_text(st, 10, now);
	db_bind_text(st, 11, who->username[0] ? who->username : "system");
	if ((rc = db_run(st)) != DB_OK)
		return db_zerr(db, rc, e);
	state = json_pack("{s:s, s:s, s:s}", "item_code", discretion_table_item_code(t), "version",
			  discretion_table_version(t), "sha256", sha);
	if (!state)
		return zerr_oom(e);
	rc = ledger_append(db, who, "discretion_table.load", DISCRETION_OBJ_TYPE, key, state, NULL, e);
	json_decref(state);
	return rc;
}

int discretion_store_add(db_t *db, const char *text, size_t len, const struct principal *who,
			 unsigned flags, char key_r[DISCRETION_KEY_LEN], struct zerr *e)
{
	struct discretion_table *t = NULL;
	char *doc = NULL, sha[65], other_sha[65] = "", other[DISCRETION_VERSION_LEN] = "",
	     from[ZDATE_STRLEN];
	int ret = -1, c;

	key_r[0] = '\0';
	if (discretion_table_load_text(text, len, &t, e) < 0)
		goto out;
	if (memchr(text, '\0', len)) {
		zerr_set(e, 400, "invalid_discretion_table", "裁量基准文本含有 NUL 字符 (NUL in the text)");
		goto out;
	}
	doc = strndup(text, len);
	if (!doc) {
		zerr_oom(e);
		goto out;
	}
	sha256_hex(doc, len, sha);
	zdate_format(discretion_table_effective_from(t), from);
	snprintf(key_r, DISCRETION_KEY_LEN, "%s/%s", discretion_table_item_code(t),
		 discretion_table_version(t));
	if (db_begin(db, 1) != DB_OK) {
		db_zerr(db, DB_RETRY, e);
		goto out;
	}
	c = clash(db, t, from, other, sizeof(other), other_sha, e);
	if (c != 0) {
		db_rollback(db);
		if (c == 1 && (flags & DISCRETION_SAME_OK) && strcmp(other_sha, sha) == 0)
			ret = 1;
		else if (c == 1)
			zerr_set(e, 409, "discretion_version_exists",
				 "事项 %s 的裁量基准 %s 版已存在；已公布的基准不可更改，新内容须用新版本号 "
				 "(version exists; a new version needs a new number)",
				 discretion_table_item_code(t), discretion_table_version(t));
		else if (c == 2)
			zerr_set(e, 409, "discretion_version_exists",
				 "事项 %s 已有 %s 起施行的裁量基准（%s 版） (another version starts that day)",
				 discretion_table_item_code(t), from, other);
		goto out;
	}
	if (insert(db, t, doc, sha, from, who, key_r, e) < 0) {
		db_rollback(db);
		/* two writers raced for one version: the UNIQUE index said no */
		if (strcmp(e->code, "conflict") == 0) {
			zerr_clear(e);
			zerr_set(e, 409, "discretion_version_exists",
				 "事项 %s 的裁量基准 %s 版已存在 (version exists)",
				 discretion_table_item_code(t), discretion_table_version(t));
		}
		goto out;
	}
	if (db_commit(db) != DB_OK) {
		db_zerr(db, DB_RETRY, e);
		goto out;
	}
	mark_stale();
	ret = 0;
out:
	free(doc);
	discretion_table_free(&t);
	return ret;
}

int discretion_store_state(db_t *db, const char *key, json_t **state_r, struct zerr *e)
{
	const char *slash = strchr(key, '/');
	char item[DISCRETION_CODE_LEN];
	const char *doc;
	char sha[65];
	db_stmt_t *st;
	int rc;

	*state_r = NULL;
	if (!slash || (size_t)(slash - key) >= sizeof(item))
		return 1;
	snprintf(item, sizeof(item), "%.*s", (int)(slash - key), key);
	st = db_prepare(db, "SELECT item_code, version, document FROM discretion_tables"
			    " WHERE item_code = ? AND version = ?");
	if (!st)
		return zerr_internal(e, db_errmsg(db));
	db_bind_text(st, 1, item);
	db_bind_text(st, 2, slash + 1);
	rc = db_step(st);
	if (rc == DB_OK)
		return 1;
	if (rc != DB_ROW)
		return db_zerr(db, rc, e);
	doc = db_col_text(st, 2);
	sha256_hex(doc, strlen(doc), sha);
	*state_r = json_pack("{s:s, s:s, s:s}", "item_code", db_col_text(st, 0), "version",
			     db_col_text(st, 1), "sha256", sha);
	db_run(st);
	return *state_r ? 0 : zerr_oom(e);
}

/* Reads member key of req as a date into *d; 1 when absent (and !required). */
static int req_date(const json_t *req, const char *key, int required, struct zdate *d,
		    struct zerr *e)
{
	const json_t *v = json_object_get(req, key);

	if (!v && !required)
		return 1;
	if (!json_is_string(v) || zdate_parse(json_string_value(v), d) < 0) {
		zerr_field(e, key, "%s 应为 YYYY-MM-DD 格式的有效日期 (a valid date)", key);
		return -1;
	}
	return 0;
}

int discretion_request(db_t *db, const json_t *req, int check, json_t **out_r, struct zerr *e)
{
	static const char *const known[] = { "item_code", "date", "decision_date", "circumstances",
					     "fine_fen", NULL };
	struct discretion_ref *ref = NULL;
	struct discretion_result res;
	struct zdate today, violation = { 0, 0, 0 }, decision = { 0, 0, 0 };
	const json_t *item = json_object_get(req, "item_code"),
		     *circ = json_object_get(req, "circumstances"),
		     *fine = json_object_get(req, "fine_fen");
	const char *k;
	json_t *v, *out = NULL;
	size_t i;
	int ret = -1;

	*out_r = NULL;
	if (zdate_today(&today) < 0)
		return zerr_internal(e, "clock");
	json_object_foreach((json_t *)req, k, v) {
		for (i = 0; known[i]; i++)
			if (strcmp(known[i], k) == 0 && (check || strcmp(k, "fine_fen") != 0))
				break;
		if (!known[i])
			zerr_field(e, k, "未知字段 %s (unknown member)", k);
	}
	if (!json_is_string(item) || !json_string_length(item) ||
	    json_string_length(item) >= DISCRETION_CODE_LEN)
		zerr_field(e, "item_code", "item_code 应为执法事项代码 (the catalog item code)");
	if (req_date(req, "date", 1, &violation, e) == 0 && zdate_cmp(violation, today) > 0)
		zerr_field(e, "date", "违法行为发生日期不能晚于今天 (the violation date is in the future)");
	if (req_date(req, "decision_date", 0, &decision, e) == 1)
		decision = today;
	if (!json_is_object(circ))
		zerr_field(e, "circumstances", "circumstances 应为对象，逐项给出裁量情节 (an object of circumstances)");
	if (check && (!json_is_integer(fine) || json_integer_value(fine) < 0 ||
		      json_integer_value(fine) > DISCRETION_INT_MAX))
		zerr_field(e, "fine_fen", "fine_fen 应为以分计的非负整数 (whole fen, not negative)");
	if (zerr_isset(e))
		goto out;
	ref = discretion_acquire(db);
	if (!ref) {
		zerr_oom(e);
		goto out;
	}
	if (discretion_evaluate(discretion_ref_set(ref), json_string_value(item), violation, decision,
				circ, &res, e) < 0)
		goto out;
	out = discretion_result_json(&res);
	if (!out) {
		zerr_oom(e);
		goto out;
	}
	if (check) {
		enum discretion_amount a = discretion_check_amount(&res, json_integer_value(fine));

		json_object_set_new(out, "fine_fen", json_integer(json_integer_value(fine)));
		json_object_set_new(out, "amount", json_string(discretion_amount_name(a)));
		json_object_set_new(out, "needs_reason", json_boolean(a != DISCRETION_AMOUNT_INSIDE));
	}
	*out_r = out;
	ret = 0;
out:
	discretion_release(&ref);
	return ret;
}
