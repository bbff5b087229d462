// The responsibility-dispute page (职责争议) and the township-list page (乡镇清单) on the
// demo county 衢州市柯城区. Disputes: the supervisor sees the demo dispute with the API's
// deadline and is told why each action is not theirs; the county 市场监管 bureau files one
// about a case's jurisdiction against 综合行政执法局 (an agency it cannot see in 执法主体),
// whose head answers; the office (demo-catalog) decides with a catalog change request
// that then waits for another catalog admin. Township lists: the per-township match rate
// equals the API's, 府山街道's unmatched items on each side are listed, and a CSV import
// with a bad row shows that row's error and writes nothing.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, SKIP, launch, newPage, shoot, must, RUN } from './lib.mjs'

const DEMO_PASSWORD = 'Demo-2026!'
const COUNTY = '330802'
const FUSHAN = '330802006000'
let browser

before(async () => {
  if (SKIP) return
  browser = await launch()
})
after(async () => {
  if (browser) await browser.close()
})

async function loginAs(page, username) {
  await page.goto(`${BASE}/login`)
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(DEMO_PASSWORD)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('home').waitFor()
}

const tokenOf = async (username) =>
  (await must('POST', '/auth/login', { body: { username, password: DEMO_PASSWORD } }, [200])).token

async function openDisputes(page) {
  const resp = page.waitForResponse((r) => r.url().includes('/api/v1/catalog/disputes?'))
  await page.goto(`${BASE}/disputes`)
  await page.getByTestId('disputes-page').waitFor()
  return (await resp).json()
}

// The row of the dispute list that shows this statement's dispute, clicked open.
async function openDispute(page, itemCode, caseRef) {
  const row = page.getByTestId('dispute-list').locator('.el-table__row', { hasText: caseRef || itemCode }).first()
  await row.waitFor()
  await row.click()
  await page.getByTestId('dispute-drawer').getByTestId('dispute-status').waitFor()
}

test('disputes: the supervisor sees the demo dispute with its deadline and why filing, answering, withdrawing and deciding are not theirs', { skip: SKIP }, async () => {
  const page = await newPage(browser)
  await loginAs(page, 'demo-supervisor')
  const body = await openDisputes(page)
  const want = (await must('GET', '/catalog/disputes', { token: await tokenOf('demo-supervisor') })).items
  assert.ok(want.length >= 1, 'the demo files one dispute')
  assert.deepEqual(body.items.map((d) => d.id), want.map((d) => d.id))
  const demo = want.find((d) => d.other_agency_name === '衢州市市场监督管理局')
  assert.ok(demo, JSON.stringify(want))
  const row = page.getByTestId('dispute-list').locator('.el-table__row', { hasText: '衢州市市场监督管理局' }).first()
  assert.equal((await row.getByTestId('dispute-due').innerText()).trim(), demo.due_date)
  assert.equal(await row.getByTestId('dispute-overdue').count(), demo.overdue ? 1 : 0)
  assert.match(await page.getByTestId('dispute-file-why').innerText(), /执法监督.*不能提出职责争议/)
  await row.click()
  const drawer = page.getByTestId('dispute-drawer')
  await drawer.getByTestId('dispute-status').waitFor()
  assert.equal((await drawer.getByTestId('dispute-status').innerText()).trim(), '待答复')
  assert.match(await drawer.getByTestId('dispute-answer-why').innerText(), /只有争议对方（衢州市市场监督管理局）的负责人/)
  assert.match(await drawer.getByTestId('dispute-withdraw-why').innerText(), /只有提出主体（衢州市柯城区市场监督管理局）的负责人/)
  assert.match(await drawer.getByTestId('dispute-decide-why').innerText(), /由综合执法办.*决定/)
  assert.equal(await drawer.getByTestId('dispute-decide').count(), 0)
  await shoot(page, 'disputes-supervisor.png')
})

