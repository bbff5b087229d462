/* disputes.c: responsibility disputes (职责争议, 条例 Art 12, 17) over HTTP. An agency
 * files a dispute about an item (and optionally a case) naming the other agency; the
 * other side answers; the comprehensive enforcement office (catalog admin) decides
 * within dispute_days working days of the filing (computed on read on the working-day
 * calendar, provisional when a year has no data). A decision either changes claims in
 * the same transaction (ends some, makes others) or proposes a catalog change request
 * (the four-eyes approval applies). States: filed → answered → decided, or withdrawn.
 *
 * Ledger entries: file, answer, withdraw 1 each (catalog_dispute.<verb>); decide 1 +
 * one per claim ended or made, or + 1 for the change request proposed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/records.h"
#include "core/calendar.h"
#include "core/config.h"
#include "core/date.h"
#include "domain/calendar_store.h"
#include "ledger/ledger.h"

/* Adds due_date, provisional and overdue to a dispute as encoded: due = filed_on +
 * dispute_days working days; overdue when still open (filed, answered) after it. */
static void deadline_members(struct req *r, json_t *d)
{
	const char *filed = json_string_value(json_object_get(d, "filed_on")),
		   *status = json_string_value(json_object_get(d, "status"));
	struct zdate start, due;
	char today[ZDATE_STRLEN], due_s[ZDATE_STRLEN];
	int prov = 0, open = status && (strcmp(status, "filed") == 0 || strcmp(status, "answered") == 0);

	api_today(today);
	if (!filed || zdate_parse(filed, &start) < 0 ||
	    calendar_add_working_days(calendar_for(r->db), start, r->cfg ? r->cfg->dispute_days : 20, &due, &prov) < 0)
		return;
	zdate_format(due, due_s);
	json_object_set_new(d, "due_date", json_string(due_s));
	json_object_set_new(d, "provisional", json_boolean(prov));
	json_object_set_new(d, "overdue", json_boolean(open && strcmp(today, due_s) > 0));
}

/* The caller may act for agency pid: its head, or an admin or catalog admin whose region
 * scope holds region. */
static int acts_for(struct req *r, const char *pid, const char *region)
{
	const char *p = r->who.region_prefix;

	if (r->who.role == ROLE_AGENCY_HEAD)
		return pid && strcmp(r->who.agency_pid, pid) == 0;
	return (r->who.role == ROLE_ADMIN || r->who.role == ROLE_CATALOG_ADMIN) && strcmp(p, "-") != 0 && region &&
	       strncmp(region, p, strlen(p)) == 0;
}

/* The caller sees a dispute when it acts for either side or its region scope holds it. */
static int sees(struct req *r, json_t *d)
{
	const char *region = json_string_value(json_object_get(d, "region_code")), *p = r->who.region_prefix;

	if (r->who.agency_pid[0] && (strcmp(r->who.agency_pid, json_string_value(json_object_get(d, "agency_id"))) == 0 ||
				     strcmp(r->who.agency_pid, json_string_value(json_object_get(d, "other_agency_id"))) == 0))
		return 1;
	return role_has_region_scope(r->who.role) && strcmp(p, "-") != 0 && strncmp(region, p, strlen(p)) == 0;
}

/* Loads the dispute of the URL as the caller may see it (404 otherwise) and its row id. */
static int dispute_load(struct req *r, json_t **d_r, int64_t *id_r)
{
	db_stmt_t *st;

	*d_r = NULL;
	if (api_fetch(r, &rec_catalog_dispute, r->params[0], d_r) < 0)
		return -1;
	if (!sees(r, *d_r)) {
		json_decref(*d_r);
		*d_r = NULL;
		return zerr_not_found(&r->err, rec_catalog_dispute.zh);
	}
	st = db_prepare(r->db, "SELECT id FROM catalog_disputes WHERE public_id = ?");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_text(st, 1, r->params[0]);
	if (db_step(st) == DB_ROW) {
		*id_r = db_col_int(st, 0);
		db_run(st);
	}
	return 0;
}

/* Inside the write transaction: sets upd on dispute row id and logs catalog_dispute.verb. */
static int dispute_write(struct req *r, int64_t id, json_t *upd, const char *verb)
{
	json_t *state = NULL;
	char action[64];
	int ret = -1;

	snprintf(action, sizeof(action), "catalog_dispute.%s", verb);
	if (record_update(r->db, &rec_catalog_dispute, upd, "id", id, &r->err) == 0 &&
	    record_load_state(r->db, &rec_catalog_dispute, r->params[0], &state, &r->err) == 0 &&
	    ledger_append(r->db, &r->who, action, rec_catalog_dispute.name, r->params[0], state, NULL, &r->err) == 0)
		ret = 0;
	json_decref(state);
	return ret;
}

