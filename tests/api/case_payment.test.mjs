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
  const p = await ok(A.officer, late, 'record_payment', { paid_on: '2025-10-10', late_fee_paid: true });
  assert.equal(p.late_fee_due_fen, 3000, '3 % of 1,000 yuan for one day');
  assert.deepEqual({ days: p.late_fee.days, capped: p.late_fee.capped, as_of: p.late_fee.as_of, paid: p.late_fee.paid, outstanding_fen: p.late_fee.outstanding_fen, paid_on: p.late_fee.paid_on },
    { days: 1, capped: false, as_of: '2025-10-10', paid: true, outstanding_fen: 0, paid_on: '2025-10-10' });
  await ok(A.head, late, 'close_case');
});

// Art 72(1) "到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款": the fee is charged for each day the
// fine stays unpaid, so paying the fine stops it (the payment day itself still counts, as it
// did when paid together). Paid alone, the fine is recorded and the fee stays owed: paid
// later, or demanded and enforced (行政强制法 Arts 45, 54); the case closes only when
// nothing is owed, and the refusal names the amount and the article.
test('Art 72(1): the fine paid alone on day 16 stops the fee at 3 %; the fee stays owed, closing is refused naming it, then it is paid to the fen', async () => {
  const id = await served('2025-09-16'); // period ends 10-09 (rolled over National Day)
  const p = await ok(A.officer, id, 'record_payment', { paid_on: '2025-10-10', amount_fen: FINE });
  assert.equal(p.state, 'paid');
  assert.equal(p.fine_paid, true);
  assert.equal(p.paid_on, '2025-10-10');
  assert.equal(p.late_fee_paid, false);
  assert.deepEqual({ due: p.late_fee.due_fen, days: p.late_fee.days, as_of: p.late_fee.as_of, stopped: p.late_fee.stopped, outstanding: p.late_fee.outstanding_fen },
    { due: 3000, days: 1, as_of: '2025-10-10', stopped: true, outstanding: 3000 }, 'frozen on the payment day, not running to today (12-31)');
  const close = await act(A.head, id, 'close_case');
  assert.equal(close.status, 409, close.text);
  assert.deepEqual(close.body.unmet.map((u) => u.code), ['fully_performed']);
  assert.equal(close.body.unmet[0].detail, '加处罚款30.00元未缴纳（行政处罚法第七十二条第一款）');
  assert.match(close.body.unmet[0].article, /第七十二条/);
  const g = await get(id);
  assert.ok(g.allowed_actions.includes('record_payment'), 'the fee can still be recorded');
  // the fee alone: to the fen; not before the fine; decimals, negatives and strings are 400
  for (const [amount, status] of [[2999, 409], [3001, 409]]) {
    const r = await act(A.officer, id, 'record_payment', { paid_on: '2025-11-01', amount_fen: amount });
    assert.equal(r.status, status, r.text);
    assert.equal(r.body.code, 'amount_mismatch');
    assert.match(r.body.detail, /30\.00元/);
  }
  for (const amount of [2999.5, -3000, '3000', 0]) {
    const r = await act(A.officer, id, 'record_payment', { paid_on: '2025-11-01', amount_fen: amount });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(r.body.errors.map((e) => e.field), ['amount_fen']);
  }
  const before = await act(A.officer, id, 'record_payment', { paid_on: '2025-10-09', amount_fen: 3000 });
  assert.equal(before.status, 400, before.text);
  assert.deepEqual(before.body.errors.map((e) => e.field), ['paid_on']);
  assert.equal((await get(id)).late_fee_paid, false, 'nothing written');
  const fee = await ok(A.officer, id, 'record_payment', { paid_on: '2025-11-01', amount_fen: 3000 });
  assert.equal(fee.state, 'paid');
  assert.equal(fee.paid_on, '2025-10-10', 'the fine\'s payment day stays');
  assert.deepEqual({ paid: fee.late_fee.paid, paid_on: fee.late_fee.paid_on, outstanding: fee.late_fee.outstanding_fen, due: fee.late_fee_due_fen },
    { paid: true, paid_on: '2025-11-01', outstanding: 0, due: 3000 });
  const again = await act(A.officer, id, 'record_payment', { paid_on: '2025-11-02' });
  assert.equal(again.status, 409, again.text);
  assert.deepEqual(again.body.unmet.map((u) => u.code), ['money_owed']);
  await ok(A.head, id, 'close_case');
});

