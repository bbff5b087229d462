/* case_http.c: the HTTP face of penalty cases; the work is in cases.c (shared with the
 * CLI). Lists are scoped like every list: an agency's users see its cases, region roles
 * the cases of agencies inside their region; others' cases are absent (and 404). */
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/cases.h"
#include "api/records.h"
#include "core/crypto.h"
#include "core/date.h"
#include "doc/doc.h"
#include "domain/calendar_store.h"
#include "domain/case_due.h"

static int reply_case(struct req *r, int status, const char *pid)
{
	json_t *out = NULL;

	if (case_view(r->db, &r->who, pid, r->reveal, &out, &r->err) < 0)
		return -1;
	if (status == 201)
		snprintf(r->location, sizeof(r->location), "/api/v1/cases/%s", pid);
	return http_reply(r, status, out);
}

int api_cases_create(struct req *r)
{
	json_t *in = NULL;
	char pid[40];
	int ret = -1;

	if (http_json_body(r, &in) == 0 && case_create_lead(r->db, &r->who, in, pid, &r->err) == 0)
		ret = reply_case(r, 201, pid);
	json_decref(in);
	return ret;
}

int api_cases_summary(struct req *r)
{
	json_t *in = NULL;
	char pid[40];
	int ret = -1;

	if (http_json_body(r, &in) == 0 && case_summary(r->db, &r->who, in, pid, &r->err) == 0)
		ret = reply_case(r, 201, pid);
	json_decref(in);
	return ret;
}

int api_leads_fanout(struct req *r)
{
	json_t *in = NULL, *out = NULL;
	int ret = -1;

	if (http_json_body(r, &in) == 0 && case_fanout(r->db, &r->who, in, &out, &r->err) == 0)
		ret = http_reply(r, 201, out);
	json_decref(in);
	return ret;
}

/* The dispatcher's follow-up of a fanned-out ticket: each lead under the reference in an
 * agency the caller sees, with its state and case number only (no party, no facts);
 * a lead referred on shows where it went, and the receiving agency's lead is listed too.
 * 404 when the caller sees none. */
int api_leads_fanout_get(struct req *r)
{
	db_stmt_t *st = db_prepare(r->db, "SELECT a.public_id, a.name, a.region_code, c.public_id, c.state, c.case_no,"
					  " c.referred_to_agency, c.referred_from_agency, c.created_at"
					  " FROM cases c JOIN agencies a ON a.id = c.agency_id"
					  " WHERE c.lead_reference = ? ORDER BY c.id");
	json_t *leads = json_array();
	int rc;

	if (!st) {
		json_decref(leads);
		return zerr_internal(&r->err, db_errmsg(r->db));
	}
	db_bind_text(st, 1, r->params[0]);
	while ((rc = db_step(st)) == DB_ROW) {
		enum case_state cs;

		if (!principal_sees_agency(&r->who, db_col_text(st, 0), db_col_text(st, 2)))
			continue;
		cs = case_state_parse(db_col_text(st, 4));
		json_array_append_new(
			leads, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s?, s:s?, s:s?, s:s}", "agency_id", db_col_text(st, 0),
					 "agency_name", db_col_text(st, 1), "case_id", db_col_text(st, 3), "state",
					 db_col_text(st, 4), "state_zh", cs != CASE_STATE_NONE ? case_state_zh(cs) : "",
					 "case_no", db_col_isnull(st, 5) ? NULL : db_col_text(st, 5), "referred_to_agency",
					 db_col_isnull(st, 6) ? NULL : db_col_text(st, 6), "referred_from_agency",
					 db_col_isnull(st, 7) ? NULL : db_col_text(st, 7), "created_at", db_col_text(st, 8)));
	}
	if (rc != DB_OK) {
		json_decref(leads);
		return db_zerr(r->db, rc, &r->err);
	}
	if (!json_array_size(leads)) {
		json_decref(leads);
		return zerr_not_found(&r->err, "工单 (reference)");
	}
	return http_reply(r, 200, json_pack("{s:s, s:o}", "reference", r->params[0], "leads", leads));
}

