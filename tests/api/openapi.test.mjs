// The OpenAPI document (docs/openapi.yaml, architecture §8): it is what the server
// serves, it lints clean, it names every route of the routing table with the same
// permission, its record schemas are the field tables' own, and real answers fit it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import {
  importCatalogItems,
  ROOT, startServer, call, zhifa, seedRegions, newAgency, setCaseSettings, CASE_SETTINGS, newUscc, idNumber, userWithToken,
} from './lib.mjs';

const DOC_PATH = join(ROOT, 'docs', 'openapi.yaml');
const DOC_BYTES = readFileSync(DOC_PATH);
const doc = parseYaml(DOC_BYTES.toString('utf8'));

// Operations documented ahead of the code that serves them. Each leaves this list in
// the commit that adds its route to src/api/routes.c (the test below insists).
const PLANNED = [
];

// Findings of the recommended ruleset that are true of this API, each with its reason.
// Every entry must still be hit: a stale exception fails the lint test.
const LINT_EXCEPTIONS = {
  'info-license': {
    '#/info': 'the project has not chosen a license yet',
  },
  'operation-4xx-response': {
    '#/paths/~1healthz/get/responses': 'liveness has no client error to report',
    '#/paths/~1api~1v1~1openapi.yaml/get/responses': 'a public constant document',
  },
};

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function docOperations() {
  const ops = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const m of METHODS) if (item[m]) ops.push({ key: `${m.toUpperCase()} ${path}`, path, method: m, op: item[m], item });
  }
  return ops;
}

function tableRoutes() {
  return zhifa(['routes']).trim().split('\n').map((line) => {
    const [method, pattern, permission, ...rest] = line.split(' ');
    assert.equal(rest.length, 0, `one route a line: ${line}`);
    return { method, pattern, permission, key: `${method} ${pattern}` };
  });
}

