// The enforcement-item catalog (浙江省综合行政执法条例 Art 6, 7, 9, 10): versions with
// effective periods, change requests under the four-eyes rule, as-of reads, diffs,
// search in Chinese, CSV import and export, and a ledger entry for every step.
// The server's "today" is fixed (ZHIFA_TODAY) so that every date below is exact.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, call, seedRegions, userWithToken, zhifa } from './lib.mjs';

const TODAY = '2030-01-10';
let s, catA, catB, officer;
before(async () => {
  s = await startServer('catalog', { env: { ZHIFA_TODAY: TODAY } });
  await seedRegions(s);
  catA = await userWithToken(s, 'cat-a', 'catalog_admin', { region: '330000' });
  catB = await userWithToken(s, 'cat-b', 'catalog_admin', { region: '330000' });
  officer = await userWithToken(s, 'cat-officer', 'officer');
  await loadBase();
});
after(async () => { await s.stop(); });

const as = (token) => (method, path, body) => call(s, method, path, body, { token });
const csv = (body, token = s.token, srv = s) => call(srv, 'POST', '/api/v1/catalog/import', body, { token, type: 'text/csv; charset=utf-8' });
async function treeSize() {
  const r = await s.api('GET', '/api/v1/ledger/checkpoint');
  assert.equal(r.status, 200, r.text);
  return r.body.tree_size;
}
const HEADER = 'code,name,kind,domain,legal_basis,level,mode,penalty_types,fine_min_fen,fine_max_fen,effective_from\n';

// A base catalog in force since 2023, loaded once.
async function loadBase() {
  const r = await csv(HEADER +
    'SC100122,对生产经营不符合食品安全标准的食品的行政处罚,penalty,市场监管,《中华人民共和国食品安全法》第一百二十四条第一款第一项,county,departmental,警告;罚款;没收违法所得,5000000,,2023-01-01\n' +
    'HJ100099,对超过大气污染物排放标准排放大气污染物的行政处罚,penalty,生态环境,《中华人民共和国大气污染防治法》第九十九条第二项,county,departmental,罚款;责令停产停业;责令关闭,10000000,100000000,2023-01-01\n' +
    'CG100034,对在城市建筑物、设施上乱涂乱画的行政处罚,penalty,城市管理,《城市市容和环境卫生管理条例》第三十四条；《浙江省城市市容和环境卫生管理条例》第四十条,township,comprehensive,罚款,,10000,2023-01-01\n' +
    'JT100001,对道路运输经营者的行政检查,inspection,交通运输,《中华人民共和国道路运输条例》第五十八条,county,departmental,,,,2023-01-01\n' +
    'YJ100002,对生产经营单位未按规定配备安全生产管理人员的行政处罚,penalty,应急管理,《中华人民共和国安全生产法》第九十七条第一项,county,departmental,罚款;责令停产停业,,100000000,2023-01-01\n');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body, { imported: 5 });
}

const propose = (token, body) => call(s, 'POST', '/api/v1/catalog/changes', body, { token });
const approve = (token, id, note) => call(s, 'POST', `/api/v1/catalog/changes/${id}/approve`, note ? { note } : undefined, { token });

test('every signed-in role reads the catalog; only catalog admins and admins change it', async () => {
  const r = await as(officer)('GET', '/api/v1/catalog/items');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.items.map((i) => i.code), ['CG100034', 'HJ100099', 'JT100001', 'SC100122', 'YJ100002']);
  const w = await propose(officer, { action: 'repeal', item_code: 'JT100001', effective_date: '2030-02-01' });
  assert.equal(w.status, 403);
  assert.equal((await as(officer)('POST', '/api/v1/catalog/import', HEADER)).status, 403);
});

test('a version carries its legal basis, Art 9 penalty types, fine range in fen and the derived agency kind', async () => {
  const r = await s.api('GET', '/api/v1/catalog/items/HJ100099');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.legal_basis, [{ law: '中华人民共和国大气污染防治法', article: '第九十九条', item: '第二项' }]);
  assert.deepEqual(r.body.penalty_types, ['fine', 'stop_business', 'order_closure']);
  assert.equal(r.body.fine_min_fen, 10000000); // 十万元
  assert.equal(r.body.fine_max_fen, 100000000); // 一百万元
  assert.equal(r.body.agency_kind, 'departmental');
  assert.equal(r.body.version, 1);
  assert.equal(r.body.effective_to, null);
  assert.equal(r.body.search_text, undefined, 'the derived search text is not shown');
  const cg = await s.api('GET', '/api/v1/catalog/items/CG100034');
  assert.equal(cg.body.agency_kind, 'township', '条例 Art 9: a township item is exercised by the township team');
  assert.equal((await s.api('GET', '/api/v1/catalog/items/CG100034?as_of=2022-12-31')).status, 404, 'not yet in force');
});

