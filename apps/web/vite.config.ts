import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `npm run dev:web` proxies the API's paths to a running API (API_URL, default :3000), so the
// console talks to it same-origin, exactly as when the API serves the production build.
const apiUrl = process.env.API_URL ?? 'http://127.0.0.1:3000';
const proxied = ['/v1', '/api', '/docs', '/admin', '/metrics', '/healthz', '/readyz'];

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { proxy: Object.fromEntries(proxied.map((path) => [path, { target: apiUrl, changeOrigin: true }])) },
  // The first page is measured gzipped against a 300 kB budget (README); minified size is not the point.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 800 },
});
