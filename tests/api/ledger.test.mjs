// The full-process ledger: RFC 6962 proofs checked by an independent verifier written
// here from RFC 9162, C2SP signed checkpoints checked with node's Ed25519, and
// `zhifa ledger verify` catching edits made behind the program's back.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPublicKey, verify as edVerify } from 'node:crypto';
import { startServer, seedRegions, newAgency, zhifa, userWithToken, call } from './lib.mjs';

let s;
before(async () => {
  s = await startServer('ledger');
  await seedRegions(s);
  for (let i = 0; i < 5; i++) await newAgency(s);
});
after(async () => { await s.stop(); });

const sha = (...parts) => createHash('sha256').update(Buffer.concat(parts)).digest();
const leafHash = (b) => sha(Buffer.from([0]), b);
const nodeHash = (l, r) => sha(Buffer.from([1]), l, r);
const hex = (b) => b.toString('hex');
const unhex = (h) => Buffer.from(h, 'hex');

// RFC 9162 §2.1.3.2
function verifyInclusion(index, size, leaf, path, root) {
  if (index >= size) return false;
  let fn = index, sn = size - 1, r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
    if ((fn & 1) || fn === sn) {
      r = nodeHash(p, r);
      if (!(fn & 1)) while (fn !== 0 && !(fn & 1)) { fn >>= 1; sn >>= 1; }
    } else {
      r = nodeHash(r, p);
    }
    fn >>= 1; sn >>= 1;
  }
  return sn === 0 && r.equals(root);
}

// RFC 9162 §2.1.4.2
function verifyConsistency(first, second, root1, root2, proof) {
  if (first === second) return proof.length === 0 && root1.equals(root2);
  if (first === 0 || first > second || proof.length === 0) return false;
  let path = proof;
  if ((first & (first - 1)) === 0) path = [root1, ...proof];
  let fn = first - 1, sn = second - 1;
  while (fn & 1) { fn >>= 1; sn >>= 1; }
  let fr = path[0], sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if ((fn & 1) || fn === sn) {
      fr = nodeHash(c, fr); sr = nodeHash(c, sr);
      if (!(fn & 1)) while (fn !== 0 && !(fn & 1)) { fn >>= 1; sn >>= 1; }
    } else {
      sr = nodeHash(sr, c);
    }
    fn >>= 1; sn >>= 1;
  }
  return fr.equals(root1) && sr.equals(root2) && sn === 0;
}

// Naive MTH over leaf hashes (RFC 9162 §2.1.1).
function mth(hs) {
  if (hs.length === 0) return sha(Buffer.alloc(0));
  if (hs.length === 1) return hs[0];
  let k = 1;
  while (k * 2 < hs.length) k *= 2;
  return nodeHash(mth(hs.slice(0, k)), mth(hs.slice(k)));
}

async function checkpoint() {
  const r = await s.api('GET', '/api/v1/ledger/checkpoint');
  assert.equal(r.status, 200, r.text);
  return r.body;
}

async function allLeaves(n) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const r = await s.api('GET', `/api/v1/ledger/entries/${i}`);
    assert.equal(r.status, 200, r.text);
    const bytes = Buffer.from(r.body.leaf, 'base64');
    assert.equal(hex(leafHash(bytes)), r.body.leaf_hash, `leaf ${i}`);
    out.push({ bytes, hash: leafHash(bytes) });
  }
  return out;
}

test('every write appended an entry; the checkpoint root is the RFC 6962 root of the leaves', async () => {
  const cp = await checkpoint();
  assert.ok(cp.tree_size >= 2 + 4 + 5, `tree_size ${cp.tree_size}`); // calendar years, regions, agencies
  assert.match(cp.root_hash, /^[0-9a-f]{64}$/);
  const leaves = await allLeaves(cp.tree_size);
  assert.equal(hex(mth(leaves.map((l) => l.hash))), cp.root_hash);
  const kinds = leaves.map((l) => JSON.parse(l.bytes.toString()).action);
  assert.deepEqual(kinds.filter((k) => k === 'agency.create').length, 5);
  // the leaf is canonical JSON with sorted keys
  const first = JSON.parse(leaves[0].bytes.toString());
  assert.deepEqual(Object.keys(first), [...Object.keys(first)].sort());
  assert.equal(first.seq, 0);
});

test('a failed write appends nothing', async () => {
  const before = (await checkpoint()).tree_size;
  const r = await s.api('POST', '/api/v1/agencies', { name: 'x', uscc: 'bad', region_code: '330106', kind: 'departmental' });
  assert.equal(r.status, 400);
  assert.equal((await checkpoint()).tree_size, before);
});

