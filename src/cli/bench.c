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
 *   zhifa bench ledger-synth --db URL --count N [--data-dir DIR]
 *     Appends N entries through the real ledger_append in transactions of 100,000
 *     (signing a checkpoint every LEDGER_CHECKPOINT_EVERY when DIR holds the key),
 *     so that `zhifa ledger verify` can be measured on a large log. The entries record
 *     deletions ("null" state) of 1,000 synthetic agency ids, which verify accepts.
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

#include "api/record.h"
#include "api/records.h"
#include "cli/cli.h"
#include "doc/doc.h"
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
	     strcmp(o.rest[0], "doc") != 0)) {
		fputs("usage: zhifa bench write --db URL [--count N]\n"
		      "       zhifa bench ledger-synth --db URL --count N [--data-dir DIR]\n"
		      "       zhifa bench doc --model FILE --file TEXT [--count N]\n"
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
	if ((strcmp(o.rest[0], "write") == 0 ? bench_write(db, count, &e)
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
