#!/usr/bin/env node
// `npm run web -- [FILE [MEDIA]] [--port N]`: builds if needed, then runs browser mode (src/main/web.ts) with tsx.
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBuild } from './ensure-build.mjs';
import { runForwarding } from './child.mjs';

const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs browser mode with `args`; resolves to its exit code. Signals reach the child, which shuts down ffmpeg. */
export function runWeb(args) {
  const built = ensureBuild();
  if (built !== 0) return Promise.resolve(built);
  return runForwarding(process.execPath, ['--import', 'tsx', 'src/main/web.ts', ...args], { cwd: repoDir, what: 'browser mode' });
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  process.exitCode = await runWeb(process.argv.slice(2));
}
