/* case_docs.c: the members of a case's instruments that cases.c's common model does
 * not hold (case_docs.h). Reads the catalog, the officers and the case's steps; writes
 * nothing. */
#include "api/case_docs.h"

#include <stdio.h>
#include <string.h>

#include "core/crypto.h"
#include "core/date.h"
#include "doc/doc.h"
#include "domain/case_body.h"
#include "domain/case_deadline.h"
#include "ledger/ledger.h"

static const char *str(json_t *o, const char *k)
{
	const char *v = json_string_value(json_object_get(o, k));

	return v && *v ? v : NULL;
}

static json_t *obj(json_t *m, const char *k)
{
	json_t *o = json_object_get(m, k);

	if (!json_is_object(o)) {
		o = json_object();
		json_object_set_new(m, k, o);
	}
	return o;
}

static void set_s(json_t *o, const char *k, const char *v)
{
	if (v && *v)
		json_object_set_new(o, k, json_string(v));
}

int case_doc_time_ok(const char *s)
{
	return s && strlen(s) == 5 && s[2] == ':' && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' &&
	       (s[0] < '2' || s[1] <= '3') && s[3] >= '0' && s[3] <= '5' && s[4] >= '0' && s[4] <= '9';
}

int case_doc_item_ok(json_t *v)
{
	static const char *const keys[] = { "name", "spec", "quantity", "note" };
	const char *k;
	json_t *m;
	size_t i;

	if (!json_is_object(v) || !str(v, "name"))
		return 0;
	json_object_foreach(v, k, m) {
		int known = 0;

		for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
			known |= strcmp(k, keys[i]) == 0;
		if (!known || !json_is_string(m) || json_string_length(m) > 600 ||
		    strlen(json_string_value(m)) != json_string_length(m))
			return 0;
	}
	return 1;
}

const char *case_doc_record_template(const char *kind)
{
	if (kind && strcmp(kind, "inquiry") == 0)
		return "inquiry_record";
	if (kind && strcmp(kind, "inspection") == 0)
		return "inspection_record";
	return NULL;
}

/* ---- the evidence center's evidence (Art 59(2)) ---- */

void case_doc_digest_prefix(const char *hex, char *out, size_t n)
{
	if (!hex || strlen(hex) < 16) {
		snprintf(out, n, "—");
		return;
	}
	snprintf(out, n, "%.4s %.4s %.4s %.4s", hex, hex + 4, hex + 8, hex + 12);
}

int case_doc_state_sha256(json_t *state, char out[65])
{
	char *canon = state ? ledger_canonical(state) : NULL;
	uint8_t h[32];

	out[0] = '\0';
	if (!canon)
		return -1;
	crypto_sha256(canon, strlen(canon), h);
	free(canon);
	hex_encode(h, sizeof(h), out);
	return 0;
}

int case_doc_instant_cn(const char *s, char *out, size_t n)
{
	struct zdate d;
	int hh, mm;
	size_t len = s ? strlen(s) : 0;

	out[0] = '\0';
	if ((len != 17 && len != 20) || s[len - 1] != 'Z' || s[10] != 'T' || zdate_parse_n(s, 10, &d) < 0 ||
	    !case_doc_time_ok((char[]){ s[11], s[12], s[13], s[14], s[15], '\0' }) ||
	    (len == 20 && (s[16] != ':' || s[17] < '0' || s[17] > '5' || s[18] < '0' || s[18] > '9')))
		return -1;
	hh = (s[11] - '0') * 10 + (s[12] - '0') + 8;
	mm = (s[14] - '0') * 10 + (s[15] - '0');
	if (hh >= 24) {
		hh -= 24;
		if (zdate_add_days(d, 1, &d) < 0)
			return -1;
	}
	snprintf(out, n, "%d年%d月%d日%d时%02d分", d.y, d.m, d.d, hh, mm);
	return 0;
}

void case_doc_clip(const char *s, size_t max, char *out, size_t n)
{
	size_t i = 0, chars = 0, k;

	if (!s)
		s = "";
	while (s[i] && chars < max) {
		k = 1;
		while (s[i + k] && ((unsigned char)s[i + k] & 0xC0) == 0x80)
			k++;
		i += k;
		chars++;
	}
	snprintf(out, n, "%.*s%s", (int)i, s, s[i] ? "…" : "");
}

