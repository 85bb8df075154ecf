/**
 * Stopping `npm start` stops what it started: SIGTERM to scripts/start.mjs (browser mode here) closes the
 * server's port and leaves no child; and the runner takes the child's whole process group with it, a grandchild
 * that ignores SIGTERM included.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'duosub-start-test-'));
// A stand-in for the built renderer: this test is about the processes, not the page.
const rendererDir = join(dir, 'renderer');
mkdirSync(rendererDir);
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Duosub</title>');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Whether the process runs: a zombie (killed, not yet reaped by whoever inherited it) does not. */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Waits until none of `pids` runs (a SIGKILL lands asynchronously); the pids still running after 5 s. */
async function settled(pids: number[]): Promise<number[]> {
  for (let i = 0; i < 100 && pids.some(alive); i++) await new Promise((done) => setTimeout(done, 50));
  return pids.filter(alive);
}

/** Pids whose parent is `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  return readdirSync('/proc').filter((n) => /^\d+$/.test(n)).filter((n) => {
    const stat = (() => {
      try {
        return readFileSync(`/proc/${n}/stat`, 'utf8');
      } catch {
        return '';
      }
    })();
    // Fields after the command name (which may hold spaces): state, ppid, …
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid;
  }).map(Number);
}

function portRefuses(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(false);
    });
    socket.once('error', () => done(true));
  });
}

/** Collects the child's output until `pattern` matches; rejects if it exits first. */
function waitFor(child: ChildProcess, pattern: RegExp): Promise<RegExpExecArray> {
  let output = '';
  return new Promise((done, fail) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) done(match);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`exited with ${code} before ${pattern}:\n${output}`)));
  });
}

const exitOf = (child: ChildProcess) => new Promise<number | null>((done) => child.once('exit', (code) => done(code)));

describe.skipIf(process.platform !== 'linux')('stopping npm start', () => {
  it('SIGTERM to start.mjs closes the port and leaves no child', async () => {
    const start = spawn(process.execPath, ['scripts/start.mjs', '--port', '0'], {
      cwd: ROOT,
      env: {
        ...process.env, DUOSUB_BROWSER_MODE: '1', DUOSUB_RENDERER_DIR: rendererDir, TMPDIR: dir,
        DUOSUB_CONFIG_DIR: join(dir, 'config'), DUOSUB_DATA_DIR: join(dir, 'data'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = exitOf(start);
    const port = Number((await waitFor(start, /http:\/\/127\.0\.0\.1:(\d+)\/\?token=/))[1]);
    const children = childrenOf(start.pid!);
    expect(children.length).toBe(1); // the browser-mode server
    expect(await portRefuses(port)).toBe(false);

    start.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await portRefuses(port)).toBe(true);
    expect(await settled(children)).toEqual([]);
  }, 90_000);

  it('takes the whole group: a grandchild that ignores SIGTERM is gone too', async () => {
    // The child starts a grandchild that ignores SIGTERM, prints its pid, and exits on SIGTERM itself.
    const grandchild = 'process.on("SIGTERM", () => {}); setInterval(() => {}, 1000)';
    const child = `process.on("SIGTERM", () => process.exit(0)); setInterval(() => {}, 1000);
      const g = require("node:child_process").spawn(process.execPath, ["-e", ${JSON.stringify(grandchild)}], { stdio: "ignore" });
      console.log("grandchild " + g.pid);`;
    const runner = `import(${JSON.stringify(join(ROOT, 'scripts/web.mjs'))}).then(async (m) => {
      process.exitCode = await m.runGroup(process.execPath, ["-e", ${JSON.stringify(child)}], { cwd: process.cwd(), what: "test" });
    });`;
    const proc = spawn(process.execPath, ['--input-type=module', '-e', runner], {
      cwd: ROOT, env: { ...process.env, DUOSUB_RENDERER_DIR: rendererDir }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = exitOf(proc);
    const pid = Number((await waitFor(proc, /grandchild (\d+)/))[1]);
    expect(alive(pid)).toBe(true);
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await settled([pid])).toEqual([]);
  }, 60_000);
});
