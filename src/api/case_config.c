/* case_config.c: per-agency case configuration (docs/cases.md §8). An agency stores only
 * its overrides of case_config_default (agencies.case_config, JSON); every case step and
 * view reads the agency's effective configuration. The statutory figures (Art 51 caps,
 * Art 68 on-the-spot limit) and the Art 63 types are the law's and cannot be changed: an
 * agency may only add "其他较重" hearing types. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/cases.h"
#include "domain/calendar_store.h"
#include "domain/case.h"
#include "domain/case_due.h"
#include "domain/case_money.h"
#include "ledger/ledger.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

enum cc_kind { CC_FEN, CC_DAYS, CC_BOOL, CC_TYPES, CC_TEXT };
/* CC_TEXT formats */
enum cc_fmt { F_ANY = 0, F_DIGITS, F_PHONE };

static const struct {
	const char *name;
	enum cc_kind kind;
	enum cc_fmt fmt;
	long lo, hi; /* CC_DAYS; CC_TEXT: characters */
} cc_fields[] = {
	{ "hearing_fine_person_fen", CC_FEN },
	{ "hearing_fine_org_fen", CC_FEN },
	{ "hearing_confiscation_person_fen", CC_FEN },
	{ "hearing_confiscation_org_fen", CC_FEN },
	{ "hearing_extra_types", CC_TYPES },
	{ "review_fine_person_fen", CC_FEN },
	{ "review_fine_org_fen", CC_FEN },
	{ "review_types", CC_TYPES },
	{ "statement_working_days", CC_DAYS, .lo = 3, .hi = 15 },
	{ "due_soon_working_days", CC_DAYS, .lo = 0, .hi = 10 },
	{ "payment_rolls_over", CC_BOOL },
	{ "decision_rolls_over", CC_BOOL },
	/* the agency's own facts on the instruments (Art 59(4)(5), Art 67) */
	{ "payment_bank", CC_TEXT, .lo = 2, .hi = 60 },
	{ "payment_account_name", CC_TEXT, .lo = 2, .hi = 60 },
	{ "payment_account_no", CC_TEXT, F_DIGITS, 8, 32 },
	{ "payment_electronic", CC_TEXT, .lo = 2, .hi = 200 },
	{ "contact_phone", CC_TEXT, F_PHONE, 7, 20 },
	{ "contact_address", CC_TEXT, .lo = 4, .hi = 120 },
	{ "reconsideration_body", CC_TEXT, .lo = 4, .hi = 60 },
	{ "court", CC_TEXT, .lo = 4, .hi = 60 },
};

static char *cc_text_slot(struct case_config *c, const char *name, size_t *size)
{
	static const struct {
		const char *name;
		size_t off, size;
	} t[] = {
#define S(n, m) { n, offsetof(struct case_config, m), sizeof(((struct case_config *)0)->m) }
		S("payment_bank", pay_bank),
		S("payment_account_name", pay_account_name),
		S("payment_account_no", pay_account_no),
		S("payment_electronic", pay_electronic),
		S("contact_phone", contact_phone),
		S("contact_address", contact_address),
		S("reconsideration_body", reconsideration_body),
		S("court", court),
#undef S
	};
	size_t i;

	for (i = 0; i < N(t); i++)
		if (strcmp(t[i].name, name) == 0) {
			*size = t[i].size;
			return (char *)c + t[i].off;
		}
	return NULL;
}

