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
#include "api/evidence.h"
#include "api/cases.h"
#include "api/records.h"
#include "core/embed.h"
#include "cli/cli.h"
#include "core/embed.h"
#include "core/valid.h"
#include "domain/calendar_store.h"
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
	const struct config *cfg; /* the data directory of the evidence store */
	struct principal who;
	struct zerr e;
	struct tally regions, agencies, officers, users, catalog, changes, claims, lists, disputes, discretion,
		parties, cases, evidence;
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

/* The agency's own facts its instruments print (docs/cases.md §8): a demo agency pays
 * fines into a (fictional) account at the county's agricultural bank and names the
 * county government and court. Only settings the agency lacks are added, so a re-run
 * keeps what a user has set; each change is in the ledger as the API writes it. */
static int put_case_settings(struct demo_run *d, size_t i)
{
	db_stmt_t *st = db_prepare(d->db, "SELECT case_config FROM agencies WHERE id = ?");
	json_t *o = NULL, *add;
	char account[32], phone[32], address[128], *text = NULL;
	const char *k;
	json_t *v;
	int changed = 0, ret = -1;

	if (!st)
		return zerr_internal(&d->e, db_errmsg(d->db));
	db_bind_int(st, 1, d->agency_id[i]);
	if (db_step(st) == DB_ROW)
		o = json_loads(db_col_text(st, 0), 0, NULL);
	db_run(st);
	if (!json_is_object(o)) {
		json_decref(o);
		o = json_object();
	}
	snprintf(account, sizeof(account), "19701101040%06u", (unsigned)(100 + i));
	snprintf(phone, sizeof(phone), "0570-30%05u", (unsigned)(12000 + i));
	snprintf(address, sizeof(address), "浙江省衢州市柯城区荷花中路%u号", (unsigned)(100 + i));
	add = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "payment_bank", "中国农业银行衢州柯城支行",
			"payment_account_name", "衢州市柯城区财政局非税收入汇缴结算户", "payment_account_no", account,
			"payment_electronic", "可通过浙里办“统一公共支付平台”凭决定书编号缴纳", "contact_phone", phone,
			"contact_address", address, "reconsideration_body", "衢州市柯城区人民政府", "court",
			"衢州市柯城区人民法院");
	json_object_foreach(add, k, v)
		if (!json_object_get(o, k)) {
			json_object_set(o, k, v);
			changed = 1;
		}
	if (!changed) {
		ret = 0;
		goto out;
	}
	text = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	st = db_prepare(d->db, "UPDATE agencies SET case_config = ? WHERE id = ?");
	if (!st || !text) {
		zerr_internal(&d->e, db_errmsg(d->db));
		goto out;
	}
	db_bind_text(st, 1, text);
	db_bind_int(st, 2, d->agency_id[i]);
	if (db_run(st) != DB_OK) {
		db_zerr(d->db, DB_ERROR, &d->e);
		goto out;
	}
	ret = ledger_append(d->db, &d->who, "agency.case_config", "agency_case_config", d->agency_pid[i], o, NULL,
			    &d->e);
out:
	json_decref(add);
	json_decref(o);
	free(text);
	return ret;
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
		if (rc >= 0)
			rc = put_case_settings(d, i);
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

/* ---- cases: every state of both procedures, through the API's own code (api/cases.h) ---- */

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
	return auth_principal_of(d->db, username, p, &d->e);
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

/* ---- the demo's cases: every state of both procedures (docs/demo.md) ---- */

/* What the case plan of one agency needs: who acts, the officers, the calendar and a
 * ring of date strings (each W()/C()/F() call returns a fresh one, so a json_pack may
 * take several). */
struct demo_cases {
	struct demo_run *d;
	struct calendar *cal;
	struct zdate t;
	struct principal off, head, legal;
	int has_legal;
	int64_t agency_id;
	char o1[40], o2[40], pres[40]; /* two investigators; the hearing's presiding officer */
	char pid[40];                  /* the case being built */
	const char *cause;             /* its cause, for messages */
	char ring[24][ZDATE_STRLEN];
	unsigned ri;
};

static char *ring_next(struct demo_cases *c)
{
	return c->ring[c->ri++ % (sizeof(c->ring) / sizeof(c->ring[0]))];
}

/* n working days before today (0: today), on the working-day calendar. */
static const char *W(struct demo_cases *c, int n)
{
	struct zdate r = c->t;
	char *out = ring_next(c);
	int guard = 0;

	while (n > 0 && guard++ < 4000) {
		zdate_add_days(r, -1, &r);
		if (calendar_is_working_day(c->cal, r, NULL) == 1)
			n--;
	}
	zdate_format(r, out);
	return out;
}

/* n calendar days from today (negative: before). */
static const char *C(struct demo_cases *c, long n)
{
	struct zdate r = c->t;
	char *out = ring_next(c);

	zdate_add_days(c->t, n, &r);
	zdate_format(r, out);
	return out;
}

/* n working days after the day `from` (YYYY-MM-DD). */
static const char *F(struct demo_cases *c, const char *from, int n)
{
	struct zdate s, r;
	char *out = ring_next(c);

	if (zdate_parse(from, &s) < 0 || calendar_add_working_days(c->cal, s, n, &r, NULL) < 0)
		r = c->t;
	zdate_format(r, out);
	return out;
}

/* A penalty {types, fine_fen}: a warning, a fine of fen (0: none), or both. */
static json_t *pen(int warning, json_int_t fen)
{
	json_t *types = json_array(), *p;

	if (warning)
		json_array_append_new(types, json_string("warning"));
	if (fen > 0)
		json_array_append_new(types, json_string("fine"));
	p = json_pack("{s:o}", "types", types);
	if (p && fen > 0)
		json_object_set_new(p, "fine_fen", json_integer(fen));
	return p;
}

/* One step of the current case by who; stops the demo on refusal (the plan is meant
 * to be lawful), naming the case and the step. */
static int cstep(struct demo_cases *c, const struct principal *who, const char *action, json_t *body)
{
	int rc = case_perform(c->d->db, who, c->pid, action, body, &c->d->e);

	json_decref(body);
	if (rc < 0)
		fprintf(stderr, "zhifa demo: case \"%s\", step %s:\n", c->cause, action);
	return rc;
}

#define STEP(who, action, body)                                 \
	do {                                                    \
		if (cstep(c, (who), (action), (body)) < 0)      \
			return -1;                              \
	} while (0)

/* An inquiry or inspection record by the two investigators. */
static int crec(struct demo_cases *c, const char *kind, const char *date, const char *place, const char *summary)
{
	json_t *r = json_pack("{s:s, s:s, s:[s,s], s:s, s:s, s:s, s:s}", "kind", kind, "date", date, "officers", c->o1,
			      c->o2, "place", place, "start_time", "09:30", "end_time", "10:40", "summary", summary);
	char rp[40];
	int rc = case_add_record(c->d->db, &c->off, c->pid, r, rp, &c->d->e);

	json_decref(r);
	if (rc < 0)
		fprintf(stderr, "zhifa demo: case \"%s\", record of %s:\n", c->cause, date);
	return rc;
}

#define REC(kind, date, place, summary)                           \
	do {                                                      \
		if (crec(c, (kind), (date), (place), (summary)) < 0) \
			return -1;                                \
	} while (0)

/* One planned case: the lead. A case of the agency with this cause exists already
 * (an earlier run): 1, and the caller skips its steps. 0 created, -1 error. */
struct lead_plan {
	const char *party, *item, *cause, *source, *region, *place, *facts, *violation, *discovery;
	int complex;
};

