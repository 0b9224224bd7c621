/**
 * The headless command as plain JavaScript for Node: cli/msvw.ts -> out/cli/msvw.js, with each
 * command (and the shared core it needs) in its own chunk, so `msvw --version` loads almost
 * nothing and `msvw standards` never loads the readers; out/cli/scan-worker.js is the second thread
 * of `msvw analyse` (cli/scan-worker.ts), started through out/cli/scan-worker-start.js. Dependencies are bundled: out/cli runs
 * without resolving node_modules. Built by `npm run build:cli`, or on demand by bin/msvw.js.
 */
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  // No public folder and no .env loading: this is a Node program, not a page.
  publicDir: false,
  envDir: false,
  logLevel: 'warn',
  ssr: { noExternal: true, target: 'node' },
  build: {
    // Three entries: the command, the scan worker `msvw analyse` starts on a second thread, and what starts it.
    ssr: true,
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    copyPublicDir: false,
    reportCompressedSize: false,
    rolldownOptions: {
      input: {
        msvw: resolve(root, 'cli/msvw.ts'),
        'scan-worker': resolve(root, 'cli/scan-worker.ts'),
        // Loaded by bin/msvw.js itself for `msvw analyse`, to start the scan worker before the command loads.
        'scan-worker-start': resolve(root, 'cli/scan-worker-start.ts'),
      },
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
      },
    },
  },
});
