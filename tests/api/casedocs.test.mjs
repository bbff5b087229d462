// The instruments a case's steps and records produce (docs/documents.md, cases.md §10):
// 调查询问笔录 and 现场检查笔录 from records, 先行登记保存证据通知书, 听证通知书,
// 法制审核意见书, 集体讨论记录 from their steps, each stored with its SHA-256 and entered
// in the ledger; the legal basis printed is the catalog item's as of the violation date.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, call, seedRegions, newAgency, setCaseSettings, CASE_SETTINGS, idNumber, newUscc, userWithToken, zhifa } from './lib.mjs';

let s;
const A = {};
let person, org;
const tmp = mkdtempSync(join(tmpdir(), 'zhifa-casedocs-'));

function todayCN(offsetDays = 0) {
  const d = new Date(Date.now() + 8 * 3600 * 1000 + offsetDays * 86400 * 1000);
  return d.toISOString().slice(0, 10);
}

let serial = 0;
async function officer(agency, extra = {}) {
  serial += 1;
  const r = await s.api('POST', '/api/v1/officers', {
    agency_id: agency.id, name: `办案员${serial}`, id_number: idNumber(`33010619860101${String(serial).padStart(3, '0')}`),
    cert_no: `ZJ-DOC-${process.pid}-${serial}`, cert_issued: '2020-01-01', ...extra,
  });
  assert.equal(r.status, 201, r.text);
  return r.body;
}
async function account(name, role, agency, o) {
  const token = await userWithToken(s, name, role, { agency: agency.id });
  const r = await s.api('PATCH', `/api/v1/users/${name}`, { officer_id: o.id });
  assert.equal(r.status, 200, r.text);
  const f = (method, path, body) => call(s, method, path, body, { token });
  f.token = token;
  return f;
}

const HEADER = 'code,name,kind,domain,legal_basis,level,mode,penalty_types,fine_min_fen,fine_max_fen,effective_from\n';

before(async () => {
  s = await startServer('casedocs');
  await seedRegions(s);
  // CG010203 in force since 2025; CG010204 only from 2026-03-01, after the violations below
  const cat = await call(s, 'POST', '/api/v1/catalog/import', HEADER +
    'CG010203,对擅自占用城市道路的行政处罚,penalty,城市管理,《城市道路管理条例》第二十七条第一款第三项；《城市道路管理条例》第四十二条第二款,township,comprehensive,罚款,,20000000,2025-01-01\n' +
    'CG010204,对擅自挖掘城市道路的行政处罚,penalty,城市管理,《城市道路管理条例》第四十二条第一款,township,comprehensive,罚款,,20000000,2026-03-01\n',
  { token: s.token, type: 'text/csv; charset=utf-8' });
  assert.equal(cat.status, 200, cat.text);
  A.agency = await newAgency(s, { name: '西湖区综合行政执法局', kind: 'comprehensive', domain: '' });
  await setCaseSettings(s, A.agency.id);
  A.o1 = await officer(A.agency);
  A.o2 = await officer(A.agency);
  A.presiding = await officer(A.agency);
  A.lawyer = await officer(A.agency, { legal_qualified: true });
  A.headOfficer = await officer(A.agency);
  A.officer = await account('doc_officer', 'officer', A.agency, A.o1);
  A.presider = await account('doc_presider', 'officer', A.agency, A.presiding);
  A.head = await account('doc_head', 'agency_head', A.agency, A.headOfficer);
  A.reviewer = await account('doc_reviewer', 'legal_reviewer', A.agency, A.lawyer);
  person = (await A.officer('POST', '/api/v1/parties', { kind: 'person', name: '赵某', id_number: idNumber('33010619900101456'), address: '杭州市西湖区文二路2号' })).body;
  org = (await A.officer('POST', '/api/v1/parties', { kind: 'organisation', name: '杭州某某餐饮有限公司', uscc: newUscc(), legal_rep: '孙某', address: '杭州市西湖区学院路8号' })).body;
  assert.ok(person.id && org.id);
});
after(async () => { await s.stop(); rmSync(tmp, { recursive: true, force: true }); });

