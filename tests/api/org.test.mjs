// The organisation registry: regions, agencies (执法主体), officers (执法人员), scopes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, call, seedRegions, newAgency, newUscc, uscc, idNumber, userWithToken } from './lib.mjs';

let s;
before(async () => { s = await startServer('org'); await seedRegions(s); });
after(async () => { await s.stop(); });

async function ledgerSize() {
  const r = await s.api('GET', '/api/v1/ledger/checkpoint');
  return r.status === 200 ? r.body.tree_size : null;
}

test('regions: list carries code, name, level and parent_code; level comes from the code', async () => {
  const r = await s.api('GET', '/api/v1/regions?parent_code=330100');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.items.map((g) => [g.code, g.name, g.level, g.parent_code]),
    [['330106', '西湖区', 'county', '330100'], ['330108', '滨江区', 'county', '330100']]);
  assert.equal(r.body.next_cursor, null);
});

test('regions: a twelve-digit township under its county', async () => {
  const r = await s.api('POST', '/api/v1/regions', { code: '330106001000', name: '北山街道', parent_code: '330106' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.level, 'township');
  assert.equal(r.headers.get('location'), '/api/v1/regions/330106001000');
});

test('regions: bad codes, a wrong parent and an unregistered parent are refused', async () => {
  for (const [body, field] of [
    [{ code: '33010', name: 'x' }, 'code'],
    [{ code: '330106001', name: 'x' }, 'code'],
    [{ code: '330106000000', name: 'x' }, 'code'],
    [{ code: "330106' OR 1=1--", name: 'x' }, 'code'],
    [{ code: '330111', name: 'x', parent_code: '330000' }, 'parent_code'],
    [{ code: '330201', name: 'x' }, 'parent_code'],
    [{ code: '330112', name: 'x', level: 'county' }, 'level'],
  ]) {
    const r = await s.api('POST', '/api/v1/regions', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.ok(r.body.errors.some((e) => e.field === field), `${JSON.stringify(body)} → ${r.text}`);
  }
});

test('regions: keyset pagination walks every row once', async () => {
  const seen = [];
  let cursor = null;
  do {
    const r = await s.api('GET', `/api/v1/regions?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200);
    assert.ok(r.body.items.length <= 2);
    seen.push(...r.body.items.map((g) => g.code));
    cursor = r.body.next_cursor;
  } while (cursor);
  assert.deepEqual(seen, [...seen].sort());
  assert.equal(new Set(seen).size, seen.length);
  assert.ok(seen.includes('330000') && seen.includes('330108'));
});

test('agencies: create answers 201 with id and the stored fields', async () => {
  const code = newUscc();
  const r = await s.api('POST', '/api/v1/agencies', { name: '西湖区市场监督管理局', uscc: code, region_code: '330106', kind: 'departmental', domain: '市场监管' });
  assert.equal(r.status, 201, r.text);
  assert.match(r.body.id, /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.equal(r.body.uscc, code);
  assert.equal(r.body.region_name, '西湖区');
  const g = await s.api('GET', `/api/v1/agencies/${r.body.id}`);
  assert.deepEqual(g.body, r.body);
});

test('agencies: one check character off is 400 naming uscc, and nothing is written', async () => {
  const good = uscc('91330106MA2KXXXX0'.replace(/X/g, '1'));
  const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
  const before = await s.api('GET', '/api/v1/agencies?limit=500');
  const size = await ledgerSize();
  const r = await s.api('POST', '/api/v1/agencies', { name: '坏代码局', uscc: bad, region_code: '330106', kind: 'departmental' });
  assert.equal(r.status, 400);
  assert.equal(r.body.code, 'invalid_field');
  assert.deepEqual(r.body.errors.map((e) => e.field), ['uscc']);
  assert.ok(r.body.errors[0].message);
  const after = await s.api('GET', '/api/v1/agencies?limit=500');
  assert.equal(after.body.items.length, before.body.items.length);
  assert.equal(await ledgerSize(), size);
});

test('agencies: wrong types, unknown fields, bad kind, missing fields', async () => {
  const r = await s.api('POST', '/api/v1/agencies', { name: 12, uscc: newUscc(), region_code: '330106', kind: 'ministry', colour: 'red' });
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors.map((e) => e.field).sort(), ['colour', 'kind', 'name']);
  const m = await s.api('POST', '/api/v1/agencies', {});
  assert.deepEqual(m.body.errors.map((e) => e.field).sort(), ['kind', 'name', 'region_code', 'uscc']);
  const arr = await s.api('POST', '/api/v1/agencies', '[1,2]');
  assert.equal(arr.body.code, 'invalid_json');
  const dup = await s.api('POST', '/api/v1/agencies', '{"name":"a","name":"b"}');
  assert.equal(dup.body.code, 'invalid_json');
});

test('agencies: a registered USCC cannot be registered twice', async () => {
  const a = await newAgency(s);
  const r = await s.api('POST', '/api/v1/agencies', { name: '重复', uscc: a.uscc, region_code: '330106', kind: 'departmental' });
  assert.equal(r.status, 409);
  assert.ok(r.body.errors.some((e) => e.field === 'uscc'));
});

test('agencies: PATCH changes only what is sent; the code cannot change... but the name can', async () => {
  const a = await newAgency(s);
  const r = await s.api('PATCH', `/api/v1/agencies/${a.id}`, { name: '改名后的执法局' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.name, '改名后的执法局');
  assert.equal(r.body.uscc, a.uscc);
  const ro = await s.api('PATCH', `/api/v1/agencies/${a.id}`, { id: 'x', created_at: 'y' });
  assert.equal(ro.status, 400);
});

test('agencies: SQL metacharacters in filters are data', async () => {
  const r = await s.api('GET', `/api/v1/agencies?q=${encodeURIComponent("%' OR '1'='1")}`);
  assert.equal(r.status, 200);
  assert.equal(r.body.items.length, 0);
  const u = await s.api('GET', `/api/v1/agencies?q=${encodeURIComponent('_')}`);
  assert.equal(u.body.items.length, 0);
});

test('scopes: a user of agency A gets 404 for agency B and its officers, and sees neither in lists', async () => {
  const a = await newAgency(s, { region_code: '330106' });
  const b = await newAgency(s, { region_code: '330108' });
  const ob = await s.api('POST', '/api/v1/officers', { agency_id: b.id, name: '李四', id_number: idNumber('33010819800101123'), cert_no: `B-${Date.now()}`, cert_issued: '2024-01-01' });
  assert.equal(ob.status, 201, ob.text);
  const t = await userWithToken(s, 'officer-a', 'officer', { agency: a.id });
  const get = (p) => call(s, 'GET', p, undefined, { token: t });
  assert.equal((await get(`/api/v1/agencies/${a.id}`)).status, 200);
  assert.equal((await get(`/api/v1/agencies/${b.id}`)).status, 404);
  assert.equal((await get(`/api/v1/officers/${ob.body.id}`)).status, 404);
  const list = await get('/api/v1/agencies?limit=500');
  assert.deepEqual(list.body.items.map((x) => x.id), [a.id]);
  const ol = await get('/api/v1/officers?limit=500');
  assert.ok(!ol.body.items.some((o) => o.agency_id === b.id));
  // and may not write into B
  const w = await call(s, 'POST', '/api/v1/officers', { agency_id: b.id, name: '王五', id_number: idNumber('33010819800101124'), cert_no: 'W-1', cert_issued: '2024-01-01' }, { token: t });
  assert.equal(w.status, 403);
});

test('scopes: a supervisor of one county sees that county only', async () => {
  const a = await newAgency(s, { region_code: '330106' });
  const b = await newAgency(s, { region_code: '330108' });
  const t = await userWithToken(s, 'sup-xihu', 'supervisor', { region: '330106' });
  const ids = (await call(s, 'GET', '/api/v1/agencies?limit=500', undefined, { token: t })).body.items.map((x) => x.id);
  assert.ok(ids.includes(a.id));
  assert.ok(!ids.includes(b.id));
  assert.equal((await call(s, 'GET', `/api/v1/agencies/${b.id}`, undefined, { token: t })).status, 404);
  const w = await call(s, 'POST', '/api/v1/agencies', { name: 'x', uscc: newUscc(), region_code: '330106', kind: 'departmental' }, { token: t });
  assert.equal(w.status, 403);
});

test('officers: ID numbers are masked for everyone; an admin may ask to reveal one, an officer may not', async () => {
  const a = await newAgency(s);
  const idn = idNumber('33010619900307241');
  const o = await s.api('POST', '/api/v1/officers', { agency_id: a.id, name: '赵六', id_number: idn, cert_no: `C-${Date.now()}`, cert_issued: '2023-05-01', cert_expires: '2028-04-30', legal_qualified: true, training_hours: 64 });
  assert.equal(o.status, 201, o.text);
  const masked = `${idn.slice(0, 6)}********${idn.slice(14)}`;
  assert.equal(o.body.id_number, masked);
  assert.equal((await s.api('GET', `/api/v1/officers/${o.body.id}`)).body.id_number, masked);
  assert.equal((await s.api('GET', `/api/v1/officers/${o.body.id}?reveal=id_number`)).body.id_number, idn);
  assert.equal((await s.api('GET', `/api/v1/officers/${o.body.id}?reveal=name`)).status, 400);
  const t = await userWithToken(s, 'officer-mask', 'officer', { agency: a.id });
  const r = await call(s, 'GET', `/api/v1/officers/${o.body.id}`, undefined, { token: t });
  assert.equal(r.status, 200);
  assert.equal(r.body.id_number, masked);
  const denied = await call(s, 'GET', `/api/v1/officers/${o.body.id}?reveal=id_number`, undefined, { token: t });
  assert.equal(denied.status, 403);
  const list = await call(s, 'GET', `/api/v1/officers?agency_id=${a.id}`, undefined, { token: t });
  assert.ok(list.body.items.every((x) => x.id_number.includes('********')));
  assert.equal(r.body.legal_qualified, true);
  assert.equal(r.body.training_hours, 64);
});

test('officers: a bad ID check digit, a future birth date, a bad date, negative hours', async () => {
  const a = await newAgency(s);
  const good = idNumber('33010619900307241');
  const bad = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
  const future = idNumber('33010620990101123');
  const r = await s.api('POST', '/api/v1/officers', { agency_id: a.id, name: '错号', id_number: bad, cert_no: 'X1', cert_issued: '2024-02-30', training_hours: -1 });
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors.map((e) => e.field).sort(), ['cert_issued', 'id_number', 'training_hours']);
  const f = await s.api('POST', '/api/v1/officers', { agency_id: a.id, name: '未来', id_number: future, cert_no: 'X2', cert_issued: '2024-02-01' });
  assert.deepEqual(f.body.errors.map((e) => e.field), ['id_number']);
  const u = await s.api('POST', '/api/v1/officers', { agency_id: '00000000-0000-7000-8000-000000000000', name: '无主', id_number: good, cert_no: 'X3', cert_issued: '2024-02-01' });
  assert.deepEqual(u.body.errors.map((e) => e.field), ['agency_id']);
});