test('disputes: file about a case → the other side answers → the office decides with a catalog change request', { skip: SKIP }, async () => {
  const caseRef = `柯市监立〔2026〕${RUN}号`
  const scjg = await tokenOf('demo-head-scjg')
  // a departmental 市场监管 county item in force: whether 综合执法 should take it over
  const item = (await must('GET', '/catalog/items?domain=市场监管&level=county&mode=departmental&limit=1', { token: scjg })).items[0]
  assert.ok(item, 'the demo catalog has departmental 市场监管 county items')

  const page = await newPage(browser)
  await loginAs(page, 'demo-head-scjg')
  await openDisputes(page)
  await page.getByTestId('dispute-new').click()
  const dlg = page.getByTestId('dispute-dialog')
  await dlg.getByText('案件管辖').click()
  await dlg.getByTestId('dispute-item').fill(item.code)
  await dlg.getByTestId('dispute-case').fill(caseRef)
  await dlg.getByTestId('dispute-statement-text').fill('当事人同时违反市容管理规定，案件应由综合行政执法局管辖')
  // the other side: an agency the head cannot see in 执法主体, found by name
  const other = dlg.getByTestId('field-other_agency_id')
  await other.locator('.el-select').click()
  await page.keyboard.type('综合行政执法局')
  await page.locator('.el-select-dropdown__item:visible', { hasText: '衢州市柯城区综合行政执法局' }).first().click()
  const filed = page.waitForResponse((r) => r.url().endsWith('/api/v1/catalog/disputes') && r.request().method() === 'POST')
  await dlg.getByTestId('dispute-submit').click()
  const d = await (await filed).json()
  assert.equal(d.status, 'filed', JSON.stringify(d))
  assert.equal(d.case_ref, caseRef)
  assert.equal(d.item_code, item.code)
  assert.equal(d.other_agency_name, '衢州市柯城区综合行政执法局')
  await openDispute(page, item.code, caseRef)
  let drawer = page.getByTestId('dispute-drawer')
  assert.match(await drawer.getByTestId('dispute-answer-why').innerText(), /只有争议对方（衢州市柯城区综合行政执法局）/)
  assert.equal(await drawer.getByTestId('dispute-withdraw').count(), 1, 'the filer may withdraw')
  await shoot(page, 'disputes-filed.png')

  // the other side answers
  const page2 = await newPage(browser)
  await loginAs(page2, 'demo-head-zhzf')
  await openDisputes(page2)
  await openDispute(page2, item.code, caseRef)
  drawer = page2.getByTestId('dispute-drawer')
  await drawer.getByTestId('dispute-answer-text').fill('同意由我局管辖')
  const answered = page2.waitForResponse((r) => r.url().includes(`/api/v1/catalog/disputes/${d.id}/answer`))
  await drawer.getByTestId('dispute-answer-submit').click()
  assert.equal((await answered).status(), 200)
  await drawer.getByTestId('dispute-answer').waitFor()
  assert.equal((await drawer.getByTestId('dispute-status').innerText()).trim(), '已答复')
  assert.match(await drawer.getByTestId('dispute-answer-why').innerText(), /只有待答复的争议可以答复/)

  // the office decides: transfer the item to comprehensive enforcement (a change request)
  const page3 = await newPage(browser)
  await loginAs(page3, 'demo-catalog')
  await openDisputes(page3)
  await openDispute(page3, item.code, caseRef)
  drawer = page3.getByTestId('dispute-drawer')
  await drawer.getByTestId('dispute-decision-text').fill('该事项划转综合行政执法，案件由综合行政执法局管辖')
  await drawer.getByTestId('outcome-catalog_change').click()
  const decided = page3.waitForResponse((r) => r.url().includes(`/api/v1/catalog/disputes/${d.id}/decide`))
  await drawer.getByTestId('dispute-decide').click()
  const dec = await decided
  assert.equal(dec.status(), 200, await dec.text())
  await drawer.getByTestId('dispute-change').waitFor()
  assert.equal((await drawer.getByTestId('dispute-status').innerText()).trim(), '已决定')
  assert.match(await drawer.getByTestId('dispute-decide-why').innerText(), /已“已决定”，不能再作决定/)
  const after = await must('GET', `/catalog/disputes/${d.id}`, { token: await tokenOf('demo-catalog') })
  assert.equal(after.outcome, 'catalog_change')
  const change = await must('GET', `/catalog/changes/${after.change_id}`, { token: await tokenOf('demo-catalog') })
  assert.equal(change.status, 'proposed', 'another catalog admin approves it')
  assert.equal(change.action, 'transfer')
  assert.equal(change.item_code, item.code)
  assert.ok((await drawer.getByTestId('dispute-change').innerText()).includes(after.change_id))
  await shoot(page3, 'disputes-decided.png')
})

