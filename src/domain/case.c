/* case.c: the penalty-case state machine as one table, its guards, and the rule
 * helpers of case.h. Every article cited here is 行政处罚法 (2021) unless named. */
#include "domain/case.h"

#include <string.h>

#include "core/buf.h"
#include "core/calendar.h"
#include "core/err.h"

#define BIT(s) ((uint64_t)1 << (s))
#define ST_PRE_DECISION (BIT(CASE_FILED) | BIT(CASE_INVESTIGATING) | BIT(CASE_REVIEW) | \
			 BIT(CASE_NOTIFIED) | BIT(CASE_HEARING_REQUESTED) |                 \
			 BIT(CASE_HEARING_SCHEDULED) | BIT(CASE_HEARD) |                    \
			 BIT(CASE_LEGAL_REVIEW) | BIT(CASE_COLLECTIVE_DISCUSSION))
#define ST_DECIDING (BIT(CASE_NOTIFIED) | BIT(CASE_HEARD) | BIT(CASE_LEGAL_REVIEW) | \
		     BIT(CASE_COLLECTIVE_DISCUSSION))
#define ST_AFTER_DECISION (BIT(CASE_DECIDED) | BIT(CASE_SERVED) | BIT(CASE_PAID) |       \
			   BIT(CASE_OVERDUE) | BIT(CASE_DEFERRED) | BIT(CASE_INSTALMENTS) | \
			   BIT(CASE_ENFORCEMENT_APPLIED) | BIT(CASE_CLOSED) | BIT(CASE_ARCHIVED))
#define ST_PAYING (BIT(CASE_SERVED) | BIT(CASE_OVERDUE) | BIT(CASE_DEFERRED) | \
		   BIT(CASE_INSTALMENTS) | BIT(CASE_ENFORCEMENT_APPLIED))

#define O CASE_ROLE_OFFICER
#define H CASE_ROLE_HEAD
#define L CASE_ROLE_LEGAL
#define S CASE_ROLE_SYSTEM

int case_date_set(struct zdate d)
{
	return d.y != 0;
}

/* ---- names ---- */

static const char *const state_names[CASE_STATE__COUNT][2] = {
	[CASE_LEAD] = { "lead", "线索" },
	[CASE_NOT_FILED] = { "not_filed", "不予立案" },
	[CASE_FILED] = { "filed", "已立案" },
	[CASE_INVESTIGATING] = { "investigating", "调查取证" },
	[CASE_REVIEW] = { "review", "案件审查" },
	[CASE_NOTIFIED] = { "notified", "已事先告知" },
	[CASE_HEARING_REQUESTED] = { "hearing_requested", "已要求听证" },
	[CASE_HEARING_SCHEDULED] = { "hearing_scheduled", "已通知听证" },
	[CASE_HEARD] = { "heard", "已听证" },
	[CASE_LEGAL_REVIEW] = { "legal_review", "法制审核" },
	[CASE_COLLECTIVE_DISCUSSION] = { "collective_discussion", "集体讨论" },
	[CASE_DECIDED] = { "decided", "已作出决定" },
	[CASE_SERVED] = { "served", "已送达" },
	[CASE_PAID] = { "paid", "已缴纳" },
	[CASE_OVERDUE] = { "overdue", "逾期未缴纳" },
	[CASE_DEFERRED] = { "deferred", "暂缓缴纳" },
	[CASE_INSTALMENTS] = { "instalments", "分期缴纳" },
	[CASE_ENFORCEMENT_APPLIED] = { "enforcement_applied", "已申请强制执行" },
	[CASE_CLOSED] = { "closed", "结案" },
	[CASE_ARCHIVED] = { "archived", "归档" },
	[CASE_NO_PENALTY] = { "no_penalty", "不予处罚" },
	[CASE_DISMISSED] = { "dismissed", "撤销立案" },
	[CASE_SUSPENDED] = { "suspended", "中止" },
	[CASE_TERMINATED] = { "terminated", "终止" },
	[CASE_TRANSFERRED_CRIMINAL] = { "transferred_criminal", "已移送司法机关" },
	[CASE_REFERRED] = { "referred", "已移送管辖" },
	[CASE_REVOKED] = { "revoked", "决定已被撤销" },
	[CASE_REFERRAL_RETURNED] = { "referral_returned", "已退回移送" },
};

const char *case_state_name(enum case_state s)
{
	return s > CASE_STATE_NONE && s < CASE_STATE__COUNT ? state_names[s][0] : NULL;
}

const char *case_state_zh(enum case_state s)
{
	return s > CASE_STATE_NONE && s < CASE_STATE__COUNT ? state_names[s][1] : NULL;
}

enum case_state case_state_parse(const char *name)
{
	int i;

	for (i = 1; name && i < CASE_STATE__COUNT; i++)
		if (strcmp(state_names[i][0], name) == 0)
			return (enum case_state)i;
	return CASE_STATE_NONE;
}

static const char *const action_names[CASE_ACTION__COUNT][2] = {
	[CA_FILE_CASE] = { "file_case", "立案" },
	[CA_DECLINE_FILING] = { "decline_filing", "不予立案" },
	[CA_REFER_JURISDICTION] = { "refer_jurisdiction", "移送管辖" },
	[CA_START_INVESTIGATION] = { "start_investigation", "开始调查" },
	[CA_PRESERVE_EVIDENCE] = { "preserve_evidence", "先行登记保存证据" },
	[CA_DECIDE_PRESERVED_EVIDENCE] = { "decide_preserved_evidence", "登记保存证据处理决定" },
	[CA_SUBMIT_INVESTIGATION] = { "submit_investigation", "调查终结提交审查" },
	[CA_ISSUE_PRIOR_NOTICE] = { "issue_prior_notice", "事先告知" },
	[CA_REISSUE_PRIOR_NOTICE] = { "reissue_prior_notice", "重新告知" },
	[CA_RECORD_STATEMENT] = { "record_statement", "记录陈述申辩" },
	[CA_RECORD_WAIVER] = { "record_waiver", "当事人放弃陈述申辩" },
	[CA_REQUEST_HEARING] = { "request_hearing", "当事人要求听证" },
	[CA_SCHEDULE_HEARING] = { "schedule_hearing", "通知听证" },
	[CA_HOLD_HEARING] = { "hold_hearing", "举行听证" },
	[CA_HEARING_WAIVED] = { "hearing_waived", "放弃听证" },
	[CA_SUBMIT_LEGAL_REVIEW] = { "submit_legal_review", "提交法制审核" },
	[CA_RECORD_LEGAL_REVIEW] = { "record_legal_review", "出具法制审核意见" },
	[CA_SUBMIT_COLLECTIVE_DISCUSSION] = { "submit_collective_discussion", "提请集体讨论" },
	[CA_RECORD_COLLECTIVE_DISCUSSION] = { "record_collective_discussion", "记录集体讨论决定" },
	[CA_DECIDE_PENALTY] = { "decide_penalty", "作出行政处罚决定" },
	[CA_DECIDE_NO_PENALTY] = { "decide_no_penalty", "作出不予行政处罚决定" },
	[CA_TRANSFER_CRIMINAL] = { "transfer_criminal", "移送司法机关" },
	[CA_RECORD_TRANSFER_RECEIPT] = { "record_transfer_receipt", "登记移送回执" },
	[CA_RESUME_AFTER_TRANSFER] = { "resume_after_transfer", "移回后继续办理" },
	[CA_DISMISS_CASE] = { "dismiss_case", "撤销立案" },
	[CA_SUSPEND_CASE] = { "suspend_case", "中止" },
	[CA_RESUME_CASE] = { "resume_case", "恢复办理" },
	[CA_TERMINATE_CASE] = { "terminate_case", "终止" },
	[CA_RETURN_PREVIOUS] = { "return_previous", "退回" },
	[CA_WITHDRAW_SUBMISSION] = { "withdraw_submission", "撤回" },
	[CA_SUPPLEMENTARY_INVESTIGATION] = { "supplementary_investigation", "补充调查" },
	[CA_SERVE_DECISION] = { "serve_decision", "送达决定书" },
	[CA_DECIDE_ON_THE_SPOT] = { "decide_on_the_spot", "当场处罚" },
	[CA_COLLECT_ON_THE_SPOT] = { "collect_on_the_spot", "当场收缴罚款" },
	[CA_RECORD_PAYMENT] = { "record_payment", "登记缴款" },
	[CA_MARK_OVERDUE] = { "mark_overdue", "逾期未缴纳" },
	[CA_APPROVE_DEFERRAL] = { "approve_deferral", "批准暂缓缴纳" },
	[CA_APPROVE_INSTALMENTS] = { "approve_instalments", "批准分期缴纳" },
	[CA_ISSUE_DEMAND] = { "issue_demand", "催告" },
	[CA_APPLY_ENFORCEMENT] = { "apply_enforcement", "申请法院强制执行" },
	[CA_CLOSE_CASE] = { "close_case", "结案" },
	[CA_ARCHIVE_CASE] = { "archive_case", "归档" },
	[CA_RECORD_REMEDY_FILED] = { "record_remedy_filed", "登记复议或诉讼" },
	[CA_REMEDY_UPHELD] = { "remedy_upheld", "复议或诉讼：维持" },
	[CA_REMEDY_CHANGED] = { "remedy_changed", "复议或诉讼：变更" },
	[CA_REMEDY_CONFIRMED_ILLEGAL] = { "remedy_confirmed_illegal", "复议或诉讼：确认违法" },
	[CA_REMEDY_REVOKED] = { "remedy_revoked", "复议或诉讼：撤销" },
	[CA_PAY_INSTALMENT] = { "pay_instalment", "登记分期缴款" },
	[CA_EXTEND_DEADLINE] = { "extend_deadline", "延长办案期限" },
	[CA_RETURN_REFERRAL] = { "return_referral", "退回移送" },
	[CA_REMEDY_CONFIRMED_VOID] = { "remedy_confirmed_void", "复议或诉讼：确认无效" },
};

const char *case_action_name(enum case_action a)
{
	return a > CASE_ACTION_NONE && a < CASE_ACTION__COUNT ? action_names[a][0] : NULL;
}

const char *case_action_zh(enum case_action a)
{
	return a > CASE_ACTION_NONE && a < CASE_ACTION__COUNT ? action_names[a][1] : NULL;
}

enum case_action case_action_parse(const char *name)
{
	int i;

	for (i = 1; name && i < CASE_ACTION__COUNT; i++)
		if (strcmp(action_names[i][0], name) == 0)
			return (enum case_action)i;
	return CASE_ACTION_NONE;
}

unsigned case_role_from_name(const char *name)
{
	if (!name)
		return 0;
	if (strcmp(name, "officer") == 0)
		return CASE_ROLE_OFFICER;
	if (strcmp(name, "agency_head") == 0)
		return CASE_ROLE_HEAD;
	if (strcmp(name, "legal_reviewer") == 0)
		return CASE_ROLE_LEGAL;
	if (strcmp(name, "system") == 0)
		return CASE_ROLE_SYSTEM;
	return 0;
}

/* Art 9 groups rank the types for Art 45(2): a type that was not notified is lighter
 * only when its group ranks below a notified one. */
static const struct {
	const char *name, *zh;
	unsigned bit;
	int group;
} penalty_types[] = {
	{ "warning", "警告", CASE_PT_WARNING, 1 },
	{ "criticism", "通报批评", CASE_PT_CRITICISM, 1 },
	{ "fine", "罚款", CASE_PT_FINE, 2 },
	{ "confiscate_gains", "没收违法所得", CASE_PT_CONFISCATE_GAINS, 2 },
	{ "confiscate_property", "没收非法财物", CASE_PT_CONFISCATE_PROPERTY, 2 },
	{ "suspend_permit", "暂扣许可证件", CASE_PT_SUSPEND_PERMIT, 3 },
	{ "downgrade", "降低资质等级", CASE_PT_DOWNGRADE, 3 },
	{ "revoke_permit", "吊销许可证件", CASE_PT_REVOKE_PERMIT, 3 },
	{ "restrict_business", "限制开展生产经营活动", CASE_PT_RESTRICT_BUSINESS, 4 },
	{ "suspend_business", "责令停产停业", CASE_PT_SUSPEND_BUSINESS, 4 },
	{ "close", "责令关闭", CASE_PT_CLOSE, 4 },
	{ "ban_occupation", "限制从业", CASE_PT_BAN_OCCUPATION, 4 },
	{ "detention", "行政拘留", CASE_PT_DETENTION, 5 },
	{ "other", "其他行政处罚", CASE_PT_OTHER, 6 },
};
#define N_TYPES (sizeof(penalty_types) / sizeof(penalty_types[0]))

