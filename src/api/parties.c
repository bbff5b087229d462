/* parties.c: the party registry (当事人), one for all agencies: persons by ID number
 * (masked in answers), organisations by unified social credit code. A party's page
 * shows its earlier cases and penalties across agencies (Art 29; repeat violations). */
#include <string.h>

#include "api/api.h"
#include "api/records.h"

int api_parties_list(struct req *r)
{
	const char *cursor, *kind = http_query(r, "kind"), *q = http_query(r, "q");
	char *like = NULL;
	db_stmt_t *st;
	int limit, ret = -1;

	if (http_page(r, 50, 500, &limit, &cursor) < 0)
		return -1;
	like = q ? api_like(q) : NULL;
	/* At 10 million rows: the walk follows the public_id UNIQUE index; a q that is a
	 * full identifier hits the id_number / uscc UNIQUE indexes. */
	st = record_prepare_select(r->db, &rec_party,
				   "WHERE (CAST(? AS TEXT) IS NULL OR p.kind = ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR p.name LIKE ? ESCAPE '\\' OR p.uscc = ?"
				   " OR p.id_number = ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR p.public_id > ?)"
				   " ORDER BY p.public_id LIMIT ?");
	if (!st) {
		zerr_internal(&r->err, db_errmsg(r->db));
		goto out;
	}
	db_bind_text(st, 1, kind);
	db_bind_text(st, 2, kind);
	db_bind_text(st, 3, q);
	db_bind_text(st, 4, like);
	db_bind_text(st, 5, q);
	db_bind_text(st, 6, q);
	db_bind_text(st, 7, cursor);
	db_bind_text(st, 8, cursor);
	db_bind_int(st, 9, limit + 1);
	ret = api_list_reply(r, &rec_party, st, limit);
out:
	free(like);
	return ret;
}

int api_parties_create(struct req *r)
{
	json_t *in = NULL, *clean = NULL;
	const char *kind, *idn;
	int ret = -1;

	if (http_json_body(r, &in) < 0)
		goto out;
	record_decode_all(&rec_party, in, 0, &clean, &r->err);
	kind = json_string_value(json_object_get(clean, "kind"));
	idn = json_string_value(json_object_get(clean, "id_number"));
	if (kind && strcmp(kind, "person") == 0) {
		if (!idn && !json_object_get(in, "id_number"))
			zerr_field(&r->err, "id_number", "自然人须登记公民身份号码 (required for a person)");
		if (json_object_get(in, "uscc") && !json_is_null(json_object_get(in, "uscc")))
			zerr_field(&r->err, "uscc", "自然人不登记统一社会信用代码 (not for a person)");
	} else if (kind) {
		if (!json_string_value(json_object_get(clean, "uscc")) && !json_object_get(in, "uscc"))
			zerr_field(&r->err, "uscc", "单位须登记统一社会信用代码 (required for an organisation)");
		if (json_object_get(in, "id_number") && !json_is_null(json_object_get(in, "id_number")))
			zerr_field(&r->err, "id_number", "单位不登记公民身份号码 (not for an organisation)");
	}
	if (zerr_isset(&r->err))
		goto out;
	if (idn) { /* GB 11643: characters 7-14 are the birth date (Art 30 reads it) */
		char birth[11];

		snprintf(birth, sizeof(birth), "%.4s-%.2s-%.2s", idn + 6, idn + 10, idn + 12);
		json_object_set_new(clean, "birth_date", json_string(birth));
	}
	ret = api_create(r, &rec_party, clean, NULL);
	if (ret < 0 && strcmp(r->err.code, "conflict") == 0) {
		zerr_clear(&r->err);
		zerr_set(&r->err, 409, "conflict", "该当事人已登记（身份证号或统一社会信用代码重复） (party already registered)");
		zerr_field(&r->err, idn ? "id_number" : "uscc", "已登记 (already registered)");
		r->err.status = 409;
	}
out:
	json_decref(in);
	json_decref(clean);
	return ret;
}

int api_parties_get(struct req *r)
{
	json_t *p = NULL, *hist = json_array();
	db_stmt_t *st;
	int rc;

	if (api_fetch(r, &rec_party, r->params[0], &p) < 0) {
		json_decref(hist);
		return -1;
	}
	/* Every agency's officer may see the party's record: case numbers, agency, item,
	 * decision and fine; never another agency's case id (those stay 404). */
	st = db_prepare(r->db, "SELECT c.case_no, a.name, c.item_code, c.cause, c.state, c.decision_no,"
			       " c.decision_date, c.intended_types, c.intended_fine_fen, c.violation_date,"
			       " a.public_id, c.public_id FROM cases c JOIN agencies a ON a.id = c.agency_id"
			       " JOIN parties p ON p.id = c.party_id WHERE p.public_id = ?"
			       " ORDER BY c.public_id DESC LIMIT 100");
	if (!st) {
		json_decref(p);
		json_decref(hist);
		return zerr_internal(&r->err, db_errmsg(r->db));
	}
	db_bind_text(st, 1, r->params[0]);
	while ((rc = db_step(st)) == DB_ROW) {
		json_t *h = json_pack("{s:s?, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s, s:I, s:s}",
			"case_no", db_col_isnull(st, 0) ? NULL : db_col_text(st, 0), "agency_name", db_col_text(st, 1),
			"item_code", db_col_text(st, 2), "cause", db_col_text(st, 3), "state", db_col_text(st, 4),
			"decision_no", db_col_isnull(st, 5) ? NULL : db_col_text(st, 5),
			"decision_date", db_col_isnull(st, 6) ? NULL : db_col_text(st, 6),
			"penalty_types", db_col_text(st, 7), "fine_fen", (json_int_t)db_col_int(st, 8),
			"violation_date", db_col_text(st, 9));

		if (strcmp(db_col_text(st, 10), r->who.agency_pid) == 0)
			json_object_set_new(h, "case_id", json_string(db_col_text(st, 11)));
		json_array_append_new(hist, h);
	}
	if (rc != DB_OK) {
		json_decref(p);
		json_decref(hist);
		return db_zerr(r->db, rc, &r->err);
	}
	json_object_set_new(p, "cases", hist);
	return http_reply(r, 200, p);
}
