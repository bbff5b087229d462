/* case.h: the pure domain core of penalty cases (处罚办案) under the 行政处罚法 (2021):
 * the state machine as one static table, the guards with explanations, and the rule
 * helpers the API layer needs (limitation, hearing right, legal-review triggers,
 * summary-procedure eligibility, no-penalty grounds, same act one fine, case numbers).
 * Deadlines are in case_deadline.h, the late fee in case_money.h; docs/cases.md
 * describes the model and the interpretations chosen.
 *
 * No database, no clock, no global mutable state: every function takes what it needs
 * (a configuration, a calendar, a snapshot of the case) and returns a value. The API
 * layer loads the case, overlays the fields that the action's request body carries
 * (docs/cases.md lists them), calls case_check_action and, only when allowed, writes
 * the new state and the ledger entry in one transaction.
 *
 * Dates: struct zdate with y == 0 means "not set" (CASE_DATE_NONE).
 * Money: integer fen (分), never floating point; negative amounts are invalid. */
#ifndef ZHIFA_CASE_H
#define ZHIFA_CASE_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"

struct calendar;
struct buf;
struct zerr;

#define CASE_DATE_NONE ((struct zdate){ 0, 0, 0 })
/* 1 when d is set (y != 0). A set date must also be zdate_valid. */
int case_date_set(struct zdate d);

/* ---- states ---- */

enum case_state {
	CASE_STATE_NONE = 0,
	CASE_LEAD,                  /* 线索 (both procedures start here) */
	CASE_NOT_FILED,             /* 不予立案 */
	CASE_FILED,                 /* 已立案 */
	CASE_INVESTIGATING,         /* 调查取证 */
	CASE_REVIEW,                /* 案件审查 (调查终结后) */
	CASE_NOTIFIED,              /* 已事先告知，等待陈述申辩/听证申请 */
	CASE_HEARING_REQUESTED,     /* 当事人已要求听证 */
	CASE_HEARING_SCHEDULED,     /* 已通知听证 */
	CASE_HEARD,                 /* 已举行听证 */
	CASE_LEGAL_REVIEW,          /* 法制审核 */
	CASE_COLLECTIVE_DISCUSSION, /* 集体讨论 */
	CASE_DECIDED,               /* 已作出处罚决定 */
	CASE_SERVED,                /* 已送达 */
	CASE_PAID,                  /* 已缴纳 */
	CASE_OVERDUE,               /* 逾期未缴纳 */
	CASE_DEFERRED,              /* 暂缓缴纳 */
	CASE_INSTALMENTS,           /* 分期缴纳 */
	CASE_ENFORCEMENT_APPLIED,   /* 已申请法院强制执行 */
	CASE_CLOSED,                /* 结案 */
	CASE_ARCHIVED,              /* 归档 */
	CASE_NO_PENALTY,            /* 不予处罚 */
	CASE_DISMISSED,             /* 撤销立案 */
	CASE_SUSPENDED,             /* 中止调查 */
	CASE_TERMINATED,            /* 终止调查 */
	CASE_TRANSFERRED_CRIMINAL,  /* 已移送司法机关 */
	CASE_REFERRED,              /* 已移送管辖 */
	CASE_REVOKED,               /* 决定被复议或诉讼撤销 */
	CASE_REFERRAL_RETURNED,     /* 已退回移送 (the receiving agency refused a referral back) */
	CASE_STATE__COUNT
};

/* Stable snake_case name ("filed") and Chinese name ("已立案"); NULL when out of range. */
const char *case_state_name(enum case_state s);
const char *case_state_zh(enum case_state s);
/* The state with that name, or CASE_STATE_NONE. */
enum case_state case_state_parse(const char *name);

/* ---- actions: the API's /actions/{action}; names are stable ---- */

