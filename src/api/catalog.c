/* catalog.c: the enforcement-item catalog over HTTP: reads as of a date, search, diff,
 * change requests (propose, approve by another catalog admin, reject) and CSV export.
 * The rules are domain/catalog.c's; this file loads, decodes, writes and logs.
 *
 * Ledger entries per step: propose 1 (catalog_change.propose); reject 1
 * (catalog_change.reject); approve 1 + one per version written: add 2 (+ create),
 * amend/transfer/delegate 3 (+ close the version in force, + create), repeal 2
 * (+ close). The catalog is platform-wide public information: every signed-in role
 * reads it; catalog admins and admins change it. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "api/api.h"
#include "api/xlsx.h"
#include "api/records.h"
#include "core/date.h"
#include "core/valid.h"
#include "domain/catalog.h"
#include "domain/coverage.h"
#include "ledger/ledger.h"

/* Today's date in China (zdate_today), the day from which changes may take effect and
 * the default as-of date. */
void api_today(char out[ZDATE_STRLEN])
{
	struct zdate d;

	if (zdate_today(&d) == 0)
		zdate_format(d, out);
	else
		snprintf(out, ZDATE_STRLEN, "1970-01-01");
}

/* A date query parameter (default today): 0, or -1 with a field error. */
int api_date_param(struct req *r, const char *name, int required, char out[ZDATE_STRLEN])
{
	const char *s = http_query(r, name);

	if (!s) {
		if (required)
			return zerr_field(&r->err, name, "缺少日期参数 %s (required, YYYY-MM-DD)", name);
		api_today(out);
		return 0;
	}
	if (!record_valid_date(s))
		return zerr_field(&r->err, name, "%s 应为 YYYY-MM-DD 格式的有效日期 (invalid date)", name);
	snprintf(out, ZDATE_STRLEN, "%s", s);
	return 0;
}

/* An enum query parameter: NULL or one of values; else a field error (-1). */
static int enum_param(struct req *r, const char *name, const char *const *values, const char **v_r)
{
	const char *s = http_query(r, name);
	size_t i;

	*v_r = s;
	if (!s)
		return 0;
	for (i = 0; values[i]; i++)
		if (strcmp(values[i], s) == 0)
			return 0;
	return zerr_field(&r->err, name, "%s 的取值无效 (invalid value)", name);
}

