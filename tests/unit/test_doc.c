/* Documents: the converters, every template, the decision's Art 59 contents, page
 * flow, determinism and the refusals. Uses poppler-utils (pdftotext, pdfinfo). */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "doc/doc.h"
#include "doc/layout.h"
#include "t.h"

#define MODEL "tests/doc/case.json"

static json_t *model(const char *tpl)
{
	json_t *m = json_load_file(MODEL, 0, NULL);

	if (m)
		json_object_set_new(m, "template", json_string(tpl));
	return m;
}

/* Writes the PDF to a temporary file and returns the output of "PRE FILE POST"
 * (a poppler tool); free() it. */
static char *run_tool(const struct buf *pdf, const char *pre, const char *post)
{
	char path[] = "/tmp/zhifa-doc-XXXXXX", line[512];
	struct buf out = BUF_INIT(1 << 22);
	int fd = mkstemp(path);
	FILE *p;

	if (fd < 0)
		return NULL;
	if (write(fd, pdf->data, pdf->len) != (ssize_t)pdf->len) {
		close(fd);
		unlink(path);
		return NULL;
	}
	close(fd);
	snprintf(line, sizeof(line), "%s %s %s", pre, path, post);
	p = popen(line, "r");
	if (p) {
		size_t n;

		while ((n = fread(line, 1, sizeof(line), p)) > 0)
			buf_add(&out, line, n);
		pclose(p);
	}
	unlink(path);
	buf_adds(&out, "");
	return buf_detach(&out, NULL);
}

static int pages(const struct buf *pdf)
{
	char *info = run_tool(pdf, "pdfinfo", "");
	const char *p = info ? strstr(info, "Pages:") : NULL;
	int n = p ? (int)strtol(p + 6, NULL, 10) : -1;

	free(info);
	return n;
}

/* pdftotext without layout; newlines removed so that wrapped phrases are whole. */
static char *text_of(const struct buf *pdf, int first_page)
{
	char cmd[96], *t, *r, *w;

	snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 -f %d", first_page);
	t = run_tool(pdf, cmd, "- 2>/dev/null");
	for (r = w = t; t && *r; r++)
		if (*r != '\n' && *r != '\f' && *r != ' ')
			*w++ = *r;
	if (t)
		*w = '\0';
	return t;
}

TEST(doc_money_upper_as_bank_forms_write_it)
{
	static const struct {
		long long fen;
		const char *want;
	} cases[] = {
		{ 0, "人民币零元整" },
		{ 1, "人民币壹分" },
		{ 50, "人民币伍角" },
		{ 1005, "人民币壹拾元零伍分" },
		{ 1000, "人民币壹拾元整" },
		{ 150000, "人民币壹仟伍佰元整" },
		{ 140950, "人民币壹仟肆佰零玖元伍角" },
		{ 600714, "人民币陆仟零柒元壹角肆分" },
		{ 168032, "人民币壹仟陆佰捌拾元叁角贰分" },
		{ 10700053, "人民币壹拾万柒仟元伍角叁分" },
		{ 10070000, "人民币壹拾万零柒佰元整" },
		{ 1640902, "人民币壹万陆仟肆佰零玖元零贰分" },
		{ 32504, "人民币叁佰贰拾伍元零肆分" },
		{ 300000000, "人民币叁佰万元整" },
		{ 10000000000LL, "人民币壹亿元整" },
		{ 10001000000LL, "人民币壹亿零壹万元整" },
		{ 12345678901234LL, "人民币壹仟贰佰叁拾肆亿伍仟陆佰柒拾捌万玖仟零壹拾贰元叁角肆分" },
		{ DOC_FEN_MAX, "人民币玖万亿玖仟玖佰玖拾玖亿玖仟玖佰玖拾玖万玖仟玖佰玖拾玖元玖角玖分" },
	};
	char out[DOC_MONEY_MAX];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK_INT(doc_money_upper(cases[i].fen, out, sizeof(out)), 0);
		CHECK_STR(out, cases[i].want);
	}
	CHECK_INT(doc_money_upper(-1, out, sizeof(out)), -1);
	CHECK_INT(doc_money_upper(DOC_FEN_MAX + 1, out, sizeof(out)), -1);
	CHECK_INT(doc_money_upper(150000, out, 10), -1);
}

