// Penalty cases (处罚办案) over HTTP: the ordinary procedure from a lead to the archive,
// the guards of the 行政处罚法 as 409 requirements_unmet, the summary procedure's
// thresholds, deadlines kept as budgets, documents in the ledger, and scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, call, seedRegions, newAgency, setCaseSettings, CASE_SETTINGS, idNumber, newUscc, userWithToken, zhifa, importCatalogItems } from './lib.mjs';

let s;
const A = {}; // the 西湖区 comprehensive agency, its officers and accounts
const B = {}; // another agency (滨江区)
let person, org;

function todayCN(offsetDays = 0) {
  const d = new Date(Date.now() + 8 * 3600 * 1000 + offsetDays * 86400 * 1000);
  return d.toISOString().slice(0, 10);
}

let serial = 0;
async function officer(agency, extra = {}) {
  serial += 1;
  const r = await s.api('POST', '/api/v1/officers', {
    agency_id: agency.id, name: `执法员${serial}`, id_number: idNumber(`33010619850101${String(serial).padStart(3, '0')}`),
    cert_no: `ZJ-CASE-${process.pid}-${serial}`, cert_issued: '2020-01-01', ...extra,
  });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

// An account of role for agency, linked to officer o (when given); returns a caller.
async function account(name, role, agency, o) {
  const token = await userWithToken(s, name, role, { agency: agency.id });
  if (o) {
    const r = await s.api('PATCH', `/api/v1/users/${name}`, { officer_id: o.id });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.officer_id, o.id);
  }
  return (method, path, body) => call(s, method, path, body, { token });
}

before(async () => {
  s = await startServer('cases');
  await seedRegions(s);
  // every item a case below uses, in force since 2020; CG010290 only from 2026-06-01
  await importCatalogItems(s, ['CG010203', 'CG010204', 'CG010310', ...Array.from({ length: 10 }, (_, i) => `CG0102${90 + i}`)]);
  await importCatalogItems(s, ['CG010280'], { from: '2026-06-01' });
  A.agency = await newAgency(s, { name: '西湖区综合行政执法局', kind: 'comprehensive', domain: '' });
  await setCaseSettings(s, A.agency.id);
  B.agency = await newAgency(s, { name: '滨江区市场监督管理局', region_code: '330108' });
  await setCaseSettings(s, B.agency.id);
  A.o1 = await officer(A.agency);
  A.o2 = await officer(A.agency);
  A.presiding = await officer(A.agency);
  A.lawyer = await officer(A.agency, { legal_qualified: true });
  A.novice = await officer(A.agency);
  A.headOfficer = await officer(A.agency);
  B.o1 = await officer(B.agency);
  A.officer = await account('case_officer', 'officer', A.agency, A.o1);
  A.officer2 = await account('case_officer2', 'officer', A.agency, A.o2);
  A.presider = await account('case_presider', 'officer', A.agency, A.presiding);
  A.head = await account('case_head', 'agency_head', A.agency, A.headOfficer);
  A.reviewer = await account('case_reviewer', 'legal_reviewer', A.agency, A.lawyer);
  A.novice_reviewer = await account('case_novice', 'legal_reviewer', A.agency, A.novice);
  B.officer = await account('case_b_officer', 'officer', B.agency, B.o1);
  person = (await A.officer('POST', '/api/v1/parties', { kind: 'person', name: '王某', id_number: idNumber('33010619900101123'), address: '杭州市西湖区文三路1号' })).body;
  org = (await A.officer('POST', '/api/v1/parties', { kind: 'organisation', name: '杭州某某贸易有限公司', uscc: newUscc(), legal_rep: '李某' })).body;
  assert.ok(person.id && org.id);
});
after(async () => { await s.stop(); });

const lead = (party, fields = {}) => ({
  party_id: party.id, item_code: 'CG010203', cause: '未经批准擅自占用城市道路', source: 'inspection',
  place_region: '330106', place: '文三路人行道', violation_date: '2026-02-20', discovery_date: '2026-03-01',
  facts: '当事人在人行道上堆放物品，占用城市道路约20平方米。', ...fields,
});

async function act(who, id, action, body = {}) {
  return who('POST', `/api/v1/cases/${id}/actions/${action}`, body);
}
async function ok(who, id, action, body = {}) {
  const r = await act(who, id, action, body);
  assert.equal(r.status, 200, `${action}: ${r.text}`);
  return r.body;
}
function unmet(r) {
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.code, 'requirements_unmet');
  return r.body.unmet.map((u) => u.code);
}

// A case taken to the prior notice: filed, investigated by o1 and o2, notified.
async function toNotified(party, fields, { filing, record, notice, penalty }) {
  const c = await A.officer('POST', '/api/v1/cases', lead(party, fields));
  assert.equal(c.status, 201, c.text);
  const id = c.body.id;
  await ok(A.head, id, 'file_case', { filing_date: filing });
  await ok(A.officer, id, 'start_investigation', { investigators: [A.o1.id, A.o2.id] });
  const rec = await A.officer('POST', `/api/v1/cases/${id}/records`, { kind: 'inspection', date: record, officers: [A.o1.id, A.o2.id], summary: '现场检查' });
  assert.equal(rec.status, 201, rec.text);
  await ok(A.officer, id, 'submit_investigation');
  await ok(A.officer, id, 'issue_prior_notice', { penalty, notice_date: notice });
  return id;
}

let decidedNo;

