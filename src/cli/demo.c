/* demo.c: `zhifa demo` builds, or refreshes, the demo county (demo.h) in a database.
 *
 * Every record goes through the same generic code as the API: record_decode with the
 * field tables of api/records.c, record_insert / record_update, and ledger_append in
 * the same transaction, so the full-process ledger covers the demo data. A record that
 * exists already (a region by code, an agency by USCC, an officer by ID number or
 * certificate number) is left alone when it matches and updated, with a ledger entry,
 * when it differs; so a second run adds nothing. One transaction per batch (all
 * regions, all agencies, the officers of one agency) keeps it fast. */
#include "cli/demo.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "api/cases.h"
#include "api/records.h"
#include "core/embed.h"
#include "cli/cli.h"
#include "core/embed.h"
#include "core/valid.h"
#include "domain/discretion_store.h"
#include "domain/auth.h"
#include "ledger/ledger.h"

#define MAX_AGENCIES 64

struct tally {
	int created, updated, same;
};

/* What one run has to keep between batches. */
struct demo_run {
	db_t *db;
	struct principal who;
	struct zerr e;
	struct tally regions, agencies, officers, users, catalog, changes, claims, lists, disputes, discretion,
		parties, cases;
	struct demo_agency agencies_plan[MAX_AGENCIES];
	size_t nagencies;
	int64_t agency_id[MAX_AGENCIES];   /* internal ids, filled by the agency batch */
	char agency_pid[MAX_AGENCIES][40]; /* public ids */
};

/* Looks the record up with find (a constant SELECT of key, internal id, bound to v1
 * and, when the statement takes it, v2). 1 found, 0 not, -1 error. */
static int find_existing(struct demo_run *d, const char *find, int nbind, const char *v1,
			 const char *v2, char *key_r, size_t keylen, int64_t *id_r)
{
	db_stmt_t *st = db_prepare(d->db, find);
	int rc;

	if (!st)
		return zerr_internal(&d->e, db_errmsg(d->db));
	db_bind_text(st, 1, v1);
	if (nbind > 1)
		db_bind_text(st, 2, v2);
	rc = db_step(st);
	if (rc == DB_OK)
		return 0;
	if (rc != DB_ROW)
		return db_zerr(d->db, rc, &d->e);
	snprintf(key_r, keylen, "%s", db_col_text(st, 0));
	*id_r = db_col_int(st, 1);
	db_run(st);
	return 1;
}

/* Writes one record. in is the record as a client would send it; derived holds what
 * the API handler adds after decoding (a region's level, an officer's internal agency
 * id). find/v1/v2 locate an existing row. On success key_r holds the record's key
 * (public id or code) and *id_r its internal id (0 when it has none). */
static int put_record(struct demo_run *d, const struct record *rec, json_t *in, json_t *derived,
		      const char *find, int nbind, const char *v1, const char *v2, char *key_r,
		      size_t keylen, int64_t *id_r, struct tally *t)
{
	json_t *clean = NULL, *state = NULL, *diff = NULL, *v;
	const char *k;
	char action[64];
	int found, ret = -1;

	*id_r = 0;
	if (!in || !derived) {
		zerr_oom(&d->e);
		goto out;
	}
	if (record_decode(rec, in, 0, &clean, &d->e) < 0)
		goto out;
	json_object_update(clean, derived);
	found = find_existing(d, find, nbind, v1, v2, key_r, keylen, id_r);
	if (found < 0)
		goto out;
	if (!found) {
		char pid[40] = "";

		if (record_insert(d->db, rec, clean, pid, id_r, &d->e) < 0)
			goto out;
		if (pid[0])
			snprintf(key_r, keylen, "%s", pid);
		else
			snprintf(key_r, keylen, "%s", v1);
		snprintf(action, sizeof(action), "%s.create", rec->name);
		if (record_load_state(d->db, rec, key_r, &state, &d->e) < 0 ||
		    ledger_append(d->db, &d->who, action, rec->name, key_r, state, NULL, &d->e) < 0)
			goto out;
		t->created++;
		ret = 0;
		goto out;
	}
	if (record_load_state(d->db, rec, key_r, &state, &d->e) < 0)
		goto out;
	diff = json_object();
	json_object_foreach(in, k, v) {
		if (!json_equal(v, json_object_get(state, k)))
			json_object_set(diff, k, json_object_get(clean, k));
	}
	/* regions have no integer id to address an update by; their demo names are the
	 * official ones, so one that differs was renamed on purpose and is kept */
	if (json_object_size(diff) == 0 || !rec->id_col) {
		t->same++;
		ret = 0;
		goto out;
	}
	json_decref(state);
	state = NULL;
	snprintf(action, sizeof(action), "%s.update", rec->name);
	if (record_update(d->db, rec, diff, "id", *id_r, &d->e) < 0 ||
	    record_load_state(d->db, rec, key_r, &state, &d->e) < 0 ||
	    ledger_append(d->db, &d->who, action, rec->name, key_r, state, NULL, &d->e) < 0)
		goto out;
	t->updated++;
	ret = 0;
out:
	json_decref(clean);
	json_decref(state);
	json_decref(diff);
	return ret;
}

static int begin(struct demo_run *d)
{
	if (db_begin(d->db, 1) != DB_OK)
		return db_zerr(d->db, DB_RETRY, &d->e);
	return 0;
}

