/* records.c: one field table per record type; everything else is derived. */
#include "api/records.h"

#include <string.h>

#include "core/valid.h"
#include "domain/case_money.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int check_region_code(const char *s)
{
	return region_code_level(s) != REGION_INVALID;
}

static int check_uscc(const char *s)
{
	return valid_uscc(s);
}

static int check_id_number(const char *s)
{
	struct zdate today;

	/* a birth date may not lie after today in China (UTC+8) */
	return zdate_from_time(time(NULL), 8 * 3600, &today) == 0 && valid_id_number(s, today);
}

static const char *const region_levels[] = { "province", "city", "county", "township", "village", NULL };

static const struct field region_fields[] = {
	{ .json = "code", .col = "code", .type = FT_TEXT, .flags = FF_REQ | FF_FIXED | FF_KEY,
	  .maxlen = 12, .check = check_region_code,
	  .check_msg = "行政区划代码应为 6 位 (GB/T 2260) 或 12 位统计用区划代码 (invalid region code)",
	  .zh = "行政区划代码" },
	{ .json = "name", .col = "name", .type = FT_TEXT, .flags = FF_REQ, .maxlen = 60, .zh = "名称" },
	{ .json = "level", .col = "level", .type = FT_ENUM, .flags = FF_RO, .values = region_levels,
	  .zh = "层级" },
	{ .json = "parent_code", .col = "parent_code", .type = FT_TEXT, .flags = FF_NULL | FF_FIXED,
	  .maxlen = 12, .check = check_region_code, .check_msg = "上级区划代码无效 (invalid parent code)",
	  .zh = "上级行政区划" },
	{ .json = "created_at", .col = "created_at", .type = FT_TS, .zh = "创建时间" },
};

const struct record rec_region = {
	.name = "region", .zh = "行政区划", .table = "regions", .alias = "g",
	.from = "regions g", .key_sel = "g.code",
	.fields = region_fields, .nfields = N(region_fields),
};

static const char *const agency_kinds[] = { "comprehensive", "departmental", "township", NULL };

static const struct field agency_fields[] = {
	{ .json = "id", .col = "public_id", .type = FT_UUID, .flags = FF_KEY, .zh = "编号" },
	{ .json = "name", .col = "name", .type = FT_TEXT, .flags = FF_REQ, .maxlen = 100,
	  .zh = "执法主体名称" },
	{ .json = "uscc", .col = "uscc", .type = FT_TEXT, .flags = FF_REQ | FF_UNIQUE, .maxlen = 18,
	  .check = check_uscc,
	  .check_msg = "统一社会信用代码无效：应为 18 位且校验位符合 GB 32100 (invalid USCC)",
	  .zh = "统一社会信用代码" },
	{ .json = "region_code", .col = "region_code", .type = FT_TEXT, .flags = FF_REQ,
	  .maxlen = 12, .check = check_region_code, .check_msg = "行政区划代码无效 (invalid region code)",
	  .zh = "所属行政区划" },
	{ .json = "region_name", .sel = "g.name", .type = FT_TEXT, .flags = FF_JOIN, .zh = "行政区划名称" },
	{ .json = "kind", .col = "kind", .type = FT_ENUM, .flags = FF_REQ, .values = agency_kinds,
	  .zh = "主体类型" },
	{ .json = "domain", .col = "domain", .type = FT_TEXT, .maxlen = 40, .zh = "执法领域" },
	{ .json = "created_at", .col = "created_at", .type = FT_TS, .zh = "创建时间" },
	{ .json = "updated_at", .col = "updated_at", .type = FT_TS, .flags = FF_TOUCH, .zh = "更新时间" },
};

const struct record rec_agency = {
	.name = "agency", .zh = "执法主体", .table = "agencies", .alias = "a",
	.from = "agencies a JOIN regions g ON g.code = a.region_code", .key_sel = "a.public_id", .id_col = "id",
	.fields = agency_fields, .nfields = N(agency_fields),
};

static const char *const officer_status[] = { "active", "suspended", "revoked", NULL };