/* Characters (UTF-8 code points) of s. */
static size_t u8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* NULL when v is a valid text setting of field i, else why not. */
static const char *cc_text_bad(size_t i, const char *v, char *why, size_t n)
{
	size_t len = u8_chars(v), k, digits = 0;

	for (k = 0; v[k]; k++)
		if ((unsigned char)v[k] < 0x20 || v[k] == 0x7f)
			return "不得含控制字符 (no control characters)";
	if (len < (size_t)cc_fields[i].lo || len > (size_t)cc_fields[i].hi) {
		snprintf(why, n, "应为 %ld 至 %ld 个字符 (%ld..%ld characters)", cc_fields[i].lo, cc_fields[i].hi,
			 cc_fields[i].lo, cc_fields[i].hi);
		return why;
	}
	if (cc_fields[i].fmt == F_DIGITS) {
		for (k = 0; v[k]; k++)
			if (v[k] < '0' || v[k] > '9')
				return "账号只能由数字组成，不含空格和横线 (digits only)";
	} else if (cc_fields[i].fmt == F_PHONE) {
		/* 0570-8012345, 05708012345, 13905701234, 12345, +86 570 8012345 */
		for (k = 0; v[k]; k++) {
			if (v[k] >= '0' && v[k] <= '9')
				digits++;
			else if (!(v[k] == '-' || v[k] == ' ' || (k == 0 && v[k] == '+')))
				return "电话号码只能含数字、横线、空格和开头的“+” (digits, '-', ' ', leading '+')";
		}
		if (digits < 5)
			return "电话号码至少含 5 位数字 (at least 5 digits)";
	}
	return NULL;
}

static void *cc_slot(struct case_config *c, const char *name)
{
	if (strcmp(name, "hearing_fine_person_fen") == 0)
		return &c->hearing_fine_person_fen;
	if (strcmp(name, "hearing_fine_org_fen") == 0)
		return &c->hearing_fine_org_fen;
	if (strcmp(name, "hearing_confiscation_person_fen") == 0)
		return &c->hearing_confiscation_person_fen;
	if (strcmp(name, "hearing_confiscation_org_fen") == 0)
		return &c->hearing_confiscation_org_fen;
	if (strcmp(name, "hearing_extra_types") == 0)
		return &c->hearing_types;
	if (strcmp(name, "review_fine_person_fen") == 0)
		return &c->review_fine_person_fen;
	if (strcmp(name, "review_fine_org_fen") == 0)
		return &c->review_fine_org_fen;
	if (strcmp(name, "review_types") == 0)
		return &c->review_types;
	if (strcmp(name, "statement_working_days") == 0)
		return &c->statement_working_days;
	if (strcmp(name, "due_soon_working_days") == 0)
		return &c->due_soon_working_days;
	if (strcmp(name, "payment_rolls_over") == 0)
		return &c->payment_rolls_over;
	return &c->decision_rolls_over;
}

/* Checks the overrides o and applies them to c (c may be NULL: check only). All field
 * errors in one 400. */