static const char *const kinds_zh[][2] = {
	{ "documentary", "书证" },         { "physical", "物证" },        { "audiovisual", "视听资料" },
	{ "electronic", "电子数据" },      { "witness", "证人证言" },     { "party_statement", "当事人的陈述" },
	{ "expert_opinion", "鉴定意见" }, { "inspection_record", "勘验笔录、现场笔录" },
};

static json_t *officer_by_pid(db_t *db, const char *opid);

/* "陈立明、周晓燕" of a JSON array of officer public ids; "—" when none is known. */
static void collector_names(db_t *db, const char *list, char *out, size_t n)
{
	json_t *ids = json_loads(list ? list : "[]", 0, NULL), *v, *o;
	size_t i, k = 0;

	out[0] = '\0';
	json_array_foreach(ids, i, v) {
		int w;

		o = officer_by_pid(db, json_string_value(v));
		if (!o)
			continue;
		w = snprintf(out + k, n - k, "%s%s", k ? "、" : "", str(o, "name") ? str(o, "name") : "");
		json_decref(o);
		if (w < 0 || (size_t)w >= n - k)
			break;
		k += (size_t)w;
	}
	json_decref(ids);
	if (!out[0])
		snprintf(out, n, "—");
}

/* Column i of st's row as text, "" when NULL. */
static const char *col(db_stmt_t *st, int i)
{
	const char *v = db_col_text(st, i);

	return v ? v : "";
}

json_t *case_doc_evidence_items(db_t *db, const char *agency_pid, const char *case_pid, const char *case_no)
{
#define EV_COLS "e.description, e.filename, e.kind, e.sha256, e.collectors, e.collected_at, e.place_address," \
		" COALESCE(e.collected_at, e.created_at)"
	db_stmt_t *st = db_prepare(db, "SELECT " EV_COLS " FROM evidence e JOIN agencies a ON a.id = e.agency_id"
				       " WHERE a.public_id = ? AND e.case_id IN (?, ?)"
				       " UNION SELECT " EV_COLS " FROM evidence_attachments t"
				       " JOIN evidence e ON e.id = t.evidence_id JOIN agencies a ON a.id = t.agency_id"
				       " WHERE a.public_id = ? AND t.case_id IN (?, ?) ORDER BY 8, 4");
#undef EV_COLS
	json_t *items = json_array();
	size_t i;

	if (!st)
		return items;
	for (i = 0; i < 2; i++) {
		db_bind_text(st, (int)(1 + 3 * i), agency_pid ? agency_pid : "");
		db_bind_text(st, (int)(2 + 3 * i), case_pid ? case_pid : "");
		db_bind_text(st, (int)(3 + 3 * i), case_no && *case_no ? case_no : (case_pid ? case_pid : ""));
	}
	while (db_step(st) == DB_ROW) {
		const char *desc = col(st, 0), *file = col(st, 1), *kind = col(st, 2);
		const char *kz = kind, *place = col(st, 6);
		char name[400], dig[32], who[400], when[64], at[400];
		size_t k;

		for (k = 0; k < sizeof(kinds_zh) / sizeof(kinds_zh[0]); k++)
			if (strcmp(kind, kinds_zh[k][0]) == 0)
				kz = kinds_zh[k][1];
		case_doc_clip(*desc ? desc : *file ? file : "（未填写证据说明）", 60, name, sizeof(name));
		case_doc_digest_prefix(col(st, 3), dig, sizeof(dig));
		collector_names(db, col(st, 4), who, sizeof(who));
		if (case_doc_instant_cn(col(st, 5), when, sizeof(when)) < 0)
			snprintf(when, sizeof(when), "（未记录时间）");
		if (*place) {
			char pc[300];

			case_doc_clip(place, 40, pc, sizeof(pc));
			snprintf(at, sizeof(at), "%s，%s", when, pc);
		} else {
			snprintf(at, sizeof(at), "%s", when);
		}
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", name, "kind", kz, "digest", dig,
						       "collectors", who, "collected", at));
	}
	return items;
}

/* ---- the legal basis ---- */

void case_doc_citation(json_t *cite, char *out, size_t n)
{
	snprintf(out, n, "《%s》%s%s%s", str(cite, "law") ? str(cite, "law") : "",
		 str(cite, "article") ? str(cite, "article") : "", str(cite, "paragraph") ? str(cite, "paragraph") : "",
		 str(cite, "item") ? str(cite, "item") : "");
}

