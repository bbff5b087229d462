// Discretion benchmarks over HTTP (行政处罚法 Art 34 published benchmarks, Art 37
// 从旧兼从轻; docs/discretion.md): loading proves a table or stores nothing, versions are
// immutable, evaluation answers the demo tables' own worked examples.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, startServer, call, zhifa, userWithToken } from './lib.mjs';

const DIR = join(ROOT, 'data', 'discretion');
const DEMO = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort()
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')));

let s;
before(async () => { s = await startServer('discretion', { env: { ZHIFA_DISCRETION_SYNC_SECONDS: '1' } }); });
after(async () => { await s.stop(); });

const entries = () => Number(s.sql('SELECT COUNT(*) FROM ledger_entries').trim());
const stored = () => Number(s.sql('SELECT COUNT(*) FROM discretion_tables').trim());
const rule = (id, when, outcome, lo, hi) => ({ id, when, outcome, fine_min_fen: lo, fine_max_fen: hi, basis: '第一条', explanation_zh: '说明' });

// A small proven table: corrected → no penalty; otherwise split at 1,000 yuan.
function table({ version = '1', from = '2024-01-01', small = { lt: 100000 }, big = { ge: 100000 }, expectRule = 'big' } = {}) {
  return {
    item_code: 'TEST000001', version, title: '测试事项', effective_from: from,
    basis: { law: '中华人民共和国测试法', article: '第一条', benchmark: '测试基准' },
    inputs: [{ name: 'corrected', type: 'bool', zh: '及时改正' }, { name: 'amount_fen', type: 'int', zh: '金额（分）' }],
    hit_policy: 'unique',
    rules: [
      rule('np', { corrected: true }, 'no_penalty', 0, 0),
      rule('small', { corrected: false, amount_fen: small }, 'ordinary', 1000, 5000),
      rule('big', { corrected: false, amount_fen: big }, 'heavier', 5000, 20000),
    ],
    tests: [{ name: 'edge_1000_yuan_is_big', circumstances: { corrected: false, amount_fen: 100000 },
      expect: { rule: expectRule, outcome: expectRule === 'big' ? 'heavier' : 'ordinary', min_fen: expectRule === 'big' ? 5000 : 1000, max_fen: expectRule === 'big' ? 20000 : 5000 } }],
  };
}

test('a proven table loads: 201 with its counts, one ledger entry, published as sent', async () => {
  const n = entries();
  const text = JSON.stringify(table(), null, 1);
  const r = await s.api('POST', '/api/v1/discretion/tables', text);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.item_code, 'TEST000001');
  assert.equal(r.body.version, '1');
  assert.equal(r.body.effective_from, '2024-01-01');
  assert.equal(r.body.effective_to, null);
  assert.equal(r.body.rules, 3);
  assert.equal(r.body.tests, 1);
  assert.equal(r.body.loaded_by, 'admin');
  assert.match(r.body.sha256, /^[0-9a-f]{64}$/);
  assert.equal(r.headers.get('location'), '/api/v1/discretion/tables/TEST000001/1');
  assert.equal(entries(), n + 1);
  const doc = await s.api('GET', '/api/v1/discretion/tables/TEST000001/1');
  assert.equal(doc.status, 200);
  assert.match(doc.headers.get('content-type'), /^application\/json/);
  assert.equal(doc.text, text, 'the document exactly as accepted');
  const list = await s.api('GET', '/api/v1/discretion/tables?item_code=TEST000001');
  assert.deepEqual(list.body.items.map((t) => t.id), ['TEST000001/1']);
});

test('the same version twice: 409 discretion_version_exists, nothing written', async () => {
  const n = entries();
  const r = await s.api('POST', '/api/v1/discretion/tables', table());
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.code, 'discretion_version_exists');
  const sameDay = await s.api('POST', '/api/v1/discretion/tables', table({ version: '2' }));
  assert.equal(sameDay.status, 409, sameDay.text);
  assert.match(sameDay.body.detail, /2024-01-01/);
  assert.equal(entries(), n);
});

test('overlapping rules: 400 discretion_overlap naming both rule ids and a witness, nothing stored', async () => {
  const n = entries(), k = stored();
  const r = await s.api('POST', '/api/v1/discretion/tables', table({ version: '3', from: '2025-01-01', small: { lt: 100001 } }));
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.code, 'discretion_overlap');
  const e = r.body.errors.find((x) => x.field === 'rules/small+big');
  assert.ok(e, r.text);
  assert.match(e.message, /规则 small 与 big 同时适用于 corrected=false, amount_fen=100000/);
  assert.deepEqual([entries(), stored()], [n, k]);
});

