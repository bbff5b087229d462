// The 催告书 (行政强制法 Arts 35, 54, 69), the remedy outcome 确认无效 (行政复议法 2023 Art 67,
// 行政诉讼法 Art 75), and the stored next due following the agency's roll-over flags. The
// server's "today" is fixed (ZHIFA_TODAY); later days are second servers on the same
// database.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, call, seedRegions, newAgency, setCaseSettings, idNumber, newUscc, userWithToken, importCatalogItems } from './lib.mjs';

const TODAY = '2026-04-30';
let s;
const A = {};
const FINE = 100000; // 1,000 yuan: no hearing right for an organisation
const tmp = mkdtempSync(join(tmpdir(), 'zhifa-demand-'));

before(async () => {
  s = await startServer('case-demand', { env: { ZHIFA_TODAY: TODAY } });
  await seedRegions(s);
  await importCatalogItems(s, ['CG010501']);
  A.agency = await newAgency(s, { name: '西湖区综合行政执法局', kind: 'comprehensive', domain: '' });
  await setCaseSettings(s, A.agency.id);
  const off = [];
  for (const n of ['1', '2', '3']) {
    const r = await s.api('POST', '/api/v1/officers', { agency_id: A.agency.id, name: `催告${n}`, id_number: idNumber(`33010619850303${n}00`), cert_no: `ZJ-DEM-${process.pid}-${n}`, cert_issued: '2020-01-01' });
    assert.equal(r.status, 201, r.text);
    off.push(r.body);
  }
  A.o = off;
  const account = async (name, role, o) => {
    const token = await userWithToken(s, name, role, { agency: A.agency.id });
    const r = await s.api('PATCH', `/api/v1/users/${name}`, { officer_id: o.id });
    assert.equal(r.status, 200, r.text);
    return (method, path, body) => call(s, method, path, body, { token });
  };
  A.officer = await account('dem_officer', 'officer', off[0]);
  A.head = await account('dem_head', 'agency_head', off[2]);
});
after(async () => { await s.stop(); rmSync(tmp, { recursive: true, force: true }); });

async function act(who, id, action, body = {}) {
  return who('POST', `/api/v1/cases/${id}/actions/${action}`, body);
}
async function ok(who, id, action, body = {}) {
  const r = await act(who, id, action, body);
  assert.equal(r.status, 200, `${action}: ${r.text}`);
  return r.body;
}
const get = async (id) => (await A.officer('GET', `/api/v1/cases/${id}`)).body;

let serial = 0;
async function served(service, { violation = '2025-08-01' } = {}) {
  serial += 1;
  const party = await A.officer('POST', '/api/v1/parties', { kind: 'organisation', name: `催告测试公司${serial}`, uscc: newUscc() });
  assert.equal(party.status, 201, party.text);
  const c = await A.officer('POST', '/api/v1/cases', {
    party_id: party.body.id, item_code: 'CG010501', cause: '占道经营', source: 'inspection', place_region: '330106',
    violation_date: violation, discovery_date: violation, facts: '占用人行道经营',
  });
  assert.equal(c.status, 201, c.text);
  const id = c.body.id;
  await ok(A.head, id, 'file_case', { filing_date: violation });
  await ok(A.officer, id, 'start_investigation', { investigators: [A.o[0].id, A.o[1].id] });
  const rec = await A.officer('POST', `/api/v1/cases/${id}/records`, { kind: 'inspection', date: violation, officers: [A.o[0].id, A.o[1].id], summary: '现场检查' });
  assert.equal(rec.status, 201, rec.text);
  await ok(A.officer, id, 'submit_investigation');
  await ok(A.officer, id, 'issue_prior_notice', { penalty: { types: ['fine'], fine_fen: FINE }, notice_date: violation });
  await ok(A.officer, id, 'record_waiver', { statement: '书面放弃陈述申辩', hearing_waived: true });
  await ok(A.head, id, 'decide_penalty', { penalty: { types: ['fine'], fine_fen: FINE }, decision_date: service });
  assert.equal((await ok(A.officer, id, 'serve_decision', { service_date: service })).state, 'served');
  return id;
}

