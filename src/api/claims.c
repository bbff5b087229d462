/* claims.c: claims (认领), coverage (三不管 / 多头管), township lists and their match
 * against the delegated items, and the reform indicators (shared domain.md §A) over
 * HTTP. The rules are domain/coverage.c's and domain/indicators.c's; this file loads,
 * decodes, authorises, writes and logs (docs/claims.md).
 *
 * Ledger entries: a claim 1 (catalog_claim.create), ending it 1 (catalog_claim.end), a
 * township list row 1 (township_list_item.import). */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "api/api.h"
#include "api/xlsx.h"
#include "api/records.h"
#include "core/config.h"
#include "core/date.h"
#include "core/config.h"
#include "core/log.h"
#include "core/valid.h"
#include "domain/catalog.h"
#include "domain/coverage.h"
#include "domain/indicators.h"
#include "ledger/ledger.h"

#define IN_FORCE_V "v.effective_from <= ? AND (v.effective_to IS NULL OR v.effective_to > ?)"
#define IN_FORCE_K "k.effective_from <= ? AND (k.effective_to IS NULL OR k.effective_to > ?)"

/* "<prefix>%" for the subtree of a region code; "" when the code is invalid. */
static void subtree_like(const char *code, char out[24])
{
	region_prefix(code, out, 20);
	if (out[0])
		strncat(out, "%", 2);
}

/* ---- claims ---- */

/* The caller may claim for agency (public id pid) in region: the agency's own head, or
 * an admin or catalog admin whose region scope holds the region. 403 otherwise. */
static int claim_authorised(struct req *r, const char *pid, const char *region)
{
	const char *p = r->who.region_prefix;

	if (r->who.role == ROLE_AGENCY_HEAD && strcmp(r->who.agency_pid, pid) == 0)
		return 0;
	if ((r->who.role == ROLE_ADMIN || r->who.role == ROLE_CATALOG_ADMIN) && strcmp(p, "-") != 0 &&
	    strncmp(region, p, strlen(p)) == 0)
		return 0;
	return zerr_set(&r->err, 403, "forbidden",
			"只有该主体负责人，或辖区包含 %s 的管理员、综合执法办人员可以认领或终止认领 (not your agency or region)",
			region);
}

/* Loads the version of code in force on date (its JSON), or NULL with nothing set. */
static int version_in_force(struct req *r, const char *code, const char *date, json_t **v_r)
{
	db_stmt_t *st = record_prepare_select(r->db, &rec_catalog_version, "WHERE " IN_FORCE_V " AND v.code = ?");
	int rc;

	*v_r = NULL;
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_text(st, 1, date);
	db_bind_text(st, 2, date);
	db_bind_text(st, 3, code);
	rc = db_step(st);
	if (rc == DB_ROW) {
		*v_r = record_encode(&rec_catalog_version, st, 0);
		db_run(st);
		return 0;
	}
	return rc == DB_OK ? 0 : db_zerr(r->db, rc, &r->err);
}

/* Inside the write transaction: 409 when another claim of the agency (internal id) for
 * the item and region overlaps [from, open). */
static int claim_overlap(struct req *r, int64_t agency, const char *code, const char *region,
			 const char *from)
{
	db_stmt_t *st = db_prepare(r->db, "SELECT effective_from, COALESCE(effective_to, '') FROM catalog_claims"
					  " WHERE agency_id = ? AND item_code = ? AND region_code = ?");
	struct catalog_period p = { "", "" }, q;
	int rc;

	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	snprintf(p.from, sizeof(p.from), "%s", from);
	db_bind_int(st, 1, agency);
	db_bind_text(st, 2, code);
	db_bind_text(st, 3, region);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(q.from, sizeof(q.from), "%s", db_col_text(st, 0));
		snprintf(q.to, sizeof(q.to), "%s", db_col_text(st, 1));
		if (catalog_periods_overlap(&p, &q)) {
			db_run(st);
			zerr_set(&r->err, 409, "claim_overlap",
				 "该主体对该事项在该区域已有自 %s 起的认领，期间重叠 (an overlapping claim exists)", q.from);
			return zerr_field(&r->err, "effective_from", "与自 %s 起的认领重叠 (overlaps the claim from %s)",
					  q.from, q.from);
		}
	}
	return rc == DB_OK ? 0 : db_zerr(r->db, rc, &r->err);
}

int api_claim_prepare(struct req *r, json_t *in, json_t **clean_r)
{
	const char *scope;
	json_t *clean = NULL, *agency = NULL, *region = NULL, *version = NULL;
	const char *code, *pid, *rcode, *from;
	struct zerr tmp = ZERR_INIT;
	struct claim_facts f;
	int64_t aid = 0;
	int ret = -1;

	*clean_r = NULL;
	if (record_decode(&rec_catalog_claim, in, 0, &clean, &r->err) < 0)
		goto out;
	code = json_string_value(json_object_get(clean, "item_code"));
	pid = json_string_value(json_object_get(clean, "agency_id"));
	from = json_string_value(json_object_get(clean, "effective_from"));
	if (org_agency_visible(r, pid, &aid, &agency, &tmp) < 0) {
		if (tmp.status != 404) {
			r->err = tmp;
			goto out;
		}
		zerr_clear(&tmp);
		zerr_field(&r->err, "agency_id", "执法主体不存在或不在您的权限范围内 (unknown agency)");
		goto out;
	}
	rcode = json_string_value(json_object_get(clean, "region_code"));
	if (!rcode) {
		json_object_set(clean, "region_code", json_object_get(agency, "region_code"));
		rcode = json_string_value(json_object_get(clean, "region_code"));
	}
	if (api_lookup(r, &rec_region, rcode, &region, &tmp) < 0) {
		if (tmp.status != 404) {
			r->err = tmp;
			goto out;
		}
		zerr_clear(&tmp);
		zerr_field(&r->err, "region_code", "行政区划 %s 未登记 (unknown region)", rcode);
	}
	if (version_in_force(r, code, from, &version) < 0)
		goto out;
	if (!version)
		zerr_field(&r->err, "item_code", "%s 当日目录中没有编码为 %s 的有效事项 (no item in force on effective_from)",
			   from, code);
	if (zerr_isset(&r->err))
		goto out;
	if (claim_authorised(r, pid, rcode) < 0)
		goto out;
	f = (struct claim_facts){
		.item_level = json_string_value(json_object_get(version, "level")),
		.item_agency_kind = json_string_value(json_object_get(version, "agency_kind")),
		.item_domain = json_string_value(json_object_get(version, "domain")),
		.item_mode = json_string_value(json_object_get(version, "mode")),
		.agency_kind = json_string_value(json_object_get(agency, "kind")),
		.agency_domain = json_string_value(json_object_get(agency, "domain")),
		.agency_region = json_string_value(json_object_get(agency, "region_code")),
		.region_code = rcode,
		.region_level = json_string_value(json_object_get(region, "level")),
	};
	if (claim_check(&f, &r->err) < 0)
		goto out;
	scope = json_string_value(json_object_get(version, "scope"));
	if (scope && strncmp(rcode, scope, 4) != 0) {
		zerr_field(&r->err, "region_code", "该事项属 %s 扩展目录，只在该市范围内认领（条例第七条）(an extension catalogue's item is claimed inside its city)",
			   scope);
		goto out;
	}
	json_object_set_new(clean, "agency_id", json_integer(aid));
	json_object_set(clean, "version_id", json_object_get(version, "id"));
	json_object_set_new(clean, "claimed_by", json_string(r->who.username));
	*clean_r = clean;
	clean = NULL;
	ret = 0;
out:
	json_decref(clean);
	json_decref(agency);
	json_decref(region);
	json_decref(version);
	return ret;
}

int api_claim_insert(struct req *r, json_t *clean, char *id_r, size_t id_len)
{
	if (claim_overlap(r, json_integer_value(json_object_get(clean, "agency_id")),
			  json_string_value(json_object_get(clean, "item_code")),
			  json_string_value(json_object_get(clean, "region_code")),
			  json_string_value(json_object_get(clean, "effective_from"))) < 0)
		return -1;
	return api_insert_logged(r, &rec_catalog_claim, clean, NULL, "create", id_r, id_len, &r->err);
}

