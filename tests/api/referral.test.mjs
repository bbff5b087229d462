// Referral of jurisdiction (移送管辖, 行政处罚法 Art 22 and 25) and the follow-up of a
// fanned-out ticket: refer_jurisdiction names the receiving agency and, in the same
// transaction, creates a lead there that says where it came from; the referring case says
// where it went; each side sees only its own case. Bad targets are 400 naming
// to_agency_id and write nothing. The dispatcher follows a ticket's leads by reference.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startServer, call, seedRegions, newAgency, newUscc, userWithToken, importCatalogItems } from './lib.mjs';

let s, party, other;
const A = {}; // 西湖区综合行政执法局: refers
const M = {}; // 西湖区市场监督管理局: receives
const Q = {}; // 西湖区另一综合执法队: the claimant of CG010205
let BJ; // 滨江区: its region does not hold the place
let dispatcher, farDispatcher;

async function caller(name, role, agency) {
  const token = await userWithToken(s, name, role, { agency: agency.id });
  return (m, p, b) => call(s, m, p, b, { token });
}

before(async () => {
  s = await startServer('referral');
  await seedRegions(s);
  await importCatalogItems(s, ['CG010203', 'CG010205', 'SC010601']);
  A.agency = await newAgency(s, { name: '西湖区综合行政执法局', kind: 'comprehensive', domain: '' });
  M.agency = await newAgency(s, { name: '西湖区市场监督管理局' });
  Q.agency = await newAgency(s, { name: '西湖区综合行政执法队', kind: 'comprehensive', domain: '' });
  BJ = await newAgency(s, { name: '滨江区市场监督管理局', region_code: '330108' });
  for (const [X, n] of [[A, 'a'], [M, 'm'], [Q, 'q']]) {
    X.officer = await caller(`ref_officer_${n}`, 'officer', X.agency);
    X.head = await caller(`ref_head_${n}`, 'agency_head', X.agency);
  }
  const t = await userWithToken(s, 'ref_dispatch', 'catalog_admin', { region: '330106' });
  dispatcher = (m, p, b) => call(s, m, p, b, { token: t });
  const far = await userWithToken(s, 'ref_far', 'catalog_admin', { region: '330108' });
  farDispatcher = (m, p, b) => call(s, m, p, b, { token: far });
  party = (await A.officer('POST', '/api/v1/parties', { kind: 'organisation', name: '杭州某食品商行', uscc: newUscc() })).body;
  other = (await A.officer('POST', '/api/v1/parties', { kind: 'organisation', name: '杭州某超市有限公司', uscc: newUscc() })).body;
  assert.ok(party.id && other.id);
  // CG010205 is claimed in 西湖区 by Q only (docs/claims.md)
  const c = await s.api('POST', '/api/v1/catalog/claims', { item_code: 'CG010205', agency_id: Q.agency.id, effective_from: '2024-01-01' });
  assert.equal(c.status, 201, c.text);
});
after(async () => { await s.stop(); });

const lead = (fields = {}) => ({
  party_id: party.id, item_code: 'SC010601', cause: '销售超过保质期的食品', source: 'inspection',
  place_region: '330106', place: '文三路100号', violation_date: '2026-03-01', discovery_date: '2026-03-02',
  facts: '检查发现货架上有超过保质期的食品12袋。', ...fields,
});
async function newLead(X, fields) {
  const r = await X.officer('POST', '/api/v1/cases', lead(fields));
  assert.equal(r.status, 201, r.text);
  return r.body;
}
const act = (who, id, action, body = {}) => who('POST', `/api/v1/cases/${id}/actions/${action}`, body);
async function ok(who, id, action, body = {}) {
  const r = await act(who, id, action, body);
  assert.equal(r.status, 200, `${action}: ${r.text}`);
  return r.body;
}
const tree = async () => (await s.api('GET', '/api/v1/ledger/checkpoint')).body.tree_size;
const fields = (r) => (r.body?.errors || []).map((e) => e.field);

