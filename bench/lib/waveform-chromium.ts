/**
 * The Chromium halves of `bench waveform`: wavesurfer's own in-page decode of a file (its default, the peer we
 * compare against), and the renderer's JS heap with the file open in Duosub's browser mode.
 */
import { createServer, type Server } from 'node:http';
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../test/support/chromium';
import { ROOT, startServer } from '../../test/support/server';

const WAVESURFER = join(ROOT, 'node_modules/wavesurfer.js/dist/wavesurfer.esm.js');

export function launchChromium(): Promise<Browser> {
  const options = chromiumLaunchOptions();
  return chromium.launch({ ...options, args: [...(options.args ?? []), '--enable-precise-memory-info'] });
}

/** A page that only makes a WaveSurfer from a URL, the way its README shows; served with the file. */
const PAGE = `<!doctype html><meta charset="utf-8"><div id="wave" style="width:1200px"></div>
<script type="module">
import WaveSurfer from '/wavesurfer.esm.js';
const started = performance.now();
const ws = WaveSurfer.create({ container: '#wave', url: '/audio.mp3' });
ws.on('ready', () => { window.__readyMs = performance.now() - started; });
ws.on('error', (e) => { window.__error = String(e); });
</script>`;

function serveFiles(files: Record<string, { path?: string; body?: string; type: string }>): Promise<Server> {
  const server = createServer((req, res) => {
    const file = files[(req.url ?? '/').split('?')[0]];
    if (!file) return void res.writeHead(404).end();
    if (file.body !== undefined) return void res.writeHead(200, { 'content-type': file.type }).end(file.body);
    res.writeHead(200, { 'content-type': file.type, 'content-length': statSync(file.path!).size });
    createReadStream(file.path!).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Seconds wavesurfer takes from create() to 'ready' on `mp3`, or 'timeout' past `capS`. */
export async function wavesurferDecode(browser: Browser, mp3: string, capS: number): Promise<number | 'timeout'> {
  const server = await serveFiles({
    '/': { body: PAGE, type: 'text/html' },
    '/wavesurfer.esm.js': { path: WAVESURFER, type: 'text/javascript' },
    '/audio.mp3': { path: mp3, type: 'audio/mpeg' },
  });
  const page = await browser.newPage();
  try {
    const { port } = server.address() as { port: number };
    await page.goto(`http://127.0.0.1:${port}/`);
    const handle = await page.waitForFunction(
      () => {
        const page = globalThis as unknown as { __readyMs?: number; __error?: string };
        return page.__readyMs ?? page.__error;
      },
      undefined, { timeout: capS * 1000, polling: 250 },
    ).catch(() => null);
    if (!handle) return 'timeout';
    const value = await handle.jsonValue();
    if (typeof value === 'string') throw new Error(`wavesurfer failed: ${value}`);
    return (value as number) / 1000;
  } finally {
    await page.close().catch(() => undefined);
    server.close();
  }
}

/**
 * The renderer's JS heap after a GC, plus the ArrayBuffer backing stores V8 keeps outside it (the typed arrays
 * holding the peaks live there), when this Chromium reports them.
 */
async function usedHeapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; backingStorageSize?: number };
  await cdp.detach();
  return (usage.usedSize + (usage.backingStorageSize ?? 0)) / (1024 * 1024);
}

/**
 * The renderer's JS heap (MB, after a GC) with `mp3` open in Duosub's browser mode, once its waveform is drawn.
 * A tiny project names the MP3; the server's cache dir is a temp one, so the user's cache is left alone.
 */
export async function duosubHeap(browser: Browser, mp3: string, durationMs: number, capS: number): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), 'duosub-bench-heap-'));
  const project = join(dir, 'bench.duosub.json');
  writeFileSync(project, JSON.stringify({
    format: 'duosub', version: 1,
    languages: [{ code: 'zh-Hans', name: '中文' }, { code: 'en', name: 'English' }],
    speakers: [{ id: 's0', name: 'Speaker 0', color: '#4e79a7' }], chapters: [], media: { path: mp3, duration: durationMs }, metadata: { title: basename(mp3), untimed: false },
    cues: [{ id: 'c1', start: 1000, end: 3000, speaker: 's0', text: { 'zh-Hans': '你好', en: 'Hello' } }],
  }));
  const server = await startServer([project], { XDG_CACHE_HOME: join(dir, 'cache') });
  const page = await browser.newPage();
  try {
    await page.goto(server.url);
    const timeout = capS * 1000;
    await page.locator('[data-testid=waveform][data-duration-ms]').waitFor({ state: 'attached', timeout });
    await page.locator('[data-testid=waveform-progress]').waitFor({ state: 'detached', timeout });
    await page.waitForTimeout(500); // the last chunk's redraw
    return await usedHeapMb(page);
  } finally {
    await page.close().catch(() => undefined);
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
}
