/* case_deadline.c: deadlines computed from a budget and a suspension ledger. */
#include "domain/case_deadline.h"

#include <string.h>

#include "core/buf.h"
#include "core/calendar.h"
#include "core/err.h"

/* No deadline walks further than this many days (about 270 years). */
#define WALK_MAX 100000L

static const struct {
	const char *name, *zh, *basis;
	int length;
	enum case_unit unit;
} kinds[DEADLINE_KIND__COUNT] = {
	[DEADLINE_PRESERVATION] = { "preservation", "登记保存证据处理期限",
		"行政处罚法第五十六条", 7, CASE_UNIT_WORKING_DAYS },
	[DEADLINE_DECISION] = { "decision", "作出处罚决定期限",
		"行政处罚法第六十条", 90, CASE_UNIT_CALENDAR_DAYS },
	[DEADLINE_SERVICE] = { "service", "决定书送达期限",
		"行政处罚法第六十一条", 7, CASE_UNIT_WORKING_DAYS },
	[DEADLINE_HEARING_REQUEST] = { "hearing_request", "听证申请期限",
		"行政处罚法第六十四条第一项", 5, CASE_UNIT_WORKING_DAYS },
	[DEADLINE_HEARING_NOTICE] = { "hearing_notice", "听证通知最迟日期",
		"行政处罚法第六十四条第二项", 7, CASE_UNIT_WORKING_DAYS },
	[DEADLINE_PAYMENT] = { "payment", "罚款缴纳期限",
		"行政处罚法第六十七条第三款", 15, CASE_UNIT_CALENDAR_DAYS },
	[DEADLINE_WITHDRAW_PUBLISHED] = { "withdraw_published", "撤回公开信息期限",
		"行政处罚法第四十八条第二款", 3, CASE_UNIT_WORKING_DAYS },
	[DEADLINE_LIMITATION] = { "limitation", "追责期限",
		"行政处罚法第三十六条", 2, CASE_UNIT_YEARS },
	[DEADLINE_TRANSFER_DECISION] = { "transfer_decision", "移送审批期限",
		"行政执法机关移送涉嫌犯罪案件的规定第五条", 3, CASE_UNIT_CALENDAR_DAYS },
	[DEADLINE_TRANSFER_HANDOVER] = { "transfer_handover", "移送期限（24小时）",
		"行政执法机关移送涉嫌犯罪案件的规定第五条", 1, CASE_UNIT_CALENDAR_DAYS },
	[DEADLINE_DEMAND] = { "demand", "催告履行期限",
		"行政强制法第五十四条、第六十九条", 10, CASE_UNIT_WORKING_DAYS },
	[DEADLINE_STATEMENT] = { "statement", "陈述申辩期限",
		"行政处罚法第四十五条、第六十二条", 5, CASE_UNIT_WORKING_DAYS },
	[DEADLINE_DEFERRAL] = { "deferral", "暂缓缴纳期限",
		"行政处罚法第六十六条第二款", 1, CASE_UNIT_CALENDAR_DAYS },
	[DEADLINE_INSTALMENT] = { "instalment", "分期缴纳期限",
		"行政处罚法第六十六条第二款", 1, CASE_UNIT_CALENDAR_DAYS },
};

const char *deadline_kind_name(enum deadline_kind k)
{
	return k > DEADLINE_NONE && k < DEADLINE_KIND__COUNT ? kinds[k].name : NULL;
}

const char *deadline_kind_zh(enum deadline_kind k)
{
	return k > DEADLINE_NONE && k < DEADLINE_KIND__COUNT ? kinds[k].zh : NULL;
}

const char *deadline_status_name(enum deadline_status_kind k)
{
	switch (k) {
	case DEADLINE_OK: return "ok";
	case DEADLINE_DUE_SOON: return "due_soon";
	case DEADLINE_OVERDUE: return "overdue";
	case DEADLINE_PAUSED: return "paused";
	}
	return NULL;
}

int deadline_add_years(struct zdate d, int n, struct zdate *r)
{
	struct zdate x;
	int dim;

	if (!zdate_valid(d))
		return -1;
	x = (struct zdate){ d.y + n, d.m, d.d };
	dim = zdate_days_in_month(x.y, x.m);
	if (x.d > dim)
		x.d = dim;
	if (!zdate_valid(x))
		return -1;
	*r = x;
	return 0;
}

