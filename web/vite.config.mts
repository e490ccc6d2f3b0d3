import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

/**
 * The web client. `vite build --config web/vite.config.mts` writes web/dist, which the local
 * runtime serves at `/` and CDK uploads to the site bucket. JSX goes through Vite's built-in
 * Oxc transform (no React plugin needed). The dev server proxies the API to a running local
 * runtime (`SMSPROJ_URL`, default http://localhost:3000).
 */
const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env['SMSPROJ_URL'] ?? 'http://localhost:3000';

export default defineConfig({
  root,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
  server: {
    port: 5173,
    proxy: {
      '/v1': api,
      '/dev': api,
      '/ws': { target: api.replace(/^http/, 'ws'), ws: true },
    },
  },
});
