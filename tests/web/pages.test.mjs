// The three pages on a desktop: they list this run's data; creating an agency
// with a bad USCC shows the error beside the field and creates nothing; a
// valid one appears in the list; CSV import shows per-row errors.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import {
  BASE, SKIP, RUN, launch, newPage, uiLogin, shoot, adminToken, seed, listAll, validUscc, badUscc, validIdNumber, must,
} from './lib.mjs'

let browser
let token
let data
let page

before(async () => {
  if (SKIP) return
  token = await adminToken()
  data = await seed(token)
  browser = await launch()
  page = await newPage(browser)
  await uiLogin(page)
  await page.getByTestId('home').waitFor()
})
after(async () => {
  if (browser) await browser.close()
})

async function search(q) {
  await page.getByTestId('filter-q').fill(q)
  await page.getByTestId('filter-search').click()
}

test('regions: the search and the drill-down list this run’s regions', { skip: SKIP }, async () => {
  await page.getByTestId('side-menu').getByText('行政区划').click()
  await page.getByTestId('regions-page').waitFor()
  const list = page.getByTestId('region-list')
  await search(data.township.name)
  const row = list.locator('.el-table__row', { hasText: data.township.name })
  await row.waitFor()
  assert.match(await row.innerText(), new RegExp(data.township.code))
  assert.match(await row.innerText(), /乡镇/)

  // Drill down from the county: its children include the township.
  await page.goto(`${BASE}/regions?parent=${data.county.code}`)
  await list.locator('.el-table__row', { hasText: data.township.code }).waitFor()
  const codes = await list.locator('.el-table__row').allInnerTexts()
  assert.ok(codes.every((t) => t.includes(data.county.code)), 'every child names the county as its parent')
})

test('regions: adding a region through the form lists it under its parent', { skip: SKIP }, async () => {
  await page.goto(`${BASE}/regions?parent=${data.township.code}`)
  await page.getByTestId('region-add').click()
  const dlg = page.getByTestId('region-dialog')
  await dlg.waitFor()
  assert.equal(await dlg.locator('input[name=parent_code]').inputValue(), data.township.code, 'parent prefilled')
  const name = `测试村${RUN}`
  let code
  for (let i = 0; i < 10; i++) {
    // a village: the township's nine digits + 001..999
    code = `${data.township.code.slice(0, 9)}${String(1 + Math.floor(Math.random() * 999)).padStart(3, '0')}`
    await dlg.locator('input[name=code]').fill(code)
    await dlg.locator('input[name=name]').fill(name)
    await page.getByTestId('region-save').click()
    await Promise.race([dlg.waitFor({ state: 'hidden' }), dlg.getByTestId('problem').waitFor()])
    if (!(await dlg.isVisible())) break
  }
  await page.getByTestId('region-list').locator('.el-table__row', { hasText: name }).waitFor()
  const created = await listAll(token, '/regions', { parent_code: data.township.code })
  assert.ok(created.some((r) => r.code === code && r.name === name && r.level === 'village'))
})

test('agencies: the list shows this run’s agency; filters by kind and search work', { skip: SKIP }, async () => {
  await page.getByTestId('side-menu').getByText('执法主体').click()
  await page.getByTestId('agencies-page').waitFor()
  await search(data.agency.name)
  const list = page.getByTestId('agency-list')
  const row = list.locator('.el-table__row', { hasText: data.agency.name })
  await row.waitFor()
  const text = await row.innerText()
  assert.ok(text.includes(data.agency.uscc))
  assert.ok(text.includes('综合行政执法部门'))
  // Kind filter: the agency is comprehensive, so "departmental" hides it.
  await chooseOption(page.getByTestId('filter-kind'), '行业执法部门')
  await page.getByTestId('filter-search').click()
  await list.getByText('暂无数据').waitFor()
  await chooseOption(page.getByTestId('filter-kind'), '综合行政执法部门')
  await page.getByTestId('filter-search').click()
  await row.waitFor()
  await search(`不存在的主体${RUN}`)
  await list.getByText('暂无数据').waitFor()
  assert.equal(await list.locator('.el-table__row').count(), 0)
})

async function chooseOption(select, label) {
  await select.click()
  await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
}