int deadline_init(struct deadline *d, enum deadline_kind k, struct zdate start,
		  const struct case_config *cfg, struct zerr *e)
{
	struct case_config def;

	if (k <= DEADLINE_NONE || k >= DEADLINE_KIND__COUNT)
		return zerr_set(e, 400, "invalid_deadline", "未知的期限种类 (unknown deadline kind)");
	if (!zdate_valid(start))
		return zerr_set(e, 400, "invalid_deadline", "期限起算日期无效 (invalid start date)");
	if (!cfg) {
		case_config_default(&def);
		cfg = &def;
	}
	memset(d, 0, sizeof(*d));
	d->kind = k;
	d->basis = kinds[k].basis;
	d->start = start;
	d->length = kinds[k].length;
	d->unit = kinds[k].unit;
	switch (k) {
	case DEADLINE_DECISION:
		d->rolls_over = cfg->decision_rolls_over;
		break;
	case DEADLINE_PAYMENT:
	case DEADLINE_DEFERRAL:
	case DEADLINE_INSTALMENT:
		/* ⚠️ the deferral and the instalments replace the Art 67 period, so its
		 * roll-over reading (domain.md §1.8) applies to them too */
		d->rolls_over = cfg->payment_rolls_over;
		break;
	case DEADLINE_HEARING_NOTICE:
		d->before = 1;
		break;
	case DEADLINE_TRANSFER_DECISION:
		d->unit = cfg->crime_transfer_unit == CASE_UNIT_WORKING_DAYS ? CASE_UNIT_WORKING_DAYS
									 : CASE_UNIT_CALENDAR_DAYS;
		break;
	case DEADLINE_STATEMENT:
		d->length = cfg->statement_working_days;
		break;
	default:
		break;
	}
	return 0;
}

int deadline_init_until(struct deadline *d, enum deadline_kind k, struct zdate start,
			struct zdate until, const struct case_config *cfg, struct zerr *e)
{
	long n;

	if (deadline_init(d, k, start, cfg, e) < 0)
		return -1;
	if (!zdate_valid(until))
		return zerr_set(e, 400, "invalid_deadline", "期限届满日期无效 (invalid last day)");
	n = zdate_days_between(start, until);
	if (n < 1 || n > 100000)
		return zerr_set(e, 400, "invalid_deadline", "期限届满日期须晚于起算日期 (last day not after the start)");
	d->length = (int)n;
	d->unit = CASE_UNIT_CALENDAR_DAYS;
	return 0;
}

static int no_ledger(const struct deadline *d)
{
	return d->before || d->unit == CASE_UNIT_YEARS;
}

int deadline_suspend(struct deadline *d, struct zdate from, const char *reason, struct zerr *e)
{
	const struct deadline_suspension *last;

	if (no_ledger(d))
		return zerr_set(e, 409, "deadline_suspension", "此期限不能中止计算 (this deadline cannot be suspended)");
	if (!zdate_valid(from) || zdate_cmp(from, d->start) <= 0)
		return zerr_set(e, 409, "deadline_suspension",
				"中止日期须在期限起算日之后 (suspension must start after the start day)");
	if (d->n_suspensions == DEADLINE_SUSPENSIONS_MAX)
		return zerr_set(e, 409, "deadline_suspension", "中止记录已满 (too many suspensions)");
	if (d->n_suspensions) {
		last = &d->suspensions[d->n_suspensions - 1];
		if (!last->to.y)
			return zerr_set(e, 409, "deadline_suspension",
					"已有未结束的中止 (a suspension is already open)");
		if (zdate_cmp(from, last->to) <= 0)
			return zerr_set(e, 409, "deadline_suspension",
					"中止期间不能与之前的中止重叠 (suspensions may not overlap)");
	}
	memset(&d->suspensions[d->n_suspensions], 0, sizeof(d->suspensions[0]));
	d->suspensions[d->n_suspensions].from = from;
	snprintf(d->suspensions[d->n_suspensions].reason, DEADLINE_REASON_MAX, "%s",
		 reason ? reason : "");
	d->n_suspensions++;
	return 0;
}

