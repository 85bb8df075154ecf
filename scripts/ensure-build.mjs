#!/usr/bin/env node
// Builds with electron-vite when a flavour's output is missing or older than its sources; silent when up to date.
// Two flavours, in two folders so neither overwrites the other:
//   app — out/: what `npm start`, `npm run web` and the Electron shell run; no test hooks (`npm run build` is the same).
//   e2e — out/e2e/: the same app with its test hooks compiled in (src/renderer/src/test-hooks.ts), served by the
//         end-to-end tests and the benches (test/support/server.ts). Run as a script (`npm run test:e2e`), this
//         builds the e2e flavour; `node scripts/ensure-build.mjs app` builds the app.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const INPUTS = ['src', 'electron.vite.config.ts', 'package.json'];

/** Output folder and the DUOSUB_TEST_HOOKS value electron.vite.config.ts reads, per flavour. */
const FLAVOURS = {
  app: { outDir: join(repoDir, 'out'), testHooks: '0' },
  e2e: { outDir: join(repoDir, 'out', 'e2e'), testHooks: '1' },
};

/** The renderer the end-to-end tests and benches serve (DUOSUB_RENDERER_DIR for browser mode). */
export const E2E_RENDERER_DIR = join(FLAVOURS.e2e.outDir, 'renderer');

function flavourOf(name) {
  const flavour = FLAVOURS[name];
  if (!flavour) throw new Error(`unknown build flavour "${name}" (app or e2e)`);
  return flavour;
}

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file shows as a newer directory
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function needsBuild(name = 'app') {
  const { outDir } = flavourOf(name);
  const outputs = ['main/index.js', 'preload/index.cjs', 'renderer/index.html'].map((file) => join(outDir, file));
  if (!outputs.every((file) => existsSync(file))) return true;
  const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  const inputs = INPUTS.map((file) => join(repoDir, file)).filter((file) => existsSync(file));
  return inputs.some((file) => newestMtime(file) > built);
}

/** Builds flavour `name` ('app' or 'e2e') if needed; returns the exit code (0 when nothing had to be done). */
export function ensureBuild(name = 'app') {
  if (!needsBuild(name)) return 0;
  const { outDir, testHooks } = flavourOf(name);
  console.log(`Building Duosub (electron-vite build, ${name === 'e2e' ? 'with test hooks, into out/e2e' : 'into out'})…`);
  const bin = join(repoDir, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  // An absolute --outDir: a relative one would land under each target's root (src/renderer/out/… for the renderer).
  const result = spawnSync(process.execPath, [bin, 'build', '--outDir', outDir], {
    cwd: repoDir,
    stdio: 'inherit',
    env: { ...process.env, DUOSUB_TEST_HOOKS: testHooks },
  });
  if (result.status !== 0) console.error('The build failed.');
  return result.status ?? 1;
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  process.exitCode = ensureBuild(process.argv[2] ?? 'e2e');
}