test('the ordinary procedure from a lead to the archive, with its refusals, deadlines and documents', async () => {
  const c = await A.officer('POST', '/api/v1/cases', lead(person));
  assert.equal(c.status, 201, c.text);
  assert.equal(c.body.state, 'lead');
  assert.ok(c.body.allowed_actions.length === 0, 'an officer may take no step on a lead');
  const id = c.body.id;

  // 立案 is the head's (Art 54(2)): an officer is refused with 403
  const byOfficer = await act(A.officer, id, 'file_case', { filing_date: '2026-03-02' });
  assert.equal(byOfficer.status, 403, byOfficer.text);
  assert.ok(byOfficer.body.unmet.some((u) => u.code === 'role_permitted'));

  // a skipped step: the investigation cannot be submitted before the case is filed
  assert.deepEqual(unmet(await act(A.officer, id, 'submit_investigation')), ['state_allows_action']);

  const filed = await ok(A.head, id, 'file_case', { filing_date: '2026-03-02' });
  assert.equal(filed.state, 'filed');
  assert.equal(filed.case_no, '西综执立〔2026〕1号');
  const d2 = filed.deadlines.find((d) => d.kind === 'decision');
  assert.equal(d2.due, '2026-05-31', 'Art 60: 90 days from 2026-03-02');

  await ok(A.officer, id, 'start_investigation', { investigators: [A.o1.id, A.o2.id] });

  // Art 42: one officer alone on a record
  const alone = await A.officer('POST', `/api/v1/cases/${id}/records`, { kind: 'inquiry', date: '2026-03-05', officers: [A.o1.id], summary: '询问' });
  assert.deepEqual(unmet(alone), ['two_officers_per_record']);
  const future = await A.officer('POST', `/api/v1/cases/${id}/records`, { kind: 'inquiry', date: todayCN(3), officers: [A.o1.id, A.o2.id] });
  assert.equal(future.status, 400, future.text);
  assert.deepEqual(future.body.errors.map((e) => e.field), ['date']);
  for (const [kind, date] of [['inspection', '2026-03-03'], ['inquiry', '2026-03-05']]) {
    const r = await A.officer('POST', `/api/v1/cases/${id}/records`, { kind, date, officers: [A.o1.id, A.o2.id], summary: kind });
    assert.equal(r.status, 201, r.text);
    assert.deepEqual(r.body.officers.map((o) => o.certificate_valid), [true, true]);
  }
  await ok(A.officer, id, 'submit_investigation');
  const notified = await ok(A.officer, id, 'issue_prior_notice', { penalty: { types: ['fine'], fine_fen: 200000 }, notice_date: '2026-03-30' });
  assert.equal(notified.state, 'notified');
  assert.equal(notified.notified_fine_fen, 200000);

  // the hearing (Arts 63-65) suspends the Art 60 period from the request to the hearing day
  const requested = await ok(A.officer, id, 'request_hearing', { hearing_requested_on: '2026-04-01' });
  assert.equal(requested.deadlines.find((d) => d.kind === 'decision').status, 'paused');
  await ok(A.head, id, 'schedule_hearing', { hearing_notified_on: '2026-04-08', hearing_date: '2026-04-20', hearing_time: '09:30', hearing_place: '本局听证室', presiding_officer_id: A.presiding.id });
  const heardBody = { participants: ['当事人'], investigators_case: '调查人员陈述违法事实和处罚建议。', statement: '当事人申辩。' };
  assert.deepEqual(unmet(await act(A.officer, id, 'hold_hearing', heardBody)), ['actor_is_presiding']);
  const heard = await ok(A.presider, id, 'hold_hearing', heardBody);
  assert.equal(heard.state, 'heard');
  assert.equal(heard.deadlines.find((d) => d.kind === 'decision').due, '2026-06-20', '20 days of hearing move 05-31 to 06-20 exactly');

  // Art 58(2): after a hearing, no decision without legal review
  assert.ok(unmet(await act(A.head, id, 'decide_penalty', { penalty: { types: ['fine'], fine_fen: 200000 } })).includes('legal_review_passed'));
  await ok(A.officer, id, 'submit_legal_review');
  assert.deepEqual(unmet(await act(A.novice_reviewer, id, 'record_legal_review', { passed: true })), ['reviewer_legally_qualified']);
  await ok(A.reviewer, id, 'record_legal_review', { passed: true, opinion: '事实清楚，证据确凿，适用依据正确，程序合法。' });

  // Art 45(2): not heavier than notified
  assert.ok(unmet(await act(A.head, id, 'decide_penalty', { penalty: { types: ['fine'], fine_fen: 200001 } })).includes('not_heavier_than_notified'));
  // money is integer fen: decimals and negatives are 400 naming the field, nothing written
  for (const fine of [1500.5, -1, '2000']) {
    const r = await act(A.head, id, 'decide_penalty', { penalty: { types: ['fine'], fine_fen: fine } });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(r.body.errors.map((e) => e.field), ['penalty.fine_fen']);
  }
  for (const [date, why] of [[todayCN(2), 'future'], ['2026-02-19', 'before the violation']]) {
    const r = await act(A.head, id, 'decide_penalty', { penalty: { types: ['fine'], fine_fen: 200000 }, decision_date: date });
    assert.equal(r.status, 400, `${why}: ${r.text}`);
    assert.deepEqual(r.body.errors.map((e) => e.field), ['decision_date']);
  }
  // discretion (docs/cases.md §10 step 6): the range is the server's, never the client's;
  // CG010203 has no benchmark here, so no circumstances are asked for either
  const forged = await act(A.head, id, 'decide_penalty', {
    penalty: { types: ['fine'], fine_fen: 200000 }, decision_date: '2026-05-10',
    discretion: { rule: 'CG010203-R2', min_fen: 50000, max_fen: 300000, reason_outside: '理由' },
  });
  assert.equal(forged.status, 400, forged.text);
  assert.deepEqual(forged.body.errors.map((e) => e.field).sort(), ['discretion.circumstances', 'discretion.max_fen', 'discretion.min_fen', 'discretion.rule']);
  const noTable = await act(A.head, id, 'decide_penalty', { penalty: { types: ['fine'], fine_fen: 200000 }, decision_date: '2026-05-10', discretion: { circumstances: { area_m2: 20 } } });
  assert.equal(noTable.status, 400, noTable.text);
  assert.deepEqual(noTable.body.errors.map((e) => e.field), ['discretion']);
  assert.match(noTable.body.errors[0].message, /没有施行中的裁量基准/);
  assert.equal((await A.head('GET', `/api/v1/cases/${id}`)).body.state, 'legal_review', 'nothing written');
  const decided = await ok(A.head, id, 'decide_penalty', { penalty: { types: ['fine'], fine_fen: 200000 }, decision_date: '2026-05-10' });
  assert.equal(decided.state, 'decided');
  assert.equal(decided.decision_no, '西综执罚〔2026〕1号');
  assert.equal(decided.flagged_for_supervision, false);
  assert.equal(decided.discretion, null);
  decidedNo = decided.decision_no;
  await ok(A.officer, id, 'serve_decision', { service_date: '2026-05-12' });
  await ok(A.officer, id, 'record_payment', { paid_on: '2026-05-20' });
  await ok(A.head, id, 'close_case');
  const archived = await ok(A.officer, id, 'archive_case');
  assert.equal(archived.state, 'archived');
  assert.deepEqual(archived.allowed_actions.filter((a) => !a.startsWith('record_remedy')), []);

  const docs = await A.officer('GET', `/api/v1/cases/${id}/documents`);
  assert.equal(docs.status, 200, docs.text);
  assert.deepEqual(docs.body.items.map((d) => d.template), ['case_filing', 'inspection_record', 'inquiry_record', 'prior_notice',
    'hearing_notice', 'hearing_record', 'legal_review', 'decision', 'evidence_inventory', 'service_receipt', 'closing_report']);
  const decision = docs.body.items.find((d) => d.template === 'decision');
  assert.equal(decision.number, '西综执罚〔2026〕1号');
  const pdf = await fetch(`${s.url}/api/v1/cases/${id}/documents/${decision.id}`, { headers: { Authorization: `Bearer ${s.token}` } });
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const bytes = Buffer.from(await pdf.arrayBuffer());
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  assert.equal(createHash('sha256').update(bytes).digest('hex'), decision.sha256);

  // the party's page shows the penalty to every agency's officer
  const p = await B.officer('GET', `/api/v1/parties/${person.id}`);
  assert.equal(p.status, 200, p.text);
  assert.match(p.body.id_number, /^330106\*{8}\d{3}[\dX]$/);
  const h = p.body.cases.find((x) => x.decision_no === decidedNo);
  assert.ok(h && h.fine_fen === 200000 && h.agency_name === '西湖区综合行政执法局' && !h.case_id);

  // the ledger entry of the decision commits to {case, template, sha256} of these bytes
  const [salt, digest] = s.sql(`SELECT salt, state_digest FROM ledger_entries WHERE obj_type = 'case_document' AND obj_id = '${decision.id}'`).trim().split('|');
  const state = JSON.stringify({ case: id, sha256: createHash('sha256').update(bytes).digest('hex'), template: 'decision' });
  assert.equal(createHash('sha256').update(Buffer.concat([Buffer.from(salt, 'hex'), Buffer.from(state)])).digest('hex'), digest);
  // the ledger commits to every step and to each document's SHA-256
  assert.match(zhifa(['ledger', 'verify', '--db', s.db.url]), /^ok: /);
  s.sql(`UPDATE case_documents SET bytes = bytes || 'x' WHERE public_id = '${decision.id}'`);
  assert.throws(() => zhifa(['ledger', 'verify', '--db', s.db.url]), (e) => /FAILED: .*case_document/.test(e.stdout));
  s.sql(`UPDATE case_documents SET bytes = substr(bytes, 1, length(bytes) - 1) WHERE public_id = '${decision.id}'`);
});

