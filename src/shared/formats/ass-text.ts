/**
 * ASS/SSA event text → Duosub's internal markup (markup.ts). `{\i1}`/`{\b1}`/`{\u1}`/`{\s1}` and primary colours
 * become `<i> <b> <u> <s> <font color>`; the first alignment (`\anN`, SSA's legacy `\aN` mapped to the numpad)
 * becomes the leading `{\anN}`; every other tag stays in a `{\…}` block; `\N` is a line break and `\h` U+00A0.
 * Vector drawings (`\p1` … `\p0`) are never text: their commands are left out and reported. One pass, no
 * backtracking: a 10 MB line of `{` is still linear.
 */
import { assColorToHex, legacyToNumpad } from './ass-tags';

export interface AssTextOptions {
  /** `WrapStyle: 2`: the soft break `\n` is a line break too; otherwise it is a space. */
  wrapStyle2?: boolean;
}

export interface AssTextRead {
  /** The internal markup. */
  markup: string;
  /** The event held vector drawing commands (left out of `markup`). */
  drawing: boolean;
  /** Something other than tags and whitespace is shown (false for a pure drawing or an empty event). */
  visible: boolean;
}

type Kind = 'i' | 'b' | 'u' | 's' | 'font';

/** The output being built, with the HTML-like tags still open (at most one of each kind, so a short stack). */
class MarkupBuilder {
  readonly parts: string[] = [];
  private readonly open: { kind: Kind; color?: string }[] = [];
  private other: string[] = [];
  alignment: number | null = null;
  visible = false;

  text(s: string): void {
    this.flushOther();
    this.parts.push(s);
    if (!this.visible && s.trim() !== '') this.visible = true;
  }

  otherTag(tag: string): void {
    this.other.push(tag);
  }

  flushOther(): void {
    if (this.other.length === 0) return;
    this.parts.push(`{${this.other.join('')}}`);
    this.other = [];
  }

  /** Turns a kind on (with a colour for `font`); an already open kind of the same value is left alone. */
  on(kind: Kind, color?: string): void {
    const at = this.open.findIndex((t) => t.kind === kind);
    if (at >= 0 && this.open[at].color === color) return;
    if (at >= 0) this.off(kind);
    this.flushOther();
    this.open.push({ kind, color });
    this.parts.push(openTag(kind, color));
  }

  /** ASS state is flat and HTML nests: close what was opened after it, then open those again. */
  off(kind: Kind): void {
    const at = this.open.findIndex((t) => t.kind === kind);
    if (at < 0) return;
    this.flushOther();
    const reopen = this.open.splice(at + 1);
    for (let i = reopen.length - 1; i >= 0; i--) this.parts.push(closeTag(reopen[i].kind));
    this.parts.push(closeTag(kind));
    this.open.pop();
    for (const t of reopen) {
      this.open.push(t);
      this.parts.push(openTag(t.kind, t.color));
    }
  }

  closeAll(): void {
    for (let i = this.open.length - 1; i >= 0; i--) this.parts.push(closeTag(this.open[i].kind));
    this.open.length = 0;
  }

  finish(): string {
    this.flushOther();
    this.closeAll();
    const body = this.parts.join('');
    return this.alignment === null ? body : `{\\an${this.alignment}}${body}`;
  }
}

function openTag(kind: Kind, color?: string): string {
  return kind === 'font' ? `<font color="${color}">` : `<${kind}>`;
}

function closeTag(kind: Kind): string {
  return `</${kind}>`;
}

