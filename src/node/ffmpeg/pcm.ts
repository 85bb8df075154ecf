/**
 * Decoding any media to mono 16-bit PCM on ffmpeg's stdout, the one way both the waveform (media/peaks-decode.ts)
 * and auto-timing (align/decode.ts) read audio: the arguments, and the samples cut from chunks of any length.
 */
import { endianness } from 'node:os';
import { INPUT_PROTOCOLS } from './ffmpeg';

export interface PcmOptions {
  /** Seconds to skip before decoding (`-ss` before `-i`: a fast seek). */
  seek?: number;
  /** Seconds to decode from there (`-t`); absent: to the end. */
  read?: number;
  /** An audio filter (`-af`), e.g. a resampler of chosen quality. */
  filter?: string;
  /** The sample rate (`-ar`); absent: the filter's or the source's. */
  rate?: number;
}

/**
 * ffmpeg's arguments for `input` as mono s16le on stdout. -flush_packets 0: ffmpeg otherwise writes every decoded
 * frame to the pipe at once (~560 bytes at 8 kHz), and reading 100,000 such writes an hour cost this process more
 * CPU than using them; buffered, they come in 32 KB.
 */
export function pcmArgs(input: string, options: PcmOptions = {}): string[] {
  const { seek, read, filter, rate } = options;
  return ['-hide_banner', '-nostdin', '-v', 'error', ...INPUT_PROTOCOLS,
    ...(seek ? ['-ss', String(seek)] : []), ...(read === undefined ? [] : ['-t', String(read)]),
    '-i', input, '-vn', '-sn', '-dn', ...(filter ? ['-af', filter] : []),
    '-ac', '1', ...(rate ? ['-ar', String(rate)] : []), '-f', 's16le', '-acodec', 'pcm_s16le', '-flush_packets', '0', 'pipe:1'];
}

const LITTLE_ENDIAN = endianness() === 'LE';

/** Cuts s16le bytes arriving in chunks of any length into whole samples: an odd last byte waits for the next chunk. */
export class PcmSplitter {
  private carry: number | null = null;

  /** The whole samples of this chunk (with the byte carried over); null when there is none yet. */
  push(chunk: Buffer): Int16Array | null {
    let buffer = chunk;
    if (this.carry !== null) {
      buffer = Buffer.concat([Buffer.from([this.carry]), chunk]);
      this.carry = null;
    }
    const whole = buffer.length - (buffer.length % 2);
    if (whole < buffer.length) this.carry = buffer[whole];
    return whole === 0 ? null : samplesOf(buffer, whole);
  }
}

/** The first `bytes` of a buffer as 16-bit little-endian samples, without a copy when alignment allows. */
export function samplesOf(buffer: Buffer, bytes: number): Int16Array {
  if (LITTLE_ENDIAN && buffer.byteOffset % 2 === 0) return new Int16Array(buffer.buffer, buffer.byteOffset, bytes / 2);
  const samples = new Int16Array(bytes / 2);
  for (let i = 0; i < samples.length; i++) samples[i] = buffer.readInt16LE(2 * i);
  return samples;
}