test('search finds Chinese in names (3+ characters by trigram, 1–2 by LIKE) and in the legal basis', async () => {
  const q = async (text, extra = '') => (await s.api('GET', `/api/v1/catalog/items?q=${encodeURIComponent(text)}${extra}`)).body.items.map((i) => i.code);
  assert.deepEqual(await q('食品安全标准'), ['SC100122']);
  assert.deepEqual(await q('大气污染防治法'), ['HJ100099'], 'the law cited, not the name');
  assert.deepEqual(await q('第三十四条'), ['CG100034']);
  assert.deepEqual(await q('涂画'), []);
  assert.deepEqual(await q('乱涂'), ['CG100034'], 'two characters');
  assert.deepEqual(await q('检'), ['JT100001'], 'one character');
  assert.deepEqual(await q('行政处罚', '&domain=生态环境'), ['HJ100099']);
  assert.deepEqual(await q('行政处罚', '&level=township'), ['CG100034']);
  assert.deepEqual(await q('没有这个事项'), []);
  assert.deepEqual(await q('100%_'), [], 'LIKE wildcards are literal');
  const bad = await s.api('GET', '/api/v1/catalog/items?kind=fine&as_of=2030-02-30');
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['as_of', 'kind']);
});

test('amend: proposed by one catalog admin, refused to the proposer (self_approval), approved by another; in force from its date', async () => {
  const t0 = await treeSize();
  const p = await propose(catA, { action: 'amend', item_code: 'SC100122', effective_date: '2030-03-01', reason: '食品安全法修正',
    proposal: { name: '对生产经营不符合食品安全标准的食品、食品添加剂的行政处罚', fine_max_fen: 20000000 } });
  assert.equal(p.status, 201, p.text);
  assert.equal(p.body.status, 'proposed');
  assert.equal(p.body.proposed_by, 'cat-a');
  assert.equal(await treeSize(), t0 + 1, 'propose: one entry');

  const self = await approve(catA, p.body.id);
  assert.equal(self.status, 403, self.text);
  assert.equal(self.body.code, 'self_approval');
  assert.equal(await treeSize(), t0 + 1, 'a refused approval writes nothing');

  const ok = await approve(catB, p.body.id, '同意');
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.status, 'approved');
  assert.equal(ok.body.decided_by, 'cat-b');
  assert.equal(ok.body.decision_note, '同意');
  assert.equal(await treeSize(), t0 + 4, 'approve + close the version in force + create the new one');

  const before = await s.api('GET', '/api/v1/catalog/items/SC100122?as_of=2030-02-28');
  const after = await s.api('GET', '/api/v1/catalog/items/SC100122?as_of=2030-03-01');
  assert.equal(before.body.version, 1);
  assert.equal(before.body.effective_to, '2030-03-01');
  assert.equal(after.body.version, 2);
  assert.equal(after.body.id, ok.body.version_id);
  assert.equal(after.body.change_id, p.body.id);
  assert.equal(after.body.fine_max_fen, 20000000);
  assert.deepEqual(after.body.legal_basis, before.body.legal_basis, 'what the amendment does not name is kept');
  const versions = await s.api('GET', '/api/v1/catalog/items/SC100122/versions');
  assert.deepEqual(versions.body.items.map((v) => [v.version, v.effective_from, v.effective_to]),
    [[1, '2023-01-01', '2030-03-01'], [2, '2030-03-01', null]]);

  const again = await approve(s.token, p.body.id);
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'already_decided');
});

test('an amendment that would overlap the new version is refused (version_overlap), nothing written', async () => {
  const t0 = await treeSize();
  const r = await propose(catA, { action: 'amend', item_code: 'SC100122', effective_date: '2030-02-15', proposal: { name: '更早的修改' } });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.code, 'version_overlap');
  assert.equal(await treeSize(), t0);
});