static const struct field officer_fields[] = {
	{ .json = "id", .col = "public_id", .type = FT_UUID, .flags = FF_KEY, .zh = "编号" },
	{ .json = "agency_id", .col = "agency_id", .sel = "a.public_id", .type = FT_REF,
	  .flags = FF_REQ, .zh = "所属执法主体" },
	{ .json = "agency_name", .sel = "a.name", .type = FT_TEXT, .flags = FF_JOIN, .zh = "执法主体名称" },
	{ .json = "region_code", .sel = "a.region_code", .type = FT_TEXT, .flags = FF_JOIN,
	  .zh = "所属行政区划" },
	{ .json = "name", .col = "name", .type = FT_TEXT, .flags = FF_REQ, .maxlen = 40, .zh = "姓名" },
	{ .json = "id_number", .col = "id_number", .type = FT_TEXT, .flags = FF_REQ | FF_MASK_ID | FF_UNIQUE,
	  .maxlen = 18, .check = check_id_number,
	  .check_msg = "公民身份号码无效：应为 18 位，出生日期有效且校验码符合 GB 11643 (invalid ID number)",
	  .zh = "公民身份号码" },
	{ .json = "cert_no", .col = "cert_no", .type = FT_TEXT, .flags = FF_REQ | FF_UNIQUE, .maxlen = 32,
	  .zh = "执法证号" },
	{ .json = "cert_issued", .col = "cert_issued", .type = FT_DATE, .flags = FF_REQ,
	  .zh = "发证日期" },
	{ .json = "cert_expires", .col = "cert_expires", .type = FT_DATE, .flags = FF_NULL,
	  .zh = "有效期至" },
	{ .json = "status", .col = "status", .type = FT_ENUM, .values = officer_status,
	  .zh = "证件状态" },
	{ .json = "legal_qualified", .col = "legal_qualified", .type = FT_BOOL,
	  .zh = "法律职业资格" },
	{ .json = "training_hours", .col = "training_hours", .type = FT_INT, .min = 0, .max = 10000,
	  .zh = "年度培训学时" },
	{ .json = "created_at", .col = "created_at", .type = FT_TS, .zh = "创建时间" },
	{ .json = "updated_at", .col = "updated_at", .type = FT_TS, .flags = FF_TOUCH, .zh = "更新时间" },
};

const struct record rec_officer = {
	.name = "officer", .zh = "执法人员", .table = "officers", .alias = "o",
	.from = "officers o JOIN agencies a ON a.id = o.agency_id", .key_sel = "o.public_id", .id_col = "id",
	.fields = officer_fields, .nfields = N(officer_fields),
};

static int check_username(const char *s)
{
	return auth_username_ok(s);
}

static const struct field user_fields[] = {
	{ .json = "username", .col = "username", .type = FT_TEXT,
	  .flags = FF_REQ | FF_FIXED | FF_KEY | FF_UNIQUE, .maxlen = 32, .check = check_username,
	  .check_msg = AUTH_USERNAME_MSG, .zh = "用户名" },
	{ .json = "display_name", .col = "display_name", .type = FT_TEXT, .flags = FF_REQ,
	  .maxlen = 40, .zh = "姓名" },
	{ .json = "role", .col = "role", .type = FT_ENUM, .flags = FF_REQ, .values = auth_role_names,
	  .zh = "角色" },
	{ .json = "agency_id", .col = "agency_id", .sel = "a.public_id", .type = FT_REF,
	  .flags = FF_NULL | FF_FIXED, .zh = "所属执法主体" },
	{ .json = "agency_name", .sel = "a.name", .type = FT_TEXT, .flags = FF_JOIN, .zh = "执法主体名称" },
	{ .json = "agency_region_code", .sel = "a.region_code", .type = FT_TEXT, .flags = FF_JOIN,
	  .zh = "执法主体所属行政区划" },
	{ .json = "region_code", .col = "region_code", .type = FT_TEXT, .flags = FF_NULL | FF_FIXED,
	  .maxlen = 12, .check = check_region_code, .check_msg = "行政区划代码无效 (invalid region code)",
	  .zh = "管辖行政区划" },
	{ .json = "officer_id", .col = "officer_id", .sel = "uo.public_id", .type = FT_REF, .flags = FF_NULL,
	  .zh = "对应的执法人员" },
	{ .json = "disabled", .col = "disabled", .type = FT_BOOL, .zh = "已停用" },
	{ .json = "failed_logins", .col = "failed_logins", .type = FT_INT, .flags = FF_RO | FF_VOLATILE,
	  .zh = "连续登录失败次数" },
	{ .json = "locked_until", .col = "locked_until", .type = FT_TEXT, .flags = FF_RO | FF_NULL | FF_VOLATILE,
	  .zh = "锁定至 (UTC)" },
	{ .json = "created_at", .col = "created_at", .type = FT_TS, .zh = "创建时间" },
};

/* The password is not a field: it is taken from the request, checked by
 * auth_password_ok and stored only as a scrypt hash by domain/auth.c. */
