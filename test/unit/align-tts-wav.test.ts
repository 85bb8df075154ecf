import { describe, expect, it } from 'vitest';
import { parseWav, trimSilence } from '../../src/node/align/tts';

/** A 16-bit mono WAV of `samples` at `rate`, with a LIST chunk of `listBytes` before the data (odd sizes are padded). */
function wav(samples: number[], rate: number, listBytes = 0): Uint8Array {
  const list = listBytes ? 8 + listBytes + (listBytes & 1) : 0;
  const bytes = new Uint8Array(44 + list + samples.length * 2);
  const view = new DataView(bytes.buffer);
  const text = (at: number, s: string) => [...s].forEach((c, k) => (bytes[at + k] = c.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, bytes.length - 8, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  let at = 36;
  if (list) {
    text(at, 'LIST');
    view.setUint32(at + 4, listBytes, true);
    at += list;
  }
  text(at, 'data');
  view.setUint32(at + 4, samples.length * 2, true);
  samples.forEach((s, k) => view.setInt16(at + 8 + 2 * k, s, true));
  return bytes;
}

describe('espeak-ng WAV', () => {
  const samples = [0, 1, -1, 32767, -32768, 1234, -4321, 0];

  it('reads the samples in place when they sit on an even byte, and the same values when they do not', () => {
    const even = wav(samples, 22050);
    const inPlace = parseWav(even);
    expect(inPlace.sampleRate).toBe(22050);
    expect(Array.from(inPlace.samples)).toEqual(samples);
    expect(inPlace.samples.buffer).toBe(even.buffer);
    // The same file one byte into a bigger buffer: its samples are on odd addresses and must be copied.
    const shifted = new Uint8Array(even.length + 1);
    shifted.set(even, 1);
    const copied = parseWav(shifted.subarray(1));
    expect(Array.from(copied.samples)).toEqual(samples);
    expect(copied.samples.buffer).not.toBe(shifted.buffer);
  });

  it('skips chunks before the data, an odd-sized one with its pad byte', () => {
    expect(Array.from(parseWav(wav(samples, 16000, 3)).samples)).toEqual(samples);
  });

  it('trims the silence around speech without copying it', () => {
    const spoken = Int16Array.from([0, 3, -2, 900, -1200, 800, 5, 0]);
    const trimmed = trimSilence(spoken);
    expect(Array.from(trimmed)).toEqual([900, -1200, 800]);
    expect(trimmed.buffer).toBe(spoken.buffer);
  });
});
