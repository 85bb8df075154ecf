/** Finds a Chromium for the end-to-end tests: Debian's, else Playwright's own install. */
import { existsSync } from 'node:fs';
import { chromium, type LaunchOptions } from '@playwright/test';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

export function findChromium(): string | null {
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  try {
    const own = chromium.executablePath();
    return own && existsSync(own) ? own : null;
  } catch {
    return null;
  }
}

export function chromiumLaunchOptions(): LaunchOptions {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error('No Chromium found: install it with `apt-get install -y chromium` (Debian) or `npx playwright install chromium`.');
  }
  const args = ['--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
  // Chromium refuses to run as root with its sandbox on.
  if (process.getuid?.() === 0) args.unshift('--no-sandbox');
  return { executablePath, args };
}