int api_cases_referral_targets(struct req *r)
{
	json_t *out = NULL;

	if (case_referral_targets(r->db, &r->who, r->params[0], &out, &r->err) < 0)
		return -1;
	return http_reply(r, 200, out);
}

int api_cases_get(struct req *r)
{
	return reply_case(r, 200, r->params[0]);
}

int api_cases_action(struct req *r)
{
	json_t *in = NULL;
	int ret = -1;

	if (r->body.len && http_json_body(r, &in) < 0)
		return -1;
	if (case_perform(r->db, &r->who, r->params[0], r->params[1], in, &r->err) == 0)
		ret = reply_case(r, 200, r->params[0]);
	json_decref(in);
	return ret;
}

int api_cases_record(struct req *r)
{
	json_t *in = NULL, *out = NULL, *offs;
	char rpid[40];
	int ret = -1;

	if (http_json_body(r, &in) < 0 || case_add_record(r->db, &r->who, r->params[0], in, rpid, &r->err) < 0 ||
	    api_fetch(r, &rec_case_record, rpid, &out) < 0)
		goto done;
	offs = json_loads(json_string_value(json_object_get(out, "officers")), 0, NULL);
	if (offs) {
		json_t *o;
		size_t i;

		json_array_foreach(offs, i, o)
			json_object_del(o, "oid");
		json_object_set_new(out, "officers", offs);
	}
	snprintf(r->location, sizeof(r->location), "%s/%s", r->path, rpid);
	ret = http_reply(r, 201, out);
done:
	json_decref(in);
	return ret;
}

/* A page of cases from st (first column the public id; at most limit + 1 rows), each
 * with its running deadlines so that a list can colour them (computed for the page's
 * rows only; the filters read the stored next due). */
static int list_cases(struct req *r, db_stmt_t *st, int limit)
{
	json_t *items = json_array();
	char next[80] = "";
	int rc, n = 0, more = 0;

	while ((rc = db_step(st)) == DB_ROW) {
		json_t *c, *dl = NULL;

		if (n == limit) {
			more = 1;
			rc = db_run(st);
			break;
		}
		snprintf(next, sizeof(next), "%s", db_col_text(st, 0));
		c = record_encode(&rec_case, st, r->reveal);
		case_deadline_urgency(r->db, &r->who, next, &dl);
		json_object_set_new(c, "deadlines", dl ? dl : json_array());
		json_array_append_new(items, c);
		n++;
	}
	if (rc != DB_OK) {
		json_decref(items);
		return db_zerr(r->db, rc, &r->err);
	}
	return http_reply(r, 200, json_pack("{s:o, s:s?}", "items", items, "next_cursor", more ? next : NULL));
}

/* deadline=due_soon|overdue as the day the stored next due must lie before
 * (domain/case_due.h): today for overdue, the (N+1)th working day for due soon. */
static int deadline_param(struct req *r, const char *d, char bound[ZDATE_STRLEN])
{
	struct case_config cfg;
	struct zdate today, b;

	bound[0] = '\0';
	if (!d)
		return 0;
	if (strcmp(d, "due_soon") != 0 && strcmp(d, "overdue") != 0)
		return zerr_field(&r->err, "deadline", "deadline 只能是 due_soon 或 overdue (due_soon or overdue)");
	zdate_today(&today);
	b = today;
	case_config_default(&cfg);
	if (strcmp(d, "due_soon") == 0 &&
	    case_due_soon_bound(calendar_for(r->db), today, cfg.due_soon_working_days, &b, &r->err) < 0)
		return -1;
	zdate_format(b, bound);
	return 0;
}

/* The list's filters after the scope (and the state, when the scope query has it), then
 * the keyset page: the cursor is bound as '' when absent, so that it is a plain range. */