static int commit(struct demo_run *d)
{
	if (db_commit(d->db) != DB_OK) {
		db_rollback(d->db);
		return db_zerr(d->db, DB_RETRY, &d->e);
	}
	return 0;
}

static const char *level_name(const char *code)
{
	switch (region_code_level(code)) {
	case REGION_PROVINCE: return "province";
	case REGION_CITY: return "city";
	case REGION_COUNTY: return "county";
	case REGION_TOWNSHIP: return "township";
	default: return "village";
	}
}

static int put_regions(struct demo_run *d)
{
	const struct demo_region *g;
	size_t i, n;

	g = demo_regions(&n);
	if (begin(d) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		char parent[16] = "", key[40];
		json_t *in, *derived;
		int64_t id;
		int rc;

		region_parent_code(g[i].code, parent, sizeof(parent));
		in = json_pack("{s:s, s:s, s:s?}", "code", g[i].code, "name", g[i].name, "parent_code",
			       parent[0] ? parent : NULL);
		derived = json_pack("{s:s}", "level", level_name(g[i].code));
		rc = put_record(d, &rec_region, in, derived, "SELECT code, 0 FROM regions WHERE code = ?", 1,
				g[i].code, NULL, key, sizeof(key), &id, &d->regions);
		json_decref(in);
		json_decref(derived);
		if (rc < 0) {
			db_rollback(d->db);
			return -1;
		}
	}
	return commit(d);
}

static int put_agencies(struct demo_run *d)
{
	size_t i;

	if (begin(d) < 0)
		return -1;
	for (i = 0; i < d->nagencies; i++) {
		const struct demo_agency *a = &d->agencies_plan[i];
		char uscc[19];
		json_t *in, *derived = json_object();
		int rc;

		demo_uscc(DEMO_COUNTY, (unsigned)i, uscc);
		in = json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", a->name, "uscc", uscc, "region_code",
			       a->region_code, "kind", a->kind, "domain", a->domain);
		rc = put_record(d, &rec_agency, in, derived, "SELECT public_id, id FROM agencies WHERE uscc = ?",
				1, uscc, NULL, d->agency_pid[i], sizeof(d->agency_pid[i]), &d->agency_id[i],
				&d->agencies);
		json_decref(in);
		json_decref(derived);
		if (rc < 0) {
			db_rollback(d->db);
			return -1;
		}
	}
	return commit(d);
}

/* One transaction per agency: its whole staff. */
static int put_officers(struct demo_run *d)
{
	unsigned serial = 0, k;
	size_t i;

	for (i = 0; i < d->nagencies; i++) {
		if (begin(d) < 0)
			return -1;
		for (k = 0; k < d->agencies_plan[i].staff; k++, serial++) {
			struct demo_officer o;
			char key[40];
			json_t *in, *derived;
			int64_t id;
			int rc;

			if (demo_officer_make(serial, &o) < 0) {
				db_rollback(d->db);
				return zerr_internal(&d->e, "too many demo officers");
			}
			in = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:s, s:b, s:i}", "agency_id",
				       d->agency_pid[i], "name", o.name, "id_number", o.id_number, "cert_no",
				       o.cert_no, "cert_issued", o.cert_issued, "cert_expires",
				       o.cert_expires[0] ? o.cert_expires : NULL, "status", o.status,
				       "legal_qualified", o.legal_qualified, "training_hours", o.training_hours);
			derived = json_pack("{s:I}", "agency_id", (json_int_t)d->agency_id[i]);
			rc = put_record(d, &rec_officer, in, derived,
					"SELECT public_id, id FROM officers WHERE id_number = ? OR cert_no = ?"
					" ORDER BY id LIMIT 1",
					2, o.id_number, o.cert_no, key, sizeof(key), &id, &d->officers);
			json_decref(in);
			json_decref(derived);
			if (rc < 0) {
				db_rollback(d->db);
				return -1;
			}
		}
		if (commit(d) < 0)
			return -1;
	}
	return 0;
}

/* The demo accounts. agency is an index into the agency plan, or -1; the index of the
 * first township squad is resolved at run time (-2). */
static const struct {
	const char *username, *display, *role;
	int agency;
	const char *region;
	const char *what;
} demo_users[] = {
	{ "demo-supervisor", "柯城区执法监督（演示）", "supervisor", -1, DEMO_COUNTY, "执法监督，全区" },
	{ "demo-catalog", "柯城区综合执法办（演示）", "catalog_admin", -1, DEMO_COUNTY, "综合执法办，全区" },
	{ "demo-head-zhzf", "柯城区综合行政执法局负责人（演示）", "agency_head", 0, NULL, "综合行政执法局负责人" },
	{ "demo-head-scjg", "柯城区市场监督管理局负责人（演示）", "agency_head", 1, NULL, "市场监督管理局负责人" },
	{ "demo-legal", "柯城区综合行政执法局法制审核（演示）", "legal_reviewer", 0, NULL, "综合行政执法局法制审核" },
	{ "demo-officer-zhzf", "综合行政执法局执法人员（演示）", "officer", 0, NULL, "综合行政执法局执法人员（办案）" },
	{ "demo-officer-scjg", "市场监管执法人员（演示）", "officer", 1, NULL, "市场监督管理局执法人员" },
	{ "demo-officer-fushan", "府山街道执法队员（演示）", "officer", -2, NULL, "府山街道综合行政执法队队员" },
	{ "demo-auditor", "柯城区审计（演示）", "auditor", -1, DEMO_COUNTY, "只读审计，全区" },
};