int api_claims_create(struct req *r)
{
	json_t *in = NULL, *clean = NULL, *out = NULL;
	char key[80];
	int ret = -1;

	if (http_json_body(r, &in) < 0 || api_claim_prepare(r, in, &clean) < 0)
		goto out;
	if (db_begin(r->db, 1) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	if (api_claim_insert(r, clean, key, sizeof(key)) < 0) {
		db_rollback(r->db);
		goto out;
	}
	if (db_commit(r->db) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	if (api_fetch(r, &rec_catalog_claim, key, &out) < 0)
		goto out;
	snprintf(r->location, sizeof(r->location), "%s/%s", r->path, key);
	ret = http_reply(r, 201, out);
out:
	json_decref(in);
	json_decref(clean);
	return ret;
}

int api_claim_end(struct req *r)
{
	json_t *in = NULL, *claim = NULL, *to, *upd = NULL, *state = NULL, *out = NULL;
	const char *k, *from, *todate = NULL;
	db_stmt_t *st;
	int64_t id = 0;
	json_t *v;
	int ret = -1;

	if (http_json_body(r, &in) < 0)
		goto out;
	json_object_foreach(in, k, v)
		if (strcmp(k, "effective_to") != 0)
			zerr_field(&r->err, k, "未知字段 (unknown field)");
	to = json_object_get(in, "effective_to");
	if (!json_is_string(to) || !record_valid_date(json_string_value(to)))
		zerr_field(&r->err, "effective_to", "终止日期应为 YYYY-MM-DD 格式的有效日期 (required date)");
	else
		todate = json_string_value(to);
	if (zerr_isset(&r->err) || !todate || api_fetch(r, &rec_catalog_claim, r->params[0], &claim) < 0)
		goto out;
	if (claim_authorised(r, json_string_value(json_object_get(claim, "agency_id")),
			     json_string_value(json_object_get(claim, "region_code"))) < 0)
		goto out;
	if (!json_is_null(json_object_get(claim, "effective_to"))) {
		zerr_set(&r->err, 409, "already_ended", "该认领已于 %s 终止 (the claim has ended)",
			 json_string_value(json_object_get(claim, "effective_to")));
		goto out;
	}
	from = json_string_value(json_object_get(claim, "effective_from"));
	if (!from || strcmp(todate, from) <= 0) {
		zerr_field(&r->err, "effective_to", "终止日期应晚于认领生效日期 %s (must be after effective_from)", from);
		goto out;
	}
	st = db_prepare(r->db, "SELECT id FROM catalog_claims WHERE public_id = ?");
	if (!st) {
		zerr_internal(&r->err, db_errmsg(r->db));
		goto out;
	}
	db_bind_text(st, 1, r->params[0]);
	if (db_step(st) == DB_ROW) {
		id = db_col_int(st, 0);
		db_run(st);
	}
	upd = json_pack("{s:s}", "effective_to", todate);
	if (db_begin(r->db, 1) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	if (record_update(r->db, &rec_catalog_claim, upd, "id", id, &r->err) < 0 ||
	    record_load_state(r->db, &rec_catalog_claim, r->params[0], &state, &r->err) < 0 ||
	    ledger_append(r->db, &r->who, "catalog_claim.end", rec_catalog_claim.name, r->params[0], state, NULL,
			  &r->err) < 0) {
		db_rollback(r->db);
		goto out;
	}
	if (db_commit(r->db) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	if (api_fetch(r, &rec_catalog_claim, r->params[0], &out) == 0)
		ret = http_reply(r, 200, out);
out:
	json_decref(in);
	json_decref(claim);
	json_decref(upd);
	json_decref(state);
	return ret;
}

int api_claims_list(struct req *r)
{
	const char *cursor, *agency = http_query(r, "agency_id"), *item = http_query(r, "item_code"),
			   *region = http_query(r, "region_code"), *asof = http_query(r, "as_of");
	char like[24] = "";
	db_stmt_t *st;
	int limit;

	if (http_page(r, 50, 500, &limit, &cursor) < 0)
		return -1;
	if (region) {
		subtree_like(region, like);
		if (!like[0])
			zerr_field(&r->err, "region_code", "行政区划代码无效 (invalid region code)");
	}
	if (asof && !record_valid_date(asof))
		zerr_field(&r->err, "as_of", "as_of 应为 YYYY-MM-DD 格式的有效日期 (invalid date)");
	if (zerr_isset(&r->err))
		return -1;
	st = record_prepare_select(r->db, &rec_catalog_claim,
				   "WHERE (CAST(? AS TEXT) IS NULL OR a.public_id = ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR k.item_code = ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR k.region_code LIKE ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR (k.effective_from <= ? AND (k.effective_to IS NULL OR k.effective_to > ?)))"
				   " AND (CAST(? AS TEXT) IS NULL OR k.public_id > ?)"
				   " ORDER BY k.public_id LIMIT ?");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_text(st, 1, agency);
	db_bind_text(st, 2, agency);
	db_bind_text(st, 3, item);
	db_bind_text(st, 4, item);
	db_bind_text(st, 5, region ? like : NULL);
	db_bind_text(st, 6, region ? like : NULL);
	db_bind_text(st, 7, asof);
	db_bind_text(st, 8, asof);
	db_bind_text(st, 9, asof);
	db_bind_text(st, 10, cursor);
	db_bind_text(st, 11, cursor);
	db_bind_int(st, 12, limit + 1);
	/* the first column is the cursor: the record's first field is its public id */
	return api_list_reply(r, &rec_catalog_claim, st, limit);
}

/* ---- coverage ---- */

/* An agency as the answer names it. */
struct cov_agency {
	int64_t id;
	const char *pid, *name;
};

/* What the coverage of a region loads, and the (page of the) answer it builds. */
struct cov_load {
	struct req *r;
	struct cov_item *items;  /* sorted by code while loading */
	size_t ni;
	struct cov_region *regions; /* sorted by code */
	size_t nr;
	struct cov_claim *claims; /* sorted by (item, region, agency), strings interned */
	size_t nc;
	struct cov_agency *agencies; /* by id, loaded at the first overclaimed pair */
	size_t na;
	int agencies_loaded;
	char **strings;          /* every string loaded, freed at the end */
	size_t ns, cap;
	/* the page: pairs up to (after_item, after_region) are skipped; limit 0: all */
	const char *after_item, *after_region;
	long limit, taken, unclaimed_total, overclaimed_total;
	int more;
	char last[80];           /* the key of the last pair taken: the next cursor */
	json_t *unclaimed, *overclaimed;
};

static char *keep(struct cov_load *c, const char *s)
{
	char *d;

	if (c->ns == c->cap) {
		size_t n = c->cap ? c->cap * 2 : 1024;
		char **p = realloc(c->strings, n * sizeof(*p));

		if (!p)
			return NULL;
		c->strings = p;
		c->cap = n;
	}
	d = strdup(s ? s : "");
	if (d)
		c->strings[c->ns++] = d;
	return d;
}

static void cov_load_release(struct cov_load *c)
{
	size_t i;

	for (i = 0; i < c->ns; i++)
		free(c->strings[i]);
	free(c->strings);
	free(c->items);
	free(c->regions);
	free(c->claims);
	free(c->agencies);
	json_decref(c->unclaimed);
	json_decref(c->overclaimed);
	memset(c, 0, sizeof(*c));
}

/* Grows *p (of *n elements, capacity *cap) to hold one more of size sz. */
static int grow(void **p, size_t *cap, size_t n, size_t sz)
{
	void *np;

	if (n < *cap)
		return 0;
	*cap = *cap ? *cap * 2 : 256;
	np = realloc(*p, *cap * sz);
	if (!np)
		return -1;
	*p = np;
	return 0;
}

static int item_code_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cov_item *)a)->code, ((const struct cov_item *)b)->code);
}

static int region_code_cmp(const void *a, const void *b)
{
	return strcmp(((const struct cov_region *)a)->code, ((const struct cov_region *)b)->code);
}

static int agency_id_cmp(const void *a, const void *b)
{
	int64_t x = ((const struct cov_agency *)a)->id, y = ((const struct cov_agency *)b)->id;

	return (x > y) - (x < y);
}

/* A claim while loading: indices into the sorted items and regions. */
struct cov_key {
	uint32_t item, region;
	int64_t agency;
};

static int cov_key_cmp(const void *a, const void *b)
{
	const struct cov_key *x = a, *y = b;

	if (x->item != y->item)
		return x->item < y->item ? -1 : 1;
	if (x->region != y->region)
		return x->region < y->region ? -1 : 1;
	return (x->agency > y->agency) - (x->agency < y->agency);
}

/* Sorts *keys (nk of them, items below ni) by (item, region, agency): a counting sort by
 * item, then each item's claims by (region, agency) unless they are in that order already,
 * as both reads give them (regions ascending within an item) — O(n + ni) where qsort
 * took n log n on a province's 1.7 million claims. Replaces *keys; 0, or -1 (out of
 * memory: *keys untouched). */
static int cov_keys_sort(struct cov_key **keys, size_t nk, size_t ni)
{
	size_t *end = calloc(ni + 1, sizeof(*end)), i, k;
	struct cov_key *out = malloc((nk ? nk : 1) * sizeof(*out));

	if (!end || !out) {
		free(end);
		free(out);
		return -1;
	}
	for (k = 0; k < nk; k++)
		end[(*keys)[k].item + 1]++;
	for (i = 1; i <= ni; i++)
		end[i] += end[i - 1];
	for (k = 0; k < nk; k++)
		out[end[(*keys)[k].item]++] = (*keys)[k];
	/* end[i] is now the end of item i's claims, and its start end[i - 1] */
	for (i = 0; i < ni; i++) {
		size_t b = i ? end[i - 1] : 0;

		for (k = b + 1; k < end[i]; k++)
			if (cov_key_cmp(&out[k - 1], &out[k]) > 0) {
				qsort(out + b, end[i] - b, sizeof(*out), cov_key_cmp);
				break;
			}
	}
	free(end);
	free(*keys);
	*keys = out;
	return 0;
}

/* 1 when the pair (item i, region j) comes after the cursor (or there is none). */
static int cov_after_cursor(const struct cov_load *c, size_t i, size_t j)
{
	int k;

	if (!c->after_item)
		return 1;
	k = strcmp(c->items[i].code, c->after_item);
	return k > 0 || (k == 0 && strcmp(c->regions[j].code, c->after_region) > 0);
}

/* Counts the pair; 1 when it belongs on the page. */
static int cov_take(struct cov_load *c, size_t i, size_t j)
{
	if (!cov_after_cursor(c, i, j))
		return 0;
	if (c->limit > 0 && c->taken >= c->limit) {
		c->more = 1;
		return 0;
	}
	c->taken++;
	snprintf(c->last, sizeof(c->last), "%s.%s", c->items[i].code, c->regions[j].code);
	return 1;
}

static int on_unclaimed(void *ctx, size_t i, size_t j)
{
	struct cov_load *c = ctx;

	c->unclaimed_total++;
	if (!cov_take(c, i, j))
		return 0;
	return json_array_append_new(c->unclaimed,
				     json_pack("{s:s, s:s, s:s, s:s}", "item_code", c->items[i].code, "name",
					       c->items[i].name, "level", catalog_levels[c->items[i].level],
					       "region_code", c->regions[j].code));
}

/* Every agency by internal id, once, for the names of the overclaimed pairs. */
static int cov_load_agencies(struct cov_load *c)
{
	size_t cap = 0;
	db_stmt_t *st;
	int rc;

	c->agencies_loaded = 1;
	st = db_prepare(c->r->db, "SELECT id, public_id, name FROM agencies ORDER BY id");
	if (!st)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		struct cov_agency *a;

		if (grow((void **)&c->agencies, &cap, c->na, sizeof(*c->agencies)) < 0) {
			db_run(st);
			return -1;
		}
		a = &c->agencies[c->na];
		a->id = db_col_int(st, 0);
		a->pid = keep(c, db_col_text(st, 1));
		a->name = keep(c, db_col_text(st, 2));
		if (!a->pid || !a->name) {
			db_run(st);
			return -1;
		}
		c->na++;
	}
	return rc == DB_OK ? 0 : -1;
}

static int on_overclaimed(void *ctx, size_t i, size_t j, size_t first, size_t n)
{
	struct cov_load *c = ctx;
	json_t *agencies;
	size_t k;

	c->overclaimed_total++;
	if (!cov_take(c, i, j))
		return 0;
	if (!c->agencies_loaded && cov_load_agencies(c) < 0)
		return -1;
	agencies = json_array();
	for (k = first; k < first + n; k++) {
		struct cov_agency key = { .id = c->claims[k].agency }, *a;

		if (k > first && c->claims[k].agency == c->claims[k - 1].agency)
			continue;
		a = c->na ? bsearch(&key, c->agencies, c->na, sizeof(*c->agencies), agency_id_cmp) : NULL;
		json_array_append_new(agencies, json_pack("{s:s, s:s}", "id", a ? a->pid : "", "name", a ? a->name : ""));
	}
	return json_array_append_new(c->overclaimed,
				     json_pack("{s:s, s:s, s:s, s:s, s:o}", "item_code", c->items[i].code, "name",
					       c->items[i].name, "level", catalog_levels[c->items[i].level],
					       "region_code", c->regions[j].code, "agencies", agencies));
}

/* The subtree of a region as a range of codes [lo, hi): the region's prefix and the
 * prefix with its last digit raised (an index range on both engines, where LIKE 'p%'
 * is one only on PostgreSQL). Empty strings when the code is invalid. */
static void subtree_range(const char *code, char lo[24], char hi[24])
{
	size_t n;

	region_prefix(code, lo, 20);
	snprintf(hi, 24, "%s", lo);
	n = strlen(hi);
	if (n)
		hi[n - 1] = (char)(hi[n - 1] + 1); /* '9' + 1 is ':', still above every digit */
}

/* A filtered coverage with at most this many items reads the claims item by item
 * (catalog_claims_item, 015): a seek and a range per item instead of every claim of the
 * subtree. */
#define COV_SEEK_ITEMS 5000

/* The claims in force on date of each loaded item in the regions [lo, hi), one index
 * range per item (catalog_claims_item), as keys into the sorted items and regions
 * (*keys_r, *nk_r; the caller frees). 0, or -1 with r->err. */
static int claims_by_item(struct req *r, struct cov_load *c, const char *lo, const char *hi, const char *date,
			  struct cov_key **keys_r, size_t *nk_r)
{
	size_t cap = 0, i;
	struct cov_region rkey = { NULL, 0 };
	db_stmt_t *st;
	int rc = DB_OK;

	*keys_r = NULL;
	*nk_r = 0;
	for (i = 0; i < c->ni; i++) {
		st = db_prepare(r->db, "SELECT k.region_code, k.agency_id FROM catalog_claims k WHERE k.item_code = ?"
				       " AND k.region_code >= ? AND k.region_code < ? AND " IN_FORCE_K
				       " ORDER BY k.region_code");
		if (!st)
			return zerr_internal(&r->err, db_errmsg(r->db));
		db_bind_text(st, 1, c->items[i].code);
		db_bind_text(st, 2, lo);
		db_bind_text(st, 3, hi);
		db_bind_text(st, 4, date);
		db_bind_text(st, 5, date);
		while ((rc = db_step(st)) == DB_ROW) {
			struct cov_region *rg;

			rkey.code = db_col_text(st, 0);
			rg = c->nr ? bsearch(&rkey, c->regions, c->nr, sizeof(*c->regions), region_code_cmp) : NULL;
			if (!rg)
				continue;
			if (grow((void **)keys_r, &cap, *nk_r, sizeof(**keys_r)) < 0) {
				db_run(st);
				return zerr_oom(&r->err);
			}
			(*keys_r)[*nk_r] = (struct cov_key){ (uint32_t)i, (uint32_t)(rg - c->regions), db_col_int(st, 1) };
			(*nk_r)++;
		}
		if (rc != DB_OK)
			return db_zerr(r->db, rc, &r->err);
	}
	return 0;
}

