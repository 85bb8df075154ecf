/**
 * Bytes ⇄ text in every encoding we offer. Reading: BOM, BOM-less UTF-32/UTF-16, strict UTF-8, then the
 * legacy encodings — chardet proposes, and each proposal (plus GB18030 and Big5, always) is decoded and scored
 * by how many of its characters are ones that encoding's own text is made of (legacy-score.ts): chardet alone
 * cannot tell GBK from Big5 on a two-line SRT. Writing: iconv-lite, refusing any character the encoding
 * cannot hold instead of writing `?`.
 */
import chardet from 'chardet';
import iconv from 'iconv-lite';
import {
  BINARY_MESSAGE, canonicalEncoding, decodeBySignature, decodeUnicode, firstInvalidUtf8,
  lineOfIndex, sniffBom, unencodableMessage, type TextEncodingName,
} from '../../shared/encoding';
import { FormatError } from '../../shared/formats/errors';
import { legacyScore } from './legacy-score';

export { ENCODINGS_OFFERED } from '../../shared/encoding';

export interface DecodedBytes {
  text: string;
  /** The name users know: `UTF-8`, `UTF-8 with BOM`, `GB18030`, `Big5` … */
  encoding: TextEncodingName;
  /** 1 when the bytes say so (BOM, valid UTF-8, forced); below for a legacy guess. */
  confidence: number;
}

/** A character the chosen encoding cannot hold. `index` is its UTF-16 offset in the text. */
export class UnencodableError extends Error {
  constructor(
    readonly index: number,
    readonly char: string,
    readonly encoding: TextEncodingName,
  ) {
    super(unencodableMessage(char, encoding));
    this.name = 'UnencodableError';
  }
}

/** iconv-lite's name for each offered encoding. Big5 is read and written with the Hong Kong additions (a superset). */
const ICONV_NAMES: Record<string, string> = {
  GB18030: 'gb18030', Big5: 'big5hkscs', Shift_JIS: 'shift_jis', 'EUC-JP': 'euc-jp', 'EUC-KR': 'euc-kr',
  'KOI8-R': 'koi8-r',
};
export function iconvName(encoding: TextEncodingName): string {
  return ICONV_NAMES[encoding] ?? encoding.toLowerCase();
}

export function isKnownEncoding(name: string): boolean {
  return canonicalEncoding(name) !== null;
}

/** Enough bytes to judge an encoding by; cut at a newline (never a trail byte in the encodings we guess). */
const SAMPLE_BYTES = 64 * 1024;

export function decodeBytes(bytes: Uint8Array, forced?: string): DecodedBytes {
  if (forced !== undefined) return decodeForced(bytes, forced);
  const known = decodeBySignature(bytes);
  if (known) return { text: known.text, encoding: known.encoding, confidence: known.bom ? 1 : 0.9 };
  const sample = sampleOf(bytes);
  if (looksBinary(sample)) throw new FormatError(BINARY_MESSAGE, 0);
  if (firstInvalidUtf8(bytes) === bytes.length) {
    const text = decodeUnicode(bytes, 'UTF-8');
    return shortGbkLookingLikeUtf8(text, bytes, sample) ?? { text, encoding: 'UTF-8', confidence: 1 };
  }
  // Mostly valid UTF-8 with a few bad bytes: a UTF-8 file with damage, not a legacy one. Name the bad line.
  if (mostlyUtf8(sample)) decodeUnicode(bytes, 'UTF-8');
  const guess = guessLegacy(sample);
  return { text: decodeLegacy(bytes, guess.encoding), encoding: guess.encoding, confidence: guess.confidence };
}