static int clead(struct demo_cases *c, const struct lead_plan *p)
{
	db_stmt_t *st = db_prepare(c->d->db, "SELECT 1 FROM cases WHERE agency_id = ? AND cause = ?");
	json_t *lead;
	int rc;

	if (!st)
		return zerr_internal(&c->d->e, db_errmsg(c->d->db));
	db_bind_int(st, 1, c->agency_id);
	db_bind_text(st, 2, p->cause);
	rc = db_step(st);
	if (rc == DB_ROW) {
		db_run(st);
		c->d->cases.same++;
		return 1;
	}
	if (rc != DB_OK)
		return db_zerr(c->d->db, rc, &c->d->e);
	c->cause = p->cause;
	lead = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:b}", "party_id", p->party, "item_code", p->item,
			 "cause", p->cause, "source", p->source, "place_region", p->region, "place", p->place, "facts",
			 p->facts, "violation_date", p->violation, "discovery_date", p->discovery, "complex_case",
			 p->complex);
	rc = case_create_lead(c->d->db, &c->off, lead, c->pid, &c->d->e);
	json_decref(lead);
	if (rc < 0) {
		fprintf(stderr, "zhifa demo: case \"%s\", lead:\n", p->cause);
		return -1;
	}
	c->d->cases.created++;
	return 0;
}

/* Registers the lead of plan p unless the agency has it; the block after the macro
 * holds the case's steps and runs only for a new case. */
#define NEW_CASE(...)                                                        \
	if ((rc = clead(c, &(struct lead_plan){ __VA_ARGS__ })) < 0)        \
		return -1;                                                   \
	else if (rc == 0)

/* Upload metadata from a JSON object of strings (evidence_meta_get). */
static const char *meta_member(void *ctx, const char *name)
{
	return json_string_value(json_object_get(ctx, name));
}

/* One file of the current case into the evidence center, by the path an upload takes
 * (evidence_meta_decode: the collectors checked under Art 42; the content-addressed
 * store; evidence_complete; the insert with its evidence.create ledger entry, where
 * the chain of custody starts), as the officer account, collected by the two
 * investigators at place on `day` at hh:mm China time. */
static int cevidence(struct demo_cases *c, const char *kind, const char *filename, const char *desc, const char *day,
		     const char *hhmm, const char *place, const char *media, const void *p, size_t n)
{
	struct req r;
	struct blob_writer w;
	json_t *meta, *clean = NULL;
	char at[32], who[90], key[80];
	int ret = -1;

	/* China time to UTC: 08:00-23:59 is the same day */
	snprintf(at, sizeof(at), "%sT%02d:%s:00Z", day, (int)strtol(hhmm, NULL, 10) - 8, hhmm + 3);
	snprintf(who, sizeof(who), "%s,%s", c->o1, c->o2);
	meta = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "kind", kind, "case_id", c->pid, "filename",
			 filename, "description", desc, "collected_at", at, "place_address", place, "device",
			 "执法记录仪 KC-ZF-017", "collectors", who);
	memset(&r, 0, sizeof(r));
	memset(&w, 0, sizeof(w));
	w.fd = -1;
	r.db = c->d->db;
	r.who = c->off;
	r.cfg = c->d->cfg;
	r.err = (struct zerr)ZERR_INIT;
	if (evidence_meta_decode(&r, meta_member, meta, &clean) < 0 ||
	    blob_writer_open(&w, c->d->cfg->data_dir, c->d->cfg->max_upload, &r.err) < 0)
		goto out;
	if (blob_writer_add(&w, p, n, &r.err) < 0 || evidence_complete(&r, &w, clean, media, NULL) < 0)
		goto out;
	if (db_begin(r.db, 1) != DB_OK) {
		db_zerr(r.db, DB_RETRY, &r.err);
		goto out;
	}
	if (api_insert_logged(&r, &rec_evidence, clean, NULL, "create", key, sizeof(key), &r.err) < 0) {
		db_rollback(r.db);
		goto out;
	}
	if (db_commit(r.db) != DB_OK) {
		db_zerr(r.db, DB_RETRY, &r.err);
		goto out;
	}
	c->d->evidence.created++;
	ret = 0;
out:
	blob_writer_abort(&w);
	json_decref(meta);
	json_decref(clean);
	if (ret < 0) {
		fprintf(stderr, "zhifa demo: case \"%s\", evidence %s:\n", c->cause, filename);
		zerr_clear(&c->d->e);
		c->d->e = r.err;
	} else {
		zerr_clear(&r.err);
	}
	return ret;
}

/* The evidence of an inspection on `day` at place: two scene photos taken during it
 * (the whole scene, a close-up) and the signed record, scanned (the inspection
 * record's PDF as the case made it). */
static int inspection_evidence(struct demo_cases *c, const char *day, const char *place)
{
	static const struct {
		const char *hhmm, *file, *what;
	} shots[] = { { "09:42", "现场照片-全景.png", "现场全景照片" }, { "09:48", "现场照片-近景.png", "现场近景照片" } };
	struct buf png = BUF_INIT((size_t)1 << 22);
	char agency[128] = "";
	db_stmt_t *st = db_prepare(c->d->db, "SELECT name FROM agencies WHERE id = ?");
	size_t i;

	if (!st)
		return zerr_internal(&c->d->e, db_errmsg(c->d->db));
	db_bind_int(st, 1, c->agency_id);
	if (db_step(st) == DB_ROW) {
		snprintf(agency, sizeof(agency), "%s", db_col_text(st, 0));
		db_run(st);
	}

	for (i = 0; i < sizeof(shots) / sizeof(shots[0]); i++) {
		char when[40], desc[400], cap[300];

		snprintf(when, sizeof(when), "%s %s:%02d", day, shots[i].hhmm, 17 + (int)i * 9);
		snprintf(cap, sizeof(cap), "%s 执法记录仪 KC-ZF-017", agency);
		buf_clear(&png);
		snprintf(desc, sizeof(desc), "%s（%s）", place, c->cause);
		if (demo_scene_png(desc, when, cap, place, (int)i, &png) < 0) {
			buf_release(&png);
			return zerr_internal(&c->d->e, "scene photo");
		}
		snprintf(desc, sizeof(desc), "%s：%s，%s", shots[i].what, place, c->cause);
		if (cevidence(c, "audiovisual", shots[i].file, desc, day, shots[i].hhmm, place, "image/png", png.data,
			      png.len) < 0) {
			buf_release(&png);
			return -1;
		}
	}
	buf_release(&png);
	st = db_prepare(c->d->db, "SELECT d.bytes FROM case_documents d JOIN cases k ON k.id = d.case_id"
				  " WHERE k.public_id = ? AND d.template = 'inspection_record' ORDER BY d.id DESC");
	if (!st)
		return zerr_internal(&c->d->e, db_errmsg(c->d->db));
	db_bind_text(st, 1, c->pid);
	if (db_step(st) == DB_ROW) {
		size_t n = 0;
		const void *p = db_col_blob(st, 0, &n);
		void *copy = n ? malloc(n) : NULL;
		int rc;

		if (copy)
			memcpy(copy, p, n);
		db_run(st);
		if (!copy)
			return 0;
		rc = cevidence(c, "inspection_record", "现场检查笔录-签字扫描件.pdf",
			       "现场检查笔录（当事人、检查人员签字后扫描）", day, "10:45", place, "application/pdf", copy, n);
		free(copy);
		return rc;
	}
	db_run(st);
	return 0;
}

/* Steps shared by most plans: filing on `filed`, the investigation by the two
 * investigators, one inspection record on `inspected`. */
static int filed_and_inspected(struct demo_cases *c, const char *filed, const char *inspected, const char *place,
			       const char *summary)
{
	STEP(&c->head, "file_case", json_pack("{s:s}", "filing_date", filed));
	if (!inspected)
		return 0;
	STEP(&c->off, "start_investigation", json_pack("{s:[s,s]}", "investigators", c->o1, c->o2));
	REC("inspection", inspected, place, summary);
	return inspection_evidence(c, inspected, place);
}

