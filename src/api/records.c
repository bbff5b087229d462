/* records.c: one field table per record type; everything else is derived. */
#include "api/records.h"

#include <string.h>

#include "core/valid.h"
#include "domain/catalog.h"

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
	.from = "users u LEFT JOIN agencies a ON a.id = u.agency_id", .key_sel = "u.username",
	.id_col = "id", .fields = user_fields, .nfields = N(user_fields),
};

/* ---- the enforcement-item catalog (domain/catalog.h holds its rules) ---- */

static int check_item_code(const char *s)
{
	return catalog_code_valid(s);
}

static int check_proposal(json_t *v, char *msg, size_t len)
{
	if (!json_is_object(v)) {
		snprintf(msg, len, "应为对象：新版本的字段 (an object: the new version's members)");
		return 0;
	}
	return 1;
}

#define BASIS_SCHEMA "{\"type\":\"array\",\"minItems\":1,\"maxItems\":20,\"items\":{\"type\":\"object\"," \
	"\"required\":[\"law\",\"article\"],\"additionalProperties\":false,\"properties\":{" \
	"\"law\":{\"type\":\"string\",\"maxLength\":200,\"description\":\"法律、法规名称（不带书名号）\"}," \
	"\"article\":{\"type\":\"string\",\"maxLength\":40,\"description\":\"条：第N条\"}," \
	"\"paragraph\":{\"type\":\"string\",\"maxLength\":40,\"description\":\"款：第N款\"}," \
	"\"item\":{\"type\":\"string\",\"maxLength\":40,\"description\":\"项：第N项\"}," \
	"\"text\":{\"type\":\"string\",\"maxLength\":4000,\"description\":\"条文\"}}}}"
#define PENALTY_SCHEMA "{\"type\":\"array\",\"uniqueItems\":true,\"items\":{\"type\":\"string\",\"enum\":[" \
	"\"warning\",\"circulated_criticism\",\"fine\",\"confiscate_gains\",\"confiscate_property\"," \
	"\"suspend_permit\",\"downgrade_qualification\",\"revoke_permit\",\"restrict_business\"," \
	"\"stop_business\",\"order_closure\",\"occupational_ban\",\"detention\",\"other\"]}}"

/* code comes first: lists are ordered by it and the first column is the cursor */
static const struct field catalog_version_fields[] = {
	{ .json = "code", .col = "code", .type = FT_TEXT, .flags = FF_REQ | FF_FIXED, .maxlen = 8,
	  .check = check_item_code, .check_msg = CATALOG_CODE_MSG, .zh = "事项编码" },
	{ .json = "id", .col = "public_id", .type = FT_UUID, .flags = FF_KEY, .zh = "版本编号" },
	{ .json = "version", .col = "version", .type = FT_INT, .flags = FF_RO, .min = 1, .max = 100000,
	  .zh = "版本号" },
	{ .json = "name", .col = "name", .type = FT_TEXT, .flags = FF_REQ, .maxlen = 200, .zh = "事项名称" },
	{ .json = "kind", .col = "kind", .type = FT_ENUM, .flags = FF_REQ, .values = catalog_kinds,
	  .zh = "事项类别" },
	{ .json = "domain", .col = "domain", .type = FT_ENUM, .flags = FF_REQ | FF_FIXED,
	  .values = catalog_domains, .zh = "执法领域" },
	{ .json = "legal_basis", .col = "legal_basis", .type = FT_JSON, .flags = FF_REQ,
	  .check_json = catalog_basis_valid, .from_text = catalog_basis_parse, .schema = BASIS_SCHEMA,
	  .check_msg = "法律依据应写作《法律名称》第N条[第N款][第N项]，多项以；分隔 (legal basis: 《law》第N条…; separated by ；)",
	  .zh = "法律依据" },
	{ .json = "level", .col = "level", .type = FT_ENUM, .flags = FF_REQ, .values = catalog_levels,
	  .zh = "行使层级" },
	{ .json = "mode", .col = "mode", .type = FT_ENUM, .flags = FF_REQ, .values = catalog_modes,
	  .zh = "执法方式" },
	{ .json = "agency_kind", .col = "agency_kind", .type = FT_ENUM, .flags = FF_RO,
	  .values = catalog_agency_kinds, .zh = "实施主体类型" },
	{ .json = "penalty_types", .col = "penalty_types", .type = FT_JSON,
	  .check_json = catalog_penalty_types_valid, .from_text = catalog_penalty_types_parse,
	  .check_msg = "处罚种类应为行政处罚法第九条的种类（如 警告;罚款;没收违法所得），以 ; 或、分隔 (penalty types of Art 9)",
	  .schema = PENALTY_SCHEMA, .zh = "处罚种类" },
	{ .json = "fine_min_fen", .col = "fine_min_fen", .type = FT_INT, .flags = FF_NULL, .min = 0,
	  .max = 100000000000LL, .zh = "罚款下限（分）" },
	{ .json = "fine_max_fen", .col = "fine_max_fen", .type = FT_INT, .flags = FF_NULL, .min = 0,
	  .max = 100000000000LL, .zh = "罚款上限（分）" },
	{ .json = "effective_from", .col = "effective_from", .type = FT_DATE, .flags = FF_REQ | FF_FIXED,
	  .zh = "生效日期" },
	{ .json = "effective_to", .col = "effective_to", .type = FT_DATE, .flags = FF_RO | FF_NULL,
	  .zh = "失效日期（不含）" },
	{ .json = "change_id", .col = "change_id", .type = FT_TEXT, .flags = FF_RO | FF_NULL,
	  .zh = "变更申请" },
	{ .json = "search_text", .col = "search_text", .type = FT_TEXT, .flags = FF_HIDDEN, .zh = "检索文本" },
	{ .json = "created_at", .col = "created_at", .type = FT_TS, .zh = "创建时间" },
};

