/**
 * How plausible a legacy decoding is: the share of its non-ASCII characters that are ones text in that
 * encoding is made of. A Big5 file read as GBK is valid GBK, but its characters fall outside GB2312's
 * level-1 block (and into kana, Greek and box-drawing rows); a GBK file read as Big5 lands outside Big5's
 * frequent-character block. Data-free: the blocks are asked of iconv-lite, once per character.
 */
import iconv from 'iconv-lite';

type Family = 'simplified' | 'traditional' | 'japanese' | 'korean' | 'single-byte';

const FAMILY: Record<string, Family> = {
  GB18030: 'simplified', Big5: 'traditional', Shift_JIS: 'japanese', 'EUC-JP': 'japanese',
  'EUC-KR': 'korean',
};

/** Weights: a character typical of the encoding's text, a possible one, an unusual one, a decoding failure. */
const COMMON = 1;
const POSSIBLE = 0.5;
const BAD = -2;

/** In −2…1: the mean weight of the non-ASCII characters (0 when there are none). */
export function legacyScore(text: string, encoding: string): number {
  const family = FAMILY[encoding] ?? 'single-byte'; // UTF-8 is scored as an alphabet too (see text-encoding.ts)
  let total = 0;
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    count++;
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      // GB18030's four-byte characters (emoji, CJK extension B) turn up in Chinese files; elsewhere they are unusual.
      i++;
      total += family === 'simplified' ? POSSIBLE : 0;
      continue;
    }
    total += family === 'single-byte' ? singleByteWeight(text, i) : cjkWeight(code, family);
  }
  return count === 0 ? 0 : total / count;
}

function isBroken(code: number): boolean {
  return code === 0xfffd || (code >= 0xe000 && code <= 0xf8ff) || (code >= 0x80 && code <= 0x9f) || (code >= 0xd800 && code <= 0xdfff);
}

/** Punctuation every CJK text uses: CJK symbols, fullwidth forms, “”‘’—…·. */
function isCjkPunctuation(code: number): boolean {
  return (code >= 0x3000 && code <= 0x303f) || (code >= 0xff01 && code <= 0xff5e) || (code >= 0x2010 && code <= 0x2027) || code === 0xb7;
}

function cjkWeight(code: number, family: Exclude<Family, 'single-byte'>): number {
  if (isBroken(code)) return BAD;
  if (isCjkPunctuation(code)) return COMMON;
  const isHan = code >= 0x4e00 && code <= 0x9fff;
  switch (family) {
    case 'simplified':
      return isHan ? gb2312Weight(code) : 0;
    case 'traditional':
      return isHan && big5Frequent(code) ? COMMON : 0;
    case 'japanese':
      if (code >= 0x3040 && code <= 0x30ff) return COMMON; // hiragana, full-width katakana
      return isHan && jisLevel1(code) ? COMMON : 0;
    case 'korean':
      if (code >= 0xac00 && code <= 0xd7a3) return COMMON;
      return isHan ? POSSIBLE : 0;
  }
}

const cache = new Map<string, Uint8Array>();
function bytesIn(code: number, codec: string): Uint8Array {
  const key = `${codec}:${code}`;
  let bytes = cache.get(key);
  if (!bytes) {
    bytes = iconv.encode(String.fromCharCode(code), codec);
    if (cache.size > 200_000) cache.clear();
    cache.set(key, bytes);
  }
  return bytes;
}

/**
 * GB2312 level 1 (rows B0–D7, the 3,755 common hanzi) is common; any other hanzi possible (level 2, and the
 * traditional characters GBK added, which Chinese text saved as GBK does use).
 */
function gb2312Weight(code: number): number {
  const [lead, trail] = bytesIn(code, 'gbk');
  return lead >= 0xb0 && lead <= 0xd7 && trail >= 0xa1 ? COMMON : POSSIBLE;
}

/** Big5's frequently used characters: A440–C67E (5,401). */
function big5Frequent(code: number): boolean {
  const [lead, trail] = bytesIn(code, 'cp950');
  if (lead === undefined || trail === undefined) return false;
  return (lead >= 0xa4 && lead <= 0xc5) || (lead === 0xc6 && trail <= 0x7e);
}

/** JIS X 0208 level 1 kanji: Shift_JIS 889F–9872. */
function jisLevel1(code: number): boolean {
  const [lead] = bytesIn(code, 'shift_jis');
  return lead !== undefined && lead >= 0x88 && lead <= 0x98;
}

/**
 * A legacy CJK file read as windows-125x gives runs of accented letters and symbols with case at random.
 * So: a Latin letter with a diacritic is common beside an ASCII letter ("très", "Größe"); letters of other
 * alphabets when their case is plausible (a capital starts a word or sits among capitals); typographic
 * punctuation beside ASCII. Other symbols are unusual.
 */
function singleByteWeight(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (isBroken(code)) return BAD;
  const before = text[i - 1] ?? ' ';
  const after = text[i + 1] ?? ' ';
  if (code >= 0x2010 && code <= 0x2027) return before < '\x80' || after < '\x80' ? COMMON : 0;
  const char = text[i];
  const lower = char.toLowerCase();
  const upper = char.toUpperCase();
  if (lower === upper) return /\p{L}/u.test(char) && code > 0xbf ? POSSIBLE : 0; // uncased scripts; symbols, ª º
  // A capital right after a small letter ("ľÄ", "şÍ") is how a CJK pair looks in windows-125x.
  if (char !== lower && before.toUpperCase() !== before) return 0;
  if (code < 0x250) return isAsciiLetter(before) || isAsciiLetter(after) ? COMMON : 0;
  return COMMON;
}

function isAsciiLetter(char: string): boolean {
  return (char >= 'a' && char <= 'z') || (char >= 'A' && char <= 'Z');
}
