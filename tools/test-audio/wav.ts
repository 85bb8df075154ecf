/** The few PCM helpers the generator needs: a WAV header and the seeded gap generator. */

/** 44-byte canonical header for mono signed 16-bit PCM. */
export function wavHeader(samples: number, sampleRate: number): Buffer {
  const h = Buffer.alloc(44);
  const dataBytes = samples * 2;
  h.write('RIFF', 0, 'ascii');
  h.writeUInt32LE(36 + dataBytes, 4);
  h.write('WAVEfmt ', 8, 'ascii');
  h.writeUInt32LE(16, 16); // fmt chunk size
  h.writeUInt16LE(1, 20); // PCM
  h.writeUInt16LE(1, 22); // mono
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * 2, 28); // byte rate
  h.writeUInt16LE(2, 32); // block align
  h.writeUInt16LE(16, 34); // bits per sample
  h.write('data', 36, 'ascii');
  h.writeUInt32LE(dataBytes, 40);
  return h;
}

/**
 * Deterministic gaps from a seeded LCG (the glibc constants), so the same seed always gives the
 * same timeline — the same sequence as the shell prototype's `rand_ms`.
 */
export function gapGenerator(seed: number): (minMs: number, maxMs: number) => number {
  let state = BigInt(seed);
  return (minMs, maxMs) => {
    state = (state * 1103515245n + 12345n) % 2147483648n;
    return minMs + (Number(state / 65536n) % (maxMs - minMs + 1));
  };
}
