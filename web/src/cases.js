// Penalty cases: the closed value sets and, for each step, the form it needs.
// The server decides (docs/cases.md §3, §4, §10); this only says what to ask for.

// States in the order a case moves through them (docs/cases.md §2).
export const CASE_STATES = [
  'lead', 'filed', 'investigating', 'review', 'notified', 'hearing_requested', 'hearing_scheduled',
  'heard', 'legal_review', 'collective_discussion', 'decided', 'served', 'paid', 'overdue', 'deferred',
  'instalments', 'enforcement_applied', 'closed', 'archived', 'not_filed', 'no_penalty', 'dismissed',
  'suspended', 'terminated', 'transferred_criminal', 'referred', 'revoked',
]

export const CASE_SOURCES = ['inspection', 'complaint', 'hotline', 'referral', 'device', 'other']
export const LIMITATION_CATEGORIES = ['ordinary', 'life_health_safety', 'financial_security']

// Penalty types (Art 9) as the case API names them.
export const CASE_PENALTY_TYPES = [
  'warning', 'criticism', 'fine', 'confiscate_gains', 'confiscate_property', 'suspend_permit',
  'downgrade', 'revoke_permit', 'restrict_business', 'suspend_business', 'close', 'ban_occupation', 'other',
]

// Grounds of decide_no_penalty (Art 30, 31, 33, 57(1)).
export const NO_PENALTY_GROUNDS = ['lacks_capacity', 'minor_corrected', 'first_minor_harm', 'no_fault', 'facts_not_established']

// Summary procedure (Art 51): a warning, or a fine of at most 200 yuan for a person
// and 3,000 yuan for an organisation.
export const SUMMARY_TYPES = ['warning', 'fine']
export const SUMMARY_LIMIT_FEN = { person: 20000, organisation: 300000 }

// The members each action's body carries (docs/cases.md §4, src/api/cases.c perform_tx);
// a form sends these and nothing else.
//   date fields default to today; 'reason' is required text; 'penalty' is types + fine
//   and confiscation entered in yuan and sent as integer fen.
const REASON = ['reason']
export const ACTION_FIELDS = {
  file_case: ['filing_date'],
  decline_filing: REASON,
  refer_jurisdiction: ['to_agency_id', 'reason'],
  start_investigation: ['investigators'],
  preserve_evidence: ['preservation_on', 'preservation_approved'],
  issue_prior_notice: ['penalty', 'notice_date'],
  reissue_prior_notice: ['penalty', 'notice_date', 'reason'],
  record_statement: ['statement'],
  record_waiver: ['hearing_waived'],
  request_hearing: ['hearing_requested_on'],
  schedule_hearing: ['hearing_notified_on', 'hearing_date', 'presiding_officer_id'],
  hearing_waived: REASON,
  record_legal_review: ['passed', 'opinion'],
  decide_penalty: ['penalty', 'decision_date'],
  decide_no_penalty: ['grounds', 'decision_date'],
  transfer_criminal: REASON,
  resume_after_transfer: REASON,
  dismiss_case: REASON,
  suspend_case: REASON,
  resume_case: REASON,
  terminate_case: REASON,
  return_previous: REASON,
  withdraw_submission: REASON,
  supplementary_investigation: REASON,
  serve_decision: ['service_date'],
  collect_on_the_spot: ['paid_on'],
  record_payment: ['paid_on'],
  approve_deferral: ['party_applied'],
  approve_instalments: ['party_applied'],
  issue_demand: ['demand_served'],
}

export function actionFields(action) {
  return ACTION_FIELDS[action] || []
}

// Requirements the step's own form supplies (a date, a reason, the investigators, the
// penalty, ...): while only these are unmet, the step can be opened and filled in.
const FORM_SUPPLIES = {
  reason_given: 'reason',
  filing_date_valid: 'filing_date',
  investigators_qualified: 'investigators',
  preservation_approved: 'preservation_approved',
  intended_penalty_set: 'penalty',
  notice_date_valid: 'notice_date',
  not_heavier_than_notified: 'penalty',
  decision_date_valid: 'decision_date',
  service_date_valid: 'service_date',
  hearing_notice_seven_days: 'hearing_date',
  presiding_not_investigator: 'presiding_officer_id',
  party_applied: 'party_applied',
  no_penalty_ground: 'grounds',
}

// Whether the form of next action n can be opened: the role may take it and every
// unmet requirement is one its form fills in.
export function formCanSupply(n) {
  if (n.allowed) return true
  if (!n.role_ok) return false
  const fields = actionFields(n.action)
  return (n.unmet || []).every((u) => fields.includes(FORM_SUPPLIES[u.code]))
}

// Yuan (as typed: "1500", "1500.5", "0.01") to integer fen without float rounding;
// null when it is not a non-negative amount with at most two decimals.
export function yuanToFen(v) {
  const s = String(v ?? '').trim()
  if (!/^\d{1,13}(\.\d{1,2})?$/.test(s)) return null
  const [i, f = ''] = s.split('.')
  return Number(i) * 100 + Number((f + '00').slice(0, 2))
}

export function fenToYuan(fen) {
  const n = Number(fen || 0)
  const y = Math.floor(n / 100)
  const f = n % 100
  return f ? `${y}.${String(f).padStart(2, '0')}` : String(y)
}

// Today in China (UTC+8) as YYYY-MM-DD, the server's "today".
export function todayCn() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
}

// The most urgent status among a case's running deadlines: overdue, due_soon or ''.
export function worstDeadline(deadlines) {
  const ds = deadlines || []
  if (ds.some((d) => d.status === 'overdue')) return 'overdue'
  if (ds.some((d) => d.status === 'due_soon')) return 'due_soon'
  return ''
}

// "15 日", "已超期 26 个工作日": remaining units of a deadline in its own unit.
export function remainingText(d, t) {
  const unit = d.unit || 'calendar_days'
  return d.remaining < 0 ? t(`cases.overdueBy.${unit}`, { n: -d.remaining }) : t(`cases.units.${unit}`, { n: d.remaining })
}

// The name of an action (or state) in the UI's language; the server's Chinese name, or
// the code itself, when the locale does not know it.
export function labelOf(t, te, group, code, zh) {
  const k = `cases.${group}.${code}`
  return te(k) ? t(k) : zh || code
}
