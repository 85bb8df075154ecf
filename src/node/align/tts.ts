/**
 * The TTS reference of forced alignment: espeak-ng compiled to WebAssembly (the `espeak-ng` npm package, offline,
 * every voice built in). Each call instantiates the program afresh, so many fragments are spoken per call with
 * long SSML breaks between them, and the result is cut at those breaks.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import ESpeakNg from 'espeak-ng';

/** Each fragment's speech, silence trimmed, 16-bit at `sampleRate` (half the memory of floats). */
export interface SpokenFragments {
  sampleRate: number;
  pieces: Int16Array[];
}

/** espeak-ng's rate; used when nothing was spoken. */
export const DEFAULT_RATE = 22050;
const BREAK_MS = 1500;
/** A silence this long can only be one of our breaks: espeak's own pauses stay under ~400 ms. */
const CUT_MS = 1000;
const BLOCK_MS = 10;
/** Peak amplitude below which a 10 ms block is silent (espeak writes true zeros between words). */
const SILENT_PEAK = 0.003 * 32768;
/** Sample amplitude that counts as speech when trimming (-45 dBFS, like the test-audio generator's sox). */
const TRIM_PEAK = 10 ** (-45 / 20) * 32768;
const MAX_BATCH_FRAGMENTS = 80;
const MAX_BATCH_CHARS = 6000;

/** The two calls of the WebAssembly global used here (the node-only lib has no WebAssembly declarations). */
type WasmModule = { readonly compiled: unique symbol };
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  instantiate(module: WasmModule, imports: unknown): Promise<unknown>;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** Compiled once per thread: 18 MB of WebAssembly (the voices are embedded in it). */
let compiled: Promise<WasmModule> | null = null;

function wasmModule(): Promise<WasmModule> {
  if (!compiled) {
    const path = createRequire(import.meta.url).resolve('espeak-ng/dist/espeak-ng.wasm');
    compiled = readFile(path).then((bytes) => wasm.compile(bytes));
    compiled.catch(() => (compiled = null));
  }
  return compiled;
}

const escapeXml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Whether espeak would say anything: punctuation alone produces no speech and would shift the cuts. */
export const isSpeakable = (text: string): boolean => /[\p{L}\p{N}]/u.test(text);

/**
 * Runs the espeak-ng program once with the CLI's `args` (voice, rate, `-m` for SSML …) on the text `input` and
 * returns the WAV it wrote. Also speaks the test-audio generator's Mandarin voices (tools/test-audio/voices.ts).
 */
export async function runEspeak(args: string[], input: string): Promise<Uint8Array> {
  const module = await wasmModule();
  let status = 0;
  let stderr = '';
  const program = await ESpeakNg({
    arguments: [...args, '-w', 'out.wav', '-f', 'in.txt'],
    thisProgram: 'espeak-ng',
    preRun: [(m) => m.FS.writeFile('in.txt', input)],
    print: () => undefined,
    printErr: (text) => (stderr += `${text}\n`),
    // The default quit sets process.exitCode: an espeak error must not become the app's exit status.
    quit: (code, toThrow) => {
      status = code;
      throw toThrow;
    },
    instantiateWasm: (imports, done) => {
      wasm.instantiate(module, imports).then(done, (error: unknown) => (stderr += String(error)));
      return {};
    },
  });
  const why = (): string => `espeak-ng ${args.join(' ')}: ${stderr.trim() || `exit ${status}`}`;
  let wav: Uint8Array;
  try {
    wav = program.FS.readFile('out.wav');
    // The file's own copy inside the program's file system goes now, not when the program is collected.
    program.FS.unlink('out.wav');
  } catch {
    throw new Error(`no audio from ${why()}`);
  }
  if (status !== 0) throw new Error(`failed: ${why()}`);
  return wav;
}

/** Speaks SSML text; returns its WAV as mono samples. */
async function speak(ssml: string, voice: string): Promise<{ sampleRate: number; samples: Int16Array }> {
  return parseWav(await runEspeak(['-m', '-v', voice], ssml));
}

