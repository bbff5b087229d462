// Shared helpers of the browser tests: configuration, Chromium, the API used
// to create each run's data, valid USCC / ID-number generators, UI login.
//
// Env: ZHIFA_URL (e.g. http://127.0.0.1:18080) and ZHIFA_ADMIN_PASSWORD
// (password of user `admin`). Without them every test is skipped, saying why.
import { mkdirSync } from 'node:fs'
import { randomInt } from 'node:crypto'
import { chromium } from 'playwright-core'

export const BASE = (process.env.ZHIFA_URL || '').replace(/\/+$/, '')
export const ADMIN_PASSWORD = process.env.ZHIFA_ADMIN_PASSWORD || ''
export const SKIP = !BASE || !ADMIN_PASSWORD ? 'ZHIFA_URL and ZHIFA_ADMIN_PASSWORD are not set' : false
export const SHOTS = new URL('../../build/screenshots/', import.meta.url).pathname
export const RUN = `${Date.now().toString(36)}${randomInt(36 ** 3).toString(36)}`.toUpperCase()

export const PHONE = { width: 390, height: 844 }
export const DESKTOP = { width: 1366, height: 860 }

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

// A screenshot without hover/focus colours or half-finished transitions.
export async function shoot(page, name) {
  await page.mouse.move(0, 0)
  await page.evaluate(() => document.activeElement && document.activeElement.blur())
  await page.screenshot({ animations: 'disabled', path: shotPath(name) })
}

export function shotPath(name) {
  mkdirSync(SHOTS, { recursive: true })
  return SHOTS + name
}

// ---- valid identifiers -----------------------------------------------------

const USCC_ALPHA = '0123456789ABCDEFGHJKLMNPQRTUWXY'

// The check character of the first 17 characters of a USCC (GB 32100-2015):
// weights 3^(i-1) mod 31, check = alphabet[(31 - sum % 31) % 31].
export function usccCheck(s17) {
  let sum = 0
  let w = 1
  for (let i = 0; i < 17; i++) {
    sum += USCC_ALPHA.indexOf(s17[i]) * w
    w = (w * 3) % 31
  }
  return USCC_ALPHA[(31 - (sum % 31)) % 31]
}

// A valid USCC: "91" (enterprise), a 6-digit region code, 9 random characters
// for the organisation code, the check character.
export function validUscc(region = '350100') {
  let body = `91${region}`
  for (let i = 0; i < 9; i++) body += USCC_ALPHA[randomInt(USCC_ALPHA.length)]
  return body + usccCheck(body)
}

// The same USCC with a wrong check character.
export function badUscc(region) {
  const good = validUscc(region)
  const wrong = USCC_ALPHA[(USCC_ALPHA.indexOf(good[17]) + 1) % USCC_ALPHA.length]
  return good.slice(0, 17) + wrong
}

// A valid resident ID number (GB 11643-1999, mod 11-2 check).
export function validIdNumber(region = '110105') {
  const birth = `19${70 + randomInt(30)}0${1 + randomInt(9)}1${randomInt(10)}`
  const body = `${region}${birth}${String(randomInt(1000)).padStart(3, '0')}`
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(body[i]) * w[i]
  return body + '10X98765432'[sum % 11]
}

// ---- the API -----------------------------------------------------------------

export async function call(method, path, { token, body, csv } = {}) {
  const headers = { Accept: 'application/json' }
  if (token) headers.Authorization = `Bearer ${token}`
  let payload
  if (csv !== undefined) {
    headers['Content-Type'] = 'text/csv'
    payload = csv
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json'
    payload = JSON.stringify(body)
  }
  const res = await fetch(`${BASE}/api/v1${path}`, { method, headers, body: payload })
  const text = await res.text()
  let data = null
  try {
    data = text ? JSON.parse(text) : null
  } catch {
    data = text
  }
  return { status: res.status, data }
}

