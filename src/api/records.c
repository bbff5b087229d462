/* records.c: one field table per record type; everything else is derived. */
#include "api/records.h"

#include <string.h>

#include "core/valid.h"
#include "domain/discretion.h"

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

const struct record *const record_types[] = { &rec_region, &rec_agency, &rec_officer, &rec_user,
					       &rec_discretion_table, NULL };

const struct record *record_by_name(const char *name)
{
	size_t i;

	for (i = 0; record_types[i]; i++)
		if (strcmp(record_types[i]->name, name) == 0)
			return record_types[i];
	return NULL;
}