json_t *case_doc_catalog_basis(db_t *db, const char *code, const char *date)
{
	db_stmt_t *st;
	json_t *basis = NULL, *cites, *c;
	char line[512];
	size_t i;

	if (!code || !date)
		return NULL;
	st = db_prepare(db, "SELECT legal_basis FROM catalog_versions WHERE code = ? AND effective_from <= ?"
			    " AND (effective_to IS NULL OR effective_to > ?) ORDER BY effective_from DESC");
	if (!st)
		return NULL;
	db_bind_text(st, 1, code);
	db_bind_text(st, 2, date);
	db_bind_text(st, 3, date);
	if (db_step(st) == DB_ROW) {
		cites = json_loads(db_col_text(st, 0), 0, NULL);
		basis = json_array();
		json_array_foreach(cites, i, c) {
			case_doc_citation(c, line, sizeof(line));
			json_array_append_new(basis, json_string(line));
		}
		json_decref(cites);
		if (json_array_size(basis) == 0) {
			json_decref(basis);
			basis = NULL;
		}
	}
	db_run(st);
	return basis;
}

/* "X、Y" of the strings of a. */
static void joined(json_t *a, const char *sep, char *out, size_t n)
{
	size_t i, k = 0;
	json_t *v;

	out[0] = '\0';
	json_array_foreach(a, i, v) {
		int w = snprintf(out + k, n - k, "%s%s", i ? sep : "", json_string_value(v));

		if (w < 0 || (size_t)w >= n - k)
			break;
		k += (size_t)w;
	}
}

/* basis[], penalty.basis and the decision's discretion sentence. */
static void basis_fill(const struct case_doc_src *s, json_t *m)
{
	const char *code = str(s->c, "item_code"), *vd = str(s->c, "violation_date");
	json_t *basis = case_doc_catalog_basis(s->db, code, vd), *disc = NULL, *pen = obj(m, "penalty");
	char text[2048], line[1024], d[DOC_DATE_MAX] = "";
	struct zdate z;

	if (vd && zdate_parse(vd, &z) == 0)
		doc_date_cn(z, d, sizeof(d));
	if (!basis) {
		snprintf(line, sizeof(line), "〔法律依据未能确定：执法事项%s于%s不在执法事项目录中，须核实后补正〕",
			 code ? code : "（未填写）", *d ? d : "违法行为发生之日");
		basis = json_pack("[s]", line);
	}
	joined(basis, "、", text, sizeof(text));
	/* the discretion rule applied at the decision (docs/discretion.md) */
	if (str(s->c, "discretion"))
		disc = json_loads(str(s->c, "discretion"), 0, NULL);
	if (json_is_object(disc) && str(disc, "rule")) {
		/* the evaluation the server stored at the decision (cases.md §10 step 6) */
		char lo[64], hi[64], extra[700] = "", vtext[64] = "", dline[16384];
		const char *rb = str(disc, "rule_basis"), *bm = str(disc, "benchmark");
		const char *ver = str(disc, "version"), *oc = str(disc, "outcome");
		int none = oc && strcmp(oc, "no_penalty") == 0;

		if (rb || bm)
			snprintf(extra, sizeof(extra), "（%s%s%s）", bm ? bm : "", bm && rb ? "；" : "", rb ? rb : "");
		doc_money_figures(json_integer_value(json_object_get(disc, "min_fen")), lo, sizeof(lo));
		doc_money_figures(json_integer_value(json_object_get(disc, "max_fen")), hi, sizeof(hi));
		if (ver)
			snprintf(vtext, sizeof(vtext), "（%s版）", ver);
		if (none)
			snprintf(dline, sizeof(dline), "本案适用行政处罚裁量基准%s规则%s%s，裁量档次为不予处罚。%s%s", vtext,
				 str(disc, "rule"), extra, str(disc, "reason_outside") ? "作出处罚的理由：" : "",
				 str(disc, "reason_outside") ? str(disc, "reason_outside") : "");
		else
			snprintf(dline, sizeof(dline), "本案适用行政处罚裁量基准%s规则%s%s，罚款幅度为%s至%s。%s%s", vtext,
				 str(disc, "rule"), extra, lo, hi,
				 str(disc, "reason_outside") ? "超出该幅度的理由：" : "",
				 str(disc, "reason_outside") ? str(disc, "reason_outside") : "");
		if (str(disc, "reason_outside"))
			snprintf(dline + strlen(dline), sizeof(dline) - strlen(dline), "。");
		json_object_set_new(m, "discretion", json_string(dline));
		if (rb || bm) {
			size_t k = strlen(text);

			snprintf(text + k, sizeof(text) - k, "及%s", bm ? bm : rb);
		}
	}
	json_decref(disc);
	json_object_set_new(m, "basis", basis);
	json_object_set_new(pen, "basis", json_string(text));
}

