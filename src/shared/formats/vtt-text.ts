/**
 * WebVTT cue text into Duosub's markup (markup.ts): the spec's cue text tokenizer, one pass, no recursion, so
 * deep nesting or a 10 MB line cost what their length costs. Entities are decoded; the tags WebVTT knows are
 * kept in a canonical form (`<i>`, `<c.cls>`, `<v Name>`, `<lang xx>`, `<ruby>`, `<rt>`, `<00:01.000>`); tags
 * it does not know (`<font>`, `<s>`, a stray `< b`) are dropped as browsers drop them, and reported. A voice that
 * covers the whole cue becomes the cue's speaker.
 */
import { decodeReferenceAt } from './vtt-entities';
import { parseVttTimestamp } from './vtt-timing';

type Token =
  | { kind: 'text'; text: string }
  | { kind: 'start'; name: string; classes: string[]; annotation: string; line: number }
  | { kind: 'end'; name: string; line: number }
  | { kind: 'timestamp'; value: string; line: number };

const KNOWN_TAGS = new Set(['c', 'i', 'b', 'u', 'ruby', 'rt', 'v', 'lang']);
const BARE_TAGS = new Set(['i', 'b', 'u', 'ruby', 'rt']);

/** Where the tokenizer stands: index into the text and the 0-based line of the cue text. */
interface Scanner {
  raw: string;
  at: number;
  line: number;
}

/** Reads one character reference or a plain `&`; the decoded text. */
function reference(s: Scanner): string {
  const ref = decodeReferenceAt(s.raw, s.at);
  s.at += ref ? ref.length : 1;
  return ref ? ref.text : '&';
}

/** Text with its character references decoded. */
function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  const s: Scanner = { raw: text, at: 0, line: 0 };
  const out: string[] = [];
  while (s.at < text.length) {
    const amp = text.indexOf('&', s.at);
    if (amp < 0) break;
    out.push(text.slice(s.at, amp));
    s.at = amp;
    out.push(reference(s));
  }
  out.push(text.slice(s.at));
  return out.join('');
}

