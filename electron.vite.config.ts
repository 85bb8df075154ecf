import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      // The auto-timing worker runs in its own thread: a second entry beside index.js.
      rollupOptions: { input: { index: resolve('src/main/index.ts'), 'align-worker': resolve('src/main/align/worker-entry.ts') } },
    },
  },
  preload: {
    build: {
      // A sandboxed preload cannot require npm packages or ESM: bundle it into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    build: {
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
      // Minified, the page parses in about half the time (Monaco is most of it).
      minify: true,
      chunkSizeWarningLimit: 8000,
    },
    worker: { format: 'es' },
  },
});
