/* cases.c: penalty cases (处罚办案) over the pure domain core (domain/case*.h).
 *
 * The API never decides a legal question itself: it loads the case, assembles a
 * struct case_snapshot from the stored case, its records, its deadlines, the request
 * body and the actor, asks case_check_action, and applies what the domain says
 * (state, deadline effects) in one write transaction with the step row, the
 * documents and the ledger entries. docs/cases.md §10 describes the mapping. */
#include "api/cases.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "api/api.h"
#include "api/case_docs.h"
#include "domain/catalog.h"
#include "api/records.h"
#include "core/crypto.h"
#include "core/valid.h"
#include "doc/doc.h"
#include "domain/calendar_store.h"
#include "domain/case.h"
#include "domain/case_body.h"
#include "domain/case_deadline.h"
#include "domain/case_due.h"
#include "domain/case_money.h"
#include "domain/discretion_store.h"
#include "ledger/ledger.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_RECORDS 64
/* The domain's "user id" for a person without an officer record: offset so that it
 * never equals an officer's internal id (officers are the people on records). */
#define NON_OFFICER_PERSON (1LL << 40)

/* ---- small helpers ---- */

/* The enforcement-item code check (catalog.md's format); whether the item is in force
 * on the violation date is item_in_force's (a lead's decode). */
int case_item_code_ok(const char *code)
{
	return code && catalog_code_valid(code);
}

static struct zdate today_cn(void)
{
	struct zdate d = CASE_DATE_NONE;

	zdate_today(&d);
	return d;
}

static const char *jstr(json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

/* The text member k of o when present and not empty, else NULL. */
static const char *jtext(json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));

	return v && *v ? v : NULL;
}

static struct zdate jdate(json_t *o, const char *k)
{
	struct zdate d = CASE_DATE_NONE;
	const char *s = jstr(o, k);

	if (!s || zdate_parse(s, &d) < 0)
		return CASE_DATE_NONE;
	return d;
}

static int jbool(json_t *o, const char *k)
{
	json_t *v = json_object_get(o, k);

	return json_is_true(v) || (json_is_integer(v) && json_integer_value(v) != 0);
}