const lead = (party, fields = {}) => ({
  party_id: party.id, item_code: 'CG010203', cause: '擅自占用城市道路', source: 'inspection',
  place_region: '330106', place: '文二路人行道', violation_date: '2026-02-20', discovery_date: '2026-03-01',
  facts: '当事人在人行道上搭建遮阳棚经营，占用城市道路约15平方米。', ...fields,
});
async function ok(who, id, action, body = {}) {
  const r = await who('POST', `/api/v1/cases/${id}/actions/${action}`, body);
  assert.equal(r.status, 200, `${action}: ${r.text}`);
  return r.body;
}
async function docsOf(id) {
  const r = await A.officer('GET', `/api/v1/cases/${id}/documents`);
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

// The document's PDF: its SHA-256 is the listed one and the ledger's entry commits to
// {case, template, sha256}; returns its text (pdftotext, whitespace removed).
async function docText(id, d) {
  const res = await fetch(`${s.url}/api/v1/cases/${id}/documents/${d.id}`, { headers: { Authorization: `Bearer ${s.token}` } });
  assert.equal(res.status, 200);
  const bytes = Buffer.from(await res.arrayBuffer());
  const sha = createHash('sha256').update(bytes).digest('hex');
  assert.equal(sha, d.sha256, `${d.template}: the listed SHA-256 is the bytes'`);
  const [salt, digest] = s.sql(`SELECT salt, state_digest FROM ledger_entries WHERE obj_type = 'case_document' AND obj_id = '${d.id}'`).trim().split('|');
  const state = JSON.stringify({ case: id, sha256: sha, template: d.template });
  assert.equal(createHash('sha256').update(Buffer.concat([Buffer.from(salt, 'hex'), Buffer.from(state)])).digest('hex'), digest,
    `${d.template}: the ledger commits to the document`);
  const path = join(tmp, `${d.template}-${d.id}.pdf`);
  writeFileSync(path, bytes);
  if (process.env.ZHIFA_KEEP_DOCS) writeFileSync(join(process.env.ZHIFA_KEEP_DOCS, `${d.template}.pdf`), bytes);
  return execFileSync('pdftotext', ['-enc', 'UTF-8', path, '-'], { encoding: 'utf8' }).replace(/—\s*\d+\s*—/g, '').replace(/\s+/g, '');
}
function has(text, parts, what) {
  for (const p of parts) assert.ok(text.includes(p.replace(/\s+/g, '')), `${what} should say ${p}:\n${text}`);
}

const HEARD = {
  participants: ['孙某（法定代表人）', '李某（委托代理人）'], hearing_end_time: '16:05',
  investigators_case: '调查人员陈述：当事人在文二路88号门前人行道搭建遮阳棚经营，占用城市道路约15平方米，未经批准；有现场检查笔录、询问笔录和现场照片为证，建议罚款人民币壹拾万元。',
  statement: '当事人的代理人对占道事实无异议，认为面积测量偏大，且已拆除遮阳棚，请求从轻处罚。',
  conclusion: '违法事实清楚，证据确凿；当事人已改正，可在裁量基准范围内从轻处罚。',
};

test('records make their 笔录; preservation, hearing notice, legal review and collective discussion make theirs', async () => {
  const c = await A.officer('POST', '/api/v1/cases', lead(org));
  assert.equal(c.status, 201, c.text);
  const id = c.body.id;
  const filed = await ok(A.head, id, 'file_case', { filing_date: '2026-03-02' });
  const caseNo = filed.case_no;
  await ok(A.officer, id, 'start_investigation', { investigators: [A.o1.id, A.o2.id] });

  // a record's times go together, as HH:MM, the end after the start; nothing is written
  for (const [body, field] of [
    [{ start_time: '09:30' }, 'end_time'], [{ start_time: '9:30', end_time: '10:00' }, 'start_time'],
    [{ start_time: '10:30', end_time: '10:00' }, 'end_time'], [{ start_time: '24:00', end_time: '24:30' }, 'start_time'],
  ]) {
    const r = await A.officer('POST', `/api/v1/cases/${id}/records`, { kind: 'inspection', date: '2026-03-03', officers: [A.o1.id, A.o2.id], ...body });
    assert.equal(r.status, 400, r.text);
    assert.ok(r.body.errors.some((e) => e.field === field), `${JSON.stringify(body)} names ${field}: ${r.text}`);
  }
  assert.deepEqual(await docsOf(id), [(await docsOf(id))[0]], 'only the filing form so far');

  const insp = await A.officer('POST', `/api/v1/cases/${id}/records`, {
    kind: 'inspection', date: '2026-03-03', officers: [A.o1.id, A.o2.id], place: '文二路88号门前人行道',
    start_time: '09:30', end_time: '10:15', summary: '现场人行道上搭建遮阳棚一座，摆放桌椅六套，占用面积约15平方米。',
  });
  assert.equal(insp.status, 201, insp.text);
  assert.equal(insp.body.place, '文二路88号门前人行道');
  const inq = await A.officer('POST', `/api/v1/cases/${id}/records`, {
    kind: 'inquiry', date: '2026-03-04', officers: [A.o2.id, A.o1.id], summary: '孙某承认未经批准占用人行道经营，已持续约两周。',
  });
  assert.equal(inq.status, 201, inq.text);

  // Art 56: items and place are required; the notice prints the 7th working day
  const noItems = await A.officer('POST', `/api/v1/cases/${id}/actions/preserve_evidence`, { preservation_on: '2026-04-02', preservation_approved: true });
  assert.equal(noItems.status, 400, noItems.text);
  assert.deepEqual(noItems.body.errors.map((e) => e.field).sort(), ['preservation_items', 'preservation_place']);
  const badItem = await A.officer('POST', `/api/v1/cases/${id}/actions/preserve_evidence`, {
    preservation_on: '2026-04-02', preservation_approved: true, preservation_place: '本局暂扣物品仓库', preservation_items: [{ spec: '无名' }],
  });
  assert.equal(badItem.status, 400, badItem.text);
  assert.deepEqual(badItem.body.errors.map((e) => e.field), ['preservation_items']);
  // 2026-04-02 is a Thursday; 清明 (04-04..04-06) is a holiday: the 7th working day is 04-14
  await ok(A.officer, id, 'preserve_evidence', {
    preservation_on: '2026-04-02', preservation_approved: true, preservation_place: '本局暂扣物品仓库', preservation_manner: '封存',
    preservation_items: [{ name: '遮阳棚', spec: '3m×5m', quantity: '1座' }, { name: '折叠桌椅', quantity: '6套', note: '旧' }],
  });
  // the decision on the preserved items (Art 56) is an instrument of its own, made by the step
  const early = await A.officer('GET', `/api/v1/cases/${id}/documents/preservation_decision`);
  assert.equal(early.status, 409, early.text);
  assert.equal(early.body.code, 'document_step_missing');
  assert.equal(early.body.step, 'decide_preserved_evidence');
  assert.match(early.body.detail, /登记保存证据处理决定/);
  for (const [body, field] of [[{}, 'disposal'], [{ disposal: 'destroy' }, 'disposal'], [{ disposal: 'release', disposal_note: 7 }, 'disposal_note']]) {
    const r = await A.head('POST', `/api/v1/cases/${id}/actions/decide_preserved_evidence`, body);
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(r.body.errors.map((e) => e.field), [field], JSON.stringify(body));
  }
  assert.equal((await docsOf(id)).filter((d) => d.template === 'preservation_decision').length, 0, 'nothing written');
  await ok(A.head, id, 'decide_preserved_evidence', { disposal: 'inspection', disposal_note: '送浙江省质量检测研究院检验遮阳棚的材质。' });
  await ok(A.officer, id, 'submit_investigation');
  await ok(A.officer, id, 'issue_prior_notice', { penalty: { types: ['fine'], fine_fen: 10000000 }, notice_date: '2026-04-13' });
  await ok(A.officer, id, 'request_hearing', { hearing_requested_on: '2026-04-15' });

  // Art 64(2): the notice names the time and place
  const sched = { hearing_notified_on: '2026-04-16', hearing_date: '2026-04-28', presiding_officer_id: A.presiding.id };
  const noPlace = await A.head('POST', `/api/v1/cases/${id}/actions/schedule_hearing`, sched);
  assert.equal(noPlace.status, 400, noPlace.text);
  assert.deepEqual(noPlace.body.errors.map((e) => e.field).sort(), ['hearing_place', 'hearing_time']);
  const badTime = await A.head('POST', `/api/v1/cases/${id}/actions/schedule_hearing`, { ...sched, hearing_place: '听证室', hearing_time: '2:30' });
  assert.equal(badTime.status, 400, badTime.text);
  assert.deepEqual(badTime.body.errors.map((e) => e.field), ['hearing_time']);
  await ok(A.head, id, 'schedule_hearing', {
    hearing_notified_on: '2026-04-16', hearing_date: '2026-04-28', hearing_time: '14:30', hearing_place: '西湖区综合行政执法局三楼听证室',
    presiding_officer_id: A.presiding.id, hearing_clerk: '钱某',
  });
  // the hearing record (Art 64(7), (8)): asked for before the hearing it is 409 naming the step;
  // the step needs who came, the investigators' case and the party's defence
  const noRecord = await A.officer('GET', `/api/v1/cases/${id}/documents/hearing_record`);
  assert.equal(noRecord.status, 409, noRecord.text);
  assert.equal(noRecord.body.step, 'hold_hearing');
  assert.match(noRecord.body.detail, /举行听证/);
  const bare = await A.presider('POST', `/api/v1/cases/${id}/actions/hold_hearing`, {});
  assert.equal(bare.status, 400, bare.text);
  assert.deepEqual(bare.body.errors.map((e) => e.field).sort(), ['investigators_case', 'participants', 'statement']);
  const badEnd = await A.presider('POST', `/api/v1/cases/${id}/actions/hold_hearing`, { ...HEARD, hearing_end_time: '25:00' });
  assert.equal(badEnd.status, 400, badEnd.text);
  assert.deepEqual(badEnd.body.errors.map((e) => e.field), ['hearing_end_time']);
  await ok(A.presider, id, 'hold_hearing', HEARD);
  const heardRecord = await fetch(`${s.url}/api/v1/cases/${id}/documents/hearing_record`, { headers: { Authorization: `Bearer ${s.token}` } });
  assert.equal(heardRecord.status, 200);
  assert.equal(heardRecord.headers.get('content-type'), 'application/pdf');
  await ok(A.officer, id, 'submit_legal_review');
  await ok(A.reviewer, id, 'record_legal_review', { passed: true, opinion: '事实清楚，证据确凿，适用依据正确，程序合法，处罚适当。' });
  await ok(A.officer, id, 'submit_collective_discussion');
  const noConclusion = await A.head('POST', `/api/v1/cases/${id}/actions/record_collective_discussion`, { conclusion: '' });
  assert.equal(noConclusion.status, 400, noConclusion.text);
  assert.deepEqual(noConclusion.body.errors.map((e) => e.field).sort(), ['conclusion', 'participants']);
  await ok(A.head, id, 'record_collective_discussion', {
    participants: ['局长周某', '副局长吴某', '副局长郑某'], discussion_place: '本局二楼会议室', recorder: '王某',
    conclusion: '同意承办机构意见，对当事人处以罚款人民币壹拾万元。',
  });
  // the benchmark of CG010203 (Art 34): the server applies it to the circumstances given
  const rule = (id, when, lo, hi, basis) => ({ id, when, outcome: 'ordinary', fine_min_fen: lo, fine_max_fen: hi, basis, explanation_zh: basis });
  const table = await s.api('POST', '/api/v1/discretion/tables', {
    item_code: 'CG010203', version: '2025.1', title: '擅自占用城市道路', effective_from: '2025-01-01',
    basis: { law: '城市道路管理条例', article: '第四十二条第二款', benchmark: '《杭州市城市管理行政处罚裁量基准》' },
    inputs: [{ name: 'area_m2', type: 'int', zh: '占用面积（平方米）' }],
    hit_policy: 'unique',
    rules: [rule('CG010203-R1', { area_m2: { lt: 10 } }, 1000000, 5000000, '第一档：占用面积不足10平方米'),
      rule('CG010203-R2', { area_m2: { ge: 10, le: 20 } }, 5000000, 15000000, '第二档：占用面积10至20平方米'),
      rule('CG010203-R3', { area_m2: { gt: 20 } }, 15000000, 20000000, '第三档：占用面积超过20平方米')],
    tests: [{ name: 'fifteen', circumstances: { area_m2: 15 }, expect: { rule: 'CG010203-R2', outcome: 'ordinary', min_fen: 5000000, max_fen: 15000000 } }],
  });
  assert.equal(table.status, 201, table.text);
  // the evidence center's evidence of the case: its own under the case's id, one attached
  // under its number; another case's evidence is not listed (Art 59(2))
  const up = (query, bytes) => call(s, 'POST', `/api/v1/evidence?${query}`, bytes, { token: A.officer.token, type: 'application/octet-stream' });
  const photo = Buffer.from('现场照片：文二路88号门前遮阳棚');
  const e1 = await up(`kind=audiovisual&case_id=${id}&collectors=${A.o1.id},${A.o2.id}&collected_at=2026-03-03T01:40:00Z` +
    `&place_address=${encodeURIComponent('文二路88号门前')}&description=${encodeURIComponent('遮阳棚现场照片')}`, photo);
  assert.equal(e1.status, 201, e1.text);
  const e2 = await up(`kind=documentary&collectors=${A.o2.id},${A.o1.id}&collected_at=2026-03-05T16:20:00Z&filename=${encodeURIComponent('情况说明.pdf')}`,
    Buffer.from('%PDF-1.4 占道情况说明'));
  assert.equal(e2.status, 201, e2.text);
  assert.equal((await A.officer('POST', `/api/v1/evidence/${e2.body.id}/attachments`, { case_id: caseNo })).status, 201);
  const e3 = await up(`kind=physical&case_id=OTHER-CASE&description=${encodeURIComponent('别案物证')}`, Buffer.from('other'));
  assert.equal(e3.status, 201, e3.text);
  const inventoryEarly = await A.officer('GET', `/api/v1/cases/${id}/documents/evidence_inventory`);
  assert.equal(inventoryEarly.status, 409, inventoryEarly.text);
  assert.equal(inventoryEarly.body.step, 'decide_penalty');
  await ok(A.head, id, 'decide_penalty', {
    penalty: { types: ['fine'], fine_fen: 10000000 }, decision_date: '2026-05-06', discretion: { circumstances: { area_m2: 15 } },
  });

  const docs = await docsOf(id);
  assert.deepEqual(docs.map((d) => d.template), ['case_filing', 'inspection_record', 'inquiry_record', 'preservation_notice',
    'preservation_decision', 'prior_notice', 'hearing_notice', 'hearing_record', 'legal_review', 'collective_discussion', 'decision',
    'evidence_inventory']);
  const by = Object.fromEntries(docs.map((d) => [d.template, d]));
  const o1 = `${A.o1.name}（执法证号：${A.o1.cert_no}）`, o2 = `${A.o2.name}（执法证号：${A.o2.cert_no}）`;
  const law = ['《城市道路管理条例》第二十七条第一款第三项', '《城市道路管理条例》第四十二条第二款'];

  // Art 55: officers with certificate numbers, time, place, the party, the summary, signatures
  has(await docText(id, by.inspection_record), ['现场检查笔录', '2026年3月3日9时30分至10时15分', '文二路88号门前人行道', o1, o2,
    '杭州某某餐饮有限公司', '孙某', '法定代表人', '占用面积约15平方米', '现场负责人签名', '检查人员签名', '记录人：' + A.o2.name], 'inspection record');
  has(await docText(id, by.inquiry_record), ['调查询问笔录', '询问日期：二〇二六年三月四日（起止时间未记录）', '（笔录未记录地点）', o2, o1,
    '被询问人：孙某', '当事人的法定代表人', '杭州某某餐饮有限公司', '陈述、申辩和申请执法人员回避的权利', '孙某承认未经批准占用人行道经营',
    '被询问人签名', '询问人签名'], 'inquiry record');
  has(await docText(id, by.preservation_notice), ['先行登记保存证据通知书', caseNo, '杭州某某餐饮有限公司', '第五十六条', '本局暂扣物品仓库',
    '保存方式：封存', '遮阳棚', '3m×5m', '折叠桌椅', '6套', '即于二〇二六年四月十四日前依法作出处理决定', '二〇二六年四月二日'], 'preservation notice');
  has(await docText(id, by.hearing_notice), ['听证通知书', '2026年4月28日14时30分', '西湖区综合行政执法局三楼听证室', `由${A.presiding.name}担任主持人`,
    '钱某担任记录员', '申请回避', '一至二人代理', '视为放弃听证权利', '不承担行政机关组织听证的费用', '本通知书于二〇二六年四月十六日送达',
    '第六十四条', '二〇二六年四月十六日'], 'hearing notice');
  has(await docText(id, by.preservation_decision), ['先行登记保存证据处理决定书', caseNo, '杭州某某餐饮有限公司', '于二〇二六年四月二日',
    '本局暂扣物品仓库', '遮阳棚', '3m×5m', '折叠桌椅', '将上述物品送交检测、检验、检疫或者技术鉴定', '送浙江省质量检测研究院检验遮阳棚的材质',
    '即二〇二六年四月十四日前', `向${CASE_SETTINGS.reconsideration_body}申请行政复议`, o1, '当事人签收'], 'preservation decision');
  const hr = await docText(id, by.hearing_record);
  has(hr, ['听证笔录', '2026年4月28日14时30分至16时05分', '西湖区综合行政执法局三楼听证室', `主持人：${A.presiding.name}`, '记录员：钱某',
    '孙某（法定代表人）、李某（委托代理人）', o1, o2, '一、案件调查人员提出的违法事实、证据和行政处罚建议', HEARD.investigators_case,
    '二、当事人的陈述、申辩和质证意见', HEARD.statement, '三、听证主持人意见', HEARD.conclusion, '第六十四条',
    '由听证主持人在笔录中注明', '当事人（代理人）签名', '记录员签名'], 'hearing record');
  // Art 59(2): the decision names its evidence, the inventory lists each piece with digest and collectors
  const sha1 = createHash('sha256').update(photo).digest('hex'), sha2 = e2.body.sha256;
  const group = (h) => h.slice(0, 16).match(/.{4}/g).join('');
  const inv = await docText(id, by.evidence_inventory);
  has(inv, ['证据清单', by.decision.number, '遮阳棚现场照片', '视听资料', group(sha1), `${A.o1.name}、${A.o2.name}`,
    '2026年3月3日9时40分', '文二路88号门前', '情况说明.pdf', '书证', group(sha2), '2026年3月3日现场检查笔录一份',
    `《行政处罚决定书》${by.decision.number}的附件`, '第五十九条第一款第二项'], 'evidence inventory');
  // collected 16:20 UTC on 03-05 is 00:20 on 03-06 in China (the cell wraps, so the text interleaves)
  assert.match(inv, /2026年3月6.{0,12}日0时20分/, inv);
  assert.ok(!inv.includes('别案物证'), "another case's evidence is not listed");
  // each 笔录 is listed with its digest: SHA-256 of the canonical JSON of its state, the
  // same bytes its ledger entry commits to as H(salt || state)
  const view = await A.officer('GET', `/api/v1/cases/${id}`);
  assert.equal(view.body.records.length, 2);
  for (const r of view.body.records) {
    const { digest, ...rest } = r;
    assert.match(digest, /^[0-9a-f]{64}$/);
    const state = { ...rest, officers: s.sql(`SELECT officers FROM case_records WHERE public_id = '${r.id}'`).trim() };
    const canon = JSON.stringify(Object.fromEntries(Object.keys(state).sort().map((k) => [k, state[k]])));
    assert.equal(createHash('sha256').update(canon).digest('hex'), digest, 'the digest is SHA-256 of the canonical state');
    const [salt, ledgerDigest] = s.sql(`SELECT salt, state_digest FROM ledger_entries WHERE obj_type = 'case_record' AND obj_id = '${r.id}'`).trim().split('|');
    assert.equal(createHash('sha256').update(Buffer.concat([Buffer.from(salt, 'hex'), Buffer.from(canon)])).digest('hex'), ledgerDigest,
      'the ledger entry commits to the same bytes');
    assert.ok(inv.includes(`SHA-256摘要${group(digest)}…`), `the inventory prints the record's digest:\n${inv}`);
  }
  assert.notEqual(view.body.records[0].digest, view.body.records[1].digest);
  // the case's evidence is found by its id or its number, filed or attached, also what
  // came after the decision; the decision's inventory stays as it was made
  const e4 = await up(`kind=documentary&case_id=${encodeURIComponent(caseNo)}&description=${encodeURIComponent('整改后复查照片')}`, Buffer.from('复查'));
  assert.equal(e4.status, 201, e4.text);
  for (const key of [id, caseNo]) {
    const l = await A.officer('GET', `/api/v1/evidence?case_id=${encodeURIComponent(key)}`);
    assert.equal(l.status, 200, l.text);
    assert.deepEqual(l.body.items.map((e) => e.id).sort(), [e1.body.id, e2.body.id, e4.body.id].sort(), key);
  }
  assert.ok(!(await docText(id, by.evidence_inventory)).includes('整改后复查照片'), 'added after the decision: not in its inventory');
  assert.deepEqual((await A.officer('GET', `/api/v1/cases/${id}`)).body.records.map((r) => r.digest),
    view.body.records.map((r) => r.digest), 'the same digest on every read');
  has(await docText(id, by.decision), ['视听资料：遮阳棚现场照片（SHA-256摘要' + sha1.slice(0, 4),
    `书证：情况说明.pdf（SHA-256摘要${sha2.slice(0, 4)}`], 'decision names its evidence');
  has(await docText(id, by.legal_review), ['法制审核意见书', `承办人：${A.o1.name}、${A.o2.name}`, ...law, '通过。',
    '事实清楚，证据确凿', `${A.lawyer.name}（执法证号：${A.lawyer.cert_no}；已取得法律职业资格）`, '第五十八条', '审核人员签名'], 'legal review');
  has(await docText(id, by.collective_discussion), ['集体讨论记录', '局长周某、副局长吴某、副局长郑某', '本局二楼会议室', '王某',
    '罚款人民币壹拾万元整（¥100,000.00）', '同意承办机构意见', '第五十七条第二款', '出席人员签名'], 'collective discussion');
  has(await docText(id, by.decision), ['行政处罚决定书', `违反了${law.join('、')}的规定`, '本案适用行政处罚裁量基准（2025.1版）规则CG010203-R2',
    '第二档：占用面积10至20平方米', '¥50,000.00至¥150,000.00', `依据${law.join('、')}及《杭州市城市管理行政处罚裁量基准》的规定`,
    '六十日内', '六个月内', '二〇二六年五月六日',
    // Art 59(4)(5), Art 67: the agency's own bank, account, 复议机关 and court
    `持本决定书到${CASE_SETTINGS.payment_bank}（户名：${CASE_SETTINGS.payment_account_name}；账号：${CASE_SETTINGS.payment_account_no}）缴纳罚款`,
    `向${CASE_SETTINGS.reconsideration_body}申请行政复议`, `直接向${CASE_SETTINGS.court}提起行政诉讼`], 'decision');
  assert.ok(!(await docText(id, by.decision)).includes('未设置'), 'the decision has no gap');
  // the prior notice and the filing form cite the catalog, not a placeholder
  for (const t of ['case_filing', 'prior_notice']) {
    const text = await docText(id, by[t]);
    has(text, law, t);
    assert.ok(!text.includes('所列法律依据'), `${t} carries no placeholder`);
  }
  has(await docText(id, by.case_filing), ['案件来源监督检查中发现'], 'filing form');
  // Art 63: 100,000 yuan for an organisation gives the right to a hearing, and the notice says so
  has(await docText(id, by.prior_notice), ['1．2026年3月3日现场检查笔录一份', '有权要求举行听证', '二〇二六年四月十三日',
    `联系电话：${CASE_SETTINGS.contact_phone}`, `联系地址：${CASE_SETTINGS.contact_address}`], 'prior notice');
  assert.match(zhifa(['ledger', 'verify', '--db', s.db.url]), /^ok: /);
});

test('an item not in the catalog on the violation date: refused as a lead; a case from before that rule gets documents that say so rather than cite a law', async () => {
  // CG010204 enters the catalog on 2026-03-01; a violation on 2026-02-20 cannot be a lead for it
  const refused = await A.officer('POST', '/api/v1/cases', lead(person, { item_code: 'CG010204', cause: '擅自挖掘城市道路' }));
  assert.equal(refused.status, 400, refused.text);
  assert.ok(refused.body.errors.some((e) => e.field === 'item_code'), refused.text);
  // a case registered before the rule existed (an older database): its violation date is
  // set back behind the program, as such a row would hold it
  const c = await A.officer('POST', '/api/v1/cases', lead(person, { item_code: 'CG010204', cause: '擅自挖掘城市道路', violation_date: '2026-03-01', discovery_date: '2026-03-01' }));
  assert.equal(c.status, 201, c.text);
  s.sql(`UPDATE cases SET violation_date = '2026-02-20' WHERE public_id = '${c.body.id}'`);
  await ok(A.head, c.body.id, 'file_case', { filing_date: '2026-03-02' });
  const [form] = await docsOf(c.body.id);
  assert.equal(form.template, 'case_filing');
  const text = await docText(c.body.id, form);
  has(text, ['法律依据未能确定：执法事项CG010204于二〇二六年二月二十日不在执法事项目录中，须核实后补正', '赵某'], 'filing form');
  assert.ok(!text.includes('第四十二条'), 'no article is invented from a later version');
  // the same item in force on the violation date cites it
  const c2 = await A.officer('POST', '/api/v1/cases', lead(person, { item_code: 'CG010204', cause: '擅自挖掘城市道路', violation_date: '2026-03-01', discovery_date: '2026-03-01' }));
  assert.equal(c2.status, 201, c2.text);
  await ok(A.head, c2.body.id, 'file_case', { filing_date: '2026-03-02' });
  has(await docText(c2.body.id, (await docsOf(c2.body.id))[0]), ['《城市道路管理条例》第四十二条第一款'], 'filing form in force');
});

test("the agency's own facts: set in its case configuration, checked, printed on the decision; a fine is not decided without them", async () => {
  const path = `/api/v1/agencies/${A.agency.id}/case-config`;
  const got = await A.head('GET', path);
  assert.equal(got.status, 200, got.text);
  for (const [k, v] of Object.entries(CASE_SETTINGS)) assert.equal(got.body.effective[k], v, k);
  assert.equal(got.body.effective.payment_electronic, null, 'not set: null, never a default');
  // bad values: 400 naming the field, nothing written
  for (const [body, field] of [
    [{ payment_account_no: '1904 5101 0400 12345' }, 'payment_account_no'], // digits only
    [{ payment_account_no: '1234567' }, 'payment_account_no'],              // 8..32 digits
    [{ contact_phone: '0571-8700abcd' }, 'contact_phone'],
    [{ contact_phone: '1234' }, 'contact_phone'],
    [{ court: '杭州市西湖区人民法院'.repeat(7) }, 'court'],                  // 70 characters > 60
    [{ payment_bank: 12 }, 'payment_bank'],
    [{ reconsideration_body: '政府\n' }, 'reconsideration_body'],
  ]) {
    const r = await A.head('PUT', path, { ...CASE_SETTINGS, ...body });
    assert.equal(r.status, 400, r.text);
    assert.deepEqual(r.body.errors.map((e) => e.field), [field], JSON.stringify(body));
  }
  assert.deepEqual((await A.head('GET', path)).body, got.body, 'nothing written');
  // another agency's configuration is not the head's to see or set
  const B = await newAgency(s, { name: '滨江区综合行政执法局', region_code: '330108', kind: 'comprehensive', domain: '' });
  assert.equal((await A.head('GET', `/api/v1/agencies/${B.id}/case-config`)).status, 404);
  assert.equal((await A.head('PUT', `/api/v1/agencies/${B.id}/case-config`, CASE_SETTINGS)).status, 404);

  // an on-the-spot fine: the form prints the agency's bank, account, 复议机关 and court
  let day = 40;
  const spot = (penalty) => A.officer('POST', '/api/v1/cases/summary', {
    party_id: person.id, item_code: 'CG010203', cause: '擅自占用城市道路', place_region: '330106', place: '文二路',
    violation_date: todayCN(-day--), penalty, officers: [A.o1.id, A.o2.id],
    // CG010203 has a benchmark (Art 34): its first tier starts at 10,000 yuan, far above
    // Art 51's limit, so an on-the-spot penalty departs from it and says why
    discretion: { circumstances: { area_m2: 5 }, reason_outside: '占道约五平方米，当场清理完毕，依简易程序处罚' },
  });
  const e = { ...CASE_SETTINGS, payment_electronic: '浙里办“统一公共支付平台”' };
  assert.equal((await A.head('PUT', path, e)).status, 200);
  const fined = await spot({ types: ['fine'], fine_fen: 15000 });
  assert.equal(fined.status, 201, fined.text);
  const [form] = await docsOf(fined.body.id);
  has(await docText(fined.body.id, form), ['当场行政处罚决定书', CASE_SETTINGS.payment_bank, CASE_SETTINGS.payment_account_no,
    '或者通过电子支付系统缴纳（浙里办“统一公共支付平台”）', `六十日内先向${CASE_SETTINGS.reconsideration_body}申请行政`,
    `十五日内向${CASE_SETTINGS.court}提起行政诉讼`,
    '本案适用行政处罚裁量基准（2025.1版）规则CG010203-R1', '超出该幅度的理由：占道约五平方米'], 'on-the-spot decision');
  assert.equal(fined.body.flagged_for_supervision, true, 'a departure is flagged');

  // without the bank and account a fine is refused (Art 59(4), Art 67), naming what is missing;
  // a warning has nothing to pay and is decided
  const { payment_bank, payment_account_name, payment_account_no, ...rest } = CASE_SETTINGS;
  assert.ok(payment_bank && payment_account_name && payment_account_no);
  assert.equal((await A.head('PUT', path, rest)).status, 200);
  const before = (await A.officer('GET', '/api/v1/cases?limit=500')).body.items.length;
  const refused = await spot({ types: ['fine'], fine_fen: 15000 });
  assert.equal(refused.status, 409, refused.text);
  assert.equal(refused.body.code, 'requirements_unmet');
  const u = refused.body.unmet.find((x) => x.code === 'agency_payment_settings');
  assert.ok(u, refused.text);
  assert.match(u.zh, /代收罚款银行/);
  assert.equal(u.detail, '未设置：代收罚款银行、收款户名、收款账号');
  assert.match(u.article, /第五十九条/);
  assert.equal((await A.officer('GET', '/api/v1/cases?limit=500')).body.items.length, before, 'nothing written');
  assert.equal((await spot({ types: ['warning'] })).status, 201);
  // without the court every decision is refused (Art 59(5))
  const { court, ...noCourt } = CASE_SETTINGS;
  assert.ok(court);
  assert.equal((await A.head('PUT', path, noCourt)).status, 200);
  const w = await spot({ types: ['warning'] });
  assert.equal(w.status, 409, w.text);
  assert.deepEqual(w.body.unmet.map((x) => x.code), ['agency_remedy_settings']);
  assert.equal((await A.head('PUT', path, CASE_SETTINGS)).status, 200);
});
