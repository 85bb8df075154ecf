#!/usr/bin/env node
// `npm run web -- [FILE [MEDIA]] [--port N]`: builds if needed, then runs browser mode (src/node/web/web.ts) with tsx.
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureBuild } from './ensure-build.mjs';

const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** How long the app may take to stop cleanly (it flushes the journal) before what is left of its group is killed. */
const GRACE_MS = 12_000;

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false; // the group is gone
  }
}

/**
 * Runs a child in a process group of its own, in the foreground (inherits the terminal); resolves to its exit
 * code. Ctrl+C, SIGTERM and SIGHUP reach the whole group (the app and whatever it started: ffmpeg, Electron's
 * helpers), and when the app is gone anything left in its group is killed, so stopping `npm start` stops it all.
 */
export function runGroup(command, args, { cwd, what }) {
  const posix = process.platform !== 'win32';
  const child = spawn(command, args, {
    cwd,
    stdio: 'inherit',
    detached: posix, // a group of its own (on Windows detached means a new console: not wanted)
    // Relative FILE arguments are relative to where the user was, not to the repository.
    env: { ...process.env, INIT_CWD: process.env.INIT_CWD ?? process.cwd() },
  });
  let force = null;
  const forward = (signal) => {
    if (!posix || !killGroup(child.pid, signal)) child.kill(signal);
    force ??= setTimeout(() => (posix ? killGroup(child.pid, 'SIGKILL') : child.kill('SIGKILL')), GRACE_MS);
    force.unref();
  };
  for (const signal of SIGNALS) process.on(signal, forward);
  return new Promise((resolveExit) => {
    child.on('error', (error) => {
      console.error(`Could not start ${what}: ${error.message}`);
      resolveExit(1);
    });
    child.on('exit', (code, signal) => {
      for (const s of SIGNALS) process.off(s, forward);
      if (force) clearTimeout(force);
      if (posix) killGroup(child.pid, 'SIGKILL'); // leftovers of a child that died without stopping its own
      resolveExit(code ?? (signal ? 128 + (signal === 'SIGINT' ? 2 : signal === 'SIGHUP' ? 1 : 15) : 1));
    });
  });
}

/**
 * Runs browser mode with `args`; resolves to its exit code. A renderer served from elsewhere
 * (DUOSUB_RENDERER_DIR, as the process tests do) needs no build here.
 */
export function runWeb(args) {
  const built = process.env.DUOSUB_RENDERER_DIR ? 0 : ensureBuild();
  if (built !== 0) return Promise.resolve(built);
  return runGroup(process.execPath, ['--import', 'tsx', 'src/node/web/web.ts', ...args], { cwd: repoDir, what: 'browser mode' });
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  process.exitCode = await runWeb(process.argv.slice(2));
}
