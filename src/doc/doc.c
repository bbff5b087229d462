/* doc.c: the templates as tables of blocks, and the one walker that checks a model
 * against a template and renders it. A block's text is pango markup with placeholders
 * {path}, {path?} (optional) and {path|filter}; values are escaped before they are
 * put in. Filters: date, datetime, time, money, officers, names (see docs/documents.md). */
#include "doc/doc.h"

#include <stdio.h>
#include <string.h>

#include "doc/layout.h"

enum bk {
	B_AGENCY, /* the agency's name as the first title line */
	B_TITLE,  /* the instrument's name */
	B_DOCNO,  /* document number, centred under the title */
	B_RIGHT,  /* right-aligned line (form numbers) */
	B_HEAD,   /* 黑体 heading: 一、… */
	B_LINE,   /* unindented line */
	B_PARA,   /* paragraph with a two-character first-line indent */
	B_SIGN,   /* signature line, right-aligned */
	B_NOTE,   /* small print */
	B_GAP,    /* half a line of space */
	B_PARTY,  /* the party's lines, by party.type */
	B_LIST,   /* field: array of strings, numbered paragraphs */
	B_QA,     /* field: array of {q, a}: 问：/答： */
	B_ROW,    /* table row: text = label, more = value */
	B_ROWS,   /* field: array of objects; more = "labelkey|valuekey" */
	B_TABLE,  /* field: array of objects; text = header "序号|a|b"; more = keys "k1|k2" */
	B_SEAL,   /* agency name and date with the seal's place */
	B_FOOT,   /* text = markup at the foot of every page from here on */
};

#define F_IF 1     /* only when cond is present and truthy */
#define F_UNLESS 2 /* only when cond is absent or falsy */
#define F_OPT 4    /* array blocks: may be absent or empty */

struct block {
	enum bk kind;
	int flags;
	const char *cond;  /* path tested by F_IF / F_UNLESS */
	const char *field; /* array path of B_LIST, B_QA, B_ROWS, B_TABLE */
	const char *text;
	const char *more;
};

struct template {
	const char *id, *title;
	const struct block *blocks;
	size_t n;
	int compact; /* a one-page form: smaller type */
};

#define MODEL_TEXT_MAX (4u << 20)

/* ---- the templates ------------------------------------------------------------ */

#define HEADER(title)                                                                   \
	{ B_AGENCY, 0, NULL, NULL, "{agency_name}", NULL },                             \
	{ B_TITLE, 0, NULL, NULL, title, NULL },                                        \
	{ B_DOCNO, 0, NULL, NULL, "{doc_number}", NULL }
#define FORM_HEADER(title)                                                              \
	{ B_AGENCY, 0, NULL, NULL, "{agency_name}", NULL },                             \
	{ B_TITLE, 0, NULL, NULL, title, NULL },                                        \
	{ B_RIGHT, 0, NULL, NULL, "编号：{doc_number}", NULL }
#define SEAL { B_SEAL, 0, NULL, NULL, NULL, NULL }
#define GAP { B_GAP, 0, NULL, NULL, NULL, NULL }
#define PARA(t) { B_PARA, 0, NULL, NULL, t, NULL }
#define LINE(t) { B_LINE, 0, NULL, NULL, t, NULL }
#define HEAD(t) { B_HEAD, 0, NULL, NULL, t, NULL }
#define SIGN(t) { B_SIGN, 0, NULL, NULL, t, NULL }
#define NOTE(t) { B_NOTE, 0, NULL, NULL, t, NULL }
#define ROW(l, v) { B_ROW, 0, NULL, NULL, l, v }
#define IF(c, kind, t) { kind, F_IF, c, NULL, t, NULL }
#define UNLESS(c, kind, t) { kind, F_UNLESS, c, NULL, t, NULL }
#define ROW_IF(c, l, v) { B_ROW, F_IF, c, NULL, l, v }
#define LIST(f, opt) { B_LIST, opt, NULL, f, NULL, NULL }
#define PARTY { B_PARTY, 0, NULL, NULL, NULL, NULL }
#define FOOT(t) { B_FOOT, 0, NULL, NULL, t, NULL }
#define SIGN_BLANK "＿＿＿＿＿＿＿＿　　年　　月　　日"

/* Art 59(5); 行政复议法 (2023) Art 20: 60 days; 行政诉讼法 Art 46: six months. */
#define REMEDY                                                                          \
	PARA("当事人如不服本处罚决定，可以在收到本决定书之日起六十日内向"               \
	     "{remedy.reconsideration_body}申请行政复议，也可以在收到本决定书之日起"   \
	     "六个月内直接向{remedy.court}提起行政诉讼。行政复议和行政诉讼期间，本处罚" \
	     "决定不停止执行，法律另有规定的除外。")
/* An on-the-spot decision must go to reconsideration first (行政复议法 (2023) Art 23(1),
 * and the agency must say so, Art 23 para 2); the application may be handed in through the
 * deciding agency (Art 32); after it, 15 days to sue (行政诉讼法 Art 45). */
#define REMEDY_SPOT                                                                     \
	PARA("当事人如不服本处罚决定，依照《中华人民共和国行政复议法》第二十三条的规定，" \
	     "应当在收到本决定书之日起六十日内先向{remedy.reconsideration_body}申请行政"  \
	     "复议（可以通过本机关提交行政复议申请）；对行政复议决定不服的，可以在收到"    \
	     "行政复议决定书之日起十五日内向{remedy.court}提起行政诉讼。行政复议和行政诉讼" \
	     "期间，本处罚决定不停止执行，法律另有规定的除外。")
/* Art 59(4), Art 67 (bank or electronic payment), Art 72 (3% a day, capped). */
#define PAYMENT                                                                         \
	{ B_PARA, F_UNLESS, "payment.on_spot", NULL,                                    \
	  "当事人应当{payment.deadline}，持本决定书到{payment.bank}（户名："             \
	  "{payment.account_name}；账号：{payment.account}）缴纳罚款，或者通过电子支付"  \
	  "系统缴纳{payment.electronic?}。逾期不缴纳罚款的，"                           \
	  "本机关将依据《中华人民共和国行政处罚法》第七十二条第一款第一项的规定，每日按" \
	  "罚款数额的百分之三加处罚款，加处罚款的数额不超过罚款的数额。", NULL },      \
	{ B_PARA, F_IF, "payment.on_spot", NULL,                                        \
	  "罚款已由执法人员依照《中华人民共和国行政处罚法》第六十八条的规定当场收缴，" \
	  "并出具财政部门统一制发的专用票据（票据号：{payment.receipt_no}）。", NULL }
#define FINE_LINE(label) IF("penalty.fine_fen", B_LINE, label "{penalty.fine_fen|money}")