const char *case_penalty_type_name(unsigned bit)
{
	size_t i;

	for (i = 0; i < N_TYPES; i++)
		if (penalty_types[i].bit == bit)
			return penalty_types[i].name;
	return NULL;
}

const char *case_penalty_type_zh(unsigned bit)
{
	size_t i;

	for (i = 0; i < N_TYPES; i++)
		if (penalty_types[i].bit == bit)
			return penalty_types[i].zh;
	return NULL;
}

unsigned case_penalty_type_parse(const char *name)
{
	size_t i;

	for (i = 0; name && i < N_TYPES; i++)
		if (strcmp(penalty_types[i].name, name) == 0)
			return penalty_types[i].bit;
	return 0;
}

int case_penalty_valid(const struct case_penalty *p)
{
	if (!p || !p->types || (p->types & ~CASE_PT__ALL))
		return 0;
	if (p->fine_fen < 0 || p->confiscation_fen < 0)
		return 0;
	if ((p->types & CASE_PT_FINE) ? p->fine_fen == 0 : p->fine_fen != 0)
		return 0;
	return 1;
}

int case_penalty_heavier(const struct case_penalty *decided, const struct case_penalty *notified)
{
	int top = 0;
	size_t i;

	if (decided->fine_fen > notified->fine_fen ||
	    decided->confiscation_fen > notified->confiscation_fen)
		return 1;
	for (i = 0; i < N_TYPES; i++)
		if ((notified->types & penalty_types[i].bit) && penalty_types[i].group > top)
			top = penalty_types[i].group;
	for (i = 0; i < N_TYPES; i++) {
		unsigned b = penalty_types[i].bit;

		if ((decided->types & b) && !(notified->types & b) && penalty_types[i].group >= top)
			return 1;
	}
	return 0;
}

void case_config_default(struct case_config *c)
{
	memset(c, 0, sizeof(*c));
	c->hearing_fine_person_fen = 200000;          /* 2,000 yuan ⚠️ */
	c->hearing_fine_org_fen = 1000000;            /* 10,000 yuan ⚠️ */
	c->hearing_confiscation_person_fen = 200000;  /* ⚠️ */
	c->hearing_confiscation_org_fen = 1000000;    /* ⚠️ */
	c->hearing_types = CASE_PT_HEARING_HEAVY;
	c->review_fine_person_fen = 1000000;          /* 10,000 yuan ⚠️ */
	c->review_fine_org_fen = 10000000;            /* 100,000 yuan ⚠️ */
	c->review_types = CASE_PT_HEARING_HEAVY;      /* ⚠️ */
	c->summary_fine_person_fen = 20000;           /* 200 yuan, Art 51 */
	c->summary_fine_org_fen = 300000;             /* 3,000 yuan, Art 51 */
	c->on_spot_collection_fen = 10000;            /* 100 yuan, Art 68 */
	c->statement_working_days = 5;                /* ⚠️ */
	c->due_soon_working_days = 3;
	c->crime_transfer_unit = CASE_UNIT_CALENDAR_DAYS; /* ⚠️ */
	c->payment_rolls_over = 1;                    /* ⚠️ */
	c->decision_rolls_over = 0;                   /* ⚠️ */
}

void case_snapshot_init(struct case_snapshot *s)
{
	memset(s, 0, sizeof(*s));
}

/* ---- rule helpers ---- */

static int add_years(struct zdate d, int n, struct zdate *r)
{
	struct zdate x = { d.y + n, d.m, d.d };
	int dim = zdate_days_in_month(x.y, x.m);

	if (x.d > dim)
		x.d = dim;
	if (!zdate_valid(x))
		return -1;
	*r = x;
	return 0;
}

static int add_months(struct zdate d, int n, struct zdate *r)
{
	int m0 = d.m - 1 + n;
	struct zdate x = { d.y + m0 / 12, m0 % 12 + 1, d.d };
	int dim = zdate_days_in_month(x.y, x.m);

	if (x.d > dim)
		x.d = dim;
	if (!zdate_valid(x))
		return -1;
	*r = x;
	return 0;
}

int case_limitation_last_day(const struct case_snapshot *s, struct zdate *last_r, int *years_r)
{
	struct zdate start = case_date_set(s->violation_end) ? s->violation_end : s->violation;
	int years = 2;

	if (!case_date_set(start) || !zdate_valid(start))
		return -1;
	if (s->limitation_years_override > 0)
		years = s->limitation_years_override;
	else if (s->limitation_category != CASE_LIMIT_ORDINARY && s->harmful_consequences)
		years = 5;
	if (add_years(start, years, last_r) != 0)
		return -1;
	if (years_r)
		*years_r = years;
	return 0;
}

int case_hearing_right(const struct case_config *cfg, enum case_party_type t,
		       const struct case_penalty *p)
{
	int org = t == CASE_PARTY_ORG;
	int64_t fine_min = org ? cfg->hearing_fine_org_fen : cfg->hearing_fine_person_fen;
	int64_t conf_min = org ? cfg->hearing_confiscation_org_fen : cfg->hearing_confiscation_person_fen;

	if (p->types & cfg->hearing_types)
		return 1;
	if ((p->types & CASE_PT_FINE) && fine_min > 0 && p->fine_fen >= fine_min)
		return 1;
	if ((p->types & (CASE_PT_CONFISCATE_GAINS | CASE_PT_CONFISCATE_PROPERTY)) && conf_min > 0 &&
	    p->confiscation_fen >= conf_min)
		return 1;
	return 0;
}

unsigned case_legal_review_triggers(const struct case_config *cfg, const struct case_snapshot *s)
{
	unsigned r = 0;
	int64_t min = s->party_type == CASE_PARTY_ORG ? cfg->review_fine_org_fen
						      : cfg->review_fine_person_fen;

	if (s->major_public_interest)
		r |= CASE_REVIEW_PUBLIC_INTEREST;
	if (s->hearing_held)
		r |= CASE_REVIEW_AFTER_HEARING;
	if (s->complex_case || s->several_legal_relationships)
		r |= CASE_REVIEW_COMPLEX;
	if (s->other_law_requires_review)
		r |= CASE_REVIEW_OTHER_LAW;
	if (min > 0 && (s->intended.types & CASE_PT_FINE) && s->intended.fine_fen >= min)
		r |= CASE_REVIEW_AMOUNT;
	if (s->intended.types & cfg->review_types)
		r |= CASE_REVIEW_TYPE;
	return r;
}

int case_collective_discussion_needed(const struct case_snapshot *s)
{
	return s->complex_case || s->major_violation || s->collective_discussion_required;
}

int case_summary_eligible(const struct case_config *cfg, enum case_party_type t,
			  const struct case_penalty *p, enum case_req *why_r)
{
	int64_t cap = t == CASE_PARTY_ORG ? cfg->summary_fine_org_fen : cfg->summary_fine_person_fen;

	if (!case_penalty_valid(p) || (p->types & ~(unsigned)(CASE_PT_WARNING | CASE_PT_FINE)) ||
	    p->confiscation_fen != 0) {
		if (why_r)
			*why_r = CR_SUMMARY_PENALTY_TYPE;
		return 0;
	}
	if (p->fine_fen > cap) {
		if (why_r)
			*why_r = CR_SUMMARY_FINE_LIMIT;
		return 0;
	}
	return 1;
}

/* Age in whole years on day d of a person born on b (a birthday counts from that day). */
static int age_on(struct zdate b, struct zdate d)
{
	int age = d.y - b.y;

	if (d.m < b.m || (d.m == b.m && d.d < b.d))
		age--;
	return age;
}

static int party_age(const struct case_snapshot *s, int *age_r)
{
	if (s->party_type != CASE_PARTY_PERSON || !case_date_set(s->party_birth) ||
	    !case_date_set(s->violation) || !zdate_valid(s->party_birth) || !zdate_valid(s->violation))
		return -1;
	*age_r = age_on(s->party_birth, s->violation);
	return 0;
}

static struct zdate discovery_day(const struct case_snapshot *s)
{
	if (case_date_set(s->discovery))
		return s->discovery;
	if (case_date_set(s->filing))
		return s->filing;
	return s->today;
}

unsigned case_no_penalty_grounds(const struct case_snapshot *s)
{
	unsigned r = 0;
	struct zdate last;
	int age;

	if (party_age(s, &age) == 0 && age < 14)
		r |= CASE_NP_UNDER_14;
	if (s->lacks_capacity)
		r |= CASE_NP_LACKS_CAPACITY;
	if (s->minor_violation && s->corrected_promptly && s->harm == CASE_HARM_NONE)
		r |= CASE_NP_MINOR_CORRECTED;
	if (s->first_violation && s->corrected_promptly && s->harm == CASE_HARM_MINOR)
		r |= CASE_NP_FIRST_MINOR_HARM;
	if (s->no_fault_proven)
		r |= CASE_NP_NO_FAULT;
	if (case_limitation_last_day(s, &last, NULL) == 0 && zdate_cmp(discovery_day(s), last) > 0)
		r |= CASE_NP_LIMITATION;
	if (s->facts_not_established)
		r |= CASE_NP_FACTS;
	return r;
}

int case_must_mitigate_minor(const struct case_snapshot *s)
{
	int age;

	return party_age(s, &age) == 0 && age >= 14 && age < 18;
}

static int periods_overlap(struct zdate a0, struct zdate a1, struct zdate b0, struct zdate b1)
{
	if (!case_date_set(a1))
		a1 = a0;
	if (!case_date_set(b1))
		b1 = b0;
	return zdate_cmp(a0, b1) <= 0 && zdate_cmp(b0, a1) <= 0;
}

const struct case_prior_fine *case_same_act_fine(const struct case_prior_fine *prior, size_t n,
						 const char *party_id, const char *item_code,
						 struct zdate from, struct zdate to)
{
	size_t i;

	if (!prior || !party_id || !item_code || !case_date_set(from))
		return NULL;
	for (i = 0; i < n; i++) {
		const struct case_prior_fine *p = &prior[i];

		if (p->fine_fen <= 0 || !p->party_id || !p->item_code || !case_date_set(p->from))
			continue;
		if (strcmp(p->party_id, party_id) == 0 && strcmp(p->item_code, item_code) == 0 &&
		    periods_overlap(p->from, p->to, from, to))
			return p;
	}
	return NULL;
}

/* ---- case numbers ---- */

int case_number_format(const char *agency_short, enum case_number_kind kind, int year,
		       long serial, char *out, size_t outlen, struct zerr *e)
{
	static const char *const kinds[] = {
		[CASE_NO_PENALTY_DECISION] = "罚",
		[CASE_NO_SUMMARY] = "简罚",
		[CASE_NO_FILING] = "立",
		[CASE_NO_NO_PENALTY] = "不罚",
		[CASE_NO_REFERRAL] = "移",
	};
	size_t len, i;
	int n;

	if (out && outlen)
		out[0] = '\0';
	if (!out || !outlen)
		return zerr_set(e, 400, "invalid_case_number", "案号缓冲区为空 (no output buffer)");
	len = agency_short ? strlen(agency_short) : 0;
	if (len == 0 || len > 48)
		return zerr_set(e, 400, "invalid_case_number",
				"机关简称须为 1–48 字节 (agency short name: 1 to 48 bytes)");
	for (i = 0; i < len; i++)
		if ((unsigned char)agency_short[i] <= 0x20 || agency_short[i] == 0x7f)
			return zerr_set(e, 400, "invalid_case_number",
					"机关简称不能含空格或控制字符 (no spaces or control characters)");
	if (strstr(agency_short, "〔") || strstr(agency_short, "〕"))
		return zerr_set(e, 400, "invalid_case_number",
				"机关简称不能含六角括号〔〕 (no 〔〕 in the short name)");
	if (kind < CASE_NO_PENALTY_DECISION || kind > CASE_NO_REFERRAL)
		return zerr_set(e, 400, "invalid_case_number", "未知的文书种类 (unknown kind)");
	if (year < ZDATE_MIN_YEAR || year > ZDATE_MAX_YEAR)
		return zerr_set(e, 400, "invalid_case_number", "年份超出范围 (year out of range)");
	if (serial < 1 || serial > 9999999)
		return zerr_set(e, 400, "invalid_case_number",
				"序号须为 1–9999999 (serial: 1 to 9999999)");
	n = snprintf(out, outlen, "%s%s〔%d〕%ld号", agency_short, kinds[kind], year, serial);
	if (n < 0 || (size_t)n >= outlen) {
		out[0] = '\0';
		return zerr_set(e, 400, "invalid_case_number", "案号缓冲区太小 (buffer too small)");
	}
	return 0;
}