/* The plan index of the agency whose region is code, or -1. */
static int agency_in(const struct demo_run *d, const char *code)
{
	size_t i;

	for (i = 0; i < d->nagencies; i++)
		if (strcmp(d->agencies_plan[i].region_code, code) == 0)
			return (int)i;
	return -1;
}

static int put_users(struct demo_run *d)
{
	size_t i;

	for (i = 0; i < sizeof(demo_users) / sizeof(demo_users[0]); i++) {
		db_stmt_t *st = db_prepare(d->db, "SELECT 1 FROM users WHERE username = ?");
		int ag = demo_users[i].agency, rc;

		if (!st)
			return zerr_internal(&d->e, db_errmsg(d->db));
		db_bind_text(st, 1, demo_users[i].username);
		rc = db_step(st);
		if (rc == DB_ROW) {
			db_run(st);
			d->users.same++;
			continue;
		}
		if (rc != DB_OK)
			return db_zerr(d->db, rc, &d->e);
		if (ag == -2)
			ag = agency_in(d, "330802006000"); /* 府山街道 */
		if (auth_user_add(d->db, demo_users[i].username, demo_users[i].display,
				  role_parse(demo_users[i].role), ag >= 0 ? d->agency_id[ag] : 0,
				  demo_users[i].region, DEMO_PASSWORD, &d->e) < 0)
			return -1;
		d->users.created++;
	}
	return 0;
}

/* The demo catalog (data/catalog/demo.csv, made by data/catalog/gen.py) goes through
 * the API's CSV import, rules and ledger entries included; items already in the
 * catalog are left alone, so a second run adds nothing. */
static int put_catalog(struct demo_run *d)
{
	const struct embedded *f = embedded_find(embedded_catalog, "demo.csv");
	struct req r;
	size_t n = 0, skipped = 0;

	if (!f)
		return zerr_internal(&d->e, "demo catalog not embedded");
	memset(&r, 0, sizeof(r));
	r.db = d->db;
	r.who = d->who;
	if (api_catalog_import_text(&r, f->data, f->len, 1, &n, &skipped) < 0) {
		zerr_clear(&d->e);
		d->e = r.err;
		return -1;
	}
	d->catalog.created = (int)n;
	d->catalog.same = (int)skipped;
	return 0;
}

/* One change request waiting for approval, so that the catalog page has something to
 * decide: 综合执法办 (demo-catalog) proposes to transfer the first departmental 市场监管
 * penalty item to comprehensive enforcement from the first day of next month. Another
 * catalog admin or the admin approves it (the proposer may not). Proposed once. */
static int put_catalog_change(struct demo_run *d)
{
	db_stmt_t *st;
	struct req r;
	struct zdate today, next;
	char code[16] = "", date[ZDATE_STRLEN], id[80];
	json_t *in;
	int rc, ret;

	st = db_prepare(d->db, "SELECT v.code FROM catalog_versions v WHERE v.domain = '市场监管'"
			       " AND v.kind = 'penalty' AND v.mode = 'departmental' AND v.level = 'county'"
			       " AND v.effective_to IS NULL AND NOT EXISTS (SELECT 1 FROM catalog_changes c"
			       " WHERE c.proposed_by = 'demo-catalog') ORDER BY v.code LIMIT 1");
	if (!st)
		return zerr_internal(&d->e, db_errmsg(d->db));
	rc = db_step(st);
	if (rc == DB_OK) {
		d->changes.same++;
		return 0;
	}
	if (rc != DB_ROW)
		return db_zerr(d->db, rc, &d->e);
	snprintf(code, sizeof(code), "%s", db_col_text(st, 0));
	db_run(st);
	if (zdate_today(&today) < 0 ||
	    zdate_make(today.m == 12 ? today.y + 1 : today.y, today.m == 12 ? 1 : today.m + 1, 1, &next) < 0)
		return zerr_internal(&d->e, "date out of range");
	zdate_format(next, date);
	memset(&r, 0, sizeof(r));
	r.db = d->db;
	r.who = d->who;
	r.who.role = ROLE_CATALOG_ADMIN;
	snprintf(r.who.username, sizeof(r.who.username), "demo-catalog");
	in = json_pack("{s:s, s:s, s:s, s:s}", "action", "transfer", "item_code", code, "effective_date", date,
		       "reason", "纳入综合行政执法事项统一目录（演示）");
	ret = api_catalog_propose(&r, in, id, sizeof(id));
	json_decref(in);
	if (ret < 0) {
		zerr_clear(&d->e);
		d->e = r.err;
		return -1;
	}
	d->changes.created++;
	return 0;
}

/* The demo discretion tables (data/discretion, embedded), through the same proof and
 * store as POST /api/v1/discretion/tables; a version already stored unchanged is left. */