/* The items of a coverage: those its filter passes (api_item_filter). */
static const char *const cov_items_sql[ITEM_NSEARCH] =
	ITEM_SEARCHES("SELECT v.code, v.name, v.level, substr(v.scope, 1, 4) FROM catalog_versions v ", "");

/* Loads the items in force on f->as_of that f passes and that must be exercised in the
 * subtree of f->region_code (cov_reach_of), the regions of the subtree and the claims in
 * force there, sorted for coverage_run. 0, or -1 with r->err. */
static int coverage_load(struct req *r, const struct item_filter *f, struct cov_load *c)
{
	const char *code = f->region_code, *date = f->as_of;
	size_t capi = 0, capr = 0, capk = 0, nk = 0, k;
	struct cov_key *keys = NULL;
	struct cov_region rkey;
	struct cov_item ikey;
	char like[24], lo[24], hi[24], last_region[24] = "";
	uint32_t region_at = 0;
	db_stmt_t *st;
	int rc;

	c->r = r;
	subtree_like(code, like);
	subtree_range(code, lo, hi);
	st = db_prepare(r->db, cov_items_sql[f->search]);
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	api_item_filter_bind(st, f);
	while ((rc = db_step(st)) == DB_ROW) {
		if (grow((void **)&c->items, &capi, c->ni, sizeof(*c->items)) < 0)
			goto oom;
		c->items[c->ni].code = keep(c, db_col_text(st, 0));
		c->items[c->ni].name = keep(c, db_col_text(st, 1));
		c->items[c->ni].level = cov_level(db_col_text(st, 2));
		c->items[c->ni].scope = db_col_isnull(st, 3) ? NULL : keep(c, db_col_text(st, 3));
		if (!c->items[c->ni].code || !c->items[c->ni].name)
			goto oom;
		c->ni++;
	}
	if (rc != DB_OK)
		return db_zerr(r->db, rc, &r->err);
	if (c->ni)
		qsort(c->items, c->ni, sizeof(*c->items), item_code_cmp);
	st = db_prepare(r->db, "SELECT code, level FROM regions WHERE code LIKE ?");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_text(st, 1, like);
	while ((rc = db_step(st)) == DB_ROW) {
		if (grow((void **)&c->regions, &capr, c->nr, sizeof(*c->regions)) < 0)
			goto oom;
		c->regions[c->nr].code = keep(c, db_col_text(st, 0));
		c->regions[c->nr].level = cov_level(db_col_text(st, 1));
		if (!c->regions[c->nr].code)
			goto oom;
		c->nr++;
	}
	if (rc != DB_OK)
		return db_zerr(r->db, rc, &r->err);
	if (c->nr)
		qsort(c->regions, c->nr, sizeof(*c->regions), region_code_cmp);
	if (f->narrowed && c->ni <= COV_SEEK_ITEMS) {
		if (claims_by_item(r, c, lo, hi, date, &keys, &nk) < 0) {
			free(keys);
			return -1;
		}
		goto sort;
	}
	/* the claims in force, index-only (catalog_claims_region, 012), by region: each
	 * names the sorted item and region it is about; claims of items not in force or of
	 * regions not registered are left out, as coverage_run would leave them */
	st = db_prepare(r->db, "SELECT k.item_code, k.region_code, k.agency_id FROM catalog_claims k"
			       " WHERE k.region_code >= ? AND k.region_code < ? AND " IN_FORCE_K
			       " ORDER BY k.region_code, k.item_code");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_text(st, 1, lo);
	db_bind_text(st, 2, hi);
	db_bind_text(st, 3, date);
	db_bind_text(st, 4, date);
	while ((rc = db_step(st)) == DB_ROW) {
		const char *region = db_col_text(st, 1);
		struct cov_item *it;

		if (strcmp(region, last_region) != 0) {
			struct cov_region *rg;

			rkey.code = region;
			rg = c->nr ? bsearch(&rkey, c->regions, c->nr, sizeof(*c->regions), region_code_cmp) : NULL;
			snprintf(last_region, sizeof(last_region), "%s", region);
			region_at = rg ? (uint32_t)(rg - c->regions) : UINT32_MAX;
		}
		ikey.code = db_col_text(st, 0);
		it = region_at == UINT32_MAX || !c->ni ? NULL
						       : bsearch(&ikey, c->items, c->ni, sizeof(*c->items), item_code_cmp);
		if (!it)
			continue;
		if (grow((void **)&keys, &capk, nk, sizeof(*keys)) < 0)
			goto oom;
		keys[nk].item = (uint32_t)(it - c->items);
		keys[nk].region = region_at;
		keys[nk].agency = db_col_int(st, 2);
		nk++;
	}
	if (rc != DB_OK) {
		free(keys);
		return db_zerr(r->db, rc, &r->err);
	}
sort:
	if (cov_keys_sort(&keys, nk, c->ni) < 0) {
		free(keys);
		return zerr_oom(&r->err);
	}
	c->claims = malloc((nk ? nk : 1) * sizeof(*c->claims));
	if (!c->claims) {
		free(keys);
		return zerr_oom(&r->err);
	}
	for (k = 0; k < nk; k++)
		c->claims[k] = (struct cov_claim){ c->items[keys[k].item].code, c->regions[keys[k].region].code,
						   keys[k].agency, NULL };
	c->nc = nk;
	free(keys);
	return 0;
oom:
	free(keys);
	db_run(st);
	return zerr_oom(&r->err);
}

/* The page parameters of the coverage: limit (default 1,000, at most 10,000) and cursor
 * "<item_code>.<region_code>" (the answer's next_cursor). */
static int coverage_page(struct req *r, struct cov_load *c, char *cur, size_t curlen)
{
	const char *cursor;
	char *dot;
	int limit;

	if (http_page(r, 1000, 10000, &limit, &cursor) < 0)
		return -1;
	c->limit = limit;
	if (!cursor)
		return 0;
	snprintf(cur, curlen, "%s", cursor);
	dot = strchr(cur, '.');
	if (dot)
		*dot = '\0';
	if (!dot || !catalog_code_valid(cur) || region_code_level(dot + 1) == REGION_INVALID)
		return zerr_field(&r->err, "cursor", "cursor 无效 (bad cursor: <item_code>.<region_code>)");
	c->after_item = cur;
	c->after_region = dot + 1;
	return 0;
}

/* Runs the loaded coverage into sink. 0, or -1 with r->err. */
static int coverage_walk(struct cov_load *c, const struct cov_sink *sink)
{
	if (coverage_run(c->items, c->ni, c->regions, c->nr, c->claims, c->nc, sink) < 0)
		return zerr_isset(&c->r->err) ? -1 : zerr_oom(&c->r->err);
	return 0;
}

int api_coverage(struct req *r)
{
	struct cov_load c = { 0 };
	struct cov_sink sink = { &c, on_unclaimed, on_overclaimed };
	struct item_filter f;
	char cur[160];
	int ret = -1;

	api_item_filter(r, 1, &f);
	coverage_page(r, &c, cur, sizeof(cur));
	if (zerr_isset(&r->err))
		goto out;
	c.unclaimed = json_array();
	c.overclaimed = json_array();
	if (coverage_load(r, &f, &c) == 0 && coverage_walk(&c, &sink) == 0)
		ret = http_reply(r, 200, json_pack("{s:s, s:s, s:O, s:O, s:I, s:I, s:s?}", "region_code", f.region_code,
						  "as_of", f.as_of, "unclaimed", c.unclaimed, "overclaimed",
						  c.overclaimed, "unclaimed_total", (json_int_t)c.unclaimed_total,
						  "overclaimed_total", (json_int_t)c.overclaimed_total, "next_cursor",
						  c.more ? c.last : NULL));
out:
	api_item_filter_release(&f);
	cov_load_release(&c);
	return ret;
}

/* ---- XLSX (libxlsxwriter writes files only: a temporary file read back) ---- */

/* Writes rows (arrays of strings or numbers) to sheet. -1 on a writer error. */
static int sheet_rows(lxw_workbook *wb, const char *title, json_t *rows)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, title);
	json_t *row, *cell;
	size_t i, j;

	if (!ws)
		return -1;
	json_array_foreach(rows, i, row) {
		json_array_foreach(row, j, cell) {
			lxw_error rc = json_is_number(cell)
					       ? worksheet_write_number(ws, (lxw_row_t)i, (lxw_col_t)j,
									json_number_value(cell), NULL)
					       : worksheet_write_string(ws, (lxw_row_t)i, (lxw_col_t)j,
									json_string_value(cell) ? json_string_value(cell) : "",
									NULL);

			if (rc != LXW_NO_ERROR)
				return -1;
		}
	}
	return 0;
}

/* Answers a workbook of sheets: {title: rows, ...} in order of titles[]. */
static int xlsx_reply(struct req *r, const char *const *titles, json_t *const *sheets, size_t n)
{
	char path[API_XLSX_PATH];
	lxw_workbook *wb = api_xlsx_open(r, path);
	size_t i;

	if (!wb)
		return -1;
	for (i = 0; i < n; i++)
		if (sheet_rows(wb, titles[i], sheets[i]) < 0) {
			api_xlsx_abandon(wb, path);
			return zerr_internal(&r->err, "worksheet");
		}
	return api_xlsx_reply(r, wb, path);
}

/* The coverage export: the rows come out of the same load and merge as the pages of
 * GET /catalog/coverage and go straight into constant-memory sheets (api_xlsx_open_rows),
 * one pass that counts and one that writes; nothing is kept per pair. A sheet holds
 * XLSX_ROWS rows under its header; more continue on "… (2)". */
#define XLSX_ROWS (LXW_ROW_MAX - 1)
#define XLSX_SHEETS 8

struct cov_xlsx {
	struct cov_load *c;
	lxw_worksheet *sheets[2][XLSX_SHEETS];
	long rows[2];
};

static int count_unclaimed(void *ctx, size_t i, size_t j)
{
	(void)i;
	(void)j;
	((struct cov_load *)ctx)->unclaimed_total++;
	return 0;
}

static int count_overclaimed(void *ctx, size_t i, size_t j, size_t first, size_t n)
{
	(void)i;
	(void)j;
	(void)first;
	(void)n;
	((struct cov_load *)ctx)->overclaimed_total++;
	return 0;
}

/* The next row of kind (0 unclaimed, 1 overclaimed): its sheet and row number. */
static lxw_worksheet *xlsx_next_row(struct cov_xlsx *x, int kind, lxw_row_t *row_r)
{
	long n = x->rows[kind]++;

	*row_r = (lxw_row_t)(n % XLSX_ROWS + 1);
	return x->sheets[kind][n / XLSX_ROWS];
}

static int xlsx_cells(lxw_worksheet *ws, lxw_row_t row, const char *const *cells, int n)
{
	int j;

	for (j = 0; j < n; j++)
		if (worksheet_write_string(ws, row, (lxw_col_t)j, cells[j] ? cells[j] : "", NULL) != LXW_NO_ERROR)
			return -1;
	return 0;
}

static int xlsx_unclaimed(void *ctx, size_t i, size_t j)
{
	struct cov_xlsx *x = ctx;
	const struct cov_item *it = &x->c->items[i];
	const char *cells[] = { it->code, it->name, catalog_levels[it->level], x->c->regions[j].code };
	lxw_row_t row;
	lxw_worksheet *ws = xlsx_next_row(x, 0, &row);

	return xlsx_cells(ws, row, cells, 4);
}