test('the checkpoint note is a C2SP signed note verifiable with the Ed25519 key', async () => {
  const cp = await checkpoint();
  const [body, sigs] = cp.note.split('\n\n');
  const lines = body.split('\n');
  assert.equal(lines.length, 3);
  assert.match(lines[0], /^zhifa\.ledger\/[0-9a-f]{8}\/sha256$/);
  assert.equal(Number(lines[1]), cp.tree_size);
  assert.equal(Buffer.from(lines[2], 'base64').toString('hex'), cp.root_hash);
  const m = sigs.match(/^\u2014 (\S+) (\S+)\n$/);
  assert.ok(m, sigs);
  assert.equal(m[1], lines[0]);
  const raw = Buffer.from(m[2], 'base64');
  // the verifier key from the database (what an auditor is given out of band)
  const q = "SELECT v FROM settings WHERE k = 'ledger.vkey'";
  const vkey = sqlQuery(q).trim();
  // <name>+<8 hex>+<base64>: the base64 may itself contain '+'
  const [, name, idHex, keyB64] = vkey.match(/^([^+]+)\+([0-9a-f]{8})\+(.+)$/);
  assert.equal(name, lines[0]);
  const key = Buffer.from(keyB64, 'base64');
  assert.equal(key[0], 1);
  assert.equal(raw.subarray(0, 4).toString('hex'), idHex);
  const kid = sha(Buffer.from(name), Buffer.from([0x0a]), key).subarray(0, 4).toString('hex');
  assert.equal(kid, idHex);
  const pub = createPublicKey({ key: Buffer.concat([unhex('302a300506032b6570032100'), key.subarray(1)]), format: 'der', type: 'spki' });
  assert.ok(edVerify(null, Buffer.from(`${body}\n`), pub, raw.subarray(4)));
  const forged = Buffer.from(`${body.replace(/\n\d+\n/, `\n${cp.tree_size + 1}\n`)}\n`);
  assert.ok(!edVerify(null, forged, pub, raw.subarray(4)));
});

test('inclusion proofs for every entry verify against the checkpoint; flipped bits fail', async () => {
  const cp = await checkpoint();
  const leaves = await allLeaves(cp.tree_size);
  const root = unhex(cp.root_hash);
  for (let i = 0; i < cp.tree_size; i++) {
    const r = await s.api('GET', `/api/v1/ledger/proof/inclusion?index=${i}&tree_size=${cp.tree_size}`);
    assert.equal(r.status, 200, r.text);
    const path = r.body.audit_path.map(unhex);
    assert.ok(verifyInclusion(i, cp.tree_size, leaves[i].hash, path, root), `index ${i}`);
    if (path.length) {
      const bad = path.map((p) => Buffer.from(p));
      bad[0][0] ^= 1;
      assert.ok(!verifyInclusion(i, cp.tree_size, leaves[i].hash, bad, root));
    }
    assert.ok(!verifyInclusion(i, cp.tree_size, leaves[(i + 1) % cp.tree_size].hash, path, root) || cp.tree_size === 1);
  }
});

test('consistency proofs between every pair of sizes verify', async () => {
  const n = (await checkpoint()).tree_size;
  const leaves = await allLeaves(n);
  const roots = [];
  for (let m = 0; m <= n; m++) roots.push(mth(leaves.slice(0, m).map((l) => l.hash)));
  for (let m = 1; m <= n; m++) {
    const r = await s.api('GET', `/api/v1/ledger/proof/consistency?first=${m}&second=${n}`);
    assert.equal(r.status, 200, r.text);
    const proof = r.body.proof.map(unhex);
    assert.ok(verifyConsistency(m, n, roots[m], roots[n], proof), `${m}..${n}`);
    if (m < n) assert.ok(!verifyConsistency(m, n, roots[m], sha(Buffer.from('x')), proof));
  }
});

test('proof parameters out of range are 400 naming the field', async () => {
  const n = (await checkpoint()).tree_size;
  for (const [q, field] of [
    [`index=${n}&tree_size=${n}`, 'index'],
    [`index=0&tree_size=${n + 1}`, 'tree_size'],
    ['index=-1&tree_size=3', 'index'],
    ['index=x&tree_size=3', 'index'],
  ]) {
    const r = await s.api('GET', `/api/v1/ledger/proof/inclusion?${q}`);
    assert.equal(r.status, 400, q);
    assert.ok(r.body.errors.some((e) => e.field === field), `${q}: ${r.text}`);
  }
  const c = await s.api('GET', `/api/v1/ledger/proof/consistency?first=${n}&second=1`);
  assert.equal(c.status, 400);
  assert.equal((await s.api('GET', `/api/v1/ledger/entries/${n + 100}`)).status, 404);
});

