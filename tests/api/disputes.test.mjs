// Responsibility disputes (职责争议, 条例 Art 12, 17): filed by one agency naming the
// other, answered by the other side, decided by the comprehensive enforcement office
// within 20 working days of the filing (on the working-day calendar: across the 2025
// National Day holiday), flagged when overdue; a decision changes claims in the same
// transaction or proposes a catalog change.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, call, seedRegions, userWithToken, newAgency, zhifa } from './lib.mjs';

const FILED = '2025-09-26'; // a Friday before 国庆节 (Oct 1–8, with Sep 28 and Oct 11 worked)
let s, sc, city, comp, scHead, cityHead, compHead, cat, cityClaim;
before(async () => {
  s = await startServer('disputes', { env: { ZHIFA_TODAY: FILED } });
  await seedRegions(s);
  sc = await newAgency(s, { name: '西湖区市场监管局', kind: 'departmental', domain: '市场监管' });
  city = await newAgency(s, { name: '杭州市市场监管局', kind: 'departmental', domain: '市场监管', region_code: '330100' });
  comp = await newAgency(s, { name: '西湖区综合行政执法局', kind: 'comprehensive', domain: '' });
  scHead = await userWithToken(s, 'disp-sc', 'agency_head', { agency: sc.id });
  cityHead = await userWithToken(s, 'disp-city', 'agency_head', { agency: city.id });
  compHead = await userWithToken(s, 'disp-comp', 'agency_head', { agency: comp.id });
  cat = await userWithToken(s, 'disp-cat', 'catalog_admin', { region: '330000' });
  const r = await call(s, 'POST', '/api/v1/catalog/import',
    'code,name,kind,domain,legal_basis,level,mode,penalty_types,fine_min_fen,fine_max_fen,effective_from\n' +
    'SC300001,对销售不合格产品的行政处罚,penalty,市场监管,《中华人民共和国产品质量法》第五十条,county,departmental,罚款,,,2023-01-01\n',
    { token: s.token, type: 'text/csv' });
  assert.equal(r.status, 200, r.text);
  for (const agency of [sc, city]) {
    const c = await s.api('POST', '/api/v1/catalog/claims', { item_code: 'SC300001', agency_id: agency.id, region_code: '330106', effective_from: '2025-01-01' });
    assert.equal(c.status, 201, c.text);
    if (agency === city) cityClaim = c.body.id;
  }
});
after(async () => { await s.stop(); });

const as = (token, srv = s) => (method, path, body) => call(srv, method, path, body, { token });
const size = async () => (await s.api('GET', '/api/v1/ledger/checkpoint')).body.tree_size;
let disputeId;

test('filing: the deadline is 20 working days on the calendar, across 国庆节 to 2025-10-30', async () => {
  const bad = await as(scHead)('POST', '/api/v1/catalog/disputes', { item_code: 'SC999999', other_agency_id: city.id, statement: 'x' });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.errors.map((e) => e.field), ['item_code']);
  const nobody = await as(scHead)('POST', '/api/v1/catalog/disputes', { item_code: 'SC300001', other_agency_id: 'nope', statement: 'x' });
  assert.deepEqual(nobody.body.errors.map((e) => e.field), ['other_agency_id']);
  const r = await as(scHead)('POST', '/api/v1/catalog/disputes', {
    item_code: 'SC300001', other_agency_id: city.id, case_ref: '杭西市监罚〔2025〕12号', statement: '市、区两级均认领该事项，属多头管，应由区局行使',
  });
  assert.equal(r.status, 201, r.text);
  disputeId = r.body.id;
  assert.equal(r.body.status, 'filed');
  assert.equal(r.body.agency_id, sc.id, 'the filer defaults to the caller\'s agency');
  assert.equal(r.body.region_code, '330106');
  assert.equal(r.body.filed_on, FILED);
  assert.equal(r.body.due_date, '2025-10-30', '20 weekdays would end on 2025-10-24; 国庆节 adds six, 调休 Sep 28 and Oct 11 take two back');
  assert.equal(r.body.provisional, false);
  assert.equal(r.body.overdue, false);
  const same = await as(scHead)('POST', '/api/v1/catalog/disputes', { item_code: 'SC300001', other_agency_id: sc.id, statement: 'x' });
  assert.equal(same.status, 400);
  assert.deepEqual(same.body.errors.map((e) => e.field), ['other_agency_id']);
  const notMine = await as(compHead)('POST', '/api/v1/catalog/disputes', { item_code: 'SC300001', agency_id: sc.id, other_agency_id: city.id, statement: 'x' });
  assert.equal(notMine.status, 403);
});