/* Answers the dispute of the URL (with its deadline). */
static int dispute_reply(struct req *r, int status)
{
	json_t *d;

	if (api_fetch(r, &rec_catalog_dispute, r->params[0], &d) < 0)
		return -1;
	deadline_members(r, d);
	return http_reply(r, status, d);
}

/* Resolves an agency public id (any agency: the other side of a dispute need not be
 * visible to the filer) to its internal id and JSON. Field error when unknown. */
static int agency_ref(struct req *r, const char *pid, const char *field, int64_t *id_r, json_t **a_r)
{
	db_stmt_t *st;
	struct zerr tmp = ZERR_INIT;

	*a_r = NULL;
	if (api_lookup(r, &rec_agency, pid, a_r, &tmp) < 0) {
		if (tmp.status != 404) {
			zerr_clear(&r->err);
			r->err = tmp;
			return -1;
		}
		zerr_clear(&tmp);
		return zerr_field(&r->err, field, "执法主体不存在 (unknown agency)");
	}
	st = db_prepare(r->db, "SELECT id FROM agencies WHERE public_id = ?");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_text(st, 1, pid);
	if (db_step(st) == DB_ROW) {
		*id_r = db_col_int(st, 0);
		db_run(st);
	}
	return 0;
}

int api_dispute_file(struct req *r, json_t *in, char *id_r, size_t id_len)
{
	json_t *clean = NULL, *a = NULL, *b = NULL, *g = NULL;
	const char *pid, *other, *region, *code;
	struct zerr tmp = ZERR_INIT;
	char today[ZDATE_STRLEN];
	int64_t aid = 0, bid = 0;
	db_stmt_t *st;
	int ret = -1;

	if (record_decode(&rec_catalog_dispute, in, 0, &clean, &r->err) < 0)
		goto out;
	pid = json_string_value(json_object_get(clean, "agency_id"));
	if (!pid)
		pid = r->who.agency_pid[0] ? r->who.agency_pid : NULL;
	other = json_string_value(json_object_get(clean, "other_agency_id"));
	code = json_string_value(json_object_get(clean, "item_code"));
	if (!pid) {
		zerr_field(&r->err, "agency_id", "缺少提出主体 (required: the agency filing)");
		goto out;
	}
	/* both are checked, so that one answer names both */
	agency_ref(r, pid, "agency_id", &aid, &a);
	agency_ref(r, other, "other_agency_id", &bid, &b);
	if (zerr_isset(&r->err))
		goto out;
	if (aid == bid) {
		zerr_field(&r->err, "other_agency_id", "争议对方不能是本主体 (the other agency must differ)");
		goto out;
	}
	region = json_string_value(json_object_get(clean, "region_code"));
	if (!region) {
		json_object_set(clean, "region_code", json_object_get(a, "region_code"));
		region = json_string_value(json_object_get(clean, "region_code"));
	}
	if (api_lookup(r, &rec_region, region, &g, &tmp) < 0) {
		zerr_clear(&tmp);
		zerr_field(&r->err, "region_code", "行政区划 %s 未登记 (unknown region)", region);
	}
	st = db_prepare(r->db, "SELECT 1 FROM catalog_items WHERE code = ?");
	if (!st) {
		zerr_internal(&r->err, db_errmsg(r->db));
		goto out;
	}
	db_bind_text(st, 1, code);
	if (db_step(st) == DB_ROW)
		db_run(st);
	else
		zerr_field(&r->err, "item_code", "目录中没有编码为 %s 的事项 (no such item)", code);
	if (zerr_isset(&r->err))
		goto out;
	if (!acts_for(r, pid, json_string_value(json_object_get(a, "region_code")))) {
		zerr_set(&r->err, 403, "forbidden",
			 "只有提出主体的负责人，或辖区包含该主体的管理员、综合执法办人员可以提出职责争议 (not your agency)");
		goto out;
	}
	api_today(today);
	json_object_set_new(clean, "agency_id", json_integer(aid));
	json_object_set_new(clean, "other_agency_id", json_integer(bid));
	json_object_set_new(clean, "status", json_string("filed"));
	json_object_set_new(clean, "filed_on", json_string(today));
	json_object_set_new(clean, "filed_by", json_string(r->who.username));
	if (db_begin(r->db, 1) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	if (api_insert_logged(r, &rec_catalog_dispute, clean, NULL, "file", id_r, id_len, &r->err) < 0) {
		db_rollback(r->db);
		goto out;
	}
	if (db_commit(r->db) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	ret = 0;
out:
	json_decref(clean);
	json_decref(a);
	json_decref(b);
	json_decref(g);
	return ret;
}

int api_disputes_create(struct req *r)
{
	json_t *in = NULL, *out = NULL;
	char key[80];
	int ret = -1;

	if (http_json_body(r, &in) < 0 || api_dispute_file(r, in, key, sizeof(key)) < 0 ||
	    api_fetch(r, &rec_catalog_dispute, key, &out) < 0)
		goto out;
	deadline_members(r, out);
	snprintf(r->location, sizeof(r->location), "%s/%s", r->path, key);
	ret = http_reply(r, 201, out);
out:
	json_decref(in);
	return ret;
}

int api_dispute_get(struct req *r)
{
	json_t *d;
	int64_t id = 0;

	if (dispute_load(r, &d, &id) < 0)
		return -1;
	deadline_members(r, d);
	return http_reply(r, 200, d);
}

/* The agencies a dispute may name as the other side: any registered agency (the filer
 * need not see it in /agencies), by name (q, 1–50 characters, optional), at most 30,
 * by region and name. Only what naming one needs: id, name, region, kind, domain. */
int api_dispute_parties(struct req *r)
{
	const char *q = http_query(r, "q"), *c;
	json_t *items;
	char *pat = NULL;
	db_stmt_t *st;
	int rc;
	size_t chars = 0;

	if (q && !*q)
		q = NULL;
	for (c = q; c && *c; c++)
		chars += ((unsigned char)*c & 0xC0) != 0x80; /* UTF-8 characters, not bytes */
	if (chars > 50)
		return zerr_field(&r->err, "q", "检索词最多 50 个字符 (q: at most 50 characters)");
	if (q && !(pat = api_like(q)))
		return zerr_oom(&r->err);
	st = db_prepare(r->db, "SELECT public_id, name, region_code, kind, domain FROM agencies"
			       " WHERE (CAST(? AS TEXT) IS NULL OR name LIKE ? ESCAPE '\\')"
			       " ORDER BY region_code, name LIMIT 30");
	if (!st) {
		free(pat);
		return zerr_internal(&r->err, db_errmsg(r->db));
	}
	db_bind_text(st, 1, pat);
	db_bind_text(st, 2, pat);
	items = json_array();
	while ((rc = db_step(st)) == DB_ROW)
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", db_col_text(st, 0), "name",
						       db_col_text(st, 1), "region_code", db_col_text(st, 2), "kind",
						       db_col_text(st, 3), "domain", db_col_text(st, 4)));
	free(pat);
	if (rc != DB_OK) {
		json_decref(items);
		return db_zerr(r->db, rc, &r->err);
	}
	return http_reply(r, 200, json_pack("{s:o}", "items", items));
}

