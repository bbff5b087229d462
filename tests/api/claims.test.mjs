// Claims (认领), coverage (三不管 / 多头管), township lists and the reform indicators
// (条例 Art 7–9; domain.md §A) on a constructed county: 西湖区 330106 with two
// townships, a neighbour 滨江区 330108 and 杭州市 330100 above them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, call, seedRegions, userWithToken, newAgency, idNumber, zhifa } from './lib.mjs';

const TODAY = '2025-01-01';
const T1 = '330106001000';
const T2 = '330106002000';
let s, sc, hj, comp, comp2, town1, town2, city, head, officer;
let idn = 0;
const newId = () => idNumber(`3301061990010${String(100 + idn++).slice(-3)}1`.slice(0, 17));

before(async () => {
  s = await startServer('claims', { env: { ZHIFA_TODAY: TODAY } });
  await seedRegions(s);
  for (const [code, name] of [[T1, '北山街道'], [T2, '西溪街道']]) {
    const r = await s.api('POST', '/api/v1/regions', { code, name });
    assert.equal(r.status, 201, r.text);
  }
  sc = await newAgency(s, { name: '西湖区市场监管局', kind: 'departmental', domain: '市场监管' });
  hj = await newAgency(s, { name: '西湖区生态环境分局', kind: 'departmental', domain: '生态环境' });
  comp = await newAgency(s, { name: '西湖区综合行政执法局', kind: 'comprehensive', domain: '' });
  comp2 = await newAgency(s, { name: '西湖区城管执法大队', kind: 'comprehensive', domain: '' });
  town1 = await newAgency(s, { name: '北山街道综合行政执法队', kind: 'township', domain: '', region_code: T1 });
  town2 = await newAgency(s, { name: '西溪街道综合行政执法队', kind: 'township', domain: '', region_code: T2 });
  city = await newAgency(s, { name: '杭州市市场监管局', kind: 'departmental', domain: '市场监管', region_code: '330100' });
  head = await userWithToken(s, 'claims-head', 'agency_head', { agency: comp.id });
  officer = await userWithToken(s, 'claims-officer', 'officer', { agency: sc.id });
  const r = await call(s, 'POST', '/api/v1/catalog/import',
    'code,name,kind,domain,legal_basis,level,mode,penalty_types,fine_min_fen,fine_max_fen,effective_from\n' +
    'SC200001,对销售不符合食品安全标准食品的行政处罚,penalty,市场监管,《中华人民共和国食品安全法》第一百二十四条,county,departmental,罚款,,,2023-01-01\n' +
    'SC200002,对药品批发企业的行政处罚,penalty,市场监管,《中华人民共和国药品管理法》第一百一十五条,province,departmental,罚款,,,2023-01-01\n' +
    'CG200001,对擅自设置户外广告的行政处罚,penalty,城市管理,《城市市容和环境卫生管理条例》第三十六条,county,comprehensive,罚款,,,2023-01-01\n' +
    'CG200002,对乱涂乱画的行政处罚,penalty,城市管理,《城市市容和环境卫生管理条例》第三十四条,township,comprehensive,罚款,,,2023-01-01\n' +
    'CG200003,对占道经营的行政处罚,penalty,城市管理,《城市市容和环境卫生管理条例》第十四条,township,comprehensive,罚款,,,2023-01-01\n' +
    'HJ200001,对排污单位的行政检查,inspection,生态环境,《中华人民共和国环境保护法》第二十四条,county,departmental,,,,2023-01-01\n',
    { token: s.token, type: 'text/csv' });
  assert.equal(r.status, 200, r.text);
});
after(async () => { if (process.env.SHOW_STDERR) console.error(s.stderr); await s.stop(); });

const claim = (body, token = s.token) => call(s, 'POST', '/api/v1/catalog/claims', body, { token });
const fields = (r) => (r.body?.errors || []).map((e) => e.field);