test('answering: only the other side, once', async () => {
  assert.equal((await as(scHead)('POST', `/api/v1/catalog/disputes/${disputeId}/answer`, { answer: 'x' })).status, 403);
  assert.equal((await as(compHead)('POST', `/api/v1/catalog/disputes/${disputeId}/answer`, { answer: 'x' })).status, 404, 'a third agency does not see it');
  const r = await as(cityHead)('POST', `/api/v1/catalog/disputes/${disputeId}/answer`, { answer: '同意由区局行使，市局退出认领' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'answered');
  assert.equal(r.body.answered_by, 'disp-city');
  assert.equal((await as(cityHead)('POST', `/api/v1/catalog/disputes/${disputeId}/answer`, { answer: 'again' })).status, 409);
});

test('overdue: not on the due date 2025-10-30, flagged from 2025-10-31 in lists and reads', async () => {
  const l = await s.api('GET', '/api/v1/catalog/disputes?overdue=true');
  assert.deepEqual(l.body.items, []);
  const onDue = await startServer('disputes-due', { reuse: s, env: { ZHIFA_TODAY: '2025-10-30' } });
  try {
    assert.deepEqual((await onDue.api('GET', '/api/v1/catalog/disputes?overdue=true')).body.items, []);
  } finally { await onDue.stop(); }
  const late = await startServer('disputes-late', { reuse: s, env: { ZHIFA_TODAY: '2025-10-31' } });
  try {
    const o = await late.api('GET', '/api/v1/catalog/disputes?overdue=true');
    assert.deepEqual(o.body.items.map((d) => d.id), [disputeId]);
    assert.equal(o.body.items[0].overdue, true);
    const mine = await call(late, 'GET', '/api/v1/catalog/disputes', undefined, { token: cityHead });
    assert.deepEqual(mine.body.items.map((d) => d.id), [disputeId], 'each side sees its disputes');
    const none = await call(late, 'GET', '/api/v1/catalog/disputes', undefined, { token: compHead });
    assert.deepEqual(none.body.items, []);
  } finally { await late.stop(); }
});

test('deciding with claims: the city claim ends in the same transaction; bad new claims write nothing', async () => {
  const decide = (body, token = cat) => as(token)('POST', `/api/v1/catalog/disputes/${disputeId}/decide`, body);
  assert.equal((await decide({ decision: 'x', outcome: 'none' }, scHead)).status, 403);
  const t0 = await size();
  const bad = await decide({ decision: 'x', outcome: 'claims', effective_date: '2025-11-01', end_claims: [cityClaim],
    new_claims: [{ item_code: 'SC300001', agency_id: comp.id, effective_from: '2025-11-01' }] });
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(bad.body.errors.map((e) => e.field), ['new_claims.0.agency_id'], 'comprehensive enforcement may not claim a departmental item');
  assert.equal(await size(), t0, 'nothing written');
  const missing = await decide({ decision: 'x', outcome: 'claims' });
  assert.equal(missing.status, 400);
  const r = await decide({ decision: '该事项由西湖区市场监管局行使，市局认领自 2025-11-01 终止', outcome: 'claims', effective_date: '2025-11-01', end_claims: [cityClaim] });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'decided');
  assert.equal(r.body.outcome, 'claims');
  assert.equal(r.body.overdue, false, 'decided: no longer overdue');
  assert.equal(await size(), t0 + 2, 'the claim ended + the decision');
  const c = await s.api('GET', '/api/v1/catalog/claims?item_code=SC300001&as_of=2025-11-02');
  assert.deepEqual(c.body.items.map((x) => x.agency_id), [sc.id]);
  const cov = await s.api('GET', '/api/v1/catalog/coverage?region_code=330106&as_of=2025-11-02');
  assert.deepEqual(cov.body.overclaimed, []);
  assert.equal((await decide({ decision: 'x', outcome: 'none' })).status, 409, 'decided once');
});

