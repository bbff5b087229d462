// The reform indicators (domain.md §A) on a small hand-checked province, and the server's
// cache of them (src/api/claims.c, migrations 013 and 014): an answer comes from the cache
// (X-Indicators-Cache: hit) only while no region, agency, officer, catalog version, claim
// or township list has changed; after each kind of change — through the API or plain
// SQL — the next answer is computed again and equals the hand-checked one.
//
// The fixture on 2025-01-01: 杭州市 330100 with 西湖区 330106 (townships T1, T2) and
// 滨江区 330108 (township T3).
//   catalog (all in force, no extension scope): township comprehensive penalties CG300001–3,
//   county CG300004 (comprehensive) and SC300001 (departmental), city SC300002
//   (departmental), an inspection HJ300001 (county; not a penalty, not counted).
//   penalties: city 0 comprehensive + 1 departmental, county 1 + 1, township 3 + 0.
//   claims: T1 claims CG300001, CG300002; T2 none (delegated = the 3 township items);
//   T3 claims CG300003.
//   lists: T1 {code CG300001; name "对 占道经营的行政处罚。" = CG300002 normalised} → 2 of 2;
//   T2 {code CG300003; name "乱倒垃圾" (not the item's name)} → 1 of 3; T3 none → 0 of 1.
//   officers: city 1, county 2 (+1 expired), T1 1, T2 1, T3 1 suspended.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, call, seedRegions, newAgency, idNumber, sqlQuery } from './lib.mjs';

const DATE = '2025-01-01';
const T1 = '330106001000';
const T2 = '330106002000';
const T3 = '330108001000';
const T4 = '330108002000';
let s, comp, town1, town2, town3, city;
let idn = 0;
const newId = () => idNumber(`3301061985020${String(100 + idn++).slice(-3)}1`.slice(0, 17));
const CSV = 'code,name,kind,domain,legal_basis,level,mode,penalty_types,fine_min_fen,fine_max_fen,effective_from\n';

