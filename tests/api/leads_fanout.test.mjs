// One complaint or 12345-hotline ticket concerning several agencies (浙江省综合行政执法条例
// Art 12, 违法线索互通): the dispatcher (综合执法办 or a supervisor, region scope) fans it
// out to each agency as its own lead carrying the ticket number; each agency sees only its
// own lead; bad input is 400 naming agencies[i].field and writes nothing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, call, seedRegions, newAgency, newUscc, userWithToken, importCatalogItems } from './lib.mjs';

let s, party;
const A = {}; const B = {}; const C = {}; const D = {};
let dispatcher, supervisor, farDispatcher;

before(async () => {
  s = await startServer('leads-fanout');
  await seedRegions(s);
  await importCatalogItems(s, ['CG010601', 'SC010601']);
  await importCatalogItems(s, ['SC010699'], { from: '2026-06-01' });
  A.agency = await newAgency(s, { name: '西湖区综合行政执法局', kind: 'comprehensive', domain: '' });
  B.agency = await newAgency(s, { name: '西湖区市场监督管理局', region_code: '330106' });
  C.agency = await newAgency(s, { name: '滨江区市场监督管理局', region_code: '330108' });
  D.agency = await newAgency(s, { name: '滨江区综合行政执法局', kind: 'comprehensive', domain: '', region_code: '330108' });
  for (const [X, n] of [[A, 'a'], [B, 'b']]) {
    const t = await userWithToken(s, `fan_officer_${n}`, 'officer', { agency: X.agency.id });
    X.officer = (m, p, b) => call(s, m, p, b, { token: t });
  }
  const t = await userWithToken(s, 'fan_dispatch', 'catalog_admin', { region: '330106' });
  dispatcher = (m, p, b) => call(s, m, p, b, { token: t });
  const sv = await userWithToken(s, 'fan_supervisor', 'supervisor', { region: '330100' });
  supervisor = (m, p, b) => call(s, m, p, b, { token: sv });
  const far = await userWithToken(s, 'fan_far', 'catalog_admin', { region: '330108' });
  farDispatcher = (m, p, b) => call(s, m, p, b, { token: far });
  party = (await A.officer('POST', '/api/v1/parties', { kind: 'organisation', name: '杭州某餐饮有限公司', uscc: newUscc() })).body;
  assert.ok(party.id);
});
after(async () => { await s.stop(); });

const ticket = (ref, agencies, fields = {}) => ({
  reference: ref, source: 'hotline', party_id: party.id, violation_date: '2026-03-01', discovery_date: '2026-03-02',
  place_region: '330106', place: '文三路100号', facts: '市民来电反映：店外占道经营，油烟直排，售卖过期食品。', agencies, ...fields,
});
const both = () => [
  { agency_id: A.agency.id, item_code: 'CG010601', cause: '店外占道经营' },
  { agency_id: B.agency.id, item_code: 'SC010601', cause: '销售超过保质期的食品' },
];
const count = async () => (await s.api('GET', '/api/v1/cases?limit=500')).body.items.length;

test('a hotline ticket about two agencies becomes one lead each, sharing the ticket number; each sees only its own', async () => {
  const byOfficer = await A.officer('POST', '/api/v1/leads/fanout', ticket('12345-20260302-0001', both()));
  assert.equal(byOfficer.status, 403, byOfficer.text);

  const r = await dispatcher('POST', '/api/v1/leads/fanout', ticket('12345-20260302-0001', both()));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.reference, '12345-20260302-0001');
  assert.deepEqual(r.body.leads.map((l) => [l.agency_id, l.agency_name]),
    [[A.agency.id, '西湖区综合行政执法局'], [B.agency.id, '西湖区市场监督管理局']]);
  const [la, lb] = r.body.leads.map((l) => l.case_id);
  assert.notEqual(la, lb);

  const mine = await A.officer('GET', `/api/v1/cases/${la}`);
  assert.equal(mine.status, 200, mine.text);
  assert.equal(mine.body.state, 'lead');
  assert.equal(mine.body.source, 'hotline');
  assert.equal(mine.body.lead_reference, '12345-20260302-0001');
  assert.equal(mine.body.item_code, 'CG010601');
  assert.equal(mine.body.agency_id, A.agency.id);
  // the other agency's lead is not A's to see: 404, and absent from A's list
  assert.equal((await A.officer('GET', `/api/v1/cases/${lb}`)).status, 404);
  const listA = (await A.officer('GET', '/api/v1/cases?limit=500')).body.items.map((c) => c.id);
  assert.ok(listA.includes(la) && !listA.includes(lb));
  const theirs = await B.officer('GET', `/api/v1/cases/${lb}`);
  assert.equal(theirs.body.lead_reference, '12345-20260302-0001');
  assert.equal(theirs.body.cause, '销售超过保质期的食品');
  assert.equal((await B.officer('GET', `/api/v1/cases/${la}`)).status, 404);

  // the same ticket twice is refused and adds nothing
  const n = await count();
  const again = await dispatcher('POST', '/api/v1/leads/fanout', ticket('12345-20260302-0001', both()));
  assert.equal(again.status, 409, again.text);
  assert.equal(again.body.code, 'reference_exists');
  assert.equal(await count(), n);

  // a supervisor of the city may dispatch too
  const sv = await supervisor('POST', '/api/v1/leads/fanout', ticket('12345-20260302-0002', both(), { source: 'complaint' }));
  assert.equal(sv.status, 201, sv.text);
});