static int64_t jint(json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static json_t *jdate_new(struct zdate d)
{
	char b[ZDATE_STRLEN];

	return case_date_set(d) ? json_string(zdate_format(d, b)) : json_null();
}

/* 1 when an officer with this status and certificate dates held a valid enforcement
 * certificate on day d (the one rule: active, issued on or before d, not expired). */
static int cert_valid_on(const char *status, const char *issued, const char *expires, struct zdate d)
{
	struct zdate i, x;

	if (!status || strcmp(status, "active") != 0 || !issued || zdate_parse(issued, &i) < 0 ||
	    zdate_cmp(i, d) > 0)
		return 0;
	return !expires || (zdate_parse(expires, &x) == 0 && zdate_cmp(d, x) <= 0);
}

static unsigned types_parse_text(const char *s)
{
	char name[40];
	unsigned bits = 0;
	size_t k;

	while (s && *s) {
		k = strcspn(s, ",");
		if (k < sizeof(name)) {
			memcpy(name, s, k);
			name[k] = '\0';
			bits |= case_penalty_type_parse(name);
		}
		s += k;
		if (*s == ',')
			s++;
	}
	return bits;
}

static void types_text(unsigned bits, char *out, size_t n, int zh)
{
	unsigned b;
	size_t len = 0;

	out[0] = '\0';
	for (b = 1; b <= CASE_PT__ALL; b <<= 1)
		if (bits & b) {
			const char *name = zh ? case_penalty_type_zh(b) : case_penalty_type_name(b);

			len += (size_t)snprintf(out + len, len < n ? n - len : 0, "%s%s",
						len ? (zh ? "、" : ",") : "", name);
			if (len >= n)
				break;
		}
}

/* ---- the case in memory while a step runs ---- */

struct case_ctx;
static int referral_origin(struct case_ctx *x, struct zerr *e);

#define INSTALMENTS_MAX 24
#define PAUSES_MAX 16

struct case_ctx {
	db_t *db;
	const struct principal *who;
	json_t *c;                 /* the case as record_encode gives it, unmasked */
	int64_t id;                /* internal id */
	int64_t agency_id;
	int64_t party_row;
	char pid[40];
	struct case_config cfg;
	struct calendar *cal;
	struct case_snapshot s;
	struct instalment inst[INSTALMENTS_MAX]; /* the approved schedule (Art 66(2)) */
	size_t n_inst;
	struct late_fee fee;       /* the late fee as of fee_as_of (Art 72), when fee_set */
	struct zdate fee_as_of;
	int fee_set;
	struct case_record records[MAX_RECORDS];
	char same_act[96];
	int64_t actor_officer;     /* the actor's officer row, 0 when none */
	char actor_name[64];
	char actor_cert_no[40];
	char next_due[ZDATE_STRLEN]; /* as stored (case_due.h), "" when none */
	int next_due_provisional;
	char benchmark[DISCRETION_KEY_LEN + 2]; /* "item version" in force at the violation, or "" */
};

static void ctx_release(struct case_ctx *x)
{
	json_decref(x->c);
	x->c = NULL;
}

/* The case pid as record_encode gives it (unmasked); 404 when there is none. */
static int case_fetch(db_t *db, const char *pid, json_t **c_r, struct zerr *e)
{
	db_stmt_t *st = record_prepare_select(db, &rec_case, "WHERE c.public_id = ?");
	int rc;

	*c_r = NULL;
	if (!st)
		return zerr_internal(e, db_errmsg(db));
	db_bind_text(st, 1, pid);
	rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_OK ? zerr_not_found(e, "案件 (case)") : db_zerr(db, rc, e);
	*c_r = record_encode(&rec_case, st, 1);
	db_run(st);
	return 0;
}

/* Loads case pid as x->c; 404 unless who's agency owns it (write) or who may see it. */
static int ctx_load(struct case_ctx *x, const char *pid, int write, struct zerr *e)
{
	db_stmt_t *st;

	if (write) {
		/* Take the case's row lock first (PostgreSQL at READ COMMITTED: a concurrent
		 * step waits here and then reads the committed state; SQLite's BEGIN IMMEDIATE
		 * already serialises writers), so that two steps never start from one state. */
		st = db_prepare(x->db, "UPDATE cases SET updated_at = updated_at WHERE public_id = ?");
		if (!st)
			return zerr_internal(e, db_errmsg(x->db));
		db_bind_text(st, 1, pid);
		if (db_run(st) != DB_OK)
			return db_zerr(x->db, DB_RETRY, e);
	}
	if (case_fetch(x->db, pid, &x->c, e) < 0)
		return -1;
	if (write ? strcmp(jstr(x->c, "agency_id"), x->who->agency_pid) != 0
		  : !principal_sees_agency(x->who, jstr(x->c, "agency_id"), jstr(x->c, "agency_region_code")))
		return zerr_not_found(e, "案件 (case)");
	snprintf(x->pid, sizeof(x->pid), "%s", pid);
	st = db_prepare(x->db, "SELECT id, agency_id, party_id, next_due, next_due_provisional FROM cases"
			       " WHERE public_id = ?");
	if (!st)
		return zerr_internal(e, db_errmsg(x->db));
	db_bind_text(st, 1, pid);
	if (db_step(st) != DB_ROW)
		return zerr_not_found(e, "案件 (case)");
	x->id = db_col_int(st, 0);
	x->agency_id = db_col_int(st, 1);
	x->party_row = db_col_int(st, 2);
	snprintf(x->next_due, sizeof(x->next_due), "%s", db_col_isnull(st, 3) ? "" : db_col_text(st, 3));
	x->next_due_provisional = (int)db_col_int(st, 4);
	db_run(st);
	return 0;
}

/* The actor: role bits from the principal; certificate and legal qualification from
 * the officer record linked to the user (users.officer_id). */
static int actor_fill(struct case_ctx *x, struct zerr *e)
{
	struct case_actor *a = &x->s.actor;
	db_stmt_t *st;
	int rc;

	a->roles = case_role_from_name(role_name(x->who->role));
	a->user_id = NON_OFFICER_PERSON + x->who->user_id;
	x->actor_officer = 0;
	snprintf(x->actor_name, sizeof(x->actor_name), "%s", x->who->username);
	x->actor_cert_no[0] = '\0';
	st = db_prepare(x->db, "SELECT o.id, o.status, o.cert_issued, o.cert_expires, o.legal_qualified,"
			       " o.name, o.cert_no, o.legal_review_since FROM users u JOIN officers o ON o.id = u.officer_id"
			       " WHERE u.id = ?");
	if (!st)
		return zerr_internal(e, db_errmsg(x->db));
	db_bind_int(st, 1, x->who->user_id);
	rc = db_step(st);
	if (rc == DB_ROW) {
		x->actor_officer = db_col_int(st, 0);
		a->user_id = x->actor_officer;
		a->certificate_valid = cert_valid_on(db_col_text(st, 1), db_col_text(st, 2),
						     db_col_isnull(st, 3) ? NULL : db_col_text(st, 3),
						     x->s.today);
		a->legal_qualification = (int)db_col_int(st, 4);
		snprintf(x->actor_name, sizeof(x->actor_name), "%s", db_col_text(st, 5));
		snprintf(x->actor_cert_no, sizeof(x->actor_cert_no), "%s", db_col_text(st, 6));
		/* 行政处罚法 Art 58(2): legal review done before 2021-07-15 is not "初次" */
		if (db_col_isnull(st, 7) || zdate_parse(db_col_text(st, 7), &a->legal_review_since) < 0)
			memset(&a->legal_review_since, 0, sizeof(a->legal_review_since));
		a->experienced_reviewer = case_reviewer_experienced(a->legal_review_since);
		rc = db_run(st);
	}
	return rc == DB_OK ? 0 : db_zerr(x->db, rc, e);
}

/* An officer of the case's agency by public id: internal id and validity on day d.
 * 0, or -1 with a field error on field (unknown or another agency's officer). */
static int officer_of_agency(struct case_ctx *x, const char *opid, struct zdate d, const char *field,
			     struct case_officer *o_r, json_t **info_r, struct zerr *e)
{
	db_stmt_t *st = db_prepare(x->db, "SELECT id, status, cert_issued, cert_expires, name, cert_no"
					  " FROM officers WHERE public_id = ? AND agency_id = ?");
	int rc;

	if (!st)
		return zerr_internal(e, db_errmsg(x->db));
	db_bind_text(st, 1, opid);
	db_bind_int(st, 2, x->agency_id);
	rc = db_step(st);
	if (rc == DB_OK)
		return zerr_field(e, field, "执法人员 %s 不是本机关的执法人员 (not an officer of this agency)", opid);
	if (rc != DB_ROW)
		return db_zerr(x->db, rc, e);
	o_r->user_id = db_col_int(st, 0);
	o_r->auxiliary = 0;
	o_r->certificate_valid = cert_valid_on(db_col_text(st, 1), db_col_text(st, 2),
					       db_col_isnull(st, 3) ? NULL : db_col_text(st, 3), d);
	if (info_r)
		*info_r = json_pack("{s:s, s:I, s:s, s:s, s:b}", "id", opid, "oid", (json_int_t)o_r->user_id,
				    "name", db_col_text(st, 4), "cert_no", db_col_text(st, 5),
				    "certificate_valid", o_r->certificate_valid);
	db_run(st);
	return 0;
}

static int load_records(struct case_ctx *x, struct zerr *e)
{
	db_stmt_t *st = db_prepare(x->db, "SELECT kind, record_date, officers FROM case_records"
					  " WHERE case_id = ? ORDER BY id");
	int rc;

	if (!st)
		return zerr_internal(e, db_errmsg(x->db));
	db_bind_int(st, 1, x->id);
	x->s.n_records = 0;
	while ((rc = db_step(st)) == DB_ROW) {
		struct case_record *r;
		json_t *offs = json_loads(db_col_text(st, 2), 0, NULL), *o;
		size_t i;

		if (x->s.n_records == MAX_RECORDS) {
			json_decref(offs);
			continue;
		}
		r = &x->records[x->s.n_records++];
		memset(r, 0, sizeof(*r));
		r->kind = strcmp(db_col_text(st, 0), "inquiry") == 0 ? CASE_RECORD_INQUIRY : CASE_RECORD_INSPECTION;
		zdate_parse(db_col_text(st, 1), &r->date);
		json_array_foreach(offs, i, o) {
			if (r->n_officers == CASE_RECORD_OFFICERS_MAX)
				break;
			r->officers[r->n_officers].user_id = jint(o, "oid");
			r->officers[r->n_officers].certificate_valid = jbool(o, "certificate_valid");
			r->n_officers++;
		}
		json_decref(offs);
	}
	x->s.records = x->records;
	return rc == DB_OK ? 0 : db_zerr(x->db, rc, e);
}

/* Investigators (comma-separated officer public ids) with their validity today. */
static int load_investigators(struct case_ctx *x, struct zerr *e)
{
	const char *p = jstr(x->c, "investigators");
	char opid[40];
	size_t k;

	x->s.n_investigators = 0;
	while (p && *p && x->s.n_investigators < CASE_INVESTIGATORS_MAX) {
		k = strcspn(p, ",");
		if (k < sizeof(opid)) {
			memcpy(opid, p, k);
			opid[k] = '\0';
			if (officer_of_agency(x, opid, x->s.today, "investigators",
					      &x->s.investigators[x->s.n_investigators], NULL, e) < 0)
				return -1;
			x->s.n_investigators++;
		}
		p += k;
		if (*p == ',')
			p++;
	}
	return 0;
}

static int64_t officer_row(struct case_ctx *x, const char *opid)
{
	db_stmt_t *st = db_prepare(x->db, "SELECT id FROM officers WHERE public_id = ?");
	int64_t id = 0;

	if (!st || !opid)
		return 0;
	db_bind_text(st, 1, opid);
	if (db_step(st) == DB_ROW) {
		id = db_col_int(st, 0);
		db_run(st);
	}
	return id;
}

/* Art 29: the standing fines of the same party and item, from every agency. */
static int load_same_act(struct case_ctx *x, const char *item, struct zdate from, struct zdate to,
			 struct zerr *e)
{
	struct case_prior_fine prior[32];
	char nos[32][96], codes[32][16], ids[32][24];
	const struct case_prior_fine *hit;
	db_stmt_t *st;
	size_t n = 0;
	int rc;

	x->same_act[0] = '\0';
	x->s.same_act_fine_case = NULL;
	st = db_prepare(x->db, "SELECT c.decision_no, a.name, c.item_code, c.violation_date, c.violation_end,"
			       " c.intended_fine_fen FROM cases c JOIN agencies a ON a.id = c.agency_id"
			       " WHERE c.party_id = ? AND c.item_code = ? AND c.id <> ?"
			       " AND c.decision_date IS NOT NULL AND c.intended_fine_fen > 0"
			       " AND c.state NOT IN ('revoked', 'no_penalty') ORDER BY c.id LIMIT 32");
	if (!st)
		return zerr_internal(e, db_errmsg(x->db));
	db_bind_int(st, 1, x->party_row);
	db_bind_text(st, 2, item);
	db_bind_int(st, 3, x->id);
	while ((rc = db_step(st)) == DB_ROW) {
		snprintf(nos[n], sizeof(nos[n]), "%s（%s）", db_col_isnull(st, 0) ? "" : db_col_text(st, 0),
			 db_col_text(st, 1));
		snprintf(codes[n], sizeof(codes[n]), "%s", db_col_text(st, 2));
		snprintf(ids[n], sizeof(ids[n]), "party");
		prior[n].case_no = nos[n];
		prior[n].party_id = ids[n];
		prior[n].item_code = codes[n];
		zdate_parse(db_col_text(st, 3), &prior[n].from);
		prior[n].to = CASE_DATE_NONE;
		if (!db_col_isnull(st, 4))
			zdate_parse(db_col_text(st, 4), &prior[n].to);
		prior[n].fine_fen = db_col_int(st, 5);
		n++;
	}
	if (rc != DB_OK)
		return db_zerr(x->db, rc, e);
	hit = case_same_act_fine(prior, n, "party", item, from, to);
	if (hit) {
		snprintf(x->same_act, sizeof(x->same_act), "%s", hit->case_no);
		x->s.same_act_fine_case = x->same_act;
	}
	return 0;
}

static int dl_load(struct case_ctx *x, enum deadline_kind k, struct deadline *d, int *met_r,
		   struct zerr *e);

/* The stored schedule (JSON [{amount_fen, due, paid_on?}]) into x->inst. */
static void inst_load(struct case_ctx *x)
{
	json_t *a = jstr(x->c, "instalments") ? json_loads(jstr(x->c, "instalments"), 0, NULL) : NULL, *m;
	size_t i;

	x->n_inst = 0;
	x->s.instalments_unpaid = 0;
	json_array_foreach(a, i, m) {
		if (x->n_inst >= INSTALMENTS_MAX)
			break;
		x->inst[x->n_inst].amount_fen = jint(m, "amount_fen");
		x->inst[x->n_inst].due = jdate(m, "due");
		x->inst[x->n_inst].paid_on = jdate(m, "paid_on");
		if (!case_date_set(x->inst[x->n_inst].paid_on))
			x->s.instalments_unpaid++;
		x->n_inst++;
	}
	json_decref(a);
}

static json_t *inst_json(const struct case_ctx *x)
{
	json_t *a = json_array();
	size_t i;

	for (i = 0; i < x->n_inst; i++) {
		json_t *m = json_pack("{s:I, s:o}", "amount_fen", (json_int_t)x->inst[i].amount_fen, "due",
				      jdate_new(x->inst[i].due));

		json_object_set_new(m, "paid_on", case_date_set(x->inst[i].paid_on) ? jdate_new(x->inst[i].paid_on)
									    : json_null());
		json_array_append_new(a, m);
	}
	return a;
}

/* The last day of a payment period the agency fixed as a day (a deferral's end, an
 * instalment's due day), rolled over a rest day as D6 is when payment_rolls_over (the
 * deadline kinds deferral and instalment, case_deadline.c): one rule in one place. */
static struct zdate pay_day_rolled(struct case_ctx *x, struct zdate day)
{
	struct deadline d;
	struct zdate start, due = day;
	struct zerr tmp = ZERR_INIT;

	if (!case_date_set(day) || zdate_add_days(day, -1, &start) != 0 ||
	    deadline_init_until(&d, DEADLINE_INSTALMENT, start, day, &x->cfg, &tmp) < 0 ||
	    deadline_due(x->cal, &d, &due, NULL, &tmp) < 0)
		due = day;
	zerr_clear(&tmp);
	return due;
}

/* The late fee (Art 72(1), case_money.h) into the snapshot, as of the day the fine was
 * paid or today: counted from the day after the payment period (D6, rolled over a rest
 * day when configured), not during a reconsideration or litigation (Art 73,
 * remedy_pauses) nor from a deferral's approval to its (rolled) end; over instalments
 * each from its own (rolled) due day. Once the fine is paid the fee stops: it is
 * frozen at its amount on paid_on, paid with the fine or later (late_fee_paid). */
/* The case's reconsideration/suit pauses of the late fee (Art 73(3); remedy_pauses, an
 * open one without its end), at most max of them into p; their count. */
static size_t remedy_pauses(const struct case_ctx *x, struct late_fee_pause *p, size_t max)
{
	json_t *a = json_loads(jstr(x->c, "remedy_pauses") ? jstr(x->c, "remedy_pauses") : "[]", 0, NULL), *m;
	size_t i, n = 0;

	json_array_foreach(a, i, m) {
		if (n >= max)
			break;
		p[n].from = jdate(m, "from");
		p[n].to = jdate(m, "to");
		n++;
	}
	json_decref(a);
	return n;
}

static int snap_late_fee(struct case_ctx *x, struct zerr *e)
{
	struct late_fee_pause p[PAUSES_MAX + 1];
	struct instalment rolled[INSTALMENTS_MAX];
	size_t n, i;
	struct zdate d6 = x->s.payment_due, defer_end = CASE_DATE_NONE;
	int rc;

	inst_load(x);
	memset(&x->fee, 0, sizeof(x->fee));
	x->fee_set = 0;
	x->s.late_fee_due_fen = 0;
	x->s.late_fee_paid = jbool(x->c, "late_fee_paid");
	if (case_date_set(jdate(x->c, "deferred_until")))
		defer_end = pay_day_rolled(x, jdate(x->c, "deferred_until"));
	if (x->s.state == CASE_DEFERRED && case_date_set(defer_end))
		x->s.payment_due = defer_end;
	for (i = 0; i < x->n_inst; i++) {
		rolled[i] = x->inst[i];
		rolled[i].due = pay_day_rolled(x, x->inst[i].due);
	}
	if (x->s.state == CASE_INSTALMENTS)
		for (i = 0; i < x->n_inst; i++)
			if (!case_date_set(x->inst[i].paid_on)) {
				x->s.payment_due = rolled[i].due;
				break;
			}
	if (x->s.intended.fine_fen <= 0 || !case_date_set(d6))
		return 0;
	n = remedy_pauses(x, p, PAUSES_MAX);
	if (case_date_set(jdate(x->c, "deferred_from"))) {
		p[n].from = jdate(x->c, "deferred_from");
		p[n].to = defer_end;
		n++;
	}
	x->fee_as_of = x->s.fine_paid && case_date_set(jdate(x->c, "paid_on")) ? jdate(x->c, "paid_on") : x->s.today;
	if (x->n_inst) {
		int64_t total = 0;

		rc = late_fee_instalments(rolled, x->n_inst, x->fee_as_of, p, n, &total, e);
		memset(&x->fee, 0, sizeof(x->fee));
		x->fee.fee_fen = total;
	} else {
		struct late_fee_input in = { x->s.intended.fine_fen, d6, x->fee_as_of, p, n };

		rc = zdate_cmp(x->fee_as_of, d6) > 0 ? late_fee_compute(&in, &x->fee, e) : 0;
	}
	if (rc < 0)
		return -1;
	x->s.late_fee_due_fen = x->fee.fee_fen;
	x->fee_set = 1;
	return 0;
}

/* The payment period's last day (D6, for mark_overdue) and the day the 催告 was served
 * (D17's start, for apply_enforcement), from the stored deadlines. */
static int snap_payment(struct case_ctx *x, struct zerr *e)
{
	struct deadline d;
	struct zerr tmp = ZERR_INIT;
	int met = 0, rc;

	rc = dl_load(x, DEADLINE_PAYMENT, &d, &met, e);
	if (rc < 0)
		return -1;
	if (rc == 1 && deadline_due(x->cal, &d, &x->s.payment_due, NULL, &tmp) < 0)
		x->s.payment_due = CASE_DATE_NONE; /* paused: not due */
	zerr_clear(&tmp);
	rc = dl_load(x, DEADLINE_DEMAND, &d, &met, e);
	if (rc < 0)
		return -1;
	if (rc == 1)
		x->s.demand_served = d.start;
	return snap_late_fee(x, e);
}

/* Art 34: the benchmark of the case's item in force at the violation, which the deciding
 * steps' guard (discretion_circumstances_given) reads, in the view as at the step. Only
 * where a decision can be the next step. */
static int snap_benchmark(struct case_ctx *x, struct zerr *e)
{
	static const enum case_action deciding[] = { CA_DECIDE_PENALTY, CA_DECIDE_ON_THE_SPOT };
	const struct case_transition *rows;
	const char *item = jstr(x->c, "item_code");
	const struct discretion_table *t;
	struct discretion_ref *ref;
	size_t i, j, n;
	int applies = 0;

	x->benchmark[0] = '\0';
	x->s.discretion_benchmark = x->benchmark;
	rows = case_transitions(&n);
	for (i = 0; i < n; i++)
		for (j = 0; j < N(deciding); j++)
			if (rows[i].action == deciding[j] && (rows[i].from & ((uint64_t)1 << x->s.state)))
				applies = 1;
	if (!applies || !item || !case_date_set(x->s.violation))
		return 0;
	ref = discretion_acquire(x->db);
	if (!ref)
		return zerr_oom(e);
	t = discretion_set_find(discretion_ref_set(ref), item, x->s.violation);
	if (t)
		snprintf(x->benchmark, sizeof(x->benchmark), "%s %s", item, discretion_table_version(t));
	discretion_release(&ref);
	return 0;
}

/* Fills x->s from the stored case (not yet the body). */
static int snap_fill(struct case_ctx *x, struct zerr *e)
{
	struct case_snapshot *s = &x->s;
	const char *grounds = jstr(x->c, "no_penalty_grounds");

	if (case_config_for_agency(x->db, x->agency_id, &x->cfg, e) < 0)
		return -1;
	x->cal = calendar_for(x->db);
	case_snapshot_init(s);
	s->today = today_cn();
	s->state = case_state_parse(jstr(x->c, "state"));
	s->previous_state = jstr(x->c, "previous_state") ? case_state_parse(jstr(x->c, "previous_state"))
							 : CASE_STATE_NONE;
	s->procedure = strcmp(jstr(x->c, "procedure"), "summary") == 0 ? CASE_PROC_SUMMARY : CASE_PROC_ORDINARY;
	s->party_type = strcmp(jstr(x->c, "party_kind"), "person") == 0 ? CASE_PARTY_PERSON : CASE_PARTY_ORG;
	s->violation = jdate(x->c, "violation_date");
	s->violation_end = jdate(x->c, "violation_end");
	s->discovery = jdate(x->c, "discovery_date");
	s->filing = jdate(x->c, "filing_date");
	s->notice = jdate(x->c, "notice_date");
	s->decision = jdate(x->c, "decision_date");
	s->service = jdate(x->c, "service_date");
	s->limitation_category = strcmp(jstr(x->c, "limitation_category"), "life_health_safety") == 0
					 ? CASE_LIMIT_LIFE_HEALTH_SAFETY
				 : strcmp(jstr(x->c, "limitation_category"), "financial_security") == 0
					 ? CASE_LIMIT_FINANCIAL_SECURITY
					 : CASE_LIMIT_ORDINARY;
	s->harmful_consequences = jbool(x->c, "harmful_consequences");
	s->intended.types = types_parse_text(jstr(x->c, "intended_types"));
	s->intended.fine_fen = jint(x->c, "intended_fine_fen");
	s->intended.confiscation_fen = jint(x->c, "intended_confiscation_fen");
	s->notified.types = types_parse_text(jstr(x->c, "notified_types"));
	s->notified.fine_fen = jint(x->c, "notified_fine_fen");
	s->notified.confiscation_fen = jint(x->c, "notified_confiscation_fen");
	s->statement_received = jbool(x->c, "statement_received");
	s->statement_waived = jbool(x->c, "statement_waived");
	s->hearing_requested_on = jdate(x->c, "hearing_requested_on");
	s->hearing_notified_on = jdate(x->c, "hearing_notified_on");
	s->hearing_date = jdate(x->c, "hearing_date");
	s->hearing_presiding_user_id = officer_row(x, jstr(x->c, "hearing_presiding"));
	s->hearing_held = jbool(x->c, "hearing_held");
	s->hearing_waived = jbool(x->c, "hearing_waived");
	s->major_public_interest = jbool(x->c, "major_public_interest");
	s->complex_case = jbool(x->c, "complex_case");
	s->legal_review_done = jbool(x->c, "legal_review_done");
	s->legal_review_passed = jbool(x->c, "legal_review_passed");
	s->legal_reviewer_qualified = jbool(x->c, "legal_reviewer_qualified");
	s->major_violation = jbool(x->c, "major_violation");
	s->collective_discussion_held = jbool(x->c, "collective_discussion_held");
	s->preservation_on = jdate(x->c, "preservation_on");
	s->preservation_approved = jbool(x->c, "preservation_approved");
	s->preservation_decided = jbool(x->c, "preservation_decided");
	s->lacks_capacity = grounds && strstr(grounds, "lacks_capacity") != NULL;
	if (grounds && strstr(grounds, "minor_corrected")) {
		s->minor_violation = 1;
		s->corrected_promptly = 1;
		s->harm = CASE_HARM_NONE;
	}
	if (grounds && strstr(grounds, "first_minor_harm")) {
		s->first_violation = 1;
		s->corrected_promptly = 1;
		s->harm = CASE_HARM_MINOR;
	}
	s->no_fault_proven = grounds && strstr(grounds, "no_fault") != NULL;
	s->facts_not_established = grounds && strstr(grounds, "facts_not_established") != NULL;
	s->fine_paid = jbool(x->c, "fine_paid");
	s->transfer_receipt_recorded = jbool(x->c, "transfer_receipt_recorded");
	s->remedy_pending = jbool(x->c, "remedy_pending");
	s->submitted_by = jint(x->c, "submitted_by");
	s->submission_acted_on = jbool(x->c, "submission_acted_on");
	if (s->party_type == CASE_PARTY_PERSON) {
		db_stmt_t *st = db_prepare(x->db, "SELECT birth_date FROM parties WHERE id = ?");

		if (!st)
			return zerr_internal(e, db_errmsg(x->db));
		db_bind_int(st, 1, x->party_row);
		if (db_step(st) == DB_ROW) {
			if (!db_col_isnull(st, 0))
				zdate_parse(db_col_text(st, 0), &s->party_birth);
			db_run(st);
		}
	}
	if (actor_fill(x, e) < 0 || load_records(x, e) < 0 || load_investigators(x, e) < 0 ||
	    snap_payment(x, e) < 0 || snap_benchmark(x, e) < 0 || referral_origin(x, e) < 0)
		return -1;
	return 0;
}

/* ---- deadlines: budgets with ledgers (case_deadline.h), stored per case and kind ---- */

/* Makes d from a stored row (kind, start_date, length, suspensions, extensions). */
static int dl_from_row(struct case_ctx *x, const char *kind, const char *start, int64_t length,
		       const char *susp, const char *ext, struct deadline *d, struct zerr *e)
{
	return case_deadline_from_row(&x->cfg, kind, start, length, susp, ext, d, e);
}

/* Loads the deadline of kind k: 1 found (running or met: *met_r), 0 none. */
static int dl_load(struct case_ctx *x, enum deadline_kind k, struct deadline *d, int *met_r,
		   struct zerr *e)
{
	db_stmt_t *st = db_prepare(x->db, "SELECT kind, start_date, length, suspensions, extensions, met_on"
					  " FROM case_deadlines WHERE case_id = ? AND kind = ?");
	int rc, ret;

	if (!st)
		return zerr_internal(e, db_errmsg(x->db));
	db_bind_int(st, 1, x->id);
	db_bind_text(st, 2, deadline_kind_name(k));
	rc = db_step(st);
	if (rc == DB_OK)
		return 0;
	if (rc != DB_ROW)
		return db_zerr(x->db, rc, e);
	*met_r = !db_col_isnull(st, 5);
	ret = dl_from_row(x, db_col_text(st, 0), db_col_text(st, 1), db_col_int(st, 2), db_col_text(st, 3),
			  db_col_text(st, 4), d, e);
	db_run(st);
	return ret < 0 ? -1 : 1;
}

static int dl_store(struct case_ctx *x, const struct deadline *d, struct zerr *e)
{
	json_t *s = json_array(), *ex = json_array();
	char *st_s = NULL, *ex_s = NULL, b[ZDATE_STRLEN];
	db_stmt_t *st;
	size_t i;
	int ret = -1;

	for (i = 0; i < d->n_suspensions; i++) {
		json_t *o = json_pack("{s:o, s:s}", "from", jdate_new(d->suspensions[i].from), "reason",
				      d->suspensions[i].reason);

		if (case_date_set(d->suspensions[i].to))
			json_object_set_new(o, "to", jdate_new(d->suspensions[i].to));
		json_array_append_new(s, o);
	}
	for (i = 0; i < d->n_extensions; i++)
		json_array_append_new(ex, json_pack("{s:i, s:I}", "days", d->extensions[i].days, "approved_by",
						    (json_int_t)d->extensions[i].approved_by));
	st_s = json_dumps(s, JSON_COMPACT);
	ex_s = json_dumps(ex, JSON_COMPACT);
	st = db_prepare(x->db, "INSERT INTO case_deadlines (case_id, kind, start_date, length, suspensions,"
			       " extensions, met_on) VALUES (?, ?, ?, ?, ?, ?, NULL)"
			       " ON CONFLICT (case_id, kind) DO UPDATE SET start_date = excluded.start_date,"
			       " length = excluded.length, suspensions = excluded.suspensions,"
			       " extensions = excluded.extensions, met_on = NULL");
	if (!st || !st_s || !ex_s) {
		zerr_internal(e, db_errmsg(x->db));
		goto out;
	}
	db_bind_int(st, 1, x->id);
	db_bind_text(st, 2, deadline_kind_name(d->kind));
	db_bind_text(st, 3, zdate_format(d->start, b));
	db_bind_int(st, 4, d->length);
	db_bind_text(st, 5, st_s);
	db_bind_text(st, 6, ex_s);
	if (db_run(st) != DB_OK) {
		db_zerr(x->db, DB_ERROR, e);
		goto out;
	}
	ret = 0;
out:
	json_decref(s);
	json_decref(ex);
	free(st_s);
	free(ex_s);
	return ret;
}

/* Applies what case_deadline_effects says action a implies. */
static int dl_apply(struct case_ctx *x, enum case_action a, struct zerr *e)
{
	struct deadline_effect fx[DEADLINE_EFFECTS_MAX];
	struct deadline d;
	char b[ZDATE_STRLEN];
	int n, i, met = 0, rc;

	n = case_deadline_effects(&x->cfg, &x->s, a, fx, N(fx));
	for (i = 0; i < n; i++) {
		struct zdate day = case_date_set(fx[i].date) ? fx[i].date : x->s.today;

		if (fx[i].op == DEADLINE_START) {
			if (fx[i].kind == DEADLINE_DEFERRAL || fx[i].kind == DEADLINE_INSTALMENT) {
				/* runs to the day the head fixed (Art 66(2)) */
				if (!case_date_set(fx[i].until))
					continue;
				if (deadline_init_until(&d, fx[i].kind, day, fx[i].until, &x->cfg, e) < 0)
					return -1;
			} else if (deadline_init(&d, fx[i].kind, day, &x->cfg, e) < 0) {
				return -1;
			}
			if (dl_store(x, &d, e) < 0)
				return -1;
			continue;
		}
		rc = dl_load(x, fx[i].kind, &d, &met, e);
		if (rc < 0)
			return -1;
		if (rc == 0 || met)
			continue;
		if (fx[i].op == DEADLINE_STOP) {
			db_stmt_t *st = db_prepare(x->db, "UPDATE case_deadlines SET met_on = ?"
							  " WHERE case_id = ? AND kind = ?");

			if (!st)
				return zerr_internal(e, db_errmsg(x->db));
			db_bind_text(st, 1, zdate_format(day, b));
			db_bind_int(st, 2, x->id);
			db_bind_text(st, 3, deadline_kind_name(fx[i].kind));
			if (db_run(st) != DB_OK)
				return db_zerr(x->db, DB_ERROR, e);
			continue;
		}
		if (fx[i].op == DEADLINE_SUSPEND) {
			if (deadline_suspend(&d, day, fx[i].reason, e) < 0)
				return -1;
		} else if (deadline_resume(&d, day, e) < 0) {
			return -1;
		}
		if (dl_store(x, &d, e) < 0)
			return -1;
	}
	/* the case's stored next due follows its deadlines (domain/case_due.h) */
	return n > 0 ? case_next_due_refresh(x->db, x->cal, &x->cfg, x->id, e) : 0;
}

/* The running deadlines of the case as of today: [{kind, zh, basis, due, remaining,
 * status, provisional}]. */
static json_t *dl_view(struct case_ctx *x, int *worst_r)
{
	json_t *out = json_array();
	db_stmt_t *st = db_prepare(x->db, "SELECT kind, start_date, length, suspensions, extensions"
					  " FROM case_deadlines WHERE case_id = ? AND met_on IS NULL ORDER BY kind");
	struct zerr e = ZERR_INIT;

	*worst_r = 0;
	if (!st)
		return out;
	db_bind_int(st, 1, x->id);
	while (db_step(st) == DB_ROW) {
		struct deadline d;
		struct deadline_status ds;
		char b[ZDATE_STRLEN], b2[ZDATE_STRLEN];

		if (dl_from_row(x, db_col_text(st, 0), db_col_text(st, 1), db_col_int(st, 2), db_col_text(st, 3),
				db_col_text(st, 4), &d, &e) < 0 ||
		    deadline_eval(x->cal, &d, x->s.today, x->cfg.due_soon_working_days, &ds, &e) < 0) {
			zerr_clear(&e);
			continue;
		}
		if (ds.status == DEADLINE_OVERDUE)
			*worst_r = 2;
		else if (ds.status == DEADLINE_DUE_SOON && *worst_r < 1)
			*worst_r = 1;
		{
			json_t *ex = json_loads(db_col_text(st, 4), 0, NULL);

			json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:b, s:o}",
				"kind", deadline_kind_name(d.kind), "zh", deadline_kind_zh(d.kind), "basis",
				d.basis ? d.basis : "", "start", zdate_format(d.start, b), "due",
				zdate_format(ds.due, b2), "remaining", (json_int_t)ds.remaining, "unit",
				d.unit == CASE_UNIT_WORKING_DAYS ? "working_days" :
				d.unit == CASE_UNIT_YEARS	 ? "years" :
								   "calendar_days",
				"status", deadline_status_name(ds.status), "provisional", ds.provisional,
				"extensions", json_is_array(ex) ? ex : json_array()));
			if (!json_is_array(ex))
				json_decref(ex);
		}
	}
	return out;
}

/* ---- request bodies ---- */

static const char *const np_grounds[] = { "lacks_capacity", "minor_corrected", "first_minor_harm", "no_fault",
					  "facts_not_established", NULL };

