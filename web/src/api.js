// api.js: the one place the app talks to the zhifa server.
// Every call goes to /api/v1, sends the session token as a Bearer header, and
// turns a failure into an ApiError that carries the server's problem+json
// ({type,title,status,code,detail,errors[]}). A 401 from any call (other than
// the login itself) ends the session and returns to the login page.
import { reactive } from 'vue'

const TOKEN_KEY = 'zhifa.token'
const USER_KEY = 'zhifa.user'

function readUser() {
  try {
    return JSON.parse(sessionStorage.getItem(USER_KEY) || 'null')
  } catch {
    return null
  }
}

export const session = reactive({
  token: sessionStorage.getItem(TOKEN_KEY),
  user: readUser(),
  // Whether /me confirmed the token since the page loaded.
  checked: false,
})

export function setSession(token, user) {
  session.token = token
  session.user = user
  session.checked = !!token
  if (token) sessionStorage.setItem(TOKEN_KEY, token)
  else sessionStorage.removeItem(TOKEN_KEY)
  if (user) sessionStorage.setItem(USER_KEY, JSON.stringify(user))
  else sessionStorage.removeItem(USER_KEY)
}

export function clearSession() {
  setSession(null, null)
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`)
    this.status = status
    this.problem = problem
  }

  // errors[] as {field: message}; several messages for one field are joined.
  get fieldErrors() {
    const out = {}
    for (const e of this.problem.errors || []) {
      if (!e || !e.field || e.row != null) continue
      out[e.field] = out[e.field] ? `${out[e.field]}；${e.message}` : e.message
    }
    return out
  }
}

let unauthorizedHandler = () => {}
export function onUnauthorized(fn) {
  unauthorizedHandler = fn
}

export async function api(method, path, { query, body, csv, skipAuthRedirect = false } = {}) {
  const url = new URL('/api/v1' + path, window.location.origin)
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v))
  }
  const headers = { Accept: 'application/json, application/problem+json' }
  if (session.token) headers.Authorization = `Bearer ${session.token}`
  let payload
  if (csv !== undefined) {
    headers['Content-Type'] = 'text/csv; charset=utf-8'
    payload = csv
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json'
    payload = JSON.stringify(body)
  }

  let res
  try {
    res = await fetch(url, { method, headers, body: payload })
  } catch (e) {
    throw new ApiError(0, {
      code: 'network',
      title: '网络错误',
      detail: `无法连接服务器（${e.message}）`,
      status: 0,
    })
  }
  if (res.status === 204) return null
  const text = await res.text()
  let data = null
  if (text) {
    try {
      data = JSON.parse(text)
    } catch {
      data = null
    }
  }
  if (!res.ok) {
    const problem =
      data && typeof data === 'object'
        ? data
        : { status: res.status, title: `请求失败（HTTP ${res.status}）`, detail: text.slice(0, 300) }
    if (res.status === 401 && !skipAuthRedirect) {
      clearSession()
      unauthorizedHandler(problem)
    }
    throw new ApiError(res.status, problem)
  }
  return data
}

// One page of a list: {items, next_cursor}.
export function listPage(path, query, cursor, limit = 50) {
  return api('GET', path, { query: { ...query, limit, cursor } })
}

// Uploads a file as evidence: the bytes are the body (streamed by the browser), the
// metadata goes in the query. Resolves to the stored evidence record.
export async function uploadEvidence(file, query) {
  const url = new URL('/api/v1/evidence', window.location.origin)
  for (const [k, v] of Object.entries(query || {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v))
  }
  if (file.name) url.searchParams.set('filename', file.name.replace(/[/\\]/g, '_'))
  const headers = { Accept: 'application/json, application/problem+json' }
  if (session.token) headers.Authorization = `Bearer ${session.token}`
  headers['Content-Type'] = file.type || 'application/octet-stream'
  let res
  try {
    res = await fetch(url, { method: 'POST', headers, body: file })
  } catch (e) {
    throw new ApiError(0, { code: 'network', title: '网络错误', detail: `上传失败（${e.message}）`, status: 0 })
  }
  const data = await res.json().catch(() => null)
  if (!res.ok) {
    if (res.status === 401) {
      clearSession()
      unauthorizedHandler(data || {})
    }
    throw new ApiError(res.status, data || { status: res.status, title: `HTTP ${res.status}` })
  }
  return data
}

// Downloads an answer with the session's token and hands it to the browser as a file.
export async function download(path, filename) {
  const headers = {}
  if (session.token) headers.Authorization = `Bearer ${session.token}`
  const res = await fetch('/api/v1' + path, { headers })
  if (!res.ok) {
    const data = await res.json().catch(() => null)
    throw new ApiError(res.status, data || { status: res.status, title: `HTTP ${res.status}` })
  }
  const blob = await res.blob()
  const a = document.createElement('a')
  a.href = URL.createObjectURL(blob)
  a.download = filename
  a.click()
  setTimeout(() => URL.revokeObjectURL(a.href), 10000)
}