test('deciding with a catalog change proposes it (another admin approves); withdrawing', async () => {
  const f = await as(compHead)('POST', '/api/v1/catalog/disputes', { item_code: 'SC300001', other_agency_id: sc.id, statement: '应划转综合执法' });
  assert.equal(f.status, 201, f.text);
  const bad = await as(cat)('POST', `/api/v1/catalog/disputes/${f.body.id}/decide`, { decision: '划转', outcome: 'catalog_change', change: { action: 'transfer', item_code: 'SC300001' } });
  assert.equal(bad.status, 400, bad.text);
  assert.ok(bad.body.errors.some((e) => e.field === 'change.effective_date'), bad.text);
  const r = await as(cat)('POST', `/api/v1/catalog/disputes/${f.body.id}/decide`, {
    decision: '纳入综合执法目录', outcome: 'catalog_change', change: { action: 'transfer', item_code: 'SC300001', effective_date: '2025-12-01', reason: '职责争议决定' },
  });
  assert.equal(r.status, 200, r.text);
  assert.match(r.body.change_id, /^[0-9a-f-]{36}$/);
  const ch = await s.api('GET', `/api/v1/catalog/changes/${r.body.change_id}`);
  assert.equal(ch.body.status, 'proposed');
  assert.equal(ch.body.proposed_by, 'disp-cat');
  const w = await as(scHead)('POST', '/api/v1/catalog/disputes', { item_code: 'SC300001', other_agency_id: comp.id, statement: '另案' });
  assert.equal((await as(compHead)('POST', `/api/v1/catalog/disputes/${w.body.id}/withdraw`)).status, 403);
  const ok = await as(scHead)('POST', `/api/v1/catalog/disputes/${w.body.id}/withdraw`);
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.status, 'withdrawn');
  assert.equal((await as(scHead)('POST', `/api/v1/catalog/disputes/${w.body.id}/withdraw`)).status, 409);
});

test('zhifa ledger verify passes with disputes and their decisions', () => {
  assert.match(zhifa(['ledger', 'verify', '--db', s.db.url]), /^ok: /);
});

test('dispute parties: an agency head finds the other side among every registered agency (not only those /agencies shows it); an officer may not', async () => {
  const seen = await as(scHead)('GET', '/api/v1/agencies?limit=100');
  assert.equal(seen.status, 200, seen.text);
  assert.ok(!seen.body.items.some((a) => a.id === city.id), 'the city bureau is not in the head\'s /agencies');
  const r = await as(scHead)('GET', `/api/v1/catalog/dispute-parties?q=${encodeURIComponent('市场监管')}`);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.items.map((a) => a.name).sort(), ['杭州市市场监管局', '西湖区市场监管局']);
  assert.deepEqual(r.body.items.find((a) => a.id === city.id),
    { id: city.id, name: '杭州市市场监管局', region_code: '330100', kind: 'departmental', domain: '市场监管' });
  const all = await as(scHead)('GET', '/api/v1/catalog/dispute-parties');
  assert.ok(all.body.items.length >= 3);
  assert.equal((await as(scHead)('GET', `/api/v1/catalog/dispute-parties?q=${encodeURIComponent('%')}`)).body.items.length, 0,
    'wildcards are literal');
  assert.deepEqual((await as(scHead)('GET', `/api/v1/catalog/dispute-parties?q=${'局'.repeat(51)}`)).body.errors.map((e) => e.field), ['q']);
  const officer = await userWithToken(s, 'disp-officer', 'officer', { agency: sc.id });
  assert.equal((await as(officer)('GET', '/api/v1/catalog/dispute-parties')).status, 403);
});
