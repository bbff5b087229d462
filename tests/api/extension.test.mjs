// City extension catalogues (扩展目录, 浙江省综合行政执法条例 Art 7): 杭州市 proposes an item
// of its own extension catalogue; another 杭州 catalog admin may not approve it, a
// provincial one does; the item is claimed only inside 杭州 and counts in the coverage
// and the indicators of 杭州's regions only — not in 宁波's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, seedRegions, userWithToken, newAgency, call, zhifa } from './lib.mjs';

const TODAY = '2026-03-02';
let s, hz1, hz2, prov, nb, comp, nbComp;
const as = (token) => (method, path, body) => call(s, method, path, body, { token });
const fields = (r) => (r.body?.errors || []).map((e) => e.field);
const ITEM = {
  name: '对违反杭州市西湖风景名胜区管理规定的行政处罚', kind: 'penalty', domain: '城市管理',
  legal_basis: [{ law: '杭州西湖风景名胜区管理条例', article: '第四十条' }], level: 'county', mode: 'comprehensive',
  penalty_types: ['warning', 'fine'], fine_min_fen: 5000, fine_max_fen: 100000,
};

before(async () => {
  s = await startServer('extension', { env: { ZHIFA_TODAY: TODAY } });
  await seedRegions(s);
  for (const [code, name] of [['330200', '宁波市'], ['330203', '海曙区']]) {
    const r = await s.api('POST', '/api/v1/regions', { code, name });
    assert.equal(r.status, 201, r.text);
  }
  hz1 = await userWithToken(s, 'ext-hz1', 'catalog_admin', { region: '330100' });
  hz2 = await userWithToken(s, 'ext-hz2', 'catalog_admin', { region: '330100' });
  prov = await userWithToken(s, 'ext-prov', 'catalog_admin', { region: '330000' });
  nb = await userWithToken(s, 'ext-nb', 'catalog_admin', { region: '330200' });
  comp = await newAgency(s, { name: '西湖区综合行政执法局', kind: 'comprehensive', domain: '' });
  nbComp = await newAgency(s, { name: '海曙区综合行政执法局', kind: 'comprehensive', domain: '', region_code: '330203' });
});
after(async () => { await s.stop(); });

let changeId;
test('a city proposes to its own extension catalogue only; the scope must be a registered city', async () => {
  const propose = (token, scope, code = 'CG700001') =>
    as(token)('POST', '/api/v1/catalog/changes', { action: 'add', item_code: code, effective_date: TODAY, reason: '杭州扩展目录', proposal: { ...ITEM, scope } });
  const other = await propose(nb, '330100');
  assert.equal(other.status, 403, '宁波 may not propose to 杭州\'s extension catalogue');
  const bad = await propose(hz1, '330106');
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(fields(bad), ['proposal.scope'], 'a county is not a city');
  const unknown = await propose(prov, '330300');
  assert.equal(unknown.status, 400, unknown.text);
  assert.deepEqual(fields(unknown), ['proposal.scope'], '温州 is not registered here');
  const r = await propose(hz1, '330100');
  assert.equal(r.status, 201, r.text);
  changeId = r.body.id;
  assert.equal(r.body.proposal.scope, '330100');
});

test('the province approves it: not the proposer, not another 杭州 catalog admin (403 province_approval)', async () => {
  const self = await as(hz1)('POST', `/api/v1/catalog/changes/${changeId}/approve`, {});
  assert.equal(self.status, 403);
  const city = await as(hz2)('POST', `/api/v1/catalog/changes/${changeId}/approve`, {});
  assert.equal(city.status, 403, city.text);
  assert.equal(city.body.code, 'province_approval');
  const ok = await as(prov)('POST', `/api/v1/catalog/changes/${changeId}/approve`, {});
  assert.equal(ok.status, 200, ok.text);
  const item = await s.api('GET', '/api/v1/catalog/items/CG700001');
  assert.equal(item.body.scope, '330100');
  assert.equal(item.body.agency_kind, 'comprehensive');
  // the catalogue of an item is fixed: an amendment may not move it
  const move = await as(hz1)('POST', '/api/v1/catalog/changes', { action: 'amend', item_code: 'CG700001', effective_date: '2026-04-01', proposal: { scope: null } });
  assert.equal(move.status, 400, move.text);
  assert.deepEqual(fields(move), ['proposal.scope']);
  // an amendment of an extension item is the province's to approve too
  const amend = await as(hz1)('POST', '/api/v1/catalog/changes', { action: 'amend', item_code: 'CG700001', effective_date: '2026-04-01', proposal: { fine_max_fen: 200000 } });
  assert.equal(amend.status, 201, amend.text);
  assert.equal((await as(hz2)('POST', `/api/v1/catalog/changes/${amend.body.id}/approve`, {})).body.code, 'province_approval');
  assert.equal((await as(prov)('POST', `/api/v1/catalog/changes/${amend.body.id}/approve`, {})).status, 200);
  const v2 = await s.api('GET', '/api/v1/catalog/items/CG700001?as_of=2026-04-01');
  assert.equal(v2.body.version, 2);
  assert.equal(v2.body.scope, '330100', 'the next version keeps the scope');
});

