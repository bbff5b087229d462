#include "domain/case_body.h"

#include <string.h>

#include <jansson.h>

#include "core/buf.h"
#include "core/err.h"

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
	{ "statement", CM_TEXT, "陈述申辩或书面放弃的内容；听证中当事人的陈述、申辩和质证意见（听证笔录）" },
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
	{ "participants", CM_NAMES, "参加集体讨论的负责人姓名；到场听证的当事人及其代理人（听证笔录）" },
	{ "conclusion", CM_TEXT, "集体讨论结论；听证主持人意见（听证笔录）" },
	{ "discussion_place", CM_TEXT, "讨论地点" },
	{ "recorder", CM_TEXT, "记录人" },
	{ "to_agency_id", CM_TEXT, "受移送机关编号（移送管辖，须有管辖权）" },
	{ "report_officers", CM_OFFICERS, "专案组执法人员编号（两名以上，移送规定第五条）" },
	{ "transfer_report", CM_TEXT, "专案组书面报告：涉嫌犯罪的事实、证据和法律依据" },
	{ "hearing_end_time", CM_TIME, "听证结束时间 HH:MM（听证笔录）" },
	{ "investigators_case", CM_TEXT, "调查人员在听证中提出的违法事实、证据和处罚建议（听证笔录）" },
	{ "disposal", CM_DISPOSAL, "登记保存证据的处理：release 解除并返还、measures 采取证据保全措施后解除、inspection 送交检测检验检疫或技术鉴定、transfer 移交有关部门、seizure 依法查封扣押" },
	{ "disposal_note", CM_TEXT, "处理决定的说明（检验机构、移交部门等）" },
};

static const char *const disposals[][2] = {
	{ "release", "解除先行登记保存，将上述物品返还当事人" },
	{ "measures", "对上述物品采取记录、复制、拍照、录像等证据保全措施后，解除先行登记保存，将物品返还当事人" },
	{ "inspection", "将上述物品送交检测、检验、检疫或者技术鉴定" },
	{ "transfer", "将上述物品移交有关部门依法处理" },
	{ "seizure", "对上述物品依法采取查封、扣押措施，另行制作查封、扣押决定书" },
};

const char *case_body_disposal(size_t i, const char **zh_r)
{
	if (i >= N(disposals))
		return NULL;
	if (zh_r)
		*zh_r = disposals[i][1];
	return disposals[i][0];
}

int case_body_disposal_ok(const char *code)
{
	size_t i;

	for (i = 0; code && i < N(disposals); i++)
		if (strcmp(code, disposals[i][0]) == 0)
			return 1;
	return 0;
}

/* The members each action reads besides `reason`, which every action reads (the step's
 * note on the timeline; required where `reason_given` guards it). R marks a member the
 * body must carry: without it the step is 400 naming it (case_body_check_required), the
 * docs mark it and the web form asks for it (x-action-required). A member whose absence a
 * guard explains with its article (the penalty of a notice, the no-penalty grounds, the
 * head's approval of a preservation) is not marked: the guard answers. */
struct action_member {
	const char *name;
	int required;
};
#define R(n) { n, 1 }
#define O(n) { n, 0 }
static const struct action_member action_members[CASE_ACTION__COUNT][MEMBERS_MAX] = {
	[CA_FILE_CASE] = { O("filing_date") },
	[CA_REFER_JURISDICTION] = { R("to_agency_id") },
	[CA_START_INVESTIGATION] = { R("investigators") },
	[CA_DECIDE_PRESERVED_EVIDENCE] = { R("disposal"), O("disposal_note") },
	[CA_PRESERVE_EVIDENCE] = { O("preservation_on"), O("preservation_approved"), R("preservation_place"),
				   O("preservation_manner"), R("preservation_items") },
	[CA_ISSUE_PRIOR_NOTICE] = { O("penalty"), O("notice_date") },
	[CA_REISSUE_PRIOR_NOTICE] = { O("penalty"), O("notice_date") },
	[CA_RECORD_STATEMENT] = { O("statement") },
	[CA_RECORD_WAIVER] = { O("statement"), O("hearing_waived") },
	[CA_REQUEST_HEARING] = { O("hearing_requested_on") },
	[CA_HOLD_HEARING] = { R("participants"), O("hearing_end_time"), R("investigators_case"), R("statement"),
			      O("conclusion") },
	[CA_SCHEDULE_HEARING] = { O("hearing_notified_on"), R("hearing_date"), R("presiding_officer_id"),
				  R("hearing_time"), R("hearing_place"), O("hearing_clerk") },
	[CA_RECORD_LEGAL_REVIEW] = { R("passed"), O("opinion") },
	[CA_RECORD_COLLECTIVE_DISCUSSION] = { O("opinion"), R("participants"), R("conclusion"),
					      O("discussion_place"), O("recorder") },
	[CA_TRANSFER_CRIMINAL] = { O("report_officers"), O("transfer_report") },
	[CA_DECIDE_PENALTY] = { R("penalty"), O("decision_date"), O("discretion") },
	[CA_DECIDE_NO_PENALTY] = { O("grounds"), O("decision_date") },
	[CA_SERVE_DECISION] = { O("service_date") },
	[CA_DECIDE_ON_THE_SPOT] = { R("penalty"), O("decision_date"), O("discretion") },
	[CA_COLLECT_ON_THE_SPOT] = { O("paid_on") },
	[CA_RECORD_PAYMENT] = { O("paid_on"), O("late_fee_paid"), O("amount_fen") },
	[CA_APPROVE_DEFERRAL] = { O("party_applied"), R("deferred_until") },
	[CA_APPROVE_INSTALMENTS] = { O("party_applied"), R("instalments") },
	[CA_ISSUE_DEMAND] = { O("demand_served") },
	[CA_PAY_INSTALMENT] = { O("paid_on") },
	[CA_EXTEND_DEADLINE] = { R("days") },
};
#undef R
#undef O

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
	for (i = 0; i < MEMBERS_MAX && action_members[a][i].name; i++)
		if (strcmp(action_members[a][i].name, name) == 0)
			return type_of(name);
	return CM_NONE;
}

