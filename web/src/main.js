import { createApp } from 'vue'
// Functions (not components) of Element Plus need their CSS imported by hand;
// components are imported on demand by unplugin-vue-components.
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import './style.css'
import App from './App.vue'
import { router } from './router.js'
import { i18n } from './i18n.js'

createApp(App).use(i18n).use(router).mount('#app')