static const struct block t_case_filing[] = {
	FORM_HEADER("立案审批表"),
	ROW("案件来源", "{case.source}"),
	ROW("案　　由", "{cause}"),
	ROW("当 事 人", "{party.name}"),
	ROW("证件号码", "{party.id}"),
	ROW_IF("party.legal_rep", "法定代表人", "{party.legal_rep}"),
	ROW("住　　所", "{party.address}"),
	ROW_IF("party.phone", "联系电话", "{party.phone}"),
	ROW("案情摘要", "{facts}"),
	ROW("立案依据", "{basis|names}"),
	ROW("承 办 人", "{officers|officers}"),
	ROW("承办人意见", "{case.officer_opinion}\n签名：＿＿＿＿＿＿　　日期：{case.filed_date|date}"),
	ROW("承办机构\n审核意见", "{case.dept_opinion?}\n\n签名：＿＿＿＿＿＿　　日期：＿＿＿＿＿＿"),
	ROW("负责人\n审批意见", "{case.head_opinion?}\n\n签名：＿＿＿＿＿＿　　日期：＿＿＿＿＿＿"),
	ROW("备　　注", "{note?}"),
	NOTE("填表日期：{date|date}"),
};

static const struct block t_inquiry_record[] = {
	FOOT("被询问人签名：＿＿＿＿＿＿＿＿　　　询问人签名：＿＿＿＿＿＿＿＿"),
	{ B_AGENCY, 0, NULL, NULL, "{agency_name}", NULL },
	{ B_TITLE, 0, NULL, NULL, "调查询问笔录", NULL },
	GAP,
	IF("inquiry.start", B_LINE, "询问时间：{inquiry.start|datetime}至{inquiry.end|time}"),
	UNLESS("inquiry.start", B_LINE, "询问日期：{inquiry.date|date}（起止时间未记录）"),
	LINE("询问地点：{inquiry.place}"),
	LINE("询 问 人：{officers|officers}"),
	LINE("记 录 人：{inquiry.recorder}"),
	IF("interviewee.gender", B_LINE, "被询问人：{interviewee.name}　　性别：{interviewee.gender}"),
	UNLESS("interviewee.gender", B_LINE, "被询问人：{interviewee.name}"),
	LINE("身份证件号码：{interviewee.id}"),
	IF("interviewee.work", B_LINE, "工作单位及职务：{interviewee.work}"),
	LINE("住址：{interviewee.address}"),
	IF("interviewee.phone", B_LINE, "联系电话：{interviewee.phone}"),
	LINE("与本案关系：{interviewee.relation}"),
	GAP,
	PARA("<b>问：</b>我们是{agency_name}的执法人员（出示执法证件），现依法就{cause}"
	     "一案向你进行调查询问。你有如实回答询问、协助调查的义务，也有陈述、申辩和申请"
	     "执法人员回避的权利。你是否申请回避？"),
	{ B_QA, F_OPT, NULL, "inquiry.qa", NULL, NULL },
	IF("inquiry.summary", B_HEAD, "询问内容摘要："),
	IF("inquiry.summary", B_PARA, "{inquiry.summary}"),
	PARA("以上笔录共　页，我已看过（或已向我宣读过），与我所说的相符。"),
	GAP,
	SIGN("被询问人签名：" SIGN_BLANK),
	SIGN("询问人签名：" SIGN_BLANK),
	SIGN("记录人签名：" SIGN_BLANK),
};

static const struct block t_inspection_record[] = {
	FOOT("当事人（现场负责人）签名：＿＿＿＿＿＿＿＿　　检查人员签名：＿＿＿＿＿＿＿＿"),
	{ B_AGENCY, 0, NULL, NULL, "{agency_name}", NULL },
	{ B_TITLE, 0, NULL, NULL, "现场检查笔录", NULL },
	GAP,
	IF("inspection.start", B_LINE, "检查时间：{inspection.start|datetime}至{inspection.end|time}"),
	UNLESS("inspection.start", B_LINE, "检查日期：{inspection.date|date}（起止时间未记录）"),
	LINE("检查地点：{inspection.place}"),
	LINE("检查人员：{officers|officers}"),
	LINE("记 录 人：{inspection.recorder}"),
	PARTY,
	LINE("现场负责人：{inspection.present.name}　　身份：{inspection.present.role}"),
	GAP,
	PARA("执法人员向现场负责人出示了执法证件，表明了身份，告知了检查的依据和当事人依法"
	     "享有的陈述、申辩和申请回避的权利。"),
	HEAD("现场检查情况："),
	PARA("{facts}"),
	IF("inspection.measures", B_HEAD, "现场采取的措施："),
	IF("inspection.measures", B_PARA, "{inspection.measures}"),
	IF("inspection.media", B_LINE, "现场拍照、录像：{inspection.media}"),
	PARA("以上笔录经当事人（现场负责人）核对，与现场情况相符。"),
	GAP,
	SIGN("现场负责人签名：" SIGN_BLANK),
	SIGN("见证人签名：" SIGN_BLANK),
	SIGN("检查人员签名：" SIGN_BLANK),
	SIGN("记录人签名：" SIGN_BLANK),
};

static const struct block t_preservation_notice[] = {
	HEADER("先行登记保存证据通知书"),
	LINE("{party.name}："),
#define PRESERVE_INTRO                                                                      \
	"因你（单位）涉嫌{cause}，为防止证据灭失或者以后难以取得，经本机关负责人批准，"    \
	"根据《中华人民共和国行政处罚法》第五十六条的规定，本机关决定对下列物品予以"      \
	"先行登记保存。保存地点：{preservation.place}"
	IF("preservation.manner", B_PARA, PRESERVE_INTRO "；保存方式：{preservation.manner}。"),
	UNLESS("preservation.manner", B_PARA, PRESERVE_INTRO "。"),
	{ B_TABLE, 0, NULL, "preservation.items", "序号|物品名称|规格型号|数量|备注",
	  "name|spec|quantity|note" },
	GAP,
	UNLESS("preservation.decide_by", B_PARA,
	       "在先行登记保存期间，你（单位）不得销毁或者转移上述物品。本机关将在七个工作日内"
	       "依法作出处理决定。"),
	IF("preservation.decide_by", B_PARA,
	   "在先行登记保存期间，你（单位）不得销毁或者转移上述物品。本机关将在七个工作日内，"
	   "即于{preservation.decide_by|date}前依法作出处理决定。"),
	LINE("执法人员：{officers|officers}"),
	SEAL,
	SIGN("当事人签名：" SIGN_BLANK),
};

static const struct block t_prior_notice[] = {
	HEADER("行政处罚事先告知书"),
	LINE("{party.name}："),
	PARA("本机关于{case.filed_date|date}对你（单位）{cause}一案立案调查。经查明：{facts}"),
	PARA("以上事实有下列证据证明："),
	LIST("evidence_list", 0),
	PARA("你（单位）的上述行为违反了{basis|names}的规定。依据{penalty.basis}的规定，本机关"
	     "拟对你（单位）作出如下行政处罚："),
	LINE("处罚种类：{penalty.types}"),
	FINE_LINE("罚款金额："),
	IF("penalty.other", B_LINE, "{penalty.other}"),
	/* Art 44, 45: statement and defence; Art 63, 64: the hearing, asked within 5 days. */
	PARA("根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你（单位）有权"
	     "进行陈述和申辩。请于收到本告知书之日起五个工作日内向本机关提出陈述、申辩意见。"),
	IF("penalty.hearing_right", B_PARA,
	   "根据《中华人民共和国行政处罚法》第六十三条、第六十四条的规定，你（单位）有权要求"
	   "举行听证。如要求听证，应当在收到本告知书之日起五个工作日内向本机关提出。"),
	PARA("逾期未提出陈述、申辩意见或者听证要求的，视为放弃上述权利。"),
	LINE("联系人：{contact.name}　　联系电话：{contact.phone}"),
	LINE("联系地址：{contact.address}"),
	SEAL,
	SIGN("当事人签收：" SIGN_BLANK),
};

