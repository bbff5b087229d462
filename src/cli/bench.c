/* zhifa bench: hidden benchmark helpers for bench/run.sh (not listed in `zhifa --help`).
 *
 *   zhifa bench write --db URL [--count N]
 *     The domain write path of PATCH /api/v1/agencies/{id}, in-process and one writer:
 *     BEGIN IMMEDIATE, record_decode, record_update, record_load_state, ledger_append,
 *     COMMIT (synchronous=FULL: one WAL fsync per commit) — and the same write without
 *     ledger_append, in alternating rounds so both see the same disk and noise. Also
 *     the bare commit floor (BEGIN; one-row UPDATE; COMMIT) of this disk.
 *
 *   zhifa bench step --db URL [--count N]
 *     A case step as POST /api/v1/cases/{id}/record_statement performs it, in-process
 *     through case_perform (lock, snapshot, guards, update, deadlines, step row, ledger
 *     entry, COMMIT) on the demo's notified case, as its officer; then the same step
 *     followed by case_view (what the HTTP answer carries: deadlines, next_actions);
 *     and the bare commit floor, in alternating rounds (median round), as for `write`.
 *
 *   zhifa bench ledger-synth --db URL --count N [--data-dir DIR]
 *     Appends N entries through the real ledger_append in transactions of 100,000
 *     (signing a checkpoint every LEDGER_CHECKPOINT_EVERY when DIR holds the key),
 *     so that `zhifa ledger verify` can be measured on a large log. The entries record
 *     deletions ("null" state) of 1,000 synthetic agency ids, which verify accepts. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "api/cases.h"
#include "api/record.h"
#include "api/records.h"
#include "cli/cli.h"
#include "core/date.h"
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
	double *t[3], med[3], t0;
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
	if (!t[0] || !t[1] || !t[2]) {
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
	for (mode = 0; mode < 3; mode++) {
		qsort(t[mode], (size_t)rounds, sizeof(double), cmp_double);
		med[mode] = rounds % 2 ? t[mode][rounds / 2]
				       : (t[mode][rounds / 2 - 1] + t[mode][rounds / 2]) / 2;
	}
	printf("write+ledger %.0f/s  write-only %.0f/s  commit-floor %.0f/s  ledger-overhead %.1f%%"
	       "  (%ld rounds of %d each, median round)\n",
	       ROUND / med[0], ROUND / med[1], ROUND / med[2], (med[0] - med[1]) / med[1] * 100.0,
	       rounds, ROUND);
	ret = 0;
out:
	for (mode = 0; mode < 3; mode++)
		free(t[mode]);
	return ret;
}

/* The demo account username as auth would resolve it (user, role, agency). */
static int bench_principal(db_t *db, const char *username, struct principal *p, struct zerr *e)
{
	db_stmt_t *st = db_prepare(db, "SELECT u.id, u.role, a.id, a.public_id FROM users u"
				       " JOIN agencies a ON a.id = u.agency_id WHERE u.username = ?");

	memset(p, 0, sizeof(*p));
	if (!st)
		return zerr_internal(e, db_errmsg(db));
	db_bind_text(st, 1, username);
	if (db_step(st) != DB_ROW)
		return zerr_set(e, 500, "internal", "no account %s (run zhifa demo first)", username);
	p->user_id = db_col_int(st, 0);
	p->role = role_parse(db_col_text(st, 1));
	p->agency_id = db_col_int(st, 2);
	snprintf(p->agency_pid, sizeof(p->agency_pid), "%s", db_col_text(st, 3));
	snprintf(p->region_prefix, sizeof(p->region_prefix), "-");
	snprintf(p->username, sizeof(p->username), "%s", username);
	db_run(st);
	return 0;
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

	if (bench_principal(db, "demo-officer-zhzf", &who, e) < 0 ||
	    bench_principal(db, "demo-head-zhzf", &head, e) < 0)
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

int cmd_bench(int argc, char **argv)
{
	struct config cfg;
	struct cli_opts o;
	struct zerr e = ZERR_INIT;
	db_t *db = NULL;
	long count;
	int ret = 2;

	if (cli_parse(argc, argv, &cfg, &o) < 0 || o.help || o.nrest != 1 ||
	    (strcmp(o.rest[0], "write") != 0 && strcmp(o.rest[0], "ledger-synth") != 0 &&
	     strcmp(o.rest[0], "step") != 0)) {
		fputs("usage: zhifa bench write --db URL [--count N]\n"
		      "       zhifa bench step --db URL [--count N]\n"
		      "       zhifa bench ledger-synth --db URL --count N [--data-dir DIR]\n"
		      "  Benchmark helpers for bench/run.sh (see the comment in src/cli/bench.c).\n",
		      o.help ? stdout : stderr);
		return o.help ? 0 : 2;
	}
	count = o.count ? strtol(o.count, NULL, 10) : 3000;
	if (count < 1)
		count = 1;
	db = cli_open_db(&cfg, 0);
	if (!db)
		goto out;
	if ((strcmp(o.rest[0], "write") == 0  ? bench_write(db, count, &e)
	     : strcmp(o.rest[0], "step") == 0 ? bench_step(db, count, &e)
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
