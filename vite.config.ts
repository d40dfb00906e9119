// Builds the browser apps into dist/. Each app is one HTML entry in `build.rollupOptions.input`;
// the server serves dist/ and falls back to dist/index.html for the staff app's own routes.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

/** Where `npm run dev:server` listens, for the Vite dev server's /api proxy. */
const DEV_API_ORIGIN = process.env.CIRCA_DEV_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        // The online staff app (src/web).
        staff: fromRoot('./index.html'),
      },
    },
  },
  server: {
    proxy: { '/api': DEV_API_ORIGIN },
  },
});
