/* users.c: accounts (admin only, P_USER_ADMIN): list, create, change, API keys.
 * Passwords are never part of an answer or of the ledger: the field table rec_user
 * has no password member; domain/auth.c checks and hashes them. */
#include <string.h>

#include "api/api.h"
#include "api/records.h"
#include "ledger/ledger.h"

/* 1 when the caller may administer user u (JSON of rec_user): an admin without a
 * region sees everyone; others see users whose agency or region is in their scope. */
static int user_in_scope(struct req *r, json_t *u)
{
	const char *agency = json_string_value(json_object_get(u, "agency_id"));

	if (r->who.role == ROLE_ADMIN && r->who.region_prefix[0] == '\0')
		return 1;
	return (agency && principal_sees_agency(&r->who, agency,
						json_string_value(json_object_get(u, "agency_region_code")))) ||
	       principal_sees_agency(&r->who, NULL, json_string_value(json_object_get(u, "region_code")));
}

/* Loads a user that the caller may administer: internal id and JSON (either may be
 * NULL); 404 otherwise, never 403. */
static int user_visible(struct req *r, const char *username, int64_t *row_id_r, json_t **out_r)
{
	json_t *u = NULL;
	db_stmt_t *st;
	int rc;

	if (api_fetch(r, &rec_user, username, &u) < 0)
		return -1;
	if (!user_in_scope(r, u)) {
		json_decref(u);
		return zerr_not_found(&r->err, "用户 (user)");
	}
	if (row_id_r) {
		st = db_prepare(r->db, "SELECT id FROM users WHERE username = ?");
		if (!st) {
			json_decref(u);
			return zerr_internal(&r->err, db_errmsg(r->db));
		}
		db_bind_text(st, 1, username);
		rc = db_step(st);
		*row_id_r = rc == DB_ROW ? db_col_int(st, 0) : 0;
		if (rc == DB_ROW)
			db_run(st);
	}
	if (out_r)
		*out_r = u;
	else
		json_decref(u);
	return 0;
}

int api_users_list(struct req *r)
{
	const char *cursor, *role = http_query(r, "role");
	char like[24] = "";
	db_stmt_t *st;
	int limit, all;

	if (http_page(r, 50, 500, &limit, &cursor) < 0)
		return -1;
	all = r->who.role == ROLE_ADMIN && r->who.region_prefix[0] == '\0';
	if (strcmp(r->who.region_prefix, "-") != 0)
		snprintf(like, sizeof(like), "%s%%", r->who.region_prefix);
	/* At 10 million rows: the users table is small (accounts, not subjects); the walk
	 * follows the username UNIQUE index. */
	st = record_prepare_select(r->db, &rec_user,
				   "WHERE (CAST(? AS TEXT) = 'all' OR u.region_code LIKE ? OR a.region_code LIKE ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR u.role = ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR u.username > ?)"
				   " ORDER BY u.username LIMIT ?");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_text(st, 1, all ? "all" : NULL);
	db_bind_text(st, 2, like[0] ? like : NULL);
	db_bind_text(st, 3, like[0] ? like : NULL);
	db_bind_text(st, 4, role);
	db_bind_text(st, 5, role);
	db_bind_text(st, 6, cursor);
	db_bind_text(st, 7, cursor);
	db_bind_int(st, 8, limit + 1);
	return api_list_reply(r, &rec_user, st, limit);
}

int api_users_get(struct req *r)
{
	json_t *u;

	if (user_visible(r, r->params[0], NULL, &u) < 0)
		return -1;
	return http_reply(r, 200, u);
}

/* Takes member name out of in (so that record_decode does not see it); NULL when
 * absent. The caller owns the result. */
static json_t *take_member(json_t *in, const char *name)
{
	json_t *v = json_incref(json_object_get(in, name));

	json_object_del(in, name);
	return v;
}

/* Checks the password member of a request: a string that auth_password_ok accepts. */
static int password_check(json_t *pw, struct zerr *e)
{
	if (!json_is_string(pw))
		return zerr_field(e, "password", "密码应为字符串 (string required)");
	if (strlen(json_string_value(pw)) != json_string_length(pw) ||
	    !auth_password_ok(json_string_value(pw)))
		return zerr_field(e, "password", "%s", AUTH_PASSWORD_MSG);
	return 0;
}

/* The scope of a new account: agency roles act for an agency (agency_id required,
 * no region); region roles need a region inside the caller's scope and may also
 * belong to an agency. The agency must be visible to the caller. */