enum case_action {
	CASE_ACTION_NONE = 0,
	CA_FILE_CASE,                    /* 立案 */
	CA_DECLINE_FILING,               /* 不予立案 */
	CA_REFER_JURISDICTION,           /* 移送管辖 */
	CA_START_INVESTIGATION,          /* 开始调查 */
	CA_PRESERVE_EVIDENCE,            /* 先行登记保存证据 */
	CA_DECIDE_PRESERVED_EVIDENCE,    /* 对登记保存的证据作出处理决定 */
	CA_SUBMIT_INVESTIGATION,         /* 调查终结，提交审查 */
	CA_ISSUE_PRIOR_NOTICE,           /* 事先告知 */
	CA_REISSUE_PRIOR_NOTICE,         /* 重新告知 */
	CA_RECORD_STATEMENT,             /* 记录陈述申辩 */
	CA_RECORD_WAIVER,                /* 当事人放弃陈述申辩（及听证） */
	CA_REQUEST_HEARING,              /* 当事人要求听证 */
	CA_SCHEDULE_HEARING,             /* 通知听证 */
	CA_HOLD_HEARING,                 /* 举行听证 */
	CA_HEARING_WAIVED,               /* 视为放弃听证 / 撤回听证申请 */
	CA_SUBMIT_LEGAL_REVIEW,          /* 提交法制审核 */
	CA_RECORD_LEGAL_REVIEW,          /* 出具法制审核意见 */
	CA_SUBMIT_COLLECTIVE_DISCUSSION, /* 提请集体讨论 */
	CA_RECORD_COLLECTIVE_DISCUSSION, /* 记录集体讨论决定 */
	CA_DECIDE_PENALTY,               /* 作出行政处罚决定 */
	CA_DECIDE_NO_PENALTY,            /* 作出不予行政处罚决定 */
	CA_TRANSFER_CRIMINAL,            /* 移送司法机关 */
	CA_RECORD_TRANSFER_RECEIPT,      /* 登记移送回执 */
	CA_RESUME_AFTER_TRANSFER,        /* 司法机关移回，继续办理 */
	CA_DISMISS_CASE,                 /* 撤销立案 */
	CA_SUSPEND_CASE,                 /* 中止 */
	CA_RESUME_CASE,                  /* 恢复 */
	CA_TERMINATE_CASE,               /* 终止 */
	CA_RETURN_PREVIOUS,              /* 退回 */
	CA_WITHDRAW_SUBMISSION,          /* 撤回 */
	CA_SUPPLEMENTARY_INVESTIGATION,  /* 补充调查 */
	CA_SERVE_DECISION,               /* 送达 */
	CA_DECIDE_ON_THE_SPOT,           /* 简易程序当场处罚 */
	CA_COLLECT_ON_THE_SPOT,          /* 当场收缴罚款 */
	CA_RECORD_PAYMENT,               /* 登记缴款 */
	CA_MARK_OVERDUE,                 /* 逾期未缴 */
	CA_APPROVE_DEFERRAL,             /* 批准暂缓缴纳 */
	CA_APPROVE_INSTALMENTS,          /* 批准分期缴纳 */
	CA_ISSUE_DEMAND,                 /* 催告 */
	CA_APPLY_ENFORCEMENT,            /* 申请法院强制执行 */
	CA_CLOSE_CASE,                   /* 结案 */
	CA_ARCHIVE_CASE,                 /* 归档 */
	CA_RECORD_REMEDY_FILED,          /* 当事人申请复议/提起诉讼 */
	CA_REMEDY_UPHELD,                /* 复议/诉讼：维持（驳回） */
	CA_REMEDY_CHANGED,               /* 复议/诉讼：变更 */
	CA_REMEDY_CONFIRMED_ILLEGAL,     /* 复议/诉讼：确认违法 */
	CA_REMEDY_REVOKED,               /* 复议/诉讼：撤销 */
	CA_PAY_INSTALMENT,               /* 登记分期缴款（最后一期为登记缴款） */
	CA_EXTEND_DEADLINE,              /* 延长办案期限 */
	CA_RETURN_REFERRAL,              /* 退回移送 */
	CA_REMEDY_CONFIRMED_VOID,        /* 复议/诉讼：确认无效 */
	CASE_ACTION__COUNT
};

const char *case_action_name(enum case_action a);
const char *case_action_zh(enum case_action a);
enum case_action case_action_parse(const char *name);

/* ---- roles (bits; the API maps auth.h roles: officer → OFFICER, agency_head → HEAD,
 * legal_reviewer → LEGAL; SYSTEM is the scheduler, never a person) ---- */

#define CASE_ROLE_OFFICER 0x1u /* 执法人员（承办人） */
#define CASE_ROLE_HEAD    0x2u /* 行政机关负责人 */
#define CASE_ROLE_LEGAL   0x4u /* 法制审核人员 */
#define CASE_ROLE_SYSTEM  0x8u /* 系统任务 */
/* The role bit for an auth role name ("officer", "agency_head", "legal_reviewer",
 * "system"); 0 for any other name. */
unsigned case_role_from_name(const char *name);

/* ---- penalties (行政处罚法 Art 9), bits ---- */