test('a filed case referred to the agency with jurisdiction: a lead there with its provenance, the receiver files it, neither sees the other\'s case', async () => {
  const c = await newLead(A, { violation_end: '2026-03-05', limitation_category: 'life_health_safety', harmful_consequences: true });
  const filed = await ok(A.head, c.id, 'file_case');
  assert.match(filed.case_no, /^西综执立〔\d{4}〕\d+号$/);

  const why = '经查，销售超过保质期食品属市场监督管理部门职责，依法移送';
  const r = await ok(A.head, c.id, 'refer_jurisdiction', { to_agency_id: M.agency.id, reason: why });
  assert.equal(r.state, 'referred');
  assert.equal(r.previous_state, 'filed');
  assert.equal(r.referred_to_agency, '西湖区市场监督管理局');
  assert.ok(r.referred_to);
  assert.deepEqual([r.steps.at(-1).action, r.steps.at(-1).from, r.steps.at(-1).to, r.steps.at(-1).reason],
    ['refer_jurisdiction', 'filed', 'referred', why]);

  // the receiving lead: what the act is, copied; where it came from, recorded
  const got = await M.officer('GET', `/api/v1/cases/${r.referred_to}`);
  assert.equal(got.status, 200, got.text);
  const n = got.body;
  assert.equal(n.agency_id, M.agency.id);
  assert.equal(n.state, 'lead');
  assert.equal(n.source, 'referral');
  assert.equal(n.referred_from, c.id);
  assert.equal(n.referred_from_agency, '西湖区综合行政执法局');
  assert.equal(n.referred_from_no, filed.case_no);
  assert.equal(n.referral_prior_case_no, null);
  for (const k of ['party_id', 'item_code', 'cause', 'facts', 'place_region', 'place', 'violation_date', 'violation_end',
    'discovery_date', 'limitation_category', 'harmful_consequences']) assert.deepEqual(n[k], c[k] ?? filed[k], k);
  assert.equal(n.violation_end, '2026-03-05');
  assert.equal(n.case_no, null);

  // the receiving agency sees its lead, not the referring case; the referring agency the reverse
  assert.equal((await M.officer('GET', `/api/v1/cases/${c.id}`)).status, 404);
  assert.equal((await A.officer('GET', `/api/v1/cases/${r.referred_to}`)).status, 404);
  const mine = (await M.officer('GET', '/api/v1/cases?limit=500')).body.items.map((x) => x.id);
  assert.ok(mine.includes(r.referred_to) && !mine.includes(c.id));

  // the receiver files it under its own number (Art 25: it is now the one that files)
  const mf = await ok(M.head, r.referred_to, 'file_case');
  assert.match(mf.case_no, /^西市执立〔\d{4}〕\d+号$/);
  assert.equal(mf.referred_from_no, filed.case_no);
  // the referred case is closed by its own agency, not re-referred
  assert.equal((await act(A.head, c.id, 'refer_jurisdiction', { to_agency_id: Q.agency.id, reason: '再移送' })).status, 409);
  assert.equal((await ok(A.head, c.id, 'close_case')).state, 'closed');
});

test('a lead can be referred before filing: no case number to carry, the provenance still names the case', async () => {
  const c = await newLead(A, { item_code: 'CG010203', cause: '擅自占用城市道路' });
  const r = await ok(A.head, c.id, 'refer_jurisdiction', { to_agency_id: Q.agency.id, reason: '属该执法队管辖' });
  assert.equal(r.previous_state, 'lead');
  const n = (await Q.officer('GET', `/api/v1/cases/${r.referred_to}`)).body;
  assert.equal(n.referred_from, c.id);
  assert.equal(n.referred_from_no, null);
  assert.equal(n.source, 'referral');
  assert.equal(n.item_code, 'CG010203');
});

