#include "domain/case_body.h"

#include <string.h>

#include "core/buf.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define MEMBERS_MAX 8

static const struct {
	const char *name;
	enum case_member_type type;
	const char *what; /* for docs/cases.md §4 */
} members[] = {
	{ "reason", CM_TEXT, "理由或说明 (reason; required where `reason_given` guards the step)" },
	{ "filing_date", CM_DATE, "立案日期" },
	{ "investigators", CM_OFFICERS, "承办执法人员编号" },
	{ "preservation_on", CM_DATE, "先行登记保存日期" },
	{ "preservation_approved", CM_BOOL, "负责人已批准先行登记保存" },
	{ "penalty", CM_PENALTY, "处罚 {types, fine_fen, confiscation_fen}" },
	{ "notice_date", CM_DATE, "告知书送达日期" },
	{ "statement", CM_TEXT, "陈述申辩或书面放弃的内容" },
	{ "hearing_waived", CM_BOOL, "书面放弃听证" },
	{ "hearing_requested_on", CM_DATE, "要求听证日期" },
	{ "hearing_notified_on", CM_DATE, "听证通知日期" },
	{ "hearing_date", CM_DATE_AHEAD, "听证日期（可晚于今天）" },
	{ "presiding_officer_id", CM_TEXT, "听证主持人（执法人员编号）" },
	{ "passed", CM_BOOL, "法制审核是否通过" },
	{ "opinion", CM_TEXT, "审核意见或讨论结论" },
	{ "decision_date", CM_DATE, "决定日期" },
	{ "discretion", CM_DISCRETION, "裁量情节 {circumstances, reason_outside?}：系统依裁量基准认定档次和幅度" },
	{ "grounds", CM_GROUNDS, "不予处罚情形" },
	{ "service_date", CM_DATE, "送达日期" },
	{ "paid_on", CM_DATE, "缴款日期" },
	{ "late_fee_paid", CM_BOOL, "加处罚款一并缴清" },
	{ "amount_fen", CM_FEN, "缴款金额（分）：罚款（没收）款项，或连同加处罚款；罚款已缴的为尚欠的加处罚款" },
	{ "party_applied", CM_BOOL, "当事人已书面申请" },
	{ "deferred_until", CM_DATE_AHEAD, "暂缓缴纳至（缴款期限的最后一日）" },
	{ "instalments", CM_SCHEDULE, "分期计划 [{amount_fen, due}]，金额之和等于罚款" },
	{ "demand_served", CM_DATE, "催告书送达日期" },
	{ "days", CM_DAYS, "延长的日数" },
	{ "preservation_place", CM_TEXT, "保存地点（先行登记保存证据通知书）" },
	{ "preservation_manner", CM_TEXT, "保存方式" },
	{ "preservation_items", CM_ITEMS, "保存物品 [{name, spec?, quantity?, note?}]" },
	{ "hearing_time", CM_TIME, "听证开始时间 HH:MM（听证通知书）" },
	{ "hearing_place", CM_TEXT, "听证地点" },
	{ "hearing_clerk", CM_TEXT, "听证记录员" },
	{ "participants", CM_NAMES, "参加集体讨论的负责人姓名" },
	{ "conclusion", CM_TEXT, "集体讨论结论" },
	{ "discussion_place", CM_TEXT, "讨论地点" },
	{ "recorder", CM_TEXT, "记录人" },
	{ "to_agency_id", CM_TEXT, "受移送机关编号（移送管辖，须有管辖权）" },
	{ "report_officers", CM_OFFICERS, "专案组执法人员编号（两名以上，移送规定第五条）" },
	{ "transfer_report", CM_TEXT, "专案组书面报告：涉嫌犯罪的事实、证据和法律依据" },
};

/* The members each action reads besides `reason`, which every action reads (the step's
 * note on the timeline; required where `reason_given` guards it). */