static int xlsx_overclaimed(void *ctx, size_t i, size_t j, size_t first, size_t n)
{
	struct cov_xlsx *x = ctx;
	struct cov_load *c = x->c;
	struct buf names = BUF_INIT(1 << 16);
	const char *cells[4] = { c->items[i].code, c->items[i].name, c->regions[j].code, NULL };
	lxw_row_t row;
	lxw_worksheet *ws;
	size_t k;
	int ret;

	if (!c->agencies_loaded && cov_load_agencies(c) < 0)
		return -1;
	for (k = first; k < first + n; k++) {
		struct cov_agency key = { .id = c->claims[k].agency }, *a;

		if (k > first && c->claims[k].agency == c->claims[k - 1].agency)
			continue;
		a = c->na ? bsearch(&key, c->agencies, c->na, sizeof(*c->agencies), agency_id_cmp) : NULL;
		buf_addf(&names, "%s%s", k > first ? "；" : "", a ? a->name : "");
	}
	cells[3] = buf_str(&names);
	ws = xlsx_next_row(x, 1, &row);
	ret = xlsx_cells(ws, row, cells, 4);
	buf_release(&names);
	return ret;
}

/* One coverage export at a time per server: the analysis of a province holds a few
 * hundred MB while it runs; a second one waits for the first (503 export_busy). */
static pthread_mutex_t export_mu = PTHREAD_MUTEX_INITIALIZER;

int api_coverage_xlsx(struct req *r)
{
	static const char *const titles[2] = { "三不管 unclaimed", "多头管 overclaimed" };
	static const char *const heads[2][4] = {
		{ "事项编码 item_code", "事项名称 name", "层级 level", "区划 region_code" },
		{ "事项编码 item_code", "事项名称 name", "区划 region_code", "认领主体 agencies" },
	};
	struct cov_sink count = { NULL, count_unclaimed, count_overclaimed }, write;
	struct cov_load c = { 0 };
	struct cov_xlsx x = { &c, { { NULL } }, { 0, 0 } };
	struct item_filter f;
	char path[API_XLSX_PATH] = "";
	lxw_workbook *wb = NULL;
	long max_rows = r->cfg ? r->cfg->max_export_rows : 3000000;
	int ret = -1, locked = 0, kind;

	if (api_item_filter(r, 1, &f) < 0)
		goto out;
	if (pthread_mutex_trylock(&export_mu) != 0) {
		http_add_header(r, "Retry-After", "10");
		zerr_set(&r->err, 503, "export_busy", "另一个覆盖情况导出正在进行，请稍后再试 (another coverage export is running; retry later)");
		goto out;
	}
	locked = 1;
	count.ctx = &c;
	if (coverage_load(r, &f, &c) < 0 || coverage_walk(&c, &count) < 0)
		goto out;
	if (c.unclaimed_total + c.overclaimed_total > max_rows ||
	    c.unclaimed_total > (long)XLSX_ROWS * XLSX_SHEETS || c.overclaimed_total > (long)XLSX_ROWS * XLSX_SHEETS) {
		zerr_set(&r->err, 413, "export_too_large",
			 "导出 %ld 行超过上限 %ld 行，请按层级、领域、类别、执法方式、检索词或更小的区划筛选 (%ld rows over the limit of %ld: narrow it by level, domain, kind, mode, q or region_code)",
			 c.unclaimed_total + c.overclaimed_total, max_rows, c.unclaimed_total + c.overclaimed_total,
			 max_rows);
		goto out;
	}
	if (!(wb = api_xlsx_open_rows(r, path)))
		goto out;
	for (kind = 0; kind < 2; kind++) {
		long total = kind ? c.overclaimed_total : c.unclaimed_total, s;

		for (s = 0; s == 0 || s * XLSX_ROWS < total; s++) {
			char title[64];

			if (s)
				snprintf(title, sizeof(title), "%s (%ld)", titles[kind], s + 1);
			else
				snprintf(title, sizeof(title), "%s", titles[kind]);
			if (!(x.sheets[kind][s] = workbook_add_worksheet(wb, title)) ||
			    xlsx_cells(x.sheets[kind][s], 0, heads[kind], 4) < 0) {
				zerr_internal(&r->err, "worksheet");
				goto out;
			}
		}
	}
	write = (struct cov_sink){ &x, xlsx_unclaimed, xlsx_overclaimed };
	if (coverage_walk(&c, &write) < 0)
		goto out;
	ret = api_xlsx_reply(r, wb, path);
	wb = NULL;
out:
	if (wb)
		api_xlsx_abandon(wb, path);
	if (locked)
		pthread_mutex_unlock(&export_mu);
	api_item_filter_release(&f);
	cov_load_release(&c);
	return ret;
}

/* ---- township lists and their match ---- */

int api_township_lists_list(struct req *r)
{
	const char *cursor, *code = http_query(r, "region_code");
	db_stmt_t *st;
	int limit;

	if (http_page(r, 100, 1000, &limit, &cursor) < 0)
		return -1;
	st = record_prepare_select(r->db, &rec_township_list_item,
				   "WHERE (CAST(? AS TEXT) IS NULL OR t.region_code = ?)"
				   " AND (CAST(? AS TEXT) IS NULL OR t.public_id > ?) ORDER BY t.public_id LIMIT ?");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_text(st, 1, code);
	db_bind_text(st, 2, code);
	db_bind_text(st, 3, cursor);
	db_bind_text(st, 4, cursor);
	db_bind_int(st, 5, limit + 1);
	return api_list_reply(r, &rec_township_list_item, st, limit);
}

/* The items delegated to township code on date: the township-level items in force that
 * are claimed (a claim in force) for the township; when the township has no such claim,
 * every township-level item in force (the county has not published its list yet). */
static const char *const delegated_sql[] = {
	"SELECT v.code, v.name FROM catalog_versions v WHERE " IN_FORCE_V " AND v.level = 'township'"
	" AND EXISTS (SELECT 1 FROM catalog_claims k WHERE k.item_code = v.code AND k.region_code = ? AND " IN_FORCE_K ")"
	" ORDER BY v.code",
	"SELECT v.code, v.name FROM catalog_versions v WHERE " IN_FORCE_V " AND v.level = 'township'"
	" AND (v.scope IS NULL OR substr(v.scope, 1, 4) = substr(?, 1, 4)) AND (CAST(? AS TEXT) IS NULL OR 1 = 1)"
	" AND (CAST(? AS TEXT) IS NULL OR 1 = 1) ORDER BY v.code",
};

/* Matches township code on date: *matched_r / *delegated_r, and when detail is not NULL
 * the members source, unmatched_items and unmatched_list are set on it. 0 or -1. */
static int match_township(struct req *r, const char *code, const char *date, long long *matched_r,
			  long long *delegated_r, json_t *detail)
{
	json_t *d = json_array(), *l = json_array(), *x;
	struct match_entry *de = NULL, *le = NULL;
	size_t i, nd, nl, matched = 0;
	int pass, rc, ret = -1;
	db_stmt_t *st;

	for (pass = 0; pass < 2 && json_array_size(d) == 0; pass++) {
		st = db_prepare(r->db, delegated_sql[pass]);
		if (!st) {
			zerr_internal(&r->err, db_errmsg(r->db));
			goto out;
		}
		db_bind_text(st, 1, date);
		db_bind_text(st, 2, date);
		db_bind_text(st, 3, code);
		db_bind_text(st, 4, date);
		db_bind_text(st, 5, date);
		while ((rc = db_step(st)) == DB_ROW)
			json_array_append_new(d, json_pack("{s:s, s:s}", "code", db_col_text(st, 0), "name",
							   db_col_text(st, 1)));
		if (rc != DB_OK) {
			db_zerr(r->db, rc, &r->err);
			goto out;
		}
		if (detail)
			json_object_set_new(detail, "source", json_string(pass == 0 ? "claims" : "catalog"));
	}
	st = record_prepare_select(r->db, &rec_township_list_item, "WHERE t.region_code = ? ORDER BY t.id");
	if (!st) {
		zerr_internal(&r->err, db_errmsg(r->db));
		goto out;
	}
	db_bind_text(st, 1, code);
	while ((rc = db_step(st)) == DB_ROW)
		json_array_append_new(l, record_encode(&rec_township_list_item, st, 0));
	if (rc != DB_OK) {
		db_zerr(r->db, rc, &r->err);
		goto out;
	}
	nd = json_array_size(d);
	nl = json_array_size(l);
	de = calloc(nd ? nd : 1, sizeof(*de));
	le = calloc(nl ? nl : 1, sizeof(*le));
	if (!de || !le) {
		zerr_oom(&r->err);
		goto out;
	}
	json_array_foreach(d, i, x) {
		de[i].code = json_string_value(json_object_get(x, "code"));
		de[i].name = json_string_value(json_object_get(x, "name"));
	}
	json_array_foreach(l, i, x) {
		le[i].code = json_string_value(json_object_get(x, "item_code"));
		le[i].name = json_string_value(json_object_get(x, "name"));
	}
	if (township_match(de, nd, le, nl, &matched) < 0) {
		zerr_oom(&r->err);
		goto out;
	}
	*matched_r = (long long)matched;
	*delegated_r = (long long)nd;
	if (detail) {
		json_t *ui = json_array(), *ul = json_array();

		for (i = 0; i < nd; i++)
			if (!de[i].matched)
				json_array_append(ui, json_array_get(d, i));
		for (i = 0; i < nl; i++)
			if (!le[i].matched)
				json_array_append(ul, json_array_get(l, i));
		json_object_set_new(detail, "unmatched_items", ui);
		json_object_set_new(detail, "unmatched_list", ul);
		json_object_set_new(detail, "list_size", json_integer((json_int_t)nl));
	}
	ret = 0;
out:
	free(de);
	free(le);
	json_decref(d);
	json_decref(l);
	return ret;
}

int api_township_match(struct req *r)
{
	char date[ZDATE_STRLEN];
	const char *code;
	long long m = 0, n = 0;
	json_t *out;
	struct indicator_value v;

	api_region_param(r, "region_code", 1, &code, NULL);
	api_date_param(r, "as_of", 0, date);
	if (!zerr_isset(&r->err) && region_code_level(code) != REGION_TOWNSHIP)
		zerr_field(&r->err, "region_code", "%s 不是乡镇（街道）区划代码 (not a township)", code);
	if (zerr_isset(&r->err))
		return -1;
	out = json_pack("{s:s, s:s}", "region_code", code, "as_of", date);
	if (match_township(r, code, date, &m, &n, out) < 0) {
		json_decref(out);
		return -1;
	}
	indicator_township_match(m, n, &v);
	json_object_set_new(out, "delegated", json_integer(n));
	json_object_set_new(out, "matched", json_integer(m));
	json_object_set_new(out, "rate", json_real(v.value));
	return http_reply(r, 200, out);
}

/* ---- indicators ---- */

/* The ordered rows of a statement as a JSON array of arrays of text (NULL as ""). */
static int rows_of(struct req *r, db_stmt_t *st, int ncols, json_t **rows_r)
{
	json_t *rows = json_array();
	int rc, c;

	while ((rc = db_step(st)) == DB_ROW) {
		json_t *row = json_array();

		for (c = 0; c < ncols; c++)
			json_array_append_new(row, json_string(db_col_isnull(st, c) ? "" : db_col_text(st, c)));
		json_array_append_new(rows, row);
	}
	if (rc != DB_OK) {
		json_decref(rows);
		*rows_r = NULL;
		return db_zerr(r->db, rc, &r->err);
	}
	*rows_r = rows;
	return 0;
}

static const char *cell(json_t *rows, size_t i, size_t c)
{
	return json_string_value(json_array_get(json_array_get(rows, i), c));
}

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int entry_code_cmp(const void *a, const void *b)
{
	return strcmp(((const struct match_entry *)a)->code, ((const struct match_entry *)b)->code);
}