/* ---- guards ---- */

struct gctx {
	const struct case_config *cfg;
	struct calendar *cal;
	const struct case_snapshot *s;
	enum case_action a;
	int provisional;
};

typedef int (*guard_fn)(struct gctx *c, char *dt, size_t n);

static const char *ds(struct zdate d, char buf[ZDATE_STRLEN])
{
	if (!case_date_set(d) || !zdate_valid(d))
		return "（未填写）";
	return zdate_format(d, buf);
}

static int date_ok(struct zdate d)
{
	return case_date_set(d) && zdate_valid(d);
}

/* The n-th working day after d, on the calendar; -1 when there is no calendar. */
static int wd_add(struct gctx *c, struct zdate d, int n, struct zdate *r)
{
	int p = 0;

	if (!c->cal || !date_ok(d) || calendar_add_working_days(c->cal, d, n, r, &p) != 0)
		return -1;
	if (p)
		c->provisional = 1;
	return 0;
}

/* The day the action takes effect: the decision date for decisions, else today. */
static struct zdate act_day(const struct gctx *c)
{
	if ((c->a == CA_DECIDE_PENALTY || c->a == CA_DECIDE_NO_PENALTY ||
	     c->a == CA_DECIDE_ON_THE_SPOT) && case_date_set(c->s->decision))
		return c->s->decision;
	return c->s->today;
}

static int has_text(const char *p)
{
	for (; p && *p; p++)
		if (*p != ' ' && *p != '\t' && *p != '\n' && *p != '\r')
			return 1;
	return 0;
}

static int g_reason(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return has_text(c->s->reason);
}

static int g_previous(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return c->s->previous_state > CASE_STATE_NONE && c->s->previous_state < CASE_STATE__COUNT;
}

static int g_submitter(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return c->s->submitted_by != 0 && c->s->submitted_by == c->s->actor.user_id;
}

static int g_not_acted_on(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return !c->s->submission_acted_on;
}

static int g_limitation(struct gctx *c, char *dt, size_t n)
{
	struct zdate last, found = discovery_day(c->s);
	char a[ZDATE_STRLEN], b[ZDATE_STRLEN];
	int years;

	if (case_limitation_last_day(c->s, &last, &years) != 0) {
		snprintf(dt, n, "请填写违法行为发生日期");
		return 0;
	}
	if (!date_ok(found) || zdate_cmp(found, last) > 0) {
		snprintf(dt, n, "%d年追责期限至%s届满，发现之日为%s", years, ds(last, a), ds(found, b));
		return 0;
	}
	return 1;
}

static int g_filing_date(struct gctx *c, char *dt, size_t n)
{
	const struct case_snapshot *s = c->s;
	char a[ZDATE_STRLEN];

	if (!date_ok(s->filing)) {
		snprintf(dt, n, "请填写立案日期");
		return 0;
	}
	if (zdate_cmp(s->filing, s->today) > 0) {
		snprintf(dt, n, "立案日期%s晚于今天", ds(s->filing, a));
		return 0;
	}
	if ((date_ok(s->violation) && zdate_cmp(s->filing, s->violation) < 0) ||
	    (date_ok(s->discovery) && zdate_cmp(s->filing, s->discovery) < 0)) {
		snprintf(dt, n, "立案日期%s早于违法行为发生或发现日期", ds(s->filing, a));
		return 0;
	}
	return 1;
}

static int g_investigators(struct gctx *c, char *dt, size_t n)
{
	size_t i, ok = 0;

	for (i = 0; i < c->s->n_investigators && i < CASE_INVESTIGATORS_MAX; i++)
		if (!c->s->investigators[i].auxiliary && c->s->investigators[i].certificate_valid)
			ok++;
	if (ok < 2) {
		snprintf(dt, n, "持有效执法证件的承办人员现有%zu名", ok);
		return 0;
	}
	return 1;
}

static int g_pres_approved(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return c->s->preservation_approved;
}

static int g_pres_open(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return case_date_set(c->s->preservation_on) && !c->s->preservation_decided;
}

static int g_pres_decided(struct gctx *c, char *dt, size_t n)
{
	char a[ZDATE_STRLEN];

	if (case_date_set(c->s->preservation_on) && !c->s->preservation_decided) {
		snprintf(dt, n, "%s登记保存的证据尚未作出处理决定", ds(c->s->preservation_on, a));
		return 0;
	}
	return 1;
}

static int g_records_made(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return c->s->records && c->s->n_records > 0;
}

static size_t officers_on(const struct case_record *r)
{
	size_t i, k = 0;

	for (i = 0; i < r->n_officers && i < CASE_RECORD_OFFICERS_MAX; i++)
		if (!r->officers[i].auxiliary)
			k++;
	return k;
}

static int g_two_officers(struct gctx *c, char *dt, size_t n)
{
	char a[ZDATE_STRLEN];
	size_t i;

	for (i = 0; c->s->records && i < c->s->n_records; i++) {
		size_t k = officers_on(&c->s->records[i]);

		if (k < 2) {
			snprintf(dt, n, "第%zu份笔录（%s）只有%zu名执法人员", i + 1,
				 ds(c->s->records[i].date, a), k);
			return 0;
		}
	}
	return 1;
}

static int g_certs_valid(struct gctx *c, char *dt, size_t n)
{
	char a[ZDATE_STRLEN];
	size_t i, j;

	for (i = 0; c->s->records && i < c->s->n_records; i++) {
		const struct case_record *r = &c->s->records[i];

		for (j = 0; j < r->n_officers && j < CASE_RECORD_OFFICERS_MAX; j++)
			if (!r->officers[j].auxiliary && !r->officers[j].certificate_valid) {
				snprintf(dt, n, "第%zu份笔录（%s）的执法人员（用户%lld）当日证件无效",
					 i + 1, ds(r->date, a), (long long)r->officers[j].user_id);
				return 0;
			}
	}
	return 1;
}

static int g_intended(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return case_penalty_valid(&c->s->intended);
}

static int g_notice_date(struct gctx *c, char *dt, size_t n)
{
	const struct case_snapshot *s = c->s;
	char a[ZDATE_STRLEN];

	if (!date_ok(s->notice) || zdate_cmp(s->notice, s->today) > 0 ||
	    (date_ok(s->filing) && zdate_cmp(s->notice, s->filing) < 0)) {
		snprintf(dt, n, "告知书送达日期%s须在立案之后、不晚于今天", ds(s->notice, a));
		return 0;
	}
	return 1;
}

static int g_prior_notice(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return date_ok(c->s->notice) && case_penalty_valid(&c->s->notified);
}

static int g_statement(struct gctx *c, char *dt, size_t n)
{
	const struct case_snapshot *s = c->s;
	char a[ZDATE_STRLEN];
	struct zdate end;

	if (s->statement_waived || s->statement_received)
		return 1;
	if (!date_ok(s->notice)) {
		snprintf(dt, n, "尚未事先告知");
		return 0;
	}
	if (wd_add(c, s->notice, c->cfg->statement_working_days, &end) != 0) {
		snprintf(dt, n, "calendar missing");
		return 0;
	}
	if (zdate_cmp(act_day(c), end) <= 0) {
		snprintf(dt, n, "陈述申辩期限至%s届满", ds(end, a));
		return 0;
	}
	return 1;
}

static int g_not_heavier(struct gctx *c, char *dt, size_t n)
{
	const struct case_snapshot *s = c->s;

	if (!case_penalty_valid(&s->notified) || !case_penalty_valid(&s->intended))
		return 1; /* prior_notice_given and intended_penalty_set say so */
	if (case_penalty_heavier(&s->intended, &s->notified)) {
		snprintf(dt, n, "告知：罚款%lld分、没收%lld分；拟决定：罚款%lld分、没收%lld分",
			 (long long)s->notified.fine_fen, (long long)s->notified.confiscation_fen,
			 (long long)s->intended.fine_fen, (long long)s->intended.confiscation_fen);
		return 0;
	}
	return 1;
}

static const struct case_penalty *notified_or_intended(const struct case_snapshot *s)
{
	return case_penalty_valid(&s->notified) ? &s->notified : &s->intended;
}

static int g_hearing_right(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return case_hearing_right(c->cfg, c->s->party_type, notified_or_intended(c->s));
}

static int g_hearing_in_time(struct gctx *c, char *dt, size_t n)
{
	const struct case_snapshot *s = c->s;
	struct zdate asked = case_date_set(s->hearing_requested_on) ? s->hearing_requested_on : s->today;
	char a[ZDATE_STRLEN], b[ZDATE_STRLEN];
	struct zdate end;

	if (!date_ok(s->notice)) {
		snprintf(dt, n, "尚未事先告知");
		return 0;
	}
	if (wd_add(c, s->notice, 5, &end) != 0) {
		snprintf(dt, n, "calendar missing");
		return 0;
	}
	if (!date_ok(asked) || zdate_cmp(asked, s->notice) < 0 || zdate_cmp(asked, end) > 0) {
		snprintf(dt, n, "申请期限至%s届满，申请日期为%s", ds(end, a), ds(asked, b));
		return 0;
	}
	return 1;
}

static int g_hearing_notice(struct gctx *c, char *dt, size_t n)
{
	const struct case_snapshot *s = c->s;
	char a[ZDATE_STRLEN], b[ZDATE_STRLEN], h[ZDATE_STRLEN];
	struct zdate earliest;

	if (!date_ok(s->hearing_notified_on) || !date_ok(s->hearing_date)) {
		snprintf(dt, n, "请填写听证通知日期和听证日期");
		return 0;
	}
	if (wd_add(c, s->hearing_notified_on, 7, &earliest) != 0) {
		snprintf(dt, n, "calendar missing");
		return 0;
	}
	if (zdate_cmp(s->hearing_date, earliest) < 0) {
		snprintf(dt, n, "%s通知的，听证最早可安排在%s，拟定日期为%s",
			 ds(s->hearing_notified_on, a), ds(earliest, b), ds(s->hearing_date, h));
		return 0;
	}
	return 1;
}

static int is_investigator(const struct case_snapshot *s, int64_t id)
{
	size_t i, j;

	for (i = 0; i < s->n_investigators && i < CASE_INVESTIGATORS_MAX; i++)
		if (s->investigators[i].user_id == id)
			return 1;
	for (i = 0; s->records && i < s->n_records; i++)
		for (j = 0; j < s->records[i].n_officers && j < CASE_RECORD_OFFICERS_MAX; j++)
			if (s->records[i].officers[j].user_id == id)
				return 1;
	return 0;
}

static int g_presiding(struct gctx *c, char *dt, size_t n)
{
	int64_t p = c->s->hearing_presiding_user_id;

	if (p <= 0) {
		snprintf(dt, n, "尚未指定听证主持人");
		return 0;
	}
	if (is_investigator(c->s, p)) {
		snprintf(dt, n, "指定的主持人（用户%lld）参与了本案调查", (long long)p);
		return 0;
	}
	return 1;
}

static int g_actor_presiding(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return c->s->hearing_presiding_user_id > 0 &&
	       c->s->actor.user_id == c->s->hearing_presiding_user_id;
}

static int g_hearing_date(struct gctx *c, char *dt, size_t n)
{
	char a[ZDATE_STRLEN];

	if (!date_ok(c->s->hearing_date) || zdate_cmp(c->s->today, c->s->hearing_date) < 0) {
		snprintf(dt, n, "听证日期为%s", ds(c->s->hearing_date, a));
		return 0;
	}
	return 1;
}

static int g_hearing_window(struct gctx *c, char *dt, size_t n)
{
	const struct case_snapshot *s = c->s;
	char a[ZDATE_STRLEN];
	struct zdate end;

	if (!case_hearing_right(c->cfg, s->party_type, notified_or_intended(s)))
		return 1;
	if (case_date_set(s->hearing_requested_on) || s->hearing_waived)
		return 1;
	if (!date_ok(s->notice)) {
		snprintf(dt, n, "尚未事先告知");
		return 0;
	}
	if (wd_add(c, s->notice, 5, &end) != 0) {
		snprintf(dt, n, "calendar missing");
		return 0;
	}
	if (zdate_cmp(act_day(c), end) <= 0) {
		snprintf(dt, n, "听证申请期限至%s届满", ds(end, a));
		return 0;
	}
	return 1;
}