static int cc_apply(struct case_config *c, json_t *o, struct zerr *e)
{
	const char *k;
	json_t *v, *m;
	size_t i, j;

	if (!json_is_object(o))
		return zerr_set(e, 400, "invalid_field", "配置应为对象 (object)");
	json_object_foreach(o, k, v) {
		for (i = 0; i < N(cc_fields) && strcmp(cc_fields[i].name, k) != 0; i++)
			;
		if (i == N(cc_fields)) {
			zerr_field(e, k, "未知或不可由机关调整的配置项（法定数额不可调整） (unknown or statutory)");
			continue;
		}
		switch (cc_fields[i].kind) {
		case CC_FEN:
			if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > CASE_FEN_MAX)
				zerr_field(e, k, "应为以分为单位的非负整数 (non-negative integer fen)");
			else if (strncmp(k, "hearing_", 8) == 0 && json_integer_value(v) == 0)
				zerr_field(e, k, "听证数额须大于零 (a hearing threshold above zero)");
			else if (c)
				*(int64_t *)cc_slot(c, k) = json_integer_value(v);
			break;
		case CC_DAYS:
			if (!json_is_integer(v) || json_integer_value(v) < cc_fields[i].lo ||
			    json_integer_value(v) > cc_fields[i].hi)
				zerr_field(e, k, "应为 %ld 至 %ld 之间的工作日数 (working days %ld..%ld)", cc_fields[i].lo,
					   cc_fields[i].hi, cc_fields[i].lo, cc_fields[i].hi);
			else if (c)
				*(int *)cc_slot(c, k) = (int)json_integer_value(v);
			break;
		case CC_BOOL:
			if (!json_is_boolean(v))
				zerr_field(e, k, "应为布尔值 (boolean)");
			else if (c)
				*(int *)cc_slot(c, k) = json_is_true(v);
			break;
		case CC_TEXT: {
			char why[160];
			const char *bad = json_is_string(v) && strlen(json_string_value(v)) == json_string_length(v)
						  ? cc_text_bad(i, json_string_value(v), why, sizeof(why))
						  : "应为文本 (string)";
			size_t size = 0;
			char *slot;

			/* "" is "not set" (the form's empty field) */
			if (json_is_string(v) && json_string_length(v) == 0)
				bad = NULL;
			if (bad)
				zerr_field(e, k, "%s", bad);
			else if (c && (slot = cc_text_slot(c, k, &size)) != NULL)
				snprintf(slot, size, "%s", json_string_value(v));
			break;
		}
		case CC_TYPES: {
			unsigned bits = 0;
			int bad = !json_is_array(v);

			json_array_foreach(v, j, m) {
				unsigned b = json_is_string(m) ? case_penalty_type_parse(json_string_value(m)) : 0;

				bad |= !b;
				bits |= b;
			}
			if (bad)
				zerr_field(e, k, "应为处罚种类名称的数组 (array of penalty type names)");
			else if (c && strcmp(k, "hearing_extra_types") == 0)
				c->hearing_types = CASE_PT_HEARING_HEAVY | bits; /* the law's types stay */
			else if (c)
				c->review_types = bits;
			break;
		}
		}
	}
	return zerr_isset(e) ? -1 : 0;
}

int case_config_for_agency(db_t *db, int64_t agency_id, struct case_config *c, struct zerr *e)
{
	db_stmt_t *st = db_prepare(db, "SELECT case_config FROM agencies WHERE id = ?");
	json_t *o = NULL;
	struct zerr tmp = ZERR_INIT;
	int rc;

	case_config_default(c);
	if (!st)
		return zerr_internal(e, db_errmsg(db));
	db_bind_int(st, 1, agency_id);
	rc = db_step(st);
	if (rc != DB_ROW)
		return rc == DB_OK ? 0 : db_zerr(db, rc, e);
	o = json_loads(db_col_text(st, 0), 0, NULL);
	db_run(st);
	/* stored overrides were checked when written; a row that no longer parses keeps the
	 * defaults rather than stopping every case of the agency */
	if (o && cc_apply(c, o, &tmp) < 0)
		case_config_default(c);
	zerr_clear(&tmp);
	json_decref(o);
	return 0;
}

static json_t *types_json(unsigned bits)
{
	json_t *a = json_array();
	unsigned b;

	for (b = 1; b && b <= CASE_PT__ALL; b <<= 1)
		if ((bits & b) && case_penalty_type_name(b))
			json_array_append_new(a, json_string(case_penalty_type_name(b)));
	return a;
}

static json_t *effective_json_numbers(const struct case_config *c)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:o, s:I, s:I, s:o, s:I, s:I, s:I, s:i, s:i, s:b, s:b}",
			 "hearing_fine_person_fen", (json_int_t)c->hearing_fine_person_fen, "hearing_fine_org_fen",
			 (json_int_t)c->hearing_fine_org_fen, "hearing_confiscation_person_fen",
			 (json_int_t)c->hearing_confiscation_person_fen, "hearing_confiscation_org_fen",
			 (json_int_t)c->hearing_confiscation_org_fen, "hearing_types", types_json(c->hearing_types),
			 "review_fine_person_fen", (json_int_t)c->review_fine_person_fen, "review_fine_org_fen",
			 (json_int_t)c->review_fine_org_fen, "review_types", types_json(c->review_types),
			 "summary_fine_person_fen", (json_int_t)c->summary_fine_person_fen, "summary_fine_org_fen",
			 (json_int_t)c->summary_fine_org_fen, "on_spot_collection_fen",
			 (json_int_t)c->on_spot_collection_fen, "statement_working_days", c->statement_working_days,
			 "due_soon_working_days", c->due_soon_working_days, "payment_rolls_over",
			 c->payment_rolls_over, "decision_rolls_over", c->decision_rolls_over);
}

