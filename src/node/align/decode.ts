/**
 * The real recording's features: ffmpeg decodes any media to 16 kHz mono s16 on stdout, and the samples go
 * straight into the MFCC extractor, so a long recording is never held in memory as PCM.
 */
import { spawn } from 'node:child_process';
import { collectStderr, describeSpawnError, lastErrorLine } from '../ffmpeg/ffmpeg';
import { pcmArgs, PcmSplitter } from '../ffmpeg/pcm';
import { MfccExtractor, type Features } from '../../shared/align/mfcc';

export const DECODE_RATE = 16000;

export interface DecodedFeatures {
  features: Features;
  audioMs: number;
}

export interface DecodeOptions {
  signal?: AbortSignal;
  /** The probed duration (0: unknown): sizes the features up front so they are never grown and copied. */
  expectedSeconds?: number;
  /** Called with the seconds decoded so far. */
  onSeconds?(seconds: number): void;
}

export function decodeFeatures(ffmpegPath: string, audioPath: string, options: DecodeOptions = {}): Promise<DecodedFeatures> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(options.signal.reason);
    const child = spawn(ffmpegPath, pcmArgs(audioPath, { rate: DECODE_RATE }), { stdio: ['ignore', 'pipe', 'pipe'] });
    const extractor = new MfccExtractor(DECODE_RATE, options.expectedSeconds ?? 0);
    const splitter = new PcmSplitter();
    let samples = 0;
    const stderr = collectStderr(child);
    let failed = false;
    const fail = (error: unknown): void => {
      if (failed) return;
      failed = true;
      child.kill('SIGKILL');
      reject(error);
    };
    const onAbort = (): void => fail(options.signal?.reason ?? new Error('aborted'));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      const whole = splitter.push(chunk) ?? new Int16Array(0);
      const n = whole.length;
      const pcm = new Float32Array(n);
      for (let k = 0; k < n; k++) pcm[k] = whole[k] / 32768;
      try {
        extractor.push(pcm);
      } catch (error) {
        fail(error);
        return;
      }
      samples += n;
      options.onSeconds?.(samples / DECODE_RATE);
    });
    // A pipe that fails mid-stream is a failed decode, not an uncaught exception of the worker.
    child.stdout.on('error', (error) => fail(new Error(`ffmpeg's output could not be read (${error.message})`)));
    child.on('error', (error) => fail(new Error(`ffmpeg could not run (${describeSpawnError(error)})`)));
    child.on('close', (code) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (failed) return;
      if (code !== 0) return fail(new Error(`ffmpeg could not decode the audio: ${lastErrorLine(stderr(), audioPath)}`));
      if (!samples) return fail(new Error('the audio has no samples'));
      resolve({ features: extractor.finish(), audioMs: (samples / DECODE_RATE) * 1000 });
    });
  });
}