test('a gap: 400 discretion_gap with the uncovered combination', async () => {
  const r = await s.api('POST', '/api/v1/discretion/tables', table({ version: '3', from: '2025-01-01', big: { gt: 100000 } }));
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.code, 'discretion_gap');
  assert.ok(r.body.errors.some((x) => /没有规则适用于 corrected=false, amount_fen=100000/.test(x.message)), r.text);
});

test('a failing embedded test: 400 discretion_test_failed naming the test', async () => {
  const r = await s.api('POST', '/api/v1/discretion/tables', table({ version: '3', from: '2025-01-01', expectRule: 'small' }));
  assert.equal(r.status, 400, r.text);
  assert.equal(r.body.code, 'discretion_test_failed');
  assert.ok(r.body.errors.some((x) => x.field === 'tests/edge_1000_yuan_is_big' && /期望规则 small/.test(x.message)), r.text);
  const typo = await s.api('POST', '/api/v1/discretion/tables', { ...table({ version: '3' }), colour: 'red' });
  assert.equal(typo.status, 400);
  assert.equal(typo.body.code, 'invalid_discretion_table');
});

test('a role without discretion_write may read and evaluate but not load: 403', async () => {
  const t = await userWithToken(s, 'disc-auditor', 'auditor');
  const r = await call(s, 'POST', '/api/v1/discretion/tables', table({ version: '9', from: '2026-06-01' }), { token: t });
  assert.equal(r.status, 403);
  assert.equal((await call(s, 'GET', '/api/v1/discretion/tables', undefined, { token: t })).status, 200);
  const ev = await call(s, 'POST', '/api/v1/discretion/evaluate', { item_code: 'TEST000001', date: '2025-03-01', circumstances: { corrected: true, amount_fen: 0 } }, { token: t });
  assert.equal(ev.status, 200, ev.text);
  assert.equal(ev.body.outcome, 'no_penalty');
  assert.equal((await call(s, 'GET', '/api/v1/discretion/tables')).status, 401);
});

test('the demo tables, stored by `zhifa demo` in another process, are picked up and answer their own worked examples', async () => {
  const before = await s.api('POST', '/api/v1/discretion/evaluate', { item_code: 'SC000001', date: '2025-03-01', circumstances: {} });
  assert.equal(before.status, 404, before.text);
  assert.equal(before.body.code, 'discretion_not_found');
  assert.match(before.body.detail, /SC000001/);
  zhifa(['demo', '--db', s.db.url, '--data-dir', s.dataDir, '--quiet']);
  await new Promise((r) => setTimeout(r, 1200));
  let cases = 0;
  for (const doc of DEMO) {
    const pub = await s.api('GET', `/api/v1/discretion/tables/${doc.item_code}/${doc.version}`);
    assert.equal(pub.status, 200);
    assert.deepEqual(pub.body, doc);
    for (const t of doc.tests) {
      const r = await s.api('POST', '/api/v1/discretion/evaluate', {
        item_code: doc.item_code, date: doc.effective_from, decision_date: doc.effective_from, circumstances: t.circumstances,
      });
      assert.equal(r.status, 200, `${doc.item_code} ${t.name}: ${r.text}`);
      assert.deepEqual({ rule: r.body.rule, outcome: r.body.outcome, min_fen: r.body.min_fen, max_fen: r.body.max_fen },
        t.expect, `${doc.item_code} ${doc.version} ${t.name}`);
      assert.equal(r.body.version, doc.version);
      assert.ok(r.body.basis.includes(doc.basis.law), r.body.basis);
      cases++;
    }
  }
  assert.ok(cases >= 36, `${cases} worked examples`);
  const items = new Set((await s.api('GET', '/api/v1/discretion/tables')).body.items.map((t) => t.item_code));
  for (const code of ['SC000001', 'CG000001', 'CG000041', 'JT000002', 'SC000027']) assert.ok(items.has(code), code);
});

const fumes = { first_violation: false, corrected: false, harm: 'none', repeat: false, art32: false, minor: false, excess_pct: 50 };

test('art37 从旧兼从轻: cooking fumes in 2025-06, decided 2026-03 under the lighter 2026.1 version', async () => {
  const r = await s.api('POST', '/api/v1/discretion/evaluate', { item_code: 'CG000041', date: '2025-06-01', decision_date: '2026-03-01', circumstances: fumes });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.applied_newer, true);
  assert.equal(r.body.version, '2026.1');
  assert.equal(r.body.violation_version, '2023.1');
  assert.deepEqual([r.body.outcome, r.body.min_fen, r.body.max_fen, r.body.rule], ['ordinary', 1000000, 2000000, 'adult-uncorrected-t1']);
  assert.match(r.body.note, /第三十七条/);
  const old = await s.api('POST', '/api/v1/discretion/evaluate', { item_code: 'CG000041', date: '2025-06-01', decision_date: '2025-12-31', circumstances: fumes });
  assert.deepEqual([old.body.version, old.body.applied_newer, old.body.min_fen], ['2023.1', false, 1500000]);
});

