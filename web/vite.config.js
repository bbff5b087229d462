// Vite build for the zhifa browser app. `npm run build` writes web/dist, which
// `zhifa serve` serves at `/` with an SPA fallback (history-mode routes).
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

export default defineConfig({
  base: '/',
  plugins: [
    vue(),
    // Element Plus components (and their CSS) are imported on demand from the
    // templates, so the bundle carries only what the pages use.
    Components({ resolvers: [ElementPlusResolver()], dts: false }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 900,
  },
  server: {
    // `npm run dev` talks to a running zhifa server (default the demo port).
    proxy: { '/api': process.env.ZHIFA_URL || 'http://127.0.0.1:18080' },
  },
})
