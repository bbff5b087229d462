/* auth.c: login, logout, who am I. */
#include <string.h>

#include "api/api.h"
#include "domain/auth.h"

/* The signed-in user as the web app shows it. */
static json_t *user_json(struct req *r, const struct principal *p)
{
	db_stmt_t *st = db_prepare(r->db, "SELECT u.display_name, a.name FROM users u"
					  " LEFT JOIN agencies a ON a.id = u.agency_id WHERE u.id = ?");
	json_t *u = json_pack("{s:s, s:s, s:s, s:n, s:n, s:s}", "username", p->username, "role",
			      role_name(p->role), "role_zh", role_zh(p->role), "agency_id",
			      "agency_name", "region_prefix", p->region_prefix);

	if (p->agency_pid[0])
		json_object_set_new(u, "agency_id", json_string(p->agency_pid));
	if (st) {
		db_bind_int(st, 1, p->user_id);
		if (db_step(st) == DB_ROW) {
			json_object_set_new(u, "display_name", json_string(db_col_text(st, 0)));
			if (!db_col_isnull(st, 1))
				json_object_set_new(u, "agency_name", json_string(db_col_text(st, 1)));
			db_run(st);
		}
	}
	return u;
}

int api_login(struct req *r)
{
	json_t *in = NULL, *u, *pw;
	char token[64], expires[32];
	struct principal p;
	int ret = -1;

	if (http_json_body(r, &in) < 0)
		goto out;
	u = json_object_get(in, "username");
	pw = json_object_get(in, "password");
	if (!json_is_string(u))
		zerr_field(&r->err, "username", "请输入用户名 (username required)");
	if (!json_is_string(pw))
		zerr_field(&r->err, "password", "请输入密码 (password required)");
	if (zerr_isset(&r->err))
		goto out;
	if (json_string_length(u) > 64 || json_string_length(pw) > 256) {
		zerr_set(&r->err, 401, "bad_credentials", "用户名或密码错误 (wrong username or password)");
		goto out;
	}
	if (auth_login(r->db, json_string_value(u), json_string_value(pw), token, expires, &p,
		       &r->err) < 0)
		goto out;
	r->who = p;
	ret = http_reply(r, 200, json_pack("{s:s, s:s, s:o}", "token", token, "expires_at", expires,
					   "user", user_json(r, &p)));
out:
	json_decref(in);
	return ret;
}

int api_logout(struct req *r)
{
	auth_logout(r->db, http_header(r, "Authorization"));
	r->status = 204;
	return 0;
}

int api_me(struct req *r)
{
	return http_reply(r, 200, user_json(r, &r->who));
}