function decodeForced(bytes: Uint8Array, forced: string): DecodedBytes {
  const encoding = canonicalEncoding(forced);
  if (!encoding) throw new FormatError(`unknown encoding "${forced}" (try UTF-8, GB18030, Big5, Shift_JIS, EUC-KR, windows-1252)`, 0);
  if (encoding.startsWith('UTF-')) {
    const bom = sniffBom(bytes);
    // The encoding's own BOM is skipped (and kept in the name: saving writes it back).
    const own = bom && (bom.encoding === encoding || (bom.encoding === 'UTF-8 with BOM' && encoding === 'UTF-8'));
    const body = encoding === 'UTF-8 with BOM' ? 'UTF-8' : encoding;
    return { text: decodeUnicode(bytes.subarray(own ? bom.length : 0), body), encoding: own ? bom.encoding : encoding, confidence: 1 };
  }
  return { text: decodeLegacy(bytes, encoding), encoding, confidence: 1 };
}

/** iconv-lite decodes bad sequences to U+FFFD; one that the bytes did not spell is a FormatError naming its line. */
function decodeLegacy(bytes: Uint8Array, encoding: TextEncodingName): string {
  const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), iconvName(encoding));
  const bad = text.indexOf('\uFFFD');
  if (bad !== -1 && countOf(text, '\uFFFD') > literalReplacements(bytes, encoding)) {
    const at = firstSpuriousReplacement(text, bytes, encoding);
    throw new FormatError(`bytes that are not ${encoding} text (the file is damaged, or in another encoding: re-open it with its encoding)`, lineOfIndex(text, at));
  }
  return text;
}

/** GB18030 can spell U+FFFD itself (84 31 A4 37); those are text, not decoding errors. */
function literalReplacements(bytes: Uint8Array, encoding: TextEncodingName): number {
  const spelled = iconv.encode('\uFFFD', iconvName(encoding));
  if (spelled.length === 1 && spelled[0] === 0x3f) return 0;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1').split(spelled.toString('latin1')).length - 1;
}

function firstSpuriousReplacement(text: string, bytes: Uint8Array, encoding: TextEncodingName): number {
  return literalReplacements(bytes, encoding) === 0 ? text.indexOf('\uFFFD') : text.lastIndexOf('\uFFFD');
}

function countOf(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}

function sampleOf(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= SAMPLE_BYTES) return bytes;
  const cut = bytes.lastIndexOf(0x0a, SAMPLE_BYTES);
  return bytes.subarray(0, cut > 0 ? cut + 1 : SAMPLE_BYTES);
}

/** Text in an ASCII-compatible encoding holds no NUL and almost no C0 controls besides tab, CR, LF, FF, ESC. */
function looksBinary(sample: Uint8Array): boolean {
  let nul = 0;
  let controls = 0;
  for (const b of sample) {
    if (b === 0) nul++;
    else if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b && b !== 0x1a) controls++;
  }
  // A few are tolerated: WebVTT reads a stray NUL as U+FFFD, and a junk file is a junk file by dozens.
  return (nul >= 8 && nul > sample.length * 0.01) || (nul + controls >= 16 && nul + controls > sample.length * 0.05);
}

/** Most byte runs above 0x7F are well-formed UTF-8 sequences (a legacy file's almost never are). */
function mostlyUtf8(sample: Uint8Array): boolean {
  let valid = 0;
  let invalid = 0;
  let i = 0;
  while (i < sample.length) {
    if (sample[i] < 0x80) {
      i++;
      continue;
    }
    const rest = sample.subarray(i, i + 4);
    const bad = firstInvalidUtf8(rest);
    const length = utf8Length(sample[i]);
    if (length > 0 && (bad >= length || bad === rest.length)) {
      valid++;
      i += length;
    } else {
      invalid++;
      i++;
    }
  }
  return valid >= 4 && valid >= invalid * 10;
}