size_t case_body_members(enum case_action a, const char **names, size_t max)
{
	size_t i, n = 0;

	if (a <= CASE_ACTION_NONE || a >= CASE_ACTION__COUNT)
		return 0;
	for (i = 0; i < MEMBERS_MAX && action_members[a][i].name && n < max; i++)
		names[n++] = action_members[a][i].name;
	if (n < max)
		names[n++] = "reason";
	return n;
}

static const char *what_of(const char *name)
{
	size_t i;

	for (i = 0; i < N(members); i++)
		if (strcmp(members[i].name, name) == 0)
			return members[i].what;
	return name;
}

int case_body_required(enum case_action a, const char *name)
{
	size_t i;

	if (a <= CASE_ACTION_NONE || a >= CASE_ACTION__COUNT || !name)
		return 0;
	for (i = 0; i < MEMBERS_MAX && action_members[a][i].name; i++)
		if (strcmp(action_members[a][i].name, name) == 0)
			return action_members[a][i].required;
	return 0;
}

size_t case_body_required_members(enum case_action a, const char **names, size_t max)
{
	size_t i, n = 0;

	if (a <= CASE_ACTION_NONE || a >= CASE_ACTION__COUNT)
		return 0;
	for (i = 0; i < MEMBERS_MAX && action_members[a][i].name && n < max; i++)
		if (action_members[a][i].required)
			names[n++] = action_members[a][i].name;
	return n;
}

int case_body_check_required(enum case_action a, const json_t *body, struct zerr *e)
{
	int bad = 0;
	size_t i;

	if (a <= CASE_ACTION_NONE || a >= CASE_ACTION__COUNT)
		return 0;
	for (i = 0; i < MEMBERS_MAX && action_members[a][i].name; i++) {
		const char *name = action_members[a][i].name;
		json_t *v = json_object_get(body, name);
		const char *text = json_string_value(v);
		size_t k = 0;

		if (!action_members[a][i].required)
			continue;
		if (text) /* blank text is no text */
			while (text[k] == ' ' || text[k] == '\t' || text[k] == '\n' || text[k] == '\r')
				k++;
		if (!v || json_is_null(v) || (text && !text[k])) {
			zerr_field(e, name, "必填：%s (required by %s)", what_of(name), case_action_name(a));
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}

int case_body_markdown(struct buf *b)
{
	const char *names[MEMBERS_MAX + 1];
	size_t i, j, n;
	int a;

	if (buf_adds(b, "| action | 操作 | members besides `reason` | required (400 naming it when missing) |\n"
			"| --- | --- | --- | --- |\n"))
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
		if (buf_adds(b, " | "))
			return -1;
		n = case_body_required_members((enum case_action)a, names, N(names));
		if (n == 0 && buf_adds(b, "—"))
			return -1;
		for (j = 0; j < n; j++)
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
	if (buf_adds(b, "      x-action-required:\n"))
		return -1;
	for (a = CASE_ACTION_NONE + 1; a < CASE_ACTION__COUNT; a++) {
		n = case_body_required_members((enum case_action)a, names, N(names));
		if (n == 0)
			continue;
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