test('bad targets are refused naming to_agency_id and write nothing: own agency, unknown, outside the place (Art 22), not the claimant; and the step needs the head and a reason', async () => {
  const c = await newLead(A, { item_code: 'CG010205', cause: '违规设置户外广告' });
  await ok(A.head, c.id, 'file_case');
  // the form's choices: agencies holding the place, only the claimant when the item is claimed
  const tg = await A.head('GET', `/api/v1/cases/${c.id}/referral-targets`);
  assert.equal(tg.status, 200, tg.text);
  assert.deepEqual(tg.body.items.map((a) => [a.name, a.claimant]), [['西湖区综合行政执法队', true]]);
  const open = (await A.head('GET', `/api/v1/cases/${(await newLead(A)).id}/referral-targets`)).body.items;
  assert.deepEqual(open.map((a) => a.name).sort(), ['西湖区市场监督管理局', '西湖区综合行政执法队'].sort(),
    'an unclaimed item: every agency of the place but the own; not 滨江区');
  assert.equal((await M.head('GET', `/api/v1/cases/${c.id}/referral-targets`)).status, 404);

  const t0 = await tree();
  const nM = (await M.officer('GET', '/api/v1/cases?limit=500')).body.items.length;


  let r = await act(A.head, c.id, 'refer_jurisdiction', { reason: '移送' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['to_agency_id']);

  r = await act(A.head, c.id, 'refer_jurisdiction', { to_agency_id: A.agency.id, reason: '移送' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['to_agency_id']);
  assert.match(r.body.errors[0].message, /本机关/);

  r = await act(A.head, c.id, 'refer_jurisdiction', { to_agency_id: randomUUID(), reason: '移送' });
  assert.equal(r.status, 400, r.text);
  assert.match(r.body.errors[0].message, /不存在/);

  r = await act(A.head, c.id, 'refer_jurisdiction', { to_agency_id: BJ.id, reason: '移送' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['to_agency_id']);
  assert.match(r.body.errors[0].message, /第二十二条/);
  assert.match(r.body.errors[0].message, /滨江区市场监督管理局/);

  // CG010205 is claimed in 西湖区 by Q: M has not claimed it there
  r = await act(A.head, c.id, 'refer_jurisdiction', { to_agency_id: M.agency.id, reason: '移送' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['to_agency_id']);
  assert.match(r.body.errors[0].message, /认领/);

  r = await act(A.head, c.id, 'refer_jurisdiction', { to_agency_id: Q.agency.id });
  assert.equal(r.status, 409, r.text);
  assert.ok(r.body.unmet.map((u) => u.code).includes('reason_given'));
  r = await act(A.officer, c.id, 'refer_jurisdiction', { to_agency_id: Q.agency.id, reason: '移送' });
  assert.equal(r.status, 403, r.text);
  r = await act(A.head, c.id, 'refer_jurisdiction', { to_agency_id: Q.agency.id, reason: '移送', note: 'x' });
  assert.deepEqual(fields(r), ['note']);

  assert.equal(await tree(), t0, 'nothing written');
  assert.equal((await A.head('GET', `/api/v1/cases/${c.id}`)).body.state, 'filed');
  assert.equal((await M.officer('GET', '/api/v1/cases?limit=500')).body.items.length, nM);

  // the claimant takes it
  const ok2 = await ok(A.head, c.id, 'refer_jurisdiction', { to_agency_id: Q.agency.id, reason: '属认领机关管辖' });
  assert.equal(ok2.referred_to_agency, '西湖区综合行政执法队');
  assert.equal(await tree(), t0 + 2, 'the step and the new lead, one ledger entry each');
});

test('Art 25 (first to file): a referral to an agency that already filed the same act goes through and the new lead names that case', async () => {
  const first = await newLead(M, { party_id: other.id, violation_date: '2026-03-01', violation_end: '2026-03-10' });
  const f = await ok(M.head, first.id, 'file_case');
  // overlapping period, same party and item
  const c = await newLead(A, { party_id: other.id, violation_date: '2026-03-05', discovery_date: '2026-03-06' });
  const r = await ok(A.head, c.id, 'refer_jurisdiction', { to_agency_id: M.agency.id, reason: '同一违法行为，市场监管部门已立案' });
  const n = (await M.officer('GET', `/api/v1/cases/${r.referred_to}`)).body;
  assert.equal(n.referral_prior_case_no, f.case_no);
  // M closes the duplicate lead without filing it
  assert.equal((await ok(M.head, r.referred_to, 'decline_filing', { reason: `已于${f.case_no}立案` })).state, 'not_filed');

  // a period that does not overlap: no note
  const d = await newLead(A, { party_id: other.id, violation_date: '2026-02-01', discovery_date: '2026-02-02' });
  const r2 = await ok(A.head, d.id, 'refer_jurisdiction', { to_agency_id: M.agency.id, reason: '移送' });
  assert.equal((await M.officer('GET', `/api/v1/cases/${r2.referred_to}`)).body.referral_prior_case_no, null);
  // another party, same item and days: no note
  const third = (await A.officer('POST', '/api/v1/parties', { kind: 'organisation', name: '杭州某便利店', uscc: newUscc() })).body;
  const e = await newLead(A, { party_id: third.id, violation_date: '2026-03-05', discovery_date: '2026-03-06' });
  const r3 = await ok(A.head, e.id, 'refer_jurisdiction', { to_agency_id: M.agency.id, reason: '移送' });
  assert.equal((await M.officer('GET', `/api/v1/cases/${r3.referred_to}`)).body.referral_prior_case_no, null);
});

test('fan-out follow-up: each agency filters its own lead by reference; the dispatcher sees every lead\'s state and number only; other regions 404', async () => {
  const ref = '12345-20260303-0042';
  const fan = await dispatcher('POST', '/api/v1/leads/fanout', {
    reference: ref, source: 'hotline', party_id: party.id, violation_date: '2026-03-01', discovery_date: '2026-03-03',
    place_region: '330106', place: '文三路100号', facts: '市民反映：店外占道，售卖过期食品。',
    agencies: [{ agency_id: A.agency.id, item_code: 'CG010203', cause: '店外占道经营' },
      { agency_id: M.agency.id, item_code: 'SC010601', cause: '销售超过保质期的食品' }],
  });
  assert.equal(fan.status, 201, fan.text);
  const [la, lm] = fan.body.leads.map((l) => l.case_id);

  let p = await dispatcher('GET', `/api/v1/leads/fanout/${ref}`);
  assert.equal(p.status, 200, p.text);
  assert.equal(p.body.reference, ref);
  assert.deepEqual(p.body.leads.map((l) => [l.agency_name, l.case_id, l.state, l.state_zh, l.case_no ?? null]),
    [['西湖区综合行政执法局', la, 'lead', '线索', null], ['西湖区市场监督管理局', lm, 'lead', '线索', null]]);
  for (const l of p.body.leads)
    for (const k of ['party_id', 'party_name', 'facts', 'cause', 'place']) assert.equal(l[k], undefined, k);

  // each agency's list under the reference: its own lead only
  const fa = await A.officer('GET', `/api/v1/cases?lead_reference=${ref}`);
  assert.equal(fa.status, 200, fa.text);
  assert.deepEqual(fa.body.items.map((x) => x.id), [la]);
  assert.deepEqual((await M.officer('GET', `/api/v1/cases?lead_reference=${ref}`)).body.items.map((x) => x.id), [lm]);
  assert.deepEqual((await M.officer('GET', '/api/v1/cases?lead_reference=no-such-ticket')).body.items, []);

  // progress: A files its lead, M refers its lead on to Q
  const filed = await ok(A.head, la, 'file_case');
  const ref2 = await ok(M.head, lm, 'refer_jurisdiction', { to_agency_id: Q.agency.id, reason: '占道部分属执法队管辖' });
  p = await dispatcher('GET', `/api/v1/leads/fanout/${ref}`);
  assert.deepEqual(p.body.leads.map((l) => [l.agency_name, l.state, l.case_no ?? null, l.referred_to_agency ?? null,
    l.referred_from_agency ?? null]), [
    ['西湖区综合行政执法局', 'filed', filed.case_no, null, null],
    ['西湖区市场监督管理局', 'referred', null, '西湖区综合行政执法队', null],
    ['西湖区综合行政执法队', 'lead', null, null, '西湖区市场监督管理局'],
  ]);
  assert.equal(p.body.leads[2].case_id, ref2.referred_to);
  assert.deepEqual((await Q.officer('GET', `/api/v1/cases?lead_reference=${ref}`)).body.items.map((x) => x.id), [ref2.referred_to]);

  // not a dispatcher: 403; a dispatcher of another region, or an unknown ticket: 404
  assert.equal((await A.officer('GET', `/api/v1/leads/fanout/${ref}`)).status, 403);
  const far = await farDispatcher('GET', `/api/v1/leads/fanout/${ref}`);
  assert.equal(far.status, 404, far.text);
  assert.equal((await dispatcher('GET', '/api/v1/leads/fanout/12345-none')).status, 404);
});