/* The investigation report and the prior notice (fen), served on `notice`. */
static int notified(struct demo_cases *c, const char *notice, int warning, json_int_t fen)
{
	STEP(&c->off, "submit_investigation", NULL);
	STEP(&c->off, "issue_prior_notice", json_pack("{s:o, s:s}", "penalty", pen(warning, fen), "notice_date", notice));
	return 0;
}

/* The party waives its statement (and the hearing), the head decides on `decision`. */
static int waived_and_decided(struct demo_cases *c, const char *decision, int warning, json_int_t fen)
{
	STEP(&c->off, "record_waiver",
	     json_pack("{s:s, s:b}", "statement", "当事人签署书面意见：对告知的违法事实和处罚无异议，放弃陈述、申辩和听证。",
		       "hearing_waived", 1));
	STEP(&c->head, "decide_penalty",
	     json_pack("{s:o, s:s}", "penalty", pen(warning, fen), "decision_date", decision));
	return 0;
}

/* A hearing: requested on `requested`, notified on `notified_on` for the day 8 working
 * days later, presided over by c->pres; held when `hold`. */
static int hearing(struct demo_cases *c, const struct principal *presiding, const char *requested,
		   const char *notified_on, const char *place, int hold)
{
	STEP(&c->off, "request_hearing", json_pack("{s:s}", "hearing_requested_on", requested));
	STEP(&c->head, "schedule_hearing",
	     json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "hearing_notified_on", notified_on, "hearing_date",
		       F(c, notified_on, 8), "presiding_officer_id", c->pres, "hearing_time", "09:30", "hearing_place",
		       place, "hearing_clerk", "法制科工作人员"));
	if (hold)
		STEP(presiding, "hold_hearing",
		     json_pack("{s:[s,s], s:s, s:s, s:s, s:s}", "participants", "当事人的法定代表人", "当事人的委托代理人（律师）",
			       "hearing_end_time", "11:10", "investigators_case",
			       "案件调查人员陈述了当事人的违法事实，出示了现场检查笔录、调查询问笔录和现场照片，"
			       "并提出拟作出的行政处罚建议。",
			       "statement", "当事人对违法事实无异议，对现场照片和笔录的真实性予以确认；称已停止违法行为并积极整改，"
			       "请求从轻处罚。",
			       "conclusion", "违法事实清楚，证据确凿，当事人的申辩理由不足以免除处罚，可在裁量基准范围内考虑其整改情况。"));
	return 0;
}

/* The body of refer_jurisdiction. The receiving agency (to_agency, a public id) is
 * not yet a member the API accepts; when it is, add it here as "to_agency_id". */
static json_t *referral_body(const char *reason, const char *to_agency)
{
	return json_pack("{s:s, s:s}", "reason", reason, "to_agency_id", to_agency);
}

/* A summary-procedure case (Arts 51-52), decided on the spot yesterday by the two
 * investigators; collected on the spot when collect (Art 68); circ (owned, NULL when the
 * item has no benchmark) are the discretion circumstances (Art 34). Skipped, like a lead,
 * when the agency has a case with that cause. 0, 1 skipped, -1 error. */
static int csummary(struct demo_cases *c, const char *party, const char *item, const char *cause, const char *region,
		    const char *place, const char *facts, int warning, json_int_t fen, int collect, json_t *circ)
{
	db_stmt_t *st = db_prepare(c->d->db, "SELECT 1 FROM cases WHERE agency_id = ? AND cause = ?");
	json_t *sum;
	int rc;

	if (!st) {
		json_decref(circ);
		return zerr_internal(&c->d->e, db_errmsg(c->d->db));
	}
	db_bind_int(st, 1, c->agency_id);
	db_bind_text(st, 2, cause);
	rc = db_step(st);
	if (rc == DB_ROW) {
		db_run(st);
		json_decref(circ);
		c->d->cases.same++;
		return 1;
	}
	if (rc != DB_OK) {
		json_decref(circ);
		return db_zerr(c->d->db, rc, &c->d->e);
	}
	c->cause = cause;
	sum = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:[s,s], s:b}", "party_id", party, "item_code", item,
			"cause", cause, "violation_date", C(c, -1), "place_region", region, "place", place, "facts", facts,
			"penalty", pen(warning, fen), "officers", c->o1, c->o2, "collected_on_spot", collect);
	if (circ)
		json_object_set_new(sum, "discretion", json_pack("{s:o}", "circumstances", circ));
	rc = case_summary(c->d->db, &c->off, sum, c->pid, &c->d->e);
	json_decref(sum);
	if (rc < 0) {
		fprintf(stderr, "zhifa demo: summary case \"%s\":\n", cause);
		return -1;
	}
	c->d->cases.created++;
	return 0;
}

#define FUSHAN "330802006000"
#define XINAN "330802008000"
#define HEHUA "330802007000"
#define SHILIANG "330802100000"
#define HANGBU "330802101000"

/* 柯城区综合行政执法局: parties p[0] 餐饮公司, p[1] 建材贸易公司, p[2] 徐某某, p[3] 建筑工程公司,
 * p[4] 毛某某, p[5] 装饰工程公司, p[6] 超市公司 (a 市场监管 matter, referred). */
