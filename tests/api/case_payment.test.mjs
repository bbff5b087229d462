// Payment of a penalty decision (行政处罚法 Arts 66-73): the 15-day period rolled over a
// holiday, the 3 %-a-day late fee (加处罚款) from the day after it, capped at the fine,
// deferral (暂缓) and instalments (分期) approved by the head on the party's application,
// and the Art 60 deadline extended with the head's approval. The server's "today" is fixed
// (ZHIFA_TODAY) so that every count below is exact; a second server on the same database
// with a later today shows the fee running again after a deferral.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, call, seedRegions, newAgency, setCaseSettings, CASE_SETTINGS, idNumber, newUscc, userWithToken, importCatalogItems } from './lib.mjs';

const TODAY = '2025-12-31';
let s;
const A = {};
const FINE = 100000; // 1,000 yuan: no hearing right for an organisation

before(async () => {
  s = await startServer('case-payment', { env: { ZHIFA_TODAY: TODAY } });
  await seedRegions(s);
  await importCatalogItems(s, ['CG010501']);
  A.agency = await newAgency(s, { name: '西湖区综合行政执法局', kind: 'comprehensive', domain: '' });
  await setCaseSettings(s, A.agency.id);
  const off = [];
  for (const n of ['1', '2', '3']) {
    const r = await s.api('POST', '/api/v1/officers', { agency_id: A.agency.id, name: `缴款${n}`, id_number: idNumber(`33010619850202${n}00`), cert_no: `ZJ-PAY-${process.pid}-${n}`, cert_issued: '2020-01-01' });
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
  A.officer = await account('pay_officer', 'officer', off[0]);
  A.head = await account('pay_head', 'agency_head', off[2]);
});
after(async () => { await s.stop(); });

async function act(who, id, action, body = {}) {
  return who('POST', `/api/v1/cases/${id}/actions/${action}`, body);
}
async function ok(who, id, action, body = {}) {
  const r = await act(who, id, action, body);
  assert.equal(r.status, 200, `${action}: ${r.text}`);
  return r.body;
}
const get = async (id, srv = null) => (srv ? srv.api('GET', `/api/v1/cases/${id}`) : A.officer('GET', `/api/v1/cases/${id}`)).then((r) => r.body);

// A case decided with a fine of FINE on decision and served on service, each with its own
// party (so that Art 29 never joins them).
let serial = 0;
async function served(service, { violation = '2025-08-01', decision } = {}) {
  serial += 1;
  const party = await A.officer('POST', '/api/v1/parties', { kind: 'organisation', name: `缴款测试公司${serial}`, uscc: newUscc() });
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
  await ok(A.head, id, 'decide_penalty', { penalty: { types: ['fine'], fine_fen: FINE }, decision_date: decision || service });
  const sv = await ok(A.officer, id, 'serve_decision', { service_date: service });
  assert.equal(sv.state, 'served');
  return id;
}

test('Art 67/72: served 09-16, the 15th day is National Day, so the period ends 10-09; paying on 10-09 costs nothing, on 10-10 3 %', async () => {
  const onTime = await served('2025-09-16');
  const d6 = (await get(onTime)).deadlines.find((d) => d.kind === 'payment');
  assert.equal(d6.due, '2025-10-09', 'rolled over 10-01..10-08');
  const paid = await ok(A.officer, onTime, 'record_payment', { paid_on: '2025-10-09' });
  assert.equal(paid.state, 'paid');
  assert.equal(paid.late_fee_due_fen, 0);
  await ok(A.head, onTime, 'close_case');

  const late = await served('2025-09-16');
  // the fee is owed with the fine: recording the fine alone is refused and writes nothing
  const alone = await act(A.officer, late, 'record_payment', { paid_on: '2025-10-10' });
  assert.equal(alone.status, 409, alone.text);
  assert.equal(alone.body.code, 'late_fee_outstanding');
  assert.match(alone.body.detail, /3000/);
  assert.equal((await get(late)).state, 'served');
  const p = await ok(A.officer, late, 'record_payment', { paid_on: '2025-10-10', late_fee_paid: true });
  assert.equal(p.late_fee_due_fen, 3000, '3 % of 1,000 yuan for one day');
  assert.deepEqual({ days: p.late_fee.days, capped: p.late_fee.capped, as_of: p.late_fee.as_of, paid: p.late_fee.paid },
    { days: 1, capped: false, as_of: '2025-10-10', paid: true });
  await ok(A.head, late, 'close_case');
});

test('Art 72(1): 33 days late is 99 %, the 34th day reaches the cap, and the fee never passes the fine', async () => {
  const cases = [];
  for (const [paidOn, fee, capped] of [['2025-11-11', 99000, false], ['2025-11-12', FINE, true], ['2025-12-31', FINE, true]]) {
    const id = await served('2025-09-16');
    const p = await ok(A.officer, id, 'record_payment', { paid_on: paidOn, late_fee_paid: true });
    assert.equal(p.late_fee_due_fen, fee, paidOn);
    assert.equal(p.late_fee.capped, capped, paidOn);
    if (capped) assert.equal(p.late_fee.cap_day, '2025-11-12');
    cases.push(id);
  }
  // unpaid, as of today (2025-12-31): capped at the fine, not one fen more
  const open = await served('2025-09-16');
  const g = await get(open);
  assert.equal(g.late_fee_due_fen, FINE);
  assert.equal(g.late_fee.as_of, TODAY);
  // a payment day before the service is refused
  const early = await act(A.officer, open, 'record_payment', { paid_on: '2025-09-15', late_fee_paid: true });
  assert.equal(early.status, 400, early.text);
  assert.deepEqual(early.body.errors.map((e) => e.field), ['paid_on']);
});

test('Art 66(2): a deferral needs the application and a later end; it stops the fee until its end', async () => {
  const id = await served('2025-12-01'); // period ends 12-16; 12-17..12-30 is 14 days late
  assert.equal((await get(id)).late_fee_due_fen, 42000 + 3000, '15 days as of 12-31');
  await ok(A.officer, id, 'mark_overdue');
  const noApp = await act(A.head, id, 'approve_deferral', { deferred_until: '2026-01-31' });
  assert.equal(noApp.status, 409, noApp.text);
  assert.ok(noApp.body.unmet.some((u) => u.code === 'party_applied'));
  for (const [body, field] of [
    [{ party_applied: true }, 'deferred_until'],
    [{ party_applied: true, deferred_until: '2025-12-31' }, 'deferred_until'],
    [{ party_applied: true, deferred_until: '2026-01-31', instalments: [] }, 'instalments'],
  ]) {
    const r = await act(A.head, id, 'approve_deferral', body);
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(r.body.errors.map((e) => e.field), [field]);
  }
  const byOfficer = await act(A.officer, id, 'approve_deferral', { party_applied: true, deferred_until: '2026-01-31', reason: '经营困难' });
  assert.equal(byOfficer.status, 403, byOfficer.text);
  const d = await ok(A.head, id, 'approve_deferral', { party_applied: true, deferred_until: '2026-01-31', reason: '经营困难' });
  assert.equal(d.state, 'deferred');
  assert.equal(d.deferred_from, TODAY);
  assert.equal(d.late_fee_due_fen, 42000, 'the 14 days before the approval stay; today no longer counts');
  assert.ok(!d.allowed_actions.includes('mark_overdue'), 'not overdue before the deferral ends');

  // on 2026-02-03 the deferral has ended: 14 + 3 days (02-01..02-03)
  const later = await startServer('case-payment-later', { reuse: s, env: { ZHIFA_TODAY: '2026-02-03' } });
  try {
    const g = await get(id, later);
    assert.equal(g.late_fee_due_fen, 51000);
    assert.equal(g.late_fee.days, 17);
    assert.ok(g.allowed_actions.includes('mark_overdue') === false, 'the admin holds no case role');
    const nx = g.next_actions.find((n) => n.action === 'mark_overdue');
    assert.deepEqual(nx.unmet.map((u) => u.code), ['role_permitted'], 'the period has passed; only the role is missing');
  } finally {
    await later.stop();
  }
});

test('Art 66(2): instalments sum to the fine, are paid one by one, the last with record_payment', async () => {
  const id = await served('2025-12-22'); // period ends 2026-01-06
  const one = [{ amount_fen: 50000, due: '2026-01-31' }, { amount_fen: 50001, due: '2026-02-28' }];
  const over = await act(A.head, id, 'approve_instalments', { party_applied: true, instalments: one });
  assert.equal(over.status, 400, over.text);
  assert.deepEqual(over.body.errors.map((e) => e.field), ['instalments']);
  assert.match(over.body.errors[0].message, /100001/);
  for (const bad of [
    [{ amount_fen: FINE, due: '2026-01-31' }], // one instalment is no schedule
    [{ amount_fen: 50000, due: '2026-02-28' }, { amount_fen: 50000, due: '2026-01-31' }], // out of order
    [{ amount_fen: 50000.5, due: '2026-01-31' }, { amount_fen: 49999.5, due: '2026-02-28' }],
    [{ amount_fen: 50000, due: '2025-12-30' }, { amount_fen: 50000, due: '2026-02-28' }], // already past
  ]) {
    const r = await act(A.head, id, 'approve_instalments', { party_applied: true, instalments: bad });
    assert.equal(r.status, 400, `${JSON.stringify(bad)}: ${r.text}`);
    assert.ok(r.body.errors.every((e) => e.field.startsWith('instalments')), r.text);
  }
  assert.equal((await get(id)).state, 'served');
  const plan = [{ amount_fen: 50000, due: '2026-01-31' }, { amount_fen: 50000, due: '2026-02-28' }];
  const ap = await ok(A.head, id, 'approve_instalments', { party_applied: true, instalments: plan, reason: '分两期' });
  assert.equal(ap.state, 'instalments');
  assert.deepEqual(JSON.parse(ap.instalments), plan.map((p) => ({ ...p, paid_on: null })));
  const first = await ok(A.officer, id, 'pay_instalment', { paid_on: TODAY });
  assert.equal(first.state, 'instalments');
  assert.equal(JSON.parse(first.instalments)[0].paid_on, TODAY);
  const again = await act(A.officer, id, 'pay_instalment', { paid_on: TODAY });
  assert.equal(again.status, 409, again.text);
  assert.deepEqual(again.body.unmet.map((u) => u.code), ['instalment_not_last']);
  const last = await ok(A.officer, id, 'record_payment', { paid_on: TODAY });
  assert.equal(last.state, 'paid');
  assert.equal(last.late_fee_due_fen, 0);
  assert.ok(JSON.parse(last.instalments).every((i) => i.paid_on === TODAY));
  await ok(A.head, id, 'close_case');

  // an instalment left unpaid: on 2026-02-03 it is 3 days late, charged on its own amount
  const open = await served('2025-12-22');
  await ok(A.head, open, 'approve_instalments', { party_applied: true, instalments: plan });
  const later = await startServer('case-payment-inst', { reuse: s, env: { ZHIFA_TODAY: '2026-02-03' } });
  try {
    const g = await get(open, later);
    assert.equal(g.late_fee_due_fen, 4500, '3 % of 500 yuan for 3 days');
    assert.deepEqual(g.next_actions.find((n) => n.action === 'mark_overdue').unmet.map((u) => u.code), ['role_permitted']);
  } finally {
    await later.stop();
  }
});