test('Art 29: a second fine for the same act of the same party is refused, naming the earlier case', async () => {
  assert.ok(decidedNo, 'runs after the ordinary procedure');
  const id = await toNotified(person, { violation_date: '2026-02-20', violation_end: '2026-02-25', discovery_date: '2026-03-01' },
    { filing: '2026-03-03', record: '2026-03-04', notice: '2026-03-06', penalty: { types: ['fine'], fine_fen: 50000 } });
  await ok(A.officer, id, 'record_waiver');
  const r = await act(A.head, id, 'decide_penalty', { penalty: { types: ['fine'], fine_fen: 50000 }, decision_date: '2026-03-20' });
  assert.deepEqual(unmet(r), ['one_fine_per_act']);
  assert.match(r.body.unmet[0].detail, /西综执罚〔2026〕1号/);
  // a warning is not a second fine
  const w = await act(A.head, id, 'decide_penalty', { penalty: { types: ['warning'] }, decision_date: '2026-03-20' });
  assert.equal(w.status, 200, w.text);
});

test('Art 64(1): a hearing asked for after five working days (across National Day) is refused', async () => {
  const id = await toNotified(org, { violation_date: '2026-09-01', discovery_date: '2026-09-08' },
    { filing: '2026-09-10', record: '2026-09-11', notice: '2026-09-29', penalty: { types: ['fine'], fine_fen: 1000000 } });
  // 09-29 Tue; working days 09-30, 10-08, 10-09, 10-10 (adjusted Saturday), 10-12
  assert.deepEqual(unmet(await act(A.officer, id, 'request_hearing', { hearing_requested_on: '2026-10-13' })), ['hearing_request_in_time']);
  const r = await ok(A.officer, id, 'request_hearing', { hearing_requested_on: '2026-10-12' });
  assert.equal(r.state, 'hearing_requested');
});

test('Arts 51-52: the summary procedure up to 200 yuan for a person and 3,000 yuan for an organisation', async () => {
  let day = 1;
  const spot = (party, fine, extra = {}) => A.officer('POST', '/api/v1/cases/summary', {
    party_id: party.id, item_code: 'CG010204', cause: '乱扔垃圾', place_region: '330106', place: '西湖边',
    violation_date: todayCN(-day++), penalty: { types: ['fine'], fine_fen: fine }, officers: [A.o1.id, A.o2.id], ...extra,
  });
  const okPerson = await spot(person, 20000);
  assert.equal(okPerson.status, 201, okPerson.text);
  assert.equal(okPerson.body.state, 'served');
  assert.equal(okPerson.body.procedure, 'summary');
  assert.match(okPerson.body.decision_no, /^西综执简罚〔\d{4}〕\d+号$/);
  assert.deepEqual(unmet(await spot(person, 20001)), ['summary_fine_limit']);
  assert.equal((await spot(org, 300000)).status, 201);
  assert.deepEqual(unmet(await spot(org, 300001)), ['summary_fine_limit']);
  assert.deepEqual(unmet(await spot(person, 0, { penalty: { types: ['confiscate_gains'], confiscation_fen: 100 } })), ['summary_penalty_type']);
  const one = await spot(person, 100, { officers: [A.o1.id] });
  assert.equal(one.status, 400);
  assert.deepEqual(one.body.errors.map((e) => e.field), ['officers']);
  const paid = await spot(person, 5000, { collected_on_spot: true });
  assert.equal(paid.status, 201, paid.text);
  assert.equal(paid.body.state, 'paid');
  const docs = await A.officer('GET', `/api/v1/cases/${okPerson.body.id}/documents`);
  assert.deepEqual(docs.body.items.map((d) => d.template), ['onspot_decision']);
});