TEST(doc_money_figures_with_thousands_separators)
{
	char out[64];

	CHECK_INT(doc_money_figures(150000, out, sizeof(out)), 0);
	CHECK_STR(out, "¥1,500.00");
	CHECK_INT(doc_money_figures(0, out, sizeof(out)), 0);
	CHECK_STR(out, "¥0.00");
	CHECK_INT(doc_money_figures(1, out, sizeof(out)), 0);
	CHECK_STR(out, "¥0.01");
	CHECK_INT(doc_money_figures(1005, out, sizeof(out)), 0);
	CHECK_STR(out, "¥10.05");
	CHECK_INT(doc_money_figures(10000000000LL, out, sizeof(out)), 0);
	CHECK_STR(out, "¥100,000,000.00");
	CHECK_INT(doc_money_figures(12345678, out, sizeof(out)), 0);
	CHECK_STR(out, "¥123,456.78");
	CHECK_INT(doc_money_figures(-5, out, sizeof(out)), -1);
	CHECK_INT(doc_money_figures(150000, out, 5), -1);
}

TEST(doc_date_in_chinese_numerals)
{
	static const struct {
		struct zdate d;
		const char *want;
	} cases[] = {
		{ { 2026, 11, 26 }, "二〇二六年十一月二十六日" },
		{ { 2000, 1, 1 }, "二〇〇〇年一月一日" },
		{ { 2026, 10, 10 }, "二〇二六年十月十日" },
		{ { 2026, 2, 20 }, "二〇二六年二月二十日" },
		{ { 2026, 12, 31 }, "二〇二六年十二月三十一日" },
		{ { 1999, 9, 19 }, "一九九九年九月十九日" },
		{ { 2026, 3, 30 }, "二〇二六年三月三十日" },
	};
	char out[DOC_DATE_MAX];
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		CHECK_INT(doc_date_cn(cases[i].d, out, sizeof(out)), 0);
		CHECK_STR(out, cases[i].want);
	}
	CHECK_INT(doc_date_cn(cases[0].d, out, 12), -1);
}

TEST(doc_every_template_renders_with_its_title)
{
	size_t i;

	CHECK_INT(doc_template_count(), 17);
	for (i = 0; i < doc_template_count(); i++) {
		json_t *m = model(doc_template_id(i));
		struct buf pdf = BUF_INIT(DOC_PDF_MAX);
		struct zerr e = ZERR_INIT;
		char *txt;
		int rc, found;

		CHECK(m);
		rc = doc_render(m, &pdf, &e);
		json_decref(m);
		if (rc < 0)
			t_fail(__FILE__, __LINE__, "%s: %s", doc_template_id(i), e.detail);
		zerr_clear(&e);
		CHECK_INT(rc, 0);
		CHECK(pdf.len > 1000 && memcmp(pdf.data, "%PDF-1.5", 8) == 0);
		txt = text_of(&pdf, 1);
		found = txt && strstr(txt, doc_template_title(i)) && strstr(txt, "绍兴市柯桥区综合行政执法局");
		if (!found)
			t_fail(__FILE__, __LINE__, "%s: title or agency not in the text", doc_template_id(i));
		free(txt);
		buf_release(&pdf);
		CHECK(found);
	}
}

/* 行政处罚法 Art 59 (1)-(6); remedy periods: 行政复议法 Art 20, 行政诉讼法 Art 46. */
TEST(penalty_law_art59_decision_states_every_required_item)
{
	static const char *const want[] = {
		"绍兴市柯桥区鉴湖纺织品有限公司",                /* (1) party's name */
		"浙江省绍兴市柯桥区柯桥街道笛扬路1088号",        /* (1) and address */
		"占用城市道路面积约42平方米",                    /* (2) facts */
		"现场检查笔录一份、现场照片六张",                /* (2) evidence */
		"处罚种类：罚款",                                /* (3) type */
		"《城市道路管理条例》第四十二条第（二）项",      /* (3) basis */
		"人民币壹仟伍佰元整（¥1,500.00）",               /* the fine, both ways */
		"自收到本决定书之日起十五日内",                  /* (4) time limit */
		"中国农业银行绍兴柯桥支行",                      /* (4) manner */
		"每日按罚款数额的百分之三加处罚款",              /* Art 72 */
		"六十日内向绍兴市柯桥区人民政府申请行政复议",    /* (5) 复议, 60 days */
		"六个月内直接向绍兴市越城区人民法院提起行政诉讼", /* (5) 诉讼, 6 months */
		"二〇二六年十一月二十六日",                      /* (6) date */
		"柯综执罚〔2026〕12号",
		"（印章）",                                      /* the seal's place */
	};
	json_t *m = model("decision");
	struct buf pdf = BUF_INIT(DOC_PDF_MAX);
	struct zerr e = ZERR_INIT;
	char *txt;
	size_t i;
	int rc = doc_render(m, &pdf, &e);

	json_decref(m);
	zerr_clear(&e);
	CHECK_INT(rc, 0);
	txt = text_of(&pdf, 1);
	buf_release(&pdf);
	CHECK(txt);
	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		if (!strstr(txt, want[i]))
			t_fail(__FILE__, __LINE__, "decision lacks \"%s\"", want[i]);
	free(txt);
}