static int put_discretion(struct demo_run *d)
{
	const struct embedded *f;
	char key[DISCRETION_KEY_LEN];
	int rc;

	for (f = embedded_discretion; f->name; f++) {
		rc = discretion_store_add(d->db, f->data, f->len, &d->who, DISCRETION_SAME_OK, key, &d->e);
		if (rc < 0) {
			fprintf(stderr, "zhifa demo: benchmark %s refused\n", f->name);
			return -1;
		}
		if (rc == 0)
			d->discretion.created++;
		else
			d->discretion.same++;
	}
	return 0;
}

/* ---- cases: a handful in different states, through the API's own code (api/cases.h) ---- */

/* The GB 32100 check character appended to a 17-character body. */
static void uscc_make(const char *body, char out[19])
{
	static const char a[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	static const int w[] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
	int i, sum = 0;

	for (i = 0; i < 17; i++)
		sum += (int)(strchr(a, body[i]) - a) * w[i];
	snprintf(out, 19, "%.17s%c", body, a[(31 - sum % 31) % 31]);
}

/* The GB 11643 check character appended to a 17-digit body. */
static void id_make(const char *body, char out[19])
{
	static const int w[] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	int i, sum = 0;

	for (i = 0; i < 17; i++)
		sum += (body[i] - '0') * w[i];
	snprintf(out, 19, "%.17s%c", body, "10X98765432"[sum % 11]);
}

/* The principal of a demo account, as auth would resolve it. */
static int demo_principal(struct demo_run *d, const char *username, struct principal *p)
{
	db_stmt_t *st = db_prepare(d->db, "SELECT u.id, u.role, a.id, a.public_id FROM users u"
					  " JOIN agencies a ON a.id = u.agency_id WHERE u.username = ?");

	memset(p, 0, sizeof(*p));
	if (!st)
		return zerr_internal(&d->e, db_errmsg(d->db));
	db_bind_text(st, 1, username);
	if (db_step(st) != DB_ROW)
		return zerr_internal(&d->e, "demo account missing");
	p->user_id = db_col_int(st, 0);
	p->role = role_parse(db_col_text(st, 1));
	p->agency_id = db_col_int(st, 2);
	snprintf(p->agency_pid, sizeof(p->agency_pid), "%s", db_col_text(st, 3));
	snprintf(p->region_prefix, sizeof(p->region_prefix), "-");
	snprintf(p->username, sizeof(p->username), "%s", username);
	db_run(st);
	return 0;
}

/* Links the account to the nth (0-based) officer of its agency with a valid
 * certificate today (legally qualified when legal), unless it has one already;
 * writes the officer's public id to opid. */
static int demo_link(struct demo_run *d, const char *username, int link, int legal, int nth,
		     const char *today, char *opid, size_t n)
{
	db_stmt_t *st = db_prepare(d->db, "SELECT o.id, o.public_id FROM officers o JOIN users u ON u.agency_id = o.agency_id"
					  " WHERE u.username = ? AND o.status = 'active' AND o.cert_issued <= ?"
					  " AND (o.cert_expires IS NULL OR o.cert_expires >= ?) AND o.legal_qualified >= ?"
					  " ORDER BY o.id LIMIT 1 OFFSET ?");
	int64_t oid;

	if (!st)
		return zerr_internal(&d->e, db_errmsg(d->db));
	db_bind_text(st, 1, username);
	db_bind_text(st, 2, today);
	db_bind_text(st, 3, today);
	db_bind_int(st, 4, legal);
	db_bind_int(st, 5, nth);
	if (db_step(st) != DB_ROW)
		return zerr_internal(&d->e, "no demo officer with a valid certificate");
	oid = db_col_int(st, 0);
	snprintf(opid, n, "%s", db_col_text(st, 1));
	db_run(st);
	if (!link)
		return 0;
	st = db_prepare(d->db, "UPDATE users SET officer_id = ? WHERE username = ? AND officer_id IS NULL");
	if (!st)
		return zerr_internal(&d->e, db_errmsg(d->db));
	db_bind_int(st, 1, oid);
	db_bind_text(st, 2, username);
	return db_run(st) == DB_OK ? 0 : db_zerr(d->db, DB_ERROR, &d->e);
}

static int demo_party(struct demo_run *d, const char *kind, const char *name, const char *ident,
		      const char *address, char *pid, size_t n)
{
	json_t *in = json_pack("{s:s, s:s, s:s, s:s}", "kind", kind, "name", name,
			       strcmp(kind, "person") == 0 ? "id_number" : "uscc", ident, "address", address);
	json_t *derived = json_object();
	int64_t id;
	int rc;

	if (strcmp(kind, "person") == 0) {
		char birth[11];

		snprintf(birth, sizeof(birth), "%.4s-%.2s-%.2s", ident + 6, ident + 10, ident + 12);
		json_object_set_new(derived, "birth_date", json_string(birth));
	}
	rc = put_record(d, &rec_party, in, derived,
			strcmp(kind, "person") == 0 ? "SELECT public_id, id FROM parties WHERE id_number = ?"
						    : "SELECT public_id, id FROM parties WHERE uscc = ?",
			1, ident, NULL, pid, n, &id, &d->parties);
	json_decref(in);
	json_decref(derived);
	return rc;
}

static void day(struct zdate t, long off, char out[ZDATE_STRLEN])
{
	struct zdate r = t;

	zdate_add_days(t, off, &r);
	zdate_format(r, out);
}

/* One step by who; stops the demo on refusal (the plan is meant to be lawful). */
static int step(struct demo_run *d, const struct principal *who, const char *pid, const char *action,
		json_t *body)
{
	int rc = case_perform(d->db, who, pid, action, body, &d->e);

	json_decref(body);
	return rc;
}

static int put_cases(struct demo_run *d)
{
	struct principal off, head, legal;
	struct zdate t;
	char today[ZDATE_STRLEN], o1[40], o2[40], lo[40], ho[40], p1[40], p2[40], p3[40], id[19], pid[40],
		rp[40], a[8][ZDATE_STRLEN];
	static const char *const targets[] = { "lead", "filed", "investigating", "notified", "decided",
					       "served", "closed" };
	db_stmt_t *st;
	size_t k;
	int rc;

	zdate_today(&t);
	zdate_format(t, today);
	if (begin(d) < 0)
		return -1;
	if (demo_link(d, "demo-officer-zhzf", 1, 0, 0, today, o1, sizeof(o1)) < 0 ||
	    demo_link(d, "demo-officer-zhzf", 0, 0, 1, today, o2, sizeof(o2)) < 0 ||
	    demo_link(d, "demo-head-zhzf", 1, 0, 2, today, ho, sizeof(ho)) < 0 ||
	    demo_link(d, "demo-legal", 1, 1, 0, today, lo, sizeof(lo)) < 0)
		goto fail;
	uscc_make("91330802MA2D00010", id);
	if (demo_party(d, "organisation", "衢州市柯城区某某餐饮有限公司", id, "衢州市柯城区府山街道坊门街12号", p1, sizeof(p1)) < 0)
		goto fail;
	uscc_make("91330802MA2D00020", id);
	if (demo_party(d, "organisation", "衢州某某建材贸易有限公司", id, "衢州市柯城区航埠镇工业园3号", p2, sizeof(p2)) < 0)
		goto fail;
	id_make("33080219850612301", id);
	if (demo_party(d, "person", "徐某某", id, "衢州市柯城区信安街道新新路8号", p3, sizeof(p3)) < 0)
		goto fail;
	if (commit(d) < 0)
		return -1;
	st = db_prepare(d->db, "SELECT COUNT(*) FROM cases c JOIN users u ON u.agency_id = c.agency_id"
			       " WHERE u.username = 'demo-officer-zhzf'");
	if (!st)
		return zerr_internal(&d->e, db_errmsg(d->db));
	rc = db_step(st);
	if (rc == DB_ROW && db_col_int(st, 0) > 0) {
		d->cases.same += (int)db_col_int(st, 0);
		db_run(st);
		return 0;
	}
	if (rc == DB_ROW)
		db_run(st);
	if (demo_principal(d, "demo-officer-zhzf", &off) < 0 || demo_principal(d, "demo-head-zhzf", &head) < 0 ||
	    demo_principal(d, "demo-legal", &legal) < 0)
		return -1;
	(void)legal;
	for (k = 0; k < 8; k++)
		day(t, (long[]){ -90, -80, -75, -70, -60, -45, -44, -40 }[k], a[k]);
	for (k = 0; k < sizeof(targets) / sizeof(targets[0]); k++) {
		char item[16];
		json_t *lead;
		int notified_now = strcmp(targets[k], "notified") == 0;

		/* items of the demo catalog (data/catalog/demo.csv) in force on the act's day */
		snprintf(item, sizeof(item), "%s",
			 (const char *[]){ "CG000010", "CG000015", "CG000005", "CG000017", "CG000024", "CG000053",
					   "CG000047" }[k]);
		lead = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "party_id",
				 k % 3 == 2 ? p3 : (k % 2 ? p2 : p1), "item_code", item, "cause",
				 (const char *[]){ "擅自占用城市道路堆放物品", "未按规定设置户外广告", "违规倾倒建筑垃圾",
						   "店外经营", "擅自搭建临时建筑", "未按规定分类投放垃圾",
						   "噪声扰民" }[k],
				 "source", k % 2 ? "complaint" : "inspection", "place_region", "330802006000", "place",
				 "衢州市柯城区府山街道", "violation_date", a[0], "discovery_date", a[1], "facts",
				 "执法人员巡查发现当事人有上述行为，现场拍照取证。");
		rc = case_create_lead(d->db, &off, lead, pid, &d->e);
		json_decref(lead);
		if (rc < 0)
			return -1;
		d->cases.created++;
		if (k < 1)
			continue;
		if (step(d, &head, pid, "file_case", json_pack("{s:s}", "filing_date", a[2])) < 0)
			return -1;
		if (k < 2)
			continue;
		if (step(d, &off, pid, "start_investigation", json_pack("{s:[s,s]}", "investigators", o1, o2)) < 0)
			return -1;
		{
			json_t *r = json_pack("{s:s, s:s, s:[s,s], s:s}", "kind", "inspection", "date", a[3], "officers",
					      o1, o2, "summary", "现场检查，当事人在场，拍摄照片六张。");

			rc = case_add_record(d->db, &off, pid, r, rp, &d->e);
			json_decref(r);
			if (rc < 0)
				return -1;
		}
		if (k < 3)
			continue;
		if (step(d, &off, pid, "submit_investigation", NULL) < 0 ||
		    step(d, &off, pid, "issue_prior_notice",
			 json_pack("{s:{s:[s], s:i}, s:s}", "penalty", "types", "fine", "fine_fen", 150000, "notice_date",
				   notified_now ? today : a[4])) < 0)
			return -1;
		if (k < 4)
			continue;
		if (step(d, &off, pid, "record_waiver", json_pack("{s:s}", "statement", "当事人书面放弃陈述申辩")) < 0 ||
		    step(d, &head, pid, "decide_penalty",
			 json_pack("{s:{s:[s], s:i}, s:s}", "penalty", "types", "fine", "fine_fen", 150000,
				   "decision_date", a[5])) < 0)
			return -1;
		if (k < 5)
			continue;
		if (step(d, &off, pid, "serve_decision", json_pack("{s:s}", "service_date", a[6])) < 0)
			return -1;
		if (k < 6)
			continue;
		if (step(d, &off, pid, "record_payment", json_pack("{s:s}", "paid_on", a[7])) < 0 ||
		    step(d, &head, pid, "close_case", NULL) < 0)
			return -1;
	}
	{
		char y[ZDATE_STRLEN];
		json_t *sum;

		day(t, -1, y);
		sum = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:{s:[s], s:i}, s:[s,s], s:b}", "party_id", p3, "item_code",
				"CG000001", "cause", "乱扔垃圾", "violation_date", y, "place_region", "330802006000", "place",
				"衢州市柯城区府山街道", "penalty", "types", "fine", "fine_fen", 5000, "officers", o1, o2,
				"collected_on_spot", 1);
		rc = case_summary(d->db, &off, sum, pid, &d->e);
		json_decref(sum);
		if (rc < 0)
			return -1;
		d->cases.created++;
	}
	return 0;