const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * The PCM of a 16-bit mono WAV file: a view of `wav` where the samples sit on an even byte (a batch's speech is
 * ~16 MB, and each copy of it is garbage the aligner's peak memory pays for), else a copy.
 */
export function parseWav(wav: Uint8Array): { sampleRate: number; samples: Int16Array } {
  const view = new DataView(wav.buffer, wav.byteOffset, wav.byteLength);
  const sampleRate = view.getUint32(24, true);
  let at = 12;
  while (at + 8 <= wav.length) {
    const id = String.fromCharCode(wav[at], wav[at + 1], wav[at + 2], wav[at + 3]);
    const size = view.getUint32(at + 4, true);
    if (id === 'data') {
      const n = Math.floor(Math.min(size, wav.length - at - 8) / 2);
      const offset = wav.byteOffset + at + 8;
      if (LITTLE_ENDIAN && offset % 2 === 0) return { sampleRate, samples: new Int16Array(wav.buffer, offset, n) };
      const samples = new Int16Array(n);
      for (let k = 0; k < n; k++) samples[k] = view.getInt16(at + 8 + 2 * k, true);
      return { sampleRate, samples };
    }
    at += 8 + size + (size & 1);
  }
  return { sampleRate, samples: new Int16Array(0) };
}

/** Sample ranges of the silences of at least `minMs`, in order. */
export function longSilences(samples: Int16Array, sampleRate: number, minMs: number): [number, number][] {
  const block = Math.round((sampleRate * BLOCK_MS) / 1000);
  const minBlocks = Math.ceil(minMs / BLOCK_MS);
  const runs: [number, number][] = [];
  let from = -1;
  const blocks = Math.ceil(samples.length / block);
  for (let b = 0; b <= blocks; b++) {
    let silent = false;
    if (b < blocks) {
      let peak = 0;
      for (let k = b * block; k < Math.min(samples.length, (b + 1) * block); k++) peak = Math.max(peak, Math.abs(samples[k]));
      silent = peak < SILENT_PEAK;
    }
    if (silent && from < 0) from = b;
    if (!silent && from >= 0) {
      if (b - from >= minBlocks) runs.push([from * block, Math.min(samples.length, b * block)]);
      from = -1;
    }
  }
  return runs;
}

/** The speech inside `samples`, without leading and trailing silence (a view: the batch's pieces are fed and dropped together). */
export function trimSilence(samples: Int16Array): Int16Array {
  let start = 0;
  while (start < samples.length && Math.abs(samples[start]) < TRIM_PEAK) start++;
  let end = samples.length;
  while (end > start && Math.abs(samples[end - 1]) < TRIM_PEAK) end--;
  return samples.subarray(start, end);
}

/** Speaks `texts` in one call and cuts the result at the breaks; null when the cuts do not add up. */
async function speakBatch(texts: string[], voice: string): Promise<{ sampleRate: number; pieces: Int16Array[] } | null> {
  const ssml = `<speak>${texts.map(escapeXml).join(` <break time="${BREAK_MS}ms"/> `)}</speak>`;
  const { sampleRate, samples } = await speak(ssml, voice);
  const cuts = longSilences(samples, sampleRate, CUT_MS).filter(([from, to]) => from > 0 && to < samples.length);
  if (cuts.length !== texts.length - 1) return null;
  const edges = [0, ...cuts.flat(), samples.length];
  const pieces = texts.map((_, k) => trimSilence(samples.subarray(edges[2 * k], edges[2 * k + 1])));
  return { sampleRate, pieces };
}

function batches(indices: number[], texts: string[]): number[][] {
  const out: number[][] = [];
  let current: number[] = [];
  let chars = 0;
  for (const k of indices) {
    if (current.length && (current.length >= MAX_BATCH_FRAGMENTS || chars + texts[k].length > MAX_BATCH_CHARS)) {
      out.push(current);
      current = [];
      chars = 0;
    }
    current.push(k);
    chars += texts[k].length;
  }
  if (current.length) out.push(current);
  return out;
}

export interface SpeakOptions {
  signal?: AbortSignal;
  onProgress?(fraction: number): void;
}

/** One spoken batch: fragment indices (ascending) and each one's speech. Its PCM is the caller's to drop. */
export type OnSpokenBatch = (indices: number[], pieces: Int16Array[], sampleRate: number) => void;

/**
 * Speaks every speakable fragment with the espeak-ng voice `voice`, batch by batch in fragment order, handing
 * each batch to `onBatch` so a long transcript's speech never has to be held whole (160 MB an hour as PCM). A
 * batch whose silences do not match its fragments (a text with a long pause of its own) is spoken one by one.
 */
export async function speakEachBatch(texts: string[], voice: string, onBatch: OnSpokenBatch, options: SpeakOptions = {}): Promise<void> {
  const speakable = texts.map((t, k) => (isSpeakable(t) ? k : -1)).filter((k) => k >= 0);
  const groups = batches(speakable, texts);
  for (const [g, group] of groups.entries()) {
    options.signal?.throwIfAborted();
    const spoken = (await speakBatch(group.map((k) => texts[k]), voice)) ?? (await speakOneByOne(group, texts, voice));
    onBatch(group, spoken.pieces, spoken.sampleRate);
    options.onProgress?.((g + 1) / groups.length);
  }
}

/** Every fragment's speech at once (unspeakable ones get an empty piece): for tests and short texts. */
export async function speakFragments(texts: string[], voice: string, options: SpeakOptions = {}): Promise<SpokenFragments> {
  const pieces: Int16Array[] = texts.map(() => new Int16Array(0));
  let sampleRate = DEFAULT_RATE;
  await speakEachBatch(texts, voice, (group, spoken, rate) => {
    sampleRate = rate;
    group.forEach((k, n) => (pieces[k] = spoken[n]));
  }, options);
  return { sampleRate, pieces };
}

async function speakOneByOne(group: number[], texts: string[], voice: string): Promise<{ sampleRate: number; pieces: Int16Array[] }> {
  let sampleRate = DEFAULT_RATE;
  const pieces: Int16Array[] = [];
  for (const k of group) {
    const spoken = await speak(`<speak>${escapeXml(texts[k])}</speak>`, voice);
    sampleRate = spoken.sampleRate;
    pieces.push(trimSilence(spoken.samples));
  }
  return { sampleRate, pieces };
}