/* A non-negative integer amount of fen named field; -1 with a field error. */
static int fen_check(json_t *v, const char *field, int64_t *out, struct zerr *e)
{
	if (!json_is_integer(v))
		return zerr_field(e, field, "金额应为以分为单位的整数，不能有小数 (integer fen, no decimals)");
	if (json_integer_value(v) < 0 || json_integer_value(v) > CASE_FEN_MAX)
		return zerr_field(e, field, "金额不能为负数或过大 (must be 0..%lld fen)", (long long)CASE_FEN_MAX);
	*out = json_integer_value(v);
	return 0;
}

/* {types: [names], fine_fen?, confiscation_fen?} into p. */
static int penalty_parse(json_t *v, const char *field, struct case_penalty *p, struct zerr *e)
{
	char f[64];
	json_t *t, *m;
	const char *k;
	size_t i;
	int bad = 0;

	memset(p, 0, sizeof(*p));
	if (!json_is_object(v))
		return zerr_field(e, field, "处罚应为对象 {types, fine_fen} (object)");
	json_object_foreach(v, k, m)
		if (strcmp(k, "types") != 0 && strcmp(k, "fine_fen") != 0 && strcmp(k, "confiscation_fen") != 0) {
			snprintf(f, sizeof(f), "%s.%s", field, k);
			bad = zerr_field(e, f, "未知字段 (unknown field)");
		}
	t = json_object_get(v, "types");
	snprintf(f, sizeof(f), "%s.types", field);
	if (!json_is_array(t) || json_array_size(t) == 0) {
		bad = zerr_field(e, f, "请选择处罚种类 (types: non-empty array of names)");
	} else {
		json_array_foreach(t, i, m) {
			unsigned b = json_is_string(m) ? case_penalty_type_parse(json_string_value(m)) : 0;

			if (!b)
				bad = zerr_field(e, f, "未知的处罚种类 (unknown penalty type)");
			p->types |= b;
		}
	}
	snprintf(f, sizeof(f), "%s.fine_fen", field);
	if (json_object_get(v, "fine_fen") && fen_check(json_object_get(v, "fine_fen"), f, &p->fine_fen, e) < 0)
		bad = -1;
	snprintf(f, sizeof(f), "%s.confiscation_fen", field);
	if (json_object_get(v, "confiscation_fen") &&
	    fen_check(json_object_get(v, "confiscation_fen"), f, &p->confiscation_fen, e) < 0)
		bad = -1;
	return bad ? -1 : 0;
}

/* An instalment schedule (Art 66(2)): 2..INSTALMENTS_MAX objects {amount_fen > 0, due},
 * due days strictly increasing and not before today, the amounts summing to the decided
 * fine. Into out (may be NULL) and *n_r; -1 with field errors. */
static int schedule_parse(struct case_ctx *x, json_t *v, const char *field, struct instalment *out,
			  size_t *n_r, struct zerr *e)
{
	char f[64];
	size_t i;
	json_t *m;
	int64_t sum = 0;
	struct zdate prev = CASE_DATE_NONE;
	int bad = 0;

	if (!json_is_array(v) || json_array_size(v) < 2 || json_array_size(v) > INSTALMENTS_MAX)
		return zerr_field(e, field, "分期计划应为 2 至 %d 期的数组 [{amount_fen, due}] (2..%d instalments)",
				  INSTALMENTS_MAX, INSTALMENTS_MAX);
	json_array_foreach(v, i, m) {
		json_t *amt = json_object_get(m, "amount_fen");
		const char *due = json_string_value(json_object_get(m, "due"));
		struct zdate d;

		snprintf(f, sizeof(f), "%s[%zu]", field, i);
		if (!json_is_object(m) || json_object_size(m) != 2 || !json_is_integer(amt) ||
		    json_integer_value(amt) <= 0 || json_integer_value(amt) > CASE_FEN_MAX || !due ||
		    !record_valid_date(due) || zdate_parse(due, &d) < 0) {
			bad = zerr_field(e, f, "每期须有 amount_fen（正整数，分）和 due（YYYY-MM-DD） (amount_fen, due)");
			continue;
		}
		if (zdate_cmp(d, x->s.today) < 0 || (case_date_set(prev) && zdate_cmp(d, prev) <= 0))
			bad = zerr_field(e, f, "各期缴款期限须不早于今天且逐期递增 (due days from today, increasing)");
		prev = d;
		sum += json_integer_value(amt);
		if (out) {
			out[i].amount_fen = json_integer_value(amt);
			out[i].due = d;
			out[i].paid_on = CASE_DATE_NONE;
		}
	}
	if (!bad && sum != x->s.intended.fine_fen)
		bad = zerr_field(e, field, "各期金额合计 %lld 分，应等于罚款 %lld 分 (the amounts must sum to the fine)",
				 (long long)sum, (long long)x->s.intended.fine_fen);
	if (n_r)
		*n_r = json_array_size(v);
	return bad ? -1 : 0;
}

/* Checks every member of body against the action's members (case_body.h: a member the
 * action does not read is refused, one it requires must be there); dates not in the
 * future (except CM_DATE_AHEAD) and not before the violation. All problems in one 400. */
static int body_check(struct case_ctx *x, enum case_action a, json_t *body, struct zerr *e)
{
	const char *k;
	json_t *v, *m;
	size_t i;

	json_object_foreach(body, k, v) {
		enum case_member_type type = case_body_member(a, k);

		switch (type) {
		case CM_NONE:
			zerr_field(e, k, "%s 不接受此字段 (the action does not read this member)",
				   case_action_name(a));
			break;
		case CM_DATE:
		case CM_DATE_AHEAD: {
			struct zdate d;

			if (!json_is_string(v) || !record_valid_date(json_string_value(v)) ||
			    zdate_parse(json_string_value(v), &d) < 0)
				zerr_field(e, k, "应为 YYYY-MM-DD 格式的有效日期 (invalid date)");
			else if (type == CM_DATE && zdate_cmp(d, x->s.today) > 0)
				zerr_field(e, k, "日期不能晚于今天 (may not be in the future)");
			else if (case_date_set(x->s.violation) && zdate_cmp(d, x->s.violation) < 0)
				zerr_field(e, k, "日期不能早于违法行为发生日期 (before the violation)");
			break;
		}
		case CM_TEXT:
			if (!json_is_string(v) || json_string_length(v) > 4000 ||
			    strlen(json_string_value(v)) != json_string_length(v))
				zerr_field(e, k, "应为不超过 4000 字的文本 (text)");
			break;
		case CM_BOOL:
			if (!json_is_boolean(v))
				zerr_field(e, k, "应为布尔值 (boolean)");
			break;
		case CM_PENALTY: {
			struct case_penalty p;

			penalty_parse(v, k, &p, e);
			break;
		}
		case CM_OFFICERS:
			if (!json_is_array(v) || json_array_size(v) > CASE_INVESTIGATORS_MAX)
				zerr_field(e, k, "应为执法人员编号的数组，最多 %d 名 (array of officer ids)",
					   CASE_INVESTIGATORS_MAX);
			else
				json_array_foreach(v, i, m)
					if (!json_is_string(m) || json_string_length(m) > 40)
						zerr_field(e, k, "执法人员编号无效 (officer id)");
			break;
		case CM_GROUNDS:
			if (!json_is_array(v))
				zerr_field(e, k, "应为不予处罚情形的数组 (array)");
			else
				json_array_foreach(v, i, m) {
					size_t j;

					for (j = 0; np_grounds[j]; j++)
						if (json_is_string(m) && strcmp(np_grounds[j], json_string_value(m)) == 0)
							break;
					if (!np_grounds[j])
						zerr_field(e, k, "未知的不予处罚情形 (unknown ground)");
				}
			break;
		case CM_TIME:
			if (!json_is_string(v) || !case_doc_time_ok(json_string_value(v)))
				zerr_field(e, k, "应为 HH:MM 格式的时间 (time)");
			break;
		case CM_NAMES:
			if (!json_is_array(v) || json_array_size(v) == 0 || json_array_size(v) > 50)
				zerr_field(e, k, "应为 1–50 个姓名的数组 (array of names)");
			else
				json_array_foreach(v, i, m)
					if (!json_is_string(m) || json_string_length(m) == 0 || json_string_length(m) > 100)
						zerr_field(e, k, "姓名应为不超过 100 字的文本 (name)");
			break;
		case CM_ITEMS:
			if (!json_is_array(v) || json_array_size(v) == 0 || json_array_size(v) > 200)
				zerr_field(e, k, "应为 1–200 件物品的数组 (array of items)");
			else
				json_array_foreach(v, i, m)
					if (!case_doc_item_ok(m))
						zerr_field(e, k, "物品应为 {name, spec?, quantity?, note?}，各为不超过 200 字的文本 (item)");
			break;
		case CM_DISPOSAL:
			if (!json_is_string(v) || !case_body_disposal_ok(json_string_value(v)))
				zerr_field(e, k, "应为 release、measures、inspection、transfer 或 seizure (disposal)");
			break;
		case CM_DISCRETION: {
			/* the circumstances only: the server evaluates the benchmark itself (step 6) */
			const char *dk;
			json_t *dv;

			if (!json_is_object(v)) {
				zerr_field(e, k, "应为 {circumstances, reason_outside?} (object)");
				break;
			}
			json_object_foreach(v, dk, dv)
				if (strcmp(dk, "circumstances") != 0 && strcmp(dk, "reason_outside") != 0) {
					char f[80];

					snprintf(f, sizeof(f), "discretion.%.60s", dk);
					zerr_field(e, f, "不接受：裁量档次和幅度由系统依裁量基准认定，只提交情节 circumstances "
						   "(not accepted: the server evaluates the benchmark)");
				}
			if (!json_is_object(json_object_get(v, "circumstances")))
				zerr_field(e, "discretion.circumstances", "应为对象，逐项给出裁量情节 (an object of circumstances)");
			dv = json_object_get(v, "reason_outside");
			if (dv && (!json_is_string(dv) || json_string_length(dv) > 4000))
				zerr_field(e, "discretion.reason_outside", "应为不超过 4000 字的文本 (text)");
			break;
		}
		case CM_DAYS:
			if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > 365)
				zerr_field(e, k, "应为 1 至 365 之间的整数日数 (whole days, 1..365)");
			break;
		case CM_SCHEDULE:
			schedule_parse(x, v, k, NULL, NULL, e);
			break;
		case CM_FEN:
			if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > CASE_FEN_MAX)
				zerr_field(e, k, "金额应为以分为单位的正整数 (whole fen, 1..10^15)");
			break;
		}
	}
	case_body_check_required(a, body, e);
	return zerr_isset(e) ? -1 : 0;
}

static struct zdate body_date(json_t *body, const char *k, struct zdate def)
{
	struct zdate d = jdate(body, k);

	return case_date_set(d) ? d : def;
}

/* ---- numbers ---- */

/* The agency's short name for 文号 (docs/cases.md §10): the first character of its
 * region's name, then 综执 for a comprehensive agency or the first character of its
 * domain and 执 ("柯城区", comprehensive → 柯综执; "西湖区", 市场监管 → 西市执). */
static int agency_short(struct case_ctx *x, char *out, size_t n, char *name_r, size_t nn, struct zerr *e)
{
	db_stmt_t *st = db_prepare(x->db, "SELECT g.name, a.kind, a.domain, a.name FROM agencies a"
					  " JOIN regions g ON g.code = a.region_code WHERE a.id = ?");
	const char *g, *dom;
	size_t k1, k2;

	if (!st)
		return zerr_internal(e, db_errmsg(x->db));
	db_bind_int(st, 1, x->agency_id);
	if (db_step(st) != DB_ROW)
		return zerr_internal(e, "agency missing");
	g = db_col_text(st, 0);
	dom = db_col_text(st, 2);
	k1 = (*g & 0x80) ? 3 : 1;
	k2 = (*dom & 0x80) ? 3 : (*dom ? 1 : 0);
	if (strcmp(db_col_text(st, 1), "comprehensive") == 0 || !k2)
		snprintf(out, n, "%.*s综执", (int)k1, g);
	else
		snprintf(out, n, "%.*s%.*s执", (int)k1, g, (int)k2, dom);
	snprintf(name_r, nn, "%s", db_col_text(st, 3));
	db_run(st);
	return 0;
}

static int number_next(struct case_ctx *x, enum case_number_kind kind, int year, char *out, size_t n,
		       struct zerr *e)
{
	static const char *const kinds[] = { "", "罚", "简罚", "立", "不罚", "移" };
	char short_name[64], name[128];
	db_stmt_t *st;
	long serial;

	if (agency_short(x, short_name, sizeof(short_name), name, sizeof(name), e) < 0)
		return -1;
	st = db_prepare(x->db, "INSERT INTO case_counters (agency_id, year, kind, last) VALUES (?, ?, ?, 1)"
			       " ON CONFLICT (agency_id, year, kind) DO UPDATE SET last = case_counters.last + 1"
			       " RETURNING last");
	if (!st)
		return zerr_internal(e, db_errmsg(x->db));
	db_bind_int(st, 1, x->agency_id);
	db_bind_int(st, 2, year);
	db_bind_text(st, 3, kinds[kind]);
	if (db_step(st) != DB_ROW)
		return db_zerr(x->db, DB_ERROR, e);
	serial = (long)db_col_int(st, 0);
	db_run(st);
	return case_number_format(short_name, kind, year, serial, out, n, e);
}

/* ---- documents ---- */

static json_t *party_model(struct case_ctx *x)
{
	db_stmt_t *st = db_prepare(x->db, "SELECT kind, name, id_number, uscc, address, legal_rep, phone"
					  " FROM parties WHERE id = ?");
	json_t *p = json_object();
	char m[40];

	if (!st)
		return p;
	db_bind_int(st, 1, x->party_row);
	if (db_step(st) == DB_ROW) {
		int person = strcmp(db_col_text(st, 0), "person") == 0;
		const char *id = person ? db_col_text(st, 2) : db_col_text(st, 3);

		if (person)
			snprintf(m, sizeof(m), "%.6s********%s", id, strlen(id) >= 4 ? id + strlen(id) - 4 : "");
		else
			snprintf(m, sizeof(m), "%s", id);
		json_object_set_new(p, "type", json_string(person ? "person" : "organisation"));
		json_object_set_new(p, "name", json_string(db_col_text(st, 1)));
		json_object_set_new(p, "id", json_string(m));
		json_object_set_new(p, "address", json_string(*db_col_text(st, 4) ? db_col_text(st, 4) : "（未登记）"));
		if (*db_col_text(st, 5))
			json_object_set_new(p, "legal_rep", json_string(db_col_text(st, 5)));
		if (*db_col_text(st, 6))
			json_object_set_new(p, "phone", json_string(db_col_text(st, 6)));
		db_run(st);
	}
	return p;
}

/* Officers of the case (investigators, else the actor) as {name, cert_no}. */
static json_t *officers_model(struct case_ctx *x)
{
	json_t *a = json_array();
	const char *p = jstr(x->c, "investigators");
	db_stmt_t *st;
	char opid[40];
	size_t k;

	while (p && *p) {
		k = strcspn(p, ",");
		if (k < sizeof(opid)) {
			memcpy(opid, p, k);
			opid[k] = '\0';
			st = db_prepare(x->db, "SELECT name, cert_no FROM officers WHERE public_id = ?");
			if (st) {
				db_bind_text(st, 1, opid);
				if (db_step(st) == DB_ROW) {
					json_array_append_new(a, json_pack("{s:s, s:s}", "name", db_col_text(st, 0),
									   "cert_no", db_col_text(st, 1)));
					db_run(st);
				}
			}
		}
		p += k;
		if (*p == ',')
			p++;
	}
	if (json_array_size(a) == 0)
		json_array_append_new(a, json_pack("{s:s, s:s}", "name", x->actor_name, "cert_no",
						   x->actor_cert_no[0] ? x->actor_cert_no : "—"));
	return a;
}

/* The case's 笔录, one line each with its date and summary. */
static json_t *records_model(struct case_ctx *x)
{
	db_stmt_t *st = record_prepare_select(x->db, &rec_case_record, "WHERE r.case_id = ? ORDER BY r.id");
	json_t *a = json_array();

	if (st) {
		db_bind_int(st, 1, x->id);
		while (db_step(st) == DB_ROW) {
			json_t *state = record_state(&rec_case_record, st);
			const char *d = jstr(state, "date") ? jstr(state, "date") : "0000-00-00";
			const char *sum = jstr(state, "summary") ? jstr(state, "summary") : "";
			char line[800], hex[65], dig[32];

			/* the digest of the record's state, as its ledger entry commits to it */
			case_doc_state_sha256(state, hex);
			case_doc_digest_prefix(hex, dig, sizeof(dig));
			snprintf(line, sizeof(line), "%d年%d月%d日%s一份%s%s（SHA-256摘要%s…）", (int)strtol(d, NULL, 10),
				 (int)strtol(d + 5, NULL, 10), (int)strtol(d + 8, NULL, 10),
				 jstr(state, "kind") && strcmp(jstr(state, "kind"), "inquiry") == 0 ? "调查询问笔录" : "现场检查笔录",
				 *sum ? "：" : "", sum, dig);
			json_decref(state);
			json_array_append_new(a, json_string(line));
		}
	}
	return a;
}

/* The evidence list of the decision and the notice (Art 59(2)): the 笔录, then each piece
 * of the evidence center's evidence of the case with its kind, digest and collectors, as
 * the 证据清单 lists them (items). */
static json_t *evidence_model(json_t *records, json_t *items)
{
	json_t *a = json_copy(records), *it;
	size_t i;

	json_array_foreach(items, i, it) {
		char line[1400];

		snprintf(line, sizeof(line), "%s：%s（SHA-256摘要%s…；收集人：%s；%s）",
			 json_string_value(json_object_get(it, "kind")), json_string_value(json_object_get(it, "name")),
			 json_string_value(json_object_get(it, "digest")),
			 json_string_value(json_object_get(it, "collectors")),
			 json_string_value(json_object_get(it, "collected")));
		json_array_append_new(a, json_string(line));
	}
	if (json_array_size(a) == 0)
		json_array_append_new(a, json_string("现场检查笔录、调查询问笔录及相关证据材料"));
	return a;
}

/* Whether a reconsideration or suit pauses the late fee on day d (Art 73(3)). */
static int remedy_paused_on(const struct case_ctx *x, struct zdate d)
{
	struct late_fee_pause p[PAUSES_MAX];
	size_t i, n = remedy_pauses(x, p, PAUSES_MAX);

	for (i = 0; i < n; i++)
		if (case_date_set(p[i].from) && zdate_cmp(p[i].from, d) <= 0 &&
		    (!case_date_set(p[i].to) || zdate_cmp(d, p[i].to) <= 0))
			return 1;
	return 0;
}

/* The 催告书's members (行政强制法 Arts 35, 54, 69; docs/documents.md): what is owed as of
 * the day it is served (the late fee of Art 72(1) as the case page computes it, with
 * that day as today), the last day of the period (case_demand_last_day, the same day
 * the apply_enforcement guard waits for) and the first day the court may be applied to. */