const struct record rec_catalog_version = {
	.name = "catalog_version", .zh = "目录事项版本", .table = "catalog_versions", .alias = "v",
	.from = "catalog_versions v", .key_sel = "v.public_id", .id_col = "id",
	.fields = catalog_version_fields, .nfields = N(catalog_version_fields),
};

static const struct field catalog_change_fields[] = {
	{ .json = "id", .col = "public_id", .type = FT_UUID, .flags = FF_KEY, .zh = "申请编号" },
	{ .json = "action", .col = "action", .type = FT_ENUM, .flags = FF_REQ | FF_FIXED,
	  .values = catalog_actions, .zh = "变更类型" },
	{ .json = "item_code", .col = "item_code", .type = FT_TEXT, .flags = FF_REQ | FF_FIXED, .maxlen = 8,
	  .check = check_item_code, .check_msg = CATALOG_CODE_MSG, .zh = "事项编码" },
	{ .json = "effective_date", .col = "effective_date", .type = FT_DATE, .flags = FF_REQ | FF_FIXED,
	  .zh = "生效日期" },
	{ .json = "proposal", .col = "proposal", .type = FT_JSON, .flags = FF_NULL | FF_FIXED,
	  .check_json = check_proposal, .schema = "{\"type\":\"object\"}",
	  .zh = "拟定内容" },
	{ .json = "reason", .col = "reason", .type = FT_TEXT, .flags = FF_FIXED, .maxlen = 500,
	  .zh = "变更理由" },
	{ .json = "status", .col = "status", .type = FT_ENUM, .flags = FF_RO, .values = catalog_statuses,
	  .zh = "状态" },
	{ .json = "proposed_by", .col = "proposed_by", .type = FT_TEXT, .flags = FF_RO, .zh = "提出人" },
	{ .json = "decided_by", .col = "decided_by", .type = FT_TEXT, .flags = FF_RO | FF_NULL,
	  .zh = "审批人" },
	{ .json = "decided_at", .col = "decided_at", .type = FT_TEXT, .flags = FF_RO | FF_NULL,
	  .zh = "审批时间 (UTC)" },
	{ .json = "decision_note", .col = "decision_note", .type = FT_TEXT, .flags = FF_RO | FF_NULL,
	  .zh = "审批意见" },
	{ .json = "version_id", .col = "version_id", .type = FT_TEXT, .flags = FF_RO | FF_NULL,
	  .zh = "生成的版本" },
	{ .json = "created_at", .col = "created_at", .type = FT_TS, .zh = "提出时间" },
};