static int g_hearing_held(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return !case_date_set(c->s->hearing_requested_on) || c->s->hearing_waived || c->s->hearing_held;
}

static int g_review_passed(struct gctx *c, char *dt, size_t n)
{
	static const struct {
		unsigned bit;
		const char *zh;
	} why[] = {
		{ CASE_REVIEW_PUBLIC_INTEREST, "涉及重大公共利益；" },
		{ CASE_REVIEW_AFTER_HEARING, "经过听证程序；" },
		{ CASE_REVIEW_COMPLEX, "疑难复杂、涉及多个法律关系；" },
		{ CASE_REVIEW_OTHER_LAW, "法律法规规定；" },
		{ CASE_REVIEW_AMOUNT, "罚款达到本机关审核标准；" },
		{ CASE_REVIEW_TYPE, "处罚种类属本机关审核目录；" },
	};
	unsigned t = case_legal_review_triggers(c->cfg, c->s);
	size_t i, off;

	if (!t || (c->s->legal_review_done && c->s->legal_review_passed))
		return 1;
	off = (size_t)snprintf(dt, n, "须审核：");
	for (i = 0; i < sizeof(why) / sizeof(why[0]) && off < n; i++)
		if (t & why[i].bit)
			off += (size_t)snprintf(dt + off, n - off, "%s", why[i].zh);
	return 0;
}

int case_reviewer_experienced(struct zdate since)
{
	struct zdate cut = { CASE_PENALTY_LAW_2021_Y, CASE_PENALTY_LAW_2021_M, CASE_PENALTY_LAW_2021_D };

	return zdate_valid(since) && zdate_cmp(since, cut) < 0;
}

static int g_reviewer(struct gctx *c, char *dt, size_t n)
{
	const struct case_actor *a = &c->s->actor;
	char b[ZDATE_STRLEN];

	if (c->a != CA_RECORD_LEGAL_REVIEW) {
		if (!c->s->legal_review_done || c->s->legal_reviewer_qualified)
			return 1;
		snprintf(dt, n, "出具法制审核意见的人员既未登记法律职业资格，也未登记2021年7月15日前从事法制审核的经历");
		return 0;
	}
	if (a->legal_qualification || a->experienced_reviewer)
		return 1;
	if (zdate_valid(a->legal_review_since))
		snprintf(dt, n, "未登记法律职业资格；登记的首次从事法制审核日期%s不早于2021年7月15日（修订后的行政处罚法施行之日），不能免除",
			 zdate_format(a->legal_review_since, b));
	else
		snprintf(dt, n, "未登记法律职业资格，也未登记2021年7月15日前从事法制审核的经历");
	return 0;
}

static int g_collective(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return !case_collective_discussion_needed(c->s) || c->s->collective_discussion_held;
}

static int g_one_fine(struct gctx *c, char *dt, size_t n)
{
	if ((c->s->intended.types & CASE_PT_FINE) && c->s->same_act_fine_case &&
	    c->s->same_act_fine_case[0]) {
		snprintf(dt, n, "已由%s处以罚款", c->s->same_act_fine_case);
		return 0;
	}
	return 1;
}

static int g_age14(struct gctx *c, char *dt, size_t n)
{
	int age;

	if (party_age(c->s, &age) == 0 && age < 14) {
		snprintf(dt, n, "违法时%d周岁", age);
		return 0;
	}
	return 1;
}

static int g_capacity(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return !c->s->lacks_capacity;
}

static int g_not_minor(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return !(case_no_penalty_grounds(c->s) & CASE_NP_MINOR_CORRECTED);
}

static int g_fault(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return !c->s->no_fault_proven;
}

/* Appends "、name" (or name) to dt when v is empty; 1 when v is set. */
static int setting_named(const char *v, const char *name, char *dt, size_t n)
{
	size_t k = strlen(dt);

	if (v[0])
		return 1;
	snprintf(dt + k, n - k, "%s%s", k ? "、" : "未设置：", name);
	return 0;
}

/* Art 59(4), Art 67: a decision that imposes a fine names where it is paid (罚缴分离); the
 * agency's own bank and account, never a placeholder. */
static int g_payment_settings(struct gctx *c, char *dt, size_t n)
{
	int ok = 1;

	if (!(c->s->intended.types & CASE_PT_FINE) || c->s->intended.fine_fen <= 0)
		return 1;
	ok &= setting_named(c->cfg->pay_bank, "代收罚款银行", dt, n);
	ok &= setting_named(c->cfg->pay_account_name, "收款户名", dt, n);
	ok &= setting_named(c->cfg->pay_account_no, "收款账号", dt, n);
	return ok;
}

/* Art 59(5); 行政复议法 (2023) Art 20 para 2: the decision names the 复议机关 and the court. */
static int g_remedy_settings(struct gctx *c, char *dt, size_t n)
{
	int ok = 1;

	ok &= setting_named(c->cfg->reconsideration_body, "行政复议机关", dt, n);
	ok &= setting_named(c->cfg->court, "有管辖权的人民法院", dt, n);
	return ok;
}

/* Art 34: where a benchmark of the item is in force at the violation, a decision applies
 * it, so the step must give its circumstances (the API evaluates them, cases.md §10). */
static int g_discretion(struct gctx *c, char *dt, size_t n)
{
	char vd[ZDATE_STRLEN];

	if (!has_text(c->s->discretion_benchmark) || c->s->discretion_circumstances_given)
		return 1;
	snprintf(dt, n, "裁量基准 %s 版（违法行为发生于%s）", c->s->discretion_benchmark,
		 case_date_set(c->s->violation) ? zdate_format(c->s->violation, vd) : "—");
	return 0;
}

static int g_facts(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return !c->s->facts_not_established;
}

static int g_np_ground(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return case_no_penalty_grounds(c->s) != 0;
}

static int g_summary_type(struct gctx *c, char *dt, size_t n)
{
	enum case_req why = CR_NONE;

	(void)dt, (void)n;
	return case_summary_eligible(c->cfg, c->s->party_type, &c->s->intended, &why) ||
	       why != CR_SUMMARY_PENALTY_TYPE;
}

static int g_summary_fine(struct gctx *c, char *dt, size_t n)
{
	int64_t cap = c->s->party_type == CASE_PARTY_ORG ? c->cfg->summary_fine_org_fen
							 : c->cfg->summary_fine_person_fen;

	if (c->s->intended.fine_fen > cap) {
		snprintf(dt, n, "上限%lld分，拟罚款%lld分", (long long)cap,
			 (long long)c->s->intended.fine_fen);
		return 0;
	}
	return 1;
}

static int g_actor_cert(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return c->s->actor.certificate_valid;
}

static int g_decision_date(struct gctx *c, char *dt, size_t n)
{
	const struct case_snapshot *s = c->s;
	struct zdate d = act_day(c);
	char a[ZDATE_STRLEN];

	if (!date_ok(d) || zdate_cmp(d, s->today) > 0 ||
	    (date_ok(s->notice) && zdate_cmp(d, s->notice) < 0) ||
	    (date_ok(s->filing) && zdate_cmp(d, s->filing) < 0) ||
	    (date_ok(s->violation) && zdate_cmp(d, s->violation) < 0)) {
		snprintf(dt, n, "决定日期%s", ds(d, a));
		return 0;
	}
	return 1;
}

static int g_service_date(struct gctx *c, char *dt, size_t n)
{
	const struct case_snapshot *s = c->s;
	char a[ZDATE_STRLEN];

	if (!date_ok(s->service) || zdate_cmp(s->service, s->today) > 0 ||
	    (date_ok(s->decision) && zdate_cmp(s->service, s->decision) < 0)) {
		snprintf(dt, n, "送达日期%s", ds(s->service, a));
		return 0;
	}
	return 1;
}

static int money_due(const struct case_snapshot *s)
{
	return s->intended.fine_fen > 0 || s->intended.confiscation_fen > 0;
}

int64_t case_money_owed(const struct case_snapshot *s, int64_t *principal_r, int64_t *late_fee_r)
{
	int64_t p = 0, f = 0;

	if (money_due(s) && !s->fine_paid)
		p = (s->intended.fine_fen > 0 ? s->intended.fine_fen : 0) +
		    (s->intended.confiscation_fen > 0 ? s->intended.confiscation_fen : 0);
	if (s->late_fee_due_fen > 0 && !s->late_fee_paid)
		f = s->late_fee_due_fen;
	if (principal_r)
		*principal_r = p;
	if (late_fee_r)
		*late_fee_r = f;
	return p + f;
}

int case_money_settled(const struct case_snapshot *s)
{
	return case_money_owed(s, NULL, NULL) == 0;
}

const char *case_fen_yuan(int64_t fen, char *b, size_t n)
{
	char digits[32], *o = b;
	int len, i;
	size_t left = n;
	int64_t a = fen < 0 ? -fen : fen;

	if (n < 24) {
		if (n)
			b[0] = 0;
		return b;
	}
	if (fen < 0) {
		*o++ = '-';
		left--;
	}
	snprintf(digits, sizeof(digits), "%lld", (long long)(a / 100));
	len = (int)strlen(digits);
	for (i = 0; i < len && left > 12; i++) {
		*o++ = digits[i];
		left--;
		if ((len - i - 1) % 3 == 0 && i + 1 < len) {
			*o++ = ',';
			left--;
		}
	}
	snprintf(o, left, ".%02lld元", (long long)(a % 100));
	return b;
}

/* What is owed, for an unmet detail: "罚款（没收）款项1,000.00元未缴纳；加处罚款
 * 30.00元未缴纳（行政处罚法第七十二条第一款）". */
static void owed_detail(const struct case_snapshot *s, char *dt, size_t n)
{
	int64_t p, f;
	char a[48], b[48];

	case_money_owed(s, &p, &f);
	if (p && f)
		snprintf(dt, n, "罚款（没收）款项%s、加处罚款%s未缴纳（行政处罚法第六十六条第一款、第七十二条第一款）",
			 case_fen_yuan(p, a, sizeof(a)), case_fen_yuan(f, b, sizeof(b)));
	else if (p)
		snprintf(dt, n, "罚款（没收）款项%s未缴纳（行政处罚法第六十六条第一款）", case_fen_yuan(p, a, sizeof(a)));
	else if (f)
		snprintf(dt, n, "加处罚款%s未缴纳（行政处罚法第七十二条第一款）", case_fen_yuan(f, b, sizeof(b)));
}

static int g_money_owed(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return !case_money_settled(c->s);
}

static int g_fine_imposed(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return money_due(c->s);
}

static int g_payment_passed(struct gctx *c, char *dt, size_t n)
{
	char a[ZDATE_STRLEN];

	if (!date_ok(c->s->payment_due) || zdate_cmp(c->s->today, c->s->payment_due) <= 0) {
		snprintf(dt, n, "缴款期限至%s", ds(c->s->payment_due, a));
		return 0;
	}
	return 1;
}

static int g_party_applied(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return c->s->party_applied_deferral;
}

static int g_instalment_not_last(struct gctx *c, char *dt, size_t n)
{
	if (c->s->instalments_unpaid >= 2)
		return 1;
	snprintf(dt, n, "尚未缴纳%d期", c->s->instalments_unpaid);
	return 0;
}

int case_demand_last_day(struct calendar *cal, struct zdate served, struct zdate *last_r, int *provisional_r)
{
	int p = 0;

	if (!cal || !date_ok(served) ||
	    calendar_add_working_days(cal, served, CASE_DEMAND_WORKING_DAYS, last_r, &p) != 0)
		return -1;
	if (provisional_r)
		*provisional_r = p;
	return 0;
}

static int g_demand_period(struct gctx *c, char *dt, size_t n)
{
	char a[ZDATE_STRLEN];
	struct zdate end;
	int p = 0;

	if (!date_ok(c->s->demand_served)) {
		snprintf(dt, n, "尚未送达催告书");
		return 0;
	}
	if (case_demand_last_day(c->cal, c->s->demand_served, &end, &p) != 0) {
		snprintf(dt, n, "calendar missing");
		return 0;
	}
	if (p)
		c->provisional = 1;
	if (zdate_cmp(c->s->today, end) <= 0) {
		snprintf(dt, n, "催告期限至%s届满", ds(end, a));
		return 0;
	}
	return 1;
}