int deadline_resume(struct deadline *d, struct zdate to, struct zerr *e)
{
	struct deadline_suspension *s;

	if (!d->n_suspensions || d->suspensions[d->n_suspensions - 1].to.y)
		return zerr_set(e, 409, "deadline_suspension", "没有未结束的中止 (nothing is suspended)");
	s = &d->suspensions[d->n_suspensions - 1];
	if (!zdate_valid(to) || zdate_cmp(to, s->from) < 0)
		return zerr_set(e, 409, "deadline_suspension",
				"中止结束日期不能早于开始日期 (a suspension cannot end before it starts)");
	s->to = to;
	return 0;
}

int deadline_extend(struct deadline *d, int days, int64_t approved_by, struct zerr *e)
{
	if (no_ledger(d) || days <= 0 || days > 3660 || approved_by <= 0 ||
	    d->n_extensions == DEADLINE_EXTENSIONS_MAX)
		return zerr_set(e, 400, "invalid_extension",
				"延长须为正整数天数并经负责人批准 (an extension needs days > 0 and an approver)");
	d->extensions[d->n_extensions].days = days;
	d->extensions[d->n_extensions].approved_by = approved_by;
	d->n_extensions++;
	return 0;
}

struct walk {
	struct calendar *cal;
	const struct deadline *d;
	struct zdate open_until; /* where an open suspension ends for this computation */
	int provisional;
	int no_calendar;
};

static int suspended(const struct walk *w, struct zdate day)
{
	size_t i;

	for (i = 0; i < w->d->n_suspensions; i++) {
		const struct deadline_suspension *s = &w->d->suspensions[i];
		struct zdate to = s->to.y ? s->to : w->open_until;

		if (zdate_cmp(day, s->from) >= 0 && zdate_cmp(day, to) <= 0)
			return 1;
	}
	return 0;
}

static int working(struct walk *w, struct zdate day)
{
	int p = 0, r;

	if (!w->cal) {
		w->no_calendar = 1;
		return 0;
	}
	r = calendar_is_working_day(w->cal, day, &p);
	if (p)
		w->provisional = 1;
	return r == 1;
}

/* 1 when day counts towards the budget. */
static int counts(struct walk *w, struct zdate day)
{
	if (suspended(w, day))
		return 0;
	return w->d->unit == CASE_UNIT_WORKING_DAYS ? working(w, day) : 1;
}

static int step(struct zdate *d, long n)
{
	return zdate_add_days(*d, n, d);
}

static int compute_due(struct walk *w, struct zdate *due_r, struct zerr *e)
{
	const struct deadline *d = w->d;
	struct zdate day = d->start;
	long total = d->length, k = 0, i;
	size_t j;

	for (j = 0; j < d->n_extensions; j++)
		total += d->extensions[j].days;
	if (d->length < 0 || !zdate_valid(d->start))
		return zerr_set(e, 400, "invalid_deadline", "期限数据无效 (invalid deadline)");
	if (!w->cal && (d->unit == CASE_UNIT_WORKING_DAYS ||
			(d->rolls_over && d->unit == CASE_UNIT_CALENDAR_DAYS)))
		return zerr_set(e, 500, "calendar_missing", "计算工作日需要日历 (a calendar is needed)");
	if (d->unit == CASE_UNIT_YEARS) {
		if (deadline_add_years(d->start, (int)total, due_r) != 0)
			return zerr_set(e, 400, "invalid_deadline", "期限超出日期范围 (out of range)");
		return 0;
	}
	if (d->before) {
		/* the latest day N with `total` counting days in N + 1 .. start */
		for (i = 0; k < total; i++) {
			if (i > WALK_MAX)
				return zerr_set(e, 400, "invalid_deadline", "期限过长 (too long)");
			if (counts(w, day))
				k++;
			if (k < total && step(&day, -1) != 0)
				return zerr_set(e, 400, "invalid_deadline", "期限超出日期范围 (out of range)");
		}
		if (total > 0 && step(&day, -1) != 0)
			return zerr_set(e, 400, "invalid_deadline", "期限超出日期范围 (out of range)");
	} else {
		for (i = 0; k < total; i++) {
			if (i > WALK_MAX || step(&day, 1) != 0)
				return zerr_set(e, 400, "invalid_deadline", "期限超出日期范围 (out of range)");
			if (counts(w, day))
				k++;
		}
		if (d->rolls_over && d->unit == CASE_UNIT_CALENDAR_DAYS && total > 0)
			for (i = 0; !working(w, day) && !w->no_calendar; i++)
				if (i > 366 || step(&day, 1) != 0)
					return zerr_set(e, 400, "invalid_deadline", "期限超出日期范围 (out of range)");
	}
	if (w->no_calendar)
		return zerr_set(e, 500, "calendar_missing", "计算工作日需要日历 (a calendar is needed)");
	*due_r = day;
	return 0;
}

