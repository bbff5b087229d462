/* case_due.c: the stored next due of a case (case_due.h, docs/cases.md §10). */
#include "domain/case_due.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct zdate jday(json_t *o, const char *k)
{
	struct zdate d = CASE_DATE_NONE;
	const char *s = json_string_value(json_object_get(o, k));

	if (s && zdate_parse(s, &d) < 0)
		d = CASE_DATE_NONE;
	return d;
}

static enum deadline_kind kind_parse(const char *name)
{
	int k;

	for (k = 1; k < DEADLINE_KIND__COUNT; k++)
		if (name && strcmp(deadline_kind_name((enum deadline_kind)k), name) == 0)
			return (enum deadline_kind)k;
	return DEADLINE_NONE;
}

int case_deadline_from_row(const struct case_config *cfg, const char *kind, const char *start,
			   int64_t length, const char *susp, const char *ext, struct deadline *d,
			   struct zerr *e)
{
	struct zdate sd;
	json_t *a, *v;
	size_t i;

	memset(d, 0, sizeof(*d));
	if (!start || zdate_parse(start, &sd) < 0)
		return zerr_internal(e, "bad deadline row");
	if (deadline_init(d, kind_parse(kind), sd, cfg, e) < 0)
		return -1;
	d->length = (int)length;
	if ((!susp || strcmp(susp, "[]") == 0) && (!ext || strcmp(ext, "[]") == 0))
		return 0; /* the usual row: no suspensions, no extensions, nothing to parse */
	a = json_loads(susp ? susp : "[]", 0, NULL);
	json_array_foreach(a, i, v) {
		struct deadline_suspension *p;
		const char *why = json_string_value(json_object_get(v, "reason"));

		if (d->n_suspensions == DEADLINE_SUSPENSIONS_MAX)
			break;
		p = &d->suspensions[d->n_suspensions++];
		p->from = jday(v, "from");
		p->to = jday(v, "to");
		snprintf(p->reason, sizeof(p->reason), "%s", why ? why : "");
	}
	json_decref(a);
	a = json_loads(ext ? ext : "[]", 0, NULL);
	json_array_foreach(a, i, v) {
		if (d->n_extensions == DEADLINE_EXTENSIONS_MAX)
			break;
		d->extensions[d->n_extensions].days = (int)json_integer_value(json_object_get(v, "days"));
		d->extensions[d->n_extensions].approved_by = json_integer_value(json_object_get(v, "approved_by"));
		d->n_extensions++;
	}
	json_decref(a);
	return 0;
}

/* The earliest due day so far (*due, *prov; due unset = none) folded with one
 * running deadline row; a paused or uncomputable deadline is left out. */
static void fold_row(const struct case_config *cfg, struct calendar *cal, db_stmt_t *st, int col,
		     struct zdate *due, int *prov)
{
	struct deadline d;
	struct zdate dd;
	struct zerr e = ZERR_INIT;
	int p = 0;

	if (case_deadline_from_row(cfg, db_col_text(st, col), db_col_text(st, col + 1), db_col_int(st, col + 2),
				   db_col_text(st, col + 3), db_col_text(st, col + 4), &d, &e) == 0 &&
	    deadline_due(cal, &d, &dd, &p, &e) == 0 &&
	    (!case_date_set(*due) || zdate_cmp(dd, *due) < 0 || (zdate_cmp(dd, *due) == 0 && p && !*prov))) {
		*due = dd;
		*prov = p;
	}
	zerr_clear(&e);
}

static int store_due(db_t *db, int64_t case_id, struct zdate due, int prov, struct zerr *e)
{
	db_stmt_t *st = db_prepare(db, "UPDATE cases SET next_due = ?, next_due_provisional = ? WHERE id = ?");
	char b[ZDATE_STRLEN];

	if (!st)
		return zerr_internal(e, db_errmsg(db));
	db_bind_text(st, 1, case_date_set(due) ? zdate_format(due, b) : NULL);
	db_bind_int(st, 2, case_date_set(due) ? prov : 0);
	db_bind_int(st, 3, case_id);
	return db_run(st) == DB_OK ? 0 : db_zerr(db, DB_ERROR, e);
}

int case_next_due_refresh(db_t *db, struct calendar *cal, const struct case_config *cfg, int64_t case_id,
			  struct zerr *e)
{
	db_stmt_t *st = db_prepare(db, "SELECT kind, start_date, length, suspensions, extensions"
				       " FROM case_deadlines WHERE case_id = ? AND met_on IS NULL");
	struct case_config def;
	struct zdate due = CASE_DATE_NONE;
	int prov = 0, rc;