const struct record rec_catalog_change = {
	.name = "catalog_change", .zh = "目录变更申请", .table = "catalog_changes", .alias = "c",
	.from = "catalog_changes c", .key_sel = "c.public_id", .id_col = "id",
	.fields = catalog_change_fields, .nfields = N(catalog_change_fields),
};

/* ---- claims (认领) and township lists (docs/claims.md) ---- */

static const struct field catalog_claim_fields[] = {
	{ .json = "id", .col = "public_id", .type = FT_UUID, .flags = FF_KEY, .zh = "认领编号" },
	{ .json = "item_code", .col = "item_code", .type = FT_TEXT, .flags = FF_REQ | FF_FIXED, .maxlen = 8,
	  .check = check_item_code, .check_msg = CATALOG_CODE_MSG, .zh = "事项编码" },
	{ .json = "version_id", .col = "version_id", .type = FT_TEXT, .flags = FF_RO, .zh = "认领时的事项版本" },
	{ .json = "agency_id", .col = "agency_id", .sel = "a.public_id", .type = FT_REF,
	  .flags = FF_REQ | FF_FIXED, .zh = "认领主体" },
	{ .json = "agency_name", .sel = "a.name", .type = FT_TEXT, .flags = FF_JOIN, .zh = "认领主体名称" },
	{ .json = "region_code", .col = "region_code", .type = FT_TEXT, .flags = FF_FIXED, .maxlen = 12,
	  .check = check_region_code, .check_msg = "行政区划代码无效 (invalid region code)",
	  .zh = "行使区域" },
	{ .json = "effective_from", .col = "effective_from", .type = FT_DATE, .flags = FF_REQ | FF_FIXED,
	  .zh = "认领生效日期" },
	{ .json = "effective_to", .col = "effective_to", .type = FT_DATE, .flags = FF_RO | FF_NULL,
	  .zh = "认领终止日期（不含）" },
	{ .json = "claimed_by", .col = "claimed_by", .type = FT_TEXT, .flags = FF_RO, .zh = "认领人" },
	{ .json = "created_at", .col = "created_at", .type = FT_TS, .zh = "认领时间" },
};

const struct record rec_catalog_claim = {
	.name = "catalog_claim", .zh = "事项认领", .table = "catalog_claims", .alias = "k",
	.from = "catalog_claims k JOIN agencies a ON a.id = k.agency_id", .key_sel = "k.public_id",
	.id_col = "id", .fields = catalog_claim_fields, .nfields = N(catalog_claim_fields),
};

static const char *const township_list_kinds[] = { "power", "approval", NULL };

static const struct field township_list_item_fields[] = {
	{ .json = "id", .col = "public_id", .type = FT_UUID, .flags = FF_KEY, .zh = "编号" },
	{ .json = "region_code", .col = "region_code", .type = FT_TEXT, .flags = FF_REQ | FF_FIXED,
	  .maxlen = 12, .check = check_region_code, .check_msg = "行政区划代码无效 (invalid region code)",
	  .zh = "乡镇（街道）" },
	{ .json = "kind", .col = "kind", .type = FT_ENUM, .flags = FF_REQ | FF_FIXED,
	  .values = township_list_kinds, .zh = "清单类别" },
	{ .json = "name", .col = "name", .type = FT_TEXT, .flags = FF_REQ | FF_FIXED, .maxlen = 200,
	  .zh = "事项名称" },
	{ .json = "item_code", .col = "item_code", .type = FT_TEXT, .flags = FF_FIXED | FF_NULL, .maxlen = 8,
	  .check = check_item_code, .check_msg = CATALOG_CODE_MSG, .zh = "目录事项编码" },
	{ .json = "created_at", .col = "created_at", .type = FT_TS, .zh = "导入时间" },
};

const struct record rec_township_list_item = {
	.name = "township_list_item", .zh = "乡镇权力清单事项", .table = "township_list_items", .alias = "t",
	.from = "township_list_items t", .key_sel = "t.public_id", .id_col = "id",
	.fields = township_list_item_fields, .nfields = N(township_list_item_fields),
};

static const char *const dispute_statuses[] = { "filed", "answered", "decided", "withdrawn", NULL };
static const char *const dispute_outcomes[] = { "none", "claims", "catalog_change", NULL };