static int open_suspension(const struct deadline *d, struct zdate *from_r)
{
	if (d->n_suspensions && !d->suspensions[d->n_suspensions - 1].to.y) {
		*from_r = d->suspensions[d->n_suspensions - 1].from;
		return 1;
	}
	return 0;
}

int deadline_due(struct calendar *cal, const struct deadline *d, struct zdate *due_r,
		 int *provisional_r, struct zerr *e)
{
	struct walk w = { cal, d, { 0, 0, 0 }, 0, 0 };
	struct zdate from;

	if (open_suspension(d, &from))
		return zerr_set(e, 409, "deadline_paused",
				"期限处于中止状态，恢复后才能确定届满日期 (the deadline is suspended)");
	if (compute_due(&w, due_r, e) != 0)
		return -1;
	if (provisional_r)
		*provisional_r = w.provisional;
	return 0;
}

int deadline_eval(struct calendar *cal, const struct deadline *d, struct zdate as_of,
		  int due_soon_working_days, struct deadline_status *r, struct zerr *e)
{
	struct walk w = { cal, d, as_of, 0, 0 };
	struct zdate from, day;
	int paused = 0;
	long i;

	memset(r, 0, sizeof(*r));
	if (!zdate_valid(as_of))
		return zerr_set(e, 400, "invalid_deadline", "查询日期无效 (invalid date)");
	if (open_suspension(d, &from)) {
		paused = zdate_cmp(as_of, from) >= 0;
		if (!paused)
			w.open_until = from;
	}
	if (compute_due(&w, &r->due, e) != 0)
		return -1;
	day = as_of;
	if (zdate_cmp(as_of, r->due) <= 0) {
		for (i = 0; zdate_cmp(day, r->due) < 0; i++) {
			if (i > WALK_MAX || step(&day, 1) != 0)
				break;
			if (suspended(&w, day))
				continue;
			if (working(&w, day))
				r->remaining_working++;
			if (d->unit != CASE_UNIT_WORKING_DAYS || working(&w, day))
				r->remaining++;
		}
		/* a rolled-over calendar deadline counts its extra days too */
	} else {
		day = r->due;
		for (i = 0; zdate_cmp(day, as_of) < 0; i++) {
			if (i > WALK_MAX || step(&day, 1) != 0)
				break;
			if (!suspended(&w, day) &&
			    (d->unit != CASE_UNIT_WORKING_DAYS || working(&w, day)))
				r->remaining--;
		}
	}
	if (w.no_calendar && d->unit == CASE_UNIT_WORKING_DAYS)
		return zerr_set(e, 500, "calendar_missing", "计算工作日需要日历 (a calendar is needed)");
	r->provisional = w.provisional;
	if (paused)
		r->status = DEADLINE_PAUSED;
	else if (zdate_cmp(as_of, r->due) > 0)
		r->status = DEADLINE_OVERDUE;
	else if (cal && r->remaining_working <= due_soon_working_days)
		r->status = DEADLINE_DUE_SOON;
	else
		r->status = DEADLINE_OK;
	return 0;
}

/* ---- the effects table ---- */

enum eff_cond { IF_ALWAYS = 0, IF_HEARING_RIGHT, IF_MONEY_DUE, IF_PUBLISHED, IF_SETTLED };
/* Which snapshot date an effect uses (today when that field is unset). */
enum eff_date { ON_TODAY = 0, ON_FILING, ON_NOTICE, ON_DECISION, ON_SERVICE, ON_PRESERVATION,
		ON_HEARING_REQUEST, ON_HEARING_DATE, ON_DEMAND, ON_PERIOD };