#define CASE_PT_WARNING             0x0001u /* 警告 */
#define CASE_PT_CRITICISM           0x0002u /* 通报批评 */
#define CASE_PT_FINE                0x0004u /* 罚款 */
#define CASE_PT_CONFISCATE_GAINS    0x0008u /* 没收违法所得 */
#define CASE_PT_CONFISCATE_PROPERTY 0x0010u /* 没收非法财物 */
#define CASE_PT_SUSPEND_PERMIT      0x0020u /* 暂扣许可证件 */
#define CASE_PT_DOWNGRADE           0x0040u /* 降低资质等级 */
#define CASE_PT_REVOKE_PERMIT       0x0080u /* 吊销许可证件 */
#define CASE_PT_RESTRICT_BUSINESS   0x0100u /* 限制开展生产经营活动 */
#define CASE_PT_SUSPEND_BUSINESS    0x0200u /* 责令停产停业 */
#define CASE_PT_CLOSE               0x0400u /* 责令关闭 */
#define CASE_PT_BAN_OCCUPATION      0x0800u /* 限制从业 */
#define CASE_PT_DETENTION           0x1000u /* 行政拘留 */
#define CASE_PT_OTHER               0x2000u /* 法律、行政法规规定的其他行政处罚 */
#define CASE_PT__ALL                0x3fffu
/* Art 63 (3)(4): always qualify for a hearing, whatever the amount. */
#define CASE_PT_HEARING_HEAVY (CASE_PT_DOWNGRADE | CASE_PT_REVOKE_PERMIT | \
			       CASE_PT_SUSPEND_BUSINESS | CASE_PT_CLOSE | CASE_PT_BAN_OCCUPATION)

/* Name ("fine") and Chinese name ("罚款") of one type bit; NULL for anything else. */
const char *case_penalty_type_name(unsigned bit);
const char *case_penalty_type_zh(unsigned bit);
/* The bit for a name, or 0. */
unsigned case_penalty_type_parse(const char *name);

struct case_penalty {
	unsigned types;           /* CASE_PT_* bits */
	int64_t fine_fen;         /* 罚款, fen, >= 0; > 0 only with CASE_PT_FINE */
	int64_t confiscation_fen; /* 没收违法所得/非法财物的数额或价值, fen, >= 0 */
};

/* 1 when the penalty is set: at least one type, amounts >= 0, a fine amount only with
 * CASE_PT_FINE and a fine type with an amount > 0. */
int case_penalty_valid(const struct case_penalty *p);
/* 1 when `decided` is heavier than `notified` (行政处罚法 Art 45(2)): a higher fine or
 * confiscation, or a type that was not notified unless it belongs to a lighter group of
 * Art 9 than a type that was (warning/criticism < fine/confiscation < permits <
 * business restrictions < detention). */
int case_penalty_heavier(const struct case_penalty *decided, const struct case_penalty *notified);

/* ---- configuration (one struct; defaults from domain.md, ⚠️ = unverified) ---- */

enum case_unit { CASE_UNIT_WORKING_DAYS = 1, CASE_UNIT_CALENDAR_DAYS, CASE_UNIT_YEARS };

/* Byte sizes of the agency's text settings (limits in characters: case_config.c). */
#define CASE_CFG_TEXT_MAX 256
#define CASE_CFG_NOTE_MAX 640