test('bad leads: dates in the future or before the violation, a place outside the agency, unknown party', async () => {
  const before = (await A.officer('GET', '/api/v1/cases?limit=500')).body.items.length;
  for (const [fields, field] of [
    [{ violation_date: todayCN(1) }, 'violation_date'],
    [{ discovery_date: '2026-02-19' }, 'discovery_date'],
    [{ violation_end: '2026-02-01' }, 'violation_end'],
    [{ place_region: '330108' }, 'place_region'],
    [{ item_code: 'XX000001' }, 'item_code'],
    [{ item_code: 'CG019999' }, 'item_code'], // well-formed, not in the catalog
    [{ item_code: 'CG010280' }, 'item_code'], // in the catalog only from 2026-06-01, after the act
    [{ party_id: 'no-such-party' }, 'party_id'],
  ]) {
    const r = await A.officer('POST', '/api/v1/cases', lead(person, fields));
    assert.equal(r.status, 400, `${JSON.stringify(fields)}: ${r.text}`);
    assert.deepEqual(r.body.errors.map((e) => e.field), [field]);
  }
  assert.equal((await A.officer('GET', '/api/v1/cases?limit=500')).body.items.length, before);
  // the item's first day in force: an act on that day is registered under it
  const first = await A.officer('POST', '/api/v1/cases', lead(person, { item_code: 'CG010280', violation_date: '2026-06-01', discovery_date: '2026-06-02' }));
  assert.equal(first.status, 201, first.text);
});

test("another agency's case is 404 and absent from its lists; a supervisor of the region reads it", async () => {
  const c = await A.officer('POST', '/api/v1/cases', lead(org));
  assert.equal(c.status, 201);
  assert.equal((await B.officer('GET', `/api/v1/cases/${c.body.id}`)).status, 404);
  assert.equal((await act(B.officer, c.body.id, 'file_case')).status, 404);
  assert.equal((await B.officer('GET', `/api/v1/cases/${c.body.id}/documents`)).status, 404);
  const list = await B.officer('GET', '/api/v1/cases?limit=500');
  assert.equal(list.status, 200);
  assert.ok(!list.body.items.some((x) => x.id === c.body.id));
  const mine = await A.officer('GET', `/api/v1/cases?party=${org.id}&state=lead`);
  assert.ok(mine.body.items.some((x) => x.id === c.body.id));
  const sup = await userWithToken(s, 'case_supervisor', 'supervisor', { region: '330100' });
  const seen = await call(s, 'GET', `/api/v1/cases/${c.body.id}`, undefined, { token: sup });
  assert.equal(seen.status, 200);
  assert.equal((await call(s, 'POST', `/api/v1/cases/${c.body.id}/actions/file_case`, {}, { token: sup })).status, 403);
});

test('deadlines: lists filter by deadline and the worklist shows the officer their cases', async () => {
  const overdue = await A.officer('GET', '/api/v1/cases?deadline=overdue');
  assert.equal(overdue.status, 200, overdue.text);
  assert.ok(overdue.body.items.length >= 1);
  for (const c of overdue.body.items) {
    const full = await A.officer('GET', `/api/v1/cases/${c.id}`);
    assert.ok(full.body.deadlines.some((d) => d.status === 'overdue'));
    // the list row carries the same running deadlines, so a list can colour them
    assert.deepEqual(c.deadlines, full.body.deadlines);
    for (const d of c.deadlines) assert.ok(['working_days', 'calendar_days', 'years'].includes(d.unit), d.unit);
  }
  const all = await A.officer('GET', '/api/v1/cases?limit=500');
  assert.ok(all.body.items.every((c) => Array.isArray(c.deadlines)));
  assert.ok(all.body.items.some((c) => c.state === 'lead' && c.deadlines.length === 0), 'a lead has no deadline yet');
  const work = await A.officer('GET', '/api/v1/cases/worklist');
  assert.equal(work.status, 200, work.text);
  assert.ok(work.body.items.length >= 1);
  assert.ok(work.body.items.every((c) => c.investigators.includes(A.o1.id)));
  assert.equal((await A.officer('GET', '/api/v1/cases?deadline=soon')).status, 400);
  assert.equal((await B.officer('GET', '/api/v1/cases/worklist')).body.items.length, 0);
});

test('parties: one registry, unique by identifier, with the identifier the kind needs', async () => {
  const dup = await B.officer('POST', '/api/v1/parties', { kind: 'person', name: '王某某', id_number: idNumber('33010619900101123') });
  assert.equal(dup.status, 409, dup.text);
  const wrong = await A.officer('POST', '/api/v1/parties', { kind: 'organisation', name: '某公司', id_number: idNumber('33010619900101124') });
  assert.equal(wrong.status, 400);
  assert.deepEqual(wrong.body.errors.map((e) => e.field).sort(), ['id_number', 'uscc']);
  const list = await A.officer('GET', '/api/v1/parties?q=王某');
  assert.ok(list.body.items.some((p) => p.id === person.id));
  assert.match(list.body.items[0].id_number, /\*{8}/);
});

test('steps back (Art 47): withdrawing and returning need a reason and go to the previous step', async () => {
  const c = await A.officer('POST', '/api/v1/cases', lead(org, { item_code: 'CG010299' }));
  const id = c.body.id;
  await ok(A.head, id, 'file_case', { filing_date: '2026-03-02' });
  await ok(A.officer, id, 'start_investigation', { investigators: [A.o1.id, A.o2.id] });
  const rec = await A.officer('POST', `/api/v1/cases/${id}/records`, { kind: 'inquiry', date: '2026-03-03', officers: [A.o1.id, A.o2.id] });
  assert.equal(rec.status, 201, rec.text);
  await ok(A.officer, id, 'submit_investigation');
  assert.deepEqual(unmet(await act(A.officer2, id, 'withdraw_submission', { reason: '补充材料' })), ['actor_is_submitter']);
  assert.deepEqual(unmet(await act(A.officer, id, 'withdraw_submission')), ['reason_given']);
  const back = await ok(A.officer, id, 'withdraw_submission', { reason: '补充现场照片' });
  assert.equal(back.state, 'investigating');
  await ok(A.officer, id, 'submit_investigation');
  const returned = await ok(A.head, id, 'return_previous', { reason: '证据不足，退回补充' });
  assert.equal(returned.state, 'investigating');
  assert.deepEqual(returned.steps.map((x) => [x.action, x.to]).slice(-3),
    [['withdraw_submission', 'investigating'], ['submit_investigation', 'review'], ['return_previous', 'investigating']]);
  assert.equal(returned.steps.at(-1).reason, '证据不足，退回补充');
});