static int zhzf_cases(struct demo_cases *c, const char *const *p)
{
	const char *room = "柯城区综合行政执法局三楼听证室";
	int rc;

	NEW_CASE(p[0], "CG000010", "擅自占用城市道路堆放物品", "inspection", FUSHAN, "衢州市柯城区坊门街12号门前人行道",
		 "巡查发现当事人在店门前人行道上堆放货物约十平方米，影响行人通行，现场拍照取证。", C(c, -3), C(c, -2), 0) {}
	NEW_CASE(p[1], "CG000015", "未按规定设置户外广告", "complaint", HANGBU, "衢州市柯城区航埠镇工业园3号",
		 "群众投诉当事人在厂房外墙擅自设置大型户外广告牌一块（约6米×3米），未取得设置许可。", C(c, -20), C(c, -12), 0) {
		if (filed_and_inspected(c, W(c, 3), NULL, NULL, NULL) < 0)
			return -1;
	}
	NEW_CASE(p[2], "CG000005", "违规倾倒建筑垃圾", "inspection", XINAN, "衢州市柯城区新新路与花园路交叉口绿地",
		 "夜间巡查发现当事人驾驶三轮车将装修产生的建筑垃圾约一立方米倾倒在路边绿地内。", C(c, -35), C(c, -30), 0) {
		if (filed_and_inspected(c, W(c, 12), W(c, 10), "衢州市柯城区新新路与花园路交叉口",
					"现场检查：绿地内堆有碎砖、瓷砖等建筑垃圾约一立方米，拍摄照片八张，调取监控视频一段。") < 0)
			return -1;
		REC("inquiry", W(c, 8), "柯城区综合行政执法局询问室", "询问当事人：承认系其自家装修垃圾，因清运费用较高而倾倒。");
	}
	NEW_CASE(p[0], "CG000017", "店外经营", "inspection", FUSHAN, "衢州市柯城区坊门街12号",
		 "当事人在店铺门外人行道摆放餐桌六张经营夜宵，经劝导后仍继续。", C(c, -75), C(c, -70), 0) {
		if (filed_and_inspected(c, W(c, 35), W(c, 30), "衢州市柯城区坊门街12号",
					"现场检查：店外人行道摆放餐桌六张、塑料凳二十余张，当事人在场，拍摄照片六张。") < 0 ||
		    notified(c, W(c, 0), 0, 50000) < 0)
			return -1;
	}
	NEW_CASE(p[1], "CG000024", "擅自搭建临时建筑", "inspection", HANGBU, "衢州市柯城区航埠镇工业园3号厂区",
		 "当事人在厂区空地搭建彩钢板临时仓库约一百二十平方米，临时建设批准期限已届满未拆除。", C(c, -140), C(c, -130), 0) {
		if (filed_and_inspected(c, W(c, 75), W(c, 70), "衢州市柯城区航埠镇工业园3号",
					"现场勘验：彩钢板仓库长15米、宽8米，测量并绘制现场图，拍摄照片十张。") < 0 ||
		    notified(c, W(c, 40), 0, 150000) < 0 || waived_and_decided(c, W(c, 10), 0, 150000) < 0)
			return -1;
	}
	NEW_CASE(p[0], "CG000054", "未按规定分类投放垃圾", "inspection", FUSHAN, "衢州市柯城区坊门街垃圾分类投放点",
		 "当事人将餐厨垃圾与其他垃圾混合投放，经责令改正后再次发现混投。", C(c, -100), C(c, -95), 0) {
		if (filed_and_inspected(c, W(c, 55), W(c, 52), "衢州市柯城区坊门街垃圾分类投放点",
					"现场检查：其他垃圾桶内混有餐厨垃圾约二十千克，拍摄照片五张。") < 0 ||
		    notified(c, W(c, 40), 0, 200000) < 0 || waived_and_decided(c, W(c, 28), 0, 200000) < 0)
			return -1;
		/* served a month ago and unpaid: the payment period is over (mark_overdue is due) */
		STEP(&c->off, "serve_decision", json_pack("{s:s}", "service_date", W(c, 26)));
	}
	NEW_CASE(p[2], "CG000047", "噪声扰民", "complaint", XINAN, "衢州市柯城区新新路8号",
		 "群众多次投诉当事人夜间在住宅内使用音响设备，音量过大，影响周边居民休息。", C(c, -110), C(c, -105), 0) {
		if (filed_and_inspected(c, W(c, 60), W(c, 58), "衢州市柯城区新新路8号",
					"夜间现场检测：社会生活噪声52分贝，超过标准，当事人在场，拍摄视频一段。") < 0 ||
		    notified(c, W(c, 45), 0, 150000) < 0 || waived_and_decided(c, W(c, 35), 0, 150000) < 0)
			return -1;
		STEP(&c->off, "serve_decision", json_pack("{s:s}", "service_date", W(c, 33)));
		STEP(&c->off, "record_payment", json_pack("{s:s}", "paid_on", W(c, 25)));
		STEP(&c->head, "close_case", NULL);
	}
	NEW_CASE(p[3], "CG000039", "施工工地未采取有效防尘降尘措施", "inspection", SHILIANG, "衢州市柯城区石梁镇安置房项目工地",
		 "当事人承建的工地裸土未覆盖、车辆出场未冲洗，扬尘明显。", C(c, -140), C(c, -135), 0) {
		if (filed_and_inspected(c, W(c, 80), W(c, 78), "衢州市柯城区石梁镇安置房项目工地",
					"现场检查：约三千平方米裸土未覆盖，出入口未设冲洗设施，拍摄照片十二张。") < 0)
			return -1;
		REC("inquiry", W(c, 76), "柯城区综合行政执法局询问室", "询问项目负责人：承认防尘措施未落实，已安排整改。");
		if (notified(c, W(c, 60), 0, 500000) < 0)
			return -1;
		STEP(&c->off, "record_statement",
		     json_pack("{s:s}", "statement", "当事人陈述：已完成裸土覆盖并设置冲洗平台，请求从轻处罚。"));
		STEP(&c->head, "decide_penalty", json_pack("{s:o, s:s}", "penalty", pen(0, 500000), "decision_date", W(c, 50)));
		STEP(&c->off, "serve_decision", json_pack("{s:s}", "service_date", W(c, 48)));
		STEP(&c->off, "record_payment", json_pack("{s:s}", "paid_on", W(c, 40)));
		STEP(&c->head, "close_case", NULL);
		STEP(&c->off, "archive_case", NULL);
	}
	NEW_CASE(p[3], "CG000008", "临街工地未设置护栏", "inspection", SHILIANG, "衢州市柯城区石梁镇石梁路临街工地",
		 "当事人临街施工工地未设置围挡，建筑材料堆放至人行道。", C(c, -115), C(c, -112), 0) {
		if (filed_and_inspected(c, W(c, 66), W(c, 62), "衢州市柯城区石梁镇石梁路",
					"现场检查：临街一侧约四十米未设围挡，拍摄照片七张。") < 0)
			return -1;
		STEP(&c->off, "submit_investigation", NULL);
	}
	NEW_CASE(p[2], "CG000031", "损坏城市绿化带", "hotline", XINAN, "衢州市柯城区信安路绿化带",
		 "12345热线转办：反映有人驾车撞毁信安路绿化带灌木约二十米。", C(c, -10), C(c, -8), 0) {
		STEP(&c->head, "decline_filing",
		     json_pack("{s:s}", "reason", "经现场核查，绿化带系交通事故中车辆失控撞毁，已由保险公司赔偿并修复，"
						 "不属于故意损坏城市绿化设施的违法行为，不予立案。"));
	}
	NEW_CASE(p[0], "CG000041", "餐饮油烟未经净化直接排放", "complaint", FUSHAN, "衢州市柯城区坊门街12号",
		 "楼上住户投诉当事人厨房油烟直排，未安装油烟净化设施。", C(c, -35), C(c, -32), 0) {
		if (filed_and_inspected(c, W(c, 14), NULL, NULL, NULL) < 0)
			return -1;
		STEP(&c->off, "start_investigation", json_pack("{s:[s,s]}", "investigators", c->o1, c->o2));
		STEP(&c->head, "dismiss_case",
		     json_pack("{s:s}", "reason", "经核查，当事人已于投诉前安装油烟净化设施并正常使用，第三方检测报告显示排放达标，"
						 "立案依据的违法事实不存在，撤销立案。"));
	}
	NEW_CASE(p[1], "CG000022", "未取得建设工程规划许可证建设厂房", "inspection", HANGBU, "衢州市柯城区航埠镇工业园3号",
		 "当事人未取得建设工程规划许可证，在厂区内新建钢结构厂房约六百平方米。", C(c, -80), C(c, -75), 0) {
		if (filed_and_inspected(c, W(c, 40), W(c, 35), "衢州市柯城区航埠镇工业园3号",
					"现场勘验：新建钢结构厂房一幢，测量面积约六百平方米，拍摄照片十五张。") < 0 ||
		    notified(c, W(c, 3), 0, 2000000) < 0)
			return -1;
		STEP(&c->off, "request_hearing", json_pack("{s:s}", "hearing_requested_on", W(c, 1)));
	}
	NEW_CASE(p[3], "CG000034", "擅自占用城市绿化用地", "inspection", SHILIANG, "衢州市柯城区石梁镇沿江公园",
		 "当事人未经同意，占用沿江公园绿化用地约三百平方米堆放建材。", C(c, -95), C(c, -90), 0) {
		if (filed_and_inspected(c, W(c, 50), W(c, 45), "衢州市柯城区石梁镇沿江公园",
					"现场勘验：绿化用地被占用约三百平方米，苗木损毁，拍摄照片九张。") < 0 ||
		    notified(c, W(c, 12), 0, 3000000) < 0 || hearing(c, &c->legal, W(c, 10), W(c, 4), room, 0) < 0)
			return -1;
	}
	NEW_CASE(p[0], "CG000042", "在居民住宅楼内新建产生油烟的餐饮项目", "complaint", FUSHAN, "衢州市柯城区府山街道某住宅楼底层",
		 "当事人在未配套设立专用烟道的住宅楼底层新建餐饮项目，油烟影响住户。", C(c, -110), C(c, -105), 0) {
		if (filed_and_inspected(c, W(c, 60), W(c, 55), "衢州市柯城区府山街道某住宅楼底层",
					"现场检查：该楼未配套专用烟道，当事人已开业经营，拍摄照片六张。") < 0 ||
		    notified(c, W(c, 30), 0, 2000000) < 0 || hearing(c, &c->legal, W(c, 28), W(c, 27), room, 1) < 0)
			return -1;
	}
	NEW_CASE(p[1], "CG000029", "向城镇排水设施倾倒危险废液", "inspection", HANGBU, "衢州市柯城区航埠镇工业园雨污管网",
		 "排水管网巡查发现当事人通过厂区雨水井向城镇排水设施倾倒含油废液。", C(c, -90), C(c, -85), 0) {
		if (filed_and_inspected(c, W(c, 45), W(c, 40), "衢州市柯城区航埠镇工业园3号厂区雨水井",
					"现场检查：雨水井内有明显油污，提取水样两份送检，拍摄照片十一张。") < 0)
			return -1;
		REC("inquiry", W(c, 38), "柯城区综合行政执法局询问室", "询问当事人车间主任：承认清洗设备废液经雨水井排放。");
		if (notified(c, W(c, 15), 0, 12000000) < 0)
			return -1;
		STEP(&c->off, "record_waiver",
		     json_pack("{s:s, s:b}", "statement", "当事人书面放弃陈述、申辩和听证。", "hearing_waived", 1));
		STEP(&c->off, "submit_legal_review", NULL);
	}
	NEW_CASE(p[3], "CG000048", "未取得燃气经营许可证从事燃气经营", "hotline", SHILIANG, "衢州市柯城区石梁镇某仓库",
		 "12345热线举报当事人在仓库内存放并向周边餐馆配送瓶装液化气，未取得燃气经营许可证。", C(c, -105), C(c, -100), 1) {
		if (filed_and_inspected(c, W(c, 55), W(c, 50), "衢州市柯城区石梁镇某仓库",
					"现场检查：仓库内存放液化石油气钢瓶四十六只，现场无经营许可证，拍摄照片十四张。") < 0)
			return -1;
		REC("inquiry", W(c, 48), "柯城区综合行政执法局询问室", "询问当事人法定代表人：承认无证配送瓶装液化气约三个月。");
		if (notified(c, W(c, 20), 0, 15000000) < 0)
			return -1;
		STEP(&c->off, "record_waiver",
		     json_pack("{s:s, s:b}", "statement", "当事人书面放弃陈述、申辩和听证。", "hearing_waived", 1));
		STEP(&c->off, "submit_legal_review", NULL);
		STEP(&c->legal, "record_legal_review",
		     json_pack("{s:b, s:s}", "passed", 1, "opinion", "事实清楚，证据确凿，适用依据正确，程序合法，处罚适当；"
								 "案情复杂，建议提请集体讨论。"));
		STEP(&c->off, "submit_collective_discussion", NULL);
	}
	NEW_CASE(p[1], "CG000027", "未取得排水许可向城镇排水设施排放污水", "inspection", HANGBU, "衢州市柯城区航埠镇工业园3号",
		 "当事人未取得污水排入排水管网许可证，将生产废水直接排入城镇污水管网。", C(c, -125), C(c, -120), 1) {
		if (filed_and_inspected(c, W(c, 70), W(c, 65), "衢州市柯城区航埠镇工业园3号",
					"现场检查：厂区排水口接入市政污水管网，无排水许可证，采样两份，拍摄照片十张。") < 0)
			return -1;
		REC("inquiry", W(c, 63), "柯城区综合行政执法局询问室", "询问当事人法定代表人：承认未办理排水许可。");
		if (notified(c, W(c, 40), 0, 3000000) < 0 || hearing(c, &c->legal, W(c, 38), W(c, 37), room, 1) < 0)
			return -1;
		STEP(&c->off, "submit_legal_review", NULL);
		STEP(&c->legal, "record_legal_review",
		     json_pack("{s:b, s:s}", "passed", 1, "opinion", "经听证，事实清楚，证据确凿，当事人申辩理由不成立，同意拟处罚意见。"));
		STEP(&c->off, "submit_collective_discussion", NULL);
		STEP(&c->head, "record_collective_discussion",
		     json_pack("{s:[s,s,s], s:s, s:s, s:s}", "participants", "局长", "分管副局长", "法制科负责人", "conclusion",
			       "经集体讨论，同意对当事人罚款三万元。", "discussion_place", "柯城区综合行政执法局会议室", "recorder",
			       "法制科工作人员"));
		STEP(&c->head, "decide_penalty", json_pack("{s:o, s:s}", "penalty", pen(0, 3000000), "decision_date", W(c, 0)));
	}
	NEW_CASE(p[2], "CG000018", "超出门窗外墙经营", "inspection", XINAN, "衢州市柯城区新新路8号",
		 "当事人在店铺门外摆放水果摊位，超出门窗经营。", C(c, -36), C(c, -35), 0) {
		if (filed_and_inspected(c, W(c, 15), W(c, 12), "衢州市柯城区新新路8号",
					"现场检查：店外摆放水果摊位约二平方米，当事人当场收回，拍摄照片三张。") < 0)
			return -1;
		STEP(&c->off, "submit_investigation", NULL);
		STEP(&c->head, "decide_no_penalty",
		     json_pack("{s:[s], s:s, s:s}", "grounds", "first_minor_harm", "decision_date", W(c, 2), "reason",
			       "当事人系初次违法，危害后果轻微并已当场改正，依法不予行政处罚，并对其进行教育。"));
	}
	NEW_CASE(p[4], "CG000036", "挖掘城市道路后未及时恢复", "inspection", HEHUA, "衢州市柯城区荷花三路",
		 "当事人为自建房接管挖掘人行道约十五米，完工后未恢复原状。", C(c, -58), C(c, -55), 0) {
		if (filed_and_inspected(c, W(c, 28), W(c, 26), "衢州市柯城区荷花三路",
					"现场检查：人行道被挖掘约十五米未恢复，设置临时警示，拍摄照片五张。") < 0)
			return -1;
		STEP(&c->head, "suspend_case",
		     json_pack("{s:s}", "reason", "当事人外出务工，经多次电话和上门联系均无法找到，调查无法继续，依法中止。"));
	}
	NEW_CASE(p[5], "CG000051", "夜间向荷花溪岸边倾倒工业污泥", "complaint", HEHUA, "衢州市柯城区荷花溪北岸",
		 "群众举报当事人车辆夜间向荷花溪岸边倾倒工业污泥约二十吨。", C(c, -40), C(c, -38), 0) {
		if (filed_and_inspected(c, W(c, 25), W(c, 23), "衢州市柯城区荷花溪北岸",
					"现场检查：岸边堆积黑色污泥约二十吨，取样三份送检，检出铅、镉含量超标。") < 0)
			return -1;
		/* 移送规定 Art 5: the two investigators' written report, approved by the head */
		STEP(&c->head, "transfer_criminal",
		     json_pack("{s:[s,s], s:s, s:s}", "report_officers", c->o1, c->o2, "transfer_report",
			       "经专案组核实，当事人倾倒的工业污泥经检测含铅、镉等重金属，数量约二十吨，"
			       "涉嫌构成污染环境罪（刑法第三百三十八条），建议移送公安机关。",
			       "reason", "经负责人审批，涉嫌犯罪，依法移送柯城区公安分局。"));
		STEP(&c->off, "record_transfer_receipt",
		     json_pack("{s:s}", "reason", "柯城区公安分局已出具接受移送回执。"));
	}
	NEW_CASE(p[5], "CG000051", "运输建筑垃圾沿途撒漏", "inspection", HEHUA, "衢州市柯城区荷花路",
		 "当事人车辆运输装修垃圾未密闭，沿荷花路撒漏约两百米。", C(c, -72), C(c, -70), 0) {
		if (filed_and_inspected(c, W(c, 38), W(c, 36), "衢州市柯城区荷花路",
					"现场检查：路面撒漏建筑垃圾约两百米，调取道路监控，拍摄照片六张。") < 0)
			return -1;
		STEP(&c->head, "terminate_case",
		     json_pack("{s:s}", "reason", "当事人已于调查期间经核准注销登记，无权利义务承受人，终止调查。"));
	}
	NEW_CASE(p[6], "SC000003", "熟食档口销售菌落总数超标的卤味", "complaint", HEHUA, "衢州市柯城区荷花三路66号",
		 "群众投诉当事人在超市内增设的熟食档口销售的卤味变质，快检显示菌落总数超标。", C(c, -6), C(c, -5), 0) {
		/* a food-safety item claimed by the 市场监管 bureau: referred to it (Art 22) */
		STEP(&c->head, "refer_jurisdiction",
		     referral_body("经核查，所涉行为为销售不符合食品安全标准的食品，属市场监督管理部门管辖，依法移送柯城区市场监督管理局。",
				   c->d->agency_pid[1]));
	}
	NEW_CASE(p[0], "CG000016", "擅自设置店招店牌", "inspection", FUSHAN, "衢州市柯城区坊门街12号",
		 "当事人未经审批擅自设置超出规范尺寸的店招店牌。", C(c, -155), C(c, -150), 0) {
		if (filed_and_inspected(c, W(c, 90), W(c, 85), "衢州市柯城区坊门街12号",
					"现场检查：店招长12米、高2.5米，超出街区店招规范，拍摄照片四张。") < 0 ||
		    notified(c, W(c, 70), 0, 300000) < 0 || waived_and_decided(c, W(c, 60), 0, 300000) < 0)
			return -1;
		STEP(&c->off, "serve_decision", json_pack("{s:s}", "service_date", W(c, 58)));
		STEP(&c->off, "record_remedy_filed",
		     json_pack("{s:s}", "reason", "当事人向衢州市柯城区人民政府申请行政复议。"));
		STEP(&c->off, "remedy_revoked",
		     json_pack("{s:s}", "reason", "衢州市柯城区人民政府作出行政复议决定：该店招已取得街道备案，原处罚决定认定事实不清，予以撤销。"));
	}
	NEW_CASE(p[3], "CG000040", "运输渣土车辆未密闭", "inspection", HEHUA, "衢州市柯城区荷花路与三衢路交叉口",
		 "当事人渣土运输车辆未密闭运输，车厢顶部敞开。", C(c, -290), C(c, -285), 0) {
		if (filed_and_inspected(c, W(c, 175), W(c, 170), "衢州市柯城区荷花路与三衢路交叉口",
					"现场检查：车辆车厢未覆盖，沿途有撒漏，拍摄照片五张。") < 0 ||
		    notified(c, W(c, 155), 0, 800000) < 0 || waived_and_decided(c, W(c, 145), 0, 800000) < 0)
			return -1;
		STEP(&c->off, "serve_decision", json_pack("{s:s}", "service_date", W(c, 143)));
		STEP(&c->off, "mark_overdue", NULL);
		STEP(&c->off, "issue_demand", json_pack("{s:s}", "demand_served", W(c, 15)));
		STEP(&c->head, "apply_enforcement",
		     json_pack("{s:s}", "reason", "当事人在法定期限内未申请复议、提起诉讼，经催告仍不履行，申请衢州市柯城区人民法院强制执行。"));
	}
	if (csummary(c, p[2], "CG000001", "乱扔垃圾", FUSHAN, "衢州市柯城区府山街道坊门街", "当事人在坊门街随手丢弃烟头、纸屑，经劝阻后拒不捡拾。",
		     0, 5000, 1,
		     /* data/discretion CG000001 2024.1: an adult who would not pick it up, no harm,
		      * under 5 m² — rule adult-uncorrected-small, 50–100 yuan */
		     json_pack("{s:b, s:b, s:s, s:b, s:b, s:b, s:i}", "first_violation", 0, "corrected", 0, "harm",
			       "none", "repeat", 0, "art32", 0, "minor", 0, "area_m2", 1)) < 0)
		return -1;
	return 0;
}