struct case_config {
	/* Art 63(1): "较大数额罚款". ⚠️ No Zhejiang figure (domain.md §7); the default is
	 * the one verified national data point, 公安机关办理行政案件程序规定 Art 123:
	 * person >= 2,000 yuan, organisation >= 10,000 yuan. Configure per agency. */
	int64_t hearing_fine_person_fen;
	int64_t hearing_fine_org_fen;
	/* Art 63(2): 较大数额违法所得/较高价值非法财物. ⚠️ Default: the same figures. */
	int64_t hearing_confiscation_person_fen;
	int64_t hearing_confiscation_org_fen;
	/* Art 63(3)(4)(5): types that always qualify. Default CASE_PT_HEARING_HEAVY; an
	 * agency may add "其他较重的行政处罚" (e.g. CASE_PT_RESTRICT_BUSINESS). */
	unsigned hearing_types;
	/* Art 58(4) via the agency's 法制审核目录: fine amount at or above which legal review
	 * is required; 0 = no amount trigger. ⚠️ Default from one published catalogue
	 * (巩义市, domain.md §2.3): 10,000 / 100,000 yuan. */
	int64_t review_fine_person_fen;
	int64_t review_fine_org_fen;
	/* Types that require legal review by the catalogue. ⚠️ Default CASE_PT_HEARING_HEAVY. */
	unsigned review_types;
	/* Art 51 caps (以下 = inclusive): 200 yuan person, 3,000 yuan organisation. */
	int64_t summary_fine_person_fen;
	int64_t summary_fine_org_fen;
	/* Art 68(1): on-the-spot collection, fines of 100 yuan or less. */
	int64_t on_spot_collection_fen;
	/* Statement and defence period in working days from receipt of the prior notice.
	 * ⚠️ The law sets none; default 5 (practice, e.g. the SAMR procedure rules), equal
	 * to the Art 64(1) hearing-request period. */
	int statement_working_days;
	/* A deadline is "due soon" when this many working days or fewer remain. Default 3. */
	int due_soon_working_days;
	/* D11 (移送规定 Art 5): unit of the 3-day decision period. ⚠️ Default calendar days. */
	enum case_unit crime_transfer_unit;
	/* D6 (Art 67): a payment period that ends on a rest day ends on the next working
	 * day. ⚠️ Default 1 (民事诉讼法 Art 85, the common reading). */
	int payment_rolls_over;
	/* D2 (Art 60): whether the 90-day decision period rolls over a rest day.
	 * ⚠️ Default 0: it binds the agency, so the strict reading. */
	int decision_rolls_over;
	/* The agency's own facts the instruments must name (docs/cases.md §8), "" when not
	 * set; never defaulted, so a document says plainly what is missing. Art 59(4), Art 67
	 * (罚缴分离): where a fine is paid; Art 59(5): the 复议机关 and the court. */
	char pay_bank[CASE_CFG_TEXT_MAX];         /* 代收罚款银行 */
	char pay_account_name[CASE_CFG_TEXT_MAX]; /* 户名 */
	char pay_account_no[CASE_CFG_TEXT_MAX];   /* 账号 (digits) */
	char pay_electronic[CASE_CFG_NOTE_MAX];   /* 电子缴款说明或网址 (optional) */
	char contact_phone[CASE_CFG_TEXT_MAX];
	char contact_address[CASE_CFG_NOTE_MAX];
	char reconsideration_body[CASE_CFG_TEXT_MAX]; /* 行政复议机关 */
	char court[CASE_CFG_TEXT_MAX];                /* 有管辖权的人民法院 */
};

/* Fills c with the documented defaults. */
void case_config_default(struct case_config *c);

/* ---- the case snapshot (what the guards read) ---- */

enum case_procedure { CASE_PROC_ORDINARY = 0, CASE_PROC_SUMMARY };
enum case_party_type { CASE_PARTY_PERSON = 1, CASE_PARTY_ORG };
/* Art 36: the 5-year period needs one of the named categories AND harmful consequences. */
enum case_limitation_category {
	CASE_LIMIT_ORDINARY = 0,
	CASE_LIMIT_LIFE_HEALTH_SAFETY, /* 涉及公民生命健康安全 */
	CASE_LIMIT_FINANCIAL_SECURITY, /* 涉及金融安全 */
};
enum case_record_kind { CASE_RECORD_INSPECTION = 1 /* 现场检查笔录 */, CASE_RECORD_INQUIRY /* 询问笔录 */ };
enum case_harm { CASE_HARM_UNKNOWN = 0, CASE_HARM_NONE, CASE_HARM_MINOR, CASE_HARM_SERIOUS };

#define CASE_RECORD_OFFICERS_MAX 8
#define CASE_INVESTIGATORS_MAX 8

struct case_officer {
	int64_t user_id;
	int certificate_valid; /* 1 when the officer's certificate was valid on the day in question */
	int auxiliary;         /* 1 for 辅助人员: never counts as an officer (条例 Art 30) */
};

struct case_record {
	enum case_record_kind kind;
	struct zdate date;
	size_t n_officers;
	struct case_officer officers[CASE_RECORD_OFFICERS_MAX]; /* validity on `date` */
};

/* The acting user, as the API resolved them. */
struct case_actor {
	int64_t user_id;
	unsigned roles;               /* CASE_ROLE_* bits */
	int certificate_valid;        /* enforcement certificate valid today */
	int legal_qualification;      /* 法律职业资格 (passed the national unified exam) */
	int experienced_reviewer;     /* did 法制审核 before the revised law took effect, so
					 Art 58(2) does not apply: case_reviewer_experienced */
	struct zdate legal_review_since; /* first 法制审核 as registered; y == 0: none */
};

/* 行政处罚法 (2021 revision) 第八十六条: "本法自2021年7月15日起施行" (domain.md §1).
 * Art 58(2) binds a person who does legal review for the first time from that day on;
 * one who already did it before is not "初次从事". */
#define CASE_PENALTY_LAW_2021_Y 2021
#define CASE_PENALTY_LAW_2021_M 7
#define CASE_PENALTY_LAW_2021_D 15
/* 1 when since (the day the person first did 法制审核) is a valid date before
 * 2021-07-15, else 0 (also for y == 0, no experience registered). */
int case_reviewer_experienced(struct zdate since);