test('township lists: each township\'s match rate is the API\'s; 府山街道\'s unmatched items on both sides; a bad CSV row is named and nothing is imported', { skip: SKIP }, async () => {
  const token = await tokenOf('demo-catalog')
  const page = await newPage(browser)
  await loginAs(page, 'demo-catalog')
  await page.goto(`${BASE}/township-lists`)
  await page.getByTestId('township-lists-page').waitFor()
  await page.getByTestId('tl-region').fill(COUNTY)
  const resp = page.waitForResponse((r) => r.url().includes('/api/v1/indicators/breakdown'))
  await page.getByTestId('tl-load').click()
  await resp
  const want = (await must('GET', `/indicators/breakdown?region_code=${COUNTY}&indicator=township_match_rate`, { token })).items
  const rows = page.getByTestId('tl-rates').locator('.el-table__row')
  await rows.first().waitFor()
  assert.equal(await rows.count(), want.length)
  for (let i = 0; i < want.length; i++) {
    const row = rows.nth(i)
    assert.equal((await row.getByTestId('tl-rate').innerText()).trim(), `${(want[i].value * 100).toFixed(2)}%`, want[i].name)
    assert.equal((await row.getByTestId('tl-num').innerText()).trim(), String(want[i].numerator))
    assert.equal((await row.getByTestId('tl-den').innerText()).trim(), String(want[i].denominator))
  }
  const match = await must('GET', `/catalog/township-match?region_code=${FUSHAN}`, { token })
  assert.ok(match.unmatched_items.length > 0 && match.unmatched_list.length > 0, 'the demo list of 府山街道 misses on both sides')
  await rows.filter({ hasText: '府山街道' }).click()
  const drawer = page.getByTestId('tl-drawer')
  await drawer.getByTestId('tl-match-rate').waitFor()
  assert.equal((await drawer.getByTestId('tl-match-rate').innerText()).trim(), `${(match.rate * 100).toFixed(2)}%`)
  assert.equal((await drawer.getByTestId('tl-source').innerText()).trim(), match.source === 'claims' ? '按认领（县级已公布）' : '按目录（尚无认领）')
  await drawer.getByTestId('tl-unmatched-items').locator('.el-table__row').first().waitFor()
  assert.equal(await drawer.getByTestId('tl-unmatched-items').locator('.el-table__row').count(), match.unmatched_items.length)
  assert.ok((await drawer.getByTestId('tl-unmatched-items').innerText()).includes(match.unmatched_items[0].name))
  await drawer.getByText(`清单条目无对应赋权事项 (${match.unmatched_list.length})`).click()
  await drawer.getByTestId('tl-unmatched-list').locator('.el-table__row').first().waitFor()
  assert.ok((await drawer.getByTestId('tl-unmatched-list').innerText()).includes(match.unmatched_list[0].name))
  await shoot(page, 'township-lists.png')
  await drawer.locator('.el-drawer__close-btn').click()

  // import: the second row names a region that is not a township → that row's error, nothing written
  const before = (await must('GET', `/catalog/township-lists?region_code=${FUSHAN}&limit=1000`, { token })).items.length
  await page.getByTestId('tl-import').click()
  const dlg = page.getByTestId('csv-dialog')
  await dlg.getByTestId('csv-text').fill(`region_code,name,item_code,kind\n${FUSHAN},测试权力事项${RUN},,power\n${COUNTY},测试审批事项${RUN},,approval\n`)
  const imp = page.waitForResponse((r) => r.url().includes('/api/v1/catalog/township-lists/import'))
  await dlg.getByTestId('csv-submit').click()
  assert.equal((await imp).status(), 400)
  const errors = dlg.getByTestId('csv-errors')
  await errors.waitFor()
  assert.match(await errors.innerText(), /3\s+region_code/)
  const afterN = (await must('GET', `/catalog/township-lists?region_code=${FUSHAN}&limit=1000`, { token })).items.length
  assert.equal(afterN, before, 'all or nothing')
  // and the supervisor is told why there is no import
  const page2 = await newPage(browser)
  await loginAs(page2, 'demo-supervisor')
  await page2.goto(`${BASE}/township-lists`)
  await page2.getByTestId('township-lists-page').waitFor()
  assert.equal(await page2.getByTestId('tl-import').count(), 0)
  assert.match(await page2.getByTestId('readonly-note').innerText(), /不能新增或修改乡镇清单/)
})
