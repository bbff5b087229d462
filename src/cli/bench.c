/* zhifa bench: hidden benchmark helpers for bench/run.sh (not listed in `zhifa --help`).
 *
 *   zhifa bench write --db URL [--count N]
 *     The domain write path of PATCH /api/v1/agencies/{id}, in-process and one writer:
 *     BEGIN IMMEDIATE, record_decode, record_update, record_load_state, ledger_append,
 *     COMMIT (synchronous=FULL: one WAL fsync per commit) — and the same write without
 *     ledger_append, in alternating rounds so both see the same disk and noise. Also
 *     the bare commit floor (BEGIN; one-row UPDATE; COMMIT) of this disk. Rates are
 *     each mode's median round; the ledger's overhead is the median over rounds of the
 *     ledger round's time against the write-only round's right after it.
 *
 *   zhifa bench step --db URL [--count N]
 *     A case step as POST /api/v1/cases/{id}/record_statement performs it, in-process
 *     through case_perform (lock, snapshot, guards, update, deadlines, step row, ledger
 *     entry, COMMIT) on the demo's notified case, as its officer; then the same step
 *     followed by case_view (what the HTTP answer carries: deadlines, next_actions);
 *     and the bare commit floor, in alternating rounds (median round), as for `write`.
 *
 *   zhifa bench cases-synth --db URL --count N
 *     Adds N synthetic cases (a fast INSERT ... SELECT, not the API) to a demo database
 *     for the list benchmark: 10,000 parties; the demo's agencies with a skewed share
 *     (the first agency ~1/5 of all); UUIDv7-like public ids in creation order over three
 *     years; cases older than 120 days mostly closed or archived (3% open backlog), newer
 *     ones in open states; open filed cases with a running Art 60 deadline (90 calendar
 *     days from filing) and its next due, suspended ones paused. Then recomputes every
 *     case's next due as a calendar load does (case_next_due_refresh_all), timed, and
 *     checks that it changed nothing.
 *
 *   zhifa bench ledger-synth --db URL --count N [--data-dir DIR]
 *     Appends N entries through the real ledger_append in transactions of 100,000
 *     (signing a checkpoint every LEDGER_CHECKPOINT_EVERY when DIR holds the key),
 *     so that `zhifa ledger verify` can be measured on a large log. The entries record
 *     deletions ("null" state) of 1,000 synthetic agency ids, which verify accepts.
 *
 *   zhifa bench catalog-synth [items] --db URL --count N
 *     A synthetic catalog of N items (Chinese names from word lists, real law names)
 *     imported through the API's CSV import; without `items` also a province of 1,400
 *     townships with its agencies, claims (1.4 million at N = 50,000) and 2N officers,
 *     written directly (no ledger entries: bench data). See syn_registry.
 *
 *   zhifa bench doc --model FILE --file TEXT [--count N]
 *     doc_render of the model as a 行政处罚决定书 (template forced to "decision"), N times
 *     after two warm-ups, and the reference measured alternately in the same run: the
 *     same characters (TEXT: pdftotext of that decision, pages split at form feeds)
 *     drawn as one plain pango layout per page, in the body font, on a blank cairo PDF
 *     surface written to memory — the floor any cairo + pango renderer of these pages
 *     pays (shaping, font subsetting, PDF writing) without our layout rules, tables or
 *     seal. Prints "doc: decision MEDIAN ms (pages P, BYTES bytes); reference MEDIAN ms;
 *     ratio R". */
#include <cairo-pdf.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/cases.h"
#include "api/api.h"
#include "api/record.h"
#include "api/records.h"
#include "cli/cli.h"
#include "core/date.h"
#include "domain/calendar_store.h"
#include "domain/case_due.h"
#include "doc/doc.h"
#include "core/buf.h"
#include "core/crypto.h"
#include "domain/catalog.h"
#include "ledger/ledger.h"

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* One agency write as api_agencies_patch does it, with or without its ledger entry. */
static int one_write(db_t *db, const struct principal *who, const char *pid, int64_t row_id,
		     long i, int with_ledger, struct zerr *e)
{
	json_t *in, *clean = NULL, *state = NULL;
	char addr[64];
	int ret = -1;

	snprintf(addr, sizeof(addr), "基准领域 %ld", i);
	in = json_pack("{s:s}", "domain", addr);
	if (!in)
		return zerr_oom(e);
	if (db_begin(db, 1) != DB_OK) {
		db_zerr(db, DB_RETRY, e);
		goto out;
	}
	if (record_decode(&rec_agency, in, 1, &clean, e) < 0 ||
	    record_update(db, &rec_agency, clean, "id", row_id, e) < 0 ||
	    record_load_state(db, &rec_agency, pid, &state, e) < 0 ||
	    (with_ledger && ledger_append(db, who, "agency.update", "agency", pid, state, NULL, e) < 0)) {
		db_rollback(db);
		goto out;
	}
	if (db_commit(db) != DB_OK) {
		db_zerr(db, DB_RETRY, e);
		goto out;
	}
	ret = 0;
out:
	json_decref(in);
	json_decref(clean);
	json_decref(state);
	return ret;
}

static int one_commit(db_t *db, long i)
{
	db_stmt_t *st;
	char v[32];

	if (db_begin(db, 1) != DB_OK)
		return -1;
	st = db_prepare(db, "INSERT INTO settings (k, v) VALUES ('bench.commit', ?)"
			    " ON CONFLICT (k) DO UPDATE SET v = excluded.v");
	snprintf(v, sizeof(v), "%ld", i);
	if (!st) {
		db_rollback(db);
		return -1;
	}
	db_bind_text(st, 1, v);
	if (db_run(st) != DB_OK) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db) == DB_OK ? 0 : -1;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The three modes run in alternating short rounds; each mode's rate is taken from
 * its median round, so that a stall of the (shared, noisy) disk in one round does
 * not decide the comparison. */