static const struct block t_hearing_notice[] = {
	HEADER("听证通知书"),
	LINE("{party.name}："),
	IF("hearing.clerk", B_PARA,
	   "根据你（单位）的申请，本机关决定于{hearing.time|datetime}在{hearing.place}"
	   "就{cause}一案举行听证。本次听证由{hearing.host}担任主持人，{hearing.clerk}"
	   "担任记录员。{hearing.public_note?}"),
	UNLESS("hearing.clerk", B_PARA,
	       "根据你（单位）的申请，本机关决定于{hearing.time|datetime}在{hearing.place}"
	       "就{cause}一案举行听证。本次听证由{hearing.host}担任主持人。{hearing.public_note?}"),
	IF("hearing.notified", B_PARA,
	   "本通知书于{hearing.notified|date}送达，不迟于听证举行的七个工作日前，符合《中华人民共和国"
	   "行政处罚法》第六十四条第二项的规定。"),
	/* Art 64 (4)-(6), Art 63: no cost to the party. */
	PARA("根据《中华人民共和国行政处罚法》第六十四条的规定，你（单位）认为主持人与本案有"
	     "直接利害关系的，有权申请回避，请在听证举行前向本机关提出并说明理由。你（单位）"
	     "可以亲自参加听证，也可以委托一至二人代理；委托代理人的，应当在听证前提交"
	     "授权委托书。"),
	PARA("你（单位）无正当理由拒不出席听证或者未经许可中途退出听证的，视为放弃听证权利，"
	     "本机关终止听证。当事人不承担行政机关组织听证的费用。"),
	PARA("请携带身份证明和有关证据材料按时参加听证。"),
	LINE("联系人：{contact.name}　　联系电话：{contact.phone}"),
	LINE("联系地址：{contact.address}"),
	SEAL,
	SIGN("当事人签收：" SIGN_BLANK),
};

static const struct block t_legal_review[] = {
	HEADER("法制审核意见书"),
	ROW("案　　由", "{cause}"),
	ROW("当 事 人", "{party.name}"),
	ROW("送审机构", "{review.submitted_by}"),
	ROW("送审日期", "{review.submitted_date|date}"),
	ROW("拟处罚意见", "{penalty.types}；{penalty.fine_fen?|money}"),
	{ B_ROWS, 0, NULL, "review.items", NULL, "label|text" },
	ROW("审核意见", "{review.opinion}"),
	ROW_IF("review.qualification_no", "审核人员",
	       "{review.reviewer}（法律职业资格证书编号：{review.qualification_no}）"),
	{ B_ROW, F_UNLESS, "review.qualification_no", NULL, "审核人员", "{review.reviewer}" },
	NOTE("（依据《中华人民共和国行政处罚法》第五十八条：未经法制审核或者审核未通过的，不得作出决定；"
	     "初次从事行政处罚决定法制审核的人员，应当通过国家统一法律职业资格考试取得法律职业资格。）"),
	GAP,
	SIGN("审核人员签名：" SIGN_BLANK),
	SEAL,
};

static const struct block t_collective_discussion[] = {
	FOOT("主持人签名：＿＿＿＿＿＿＿＿　　　记录人签名：＿＿＿＿＿＿＿＿"),
	FORM_HEADER("集体讨论记录"),
	ROW("案　　由", "{cause}"),
	ROW("当 事 人", "{party.name}"),
	ROW_IF("meeting.time", "时　　间", "{meeting.time|datetime}"),
	{ B_ROW, F_UNLESS, "meeting.time", NULL, "日　　期", "{meeting.date|date}" },
	ROW("地　　点", "{meeting.place}"),
	ROW("主 持 人", "{meeting.host}"),
	ROW("记 录 人", "{meeting.recorder}"),
	ROW("出席人员", "{meeting.attendees|names}"),
	ROW_IF("meeting.observers", "列席人员", "{meeting.observers|names}"),
	ROW("案情介绍", "{facts}"),
	ROW("承办机构\n处理意见", "{meeting.proposal}"),
	{ B_ROWS, F_OPT, NULL, "meeting.opinions", NULL, "name|opinion" },
	ROW("结论性意见", "{meeting.conclusion}"),
	NOTE("（依据《中华人民共和国行政处罚法》第五十七条第二款：对情节复杂或者重大违法行为给予行政处罚，"
	     "行政机关负责人应当集体讨论决定。）"),
	GAP,
	SIGN("出席人员签名：＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿"),
};

static const struct block t_decision[] = {
	HEADER("行政处罚决定书"),
	PARTY,
	PARA("当事人{cause}一案，本机关于{case.filed_date|date}依法立案调查，现已调查终结。"),
	{ B_PARA, F_IF, "notice", NULL,
	  "本机关于{notice.date|date}向当事人送达了《行政处罚事先告知书》（{notice.number}），"
	  "告知了拟作出行政处罚的事实、理由、依据及当事人依法享有的陈述、申辩和要求听证的"
	  "权利。{notice.response?}", NULL },
	HEAD("一、违法事实和证据"),
	PARA("经查明：{facts}"),
	PARA("上述事实有以下证据证明："),
	LIST("evidence_list", 0),
	HEAD("二、处罚种类和依据"),
	PARA("本机关认为，当事人的上述行为违反了{basis|names}的规定。{discretion?}"
	     "依据{penalty.basis}的规定，本机关决定对当事人作出如下行政处罚："),
	LINE("处罚种类：{penalty.types}"),
	FINE_LINE("罚款金额："),
	IF("penalty.other", B_LINE, "{penalty.other}"),
	HEAD("三、履行方式和期限"),
	PAYMENT,
	HEAD("四、申请行政复议或者提起行政诉讼的途径和期限"),
	REMEDY,
	PARA("当事人逾期不申请行政复议、不提起行政诉讼，又不履行本处罚决定的，本机关将依法"
	     "申请人民法院强制执行。"),
	SEAL,
	NOTE("（本决定书一式两份，一份送达当事人，一份归档。）"),
};

static const struct block t_service_receipt[] = {
	{ B_AGENCY, 0, NULL, NULL, "{agency_name}", NULL },
	{ B_TITLE, 0, NULL, NULL, "送达回证", NULL },
	GAP,
	ROW("送达文书\n名称及文号", "{service.documents|names}"),
	ROW("受送达人", "{party.name}"),
	ROW("送达地点", "{service.place}"),
	ROW("送达方式", "{service.method}"),
	ROW("送 达 人", "{officers|officers}"),
	ROW("送达时间", "{service.time?|datetime}"),
	ROW("受送达人\n签名或盖章", "\n\n" SIGN_BLANK),
	ROW("代收人及\n代收理由", "{service.proxy?}"),
	ROW("见 证 人", "{service.witness?}"),
	ROW("备　　注", "{service.note?}"),
	SEAL,
	NOTE("（依据《中华人民共和国民事诉讼法》第八十七条至第九十五条送达；受送达人拒绝签收的，"
	     "送达人应当在备注栏注明情况。）"),
};