static void demand_fill(struct case_ctx *x, struct zdate served, json_t *m)
{
	struct case_snapshot keep = x->s;
	struct late_fee keep_fee = x->fee;
	struct zdate keep_as_of = x->fee_as_of, last = CASE_DATE_NONE, from = CASE_DATE_NONE;
	int keep_set = x->fee_set;
	struct zerr e = ZERR_INIT;
	int64_t principal = 0, fee = 0, owed;
	char b[ZDATE_STRLEN], note[400], paid[ZDATE_STRLEN];
	json_t *d = json_object();

	x->s.today = served;
	if (snap_late_fee(x, &e) < 0)
		x->s.late_fee_due_fen = 0;
	zerr_clear(&e);
	owed = case_money_owed(&x->s, &principal, &fee);
	if (x->s.fine_paid && case_date_set(jdate(x->c, "paid_on")))
		snprintf(note, sizeof(note), "罚款已于%s缴纳，加处罚款计至该日。", zdate_format(jdate(x->c, "paid_on"), paid));
	else if (x->fee.capped)
		snprintf(note, sizeof(note), "加处罚款已达到罚款数额，依照《中华人民共和国行政强制法》第四十五条的规定不再增加。");
	else if (remedy_paused_on(x, served))
		snprintf(note, sizeof(note), "当事人已申请行政复议或者提起行政诉讼，依照《中华人民共和国行政处罚法》第七十三条"
			 "第三款的规定，加处罚款的数额在行政复议或者行政诉讼期间不予计算；复议、诉讼终结后，每日按"
			 "罚款数额的百分之三继续加处罚款，加处罚款的数额不超过罚款的数额。");
	else
		snprintf(note, sizeof(note), "此后至缴清之日，依照《中华人民共和国行政处罚法》第七十二条第一款第一项的规定，"
			 "每日按罚款数额的百分之三继续加处罚款，加处罚款的数额不超过罚款的数额。");
	x->s = keep;
	x->fee = keep_fee;
	x->fee_as_of = keep_as_of;
	x->fee_set = keep_set;
	json_object_set_new(d, "served", jdate_new(served));
	json_object_set_new(d, "as_of", jdate_new(served));
	json_object_set_new(d, "principal_fen", json_integer(principal));
	json_object_set_new(d, "late_fee_fen", json_integer(fee));
	json_object_set_new(d, "owed_fen", json_integer(owed));
	json_object_set_new(d, "fee_note", json_string(note));
	if (case_demand_last_day(x->cal, served, &last, NULL) == 0 && zdate_add_days(last, 1, &from) == 0) {
		json_object_set_new(d, "until", json_string(zdate_format(last, b)));
		json_object_set_new(d, "apply_from", json_string(zdate_format(from, b)));
	}
	json_object_set_new(m, "demand", d);
	if (case_date_set(jdate(x->c, "service_date"))) {
		char t[128], cn[DOC_DATE_MAX];

		doc_date_cn(jdate(x->c, "service_date"), cn, sizeof(cn));
		snprintf(t, sizeof(t), "该决定书已于%s送达你（单位）。", cn);
		json_object_set_new(json_object_get(m, "decision"), "served", json_string(t));
	}
}

/* The document model of template for the case as it now stands (docs/documents.md);
 * src is the step's body or the record the document is made from (may be NULL). */
static json_t *doc_model(struct case_ctx *x, const char *tmpl, const char *number, struct zdate date,
			 json_t *src)
{
	char b[ZDATE_STRLEN], types[160], agency[128], short_name[64];
	struct zerr e = ZERR_INIT;
	const char *facts = jstr(x->c, "facts"), *filed = jstr(x->c, "filing_date");
	json_t *m, *officers = officers_model(x), *records = records_model(x);
	json_t *items = case_doc_evidence_items(x->db, jstr(x->c, "agency_id"), x->pid, jstr(x->c, "case_no"));
	struct case_penalty pen = x->s.intended;
	struct case_doc_src ds = { x->db, x->cal, &x->cfg, x->c, src, x->actor_name, x->actor_cert_no,
				   x->s.actor.legal_qualification, x->s.actor.experienced_reviewer,
				   x->s.actor.legal_review_since };

	agency[0] = '\0';
	agency_short(x, short_name, sizeof(short_name), agency, sizeof(agency), &e);
	zerr_clear(&e);
	types_text(pen.types, types, sizeof(types), 1);
	m = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o, s:s, s:o, s:o}",
		"template", tmpl, "agency_name", agency, "doc_number", number, "date", zdate_format(date, b),
		"cause", jstr(x->c, "cause"), "party", party_model(x),
		"facts", facts && *facts ? facts : jstr(x->c, "cause"),
		"evidence_list", evidence_model(records, items), "officers", officers);
	json_object_set_new(m, "evidence", json_pack("{s:o, s:o}", "items", items, "records", records));
	json_object_set_new(m, "penalty", json_pack("{s:s, s:I, s:b}", "types", types[0] ? types : "警告",
		"fine_fen", (json_int_t)pen.fine_fen, "hearing_right",
		case_hearing_right(&x->cfg, x->s.party_type, &pen)));
	json_object_set_new(m, "case", json_pack("{s:s, s:s, s:s}", "source", jstr(x->c, "source"),
		"filed_date", filed ? filed : zdate_format(date, b), "officer_opinion",
		"当事人涉嫌违法，符合立案条件，建议立案调查。"));
	json_object_set_new(m, "payment", json_pack("{s:s, s:s, s:s}", "deadline", "自收到本决定书之日起十五日内",
		"bank", "代收罚款银行", "account", "非税收入汇缴结算户"));
	json_object_set_new(m, "remedy", json_pack("{s:s, s:s}", "reconsideration_body", "本级人民政府",
		"court", "有管辖权的人民法院"));
	json_object_set_new(m, "contact", json_pack("{s:s, s:s, s:s}", "name", x->actor_name, "phone", "—",
		"address", agency));
	json_object_set_new(m, "service", json_pack("{s:[s], s:s, s:s}", "documents",
		jstr(x->c, "decision_no") ? jstr(x->c, "decision_no") : number, "place",
		jstr(x->c, "place") && *jstr(x->c, "place") ? jstr(x->c, "place") : "当事人住所", "method", "直接送达"));
	json_object_set_new(m, "violation", json_pack("{s:s, s:s}", "time",
		jstr(x->c, "violation_date") ? jstr(x->c, "violation_date") : "", "place",
		jstr(x->c, "place") && *jstr(x->c, "place") ? jstr(x->c, "place") : jstr(x->c, "place_region")));
	json_object_set_new(m, "decision", json_pack("{s:s, s:s}", "number",
		jstr(x->c, "decision_no") ? jstr(x->c, "decision_no") : "—", "date",
		jstr(x->c, "decision_date") ? jstr(x->c, "decision_date") : zdate_format(date, b)));
	json_object_set_new(m, "closing", json_pack("{s:s, s:s, s:s}", "execution",
		x->s.fine_paid ? "当事人已全额缴纳罚款" : "处罚决定已执行完毕", "reason", "处罚决定已履行完毕",
		"officer_opinion", "建议结案。"));
	if (strcmp(tmpl, "onspot_decision") == 0) {
		char t[32];

		snprintf(t, sizeof(t), "%sT09:00", jstr(x->c, "violation_date"));
		json_object_set_new(json_object_get(m, "violation"), "time", json_string(t));
	}
	if (strcmp(tmpl, "demand_notice") == 0)
		demand_fill(x, date, m);
	case_doc_complete(&ds, tmpl, m);
	return m;
}

/* Renders template, stores it with its SHA-256 and appends its ledger entry. */
static int doc_add(struct case_ctx *x, const char *tmpl, const char *number, struct zdate date,
		   json_t *src, struct zerr *e)
{
	struct buf pdf = BUF_INIT(DOC_PDF_MAX);
	json_t *model = doc_model(x, tmpl, number, date, src), *state = NULL;
	uint8_t h[32];
	char hex[65], dpid[40], now[32];
	db_stmt_t *st;
	int ret = -1;

	if (doc_render(model, &pdf, e) < 0)
		goto out;
	crypto_sha256(pdf.data, pdf.len, h);
	hex_encode(h, 32, hex);
	uuid7(dpid);
	utc_now_iso(now, sizeof(now), 0);
	st = db_prepare(x->db, "INSERT INTO case_documents (public_id, case_id, template, number, sha256, bytes,"
			       " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
	if (!st) {
		zerr_internal(e, db_errmsg(x->db));
		goto out;
	}
	db_bind_text(st, 1, dpid);
	db_bind_int(st, 2, x->id);
	db_bind_text(st, 3, tmpl);
	db_bind_text(st, 4, number);
	db_bind_text(st, 5, hex);
	db_bind_blob(st, 6, pdf.data, pdf.len);
	db_bind_text(st, 7, now);
	if (db_run(st) != DB_OK) {
		db_zerr(x->db, DB_ERROR, e);
		goto out;
	}
	state = json_pack("{s:s, s:s, s:s}", "case", x->pid, "template", tmpl, "sha256", hex);
	if (ledger_append(x->db, x->who, "case_document.create", "case_document", dpid, state, NULL, e) < 0)
		goto out;
	ret = 0;
out:
	json_decref(model);
	json_decref(state);
	buf_release(&pdf);
	return ret;
}

/* The instrument each step produces (docs/documents.md ids), and the case's date
 * member it bears (NULL: the day of the step). */
static const struct {
	enum case_action a;
	const char *tmpl, *date;
} step_docs[] = {
	{ CA_FILE_CASE, "case_filing", "filing_date" },
	{ CA_PRESERVE_EVIDENCE, "preservation_notice", "preservation_on" },
	{ CA_ISSUE_PRIOR_NOTICE, "prior_notice", "notice_date" },
	{ CA_REISSUE_PRIOR_NOTICE, "prior_notice", "notice_date" },
	{ CA_SCHEDULE_HEARING, "hearing_notice", "hearing_notified_on" },
	{ CA_RECORD_LEGAL_REVIEW, "legal_review", NULL },
	{ CA_RECORD_COLLECTIVE_DISCUSSION, "collective_discussion", NULL },
	{ CA_DECIDE_PRESERVED_EVIDENCE, "preservation_decision", NULL },
	{ CA_HOLD_HEARING, "hearing_record", "hearing_date" },
	{ CA_DECIDE_PENALTY, "decision", "decision_date" },
	{ CA_DECIDE_PENALTY, "evidence_inventory", "decision_date" },
	{ CA_SERVE_DECISION, "service_receipt", "service_date" },
	{ CA_DECIDE_ON_THE_SPOT, "onspot_decision", "decision_date" },
	{ CA_CLOSE_CASE, "closing_report", NULL },
	{ CA_REFER_JURISDICTION, "referral_letter", NULL },
	{ CA_ISSUE_DEMAND, "demand_notice", NULL }, /* dated the day it is served */
};

/* The k-th instrument (from 0) step a produces, or NULL past the last. */
static const char *step_template(enum case_action a, size_t k, const char **date_r)
{
	size_t i;

	for (i = 0; i < N(step_docs); i++)
		if (step_docs[i].a == a && k-- == 0) {
			*date_r = step_docs[i].date;
			return step_docs[i].tmpl;
		}
	return NULL;
}

const char *case_doc_step(const char *tmpl, const char **zh_r)
{
	size_t i;

	for (i = 0; tmpl && i < N(step_docs); i++)
		if (strcmp(step_docs[i].tmpl, tmpl) == 0) {
			if (zh_r)
				*zh_r = case_action_zh(step_docs[i].a);
			return case_action_name(step_docs[i].a);
		}
	return NULL;
}

/* ---- the step ---- */

static int is_submission(enum case_action a)
{
	return a == CA_SUBMIT_INVESTIGATION || a == CA_SUBMIT_LEGAL_REVIEW || a == CA_SUBMIT_COLLECTIVE_DISCUSSION;
}

static void set_penalty(json_t *upd, const char *prefix, const struct case_penalty *p)
{
	char k[48], t[160];

	types_text(p->types, t, sizeof(t), 0);
	snprintf(k, sizeof(k), "%s_types", prefix);
	json_object_set_new(upd, k, json_string(t));
	snprintf(k, sizeof(k), "%s_fine_fen", prefix);
	json_object_set_new(upd, k, json_integer(p->fine_fen));
	snprintf(k, sizeof(k), "%s_confiscation_fen", prefix);
	json_object_set_new(upd, k, json_integer(p->confiscation_fen));
}

static char *ids_joined(json_t *arr)
{
	struct buf b = BUF_INIT(4096);
	json_t *v;
	size_t i;

	buf_adds(&b, "");
	json_array_foreach(arr, i, v)
		buf_addf(&b, "%s%s", i ? "," : "", json_string_value(v));
	return buf_detach(&b, NULL);
}

/* Runs action a on the loaded case inside the caller's transaction. */
/* The late fee as of the payment day paid (record_payment): the snapshot's, recomputed
 * with the fine counted as paid on that day. */
static int late_fee_on(struct case_ctx *x, struct zdate paid, struct zerr *e)
{
	json_t *keep = json_incref(json_object_get(x->c, "paid_on"));
	int fine_paid = x->s.fine_paid, rc;

	json_object_set_new(x->c, "paid_on", jdate_new(paid));
	x->s.fine_paid = 1;
	x->s.payment_due = CASE_DATE_NONE;
	rc = snap_payment(x, e);
	x->s.fine_paid = fine_paid;
	json_object_set_new(x->c, "paid_on", keep ? keep : json_null());
	return rc;
}

/* ---- referral of jurisdiction (移送管辖, Art 22 and 25; docs/cases.md §10) ---- */

static int lead_decode(db_t *db, const struct principal *who, json_t *body, json_t **clean_r, struct zerr *e);
static int lead_insert(db_t *db, const struct principal *who, json_t *clean, const char *procedure,
		       char *pid_r, struct zerr *e);

/* The receiving side of refer_jurisdiction, resolved before the domain check and
 * inserted after it, in the step's transaction. */
struct referral {
	struct principal p;  /* the actor, acting for the receiving agency */
	json_t *lead;        /* the new lead, decoded as lead_decode gives it */
	char agency_name[200];
	char prior_no[128];  /* Art 25: the receiving agency's own filed case, "" when none */
};

/* The region codes that contain place (itself included): 6-digit codes up from the
 * county, and for a 12-digit code also its county and township. n at most 5. */
static size_t place_ancestors(const char *place, char out[5][16])
{
	size_t n = 0, len = strlen(place);

	if (len != 6 && len != 12)
		return 0;
	snprintf(out[n++], 16, "%.2s0000", place);
	snprintf(out[n++], 16, "%.4s00", place);
	snprintf(out[n++], 16, "%.6s", place);
	if (len == 12) {
		snprintf(out[n++], 16, "%.9s000", place);
		snprintf(out[n++], 16, "%s", place);
	}
	return n;
}

/* The claims (认领, docs/claims.md) of item for a region containing place, in force on
 * day: *any when some agency holds one, *mine when agency `to` does. One lookup on
 * catalog_claims_region. */
static int claim_holders(db_t *db, const char *item, const char *place, struct zdate day, int64_t to, int *any,
			 int *mine, struct zerr *e)
{
	char anc[5][16], d[ZDATE_STRLEN];
	size_t n = place_ancestors(place, anc), i;
	db_stmt_t *st;
	int rc;

	*any = *mine = 0;
	if (!n)
		return 0;
	zdate_format(day, d);
	st = db_prepare(db, "SELECT agency_id FROM catalog_claims WHERE item_code = ?"
			    " AND region_code IN (?, ?, ?, ?, ?) AND effective_from <= ?"
			    " AND (effective_to IS NULL OR effective_to > ?)");
	if (!st)
		return zerr_internal(e, db_errmsg(db));
	db_bind_text(st, 1, item);
	for (i = 0; i < 5; i++)
		db_bind_text(st, (int)i + 2, anc[i < n ? i : n - 1]);
	db_bind_text(st, 7, d);
	db_bind_text(st, 8, d);
	while ((rc = db_step(st)) == DB_ROW) {
		*any = 1;
		*mine |= db_col_int(st, 0) == to;
	}
	return rc == DB_OK ? 0 : db_zerr(db, rc, e);
}

/* When any agency has claimed the item for a region containing the place (in force
 * today), the receiving agency must be one of them. When nobody has claimed it there,
 * the claims say nothing and the referral stands on the place alone. */
static int referral_claims(struct case_ctx *x, int64_t to, struct zerr *e)
{
	int any, mine;

	if (claim_holders(x->db, jstr(x->c, "item_code"), jstr(x->c, "place_region"), x->s.today, to, &any, &mine,
			  e) < 0)
		return -1;
	if (any && !mine)
		return zerr_field(e, "to_agency_id",
				  "事项 %s 在违法行为发生地已由其他机关认领，受移送机关未认领该事项，不能移送给它；"
				  "如认领有误，请通过职责争议处理 (the receiving agency has not claimed the item there)",
				  jstr(x->c, "item_code"));
	return 0;
}

/* Art 25: the receiving agency's own filed case against the same party for the same
 * item and an overlapping violation period (the first to file has jurisdiction). */
static int referral_prior(struct case_ctx *x, int64_t to, struct referral *rf, struct zerr *e)
{
	const char *v = jstr(x->c, "violation_date"), *end = jstr(x->c, "violation_end");
	db_stmt_t *st = db_prepare(x->db, "SELECT case_no FROM cases WHERE agency_id = ? AND party_id = ?"
					  " AND item_code = ? AND case_no IS NOT NULL"
					  " AND state NOT IN ('referred', 'dismissed')"
					  " AND violation_date <= ? AND COALESCE(violation_end, violation_date) >= ?"
					  " ORDER BY filing_date, id LIMIT 1");
	int rc;

	if (!st)
		return zerr_internal(e, db_errmsg(x->db));
	db_bind_int(st, 1, to);
	db_bind_int(st, 2, x->party_row);
	db_bind_text(st, 3, jstr(x->c, "item_code"));
	db_bind_text(st, 4, end ? end : v);
	db_bind_text(st, 5, v);
	rc = db_step(st);
	if (rc == DB_ROW) {
		snprintf(rf->prior_no, sizeof(rf->prior_no), "%s", db_col_text(st, 0));
		rc = db_run(st);
	}
	return rc == DB_OK ? 0 : db_zerr(x->db, rc, e);
}

/* Resolves to_agency_id and decodes the receiving lead; field errors name to_agency_id. */
static int referral_prepare(struct case_ctx *x, json_t *body, struct referral *rf, struct zerr *e)
{
	static const char *const copied[] = { "party_id", "item_code", "cause", "place_region", "place", "facts",
					      "violation_date", "violation_end", "discovery_date",
					      "limitation_category", "harmful_consequences", "complex_case",
					      "major_violation", "major_public_interest" };
	const char *to = jstr(body, "to_agency_id");
	json_t *lead, *m;
	struct zerr le = ZERR_INIT;
	db_stmt_t *st;
	int64_t to_id;
	size_t i;
	int rc;

	if (!to) /* a required member (case_body.c): body_check refused its absence */
		return zerr_internal(e, "to_agency_id unchecked");
	if (strcmp(to, x->who->agency_pid) == 0)
		return zerr_field(e, "to_agency_id", "不能移送给本机关 (the case's own agency)");
	st = db_prepare(x->db, "SELECT id, name FROM agencies WHERE public_id = ?");
	if (!st)
		return zerr_internal(e, db_errmsg(x->db));
	db_bind_text(st, 1, to);
	rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_OK ? zerr_field(e, "to_agency_id", "执法机关不存在 (unknown agency)")
				   : db_zerr(x->db, rc, e);
	to_id = db_col_int(st, 0);
	snprintf(rf->agency_name, sizeof(rf->agency_name), "%s", db_col_text(st, 1));
	db_run(st);
	rf->p = *x->who;
	rf->p.agency_id = to_id;
	snprintf(rf->p.agency_pid, sizeof(rf->p.agency_pid), "%s", to);
	lead = json_object();
	for (i = 0; i < N(copied); i++)
		if ((m = json_object_get(x->c, copied[i])) && !json_is_null(m))
			json_object_set(lead, copied[i], m);
	json_object_set_new(lead, "source", json_string("referral"));
	if (lead_decode(x->db, &rf->p, lead, &rf->lead, &le) < 0) {
		json_decref(lead);
		if (le.status != 400) {
			zerr_set(e, le.status, le.code, "%s", le.detail);
		} else {
			json_array_foreach(le.errors, i, m) {
				const char *f = json_string_value(json_object_get(m, "field"));

				if (f && strcmp(f, "place_region") == 0)
					zerr_field(e, "to_agency_id",
						   "违法行为发生地 %s 不在%s的辖区内，受移送机关须对违法行为发生地有管辖权"
						   "（行政处罚法第二十二条） (the place lies outside the receiving agency's region)",
						   jstr(x->c, "place_region"), rf->agency_name);
				else
					zerr_field(e, f ? f : "to_agency_id", "%s",
						   json_string_value(json_object_get(m, "message")));
			}
		}
		zerr_clear(&le);
		return -1;
	}
	json_decref(lead);
	if (referral_claims(x, to_id, e) < 0 || referral_prior(x, to_id, rf, e) < 0)
		return -1;
	return 0;
}

/* Inserts the receiving lead with its provenance; the referring case's update notes where
 * it went. */
static int referral_insert(struct case_ctx *x, struct referral *rf, json_t *upd, struct zerr *e)
{
	char pid[40];
	const char *no = jstr(x->c, "case_no"), *ref = jstr(x->c, "lead_reference");

	json_object_set_new(rf->lead, "referred_from", json_string(x->pid));
	json_object_set_new(rf->lead, "referred_from_agency", json_string(jstr(x->c, "agency_name")));
	json_object_set_new(rf->lead, "referred_from_no", no ? json_string(no) : json_null());
	json_object_set_new(rf->lead, "referral_prior_case_no", rf->prior_no[0] ? json_string(rf->prior_no)
										  : json_null());
	/* a fanned-out lead referred on stays under its ticket (the dispatcher's progress view) */
	if (ref)
		json_object_set_new(rf->lead, "lead_reference", json_string(ref));
	if (lead_insert(x->db, &rf->p, rf->lead, "ordinary", pid, e) < 0)
		return -1;
	json_object_set_new(upd, "referred_to", json_string(pid));
	json_object_set_new(upd, "referred_to_agency", json_string(rf->agency_name));
	return 0;
}

/* How long the receiving agency may use evidence handed over with a referral: five years
 * from the referral, the longest period in which its decision can still come before a
 * court (行政诉讼法第四十六条第二款); the referring agency may revoke it earlier. */
#define REFERRAL_GRANT_YEARS 5

/* The hand-over (证据互认, 条例 Art 18; docs/evidence.md §4): every piece of evidence the
 * referring agency owns in the case (collected into it or attached to it) is granted to
 * the receiving agency and attached to its lead. Nothing is copied: the grant and the
 * attachment name the same content-addressed evidence; the grant's ledger entry
 * (evidence_grant.referral) is the hand-over in the evidence's custody history.
 * Evidence another agency granted to the referring one is not the referrer's to pass
 * on and stays behind. */
static int referral_handover(struct case_ctx *x, const struct referral *rf, const char *lead, struct zerr *e)
{
	json_t *ids = json_array(), *v, *g = NULL, *t = NULL;
	char gpid[80], purpose[320], until[ZDATE_STRLEN];
	struct zdate u;
	db_stmt_t *st;
	size_t i;
	int rc, ret = -1;

	st = db_prepare(x->db, "SELECT e.id FROM evidence e WHERE e.agency_id = ? AND (e.case_id = ? OR e.id IN"
			       " (SELECT t.evidence_id FROM evidence_attachments t WHERE t.agency_id = ? AND t.case_id = ?))"
			       " ORDER BY e.id");
	if (!st) {
		zerr_internal(e, db_errmsg(x->db));
		goto out;
	}
	db_bind_int(st, 1, x->agency_id);
	db_bind_text(st, 2, x->pid);
	db_bind_int(st, 3, x->agency_id);
	db_bind_text(st, 4, x->pid);
	while ((rc = db_step(st)) == DB_ROW)
		json_array_append_new(ids, json_integer(db_col_int(st, 0)));
	if (rc != DB_OK) {
		db_zerr(x->db, rc, e);
		goto out;
	}
	if (zdate_make(x->s.today.y + REFERRAL_GRANT_YEARS, x->s.today.m,
		       x->s.today.d <= zdate_days_in_month(x->s.today.y + REFERRAL_GRANT_YEARS, x->s.today.m)
			       ? x->s.today.d : zdate_days_in_month(x->s.today.y + REFERRAL_GRANT_YEARS, x->s.today.m),
		       &u) < 0) {
		zerr_internal(e, "grant end");
		goto out;
	}
	zdate_format(u, until);
	snprintf(purpose, sizeof(purpose), "移送管辖：%s移送%s（行政处罚法第二十二条、第二十五条）",
		 jstr(x->c, "case_no") ? jstr(x->c, "case_no") : x->pid, rf->agency_name);
	json_array_foreach(ids, i, v) {
		g = json_pack("{s:O, s:I, s:s, s:s, s:s}", "evidence_id", v, "agency_id", (json_int_t)rf->p.agency_id,
			      "purpose", purpose, "until", until, "created_by", x->who->username);
		t = json_pack("{s:O, s:I, s:s, s:s}", "evidence_id", v, "agency_id", (json_int_t)rf->p.agency_id,
			      "case_id", lead, "created_by", x->who->username);
		if (record_insert_logged(x->db, x->who, &rec_evidence_grant, g, NULL, "referral", gpid, sizeof(gpid),
					 e) < 0 ||
		    record_insert_logged(x->db, &rf->p, &rec_evidence_attachment, t, NULL, "create", NULL, 0, e) < 0)
			goto out;
		st = db_prepare(x->db, "UPDATE evidence_grants SET referral_lead = ? WHERE public_id = ?");
		if (!st) {
			zerr_internal(e, db_errmsg(x->db));
			goto out;
		}
		db_bind_text(st, 1, lead);
		db_bind_text(st, 2, gpid);
		if (db_run(st) != DB_OK) {
			db_zerr(x->db, DB_ERROR, e);
			goto out;
		}
		json_decref(g);
		json_decref(t);
		g = t = NULL;
	}
	ret = 0;
out:
	json_decref(ids);
	json_decref(g);
	json_decref(t);
	return ret;
}

/* For return_referral's guards: the lead came by referral, and the referring case still
 * stands referred to this lead (its agency has not closed it since). */
static int referral_origin(struct case_ctx *x, struct zerr *e)
{
	const char *from = jstr(x->c, "referred_from");
	db_stmt_t *st;
	int rc;

	x->s.referred_in = from != NULL;
	x->s.referring_case_awaits = 0;
	if (!from)
		return 0;
	st = db_prepare(x->db, "SELECT 1 FROM cases WHERE public_id = ? AND state = 'referred' AND referred_to = ?");
	if (!st)
		return zerr_internal(e, db_errmsg(x->db));
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, x->pid);
	rc = db_step(st);
	if (rc == DB_ROW) {
		x->s.referring_case_awaits = 1;
		rc = db_run(st);
	}
	return rc == DB_OK ? 0 : db_zerr(x->db, rc, e);
}