static int bench_write(db_t *db, long count, struct zerr *e)
{
	struct principal who = { .user_id = 1, .role = ROLE_ADMIN };
	enum { ROUND = 100 };
	long rounds = (count + ROUND - 1) / ROUND, i = 0, k, r;
	double *t[3], *ratio = NULL, med[3], t0, over;
	char pid[64];
	int64_t row_id;
	db_stmt_t *st;
	int mode, ret = -1;

	snprintf(who.username, sizeof(who.username), "bench");
	st = db_prepare(db, "SELECT id, public_id FROM agencies ORDER BY id LIMIT 1");
	if (!st || db_step(st) != DB_ROW)
		return zerr_set(e, 500, "internal", "no agency to write (run zhifa demo first)");
	row_id = db_col_int(st, 0);
	snprintf(pid, sizeof(pid), "%s", db_col_text(st, 1));
	db_run(st);
	for (mode = 0; mode < 3; mode++)
		t[mode] = calloc((size_t)rounds, sizeof(double));
	ratio = calloc((size_t)rounds, sizeof(double));
	if (!t[0] || !t[1] || !t[2] || !ratio) {
		zerr_oom(e);
		goto out;
	}
	/* warm-up: statement cache, page cache */
	for (k = 0; k < 50; k++)
		if (one_write(db, &who, pid, row_id, i++, 1, e) < 0)
			goto out;
	for (r = 0; r < rounds; r++) {
		for (mode = 0; mode < 3; mode++) {
			t0 = now_s();
			for (k = 0; k < ROUND; k++) {
				if (mode < 2 ? one_write(db, &who, pid, row_id, i++, mode == 0, e) < 0
					     : one_commit(db, i++) < 0) {
					if (!zerr_isset(e))
						zerr_internal(e, db_errmsg(db));
					goto out;
				}
			}
			t[mode][r] = now_s() - t0;
		}
	}
	/* a last write with its ledger entry, so that the log again describes the agency */
	if (one_write(db, &who, pid, row_id, i++, 1, e) < 0)
		goto out;
	/* the overhead is the median of each round's own ratio: a ledger round and the
	 * write-only round right after it see nearly the same disk, so each pair cancels
	 * most of the drift in the shared disk's speed that separate medians keep */
	for (r = 0; r < rounds; r++)
		ratio[r] = t[0][r] / t[1][r];
	qsort(ratio, (size_t)rounds, sizeof(double), cmp_double);
	over = rounds % 2 ? ratio[rounds / 2] : (ratio[rounds / 2 - 1] + ratio[rounds / 2]) / 2;
	for (mode = 0; mode < 3; mode++) {
		qsort(t[mode], (size_t)rounds, sizeof(double), cmp_double);
		med[mode] = rounds % 2 ? t[mode][rounds / 2]
				       : (t[mode][rounds / 2 - 1] + t[mode][rounds / 2]) / 2;
	}
	printf("write+ledger %.0f/s  write-only %.0f/s  commit-floor %.0f/s  ledger-overhead %.1f%%"
	       "  (%ld rounds of %d each: rates of the median round; overhead the median of the"
	       " paired rounds' ratios, %.1f%% from the median rounds)\n",
	       ROUND / med[0], ROUND / med[1], ROUND / med[2], (over - 1) * 100.0, rounds, ROUND,
	       (med[0] - med[1]) / med[1] * 100.0);
	ret = 0;
out:
	for (mode = 0; mode < 3; mode++)
		free(t[mode]);
	free(ratio);
	return ret;
}


static int one_step(db_t *db, const struct principal *who, const char *pid, long i, int view,
		    struct zerr *e)
{
	char text[64];
	json_t *body, *out = NULL;
	int ret;

	snprintf(text, sizeof(text), "当事人第 %ld 次陈述申辩", i);
	body = json_pack("{s:s}", "statement", text);
	if (!body)
		return zerr_oom(e);
	ret = case_perform(db, who, pid, "record_statement", body, e);
	if (ret == 0 && view)
		ret = case_view(db, who, pid, 0, &out, e);
	json_decref(out);
	json_decref(body);
	return ret;
}

/* The demo's notified case as a template: n more cases brought to `notified` through
 * the API's own functions (lead, file_case, start_investigation, an inspection record,
 * submit_investigation, issue_prior_notice today), their public ids into pids. */
static int make_cases(db_t *db, const struct principal *off, const struct principal *head, char (*pids)[40],
		      int n, struct zerr *e)
{
	char party[40], item[32], region[16], o1[40], o2[40], d[4][ZDATE_STRLEN], rp[40];
	struct zdate today, t;
	db_stmt_t *st;
	int i, k, rc = 0;

	st = db_prepare(db, "SELECT p.public_id, c.item_code, c.place_region, c.investigators FROM cases c"
			    " JOIN parties p ON p.id = c.party_id WHERE c.agency_id = ? AND c.state = 'notified'"
			    " ORDER BY c.id LIMIT 1");
	if (!st)
		return zerr_internal(e, db_errmsg(db));
	db_bind_int(st, 1, off->agency_id);
	if (db_step(st) != DB_ROW)
		return zerr_set(e, 500, "internal", "no notified case (run zhifa demo first)");
	snprintf(party, sizeof(party), "%s", db_col_text(st, 0));
	snprintf(item, sizeof(item), "%s", db_col_text(st, 1));
	snprintf(region, sizeof(region), "%s", db_col_text(st, 2));
	if (sscanf(db_col_text(st, 3), "%39[^,],%39s", o1, o2) != 2) {
		db_run(st);
		return zerr_internal(e, "the demo case has no two investigators");
	}
	db_run(st);
	zdate_today(&today);
	for (k = 0; k < 4; k++) {
		zdate_add_days(today, (long[]){ -90, -80, -75, -70 }[k], &t);
		zdate_format(t, d[k]);
	}
	for (i = 0; i < n && rc == 0; i++) {
		json_t *b[6];

		b[0] = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "party_id", party, "item_code", item,
				 "cause", "擅自占用城市道路堆放物品", "source", "inspection", "place_region", region,
				 "place", "府山街道", "violation_date", d[0], "discovery_date", d[1], "facts",
				 "执法人员巡查发现当事人占道堆放物品。");
		b[1] = json_pack("{s:s}", "filing_date", d[2]);
		b[2] = json_pack("{s:[s,s]}", "investigators", o1, o2);
		b[3] = json_pack("{s:s, s:s, s:[s,s], s:s}", "kind", "inspection", "date", d[3], "officers", o1, o2,
				 "summary", "现场检查，当事人在场。");
		b[4] = json_pack("{s:{s:[s], s:i}}", "penalty", "types", "fine", "fine_fen", 150000);
		if (!b[0] || !b[1] || !b[2] || !b[3] || !b[4])
			rc = zerr_oom(e);
		if (rc == 0)
			rc = case_create_lead(db, off, b[0], pids[i], e);
		if (rc == 0)
			rc = case_perform(db, head, pids[i], "file_case", b[1], e);
		if (rc == 0)
			rc = case_perform(db, off, pids[i], "start_investigation", b[2], e);
		if (rc == 0)
			rc = case_add_record(db, off, pids[i], b[3], rp, e);
		if (rc == 0)
			rc = case_perform(db, off, pids[i], "submit_investigation", NULL, e);
		if (rc == 0)
			rc = case_perform(db, off, pids[i], "issue_prior_notice", b[4], e);
		for (k = 0; k < 5; k++)
			json_decref(b[k]);
	}
	return rc < 0 ? -1 : 0;
}

