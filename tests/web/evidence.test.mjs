// The evidence center in the browser: an officer photographs evidence (the file input
// asks for the rear camera on a phone), sees its digest, and its custody history.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { BASE, SKIP, RUN, launch, newPage, adminToken, seed, must } from './lib.mjs'

let browser
let page
let data
const PASSWORD = 'Evid-pass-2026'
const username = `ev_${RUN.toLowerCase()}`

before(async () => {
  if (SKIP) return
  const token = await adminToken()
  data = await seed(token)
  await must('POST', '/users', {
    token,
    body: { username, display_name: '取证员', role: 'officer', agency_id: data.agency.id, password: PASSWORD },
  })
  browser = await launch()
  page = await newPage(browser)
  await page.goto(`${BASE}/login`)
  await page.getByTestId('login-username').fill(username)
  await page.getByTestId('login-password').fill(PASSWORD)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('home').waitFor()
})
after(async () => {
  if (browser) await browser.close()
})

test('evidence: upload from the camera input, digest shown, custody lists the upload and the view', { skip: SKIP }, async () => {
  await page.getByTestId('side-menu').getByText('证据中心').click()
  await page.getByTestId('evidence-page').waitFor()
  await page.getByTestId('evidence-add').click()
  const input = page.getByTestId('evidence-file')
  assert.equal(await input.getAttribute('capture'), 'environment')
  assert.match(await input.getAttribute('accept'), /image\/\*/)
  const bytes = Buffer.concat([Buffer.from('ffd8ffe000104a464946', 'hex'), randomBytes(2048)])
  await input.setInputFiles({ name: `现场${RUN}.jpg`, mimeType: 'image/jpeg', buffer: bytes })
  await page.getByTestId('evidence-case').fill(`C-${RUN}`)
  await page.getByTestId('evidence-submit').click()
  const row = page.getByTestId('evidence-list').locator('.el-table__row', { hasText: `现场${RUN}.jpg` })
  await row.waitFor()
  await row.click()
  const digest = page.getByTestId('evidence-digest')
  await digest.waitFor()
  assert.equal(await digest.innerText(), createHash('sha256').update(bytes).digest('hex'))
  const custody = page.getByTestId('evidence-custody')
  await custody.getByText('查看').waitFor()
  assert.match(await custody.innerText(), /上传 · ev_/)
})