static const struct effect_row {
	enum case_action action;
	enum deadline_kind kind;
	enum deadline_op op;
	enum eff_date on;
	enum eff_cond cond;
	const char *reason;
} effects[] = {
	{ CA_FILE_CASE, DEADLINE_DECISION, DEADLINE_START, ON_FILING, IF_ALWAYS, NULL },
	{ CA_PRESERVE_EVIDENCE, DEADLINE_PRESERVATION, DEADLINE_START, ON_PRESERVATION, IF_ALWAYS, NULL },
	{ CA_DECIDE_PRESERVED_EVIDENCE, DEADLINE_PRESERVATION, DEADLINE_STOP, ON_TODAY, IF_ALWAYS, NULL },
	{ CA_ISSUE_PRIOR_NOTICE, DEADLINE_STATEMENT, DEADLINE_START, ON_NOTICE, IF_ALWAYS, NULL },
	{ CA_ISSUE_PRIOR_NOTICE, DEADLINE_HEARING_REQUEST, DEADLINE_START, ON_NOTICE, IF_HEARING_RIGHT, NULL },
	{ CA_REISSUE_PRIOR_NOTICE, DEADLINE_STATEMENT, DEADLINE_STOP, ON_TODAY, IF_ALWAYS, NULL },
	{ CA_REISSUE_PRIOR_NOTICE, DEADLINE_HEARING_REQUEST, DEADLINE_STOP, ON_TODAY, IF_ALWAYS, NULL },
	{ CA_REISSUE_PRIOR_NOTICE, DEADLINE_STATEMENT, DEADLINE_START, ON_NOTICE, IF_ALWAYS, NULL },
	{ CA_REISSUE_PRIOR_NOTICE, DEADLINE_HEARING_REQUEST, DEADLINE_START, ON_NOTICE, IF_HEARING_RIGHT, NULL },
	{ CA_RECORD_WAIVER, DEADLINE_STATEMENT, DEADLINE_STOP, ON_TODAY, IF_ALWAYS, NULL },
	{ CA_REQUEST_HEARING, DEADLINE_HEARING_REQUEST, DEADLINE_STOP, ON_HEARING_REQUEST, IF_ALWAYS, NULL },
	{ CA_REQUEST_HEARING, DEADLINE_DECISION, DEADLINE_SUSPEND, ON_HEARING_REQUEST, IF_ALWAYS,
	  DEADLINE_REASON_HEARING },
	{ CA_HOLD_HEARING, DEADLINE_DECISION, DEADLINE_RESUME, ON_HEARING_DATE, IF_ALWAYS, NULL },
	{ CA_HEARING_WAIVED, DEADLINE_DECISION, DEADLINE_RESUME, ON_TODAY, IF_ALWAYS, NULL },
	{ CA_SUSPEND_CASE, DEADLINE_DECISION, DEADLINE_SUSPEND, ON_TODAY, IF_ALWAYS,
	  DEADLINE_REASON_SUSPENDED },
	{ CA_RESUME_CASE, DEADLINE_DECISION, DEADLINE_RESUME, ON_TODAY, IF_ALWAYS, NULL },
	{ CA_DECIDE_PENALTY, DEADLINE_DECISION, DEADLINE_STOP, ON_DECISION, IF_ALWAYS, NULL },
	{ CA_DECIDE_PENALTY, DEADLINE_SERVICE, DEADLINE_START, ON_DECISION, IF_ALWAYS, NULL },
	{ CA_DECIDE_NO_PENALTY, DEADLINE_DECISION, DEADLINE_STOP, ON_DECISION, IF_ALWAYS, NULL },
	{ CA_DECIDE_NO_PENALTY, DEADLINE_SERVICE, DEADLINE_START, ON_DECISION, IF_ALWAYS, NULL },
	{ CA_TRANSFER_CRIMINAL, DEADLINE_DECISION, DEADLINE_STOP, ON_TODAY, IF_ALWAYS, NULL },
	{ CA_TRANSFER_CRIMINAL, DEADLINE_TRANSFER_HANDOVER, DEADLINE_START, ON_TODAY, IF_ALWAYS, NULL },
	{ CA_RECORD_TRANSFER_RECEIPT, DEADLINE_TRANSFER_HANDOVER, DEADLINE_STOP, ON_TODAY, IF_ALWAYS, NULL },
	{ CA_DISMISS_CASE, DEADLINE_DECISION, DEADLINE_STOP, ON_TODAY, IF_ALWAYS, NULL },
	{ CA_TERMINATE_CASE, DEADLINE_DECISION, DEADLINE_STOP, ON_TODAY, IF_ALWAYS, NULL },
	{ CA_REFER_JURISDICTION, DEADLINE_DECISION, DEADLINE_STOP, ON_TODAY, IF_ALWAYS, NULL },
	{ CA_SERVE_DECISION, DEADLINE_SERVICE, DEADLINE_STOP, ON_SERVICE, IF_ALWAYS, NULL },
	{ CA_SERVE_DECISION, DEADLINE_PAYMENT, DEADLINE_START, ON_SERVICE, IF_MONEY_DUE, NULL },
	{ CA_DECIDE_ON_THE_SPOT, DEADLINE_PAYMENT, DEADLINE_START, ON_DECISION, IF_MONEY_DUE, NULL },
	{ CA_COLLECT_ON_THE_SPOT, DEADLINE_PAYMENT, DEADLINE_STOP, ON_TODAY, IF_ALWAYS, NULL },
	{ CA_RECORD_PAYMENT, DEADLINE_PAYMENT, DEADLINE_STOP, ON_TODAY, IF_ALWAYS, NULL },
	{ CA_RECORD_PAYMENT, DEADLINE_DEFERRAL, DEADLINE_STOP, ON_TODAY, IF_ALWAYS, NULL },
	{ CA_RECORD_PAYMENT, DEADLINE_INSTALMENT, DEADLINE_STOP, ON_TODAY, IF_ALWAYS, NULL },
	{ CA_RECORD_PAYMENT, DEADLINE_DEMAND, DEADLINE_STOP, ON_TODAY, IF_SETTLED, NULL },
	{ CA_APPROVE_DEFERRAL, DEADLINE_PAYMENT, DEADLINE_STOP, ON_TODAY, IF_ALWAYS, NULL },
	{ CA_APPROVE_DEFERRAL, DEADLINE_INSTALMENT, DEADLINE_STOP, ON_TODAY, IF_ALWAYS, NULL },
	{ CA_APPROVE_DEFERRAL, DEADLINE_DEFERRAL, DEADLINE_START, ON_PERIOD, IF_ALWAYS, NULL },
	{ CA_APPROVE_INSTALMENTS, DEADLINE_PAYMENT, DEADLINE_STOP, ON_TODAY, IF_ALWAYS, NULL },
	{ CA_APPROVE_INSTALMENTS, DEADLINE_DEFERRAL, DEADLINE_STOP, ON_TODAY, IF_ALWAYS, NULL },
	{ CA_APPROVE_INSTALMENTS, DEADLINE_INSTALMENT, DEADLINE_START, ON_PERIOD, IF_ALWAYS, NULL },
	{ CA_PAY_INSTALMENT, DEADLINE_INSTALMENT, DEADLINE_START, ON_PERIOD, IF_ALWAYS, NULL },
	{ CA_ISSUE_DEMAND, DEADLINE_DEMAND, DEADLINE_START, ON_DEMAND, IF_ALWAYS, NULL },
	{ CA_APPLY_ENFORCEMENT, DEADLINE_DEMAND, DEADLINE_STOP, ON_TODAY, IF_ALWAYS, NULL },
	{ CA_REMEDY_CHANGED, DEADLINE_WITHDRAW_PUBLISHED, DEADLINE_START, ON_TODAY, IF_PUBLISHED, NULL },
	{ CA_REMEDY_CONFIRMED_ILLEGAL, DEADLINE_WITHDRAW_PUBLISHED, DEADLINE_START, ON_TODAY, IF_PUBLISHED, NULL },
	{ CA_REMEDY_REVOKED, DEADLINE_WITHDRAW_PUBLISHED, DEADLINE_START, ON_TODAY, IF_PUBLISHED, NULL },
	{ CA_REMEDY_CONFIRMED_VOID, DEADLINE_WITHDRAW_PUBLISHED, DEADLINE_START, ON_TODAY, IF_PUBLISHED, NULL },
};
#define N_EFFECTS (sizeof(effects) / sizeof(effects[0]))