/* ---- helpers for the instruments ---- */

static json_t *officer_by_pid(db_t *db, const char *opid)
{
	db_stmt_t *st = db_prepare(db, "SELECT name, cert_no FROM officers WHERE public_id = ?");
	json_t *o = NULL;

	if (!st || !opid)
		return NULL;
	db_bind_text(st, 1, opid);
	if (db_step(st) == DB_ROW) {
		o = json_pack("{s:s, s:s}", "name", db_col_text(st, 0), "cert_no", db_col_text(st, 1));
		db_run(st);
	}
	return o;
}

/* The China date (UTC+8) of the last step named action of the case, into out. */
static int step_date(const struct case_doc_src *s, const char *action, char out[ZDATE_STRLEN])
{
	db_stmt_t *st = db_prepare(s->db, "SELECT s.at FROM case_steps s JOIN cases c ON c.id = s.case_id"
					  " WHERE c.public_id = ? AND s.action = ? ORDER BY s.id DESC");
	int ok = -1;

	if (!st)
		return -1;
	db_bind_text(st, 1, str(s->c, "id") ? str(s->c, "id") : "");
	db_bind_text(st, 2, action);
	if (db_step(st) == DB_ROW) {
		const char *at = db_col_text(st, 0);
		struct zdate d;

		if (strlen(at) >= 13 && zdate_parse_n(at, 10, &d) == 0) {
			int hh = (at[11] - '0') * 10 + (at[12] - '0');

			if (hh >= 16)
				zdate_add_days(d, 1, &d);
			zdate_format(d, out);
			ok = 0;
		}
		db_run(st);
	}
	return ok;
}

/* The person who speaks for the party at an inquiry or inspection. */
static void party_person(json_t *m, const char **name, const char **role, const char **id)
{
	json_t *p = json_object_get(m, "party");
	int person = str(p, "type") && strcmp(str(p, "type"), "person") == 0;

	*id = str(p, "id");
	if (person || !str(p, "legal_rep")) {
		*name = str(p, "name");
		*role = person ? "当事人" : "当事人（单位）";
	} else {
		*name = str(p, "legal_rep");
		*role = "当事人的法定代表人";
		*id = "（见法定代表人身份证明）";
	}
}

/* ---- the instruments ---- */

/* 调查询问笔录 / 现场检查笔录 (Art 55): the record's officers, date, times, place,
 * the party, the summary. */
static void record_fill(const struct case_doc_src *s, const char *tmpl, json_t *m)
{
	json_t *r = s->src, *offs = json_loads(str(r, "officers") ? str(r, "officers") : "[]", 0, NULL), *o, *list;
	int inquiry = strcmp(tmpl, "inquiry_record") == 0;
	json_t *x = obj(m, inquiry ? "inquiry" : "inspection");
	const char *date = str(r, "date"), *pname, *prole, *pid;
	char t[32];
	size_t i;

	list = json_array();
	json_array_foreach(offs, i, o)
		json_array_append_new(list, json_pack("{s:s, s:s}", "name", str(o, "name") ? str(o, "name") : "—",
						      "cert_no", str(o, "cert_no") ? str(o, "cert_no") : "—"));
	if (json_array_size(list))
		json_object_set(m, "officers", list);
	/* the last officer on the record keeps it, the first asks */
	if (json_array_size(list))
		set_s(x, "recorder", str(json_array_get(list, json_array_size(list) - 1), "name"));
	json_decref(list);
	json_decref(offs);
	set_s(x, "date", date);
	if (date && str(r, "start_time") && str(r, "end_time")) {
		snprintf(t, sizeof(t), "%sT%s", date, str(r, "start_time"));
		set_s(x, "start", t);
		set_s(x, "end", str(r, "end_time"));
	}
	set_s(x, "place", str(r, "place") ? str(r, "place") : "（笔录未记录地点）");
	party_person(m, &pname, &prole, &pid);
	if (inquiry) {
		json_t *iv = obj(m, "interviewee"), *p = json_object_get(m, "party");

		set_s(iv, "name", pname);
		set_s(iv, "id", pid ? pid : "—");
		set_s(iv, "address", str(p, "address"));
		set_s(iv, "relation", prole);
		if (str(p, "type") && strcmp(str(p, "type"), "organisation") == 0)
			set_s(iv, "work", str(p, "name"));
		set_s(iv, "phone", str(p, "phone"));
		set_s(x, "summary", str(r, "summary") ? str(r, "summary") : "（笔录未录入询问内容）");
	} else {
		json_t *pr = obj(x, "present");

		set_s(pr, "name", pname);
		set_s(pr, "role", prole);
		json_object_set_new(m, "facts",
				    json_string(str(r, "summary") ? str(r, "summary") : "（笔录未录入检查情况）"));
	}
}