static json_t *text_or_null(const char *v)
{
	return v[0] ? json_string(v) : json_null();
}

static json_t *effective_json(const struct case_config *c)
{
	json_t *o = effective_json_numbers(c);

	json_object_set_new(o, "payment_bank", text_or_null(c->pay_bank));
	json_object_set_new(o, "payment_account_name", text_or_null(c->pay_account_name));
	json_object_set_new(o, "payment_account_no", text_or_null(c->pay_account_no));
	json_object_set_new(o, "payment_electronic", text_or_null(c->pay_electronic));
	json_object_set_new(o, "contact_phone", text_or_null(c->contact_phone));
	json_object_set_new(o, "contact_address", text_or_null(c->contact_address));
	json_object_set_new(o, "reconsideration_body", text_or_null(c->reconsideration_body));
	json_object_set_new(o, "court", text_or_null(c->court));
	return o;
}

static int reply_config(struct req *r, int64_t id)
{
	struct case_config c;
	db_stmt_t *st = db_prepare(r->db, "SELECT case_config FROM agencies WHERE id = ?");
	json_t *o;

	if (!st)
		return zerr_internal(&r->err, db_errmsg(r->db));
	db_bind_int(st, 1, id);
	if (db_step(st) != DB_ROW)
		return zerr_internal(&r->err, "agency missing");
	o = json_loads(db_col_text(st, 0), 0, NULL);
	db_run(st);
	if (case_config_for_agency(r->db, id, &c, &r->err) < 0) {
		json_decref(o);
		return -1;
	}
	return http_reply(r, 200, json_pack("{s:s, s:o, s:o}", "agency_id", r->params[0], "overrides",
					    o ? o : json_object(), "effective", effective_json(&c)));
}

int api_case_config_get(struct req *r)
{
	int64_t id = 0;

	if (org_agency_visible(r, r->params[0], &id, NULL, &r->err) < 0)
		return -1;
	return reply_config(r, id);
}

/* Writes overrides as the agency's stored configuration with its ledger entry, in the
 * transaction the caller opened; rolls back on failure. */