/* 退回移送: the referring case goes back to the step it was referred from, with the
 * receiver's reason, its own step and ledger entry; its decision period (D2), stopped by
 * the referral, runs on from its start (the days away are not a suspension ground of
 * Art 60); the grants of the hand-over are revoked (evidence_grant.revoke). Runs in the
 * receiver's step transaction after the guards passed. */
static int referral_return(struct case_ctx *x, const char *reason, struct zerr *e)
{
	const char *from = jstr(x->c, "referred_from");
	json_t *upd = NULL, *state = NULL, *gids = json_array(), *v;
	char prev[40], now[32], day[ZDATE_STRLEN];
	struct case_config from_cfg;
	db_stmt_t *st;
	int64_t id, from_agency;
	size_t i;
	int rc, ret = -1;

	st = db_prepare(x->db, "SELECT id, previous_state, agency_id FROM cases WHERE public_id = ?");
	if (!st) {
		zerr_internal(e, db_errmsg(x->db));
		goto out;
	}
	db_bind_text(st, 1, from);
	if (db_step(st) != DB_ROW) {
		zerr_internal(e, "referring case missing");
		goto out;
	}
	id = db_col_int(st, 0);
	snprintf(prev, sizeof(prev), "%s", db_col_isnull(st, 1) ? "lead" : db_col_text(st, 1));
	from_agency = db_col_int(st, 2);
	db_run(st);
	/* the case's own previous step before the referral (what 退回/撤回 go back to), from
	 * the step that brought it into the state it returns to */
	st = db_prepare(x->db, "SELECT from_state FROM case_steps WHERE case_id = ? AND to_state = ?"
			       " AND from_state <> to_state AND action <> 'return_referral' ORDER BY id DESC LIMIT 1");
	if (!st) {
		zerr_internal(e, db_errmsg(x->db));
		goto out;
	}
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, prev);
	rc = db_step(st);
	utc_now_iso(now, sizeof(now), 0);
	zdate_format(x->s.today, day);
	upd = json_pack("{s:s, s:o, s:n, s:n, s:s, s:s, s:s}", "state", prev, "previous_state",
			rc == DB_ROW ? json_string(db_col_text(st, 0)) : json_null(), "referred_to",
			"referred_to_agency", "referral_returned_reason", reason, "referral_returned_by",
			jstr(x->c, "agency_name"), "referral_returned_on", day);
	if (rc == DB_ROW)
		rc = db_run(st);
	if (rc != DB_OK) {
		db_zerr(x->db, rc, e);
		goto out;
	}
	if (record_update(x->db, &rec_case, upd, "id", id, e) < 0)
		goto out;
	st = db_prepare(x->db, "UPDATE case_deadlines SET met_on = NULL WHERE case_id = ? AND kind = ?");
	if (!st) {
		zerr_internal(e, db_errmsg(x->db));
		goto out;
	}
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, deadline_kind_name(DEADLINE_DECISION));
	if (db_run(st) != DB_OK) {
		db_zerr(x->db, DB_ERROR, e);
		goto out;
	}
	/* the referring case's deadlines roll over by its own agency's settings */
	if (case_config_for_agency(x->db, from_agency, &from_cfg, e) < 0 ||
	    case_next_due_refresh(x->db, x->cal, &from_cfg, id, e) < 0)
		goto out;
	st = db_prepare(x->db, "INSERT INTO case_steps (case_id, action, from_state, to_state, actor, at, reason,"
			       " body) VALUES (?, ?, 'referred', ?, ?, ?, ?, '{}')");
	if (!st) {
		zerr_internal(e, db_errmsg(x->db));
		goto out;
	}
	db_bind_int(st, 1, id);
	db_bind_text(st, 2, case_action_name(CA_RETURN_REFERRAL));
	db_bind_text(st, 3, prev);
	db_bind_text(st, 4, x->who->username);
	db_bind_text(st, 5, now);
	db_bind_text(st, 6, reason);
	if (db_run(st) != DB_OK) {
		db_zerr(x->db, DB_ERROR, e);
		goto out;
	}
	if (record_load_state(x->db, &rec_case, from, &state, e) < 0 ||
	    ledger_append(x->db, x->who, "case.return_referral", "case", from, state, NULL, e) < 0)
		goto out;
	st = db_prepare(x->db, "SELECT public_id FROM evidence_grants WHERE referral_lead = ? AND revoked_at IS NULL"
			       " ORDER BY id");
	if (!st) {
		zerr_internal(e, db_errmsg(x->db));
		goto out;
	}
	db_bind_text(st, 1, x->pid);
	while ((rc = db_step(st)) == DB_ROW)
		json_array_append_new(gids, json_string(db_col_text(st, 0)));
	if (rc != DB_OK) {
		db_zerr(x->db, rc, e);
		goto out;
	}
	json_array_foreach(gids, i, v) {
		json_t *rv = json_pack("{s:s}", "revoked_at", now), *gs = NULL;
		const char *gpid = json_string_value(v);
		int64_t gid = 0;

		rc = record_row_id(x->db, &rec_evidence_grant, gpid, &gid, e) < 0 ||
		     record_update(x->db, &rec_evidence_grant, rv, "id", gid, e) < 0 ||
		     record_load_state(x->db, &rec_evidence_grant, gpid, &gs, e) < 0 ||
		     ledger_append(x->db, x->who, "evidence_grant.revoke", rec_evidence_grant.name, gpid, gs, NULL, e) < 0;
		json_decref(rv);
		json_decref(gs);
		if (rc)
			goto out;
	}
	ret = 0;
out:
	json_decref(upd);
	json_decref(state);
	json_decref(gids);
	return ret;
}

/* Step 6 (docs/cases.md §10, docs/discretion.md), for decide_penalty and
 * decide_on_the_spot: the server evaluates the benchmark of the case's item itself, at the
 * violation date and the decision date (Art 37, 从旧兼从轻), from the circumstances in the
 * body; that they are given where the item has a benchmark in force at the violation
 * (Art 34: a published benchmark binds the agency) is the domain's guard
 * discretion_circumstances_given, checked before this. A fine outside the range, or any
 * penalty where the benchmark recommends none, needs discretion.reason_outside and flags
 * the case for supervision. The evaluation (rule, outcome, range, basis, version,
 * circumstances, the fine's place) is stored as the case's `discretion`. 0, or -1 with e
 * set. */
static int discretion_step(struct case_ctx *x, json_t *disc, json_t *upd, struct zerr *e)
{
	const struct case_snapshot *s = &x->s;
	const char *item = jstr(x->c, "item_code"), *why = jstr(disc, "reason_outside");
	const struct discretion_table *t;
	struct discretion_ref *ref = discretion_acquire(x->db);
	struct discretion_result dr;
	enum discretion_amount am;
	char vd[ZDATE_STRLEN], dd[ZDATE_STRLEN], *text = NULL;
	json_t *rec = NULL, *f;
	int ret = -1, departs;
	size_t i;

	if (!ref)
		return zerr_oom(e);
	t = item ? discretion_set_find(discretion_ref_set(ref), item, s->violation) : NULL;
	zdate_format(s->violation, vd);
	if (!t) {
		ret = 0;
		if (disc)
			ret = zerr_field(e, "discretion", "事项 %s 在违法行为发生时（%s）没有施行中的裁量基准，不须提交裁量情节 "
				      "(no benchmark in force for the item at the violation)", item ? item : "", vd);
		goto out;
	}
	if (!disc) { /* the guard discretion_circumstances_given refused this already */
		zerr_internal(e, "discretion unchecked");
		goto out;
	}
	if (discretion_evaluate(discretion_ref_set(ref), item, s->violation, s->decision,
				json_object_get(disc, "circumstances"), &dr, e) < 0) {
		/* the engine names the input; the body names it under discretion */
		json_array_foreach(e->errors, i, f) {
			char name[160];

			snprintf(name, sizeof(name), "discretion.%s", jstr(f, "field") ? jstr(f, "field") : "");
			json_object_set_new(f, "field", json_string(name));
		}
		goto out;
	}
	am = discretion_check_amount(&dr, s->intended.fine_fen);
	departs = am != DISCRETION_AMOUNT_INSIDE || dr.outcome == DISCRETION_NO_PENALTY;
	if (departs && (!why || !*why)) {
		if (dr.outcome == DISCRETION_NO_PENALTY)
			zerr_field(e, "discretion.reason_outside",
				   "裁量基准认定为不予处罚（规则 %s），作出处罚须说明理由 (reason required: the benchmark recommends no penalty)",
				   dr.rule);
		else
			zerr_field(e, "discretion.reason_outside",
				   "罚款金额超出裁量基准幅度（%lld–%lld 分，规则 %s），须说明理由 (reason required outside the range)",
				   dr.min_fen, dr.max_fen, dr.rule);
		goto out;
	}
	rec = discretion_result_json(&dr);
	if (!rec || json_object_set(rec, "circumstances", json_object_get(disc, "circumstances")) ||
	    json_object_set_new(rec, "violation_date", json_string(vd)) ||
	    json_object_set_new(rec, "decision_date", json_string(zdate_format(s->decision, dd))) ||
	    json_object_set_new(rec, "fine_fen", json_integer(s->intended.fine_fen)) ||
	    json_object_set_new(rec, "amount", json_string(discretion_amount_name(am))) ||
	    json_object_set_new(rec, "departs", json_boolean(departs)) ||
	    (departs && json_object_set_new(rec, "reason_outside", json_string(why)))) {
		zerr_oom(e);
		goto out;
	}
	text = json_dumps(rec, JSON_COMPACT | JSON_SORT_KEYS);
	if (!text) {
		zerr_oom(e);
		goto out;
	}
	json_object_set_new(upd, "discretion", json_string(text));
	if (departs)
		json_object_set_new(upd, "flagged_for_supervision", json_true());
	ret = 0;
out:
	free(text);
	json_decref(rec);
	discretion_release(&ref);
	return ret;
}