/** Collapses an annotation's whitespace, as the tokenizer's "start tag annotation" step does. */
function annotationOf(buffer: string): string {
  return buffer.split(/[ \t\n\f]+/).filter(Boolean).join(' ');
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

const TAG_NAME = /^[^ \t\n\f.]*/;
const TAG_SPACE = /[ \t\n\f]/;

/**
 * Reads one tag after its `<`, up to `>` (or the end: every tokenizer state ends a tag there): end tag,
 * timestamp, or start tag with its name, `.classes` and annotation (references decoded).
 */
function readTag(s: Scanner): Token {
  const line = s.line;
  const close = s.raw.indexOf('>', s.at);
  const body = s.raw.slice(s.at, close < 0 ? s.raw.length : close);
  s.at = close < 0 ? s.raw.length : close + 1;
  s.line += countLines(body);
  if (body[0] === '/') return { kind: 'end', name: body.slice(1), line };
  if (body[0] >= '0' && body[0] <= '9') return { kind: 'timestamp', value: body, line };
  const name = TAG_NAME.exec(body)![0];
  const space = body.search(TAG_SPACE);
  const classPart = body.slice(name.length, space < 0 ? body.length : space);
  const classes = classPart.split('.').filter(Boolean);
  const annotation = space < 0 ? '' : annotationOf(decodeReferences(body.slice(space + 1)));
  return { kind: 'start', name, classes, annotation, line };
}

function tokenize(raw: string): Token[] {
  const tokens: Token[] = [];
  const s: Scanner = { raw, at: 0, line: 0 };
  const pieces: string[] = [];
  const flushText = () => {
    if (pieces.length > 0) tokens.push({ kind: 'text', text: pieces.join('') });
    pieces.length = 0;
  };
  while (s.at < raw.length) {
    const next = nextSpecial(raw, s.at);
    if (next > s.at) {
      const chunk = raw.slice(s.at, next);
      s.line += countLines(chunk);
      pieces.push(chunk);
      s.at = next;
      continue;
    }
    if (raw[s.at] === '&') {
      pieces.push(reference(s));
      continue;
    }
    flushText();
    s.at++;
    tokens.push(readTag(s));
  }
  flushText();
  return tokens;
}

/** Index of the next `&` or `<` from `from` (or the end). */
function nextSpecial(raw: string, from: number): number {
  for (let i = from; i < raw.length; i++) if (raw[i] === '&' || raw[i] === '<') return i;
  return raw.length;
}

/** Keeps `<` and `>` out of a tag's annotation so the markup stays one tag. */
function safe(text: string): string {
  return text.replace(/[<>]/g, '');
}

/** The canonical markup of a tag WebVTT knows, or null for a tag browsers ignore. */
function tagMarkup(token: Exclude<Token, { kind: 'text' }>): string | null {
  if (token.kind === 'timestamp') return parseVttTimestamp(token.value) === null ? null : `<${token.value}>`;
  if (!KNOWN_TAGS.has(token.name)) return null;
  if (token.kind === 'end') return `</${token.name}>`;
  // Bold/italic/underline with classes are still bold/italic/underline; other formats know only the bare tag.
  if (BARE_TAGS.has(token.name)) return `<${token.name}>`;
  const classes = token.classes.map((c) => `.${safe(c)}`).join('');
  const annotation = token.name === 'v' || token.name === 'lang' ? token.annotation : '';
  return `<${token.name}${classes}${annotation ? ' ' + safe(annotation) : ''}>`;
}

export interface CueTextReading {
  /** The text in Duosub's markup, without the whole-cue voice. */
  text: string;
  /** The voice covering the whole cue (`<v.loud Mary>…`), when there is one with a name. */
  voice: { name: string; classes: string[] } | null;
  /** Tags browsers ignore, dropped: what they were and their 0-based line in the cue text. */
  dropped: { tag: string; line: number }[];
}

/** A token kept in the text, with its markup (tags only). */
type Kept = { token: Token; markup: string };

/** The tokens between a leading `<v Name>` and its end, when that voice is the only one and covers the cue. */
function wholeCueVoice(kept: Kept[]): { voice: CueTextReading['voice']; inner: Kept[] } {
  const first = kept[0]?.token;
  const none = { voice: null, inner: kept };
  if (!first || first.kind !== 'start' || first.name !== 'v' || first.annotation === '') return none;
  let inner = kept.slice(1);
  const last = inner[inner.length - 1]?.token;
  if (last && last.kind === 'end' && last.name === 'v') inner = inner.slice(0, -1);
  if (inner.some(({ token: t }) => (t.kind === 'start' || t.kind === 'end') && t.name === 'v')) return none;
  return { voice: { name: first.annotation, classes: first.classes.map(safe) }, inner };
}

function droppedTag(token: Exclude<Token, { kind: 'text' }>): string {
  const tag = token.kind === 'start' ? `<${token.name || token.annotation}>` : token.kind === 'end' ? `</${token.name}>` : `<${token.value}>`;
  return tag.length > 40 ? tag.slice(0, 40) + '…' : tag;
}

/** Reads one cue's text (lines joined by `\n`, NUL already replaced). */
export function readCueText(raw: string): CueTextReading {
  if (!raw.includes('<') && !raw.includes('&')) return { text: raw, voice: null, dropped: [] };
  const dropped: CueTextReading['dropped'] = [];
  const kept: Kept[] = [];
  for (const token of tokenize(raw)) {
    const markup = token.kind === 'text' ? token.text : tagMarkup(token);
    if (markup === null) dropped.push({ tag: droppedTag(token as Exclude<Token, { kind: 'text' }>), line: (token as { line: number }).line });
    else kept.push({ token, markup });
  }
  const { voice, inner } = wholeCueVoice(kept);
  return { text: inner.map((k) => k.markup).join(''), voice, dropped };
}