static int g_remedy_expired(struct gctx *c, char *dt, size_t n)
{
	char a[ZDATE_STRLEN];
	struct zdate end;

	if (c->s->remedy_pending) {
		snprintf(dt, n, "复议或诉讼尚未终结");
		return 0;
	}
	if (!date_ok(c->s->service) || add_months(c->s->service, 6, &end) != 0) {
		snprintf(dt, n, "请填写决定书送达日期");
		return 0;
	}
	if (zdate_cmp(c->s->today, end) <= 0) {
		snprintf(dt, n, "起诉期限至%s届满", ds(end, a));
		return 0;
	}
	return 1;
}

static int g_remedy_pending(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return c->s->remedy_pending;
}

static int g_remedy_not_pending(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return !c->s->remedy_pending;
}

static int g_fully_performed(struct gctx *c, char *dt, size_t n)
{
	if (case_money_settled(c->s))
		return 1;
	owed_detail(c->s, dt, n);
	return 0;
}

static int g_no_fine_outstanding(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return !money_due(c->s) || c->s->fine_paid;
}

/* Concluded when recorded so, or when everything the enforcement was to collect (the
 * fine and the late fee) has been paid. */
static int g_enf_concluded(struct gctx *c, char *dt, size_t n)
{
	if (c->s->enforcement_concluded || case_money_settled(c->s))
		return 1;
	owed_detail(c->s, dt, n);
	return 0;
}

static int g_transfer_report(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return c->s->transfer_report_made;
}

static int g_transfer_receipt(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return c->s->transfer_receipt_recorded;
}

static int g_referred_in(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return c->s->referred_in;
}

static int g_referring_awaits(struct gctx *c, char *dt, size_t n)
{
	(void)dt, (void)n;
	return c->s->referring_case_awaits;
}

static int g_on_spot(struct gctx *c, char *dt, size_t n)
{
	const struct case_snapshot *s = c->s;

	if (s->procedure != CASE_PROC_SUMMARY) {
		snprintf(dt, n, "本案不是依简易程序当场作出的决定");
		return 0;
	}
	if (s->intended.fine_fen > c->cfg->on_spot_collection_fen && !s->hard_to_enforce_later) {
		snprintf(dt, n, "罚款%lld分超过%lld分", (long long)s->intended.fine_fen,
			 (long long)c->cfg->on_spot_collection_fen);
		return 0;
	}
	return 1;
}

static const struct {
	const char *code, *zh, *en, *article;
	guard_fn fn;
} reqs[CR__COUNT] = {
	[CR_STATE_ALLOWS_ACTION] = { "state_allows_action",
		"案件当前所处的环节不能进行此项操作，请按程序办理。",
		"The case's current state does not allow this action.", "", NULL },
	[CR_ROLE_PERMITTED] = { "role_permitted",
		"您的角色不能进行此项操作，请由有权限的人员办理。",
		"Your role may not perform this action.", "", NULL },
	[CR_REASON_GIVEN] = { "reason_given",
		"请填写理由：退回、撤销立案、中止、终止、移送等操作须记录理由。",
		"Give the reason; it is recorded with the step.", "行政处罚法第四十七条", g_reason },
	[CR_PREVIOUS_STEP_KNOWN] = { "previous_step_known",
		"无法确定上一环节，不能退回、撤回或恢复；请联系系统管理员。",
		"The previous step is unknown.", "", g_previous },
	[CR_ACTOR_IS_SUBMITTER] = { "actor_is_submitter",
		"只能撤回本人提交的事项。",
		"Only the person who submitted may withdraw.", "", g_submitter },
	[CR_SUBMISSION_NOT_ACTED_ON] = { "submission_not_acted_on",
		"提交的事项已开始处理，不能撤回；如需修改，请处理人退回。",
		"The submission is already being handled; ask for it to be returned.", "", g_not_acted_on },
	[CR_WITHIN_LIMITATION] = { "within_limitation",
		"违法行为在二年内（涉及公民生命健康安全、金融安全且有危害后果的，五年内）未被发现的，不再给予行政处罚；期限从违法行为发生之日起计算，连续或者继续状态的从行为终了之日起计算。请核对违法行为日期和发现日期。",
		"Not discovered within 2 years (5 for life/health/safety or financial security with harm) of the act or its end: no penalty.",
		"行政处罚法第三十六条", g_limitation },
	[CR_FILING_DATE_VALID] = { "filing_date_valid",
		"立案日期须填写，不得早于违法行为发生日期或发现日期，不得晚于今天。",
		"The filing date must be set, not before the violation or discovery, not in the future.",
		"", g_filing_date },
	[CR_INVESTIGATORS_QUALIFIED] = { "investigators_qualified",
		"请指派不少于两名持有有效行政执法证件的执法人员承办（辅助人员不计入）。",
		"Assign at least two officers with valid enforcement certificates.",
		"行政处罚法第四十二条第一款", g_investigators },
	[CR_PRESERVATION_APPROVED] = { "preservation_approved",
		"先行登记保存证据须经行政机关负责人批准，请先报批。",
		"Preservation of evidence needs the agency head's approval.",
		"行政处罚法第五十六条", g_pres_approved },
	[CR_PRESERVATION_OPEN] = { "preservation_open",
		"本案没有尚待处理的先行登记保存证据。",
		"There is no preserved evidence awaiting a decision.", "行政处罚法第五十六条", g_pres_open },
	[CR_PRESERVATION_DECIDED] = { "preservation_decided",
		"对先行登记保存的证据，应当在七个工作日内及时作出处理决定；请先作出处理决定。",
		"Decide on the preserved evidence (within 7 working days) first.",
		"行政处罚法第五十六条", g_pres_decided },
	[CR_RECORDS_MADE] = { "records_made",
		"询问或者检查应当制作笔录；请先录入现场检查笔录或询问笔录。",
		"At least one inspection or inquiry record is needed.",
		"行政处罚法第五十五条第二款", g_records_made },
	[CR_TWO_OFFICERS_PER_RECORD] = { "two_officers_per_record",
		"每份检查、询问笔录的执法人员不得少于两人（辅助人员不计入）；请补正笔录。",
		"Every inspection or inquiry record needs at least two officers.",
		"行政处罚法第四十二条第一款", g_two_officers },
	[CR_OFFICER_CERTIFICATES_VALID] = { "officer_certificates_valid",
		"笔录上的每名执法人员在笔录当日须持有有效的行政执法证件并出示；请核对证件。",
		"Every officer on a record must have held a valid certificate on its date.",
		"行政处罚法第四十二条第一款、第五十五条第一款", g_certs_valid },
	[CR_INTENDED_PENALTY_SET] = { "intended_penalty_set",
		"请确定拟作出的处罚种类；罚款、没收金额以分为单位，为非负整数，选择罚款时金额须大于零。",
		"Set the intended penalty: types, and amounts in whole fen.",
		"行政处罚法第四十四条", g_intended },
	[CR_NOTICE_DATE_VALID] = { "notice_date_valid",
		"请填写事先告知书送达日期：须在立案之后，不得晚于今天。",
		"The prior notice's service date must be after filing and not in the future.",
		"", g_notice_date },
	[CR_PRIOR_NOTICE_GIVEN] = { "prior_notice_given",
		"作出行政处罚决定之前，应当告知当事人拟作出的处罚内容及事实、理由、依据，并告知陈述、申辩、要求听证等权利。",
		"Notify the party of the intended penalty, facts, reasons, basis and rights first.",
		"行政处罚法第四十四条、第六十二条", g_prior_notice },
	[CR_STATEMENT_HEARD_OR_WAIVED] = { "statement_heard_or_waived",
		"应当充分听取当事人的陈述、申辩：请待陈述申辩期限届满，或记录当事人的陈述申辩或书面放弃后再办理。",
		"Wait for the statement and defence period to end, or record the statement or the waiver.",
		"行政处罚法第四十五条第一款、第六十二条", g_statement },
	[CR_NOT_HEAVIER_THAN_NOTIFIED] = { "not_heavier_than_notified",
		"不得因当事人陈述、申辩而给予更重的处罚：拟决定的罚款或没收金额高于告知的，或增加了更重的处罚种类。如有新的事实、理由，须重新告知。",
		"The decision may not be heavier than the notified penalty; re-notify if new facts require it.",
		"行政处罚法第四十五条第二款", g_not_heavier },
	[CR_HEARING_RIGHT] = { "hearing_right",
		"拟作出的处罚不属于当事人可以要求听证的范围（较大数额罚款、没收较大数额违法所得或较高价值非法财物、降低资质等级、吊销许可证件、责令停产停业、责令关闭、限制从业等）。",
		"The intended penalty does not give a right to a hearing.",
		"行政处罚法第六十三条第一款", g_hearing_right },
	[CR_HEARING_REQUEST_IN_TIME] = { "hearing_request_in_time",
		"当事人要求听证的，应当在行政机关告知后五个工作日内提出；逾期未提出的，视为放弃听证。",
		"A hearing must be requested within 5 working days of the notice.",
		"行政处罚法第六十四条第一项", g_hearing_in_time },
	[CR_HEARING_NOTICE_SEVEN_DAYS] = { "hearing_notice_seven_days",
		"应当在举行听证的七个工作日前，通知当事人及有关人员听证的时间、地点；请推迟听证日期或尽早通知。",
		"Notify the time and place at least 7 working days before the hearing.",
		"行政处罚法第六十四条第二项", g_hearing_notice },
	[CR_PRESIDING_NOT_INVESTIGATOR] = { "presiding_not_investigator",
		"听证由行政机关指定的非本案调查人员主持；请另行指定主持人。",
		"The presiding officer must not be one of the case's investigators.",
		"行政处罚法第六十四条第四项", g_presiding },
	[CR_ACTOR_IS_PRESIDING] = { "actor_is_presiding",
		"听证须由指定的主持人主持并记录。",
		"Only the designated presiding officer may hold the hearing.",
		"行政处罚法第六十四条第四项", g_actor_presiding },
	[CR_HEARING_DATE_REACHED] = { "hearing_date_reached",
		"尚未到通知的听证日期。",
		"The hearing date has not come yet.", "行政处罚法第六十四条第二项", g_hearing_date },
	[CR_HEARING_REQUEST_WINDOW_CLOSED] = { "hearing_request_window_closed",
		"当事人有权要求听证：在告知后五个工作日的申请期限届满前（当事人书面放弃的除外）不得进入决定环节。",
		"Wait until the 5-working-day hearing request period has ended (unless waived).",
		"行政处罚法第六十三条第一款、第六十四条第一项", g_hearing_window },
	[CR_HEARING_HELD_IF_REQUESTED] = { "hearing_held_if_requested",
		"当事人要求听证的，应当组织听证，并根据听证笔录作出决定。",
		"The requested hearing must be held before the decision.",
		"行政处罚法第六十三条第一款、第六十五条", g_hearing_held },
	[CR_LEGAL_REVIEW_PASSED] = { "legal_review_passed",
		"本案应当进行法制审核；未经法制审核或者审核未通过的，不得作出决定。请提交法制审核。",
		"Legal review is required and must pass before the decision.",
		"行政处罚法第五十八条第一款", g_review_passed },
	[CR_REVIEWER_LEGALLY_QUALIFIED] = { "reviewer_legally_qualified",
		"初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格；请由具备资格的人员审核。",
		"A first-time legal reviewer must hold the national legal professional qualification.",
		"行政处罚法第五十八条第二款", g_reviewer },
	[CR_COLLECTIVE_DISCUSSION_HELD] = { "collective_discussion_held",
		"情节复杂或者重大违法行为给予行政处罚，行政机关负责人应当集体讨论决定；请提请集体讨论。",
		"Complex or major cases are decided by the agency's leaders collectively.",
		"行政处罚法第五十七条第二款", g_collective },
	[CR_ONE_FINE_PER_ACT] = { "one_fine_per_act",
		"对当事人的同一个违法行为，不得给予两次以上罚款的行政处罚；该行为已被处以罚款。",
		"The same act of the same party has already been fined.",
		"行政处罚法第二十九条", g_one_fine },
	[CR_PARTY_AGE_14_OR_OVER] = { "party_age_14_or_over",
		"不满十四周岁的未成年人有违法行为的，不予行政处罚，责令监护人加以管教；请作出不予处罚决定。",
		"A person under 14 at the act is not penalised; the guardian is ordered to discipline.",
		"行政处罚法第三十条", g_age14 },
	[CR_PARTY_HAS_CAPACITY] = { "party_has_capacity",
		"不能辨认或者不能控制自己行为的精神病人、智力残疾人有违法行为的，不予行政处罚，责令其监护人严加看管和治疗。",
		"A person who could not recognise or control the act is not penalised.",
		"行政处罚法第三十一条", g_capacity },
	[CR_NOT_MINOR_CORRECTED_HARMLESS] = { "not_minor_corrected_harmless",
		"违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚；请作出不予处罚决定并对当事人进行教育。",
		"Minor, promptly corrected and harmless: no penalty (educate the party).",
		"行政处罚法第三十三条第一款", g_not_minor },
	[CR_FAULT_NOT_DISPROVED] = { "fault_not_disproved",
		"当事人有证据足以证明没有主观过错的，不予行政处罚（法律、行政法规另有规定的除外）。",
		"The party has proved no fault: no penalty.",
		"行政处罚法第三十三条第二款", g_fault },
	[CR_FACTS_ESTABLISHED] = { "facts_established",
		"违法事实不清、证据不足的，不得给予行政处罚；请补充调查或作出不予处罚决定。",
		"Facts unclear or evidence insufficient: no penalty.",
		"行政处罚法第四十条、第五十七条第一款第三项", g_facts },
	[CR_NO_PENALTY_GROUND] = { "no_penalty_ground",
		"不予处罚须有法定情形：不满十四周岁、不能辨认或控制自己行为、违法行为轻微并及时改正且没有危害后果、初次违法且危害后果轻微并及时改正、没有主观过错、超过追责期限或违法事实不能成立。",
		"A no-penalty decision needs a statutory ground.",
		"行政处罚法第三十条、第三十一条、第三十三条、第三十六条、第五十七条第一款", g_np_ground },
	[CR_SUMMARY_PENALTY_TYPE] = { "summary_penalty_type",
		"当场处罚（简易程序）只适用于警告或者罚款；其他处罚请按普通程序立案办理。",
		"The summary procedure covers only a warning or a fine.",
		"行政处罚法第五十一条", g_summary_type },
	[CR_SUMMARY_FINE_LIMIT] = { "summary_fine_limit",
		"当场处罚的罚款限额：对公民二百元以下，对法人或者其他组织三千元以下；超过的请按普通程序办理。",
		"On-the-spot fines: at most 200 yuan for a person, 3,000 yuan for an organisation.",
		"行政处罚法第五十一条", g_summary_fine },
	[CR_ACTOR_CERTIFICATE_VALID] = { "actor_certificate_valid",
		"执法人员当场作出行政处罚决定或者调查检查时，应当向当事人出示有效的执法证件。",
		"The acting officer needs a valid enforcement certificate.",
		"行政处罚法第五十二条第一款、第五十五条第一款", g_actor_cert },
	[CR_DECISION_DATE_VALID] = { "decision_date_valid",
		"决定日期不得早于违法行为日期、立案日期和告知书送达日期，不得晚于今天。",
		"The decision date must follow the violation, filing and notice, and not be in the future.",
		"行政处罚法第五十九条第一款第六项", g_decision_date },
	[CR_SERVICE_DATE_VALID] = { "service_date_valid",
		"送达日期不得早于决定日期，不得晚于今天。",
		"The service date must not precede the decision or be in the future.",
		"行政处罚法第六十一条", g_service_date },
	[CR_FINE_IMPOSED] = { "fine_imposed",
		"本案决定没有罚款或没收款项需要缴纳。",
		"The decision imposes no money to pay.", "行政处罚法第六十七条", g_fine_imposed },
	[CR_PAYMENT_DEADLINE_PASSED] = { "payment_deadline_passed",
		"当事人应当自收到行政处罚决定书之日起十五日内缴纳罚款；缴款期限尚未届满。",
		"The 15-day payment period has not ended.",
		"行政处罚法第六十七条第三款、第七十二条第一款", g_payment_passed },
	[CR_PARTY_APPLIED] = { "party_applied",
		"暂缓或者分期缴纳罚款须由当事人提出申请，经行政机关批准；请先登记当事人的申请。",
		"Deferral or instalments need the party's application.",
		"行政处罚法第六十六条第二款", g_party_applied },
	[CR_INSTALMENT_NOT_LAST] = { "instalment_not_last",
		"这是最后一期（或已无未缴的分期）：请用“登记缴款”办理，缴清后进入已缴纳。",
		"This is the last instalment (or none is open): record it with record_payment.",
		"行政处罚法第六十六条第二款", g_instalment_not_last },
	[CR_AGENCY_PAYMENT_SETTINGS] = { "agency_payment_settings",
		"处罚决定书应当载明罚款的履行方式和期限，当事人应到指定的银行或者通过电子支付系统缴纳罚款（罚缴分离）；请机关负责人在“机关办案设置”中填写代收罚款银行、收款户名和收款账号后再作出决定。",
		"A fine decision must name where the fine is paid: set the agency's bank, account name and account number in its case configuration.",
		"行政处罚法第五十九条第一款第四项、第六十七条", g_payment_settings },
	[CR_AGENCY_REMEDY_SETTINGS] = { "agency_remedy_settings",
		"处罚决定书应当载明申请行政复议、提起行政诉讼的途径和期限；请机关负责人在“机关办案设置”中填写行政复议机关和有管辖权的人民法院后再作出决定。",
		"A decision must name the reconsideration body and the court: set them in the agency's case configuration.",
		"行政处罚法第五十九条第一款第五项；行政复议法第二十条第二款", g_remedy_settings },
	[CR_DISCRETION_CIRCUMSTANCES_GIVEN] = { "discretion_circumstances_given",
		"本案执法事项有施行中的行政处罚裁量基准，须逐项填写裁量情节，由系统认定适用的裁量档次和罚款幅度。",
		"The item has a discretion benchmark in force: give the circumstances, the server applies it.",
		"行政处罚法第三十四条", g_discretion },
	[CR_DEMAND_PERIOD_PASSED] = { "demand_period_passed",
		"申请人民法院强制执行前，应当催告当事人履行义务；催告书送达十个工作日后当事人仍未履行的，方可申请。",
		"Serve a demand first; apply only 10 working days after it was served.",
		"行政强制法第五十四条", g_demand_period },
	[CR_REMEDY_PERIODS_EXPIRED] = { "remedy_periods_expired",
		"当事人在法定期限内不申请行政复议或者提起行政诉讼、又不履行的，方可申请人民法院强制执行；请待复议、诉讼期限届满（或复议、诉讼终结）。",
		"Apply to the court only after the reconsideration and litigation periods have expired.",
		"行政强制法第五十三条", g_remedy_expired },
	[CR_REMEDY_PENDING] = { "remedy_pending",
		"本案没有正在进行的行政复议或行政诉讼；请先登记。",
		"No reconsideration or litigation is pending.", "", g_remedy_pending },
	[CR_REMEDY_NOT_PENDING] = { "remedy_not_pending",
		"本案已有正在进行的行政复议或行政诉讼。",
		"A reconsideration or litigation is already pending.", "", g_remedy_not_pending },
	[CR_FULLY_PERFORMED] = { "fully_performed",
		"罚款（没收款项）及加处罚款须全部缴清后才能结案。",
		"The fine and any late fee must be paid in full.", "行政处罚法第六十六条第一款、第七十二条", g_fully_performed },
	[CR_NO_FINE_OUTSTANDING] = { "no_fine_outstanding",
		"本案有罚款或没收款项尚未缴纳；请先登记缴款。",
		"Money is still owed; record the payment first.", "行政处罚法第六十六条第一款", g_no_fine_outstanding },
	[CR_ENFORCEMENT_CONCLUDED] = { "enforcement_concluded",
		"人民法院强制执行尚未终结；请登记执行结果。",
		"The court enforcement has not concluded.", "行政强制法第五十三条", g_enf_concluded },
	[CR_TRANSFER_REPORT_MADE] = { "transfer_report_made",
		"移送涉嫌犯罪案件，应当由两名或者两名以上执法人员组成专案组核实情况，提出书面报告，报本机关正职负责人审批。",
		"A written report by a group of two or more officers is needed before transfer.",
		"行政执法机关移送涉嫌犯罪案件的规定第五条", g_transfer_report },
	[CR_TRANSFER_RECEIPT_RECORDED] = { "transfer_receipt_recorded",
		"请登记公安机关（司法机关）接受移送的回执或其处理结果。",
		"Record the receipt (or decision) of the judicial organ.",
		"行政执法机关移送涉嫌犯罪案件的规定第八条", g_transfer_receipt },
	[CR_ON_SPOT_COLLECTION_ALLOWED] = { "on_spot_collection_allowed",
		"当场收缴罚款仅限依简易程序当场作出的决定，且罚款一百元以下，或者不当场收缴事后难以执行。",
		"On-the-spot collection: summary decisions with a fine of 100 yuan or less, or hard to enforce later.",
		"行政处罚法第六十八条", g_on_spot },
	[CR_MONEY_OWED] = { "money_owed",
		"本案没有尚未缴纳的罚款、没收款项或加处罚款。",
		"Nothing is owed: the fine and any late fee have been paid.",
		"行政处罚法第六十六条第一款、第七十二条第一款", g_money_owed },
	[CR_LEAD_WAS_REFERRED] = { "lead_was_referred",
		"只有其他机关移送来的线索才能退回移送；本机关自行发现或受理的线索，如无管辖权，请不予立案或移送管辖。",
		"Only a lead referred by another agency can be returned to it.",
		"行政处罚法第二十二条、第二十五条", g_referred_in },
	[CR_REFERRING_CASE_AWAITS] = { "referring_case_awaits",
		"移送机关已对原案件结案，无法退回；对管辖有异议的，请与移送机关协商，协商不成的报请共同的上一级行政机关指定管辖。",
		"The referring agency has closed its case; settle the jurisdiction by consultation or designation.",
		"行政处罚法第二十五条第二款", g_referring_awaits },
};