static int perform_tx(struct case_ctx *x, enum case_action a, json_t *body, struct zerr *e)
{
	struct case_snapshot *s = &x->s;
	struct case_check chk;
	struct case_penalty pen;
	struct case_officer off;
	struct referral rf;
	json_t *upd = json_object(), *state = NULL, *disc = json_object_get(body, "discretion");
	enum case_state from = s->state;
	char number[128] = "", action[64], now[32], *inv = NULL, *body_s = NULL;
	const char *tmpl, *dmember = NULL;
	db_stmt_t *st;
	int ret = -1;
	size_t i, k;
	json_t *v;

	memset(&pen, 0, sizeof(pen));
	memset(&rf, 0, sizeof(rf));
	if (body_check(x, a, body, e) < 0)
		goto out;
	/* overlay the body (docs/cases.md §4) */
	s->reason = jstr(body, "reason");
	if (json_object_get(body, "penalty"))
		penalty_parse(json_object_get(body, "penalty"), "penalty", &pen, e);
	switch (a) {
	case CA_FILE_CASE:
		s->filing = body_date(body, "filing_date", s->today);
		break;
	case CA_REFER_JURISDICTION:
		if (referral_prepare(x, body, &rf, e) < 0 && e->status != 400)
			goto out;
		break;
	case CA_TRANSFER_CRIMINAL: {
		/* 移送规定 Art 5: a group of two or more officers verifies and writes a report,
		 * which the head approves by taking this step */
		size_t valid = 0;

		json_array_foreach(json_object_get(body, "report_officers"), i, v) {
			struct case_officer o;
			size_t j;

			for (j = 0; j < i; j++)
				if (json_equal(v, json_array_get(json_object_get(body, "report_officers"), j)))
					break;
			if (officer_of_agency(x, json_string_value(v), s->today, "report_officers", &o, NULL, e) < 0)
				goto out;
			if (j == i && o.certificate_valid && !o.auxiliary)
				valid++;
		}
		s->transfer_report_made = valid >= 2 && jtext(body, "transfer_report") != NULL;
		break;
	}
	case CA_START_INVESTIGATION:
		s->n_investigators = 0;
		json_array_foreach(json_object_get(body, "investigators"), i, v)
			if (officer_of_agency(x, json_string_value(v), s->today, "investigators",
					      &s->investigators[s->n_investigators++], NULL, e) < 0)
				goto out;
		break;
	case CA_PRESERVE_EVIDENCE:
		/* the guard reads the earlier preservation (it must be decided) and this
		 * one's approval; the new date is applied after the check */
		s->preservation_approved = jbool(body, "preservation_approved");
		break;
	case CA_ISSUE_PRIOR_NOTICE:
	case CA_REISSUE_PRIOR_NOTICE:
		if (json_object_get(body, "penalty"))
			s->intended = pen;
		s->notice = body_date(body, "notice_date", s->today);
		break;
	case CA_REQUEST_HEARING:
		s->hearing_requested_on = body_date(body, "hearing_requested_on", s->today);
		break;
	case CA_SCHEDULE_HEARING:
		s->hearing_notified_on = body_date(body, "hearing_notified_on", s->today);
		s->hearing_date = jdate(body, "hearing_date");
		/* the date, time, place (Art 64(2)) and presiding officer are required members */
		if (officer_of_agency(x, jstr(body, "presiding_officer_id"), s->today, "presiding_officer_id", &off, NULL,
				      e) == 0)
			s->hearing_presiding_user_id = off.user_id;
		break;
	case CA_RECORD_LEGAL_REVIEW:
		/* the stored qualification is the reviewer's: the guard reads it from the actor */
		s->legal_reviewer_qualified = s->actor.legal_qualification || s->actor.experienced_reviewer;
		break;
	case CA_DECIDE_PENALTY:
		s->intended = pen;
		s->decision = body_date(body, "decision_date", s->today);
		break;
	case CA_DECIDE_NO_PENALTY: {
		char *g = ids_joined(json_object_get(body, "grounds"));

		json_object_set_new(x->c, "no_penalty_grounds", json_string(g ? g : ""));
		free(g);
		s->decision = body_date(body, "decision_date", s->today);
		break;
	}
	case CA_DECIDE_ON_THE_SPOT:
		s->intended = pen;
		s->decision = body_date(body, "decision_date", s->today);
		break;
	case CA_SERVE_DECISION:
		s->service = body_date(body, "service_date", s->today);
		break;
	case CA_APPROVE_DEFERRAL:
		s->party_applied_deferral = jbool(body, "party_applied");
		if (zdate_cmp(jdate(body, "deferred_until"), s->today) <= 0)
			zerr_field(e, "deferred_until", "暂缓缴纳的期限须晚于今天 (must lie ahead)");
		break;
	case CA_APPROVE_INSTALMENTS:
		s->party_applied_deferral = jbool(body, "party_applied");
		if (schedule_parse(x, json_object_get(body, "instalments"), "instalments", x->inst, &x->n_inst,
					e) < 0)
			x->n_inst = 0;
		break;
	case CA_PAY_INSTALMENT:
	case CA_RECORD_PAYMENT:
		if (zdate_cmp(body_date(body, "paid_on", s->today), s->service.y ? s->service : s->decision) < 0)
			zerr_field(e, "paid_on", "缴款日期不能早于决定书送达日期 (before the service)");
		break;
	case CA_ISSUE_DEMAND:
		s->demand_served = body_date(body, "demand_served", s->today);
		break;
	default:
		break;
	}
	if (zerr_isset(e))
		goto out;
	if (a == CA_DECIDE_NO_PENALTY) { /* grounds are read from the stored text */
		const char *g = jstr(x->c, "no_penalty_grounds");

		s->lacks_capacity = strstr(g, "lacks_capacity") != NULL;
		if (strstr(g, "minor_corrected")) {
			s->minor_violation = 1;
			s->corrected_promptly = 1;
			s->harm = CASE_HARM_NONE;
		}
		if (strstr(g, "first_minor_harm")) {
			s->first_violation = 1;
			s->corrected_promptly = 1;
			s->harm = CASE_HARM_MINOR;
		}
		s->no_fault_proven = strstr(g, "no_fault") != NULL;
		s->facts_not_established = strstr(g, "facts_not_established") != NULL;
	}
	if ((a == CA_DECIDE_PENALTY || a == CA_DECIDE_ON_THE_SPOT) &&
	    load_same_act(x, jstr(x->c, "item_code"), s->violation, s->violation_end, e) < 0)
		goto out;
	s->discretion_circumstances_given = json_is_object(json_object_get(disc, "circumstances"));
	if (case_check_action(&x->cfg, x->cal, s, a, &chk) < 0) {
		zerr_internal(e, "case_check_action");
		goto out;
	}
	if (!chk.allowed) {
		/* a step that does not exist from this state is 409 whoever asks (cases.md §1) */
		if (!chk.state_ok)
			chk.role_ok = 1;
		case_check_to_zerr(&chk, e);
		goto out;
	}
	if ((a == CA_DECIDE_PENALTY || a == CA_DECIDE_ON_THE_SPOT) && discretion_step(x, disc, upd, e) < 0)
		goto out;
	/* apply: state, then what the action records */
	if (chk.to != from) {
		json_object_set_new(upd, "state", json_string(case_state_name(chk.to)));
		json_object_set_new(upd, "previous_state", json_string(case_state_name(from)));
	}
	if (is_submission(a)) {
		json_object_set_new(upd, "submitted_by", json_integer(s->actor.user_id));
		json_object_set_new(upd, "submission_acted_on", json_false());
	} else if (a != CA_WITHDRAW_SUBMISSION && !jbool(x->c, "submission_acted_on") && s->submitted_by) {
		json_object_set_new(upd, "submission_acted_on", json_true());
	}
	switch (a) {
	case CA_FILE_CASE:
		json_object_set_new(upd, "filing_date", jdate_new(s->filing));
		if (number_next(x, CASE_NO_FILING, s->filing.y, number, sizeof(number), e) < 0)
			goto out;
		json_object_set_new(upd, "case_no", json_string(number));
		break;
	case CA_REFER_JURISDICTION:
		if (referral_insert(x, &rf, upd, e) < 0 ||
		    referral_handover(x, &rf, jstr(upd, "referred_to"), e) < 0 ||
		    number_next(x, CASE_NO_REFERRAL, s->today.y, number, sizeof(number), e) < 0)
			goto out;
		break;
	case CA_RETURN_REFERRAL:
		if (referral_return(x, s->reason, e) < 0)
			goto out;
		break;
	case CA_START_INVESTIGATION:
		inv = ids_joined(json_object_get(body, "investigators"));
		json_object_set_new(upd, "investigators", json_string(inv ? inv : ""));
		break;
	case CA_PRESERVE_EVIDENCE:
		s->preservation_on = body_date(body, "preservation_on", s->today);
		s->preservation_decided = 0;
		json_object_set_new(upd, "preservation_on", jdate_new(s->preservation_on));
		json_object_set_new(upd, "preservation_approved", json_boolean(s->preservation_approved));
		json_object_set_new(upd, "preservation_decided", json_false());
		break;
	case CA_DECIDE_PRESERVED_EVIDENCE:
		json_object_set_new(upd, "preservation_decided", json_true());
		break;
	case CA_REISSUE_PRIOR_NOTICE:
		json_object_set_new(upd, "statement_received", json_false());
		json_object_set_new(upd, "statement_waived", json_false());
		json_object_set_new(upd, "hearing_requested_on", json_null());
		json_object_set_new(upd, "hearing_notified_on", json_null());
		json_object_set_new(upd, "hearing_date", json_null());
		json_object_set_new(upd, "hearing_held", json_false());
		json_object_set_new(upd, "hearing_waived", json_false());
		/* fall through */
	case CA_ISSUE_PRIOR_NOTICE:
		json_object_set_new(upd, "notice_date", jdate_new(s->notice));
		set_penalty(upd, "notified", &s->intended);
		set_penalty(upd, "intended", &s->intended);
		break;
	case CA_RECORD_STATEMENT:
		json_object_set_new(upd, "statement_received", json_true());
		break;
	case CA_RECORD_WAIVER:
		json_object_set_new(upd, "statement_waived", json_true());
		if (jbool(body, "hearing_waived"))
			json_object_set_new(upd, "hearing_waived", json_true());
		break;
	case CA_REQUEST_HEARING:
		json_object_set_new(upd, "hearing_requested_on", jdate_new(s->hearing_requested_on));
		break;
	case CA_SCHEDULE_HEARING:
		json_object_set_new(upd, "hearing_notified_on", jdate_new(s->hearing_notified_on));
		json_object_set_new(upd, "hearing_date", jdate_new(s->hearing_date));
		json_object_set_new(upd, "hearing_presiding", json_string(jstr(body, "presiding_officer_id")));
		break;
	case CA_HOLD_HEARING:
		json_object_set_new(upd, "hearing_held", json_true());
		break;
	case CA_HEARING_WAIVED:
		json_object_set_new(upd, "hearing_waived", json_true());
		break;
	case CA_RECORD_LEGAL_REVIEW:
		json_object_set_new(upd, "legal_review_done", json_true());
		json_object_set_new(upd, "legal_review_passed", json_boolean(jbool(body, "passed")));
		json_object_set_new(upd, "legal_reviewer_qualified", json_boolean(s->legal_reviewer_qualified));
		break;
	case CA_RECORD_COLLECTIVE_DISCUSSION:
		json_object_set_new(upd, "collective_discussion_held", json_true());
		break;
	case CA_DECIDE_PENALTY:
	case CA_DECIDE_ON_THE_SPOT:
		set_penalty(upd, "intended", &s->intended);
		json_object_set_new(upd, "decision_date", jdate_new(s->decision));
		if (a == CA_DECIDE_ON_THE_SPOT)
			json_object_set_new(upd, "service_date", jdate_new(s->decision));
		if (number_next(x, a == CA_DECIDE_PENALTY ? CASE_NO_PENALTY_DECISION : CASE_NO_SUMMARY,
				s->decision.y, number, sizeof(number), e) < 0)
			goto out;
		json_object_set_new(upd, "decision_no", json_string(number));
		break;
	case CA_DECIDE_NO_PENALTY:
		json_object_set_new(upd, "no_penalty_grounds", json_string(jstr(x->c, "no_penalty_grounds")));
		json_object_set_new(upd, "intended_types", json_string(""));
		json_object_set_new(upd, "intended_fine_fen", json_integer(0));
		json_object_set_new(upd, "intended_confiscation_fen", json_integer(0));
		json_object_set_new(upd, "decision_date", jdate_new(s->decision));
		if (number_next(x, CASE_NO_NO_PENALTY, s->decision.y, number, sizeof(number), e) < 0)
			goto out;
		json_object_set_new(upd, "decision_no", json_string(number));
		break;
	case CA_SERVE_DECISION:
		json_object_set_new(upd, "service_date", jdate_new(s->service));
		break;
	case CA_RECORD_PAYMENT:
	case CA_COLLECT_ON_THE_SPOT: {
		struct zdate paid = body_date(body, "paid_on", s->today);
		json_t *amount = json_object_get(body, "amount_fen");
		int64_t principal = 0, fee = 0;
		char ya[48], yb[48], yc[48], yd[48];

		if (x->s.fine_paid) {
			/* the fine was paid alone: this is the late fee, frozen on that day */
			fee = x->s.late_fee_due_fen;
			if (zdate_cmp(paid, jdate(x->c, "paid_on")) < 0) {
				zerr_field(e, "paid_on", "加处罚款的缴纳日期不能早于罚款缴纳日期 %s (before the fine was paid)",
					   jstr(x->c, "paid_on"));
				goto out;
			}
			if (amount && json_integer_value(amount) != fee) {
				zerr_set(e, 409, "amount_mismatch",
					 "缴款金额 %s 与尚欠的加处罚款 %s 不符（行政处罚法第七十二条第一款）"
					 " (the amount paid is not the late fee owed: %lld fen)",
					 case_fen_yuan(json_integer_value(amount), ya, sizeof(ya)), case_fen_yuan(fee, yb, sizeof(yb)),
					 (long long)fee);
				goto out;
			}
			json_object_set_new(upd, "late_fee_paid", json_true());
			json_object_set_new(upd, "late_fee_paid_on", jdate_new(paid));
			x->s.late_fee_paid = 1;
			break;
		}
		json_object_set_new(upd, "fine_paid", json_true());
		json_object_set_new(upd, "paid_on", jdate_new(paid));
		if (late_fee_on(x, paid, e) < 0)
			goto out;
		if (x->n_inst) { /* the rest of the schedule is paid with it */
			for (i = 0; i < x->n_inst; i++)
				if (!case_date_set(x->inst[i].paid_on)) {
					principal += x->inst[i].amount_fen;
					x->inst[i].paid_on = paid;
				}
			json_object_set_new(upd, "instalments", json_string_nocheck(""));
		} else {
			case_money_owed(&x->s, &principal, NULL);
		}
		fee = x->s.late_fee_due_fen;
		if (amount) {
			int64_t got = json_integer_value(amount);

			if (got != principal && (fee <= 0 || got != principal + fee)) {
				if (fee > 0)
					zerr_set(e, 409, "amount_mismatch",
						 "缴款金额 %s 不符：应缴罚款（没收）款项 %s，逾期加处罚款 %s，合计 %s"
						 "（行政处罚法第六十七条、第七十二条第一款）；只缴纳罚款的，加处罚款另行缴纳或申请强制执行"
						 " (the amount must be the principal, %lld fen, or with the late fee %lld fen)",
						 case_fen_yuan(got, ya, sizeof(ya)), case_fen_yuan(principal, yb, sizeof(yb)),
						 case_fen_yuan(fee, yc, sizeof(yc)), case_fen_yuan(principal + fee, yd, sizeof(yd)),
						 (long long)principal, (long long)principal + (long long)fee);
				else
					zerr_set(e, 409, "amount_mismatch",
						 "缴款金额 %s 不符：应缴罚款（没收）款项 %s（行政处罚法第六十七条）"
						 " (the amount must be the principal, %lld fen)",
						 case_fen_yuan(got, ya, sizeof(ya)), case_fen_yuan(principal, yb, sizeof(yb)),
						 (long long)principal);
				goto out;
			}
			if (jbool(body, "late_fee_paid") && fee > 0 && got != principal + fee) {
				zerr_field(e, "late_fee_paid", "缴款金额不含加处罚款 %s (the amount does not include the late fee)",
					   case_fen_yuan(fee, ya, sizeof(ya)));
				goto out;
			}
		}
		/* Art 72(1): the fee runs only while the fine is unpaid; paid alone, the fine
		 * stops it and the fee stays owed (paid later, or enforced) */
		x->s.fine_paid = 1;
		x->s.late_fee_paid = fee > 0 && (jbool(body, "late_fee_paid") ||
						 (amount && json_integer_value(amount) == principal + fee));
		json_object_set_new(upd, "late_fee_paid", json_boolean(x->s.late_fee_paid));
		json_object_set_new(upd, "late_fee_paid_on", x->s.late_fee_paid ? jdate_new(paid) : json_null());
		break;
	}
	case CA_PAY_INSTALMENT:
		/* the next instalment's period: from the paid one's due day to its own */
		for (i = 0; i < x->n_inst; i++)
			if (!case_date_set(x->inst[i].paid_on)) {
				x->inst[i].paid_on = body_date(body, "paid_on", s->today);
				if (i + 1 < x->n_inst) {
					s->payment_period_start = x->inst[i].due;
					s->payment_period_end = x->inst[i + 1].due;
				}
				break;
			}
		json_object_set_new(upd, "instalments", json_string_nocheck(""));
		break;
	case CA_APPROVE_DEFERRAL:
		json_object_set_new(upd, "deferred_from", jdate_new(s->today));
		json_object_set_new(upd, "deferred_until", jdate_new(jdate(body, "deferred_until")));
		s->payment_period_start = s->today;
		s->payment_period_end = jdate(body, "deferred_until");
		break;
	case CA_APPROVE_INSTALMENTS:
		json_object_set_new(upd, "instalments", json_string_nocheck(""));
		if (x->n_inst) {
			s->payment_period_start = s->today;
			s->payment_period_end = x->inst[0].due;
		}
		break;
	case CA_EXTEND_DEADLINE: {
		/* Art 60 "另有规定": an extension of D2 approved by the head, in its ledger */
		struct deadline d2;
		int met = 0, rc = dl_load(x, DEADLINE_DECISION, &d2, &met, e);

		if (rc < 0)
			goto out;
		if (rc == 0 || met) {
			zerr_set(e, 409, "deadline_not_running",
				 "本案没有正在计算的办案期限（第六十条），无需延长 (no running decision deadline)");
			goto out;
		}
		if (deadline_extend(&d2, (int)jint(body, "days"), s->actor.user_id, e) < 0 || dl_store(x, &d2, e) < 0 ||
		    case_next_due_refresh(x->db, x->cal, &x->cfg, x->id, e) < 0)
			goto out;
		break;
	}
	case CA_RECORD_TRANSFER_RECEIPT:
		json_object_set_new(upd, "transfer_receipt_recorded", json_true());
		break;
	case CA_RECORD_REMEDY_FILED:
	case CA_REMEDY_UPHELD:
	case CA_REMEDY_CHANGED:
	case CA_REMEDY_CONFIRMED_ILLEGAL:
	case CA_REMEDY_CONFIRMED_VOID:
	case CA_REMEDY_REVOKED: {
		/* Art 73: the late fee does not count from the filing to the outcome */
		json_t *pz = json_loads(jstr(x->c, "remedy_pauses") ? jstr(x->c, "remedy_pauses") : "[]", 0, NULL);

		if (!json_is_array(pz)) {
			json_decref(pz);
			pz = json_array();
		}
		if (a == CA_RECORD_REMEDY_FILED)
			json_array_append_new(pz, json_pack("{s:o}", "from", jdate_new(s->today)));
		else if (json_array_size(pz))
			json_object_set_new(json_array_get(pz, json_array_size(pz) - 1), "to", jdate_new(s->today));
		body_s = json_dumps(pz, JSON_COMPACT);
		json_decref(pz);
		json_object_set_new(upd, "remedy_pauses", json_string(body_s ? body_s : "[]"));
		free(body_s);
		body_s = NULL;
		json_object_set_new(upd, "remedy_pending", json_boolean(a == CA_RECORD_REMEDY_FILED));
		break;
	}
	default:
		break;
	}
	if (json_object_get(upd, "instalments")) {
		json_t *sched = inst_json(x);

		body_s = json_dumps(sched, JSON_COMPACT);
		json_decref(sched);
		json_object_set_new(upd, "instalments", json_string(body_s ? body_s : "[]"));
		free(body_s);
		body_s = NULL;
	}
	if (record_update(x->db, &rec_case, upd, "id", x->id, e) < 0 || dl_apply(x, a, e) < 0)
		goto out;
	/* the step, then the ledger entry committing to the case's new state */
	utc_now_iso(now, sizeof(now), 0);
	body_s = json_dumps(body ? body : json_object(), JSON_COMPACT | JSON_SORT_KEYS);
	st = db_prepare(x->db, "INSERT INTO case_steps (case_id, action, from_state, to_state, actor, at, reason,"
			       " body) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
	if (!st) {
		zerr_internal(e, db_errmsg(x->db));
		goto out;
	}
	db_bind_int(st, 1, x->id);
	db_bind_text(st, 2, case_action_name(a));
	db_bind_text(st, 3, case_state_name(from));
	db_bind_text(st, 4, case_state_name(chk.to));
	db_bind_text(st, 5, x->who->username);
	db_bind_text(st, 6, now);
	db_bind_text(st, 7, s->reason ? s->reason : "");
	db_bind_text(st, 8, body_s ? body_s : "{}");
	if (db_run(st) != DB_OK) {
		db_zerr(x->db, DB_ERROR, e);
		goto out;
	}
	snprintf(action, sizeof(action), "case.%s", case_action_name(a));
	if (record_load_state(x->db, &rec_case, x->pid, &state, e) < 0 ||
	    ledger_append(x->db, x->who, action, "case", x->pid, state, NULL, e) < 0)
		goto out;
	for (k = 0; (tmpl = step_template(a, k, &dmember)) != NULL; k++) {
		/* the model reads the case as it now stands */
		json_t *fresh = NULL;
		struct zerr le = ZERR_INIT;
		struct zdate dd = s->today;

		if (k == 0 && case_fetch(x->db, x->pid, &fresh, &le) == 0) {
			json_decref(x->c);
			x->c = fresh;
		}
		zerr_clear(&le);
		if (dmember && jstr(x->c, dmember))
			dd = jdate(x->c, dmember);
		/* a lead never filed (closed after not_filed, referred or returned) has no
		 * number of its own: its instrument says so */
		if (a == CA_ISSUE_DEMAND && case_date_set(s->demand_served))
			dd = s->demand_served;
		if (doc_add(x, tmpl, number[0] ? number : (jstr(x->c, "decision_no") ? jstr(x->c, "decision_no")
										   : jstr(x->c, "case_no")
										   ? jstr(x->c, "case_no") : "（线索，未立案）"),
			    dd, body, e) < 0)
			goto out;
	}
	ret = 0;
out:
	json_decref(upd);
	json_decref(state);
	json_decref(rf.lead);
	free(inv);
	free(body_s);
	return ret;
}

/* The agencies a case may be referred to: those whose region contains the place of the
 * violation (Art 22), not the case's own, and among the item's claimants there when the
 * item is claimed (the checks refer_jurisdiction makes). */
int case_referral_targets(db_t *db, const struct principal *who, const char *pid, json_t **out_r, struct zerr *e)
{
	struct case_ctx x;
	char anc[5][16];
	json_t *items = json_array();
	db_stmt_t *st = NULL;
	size_t n, i;
	int ret = -1, rc = DB_OK;

	memset(&x, 0, sizeof(x));
	x.db = db;
	x.who = who;
	if (ctx_load(&x, pid, 0, e) < 0)
		goto out;
	n = place_ancestors(jstr(x.c, "place_region"), anc);
	if (n) {
		st = db_prepare(db, "SELECT id, public_id, name, kind, domain, region_code FROM agencies"
				    " WHERE region_code IN (?, ?, ?, ?, ?) AND id <> ? ORDER BY region_code, name, id");
		if (!st) {
			zerr_internal(e, db_errmsg(db));
			goto out;
		}
		for (i = 0; i < 5; i++)
			db_bind_text(st, (int)i + 1, anc[i < n ? i : n - 1]);
		db_bind_int(st, 6, x.agency_id);
		while ((rc = db_step(st)) == DB_ROW) {
			int any, mine;

			if (claim_holders(db, jstr(x.c, "item_code"), jstr(x.c, "place_region"), today_cn(),
					  db_col_int(st, 0), &any, &mine, e) < 0) {
				db_run(st);
				goto out;
			}
			if (!any || mine)
				json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s, s:s, s:b}", "id",
								       db_col_text(st, 1), "name", db_col_text(st, 2),
								       "kind", db_col_text(st, 3), "domain",
								       db_col_text(st, 4), "region_code",
								       db_col_text(st, 5), "claimant", mine));
		}
		if (rc != DB_OK) {
			db_zerr(db, rc, e);
			goto out;
		}
	}
	*out_r = json_pack("{s:O}", "items", items);
	ret = 0;
