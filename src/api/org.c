/* org.c: the organisation registry: regions, agencies (执法主体), officers (执法人员). */
#include <string.h>

#include "api/api.h"
#include "api/records.h"
#include "core/valid.h"
#include "ledger/ledger.h"

char *api_like(const char *q)
{
	struct buf b = BUF_INIT(512);

	buf_addc(&b, '%');
	for (; *q; q++) {
		if (*q == '%' || *q == '_' || *q == '\\')
			buf_addc(&b, '\\');
		buf_addc(&b, *q);
	}
	if (buf_addc(&b, '%') < 0) {
		buf_release(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

int api_reveal(struct req *r)
{
	const char *q = http_query(r, "reveal");

	if (!q)
		return 0;
	if (strcmp(q, "id_number") != 0)
		return zerr_field(&r->err, "reveal", "reveal 只能是 id_number (only id_number)");
	if (!role_can(r->who.role, P_OFFICER_PII))
		return zerr_set(&r->err, 403, "forbidden",
				"当前角色（%s）无权查看完整的公民身份号码 (may not see full ID numbers)",
				role_zh(r->who.role));
	return 1;
}

int api_lookup(struct req *r, const struct record *rec, const char *key, json_t **out_r,
	       struct zerr *e)
{
	char tail[128];
	db_stmt_t *st;
	int rc;

	*out_r = NULL;
	snprintf(tail, sizeof(tail), "WHERE %s = ?", rec->key_sel);
	st = record_prepare_select(r->db, rec, tail);
	if (!st)
		return zerr_internal(e, db_errmsg(r->db));
	db_bind_text(st, 1, key);
	rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_OK ? zerr_not_found(e, rec->zh) : db_zerr(r->db, rc, e);
	*out_r = record_encode(rec, st, r->reveal);
	db_run(st);
	return 0;
}

int api_fetch(struct req *r, const struct record *rec, const char *key, json_t **out_r)
{
	return api_lookup(r, rec, key, out_r, &r->err);
}

int api_insert_logged(struct req *r, const struct record *rec, json_t *clean, const char *key_value,
		      const char *verb, char *key_r, size_t key_len, struct zerr *e)
{
	return record_insert_logged(r->db, &r->who, rec, clean, key_value, verb, key_r, key_len, e);
}

int record_insert_logged(db_t *db, const struct principal *who, const struct record *rec,
			 json_t *clean, const char *key_value, const char *verb, char *key_r,
			 size_t key_len, struct zerr *e)
{
	char pid[40] = "", action[64];
	json_t *state = NULL;
	const char *key;
	int ret = -1;

	if (record_insert(db, rec, clean, pid, NULL, e) < 0)
		goto out;
	key = key_value ? key_value : pid;
	snprintf(action, sizeof(action), "%s.%s", rec->name, verb);
	if (record_load_state(db, rec, key, &state, e) < 0 ||
	    ledger_append(db, who, action, rec->name, key, state, NULL, e) < 0)
		goto out;
	if (key_r)
		snprintf(key_r, key_len, "%s", key);
	ret = 0;
out:
	json_decref(state);
	return ret;
}

int api_create(struct req *r, const struct record *rec, json_t *clean, const char *key_value)
{
	char key[80];
	json_t *out = NULL;

	if (db_begin(r->db, 1) != DB_OK)
		return db_zerr(r->db, DB_RETRY, &r->err);
	if (api_insert_logged(r, rec, clean, key_value, "create", key, sizeof(key), &r->err) < 0) {
		db_rollback(r->db);
		return -1;
	}
	if (db_commit(r->db) != DB_OK)
		return db_zerr(r->db, DB_RETRY, &r->err);
	if (api_fetch(r, rec, key, &out) < 0)
		return -1;
	snprintf(r->location, sizeof(r->location), "%s/%s", r->path, key);
	return http_reply(r, 201, out);
}

int api_update(struct req *r, const struct record *rec, json_t *clean, int64_t row_id,
		      const char *key)
{
	json_t *state = NULL, *out = NULL;
	char action[64];
	int ret = -1;

	if (db_begin(r->db, 1) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	snprintf(action, sizeof(action), "%s.update", rec->name);
	if (record_update(r->db, rec, clean, "id", row_id, &r->err) < 0 ||
	    record_load_state(r->db, rec, key, &state, &r->err) < 0 ||
	    ledger_append(r->db, &r->who, action, rec->name, key, state, NULL, &r->err) < 0) {
		db_rollback(r->db);
		goto out;
	}
	if (db_commit(r->db) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	if (api_fetch(r, rec, key, &out) == 0)
		ret = http_reply(r, 200, out);
out:
	json_decref(state);
	return ret;
}

void api_bind_scope(struct req *r, db_stmt_t *st, int idx)
{
	char like[24];

	db_bind_text(st, idx, r->who.agency_pid[0] ? r->who.agency_pid : NULL);
	if (role_has_region_scope(r->who.role) && strcmp(r->who.region_prefix, "-") != 0) {
		snprintf(like, sizeof(like), "%s%%", r->who.region_prefix);
		db_bind_text(st, idx + 1, like);
	} else {
		db_bind_null(st, idx + 1);
	}
}

int api_list_reply(struct req *r, const struct record *rec, db_stmt_t *st, int limit)
{
	json_t *items = json_array();
	char next[80] = "";
	int rc, n = 0, more = 0, pii = r->reveal;

	while ((rc = db_step(st)) == DB_ROW) {
		if (n == limit) {
			more = 1;
			rc = db_run(st);
			break;
		}
		json_array_append_new(items, record_encode(rec, st, pii));
		snprintf(next, sizeof(next), "%s", db_col_text(st, 0));
		n++;
	}
	if (rc != DB_OK) {
		json_decref(items);
		return db_zerr(r->db, rc, &r->err);
	}
	return http_reply(r, 200, json_pack("{s:o, s:s?}", "items", items, "next_cursor",
					    more ? next : NULL));
}

/* ---- regions ---- */

int api_regions_list(struct req *r)
{
	const char *cursor, *parent = http_query(r, "parent_code"), *level = http_query(r, "level"),
			   *q = http_query(r, "q");
	char *like = NULL;
	db_stmt_t *st;
	int limit, ret = -1;

	if (http_page(r, 100, 1000, &limit, &cursor) < 0)
		return -1;
	if (parent && region_code_level(parent) == REGION_INVALID)
		return zerr_field(&r->err, "parent_code", "上级区划代码无效 (invalid parent code)");
	like = q ? api_like(q) : NULL;
	st = record_prepare_select(r->db, &rec_region,
				   "WHERE (CAST(? AS TEXT) IS NULL OR g.parent_code = ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR g.level = ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR g.name LIKE ? ESCAPE '\\' OR g.code LIKE ? ESCAPE '\\')"
				   " AND (CAST(? AS TEXT) IS NULL OR g.code > ?)"
				   " ORDER BY g.code LIMIT ?");
	if (!st) {
		zerr_internal(&r->err, db_errmsg(r->db));
		goto out;
	}
	db_bind_text(st, 1, parent);
	db_bind_text(st, 2, parent);
	db_bind_text(st, 3, level);
	db_bind_text(st, 4, level);
	db_bind_text(st, 5, like);
	db_bind_text(st, 6, like);
	db_bind_text(st, 7, like);
	db_bind_text(st, 8, cursor);
	db_bind_text(st, 9, cursor);
	db_bind_int(st, 10, limit + 1);
	ret = api_list_reply(r, &rec_region, st, limit);
out:
	free(like);
	return ret;
}

static const char *level_name(enum region_level l)
{
	static const char *const names[] = { "", "province", "city", "county", "township", "village" };

	return names[l];
}

int api_regions_create(struct req *r)
{
	json_t *in = NULL, *clean = NULL, *pc;
	char parent[16] = "";
	const char *code;
	int ret = -1;

	if (http_json_body(r, &in) < 0 || record_decode(&rec_region, in, 0, &clean, &r->err) < 0)
		goto out;
	code = json_string_value(json_object_get(clean, "code"));
	region_parent_code(code, parent, sizeof(parent));
	pc = json_object_get(clean, "parent_code");
	if (json_is_string(pc) && strcmp(json_string_value(pc), parent) != 0) {
		zerr_field(&r->err, "parent_code", "区划代码 %s 的上级应为 %s (parent must be %s)", code,
			   parent[0] ? parent : "无", parent[0] ? parent : "none");
		goto out;
	}
	if (strcmp(r->who.region_prefix, "-") == 0 ||
	    strncmp(code, r->who.region_prefix, strlen(r->who.region_prefix)) != 0) {
		zerr_set(&r->err, 403, "forbidden", "只能在本辖区（%s）内新增行政区划 (outside your region)",
			 r->who.region_prefix);
		goto out;
	}
	if (parent[0]) {
		json_t *p = NULL;

		if (api_fetch(r, &rec_region, parent, &p) < 0) {
			zerr_clear(&r->err);
			zerr_field(&r->err, "parent_code", "上级行政区划 %s 尚未登记，请先新增上级 (parent not registered)",
				   parent);
			goto out;
		}
		json_decref(p);
		json_object_set_new(clean, "parent_code", json_string(parent));
	}
	/* level is derived from the code, never taken from the client */
	json_object_set_new(clean, "level", json_string(level_name(region_code_level(code))));
	ret = api_create(r, &rec_region, clean, code);
out:
	json_decref(in);
	json_decref(clean);
	return ret;
}

int api_regions_get(struct req *r)
{
	json_t *out;

	if (api_fetch(r, &rec_region, r->params[0], &out) < 0)
		return -1;
	return http_reply(r, 200, out);
}

/* ---- agencies ---- */

int api_agencies_list(struct req *r)
{
	const char *cursor, *region = http_query(r, "region_code"), *kind = http_query(r, "kind"),
			   *domain = http_query(r, "domain"), *q = http_query(r, "q");
	char *like = NULL, rp[24] = "";
	db_stmt_t *st;
	int limit, ret = -1;

	if (http_page(r, 50, 500, &limit, &cursor) < 0)
		return -1;
	if (region) {
		region_prefix(region, rp, sizeof(rp) - 1);
		if (!rp[0])
			return zerr_field(&r->err, "region_code", "行政区划代码无效 (invalid region code)");
		strncat(rp, "%", sizeof(rp) - strlen(rp) - 1);
	}
	like = q ? api_like(q) : NULL;
	st = record_prepare_select(r->db, &rec_agency,
				   "WHERE (a.public_id = ? OR a.region_code LIKE ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR a.region_code LIKE ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR a.kind = ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR a.domain = ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR a.name LIKE ? ESCAPE '\\' OR a.uscc LIKE ? ESCAPE '\\')"
				   " AND (CAST(? AS TEXT) IS NULL OR a.public_id > ?)"
				   " ORDER BY a.public_id LIMIT ?");
	if (!st) {
		zerr_internal(&r->err, db_errmsg(r->db));
		goto out;
	}
	api_bind_scope(r, st, 1);
	db_bind_text(st, 3, region ? rp : NULL);
	db_bind_text(st, 4, region ? rp : NULL);
	db_bind_text(st, 5, kind);
	db_bind_text(st, 6, kind);
	db_bind_text(st, 7, domain);
	db_bind_text(st, 8, domain);
	db_bind_text(st, 9, like);
	db_bind_text(st, 10, like);
	db_bind_text(st, 11, like);
	db_bind_text(st, 12, cursor);
	db_bind_text(st, 13, cursor);
	db_bind_int(st, 14, limit + 1);
	ret = api_list_reply(r, &rec_agency, st, limit);
out:
	free(like);
	return ret;
}

int org_region_usable(struct req *r, const char *code, const char *field, struct zerr *e)
{
	struct zerr tmp = ZERR_INIT;
	json_t *g = NULL;
	int rc = api_lookup(r, &rec_region, code, &g, &tmp);

	json_decref(g);
	if (rc < 0 && tmp.status != 404) {
		zerr_clear(e); /* a database failure, not the client's mistake */
		*e = tmp;
		return -1;
	}
	zerr_clear(&tmp);
	if (rc < 0)
		return zerr_field(e, field, "行政区划 %s 未登记 (unknown region)", code);
	if (!role_has_region_scope(r->who.role) || strcmp(r->who.region_prefix, "-") == 0 ||
	    strncmp(code, r->who.region_prefix, strlen(r->who.region_prefix)) != 0)
		return zerr_field(e, field, "行政区划 %s 不在您的辖区内 (outside your region)", code);
	return 0;
}

int org_agency_check(struct req *r, json_t *clean, struct zerr *e)
{
	json_t *rc = json_object_get(clean, "region_code");

	return rc ? org_region_usable(r, json_string_value(rc), "region_code", e) : 0;
}

int api_agencies_create(struct req *r)
{
	json_t *in = NULL, *clean = NULL;
	int ret = -1;

	if (http_json_body(r, &in) < 0)
		goto out;
	record_decode_all(&rec_agency, in, 0, &clean, &r->err);
	org_agency_check(r, clean, &r->err);
	if (zerr_isset(&r->err))
		goto out;
	ret = api_create(r, &rec_agency, clean, NULL);
	if (ret < 0 && strcmp(r->err.code, "conflict") == 0) {
		zerr_clear(&r->err);
		zerr_set(&r->err, 409, "conflict", "该统一社会信用代码已登记 (USCC already registered)");
		zerr_field(&r->err, "uscc", "该统一社会信用代码已登记 (already registered)");
		r->err.status = 409;
	}
out:
	json_decref(in);
	json_decref(clean);
	return ret;
}

int org_agency_visible(struct req *r, const char *pid, int64_t *row_id_r, json_t **out_r,
		       struct zerr *e)
{
	json_t *a = NULL;

	if (api_lookup(r, &rec_agency, pid, &a, e) < 0)
		return -1;
	if (!principal_sees_agency(&r->who, pid, json_string_value(json_object_get(a, "region_code")))) {
		json_decref(a);
		return zerr_not_found(e, "执法主体 (agency)");
	}
	if (row_id_r && record_row_id(r->db, &rec_agency, pid, row_id_r, e) < 0) {
		json_decref(a);
		return -1;
	}
	if (out_r)
		*out_r = a;
	else
		json_decref(a);
	return 0;
}

int api_agencies_get(struct req *r)
{
	json_t *a;

	if (org_agency_visible(r, r->params[0], NULL, &a, &r->err) < 0)
		return -1;
	return http_reply(r, 200, a);
}

int api_agencies_patch(struct req *r)
{
	json_t *in = NULL, *clean = NULL;
	int64_t id = 0;
	int ret = -1;

	if (org_agency_visible(r, r->params[0], &id, NULL, &r->err) < 0 || http_json_body(r, &in) < 0 ||
	    record_decode(&rec_agency, in, 1, &clean, &r->err) < 0)
		goto out;
	if (org_agency_check(r, clean, &r->err) < 0)
		goto out;
	ret = api_update(r, &rec_agency, clean, id, r->params[0]);
out:
	json_decref(in);
	json_decref(clean);
	return ret;
}

/* ---- officers ---- */

int api_officers_list(struct req *r)
{
	const char *cursor, *agency = http_query(r, "agency_id"), *status = http_query(r, "status"),
			   *q = http_query(r, "q");
	char *like = NULL;
	db_stmt_t *st;
	int limit, ret = -1;

	if (http_page(r, 50, 500, &limit, &cursor) < 0)
		return -1;
	like = q ? api_like(q) : NULL;
	st = record_prepare_select(r->db, &rec_officer,
				   "WHERE (a.public_id = ? OR a.region_code LIKE ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR a.public_id = ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR o.status = ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR o.name LIKE ? ESCAPE '\\' OR o.cert_no LIKE ? ESCAPE '\\')"
				   " AND (CAST(? AS TEXT) IS NULL OR o.public_id > ?)"
				   " ORDER BY o.public_id LIMIT ?");
	if (!st) {
		zerr_internal(&r->err, db_errmsg(r->db));
		goto out;
	}
	api_bind_scope(r, st, 1);
	db_bind_text(st, 3, agency);
	db_bind_text(st, 4, agency);
	db_bind_text(st, 5, status);
	db_bind_text(st, 6, status);
	db_bind_text(st, 7, like);
	db_bind_text(st, 8, like);
	db_bind_text(st, 9, like);
	db_bind_text(st, 10, cursor);
	db_bind_text(st, 11, cursor);
	db_bind_int(st, 12, limit + 1);
	ret = api_list_reply(r, &rec_officer, st, limit);
out:
	free(like);
	return ret;
}

int org_officer_agency(struct req *r, json_t *clean, struct zerr *e)
{
	const char *pid = json_string_value(json_object_get(clean, "agency_id"));
	struct zerr tmp = ZERR_INIT;
	int64_t id = 0;

	if (!pid)
		return 0;
	if (org_agency_visible(r, pid, &id, NULL, &tmp) < 0) {
		if (tmp.status != 404) {
			zerr_clear(e);
			*e = tmp;
			return -1;
		}
		zerr_clear(&tmp);
		return zerr_field(e, "agency_id", "执法主体不存在或不在您的权限范围内 (unknown agency)");
	}
	if (r->who.role != ROLE_ADMIN && strcmp(pid, r->who.agency_pid) != 0)
		return zerr_field(e, "agency_id", "只能管理本机关的执法人员 (only your own agency)");
	json_object_set_new(clean, "agency_id", json_integer(id));
	return 0;
}

/* 行政处罚法 Art 58(2): the day the officer first did legal review (法制审核) and the
 * document that shows it go together; the day is not in the future. cur is the stored
 * officer (NULL on create). A patch that clears the day clears the note with it. */
int org_officer_review(json_t *clean, json_t *cur, struct zerr *e)
{
	json_t *cs = json_object_get(clean, "legal_review_since");
	json_t *cn = json_object_get(clean, "legal_review_note");
	json_t *since = cs ? cs : json_object_get(cur, "legal_review_since");
	json_t *note = cn ? cn : json_object_get(cur, "legal_review_note");
	struct zdate d, today;
	const char *n;
	int bad = 0;

	if (json_is_string(cs) && zdate_parse(json_string_value(cs), &d) == 0 && zdate_today(&today) == 0 &&
	    zdate_cmp(d, today) > 0)
		bad = zerr_field(e, "legal_review_since", "首次从事法制审核日期不能晚于今天 (must not be in the future)");
	if (json_is_null(cs) && !cn) {
		json_object_set_new(clean, "legal_review_note", json_null());
		note = NULL;
	}
	n = json_string_value(note);
	if (n && n[strspn(n, " \t\r\n")] == '\0')
		n = NULL;
	if (json_is_string(since) && !n)
		bad = zerr_field(e, "legal_review_note",
				 "登记首次从事法制审核日期时，应当填写依据（如当时的法制审核意见书文号）"
				 "(required with legal_review_since)");
	else if (n && !json_is_string(since))
		bad = zerr_field(e, "legal_review_since",
				 "填写法制审核经历依据时，应当登记首次从事法制审核日期 (required with legal_review_note)");
	return bad ? -1 : 0;
}

int api_officers_create(struct req *r)
{
	json_t *in = NULL, *clean = NULL;
	int ret = -1;

	if (http_json_body(r, &in) < 0)
		goto out;
	/* one answer lists every problem: the agency is checked even when other fields fail */
	record_decode_all(&rec_officer, in, 0, &clean, &r->err);
	org_officer_agency(r, clean, &r->err);
	if (clean)
		org_officer_review(clean, NULL, &r->err);
	if (zerr_isset(&r->err))
		goto out;
	ret = api_create(r, &rec_officer, clean, NULL);
	if (ret < 0 && strcmp(r->err.code, "conflict") == 0) {
		zerr_clear(&r->err);
		zerr_set(&r->err, 409, "conflict", "身份证号或执法证号已登记 (ID number or certificate already registered)");
	}
out:
	json_decref(in);
	json_decref(clean);
	return ret;
}

/* Loads an officer the caller may see: internal id and JSON; 404 otherwise. */
static int officer_visible(struct req *r, const char *pid, int64_t *row_id_r, json_t **out_r)
{
	json_t *o = NULL;

	if (api_fetch(r, &rec_officer, pid, &o) < 0)
		return -1;
	if (!principal_sees_agency(&r->who, json_string_value(json_object_get(o, "agency_id")),
				   json_string_value(json_object_get(o, "region_code")))) {
		json_decref(o);
		return zerr_not_found(&r->err, "执法人员 (officer)");
	}
	if (row_id_r && record_row_id(r->db, &rec_officer, pid, row_id_r, &r->err) < 0) {
		json_decref(o);
		return -1;
	}
	if (out_r)
		*out_r = o;
	else
		json_decref(o);
	return 0;
}

int api_officers_get(struct req *r)
{
	json_t *o;

	if (officer_visible(r, r->params[0], NULL, &o) < 0)
		return -1;
	return http_reply(r, 200, o);
}

int api_officers_patch(struct req *r)
{
	json_t *in = NULL, *clean = NULL, *cur = NULL;
	int64_t id = 0;
	int ret = -1;

	if (officer_visible(r, r->params[0], &id, &cur) < 0 || http_json_body(r, &in) < 0 ||
	    record_decode(&rec_officer, in, 1, &clean, &r->err) < 0)
		goto out;
	if (r->who.role != ROLE_ADMIN &&
	    strcmp(json_string_value(json_object_get(cur, "agency_id")), r->who.agency_pid) != 0) {
		zerr_set(&r->err, 403, "forbidden", "只能管理本机关的执法人员 (only your own agency)");
		goto out;
	}
	if (org_officer_agency(r, clean, &r->err) < 0 || org_officer_review(clean, cur, &r->err) < 0)
		goto out;
	ret = api_update(r, &rec_officer, clean, id, r->params[0]);
out:
	json_decref(in);
	json_decref(clean);
	json_decref(cur);
	return ret;
}