static long utf8_len(const char *s)
{
	long n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

#define IN_FORCE "WHERE v.effective_from <= ? AND (v.effective_to IS NULL OR v.effective_to > ?)"
#define PAGE " AND (CAST(? AS TEXT) IS NULL OR v.code > ?) ORDER BY v.code LIMIT ?"

int api_region_param(struct req *r, const char *name, int required, const char **code_r,
			json_t **region_r)
{
	const char *code = http_query(r, name);
	struct zerr tmp = ZERR_INIT;
	json_t *g = NULL;

	*code_r = code;
	if (region_r)
		*region_r = NULL;
	if (!code)
		return required ? zerr_field(&r->err, name, "缺少行政区划代码 %s (required)", name) : 0;
	if (region_code_level(code) == REGION_INVALID)
		return zerr_field(&r->err, name, "行政区划代码无效 (invalid region code)");
	if (api_lookup(r, &rec_region, code, &g, &tmp) < 0) {
		if (tmp.status != 404) {
			zerr_clear(&r->err);
			r->err = tmp;
			return -1;
		}
		zerr_clear(&tmp);
		return zerr_field(&r->err, name, "行政区划 %s 未登记 (unknown region)", code);
	}
	if (region_r)
		*region_r = g;
	else
		json_decref(g);
	return 0;
}

/* Search (docs/catalog.md): an item code or its start searches the codes; 1–2 characters
 * look up the grams (012_catalog_grams: SQLite FTS5 ascii, PostgreSQL GIN over an array),
 * LIKE / ILIKE when the index cannot hold the query; 3+ characters SQLite's FTS5 trigram
 * index, PostgreSQL ILIKE served by pg_trgm. On SQLite the `+v.id IN (...)` keeps the
 * plan on the code index (stop at the page's end) instead of fetching and sorting every
 * match of a common term (50,000 items: 107 ms -> 10 ms; a rare term costs 16 ms). */
static const char *const list_tails[ITEM_NSEARCH] = ITEM_SEARCHES("", PAGE);
/* A query of 1–2 characters looks its grams up (012_catalog_grams) when the index can
 * hold it: no white space, and on SQLite no ASCII punctuation (the ascii tokenizer's
 * separators). Fills gram (ASCII lower-cased; an FTS5 phrase on SQLite); 0 otherwise. */
static int gram_query(const char *q, int sqlite, struct buf *gram)
{
	const char *c;

	for (c = q; *c; c++)
		if ((unsigned char)*c <= ' ' || (sqlite && (unsigned char)*c < 0x80 && !isalnum((unsigned char)*c)))
			return 0;
	if (sqlite)
		buf_addc(gram, '"');
	for (c = q; *c; c++)
		buf_addc(gram, *c >= 'A' && *c <= 'Z' ? (char)(*c - 'A' + 'a') : *c);
	if (sqlite)
		buf_addc(gram, '"');
	return 1;
}

/* A query that is an item code or the start of one (two letters, up to six digits; any
 * case) searches the codes: [prefix, prefix padded with 9s] on the code index. Fills
 * lo and hi (upper case); 0 when q is not code-shaped. */
static int code_query(const char *q, char lo[16], char hi[16])
{
	size_t n = strlen(q), i;

	if (n < 2 || n > 8 || !isalpha((unsigned char)q[0]) || !isalpha((unsigned char)q[1]))
		return 0;
	for (i = 2; i < n; i++)
		if (!isdigit((unsigned char)q[i]))
			return 0;
	for (i = 0; i < n; i++)
		lo[i] = hi[i] = (char)toupper((unsigned char)q[i]);
	for (; i < 8; i++)
		hi[i] = '9';
	lo[n] = '\0';
	hi[8] = '\0';
	return 1;
}

int api_item_filter(struct req *r, int region_required, struct item_filter *f)
{
	const char *q = http_query(r, "q"), *level;
	struct buf phrase = BUF_INIT(4096);
	struct cov_reach reach = { 0, "" };
	int l, sqlite = db_dialect(r->db) == DB_SQLITE;

	memset(f, 0, sizeof(*f));
	api_date_param(r, "as_of", 0, f->as_of);
	enum_param(r, "domain", catalog_domains, &f->domain);
	enum_param(r, "kind", catalog_kinds, &f->kind);
	enum_param(r, "level", catalog_levels, &level);
	enum_param(r, "mode", catalog_modes, &f->mode);
	if (api_region_param(r, "region_code", region_required, &f->region_code, NULL) == 0 && f->region_code)
		cov_reach_of(f->region_code, &reach);
	if (q && (!*q || utf8_len(q) > 100))
		zerr_field(&r->err, "q", "检索词应为 1–100 个字符 (q: 1-100 characters)");
	if (zerr_isset(&r->err))
		return -1;
	/* the level asked for, among those the region's items are exercised at */
	for (l = 0; l < COV_NLEVELS; l++)
		if ((!level || strcmp(level, catalog_levels[l]) == 0) && l >= reach.from_level)
			f->levels[l] = catalog_levels[l];
	snprintf(f->city, sizeof(f->city), "%s", reach.city);
	f->narrowed = f->domain || f->kind || level || f->mode || q;
	f->search = ITEM_SEARCH_ALL;
	if (q && code_query(q, f->code_lo, f->code_hi)) {
		f->search = ITEM_SEARCH_CODE;
	} else if (q && utf8_len(q) <= 2 && gram_query(q, sqlite, &phrase)) {
		f->search = sqlite ? ITEM_SEARCH_GRAMS_FTS : ITEM_SEARCH_GRAMS_GIN;
		f->pat = buf_detach(&phrase, NULL);
	} else if (q && !sqlite) {
		f->search = ITEM_SEARCH_ILIKE;
		f->pat = api_like(q);
	} else if (q && utf8_len(q) >= 3) {
		const char *c;

		/* one FTS5 phrase: the text in double quotes, quotes doubled */
		buf_addc(&phrase, '"');
		for (c = q; *c; c++) {
			if (*c == '"')
				buf_addc(&phrase, '"');
			buf_addc(&phrase, *c);
		}
		buf_addc(&phrase, '"');
		f->search = ITEM_SEARCH_FTS;
		f->pat = buf_detach(&phrase, NULL);
	} else if (q) {
		f->search = ITEM_SEARCH_LIKE;
		f->pat = api_like(q);
	}
	buf_release(&phrase);
	if (q && !f->pat && f->search != ITEM_SEARCH_CODE)
		return zerr_oom(&r->err);
	return 0;
}

int api_item_filter_bind(db_stmt_t *st, const struct item_filter *f)
{
	const char *city = f->city[0] ? f->city : NULL;
	int n = 0, l;

	db_bind_text(st, ++n, f->as_of);
	db_bind_text(st, ++n, f->as_of);
	db_bind_text(st, ++n, f->domain);
	db_bind_text(st, ++n, f->domain);
	db_bind_text(st, ++n, f->kind);
	db_bind_text(st, ++n, f->kind);
	db_bind_text(st, ++n, f->mode);
	db_bind_text(st, ++n, f->mode);
	for (l = 0; l < COV_NLEVELS && f->levels[l]; l++)
		;
	db_bind_text(st, ++n, l == COV_NLEVELS ? NULL : "levels"); /* NULL: every level passes */
	for (l = 0; l < COV_NLEVELS; l++)
		db_bind_text(st, ++n, f->levels[l]);
	db_bind_text(st, ++n, city);
	db_bind_text(st, ++n, city);
	if (f->search == ITEM_SEARCH_CODE) {
		db_bind_text(st, ++n, f->code_lo);
		db_bind_text(st, ++n, f->code_hi);
	} else {
		db_bind_text(st, ++n, f->pat);
	}
	return n;
}

void api_item_filter_release(struct item_filter *f)
{
	free(f->pat);
	f->pat = NULL;
}

int api_catalog_items_list(struct req *r)
{
	struct item_filter f;
	const char *cursor;
	db_stmt_t *st;
	int limit, ret = -1, n;

	if (http_page(r, 50, 500, &limit, &cursor) < 0)
		return -1;
	if (api_item_filter(r, 0, &f) < 0)
		goto out;
	st = record_prepare_select(r->db, &rec_catalog_version, list_tails[f.search]);
	if (!st) {
		zerr_internal(&r->err, db_errmsg(r->db));
		goto out;
	}
	n = api_item_filter_bind(st, &f);
	db_bind_text(st, ++n, cursor);
	db_bind_text(st, ++n, cursor);
	db_bind_int(st, ++n, limit + 1);
	ret = api_list_reply(r, &rec_catalog_version, st, limit);
out:
	api_item_filter_release(&f);
	return ret;
}

int api_catalog_item_get(struct req *r)
{
	char asof[ZDATE_STRLEN];
	db_stmt_t *st;
	json_t *out;
	int rc;

	if (api_date_param(r, "as_of", 0, asof) < 0)
		return -1;
	st = record_prepare_select(r->db, &rec_catalog_version, IN_FORCE " AND v.code = ?");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_text(st, 1, asof);
	db_bind_text(st, 2, asof);
	db_bind_text(st, 3, r->params[0]);
	rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_OK ? zerr_set(&r->err, 404, "not_found",
					      "%s 当日目录中没有编码为 %s 的有效事项 (no item in force on that date)",
					      asof, r->params[0])
				   : db_zerr(r->db, rc, &r->err);
	out = record_encode(&rec_catalog_version, st, 0);
	db_run(st);
	return http_reply(r, 200, out);
}

int api_catalog_item_versions(struct req *r)
{
	json_t *items = json_array();
	db_stmt_t *st;
	int rc;

	st = record_prepare_select(r->db, &rec_catalog_version, "WHERE v.code = ? ORDER BY v.effective_from");
	if (!st) {
		json_decref(items);
		return zerr_internal(&r->err, db_errmsg(r->db));
	}
	db_bind_text(st, 1, r->params[0]);
	while ((rc = db_step(st)) == DB_ROW)
		json_array_append_new(items, record_encode(&rec_catalog_version, st, 0));
	if (rc != DB_OK) {
		json_decref(items);
		return db_zerr(r->db, rc, &r->err);
	}
	if (json_array_size(items) == 0) {
		json_decref(items);
		return zerr_set(&r->err, 404, "not_found", "目录中没有编码为 %s 的事项 (no such item)", r->params[0]);
	}
	return http_reply(r, 200, json_pack("{s:o}", "items", items));
}

int api_catalog_item_in_force(db_t *db, const char *code, const char *date, struct zerr *e)
{
	db_stmt_t *st = db_prepare(db, "SELECT 1 FROM catalog_versions v " IN_FORCE " AND v.code = ?");
	int rc;

	if (!st)
		return zerr_internal(e, db_errmsg(db));
	db_bind_text(st, 1, date);
	db_bind_text(st, 2, date);
	db_bind_text(st, 3, code);
	rc = db_step(st);
	if (rc == DB_ROW) {
		db_run(st);
		return 1;
	}
	return rc == DB_OK ? 0 : db_zerr(db, rc, e);
}

/* 1 when the version v (as encoded) is in force on date. */
static int in_force(json_t *v, const char *date)
{
	const char *from = json_string_value(json_object_get(v, "effective_from")),
		   *to = json_string_value(json_object_get(v, "effective_to"));

	return strcmp(from, date) <= 0 && (!to || strcmp(to, date) > 0);
}

int api_catalog_diff(struct req *r)
{
	char from[ZDATE_STRLEN], to[ZDATE_STRLEN], code[16] = "";
	json_t *added = json_array(), *removed = json_array(), *changed = json_array();
	json_t *a = NULL, *b = NULL;
	db_stmt_t *st;
	int rc, ret = -1;

	api_date_param(r, "from", 1, from);
	api_date_param(r, "to", 1, to);
	if (zerr_isset(&r->err))
		goto out;
	st = record_prepare_select(r->db, &rec_catalog_version,
				   "WHERE (v.effective_from <= ? AND (v.effective_to IS NULL OR v.effective_to > ?))"
				   " OR (v.effective_from <= ? AND (v.effective_to IS NULL OR v.effective_to > ?))"
				   " ORDER BY v.code, v.effective_from");
	if (!st) {
		zerr_internal(&r->err, db_errmsg(r->db));
		goto out;
	}
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	db_bind_text(st, 4, to);
	/* rows come by code; a, b: the code's version in force on from and on to */
	for (;;) {
		json_t *v = NULL;

		rc = db_step(st);
		if (rc == DB_ROW)
			v = record_encode(&rec_catalog_version, st, 0);
		if (rc != DB_ROW || strcmp(json_string_value(json_object_get(v, "code")), code) != 0) {
			if (a && !b)
				json_array_append(removed, a);
			else if (b && !a)
				json_array_append(added, b);
			else if (a && b && !json_equal(json_object_get(a, "id"), json_object_get(b, "id"))) {
				json_t *fields = catalog_changed_fields(a, b);

				if (json_array_size(fields))
					json_array_append_new(changed, json_pack("{s:s, s:O, s:O, s:o}", "code", code,
										 "from", a, "to", b, "fields", fields));
				else
					json_decref(fields);
			}
			json_decref(a);
			json_decref(b);
			a = b = NULL;
			if (rc != DB_ROW)
				break;
			snprintf(code, sizeof(code), "%s", json_string_value(json_object_get(v, "code")));
		}
		if (in_force(v, from) && !a)
			a = json_incref(v);
		if (in_force(v, to) && !b)
			b = json_incref(v);
		json_decref(v);
	}
	if (rc != DB_OK) {
		db_zerr(r->db, rc, &r->err);
		goto out;
	}
	ret = http_reply(r, 200, json_pack("{s:s, s:s, s:O, s:O, s:O}", "from", from, "to", to, "added",
					  added, "removed", removed, "changed", changed));
out:
	json_decref(added);
	json_decref(removed);
	json_decref(changed);
	return ret;
}

/* ---- change requests ---- */

int api_catalog_changes_list(struct req *r)
{
	const char *cursor, *status, *item = http_query(r, "item_code");
	db_stmt_t *st;
	int limit;

	if (http_page(r, 50, 500, &limit, &cursor) < 0 ||
	    enum_param(r, "status", catalog_statuses, &status) < 0)
		return -1;
	st = record_prepare_select(r->db, &rec_catalog_change,
				   "WHERE (CAST(? AS TEXT) IS NULL OR c.status = ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR c.item_code = ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR c.public_id < ?)"
				   " ORDER BY c.public_id DESC LIMIT ?");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_text(st, 1, status);
	db_bind_text(st, 2, status);
	db_bind_text(st, 3, item);
	db_bind_text(st, 4, item);
	db_bind_text(st, 5, cursor);
	db_bind_text(st, 6, cursor);
	db_bind_int(st, 7, limit + 1);
	return api_list_reply(r, &rec_catalog_change, st, limit);
}

int api_catalog_change_get(struct req *r)
{
	json_t *out;

	if (api_fetch(r, &rec_catalog_change, r->params[0], &out) < 0)
		return -1;
	return http_reply(r, 200, out);
}

/* An item's versions, ordered: periods, and the public id of the last. */
struct item_versions {
	struct catalog_period *p;
	size_t n;
	int64_t last_id;
	char last_pid[40];
};

static void item_versions_release(struct item_versions *iv)
{
	free(iv->p);
	iv->p = NULL;
	iv->n = 0;
}

static int item_versions_load(db_t *db, const char *code, struct item_versions *iv, struct zerr *e)
{
	db_stmt_t *st = db_prepare(db, "SELECT effective_from, COALESCE(effective_to, ''), id, public_id"
				       " FROM catalog_versions WHERE code = ? ORDER BY effective_from");
	size_t cap = 0;
	int rc;

	memset(iv, 0, sizeof(*iv));
	if (!st)
		return zerr_internal(e, db_errmsg(db));
	db_bind_text(st, 1, code);
	while ((rc = db_step(st)) == DB_ROW) {
		if (iv->n == cap) {
			struct catalog_period *np;

			cap = cap ? cap * 2 : 8;
			np = realloc(iv->p, cap * sizeof(*np));
			if (!np) {
				db_run(st);
				item_versions_release(iv);
				return zerr_oom(e);
			}
			iv->p = np;
		}
		snprintf(iv->p[iv->n].from, sizeof(iv->p[iv->n].from), "%s", db_col_text(st, 0));
		snprintf(iv->p[iv->n].to, sizeof(iv->p[iv->n].to), "%s", db_col_text(st, 1));
		iv->last_id = db_col_int(st, 2);
		snprintf(iv->last_pid, sizeof(iv->last_pid), "%s", db_col_text(st, 3));
		iv->n++;
	}
	if (rc != DB_OK) {
		item_versions_release(iv);
		return db_zerr(db, rc, e);
	}
	return 0;
}

/* Copies the field errors of from into e with their field names under prefix. */
static void errors_under(struct zerr *e, const char *prefix, struct zerr *from)
{
	char name[96];
	json_t *x;
	size_t i;

	json_array_foreach(from->errors, i, x) {
		snprintf(name, sizeof(name), "%s%s", prefix, json_string_value(json_object_get(x, "field")));
		zerr_field(e, name, "%s", json_string_value(json_object_get(x, "message")));
	}
}

/* The proposal members a change may set; an add also sets the domain. */
static const char *const proposal_members[] = { "name", "kind", "domain", "legal_basis", "level", "mode",
						"penalty_types", "fine_min_fen", "fine_max_fen", "scope", NULL };

/* The extension catalogue a change is about (条例 Art 7): the city code an add proposes,
 * else the scope of the item's latest version; "" for the province catalogue. */
static void change_scope(db_t *db, json_t *change, char out[16])
{
	const char *s = json_string_value(json_object_get(json_object_get(change, "proposal"), "scope"));
	db_stmt_t *st;

	out[0] = '\0';
	if (s || strcmp(json_string_value(json_object_get(change, "action")), "add") == 0) {
		snprintf(out, 16, "%s", s ? s : "");
		return;
	}
	st = db_prepare(db, "SELECT scope FROM catalog_versions WHERE code = ? ORDER BY version DESC LIMIT 1");
	if (!st)
		return;
	db_bind_text(st, 1, json_string_value(json_object_get(change, "item_code")));
	if (db_step(st) == DB_ROW) {
		if (!db_col_isnull(st, 0))
			snprintf(out, 16, "%s", db_col_text(st, 0));
		db_run(st);
	}
}

/* A provincial catalog admin: a region scope of the whole province (or none, admin). */
static int provincial(const struct principal *who)
{
	return strlen(who->region_prefix) <= 2 && strcmp(who->region_prefix, "-") != 0;
}

/* Builds and checks the version that change (decoded) would make of the item whose
 * versions are iv: plan (409s), the new content, the field table's checks and the
 * catalog rules. *version_r (may be NULL): the clean version, with derived members.
 * Field problems go into e under "proposal."; status is left to the caller's choice
 * through field_status (400 when proposing, 409 when approving a stored proposal). */
static int change_prepare(db_t *db, json_t *change, struct item_versions *iv,
			  struct catalog_plan *plan, json_t **version_r, int field_status, struct zerr *e)
{
	const char *action_s = json_string_value(json_object_get(change, "action")),
		   *code = json_string_value(json_object_get(change, "item_code")),
		   *date = json_string_value(json_object_get(change, "effective_date")), *k;
	json_t *proposal = json_object_get(change, "proposal"), *current = NULL, *next = NULL,
	       *clean = NULL, *x;
	int action = catalog_action_parse(action_s), ret = -1;
	struct zerr fe = ZERR_INIT;
	char name[96];
	size_t i;

	if (version_r)
		*version_r = NULL;
	if (json_is_null(proposal))
		proposal = NULL;
	if (action == CATALOG_REPEAL && proposal) {
		zerr_field(e, "proposal", "废止不需要拟定内容 (a repeal takes no proposal)");
		goto fields;
	}
	if (action != CATALOG_REPEAL && action != CATALOG_TRANSFER && action != CATALOG_DELEGATE && !proposal) {
		zerr_field(e, "proposal", "缺少拟定内容 (proposal required)");
		goto fields;
	}
	json_object_foreach(proposal, k, x) {
		for (i = 0; proposal_members[i]; i++)
			if (strcmp(proposal_members[i], k) == 0)
				break;
		snprintf(name, sizeof(name), "proposal.%s", k);
		if (!proposal_members[i])
			zerr_field(e, name, "变更申请不能设定该字段 (a change may not set this member)");
		else if (action != CATALOG_ADD && strcmp(k, "domain") == 0)
			zerr_field(e, name, "执法领域不能变更：请另立新事项 (the domain of an item is fixed)");
		else if (action != CATALOG_ADD && strcmp(k, "scope") == 0)
			zerr_field(e, name, "事项所属目录（省目录或市扩展目录）不能变更：请另立新事项 (the catalogue of an item is fixed)");
	}
	if (zerr_isset(e))
		goto fields;
	if (item_versions_load(db, code, iv, e) < 0)
		goto out;
	if (catalog_plan_change(action, iv->p, iv->n, date, plan, e) < 0)
		goto out;
	if (plan->create) {
		if (action != CATALOG_ADD && record_load_state(db, &rec_catalog_version, iv->last_pid, &current, e) < 0)
			goto out;
		if (catalog_next_version(action, current, proposal, &next, e) < 0)
			goto out;
		json_object_set_new(next, "code", json_string(code));
		json_object_set_new(next, "effective_from", json_string(date));
		if (json_is_null(json_object_get(next, "penalty_types")))
			json_object_del(next, "penalty_types");
		if (record_decode_all(&rec_catalog_version, next, 0, &clean, &fe) == 0)
			catalog_version_check(clean, &fe);
		if (zerr_isset(&fe)) {
			errors_under(e, "proposal.", &fe);
			goto fields;
		}
		if (version_r) {
			*version_r = clean;
			clean = NULL;
		}
	}
	ret = 0;
	goto out;
fields:
	e->status = field_status;
	snprintf(e->code, sizeof(e->code), "%s", field_status == 400 ? "invalid_field" : "proposal_invalid");
	snprintf(e->detail, sizeof(e->detail), "变更申请的内容有误 (the change request is not valid)");
out:
	zerr_clear(&fe);
	json_decref(current);
	json_decref(next);
	json_decref(clean);
	return ret;
}

int api_catalog_propose_ex(struct req *r, json_t *in, int in_tx, char *id_r, size_t id_len)
{
	json_t *clean = NULL;
	struct item_versions iv = { 0 };
	struct catalog_plan plan;
	char today[ZDATE_STRLEN], scope[16];
	const char *date;
	int ret = -1;

	record_decode_all(&rec_catalog_change, in, 0, &clean, &r->err);
	api_today(today);
	date = json_string_value(json_object_get(clean, "effective_date"));
	if (date && strcmp(date, today) < 0)
		zerr_field(&r->err, "effective_date", "生效日期 %s 早于今天 %s：变更只能自今日或以后生效 (in the past)",
			   date, today);
	if (zerr_isset(&r->err))
		goto out;
	/* the change must make sense now; the approval checks again against what is then */
	if (change_prepare(r->db, clean, &iv, &plan, NULL, 400, &r->err) < 0)
		goto out;
	/* an extension catalogue's item: a registered city, proposed from inside it (the city's
	 * catalog admins, or the province's) */
	change_scope(r->db, clean, scope);
	if (scope[0]) {
		json_t *g = NULL;
		struct zerr tmp = ZERR_INIT;

		if (api_lookup(r, &rec_region, scope, &g, &tmp) < 0) {
			zerr_clear(&tmp);
			zerr_field(&r->err, "proposal.scope", "设区的市 %s 未登记 (unknown city)", scope);
			goto out;
		}
		json_decref(g);
		if (strcmp(r->who.region_prefix, "-") == 0 || strncmp(scope, r->who.region_prefix, strlen(r->who.region_prefix)) != 0) {
			zerr_set(&r->err, 403, "forbidden",
				 "%s 的扩展目录由该市（或省）综合执法办提出 (only the city's or the province's catalog admins propose to its extension catalogue)",
				 scope);
			goto out;
		}
	}
	json_object_set_new(clean, "proposed_by", json_string(r->who.username));
	json_object_set_new(clean, "status", json_string("proposed"));
	if (in_tx) {
		ret = api_insert_logged(r, &rec_catalog_change, clean, NULL, "propose", id_r, id_len, &r->err);
		goto out;
	}
	if (db_begin(r->db, 1) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	if (api_insert_logged(r, &rec_catalog_change, clean, NULL, "propose", id_r, id_len, &r->err) < 0) {
		db_rollback(r->db);
		goto out;
	}
	if (db_commit(r->db) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	ret = 0;
out:
	item_versions_release(&iv);
	json_decref(clean);
	return ret;
}

int api_catalog_propose(struct req *r, json_t *in, char *id_r, size_t id_len)
{
	return api_catalog_propose_ex(r, in, 0, id_r, id_len);
}

int api_catalog_changes_create(struct req *r)
{
	json_t *in = NULL, *out = NULL;
	char key[80];
	int ret = -1;

	if (http_json_body(r, &in) < 0 || api_catalog_propose(r, in, key, sizeof(key)) < 0 ||
	    api_fetch(r, &rec_catalog_change, key, &out) < 0)
		goto out;
	snprintf(r->location, sizeof(r->location), "%s/%s", r->path, key);
	ret = http_reply(r, 201, out);
out:
	json_decref(in);
	return ret;
}

/* Reads the optional {note} of a decision. */
static int decision_note(struct req *r, const char **note_r, json_t **in_r)
{
	json_t *note;
	const char *k;
	json_t *v;

	*note_r = NULL;
	*in_r = NULL;
	if (r->body.len == 0)
		return 0;
	if (http_json_body(r, in_r) < 0)
		return -1;
	json_object_foreach(*in_r, k, v)
		if (strcmp(k, "note") != 0)
			zerr_field(&r->err, k, "未知字段 (unknown field)");
	note = json_object_get(*in_r, "note");
	if (note && !json_is_null(note) && (!json_is_string(note) || json_string_length(note) > 2000))
		zerr_field(&r->err, "note", "审批意见应为最多 2000 字的文本 (note: text)");
	if (zerr_isset(&r->err))
		return -1;
	*note_r = json_string_value(note);
	return 0;
}

/* Loads the change addressed by the URL for a decision: it exists and is proposed. */
static int change_for_decision(struct req *r, json_t **change_r, int64_t *id_r)
{
	db_stmt_t *st;
	const char *status;
	int rc;

	if (api_fetch(r, &rec_catalog_change, r->params[0], change_r) < 0)
		return -1;
	status = json_string_value(json_object_get(*change_r, "status"));
	if (strcmp(status, "proposed") != 0)
		return zerr_set(&r->err, 409, "already_decided", "该变更申请已%s，不能再审批 (already %s)",
				strcmp(status, "approved") == 0 ? "批准" : "驳回", status);
	st = db_prepare(r->db, "SELECT id FROM catalog_changes WHERE public_id = ?");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_text(st, 1, r->params[0]);
	rc = db_step(st);
	if (rc != DB_ROW)
		return db_zerr(r->db, rc == DB_OK ? DB_ERROR : rc, &r->err);
	*id_r = db_col_int(st, 0);
	db_run(st);
	return 0;
}

/* Inside the write transaction: sets the decision on change row id and logs verb. */
static int change_decide(struct req *r, int64_t id, const char *status, const char *note,
			 const char *version_pid, const char *verb)
{
	json_t *upd, *state = NULL;
	char now[32], action[64];
	int ret = -1;

	utc_now_iso(now, sizeof(now), 0);
	upd = json_pack("{s:s, s:s, s:s, s:s?, s:s?}", "status", status, "decided_by", r->who.username,
			"decided_at", now, "decision_note", note, "version_id", version_pid);
	snprintf(action, sizeof(action), "catalog_change.%s", verb);
	if (record_update(r->db, &rec_catalog_change, upd, "id", id, &r->err) == 0 &&
	    record_load_state(r->db, &rec_catalog_change, r->params[0], &state, &r->err) == 0 &&
	    ledger_append(r->db, &r->who, action, rec_catalog_change.name, r->params[0], state, NULL,
			  &r->err) == 0)
		ret = 0;
	json_decref(upd);
	json_decref(state);
	return ret;
}

/* Ends the version (row id, public id pid) on date, with its ledger entry. */
static int version_close(struct req *r, int64_t id, const char *pid, const char *date)
{
	json_t *upd = json_pack("{s:s}", "effective_to", date), *state = NULL;
	int ret = -1;

	if (record_update(r->db, &rec_catalog_version, upd, "id", id, &r->err) == 0 &&
	    record_load_state(r->db, &rec_catalog_version, pid, &state, &r->err) == 0 &&
	    ledger_append(r->db, &r->who, "catalog_version.close", rec_catalog_version.name, pid, state,
			  NULL, &r->err) == 0)
		ret = 0;
	json_decref(upd);
	json_decref(state);
	return ret;
}

int api_catalog_version_write(struct req *r, json_t *version, int number, const char *change_pid,
			      const char *verb, char *pid_r, size_t pid_len)
{
	db_stmt_t *st;
	int rc;

	if (number == 1) {
		char now[32];

		utc_now_iso(now, sizeof(now), 0);
		st = db_prepare(r->db, "INSERT INTO catalog_items (code, created_at) VALUES (?, ?)");
		if (!st)
			return zerr_internal(&r->err, db_errmsg(r->db));
		db_bind_text(st, 1, json_string_value(json_object_get(version, "code")));
		db_bind_text(st, 2, now);
		rc = db_run(st);
		if (rc != DB_OK)
			return db_zerr(r->db, rc, &r->err);
	}
	json_object_set_new(version, "version", json_integer(number));
	if (change_pid)
		json_object_set_new(version, "change_id", json_string(change_pid));
	return api_insert_logged(r, &rec_catalog_version, version, NULL, verb, pid_r, pid_len, &r->err);
}

int api_catalog_change_approve(struct req *r)
{
	json_t *in = NULL, *change = NULL, *version = NULL, *out = NULL;
	struct item_versions iv = { 0 };
	struct catalog_plan plan;
	char today[ZDATE_STRLEN], vpid[80] = "", scope[16];
	const char *note, *date;
	int64_t id = 0;
	int ret = -1;

	if (decision_note(r, &note, &in) < 0 || change_for_decision(r, &change, &id) < 0)
		goto out;
	if (strcmp(json_string_value(json_object_get(change, "proposed_by")), r->who.username) == 0) {
		zerr_set(&r->err, 403, "self_approval",
			 "不能审批自己提出的变更申请：须由另一名综合执法办人员或管理员审批 (you proposed this change: another catalog admin must approve it)");
		goto out;
	}
	change_scope(r->db, change, scope);
	if (scope[0] && !provincial(&r->who)) {
		zerr_set(&r->err, 403, "province_approval",
			 "%s 扩展目录的事项由省综合执法办审核批准（浙江省综合行政执法条例第七条）(the province approves a city's extension catalogue)",
			 scope);
		goto out;
	}
	api_today(today);
	date = json_string_value(json_object_get(change, "effective_date"));
	if (strcmp(date, today) < 0) {
		zerr_set(&r->err, 409, "effective_date_past",
			 "生效日期 %s 已过（今天是 %s），不能批准；请驳回后按新的生效日期重新申请 (effective date in the past)",
			 date, today);
		goto out;
	}
	if (db_begin(r->db, 1) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	if (change_prepare(r->db, change, &iv, &plan, &version, 409, &r->err) < 0 ||
	    (plan.close >= 0 && version_close(r, iv.last_id, iv.last_pid, date) < 0) ||
	    (plan.create && api_catalog_version_write(r, version, (int)iv.n + 1, r->params[0], "create", vpid,
						      sizeof(vpid)) < 0) ||
	    change_decide(r, id, "approved", note, vpid[0] ? vpid : NULL, "approve") < 0) {
		db_rollback(r->db);
		goto out;
	}
	if (db_commit(r->db) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	if (api_fetch(r, &rec_catalog_change, r->params[0], &out) == 0)
		ret = http_reply(r, 200, out);
out:
	item_versions_release(&iv);
	json_decref(in);
	json_decref(change);
	json_decref(version);
	return ret;
}

int api_catalog_change_reject(struct req *r)
{
	json_t *in = NULL, *change = NULL, *out = NULL;
	const char *note;
	int64_t id = 0;
	int ret = -1;

	if (decision_note(r, &note, &in) < 0 || change_for_decision(r, &change, &id) < 0)
		goto out;
	if (db_begin(r->db, 1) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	if (change_decide(r, id, "rejected", note, NULL, "reject") < 0) {
		db_rollback(r->db);
		goto out;
	}
	if (db_commit(r->db) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	if (api_fetch(r, &rec_catalog_change, r->params[0], &out) == 0)
		ret = http_reply(r, 200, out);
out:
	json_decref(in);
	json_decref(change);
	return ret;
}

/* ---- export ---- */

/* A text member of o, or "". */
static const char *member(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

/* Appends one CSV cell (RFC 4180: quoted when it holds , " or a line break). */
static void csv_cell(struct buf *b, const char *s, int last)
{
	if (strpbrk(s, ",\"\r\n")) {
		buf_addc(b, '"');
		for (; *s; s++) {
			if (*s == '"')
				buf_addc(b, '"');
			buf_addc(b, *s);
		}
		buf_addc(b, '"');
	} else {
		buf_adds(b, s);
	}
	buf_adds(b, last ? "\r\n" : ",");
}

/* Walks the catalog in force on asof by code, handing each version's cells (the
 * import's columns, as text) to row. 0, or -1 with r->err. */
static int export_walk(struct req *r, const char *asof, int (*row)(void *ctx, const char *const *cells),
		       void *ctx)
{
	const char *const *cols = api_catalog_columns;
	const char *cells[16];
	struct buf cell[16];
	db_stmt_t *st;
	size_t i, n;
	int rc = DB_OK, ret = -1;

	for (n = 0; cols[n]; n++)
		buf_init(&cell[n], 1 << 20);
	st = record_prepare_select(r->db, &rec_catalog_version, IN_FORCE " ORDER BY v.code");
	if (!st) {
		zerr_internal(&r->err, db_errmsg(r->db));
		goto out;
	}
	db_bind_text(st, 1, asof);
	db_bind_text(st, 2, asof);
	while ((rc = db_step(st)) == DB_ROW) {
		json_t *v = record_encode(&rec_catalog_version, st, 0), *x, *c;
		size_t k;

		for (i = 0; i < n; i++) {
			x = json_object_get(v, cols[i]);
			buf_clear(&cell[i]);
			if (strcmp(cols[i], "legal_basis") == 0) {
				json_array_foreach(x, k, c)
					buf_addf(&cell[i], "%s《%s》%s%s%s", k ? "；" : "", member(c, "law"),
						 member(c, "article"), member(c, "paragraph"), member(c, "item"));
			} else if (json_is_array(x)) {
				json_array_foreach(x, k, c)
					buf_addf(&cell[i], "%s%s", k ? ";" : "", json_string_value(c));
			} else if (json_is_integer(x)) {
				buf_addf(&cell[i], "%lld", (long long)json_integer_value(x));
			} else if (json_is_string(x)) {
				buf_adds(&cell[i], json_string_value(x));
			}
			cells[i] = buf_str(&cell[i]);
		}
		json_decref(v);
		if (row(ctx, cells) < 0) {
			db_run(st);
			zerr_oom(&r->err);
			goto out;
		}
	}
	if (rc != DB_OK) {
		db_zerr(r->db, rc, &r->err);
		goto out;
	}
	ret = 0;
out:
	for (i = 0; i < n; i++)
		buf_release(&cell[i]);
	return ret;
}

static int csv_row(void *ctx, const char *const *cells)
{
	struct buf *b = ctx;
	size_t i;

	for (i = 0; api_catalog_columns[i]; i++)
		csv_cell(b, cells[i], !api_catalog_columns[i + 1]);
	return b->len + 1 >= b->max ? -1 : 0;
}

/* The export's columns are the import's (api_catalog_columns), so that an export
 * imports again. */
int api_catalog_export(struct req *r)
{
	char asof[ZDATE_STRLEN];
	struct buf b = BUF_INIT(256u << 20);

	if (api_date_param(r, "as_of", 0, asof) < 0)
		return -1;
	if (csv_row(&b, api_catalog_columns) < 0 || export_walk(r, asof, csv_row, &b) < 0) {
		buf_release(&b);
		return -1;
	}
	r->raw = buf_detach(&b, &r->raw_len);
	r->raw_type = "text/csv; charset=utf-8";
	r->status = 200;
	return 0;
}

struct xlsx_out {
	lxw_worksheet *ws;
	lxw_row_t row;
};

/* Fine bounds are numbers in the sheet; everything else is text. */
static int xlsx_row(void *ctx, const char *const *cells)
{
	struct xlsx_out *x = ctx;
	lxw_col_t i;

	for (i = 0; api_catalog_columns[i]; i++) {
		const char *col = api_catalog_columns[i];
		lxw_error rc;

		if ((strcmp(col, "fine_min_fen") == 0 || strcmp(col, "fine_max_fen") == 0) && x->row > 0) {
			rc = cells[i][0] ? worksheet_write_number(x->ws, x->row, i, strtod(cells[i], NULL), NULL)
					 : LXW_NO_ERROR;
		} else {
			rc = worksheet_write_string(x->ws, x->row, i, cells[i], NULL);
		}
		if (rc != LXW_NO_ERROR)
			return -1;
	}
	x->row++;
	return 0;
}

int api_catalog_export_xlsx(struct req *r)
{
	char asof[ZDATE_STRLEN], path[API_XLSX_PATH];
	struct xlsx_out x = { 0 };
	lxw_workbook *wb;

	if (api_date_param(r, "as_of", 0, asof) < 0)
		return -1;
	wb = api_xlsx_open(r, path);
	if (!wb)
		return -1;
	x.ws = workbook_add_worksheet(wb, asof);
	if (!x.ws || xlsx_row(&x, api_catalog_columns) < 0 || export_walk(r, asof, xlsx_row, &x) < 0) {
		if (!zerr_isset(&r->err))
			zerr_internal(&r->err, "worksheet");
		api_xlsx_abandon(wb, path);
		return -1;
	}
	return api_xlsx_reply(r, wb, path);
}