fail:
	db_rollback(d->db);
	return -1;
}

/* A request in the name of the demo admin, for the API's own write paths. user_id is
 * set because the scope checks treat 0 as anonymous; the ledger names user "demo". */
static void demo_req(struct demo_run *d, struct req *r)
{
	memset(r, 0, sizeof(*r));
	r->db = d->db;
	r->who = d->who;
	r->who.user_id = -1;
}

/* Claims agency (plan index) for item code in region from date, through the API's
 * checks and writes (api_claim_prepare / api_claim_insert). */
static int demo_claim(struct demo_run *d, struct req *r, int agency, const char *code, const char *region,
		      const char *from)
{
	json_t *in = json_pack("{s:s, s:s, s:s, s:s}", "item_code", code, "agency_id", d->agency_pid[agency],
			       "region_code", region, "effective_from", from), *clean = NULL;
	int ret = -1;

	if (in && api_claim_prepare(r, in, &clean) == 0 && api_claim_insert(r, clean, NULL, 0) == 0) {
		d->claims.created++;
		ret = 0;
	}
	json_decref(in);
	json_decref(clean);
	return ret;
}

/* The plan index of the first agency of kind (and domain, when not NULL) registered in
 * region, or -1. */
static int agency_of(const struct demo_run *d, const char *kind, const char *domain, const char *region)
{
	size_t i;

	for (i = 0; i < d->nagencies; i++)
		if (strcmp(d->agencies_plan[i].kind, kind) == 0 && strcmp(d->agencies_plan[i].region_code, region) == 0 &&
		    (!domain || strcmp(d->agencies_plan[i].domain, domain) == 0))
			return (int)i;
	return -1;
}