/* The township-level items in force on date by code (*all_r points into *items_r). */
static int town_items(struct req *r, const char *date, json_t **items_r, struct match_entry **all_r, size_t *ni_r)
{
	struct match_entry *all;
	db_stmt_t *st;
	size_t i, ni;

	*all_r = NULL;
	*ni_r = 0;
	if (!(st = db_prepare(r->db, "SELECT v.code, v.name, COALESCE(substr(v.scope, 1, 4), '') FROM catalog_versions v"
				     " WHERE v.level = 'township' AND " IN_FORCE_V " ORDER BY v.code")))
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_text(st, 1, date);
	db_bind_text(st, 2, date);
	if (rows_of(r, st, 3, items_r) < 0)
		return -1;
	ni = json_array_size(*items_r);
	if (!(all = calloc(ni + 1, sizeof(*all))))
		return zerr_oom(&r->err);
	for (i = 0; i < ni; i++) {
		all[i].code = cell(*items_r, i, 0);
		all[i].name = cell(*items_r, i, 1);
		all[i].scope = cell(*items_r, i, 2);
	}
	if (ni)
		qsort(all, ni, sizeof(*all), entry_code_cmp);
	*all_r = all;
	*ni_r = ni;
	return 0;
}

/* The span [from, to) around date on which the township-level items in force stay the
 * same: the nearest dates of those versions (any scope) on either side of date. */
static int town_items_span(struct req *r, const char *date, char from[ZDATE_STRLEN], char to[ZDATE_STRLEN])
{
	db_stmt_t *st = db_prepare(r->db, "SELECT MAX(CASE WHEN v.effective_from <= ? THEN v.effective_from END),"
					  " MIN(CASE WHEN v.effective_from > ? THEN v.effective_from END),"
					  " MAX(CASE WHEN v.effective_to <= ? THEN v.effective_to END),"
					  " MIN(CASE WHEN v.effective_to > ? THEN v.effective_to END)"
					  " FROM catalog_versions v WHERE v.level = 'township'");
	int rc, c, i;

	from[0] = to[0] = '\0';
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	for (i = 1; i <= 4; i++)
		db_bind_text(st, i, date);
	if ((rc = db_step(st)) != DB_ROW)
		return db_zerr(r->db, rc == DB_OK ? DB_ERROR : rc, &r->err);
	for (c = 0; c < 4; c++)
		if (!db_col_isnull(st, c))
			span_narrow(from, to, date, db_col_text(st, c));
	db_run(st);
	return 0;
}

/* The match of each township tcodes[0..nt) (sorted, all inside [lo, hi)) on date against
 * the township items all[0..ni) (by code), into m[t] / n[t]: two ordered reads (the lists
 * and the claims in force of the range) and a merge by township, the same answer as
 * match_township for each township without a query per township. The claims (1.4
 * million in the bench's province) are kept as pairs of indices; only townships with a
 * list are matched by name (without a list nothing matches). Every claim of a township,
 * in force or not, narrows its span from[t], to[t] (the dates on which its claims in
 * force stay the same) by its dates; byname[t]: the township's list has an entry without a
 * code (the match read the items' names). */
static int match_range(struct req *r, const struct match_entry *all, size_t ni, const char *const *tcodes,
		       size_t nt, const char *lo, const char *hi, const char *date, long long *m, long long *n,
		       char (*from)[ZDATE_STRLEN], char (*to)[ZDATE_STRLEN], unsigned char *byname)
{
	json_t *lists = NULL;
	struct match_entry *del = NULL, *lst = NULL;
	uint32_t *ct = NULL, *ci = NULL, town_at = UINT32_MAX;
	size_t nc = 0, capc = 0, nl, t, c = 0, l = 0, i, k, matched, at = 0;
	int unsorted = 0;
	char last_town[24] = "";
	db_stmt_t *st;
	int ret = -1, rc;

	if (!(st = db_prepare(r->db, "SELECT region_code, COALESCE(item_code, ''), name FROM township_list_items"
				     " WHERE region_code >= ? AND region_code < ? ORDER BY region_code, id")))
		goto internal;
	db_bind_text(st, 1, lo);
	db_bind_text(st, 2, hi);
	if (rows_of(r, st, 3, &lists) < 0)
		goto out;
	nl = json_array_size(lists);
	del = calloc(ni + 1, sizeof(*del));
	lst = calloc(nl + 1, sizeof(*lst));
	if (!del || !lst)
		goto oom;
	/* the claims of the range's townships; those in force as (township, item) indices */
	if (!(st = db_prepare(r->db, "SELECT k.region_code, k.item_code, k.effective_from, COALESCE(k.effective_to, '')"
				     " FROM catalog_claims k WHERE k.region_code >= ? AND k.region_code < ?"
				     " AND length(k.region_code) = 12 ORDER BY k.region_code, k.item_code")))
		goto internal;
	db_bind_text(st, 1, lo);
	db_bind_text(st, 2, hi);
	while ((rc = db_step(st)) == DB_ROW) {
		const char *town = db_col_text(st, 0), *code = db_col_text(st, 1);
		const char *kf = db_col_text(st, 2), *kt = db_col_text(st, 3);
		int cmp = 1;

		if (strcmp(town, last_town) != 0) {
			const char *const *tp = nt ? bsearch(&town, tcodes, nt, sizeof(*tcodes), str_cmp) : NULL;

			snprintf(last_town, sizeof(last_town), "%s", town);
			town_at = tp ? (uint32_t)(tp - tcodes) : UINT32_MAX;
			at = 0;
		}
		if (town_at == UINT32_MAX)
			continue;
		span_narrow(from[town_at], to[town_at], date, kf);
		span_narrow(from[town_at], to[town_at], date, kt);
		if (strcmp(kf, date) > 0 || (kt[0] && strcmp(kt, date) <= 0))
			continue; /* not in force on date */
		/* a township's claims come by item code (the index's order): a merge with the
		 * items, restarted when a code goes backwards (another order on PostgreSQL) */
		if (at > 0 && strcmp(code, all[at - 1].code) < 0)
			at = 0;
		while (at < ni && (cmp = strcmp(all[at].code, code)) < 0)
			at++;
		if (at >= ni || cmp != 0)
			continue;
		if (nc == capc) {
			uint32_t *a, *b;

			capc = capc ? capc * 2 : 4096;
			a = realloc(ct, capc * sizeof(*ct));
			if (a)
				ct = a;
			b = realloc(ci, capc * sizeof(*ci));
			if (b)
				ci = b;
			if (!a || !b) {
				db_run(st);
				goto oom;
			}
		}
		ct[nc] = town_at;
		ci[nc] = (uint32_t)at;
		if (nc && (ct[nc - 1] > ct[nc] || (ct[nc - 1] == ct[nc] && ci[nc - 1] > ci[nc])))
			unsorted = 1;
		nc++;
	}
	if (rc != DB_OK) {
		db_zerr(r->db, rc, &r->err);
		goto out;
	}
	/* by (township, item): in order already when read in the index's order */
	if (unsorted) {
		uint64_t *pairs = malloc((nc ? nc : 1) * sizeof(*pairs));

		if (!pairs)
			goto oom;
		for (k = 0; k < nc; k++)
			pairs[k] = (uint64_t)ct[k] << 32 | ci[k];
		qsort(pairs, nc, sizeof(*pairs), u64_cmp);
		for (k = 0; k < nc; k++) {
			ct[k] = (uint32_t)(pairs[k] >> 32);
			ci[k] = (uint32_t)pairs[k];
		}
		free(pairs);
	}
	for (t = 0; t < nt; t++) {
		const char *town = tcodes[t];
		size_t nd = 0, nlt = 0;

		/* the township-level items in force claimed for the township, once each */
		for (; c < nc && ct[c] == t; c++)
			if (nd == 0 || del[nd - 1].code != all[ci[c]].code)
				del[nd++] = all[ci[c]];
		/* no claims: every township item of the catalogue, an extension catalogue's only
		 * in its city */
		if (nd == 0)
			for (i = 0; i < ni; i++)
				if (!all[i].scope[0] || strncmp(town, all[i].scope, 4) == 0)
					del[nd++] = all[i];
		while (l < nl && strcmp(cell(lists, l, 0), town) < 0)
			l++;
		for (k = 0; l < nl && strcmp(cell(lists, l, 0), town) == 0; l++, k++) {
			lst[k].code = cell(lists, l, 1)[0] ? cell(lists, l, 1) : NULL;
			lst[k].name = cell(lists, l, 2);
			nlt++;
		}
		byname[t] = 0;
		for (k = 0; k < nlt; k++)
			if (!lst[k].code)
				byname[t] = 1; /* read the items' names */
		matched = 0;
		if (nlt && township_match(del, nd, lst, nlt, &matched) < 0)
			goto oom;
		m[t] = (long long)matched;
		n[t] = (long long)nd;
	}
	ret = 0;
	goto out;
oom:
	zerr_oom(&r->err);
	goto out;
internal:
	zerr_internal(&r->err, db_errmsg(r->db));
out:
	free(del);
	free(lst);
	free(ct);
	free(ci);
	json_decref(lists);
	return ret;
}

/* ---- the indicators' cache ----
 *
 * A province's match rate reads 1.4 million township claims (~0.4 s), its penalty counts
 * and staff counts ~0.1 s each; they change only when regions, agencies, officers,
 * catalog versions, claims or township lists do. Triggers bump a change stamp per scope
 * inside the writing transaction (migration 014, indicator_stamps): 'regions',
 * 'catalog', 'catalog:township' (a township-level version), 'a:<agency id>' (the agency
 * and its officers), 'r:<region code>' (the region's claims and list entries) and 'all'
 * (PostgreSQL's TRUNCATE). The server keeps three kinds of results, each under the
 * stamps it was computed from:
 *   - the penalty counts of (city scope, date) under catalog and all;
 *   - the staff counts of (region, date) under the SUM of the agencies' stamps (a stamp
 *     only grows, so the sum moves whenever one does), regions and all; on a miss, each
 *     agency's officers counted on the date under the agency's own stamp, summed by the
 *     level of the agency's region as read now: an officer written recounts one agency;
 *   - the match of each township on a date under the township's own stamp, the date's
 *     set under catalog:township and all: a claim or list entry written in one township
 *     recomputes that township alone (one range of the claims index). A township's match
 *     reads its claims, its list and the township items, not the regions table: which
 *     townships a region sums is read on every answer, so a region added or moved
 *     recomputes only townships never computed.
 * A result is kept only when the stamps read after computing it equal those read before
 * (no change committed in between: it is the result of those stamps), and served only
 * when they equal the stamps read now. The cache lives in the serving process, which
 * serves one database. */

enum { S_REGIONS, S_CATALOG, S_CATALOG_TOWN, S_ALL, S_TOWN_NAMES, S_STAFF, S__COUNT };

/* The global stamps: the four fixed scopes and the sum of the agencies'. */
static int read_stamps(struct req *r, int64_t s[S__COUNT])
{
	static const char *const names[] = { "regions", "catalog", "catalog:township", "all", "catalog:township-names" };
	db_stmt_t *st = db_prepare(r->db, "SELECT scope, n FROM indicator_stamps WHERE scope IN"
					  " ('regions', 'catalog', 'catalog:township', 'all', 'catalog:township-names')");
	int rc, i;

	memset(s, 0, S__COUNT * sizeof(*s));
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	while ((rc = db_step(st)) == DB_ROW)
		for (i = 0; i < S_STAFF; i++)
			if (strcmp(db_col_text(st, 0), names[i]) == 0)
				s[i] = db_col_int(st, 1);
	if (rc != DB_OK)
		return db_zerr(r->db, rc, &r->err);
	if (!(st = db_prepare(r->db, "SELECT COALESCE(SUM(n), 0) FROM indicator_stamps WHERE scope LIKE 'a:%'")))
		return zerr_internal(&r->err, db_errmsg(r->db));
	rc = db_step(st);
	if (rc != DB_ROW)
		return db_zerr(r->db, rc == DB_OK ? DB_ERROR : rc, &r->err);
	s[S_STAFF] = db_col_int(st, 0);
	db_run(st);
	return 0;
}

/* The stamps of the townships tcodes[0..nt) (sorted, in the subtree like) into ts: 0 for
 * a township never written. */