TEST(penalty_law_art52_onspot_decision_states_time_place_and_reconsideration_first)
{
	json_t *m = model("onspot_decision");
	struct buf pdf = BUF_INIT(DOC_PDF_MAX);
	struct zerr e = ZERR_INIT;
	char *txt;
	int rc = doc_render(m, &pdf, &e);

	json_decref(m);
	zerr_clear(&e);
	CHECK_INT(rc, 0);
	txt = text_of(&pdf, 1);
	buf_release(&pdf);
	CHECK(txt);
	CHECK(strstr(txt, "2026年11月26日8时40分在柯桥区笛扬路与湖西路交叉口东北角人行道"));
	/* 行政复议法 (2023) Art 23(1): reconsideration first, and the form must say so; no
	 * direct suit within six months as on an ordinary decision; 15 days after it
	 * (行政诉讼法 Art 45) */
	CHECK(strstr(txt, "第二十三条") && strstr(txt, "六十日内先向"));
	CHECK(strstr(txt, "十五日内"));
	CHECK(!strstr(txt, "六个月内") && !strstr(txt, "直接向"));
	CHECK(strstr(txt, "执法证号：33060112345"));
	CHECK(strstr(txt, "当事人签名"));
	free(txt);
}

static char *long_facts(void)
{
	struct buf b = BUF_INIT(1 << 20);
	int i;

	for (i = 0; i < 30; i++)
		buf_adds(&b, "当事人在经营场所门前人行道上堆放纺织原料及包装物，占用城市道路。");
	buf_adds(&b, "【事实至此】");
	return buf_detach(&b, NULL);
}

TEST(doc_long_facts_flow_onto_the_next_page)
{
	static const char *const tpls[] = { "decision", "case_filing" };
	char *facts = long_facts();
	size_t i;

	for (i = 0; i < 2; i++) {
		json_t *m = model(tpls[i]);
		struct buf pdf = BUF_INIT(DOC_PDF_MAX);
		struct zerr e = ZERR_INIT;
		char *txt;
		int rc;

		json_object_set_new(m, "facts", json_string(facts));
		rc = doc_render(m, &pdf, &e);
		json_decref(m);
		zerr_clear(&e);
		CHECK_INT(rc, 0);
		CHECK(pages(&pdf) >= 2);
		txt = text_of(&pdf, 2); /* the end of the facts is on page 2 or later */
		rc = txt && strstr(txt, "【事实至此】");
		free(txt);
		buf_release(&pdf);
		if (!rc)
			t_fail(__FILE__, __LINE__, "%s: facts did not reach page 2", tpls[i]);
	}
	free(facts);
}

TEST(doc_same_model_gives_identical_bytes)
{
	json_t *m = model("decision");
	struct buf a = BUF_INIT(DOC_PDF_MAX), b = BUF_INIT(DOC_PDF_MAX);
	struct zerr e = ZERR_INIT;
	char *info;

	CHECK_INT(doc_render(m, &a, &e), 0);
	CHECK_INT(doc_render(m, &b, &e), 0);
	json_decref(m);
	CHECK_INT(a.len, b.len);
	CHECK(memcmp(a.data, b.data, a.len) == 0);
	/* the dates in the file are the model's, not the clock's */
	info = run_tool(&a, "pdfinfo -isodates", "");
	CHECK(info && strstr(info, "2026-11-26T00:00:00+08"));
	free(info);
	info = run_tool(&a, "pdffonts", "");
	CHECK(info && strstr(info, "NotoSerifCJK"));
	free(info);
	buf_release(&a);
	buf_release(&b);
}

