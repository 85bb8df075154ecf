/**
 * The editing benchmark's peer: a bare Monaco editor (no Duosub code) holding one plain-text model,
 * built with Vite from a throwaway root and served by a tiny static server. Monaco is imported exactly
 * as the app imports it (`monaco-editor/editor/editor.api` plus its worker through `?worker`).
 */
import { createServer, type Server } from 'node:http';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { build } from 'vite';

const INDEX_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>Monaco peer</title>
<style>html,body{margin:0;height:100%}#editor{width:700px;height:800px}</style></head>
<body><div id="editor"></div><script type="module" src="./main.js"></script></body></html>
`;

// Options a prose pane would use (wrapped, no minimap, same font size and line height as Duosub's panes).
const MAIN_JS = `import * as monaco from 'monaco-editor/editor/editor.api';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
self.MonacoEnvironment = { getWorker: () => new EditorWorker() };
const text = await (await fetch('./paragraphs.txt')).text();
const editor = monaco.editor.create(document.getElementById('editor'), {
  value: text, language: 'plaintext', automaticLayout: true, wordWrap: 'on', fontSize: 14, lineHeight: 22,
  minimap: { enabled: false }, quickSuggestions: false, wordBasedSuggestions: 'off',
});
window.__benchMonaco = { editor };
`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.ttf': 'font/ttf',
};

/** Builds the peer page into `dir/dist` with `text` as its model; `repoRoot` provides node_modules. */
export async function buildMonacoPeer(dir: string, repoRoot: string, text: string): Promise<string> {
  const root = join(dir, 'src');
  const outDir = join(dir, 'dist');
  await mkdir(root, { recursive: true });
  await writeFile(join(root, 'index.html'), INDEX_HTML);
  await writeFile(join(root, 'main.js'), MAIN_JS);
  // Bare imports resolve by walking up from the importer: lend the throwaway root the repo's packages.
  await symlink(join(repoRoot, 'node_modules'), join(root, 'node_modules'), 'dir');
  await build({
    root,
    configFile: false,
    logLevel: 'error',
    base: './',
    // Unminified like the app's renderer build, so profiles of both read alike.
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 8000, target: 'es2022', minify: false },
    worker: { format: 'es' },
  });
  await writeFile(join(outDir, 'paragraphs.txt'), text);
  return outDir;
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * The caching Duosub's own server asks for (src/node/web/server.ts), so the peer's warm opens reuse what the app's
 * do: hashed build assets are immutable, everything else (the page, the text) is fetched again.
 */
function cacheControl(pathname: string): string {
  return /^\/assets\/[\w.-]+-[\w-]{8}\.\w+$/.test(pathname) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/** Serves `dir` on 127.0.0.1 at a random port (GET only, no listing). */
export function serveStatic(dir: string): Promise<StaticServer> {
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dir, path === '/' ? 'index.html' : path);
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': cacheControl(path) });
        res.end(body);
      },
      () => {
        res.writeHead(404);
        res.end();
      },
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      resolve({ url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
