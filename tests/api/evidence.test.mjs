// The online evidence center (网上证据中心, issue 5): streaming upload into the
// content-addressed store, digests, ranges, custody, sharing (条例 Art 18),
// preservation (行政处罚法 Art 56), the court package and the verifiers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync, chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { execFileSync, spawnSync } from 'node:child_process';
import { startServer, call, seedRegions, newAgency, idNumber, userWithToken, BIN, ROOT } from './lib.mjs';

const MAX_UPLOAD = 8 * 1024 * 1024;
let s, A, B, offA, headA, offB, audit;
let officers = [];
const tmpDirs = [];

const sha256 = (b) => createHash('sha256').update(b).digest('hex');
const sm3 = (b) => createHash('sm3').update(b).digest('hex');

function sql(stmt) {
  const url = s.db.url;
  if (url.startsWith('sqlite:')) return execFileSync('sqlite3', [url.slice(7), stmt], { encoding: 'utf8' });
  return execFileSync('psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', url, '-c', stmt], { encoding: 'utf8' });
}

// Every file under objects/ (the store and its temporary directory), relative.
function storeFiles(sub = '') {
  const root = join(s.dataDir, 'objects', sub);
  const out = [];
  const walk = (d) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else out.push(join(d, e.name).slice(root.length + 1));
    }
  };
  walk(root);
  return out.sort();
}

const upload = (token, bytes, query = 'kind=electronic', headers = {}) =>
  call(s, 'POST', `/api/v1/evidence?${query}`, bytes, { token, type: 'application/octet-stream', ...headers });

async function evidenceCount() {
  return Number(sql('SELECT count(*) FROM evidence').trim());
}

before(async () => {
  s = await startServer('evidence', { env: { ZHIFA_MAX_UPLOAD: String(MAX_UPLOAD) } });
  await seedRegions(s);
  A = await newAgency(s, { name: '西湖区综合行政执法局' });
  B = await newAgency(s, { name: '西湖区市场监督管理局' });
  offA = await userWithToken(s, 'ev_off_a', 'officer', { agency: A.id });
  headA = await userWithToken(s, 'ev_head_a', 'agency_head', { agency: A.id });
  offB = await userWithToken(s, 'ev_off_b', 'officer', { agency: B.id });
  audit = await userWithToken(s, 'ev_audit', 'auditor', { region: '330106' });
  const mk = async (agency, n, extra = {}) => {
    const r = await s.api('POST', '/api/v1/officers', {
      agency_id: agency, name: `证据员${n}`, id_number: idNumber(`33010619900101${String(n).padStart(3, '0')}`),
      cert_no: `ZJ-EV-${n}`, cert_issued: '2024-01-01', ...extra,
    });
    assert.equal(r.status, 201, r.text);
    return r.body.id;
  };
  officers = [await mk(A.id, 1), await mk(A.id, 2), await mk(B.id, 3), await mk(A.id, 4, { status: 'suspended' })];
});
after(async () => {
  await s.stop();
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
});

test('upload: 201 with id, digest sha256:<hex>, sm3 and size as node computes them; stored at its content address', async () => {
  const bytes = randomBytes(4096);
  const r = await upload(offA, bytes, 'kind=electronic&filename=site.bin&case_id=C-2026-001');
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.digest, `sha256:${sha256(bytes)}`);
  assert.equal(r.body.sm3, sm3(bytes));
  assert.equal(r.body.size, 4096);
  assert.match(r.body.id, /^[0-9a-f-]{36}$/);
  assert.equal(r.headers.get('location'), `/api/v1/evidence/${r.body.id}`);
  assert.equal(r.body.agency_id, A.id);
  assert.equal(r.body.kind, 'electronic');
  assert.equal(r.body.created_by, 'ev_off_a');
  const hex = sha256(bytes);
  const file = join(s.dataDir, 'objects', 'sha256', hex.slice(0, 2), hex.slice(2, 4), hex);
  assert.ok(readFileSync(file).equals(bytes), 'the blob is at objects/sha256/aa/bb/hex');
  assert.deepEqual(storeFiles('tmp'), [], 'no temporary file is left');
  const meta = await call(s, 'GET', `/api/v1/evidence/${r.body.id}`, undefined, { token: offA });
  assert.equal(meta.status, 200);
  assert.equal(meta.body.sha256, hex);
  assert.equal(meta.body.filename, 'site.bin');
  assert.equal(meta.body.case_id, 'C-2026-001');
});

