// Referral of jurisdiction (移送管辖, 行政处罚法 Art 22 and 25) and the follow-up of a
// fanned-out ticket: refer_jurisdiction names the receiving agency and, in the same
// transaction, creates a lead there that says where it came from; the referring case says
// where it went; each side sees only its own case. Bad targets are 400 naming
// to_agency_id and write nothing. The dispatcher follows a ticket's leads by reference.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID, randomBytes, createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, call, seedRegions, newAgency, newUscc, idNumber, userWithToken, importCatalogItems } from './lib.mjs';

let s, party, other;
const A = {}; // 西湖区综合行政执法局: refers
const M = {}; // 西湖区市场监督管理局: receives
const Q = {}; // 西湖区另一综合执法队: the claimant of CG010205
let BJ; // 滨江区: its region does not hold the place
let dispatcher, farDispatcher;
const tmp = mkdtempSync(join(tmpdir(), 'zhifa-referral-'));
const sha256 = (b) => createHash('sha256').update(b).digest('hex');

async function caller(name, role, agency) {
  const token = await userWithToken(s, name, role, { agency: agency.id });
  return (m, p, b) => call(s, m, p, b, { token });
}

before(async () => {
  s = await startServer('referral');
  await seedRegions(s);
  await importCatalogItems(s, ['CG010203', 'CG010205', 'SC010601']);
  A.agency = await newAgency(s, { name: '西湖区综合行政执法局', kind: 'comprehensive', domain: '' });
  M.agency = await newAgency(s, { name: '西湖区市场监督管理局' });
  Q.agency = await newAgency(s, { name: '西湖区综合行政执法队', kind: 'comprehensive', domain: '' });
  BJ = await newAgency(s, { name: '滨江区市场监督管理局', region_code: '330108' });
  for (const [X, n] of [[A, 'a'], [M, 'm'], [Q, 'q']]) {
    X.officer = await caller(`ref_officer_${n}`, 'officer', X.agency);
    X.head = await caller(`ref_head_${n}`, 'agency_head', X.agency);
  }
  const t = await userWithToken(s, 'ref_dispatch', 'catalog_admin', { region: '330106' });
  dispatcher = (m, p, b) => call(s, m, p, b, { token: t });
  const far = await userWithToken(s, 'ref_far', 'catalog_admin', { region: '330108' });
  farDispatcher = (m, p, b) => call(s, m, p, b, { token: far });
  party = (await A.officer('POST', '/api/v1/parties', { kind: 'organisation', name: '杭州某食品商行', uscc: newUscc() })).body;
  other = (await A.officer('POST', '/api/v1/parties', { kind: 'organisation', name: '杭州某超市有限公司', uscc: newUscc() })).body;
  assert.ok(party.id && other.id);
  // A's officers: two for the investigation, the records and the evidence (Art 42), linked to accounts
  for (const n of [1, 2]) {
    const o = await s.api('POST', '/api/v1/officers', {
      agency_id: A.agency.id, name: `移送员${n}`, id_number: idNumber(`33010619850101${String(n).padStart(3, '0')}`),
      cert_no: `ZJ-REF-${process.pid}-${n}`, cert_issued: '2020-01-01',
    });
    assert.equal(o.status, 201, o.text);
    A[`o${n}`] = o.body;
  }
  {
    const token = await userWithToken(s, 'ref_field_a', 'officer', { agency: A.agency.id });
    const l = await s.api('PATCH', '/api/v1/users/ref_field_a', { officer_id: A.o1.id });
    assert.equal(l.status, 200, l.text);
    A.field = (m, p, b, o = {}) => call(s, m, p, b, { token, ...o });
  }
  // CG010205 is claimed in 西湖区 by Q only (docs/claims.md)
  const c = await s.api('POST', '/api/v1/catalog/claims', { item_code: 'CG010205', agency_id: Q.agency.id, effective_from: '2024-01-01' });
  assert.equal(c.status, 201, c.text);
});
after(async () => { await s.stop(); rmSync(tmp, { recursive: true, force: true }); });