struct case_snapshot {
	enum case_state state;
	enum case_state previous_state; /* target of 退回/撤回/恢复; NONE when unknown */
	enum case_procedure procedure;
	enum case_party_type party_type;
	struct zdate party_birth;       /* persons: for Art 30 (age at the violation) */
	struct zdate today;             /* the date the action is taken (China time) */

	/* dates of the case */
	struct zdate violation;         /* 违法行为发生之日 */
	struct zdate violation_end;     /* 连续或者继续状态终了之日, when continuing */
	struct zdate discovery;         /* 发现之日 (Art 36 asks whether it was discovered in time) */
	struct zdate filing;            /* 立案之日 */
	struct zdate notice;            /* 事先告知书送达当事人之日 */
	struct zdate decision;          /* 决定之日 (for decide_*: today when not set) */
	struct zdate service;           /* 决定书送达之日 (= receipt, Art 67) */

	/* Art 36 */
	enum case_limitation_category limitation_category;
	int harmful_consequences;
	int limitation_years_override;  /* "法律另有规定": years, 0 = none */

	/* penalties */
	struct case_penalty intended;   /* the penalty to be decided (or on the spot) */
	struct case_penalty notified;   /* the penalty in the prior notice */

	/* statement and defence (Arts 44, 45, 62) */
	int statement_received;
	int statement_waived;           /* expressly waived in writing */

	/* hearing (Arts 63-65) */
	struct zdate hearing_requested_on;
	struct zdate hearing_notified_on; /* the agency's notice of time and place */
	struct zdate hearing_date;
	int64_t hearing_presiding_user_id;
	int hearing_held;
	int hearing_waived;             /* waived before asking, withdrew, or Art 64(6) */

	/* legal review (Art 58) */
	int major_public_interest;
	int complex_case;               /* 疑难复杂 / 情节复杂 */
	int several_legal_relationships;
	int other_law_requires_review;
	int legal_review_done;
	int legal_review_passed;
	int legal_reviewer_qualified;   /* the reviewer held 法律职业资格 or was experienced */

	/* collective discussion (Art 57(2)) */
	int major_violation;
	int collective_discussion_required; /* by the agency's rules, beyond Art 57 */
	int collective_discussion_held;

	/* investigation */
	const struct case_record *records;
	size_t n_records;
	size_t n_investigators;
	struct case_officer investigators[CASE_INVESTIGATORS_MAX]; /* validity today */

	/* preservation of evidence (Art 56) */
	struct zdate preservation_on;   /* set while a preservation exists */
	int preservation_approved;      /* by the agency head */
	int preservation_decided;

	/* no-penalty grounds (Arts 30, 31, 33, 40) */
	int lacks_capacity;             /* Art 31 first sentence */
	int minor_violation;
	int corrected_promptly;
	enum case_harm harm;
	int first_violation;
	int no_fault_proven;
	int facts_not_established;

	/* Art 29: the earlier case that already fined this act, NULL when none
	 * (see case_same_act_fine). */
	const char *same_act_fine_case;

	/* summary procedure and payment */
	int hard_to_enforce_later;      /* Art 68(2) */
	int fine_paid;                  /* principal paid */
	int64_t late_fee_due_fen;       /* 加处罚款 owed (case_money.h), 0 when none */
	int late_fee_paid;
	struct zdate payment_due;       /* last day of the payment period (D6, the deferral's end,
					 * or the earliest unpaid instalment's due day) */
	int instalments_unpaid;         /* approved instalments not yet paid */
	struct zdate payment_period_start; /* approve_deferral / approve_instalments /
					    * pay_instalment: the start of the deferral or of
					    * the next instalment's period (the approval day, or
					    * the previous instalment's due day) ... */
	struct zdate payment_period_end;   /* ... and its last day before any roll-over */
	int party_applied_deferral;     /* Art 66(2): the party's written application */
	struct zdate demand_served;     /* 催告书送达之日 */
	int enforcement_concluded;

	/* crime transfer */
	int transfer_report_made;       /* 专案组书面报告 (two or more officers) */
	int transfer_receipt_recorded;
	/* referral of jurisdiction, on the receiving lead: it came by referral, and the
	 * referring case still stands referred to it (not closed since) */
	int referred_in;
	int referring_case_awaits;

	/* remedies (复议/诉讼) */
	int remedy_pending;
	int decision_published;         /* made public under Art 48(1) */

	/* submissions (for 撤回) */
	int64_t submitted_by;           /* user who moved the case into its current state */
	int submission_acted_on;        /* the recipient has started working on it */

	/* Art 34 (decide_penalty, decide_on_the_spot): the discretion benchmark of the case's
	 * item in force at the violation ("CG010310 2020.1"), NULL or "" when none, and
	 * whether the step gives its circumstances (the API evaluates them) */
	const char *discretion_benchmark;
	int discretion_circumstances_given;