static const struct block t_onspot_decision[] = {
	HEADER("当场行政处罚决定书"),
	PARTY,
	PARA("当事人于{violation.time|datetime}在{violation.place}，{facts}"),
	IF("evidence_list", B_PARA, "以上事实有下列证据证明："),
	LIST("evidence_list", F_OPT),
	PARA("当事人的上述行为违反了{basis|names}的规定。{discretion?}依据{penalty.basis}的规定，决定给予"
	     "当事人如下行政处罚："),
	LINE("处罚种类：{penalty.types}"),
	FINE_LINE("罚款金额："),
	PAYMENT,
	REMEDY_SPOT,
	LINE("执法人员：{officers|officers}"),
	SIGN("执法人员签名：" SIGN_BLANK),
	SIGN("当事人签名：" SIGN_BLANK),
	NOTE("（当事人拒绝签名的，由执法人员在此注明：＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿）"),
	SEAL,
	NOTE("（依据《中华人民共和国行政处罚法》第五十二条，本决定书当场交付当事人，"
	     "并报所属行政机关备案。）"),
};

static const struct block t_closing_report[] = {
	FORM_HEADER("结案报告"),
	ROW("案　　由", "{cause}"),
	ROW("当 事 人", "{party.name}"),
	ROW("立案日期", "{case.filed_date|date}"),
	ROW("处罚决定书\n文　　号", "{decision.number}"),
	ROW("决定日期", "{decision.date|date}"),
	ROW("处罚内容", "{penalty.types}"),
	ROW_IF("penalty.fine_fen", "罚款金额", "{penalty.fine_fen|money}"),
	ROW("执行情况", "{closing.execution}"),
	ROW("结案理由", "{closing.reason}"),
	ROW("承 办 人", "{officers|officers}"),
	ROW("承办人意见", "{closing.officer_opinion}\n签名：＿＿＿＿＿＿　　日期：{date|date}"),
	ROW("承办机构\n审核意见", "{closing.dept_opinion?}\n\n签名：＿＿＿＿＿＿　　日期：＿＿＿＿＿＿"),
	ROW("负责人\n审批意见", "{closing.head_opinion?}\n\n签名：＿＿＿＿＿＿　　日期：＿＿＿＿＿＿"),
};


/* Art 64(7), (8): the investigators' case, the party's defence and cross-examination,
 * the record checked and signed (a refusal noted by the presiding officer); Art 65:
 * the decision is made on the basis of this record. */
static const struct block t_hearing_record[] = {
	FOOT("当事人（代理人）签名：＿＿＿＿＿＿＿＿　　主持人签名：＿＿＿＿＿＿＿＿"),
	{ B_AGENCY, 0, NULL, NULL, "{agency_name}", NULL },
	{ B_TITLE, 0, NULL, NULL, "听证笔录", NULL },
	GAP,
	LINE("案　　由：{cause}"),
	IF("hearing.end", B_LINE, "听证时间：{hearing.time|datetime}至{hearing.end|time}"),
	UNLESS("hearing.end", B_LINE, "听证时间：{hearing.time|datetime}（结束时间未记录）"),
	LINE("听证地点：{hearing.place}"),
	LINE("主 持 人：{hearing.host}"),
	LINE("记 录 员：{hearing.clerk}"),
	LINE("当 事 人：{party.name}"),
	LINE("到场的当事人及其代理人：{hearing.attendees|names}"),
	LINE("案件调查人员：{officers|officers}"),
	GAP,
	PARA("主持人宣布听证开始，核对听证参加人的身份，宣布听证纪律，告知当事人依照《中华人民共和国"
	     "行政处罚法》第六十四条享有申请回避、陈述、申辩和质证的权利。{hearing.opening?}"),
	HEAD("一、案件调查人员提出的违法事实、证据和行政处罚建议"),
	PARA("{hearing.case}"),
	HEAD("二、当事人的陈述、申辩和质证意见"),
	PARA("{hearing.statement}"),
	IF("hearing.conclusion", B_HEAD, "三、听证主持人意见"),
	IF("hearing.conclusion", B_PARA, "{hearing.conclusion}"),
	PARA("以上笔录已交当事人（代理人）核对（或者已向其宣读），当事人（代理人）确认无误后签字或者盖章；"
	     "拒绝签字或者盖章的，由听证主持人在笔录中注明：＿＿＿＿＿＿＿＿＿＿＿＿"),
	GAP,
	SIGN("当事人（代理人）签名：" SIGN_BLANK),
	SIGN("案件调查人员签名：" SIGN_BLANK),
	SIGN("主持人签名：" SIGN_BLANK),
	SIGN("记录员签名：" SIGN_BLANK),
};

/* Art 56: the decision on what was preserved, within 7 working days. */
static const struct block t_preservation_decision[] = {
	HEADER("先行登记保存证据处理决定书"),
	LINE("{party.name}："),
	PARA("本机关在调查你（单位）涉嫌{cause}一案中，经本机关负责人批准，于{preservation.on|date}"
	     "依照《中华人民共和国行政处罚法》第五十六条的规定，对下列物品予以先行登记保存，"
	     "保存地点：{preservation.place}。"),
	{ B_TABLE, 0, NULL, "preservation.items", "序号|物品名称|规格型号|数量|备注",
	  "name|spec|quantity|note" },
	GAP,
	PARA("根据《中华人民共和国行政处罚法》第五十六条的规定，本机关对上述物品作出如下处理决定："
	     "{preservation.disposal}。{preservation.disposal_note?}"),
	IF("preservation.decide_by", B_PARA,
	   "依法作出处理决定的期限为先行登记保存之日起七个工作日，即{preservation.decide_by|date}前。"),
	PARA("你（单位）如不服本决定，可以在收到本决定书之日起六十日内向{remedy.reconsideration_body}"
	     "申请行政复议，也可以在收到本决定书之日起六个月内直接向{remedy.court}提起行政诉讼。"),
	LINE("执法人员：{officers|officers}"),
	LINE("联系人：{contact.name}　　联系电话：{contact.phone}"),
	SEAL,
	SIGN("当事人签收：" SIGN_BLANK),
};

/* Art 59(2): the evidence the decision names, one row each, with the first 16 hex
 * digits of its SHA-256 (the content address in the evidence center). */
static const struct block t_evidence_inventory[] = {
	FORM_HEADER("证据清单"),
	LINE("案　　由：{cause}"),
	LINE("当 事 人：{party.name}"),
	{ B_TABLE, F_OPT, NULL, "evidence.items",
	  "序号=9|证据名称=27|种类=12|SHA-256摘要（前16位）=18|收集人=15|收集时间、地点=19",
	  "name|kind|digest|collectors|collected" },
	UNLESS("evidence.items", B_PARA, "本案在网上证据中心没有登记或附卷的证据。"),
	GAP,
	IF("evidence.records", B_HEAD, "本案笔录："),
	{ B_LIST, F_OPT, NULL, "evidence.records", NULL, NULL },
	GAP,
	NOTE("证据原件保存于网上证据中心，以内容摘要（SHA-256）存址；可凭本清单所列摘要在证据中心和"
	     "账本中核对每件证据的完整摘要及其收集、附卷、调取记录。"),
	NOTE("（本清单为《行政处罚决定书》{decision.number?}的附件，依《中华人民共和国行政处罚法》"
	     "第五十九条第一款第二项载明违法事实所依据的证据。）"),
	SEAL,
};