// The document's text (pdftotext, whitespace removed), after checking that the listed
// SHA-256 is the bytes' and that the ledger entry commits to {case, template, sha256}.
async function docText(id, d) {
  const res = await fetch(`${s.url}/api/v1/cases/${id}/documents/${d.id}`, { headers: { Authorization: `Bearer ${s.token}` } });
  assert.equal(res.status, 200);
  const bytes = Buffer.from(await res.arrayBuffer());
  const sha = createHash('sha256').update(bytes).digest('hex');
  assert.equal(sha, d.sha256);
  const [salt, digest] = s.sql(`SELECT salt, state_digest FROM ledger_entries WHERE obj_type = 'case_document' AND obj_id = '${d.id}'`).trim().split('|');
  const state = JSON.stringify({ case: id, sha256: sha, template: d.template });
  assert.equal(createHash('sha256').update(Buffer.concat([Buffer.from(salt, 'hex'), Buffer.from(state)])).digest('hex'), digest,
    'the ledger commits to the document');
  const path = join(tmp, `${d.template}-${d.id}.pdf`);
  writeFileSync(path, bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/—\s*\d+\s*—/g, '').replace(/\s+/g, '');
}

test('行政强制法 Art 35: the 催告书 states the amount with the Art 72 late fee as of the day it is served, the 10-working-day limit, the manner and the right to state and defend', async () => {
  const id = await served('2026-03-31'); // D6: 15 days, the last 04-15
  assert.equal((await get(id)).deadlines.find((d) => d.kind === 'payment').due, '2026-04-15');
  await ok(A.officer, id, 'mark_overdue');
  const early = await A.officer('GET', `/api/v1/cases/${id}/documents/demand_notice`);
  assert.equal(early.status, 409, early.text);
  assert.equal(early.body.code, 'document_step_missing');
  assert.equal(early.body.step, 'issue_demand');
  const before = (await A.officer('GET', `/api/v1/cases/${id}/documents`)).body.items;
  assert.ok(!before.some((d) => d.template === 'demand_notice'), 'not listed before the step');

  // served Mon 04-27: 04-16..04-27 are 12 days late, 36 % of 1,000 yuan = 360 yuan
  const d = await ok(A.officer, id, 'issue_demand', { demand_served: '2026-04-27' });
  // ten working days: 04-28, 04-29, 04-30, (05-01..05-05 劳动节), 05-06, 05-07, 05-08,
  // Sat 05-09 (调休 workday), 05-11, 05-12, 05-13
  assert.equal(d.deadlines.find((x) => x.kind === 'demand').due, '2026-05-13', 'D17 as the guard counts it');
  const docs = (await A.officer('GET', `/api/v1/cases/${id}/documents`)).body.items.filter((x) => x.template === 'demand_notice');
  assert.equal(docs.length, 1);
  const text = await docText(id, docs[0]);
  for (const part of [
    '催告书', '西湖区综合行政执法局', '第三十五条、第五十四条',
    '罚款（没收款项）：人民币壹仟元整（¥1,000.00）',
    '加处罚款（计至二〇二六年四月二十七日）：人民币叁佰陆拾元整（¥360.00）',
    '合计：人民币壹仟叁佰陆拾元整（¥1,360.00）',
    '每日按罚款数额的百分之三继续加处罚款',
    '自收到本催告书之日起十个工作日内，即二〇二六年五月十三日前',
    '有权进行陈述和申辩',
    '可以自二〇二六年五月十四日起',
    '二〇二六年四月二十七日', // the notice's date
  ]) assert.ok(text.includes(part), `the demand should say ${part}:\n${text}`);
  // the agency's settings as the decision prints them (setCaseSettings)
  const cfg = (await A.head('GET', `/api/v1/agencies/${A.agency.id}/case-config`)).body.effective;
  for (const v of [cfg.payment_bank, cfg.payment_account_no, cfg.contact_phone]) assert.ok(text.includes(v.replace(/\s+/g, '')), `prints ${v}`);
});

test('行政强制法 Arts 54, 69: served Mon 04-27, the court is refused on the 10th working day (05-13) and allowed on 05-14', async () => {
  const id = await served('2025-09-16'); // the six-month litigation period ended 2026-03-16
  await ok(A.officer, id, 'mark_overdue');
  await ok(A.officer, id, 'issue_demand', { demand_served: '2026-04-27' });
  const r = await act(A.head, id, 'apply_enforcement');
  assert.equal(r.status, 409, r.text);
  assert.deepEqual(r.body.unmet.map((u) => u.code), ['demand_period_passed']);
  for (const [day, status] of [['2026-05-13', 409], ['2026-05-14', 200]]) {
    const later = await startServer(`case-demand-${day}`, { reuse: s, env: { ZHIFA_TODAY: day } });
    try {
      const head = await userWithToken(later, `dem_head_${day.replace(/-/g, '')}`, 'agency_head', { agency: A.agency.id });
      const e = await call(later, 'POST', `/api/v1/cases/${id}/actions/apply_enforcement`, {}, { token: head });
      assert.equal(e.status, status, `${day}: ${e.text}`);
      if (status === 409) {
        assert.deepEqual(e.body.unmet.map((u) => u.code), ['demand_period_passed']);
        assert.match(e.body.unmet[0].detail, /催告期限至2026-05-13届满/);
      } else {
        assert.equal(e.body.state, 'enforcement_applied');
      }
    } finally {
      await later.stop();
    }
  }
});

