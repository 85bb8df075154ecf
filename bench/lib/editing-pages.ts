/**
 * Pages for the editing benchmark: browser contexts carrying the in-page probe (editing-probe.js), a profile on
 * disk so warm opens have the HTTP and V8 code caches a user's browser has, and one timed page load.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../test/support/chromium';
import type { RunningServer } from '../../test/support/server';

const VIEWPORT = { width: 1400, height: 900 };
const PROBE = join(import.meta.dirname, 'editing-probe.js');

export type ProbeConfig = { mode: 'duosub' | 'monaco'; langs: string[]; cues: number };

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function withProbe(context: BrowserContext, config: ProbeConfig): Promise<BrowserContext> {
  await context.addInitScript({ content: `window.__benchConfig = ${JSON.stringify(config)};` });
  await context.addInitScript({ path: PROBE });
  return context;
}

/** A browser with a profile on disk (in `dir`, empty at first): its HTTP and code caches persist between pages. */
export async function profileContext(dir: string, config: ProbeConfig): Promise<BrowserContext> {
  return withProbe(await chromium.launchPersistentContext(dir, { ...chromiumLaunchOptions(), viewport: VIEWPORT }), config);
}

/**
 * Polls a JS expression in the page until it is truthy and returns its value. Not waitForFunction: that
 * compiles a string predicate with eval inside the page, which the app's CSP (script-src 'self') refuses.
 */
export async function waitInPage(page: Page, expression: string, timeoutMs = 30_000): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await page.evaluate(expression);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await sleep(100);
  }
}

/** One fresh page load; returns the page (still open) and its in-page open→interactive milliseconds. */
export async function openOnce(context: BrowserContext, url: string): Promise<{ page: Page; openMs: number }> {
  const page = await context.newPage();
  await page.goto(url);
  const openMs = await waitInPage(page, 'window.__benchProbe && window.__benchProbe.open.readyMs', 120_000);
  return { page, openMs: Number(openMs) };
}

/** What the benchmark needs from a checkout: its build and its browser-mode server. */
export interface Checkout {
  root: string;
  ensureBuilt(): Promise<void>;
  startServer(args: string[]): Promise<RunningServer>;
}

/**
 * The checkout whose editor is measured: this one, or BENCH_EDITING_ROOT (another worktree, e.g. the code
 * before a change, so before and after run on the same machine in one sitting). Its own build script and its
 * own e2e server helper start it, so it serves its own renderer with whatever test hooks it had then.
 */
export async function checkoutUnderTest(ownRoot: string): Promise<Checkout> {
  const root = process.env.BENCH_EDITING_ROOT || ownRoot;
  const helper = ['test/support/server.ts', 'test/e2e/server.ts'].map((p) => join(root, p)).find((p) => existsSync(p));
  if (!helper) throw new Error(`${root} has no test/support/server.ts or test/e2e/server.ts`);
  const server = (await import(pathToFileURL(helper).href)) as { startServer(args: string[]): Promise<RunningServer> };
  return {
    root,
    async ensureBuilt() {
      const script = pathToFileURL(join(root, 'scripts', 'ensure-build.mjs')).href;
      const { ensureBuild } = (await import(script)) as { ensureBuild(flavour: 'app' | 'e2e'): number };
      // The flavour with test hooks: the probe reads window.__duosubPanes/__duosubStore/__duosubWave.
      // (Older checkouts had one flavour, hooks included, and ignore the argument.)
      if (ensureBuild('e2e') !== 0) throw new Error(`the build of ${root} failed`);
    },
    startServer: (args) => server.startServer(args),
  };
}