test('upload: a 5 MB photo twice is stored once, as two evidence records', async () => {
  const bytes = Buffer.concat([Buffer.from('\xff\xd8\xff\xe0\x00\x10JFIF\x00', 'latin1'), randomBytes(5 * 1024 * 1024)]);
  const before = storeFiles('sha256').length;
  const a = await upload(offA, bytes, 'kind=audiovisual&filename=photo.jpg', { type: 'image/jpeg' });
  const b = await upload(headA, bytes, 'kind=physical&filename=photo-again.jpg', { type: 'image/jpeg' });
  assert.equal(a.status, 201, a.text);
  assert.equal(b.status, 201, b.text);
  assert.notEqual(a.body.id, b.body.id);
  assert.equal(a.body.digest, `sha256:${sha256(bytes)}`);
  assert.equal(b.body.digest, a.body.digest);
  assert.equal(a.body.sm3, sm3(bytes));
  assert.equal(a.body.size, bytes.length);
  assert.equal(a.body.media_type, 'image/jpeg', 'the type is sniffed from the bytes');
  assert.equal(storeFiles('sha256').length, before + 1, 'identical bytes are one file');
  const got = await fetch(`${s.url}/api/v1/evidence/${a.body.id}/content`, { headers: { Authorization: `Bearer ${offA}` } });
  assert.equal(got.status, 200);
  assert.equal(got.headers.get('content-type'), 'image/jpeg');
  assert.ok(Buffer.from(await got.arrayBuffer()).equals(bytes));
});

test('upload: 20 concurrent 2 MB uploads all arrive whole, each with its own digest', async () => {
  const files = Array.from({ length: 20 }, () => randomBytes(2 * 1024 * 1024));
  const got = await Promise.all(files.map((b, i) => upload(i % 2 ? offA : headA, b, `kind=audiovisual&filename=c${i}.mp4`)));
  got.forEach((r, i) => {
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.sha256, sha256(files[i]));
    assert.equal(r.body.sm3, sm3(files[i]));
  });
  assert.deepEqual(storeFiles('tmp'), []);
});

test('upload: the sniffed type is kept beside the declared one (a PNG declared as PDF is served as PNG)', async () => {
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'), randomBytes(64)]);
  const r = await upload(offA, png, 'kind=documentary&filename=scan.pdf', { type: 'application/pdf' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.media_type, 'image/png');
  assert.equal(r.body.declared_type, 'application/pdf');
});

let rangeId;
const rangeBytes = randomBytes(1000);
test('download honours Range: first bytes, the middle, a suffix; 416 when unsatisfiable; several ranges give the whole file', async () => {
  const up = await upload(offA, rangeBytes, 'kind=electronic&filename=range.bin');
  assert.equal(up.status, 201, up.text);
  rangeId = up.body.id;
  const get = (range) => fetch(`${s.url}/api/v1/evidence/${rangeId}/content`, { headers: { Authorization: `Bearer ${offA}`, Range: range } });
  for (const [range, start, end] of [['bytes=0-9', 0, 9], ['bytes=100-199', 100, 199], ['bytes=-50', 950, 999], ['bytes=990-', 990, 999], ['bytes=995-5000', 995, 999]]) {
    const r = await get(range);
    assert.equal(r.status, 206, range);
    assert.equal(r.headers.get('content-range'), `bytes ${start}-${end}/1000`, range);
    assert.equal(r.headers.get('accept-ranges'), 'bytes');
    assert.ok(Buffer.from(await r.arrayBuffer()).equals(rangeBytes.subarray(start, end + 1)), range);
  }
  for (const range of ['bytes=1000-', 'bytes=5000-6000', 'bytes=-0']) {
    const r = await get(range);
    assert.equal(r.status, 416, range);
    assert.equal(r.headers.get('content-range'), 'bytes */1000');
    assert.equal((await r.json()).code, 'range_not_satisfiable');
  }
  const multi = await get('bytes=0-1,5-6');
  assert.equal(multi.status, 200);
  assert.ok(Buffer.from(await multi.arrayBuffer()).equals(rangeBytes));
  const full = await fetch(`${s.url}/api/v1/evidence/${rangeId}/content`, { headers: { Authorization: `Bearer ${offA}` } });
  assert.match(full.headers.get('content-disposition'), /^attachment; filename\*=UTF-8''range\.bin$/);
  assert.equal(full.headers.get('etag'), `"sha256:${sha256(rangeBytes)}"`);
});

test('refused uploads write nothing: unauthenticated 401, a role without evidence_write 403', async () => {
  const files = storeFiles();
  const n = await evidenceCount();
  const bytes = randomBytes(2048);
  const anon = await call(s, 'POST', '/api/v1/evidence?kind=electronic', bytes, { type: 'application/octet-stream' });
  assert.equal(anon.status, 401, anon.text);
  const auditor = await upload(audit, bytes);
  assert.equal(auditor.status, 403, auditor.text);
  assert.deepEqual(storeFiles(), files);
  assert.equal(await evidenceCount(), n);
  // a client that asks "Expect: 100-continue" is refused before it sends a byte
  const early = await new Promise((resolve, reject) => {
    const req = request(`${s.url}/api/v1/evidence?kind=electronic`, {
      method: 'POST', headers: { Expect: '100-continue', 'Content-Length': String(64 * 1024 * 1024), 'Content-Type': 'video/mp4' },
    }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode, continued }));
    });
    let continued = false;
    req.on('continue', () => { continued = true; req.destroy(); });
    req.on('error', (e) => (continued ? resolve({ continued }) : reject(e)));
  });
  assert.deepEqual(early, { status: 401, continued: false });
});