static int user_scope(struct req *r, json_t *clean, enum role role, int64_t *agency_id_r)
{
	const char *pid = json_string_value(json_object_get(clean, "agency_id")),
		   *region = json_string_value(json_object_get(clean, "region_code"));
	struct zerr tmp = ZERR_INIT;

	*agency_id_r = 0;
	if (role_has_region_scope(role)) {
		if (!region)
			zerr_field(&r->err, "region_code", "%s须指定管辖行政区划 (required for this role)",
				   role_zh(role));
		else if (org_region_usable(r, region, "region_code", &r->err) < 0 && r->err.status != 400)
			return -1;
	} else {
		if (!pid)
			zerr_field(&r->err, "agency_id", "%s须指定所属执法主体 (required for this role)",
				   role_zh(role));
		if (region)
			zerr_field(&r->err, "region_code",
				   "%s的范围是其执法主体，不另设行政区划 (not for this role)", role_zh(role));
	}
	if (pid && org_agency_visible(r, pid, agency_id_r, NULL, &tmp) < 0) {
		if (tmp.status != 404) {
			zerr_clear(&r->err);
			r->err = tmp;
			return -1;
		}
		zerr_clear(&tmp);
		zerr_field(&r->err, "agency_id", "执法主体不存在或不在您的权限范围内 (unknown agency)");
	}
	return zerr_isset(&r->err) ? -1 : 0;
}

/* Replaces clean's officer_id (a public id) by the internal id of that officer, who
 * must belong to the account's agency (agency_pid); null stays null. */
static int user_officer(struct req *r, json_t *clean, const char *agency_pid)
{
	json_t *v = json_object_get(clean, "officer_id");
	db_stmt_t *st;

	if (!v || json_is_null(v))
		return 0;
	st = db_prepare(r->db, "SELECT o.id FROM officers o JOIN agencies a ON a.id = o.agency_id"
			       " WHERE o.public_id = ? AND a.public_id = ?");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_text(st, 1, json_string_value(v));
	db_bind_text(st, 2, agency_pid ? agency_pid : "");
	if (db_step(st) != DB_ROW)
		return zerr_field(&r->err, "officer_id", "执法人员不存在或不属于该账号的执法主体 (officer of the account's agency)");
	json_object_set_new(clean, "officer_id", json_integer(db_col_int(st, 0)));
	db_run(st);
	return 0;
}

/* Appends the ledger entry of a change to user username (its state has no hash). */
static int user_logged(struct req *r, const char *username, const char *action)
{
	json_t *state = NULL;
	int ret = -1;

	if (record_load_state(r->db, &rec_user, username, &state, &r->err) == 0 &&
	    ledger_append(r->db, &r->who, action, "user", username, state, NULL, &r->err) == 0)
		ret = 0;
	json_decref(state);
	return ret;
}