test('claimed only inside 杭州; counted in the coverage and indicators of 杭州\'s regions only', async () => {
  const out = await s.api('POST', '/api/v1/catalog/claims', { item_code: 'CG700001', agency_id: nbComp.id, effective_from: TODAY });
  assert.equal(out.status, 400, out.text);
  assert.deepEqual(fields(out), ['region_code']);
  const hz = await s.api('GET', `/api/v1/catalog/coverage?region_code=330100&as_of=${TODAY}`);
  assert.deepEqual(hz.body.unclaimed.filter((u) => u.item_code === 'CG700001').map((u) => u.region_code), ['330106', '330108'],
    'unclaimed in both 杭州 counties');
  const ningbo = await s.api('GET', `/api/v1/catalog/coverage?region_code=330200&as_of=${TODAY}`);
  assert.equal(ningbo.body.unclaimed.filter((u) => u.item_code === 'CG700001').length, 0, 'not 宁波\'s to exercise');
  const province = await s.api('GET', `/api/v1/catalog/coverage?region_code=330000&as_of=${TODAY}`);
  assert.deepEqual(province.body.unclaimed.filter((u) => u.item_code === 'CG700001').map((u) => u.region_code), ['330106', '330108']);
  const c = await s.api('POST', '/api/v1/catalog/claims', { item_code: 'CG700001', agency_id: comp.id, effective_from: TODAY });
  assert.equal(c.status, 201, c.text);
  const after = await s.api('GET', `/api/v1/catalog/coverage?region_code=330106&as_of=${TODAY}`);
  assert.equal(after.body.unclaimed.filter((u) => u.item_code === 'CG700001').length, 0);
  // the penalty share: one more comprehensive county penalty item in 杭州, none in 宁波
  const ind = async (code) => (await s.api('GET', `/api/v1/indicators?region_code=${code}&date=${TODAY}`)).body.city_county_penalty_share;
  const [h, x, p] = [await ind('330106'), await ind('330203'), await ind('330000')];
  assert.equal(h.numerator, x.numerator + 1);
  assert.equal(h.denominator, x.denominator + 1);
  assert.equal(p.numerator, x.numerator, 'the province counts its own catalogue');
  assert.equal(p.denominator, x.denominator);
});

test('GET /catalog/items?region_code lists 杭州\'s extension item for 杭州 and its counties, for the province, never for 宁波', async () => {
  const codes = async (region, extra = '') => {
    const r = await s.api('GET', `/api/v1/catalog/items?region_code=${region}&as_of=${TODAY}&limit=500${extra}`);
    assert.equal(r.status, 200, r.text);
    return r.body.items.map((i) => i.code);
  };
  const imp = await call(s, 'POST', '/api/v1/catalog/import',
    'code,name,kind,domain,legal_basis,level,mode,penalty_types,fine_min_fen,fine_max_fen,effective_from\n' +
    'SC700001,对药品批发企业的行政处罚,penalty,市场监管,《中华人民共和国药品管理法》第一百一十五条,province,departmental,罚款,,,2023-01-01\n' +
    'SC700002,对特种设备生产单位的行政处罚,penalty,市场监管,《中华人民共和国特种设备安全法》第七十四条,city,departmental,罚款,,,2023-01-01\n' +
    'SC700003,对销售不符合食品安全标准食品的行政处罚,penalty,市场监管,《中华人民共和国食品安全法》第一百二十四条,county,departmental,罚款,,,2023-01-01\n',
    { token: s.token, type: 'text/csv' });
  assert.equal(imp.status, 200, imp.text);
  assert.deepEqual(await codes('330000'), ['CG700001', 'SC700001', 'SC700002', 'SC700003'], 'the province: every level');
  assert.deepEqual(await codes('330100'), ['CG700001', 'SC700002', 'SC700003'], '杭州: its own level and below');
  assert.deepEqual(await codes('330200'), ['SC700002', 'SC700003'], '宁波: not 杭州\'s extension item');
  assert.deepEqual(await codes('330203'), ['SC700003']);
  assert.deepEqual(await codes('330100', '&level=province'), [], 'a province item is not exercised in a city');
  for (const region of ['330000', '330100', '330106']) assert.ok((await codes(region)).includes('CG700001'), region);
  for (const region of ['330200', '330203']) assert.ok(!(await codes(region)).includes('CG700001'), region);
  assert.deepEqual(await codes('330106', '&q=CG7'), ['CG700001'], 'with the search');
  // the items of a region are those its coverage pairs: nothing is claimed in 海曙区,
  // so its unclaimed items are exactly its county-level items
  const cov = await s.api('GET', `/api/v1/catalog/coverage?region_code=330203&as_of=${TODAY}`);
  assert.deepEqual(cov.body.unclaimed.map((u) => u.item_code), await codes('330203'));
});

test('zhifa ledger verify passes: extension versions carry their scope, province versions none (as before 012)', async () => {
  const out = zhifa(['ledger', 'verify', '--db', s.db.url]);
  assert.match(out, /^ok: /m, out);
});