test('bad metadata is 400 before a byte is stored: wrong kind, no kind, traversal in the file name, a future collection time', async () => {
  const files = storeFiles();
  const n = await evidenceCount();
  for (const [q, field] of [
    ['kind=photo', 'kind'], ['case_id=C-1', 'kind'], ['kind=electronic&filename=../../etc/passwd', 'filename'],
    ['kind=electronic&filename=a%2Fb.jpg', 'filename'], ['kind=electronic&filename=..', 'filename'],
    ['kind=electronic&filename=a%5Cb', 'filename'], ['kind=electronic&collected_at=2999-01-01T00:00:00Z', 'collected_at'],
    ['kind=electronic&lat_e6=abc', 'lat_e6'], ['kind=electronic&lat_e6=91000000', 'lat_e6'],
  ]) {
    const r = await upload(offA, randomBytes(100), q);
    assert.equal(r.status, 400, `${q}: ${r.text}`);
    assert.ok(r.body.errors.some((e) => e.field === field), `${q} → ${r.text}`);
  }
  assert.deepEqual(storeFiles(), files);
  assert.equal(await evidenceCount(), n);
  const empty = await upload(offA, new Uint8Array(0));
  assert.equal(empty.status, 400);
  assert.equal(empty.body.code, 'empty_upload');
});

test('collectors (行政处罚法 Art 42): at least two distinct active officers of the owner agency', async () => {
  const [a1, a2, b3, a4] = officers;
  for (const list of [[a1], [a1, a1], [a1, b3], [a1, a4], [a1, '01234567-89ab-7def-8123-456789abcdef']]) {
    const r = await upload(offA, randomBytes(10), `kind=physical&collectors=${list.join(',')}`);
    assert.equal(r.status, 400, `${list}: ${r.text}`);
    assert.ok(r.body.errors.some((e) => e.field === 'collectors'), r.text);
  }
  const ok = await upload(offA, randomBytes(10), `kind=physical&collectors=${a1},${a2}&collected_at=2026-05-01T08:30:00Z&place_address=${encodeURIComponent('西湖区文三路 1 号')}&lat_e6=30276000&lng_e6=120130000&device=${encodeURIComponent('执法记录仪 DSJ-01')}`);
  assert.equal(ok.status, 201, ok.text);
  assert.deepEqual(ok.body.collectors, [a1, a2]);
  assert.equal(ok.body.place_address, '西湖区文三路 1 号');
  assert.equal(ok.body.lat_e6, 30276000);
});

test('oversize uploads are 413 with nothing left: declared too large, and streamed past the limit', async () => {
  const files = storeFiles();
  const n = await evidenceCount();
  const big = await upload(offA, new Uint8Array(MAX_UPLOAD + 1));
  assert.equal(big.status, 413, big.text.slice(0, 200));
  assert.equal(big.body.code, 'upload_too_large');
  // chunked, so no Content-Length warns the server: the cap stops it mid-stream
  const streamed = await new Promise((resolve, reject) => {
    const req = request(`${s.url}/api/v1/evidence?kind=electronic`, {
      method: 'POST', headers: { Authorization: `Bearer ${offA}`, 'Transfer-Encoding': 'chunked', 'Content-Type': 'video/mp4' },
    }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(body) }));
    });
    req.on('error', reject);
    const chunk = randomBytes(1024 * 1024);
    for (let i = 0; i < 10; i++) req.write(chunk);
    req.end();
  });
  assert.equal(streamed.status, 413);
  assert.equal(streamed.body.code, 'upload_too_large');
  assert.deepEqual(storeFiles(), files, 'no partial or temporary file');
  assert.equal(await evidenceCount(), n);
});

// Polls until cond() holds or `limit` ms have passed; returns how long it took (or
// Infinity). The limit is far below the server's 60 s connection timeout, so a pass
// means the server noticed the hang-up itself, not that the timeout reaped it.
async function until(cond, limit = 20000) {
  const t0 = Date.now();
  for (;;) {
    if (await cond()) return Date.now() - t0;
    if (Date.now() - t0 > limit) return Infinity;
    await new Promise((r) => setTimeout(r, 5));
  }
}

// Sends the headers of an upload declaring 4 MiB and `sent` bytes of its body on a raw
// socket, waits until the bytes are with the kernel and the server has opened the
// upload's temporary file, then hangs up (FIN, or RST when reset is set). Resolves
// with the temporary file's name.
async function cutUpload(sent, { reset = false } = {}) {
  const before = new Set(storeFiles('tmp'));
  const sock = connect(Number(new URL(s.url).port), '127.0.0.1');
  sock.on('error', () => {});
  await new Promise((r) => sock.once('connect', r));
  const head = `POST /api/v1/evidence?kind=audiovisual HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${offA}\r\n`
    + `Content-Type: video/mp4\r\nContent-Length: ${4 * 1024 * 1024}\r\n\r\n`;
  await new Promise((r) => sock.write(Buffer.concat([Buffer.from(head), randomBytes(sent)]), r));
  let mine;
  const began = await until(() => (mine = storeFiles('tmp').find((f) => !before.has(f))));
  assert.notEqual(began, Infinity, 'the upload streams into a temporary file');
  if (reset) sock.resetAndDestroy();
  else sock.destroy();
  return mine;
}

