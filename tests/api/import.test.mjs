// CSV import of agencies and officers: all or nothing, errors by CSV line and field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, call, seedRegions, newAgency, newUscc, idNumber, userWithToken } from './lib.mjs';

let s;
before(async () => { s = await startServer('import'); await seedRegions(s); });
after(async () => { await s.stop(); });

const csv = (token, path, body) => call(s, 'POST', path, body, { token: token || s.token, type: 'text/csv; charset=utf-8' });
const agencies = () => s.api('GET', '/api/v1/agencies?limit=500').then((r) => r.body.items);

// The ledger's size read straight from the database.
function ledgerRows() {
  return Number(s.sql('SELECT count(*) FROM ledger_entries').trim());
}

let cert = 0;
const certNo = () => `IMP-${process.pid}-${cert++}`;
let idn = 100;
const newId = () => idNumber(`330106198${String(idn++).padStart(3, '0').slice(-1)}0101${String(idn).padStart(3, '0')}`);

test('agencies: a good file imports every row, and they appear in the list', async () => {
  const before = (await agencies()).length;
  const ledger = ledgerRows();
  const codes = [newUscc(), newUscc(), newUscc()];
  const body = 'name,uscc,region_code,kind,domain\n' +
    `西湖区城管局,${codes[0]},330106,comprehensive,城市管理\n` +
    `滨江区市场监管局,${codes[1]},330108,departmental,市场监管\n` +
    `杭州市生态环境局,${codes[2]},330100,departmental,\n`;
  const r = await csv(null, '/api/v1/agencies/import', body);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body, { imported: 3 });
  const list = await agencies();
  assert.equal(list.length, before + 3);
  for (const c of codes) assert.ok(list.some((a) => a.uscc === c), c);
  assert.equal(list.find((a) => a.uscc === codes[2]).domain, '');
  assert.equal(ledgerRows(), ledger + 3);
});

test('agencies: a bad USCC on line 3 and a duplicate on line 4 → 400 with exactly those, nothing written', async () => {
  const before = await agencies();
  const ledger = ledgerRows();
  const good = newUscc();
  const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  const dup = newUscc();
  const body = 'name,uscc,region_code,kind,domain\n' +
    `甲局,${dup},330106,departmental,市场监管\n` +
    `乙局,${bad},330106,departmental,市场监管\n` +
    `丙局,${dup},330106,departmental,市场监管\n` +
    `丁局,${newUscc()},330106,departmental,市场监管\n`;
  const r = await csv(null, '/api/v1/agencies/import', body);
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.code, 'invalid_csv');
  assert.deepEqual(r.body.errors.map((e) => [e.row, e.field]), [[3, 'uscc'], [4, 'uscc']]);
  assert.ok(r.body.errors.every((e) => e.message));
  assert.match(r.body.errors[1].message, /第 2 行/);
  assert.deepEqual((await agencies()).map((a) => a.id), before.map((a) => a.id));
  assert.equal(ledgerRows(), ledger);
});

test('agencies: a USCC already registered is a row error', async () => {
  const a = await newAgency(s);
  const r = await csv(null, '/api/v1/agencies/import', `name,uscc,region_code,kind\n重复局,${a.uscc},330106,departmental\n`);
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.body.errors.map((e) => [e.row, e.field]), [[2, 'uscc']]);
});

test('agencies: every field rule of the single-record API applies per row', async () => {
  const body = 'name,uscc,region_code,kind\n' +
    `,${newUscc()},330106,departmental\n` +
    `坏类型局,${newUscc()},330106,ministry\n` +
    `坏区划局,${newUscc()},33010,departmental\n` +
    `未登记区划局,${newUscc()},330111,departmental\n`;
  const r = await csv(null, '/api/v1/agencies/import', body);
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.body.errors.map((e) => [e.row, e.field]),
    [[2, 'name'], [3, 'kind'], [4, 'region_code'], [5, 'region_code']]);
});