test('bad tickets: an agency outside the region or twice, one agency, items not in force, stray members; nothing written', async () => {
  const n = await count();
  const cases = [
    [ticket('T-1', [both()[0], { agency_id: C.agency.id, item_code: 'SC010601', cause: '滨江' }]), ['agencies[1].agency_id']],
    [ticket('T-2', [both()[0], { ...both()[0] }]), ['agencies[1].agency_id']],
    [ticket('T-3', [both()[0]]), ['agencies']],
    [ticket('T-4', [both()[0], { agency_id: 'no-such-agency', item_code: 'SC010601', cause: 'x' }]), ['agencies[1].agency_id']],
    [ticket('T-5', [both()[0], { ...both()[1], item_code: 'SC010699' }]), ['agencies[1].item_code']],
    [ticket('T-6', [{ ...both()[0], cause: undefined }, both()[1]]), ['agencies[0].cause']],
    [ticket('T-7', [{ ...both()[0], priority: 'high' }, both()[1]]), ['agencies[0].priority']],
    [ticket('T 8', both()), ['reference']],
    [ticket('T-9', both(), { source: 'inspection' }), ['source']],
    [ticket('T-10', both(), { urgent: true }), ['urgent']],
    [ticket('T-11', both(), { party_id: 'nobody' }), ['party_id']],
    [ticket('T-12', both(), { place_region: '330108' }), ['agencies[0].place_region', 'agencies[1].place_region']],
  ];
  for (const [body, fields] of cases) {
    const r = await dispatcher('POST', '/api/v1/leads/fanout', body);
    assert.equal(r.status, 400, `${body.reference}: ${r.text}`);
    assert.deepEqual(r.body.errors.map((e) => e.field), fields, body.reference);
  }
  // a dispatcher of 滨江 may not send leads to 西湖's agencies
  const far = await farDispatcher('POST', '/api/v1/leads/fanout', ticket('T-13', both()));
  assert.equal(far.status, 400, far.text);
  assert.deepEqual(far.body.errors.map((e) => e.field), ['agencies[0].agency_id', 'agencies[1].agency_id']);
  assert.equal(await count(), n);
});

test('ticket numbers are unique per region: 滨江 may use a number 西湖 used, without learning of it; neither may repeat its own', async () => {
  const ref = '12345-20260401-0007';
  const r = await dispatcher('POST', '/api/v1/leads/fanout', ticket(ref, both()));
  assert.equal(r.status, 201, r.text);
  const binjiang = () => [
    { agency_id: D.agency.id, item_code: 'CG010601', cause: '店外占道经营' },
    { agency_id: C.agency.id, item_code: 'SC010601', cause: '销售超过保质期的食品' },
  ];
  // 滨江's dispatcher sees nothing of 西湖's ticket and may number its own the same
  assert.equal((await farDispatcher('GET', `/api/v1/leads/fanout/${ref}`)).status, 404);
  const far = await farDispatcher('POST', '/api/v1/leads/fanout', ticket(ref, binjiang(), { place_region: '330108', place: '江南大道1号' }));
  assert.equal(far.status, 201, far.text);
  assert.deepEqual(far.body.leads.map((l) => l.agency_id), [D.agency.id, C.agency.id]);
  // each region's follow-up lists its own leads only
  const mine = await dispatcher('GET', `/api/v1/leads/fanout/${ref}`);
  assert.deepEqual(mine.body.leads.map((l) => l.agency_id), [A.agency.id, B.agency.id]);
  const theirs = await farDispatcher('GET', `/api/v1/leads/fanout/${ref}`);
  assert.deepEqual(theirs.body.leads.map((l) => l.agency_id), [D.agency.id, C.agency.id]);
  // within one region the number is still refused, for either dispatcher
  const n = await count();
  const again = await farDispatcher('POST', '/api/v1/leads/fanout', ticket(ref, binjiang(), { place_region: '330108' }));
  assert.equal(again.status, 409, again.text);
  assert.equal(again.body.code, 'reference_exists');
  const city = await supervisor('POST', '/api/v1/leads/fanout', ticket(ref, both()));
  assert.equal(city.status, 409, city.text);
  assert.equal(await count(), n);
});

test('the dispatcher finds and registers the party (party_read, party_write) without reading any case', async () => {
  const found = await dispatcher('GET', `/api/v1/parties?q=${encodeURIComponent('杭州某餐饮')}`);
  assert.equal(found.status, 200, found.text);
  assert.deepEqual(found.body.items.map((p) => p.id), [party.id]);
  const made = await dispatcher('POST', '/api/v1/parties', { kind: 'organisation', name: '杭州某夜宵排档', uscc: newUscc() });
  assert.equal(made.status, 201, made.text);
  const again = await dispatcher('POST', '/api/v1/parties', { kind: 'organisation', name: '重复登记', uscc: made.body.uscc });
  assert.equal(again.status, 409, again.text);
  // … and fans out a ticket about the party it registered
  const r = await dispatcher('POST', '/api/v1/leads/fanout', ticket('12345-20260405-0001', both(), { party_id: made.body.id }));
  assert.equal(r.status, 201, r.text);
  // the registry is not the cases: the party's page (its cases in every agency) and the case lists stay closed
  assert.equal((await dispatcher('GET', `/api/v1/parties/${made.body.id}`)).status, 403);
  assert.equal((await dispatcher('GET', '/api/v1/cases')).status, 403);
  assert.equal((await dispatcher('GET', `/api/v1/cases/${r.body.leads[0].case_id}`)).status, 403);
  // a supervisor reads cases and may register a party for a ticket too
  const sv = await supervisor('POST', '/api/v1/parties', { kind: 'organisation', name: '杭州某水果店', uscc: newUscc() });
  assert.equal(sv.status, 201, sv.text);
});
