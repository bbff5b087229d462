// catalog.js: what the catalog page shows and offers, one rule each.

// Today in China (UTC+8) as YYYY-MM-DD: the default as-of date.
export function todayCN() {
  return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
}

// A legal-basis citation as the law writes it: 《name》第N条第N款第N项.
export function citation(b) {
  return `《${b.law}》${b.article}${b.paragraph || ''}${b.item || ''}`
}

// Citations typed one a line (or separated by ；) into the API's array form; null
// for a line that does not read.
export function parseCitations(text) {
  const out = []
  for (const raw of text.split(/[\n；;]/)) {
    const line = raw.trim()
    if (!line) continue
    const m = /^《([^》]+)》(第[^条]+条(?:之[一二三四五六七八九十\d]+)?)(第[^款]+款)?(第[^项]+项)?$/.exec(line)
    if (!m) return null
    const b = { law: m[1], article: m[2] }
    if (m[3]) b.paragraph = m[3]
    if (m[4]) b.item = m[4]
    out.push(b)
  }
  return out
}

// Why the signed-in user may not approve a change request, or '' when they may.
// The server decides (403 self_approval, 409 effective_date_past); this says why first.
export function approveBlocker(change, user, canWriteCatalog) {
  if (change.status !== 'proposed') return 'decided'
  if (!canWriteCatalog) return 'role'
  if (user && change.proposed_by === user.username) return 'self'
  if (change.effective_date < todayCN()) return 'past'
  // a city's extension catalogue (条例 Art 7): a provincial catalog admin approves (403 province_approval)
  const p = user?.region_prefix
  if (change.proposal?.scope && p !== undefined && (p === '-' || p.length > 2)) return 'province'
  return ''
}
