// The catalog page (事项目录) against the demo county's catalog: search in Chinese (2
// characters by LIKE, 3+ by trigram, and in the legal basis), the item drawer with its
// versions, and the four-eyes rule: the proposer sees why they cannot approve their
// own change request, another catalog admin may.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, SKIP, launch, newPage, uiLogin, shoot, adminToken, must } from './lib.mjs'

const DEMO_PASSWORD = 'Demo-2026!'
let browser
let token

before(async () => {
  if (SKIP) return
  token = await adminToken()
  browser = await launch()
})
after(async () => {
  if (browser) await browser.close()
})

function todayPlus(days) {
  return new Date(Date.now() + 8 * 3600 * 1000 + days * 86400 * 1000).toISOString().slice(0, 10)
}

async function loginAs(page, username, password) {
  await page.goto(`${BASE}/login`)
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(password)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('home').waitFor()
}

async function searchItems(page, q) {
  const list = page.getByTestId('item-list')
  const resp = page.waitForResponse((r) => r.url().includes('/api/v1/catalog/items?') && r.url().includes('q='))
  await page.getByTestId('filter-q').fill(q)
  await page.getByTestId('filter-search').click()
  const body = await (await resp).json()
  if (body.items.length) await list.locator('.el-table__row').first().waitFor()
  return { rows: await list.locator('.el-table__row').allInnerTexts(), body }
}

// The region filter: the items that must be exercised in a township (township level, as
// the coverage pairs them), exactly as GET /catalog/items?region_code answers.
test('catalog page: the region filter lists the items exercised in a township, as the API says', { skip: SKIP }, async () => {
  const page = await newPage(browser)
  await uiLogin(page)
  await page.getByTestId('home').waitFor()
  await page.getByTestId('side-menu').getByText('事项目录').click()
  await page.getByTestId('catalog-page').waitFor()
  const township = (await must('GET', '/regions?limit=500', { token })).items.find((r) => r.code.length === 12 && r.code.startsWith('330802'))
  assert.ok(township, 'the demo county has townships')
  const resp = page.waitForResponse((r) => r.url().includes('/api/v1/catalog/items?') && r.url().includes('region_code='))
  await page.getByTestId('filter-region').fill(township.code)
  await page.getByTestId('filter-search').click()
  const body = await (await resp).json()
  const want = await must('GET', `/catalog/items?region_code=${township.code}&as_of=${todayPlus(0)}&limit=50`, { token })
  assert.deepEqual(body.items.map((i) => i.code), want.items.map((i) => i.code))
  assert.ok(want.items.length > 0 && want.items.every((i) => i.level === 'township'), 'a township exercises township items only')
  const list = page.getByTestId('item-list')
  await list.locator('.el-table__row').first().waitFor()
  const rows = await list.locator('.el-table__row').allInnerTexts()
  assert.equal(rows.length, want.items.length)
  assert.ok(rows.every((r) => r.includes('乡镇（街道）')), rows.join('\n'))
  await shoot(page, 'catalog-region.png')
})

test('catalog search: 2-character and longer Chinese queries, and a law cited in the legal basis', { skip: SKIP }, async () => {
  const page = await newPage(browser)
  await uiLogin(page)
  await page.getByTestId('home').waitFor()
  await page.getByTestId('side-menu').getByText('事项目录').click()
  await page.getByTestId('catalog-page').waitFor()

  const two = await searchItems(page, '油烟') // below a trigram: LIKE
  assert.ok(two.rows.length >= 2, `${two.rows.length} rows for 油烟`)
  assert.ok(two.rows.every((r) => r.includes('油烟')), two.rows.join('\n'))

  const three = await searchItems(page, '露天焚烧')
  assert.ok(three.rows.length >= 1 && three.rows.every((r) => r.includes('露天焚烧')), three.rows.join('\n'))

  const law = await searchItems(page, '大气污染防治法')
  assert.ok(law.body.items.length >= 5, 'every item citing the Air Pollution Law')
  assert.ok(law.body.items.every((i) => i.legal_basis.some((b) => b.law.includes('大气污染防治法'))))

  // the drawer shows an item's legal basis and its versions
  await page.getByTestId('item-list').locator('.el-table__row').first().click()
  const drawer = page.getByTestId('item-drawer')
  await drawer.getByTestId('item-versions').locator('.el-timeline-item').first().waitFor()
  assert.match(await drawer.getByTestId('item-basis').first().innerText(), /《中华人民共和国大气污染防治法》第.+条/)
  assert.match(await drawer.getByTestId('item-versions').innerText(), /v1 .+/)
  await shoot(page, 'desktop-catalog.png')
  await page.context().close()
})

test('catalog: the proposer cannot approve their own change request, and the page says why; another approver can', { skip: SKIP }, async () => {
  const cat = await must('POST', '/auth/login', { body: { username: 'demo-catalog', password: DEMO_PASSWORD } }, [200])
  const items = await must('GET', '/catalog/items?domain=城市管理&limit=1', { token: cat.token }, [200])
  const code = items.items[0].code
  const change = await must('POST', '/catalog/changes', {
    token: cat.token,
    body: { action: 'amend', item_code: code, effective_date: todayPlus(40), reason: `浏览器测试 ${Date.now()}`, proposal: { name: `${items.items[0].name}（修订）` } },
  }, [201])

  const page = await newPage(browser)
  await loginAs(page, 'demo-catalog', DEMO_PASSWORD)
  await page.goto(`${BASE}/catalog`)
  await page.getByTestId('catalog-page').waitFor()
  await page.getByRole('tab', { name: '变更申请' }).click()
  const row = page.getByTestId(`change-${change.id}`)
  await row.waitFor()
  assert.equal(await row.getByTestId('change-approve').isDisabled(), true, 'approve is disabled for the proposer')
  assert.match(await row.getByTestId('approve-why').innerText(), /您是提出人.*不能审批自己提出的申请/)
  assert.match(await row.getByTestId('change-reject').innerText(), /撤回/, 'the proposer may withdraw')
  await shoot(page, 'desktop-catalog-self-approval.png')
  await page.context().close()

  // the administrator is another person: the same row offers approval without a reason against it
  const admin = await newPage(browser)
  await uiLogin(admin)
  await admin.getByTestId('home').waitFor()
  await admin.goto(`${BASE}/catalog`)
  await admin.getByRole('tab', { name: '变更申请' }).click()
  const arow = admin.getByTestId(`change-${change.id}`)
  await arow.waitFor()
  assert.equal(await arow.getByTestId('change-approve').isDisabled(), false)
  assert.equal(await arow.getByTestId('approve-why').count(), 0)
  await admin.context().close()
  await must('POST', `/catalog/changes/${change.id}/reject`, { token, body: { note: '浏览器测试结束' } }, [200])
})

test('catalog: an officer reads the catalog and is told why approving is not theirs to do', { skip: SKIP }, async () => {
  const page = await newPage(browser)
  await loginAs(page, 'demo-officer-scjg', DEMO_PASSWORD)
  await page.goto(`${BASE}/catalog`)
  await page.getByTestId('catalog-page').waitFor()
  await page.getByTestId('item-list').locator('.el-table__row').first().waitFor()
  assert.match(await page.getByTestId('readonly-note').innerText(), /执法人员.*综合执法办/)
  assert.equal(await page.getByTestId('change-propose').count(), 0)
  await page.context().close()
})