/* The county's claims (认领), once: every item in force today is claimed by the agency
 * that exercises it (county items by the county bureau of its kind and domain, township
 * items by each township's squad), except a few left unclaimed on purpose (every 17th
 * county item, a few township pairs: 三不管), and the first three departmental 市场监管
 * county items are claimed by the city bureau as well (多头管), so that the coverage page
 * shows both. One transaction. */
static int put_claims(struct demo_run *d)
{
	db_stmt_t *st;
	json_t *items = json_array(), *it;
	struct req r;
	struct zdate today;
	char date[ZDATE_STRLEN];
	int city = agency_of(d, "departmental", "市场监管", DEMO_CITY), twice = 0, rc, ret = -1;
	size_t i, j;

	st = db_prepare(d->db, "SELECT COUNT(*) FROM catalog_claims WHERE claimed_by = 'demo'");
	if (!st)
		goto internal;
	rc = db_step(st);
	if (rc != DB_ROW) {
		db_zerr(d->db, rc, &d->e);
		goto out;
	}
	d->claims.same = (int)db_col_int(st, 0);
	db_run(st);
	if (d->claims.same > 0) {
		ret = 0;
		goto out;
	}
	if (zdate_today(&today) < 0)
		goto internal;
	zdate_format(today, date);
	st = db_prepare(d->db, "SELECT code, level, mode, domain, effective_from FROM catalog_versions"
			       " WHERE effective_from <= ? AND (effective_to IS NULL OR effective_to > ?) ORDER BY code");
	if (!st)
		goto internal;
	db_bind_text(st, 1, date);
	db_bind_text(st, 2, date);
	while ((rc = db_step(st)) == DB_ROW)
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s, s:s}", "code", db_col_text(st, 0), "level",
						       db_col_text(st, 1), "mode", db_col_text(st, 2), "domain",
						       db_col_text(st, 3), "from", db_col_text(st, 4)));
	if (rc != DB_OK) {
		db_zerr(d->db, rc, &d->e);
		goto out;
	}
	demo_req(d, &r);
	if (begin(d) < 0)
		goto out;
	json_array_foreach(items, i, it) {
		const char *code = json_string_value(json_object_get(it, "code")),
			   *level = json_string_value(json_object_get(it, "level")),
			   *mode = json_string_value(json_object_get(it, "mode")),
			   *domain = json_string_value(json_object_get(it, "domain")),
			   *from = json_string_value(json_object_get(it, "from"));
		int a;

		if (strcmp(level, "county") == 0) {
			if (i % 17 == 5)
				continue;
			a = strcmp(mode, "comprehensive") == 0 ? agency_of(d, "comprehensive", NULL, DEMO_COUNTY)
							       : agency_of(d, "departmental", domain, DEMO_COUNTY);
			if (a >= 0 && demo_claim(d, &r, a, code, DEMO_COUNTY, from) < 0)
				goto fail;
			if (a >= 0 && city >= 0 && twice < 3 && strcmp(mode, "departmental") == 0 &&
			    strcmp(domain, "市场监管") == 0) {
				if (demo_claim(d, &r, city, code, DEMO_COUNTY, from) < 0)
					goto fail;
				twice++;
			}
		} else if (strcmp(level, "township") == 0) {
			for (j = 0; j < d->nagencies; j++) {
				if (strcmp(d->agencies_plan[j].kind, "township") != 0 || (i + j) % 29 == 0)
					continue;
				if (demo_claim(d, &r, (int)j, code, d->agencies_plan[j].region_code, from) < 0)
					goto fail;
			}
		}
	}
	if (commit(d) < 0)
		goto out;
	ret = 0;
	goto out;
