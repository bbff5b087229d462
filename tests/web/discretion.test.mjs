// The 裁量基准 page against the demo county: the food-licensing benchmark's rules are
// shown as a table, and its evaluate form answers one of the table's own worked
// examples (a shop with 8,000 yuan of goods that did not correct: 一般处罚).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, SKIP, launch, newPage, uiLogin, shoot } from './lib.mjs'

let browser

before(async () => {
  if (!SKIP) browser = await launch()
})
after(async () => {
  if (browser) await browser.close()
})

test('discretion: a demo table’s rules and its evaluate form give the worked example’s rule and range', { skip: SKIP }, async () => {
  const page = await newPage(browser)
  await uiLogin(page)
  await page.getByTestId('home').waitFor()
  await page.getByTestId('side-menu').getByText('裁量基准').click()
  await page.getByTestId('discretion-page').waitFor()
  await page.getByTestId('discretion-list').locator('.el-table__row', { hasText: 'SC000001' }).click()
  const rules = page.getByTestId('discretion-rules')
  await rules.locator('.el-table__row', { hasText: 'np-33-1' }).waitFor()
  assert.match(await rules.innerText(), /不予处罚/)
  assert.match(await rules.innerText(), /《中华人民共和国行政处罚法》第三十三条第一款前段/)

  const amount = page.getByTestId('input-goods_value_fen').locator('input')
  await amount.fill('800000')
  await amount.press('Tab')
  await page.getByTestId('eval-submit').click()
  const res = page.getByTestId('eval-result')
  await res.waitFor()
  assert.match(await page.getByTestId('eval-rule').innerText(), /adult-uncorrected-t1（2024\.1）/)
  assert.match(await page.getByTestId('eval-range').innerText(), /65,000\.00 – 85,000\.00/)
  assert.match(await res.innerText(), /一般处罚/)
  assert.match(await res.innerText(), /中华人民共和国食品安全法/)
  await res.scrollIntoViewIfNeeded()
  await shoot(page, 'desktop-discretion.png')
  await page.context().close()
})