/* Steps go round NCASES cases, so that each case carries a realistic history (its
 * step list is part of the view) rather than one case growing thousands of steps. */
static int bench_step(db_t *db, long count, struct zerr *e)
{
	struct principal who, head;
	enum { ROUND = 100, NCASES = 100 };
	long rounds = (count + ROUND - 1) / ROUND, i = 0, k, r;
	double *t[3], med[3], t0, tc;
	char (*pids)[40];
	int mode, ret = -1;

	if (auth_principal_of(db, "demo-officer-zhzf", &who, e) < 0 ||
	    auth_principal_of(db, "demo-head-zhzf", &head, e) < 0)
		return -1;
	pids = calloc(NCASES, sizeof(*pids));
	if (!pids)
		return zerr_oom(e);
	tc = now_s();
	if (make_cases(db, &who, &head, pids, NCASES, e) < 0) {
		free(pids);
		return -1;
	}
	tc = now_s() - tc;
	for (mode = 0; mode < 3; mode++)
		t[mode] = calloc((size_t)rounds, sizeof(double));
	if (!t[0] || !t[1] || !t[2]) {
		zerr_oom(e);
		goto out;
	}
	for (k = 0; k < 50; k++)
		if (one_step(db, &who, pids[i % NCASES], i, 1, e) < 0)
			goto out;
		else
			i++;
	for (r = 0; r < rounds; r++) {
		for (mode = 0; mode < 3; mode++) {
			t0 = now_s();
			for (k = 0; k < ROUND; k++) {
				if (mode < 2 ? one_step(db, &who, pids[i % NCASES], i, mode == 1, e) < 0
					     : one_commit(db, i) < 0) {
					if (!zerr_isset(e))
						zerr_internal(e, db_errmsg(db));
					goto out;
				}
				i++;
			}
			t[mode][r] = now_s() - t0;
		}
	}
	for (mode = 0; mode < 3; mode++) {
		qsort(t[mode], (size_t)rounds, sizeof(double), cmp_double);
		med[mode] = rounds % 2 ? t[mode][rounds / 2]
				       : (t[mode][rounds / 2 - 1] + t[mode][rounds / 2]) / 2;
	}
	printf("case-step %.0f/s  step+view %.0f/s  commit-floor %.0f/s  step/floor %.2f"
	       "  (record_statement round %d notified cases made in %.1f s; %ld rounds of %d, median)\n",
	       ROUND / med[0], ROUND / med[1], ROUND / med[2], med[2] / med[0], NCASES, tc, rounds, ROUND);
	ret = 0;
out:
	for (mode = 0; mode < 3; mode++)
		free(t[mode]);
	free(pids);
	return ret;
}

/* ---- cases-synth ---- */

#define SYN_OPEN "('filed','investigating','review','notified','hearing_requested')"

static const char *const syn_cases_sqlite =
	"WITH RECURSIVE s(i) AS (SELECT CAST(? AS INTEGER) UNION ALL SELECT i + 1 FROM s WHERE i < ?),"
	" g AS (SELECT i, (? - i) * 1095 / ? AS age, (i * 7919) % 1000 AS k, (i * 31) % 100 AS r FROM s),"
	" h AS (SELECT g.*, date(?, '-' || age || ' days') AS vd,"
	"  CASE WHEN age < 120 THEN (CASE r % 10 WHEN 0 THEN 'lead' WHEN 1 THEN 'filed' WHEN 2 THEN 'investigating'"
	"   WHEN 3 THEN 'investigating' WHEN 4 THEN 'review' WHEN 5 THEN 'notified' WHEN 6 THEN 'hearing_requested'"
	"   WHEN 7 THEN 'served' WHEN 8 THEN 'suspended' ELSE 'closed' END)"
	"  ELSE (CASE WHEN r < 2 THEN 'investigating' WHEN r < 3 THEN 'suspended' WHEN r < 13 THEN 'archived'"
	"   WHEN r < 16 THEN 'no_penalty' ELSE 'closed' END) END AS st FROM g)"
	" INSERT INTO cases (public_id, agency_id, party_id, procedure, state, item_code, cause, source, place_region,"
	"  place, violation_date, discovery_date, filing_date, created_by, created_at, updated_at, next_due)"
	" SELECT printf('00%06x-0000-7000-8000-%012x', i, abs(random()) % 281474976710656), m.agency_id, ? + i % 10000,"
	"  'ordinary', st, printf('CG0102%02d', r % 40),"
	"  CASE r % 7 WHEN 0 THEN '擅自占用城市道路堆放物品' WHEN 1 THEN '未按规定设置户外广告' WHEN 2 THEN '违规倾倒建筑垃圾'"
	"   WHEN 3 THEN '店外经营' WHEN 4 THEN '擅自搭建临时建筑' WHEN 5 THEN '未按规定分类投放垃圾' ELSE '噪声扰民' END,"
	"  CASE r % 3 WHEN 0 THEN 'inspection' WHEN 1 THEN 'complaint' ELSE 'referral' END, m.region, '府山街道', vd,"
	"  date(vd, '+2 days'), CASE WHEN st = 'lead' THEN NULL ELSE date(vd, '+5 days') END, 'bench', vd || 'T08:00:00Z',"
	"  vd || 'T08:00:00Z', CASE WHEN st IN " SYN_OPEN " THEN date(vd, '+95 days') END"
	" FROM h JOIN bench_map m ON m.k = h.k";