static int town_stamps(struct req *r, const char *like, const char *const *tcodes, size_t nt, int64_t *ts)
{
	/* LIKE, not a range: a collation other than C may order ':' apart from the bytes */
	db_stmt_t *st = db_prepare(r->db, "SELECT substr(scope, 3), n FROM indicator_stamps WHERE scope LIKE ?");
	char pat[32];
	int rc;

	memset(ts, 0, (nt ? nt : 1) * sizeof(*ts));
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	snprintf(pat, sizeof(pat), "r:%s", like);
	db_bind_text(st, 1, pat);
	while ((rc = db_step(st)) == DB_ROW) {
		const char *code = db_col_text(st, 0);
		const char *const *tp = nt ? bsearch(&code, tcodes, nt, sizeof(*tcodes), str_cmp) : NULL;

		if (tp)
			ts[tp - tcodes] = db_col_int(st, 1);
	}
	return rc == DB_OK ? 0 : db_zerr(r->db, rc, &r->err);
}

#define IND_CACHE_SLOTS 64
#define TOWN_SLOTS 8
/* up to this many townships to compute are read one range each, more in one walk */
#define TOWN_BY_ONE 64

/* Penalty ("p:<city or ->") and staff ("s:<region>") counts of a date. */
static struct ind_slot {
	char key[24];
	char date[ZDATE_STRLEN];
	int64_t stamp[3];
	unsigned long used; /* 0: empty; else the clock of the last use (least recently used goes) */
	long long v[8];
} ind_cache[IND_CACHE_SLOTS];

/* The townships' match results of a date, under the stamps of catalog:township and all. */
static struct town_slot {
	char date[ZDATE_STRLEN];
	int64_t stamp[3];
	unsigned long used;
	struct stamped_set res;
} town_cache[TOWN_SLOTS], agency_cache[TOWN_SLOTS];

static unsigned long ind_clock;
static pthread_mutex_t ind_mu = PTHREAD_MUTEX_INITIALIZER;

static int ind_cache_get(const char *key, const char *date, const int64_t stamp[3], long long v[8])
{
	int i, hit = 0;

	pthread_mutex_lock(&ind_mu);
	for (i = 0; i < IND_CACHE_SLOTS && !hit; i++) {
		struct ind_slot *e = &ind_cache[i];

		if (e->used && memcmp(e->stamp, stamp, sizeof(e->stamp)) == 0 && strcmp(e->key, key) == 0 &&
		    strcmp(e->date, date) == 0) {
			memcpy(v, e->v, sizeof(e->v));
			e->used = ++ind_clock;
			hit = 1;
		}
	}
	pthread_mutex_unlock(&ind_mu);
	return hit;
}

static void ind_cache_put(const char *key, const char *date, const int64_t stamp[3], const long long v[8])
{
	struct ind_slot *e = &ind_cache[0];
	int i;

	if (strlen(key) >= sizeof(e->key))
		return;
	pthread_mutex_lock(&ind_mu);
	for (i = 0; i < IND_CACHE_SLOTS; i++) {
		struct ind_slot *x = &ind_cache[i];

		if (x->used && strcmp(x->key, key) == 0 && strcmp(x->date, date) == 0) {
			e = x; /* this key's slot, whatever its stamps */
			break;
		}
		if (x->used < e->used)
			e = x;
	}
	snprintf(e->key, sizeof(e->key), "%s", key);
	snprintf(e->date, sizeof(e->date), "%s", date);
	memcpy(e->stamp, stamp, sizeof(e->stamp));
	memcpy(e->v, v, sizeof(e->v));
	e->used = ++ind_clock;
	pthread_mutex_unlock(&ind_mu);
}

/* The townships' slot of date under stamp, or NULL; with make, the slot made for them
 * (the date's older one, or the least recently used, emptied). Under ind_mu. */
static struct town_slot *slot_of(struct town_slot *cache, const char *date, const int64_t stamp[3], int make)
{
	struct town_slot *e = &cache[0];
	int i;

	for (i = 0; i < TOWN_SLOTS; i++) {
		struct town_slot *x = &cache[i];

		if (x->used && strcmp(x->date, date) == 0) {
			if (memcmp(x->stamp, stamp, sizeof(x->stamp)) == 0) {
				x->used = ++ind_clock;
				return x;
			}
			e = x;
			break;
		}
		if (x->used < e->used)
			e = x;
	}
	if (!make)
		return NULL;
	stamped_release(&e->res);
	snprintf(e->date, sizeof(e->date), "%s", date);
	memcpy(e->stamp, stamp, sizeof(e->stamp));
	e->used = ++ind_clock;
	return e;
}

static struct town_slot *town_slot(const char *date, const int64_t stamp[3], int make)
{
	return slot_of(town_cache, date, stamp, make);
}

/* key's result under its stamp ks and the set's stamp, computed on any date whose span
 * holds date, and (when it read one) under the second stamp dep. Under ind_mu. */
static const struct stamped *span_get(struct town_slot *cache, const char *date, const int64_t stamp[3],
				      const char *key, int64_t ks, int64_t dep)
{
	const struct stamped *e;
	int i;

	for (i = 0; i < TOWN_SLOTS; i++) {
		struct town_slot *x = &cache[i];

		if (x->used && memcmp(x->stamp, stamp, sizeof(x->stamp)) == 0 &&
		    (e = stamped_get_on(&x->res, key, ks, date)) != NULL && (!e->dep || e->dep == dep))
			return e;
	}
	return NULL;
}

/* The agencies' officer counts of a date (under the stamp of all). */
static struct town_slot *agency_slot(const char *date, const int64_t stamp[3], int make)
{
	return slot_of(agency_cache, date, stamp, make);
}

/* How an answer was found: computations the cache could not answer, the townships
 * matched and the agencies' officers counted of those summed. */
struct ind_stat {
	int misses;
	long towns_computed, towns_total, agencies_computed, agencies_total;
};

/* The township match rate summed over the townships of the subtree (like, [lo, hi)) on
 * date: each township from the cache when its result was computed under its own stamp
 * and the stamps g, the others computed (one range each when few, else one walk of the
 * subtree) and kept when no stamp they depend on moved meanwhile. */
static int match_subtree(struct req *r, const char *like, const char *lo, const char *hi, const char *date,
			 const int64_t g[S__COUNT], long long *m_r, long long *n_r, struct ind_stat *stat)
{
	json_t *towns = NULL, *items = NULL;
	const char **tcodes = NULL, **miss = NULL;
	size_t *at = NULL, nt, nm = 0, ni = 0, t, k;
	int64_t *ts = NULL, *ts2 = NULL, g2[S__COUNT];
	const int64_t key[3] = { g[S_CATALOG_TOWN], g[S_ALL], 0 };
	long long *m = NULL, *n = NULL;
	struct match_entry *all = NULL;
	struct town_slot *slot;
	char (*from)[ZDATE_STRLEN] = NULL, (*to)[ZDATE_STRLEN] = NULL, gfrom[ZDATE_STRLEN], gto[ZDATE_STRLEN];
	unsigned char *byname = NULL;
	db_stmt_t *st;
	int ret = -1;

	*m_r = *n_r = 0;
	if (!(st = db_prepare(r->db, "SELECT code FROM regions WHERE code LIKE ? AND level = 'township' ORDER BY code")))
		goto internal;
	db_bind_text(st, 1, like);
	if (rows_of(r, st, 1, &towns) < 0)
		goto out;
	nt = json_array_size(towns);
	tcodes = calloc(nt + 1, sizeof(*tcodes));
	miss = calloc(nt + 1, sizeof(*miss));
	at = calloc(nt + 1, sizeof(*at));
	ts = calloc(nt + 1, sizeof(*ts));
	ts2 = calloc(nt + 1, sizeof(*ts2));
	m = calloc(nt + 1, sizeof(*m));
	n = calloc(nt + 1, sizeof(*n));
	if (!tcodes || !miss || !at || !ts || !ts2 || !m || !n)
		goto oom;
	for (t = 0; t < nt; t++)
		tcodes[t] = cell(towns, t, 0);
	if (nt)
		qsort(tcodes, nt, sizeof(*tcodes), str_cmp);
	if (town_stamps(r, like, tcodes, nt, ts) < 0)
		goto out;
	pthread_mutex_lock(&ind_mu);
	for (t = 0; t < nt; t++) {
		const struct stamped *e = span_get(town_cache, date, key, tcodes[t], ts[t], g[S_TOWN_NAMES] + 1);

		if (e) {
			*m_r += e->v[0];
			*n_r += e->v[1];
		} else {
			at[nm] = t;
			miss[nm++] = tcodes[t];
		}
	}
	pthread_mutex_unlock(&ind_mu);
	stat->towns_total += (long)nt;
	if (nm == 0) {
		ret = 0;
		goto out;
	}
	stat->towns_computed += (long)nm;
	if (!(from = calloc(nm, sizeof(*from))) || !(to = calloc(nm, sizeof(*to))) || !(byname = calloc(nm, 1)))
		goto oom;
	if (town_items_span(r, date, gfrom, gto) < 0)
		goto out;
	for (k = 0; k < nm; k++) {
		memcpy(from[k], gfrom, sizeof(gfrom));
		memcpy(to[k], gto, sizeof(gto));
	}
	if (town_items(r, date, &items, &all, &ni) < 0)
		goto out;
	if (nm <= TOWN_BY_ONE) {
		for (k = 0; k < nm; k++) {
			char thi[24];
			size_t len = strlen(miss[k]);

			snprintf(thi, sizeof(thi), "%s", miss[k]);
			if (len)
				thi[len - 1] = (char)(thi[len - 1] + 1);
			if (match_range(r, all, ni, &miss[k], 1, miss[k], thi, date, &m[k], &n[k], &from[k], &to[k], &byname[k]) < 0)
				goto out;
		}
	} else if (match_range(r, all, ni, miss, nm, lo, hi, date, m, n, from, to, byname) < 0) {
		goto out;
	}
	for (k = 0; k < nm; k++) {
		*m_r += m[k];
		*n_r += n[k];
	}
	if (read_stamps(r, g2) < 0 || town_stamps(r, like, tcodes, nt, ts2) < 0)
		goto out;
	if (g2[S_CATALOG_TOWN] == key[0] && g2[S_ALL] == key[1]) {
		pthread_mutex_lock(&ind_mu);
		slot = town_slot(date, key, 1);
		for (k = 0; k < nm; k++)
			if (ts2[at[k]] == ts[at[k]] && (!byname[k] || g2[S_TOWN_NAMES] == g[S_TOWN_NAMES]))
				/* kept when memory allows */
				(void)stamped_put_span(&slot->res, miss[k], ts[at[k]], m[k], n[k], from[k], to[k],
						       byname[k] ? g[S_TOWN_NAMES] + 1 : 0);
		pthread_mutex_unlock(&ind_mu);
	}
	ret = 0;
	goto out;
oom:
	zerr_oom(&r->err);
	goto out;
internal:
	zerr_internal(&r->err, db_errmsg(r->db));
out:
	free(from);
	free(to);
	free(byname);
	free(all);
	free(tcodes);
	free(miss);
	free(at);
	free(ts);
	free(ts2);
	free(m);
	free(n);
	json_decref(items);
	json_decref(towns);
	return ret;
}

/* The penalty items in force on date for the catalogue code sees: the province's, and a
 * city's extension catalogue inside that city only. */
static int penalty_counts(struct req *r, const char *code, const char *date, struct penalty_counts *pc)
{
	db_stmt_t *st;
	int rc, l;

	memset(pc, 0, sizeof(*pc));
	st = db_prepare(r->db, "SELECT v.level, v.mode, COUNT(*) FROM catalog_versions v WHERE v.kind = 'penalty' AND "
			       IN_FORCE_V " AND (v.scope IS NULL OR substr(?, 1, 4) = substr(v.scope, 1, 4))"
			       " GROUP BY v.level, v.mode");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_text(st, 1, date);
	db_bind_text(st, 2, date);
	db_bind_text(st, 3, code);
	while ((rc = db_step(st)) == DB_ROW) {
		l = cov_level(db_col_text(st, 0));
		if (l >= 0)
			pc->pen[l][strcmp(db_col_text(st, 1), "comprehensive") == 0 ? 0 : 1] += db_col_int(st, 2);
	}
	return rc == DB_OK ? 0 : db_zerr(r->db, rc, &r->err);
}


