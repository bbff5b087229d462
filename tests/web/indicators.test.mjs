// The reform-indicator dashboard (改革指标) and the coverage page (认领覆盖) on the demo
// county: the ECharts pyramid and bars render (a canvas with pixels drawn), and every
// value shown equals the API's answer for the same region and date.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, SKIP, launch, newPage, uiLogin, shoot, adminToken, must } from './lib.mjs'

const COUNTY = '330802'
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

const today = () => new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10)
const pct = (v) => `${(v * 100).toFixed(2)}%`

test('indicator dashboard: the charts render and the cards show the API\'s values', { skip: SKIP }, async () => {
  const page = await newPage(browser)
  await uiLogin(page)
  await page.getByTestId('home').waitFor()
  await page.getByTestId('side-menu').getByText('改革指标').click()
  await page.getByTestId('indicators-page').waitFor()
  await page.getByTestId('indicators-region').fill(COUNTY)
  const resp = page.waitForResponse((r) => r.url().includes('/api/v1/indicators/breakdown'))
  await page.getByTestId('indicators-load').click()
  await resp
  const want = await must('GET', `/indicators?region_code=${COUNTY}&date=${today()}`, { token })
  for (const [k, v] of Object.entries(want)) {
    const card = page.getByTestId(`indicator-${k}`)
    assert.equal((await card.getByTestId('indicator-value').innerText()).trim(), pct(v.value), k)
    assert.equal((await card.getByTestId('indicator-ratio').innerText()).trim(), `${v.numerator} / ${v.denominator}`, k)
    assert.equal((await card.getByTestId('indicator-met').innerText()).trim(), v.met ? '达标' : '未达标', k)
  }
  assert.ok(want.township_match_rate.denominator > 0, 'the demo has delegated township items')
  for (const id of ['chart-pyramid', 'chart-bars']) {
    const canvas = page.getByTestId(id).locator('canvas')
    await canvas.first().waitFor()
    const drawn = await canvas.first().evaluate((c) => {
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data
      let n = 0
      for (let i = 3; i < d.length; i += 4) if (d[i]) n++
      return n
    })
    assert.ok(drawn > 1000, `${id}: ${drawn} pixels drawn`)
  }
  await shoot(page, 'indicators-dashboard.png')
})

test('coverage page: the demo county has unclaimed and overclaimed items, as the API says', { skip: SKIP }, async () => {
  const page = await newPage(browser)
  await uiLogin(page)
  await page.getByTestId('home').waitFor()
  await page.getByTestId('side-menu').getByText('认领覆盖').click()
  await page.getByTestId('coverage-page').waitFor()
  await page.getByTestId('coverage-region').fill(COUNTY)
  const resp = page.waitForResponse((r) => r.url().includes('/api/v1/catalog/coverage?'))
  await page.getByTestId('coverage-load').click()
  const body = await (await resp).json()
  assert.ok(body.unclaimed.length > 0 && body.overclaimed.length > 0, JSON.stringify([body.unclaimed.length, body.overclaimed.length]))
  await page.getByTestId('coverage-unclaimed').locator('.el-table__row').first().waitFor()
  const rows = await page.getByTestId('coverage-unclaimed').locator('.el-table__row').count()
  assert.equal(rows, body.unclaimed.length)
  await page.getByText(`多头管（多个主体认领） (${body.overclaimed.length})`).click()
  const first = await page.getByTestId('coverage-overclaimed').locator('.el-table__row').first().innerText()
  assert.ok(first.includes('衢州市市场监督管理局'), first)
  await shoot(page, 'coverage.png')
})

// The filters go to the server: the request carries them, the tabs show the filtered
// totals the API answers for the same query, every row passes, and the XLSX export is
// asked for the same filters.
test('coverage page: level and domain filters are the server\'s, with its filtered totals and export', { skip: SKIP }, async () => {
  const page = await newPage(browser)
  await uiLogin(page)
  await page.getByTestId('home').waitFor()
  await page.getByTestId('side-menu').getByText('认领覆盖').click()
  await page.getByTestId('coverage-page').waitFor()
  await page.getByTestId('coverage-region').fill(COUNTY)
  const pick = async (testid, label) => {
    await page.getByTestId(testid).click()
    await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click()
  }
  await pick('coverage-level', '县（区）')
  await pick('coverage-domain', '市场监管')
  const resp = page.waitForResponse((r) => r.url().includes('/api/v1/catalog/coverage?'))
  await page.getByTestId('coverage-load').click()
  const res = await resp
  const url = new URL(res.url())
  assert.equal(url.searchParams.get('level'), 'county')
  assert.equal(url.searchParams.get('domain'), '市场监管')
  const body = await res.json()
  const want = await must('GET', `/catalog/coverage?region_code=${COUNTY}&as_of=${today()}&level=county&domain=${encodeURIComponent('市场监管')}`, { token })
  const all = await must('GET', `/catalog/coverage?region_code=${COUNTY}&as_of=${today()}`, { token })
  assert.equal(body.unclaimed_total, want.unclaimed_total)
  assert.equal(body.overclaimed_total, want.overclaimed_total)
  assert.ok(want.overclaimed_total > 0, 'the demo\'s 多头管 are 市场监管 county items')
  assert.ok(want.unclaimed_total + want.overclaimed_total < all.unclaimed_total + all.overclaimed_total, 'the filter narrows the totals')
  await page.getByText(`三不管（无人认领） (${want.unclaimed_total})`).waitFor()
  await page.getByText(`多头管（多个主体认领） (${want.overclaimed_total})`).waitFor()
  const count = (await page.getByTestId('coverage-count').innerText()).trim()
  assert.equal(count, `已加载 ${body.unclaimed.length + body.overclaimed.length} 条，筛选后共 ${want.unclaimed_total + want.overclaimed_total} 条`)
  const rows = page.getByTestId('coverage-unclaimed').locator('.el-table__row')
  assert.equal(await rows.count(), body.unclaimed.length)
  for (const text of await rows.allInnerTexts()) {
    assert.match(text, /^SC\d{6}/, text)
    assert.ok(text.includes('县（区）'), text)
  }
  const xlsx = page.waitForResponse((r) => r.url().includes('/api/v1/catalog/coverage.xlsx?'))
  await page.getByTestId('coverage-export').click()
  const x = await xlsx
  assert.equal(x.status(), 200)
  assert.equal(new URL(x.url()).searchParams.get('level'), 'county')
  assert.equal(new URL(x.url()).searchParams.get('domain'), '市场监管')
  await shoot(page, 'coverage-filtered.png')
})