static const char *const syn_cases_pg =
	"WITH g AS (SELECT i, (CAST(? AS bigint) - i) * 1095 / CAST(? AS bigint) AS age, (i * 7919) % 1000 AS k,"
	"  (i * 31) % 100 AS r FROM generate_series(CAST(? AS bigint), CAST(? AS bigint)) AS s(i)),"
	" h AS (SELECT g.*, CAST(? AS date) - CAST(age AS int) AS vd,"
	"  CASE WHEN age < 120 THEN (CASE r % 10 WHEN 0 THEN 'lead' WHEN 1 THEN 'filed' WHEN 2 THEN 'investigating'"
	"   WHEN 3 THEN 'investigating' WHEN 4 THEN 'review' WHEN 5 THEN 'notified' WHEN 6 THEN 'hearing_requested'"
	"   WHEN 7 THEN 'served' WHEN 8 THEN 'suspended' ELSE 'closed' END)"
	"  ELSE (CASE WHEN r < 2 THEN 'investigating' WHEN r < 3 THEN 'suspended' WHEN r < 13 THEN 'archived'"
	"   WHEN r < 16 THEN 'no_penalty' ELSE 'closed' END) END AS st FROM g)"
	" INSERT INTO cases (public_id, agency_id, party_id, procedure, state, item_code, cause, source, place_region,"
	"  place, violation_date, discovery_date, filing_date, created_by, created_at, updated_at, next_due)"
	" SELECT '00' || lpad(to_hex(i), 6, '0') || '-0000-7000-8000-' || lpad(to_hex(CAST(random() * 281474976710655 AS bigint)), 12, '0'),"
	"  m.agency_id, CAST(? AS bigint) + i % 10000, 'ordinary', st, 'CG0102' || lpad(CAST(r % 40 AS text), 2, '0'),"
	"  CASE r % 7 WHEN 0 THEN '擅自占用城市道路堆放物品' WHEN 1 THEN '未按规定设置户外广告' WHEN 2 THEN '违规倾倒建筑垃圾'"
	"   WHEN 3 THEN '店外经营' WHEN 4 THEN '擅自搭建临时建筑' WHEN 5 THEN '未按规定分类投放垃圾' ELSE '噪声扰民' END,"
	"  CASE r % 3 WHEN 0 THEN 'inspection' WHEN 1 THEN 'complaint' ELSE 'referral' END, m.region, '府山街道',"
	"  CAST(vd AS text), CAST(vd + 2 AS text), CASE WHEN st = 'lead' THEN NULL ELSE CAST(vd + 5 AS text) END,"
	"  'bench', CAST(vd AS text) || 'T08:00:00Z', CAST(vd AS text) || 'T08:00:00Z',"
	"  CASE WHEN st IN " SYN_OPEN " THEN CAST(vd + 95 AS text) END"
	" FROM h JOIN bench_map m ON m.k = h.k";

static int syn_exec(db_t *db, const char *sql, struct zerr *e)
{
	if (db_exec(db, sql) != DB_OK)
		return zerr_internal(e, db_errmsg(db));
	return 0;
}

static int bench_cases_synth(db_t *db, long count, struct zerr *e)
{
	int pg = db_dialect(db) == DB_POSTGRES;
	int64_t agencies[64], party0 = 0, first = 0, top = 0;
	char regions[64][16], today_s[ZDATE_STRLEN];
	struct zdate today;
	size_t na = 0, i;
	double t0 = now_s(), tr;
	long lo, batch = 100000, changed = -1, k;
	db_stmt_t *st;

	zdate_today(&today);
	zdate_format(today, today_s);
	if (!pg)
		db_exec(db, "PRAGMA cache_size = -262144");
	st = db_prepare(db, "SELECT id, region_code FROM agencies ORDER BY id LIMIT 64");
	if (!st)
		return zerr_internal(e, db_errmsg(db));
	while (db_step(st) == DB_ROW) {
		agencies[na] = db_col_int(st, 0);
		snprintf(regions[na], sizeof(regions[na]), "%s", db_col_text(st, 1));
		na++;
	}
	if (!na)
		return zerr_set(e, 500, "internal", "no agencies (run zhifa demo first)");
	if (db_begin(db, 1) != DB_OK)
		return db_zerr(db, DB_RETRY, e);
	/* the agency of case i: bench_map(k = i * 7919 mod 1000); agency j holds a share
	 * proportional to 1 / (j + 1) */
	if (syn_exec(db, "CREATE TEMPORARY TABLE bench_map (k INTEGER PRIMARY KEY, agency_id BIGINT, region TEXT)", e) < 0)
		goto fail;
	{
		double h = 0, acc = 0;
		size_t j = 0;

		for (i = 0; i < na; i++)
			h += 1.0 / (double)(i + 1);
		for (k = 0; k < 1000; k++) {
			while (j + 1 < na && (double)k / 1000.0 >= acc + (1.0 / (double)(j + 1)) / h) {
				acc += (1.0 / (double)(j + 1)) / h;
				j++;
			}
			st = db_prepare(db, "INSERT INTO bench_map (k, agency_id, region) VALUES (?, ?, ?)");
			if (!st)
				goto dberr;
			db_bind_int(st, 1, k);
			db_bind_int(st, 2, agencies[j]);
			db_bind_text(st, 3, regions[j]);
			if (db_run(st) != DB_OK)
				goto dberr;
		}
	}
	st = db_prepare(db, pg ? "INSERT INTO parties (public_id, kind, name, uscc, created_at, updated_at)"
				 " SELECT 'bench-party-' || i, 'organisation', '基准当事人' || i, 'BENCH' || i,"
				 " '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM generate_series(1, 10000) AS s(i)"
			       : "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < 10000)"
				 " INSERT INTO parties (public_id, kind, name, uscc, created_at, updated_at)"
				 " SELECT 'bench-party-' || i, 'organisation', '基准当事人' || i, 'BENCH' || i,"
				 " '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z' FROM s");
	if (!st || db_run(st) != DB_OK)
		goto dberr;
	st = db_prepare(db, "SELECT MIN(id) FROM parties WHERE public_id LIKE 'bench-party-%'");
	if (!st || db_step(st) != DB_ROW)
		goto dberr;
	party0 = db_col_int(st, 0);
	db_run(st);
	st = db_prepare(db, "SELECT COALESCE(MAX(id), 0) FROM cases");
	if (!st || db_step(st) != DB_ROW)
		goto dberr;
	first = db_col_int(st, 0) + 1;
	db_run(st);
	if (db_commit(db) != DB_OK)
		goto dberr;
	for (lo = 1; lo <= count; lo += batch) {
		long hi = lo + batch - 1 < count ? lo + batch - 1 : count;

		if (db_begin(db, 1) != DB_OK)
			return db_zerr(db, DB_RETRY, e);
		st = db_prepare(db, pg ? syn_cases_pg : syn_cases_sqlite);
		if (!st)
			goto dberr;
		if (pg) {
			db_bind_int(st, 1, count);
			db_bind_int(st, 2, count);
			db_bind_int(st, 3, lo);
			db_bind_int(st, 4, hi);
			db_bind_text(st, 5, today_s);
			db_bind_int(st, 6, party0 - 1);
		} else {
			db_bind_int(st, 1, lo);
			db_bind_int(st, 2, hi);
			db_bind_int(st, 3, count);
			db_bind_int(st, 4, count);
			db_bind_text(st, 5, today_s);
			db_bind_int(st, 6, party0 - 1);
		}
		if (db_run(st) != DB_OK)
			goto dberr;
		if (db_commit(db) != DB_OK)
			goto dberr;
	}
	/* the running Art 60 deadline of the open filed cases (paused for suspended ones) */
	if (db_begin(db, 1) != DB_OK)
		return db_zerr(db, DB_RETRY, e);
	st = db_prepare(db, "INSERT INTO case_deadlines (case_id, kind, start_date, length, suspensions, extensions)"
			    " SELECT id, 'decision', filing_date, 90, CASE WHEN state = 'suspended'"
			    " THEN '[{\"from\":\"' || filing_date || '\",\"reason\":\"case_suspended\"}]' ELSE '[]' END, '[]'"
			    " FROM cases WHERE id >= ? AND filing_date IS NOT NULL"
			    " AND state IN ('filed','investigating','review','notified','hearing_requested','suspended')");
	if (!st)
		goto dberr;
	db_bind_int(st, 1, first);
	if (db_run(st) != DB_OK || db_commit(db) != DB_OK)
		goto dberr;
	if (syn_exec(db, "ANALYZE", e) < 0)
		return -1;
	st = db_prepare(db, "SELECT COUNT(*), MAX(id) FROM cases");
	if (st && db_step(st) == DB_ROW) {
		top = db_col_int(st, 0);
		db_run(st);
	}
	printf("cases-synth %ld cases in %.1f s (%ld cases in all)", count, now_s() - t0, (long)top);
	fflush(stdout);
	/* what loading a calendar year does: every case's next due again */
	tr = now_s();
	if (db_begin(db, 1) != DB_OK)
		return db_zerr(db, DB_RETRY, e);
	if (case_next_due_refresh_all(db, calendar_for(db), &changed, e) < 0) {
		db_rollback(db);
		return -1;
	}
	if (db_commit(db) != DB_OK)
		goto dberr;
	printf("; next-due recompute (a calendar load) %.1f s, %ld changed", now_s() - tr, changed);
	if (changed != 0)
		return zerr_internal(e, "the synthetic next due differs from the computed one");
	/* what an agency's roll-over flag change does (case-config PUT/PATCH): the busiest
	 * agency's cases with a next due again, with decision_rolls_over flipped; rolled back */
	st = db_prepare(db, "SELECT agency_id, COUNT(*) FROM cases WHERE next_due IS NOT NULL"
			    " GROUP BY agency_id ORDER BY 2 DESC LIMIT 1");
	if (st && db_step(st) == DB_ROW) {
		int64_t ag = db_col_int(st, 0), open = db_col_int(st, 1);
		struct case_config cfg;

		db_run(st);
		if (case_config_for_agency(db, ag, &cfg, e) < 0)
			return -1;
		cfg.decision_rolls_over = !cfg.decision_rolls_over;
		tr = now_s();
		if (db_begin(db, 1) != DB_OK)
			return db_zerr(db, DB_RETRY, e);
		if (case_next_due_refresh_agency(db, calendar_for(db), &cfg, ag, &changed, e) < 0) {
			db_rollback(db);
			return -1;
		}
		printf("; flag change of one agency: %ld cases with a next due in %.3f s, %ld changed",
		       (long)open, now_s() - tr, changed);
		db_rollback(db);
	}
	printf("\n");
	return 0;
dberr:
	zerr_internal(e, db_errmsg(db));
fail:
	db_rollback(db);
	return -1;
}