fail:
	db_rollback(d->db);
	zerr_clear(&d->e);
	d->e = r.err;
	goto out;
internal:
	zerr_internal(&d->e, db_errmsg(d->db));
out:
	json_decref(items);
	return ret;
}

/* The power lists (权力清单) and approval items of two townships, once, through the
 * API's CSV import: 府山街道's names most of its delegated items by code, 石梁镇's by
 * name only (some with the punctuation of a real list), and each has entries that match
 * no delegated item. */
static int put_township_lists(struct demo_run *d)
{
	static const char *const towns[] = { "330802006000", "330802100000" };
	struct buf csv = BUF_INIT(1 << 20);
	db_stmt_t *st;
	struct req r;
	size_t n = 0, t;
	int rc, k, ret = -1;

	st = db_prepare(d->db, "SELECT COUNT(*) FROM township_list_items WHERE region_code = ? OR region_code = ?");
	if (!st)
		return zerr_internal(&d->e, db_errmsg(d->db));
	db_bind_text(st, 1, towns[0]);
	db_bind_text(st, 2, towns[1]);
	rc = db_step(st);
	if (rc != DB_ROW)
		return db_zerr(d->db, rc, &d->e);
	d->lists.same = (int)db_col_int(st, 0);
	db_run(st);
	if (d->lists.same > 0)
		return 0;
	buf_adds(&csv, "region_code,name,item_code,kind\r\n");
	for (t = 0; t < 2; t++) {
		st = db_prepare(d->db, "SELECT code, name FROM catalog_versions WHERE level = 'township'"
				       " AND effective_to IS NULL ORDER BY code");
		if (!st)
			goto internal;
		for (k = 0; (rc = db_step(st)) == DB_ROW; k++) {
			if (k % 9 == 4) /* not on the list */
				continue;
			if (t == 0)
				buf_addf(&csv, "%s,\"%s\",%s,power\r\n", towns[t], db_col_text(st, 1), db_col_text(st, 0));
			else
				buf_addf(&csv, "%s,\"%s%s\",,power\r\n", towns[t], db_col_text(st, 1), k % 2 ? "。" : "");
		}
		if (rc != DB_OK) {
			db_zerr(d->db, rc, &d->e);
			goto out;
		}
		buf_addf(&csv, "%s,对户外广告设施设置的审批,,approval\r\n", towns[t]);
		buf_addf(&csv, "%s,城市建筑垃圾处置核准,,approval\r\n", towns[t]);
		buf_addf(&csv, "%s,对违反村庄规划建设行为的检查,,power\r\n", towns[t]);
	}
	demo_req(d, &r);
	if (api_township_lists_import_text(&r, buf_str(&csv), csv.len, &n) < 0) {
		zerr_clear(&d->e);
		d->e = r.err;
		goto out;
	}
	d->lists.created = (int)n;
	ret = 0;
	goto out;
internal:
	zerr_internal(&d->e, db_errmsg(d->db));
out:
	buf_release(&csv);
	return ret;
}

/* One open responsibility dispute, once: the county's 市场监管 bureau against the city
 * bureau over the first item both claim (多头管), waiting for the city's answer. */