const char *case_req_code(enum case_req r)
{
	return r > CR_NONE && r < CR__COUNT ? reqs[r].code : NULL;
}

const char *case_req_zh(enum case_req r)
{
	return r > CR_NONE && r < CR__COUNT ? reqs[r].zh : NULL;
}

const char *case_req_en(enum case_req r)
{
	return r > CR_NONE && r < CR__COUNT ? reqs[r].en : NULL;
}

const char *case_req_article(enum case_req r)
{
	return r > CR_NONE && r < CR__COUNT ? reqs[r].article : NULL;
}

/* ---- the table ---- */

#define G(...) { __VA_ARGS__, CR_NONE }

static const struct case_transition table[] = {
	/* filing */
	{ BIT(CASE_LEAD), CA_FILE_CASE, CASE_FILED, H,
	  G(CR_FILING_DATE_VALID, CR_WITHIN_LIMITATION), "行政处罚法第五十四条第二款" },
	{ BIT(CASE_LEAD), CA_DECLINE_FILING, CASE_NOT_FILED, H,
	  G(CR_REASON_GIVEN), "行政处罚法第五十四条第二款" },
	{ BIT(CASE_LEAD) | BIT(CASE_FILED) | BIT(CASE_INVESTIGATING) | BIT(CASE_REVIEW),
	  CA_REFER_JURISDICTION, CASE_REFERRED, H, G(CR_REASON_GIVEN),
	  "行政处罚法第二十二条、第二十五条" },
	/* the receiver refuses a referral back before filing it (the referring case returns
	 * to the step it was referred from, with the reason) */
	{ BIT(CASE_LEAD), CA_RETURN_REFERRAL, CASE_REFERRAL_RETURNED, H,
	  G(CR_LEAD_WAS_REFERRED, CR_REFERRING_CASE_AWAITS, CR_REASON_GIVEN),
	  "行政处罚法第二十二条、第二十五条第二款" },
	/* investigation */
	{ BIT(CASE_FILED), CA_START_INVESTIGATION, CASE_INVESTIGATING, O | H,
	  G(CR_INVESTIGATORS_QUALIFIED), "行政处罚法第四十二条第一款、第五十四条第一款" },
	{ BIT(CASE_INVESTIGATING), CA_PRESERVE_EVIDENCE, CASE_TO_SAME, O,
	  G(CR_PRESERVATION_APPROVED, CR_PRESERVATION_DECIDED, CR_ACTOR_CERTIFICATE_VALID),
	  "行政处罚法第五十六条" },
	{ BIT(CASE_INVESTIGATING) | BIT(CASE_REVIEW), CA_DECIDE_PRESERVED_EVIDENCE, CASE_TO_SAME, H,
	  G(CR_PRESERVATION_OPEN), "行政处罚法第五十六条" },
	{ BIT(CASE_INVESTIGATING), CA_SUBMIT_INVESTIGATION, CASE_REVIEW, O,
	  G(CR_RECORDS_MADE, CR_TWO_OFFICERS_PER_RECORD, CR_OFFICER_CERTIFICATES_VALID,
	    CR_PRESERVATION_DECIDED), "行政处罚法第五十五条、第五十七条第一款" },
	/* prior notice, statement, hearing */
	{ BIT(CASE_REVIEW), CA_ISSUE_PRIOR_NOTICE, CASE_NOTIFIED, O | H,
	  G(CR_INTENDED_PENALTY_SET, CR_NOTICE_DATE_VALID, CR_RECORDS_MADE,
	    CR_TWO_OFFICERS_PER_RECORD, CR_OFFICER_CERTIFICATES_VALID), "行政处罚法第四十四条" },
	{ BIT(CASE_NOTIFIED) | BIT(CASE_HEARD) | BIT(CASE_LEGAL_REVIEW) |
	  BIT(CASE_COLLECTIVE_DISCUSSION), CA_REISSUE_PRIOR_NOTICE, CASE_NOTIFIED, O | H,
	  G(CR_INTENDED_PENALTY_SET, CR_NOTICE_DATE_VALID, CR_REASON_GIVEN),
	  "行政处罚法第四十四条、第四十五条" },
	{ BIT(CASE_NOTIFIED) | BIT(CASE_HEARING_REQUESTED) | BIT(CASE_HEARING_SCHEDULED),
	  CA_RECORD_STATEMENT, CASE_TO_SAME, O, G(CR_PRIOR_NOTICE_GIVEN), "行政处罚法第四十五条第一款" },
	{ BIT(CASE_NOTIFIED), CA_RECORD_WAIVER, CASE_TO_SAME, O, G(CR_PRIOR_NOTICE_GIVEN),
	  "行政处罚法第六十二条" },
	{ BIT(CASE_NOTIFIED), CA_REQUEST_HEARING, CASE_HEARING_REQUESTED, O,
	  G(CR_PRIOR_NOTICE_GIVEN, CR_HEARING_RIGHT, CR_HEARING_REQUEST_IN_TIME),
	  "行政处罚法第六十三条第一款、第六十四条第一项" },
	{ BIT(CASE_HEARING_REQUESTED), CA_SCHEDULE_HEARING, CASE_HEARING_SCHEDULED, H,
	  G(CR_HEARING_NOTICE_SEVEN_DAYS, CR_PRESIDING_NOT_INVESTIGATOR),
	  "行政处罚法第六十四条第二项、第四项" },
	{ BIT(CASE_HEARING_SCHEDULED), CA_HOLD_HEARING, CASE_HEARD, O | L | H,
	  G(CR_ACTOR_IS_PRESIDING, CR_PRESIDING_NOT_INVESTIGATOR, CR_HEARING_DATE_REACHED),
	  "行政处罚法第六十四条、第六十五条" },
	{ BIT(CASE_HEARING_REQUESTED) | BIT(CASE_HEARING_SCHEDULED), CA_HEARING_WAIVED,
	  CASE_NOTIFIED, O, G(CR_REASON_GIVEN), "行政处罚法第六十四条第六项" },
	/* legal review, collective discussion */
	{ BIT(CASE_NOTIFIED) | BIT(CASE_HEARD), CA_SUBMIT_LEGAL_REVIEW, CASE_LEGAL_REVIEW, O,
	  G(CR_PRIOR_NOTICE_GIVEN, CR_STATEMENT_HEARD_OR_WAIVED, CR_HEARING_REQUEST_WINDOW_CLOSED,
	    CR_HEARING_HELD_IF_REQUESTED), "行政处罚法第五十八条第一款" },
	{ BIT(CASE_LEGAL_REVIEW), CA_RECORD_LEGAL_REVIEW, CASE_TO_SAME, L,
	  G(CR_REVIEWER_LEGALLY_QUALIFIED), "行政处罚法第五十八条" },
	{ BIT(CASE_NOTIFIED) | BIT(CASE_HEARD) | BIT(CASE_LEGAL_REVIEW),
	  CA_SUBMIT_COLLECTIVE_DISCUSSION, CASE_COLLECTIVE_DISCUSSION, O | L,
	  G(CR_PRIOR_NOTICE_GIVEN, CR_STATEMENT_HEARD_OR_WAIVED, CR_HEARING_REQUEST_WINDOW_CLOSED,
	    CR_HEARING_HELD_IF_REQUESTED, CR_LEGAL_REVIEW_PASSED), "行政处罚法第五十七条第二款" },
	{ BIT(CASE_COLLECTIVE_DISCUSSION), CA_RECORD_COLLECTIVE_DISCUSSION, CASE_TO_SAME, H,
	  G(CR_NONE), "行政处罚法第五十七条第二款" },
	/* decisions */
	{ ST_DECIDING, CA_DECIDE_PENALTY, CASE_DECIDED, H,
	  G(CR_PRIOR_NOTICE_GIVEN, CR_INTENDED_PENALTY_SET, CR_DECISION_DATE_VALID,
	    CR_STATEMENT_HEARD_OR_WAIVED, CR_HEARING_REQUEST_WINDOW_CLOSED,
	    CR_HEARING_HELD_IF_REQUESTED, CR_NOT_HEAVIER_THAN_NOTIFIED, CR_LEGAL_REVIEW_PASSED,
	    CR_REVIEWER_LEGALLY_QUALIFIED, CR_COLLECTIVE_DISCUSSION_HELD, CR_ONE_FINE_PER_ACT,
	    CR_WITHIN_LIMITATION, CR_PARTY_AGE_14_OR_OVER, CR_PARTY_HAS_CAPACITY,
	    CR_NOT_MINOR_CORRECTED_HARMLESS, CR_FAULT_NOT_DISPROVED, CR_FACTS_ESTABLISHED,
	    CR_AGENCY_PAYMENT_SETTINGS, CR_AGENCY_REMEDY_SETTINGS, CR_DISCRETION_CIRCUMSTANCES_GIVEN),
	  "行政处罚法第五十七条第一款第一项、第六十二条" },
	{ BIT(CASE_REVIEW) | ST_DECIDING, CA_DECIDE_NO_PENALTY, CASE_NO_PENALTY, H,
	  G(CR_NO_PENALTY_GROUND, CR_DECISION_DATE_VALID),
	  "行政处罚法第五十七条第一款第二项、第三项" },
	{ BIT(CASE_INVESTIGATING) | BIT(CASE_REVIEW) | ST_DECIDING, CA_TRANSFER_CRIMINAL,
	  CASE_TRANSFERRED_CRIMINAL, H, G(CR_TRANSFER_REPORT_MADE, CR_REASON_GIVEN),
	  "行政处罚法第二十七条第一款、第五十七条第一款第四项" },
	{ BIT(CASE_TRANSFERRED_CRIMINAL), CA_RECORD_TRANSFER_RECEIPT, CASE_TO_SAME, O | H, G(CR_NONE),
	  "行政执法机关移送涉嫌犯罪案件的规定第八条" },
	{ BIT(CASE_TRANSFERRED_CRIMINAL), CA_RESUME_AFTER_TRANSFER, CASE_INVESTIGATING, O | H,
	  G(CR_TRANSFER_RECEIPT_RECORDED, CR_REASON_GIVEN), "行政处罚法第二十七条第一款" },
	/* side exits and steps back */
	{ BIT(CASE_FILED) | BIT(CASE_INVESTIGATING) | BIT(CASE_REVIEW), CA_DISMISS_CASE,
	  CASE_DISMISSED, H, G(CR_REASON_GIVEN), "行政处罚法第五十四条第二款" },
	{ ST_PRE_DECISION, CA_SUSPEND_CASE, CASE_SUSPENDED, H, G(CR_REASON_GIVEN),
	  "行政处罚法第六十条（期限另有规定）" },
	{ ST_PRE_DECISION | BIT(CASE_SUSPENDED), CA_EXTEND_DEADLINE, CASE_TO_SAME, H,
	  G(CR_REASON_GIVEN), "行政处罚法第六十条（法律、法规、规章另有规定）" },
	{ BIT(CASE_SUSPENDED), CA_RESUME_CASE, CASE_TO_PREVIOUS, H,
	  G(CR_PREVIOUS_STEP_KNOWN, CR_REASON_GIVEN), "行政处罚法第六十条（期限另有规定）" },
	{ ST_PRE_DECISION | BIT(CASE_SUSPENDED), CA_TERMINATE_CASE, CASE_TERMINATED, H,
	  G(CR_REASON_GIVEN), "行政处罚法第五十七条第一款" },
	{ BIT(CASE_REVIEW) | BIT(CASE_LEGAL_REVIEW) | BIT(CASE_COLLECTIVE_DISCUSSION),
	  CA_RETURN_PREVIOUS, CASE_TO_PREVIOUS, H | L, G(CR_PREVIOUS_STEP_KNOWN, CR_REASON_GIVEN),
	  "行政处罚法第五十七条、第五十八条" },
	{ BIT(CASE_REVIEW) | BIT(CASE_LEGAL_REVIEW) | BIT(CASE_COLLECTIVE_DISCUSSION),
	  CA_WITHDRAW_SUBMISSION, CASE_TO_PREVIOUS, O | L,
	  G(CR_PREVIOUS_STEP_KNOWN, CR_ACTOR_IS_SUBMITTER, CR_SUBMISSION_NOT_ACTED_ON,
	    CR_REASON_GIVEN), "行政处罚法第四十七条" },
	{ BIT(CASE_REVIEW) | ST_DECIDING, CA_SUPPLEMENTARY_INVESTIGATION, CASE_INVESTIGATING, H | L,
	  G(CR_REASON_GIVEN), "行政处罚法第四十条、第五十七条第一款" },
	/* service, summary procedure, payment */
	{ BIT(CASE_DECIDED), CA_SERVE_DECISION, CASE_SERVED, O, G(CR_SERVICE_DATE_VALID),
	  "行政处罚法第六十一条" },
	{ BIT(CASE_LEAD), CA_DECIDE_ON_THE_SPOT, CASE_SERVED, O,
	  G(CR_SUMMARY_PENALTY_TYPE, CR_SUMMARY_FINE_LIMIT, CR_ACTOR_CERTIFICATE_VALID,
	    CR_DECISION_DATE_VALID, CR_WITHIN_LIMITATION, CR_ONE_FINE_PER_ACT,
	    CR_PARTY_AGE_14_OR_OVER, CR_PARTY_HAS_CAPACITY, CR_NOT_MINOR_CORRECTED_HARMLESS,
	    CR_FAULT_NOT_DISPROVED, CR_FACTS_ESTABLISHED, CR_AGENCY_PAYMENT_SETTINGS,
	    CR_AGENCY_REMEDY_SETTINGS, CR_DISCRETION_CIRCUMSTANCES_GIVEN), "行政处罚法第五十一条、第五十二条" },
	{ BIT(CASE_SERVED), CA_COLLECT_ON_THE_SPOT, CASE_PAID, O,
	  G(CR_FINE_IMPOSED, CR_ON_SPOT_COLLECTION_ALLOWED, CR_ACTOR_CERTIFICATE_VALID),
	  "行政处罚法第六十八条、第七十条" },
	{ ST_PAYING, CA_RECORD_PAYMENT, CASE_PAID, O | S, G(CR_FINE_IMPOSED, CR_MONEY_OWED),
	  "行政处罚法第六十七条" },
	/* the principal paid, the late fee not (yet): it is paid later or enforced */
	{ BIT(CASE_PAID), CA_RECORD_PAYMENT, CASE_TO_SAME, O | S, G(CR_MONEY_OWED),
	  "行政处罚法第七十二条第一款" },
	{ BIT(CASE_SERVED) | BIT(CASE_DEFERRED) | BIT(CASE_INSTALMENTS), CA_MARK_OVERDUE,
	  CASE_OVERDUE, O | S, G(CR_FINE_IMPOSED, CR_PAYMENT_DEADLINE_PASSED),
	  "行政处罚法第七十二条第一款" },
	{ BIT(CASE_SERVED) | BIT(CASE_OVERDUE), CA_APPROVE_DEFERRAL, CASE_DEFERRED, H,
	  G(CR_FINE_IMPOSED, CR_PARTY_APPLIED), "行政处罚法第六十六条第二款" },
	{ BIT(CASE_SERVED) | BIT(CASE_OVERDUE), CA_APPROVE_INSTALMENTS, CASE_INSTALMENTS, H,
	  G(CR_FINE_IMPOSED, CR_PARTY_APPLIED), "行政处罚法第六十六条第二款" },
	{ BIT(CASE_INSTALMENTS), CA_PAY_INSTALMENT, CASE_TO_SAME, O | S,
	  G(CR_FINE_IMPOSED, CR_INSTALMENT_NOT_LAST), "行政处罚法第六十六条第二款" },
	{ BIT(CASE_OVERDUE), CA_ISSUE_DEMAND, CASE_TO_SAME, O, G(CR_NONE),
	  "行政强制法第三十五条、第五十四条" },
	{ BIT(CASE_OVERDUE), CA_APPLY_ENFORCEMENT, CASE_ENFORCEMENT_APPLIED, H,
	  G(CR_DEMAND_PERIOD_PASSED, CR_REMEDY_PERIODS_EXPIRED),
	  "行政处罚法第七十二条第一款第四项、行政强制法第五十三条、第五十四条" },
	{ BIT(CASE_PAID), CA_ISSUE_DEMAND, CASE_TO_SAME, O, G(CR_MONEY_OWED),
	  "行政强制法第三十五条、第四十五条、第五十四条" },
	{ BIT(CASE_PAID), CA_APPLY_ENFORCEMENT, CASE_ENFORCEMENT_APPLIED, H,
	  G(CR_MONEY_OWED, CR_DEMAND_PERIOD_PASSED, CR_REMEDY_PERIODS_EXPIRED),
	  "行政处罚法第七十二条第一款第一项、第四项、行政强制法第四十五条、第五十三条、第五十四条" },
	/* closing */
	{ BIT(CASE_PAID), CA_CLOSE_CASE, CASE_CLOSED, H, G(CR_FULLY_PERFORMED),
	  "行政处罚法第六十六条第一款" },
	{ BIT(CASE_SERVED), CA_CLOSE_CASE, CASE_CLOSED, H, G(CR_NO_FINE_OUTSTANDING),
	  "行政处罚法第六十六条第一款" },
	{ BIT(CASE_ENFORCEMENT_APPLIED), CA_CLOSE_CASE, CASE_CLOSED, H, G(CR_ENFORCEMENT_CONCLUDED),
	  "行政处罚法第七十二条第一款第四项" },
	{ BIT(CASE_TRANSFERRED_CRIMINAL), CA_CLOSE_CASE, CASE_CLOSED, H,
	  G(CR_TRANSFER_RECEIPT_RECORDED), "行政处罚法第二十七条第一款" },
	{ BIT(CASE_NOT_FILED) | BIT(CASE_NO_PENALTY) | BIT(CASE_DISMISSED) | BIT(CASE_TERMINATED) |
	  BIT(CASE_REFERRED) | BIT(CASE_REVOKED) | BIT(CASE_REFERRAL_RETURNED), CA_CLOSE_CASE, CASE_CLOSED, H,
	  G(CR_NONE),
	  "行政处罚法第四十七条" },
	{ BIT(CASE_CLOSED), CA_ARCHIVE_CASE, CASE_ARCHIVED, O | H, G(CR_NONE),
	  "行政处罚法第四十七条" },
	/* remedies: reconsideration and litigation run beside the case (Art 73) */
	{ ST_AFTER_DECISION | BIT(CASE_NO_PENALTY), CA_RECORD_REMEDY_FILED, CASE_TO_SAME, O | H,
	  G(CR_REMEDY_NOT_PENDING), "行政复议法第二十条、行政诉讼法第四十六条" },
	{ ST_AFTER_DECISION | BIT(CASE_NO_PENALTY), CA_REMEDY_UPHELD, CASE_TO_SAME, O | H,
	  G(CR_REMEDY_PENDING), "行政复议法、行政诉讼法" },
	{ ST_AFTER_DECISION | BIT(CASE_NO_PENALTY), CA_REMEDY_CHANGED, CASE_TO_SAME, O | H,
	  G(CR_REMEDY_PENDING), "行政处罚法第四十八条第二款" },
	{ ST_AFTER_DECISION | BIT(CASE_NO_PENALTY), CA_REMEDY_CONFIRMED_ILLEGAL, CASE_TO_SAME, O | H,
	  G(CR_REMEDY_PENDING), "行政处罚法第四十八条第二款" },
	{ ST_AFTER_DECISION | BIT(CASE_NO_PENALTY), CA_REMEDY_REVOKED, CASE_REVOKED, O | H,
	  G(CR_REMEDY_PENDING), "行政处罚法第四十八条第二款" },
	/* 行政复议法 (2023) Art 67, 行政诉讼法 Art 75: no legal basis, or a body without
	 * standing: confirmed void. A void act never had effect, so the decision is out of
	 * force as after a revocation (state revoked); D9 as for the others. */
	{ ST_AFTER_DECISION | BIT(CASE_NO_PENALTY), CA_REMEDY_CONFIRMED_VOID, CASE_REVOKED, O | H,
	  G(CR_REMEDY_PENDING), "行政复议法第六十七条、行政诉讼法第七十五条、行政处罚法第四十八条第二款" },
};
#define N_ROWS (sizeof(table) / sizeof(table[0]))

