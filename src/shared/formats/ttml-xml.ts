/**
 * Just enough XML for TTML, without a DOM (src/shared has none): a linear tokenizer that hands out start tags,
 * end tags and text, with entities decoded and names reduced to their local part (`tt:p` → `p`, `ttm:agent` →
 * `agent`). It keeps no tree (the caller keeps its own stack) and never recurses. Malformed input becomes
 * problems with line numbers; reading stops at an unterminated tag or comment, keeping what came before.
 */
import type { Problem } from '../model';

export type XmlEvent =
  | { kind: 'open'; name: string; attrs: Map<string, string>; selfClosing: boolean; line: number }
  | { kind: 'close'; name: string; line: number }
  | { kind: 'text'; text: string; line: number };

const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: '\u00a0' };
const TAG_STOP = /[>"']/g;
const ENTITY = /&(#[xX][0-9a-fA-F]{1,8}|#\d{1,10}|[A-Za-z][A-Za-z0-9]{0,31});/g;

/** Local name: the part after the namespace prefix. */
export function localName(qname: string): string {
  const colon = qname.lastIndexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

function codePoint(ref: string): string {
  const n = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
  const valid = n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff);
  return valid ? String.fromCodePoint(n) : '\ufffd';
}

/** Tracks the line of an offset; offsets must not go backwards, so the whole text is counted once. */
class LineCounter {
  private pos = 0;
  private line = 1;
  constructor(private readonly text: string) {}
  at(offset: number): number {
    for (; this.pos < offset; this.pos++) if (this.text.charCodeAt(this.pos) === 10) this.line++;
    return this.line;
  }
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
/** Stray `<` reported one by one up to this many, then counted: 10 MB of `<` must not make 10 million problems. */
const STRAY_REPORTED = 100;

export class XmlTokenizer {
  private readonly lines: LineCounter;
  private readonly unknownEntities = new Set<string>();
  private strays = 0;
  private stopped = false;

  constructor(
    private readonly text: string,
    private readonly problems: Problem[],
  ) {
    this.lines = new LineCounter(text);
  }

  decode(raw: string, line: number): string {
    if (!raw.includes('&')) return raw;
    return raw.replace(ENTITY, (whole, ref: string) => {
      if (ref[0] === '#') return codePoint(ref);
      const named = NAMED[ref];
      if (named !== undefined) return named;
      if (!this.unknownEntities.has(ref)) {
        this.unknownEntities.add(ref);
        this.problems.push({ line, message: `unknown entity "${whole}" kept as text`, severity: 'warning' });
      }
      return whole;
    });
  }

  private problem(offset: number, message: string): void {
    this.problems.push({ line: this.lines.at(offset), message, severity: 'error' });
  }

  /** Calls `emit` for each token in order. */
  run(emit: (event: XmlEvent) => void): void {
    this.tokens(emit);
    if (this.strays > STRAY_REPORTED) {
      const more = this.strays - STRAY_REPORTED;
      this.problems.push({ line: 0, message: `${more} more "<" that start no tag, read as text`, severity: 'warning' });
    }
  }

  /** Ends `run` after the token being emitted: the reader has seen enough (e.g. a root that is not TTML's). */
  stop(): void {
    this.stopped = true;
  }

  private tokens(emit: (event: XmlEvent) => void): void {
    const { text } = this;
    let pos = 0;
    while (pos < text.length && !this.stopped) {
      const lt = text.indexOf('<', pos);
      const textEnd = lt < 0 ? text.length : lt;
      if (textEnd > pos) {
        const line = this.lines.at(pos);
        emit({ kind: 'text', text: this.decode(text.slice(pos, textEnd), line), line });
      }
      if (lt < 0) return;
      const next = this.markup(lt, emit);
      if (next < 0) return;
      pos = next;
    }
  }

  /** Reads the markup at `lt`; returns where text goes on, or -1 when the rest of the file is unreadable. */
  private markup(lt: number, emit: (event: XmlEvent) => void): number {
    const { text } = this;
    if (text.startsWith('<!--', lt)) return this.skipTo(lt, '-->', 'comment');
    if (text.startsWith('<![CDATA[', lt)) {
      const end = this.skipTo(lt, ']]>', 'CDATA section');
      if (end > 0) emit({ kind: 'text', text: text.slice(lt + 9, end - 3), line: this.lines.at(lt) });
      return end;
    }
    if (text.startsWith('<?', lt)) return this.skipTo(lt, '?>', 'processing instruction');
    if (text.startsWith('<!', lt)) return this.skipTo(lt, '>', 'declaration');
    if (text[lt + 1] === '/') {
      const end = this.skipTo(lt, '>', 'end tag');
      if (end > 0) emit({ kind: 'close', name: localName(text.slice(lt + 2, end - 1).trim()), line: this.lines.at(lt) });
      return end;
    }
    if (!/[A-Za-z_:]/.test(text[lt + 1] ?? '')) {
      if (++this.strays <= STRAY_REPORTED) {
        this.problems.push({ line: this.lines.at(lt), message: 'a "<" that starts no tag is read as text (write &lt;)', severity: 'warning' });
      }
      emit({ kind: 'text', text: '<', line: this.lines.at(lt) });
      return lt + 1;
    }
    return this.startTag(lt, emit);
  }

  /** Where the text goes on after `close`, or -1 (with a problem) when it never comes. */
  private skipTo(lt: number, close: string, what: string): number {
    const end = this.text.indexOf(close, lt);
    if (end < 0) this.problem(lt, `unterminated ${what}: the rest of the file is ignored`);
    return end < 0 ? -1 : end + close.length;
  }

  private startTag(lt: number, emit: (event: XmlEvent) => void): number {
    const { text } = this;
    // The tag ends at the first `>` outside quotes: jump from one `>`/quote to the next (native search).
    let i = lt + 1;
    for (;;) {
      TAG_STOP.lastIndex = i;
      const stop = TAG_STOP.exec(text);
      i = stop ? stop.index : text.length;
      if (!stop || stop[0] === '>') break;
      const close = text.indexOf(stop[0], i + 1);
      i = close < 0 ? text.length : close + 1;
      if (close < 0) break;
    }
    if (i >= text.length) {
      this.problem(lt, 'unterminated start tag: the rest of the file is ignored');
      return -1;
    }
    const line = this.lines.at(lt);
    const selfClosing = text[i - 1] === '/';
    const body = text.slice(lt + 1, selfClosing ? i - 1 : i);
    const nameEnd = body.search(/[\s/]|$/);
    const attrs = this.attributes(body.slice(nameEnd), line);
    emit({ kind: 'open', name: localName(body.slice(0, nameEnd)), attrs, selfClosing, line });
    return i + 1;
  }

  /** `name="value"` pairs, scanned by hand: a regex here could backtrack over a long name. */
  private attributes(body: string, line: number): Map<string, string> {
    const attrs = new Map<string, string>();
    let i = 0;
    let complained = false;
    while (i < body.length) {
      while (i < body.length && (isSpace(body[i]) || body[i] === '/')) i++;
      const nameStart = i;
      while (i < body.length && !isSpace(body[i]) && body[i] !== '=' && body[i] !== '/') i++;
      const name = body.slice(nameStart, i);
      while (i < body.length && isSpace(body[i])) i++;
      if (body[i] !== '=') {
        if (name && !complained) this.problems.push({ line, message: `attribute "${name.slice(0, 40)}" has no value`, severity: 'warning' });
        complained = complained || name !== '';
        continue;
      }
      i++;
      while (i < body.length && isSpace(body[i])) i++;
      const quote = body[i] === '"' || body[i] === "'" ? body[i] : '';
      const valueStart = quote ? i + 1 : i;
      let end = quote ? body.indexOf(quote, valueStart) : valueStart;
      if (!quote) while (end < body.length && !isSpace(body[end])) end++;
      if (end < 0) end = body.length;
      // `xml:lang` keeps its prefix (`lang` alone means nothing in TTML); other names lose theirs.
      const key = name.startsWith('xml:') ? name : localName(name);
      attrs.set(key, this.decode(body.slice(valueStart, end), line));
      i = quote ? end + 1 : end;
    }
    return attrs;
  }
}
