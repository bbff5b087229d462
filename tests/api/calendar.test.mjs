// The working-day calendar over HTTP (行政处罚法 Art 85; 民事诉讼法 Art 85).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib.mjs';

let s;
before(async () => { s = await startServer('calendar'); });
after(async () => { await s.stop(); });

const deadline = (start, days, unit) => s.api('GET', `/api/v1/calendar/deadline?start=${start}&days=${days}&unit=${unit}`);

test('art85 seven working days across the 2025 Spring Festival counts the 调休 Sunday and Saturday', async () => {
  const r = await deadline('2025-01-24', 7, 'working');
  assert.equal(r.status, 200);
  assert.deepEqual({ deadline: r.body.deadline, provisional: r.body.provisional }, { deadline: '2025-02-10', provisional: false });
});

test('art85 five working days across National Day 2025', async () => {
  assert.equal((await deadline('2025-09-26', 5, 'working')).body.deadline, '2025-10-10');
});

test('art85 twenty working days over New Year 2026', async () => {
  assert.equal((await deadline('2025-12-31', 20, 'working')).body.deadline, '2026-01-29');
});

test('art60 ninety calendar days ending in the 2026 National Day holiday roll to the next working day', async () => {
  const r = await deadline('2026-07-03', 90, 'calendar');
  assert.equal(r.body.deadline, '2026-10-08');
  assert.equal(r.body.provisional, false);
});

test('a December filing reaches 2027, which has no data yet: provisional', async () => {
  const r = await deadline('2026-12-15', 90, 'calendar');
  assert.equal(r.status, 200);
  assert.equal(r.body.provisional, true);
  assert.equal(r.body.deadline, '2027-03-15');
});

test('loading 2027 by API makes the same deadline final (and recomputed)', async () => {
  // a made-up 2027 schedule for the test: 2027-03-15 (Mon) declared a holiday
  const text = '2027-01-01 holiday 元旦\n2027-03-15 holiday 测试假日\n';
  const put = await s.api('PUT', '/api/v1/calendar/years/2027', text, { type: 'text/plain' });
  assert.equal(put.status, 200, put.text);
  const r = await deadline('2026-12-15', 90, 'calendar');
  assert.deepEqual({ d: r.body.deadline, p: r.body.provisional }, { d: '2027-03-16', p: false });
  const years = await s.api('GET', '/api/v1/calendar/years');
  assert.ok(years.body.items.some((y) => y.year === 2027));
});

test('a bad calendar file is refused with its line number and nothing changes', async () => {
  const put = await s.api('PUT', '/api/v1/calendar/years/2028', '2028-01-01 holiday 元旦\n2028-02-30 holiday x\n', { type: 'text/plain' });
  assert.equal(put.status, 400);
  assert.equal(put.body.code, 'invalid_calendar');
  assert.match(put.body.detail, /第2行/);
  const years = await s.api('GET', '/api/v1/calendar/years');
  assert.ok(!years.body.items.some((y) => y.year === 2028));
});

test('malformed date, negative count, bad unit: 400 naming each field', async () => {
  for (const [q, field] of [
    ['start=2026-02-30&days=5&unit=working', 'start'],
    ['start=2026-2-3&days=5&unit=working', 'start'],
    ['start=2026-02-03&days=-1&unit=working', 'days'],
    ['start=2026-02-03&days=1.5&unit=working', 'days'],
    ['start=2026-02-03&days=5&unit=weeks', 'unit'],
    ['days=5&unit=working', 'start'],
  ]) {
    const r = await s.api('GET', `/api/v1/calendar/deadline?${q}`);
    assert.equal(r.status, 400, q);
    assert.equal(r.body.code, 'invalid_field');
    assert.ok(r.body.errors.some((e) => e.field === field), `${q} names ${field}`);
  }
});

test('only an admin may load calendar years', async () => {
  const { userWithToken } = await import('./lib.mjs');
  const t = await userWithToken(s, 'cal-auditor', 'auditor');
  const r = await fetch(`${s.url}/api/v1/calendar/years/2029`, { method: 'PUT', headers: { Authorization: `Bearer ${t}` }, body: '2029-01-01 holiday 元旦\n' });
  assert.equal(r.status, 403);
});

test('a year loaded through one server process is used by another on the same database', async () => {
  const { spawn } = await import('node:child_process');
  const { BIN, freePort } = await import('./lib.mjs');
  const port = await freePort();
  const other = spawn(BIN, ['serve', '--db', s.db.url, '--listen', `127.0.0.1:${port}`, '--data-dir', s.dataDir],
    { env: { ...process.env, ZHIFA_ACCESS_LOG: '0', ZHIFA_CALENDAR_SYNC_SECONDS: '1' }, stdio: 'ignore' });
  try {
    const url = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 100; i++) {
      try { if ((await fetch(`${url}/healthz`)).ok) break; } catch { /* starting */ }
      await new Promise((r) => setTimeout(r, 50));
    }
    const ask = async () => (await (await fetch(`${url}/api/v1/calendar/deadline?start=2029-06-01&days=1&unit=working`,
      { headers: { Authorization: `Bearer ${s.token}` } })).json());
    const before = await ask();
    assert.equal(before.provisional, true);
    assert.equal(before.deadline, '2029-06-04'); // Friday + 1 working day = Monday
    const put = await s.api('PUT', '/api/v1/calendar/years/2029', '2029-01-01 holiday 元旦\n2029-06-04 holiday 测试假日\n', { type: 'text/plain' });
    assert.equal(put.status, 200, put.text);
    await new Promise((r) => setTimeout(r, 1200));
    const after = await ask();
    assert.deepEqual({ d: after.deadline, p: after.provisional }, { d: '2029-06-05', p: false });
  } finally {
    other.kill('SIGTERM');
    await new Promise((r) => other.once('exit', r));
  }
});