	const char *reason;             /* reason given with this action, NULL or "" = none */
	struct case_actor actor;
};

/* Initialises s: everything zero/unset, previous_state NONE. */
void case_snapshot_init(struct case_snapshot *s);

/* ---- requirements and checks ---- */

enum case_req {
	CR_NONE = 0,
	CR_STATE_ALLOWS_ACTION,
	CR_ROLE_PERMITTED,
	CR_REASON_GIVEN,
	CR_PREVIOUS_STEP_KNOWN,
	CR_ACTOR_IS_SUBMITTER,
	CR_SUBMISSION_NOT_ACTED_ON,
	CR_WITHIN_LIMITATION,
	CR_FILING_DATE_VALID,
	CR_INVESTIGATORS_QUALIFIED,
	CR_PRESERVATION_APPROVED,
	CR_PRESERVATION_OPEN,
	CR_PRESERVATION_DECIDED,
	CR_RECORDS_MADE,
	CR_TWO_OFFICERS_PER_RECORD,
	CR_OFFICER_CERTIFICATES_VALID,
	CR_INTENDED_PENALTY_SET,
	CR_NOTICE_DATE_VALID,
	CR_PRIOR_NOTICE_GIVEN,
	CR_STATEMENT_HEARD_OR_WAIVED,
	CR_NOT_HEAVIER_THAN_NOTIFIED,
	CR_HEARING_RIGHT,
	CR_HEARING_REQUEST_IN_TIME,
	CR_HEARING_NOTICE_SEVEN_DAYS,
	CR_PRESIDING_NOT_INVESTIGATOR,
	CR_ACTOR_IS_PRESIDING,
	CR_HEARING_DATE_REACHED,
	CR_HEARING_REQUEST_WINDOW_CLOSED,
	CR_HEARING_HELD_IF_REQUESTED,
	CR_LEGAL_REVIEW_PASSED,
	CR_REVIEWER_LEGALLY_QUALIFIED,
	CR_COLLECTIVE_DISCUSSION_HELD,
	CR_ONE_FINE_PER_ACT,
	CR_PARTY_AGE_14_OR_OVER,
	CR_PARTY_HAS_CAPACITY,
	CR_NOT_MINOR_CORRECTED_HARMLESS,
	CR_FAULT_NOT_DISPROVED,
	CR_FACTS_ESTABLISHED,
	CR_NO_PENALTY_GROUND,
	CR_SUMMARY_PENALTY_TYPE,
	CR_SUMMARY_FINE_LIMIT,
	CR_ACTOR_CERTIFICATE_VALID,
	CR_DECISION_DATE_VALID,
	CR_SERVICE_DATE_VALID,
	CR_FINE_IMPOSED,
	CR_PAYMENT_DEADLINE_PASSED,
	CR_PARTY_APPLIED,
	CR_DEMAND_PERIOD_PASSED,
	CR_REMEDY_PERIODS_EXPIRED,
	CR_REMEDY_PENDING,
	CR_REMEDY_NOT_PENDING,
	CR_FULLY_PERFORMED,
	CR_NO_FINE_OUTSTANDING,
	CR_ENFORCEMENT_CONCLUDED,
	CR_TRANSFER_REPORT_MADE,
	CR_TRANSFER_RECEIPT_RECORDED,
	CR_ON_SPOT_COLLECTION_ALLOWED,
	CR_INSTALMENT_NOT_LAST,
	CR_AGENCY_PAYMENT_SETTINGS,
	CR_AGENCY_REMEDY_SETTINGS,
	CR_DISCRETION_CIRCUMSTANCES_GIVEN,
	CR_MONEY_OWED,
	CR_LEAD_WAS_REFERRED,
	CR_REFERRING_CASE_AWAITS,
	CR__COUNT
};

/* A requirement's stable code ("hearing_request_in_time"), Chinese explanation (what to
 * do), English explanation and article ("行政处罚法第六十四条第一项"; "" when the
 * requirement is procedural rather than statutory). NULL when out of range. */
const char *case_req_code(enum case_req r);
const char *case_req_zh(enum case_req r);
const char *case_req_en(enum case_req r);
const char *case_req_article(enum case_req r);

#define CASE_UNMET_MAX 24
#define CASE_DETAIL_MAX 256

struct case_unmet {
	enum case_req req;
	const char *code, *zh, *en, *article; /* static strings of req */
	char detail[CASE_DETAIL_MAX];          /* this case's particulars ("期限至2026-03-09"), or "" */
};