// Follows a local $ref ("#/components/...") to its target.
function deref(node) {
  while (node && node.$ref) {
    assert.match(node.$ref, /^#\//, `local refs only: ${node.$ref}`);
    node = node.$ref.slice(2).split('/').reduce((o, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
    assert.ok(node, 'ref resolves');
  }
  return node;
}

// OpenAPI 3.0 schema → JSON Schema draft-07 for ajv: nullable becomes a null type (and a
// null enum member); refs into #/components/schemas point into `definitions`.
function toJsonSchema(s) {
  if (Array.isArray(s)) return s.map(toJsonSchema);
  if (!s || typeof s !== 'object') return s;
  const out = {};
  for (const [k, v] of Object.entries(s)) {
    if (k === 'nullable') continue;
    if (k === '$ref') out.$ref = v.replace('#/components/schemas/', 'doc#/definitions/');
    else if (k === 'properties') out.properties = Object.fromEntries(Object.entries(v).map(([p, ps]) => [p, toJsonSchema(ps)]));
    else out[k] = toJsonSchema(v);
  }
  if (s.nullable === true) {
    if (out.type) out.type = [out.type, 'null'];
    if (out.enum) out.enum = [...out.enum, null];
  }
  return out;
}

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
ajv.addSchema({ $id: 'doc', definitions: toJsonSchema(doc.components.schemas) });

// Checks a real answer against the documented operation: the status is one the document
// lists for it, the media type is the documented one, and the body fits the schema.
function assertDocumented(method, pattern, r) {
  const op = doc.paths[pattern]?.[method.toLowerCase()];
  assert.ok(op, `${method} ${pattern} is documented`);
  const resp = deref(op.responses[String(r.status)]);
  assert.ok(resp, `${method} ${pattern} documents status ${r.status} (got ${r.text.slice(0, 200)})`);
  if (!resp.content) {
    assert.equal(r.text, '', `${method} ${pattern} ${r.status} has no body`);
    return;
  }
  const type = (r.headers.get('content-type') || '').split(';')[0].trim();
  const media = resp.content[type];
  assert.ok(media, `${method} ${pattern} ${r.status} is documented as ${Object.keys(resp.content)}, served as ${type}`);
  if (type === 'application/json' || type === 'application/problem+json') {
    const validate = ajv.compile(toJsonSchema(media.schema));
    assert.ok(validate(r.body), `${method} ${pattern} ${r.status}: ${ajv.errorsText(validate.errors)}\n${r.text}`);
  }
}

let s;
before(async () => { s = await startServer('openapi'); await seedRegions(s); });
after(async () => { await s.stop(); });

test('the served document is docs/openapi.yaml byte for byte', async () => {
  const r = await fetch(`${s.url}/api/v1/openapi.yaml`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^application\/yaml/);
  assert.ok(Buffer.from(await r.arrayBuffer()).equals(DOC_BYTES), 'served bytes differ from docs/openapi.yaml: rebuild bin/zhifa');
});

test('the document lints clean with Redocly\'s recommended rules, offline', async () => {
  const ignore = { [DOC_PATH]: {} };
  for (const [rule, where] of Object.entries(LINT_EXCEPTIONS)) ignore[DOC_PATH][rule] = new Set(Object.keys(where));
  // no configPath: nothing is read but the document; recommended is built in
  const config = await createConfig({ extends: ['recommended'] }, { ignore });
  const problems = await lintFromString({ source: DOC_BYTES.toString('utf8'), absoluteRef: DOC_PATH, config });
  const shown = (p) => `${p.severity} ${p.ruleId} ${p.location?.[0]?.pointer}: ${p.message}`;
  assert.deepEqual(problems.filter((p) => !p.ignored).map(shown), []);
  const hit = new Set(problems.filter((p) => p.ignored).map((p) => `${p.ruleId} ${p.location?.[0]?.pointer}`));
  for (const [rule, where] of Object.entries(LINT_EXCEPTIONS)) {
    for (const pointer of Object.keys(where)) assert.ok(hit.has(`${rule} ${pointer}`), `stale lint exception: ${rule} ${pointer}`);
  }
});

test('every route of the table is documented with its method, path and permission', () => {
  const routes = tableRoutes();
  assert.ok(routes.length >= 20, 'zhifa routes prints the table');
  for (const rt of routes) {
    const op = doc.paths[rt.pattern]?.[rt.method.toLowerCase()];
    assert.ok(op, `${rt.key} is missing from docs/openapi.yaml`);
    assert.equal(op['x-permission'], rt.permission, `${rt.key}: x-permission`);
    if (rt.permission === 'public') assert.deepEqual(op.security, [], `${rt.key}: public routes carry security: []`);
    else assert.notDeepEqual(op.security, [], `${rt.key}: needs a token, so no security: []`);
  }
});

test('path parameters are named as in the route pattern, and declared once each', () => {
  for (const { key, path, op, item } of docOperations()) {
    const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
    const declared = [...(item.parameters || []), ...(op.parameters || [])].map(deref)
      .filter((p) => p.in === 'path').map((p) => p.name).sort();
    assert.deepEqual(declared, inPath, key);
  }
});

test('every documented operation is routed, except the planned ones; planned ones are not yet routed', () => {
  const routed = new Set(tableRoutes().map((r) => r.key));
  const unrouted = docOperations().map((o) => o.key).filter((k) => !routed.has(k)).sort();
  assert.deepEqual(unrouted, [...PLANNED].sort(), 'documented but not routed must equal PLANNED (drop an entry when its route lands)');
  for (const { key, op } of docOperations()) {
    assert.match(op['x-permission'] || '', /^[a-z_]+$/, `${key}: x-permission`);
  }
});

for (const [name, component] of [['region', 'Region'], ['agency', 'Agency'], ['officer', 'Officer'], ['user', 'User'],
  ['catalog_claim', 'CatalogClaim'], ['township_list_item', 'TownshipListItem'],
  ['evidence', 'Evidence'], ['evidence_grant', 'EvidenceGrant'], ['evidence_attachment', 'EvidenceAttachment'],
  ['evidence_preservation', 'EvidencePreservation'], ['discretion_table', 'DiscretionTable'], ['party', 'Party'], ['case', 'Case']]) {
  test(`components.schemas.${component} is exactly \`zhifa schema ${name}\``, () => {
    assert.deepEqual(doc.components.schemas[component], JSON.parse(zhifa(['schema', name])));
  });
}

test('components.schemas.CatalogDisputeRead is `zhifa schema catalog_dispute` with the deadline computed on read', () => {
  const want = JSON.parse(zhifa(['schema', 'catalog_dispute']));
  const got = structuredClone(doc.components.schemas.CatalogDisputeRead);
  for (const m of ['due_date', 'provisional', 'overdue']) {
    assert.equal(got.properties[m].readOnly, true, m);
    delete got.properties[m];
  }
  delete got.description;
  assert.deepEqual(got, want);
});

test('PATCH bodies name only client-writable members of their record, by reference', () => {
  for (const [patch, record] of [['AgencyPatch', 'Agency'], ['OfficerPatch', 'Officer'], ['EvidencePatch', 'Evidence']]) {
    const rec = doc.components.schemas[record];
    for (const [member, sch] of Object.entries(doc.components.schemas[patch].properties)) {
      assert.equal(sch.$ref, `#/components/schemas/${record}/properties/${member}`, `${patch}.${member}`);
      assert.ok(rec.properties[member] && !rec.properties[member].readOnly, `${patch}.${member} is writable in ${record}`);
    }
  }
});

test('the response validator is not vacuous: answers that break the schema fail', () => {
  const agency = ajv.compile({ $ref: 'doc#/definitions/Agency' });
  const ok = { id: 'x', name: '执法局', uscc: '91330106MA2K000050', region_code: '330106', region_name: '西湖区', kind: 'township', domain: '', created_at: '2026-01-01T00:00:00.000Z', updated_at: '2026-01-01T00:00:00.000Z' };
  assert.ok(agency(ok), ajv.errorsText(agency.errors));
  assert.equal(agency({ ...ok, kind: 'bogus' }), false);
  assert.equal(agency({ ...ok, extra: 1 }), false);
  assert.equal(agency({ ...ok, domain: null }), false);
  const officer = ajv.compile({ $ref: 'doc#/definitions/Officer' });
  assert.equal(officer({ agency_id: 'a', name: 'n', id_number: 'x', cert_no: 'c', cert_issued: '2020-01-01', cert_expires: null }), true, ajv.errorsText(officer.errors));
  assert.equal(officer({ agency_id: 'a', name: 'n', id_number: 'x', cert_no: 'c', cert_issued: '2020-13-01' }), false);
});

test('real answers fit the document: platform, auth, calendar', async () => {
  assertDocumented('GET', '/healthz', await call(s, 'GET', '/healthz'));
  assertDocumented('GET', '/metrics', await s.api('GET', '/metrics'));
  assertDocumented('POST', '/api/v1/auth/login', await call(s, 'POST', '/api/v1/auth/login', { username: 'admin', password: 'Admin-pass-2026' }));
  assertDocumented('POST', '/api/v1/auth/login', await call(s, 'POST', '/api/v1/auth/login', { username: 'admin', password: 'wrong' }));
  assertDocumented('POST', '/api/v1/auth/login', await call(s, 'POST', '/api/v1/auth/login', { username: 7 }));
  assertDocumented('GET', '/api/v1/me', await s.api('GET', '/api/v1/me'));
  assertDocumented('GET', '/api/v1/me', await call(s, 'GET', '/api/v1/me'));
  assertDocumented('GET', '/api/v1/calendar/deadline', await s.api('GET', '/api/v1/calendar/deadline?start=2026-09-30&days=5&unit=working'));
  assertDocumented('GET', '/api/v1/calendar/deadline', await s.api('GET', '/api/v1/calendar/deadline?start=2026-02-30&days=-1&unit=weeks'));
  assertDocumented('GET', '/api/v1/calendar/years', await s.api('GET', '/api/v1/calendar/years'));
  const t = (await call(s, 'POST', '/api/v1/auth/login', { username: 'admin', password: 'Admin-pass-2026' })).body.token;
  assertDocumented('POST', '/api/v1/auth/logout', await call(s, 'POST', '/api/v1/auth/logout', undefined, { token: t }));
});

test('real answers fit the document: regions, agencies, officers and their problems', async () => {
  const region = await s.api('POST', '/api/v1/regions', { code: '330110', name: '余杭区' });
  assert.equal(region.status, 201, region.text);
  assertDocumented('POST', '/api/v1/regions', region);
  assertDocumented('POST', '/api/v1/regions', await s.api('POST', '/api/v1/regions', { code: '330110', name: '余杭区' })); // 409
  assertDocumented('GET', '/api/v1/regions', await s.api('GET', '/api/v1/regions?parent_code=330100&limit=2'));
  assertDocumented('GET', '/api/v1/regions/{code}', await s.api('GET', '/api/v1/regions/330110'));
  assertDocumented('GET', '/api/v1/regions/{code}', await s.api('GET', '/api/v1/regions/339999'));

  const agency = await s.api('POST', '/api/v1/agencies', { name: '西湖区市场监督管理局', uscc: newUscc(), region_code: '330106', kind: 'departmental' });
  assert.equal(agency.status, 201, agency.text);
  assertDocumented('POST', '/api/v1/agencies', agency);
  const dup = await s.api('POST', '/api/v1/agencies', { name: '重复', uscc: agency.body.uscc, region_code: '330106', kind: 'departmental' });
  assert.equal(dup.status, 409, dup.text);
  assertDocumented('POST', '/api/v1/agencies', dup);
  const bad = await s.api('POST', '/api/v1/agencies', { name: '', uscc: '123', kind: 'other', color: 'red' });
  assert.equal(bad.status, 400, bad.text);
  assert.ok(bad.body.errors.length >= 4);
  assertDocumented('POST', '/api/v1/agencies', bad);
  assertDocumented('GET', '/api/v1/agencies', await s.api('GET', '/api/v1/agencies?limit=1'));
  assertDocumented('GET', '/api/v1/agencies', await s.api('GET', '/api/v1/agencies?limit=0'));
  assertDocumented('GET', '/api/v1/agencies', await call(s, 'GET', '/api/v1/agencies'));
  assertDocumented('GET', '/api/v1/agencies/{id}', await s.api('GET', `/api/v1/agencies/${agency.body.id}`));
  assertDocumented('GET', '/api/v1/agencies/{id}', await s.api('GET', '/api/v1/agencies/no-such-agency'));
  assertDocumented('PATCH', '/api/v1/agencies/{id}', await s.api('PATCH', `/api/v1/agencies/${agency.body.id}`, { domain: '市场监管' }));

  const officer = await s.api('POST', '/api/v1/officers', {
    agency_id: agency.body.id, name: '张三', id_number: idNumber('33010619900101123'), cert_no: 'ZJ-OPENAPI-1', cert_issued: '2024-03-01',
  });
  assert.equal(officer.status, 201, officer.text);
  assertDocumented('POST', '/api/v1/officers', officer);
  assertDocumented('GET', '/api/v1/officers', await s.api('GET', `/api/v1/officers?agency_id=${agency.body.id}`));
  assertDocumented('PATCH', '/api/v1/officers/{id}', await s.api('PATCH', `/api/v1/officers/${officer.body.id}`, { cert_expires: null, training_hours: 40 }));
  assertDocumented('GET', '/api/v1/officers/{id}', await s.api('GET', `/api/v1/officers/${officer.body.id}`));

  // an officer (role) may read but not write regions: 403
  const other = await newAgency(s);
  const officerToken = await userWithToken(s, 'openapi_officer', 'officer', { agency: other.id });
  assertDocumented('POST', '/api/v1/regions', await call(s, 'POST', '/api/v1/regions', { code: '330111', name: '富阳区' }, { token: officerToken }));
  assertDocumented('GET', '/api/v1/officers', await call(s, 'GET', '/api/v1/officers', undefined, { token: officerToken }));
});

test('real answers fit the document: body limits and idempotency', async () => {
  const big = await s.api('POST', '/api/v1/agencies', JSON.stringify({ name: 'x'.repeat(1100000) }));
  assert.equal(big.status, 413, big.text.slice(0, 200));
  assertDocumented('POST', '/api/v1/agencies', big);
  const key = { 'Idempotency-Key': 'openapi-test-0001' };
  const first = await s.api('POST', '/api/v1/agencies', { name: '幂等执法局', uscc: newUscc(), region_code: '330106', kind: 'township' }, key);
  assertDocumented('POST', '/api/v1/agencies', first);
  const reused = await s.api('POST', '/api/v1/regions', { code: '330112', name: '临安区' }, key);
  assert.equal(reused.status, 422, reused.text);
  assertDocumented('POST', '/api/v1/regions', reused);
  const calendar = await s.api('PUT', '/api/v1/calendar/years/2031', 'not a calendar', { type: 'text/plain' });
  assert.equal(calendar.status, 400, calendar.text);
  assertDocumented('PUT', '/api/v1/calendar/years/{year}', calendar);
});

test('real answers fit the document: the catalog, its change requests and their refusals', async () => {
  const csvType = { type: 'text/csv; charset=utf-8' };
  const body = 'code,name,kind,domain,legal_basis,level,mode,penalty_types,fine_min_fen,fine_max_fen,effective_from\n' +
    'SC900001,对未取得食品生产经营许可从事食品生产经营活动的行政处罚,penalty,市场监管,《中华人民共和国食品安全法》第一百二十二条第一款,county,departmental,没收违法所得;没收非法财物;罚款,5000000,,2023-01-01\n';
  const imp = await s.api('POST', '/api/v1/catalog/import', body, csvType);
  assert.equal(imp.status, 200, imp.text);
  assertDocumented('POST', '/api/v1/catalog/import', imp);
  assertDocumented('POST', '/api/v1/catalog/import', await s.api('POST', '/api/v1/catalog/import', body, csvType));
  assertDocumented('POST', '/api/v1/catalog/import', await s.api('POST', '/api/v1/catalog/import', body));
  assertDocumented('GET', '/api/v1/catalog/items', await s.api('GET', '/api/v1/catalog/items?q=食品生产'));
  assertDocumented('GET', '/api/v1/catalog/items', await s.api('GET', '/api/v1/catalog/items?as_of=soon'));
  assertDocumented('GET', '/api/v1/catalog/items/{code}', await s.api('GET', '/api/v1/catalog/items/SC900001'));
  assertDocumented('GET', '/api/v1/catalog/items/{code}', await s.api('GET', '/api/v1/catalog/items/SC900001?as_of=2022-01-01'));
  assertDocumented('GET', '/api/v1/catalog/items/{code}/versions', await s.api('GET', '/api/v1/catalog/items/SC900001/versions'));
  assertDocumented('GET', '/api/v1/catalog/export.csv', await s.api('GET', '/api/v1/catalog/export.csv'));
  assertDocumented('GET', '/api/v1/catalog/export.xlsx', await s.api('GET', '/api/v1/catalog/export.xlsx'));
  assertDocumented('GET', '/api/v1/catalog/export.xlsx', await s.api('GET', '/api/v1/catalog/export.xlsx?as_of=2030-13-01'));
  const amend = { action: 'amend', item_code: 'SC900001', effective_date: '2199-01-01', proposal: { name: '新的名称' } };
  const p = await s.api('POST', '/api/v1/catalog/changes', amend);
  assert.equal(p.status, 201, p.text);
  assertDocumented('POST', '/api/v1/catalog/changes', p);
  assertDocumented('POST', '/api/v1/catalog/changes', await s.api('POST', '/api/v1/catalog/changes', { ...amend, proposal: { legal_basis: [] } }));
  assertDocumented('POST', '/api/v1/catalog/changes', await s.api('POST', '/api/v1/catalog/changes', { ...amend, action: 'add' }));
  assertDocumented('GET', '/api/v1/catalog/changes', await s.api('GET', '/api/v1/catalog/changes?status=proposed'));
  assertDocumented('GET', '/api/v1/catalog/changes/{id}', await s.api('GET', `/api/v1/catalog/changes/${p.body.id}`));
  const self = await s.api('POST', `/api/v1/catalog/changes/${p.body.id}/approve`);
  assert.equal(self.status, 403);
  assertDocumented('POST', '/api/v1/catalog/changes/{id}/approve', self);
  const other = await userWithToken(s, 'openapi_catalog', 'catalog_admin', { region: '330000' });
  const ok = await call(s, 'POST', `/api/v1/catalog/changes/${p.body.id}/approve`, { note: '同意' }, { token: other });
  assert.equal(ok.status, 200, ok.text);
  assertDocumented('POST', '/api/v1/catalog/changes/{id}/approve', ok);
  assertDocumented('POST', '/api/v1/catalog/changes/{id}/reject', await s.api('POST', `/api/v1/catalog/changes/${p.body.id}/reject`));
  assertDocumented('GET', '/api/v1/catalog/diff', await s.api('GET', '/api/v1/catalog/diff?from=2030-01-01&to=2199-01-01'));
  assertDocumented('GET', '/api/v1/catalog/diff', await s.api('GET', '/api/v1/catalog/diff'));
});

test('real answers fit the document: evidence', async () => {
  const agency = await newAgency(s);
  const other = await newAgency(s);
  const t = await userWithToken(s, 'openapi_ev', 'officer', { agency: agency.id });
  const u = await userWithToken(s, 'openapi_ev2', 'officer', { agency: other.id });
  const bytes = new TextEncoder().encode('openapi evidence bytes');
  const up = await call(s, 'POST', '/api/v1/evidence?kind=documentary&filename=a.txt&case_id=OA-1', bytes, { token: t, type: 'text/plain' });
  assert.equal(up.status, 201, up.text);
  assertDocumented('POST', '/api/v1/evidence', up);
  assertDocumented('POST', '/api/v1/evidence', await call(s, 'POST', '/api/v1/evidence?kind=nope', bytes, { token: t, type: 'text/plain' }));
  assertDocumented('POST', '/api/v1/evidence', await call(s, 'POST', '/api/v1/evidence?kind=documentary', bytes, { type: 'text/plain' }));
  const id = up.body.id;
  assertDocumented('GET', '/api/v1/evidence', await call(s, 'GET', '/api/v1/evidence?case_id=OA-1', undefined, { token: t }));
  assertDocumented('GET', '/api/v1/evidence/{id}', await call(s, 'GET', `/api/v1/evidence/${id}`, undefined, { token: t }));
  assertDocumented('GET', '/api/v1/evidence/{id}', await call(s, 'GET', `/api/v1/evidence/${id}`, undefined, { token: u }));
  assertDocumented('PATCH', '/api/v1/evidence/{id}', await call(s, 'PATCH', `/api/v1/evidence/${id}`, { description: '说明' }, { token: t }));
  assertDocumented('GET', '/api/v1/evidence/{id}/content', await call(s, 'GET', `/api/v1/evidence/${id}/content`, undefined, { token: t, Range: 'bytes=999-' }));
  const g = await call(s, 'POST', `/api/v1/evidence/${id}/grants`, { agency_id: other.id, purpose: '互认', until: '2099-01-01' }, { token: t });
  assertDocumented('POST', '/api/v1/evidence/{id}/grants', g);
  assertDocumented('GET', '/api/v1/evidence/{id}/grants', await call(s, 'GET', `/api/v1/evidence/${id}/grants`, undefined, { token: u }));
  assertDocumented('POST', '/api/v1/evidence/{id}/attachments', await call(s, 'POST', `/api/v1/evidence/${id}/attachments`, { case_id: 'OB-1' }, { token: u }));
  assertDocumented('PATCH', '/api/v1/evidence/{id}', await call(s, 'PATCH', `/api/v1/evidence/${id}`, { description: '改' }, { token: t }));
  assertDocumented('DELETE', '/api/v1/evidence/{id}/grants/{grant_id}', await call(s, 'DELETE', `/api/v1/evidence/${id}/grants/${g.body.id}`, undefined, { token: t }));
  assertDocumented('DELETE', '/api/v1/evidence/{id}/grants/{grant_id}', await call(s, 'DELETE', `/api/v1/evidence/${id}/grants/${g.body.id}`, undefined, { token: t }));
  assertDocumented('GET', '/api/v1/evidence/{id}/custody', await call(s, 'GET', `/api/v1/evidence/${id}/custody`, undefined, { token: t }));
  assertDocumented('POST', '/api/v1/evidence/{id}/preservation', await call(s, 'POST', `/api/v1/evidence/${id}/preservation`, { decided_on: '2026-09-30', approved_by: '局长' }, { token: t }));
  assertDocumented('POST', '/api/v1/evidence/{id}/preservation', await call(s, 'POST', `/api/v1/evidence/${id}/preservation`, { decided_on: 'x' }, { token: t }));
  assertDocumented('GET', '/api/v1/evidence/preservations', await call(s, 'GET', '/api/v1/evidence/preservations?overdue=true', undefined, { token: t }));
  assertDocumented('GET', '/api/v1/evidence/export', await call(s, 'GET', '/api/v1/evidence/export?case_id=NONE', undefined, { token: t }));
  const zip = await fetch(`${s.url}/api/v1/evidence/export?case_id=OA-1`, { headers: { Authorization: `Bearer ${t}` } });
  assert.equal(zip.status, 200);
  assert.ok(doc.paths['/api/v1/evidence/export'].get.responses['200'].content[zip.headers.get('content-type')]);
});

test('real answers fit the document: discretion benchmarks', async () => {
  const doc = readFileSync(join(ROOT, 'data', 'discretion', 'CG000041-2026.1.json'), 'utf8');
  const loaded = await s.api('POST', '/api/v1/discretion/tables', doc);
  assert.equal(loaded.status, 201, loaded.text);
  assertDocumented('POST', '/api/v1/discretion/tables', loaded);
  assertDocumented('POST', '/api/v1/discretion/tables', await s.api('POST', '/api/v1/discretion/tables', doc)); // 409
  assertDocumented('POST', '/api/v1/discretion/tables', await s.api('POST', '/api/v1/discretion/tables', { item_code: 'X' })); // 400
  assertDocumented('GET', '/api/v1/discretion/tables', await s.api('GET', '/api/v1/discretion/tables?item_code=CG000041'));
  assertDocumented('GET', '/api/v1/discretion/tables/{item_code}/{version}', await s.api('GET', '/api/v1/discretion/tables/CG000041/2026.1'));
  assertDocumented('GET', '/api/v1/discretion/tables/{item_code}/{version}', await s.api('GET', '/api/v1/discretion/tables/CG000041/1999.1'));
  const circumstances = JSON.parse(doc).tests[0].circumstances;
  const ev = await s.api('POST', '/api/v1/discretion/evaluate', { item_code: 'CG000041', date: '2026-02-01', circumstances });
  assert.equal(ev.status, 200, ev.text);
  assertDocumented('POST', '/api/v1/discretion/evaluate', ev);
  assertDocumented('POST', '/api/v1/discretion/evaluate', await s.api('POST', '/api/v1/discretion/evaluate', { item_code: 'CG000041', date: '2020-02-01', circumstances })); // 404
  assertDocumented('POST', '/api/v1/discretion/evaluate', await s.api('POST', '/api/v1/discretion/evaluate', { item_code: 'CG000041', date: '2026-02-01', circumstances: {} })); // 400
  assertDocumented('POST', '/api/v1/discretion/check', await s.api('POST', '/api/v1/discretion/check', { item_code: 'CG000041', date: '2026-02-01', circumstances, fine_fen: 500 }));
});

test('real answers fit the document: parties and cases', async () => {
  const agency = await newAgency(s, { kind: 'comprehensive', domain: '' });
  await setCaseSettings(s, agency.id);
  const offs = [];
  for (const n of ['1', '2']) {
    const o = await s.api('POST', '/api/v1/officers', { agency_id: agency.id, name: `办案${n}`, id_number: idNumber(`33010619880101${n}11`), cert_no: `ZJ-OPENAPI-CASE-${n}`, cert_issued: '2022-01-01' });
    assert.equal(o.status, 201, o.text);
    offs.push(o.body);
  }
  const officer = await userWithToken(s, 'openapi_case_officer', 'officer', { agency: agency.id });
  const head = await userWithToken(s, 'openapi_case_head', 'agency_head', { agency: agency.id });
  assertDocumented('PATCH', '/api/v1/users/{username}', await s.api('PATCH', '/api/v1/users/openapi_case_officer', { officer_id: offs[0].id }));
  const O = (m, p, b) => call(s, m, p, b, { token: officer });
  const party = await O('POST', '/api/v1/parties', { kind: 'organisation', name: '某某公司', uscc: newUscc() });
  assertDocumented('POST', '/api/v1/parties', party);
  assertDocumented('POST', '/api/v1/parties', await O('POST', '/api/v1/parties', { kind: 'person', name: 'x' }));
  assertDocumented('GET', '/api/v1/parties', await O('GET', '/api/v1/parties?q=某某'));
  await importCatalogItems(s, ['CG010203', 'CG010205']);
  const lead = await O('POST', '/api/v1/cases', { party_id: party.body.id, item_code: 'CG010203', cause: '占道经营', source: 'complaint', place_region: '330106', violation_date: '2026-03-01', discovery_date: '2026-03-02' });
  assertDocumented('POST', '/api/v1/cases', lead);
  assertDocumented('POST', '/api/v1/cases', await O('POST', '/api/v1/cases', { cause: 7 }));
  const id = lead.body.id;
  assertDocumented('GET', '/api/v1/cases/{id}', await O('GET', `/api/v1/cases/${id}`));
  assertDocumented('GET', '/api/v1/cases/{id}', await O('GET', '/api/v1/cases/nope'));
  assertDocumented('POST', '/api/v1/cases/{id}/actions/{action}', await O('POST', `/api/v1/cases/${id}/actions/file_case`, {}));
  assertDocumented('POST', '/api/v1/cases/{id}/actions/{action}', await O('POST', `/api/v1/cases/${id}/actions/submit_investigation`, {}));
  assertDocumented('POST', '/api/v1/cases/{id}/actions/{action}', await call(s, 'POST', `/api/v1/cases/${id}/actions/file_case`, { filing_date: '2026-03-03' }, { token: head }));
  assertDocumented('POST', '/api/v1/cases/{id}/records', await O('POST', `/api/v1/cases/${id}/records`, { kind: 'inquiry', date: '2026-03-04', officers: offs.map((o) => o.id) }));
  assertDocumented('GET', '/api/v1/cases', await O('GET', '/api/v1/cases?state=filed'));
  assertDocumented('GET', '/api/v1/cases', await O('GET', '/api/v1/cases?deadline=bogus'));
  assertDocumented('GET', '/api/v1/cases/worklist', await O('GET', '/api/v1/cases/worklist'));
  const spot = { party_id: party.body.id, item_code: 'CG010205', cause: '乱扔垃圾', place_region: '330106', violation_date: '2026-11-01', officers: offs.map((o) => o.id) };
  const summary = await O('POST', '/api/v1/cases/summary', { ...spot, penalty: { types: ['fine'], fine_fen: 300000 } });
  assertDocumented('POST', '/api/v1/cases/summary', summary);
  assertDocumented('POST', '/api/v1/cases/summary', await O('POST', '/api/v1/cases/summary', { ...spot, violation_date: '2026-11-02', penalty: { types: ['fine'], fine_fen: 300001 } }));
  const docs = await O('GET', `/api/v1/cases/${summary.body.id}/documents`);
  assertDocumented('GET', '/api/v1/cases/{id}/documents', docs);
  assertDocumented('GET', '/api/v1/cases/{id}/documents/{doc_id}', await O('GET', `/api/v1/cases/${summary.body.id}/documents/${docs.body.items[0].id}`));
  assertDocumented('GET', '/api/v1/parties/{id}', await O('GET', `/api/v1/parties/${party.body.id}`));
  const other = await newAgency(s, { region_code: '330106' });
  const dispatch = await userWithToken(s, 'openapi_dispatch', 'catalog_admin', { region: '330106' });
  const fan = { reference: '12345-OPENAPI-1', party_id: party.body.id, violation_date: '2026-03-01', place_region: '330106',
    agencies: [{ agency_id: agency.id, item_code: 'CG010203', cause: '占道经营' }, { agency_id: other.id, item_code: 'CG010203', cause: '占道经营' }] };
  assertDocumented('POST', '/api/v1/leads/fanout', await call(s, 'POST', '/api/v1/leads/fanout', fan, { token: dispatch }));
  assertDocumented('POST', '/api/v1/leads/fanout', await call(s, 'POST', '/api/v1/leads/fanout', fan, { token: dispatch })); // 409
  assertDocumented('POST', '/api/v1/leads/fanout', await call(s, 'POST', '/api/v1/leads/fanout', { ...fan, agencies: [] }, { token: dispatch })); // 400
  assertDocumented('GET', '/api/v1/agencies/{id}/case-config', await call(s, 'GET', `/api/v1/agencies/${agency.id}/case-config`, undefined, { token: head }));
  assertDocumented('PUT', '/api/v1/agencies/{id}/case-config', await call(s, 'PUT', `/api/v1/agencies/${agency.id}/case-config`, { ...CASE_SETTINGS, payment_electronic: 'https://pay.zjzwfw.gov.cn', hearing_fine_org_fen: 500000, hearing_extra_types: ['restrict_business'] }, { token: head }));
  assertDocumented('PUT', '/api/v1/agencies/{id}/case-config', await call(s, 'PUT', `/api/v1/agencies/${agency.id}/case-config`, { summary_fine_org_fen: 1 }, { token: head })); // 400
  assertDocumented('PUT', '/api/v1/agencies/{id}/case-config', await call(s, 'PUT', `/api/v1/agencies/${agency.id}/case-config`, { payment_account_no: '1904-5101' }, { token: head })); // 400
  assertDocumented('PATCH', '/api/v1/agencies/{id}/case-config', await call(s, 'PATCH', `/api/v1/agencies/${agency.id}/case-config`, { hearing_fine_org_fen: null, payment_rolls_over: false }, { token: head }));
  assertDocumented('PATCH', '/api/v1/agencies/{id}/case-config', await call(s, 'PATCH', `/api/v1/agencies/${agency.id}/case-config`, { summary_fine_org_fen: null }, { token: head })); // 400
});

test('real answers fit the document: claims, coverage, township lists, disputes, indicators', async () => {
  const csvType = { type: 'text/csv; charset=utf-8' };
  const imp = await s.api('POST', '/api/v1/catalog/import', 'code,name,kind,domain,legal_basis,level,mode,penalty_types,fine_min_fen,fine_max_fen,effective_from\n' +
    'CG900001,对乱涂乱画的行政处罚,penalty,城市管理,《城市市容和环境卫生管理条例》第三十四条,county,comprehensive,罚款,,,2023-01-01\n', csvType);
  assert.equal(imp.status, 200, imp.text);
  const a = await newAgency(s, { kind: 'comprehensive', domain: '' });
  const b = await newAgency(s, { kind: 'comprehensive', domain: '' });
  const c = await s.api('POST', '/api/v1/catalog/claims', { item_code: 'CG900001', agency_id: a.id, effective_from: '2024-01-01' });
  assert.equal(c.status, 201, c.text);
  assertDocumented('POST', '/api/v1/catalog/claims', c);
  assertDocumented('POST', '/api/v1/catalog/claims', await s.api('POST', '/api/v1/catalog/claims', { item_code: 'CG900001', agency_id: a.id, effective_from: '2024-02-01' }));
  assertDocumented('POST', '/api/v1/catalog/claims', await s.api('POST', '/api/v1/catalog/claims', { item_code: 'CG900001' }));
  assertDocumented('POST', '/api/v1/catalog/claims', await s.api('POST', '/api/v1/catalog/claims', { item_code: 'CG900001', agency_id: b.id, effective_from: '2024-01-01' }));
  assertDocumented('GET', '/api/v1/catalog/claims', await s.api('GET', '/api/v1/catalog/claims?region_code=330106&as_of=2024-06-01'));
  assertDocumented('GET', '/api/v1/catalog/coverage', await s.api('GET', '/api/v1/catalog/coverage?region_code=330100'));
  assertDocumented('GET', '/api/v1/catalog/coverage', await s.api('GET', '/api/v1/catalog/coverage'));
  assertDocumented('GET', '/api/v1/catalog/coverage', await s.api('GET', '/api/v1/catalog/coverage?region_code=330100&level=county&domain=城市管理&kind=penalty&mode=comprehensive&q=CG9'));
  assertDocumented('GET', '/api/v1/catalog/coverage', await s.api('GET', '/api/v1/catalog/coverage?region_code=330100&level=village'));
  assertDocumented('GET', '/api/v1/catalog/coverage.xlsx', await s.api('GET', '/api/v1/catalog/coverage.xlsx?region_code=330100'));
  assertDocumented('GET', '/api/v1/catalog/coverage.xlsx', await s.api('GET', '/api/v1/catalog/coverage.xlsx?region_code=330100&level=county'));
  assertDocumented('GET', '/api/v1/catalog/coverage.xlsx', await s.api('GET', '/api/v1/catalog/coverage.xlsx?region_code=330100&kind=nope'));
  assertDocumented('GET', '/api/v1/catalog/items', await s.api('GET', '/api/v1/catalog/items?region_code=330106&level=county'));
  assertDocumented('GET', '/api/v1/catalog/items', await s.api('GET', '/api/v1/catalog/items?region_code=339999'));
  assertDocumented('POST', '/api/v1/catalog/claims/{id}/end', await s.api('POST', `/api/v1/catalog/claims/${c.body.id}/end`, { effective_to: '2025-01-01' }));
  assertDocumented('POST', '/api/v1/catalog/claims/{id}/end', await s.api('POST', `/api/v1/catalog/claims/${c.body.id}/end`, { effective_to: '2025-02-01' }));
  assertDocumented('POST', '/api/v1/catalog/township-lists/import', await s.api('POST', '/api/v1/catalog/township-lists/import', 'region_code,name,item_code,kind\n330106,x,,power\n', csvType));
  assertDocumented('GET', '/api/v1/catalog/township-lists', await s.api('GET', '/api/v1/catalog/township-lists'));
  assertDocumented('GET', '/api/v1/catalog/township-match', await s.api('GET', '/api/v1/catalog/township-match?region_code=330106'));
  const d = await s.api('POST', '/api/v1/catalog/disputes', { item_code: 'CG900001', agency_id: a.id, other_agency_id: b.id, statement: '多头管' });
  assert.equal(d.status, 201, d.text);
  assertDocumented('POST', '/api/v1/catalog/disputes', d);
  assertDocumented('GET', '/api/v1/catalog/disputes', await s.api('GET', '/api/v1/catalog/disputes?overdue=false'));
  assertDocumented('GET', '/api/v1/catalog/dispute-parties', await s.api('GET', '/api/v1/catalog/dispute-parties?q=a'));
  assertDocumented('GET', '/api/v1/catalog/dispute-parties', await s.api('GET', `/api/v1/catalog/dispute-parties?q=${'a'.repeat(51)}`));
  assertDocumented('GET', '/api/v1/catalog/disputes/{id}', await s.api('GET', `/api/v1/catalog/disputes/${d.body.id}`));
  assertDocumented('POST', '/api/v1/catalog/disputes/{id}/answer', await s.api('POST', `/api/v1/catalog/disputes/${d.body.id}/answer`, { answer: '同意' }));
  assertDocumented('POST', '/api/v1/catalog/disputes/{id}/decide', await s.api('POST', `/api/v1/catalog/disputes/${d.body.id}/decide`, { decision: 'x', outcome: 'none' }));
  assertDocumented('POST', '/api/v1/catalog/disputes/{id}/withdraw', await s.api('POST', `/api/v1/catalog/disputes/${d.body.id}/withdraw`));
  assertDocumented('GET', '/api/v1/indicators', await s.api('GET', '/api/v1/indicators?region_code=330100&date=2025-01-01'));
  assertDocumented('GET', '/api/v1/indicators', await s.api('GET', '/api/v1/indicators?region_code=330100&township_denominator=x'));
  assertDocumented('GET', '/api/v1/indicators/breakdown', await s.api('GET', '/api/v1/indicators/breakdown?region_code=330100&indicator=staff_township_share'));
  assertDocumented('GET', '/api/v1/indicators.xlsx', await s.api('GET', '/api/v1/indicators.xlsx?region_code=330100'));
});
