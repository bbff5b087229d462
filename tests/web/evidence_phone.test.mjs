// Evidence from a phone (390x844) into a demo case: a photo from the rear camera shows
// up in the case's evidence list with its thumbnail; a large video goes up in chunks
// with a progress bar, survives a chunk lost to the network, and arrives whole.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { BASE, SKIP, PHONE, launch, newPage, must, shoot } from './lib.mjs'

const DEMO_PASSWORD = 'Demo-2026!'
const OFFICER = 'demo-officer-zhzf'
const SCENE = readFileSync(new URL('../api/fixtures/scene-640x480.jpg', import.meta.url))
const sha256 = (b) => createHash('sha256').update(b).digest('hex')
let browser
let page
let token
let caseId

before(async () => {
  if (SKIP) return
  token = (await must('POST', '/auth/login', { body: { username: OFFICER, password: DEMO_PASSWORD } }, [200])).token
  const cases = await must('GET', '/cases?limit=1', { token }, [200])
  assert.ok(cases.items.length, 'the demo county has cases')
  caseId = cases.items[0].id
  browser = await launch()
  page = await newPage(browser, PHONE, { isMobile: true, hasTouch: true, deviceScaleFactor: 2 })
  await page.goto(`${BASE}/login`)
  await page.getByTestId('login-username').fill(OFFICER)
  await page.getByTestId('login-password').fill(DEMO_PASSWORD)
  await page.getByTestId('login-submit').click()
  await page.getByTestId('home').waitFor()
})
after(async () => {
  if (browser) await browser.close()
})

// The case's evidence as the API lists it.
async function caseEvidence() {
  return (await must('GET', `/evidence?case_id=${encodeURIComponent(caseId)}&limit=500`, { token }, [200])).items
}

test('phone: a photo from the rear camera goes into the case and its list shows the thumbnail', { skip: SKIP }, async () => {
  await page.goto(`${BASE}/evidence?case_id=${encodeURIComponent(caseId)}`)
  await page.getByTestId('evidence-page').waitFor()
  await page.getByTestId('evidence-add').click()
  const camera = page.getByTestId('evidence-file')
  assert.equal(await camera.getAttribute('accept'), 'image/*')
  assert.equal(await camera.getAttribute('capture'), 'environment', 'the rear camera')
  assert.equal(await page.getByTestId('evidence-case').inputValue(), caseId, 'the capture goes into the case of the page')
  const name = `现场照片-${Date.now()}.jpg`
  await camera.setInputFiles({ name, mimeType: 'image/jpeg', buffer: SCENE })
  await page.getByTestId('evidence-picked').getByText(name).waitFor()
  await page.getByTestId('evidence-submit').click()
  const card = page.getByTestId('evidence-list').getByTestId('card').filter({ hasText: name })
  await card.waitFor()
  const img = card.getByTestId('evidence-thumb')
  await img.waitFor()
  await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle())
  assert.equal(await img.evaluate((el) => el.naturalWidth), 256, 'the server\'s 256 px thumbnail')
  const ev = (await caseEvidence()).find((e) => e.filename === name)
  assert.equal(ev.sha256, sha256(SCENE))
  const { sw, iw } = await page.evaluate(() => ({ sw: document.scrollingElement.scrollWidth, iw: window.innerWidth }))
  assert.ok(sw <= iw, `no sideways scrolling (${sw} > ${iw})`)
  await shoot(page, 'evidence-phone-list.png')
})

test('phone: a 2.5 MB video goes up in chunks with a progress bar and resumes after a lost chunk', { skip: SKIP }, async () => {
  const bytes = randomBytes(2.5 * 1024 * 1024)
  const name = `执法记录-${Date.now()}.mp4`
  let patches = 0
  let cut = 0
  // the network drops the second chunk: the request never reaches the server
  await page.route('**/api/v1/evidence-uploads/*', async (route) => {
    if (route.request().method() === 'PATCH' && ++patches === 2) {
      cut++
      await route.abort('connectionreset')
      return
    }
    await route.continue()
  })
  await page.getByTestId('evidence-add').click()
  await page.getByTestId('evidence-file-any').setInputFiles({ name, mimeType: 'video/mp4', buffer: bytes })
  await page.getByTestId('evidence-submit').click()
  await page.getByTestId('evidence-progress').waitFor()
  await page.getByTestId('evidence-retry').waitFor()
  assert.match(await page.getByTestId('evidence-retry').innerText(), /网络中断/)
  await shoot(page, 'evidence-phone-resume.png')
  const card = page.getByTestId('evidence-list').getByTestId('card').filter({ hasText: name })
  await card.waitFor({ timeout: 30000 })
  await page.unroute('**/api/v1/evidence-uploads/*')
  assert.equal(cut, 1)
  assert.ok(patches >= 6, `five chunks of 512 KiB and the retried one (${patches} PATCHes)`)
  const ev = (await caseEvidence()).find((e) => e.filename === name)
  assert.equal(ev.sha256, sha256(bytes), 'the whole file, once')
  assert.equal(ev.size, bytes.length)
  assert.equal(ev.case_id, caseId)
  assert.equal(await card.getByTestId('evidence-thumb').count(), 0, 'a video has no thumbnail')
  assert.equal(await page.evaluate(() => localStorage.getItem('zhifa.uploads')), '{}', 'the finished upload is forgotten')
})
