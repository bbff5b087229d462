// `zhifa demo`: the demo county 浙江省衢州市柯城区 built twice on a fresh database, read
// back through the API with each demo role.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { startServer, call, login, zhifa, uscc } from './lib.mjs';

const COUNTY = '330802';
let s;
let first;
let second;
let accounts; // [{ username, role }]
let password;

// Every item of a list, following next_cursor.
async function all(path, token = s.token) {
  const items = [];
  let cursor = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const r = await call(s, 'GET', `${path}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, undefined, { token });
    assert.equal(r.status, 200, r.text);
    items.push(...r.body.items);
    cursor = r.body.next_cursor;
  } while (cursor);
  return items;
}

async function counts() {
  return {
    regions: (await all('/api/v1/regions')).length,
    agencies: (await all('/api/v1/agencies')).length,
    officers: (await all('/api/v1/officers')).length,
    catalog: (await all('/api/v1/catalog/items')).length,
  };
}

function idNumberOk(n) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  if (!/^\d{17}[\dX]$/.test(n)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(n[i]) * w[i];
  return '10X98765432'[sum % 11] === n[17];
}

before(async () => {
  s = await startServer('demo');
  first = zhifa(['demo', '--db', s.db.url, '--data-dir', s.dataDir]);
  const c1 = await counts();
  second = zhifa(['demo', '--db', s.db.url, '--data-dir', s.dataDir]);
  s.counts = [c1, await counts()];
  password = first.match(/password (\S+);/)[1];
  accounts = [...first.matchAll(/^ {2}(demo-\S+)\s+(\S+)/gm)].map((m) => ({ username: m[1], role: m[2] }));
});
after(async () => { await s.stop(); });

test('demo: a second run adds nothing and says so', () => {
  assert.deepEqual(s.counts[1], s.counts[0]);
  assert.match(second, /regions\s+0 new/);
  assert.match(second, /agencies\s+0 new,\s+0 updated/);
  assert.match(second, /officers\s+0 new,\s+0 updated/);
  assert.match(second, /accounts\s+0 new/);
  assert.match(second, /catalog\s+0 new,\s+0 updated,\s+\d+ unchanged/);
  assert.match(first, /changes\s+1 new/);
  assert.match(second, /changes\s+0 new/);
});

test('demo: a catalog of 300+ items in 8+ domains, each citing a law and an article, with the reform\'s shares met', async () => {
  const items = await all('/api/v1/catalog/items');
  assert.ok(items.length >= 300, `${items.length} items`);
  assert.ok(new Set(items.map((i) => i.domain)).size >= 8);
  for (const i of items) {
    assert.ok(i.legal_basis.length >= 1 && i.legal_basis.every((b) => b.law && /^第.+条/.test(b.article)), i.code);
  }
  assert.ok(items.some((i) => i.legal_basis.some((b) => b.law === '中华人民共和国大气污染防治法' && b.article === '第九十九条')));
  assert.ok(items.some((i) => i.legal_basis.some((b) => b.law === '城市市容和环境卫生管理条例' && b.article === '第三十四条')));
  // domain.md §A: penalty items at city and county level under comprehensive enforcement
  // >= 20%; township items >= 25% of the penalty items (the default denominator)
  const penalty = items.filter((i) => i.kind === 'penalty');
  const cityCounty = penalty.filter((i) => i.level === 'city' || i.level === 'county');
  assert.ok(cityCounty.filter((i) => i.mode === 'comprehensive').length / cityCounty.length >= 0.20);
  assert.ok(penalty.filter((i) => i.level === 'township').length / penalty.length >= 0.25);
  // one transfer to comprehensive enforcement waits for a second pair of eyes
  const pending = await s.api('GET', '/api/v1/catalog/changes?status=proposed');
  assert.deepEqual(pending.body.items.map((c) => [c.action, c.proposed_by]), [['transfer', 'demo-catalog']]);
  const search = await s.api('GET', `/api/v1/catalog/items?q=${encodeURIComponent('油烟')}`);
  assert.ok(search.body.items.length >= 1 && search.body.items.every((i) => /油烟/.test(i.name)), search.text);
});

test('demo: the county sits under 衢州市 and 浙江省; its townships under it, with NBS codes', async () => {
  const county = (await s.api('GET', `/api/v1/regions/${COUNTY}`)).body;
  assert.deepEqual([county.name, county.level, county.parent_code], ['柯城区', 'county', '330800']);
  const city = (await s.api('GET', '/api/v1/regions/330800')).body;
  assert.deepEqual([city.name, city.level, city.parent_code], ['衢州市', 'city', '330000']);
  const townships = await all(`/api/v1/regions?parent_code=${COUNTY}`);
  assert.equal(townships.length, 18);
  for (const t of townships) {
    assert.equal(t.level, 'township');
    assert.match(t.code, /^330802\d{3}000$/);
    const ttt = Number(t.code.slice(6, 9));
    if (t.name.endsWith('街道')) assert.ok(ttt >= 1 && ttt <= 99, t.code);
    else if (t.name.endsWith('镇')) assert.ok(ttt >= 100 && ttt <= 199, t.code);
    else { assert.ok(t.name.endsWith('乡'), t.name); assert.ok(ttt >= 200 && ttt <= 399, t.code); }
  }
  assert.ok(townships.some((t) => t.name === '府山街道'));
});

test('demo: agencies: one comprehensive bureau, departmental bureaus, a squad per township, valid USCCs', async () => {
  const agencies = await all('/api/v1/agencies');
  const townships = await all(`/api/v1/regions?parent_code=${COUNTY}`);
  assert.ok(agencies.length >= 10);
  assert.equal(agencies.filter((a) => a.kind === 'comprehensive').length, 1);
  assert.ok(agencies.filter((a) => a.kind === 'departmental').length >= 9);
  const squads = agencies.filter((a) => a.kind === 'township');
  assert.deepEqual(squads.map((a) => a.region_code).sort(), townships.map((t) => t.code).sort());
  for (const a of agencies) {
    assert.equal(uscc(a.uscc.slice(0, 17)), a.uscc, a.name);
    assert.equal(a.uscc.slice(0, 8), `11${COUNTY}`);
  }
  assert.equal(new Set(agencies.map((a) => a.uscc)).size, agencies.length);
  assert.ok(agencies.some((a) => a.domain === '市场监管'));
});

test('demo: at least 300 officers, valid ID numbers, and the reform\'s staff pyramid', async () => {
  const officers = await all('/api/v1/officers?reveal=id_number');
  assert.ok(officers.length >= 300, `${officers.length}`);
  assert.equal(officers.filter((o) => idNumberOk(o.id_number)).length, officers.length);
  assert.equal(new Set(officers.map((o) => o.id_number)).size, officers.length);
  assert.equal(new Set(officers.map((o) => o.cert_no)).size, officers.length);
  const township = officers.filter((o) => o.region_code.length === 12).length;
  const countyAndBelow = officers.filter((o) => o.region_code.length === 12 || !o.region_code.endsWith('00')).length;
  assert.ok(township / officers.length >= 0.5, `township share ${township}/${officers.length}`);
  assert.ok(countyAndBelow / officers.length >= 0.85, `county and below ${countyAndBelow}/${officers.length}`);
  const legal = officers.filter((o) => o.legal_qualified).length;
  assert.ok(legal > 0 && legal < officers.length / 4);
  assert.ok(officers.some((o) => o.status === 'suspended') && officers.some((o) => o.status === 'revoked'));
  for (const o of officers) assert.ok(o.training_hours >= 20 && o.training_hours <= 90);
});

test('demo: every demo role signs in with the printed password and sees what its scope allows', async () => {
  const roles = new Set(accounts.map((a) => a.role));
  for (const r of ['supervisor', 'catalog_admin', 'agency_head', 'legal_reviewer', 'officer', 'auditor']) assert.ok(roles.has(r), r);
  assert.ok(accounts.filter((a) => a.role === 'officer').length >= 2);
  const agencies = await all('/api/v1/agencies');
  const market = agencies.find((a) => a.domain === '市场监管' && a.region_code === COUNTY);
  for (const { username, role } of accounts) {
    const r = await login(s, username, password);
    assert.equal(r.status, 200, `${username}: ${r.text}`);
    const seen = await all('/api/v1/agencies', r.body.token);
    if (['supervisor', 'catalog_admin', 'auditor'].includes(role)) {
      // their scope is the county: the city bureau (衢州市市场监督管理局) lies outside it
      assert.equal(seen.length, agencies.filter((a) => a.region_code.startsWith(COUNTY)).length, username);
    } else {
      assert.equal(seen.length, 1, username);
    }
    if (username === 'demo-officer-scjg' || username === 'demo-head-scjg') {
      assert.deepEqual(seen.map((a) => a.id), [market.id], username);
      const os = await all('/api/v1/officers', r.body.token);
      assert.ok(os.length > 0 && os.every((o) => o.agency_id === market.id), username);
      // ID numbers are masked for everyone; the agency head may ask to reveal them
      assert.ok(os.every((o) => o.id_number.includes('*')), username);
      const rv = await call(s, 'GET', `/api/v1/officers/${os[0].id}?reveal=id_number`, undefined, { token: r.body.token });
      assert.equal(rv.status, role === 'officer' ? 403 : 200, username);
    }
    if (username === 'demo-officer-fushan') assert.equal(seen[0].region_code, '330802006000');
    if (role === 'officer') {
      const w = await call(s, 'POST', '/api/v1/agencies', { name: 'x', uscc: market.uscc, region_code: COUNTY, kind: 'departmental' }, { token: r.body.token });
      assert.equal(w.status, 403, username);
    }
  }
  // the admin's password is not the demo one
  assert.equal((await login(s, 'admin', password)).status, 401);
});

// The states of the case model, read from the enum itself (src/domain/case.h), so that a
// state added there and missing from the demo fails here.
function caseStates() {
  const h = readFileSync(new URL('../../src/domain/case.h', import.meta.url), 'utf8');
  const body = h.slice(h.indexOf('enum case_state {'), h.indexOf('CASE_STATE__COUNT'));
  return [...body.matchAll(/^\s*CASE_([A-Z_]+),/gm)].map((m) => m[1].toLowerCase()).filter((n) => n !== 'state_none');
}

// The instrument each step makes (src/api/cases.c step_docs; a record makes its 笔录).
const STEP_DOC = {
  file_case: ['case_filing'], preserve_evidence: ['preservation_notice'], decide_preserved_evidence: ['preservation_decision'],
  issue_prior_notice: ['prior_notice'], reissue_prior_notice: ['prior_notice'], schedule_hearing: ['hearing_notice'],
  hold_hearing: ['hearing_record'], record_legal_review: ['legal_review'], record_collective_discussion: ['collective_discussion'],
  decide_penalty: ['decision', 'evidence_inventory'], serve_decision: ['service_receipt'], decide_on_the_spot: ['onspot_decision'],
  close_case: ['closing_report'], refer_jurisdiction: ['referral_letter'], issue_demand: ['demand_notice'],
};
const RECORD_DOC = { inspection: 'inspection_record', inquiry: 'inquiry_record' };

test('demo: every state of both procedures, in 综合行政执法局 and 市场监管局, each case with the documents its steps made', async () => {
  const made = Number(first.match(/cases\s+(\d+) new/)[1]);
  assert.match(second, new RegExp(`cases\\s+0 new,\\s+0 updated,\\s+${made} unchanged`));
  const zhzf = (await login(s, 'demo-head-zhzf', password)).body.token;
  const scjg = (await login(s, 'demo-head-scjg', password)).body.token;
  const zc = await all('/api/v1/cases', zhzf);
  const sc = await all('/api/v1/cases', scjg);
  // each referral (refer_jurisdiction) also made the receiving agency's lead; a returned
  // one (退回移送) left its lead returned and the referring case where it was
  const referrals = [...zc, ...sc].filter((c) => c.state === 'referred' || c.state === 'referral_returned');
  assert.equal(zc.length + sc.length, made + referrals.length);
  assert.ok(sc.some((c) => c.state === 'lead' && c.source === 'referral'), 'the referred lead at 市场监管');
  assert.ok(zc.some((c) => c.state === 'referral_returned' && c.source === 'referral'), 'the lead 综合执法 returned');
  assert.ok(sc.some((c) => c.referral_returned_by === '衢州市柯城区综合行政执法局' && c.state === 'lead'), '… back at 市场监管');
  assert.ok(zc.every((c) => c.agency_name === '衢州市柯城区综合行政执法局'));
  assert.ok(sc.every((c) => c.agency_name === '衢州市柯城区市场监督管理局'), sc.map((c) => c.agency_name).join());
  const states = new Set([...zc, ...sc].map((c) => c.state));
  for (const st of caseStates()) assert.ok(states.has(st), `no demo case in state ${st}`);
  // 移送规定 Art 5: without the special group's report the transfer is refused
  const review = zc.find((c) => c.state === 'review');
  const t = await call(s, 'POST', `/api/v1/cases/${review.id}/actions/transfer_criminal`, { reason: '涉嫌犯罪' }, { token: zhzf });
  assert.equal(t.status, 409, t.text);
  assert.ok(t.body.unmet.some((u) => u.code === 'transfer_report_made'), t.text);
  const one = await call(s, 'POST', `/api/v1/cases/${review.id}/actions/transfer_criminal`,
    { reason: '涉嫌犯罪', transfer_report: '报告', report_officers: [(await call(s, 'GET', `/api/v1/cases/${review.id}`, undefined, { token: zhzf })).body.investigators.split(',')[0]] }, { token: zhzf });
  assert.equal(one.status, 409, `one officer is no special group: ${one.text}`);
  assert.ok(one.body.unmet.some((u) => u.code === 'transfer_report_made'), one.text);
  // both procedures: on-the-spot decisions in both agencies, ordinary cases in both
  assert.ok(zc.some((c) => c.procedure === 'summary') && sc.some((c) => c.procedure === 'summary'));
  assert.ok(sc.filter((c) => c.procedure === 'ordinary').length >= 10);
  for (const [token, list] of [[zhzf, zc], [scjg, sc]]) {
    for (const c of list) {
      const v = (await call(s, 'GET', `/api/v1/cases/${c.id}`, undefined, { token })).body;
      const docs = (await call(s, 'GET', `/api/v1/cases/${c.id}/documents`, undefined, { token })).body.items;
      const want = [...v.steps.flatMap((x) => STEP_DOC[x.action] || []), ...v.records.map((r) => RECORD_DOC[r.kind])]
        .filter(Boolean).sort();
      assert.deepEqual(docs.map((d) => d.template).sort(), want, `${c.cause} (${c.state})`);
      // two officers on every record (the API refuses a record without two valid certificates)
      for (const r of v.records) {
        const os = typeof r.officers === 'string' ? JSON.parse(r.officers) : r.officers;
        assert.equal(os.length, 2, c.cause);
      }
    }
  }
  const steps = async (state, token) => {
    const c = [...zc, ...sc].find((x) => x.state === state);
    return (await call(s, 'GET', `/api/v1/cases/${c.id}`, undefined, { token })).body.steps.map((x) => x.action);
  };
  // the flows a newcomer should find: a hearing, legal review and collective discussion
  // before a decision; a preservation; deferral, instalments, enforcement, a remedy
  const full = zc.filter((c) => c.state === 'decided');
  const fullSteps = await Promise.all(full.map(async (c) => (await call(s, 'GET', `/api/v1/cases/${c.id}`, undefined, { token: zhzf })).body.steps.map((x) => x.action)));
  assert.ok(fullSteps.some((a) => ['schedule_hearing', 'hold_hearing', 'record_legal_review', 'record_collective_discussion', 'decide_penalty']
    .every((x) => a.includes(x))), JSON.stringify(fullSteps));
  // a held hearing has its record, a decided preservation its decision (Arts 56, 64(8))
  const heldCase = full[fullSteps.findIndex((a) => a.includes('hold_hearing'))];
  const hr = await fetch(`${s.url}/api/v1/cases/${heldCase.id}/documents/hearing_record`, { headers: { Authorization: `Bearer ${zhzf}` } });
  assert.equal(hr.status, 200);
  const preserved = [];
  for (const [token, list] of [[zhzf, zc], [scjg, sc]]) {
    for (const c of list) {
      const v = (await call(s, 'GET', `/api/v1/cases/${c.id}`, undefined, { token })).body;
      if (v.steps.some((x) => x.action === 'decide_preserved_evidence')) preserved.push([token, c]);
      else if (v.steps.some((x) => x.action === 'preserve_evidence')) {
        const r = await call(s, 'GET', `/api/v1/cases/${c.id}/documents/preservation_decision`, undefined, { token });
        assert.equal(r.status, 409, r.text);
        assert.equal(r.body.step, 'decide_preserved_evidence');
      }
    }
  }
  assert.ok(preserved.length >= 1, 'a demo case with a decision on preserved evidence');
  assert.ok((await steps('instalments', scjg)).includes('pay_instalment'));
  assert.ok((await steps('enforcement_applied', zhzf)).includes('issue_demand'));
  assert.ok((await steps('revoked', zhzf)).includes('record_remedy_filed'));
  assert.ok(sc.some((c) => c.state === 'investigating'));
  // deadlines spread: something overdue and something due soon in each agency's list
  for (const token of [zhzf, scjg]) {
    assert.ok((await all('/api/v1/cases?deadline=overdue', token)).length >= 1);
    assert.ok((await all('/api/v1/cases?deadline=due_soon', token)).length >= 1);
  }
  const officer = (await login(s, 'demo-officer-zhzf', password)).body.token;
  const work = await call(s, 'GET', '/api/v1/cases/worklist', undefined, { token: officer });
  assert.ok(work.body.items.some((c) => c.state === 'decided'), 'the decided case is past its service deadline');
  const fushan = (await login(s, 'demo-officer-fushan', password)).body.token;
  assert.equal((await all('/api/v1/cases', fushan)).length, 0);
  assert.match(zhifa(['ledger', 'verify', '--db', s.db.url]), /^ok: /);
});

// The text of a case document (pdftotext, whitespace removed).
async function docText(token, caseId, template) {
  const res = await fetch(`${s.url}/api/v1/cases/${caseId}/documents/${template}`, { headers: { Authorization: `Bearer ${token}` } });
  assert.equal(res.status, 200, `${template} of ${caseId}`);
  const dir = mkdtempSync(join(tmpdir(), 'zhifa-demo-doc-'));
  try {
    writeFileSync(join(dir, 'd.pdf'), Buffer.from(await res.arrayBuffer()));
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'd.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
const sha256 = (b) => createHash('sha256').update(b).digest('hex');
const group = (h) => h.slice(0, 16);

test('demo: each investigated case has its scene photos and scanned record in the evidence center, listed with their digests in the 证据清单', async () => {
  assert.match(second, /evidence\s+0 new/);
  const made = Number(first.match(/evidence\s+(\d+) new/)[1]);
  let decided = 0, photos = 0, evidence = 0;
  for (const who of ['demo-head-zhzf', 'demo-head-scjg']) {
    const token = (await login(s, who, password)).body.token;
    for (const c of await all('/api/v1/cases', token)) {
      const v = (await call(s, 'GET', `/api/v1/cases/${c.id}`, undefined, { token })).body;
      const ev = await all(`/api/v1/evidence?case_id=${c.id}`, token);
      evidence += ev.length;
      const inspections = v.records.filter((r) => r.kind === 'inspection');
      if (inspections.length === 0) continue;
      // two photos and the scanned record per inspection, collected by the investigators that day
      assert.equal(ev.length, 3 * inspections.length, c.cause);
      const inv = v.investigators.split(',').sort();
      for (const e of ev) {
        assert.deepEqual([...e.collectors].sort(), inv, `${c.cause}: collected by its investigators`);
        assert.ok(inspections.some((r) => e.collected_at.startsWith(r.date)), `${c.cause}: collected on the inspection day`);
        assert.equal(e.place_address, inspections[0].place);
      }
      const png = ev.filter((e) => e.media_type === 'image/png');
      assert.equal(png.length, 2 * inspections.length, c.cause);
      assert.equal(ev.filter((e) => e.media_type === 'application/pdf' && e.kind === 'inspection_record').length, inspections.length);
      photos += png.length;
      const docs = (await call(s, 'GET', `/api/v1/cases/${c.id}/documents`, undefined, { token })).body.items;
      if (!docs.some((d) => d.template === 'evidence_inventory')) continue;
      decided++;
      // the inventory lists every piece by the first 16 hex digits of the stored blob's SHA-256
      const text = await docText(token, c.id, 'evidence_inventory');
      for (const e of ev) {
        const res = await fetch(`${s.url}/api/v1/evidence/${e.id}/content`, { headers: { Authorization: `Bearer ${token}` } });
        assert.equal(res.status, 200);
        const bytes = Buffer.from(await res.arrayBuffer());
        assert.equal(sha256(bytes), e.sha256, `${c.cause}: the stored bytes are the registered digest`);
        assert.ok(text.includes(group(e.sha256)), `${c.cause}: inventory lists ${e.filename} ${e.sha256}:\n${text}`);
        if (e.media_type === 'image/png') assert.equal(bytes.subarray(1, 4).toString(), 'PNG');
      }
      assert.ok(text.includes('视听资') && text.includes('现场全景照片') && text.includes('现场检查笔录（当事'), text); // the kind cell wraps
      assert.ok(!text.includes('没有登记或附卷的证据'), text);
      // and each 笔录 with its own digest
      for (const r of v.records) {
        assert.match(r.digest, /^[0-9a-f]{64}$/);
        assert.ok(text.includes(`SHA-256摘要${group(r.digest)}`), `${c.cause}: record ${r.id} digest in the inventory`);
      }
      // a photo has its thumbnail; its custody begins with evidence.create by the officer
      const thumb = await fetch(`${s.url}/api/v1/evidence/${png[0].id}/thumbnail`, { headers: { Authorization: `Bearer ${token}` } });
      assert.equal(thumb.status, 200);
      assert.equal(thumb.headers.get('content-type'), 'image/jpeg');
      const custody = (await call(s, 'GET', `/api/v1/evidence/${png[0].id}/custody`, undefined, { token })).body.items;
      assert.equal(custody[0].action, 'evidence.create');
      assert.match(custody[0].actor, /^demo-officer-/);
    }
  }
  assert.equal(evidence, made, 'all demo evidence is filed under its case');
  assert.ok(decided >= 5, `decided cases with an inventory: ${decided}`);
  assert.ok(photos >= 20, `scene photos: ${photos}`);
});