const struct case_transition *case_transitions(size_t *n_r)
{
	if (n_r)
		*n_r = N_ROWS;
	return table;
}

static const struct case_transition *find_row(enum case_action a, enum case_state s)
{
	size_t i;

	for (i = 0; i < N_ROWS; i++)
		if (table[i].action == a && s > CASE_STATE_NONE && s < CASE_STATE__COUNT &&
		    (table[i].from & BIT(s)))
			return &table[i];
	return NULL;
}

static void add_unmet(struct case_check *r, enum case_req q, const char *detail)
{
	struct case_unmet *u;

	if (r->n_unmet >= CASE_UNMET_MAX)
		return;
	u = &r->unmet[r->n_unmet++];
	u->req = q;
	u->code = reqs[q].code;
	u->zh = reqs[q].zh;
	u->en = reqs[q].en;
	u->article = reqs[q].article;
	snprintf(u->detail, sizeof(u->detail), "%s", detail ? detail : "");
}

int case_check_action(const struct case_config *cfg, struct calendar *cal,
		      const struct case_snapshot *s, enum case_action a, struct case_check *r)
{
	const struct case_transition *row;
	struct gctx c = { cfg, cal, s, a, 0 };
	char dt[CASE_DETAIL_MAX];
	size_t i;

	if (!cfg || !s || !r || a <= CASE_ACTION_NONE || a >= CASE_ACTION__COUNT)
		return -1;
	memset(r, 0, sizeof(*r));
	r->action = a;
	row = find_row(a, s->state);
	if (!row) {
		snprintf(dt, sizeof(dt), "当前状态“%s”不能“%s”",
			 case_state_zh(s->state) ? case_state_zh(s->state) : "未知",
			 case_action_zh(a));
		add_unmet(r, CR_STATE_ALLOWS_ACTION, dt);
		r->to = CASE_STATE_NONE;
		return 0;
	}
	r->state_ok = 1;
	r->article = row->article;
	r->to = row->to == CASE_TO_SAME ? s->state
		: row->to == CASE_TO_PREVIOUS ? s->previous_state : row->to;
	r->role_ok = (s->actor.roles & row->roles) != 0;
	if (!r->role_ok)
		add_unmet(r, CR_ROLE_PERMITTED, NULL);
	for (i = 0; i < CASE_GUARDS_MAX && row->guards[i] != CR_NONE; i++) {
		enum case_req q = row->guards[i];

		dt[0] = '\0';
		if (!reqs[q].fn(&c, dt, sizeof(dt)))
			add_unmet(r, q, dt);
	}
	r->provisional = c.provisional;
	r->allowed = r->n_unmet == 0;
	return 0;
}