TEST(doc_decision_renders_quickly)
{
	json_t *m = model("decision");
	struct buf pdf = BUF_INIT(DOC_PDF_MAX);
	struct zerr e = ZERR_INIT;
	struct timespec t0, t1, c0, c1;
	double ms, cpu;
	int i, n = 10;

	CHECK_INT(doc_render(m, &pdf, &e), 0); /* warm fontconfig's and cairo's caches */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
	for (i = 0; i < n; i++) {
		buf_clear(&pdf);
		CHECK_INT(doc_render(m, &pdf, &e), 0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
	json_decref(m);
	buf_release(&pdf);
	ms = ((double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6) / n;
	cpu = ((double)(c1.tv_sec - c0.tv_sec) * 1e3 + (double)(c1.tv_nsec - c0.tv_nsec) / 1e6) / n;
	printf("    decision: %.1f ms a render (%.1f ms CPU)\n", ms, cpu);
	CHECK(ms < 2000); /* the 100 ms target is measured by make bench */
}

static int has_field(const struct zerr *e, const char *f)
{
	size_t i;

	for (i = 0; i < json_array_size(e->errors); i++)
		if (strcmp(json_string_value(json_object_get(json_array_get(e->errors, i), "field")), f) == 0)
			return 1;
	return 0;
}

TEST(doc_missing_fields_are_400_naming_each)
{
	json_t *m = model("decision");
	struct buf pdf = BUF_INIT(DOC_PDF_MAX);
	struct zerr e = ZERR_INIT;

	json_object_del(json_object_get(m, "party"), "name");
	json_object_del(m, "facts");
	json_object_set_new(json_object_get(m, "penalty"), "fine_fen", json_string("1500.00"));
	json_object_del(json_object_get(m, "remedy"), "court");
	json_object_set_new(m, "evidence_list", json_array());
	json_object_set_new(json_object_get(m, "case"), "filed_date", json_string("2026-02-30"));
	CHECK_INT(doc_render(m, &pdf, &e), -1);
	CHECK_INT(e.status, 400);
	CHECK_STR(e.code, "invalid_field");
	CHECK(has_field(&e, "party.name"));
	CHECK(has_field(&e, "facts"));
	CHECK(has_field(&e, "penalty.fine_fen"));
	CHECK(has_field(&e, "remedy.court"));
	CHECK(has_field(&e, "evidence_list"));
	CHECK(has_field(&e, "case.filed_date"));
	CHECK_INT(json_array_size(e.errors), 6);
	CHECK(strstr(e.detail, "party.name") && strstr(e.detail, "remedy.court"));
	CHECK_INT(pdf.len, 0);
	zerr_clear(&e);
	json_decref(m);
}

TEST(doc_unknown_template_bad_party_type_and_bad_officers_refused)
{
	json_t *m = model("no_such_instrument");
	struct buf pdf = BUF_INIT(DOC_PDF_MAX);
	struct zerr e = ZERR_INIT;

	CHECK_INT(doc_render(m, &pdf, &e), -1);
	CHECK_INT(e.status, 400);
	CHECK(has_field(&e, "template"));
	zerr_clear(&e);
	json_object_set_new(m, "template", json_string("decision"));
	json_object_set_new(json_object_get(m, "party"), "type", json_string("company"));
	json_object_del(m, "date");
	CHECK_INT(doc_render(m, &pdf, &e), -1);
	CHECK(has_field(&e, "party.type"));
	CHECK(has_field(&e, "date"));
	zerr_clear(&e);
	json_object_set_new(m, "template", json_string("inquiry_record"));
	json_object_set_new(m, "date", json_string("2026-11-26"));
	json_object_set_new(m, "officers", json_pack("[{s:s}]", "name", "陈立明"));
	CHECK_INT(doc_render(m, &pdf, &e), -1);
	CHECK(has_field(&e, "officers"));
	CHECK_INT(pdf.len, 0);
	zerr_clear(&e);
	json_decref(m);
}

TEST(doc_text_is_escaped_not_markup)
{
	json_t *m = model("decision");
	struct buf pdf = BUF_INIT(DOC_PDF_MAX);
	struct zerr e = ZERR_INIT;
	char *txt;

	json_object_set_new(m, "facts", json_string("A&B<b>粗</b>'引号'\"双\"<span>"));
	CHECK_INT(doc_render(m, &pdf, &e), 0);
	json_decref(m);
	txt = text_of(&pdf, 1);
	CHECK(txt && strstr(txt, "A&B<b>粗</b>'引号'\"双\"<span>"));
	free(txt);
	buf_release(&pdf);
}

TEST(doc_output_over_the_cap_is_413_and_leaves_the_buffer)
{
	json_t *m = model("decision");
	struct buf pdf = BUF_INIT(4096);
	struct zerr e = ZERR_INIT;

	buf_adds(&pdf, "keep");
	CHECK_INT(doc_render(m, &pdf, &e), -1);
	json_decref(m);
	CHECK_INT(e.status, 413);
	CHECK_STR(buf_str(&pdf), "keep");
	zerr_clear(&e);
	buf_release(&pdf);
}

TEST(doc_person_party_prints_id_number_and_domicile)
{
	json_t *m = model("decision");
	struct buf pdf = BUF_INIT(DOC_PDF_MAX);
	struct zerr e = ZERR_INIT;
	char *txt;

	json_object_set_new(m, "party", json_pack("{s:s, s:s, s:s, s:s}", "type", "person",
						  "name", "张某某", "id", "330621********1234",
						  "address", "浙江省绍兴市柯桥区湖塘街道"));
	CHECK_INT(doc_render(m, &pdf, &e), 0);
	json_decref(m);
	txt = text_of(&pdf, 1);
	buf_release(&pdf);
	CHECK(txt && strstr(txt, "身份证件号码：330621********1234") &&
	      strstr(txt, "住址：浙江省绍兴市柯桥区湖塘街道") && !strstr(txt, "法定代表人（负责人）"));
	free(txt);
}

/* The text of page p alone, whitespace removed. */
static char *page_text(const struct buf *pdf, int p)
{
	char cmd[96], *t, *r, *w;

	snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 -f %d -l %d", p, p);
	t = run_tool(pdf, cmd, "- 2>/dev/null");
	for (r = w = t; t && *r; r++)
		if (*r != '\n' && *r != '\f' && *r != ' ')
			*w++ = *r;
	if (t)
		*w = '\0';
	return t;
}

/* The page that holds needle, 0 when none does. */
static int page_of(const struct buf *pdf, const char *needle)
{
	int p, n = pages(pdf);

	for (p = 1; p <= n; p++) {
		char *t = page_text(pdf, p);
		int hit = t && strstr(t, needle) != NULL;

		free(t);
		if (hit)
			return p;
	}
	return 0;
}

/* A record's closing statement ("以上笔录经…核对") never ends a page while the
 * signature lines that confirm it start the next: wherever the facts push it, the
 * statement and the signatures share a page. */
TEST(doc_record_statement_stays_with_its_signatures)
{
	const char *line = "现场检查发现当事人在人行道上堆放建筑材料，占用道路面积约二十平方米。";
	int n, moved = 0;

	for (n = 6; n <= 16; n++) {
		json_t *m = model("inspection_record");
		struct buf pdf = BUF_INIT(DOC_PDF_MAX), facts = BUF_INIT(1 << 16);
		struct zerr e = ZERR_INIT;
		int i, ps, pw;

		for (i = 0; i < n; i++)
			buf_adds(&facts, line);
		json_object_set_new(m, "facts", json_string(buf_str(&facts)));
		CHECK_INT(doc_render(m, &pdf, &e), 0);
		ps = page_of(&pdf, "以上笔录经当事人（现场负责人）核对");
		pw = page_of(&pdf, "见证人签名：＿");
		if (ps != pw || ps == 0)
			t_fail(__FILE__, __LINE__, "%d lines of facts: statement on page %d, signatures on %d", n, ps, pw);
		CHECK(ps == pw && ps > 0);
		/* the statement has been moved at least once across this range */
		if (ps == 2 && page_of(&pdf, line) == 1)
			moved = 1;
		json_decref(m);
		buf_release(&pdf);
		buf_release(&facts);
	}
	CHECK(moved);
}

/* Art 56: the notice prints the last day of the seven working days when the case
 * layer computed it, and the bare period otherwise; the manner is optional. */
TEST(penalty_law_art56_preservation_notice_prints_the_decision_day)
{
	json_t *m = model("preservation_notice");
	struct buf pdf = BUF_INIT(DOC_PDF_MAX);
	struct zerr e = ZERR_INIT;
	char *t;

	json_object_set_new(json_object_get(m, "preservation"), "decide_by", json_string("2026-04-14"));
	CHECK_INT(doc_render(m, &pdf, &e), 0);
	t = text_of(&pdf, 1);
	CHECK(t && strstr(t, "本机关将在七个工作日内，即于二〇二六年四月十四日前依法作出处理决定。"));
	CHECK(t && strstr(t, "保存方式：就地封存。"));
	CHECK_INT(pages(&pdf), 1);
	free(t);
	buf_clear(&pdf);
	json_object_del(json_object_get(m, "preservation"), "decide_by");
	json_object_del(json_object_get(m, "preservation"), "manner");
	CHECK_INT(doc_render(m, &pdf, &e), 0);
	t = text_of(&pdf, 1);
	CHECK(t && strstr(t, "本机关将在七个工作日内依法作出处理决定。") && !strstr(t, "即于"));
	CHECK(t && !strstr(t, "保存方式"));
	free(t);
	json_decref(m);
	buf_release(&pdf);
}

/* Records without start and end times print the date and say the times were not
 * recorded; a summary stands in for questions and answers. */
TEST(doc_inquiry_record_without_times_or_questions)
{
	json_t *m = model("inquiry_record"), *q = json_object_get(m, "inquiry");
	struct buf pdf = BUF_INIT(DOC_PDF_MAX);
	struct zerr e = ZERR_INIT;
	char *t;

	json_object_del(q, "start");
	json_object_del(q, "end");
	json_object_del(q, "qa");
	json_object_del(json_object_get(m, "interviewee"), "gender");
	json_object_set_new(q, "date", json_string("2026-10-10"));
	json_object_set_new(q, "summary", json_string("当事人承认占道经营。"));
	CHECK_INT(doc_render(m, &pdf, &e), 0);
	t = text_of(&pdf, 1);
	CHECK(t && strstr(t, "询问日期：二〇二六年十月十日（起止时间未记录）"));
	CHECK(t && strstr(t, "询问内容摘要：当事人承认占道经营。") && !strstr(t, "性别"));
	free(t);
	json_decref(m);
	buf_release(&pdf);
}

/* Item tables take their column widths from the header: "=N" percent, the rest shared. */
TEST(doc_table_widths_from_the_header)
{
	double w[8];
	char label[8][64];

	CHECK_INT(lay_table_widths("序号=10|证据名称=30|种类|摘要", w, label, 8), 4);
	CHECK_STR(label[0], "序号");
	CHECK_STR(label[3], "摘要");
	CHECK(w[0] > 0.099 && w[0] < 0.101 && w[1] > 0.299 && w[1] < 0.301);
	CHECK(w[2] > 0.299 && w[2] < 0.301 && w[3] > 0.299 && w[3] < 0.301);
	/* without widths: the item tables' shape, a narrow number and a wide name */
	CHECK_INT(lay_table_widths("序号|物品名称|规格型号|数量|备注", w, label, 8), 5);
	CHECK(w[0] > 0.099 && w[0] < 0.101 && w[1] > 0.299 && w[1] < 0.301 && w[4] > 0.199 && w[4] < 0.201);
	CHECK_INT(lay_table_widths("名称|值", w, label, 8), 2);
	CHECK(w[0] > 0.499 && w[0] < 0.501);
	/* widths over 100 %, none left for a cell without one, or not a number */
	CHECK_INT(lay_table_widths("a=60|b=50", w, label, 8), -1);
	CHECK_INT(lay_table_widths("a=60|b=40|c", w, label, 8), -1);
	CHECK_INT(lay_table_widths("a=x|b", w, label, 8), -1);
	CHECK_INT(lay_table_widths("a=0|b", w, label, 8), -1);
	CHECK_INT(lay_table_widths("a|b|c|d", w, label, 2), 2);
}

/* 证据清单 (Art 59(2)): 60 pieces of evidence run over several pages, the header row on
 * each, the seal after the last row and never alone on a page. */
TEST(doc_long_evidence_list_repeats_its_header_on_every_page)
{
	json_t *m = model("evidence_inventory"), *items = json_array();
	struct buf pdf = BUF_INIT(DOC_PDF_MAX);
	struct zerr e = ZERR_INIT;
	char *txt, cmd[64], name[64];
	int i, n, rows = 0, last = 0;

	for (i = 1; i <= 60; i++) {
		snprintf(name, sizeof(name), "第%d号现场照片（笛扬路1088号门前）", i);
		json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:s, s:s}", "name", name, "kind", "视听资料",
						       "digest", "9f2c 4e1a b37d 05c8", "collectors", "陈立明、周晓燕",
						       "collected", "2026年10月8日14时25分，笛扬路1088号门前"));
	}
	json_object_set_new(json_object_get(m, "evidence"), "items", items);
	CHECK_INT(doc_render(m, &pdf, &e), 0);
	n = pages(&pdf);
	CHECK(n >= 3);
	for (i = 1; i <= n; i++) {
		snprintf(cmd, sizeof(cmd), "pdftotext -enc UTF-8 -f %d -l %d", i, i);
		txt = run_tool(&pdf, cmd, "- 2>/dev/null");
		if (txt && strstr(txt, "号现场照片") && (!strstr(txt, "证据名称") || !strstr(txt, "收集人")))
			t_fail(__FILE__, __LINE__, "page %d of %d has rows but not the table's header", i, n);
		rows += txt && strstr(txt, "号现场照片");
		last |= txt && strstr(txt, "第60号现场照片");
		/* the seal on the last page, with the sentence before it (GB/T 9704 §7.3.5.1) */
		if (txt && (i == n) != (strstr(txt, "（印章）") != NULL))
			t_fail(__FILE__, __LINE__, "the seal is on page %d of %d", i, n);
		if (i == n && (!txt || !strstr(txt, "第五十九条")))
			t_fail(__FILE__, __LINE__, "the seal's page has no text before the seal");
		free(txt);
	}
	CHECK(last);
	CHECK(rows >= 3);
	json_decref(m);
	buf_release(&pdf);
	zerr_clear(&e);
}