static int bench_synth(db_t *db, const struct config *cfg, long count, struct zerr *e)
{
	struct principal who = { .user_id = 1, .role = ROLE_ADMIN };
	long i = 0, batch = 100000, k;
	double t0 = now_s();
	char id[48];

	snprintf(who.username, sizeof(who.username), "bench");
	/* a bulk load: a larger page cache than a server connection's */
	if (db_dialect(db) == DB_SQLITE)
		db_exec(db, "PRAGMA cache_size = -262144");
	if (ledger_load_signer(db, cfg->data_dir, e) < 0) {
		fprintf(stderr, "zhifa bench: no signing key (%s): no checkpoints\n", e->detail);
		zerr_clear(e);
	}
	while (i < count) {
		if (db_begin(db, 1) != DB_OK)
			return db_zerr(db, DB_RETRY, e);
		for (k = 0; k < batch && i < count; k++, i++) {
			snprintf(id, sizeof(id), "bench-synth-%04ld", i % 1000);
			if (ledger_append(db, &who, "agency.delete", "agency", id, NULL, NULL, e) < 0) {
				db_rollback(db);
				return -1;
			}
		}
		if (db_commit(db) != DB_OK)
			return db_zerr(db, DB_RETRY, e);
	}
	printf("ledger-synth %ld entries in %.1f s (%.0f entries/s)\n", count, now_s() - t0,
	       count / (now_s() - t0));
	return 0;
}