test('Art 67/72: the amount paid with the fee is checked to the fen; one fen short is refused and writes nothing', async () => {
  const id = await served('2025-09-16');
  const short = await act(A.officer, id, 'record_payment', { paid_on: '2025-10-10', amount_fen: FINE + 3000 - 1 });
  assert.equal(short.status, 409, short.text);
  assert.equal(short.body.code, 'amount_mismatch');
  assert.match(short.body.detail, /1,000\.00元/);
  assert.match(short.body.detail, /1,030\.00元/);
  const shortFine = await act(A.officer, id, 'record_payment', { paid_on: '2025-10-09', amount_fen: FINE - 1 });
  assert.equal(shortFine.status, 409, shortFine.text);
  assert.equal(shortFine.body.code, 'amount_mismatch');
  const noFee = await act(A.officer, id, 'record_payment', { paid_on: '2025-10-10', amount_fen: FINE, late_fee_paid: true });
  assert.equal(noFee.status, 400, noFee.text);
  assert.deepEqual(noFee.body.errors.map((e) => e.field), ['late_fee_paid']);
  const g = await get(id);
  assert.equal(g.state, 'served');
  assert.equal(g.fine_paid, false);
  const both = await ok(A.officer, id, 'record_payment', { paid_on: '2025-10-10', amount_fen: FINE + 3000 });
  assert.equal(both.late_fee_paid, true, 'the fine and the fee together');
  assert.equal(both.late_fee.outstanding_fen, 0);
  await ok(A.head, id, 'close_case');
});

