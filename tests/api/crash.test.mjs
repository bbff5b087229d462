// Crash safety: the server is killed (SIGKILL) while four clients are writing agencies,
// then restarted on the same database. Every write that was acknowledged with 201 must
// be there, every agency row must have exactly its agency.create ledger entry (no half
// write either way), and `zhifa ledger verify` must pass.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, seedRegions, newUscc, zhifa } from './lib.mjs';

const WRITERS = 4;
const MAX_WRITES = 2000;  // per writer: the loops end even if the kill never comes
const KILL_AFTER_MS = 1500;
const KILL_AT_ACKS = 400; // or earlier, once this many writes are acknowledged

let s;
before(async () => { s = await startServer('crash'); await seedRegions(s); });
after(async () => { if (s) await s.stop(); });

// POSTs agencies until the server goes away; returns the ids of the 201 answers.
async function writer(n, acked, state) {
  for (let i = 0; i < MAX_WRITES && !state.killed; i++) {
    let r;
    try {
      r = await s.api('POST', '/api/v1/agencies', {
        name: `崩溃测试执法局${n}-${i}`, uscc: newUscc(), region_code: '330106', kind: 'departmental',
      });
    } catch { break; } // connection refused or reset: the server is gone
    if (r.status === 201) acked.push(r.body.id);
    else if (!state.killed) state.errors.push(`${r.status} ${r.text}`);
  }
}

async function listIds(path) {
  const ids = [];
  let cursor = null;
  for (let page = 0; page < 1000; page++) {
    const r = await s.api('GET', `${path}?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    assert.equal(r.status, 200, r.text);
    ids.push(...r.body.items.map((x) => x.id));
    cursor = r.body.next_cursor;
    if (!cursor) return ids;
  }
  throw new Error('list did not end');
}

async function ledgerCreates(type) {
  const cp = await s.api('GET', '/api/v1/ledger/checkpoint');
  assert.equal(cp.status, 200, cp.text);
  const ids = [];
  for (let i = 0; i < cp.body.tree_size; i++) {
    const r = await s.api('GET', `/api/v1/ledger/entries/${i}`);
    assert.equal(r.status, 200, r.text);
    const leaf = JSON.parse(Buffer.from(r.body.leaf, 'base64').toString());
    assert.equal(leaf.seq, i);
    if (leaf.action === `${type}.create`) ids.push(leaf.id);
  }
  return ids;
}

test('SIGKILL during concurrent writes loses no acknowledged write and leaves no half write', { timeout: 60000 }, async () => {
  const acked = [];
  const state = { killed: false, errors: [] };
  const loops = Array.from({ length: WRITERS }, (_, n) => writer(n, acked, state));
  const started = Date.now();
  while (Date.now() - started < KILL_AFTER_MS && acked.length < KILL_AT_ACKS) {
    await new Promise((r) => setTimeout(r, 10));
  }
  const inFlight = acked.length;
  state.killed = true;
  await s.restart({ signal: 'SIGKILL' });
  await Promise.all(loops);
  assert.deepEqual(state.errors, [], 'writes before the kill succeed');
  assert.ok(inFlight > 0, 'some writes were acknowledged before the kill');

  // (a) every acknowledged write survived
  for (const id of acked) {
    const r = await s.api('GET', `/api/v1/agencies/${id}`);
    assert.equal(r.status, 200, `acknowledged agency ${id}: ${r.text}`);
  }
  // (b) rows and ledger entries match one to one
  const rows = await listIds('/api/v1/agencies');
  const entries = await ledgerCreates('agency');
  assert.equal(rows.length, entries.length, 'agency rows = agency.create entries');
  assert.deepEqual([...rows].sort(), [...entries].sort());
  assert.ok(rows.length >= acked.length);
  // (c) the ledger verifies, and the restarted server still writes
  const v = zhifa(['ledger', 'verify', '--db', s.db.url]);
  assert.match(v, /^ok: \d+ entries/);
  const r = await s.api('POST', '/api/v1/agencies', {
    name: '崩溃后执法局', uscc: newUscc(), region_code: '330106', kind: 'departmental',
  });
  assert.equal(r.status, 201, r.text);
});
