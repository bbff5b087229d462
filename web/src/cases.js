// Penalty cases: the closed value sets and, for each step, the form it needs.
// The server decides (docs/cases.md §3, §4, §10); this only says what to ask for.

// States in the order a case moves through them (docs/cases.md §2).
export const CASE_STATES = [
  'lead', 'filed', 'investigating', 'review', 'notified', 'hearing_requested', 'hearing_scheduled',
  'heard', 'legal_review', 'collective_discussion', 'decided', 'served', 'paid', 'overdue', 'deferred',
  'instalments', 'enforcement_applied', 'closed', 'archived', 'not_filed', 'no_penalty', 'dismissed',
  'suspended', 'terminated', 'transferred_criminal', 'referred', 'revoked', 'referral_returned',
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

// The members each action's body carries besides `reason`, exactly the server's table
// (src/domain/case_body.c, docs/cases.md §4, docs/openapi.yaml ActionBody
// x-action-members; tests/web/cases.test.mjs compares this with the served document).
// A form sends these and nothing else. Every action also reads `reason`: required where
// the step's next_actions entry lists `reason_given` as unmet, optional otherwise.
//   date fields default to today; 'penalty' is types + fine and confiscation entered in
//   yuan and sent as integer fen; money in a schedule or range likewise.
export const ACTION_FIELDS = {
  file_case: ['filing_date'],
  decline_filing: [],
  refer_jurisdiction: ['to_agency_id'],
  start_investigation: ['investigators'],
  preserve_evidence: ['preservation_on', 'preservation_approved', 'preservation_place', 'preservation_manner', 'preservation_items'],
  decide_preserved_evidence: ['disposal', 'disposal_note'],
  submit_investigation: [],
  issue_prior_notice: ['penalty', 'notice_date'],
  reissue_prior_notice: ['penalty', 'notice_date'],
  record_statement: ['statement'],
  record_waiver: ['statement', 'hearing_waived'],
  request_hearing: ['hearing_requested_on'],
  schedule_hearing: ['hearing_notified_on', 'hearing_date', 'presiding_officer_id', 'hearing_time', 'hearing_place', 'hearing_clerk'],
  hold_hearing: ['participants', 'hearing_end_time', 'investigators_case', 'statement', 'conclusion'],
  hearing_waived: [],
  submit_legal_review: [],
  record_legal_review: ['passed', 'opinion'],
  submit_collective_discussion: [],
  record_collective_discussion: ['opinion', 'participants', 'conclusion', 'discussion_place', 'recorder'],
  decide_penalty: ['penalty', 'decision_date', 'discretion'],
  decide_no_penalty: ['grounds', 'decision_date'],
  transfer_criminal: ['report_officers', 'transfer_report'],
  record_transfer_receipt: [],
  resume_after_transfer: [],
  dismiss_case: [],
  suspend_case: [],
  resume_case: [],
  terminate_case: [],
  return_previous: [],
  withdraw_submission: [],
  supplementary_investigation: [],
  serve_decision: ['service_date'],
  decide_on_the_spot: ['penalty', 'decision_date', 'discretion'],
  collect_on_the_spot: ['paid_on'],
  record_payment: ['paid_on', 'late_fee_paid', 'amount_fen'],
  mark_overdue: [],
  approve_deferral: ['party_applied', 'deferred_until'],
  approve_instalments: ['party_applied', 'instalments'],
  issue_demand: ['demand_served'],
  apply_enforcement: [],
  close_case: [],
  archive_case: [],
  record_remedy_filed: [],
  remedy_upheld: [],
  remedy_changed: [],
  remedy_confirmed_illegal: [],
  remedy_confirmed_void: [],
  remedy_revoked: [],
  pay_instalment: ['paid_on'],
  extend_deadline: ['days'],
  return_referral: [],
}

// The members each action's body must carry (a form asks for them and refuses to send
// without them), exactly the server's table: src/domain/case_body.c's required flags,
// docs/openapi.yaml ActionBody x-action-required (tests/web/cases.test.mjs compares this
// with the served document). The server refuses a body without one (400 naming it).
export const ACTION_REQUIRED = {
  refer_jurisdiction: ['to_agency_id'],
  start_investigation: ['investigators'],
  decide_preserved_evidence: ['disposal'],
  preserve_evidence: ['preservation_place', 'preservation_items'],
  schedule_hearing: ['hearing_date', 'presiding_officer_id', 'hearing_time', 'hearing_place'],
  hold_hearing: ['participants', 'investigators_case', 'statement'],
  record_legal_review: ['passed'],
  record_collective_discussion: ['participants', 'conclusion'],
  decide_penalty: ['penalty'],
  decide_on_the_spot: ['penalty'],
  approve_deferral: ['deferred_until'],
  approve_instalments: ['instalments'],
  extend_deadline: ['days'],
}

export function requiredFields(action) {
  return ACTION_REQUIRED[action] || []
}

// Whether a penalty departs from a discretion evaluation (as the server decides,
// docs/cases.md §10): any penalty where the benchmark recommends none, or a fine (none
// is 0 fen) outside the recommended range. types and fine (yuan) as typed in a form.
export function departsFromBenchmark(result, types, fine) {
  if (!result) return false
  if (result.outcome === 'no_penalty') return true
  const fen = (types || []).includes('fine') ? yuanToFen(fine) : 0
  return fen !== null && (fen < result.min_fen || fen > result.max_fen)
}

// The dispositions of preserved evidence (Art 56), as decide_preserved_evidence names them
// (src/domain/case_body.c).
export const DISPOSALS = ['release', 'measures', 'inspection', 'transfer', 'seizure']

// The instalment schedule: 2–24 rows, each due after today and after the one before, the
// amounts summing to the fine exactly. rows are {amount (yuan as typed), due}; returns
// {instalments: [{amount_fen, due}], sumFen} or {error: locale key, params}.
export function checkSchedule(rows, fineFen, today) {
  if (rows.length < 2 || rows.length > 24) return { error: 'cases.schedule.count' }
  const out = []
  let sum = 0
  let prev = today
  for (let i = 0; i < rows.length; i++) {
    const fen = yuanToFen(rows[i].amount)
    if (fen === null || fen === 0) return { error: 'cases.schedule.badAmount', params: { n: i + 1 } }
    if (!rows[i].due || rows[i].due <= prev) return { error: 'cases.schedule.badDue', params: { n: i + 1 } }
    prev = rows[i].due
    sum += fen
    out.push({ amount_fen: fen, due: rows[i].due })
  }
  if (sum !== fineFen) return { error: 'cases.schedule.sum', params: { sum: fenToYuan(sum), fine: fenToYuan(fineFen) }, sumFen: sum }
  return { instalments: out, sumFen: sum }
}

// An even split of fineFen into n instalments a month apart from today (the remainder in
// the first), as the schedule editor's starting point.
export function evenSchedule(fineFen, n, today) {
  const base = Math.floor(fineFen / n)
  const rows = []
  const d = new Date(`${today}T00:00:00Z`)
  for (let i = 0; i < n; i++) {
    const due = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + i + 1, Math.min(d.getUTCDate(), 28)))
    rows.push({ amount: fenToYuan(base + (i === 0 ? fineFen - base * n : 0)), due: due.toISOString().slice(0, 10) })
  }
  return rows
}

// The stored schedule (the case's `instalments`, JSON text) as rows, or [].
export function parseSchedule(text) {
  if (!text) return []
  try {
    const a = JSON.parse(text)
    return Array.isArray(a) ? a : []
  } catch {
    return []
  }
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
  transfer_report_made: 'transfer_report',
  discretion_circumstances_given: 'discretion',
}

// Whether the form of next action n can be opened: the role may take it and every
// unmet requirement is one its form fills in.
export function formCanSupply(n) {
  if (n.allowed) return true
  if (!n.role_ok) return false
  const fields = [...actionFields(n.action), 'reason']
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