test('Art 55: a record by an officer whose certificate had expired on its date is refused', async () => {
  const expired = await officer(A.agency, { cert_issued: '2020-01-01', cert_expires: '2026-03-01' });
  const c = await A.officer('POST', '/api/v1/cases', lead(org, { item_code: 'CG010298' }));
  await ok(A.head, c.body.id, 'file_case', { filing_date: '2026-03-02' });
  await ok(A.officer, c.body.id, 'start_investigation', { investigators: [A.o1.id, A.o2.id] });
  const r = await A.officer('POST', `/api/v1/cases/${c.body.id}/records`, { kind: 'inspection', date: '2026-03-05', officers: [A.o1.id, expired.id] });
  assert.deepEqual(unmet(r), ['officer_certificates_valid']);
  const other = await A.officer('POST', `/api/v1/cases/${c.body.id}/records`, { kind: 'inspection', date: '2026-03-05', officers: [A.o1.id, B.o1.id] });
  assert.equal(other.status, 400, other.text);
  assert.deepEqual(other.body.errors.map((e) => e.field), ['officers']);
});

test('Arts 33, 57: a minor violation corrected at once is not penalised, under its own number', async () => {
  const id = await toNotified(org, { item_code: 'CG010297' },
    { filing: '2026-03-02', record: '2026-03-03', notice: '2026-03-04', penalty: { types: ['warning'] } });
  assert.deepEqual(unmet(await act(A.head, id, 'decide_no_penalty', { decision_date: '2026-03-20' })), ['no_penalty_ground']);
  const np = await ok(A.head, id, 'decide_no_penalty', { decision_date: '2026-03-20', grounds: ['minor_corrected'] });
  assert.equal(np.state, 'no_penalty');
  assert.match(np.decision_no, /^西综执不罚〔2026〕\d+号$/);
});

test('Art 29 across agencies: another agency may not fine the same act again', async () => {
  assert.ok(decidedNo, 'runs after the ordinary procedure');
  const o2 = await officer(B.agency);
  const bHeadOfficer = await officer(B.agency);
  const head = await account('case_b_head', 'agency_head', B.agency, bHeadOfficer);
  const c = await B.officer('POST', '/api/v1/cases', lead(person, { place_region: '330108', place: '滨江区某路', violation_date: '2026-02-18', violation_end: '2026-02-21' }));
  assert.equal(c.status, 201, c.text);
  const id = c.body.id;
  await ok(head, id, 'file_case', { filing_date: '2026-03-02' });
  await ok(B.officer, id, 'start_investigation', { investigators: [B.o1.id, o2.id] });
  assert.equal((await B.officer('POST', `/api/v1/cases/${id}/records`, { kind: 'inspection', date: '2026-03-03', officers: [B.o1.id, o2.id] })).status, 201);
  await ok(B.officer, id, 'submit_investigation');
  const n = await ok(B.officer, id, 'issue_prior_notice', { penalty: { types: ['fine'], fine_fen: 30000 }, notice_date: '2026-03-04' });
  assert.match(n.case_no, /^滨市执立〔2026〕1号$/);
  await ok(B.officer, id, 'record_waiver');
  const r = await act(head, id, 'decide_penalty', { penalty: { types: ['fine'], fine_fen: 30000 }, decision_date: '2026-03-20' });
  assert.deepEqual(unmet(r), ['one_fine_per_act']);
  assert.match(r.body.unmet[0].detail, /西综执罚〔2026〕1号（西湖区综合行政执法局）/);
});