export async function must(method, path, opts, want = [200, 201]) {
  const r = await call(method, path, opts)
  if (!want.includes(r.status)) {
    throw new Error(`${method} ${path} → ${r.status} ${JSON.stringify(r.data)}`)
  }
  return r.data
}

export async function adminToken() {
  const r = await must('POST', '/auth/login', { body: { username: 'admin', password: ADMIN_PASSWORD } }, [200])
  return r.token
}

// Every item of a list (follows next_cursor).
export async function listAll(token, path, query = {}) {
  const out = []
  let cursor = null
  for (let i = 0; i < 100; i++) {
    const qs = new URLSearchParams({ ...query, limit: '200', ...(cursor ? { cursor } : {}) })
    const page = await must('GET', `${path}?${qs}`, { token }, [200])
    out.push(...page.items)
    cursor = page.next_cursor
    if (!cursor) break
  }
  return out
}

const digits = (n) => String(randomInt(10 ** n)).padStart(n, '0')

// A region with this code, creating it when it is not there yet. Codes are
// random, so a code another run already made is simply reused.
async function ensureRegion(token, code, name, parentCode) {
  const r = await call('POST', '/regions', { token, body: { code, name, parent_code: parentCode } })
  if (r.status === 201) return r.data
  const found = (await listAll(token, '/regions', { q: code })).find((x) => x.code === code)
  if (found) return found
  throw new Error(`POST /regions ${code} → ${r.status} ${JSON.stringify(r.data)}`)
}

// This run's data: a township (fresh, uniquely named) under a county — an
// existing county when the server has one, else a new province → city →
// county chain —, an agency in the county, an officer of that agency.
export async function seed(token) {
  let county = (await must('GET', '/regions?level=county&limit=1', { token }, [200])).items[0]
  if (!county) {
    const pv = `${71 + randomInt(28)}`
    const province = await ensureRegion(token, `${pv}0000`, `测试省${pv}`, null)
    const ct = `${pv}${String(1 + randomInt(70)).padStart(2, '0')}`
    const city = await ensureRegion(token, `${ct}00`, `测试市${ct}`, province.code)
    county = await ensureRegion(token, `${ct}${String(1 + randomInt(98)).padStart(2, '0')}`, `测试县${RUN}`, city.code)
  }
  let township
  for (let i = 0; i < 20 && !township; i++) {
    const r = await call('POST', '/regions', {
      token,
      // 12-digit NBS code: county + township 001..599 + 000
      body: { code: `${county.code}${String(1 + randomInt(599)).padStart(3, '0')}000`, name: `测试街道${RUN}`, parent_code: county.code },
    })
    if (r.status === 201) township = r.data
    else if (i === 19) throw new Error(`POST /regions township → ${r.status} ${JSON.stringify(r.data)}`)
  }
  const agency = await must('POST', '/agencies', {
    token,
    body: {
      name: `测试综合行政执法局${RUN}`,
      uscc: validUscc(county.code),
      region_code: county.code,
      kind: 'comprehensive',
      domain: '综合执法',
    },
  })
  const idNumber = validIdNumber()
  const officer = await must('POST', '/officers', {
    token,
    body: {
      agency_id: agency.id,
      name: `测试员${RUN}`,
      id_number: idNumber,
      cert_no: `ZJ${RUN}`,
      cert_issued: '2024-03-01',
      cert_expires: '2029-02-28',
      status: 'active',
      legal_qualified: true,
      training_hours: 60,
    },
  })
  return { county, township, agency, officer, idNumber }
}

// ---- the UI --------------------------------------------------------------------

export async function newPage(browser, viewport = DESKTOP, options = {}) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', ...options })
  const page = await context.newPage()
  page.setDefaultTimeout(15000)
  return page
}

export async function uiLogin(page, password = ADMIN_PASSWORD) {
  await page.goto(`${BASE}/login`)
  // Element Plus puts data-testid of an el-input on the <input> itself.
  await page.getByTestId('login-username').fill('admin')
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
}
