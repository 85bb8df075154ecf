/**
 * Runs inputs through every reader in the registry (`formats`, so a new format is fuzzed without a change here),
 * `readSubtitleText` under a random file name, and the project loader (`readSubtitleText` on `.duosub.json`).
 * What a parse reads is written back by the same format and read again. A crash is an exception that is not a
 * FormatError (a writer may refuse a document with a plain Error; a TypeError, RangeError … is a crash there too);
 * a slow input is one call over the time limit (for the big pathological inputs, the limit per million characters).
 */
import { formats, FormatError, readSubtitleText, type SubtitleFormat } from '../src/shared/formats/registry';
import type { ReadResult } from '../src/shared/formats/types';
import { generate, mutate, pathological, seedCorpus, seeded, type Random } from './fuzz-inputs';

export interface Failure {
  kind: 'crash' | 'slow';
  target: string;
  /** The file name the input was read under. */
  fileName: string;
  /** Where it came from: `mutated #123`, `generated #5`, or the pathological input's name. */
  origin: string;
  ms: number;
  error?: string;
  text: string;
}

export interface FuzzOptions {
  /** Calls in total (texts × targets), pathological ones included. */
  inputs: number;
  seed: number;
  slowMs: number;
  /** Run the pathological inputs (big: seconds in all). */
  pathological: boolean;
  fixtureDirs: string[];
  /** The readers to fuzz; default every format of the registry, readSubtitleText and the project loader. */
  targets?: Target[];
  onProgress?: (done: number, failures: number) => void;
  /** Before each call of a pathological input (a hang shows where it is). */
  onPathological?: (name: string, target: string) => void;
}

export interface FuzzResult {
  inputs: number;
  texts: number;
  crashCount: number;
  slowCount: number;
  /** The first failures of each kind (the same bug can fail thousands of inputs). */
  crashes: Failure[];
  slow: Failure[];
  /** The slowest call of each pathological input, for the report. */
  pathologicalMs: { name: string; chars: number; limitMs: number; ms: number; target: string }[];
}

export interface Target {
  name: string;
  run(text: string, fileName: string): void;
}

/** Failures kept in full per kind; the rest are counted. */
const KEPT = 50;

const ALLOWED_WRITER_ERRORS = new Set(['Error', 'ExportError']);

/** The format's reading, then its writing and reading again of what it read. */
function formatTarget(format: SubtitleFormat): Target {
  return {
    name: `${format.id}.parse`,
    run(text, fileName) {
      format.detect(text, fileName);
      const read = format.parse(text, { frameRate: 25 });
      roundTrip(format, read);
    },
  };
}

function roundTrip(format: SubtitleFormat, read: ReadResult): void {
  const codes = read.doc.languages.map((l) => l.code);
  if (!format.serialize || codes.length === 0) return;
  let written: string;
  try {
    written = format.serialize(read.doc, format.bilingual ? { langs: codes } : { lang: codes[0] });
  } catch (error) {
    if (error instanceof Error && ALLOWED_WRITER_ERRORS.has(error.constructor.name)) return;
    throw error;
  }
  format.parse(written);
}

const EXTENSIONS = formats.flatMap((f) => f.extensions);

export function targets(): Target[] {
  return [
    ...formats.map(formatTarget),
    { name: 'readSubtitleText', run: (text, fileName) => void readSubtitleText(text, fileName) },
    { name: 'project loader', run: (text) => void readSubtitleText(text, 'fuzz.duosub.json') },
  ];
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.constructor.name}: ${error.message}\n${(error.stack ?? '').split('\n').slice(1, 6).join('\n')}`;
  return String(error);
}

class Runner {
  readonly crashes: Failure[] = [];
  readonly slow: Failure[] = [];
  crashCount = 0;
  slowCount = 0;
  calls = 0;
  constructor(private readonly list: Target[]) {}

  /** One text through every target; the slowest call's time is returned. */
  feed(text: string, fileName: string, origin: string, limitMs: number, before?: (target: string) => void): { ms: number; target: string } {
    let worst = { ms: 0, target: '' };
    for (const target of this.list) {
      const name = target.name === 'project loader' ? 'fuzz.duosub.json' : fileName;
      before?.(target.name);
      // A big input's time is the reader's, not the collection of what the previous reader left behind
      // (`npm run fuzz` runs Node with --expose-gc; elsewhere this is skipped).
      if (text.length >= 1_000_000) (globalThis as { gc?: () => void }).gc?.();
      const start = performance.now();
      let error: unknown = null;
      try {
        target.run(text, name);
      } catch (e) {
        if (!(e instanceof FormatError)) error = e;
      }
      const ms = performance.now() - start;
      this.calls++;
      if (ms > worst.ms) worst = { ms, target: target.name };
      if (error !== null && this.crashCount++ < KEPT) {
        this.crashes.push({ kind: 'crash', target: target.name, fileName: name, origin, ms, error: describe(error), text });
      }
      if (ms > limitMs && this.slowCount++ < KEPT) this.slow.push({ kind: 'slow', target: target.name, fileName: name, origin, ms, text });
    }
    return worst;
  }

}

export function runFuzz(options: FuzzOptions): FuzzResult {
  const rand: Random = seeded(options.seed);
  const runner = new Runner(options.targets ?? targets());
  const pathologicalMs: FuzzResult['pathologicalMs'] = [];
  let texts = 0;
  if (options.pathological) {
    for (const input of pathological()) {
      const text = input.make();
      const limitMs = pathologicalLimit(options.slowMs, text);
      const worst = runner.feed(text, `fuzz${pickExtension(rand)}`, input.name, limitMs, (target) => options.onPathological?.(input.name, target));
      pathologicalMs.push({ name: input.name, chars: text.length, limitMs, ...worst });
      texts++;
      options.onProgress?.(runner.calls, runner.crashCount + runner.slowCount);
    }
  }
  const seeds = seedCorpus(rand, options.fixtureDirs);
  for (let i = 0; runner.calls < options.inputs; i++) {
    const generated = rand() < 0.2;
    const text = generated ? generate(rand) : mutate(rand, seeds);
    runner.feed(text, `fuzz${pickExtension(rand)}`, `${generated ? 'generated' : 'mutated'} #${i}`, options.slowMs);
    texts++;
    if (i % 2000 === 0) options.onProgress?.(runner.calls, runner.crashCount + runner.slowCount);
  }
  const { crashCount, slowCount, crashes, slow } = runner;
  return { inputs: runner.calls, texts, crashCount, slowCount, crashes, slow, pathologicalMs };
}

/**
 * The time a pathological input may take: the limit per million characters (at least the limit). Reading a
 * million cues cannot take under a second in any reader (subsrt-ts takes ~3 s), but it must stay linear: a
 * quadratic reader on these sizes takes minutes, far past this.
 */
function pathologicalLimit(slowMs: number, text: string): number {
  return slowMs * Math.max(1, text.length / 1_000_000);
}

function pickExtension(rand: Random): string {
  return rand() < 0.1 ? '.txt' : EXTENSIONS[Math.floor(rand() * EXTENSIONS.length)];
}
