// The platform core over HTTP: problems, auth, lockout, idempotency, limits, metrics.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { startServer, call, login, ADMIN_PASSWORD, seedRegions, newAgency, userWithToken } from './lib.mjs';

let s;
before(async () => { s = await startServer('platform'); await seedRegions(s); });
after(async () => { await s.stop(); });

function assertProblem(r, status, code) {
  assert.equal(r.status, status, r.text);
  assert.match(r.headers.get('content-type'), /^application\/problem\+json/);
  assert.equal(r.body.code, code);
  assert.equal(r.body.status, status);
  assert.ok(r.body.title && /[\u4e00-\u9fff]/.test(r.body.title), 'Chinese title');
  assert.ok(Array.isArray(r.body.errors));
}

test('healthz answers without a token, with a request id', async () => {
  const r = await call(s, 'GET', '/healthz');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { status: 'ok' });
  assert.ok(r.headers.get('x-request-id'));
});

test('a request id sent by the client is echoed', async () => {
  const r = await call(s, 'GET', '/healthz', undefined, { 'X-Request-Id': 'abc-123-def' });
  assert.equal(r.headers.get('x-request-id'), 'abc-123-def');
});

test('the OpenAPI document is served', async () => {
  const r = await call(s, 'GET', '/api/v1/openapi.yaml');
  assert.equal(r.status, 200);
  assert.match(r.text, /^openapi: 3\./m);
});

test('unknown endpoint is 404 and a wrong method 405, both problem+json', async () => {
  assertProblem(await s.api('GET', '/api/v1/nothing-here'), 404, 'not_found');
  assertProblem(await s.api('DELETE', '/api/v1/regions'), 405, 'method_not_allowed');
});

test('calls without a token, with a forged token or a malformed header are 401', async () => {
  assertProblem(await call(s, 'GET', '/api/v1/agencies'), 401, 'unauthenticated');
  assertProblem(await call(s, 'GET', '/api/v1/agencies', undefined, { token: 'x'.repeat(43) }), 401, 'unauthenticated');
  assertProblem(await call(s, 'GET', '/api/v1/agencies', undefined, { Authorization: 'Basic YWRtaW46eA==' }), 401, 'unauthenticated');
});

test('logout ends the token', async () => {
  const t = (await login(s, 'admin', ADMIN_PASSWORD)).body.token;
  assert.equal((await call(s, 'GET', '/api/v1/me', undefined, { token: t })).status, 200);
  assert.equal((await call(s, 'POST', '/api/v1/auth/logout', undefined, { token: t })).status, 204);
  assertProblem(await call(s, 'GET', '/api/v1/me', undefined, { token: t }), 401, 'unauthenticated');
});

test('a session whose expires_at has passed is 401 unauthenticated, and the detail says it expired', async () => {
  const t = await userWithToken(s, 'expiring', 'auditor', { region: '330000' });
  assert.equal((await call(s, 'GET', '/api/v1/me', undefined, { token: t })).status, 200);
  // only the database knows the token's hash: move that one session into the past
  const hash = createHash('sha256').update(t).digest('hex');
  s.sql(`UPDATE sessions SET expires_at = '2020-01-01T00:00:00.000Z' WHERE token_hash = '${hash}'`);
  // a change behind the server's back reaches its per-thread token cache within 1 s
  await new Promise((r) => setTimeout(r, 1100));
  const r = await call(s, 'GET', '/api/v1/me', undefined, { token: t });
  assertProblem(r, 401, 'unauthenticated');
  assert.match(r.body.detail, /登录已过期/);
  // a token that never was a session does not claim to have expired
  const forged = await call(s, 'GET', '/api/v1/me', undefined, { token: 'y'.repeat(43) });
  assertProblem(forged, 401, 'unauthenticated');
  assert.doesNotMatch(forged.body.detail, /过期/);
  // the user's other sessions are untouched
  assert.equal((await login(s, 'expiring', 'User-pass-2026')).status, 200);
});

test('malformed JSON whose error quotes half a Chinese character still answers a problem document', async () => {
  // found by fuzz_decode: jansson quotes the bytes near the error, cut inside 湖
  const r = await s.api('POST', '/api/v1/regions', '{"code":"330106","name":"西\\湖区"}');
  assertProblem(r, 400, 'invalid_json');
  assert.match(r.body.detail, /malformed JSON/);
});