async function officer(agency, extra = {}) {
  const r = await s.api('POST', '/api/v1/officers', { agency_id: agency.id, name: '指标测试', id_number: newId(),
    cert_no: `IND-${idn}`, cert_issued: '2024-01-01', ...extra });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

async function claimFor(agency, item) {
  const r = await s.api('POST', '/api/v1/catalog/claims', { item_code: item, agency_id: agency.id, effective_from: '2024-01-01' });
  assert.equal(r.status, 201, r.text);
  return r.body;
}

const importCsv = (path, body) => call(s, 'POST', path, body, { token: s.token, type: 'text/csv' });

// The five indicators of region on the date as [numerator, denominator, met], and the
// cache header.
async function indicators(region = '330100', date = DATE, extra = '') {
  const r = await s.api('GET', `/api/v1/indicators?region_code=${region}&date=${date}${extra}`);
  assert.equal(r.status, 200, r.text);
  const out = {};
  for (const [k, v] of Object.entries(r.body)) out[k] = [v.numerator, v.denominator, v.met];
  return { v: out, cache: r.headers.get('x-indicators-cache') };
}

const want = (cc, tp, tm, cb, st) => ({ city_county_penalty_share: cc, township_penalty_share: tp,
  township_match_rate: tm, staff_county_and_below_share: cb, staff_township_share: st });

// Asserts that the next answer is computed again (a change happened) and is expected,
// and that the one after it comes from the cache with the same numbers.
async function changedTo(expected, what) {
  const a = await indicators();
  assert.equal(a.cache, 'miss', `${what}: the change must invalidate the cached answer`);
  assert.deepEqual(a.v, expected, what);
  const b = await indicators();
  assert.equal(b.cache, 'hit', `${what}: unchanged data is answered from the cache`);
  assert.deepEqual(b.v, expected, `${what} (cached)`);
}

before(async () => {
  // no keeper: each answer's headers say what that request computed
  s = await startServer('indicators', { env: { ZHIFA_TODAY: DATE, ZHIFA_INDICATORS_KEEPER: '0' } });
  await seedRegions(s);
  for (const [code, name] of [[T1, '北山街道'], [T2, '西溪街道'], [T3, '西兴街道']]) {
    const r = await s.api('POST', '/api/v1/regions', { code, name });
    assert.equal(r.status, 201, r.text);
  }
  comp = await newAgency(s, { name: '西湖区综合行政执法局', kind: 'comprehensive', domain: '' });
  town1 = await newAgency(s, { name: '北山街道综合行政执法队', kind: 'township', domain: '', region_code: T1 });
  town2 = await newAgency(s, { name: '西溪街道综合行政执法队', kind: 'township', domain: '', region_code: T2 });
  town3 = await newAgency(s, { name: '西兴街道综合行政执法队', kind: 'township', domain: '', region_code: T3 });
  city = await newAgency(s, { name: '杭州市市场监管局', kind: 'departmental', domain: '市场监管', region_code: '330100' });
  const r = await importCsv('/api/v1/catalog/import', CSV +
    'CG300001,对乱涂乱画的行政处罚,penalty,城市管理,《城市市容和环境卫生管理条例》第三十四条,township,comprehensive,罚款,,,2023-01-01\n' +
    'CG300002,对占道经营的行政处罚,penalty,城市管理,《城市市容和环境卫生管理条例》第十四条,township,comprehensive,罚款,,,2023-01-01\n' +
    'CG300003,对乱倒垃圾的行政处罚,penalty,城市管理,《城市市容和环境卫生管理条例》第三十二条,township,comprehensive,罚款,,,2023-01-01\n' +
    'CG300004,对擅自设置户外广告的行政处罚,penalty,城市管理,《城市市容和环境卫生管理条例》第三十六条,county,comprehensive,罚款,,,2023-01-01\n' +
    'SC300001,对销售不符合食品安全标准食品的行政处罚,penalty,市场监管,《中华人民共和国食品安全法》第一百二十四条,county,departmental,罚款,,,2023-01-01\n' +
    'SC300002,对药品批发企业的行政处罚,penalty,市场监管,《中华人民共和国药品管理法》第一百一十五条,city,departmental,罚款,,,2023-01-01\n' +
    'HJ300001,对排污单位的行政检查,inspection,生态环境,《中华人民共和国环境保护法》第二十四条,county,departmental,,,,2023-01-01\n');
  assert.equal(r.status, 200, r.text);
  await claimFor(town1, 'CG300001');
  await claimFor(town1, 'CG300002');
  await claimFor(town3, 'CG300003');
  const l = await importCsv('/api/v1/catalog/township-lists/import', 'region_code,name,item_code,kind\n' +
    `${T1},乱涂乱画,CG300001,power\n${T1},对 占道经营的行政处罚。,,power\n${T2},垃圾,CG300003,power\n${T2},乱倒垃圾,,approval\n`);
  assert.equal(l.status, 200, l.text);
  await officer(city);
  await officer(comp);
  await officer(comp);
  await officer(comp, { cert_expires: '2024-12-31' });
  await officer(town1);
  await officer(town2);
  await officer(town3, { status: 'suspended' });
});
after(async () => { if (process.env.SHOW_STDERR) console.error(s.stderr); await s.stop(); });

// [numerator, denominator, met] of the fixture, worked out by hand in the header
const BASE = want([1, 3, true], [3, 5, true], [3, 6, false], [4, 5, false], [2, 5, false]);

test('hand-checked: the five indicators of 杭州市, the township denominator, each county and each township', async () => {
  assert.deepEqual((await indicators()).v, BASE);
  // township_denominator=all: 3 of every penalty item in force (1 + 2 + 3 = 6)
  assert.deepEqual((await indicators('330100', DATE, '&township_denominator=all')).v.township_penalty_share, [3, 6, true]);
  // 西湖区: T1 2 of 2, T2 1 of 3; its officers: county 2, township 2
  assert.deepEqual((await indicators('330106')).v, want([1, 3, true], [3, 5, true], [3, 5, false], [4, 4, true], [2, 4, true]));
  // 滨江区: T3 0 of 1 (no list); no officer counted
  assert.deepEqual((await indicators('330108')).v, want([1, 3, true], [3, 5, true], [0, 1, false], [0, 0, false], [0, 0, false]));
  assert.deepEqual((await indicators(T1)).v.township_match_rate, [2, 2, true]);
  assert.deepEqual((await indicators(T2)).v.township_match_rate, [1, 3, false]);
  const b = await s.api('GET', `/api/v1/indicators/breakdown?region_code=330100&date=${DATE}&indicator=township_match_rate`);
  assert.equal(b.status, 200, b.text);
  assert.deepEqual(b.body.items.map((i) => [i.region_code, i.numerator, i.denominator]), [['330106', 3, 5], ['330108', 0, 1]]);
  // before the catalog: nothing in force, every township delegated nothing
  assert.deepEqual((await indicators('330100', '2022-06-01')).v, want([0, 0, false], [0, 0, false], [0, 0, false], [0, 0, false], [0, 0, false]));
});

test('cache: a repeated question is a hit with the same answer; another date or region is computed on its own', async () => {
  await indicators();
  const a = await indicators();
  assert.equal(a.cache, 'hit');
  assert.deepEqual(a.v, BASE);
  const d = await indicators('330100', '2022-06-02');
  assert.equal(d.cache, 'miss');
  assert.deepEqual(d.v.township_match_rate, [0, 0, false]);
  assert.equal((await indicators('330100', '2022-06-02')).cache, 'hit');
  const b1 = await s.api('GET', `/api/v1/indicators/breakdown?region_code=330000&date=${DATE}&indicator=staff_township_share`);
  assert.equal(b1.status, 200, b1.text);
  assert.equal(b1.headers.get('x-indicators-cache'), 'hit', 'the one child 330100 is cached already');
  assert.deepEqual(b1.body.items.map((i) => [i.region_code, i.numerator, i.denominator]), [['330100', 2, 5]]);
});

test('cache: each kind of change is seen by the next answer (officers, agencies, claims, lists, catalog, regions, plain SQL)', async () => {
  let cur = BASE;
  const step = (patch) => { cur = { ...cur, ...patch }; return cur; };
  await indicators();
  assert.equal((await indicators()).cache, 'hit');

  // an officer added at T3: township 3 of 6, county and below 5 of 6
  await officer(town3);
  await changedTo(step({ staff_county_and_below_share: [5, 6, false], staff_township_share: [3, 6, true] }), 'officer added');

  // an officer changed: the suspended one at T3 back on duty
  const sus = JSON.parse(JSON.stringify((await s.api('GET', `/api/v1/officers?agency_id=${town3.id}`)).body))
    .items.find((o) => o.status === 'suspended');
  assert.ok(sus, 'the suspended officer of T3');
  const p = await s.api('PATCH', `/api/v1/officers/${sus.id}`, { status: 'active' });
  assert.equal(p.status, 200, p.text);
  await changedTo(step({ staff_county_and_below_share: [6, 7, true], staff_township_share: [4, 7, true] }), 'officer on duty');

  // an agency moved: the city's market regulator registered in 西湖区 (county level)
  const m = await s.api('PATCH', `/api/v1/agencies/${city.id}`, { region_code: '330106' });
  assert.equal(m.status, 200, m.text);
  await changedTo(step({ staff_county_and_below_share: [7, 7, true] }), 'agency moved');

  // a claim for T2: its delegated items are its claims now (CG300001, not on its list)
  const c = await claimFor(town2, 'CG300001');
  await changedTo(step({ township_match_rate: [2, 4, false] }), 'claim added');

  // the claim ended before the date: T2 back to every township item
  const e = await s.api('POST', `/api/v1/catalog/claims/${c.id}/end`, { effective_to: '2024-12-31' });
  assert.equal(e.status, 200, e.text);
  await changedTo(step({ township_match_rate: [3, 6, false] }), 'claim ended');

  // a township list for T3 naming its claimed item
  const l = await importCsv('/api/v1/catalog/township-lists/import', `region_code,name,item_code,kind\n${T3},乱倒垃圾,CG300003,power\n`);
  assert.equal(l.status, 200, l.text);
  await changedTo(step({ township_match_rate: [4, 6, false] }), 'township list imported');

  // a new township item in the catalog: T2 (no claims) delegated 4, not on its list
  const i = await importCsv('/api/v1/catalog/import', `${CSV}CG300005,对违规晾晒的行政处罚,penalty,城市管理,《城市市容和环境卫生管理条例》第十六条,township,comprehensive,罚款,,,2023-01-01\n`);
  assert.equal(i.status, 200, i.text);
  await changedTo(step({ township_penalty_share: [4, 6, true], township_match_rate: [4, 7, false] }), 'catalog item added');

  // a new township without claims or list: delegated every township item (4), none matched
  const g = await s.api('POST', '/api/v1/regions', { code: T4, name: '长河街道' });
  assert.equal(g.status, 201, g.text);
  await changedTo(step({ township_match_rate: [4, 11, false] }), 'region added');

  // plain SQL, past the API: two officers of T1's neighbour T2 and T3 suspended
  sqlQuery(s.db.url, `UPDATE officers SET status = 'suspended' WHERE agency_id IN (SELECT id FROM agencies WHERE public_id IN ('${town2.id}', '${town3.id}'))`);
  await changedTo(step({ staff_county_and_below_share: [4, 4, true], staff_township_share: [1, 4, false] }), 'officers suspended by SQL');

  // plain SQL: a township list row deleted (T3's) and a catalog version ended
  sqlQuery(s.db.url, `DELETE FROM township_list_items WHERE region_code = '${T3}'`);
  await changedTo(step({ township_match_rate: [3, 11, false] }), 'list row deleted by SQL');
  sqlQuery(s.db.url, "UPDATE catalog_versions SET effective_to = '2024-06-01' WHERE code = 'CG300005'");
  await changedTo(step({ township_penalty_share: [3, 5, true], township_match_rate: [3, 9, false] }), 'catalog version ended by SQL');
});

// The cache's granularity (migration 014): each township's match is kept under its own
// stamp, so a claim or list entry in one township recomputes that township alone
// (X-Indicators-Townships: computed/counted), while the region's answer still changes
// and equals the sum of the uncached per-township match (GET /catalog/township-match);
// a change the match does not read recomputes no township; a column no indicator reads
// changes nothing.
test('cache granularity: a change in one township recomputes that township alone, an officer one agency\'s count; non-township versions no township', async () => {
  const towns = [T1, T2, T3, T4];
  const ask = async (region = '330100') => {
    const r = await s.api('GET', `/api/v1/indicators?region_code=${region}&date=${DATE}`);
    assert.equal(r.status, 200, r.text);
    return { cache: r.headers.get('x-indicators-cache'), towns: r.headers.get('x-indicators-townships'),
      agencies: r.headers.get('x-indicators-agencies'),
      match: [r.body.township_match_rate.numerator, r.body.township_match_rate.denominator],
      staff: [r.body.staff_township_share.numerator, r.body.staff_township_share.denominator] };
  };
  // the oracle: each township matched on its own, without the cache
  const uncached = async () => {
    let m = 0; let n = 0;
    for (const t of towns) {
      const r = await s.api('GET', `/api/v1/catalog/township-match?region_code=${t}&as_of=${DATE}`);
      assert.equal(r.status, 200, r.text);
      m += r.body.matched; n += r.body.delegated;
    }
    return [m, n];
  };
  await ask();
  const warm = await ask();
  assert.deepEqual([warm.cache, warm.towns], ['hit', '0/4']);
  assert.deepEqual(warm.match, await uncached());

  // T1's list gains an entry naming CG300003 (T1 claims CG300001–2 only: nothing new
  // matches, but T1 is recomputed); then T2's list names CG300001: T2 (no claims, every
  // township item delegated) matches one more
  let l = await importCsv('/api/v1/catalog/township-lists/import', `region_code,name,item_code,kind\n${T1},乱倒垃圾,CG300003,approval\n`);
  assert.equal(l.status, 200, l.text);
  let a = await ask();
  assert.deepEqual([a.cache, a.towns], ['miss', '1/4'], 'only T1 is recomputed');
  assert.deepEqual(a.match, warm.match);
  l = await importCsv('/api/v1/catalog/township-lists/import', `region_code,name,item_code,kind\n${T2},乱涂乱画,CG300001,power\n`);
  assert.equal(l.status, 200, l.text);
  a = await ask();
  assert.deepEqual([a.cache, a.towns], ['miss', '1/4'], 'only T2 is recomputed');
  assert.deepEqual(a.match, [warm.match[0] + 1, warm.match[1]], 'the city counts T2 matching one more');
  assert.deepEqual(a.match, await uncached());
  // the county of T3 and T4, and T2 alone: their townships are all cached already
  assert.equal((await ask('330108')).towns, '0/2');
  assert.equal((await ask(T2)).towns, '0/1');
  assert.equal((await ask('330000')).towns, '0/4');

  // a claim of T3 ended by plain SQL before the date: T3 falls back to every township
  // item (4 in force, none on its list: it has none since the SQL delete above)
  sqlQuery(s.db.url, `UPDATE catalog_claims SET effective_to = '2024-12-31' WHERE region_code = '${T3}'`);
  a = await ask();
  assert.deepEqual([a.cache, a.towns], ['miss', '1/4'], 'only T3 is recomputed');
  assert.deepEqual(a.match, await uncached());

  // an officer back on duty at T2: the staff counts change, no township is recomputed
  const sus = (await s.api('GET', `/api/v1/officers?agency_id=${town2.id}`)).body.items.find((o) => o.status === 'suspended');
  assert.ok(sus, 'T2 officer suspended by SQL in the test before');
  const p = await s.api('PATCH', `/api/v1/officers/${sus.id}`, { status: 'active' });
  assert.equal(p.status, 200, p.text);
  const o = await ask();
  assert.deepEqual([o.cache, o.towns], ['miss', '0/4']);
  assert.match(o.agencies, /^1\/\d+$/, "the officers of T2's agency alone are counted again");
  assert.deepEqual(o.staff, [a.staff[0] + 1, a.staff[1] + 1]);
  assert.deepEqual(o.match, a.match);

  // columns no indicator reads: training hours, a claim's claimant, a version's legal
  // basis — still answered from the cache
  const h = await s.api('PATCH', `/api/v1/officers/${sus.id}`, { training_hours: 40 });
  assert.equal(h.status, 200, h.text);
  sqlQuery(s.db.url, `UPDATE catalog_claims SET claimed_by = 'someone' WHERE region_code = '${T1}'`);
  sqlQuery(s.db.url, "UPDATE catalog_versions SET legal_basis = legal_basis || ' ' WHERE code = 'SC300001'");
  assert.deepEqual((await ask()).cache, 'hit', 'unread columns change nothing');

  // a county version ended by SQL: the penalty counts change, no township is recomputed
  sqlQuery(s.db.url, "UPDATE catalog_versions SET effective_to = '2024-06-01' WHERE code = 'SC300001'");
  const c = await ask();
  assert.deepEqual([c.cache, c.towns], ['miss', '0/4']);
  const pen = (await s.api('GET', `/api/v1/indicators?region_code=330100&date=${DATE}`)).body.city_county_penalty_share;
  assert.deepEqual([pen.numerator, pen.denominator], [1, 2], 'county departmental SC300001 gone');
  // a township version renamed: only the townships whose lists have entries without a
  // code (matched by name: T1, T2) are recomputed
  sqlQuery(s.db.url, "UPDATE catalog_versions SET name = '对乱涂乱画行为的行政处罚' WHERE code = 'CG300001'");
  let t = await ask();
  assert.deepEqual([t.cache, t.towns], ['miss', '2/4']);
  assert.deepEqual(t.match, await uncached());
  // renamed to the name on T2's list: T2 matches it by name
  sqlQuery(s.db.url, "UPDATE catalog_versions SET name = '乱倒垃圾' WHERE code = 'CG300001'");
  t = await ask();
  assert.deepEqual([t.cache, t.towns], ['miss', '2/4']);
  assert.deepEqual(t.match, await uncached());
  // a township version's dates changed: every township's match is recomputed
  sqlQuery(s.db.url, "UPDATE catalog_versions SET effective_from = '2022-12-31' WHERE code = 'CG300002'");
  t = await ask();
  assert.deepEqual([t.cache, t.towns], ['miss', '4/4']);
  assert.deepEqual(t.match, await uncached());
  // a township added: the others' results stand, the new one is computed alone
  const g = await s.api('POST', '/api/v1/regions', { code: '330108003000', name: '浦沿街道' });
  assert.equal(g.status, 201, g.text);
  towns.push('330108003000');
  const n = await ask();
  assert.deepEqual([n.cache, n.towns], ['miss', '1/5']);
  assert.deepEqual(n.match, await uncached());
  assert.ok(n.match[1] > t.match[1], 'the new township delegated every township item');
});

// [towns header, agencies header, match, staff] of region on date from server srv
async function askOn(srv, date, region = '330100') {
  const r = await srv.api('GET', `/api/v1/indicators?region_code=${region}&date=${date}`);
  assert.equal(r.status, 200, r.text);
  return { towns: r.headers.get('x-indicators-townships'), agencies: r.headers.get('x-indicators-agencies'),
    match: [r.body.township_match_rate.numerator, r.body.township_match_rate.denominator],
    staff: [r.body.staff_township_share.numerator, r.body.staff_township_share.denominator] };
}

// the township match of 330100's townships on date, each computed without the cache
async function uncachedOn(date) {
  let m = 0; let n = 0;
  for (const t of [T1, T2, T3, T4, '330108003000']) {
    const r = await s.api('GET', `/api/v1/catalog/township-match?region_code=${t}&as_of=${date}`);
    if (r.status === 404) continue; // T4 is never registered
    assert.equal(r.status, 200, r.text);
    m += r.body.matched; n += r.body.delegated;
  }
  return [m, n];
}

test('spans: a cached result serves every date on which what it read stays the same; a date across a boundary is computed again', async () => {
  const base = await askOn(s, DATE);
  const inside = await askOn(s, '2025-02-01');
  assert.equal(inside.towns, '0/5', 'no claim, township version or certificate changes between the dates');
  assert.match(inside.agencies, /^0\/\d+$/);
  assert.deepEqual([inside.match, inside.staff], [base.match, base.staff]);

  // T3 (no claim in force: every township item) claims CG300002 from 2025-03-01
  const k = await s.api('POST', '/api/v1/catalog/claims', { item_code: 'CG300002', agency_id: town3.id, effective_from: '2025-03-01' });
  assert.equal(k.status, 201, k.text);
  const before = await askOn(s, DATE);
  assert.equal(before.towns, '1/5', 'T3 written: T3 alone recomputed');
  assert.deepEqual(before.match, await uncachedOn(DATE));
  const eve = await askOn(s, '2025-02-28');
  assert.equal(eve.towns, '0/5', 'the day before the claim starts is inside the span');
  assert.deepEqual(eve.match, before.match);
  const day = await askOn(s, '2025-03-01');
  assert.equal(day.towns, '1/5', "the claim's first day is across T3's boundary");
  assert.deepEqual(day.match, await uncachedOn('2025-03-01'));
  assert.ok(day.match[1] < before.match[1], 'T3 now delegates only the item it claims');
  assert.equal((await askOn(s, '2025-07-01')).towns, '0/5', 'a later date inside the new span');

  // an officer at T2 whose certificate expires on 2025-04-30: counted on that day, not the next
  const o = await officer(town2, { cert_expires: '2025-04-30' });
  assert.ok(o.id);
  const a0 = await askOn(s, '2025-04-01');
  assert.match(a0.agencies, /^1\/\d+$/, "T2's agency recounted");
  const a1 = await askOn(s, '2025-04-30');
  assert.match(a1.agencies, /^0\/\d+$/, 'the expiry day is inside the span');
  assert.deepEqual(a1.staff, a0.staff);
  const a2 = await askOn(s, '2025-05-01');
  assert.match(a2.agencies, /^1\/\d+$/, 'the day after the expiry is across the boundary');
  assert.deepEqual(a2.staff, [a0.staff[0] - 1, a0.staff[1] - 1]);
});

test('keeper: a restarted server (or another server on the database) warms the cache in the background; its first answer computes no township', async () => {
  const want = await askOn(s, DATE);
  const warm = await startServer('indicators-keeper', { reuse: s, env: { ZHIFA_TODAY: DATE, ZHIFA_INDICATORS_KEEPER: '1' } });
  try {
    for (let i = 0; !/indicators keeper: 2025-01-01 and 2025-01-02 warm/.test(warm.stderr); i++) {
      assert.ok(i < 200, `the keeper did not report: ${warm.stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const a = await askOn(warm, DATE);
    assert.equal(a.towns, '0/5', 'every township came from the keeper');
    assert.match(a.agencies, /^0\/\d+$/, 'every agency came from the keeper');
    assert.deepEqual([a.match, a.staff], [want.match, want.staff]);
    // tomorrow (the default date after midnight) is warm too
    assert.equal((await askOn(warm, '2025-01-02')).towns, '0/5');
    // a change is picked up by the keeper within its period: T1's list gains an entry
    const l = await call(warm, 'POST', '/api/v1/catalog/township-lists/import',
      `region_code,name,item_code,kind\n${T1},对乱涂乱画的行政处罚,,power\n`, { token: warm.token, type: 'text/csv' });
    assert.equal(l.status, 200, l.text);
    const n = (warm.stderr.match(/indicators keeper: [^\n]*warm \(1 townships/g) || []).length;
    for (let i = 0; (warm.stderr.match(/indicators keeper: [^\n]*warm \(1 townships/g) || []).length === n; i++) {
      assert.ok(i < 100, `the keeper did not recompute T1: ${warm.stderr}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const b = await askOn(warm, DATE);
    assert.equal(b.towns, '0/5');
    assert.deepEqual(b.match, await uncachedOn(DATE));
  } finally {
    await warm.stop();
  }
});