struct case_check {
	enum case_action action;
	int allowed;           /* 1 when every requirement holds */
	int state_ok;          /* 0: the action does not apply in this state (API: 409) */
	int role_ok;           /* 0: the actor's role may not do it (API: 403) */
	enum case_state to;    /* the state the action leads to (also when not allowed) */
	const char *article;   /* the transition's own legal basis */
	int provisional;       /* 1 when a date used a calendar year without loaded data */
	size_t n_unmet;
	struct case_unmet unmet[CASE_UNMET_MAX];
};

/* Checks whether the actor in s may perform action a now. Every requirement is
 * evaluated (not only the first that fails) so that the UI can show them all. cal may
 * be NULL only for actions whose guards need no working-day arithmetic; a guard that
 * needs it then reports itself unmet with detail "calendar missing". 0 with r filled;
 * -1 when cfg, s or r is NULL or a is out of range. Nothing else is an error: bad
 * dates and amounts in s come back as unmet requirements. */
int case_check_action(const struct case_config *cfg, struct calendar *cal,
		      const struct case_snapshot *s, enum case_action a, struct case_check *r);

/* For the UI's "next actions": checks every action that applies in s->state (in table
 * order) and writes at most max results into out; returns how many apply (which may
 * exceed max). -1 on NULL arguments. */
int case_next_actions(const struct case_config *cfg, struct calendar *cal,
		      const struct case_snapshot *s, struct case_check *out, size_t max);

/* Turns a refused check into the API's answer, once: status 403 when the role may not
 * act (role_ok == 0), else 409; code "requirements_unmet"; detail a Chinese-first
 * sentence naming the action; extra = {"action": name, "unmet": [{"code", "zh", "en",
 * "article", "detail"?}]} ("detail" only when set). Returns -1 (as zerr_set) with e
 * filled; 0 and e untouched when r->allowed. Out of memory → 503 via zerr_oom. */
int case_check_to_zerr(const struct case_check *r, struct zerr *e);

/* ---- the transition table, read-only ---- */

#define CASE_TO_SAME     ((enum case_state)100) /* the case stays in its state */
#define CASE_TO_PREVIOUS ((enum case_state)101) /* back to previous_state */
#define CASE_GUARDS_MAX 24

struct case_transition {
	uint64_t from;                       /* bit (1 << state) per state it applies in */
	enum case_action action;
	enum case_state to;                  /* a state, CASE_TO_SAME or CASE_TO_PREVIOUS */
	unsigned roles;                      /* CASE_ROLE_* bits that may perform it */
	enum case_req guards[CASE_GUARDS_MAX]; /* ended by CR_NONE */
	const char *article;
};

/* The table and its length. An (action, state) pair matches at most one row. */
const struct case_transition *case_transitions(size_t *n_r);
/* Writes docs/cases.md's generated section (the transitions and requirements as
 * Markdown tables) into b. 0, or -1 when b's cap is too small. */
int case_table_markdown(struct buf *b);

/* ---- rule helpers (also used by the guards) ---- */

/* 行政强制法 Arts 54, 69: the last day of the period a served 催告书 gives the party, the
 * 10th working day after the day of service (the day itself not counted). The court may
 * be applied to only after it (demand_period_passed), and the 催告书 prints it as the
 * time limit for performance (Art 35(1)). 0, or -1 (no calendar, invalid date);
 * *provisional_r (may be NULL) is 1 when the calendar year is not published. */
#define CASE_DEMAND_WORKING_DAYS 10
int case_demand_last_day(struct calendar *cal, struct zdate served, struct zdate *last_r, int *provisional_r);

/* Art 36. The last day on which the violation may be discovered: start (violation_end
 * when set, else violation) plus 2 years, or 5 for a named category with harmful
 * consequences, or limitation_years_override; the start day is not counted, the period
 * ends on the corresponding day (the month's last day when there is none, 民法典 Art
 * 202) and does not roll over rest days. 0, or -1 when no valid violation date is set. */
int case_limitation_last_day(const struct case_snapshot *s, struct zdate *last_r, int *years_r);

/* Art 63: 1 when penalty p for a party of type t gives the right to a hearing. */
int case_hearing_right(const struct case_config *cfg, enum case_party_type t,
		       const struct case_penalty *p);

/* Art 58: why legal review is needed for s (bits below), 0 when it is not. */
#define CASE_REVIEW_PUBLIC_INTEREST 0x01u /* 58(1) */
#define CASE_REVIEW_AFTER_HEARING   0x02u /* 58(2) */
#define CASE_REVIEW_COMPLEX         0x04u /* 58(3) */
#define CASE_REVIEW_OTHER_LAW       0x08u /* 58(4) */
#define CASE_REVIEW_AMOUNT          0x10u /* 58(4) via the agency's catalogue */
#define CASE_REVIEW_TYPE            0x20u /* 58(4) via the agency's catalogue */
unsigned case_legal_review_triggers(const struct case_config *cfg, const struct case_snapshot *s);
/* Art 57(2): 1 when the case needs collective discussion. */
int case_collective_discussion_needed(const struct case_snapshot *s);