test('claim rules: wrong kind, wrong domain, region outside the agency, level mismatch, unknown item → 400 naming the field; nothing written', async () => {
  const before = (await s.api('GET', '/api/v1/ledger/checkpoint')).body.tree_size;
  let r = await claim({ item_code: 'SC200001', agency_id: comp.id, effective_from: '2024-01-01' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['agency_id'], 'a departmental item is not claimed by comprehensive enforcement');
  r = await claim({ item_code: 'SC200001', agency_id: hj.id, effective_from: '2024-01-01' });
  assert.deepEqual(fields(r), ['agency_id'], '生态环境 may not claim a 市场监管 item');
  r = await claim({ item_code: 'SC200001', agency_id: sc.id, region_code: '330108', effective_from: '2024-01-01' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['region_code'], 'a county agency claims only inside its county');
  r = await claim({ item_code: 'SC200001', agency_id: sc.id, region_code: T1, effective_from: '2024-01-01' });
  assert.deepEqual(fields(r), ['region_code'], 'a county item is claimed for the county, not a township');
  r = await claim({ item_code: 'CG200002', agency_id: town1.id, region_code: T2, effective_from: '2024-01-01' });
  assert.deepEqual(fields(r), ['region_code'], 'a township claims only for itself');
  r = await claim({ item_code: 'SC200001', agency_id: sc.id, effective_from: '2022-06-01' });
  assert.deepEqual(fields(r), ['item_code'], 'the item is not in force on that day');
  r = await claim({ item_code: 'SC200001', agency_id: sc.id, region_code: '999999', effective_from: '2024-01-01' });
  assert.equal(r.status, 400);
  assert.ok(fields(r).includes('region_code'));
  r = await claim({ agency_id: sc.id });
  assert.deepEqual(fields(r).sort(), ['effective_from', 'item_code']);
  assert.equal((await s.api('GET', '/api/v1/ledger/checkpoint')).body.tree_size, before, 'nothing written');
});

test('who may claim: the agency head for their own agency, admins in scope; not an officer, not another agency head', async () => {
  assert.equal((await claim({ item_code: 'SC200001', agency_id: sc.id, effective_from: '2024-01-01' }, officer)).status, 403);
  const r = await claim({ item_code: 'SC200001', agency_id: sc.id, effective_from: '2024-01-01' }, head);
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['agency_id'], 'another agency is not visible to an agency head: unknown, never 403');
  const ok = await claim({ item_code: 'CG200001', agency_id: comp.id, effective_from: '2024-01-01' }, head);
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.body.region_code, '330106', 'the region defaults to the agency\'s');
  assert.equal(ok.body.claimed_by, 'claims-head');
  assert.match(ok.body.version_id, /^[0-9a-f-]{36}$/);
});

test('claims are versioned: an overlapping claim is 409 naming effective_from; after the end a new claim may begin', async () => {
  const a = await claim({ item_code: 'SC200001', agency_id: sc.id, effective_from: '2024-01-01' });
  assert.equal(a.status, 201, a.text);
  const o = await claim({ item_code: 'SC200001', agency_id: sc.id, effective_from: '2024-03-01' });
  assert.equal(o.status, 409, o.text);
  assert.deepEqual(fields(o), ['effective_from']);
  const bad = await s.api('POST', `/api/v1/catalog/claims/${a.body.id}/end`, { effective_to: '2023-12-31' });
  assert.equal(bad.status, 400);
  assert.deepEqual(fields(bad), ['effective_to']);
  const e = await s.api('POST', `/api/v1/catalog/claims/${a.body.id}/end`, { effective_to: '2024-06-01' });
  assert.equal(e.status, 200, e.text);
  assert.equal(e.body.effective_to, '2024-06-01');
  assert.equal((await s.api('POST', `/api/v1/catalog/claims/${a.body.id}/end`, { effective_to: '2024-07-01' })).status, 409);
  assert.equal((await claim({ item_code: 'SC200001', agency_id: sc.id, effective_from: '2024-05-01' })).status, 409);
  const b = await claim({ item_code: 'SC200001', agency_id: sc.id, effective_from: '2024-06-01' });
  assert.equal(b.status, 201, b.text);
  const l = await s.api('GET', `/api/v1/catalog/claims?agency_id=${sc.id}&as_of=2024-05-31`);
  assert.deepEqual(l.body.items.map((c) => c.id), [a.body.id]);
  const l2 = await s.api('GET', '/api/v1/catalog/claims?item_code=SC200001');
  assert.equal(l2.body.items.length, 2);
});