test('行政处罚法 Art 73(3): a 催告书 served while a reconsideration is pending says the late fee is not counted meanwhile', async () => {
  const id = await served('2026-03-30');
  await ok(A.officer, id, 'mark_overdue');
  await ok(A.officer, id, 'record_remedy_filed', { reason: '当事人申请行政复议' }); // the pause opens on TODAY, the server's day
  await ok(A.officer, id, 'issue_demand', { demand_served: TODAY });
  const [d] = (await A.officer('GET', `/api/v1/cases/${id}/documents`)).body.items.filter((x) => x.template === 'demand_notice');
  const text = await docText(id, d);
  assert.ok(text.includes('第七十三条第三款的规定，加处罚款的数额在行政复议或者行政诉讼期间不予计算'), text);
  assert.ok(!text.includes('此后至缴清之日'), 'not the running-fee sentence');
});

test('行政复议法 Art 67: an outcome confirming the decision void needs a pending remedy and ends the decision (revoked), the late fee paused from the filing', async () => {
  const id = await served('2026-04-01');
  const none = await act(A.officer, id, 'remedy_confirmed_void', { reason: '复议机关确认无效' });
  assert.equal(none.status, 409, none.text);
  assert.deepEqual(none.body.unmet.map((u) => u.code), ['remedy_pending']);
  await ok(A.officer, id, 'record_remedy_filed', { reason: '当事人申请行政复议' });
  const v = await ok(A.officer, id, 'remedy_confirmed_void', { reason: '作出决定的机关不具有行政主体资格，确认无效' });
  assert.equal(v.state, 'revoked');
  assert.equal(v.steps.at(-1).action, 'remedy_confirmed_void');
  assert.ok(!v.allowed_actions.includes('record_payment'), 'nothing to pay on a void decision');
  assert.ok(v.next_actions.some((n) => n.action === 'close_case'), 'the head may close it');
  await ok(A.head, id, 'close_case');
});

test('the stored next due follows the agency\'s payment_rolls_over: a PATCH moves the listed due day in its transaction', async () => {
  // served 04-20: the 15th day is 05-05, in the 劳动节 holiday; rolled over to 05-06
  const id = await served('2026-04-20');
  const listed = async () => {
    const r = await A.officer('GET', '/api/v1/cases?deadline=due_soon&limit=500');
    assert.equal(r.status, 200, r.text);
    return r.body.items.find((c) => c.id === id);
  };
  assert.equal((await get(id)).next_due, '2026-05-06');
  const patch = async (v) => {
    const r = await A.head('PATCH', `/api/v1/agencies/${A.agency.id}/case-config`, { payment_rolls_over: v });
    assert.equal(r.status, 200, r.text);
  };
  await patch(false);
  const c = await get(id);
  assert.equal(c.deadlines.find((d) => d.kind === 'payment').due, '2026-05-05');
  assert.equal(c.next_due, '2026-05-05', 'the stored next due as the case view computes it');
  const row = await listed();
  assert.ok(row, 'listed as due soon');
  if ('next_due' in row) assert.equal(row.next_due, '2026-05-05');
  // on 05-06 the unrolled day has passed: the list calls it overdue
  const later = await startServer('case-demand-roll', { reuse: s, env: { ZHIFA_TODAY: '2026-05-06' } });
  try {
    const tok = await userWithToken(later, 'dem_officer_roll', 'officer', { agency: A.agency.id });
    const ids = async () => (await call(later, 'GET', '/api/v1/cases?deadline=overdue&limit=500', undefined, { token: tok })).body.items.map((x) => x.id);
    assert.ok((await ids()).includes(id), 'overdue without the roll-over');
    const back = await call(later, 'PATCH', `/api/v1/agencies/${A.agency.id}/case-config`, { payment_rolls_over: null },
      { token: await userWithToken(later, 'dem_head_roll', 'agency_head', { agency: A.agency.id }) });
    assert.equal(back.status, 200, back.text);
    assert.ok(!(await ids()).includes(id), 'rolled over again (the default): due on 05-06, not overdue');
  } finally {
    await later.stop();
  }
  assert.equal((await get(id)).next_due, '2026-05-06');
});
