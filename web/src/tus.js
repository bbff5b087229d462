// tus.js: resumable evidence uploads for phones on bad networks (tus 1.0 core, the
// server's /api/v1/evidence-uploads; docs/evidence.md §1). The file goes in chunks;
// after a failed chunk the client asks the server (HEAD) how much arrived and goes on
// from there, waiting a little longer after each failure. The upload's address is
// remembered (localStorage, by file and case) so that a page reloaded in the middle
// resumes instead of starting again.
import { ApiError, session } from './api.js'

// Files above this size go resumable; smaller ones in one request (POST /evidence).
export const RESUMABLE_FROM = 1024 * 1024
// Bytes a PATCH carries: small enough to lose little on a dropped 3G connection.
export const CHUNK = 512 * 1024
// Waits (ms) before each new attempt after a failure; then the upload gives up.
const WAITS = [1000, 2000, 5000, 10000, 20000, 30000]
const STORE = 'zhifa.uploads'
const TUS = { 'Tus-Resumable': '1.0.0' }

function headers(extra = {}) {
  const h = { ...TUS, Accept: 'application/json, application/problem+json', ...extra }
  if (session.token) h.Authorization = `Bearer ${session.token}`
  return h
}

function b64(s) {
  let bin = ''
  for (const b of new TextEncoder().encode(String(s))) bin += String.fromCharCode(b)
  return btoa(bin)
}

// Upload-Metadata: "key base64,key base64" of the non-empty members.
function metadata(meta) {
  return Object.entries(meta)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k} ${b64(v)}`)
    .join(',')
}

function fingerprint(file, meta) {
  return [session.user && session.user.username, file.name, file.size, file.lastModified, meta.case_id || ''].join('|')
}

function store() {
  try {
    return JSON.parse(localStorage.getItem(STORE) || '{}')
  } catch {
    return {}
  }
}
function remember(fp, url) {
  const s = store()
  if (url) s[fp] = url
  else delete s[fp]
  localStorage.setItem(STORE, JSON.stringify(s))
}

async function problemOf(res) {
  const data = await res.json().catch(() => null)
  return new ApiError(res.status, data || { status: res.status, title: `HTTP ${res.status}` })
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

// The server's offset of the upload at url: a number, null when the upload is gone
// (404/410: start again), or {evidence} when it completed already.
async function offsetOf(url) {
  const res = await fetch(url, { method: 'GET', headers: headers() })
  if (res.status === 404 || res.status === 410) return null
  if (!res.ok) throw await problemOf(res)
  const u = await res.json()
  if (u.evidence_id) return { evidence: u.evidence_id }
  return u.offset
}

async function create(file, meta) {
  const res = await fetch('/api/v1/evidence-uploads', {
    method: 'POST',
    headers: headers({ 'Upload-Length': String(file.size), 'Upload-Metadata': metadata(meta) }),
  })
  if (res.status !== 201) throw await problemOf(res)
  return res.headers.get('Location')
}

// Uploads file as evidence with meta (kind, case_id, ...), resumably. onProgress(sent,
// total) after each chunk; onRetry(attempt, waitMs) before each new attempt. Resolves
// to the evidence record (or {id} when the last answer was lost and the evidence is
// learnt from the upload); rejects with an ApiError the server gave, or a network one
// after the last attempt.
export async function uploadResumable(file, meta, { onProgress = () => {}, onRetry = () => {} } = {}) {
  const fields = { ...meta, filename: file.name ? file.name.replace(/[/\\]/g, '_') : undefined, filetype: file.type || undefined }
  const fp = fingerprint(file, fields)
  let url = store()[fp] || null
  let offset = null
  let failures = 0
  for (;;) {
    try {
      if (url && offset === null) {
        offset = await offsetOf(url)
        if (offset === null) {
          remember(fp, null)
          url = null
        } else if (typeof offset === 'object') {
          remember(fp, null)
          onProgress(file.size, file.size)
          return { id: offset.evidence }
        }
      }
      if (!url) {
        url = await create(file, fields)
        remember(fp, url)
        offset = 0
      }
      onProgress(offset, file.size)
      const end = Math.min(offset + CHUNK, file.size)
      const res = await fetch(url, {
        method: 'PATCH',
        headers: headers({ 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(offset) }),
        body: file.slice(offset, end),
      })
      if (res.status === 201) {
        remember(fp, null)
        onProgress(file.size, file.size)
        return await res.json()
      }
      if (res.status === 204) {
        offset = Number(res.headers.get('Upload-Offset'))
        failures = 0
        continue
      }
      if (res.status === 409 || res.status === 423 || res.status >= 500) {
        // another offset than ours, a PATCH of ours still being written, a hiccup:
        // ask again where the upload stands
        offset = null
        throw new TypeError(`HTTP ${res.status}`)
      }
      if (res.status === 404 || res.status === 410 || res.status === 400) remember(fp, null)
      throw await problemOf(res)
    } catch (e) {
      if (e instanceof ApiError) throw e
      if (failures >= WAITS.length) {
        throw new ApiError(0, { code: 'network', title: '网络错误', detail: `上传中断，多次重试未成功（${e.message}）`, status: 0 })
      }
      offset = null
      onRetry(failures + 1, WAITS[failures])
      await sleep(WAITS[failures++])
    }
  }
}