test('a client that disconnects mid-upload leaves no file and no record, and the server notices at once', async () => {
  const files = storeFiles();
  const n = await evidenceCount();
  const tmp = await cutUpload(1024 * 1024);
  const took = await until(() => !storeFiles('tmp').includes(tmp));
  assert.notEqual(took, Infinity, `the temporary file stays: ${storeFiles('tmp')}`);
  assert.deepEqual(storeFiles(), files, 'nothing of the cut upload is in the store');
  assert.equal(await evidenceCount(), n, 'no evidence row');
  const list = await call(s, 'GET', '/api/v1/evidence?limit=100', undefined, { token: offA });
  assert.equal(list.status, 200);
  assert.equal(list.body.items.filter((e) => e.kind === 'audiovisual' && e.size === 1024 * 1024).length, 0);
});

test('cut uploads at random points (FIN and RST, 0 bytes to 3 MiB) beside a whole one streamed meanwhile: each is cleaned up, the whole one is stored', async () => {
  const files = storeFiles();
  const n = await evidenceCount();
  const rounds = 30;
  const whole = randomBytes(rounds * 64 * 1024);

  const normal = request(`${s.url}/api/v1/evidence?kind=electronic&filename=whole.bin`, {
    method: 'POST', headers: { Authorization: `Bearer ${offA}`, 'Content-Length': String(whole.length), 'Content-Type': 'application/octet-stream' },
  });
  const done = new Promise((resolve, reject) => {
    normal.on('error', reject);
    normal.on('response', (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, body: JSON.parse(text) }));
    });
  });
  const chunk = (i) => new Promise((r) => normal.write(whole.subarray(i * 64 * 1024, (i + 1) * 64 * 1024), r));
  // the whole upload's temporary file exists before the first cut one is looked for
  const tmpBefore = storeFiles('tmp').length;
  await chunk(0);
  assert.notEqual(await until(() => storeFiles('tmp').length > tmpBefore), Infinity);
  for (let i = 0; i < rounds; i++) {
    if (i > 0) await chunk(i);
    const sent = [0, 1, 65535, 65536][i] ?? Math.floor(Math.random() * 3 * 1024 * 1024);
    const tmp = await cutUpload(sent, { reset: i % 3 === 2 });
    const took = await until(() => !storeFiles('tmp').includes(tmp));
    assert.notEqual(took, Infinity, `cut ${i} at ${sent} bytes: the temporary file stays`);
  }
  normal.end();
  const answer = await done;
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  assert.equal(answer.body.digest, `sha256:${sha256(whole)}`);
  assert.equal(await evidenceCount(), n + 1, 'only the whole upload is evidence');
  assert.equal(storeFiles('tmp').length, tmpBefore, 'no temporary file is left');
  const hex = sha256(whole);
  assert.deepEqual(storeFiles().filter((f) => !files.includes(f)), [`sha256/${hex.slice(0, 2)}/${hex.slice(2, 4)}/${hex}`]);
  const dl = await call(s, 'GET', `/api/v1/evidence/${answer.body.id}/content`, undefined, { token: offA });
  assert.equal(dl.status, 200);
});

test('a declared digest is checked: forged X-Content-SHA256 is 400 digest_mismatch with nothing stored; true ones are accepted', async () => {
  const files = storeFiles();
  const bytes = randomBytes(3000);
  const forged = await upload(offA, bytes, 'kind=electronic', { 'X-Content-SHA256': sha256(randomBytes(8)) });
  assert.equal(forged.status, 400, forged.text);
  assert.equal(forged.body.code, 'digest_mismatch');
  const forged2 = await upload(offA, bytes, 'kind=electronic', { Digest: `sha-256=${createHash('sha256').update('x').digest('base64')}` });
  assert.equal(forged2.body.code, 'digest_mismatch');
  assert.deepEqual(storeFiles(), files);
  const bad = await upload(offA, bytes, 'kind=electronic', { 'X-Content-SHA256': 'not-hex' });
  assert.equal(bad.status, 400);
  const ok = await upload(offA, bytes, 'kind=electronic', { 'X-Content-SHA256': sha256(bytes).toUpperCase() });
  assert.equal(ok.status, 201, ok.text);
  const ok2 = await upload(offA, bytes, 'kind=electronic', { Digest: `sha-256=${createHash('sha256').update(bytes).digest('base64')}` });
  assert.equal(ok2.status, 201, ok2.text);
});

