import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// `npm run dev:web` proxies the API's paths to a running API (API_URL, default :3000), so the
// console talks to it same-origin, exactly as when the API serves the production build.
const apiUrl = process.env.API_URL ?? 'http://127.0.0.1:3000';
const proxied = ['/v1', '/api', '/docs', '/admin', '/metrics', '/healthz', '/readyz'];

// The domain package's index pulls node:crypto (webhook signing); the console imports its
// browser-safe entry. Failing the build says so at once instead of a broken bundle.
const domainSchemasOnly: Plugin = {
  name: 'autocall-domain-schemas-only',
  enforce: 'pre',
  resolveId(id) {
    if (id === '@autocall/domain') this.error('In apps/web import "@autocall/domain/schemas", not "@autocall/domain" (its index needs node:crypto).');
  },
};

export default defineConfig({
  plugins: [domainSchemasOnly, react(), tailwindcss()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { proxy: Object.fromEntries(proxied.map((path) => [path, { target: apiUrl, changeOrigin: true }])) },
  // The first page is measured gzipped against a 300 kB budget (README); minified size is not the point.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 800 },
});