/** One override block's tags, split at backslashes outside parentheses (`\t(0,500,\fs20)` is one tag). */
export function splitTags(block: string): string[] {
  const tags: string[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < block.length; i++) {
    const c = block[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    else if (c === '\\' && depth === 0) {
      if (start >= 0) tags.push(block.slice(start, i));
      start = i;
    }
  }
  if (start >= 0) tags.push(block.slice(start));
  return tags;
}

const ITALIC = /^\\i([01]?)\s*$/;
const BOLD = /^\\b(\d*)\s*$/;
const UNDERLINE = /^\\u([01]?)\s*$/;
const STRIKE = /^\\s([01]?)\s*$/;
const COLOR = /^\\1?c\s*(?:(&H[0-9A-Fa-f]{1,8}&?)\s*)?$/;
const ALIGN_NUMPAD = /^\\an([1-9])\s*$/;
const ALIGN_LEGACY = /^\\a(\d{1,2})\s*$/;
const DRAWING = /^\\p(\d+)\s*$/;
const RESET = /^\\r/;

/** Applies one tag; returns the new drawing scale (`\pN`) or null when the tag was not `\p`. */
function applyTag(out: MarkupBuilder, tag: string): number | null {
  let m: RegExpExecArray | null;
  const toggle = (kind: Kind, value: string) => (value === '0' || value === '' ? out.off(kind) : out.on(kind));
  if ((m = DRAWING.exec(tag))) return Number(m[1]);
  if ((m = ITALIC.exec(tag))) toggle('i', m[1]);
  else if ((m = BOLD.exec(tag))) toggle('b', m[1] === '' || m[1] === '0' || (Number(m[1]) > 1 && Number(m[1]) < 700) ? '0' : '1');
  else if ((m = UNDERLINE.exec(tag))) toggle('u', m[1]);
  else if ((m = STRIKE.exec(tag))) toggle('s', m[1]);
  else if ((m = COLOR.exec(tag))) {
    const hex = m[1] ? assColorToHex(m[1]) : null;
    if (hex) out.on('font', hex);
    else out.off('font');
  } else if (out.alignment === null && (m = ALIGN_NUMPAD.exec(tag))) out.alignment = Number(m[1]);
  else if (out.alignment === null && (m = ALIGN_LEGACY.exec(tag)) && legacyToNumpad(Number(m[1])) !== null) {
    out.alignment = legacyToNumpad(Number(m[1]));
  } else {
    // `\r` resets every style override: the open tags end here; the tag itself stays for what else it resets.
    if (RESET.test(tag)) out.closeAll();
    out.otherTag(tag);
  }
  return null;
}

/** Converts one event's text. `\{` and `\}` (libass) are literal braces; an unclosed `{` is literal text. */
export function assToMarkup(raw: string, options: AssTextOptions = {}): AssTextRead {
  // Most dialogue has no tags and no escapes: the text is its own markup.
  if (raw.indexOf('{') < 0 && raw.indexOf('\\') < 0) return { markup: raw, drawing: false, visible: raw.trim() !== '' };
  const out = new MarkupBuilder();
  const special = /[{\\]/g;
  let drawing = false;
  let hadDrawing = false;
  let nextClose = raw.indexOf('}');
  let i = 0;
  while (i < raw.length) {
    special.lastIndex = i;
    const found = special.exec(raw);
    const at = found ? found.index : raw.length;
    if (at > i && !drawing) out.text(raw.slice(i, at));
    if (at >= raw.length) break;
    if (raw[at] === '{') {
      if (nextClose >= 0 && nextClose < at) nextClose = raw.indexOf('}', at);
      if (nextClose < 0) {
        if (!drawing) out.text(raw.slice(at));
        break;
      }
      for (const tag of splitTags(raw.slice(at + 1, nextClose))) {
        const scale = applyTag(out, tag);
        if (scale !== null) drawing = scale > 0;
        if (drawing) hadDrawing = true;
      }
      i = nextClose + 1;
      continue;
    }
    const next = raw[at + 1];
    if (!drawing) out.text(escapeText(next, options));
    i = at + (next === undefined || escapeText(next, options) === '\\' ? 1 : 2);
  }
  return { markup: out.finish(), drawing: hadDrawing, visible: out.visible };
}

/** What `\x` shows: `\N` a line break, `\n` a soft break, `\h` a hard space, `\{ \}` braces; else a backslash. */
function escapeText(next: string | undefined, options: AssTextOptions): string {
  switch (next) {
    case 'N': return '\n';
    case 'n': return options.wrapStyle2 ? '\n' : ' ';
    case 'h': return '\u00A0';
    case '{': return '{';
    case '}': return '}';
    default: return '\\';
  }
}