/* An agency's active officers counted on a date (binds 1-6: the date), and the dates
 * around it where the count may change: a certificate issued (counted from that day) and
 * one expiring (counted on that day, not the next). */
#define OFFICER_SPAN                                                                                     \
	"COUNT(CASE WHEN o.cert_issued <= ? AND (o.cert_expires IS NULL OR o.cert_expires >= ?) THEN 1 END)," \
	" MAX(CASE WHEN o.cert_issued <= ? THEN o.cert_issued END),"                                     \
	" MIN(CASE WHEN o.cert_issued > ? THEN o.cert_issued END),"                                      \
	" MAX(CASE WHEN o.cert_expires < ? THEN o.cert_expires END),"                                    \
	" MIN(CASE WHEN o.cert_expires >= ? THEN o.cert_expires END)"

/* The count and span of an OFFICER_SPAN row from column c into e. */
static void officer_span(db_stmt_t *st, int c, const char *date, struct stamped *e)
{
	int j;

	e->v[0] = db_col_int(st, c);
	e->from[0] = e->to[0] = '\0';
	for (j = 1; j <= 4; j++) {
		struct zdate d;
		char b[ZDATE_STRLEN];

		if (db_col_isnull(st, c + j))
			continue;
		snprintf(b, sizeof(b), "%.10s", db_col_text(st, c + j));
		/* an expiry date e changes the count on e + 1 */
		if (j >= 3) {
			if (zdate_parse(b, &d) < 0 || zdate_add_days(d, 1, &d) < 0) {
				/* not a date: an empty span, never served from the cache */
				snprintf(e->from, sizeof(e->from), "%s", date);
				snprintf(e->to, sizeof(e->to), "%s", date);
				return;
			}
			zdate_format(d, b);
		}
		span_narrow(e->from, e->to, date, b);
	}
}

static int key_cmp(const void *a, const void *b)
{
	return strcmp(((const struct stamped *)a)->key, ((const struct stamped *)b)->key);
}

/* Officers in the subtree (like), active, with a certificate valid on the date, by the
 * level of their agency's region: summed over the agencies of the subtree, each agency's
 * count from the cache when it was counted under the agency's stamp (its row and its
 * officers), the others counted (one by one when few, else in one pass) and kept when
 * their stamps did not move meanwhile. The agencies' regions are read on every call. */
static int staff_subtree(struct req *r, const char *like, const char *date, const int64_t g[S__COUNT],
			 long long staff[5], struct ind_stat *stat)
{
	json_t *ags = NULL;
	struct stamped_set st0 = { 0 }, st1 = { 0 };
	struct stamped *cnt = NULL;
	const int64_t key[3] = { g[S_ALL], 0, 0 };
	size_t na, nm = 0, i, k;
	size_t *miss = NULL;
	struct town_slot *slot;
	db_stmt_t *st;
	int ret = -1, rc, pass;

	memset(staff, 0, 5 * sizeof(*staff));
	if (!(st = db_prepare(r->db, "SELECT CAST(a.id AS TEXT), g.level FROM agencies a JOIN regions g ON g.code = a.region_code"
				     " WHERE a.region_code LIKE ?")))
		goto internal;
	db_bind_text(st, 1, like);
	if (rows_of(r, st, 2, &ags) < 0)
		goto out;
	na = json_array_size(ags);
	miss = calloc(na + 1, sizeof(*miss));
	cnt = calloc(na + 1, sizeof(*cnt));
	if (!miss || !cnt)
		goto oom;
	/* the agencies' stamps before (st0) and, when something was counted, after (st1) */
	for (pass = 0; pass < 2; pass++) {
		struct stamped_set *ss = pass ? &st1 : &st0;

		if (!(st = db_prepare(r->db, "SELECT substr(scope, 3), n FROM indicator_stamps WHERE scope LIKE 'a:%'")))
			goto internal;
		while ((rc = db_step(st)) == DB_ROW) {
			if (ss->n == ss->cap) {
				size_t cap = ss->cap ? ss->cap * 2 : 1024;
				struct stamped *v = realloc(ss->v, cap * sizeof(*v));

				if (!v) {
					db_run(st);
					goto oom;
				}
				ss->v = v;
				ss->cap = cap;
			}
			snprintf(ss->v[ss->n].key, sizeof(ss->v[0].key), "%s", db_col_text(st, 0));
			ss->v[ss->n++].stamp = db_col_int(st, 1);
		}
		if (rc != DB_OK) {
			db_zerr(r->db, rc, &r->err);
			goto out;
		}
		if (ss->n)
			qsort(ss->v, ss->n, sizeof(*ss->v), key_cmp);
		if (pass == 0) {
			/* each agency's stamp (0: never written), then the cached counts */
			for (i = 0; i < na; i++) {
				struct stamped k0 = { { 0 }, 0, { 0, 0 } }, *hit;

				snprintf(k0.key, sizeof(k0.key), "%s", cell(ags, i, 0));
				hit = st0.n ? bsearch(&k0, st0.v, st0.n, sizeof(*st0.v), key_cmp) : NULL;
				cnt[i] = k0;
				cnt[i].stamp = hit ? hit->stamp : 0;
			}
			pthread_mutex_lock(&ind_mu);
			for (i = 0; i < na; i++) {
				const struct stamped *e = span_get(agency_cache, date, key, cnt[i].key, cnt[i].stamp, 0);

				if (e)
					cnt[i].v[0] = e->v[0];
				else
					miss[nm++] = i;
			}
			pthread_mutex_unlock(&ind_mu);
			if (nm == 0)
				break;
			/* count the others */
			if (nm <= TOWN_BY_ONE) {
				for (k = 0; k < nm; k++) {
					if (!(st = db_prepare(r->db, "SELECT " OFFICER_SPAN " FROM officers o WHERE o.agency_id = ?"
								     " AND o.status = 'active'")))
						goto internal;
					for (i = 1; i <= 6; i++)
						db_bind_text(st, (int)i, date);
					db_bind_int(st, 7, strtoll(cnt[miss[k]].key, NULL, 10));
					if ((rc = db_step(st)) != DB_ROW) {
						db_zerr(r->db, rc == DB_OK ? DB_ERROR : rc, &r->err);
						goto out;
					}
					officer_span(st, 0, date, &cnt[miss[k]]);
					db_run(st);
				}
			} else {
				struct stamped *byid = malloc((na + 1) * sizeof(*byid));

				if (!byid)
					goto oom;
				memcpy(byid, cnt, na * sizeof(*byid));
				for (i = 0; i < na; i++)
					byid[i].v[1] = (long long)i;
				qsort(byid, na, sizeof(*byid), key_cmp);
				if (!(st = db_prepare(r->db, "SELECT CAST(o.agency_id AS TEXT), " OFFICER_SPAN " FROM officers o"
							     " JOIN agencies a ON a.id = o.agency_id WHERE a.region_code LIKE ?"
							     " AND o.status = 'active' GROUP BY o.agency_id"))) {
					free(byid);
					goto internal;
				}
				for (i = 1; i <= 6; i++)
					db_bind_text(st, (int)i, date);
				db_bind_text(st, 7, like);
				/* an agency without active officers: 0 on every date */
				for (k = 0; k < nm; k++) {
					cnt[miss[k]].v[0] = 0;
					cnt[miss[k]].from[0] = cnt[miss[k]].to[0] = '\0';
				}
				while ((rc = db_step(st)) == DB_ROW) {
					struct stamped k0 = { { 0 }, 0, { 0, 0 } }, *hit;

					snprintf(k0.key, sizeof(k0.key), "%s", db_col_text(st, 0));
					hit = na ? bsearch(&k0, byid, na, sizeof(*byid), key_cmp) : NULL;
					if (hit)
						officer_span(st, 1, date, &cnt[hit->v[1]]);
				}
				free(byid);
				if (rc != DB_OK) {
					db_zerr(r->db, rc, &r->err);
					goto out;
				}
			}
		}
	}
	stat->agencies_computed += (long)nm;
	stat->agencies_total += (long)na;
	for (i = 0; i < na; i++) {
		const char *lv = cell(ags, i, 1);
		int l = strcmp(lv, "village") == 0 ? 4 : cov_level(lv);

		if (l >= 0)
			staff[l] += cnt[i].v[0];
	}
	if (nm) {
		int64_t g2[S__COUNT];

		if (read_stamps(r, g2) < 0)
			goto out;
		if (g2[S_ALL] == key[0]) {
			pthread_mutex_lock(&ind_mu);
			slot = agency_slot(date, key, 1);
			for (k = 0; k < nm; k++) {
				const struct stamped *after = st1.n ? bsearch(&cnt[miss[k]], st1.v, st1.n, sizeof(*st1.v), key_cmp) : NULL;

				if ((after ? after->stamp : 0) == cnt[miss[k]].stamp)
					(void)stamped_put_span(&slot->res, cnt[miss[k]].key, cnt[miss[k]].stamp, cnt[miss[k]].v[0],
							       0, cnt[miss[k]].from, cnt[miss[k]].to, 0);
			}
			pthread_mutex_unlock(&ind_mu);
		}
	}
	ret = 0;
	goto out;
oom:
	zerr_oom(&r->err);
	goto out;
internal:
	zerr_internal(&r->err, db_errmsg(r->db));
out:
	stamped_release(&st0);
	stamped_release(&st1);
	free(miss);
	free(cnt);
	json_decref(ags);
	return ret;
}

/* Computes the five indicators for the subtree of code on date, each part from the cache
 * when its stamps allow; stat counts what was computed. */
static int indicators_compute(struct req *r, const char *code, const char *date, int den,
			      struct indicator_value out[IND__COUNT], struct ind_stat *stat)
{
	struct penalty_counts pc;
	long long staff[8], pv[8], m = 0, n = 0;
	int64_t g[S__COUNT], g2[S__COUNT];
	char like[24], lo[24], hi[24], pkey[24], skey[24], city[8] = "-";
	int64_t pstamp[3], sstamp[3];
	int pmiss = 0, smiss = 0, i, l;

	if (read_stamps(r, g) < 0)
		return -1;
	pstamp[0] = g[S_CATALOG];
	pstamp[1] = g[S_ALL];
	pstamp[2] = 0;
	sstamp[0] = g[S_STAFF];
	sstamp[1] = g[S_REGIONS];
	sstamp[2] = g[S_ALL];

	subtree_like(code, like);
	subtree_range(code, lo, hi);
	/* a city and its subtree see the city's extension catalogue */
	if (strlen(code) >= 4 && strncmp(code + 2, "00", 2) != 0)
		snprintf(city, sizeof(city), "%.4s", code);
	snprintf(pkey, sizeof(pkey), "p:%s", city);
	snprintf(skey, sizeof(skey), "s:%s", code);
	if (!ind_cache_get(pkey, date, pstamp, pv)) {
		if (penalty_counts(r, city, date, &pc) < 0)
			return -1;
		for (l = 0; l < 4; l++)
			for (i = 0; i < 2; i++)
				pv[l * 2 + i] = pc.pen[l][i];
		pmiss = 1;
	}
	for (l = 0; l < 4; l++)
		for (i = 0; i < 2; i++)
			pc.pen[l][i] = pv[l * 2 + i];
	memset(staff, 0, sizeof(staff));
	if (!ind_cache_get(skey, date, sstamp, staff)) {
		if (staff_subtree(r, like, date, g, staff, stat) < 0)
			return -1;
		smiss = 1;
	}
	if (match_subtree(r, like, lo, hi, date, g, &m, &n, stat) < 0)
		return -1;
	if (pmiss || smiss) {
		if (read_stamps(r, g2) < 0)
			return -1;
		if (pmiss && g2[S_CATALOG] == g[S_CATALOG] && g2[S_ALL] == g[S_ALL])
			ind_cache_put(pkey, date, pstamp, pv);
		if (smiss && g2[S_STAFF] == g[S_STAFF] && g2[S_REGIONS] == g[S_REGIONS] && g2[S_ALL] == g[S_ALL])
			ind_cache_put(skey, date, sstamp, staff);
	}
	stat->misses += pmiss + smiss;
	indicator_city_county_penalty(&pc, &out[IND_CITY_COUNTY_PENALTY]);
	indicator_township_penalty(&pc, den, &out[IND_TOWNSHIP_PENALTY]);
	indicator_township_match(m, n, &out[IND_TOWNSHIP_MATCH]);
	indicator_staff_county_below(staff, &out[IND_STAFF_COUNTY_BELOW]);
	indicator_staff_township(staff, &out[IND_STAFF_TOWNSHIP]);
	return 0;
}

