/**
 * Electron build (electron-vite 6 on Vite 8 / rolldown): out/main (ESM, as package.json is
 * "type": "module"), out/preload/index.cjs (CommonJS, as sandboxed preloads must be), and the
 * renderer (out/renderer), built like vite.web.config.ts so both ships run the same bundle shape.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

const root = import.meta.dirname;
const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as { version: string };

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // Bundle zod and the shared core into main: the packaged app ships out/** and no node_modules.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/main/index.ts') },
        output: { format: 'es', entryFileNames: '[name].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      // A sandboxed preload can require only a few Electron modules: everything else is bundled.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    // The bundled synthetic samples are served beside the app (same as the web build).
    publicDir: resolve(root, 'samples/data'),
    define: { __APP_VERSION__: JSON.stringify(version) },
    plugins: [react()],
    worker: { format: 'es' },
    build: {
      outDir: resolve(root, 'out/renderer'),
      emptyOutDir: true,
      target: 'es2023',
      chunkSizeWarningLimit: 4096,
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
  },
});
