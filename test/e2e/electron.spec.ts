import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, _electron as electron } from '@playwright/test';
import { ROOT } from './server';

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

test('the desktop app launches on the bundled sample with a secured window', async () => {
  if ('missing' in found) console.log(`electron launch test skipped: ${found.missing}`);
  test.skip('missing' in found, 'missing' in found ? found.missing : '');
  const app = await electron.launch({ executablePath: (found as { path: string }).path, args: [join(ROOT, 'out/main/index.js')] });
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
  } finally {
    await app.close();
  }
});