test('coverage of 西湖区: exactly the unclaimed and the overclaimed (item × region × claims)', async () => {
  for (const body of [
    { item_code: 'CG200001', agency_id: comp2.id, effective_from: '2024-02-01' },
    { item_code: 'CG200002', agency_id: town1.id, effective_from: '2024-01-01' },
    { item_code: 'CG200003', agency_id: town2.id, effective_from: '2025-06-01' }, // not yet in force
  ]) {
    const r = await claim(body);
    assert.equal(r.status, 201, r.text);
  }
  const r = await s.api('GET', '/api/v1/catalog/coverage?region_code=330106&as_of=2025-01-01');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.unclaimed.map((u) => `${u.item_code}@${u.region_code}`),
    ['CG200002@330106002000', 'CG200003@330106001000', 'CG200003@330106002000', 'HJ200001@330106']);
  assert.deepEqual(r.body.unclaimed[3], { item_code: 'HJ200001', name: '对排污单位的行政检查', level: 'county', region_code: '330106' });
  assert.equal(r.body.overclaimed.length, 1);
  assert.equal(r.body.overclaimed[0].item_code, 'CG200001');
  assert.equal(r.body.overclaimed[0].region_code, '330106');
  assert.deepEqual(r.body.overclaimed[0].agencies.map((a) => a.id).sort(), [comp.id, comp2.id].sort());
  const early = await s.api('GET', '/api/v1/catalog/coverage?region_code=330106&as_of=2024-01-15');
  assert.deepEqual(early.body.overclaimed, [], 'comp2 claimed only from February');
  const one = await s.api('GET', `/api/v1/catalog/coverage?region_code=${T1}&as_of=2025-01-01`);
  assert.deepEqual(one.body.unclaimed.map((u) => u.item_code), ['CG200003']);
  assert.equal((await s.api('GET', '/api/v1/catalog/coverage?region_code=339999')).status, 400);
  assert.equal((await s.api('GET', '/api/v1/catalog/coverage')).status, 400);
  const x = await fetch(`${s.url}/api/v1/catalog/coverage.xlsx?region_code=330106`, { headers: { Authorization: `Bearer ${s.token}` } });
  assert.equal(x.status, 200);
  assert.equal(Buffer.from(await x.arrayBuffer()).subarray(0, 2).toString(), 'PK');
});

test('coverage pages: both kinds merged by (item, region), limit pairs a page, totals of the whole region, the cursor walks to the end', async () => {
  const url = (q) => `/api/v1/catalog/coverage?region_code=330106&as_of=2025-01-01${q}`;
  const all = await s.api('GET', url(''));
  assert.equal(all.body.unclaimed_total, 4);
  assert.equal(all.body.overclaimed_total, 1);
  assert.equal(all.body.next_cursor, null, 'five pairs fit the default page of 1,000');
  const pairs = [];
  let cursor = '';
  const seen = [];
  for (let n = 0; n < 5; n++) {
    const r = await s.api('GET', url(`&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`));
    assert.equal(r.status, 200, r.text);
    assert.equal(r.body.unclaimed_total, 4, 'every page carries the totals of the region');
    assert.equal(r.body.overclaimed_total, 1);
    const page = [...r.body.unclaimed.map((u) => `U ${u.item_code}@${u.region_code}`),
      ...r.body.overclaimed.map((o) => `O ${o.item_code}@${o.region_code}`)];
    assert.ok(page.length <= 2, page.join());
    seen.push(page.length);
    pairs.push(...page);
    cursor = r.body.next_cursor;
    if (!cursor) break;
  }
  assert.deepEqual(seen, [2, 2, 1]);
  assert.deepEqual(pairs.sort((a, b) => a.slice(2).localeCompare(b.slice(2))), [
    'O CG200001@330106', 'U CG200002@330106002000', 'U CG200003@330106001000', 'U CG200003@330106002000', 'U HJ200001@330106']);
  const first = await s.api('GET', url('&limit=2'));
  assert.equal(first.body.next_cursor, 'CG200002.330106002000', 'the cursor names the last pair of the page');
  assert.deepEqual(first.body.overclaimed.map((o) => o.item_code), ['CG200001']);
  for (const [q, field] of [['&limit=0', 'limit'], ['&limit=10001', 'limit'], ['&cursor=CG200002', 'cursor'],
    ['&cursor=XX1.330106', 'cursor'], ['&cursor=CG200002.33', 'cursor']]) {
    const r = await s.api('GET', url(q));
    assert.equal(r.status, 400, `${q}: ${r.text}`);
    assert.deepEqual(fields(r), [field], q);
  }
});

