// Thumbnails of image evidence (issue 5): JPEG and PNG through gdk-pixbuf, the EXIF
// orientation of a phone photo applied, decompression bombs refused before a pixel is
// decoded, cached by the original's content address, the content's access rules, and
// no custody entry (a preview is not the evidence).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { deflateSync, crc32 } from 'node:zlib';
import { join } from 'node:path';
import { startServer, call, seedRegions, newAgency, userWithToken, ROOT } from './lib.mjs';

let s, A, B, offA, headA, offB;
const sha256 = (b) => createHash('sha256').update(b).digest('hex');
const SCENE = readFileSync(join(ROOT, 'tests', 'api', 'fixtures', 'scene-640x480.jpg'));

// A PNG of w×h (RGBA when alpha) whose pixels px(x, y) gives; IHDR may claim other
// dimensions (claimW×claimH) than the rows it carries: a decompression bomb.
function png(w, h, px, { alpha = false, claimW = w, claimH = h } = {}) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(claimW, 0);
  ihdr.writeUInt32BE(claimH, 4);
  ihdr[8] = 8;
  ihdr[9] = alpha ? 6 : 2;
  const bpp = alpha ? 4 : 3;
  const rows = [];
  for (let y = 0; y < h; y++) {
    const row = Buffer.alloc(1 + w * bpp);
    for (let x = 0; x < w; x++) Buffer.from(px(x, y)).copy(row, 1 + x * bpp, 0, bpp);
    rows.push(row);
  }
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}

// The frame size of a JPEG (SOF0..SOF2).
function jpegSize(b) {
  assert.equal(b.readUInt16BE(0), 0xffd8, 'a JPEG');
  for (let i = 2; i < b.length;) {
    const m = b.readUInt16BE(i);
    if (m >= 0xffc0 && m <= 0xffc2) return { h: b.readUInt16BE(i + 5), w: b.readUInt16BE(i + 7) };
    i += 2 + b.readUInt16BE(i + 2);
  }
  throw new Error('no frame header');
}

// The JPEG with an EXIF APP1 saying "rotate 90° clockwise to view" (orientation 6),
// as phones store portrait photos.
function withOrientation(jpeg, o) {
  const tiff = Buffer.from([0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, o, 0, 0, 0, 0, 0, 0, 0, 0]);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), app1, body, jpeg.subarray(2)]);
}

// The JPEG with its frame header claiming w×h.
function jpegClaiming(jpeg, w, h) {
  const b = Buffer.from(jpeg);
  for (let i = 2; i < b.length;) {
    const m = b.readUInt16BE(i);
    if (m >= 0xffc0 && m <= 0xffc2) {
      b.writeUInt16BE(h, i + 5);
      b.writeUInt16BE(w, i + 7);
      return b;
    }
    i += 2 + b.readUInt16BE(i + 2);
  }
  throw new Error('no frame header');
}

const upload = async (token, bytes, query = 'kind=audiovisual') => {
  const r = await call(s, 'POST', `/api/v1/evidence?${query}`, bytes, { token, type: 'application/octet-stream' });
  assert.equal(r.status, 201, r.text);
  return r.body;
};
const thumb = async (token, id) => {
  const r = await fetch(`${s.url}/api/v1/evidence/${id}/thumbnail`, { headers: { Authorization: `Bearer ${token}` } });
  const body = Buffer.from(await r.arrayBuffer());
  return { status: r.status, type: r.headers.get('content-type'), etag: r.headers.get('etag'), body, json: () => JSON.parse(body.toString()) };
};
const ledgerCount = () => Number(s.sql('SELECT count(*) FROM ledger_entries').trim());

before(async () => {
  s = await startServer('evthumb');
  await seedRegions(s);
  A = await newAgency(s, { name: '西湖区综合行政执法局' });
  B = await newAgency(s, { name: '西湖区市场监督管理局' });
  offA = await userWithToken(s, 'th_off_a', 'officer', { agency: A.id });
  headA = await userWithToken(s, 'th_head_a', 'agency_head', { agency: A.id });
  offB = await userWithToken(s, 'th_off_b', 'officer', { agency: B.id });
});
after(async () => { await s.stop(); });

test('thumbnail: a 640×480 JPEG becomes a 256×192 JPEG, cached by the original\'s SHA-256, without a custody entry', async () => {
  const ev = await upload(offA, SCENE, 'kind=audiovisual&filename=scene.jpg');
  assert.equal(ev.media_type, 'image/jpeg');
  const before = ledgerCount();
  const t = await thumb(offA, ev.id);
  assert.equal(t.status, 200, t.body.toString());
  assert.equal(t.type, 'image/jpeg');
  assert.deepEqual(jpegSize(t.body), { w: 256, h: 192 });
  assert.equal(t.etag, `"sha256:${sha256(SCENE)}-thumb256.jpg"`);
  const hex = sha256(SCENE);
  const cached = join(s.dataDir, 'objects', 'derived', hex.slice(0, 2), hex.slice(2, 4), `${hex}-thumb256.jpg`);
  assert.ok(readFileSync(cached).equals(t.body), 'cached under the original\'s content address');
  const again = await thumb(offA, ev.id);
  assert.ok(again.body.equals(t.body));
  assert.equal(ledgerCount(), before, 'a thumbnail is not a custody event');
});