/* 柯城区市场监督管理局: parties q[0] 食品公司, q[1] 超市公司, q[2] 王某某, q[3] 广告传媒公司. */
static int scjg_cases(struct demo_cases *c, const char *const *q)
{
	const char *office = "柯城区市场监督管理局询问室";
	int rc;

	NEW_CASE(q[3], "SC000027", "发布虚假广告", "complaint", HEHUA, "衢州市柯城区荷花三路公交站台广告位",
		 "12315投诉：当事人发布的保健品广告宣称“七天根治高血压”，内容虚假。", C(c, -15), C(c, -5), 0) {}
	NEW_CASE(q[1], "CG000015", "擅自设置户外广告设施", "complaint", HEHUA, "衢州市柯城区荷花三路66号",
		 "12315投诉：当事人在超市门前设置大型落地广告牌，宣传促销商品。", C(c, -8), C(c, -7), 0) {
		/* referred to the comprehensive bureau, which returns it (退回移送) */
		struct principal zh;
		json_t *back;
		db_stmt_t *st;
		char lead[40] = "";

		if (demo_principal(c->d, "demo-head-zhzf", &zh) < 0)
			return -1;
		STEP(&c->head, "refer_jurisdiction",
		     referral_body("经核查，所涉行为为擅自设置户外广告设施，属综合行政执法部门管辖，依法移送柯城区综合行政执法局。",
				   zh.agency_pid));
		st = db_prepare(c->d->db, "SELECT referred_to FROM cases WHERE public_id = ?");
		if (!st)
			return zerr_internal(&c->d->e, db_errmsg(c->d->db));
		db_bind_text(st, 1, c->pid);
		if (db_step(st) == DB_ROW) {
			snprintf(lead, sizeof(lead), "%s", db_col_text(st, 0));
			db_run(st);
		}
		back = json_pack("{s:s}", "reason",
				 "经现场核实，该广告牌为商品促销宣传，内容涉嫌虚假宣传，属广告监管，不属于本局管辖，退回移送机关。");
		if (case_perform(c->d->db, &zh, lead, "return_referral", back, &c->d->e) < 0) {
			json_decref(back);
			fprintf(stderr, "zhifa demo: case \"%s\", step return_referral:\n", c->cause);
			return -1;
		}
		json_decref(back);
	}
	NEW_CASE(q[1], "SC000014", "销售以次充好的商品", "complaint", HEHUA, "衢州市柯城区荷花三路66号",
		 "12315投诉：当事人将普通大米标注为“五常大米”销售。", C(c, -12), C(c, -9), 0) {
		STEP(&c->head, "decline_filing",
		     json_pack("{s:s}", "reason", "经抽样检验及核查进货凭证，涉诉大米产地与标注一致，举报反映的问题不属实，不予立案。"));
	}
	NEW_CASE(q[0], "SC000006", "未按规定对采购的食品原料进行检验", "inspection", HANGBU, "衢州市柯城区航埠镇工业园8号",
		 "日常检查发现当事人未按规定对采购的食品原料进行查验，无进货查验记录。", C(c, -10), C(c, -8), 0) {
		if (filed_and_inspected(c, W(c, 1), NULL, NULL, NULL) < 0)
			return -1;
	}
	NEW_CASE(q[0], "SC000002", "在食品中添加非食用物质", "inspection", HANGBU, "衢州市柯城区航埠镇工业园8号",
		 "专项检查发现当事人生产的辣椒酱中检出工业用亚硝酸钠。", C(c, -95), C(c, -90), 0) {
		if (filed_and_inspected(c, C(c, -88), F(c, C(c, -88), 2), "衢州市柯城区航埠镇工业园8号生产车间",
					"现场检查：车间内发现工业用亚硝酸钠三袋，抽取成品样品四份送检，拍摄照片二十张。") < 0)
			return -1;
		REC("inquiry", F(c, C(c, -88), 4), office, "询问当事人生产主管：承认为延长保质期在辣椒酱中添加亚硝酸钠。");
		STEP(&c->off, "preserve_evidence",
		     json_pack("{s:s, s:b, s:s, s:s, s:[{s:s, s:s, s:s}, {s:s, s:s, s:s}]}", "preservation_on", W(c, 5),
			       "preservation_approved", 1, "preservation_place", "当事人成品仓库（已加贴封条）",
			       "preservation_manner", "就地封存", "preservation_items", "name", "辣椒酱", "spec", "500克/瓶",
			       "quantity", "240瓶", "name", "工业用亚硝酸钠", "spec", "25千克/袋", "quantity", "3袋"));
	}
	NEW_CASE(q[1], "SC000003", "销售微生物超标的熟食", "inspection", HEHUA, "衢州市柯城区荷花三路66号",
		 "抽检发现当事人销售的卤鸭菌落总数超过食品安全标准限量。", C(c, -62), C(c, -58), 0) {
		if (filed_and_inspected(c, W(c, 30), W(c, 28), "衢州市柯城区荷花三路66号熟食柜台",
					"现场检查：熟食柜台有同批次卤鸭十二只，拍摄照片八张。") < 0)
			return -1;
		STEP(&c->off, "preserve_evidence",
		     json_pack("{s:s, s:b, s:s, s:s, s:[{s:s, s:s}]}", "preservation_on", W(c, 27), "preservation_approved", 1,
			       "preservation_place", "当事人冷柜", "preservation_manner", "就地封存", "preservation_items", "name",
			       "卤鸭", "quantity", "12只"));
		STEP(&c->head, "decide_preserved_evidence",
		     json_pack("{s:s, s:s, s:s}", "disposal", "inspection", "disposal_note",
			       "抽取卤鸭样品两只送衢州市食品药品检验研究院检验，其余十只继续封存于当事人冷柜，"
			       "待检验结果作出后依法处理。",
			       "reason", "菌落总数超标须经法定检验机构检验确认。"));
		STEP(&c->off, "submit_investigation", NULL);
	}
	NEW_CASE(q[3], "SC000028", "发布含有禁止情形的广告", "inspection", XINAN, "衢州市柯城区信安路户外电子屏",
		 "当事人在户外电子屏发布使用“国家级”“最佳”用语的广告。", C(c, -50), C(c, -46), 0) {
		if (filed_and_inspected(c, W(c, 22), W(c, 20), "衢州市柯城区信安路",
					"现场检查：电子屏循环播放含“国家级”“最佳”用语的房产广告，录制视频一段。") < 0 ||
		    notified(c, W(c, 2), 0, 300000) < 0)
			return -1;
	}
	NEW_CASE(q[0], "SC000010", "拒绝、阻挠食品安全监督检查", "inspection", HANGBU, "衢州市柯城区航埠镇工业园8号",
		 "执法人员依法检查时，当事人锁闭仓库拒绝检查。", C(c, -75), C(c, -75), 0) {
		if (filed_and_inspected(c, W(c, 40), W(c, 35), "衢州市柯城区航埠镇工业园8号",
					"现场记录：当事人锁闭仓库拒不配合，执法记录仪全程录像。") < 0 ||
		    notified(c, W(c, 14), 0, 2500000) < 0 ||
		    hearing(c, &c->head, W(c, 12), W(c, 2), "柯城区市场监督管理局听证室", 0) < 0)
			return -1;
	}
	NEW_CASE(q[2], "SC000039", "无证销售药品", "complaint", XINAN, "衢州市柯城区新新路菜市场",
		 "群众举报当事人在菜市场摊位销售感冒药、止痛药，无药品经营许可证。", C(c, -60), C(c, -58), 0) {
		if (filed_and_inspected(c, W(c, 30), W(c, 26), "衢州市柯城区新新路菜市场",
					"现场检查：摊位有药品九个品种共六十余盒，无药品经营许可证，拍摄照片七张。") < 0 ||
		    notified(c, W(c, 18), 0, 150000) < 0 || waived_and_decided(c, W(c, 8), 0, 150000) < 0)
			return -1;
		STEP(&c->off, "serve_decision", json_pack("{s:s}", "service_date", W(c, 7)));
	}
	NEW_CASE(q[1], "SC000013", "销售不符合强制性国家标准的电热毯", "inspection", HEHUA, "衢州市柯城区荷花三路66号",
		 "监督抽查发现当事人销售的电热毯泄漏电流不符合强制性国家标准。", C(c, -110), C(c, -105), 0) {
		if (filed_and_inspected(c, W(c, 60), W(c, 55), "衢州市柯城区荷花三路66号",
					"现场检查：同型号电热毯库存十八条，拍摄照片五张。") < 0 ||
		    notified(c, W(c, 45), 0, 600000) < 0 || waived_and_decided(c, W(c, 35), 0, 600000) < 0)
			return -1;
		STEP(&c->off, "serve_decision", json_pack("{s:s}", "service_date", W(c, 33)));
		STEP(&c->off, "mark_overdue", NULL);
	}
	NEW_CASE(q[3], "SC000029", "发布违法医疗广告", "inspection", XINAN, "衢州市柯城区信安路",
		 "当事人为某诊所发布含治愈率的医疗广告。", C(c, -85), C(c, -82), 0) {
		if (filed_and_inspected(c, W(c, 45), W(c, 40), "衢州市柯城区信安路",
					"现场检查：广告牌含“治愈率98%”内容，拍摄照片三张。") < 0 ||
		    notified(c, W(c, 25), 0, 800000) < 0 || waived_and_decided(c, W(c, 10), 0, 800000) < 0)
			return -1;
		STEP(&c->off, "serve_decision", json_pack("{s:s}", "service_date", W(c, 8)));
		STEP(&c->head, "approve_deferral",
		     json_pack("{s:b, s:s, s:s}", "party_applied", 1, "deferred_until", C(c, 60), "reason",
			       "当事人因经营困难书面申请暂缓缴纳罚款，经审查符合条件，批准暂缓六十日。"));
	}
	NEW_CASE(q[0], "SC000007", "未制定食品安全事故处置方案", "inspection", HANGBU, "衢州市柯城区航埠镇工业园8号",
		 "检查发现当事人未制定食品安全事故处置方案，经责令改正逾期未改。", C(c, -78), C(c, -75), 0) {
		if (filed_and_inspected(c, W(c, 40), W(c, 36), "衢州市柯城区航埠镇工业园8号",
					"现场检查：当事人不能提供食品安全事故处置方案，拍摄照片二张。") < 0 ||
		    notified(c, W(c, 25), 0, 900000) < 0 || waived_and_decided(c, W(c, 12), 0, 900000) < 0)
			return -1;
		STEP(&c->off, "serve_decision", json_pack("{s:s}", "service_date", W(c, 10)));
		STEP(&c->head, "approve_instalments",
		     json_pack("{s:b, s:[{s:i, s:s}, {s:i, s:s}, {s:i, s:s}], s:s}", "party_applied", 1, "instalments",
			       "amount_fen", 300000, "due", C(c, 5), "amount_fen", 300000, "due", C(c, 35), "amount_fen", 300000,
			       "due", C(c, 65), "reason", "当事人书面申请分期缴纳，经审查批准分三期缴纳。"));
		STEP(&c->off, "pay_instalment", json_pack("{s:s}", "paid_on", W(c, 0)));
	}
	NEW_CASE(q[1], "SC000025", "编造传播虚假信息损害竞争对手商誉", "complaint", HEHUA, "衢州市柯城区荷花三路66号",
		 "竞争对手投诉当事人在店内张贴告示，称对方销售的商品为假货。", C(c, -85), C(c, -80), 0) {
		if (filed_and_inspected(c, W(c, 45), W(c, 42), "衢州市柯城区荷花三路66号",
					"现场检查：店内张贴告示两张，内容无事实依据，拍摄照片二张。") < 0 ||
		    notified(c, W(c, 30), 0, 500000) < 0 || waived_and_decided(c, W(c, 20), 0, 500000) < 0)
			return -1;
		STEP(&c->off, "serve_decision", json_pack("{s:s}", "service_date", W(c, 18)));
		STEP(&c->off, "record_payment", json_pack("{s:s}", "paid_on", W(c, 12)));
	}
	NEW_CASE(q[0], "SC000021", "擅自使用他人有一定影响的商品包装", "complaint", HANGBU, "衢州市柯城区航埠镇工业园8号",
		 "权利人投诉当事人生产的月饼使用与其知名品牌近似的包装装潢。", C(c, -115), C(c, -112), 0) {
		if (filed_and_inspected(c, W(c, 65), W(c, 60), "衢州市柯城区航埠镇工业园8号",
					"现场检查：库存近似包装月饼三百二十盒，拍摄照片十张。") < 0 ||
		    notified(c, W(c, 50), 0, 700000) < 0 || waived_and_decided(c, W(c, 40), 0, 700000) < 0)
			return -1;
		STEP(&c->off, "serve_decision", json_pack("{s:s}", "service_date", W(c, 38)));
		STEP(&c->off, "record_payment", json_pack("{s:s}", "paid_on", W(c, 34)));
		STEP(&c->head, "close_case", NULL);
	}
	NEW_CASE(q[2], "SC000022", "商业贿赂", "complaint", XINAN, "衢州市柯城区新新路菜市场",
		 "举报当事人向菜市场管理人员给付财物以获取摊位。", C(c, -55), C(c, -52), 0) {
		if (filed_and_inspected(c, W(c, 25), W(c, 22), "衢州市柯城区新新路菜市场",
					"现场检查并调取市场管理台账，拍摄照片三张。") < 0)
			return -1;
		STEP(&c->head, "terminate_case",
		     json_pack("{s:s}", "reason", "经调查，所涉财物系依约缴纳的摊位管理费，违法事实不能成立，终止调查。"));
	}
	if (csummary(c, q[0], "SC000006", "未查验食品原料供货者许可证明", HANGBU, "衢州市柯城区航埠镇工业园8号",
		     "检查发现当事人采购食用油未查验供货者的许可证和产品合格证明，当场责令改正。", 1, 200000, 0, NULL) < 0 ||
	    (rc = csummary(c, q[1], "SC000007", "熟食区未张贴食品安全事故处置方案", HEHUA, "衢州市柯城区荷花三路66号",
			   "检查发现当事人熟食区未建立食品安全事故处置方案，情节轻微，当场予以警告。", 1, 0, 0, NULL)) < 0)
		return -1;
	if (rc == 0) { /* a warning only: nothing to pay, closed and archived */
		STEP(&c->head, "close_case", NULL);
		STEP(&c->off, "archive_case", NULL);
	}
	return 0;
}