let shared;
test('another agency sees nothing without a grant: 404 for metadata, content, custody; absent from its list', async () => {
  const up = await upload(offA, randomBytes(500), 'kind=witness&filename=statement.txt&case_id=C-A-7');
  assert.equal(up.status, 201);
  shared = up.body.id;
  for (const p of ['', '/content', '/custody', '/grants']) {
    const r = await call(s, 'GET', `/api/v1/evidence/${shared}${p}`, undefined, { token: offB });
    assert.equal(r.status, 404, `${p}: ${r.text}`);
  }
  const list = await call(s, 'GET', '/api/v1/evidence', undefined, { token: offB });
  assert.equal(list.status, 200);
  assert.ok(!list.body.items.some((e) => e.id === shared));
  const attach = await call(s, 'POST', `/api/v1/evidence/${shared}/attachments`, { case_id: 'C-B-1' }, { token: offB });
  assert.equal(attach.status, 404);
  // the region's auditor oversees agency A and may read
  const au = await call(s, 'GET', `/api/v1/evidence/${shared}`, undefined, { token: audit });
  assert.equal(au.status, 200, au.text);
});

let grantId;
test('sharing (条例 Art 18): grant → the grantee reads, downloads, sees provenance, attaches to its case → revoke → 404 again', async () => {
  const bad = await call(s, 'POST', `/api/v1/evidence/${shared}/grants`, { agency_id: A.id, purpose: 'x', until: '2020-01-01', extra: 1 }, { token: offA });
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body.errors.map((e) => e.field).sort(), ['agency_id', 'extra', 'until']);
  const byB = await call(s, 'POST', `/api/v1/evidence/${shared}/grants`, { agency_id: B.id, purpose: 'x', until: '2099-01-01' }, { token: offB });
  assert.equal(byB.status, 404, 'the grantee-to-be cannot grant itself');
  const g = await call(s, 'POST', `/api/v1/evidence/${shared}/grants`, { agency_id: B.id, purpose: '联合执法案件使用', until: '2099-12-31' }, { token: headA });
  assert.equal(g.status, 201, g.text);
  assert.equal(g.body.agency_id, B.id);
  assert.equal(g.body.evidence_id, shared);
  grantId = g.body.id;
  const meta = await call(s, 'GET', `/api/v1/evidence/${shared}`, undefined, { token: offB });
  assert.equal(meta.status, 200, meta.text);
  assert.equal(meta.body.agency_id, A.id, 'provenance: the collecting agency');
  assert.equal(meta.body.agency_name, '西湖区综合行政执法局');
  assert.match(meta.body.digest, /^sha256:[0-9a-f]{64}$/);
  assert.equal(meta.body.sealed, true);
  const dl = await call(s, 'GET', `/api/v1/evidence/${shared}/content`, undefined, { token: offB });
  assert.equal(dl.status, 200);
  const grants = await call(s, 'GET', `/api/v1/evidence/${shared}/grants`, undefined, { token: offB });
  assert.deepEqual(grants.body.items.map((x) => x.id), [grantId]);
  const att = await call(s, 'POST', `/api/v1/evidence/${shared}/attachments`, { case_id: 'C-B-1' }, { token: offB });
  assert.equal(att.status, 201, att.text);
  assert.equal(att.body.agency_id, B.id);
  const again = await call(s, 'POST', `/api/v1/evidence/${shared}/attachments`, { case_id: 'C-B-1' }, { token: offB });
  assert.equal(again.status, 409);
  const list = await call(s, 'GET', '/api/v1/evidence', undefined, { token: offB });
  assert.ok(list.body.items.some((e) => e.id === shared));
  // a sealed record's metadata no longer changes
  const patch = await call(s, 'PATCH', `/api/v1/evidence/${shared}`, { description: '改' }, { token: offA });
  assert.equal(patch.status, 409);
  assert.equal(patch.body.code, 'evidence_sealed');
  // the grantee's court package of its own case carries the shared evidence, verifiably
  const pkg = await fetch(`${s.url}/api/v1/evidence/export?case_id=C-B-1`, { headers: { Authorization: `Bearer ${offB}` } });
  assert.equal(pkg.status, 200);
  const pdir = mkdtempSync(join(tmpdir(), 'zhifa-ev-'));
  tmpDirs.push(pdir);
  writeFileSync(join(pdir, 'b.zip'), Buffer.from(await pkg.arrayBuffer()));
  const pv = spawnSync(BIN, ['evidence', 'verify-package', join(pdir, 'b.zip')], { encoding: 'utf8' });
  assert.equal(pv.status, 0, pv.stdout + pv.stderr);
  assert.match(execFileSync('unzip', ['-p', join(pdir, 'b.zip'), 'manifest.json'], { encoding: 'utf8' }), new RegExp(`"owner_agency_id": "${A.id}"`));
  const revokeByB = await call(s, 'DELETE', `/api/v1/evidence/${shared}/grants/${grantId}`, undefined, { token: offB });
  assert.equal(revokeByB.status, 403);
  const rv = await call(s, 'DELETE', `/api/v1/evidence/${shared}/grants/${grantId}`, undefined, { token: offA });
  assert.equal(rv.status, 200, rv.text);
  assert.ok(rv.body.revoked_at);
  const twice = await call(s, 'DELETE', `/api/v1/evidence/${shared}/grants/${grantId}`, undefined, { token: offA });
  assert.equal(twice.status, 409);
  for (const p of ['', '/content']) {
    const r = await call(s, 'GET', `/api/v1/evidence/${shared}${p}`, undefined, { token: offB });
    assert.equal(r.status, 404, p);
  }
  const after = await call(s, 'GET', '/api/v1/evidence/export?case_id=C-B-1', undefined, { token: offB });
  assert.equal(after.status, 404, 'a revoked grant leaves nothing to export');
});

