#!/usr/bin/env node
// `npm run web -- [FILE [MEDIA]] [--port N]`: builds if needed, then runs browser mode (src/main/web.ts) with tsx.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBuild } from './ensure-build.mjs';

const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs browser mode with `args`; resolves to its exit code. Signals reach the child, which shuts down ffmpeg. */
export function runWeb(args) {
  const built = ensureBuild();
  if (built !== 0) return Promise.resolve(built);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/web.ts', ...args], {
    cwd: repoDir,
    stdio: 'inherit',
    // Relative FILE arguments are relative to where the user was, not to the repository.
    env: { ...process.env, INIT_CWD: process.env.INIT_CWD ?? process.cwd() },
  });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolveExit) => {
    child.on('error', (error) => {
      console.error(`Could not start browser mode: ${error.message}`);
      resolveExit(1);
    });
    child.on('exit', (code, signal) => {
      process.off('SIGINT', forward);
      process.off('SIGTERM', forward);
      resolveExit(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : 15) : 1));
    });
  });
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  process.exitCode = await runWeb(process.argv.slice(2));
}