// Art 58(2) binds whoever does legal review for the first time under the revised law
// (in force 2021-07-15, Art 86): a reviewer registered as doing it before then need not
// hold the 法律职业资格; the registry keeps the day and the document that shows it.
test('Art 58(2): legal-review experience before 2021-07-15 stands in for the qualification', async () => {
  const vet = await officer(A.agency);
  const vetReviewer = await account('case_veteran', 'legal_reviewer', A.agency, vet);
  const path = `/api/v1/officers/${vet.id}`;
  const ledgerSize = async () => (await s.api('GET', '/api/v1/ledger/checkpoint')).body.tree_size;
  const size0 = await ledgerSize();
  // bad input: 400 naming the field, nothing written
  for (const [body, field] of [
    [{ legal_review_since: '2019-02-29', legal_review_note: '西综执法审〔2019〕3号' }, 'legal_review_since'],
    [{ legal_review_since: todayCN(1), legal_review_note: '西综执法审〔2019〕3号' }, 'legal_review_since'],
    [{ legal_review_since: 20190506, legal_review_note: '西综执法审〔2019〕3号' }, 'legal_review_since'],
    [{ legal_review_since: '2019-05-06' }, 'legal_review_note'],
    [{ legal_review_since: '2019-05-06', legal_review_note: '   ' }, 'legal_review_note'],
    [{ legal_review_since: '2019-05-06', legal_review_note: '审'.repeat(201) }, 'legal_review_note'],
    [{ legal_review_note: '西综执法审〔2019〕3号' }, 'legal_review_since'],
  ]) {
    const r = await s.api('PATCH', path, body);
    assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
    assert.deepEqual(r.body.errors.map((e) => e.field), [field], JSON.stringify(body));
  }
  let got = (await s.api('GET', path)).body;
  assert.equal(got.legal_review_since, null);
  assert.equal(got.legal_review_note, null);
  assert.equal(await ledgerSize(), size0, 'nothing written');
  // only the roles that manage officers: an officer may not; another agency's head does not see it
  assert.equal((await A.officer('PATCH', path, { legal_review_since: '2019-05-06', legal_review_note: 'x' })).status, 403);
  const bHead = await account('case_b_head3', 'agency_head', B.agency);
  assert.equal((await bHead('PATCH', path, { legal_review_since: '2019-05-06', legal_review_note: 'x' })).status, 404);

  // a case whose 100,000-yuan fine (organisation) needs legal review (Art 58(1)(4), the agency's catalogue)
  await importCatalogItems(s, ['CG010281']);
  const pen = { types: ['fine'], fine_fen: 10000000 };
  const id = await toNotified(org, { item_code: 'CG010281' }, { filing: '2026-03-02', record: '2026-03-03', notice: '2026-03-04', penalty: pen });
  await ok(A.officer, id, 'record_waiver');
  await ok(A.officer, id, 'submit_legal_review');
  // neither the qualification nor experience: 409, Art 58(2), saying what is missing
  let r = await act(vetReviewer, id, 'record_legal_review', { passed: true });
  assert.deepEqual(unmet(r), ['reviewer_legally_qualified']);
  assert.equal(r.body.unmet[0].article, '行政处罚法第五十八条第二款');
  assert.equal(r.body.unmet[0].detail, '未登记法律职业资格，也未登记2021年7月15日前从事法制审核的经历');
  // experience from the day the revised law took effect is first-time review under it
  const size1 = await ledgerSize();
  let p = await s.api('PATCH', path, { legal_review_since: '2021-07-15', legal_review_note: '西综执法审〔2021〕12号' });
  assert.equal(p.status, 200, p.text);
  assert.equal(await ledgerSize(), size1 + 1, 'the registry write is in the ledger');
  r = await act(vetReviewer, id, 'record_legal_review', { passed: true });
  assert.deepEqual(unmet(r), ['reviewer_legally_qualified']);
  assert.match(r.body.unmet[0].detail, /2021-07-15不早于2021年7月15日/);
  // one day earlier: the exemption holds, the review counts and the decision may follow
  p = await s.api('PATCH', path, { legal_review_since: '2021-07-14', legal_review_note: '西综执法审〔2021〕11号' });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.body.legal_review_since, '2021-07-14');
  assert.equal(p.body.legal_review_note, '西综执法审〔2021〕11号');
  assert.equal(p.body.legal_qualified, false);
  const reviewed = await ok(vetReviewer, id, 'record_legal_review', { passed: true, opinion: '事实清楚，证据确凿，适用依据正确，程序合法。' });
  assert.equal(reviewed.legal_reviewer_qualified, true);
  // the 法制审核意见书 states the ground the reviewer signs on
  const pdf = await fetch(`${s.url}/api/v1/cases/${id}/documents/legal_review`, { headers: { Authorization: `Bearer ${s.token}` } });
  assert.equal(pdf.status, 200);
  const dir = mkdtempSync(join(tmpdir(), 'zhifa-reviewer-'));
  writeFileSync(join(dir, 'r.pdf'), Buffer.from(await pdf.arrayBuffer()));
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'r.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  rmSync(dir, { recursive: true, force: true });
  assert.ok(text.includes(`${vet.name}（执法证号：${vet.cert_no}；自2021-07-14起从事法制审核，早于2021年7月15日）`), text);
  const decided = await ok(A.head, id, 'decide_penalty', { penalty: pen, decision_date: '2026-03-20' });
  assert.equal(decided.state, 'decided');
  // clearing the day clears the document with it
  p = await s.api('PATCH', path, { legal_review_since: null });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.body.legal_review_note, null);
  got = (await s.api('GET', path)).body;
  assert.equal(got.legal_review_since, null);
});

test('Art 72, 行政强制法 Arts 53-54: unpaid after 15 days, a demand, then the court after 10 working days', async () => {
  const id = await toNotified(org, { item_code: 'CG010296' },
    { filing: '2026-03-02', record: '2026-03-03', notice: '2026-03-04', penalty: { types: ['fine'], fine_fen: 80000 } });
  await ok(A.officer, id, 'record_waiver');
  await ok(A.head, id, 'decide_penalty', { penalty: { types: ['fine'], fine_fen: 80000 }, decision_date: '2026-03-20' });
  const served = await ok(A.officer, id, 'serve_decision', { service_date: '2026-03-23' });
  assert.equal(served.deadlines.find((d) => d.kind === 'payment').due, '2026-04-07', '15 days from 03-23');
  assert.deepEqual(unmet(await act(A.head, id, 'apply_enforcement')), ['state_allows_action']);
  await ok(A.officer, id, 'mark_overdue');
  await ok(A.officer, id, 'issue_demand', { demand_served: '2026-04-10' });
  const applied = await ok(A.head, id, 'apply_enforcement');
  assert.equal(applied.state, 'enforcement_applied');
});

test('two steps at once: one wins, the other finds the case already moved', async () => {
  const c = await A.officer('POST', '/api/v1/cases', lead(org, { item_code: 'CG010295' }));
  const both = await Promise.all([1, 2].map(() => act(A.head, c.body.id, 'file_case', { filing_date: '2026-03-02' })));
  assert.deepEqual(both.map((r) => r.status).sort(), [200, 409]);
  const steps = (await A.head('GET', `/api/v1/cases/${c.body.id}`)).body.steps;
  assert.deepEqual(steps.map((x) => x.action), ['file_case']);
});

test('an action takes only the members it reads: a stray or misspelled member is 400 and writes nothing', async () => {
  const c = await A.officer('POST', '/api/v1/cases', lead(org, { item_code: 'CG010294' }));
  assert.equal(c.status, 201, c.text);
  const id = c.body.id;
  // notice_date belongs to issue_prior_notice, filing_dat is a typo of filing_date
  const stray = await act(A.head, id, 'file_case', { filing_date: '2026-03-02', notice_date: '2026-03-02', filing_dat: '2026-03-02' });
  assert.equal(stray.status, 400, stray.text);
  assert.deepEqual(stray.body.errors.map((e) => e.field).sort(), ['filing_dat', 'notice_date']);
  assert.match(stray.body.errors[0].message, /file_case/);
  const after = await A.officer('GET', `/api/v1/cases/${id}`);
  assert.equal(after.body.state, 'lead');
  assert.equal(after.body.steps.length, 0);
  // a penalty on a step that reads none; reason is every step's
  const pen = await act(A.head, id, 'decline_filing', { reason: '不属于本机关管辖', penalty: { types: ['warning'] } });
  assert.deepEqual(pen.body.errors.map((e) => e.field), ['penalty']);
  await ok(A.head, id, 'file_case', { filing_date: '2026-03-02', reason: '符合立案条件' });
});