function utf8Length(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * A few GBK characters can happen to be valid UTF-8 two-byte sequences ("确实" is C8 B7 CA B5, "ȷʵ" in UTF-8);
 * in a file of more than a few Chinese characters the chance is nil (each character ~14%). So only a valid
 * UTF-8 file with no three- or four-byte sequence and few non-ASCII characters is weighed: the Chinese reading
 * wins when it is clean and the UTF-8 one looks like no alphabet's text.
 */
function shortGbkLookingLikeUtf8(text: string, bytes: Uint8Array, sample: Uint8Array): DecodedBytes | null {
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x800) return null;
    if (code >= 0x80) nonAscii++;
  }
  if (nonAscii === 0 || nonAscii > 16) return null;
  const guess = guessLegacy(sample);
  if (!(guess.encoding === 'GB18030' || guess.encoding === 'Big5') || guess.confidence < 0.99) return null;
  if (legacyScore(text, 'UTF-8') >= 0.75) return null;
  return { text: decodeLegacy(bytes, guess.encoding), encoding: guess.encoding, confidence: 0.5 };
}

/** Chinese first: GB18030 and Big5 are always tried, whatever chardet says. */
const ALWAYS_TRIED: TextEncodingName[] = ['GB18030', 'Big5'];

function guessLegacy(sample: Uint8Array): { encoding: TextEncodingName; confidence: number } {
  const proposed = new Map<TextEncodingName, number>();
  for (const name of ALWAYS_TRIED) proposed.set(name, 0);
  for (const match of chardet.analyse(sample)) {
    // windows-1252 is what an "ISO-8859-1" file really is (WHATWG reads the label so too).
    const name = match.name === 'ISO-8859-1' ? 'windows-1252' : canonicalEncoding(match.name);
    if (!name || name.startsWith('UTF-') || (proposed.get(name) ?? 0) > match.confidence) continue;
    proposed.set(name, match.confidence);
  }
  if (!proposed.has('windows-1252')) proposed.set('windows-1252', 0);
  const body = Buffer.from(sample.buffer, sample.byteOffset, sample.byteLength);
  let best = { encoding: 'windows-1252', confidence: 0, rank: -Infinity };
  for (const [encoding, chardetConfidence] of proposed) {
    const text = iconv.decode(body, iconvName(encoding));
    const quality = legacyScore(text, encoding);
    // A reading with decoding errors loses to any clean one; chardet's word (0–100) only breaks near-ties.
    const broken = countOf(text, '\uFFFD') > literalReplacements(sample, encoding);
    const rank = quality + chardetConfidence / 1000 - (broken ? 10 : 0);
    if (rank > best.rank) best = { encoding, confidence: Math.max(0, Math.min(1, quality)), rank };
  }
  return best;
}

/**
 * Text to bytes in `encoding` (any spelling `canonicalEncoding` knows). Unicode encodings other than plain
 * UTF-8 start with a BOM. A character the encoding cannot hold is an UnencodableError, never a `?`.
 */
export function encodeText(text: string, encoding: string): Uint8Array {
  const name = canonicalEncoding(encoding);
  if (!name) throw new Error(`unknown encoding "${encoding}"`);
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  switch (name) {
    case 'UTF-8':
      return Buffer.from(body, 'utf8');
    case 'UTF-8 with BOM':
      return Buffer.from('\uFEFF' + body, 'utf8');
    case 'UTF-16LE':
    case 'UTF-16BE':
    case 'UTF-32LE':
    case 'UTF-32BE':
      return iconv.encode('\uFEFF' + body, iconvName(name));
  }
  const codec = iconvName(name);
  const bad = firstUnencodable(text, codec);
  if (bad !== -1) throw new UnencodableError(bad, String.fromCodePoint(text.codePointAt(bad) ?? 0), name);
  return iconv.encode(text, codec);
}

/** UTF-16 offset of the first character iconv-lite would turn into `?`, or -1. Judged once per distinct character. */
export function firstUnencodable(text: string, codec: string): number {
  const known = new Map<number, boolean>();
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    const point = text.codePointAt(i) ?? code;
    let fits = known.get(point);
    if (fits === undefined) {
      const bytes = iconv.encode(String.fromCodePoint(point), codec);
      fits = !(bytes.length === 1 && bytes[0] === 0x3f) && !(bytes.length === 2 && bytes[0] === 0x3f && bytes[1] === 0x3f);
      known.set(point, fits);
    }
    if (!fits) return i;
    if (point > 0xffff) i++;
  }
  return -1;
}