/* Art 51: 1 when penalty p for party type t may be decided on the spot. Otherwise 0
 * and *why_r (may be NULL) is CR_SUMMARY_PENALTY_TYPE or CR_SUMMARY_FINE_LIMIT. */
int case_summary_eligible(const struct case_config *cfg, enum case_party_type t,
			  const struct case_penalty *p, enum case_req *why_r);

/* Arts 30, 31, 33, 36, 40: the no-penalty grounds that hold for s. */
#define CASE_NP_UNDER_14            0x01u /* Art 30: 不予 */
#define CASE_NP_LACKS_CAPACITY      0x02u /* Art 31: 不予 */
#define CASE_NP_MINOR_CORRECTED     0x04u /* Art 33(1) first: 不予 */
#define CASE_NP_FIRST_MINOR_HARM    0x08u /* Art 33(1) second: 可以不予 */
#define CASE_NP_NO_FAULT            0x10u /* Art 33(2): 不予 */
#define CASE_NP_LIMITATION          0x20u /* Art 36: 不再给予 */
#define CASE_NP_FACTS               0x40u /* Arts 40, 57(1)(3): 不得给予 */
#define CASE_NP_MUST (CASE_NP_UNDER_14 | CASE_NP_LACKS_CAPACITY | CASE_NP_MINOR_CORRECTED | \
		      CASE_NP_NO_FAULT | CASE_NP_LIMITATION | CASE_NP_FACTS)
unsigned case_no_penalty_grounds(const struct case_snapshot *s);
/* Art 30: 1 when the party is a person aged 14 to under 18 at the violation, so the
 * penalty must be lighter or mitigated (应当从轻或者减轻). */
int case_must_mitigate_minor(const struct case_snapshot *s);

/* Art 66(1), 72(1): what the party still owes on s, in fen: the decided fine and
 * confiscation while not paid (*principal_r), and the late fee while not paid
 * (*late_fee_r; frozen on the day the principal was paid, see docs/cases.md §6).
 * Either pointer may be NULL. Returns the sum. */
int64_t case_money_owed(const struct case_snapshot *s, int64_t *principal_r, int64_t *late_fee_r);
/* "1,234.56元" (grouped yuan with two decimals, "-" when negative) into b of n >= 24
 * bytes (48 holds any int64); returns b. */
const char *case_fen_yuan(int64_t fen, char *b, size_t n);
/* 1 when nothing is owed any more (case_money_owed == 0). */
int case_money_settled(const struct case_snapshot *s);

/* Art 29: an earlier fine on record. */
struct case_prior_fine {
	const char *case_no;    /* "柯综执罚〔2025〕7号" */
	const char *party_id;   /* USCC or ID number, canonical form */
	const char *item_code;  /* catalogue item of the act */
	struct zdate from, to;  /* period of the act; to unset = the single day from */
	int64_t fine_fen;
};
/* The first earlier fine that bars a new fine on the same party for the same act (same
 * item, periods overlapping, both ends included), or NULL. Pass only fines that still
 * stand (not revoked). */
const struct case_prior_fine *case_same_act_fine(const struct case_prior_fine *prior, size_t n,
						 const char *party_id, const char *item_code,
						 struct zdate from, struct zdate to);

/* ---- case numbers (文号) ---- */

enum case_number_kind {
	CASE_NO_PENALTY_DECISION = 1, /* 普通程序处罚决定: "罚" */
	CASE_NO_SUMMARY,              /* 简易程序当场处罚决定: "简罚" ⚠️ local practice varies */
	CASE_NO_FILING,               /* 立案: "立" */
	CASE_NO_NO_PENALTY,           /* 不予处罚决定: "不罚" */
	CASE_NO_REFERRAL,             /* 案件移送函: "移" */
};
/* Writes "<agency_short><kind>〔<year>〕<serial>号" (e.g. "柯综执罚〔2026〕12号") into
 * out. agency_short: 1..48 bytes, no ASCII space or control characters, no 〔〕;
 * year within the date range; serial 1..9999999. 0, or -1 with e filled (400
 * invalid_case_number) and out "" when outlen > 0. */
int case_number_format(const char *agency_short, enum case_number_kind kind, int year,
		       long serial, char *out, size_t outlen, struct zerr *e);

#endif
