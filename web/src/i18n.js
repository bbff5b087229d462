// zh-CN first, English second; the choice is remembered in localStorage.
import { createI18n } from 'vue-i18n'
import zhCN from './locales/zh-CN.js'
import en from './locales/en.js'

const KEY = 'zhifa.locale'
export const LOCALES = ['zh-CN', 'en']

function initial() {
  const saved = localStorage.getItem(KEY)
  return LOCALES.includes(saved) ? saved : 'zh-CN'
}

export const i18n = createI18n({
  legacy: false,
  locale: initial(),
  fallbackLocale: 'zh-CN',
  messages: { 'zh-CN': zhCN, en },
})

export function setLocale(loc) {
  if (!LOCALES.includes(loc)) return
  i18n.global.locale.value = loc
  localStorage.setItem(KEY, loc)
  document.documentElement.lang = loc
}

document.documentElement.lang = i18n.global.locale.value