test('an officer reads entries of its own agency only', async () => {
  const a = await newAgency(s);
  const t = await userWithToken(s, 'ledger-officer', 'officer', { agency: a.id });
  const n = (await checkpoint()).tree_size;
  // entry 2 is a region made by the admin (no agency): open to every ledger reader
  assert.equal((await call(s, 'GET', '/api/v1/ledger/entries/2', undefined, { token: t })).status, 200);
  // an entry written by a user acting for another agency is not visible
  const b = await newAgency(s);
  const head = await userWithToken(s, 'ledger-head-b', 'agency_head', { agency: b.id });
  const w = await call(s, 'POST', '/api/v1/officers', { agency_id: b.id, name: '钱七', id_number: '11010519491231002X', cert_no: `L-${Date.now()}`, cert_issued: '2024-01-01' }, { token: head });
  assert.equal(w.status, 201, w.text);
  const n2 = (await checkpoint()).tree_size;
  assert.ok(n2 > n);
  assert.equal((await call(s, 'GET', `/api/v1/ledger/entries/${n2 - 1}`, undefined, { token: t })).status, 404);
  assert.equal((await s.api('GET', `/api/v1/ledger/entries/${n2 - 1}`)).status, 200);
});

// ---- edits behind the program's back ----

function sqlQuery(sql) {
  return s.sql(sql);
}

function verify() {
  try {
    return { code: 0, out: zhifa(['ledger', 'verify', '--db', s.db.url]) };
  } catch (err) {
    return { code: err.status, out: `${err.stdout}${err.stderr}` };
  }
}

test('zhifa ledger verify passes on the intact database', () => {
  const v = verify();
  assert.equal(v.code, 0, v.out);
  assert.match(v.out, /^ok: \d+ entries/);
});

// The last two entries removed between checkpoints, with the cached nodes that covered
// them (so that nothing but the log's end is missing): the newest remaining entry lacks
// the tail mark (and on PostgreSQL the head's count is larger), verify names the cut,
// and no write continues the cut log.
test('entries cut from the end are detected and the server refuses to append after them', async () => {
  const span = "(idx + 1) * (CASE level WHEN 4 THEN 16 WHEN 8 THEN 256 WHEN 12 THEN 4096 WHEN 16 THEN 65536 ELSE 1048576 END)";
  const n = Number(sqlQuery('SELECT max(seq) + 1 FROM ledger_entries').trim());
  sqlQuery(`CREATE TABLE cut_e AS SELECT * FROM ledger_entries WHERE seq >= ${n - 2};
    CREATE TABLE cut_n AS SELECT * FROM ledger_nodes WHERE ${span} > ${n - 2};
    DELETE FROM ledger_entries WHERE seq >= ${n - 2};
    DELETE FROM ledger_nodes WHERE ${span} > ${n - 2}`);
  try {
    const v = verify();
    assert.equal(v.code, 1, v.out);
    assert.match(v.out, /entries removed from the end/);
    // SQLite: the tail mark names the cut; PostgreSQL's head still holds the exact size
    if (s.db.url.startsWith('sqlite:')) assert.match(v.out, new RegExp(`末尾条目 ${n - 3} `));
    else assert.match(v.out, new RegExp(`至少有 ${n} 条，实有 ${n - 2} 条`));
    const before = sqlQuery('SELECT count(*) FROM regions').trim();
    const w = await s.api('POST', '/api/v1/regions', { code: '330199', name: '截断区' });
    assert.equal(w.status, 500, w.text);
    assert.equal(sqlQuery('SELECT count(*) FROM regions').trim(), before);
  } finally {
    sqlQuery(`INSERT INTO ledger_entries SELECT * FROM cut_e; INSERT INTO ledger_nodes SELECT * FROM cut_n;
      DROP TABLE cut_e; DROP TABLE cut_n`);
  }
  const ok = verify();
  assert.equal(ok.code, 0, ok.out);
  const w = await s.api('POST', '/api/v1/regions', { code: '330199', name: '截断区' });
  assert.equal(w.status, 201, w.text);
  assert.equal(verify().code, 0);
});

for (const [what, edit, undo, expect] of [
  ['a region renamed in its table', "UPDATE regions SET name = '篡改区' WHERE code = '330108'",
    "UPDATE regions SET name = '滨江区' WHERE code = '330108'", /region\/330108/],
  ['an entry actor changed', "UPDATE ledger_entries SET actor = 'mallory' WHERE seq = 3",
    "UPDATE ledger_entries SET actor = 'admin' WHERE seq = 3", /条目 3 /],
  ['a leaf byte changed with its columns', "UPDATE ledger_entries SET leaf = replace(leaf, '\"actor\":\"admin\"', '\"actor\":\"eve00\"'), actor = 'eve00' WHERE seq = 4",
    "UPDATE ledger_entries SET leaf = replace(leaf, '\"actor\":\"eve00\"', '\"actor\":\"admin\"'), actor = 'admin' WHERE seq = 4", /条目 4 /],
  ['a checkpoint root replaced', "UPDATE ledger_checkpoints SET root_hash = '00' || substr(root_hash, 3)",
    null, /检查点/],
]) {
  test(`zhifa ledger verify detects ${what}`, () => {
    sqlQuery(edit);
    const v = verify();
    assert.equal(v.code, 1, v.out);
    assert.match(v.out, /^FAILED: /);
    assert.match(v.out, expect);
    if (undo) {
      sqlQuery(undo);
      const ok = verify();
      assert.equal(ok.code, 0, ok.out);
    }
  });
}