/* 听证笔录 (Art 64(8)): the record names who came and what each side said; without an
 * end time it says so. 先行登记保存证据处理决定书 (Art 56): the items and the disposal. */
TEST(penalty_law_art64_hearing_record_and_art56_preservation_decision)
{
	json_t *m = model("hearing_record");
	struct buf pdf = BUF_INIT(DOC_PDF_MAX);
	struct zerr e = ZERR_INIT;
	char *txt;

	json_object_del(json_object_get(m, "hearing"), "end");
	CHECK_INT(doc_render(m, &pdf, &e), 0);
	txt = text_of(&pdf, 1);
	CHECK(txt && strstr(txt, "2026年11月20日9时00分（结束时间未记录）"));
	CHECK(txt && strstr(txt, "李明（委托代理人"));
	CHECK(txt && strstr(txt, "当事人的陈述、申辩和质证意见"));
	CHECK(txt && strstr(txt, "由听证主持人在笔录中注明"));
	free(txt);
	json_decref(m);
	buf_clear(&pdf);
	m = model("preservation_decision");
	json_object_del(json_object_get(m, "preservation"), "disposal");
	CHECK_INT(doc_render(m, &pdf, &e), -1);
	CHECK_INT(e.status, 400);
	CHECK(strstr(e.detail, "preservation.disposal") != NULL);
	zerr_clear(&e);
	json_decref(m);
	m = model("preservation_decision");
	CHECK_INT(doc_render(m, &pdf, &e), 0);
	txt = text_of(&pdf, 1);
	CHECK(txt && strstr(txt, "于二〇二六年十月八日"));
	CHECK(txt && strstr(txt, "涤纶坯布"));
	CHECK(txt && strstr(txt, "对上述物品解除先行登记保存，返还当事人"));
	CHECK(txt && strstr(txt, "即二〇二六年十月十九日前"));
	free(txt);
	json_decref(m);
	buf_release(&pdf);
}
