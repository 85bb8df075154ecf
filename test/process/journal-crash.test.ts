/**
 * kill -9 of main (browser mode) at a random moment during a burst of edits: the next run restores the document
 * as it was at least 1 s before the kill. The child runs the real services, API and server
 * (test/fixtures/journal-crash-child.ts, bundled once with esbuild: a tsx start costs seconds on a busy machine).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { isDeepStrictEqual } from 'node:util';
import type { DocumentState, EditResult, RecoveryEntry } from '../../src/shared/api';
import type { SubtitleDocument } from '../../src/shared/model';
import type { Operation } from '../../src/shared/operations';

const ROOT = resolve(import.meta.dirname, '../..');
// Inside the repo's node_modules so the bundle's bare imports (zod, ws) resolve.
const BUNDLE = join(ROOT, 'node_modules/.cache/duosub-tests', `journal-crash-child-${process.pid}.mjs`);
const CHAINS = 2;
const TRIALS_PER_CHAIN = 11;
const MARGIN_MS = 1000;

const FIXTURE = join(ROOT, 'test/fixtures/journal-crash-child.ts');

let dir: string;
/** How to start the child: the bundle, or tsx when esbuild (which tsx brings) cannot be loaded. */
let childArgs: string[];
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'duosub-crash-'));
  try {
    const { build } = await import('esbuild');
    mkdirSync(join(ROOT, 'node_modules/.cache/duosub-tests'), { recursive: true });
    await build({ entryPoints: [FIXTURE], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: BUNDLE, logLevel: 'error' });
    childArgs = [BUNDLE];
  } catch {
    childArgs = ['--import', 'tsx', FIXTURE];
  }
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(BUNDLE, { force: true });
});

/** One run of main: requests over stdin, answers over stdout. */
class Main {
  private readonly child: ChildProcess;
  private readonly waiting = new Map<number, (reply: Reply) => void>();
  private nextId = 1;
  readonly ready: Promise<{ server: boolean }>;

  constructor(dataDir: string, project: string) {
    this.child = spawn(process.execPath, [...childArgs, dataDir, project, join(ROOT, 'resources')], { stdio: ['pipe', 'pipe', 'inherit'] });
    let started: (value: { server: boolean }) => void;
    this.ready = new Promise((done) => (started = done));
    // A request in flight when the child is killed gets no answer: it fails.
    this.child.once('exit', () => {
      for (const answer of this.waiting.values()) answer({ id: 0, ok: false, error: { message: 'main exited' } });
      this.waiting.clear();
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as Reply & { ready?: boolean; server: boolean };
      if (message.ready) started(message);
      else this.waiting.get(message.id)?.(message);
    });
  }

  call<T>(channel: string, args: unknown, withState?: string): Promise<{ result: T; doc?: SubtitleDocument }> {
    const id = this.nextId++;
    return new Promise((done, fail) => {
      this.waiting.set(id, (reply) => {
        this.waiting.delete(id);
        if (reply.ok) done(reply as { result: T; doc?: SubtitleDocument });
        else fail(new Error(`${channel}: ${reply.error!.message}`));
      });
      this.child.stdin!.write(`${JSON.stringify({ id, channel, args, withState })}\n`);
    });
  }

  kill(): Promise<void> {
    return new Promise((done) => {
      this.child.once('exit', () => done());
      this.child.kill('SIGKILL');
    });
  }
}

interface Reply {
  id: number;
  ok: boolean;
  result?: unknown;
  doc?: SubtitleDocument;
  error?: { message: string };
}

/** What the driver saw confirmed: each state of the document and when its edit was answered. */
interface Confirmed {
  at: number;
  doc: SubtitleDocument;
}

function randomEdit(doc: SubtitleDocument, n: number): { channel: string; op?: Operation } {
  const roll = Math.random();
  if (roll < 0.1) return { channel: 'doc.undo' };
  if (roll < 0.15) return { channel: 'doc.redo' };
  const cue = doc.cues[Math.floor(Math.random() * doc.cues.length)];
  if (roll < 0.3) {
    const start = cue.start + Math.floor(Math.random() * 200) - 100;
    return { channel: 'doc.apply', op: { type: 'setTimes', cueId: cue.id, start: Math.max(0, start), end: Math.max(0, start) + 500 } };
  }
  const typing = roll < 0.7; // a letter typed at the end (coalesces), else a whole new text
  const text = typing ? `${cue.text.en ?? ''}${'abc '[n % 4]}` : `edit ${n}`;
  return { channel: 'doc.apply', op: { type: 'setText', cueId: cue.id, lang: 'en', text } };
}