/* 先行登记保存证据通知书 (Art 56): the items, the place, and the last day of the
 * 7 working days for the decision on them, on the calendar (D1 of case_deadline.c). */
static void preservation_fill(const struct case_doc_src *s, json_t *b, json_t *m)
{
	json_t *p = obj(m, "preservation"), *items = json_object_get(b, "preservation_items");
	const char *on = str(s->c, "preservation_on");
	struct deadline d;
	struct zdate start, due;
	struct zerr e = ZERR_INIT;
	char out[ZDATE_STRLEN];

	set_s(p, "place", str(b, "preservation_place"));
	set_s(p, "manner", str(b, "preservation_manner"));
	if (json_is_array(items))
		json_object_set(p, "items", items);
	if (on && zdate_parse(on, &start) == 0 && deadline_init(&d, DEADLINE_PRESERVATION, start, s->cfg, &e) == 0 &&
	    deadline_due(s->cal, &d, &due, NULL, &e) == 0)
		set_s(p, "decide_by", zdate_format(due, out));
	zerr_clear(&e);
}

/* The body of the case's last step named action, parsed (NULL when none); decref it. */
static json_t *step_body(const struct case_doc_src *s, const char *action)
{
	db_stmt_t *st = db_prepare(s->db, "SELECT s.body FROM case_steps s JOIN cases c ON c.id = s.case_id"
					  " WHERE c.public_id = ? AND s.action = ? ORDER BY s.id DESC");
	json_t *b = NULL;

	if (!st)
		return NULL;
	db_bind_text(st, 1, str(s->c, "id") ? str(s->c, "id") : "");
	db_bind_text(st, 2, action);
	if (db_step(st) == DB_ROW) {
		b = json_loads(db_col_text(st, 0), 0, NULL);
		db_run(st);
	}
	return b;
}

/* 先行登记保存证据处理决定书 (Art 56): the items of the last preservation, the day it
 * began, and the decision on them (src: the decide_preserved_evidence body). */
static void preservation_decision_fill(const struct case_doc_src *s, json_t *m)
{
	json_t *pb = step_body(s, "preserve_evidence"), *p;
	const char *code = str(s->src, "disposal"), *zh = NULL, *c;
	size_t i;

	preservation_fill(s, pb, m);
	p = obj(m, "preservation");
	set_s(p, "on", str(s->c, "preservation_on"));
	if (!json_object_get(p, "place"))
		set_s(p, "place", "（未记录保存地点）");
	for (i = 0; (c = case_body_disposal(i, &zh)) != NULL; i++)
		if (code && strcmp(code, c) == 0)
			set_s(p, "disposal", zh);
	set_s(p, "disposal_note", str(s->src, "disposal_note"));
	json_decref(pb);
}

/* 听证笔录 (Arts 64(7), (8), 65): the notice's time, place, presiding officer and clerk
 * (the schedule_hearing step), and what the hold_hearing step recorded (src). */
