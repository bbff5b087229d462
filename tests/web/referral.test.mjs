// Referral of jurisdiction (移送管辖) in the browser, on the demo county: the head opens
// the step, picks the receiving agency from those the server would accept (the place's
// agencies, claimants first), gives the reason, and the case shows it was referred; the
// receiving agency's new lead says where it came from.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, SKIP, launch, newPage, must } from './lib.mjs'

const DEMO_PASSWORD = 'Demo-2026!'
let browser
let headToken
let lead

before(async () => {
  if (SKIP) return
  headToken = (await must('POST', '/auth/login', { body: { username: 'demo-head-zhzf', password: DEMO_PASSWORD } }, [200])).token
  // a lead of its own, shaped like a demo lead (the other browser tests take the demo's)
  const some = (await must('GET', '/cases?state=lead', { token: headToken }, [200])).items[0]
  assert.ok(some, 'a demo lead')
  const fields = ['party_id', 'item_code', 'cause', 'source', 'place_region', 'place', 'violation_date', 'discovery_date', 'facts']
  lead = await must('POST', '/cases', { token: headToken, body: Object.fromEntries(fields.filter((k) => some[k] != null).map((k) => [k, some[k]])) }, [201])
  browser = await launch()
})
after(async () => {
  if (browser) await browser.close()
})

test('the head refers a lead to an agency with jurisdiction through the form; the receiver\'s lead names it', { skip: SKIP }, async () => {
  const targets = (await must('GET', `/cases/${lead.id}/referral-targets`, { token: headToken }, [200])).items
  assert.ok(targets.length >= 1, 'the demo county has another agency holding the place')
  const page = await newPage(browser)
  await page.goto(`${BASE}/login`)
  await page.getByTestId('login-username').fill('demo-head-zhzf')
  await page.getByTestId('login-password').fill(DEMO_PASSWORD)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('home').waitFor()
  await page.goto(`${BASE}/cases/${lead.id}`)
  await page.getByTestId('case-page').waitFor()
  await page.getByTestId('action-refer_jurisdiction').click()
  const dlg = page.getByTestId('action-dialog')
  const pick = dlg.getByTestId('field-to_agency_id')
  await pick.waitFor()

  // without an agency the form names the field before sending anything
  await dlg.getByTestId('field-reason').locator('textarea, input').first().fill('违法行为属市场监管职责，依法移送')
  await dlg.getByTestId('action-submit').click()
  await pick.locator('.el-form-item__error').waitFor()

  await pick.locator('.el-select').click()
  const option = page.locator('.el-select-dropdown__item:visible').filter({ hasText: targets[0].name })
  await option.first().click()
  await dlg.getByTestId('action-submit').click()
  await page.waitForFunction(() => document.querySelector('[data-testid="case-state"]').textContent.includes('已移送管辖'))
  assert.match(await page.getByTestId('timeline-step').last().innerText(), /移送管辖[\s\S]*线索 → 已移送管辖/)

  const view = await must('GET', `/cases/${lead.id}`, { token: headToken }, [200])
  assert.equal(view.referred_to_agency, targets[0].name)
  // the receiving lead is the receiver's, not the head's
  await must('GET', `/cases/${view.referred_to}`, { token: headToken }, [404])
  await page.context().close()
})