static int config_store(struct req *r, int64_t id, json_t *overrides)
{
	char *text = json_dumps(overrides, JSON_COMPACT | JSON_SORT_KEYS);
	struct case_config before, after;
	db_stmt_t *st;
	int ret = -1;

	/* the flags as they were, read in the write transaction */
	if (case_config_for_agency(r->db, id, &before, &r->err) < 0)
		goto fail;
	st = text ? db_prepare(r->db, "UPDATE agencies SET case_config = ? WHERE id = ?") : NULL;
	if (!st) {
		zerr_internal(&r->err, db_errmsg(r->db));
		goto fail;
	}
	db_bind_text(st, 1, text);
	db_bind_int(st, 2, id);
	if (db_run(st) != DB_OK || ledger_append(r->db, &r->who, "agency.case_config", "agency_case_config",
						  r->params[0], overrides, NULL, &r->err) < 0) {
		if (!zerr_isset(&r->err))
			db_zerr(r->db, DB_ERROR, &r->err);
		goto fail;
	}
	/* D2's and D6's last day follow the roll-over flags: the stored next due of the
	 * agency's cases moves with them, in this transaction (case_due.h) */
	if (case_config_for_agency(r->db, id, &after, &r->err) < 0 ||
	    ((before.payment_rolls_over != after.payment_rolls_over ||
	      before.decision_rolls_over != after.decision_rolls_over) &&
	     case_next_due_refresh_agency(r->db, calendar_for(r->db), &after, id, NULL, &r->err) < 0))
		goto fail;
	if (db_commit(r->db) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	ret = 0;
	goto out;
fail:
	db_rollback(r->db);
out:
	free(text);
	return ret;
}

/* The agency id of the request, when the caller may set its configuration: a head its
 * own agency, an admin any in its region. */
static int config_writable(struct req *r, int64_t *id_r)
{
	if (org_agency_visible(r, r->params[0], id_r, NULL, &r->err) < 0)
		return -1;
	if (r->who.role != ROLE_ADMIN && r->who.agency_id != *id_r)
		return zerr_set(&r->err, 403, "forbidden", "只能设置本机关的办案配置 (only your own agency)");
	return 0;
}

int api_case_config_put(struct req *r)
{
	json_t *in = NULL;
	int64_t id = 0;
	int ret = -1;

	if (config_writable(r, &id) < 0)
		return -1;
	if (http_json_body(r, &in) < 0 || cc_apply(NULL, in, &r->err) < 0)
		goto out;
	if (db_begin(r->db, 1) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	if (config_store(r, id, in) < 0)
		goto out;
	ret = reply_config(r, id);
out:
	json_decref(in);
	return ret;
}

/* JSON merge patch (RFC 7386) of the overrides: a member sets that override, a member
 * set to null removes it (the default applies again), members not named stay. */
int api_case_config_patch(struct req *r)
{
	json_t *in = NULL, *set = NULL, *cur = NULL, *v;
	const char *k;
	int64_t id = 0;
	db_stmt_t *st;
	int ret = -1;
	size_t i;

	if (config_writable(r, &id) < 0)
		return -1;
	if (http_json_body(r, &in) < 0)
		goto out;
	if (!json_is_object(in)) {
		zerr_set(&r->err, 400, "invalid_field", "应为对象：成员设为 null 即删除该项设置 (a JSON merge patch object)");
		goto out;
	}
	set = json_object();
	json_object_foreach(in, k, v) {
		if (!json_is_null(v)) {
			json_object_set(set, k, v);
			continue;
		}
		for (i = 0; i < N(cc_fields) && strcmp(cc_fields[i].name, k) != 0; i++)
			;
		if (i == N(cc_fields))
			zerr_field(&r->err, k, "未知或不可由机关调整的配置项（法定数额不可调整） (unknown or statutory)");
	}
	if (cc_apply(NULL, set, &r->err) < 0 || zerr_isset(&r->err))
		goto out;
	if (db_begin(r->db, 1) != DB_OK) {
		db_zerr(r->db, DB_RETRY, &r->err);
		goto out;
	}
	/* the stored overrides, read inside the write transaction */
	st = db_prepare(r->db, "SELECT case_config FROM agencies WHERE id = ?");
	if (!st) {
		zerr_internal(&r->err, db_errmsg(r->db));
		db_rollback(r->db);
		goto out;
	}
	db_bind_int(st, 1, id);
	if (db_step(st) == DB_ROW && db_col_text(st, 0))
		cur = json_loads(db_col_text(st, 0), 0, NULL);
	db_run(st);
	if (!json_is_object(cur)) {
		json_decref(cur);
		cur = json_object();
	}
	json_object_foreach(in, k, v) {
		if (json_is_null(v))
			json_object_del(cur, k);
		else
			json_object_set(cur, k, v);
	}
	if (cc_apply(NULL, cur, &r->err) < 0) {
		db_rollback(r->db);
		goto out;
	}
	if (config_store(r, id, cur) < 0)
		goto out;
	ret = reply_config(r, id);
out:
	json_decref(in);
	json_decref(set);
	json_decref(cur);
	return ret;
}
