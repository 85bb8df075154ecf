import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Monaco comes in a chunk of its own, loaded with import() (src/renderer/src/panes/load-panes.ts). A modulepreload
 * link in the page lets the browser fetch and compile it from the first moment, beside the entry, instead of after
 * the entry has run. The build fails if the chunk is ever folded back into the entry.
 */
function preloadDynamicChunk(moduleSuffix: string): Plugin {
  return {
    name: 'duosub:preload-dynamic-chunk',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunk = Object.values(ctx.bundle ?? {}).find(
          (c) => c.type === 'chunk' && c.isDynamicEntry && c.facadeModuleId?.endsWith(moduleSuffix),
        );
        if (!chunk) throw new Error(`no dynamic chunk for ${moduleSuffix}: is it still loaded with import()?`);
        return [{ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `./${chunk.fileName}` }, injectTo: 'head' }];
      },
    },
  };
}

/**
 * Test hooks (src/renderer/src/test-hooks.ts) are compiled in only for the end-to-end tests and benches:
 * scripts/ensure-build.mjs sets DUOSUB_TEST_HOOKS=1 and builds into out/e2e; `npm run build` leaves them out.
 */
const testHooks = process.env.DUOSUB_TEST_HOOKS === '1';

export default defineConfig({
  main: {
    build: {
      // The auto-timing worker runs in its own thread: a second entry beside index.js.
      rollupOptions: { input: { index: resolve('src/main/index.ts'), 'align-worker': resolve('src/node/align/worker-entry.ts') } },
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
    plugins: [react(), preloadDynamicChunk('/panes/panes-controller.ts')],
    define: { __DUOSUB_TEST_HOOKS__: JSON.stringify(testHooks) },
    build: {
      rollupOptions: { input: { index: resolve('src/renderer/index.html') } },
      // Minified, the page parses in about half the time (Monaco is most of it).
      minify: true,
      chunkSizeWarningLimit: 8000,
    },
    worker: { format: 'es' },
  },
});
