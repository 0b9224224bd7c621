/**
 * The renderer as a plain web build (dist-web/): how it runs where the Electron runtime is not
 * available, and what the end-to-end tests drive. Same source as the Electron renderer.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  // The bundled synthetic samples are served beside the app so "Open sample" needs no file dialog.
  publicDir: resolve(import.meta.dirname, 'samples/data'),
  plugins: [react()],
  define: { __APP_VERSION__: JSON.stringify(process.env.npm_package_version ?? '0.1.0') },
  worker: { format: 'es' },
  build: {
    outDir: resolve(import.meta.dirname, 'dist-web'),
    emptyOutDir: true,
    target: 'es2023',
    chunkSizeWarningLimit: 4096,
    // Build-time advice about slow plugins is noise for someone running `npm start`.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
});