#define CASE_LIST_FILTERS                                                                  \
	" AND (CAST(? AS TEXT) IS NULL OR c.procedure = ?)"                                \
	" AND (CAST(? AS TEXT) IS NULL OR p.public_id = ?)"                                \
	" AND (CAST(? AS TEXT) IS NULL OR c.item_code = ?)"                                \
	" AND (CAST(? AS TEXT) IS NULL OR c.lead_reference = ?)"                           \
	" AND (CAST(? AS TEXT) IS NULL OR c.cause LIKE ? ESCAPE '\\' OR c.case_no LIKE ? ESCAPE '\\'" \
	" OR c.decision_no LIKE ? ESCAPE '\\' OR p.name LIKE ? ESCAPE '\\')"
/* the page after the cursor in id order */
#define CASE_PAGE_BY_ID " AND c.public_id > ? ORDER BY c.public_id LIMIT ?"
/* the page after the cursor in next-due order (the cursor's own next due looked up:
 * the cursor stays a case id), a range on (agency_id, next_due, public_id) */
#define CASE_PAGE_BY_DUE                                                                   \
	" AND (c.next_due, c.public_id) > (COALESCE((SELECT x.next_due FROM cases x WHERE x.public_id = ?), ''), ?)" \
	" ORDER BY c.next_due, c.public_id LIMIT ?"

/* The caller's own agency when that is its whole scope (not a region role), else 0. */
static int64_t agency_scope(const struct req *r)
{
	if (!r->who.agency_id || !r->who.agency_pid[0] ||
	    (role_has_region_scope(r->who.role) && strcmp(r->who.region_prefix, "-") != 0))
		return 0;
	return r->who.agency_id;
}

int api_cases_list(struct req *r)
{
	const char *cursor, *state = http_query(r, "state"), *proc = http_query(r, "procedure"),
			   *party = http_query(r, "party"), *item = http_query(r, "item_code"), *q = http_query(r, "q"),
			   *ref = http_query(r, "lead_reference");
	char *like = NULL;
	db_stmt_t *st;
	char due[ZDATE_STRLEN];
	int64_t agency = agency_scope(r);
	int limit, n, ret = -1;

	if (http_page(r, 50, 500, &limit, &cursor) < 0 ||
	    deadline_param(r, http_query(r, "deadline"), due) < 0)
		return -1;
	like = q ? api_like(q) : NULL;
	/* At 1 million rows and more (bench/README.md): an agency's users walk cases_agency
	 * (agency_id, public_id) in page order, with a state cases_agency_state (agency_id,
	 * state, public_id); the deadline filter is a range on the partial index
	 * cases_agency_due (agency_id, next_due) whose few matches are then sorted; a
	 * region's users join agencies by region code. The scope, the state and the due day
	 * are plain terms of their own statements: a "? IS NULL OR" form would hide them
	 * from the planner. */
	if (agency && due[0] && state)
		st = record_prepare_select(r->db, &rec_case, "WHERE c.agency_id = ? AND c.next_due < ? AND c.state = ?"
					   CASE_LIST_FILTERS CASE_PAGE_BY_DUE);
	else if (agency && due[0])
		st = record_prepare_select(r->db, &rec_case, "WHERE c.agency_id = ? AND c.next_due < ?"
					   " AND (CAST(? AS TEXT) IS NULL OR c.state = ?)" CASE_LIST_FILTERS CASE_PAGE_BY_DUE);
	else if (agency && state)
		st = record_prepare_select(r->db, &rec_case,
					   "WHERE c.agency_id = ? AND c.state = ?" CASE_LIST_FILTERS CASE_PAGE_BY_ID);
	else if (agency)
		st = record_prepare_select(r->db, &rec_case, "WHERE c.agency_id = ?" CASE_LIST_FILTERS CASE_PAGE_BY_ID);
	else if (due[0])
		st = record_prepare_select(r->db, &rec_case,
					   "WHERE (a.public_id = ? OR a.region_code LIKE ?) AND c.next_due < ?"
					   " AND (CAST(? AS TEXT) IS NULL OR c.state = ?)" CASE_LIST_FILTERS CASE_PAGE_BY_DUE);
	else
		st = record_prepare_select(r->db, &rec_case,
					   "WHERE (a.public_id = ? OR a.region_code LIKE ?)"
					   " AND (CAST(? AS TEXT) IS NULL OR c.state = ?)" CASE_LIST_FILTERS CASE_PAGE_BY_ID);
	if (!st) {
		zerr_internal(&r->err, db_errmsg(r->db));
		goto out;
	}
	n = 1;
	if (agency) {
		db_bind_int(st, n++, agency);
	} else {
		api_bind_scope(r, st, n);
		n += 2;
	}
	if (due[0])
		db_bind_text(st, n++, due);
	if (agency && state) {
		db_bind_text(st, n++, state);
	} else if (due[0] || !agency) {
		db_bind_text(st, n++, state);
		db_bind_text(st, n++, state);
	}
	db_bind_text(st, n++, proc);
	db_bind_text(st, n++, proc);
	db_bind_text(st, n++, party);
	db_bind_text(st, n++, party);
	db_bind_text(st, n++, item);
	db_bind_text(st, n++, item);
	db_bind_text(st, n++, ref);
	db_bind_text(st, n++, ref);
	db_bind_text(st, n++, like);
	db_bind_text(st, n++, like);
	db_bind_text(st, n++, like);
	db_bind_text(st, n++, like);
	db_bind_text(st, n++, like);
	if (due[0])
		db_bind_text(st, n++, cursor ? cursor : "");
	db_bind_text(st, n++, cursor ? cursor : "");
	db_bind_int(st, n, limit + 1);
	ret = list_cases(r, st, limit);
out:
	free(like);
	return ret;
}