async function pickRegion(dlg, county) {
  const field = dlg.getByTestId('field-region_code')
  await field.locator('.el-select').click()
  await page.keyboard.type(county.code)
  await page.locator('.el-select-dropdown__item:visible', { hasText: county.code }).first().click()
}

test('agencies: a bad USCC shows the error beside the USCC field and creates nothing; a valid one is listed', { skip: SKIP }, async () => {
  await page.goto(`${BASE}/agencies`)
  await page.getByTestId('agency-add').click()
  const dlg = page.getByTestId('agency-dialog')
  await dlg.waitFor()
  const name = `新建执法局${RUN}`
  await dlg.locator('input[name=name]').fill(name)
  await dlg.locator('input[name=uscc]').fill(badUscc(data.county.code))
  await pickRegion(dlg, data.county)
  await dlg.locator('input[name=domain]').fill('市场监管')

  const resp = page.waitForResponse((r) => r.url().endsWith('/api/v1/agencies') && r.request().method() === 'POST')
  await page.getByTestId('agency-save').click()
  const r = await resp
  assert.equal(r.status(), 400)
  const problem = await r.json()
  const usccErr = (problem.errors || []).find((e) => e.field === 'uscc')
  assert.ok(usccErr, `the server names the uscc field: ${JSON.stringify(problem)}`)

  const fieldError = dlg.getByTestId('field-uscc').locator('.el-form-item__error')
  await fieldError.waitFor()
  assert.ok((await fieldError.innerText()).includes(usccErr.message))
  assert.equal(await dlg.getByTestId('field-name').locator('.el-form-item__error').count(), 0, 'no error beside name')
  assert.equal(await dlg.getByTestId('field-region_code').locator('.el-form-item__error').count(), 0)
  assert.ok((await dlg.getByTestId('problem').innerText()).includes(problem.title))
  assert.equal((await listAll(token, '/agencies', { q: name })).length, 0, 'nothing was created')
  await shoot(page, 'desktop-agency-uscc-error.png')

  await dlg.locator('input[name=uscc]').fill(validUscc(data.county.code))
  await page.getByTestId('agency-save').click()
  await dlg.waitFor({ state: 'hidden' })
  await page.getByTestId('agency-list').locator('.el-table__row', { hasText: name }).waitFor()
  const made = await listAll(token, '/agencies', { q: name })
  assert.equal(made.length, 1)
  assert.equal(made[0].region_code, data.county.code)
})

test('agencies: CSV import shows per-row errors and imports nothing, then imports a good file', { skip: SKIP }, async () => {
  await page.goto(`${BASE}/agencies`)
  await page.getByTestId('agency-import').click()
  const dlg = page.getByTestId('csv-dialog')
  await dlg.waitFor()
  const good = `导入执法局甲${RUN}`
  const bad = `导入执法局乙${RUN}`
  const csv = [
    'name,uscc,region_code,kind,domain',
    `${good},${validUscc(data.county.code)},${data.county.code},departmental,交通运输`,
    `${bad},${badUscc(data.county.code)},${data.county.code},departmental,交通运输`,
  ].join('\n')
  await dlg.getByTestId('csv-text').fill(csv)
  const resp = page.waitForResponse((r) => r.url().endsWith('/api/v1/agencies/import'))
  await dlg.getByTestId('csv-submit').click()
  const r = await resp
  assert.equal(r.status(), 400)
  const problem = await r.json()
  const rowErr = (problem.errors || []).find((e) => e.field === 'uscc')
  assert.ok(rowErr && rowErr.row != null, `a row error for uscc: ${JSON.stringify(problem)}`)
  const table = dlg.getByTestId('csv-errors')
  await table.waitFor()
  const rowText = await table.locator('.el-table__row', { hasText: rowErr.message }).first().innerText()
  assert.ok(rowText.includes(String(rowErr.row)) && rowText.includes('uscc'))
  assert.equal((await listAll(token, '/agencies', { q: good })).length, 0, 'the good row was not imported either')

  await dlg.getByTestId('csv-text').fill(csv.split('\n').slice(0, 2).join('\n'))
  await dlg.getByTestId('csv-submit').click()
  await dlg.getByTestId('csv-done').waitFor()
  assert.match(await dlg.getByTestId('csv-done').innerText(), /已导入 1 条/)
  assert.equal((await listAll(token, '/agencies', { q: good })).length, 1)
})