int api_users_create(struct req *r)
{
	json_t *in = NULL, *clean = NULL, *pw = NULL, *out = NULL, *off = NULL;
	const char *username;
	int64_t agency_id = 0, uid;
	enum role role;
	int ret = -1;

	if (http_json_body(r, &in) < 0)
		goto out;
	pw = take_member(in, "password");
	record_decode(&rec_user, in, 0, &clean, &r->err);
	if (!pw)
		zerr_field(&r->err, "password", "缺少必填字段密码 (required)");
	else
		password_check(pw, &r->err);
	if (zerr_isset(&r->err))
		goto out;
	username = json_string_value(json_object_get(clean, "username"));
	role = role_parse(json_string_value(json_object_get(clean, "role")));
	if (user_scope(r, clean, role, &agency_id) < 0 ||
	    user_officer(r, clean, json_string_value(json_object_get(clean, "agency_id"))) < 0)
		goto out;
	if (db_begin(r->db, 1) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	uid = auth_user_add(r->db, username, json_string_value(json_object_get(clean, "display_name")),
			    role, agency_id, json_string_value(json_object_get(clean, "region_code")),
			    json_string_value(pw), &r->err);
	if (json_is_true(json_object_get(clean, "disabled")) || json_is_integer(json_object_get(clean, "officer_id"))) {
		off = json_object();
		if (json_is_true(json_object_get(clean, "disabled")))
			json_object_set_new(off, "disabled", json_true());
		if (json_is_integer(json_object_get(clean, "officer_id")))
			json_object_set(off, "officer_id", json_object_get(clean, "officer_id"));
	}
	if (uid < 0 || (off && record_update(r->db, &rec_user, off, "id", uid, &r->err) < 0) ||
	    user_logged(r, username, "user.create") < 0) {
		db_rollback(r->db);
		if (strcmp(r->err.code, "conflict") == 0) {
			zerr_clear(&r->err);
			zerr_set(&r->err, 409, "conflict", "用户名 %s 已被使用 (username taken)", username);
			zerr_field(&r->err, "username", "用户名已被使用 (taken)");
		}
		goto out;
	}
	if (db_commit(r->db) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	if (api_fetch(r, &rec_user, username, &out) < 0)
		goto out;
	snprintf(r->location, sizeof(r->location), "%s/%s", r->path, username);
	ret = http_reply(r, 201, out);
out:
	json_decref(in);
	json_decref(clean);
	json_decref(pw);
	json_decref(off);
	return ret;
}

int api_users_patch(struct req *r)
{
	json_t *in = NULL, *clean = NULL, *pw = NULL, *unlock = NULL, *cur = NULL, *out = NULL, *rv;
	const char *username = r->params[0];
	int64_t id = 0;
	int ret = -1;

	if (user_visible(r, username, &id, &cur) < 0 || http_json_body(r, &in) < 0)
		goto out;
	pw = take_member(in, "password");
	unlock = take_member(in, "unlock");
	record_decode(&rec_user, in, 1, &clean, &r->err);
	if (pw)
		password_check(pw, &r->err);
	if (unlock && !json_is_boolean(unlock))
		zerr_field(&r->err, "unlock", "unlock 应为布尔值 (boolean)");
	if (zerr_isset(&r->err))
		goto out;
	/* a role keeps the kind of scope the account was made with */
	rv = json_object_get(clean, "role");
	if (rv) {
		enum role nr = role_parse(json_string_value(rv));

		if (role_has_region_scope(nr) && json_is_null(json_object_get(cur, "region_code")))
			zerr_field(&r->err, "role", "该账号没有管辖行政区划，不能改为%s（请新建账号） (needs a region)",
				   role_zh(nr));
		else if (!role_has_region_scope(nr) && json_is_null(json_object_get(cur, "agency_id")))
			zerr_field(&r->err, "role", "该账号没有所属执法主体，不能改为%s（请新建账号） (needs an agency)",
				   role_zh(nr));
		if (zerr_isset(&r->err))
			goto out;
	}
	if (user_officer(r, clean, json_string_value(json_object_get(cur, "agency_id"))) < 0)
		goto out;
	if (json_is_true(unlock)) {
		json_object_set_new(clean, "failed_logins", json_integer(0));
		json_object_set_new(clean, "locked_until", json_null());
	}
	if (json_object_size(clean) == 0 && !pw) {
		zerr_set(&r->err, 400, "invalid_field", "没有要修改的字段 (nothing to update)");
		goto out;
	}
	if (db_begin(r->db, 1) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	if ((json_object_size(clean) && record_update(r->db, &rec_user, clean, "id", id, &r->err) < 0) ||
	    (pw && auth_set_password(r->db, username, json_string_value(pw), &r->err) < 0) ||
	    user_logged(r, username, "user.update") < 0) {
		db_rollback(r->db);
		goto out;
	}
	if (db_commit(r->db) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	if (api_fetch(r, &rec_user, username, &out) == 0)
		ret = http_reply(r, 200, out);
out:
	json_decref(in);
	json_decref(clean);
	json_decref(pw);
	json_decref(unlock);
	json_decref(cur);
	return ret;
}

int api_users_apikey(struct req *r)
{
	const char *username = r->params[0];
	json_t *in = NULL, *name, *state = NULL;
	char key[64];
	int ret = -1;

	if (user_visible(r, username, NULL, NULL) < 0 || http_json_body(r, &in) < 0)
		goto out;
	name = json_object_get(in, "name");
	if (json_object_size(in) != (name ? 1u : 0u))
		zerr_field(&r->err, "name", "只接受 name 字段 (only name)");
	if (!json_is_string(name) || json_string_length(name) == 0 || json_string_length(name) > 120 ||
	    strlen(json_string_value(name)) != json_string_length(name))
		zerr_field(&r->err, "name", "密钥名称应为 1–120 字节的字符串 (name: 1..120 bytes)");
	if (zerr_isset(&r->err))
		goto out;
	if (db_begin(r->db, 1) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	/* the entry records that the user got a key (action user.api_key) and commits to the
	 * user's state like every user entry, so that verification keeps comparing the user
	 * record with its latest entry; the key itself is never recorded */
	if (auth_apikey_add(r->db, username, json_string_value(name), key, &r->err) < 0 ||
	    record_load_state(r->db, &rec_user, username, &state, &r->err) < 0 ||
	    ledger_append(r->db, &r->who, "user.api_key", "user", username, state, NULL, &r->err) < 0) {
		db_rollback(r->db);
		goto out;
	}
	if (db_commit(r->db) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	ret = http_reply(r, 201, json_pack("{s:s, s:s, s:s}", "key", key, "name",
					   json_string_value(name), "username", username));
out:
	json_decref(in);
	json_decref(state);
	return ret;
}