/* 行政处罚法 Art 22, 25: a case outside the agency's jurisdiction goes to the agency
 * that holds it, with its materials (条例 Art 18: evidence is recognised across agencies). */
static const struct block t_referral_letter[] = {
	HEADER("案件移送函"),
	LINE("{referral.to_agency}："),
	PARA("本机关在办理{party.name}{cause}一案（{referral.case}）中，经审查，认为该案不属于本机关管辖。"
	     "移送理由：{referral.reason}"),
	PARA("根据《中华人民共和国行政处罚法》第二十二条“行政处罚由违法行为发生地的行政机关管辖”"
	     "和第二十五条的规定，现将该案移送你机关依法处理。"),
	HEAD("一、案件基本情况"),
	ROW("当 事 人", "{party.name}"),
	ROW("证件号码", "{party.id}"),
	ROW("案　　由", "{cause}"),
	ROW("违法行为\n发生地", "{violation.place}"),
	ROW("违法行为\n发生时间", "{referral.violation_date|date}"),
	ROW("案情摘要", "{facts}"),
	ROW("涉嫌违反", "{basis|names}"),
	HEAD("二、随案移送的证据材料"),
	IF("referral.evidence", B_PARA,
	   "下列证据已通过网上证据中心共享给你机关（证据互认），并附入你机关的线索，原件由本机关保管，"
	   "未复制；可凭下列 SHA-256 摘要核验文件："),
	{ B_TABLE, F_OPT, NULL, "referral.evidence", "序号|证据（种类）|SHA-256 摘要", "name|sha256" },
	UNLESS("referral.evidence", B_PARA, "本案无随案移送的电子证据。"),
	IF("referral.records", B_PARA, "本案已制作的笔录（你机关可在该线索中查阅）："),
	LIST("referral.records", F_OPT),
	PARA("请你机关收到本函后依法处理，并将处理结果告知本机关。你机关认为不属于你机关管辖的，"
	     "可说明理由退回本机关。"),
	LINE("联系人：{contact.name}　　联系电话：{contact.phone}"),
	SEAL,
};

/* 行政强制法 Art 35: the demand (催告书) states (1) the time limit and (2) the manner of
 * performance, (3) for money the amount and how to pay it, (4) the party's right to state
 * and defend; Art 54: the court may be applied to only when the party has not performed
 * 10 days (Art 69: working days) after it was served. Art 72(1) 行政处罚法: the late fee. */
static const struct block t_demand_notice[] = {
	HEADER("催告书"),
	LINE("{party.name}："),
	PARA("本机关于{decision.date|date}对你（单位）{cause}一案作出《行政处罚决定书》（{decision.number}），"
	     "{decision.served?}你（单位）至今未全部履行该决定确定的缴纳义务。依照《中华人民共和国行政强制法》"
	     "第三十五条、第五十四条的规定，现催告你（单位）履行。"),
	HEAD("一、应当缴纳的金额"),
	IF("demand.principal_fen", B_LINE, "罚款（没收款项）：{demand.principal_fen|money}"),
	LINE("加处罚款（计至{demand.as_of|date}）：{demand.late_fee_fen|money}"),
	LINE("合计：{demand.owed_fen|money}"),
	PARA("{demand.fee_note}"),
	HEAD("二、履行的期限和方式"),
	PARA("请你（单位）自收到本催告书之日起十个工作日内，即{demand.until|date}前，到{payment.bank}"
	     "（户名：{payment.account_name}；账号：{payment.account}）缴纳上述款项，或者通过电子支付系统"
	     "缴纳{payment.electronic?}。"),
	HEAD("三、陈述和申辩的权利"),
	PARA("你（单位）收到本催告书后有权进行陈述和申辩，可以向本机关书面提出，也可以口头提出。"),
	HEAD("四、逾期不履行的后果"),
	PARA("本催告书送达十个工作日后你（单位）仍未履行的，本机关可以自{demand.apply_from|date}起，依照"
	     "《中华人民共和国行政处罚法》第七十二条第一款第四项和《中华人民共和国行政强制法》第五十三条、"
	     "第五十四条的规定，申请人民法院强制执行。"),
	LINE("联系人：{contact.name}　　联系电话：{contact.phone}"),
	LINE("联系地址：{contact.address}"),
	SEAL,
	SIGN("当事人签收：" SIGN_BLANK),
};

#define T(id, title, b) { (id), (title), (b), sizeof(b) / sizeof((b)[0]), 0 }
#define FORM(id, title, b) { (id), (title), (b), sizeof(b) / sizeof((b)[0]), 1 }
static const struct template TEMPLATES[] = {
	FORM("case_filing", "立案审批表", t_case_filing),
	T("inquiry_record", "调查询问笔录", t_inquiry_record),
	T("inspection_record", "现场检查笔录", t_inspection_record),
	FORM("preservation_notice", "先行登记保存证据通知书", t_preservation_notice),
	T("prior_notice", "行政处罚事先告知书", t_prior_notice),
	T("hearing_notice", "听证通知书", t_hearing_notice),
	FORM("legal_review", "法制审核意见书", t_legal_review),
	FORM("collective_discussion", "集体讨论记录", t_collective_discussion),
	T("decision", "行政处罚决定书", t_decision),
	FORM("service_receipt", "送达回证", t_service_receipt),
	FORM("onspot_decision", "当场行政处罚决定书", t_onspot_decision),
	FORM("closing_report", "结案报告", t_closing_report),
	T("hearing_record", "听证笔录", t_hearing_record),
	T("preservation_decision", "先行登记保存证据处理决定书", t_preservation_decision),
	FORM("evidence_inventory", "证据清单", t_evidence_inventory),
	T("referral_letter", "案件移送函", t_referral_letter),
	T("demand_notice", "催告书", t_demand_notice),
};
#define NTEMPLATES (sizeof(TEMPLATES) / sizeof(TEMPLATES[0]))

size_t doc_template_count(void)
{
	return NTEMPLATES;
}

const char *doc_template_id(size_t i)
{
	return i < NTEMPLATES ? TEMPLATES[i].id : NULL;
}

const char *doc_template_title(size_t i)
{
	return i < NTEMPLATES ? TEMPLATES[i].title : NULL;
}

/* ---- the model ------------------------------------------------------------------ */

/* The value at a dotted path ("party.name"), or NULL. */
static json_t *at(const json_t *m, const char *path, size_t n)
{
	json_t *v = (json_t *)m;
	char key[64];

	while (v && n) {
		const char *dot = memchr(path, '.', n);
		size_t k = dot ? (size_t)(dot - path) : n;

		if (k >= sizeof(key) || !json_is_object(v))
			return NULL;
		memcpy(key, path, k);
		key[k] = '\0';
		v = json_object_get(v, key);
		path += k + (dot ? 1 : 0);
		n -= k + (dot ? 1 : 0);
	}
	return v;
}

static int truthy(const json_t *v)
{
	if (!v || json_is_null(v) || json_is_false(v))
		return 0;
	if (json_is_integer(v))
		return json_integer_value(v) != 0;
	if (json_is_string(v))
		return json_string_length(v) != 0;
	if (json_is_array(v))
		return json_array_size(v) != 0;
	return 1;
}