test('PATCH describes unsealed evidence of the own agency only', async () => {
  const up = await upload(offA, randomBytes(64), 'kind=documentary');
  const p = await call(s, 'PATCH', `/api/v1/evidence/${up.body.id}`, { description: '营业执照复印件', case_id: 'C-2026-009', kind: 'physical' }, { token: offA });
  assert.equal(p.status, 400, 'the kind is fixed at upload');
  const ok = await call(s, 'PATCH', `/api/v1/evidence/${up.body.id}`, { description: '营业执照复印件', case_id: 'C-2026-009' }, { token: offA });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.description, '营业执照复印件');
  const ro = await call(s, 'PATCH', `/api/v1/evidence/${up.body.id}`, { sha256: '00' }, { token: offA });
  assert.equal(ro.status, 400);
  const other = await call(s, 'PATCH', `/api/v1/evidence/${up.body.id}`, { description: 'x' }, { token: offB });
  assert.equal(other.status, 404);
});

test('custody lists every view, download, share, attachment and revocation, with the acting agency', async () => {
  const r = await call(s, 'GET', `/api/v1/evidence/${shared}/custody`, undefined, { token: offA });
  assert.equal(r.status, 200, r.text);
  const actions = r.body.items.map((e) => e.action);
  assert.deepEqual(actions, ['evidence.create', 'evidence.view', 'evidence_grant.create', 'evidence.view',
    'evidence.download', 'evidence_attachment.create', 'evidence.export', 'evidence_grant.revoke']);
  assert.equal(r.body.items[1].actor, 'ev_audit');
  assert.deepEqual(r.body.items.slice(3, 7).map((e) => e.agency_id), [B.id, B.id, B.id, B.id]);
  assert.equal(r.body.items[3].agency_name, '西湖区市场监督管理局');
  const idx = r.body.items.map((e) => e.index);
  assert.deepEqual(idx, [...idx].sort((a, b) => a - b));
  const page = await call(s, 'GET', `/api/v1/evidence/${shared}/custody?limit=3`, undefined, { token: offA });
  assert.equal(page.body.items.length, 3);
  const rest = await call(s, 'GET', `/api/v1/evidence/${shared}/custody?cursor=${page.body.next_cursor}`, undefined, { token: offA });
  assert.deepEqual([...page.body.items, ...rest.body.items].map((e) => e.index), idx);
  // views of the custody history are not themselves custody events
  const again = await call(s, 'GET', `/api/v1/evidence/${shared}/custody`, undefined, { token: offA });
  assert.equal(again.body.items.length, idx.length);
  // some of these entries in the per-object index and some not yet (SQLite indexes
  // each block of 1,000 entries when it completes; PostgreSQL at once): each listed once
  sql(`UPDATE ledger_entries SET obj_indexed = 1 WHERE seq <= ${idx[3]}`);
  const mixed = await call(s, 'GET', `/api/v1/evidence/${shared}/custody`, undefined, { token: offA });
  assert.deepEqual(mixed.body.items.map((e) => e.index), idx);
});

test('an expired grant stops working', async () => {
  const up = await upload(offA, randomBytes(77), 'kind=electronic');
  const g = await call(s, 'POST', `/api/v1/evidence/${up.body.id}/grants`, { agency_id: B.id, purpose: '临时', until: '2099-01-01' }, { token: offA });
  assert.equal(g.status, 201);
  assert.equal((await call(s, 'GET', `/api/v1/evidence/${up.body.id}`, undefined, { token: offB })).status, 200);
  sql(`UPDATE evidence_grants SET until = '2020-01-01' WHERE public_id = '${g.body.id}'`);
  assert.equal((await call(s, 'GET', `/api/v1/evidence/${up.body.id}`, undefined, { token: offB })).status, 404);
  assert.equal((await call(s, 'GET', `/api/v1/evidence/${up.body.id}/content`, undefined, { token: offB })).status, 404);
  sql(`UPDATE evidence_grants SET until = '2099-01-01' WHERE public_id = '${g.body.id}'`); // keep the ledger true
});