static int put_dispute(struct demo_run *d)
{
	int county = agency_of(d, "departmental", "市场监管", DEMO_COUNTY), city = agency_of(d, "departmental", "市场监管", DEMO_CITY);
	db_stmt_t *st;
	struct req r;
	char code[16] = "", id[80];
	json_t *in;
	int rc, ret;

	if (county < 0 || city < 0)
		return 0;
	st = db_prepare(d->db, "SELECT COUNT(*) FROM catalog_disputes WHERE filed_by = 'demo'");
	if (!st)
		return zerr_internal(&d->e, db_errmsg(d->db));
	rc = db_step(st);
	if (rc != DB_ROW)
		return db_zerr(d->db, rc, &d->e);
	d->disputes.same = (int)db_col_int(st, 0);
	db_run(st);
	if (d->disputes.same > 0)
		return 0;
	st = db_prepare(d->db, "SELECT item_code FROM catalog_claims WHERE agency_id = ? ORDER BY item_code LIMIT 1");
	if (!st)
		return zerr_internal(&d->e, db_errmsg(d->db));
	db_bind_int(st, 1, d->agency_id[city]);
	rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_OK ? 0 : db_zerr(d->db, rc, &d->e);
	snprintf(code, sizeof(code), "%s", db_col_text(st, 0));
	db_run(st);
	demo_req(d, &r);
	in = json_pack("{s:s, s:s, s:s, s:s}", "item_code", code, "agency_id", d->agency_pid[county], "other_agency_id",
		       d->agency_pid[city], "statement",
		       "该事项市、区两级均已认领，属多头管；按属地管理原则应由区局行使，请市局确认并退出认领（演示）");
	ret = in ? api_dispute_file(&r, in, id, sizeof(id)) : zerr_oom(&r.err);
	json_decref(in);
	if (ret < 0) {
		zerr_clear(&d->e);
		d->e = r.err;
		return -1;
	}
	d->disputes.created++;
	return 0;
}

static void print_tally(const char *what, const struct tally *t)
{
	printf("  %-10s %4d new, %4d updated, %4d unchanged\n", what, t->created, t->updated, t->same);
}

int cmd_demo(int argc, char **argv)
{
	struct config cfg;
	struct cli_opts o;
	struct demo_run *d = NULL;
	struct timespec t0, t1;
	size_t i;
	int ret = 1;

	if (cli_parse(argc, argv, &cfg, &o) < 0 || o.help) {
		fputs("usage: zhifa demo --db URL [--quiet]\n"
		      "  Builds (or refreshes) the demo county 浙江省衢州市柯城区: its townships, the\n"
		      "  enforcement agencies, a few hundred officers, the enforcement-item catalog\n"
		      "  (data/catalog/demo.csv), one account per role and the discretion benchmarks\n"
		      "  of its common items, data/discretion (demo accounts' password " DEMO_PASSWORD ").\n"
		      "  Running it again adds nothing. Every record\n"
		      "  is written with its full-process ledger entry, as by user 'demo'.\n",
		      o.help ? stdout : stderr);
		return o.help ? 0 : 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	d = calloc(1, sizeof(*d));
	if (!d) {
		fputs("zhifa demo: out of memory\n", stderr);
		return 1;
	}
	d->e = (struct zerr)ZERR_INIT;
	snprintf(d->who.username, sizeof(d->who.username), "demo");
	d->who.role = ROLE_ADMIN;
	if (demo_agencies(d->agencies_plan, MAX_AGENCIES, &d->nagencies) < 0) {
		fputs("zhifa demo: too many agencies in the plan\n", stderr);
		goto out;
	}
	d->db = cli_open_db(&cfg, 1);
	if (!d->db)
		goto out;
	if (put_regions(d) < 0 || put_agencies(d) < 0 || put_officers(d) < 0 || put_users(d) < 0 ||
	    put_catalog(d) < 0 || put_catalog_change(d) < 0 || put_claims(d) < 0 ||
	    put_township_lists(d) < 0 || put_dispute(d) < 0 || put_discretion(d) < 0 || put_cases(d) < 0)
		goto fail;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!o.quiet) {
		printf("zhifa demo: 浙江省衢州市柯城区 (%s) is ready in %s (%.2f s)\n", DEMO_COUNTY,
		       cfg.db_url, (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
		print_tally("regions", &d->regions);
		print_tally("agencies", &d->agencies);
		print_tally("officers", &d->officers);
		print_tally("accounts", &d->users);
		print_tally("catalog", &d->catalog);
		print_tally("changes", &d->changes);
		print_tally("benchmarks", &d->discretion);
		print_tally("parties", &d->parties);
		print_tally("cases", &d->cases);
		print_tally("claims", &d->claims);
		print_tally("lists", &d->lists);
		print_tally("disputes", &d->disputes);
		printf("demo accounts (password %s; admin keeps its own):\n", DEMO_PASSWORD);
		for (i = 0; i < sizeof(demo_users) / sizeof(demo_users[0]); i++)
			printf("  %-20s %-15s %s\n", demo_users[i].username, demo_users[i].role,
			       demo_users[i].what);
	}
	ret = 0;
	goto out;
fail:
	fprintf(stderr, "zhifa demo: %s\n", d->e.detail);
	if (d->e.errors) {
		char *s = json_dumps(d->e.errors, 0);

		fprintf(stderr, "  %s\n", s ? s : "");
		free(s);
	}
out:
	if (d) {
		zerr_clear(&d->e);
		db_close(&d->db);
		free(d);
	}
	return ret;
}
