#include "domain/calendar_store.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

#include "core/embed.h"
#include "domain/case_due.h"
#include "ledger/ledger.h"

static struct calendar *shared;
static pthread_once_t shared_once = PTHREAD_ONCE_INIT;

static void shared_init(void)
{
	shared = calendar_new();
}

struct calendar *calendar_shared(void)
{
	pthread_once(&shared_once, shared_init);
	return shared;
}

static pthread_mutex_t sync_lock = PTHREAD_MUTEX_INITIALIZER;
static time_t sync_checked;   /* when the database was last asked */
static char sync_seen[64];    /* "count|latest updated_at" it answered */
static long sync_every = -1;  /* seconds between checks; -1 until read */

struct calendar *calendar_for(db_t *db)
{
	struct calendar *cal = calendar_shared();
	time_t now = time(NULL);
	char sig[64] = "";
	db_stmt_t *st;

	pthread_mutex_lock(&sync_lock);
	if (sync_every < 0) {
		const char *v = getenv("ZHIFA_CALENDAR_SYNC_SECONDS"); /* tests shorten it */

		sync_every = v && *v ? strtol(v, NULL, 10) : CALENDAR_SYNC_SECONDS;
	}
	if (now - sync_checked < sync_every && sync_seen[0])
		goto out;
	sync_checked = now;
	st = db_prepare(db, "SELECT COUNT(*), MAX(updated_at) FROM calendar_years");
	if (st && db_step(st) == DB_ROW) {
		snprintf(sig, sizeof(sig), "%lld|%s", (long long)db_col_int(st, 0),
			 db_col_isnull(st, 1) ? "" : db_col_text(st, 1));
		db_run(st);
	}
	if (sig[0] && strcmp(sig, sync_seen) != 0) {
		struct zerr e = ZERR_INIT;

		/* another process loaded or replaced a year: take the stored years again */
		if (calendar_store_load(db, cal, &e) == 0)
			snprintf(sync_seen, sizeof(sync_seen), "%s", sig);
		zerr_clear(&e);
	}
out:
	pthread_mutex_unlock(&sync_lock);
	return cal;
}

int calendar_store_load(db_t *db, struct calendar *cal, struct zerr *e)
{
	db_stmt_t *st = db_prepare(db, "SELECT year, data FROM calendar_years ORDER BY year");
	int rc;

	if (!st)
		return zerr_internal(e, db_errmsg(db));
	while ((rc = db_step(st)) == DB_ROW) {
		const char *text = db_col_text(st, 1);

		if (calendar_load_year(cal, (int)db_col_int(st, 0), text, strlen(text), e) < 0) {
			db_run(st);
			return -1;
		}
	}
	return rc == DB_OK ? 0 : db_zerr(db, rc, e);
}

/* Stores text for year inside the caller's transaction, with its ledger entry. */
static int store_year(db_t *db, int year, const char *text, const struct principal *who,
		      struct zerr *e)
{
	char now[32], id[8];
	db_stmt_t *st;
	json_t *state;
	int rc;

	utc_now_iso(now, sizeof(now), 0);
	st = db_prepare(db, "INSERT INTO calendar_years (year, data, updated_at, updated_by) VALUES (?, ?, ?, ?)"
			    " ON CONFLICT (year) DO UPDATE SET data = excluded.data,"
			    " updated_at = excluded.updated_at, updated_by = excluded.updated_by");
	if (!st)
		return zerr_internal(e, db_errmsg(db));
	db_bind_int(st, 1, year);
	db_bind_text(st, 2, text);
	db_bind_text(st, 3, now);
	db_bind_text(st, 4, who->username[0] ? who->username : "system");
	if ((rc = db_run(st)) != DB_OK)
		return db_zerr(db, rc, e);
	snprintf(id, sizeof(id), "%d", year);
	state = json_pack("{s:i, s:s}", "year", year, "data", text);
	rc = ledger_append(db, who, "calendar.load", "calendar_year", id, state, NULL, e);
	json_decref(state);
	return rc;
}

int calendar_store_seed(db_t *db, struct zerr *e)
{
	const struct embedded *f;
	struct principal sys = { 0 };
	struct calendar *probe = calendar_new();
	int ret = -1, stored = 0;

	if (!probe)
		return zerr_oom(e);
	if (calendar_store_load(db, probe, e) < 0)
		goto out;
	for (f = embedded_calendar; f->name; f++) {
		int year = (int)strtol(f->name, NULL, 10);
		char *text;

		if (calendar_has_year(probe, year))
			continue; /* an admin's version wins over the shipped one */
		text = strndup(f->data, f->len);
		if (!text) {
			zerr_oom(e);
			goto out;
		}
		if (calendar_load_year(probe, year, text, f->len, e) < 0 ||
		    db_begin(db, 1) != DB_OK) {
			free(text);
			goto out;
		}
		if (store_year(db, year, text, &sys, e) < 0 || db_commit(db) != DB_OK) {
			db_rollback(db);
			free(text);
			if (!zerr_isset(e))
				zerr_internal(e, db_errmsg(db));
			goto out;
		}
		free(text);
		stored = 1;
	}
	/* every case's next due with the years now stored (case_due.h): after a new year,
	 * or once on a database whose cases have never had it filled */
	if (stored) {
		if (db_begin(db, 1) != DB_OK) {
			db_zerr(db, DB_RETRY, e);
			goto out;
		}
		if (case_next_due_refresh_all(db, probe, NULL, e) < 0 || db_commit(db) != DB_OK) {
			db_rollback(db);
			if (!zerr_isset(e))
				zerr_internal(e, db_errmsg(db));
			goto out;
		}
	} else if (case_next_due_backfill(db, probe, e) < 0) {
		goto out;
	}
	ret = 0;
out:
	calendar_free(&probe);
	return ret;
}

int calendar_store_put(db_t *db, struct calendar *cal, int year, const char *text, size_t len,
		       const struct principal *who, struct zerr *e)
{
	struct calendar *probe = calendar_new();
	char *copy = NULL;
	int ret = -1;

	if (!probe)
		return zerr_oom(e);
	/* validate first, on a scratch calendar, so that nothing bad is stored */
	if (calendar_load_year(probe, year, text, len, e) < 0)
		goto out;
	copy = strndup(text, len);
	if (!copy) {
		zerr_oom(e);
		goto out;
	}
	if (db_begin(db, 1) != DB_OK) {
		db_zerr(db, DB_RETRY, e);
		goto out;
	}
	/* every case's next due with the calendar as stored now, in the same transaction
	 * (a provisional due day may move: case_due.h) */
	calendar_free(&probe);
	probe = calendar_new();
	if (!probe || store_year(db, year, copy, who, e) < 0 || calendar_store_load(db, probe, e) < 0 ||
	    case_next_due_refresh_all(db, probe, NULL, e) < 0) {
		db_rollback(db);
		if (!zerr_isset(e))
			zerr_oom(e);
		goto out;
	}
	if (db_commit(db) != DB_OK) {
		db_zerr(db, DB_RETRY, e);
		goto out;
	}
	ret = calendar_load_year(cal, year, text, len, e);
out:
	free(copy);
	calendar_free(&probe);
	return ret;
}
