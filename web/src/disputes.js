// disputes.js: what the responsibility-dispute page (职责争议) offers whom, one rule each.
// The server decides (403 forbidden, 409 wrong_state); these say why first.

export const DISPUTE_STATUSES = ['filed', 'answered', 'decided', 'withdrawn']
export const DISPUTE_OUTCOMES = ['none', 'claims', 'catalog_change']
const OPEN = ['filed', 'answered']
const OFFICE = ['admin', 'catalog_admin']

// The signed-in user acts for agency id (public id) whose region is region: its head,
// or an admin / catalog admin whose region scope holds the region.
export function actsFor(user, agencyId, region) {
  if (!user) return false
  if (user.role === 'agency_head') return !!agencyId && user.agency_id === agencyId
  const p = user.region_prefix
  return OFFICE.includes(user.role) && !!p && p !== '-' && !!region && region.startsWith(p)
}

// Why the user may not file a dispute, or ''.
export function fileBlocker(user) {
  if (!user) return 'role'
  return user.role === 'agency_head' || OFFICE.includes(user.role) ? '' : 'role'
}

// Why the user may not answer d, or '' when they may: 'state' (not awaiting an answer),
// 'side' (only the other agency answers).
export function answerBlocker(d, user) {
  if (d.status !== 'filed') return 'state'
  return actsFor(user, d.other_agency_id, d.region_code) ? '' : 'side'
}

// Why the user may not withdraw d: 'state' (decided or withdrawn), 'side' (only the filer).
export function withdrawBlocker(d, user) {
  if (!OPEN.includes(d.status)) return 'state'
  return actsFor(user, d.agency_id, d.region_code) ? '' : 'side'
}

// Why the user may not decide d: 'role' (only the comprehensive enforcement office),
// 'state' (decided or withdrawn).
export function decideBlocker(d, user) {
  if (!user || !OFFICE.includes(user.role)) return 'role'
  return OPEN.includes(d.status) ? '' : 'state'
}
