/**
 * Text encodings, the pure part: the names users know, the byte-order marks, the Unicode encodings that
 * can be told from their bytes alone (BOM, the zero bytes of UTF-16/UTF-32), strict UTF-8, and the
 * messages. Legacy encodings (GB18030, Big5 …) are detected and decoded in main (services/text-encoding.ts),
 * which has chardet and iconv-lite; `decodeText` here reads the Unicode ones only.
 */
import { FormatError } from './formats/errors';

// TextDecoder is a global in Node and browsers but not in the ES-only lib of src/shared.
declare const TextDecoder: {
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): { decode(input?: Uint8Array): string };
};

/** An encoding name as users know it (`UTF-8`, `GB18030`, `Big5`, `windows-1252` …). */
export type TextEncodingName = string;

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

export interface OfferedEncoding {
  name: TextEncodingName;
  /** What the re-open list shows. */
  label: string;
}

/** The encodings the app offers for re-opening and exporting, Chinese first (our users' files). */
export const ENCODINGS_OFFERED: readonly OfferedEncoding[] = [
  { name: 'UTF-8', label: 'Unicode (UTF-8)' },
  { name: 'UTF-8 with BOM', label: 'Unicode (UTF-8 with BOM)' },
  { name: 'UTF-16LE', label: 'Unicode (UTF-16LE)' },
  { name: 'UTF-16BE', label: 'Unicode (UTF-16BE)' },
  { name: 'UTF-32LE', label: 'Unicode (UTF-32LE)' },
  { name: 'UTF-32BE', label: 'Unicode (UTF-32BE)' },
  { name: 'GB18030', label: 'Chinese Simplified (GB18030, GBK, GB2312)' },
  { name: 'Big5', label: 'Chinese Traditional (Big5, Big5-HKSCS)' },
  { name: 'Shift_JIS', label: 'Japanese (Shift_JIS)' },
  { name: 'EUC-JP', label: 'Japanese (EUC-JP)' },
  { name: 'EUC-KR', label: 'Korean (EUC-KR)' },
  { name: 'windows-1252', label: 'Western (windows-1252)' },
  { name: 'ISO-8859-1', label: 'Western (ISO-8859-1)' },
  { name: 'ISO-8859-15', label: 'Western (ISO-8859-15)' },
  { name: 'windows-1250', label: 'Central European (windows-1250)' },
  { name: 'ISO-8859-2', label: 'Central European (ISO-8859-2)' },
  { name: 'windows-1251', label: 'Cyrillic (windows-1251)' },
  { name: 'KOI8-R', label: 'Cyrillic (KOI8-R)' },
  { name: 'ISO-8859-5', label: 'Cyrillic (ISO-8859-5)' },
  { name: 'windows-1253', label: 'Greek (windows-1253)' },
  { name: 'ISO-8859-7', label: 'Greek (ISO-8859-7)' },
  { name: 'windows-1254', label: 'Turkish (windows-1254)' },
  { name: 'ISO-8859-9', label: 'Turkish (ISO-8859-9)' },
  { name: 'windows-1255', label: 'Hebrew (windows-1255)' },
  { name: 'ISO-8859-8', label: 'Hebrew (ISO-8859-8)' },
  { name: 'windows-1256', label: 'Arabic (windows-1256)' },
  { name: 'ISO-8859-6', label: 'Arabic (ISO-8859-6)' },
  { name: 'windows-1257', label: 'Baltic (windows-1257)' },
  { name: 'ISO-8859-4', label: 'Baltic (ISO-8859-4)' },
  { name: 'windows-1258', label: 'Vietnamese (windows-1258)' },
  { name: 'windows-874', label: 'Thai (windows-874)' },
];

/** The offered name for any spelling (`gbk`, `utf8`, `BIG5`), or null. GBK and GB2312 are read as GB18030, their superset. */
export function canonicalEncoding(name: string): TextEncodingName | null {
  const key = name.trim().toLowerCase().replace(/[\s_]/g, '-');
  const alias = ALIASES[key];
  if (alias) return alias;
  return ENCODINGS_OFFERED.find((e) => e.name.toLowerCase().replace(/[\s_]/g, '-') === key)?.name ?? null;
}

const ALIASES: Record<string, TextEncodingName> = {
  utf8: 'UTF-8', 'utf-8-bom': 'UTF-8 with BOM', 'utf-8-with-bom': 'UTF-8 with BOM', 'utf-8-sig': 'UTF-8 with BOM',
  utf16le: 'UTF-16LE', utf16be: 'UTF-16BE', 'utf-16': 'UTF-16LE', utf32le: 'UTF-32LE', utf32be: 'UTF-32BE', 'utf-32': 'UTF-32LE',
  gbk: 'GB18030', gb2312: 'GB18030', cp936: 'GB18030', 'euc-cn': 'GB18030', gb18030: 'GB18030',
  cp950: 'Big5', big5: 'Big5', big5hkscs: 'Big5', 'big5-hkscs': 'Big5', sjis: 'Shift_JIS', 'shift-jis': 'Shift_JIS', cp932: 'Shift_JIS',
  cp949: 'EUC-KR', latin1: 'ISO-8859-1', cp1252: 'windows-1252', cp1251: 'windows-1251',
};

/** Unicode encodings write a BOM (UTF-16/32 always: readers need it to know the byte order). */
export function isUnicodeEncoding(name: TextEncodingName): boolean {
  return name.startsWith('UTF-');
}

