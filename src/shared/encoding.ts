/**
 * Bytes to text: sniffs the byte-order mark (and BOM-less UTF-16), decodes, and names the line of the first
 * byte that is not UTF-8 instead of silently replacing it. Legacy encodings (GB18030, Big5 …) come later.
 */
import { FormatError } from './formats/errors';

// TextDecoder is a global in Node and browsers but not in the ES-only lib of src/shared.
declare const TextDecoder: {
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): { decode(input?: Uint8Array): string };
};

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: decodeUtf8(bytes, 3), encoding: 'utf-8-bom' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeUtf16(bytes.subarray(2), 'le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: decodeUtf16(bytes.subarray(2), 'be'), encoding: 'utf-16be' };
  const guessed = guessUtf16(bytes);
  if (guessed) return { text: decodeUtf16(bytes, guessed), encoding: guessed === 'le' ? 'utf-16le' : 'utf-16be' };
  return { text: decodeUtf8(bytes, 0), encoding: 'utf-8' };
}

function decodeUtf8(bytes: Uint8Array, from: number): string {
  const body = bytes.subarray(from);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const offset = from + firstInvalidUtf8(body);
    const line = lineOfOffset(bytes, offset);
    throw new FormatError(
      `not UTF-8 text (byte ${offset}, 0x${bytes[offset]?.toString(16).padStart(2, '0') ?? '??'}); ` +
        'save the file as UTF-8 (legacy encodings such as GB18030 are not supported yet)',
      line,
    );
  }
}

/** UTF-16 decoded by hand (byte swap for BE) so it does not depend on the runtime's ICU data. */
function decodeUtf16(bytes: Uint8Array, order: 'le' | 'be'): string {
  const units = Math.floor(bytes.length / 2);
  const parts: string[] = [];
  const chunk = 8192;
  for (let start = 0; start < units; start += chunk) {
    const codes: number[] = [];
    for (let u = start; u < Math.min(units, start + chunk); u++) {
      const a = bytes[2 * u];
      const b = bytes[2 * u + 1];
      codes.push(order === 'le' ? a | (b << 8) : (a << 8) | b);
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}

/** BOM-less UTF-16 shows as a zero in every other byte of mostly-ASCII text. */
function guessUtf16(bytes: Uint8Array): 'le' | 'be' | null {
  const n = Math.min(bytes.length, 2000) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'le';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'be';
  return null;
}

/** Offset of the first byte that breaks UTF-8 (overlongs and surrogates included), or the length when none. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      const [min, max] = k === 1 ? [lo, hi] : [0x80, 0xbf];
      if (d === undefined || d < min || d > max) return i;
    }
    i += need + 1;
  }
  return b.length;
}

function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}