#define DISPUTES_SCAN 500

/* Lists the disputes the caller sees, newest first; ?overdue=true keeps the open ones
 * past their deadline (computed here: the deadline is not stored). */
int api_disputes_list(struct req *r)
{
	const char *cursor, *status = http_query(r, "status"), *item = http_query(r, "item_code"),
			   *overdue = http_query(r, "overdue");
	json_t *items = json_array(), *d;
	char next[80] = "", like[24] = "";
	db_stmt_t *st;
	int limit, rc, more = 0, want = 0;

	if (http_page(r, 50, 500, &limit, &cursor) < 0)
		goto fail;
	if (overdue && strcmp(overdue, "true") != 0 && strcmp(overdue, "false") != 0)
		zerr_field(&r->err, "overdue", "overdue 只能是 true 或 false (true or false)");
	if (status && strcmp(status, "filed") != 0 && strcmp(status, "answered") != 0 && strcmp(status, "decided") != 0 &&
	    strcmp(status, "withdrawn") != 0)
		zerr_field(&r->err, "status", "status 的取值无效 (invalid value)");
	if (zerr_isset(&r->err))
		goto fail;
	want = overdue && strcmp(overdue, "true") == 0;
	if (role_has_region_scope(r->who.role) && strcmp(r->who.region_prefix, "-") != 0)
		snprintf(like, sizeof(like), "%s%%", r->who.region_prefix);
	st = record_prepare_select(r->db, &rec_catalog_dispute,
				   "WHERE (a.public_id = ? OR b.public_id = ? OR p.region_code LIKE ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR p.status = ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR p.item_code = ?)"
				   " AND (? = 0 OR p.status IN ('filed', 'answered'))"
				   " AND (CAST(? AS TEXT) IS NULL OR p.public_id < ?)"
				   " ORDER BY p.public_id DESC LIMIT ?");
	if (!st) {
		zerr_internal(&r->err, db_errmsg(r->db));
		goto fail;
	}
	db_bind_text(st, 1, r->who.agency_pid[0] ? r->who.agency_pid : NULL);
	db_bind_text(st, 2, r->who.agency_pid[0] ? r->who.agency_pid : NULL);
	db_bind_text(st, 3, like[0] ? like : NULL);
	db_bind_text(st, 4, status);
	db_bind_text(st, 5, status);
	db_bind_text(st, 6, item);
	db_bind_text(st, 7, item);
	db_bind_int(st, 8, want);
	db_bind_text(st, 9, cursor);
	db_bind_text(st, 10, cursor);
	db_bind_int(st, 11, want ? DISPUTES_SCAN : limit + 1);
	while ((rc = db_step(st)) == DB_ROW) {
		if ((int)json_array_size(items) == limit) {
			more = 1;
			rc = db_run(st);
			break;
		}
		d = record_encode(&rec_catalog_dispute, st, 0);
		deadline_members(r, d);
		if (want && !json_is_true(json_object_get(d, "overdue"))) {
			json_decref(d);
			continue;
		}
		snprintf(next, sizeof(next), "%s", json_string_value(json_object_get(d, "id")));
		json_array_append_new(items, d);
	}
	if (rc != DB_OK) {
		db_zerr(r->db, rc, &r->err);
		goto fail;
	}
	return http_reply(r, 200, json_pack("{s:o, s:s?}", "items", items, "next_cursor", more ? next : NULL));
fail:
	json_decref(items);
	return -1;
}

