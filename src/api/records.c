/* records.c: one field table per record type; everything else is derived. */
#include "api/records.h"

#include <string.h>

#include "api/case_docs.h"
#include "core/date.h"
#include "core/valid.h"
#include "domain/catalog.h"
#include "domain/discretion.h"
#include "domain/case_money.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static int check_region_code(const char *s)
{
	return region_code_level(s) != REGION_INVALID;
}

/* A city's code (扩展目录 scope): six digits, level city. */
static int check_city_code(const char *s)
{
	return region_code_level(s) == REGION_CITY;
}

static int check_uscc(const char *s)
{
	return valid_uscc(s);
}

static int check_id_number(const char *s)
{
	struct zdate today;

	/* a birth date may not lie after today in China (UTC+8) */
	return zdate_today(&today) == 0 && valid_id_number(s, today);
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
	/* 行政处罚法 Art 58(2): legal review done before 2021-07-15 (org.c checks both go together) */
	{ .json = "legal_review_since", .col = "legal_review_since", .type = FT_DATE, .flags = FF_NULL | FF_LATE,
	  .zh = "首次从事法制审核日期" },
	{ .json = "legal_review_note", .col = "legal_review_note", .type = FT_TEXT, .flags = FF_NULL | FF_LATE,
	  .maxlen = 200, .zh = "法制审核经历依据" },
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
	{ .json = "scope", .col = "scope", .type = FT_TEXT, .flags = FF_NULL | FF_LATE, .maxlen = 6,
	  .check = check_city_code,
	  .check_msg = "扩展目录须为设区的市的行政区划代码 (scope: a city's region code)", .zh = "扩展目录（设区的市）" },
	{ .json = "search_text", .col = "search_text", .type = FT_TEXT, .flags = FF_HIDDEN, .zh = "检索文本" },
	{ .json = "search_grams", .col = "search_grams", .type = FT_TEXT, .flags = FF_HIDDEN, .zh = "检索字词" },
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

/* ---- the evidence center ---- */

int evidence_filename_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!*s || strcmp(s, ".") == 0 || strstr(s, ".."))
		return 0;
	for (; *p; p++)
		if (*p < 0x20 || *p == 0x7f || *p == '/' || *p == '\\')
			return 0;
	return 1;
}

int evidence_instant_ok(const char *s)
{
	struct zdate d;
	struct tm tm;
	size_t n = strlen(s), i;
	time_t t;

	/* YYYY-MM-DDTHH:MM:SSZ or with .mmm, UTC */
	if ((n != 20 && n != 24) || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[n - 1] != 'Z' ||
	    (n == 24 && s[19] != '.') || zdate_parse_n(s, 10, &d) < 0)
		return 0;
	for (i = 11; i < n - 1; i++)
		if (i != 13 && i != 16 && i != 19 && (s[i] < '0' || s[i] > '9'))
			return 0;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = d.y - 1900;
	tm.tm_mon = d.m - 1;
	tm.tm_mday = d.d;
	tm.tm_hour = (s[11] - '0') * 10 + (s[12] - '0');
	tm.tm_min = (s[14] - '0') * 10 + (s[15] - '0');
	tm.tm_sec = (s[17] - '0') * 10 + (s[18] - '0');
	if (tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 59)
		return 0;
	t = timegm(&tm);
	return t <= time(NULL) + 300; /* collected in the past (five minutes of clock skew) */
}