/* One agency's accounts, officers and plan. officer/head name the demo accounts;
 * legal, when set, the legal reviewer. */
static int agency_cases(struct demo_run *d, const char *officer, const char *head, const char *legal,
			int (*plan)(struct demo_cases *, const char *const *), const char *const *parties)
{
	struct demo_cases c;
	char today[ZDATE_STRLEN];

	memset(&c, 0, sizeof(c));
	c.d = d;
	c.cal = calendar_for(d->db);
	zdate_today(&c.t);
	zdate_format(c.t, today);
	if (begin(d) < 0)
		return -1;
	/* the investigators are the officer account's officer and the next one; the head's
	 * and the legal reviewer's officers preside over hearings (not investigators) */
	if (demo_link(d, officer, 1, 0, 0, today, c.o1, sizeof(c.o1)) < 0 ||
	    demo_link(d, officer, 0, 0, 1, today, c.o2, sizeof(c.o2)) < 0 ||
	    demo_link(d, head, 1, 0, 2, today, c.pres, sizeof(c.pres)) < 0 ||
	    (legal && demo_link(d, legal, 1, 1, 0, today, c.pres, sizeof(c.pres)) < 0)) {
		db_rollback(d->db);
		return -1;
	}
	if (commit(d) < 0)
		return -1;
	if (demo_principal(d, officer, &c.off) < 0 || demo_principal(d, head, &c.head) < 0 ||
	    (legal && demo_principal(d, legal, &c.legal) < 0))
		return -1;
	if (!legal)
		c.legal = c.head;
	c.agency_id = c.off.agency_id;
	return plan(&c, parties);
}