test('preservation (行政处罚法 Art 56): the disposal decision is due 7 working days later, across National Day', async () => {
  const up = await upload(offA, randomBytes(99), 'kind=physical');
  const id = up.body.id;
  const future = await call(s, 'POST', `/api/v1/evidence/${id}/preservation`, { decided_on: '2999-01-01', approved_by: '王局长' }, { token: offA });
  assert.equal(future.status, 400);
  const missing = await call(s, 'POST', `/api/v1/evidence/${id}/preservation`, { decided_on: '2026-09-30' }, { token: offA });
  assert.equal(missing.status, 400);
  assert.ok(missing.body.errors.some((e) => e.field === 'approved_by'));
  const byB = await call(s, 'POST', `/api/v1/evidence/${id}/preservation`, { decided_on: '2026-09-30', approved_by: '王局长' }, { token: offB });
  assert.equal(byB.status, 404);
  const p = await call(s, 'POST', `/api/v1/evidence/${id}/preservation`, { decided_on: '2026-09-30', approved_by: '王局长' }, { token: offA });
  assert.equal(p.status, 201, p.text);
  assert.equal(p.body.due_on, '2026-10-15'); // 10-01..07 holiday, 10-10 worked
  assert.equal(p.body.provisional, false);
  const twice = await call(s, 'POST', `/api/v1/evidence/${id}/preservation`, { decided_on: '2026-09-30', approved_by: '王局长' }, { token: offA });
  assert.equal(twice.status, 409);
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const p2 = await call(s, 'POST', `/api/v1/evidence/${(await upload(offA, randomBytes(98), 'kind=physical')).body.id}/preservation`, { decided_on: today, approved_by: '王局长' }, { token: headA });
  assert.equal(p2.status, 201, p2.text);
  assert.equal(p2.body.overdue, false);
  const overdue = await call(s, 'GET', '/api/v1/evidence/preservations?overdue=true', undefined, { token: offA });
  assert.equal(overdue.status, 200, overdue.text);
  const expectOverdue = today > '2026-10-15';
  assert.deepEqual(overdue.body.items.map((x) => x.id), expectOverdue ? [p.body.id] : []);
  const all = await call(s, 'GET', '/api/v1/evidence/preservations', undefined, { token: offA });
  assert.deepEqual(all.body.items.map((x) => x.id).sort(), [p.body.id, p2.body.id].sort());
  const none = await call(s, 'GET', '/api/v1/evidence/preservations', undefined, { token: offB });
  assert.deepEqual(none.body.items, []);
  const bad = await call(s, 'GET', '/api/v1/evidence/preservations?overdue=maybe', undefined, { token: offA });
  assert.equal(bad.status, 400);
});

function tmp() {
  const d = mkdtempSync(join(tmpdir(), 'zhifa-ev-'));
  tmpDirs.push(d);
  return d;
}