static double cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static cairo_status_t to_buf(void *closure, const unsigned char *data, unsigned int len)
{
	return buf_add(closure, data, len) < 0 ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

/* The reference: text's pages (split at \f) as plain layouts on a cairo PDF surface. */
static size_t reference_pdf(const char *text, struct buf *out)
{
	const double mm = 72.0 / 25.4;
	cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(to_buf, out, 210 * mm, 297 * mm);
	cairo_t *cr = cairo_create(surf);
	PangoFontDescription *fd = pango_font_description_from_string("Noto Serif CJK SC 15.5");
	const char *p = text;

	while (*p) {
		const char *ff = strchr(p, '\f');
		int n = ff ? (int)(ff - p) : (int)strlen(p);
		PangoLayout *pl = pango_cairo_create_layout(cr);

		pango_layout_set_font_description(pl, fd);
		pango_layout_set_width(pl, (int)((210 - 28 - 26) * mm * PANGO_SCALE));
		pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_text(pl, p, n);
		cairo_move_to(cr, 28 * mm, 37 * mm);
		pango_cairo_show_layout(cr, pl);
		cairo_show_page(cr);
		g_object_unref(pl);
		p += n + (ff ? 1 : 0);
	}
	pango_font_description_free(fd);
	cairo_destroy(cr);
	cairo_surface_finish(surf);
	cairo_surface_destroy(surf);
	return out->len;
}

static int bench_doc(const char *model_path, const char *text_path, long count, struct zerr *e)
{
	json_t *m = json_load_file(model_path, 0, NULL);
	struct buf pdf = BUF_INIT(DOC_PDF_MAX), ref = BUF_INIT(DOC_PDF_MAX);
	struct buf tb = BUF_INIT(1u << 22);
	char *text = NULL, chunk[4096];
	double *td = NULL, *tr = NULL, *cd = NULL, *cr = NULL, t0, c0;
	FILE *f = text_path ? fopen(text_path, "rb") : NULL;
	size_t n;
	long i;
	int ret = -1;

	while (f && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&tb, chunk, n);
	if (f)
		fclose(f);
	buf_adds(&tb, "");
	text = buf_detach(&tb, NULL);
	if (!m || !f || !text || !*text) {
		zerr_set(e, 400, "bench", "bench doc needs --model FILE and --file TEXT");
		goto out;
	}
	json_object_set_new(m, "template", json_string("decision"));
	td = calloc((size_t)count, sizeof(double));
	tr = calloc((size_t)count, sizeof(double));
	cd = calloc((size_t)count, sizeof(double));
	cr = calloc((size_t)count, sizeof(double));
	if (!td || !tr || !cd || !cr) {
		zerr_oom(e);
		goto out;
	}
	for (i = -2; i < count; i++) { /* two warm-ups of each */
		buf_clear(&pdf);
		buf_clear(&ref);
		t0 = now_s();
		c0 = cpu_s();
		if (doc_render(m, &pdf, e) < 0)
			goto out;
		if (i >= 0) {
			td[i] = (now_s() - t0) * 1e3;
			cd[i] = (cpu_s() - c0) * 1e3;
		}
		t0 = now_s();
		c0 = cpu_s();
		reference_pdf(text, &ref);
		if (i >= 0) {
			tr[i] = (now_s() - t0) * 1e3;
			cr[i] = (cpu_s() - c0) * 1e3;
		}
	}
	qsort(td, (size_t)count, sizeof(double), cmp_double);
	qsort(tr, (size_t)count, sizeof(double), cmp_double);
	qsort(cd, (size_t)count, sizeof(double), cmp_double);
	qsort(cr, (size_t)count, sizeof(double), cmp_double);
	/* medians: wall and CPU ms of ours, then of the reference */
	printf("doc: decision %.1f ms (CPU %.1f ms, %zu bytes); reference %.1f ms (CPU %.1f ms, %zu bytes);"
	       " ratio %.2f\n", td[count / 2], cd[count / 2], pdf.len, tr[count / 2], cr[count / 2], ref.len,
	       cr[count / 2] > 0 ? cd[count / 2] / cr[count / 2] : 0);
	ret = 0;
out:
	json_decref(m);
	free(text);
	free(td);
	free(tr);
	free(cd);
	free(cr);
	buf_release(&pdf);
	buf_release(&ref);
	return ret;
}

/* ---- catalog-synth: a province-sized catalog, claims and registry ---- */

/* The synthetic province (bench/run.sh 6–8): 330000 with 11 cities of 10 counties each
 * (110 counties) and 1,400 townships spread over the counties; one comprehensive agency
 * per province, city and county, one township squad per township. */
enum { SYN_CITIES = 11, SYN_COUNTIES = 10, SYN_TOWNSHIPS = 1400 };

static const char *const syn_subjects[] = {
	"食品生产经营者", "餐饮服务提供者", "燃气经营企业", "建筑施工单位", "机动车维修经营者",
	"网络预约出租汽车经营者", "排污单位", "娱乐场所经营单位", "游泳场所经营者", "出租汽车经营者",
	"物业服务企业", "房地产开发企业", "药品零售企业", "医疗机构", "农药经营者", "兽药经营企业",
	"种子生产经营者", "旅行社", "网吧经营单位", "危险化学品经营单位", "烟花爆竹经营单位",
	"特种设备使用单位", "广告经营者", "电子商务经营者", "产品生产者", "计量器具使用者",
	"生猪屠宰企业", "渔业捕捞者", "河道采砂单位", "林木经营者", "建设单位", "户外广告设置人",
	"道路运输经营者", "校外培训机构", "养老机构", "人力资源服务机构", "拍卖企业", "报废机动车回收企业",
	"公共场所经营者", "文物保护单位管理者",
};
static const char *const syn_acts[] = {
	"未取得许可从事经营活动", "未按规定公示信息", "超出核定范围经营", "拒不配合监督检查",
	"未建立进货查验记录", "擅自改变用途", "违规排放污水", "伪造检验报告", "未按规定设置警示标志",
	"使用不合格计量器具", "发布虚假广告", "销售过期产品", "未落实安全生产责任制", "占用消防通道",
	"擅自拆除环境卫生设施", "违法倾倒建筑垃圾", "噪声污染扰民", "擅自砍伐林木", "非法采砂",
	"未按规定报送数据", "未按规定配备专业人员", "违规收取费用", "未取得资质承揽工程",
	"未按规定进行年度报告", "转让出租出借许可证件", "未按规定处置危险废物", "无照经营",
	"擅自设置户外广告", "违规搭建建筑物", "使用禁用农药", "未按规定保存记录", "拒绝接受检测",
	"未按规定办理登记", "超标排放大气污染物", "未按规定开展培训", "违规夜间施工",
	"损坏市政设施", "私设摊点", "违规停放车辆", "未按规定进行检疫",
};
static const char *const syn_laws[] = {
	"中华人民共和国食品安全法", "中华人民共和国大气污染防治法", "城镇燃气管理条例",
	"中华人民共和国建筑法", "中华人民共和国道路运输条例", "中华人民共和国水污染防治法",
	"娱乐场所管理条例", "中华人民共和国广告法", "中华人民共和国产品质量法", "中华人民共和国计量法",
	"中华人民共和国安全生产法", "中华人民共和国消防法", "城市市容和环境卫生管理条例",
	"中华人民共和国噪声污染防治法", "中华人民共和国森林法", "中华人民共和国水法",
	"中华人民共和国电子商务法", "中华人民共和国药品管理法", "农药管理条例", "浙江省综合行政执法条例",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The level of synthetic item i: 1 in 25 township (2,000 of 50,000, as the unit test),
 * 1 in 25 county, 2 in 25 city, the rest province. */
static const char *syn_level(long i)
{
	switch (i % 25) {
	case 0: return "township";
	case 1: return "county";
	case 2: case 3: return "city";
	default: return "province";
	}
}

/* The catalog CSV of n items, imported through the API's import (rules, search text and
 * ledger entries as for any import). */
static int syn_catalog(db_t *db, long n, struct zerr *e)
{
	struct buf csv = BUF_INIT(64 << 20);
	struct req r;
	size_t done, skipped;
	long i;
	int ret = 0;

	memset(&r, 0, sizeof(r));
	r.db = db;
	r.who.user_id = 1;
	r.who.role = ROLE_ADMIN;
	snprintf(r.who.username, sizeof(r.who.username), "bench");
	for (i = 0; i < n && ret == 0; i++) {
		const char *domain = catalog_domains[i % 17], *level = syn_level(i);
		const char *mode = strcmp(level, "township") == 0 || i % 3 == 0 ? "comprehensive" : "departmental";
		int penalty = i % 2 == 0;

		if (csv.len == 0)
			buf_adds(&csv, "code,name,kind,domain,legal_basis,level,mode,penalty_types,fine_min_fen,"
				       "fine_max_fen,effective_from\n");
		buf_addf(&csv, "%s%06ld,对%s%s的%s,%s,%s,《%s》第%ld条第%ld款,%s,%s,%s,%s,%s,2024-01-01\n",
			 catalog_domain_prefix(domain), i, syn_subjects[i % NELEM(syn_subjects)],
			 syn_acts[(i / NELEM(syn_subjects)) % NELEM(syn_acts)], penalty ? "行政处罚" : "行政检查",
			 penalty ? "penalty" : "inspection", domain, syn_laws[(i / 7) % NELEM(syn_laws)],
			 1 + i % 120, 1 + i % 3, level, mode, penalty ? "警告;罚款" : "",
			 penalty ? "100000" : "", penalty ? "5000000" : "");
		/* the import takes at most 10,000 rows at a time */
		if ((i + 1) % 10000 == 0 || i + 1 == n) {
			done = skipped = 0;
			ret = api_catalog_import_text(&r, buf_str(&csv), csv.len, 1, &done, &skipped);
			buf_clear(&csv);
		}
	}
	if (ret < 0) {
		zerr_clear(e);
		*e = r.err;
	}
	buf_release(&csv);
	return ret;
}

static int syn_region(db_t *db, const char *code, const char *name, const char *level, const char *parent)
{
	db_stmt_t *st = db_prepare(db, "INSERT INTO regions (code, name, level, parent_code, created_at)"
				       " VALUES (?, ?, ?, ?, '2024-01-01T00:00:00Z') ON CONFLICT (code) DO NOTHING");

	if (!st)
		return -1;
	db_bind_text(st, 1, code);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, level);
	db_bind_text(st, 4, parent);
	return db_run(st) == DB_OK ? 0 : -1;
}

static int64_t syn_agency(db_t *db, const char *region, const char *kind, const char *name)
{
	db_stmt_t *st = db_prepare(db, "INSERT INTO agencies (public_id, name, uscc, region_code, kind, domain,"
				       " created_at, updated_at) VALUES (?, ?, ?, ?, ?, '', '2024-01-01T00:00:00Z',"
				       " '2024-01-01T00:00:00Z') RETURNING id");
	char pid[48], uscc[32];
	int64_t id;

	if (!st)
		return -1;
	uuid7(pid);
	snprintf(uscc, sizeof(uscc), "BENCH%s", region);
	db_bind_text(st, 1, pid);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, uscc);
	db_bind_text(st, 4, region);
	db_bind_text(st, 5, kind);
	if (db_step(st) != DB_ROW)
		return -1;
	id = db_col_int(st, 0);
	db_run(st);
	return id;
}

