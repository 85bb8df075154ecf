#!/usr/bin/env node
// Builds with electron-vite when out/ is missing or older than its sources; silent when it is up to date.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUTPUTS = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];
const INPUTS = ['src', 'electron.vite.config.ts', 'package.json'];

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs; // a deleted file shows as a newer directory
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function needsBuild() {
  const outputs = OUTPUTS.map((file) => join(repoDir, file));
  if (!outputs.every((file) => existsSync(file))) return true;
  const built = Math.min(...outputs.map((file) => statSync(file).mtimeMs));
  const inputs = INPUTS.map((file) => join(repoDir, file)).filter((file) => existsSync(file));
  return inputs.some((file) => newestMtime(file) > built);
}

/** Builds if needed; returns the exit code (0 when nothing had to be done). */
export function ensureBuild() {
  if (!needsBuild()) return 0;
  console.log('Building Duosub (electron-vite build)…');
  const bin = join(repoDir, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const result = spawnSync(process.execPath, [bin, 'build'], { cwd: repoDir, stdio: 'inherit' });
  if (result.status !== 0) console.error('The build failed.');
  return result.status ?? 1;
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  process.exitCode = ensureBuild();
}