test('officers: the list shows this run’s officer with the ID number masked as the server gave it', { skip: SKIP }, async () => {
  await page.goto(`${BASE}/officers`)
  await search(data.officer.name)
  const row = page.getByTestId('officer-list').locator('.el-table__row', { hasText: data.officer.name })
  await row.waitFor()
  const text = await row.innerText()
  assert.ok(text.includes(data.agency.name))
  assert.ok(text.includes(data.officer.cert_no))
  assert.ok(text.includes(data.officer.id_number), 'shows the id_number as the server sent it')
  assert.ok(!text.includes(data.idNumber), 'never the full ID number')
  assert.ok(text.includes('在岗'))
  await shoot(page, 'desktop-officers.png')
})

test('agencies: editing an agency changes it (PATCH) and the list shows the change', { skip: SKIP }, async () => {
  await page.goto(`${BASE}/agencies`)
  await search(data.agency.name)
  const row = page.getByTestId('agency-list').locator('.el-table__row', { hasText: data.agency.name })
  await row.getByTestId('agency-edit').click()
  const dlg = page.getByTestId('agency-dialog')
  await dlg.waitFor()
  assert.equal(await dlg.locator('input[name=uscc]').inputValue(), data.agency.uscc, 'form filled from the record')
  const domain = `城市管理${RUN}`
  await dlg.locator('input[name=domain]').fill(domain)
  const resp = page.waitForResponse((r) => r.url().endsWith(`/api/v1/agencies/${data.agency.id}`))
  await page.getByTestId('agency-save').click()
  assert.equal((await resp).request().method(), 'PATCH')
  await dlg.waitFor({ state: 'hidden' })
  await row.filter({ hasText: domain }).waitFor()
  const after = await listAll(token, '/agencies', { q: data.agency.name })
  assert.equal(after[0].domain, domain)
  assert.equal(after[0].uscc, data.agency.uscc)
})

test('officers: a bad ID number is shown beside its field and creates nothing; a valid officer is listed masked', { skip: SKIP }, async () => {
  await page.goto(`${BASE}/officers`)
  await page.getByTestId('officer-add').click()
  const dlg = page.getByTestId('officer-dialog')
  await dlg.waitFor()
  const name = `新人员${RUN}`
  await dlg.getByTestId('field-agency_id').locator('.el-select').click()
  await page.keyboard.type(data.agency.name)
  await page.locator('.el-select-dropdown__item:visible', { hasText: data.agency.name }).first().click()
  await dlg.locator('input[name=name]').fill(name)
  const good = validIdNumber()
  const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0')
  await dlg.locator('input[name=id_number]').fill(bad)
  await dlg.locator('input[name=cert_no]').fill(`NEW${RUN}`)
  await dlg.getByTestId('field-cert_issued').locator('input').fill('2025-01-15')
  await dlg.getByTestId('field-cert_issued').locator('input').press('Enter')
  await dlg.getByTestId('field-training_hours').locator('input').fill('24')
  await dlg.locator('.el-dialog__title').click()

  const resp = page.waitForResponse((r) => r.url().endsWith('/api/v1/officers') && r.request().method() === 'POST')
  await page.getByTestId('officer-save').click()
  const r = await resp
  assert.equal(r.status(), 400)
  const sent = r.request().postDataJSON()
  assert.equal(sent.agency_id, data.agency.id)
  assert.equal(sent.cert_issued, '2025-01-15')
  assert.equal(sent.training_hours, 24)
  const problem = await r.json()
  const idErr = (problem.errors || []).find((e) => e.field === 'id_number')
  assert.ok(idErr, `the server names id_number: ${JSON.stringify(problem)}`)
  const fieldError = dlg.getByTestId('field-id_number').locator('.el-form-item__error')
  await fieldError.waitFor()
  assert.ok((await fieldError.innerText()).includes(idErr.message))
  assert.equal((await listAll(token, '/officers', { q: name })).length, 0, 'nothing was created')

  await dlg.locator('input[name=id_number]').fill(good)
  await page.getByTestId('officer-save').click()
  await dlg.waitFor({ state: 'hidden' })
  await search(name)
  const row = page.getByTestId('officer-list').locator('.el-table__row', { hasText: name })
  await row.waitFor()
  const text = await row.innerText()
  assert.ok(!text.includes(good), 'the full ID number is not shown')
  const made = await listAll(token, '/officers', { q: name })
  assert.equal(made.length, 1)
  assert.ok(text.includes(made[0].id_number))
  assert.equal(made[0].training_hours, 24)
})