test('Art 60 "另有规定": the head extends the 90-day decision deadline with a reason; it shows in deadlines[]', async () => {
  const c = await A.officer('POST', '/api/v1/cases', lead(org, { item_code: 'CG010293' }));
  assert.equal(c.status, 201, c.text);
  const id = c.body.id;
  // no decision deadline runs on a lead
  assert.deepEqual(unmet(await act(A.head, id, 'extend_deadline', { days: 30, reason: '需检测' })), ['state_allows_action']);
  await ok(A.head, id, 'file_case', { filing_date: '2026-03-02' });
  const byOfficer = await act(A.officer, id, 'extend_deadline', { days: 30, reason: '需检测' });
  assert.equal(byOfficer.status, 403, byOfficer.text);
  assert.deepEqual(unmet(await act(A.head, id, 'extend_deadline', { days: 30 })), ['reason_given']);
  for (const days of [0, 366, 1.5, '30', undefined]) {
    const r = await act(A.head, id, 'extend_deadline', { days, reason: '需检测' });
    assert.equal(r.status, 400, `${days}: ${r.text}`);
    assert.deepEqual(r.body.errors.map((e) => e.field), ['days']);
  }
  const x = await ok(A.head, id, 'extend_deadline', { days: 30, reason: '案情复杂，需委托检测鉴定，经负责人批准延长' });
  const d2 = x.deadlines.find((d) => d.kind === 'decision');
  assert.equal(d2.due, '2026-06-30', '2026-05-31 + 30 days');
  assert.equal(d2.extensions.length, 1);
  assert.equal(d2.extensions[0].days, 30);
  assert.ok(d2.extensions[0].approved_by > 0);
  assert.equal(x.steps.at(-1).action, 'extend_deadline');
  assert.equal(x.state, 'filed');
  const y = await ok(A.head, id, 'extend_deadline', { days: 15, reason: '再次延长' });
  assert.equal(y.deadlines.find((d) => d.kind === 'decision').due, '2026-07-15');
  // the stored next due (the lists' and worklist's order) follows the extension
  const running = y.deadlines.filter((d) => d.status !== 'paused').map((d) => d.due).sort();
  assert.equal(y.next_due, running[0]);
  assert.ok(running.length > 1 || y.next_due === '2026-07-15');
});

test('per-agency configuration: the head sets its own agency\'s hearing threshold; statutory figures stay the law\'s', async () => {
  const path = `/api/v1/agencies/${A.agency.id}/case-config`;
  const d = await A.officer('GET', path);
  assert.equal(d.status, 200, d.text);
  assert.equal(d.body.effective.hearing_fine_org_fen, 1000000, 'default: 10,000 yuan for an organisation');
  assert.equal(d.body.effective.summary_fine_org_fen, 300000);
  const before = (await A.officer('GET', path)).body;
  assert.equal((await A.officer('PUT', path, { hearing_fine_org_fen: 500000 })).status, 403);
  for (const [body, field] of [
    [{ summary_fine_org_fen: 1 }, 'summary_fine_org_fen'], // Art 51 is the law's
    [{ statement_working_days: 2 }, 'statement_working_days'],
    [{ hearing_fine_org_fen: 0 }, 'hearing_fine_org_fen'],
    [{ hearing_fine_org_fen: 5000.5 }, 'hearing_fine_org_fen'],
    [{ hearing_extra_types: ['no_such_type'] }, 'hearing_extra_types'],
  ]) {
    const r = await A.head('PUT', path, body);
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(r.body.errors.map((e) => e.field), [field]);
  }
  assert.deepEqual((await A.officer('GET', path)).body, before, 'nothing written');
  // another agency's head may not set A's configuration
  const bHead = await account('case_b_head2', 'agency_head', B.agency);
  assert.equal((await bHead('PUT', path, { hearing_fine_org_fen: 1 })).status, 404, 'outside its scope');

  // a 6,000-yuan fine: no hearing right under the default, a right once A sets 5,000 yuan
  const pen = { types: ['fine'], fine_fen: 600000 };
  const plain = await toNotified(org, { item_code: 'CG010292' }, { filing: '2026-03-02', record: '2026-03-03', notice: '2026-03-04', penalty: pen });
  assert.ok(!(await A.officer('GET', `/api/v1/cases/${plain}`)).body.deadlines.some((x) => x.kind === 'hearing_request'));
  const set = await A.head('PUT', path, { ...CASE_SETTINGS, hearing_fine_org_fen: 500000, statement_working_days: 7 });
  assert.equal(set.status, 200, set.text);
  assert.deepEqual(set.body.overrides, { ...CASE_SETTINGS, hearing_fine_org_fen: 500000, statement_working_days: 7 });
  assert.equal(set.body.effective.hearing_fine_org_fen, 500000);
  assert.equal(set.body.effective.statement_working_days, 7);
  const heavy = await toNotified(org, { item_code: 'CG010291' }, { filing: '2026-03-02', record: '2026-03-03', notice: '2026-03-04', penalty: pen });
  const g = (await A.officer('GET', `/api/v1/cases/${heavy}`)).body;
  assert.ok(g.deadlines.some((x) => x.kind === 'hearing_request'), 'Art 63: the agency\'s figure gives the right');
  // reset to the defaults (the agency's own facts stay)
  const reset = await A.head('PUT', path, { ...CASE_SETTINGS });
  assert.equal(reset.body.effective.hearing_fine_org_fen, 1000000);
});