test('agencies: quoted cells with commas, quotes, line breaks and Chinese', async () => {
  const c1 = newUscc();
  const c2 = newUscc();
  const body = 'name,uscc,region_code,kind,domain\n' +
    `"西湖区综合行政执法局（城管, 市容）",${c1},330106,comprehensive,"市容 ""环卫"""\n` +
    `"两行
名称局",${c2},330106,departmental,交通\n`;
  const r = await csv(null, '/api/v1/agencies/import', body);
  assert.equal(r.status, 200, r.text);
  const list = await agencies();
  const a = list.find((x) => x.uscc === c1);
  assert.equal(a.name, '西湖区综合行政执法局（城管, 市容）');
  assert.equal(a.domain, '市容 "环卫"');
  assert.equal(list.find((x) => x.uscc === c2).name, '两行\n名称局');
});

test('agencies: a row after a quoted line break is numbered by its line', async () => {
  const body = 'name,uscc,region_code,kind\n' +
    `"两行\n名称",${newUscc()},330106,departmental\n` +
    `坏,${newUscc()},330106,nope\n`;
  const r = await csv(null, '/api/v1/agencies/import', body);
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors.map((e) => [e.row, e.field]), [[4, 'kind']]);
});

test('agencies: UTF-8 BOM and CRLF line ends', async () => {
  const c = newUscc();
  const body = `\uFEFFname,uscc,region_code,kind,domain\r\n西湖区水利局,${c},330106,departmental,水利\r\n`;
  const r = await csv(null, '/api/v1/agencies/import', body);
  assert.equal(r.status, 200, r.text);
  const a = (await agencies()).find((x) => x.uscc === c);
  assert.equal(a.name, '西湖区水利局');
  assert.equal(a.domain, '水利');
  // and line numbers still count CRLF lines
  const bad = await csv(null, '/api/v1/agencies/import', `\uFEFFname,uscc,region_code,kind\r\n\r\nx,${newUscc()},330106,bad\r\n`);
  assert.deepEqual(bad.body.errors.map((e) => [e.row, e.field]), [[3, 'kind']]);
});

test('agencies: a header missing a column or with an unknown one is 400 naming it', async () => {
  const m = await csv(null, '/api/v1/agencies/import', `name,region_code,kind\n甲,330106,departmental\n`);
  assert.equal(m.status, 400);
  assert.equal(m.body.code, 'invalid_csv');
  assert.deepEqual(m.body.errors.map((e) => [e.row, e.field]), [[1, 'uscc']]);
  const u = await csv(null, '/api/v1/agencies/import', `name,uscc,region_code,kind,colour\n甲,${newUscc()},330106,departmental,red\n`);
  assert.equal(u.status, 400);
  assert.deepEqual(u.body.errors.map((e) => [e.row, e.field]), [[1, 'colour']]);
});

test('agencies: empty body, header only, broken quoting, wrong type', async () => {
  for (const body of ['', '\uFEFF', 'name,uscc,region_code,kind\n', 'name,uscc,region_code,kind\n\n']) {
    const r = await csv(null, '/api/v1/agencies/import', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.body.code, 'invalid_csv');
  }
  const q = await csv(null, '/api/v1/agencies/import', `name,uscc,region_code,kind\n"未闭合,${newUscc()},330106,departmental\n`);
  assert.equal(q.status, 400);
  assert.equal(q.body.code, 'invalid_csv');
  const j = await s.api('POST', '/api/v1/agencies/import', { name: 'x' });
  assert.equal(j.status, 415);
});

test('agencies: more than 10,000 rows is refused', async () => {
  const rows = Array.from({ length: 10001 }, () => 'a,b,330106,departmental').join('\n');
  const r = await csv(null, '/api/v1/agencies/import', `name,uscc,region_code,kind\n${rows}\n`);
  assert.equal(r.status, 400);
  assert.equal(r.body.code, 'invalid_csv');
  assert.match(r.body.detail, /10000/);
});

test('agencies: only an admin may import', async () => {
  const a = await newAgency(s);
  const t = await userWithToken(s, 'imp-head', 'agency_head', { agency: a.id });
  const r = await csv(t, '/api/v1/agencies/import', `name,uscc,region_code,kind\n甲,${newUscc()},330106,departmental\n`);
  assert.equal(r.status, 403);
});