test('thumbnail: a phone\'s portrait photo (EXIF orientation 6) is shown upright: 192×256', async () => {
  const ev = await upload(offA, withOrientation(SCENE, 6), 'kind=audiovisual&filename=portrait.jpg');
  const t = await thumb(offA, ev.id);
  assert.equal(t.status, 200);
  assert.deepEqual(jpegSize(t.body), { w: 192, h: 256 });
});

test('thumbnail: a PNG with transparency, and a small one kept at its size', async () => {
  const big = png(600, 300, (x, y) => [x % 256, y % 256, 128, x < 300 ? 0 : 255], { alpha: true });
  const ev = await upload(offA, big, 'kind=documentary&filename=scan.png');
  assert.equal(ev.media_type, 'image/png');
  const t = await thumb(offA, ev.id);
  assert.equal(t.status, 200, t.body.toString());
  assert.deepEqual(jpegSize(t.body), { w: 256, h: 128 });
  const small = await upload(offA, png(40, 30, (x) => [x * 6, 0, 0]), 'kind=documentary&filename=icon.png');
  const ts = await thumb(offA, small.id);
  assert.deepEqual(jpegSize(ts.body), { w: 40, h: 30 });
});

test('thumbnail: decompression bombs are refused from the header, before any pixel is decoded (422)', async () => {
  const pngBomb = png(8, 8, () => [0, 0, 0], { claimW: 20000, claimH: 20000 });
  const p = await upload(offA, pngBomb, 'kind=documentary&filename=bomb.png');
  const tp = await thumb(offA, p.id);
  assert.equal(tp.status, 422);
  assert.equal(tp.json().code, 'image_too_large');
  const jpgBomb = jpegClaiming(SCENE, 60000, 60000);
  const j = await upload(offA, jpgBomb, 'kind=audiovisual&filename=bomb.jpg');
  const tj = await thumb(offA, j.id);
  assert.equal(tj.status, 422);
  assert.equal(tj.json().code, 'image_too_large');
  const hex = sha256(pngBomb);
  assert.ok(!existsSync(join(s.dataDir, 'objects', 'derived', hex.slice(0, 2), hex.slice(2, 4), `${hex}-thumb256.jpg`)));
});

test('thumbnail: not an image is 415; a truncated image is 422; a swapped file is 500', async () => {
  const bin = await upload(offA, randomBytes(2000), 'kind=electronic&filename=x.bin');
  const tb = await thumb(offA, bin.id);
  assert.equal(tb.status, 415);
  assert.equal(tb.json().code, 'not_an_image');
  const pdf = await upload(offA, Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n'), 'kind=documentary');
  assert.equal((await thumb(offA, pdf.id)).status, 415);
  const cut = await upload(offA, SCENE.subarray(0, 600), 'kind=audiovisual&filename=cut.jpg');
  const tc = await thumb(offA, cut.id);
  assert.equal(tc.status, 422, tc.body.toString());
  assert.equal(tc.json().code, 'image_unreadable');
  // the stored file of an image swapped behind the system's back: no thumbnail of it
  const other = png(64, 64, (x, y) => [x, y, 7]);
  const ev = await upload(offA, other, 'kind=documentary&filename=swap.png');
  const hex = sha256(other);
  const file = join(s.dataDir, 'objects', 'sha256', hex.slice(0, 2), hex.slice(2, 4), hex);
  const { chmodSync, writeFileSync } = await import('node:fs');
  chmodSync(file, 0o644);
  writeFileSync(file, png(64, 64, () => [255, 0, 0]));
  const ts = await thumb(offA, ev.id);
  assert.equal(ts.status, 500);
  assert.equal(ts.json().code, 'evidence_corrupt');
});

test('thumbnail: the content\'s access rules: another agency 404 until granted, then 200', async () => {
  const ev = await upload(offA, png(100, 50, (x) => [x, 0, 0]), 'kind=documentary&filename=shared.png');
  assert.equal((await thumb(offB, ev.id)).status, 404);
  const g = await call(s, 'POST', `/api/v1/evidence/${ev.id}/grants`, { agency_id: B.id, purpose: '联合执法', until: '2099-12-31' }, { token: headA });
  assert.equal(g.status, 201, g.text);
  const t = await thumb(offB, ev.id);
  assert.equal(t.status, 200);
  assert.deepEqual(jpegSize(t.body), { w: 100, h: 50 });
  const anon = await fetch(`${s.url}/api/v1/evidence/${ev.id}/thumbnail`);
  assert.equal(anon.status, 401);
});
