// Accounts over HTTP (admin only): create per role, scopes, validation, disable,
// unlock after a lockout, API keys for machine clients.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, call, login, seedRegions, newAgency, userWithToken } from './lib.mjs';

let s;
let xihu; let binjiang;
before(async () => {
  s = await startServer('users');
  await seedRegions(s);
  xihu = await newAgency(s, { region_code: '330106' });
  binjiang = await newAgency(s, { region_code: '330108' });
});
after(async () => { await s.stop(); });

const PW = 'Strong-pass-2026';
const as = (token, method, path, body) => call(s, method, path, body, { token });

function ledgerRows() {
  return Number(s.sql('SELECT count(*) FROM ledger_entries').trim());
}

async function listAll(token) {
  const names = [];
  let cursor = null;
  do {
    const r = await as(token, 'GET', `/api/v1/users?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(r.status, 200, r.text);
    names.push(...r.body.items.map((u) => u.username));
    cursor = r.body.next_cursor;
  } while (cursor);
  return names;
}

test('create each role: 201, no password or hash in the answer, login works', async () => {
  const cases = [
    ['u-admin', 'admin', { region_code: '330106' }],
    ['u-supervisor', 'supervisor', { region_code: '330108' }],
    ['u-catalog', 'catalog_admin', { region_code: '330100' }],
    ['u-auditor', 'auditor', { region_code: '330106' }],
    ['u-head', 'agency_head', { agency_id: xihu.id }],
    ['u-reviewer', 'legal_reviewer', { agency_id: xihu.id }],
    ['u.officer_1', 'officer', { agency_id: binjiang.id }],
  ];
  for (const [username, role, scope] of cases) {
    const ledger = ledgerRows();
    const r = await s.api('POST', '/api/v1/users', { username, display_name: `测试${role}`, role, password: PW, ...scope });
    assert.equal(r.status, 201, `${username}: ${r.text}`);
    assert.equal(r.body.username, username);
    assert.equal(r.body.role, role);
    assert.equal(r.body.disabled, false);
    assert.equal(r.headers.get('location'), `/api/v1/users/${username}`);
    assert.ok(!/password|hash|scrypt/i.test(r.text), r.text);
    if (scope.agency_id) assert.equal(r.body.agency_id, scope.agency_id);
    else assert.equal(r.body.region_code, scope.region_code);
    assert.equal(ledgerRows(), ledger + 1);
    const l = await login(s, username, PW);
    assert.equal(l.status, 200, l.text);
    assert.equal(l.body.user.role, role);
  }
  const g = await s.api('GET', '/api/v1/users/u-head');
  assert.equal(g.status, 200);
  assert.equal(g.body.agency_name, xihu.name);
});

test('the new user\'s scope applies: an officer sees its agency, a supervisor its county', async () => {
  await s.api('POST', '/api/v1/users', { username: 'scope-off', display_name: '甲', role: 'officer', agency_id: xihu.id, password: PW });
  await s.api('POST', '/api/v1/users', { username: 'scope-sup', display_name: '乙', role: 'supervisor', region_code: '330108', password: PW });
  const to = (await login(s, 'scope-off', PW)).body.token;
  const ts = (await login(s, 'scope-sup', PW)).body.token;
  const ao = (await as(to, 'GET', '/api/v1/agencies?limit=500')).body.items.map((a) => a.id);
  assert.deepEqual(ao, [xihu.id]);
  const as_ = (await as(ts, 'GET', '/api/v1/agencies?limit=500')).body.items.map((a) => a.id);
  assert.ok(as_.includes(binjiang.id));
  assert.ok(!as_.includes(xihu.id));
});

test('an admin with a region scope lists and manages only users inside it', async () => {
  await s.api('POST', '/api/v1/users', { username: 'ra-xihu', display_name: '区管理员', role: 'admin', region_code: '330106', password: PW });
  await s.api('POST', '/api/v1/users', { username: 'ra-in', display_name: '区内', role: 'officer', agency_id: xihu.id, password: PW });
  await s.api('POST', '/api/v1/users', { username: 'ra-out', display_name: '区外', role: 'officer', agency_id: binjiang.id, password: PW });
  await s.api('POST', '/api/v1/users', { username: 'ra-sup-out', display_name: '区外监督', role: 'supervisor', region_code: '330108', password: PW });
  const t = (await login(s, 'ra-xihu', PW)).body.token;
  const seen = await listAll(t);
  assert.ok(seen.includes('ra-in') && seen.includes('ra-xihu'));
  assert.ok(!seen.includes('ra-out') && !seen.includes('ra-sup-out') && !seen.includes('admin'));
  assert.deepEqual(seen, [...seen].sort());
  assert.equal((await as(t, 'GET', '/api/v1/users/ra-out')).status, 404);
  assert.equal((await as(t, 'PATCH', '/api/v1/users/ra-out', { disabled: true })).status, 404);
  // nor create one outside
  const c = await as(t, 'POST', '/api/v1/users', { username: 'ra-new', display_name: 'x', role: 'officer', agency_id: binjiang.id, password: PW });
  assert.equal(c.status, 400);
  assert.deepEqual(c.body.errors.map((e) => e.field), ['agency_id']);
  const c2 = await as(t, 'POST', '/api/v1/users', { username: 'ra-new', display_name: 'x', role: 'supervisor', region_code: '330100', password: PW });
  assert.deepEqual(c2.body.errors.map((e) => e.field), ['region_code']);
  // the global admin sees everyone, page by page
  const all = await listAll(s.token);
  for (const u of ['admin', 'ra-xihu', 'ra-in', 'ra-out', 'ra-sup-out']) assert.ok(all.includes(u), u);
  assert.equal(new Set(all).size, all.length);
});

test('non-admins get 403 on every users endpoint', async () => {
  const t = await userWithToken(s, 'plain-head', 'agency_head', { agency: xihu.id });
  assert.equal((await as(t, 'GET', '/api/v1/users')).status, 403);
  assert.equal((await as(t, 'POST', '/api/v1/users', { username: 'zzz', display_name: 'z', role: 'officer', agency_id: xihu.id, password: PW })).status, 403);
  assert.equal((await as(t, 'PATCH', '/api/v1/users/plain-head', { role: 'admin' })).status, 403);
  assert.equal((await as(t, 'POST', '/api/v1/users/plain-head/api-keys', { name: 'k' })).status, 403);
});

test('bad username, password and role are 400 naming each field', async () => {
  const r = await s.api('POST', '/api/v1/users', { username: 'Bad Name!', display_name: '甲', role: 'emperor', password: 'short1' });
  assert.equal(r.status, 400);
  assert.equal(r.body.code, 'invalid_field');
  assert.deepEqual(r.body.errors.map((e) => e.field).sort(), ['password', 'role', 'username']);
  for (const [body, field] of [
    [{ username: 'ab', display_name: '甲', role: 'officer', agency_id: xihu.id, password: PW }, 'username'],
    [{ username: 'a'.repeat(33), display_name: '甲', role: 'officer', agency_id: xihu.id, password: PW }, 'username'],
    [{ username: 'okname', display_name: '甲', role: 'officer', agency_id: xihu.id, password: 'onlyletters-here' }, 'password'],
    [{ username: 'okname', display_name: '甲', role: 'officer', agency_id: xihu.id, password: '1234567890' }, 'password'],
    [{ username: 'okname', display_name: '甲', role: 'officer', agency_id: xihu.id }, 'password'],
    [{ username: 'okname', display_name: '甲', role: 'officer', password: PW }, 'agency_id'],
    [{ username: 'okname', display_name: '甲', role: 'officer', agency_id: xihu.id, region_code: '330106', password: PW }, 'region_code'],
    [{ username: 'okname', display_name: '甲', role: 'supervisor', password: PW }, 'region_code'],
    [{ username: 'okname', display_name: '甲', role: 'officer', agency_id: xihu.id, password: PW, password_hash: 'x' }, 'password_hash'],
  ]) {
    const x = await s.api('POST', '/api/v1/users', body);
    assert.equal(x.status, 400, JSON.stringify(body));
    assert.deepEqual(x.body.errors.map((e) => e.field), [field], `${JSON.stringify(body)} → ${x.text}`);
  }
  assert.equal((await s.api('GET', '/api/v1/users/okname')).status, 404);
});

test('a username taken is 409', async () => {
  const r = await s.api('POST', '/api/v1/users', { username: 'admin', display_name: '第二个', role: 'admin', region_code: '330106', password: PW });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.code, 'conflict');
  assert.deepEqual(r.body.errors.map((e) => e.field), ['username']);
});

test('PATCH disabled → login 403 account_disabled, and the old token stops working', async () => {
  await s.api('POST', '/api/v1/users', { username: 'to-disable', display_name: '停用', role: 'officer', agency_id: xihu.id, password: PW });
  const t = (await login(s, 'to-disable', PW)).body.token;
  const ledger = ledgerRows();
  const p = await s.api('PATCH', '/api/v1/users/to-disable', { disabled: true, display_name: '已停用' });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.body.disabled, true);
  assert.equal(p.body.display_name, '已停用');
  assert.equal(ledgerRows(), ledger + 1);
  const l = await login(s, 'to-disable', PW);
  assert.equal(l.status, 403);
  assert.equal(l.body.code, 'account_disabled');
  assert.equal((await as(t, 'GET', '/api/v1/me')).status, 401);
  const back = await s.api('PATCH', '/api/v1/users/to-disable', { disabled: false });
  assert.equal(back.status, 200);
  assert.equal((await login(s, 'to-disable', PW)).status, 200);
});

test('PATCH refuses fixed and read-only fields, bad values and an empty change', async () => {
  await s.api('POST', '/api/v1/users', { username: 'patchme', display_name: '改', role: 'officer', agency_id: xihu.id, password: PW });
  const r = await s.api('PATCH', '/api/v1/users/patchme', { username: 'other', agency_id: binjiang.id, failed_logins: 0, unlock: 'yes', password: 'short' });
  assert.equal(r.status, 400);
  assert.deepEqual(r.body.errors.map((e) => e.field).sort(), ['agency_id', 'failed_logins', 'password', 'unlock', 'username']);
  const e = await s.api('PATCH', '/api/v1/users/patchme', {});
  assert.equal(e.status, 400);
  const role = await s.api('PATCH', '/api/v1/users/patchme', { role: 'supervisor' });
  assert.equal(role.status, 400);
  assert.deepEqual(role.body.errors.map((x) => x.field), ['role']);
  const ok = await s.api('PATCH', '/api/v1/users/patchme', { role: 'legal_reviewer', password: 'New-pass-2027' });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.role, 'legal_reviewer');
  assert.equal((await login(s, 'patchme', PW)).status, 401);
  assert.equal((await login(s, 'patchme', 'New-pass-2027')).status, 200);
  assert.equal((await s.api('PATCH', '/api/v1/users/nobody-here', { display_name: 'x' })).status, 404);
});

test('unlock clears a lockout made by five bad logins', async () => {
  await s.api('POST', '/api/v1/users', { username: 'locked-one', display_name: '锁', role: 'officer', agency_id: xihu.id, password: PW });
  let last;
  for (let i = 0; i < 5; i++) last = await login(s, 'locked-one', 'Wrong-pass-0000');
  assert.equal(last.status, 423);
  assert.equal((await login(s, 'locked-one', PW)).status, 423);
  const g = await s.api('GET', '/api/v1/users/locked-one');
  assert.ok(g.body.locked_until);
  const p = await s.api('PATCH', '/api/v1/users/locked-one', { unlock: true });
  assert.equal(p.status, 200, p.text);
  assert.equal(p.body.locked_until, null);
  assert.equal(p.body.failed_logins, 0);
  assert.equal((await login(s, 'locked-one', PW)).status, 200);
});

test('an API key is shown once and authenticates GET /api/v1/me', async () => {
  const dev = await newAgency(s, { name: '西湖区非现场执法设备', domain: '交通' });
  await s.api('POST', '/api/v1/users', { username: 'device-01', display_name: '卡口 01', role: 'officer', agency_id: dev.id, password: PW });
  const ledger = ledgerRows();
  const k = await s.api('POST', '/api/v1/users/device-01/api-keys', { name: '卡口一号' });
  assert.equal(k.status, 201, k.text);
  assert.match(k.body.key, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(k.body.name, '卡口一号');
  assert.equal(ledgerRows(), ledger + 1);
  const me = await as(k.body.key, 'GET', '/api/v1/me');
  assert.equal(me.status, 200, me.text);
  assert.equal(me.body.username, 'device-01');
  assert.equal(me.body.agency_id, dev.id);
  const bad = await s.api('POST', '/api/v1/users/device-01/api-keys', { name: '' });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.errors.map((e) => e.field), ['name']);
  assert.equal((await s.api('POST', '/api/v1/users/nobody-here/api-keys', { name: 'k' })).status, 404);
  // the key is stored only as a hash: the user's record and the list never show it
  assert.ok(!(await s.api('GET', '/api/v1/users/device-01')).text.includes(k.body.key));
});

test('a new password ends the sessions signed in with the old one', async () => {
  const a = await newAgency(s);
  const c = await s.api('POST', '/api/v1/users', { username: 'pw-change', display_name: '改密', role: 'officer', agency_id: a.id, password: PW });
  assert.equal(c.status, 201, c.text);
  const old = (await login(s, 'pw-change', PW)).body.token;
  assert.equal((await call(s, 'GET', '/api/v1/me', undefined, { token: old })).status, 200);
  const p = await s.api('PATCH', '/api/v1/users/pw-change', { password: 'Another-pass-2027' });
  assert.equal(p.status, 200, p.text);
  assert.equal((await call(s, 'GET', '/api/v1/me', undefined, { token: old })).status, 401);
  assert.equal((await login(s, 'pw-change', 'Another-pass-2027')).status, 200);
});

test('failed logins and API keys keep the ledger verifiable (counters are not recorded state)', async () => {
  const { zhifa } = await import('./lib.mjs');
  const a = await newAgency(s);
  const c = await s.api('POST', '/api/v1/users', { username: 'ledger-user', display_name: '账本', role: 'officer', agency_id: a.id, password: PW });
  assert.equal(c.status, 201, c.text);
  assert.equal((await login(s, 'ledger-user', 'wrong-password-1')).status, 401);
  const k = await s.api('POST', '/api/v1/users/ledger-user/api-keys', { name: 'device-1' });
  assert.equal(k.status, 201, k.text);
  const out = zhifa(['ledger', 'verify', '--db', s.db.url]);
  assert.match(out, /^ok: /);
});
