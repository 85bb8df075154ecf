/**
 * The body of the alignment worker thread: runs `alignFragments` on the input it was started with and posts
 * progress, then the result or the error. Cancelling: the parent posts `abort`, which stops the work (and its
 * ffmpeg child) before the thread exits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { alignFragments, type AlignInput } from './aligner';

export type WorkerMessage =
  | { type: 'progress'; fraction: number; stage: string }
  | { type: 'done'; result: Awaited<ReturnType<typeof alignFragments>> }
  | { type: 'error'; message: string };

const { input, ffmpegPath } = workerData as { input: AlignInput; ffmpegPath?: string };
const post = (message: WorkerMessage): void => parentPort?.postMessage(message);
const abort = new AbortController();
parentPort?.on('message', (message: { type?: string }) => {
  if (message?.type !== 'abort') return;
  abort.abort(new Error('aborted'));
  // Let the aborted child's kill go out, then end the thread.
  setTimeout(() => process.exit(0), 50);
});

alignFragments(input, { ffmpegPath, signal: abort.signal, onProgress: (fraction, stage) => post({ type: 'progress', fraction, stage }) }).then(
  (result) => post({ type: 'done', result }),
  (error: unknown) => post({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
);