static int check_public_id(const char *s)
{
	size_t i;

	if (strlen(s) != 36)
		return 0;
	for (i = 0; i < 36; i++)
		if (!(s[i] == '-' || (s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

const char *const evidence_kinds[] = { "documentary", "physical", "audiovisual", "electronic", "witness",
				       "party_statement", "expert_opinion", "inspection_record", NULL };

#define EVIDENCE_SEALED \
	"CASE WHEN EXISTS (SELECT 1 FROM evidence_grants x WHERE x.evidence_id = e.id)" \
	" OR EXISTS (SELECT 1 FROM evidence_attachments x WHERE x.evidence_id = e.id)" \
	" OR EXISTS (SELECT 1 FROM evidence_preservations x WHERE x.evidence_id = e.id)" \
	" THEN 1 ELSE 0 END"

static const struct field evidence_fields[] = {
	{ .json = "id", .col = "public_id", .type = FT_UUID, .flags = FF_KEY, .zh = "编号" },
	{ .json = "agency_id", .col = "agency_id", .sel = "a.public_id", .type = FT_REF, .flags = FF_RO,
	  .zh = "收集机关" },
	{ .json = "agency_name", .sel = "a.name", .type = FT_TEXT, .flags = FF_JOIN, .zh = "收集机关名称" },
	{ .json = "kind", .col = "kind", .type = FT_ENUM, .flags = FF_REQ | FF_FIXED,
	  .values = evidence_kinds, .zh = "证据种类" },
	{ .json = "media_type", .col = "media_type", .type = FT_TEXT, .flags = FF_RO,
	  .zh = "媒体类型（按内容识别）" },
	{ .json = "declared_type", .col = "declared_type", .type = FT_TEXT, .flags = FF_RO | FF_NULL,
	  .zh = "上传时声明的类型" },
	{ .json = "size", .col = "size", .type = FT_INT, .flags = FF_RO, .zh = "字节数" },
	{ .json = "digest", .sel = "'sha256:' || e.sha256", .type = FT_TEXT, .flags = FF_JOIN,
	  .zh = "内容摘要 (sha256:<hex>)" },
	{ .json = "sha256", .col = "sha256", .type = FT_TEXT, .flags = FF_RO, .zh = "SHA-256 摘要" },
	{ .json = "sm3", .col = "sm3", .type = FT_TEXT, .flags = FF_RO, .zh = "SM3 摘要" },
	{ .json = "filename", .col = "filename", .type = FT_TEXT, .flags = FF_NULL, .maxlen = 255,
	  .check = evidence_filename_ok,
	  .check_msg = "文件名不能含路径分隔符、\"..\" 或控制字符 (no path in file names)", .zh = "文件名" },
	{ .json = "description", .col = "description", .type = FT_TEXT, .flags = FF_NULL, .maxlen = 2000,
	  .zh = "证据说明" },
	{ .json = "collected_at", .col = "collected_at", .type = FT_TEXT, .flags = FF_NULL, .maxlen = 24,
	  .check = evidence_instant_ok,
	  .check_msg = "收集时间应为过去的 UTC 时刻，如 2026-05-01T08:30:00Z (an instant in the past)",
	  .zh = "收集时间" },
	{ .json = "collectors", .col = "collectors", .type = FT_LIST, .flags = FF_NULL, .maxlen = 36,
	  .max = 10, .check = check_public_id, .zh = "收集人（执法人员编号）" },
	{ .json = "place_address", .col = "place_address", .type = FT_TEXT, .flags = FF_NULL,
	  .maxlen = 200, .zh = "收集地点" },
	{ .json = "lat_e6", .col = "lat_e6", .type = FT_INT, .flags = FF_NULL, .min = -90000000,
	  .max = 90000000, .zh = "纬度（百万分之一度）" },
	{ .json = "lng_e6", .col = "lng_e6", .type = FT_INT, .flags = FF_NULL, .min = -180000000,
	  .max = 180000000, .zh = "经度（百万分之一度）" },
	{ .json = "device", .col = "device", .type = FT_TEXT, .flags = FF_NULL, .maxlen = 200,
	  .zh = "采集设备" },
	{ .json = "case_id", .col = "case_id", .type = FT_TEXT, .flags = FF_NULL, .maxlen = 64,
	  .zh = "所属案件" },
	{ .json = "inspection_id", .col = "inspection_id", .type = FT_TEXT, .flags = FF_NULL, .maxlen = 64,
	  .zh = "所属检查" },
	{ .json = "sealed", .sel = EVIDENCE_SEALED, .type = FT_BOOL, .flags = FF_JOIN,
	  .zh = "已封存（已共享、附卷或登记保存，元数据不可再改）" },
	{ .json = "created_by", .col = "created_by", .type = FT_TEXT, .flags = FF_RO, .zh = "上传人" },
	{ .json = "created_at", .col = "created_at", .type = FT_TS, .zh = "上传时间" },
	{ .json = "updated_at", .col = "updated_at", .type = FT_TS, .flags = FF_TOUCH, .zh = "更新时间" },
};

const struct record rec_evidence = {
	.name = "evidence", .zh = "证据", .table = "evidence", .alias = "e",
	.from = "evidence e JOIN agencies a ON a.id = e.agency_id", .key_sel = "e.public_id",
	.id_col = "id", .fields = evidence_fields, .nfields = N(evidence_fields),
};

static const struct field grant_fields[] = {
	{ .json = "id", .col = "public_id", .type = FT_UUID, .flags = FF_KEY, .zh = "编号" },
	{ .json = "evidence_id", .col = "evidence_id", .sel = "e.public_id", .type = FT_REF,
	  .flags = FF_RO, .zh = "证据" },
	{ .json = "agency_id", .col = "agency_id", .sel = "a.public_id", .type = FT_REF,
	  .flags = FF_REQ | FF_FIXED, .zh = "获授权机关" },
	{ .json = "agency_name", .sel = "a.name", .type = FT_TEXT, .flags = FF_JOIN, .zh = "获授权机关名称" },
	{ .json = "purpose", .col = "purpose", .type = FT_TEXT, .flags = FF_REQ | FF_FIXED, .maxlen = 200,
	  .zh = "用途" },
	{ .json = "until", .col = "until", .type = FT_DATE, .flags = FF_REQ | FF_FIXED, .zh = "有效期至" },
	{ .json = "revoked_at", .col = "revoked_at", .type = FT_TEXT, .flags = FF_RO | FF_NULL,
	  .zh = "撤销时间" },
	{ .json = "created_by", .col = "created_by", .type = FT_TEXT, .flags = FF_RO, .zh = "授权人" },
	{ .json = "created_at", .col = "created_at", .type = FT_TS, .zh = "授权时间" },
};

const struct record rec_evidence_grant = {
	.name = "evidence_grant", .zh = "证据共享授权", .table = "evidence_grants", .alias = "g",
	.from = "evidence_grants g JOIN evidence e ON e.id = g.evidence_id JOIN agencies a ON a.id = g.agency_id",
	.key_sel = "g.public_id", .id_col = "id", .fields = grant_fields, .nfields = N(grant_fields),
};

static const struct field attachment_fields[] = {
	{ .json = "id", .col = "public_id", .type = FT_UUID, .flags = FF_KEY, .zh = "编号" },
	{ .json = "evidence_id", .col = "evidence_id", .sel = "e.public_id", .type = FT_REF,
	  .flags = FF_RO, .zh = "证据" },
	{ .json = "agency_id", .col = "agency_id", .sel = "a.public_id", .type = FT_REF, .flags = FF_RO,
	  .zh = "使用机关" },
	{ .json = "agency_name", .sel = "a.name", .type = FT_TEXT, .flags = FF_JOIN, .zh = "使用机关名称" },
	{ .json = "case_id", .col = "case_id", .type = FT_TEXT, .flags = FF_REQ | FF_FIXED, .maxlen = 64,
	  .zh = "案件" },
	{ .json = "created_by", .col = "created_by", .type = FT_TEXT, .flags = FF_RO, .zh = "附卷人" },
	{ .json = "created_at", .col = "created_at", .type = FT_TS, .zh = "附卷时间" },
};

const struct record rec_evidence_attachment = {
	.name = "evidence_attachment", .zh = "证据附卷", .table = "evidence_attachments", .alias = "t",
	.from = "evidence_attachments t JOIN evidence e ON e.id = t.evidence_id JOIN agencies a ON a.id = t.agency_id",
	.key_sel = "t.public_id", .id_col = "id", .fields = attachment_fields,
	.nfields = N(attachment_fields),
};

static const struct field preservation_fields[] = {
	{ .json = "id", .col = "public_id", .type = FT_UUID, .flags = FF_KEY, .zh = "编号" },
	{ .json = "evidence_id", .col = "evidence_id", .sel = "e.public_id", .type = FT_REF,
	  .flags = FF_RO, .zh = "证据" },
	{ .json = "agency_id", .col = "agency_id", .sel = "a.public_id", .type = FT_REF, .flags = FF_RO,
	  .zh = "执法机关" },
	{ .json = "decided_on", .col = "decided_on", .type = FT_DATE, .flags = FF_REQ | FF_FIXED,
	  .zh = "先行登记保存决定日期" },
	{ .json = "approved_by", .col = "approved_by", .type = FT_TEXT, .flags = FF_REQ | FF_FIXED,
	  .maxlen = 40, .zh = "批准的机关负责人" },
	/* computed on read from the calendar (行政处罚法 Art 56, 85): never stored */
	{ .json = "due_on", .sel = "NULL", .type = FT_DATE, .flags = FF_JOIN | FF_NULL,
	  .zh = "处理决定期限（7 个工作日）" },
	{ .json = "provisional", .sel = "0", .type = FT_BOOL, .flags = FF_JOIN,
	  .zh = "期限待定（节假日数据未发布）" },
	{ .json = "overdue", .sel = "0", .type = FT_BOOL, .flags = FF_JOIN, .zh = "已逾期" },
	{ .json = "created_by", .col = "created_by", .type = FT_TEXT, .flags = FF_RO, .zh = "登记人" },
	{ .json = "created_at", .col = "created_at", .type = FT_TS, .zh = "登记时间" },
};

const struct record rec_evidence_preservation = {
	.name = "evidence_preservation", .zh = "先行登记保存", .table = "evidence_preservations",
	.alias = "p",
	.from = "evidence_preservations p JOIN evidence e ON e.id = p.evidence_id JOIN agencies a ON a.id = p.agency_id",
	.key_sel = "p.public_id", .id_col = "id", .fields = preservation_fields,
	.nfields = N(preservation_fields),
};

/* A stored discretion benchmark (domain/discretion_store.h). Written only by
 * discretion_store_add, never through a client's members, so every field is read-only;
 * the document itself is served as it was stored (GET .../tables/{item_code}/{version}).
 * The ledger commits to {item_code, version, sha256 of the document}
 * (discretion_store_state), not to this field table's state. */
static const struct field discretion_table_fields[] = {
	{ .json = "id", .sel = "d.item_code || '/' || d.version", .type = FT_TEXT,
	  .flags = FF_JOIN | FF_KEY, .zh = "事项代码/版本" },
	{ .json = "item_code", .col = "item_code", .type = FT_TEXT, .flags = FF_RO | FF_REQ,
	  .maxlen = 63, .zh = "执法事项代码" },
	{ .json = "version", .col = "version", .type = FT_TEXT, .flags = FF_RO | FF_REQ, .maxlen = 31,
	  .zh = "版本" },
	{ .json = "title", .col = "title", .type = FT_TEXT, .flags = FF_RO, .maxlen = 512,
	  .zh = "名称" },
	{ .json = "effective_from", .col = "effective_from", .type = FT_DATE, .flags = FF_RO | FF_REQ,
	  .zh = "施行日期" },
	{ .json = "effective_to", .col = "effective_to", .type = FT_DATE, .flags = FF_RO | FF_NULL,
	  .zh = "失效日期（含当日）" },
	{ .json = "rules", .col = "nrules", .type = FT_INT, .flags = FF_RO, .min = 1,
	  .max = DISCRETION_MAX_RULES, .zh = "规则数" },
	{ .json = "tests", .col = "ntests", .type = FT_INT, .flags = FF_RO, .min = 1,
	  .max = DISCRETION_MAX_TESTS, .zh = "内置测试数" },
	{ .json = "sha256", .col = "sha256", .type = FT_TEXT, .flags = FF_RO, .maxlen = 64,
	  .zh = "文本 SHA-256" },
	{ .json = "loaded_at", .col = "loaded_at", .type = FT_TS, .zh = "载入时间" },
	{ .json = "loaded_by", .col = "loaded_by", .type = FT_TEXT, .flags = FF_RO, .maxlen = 64,
	  .zh = "载入人" },
};

const struct record rec_discretion_table = {
	.name = "discretion_table", .zh = "裁量基准", .table = "discretion_tables", .alias = "d",
	.from = "discretion_tables d", .key_sel = "d.item_code || '/' || d.version",
	.fields = discretion_table_fields, .nfields = N(discretion_table_fields),
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
	{ .json = "lead_reference", .col = "lead_reference", .type = FT_TEXT, .flags = FF_RO | FF_NULL,
	  .zh = "分派线索的共同编号（如12345工单号）" },
	{ .json = "referred_to", .col = "referred_to", .type = FT_TEXT, .flags = FF_RO | FF_NULL,
	  .zh = "移送管辖后受移送机关的线索编号" },
	{ .json = "referred_to_agency", .col = "referred_to_agency", .type = FT_TEXT, .flags = FF_RO | FF_NULL,
	  .zh = "受移送机关" },
	{ .json = "referred_from", .col = "referred_from", .type = FT_TEXT, .flags = FF_RO | FF_NULL,
	  .zh = "移送来源案件编号（移送机关的案件）" },
	{ .json = "referred_from_agency", .col = "referred_from_agency", .type = FT_TEXT,
	  .flags = FF_RO | FF_NULL, .zh = "移送机关" },
	{ .json = "referred_from_no", .col = "referred_from_no", .type = FT_TEXT, .flags = FF_RO | FF_NULL,
	  .zh = "移送机关的立案编号" },
	{ .json = "referral_prior_case_no", .col = "referral_prior_case_no", .type = FT_TEXT,
	  .flags = FF_RO | FF_NULL, .zh = "本机关已就同一违法行为立案的编号（最先立案，第二十五条）" },
	{ .json = "referral_returned_reason", .col = "referral_returned_reason", .type = FT_TEXT,
	  .flags = FF_RO | FF_NULL, .zh = "受移送机关退回移送的理由" },
	{ .json = "referral_returned_by", .col = "referral_returned_by", .type = FT_TEXT,
	  .flags = FF_RO | FF_NULL, .zh = "退回移送的机关" },
	CASE_RO_DATE("referral_returned_on", "退回移送之日"),
	CASE_RO_DATE("deferred_from", "批准暂缓缴纳之日"),
	CASE_RO_DATE("deferred_until", "暂缓缴纳至"),
	{ .json = "instalments", .col = "instalments", .type = FT_TEXT, .flags = FF_RO | FF_NULL,
	  .zh = "分期缴纳计划（JSON：amount_fen, due, paid_on）" },
	CASE_RO_BOOL("late_fee_paid", "加处罚款已缴清"),
	CASE_RO_DATE("late_fee_paid_on", "加处罚款缴纳之日"),
	{ .json = "remedy_pauses", .col = "remedy_pauses", .type = FT_TEXT, .flags = FF_RO,
	  .zh = "复议或诉讼期间（JSON，不计加处罚款）" },
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

static int check_clock(const char *s)
{
	return case_doc_time_ok(s);
}

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
	{ .json = "place", .col = "place", .type = FT_TEXT, .flags = FF_FIXED, .maxlen = 200, .zh = "询问或检查地点" },
	{ .json = "start_time", .col = "start_time", .type = FT_TEXT, .flags = FF_FIXED, .maxlen = 5,
	  .check = check_clock, .check_msg = "时间应为 HH:MM (time of day)", .zh = "开始时间" },
	{ .json = "end_time", .col = "end_time", .type = FT_TEXT, .flags = FF_FIXED, .maxlen = 5,
	  .check = check_clock, .check_msg = "时间应为 HH:MM (time of day)", .zh = "结束时间" },
	{ .json = "created_at", .col = "created_at", .type = FT_TS, .zh = "创建时间" },
};

const struct record rec_case_record = {
	.name = "case_record", .zh = "笔录", .table = "case_records", .alias = "r",
	.from = "case_records r JOIN cases c ON c.id = r.case_id", .key_sel = "r.public_id", .id_col = "id",
	.fields = case_record_fields, .nfields = N(case_record_fields),
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
					       &rec_catalog_claim, &rec_township_list_item, &rec_catalog_dispute,
					       &rec_evidence, &rec_evidence_grant, &rec_evidence_attachment,
					       &rec_evidence_preservation, &rec_discretion_table,
					       &rec_party, &rec_case, &rec_case_record, NULL };

const struct record *record_by_name(const char *name)
{
	size_t i;

	for (i = 0; record_types[i]; i++)
		if (strcmp(record_types[i]->name, name) == 0)
			return record_types[i];
	return NULL;
}