const lead = (fields = {}) => ({
  party_id: party.id, item_code: 'SC010601', cause: '销售超过保质期的食品', source: 'inspection',
  place_region: '330106', place: '文三路100号', violation_date: '2026-03-01', discovery_date: '2026-03-02',
  facts: '检查发现货架上有超过保质期的食品12袋。', ...fields,
});
async function newLead(X, fields) {
  const r = await X.officer('POST', '/api/v1/cases', lead(fields));
  assert.equal(r.status, 201, r.text);
  return r.body;
}
const act = (who, id, action, body = {}) => who('POST', `/api/v1/cases/${id}/actions/${action}`, body);
async function ok(who, id, action, body = {}) {
  const r = await act(who, id, action, body);
  assert.equal(r.status, 200, `${action}: ${r.text}`);
  return r.body;
}
const tree = async () => (await s.api('GET', '/api/v1/ledger/checkpoint')).body.tree_size;
const fields = (r) => (r.body?.errors || []).map((e) => e.field);

test('a filed case referred to the agency with jurisdiction: a lead there with its provenance, the receiver files it, neither sees the other\'s case', async () => {
  const c = await newLead(A, { violation_end: '2026-03-05', limitation_category: 'life_health_safety', harmful_consequences: true });
  const filed = await ok(A.head, c.id, 'file_case');
  assert.match(filed.case_no, /^西综执立〔\d{4}〕\d+号$/);

  const why = '经查，销售超过保质期食品属市场监督管理部门职责，依法移送';
  const r = await ok(A.head, c.id, 'refer_jurisdiction', { to_agency_id: M.agency.id, reason: why });
  assert.equal(r.state, 'referred');
  assert.equal(r.previous_state, 'filed');
  assert.equal(r.referred_to_agency, '西湖区市场监督管理局');
  assert.ok(r.referred_to);
  assert.deepEqual([r.steps.at(-1).action, r.steps.at(-1).from, r.steps.at(-1).to, r.steps.at(-1).reason],
    ['refer_jurisdiction', 'filed', 'referred', why]);

  // the receiving lead: what the act is, copied; where it came from, recorded
  const got = await M.officer('GET', `/api/v1/cases/${r.referred_to}`);
  assert.equal(got.status, 200, got.text);
  const n = got.body;
  assert.equal(n.agency_id, M.agency.id);
  assert.equal(n.state, 'lead');
  assert.equal(n.source, 'referral');
  assert.equal(n.referred_from, c.id);
  assert.equal(n.referred_from_agency, '西湖区综合行政执法局');
  assert.equal(n.referred_from_no, filed.case_no);
  assert.equal(n.referral_prior_case_no, null);
  for (const k of ['party_id', 'item_code', 'cause', 'facts', 'place_region', 'place', 'violation_date', 'violation_end',
    'discovery_date', 'limitation_category', 'harmful_consequences']) assert.deepEqual(n[k], c[k] ?? filed[k], k);
  assert.equal(n.violation_end, '2026-03-05');
  assert.equal(n.case_no, null);

  // the receiving agency sees its lead, not the referring case; the referring agency the reverse
  assert.equal((await M.officer('GET', `/api/v1/cases/${c.id}`)).status, 404);
  assert.equal((await A.officer('GET', `/api/v1/cases/${r.referred_to}`)).status, 404);
  const mine = (await M.officer('GET', '/api/v1/cases?limit=500')).body.items.map((x) => x.id);
  assert.ok(mine.includes(r.referred_to) && !mine.includes(c.id));

  // the receiver files it under its own number (Art 25: it is now the one that files)
  const mf = await ok(M.head, r.referred_to, 'file_case');
  assert.match(mf.case_no, /^西市执立〔\d{4}〕\d+号$/);
  assert.equal(mf.referred_from_no, filed.case_no);
  // the referred case is closed by its own agency, not re-referred
  assert.equal((await act(A.head, c.id, 'refer_jurisdiction', { to_agency_id: Q.agency.id, reason: '再移送' })).status, 409);
  assert.equal((await ok(A.head, c.id, 'close_case')).state, 'closed');
});

