// Resumable evidence uploads (issue 5: phones on bad networks), the tus 1.0 core
// protocol with creation, expiration and termination: chunks streamed at Upload-Offset,
// an interrupted chunk keeps what arrived, a restart re-hashes the partial file, and the
// evidence exists only once the last byte is in and the digests match.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { startServer, call, seedRegions, newAgency, idNumber, userWithToken } from './lib.mjs';

const MAX_UPLOAD = 4 * 1024 * 1024;
let s, A, B, offA, headA, offB;
let officers = [];

const sha256 = (b) => createHash('sha256').update(b).digest('hex');
const sm3 = (b) => createHash('sm3').update(b).digest('hex');
const meta = (o) => Object.entries(o).map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`).join(',');
const tus = { 'Tus-Resumable': '1.0.0' };

const tmpFiles = () => {
  const d = join(s.dataDir, 'objects', 'tmp');
  return existsSync(d) ? readdirSync(d).sort() : [];
};
const evidenceCount = () => Number(s.sql('SELECT count(*) FROM evidence').trim());

async function create(token, length, md = { kind: 'audiovisual', filename: '现场照片.jpg' }, extra = {}) {
  return call(s, 'POST', '/api/v1/evidence-uploads', undefined,
    { token, ...tus, 'Upload-Length': String(length), 'Upload-Metadata': meta(md), ...extra });
}
const patch = (token, id, offset, bytes, extra = {}) =>
  call(s, 'PATCH', `/api/v1/evidence-uploads/${id}`, bytes,
    { token, type: 'application/offset+octet-stream', ...tus, 'Upload-Offset': String(offset), ...extra });
const head = async (token, id) => {
  const r = await fetch(`${s.url}/api/v1/evidence-uploads/${id}`, { method: 'HEAD', headers: { Authorization: `Bearer ${token}`, ...tus } });
  return { status: r.status, offset: r.headers.get('upload-offset'), length: r.headers.get('upload-length'), headers: r.headers };
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const partialSize = (id) => {
  const f = join(s.dataDir, 'objects', 'tmp', `resumable-${id}`);
  return existsSync(f) ? statSync(f).size : -1;
};

// Polls until cond() holds or `limit` ms have passed (far below the server's 60 s
// connection timeout: a pass means the server noticed a hang-up itself).
async function until(cond, limit = 20000) {
  const t0 = Date.now();
  while (!(await cond())) {
    if (Date.now() - t0 > limit) return false;
    await sleep(5);
  }
  return true;
}

// Sends the headers of a PATCH declaring `declared` bytes and only `bytes` of them,
// waits until the server has written them all to the partial file (with inFlight:
// only until the kernel has them), then cuts the connection (FIN, or RST with reset):
// a phone losing its network mid-chunk. After a FIN every byte sent still arrives, the
// FIN behind them (the case an edge-triggered server loop missed); an RST drops what
// the server had not read. Resolves with the open request before cutting when hold
// is set.
async function cutPatch(token, id, offset, bytes, declared, { hold = false, reset = false, inFlight = false } = {}) {
  const req = request(`${s.url}/api/v1/evidence-uploads/${id}`, {
    method: 'PATCH',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/offset+octet-stream', ...tus,
      'Upload-Offset': String(offset), 'Content-Length': String(declared) },
  });
  req.on('error', () => {});
  req.on('response', (res) => res.resume());
  req.flushHeaders();
  await new Promise((r) => req.write(bytes, r));
  if (!inFlight)
    assert.ok(await until(() => partialSize(id) === offset + bytes.length), 'the server writes the bytes as they come');
  if (hold) return req;
  if (reset) req.socket.resetAndDestroy();
  else req.destroy();
  return null;
}

async function waitOffset(token, id, want) {
  let h;
  await until(async () => (h = await head(token, id)).offset === String(want));
  return h;
}

// Waits until a cut PATCH has saved offset (HEAD takes no lock), then sends a PATCH of
// no bytes there: 423 while the cut one still holds the upload's lock (it saves the
// offset first, then lets go), 204 once it has let go.
async function settled(token, id, offset) {
  assert.equal((await waitOffset(token, id, offset)).offset, String(offset), 'the bytes that arrived are acknowledged');
  let r;
  await until(async () => (r = await patch(token, id, offset, new Uint8Array(0))).status !== 423);
  return r;
}

before(async () => {
  s = await startServer('evupload', { env: { ZHIFA_MAX_UPLOAD: String(MAX_UPLOAD) } });
  await seedRegions(s);
  A = await newAgency(s, { name: '西湖区综合行政执法局' });
  B = await newAgency(s, { name: '西湖区市场监督管理局' });
  offA = await userWithToken(s, 'up_off_a', 'officer', { agency: A.id });
  headA = await userWithToken(s, 'up_head_a', 'agency_head', { agency: A.id });
  offB = await userWithToken(s, 'up_off_b', 'officer', { agency: B.id });
  for (const n of [1, 2]) {
    const r = await s.api('POST', '/api/v1/officers', {
      agency_id: A.id, name: `续传员${n}`, id_number: idNumber(`33010619900202${String(n).padStart(3, '0')}`),
      cert_no: `ZJ-UP-${n}`, cert_issued: '2024-01-01',
    });
    assert.equal(r.status, 201, r.text);
    officers.push(r.body.id);
  }
});
after(async () => { await s.stop(); });

test('tus: create, three chunks, the last makes the evidence with SHA-256 and SM3 over the whole file', async () => {
  const bytes = randomBytes(300 * 1024);
  const c = await create(offA, bytes.length, {
    kind: 'audiovisual', filename: '现场照片.jpg', case_id: 'C-2026-UP-1', collectors: officers.join(','),
    sha256: sha256(bytes), filetype: 'image/jpeg',
  });
  assert.equal(c.status, 201, c.text);
  const id = c.body.id;
  assert.equal(c.headers.get('location'), `/api/v1/evidence-uploads/${id}`);
  assert.equal(c.headers.get('tus-resumable'), '1.0.0');
  assert.equal(c.headers.get('upload-offset'), '0');
  assert.match(c.headers.get('upload-expires'), /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/);
  assert.deepEqual([c.body.offset, c.body.length, c.body.evidence_id], [0, bytes.length, null]);
  const h0 = await head(offA, id);
  assert.deepEqual([h0.status, h0.offset, h0.length], [200, '0', String(bytes.length)]);
  assert.equal(h0.headers.get('cache-control'), 'no-store');

  const before = evidenceCount();
  const cuts = [0, 100 * 1024, 250 * 1024, bytes.length];
  for (let i = 0; i < 2; i++) {
    const r = await patch(offA, id, cuts[i], bytes.subarray(cuts[i], cuts[i + 1]));
    assert.equal(r.status, 204, r.text);
    assert.equal(r.headers.get('upload-offset'), String(cuts[i + 1]));
    assert.equal(evidenceCount(), before, 'no evidence before the last byte');
  }
  assert.equal((await head(headA, id)).offset, String(250 * 1024), 'a colleague of the same agency sees the upload');
  const last = await patch(offA, id, cuts[2], bytes.subarray(cuts[2]));
  assert.equal(last.status, 201, last.text);
  assert.equal(last.headers.get('upload-offset'), String(bytes.length));
  assert.equal(last.headers.get('location'), `/api/v1/evidence/${last.body.id}`);
  assert.equal(last.body.sha256, sha256(bytes));
  assert.equal(last.body.sm3, sm3(bytes));
  assert.equal(last.body.size, bytes.length);
  assert.equal(last.body.filename, '现场照片.jpg');
  assert.equal(last.body.case_id, 'C-2026-UP-1');
  assert.equal(last.body.declared_type, 'image/jpeg');
  assert.deepEqual(last.body.collectors, officers);
  assert.equal(evidenceCount(), before + 1);
  assert.deepEqual(tmpFiles(), [], 'the partial file became the blob');
  const got = await fetch(`${s.url}/api/v1/evidence/${last.body.id}/content`, { headers: { Authorization: `Bearer ${offA}` } });
  assert.ok(Buffer.from(await got.arrayBuffer()).equals(bytes));
  // a phone whose last answer was lost learns its evidence from the upload
  const g = await call(s, 'GET', `/api/v1/evidence-uploads/${id}`, undefined, { token: offA });
  assert.equal(g.body.evidence_id, last.body.id);
  assert.equal(g.body.offset, bytes.length);
  assert.equal(g.headers.get('location'), `/api/v1/evidence/${last.body.id}`);
  const again = await patch(offA, id, bytes.length, Buffer.alloc(0));
  assert.equal(again.status, 409);
  assert.equal(again.body.code, 'upload_complete');
  const custody = await call(s, 'GET', `/api/v1/evidence/${last.body.id}/custody`, undefined, { token: offA });
  assert.equal(custody.body.items[0].action, 'evidence.create', 'the creation is in the ledger');
  assert.equal(custody.body.items[0].actor, 'up_off_a');
});

test('tus: a chunk cut off by the network keeps what arrived; the phone resumes from HEAD', async () => {
  const bytes = randomBytes(200 * 1024);
  const c = await create(offA, bytes.length, { kind: 'electronic', filename: 'cut.bin' });
  assert.equal(c.status, 201, c.text);
  const id = c.body.id;
  await cutPatch(offA, id, 0, bytes.subarray(0, 70 * 1024), bytes.length);
  const h = await waitOffset(offA, id, 70 * 1024);
  assert.equal(h.offset, String(70 * 1024), 'the bytes that arrived are kept');
  const stale = await patch(offA, id, 0, bytes);
  assert.equal(stale.status, 409, 'a retry from 0 is refused with the offset to resume from');
  assert.equal(stale.body.code, 'upload_offset_mismatch');
  assert.equal(stale.headers.get('upload-offset'), String(70 * 1024));
  const r = await patch(offA, id, 70 * 1024, bytes.subarray(70 * 1024));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.sha256, sha256(bytes));
  assert.equal(r.body.sm3, sm3(bytes));
});

test('tus: PATCHes cut at random points (FIN mid-chunk, RST) keep exactly what arrived and let go of the upload at once; the rest completes it', async () => {
  const bytes = randomBytes(MAX_UPLOAD);
  const c = await create(offA, bytes.length, { kind: 'audiovisual', filename: 'cuts.mp4', sha256: sha256(bytes) });
  assert.equal(c.status, 201, c.text);
  const id = c.body.id;
  const n = evidenceCount();
  let at = 0;
  for (let i = 0; i < 25; i++) {
    const k = 1 + Math.floor(Math.random() * 150 * 1024);
    // a FIN behind bytes still in flight, or an RST once they are all in
    const reset = i % 4 === 3;
    await cutPatch(offA, id, at, bytes.subarray(at, at + k), bytes.length - at, { reset, inFlight: !reset });
    at += k;
    const probe = await settled(offA, id, at);
    assert.equal(probe.status, 204, `cut ${i}: ${probe.status} ${probe.text}`);
    assert.equal(probe.headers.get('upload-offset'), String(at), `cut ${i}: the bytes that arrived are acknowledged`);
    assert.equal(evidenceCount(), n, 'a cut PATCH makes no evidence');
  }
  const r = await patch(offA, id, at, bytes.subarray(at));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.sha256, sha256(bytes));
  assert.equal(r.body.sm3, sm3(bytes));
  assert.ok(!tmpFiles().includes(`resumable-${id}`), 'the partial file became the evidence');
});

test('tus: a server killed mid-upload resumes after restart (the partial file is re-hashed)', async () => {
  const bytes = randomBytes(3 * 1024 * 1024 + 123);
  const c = await create(offA, bytes.length, { kind: 'audiovisual', filename: 'video.mp4', sha256: sha256(bytes) });
  const id = c.body.id;
  const half = 2 * 1024 * 1024;
  assert.equal((await patch(offA, id, 0, bytes.subarray(0, half))).status, 204);
  // bytes sent after the last acknowledged offset and not confirmed are dropped
  await cutPatch(offA, id, half, bytes.subarray(half, half + 1000), 5000, { hold: true }).then(async (req) => {
    await s.restart({ signal: 'SIGKILL' });
    req.destroy();
  });
  const h = await head(offA, id);
  assert.equal(h.status, 200);
  assert.ok(Number(h.offset) === half || Number(h.offset) === half + 1000, `offset ${h.offset}`);
  const r = await patch(offA, id, Number(h.offset), bytes.subarray(Number(h.offset)));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.sha256, sha256(bytes));
  assert.equal(r.body.sm3, sm3(bytes));
  assert.equal(r.body.size, bytes.length);
});

test('tus: two PATCHes at once on one upload: the second is 423 and writes nothing, a DELETE too', async () => {
  const bytes = randomBytes(64 * 1024);
  const c = await create(offA, bytes.length, { kind: 'electronic' });
  const id = c.body.id;
  const first = await cutPatch(offA, id, 0, bytes.subarray(0, 1000), bytes.length, { hold: true });
  const second = await patch(offA, id, 0, bytes.subarray(0, 2000));
  assert.equal(second.status, 423, second.text);
  assert.equal(second.body.code, 'upload_locked');
  const del = await call(s, 'DELETE', `/api/v1/evidence-uploads/${id}`, undefined, { token: headA, ...tus });
  assert.equal(del.status, 423, 'nor can it be ended under a writing PATCH');
  first.destroy();
  const h = await waitOffset(offA, id, 1000);
  assert.equal(h.offset, '1000', 'only the first PATCH wrote');
  const r = await patch(offA, id, 1000, bytes.subarray(1000));
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.sha256, sha256(bytes));
});

test('tus: a chunk past Upload-Length is 413 and nothing of it is kept', async () => {
  const bytes = randomBytes(10000);
  const c = await create(offA, bytes.length, { kind: 'electronic' });
  const id = c.body.id;
  assert.equal((await patch(offA, id, 0, bytes.subarray(0, 4000))).status, 204);
  const r = await patch(offA, id, 4000, randomBytes(6001));
  assert.equal(r.status, 413);
  assert.equal(r.body.code, 'upload_past_length');
  assert.equal((await head(offA, id)).offset, '4000');
  const ok = await patch(offA, id, 4000, bytes.subarray(4000));
  assert.equal(ok.status, 201, ok.text);
  assert.equal(ok.body.sha256, sha256(bytes));
});

test('tus: another agency\'s upload does not exist for it (404 on HEAD, PATCH, DELETE)', async () => {
  const c = await create(offA, 100, { kind: 'electronic' });
  const id = c.body.id;
  assert.equal((await head(offB, id)).status, 404);
  const p = await patch(offB, id, 0, randomBytes(100));
  assert.equal(p.status, 404);
  assert.equal(p.body.code, 'not_found');
  assert.equal((await call(s, 'DELETE', `/api/v1/evidence-uploads/${id}`, undefined, { token: offB })).status, 404);
  assert.equal((await head(offA, id)).offset, '0', 'untouched');
});

test('tus: an upload idle past its expiry is 410, and the next creation sweeps its row and file', async () => {
  const c = await create(offA, 5000, { kind: 'electronic' });
  const id = c.body.id;
  assert.equal((await patch(offA, id, 0, randomBytes(2000))).status, 204);
  assert.ok(tmpFiles().includes(`resumable-${id}`));
  s.sql(`UPDATE evidence_uploads SET expires_at = '2026-01-01T00:00:00.000Z' WHERE public_id = '${id}'`);
  assert.equal((await head(offA, id)).status, 410);
  const p = await patch(offA, id, 2000, randomBytes(3000));
  assert.equal(p.status, 410);
  assert.equal(p.body.code, 'upload_expired');
  assert.equal((await create(offA, 10, { kind: 'electronic' })).status, 201);
  assert.equal(s.sql(`SELECT count(*) FROM evidence_uploads WHERE public_id = '${id}'`).trim(), '0');
  assert.ok(!tmpFiles().includes(`resumable-${id}`), 'the partial file is gone');
});

test('tus: a declared digest that the bytes do not match: 400, no evidence, the upload and its bytes are gone', async () => {
  const bytes = randomBytes(5000);
  const c = await create(offA, bytes.length, { kind: 'electronic', sha256: sha256(randomBytes(10)) });
  const id = c.body.id;
  const store = join(s.dataDir, 'objects', 'sha256', sha256(bytes).slice(0, 2), sha256(bytes).slice(2, 4), sha256(bytes));
  const before = evidenceCount();
  const r = await patch(offA, id, 0, bytes);
  assert.equal(r.status, 400);
  assert.equal(r.body.code, 'digest_mismatch');
  assert.equal(evidenceCount(), before);
  assert.ok(!existsSync(store), 'nothing reached the store');
  assert.ok(!tmpFiles().includes(`resumable-${id}`));
  assert.equal((await head(offA, id)).status, 404);
});

test('tus: termination removes the partial bytes', async () => {
  const c = await create(offA, 5000, { kind: 'electronic' });
  const id = c.body.id;
  await patch(offA, id, 0, randomBytes(1000));
  const d = await call(s, 'DELETE', `/api/v1/evidence-uploads/${id}`, undefined, { token: offA, ...tus });
  assert.equal(d.status, 204);
  assert.equal((await head(offA, id)).status, 404);
  assert.ok(!tmpFiles().includes(`resumable-${id}`));
});

test('tus: bad creations and PATCHes are refused naming the header, and create nothing', async () => {
  const rows = () => s.sql('SELECT count(*) FROM evidence_uploads').trim();
  const n = rows();
  let r = await create(offA, MAX_UPLOAD + 1);
  assert.equal(r.status, 413);
  assert.equal(r.body.code, 'upload_too_large');
  assert.equal(r.headers.get('tus-max-size'), String(MAX_UPLOAD));
  r = await create(offA, 0);
  assert.equal(r.body.code, 'empty_upload');
  r = await call(s, 'POST', '/api/v1/evidence-uploads', undefined, { token: offA, ...tus, 'Upload-Metadata': meta({ kind: 'electronic' }) });
  assert.equal(r.status, 400);
  assert.equal(r.body.errors[0].field, 'Upload-Length');
  r = await create(offA, 10, { kind: 'electronic', colour: 'red' });
  assert.equal(r.status, 400);
  assert.equal(r.body.errors[0].field, 'Upload-Metadata');
  r = await create(offA, 10, { filename: 'x.bin' });
  assert.equal(r.status, 400);
  assert.equal(r.body.errors[0].field, 'kind');
  r = await create(offA, 10, { kind: 'electronic', collectors: officers[0] });
  assert.equal(r.status, 400, 'Art 42: two collectors at least, checked when the upload starts');
  assert.equal(r.body.errors[0].field, 'collectors');
  r = await create(offA, 10, { kind: 'electronic', sha256: 'abc' });
  assert.equal(r.body.errors[0].field, 'sha256');
  r = await create(offA, 10, { kind: 'electronic' }, { 'Tus-Resumable': '0.2.2' });
  assert.equal(r.status, 412);
  assert.equal(r.headers.get('tus-version'), '1.0.0');
  r = await create(offB.replace(/./, 'x'), 10);
  assert.equal(r.status, 401);
  assert.equal(rows(), n, 'no upload was created');
  const c = await create(offA, 10, { kind: 'electronic' });
  r = await call(s, 'PATCH', `/api/v1/evidence-uploads/${c.body.id}`, 'abc', { token: offA, type: 'application/octet-stream', 'Upload-Offset': '0' });
  assert.equal(r.status, 415);
  r = await patch(offA, c.body.id, 'x', 'abc');
  assert.equal(r.body.errors[0].field, 'Upload-Offset');
  assert.equal((await head(offA, c.body.id)).offset, '0');
});

test('tus: the auditor (read-only) may not start an upload', async () => {
  const audit = await userWithToken(s, 'up_audit', 'auditor', { region: '330106' });
  const r = await create(audit, 10, { kind: 'electronic' });
  assert.equal(r.status, 403);
});

test('tus: nothing half-stored is ever listed: uploads in progress are not evidence', async () => {
  const c = await create(offA, 9000, { kind: 'electronic', filename: 'half.bin' });
  await patch(offA, c.body.id, 0, randomBytes(4500));
  const list = await call(s, 'GET', '/api/v1/evidence?limit=500', undefined, { token: offA });
  assert.ok(!list.body.items.some((e) => e.filename === 'half.bin'));
  assert.ok(readFileSync(join(s.dataDir, 'objects', 'tmp', `resumable-${c.body.id}`)).length === 4500);
});
