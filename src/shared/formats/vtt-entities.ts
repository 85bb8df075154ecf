/**
 * HTML character references in WebVTT cue text (`&amp;`, `&#x4E2D;` …), decoded as the HTML "character
 * reference in data" rules do, which is what browsers apply to cue text: numeric references with the
 * windows-1252 remapping, named ones with and (for the legacy names) without the semicolon.
 *
 * The named table holds what subtitle files use (the six WebVTT names, Latin-1, typographic punctuation);
 * the full HTML list (2,231 names) would need a library such as `entities`.
 */

/** Latin-1 names, U+00A0 … U+00FF in order: all are legacy names, valid without a semicolon. */
const LATIN1 = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute ' +
  'micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig ' +
  'Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash ' +
  'Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc ' +
  'euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml ' +
  'yacute thorn yuml'
).split(' ');

const LEGACY = new Map<string, string>([
  ['amp', '&'], ['AMP', '&'], ['lt', '<'], ['LT', '<'], ['gt', '>'], ['GT', '>'], ['quot', '"'], ['QUOT', '"'],
  ['COPY', '\u00A9'], ['REG', '\u00AE'],
  ...LATIN1.map((name, i): [string, string] => [name, String.fromCharCode(0xa0 + i)]),
]);

/** Names valid only with their semicolon. */
const NAMED = new Map<string, string>([
  ...LEGACY,
  ['lrm', '\u200E'], ['rlm', '\u200F'], ['zwj', '\u200D'], ['zwnj', '\u200C'], ['apos', "'"],
  ['ensp', '\u2002'], ['emsp', '\u2003'], ['thinsp', '\u2009'], ['ndash', '\u2013'], ['mdash', '\u2014'],
  ['lsquo', '\u2018'], ['rsquo', '\u2019'], ['sbquo', '\u201A'], ['ldquo', '\u201C'], ['rdquo', '\u201D'],
  ['bdquo', '\u201E'], ['dagger', '\u2020'], ['Dagger', '\u2021'], ['bull', '\u2022'], ['hellip', '\u2026'],
  ['permil', '\u2030'], ['prime', '\u2032'], ['Prime', '\u2033'], ['lsaquo', '\u2039'], ['rsaquo', '\u203A'],
  ['euro', '\u20AC'], ['trade', '\u2122'], ['larr', '\u2190'], ['uarr', '\u2191'], ['rarr', '\u2192'],
  ['darr', '\u2193'], ['harr', '\u2194'], ['minus', '\u2212'], ['ne', '\u2260'], ['le', '\u2264'], ['ge', '\u2265'],
  ['infin', '\u221E'], ['hearts', '\u2665'], ['spades', '\u2660'], ['clubs', '\u2663'], ['diams', '\u2666'],
]);

/** Code points 0x80–0x9F that HTML reads as windows-1252 (`&#150;` is an en dash). */
const WINDOWS_1252: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021, 0x88: 0x02c6,
  0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018, 0x92: 0x2019, 0x93: 0x201c,
  0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc, 0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a,
  0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

const LONGEST_NAME = 8;

export interface DecodedReference {
  text: string;
  /** Characters consumed from the `&` on. */
  length: number;
}

function codePointText(value: number): string {
  if (value === 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return '\uFFFD';
  return String.fromCodePoint(WINDOWS_1252[value] ?? value);
}

function isHexDigit(c: string): boolean {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

function numericReference(text: string, at: number): DecodedReference | null {
  const hex = text[at + 2] === 'x' || text[at + 2] === 'X';
  let i = at + (hex ? 3 : 2);
  let value = 0;
  const from = i;
  for (; i < text.length && (hex ? isHexDigit(text[i]) : text[i] >= '0' && text[i] <= '9'); i++) {
    // Saturate: any value past U+10FFFF reads as U+FFFD, however many digits follow.
    value = Math.min(value * (hex ? 16 : 10) + parseInt(text[i], 16), 0x110000);
  }
  if (i === from) return null;
  if (text[i] === ';') i++;
  return { text: codePointText(value), length: i - at };
}

function isAlphanumeric(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'));
}

/** The character reference starting at `text[at] === '&'`, or null when `&` is a plain ampersand there. */
export function decodeReferenceAt(text: string, at: number): DecodedReference | null {
  if (text[at + 1] === '#') return numericReference(text, at);
  let end = at + 1;
  while (end - at - 1 < LONGEST_NAME && isAlphanumeric(text[end])) end++;
  const word = text.slice(at + 1, end);
  if (text[end] === ';' && NAMED.has(word)) return { text: NAMED.get(word)!, length: end + 1 - at };
  // Legacy names decode without their semicolon, longest first (`&notit;` is `¬it;`).
  for (let n = word.length; n >= 2; n--) {
    const legacy = LEGACY.get(word.slice(0, n));
    if (legacy !== undefined) return { text: legacy, length: n + 1 };
  }
  return null;
}
