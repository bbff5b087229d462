// lib.mjs: starts the real zhifa binary on a fresh database (SQLite file or a new
// PostgreSQL database in the test cluster, by ZHIFA_TEST_ENGINE) and speaks HTTP to it.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:net';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = join(ROOT, 'bin', 'zhifa');
export const ADMIN_PASSWORD = 'Admin-pass-2026';
let dbCounter = 0;

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

// A new empty database URL for the engine under test.
export function newDatabase(tag) {
  const engine = process.env.ZHIFA_TEST_ENGINE || 'sqlite';
  if (engine === 'postgres') {
    const name = `t_${tag.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${process.pid}_${dbCounter++}`;
    const url = execFileSync('sh', [join(ROOT, 'scripts', 'pg.sh'), 'createdb',
      process.env.ZHIFA_TEST_PG_DIR, name], { encoding: 'utf8' }).trim();
    return { url, cleanup() {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'zhifa-test-'));
  return { url: `sqlite:${join(dir, 'zhifa.db')}`, dir, cleanup() { rmSync(dir, { recursive: true, force: true }); } };
}

export function zhifa(args, opts = {}) {
  return execFileSync(BIN, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });
}

// Runs `zhifa serve` on db and dataDir at a free port and waits until it answers.
async function spawnServer(db, dataDir, env) {
  const port = await freePort();
  const child = spawn(BIN, ['serve', '--db', db.url, '--listen', `127.0.0.1:${port}`,
    '--data-dir', dataDir, '--web-dir', join(ROOT, 'web', 'dist')],
  { env: { ...process.env, ZHIFA_ACCESS_LOG: '0', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  const proc = { child, url: `http://127.0.0.1:${port}`, stderr: '' };
  child.stderr.on('data', (d) => { proc.stderr += d; });
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(`${proc.url}/healthz`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (i > 100 || child.exitCode !== null) {
      if (child.exitCode === null) child.kill('SIGKILL');
      throw new Error(`server did not start: ${proc.stderr}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return proc;
}

// Ends child with signal and waits for it to be gone.
async function endChild(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await gone;
}

// Starts a server on a fresh database; returns { url, db, token (admin), api(), sql(),
// restart(), stop() }.
// Starts a server on a fresh database; returns { url, db, token (admin), api(), stop() }.
// With reuse (another server's { db, dataDir }) it serves that database instead and
// leaves it in place when it stops.
export async function startServer(tag, { env = {}, init = true, reuse = null } = {}) {
  const db = reuse ? { ...reuse.db, cleanup() {} } : newDatabase(tag);
  const dataDir = reuse ? reuse.dataDir : mkdtempSync(join(tmpdir(), 'zhifa-data-'));
  if (reuse) init = false;
  if (init) zhifa(['init', '--db', db.url, '--admin-password', ADMIN_PASSWORD, '--data-dir', dataDir, '--quiet']);
  let proc = await spawnServer(db, dataDir, env);
  const s = {
    db, dataDir,
    get url() { return proc.url; },
    get child() { return proc.child; },
    get stderr() { return proc.stderr; },
    // Ends the server with signal (SIGKILL: a crash) and serves the same database and
    // data directory again, on a new port; tokens stay valid.
    async restart({ signal = 'SIGTERM' } = {}) {
      await endChild(proc.child, signal);
      proc = await spawnServer(db, dataDir, env);
    },
    // Runs SQL on the database behind the program's back; returns the output text.
    sql(text) { return sqlQuery(db.url, text); },
    async stop() {
      await endChild(proc.child, 'SIGTERM');
      db.cleanup();
      if (!reuse) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  s.token = (await login(s, 'admin', ADMIN_PASSWORD)).body.token;
  s.api = (method, path, body, headers) => call(s, method, path, body, { token: s.token, ...headers });
  return s;
}

// Runs SQL on the database at url with the engine's own client (sqlite3 or psql),
// rows one a line, columns separated by '|'.
export function sqlQuery(url, sql) {
  if (url.startsWith('sqlite:')) return execFileSync('sqlite3', [url.slice(7), sql], { encoding: 'utf8' });
  return execFileSync('psql', ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', url, '-c', sql], { encoding: 'utf8' });
}

// One HTTP call. body: object (sent as JSON), string (sent as is) or undefined.
export async function call(s, method, path, body, { token, type, ...headers } = {}) {
  const h = { ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  let payload;
  if (typeof body === 'string' || body instanceof Uint8Array) {
    payload = body;
    h['Content-Type'] = type || 'application/json';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    h['Content-Type'] = 'application/json';
  }
  const r = await fetch(`${s.url}${path}`, { method, headers: h, body: payload });
  const text = await r.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: r.status, body: json, text, headers: r.headers };
}

export async function login(s, username, password) {
  return call(s, 'POST', '/api/v1/auth/login', { username, password });
}

// Adds a user through the CLI and returns a token for it.
export async function userWithToken(s, username, role, { agency, region } = {}) {
  const args = ['user', 'add', '--db', s.db.url, '--username', username, '--password', 'User-pass-2026', '--role', role];
  if (agency) args.push('--agency', agency);
  if (region) args.push('--region', region);
  zhifa(args);
  const r = await login(s, username, 'User-pass-2026');
  if (r.status !== 200) throw new Error(`login ${username}: ${r.text}`);
  return r.body.token;
}

// GB 32100 check character: a valid USCC from its first 17 characters.
const USCC_A = '0123456789ABCDEFGHJKLMNPQRTUWXY';
export function uscc(body17) {
  let s = 0;
  for (let i = 0; i < 17; i++) s += USCC_A.indexOf(body17[i]) * (3 ** i % 31);
  return body17 + USCC_A[(31 - (s % 31)) % 31];
}
let usccN = 0;
export function newUscc() {
  const n = String(process.pid * 1000 + usccN++).padStart(8, '0').slice(-8);
  return uscc(`913301${n}MA0`.slice(0, 17).padEnd(17, '0').replace(/[IOSVZ]/g, '0'));
}

// GB 11643 check digit.
export function idNumber(body17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let s = 0;
  for (let i = 0; i < 17; i++) s += Number(body17[i]) * w[i];
  return body17 + '10X98765432'[s % 11];
}

// Makes the Zhejiang → Hangzhou → Xihu chain and returns the county code.
export async function seedRegions(s) {
  for (const [code, name] of [['330000', '浙江省'], ['330100', '杭州市'], ['330106', '西湖区'], ['330108', '滨江区']]) {
    const r = await s.api('POST', '/api/v1/regions', { code, name });
    if (r.status !== 201) throw new Error(`region ${code}: ${r.text}`);
  }
}

export async function newAgency(s, fields = {}) {
  const r = await s.api('POST', '/api/v1/agencies', {
    name: `测试执法局${usccN}`, uscc: newUscc(), region_code: '330106', kind: 'departmental', domain: '市场监管', ...fields,
  });
  if (r.status !== 201) throw new Error(`agency: ${r.text}`);
  return r.body;
}

// The agency's own facts a decision names (docs/cases.md §8): without the bank and
// account a fine decision is refused, without the 复议机关 and court every decision is.
export const CASE_SETTINGS = Object.freeze({
  payment_bank: '中国农业银行杭州西湖支行', payment_account_name: '杭州市西湖区财政局非税收入汇缴结算户',
  payment_account_no: '19045101040012345', contact_phone: '0571-87001234', contact_address: '杭州市西湖区文三路100号',
  reconsideration_body: '杭州市西湖区人民政府', court: '杭州市西湖区人民法院',
});
export async function setCaseSettings(s, agencyId, extra = {}) {
  const r = await s.api('PUT', `/api/v1/agencies/${agencyId}/case-config`, { ...CASE_SETTINGS, ...extra });
  if (r.status !== 200) throw new Error(`case settings: ${r.text}`);
  return r.body;
}

// Catalog items for tests that register cases: a lead's item must be in the catalog in
// force on the violation date, so a test imports the codes it uses first (CSV import as
// the admin). Codes take the domain of their prefix (CG 城市管理, SC 市场监管 ...).
const PREFIX_DOMAIN = { CG: '城市管理', SC: '市场监管', HJ: '生态环境', JT: '交通运输', YJ: '应急管理' };
export async function importCatalogItems(s, codes, { from = '2020-01-01' } = {}) {
  const rows = codes.map((code) => [code, `测试事项${code}`, 'penalty', PREFIX_DOMAIN[code.slice(0, 2)] || '城市管理',
    '《测试条例》第一条', 'county', 'comprehensive', '警告;罚款', '', '', from].join(','));
  const header = 'code,name,kind,domain,legal_basis,level,mode,penalty_types,fine_min_fen,fine_max_fen,effective_from';
  const r = await call(s, 'POST', '/api/v1/catalog/import', `${header}\n${rows.join('\n')}\n`,
    { token: s.token, type: 'text/csv; charset=utf-8' });
  if (r.status !== 200) throw new Error(`catalog import: ${r.text}`);
  return r.body;
}
