/* discretion.c: discretion benchmarks (裁量基准, 行政处罚法 Art 34): load a proven table,
 * list and publish the stored versions, recommend an outcome and a fine range (Art 37,
 * 从旧兼从轻) and place a decided fine against it. The rules are the domain's
 * (domain/discretion*.h); the CLI calls the same functions. */
#include <string.h>

#include "api/api.h"
#include "api/records.h"
#include "domain/discretion_store.h"

int api_discretion_tables_list(struct req *r)
{
	const char *cursor, *item = http_query(r, "item_code");
	db_stmt_t *st;
	int limit;

	if (http_page(r, 100, 1000, &limit, &cursor) < 0)
		return -1;
	st = record_prepare_select(r->db, &rec_discretion_table,
				   "WHERE (CAST(? AS TEXT) IS NULL OR d.item_code = ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR d.item_code || '/' || d.version > ?)"
				   " ORDER BY d.item_code || '/' || d.version LIMIT ?");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_text(st, 1, item);
	db_bind_text(st, 2, item);
	db_bind_text(st, 3, cursor);
	db_bind_text(st, 4, cursor);
	db_bind_int(st, 5, limit + 1);
	return api_list_reply(r, &rec_discretion_table, st, limit);
}

int api_discretion_tables_create(struct req *r)
{
	char key[DISCRETION_KEY_LEN];
	json_t *in = NULL, *out = NULL;
	int ret = -1;

	/* the same checks as every JSON body (one object, no repeated member, depth), then
	 * the engine proves the text itself, which is what gets stored */
	if (http_json_body(r, &in) < 0 ||
	    discretion_store_add(r->db, r->body.data, r->body.len, &r->who, 0, key, &r->err) < 0 ||
	    api_fetch(r, &rec_discretion_table, key, &out) < 0)
		goto out;
	snprintf(r->location, sizeof(r->location), "%s/%s", r->path, key);
	ret = http_reply(r, 201, out);
out:
	json_decref(in);
	return ret;
}

int api_discretion_tables_get(struct req *r)
{
	db_stmt_t *st = db_prepare(r->db, "SELECT document FROM discretion_tables"
					  " WHERE item_code = ? AND version = ?");
	const char *doc;
	int rc;

	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_text(st, 1, r->params[0]);
	db_bind_text(st, 2, r->params[1]);
	rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_OK ? zerr_not_found(&r->err, "裁量基准 (discretion table)")
				   : db_zerr(r->db, rc, &r->err);
	doc = db_col_text(st, 0);
	r->raw_len = strlen(doc);
	r->raw = strndup(doc, r->raw_len);
	db_run(st);
	if (!r->raw)
		return zerr_oom(&r->err);
	r->raw_type = "application/json";
	r->status = 200;
	return 0;
}

static int evaluate(struct req *r, int check)
{
	json_t *in = NULL, *out = NULL;
	int ret = -1;

	if (http_json_body(r, &in) < 0 || discretion_request(r->db, in, check, &out, &r->err) < 0)
		goto out;
	ret = http_reply(r, 200, out);
out:
	json_decref(in);
	return ret;
}

int api_discretion_evaluate(struct req *r)
{
	return evaluate(r, 0);
}

int api_discretion_check(struct req *r)
{
	return evaluate(r, 1);
}
