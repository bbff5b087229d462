// The coverage (三不管 / 多头管, 条例 Art 7–9) filtered on the server, its XLSX export, and
// GET /catalog/items?region_code: one filter (as_of, domain, kind, level, mode, q,
// region_code) and one rule of where an item must be exercised (docs/claims.md,
// docs/catalog.md). A constructed county: 西湖区 330106 with two townships, 滨江区
// 330108 without any, 杭州市 330100 and the province above them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, call, seedRegions, newAgency } from './lib.mjs';

const TODAY = '2025-01-01';
const T1 = '330106001000';
const T2 = '330106002000';
let s, comp, comp2, town1;
const fields = (r) => (r.body?.errors || []).map((e) => e.field);

before(async () => {
  s = await startServer('coverage-filters', { env: { ZHIFA_TODAY: TODAY } });
  await seedRegions(s);
  for (const [code, name] of [[T1, '北山街道'], [T2, '西溪街道']]) {
    const r = await s.api('POST', '/api/v1/regions', { code, name });
    assert.equal(r.status, 201, r.text);
  }
  comp = await newAgency(s, { name: '西湖区综合行政执法局', kind: 'comprehensive', domain: '' });
  comp2 = await newAgency(s, { name: '西湖区城管执法大队', kind: 'comprehensive', domain: '' });
  town1 = await newAgency(s, { name: '北山街道综合行政执法队', kind: 'township', domain: '', region_code: T1 });
  const r = await call(s, 'POST', '/api/v1/catalog/import',
    'code,name,kind,domain,legal_basis,level,mode,penalty_types,fine_min_fen,fine_max_fen,effective_from\n' +
    'SC300001,对销售过期食品的行政处罚,penalty,市场监管,《中华人民共和国食品安全法》第一百二十四条,county,departmental,罚款,,,2023-01-01\n' +
    'SC300002,对生产企业的监督检查,inspection,市场监管,《中华人民共和国产品质量法》第十五条,county,departmental,,,,2023-01-01\n' +
    'SC300003,对特种设备生产单位的行政处罚,penalty,市场监管,《中华人民共和国特种设备安全法》第七十四条,city,departmental,罚款,,,2023-01-01\n' +
    'SC300004,对药品批发企业的行政处罚,penalty,市场监管,《中华人民共和国药品管理法》第一百一十五条,province,departmental,罚款,,,2023-01-01\n' +
    'CG300001,对擅自设置户外广告的行政处罚,penalty,城市管理,《城市市容和环境卫生管理条例》第三十六条,county,comprehensive,罚款,,,2023-01-01\n' +
    'CG300002,对乱涂乱画的行政处罚,penalty,城市管理,《城市市容和环境卫生管理条例》第三十四条,township,comprehensive,罚款,,,2023-01-01\n' +
    'CG300003,对占道经营的行政处罚,penalty,城市管理,《城市市容和环境卫生管理条例》第十四条,township,comprehensive,罚款,,,2023-01-01\n' +
    'HJ300001,对排污单位的行政检查,inspection,生态环境,《中华人民共和国环境保护法》第二十四条,county,departmental,,,,2023-01-01\n',
    { token: s.token, type: 'text/csv' });
  assert.equal(r.status, 200, r.text);
  for (const body of [
    { item_code: 'CG300001', agency_id: comp.id, effective_from: '2024-01-01' },
    { item_code: 'CG300001', agency_id: comp2.id, effective_from: '2024-01-01' }, // 多头管
    { item_code: 'CG300002', agency_id: town1.id, effective_from: '2024-01-01' },
  ]) {
    const c = await s.api('POST', '/api/v1/catalog/claims', body);
    assert.equal(c.status, 201, c.text);
  }
});
after(async () => { if (process.env.SHOW_STDERR) console.error(s.stderr); await s.stop(); });

const coverage = async (q, region = '330106') => {
  const r = await s.api('GET', `/api/v1/catalog/coverage?region_code=${region}&as_of=${TODAY}${q}`);
  assert.equal(r.status, 200, `${q}: ${r.text}`);
  return r.body;
};
const pairs = (b) => [...b.unclaimed.map((u) => `U ${u.item_code}@${u.region_code}`),
  ...b.overclaimed.map((o) => `O ${o.item_code}@${o.region_code}`)].sort((a, c) => a.slice(2).localeCompare(c.slice(2)));

