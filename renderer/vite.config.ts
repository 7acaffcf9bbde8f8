import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The UI, built to renderer/dist. Relative asset URLs let the same build load from `phototag serve` and from
 * Electron's own scheme; the output has no inline script, so it runs under the server's strict CSP.
 */
export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The module preload helper is inlined as a script otherwise: not allowed by script-src 'self'.
    modulePreload: { polyfill: false },
  },
});