test('transfer to comprehensive enforcement (条例 Art 8) and delegation to townships (条例 Art 9)', async () => {
  const t = await propose(catA, { action: 'transfer', item_code: 'HJ100099', effective_date: '2030-04-01', reason: '纳入综合执法' });
  assert.equal(t.status, 201, t.text);
  assert.equal((await approve(catB, t.body.id)).status, 200);
  const v = await s.api('GET', '/api/v1/catalog/items/HJ100099?as_of=2030-04-01');
  assert.equal(v.body.mode, 'comprehensive');
  assert.equal(v.body.agency_kind, 'comprehensive');
  const again = await propose(catA, { action: 'transfer', item_code: 'HJ100099', effective_date: '2030-05-01' });
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'no_change');

  const d = await propose(catB, { action: 'delegate', item_code: 'YJ100002', effective_date: '2030-04-01' });
  assert.equal(d.status, 201, d.text);
  assert.equal((await approve(catA, d.body.id)).status, 200);
  const y = await s.api('GET', '/api/v1/catalog/items/YJ100002?as_of=2030-06-01');
  assert.deepEqual([y.body.level, y.body.mode, y.body.agency_kind], ['township', 'comprehensive', 'township']);
});

test('add through a change request; a code already in the catalog cannot be added again', async () => {
  const t0 = await treeSize();
  const body = { action: 'add', item_code: 'WH100010', effective_date: TODAY, reason: '新增',
    proposal: { name: '对擅自从事营业性演出经营活动的行政处罚', kind: 'penalty', domain: '文化市场', level: 'county', mode: 'comprehensive',
      legal_basis: [{ law: '营业性演出管理条例', article: '第四十三条', paragraph: '第一款' }], penalty_types: ['fine', 'confiscate_gains'],
      fine_min_fen: 5000000, fine_max_fen: 50000000 } };
  const p = await propose(catA, body);
  assert.equal(p.status, 201, p.text);
  assert.equal((await approve(catB, p.body.id)).status, 200);
  assert.equal(await treeSize(), t0 + 3, 'propose, approve, create');
  const v = await s.api('GET', '/api/v1/catalog/items/WH100010');
  assert.equal(v.status, 200, 'in force from today');
  const dup = await propose(catA, body);
  assert.equal(dup.status, 409);
  assert.equal(dup.body.code, 'item_exists');
});

test('bad proposals name their fields and write nothing: no legal basis, past date, a penalty item without Art 9 types, a township item under departmental enforcement', async () => {
  const t0 = await treeSize();
  const base = { name: '对某违法行为的行政处罚', kind: 'penalty', domain: '农业', level: 'county', mode: 'departmental',
    legal_basis: [{ law: '中华人民共和国农产品质量安全法', article: '第六十六条' }], penalty_types: ['fine'] };
  const cases = [
    [{ ...base, legal_basis: [] }, TODAY, ['proposal.legal_basis']],
    [{ ...base, legal_basis: undefined }, TODAY, ['proposal.legal_basis']],
    [{ ...base, legal_basis: [{ law: '《农产品质量安全法》', article: '六十六' }] }, TODAY, ['proposal.legal_basis']],
    [base, '2030-01-09', ['effective_date']],
    [{ ...base, penalty_types: [] }, TODAY, ['proposal.penalty_types']],
    [{ ...base, penalty_types: ['detention'] }, TODAY, ['proposal.penalty_types']],
    [{ ...base, level: 'township' }, TODAY, ['proposal.mode']],
    [{ ...base, fine_min_fen: 500, fine_max_fen: 100 }, TODAY, ['proposal.fine_max_fen']],
    [{ ...base, domain: '市场监管' }, TODAY, ['proposal.code']],
  ];
  for (const [proposal, date, fields] of cases) {
    const r = await propose(catA, { action: 'add', item_code: 'NY100066', effective_date: date, proposal: JSON.parse(JSON.stringify(proposal)) });
    assert.equal(r.status, 400, `${JSON.stringify(proposal)}: ${r.text}`);
    assert.deepEqual(r.body.errors.map((e) => e.field), fields, r.text);
  }
  const badCode = await propose(catA, { action: 'add', item_code: 'XX12', effective_date: TODAY, proposal: base });
  assert.deepEqual(badCode.body.errors.map((e) => e.field), ['item_code']);
  assert.equal(await treeSize(), t0);
  assert.equal((await s.api('GET', '/api/v1/catalog/items/NY100066')).status, 404);
});

