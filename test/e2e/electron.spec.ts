import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect, _electron as electron } from '@playwright/test';
import { ROOT } from '../support/server';

/** The Electron binary is downloaded from the internet on first run; where it could not be, say why and skip. */
function electronBinary(): { path: string } | { missing: string } {
  const pathFile = join(ROOT, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile)) {
    return { missing: 'Electron binary not installed (node_modules/electron/path.txt absent: its download needs internet access)' };
  }
  const binary = join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { missing: `Electron binary missing at ${binary}` };
}

const found = electronBinary();
const TOKEN = '0123456789abcdef0123456789abcdef'; // well-formed, but never handed out by main

/** The page's globals this test touches (test/e2e is typed without the DOM library). */
interface PageGlobals {
  open(url: string): unknown;
  location: { href: string; origin: string };
  navigator: {
    permissions: { query(descriptor: { name: string }): Promise<{ state: string }> };
    mediaDevices: { getUserMedia(c: object): Promise<unknown>; getDisplayMedia(c: object): Promise<unknown> };
  };
}

test('the desktop app launches on the bundled sample with a secured window', async () => {
  if ('missing' in found) console.log(`electron launch test skipped: ${found.missing}`);
  test.skip('missing' in found, 'missing' in found ? found.missing : '');
  const dataDir = mkdtempSync(join(tmpdir(), 'duosub-electron-'));
  const app = await electron.launch({
    executablePath: (found as { path: string }).path,
    // The e2e flavour (scripts/ensure-build.mjs): what `npm run test:e2e` builds; its main loads its own renderer.
    args: [join(ROOT, 'out/e2e/main/index.js'), `--user-data-dir=${join(dataDir, 'user')}`],
    // A stray dev-server URL pointing off this machine must be ignored: the window still shows app://.
    env: { ...process.env, ELECTRON_RENDERER_URL: 'http://example.com:5173/', DUOSUB_CONFIG_DIR: dataDir, DUOSUB_DATA_DIR: dataDir },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('pane-en')).toHaveAttribute('data-block-count', /^[1-9]\d*$/);
    // Isolated, sandboxed, no Node in the page: only the typed bridge is visible.
    const page = await window.evaluate(() => ({
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
      bridge: Object.keys((globalThis as unknown as { duosub: object }).duosub).sort(),
      url: (globalThis as unknown as { location: { protocol: string } }).location.protocol,
    }));
    expect(page).toMatchObject({ require: 'undefined', process: 'undefined', url: 'app:' });
    expect(page.bridge).toContain('api');

    // window.open is denied (it returns null) and no second window appears.
    expect(await window.evaluate(() => (globalThis as unknown as PageGlobals).open('https://example.com/') === null)).toBe(true);
    expect(app.windows()).toHaveLength(1);

    // Permissions: every check says denied, every request fails.
    const permissions = await window.evaluate(async () => {
      const { navigator } = globalThis as unknown as PageGlobals;
      const outcome = (request: Promise<unknown>) => request.then(() => 'granted', (e: Error) => e.name);
      return {
        geolocation: (await navigator.permissions.query({ name: 'geolocation' })).state,
        microphone: await outcome(navigator.mediaDevices.getUserMedia({ audio: true })),
        screen: await outcome(navigator.mediaDevices.getDisplayMedia({ video: true })),
      };
    });
    expect(permissions.geolocation).toBe('denied');
    expect(permissions.microphone).not.toBe('granted');
    expect(permissions.screen).not.toBe('granted');

    // The custom schemes serve only what main handed out: no unknown media token, no path out of the renderer.
    const statuses = await app.evaluate(async ({ net }, token) => Promise.all([
      net.fetch(`duosub-media://${token}/`).then((r) => r.status),
      net.fetch('app://duosub/%2e%2e/%2e%2e/package.json').then((r) => r.status),
      net.fetch('app://duosub/index.html').then((r) => r.status),
    ]), TOKEN);
    expect(statuses).toEqual([404, 404, 200]);

    // Navigation to another origin is held back: main sees the attempt (after our own handler refused it) and the
    // page is still ours afterwards.
    const attempted = app.evaluate(({ webContents }) => new Promise<string>((resolve) => {
      const contents = webContents.getAllWebContents().find((c) => c.getURL().startsWith('app://'));
      contents?.once('will-navigate', (event) => resolve(event.url));
    }));
    await window.evaluate(() => {
      (globalThis as unknown as PageGlobals).location.href = 'https://example.com/';
    });
    expect(await attempted).toBe('https://example.com/');
    expect(await window.evaluate(() => (globalThis as unknown as PageGlobals).location.origin)).toBe('app://duosub');
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