// Art 34 benchmarks bind where they exist: the server evaluates the circumstances for the
// case's item itself (Art 37 从旧兼从轻 between the violation and the decision); outside its
// range, or a penalty where it recommends none, needs a reason and flags the case.
test('discretion at the decision: the server applies the benchmark in force (Art 37), a departure needs a reason and is flagged', async () => {
  const rule = (id, when, outcome, lo, hi) => ({ id, when, outcome, fine_min_fen: lo, fine_max_fen: hi, basis: `第${id}档`, explanation_zh: '说明' });
  const table = (version, from, [small, big]) => ({
    item_code: 'CG010310', version, title: '占道测试事项', effective_from: from,
    basis: { law: '测试条例', article: '第一条', benchmark: `测试裁量基准${version}` },
    inputs: [{ name: 'corrected', type: 'bool', zh: '及时改正' }, { name: 'area_m2', type: 'int', zh: '占用面积（平方米）' }],
    hit_policy: 'unique',
    rules: [rule('np', { corrected: true }, 'no_penalty', 0, 0), rule('small', { corrected: false, area_m2: { lt: 10 } }, ...small),
      rule('big', { corrected: false, area_m2: { ge: 10 } }, ...big)],
    tests: [{ name: 'ten', circumstances: { corrected: false, area_m2: 10 }, expect: { rule: 'big', outcome: big[0], min_fen: big[1], max_fen: big[2] } }],
  });
  // in force at the violation (2026-02-20); from 2026-04-01 a lighter version
  for (const t of [table('2020.1', '2020-01-01', [['ordinary', 50000, 100000], ['heavier', 100000, 300000]]),
    table('2026.4', '2026-04-01', [['lighter', 20000, 60000], ['ordinary', 60000, 200000]])]) {
    const r = await s.api('POST', '/api/v1/discretion/tables', t);
    assert.equal(r.status, 201, r.text);
  }
  const pen = (fine_fen) => ({ types: ['fine'], fine_fen });
  const stored = async (id) => {
    const c = (await A.head('GET', `/api/v1/cases/${id}`)).body;
    return { ...c, discretion: c.discretion && JSON.parse(c.discretion) };
  };
  const notified = async (violation_date) => {
    const id = await toNotified(org, { item_code: 'CG010310', violation_date }, { filing: '2026-03-02', record: '2026-03-03', notice: '2026-03-04', penalty: pen(300000) });
    await ok(A.officer, id, 'record_waiver');
    return id;
  };

  const id = await notified('2026-02-20');
  // the benchmark exists: no circumstances is 409 citing Art 34; nothing written
  const none = await act(A.head, id, 'decide_penalty', { penalty: pen(150000), decision_date: '2026-05-10' });
  assert.deepEqual(unmet(none), ['discretion_circumstances_given']);
  assert.match(none.body.unmet[0].zh, /裁量基准/);
  assert.match(none.body.unmet[0].article, /第三十四条/);
  assert.match(none.body.unmet[0].detail, /CG010310 2020\.1/);
  // a client's range is not accepted, even beside the circumstances
  const forged = await act(A.head, id, 'decide_penalty', {
    penalty: pen(250000), decision_date: '2026-05-10', discretion: { circumstances: { corrected: false, area_m2: 15 }, min_fen: 0, max_fen: 300000 },
  });
  assert.equal(forged.status, 400, forged.text);
  assert.deepEqual(forged.body.errors.map((e) => e.field).sort(), ['discretion.max_fen', 'discretion.min_fen']);
  // circumstances the benchmark does not know, or a missing one, are named under discretion
  const bad = await act(A.head, id, 'decide_penalty', { penalty: pen(150000), decision_date: '2026-05-10', discretion: { circumstances: { corrected: 'no' } } });
  assert.equal(bad.status, 400, bad.text);
  assert.ok(bad.body.errors.length >= 1 && bad.body.errors.every((e) => e.field.startsWith('discretion.circumstances')), bad.text);
  // 15 m², not corrected: 2020.1 says heavier 1,000–3,000 yuan, 2026.4 (in force at the
  // decision) ordinary 600–2,000 yuan, which is lighter and so applies (Art 37)
  const circ = { corrected: false, area_m2: 15 };
  const check = await s.api('POST', '/api/v1/discretion/evaluate', { item_code: 'CG010310', date: '2026-02-20', decision_date: '2026-05-10', circumstances: circ });
  assert.equal(check.status, 200, check.text);
  assert.deepEqual([check.body.version, check.body.min_fen, check.body.max_fen, check.body.applied_newer], ['2026.4', 60000, 200000, true]);
  // 2,500 yuan is inside the old range but above the one that applies: a reason is required
  const noReason = await act(A.head, id, 'decide_penalty', { penalty: pen(250000), decision_date: '2026-05-10', discretion: { circumstances: circ } });
  assert.equal(noReason.status, 400, noReason.text);
  assert.deepEqual(noReason.body.errors.map((e) => e.field), ['discretion.reason_outside']);
  assert.match(noReason.body.errors[0].message, /60000–200000/);
  const before = await stored(id);
  assert.equal(before.state, 'notified', 'nothing written');
  assert.equal(before.discretion, null);
  const decided = await ok(A.head, id, 'decide_penalty', {
    penalty: pen(250000), decision_date: '2026-05-10', discretion: { circumstances: circ, reason_outside: '占道时间长，经责令后仍未清理' },
  });
  assert.equal(decided.state, 'decided');
  assert.equal(decided.flagged_for_supervision, true);
  const d = (await stored(id)).discretion;
  for (const k of ['rule', 'outcome', 'min_fen', 'max_fen', 'version', 'applied_newer', 'violation_version', 'basis', 'note']) {
    assert.deepEqual(d[k], check.body[k], `stored ${k} is the engine's`);
  }
  assert.deepEqual([d.rule, d.outcome, d.violation_version], ['big', 'ordinary', '2020.1']);
  assert.deepEqual(d.circumstances, circ);
  assert.deepEqual([d.fine_fen, d.amount, d.departs, d.reason_outside], [250000, 'above', true, '占道时间长，经责令后仍未清理']);
  assert.deepEqual([d.violation_date, d.decision_date], ['2026-02-20', '2026-05-10']);

  // another act, decided before 2026-04-01: only 2020.1 is in force, 1,500 yuan inside it
  const id2 = await notified('2026-02-21');
  // the benchmark recommends no penalty (corrected): a fine needs a reason
  const np = await act(A.head, id2, 'decide_penalty', { penalty: pen(150000), decision_date: '2026-03-20', discretion: { circumstances: { corrected: true, area_m2: 15 } } });
  assert.equal(np.status, 400, np.text);
  assert.deepEqual(np.body.errors.map((e) => e.field), ['discretion.reason_outside']);
  assert.match(np.body.errors[0].message, /不予处罚/);
  const inside = await ok(A.head, id2, 'decide_penalty', {
    penalty: pen(150000), decision_date: '2026-03-20', discretion: { circumstances: circ, reason_outside: '不需要' },
  });
  assert.equal(inside.flagged_for_supervision, false);
  const d2 = (await stored(id2)).discretion;
  assert.deepEqual([d2.version, d2.applied_newer, d2.outcome, d2.min_fen, d2.max_fen, d2.amount, d2.departs, d2.reason_outside],
    ['2020.1', false, 'heavier', 100000, 300000, 'inside', false, undefined]);
});