test('coverage filters on the server: each filter narrows the pairs and the totals count only what passes', async () => {
  const all = await coverage('');
  assert.deepEqual(pairs(all), ['O CG300001@330106', `U CG300002@${T2}`, `U CG300003@${T1}`, `U CG300003@${T2}`,
    'U HJ300001@330106', 'U SC300001@330106', 'U SC300002@330106']);
  assert.deepEqual([all.unclaimed_total, all.overclaimed_total], [6, 1]);
  for (const [q, want] of [
    ['&level=township', [`U CG300002@${T2}`, `U CG300003@${T1}`, `U CG300003@${T2}`]],
    ['&level=county', ['O CG300001@330106', 'U HJ300001@330106', 'U SC300001@330106', 'U SC300002@330106']],
    ['&level=city', []], // a city item is not exercised in a county
    ['&domain=市场监管', ['U SC300001@330106', 'U SC300002@330106']],
    ['&kind=inspection', ['U HJ300001@330106', 'U SC300002@330106']],
    ['&mode=comprehensive', ['O CG300001@330106', `U CG300002@${T2}`, `U CG300003@${T1}`, `U CG300003@${T2}`]],
    ['&q=cg3000', ['O CG300001@330106', `U CG300002@${T2}`, `U CG300003@${T1}`, `U CG300003@${T2}`]], // a code's start
    ['&q=占道', [`U CG300003@${T1}`, `U CG300003@${T2}`]], // two characters: the grams
    ['&q=行政检查', ['U HJ300001@330106']],
    ['&q=食品安全法', ['U SC300001@330106']], // the citation, as GET /catalog/items searches
    ['&domain=城市管理&level=township&kind=penalty', [`U CG300002@${T2}`, `U CG300003@${T1}`, `U CG300003@${T2}`]],
  ]) {
    const b = await coverage(q);
    assert.deepEqual(pairs(b), want, q);
    assert.equal(b.unclaimed_total, want.filter((p) => p.startsWith('U')).length, `${q}: unclaimed_total`);
    assert.equal(b.overclaimed_total, want.filter((p) => p.startsWith('O')).length, `${q}: overclaimed_total`);
  }
  const town = await coverage('&level=county', T1);
  assert.deepEqual(pairs(town), [], 'a township exercises no county item');
});