	if (!st)
		return zerr_internal(e, db_errmsg(db));
	if (!cfg) {
		case_config_default(&def);
		cfg = &def;
	}
	db_bind_int(st, 1, case_id);
	while ((rc = db_step(st)) == DB_ROW)
		fold_row(cfg, cal, st, 0, &due, &prov);
	if (rc != DB_OK)
		return db_zerr(db, rc, e);
	return store_due(db, case_id, due, prov, e);
}

/* One case's result of a refresh_all pass: written when it differs from the stored. */
struct pending {
	int64_t id;
	char old[ZDATE_STRLEN];
	int old_prov;
	struct zdate due;
	int prov;
};

static int pending_flush(db_t *db, struct pending *p, long *changed, struct zerr *e)
{
	char b[ZDATE_STRLEN];
	const char *now = case_date_set(p->due) ? zdate_format(p->due, b) : "";

	if (!p->id)
		return 0;
	if (strcmp(now, p->old) == 0 && (!now[0] || p->prov == p->old_prov))
		return 0;
	(*changed)++;
	return store_due(db, p->id, p->due, p->prov, e);
}

static case_due_cfg_fn cfg_source;

void case_due_set_config_source(case_due_cfg_fn fn)
{
	cfg_source = fn;
}

/* The configuration of agency (a small cache over one pass: the rows come in case id
 * order, the agencies interleave). */
#define CFG_CACHE 64
struct cfg_cache {
	int64_t agency[CFG_CACHE];
	struct case_config cfg[CFG_CACHE];
	size_t n, next;
};

static const struct case_config *cfg_of(db_t *db, struct cfg_cache *c, int64_t agency)
{
	struct zerr e = ZERR_INIT;
	size_t i, k;

	for (i = 0; i < c->n; i++)
		if (c->agency[i] == agency)
			return &c->cfg[i];
	k = c->n < CFG_CACHE ? c->n++ : (c->next++ % CFG_CACHE);
	c->agency[k] = agency;
	if (!cfg_source || cfg_source(db, agency, &c->cfg[k], &e) < 0)
		case_config_default(&c->cfg[k]);
	zerr_clear(&e);
	return &c->cfg[k];
}

int case_next_due_refresh_agency(db_t *db, struct calendar *cal, const struct case_config *cfg,
				 int64_t agency_id, long *changed_r, struct zerr *e)
{
	db_stmt_t *st = db_prepare(db, "SELECT c.id, c.next_due, c.next_due_provisional, d.kind, d.start_date,"
				       " d.length, d.suspensions, d.extensions FROM cases c"
				       " JOIN case_deadlines d ON d.case_id = c.id AND d.met_on IS NULL"
				       " WHERE c.agency_id = ? AND c.next_due IS NOT NULL ORDER BY c.id");
	struct pending *v = NULL, p;
	size_t n = 0, cap = 0, i;
	long changed = 0;
	int rc, ret = -1;

	if (!st)
		return zerr_internal(e, db_errmsg(db));
	db_bind_int(st, 1, agency_id);
	memset(&p, 0, sizeof(p));
	/* read first, then write (SQLite must not update cases under its own cursor) */
	while ((rc = db_step(st)) == DB_ROW) {
		int64_t id = db_col_int(st, 0);

		if (id != p.id) {
			if (p.id) {
				if (n == cap) {
					struct pending *nv;

					cap = cap ? cap * 2 : 256;
					nv = realloc(v, cap * sizeof(*v));
					if (!nv) {
						db_run(st);
						zerr_oom(e);
						goto out;
					}
					v = nv;
				}
				v[n++] = p;
			}
			memset(&p, 0, sizeof(p));
			p.id = id;
			p.due = CASE_DATE_NONE;
			snprintf(p.old, sizeof(p.old), "%s", db_col_text(st, 1));
			p.old_prov = (int)db_col_int(st, 2);
		}
		fold_row(cfg, cal, st, 3, &p.due, &p.prov);
	}
	if (rc != DB_OK) {
		db_zerr(db, rc, e);
		goto out;
	}
	for (i = 0; i < n; i++)
		if (pending_flush(db, &v[i], &changed, e) < 0)
			goto out;
	if (pending_flush(db, &p, &changed, e) < 0)
		goto out;
	if (changed_r)
		*changed_r = changed;
	ret = 0;
out:
	free(v);
	return ret;
}