out:
	json_decref(items);
	ctx_release(&x);
	return ret;
}

int case_perform(db_t *db, const struct principal *who, const char *pid, const char *action,
		 json_t *body, struct zerr *e)
{
	struct case_ctx x;
	enum case_action a = case_action_parse(action);
	json_t *empty = body ? NULL : json_object();
	int ret = -1;

	memset(&x, 0, sizeof(x));
	x.db = db;
	x.who = who;
	if (a == CASE_ACTION_NONE || a == CA_DECIDE_ON_THE_SPOT)
		return zerr_set(e, 404, "not_found", "没有名为 %s 的办案操作 (no such action)", action);
	if (db_begin(db, 1) != DB_OK) {
		json_decref(empty);
		return db_zerr(db, DB_RETRY, e);
	}
	if (ctx_load(&x, pid, 1, e) < 0 || snap_fill(&x, e) < 0 || perform_tx(&x, a, body ? body : empty, e) < 0) {
		db_rollback(db);
		goto out;
	}
	if (db_commit(db) != DB_OK) {
		db_zerr(db, DB_RETRY, e);
		goto out;
	}
	ret = 0;
out:
	ctx_release(&x);
	json_decref(empty);
	return ret;
}

/* ---- leads ---- */

/* Jurisdiction by place (Art 22): the place lies inside the agency's region. */
static int place_in_agency(db_t *db, int64_t agency_id, const char *place, struct zerr *e)
{
	db_stmt_t *st = db_prepare(db, "SELECT region_code FROM agencies WHERE id = ?");
	char pre[24];

	if (!st)
		return zerr_internal(e, db_errmsg(db));
	db_bind_int(st, 1, agency_id);
	if (db_step(st) != DB_ROW)
		return zerr_internal(e, "agency missing");
	region_prefix(db_col_text(st, 0), pre, sizeof(pre));
	db_run(st);
	if (strncmp(place, pre, strlen(pre)) != 0)
		return zerr_field(e, "place_region",
				  "违法行为发生地不在本机关辖区内，请移送有管辖权的机关（行政处罚法第二十二条） (outside the agency's region)");
	return 0;
}

/* Resolves party_id (a public id) to the internal id. */
static int party_resolve(db_t *db, json_t *clean, struct zerr *e)
{
	const char *pid = jstr(clean, "party_id");
	db_stmt_t *st;

	if (!pid)
		return 0;
	st = db_prepare(db, "SELECT id FROM parties WHERE public_id = ?");
	if (!st)
		return zerr_internal(e, db_errmsg(db));
	db_bind_text(st, 1, pid);
	if (db_step(st) != DB_ROW)
		return zerr_field(e, "party_id", "当事人未登记 (unknown party)");
	json_object_set_new(clean, "party_id", json_integer(db_col_int(st, 0)));
	db_run(st);
	return 0;
}

/* The dates of a lead: none in the future, none before the violation. */
static void lead_dates(json_t *clean, struct zerr *e)
{
	static const char *const names[] = { "violation_date", "violation_end", "discovery_date" };
	struct zdate t = today_cn(), v = jdate(clean, "violation_date"), d;
	size_t i;

	for (i = 0; i < N(names); i++) {
		d = jdate(clean, names[i]);
		if (!case_date_set(d))
			continue;
		if (zdate_cmp(d, t) > 0)
			zerr_field(e, names[i], "日期不能晚于今天 (may not be in the future)");
		else if (i > 0 && case_date_set(v) && zdate_cmp(v, t) <= 0 && zdate_cmp(d, v) < 0)
			zerr_field(e, names[i], "日期不能早于违法行为发生日期 (before the violation)");
	}
}

static int lead_insert(db_t *db, const struct principal *who, json_t *clean, const char *procedure,
		       char *pid_r, struct zerr *e)
{
	json_object_set_new(clean, "agency_id", json_integer(who->agency_id));
	json_object_set_new(clean, "procedure", json_string(procedure));
	json_object_set_new(clean, "state", json_string("lead"));
	json_object_set_new(clean, "created_by", json_string(who->username));
	/* a public id is 36 characters and its NUL */
	return record_insert_logged(db, who, &rec_case, clean, NULL, "create", pid_r, 37, e);
}

/* The item must be in the catalog in force on the violation date (the catalog's as-of
 * reading): an act is handled under the item that covered it when it was committed. */
static int item_in_force(db_t *db, json_t *clean, struct zerr *e)
{
	const char *code = jstr(clean, "item_code"), *day = jstr(clean, "violation_date");
	int rc;

	if (!code || !day || !case_item_code_ok(code))
		return 0;
	rc = api_catalog_item_in_force(db, code, day, e);
	if (rc == 0)
		return zerr_field(e, "item_code",
				  "执法事项目录中没有 %s 当日有效的事项 %s，请核对事项编码或违法行为日期 "
				  "(no item %s in the catalog in force on the violation date %s)",
				  day, code, code, day);
	return rc < 0 ? -1 : 0;
}

static int lead_decode(db_t *db, const struct principal *who, json_t *body, json_t **clean_r, struct zerr *e)
{
	json_t *clean = NULL;

	if (!who->agency_id)
		return zerr_set(e, 403, "forbidden", "只有执法机关的用户才能登记案件 (only an agency's users)");
	record_decode_all(&rec_case, body, 0, &clean, e);
	lead_dates(clean, e);
	if (jstr(clean, "place_region") && place_in_agency(db, who->agency_id, jstr(clean, "place_region"), e) < 0 &&
	    e->status != 400) {
		json_decref(clean);
		return -1;
	}
	if (party_resolve(db, clean, e) < 0 && e->status != 400) {
		json_decref(clean);
		return -1;
	}
	if (item_in_force(db, clean, e) < 0 && e->status != 400) {
		json_decref(clean);
		return -1;
	}
	if (zerr_isset(e)) {
		json_decref(clean);
		return -1;
	}
	*clean_r = clean;
	return 0;
}

int case_create_lead(db_t *db, const struct principal *who, json_t *body, char *pid_r, struct zerr *e)
{
	json_t *clean = NULL;
	int ret = -1;

	if (lead_decode(db, who, body, &clean, e) < 0)
		return -1;
	if (db_begin(db, 1) != DB_OK) {
		db_zerr(db, DB_RETRY, e);
		goto out;
	}
	if (lead_insert(db, who, clean, "ordinary", pid_r, e) < 0) {
		db_rollback(db);
		goto out;
	}
	if (db_commit(db) != DB_OK) {
		db_zerr(db, DB_RETRY, e);
		goto out;
	}
	ret = 0;
out:
	json_decref(clean);
	return ret;
}

/* ---- fan-out of a complaint or hotline lead (docs/cases.md §10) ---- */

#define FANOUT_MAX 20

/* Copies e's field errors into out: those on a per-agency field (item_code, cause,
 * place_region) as agencies[i].field, the others once (first agency only). */
static void fanout_errors(struct zerr *e, size_t i, struct zerr *out)
{
	json_t *m;
	size_t k;

	json_array_foreach(e->errors, k, m) {
		const char *f = json_string_value(json_object_get(m, "field")),
			   *msg = json_string_value(json_object_get(m, "message"));

		if (!f || !msg)
			continue;
		if (strcmp(f, "item_code") == 0 || strcmp(f, "cause") == 0 || strcmp(f, "place_region") == 0) {
			char g[64];

			snprintf(g, sizeof(g), "agencies[%zu].%s", i, f);
			zerr_field(out, g, "%s", msg);
		} else if (i == 0) {
			zerr_field(out, f, "%s", msg);
		}
	}
}

int case_fanout(db_t *db, const struct principal *who, json_t *body, json_t **out_r, struct zerr *e)
{
	static const char *const common[] = { "party_id", "violation_date", "violation_end", "discovery_date",
					      "place_region", "place", "facts", "limitation_category" };
	json_t *ags = json_object_get(body, "agencies"), *cleans = json_array(), *leads = json_array(), *m, *v;
	const char *ref = jstr(body, "reference"), *src = jstr(body, "source"), *k;
	struct principal p = *who; /* who, acting for one target agency at a time */
	int64_t ag_id[FANOUT_MAX] = { 0 };
	size_t i, j;
	int ret = -1;

	json_object_foreach(body, k, v) {
		int known = strcmp(k, "reference") == 0 || strcmp(k, "source") == 0 || strcmp(k, "agencies") == 0;

		for (j = 0; j < N(common); j++)
			known |= strcmp(k, common[j]) == 0;
		if (!known)
			zerr_field(e, k, "未知字段 (unknown field)");
	}
	if (!ref || !*ref || strlen(ref) > 40 || strspn(ref, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
						     "0123456789-_") != strlen(ref))
		zerr_field(e, "reference", "请填写工单编号：1 至 40 位字母、数字、- 或 _ (the ticket number)");
	if (src && strcmp(src, "hotline") != 0 && strcmp(src, "complaint") != 0)
		zerr_field(e, "source", "来源应为 hotline（12345热线）或 complaint（投诉举报） (hotline or complaint)");
	if (!json_is_array(ags) || json_array_size(ags) < 2 || json_array_size(ags) > FANOUT_MAX)
		zerr_field(e, "agencies", "请列出 2 至 %d 个涉及的执法机关；只涉及一个机关的请直接登记线索 (2..%d agencies)",
			   FANOUT_MAX, FANOUT_MAX);
	if (zerr_isset(e))
		goto out;
	json_array_foreach(ags, i, m) {
		const char *apid = jstr(m, "agency_id");
		char f[48];
		db_stmt_t *st;
		json_t *lead, *clean = NULL;
		struct zerr le = ZERR_INIT;
		int rc;

		snprintf(f, sizeof(f), "agencies[%zu].agency_id", i);
		json_object_foreach(m, k, v)
			if (strcmp(k, "agency_id") != 0 && strcmp(k, "item_code") != 0 && strcmp(k, "cause") != 0) {
				char g[64];

				snprintf(g, sizeof(g), "agencies[%zu].%s", i, k);
				zerr_field(e, g, "未知字段 (unknown field)");
			}
		for (j = 0; j < i; j++)
			if (apid && jstr(json_array_get(ags, j), "agency_id") &&
			    strcmp(apid, jstr(json_array_get(ags, j), "agency_id")) == 0)
				break;
		if (!json_is_object(m) || !apid) {
			zerr_field(e, f, "请填写执法机关 (required)");
			json_array_append_new(cleans, json_null());
			continue;
		}
		if (j < i) {
			zerr_field(e, f, "同一机关只能分派一次 (listed twice)");
			json_array_append_new(cleans, json_null());
			continue;
		}
		st = db_prepare(db, "SELECT id, region_code FROM agencies WHERE public_id = ?");
		if (!st) {
			zerr_internal(e, db_errmsg(db));
			goto out;
		}
		db_bind_text(st, 1, apid);
		rc = db_step(st);
		if (rc != DB_ROW || !principal_sees_agency(who, apid, db_col_text(st, 1))) {
			/* an agency outside the dispatcher's region is as unknown as one that does not exist */
			zerr_field(e, f, "执法机关不存在或不在您的辖区内 (unknown agency or outside your region)");
			if (rc == DB_ROW)
				db_run(st);
			json_array_append_new(cleans, json_null());
			continue;
		}
		ag_id[i] = db_col_int(st, 0);
		p.agency_id = ag_id[i];
		snprintf(p.agency_pid, sizeof(p.agency_pid), "%s", apid);
		db_run(st);
		lead = json_object();
		for (j = 0; j < N(common); j++)
			if (json_object_get(body, common[j]))
				json_object_set(lead, common[j], json_object_get(body, common[j]));
		if (!json_object_get(lead, "discovery_date") && json_object_get(lead, "violation_date"))
			json_object_set(lead, "discovery_date", json_object_get(lead, "violation_date"));
		json_object_set_new(lead, "source", json_string(src ? src : "hotline"));
		if (json_object_get(m, "item_code"))
			json_object_set(lead, "item_code", json_object_get(m, "item_code"));
		if (json_object_get(m, "cause"))
			json_object_set(lead, "cause", json_object_get(m, "cause"));
		if (lead_decode(db, &p, lead, &clean, &le) < 0) {
			if (le.status != 400) {
				zerr_set(e, le.status, le.code, "%s", le.detail);
				zerr_clear(&le);
				json_decref(lead);
				goto out;
			}
			fanout_errors(&le, i, e);
		}
		zerr_clear(&le);
		json_decref(lead);
		json_array_append_new(cleans, clean ? clean : json_null());
	}
	if (zerr_isset(e))
		goto out;
	if (db_begin(db, 1) != DB_OK) {
		db_zerr(db, DB_RETRY, e);
		goto out;
	}
	{
		/* a ticket number is unique within the dispatcher's region: the leads it sees
		 * (as GET /leads/fanout/{reference} does); another region's use of the same
		 * number is neither a conflict nor something to reveal */
		db_stmt_t *st = db_prepare(db, "SELECT a.public_id, a.region_code FROM cases c"
					       " JOIN agencies a ON a.id = c.agency_id WHERE c.lead_reference = ?");
		int rc, seen = 0;

		if (!st) {
			zerr_internal(e, db_errmsg(db));
			goto fail;
		}
		db_bind_text(st, 1, ref);
		while ((rc = db_step(st)) == DB_ROW)
			seen |= principal_sees_agency(who, db_col_text(st, 0), db_col_text(st, 1));
		if (rc != DB_OK) {
			db_zerr(db, rc, e);
			goto fail;
		}
		if (seen) {
			zerr_set(e, 409, "reference_exists", "工单 %s 已经分派过 (this reference was fanned out already)", ref);
			goto fail;
		}
	}
	json_array_foreach(cleans, i, m) {
		char pid[40];
		db_stmt_t *st;

		json_object_set_new(m, "lead_reference", json_string(ref));
		p.agency_id = ag_id[i];
		snprintf(p.agency_pid, sizeof(p.agency_pid), "%s", jstr(json_array_get(ags, i), "agency_id"));
		if (lead_insert(db, &p, m, "ordinary", pid, e) < 0)
			goto fail;
		st = db_prepare(db, "SELECT name FROM agencies WHERE id = ?");
		if (!st) {
			zerr_internal(e, db_errmsg(db));
			goto fail;
		}
		db_bind_int(st, 1, ag_id[i]);
		if (db_step(st) != DB_ROW) {
			zerr_internal(e, "agency missing");
			goto fail;
		}
		json_array_append_new(leads, json_pack("{s:s, s:s, s:s}", "agency_id", p.agency_pid, "agency_name",
						       db_col_text(st, 0), "case_id", pid));
		db_run(st);
	}
	if (db_commit(db) != DB_OK) {
		db_zerr(db, DB_RETRY, e);
		goto out;
	}
	*out_r = json_pack("{s:s, s:O}", "reference", ref, "leads", leads);
	ret = 0;
	goto out;
fail:
	db_rollback(db);
out:
	json_decref(cleans);
	json_decref(leads);
	return ret;
}

