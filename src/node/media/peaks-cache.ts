/**
 * The disk cache of waveform peaks, so a reopened file draws at once. One file per media, named by a key made of
 * its size, mtime and a hash of its first 64 KB, in audiowaveform's binary `.dat` format (version 2, 16-bit, one
 * channel), which other tools read too. Writes are atomic (temp file + rename); a file that does not parse as
 * exactly what we write is treated as absent and rewritten. The folder's size is capped (see cache-limit.ts).
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Peaks } from '../../shared/api';
import { writeFileAtomic } from '../files/files';

const HEAD_BYTES = 64 * 1024;
const HEADER_BYTES = 24;
const DAT_VERSION = 2;
const FLAG_8_BIT = 1;

export interface FileStamp {
  size: number;
  mtimeMs: number;
}

/**
 * What identifies a media file's content cheaply: its size and a hash of its head. The peaks cache keys on it, a
 * project records it (so a moved file is recognised) and the browser-mode media store files uploads under it.
 */
export interface MediaFingerprint {
  size: number;
  /** sha256 (hex) of the first 64 KB (the whole file when smaller). */
  headHash: string;
}

async function readFingerprint(path: string): Promise<MediaFingerprint & { mtimeMs: number }> {
  const handle = await fs.open(path, 'r');
  try {
    const stat = await handle.stat();
    const head = Buffer.alloc(Math.min(HEAD_BYTES, stat.size));
    if (head.length > 0) await handle.read(head, 0, head.length, 0);
    return { size: stat.size, mtimeMs: stat.mtimeMs, headHash: createHash('sha256').update(head).digest('hex') };
  } finally {
    await handle.close();
  }
}

/** The size and head hash of a file. Rejects when the file is unreadable. */
export async function mediaFingerprint(path: string): Promise<MediaFingerprint> {
  const { size, headHash } = await readFingerprint(path);
  return { size, headHash };
}

/** The cache key of a file: changes whenever its size, mtime or head changes. Rejects when the file is unreadable. */
export async function cacheKey(path: string): Promise<{ key: string; stamp: FileStamp }> {
  const { size, mtimeMs, headHash } = await readFingerprint(path);
  const key = createHash('sha256').update(`${size}:${mtimeMs}:${headHash}`).digest('hex').slice(0, 40);
  return { key, stamp: { size, mtimeMs } };
}

/** Whether the file still has the stamp it had (false when it vanished). */
export async function sameStamp(path: string, stamp: FileStamp): Promise<boolean> {
  const stat = await fs.stat(path).catch(() => null);
  return !!stat && stat.size === stamp.size && stat.mtimeMs === stamp.mtimeMs;
}

export function peaksCachePath(cacheDir: string, key: string): string {
  return join(cacheDir, 'peaks', `${key}.dat`);
}

/** audiowaveform .dat v2: int32 version, uint32 flags, int32 sample rate, int32 samples/pixel, uint32 length, int32 channels; then min/max pairs. */
export function encodeDat(peaks: Peaks, sampleRate: number): Buffer {
  const pairs = peaks.data.length >> 1;
  const buffer = Buffer.alloc(HEADER_BYTES + pairs * 4);
  buffer.writeInt32LE(DAT_VERSION, 0);
  buffer.writeUInt32LE(0, 4); // 16-bit samples
  buffer.writeInt32LE(sampleRate, 8);
  buffer.writeInt32LE(Math.round(sampleRate / peaks.peaksPerSecond), 12);
  buffer.writeUInt32LE(pairs, 16);
  buffer.writeInt32LE(1, 20);
  for (let i = 0; i < pairs * 2; i++) {
    buffer.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(peaks.data[i] * 32768))), HEADER_BYTES + i * 2);
  }
  return buffer;
}

/**
 * Parses a .dat file (8- or 16-bit, one channel). Null when it is not a complete one: truncated, another version,
 * or a resolution other than the one asked for. The duration is the pairs' span (the format has no exact one).
 */
export function decodeDat(buffer: Buffer, expected: { sampleRate: number; peaksPerSecond: number }): Peaks | null {
  if (buffer.length < HEADER_BYTES || buffer.readInt32LE(0) !== DAT_VERSION) return null;
  const flags = buffer.readUInt32LE(4);
  if (flags !== 0 && flags !== FLAG_8_BIT) return null;
  const sampleRate = buffer.readInt32LE(8);
  const samplesPerPixel = buffer.readInt32LE(12);
  if (sampleRate !== expected.sampleRate || samplesPerPixel * expected.peaksPerSecond !== sampleRate) return null;
  const pairs = buffer.readUInt32LE(16);
  if (buffer.readInt32LE(20) !== 1) return null;
  const bytes = flags === FLAG_8_BIT ? 1 : 2;
  if (buffer.length !== HEADER_BYTES + pairs * 2 * bytes) return null;
  const data = new Array<number>(pairs * 2);
  for (let i = 0; i < pairs * 2; i++) {
    const value = bytes === 2 ? buffer.readInt16LE(HEADER_BYTES + 2 * i) / 32768 : buffer.readInt8(HEADER_BYTES + i) / 128;
    // The same four decimals as the reducer: a cached read equals the decode it came from.
    data[i] = Math.round(value * 1e4) / 1e4;
  }
  return { peaksPerSecond: expected.peaksPerSecond, duration: Math.round((pairs * 1000) / expected.peaksPerSecond), data };
}

export async function readCachedPeaks(
  file: string, expected: { sampleRate: number; peaksPerSecond: number },
): Promise<Peaks | null> {
  const buffer = await fs.readFile(file).catch(() => null);
  return buffer ? decodeDat(buffer, expected) : null;
}

/** Writes the peaks to the cache atomically (readers see the old file or the whole new one, never a part). */
export async function writeCachedPeaks(file: string, peaks: Peaks, sampleRate: number): Promise<void> {
  await fs.mkdir(dirname(file), { recursive: true });
  await writeFileAtomic(file, encodeDat(peaks, sampleRate));
}
