// Penalty cases: what a step's body must carry (x-action-required, one table in
// src/domain/case_body.c) and the Art 34 guard of the deciding steps, told before the
// officer tries (next_actions) and applied to the summary procedure (Art 51) as to the
// ordinary decision: the server evaluates the benchmark, a departure needs a reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { startServer, call, seedRegions, newAgency, setCaseSettings, idNumber, newUscc, userWithToken, importCatalogItems } from './lib.mjs';

let s;
const A = {};
let person, org, required;

function todayCN(offsetDays = 0) {
  return new Date(Date.now() + 8 * 3600 * 1000 + offsetDays * 86400 * 1000).toISOString().slice(0, 10);
}

let serial = 0;
async function officer(agency) {
  serial += 1;
  const r = await s.api('POST', '/api/v1/officers', {
    agency_id: agency.id, name: `守卫员${serial}`, id_number: idNumber(`33010619860101${String(serial).padStart(3, '0')}`),
    cert_no: `ZJ-GUARD-${process.pid}-${serial}`, cert_issued: '2020-01-01',
  });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

async function account(name, role, agency, o) {
  const token = await userWithToken(s, name, role, { agency: agency.id });
  const r = await s.api('PATCH', `/api/v1/users/${name}`, { officer_id: o.id });
  assert.equal(r.status, 200, r.text);
  return (method, path, body) => call(s, method, path, body, { token });
}

// A benchmark for a person's small offence: corrected → no penalty; not corrected,
// under 10 m² → 50–150 yuan; 10 m² or more → 150–300 yuan (above the Art 51 limit).
const TABLE = {
  item_code: 'CG010350', version: '2020.1', title: '乱堆物料测试事项', effective_from: '2020-01-01',
  basis: { law: '测试条例', article: '第二条', benchmark: '测试裁量基准2020.1' },
  inputs: [{ name: 'corrected', type: 'bool', zh: '及时改正' }, { name: 'area_m2', type: 'int', zh: '面积（平方米）' }],
  hit_policy: 'unique',
  rules: [
    { id: 'np', when: { corrected: true }, outcome: 'no_penalty', fine_min_fen: 0, fine_max_fen: 0, basis: '不罚档', explanation_zh: '说明' },
    { id: 'small', when: { corrected: false, area_m2: { lt: 10 } }, outcome: 'ordinary', fine_min_fen: 5000, fine_max_fen: 15000, basis: '一般档', explanation_zh: '说明' },
    { id: 'big', when: { corrected: false, area_m2: { ge: 10 } }, outcome: 'heavier', fine_min_fen: 15000, fine_max_fen: 30000, basis: '从重档', explanation_zh: '说明' },
  ],
  tests: [{ name: 'three', circumstances: { corrected: false, area_m2: 3 }, expect: { rule: 'small', outcome: 'ordinary', min_fen: 5000, max_fen: 15000 } }],
};

before(async () => {
  s = await startServer('case_guards');
  await seedRegions(s);
  await importCatalogItems(s, ['CG010350', 'CG010351', 'CG010352', 'CG010353']);
  A.agency = await newAgency(s, { name: '西湖区综合行政执法局', kind: 'comprehensive', domain: '' });
  await setCaseSettings(s, A.agency.id);
  A.o1 = await officer(A.agency);
  A.o2 = await officer(A.agency);
  A.presiding = await officer(A.agency);
  A.headOfficer = await officer(A.agency);
  A.officer = await account('guard_officer', 'officer', A.agency, A.o1);
  A.head = await account('guard_head', 'agency_head', A.agency, A.headOfficer);
  person = (await A.officer('POST', '/api/v1/parties', { kind: 'person', name: '赵某', id_number: idNumber('33010619910101123'), address: '杭州市西湖区' })).body;
  org = (await A.officer('POST', '/api/v1/parties', { kind: 'organisation', name: '杭州守卫测试有限公司', uscc: newUscc(), legal_rep: '钱某' })).body;
  assert.ok(person.id && org.id);
  const t = await s.api('POST', '/api/v1/discretion/tables', TABLE);
  assert.equal(t.status, 201, t.text);
  const doc = await call(s, 'GET', '/api/v1/openapi.yaml');
  assert.equal(doc.status, 200);
  required = parseYaml(doc.text).components.schemas.ActionBody['x-action-required'];
});
after(async () => { await s.stop(); });

const lead = (party, fields = {}) => ({
  party_id: party.id, item_code: 'CG010351', cause: '乱堆物料', source: 'inspection',
  place_region: '330106', place: '文三路', violation_date: '2026-02-20', discovery_date: '2026-03-01',
  facts: '当事人在人行道上堆放物料。', ...fields,
});
const act = (who, id, action, body = {}) => who('POST', `/api/v1/cases/${id}/actions/${action}`, body);
async function ok(who, id, action, body = {}) {
  const r = await act(who, id, action, body);
  assert.equal(r.status, 200, `${action}: ${r.text}`);
  return r.body;
}
const fields = (r) => r.body.errors.map((e) => e.field).sort();

async function newLead(party, f) {
  const c = await A.officer('POST', '/api/v1/cases', lead(party, f));
  assert.equal(c.status, 201, c.text);
  return c.body.id;
}

// filed, investigated by o1 and o2, notified with penalty, the party waiving its statement
// and the hearing: every guard of decide_penalty but Art 34's holds
async function notifiedAndWaived(party, f, penalty) {
  const id = await newLead(party, f);
  await ok(A.head, id, 'file_case', { filing_date: '2026-03-02' });
  await ok(A.officer, id, 'start_investigation', { investigators: [A.o1.id, A.o2.id] });
  const rec = await A.officer('POST', `/api/v1/cases/${id}/records`, { kind: 'inspection', date: '2026-03-03', officers: [A.o1.id, A.o2.id], summary: '现场检查' });
  assert.equal(rec.status, 201, rec.text);
  await ok(A.officer, id, 'submit_investigation');
  await ok(A.officer, id, 'issue_prior_notice', { penalty, notice_date: '2026-03-04' });
  await ok(A.officer, id, 'record_waiver', { statement: '放弃陈述申辩和听证', hearing_waived: true });
  return id;
}

test('the required members are one table: the served document lists them, and the server refuses each body without them', async () => {
  assert.deepEqual(required.schedule_hearing, ['hearing_date', 'presiding_officer_id', 'hearing_time', 'hearing_place']);
  assert.deepEqual(required.decide_penalty, ['penalty']);
  assert.deepEqual(required.decide_on_the_spot, ['penalty']);
  assert.equal(required.file_case, undefined, 'the filing date defaults to today');
  const id = await newLead(org, { item_code: 'CG010352' });
  // an empty body names every required member of the action, and nothing is written
  for (const [action, members] of Object.entries(required)) {
    if (action === 'decide_on_the_spot') continue; // POST /cases/summary only
    const r = await act(A.head, id, action, {});
    assert.equal(r.status, 400, `${action}: ${r.text}`);
    assert.deepEqual(fields(r), [...members].sort(), action);
    assert.ok(r.body.errors.every((e) => /必填/.test(e.message)), r.text);
  }
  // blank text is no text
  const blank = await act(A.head, id, 'refer_jurisdiction', { to_agency_id: '  ', reason: '不属本机关管辖' });
  assert.deepEqual(fields(blank), ['to_agency_id']);
  const c = (await A.officer('GET', `/api/v1/cases/${id}`)).body;
  assert.equal(c.state, 'lead');
  assert.equal(c.steps.length, 0);
});

test('Art 64(2): a hearing notice without its date, time, place or presiding officer is 400 naming it; with all four it is sent', async () => {
  const id = await newLead(org, { item_code: 'CG010353' });
  await ok(A.head, id, 'file_case', { filing_date: '2026-03-02' });
  await ok(A.officer, id, 'start_investigation', { investigators: [A.o1.id, A.o2.id] });
  assert.equal((await A.officer('POST', `/api/v1/cases/${id}/records`, { kind: 'inspection', date: '2026-03-03', officers: [A.o1.id, A.o2.id], summary: '现场检查' })).status, 201);
  await ok(A.officer, id, 'submit_investigation');
  // 20,000 yuan for an organisation: a hearing right (Art 63)
  await ok(A.officer, id, 'issue_prior_notice', { penalty: { types: ['fine'], fine_fen: 2000000 }, notice_date: todayCN() });
  await ok(A.officer, id, 'request_hearing', { hearing_requested_on: todayCN() });
  const full = { hearing_date: todayCN(20), presiding_officer_id: A.presiding.id, hearing_time: '09:30', hearing_place: '三楼听证室', hearing_clerk: '书记员' };
  for (const m of ['hearing_date', 'presiding_officer_id', 'hearing_time', 'hearing_place']) {
    const body = { ...full };
    delete body[m];
    const r = await act(A.head, id, 'schedule_hearing', body);
    assert.equal(r.status, 400, `${m}: ${r.text}`);
    assert.deepEqual(fields(r), [m]);
    assert.equal((await A.head('GET', `/api/v1/cases/${id}`)).body.state, 'hearing_requested', 'nothing written');
  }
  // the clerk is not required
  const { hearing_clerk: _, ...noClerk } = full;
  const done = await ok(A.head, id, 'schedule_hearing', noClerk);
  assert.equal(done.state, 'hearing_scheduled');
});

test('Art 34: before the circumstances are given, next actions list decide_penalty as not allowed, with the article and the benchmark', async () => {
  const pen = { types: ['fine'], fine_fen: 10000 };
  const id = await notifiedAndWaived(person, { item_code: 'CG010350' }, pen);
  const c = (await A.head('GET', `/api/v1/cases/${id}`)).body;
  const d = c.next_actions.find((n) => n.action === 'decide_penalty');
  assert.equal(d.allowed, false);
  assert.deepEqual(d.unmet.map((u) => u.code), ['discretion_circumstances_given']);
  assert.equal(d.unmet[0].article, '行政处罚法第三十四条');
  assert.match(d.unmet[0].detail, /CG010350 2020\.1/);
  assert.ok(!c.allowed_actions.includes('decide_penalty'));
  // the same rule at the step: 409 with the same requirement, nothing written
  const none = await act(A.head, id, 'decide_penalty', { penalty: pen });
  assert.equal(none.status, 409, none.text);
  assert.deepEqual(none.body.unmet, d.unmet);
  // given, the step goes through
  const done = await ok(A.head, id, 'decide_penalty', { penalty: pen, discretion: { circumstances: { corrected: false, area_m2: 3 } } });
  assert.equal(done.state, 'decided');
  // an item without a benchmark: nothing to give, the decision is allowed as listed
  const plain = await notifiedAndWaived(person, { item_code: 'CG010352' }, pen);
  const p = (await A.head('GET', `/api/v1/cases/${plain}`)).body;
  assert.ok(p.allowed_actions.includes('decide_penalty'), JSON.stringify(p.next_actions));
});

test('Art 51 with a benchmark: the on-the-spot fine is evaluated as a decision is; outside the range needs a reason and is flagged; 1 fen over 200 yuan is refused', async () => {
  let day = 1;
  const spot = (party, fine, extra = {}) => A.officer('POST', '/api/v1/cases/summary', {
    party_id: party.id, item_code: 'CG010350', cause: `乱堆物料${day}`, place_region: '330106', place: '文三路',
    violation_date: todayCN(-day++), penalty: { types: ['fine'], fine_fen: fine }, officers: [A.o1.id, A.o2.id], ...extra,
  });
  const small = { corrected: false, area_m2: 3 };
  const count = async () => (await A.officer('GET', '/api/v1/cases?procedure=summary&limit=200')).body.items.length;
  const n0 = await count();
  // no circumstances: 409 citing Art 34, no case is made
  const none = await spot(person, 10000);
  assert.equal(none.status, 409, none.text);
  assert.deepEqual(none.body.unmet.map((u) => u.code), ['discretion_circumstances_given']);
  assert.equal(none.body.unmet[0].article, '行政处罚法第三十四条');
  assert.equal(await count(), n0, 'nothing written');
  // 100 yuan, inside 50–150 yuan: decided, the evaluation stored, not flagged
  const inside = await spot(person, 10000, { discretion: { circumstances: small } });
  assert.equal(inside.status, 201, inside.text);
  assert.equal(inside.body.state, 'served');
  assert.equal(inside.body.flagged_for_supervision, false);
  const d = JSON.parse(inside.body.discretion);
  assert.deepEqual([d.rule, d.outcome, d.min_fen, d.max_fen, d.version, d.amount, d.departs, d.rule_basis, d.benchmark],
    ['small', 'ordinary', 5000, 15000, '2020.1', 'inside', false, '一般档', '测试裁量基准2020.1']);
  assert.deepEqual(d.circumstances, small);
  // 200 yuan, above 150: a reason is required (400, nothing written), then flagged
  const noReason = await spot(person, 20000, { discretion: { circumstances: small } });
  assert.equal(noReason.status, 400, noReason.text);
  assert.deepEqual(fields(noReason), ['discretion.reason_outside']);
  assert.match(noReason.body.errors[0].message, /5000–15000/);
  assert.equal(await count(), n0 + 1, 'nothing written');
  const above = await spot(person, 20000, { discretion: { circumstances: small, reason_outside: '多次劝导仍不清理' } });
  assert.equal(above.status, 201, above.text);
  assert.equal(above.body.flagged_for_supervision, true);
  const a = JSON.parse(above.body.discretion);
  assert.deepEqual([a.amount, a.departs, a.reason_outside], ['above', true, '多次劝导仍不清理']);
  // 200.01 yuan for a person is over Art 51's limit, whatever the benchmark says
  const over = await spot(person, 20001, { discretion: { circumstances: { corrected: false, area_m2: 12 } } });
  assert.equal(over.status, 409, over.text);
  assert.deepEqual(over.body.unmet.map((u) => u.code), ['summary_fine_limit']);
  // circumstances for an item without a benchmark: nothing to apply them to
  const stray = await spot(person, 5000, { item_code: 'CG010352', discretion: { circumstances: small } });
  assert.equal(stray.status, 400, stray.text);
  assert.deepEqual(fields(stray), ['discretion']);
  // a summary without its penalty names it, from the same table
  const noPen = await spot(person, 0, { penalty: undefined, discretion: { circumstances: small } });
  assert.equal(noPen.status, 400, noPen.text);
  assert.deepEqual(fields(noPen), ['penalty']);
  // the decision handed over cites the benchmark's rule and range
  const docs = (await A.officer('GET', `/api/v1/cases/${inside.body.id}/documents`)).body.items;
  assert.deepEqual(docs.map((x) => x.template), ['onspot_decision']);
  assert.equal(await count(), n0 + 2);
});