test('a lead can be referred before filing: no case number to carry, the provenance still names the case', async () => {
  const c = await newLead(A, { item_code: 'CG010203', cause: '擅自占用城市道路' });
  const r = await ok(A.head, c.id, 'refer_jurisdiction', { to_agency_id: Q.agency.id, reason: '属该执法队管辖' });
  assert.equal(r.previous_state, 'lead');
  const n = (await Q.officer('GET', `/api/v1/cases/${r.referred_to}`)).body;
  assert.equal(n.referred_from, c.id);
  assert.equal(n.referred_from_no, null);
  assert.equal(n.source, 'referral');
  assert.equal(n.item_code, 'CG010203');
});

test('bad targets are refused naming to_agency_id and write nothing: own agency, unknown, outside the place (Art 22), not the claimant; and the step needs the head and a reason', async () => {
  const c = await newLead(A, { item_code: 'CG010205', cause: '违规设置户外广告' });
  await ok(A.head, c.id, 'file_case');
  // the form's choices: agencies holding the place, only the claimant when the item is claimed
  const tg = await A.head('GET', `/api/v1/cases/${c.id}/referral-targets`);
  assert.equal(tg.status, 200, tg.text);
  assert.deepEqual(tg.body.items.map((a) => [a.name, a.claimant]), [['西湖区综合行政执法队', true]]);
  const open = (await A.head('GET', `/api/v1/cases/${(await newLead(A)).id}/referral-targets`)).body.items;
  assert.deepEqual(open.map((a) => a.name).sort(), ['西湖区市场监督管理局', '西湖区综合行政执法队'].sort(),
    'an unclaimed item: every agency of the place but the own; not 滨江区');
  assert.equal((await M.head('GET', `/api/v1/cases/${c.id}/referral-targets`)).status, 404);

  const t0 = await tree();
  const nM = (await M.officer('GET', '/api/v1/cases?limit=500')).body.items.length;


  let r = await act(A.head, c.id, 'refer_jurisdiction', { reason: '移送' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['to_agency_id']);

  r = await act(A.head, c.id, 'refer_jurisdiction', { to_agency_id: A.agency.id, reason: '移送' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['to_agency_id']);
  assert.match(r.body.errors[0].message, /本机关/);

  r = await act(A.head, c.id, 'refer_jurisdiction', { to_agency_id: randomUUID(), reason: '移送' });
  assert.equal(r.status, 400, r.text);
  assert.match(r.body.errors[0].message, /不存在/);

  r = await act(A.head, c.id, 'refer_jurisdiction', { to_agency_id: BJ.id, reason: '移送' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['to_agency_id']);
  assert.match(r.body.errors[0].message, /第二十二条/);
  assert.match(r.body.errors[0].message, /滨江区市场监督管理局/);

  // CG010205 is claimed in 西湖区 by Q: M has not claimed it there
  r = await act(A.head, c.id, 'refer_jurisdiction', { to_agency_id: M.agency.id, reason: '移送' });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['to_agency_id']);
  assert.match(r.body.errors[0].message, /认领/);

  r = await act(A.head, c.id, 'refer_jurisdiction', { to_agency_id: Q.agency.id });
  assert.equal(r.status, 409, r.text);
  assert.ok(r.body.unmet.map((u) => u.code).includes('reason_given'));
  r = await act(A.officer, c.id, 'refer_jurisdiction', { to_agency_id: Q.agency.id, reason: '移送' });
  assert.equal(r.status, 403, r.text);
  r = await act(A.head, c.id, 'refer_jurisdiction', { to_agency_id: Q.agency.id, reason: '移送', note: 'x' });
  assert.deepEqual(fields(r), ['note']);

  assert.equal(await tree(), t0, 'nothing written');
  assert.equal((await A.head('GET', `/api/v1/cases/${c.id}`)).body.state, 'filed');
  assert.equal((await M.officer('GET', '/api/v1/cases?limit=500')).body.items.length, nM);

  // the claimant takes it
  const ok2 = await ok(A.head, c.id, 'refer_jurisdiction', { to_agency_id: Q.agency.id, reason: '属认领机关管辖' });
  assert.equal(ok2.referred_to_agency, '西湖区综合行政执法队');
  assert.equal(await tree(), t0 + 3, 'the step, the new lead and the 移送函, one ledger entry each (no evidence to hand over)');
});

test('Art 25 (first to file): a referral to an agency that already filed the same act goes through and the new lead names that case', async () => {
  const first = await newLead(M, { party_id: other.id, violation_date: '2026-03-01', violation_end: '2026-03-10' });
  const f = await ok(M.head, first.id, 'file_case');
  // overlapping period, same party and item
  const c = await newLead(A, { party_id: other.id, violation_date: '2026-03-05', discovery_date: '2026-03-06' });
  const r = await ok(A.head, c.id, 'refer_jurisdiction', { to_agency_id: M.agency.id, reason: '同一违法行为，市场监管部门已立案' });
  const n = (await M.officer('GET', `/api/v1/cases/${r.referred_to}`)).body;
  assert.equal(n.referral_prior_case_no, f.case_no);
  // M closes the duplicate lead without filing it
  assert.equal((await ok(M.head, r.referred_to, 'decline_filing', { reason: `已于${f.case_no}立案` })).state, 'not_filed');

  // a period that does not overlap: no note
  const d = await newLead(A, { party_id: other.id, violation_date: '2026-02-01', discovery_date: '2026-02-02' });
  const r2 = await ok(A.head, d.id, 'refer_jurisdiction', { to_agency_id: M.agency.id, reason: '移送' });
  assert.equal((await M.officer('GET', `/api/v1/cases/${r2.referred_to}`)).body.referral_prior_case_no, null);
  // another party, same item and days: no note
  const third = (await A.officer('POST', '/api/v1/parties', { kind: 'organisation', name: '杭州某便利店', uscc: newUscc() })).body;
  const e = await newLead(A, { party_id: third.id, violation_date: '2026-03-05', discovery_date: '2026-03-06' });
  const r3 = await ok(A.head, e.id, 'refer_jurisdiction', { to_agency_id: M.agency.id, reason: '移送' });
  assert.equal((await M.officer('GET', `/api/v1/cases/${r3.referred_to}`)).body.referral_prior_case_no, null);
});

test('fan-out follow-up: each agency filters its own lead by reference; the dispatcher sees every lead\'s state and number only; other regions 404', async () => {
  const ref = '12345-20260303-0042';
  const fan = await dispatcher('POST', '/api/v1/leads/fanout', {
    reference: ref, source: 'hotline', party_id: party.id, violation_date: '2026-03-01', discovery_date: '2026-03-03',
    place_region: '330106', place: '文三路100号', facts: '市民反映：店外占道，售卖过期食品。',
    agencies: [{ agency_id: A.agency.id, item_code: 'CG010203', cause: '店外占道经营' },
      { agency_id: M.agency.id, item_code: 'SC010601', cause: '销售超过保质期的食品' }],
  });
  assert.equal(fan.status, 201, fan.text);
  const [la, lm] = fan.body.leads.map((l) => l.case_id);

  let p = await dispatcher('GET', `/api/v1/leads/fanout/${ref}`);
  assert.equal(p.status, 200, p.text);
  assert.equal(p.body.reference, ref);
  assert.deepEqual(p.body.leads.map((l) => [l.agency_name, l.case_id, l.state, l.state_zh, l.case_no ?? null]),
    [['西湖区综合行政执法局', la, 'lead', '线索', null], ['西湖区市场监督管理局', lm, 'lead', '线索', null]]);
  for (const l of p.body.leads)
    for (const k of ['party_id', 'party_name', 'facts', 'cause', 'place']) assert.equal(l[k], undefined, k);

  // each agency's list under the reference: its own lead only
  const fa = await A.officer('GET', `/api/v1/cases?lead_reference=${ref}`);
  assert.equal(fa.status, 200, fa.text);
  assert.deepEqual(fa.body.items.map((x) => x.id), [la]);
  assert.deepEqual((await M.officer('GET', `/api/v1/cases?lead_reference=${ref}`)).body.items.map((x) => x.id), [lm]);
  assert.deepEqual((await M.officer('GET', '/api/v1/cases?lead_reference=no-such-ticket')).body.items, []);

  // progress: A files its lead, M refers its lead on to Q
  const filed = await ok(A.head, la, 'file_case');
  const ref2 = await ok(M.head, lm, 'refer_jurisdiction', { to_agency_id: Q.agency.id, reason: '占道部分属执法队管辖' });
  p = await dispatcher('GET', `/api/v1/leads/fanout/${ref}`);
  assert.deepEqual(p.body.leads.map((l) => [l.agency_name, l.state, l.case_no ?? null, l.referred_to_agency ?? null,
    l.referred_from_agency ?? null]), [
    ['西湖区综合行政执法局', 'filed', filed.case_no, null, null],
    ['西湖区市场监督管理局', 'referred', null, '西湖区综合行政执法队', null],
    ['西湖区综合行政执法队', 'lead', null, null, '西湖区市场监督管理局'],
  ]);
  assert.equal(p.body.leads[2].case_id, ref2.referred_to);
  assert.deepEqual((await Q.officer('GET', `/api/v1/cases?lead_reference=${ref}`)).body.items.map((x) => x.id), [ref2.referred_to]);

  // not a dispatcher: 403; a dispatcher of another region, or an unknown ticket: 404
  assert.equal((await A.officer('GET', `/api/v1/leads/fanout/${ref}`)).status, 403);
  const far = await farDispatcher('GET', `/api/v1/leads/fanout/${ref}`);
  assert.equal(far.status, 404, far.text);
  assert.equal((await dispatcher('GET', '/api/v1/leads/fanout/12345-none')).status, 404);
});

// ---- what travels with a referral, and refusing it back ----

// A filed case under investigation with an inspection and an inquiry record.
async function investigated(fields = {}) {
  const c = await newLead(A, fields);
  await ok(A.head, c.id, 'file_case');
  await ok(A.field, c.id, 'start_investigation', { investigators: [A.o1.id, A.o2.id] });
  for (const [kind, date, summary] of [['inspection', '2026-03-02', '货架上有超过保质期的食品12袋'], ['inquiry', '2026-03-03', '店主承认未清理过期食品']]) {
    const r = await A.field('POST', `/api/v1/cases/${c.id}/records`, { kind, date, officers: [A.o1.id, A.o2.id], summary });
    assert.equal(r.status, 201, r.text);
  }
  return c;
}
async function evidence(caseId, name) {
  const bytes = randomBytes(2048);
  const r = await A.field('POST', `/api/v1/evidence?kind=audiovisual&filename=${name}&collectors=${A.o1.id},${A.o2.id}${caseId ? `&case_id=${caseId}` : ''}`,
    bytes, { type: 'application/octet-stream' });
  assert.equal(r.status, 201, r.text);
  return { id: r.body.id, sha: sha256(bytes), bytes };
}
const count = (sql) => Number(s.sql(sql).trim());
async function docs(who, id) {
  const r = await who('GET', `/api/v1/cases/${id}/documents`);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}
async function pdfText(id, d) {
  const res = await fetch(`${s.url}/api/v1/cases/${id}/documents/${d.id}`, { headers: { Authorization: `Bearer ${s.token}` } });
  assert.equal(res.status, 200);
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.equal(sha256(bytes), d.sha256, 'the listed digest is the bytes\'');
  const [salt, digest] = s.sql(`SELECT salt, state_digest FROM ledger_entries WHERE obj_type = 'case_document' AND obj_id = '${d.id}'`).trim().split('|');
  const state = JSON.stringify({ case: id, sha256: d.sha256, template: d.template });
  assert.equal(createHash('sha256').update(Buffer.concat([Buffer.from(salt, 'hex'), Buffer.from(state)])).digest('hex'), digest,
    'the ledger commits to the letter');
  const path = join(tmp, `${d.id}.pdf`);
  writeFileSync(path, bytes);
  if (process.env.ZHIFA_KEEP_DOCS) writeFileSync(join(process.env.ZHIFA_KEEP_DOCS, `${d.template}.pdf`), bytes);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/\s+/g, '');
  // the digests as the table prints them, a cell's lines in order (pdftotext -raw)
  const raw = execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8' });
  return { text, digests: (raw.match(/\b(?=[0-9]*[a-f])[0-9a-f]{12,}/g) || []).join('') };
}

test('the referring case\'s evidence is shared with the receiver (grant + attachment, nothing copied), its records readable from the lead, and a 移送函 in the ledger', async () => {
  const c = await investigated();
  const e1 = await evidence(c.id, 'shelf.mp4');
  const e2 = await evidence(c.id, 'labels.mp4');
  const elsewhere = await evidence(null, 'other-case.mp4');
  const blobs = count('SELECT count(*) FROM evidence');

  const why = '经查，销售超过保质期的食品属市场监督管理部门职责';
  const r = await ok(A.head, c.id, 'refer_jurisdiction', { to_agency_id: M.agency.id, reason: why });
  const leadId = r.referred_to;
  assert.equal(count('SELECT count(*) FROM evidence'), blobs, 'no evidence row (or file) is copied');

  // the receiver's lead: the records and the evidence that came with it, read-only
  const n = (await M.officer('GET', `/api/v1/cases/${leadId}`)).body;
  assert.deepEqual(n.referral_records.map((x) => [x.kind, x.date, x.summary]),
    [['inspection', '2026-03-02', '货架上有超过保质期的食品12袋'], ['inquiry', '2026-03-03', '店主承认未清理过期食品']]);
  assert.deepEqual(n.referral_records[0].officers.map((o) => o.name), ['移送员1', '移送员2']);
  assert.deepEqual(n.records, [], 'the lead has no records of its own');
  assert.deepEqual(n.referral_evidence.map((x) => [x.id, x.sha256, x.filename]),
    [[e1.id, e1.sha, 'shelf.mp4'], [e2.id, e2.sha, 'labels.mp4']]);
  // … which the receiver reads, downloads byte for byte and finds attached to its lead
  const got = await M.officer('GET', `/api/v1/evidence/${e1.id}`);
  assert.equal(got.status, 200, got.text);
  const dl = await fetch(`${s.url}/api/v1/evidence/${e2.id}/content`, { headers: { Authorization: `Bearer ${(await userWithToken(s, 'ref_m_dl', 'officer', { agency: M.agency.id }))}` } });
  assert.equal(dl.status, 200);
  assert.equal(sha256(Buffer.from(await dl.arrayBuffer())), e2.sha);
  assert.equal(count(`SELECT count(*) FROM evidence_attachments t JOIN agencies a ON a.id = t.agency_id WHERE t.case_id = '${leadId}' AND a.public_id = '${M.agency.id}'`), 2);
  // the hand-over is in each evidence's chain of custody
  const custody = (await A.field('GET', `/api/v1/evidence/${e1.id}/custody`)).body.items.map((x) => x.action);
  assert.ok(custody.includes('evidence_grant.referral') && custody.includes('evidence_attachment.create'), custody.join());
  // evidence of another case is not handed over: another agency's id is 404 to the receiver
  assert.equal((await M.officer('GET', `/api/v1/evidence/${elsewhere.id}`)).status, 404);
  // the referring agency still cannot open the receiver's lead, nor the receiver the referring case
  assert.equal((await A.head('GET', `/api/v1/cases/${leadId}`)).status, 404);
  assert.equal((await M.head('GET', `/api/v1/cases/${c.id}`)).status, 404);

  // 移送函: numbered 移, in the ledger, naming where, why, the law and every file by digest
  const letter = (await docs(A.head, c.id)).find((d) => d.template === 'referral_letter');
  assert.ok(letter, 'the referral letter is among the case documents');
  assert.match(letter.number, /^西综执移〔\d{4}〕\d+号$/);
  const { text, digests } = await pdfText(c.id, letter);
  for (const want of ['案件移送函', '西湖区市场监督管理局：', why, '第二十二条', '第二十五条', '杭州某食品商行',
    'shelf.mp4（视听资', 'labels.mp4（视听资', '二〇二六年三月二日现场检查笔录', '二〇二六年三月三日调查询问笔录'])
    assert.ok(text.includes(want), `the letter says ${want}: ${text}`);
  assert.equal(digests, e1.sha + e2.sha, 'each file handed over by its SHA-256, and no other');
});

test('a referral of a case with no evidence: nothing to share, the letter says so', async () => {
  const c = await newLead(A);
  const r = await ok(A.head, c.id, 'refer_jurisdiction', { to_agency_id: M.agency.id, reason: '属市场监管部门管辖' });
  const n = (await M.officer('GET', `/api/v1/cases/${r.referred_to}`)).body;
  assert.deepEqual(n.referral_evidence, []);
  assert.deepEqual(n.referral_records, []);
  const letter = (await docs(A.head, c.id)).find((d) => d.template === 'referral_letter');
  const { text, digests } = await pdfText(c.id, letter);
  assert.ok(text.includes('本案无随案移送的电子证据'), text);
  assert.equal(digests, '');
  assert.ok(text.includes('尚未立案的线索'), 'a lead has no case number to cite');
});

test('退回移送: the receiver refuses a referral back before filing; the referring case resumes where it was, with the reason; the shared evidence is withdrawn', async () => {
  const c = await investigated({ party_id: other.id });
  const e1 = await evidence(c.id, 'scene.mp4');
  const before = await ok(A.head, c.id, 'refer_jurisdiction', { to_agency_id: M.agency.id, reason: '移送市场监管' });
  assert.ok(!before.deadlines.some((d) => d.kind === 'decision'), 'D2 stopped by the referral');
  const leadId = before.referred_to;
  assert.equal((await M.officer('GET', `/api/v1/evidence/${e1.id}`)).status, 200);

  // guards: the receiver's head, with a reason; never the referring agency
  let r = await act(M.officer, leadId, 'return_referral', { reason: 'x' });
  assert.equal(r.status, 403, r.text);
  r = await act(M.head, leadId, 'return_referral', {});
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.code, 'requirements_unmet');
  assert.deepEqual(r.body.unmet.map((u) => u.code), ['reason_given']);
  r = await act(A.head, c.id, 'return_referral', { reason: '撤回' });
  assert.equal(r.status, 409, r.text);
  assert.deepEqual(r.body.unmet.map((u) => u.code), ['state_allows_action']);
  r = await act(A.head, leadId, 'return_referral', { reason: '退回' });
  assert.equal(r.status, 404, 'another agency\'s lead does not exist for the referrer');
  r = await act(M.head, leadId, 'return_referral', { reason: 'x', to_agency_id: A.agency.id });
  assert.equal(r.status, 400, r.text);
  assert.deepEqual(fields(r), ['to_agency_id']);

  const why = '经核查，该行为系占用城市道路经营，不属于本局管辖';
  const t0 = await tree();
  const back = await ok(M.head, leadId, 'return_referral', { reason: why });
  assert.equal(back.state, 'referral_returned');
  assert.equal(back.state_zh, '已退回移送');
  assert.deepEqual(back.allowed_actions, ['close_case']);
  assert.equal(back.referral_records, undefined, 'nothing of the referring case stays readable');
  // the lead's step, the referring case's return, the revoked grant: one entry each
  assert.equal(await tree(), t0 + 3);

  const a = (await A.head('GET', `/api/v1/cases/${c.id}`)).body;
  assert.equal(a.state, 'investigating');
  assert.equal(a.previous_state, 'filed', 'its own previous step, as before the referral (退回 goes there)');
  assert.equal(a.referred_to, null);
  assert.equal(a.referred_to_agency, null);
  assert.equal(a.referral_returned_reason, why);
  assert.equal(a.referral_returned_by, '西湖区市场监督管理局');
  assert.ok(a.referral_returned_on);
  assert.deepEqual([a.steps.at(-1).action, a.steps.at(-1).from, a.steps.at(-1).to, a.steps.at(-1).reason],
    ['return_referral', 'referred', 'investigating', why]);
  assert.ok(a.deadlines.some((d) => d.kind === 'decision'), 'D2 runs again');
  assert.ok(a.next_actions.some((x) => x.action === 'refer_jurisdiction'), 'it may be referred again, elsewhere');
  // the grant is revoked: the receiver no longer reads the evidence; custody shows it
  assert.equal((await M.officer('GET', `/api/v1/evidence/${e1.id}`)).status, 404);
  const custody = (await A.field('GET', `/api/v1/evidence/${e1.id}/custody`)).body.items.map((x) => x.action);
  assert.ok(custody.includes('evidence_grant.revoke'), custody.join());

  // a second refusal of the same lead: it is no longer a lead
  r = await act(M.head, leadId, 'return_referral', { reason: why });
  assert.equal(r.status, 409);
  assert.deepEqual(r.body.unmet.map((u) => u.code), ['state_allows_action']);
});