/* Regions, agencies, claims and officers of the synthetic province, written directly
 * (bench data: no ledger entries). Every second township × township item pair is
 * claimed by the township's squad (1.4 million claims, as the unit test); county items
 * by the county's agency except every 17th county (三不管) and, for every 100th item,
 * also by the city's (多头管); city and province items by the city's / province's. */
static int syn_registry(db_t *db, long n, long officers, struct zerr *e)
{
	static int64_t prov, city[SYN_CITIES], county[SYN_CITIES * SYN_COUNTIES], town[SYN_TOWNSHIPS];
	static char ccode[SYN_CITIES][32], kcode[SYN_CITIES * SYN_COUNTIES][32], tcode[SYN_TOWNSHIPS][48];
	char **vid = calloc((size_t)n, sizeof(char *)), name[96], pid[48], num[32];
	db_stmt_t *st;
	long i, j, k, nclaims = 0;
	int ret = -1;

	if (!vid)
		return zerr_oom(e);
	st = db_prepare(db, "SELECT code, public_id FROM catalog_versions WHERE code IN (SELECT code FROM catalog_items)");
	while (st && db_step(st) == DB_ROW) {
		long at = strtol(db_col_text(st, 0) + 2, NULL, 10);

		if (at >= 0 && at < n && !vid[at])
			vid[at] = strdup(db_col_text(st, 1));
	}
	if (db_begin(db, 1) != DB_OK)
		goto dberr;
	if (syn_region(db, "330000", "浙江省", "province", NULL) < 0 ||
	    (prov = syn_agency(db, "330000", "comprehensive", "省综合执法（基准）")) < 0)
		goto dberr;
	for (i = 0; i < SYN_CITIES; i++) {
		snprintf(ccode[i], sizeof(ccode[i]), "33%02ld00", i + 1);
		snprintf(name, sizeof(name), "基准市%ld", i + 1);
		if (syn_region(db, ccode[i], name, "city", "330000") < 0 ||
		    (city[i] = syn_agency(db, ccode[i], "comprehensive", name)) < 0)
			goto dberr;
		for (j = 0; j < SYN_COUNTIES; j++) {
			k = i * SYN_COUNTIES + j;
			snprintf(kcode[k], sizeof(kcode[k]), "33%02ld%02ld", i + 1, j + 2);
			snprintf(name, sizeof(name), "基准市%ld区县%ld", i + 1, j + 1);
			if (syn_region(db, kcode[k], name, "county", ccode[i]) < 0 ||
			    (county[k] = syn_agency(db, kcode[k], "comprehensive", name)) < 0)
				goto dberr;
		}
	}
	for (i = 0; i < SYN_TOWNSHIPS; i++) {
		k = i % (SYN_CITIES * SYN_COUNTIES);
		snprintf(tcode[i], sizeof(tcode[i]), "%s%03ld000", kcode[k], 1 + i / (SYN_CITIES * SYN_COUNTIES));
		snprintf(name, sizeof(name), "基准乡镇%ld", i + 1);
		if (syn_region(db, tcode[i], name, "township", kcode[k]) < 0 ||
		    (town[i] = syn_agency(db, tcode[i], "township", name)) < 0)
			goto dberr;
	}
	for (i = 0; i < n; i++) {
		const char *level = syn_level(i);
		char code[32];

		if (!vid[i])
			continue;
		snprintf(code, sizeof(code), "%s%06ld", catalog_domain_prefix(catalog_domains[i % 17]), i);
#define CLAIM(agency, region)                                                                             \
	do {                                                                                              \
		st = db_prepare(db, "INSERT INTO catalog_claims (public_id, item_code, version_id, agency_id," \
				    " region_code, effective_from, claimed_by, created_at)"                    \
				    " VALUES (?, ?, ?, ?, ?, '2024-01-01', 'bench', '2024-01-01T00:00:00Z')");  \
		if (!st)                                                                                  \
			goto dberr;                                                                       \
		uuid7(pid);                                                                               \
		db_bind_text(st, 1, pid);                                                                 \
		db_bind_text(st, 2, code);                                                                \
		db_bind_text(st, 3, vid[i]);                                                              \
		db_bind_int(st, 4, agency);                                                               \
		db_bind_text(st, 5, region);                                                              \
		if (db_run(st) != DB_OK)                                                                  \
			goto dberr;                                                                       \
		nclaims++;                                                                                \
	} while (0)
		if (strcmp(level, "township") == 0) {
			for (j = 0; j < SYN_TOWNSHIPS; j += 2)
				CLAIM(town[j], tcode[j]);
		} else if (strcmp(level, "county") == 0) {
			for (j = 0; j < SYN_CITIES * SYN_COUNTIES; j++) {
				if (j % 17 == 0)
					continue;
				CLAIM(county[j], kcode[j]);
				if (i % 100 == 1)
					CLAIM(city[j / SYN_COUNTIES], kcode[j]);
			}
		} else if (strcmp(level, "city") == 0) {
			for (j = 0; j < SYN_CITIES; j++)
				CLAIM(city[j], ccode[j]);
		} else {
			CLAIM(prov, "330000");
		}
#undef CLAIM
	}
	/* officers: 55% township squads, 35% counties, 8% cities, 2% the province */
	for (i = 0; i < officers; i++) {
		int64_t agency;
		long p = i % 100;

		agency = p < 55 ? town[i % SYN_TOWNSHIPS]
			 : p < 90 ? county[i % (SYN_CITIES * SYN_COUNTIES)]
			 : p < 98 ? city[i % SYN_CITIES] : prov;
		st = db_prepare(db, "INSERT INTO officers (public_id, agency_id, name, id_number, cert_no, cert_issued,"
				    " cert_expires, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, '2024-01-01', ?,"
				    " ?, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z')");
		if (!st)
			goto dberr;
		uuid7(pid);
		snprintf(name, sizeof(name), "基准执法人员%ld", i);
		snprintf(num, sizeof(num), "BENCH%09ld", i);
		db_bind_text(st, 1, pid);
		db_bind_int(st, 2, agency);
		db_bind_text(st, 3, name);
		db_bind_text(st, 4, num);
		db_bind_text(st, 5, num);
		db_bind_text(st, 6, i % 20 == 0 ? "2025-01-01" : NULL); /* 5% expired */
		db_bind_text(st, 7, i % 50 == 0 ? "suspended" : "active");
		if (db_run(st) != DB_OK)
			goto dberr;
	}
	if (db_commit(db) != DB_OK)
		goto dberr;
	printf("catalog-synth %ld items, %d townships, %ld claims, %ld officers\n", n, SYN_TOWNSHIPS, nclaims,
	       officers);
	ret = 0;
	goto out;
dberr:
	db_rollback(db);
	zerr_internal(e, db_errmsg(db));
out:
	for (i = 0; i < n; i++)
		free(vid[i]);
	free(vid);
	return ret;
}