// 行政处罚法第五十八条第二款: legal review done before 2021-07-15 stands in for the
// 法律职业资格; the form says what the person may sign, and the day needs its evidence.
test('officers: earlier legal-review experience needs its evidence; the form says whether the person may review', { skip: SKIP }, async () => {
  const name = `审核员${RUN}`
  const o = await must('POST', '/officers', {
    token,
    body: { agency_id: data.agency.id, name, id_number: validIdNumber(), cert_no: `REV${RUN}`, cert_issued: '2020-03-01' },
  })
  await page.goto(`${BASE}/officers`)
  await search(name)
  const row = page.getByTestId('officer-list').locator('.el-table__row', { hasText: name })
  await row.getByTestId('officer-edit').click()
  const dlg = page.getByTestId('officer-dialog')
  await dlg.waitFor()
  const hint = dlg.getByTestId('legal-review-hint')
  assert.match(await hint.innerText(), /初次从事法制审核的人员应当取得法律职业资格/)
  const since = dlg.getByTestId('field-legal_review_since').locator('input')
  await since.fill('2021-07-15')
  await since.press('Enter')
  await dlg.locator('.el-dialog__title').click()
  assert.match(await hint.innerText(), /2021-07-15不早于2021年7月15日/)
  await since.fill('2019-05-06')
  await since.press('Enter')
  await dlg.locator('.el-dialog__title').click()
  assert.match(await hint.innerText(), /不属于初次从事/)

  // without its evidence the day is refused beside the note field, and nothing is written
  let resp = page.waitForResponse((r) => r.url().endsWith(`/api/v1/officers/${o.id}`) && r.request().method() === 'PATCH')
  await page.getByTestId('officer-save').click()
  let r = await resp
  assert.equal(r.status(), 400)
  assert.equal(r.request().postDataJSON().legal_review_since, '2019-05-06')
  const noteErr = dlg.getByTestId('field-legal_review_note').locator('.el-form-item__error')
  await noteErr.waitFor()
  assert.match(await noteErr.innerText(), /应当填写依据/)
  assert.equal((await must('GET', `/officers/${o.id}`, { token })).legal_review_since, null)

  await dlg.locator('input[name=legal_review_note]').fill('西综执法审〔2019〕3号')
  resp = page.waitForResponse((r) => r.url().endsWith(`/api/v1/officers/${o.id}`) && r.request().method() === 'PATCH')
  await page.getByTestId('officer-save').click()
  r = await resp
  assert.equal(r.status(), 200)
  await dlg.waitFor({ state: 'hidden' })
  const saved = await must('GET', `/officers/${o.id}`, { token })
  assert.equal(saved.legal_review_since, '2019-05-06')
  assert.equal(saved.legal_review_note, '西综执法审〔2019〕3号')
  assert.equal(saved.legal_qualified, false)
})

test('officers: CSV import with an unknown agency reports the row and imports nothing', { skip: SKIP }, async () => {
  await page.goto(`${BASE}/officers`)
  await page.getByTestId('officer-import').click()
  const dlg = page.getByTestId('csv-dialog')
  await dlg.waitFor()
  const name = `导入人员${RUN}`
  await dlg.getByTestId('csv-text').fill(
    'agency_id,name,id_number,cert_no,cert_issued,cert_expires,legal_qualified,training_hours\n' +
      `no-such-agency-${RUN},${name},110105198001010011,X${RUN},2024-01-01,,false,10\n`,
  )
  await dlg.getByTestId('csv-submit').click()
  await dlg.getByTestId('csv-errors').waitFor()
  assert.ok((await dlg.getByTestId('csv-errors').innerText()).includes('agency_id'))
  assert.equal((await listAll(token, '/officers', { q: name })).length, 0)
})

test('desktop screenshot of the agencies page', { skip: SKIP }, async () => {
  await page.goto(`${BASE}/agencies`)
  await search(RUN)
  await page.getByTestId('agency-list').locator('.el-table__row').first().waitFor()
  assert.ok((await page.getByTestId('agency-list').locator('.el-table__row').count()) >= 2)
  await shoot(page, 'desktop-agencies.png')
})