/** Edits as fast as main answers (with small random pauses) until killed at a random moment past 1 s. */
async function burst(main: Main, start: DocumentState): Promise<{ confirmed: Confirmed[]; killedAt: number }> {
  const confirmed: Confirmed[] = [{ at: performance.now(), doc: start.doc }];
  const killAfter = 1100 + Math.random() * 700;
  const began = performance.now();
  let killed = false;
  const killing = new Promise<number>((done) => setTimeout(() => {
    killed = true;
    const at = performance.now();
    void main.kill().then(() => done(at));
  }, killAfter));
  for (let n = 0; !killed; n++) {
    const edit = randomEdit(confirmed.at(-1)!.doc, n);
    const args = edit.op ? { docId: start.docId, op: edit.op } : { docId: start.docId };
    const reply = await main.call<EditResult>(edit.channel, args, start.docId).catch(() => null);
    if (!reply || killed) break;
    confirmed.push({ at: performance.now(), doc: reply.doc! });
    if (Math.random() < 0.2) await new Promise((done) => setTimeout(done, Math.random() * 15));
  }
  expect(performance.now() - began).toBeGreaterThan(1000);
  return { confirmed, killedAt: await killing };
}

/** The next run: restores the journalled work and checks it against what the last run confirmed. */
async function restoreAndCheck(main: Main, previous: { confirmed: Confirmed[]; killedAt: number }) {
  const list = (await main.call<RecoveryEntry[]>('recovery.list', {})).result;
  const due = previous.confirmed.filter((c) => c.at <= previous.killedAt - MARGIN_MS).length - 1;
  // Every state from the last one confirmed 1 s before the kill on is acceptable (later edits may be lost).
  const acceptable = previous.confirmed.slice(Math.max(0, due)).map((c) => c.doc);
  if (list.length === 0) {
    expect(acceptable.some((doc) => isDeepStrictEqual(doc, previous.confirmed[0].doc))).toBe(true);
    return { due, lost: previous.confirmed.length - 1, lostMs: previous.killedAt - previous.confirmed[0].at };
  }
  expect(list).toHaveLength(1);
  const restored = (await main.call<DocumentState>('recovery.restore', { id: list[0].id })).result;
  expect(restored.dirty).toBe(true);
  const index = acceptable.findIndex((doc) => isDeepStrictEqual(doc, restored.doc));
  expect(index, `restored state is none of the ${acceptable.length} confirmed from 1 s before the kill on`).toBeGreaterThanOrEqual(0);
  await main.call('doc.close', { docId: restored.docId });
  const last = Math.max(0, due) + findLastEqual(acceptable, restored.doc);
  return { due, lost: previous.confirmed.length - 1 - last, lostMs: previous.killedAt - previous.confirmed[last].at };
}

function findLastEqual(docs: SubtitleDocument[], doc: SubtitleDocument): number {
  for (let i = docs.length - 1; i >= 0; i--) if (isDeepStrictEqual(docs[i], doc)) return i;
  return -1;
}

async function chain(name: string, trials: number) {
  const dataDir = join(dir, name, 'recovery');
  mkdirSync(join(dir, name));
  const project = join(dir, name, 'excerpt.duosub.json');
  copyFileSync(join(ROOT, 'resources/sample/excerpt.duosub.json'), project);
  const results: Array<{ edits: number; due: number; lost: number; lostMs: number }> = [];
  let previous: { confirmed: Confirmed[]; killedAt: number } | null = null;
  for (let trial = 0; trial <= trials; trial++) {
    const main = new Main(dataDir, project);
    expect((await main.ready).server, 'the browser-mode server starts in the child').toBe(true);
    if (previous) {
      results.push({ edits: previous.confirmed.length - 1, ...(await restoreAndCheck(main, previous)) });
    }
    if (trial === trials) {
      await main.kill();
      break;
    }
    const start = (await main.call<DocumentState>('session.initial', {})).result;
    expect(start.dirty).toBe(false);
    previous = await burst(main, start);
  }
  return results;
}

describe('kill -9 of main during a burst of edits', () => {
  it(`restores the state of at least 1 s before the kill (${CHAINS * TRIALS_PER_CHAIN} trials)`, async () => {
    const chains = await Promise.all(Array.from({ length: CHAINS }, (_, i) => chain(`chain${i}`, TRIALS_PER_CHAIN)));
    const results = chains.flat();
    expect(results).toHaveLength(CHAINS * TRIALS_PER_CHAIN);
    const edits = results.reduce((sum, r) => sum + r.edits, 0);
    // Figures for the report: edits per trial, and how many confirmed edits the crash lost (all within the last second).
    const lostMs = results.map((r) => Math.round(r.lostMs));
    console.log(`journal-crash: ${results.length} trials, ${edits} edits; edits lost per trial ${results.map((r) => r.lost).join(' ')}; `
      + `ms of work lost per trial ${lostMs.join(' ')} (max ${Math.max(...lostMs)})`);
  }, 170_000);
});