test('court package: files, manifest, proofs and checkpoint verify offline; tampering fails', async () => {
  const case1 = 'C-EXPORT-1';
  const x = randomBytes(2000);
  const y = Buffer.from('现场检查笔录：当事人在场。\n');
  const e1 = await upload(offA, x, `kind=electronic&case_id=${case1}&filename=${encodeURIComponent('监控录像.bin')}`);
  const e2 = await upload(offA, y, 'kind=inspection_record&filename=record.txt', { type: 'text/plain' });
  assert.equal((await call(s, 'POST', `/api/v1/evidence/${e2.body.id}/attachments`, { case_id: case1 }, { token: offA })).status, 201);
  const none = await call(s, 'GET', '/api/v1/evidence/export?case_id=NO-SUCH', undefined, { token: offA });
  assert.equal(none.status, 404);
  const r = await fetch(`${s.url}/api/v1/evidence/export?case_id=${case1}`, { headers: { Authorization: `Bearer ${offA}` } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/zip');
  const dir = tmp();
  const zip = join(dir, 'package.zip');
  writeFileSync(zip, Buffer.from(await r.arrayBuffer()));
  const ok = spawnSync(BIN, ['evidence', 'verify-package', zip], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /^ok: 2 evidence files/);
  // standard tools: unzip, sha256sum
  const out = join(dir, 'x');
  execFileSync('unzip', ['-q', zip, '-d', out]);
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
  assert.equal(manifest.case_id, case1);
  assert.deepEqual(manifest.items.map((i) => i.id).sort(), [e1.body.id, e2.body.id].sort());
  for (const it of manifest.items) {
    const bytes = readFileSync(join(out, it.path));
    assert.equal(sha256(bytes), it.sha256);
    assert.equal(sm3(bytes), it.sm3);
    assert.equal(it.ledger_index, it.created.index);
    assert.equal(JSON.parse(it.exported.state).sha256, it.sha256);
  }
  assert.match(readFileSync(join(out, 'checkpoint.txt'), 'utf8'), /^zhifa\.ledger\/[^\n]+\n\d+\n/);
  // the documented procedure (docs/court-export.md): the standard-library script and openssl
  const py = spawnSync('python3', [join(ROOT, 'scripts', 'verify-evidence-package.py'), out], { encoding: 'utf8' });
  assert.equal(py.status, 0, py.stdout + py.stderr);
  const sig = spawnSync('bash', ['-c', `set -e; cd "$1"; VKEY=$(cat verifier-key.txt); KEY64=$(printf '%s' "$VKEY" | cut -d+ -f3-)
    head -n -2 checkpoint.txt > ../body.txt; tail -n 1 checkpoint.txt | cut -d' ' -f3 | base64 -d | tail -c +5 > ../sig.bin
    { printf '\\x30\\x2a\\x30\\x05\\x06\\x03\\x2b\\x65\\x70\\x03\\x21\\x00'; printf '%s' "$KEY64" | base64 -d | tail -c +2; } > ../pub.der
    openssl pkeyutl -verify -pubin -keyform DER -inkey ../pub.der -rawin -in ../body.txt -sigfile ../sig.bin`, 'bash', out], { encoding: 'utf8' });
  assert.equal(sig.status, 0, sig.stdout + sig.stderr);
  assert.match(sig.stdout, /Signature Verified Successfully/);
  // the export is a custody event of each piece
  const cust = await call(s, 'GET', `/api/v1/evidence/${e2.body.id}/custody`, undefined, { token: offA });
  assert.equal(cust.body.items.at(-1).action, 'evidence.export');
  // tampering: a changed byte in a packed file; a manifest that lies about a digest
  const bad = readFileSync(zip);
  const at = bad.indexOf(Buffer.from('现场检查笔录'));
  assert.ok(at > 0);
  bad[at + 3] ^= 1;
  writeFileSync(join(dir, 'bad1.zip'), bad);
  const f1 = spawnSync(BIN, ['evidence', 'verify-package', join(dir, 'bad1.zip')], { encoding: 'utf8' });
  assert.equal(f1.status, 1, f1.stdout + f1.stderr);
  assert.match(f1.stdout, /^FAILED: files\//);
  const it = manifest.items.find((i) => i.id === e2.body.id);
  writeFileSync(join(out, it.path), 'forged record\n');
  it.sha256 = sha256(Buffer.from('forged record\n'));
  it.sm3 = sm3(Buffer.from('forged record\n'));
  it.size = 14;
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest));
  execFileSync('zip', ['-q', '-r', join(dir, 'bad2.zip'), '.'], { cwd: out });
  const f2 = spawnSync(BIN, ['evidence', 'verify-package', join(dir, 'bad2.zip')], { encoding: 'utf8' });
  assert.equal(f2.status, 1, f2.stdout + f2.stderr);
  assert.match(f2.stdout, /FAILED: evidence .* does not carry the manifest's digests/);
  const py2 = spawnSync('python3', [join(ROOT, 'scripts', 'verify-evidence-package.py'), out], { encoding: 'utf8' });
  assert.equal(py2.status, 1, py2.stdout + py2.stderr);
  assert.match(py2.stdout, /ledger commits to other digests/);
});

test('zhifa ledger verify holds after every custody entry', () => {
  const r = spawnSync(BIN, ['ledger', 'verify', '--db', s.db.url], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
});

test('zhifa evidence verify passes, then names the evidence whose stored file lost a bit; that file is no longer served whole', async () => {
  const ok = spawnSync(BIN, ['evidence', 'verify', '--db', s.db.url, '--data-dir', s.dataDir], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
  assert.match(ok.stdout, /^ok: \d+ evidence files/);
  const hex = sha256(rangeBytes);
  const file = join(s.dataDir, 'objects', 'sha256', hex.slice(0, 2), hex.slice(2, 4), hex);
  assert.equal(statSync(file).mode & 0o222, 0, 'stored blobs are read-only');
  chmodSync(file, 0o600);
  const b = readFileSync(file);
  b[500] ^= 0x01;
  writeFileSync(file, b);
  const bad = spawnSync(BIN, ['evidence', 'verify', '--db', s.db.url, '--data-dir', s.dataDir], { encoding: 'utf8' });
  assert.equal(bad.status, 1, bad.stdout + bad.stderr);
  assert.match(bad.stdout, new RegExp(`FAILED: evidence ${rangeId} \\(range\\.bin\\): stored file no longer matches its digest`));
  // a range is served as stored; a full read is re-hashed on the way out and broken off
  const part = await fetch(`${s.url}/api/v1/evidence/${rangeId}/content`, { headers: { Authorization: `Bearer ${offA}`, Range: 'bytes=0-9' } });
  assert.equal(part.status, 206);
  await part.arrayBuffer();
  const full = await call(s, 'GET', `/api/v1/evidence/${rangeId}/content`, undefined, { token: offA });
  assert.equal(full.status, 500);
  assert.equal(full.body.code, 'evidence_corrupt');
  // a large file is re-hashed while it streams out and broken off before its end
  const large = randomBytes(3 * 1024 * 1024);
  const up = await upload(offA, large, 'kind=audiovisual&filename=large.mp4');
  const lh = sha256(large);
  const lf = join(s.dataDir, 'objects', 'sha256', lh.slice(0, 2), lh.slice(2, 4), lh);
  chmodSync(lf, 0o600);
  const lb = readFileSync(lf);
  lb[1000] ^= 0x80;
  writeFileSync(lf, lb);
  const stream = await fetch(`${s.url}/api/v1/evidence/${up.body.id}/content`, { headers: { Authorization: `Bearer ${offA}` } });
  assert.equal(stream.status, 200);
  await assert.rejects(stream.arrayBuffer(), 'the client never gets a complete, wrong file');
  const missing = join(s.dataDir, 'objects', 'sha256', hex.slice(0, 2), hex.slice(2, 4), hex);
  rmSync(missing);
  const gone = spawnSync(BIN, ['evidence', 'verify', '--db', s.db.url, '--data-dir', s.dataDir], { encoding: 'utf8' });
  assert.equal(gone.status, 1);
  assert.match(gone.stdout, /stored file is missing/);
});