const char *deadline_op_name(enum deadline_op op)
{
	switch (op) {
	case DEADLINE_START: return "start";
	case DEADLINE_STOP: return "stop";
	case DEADLINE_SUSPEND: return "suspend";
	case DEADLINE_RESUME: return "resume";
	}
	return NULL;
}

static struct zdate effect_date(const struct case_snapshot *s, enum eff_date on)
{
	struct zdate d = { 0, 0, 0 };

	switch (on) {
	case ON_TODAY: break;
	case ON_FILING: d = s->filing; break;
	case ON_NOTICE: d = s->notice; break;
	case ON_DECISION: d = s->decision; break;
	case ON_SERVICE: d = s->service; break;
	case ON_PRESERVATION: d = s->preservation_on; break;
	case ON_HEARING_REQUEST: d = s->hearing_requested_on; break;
	case ON_HEARING_DATE: d = s->hearing_date; break;
	case ON_DEMAND: d = s->demand_served; break;
	case ON_PERIOD: d = s->payment_period_start; break;
	}
	return case_date_set(d) ? d : s->today;
}

int case_deadline_effects(const struct case_config *cfg, const struct case_snapshot *s,
			  enum case_action a, struct deadline_effect *out, size_t max)
{
	const struct case_penalty *np;
	size_t i;
	int n = 0;

