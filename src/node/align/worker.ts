/**
 * Alignment off the main thread: `runAlignInWorker` starts a worker_thread running worker-entry, relays its
 * progress, and stops it when the signal aborts (the worker kills its ffmpeg child, then the thread ends).
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AlignInput, AlignOptions, AlignResult } from './aligner';
import type { WorkerMessage } from './worker-entry';

/**
 * Starts the worker's code. From source (tsx, vitest) it is the sibling .ts file, loaded through tsx's scoped
 * loader (Node 20 does not hand a parent's `--import` hooks to workers); in the electron-vite build it must be a
 * bundle entry named `align-worker` next to the main bundle.
 */
function startWorker(workerData: unknown): Worker {
  const here = import.meta.url;
  if (!/\.ts$/.test(here)) return new Worker(new URL('./align-worker.js', here), { workerData });
  // The ESM build of tsx's API sits beside the CommonJS one that require.resolve finds.
  const api = pathToFileURL(createRequire(here).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const entry = new URL('./worker-entry.ts', here).href;
  const code = `import(${JSON.stringify(api)}).then((tsx) => tsx.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(here)}));`;
  return new Worker(code, { eval: true, workerData });
}

/** How long a cancelled worker gets to stop its ffmpeg before the thread is terminated. */
const ABORT_GRACE_MS = 500;

export function runAlignInWorker(input: AlignInput, options: AlignOptions = {}): Promise<AlignResult> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(options.signal.reason);
    const worker = startWorker({ input, ffmpegPath: options.ffmpegPath });
    let settled = false;
    const settle = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    // Ask first: the worker aborts its own ffmpeg child, which a terminated thread would leave running until its
    // next write. Terminate after a grace period either way.
    const onAbort = (): void => settle(() => {
      worker.postMessage({ type: 'abort' });
      const timer = setTimeout(() => void worker.terminate(), ABORT_GRACE_MS);
      worker.once('exit', () => clearTimeout(timer));
      reject(options.signal?.reason ?? new Error('aborted'));
    });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    // The worker's message listener keeps its thread alive after the work: once the result (or the error) is in,
    // the thread is ended, or every auto-time would leave one behind with its memory (and keep Node from exiting).
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') options.onProgress?.(message.fraction, message.stage);
      else if (message.type === 'done') settle(() => (resolve(message.result), void worker.terminate()));
      else settle(() => (reject(new Error(message.message)), void worker.terminate()));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the alignment worker stopped (exit ${code})`))));
  });
}
