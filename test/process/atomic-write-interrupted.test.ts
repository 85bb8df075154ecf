/**
 * A save interrupted at every step, by an error or by a crash, and by real kill -9: the target holds exactly the
 * old content or exactly the new, never a mix, and no temp file outlives the save (a crash's is swept by the next).
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeSaveFs, SaveError, writeFileAtomic, writeFileAtomicSync, type AsyncSaveFs, type SaveFs } from '../../src/node/files/atomic-write';
import { buildAtomicWrite, saveLoopScript, startSaveLoop } from './atomic-write-child';

const work = mkdtempSync(join(tmpdir(), 'duosub-interrupted-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let cases = 0;

const OLD = 'old '.repeat(3000);
const NEW = 'new '.repeat(5000); // 20 KB: with 4 KB writes, five write steps to interrupt
type Scenario = 'existing file' | 'new file' | 'through a link';

/** A fresh folder for `scenario`; returns the path to save to and the files the folder must hold afterwards. */
function setUp(scenario: Scenario): { dir: string; path: string; real: string; names: string[] } {
  const dir = join(work, `case-${++cases}`);
  mkdirSync(dir);
  if (scenario === 'new file') return { dir, path: join(dir, 'film.srt'), real: join(dir, 'film.srt'), names: [] };
  writeFileSync(join(dir, 'real.srt'), OLD);
  if (scenario === 'existing file') return { dir, path: join(dir, 'real.srt'), real: join(dir, 'real.srt'), names: ['real.srt'] };
  symlinkSync('real.srt', join(dir, 'link.srt'));
  return { dir, path: join(dir, 'link.srt'), real: join(dir, 'real.srt'), names: ['link.srt', 'real.srt'] };
}

type Fault = { step: number; errno: string; crash: boolean };

/**
 * The real calls, 4 KB per write, with call number `step` failing. A crash fails every call from there on, so
 * nothing more reaches the disk: no cleanup, as after kill -9 or a power cut.
 */
function faulty(fault: Fault | null, log: string[] = []): SaveFs {
  const fs: Record<string, unknown> = {};
  for (const name of Object.keys(nodeSaveFs) as (keyof SaveFs)[]) {
    fs[name] = (...args: unknown[]) => {
      const n = log.push(name) - 1;
      if (fault && (n === fault.step || (fault.crash && n > fault.step))) throw Object.assign(new Error(`${fault.errno}: injected`), { code: fault.errno });
      if (name === 'write') return nodeSaveFs.write(args[0] as number, args[1] as Uint8Array, args[2] as number, Math.min(args[3] as number, 4096));
      return (nodeSaveFs[name] as (...a: unknown[]) => unknown)(...args);
    };
  }
  return fs as unknown as SaveFs;
}

const asAsync = (fs: SaveFs): AsyncSaveFs =>
  Object.fromEntries(Object.entries(fs).map(([name, f]) => [name, async (...args: unknown[]) => (f as (...a: unknown[]) => unknown)(...args)])) as AsyncSaveFs;

async function save(driver: 'sync' | 'async', path: string, fs: SaveFs): Promise<SaveError | null> {
  try {
    if (driver === 'sync') writeFileAtomicSync(path, NEW, { fs });
    else await writeFileAtomic(path, NEW, { fs: asAsync(fs) });
    return null;
  } catch (error) {
    if (error instanceof SaveError) return error;
    throw error;
  }
}

const temps = (dir: string) => readdirSync(dir).filter((name) => name.endsWith('.tmp'));

