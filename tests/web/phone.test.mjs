// The app on a phone (390x844): drawer menu, card lists, single-column forms.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, SKIP, PHONE, launch, newPage, uiLogin, shoot, adminToken, seed } from './lib.mjs'

let browser
let data
let page

before(async () => {
  if (SKIP) return
  data = await seed(await adminToken())
  browser = await launch()
  page = await newPage(browser, PHONE, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 })
  await uiLogin(page)
  await page.getByTestId('home').waitFor()
})
after(async () => {
  if (browser) await browser.close()
})

async function noSideways() {
  const { sw, iw } = await page.evaluate(() => ({
    sw: document.scrollingElement.scrollWidth,
    iw: window.innerWidth,
  }))
  assert.ok(sw <= iw, `page is ${sw}px wide in a ${iw}px viewport`)
}

test('phone: no side menu; the menu button opens a drawer with the pages and the user', { skip: SKIP }, async () => {
  assert.equal(await page.getByTestId('side-menu').count(), 0, 'no side menu on a phone')
  const drawer = page.locator('.zf-drawer')
  assert.equal(await drawer.isVisible(), false)
  await page.getByTestId('menu-toggle').click()
  await drawer.waitFor()
  for (const name of ['首页', '行政区划', '执法主体', '执法人员']) {
    assert.ok(await drawer.getByText(name, { exact: true }).isVisible(), `${name} in the drawer`)
  }
  assert.match(await page.getByTestId('drawer-user').innerText(), /系统管理员/)
  const box = await drawer.boundingBox()
  assert.ok(box.width < PHONE.width, 'the drawer leaves part of the page visible')
  await shoot(page, 'phone-drawer.png')
  await drawer.getByText('执法人员', { exact: true }).click()
  await drawer.waitFor({ state: 'hidden' })
  assert.equal(new URL(page.url()).pathname, '/officers')
})

test('phone: the officer list is a list of cards that fits the screen', { skip: SKIP }, async () => {
  await page.getByTestId('officers-page').waitFor()
  await page.getByTestId('filter-q').fill(data.officer.name)
  await page.getByTestId('filter-search').click()
  const card = page.getByTestId('officer-list').getByTestId('card').filter({ hasText: data.officer.name })
  await card.waitFor()
  assert.equal(await page.getByTestId('officer-list').locator('.el-table').count(), 0, 'cards, not a table')
  const text = await card.innerText()
  assert.ok(text.includes(data.officer.id_number) && !text.includes(data.idNumber))
  assert.ok(text.includes(data.agency.name))
  const box = await card.boundingBox()
  assert.ok(box.x >= 0 && box.x + box.width <= PHONE.width, 'card within the screen')
  await noSideways()
  await shoot(page, 'phone-officers.png')
})

test('phone: agencies list as cards; the create form is full-screen with labels above fields', { skip: SKIP }, async () => {
  await page.goto(`${BASE}/agencies`)
  await page.getByTestId('filter-q').fill(data.agency.name)
  await page.getByTestId('filter-search').click()
  await page.getByTestId('agency-list').getByTestId('card').filter({ hasText: data.agency.uscc }).waitFor()
  await noSideways()
  await shoot(page, 'phone-agencies.png')

  await page.getByTestId('agency-add').click()
  const dlg = page.locator('.el-dialog.is-fullscreen', { has: page.getByTestId('field-uscc') })
  await dlg.waitFor()
  const d = await dlg.boundingBox()
  assert.ok(d.width >= PHONE.width - 1, 'dialog uses the whole width')
  const item = dlg.getByTestId('field-uscc')
  const label = await item.locator('.el-form-item__label').boundingBox()
  const input = await item.locator('input').boundingBox()
  assert.ok(label.y + label.height <= input.y + 1, 'label above the input (one column)')
  assert.ok(input.width > PHONE.width * 0.7, 'input spans the screen')
  await shoot(page, 'phone-agency-form.png')
})