test('退回移送 refused: a lead the receiver found itself, a referred lead already filed, a referring case closed since', async () => {
  const own = await newLead(M);
  let r = await act(M.head, own.id, 'return_referral', { reason: '非本局管辖' });
  assert.equal(r.status, 409, r.text);
  assert.equal(r.body.code, 'requirements_unmet');
  assert.deepEqual(r.body.unmet.map((u) => u.code), ['lead_was_referred', 'referring_case_awaits']);

  const c1 = await newLead(A);
  const l1 = (await ok(A.head, c1.id, 'refer_jurisdiction', { to_agency_id: M.agency.id, reason: '移送' })).referred_to;
  await ok(M.head, l1, 'file_case');
  r = await act(M.head, l1, 'return_referral', { reason: '立案后才发现不属管辖' });
  assert.equal(r.status, 409, r.text);
  assert.deepEqual(r.body.unmet.map((u) => u.code), ['state_allows_action']);

  const c2 = await newLead(A);
  const l2 = (await ok(A.head, c2.id, 'refer_jurisdiction', { to_agency_id: M.agency.id, reason: '移送' })).referred_to;
  await ok(A.head, c2.id, 'close_case');
  const t0 = await tree();
  r = await act(M.head, l2, 'return_referral', { reason: '不属管辖' });
  assert.equal(r.status, 409, r.text);
  assert.deepEqual(r.body.unmet.map((u) => u.code), ['referring_case_awaits']);
  assert.equal(await tree(), t0, 'nothing written');
  assert.equal((await A.head('GET', `/api/v1/cases/${c2.id}`)).body.state, 'closed');
});