static int add_escaped(struct buf *b, const char *s)
{
	int r = 0;

	for (; *s && !r; s++) {
		switch (*s) {
		case '&': r = buf_adds(b, "&amp;"); break;
		case '<': r = buf_adds(b, "&lt;"); break;
		case '>': r = buf_adds(b, "&gt;"); break;
		case '"': r = buf_adds(b, "&quot;"); break;
		case '\'': r = buf_adds(b, "&#39;"); break;
		case '\r': break; /* CRLF from a form: pango would see two breaks */
		default: r = buf_addc(b, *s);
		}
	}
	return r;
}

/* Records a problem with a field once (the first message wins). */
static void field_problem(struct zerr *e, const char *path, const char *msg)
{
	size_t i;
	json_t *x;

	json_array_foreach(e->errors, i, x)
		if (strcmp(json_string_value(json_object_get(x, "field")), path) == 0)
			return;
	zerr_field(e, path, "%s", msg);
}

static const char MSG_MISSING[] = "缺少必填字段 (required)";
static const char MSG_STRING[] = "应为非空文字 (non-empty string expected)";
static const char MSG_LONG[] = "文字过长 (text too long)";

/* "2026-11-20T09:30" or "2026-11-20 09:30": the date and minutes of the day. */
static int parse_datetime(const char *s, struct zdate *d, int *hh, int *mm)
{
	size_t n = strlen(s);

	if (n != 16 || (s[10] != 'T' && s[10] != ' ') || zdate_parse_n(s, 10, d) < 0)
		return -1;
	if (s[13] != ':' || s[11] < '0' || s[11] > '2' || s[12] < '0' || s[12] > '9' ||
	    s[14] < '0' || s[14] > '5' || s[15] < '0' || s[15] > '9')
		return -1;
	*hh = (s[11] - '0') * 10 + s[12] - '0';
	*mm = (s[14] - '0') * 10 + s[15] - '0';
	return *hh < 24 ? 0 : -1;
}

static int parse_time(const char *s, int *hh, int *mm)
{
	struct zdate d;

	if (strlen(s) == 16)
		return parse_datetime(s, &d, hh, mm);
	if (strlen(s) != 5 || s[2] != ':' || s[0] < '0' || s[0] > '2' || s[1] < '0' ||
	    s[1] > '9' || s[3] < '0' || s[3] > '5' || s[4] < '0' || s[4] > '9')
		return -1;
	*hh = (s[0] - '0') * 10 + s[1] - '0';
	*mm = (s[3] - '0') * 10 + s[4] - '0';
	return *hh < 24 ? 0 : -1;
}

/* Appends one value through its filter; NULL on success, else the problem to report. */
static const char *put_value(struct buf *out, const json_t *v, const char *filter, size_t fl)
{
	char tmp[DOC_MONEY_MAX + 64], fig[64];
	struct zdate d = { 0, 0, 0 };
	int hh = 0, mm = 0;
	size_t i;
	json_t *x;

#define IS(name) (fl == sizeof(name) - 1 && memcmp(filter, name, fl) == 0)
	if (fl == 0) {
		if (json_is_integer(v)) {
			snprintf(tmp, sizeof(tmp), "%lld", (long long)json_integer_value(v));
			return buf_adds(out, tmp) < 0 ? MSG_LONG : NULL;
		}
		if (!json_is_string(v) || !json_string_length(v))
			return MSG_STRING;
		return add_escaped(out, json_string_value(v)) < 0 ? MSG_LONG : NULL;
	}
	if (IS("date")) {
		if (!json_is_string(v) || zdate_parse(json_string_value(v), &d) < 0)
			return "日期格式应为 YYYY-MM-DD (date expected)";
		doc_date_cn(d, tmp, sizeof(tmp));
		return buf_adds(out, tmp) < 0 ? MSG_LONG : NULL;
	}
	if (IS("datetime") || IS("time")) {
		if (!json_is_string(v) ||
		    (IS("datetime") ? parse_datetime(json_string_value(v), &d, &hh, &mm)
				    : parse_time(json_string_value(v), &hh, &mm)) < 0)
			return IS("datetime") ? "时间格式应为 YYYY-MM-DDTHH:MM (date and time expected)"
					      : "时间格式应为 HH:MM (time expected)";
		if (IS("datetime"))
			snprintf(tmp, sizeof(tmp), "%d年%d月%d日%d时%02d分", d.y, d.m, d.d, hh, mm);
		else
			snprintf(tmp, sizeof(tmp), "%d时%02d分", hh, mm);
		return buf_adds(out, tmp) < 0 ? MSG_LONG : NULL;
	}
	if (IS("money")) {
		if (!json_is_integer(v) || doc_money_upper(json_integer_value(v), tmp, DOC_MONEY_MAX) < 0 ||
		    doc_money_figures(json_integer_value(v), fig, sizeof(fig)) < 0)
			return "金额应为以分计的非负整数 (non-negative integer fen expected)";
		return buf_addf(out, "%s（%s）", tmp, fig) < 0 ? MSG_LONG : NULL;
	}
	if (IS("names") || IS("officers")) {
		int officers = IS("officers");

		if (!json_is_array(v) || !json_array_size(v))
			return "应为非空列表 (non-empty array expected)";
		json_array_foreach(v, i, x) {
			const json_t *name = json_is_object(x) ? json_object_get(x, "name") : x;
			const json_t *cert = json_is_object(x) ? json_object_get(x, "cert_no") : NULL;

			if (!json_is_string(name) || !json_string_length(name) ||
			    (officers && (!json_is_string(cert) || !json_string_length(cert))))
				return officers ? "执法人员应有姓名和执法证号 (name and cert_no expected)"
						: "列表项应为文字 (strings expected)";
			if ((i && buf_adds(out, "、") < 0) || add_escaped(out, json_string_value(name)) < 0)
				return MSG_LONG;
			if (officers && (buf_adds(out, "（执法证号：") < 0 ||
					 add_escaped(out, json_string_value(cert)) < 0 ||
					 buf_adds(out, "）") < 0))
				return MSG_LONG;
		}
		return NULL;
	}
#undef IS
	return "unknown filter";
}

/* Appends tpl with its placeholders filled in. Each required value that is missing or
 * malformed is recorded in e (all of them, not only the first); -1 when any was. */
static int expand(const json_t *m, const char *tpl, struct buf *out, struct zerr *e)
{
	const char *p = tpl, *open, *close, *bar, *end;
	int bad = 0;

	while ((open = strchr(p, '{')) != NULL) {
		const json_t *v;
		const char *msg = NULL;
		char path[96];
		int opt;

		close = strchr(open, '}');
		if (!close)
			break;
		if (buf_add(out, p, (size_t)(open - p)) < 0)
			return zerr_set(e, 413, "too_large", "文书内容过长 (document text too long)");
		bar = memchr(open, '|', (size_t)(close - open));
		end = bar ? bar : close;
		opt = end[-1] == '?';
		snprintf(path, sizeof(path), "%.*s", (int)(end - open - 1 - opt), open + 1);
		v = at(m, path, strlen(path));
		if (opt && json_is_string(v) && !json_string_length(v))
			v = NULL; /* an optional field left blank */
		if (v && !json_is_null(v))
			msg = put_value(out, v, bar ? bar + 1 : "", bar ? (size_t)(close - bar - 1) : 0);
		else if (!opt)
			msg = MSG_MISSING;
		if (msg && (!opt || v)) {
			field_problem(e, path, msg);
			bad = 1;
		}
		p = close + 1;
	}
	if (buf_adds(out, p) < 0)
		return zerr_set(e, 413, "too_large", "文书内容过长 (document text too long)");
	return bad ? -1 : 0;
}