static void hearing_record_fill(const struct case_doc_src *s, json_t *m)
{
	json_t *sb = step_body(s, "schedule_hearing"), *b = s->src, *h = obj(m, "hearing"), *host;
	char t[64];

	host = officer_by_pid(s->db, str(sb, "presiding_officer_id") ? str(sb, "presiding_officer_id")
								  : str(s->c, "hearing_presiding"));
	snprintf(t, sizeof(t), "%sT%s", str(s->c, "hearing_date") ? str(s->c, "hearing_date") : "",
		 str(sb, "hearing_time") ? str(sb, "hearing_time") : "");
	set_s(h, "time", t);
	set_s(h, "end", str(b, "hearing_end_time"));
	set_s(h, "place", str(sb, "hearing_place") ? str(sb, "hearing_place") : "（通知未记录地点）");
	set_s(h, "host", host ? str(host, "name") : "—");
	set_s(h, "clerk", str(sb, "hearing_clerk") ? str(sb, "hearing_clerk") : "（未指定）");
	if (json_is_array(json_object_get(b, "participants")))
		json_object_set(h, "attendees", json_object_get(b, "participants"));
	set_s(h, "case", str(b, "investigators_case"));
	set_s(h, "statement", str(b, "statement"));
	set_s(h, "conclusion", str(b, "conclusion"));
	json_decref(host);
	json_decref(sb);
}

/* 听证通知书 (Arts 63, 64): time, place, the presiding officer, the day it is served. */
static void hearing_fill(const struct case_doc_src *s, json_t *m)
{
	json_t *b = s->src, *h = obj(m, "hearing"), *host = officer_by_pid(s->db, str(b, "presiding_officer_id"));
	char t[64];

	snprintf(t, sizeof(t), "%sT%s", str(s->c, "hearing_date") ? str(s->c, "hearing_date") : "",
		 str(b, "hearing_time") ? str(b, "hearing_time") : "");
	set_s(h, "time", t);
	set_s(h, "place", str(b, "hearing_place"));
	set_s(h, "host", host ? str(host, "name") : NULL);
	set_s(h, "clerk", str(b, "hearing_clerk"));
	set_s(h, "notified", str(s->c, "hearing_notified_on"));
	json_decref(host);
}

/* 法制审核意见书 (Art 58): the reviewer (the actor) and their qualification, the
 * conclusion, the opinion. */
static void review_fill(const struct case_doc_src *s, json_t *m)
{
	json_t *b = s->src, *r = obj(m, "review"), *items = json_array(), *offs = json_object_get(m, "officers"), *o;
	int passed = json_is_true(json_object_get(b, "passed"));
	char line[1024], names[512] = "", sub[ZDATE_STRLEN], day[ZDATE_STRLEN], standing[96];
	size_t i, k = 0;

	json_array_foreach(offs, i, o) {
		int w = snprintf(names + k, sizeof(names) - k, "%s%s", i ? "、" : "", str(o, "name"));

		if (w < 0 || (size_t)w >= sizeof(names) - k)
			break;
		k += (size_t)w;
	}
	snprintf(line, sizeof(line), "承办人：%s", names);
	set_s(r, "submitted_by", line);
	if (step_date(s, "submit_legal_review", sub) == 0)
		set_s(r, "submitted_date", sub);
	else
		set_s(r, "submitted_date", str(m, "date"));
	json_array_append_new(items, json_pack("{s:s, s:s}", "label", "法律依据", "text",
					       str(json_object_get(m, "penalty"), "basis")));
	json_array_append_new(items, json_pack("{s:s, s:s}", "label", "审核结论", "text",
		passed ? "通过。" : "不通过。依据《中华人民共和国行政处罚法》第五十八条第一款，审核未通过的，不得作出决定。"));
	json_object_set_new(r, "items", items);
	set_s(r, "opinion", str(b, "opinion") ? str(b, "opinion") : (passed ? "同意。" : "不同意。"));
	if (s->actor_legal_qualified)
		snprintf(standing, sizeof(standing), "已取得法律职业资格");
	else if (s->actor_experienced_reviewer)
		/* Art 58(2): not a first-time reviewer under the law in force from 2021-07-15 */
		snprintf(standing, sizeof(standing), "自%s起从事法制审核，早于2021年7月15日",
			 zdate_format(s->actor_review_since, day));
	else
		snprintf(standing, sizeof(standing), "未登记法律职业资格");
	snprintf(line, sizeof(line), "%s（执法证号：%s；%s）", s->actor_name && *s->actor_name ? s->actor_name : "—",
		 s->actor_cert_no && *s->actor_cert_no ? s->actor_cert_no : "—", standing);
	set_s(r, "reviewer", line);
}

