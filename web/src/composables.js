import { ref, onMounted, onBeforeUnmount, shallowRef } from 'vue'
import { ElMessage } from 'element-plus'
import { listPage } from './api.js'

// True while the viewport is narrow (phones, small tablets): drawer menu,
// card lists, single-column full-screen dialogs.
export function useNarrow(query = '(max-width: 768px)') {
  const mq = window.matchMedia(query)
  const narrow = ref(mq.matches)
  const update = () => {
    narrow.value = mq.matches
  }
  onMounted(() => mq.addEventListener('change', update))
  onBeforeUnmount(() => mq.removeEventListener('change', update))
  return narrow
}

// The problem's Chinese title and detail, as one line.
export function problemText(err) {
  const p = (err && err.problem) || {}
  const title = p.title || (err && err.message) || '请求失败'
  return p.detail && p.detail !== title ? `${title}：${p.detail}` : title
}

export function showProblem(err) {
  ElMessage({ type: 'error', message: problemText(err), duration: 6000, showClose: true })
}

// A cursor-paginated list: {items, next_cursor}.
export function useCursorList(path, filters) {
  const items = ref([])
  const nextCursor = ref(null)
  const loading = ref(false)
  const error = shallowRef(null)
  let seq = 0

  async function load(append) {
    const my = ++seq
    loading.value = true
    error.value = null
    try {
      const page = await listPage(path, filters(), append ? nextCursor.value : undefined)
      if (my !== seq) return
      items.value = append ? items.value.concat(page.items || []) : page.items || []
      nextCursor.value = page.next_cursor || null
    } catch (e) {
      if (my !== seq) return
      error.value = e
      if (!append) items.value = []
      if (e.status !== 401) showProblem(e)
    } finally {
      if (my === seq) loading.value = false
    }
  }

  return {
    items,
    nextCursor,
    loading,
    error,
    reload: () => load(false),
    loadMore: () => load(true),
  }
}