int case_next_actions(const struct case_config *cfg, struct calendar *cal,
		      const struct case_snapshot *s, struct case_check *out, size_t max)
{
	size_t i;
	int n = 0;

	if (!cfg || !s || (!out && max))
		return -1;
	for (i = 0; i < N_ROWS; i++) {
		if (s->state <= CASE_STATE_NONE || s->state >= CASE_STATE__COUNT ||
		    !(table[i].from & BIT(s->state)))
			continue;
		if ((size_t)n < max && case_check_action(cfg, cal, s, table[i].action, &out[n]) != 0)
			return -1;
		n++;
	}
	return n;
}

int case_check_to_zerr(const struct case_check *r, struct zerr *e)
{
	json_t *unmet = NULL, *extra = NULL;
	size_t i;

	if (r->allowed)
		return 0;
	unmet = json_array();
	extra = json_object();
	if (!unmet || !extra)
		goto oom;
	for (i = 0; i < r->n_unmet; i++) {
		const struct case_unmet *u = &r->unmet[i];
		json_t *o = json_pack("{s:s, s:s, s:s, s:s}", "code", u->code, "zh", u->zh,
				      "en", u->en, "article", u->article);

		if (!o || (u->detail[0] && json_object_set_new(o, "detail", json_string(u->detail))) ||
		    json_array_append_new(unmet, o)) {
			json_decref(o);
			goto oom;
		}
	}
	if (json_object_set_new(extra, "action", json_string(case_action_name(r->action))) ||
	    json_object_set_new(extra, "unmet", unmet)) {
		unmet = NULL;
		goto oom;
	}
	zerr_set(e, r->role_ok ? 409 : 403, "requirements_unmet",
		 "不能%s：有%zu项要求未满足 (requirements unmet for %s)",
		 case_action_zh(r->action) ? case_action_zh(r->action) : "办理", r->n_unmet,
		 case_action_name(r->action) ? case_action_name(r->action) : "?");
	json_decref(e->extra);
	e->extra = extra;
	return -1;
oom:
	json_decref(unmet);
	json_decref(extra);
	return zerr_oom(e);
}

/* ---- documentation ---- */

static int md_cell(struct buf *b, const char *s)
{
	for (; *s; s++)
		if (*s == '|' ? buf_adds(b, "\\|") : buf_addc(b, *s))
			return -1;
	return 0;
}

static int md_roles(struct buf *b, unsigned roles)
{
	static const char *const names[] = { "officer", "agency_head", "legal_reviewer", "system" };
	int first = 1;
	size_t i;

	for (i = 0; i < 4; i++)
		if (roles & (1u << i)) {
			if (buf_addf(b, "%s%s", first ? "" : ", ", names[i]))
				return -1;
			first = 0;
		}
	return 0;
}

int case_table_markdown(struct buf *b)
{
	size_t i, j;
	int k, first;

	if (buf_adds(b, "| action | 操作 | from | to | roles | guards | article |\n"
			"| --- | --- | --- | --- | --- | --- | --- |\n"))
		return -1;
	for (i = 0; i < N_ROWS; i++) {
		const struct case_transition *t = &table[i];

		if (buf_addf(b, "| `%s` | %s | ", case_action_name(t->action),
			     case_action_zh(t->action)))
			return -1;
		for (k = 1, first = 1; k < CASE_STATE__COUNT; k++)
			if (t->from & BIT(k)) {
				if (buf_addf(b, "%s%s", first ? "" : ", ", case_state_name(k)))
					return -1;
				first = 0;
			}
		if (buf_addf(b, " | %s | ", t->to == CASE_TO_SAME ? "(same)"
				: t->to == CASE_TO_PREVIOUS ? "(previous)" : case_state_name(t->to)) ||
		    md_roles(b, t->roles) || buf_adds(b, " | "))
			return -1;
		for (j = 0; j < CASE_GUARDS_MAX && t->guards[j] != CR_NONE; j++)
			if (buf_addf(b, "%s`%s`", j ? ", " : "", reqs[t->guards[j]].code))
				return -1;
		if (buf_addf(b, " | %s |\n", t->article))
			return -1;
	}
	if (buf_adds(b, "\n| code | 说明 | article |\n| --- | --- | --- |\n"))
		return -1;
	for (k = CR_NONE + 1; k < CR__COUNT; k++) {
		if (buf_addf(b, "| `%s` | ", reqs[k].code) || md_cell(b, reqs[k].zh) ||
		    buf_addf(b, " | %s |\n", reqs[k].article[0] ? reqs[k].article : "—"))
			return -1;
	}
	return 0;
}