/* X-Indicators-Cache: hit when every part of the answer came from the cache;
 * X-Indicators-Townships: the townships whose match was computed / all summed;
 * X-Indicators-Agencies: the agencies whose officers were counted / all summed (only when
 * the region's staff counts were not cached whole). */
static void cache_header(struct req *r, const struct ind_stat *stat)
{
	http_add_header(r, "X-Indicators-Cache", "%s", stat->misses || stat->towns_computed ? "miss" : "hit");
	http_add_header(r, "X-Indicators-Townships", "%ld/%ld", stat->towns_computed, stat->towns_total);
	http_add_header(r, "X-Indicators-Agencies", "%ld/%ld", stat->agencies_computed, stat->agencies_total);
}

static json_t *indicator_json(const struct indicator_value *v)
{
	return json_pack("{s:f, s:f, s:b, s:I, s:I, s:s}", "value", v->value, "target", v->target, "met", v->met,
			 "numerator", (json_int_t)v->num, "denominator", (json_int_t)v->den, "formula", v->formula);
}

/* The common parameters: region_code (registered), date (default today) and the
 * township_denominator (⚠️ default county). */
static int indicator_params(struct req *r, const char **code_r, char date[ZDATE_STRLEN], int *den_r)
{
	const char *d = http_query(r, "township_denominator");

	api_region_param(r, "region_code", 1, code_r, NULL);
	api_date_param(r, "date", 0, date);
	*den_r = d ? township_den_parse(d) : TDEN_COUNTY;
	if (*den_r < 0)
		zerr_field(&r->err, "township_denominator", "只能是 county 或 all (county or all)");
	return zerr_isset(&r->err) ? -1 : 0;
}

int api_indicators(struct req *r)
{
	struct indicator_value v[IND__COUNT] = { { 0 } };
	char date[ZDATE_STRLEN];
	const char *code;
	json_t *out;
	int den, i;
	struct ind_stat stat = { 0 };

	if (indicator_params(r, &code, date, &den) < 0 || indicators_compute(r, code, date, den, v, &stat) < 0)
		return -1;
	cache_header(r, &stat);
	out = json_object();
	for (i = 0; i < IND__COUNT; i++)
		json_object_set_new(out, indicator_defs[i].key, indicator_json(&v[i]));
	return http_reply(r, 200, out);
}

/* The child regions of code: [{code, name, level}] by code. */
static int children(struct req *r, const char *code, json_t **kids_r)
{
	db_stmt_t *st = db_prepare(r->db, "SELECT code, name, level FROM regions WHERE parent_code = ? ORDER BY code");
	int rc;

	*kids_r = json_array();
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_text(st, 1, code);
	while ((rc = db_step(st)) == DB_ROW)
		json_array_append_new(*kids_r, json_pack("{s:s, s:s, s:s}", "region_code", db_col_text(st, 0), "name",
							 db_col_text(st, 1), "level", db_col_text(st, 2)));
	return rc == DB_OK ? 0 : db_zerr(r->db, rc, &r->err);
}

int api_indicators_breakdown(struct req *r)
{
	struct indicator_value v[IND__COUNT] = { { 0 } };
	char date[ZDATE_STRLEN];
	const char *code, *ind = http_query(r, "indicator");
	json_t *kids = NULL, *k;
	int den, which = indicator_parse(ind);
	struct ind_stat stat = { 0 };
	size_t i;

	if (which < 0)
		zerr_field(&r->err, "indicator", "指标应为 %s 等五项之一 (unknown indicator)", indicator_defs[0].key);
	if (indicator_params(r, &code, date, &den) < 0 || children(r, code, &kids) < 0)
		goto fail;
	json_array_foreach(kids, i, k) {
		json_t *e;

		if (indicators_compute(r, json_string_value(json_object_get(k, "region_code")), date, den, v,
				       &stat) < 0)
			goto fail;
		e = indicator_json(&v[which]);
		json_object_update(k, e);
		json_decref(e);
	}
	cache_header(r, &stat);
	return http_reply(r, 200, json_pack("{s:s, s:s, s:s, s:o}", "indicator", indicator_defs[which].key,
					    "region_code", code, "date", date, "items", kids));
fail:
	json_decref(kids);
	return -1;
}

int api_indicators_xlsx(struct req *r)
{
	static const char *const titles[] = { "指标 indicators" };
	struct indicator_value v[IND__COUNT] = { { 0 } };
	char date[ZDATE_STRLEN];
	const char *code;
	json_t *rows = NULL, *kids = NULL, *k;
	size_t j;
	int den, i, ret = -1;
	struct ind_stat stat = { 0 };

	if (indicator_params(r, &code, date, &den) < 0 || children(r, code, &kids) < 0)
		goto out;
	rows = json_pack("[[s, s, s, s, s, s, s, s]]", "区划 region_code", "名称 name", "指标 indicator",
			 "说明", "分子 numerator", "分母 denominator", "值 value", "达标 met");
	if (indicators_compute(r, code, date, den, v, &stat) < 0)
		goto out;
	for (i = 0; i < IND__COUNT; i++)
		json_array_append_new(rows, json_pack("[s, s, s, s, I, I, f, s]", code, "", indicator_defs[i].key,
						      indicator_defs[i].zh, (json_int_t)v[i].num, (json_int_t)v[i].den,
						      v[i].value, v[i].met ? "是" : "否"));
	json_array_foreach(kids, j, k) {
		const char *kc = json_string_value(json_object_get(k, "region_code"));

		if (indicators_compute(r, kc, date, den, v, &stat) < 0)
			goto out;
		for (i = 0; i < IND__COUNT; i++)
			json_array_append_new(rows, json_pack("[s, O, s, s, I, I, f, s]", kc, json_object_get(k, "name"),
							      indicator_defs[i].key, indicator_defs[i].zh,
							      (json_int_t)v[i].num, (json_int_t)v[i].den, v[i].value,
							      v[i].met ? "是" : "否"));
	}
	cache_header(r, &stat);
	ret = xlsx_reply(r, titles, &rows, 1);
out:
	json_decref(rows);
	json_decref(kids);
	return ret;
}

/* ---- the indicators' keeper ----
 *
 * A thread of the serving process that keeps the cache warm, so that no request computes
 * the whole province: when the server starts (in the background: requests that arrive
 * meanwhile compute as before) and then every few seconds it asks for the indicators of
 * each top region (no parent) on today's and tomorrow's date (the default date at the
 * next midnight). On a warm cache a round reads the stamps and sums (milliseconds); after
 * a change it recomputes what the change touched, as a request would, and after a
 * township-level catalog version change every township once. Every server of a
 * scale-out runs its own. */

#define KEEPER_PERIOD_S 5 /* ZHIFA_INDICATORS_KEEPER=N: every N seconds, 0: no keeper */

static struct {
	pthread_t th;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int running, stop;
	char *db_url;
	const struct config *cfg;
	long period;
	unsigned long rounds;
} keeper = { .mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER };

/* One round on db: the top regions on today and tomorrow. 0, or -1 (logged). */
static int keeper_round(db_t *db)
{
	struct req r;
	struct zdate d, d1;
	char dates[2][ZDATE_STRLEN];
	json_t *tops = NULL;
	struct ind_stat stat = { 0, 0, 0, 0, 0 };
	struct timespec t0, t1;
	db_stmt_t *st;
	size_t i;
	int k, ret = -1;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&r, 0, sizeof(r));
	r.db = db;
	r.cfg = keeper.cfg;
	r.err = (struct zerr)ZERR_INIT;
	if (zdate_today(&d) < 0 || zdate_add_days(d, 1, &d1) < 0)
		return -1;
	zdate_format(d, dates[0]);
	zdate_format(d1, dates[1]);
	if (!(st = db_prepare(db, "SELECT code FROM regions WHERE parent_code IS NULL ORDER BY code"))) {
		zerr_internal(&r.err, db_errmsg(db));
		goto out;
	}
	if (rows_of(&r, st, 1, &tops) < 0)
		goto out;
	for (k = 0; k < 2; k++)
		for (i = 0; i < json_array_size(tops); i++) {
			struct indicator_value v[IND__COUNT];

			if (indicators_compute(&r, cell(tops, i, 0), dates[k], 0, v, &stat) < 0)
				goto out;
		}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (stat.towns_computed || stat.agencies_computed || keeper.rounds == 0)
		log_info("indicators keeper: %s and %s warm (%ld townships matched, %ld agencies counted, %.0f ms)",
			 dates[0], dates[1], stat.towns_computed, stat.agencies_computed,
			 (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	ret = 0;
out:
	if (ret < 0)
		log_warn("indicators keeper: %s", r.err.detail[0] ? r.err.detail : "failed");
	zerr_clear(&r.err);
	json_decref(tops);
	return ret;
}

static void *keeper_main(void *arg)
{
	db_t *db = NULL;
	char *err = NULL;

	(void)arg;
	pthread_mutex_lock(&keeper.mu);
	while (!keeper.stop) {
		struct timespec ts;

		pthread_mutex_unlock(&keeper.mu);
		if (!db && !(db = db_open(keeper.db_url, &err))) {
			log_warn("indicators keeper: %s", err ? err : "cannot open the database");
			free(err);
			err = NULL;
		}
		if (db)
			(void)keeper_round(db);
		pthread_mutex_lock(&keeper.mu);
		keeper.rounds++;
		pthread_cond_broadcast(&keeper.cv);
		clock_gettime(CLOCK_REALTIME, &ts);
		ts.tv_sec += keeper.period;
		while (!keeper.stop && pthread_cond_timedwait(&keeper.cv, &keeper.mu, &ts) == 0)
			;
	}
	pthread_mutex_unlock(&keeper.mu);
	db_close(&db);
	return NULL;
}

int api_indicators_keeper_start(const struct config *cfg)
{
	const char *env = getenv("ZHIFA_INDICATORS_KEEPER");
	sigset_t all, old;
	int rc;

	keeper.period = env && env[0] ? strtol(env, NULL, 10) : KEEPER_PERIOD_S;
	if (keeper.period <= 0)
		return 0;
	if (!(keeper.db_url = strdup(cfg->db_url)))
		return -1;
	keeper.cfg = cfg;
	keeper.stop = 0;
	/* the thread blocks every signal (the server's main thread waits for SIGINT/SIGTERM) */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	rc = pthread_create(&keeper.th, NULL, keeper_main, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		free(keeper.db_url);
		keeper.db_url = NULL;
		return -1;
	}
	keeper.running = 1;
	return 0;
}

void api_indicators_keeper_stop(void)
{
	if (!keeper.running)
		return;
	pthread_mutex_lock(&keeper.mu);
	keeper.stop = 1;
	pthread_cond_broadcast(&keeper.cv);
	pthread_mutex_unlock(&keeper.mu);
	pthread_join(keeper.th, NULL);
	keeper.running = 0;
	free(keeper.db_url);
	keeper.db_url = NULL;
}