/* 集体讨论记录 (Art 57 para 2): the participants, the proposal, the conclusion. */
static void discussion_fill(const struct case_doc_src *s, json_t *m)
{
	json_t *b = s->src, *mt = obj(m, "meeting"), *pen = json_object_get(m, "penalty");
	char line[2048], fine[DOC_MONEY_MAX + 128] = "";
	json_int_t fen = json_integer_value(json_object_get(pen, "fine_fen"));

	set_s(mt, "date", str(m, "date"));
	set_s(mt, "place", str(b, "discussion_place") ? str(b, "discussion_place") : "（未记录地点）");
	set_s(mt, "host", s->actor_name && *s->actor_name ? s->actor_name : "—");
	set_s(mt, "recorder", str(b, "recorder") ? str(b, "recorder") : "（未记录）");
	if (json_is_array(json_object_get(b, "participants")))
		json_object_set(mt, "attendees", json_object_get(b, "participants"));
	if (fen > 0) {
		char up[DOC_MONEY_MAX], fig[64];

		doc_money_upper(fen, up, sizeof(up));
		doc_money_figures(fen, fig, sizeof(fig));
		snprintf(fine, sizeof(fine), "，罚款%s（%s）", up, fig);
	}
	snprintf(line, sizeof(line), "拟依据%s的规定，给予%s%s。", str(pen, "basis") ? str(pen, "basis") : "—",
		 str(pen, "types") ? str(pen, "types") : "—", fine);
	set_s(mt, "proposal", line);
	set_s(mt, "conclusion", str(b, "conclusion"));
}

/* ---- the agency's own facts (case configuration, docs/cases.md §8) ---- */

/* v, or the plain gap that names the setting to fill in: a document never invents
 * the agency's bank, court or phone. */
static void setting(json_t *o, const char *k, const char *v, const char *label)
{
	char gap[256];

	if (v && *v) {
		json_object_set_new(o, k, json_string(v));
		return;
	}
	snprintf(gap, sizeof(gap), "（未设置：请在机关办案设置中填写%s）", label);
	json_object_set_new(o, k, json_string(gap));
}

/* payment (Art 59(4), Art 67), remedy (Art 59(5)) and contact of every instrument. */
static void agency_settings_fill(const struct case_doc_src *s, json_t *m)
{
	json_t *p = obj(m, "payment"), *r = obj(m, "remedy"), *c = obj(m, "contact");
	const struct case_config *cfg = s->cfg;

	setting(p, "bank", cfg->pay_bank, "代收罚款银行");
	setting(p, "account_name", cfg->pay_account_name, "收款户名");
	setting(p, "account", cfg->pay_account_no, "收款账号");
	if (cfg->pay_electronic[0]) {
		char t[CASE_CFG_NOTE_MAX + 16];

		snprintf(t, sizeof(t), "（%s）", cfg->pay_electronic);
		set_s(p, "electronic", t);
	}
	setting(r, "reconsideration_body", cfg->reconsideration_body, "行政复议机关");
	setting(r, "court", cfg->court, "有管辖权的人民法院");
	setting(c, "phone", cfg->contact_phone, "联系电话");
	setting(c, "address", cfg->contact_address, "联系地址");
}

/* Evidence kinds (rec_evidence) as 行政处罚法 Art 46 names them. */
static const char *const evidence_kinds_zh[][2] = {
	{ "documentary", "书证" },         { "physical", "物证" },        { "audiovisual", "视听资料" },
	{ "electronic", "电子数据" },      { "witness", "证人证言" },      { "party_statement", "当事人的陈述" },
	{ "expert_opinion", "鉴定意见" }, { "inspection_record", "勘验笔录、现场笔录" },
};

/* The 移送函 (refer_jurisdiction): where it goes, why, and what was handed over — the
 * grants the referral made (evidence_grants.referral_lead) and the case's records. */
