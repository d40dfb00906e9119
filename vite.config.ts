// Builds the browser apps into dist/web/. Each app is one HTML entry in `build.rollupOptions.input`;
// the server serves dist/web/ and falls back to dist/web/index.html for the staff app's own routes.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { offlinePrecache } from './build/offlinePrecache.ts';
import { preactForOffline } from './build/preactForOffline.ts';

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Where `npm run dev:server` listens, for the Vite dev server's /api proxy. */
const DEV_API_ORIGIN = process.env.CIRCA_DEV_API ?? 'http://127.0.0.1:3000';

/** Precaches only the offline client's own files (see build/offlinePrecache.ts). */
const offlineFiles = offlinePrecache();

export default defineConfig({
  plugins: [
    preactForOffline(),
    react(),
    offlineFiles.plugin,
    // The offline client's service worker: /offline/sw.js, scope /offline/. 'prompt' so a new
    // version waits until staff choose it instead of reloading mid-checkout.
    VitePWA({
      strategies: 'generateSW',
      registerType: 'prompt',
      injectRegister: false,
      manifest: false,
      filename: 'offline/sw.js',
      scope: '/offline/',
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,woff2}'],
        // Precache URLs are made absolute: relative ones would resolve against /offline/.
        modifyURLPrefix: { '': '/' },
        manifestTransforms: [offlineFiles.manifestTransform],
        navigateFallback: '/offline/index.html',
        navigateFallbackAllowlist: [/^\/offline(\/|$)/],
        cleanupOutdatedCaches: true,
        inlineWorkboxRuntime: true,
      },
    }),
  ],
  build: {
    outDir: 'dist/web', // beside dist/server, the compiled server, which this build must not empty
    emptyOutDir: true,
    rollupOptions: {
      input: {
        // The online staff app (src/web).
        staff: fromRoot('./index.html'),
        // The offline client (src/offline), served at /offline/.
        offline: fromRoot('./offline/index.html'),
      },
    },
  },
  server: {
    proxy: { '/api': DEV_API_ORIGIN },
  },
});