test('Art 72(1), 行政强制法 Arts 45, 53, 54: a capped fee left unpaid after the fine is demanded and enforced; the case closes once it is paid', async () => {
  const id = await served('2025-09-16');
  // paid on 11-12, the 34th day after the period: the fee has reached the fine
  const p = await ok(A.officer, id, 'record_payment', { paid_on: '2025-11-12' });
  assert.equal(p.late_fee.outstanding_fen, FINE);
  assert.equal(p.late_fee.capped, true);
  const early = await act(A.head, id, 'apply_enforcement');
  assert.equal(early.status, 409, early.text);
  assert.deepEqual(early.body.unmet.map((u) => u.code), ['demand_period_passed', 'remedy_periods_expired']);
  const d = await ok(A.officer, id, 'issue_demand', { demand_served: TODAY });
  assert.equal(d.state, 'paid');
  assert.ok(d.deadlines.some((x) => x.kind === 'demand'), 'D17 runs for the fee');
  // 2026-04-01: ten working days after the demand and six months after the service
  const later = await startServer('case-payment-enforce', { reuse: s, env: { ZHIFA_TODAY: '2026-04-01' } });
  try {
    const head = await userWithToken(later, 'pay_head_later', 'agency_head', { agency: A.agency.id });
    const ofc = await userWithToken(later, 'pay_officer_later', 'officer', { agency: A.agency.id });
    const e = await call(later, 'POST', `/api/v1/cases/${id}/actions/apply_enforcement`, {}, { token: head });
    assert.equal(e.status, 200, e.text);
    assert.equal(e.body.state, 'enforcement_applied');
    const c = await call(later, 'POST', `/api/v1/cases/${id}/actions/close_case`, {}, { token: head });
    assert.equal(c.status, 409, c.text);
    assert.deepEqual(c.body.unmet.map((u) => u.code), ['enforcement_concluded']);
    assert.equal(c.body.unmet[0].detail, '加处罚款1,000.00元未缴纳（行政处罚法第七十二条第一款）');
    const paid = await call(later, 'POST', `/api/v1/cases/${id}/actions/record_payment`, { paid_on: '2026-03-30', amount_fen: FINE }, { token: ofc });
    assert.equal(paid.status, 200, paid.text);
    assert.equal(paid.body.state, 'paid', 'everything the enforcement was to collect is paid');
    assert.equal(paid.body.late_fee.outstanding_fen, 0);
    assert.ok(!paid.body.deadlines.some((x) => x.kind === 'demand'), 'D17 met once nothing is owed');
    const done = await call(later, 'POST', `/api/v1/cases/${id}/actions/close_case`, {}, { token: head });
    assert.equal(done.status, 200, done.text);
    assert.equal(done.body.state, 'closed');
  } finally {
    await later.stop();
  }
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

  // the deferral's end is a deadline of its own: 01-31 is a Saturday, so with the Art 67
  // roll-over (payment_rolls_over) it ends Monday 02-02; D6 was met at the approval
  const dl = d.deadlines.find((x) => x.kind === 'deferral');
  assert.deepEqual({ due: dl.due, status: dl.status, unit: dl.unit, zh: dl.zh }, { due: '2026-02-02', status: 'ok', unit: 'calendar_days', zh: '暂缓缴纳期限' });
  assert.ok(!d.deadlines.some((x) => x.kind === 'payment'));
  assert.equal(d.next_due, '2026-02-02');
  // on 2026-02-03 the deferral has ended: 14 + 1 days (02-03)
  const later = await startServer('case-payment-later', { reuse: s, env: { ZHIFA_TODAY: '2026-02-03' } });
  try {
    const g = await get(id, later);
    assert.equal(g.late_fee_due_fen, 45000);
    assert.equal(g.late_fee.days, 15);
    const od = g.deadlines.find((x) => x.kind === 'deferral');
    assert.deepEqual({ status: od.status, remaining: od.remaining }, { status: 'overdue', remaining: -1 });
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
  assert.equal(ap.deadlines.find((x) => x.kind === 'instalment').due, '2026-02-02', '01-31 is a Saturday');
  const first = await ok(A.officer, id, 'pay_instalment', { paid_on: TODAY });
  assert.equal(first.state, 'instalments');
  const next = first.deadlines.find((x) => x.kind === 'instalment');
  assert.equal(next.due, '2026-02-28', 'the second instalment: 02-28 is an adjusted working Saturday (春节调休), no roll-over');
  assert.equal(next.start, '2026-01-31', 'its period runs from the first one\'s due day');
  assert.equal(JSON.parse(first.instalments)[0].paid_on, TODAY);
  const again = await act(A.officer, id, 'pay_instalment', { paid_on: TODAY });
  assert.equal(again.status, 409, again.text);
  assert.deepEqual(again.body.unmet.map((u) => u.code), ['instalment_not_last']);
  const last = await ok(A.officer, id, 'record_payment', { paid_on: TODAY });
  assert.equal(last.state, 'paid');
  assert.ok(!last.deadlines.some((x) => x.kind === 'instalment'), 'met with the payment');
  assert.equal(last.late_fee_due_fen, 0);
  assert.ok(JSON.parse(last.instalments).every((i) => i.paid_on === TODAY));
  await ok(A.head, id, 'close_case');

  // an instalment left unpaid: its due day 01-31 (Saturday) rolls over to Monday 02-02, so
  // on 2026-02-03 it is 1 day late, charged on its own amount, and shows overdue in the
  // case, the deadline list and the officer's worklist
  const open = await served('2025-12-22');
  const ap2 = await ok(A.head, open, 'approve_instalments', { party_applied: true, instalments: plan });
  assert.equal(ap2.deadlines.find((x) => x.kind === 'instalment').due, '2026-02-02');
  assert.equal(ap2.next_due, '2026-02-02');
  const later = await startServer('case-payment-inst', { reuse: s, env: { ZHIFA_TODAY: '2026-02-03' } });
  try {
    const g = await get(open, later);
    assert.equal(g.late_fee_due_fen, 1500, '3 % of 500 yuan for 1 day');
    const dl = g.deadlines.find((x) => x.kind === 'instalment');
    assert.deepEqual({ due: dl.due, status: dl.status, remaining: dl.remaining }, { due: '2026-02-02', status: 'overdue', remaining: -1 });
    const overdue = await later.api('GET', '/api/v1/cases?deadline=overdue&limit=200');
    assert.ok(overdue.body.items.some((c) => c.id === open), 'in the overdue list');
    const ofc = await userWithToken(later, 'pay_inst_officer', 'officer', { agency: A.agency.id });
    await later.api('PATCH', '/api/v1/users/pay_inst_officer', { officer_id: A.o[0].id });
    const work = await call(later, 'GET', '/api/v1/cases/worklist?limit=200', undefined, { token: ofc });
    assert.equal(work.status, 200, work.text);
    assert.ok(work.body.items.some((c) => c.id === open), 'in the investigator\'s worklist');
    assert.deepEqual(g.next_actions.find((n) => n.action === 'mark_overdue').unmet.map((u) => u.code), ['role_permitted']);
  } finally {
    await later.stop();
  }
});

// Item 3 of the brief: PUT replaces all overrides; PATCH is a JSON merge patch, so a head
// changing one setting (here the Art 67 roll-over flag, ⚠️ domain.md §1.8) keeps the
// others. The flag moves a deferral's end that falls in the New Year holiday.
test('case-config PATCH merges (null removes one override), PUT replaces; the roll-over flag moves a deferral ending on New Year\'s Day', async () => {
  const path = `/api/v1/agencies/${A.agency.id}/case-config`;
  const start = (await A.head('GET', path)).body;
  assert.equal(start.effective.payment_rolls_over, true);
  const rolled = await served('2025-12-20');
  const d1 = await ok(A.head, rolled, 'approve_deferral', { party_applied: true, deferred_until: '2026-01-01' });
  // 01-01..01-03 off, 01-04 (Sunday) an adjusted working day
  assert.equal(d1.deadlines.find((x) => x.kind === 'deferral').due, '2026-01-04');

  assert.equal((await A.officer('PATCH', path, { payment_rolls_over: false })).status, 403, 'the officer holds no case_config_write');
  for (const [body, field] of [[{ summary_fine_org_fen: null }, 'summary_fine_org_fen'], [{ statement_working_days: 2 }, 'statement_working_days'], [{ no_such: null }, 'no_such']]) {
    const r = await A.head('PATCH', path, body);
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(r.body.errors.map((e) => e.field), [field]);
  }
  assert.deepEqual((await A.head('GET', path)).body, start, 'nothing written');
  const p = await A.head('PATCH', path, { payment_rolls_over: false, due_soon_working_days: 5 });
  assert.equal(p.status, 200, p.text);
  assert.deepEqual(p.body.overrides, { ...start.overrides, payment_rolls_over: false, due_soon_working_days: 5 });
  assert.equal(p.body.effective.payment_bank, CASE_SETTINGS.payment_bank, 'the other settings stay');
  assert.equal(p.body.effective.payment_rolls_over, false);
  const flat = await served('2025-12-20');
  const d2 = await ok(A.head, flat, 'approve_deferral', { party_applied: true, deferred_until: '2026-01-01' });
  assert.equal(d2.deadlines.find((x) => x.kind === 'deferral').due, '2026-01-01', 'no roll-over: the day the head fixed');
  // null removes one override: the default (roll over) applies again, the rest stays
  const back = await A.head('PATCH', path, { payment_rolls_over: null });
  assert.equal(back.status, 200, back.text);
  assert.deepEqual(back.body.overrides, { ...start.overrides, due_soon_working_days: 5 });
  assert.equal(back.body.effective.payment_rolls_over, true);
  // PUT replaces everything: what it does not name is gone
  const put = await A.head('PUT', path, { due_soon_working_days: 4 });
  assert.equal(put.status, 200, put.text);
  assert.deepEqual(put.body.overrides, { due_soon_working_days: 4 });
  assert.equal(put.body.effective.payment_bank, null);
  const restore = await A.head('PUT', path, start.overrides);
  assert.deepEqual(restore.body, start);
});