/* ---- rendering -------------------------------------------------------------------- */

struct run {
	const json_t *m;
	struct lay *L;    /* NULL while only checking the model */
	struct zerr *e;
	struct buf text;  /* scratch for one block's markup */
	int bad;
	int seal_next;    /* the next block drawn is the seal */
	double signs;     /* height of the signature lines right after this block, pt */
};

/* Expands tpl into r->text (cleared first); 0 when every value was there. */
static int fill(struct run *r, const char *tpl)
{
	buf_clear(&r->text);
	if (expand(r->m, tpl, &r->text, r->e) < 0) {
		r->bad = 1;
		return -1;
	}
	return 0;
}

static void text_block(struct run *r, const char *tpl, enum lay_font f, enum lay_align a,
		       double indent)
{
	if (fill(r, tpl) < 0 || !r->L)
		return;
	/* GB/T 9704 §7.3.5.1: no page with the seal alone, so the text before the seal
	 * goes to the next page with it when the seal does not fit below. */
	if (r->seal_next)
		lay_keep(r->L, lay_measure(r->L, buf_str(&r->text), f, a, indent) +
				       lay_seal_height(r->L));
	/* the statement a record's signatures confirm stays on their page */
	else if (r->signs > 0)
		lay_keep(r->L, lay_measure(r->L, buf_str(&r->text), f, a, indent) + r->signs);
	lay_text(r->L, buf_str(&r->text), f, a, indent);
}

static const double ROW_W[2] = { 0.2, 0.8 };
static const enum lay_align ROW_A[2] = { LA_CENTER, LA_LEFT };

static void row_block(struct run *r, const char *label, const char *tpl)
{
	const char *cells[2];

	if (fill(r, tpl) < 0 || !r->L)
		return;
	cells[0] = label;
	cells[1] = buf_str(&r->text);
	lay_row(r->L, 2, ROW_W, cells, ROW_A, 1, 0);
}

static void party_block(struct run *r)
{
	const json_t *type = at(r->m, "party.type", 10);
	int org;

	if (!json_is_string(type) || (strcmp(json_string_value(type), "organisation") != 0 &&
				      strcmp(json_string_value(type), "person") != 0)) {
		field_problem(r->e, "party.type", "应为 organisation 或 person "
				  "(\"organisation\" or \"person\" expected)");
		r->bad = 1;
		return;
	}
	org = strcmp(json_string_value(type), "organisation") == 0;
	text_block(r, "当事人：{party.name}", LF_BODY, LA_LEFT, 0);
	text_block(r, org ? "统一社会信用代码：{party.id}" : "身份证件号码：{party.id}", LF_BODY,
		   LA_LEFT, 0);
	if (org && truthy(at(r->m, "party.legal_rep", 15)))
		text_block(r, "法定代表人（负责人）：{party.legal_rep}", LF_BODY, LA_LEFT, 0);
	text_block(r, org ? "住所：{party.address}" : "住址：{party.address}", LF_BODY, LA_LEFT, 0);
}

/* The array at b->field, or NULL (a problem recorded unless the block is optional). */
static const json_t *array_of(struct run *r, const struct block *b, int objects)
{
	const json_t *a = at(r->m, b->field, strlen(b->field));
	size_t i;
	json_t *x;

	if (!truthy(a) && (b->flags & F_OPT))
		return NULL;
	if (!json_is_array(a) || !json_array_size(a)) {
		field_problem(r->e, b->field, a ? "应为非空列表 (non-empty array expected)" : MSG_MISSING);
		r->bad = 1;
		return NULL;
	}
	json_array_foreach(a, i, x) {
		if (objects ? !json_is_object(x) : !(json_is_string(x) && json_string_length(x))) {
			field_problem(r->e, b->field, objects ? "列表项应为对象 (objects expected)"
							      : "列表项应为非空文字 (strings expected)");
			r->bad = 1;
			return NULL;
		}
	}
	return a;
}

/* Splits "a|b|c" into at most max pieces (pointers into s, lengths in len). */
static int split(const char *s, const char **part, size_t *len, int max)
{
	int n = 0;

	while (s && n < max) {
		const char *bar = strchr(s, '|');

		part[n] = s;
		len[n++] = bar ? (size_t)(bar - s) : strlen(s);
		s = bar ? bar + 1 : NULL;
	}
	return n;
}

/* A string member of an item; "" when absent, a problem when required and absent. */
static const char *member(struct run *r, const struct block *b, const json_t *item,
			  const char *key, size_t klen, int required)
{
	char k[32];
	const json_t *v;

	snprintf(k, sizeof(k), "%.*s", (int)klen, key);
	v = json_object_get(item, k);
	if (json_is_string(v) && (json_string_length(v) || !required))
		return json_string_value(v);
	if (required || (v && !json_is_null(v))) {
		char path[160];

		snprintf(path, sizeof(path), "%s[].%s", b->field, k);
		field_problem(r->e, path, required ? MSG_STRING : "应为文字 (string expected)");
		r->bad = 1;
	}
	return "";
}

static void array_block(struct run *r, const struct block *b)
{
	const json_t *a = array_of(r, b, b->kind != B_LIST);
	const char *key[8], *cells[8], *hcells[8];
	size_t klen[8], i;
	struct buf cell[8];
	char hs[8][64];
	double tw[8];
	int nk, c, nh = 0;
	json_t *x;

	if (!a)
		return;
	nk = split(b->more, key, klen, 8);
	for (c = 0; c < 8; c++)
		buf_init(&cell[c], MODEL_TEXT_MAX);
	if (b->kind == B_TABLE) {
		nh = lay_table_widths(b->text, tw, hs, 8);
		for (c = 0; c < nh; c++)
			hcells[c] = hs[c];
		if (r->L && nh > 0)
			lay_table_head(r->L, nh, tw, hcells);
	}
	json_array_foreach(a, i, x) {
		for (c = 0; c < 8; c++)
			buf_clear(&cell[c]);
		switch (b->kind) {
		case B_LIST:
			buf_addf(&cell[0], "%zu．", i + 1);
			add_escaped(&cell[0], json_string_value(x));
			if (r->L)
				lay_text(r->L, buf_str(&cell[0]), LF_BODY, LA_LEFT, 2);
			break;
		case B_QA: {
			const char *q = member(r, b, x, "q", 1, 1), *ans = member(r, b, x, "a", 1, 1);

			buf_adds(&cell[0], "<b>问：</b>");
			add_escaped(&cell[0], q);
			buf_adds(&cell[1], "<b>答：</b>");
			add_escaped(&cell[1], ans);
			if (r->L) {
				lay_text(r->L, buf_str(&cell[0]), LF_BODY, LA_LEFT, 2);
				lay_text(r->L, buf_str(&cell[1]), LF_BODY, LA_LEFT, 2);
			}
			break;
		}
		case B_ROWS:
			for (c = 0; c < nk && c < 2; c++)
				add_escaped(&cell[c], member(r, b, x, key[c], klen[c], 1));
			cells[0] = buf_str(&cell[0]);
			cells[1] = buf_str(&cell[1]);
			if (r->L)
				lay_row(r->L, 2, ROW_W, cells, ROW_A, 1, 0);
			break;
		default: { /* B_TABLE: a running number, then the keys */
			double w[8];
			enum lay_align al[8];

			buf_addf(&cell[0], "%zu", i + 1);
			for (c = 0; c < nk && c < 7; c++)
				add_escaped(&cell[c + 1], member(r, b, x, key[c], klen[c], c == 0));
			for (c = 0; c <= nk && c < 8; c++) {
				cells[c] = buf_str(&cell[c]);
				w[c] = c < nh ? tw[c] : 0;
				al[c] = c == 0 ? LA_CENTER : LA_LEFT;
			}
			if (r->L)
				lay_row(r->L, nk + 1 < 8 ? nk + 1 : 8, w, cells, al, 1, 0);
		}
		}
	}
	if (r->L && b->kind == B_TABLE)
		lay_table_end(r->L);
	for (c = 0; c < 8; c++)
		buf_release(&cell[c]);
}