static int refresh_all(db_t *db, struct calendar *cal, struct cfg_cache *cc, long *changed_r, struct zerr *e)
{
	/* in slices of case ids, so that no engine holds a million rows for one answer;
	 * cases without a running deadline come with NULL columns (to clear a stale date) */
	db_stmt_t *st;
	struct pending p;
	int64_t lo = 0, top = 0;
	long changed = 0;
	int rc;

	st = db_prepare(db, "SELECT MAX(id) FROM cases");
	if (!st)
		return zerr_internal(e, db_errmsg(db));
	if (db_step(st) == DB_ROW) {
		top = db_col_int(st, 0);
		db_run(st);
	}
	for (lo = 0; lo <= top; lo += 20000) {
		st = db_prepare(db, "SELECT c.id, c.next_due, c.next_due_provisional, d.kind, d.start_date, d.length,"
				    " d.suspensions, d.extensions, c.agency_id FROM cases c"
				    " LEFT JOIN case_deadlines d ON d.case_id = c.id AND d.met_on IS NULL"
				    " WHERE c.id > ? AND c.id <= ? AND (c.next_due IS NOT NULL OR d.case_id IS NOT NULL)"
				    " ORDER BY c.id");
		if (!st)
			return zerr_internal(e, db_errmsg(db));
		db_bind_int(st, 1, lo);
		db_bind_int(st, 2, lo + 20000);
		/* the rows are read first (PostgreSQL answers whole; SQLite must not update
		 * cases under its own cursor), then written */
		{
			struct pending *v = NULL;
			size_t n = 0, cap = 0, i;

			memset(&p, 0, sizeof(p));
			while ((rc = db_step(st)) == DB_ROW) {
				int64_t id = db_col_int(st, 0);

				if (id != p.id) {
					if (p.id) {
						if (n == cap) {
							struct pending *nv;

							cap = cap ? cap * 2 : 256;
							nv = realloc(v, cap * sizeof(*v));
							if (!nv) {
								free(v);
								db_run(st);
								return zerr_oom(e);
							}
							v = nv;
						}
						v[n++] = p;
					}
					memset(&p, 0, sizeof(p));
					p.id = id;
					p.due = CASE_DATE_NONE;
					snprintf(p.old, sizeof(p.old), "%s", db_col_isnull(st, 1) ? "" : db_col_text(st, 1));
					p.old_prov = (int)db_col_int(st, 2);
				}
				if (!db_col_isnull(st, 3))
					fold_row(cfg_of(db, cc, db_col_int(st, 8)), cal, st, 3, &p.due, &p.prov);
			}
			if (rc != DB_OK) {
				free(v);
				return db_zerr(db, rc, e);
			}
			for (i = 0; i < n; i++)
				if (pending_flush(db, &v[i], &changed, e) < 0) {
					free(v);
					return -1;
				}
			free(v);
			if (pending_flush(db, &p, &changed, e) < 0)
				return -1;
		}
	}
	st = db_prepare(db, "INSERT INTO settings (k, v) VALUES ('cases.next_due', '1')"
			    " ON CONFLICT (k) DO UPDATE SET v = excluded.v");
	if (!st || db_run(st) != DB_OK)
		return db_zerr(db, DB_ERROR, e);
	if (changed_r)
		*changed_r = changed;
	return 0;
}

int case_next_due_refresh_all(db_t *db, struct calendar *cal, long *changed_r, struct zerr *e)
{
	struct cfg_cache *cc = calloc(1, sizeof(*cc));
	int rc;

	if (!cc)
		return zerr_oom(e);
	rc = refresh_all(db, cal, cc, changed_r, e);
	free(cc);
	return rc;
}

int case_next_due_backfill(db_t *db, struct calendar *cal, struct zerr *e)
{
	db_stmt_t *st = db_prepare(db, "SELECT v FROM settings WHERE k = 'cases.next_due'");
	int done = 0;

	if (!st)
		return zerr_internal(e, db_errmsg(db));
	if (db_step(st) == DB_ROW) {
		done = strcmp(db_col_text(st, 0), "1") == 0;
		db_run(st);
	}
	if (done)
		return 0;
	if (db_begin(db, 1) != DB_OK)
		return db_zerr(db, DB_RETRY, e);
	if (case_next_due_refresh_all(db, cal, NULL, e) < 0) {
		db_rollback(db);
		return -1;
	}
	return db_commit(db) == DB_OK ? 0 : db_zerr(db, DB_RETRY, e);
}

int case_due_soon_bound(struct calendar *cal, struct zdate today, int due_soon_working_days,
			struct zdate *bound_r, struct zerr *e)
{
	if (calendar_add_working_days(cal, today, due_soon_working_days + 1, bound_r, NULL) < 0)
		return zerr_internal(e, "calendar_add_working_days");
	return 0;
}