const struct record rec_user = {
	.name = "user", .zh = "用户", .table = "users", .alias = "u",
	.from = "users u LEFT JOIN agencies a ON a.id = u.agency_id LEFT JOIN officers uo ON uo.id = u.officer_id", .key_sel = "u.username",
	.id_col = "id", .fields = user_fields, .nfields = N(user_fields),
};

/* ---- penalty cases (docs/cases.md §10) ---- */

static const char *const party_kinds[] = { "person", "organisation", NULL };

static const struct field party_fields[] = {
	{ .json = "id", .col = "public_id", .type = FT_UUID, .flags = FF_KEY, .zh = "编号" },
	{ .json = "kind", .col = "kind", .type = FT_ENUM, .flags = FF_REQ | FF_FIXED, .values = party_kinds,
	  .zh = "当事人类型" },
	{ .json = "name", .col = "name", .type = FT_TEXT, .flags = FF_REQ, .maxlen = 100, .zh = "名称或姓名" },
	{ .json = "id_number", .col = "id_number", .type = FT_TEXT,
	  .flags = FF_NULL | FF_FIXED | FF_MASK_ID | FF_UNIQUE, .maxlen = 18, .check = check_id_number,
	  .check_msg = "公民身份号码无效：应为 18 位，出生日期有效且校验码符合 GB 11643 (invalid ID number)",
	  .zh = "公民身份号码" },
	{ .json = "uscc", .col = "uscc", .type = FT_TEXT, .flags = FF_NULL | FF_FIXED | FF_UNIQUE, .maxlen = 18,
	  .check = check_uscc,
	  .check_msg = "统一社会信用代码无效：应为 18 位且校验位符合 GB 32100 (invalid USCC)",
	  .zh = "统一社会信用代码" },
	{ .json = "birth_date", .col = "birth_date", .type = FT_DATE, .flags = FF_RO | FF_NULL,
	  .zh = "出生日期" },
	{ .json = "address", .col = "address", .type = FT_TEXT, .maxlen = 200, .zh = "住所或地址" },
	{ .json = "legal_rep", .col = "legal_rep", .type = FT_TEXT, .maxlen = 40, .zh = "法定代表人（负责人）" },
	{ .json = "phone", .col = "phone", .type = FT_TEXT, .maxlen = 30, .zh = "联系电话" },
	{ .json = "created_at", .col = "created_at", .type = FT_TS, .zh = "创建时间" },
	{ .json = "updated_at", .col = "updated_at", .type = FT_TS, .flags = FF_TOUCH, .zh = "更新时间" },
};

const struct record rec_party = {
	.name = "party", .zh = "当事人", .table = "parties", .alias = "p",
	.from = "parties p", .key_sel = "p.public_id", .id_col = "id",
	.fields = party_fields, .nfields = N(party_fields),
};

static const char *const case_procedures[] = { "ordinary", "summary", NULL };
static const char *const case_sources[] = { "inspection", "complaint", "hotline", "referral", "device",
					    "other", NULL };
static const char *const case_limitations[] = { "ordinary", "life_health_safety", "financial_security",
						NULL };

#define CASE_RO_BOOL(j, z) { .json = (j), .col = (j), .type = FT_BOOL, .flags = FF_RO, .zh = (z) }
#define CASE_RO_DATE(j, z) { .json = (j), .col = (j), .type = FT_DATE, .flags = FF_RO | FF_NULL, .zh = (z) }
#define CASE_RO_FEN(j, z) { .json = (j), .col = (j), .type = FT_INT, .flags = FF_RO, .min = 0, \
			    .max = CASE_FEN_MAX, .zh = (z) }

