#!/usr/bin/env node
// `npm start -- [FILE [MEDIA]]`: the Electron app when its binary is installed, otherwise browser mode.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuild } from './ensure-build.mjs';
import { runGroup, runWeb } from './web.mjs';

const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

/**
 * The Electron binary that `npm install` downloaded, or null (electron/index.js would throw instead).
 * DUOSUB_BROWSER_MODE=1 asks for browser mode even where Electron is installed (tests, remote machines).
 */
function electronBinary() {
  if (process.env.DUOSUB_BROWSER_MODE === '1') return null;
  const electronDir = join(repoDir, 'node_modules', 'electron');
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function runElectron(binary) {
  const built = ensureBuild();
  if (built !== 0) return Promise.resolve(built);
  return runGroup(binary, ['.', ...args], { cwd: repoDir, what: 'Electron' });
}

const binary = electronBinary();
if (binary) {
  process.exitCode = await runElectron(binary);
} else {
  console.log('Electron binary not available (it is downloaded from the internet on first run, which this machine cannot reach); starting browser mode instead.');
  process.exitCode = await runWeb(args);
}