static int put_cases(struct demo_run *d)
{
	static const struct {
		const char *kind, *name, *body, *address;
	} parties[] = {
		{ "organisation", "衢州市柯城区某某餐饮有限公司", "91330802MA2D00010", "衢州市柯城区府山街道坊门街12号" },
		{ "organisation", "衢州某某建材贸易有限公司", "91330802MA2D00020", "衢州市柯城区航埠镇工业园3号" },
		{ "person", "徐某某", "33080219850612301", "衢州市柯城区信安街道新新路8号" },
		{ "organisation", "衢州某某建筑工程有限公司", "91330802MA2D00060", "衢州市柯城区石梁镇石梁路18号" },
		{ "person", "毛某某", "33080219780923151", "衢州市柯城区荷花街道荷花三路12号" },
		{ "organisation", "衢州某某装饰工程有限公司", "91330802MA2D00070", "衢州市柯城区荷花街道荷花路120号" },
		{ "organisation", "衢州市柯城区某某超市有限公司", "91330802MA2D00040", "衢州市柯城区荷花街道荷花三路66号" },
		{ "organisation", "衢州某某食品有限公司", "91330802MA2D00030", "衢州市柯城区航埠镇工业园8号" },
		{ "person", "王某某", "33080219900315452", "衢州市柯城区信安街道新新路菜市场" },
		{ "organisation", "衢州某某广告传媒有限公司", "91330802MA2D00050", "衢州市柯城区信安街道信安路88号" },
	};
	char pid[sizeof(parties) / sizeof(parties[0])][40], id[19];
	const char *z[7], *s[4];
	size_t i;

	if (begin(d) < 0)
		return -1;
	for (i = 0; i < sizeof(parties) / sizeof(parties[0]); i++) {
		if (strcmp(parties[i].kind, "person") == 0)
			id_make(parties[i].body, id);
		else
			uscc_make(parties[i].body, id);
		if (demo_party(d, parties[i].kind, parties[i].name, id, parties[i].address, pid[i], sizeof(pid[i])) < 0) {
			db_rollback(d->db);
			return -1;
		}
	}
	if (commit(d) < 0)
		return -1;
	for (i = 0; i < 7; i++)
		z[i] = pid[i];
	s[0] = pid[7];
	s[1] = pid[6];
	s[2] = pid[8];
	s[3] = pid[9];
	return agency_cases(d, "demo-officer-zhzf", "demo-head-zhzf", "demo-legal", zhzf_cases, z) < 0 ||
			       agency_cases(d, "demo-officer-scjg", "demo-head-scjg", NULL, scjg_cases, s) < 0
		       ? -1
		       : 0;
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
		      "  of its common items, data/discretion, and penalty cases in every state of both\n"
		      "  procedures (demo accounts' password " DEMO_PASSWORD ").\n"
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
	d->cfg = &cfg;
	d->db = cli_open_db(&cfg, 1);
	if (!d->db)
		goto out;
	/* The demo's cases are a few hundred small transactions (one per step, as the API
	 * runs them). This connection alone commits them without waiting for the disk:
	 * a crash may lose the last few, never corrupt the database (SQLite WAL with
	 * synchronous=NORMAL; PostgreSQL synchronous_commit=off), and a second run puts
	 * back whatever is missing. */
	if (db_exec(d->db, db_dialect(d->db) == DB_SQLITE ? "PRAGMA synchronous=NORMAL"
							   : "SET synchronous_commit = off") != DB_OK) {
		fprintf(stderr, "zhifa demo: %s\n", db_errmsg(d->db));
		goto out;
	}
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
		print_tally("evidence", &d->evidence);
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