test('repeal ends the version in force; amending a repealed item is refused (item_repealed), as is one before the repeal (version_overlap)', async () => {
  const r = await propose(catA, { action: 'repeal', item_code: 'JT100001', effective_date: '2030-06-01', reason: '上位法废止' });
  assert.equal(r.status, 201, r.text);
  const t0 = await treeSize();
  assert.equal((await approve(catB, r.body.id)).status, 200);
  assert.equal(await treeSize(), t0 + 2, 'approve + close');
  assert.equal((await s.api('GET', '/api/v1/catalog/items/JT100001?as_of=2030-05-31')).status, 200);
  assert.equal((await s.api('GET', '/api/v1/catalog/items/JT100001?as_of=2030-06-01')).status, 404);
  const late = await propose(catA, { action: 'amend', item_code: 'JT100001', effective_date: '2030-07-01', proposal: { name: '改名' } });
  assert.equal(late.status, 409, late.text);
  assert.equal(late.body.code, 'item_repealed');
  const early = await propose(catA, { action: 'amend', item_code: 'JT100001', effective_date: '2030-05-01', proposal: { name: '改名' } });
  assert.equal(early.status, 409);
  assert.equal(early.body.code, 'version_overlap');
  const unknown = await propose(catA, { action: 'repeal', item_code: 'JT999999', effective_date: '2030-05-01' });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.code, 'item_unknown');
});

test('diff between two dates: added, removed, and changed with the fields that changed', async () => {
  const r = await s.api('GET', '/api/v1/catalog/diff?from=2030-01-09&to=2030-06-01');
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body.added.map((v) => v.code), ['WH100010']);
  assert.deepEqual(r.body.removed.map((v) => v.code), ['JT100001']);
  assert.deepEqual(r.body.changed.map((c) => [c.code, c.fields]), [
    ['HJ100099', ['mode', 'agency_kind']],
    ['SC100122', ['name', 'fine_max_fen']],
    ['YJ100002', ['level', 'mode', 'agency_kind']],
  ]);
  assert.equal(r.body.changed[1].from.version, 1);
  assert.equal(r.body.changed[1].to.version, 2);
  const none = await s.api('GET', '/api/v1/catalog/diff?from=2030-01-09&to=2030-01-09');
  assert.deepEqual([none.body.added, none.body.removed, none.body.changed], [[], [], []]);
  assert.equal((await s.api('GET', '/api/v1/catalog/diff?from=2030-01-09')).status, 400);
});

test('reject writes one entry; the rejected request can no longer be approved', async () => {
  const p = await propose(catA, { action: 'repeal', item_code: 'CG100034', effective_date: '2030-08-01' });
  const t0 = await treeSize();
  const r = await call(s, 'POST', `/api/v1/catalog/changes/${p.body.id}/reject`, { note: '依据仍然有效' }, { token: catB });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.status, 'rejected');
  assert.equal(await treeSize(), t0 + 1);
  assert.equal((await approve(catB, p.body.id)).body.code, 'already_decided');
  const list = await s.api('GET', '/api/v1/catalog/changes?status=rejected');
  assert.deepEqual(list.body.items.map((c) => c.id), [p.body.id]);
});

test('an approval after the effective date has passed is refused (effective_date_past)', async () => {
  const p = await propose(catA, { action: 'amend', item_code: 'CG100034', effective_date: '2030-01-20', proposal: { fine_max_fen: 20000 } });
  assert.equal(p.status, 201, p.text);
  // the same database, eleven days later
  const later = await startServer('catalog-later', { reuse: s, env: { ZHIFA_TODAY: '2030-01-21' } });
  try {
    const r = await call(later, 'POST', `/api/v1/catalog/changes/${p.body.id}/approve`, undefined, { token: catB });
    assert.equal(r.status, 409, r.text);
    assert.equal(r.body.code, 'effective_date_past');
  } finally { await later.stop(); }
  assert.equal((await s.api('GET', `/api/v1/catalog/changes/${p.body.id}`)).body.status, 'proposed');
});