int cmd_bench(int argc, char **argv)
{
	struct config cfg;
	struct cli_opts o;
	struct zerr e = ZERR_INIT;
	db_t *db = NULL;
	long count;
	int ret = 2;

	if (cli_parse(argc, argv, &cfg, &o) < 0 || o.help || o.nrest < 1 ||
	    (strcmp(o.rest[0], "write") != 0 && strcmp(o.rest[0], "ledger-synth") != 0 &&
	     strcmp(o.rest[0], "step") != 0 && strcmp(o.rest[0], "cases-synth") != 0 &&
	     strcmp(o.rest[0], "doc") != 0 && strcmp(o.rest[0], "catalog-synth") != 0) ||
	    (o.nrest > 1 && (strcmp(o.rest[0], "catalog-synth") != 0 || strcmp(o.rest[1], "items") != 0 ||
			     o.nrest > 2))) {
		fputs("usage: zhifa bench write --db URL [--count N]\n"
		      "       zhifa bench step --db URL [--count N]\n"
		      "       zhifa bench cases-synth --db URL --count N\n"
		      "       zhifa bench ledger-synth --db URL --count N [--data-dir DIR]\n"
		      "       zhifa bench doc --model FILE --file TEXT [--count N]\n"
		      "       zhifa bench catalog-synth [items] --db URL --count N\n"
		      "  Benchmark helpers for bench/run.sh (see the comment in src/cli/bench.c).\n",
		      o.help ? stdout : stderr);
		return o.help ? 0 : 2;
	}
	count = o.count ? strtol(o.count, NULL, 10) : 3000;
	if (count < 1)
		count = 1;
	if (strcmp(o.rest[0], "doc") == 0) {
		ret = bench_doc(o.model, o.file, count, &e) < 0 ? 1 : 0;
		if (ret)
			fprintf(stderr, "zhifa bench: %s\n", e.detail);
		goto out;
	}
	db = cli_open_db(&cfg, 0);
	if (!db)
		goto out;
	if (strcmp(o.rest[0], "catalog-synth") == 0) {
		double t0 = now_s();

		if (count > 999999)
			count = 999999; /* six-digit item codes */
		if (syn_catalog(db, count, &e) < 0 || (o.nrest == 1 && syn_registry(db, count, 2 * count, &e) < 0)) {
			fprintf(stderr, "zhifa bench: %s\n", e.detail);
			ret = 1;
			goto out;
		}
		if (o.nrest > 1)
			printf("catalog-synth %ld items\n", count);
		/* into the database file: a server reading 400 MB through the WAL is not the
		 * server this measures */
		if (db_dialect(db) == DB_SQLITE)
			db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
		else
			db_exec(db, "ANALYZE");
		fprintf(stderr, "catalog-synth: %.1f s\n", now_s() - t0);
		ret = 0;
		goto out;
	}
	if ((strcmp(o.rest[0], "write") == 0  ? bench_write(db, count, &e)
	     : strcmp(o.rest[0], "step") == 0 ? bench_step(db, count, &e)
	     : strcmp(o.rest[0], "cases-synth") == 0 ? bench_cases_synth(db, count, &e)
					      : bench_synth(db, &cfg, count, &e)) < 0) {
		fprintf(stderr, "zhifa bench: %s\n", e.detail);
		ret = 1;
		goto out;
	}
	ret = 0;
out:
	zerr_clear(&e);
	db_close(&db);
	return ret;
}