int api_cases_worklist(struct req *r)
{
	const char *cursor;
	char mine[64] = "", due[ZDATE_STRLEN];
	db_stmt_t *st;
	int limit, n;

	if (http_page(r, 50, 500, &limit, &cursor) < 0 || deadline_param(r, "due_soon", due) < 0)
		return -1;
	/* an officer's work: the cases they investigate; everyone else: the agency's (or
	 * the region's) open cases */
	if (r->who.role == ROLE_OFFICER) {
		st = db_prepare(r->db, "SELECT o.public_id FROM users u JOIN officers o ON o.id = u.officer_id"
				       " WHERE u.id = ?");
		if (!st)
			return zerr_internal(&r->err, db_errmsg(r->db));
		db_bind_int(st, 1, r->who.user_id);
		if (db_step(st) == DB_ROW) {
			snprintf(mine, sizeof(mine), "%%%s%%", db_col_text(st, 0));
			db_run(st);
		} else {
			snprintf(mine, sizeof(mine), "-");
		}
	}
	/* the due-soon and overdue cases, the most urgent first: a walk of cases_agency_due */
	if (agency_scope(r))
		st = record_prepare_select(r->db, &rec_case,
					   "WHERE c.agency_id = ? AND c.next_due < ?"
					   " AND (CAST(? AS TEXT) IS NULL OR c.investigators LIKE ?)"
					   " AND c.state NOT IN ('closed', 'archived')" CASE_PAGE_BY_DUE);
	else
		st = record_prepare_select(r->db, &rec_case,
					   "WHERE (a.public_id = ? OR a.region_code LIKE ?) AND c.next_due < ?"
					   " AND (CAST(? AS TEXT) IS NULL OR c.investigators LIKE ?)"
					   " AND c.state NOT IN ('closed', 'archived')" CASE_PAGE_BY_DUE);
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	n = 1;
	if (agency_scope(r)) {
		db_bind_int(st, n++, agency_scope(r));
	} else {
		api_bind_scope(r, st, n);
		n += 2;
	}
	db_bind_text(st, n++, due);
	db_bind_text(st, n++, mine[0] ? mine : NULL);
	db_bind_text(st, n++, mine[0] ? mine : NULL);
	db_bind_text(st, n++, cursor ? cursor : "");
	db_bind_text(st, n++, cursor ? cursor : "");
	db_bind_int(st, n, limit + 1);
	return list_cases(r, st, limit);
}