static const struct field catalog_dispute_fields[] = {
	{ .json = "id", .col = "public_id", .type = FT_UUID, .flags = FF_KEY, .zh = "争议编号" },
	{ .json = "item_code", .col = "item_code", .type = FT_TEXT, .flags = FF_REQ | FF_FIXED, .maxlen = 8,
	  .check = check_item_code, .check_msg = CATALOG_CODE_MSG, .zh = "事项编码" },
	{ .json = "case_ref", .col = "case_ref", .type = FT_TEXT, .flags = FF_FIXED | FF_NULL, .maxlen = 100,
	  .zh = "涉及案件" },
	{ .json = "agency_id", .col = "agency_id", .sel = "a.public_id", .type = FT_REF, .flags = FF_FIXED,
	  .zh = "提出主体" },
	{ .json = "agency_name", .sel = "a.name", .type = FT_TEXT, .flags = FF_JOIN, .zh = "提出主体名称" },
	{ .json = "other_agency_id", .col = "other_agency_id", .sel = "b.public_id", .type = FT_REF,
	  .flags = FF_REQ | FF_FIXED, .zh = "对方主体" },
	{ .json = "other_agency_name", .sel = "b.name", .type = FT_TEXT, .flags = FF_JOIN, .zh = "对方主体名称" },
	{ .json = "region_code", .col = "region_code", .type = FT_TEXT, .flags = FF_FIXED, .maxlen = 12,
	  .check = check_region_code, .check_msg = "行政区划代码无效 (invalid region code)", .zh = "区域" },
	{ .json = "statement", .col = "statement", .type = FT_TEXT, .flags = FF_REQ | FF_FIXED, .maxlen = 4000,
	  .zh = "争议事由" },
	{ .json = "answer", .col = "answer", .type = FT_TEXT, .flags = FF_RO | FF_NULL, .zh = "对方答复" },
	{ .json = "status", .col = "status", .type = FT_ENUM, .flags = FF_RO, .values = dispute_statuses,
	  .zh = "状态" },
	{ .json = "filed_on", .col = "filed_on", .type = FT_DATE, .flags = FF_RO, .zh = "提出日期" },
	{ .json = "filed_by", .col = "filed_by", .type = FT_TEXT, .flags = FF_RO, .zh = "提出人" },
	{ .json = "answered_by", .col = "answered_by", .type = FT_TEXT, .flags = FF_RO | FF_NULL, .zh = "答复人" },
	{ .json = "answered_at", .col = "answered_at", .type = FT_TEXT, .flags = FF_RO | FF_NULL,
	  .zh = "答复时间 (UTC)" },
	{ .json = "decided_by", .col = "decided_by", .type = FT_TEXT, .flags = FF_RO | FF_NULL, .zh = "决定人" },
	{ .json = "decided_at", .col = "decided_at", .type = FT_TEXT, .flags = FF_RO | FF_NULL,
	  .zh = "决定时间 (UTC)" },
	{ .json = "decision", .col = "decision", .type = FT_TEXT, .flags = FF_RO | FF_NULL, .zh = "处理决定" },
	{ .json = "outcome", .col = "outcome", .type = FT_ENUM, .flags = FF_RO | FF_NULL, .values = dispute_outcomes,
	  .zh = "处理方式" },
	{ .json = "change_id", .col = "change_id", .type = FT_TEXT, .flags = FF_RO | FF_NULL,
	  .zh = "目录变更申请" },
	{ .json = "created_at", .col = "created_at", .type = FT_TS, .zh = "创建时间" },
};

const struct record rec_catalog_dispute = {
	.name = "catalog_dispute", .zh = "职责争议", .table = "catalog_disputes", .alias = "p",
	.from = "catalog_disputes p JOIN agencies a ON a.id = p.agency_id JOIN agencies b ON b.id = p.other_agency_id",
	.key_sel = "p.public_id", .id_col = "id",
	.fields = catalog_dispute_fields, .nfields = N(catalog_dispute_fields),
};

const struct record *const record_types[] = { &rec_region, &rec_agency, &rec_officer, &rec_user,
					      &rec_catalog_version, &rec_catalog_change,
					      &rec_catalog_claim, &rec_township_list_item, &rec_catalog_dispute, NULL };

const struct record *record_by_name(const char *name)
{
	size_t i;

	for (i = 0; record_types[i]; i++)
		if (strcmp(record_types[i]->name, name) == 0)
			return record_types[i];
	return NULL;
}