/* ---- summary procedure ---- */

int case_summary(db_t *db, const struct principal *who, json_t *body, char *pid_r, struct zerr *e)
{
	json_t *lead = json_deep_copy(body), *clean = NULL, *act = json_object(), *offs, *v;
	struct case_ctx x;
	size_t i;
	int ret = -1, collect;

	memset(&x, 0, sizeof(x));
	x.db = db;
	x.who = who;
	offs = json_incref(json_object_get(lead, "officers"));
	json_object_del(lead, "officers");
	json_object_set(act, "penalty", json_object_get(lead, "penalty"));
	json_object_del(lead, "penalty");
	/* Art 34: the circumstances where the item has a benchmark (decide_on_the_spot's) */
	json_object_set(act, "discretion", json_object_get(lead, "discretion"));
	json_object_del(lead, "discretion");
	collect = jbool(lead, "collected_on_spot");
	json_object_del(lead, "collected_on_spot");
	if (!json_object_get(lead, "discovery_date") && json_object_get(lead, "violation_date"))
		json_object_set(lead, "discovery_date", json_object_get(lead, "violation_date"));
	if (!json_object_get(lead, "source"))
		json_object_set_new(lead, "source", json_string("inspection"));
	lead_decode(db, who, lead, &clean, e);
	case_body_check_required(CA_DECIDE_ON_THE_SPOT, act, e);
	if (!json_is_array(offs) || json_array_size(offs) < 2 || json_array_size(offs) > CASE_INVESTIGATORS_MAX)
		zerr_field(e, "officers", "当场处罚须有两名以上执法人员并出示证件 (at least two officers)");
	if (zerr_isset(e))
		goto out;
	json_object_set(act, "investigators", offs);
	if (db_begin(db, 1) != DB_OK) {
		db_zerr(db, DB_RETRY, e);
		goto out;
	}
	if (lead_insert(db, who, clean, "summary", pid_r, e) < 0 || ctx_load(&x, pid_r, 1, e) < 0 ||
	    snap_fill(&x, e) < 0)
		goto fail;
	json_array_foreach(offs, i, v) {
		struct case_officer o;

		if (officer_of_agency(&x, json_string_value(v), x.s.today, "officers", &o, NULL, e) < 0)
			goto fail;
	}
	{
		char *inv = ids_joined(offs);
		json_t *u = json_pack("{s:s}", "investigators", inv ? inv : "");

		free(inv);
		if (record_update(db, &rec_case, u, "id", x.id, e) < 0) {
			json_decref(u);
			goto fail;
		}
		json_decref(u);
	}
	json_object_del(act, "investigators");
	ctx_release(&x);
	if (ctx_load(&x, pid_r, 1, e) < 0 || snap_fill(&x, e) < 0 || perform_tx(&x, CA_DECIDE_ON_THE_SPOT, act, e) < 0)
		goto fail;
	if (collect) {
		json_t *none = json_object();
		int rc;

		ctx_release(&x);
		rc = ctx_load(&x, pid_r, 1, e) < 0 || snap_fill(&x, e) < 0 ||
		     perform_tx(&x, CA_COLLECT_ON_THE_SPOT, none, e) < 0;
		json_decref(none);
		if (rc)
			goto fail;
	}
	if (db_commit(db) != DB_OK) {
		db_zerr(db, DB_RETRY, e);
		goto out;
	}
	ret = 0;
	goto out;
fail:
	db_rollback(db);
out:
	ctx_release(&x);
	json_decref(lead);
	json_decref(clean);
	json_decref(act);
	json_decref(offs);
	return ret;
}

/* ---- records (笔录) ---- */

int case_add_record(db_t *db, const struct principal *who, const char *pid, json_t *body, char *rec_pid_r,
		    struct zerr *e)
{
	json_t *in = json_deep_copy(body), *clean = NULL, *offs, *list = json_array(), *v, *info;
	struct case_record rec;
	struct case_snapshot one;
	struct case_check chk;
	struct case_ctx x;
	char *offs_s = NULL;
	size_t i;
	int ret = -1;

	memset(&x, 0, sizeof(x));
	memset(&rec, 0, sizeof(rec));
	x.db = db;
	x.who = who;
	offs = json_incref(json_object_get(in, "officers"));
	json_object_del(in, "officers");
	if (db_begin(db, 1) != DB_OK) {
		db_zerr(db, DB_RETRY, e);
		goto out;
	}
	if (ctx_load(&x, pid, 1, e) < 0 || snap_fill(&x, e) < 0)
		goto fail;
	record_decode_all(&rec_case_record, in, 0, &clean, e);
	if (!json_is_array(offs) || json_array_size(offs) == 0 || json_array_size(offs) > CASE_RECORD_OFFICERS_MAX)
		zerr_field(e, "officers", "请列明笔录上的执法人员（1–%d 名） (officers: array of officer ids)",
			   CASE_RECORD_OFFICERS_MAX);
	rec.kind = strcmp(jstr(clean, "kind") ? jstr(clean, "kind") : "", "inquiry") == 0 ? CASE_RECORD_INQUIRY
											: CASE_RECORD_INSPECTION;
	rec.date = jdate(clean, "date");
	if (case_date_set(rec.date) && zdate_cmp(rec.date, x.s.today) > 0)
		zerr_field(e, "date", "笔录日期不能晚于今天 (may not be in the future)");
	else if (case_date_set(rec.date) && zdate_cmp(rec.date, x.s.violation) < 0)
		zerr_field(e, "date", "笔录日期不能早于违法行为发生日期 (before the violation)");
	if (!jtext(clean, "start_time") != !jtext(clean, "end_time"))
		zerr_field(e, jtext(clean, "start_time") ? "end_time" : "start_time",
			   "开始和结束时间须同时填写 (start_time and end_time go together)");
	else if (jtext(clean, "start_time") && strcmp(jstr(clean, "start_time"), jstr(clean, "end_time")) >= 0)
		zerr_field(e, "end_time", "结束时间应晚于开始时间 (end after start)");
	json_array_foreach(offs, i, v) {
		if (!json_is_string(v)) {
			zerr_field(e, "officers", "执法人员编号无效 (officer id)");
			continue;
		}
		info = NULL;
		if (officer_of_agency(&x, json_string_value(v), case_date_set(rec.date) ? rec.date : x.s.today,
				      "officers", &rec.officers[rec.n_officers], &info, e) == 0) {
			rec.n_officers++;
			json_array_append_new(list, info);
		} else if (e->status != 400) {
			goto fail;
		}
	}
	if (zerr_isset(e))
		goto fail;
	if (x.s.state != CASE_INVESTIGATING) {
		zerr_set(e, 409, "case_state", "只有调查取证环节才能录入笔录，本案当前为%s (records are made during the investigation)",
			 case_state_zh(x.s.state));
		goto fail;
	}
	/* Art 42/55 on this record alone, by the domain's own guards */
	case_snapshot_init(&one);
	one.state = CASE_INVESTIGATING;
	one.today = x.s.today;
	one.actor = x.s.actor;
	one.actor.roles = CASE_ROLE_OFFICER;
	one.records = &rec;
	one.n_records = 1;
	case_check_action(&x.cfg, x.cal, &one, CA_SUBMIT_INVESTIGATION, &chk);
	{
		size_t k, n = 0;

		for (k = 0; k < chk.n_unmet; k++)
			if (chk.unmet[k].req == CR_TWO_OFFICERS_PER_RECORD || chk.unmet[k].req == CR_OFFICER_CERTIFICATES_VALID)
				chk.unmet[n++] = chk.unmet[k];
		chk.n_unmet = n;
		if (n) {
			chk.allowed = 0;
			chk.role_ok = 1;
			chk.state_ok = 1;
			case_check_to_zerr(&chk, e);
			goto fail;
		}
	}
	offs_s = json_dumps(list, JSON_COMPACT);
	json_object_set_new(clean, "officers", json_string(offs_s ? offs_s : "[]"));
	json_object_set_new(clean, "case_id", json_integer(x.id));
	if (record_insert_logged(db, who, &rec_case_record, clean, NULL, "create", rec_pid_r, 37, e) < 0)
		goto fail;
	/* the record's instrument (调查询问笔录 / 现场检查笔录), as a step's document */
	if (doc_add(&x, case_doc_record_template(jstr(clean, "kind")), jstr(x.c, "case_no") ? jstr(x.c, "case_no") : "",
		    rec.date, clean, e) < 0)
		goto fail;
	if (db_commit(db) != DB_OK) {
		db_zerr(db, DB_RETRY, e);
		goto out;
	}
	ret = 0;
	goto out;
fail:
	db_rollback(db);
out:
	ctx_release(&x);
	json_decref(in);
	json_decref(clean);
	json_decref(offs);
	json_decref(list);
	free(offs_s);
	return ret;
}

/* ---- reading ---- */

/* A record_encode'd case_record with officers as an array (internal ids left out). */
static json_t *record_out(json_t *r)
{
	json_t *offs = json_loads(jstr(r, "officers") ? jstr(r, "officers") : "[]", 0, NULL), *o;
	size_t i;

	json_array_foreach(offs, i, o)
		json_object_del(o, "oid");
	json_object_set_new(r, "officers", offs ? offs : json_array());
	return r;
}

/* What travelled with a referral, read-only on the receiving lead (until it is returned):
 * the referring case's records (笔录) as its agency made them, and the evidence handed
 * over (the grants still in force; the files are read through /evidence/{id}). */
static int referral_view(struct case_ctx *x, struct zerr *e)
{
	json_t *recs = json_array(), *ev = json_array();
	db_stmt_t *st = record_prepare_select(x->db, &rec_case_record,
					      "WHERE r.case_id = (SELECT id FROM cases WHERE public_id = ?) ORDER BY r.id");
	int rc;

	if (!st)
		goto fail_db;
	db_bind_text(st, 1, jstr(x->c, "referred_from"));
	while ((rc = db_step(st)) == DB_ROW)
		json_array_append_new(recs, record_out(record_encode(&rec_case_record, st, 0)));
	if (rc != DB_OK)
		goto fail_rc;
	st = db_prepare(x->db, "SELECT e.public_id, e.kind, e.filename, e.sha256, e.size, g.until FROM evidence_grants g"
			       " JOIN evidence e ON e.id = g.evidence_id WHERE g.referral_lead = ? AND g.revoked_at IS NULL"
			       " ORDER BY e.id");
	if (!st)
		goto fail_db;
	db_bind_text(st, 1, x->pid);
	while ((rc = db_step(st)) == DB_ROW)
		json_array_append_new(ev, json_pack("{s:s, s:s, s:s?, s:s, s:I, s:s}", "id", db_col_text(st, 0), "kind",
			db_col_text(st, 1), "filename", db_col_isnull(st, 2) ? NULL : db_col_text(st, 2), "sha256",
			db_col_text(st, 3), "size", (json_int_t)db_col_int(st, 4), "until", db_col_text(st, 5)));
	if (rc != DB_OK)
		goto fail_rc;
	json_object_set_new(x->c, "referral_records", recs);
	json_object_set_new(x->c, "referral_evidence", ev);
	return 0;
fail_db:
	rc = DB_ERROR;
fail_rc:
	json_decref(recs);
	json_decref(ev);
	return rc == DB_ERROR && !st ? zerr_internal(e, db_errmsg(x->db)) : db_zerr(x->db, rc, e);
}

int case_view(db_t *db, const struct principal *who, const char *pid, int reveal, json_t **out_r, struct zerr *e)
{
	struct case_check *next = NULL;
	struct case_ctx x;
	json_t *allowed = json_array(), *nexts = json_array(), *recs = json_array(), *steps = json_array();
	db_stmt_t *st;
	int n, i, worst, ret = -1;

	(void)reveal;
	memset(&x, 0, sizeof(x));
	x.db = db;
	x.who = who;
	if (ctx_load(&x, pid, 0, e) < 0 || snap_fill(&x, e) < 0)
		goto out;
	/* for the UI: the dates a step would default to */
	if (!case_date_set(x.s.filing))
		x.s.filing = x.s.today;
	if (!case_date_set(x.s.service) && case_date_set(x.s.decision))
		x.s.service = x.s.today;
	/* as many results as apply (a few of ~40 actions): each is ~4 kB, and a calloc of
	 * room for every action cost more than the checks themselves */
	n = case_next_actions(&x.cfg, x.cal, &x.s, NULL, 0);
	next = n > 0 ? malloc((size_t)n * sizeof(*next)) : NULL;
	if (n > 0 && !next) {
		zerr_oom(e);
		goto out;
	}
	if (n > 0)
		n = case_next_actions(&x.cfg, x.cal, &x.s, next, (size_t)n);
	for (i = 0; i < n; i++) {
		json_t *unmet = json_array();
		size_t k;

		for (k = 0; k < next[i].n_unmet; k++) {
			json_t *u = json_pack("{s:s, s:s, s:s, s:s}", "code", next[i].unmet[k].code, "zh",
					      next[i].unmet[k].zh, "en", next[i].unmet[k].en, "article",
					      next[i].unmet[k].article);

			if (next[i].unmet[k].detail[0])
				json_object_set_new(u, "detail", json_string(next[i].unmet[k].detail));
			json_array_append_new(unmet, u);
		}
		if (next[i].allowed)
			json_array_append_new(allowed, json_string(case_action_name(next[i].action)));
		json_array_append_new(nexts, json_pack("{s:s, s:s, s:b, s:b, s:o}", "action",
			case_action_name(next[i].action), "zh", case_action_zh(next[i].action), "allowed",
			next[i].allowed, "role_ok", next[i].role_ok, "unmet", unmet));
	}
	st = record_prepare_select(db, &rec_case_record, "WHERE r.case_id = ? ORDER BY r.id");
	if (!st) {
		zerr_internal(e, db_errmsg(db));
		goto out;
	}
	db_bind_int(st, 1, x.id);
	while (db_step(st) == DB_ROW) {
		json_t *state = record_state(&rec_case_record, st), *out = record_out(record_encode(&rec_case_record, st, 0));
		char hex[65];

		/* SHA-256 of the canonical state its ledger entry commits to (docs/documents.md) */
		case_doc_state_sha256(state, hex);
		json_decref(state);
		json_object_set_new(out, "digest", json_string(hex));
		json_array_append_new(recs, out);
	}
	st = db_prepare(db, "SELECT action, from_state, to_state, actor, at, reason FROM case_steps"
			    " WHERE case_id = ? ORDER BY id");
	if (!st) {
		zerr_internal(e, db_errmsg(db));
		goto out;
	}
	db_bind_int(st, 1, x.id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(steps, json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "action", db_col_text(st, 0),
			"from", db_col_text(st, 1), "to", db_col_text(st, 2), "actor", db_col_text(st, 3), "at",
			db_col_text(st, 4), "reason", db_col_text(st, 5)));
	json_object_set_new(x.c, "steps", steps);
	steps = NULL;
	json_object_set_new(x.c, "state_zh", json_string(case_state_zh(x.s.state)));
	json_object_set_new(x.c, "deadlines", dl_view(&x, &worst));
	json_object_set_new(x.c, "late_fee_due_fen", json_integer(x.s.late_fee_due_fen));
	if (x.fee_set) {
		int64_t owed_fee = 0;

		case_money_owed(&x.s, NULL, &owed_fee);
		json_object_set_new(x.c, "late_fee", json_pack("{s:I, s:o, s:I, s:b, s:o, s:b, s:b, s:I, s:o}",
			"due_fen", (json_int_t)x.s.late_fee_due_fen, "as_of", jdate_new(x.fee_as_of), "days",
			(json_int_t)x.fee.days, "capped", x.fee.capped, "cap_day",
			case_date_set(x.fee.cap_day) ? jdate_new(x.fee.cap_day) : json_null(), "paid",
			x.s.late_fee_paid, "stopped", x.s.fine_paid, "outstanding_fen", (json_int_t)owed_fee,
			"paid_on", case_date_set(jdate(x.c, "late_fee_paid_on")) ? jdate_new(jdate(x.c, "late_fee_paid_on"))
										 : json_null()));
	}
	/* the stored next due the lists filter on (domain/case_due.h) */
	json_object_set_new(x.c, "next_due", x.next_due[0] ? json_string(x.next_due) : json_null());
	json_object_set_new(x.c, "next_due_provisional", json_boolean(x.next_due[0] && x.next_due_provisional));
	json_object_set_new(x.c, "allowed_actions", allowed);
	json_object_set_new(x.c, "next_actions", nexts);
	json_object_set_new(x.c, "records", recs);
	allowed = nexts = recs = NULL;
	if (x.s.referred_in && x.s.state != CASE_REFERRAL_RETURNED && referral_view(&x, e) < 0)
		goto out;
	*out_r = x.c;
	x.c = NULL;
	ret = 0;
out:
	free(next);
	json_decref(allowed);
	json_decref(nexts);
	json_decref(recs);
	json_decref(steps);
	ctx_release(&x);
	return ret;
}

/* 0 none, 1 due soon, 2 overdue: the most urgent running deadline of case id; the
 * running deadlines (as in case_view) in *view_r unless view_r is NULL. */
int case_deadline_urgency(db_t *db, const struct principal *who, const char *pid, json_t **view_r)
{
	db_stmt_t *st = db_prepare(db, "SELECT id FROM cases WHERE public_id = ?");
	struct case_ctx x;
	json_t *v;
	int worst = 0;

	memset(&x, 0, sizeof(x));
	if (!st)
		return 0;
	db_bind_text(st, 1, pid);
	if (db_step(st) != DB_ROW)
		return 0;
	x.id = db_col_int(st, 0);
	db_run(st);
	x.db = db;
	x.who = who;
	case_config_default(&x.cfg);
	x.cal = calendar_for(db);
	x.s.today = today_cn();
	v = dl_view(&x, &worst);
	if (view_r)
		*view_r = v;
	else
		json_decref(v);
	return worst;
}