test('CSV import is all or nothing with {row, field, message}; no legal basis is refused', async () => {
  const t0 = await treeSize();
  const r = await csv(HEADER +
    'NY200001,对销售含有禁用农药的农产品的行政处罚,penalty,农业,《中华人民共和国农产品质量安全法》第七十一条,county,departmental,罚款,,,2024-01-01\n' +
    'NY200002,无依据的事项,inspection,农业,,county,departmental,,,,2024-01-01\n' +
    'NY200001,重复编码,inspection,农业,《中华人民共和国农产品质量安全法》第五十四条,county,departmental,,,,2024-01-01\n' +
    'SC100122,已在目录中,inspection,市场监管,《中华人民共和国食品安全法》第一百一十条,county,departmental,,,,2024-01-01\n' +
    'NY200003,依据写法不对,inspection,农业,农产品质量安全法第54条,county,departmental,,,,2024-01-01\n' +
    'NY200004,处罚种类不对,penalty,农业,《中华人民共和国农产品质量安全法》第七十一条,county,departmental,打板子,,,2024-01-01\n');
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.code, 'invalid_csv');
  assert.deepEqual(r.body.errors.map((e) => [e.row, e.field]),
    [[3, 'legal_basis'], [4, 'code'], [5, 'code'], [6, 'legal_basis'], [7, 'penalty_types']]);
  assert.match(r.body.errors[0].message, /法律依据/);
  assert.equal(await treeSize(), t0, 'nothing written');
  assert.equal((await s.api('GET', '/api/v1/catalog/items/NY200001?as_of=2024-06-01')).status, 404);
  const wrongType = await call(s, 'POST', '/api/v1/catalog/import', HEADER, { token: s.token, type: 'application/json' });
  assert.equal(wrongType.status, 415);
});

test('the CSV export as of a date imports again unchanged into another database', async () => {
  const r = await s.api('GET', '/api/v1/catalog/export.csv?as_of=2030-03-01');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/csv/);
  const lines = r.text.trim().split('\r\n');
  assert.equal(lines[0], HEADER.trim());
  assert.equal(lines.length, 1 + 6);
  assert.match(r.text, /SC100122,对生产经营不符合食品安全标准的食品、食品添加剂的行政处罚,penalty,市场监管,《中华人民共和国食品安全法》第一百二十四条第一款第一项,county,departmental,warning;fine;confiscate_gains,5000000,20000000,2030-03-01/);
  const other = await startServer('catalog-copy');
  try {
    const imp = await csv(r.text, other.token, other);
    assert.equal(imp.status, 200, imp.text);
    assert.deepEqual(imp.body, { imported: 6 });
    const a = (await other.api('GET', '/api/v1/catalog/items?as_of=2030-03-01')).body.items;
    const b = (await s.api('GET', '/api/v1/catalog/items?as_of=2030-03-01')).body.items;
    const content = (v) => ({ ...v, id: 0, version: 0, effective_from: 0, effective_to: 0, change_id: 0, created_at: 0 });
    assert.deepEqual(a.map(content), b.map(content));
  } finally { await other.stop(); }
});

test('the XLSX export holds the same rows: text cells and fine bounds as numbers', async () => {
  const r = await fetch(`${s.url}/api/v1/catalog/export.xlsx?as_of=2030-03-01`, { headers: { Authorization: `Bearer ${s.token}` } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const bytes = Buffer.from(await r.arrayBuffer());
  assert.equal(bytes.subarray(0, 2).toString(), 'PK', 'a zip container');
  const dir = mkdtempSync(join(tmpdir(), 'zhifa-xlsx-'));
  try {
    writeFileSync(join(dir, 'c.xlsx'), bytes);
    const unzip = (member) => execFileSync('unzip', ['-p', join(dir, 'c.xlsx'), member], { encoding: 'utf8' });
    const strings = unzip('xl/sharedStrings.xml');
    for (const text of ['legal_basis', 'SC100122', '对生产经营不符合食品安全标准的食品、食品添加剂的行政处罚', '《中华人民共和国食品安全法》第一百二十四条第一款第一项']) {
      assert.ok(strings.includes(text), text);
    }
    assert.ok(strings.includes('JT100001'), 'in force until its repeal on 2030-06-01');
    const sheet = unzip('xl/worksheets/sheet1.xml');
    assert.match(sheet, /<v>20000000<\/v>/, 'SC100122 fine_max_fen as a number');
    assert.equal((sheet.match(/<row /g) || []).length, 1 + 6);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('`zhifa ledger verify` passes after every catalog write, and names a version edited behind the program\'s back', async () => {
  assert.match(zhifa(['ledger', 'verify', '--db', s.db.url]), /^ok: /);
  if (!s.db.url.startsWith('sqlite:')) return; // the edit below needs the sqlite3 shell
  execFileSync('sqlite3', [s.db.url.slice(7), "UPDATE catalog_versions SET fine_max_fen = 1 WHERE code = 'HJ100099' AND version = 2"]);
  let out = '';
  try { zhifa(['ledger', 'verify', '--db', s.db.url]); } catch (e) { out = e.stdout; assert.equal(e.status, 1); }
  assert.match(out, /catalog_version/);
});