static const struct field case_fields[] = {
	{ .json = "id", .col = "public_id", .type = FT_UUID, .flags = FF_KEY, .zh = "编号" },
	{ .json = "agency_id", .col = "agency_id", .sel = "a.public_id", .type = FT_REF, .flags = FF_RO,
	  .zh = "办案机关" },
	{ .json = "agency_name", .sel = "a.name", .type = FT_TEXT, .flags = FF_JOIN, .zh = "办案机关名称" },
	{ .json = "agency_region_code", .sel = "a.region_code", .type = FT_TEXT, .flags = FF_JOIN,
	  .zh = "办案机关所属行政区划" },
	{ .json = "party_id", .col = "party_id", .sel = "p.public_id", .type = FT_REF,
	  .flags = FF_REQ | FF_FIXED, .zh = "当事人" },
	{ .json = "party_name", .sel = "p.name", .type = FT_TEXT, .flags = FF_JOIN, .zh = "当事人名称" },
	{ .json = "party_kind", .sel = "p.kind", .type = FT_ENUM, .flags = FF_JOIN, .values = party_kinds,
	  .zh = "当事人类型" },
	{ .json = "procedure", .col = "procedure", .type = FT_ENUM, .flags = FF_RO, .values = case_procedures,
	  .zh = "程序" },
	{ .json = "state", .col = "state", .type = FT_TEXT, .flags = FF_RO, .zh = "环节" },
	{ .json = "previous_state", .col = "previous_state", .type = FT_TEXT, .flags = FF_RO | FF_NULL,
	  .zh = "上一环节" },
	{ .json = "case_no", .col = "case_no", .type = FT_TEXT, .flags = FF_RO | FF_NULL, .zh = "立案编号" },
	{ .json = "decision_no", .col = "decision_no", .type = FT_TEXT, .flags = FF_RO | FF_NULL,
	  .zh = "决定书文号" },
	{ .json = "item_code", .col = "item_code", .type = FT_TEXT, .flags = FF_REQ | FF_FIXED, .maxlen = 8,
	  .check = case_item_code_ok, .check_msg = CASE_ITEM_CODE_MSG, .zh = "执法事项编码" },
	{ .json = "cause", .col = "cause", .type = FT_TEXT, .flags = FF_REQ, .maxlen = 200, .zh = "案由" },
	{ .json = "source", .col = "source", .type = FT_ENUM, .flags = FF_REQ | FF_FIXED, .values = case_sources,
	  .zh = "案件来源" },
	{ .json = "place_region", .col = "place_region", .type = FT_TEXT, .flags = FF_REQ | FF_FIXED,
	  .maxlen = 12, .check = check_region_code, .check_msg = "行政区划代码无效 (invalid region code)",
	  .zh = "违法行为发生地" },
	{ .json = "place", .col = "place", .type = FT_TEXT, .maxlen = 200, .zh = "违法行为地点" },
	{ .json = "facts", .col = "facts", .type = FT_TEXT, .maxlen = 4000, .zh = "违法事实" },
	{ .json = "violation_date", .col = "violation_date", .type = FT_DATE, .flags = FF_REQ | FF_FIXED,
	  .zh = "违法行为发生日期" },
	{ .json = "violation_end", .col = "violation_end", .type = FT_DATE, .flags = FF_NULL | FF_FIXED,
	  .zh = "违法行为终了日期" },
	{ .json = "discovery_date", .col = "discovery_date", .type = FT_DATE, .flags = FF_REQ | FF_FIXED,
	  .zh = "发现日期" },
	CASE_RO_DATE("filing_date", "立案日期"),
	CASE_RO_DATE("notice_date", "事先告知书送达日期"),
	CASE_RO_DATE("decision_date", "决定日期"),
	CASE_RO_DATE("service_date", "决定书送达日期"),
	{ .json = "limitation_category", .col = "limitation_category", .type = FT_ENUM,
	  .values = case_limitations, .zh = "追责期限类别" },
	{ .json = "harmful_consequences", .col = "harmful_consequences", .type = FT_BOOL, .zh = "有危害后果" },
	{ .json = "complex_case", .col = "complex_case", .type = FT_BOOL, .zh = "情节复杂" },
	{ .json = "major_violation", .col = "major_violation", .type = FT_BOOL, .zh = "重大违法行为" },
	{ .json = "major_public_interest", .col = "major_public_interest", .type = FT_BOOL,
	  .zh = "涉及重大公共利益" },
	{ .json = "investigators", .col = "investigators", .type = FT_TEXT, .flags = FF_RO,
	  .zh = "承办人（执法人员编号，逗号分隔）" },
	{ .json = "intended_types", .col = "intended_types", .type = FT_TEXT, .flags = FF_RO,
	  .zh = "拟作出（决定后为已决定）的处罚种类" },
	CASE_RO_FEN("intended_fine_fen", "罚款（分）"),
	CASE_RO_FEN("intended_confiscation_fen", "没收金额（分）"),
	{ .json = "notified_types", .col = "notified_types", .type = FT_TEXT, .flags = FF_RO,
	  .zh = "告知的处罚种类" },
	CASE_RO_FEN("notified_fine_fen", "告知的罚款（分）"),
	CASE_RO_FEN("notified_confiscation_fen", "告知的没收金额（分）"),
	CASE_RO_BOOL("statement_received", "已听取陈述申辩"),
	CASE_RO_BOOL("statement_waived", "当事人书面放弃陈述申辩"),
	CASE_RO_DATE("hearing_requested_on", "要求听证日期"),
	CASE_RO_DATE("hearing_notified_on", "听证通知日期"),
	CASE_RO_DATE("hearing_date", "听证日期"),
	{ .json = "hearing_presiding", .col = "hearing_presiding", .type = FT_TEXT, .flags = FF_RO | FF_NULL,
	  .zh = "听证主持人（执法人员编号）" },
	CASE_RO_BOOL("hearing_held", "已举行听证"),
	CASE_RO_BOOL("hearing_waived", "放弃听证"),
	CASE_RO_BOOL("legal_review_done", "已法制审核"),
	CASE_RO_BOOL("legal_review_passed", "法制审核通过"),
	CASE_RO_BOOL("legal_reviewer_qualified", "审核人员具备资格"),
	CASE_RO_BOOL("collective_discussion_held", "已集体讨论"),
	CASE_RO_DATE("preservation_on", "先行登记保存日期"),
	CASE_RO_BOOL("preservation_approved", "先行登记保存经批准"),
	CASE_RO_BOOL("preservation_decided", "登记保存证据已处理"),
	{ .json = "no_penalty_grounds", .col = "no_penalty_grounds", .type = FT_TEXT, .flags = FF_RO,
	  .zh = "不予处罚情形（逗号分隔）" },
	CASE_RO_BOOL("fine_paid", "已缴纳"),
	CASE_RO_DATE("paid_on", "缴纳日期"),
	CASE_RO_BOOL("transfer_receipt_recorded", "已登记移送回执"),
	CASE_RO_BOOL("remedy_pending", "复议或诉讼中"),
	{ .json = "submitted_by", .col = "submitted_by", .type = FT_INT, .flags = FF_RO, .min = 0,
	  .max = INT64_MAX, .zh = "提交人（内部编号）" },
	CASE_RO_BOOL("submission_acted_on", "提交的事项已开始处理"),
	CASE_RO_BOOL("flagged_for_supervision", "裁量越档，提请监督"),
	{ .json = "discretion", .col = "discretion", .type = FT_TEXT, .flags = FF_RO | FF_NULL,
	  .zh = "裁量基准适用（JSON）" },
	{ .json = "created_by", .col = "created_by", .type = FT_TEXT, .flags = FF_RO, .zh = "登记人" },
	{ .json = "created_at", .col = "created_at", .type = FT_TS, .zh = "创建时间" },
	{ .json = "updated_at", .col = "updated_at", .type = FT_TS, .flags = FF_TOUCH, .zh = "更新时间" },
};