test('check: a decided fine inside, below or above the recommended range', async () => {
  const ask = (fine_fen) => s.api('POST', '/api/v1/discretion/check', { item_code: 'CG000041', date: '2026-02-01', circumstances: fumes, fine_fen });
  for (const [fine, where, reason] of [[1000000, 'inside', false], [2000000, 'inside', false], [999999, 'below', true], [2000001, 'above', true]]) {
    const r = await ask(fine);
    assert.equal(r.status, 200, r.text);
    assert.deepEqual([r.body.amount, r.body.needs_reason, r.body.fine_fen], [where, reason, fine]);
  }
  for (const bad of [-1, 1.5, '100']) {
    const r = await ask(bad);
    assert.equal(r.status, 400);
    assert.ok(r.body.errors.some((e) => e.field === 'fine_fen'));
  }
});

test('bad input: a missing circumstance, unknown item, malformed or future dates, decision before violation', async () => {
  const { excess_pct: _, ...missing } = fumes;
  const m = await s.api('POST', '/api/v1/discretion/evaluate', { item_code: 'CG000041', date: '2026-02-01', circumstances: missing });
  assert.equal(m.status, 400);
  assert.equal(m.body.code, 'invalid_circumstances');
  assert.ok(m.body.errors.some((e) => e.field === 'circumstances/excess_pct'), m.text);
  const u = await s.api('POST', '/api/v1/discretion/evaluate', { item_code: 'NO000000', date: '2026-02-01', circumstances: fumes });
  assert.equal(u.status, 404);
  assert.match(u.body.detail, /NO000000/);
  for (const [body, field] of [
    [{ item_code: 'CG000041', date: '2026-02-30', circumstances: fumes }, 'date'],
    [{ item_code: 'CG000041', date: '2099-01-01', circumstances: fumes }, 'date'],
    [{ item_code: 'CG000041', date: '2026-02-01', decision_date: '2026/03/01', circumstances: fumes }, 'decision_date'],
    [{ item_code: 'CG000041', date: '2026-02-01', circumstances: 'none' }, 'circumstances'],
    [{ date: '2026-02-01', circumstances: fumes }, 'item_code'],
    [{ item_code: 'CG000041', date: '2026-02-01', circumstances: fumes, colour: 1 }, 'colour'],
  ]) {
    const r = await s.api('POST', '/api/v1/discretion/evaluate', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.ok(r.body.errors.some((e) => e.field === field), `${field}: ${r.text}`);
  }
  const d = await s.api('POST', '/api/v1/discretion/evaluate', { item_code: 'CG000041', date: '2026-02-01', decision_date: '2026-01-01', circumstances: fumes });
  assert.equal(d.status, 400);
  assert.equal(d.body.code, 'invalid_dates');
});

test('the CLI loads and evaluates through the same code', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhifa-disc-'));
  try {
    const f = join(dir, 't.json');
    writeFileSync(f, JSON.stringify(table({ version: '5', from: '2025-07-01' })));
    assert.match(zhifa(['discretion', 'load', '--db', s.db.url, '--file', f]), /TEST000001\/5 loaded/);
    let err;
    try { zhifa(['discretion', 'load', '--db', s.db.url, '--file', f]); } catch (e) { err = e; }
    assert.equal(err.status, 1);
    assert.match(err.stderr, /discretion_version_exists/);
    const out = JSON.parse(zhifa(['discretion', 'evaluate', '--db', s.db.url, '--item', 'TEST000001', '--date', '2025-08-01',
      '--circumstances', '{"corrected":false,"amount_fen":99999}']));
    assert.deepEqual([out.rule, out.version, out.min_fen, out.max_fen], ['small', '5', 1000, 5000]);
  } finally { rmSync(dir, { recursive: true, force: true }); }
});

test('zhifa ledger verify passes, and names a benchmark whose document was edited behind its back', () => {
  assert.match(zhifa(['ledger', 'verify', '--db', s.db.url]), /^ok: /);
  s.sql("UPDATE discretion_tables SET document = replace(document, '20000', '30000') WHERE item_code = 'TEST000001' AND version = '1'");
  let err;
  try { zhifa(['ledger', 'verify', '--db', s.db.url]); } catch (e) { err = e; }
  assert.equal(err?.status, 1);
  assert.match(err.stdout, /discretion_table\/TEST000001\/1/);
});
