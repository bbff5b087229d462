/* demo_data.c: the demo county's regions and agencies, and the deterministic
 * generators of its identifiers and officers (see demo.h). Nothing here touches the
 * database. */
#include "cli/demo.h"

#include <stdio.h>
#include <string.h>

#define N(a) (sizeof(a) / sizeof((a)[0]))

void demo_rng_seed(struct demo_rng *r, uint64_t seed)
{
	r->s = seed;
}

uint64_t demo_rng_next(struct demo_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

unsigned demo_rng_below(struct demo_rng *r, unsigned n)
{
	return (unsigned)(demo_rng_next(r) % n);
}

/* ---- identifiers ---- */

static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

char demo_uscc_check(const char *s)
{
	unsigned sum = 0, w = 1;
	int i;

	for (i = 0; i < 17; i++) {
		const char *p = s[i] ? strchr(uscc_alphabet, s[i]) : NULL;

		if (!p)
			return '\0';
		sum += (unsigned)(p - uscc_alphabet) * w;
		w = w * 3 % 31; /* W_i = 3^(i-1) mod 31, as GB 32100 and valid_uscc have it */
	}
	return uscc_alphabet[(31 - sum % 31) % 31];
}

/* The GB 11714 check character of an 8-digit organisation-code body. */
static char org_code_check(const char *body)
{
	static const unsigned w[8] = { 3, 7, 9, 10, 5, 8, 4, 2 };
	unsigned sum = 0, c;
	int i;

	for (i = 0; i < 8; i++)
		sum += (unsigned)(body[i] - '0') * w[i];
	c = 11 - sum % 11;
	return c == 10 ? 'X' : c == 11 ? '0' : (char)('0' + c);
}

static int digits(const char *s, size_t n)
{
	size_t i;

	if (!s || strlen(s) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

int demo_uscc(const char *region6, unsigned serial, char out[19])
{
	char body[9];

	out[0] = '\0';
	if (!digits(region6, 6) || serial >= 1000000)
		return -1;
	/* 机关 organisation codes in Zhejiang look like 00xxxxxx; the serial keeps them apart */
	snprintf(body, sizeof(body), "00%06u", (serial * 7919u + 2613u) % 1000000u);
	snprintf(out, 19, "11%s%s%c", region6, body, org_code_check(body));
	out[17] = demo_uscc_check(out);
	out[18] = '\0';
	return 0;
}

int demo_id_number(const char *addr6, struct zdate birth, unsigned seq, char out[19])
{
	static const unsigned w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	unsigned sum = 0;
	int i;

	out[0] = '\0';
	if (!digits(addr6, 6) || !zdate_valid(birth) || seq > 999)
		return -1;
	snprintf(out, 19, "%s%04d%02d%02d%03u", addr6, birth.y, birth.m, birth.d, seq);
	for (i = 0; i < 17; i++)
		sum += (unsigned)(out[i] - '0') * w[i];
	out[17] = "10X98765432"[sum % 11];
	out[18] = '\0';
	return 0;
}

/* ---- officers ---- */

/* Common surnames, with the ones frequent in Quzhou (徐 毛 郑 方 余 祝 叶 童 汪 姜 龚 邵
 * 傅) listed more than once so that they come up more often. */
static const char *const surnames[] = {
	"徐", "徐", "王", "王", "郑", "郑", "毛", "毛", "方", "方", "余", "余", "吴", "吴",
	"叶", "叶", "张", "李", "陈", "陈", "刘", "杨", "黄", "赵", "周", "周", "孙", "朱",
	"胡", "胡", "何", "林", "高", "罗", "祝", "祝", "童", "汪", "汪", "姜", "姜", "龚",
	"邵", "傅", "程", "柴", "邱", "蓝", "雷", "施", "金", "钱", "应", "蒋", "杜", "潘",
	"宋", "范", "鲁", "俞", "严", "戴", "项", "詹", "吕", "谢", "江", "洪", "包", "卢",
};

static const char *const given_male[] = {
	"伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏",
	"华", "飞", "鑫", "波", "宇", "浩", "凯", "健", "俊", "帆", "旭", "宁", "龙", "林",
	"峰", "建", "国", "文", "志", "海", "东", "晨", "阳", "振", "毅", "立", "成", "兵",
	"忠", "荣", "敏", "锋", "亮", "晓", "航", "博", "昊", "豪", "卫", "新", "江", "坚",
};

static const char *const given_female[] = {
	"芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "婷", "雪", "慧", "琳",
	"颖", "倩", "洁", "莉", "萍", "红", "梅", "琴", "蕾", "薇", "佳", "欣", "怡", "悦",
	"璐", "晶", "瑶", "露", "丹", "青", "云", "彤", "文", "晓", "月", "诗", "雯", "岚",
};

/* A random day of year y. */
static struct zdate random_day(struct demo_rng *r, int y)
{
	struct zdate d = { y, 1, 1 }, out = { y, 1, 1 };

	zdate_from_days(zdate_to_days(d) + (long)demo_rng_below(r, zdate_is_leap(y) ? 366 : 365), &out);
	return out;
}

int demo_officer_make(unsigned serial, struct demo_officer *o)
{
	struct demo_rng r;
	struct zdate birth, issued, expires;
	const char *const *given;
	size_t ngiven;
	unsigned roll;
	int male;

	memset(o, 0, sizeof(*o));
	if (serial >= DEMO_OFFICER_MAX)
		return -1;
	/* one stream per officer: changing one officer never shifts the others */
	demo_rng_seed(&r, 0x7a686966610000ULL + serial);
	male = demo_rng_below(&r, 100) < 68; /* enforcement staff are about two-thirds men */
	given = male ? given_male : given_female;
	ngiven = male ? N(given_male) : N(given_female);
	if (demo_rng_below(&r, 100) < 70)
		snprintf(o->name, sizeof(o->name), "%s%s%s", surnames[demo_rng_below(&r, N(surnames))],
			 given[demo_rng_below(&r, (unsigned)ngiven)], given[demo_rng_below(&r, (unsigned)ngiven)]);
	else
		snprintf(o->name, sizeof(o->name), "%s%s", surnames[demo_rng_below(&r, N(surnames))],
			 given[demo_rng_below(&r, (unsigned)ngiven)]);

	birth = random_day(&r, 1965 + (int)demo_rng_below(&r, 36));
	/* the sequence number carries the serial, so no two officers share a number */
	if (demo_id_number(DEMO_COUNTY, birth, serial * 2 + (male ? 1 : 0), o->id_number) < 0)
		return -1;
	snprintf(o->cert_no, sizeof(o->cert_no), "33080219%05u", serial + 1);

	/* the national certificate replaced the provincial one from 2022-01-01 (domain.md §8) */
	issued = random_day(&r, 2022 + (int)demo_rng_below(&r, 4));
	zdate_format(issued, o->cert_issued);
	if (demo_rng_below(&r, 100) < 30) {
		expires = issued;
		expires.y += 5;
		if (expires.m == 2 && expires.d == 29)
			expires.d = 28;
		zdate_add_days(expires, -1, &expires);
		zdate_format(expires, o->cert_expires);
	}
	roll = demo_rng_below(&r, 100);
	o->status = roll < 2 ? "suspended" : roll < 4 ? "revoked" : "active";
	o->legal_qualified = demo_rng_below(&r, 100) < 10;
	o->training_hours = 20 + (int)demo_rng_below(&r, 71);
	return 0;
}

/* ---- the county ---- */

/* 衢州市柯城区 and its 8 街道, 2 镇 and 8 乡. The 12-digit codes are the National
 * Bureau of Statistics' 统计用区划代码 (2023 edition) as republished in the
 * modood/Administrative-divisions-of-China data set (dist/streets.csv, 9-digit
 * township prefixes, to which "000" is appended). They are believed current; an
 * older edition had 府山街道 at 330802001, so check against the NBS list before
 * relying on them for anything but a demo. */
static const struct demo_region regions[] = {
	{ "330000", "浙江省" },
	{ "330800", "衢州市" },
	{ "330802", "柯城区" },
	{ "330802005000", "新新街道" },
	{ "330802006000", "府山街道" },
	{ "330802007000", "荷花街道" },
	{ "330802008000", "信安街道" },
	{ "330802009000", "白云街道" },
	{ "330802010000", "双港街道" },
	{ "330802012000", "衢化街道" },
	{ "330802013000", "花园街道" },
	{ "330802100000", "石梁镇" },
	{ "330802101000", "航埠镇" },
	{ "330802205000", "黄家乡" },
	{ "330802209000", "七里乡" },
	{ "330802210000", "九华乡" },
	{ "330802211000", "沟溪乡" },
	{ "330802212000", "华墅乡" },
	{ "330802213000", "姜家山乡" },
	{ "330802214000", "万田乡" },
	{ "330802215000", "石室乡" },
};

const struct demo_region *demo_regions(size_t *n_r)
{
	*n_r = N(regions);
	return regions;
}

/* The county bureaus. 生态环境 and 自然资源和规划 are branches (分局) of the city
 * bureaus in Zhejiang's districts, hence their names. */
static const struct {
	const char *name, *kind, *domain;
	unsigned staff;
} county_agencies[] = {
	{ "衢州市柯城区综合行政执法局", "comprehensive", "综合执法", 58 },
	{ "衢州市柯城区市场监督管理局", "departmental", "市场监管", 24 },
	{ "衢州市生态环境局柯城分局", "departmental", "生态环境", 10 },
	{ "衢州市柯城区交通运输局", "departmental", "交通运输", 12 },
	{ "衢州市柯城区卫生健康局", "departmental", "卫生健康", 8 },
	{ "衢州市柯城区应急管理局", "departmental", "应急管理", 8 },
	{ "衢州市柯城区农业农村局", "departmental", "农业", 10 },
	{ "衢州市柯城区文化和广电旅游体育局", "departmental", "文化市场", 8 },
	{ "衢州市自然资源和规划局柯城分局", "departmental", "自然资源", 10 },
	{ "衢州市柯城区住房和城乡建设局", "departmental", "住房城建", 8 },
};

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

int demo_agencies(struct demo_agency *out, size_t cap, size_t *n_r)
{
	size_t i, n = 0;

	*n_r = 0;
	for (i = 0; i < N(county_agencies); i++, n++) {
		if (n == cap)
			return -1;
		snprintf(out[n].name, sizeof(out[n].name), "%s", county_agencies[i].name);
		snprintf(out[n].region_code, sizeof(out[n].region_code), "%s", DEMO_COUNTY);
		out[n].kind = county_agencies[i].kind;
		out[n].domain = county_agencies[i].domain;
		out[n].staff = county_agencies[i].staff;
	}
	/* "一支队伍管执法": one comprehensive-enforcement squad per township (条例 Art 9) */
	for (i = 0; i < N(regions); i++) {
		if (strlen(regions[i].code) != 12)
			continue;
		if (n == cap)
			return -1;
		snprintf(out[n].name, sizeof(out[n].name), "柯城区%s综合行政执法队", regions[i].name);
		snprintf(out[n].region_code, sizeof(out[n].region_code), "%s", regions[i].code);
		out[n].kind = "township";
		out[n].domain = "综合执法";
		out[n].staff = ends_with(regions[i].name, "街道") ? 12 : ends_with(regions[i].name, "镇") ? 13 : 9;
		n++;
	}
	/* the city bureau of 市场监管, which also claims a few county items: 多头管 on the
	 * coverage page (last in the plan, so that the county's officer numbers stay) */
	if (n == cap)
		return -1;
	snprintf(out[n].name, sizeof(out[n].name), "%s", "衢州市市场监督管理局");
	snprintf(out[n].region_code, sizeof(out[n].region_code), "%s", DEMO_CITY);
	out[n].kind = "departmental";
	out[n].domain = "市场监管";
	out[n].staff = 6;
	n++;
	*n_r = n;
	return 0;
}