const struct record rec_case = {
	.name = "case", .zh = "案件", .table = "cases", .alias = "c",
	.from = "cases c JOIN agencies a ON a.id = c.agency_id JOIN parties p ON p.id = c.party_id",
	.key_sel = "c.public_id", .id_col = "id",
	.fields = case_fields, .nfields = N(case_fields),
};

static const char *const case_record_kinds[] = { "inspection", "inquiry", NULL };

static const struct field case_record_fields[] = {
	{ .json = "id", .col = "public_id", .type = FT_UUID, .flags = FF_KEY, .zh = "编号" },
	{ .json = "case_id", .col = "case_id", .sel = "c.public_id", .type = FT_REF, .flags = FF_RO,
	  .zh = "案件" },
	{ .json = "kind", .col = "kind", .type = FT_ENUM, .flags = FF_REQ | FF_FIXED, .values = case_record_kinds,
	  .zh = "笔录种类" },
	{ .json = "date", .col = "record_date", .type = FT_DATE, .flags = FF_REQ | FF_FIXED, .zh = "笔录日期" },
	{ .json = "officers", .col = "officers", .type = FT_TEXT, .flags = FF_RO,
	  .zh = "执法人员及其当日证件状态（JSON）" },
	{ .json = "summary", .col = "summary", .type = FT_TEXT, .maxlen = 4000, .zh = "笔录摘要" },
	{ .json = "created_at", .col = "created_at", .type = FT_TS, .zh = "创建时间" },
};

const struct record rec_case_record = {
	.name = "case_record", .zh = "笔录", .table = "case_records", .alias = "r",
	.from = "case_records r JOIN cases c ON c.id = r.case_id", .key_sel = "r.public_id", .id_col = "id",
	.fields = case_record_fields, .nfields = N(case_record_fields),
};

const struct record *const record_types[] = { &rec_region, &rec_agency, &rec_officer, &rec_user,
					      &rec_party, &rec_case, &rec_case_record, NULL };

const struct record *record_by_name(const char *name)
{
	size_t i;

	for (i = 0; record_types[i]; i++)
		if (strcmp(record_types[i]->name, name) == 0)
			return record_types[i];
	return NULL;
}
