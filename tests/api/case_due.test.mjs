// A case's stored next due (docs/cases.md §10, domain/case_due.h): after every step,
// suspension and resumption, after a calendar year is loaded and after the one-time
// backfill it equals what the case's deadlines give when computed, and the list's
// deadline filter and the worklist (which read it) answer what computing every case's
// deadlines answers. The server's today is fixed in 2027, a year whose calendar is not
// shipped, so that every working-day date is provisional until the test loads it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, call, seedRegions, newAgency, idNumber, newUscc, userWithToken, importCatalogItems } from './lib.mjs';

const TODAY = '2027-03-15';
let s;
const A = {};
let org;

let serial = 0;
async function officer(agency) {
  serial += 1;
  const r = await s.api('POST', '/api/v1/officers', {
    agency_id: agency.id, name: `期限员${serial}`, id_number: idNumber(`33010619860101${String(serial).padStart(3, '0')}`),
    cert_no: `ZJ-DUE-${process.pid}-${serial}`, cert_issued: '2020-01-01',
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

before(async () => {
  s = await startServer('case-due', { env: { ZHIFA_TODAY: TODAY } });
  await seedRegions(s);
  await importCatalogItems(s, ['CG010203', 'CG010204', 'CG010205', 'CG010206', 'CG010207']);
  // a lead's item must be in the catalog in force on the violation date
  A.agency = await newAgency(s, { name: '西湖区综合行政执法局', kind: 'comprehensive', domain: '' });
  A.o1 = await officer(A.agency);
  A.o2 = await officer(A.agency);
  A.h = await officer(A.agency);
  A.officer = await account('due_officer', 'officer', A.agency, A.o1);
  A.head = await account('due_head', 'agency_head', A.agency, A.h);
  org = (await A.officer('POST', '/api/v1/parties', { kind: 'organisation', name: '杭州某某期限有限公司', uscc: newUscc(), legal_rep: '赵某' })).body;
});
after(async () => { await s.stop(); });

const lead = (fields = {}) => ({
  party_id: org.id, item_code: 'CG010203', cause: '擅自占用城市道路', source: 'inspection',
  place_region: '330106', place: '文三路', violation_date: '2027-02-20', discovery_date: '2027-03-01',
  facts: '当事人占道堆放物品。', ...fields,
});

async function ok(who, id, action, body = {}) {
  const r = await who('POST', `/api/v1/cases/${id}/actions/${action}`, body);
  assert.equal(r.status, 200, `${action}: ${r.text}`);
  return r.body;
}

// What the deadlines give when computed: the earliest due day of the running deadlines
// that are not paused. (A deadline's own `provisional` in the view also covers the
// working days counted up to today; the stored flag is about the due day itself, and
// is checked where the test knows it.)
function computed(view) {
  let due = null;
  for (const d of view.deadlines) {
    if (d.status === 'paused') continue;
    if (due === null || d.due < due) due = d.due;
  }
  return due;
}

function agrees(view, what) {
  const due = computed(view);
  assert.equal(view.next_due, due, `${what}: stored next_due vs computed (${JSON.stringify(view.deadlines)})`);
  if (due === null) assert.equal(view.next_due_provisional, false);
  return due;
}

async function view(id) {
  const r = await A.officer('GET', `/api/v1/cases/${id}`);
  assert.equal(r.status, 200, r.text);
  return r.body;
}

const ids = {};

async function toNotified(item) {
  const c = await A.officer('POST', '/api/v1/cases', lead({ item_code: item }));
  assert.equal(c.status, 201, c.text);
  const id = c.body.id;
  agrees(c.body, 'lead');
  const filed = await ok(A.head, id, 'file_case', { filing_date: '2027-03-02' });
  // Art 60: 90 calendar days from 2027-03-02 (no roll-over: not provisional)
  assert.equal(agrees(filed, 'filed'), '2027-05-31');
  assert.equal(filed.next_due_provisional, false);
  agrees(await ok(A.officer, id, 'start_investigation', { investigators: [A.o1.id, A.o2.id] }), 'investigating');
  const rec = await A.officer('POST', `/api/v1/cases/${id}/records`, { kind: 'inspection', date: '2027-03-03', officers: [A.o1.id, A.o2.id], summary: '现场检查' });
  assert.equal(rec.status, 201, rec.text);
  agrees(await ok(A.officer, id, 'submit_investigation'), 'review');
  return [id, await ok(A.officer, id, 'issue_prior_notice', { penalty: { types: ['fine'], fine_fen: 2000000 }, notice_date: '2027-03-10' })];
}

test('every step keeps the stored next due equal to the computed deadlines', async () => {
  const [id, notified] = await toNotified('CG010203');
  ids.notified = id;
  // Art 64(1): 5 working days from 2027-03-10 in a year without calendar data
  assert.equal(agrees(notified, 'notified'), '2027-03-17');
  assert.equal(notified.next_due_provisional, true);
  agrees(await ok(A.officer, id, 'record_statement', { statement: '当事人口头陈述' }), 'statement');

  // the hearing request suspends the Art 60 period: a paused deadline is not "next"
  const [hid] = await toNotified('CG010207');
  ids.hearing = hid;
  const requested = await ok(A.officer, hid, 'request_hearing', { hearing_requested_on: '2027-03-12' });
  assert.equal(requested.deadlines.find((d) => d.kind === 'decision').status, 'paused');
  assert.notEqual(agrees(requested, 'hearing requested'), '2027-05-31');
});

test('suspension and resumption (Art 60): paused, then due again later by the days suspended', async () => {
  const c = await A.officer('POST', '/api/v1/cases', lead({ item_code: 'CG010204' }));
  const id = ids.suspended = c.body.id;
  const filed = await ok(A.head, id, 'file_case', { filing_date: '2027-03-02' });
  assert.equal(agrees(filed, 'filed'), '2027-05-31');
  const susp = await ok(A.head, id, 'suspend_case', { reason: '等待检验结果' });
  assert.equal(susp.state, 'suspended');
  assert.ok(susp.deadlines.every((d) => d.kind !== 'decision' || d.status === 'paused'));
  assert.notEqual(agrees(susp, 'suspended'), '2027-05-31', 'the paused Art 60 period is left out');
  const resumed = await ok(A.head, id, 'resume_case', { reason: '检验结果已出' });
  assert.equal(resumed.state, 'filed');
  agrees(resumed, 'resumed');
  assert.ok(resumed.next_due >= '2027-05-31');

  // a third case that stays filed: its Art 60 day is the one the calendar load moves
  const z = await A.officer('POST', '/api/v1/cases', lead({ item_code: 'CG010205' }));
  ids.filed = z.body.id;
  agrees(await ok(A.head, ids.filed, 'file_case', { filing_date: '2027-03-02' }), 'filed');
  // and one filed long ago, overdue today
  const o = await A.officer('POST', '/api/v1/cases', lead({ item_code: 'CG010206', violation_date: '2026-10-01', discovery_date: '2026-10-02' }));
  ids.overdue = o.body.id;
  const od = await ok(A.head, ids.overdue, 'file_case', { filing_date: '2026-10-08' });
  assert.equal(od.deadlines.find((d) => d.kind === 'decision').status, 'overdue');
  agrees(od, 'overdue');
});

// The ids the deadline filter and the worklist must return: computed from each case's
// deadlines as the lists did before the column existed.
async function expectedIds(level) {
  const all = (await A.officer('GET', '/api/v1/cases?limit=500')).body.items;
  const want = [];
  for (const c of all) {
    const v = await view(c.id);
    const hit = v.deadlines.some((d) => d.status === 'overdue' || (level === 'due_soon' && d.status === 'due_soon'));
    if (hit) want.push(c.id);
  }
  return want.sort();
}

async function listIds(path, who = A.officer) {
  const out = [];
  let cursor = null;
  for (;;) {
    const r = await who('GET', `${path}${path.includes('?') ? '&' : '?'}limit=1${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200, r.text);
    out.push(...r.body.items.map((c) => c.id));
    if (!r.body.next_cursor) break;
    cursor = r.body.next_cursor;
  }
  return out;
}

async function listsAgree(what) {
  const overdue = await expectedIds('overdue');
  const soon = await expectedIds('due_soon');
  assert.ok(overdue.includes(ids.overdue), `${what}: the old case is overdue`);
  assert.ok(soon.includes(ids.notified) && !overdue.includes(ids.notified), `${what}: the notified case is due soon`);
  assert.ok(!soon.includes(ids.filed), `${what}: the filed case is not due soon`);
  // page by page (one case a page: the cursor walks next-due order), as sets
  assert.deepEqual((await listIds('/api/v1/cases?deadline=overdue')).sort(), overdue, `${what}: deadline=overdue`);
  const soonPaged = await listIds('/api/v1/cases?deadline=due_soon');
  assert.deepEqual([...soonPaged].sort(), soon, `${what}: deadline=due_soon`);
  assert.equal(soonPaged[0], ids.overdue, `${what}: the most urgent first`);
  assert.deepEqual((await listIds('/api/v1/cases?deadline=overdue&state=filed')).sort(),
    overdue.filter((x) => x === ids.overdue || x === ids.filed).sort(), `${what}: with a state`);
  // the worklist: an officer sees the cases they investigate; the head every open one
  const headWork = (await listIds('/api/v1/cases/worklist', A.head)).sort();
  assert.deepEqual(headWork, soon, `${what}: the head's worklist`);
  const mine = (await A.officer('GET', '/api/v1/cases/worklist?limit=500')).body.items.map((c) => c.id).sort();
  assert.deepEqual(mine, soon.filter((x) => x === ids.notified || x === ids.hearing).sort(), `${what}: the officer's worklist`);
}

test('the deadline filter and the worklist return what computing the deadlines returns', async () => {
  await listsAgree('before the calendar load');
});

test('loading the calendar year recomputes a provisional due day', async () => {
  const before1 = await view(ids.notified);
  assert.equal(before1.next_due, '2027-03-17');
  assert.equal(before1.next_due_provisional, true);
  // 2027-03-16 declared a holiday: the hearing request period ends a working day later,
  // and is no longer provisional
  const put = await s.api('PUT', '/api/v1/calendar/years/2027', '2027-01-01 holiday 元旦\n2027-03-16 holiday 测试假日\n', { type: 'text/plain' });
  assert.ok(put.status === 200 || put.status === 201, put.text);
  const after1 = await view(ids.notified);
  assert.equal(agrees(after1, 'after the load'), '2027-03-18');
  assert.equal(after1.next_due_provisional, false);
  for (const id of Object.values(ids)) agrees(await view(id), `case ${id} after the load`);
  await listsAgree('after the calendar load');
});

test('a database whose next due was never filled gets it at start', async () => {
  s.sql("UPDATE cases SET next_due = NULL, next_due_provisional = 0; DELETE FROM settings WHERE k = 'cases.next_due';");
  assert.equal((await view(ids.notified)).next_due, null);
  await s.restart();
  for (const id of Object.values(ids)) agrees(await view(id), `case ${id} after the backfill`);
  assert.equal((await view(ids.notified)).next_due, '2027-03-18');
  assert.equal((await view(ids.filed)).next_due, '2027-05-31');
});