static int active(const struct run *r, const struct block *b)
{
	int t;

	if (!(b->flags & (F_IF | F_UNLESS)))
		return 1;
	if (!b->cond)
		return 0;
	t = truthy(at(r->m, b->cond, strlen(b->cond)));
	return (b->flags & F_IF) ? t : !t;
}

#define GAP_PT 10

/* The height of the signature lines that follow block i (past gaps), 0 when none do. */
static double signs_after(struct run *r, const struct template *t, size_t i)
{
	double h = 0, gaps = 0;
	size_t k;

	if (!r->L)
		return 0;
	for (k = i + 1; k < t->n; k++) {
		const struct block *b = &t->blocks[k];

		if (b->kind == B_GAP) {
			gaps += GAP_PT;
			continue;
		}
		if (b->kind != B_SIGN || !active(r, b))
			break;
		if (fill(r, b->text) == 0)
			h += lay_measure(r->L, buf_str(&r->text), LF_BODY, LA_RIGHT, 0);
	}
	return h > 0 ? h + gaps : 0;
}

static void walk(struct run *r, const struct template *t)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		const struct block *b = &t->blocks[i];

		if (!active(r, b))
			continue;
		r->seal_next = i + 1 < t->n && t->blocks[i + 1].kind == B_SEAL;
		r->signs = b->kind == B_PARA || b->kind == B_LINE ? signs_after(r, t, i) : 0;
		switch (b->kind) {
		case B_AGENCY: text_block(r, b->text, LF_TITLE, LA_CENTER, 0); break;
		case B_TITLE:
			text_block(r, b->text, LF_TITLE, LA_CENTER, 0);
			if (r->L)
				lay_gap(r->L, 8);
			break;
		case B_DOCNO:
			text_block(r, b->text, LF_BODY, LA_CENTER, 0);
			if (r->L)
				lay_gap(r->L, 8);
			break;
		case B_RIGHT: text_block(r, b->text, LF_SMALL, LA_RIGHT, 0); break;
		case B_HEAD: text_block(r, b->text, LF_HEAD, LA_LEFT, 2); break;
		case B_LINE: text_block(r, b->text, LF_BODY, LA_LEFT, 0); break;
		case B_PARA: text_block(r, b->text, LF_BODY, LA_LEFT, 2); break;
		case B_SIGN: text_block(r, b->text, LF_BODY, LA_RIGHT, 0); break;
		case B_NOTE: text_block(r, b->text, LF_SMALL, LA_LEFT, 0); break;
		case B_GAP:
			if (r->L)
				lay_gap(r->L, GAP_PT);
			break;
		case B_PARTY: party_block(r); break;
		case B_ROW: row_block(r, b->text, b->more); break;
		case B_LIST:
		case B_QA:
		case B_ROWS:
		case B_TABLE: array_block(r, b); break;
		case B_FOOT:
			if (fill(r, b->text) == 0 && r->L)
				lay_set_foot(r->L, buf_str(&r->text));
			break;
		case B_SEAL: {
			struct buf date = BUF_INIT(DOC_DATE_MAX);

			if (fill(r, "{date|date}") == 0 && buf_adds(&date, buf_str(&r->text)) == 0 &&
			    fill(r, "{agency_name}") == 0 && r->L)
				lay_seal(r->L, buf_str(&r->text), buf_str(&date));
			buf_release(&date);
			break;
		}
		}
	}
}

/* Sets e's detail to name every field in e->errors. */
static void name_fields(struct zerr *e)
{
	char list[400] = "";
	size_t i, k = 0;
	json_t *x;

	json_array_foreach(e->errors, i, x) {
		int w = snprintf(list + k, sizeof(list) - k, "%s%s", i ? "、" : "",
				 json_string_value(json_object_get(x, "field")));

		if (w < 0 || (size_t)w >= sizeof(list) - k)
			break;
		k += (size_t)w;
	}
	snprintf(e->detail, sizeof(e->detail), "文书模型缺少字段或字段有误：%s (missing or invalid fields)",
		 list);
}

int doc_render(const json_t *model, struct buf *pdf_out, struct zerr *e)
{
	const struct template *t = NULL;
	struct run r = { model, NULL, e, BUF_INIT(MODEL_TEXT_MAX), 0, 0, 0 };
	struct lay L;
	struct zdate d;
	char title[256], date_iso[40];
	const char *id = json_string_value(json_object_get(model, "template"));
	size_t i;
	int ok = 0, opened = 0;

	for (i = 0; id && i < NTEMPLATES; i++)
		if (strcmp(TEMPLATES[i].id, id) == 0)
			t = &TEMPLATES[i];
	if (!json_is_object(model)) {
		zerr_set(e, 400, "invalid_body", "文书模型应为 JSON 对象 (a JSON object expected)");
		goto out;
	}
	if (!t)
		field_problem(e, "template", id ? "未知的文书模板 (unknown template)" : MSG_MISSING);
	if (!json_is_string(json_object_get(model, "date")) ||
	    zdate_parse(json_string_value(json_object_get(model, "date")), &d) < 0)
		field_problem(e, "date", "日期格式应为 YYYY-MM-DD (date expected)");
	if (!json_is_string(json_object_get(model, "agency_name")) ||
	    !json_string_length(json_object_get(model, "agency_name")))
		field_problem(e, "agency_name", MSG_MISSING);
	/* first pass: only check, so that one answer lists every problem */
	if (t)
		walk(&r, t);
	if (!t || zerr_isset(e)) {
		if (e->status == 400 && e->errors)
			name_fields(e);
		goto out;
	}
	id = json_string_value(json_object_get(model, "doc_number"));
	snprintf(title, sizeof(title), "%s %s", t->title, id ? id : "");
	snprintf(date_iso, sizeof(date_iso), "%04d-%02d-%02dT00:00:00+08:00", d.y, d.m, d.d);
	opened = 1;
	if (lay_open(&L, pdf_out, title, json_string_value(json_object_get(model, "agency_name")),
		     date_iso, t->compact, e) < 0)
		goto out;
	r.L = &L;
	walk(&r, t);
	if (r.bad) {
		zerr_internal(e, "doc: model changed between passes");
		goto out;
	}
	if (lay_finish(&L, e) < 0)
		goto out;
	ok = 1;
out:
	if (opened)
		lay_release(&L, ok);
	buf_release(&r.text);
	return ok ? 0 : -1;
}