describe('a save interrupted at every step', () => {
  it('leaves the old content or the new, and no temp file (≥100 trials, sync and async)', async () => {
    const outcomes = { trials: 0, old: 0, new: 0, crashTempsSwept: 0 };
    for (const scenario of ['existing file', 'new file', 'through a link'] as Scenario[]) {
      const steps: string[] = [];
      writeFileAtomicSync(setUp(scenario).path, NEW, { fs: faulty(null, steps) });
      const rename = steps.indexOf('rename');
      expect(rename).toBeGreaterThan(0);
      for (const driver of ['sync', 'async'] as const) {
        for (let step = 0; step < steps.length; step++) {
          for (const fault of [{ step, errno: 'EIO', crash: false }, { step, errno: 'ENOSPC', crash: true }]) {
            const { dir, path, real, names } = setUp(scenario);
            const label = `${scenario}, ${driver}, ${fault.crash ? 'crash' : 'EIO'} at call ${step} (${steps[step]})`;
            const error = await save(driver, path, faulty(fault));
            const content = scenario === 'new file' && step <= rename ? null : readFileSync(real, 'utf8');
            outcomes.trials++;
            if (step <= rename) {
              // Before the rename took effect: the save failed and the old file (or none) is there, whole.
              expect(error, label).toBeInstanceOf(SaveError);
              if (scenario !== 'new file') expect(content, label).toBe(OLD);
              outcomes.old++;
            } else {
              expect(content, label).toBe(NEW);
              outcomes.new++;
            }
            const expected = scenario === 'new file' ? (step > rename ? ['film.srt'] : []) : names;
            expect(readdirSync(dir).filter((n) => !n.endsWith('.tmp')).sort(), label).toEqual(expected);
            if (!fault.crash) expect(temps(dir), label).toEqual([]);
            else if (temps(dir).length > 0) {
              // A crashed save's temp is swept by the next save once it is old enough to be no live save's.
              const past = new Date(Date.now() - 3_600_000);
              for (const temp of temps(dir)) utimesSync(join(dir, temp), past, past);
              writeFileAtomicSync(path, NEW);
              expect(temps(dir), label).toEqual([]);
              outcomes.crashTempsSwept++;
            }
          }
        }
      }
    }
    console.log(`interrupted saves: ${JSON.stringify(outcomes)}`);
    expect(outcomes.trials).toBeGreaterThanOrEqual(100);
  });

  it('survives kill -9 of a process saving in a loop (≥20 trials at random moments)', { timeout: 180_000 }, async () => {
    const built = mkdtempSync(join(tmpdir(), 'duosub-interrupted-mjs-'));
    try {
      const script = join(built, 'loop.mjs');
      writeFileSync(script, saveLoopScript(buildAtomicWrite(built)));
      const trials: { version: number; temps: number }[] = [];
      // Four children at a time: each mostly waits for Node to start, and the kills stay independent.
      for (let batch = 0; batch < 6; batch++) {
        trials.push(...(await Promise.all([0, 1, 2, 3].map((i) => killedSave(script, join(work, `kill-${batch}-${i}`))))));
      }
      console.log(`kill -9: ${trials.length} trials, versions found ${trials.map((t) => t.version).join(',')}, killed mid-save (temp file left) ${trials.filter((t) => t.temps > 0).length}`);
      expect(trials).toHaveLength(24);
    } finally {
      rmSync(built, { recursive: true, force: true });
    }
  });
});

/** Starts the save loop, kills it at a random moment, and checks the file holds one whole version. */
async function killedSave(script: string, dir: string): Promise<{ version: number; temps: number }> {
  mkdirSync(dir);
  const target = join(dir, 'project.duosub.json');
  const child = await startSaveLoop(script, target);
  child.removeAllListeners('exit');
  await new Promise((done) => setTimeout(done, Math.random() * 300));
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGKILL');
  await exited;
  const saved = JSON.parse(readFileSync(target, 'utf8')) as { version: number; cues: { i: number; text: string }[] };
  expect(saved.cues).toHaveLength(2000);
  expect(saved.cues.every((cue, i) => cue.i === i && cue.text === `v${saved.version}-${'x'.repeat(80)}`)).toBe(true);
  return { version: saved.version, temps: temps(dir).length };
}
