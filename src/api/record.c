#include "api/record.h"

#include <string.h>

#include "core/buf.h"
#include "core/crypto.h"

static const struct field *find_field(const struct record *rec, const char *json)
{
	size_t i;

	for (i = 0; i < rec->nfields; i++)
		if (strcmp(rec->fields[i].json, json) == 0)
			return &rec->fields[i];
	return NULL;
}

/* Characters of a UTF-8 string, or -1 when it is not valid UTF-8 (jansson already
 * guarantees valid UTF-8 for decoded strings, so -1 never happens for them). */
static long utf8_chars(const char *s)
{
	long n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

int record_valid_date(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, i, leap;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

static const char *type_zh(enum ftype t)
{
	switch (t) {
	case FT_INT: return "整数 (integer)";
	case FT_BOOL: return "布尔值 (boolean)";
	default: return "字符串 (string)";
	}
}

/* Validates one member; adds a field error to e and returns -1 when it is bad. */
static int check_value(const struct field *f, json_t *v, struct zerr *e)
{
	const char *s;
	size_t i;

	if (json_is_null(v)) {
		if (f->flags & FF_NULL)
			return 0;
		return zerr_field(e, f->json, "%s不能为空 (required)", f->zh);
	}
	switch (f->type) {
	case FT_LIST: {
		json_t *item;

		if (!json_is_array(v))
			return zerr_field(e, f->json, "%s应为字符串数组 (array of strings)", f->zh);
		if (f->max && json_array_size(v) > (size_t)f->max)
			return zerr_field(e, f->json, "%s最多 %lld 项 (too many)", f->zh, (long long)f->max);
		json_array_foreach(v, i, item) {
			s = json_string_value(item);
			if (!s || !*s || strlen(s) != json_string_length(item) ||
			    (f->maxlen && utf8_chars(s) > (long)f->maxlen) || (f->check && !f->check(s)))
				return zerr_field(e, f->json, "%s第 %zu 项无效 (invalid item)", f->zh, i + 1);
		}
		return 0;
	}
	case FT_INT:
		if (!json_is_integer(v))
			return zerr_field(e, f->json, "%s应为%s", f->zh, type_zh(f->type));
		if (json_integer_value(v) < f->min || json_integer_value(v) > f->max)
			return zerr_field(e, f->json, "%s应在 %lld 到 %lld 之间 (out of range)", f->zh,
					  (long long)f->min, (long long)f->max);
		return 0;
	case FT_BOOL:
		if (!json_is_boolean(v))
			return zerr_field(e, f->json, "%s应为%s", f->zh, type_zh(f->type));
		return 0;
	case FT_JSON: {
		char msg[300] = "";

		if (json_is_string(v) && f->check_msg) /* text that from_text could not read */
			return zerr_field(e, f->json, "%s", f->check_msg);
		if (!f->check_json(v, msg, sizeof(msg)))
			return zerr_field(e, f->json, "%s：%s", f->zh, msg);
		return 0;
	}
	default:
		break;
	}
	if (!json_is_string(v))
		return zerr_field(e, f->json, "%s应为%s", f->zh, type_zh(f->type));
	s = json_string_value(v);
	if (strlen(s) != json_string_length(v))
		return zerr_field(e, f->json, "%s含有非法字符 (NUL byte)", f->zh);
	if (!*s && (f->flags & FF_REQ))
		return zerr_field(e, f->json, "%s不能为空 (required)", f->zh);
	if (f->maxlen && utf8_chars(s) > (long)f->maxlen)
		return zerr_field(e, f->json, "%s最多 %zu 个字符 (too long)", f->zh, f->maxlen);
	switch (f->type) {
	case FT_DATE:
		if (!record_valid_date(s))
			return zerr_field(e, f->json, "%s应为 YYYY-MM-DD 格式的有效日期 (invalid date)",
					  f->zh);
		break;
	case FT_ENUM:
		for (i = 0; f->values[i]; i++)
			if (strcmp(f->values[i], s) == 0)
				break;
		if (!f->values[i]) {
			struct buf b = BUF_INIT(512);

			for (i = 0; f->values[i]; i++)
				buf_addf(&b, "%s%s", i ? ", " : "", f->values[i]);
			zerr_field(e, f->json, "%s只能是 %s 之一 (invalid value)", f->zh, buf_str(&b));
			buf_release(&b);
			return -1;
		}
		break;
	case FT_REF:
		if (strlen(s) > 64)
			return zerr_field(e, f->json, "%s无效 (invalid reference)", f->zh);
		break;
	default:
		break;
	}
	if (f->check && !f->check(s))
		return zerr_field(e, f->json, "%s", f->check_msg ? f->check_msg : "格式不正确 (invalid)");
	return 0;
}

int record_decode(const struct record *rec, json_t *in, int patch, json_t **clean_r,
		  struct zerr *e)
{
	if (record_decode_all(rec, in, patch, clean_r, e) == 0)
		return 0;
	json_decref(*clean_r);
	*clean_r = NULL;
	return -1;
}

int record_decode_all(const struct record *rec, json_t *in, int patch, json_t **clean_r,
		      struct zerr *e)
{
	json_t *clean = json_object(), *v;
	const char *key;
	size_t i;
	int bad = 0;

	*clean_r = NULL;
	json_object_foreach(in, key, v) {
		const struct field *f = find_field(rec, key);

		if (!f) {
			zerr_field(e, key, "未知字段 (unknown field)");
			bad = 1;
		} else if (f->flags & (FF_RO | FF_JOIN | FF_HIDDEN) || f->type == FT_UUID || f->type == FT_TS) {
			zerr_field(e, key, "%s由系统生成，不能提交 (read-only)", f->zh);
			bad = 1;
		} else if (patch && (f->flags & FF_FIXED)) {
			zerr_field(e, key, "%s创建后不能修改 (cannot be changed)", f->zh);
			bad = 1;
		} else if (check_value(f, v, e) < 0) {
			bad = 1;
		} else {
			json_object_set(clean, key, v);
		}
	}
	for (i = 0; !patch && i < rec->nfields; i++) {
		const struct field *f = &rec->fields[i];

		if ((f->flags & FF_REQ) && !json_object_get(in, f->json)) {
			zerr_field(e, f->json, "缺少必填字段%s (required)", f->zh);
			bad = 1;
		}
	}
	*clean_r = clean;
	return bad ? -1 : 0;
}

/* The statement text depends only on (rec, tail), and a few pairs serve nearly every
 * read: each thread keeps the texts it built last, so that a request does not
 * rebuild (and reallocate) the same SELECT. */
#define SEL_CACHE 16
static _Thread_local struct {
	const struct record *rec;
	char tail[256];
	char *sql;
} sel_cache[SEL_CACHE];
static _Thread_local unsigned sel_next;

db_stmt_t *record_prepare_select(db_t *db, const struct record *rec, const char *tail)
{
	struct buf sql = BUF_INIT(8192);
	size_t i, tlen = strlen(tail);
	unsigned k;

	for (k = 0; k < SEL_CACHE; k++)
		if (sel_cache[k].rec == rec && sel_cache[k].sql && strcmp(sel_cache[k].tail, tail) == 0)
			return db_prepare(db, sel_cache[k].sql);
	buf_adds(&sql, "SELECT ");
	for (i = 0; i < rec->nfields; i++) {
		const struct field *f = &rec->fields[i];

		if (i)
			buf_adds(&sql, ", ");
		if (f->sel) {
			buf_adds(&sql, f->sel);
		} else {
			buf_adds(&sql, rec->alias);
			buf_addc(&sql, '.');
			buf_adds(&sql, f->col);
		}
	}
	buf_adds(&sql, " FROM ");
	buf_adds(&sql, rec->from);
	buf_addc(&sql, ' ');
	if (buf_adds(&sql, tail) < 0) {
		buf_release(&sql);
		return NULL;
	}
	if (tlen < sizeof(sel_cache[0].tail)) {
		k = sel_next++ % SEL_CACHE;
		free(sel_cache[k].sql);
		sel_cache[k].rec = rec;
		memcpy(sel_cache[k].tail, tail, tlen + 1);
		sel_cache[k].sql = buf_detach(&sql, NULL);
		return sel_cache[k].sql ? db_prepare(db, sel_cache[k].sql) : NULL;
	}
	{
		db_stmt_t *st = db_prepare(db, buf_str(&sql));

		buf_release(&sql);
		return st;
	}
}

/* Writes a masked copy of an 18-character ID number: first 6, eight '*', last 4. */
static void mask_id(const char *s, char *out, size_t outlen)
{
	size_t n = strlen(s);

	if (n < 10)
		snprintf(out, outlen, "****");
	else
		snprintf(out, outlen, "%.6s%.*s%s", s, (int)(n - 10), "****************", s + n - 4);
}

static json_t *encode(const struct record *rec, db_stmt_t *st, int show_pii, int state)
{
	json_t *o = json_object();
	size_t i;

	for (i = 0; i < rec->nfields; i++) {
		const struct field *f = &rec->fields[i];
		int c = (int)i;
		json_t *v;

		if ((state && (f->flags & (FF_JOIN | FF_VOLATILE))) || (f->flags & FF_HIDDEN) ||
		    (state && (f->flags & FF_LATE) && db_col_isnull(st, c)))
			continue;
		if (db_col_isnull(st, c)) {
			v = json_null();
		} else if (f->type == FT_JSON) {
			v = json_loads(db_col_text(st, c), JSON_DECODE_ANY, NULL);
			if (!v)
				v = json_null();
		} else if (f->type == FT_INT) {
			v = json_integer(db_col_int(st, c));
		} else if (f->type == FT_BOOL) {
			v = json_boolean(db_col_int(st, c));
		} else if (f->type == FT_LIST) {
			v = json_loads(db_col_text(st, c), 0, NULL);
			if (!v)
				v = json_null();
		} else if ((f->flags & FF_MASK_ID) && !show_pii) {
			char m[64];

			mask_id(db_col_text(st, c), m, sizeof(m));
			v = json_string(m);
		} else {
			v = json_string(db_col_text(st, c));
		}
		json_object_set_new(o, f->json, v);
	}
	return o;
}

json_t *record_encode(const struct record *rec, db_stmt_t *st, int show_pii)
{
	return encode(rec, st, show_pii, 0);
}

json_t *record_state(const struct record *rec, db_stmt_t *st)
{
	return encode(rec, st, 1, 1);
}

int record_load_state(db_t *db, const struct record *rec, const char *key, json_t **state_r,
		      struct zerr *e)
{
	char tail[128];
	db_stmt_t *st;
	int rc;

	*state_r = NULL;
	snprintf(tail, sizeof(tail), "WHERE %s = ?", rec->key_sel);
	st = record_prepare_select(db, rec, tail);
	if (!st)
		return zerr_internal(e, db_errmsg(db));
	db_bind_text(st, 1, key);
	rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_OK ? zerr_not_found(e, rec->zh) : db_zerr(db, rc, e);
	*state_r = record_state(rec, st);
	db_run(st);
	return 0;
}

/* Binds a member of clean (or NULL) at idx according to f's type. */
static void bind_member(db_stmt_t *st, int idx, const struct field *f, json_t *v)
{
	if (!v || json_is_null(v)) {
		db_bind_null(st, idx);
	} else if (json_is_array(v) || json_is_object(v)) {
		char *s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);

		db_bind_text(st, idx, s ? s : "null");
		free(s);
	} else if (json_is_integer(v)) {
		db_bind_int(st, idx, json_integer_value(v));
	} else if (json_is_boolean(v)) {
		db_bind_int(st, idx, json_is_true(v));
	} else {
		db_bind_text(st, idx, json_string_value(v));
	}
	(void)f;
}

/* Stored from the decoded object: client fields, and FF_RO fields that the handler
 * derived (e.g. a region's level). Joined and server-stamped fields are not. */
static int writable(const struct field *f)
{
	return f->col && !(f->flags & FF_JOIN) && f->type != FT_UUID && f->type != FT_TS;
}

int record_insert(db_t *db, const struct record *rec, json_t *clean, char *public_id_r,
		  int64_t *row_id_r, struct zerr *e)
{
	struct buf sql = BUF_INIT(8192);
	char uuid[40] = "", now[32];
	db_stmt_t *st;
	size_t i;
	int n = 0, rc, ret = -1;

	utc_now_iso(now, sizeof(now), 0);
	buf_addf(&sql, "INSERT INTO %s (", rec->table);
	for (i = 0; i < rec->nfields; i++) {
		const struct field *f = &rec->fields[i];

		/* absent members are left out so that column defaults apply */
		if (f->col && ((writable(f) && json_object_get(clean, f->json)) ||
			       f->type == FT_UUID || f->type == FT_TS))
			buf_addf(&sql, "%s%s", n++ ? ", " : "", f->col);
	}
	buf_adds(&sql, ") VALUES (");
	for (i = 0; i < (size_t)n; i++)
		buf_adds(&sql, i ? ", ?" : "?");
	if (buf_addf(&sql, ") RETURNING %s", rec->id_col ? rec->id_col : "0") < 0) {
		zerr_oom(e);
		goto out;
	}
	st = db_prepare(db, buf_str(&sql));
	if (!st) {
		zerr_internal(e, db_errmsg(db));
		goto out;
	}
	n = 0;
	for (i = 0; i < rec->nfields; i++) {
		const struct field *f = &rec->fields[i];

		if (!f->col)
			continue;
		if (f->type == FT_UUID) {
			uuid7(uuid);
			db_bind_text(st, ++n, uuid);
		} else if (f->type == FT_TS) {
			db_bind_text(st, ++n, now);
		} else if (writable(f) && json_object_get(clean, f->json)) {
			bind_member(st, ++n, f, json_object_get(clean, f->json));
		}
	}
	rc = db_step(st);
	if (rc != DB_ROW) {
		db_zerr(db, rc == DB_OK ? DB_ERROR : rc, e);
		goto out;
	}
	if (row_id_r)
		*row_id_r = db_col_int(st, 0);
	db_run(st);
	if (public_id_r)
		memcpy(public_id_r, uuid, sizeof(uuid) < 37 ? sizeof(uuid) : 37);
	ret = 0;
out:
	buf_release(&sql);
	return ret;
}

int record_update(db_t *db, const struct record *rec, json_t *clean, const char *key_col,
		  int64_t key_id, struct zerr *e)
{
	struct buf sql = BUF_INIT(8192);
	char now[32];
	db_stmt_t *st;
	size_t i;
	int n = 0, rc, ret = -1;

	utc_now_iso(now, sizeof(now), 0);
	buf_addf(&sql, "UPDATE %s SET ", rec->table);
	for (i = 0; i < rec->nfields; i++) {
		const struct field *f = &rec->fields[i];

		if ((writable(f) && json_object_get(clean, f->json)) ||
		    (f->type == FT_TS && (f->flags & FF_TOUCH)))
			buf_addf(&sql, "%s%s = ?", n++ ? ", " : "", f->col);
	}
	if (n == 0) {
		ret = zerr_set(e, 400, "invalid_field", "没有要修改的字段 (nothing to update)");
		goto out;
	}
	if (buf_addf(&sql, " WHERE %s = ?", key_col) < 0) {
		zerr_oom(e);
		goto out;
	}
	st = db_prepare(db, buf_str(&sql));
	if (!st) {
		zerr_internal(e, db_errmsg(db));
		goto out;
	}
	n = 0;
	for (i = 0; i < rec->nfields; i++) {
		const struct field *f = &rec->fields[i];
		json_t *v = json_object_get(clean, f->json);

		if (writable(f) && v)
			bind_member(st, ++n, f, v);
		else if (f->type == FT_TS && (f->flags & FF_TOUCH))
			db_bind_text(st, ++n, now);
	}
	db_bind_int(st, ++n, key_id);
	rc = db_run(st);
	if (rc != DB_OK) {
		db_zerr(db, rc, e);
		goto out;
	}
	if (db_changes(st) != 1) {
		zerr_not_found(e, rec->zh);
		goto out;
	}
	ret = 0;
out:
	buf_release(&sql);
	return ret;
}

int record_row_id(db_t *db, const struct record *rec, const char *key, int64_t *id_r,
		  struct zerr *e)
{
	const struct field *k = NULL;
	char sql[256];
	db_stmt_t *st;
	size_t i;
	int rc;

	for (i = 0; i < rec->nfields && !k; i++)
		if (rec->fields[i].flags & FF_KEY)
			k = &rec->fields[i];
	if (!k || !rec->id_col)
		return zerr_internal(e, "record_row_id: no key or id column");
	/* table and column names come from the static field table */
	snprintf(sql, sizeof(sql), "SELECT %s FROM %s WHERE %s = ?", rec->id_col, rec->table, k->col);
	st = db_prepare(db, sql);
	if (!st)
		return zerr_internal(e, db_errmsg(db));
	db_bind_text(st, 1, key);
	rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_OK ? zerr_not_found(e, rec->zh) : db_zerr(db, rc, e);
	*id_r = db_col_int(st, 0);
	db_run(st);
	return 0;
}

json_t *record_schema(const struct record *rec)
{
	json_t *props = json_object(), *req = json_array();
	size_t i, k;

	for (i = 0; i < rec->nfields; i++) {
		const struct field *f = &rec->fields[i];
		json_t *p;

		if (f->flags & FF_HIDDEN)
			continue;
		if (f->type == FT_JSON) {
			p = json_loads(f->schema, 0, NULL);
			if (!p)
				p = json_object();
			if (f->flags & FF_NULL)
				json_object_set_new(p, "nullable", json_true());
			if (f->flags & FF_RO)
				json_object_set_new(p, "readOnly", json_true());
			json_object_set_new(p, "description", json_string(f->zh));
			json_object_set_new(props, f->json, p);
			if (f->flags & FF_REQ)
				json_array_append_new(req, json_string(f->json));
			continue;
		}
		p = json_object();
		switch (f->type) {
		case FT_INT: json_object_set_new(p, "type", json_string("integer")); break;
		case FT_BOOL: json_object_set_new(p, "type", json_string("boolean")); break;
		case FT_DATE:
			json_object_set_new(p, "type", json_string("string"));
			json_object_set_new(p, "format", json_string("date"));
			break;
		case FT_TS:
			json_object_set_new(p, "type", json_string("string"));
			json_object_set_new(p, "format", json_string("date-time"));
			break;
		case FT_LIST:
			json_object_set_new(p, "type", json_string("array"));
			json_object_set_new(p, "items", f->maxlen
				? json_pack("{s:s, s:I}", "type", "string", "maxLength", (json_int_t)f->maxlen)
				: json_pack("{s:s}", "type", "string"));
			if (f->max)
				json_object_set_new(p, "maxItems", json_integer((json_int_t)f->max));
			break;
		default: json_object_set_new(p, "type", json_string("string"));
		}
		if (f->type == FT_ENUM) {
			json_t *en = json_array();

			for (k = 0; f->values[k]; k++)
				json_array_append_new(en, json_string(f->values[k]));
			json_object_set_new(p, "enum", en);
		}
		if (f->type == FT_INT && (f->min || f->max)) { /* a range is declared */
			json_object_set_new(p, "minimum", json_integer((json_int_t)f->min));
			json_object_set_new(p, "maximum", json_integer((json_int_t)f->max));
		}
		if (f->maxlen && f->type != FT_LIST)
			json_object_set_new(p, "maxLength", json_integer((json_int_t)f->maxlen));
		if (f->flags & FF_NULL)
			json_object_set_new(p, "nullable", json_true());
		if (f->flags & (FF_RO | FF_JOIN) || f->type == FT_UUID || f->type == FT_TS)
			json_object_set_new(p, "readOnly", json_true());
		json_object_set_new(p, "description", json_string(f->zh));
		json_object_set_new(props, f->json, p);
		if (f->flags & FF_REQ)
			json_array_append_new(req, json_string(f->json));
	}
	return json_pack("{s:s, s:o, s:o, s:b}", "type", "object", "properties", props, "required",
			 req, "additionalProperties", 0);
}