test('request JSON nested deeper than 16 levels is 400 invalid_json; 16 levels reach the field checks', async () => {
  const nest = (n) => '{"name":'.repeat(n - 1) + '{}' + '}'.repeat(n - 1);
  const deep = await s.api('POST', '/api/v1/regions', nest(17));
  assertProblem(deep, 400, 'invalid_json');
  assert.match(deep.body.detail, /嵌套超过 16 层/);
  const arrays = await s.api('POST', '/api/v1/regions', `{"name":${'['.repeat(16)}${']'.repeat(16)}}`);
  assertProblem(arrays, 400, 'invalid_json');
  const ok = await s.api('POST', '/api/v1/regions', nest(16));
  assertProblem(ok, 400, 'invalid_field');
});

test('logout ends a token at once even while every worker thread has it cached', async () => {
  const t = (await login(s, 'admin', ADMIN_PASSWORD)).body.token;
  // many concurrent requests, so that each worker thread resolves (and caches) the token
  const before = await Promise.all(Array.from({ length: 32 }, () => call(s, 'GET', '/api/v1/me', undefined, { token: t })));
  assert.ok(before.every((r) => r.status === 200));
  assert.equal((await call(s, 'POST', '/api/v1/auth/logout', undefined, { token: t })).status, 204);
  const after = await Promise.all(Array.from({ length: 32 }, () => call(s, 'GET', '/api/v1/me', undefined, { token: t })));
  assert.deepEqual(after.map((r) => r.status), after.map(() => 401));
});

test('login: wrong password 401, unknown user 401 with the same answer', async () => {
  const a = await login(s, 'admin', 'wrong-password');
  const b = await login(s, 'nobody', 'wrong-password');
  assertProblem(a, 401, 'bad_credentials');
  assertProblem(b, 401, 'bad_credentials');
  assert.equal(a.body.detail, b.body.detail);
});

test('login: five failures in a row lock the account, even for the right password', async () => {
  await userWithToken(s, 'lockme', 'auditor', { region: '330000' });
  for (let i = 0; i < 4; i++) assertProblem(await login(s, 'lockme', 'nope-nope'), 401, 'bad_credentials');
  assertProblem(await login(s, 'lockme', 'nope-nope'), 423, 'account_locked');
  assertProblem(await login(s, 'lockme', 'User-pass-2026'), 423, 'account_locked');
});

test('login: a malformed body is 400 and names the fields', async () => {
  assertProblem(await call(s, 'POST', '/api/v1/auth/login', '{"username":'), 400, 'invalid_json');
  const r = await call(s, 'POST', '/api/v1/auth/login', { username: 5 });
  assertProblem(r, 400, 'invalid_field');
  assert.deepEqual(r.body.errors.map((e) => e.field).sort(), ['password', 'username']);
});

test('a body over the limit is 413 and nothing is written', async () => {
  const big = JSON.stringify({ code: '330109', name: 'x'.repeat(2 * 1024 * 1024) });
  assertProblem(await s.api('POST', '/api/v1/regions', big), 413, 'body_too_large');
  assertProblem(await s.api('GET', '/api/v1/regions/330109'), 404, 'not_found');
});

test('Idempotency-Key: a retried POST answers the first result and writes once', async () => {
  const key = `idem-${Date.now()}`;
  const body = { code: '330110', name: '余杭区' };
  const a = await s.api('POST', '/api/v1/regions', body, { 'Idempotency-Key': key });
  const b = await s.api('POST', '/api/v1/regions', body, { 'Idempotency-Key': key });
  assert.equal(a.status, 201);
  assert.equal(b.status, 201);
  assert.deepEqual(b.body, a.body);
  const c = await s.api('POST', '/api/v1/regions', body, { 'Idempotency-Key': `other-${key}` });
  assertProblem(c, 409, 'conflict');
  assertProblem(await s.api('POST', '/api/v1/agencies', {}, { 'Idempotency-Key': key }), 422, 'idempotency_conflict');
});

test('metrics need a role that may read them', async () => {
  const officerAgency = await newAgency(s);
  const t = await userWithToken(s, 'metrics-officer', 'officer', { agency: officerAgency.id });
  assertProblem(await call(s, 'GET', '/metrics', undefined, { token: t }), 403, 'forbidden');
  const r = await s.api('GET', '/metrics');
  assert.equal(r.status, 200);
  assert.match(r.text, /^zhifa_http_requests_total\{class="2xx"\} \d+$/m);
  assert.match(r.text, /zhifa_http_request_duration_seconds_bucket\{le="\+Inf"\}/);
});
