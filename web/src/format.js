// Small display helpers.
const dtf = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
})

// An instant (UTC ISO text) as China Standard Time "YYYY/MM/DD HH:mm".
export function formatInstant(s) {
  if (!s) return ''
  const d = new Date(s)
  return Number.isNaN(d.getTime()) ? String(s) : dtf.format(d)
}

export function dash(v) {
  return v === null || v === undefined || v === '' ? '—' : v
}