test('officers: types converted per field; empty optional cells are absent', async () => {
  const a = await newAgency(s);
  const ids = [newId(), newId(), newId()];
  const certs = [certNo(), certNo(), certNo()];
  const body = 'agency_id,name,id_number,cert_no,cert_issued,cert_expires,legal_qualified,training_hours\n' +
    `${a.id},张三,${ids[0]},${certs[0]},2024-01-01,2029-12-31,是,40\n` +
    `${a.id},李四,${ids[1]},${certs[1]},2024-01-01,,false,\n` +
    `${a.id},王五,${ids[2]},${certs[2]},2024-01-01,,1,0\n`;
  const r = await csv(null, '/api/v1/officers/import', body);
  assert.equal(r.status, 200, r.text);
  assert.deepEqual(r.body, { imported: 3 });
  const list = (await s.api('GET', `/api/v1/officers?agency_id=${a.id}&reveal=id_number`)).body.items;
  const by = Object.fromEntries(list.map((o) => [o.cert_no, o]));
  assert.equal(by[certs[0]].legal_qualified, true);
  assert.equal(by[certs[0]].training_hours, 40);
  assert.equal(by[certs[0]].cert_expires, '2029-12-31');
  assert.equal(by[certs[1]].legal_qualified, false);
  assert.equal(by[certs[1]].cert_expires, null);
  assert.equal(by[certs[1]].training_hours, 0);
  assert.equal(by[certs[2]].legal_qualified, true);
  assert.equal(by[certs[0]].id_number, ids[0]);
});

test('officers: bad cells, in-file duplicates of id_number and cert_no, nothing written', async () => {
  const a = await newAgency(s);
  const id = newId();
  const c = certNo();
  const body = 'agency_id,name,id_number,cert_no,cert_issued,legal_qualified,training_hours\n' +
    `${a.id},甲,${id},${c},2024-01-01,true,8\n` +
    `${a.id},乙,${id},${c},2024-13-01,maybe,-1\n` +
    `${a.id},丙,${newId()},${certNo()},2024-01-01,no,lots\n`;
  const r = await csv(null, '/api/v1/officers/import', body);
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.body.errors.map((e) => [e.row, e.field]).sort(), [
    [3, 'cert_issued'], [3, 'cert_no'], [3, 'id_number'], [3, 'legal_qualified'], [3, 'training_hours'],
    [4, 'legal_qualified'], [4, 'training_hours'],
  ].sort());
  const list = (await s.api('GET', `/api/v1/officers?agency_id=${a.id}&reveal=id_number`)).body.items;
  assert.equal(list.length, 0);
});

test('officers: an agency outside the caller\'s scope is a row error', async () => {
  const xihu = await newAgency(s, { region_code: '330106' });
  const binjiang = await newAgency(s, { region_code: '330108' });
  const t = await userWithToken(s, 'imp-admin-xihu', 'admin', { region: '330106' });
  const body = 'agency_id,name,id_number,cert_no,cert_issued\n' +
    `${xihu.id},甲,${newId()},${certNo()},2024-01-01\n` +
    `${binjiang.id},乙,${newId()},${certNo()},2024-01-01\n` +
    `00000000-0000-7000-8000-000000000000,丙,${newId()},${certNo()},2024-01-01\n`;
  const r = await csv(t, '/api/v1/officers/import', body);
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(r.body.errors.map((e) => [e.row, e.field]), [[3, 'agency_id'], [4, 'agency_id']]);
});

test('officers: an agency head imports officers for its own agency only', async () => {
  const own = await newAgency(s);
  const other = await newAgency(s);
  const t = await userWithToken(s, 'imp-head-own', 'agency_head', { agency: own.id });
  const hdr = 'agency_id,name,id_number,cert_no,cert_issued\n';
  const ok = await csv(t, '/api/v1/officers/import', `${hdr}${own.id},甲,${newId()},${certNo()},2024-01-01\n`);
  assert.equal(ok.status, 200, ok.text);
  assert.deepEqual(ok.body, { imported: 1 });
  const no = await csv(t, '/api/v1/officers/import', `${hdr}${other.id},乙,${newId()},${certNo()},2024-01-01\n`);
  assert.equal(no.status, 400, no.text);
  assert.deepEqual(no.body.errors.map((e) => [e.row, e.field]), [[2, 'agency_id']]);
});

test('officers: an officer may not import at all', async () => {
  const a = await newAgency(s);
  const t = await userWithToken(s, 'imp-officer', 'officer', { agency: a.id });
  const r = await csv(t, '/api/v1/officers/import', `agency_id,name,id_number,cert_no,cert_issued\n${a.id},甲,${newId()},${certNo()},2024-01-01\n`);
  assert.equal(r.status, 403);
});