static void referral_fill(const struct case_doc_src *s, json_t *m)
{
	json_t *r = obj(m, "referral"), *ev = json_array(), *recs = json_array();
	const char *lead = str(s->c, "referred_to");
	db_stmt_t *st;
	size_t i;

	set_s(r, "to_agency", str(s->c, "referred_to_agency") ? str(s->c, "referred_to_agency") : "（受移送机关）");
	set_s(r, "reason", str(s->src, "reason") ? str(s->src, "reason") : "（未记录）");
	set_s(r, "case", str(s->c, "case_no") ? str(s->c, "case_no") : "尚未立案的线索");
	set_s(r, "violation_date", str(s->c, "violation_date"));
	st = lead ? db_prepare(s->db, "SELECT e.filename, e.kind, e.sha256, e.public_id FROM evidence_grants g"
				      " JOIN evidence e ON e.id = g.evidence_id WHERE g.referral_lead = ? ORDER BY e.id")
		  : NULL;
	if (st) {
		db_bind_text(st, 1, lead);
		while (db_step(st) == DB_ROW) {
			const char *kind = db_col_text(st, 1);

			for (i = 0; i < sizeof(evidence_kinds_zh) / sizeof(evidence_kinds_zh[0]); i++)
				if (strcmp(kind, evidence_kinds_zh[i][0]) == 0) {
					kind = evidence_kinds_zh[i][1];
					break;
				}
			char name[400];

			snprintf(name, sizeof(name), "%s（%s）",
				 db_col_isnull(st, 0) || !*db_col_text(st, 0) ? db_col_text(st, 3) : db_col_text(st, 0), kind);
			json_array_append_new(ev, json_pack("{s:s, s:s, s:s}", "name", name, "kind", kind, "sha256",
							    db_col_text(st, 2)));
		}
	}
	st = db_prepare(s->db, "SELECT r.kind, r.record_date FROM case_records r JOIN cases c ON c.id = r.case_id"
			       " WHERE c.public_id = ? ORDER BY r.id");
	if (st && str(s->c, "id")) {
		db_bind_text(st, 1, str(s->c, "id"));
		while (db_step(st) == DB_ROW) {
			char line[160], d[64];
			struct zdate rd;

			if (zdate_parse(db_col_text(st, 1), &rd) < 0 || doc_date_cn(rd, d, sizeof(d)) < 0)
				snprintf(d, sizeof(d), "%s", db_col_text(st, 1));
			snprintf(line, sizeof(line), "%s%s", d,
				 strcmp(db_col_text(st, 0), "inquiry") == 0 ? "调查询问笔录" : "现场检查笔录");
			json_array_append_new(recs, json_string(line));
		}
	}
	json_object_set_new(r, "evidence", ev);
	json_object_set_new(r, "records", recs);
}

/* The case's source (rec_case's enum) as the filing form names it. */
static const char *const sources_zh[][2] = {
	{ "inspection", "监督检查中发现" }, { "complaint", "投诉、举报" }, { "hotline", "12345热线等转办" },
	{ "referral", "其他机关移送" },     { "device", "技术监控设备记录" }, { "other", "其他途径" },
};

void case_doc_complete(const struct case_doc_src *s, const char *tmpl, json_t *m)
{
	json_t *cs = json_object_get(m, "case");
	size_t i;

	for (i = 0; i < sizeof(sources_zh) / sizeof(sources_zh[0]); i++)
		if (str(cs, "source") && strcmp(str(cs, "source"), sources_zh[i][0]) == 0) {
			json_object_set_new(cs, "source", json_string(sources_zh[i][1]));
			break;
		}
	basis_fill(s, m);
	if (s->cfg)
		agency_settings_fill(s, m);
	if (strcmp(tmpl, "inquiry_record") == 0 || strcmp(tmpl, "inspection_record") == 0)
		record_fill(s, tmpl, m);
	else if (strcmp(tmpl, "preservation_notice") == 0)
		preservation_fill(s, s->src, m);
	else if (strcmp(tmpl, "preservation_decision") == 0)
		preservation_decision_fill(s, m);
	else if (strcmp(tmpl, "hearing_record") == 0)
		hearing_record_fill(s, m);
	else if (strcmp(tmpl, "hearing_notice") == 0)
		hearing_fill(s, m);
	else if (strcmp(tmpl, "legal_review") == 0)
		review_fill(s, m);
	else if (strcmp(tmpl, "collective_discussion") == 0)
		discussion_fill(s, m);
	else if (strcmp(tmpl, "referral_letter") == 0)
		referral_fill(s, m);
}