/* The text member name of body (required, 1..max characters) or a field error. */
static const char *text_member(struct req *r, json_t *body, const char *name, size_t max)
{
	json_t *v = json_object_get(body, name);

	if (!json_is_string(v) || json_string_length(v) == 0 || json_string_length(v) > max) {
		zerr_field(&r->err, name, "%s 应为 1–%zu 字节的文本 (required text)", name, max);
		return NULL;
	}
	return json_string_value(v);
}

/* Refuses members of body not in allowed (NULL-ended). */
static void only_members(struct req *r, json_t *body, const char *const *allowed)
{
	const char *k;
	json_t *v;
	size_t i;

	json_object_foreach(body, k, v) {
		for (i = 0; allowed[i] && strcmp(allowed[i], k) != 0; i++)
			;
		if (!allowed[i])
			zerr_field(&r->err, k, "未知字段 (unknown field)");
	}
}

int api_dispute_answer(struct req *r)
{
	static const char *const allowed[] = { "answer", NULL };
	json_t *in = NULL, *d = NULL, *upd = NULL;
	const char *answer;
	char now[32];
	int64_t id = 0;
	int ret = -1;

	if (http_json_body(r, &in) < 0)
		goto out;
	only_members(r, in, allowed);
	answer = text_member(r, in, "answer", 4000);
	if (zerr_isset(&r->err) || dispute_load(r, &d, &id) < 0)
		goto out;
	if (!acts_for(r, json_string_value(json_object_get(d, "other_agency_id")),
		      json_string_value(json_object_get(d, "region_code")))) {
		zerr_set(&r->err, 403, "forbidden", "只有争议对方主体的负责人可以答复 (only the other agency answers)");
		goto out;
	}
	if (strcmp(json_string_value(json_object_get(d, "status")), "filed") != 0) {
		zerr_set(&r->err, 409, "wrong_state", "争议当前状态为 %s，不能答复 (not awaiting an answer)",
			 json_string_value(json_object_get(d, "status")));
		goto out;
	}
	utc_now_iso(now, sizeof(now), 0);
	upd = json_pack("{s:s, s:s, s:s, s:s}", "answer", answer, "status", "answered", "answered_by",
			r->who.username, "answered_at", now);
	if (db_begin(r->db, 1) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	if (dispute_write(r, id, upd, "answer") < 0) {
		db_rollback(r->db);
		goto out;
	}
	if (db_commit(r->db) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	ret = dispute_reply(r, 200);
out:
	json_decref(in);
	json_decref(d);
	json_decref(upd);
	return ret;
}

int api_dispute_withdraw(struct req *r)
{
	json_t *d = NULL, *upd = NULL;
	const char *status;
	int64_t id = 0;
	int ret = -1;

	if (dispute_load(r, &d, &id) < 0)
		goto out;
	if (!acts_for(r, json_string_value(json_object_get(d, "agency_id")),
		      json_string_value(json_object_get(d, "region_code")))) {
		zerr_set(&r->err, 403, "forbidden", "只有提出主体可以撤回 (only the filing agency withdraws)");
		goto out;
	}
	status = json_string_value(json_object_get(d, "status"));
	if (strcmp(status, "filed") != 0 && strcmp(status, "answered") != 0) {
		zerr_set(&r->err, 409, "wrong_state", "争议已%s，不能撤回 (already %s)",
			 strcmp(status, "decided") == 0 ? "决定" : "撤回", status);
		goto out;
	}
	upd = json_pack("{s:s}", "status", "withdrawn");
	if (db_begin(r->db, 1) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	if (dispute_write(r, id, upd, "withdraw") < 0) {
		db_rollback(r->db);
		goto out;
	}
	if (db_commit(r->db) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	ret = dispute_reply(r, 200);
out:
	json_decref(d);
	json_decref(upd);
	return ret;
}

/* Inside the write transaction: ends claim pid on date (open, begun before it), logged. */
static int claim_end_tx(struct req *r, const char *pid, const char *date, const char *field)
{
	db_stmt_t *st = db_prepare(r->db, "SELECT id, effective_from, effective_to FROM catalog_claims WHERE public_id = ?");
	json_t *upd, *state = NULL;
	const char *from;
	int64_t id;
	int rc, ret = -1;

	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	if (!date)
		return zerr_field(&r->err, "effective_date", "缺少生效日期 (required)");
	db_bind_text(st, 1, pid);
	rc = db_step(st);
	if (rc != DB_ROW) {
		if (rc != DB_OK)
			return db_zerr(r->db, rc, &r->err);
		return zerr_field(&r->err, field, "没有这项认领 (no such claim)");
	}
	id = db_col_int(st, 0);
	from = db_col_text(st, 1);
	if (!db_col_isnull(st, 2) || !from || strcmp(from, date) >= 0) {
		db_run(st);
		return zerr_field(&r->err, field, "该认领已终止或自 %s 后才生效 (ended, or not begun before the date)", date);
	}
	db_run(st);
	upd = json_pack("{s:s}", "effective_to", date);
	if (record_update(r->db, &rec_catalog_claim, upd, "id", id, &r->err) == 0 &&
	    record_load_state(r->db, &rec_catalog_claim, pid, &state, &r->err) == 0 &&
	    ledger_append(r->db, &r->who, "catalog_claim.end", rec_catalog_claim.name, pid, state, NULL, &r->err) == 0)
		ret = 0;
	json_decref(upd);
	json_decref(state);
	return ret;
}

/* Copies the field errors of from into r->err with their names under prefix. */
static void fields_under(struct req *r, struct zerr *from, const char *prefix)
{
	char name[96];
	json_t *x;
	size_t i;

	json_array_foreach(from->errors, i, x) {
		snprintf(name, sizeof(name), "%s.%s", prefix, json_string_value(json_object_get(x, "field")));
		zerr_field(&r->err, name, "%s", json_string_value(json_object_get(x, "message")));
	}
}

/* POST .../decide {decision, outcome, effective_date?, end_claims?, new_claims?, change?}:
 * outcome none records the decision only; claims ends end_claims on effective_date and
 * makes new_claims (each as POST /catalog/claims takes it), all in this transaction;
 * catalog_change proposes change (as POST /catalog/changes takes it). */
int api_dispute_decide(struct req *r)
{
	static const char *const allowed[] = { "decision", "outcome", "effective_date", "end_claims", "new_claims",
					       "change", NULL };
	json_t *in = NULL, *d = NULL, *upd = NULL, *ends, *news, *change, *cleans = json_array(), *x;
	const char *decision, *outcome, *date = NULL, *status;
	char now[32], cid[80] = "", field[48];
	int64_t id = 0;
	size_t i;
	int ret = -1;

	if (http_json_body(r, &in) < 0)
		goto out;
	only_members(r, in, allowed);
	decision = text_member(r, in, "decision", 4000);
	outcome = json_string_value(json_object_get(in, "outcome"));
	ends = json_object_get(in, "end_claims");
	news = json_object_get(in, "new_claims");
	change = json_object_get(in, "change");
	if (!outcome || (strcmp(outcome, "none") != 0 && strcmp(outcome, "claims") != 0 &&
			 strcmp(outcome, "catalog_change") != 0))
		zerr_field(&r->err, "outcome", "处理方式应为 none、claims 或 catalog_change (outcome)");
	else if (strcmp(outcome, "claims") == 0) {
		date = json_string_value(json_object_get(in, "effective_date"));
		if ((ends && !json_is_array(ends)) || (news && !json_is_array(news)) ||
		    json_array_size(ends) + json_array_size(news) == 0)
			zerr_field(&r->err, "end_claims", "调整认领须给出 end_claims 或 new_claims (arrays; at least one)");
		if (json_array_size(ends) && (!date || !record_valid_date(date)))
			zerr_field(&r->err, "effective_date", "终止认领须给出生效日期 YYYY-MM-DD (required to end claims)");
		if (change)
			zerr_field(&r->err, "change", "调整认领不提出目录变更 (not with outcome claims)");
	} else if (strcmp(outcome, "catalog_change") == 0) {
		if (!json_is_object(change))
			zerr_field(&r->err, "change", "须给出目录变更申请 (required: the change request)");
		if (ends || news)
			zerr_field(&r->err, "new_claims", "目录变更不同时调整认领 (not with outcome catalog_change)");
	} else if (ends || news || change) {
		zerr_field(&r->err, "outcome", "处理方式 none 不带认领或目录变更 (none takes nothing else)");
	}
	if (zerr_isset(&r->err) || dispute_load(r, &d, &id) < 0)
		goto out;
	if (r->who.role != ROLE_ADMIN && r->who.role != ROLE_CATALOG_ADMIN) {
		zerr_set(&r->err, 403, "forbidden", "职责争议由综合执法办决定 (the comprehensive enforcement office decides)");
		goto out;
	}
	status = json_string_value(json_object_get(d, "status"));
	if (strcmp(status, "filed") != 0 && strcmp(status, "answered") != 0) {
		zerr_set(&r->err, 409, "wrong_state", "争议已%s，不能再决定 (already %s)",
			 strcmp(status, "decided") == 0 ? "决定" : "撤回", status);
		goto out;
	}
	/* the new claims are checked before the transaction, as a POST would be */
	json_array_foreach(news, i, x) {
		json_t *clean = NULL;
		struct zerr saved = r->err;

		r->err = (struct zerr)ZERR_INIT;
		if (api_claim_prepare(r, x, &clean) < 0) {
			struct zerr ce = r->err;

			r->err = saved;
			snprintf(field, sizeof(field), "new_claims.%zu", i);
			if (ce.status == 400)
				fields_under(r, &ce, field);
			else
				zerr_field(&r->err, field, "%s", ce.detail);
			zerr_clear(&ce);
			continue;
		}
		r->err = saved;
		json_array_append_new(cleans, clean);
	}
	if (zerr_isset(&r->err))
		goto out;
	utc_now_iso(now, sizeof(now), 0);
	if (db_begin(r->db, 1) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	json_array_foreach(ends, i, x) {
		snprintf(field, sizeof(field), "end_claims.%zu", i);
		if (!json_is_string(x)) {
			zerr_field(&r->err, field, "应为认领编号 (a claim id)");
			goto rollback;
		}
		if (claim_end_tx(r, json_string_value(x), date, field) < 0)
			goto rollback;
	}
	json_array_foreach(cleans, i, x)
		if (api_claim_insert(r, x, NULL, 0) < 0)
			goto rollback;
	if (strcmp(outcome, "catalog_change") == 0) {
		struct zerr ce;

		if (api_catalog_propose_ex(r, change, 1, cid, sizeof(cid)) < 0) {
			/* the change's own field names, under change. */
			if (r->err.status == 400) {
				ce = r->err;
				r->err = (struct zerr)ZERR_INIT;
				fields_under(r, &ce, "change");
				zerr_clear(&ce);
			}
			goto rollback;
		}
	}
	upd = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?}", "status", "decided", "decision", decision, "outcome", outcome,
			"decided_by", r->who.username, "decided_at", now, "change_id", cid[0] ? cid : NULL);
	if (dispute_write(r, id, upd, "decide") < 0)
		goto rollback;
	if (db_commit(r->db) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	ret = dispute_reply(r, 200);
	goto out;
rollback:
	db_rollback(r->db);
out:
	json_decref(in);
	json_decref(d);
	json_decref(upd);
	json_decref(cleans);
	return ret;
}