static const char *const action_members[CASE_ACTION__COUNT][MEMBERS_MAX] = {
	[CA_FILE_CASE] = { "filing_date" },
	[CA_REFER_JURISDICTION] = { "to_agency_id" },
	[CA_START_INVESTIGATION] = { "investigators" },
	[CA_PRESERVE_EVIDENCE] = { "preservation_on", "preservation_approved", "preservation_place",
				   "preservation_manner", "preservation_items" },
	[CA_ISSUE_PRIOR_NOTICE] = { "penalty", "notice_date" },
	[CA_REISSUE_PRIOR_NOTICE] = { "penalty", "notice_date" },
	[CA_RECORD_STATEMENT] = { "statement" },
	[CA_RECORD_WAIVER] = { "statement", "hearing_waived" },
	[CA_REQUEST_HEARING] = { "hearing_requested_on" },
	[CA_SCHEDULE_HEARING] = { "hearing_notified_on", "hearing_date", "presiding_officer_id", "hearing_time",
				  "hearing_place", "hearing_clerk" },
	[CA_RECORD_LEGAL_REVIEW] = { "passed", "opinion" },
	[CA_RECORD_COLLECTIVE_DISCUSSION] = { "opinion", "participants", "conclusion", "discussion_place",
					      "recorder" },
	[CA_TRANSFER_CRIMINAL] = { "report_officers", "transfer_report" },
	[CA_DECIDE_PENALTY] = { "penalty", "decision_date", "discretion" },
	[CA_DECIDE_NO_PENALTY] = { "grounds", "decision_date" },
	[CA_SERVE_DECISION] = { "service_date" },
	[CA_DECIDE_ON_THE_SPOT] = { "penalty", "decision_date" },
	[CA_COLLECT_ON_THE_SPOT] = { "paid_on" },
	[CA_RECORD_PAYMENT] = { "paid_on", "late_fee_paid", "amount_fen" },
	[CA_APPROVE_DEFERRAL] = { "party_applied", "deferred_until" },
	[CA_APPROVE_INSTALMENTS] = { "party_applied", "instalments" },
	[CA_ISSUE_DEMAND] = { "demand_served" },
	[CA_PAY_INSTALMENT] = { "paid_on" },
	[CA_EXTEND_DEADLINE] = { "days" },
};

static enum case_member_type type_of(const char *name)
{
	size_t i;

	for (i = 0; i < N(members); i++)
		if (strcmp(members[i].name, name) == 0)
			return members[i].type;
	return CM_NONE;
}

enum case_member_type case_body_member(enum case_action a, const char *name)
{
	size_t i;

	if (a <= CASE_ACTION_NONE || a >= CASE_ACTION__COUNT || !name)
		return CM_NONE;
	if (strcmp(name, "reason") == 0)
		return CM_TEXT;
	for (i = 0; i < MEMBERS_MAX && action_members[a][i]; i++)
		if (strcmp(action_members[a][i], name) == 0)
			return type_of(name);
	return CM_NONE;
}

size_t case_body_members(enum case_action a, const char **names, size_t max)
{
	size_t i, n = 0;

	if (a <= CASE_ACTION_NONE || a >= CASE_ACTION__COUNT)
		return 0;
	for (i = 0; i < MEMBERS_MAX && action_members[a][i] && n < max; i++)
		names[n++] = action_members[a][i];
	if (n < max)
		names[n++] = "reason";
	return n;
}

int case_body_markdown(struct buf *b)
{
	const char *names[MEMBERS_MAX + 1];
	size_t i, j, n;
	int a;

	if (buf_adds(b, "| action | 操作 | members besides `reason` |\n| --- | --- | --- |\n"))
		return -1;
	for (a = CASE_ACTION_NONE + 1; a < CASE_ACTION__COUNT; a++) {
		n = case_body_members((enum case_action)a, names, N(names));
		if (buf_addf(b, "| `%s` | %s | ", case_action_name((enum case_action)a),
			     case_action_zh((enum case_action)a)))
			return -1;
		if (n <= 1 && buf_adds(b, "—"))
			return -1;
		for (j = 0; j + 1 < n; j++)
			if (buf_addf(b, "%s`%s`", j ? ", " : "", names[j]))
				return -1;
		if (buf_adds(b, " |\n"))
			return -1;
	}
	if (buf_adds(b, "\n| member | 说明 |\n| --- | --- |\n"))
		return -1;
	for (i = 0; i < N(members); i++)
		if (buf_addf(b, "| `%s` | %s |\n", members[i].name, members[i].what))
			return -1;
	return 0;
}

int case_body_yaml(struct buf *b)
{
	const char *names[MEMBERS_MAX + 1];
	size_t j, n;
	int a;

	if (buf_adds(b, "      x-action-members:\n"))
		return -1;
	for (a = CASE_ACTION_NONE + 1; a < CASE_ACTION__COUNT; a++) {
		n = case_body_members((enum case_action)a, names, N(names));
		if (buf_addf(b, "        %s: [", case_action_name((enum case_action)a)))
			return -1;
		for (j = 0; j < n; j++)
			if (buf_addf(b, "%s%s", j ? ", " : "", names[j]))
				return -1;
		if (buf_adds(b, "]\n"))
			return -1;
	}
	return 0;
}
