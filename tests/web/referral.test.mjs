// Referral of jurisdiction (移送管辖) in the browser, on the demo county: the head opens
// the step, picks the receiving agency from those the server would accept (the place's
// agencies, claimants first), gives the reason, and the case shows it was referred; the
// receiving agency's new lead says where it came from.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { BASE, SKIP, RUN, launch, newPage, must } from './lib.mjs'

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

async function login(page, username) {
  await page.goto(`${BASE}/login`)
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(DEMO_PASSWORD)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('home').waitFor()
}

test('the receiving head sees what came with a referral and returns it with a reason (退回移送); the referring case is back where it was', { skip: SKIP }, async () => {
  // a market-supervision matter found by the comprehensive agency
  const body = Object.fromEntries(['party_id', 'source', 'place_region', 'place', 'violation_date', 'discovery_date', 'facts'].filter((k) => lead[k] != null).map((k) => [k, lead[k]]))
  const mine = await must('POST', '/cases', { token: headToken, body: { ...body, item_code: 'SC000003', cause: '销售不符合食品安全标准的食品' } }, [201])
  const targets = (await must('GET', `/cases/${mine.id}/referral-targets`, { token: headToken }, [200])).items
  const scjg = targets.find((a) => a.name.includes('柯城区市场监督管理局'))
  assert.ok(scjg, `the demo county's 市场监管 holds the place: ${JSON.stringify(targets)} ${JSON.stringify(body)}`)
  const referred = await must('POST', `/cases/${mine.id}/actions/refer_jurisdiction`, { token: headToken, body: { to_agency_id: scjg.id, reason: '属市场监管职责' } }, [200])

  const page = await newPage(browser)
  await login(page, 'demo-head-scjg')
  await page.goto(`${BASE}/cases/${referred.referred_to}`)
  const card = page.getByTestId('referral')
  await card.waitFor()
  assert.match(await card.innerText(), /本线索由.*综合行政执法局移送/)
  await page.getByTestId('action-return_referral').click()
  const dlg = page.getByTestId('action-dialog')
  await dlg.getByTestId('field-reason').locator('textarea, input').first().fill('经核查不属于本局职责，退回移送机关')
  await dlg.getByTestId('action-submit').click()
  await page.waitForFunction(() => document.querySelector('[data-testid="case-state"]').textContent.includes('已退回移送'))
  await page.context().close()

  const back = await must('GET', `/cases/${mine.id}`, { token: headToken }, [200])
  assert.equal(back.state, 'lead')
  assert.equal(back.referral_returned_reason, '经核查不属于本局职责，退回移送机关')
  const p2 = await newPage(browser)
  await login(p2, 'demo-head-zhzf')
  await p2.goto(`${BASE}/cases/${mine.id}`)
  const ret = p2.getByTestId('referral-returned')
  await ret.waitFor()
  assert.match(await ret.innerText(), /市场监督管理局.*退回移送.*经核查不属于本局职责/)
  await p2.context().close()
})

test('the 综合执法办 (no case_read) fans a ticket out, finding the party by the registry search', { skip: SKIP }, async () => {
  const page = await newPage(browser)
  await login(page, 'demo-catalog')
  await page.getByTestId('nav-fanout').click()
  await page.getByTestId('fanout-page').waitFor()
  const ref = `12345-C${RUN}`
  await page.getByTestId('field-reference').locator('input').fill(ref)
  // the party is searched by name, as the case agencies do: no id to copy from elsewhere
  const party = page.getByTestId('field-party').locator('.el-select')
  await party.click()
  await party.locator('input').fill('徐某某')
  const option = page.locator('.el-select-dropdown__item:visible').filter({ hasText: '徐某某' })
  await option.first().waitFor()
  await option.first().click()
  await page.getByTestId('field-place').fill('衢州市柯城区府山街道坊门街')
  await page.getByTestId('field-facts').fill('市民来电反映：店外占道经营，且售卖无证食品。')
  const rows = page.getByTestId('fanout-row')
  for (const [i, agency, code, cause] of [[0, '衢州市柯城区综合行政执法局', 'CG000017', '店外占道经营'], [1, '衢州市柯城区市场监督管理局', 'SC000001', '未取得食品经营许可从事食品经营']]) {
    for (const [tid, text, type] of [['fanout-agency', agency, agency], ['fanout-item', code, code]]) {
      const sel = rows.nth(i).getByTestId(tid).locator('.el-select')
      await sel.click()
      await sel.locator('input').fill(type)
      const o = page.locator('.el-select-dropdown__item:visible').filter({ hasText: text })
      await o.first().waitFor()
      await page.waitForFunction((t) => [...document.querySelectorAll('.el-select-dropdown__item')].filter((e) => e.offsetParent).every((e) => e.textContent.includes(t)), text)
      await o.first().click()
    }
    await rows.nth(i).getByTestId('fanout-cause').locator('input').fill(cause)
  }
  await page.getByTestId('fanout-submit').click()
  const done = page.getByTestId('fanout-done')
  await done.waitFor()
  assert.equal((await done.getByTestId('fanout-lead').allInnerTexts()).length, 2)
  assert.equal(await done.locator('[data-testid="fanout-lead"] a').count(), 0, 'no link into cases it cannot read')
  await page.context().close()
  const ticket = (await must('GET', `/leads/fanout/${ref}`, { token: (await must('POST', '/auth/login', { body: { username: 'demo-catalog', password: DEMO_PASSWORD } }, [200])).token }, [200]))
  assert.equal(ticket.leads.length, 2)
})