test('township lists: import all or nothing, and the match rate with the items on each side that do not match', async () => {
  const imp = (body) => call(s, 'POST', '/api/v1/catalog/township-lists/import', body, { token: s.token, type: 'text/csv' });
  const bad = await imp(`region_code,name,item_code,kind\n${T1},乱涂乱画,CG200002,power\n330106,某事项,,power\n${T1},x,,other\n`);
  assert.equal(bad.status, 400, bad.text);
  assert.deepEqual(bad.body.errors.map((e) => `${e.row}:${e.field}`), ['3:region_code', '4:kind']);
  const ok = await imp(`region_code,name,item_code,kind\n${T1},乱涂乱画,CG200002,power\n${T2},对 占道经营的行政处罚。,,power\n${T2},对设置大型户外广告的审批,,approval\n`);
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual(ok.body, { imported: 3 });
  const m1 = await s.api('GET', `/api/v1/catalog/township-match?region_code=${T1}&as_of=2025-01-01`);
  assert.equal(m1.status, 200, m1.text);
  assert.equal(m1.body.source, 'claims');
  assert.deepEqual([m1.body.matched, m1.body.delegated], [1, 1]);
  const m2 = await s.api('GET', `/api/v1/catalog/township-match?region_code=${T2}&as_of=2025-01-01`);
  assert.equal(m2.body.source, 'catalog', 'no claim in force: every township item in force');
  assert.deepEqual([m2.body.matched, m2.body.delegated], [1, 2]);
  assert.deepEqual(m2.body.unmatched_items.map((i) => i.code), ['CG200002']);
  assert.deepEqual(m2.body.unmatched_list.map((i) => i.name), ['对设置大型户外广告的审批']);
  assert.equal((await s.api('GET', '/api/v1/catalog/township-match?region_code=330106')).status, 400);
});

test('indicators: exact numerators and denominators, the 50% edge met, breakdown per county, XLSX', async () => {
  const off = async (agency, extra = {}) => {
    const r = await s.api('POST', '/api/v1/officers', { agency_id: agency.id, name: '测试', id_number: newId(), cert_no: `C-${idn}-${agency.id.slice(-6)}`, cert_issued: '2024-01-01', ...extra });
    assert.equal(r.status, 201, r.text);
  };
  await off(city);
  await off(sc);
  await off(sc);
  await off(sc, { cert_expires: '2024-12-31' }); // expired on the date: not counted
  await off(town1);
  await off(town1);
  await off(town2);
  await off(town2, { status: 'suspended' }); // not counted
  await off(town2, { cert_issued: '2025-02-01' }); // not yet certified
  const r = await s.api('GET', '/api/v1/indicators?region_code=330100&date=2025-01-01');
  assert.equal(r.status, 200, r.text);
  const pick = (k) => [r.body[k].numerator, r.body[k].denominator, r.body[k].met];
  assert.deepEqual(Object.keys(r.body).sort(), ['city_county_penalty_share', 'staff_county_and_below_share',
    'staff_township_share', 'township_match_rate', 'township_penalty_share']);
  assert.deepEqual(pick('city_county_penalty_share'), [1, 2, true]); // CG200001 of SC200001 + CG200001
  assert.deepEqual(pick('township_penalty_share'), [2, 4, true]); // CG200002/3 of county + township
  assert.deepEqual(pick('township_match_rate'), [2, 3, false]);
  assert.deepEqual(pick('staff_county_and_below_share'), [5, 6, false]);
  assert.deepEqual(pick('staff_township_share'), [3, 6, true], '50% exactly meets the target');
  assert.equal(r.body.staff_township_share.value, 0.5);
  assert.equal(r.body.staff_township_share.target, 0.5);
  assert.equal(r.body.city_county_penalty_share.target, 0.2);
  assert.match(r.body.township_penalty_share.formula, /denominator=county/);
  const all = await s.api('GET', '/api/v1/indicators?region_code=330100&date=2025-01-01&township_denominator=all');
  assert.deepEqual([all.body.township_penalty_share.numerator, all.body.township_penalty_share.denominator], [2, 5]);
  assert.match(all.body.township_penalty_share.formula, /denominator=all/);
  const b = await s.api('GET', '/api/v1/indicators/breakdown?region_code=330100&date=2025-01-01&indicator=staff_township_share');
  assert.equal(b.status, 200, b.text);
  assert.deepEqual(b.body.items.map((i) => [i.region_code, i.numerator, i.denominator]), [['330106', 3, 5], ['330108', 0, 0]]);
  assert.equal((await s.api('GET', '/api/v1/indicators/breakdown?region_code=330100&indicator=nope')).status, 400);
  assert.equal((await s.api('GET', '/api/v1/indicators?region_code=330100&date=2025-13-01')).status, 400);
  const x = await fetch(`${s.url}/api/v1/indicators.xlsx?region_code=330100&date=2025-01-01`, { headers: { Authorization: `Bearer ${s.token}` } });
  assert.equal(x.status, 200);
});

test('zhifa ledger verify passes with claims, ended claims and township lists', () => {
  const out = zhifa(['ledger', 'verify', '--db', s.db.url]);
  assert.match(out, /^ok: /);
});