/** "“😀” (U+1F600)": a character as a message shows it. */
export function describeChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return `“${char}” (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
}

export function unencodableMessage(char: string, encoding: TextEncodingName, where?: string): string {
  return `${where ? `${where}: ` : ''}${describeChar(char)} cannot be written in ${encoding}; export as UTF-8 to keep it`;
}

export const BINARY_MESSAGE = 'binary data, not a text file (it holds NUL or control bytes); is this a subtitle file?';

/** A byte-order mark at the start: the encoding it names and its length. UTF-32LE is checked before UTF-16LE (FF FE 00 00). */
export function sniffBom(bytes: Uint8Array): { encoding: TextEncodingName; length: number } | null {
  const [a, b, c, d] = [bytes[0], bytes[1], bytes[2], bytes[3]];
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'UTF-8 with BOM', length: 3 };
  if (a === 0xff && b === 0xfe && c === 0 && d === 0 && bytes.length >= 4) return { encoding: 'UTF-32LE', length: 4 };
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return { encoding: 'UTF-32BE', length: 4 };
  if (a === 0xff && b === 0xfe) return { encoding: 'UTF-16LE', length: 2 };
  if (a === 0xfe && b === 0xff) return { encoding: 'UTF-16BE', length: 2 };
  return null;
}

/** BOM-less UTF-32 shows three zero bytes in every four of mostly-BMP text. */
export function guessUtf32(bytes: Uint8Array): 'UTF-32LE' | 'UTF-32BE' | null {
  const n = Math.min(bytes.length, 4000) & ~3;
  if (n < 8) return null;
  let le = 0;
  let be = 0;
  for (let i = 0; i < n; i += 4) {
    if (bytes[i + 3] === 0 && bytes[i + 2] <= 0x10 && bytes[i] + bytes[i + 1] > 0) le++;
    if (bytes[i] === 0 && bytes[i + 1] <= 0x10 && bytes[i + 2] + bytes[i + 3] > 0) be++;
  }
  const units = n / 4;
  if (le > units * 0.9) return 'UTF-32LE';
  if (be > units * 0.9) return 'UTF-32BE';
  return null;
}

/** BOM-less UTF-16 shows as a zero in every other byte of mostly-ASCII text. */
export function guessUtf16(bytes: Uint8Array): 'UTF-16LE' | 'UTF-16BE' | null {
  const n = Math.min(bytes.length, 2000) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return 'UTF-16LE';
  if (evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return 'UTF-16BE';
  return null;
}

/**
 * A file whose encoding its bytes alone tell: a byte-order mark (`bom: true`), or the zero bytes of BOM-less
 * UTF-32/UTF-16. Null for anything else (UTF-8 or a legacy encoding, for the caller to decide).
 */
export function decodeBySignature(bytes: Uint8Array): (DecodedText & { bom: boolean }) | null {
  const bom = sniffBom(bytes);
  if (bom) return { text: decodeUnicode(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding, bom: true };
  const unicode = guessUtf32(bytes) ?? guessUtf16(bytes);
  return unicode ? { text: decodeUnicode(bytes, unicode), encoding: unicode, bom: false } : null;
}

/**
 * The Unicode encodings only: by signature, else strict UTF-8 (the line of the first bad byte is named). For
 * code without a legacy decoder; main and the CLI use services/text-encoding.ts, which starts the same way.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  const known = decodeBySignature(bytes);
  return known ? { text: known.text, encoding: known.encoding } : { text: decodeUnicode(bytes, 'UTF-8'), encoding: 'UTF-8' };
}

/** Decodes a UTF-8/16/32 body (without its BOM); UTF-8 is strict and throws FormatError naming the line. */
export function decodeUnicode(body: Uint8Array, encoding: TextEncodingName): string {
  if (encoding.startsWith('UTF-16')) return decodeUtf16(body, encoding === 'UTF-16BE' ? 'be' : 'le');
  if (encoding.startsWith('UTF-32')) return decodeUtf32(body, encoding === 'UTF-32BE' ? 'be' : 'le');
  return decodeUtf8Strict(body);
}

/** Strict UTF-8; a bad byte is a FormatError naming its line and offset. */
export function decodeUtf8Strict(body: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
  } catch {
    const offset = firstInvalidUtf8(body);
    throw new FormatError(
      `not UTF-8 text (byte ${offset}, 0x${body[offset]?.toString(16).padStart(2, '0') ?? '??'}); ` +
        'the file mixes encodings, or re-open it with its encoding',
      lineOfOffset(body, offset),
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

/** UTF-32 by hand; a unit beyond U+10FFFF or a surrogate is a FormatError naming its line. */
function decodeUtf32(bytes: Uint8Array, order: 'le' | 'be'): string {
  const parts: string[] = [];
  let line = 1;
  let codes: number[] = [];
  for (let i = 0; i + 3 < bytes.length; i += 4) {
    const [a, b, c, d] = order === 'le' ? [bytes[i + 3], bytes[i + 2], bytes[i + 1], bytes[i]] : [bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]];
    const code = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      throw new FormatError(`not UTF-32 text (byte ${i}: 0x${code.toString(16)} is not a character)`, line);
    }
    if (code === 0x0a) line++;
    codes.push(code);
    if (codes.length === 8192) {
      parts.push(String.fromCodePoint(...codes));
      codes = [];
    }
  }
  parts.push(String.fromCodePoint(...codes));
  return parts.join('');
}

/** Offset of the first byte that breaks UTF-8 (overlongs and surrogates included), or the length when none. */
export function firstInvalidUtf8(b: Uint8Array): number {
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

/** 1-based line of a byte offset (ASCII-compatible encodings: a 0x0A byte is always a newline). */
export function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** 1-based line of a UTF-16 offset in decoded text. */
export function lineOfIndex(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