test('filtered pages: limit pairs a page, every page carries the filtered totals, the cursor walks to the end', async () => {
  const seen = [];
  let cursor = '';
  for (let n = 0; n < 4; n++) {
    const b = await coverage(`&level=township&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.deepEqual([b.unclaimed_total, b.overclaimed_total], [3, 0]);
    seen.push(...pairs(b));
    cursor = b.next_cursor;
    if (!cursor) break;
  }
  assert.deepEqual(seen, [`U CG300002@${T2}`, `U CG300003@${T1}`, `U CG300003@${T2}`]);
});

test('bad filters are 400 problem+json naming each parameter; nothing is answered in part', async () => {
  for (const [q, want] of [['&level=village', ['level']], ['&level=County', ['level']], ['&domain=水务', ['domain']],
    ['&kind=licence', ['kind']], ['&mode=joint', ['mode']], ['&q=', ['q']], [`&q=${'食'.repeat(101)}`, ['q']],
    ['&level=x&kind=y', ['kind', 'level']], ['&as_of=2025-02-30', ['as_of']]]) {
    for (const path of ['/api/v1/catalog/coverage', '/api/v1/catalog/coverage.xlsx']) {
      const r = await s.api('GET', `${path}?region_code=330106${q}`);
      assert.equal(r.status, 400, `${path}${q}: ${r.text}`);
      assert.match(r.headers.get('content-type'), /^application\/problem\+json/);
      assert.deepEqual(fields(r).sort(), want, `${path}${q}`);
    }
  }
  const items = await s.api('GET', '/api/v1/catalog/items?level=village');
  assert.deepEqual(fields(items), ['level']);
});

// The sheets of an XLSX answer: [[cell text, ...] per row] per sheet, in order.
function sheets(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'zhifa-cov-xlsx-'));
  try {
    writeFileSync(join(dir, 'c.xlsx'), bytes);
    const unzip = (m) => execFileSync('unzip', ['-p', join(dir, 'c.xlsx'), m], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const wb = unzip('xl/workbook.xml');
    const names = [...wb.matchAll(/<sheet name="([^"]*)"/g)].map((m) => m[1]);
    return names.map((name, i) => ({
      name,
      rows: [...unzip(`xl/worksheets/sheet${i + 1}.xml`).matchAll(/<row [^>]*>(.*?)<\/row>/g)]
        .map((row) => [...row[1].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((t) => t[1])),
    }));
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

const xlsx = async (srv, q) => {
  const r = await fetch(`${srv.url}/api/v1/catalog/coverage.xlsx?region_code=330106&as_of=${TODAY}${q}`,
    { headers: { Authorization: `Bearer ${srv.token}` } });
  return { status: r.status, type: r.headers.get('content-type'), bytes: Buffer.from(await r.arrayBuffer()) };
};

test('the XLSX export holds exactly the filtered report: one sheet per kind, agencies joined', async () => {
  const all = await xlsx(s, '');
  assert.equal(all.status, 200);
  assert.equal(all.type, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const [u, o] = sheets(all.bytes);
  assert.equal(u.name, '三不管 unclaimed');
  assert.equal(o.name, '多头管 overclaimed');
  assert.deepEqual(u.rows[0], ['事项编码 item_code', '事项名称 name', '层级 level', '区划 region_code']);
  assert.deepEqual(u.rows.slice(1).map((r) => `${r[0]}@${r[3]}`),
    [`CG300002@${T2}`, `CG300003@${T1}`, `CG300003@${T2}`, 'HJ300001@330106', 'SC300001@330106', 'SC300002@330106']);
  assert.deepEqual(u.rows[1], ['CG300002', '对乱涂乱画的行政处罚', 'township', T2]);
  assert.equal(o.rows.length, 2);
  assert.deepEqual(o.rows[1].slice(0, 3), ['CG300001', '对擅自设置户外广告的行政处罚', '330106']);
  assert.deepEqual(o.rows[1][3].split('；').sort(), ['西湖区城管执法大队', '西湖区综合行政执法局']);
  const town = sheets((await xlsx(s, '&level=township&q=占道')).bytes);
  assert.deepEqual(town[0].rows.slice(1).map((r) => `${r[0]}@${r[3]}`), [`CG300003@${T1}`, `CG300003@${T2}`]);
  assert.equal(town[1].rows.length, 1, 'only the header: nothing overclaimed passes the filter');
});

test('an export over ZHIFA_MAX_EXPORT_ROWS is 413 export_too_large before anything is written; the server goes on', async () => {
  const small = await startServer('coverage-cap', { env: { ZHIFA_TODAY: TODAY, ZHIFA_MAX_EXPORT_ROWS: '3' }, reuse: s });
  try {
    const big = await call(small, 'GET', `/api/v1/catalog/coverage.xlsx?region_code=330106&as_of=${TODAY}`, undefined, { token: small.token });
    assert.equal(big.status, 413, big.text);
    assert.equal(big.body.code, 'export_too_large');
    assert.match(big.body.detail, /7 rows over the limit of 3/);
    const ok = await xlsx(small, '&level=township');
    assert.equal(ok.status, 200, 'three rows are within the limit');
    assert.equal(sheets(ok.bytes)[0].rows.length, 4);
    assert.equal((await call(small, 'GET', '/healthz')).status, 200);
    assert.equal((await call(small, 'GET', `/api/v1/catalog/coverage?region_code=330106&as_of=${TODAY}`, undefined, { token: small.token })).body.unclaimed_total, 6,
      'the JSON pages are not capped');
  } finally { await small.stop(); }
});

const codes = async (q) => {
  const r = await s.api('GET', `/api/v1/catalog/items?as_of=${TODAY}&limit=500${q}`);
  assert.equal(r.status, 200, `${q}: ${r.text}`);
  return r.body.items.map((i) => i.code);
};

test('GET /catalog/items?region_code: the items exercised at the region\'s level or below, with the other filters', async () => {
  assert.deepEqual(await codes('&region_code=330000'),
    ['CG300001', 'CG300002', 'CG300003', 'HJ300001', 'SC300001', 'SC300002', 'SC300003', 'SC300004']);
  assert.deepEqual(await codes('&region_code=330100'),
    ['CG300001', 'CG300002', 'CG300003', 'HJ300001', 'SC300001', 'SC300002', 'SC300003']);
  assert.deepEqual(await codes('&region_code=330106'), ['CG300001', 'CG300002', 'CG300003', 'HJ300001', 'SC300001', 'SC300002']);
  assert.deepEqual(await codes(`&region_code=${T1}`), ['CG300002', 'CG300003']);
  assert.deepEqual(await codes('&region_code=330106&domain=城市管理&level=township'), ['CG300002', 'CG300003']);
  assert.deepEqual(await codes('&region_code=330106&kind=inspection'), ['HJ300001', 'SC300002']);
  assert.deepEqual(await codes('&region_code=330106&mode=departmental&q=食品'), ['SC300001']);
  assert.deepEqual(await codes('&region_code=330106&level=city'), []);
  const early = await s.api('GET', '/api/v1/catalog/items?region_code=330106&as_of=2022-12-31');
  assert.deepEqual(early.body.items, [], 'nothing in force before 2023');
  // pages of the filtered list
  const p1 = await s.api('GET', `/api/v1/catalog/items?as_of=${TODAY}&region_code=330106&limit=4`);
  assert.deepEqual(p1.body.items.map((i) => i.code), ['CG300001', 'CG300002', 'CG300003', 'HJ300001']);
  const p2 = await s.api('GET', `/api/v1/catalog/items?as_of=${TODAY}&region_code=330106&limit=4&cursor=${p1.body.next_cursor}`);
  assert.deepEqual(p2.body.items.map((i) => i.code), ['SC300001', 'SC300002']);
  assert.equal(p2.body.next_cursor, null);
  for (const region of ['339999', '3301', '330106001', 'abc']) {
    const r = await s.api('GET', `/api/v1/catalog/items?region_code=${region}`);
    assert.equal(r.status, 400, `${region}: ${r.text}`);
    assert.deepEqual(fields(r), ['region_code'], region);
  }
});

test('the same rule: with nothing claimed in 滨江区, its unclaimed pairs are its county items, one each', async () => {
  const b = await coverage('', '330108');
  assert.deepEqual(b.unclaimed.map((u) => u.item_code), await codes('&region_code=330108&level=county'));
  assert.ok(b.unclaimed.every((u) => u.region_code === '330108'));
  // 滨江区 has no township registered: its township items pair with no region
  assert.deepEqual(await codes('&region_code=330108&level=township'), ['CG300002', 'CG300003']);
  assert.equal((await coverage('&level=township', '330108')).unclaimed_total, 0);
});