	if (!cfg || !s || (!out && max))
		return -1;
	np = case_penalty_valid(&s->notified) ? &s->notified : &s->intended;
	for (i = 0; i < N_EFFECTS; i++) {
		const struct effect_row *e = &effects[i];

		if (e->action != a)
			continue;
		if ((e->cond == IF_HEARING_RIGHT && !case_hearing_right(cfg, s->party_type, np)) ||
		    (e->cond == IF_MONEY_DUE &&
		     s->intended.fine_fen <= 0 && s->intended.confiscation_fen <= 0) ||
		    (e->cond == IF_PUBLISHED && !s->decision_published) ||
		    (e->cond == IF_SETTLED && !case_money_settled(s)))
			continue;
		if ((size_t)n < max) {
			out[n] = (struct deadline_effect){ e->kind, e->op, effect_date(s, e->on),
							   { 0, 0, 0 }, e->reason };
			if (e->on == ON_PERIOD)
				out[n].until = s->payment_period_end;
		}
		n++;
	}
	return n;
}

int case_deadline_effects_markdown(struct buf *b)
{
	static const char *const on_names[] = {
		[ON_TODAY] = "today", [ON_FILING] = "filing", [ON_NOTICE] = "notice",
		[ON_DECISION] = "decision", [ON_SERVICE] = "service",
		[ON_PRESERVATION] = "preservation_on", [ON_HEARING_REQUEST] = "hearing_requested_on",
		[ON_HEARING_DATE] = "hearing_date", [ON_DEMAND] = "demand_served",
		[ON_PERIOD] = "period (approval or the previous instalment's due day) until its last day",
	};
	static const char *const cond_names[] = {
		[IF_ALWAYS] = "—", [IF_HEARING_RIGHT] = "hearing right (Art 63)",
		[IF_MONEY_DUE] = "money due", [IF_PUBLISHED] = "decision published (Art 48)",
		[IF_SETTLED] = "fine and late fee all paid",
	};
	size_t i;

	if (buf_adds(b, "| action | deadline | op | date | condition | reason |\n"
			"| --- | --- | --- | --- | --- | --- |\n"))
		return -1;
	for (i = 0; i < N_EFFECTS; i++) {
		const struct effect_row *e = &effects[i];

		if (buf_addf(b, "| `%s` | `%s` | %s | %s | %s | %s |\n", case_action_name(e->action),
			     kinds[e->kind].name, deadline_op_name(e->op), on_names[e->on],
			     cond_names[e->cond], e->reason ? e->reason : "—"))
			return -1;
	}
	return 0;
}