/* The internal id of a case the caller may see, or -1 with 404. */
static int64_t visible_case(struct req *r, const char *pid)
{
	json_t *c = NULL;
	db_stmt_t *st;
	int64_t id = -1;

	if (api_fetch(r, &rec_case, pid, &c) < 0)
		return -1;
	if (!principal_sees_agency(&r->who, json_string_value(json_object_get(c, "agency_id")),
				   json_string_value(json_object_get(c, "agency_region_code")))) {
		json_decref(c);
		zerr_not_found(&r->err, "案件 (case)");
		return -1;
	}
	json_decref(c);
	st = db_prepare(r->db, "SELECT id FROM cases WHERE public_id = ?");
	if (!st) {
		zerr_internal(&r->err, db_errmsg(r->db));
		return -1;
	}
	db_bind_text(st, 1, pid);
	if (db_step(st) == DB_ROW) {
		id = db_col_int(st, 0);
		db_run(st);
	}
	return id;
}

int api_cases_documents(struct req *r)
{
	int64_t id = visible_case(r, r->params[0]);
	json_t *items;
	db_stmt_t *st;
	int rc;

	if (id < 0)
		return -1;
	st = db_prepare(r->db, "SELECT public_id, template, number, sha256, created_at, LENGTH(bytes)"
			       " FROM case_documents WHERE case_id = ? ORDER BY id");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_int(st, 1, id);
	items = json_array();
	while ((rc = db_step(st)) == DB_ROW)
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s, s:s, s:I}", "id", db_col_text(st, 0),
			"template", db_col_text(st, 1), "number", db_col_text(st, 2), "sha256", db_col_text(st, 3),
			"created_at", db_col_text(st, 4), "size", (json_int_t)db_col_int(st, 5)));
	if (rc != DB_OK) {
		json_decref(items);
		return db_zerr(r->db, rc, &r->err);
	}
	return http_reply(r, 200, json_pack("{s:o}", "items", items));
}

/* The Chinese title of template id, or NULL when id names no template. */
static const char *template_title(const char *id)
{
	size_t i;

	for (i = 0; i < doc_template_count(); i++)
		if (strcmp(doc_template_id(i), id) == 0)
			return doc_template_title(i);
	return NULL;
}

/* 409 for an instrument whose step the case has not taken (docs/cases.md §10). */
static int document_not_yet(struct req *r, const char *tmpl, const char *title)
{
	const char *zh = NULL, *step = case_doc_step(tmpl, &zh);

	if (step)
		zerr_set(&r->err, 409, "document_step_missing", "本案尚未办理「%s」(%s)，还没有%s (the step has not happened)",
			 zh, step, title);
	else
		zerr_set(&r->err, 409, "document_step_missing",
			 "本案尚未录入相应笔录 (POST /cases/{id}/records)，还没有%s (no such record yet)", title);
	r->err.extra = json_pack("{s:s, s:s?}", "template", tmpl, "step", step ? step : "records");
	return -1;
}

int api_cases_document(struct req *r)
{
	int64_t id = visible_case(r, r->params[0]);
	const char *title = template_title(r->params[1]);
	const void *p;
	db_stmt_t *st;
	size_t n = 0;

	if (id < 0)
		return -1;
	/* a template id asks for the latest instrument of that kind */
	st = db_prepare(r->db, title ? "SELECT bytes FROM case_documents WHERE case_id = ? AND template = ?"
				       " ORDER BY id DESC"
				     : "SELECT bytes FROM case_documents WHERE case_id = ? AND public_id = ?");
	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, r->params[1]);
	if (db_step(st) != DB_ROW)
		return title ? document_not_yet(r, r->params[1], title) : zerr_not_found(&r->err, "文书 (document)");
	p = db_col_blob(st, 0, &n);
	r->raw = malloc(n ? n : 1);
	if (!r->raw) {
		db_run(st);
		return zerr_oom(&r->err);
	}
	memcpy(r->raw, p, n);
	r->raw_len = n;
	r->raw_type = "application/pdf";
	r->status = 200;
	db_run(st);
	return 0;
}
